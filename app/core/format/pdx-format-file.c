/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-format-file.c — numbers and dates for files (CSV, XLSX text, CLI tables) and the readers
 * of typed numbers: the C locale always, so a file is the same under every user's locale. */
#include "pdx/pdx-format.h"

#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

char *
pdx_format_number (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value) || isinf (value))
    return g_strdup ("");
  if (value == 0)
    return g_strdup ("0");
  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.12g", value));
}

char *
pdx_format_fixed_c (char *buffer, gsize size, double value, int digits)
{
  char format[16];

  g_return_val_if_fail (buffer != NULL && size >= G_ASCII_DTOSTR_BUF_SIZE, NULL);
  g_snprintf (format, sizeof format, "%%.%df", CLAMP (digits, 0, 20));
  return g_ascii_formatd (buffer, (int) size, format, value);
}

char *
pdx_format_today (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

gboolean
pdx_parse_number (const char *text, double *out)
{
  g_autofree char *copy = g_strstrip (g_strdup (text ? text : ""));
  char            *end = NULL;
  double           value;

  if (copy[0] == '\0')
    {
      *out = NAN;
      return TRUE;
    }
  /* Where the locale groups digits with commas (English), "1,234" is a thousand and more:
   * refused rather than read as 1.234. Elsewhere a comma is the decimal separator. */
  if (strchr (copy, ',') != NULL && g_strcmp0 (nl_langinfo (THOUSEP), ",") == 0)
    return FALSE;
  g_strdelimit (copy, ",", '.');
  value = g_ascii_strtod (copy, &end);
  if (end == copy || *end != '\0' || !isfinite (value))
    return FALSE;
  *out = value;
  return TRUE;
}

/* @text as a GDate when it is exactly a valid YYYY-MM-DD. */
static gboolean
parse_iso_date (const char *text, GDate *date)
{
  int  y, m, d;
  char tail;

  if (text == NULL || sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
    return FALSE;
  if (!g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

gboolean
pdx_days_between (const char *from, const char *to, int *days)
{
  GDate a, b;

  g_date_clear (&a, 1);
  g_date_clear (&b, 1);
  if (!parse_iso_date (from, &a) || !parse_iso_date (to, &b))
    return FALSE;
  *days = g_date_days_between (&a, &b);
  return TRUE;
}
