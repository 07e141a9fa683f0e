/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-import-frame.c — the frame every importer runs in: header mapping, typed fields with
 * FILE:LINE:COLUMN errors, one transaction, progress and cancellation. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx-import-private.h"
#include "pdx/pdx-xlsx.h"

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
  g_clear_pointer (&report->unusual, g_ptr_array_unref);
  g_clear_pointer (&report->rois, g_ptr_array_unref);
  g_clear_pointer (&report->warnings, g_ptr_array_unref);
  g_clear_pointer (&report->views_rule, g_free);
  g_clear_pointer (&report->settings, g_free);
  g_clear_pointer (&report->source, g_free);
  memset (report, 0, sizeof *report);
}

void
pdx_import_report_created (PdxImportReport *report, const char *format, ...)
{
  va_list          args;
  g_autofree char *line = NULL;

  if (report->created == NULL)
    report->created = g_ptr_array_new_with_free_func (g_free);
  va_start (args, format);
  line = g_strdup_vprintf (format, args);
  va_end (args);
  /* Printed on a terminal by the CLI: names from the file are shown, not obeyed. */
  g_ptr_array_add (report->created, pdx_text_escape_controls (line));
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

/* @name starts with @prefix, then a space, '[' or '(' (its unit, however spelled). */
static gboolean
matches_prefix (const char *name, const char *prefix)
{
  gsize n = strlen (prefix);
  return strncmp (name, prefix, n) == 0 &&
         (name[n] == ' ' || name[n] == '[' || name[n] == '(' || name[n] == '\0');
}

/* A CSV file whose header is one field holding ';': what Excel writes where the decimal
 * separator is a comma. Said so, rather than "unknown column 'study;mouse;…'". */
static gboolean
refuse_semicolons (PdxImporter *im, GError **error)
{
  g_autofree char *name = pdx_text_shown (pdx_records_get_name (im->records));
  g_autofree char *at = pdx_records_dup_where (im->records, 0);

  g_set_error (error, PDX_IMPORT_ERROR, PDX_IMPORT_ERROR_HEADER,
               _ ("%s:%s: the header has ';' and no ','; the file looks semicolon-separated (as "
                  "Excel writes in a German locale): use --decimal-comma"),
               name, at);
  return FALSE;
}

gboolean
pdx_importer_header (PdxImporter *im, GError **error)
{
  char **fields;
  guint  n;

  if (!pdx_records_next (im->records, &fields, &n, error))
    {
      if (error && *error == NULL)
        g_set_error (error, PDX_IMPORT_ERROR, PDX_IMPORT_ERROR_FORMAT,
                     _ ("%s:1:1: the file is empty; expected a CSV header line"),
                     pdx_records_get_name (im->records));
      return FALSE;
    }
  if (!im->decimal_comma && im->reader && n == 1 &&
      pdx_csv_reader_get_delimiter (im->reader) == ',' && strchr (fields[0], ';'))
    return refuse_semicolons (im, error);
  for (guint c = 0; c < im->n_columns; c++)
    im->index[c] = -1;
  for (guint f = 0; f < n; f++)
    {
      g_autofree char *name = g_ascii_strdown (g_strstrip (fields[f]), -1);
      guint            c;
      for (c = 0; c < im->n_columns; c++)
        if (g_str_equal (name, im->columns[c].name) ||
            (im->columns[c].alias && g_str_equal (name, im->columns[c].alias)))
          break;
      for (guint p = 0; c == im->n_columns && p < im->n_columns; p++)
        if (im->columns[p].prefix && matches_prefix (name, im->columns[p].name))
          c = p;
      if (c == im->n_columns && im->ignore_unknown)
        continue;
      if (c == im->n_columns)
        {
          g_autofree char *all = expected_columns (im->columns, im->n_columns, FALSE);
          g_autofree char *field = pdx_text_shown (fields[f]);
          g_autofree char *at = pdx_records_dup_where (im->records, (int) f);
          g_set_error (error, PDX_IMPORT_ERROR, PDX_IMPORT_ERROR_HEADER,
                       _ ("%s:%s: unknown column '%s'; expected columns among: %s"),
                       pdx_records_get_name (im->records), at, field, all);
          return FALSE;
        }
      if (im->index[c] >= 0)
        {
          g_autofree char *field = pdx_text_shown (fields[f]);
          g_autofree char *at = pdx_records_dup_where (im->records, (int) f);
          g_set_error (error, PDX_IMPORT_ERROR, PDX_IMPORT_ERROR_HEADER,
                       _ ("%s:%s: column '%s' appears twice"), pdx_records_get_name (im->records),
                       at, field);
          return FALSE;
        }
      im->index[c] = (int) f;
    }
  for (guint c = 0; c < im->n_columns; c++)
    if (im->columns[c].required && im->index[c] < 0)
      {
        g_autofree char *required = expected_columns (im->columns, im->n_columns, TRUE);
        g_autofree char *at = pdx_records_dup_where (im->records, -1);
        g_set_error (error, PDX_IMPORT_ERROR, PDX_IMPORT_ERROR_HEADER,
                     _ ("%s:%s: the header has no '%s' column; required: %s"),
                     pdx_records_get_name (im->records), at, im->columns[c].name, required);
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

  if (!pdx_records_next (im->records, &im->fields, &im->n_fields, error))
    return FALSE;
  im->report->rows++;
  /* Outer spaces never count: strip each field once, here, rather than at every look-up. */
  for (guint f = 0; f < im->n_fields; f++)
    strip (im->fields[f]);
  if (im->n_fields != expected)
    {
      pdx_importer_fail_row (
          im, error, PDX_IMPORT_ERROR_FORMAT,
          /* Translators: the fields of the row, then of the header. */
          g_dngettext (GETTEXT_PACKAGE, "the row has %u field; expected %u like the header",
                       "the row has %u fields; expected %u like the header", im->n_fields),
          im->n_fields, expected);
      im->n_fields = expected;
      return FALSE;
    }
  if (im->progress && im->report->rows % 4096 == 0)
    {
      guint64 total, done = pdx_records_get_position (im->records, &total);
      if (!im->progress (done, total, im->progress_data))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _ ("import cancelled"));
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
pdx_importer_fail (
    PdxImporter *im, GError **error, PdxImportError code, guint c, const char *format, ...)
{
  va_list          args;
  g_autofree char *expected = NULL;
  g_autofree char *safe = NULL;
  g_autofree char *tail = NULL;
  g_autofree char *value = pdx_text_shown (pdx_importer_get (im, c));
  g_autofree char *at = pdx_records_dup_where (im->records, im->index[c]);

  va_start (args, format);
  expected = g_strdup_vprintf (format, args);
  va_end (args);
  g_strdelimit (expected, "\r\n", ' ');
  /* Whatever the tail quotes (a study code, a model's message) stays on one visible line. */
  safe = pdx_text_escape_controls (expected);
  /* Translators: the CSV column's name (not translated), the value found, then what was
   * expected. The "FILE:LINE:COLUMN: " in front stays untranslated: scripts parse it. */
  tail = g_strdup_printf (_ ("column '%s' has '%s'; %s"), im->columns[c].name, value, safe);
  g_set_error (error, PDX_IMPORT_ERROR, code, "%s:%s: %s", pdx_records_get_name (im->records), at,
               tail);
  return FALSE;
}

gboolean
pdx_importer_fail_row (
    PdxImporter *im, GError **error, PdxImportError code, const char *format, ...)
{
  va_list          args;
  g_autofree char *what = NULL;
  g_autofree char *safe = NULL;
  g_autofree char *at = pdx_records_dup_where (im->records, -1);

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  g_strdelimit (what, "\r\n", ' ');
  safe = pdx_text_escape_controls (what);
  g_set_error (error, PDX_IMPORT_ERROR, code, "%s:%s: %s", pdx_records_get_name (im->records), at,
               safe);
  return FALSE;
}

/* With decimal commas, "19,6" is 19.6 (a copy with the point, in @buffer); a point is then
 * refused, since "1.234" is a thousand and more where commas are decimal. NULL after setting
 * @error. */
static const char *
decimal_comma_text (
    PdxImporter *im, guint c, const char *text, char *buffer, gsize size, GError **error)
{
  const char *comma = strchr (text, ',');

  if (strchr (text, '.') != NULL)
    return pdx_importer_fail (im, error, PDX_IMPORT_ERROR_VALUE, c,
                              _ ("expected a number with a decimal comma (19,6), as the import "
                                 "reads decimal commas")),
           NULL;
  if (comma == NULL)
    return text;
  if (strchr (comma + 1, ',') != NULL || strlen (text) >= size)
    return pdx_importer_fail (im, error, PDX_IMPORT_ERROR_VALUE, c, _ ("expected a number")), NULL;
  g_strlcpy (buffer, text, size);
  buffer[comma - text] = '.';
  return buffer;
}

gboolean
pdx_importer_real (PdxImporter *im, guint c, double *out, GError **error)
{
  const char *text = pdx_importer_get (im, c);
  char       *end = NULL;
  char        buffer[64];
  double      value;

  *out = NAN;
  if (text == NULL || g_ascii_strcasecmp (text, "NA") == 0)
    return TRUE;
  if (im->decimal_comma &&
      (text = decimal_comma_text (im, c, text, buffer, sizeof buffer, error)) == NULL)
    return FALSE;
  /* Plain decimal notation only: strtod would also take hex ("0x15"), "inf" and "nan". */
  if (text[strspn (text, "0123456789.eE+-")] != '\0')
    return pdx_importer_fail (im, error, PDX_IMPORT_ERROR_VALUE, c, _ ("expected a number"));
  errno = 0;
  value = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || errno == ERANGE || isnan (value) || isinf (value))
    return pdx_importer_fail (im, error, PDX_IMPORT_ERROR_VALUE, c, _ ("expected a number"));
  if (value < 0)
    return pdx_importer_fail (im, error, PDX_IMPORT_ERROR_VALUE, c,
                              _ ("expected a number of zero or more"));
  *out = value;
  return TRUE;
}

gboolean
pdx_importer_int (PdxImporter *im, guint c, int min, int max, int *out, GError **error)
{
  const char *text = pdx_importer_get (im, c);
  gint64      value;

  *out = -1;
  if (text == NULL)
    return TRUE;
  if (!g_ascii_string_to_signed (text, 10, min, max, &value, NULL))
    return pdx_importer_fail (im, error, PDX_IMPORT_ERROR_VALUE, c,
                              _ ("expected a whole number from %d to %d"), min, max);
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
                              _ ("expected a date as YYYY-MM-DD"));
  *out = g_strdup (text);
  return TRUE;
}

gboolean
pdx_importer_check_past (PdxImporter *im, guint c, const char *date, GError **error)
{
  if (date == NULL || strcmp (date, im->today) <= 0)
    return TRUE;
  return pdx_importer_fail (im, error, PDX_IMPORT_ERROR_VALUE, c,
                            _ ("%s is after today (%s); expected a date that has happened"), date,
                            im->today);
}

gboolean
pdx_importer_past_date (PdxImporter *im, guint c, char **out, GError **error)
{
  if (!pdx_importer_date (im, c, out, error))
    return FALSE;
  if (!pdx_importer_check_past (im, c, *out, error))
    {
      g_clear_pointer (out, g_free);
      return FALSE;
    }
  return TRUE;
}

/* "FILE:LINE:COLUMN: " of column @c of the current record (the record's start if absent). */
static char *
where (PdxImporter *im, guint c)
{
  g_autofree char *at = pdx_records_dup_where (im->records, im->index[c]);
  g_autofree char *name = pdx_text_shown (pdx_records_get_name (im->records));

  return g_strdup_printf ("%s:%s", name, at);
}

gboolean
pdx_importer_quantity (PdxImporter *im, guint c, PdxQuantity quantity, double value, GError **error)
{
  g_autofree char *message = NULL;
  PdxPlausibility  verdict = pdx_quantity_check (quantity, value, &message);

  if (verdict == PDX_IMPLAUSIBLE)
    return pdx_importer_fail (im, error, PDX_IMPORT_ERROR_VALUE, c, "%s", message);
  if (verdict == PDX_UNUSUAL)
    {
      g_autofree char *at = where (im, c);
      if (im->report->unusual == NULL)
        im->report->unusual = g_ptr_array_new_with_free_func (g_free);
      if (im->first_unusual == NULL)
        im->first_unusual = g_strdup (at);
      if (im->report->unusual->len < PDX_IMPORT_MAX_UNUSUAL)
        g_ptr_array_add (im->report->unusual, g_strdup_printf ("%s: %s", at, message));
      im->report->n_unusual++;
    }
  return TRUE;
}

gboolean
pdx_importer_bool (PdxImporter *im, guint c, int *out, GError **error)
{
  const char *text = pdx_importer_get (im, c);

  *out = -1;
  if (text == NULL)
    return TRUE;
  if (g_str_equal (text, "1") || g_ascii_strcasecmp (text, "true") == 0 ||
      g_ascii_strcasecmp (text, "yes") == 0)
    *out = 1;
  else if (g_str_equal (text, "0") || g_ascii_strcasecmp (text, "false") == 0 ||
           g_ascii_strcasecmp (text, "no") == 0)
    *out = 0;
  else
    return pdx_importer_fail (im, error, PDX_IMPORT_ERROR_VALUE, c, _ ("expected 1 or 0"));
  return TRUE;
}

/* Refuses to read the lab itself (or its -wal, -shm, -journal) as a CSV file: only SQLite may
 * open those, since closing any other descriptor of the file drops SQLite's POSIX locks. Only
 * stat(2) is used here, which opens nothing. */
static gboolean
refuse_lab_itself (PdxDb *db, const char *path, GError **error)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };
  const char              *lab = pdx_db_get_path (db);
  GStatBuf                 input, file;

  if (lab == NULL || g_stat (path, &input) != 0)
    return TRUE; /* opening it reports what is wrong */
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (lab, suffixes[i], NULL);
      if (g_stat (name, &file) == 0 && file.st_dev == input.st_dev && file.st_ino == input.st_ino)
        {
          g_autofree char *shown = pdx_text_shown (path);
          g_set_error (error, PDX_IMPORT_ERROR, PDX_IMPORT_ERROR_IO,
                       _ ("%s: this is the lab itself%s, not a CSV file to import"), shown,
                       i ? _ (" (a file SQLite keeps beside it)") : "");
          return FALSE;
        }
    }
  return TRUE;
}

