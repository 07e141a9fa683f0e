/* pdx-import-frame.c — the frame every importer runs in: header mapping, typed fields with
 * FILE:LINE:COLUMN errors, one transaction, progress and cancellation. */
#include "pdx-import-private.h"

#include <errno.h>
#include <gio/gio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>

void
pdx_import_report_clear (PdxImportReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->created, g_ptr_array_unref);
  memset (report, 0, sizeof *report);
}

void
pdx_import_report_created (PdxImportReport *report, const char *format, ...)
{
  va_list args;

  if (report->created == NULL)
    report->created = g_ptr_array_new_with_free_func (g_free);
  va_start (args, format);
  g_ptr_array_add (report->created, g_strdup_vprintf (format, args));
  va_end (args);
}

/* A value as quoted in a message: control characters (a line break inside a quoted field) are
 * shown escaped, so that the message stays on one line. */
static char *
shown (const char *value)
{
  GString *out = g_string_new (NULL);

  for (const char *p = value ? value : ""; *p; p++)
    {
      if (*p == '\n')
        g_string_append (out, "\\n");
      else if (*p == '\r')
        g_string_append (out, "\\r");
      else if (*p == '\t')
        g_string_append (out, "\\t");
      else if ((guchar) *p < 0x20)
        g_string_append_printf (out, "\\x%02x", (guchar) *p);
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static char *
expected_columns (const PdxImportColumn *columns, guint n, gboolean required_only)
{
  GString *out = g_string_new (NULL);
  for (guint i = 0; i < n; i++)
    if (!required_only || columns[i].required)
      g_string_append_printf (out, "%s%s", out->len ? ", " : "", columns[i].name);
  return g_string_free (out, FALSE);
}

gboolean
pdx_importer_header (PdxImporter *im, GError **error)
{
  char **fields;
  guint n;

  if (!pdx_csv_reader_next (im->reader, &fields, &n, error))
    {
      if (error && *error == NULL)
        g_set_error (error, PDX_IMPORT_ERROR, PDX_IMPORT_ERROR_FORMAT,
                     "%s:1:1: the file is empty; expected a CSV header line",
                     pdx_csv_reader_get_name (im->reader));
      return FALSE;
    }
  for (guint c = 0; c < im->n_columns; c++)
    im->index[c] = -1;
  for (guint f = 0; f < n; f++)
    {
      g_autofree char *name = g_ascii_strdown (g_strstrip (fields[f]), -1);
      guint c;
      for (c = 0; c < im->n_columns; c++)
        if (g_str_equal (name, im->columns[c].name)
            || (im->columns[c].alias && g_str_equal (name, im->columns[c].alias)))
          break;
      if (c == im->n_columns)
        {
          g_autofree char *all = expected_columns (im->columns, im->n_columns, FALSE);
          g_autofree char *field = shown (fields[f]);
          g_set_error (error, PDX_IMPORT_ERROR, PDX_IMPORT_ERROR_HEADER,
                       "%s:%u:%u: unknown column '%s'; expected columns among: %s",
                       pdx_csv_reader_get_name (im->reader), pdx_csv_reader_get_line (im->reader),
                       pdx_csv_reader_get_column (im->reader, f), field, all);
          return FALSE;
        }
      if (im->index[c] >= 0)
        {
          g_autofree char *field = shown (fields[f]);
          g_set_error (error, PDX_IMPORT_ERROR, PDX_IMPORT_ERROR_HEADER,
                       "%s:%u:%u: column '%s' appears twice", pdx_csv_reader_get_name (im->reader),
                       pdx_csv_reader_get_line (im->reader),
                       pdx_csv_reader_get_column (im->reader, f), field);
          return FALSE;
        }
      im->index[c] = (int) f;
    }
  for (guint c = 0; c < im->n_columns; c++)
    if (im->columns[c].required && im->index[c] < 0)
      {
        g_autofree char *required = expected_columns (im->columns, im->n_columns, TRUE);
        g_set_error (error, PDX_IMPORT_ERROR, PDX_IMPORT_ERROR_HEADER,
                     "%s:%u:1: the header has no '%s' column; required: %s",
                     pdx_csv_reader_get_name (im->reader), pdx_csv_reader_get_line (im->reader),
                     im->columns[c].name, required);
        return FALSE;
      }
  im->n_fields = n;
  return TRUE;
}

/* g_strstrip () without its strlen and memmove for the fields (nearly all) with no outer
 * space. */
static void
strip (char *field)
{
  char *end, *start = field;

  if (field[0] == '\0')
    return;
  while (g_ascii_isspace (*start))
    start++;
  end = start + strlen (start);
  while (end > start && g_ascii_isspace (end[-1]))
    end--;
  if (start != field)
    memmove (field, start, (gsize) (end - start));
  field[end - start] = '\0';
}

gboolean
pdx_importer_next (PdxImporter *im, GError **error)
{
  guint expected = im->n_fields;

  if (!pdx_csv_reader_next (im->reader, &im->fields, &im->n_fields, error))
    return FALSE;
  im->report->rows++;
  /* Outer spaces never count: strip each field once, here, rather than at every look-up. */
  for (guint f = 0; f < im->n_fields; f++)
    strip (im->fields[f]);
  if (im->n_fields != expected)
    {
      pdx_importer_fail_row (im, error, PDX_IMPORT_ERROR_FORMAT,
                             "the row has %u field%s; expected %u like the header", im->n_fields,
                             im->n_fields == 1 ? "" : "s", expected);
      im->n_fields = expected;
      return FALSE;
    }
  if (im->progress && im->report->rows % 4096 == 0)
    {
      guint64 total, done = pdx_csv_reader_get_position (im->reader, &total);
      if (!im->progress (done, total, im->progress_data))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "import cancelled");
          return FALSE;
        }
    }
  return TRUE;
}

