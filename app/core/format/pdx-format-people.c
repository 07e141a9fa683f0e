/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-format-people.c — numbers and dates as people read them (screen, report, chart labels):
 * the text is made in the C locale and then given LC_NUMERIC's separators, so the result does
 * not depend on which printf the caller's thread happens to see. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx/pdx-format.h"

#include <langinfo.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* The locale's decimal separator (LC_NUMERIC), "." when it has none. */
static const char *
decimal_separator (void)
{
  const char *radix = nl_langinfo (RADIXCHAR);

  return radix != NULL && radix[0] != '\0' ? radix : ".";
}

/* The locale's thousands separator (LC_NUMERIC), "," when it has none (C: as the app always
 * grouped counts). */
static const char *
thousands_separator (void)
{
  const char *sep = nl_langinfo (THOUSEP);

  return sep != NULL && sep[0] != '\0' ? sep : ",";
}

/* @c_text (a number printed in the C locale) with its '.' as the locale's separator. Owned. */
static char *
localise (const char *c_text)
{
  const char *dot = strchr (c_text, '.');

  if (dot == NULL)
    return g_strdup (c_text);
  return g_strdup_printf ("%.*s%s%s", (int) (dot - c_text), c_text, decimal_separator (), dot + 1);
}

char *
pdx_format_value (double value, int digits)
{
  char buffer[512];

  if (isnan (value))
    return g_strdup ("—");
  return localise (pdx_format_fixed_c (buffer, sizeof buffer, value, digits));
}

char *
pdx_format_decimal (double value, int max_digits)
{
  char  buffer[512];
  char *dot, *last;

  if (isnan (value))
    return g_strdup ("—");
  pdx_format_fixed_c (buffer, sizeof buffer, value, max_digits);
  if ((dot = strchr (buffer, '.')) != NULL)
    {
      last = buffer + strlen (buffer) - 1;
      while (last > dot && *last == '0')
        *last-- = '\0';
      if (last == dot)
        *last = '\0';
    }
  return localise (buffer);
}

char *
pdx_format_short (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value))
    return g_strdup ("—");
  return localise (g_ascii_formatd (buffer, sizeof buffer, "%g", value));
}

char *
pdx_format_scientific (double value, int digits)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE], format[16];

  if (isnan (value))
    return g_strdup ("—");
  g_snprintf (format, sizeof format, "%%.%de", CLAMP (digits, 0, 20));
  return localise (g_ascii_formatd (buffer, sizeof buffer, format, value));
}

/* Appends the decimal digits of @exponent's magnitude as superscripts, after "⁻" if negative. */
static void
append_superscript (GString *out, int exponent)
{
  static const char *const superscript[] = { "⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹" };
  char                     digits[16];

  if (exponent < 0)
    g_string_append (out, "⁻");
  g_snprintf (digits, sizeof digits, "%d", ABS (exponent));
  for (const char *d = digits; *d != '\0'; d++)
    g_string_append (out, superscript[*d - '0']);
}

char *
pdx_format_flux (double value)
{
  char             text[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *mantissa = NULL;
  char            *e;
  int              exponent;
  GString         *out;

  if (isnan (value))
    return g_strdup ("—");
  if (value == 0 || !isfinite (value))
    return g_strdup (value == 0 ? "0" : value > 0 ? "inf" : "-inf");
  g_ascii_formatd (text, sizeof text, "%.2e", value); /* "4.26e+06" */
  e = strchr (text, 'e');
  g_assert (e != NULL);
  *e = '\0';
  exponent = (int) g_ascii_strtoll (e + 1, NULL, 10);
  if (exponent >= 0 && exponent <= 2)
    return pdx_format_value (value, 2 - exponent);
  mantissa = localise (text);
  out = g_string_new (mantissa);
  g_string_append (out, "×10");
  append_superscript (out, exponent);
  return g_string_free (out, FALSE);
}

char *
pdx_format_count (guint64 count)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT, count);
  const char      *sep = thousands_separator ();
  GString         *out = g_string_new (NULL);
  gsize            n = strlen (digits);

  for (gsize i = 0; i < n; i++)
    {
      if (i > 0 && (n - i) % 3 == 0)
        g_string_append (out, sep);
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}