/* The refusal of an import that holds values outside their usual range: one line that says
 * what to do, then the values, one per line ("and N more" past the first ten). */
static gboolean
refuse_unusual (PdxImporter *im, GError **error)
{
  const PdxImportReport *r = im->report;
  GString               *text = g_string_new (NULL);

  /* The "FILE:LINE:COLUMN" of the first unusual value stays untranslated in front. */
  g_string_printf (text, "%s: ", im->first_unusual);
  g_string_append_printf (text,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "%u value is outside the usual range; check it, then "
                                       "import again accepting unusual values (nothing was "
                                       "imported):",
                                       "%u values are outside the usual range; check them, then "
                                       "import again accepting unusual values (nothing was "
                                       "imported):",
                                       r->n_unusual),
                          r->n_unusual);
  for (guint i = 0; i < r->unusual->len; i++)
    g_string_append_printf (text, "\n  %s", (const char *) g_ptr_array_index (r->unusual, i));
  if (r->n_unusual > r->unusual->len)
    {
      g_string_append (text, "\n  ");
      g_string_append_printf (text, _ ("and %u more"), r->n_unusual - r->unusual->len);
    }
  g_set_error_literal (error, PDX_IMPORT_ERROR, PDX_IMPORT_ERROR_UNUSUAL, text->str);
  g_string_free (text, TRUE);
  return FALSE;
}

