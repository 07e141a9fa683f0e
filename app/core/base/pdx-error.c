/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-error.c — the error domains of pdx-core, and how a value is quoted in a message. */
#include "pdx/pdx-error.h"

#include <string.h>

/* The quark's text is the macro's first argument: clang-format would space its hyphens. */
/* clang-format off */
G_DEFINE_QUARK (pdx-db-error-quark, pdx_db_error)
G_DEFINE_QUARK (pdx-import-error-quark, pdx_import_error)
G_DEFINE_QUARK (pdx-analysis-error-quark, pdx_analysis_error)
/* clang-format on */

/* Appends one character of @text at @p (advancing it), escaped when it is a control character
 * or not UTF-8: C0 and DEL as \xNN (\n, \r, \t by name), C1 (U+0080–U+009F) as \u{NN}, a byte
 * that is not UTF-8 as \xNN. Returns FALSE at the end of @text. */
static gboolean
append_visible (GString *out, const char **p, const char *end)
{
  guchar   c = (guchar) (*p)[0];
  gunichar u;

  if (*p >= end)
    return FALSE;
  if (c < 0x80)
    {
      if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\r')
        g_string_append (out, "\\r");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c < 0x20 || c == 0x7F)
        g_string_append_printf (out, "\\x%02X", c);
      else
        g_string_append_c (out, (char) c);
      (*p)++;
      return TRUE;
    }
  u = g_utf8_get_char_validated (*p, end - *p);
  if (u == (gunichar) -1 || u == (gunichar) -2)
    {
      g_string_append_printf (out, "\\x%02X", c);
      (*p)++;
      return TRUE;
    }
  if (u >= 0x80 && u <= 0x9F)
    g_string_append_printf (out, "\\u{%02X}", u);
  else
    g_string_append_len (out, *p, g_utf8_next_char (*p) - *p);
  *p = g_utf8_next_char (*p);
  return TRUE;
}

char *
pdx_text_escape_controls (const char *text)
{
  GString    *out;
  const char *p, *end;

  if (text == NULL)
    return g_strdup ("");
  out = g_string_sized_new (strlen (text));
  p = text;
  end = text + strlen (text);
  while (append_visible (out, &p, end))
    ;
  return g_string_free (out, FALSE);
}

char *
pdx_text_shown (const char *text)
{
  GString    *out;
  const char *p, *end;
  guint       n = 0;

  if (text == NULL)
    return g_strdup ("");
  p = text;
  end = text + strlen (text);
  out = g_string_new (NULL);
  while (n < PDX_SHOWN_MAX_CHARS && append_visible (out, &p, end))
    n++;
  if (p < end)
    {
      /* The total in characters where the text is UTF-8, else in bytes. */
      if (g_utf8_validate (text, -1, NULL))
        g_string_append_printf (out, "… (%ld characters in all)", g_utf8_strlen (text, -1));
      else
        g_string_append_printf (out, "… (%" G_GSIZE_FORMAT " bytes in all)", strlen (text));
    }
  return g_string_free (out, FALSE);
}