char *
pdx_format_date (const char *iso)
{
  g_autoptr (GDateTime) when = NULL;
  int  y, m, d;
  char tail;

  if (iso == NULL)
    return g_strdup ("—");
  if (sscanf (iso, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || strlen (iso) != 10 ||
      !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y) ||
      (when = g_date_time_new_utc (y, m, d, 0, 0, 0)) == NULL)
    return g_strdup (iso);
  /* Translators: how a day is written on screen, as a strftime pattern (German "%d.%m.%Y").
   * xgettext:no-c-format */
  return g_date_time_format (when, C_ ("date pattern", "%Y-%m-%d"));
}

char *
pdx_format_date_time (GDateTime *when)
{
  g_return_val_if_fail (when != NULL, NULL);
  /* Translators: a moment (the report's "generated" time) as a strftime pattern of
   * g_date_time_format (): date, hours:minutes, the time zone (German "%d.%m.%Y %H:%M %Z").
   * xgettext:no-c-format */
  return g_date_time_format (when, C_ ("date-time pattern", "%Y-%m-%d %H:%M %Z"));
}

char *
pdx_format_audit_time (const char *iso_utc)
{
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr (GDateTime) when = NULL, local = NULL;

  if (iso_utc == NULL)
    return g_strdup ("—");
  /* only a full date and time with a zone: a bare date would be read in @utc, silently */
  if (strlen (iso_utc) < 20 || iso_utc[10] != 'T' ||
      (when = g_date_time_new_from_iso8601 (iso_utc, utc)) == NULL ||
      (local = g_date_time_to_local (when)) == NULL)
    return g_strdup (iso_utc);
  /* Translators: when an audit entry was written, in the person's time zone, as a strftime
   * pattern of g_date_time_format (): day, month, year, hours:minutes:seconds, the zone's
   * abbreviation ("3 Dec 2026 15:02:07 CET"; German "%d.%m.%Y %H:%M:%S %Z").
   * xgettext:no-c-format */
  return g_date_time_format (local, C_ ("audit time pattern", "%-d %b %Y %H:%M:%S %Z"));
}

/* Reads 1 or 2 digits (@width 2) or exactly 4 (@width 4) at *@p into @out, moving *@p on. */
static gboolean
read_date_field (const char **p, int width, int *out)
{
  int n = 0, value = 0;

  while (n < width && g_ascii_isdigit ((*p)[n]))
    value = value * 10 + ((*p)[n++] - '0');
  if (n == 0 || (width == 4 && n != 4) || g_ascii_isdigit ((*p)[n]))
    return FALSE;
  *p += n;
  *out = value;
  return TRUE;
}

/* @text read by @pattern, a strftime pattern made only of %d, %m, %Y and literal characters
 * (each of the three once); FALSE for any other pattern or text that does not follow it. */
static gboolean
parse_by_pattern (const char *text, const char *pattern, int *y, int *m, int *d)
{
  const char *p = text;
  guint       seen = 0;

  for (const char *f = pattern; *f != '\0'; f++)
    {
      int  *field = NULL, width = 2;
      guint bit = 0;

      if (*f != '%')
        {
          if (*p++ != *f)
            return FALSE;
          continue;
        }
      switch (*++f)
        {
        case 'd':
          field = d, bit = 1;
          break;
        case 'm':
          field = m, bit = 2;
          break;
        case 'Y':
          field = y, bit = 4, width = 4;
          break;
        default:
          return FALSE;
        }
      if ((seen & bit) || !read_date_field (&p, width, field))
        return FALSE;
      seen |= bit;
    }
  return seen == 7 && *p == '\0';
}

char *
pdx_parse_date (const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text ? text : ""));
  int              y, m, d;

  if (!parse_by_pattern (copy, "%Y-%m-%d", &y, &m, &d) &&
      !parse_by_pattern (copy, C_ ("date pattern", "%Y-%m-%d"), &y, &m, &d))
    return NULL;
  if (!g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return NULL;
  return g_strdup_printf ("%04d-%02d-%02d", y, m, d);
}