/* A failed import reports nothing created; the unusual values that refused it stay listed,
 * and so do an instrument export's ROIs when unusual values or ROIs matching no mouse refused
 * it (the preview shows them). */
static void
report_failed (PdxImportReport *report, const GError *error)
{
  PdxImportReport kept = { 0 };
  gboolean        unusual = g_error_matches (error, PDX_IMPORT_ERROR, PDX_IMPORT_ERROR_UNUSUAL);
  gboolean        unmatched = g_error_matches (error, PDX_IMPORT_ERROR, PDX_IMPORT_ERROR_UNMATCHED);

  if (unusual)
    {
      kept.unusual = g_steal_pointer (&report->unusual);
      kept.n_unusual = report->n_unusual;
    }
  if (unusual || unmatched)
    {
      kept.rois = g_steal_pointer (&report->rois);
      kept.n_unmatched = report->n_unmatched;
      kept.warnings = g_steal_pointer (&report->warnings);
      kept.views_rule = g_steal_pointer (&report->views_rule);
      kept.settings = g_steal_pointer (&report->settings);
    }
  pdx_import_report_clear (report);
  *report = kept;
}

/* The import's own audit entry: which file, proven by its size and SHA-256, and its rows. */
static gboolean
record_provenance (PdxImporter *im, GError **error)
{
  g_autofree char *file = g_path_get_basename (pdx_records_get_name (im->records));
  PdxStmt         *stmt = pdx_db_prepare (
              im->db,
              "INSERT INTO audit_log (operator, operator_name, table_name, row_id, action, new_values,"
                      " reason) VALUES (pdx_operator (), pdx_operator_name (), 'import', 0, 'import',"
                      " json_object ('file', ?1, 'size', ?2, 'sha256', ?3, 'file_rows', ?4), pdx_reason ())",
              error);

  if (stmt == NULL)
    return FALSE;
  pdx_stmt_bind_text (stmt, 1, file);
  pdx_stmt_bind_int64 (stmt, 2, (gint64) pdx_records_get_size (im->records));
  pdx_stmt_bind_text (stmt, 3, pdx_records_get_sha256 (im->records));
  pdx_stmt_bind_int64 (stmt, 4, im->report->rows);
  if (pdx_stmt_step (stmt, NULL) != PDX_STEP_DONE)
    {
      pdx_stmt_reset (stmt);
      return pdx_db_step_error (im->db, error, "writing the import's audit entry");
    }
  pdx_stmt_reset (stmt);
  return TRUE;
}