const char *
pdx_importer_get (PdxImporter *im, guint c)
{
  int f = im->index[c];

  if (f < 0 || (guint) f >= im->n_fields || im->fields[f][0] == '\0')
    return NULL;
  return im->fields[f];
}

gboolean
pdx_importer_fail (PdxImporter *im, GError **error, PdxImportError code, guint c,
                   const char *format, ...)
{
  va_list args;
  g_autofree char *expected = NULL;
  g_autofree char *value = shown (pdx_importer_get (im, c));
  guint column = im->index[c] >= 0 ? pdx_csv_reader_get_column (im->reader, (guint) im->index[c]) : 1;
  guint line = im->index[c] >= 0 ? pdx_csv_reader_get_field_line (im->reader, (guint) im->index[c])
                                 : pdx_csv_reader_get_line (im->reader);

  va_start (args, format);
  expected = g_strdup_vprintf (format, args);
  va_end (args);
  g_strdelimit (expected, "\r\n", ' ');
  g_set_error (error, PDX_IMPORT_ERROR, code, "%s:%u:%u: column '%s' has '%s'; %s",
               pdx_csv_reader_get_name (im->reader), line, column,
               im->columns[c].name, value, expected);
  return FALSE;
}

gboolean
pdx_importer_fail_row (PdxImporter *im, GError **error, PdxImportError code, const char *format,
                       ...)
{
  va_list args;
  g_autofree char *what = NULL;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  g_strdelimit (what, "\r\n", ' ');
  g_set_error (error, PDX_IMPORT_ERROR, code, "%s:%u:1: %s", pdx_csv_reader_get_name (im->reader),
               pdx_csv_reader_get_line (im->reader), what);
  return FALSE;
}

