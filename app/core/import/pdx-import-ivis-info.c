/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-import-ivis-info.c — what an IVIS Living Image export says besides its numbers: the
 * acquisition time in an Image Number or a Date and Time label, and the acquisition settings of
 * the AnalyzedClickInfo.txt / ClickInfo.txt beside it (docs/import-ivis.md). */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx-import-ivis.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* A settings file larger than this is not a ClickInfo (they are a few kilobytes). */
#define CLICK_INFO_MAX_BYTES (1024 * 1024)

static gboolean
time_is_valid (int year, int month, int day, int hour, int minute, int second)
{
  return year >= 1900 && year <= 2200 && g_date_valid_dmy (day, month, year) && hour >= 0 &&
         hour < 24 && minute >= 0 && minute < 60 && second >= 0 && second < 60;
}

static char *
time_format (int year, int month, int day, int hour, int minute, int second)
{
  return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02d", year, month, day, hour, minute, second);
}

/* Reads exactly @n digits at @p. */
static gboolean
digits (const char *p, guint n, int *out)
{
  int value = 0;
  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (p[i]))
        return FALSE;
      value = value * 10 + (p[i] - '0');
    }
  *out = value;
  return TRUE;
}

char *
pdx_ivis_image_number_time (const char *image_number)
{
  const char *p = image_number;
  int         y, mo, d, h, mi, s;

  if (p == NULL || !g_ascii_isalpha (*p))
    return NULL;
  while (g_ascii_isalpha (*p))
    p++;
  if (!digits (p, 4, &y) || !digits (p + 4, 2, &mo) || !digits (p + 6, 2, &d) ||
      !digits (p + 8, 2, &h) || !digits (p + 10, 2, &mi) || !digits (p + 12, 2, &s) ||
      p[14] != '_' || !g_ascii_isdigit (p[15]))
    return NULL;
  p += 15;
  while (g_ascii_isdigit (*p))
    p++;
  while (g_ascii_isalpha (*p))
    p++;
  if (*p != '\0' || !time_is_valid (y, mo, d, h, mi, s))
    return NULL;
  return time_format (y, mo, d, h, mi, s);
}

static const char *const month_names[] = { "january",   "february", "march",    "april",
                                           "may",       "june",     "july",     "august",
                                           "september", "october",  "november", "december" };

/* "10:32:15", "10:32", with " AM"/" PM" (12-hour) or without; the rest of @text after it must
 * be empty. */
static gboolean
parse_clock (const char *text, int *hour, int *minute, int *second)
{
  char           **parts;
  guint            n;
  g_autofree char *copy = g_strstrip (g_strdup (text));
  int              pm = -1;
  gsize            len = strlen (copy);
  gboolean         ok = TRUE;

  if (len > 3 && (g_ascii_strcasecmp (copy + len - 2, "AM") == 0 ||
                  g_ascii_strcasecmp (copy + len - 2, "PM") == 0))
    {
      pm = g_ascii_toupper (copy[len - 2]) == 'P';
      copy[len - 2] = '\0';
      g_strstrip (copy);
    }
  parts = g_strsplit (copy, ":", -1);
  n = g_strv_length (parts);
  *second = 0;
  if (n < 2 || n > 3 || strlen (parts[0]) < 1 || strlen (parts[0]) > 2 || strlen (parts[1]) != 2 ||
      !digits (parts[0], (guint) strlen (parts[0]), hour) || !digits (parts[1], 2, minute) ||
      (n == 3 && (strlen (parts[2]) != 2 || !digits (parts[2], 2, second))))
    ok = FALSE;
  g_strfreev (parts);
  if (ok && pm >= 0)
    {
      if (*hour < 1 || *hour > 12)
        return FALSE;
      *hour = *hour % 12 + (pm ? 12 : 0);
    }
  return ok;
}

/* "2026-03-05 10:32:15" or "2026-03-05T10:32:15". */
static gboolean
parse_iso (const char *text, int *y, int *mo, int *d, const char **clock)
{
  if (!digits (text, 4, y) || text[4] != '-' || !digits (text + 5, 2, mo) || text[7] != '-' ||
      !digits (text + 8, 2, d) || (text[10] != ' ' && text[10] != 'T'))
    return FALSE;
  *clock = text + 11;
  return TRUE;
}

/* "Thursday, March 05, 2026 10:32:15" (the weekday is optional and not checked). */
static gboolean
parse_long (const char *text, int *y, int *mo, int *d, const char **clock)
{
  const char *p = strchr (text, ',');
  char       *end;
  long        day, year;

  if (p && !g_ascii_isdigit (p[-1]))
    text = p + 1;
  while (*text == ' ')
    text++;
  for (int m = 0; m < 12; m++)
    {
      gsize n = strlen (month_names[m]);
      if (g_ascii_strncasecmp (text, month_names[m], n) != 0 || text[n] != ' ')
        continue;
      errno = 0;
      day = strtol (text + n + 1, &end, 10);
      if (errno || end == text + n + 1 || *end != ',' || end[1] != ' ')
        return FALSE;
      p = end + 2;
      year = strtol (p, &end, 10);
      if (errno || end != p + 4 || *end != ' ')
        return FALSE;
      *y = (int) year, *mo = m + 1, *d = (int) day;
      *clock = end + 1;
      return TRUE;
    }
  return FALSE;
}