gboolean
pdx_importer_run (PdxDb                  *db,
                  const char             *path,
                  const PdxImportColumn  *columns,
                  guint                   n_columns,
                  PdxImportReport        *report,
                  const PdxImportOptions *options,
                  gboolean (*body) (PdxImporter *im, GError **error),
                  GError **error)
{
  return pdx_importer_run_setup (db, path, NULL, columns, n_columns, report, options, body, error);
}

/* The file's records: a worksheet of a workbook (by its name), or CSV; how it was read goes
 * to report->source. */
static PdxRecords *
open_records (const char             *path,
              const PdxImporterSetup *setup,
              const PdxImportOptions *options,
              PdxImportReport        *report,
              GError                **error)
{
  PdxCsvFlags   flags = setup->csv_flags;
  PdxCsvReader *reader;

  if (pdx_xlsx_is_workbook_name (path) && !setup->text_only)
    {
      PdxRecords *sheet = pdx_xlsx_open (path, options->sheet, error);
      if (sheet)
        /* Translators: the sheet as a cell reference names it (Sheet1, 'Dose weights'). */
        report->source =
            g_strdup_printf (_ ("sheet %s of the workbook"), pdx_records_get_sheet (sheet));
      return sheet;
    }
  if (options->sheet)
    {
      g_autofree char *shown = pdx_text_shown (path);
      g_set_error (error, PDX_IMPORT_ERROR, PDX_IMPORT_ERROR_FORMAT,
                   _ ("%s: not an Excel workbook (.xlsx), so it has no sheet to choose"), shown);
      return NULL;
    }
  if (options->decimal_comma)
    flags |= PDX_CSV_SNIFF_SEMICOLON | PDX_CSV_SNIFF_TAB;
  reader = pdx_csv_reader_open_with (path, flags, error);
  if (reader == NULL)
    return NULL;
  if (pdx_csv_reader_get_delimiter (reader) == ';')
    report->source = g_strdup (_ ("the file as semicolon-separated, with decimal commas"));
  else if (options->decimal_comma)
    report->source = g_strdup (pdx_csv_reader_get_delimiter (reader) == '\t'
                                   ? _ ("the file as tab-separated, with decimal commas")
                                   : _ ("the file as comma-separated, with decimal commas"));
  return pdx_records_new_for_csv (reader);
}