gboolean
pdx_importer_real (PdxImporter *im, guint c, double *out, GError **error)
{
  const char *text = pdx_importer_get (im, c);
  char *end = NULL;
  double value;

  *out = NAN;
  if (text == NULL || g_ascii_strcasecmp (text, "NA") == 0)
    return TRUE;
  /* Plain decimal notation only: strtod would also take hex ("0x15"), "inf" and "nan". */
  if (text[strspn (text, "0123456789.eE+-")] != '\0')
    return pdx_importer_fail (im, error, PDX_IMPORT_ERROR_VALUE, c, "expected a number");
  errno = 0;
  value = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || errno == ERANGE || isnan (value) || isinf (value))
    return pdx_importer_fail (im, error, PDX_IMPORT_ERROR_VALUE, c, "expected a number");
  if (value < 0)
    return pdx_importer_fail (im, error, PDX_IMPORT_ERROR_VALUE, c,
                              "expected a number of zero or more");
  *out = value;
  return TRUE;
}

gboolean
pdx_importer_int (PdxImporter *im, guint c, int min, int max, int *out, GError **error)
{
  const char *text = pdx_importer_get (im, c);
  gint64 value;

  *out = -1;
  if (text == NULL)
    return TRUE;
  if (!g_ascii_string_to_signed (text, 10, min, max, &value, NULL))
    return pdx_importer_fail (im, error, PDX_IMPORT_ERROR_VALUE, c,
                              "expected a whole number from %d to %d", min, max);
  *out = (int) value;
  return TRUE;
}

gboolean
pdx_importer_date (PdxImporter *im, guint c, char **out, GError **error)
{
  const char *text = pdx_importer_get (im, c);

  *out = NULL;
  if (text == NULL)
    return TRUE;
  if (!pdx_date_is_valid (text))
    return pdx_importer_fail (im, error, PDX_IMPORT_ERROR_VALUE, c,
                              "expected a date as YYYY-MM-DD");
  *out = g_strdup (text);
  return TRUE;
}

gboolean
pdx_importer_bool (PdxImporter *im, guint c, int *out, GError **error)
{
  const char *text = pdx_importer_get (im, c);

  *out = -1;
  if (text == NULL)
    return TRUE;
  if (g_str_equal (text, "1") || g_ascii_strcasecmp (text, "true") == 0
      || g_ascii_strcasecmp (text, "yes") == 0)
    *out = 1;
  else if (g_str_equal (text, "0") || g_ascii_strcasecmp (text, "false") == 0
           || g_ascii_strcasecmp (text, "no") == 0)
    *out = 0;
  else
    return pdx_importer_fail (im, error, PDX_IMPORT_ERROR_VALUE, c, "expected 1 or 0");
  return TRUE;
}

gboolean
pdx_importer_run (PdxDb *db, const char *path, const PdxImportColumn *columns, guint n_columns,
                  PdxImportReport *report, PdxImportProgress progress, gpointer progress_data,
                  gboolean (*body) (PdxImporter *im, GError **error), GError **error)
{
  PdxImportReport local_report = { 0 };
  g_autoptr (PdxCsvReader) reader = NULL;
  g_autofree int *index = g_new (int, n_columns);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *reason = g_strdup_printf ("import %s", base);
  PdxImporter im = { 0 };
  gboolean ok;

  if (report == NULL)
    report = &local_report;
  pdx_import_report_clear (report);
  reader = pdx_csv_reader_open (path, error);
  if (reader == NULL)
    return FALSE;
  im = (PdxImporter) { .db = db, .reader = reader, .report = report, .progress = progress,
                       .progress_data = progress_data, .columns = columns,
                       .n_columns = n_columns, .index = index };
  if (!pdx_importer_header (&im, error) || !pdx_db_begin (db, error))
    {
      pdx_import_report_clear (report);
      return FALSE;
    }
  pdx_db_set_reason (db, reason);
  ok = body (&im, error);
  pdx_db_set_reason (db, NULL);
  if (ok)
    ok = pdx_db_commit (db, error);
  else
    pdx_db_rollback (db);
  if (!ok)
    pdx_import_report_clear (report);
  pdx_import_report_clear (&local_report);
  return ok;
}