/* "3/5/2026 10:32:15 AM": month and day are read both ways; a reading is kept only when it is
 * the only valid one, or both give the same date, or @hint (a date from elsewhere) picks one. */
static gboolean
parse_slashed (
    const char *text, const char *hint, int *y, int *mo, int *d, const char **clock, gboolean *amb)
{
  char *end;
  long  a, b, year;

  *amb = FALSE;
  errno = 0;
  a = strtol (text, &end, 10);
  if (errno || end == text || *end != '/')
    return FALSE;
  text = end + 1;
  b = strtol (text, &end, 10);
  if (errno || end == text || *end != '/')
    return FALSE;
  text = end + 1;
  year = strtol (text, &end, 10);
  if (errno || end != text + 4 || *end != ' ')
    return FALSE;
  *clock = end + 1;
  *y = (int) year;
  {
    gboolean us = g_date_valid_dmy ((GDateDay) CLAMP (b, 0, 99), (GDateMonth) CLAMP (a, 0, 99),
                                    (GDateYear) CLAMP (year, 1, 9999)) &&
                  a >= 1 && a <= 12 && b >= 1 && b <= 31;
    gboolean eu = g_date_valid_dmy ((GDateDay) CLAMP (a, 0, 99), (GDateMonth) CLAMP (b, 0, 99),
                                    (GDateYear) CLAMP (year, 1, 9999)) &&
                  b >= 1 && b <= 12 && a >= 1 && a <= 31;
    if (us && eu && a != b)
      {
        g_autofree char *us_date = g_strdup_printf ("%04ld-%02ld-%02ld", year, a, b);
        g_autofree char *eu_date = g_strdup_printf ("%04ld-%02ld-%02ld", year, b, a);
        if (hint && strncmp (hint, us_date, 10) == 0)
          eu = FALSE;
        else if (hint && strncmp (hint, eu_date, 10) == 0)
          us = FALSE;
        else
          {
            *amb = TRUE;
            return FALSE;
          }
      }
    if (!us && !eu)
      return FALSE;
    *mo = (int) (us ? a : b);
    *d = (int) (us ? b : a);
  }
  return TRUE;
}

char *
pdx_ivis_parse_date_time (const char *text, const char *hint, gboolean *ambiguous)
{
  int         y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  const char *clock = NULL;
  gboolean    amb = FALSE;

  *ambiguous = FALSE;
  if (!parse_iso (text, &y, &mo, &d, &clock) && !parse_long (text, &y, &mo, &d, &clock) &&
      !parse_slashed (text, hint, &y, &mo, &d, &clock, &amb))
    {
      *ambiguous = amb;
      return NULL;
    }
  if (!parse_clock (clock, &h, &mi, &s) || !time_is_valid (y, mo, d, h, mi, s))
    return NULL;
  return time_format (y, mo, d, h, mi, s);
}

/* ---- acquisition settings ------------------------------------------------------------------- */

void
pdx_ivis_settings_clear (PdxIvisSettings *settings)
{
  g_clear_pointer (&settings->file, g_free);
  g_clear_pointer (&settings->field_of_view, g_free);
  settings->found = FALSE;
}

static gboolean
settings_fail (const char *path,
               guint       line,
               guint       column,
               const char *key,
               const char *value,
               const char *expected,
               GError    **error)
{
  g_autofree char *shown = pdx_text_shown (path);
  g_autofree char *v = pdx_text_shown (value);
  g_set_error (error, PDX_IMPORT_ERROR, PDX_IMPORT_ERROR_VALUE, _ ("%s:%u:%u: '%s' has '%s'; %s"),
               shown, line, column, key, v, expected);
  return FALSE;
}

/* A positive plain decimal. */
static gboolean
positive (const char *text, double *out)
{
  char *end;

  if (text[0] == '\0' || text[strspn (text, "0123456789.eE+")] != '\0')
    return FALSE;
  errno = 0;
  *out = g_ascii_strtod (text, &end);
  return errno == 0 && *end == '\0' && isfinite (*out) && *out > 0;
}