gboolean
pdx_importer_run_setup (PdxDb                  *db,
                        const char             *path,
                        const PdxImporterSetup *setup,
                        const PdxImportColumn  *columns,
                        guint                   n_columns,
                        PdxImportReport        *report,
                        const PdxImportOptions *options,
                        gboolean (*body) (PdxImporter *im, GError **error),
                        GError **error)
{
  static const PdxImportOptions defaults = { 0 };
  static const PdxImporterSetup csv = { 0 };
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  GError          *local = NULL;
  PdxImportReport  local_report = { 0 };
  g_autoptr (PdxRecords) records = NULL;
  g_autofree int  *index = g_new (int, n_columns);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *reason = NULL, *why = NULL;
  PdxImporter      im = { 0 };
  gboolean         ok;

  if (options == NULL)
    options = &defaults;
  if (setup == NULL)
    setup = &csv;
  why = g_strstrip (g_strdup (options->reason ? options->reason : ""));
  reason =
      why[0] ? g_strdup_printf ("import %s: %s", base, why) : g_strdup_printf ("import %s", base);
  if (report == NULL)
    report = &local_report;
  pdx_import_report_clear (report);
  if (!refuse_lab_itself (db, path, error))
    return FALSE;
  records = open_records (path, setup, options, report, error);
  if (records == NULL)
    return FALSE;
  im = (PdxImporter){ .db = db,
                      .records = records,
                      .reader = pdx_records_get_csv (records),
                      .decimal_comma = options->decimal_comma,
                      .report = report,
                      .progress = options->progress,
                      .progress_data = options->progress_data,
                      .columns = columns,
                      .n_columns = n_columns,
                      .index = index,
                      .accept_unusual = options->accept_unusual,
                      .ignore_unknown = setup->ignore_unknown,
                      .options = options,
                      .reason = why[0] ? why : NULL,
                      .today = today };
  if (!pdx_importer_header (&im, error) || !pdx_db_begin (db, error))
    {
      pdx_import_report_clear (report);
      return FALSE;
    }
  pdx_db_set_reason (db, reason);
  ok = body (&im, &local);
  if (ok && report->n_unusual > 0 && !im.accept_unusual)
    ok = refuse_unusual (&im, &local);
  if (ok && !im.provenance_recorded)
    ok = record_provenance (&im, &local);
  g_clear_pointer (&im.first_unusual, g_free);
  pdx_db_set_reason (db, NULL);
  if (ok && !options->dry_run)
    ok = pdx_db_commit (db, &local);
  else
    pdx_db_rollback (db);
  if (!ok)
    {
      if (local == NULL)
        g_set_error (&local, PDX_IMPORT_ERROR, PDX_IMPORT_ERROR_IO, _ ("%s: the import failed"),
                     pdx_records_get_name (records));
      report_failed (report, local);
      g_propagate_error (error, local);
    }
  pdx_import_report_clear (&local_report);
  return ok;
}

gboolean
pdx_import_file (PdxDb                  *db,
                 PdxImportKind           kind,
                 const char             *path,
                 const PdxImportOptions *options,
                 PdxImportReport        *report,
                 GError                **error)
{
  g_return_val_if_fail (db != NULL && path != NULL, FALSE);
  switch (kind)
    {
    case PDX_IMPORT_KIND_MICE:
      return pdx_import_mice_with (db, path, options, report, error);
    case PDX_IMPORT_KIND_MEASUREMENTS:
      return pdx_import_measurements_with (db, path, options, report, error);
    case PDX_IMPORT_KIND_PDXE:
      return pdx_import_pdxe_with (db, path, options, report, error);
    case PDX_IMPORT_KIND_IVIS:
      return pdx_import_ivis_with (db, path, options, report, error);
    default:
      g_return_val_if_reached (FALSE);
    }
}

gboolean
pdx_import_mice (PdxDb            *db,
                 const char       *path,
                 PdxImportReport  *report,
                 PdxImportProgress progress,
                 gpointer          user_data,
                 GError          **error)
{
  PdxImportOptions options = { .progress = progress, .progress_data = user_data };
  return pdx_import_file (db, PDX_IMPORT_KIND_MICE, path, &options, report, error);
}

gboolean
pdx_import_measurements (PdxDb            *db,
                         const char       *path,
                         PdxImportReport  *report,
                         PdxImportProgress progress,
                         gpointer          user_data,
                         GError          **error)
{
  PdxImportOptions options = { .progress = progress, .progress_data = user_data };
  return pdx_import_file (db, PDX_IMPORT_KIND_MEASUREMENTS, path, &options, report, error);
}