/* One "Key: value" line of the Luminescent Image section. */
static gboolean
settings_line (PdxIvisSettings *s, const char *path, guint number, const char *line, GError **error)
{
  const char      *colon = strchr (line, ':');
  g_autofree char *key = NULL, *value = NULL;
  guint            column;
  double           real;

  if (colon == NULL)
    return TRUE;
  key = g_strstrip (g_strndup (line, (gsize) (colon - line)));
  value = g_strstrip (g_strdup (colon + 1));
  {
    const char *start = colon + 1;
    while (*start == ' ' || *start == '\t')
      start++;
    column = (guint) g_utf8_strlen (line, start - line) + 1;
  }
  if (g_ascii_strcasecmp (key, "Binning Factor") == 0)
    {
      gint64 binning;
      if (!g_ascii_string_to_signed (value, 10, 1, 16, &binning, NULL))
        return settings_fail (path, number, column, key, value,
                              _ ("expected a whole number from 1 to 16"), error);
      s->binning = (int) binning;
    }
  else if (g_ascii_strcasecmp (key, "Exposure Time (s)") == 0 ||
           g_ascii_strcasecmp (key, "Exposure Time") == 0)
    {
      if (!positive (value, &real))
        return settings_fail (path, number, column, key, value,
                              _ ("expected seconds, a number above 0"), error);
      s->exposure_s = real;
    }
  else if (g_ascii_strcasecmp (key, "F Number") == 0 || g_ascii_strcasecmp (key, "f/stop") == 0)
    {
      if (!positive (value, &real))
        return settings_fail (path, number, column, key, value, _ ("expected a number above 0"),
                              error);
      s->f_number = real;
    }
  else if (g_ascii_strcasecmp (key, "Field of View") == 0)
    {
      if (value[0] == '\0' || strlen (value) > 40)
        return settings_fail (path, number, column, key, value,
                              _ ("expected the field of view (cm, or the stage letter)"), error);
      g_free (s->field_of_view);
      s->field_of_view = g_steal_pointer (&value);
    }
  return TRUE;
}

/* The section a "*** NAME" or "*** NAME: value" line opens. */
static char *
section_name (const char *line)
{
  const char *colon;
  line += 3;
  colon = strchr (line, ':');
  return g_strstrip (colon ? g_strndup (line, (gsize) (colon - line)) : g_strdup (line));
}

gboolean
pdx_ivis_settings_parse (
    PdxIvisSettings *settings, const char *path, const char *text, gsize len, GError **error)
{
  g_autofree char *decoded = NULL;
  g_auto (GStrv) lines = NULL;
  gboolean in_luminescent = FALSE;

  if (memchr (text, '\0', len) != NULL)
    {
      g_autofree char *shown = pdx_text_shown (path);
      g_set_error (error, PDX_IMPORT_ERROR, PDX_IMPORT_ERROR_FORMAT,
                   _ ("%s: a NUL byte (is this a binary file?); expected Living Image's text"),
                   shown);
      return FALSE;
    }
  if (!g_utf8_validate (text, (gssize) len, NULL))
    {
      decoded = g_convert (text, (gssize) len, "UTF-8", "WINDOWS-1252", NULL, NULL, NULL);
      if (decoded == NULL)
        {
          g_autofree char *shown = pdx_text_shown (path);
          g_set_error (error, PDX_IMPORT_ERROR, PDX_IMPORT_ERROR_FORMAT,
                       _ ("%s: bytes that are neither UTF-8 nor Windows-1252; expected Living "
                          "Image's text"),
                       shown);
          return FALSE;
        }
      text = decoded;
    }
  else
    decoded = g_strndup (text, len), text = decoded;
  lines = g_strsplit_set (text, "\n", -1);
  settings->binning = 0;
  settings->exposure_s = settings->f_number = NAN;
  for (guint i = 0; lines[i]; i++)
    {
      char *line = lines[i];
      gsize n = strlen (line);
      if (n && line[n - 1] == '\r')
        line[n - 1] = '\0';
      if (i == 0 && strncmp (line, "\xEF\xBB\xBF", 3) == 0)
        line += 3;
      if (strncmp (line, "***", 3) == 0)
        {
          g_autofree char *name = section_name (line);
          in_luminescent = g_ascii_strcasecmp (name, "Luminescent Image") == 0;
          continue;
        }
      if (in_luminescent && !settings_line (settings, path, i + 1, line, error))
        return FALSE;
    }
  settings->found = settings->binning > 0 || !isnan (settings->exposure_s) ||
                    !isnan (settings->f_number) || settings->field_of_view != NULL;
  return TRUE;
}

gboolean
pdx_ivis_settings_read_beside (PdxIvisSettings *settings, const char *export_path, GError **error)
{
  static const char *const names[] = { "AnalyzedClickInfo.txt", "ClickInfo.txt" };
  g_autofree char         *dir = g_path_get_dirname (export_path);

  memset (settings, 0, sizeof *settings);
  settings->exposure_s = settings->f_number = NAN;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      g_autofree char *text = NULL;
      g_autoptr (GError) local = NULL;
      gsize len;

      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        continue;
      if (!g_file_get_contents (path, &text, &len, &local))
        {
          g_set_error (error, PDX_IMPORT_ERROR, PDX_IMPORT_ERROR_IO, "%s", local->message);
          return FALSE;
        }
      if (len > CLICK_INFO_MAX_BYTES)
        {
          g_autofree char *shown = pdx_text_shown (path);
          g_autofree char *bytes = g_strdup_printf ("%" G_GSIZE_FORMAT, len);
          g_set_error (error, PDX_IMPORT_ERROR, PDX_IMPORT_ERROR_FORMAT,
                       _ ("%s: %s bytes; expected a ClickInfo file of at most 1 MiB"), shown,
                       bytes);
          return FALSE;
        }
      settings->file = g_strdup (names[i]);
      return pdx_ivis_settings_parse (settings, path, text, len, error);
    }
  return TRUE;
}