gboolean
pdx_import_pdxe (PdxDb            *db,
                 const char       *path,
                 PdxImportReport  *report,
                 PdxImportProgress progress,
                 gpointer          user_data,
                 GError          **error)
{
  PdxImportOptions options = { .progress = progress, .progress_data = user_data };
  return pdx_import_file (db, PDX_IMPORT_KIND_PDXE, path, &options, report, error);
}

static void
import_mouse_free (gpointer data)
{
  PdxImportMouse *m = data;
  g_free (m->implant_date);
  g_free (m->end_date);
  g_free (m);
}

GHashTable *
pdx_import_study_mice (PdxDb *db, gint64 study_id, GError **error)
{
  PdxStmt *stmt = pdx_db_prepare (db,
                                  "SELECT m.tag, m.id, m.implant_date, e.date FROM mouse m"
                                  " LEFT JOIN endpoint e ON e.mouse_id = m.id WHERE m.study_id = ?",
                                  error);
  g_autoptr (GHashTable) mice = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  mice = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, import_mouse_free);
  pdx_stmt_bind_int64 (stmt, 1, study_id);
  while ((rc = pdx_stmt_step (stmt, NULL)) == PDX_STEP_ROW)
    {
      PdxImportMouse *m = g_new0 (PdxImportMouse, 1);
      m->id = pdx_stmt_column_int64 (stmt, 1);
      m->implant_date = g_strdup (pdx_stmt_column_text (stmt, 2));
      m->end_date = g_strdup (pdx_stmt_column_text (stmt, 3));
      g_hash_table_insert (mice, g_strdup (pdx_stmt_column_text (stmt, 0)), m);
    }
  pdx_stmt_reset (stmt);
  if (rc != PDX_STEP_DONE)
    return pdx_db_set_error (db, error, "loading mice"), NULL;
  return g_steal_pointer (&mice);
}
