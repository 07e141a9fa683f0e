/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-import-xlsx.c — Excel in (issue 15): mice and measurements from a workbook's sheet
 * (built in the test with libxlsxwriter, patched with libzip where libxlsxwriter cannot write
 * what Excel writes), and the CSV files Excel writes where the decimal separator is a comma.
 *
 * Expected values: dates from Python's datetime (serial 45371 is 2024-03-20 in the 1900 system,
 * 43909 in the 1904 one; ECMA-376 Part 1 §18.17.4.1 for the 1900-02-29 of serial 60), the
 * measurements' values as the same rows imported from CSV store them (compared through
 * `export measurements`), the built-in date formats of ECMA-376 §18.8.30. Every refusal must be
 * one line and leave the lab byte-identical. */
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <xlsxwriter.h>
#include <zip.h>

#include "pdx-test-cli.h"
#include "pdx-test-util.h"
#include "files/pdx-xlsx-private.h"

/* ---- helpers ------------------------------------------------------------------------------- */

/* The lab of the measurement tests: study S1 (BLI, day 0 2024-03-15), vehicle M1 and T-DM1 M2,
 * both implanted 2024-03-01. */
static PdxDb *
measurement_lab (char **path)
{
  PdxDb *db = pdx_test_new_lab (path);
  gint64 s1 = pdx_test_add_study (db, "S1", PDX_READOUT_BLI_FLUX, "2024-03-15");
  gint64 vehicle = pdx_test_add_arm (db, s1, "vehicle", TRUE);
  gint64 tdm1 = pdx_test_add_arm (db, s1, "T-DM1", FALSE);

  pdx_test_add_mouse (db, s1, vehicle, "M1", "2024-03-01");
  pdx_test_add_mouse (db, s1, tdm1, "M2", "2024-03-01");
  return db;
}

/* The first column of the first row of @sql equals @expected. */
static void
assert_query (PdxDb *db, const char *sql, const char *expected)
{
  g_autofree char *text = pdx_test_query_string (db, sql);
  g_assert_cmpstr (text, ==, expected);
}

static void
write_row (lxw_worksheet *ws, guint row, const char *const *texts)
{
  for (guint c = 0; texts[c]; c++)
    if (texts[c][0])
      worksheet_write_string (ws, (lxw_row_t) row, (lxw_col_t) c, texts[c], NULL);
}

static void
close_book (lxw_workbook *wb)
{
  g_assert_cmpint (workbook_close (wb), ==, LXW_NO_ERROR);
}

/* Replaces @from by @to (once, which must be there) in part @part of the zip at @path. */
static void
patch_part (const char *path, const char *part, const char *from, const char *to)
{
  int              err = 0;
  zip_t           *zip = zip_open (path, 0, &err);
  zip_stat_t       st;
  zip_file_t      *file;
  g_autofree char *data = NULL;
  GString         *text;
  zip_source_t    *source;
  char            *at;

  g_assert_nonnull (zip);
  g_assert_cmpint (zip_stat (zip, part, 0, &st), ==, 0);
  data = g_malloc0 (st.size + 1);
  file = zip_fopen (zip, part, 0);
  g_assert_nonnull (file);
  g_assert_cmpint (zip_fread (file, data, st.size), ==, (zip_int64_t) st.size);
  zip_fclose (file);
  at = strstr (data, from);
  g_assert_nonnull (at);
  text = g_string_new_len (data, at - data);
  g_string_append (text, to);
  g_string_append (text, at + strlen (from));
  source = zip_source_buffer (zip, g_strdup (text->str), text->len, 1);
  g_assert_cmpint (zip_file_add (zip, part, source, ZIP_FL_OVERWRITE), >=, 0);
  g_assert_cmpint (zip_close (zip), ==, 0);
  g_string_free (text, TRUE);
}

/* Imports @path as @kind, which must be refused with @code, the message starting with
 * "PATH:@where: " (or "PATH: " when @where is NULL) and holding @also; one line; the lab as it
 * was. */
static void
expect_refused (PdxDb                  *db,
                PdxImportKind           kind,
                const char             *path,
                const PdxImportOptions *options,
                PdxImportError          code,
                const char             *where,
                const char             *also)
{
  g_autofree char *before = pdx_test_dump (db), *after = NULL;
  g_autofree char *prefix =
      where ? g_strdup_printf ("%s:%s: ", path, where) : g_strdup_printf ("%s: ", path);
  g_autoptr (GError) error = NULL;
  PdxImportReport report = { 0 };

  g_assert_false (pdx_import_file (db, kind, path, options, &report, &error));
  g_assert_error (error, PDX_IMPORT_ERROR, (int) code);
  if (error == NULL)
    return;
  g_test_message ("refused as expected: %s", error->message);
  g_assert_true (g_str_has_prefix (error->message, prefix));
  if (also && strstr (error->message, also) == NULL)
    {
      g_test_message ("'%s' does not say '%s'", error->message, also);
      g_test_fail ();
    }
  g_assert_null (strchr (error->message, '\n'));
  g_assert_cmpuint (report.measurements_created + report.mice_created, ==, 0);
  after = pdx_test_dump (db);
  g_assert_cmpstr (after, ==, before);
  pdx_import_report_clear (&report);
}

static gboolean
import (PdxDb *db, PdxImportKind kind, const char *path, const PdxImportOptions *options)
{
  g_autoptr (GError) error = NULL;
  PdxImportReport report = { 0 };
  gboolean        ok = pdx_import_file (db, kind, path, options, &report, &error);

  if (!ok)
    {
      g_test_message ("import of %s failed: %s", path, error ? error->message : "(no error)");
      g_test_fail ();
    }
  pdx_import_report_clear (&report);
  return ok;
}

static char *
export_s1 (PdxDb *db)
{
  g_autofree char *path = pdx_test_tmp_path ("export.csv");
  g_autoptr (GError) error = NULL;
  char            *text = NULL;
  g_autofree char *id = pdx_test_query_string (db, "SELECT id FROM study WHERE code = 'S1'");
  gint64           study = g_ascii_strtoll (id, NULL, 10);

  g_assert_true (pdx_export_measurements_csv (db, study, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

/* ---- the conversions, against independent values ------------------------------------------- */

static void
test_serials (void)
{
  static const struct
  {
    double          serial;
    gboolean        date1904;
    PdxXlsxDateKind kind;
    const char     *text;
  } cases[] = {
    { 1, FALSE, PDX_XLSX_DATE, "1900-01-01" },
    { 59, FALSE, PDX_XLSX_DATE, "1900-02-28" },
    /* Excel's (and Lotus 1-2-3's) day that never was; the date parser refuses it. */
    { 60, FALSE, PDX_XLSX_DATE, "1900-02-29" },
    { 61, FALSE, PDX_XLSX_DATE, "1900-03-01" },
    { 45371, FALSE, PDX_XLSX_DATE, "2024-03-20" },
    { 45371.5, FALSE, PDX_XLSX_DATE, "2024-03-20 12:00:00" },
    /* 23:59:59.9 rounds to the next day's midnight, not to 24:00:00. */
    { 45371.0 + 86399.9 / 86400.0, FALSE, PDX_XLSX_DATE, "2024-03-21" },
    { 0.75, FALSE, PDX_XLSX_TIME, "18:00:00" },
    { 0, TRUE, PDX_XLSX_DATE, "1904-01-01" },
    { 43909, TRUE, PDX_XLSX_DATE, "2024-03-20" },
    { 2958465, FALSE, PDX_XLSX_DATE, "9999-12-31" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text =
          pdx_xlsx_serial_text (cases[i].serial, cases[i].date1904, cases[i].kind);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
  g_assert_null (pdx_xlsx_serial_text (-1, FALSE, PDX_XLSX_DATE));
  g_assert_null (pdx_xlsx_serial_text (2958466, FALSE, PDX_XLSX_DATE));
}

static void
test_formats (void)
{
  static const struct
  {
    guint           id;
    const char     *code;
    PdxXlsxDateKind kind;
  } cases[] = {
    { 0, NULL, PDX_XLSX_NUMBER },
    { 2, NULL, PDX_XLSX_NUMBER },
    { 14, NULL, PDX_XLSX_DATE },
    { 17, NULL, PDX_XLSX_DATE },
    { 22, NULL, PDX_XLSX_DATE },
    { 20, NULL, PDX_XLSX_TIME },
    { 46, NULL, PDX_XLSX_TIME },
    { 49, NULL, PDX_XLSX_NUMBER },
    { 164, "yyyy-mm-dd", PDX_XLSX_DATE },
    { 165, "dd.mm.yyyy", PDX_XLSX_DATE },
    { 166, "[$-407]d. mmmm yyyy", PDX_XLSX_DATE },
    { 167, "yyyy-mm-dd hh:mm", PDX_XLSX_DATE },
    { 168, "[h]:mm:ss", PDX_XLSX_TIME },
    { 169, "0.00", PDX_XLSX_NUMBER },
    { 170, "0.00E+00", PDX_XLSX_NUMBER },
    { 171, "General", PDX_XLSX_NUMBER },
    { 172, "0.0\" mm\"", PDX_XLSX_NUMBER },
    { 173, "[Red]#,##0.0;[Blue]-#,##0.0", PDX_XLSX_NUMBER },
    { 174, "0\\m", PDX_XLSX_NUMBER },
    { 175, "#,##0 [$€-407]", PDX_XLSX_NUMBER },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("format %u '%s'", cases[i].id, cases[i].code ? cases[i].code : "");
      g_assert_cmpint (pdx_xlsx_format_kind (cases[i].id, cases[i].code), ==, cases[i].kind);
    }
}

static void
test_numbers (void)
{
  static const struct
  {
    double      value;
    const char *text;
  } cases[] = {
    { 21.4, "21.4" },
    { 0.1 + 0.2, "0.30000000000000004" },
    /* Whole numbers in full, as Excel shows them: a tag typed as 10000000 stays that. */
    { 2.1e7, "21000000" },
    { 1.8e13, "18000000000000" },
    { 10000000, "10000000" },
    { 1e21, "1e+21" },
    { 3, "3" },
    { 1.0 / 3.0, "0.3333333333333333" },
    { 1.25e-5, "1.25e-05" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = pdx_xlsx_number_text (cases[i].value);
      g_assert_cmpstr (text, ==, cases[i].text);
      g_assert_true (g_ascii_strtod (text, NULL) == cases[i].value);
    }
}

static void
test_refs (void)
{
  static const struct
  {
    guint       column;
    const char *name;
  } cases[] = { { 1, "A" },   { 26, "Z" },    { 27, "AA" },
                { 52, "AZ" }, { 703, "AAA" }, { 16384, "XFD" } };
  guint column, row;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = pdx_xlsx_column_name (cases[i].column);
      g_autofree char *ref = g_strdup_printf ("%s7", cases[i].name);
      g_assert_cmpstr (name, ==, cases[i].name);
      g_assert_true (pdx_xlsx_parse_ref (ref, &column, &row));
      g_assert_cmpuint (column, ==, cases[i].column);
      g_assert_cmpuint (row, ==, 7);
    }
  g_assert_false (pdx_xlsx_parse_ref ("XFE1", &column, &row));
  g_assert_false (pdx_xlsx_parse_ref ("A0", &column, &row));
  g_assert_false (pdx_xlsx_parse_ref ("A1048577", &column, &row));
  g_assert_false (pdx_xlsx_parse_ref ("a1", &column, &row));
  g_assert_false (pdx_xlsx_parse_ref ("B", &column, &row));
}

/* ---- measurements: a workbook imports as the same rows from CSV do ------------------------- */

static const char measurements_csv[] =
    "study,mouse,date,bli_flux,weight_g,neuro_score,operator,note\n"
    "S1,M1,2024-03-20,21000000,21.4,0,A. Moreno,\n"
    "S1,M2,2024-03-20,18000000000,20.9,1,A. Moreno,first scan\n"
    "S1,M1,2024-03-27,0.30000000000000004,22.123456789012344,0,J. Doe,\n"
    "S1,M2,2024-03-27,1.5e7,,0,J. Doe,dorsal and ventral\n";

/* The same four rows: dates as serials under three date formats and once as text, numbers as
 * numbers, the tags as text, a note in rich text, empty cells, a styled but empty row and
 * column after the table (Excel keeps those), and a sheet named with a space. */
static char *
measurements_book (void)
{
  char                    *path = pdx_test_tmp_path ("measurements.xlsx");
  lxw_workbook            *wb = workbook_new (path);
  lxw_worksheet           *ws = workbook_add_worksheet (wb, "Week 1");
  lxw_format              *iso = workbook_add_format (wb), *german = workbook_add_format (wb);
  lxw_format              *builtin = workbook_add_format (wb), *fill = workbook_add_format (wb);
  lxw_format              *bold = workbook_add_format (wb);
  static const char *const header[] = { "study",       "mouse",    "date", "bli_flux", "weight_g",
                                        "neuro_score", "operator", "note", NULL };
  lxw_datetime             day1 = { 2024, 3, 20, 0, 0, 0 };

  format_set_num_format (iso, "yyyy-mm-dd");
  format_set_num_format (german, "dd.mm.yyyy");
  format_set_num_format_index (builtin, 14);
  format_set_bg_color (fill, LXW_COLOR_YELLOW);
  format_set_bold (bold);
  write_row (ws, 0, header);
  for (guint r = 1; r <= 4; r++)
    {
      worksheet_write_string (ws, r, 0, "S1", NULL);
      worksheet_write_string (ws, r, 1, r % 2 ? "M1" : "M2", NULL);
    }
  worksheet_write_datetime (ws, 1, 2, &day1, iso);
  /* 2024-03-20 as the serial Python's datetime gives. */
  worksheet_write_number (ws, 2, 2, 45371, german);
  worksheet_write_number (ws, 3, 2, 45378, builtin);
  worksheet_write_string (ws, 4, 2, "2024-03-27", NULL);
  worksheet_write_number (ws, 1, 3, 2.1e7, NULL);
  worksheet_write_number (ws, 2, 3, 1.8e10, NULL);
  worksheet_write_number (ws, 3, 3, 0.1 + 0.2, NULL);
  worksheet_write_number (ws, 4, 3, 1.5e7, NULL);
  worksheet_write_number (ws, 1, 4, 21.4, NULL);
  worksheet_write_number (ws, 2, 4, 20.9, NULL);
  worksheet_write_number (ws, 3, 4, 22.123456789012344, NULL);
  for (guint r = 1; r <= 4; r++)
    worksheet_write_number (ws, r, 5, r == 2 ? 1 : 0, NULL);
  worksheet_write_string (ws, 1, 6, "A. Moreno", NULL);
  worksheet_write_string (ws, 2, 6, "A. Moreno", NULL);
  worksheet_write_string (ws, 3, 6, "J. Doe", NULL);
  worksheet_write_string (ws, 4, 6, "J. Doe", NULL);
  worksheet_write_string (ws, 2, 7, "first scan", NULL);
  {
    lxw_rich_string_tuple  a = { .format = bold, .string = "dorsal" };
    lxw_rich_string_tuple  b = { .format = NULL, .string = " and ventral" };
    lxw_rich_string_tuple *runs[] = { &a, &b, NULL };
    worksheet_write_rich_string (ws, 4, 7, runs, NULL);
  }
  /* Formatted, empty: a row below and a column beside the table. */
  worksheet_write_blank (ws, 9, 0, fill);
  worksheet_write_blank (ws, 2, 11, fill);
  worksheet_write_string (ws, 7, 3, "", NULL);
  close_book (wb);
  /* libxlsxwriter writes 16 significant digits; Excel writes what reads back the same. */
  patch_part (path, "xl/worksheets/sheet1.xml", "<v>0.3</v>", "<v>0.30000000000000004</v>");
  patch_part (path, "xl/worksheets/sheet1.xml", "<v>22.12345678901234</v>",
              "<v>22.123456789012344</v>");
  return path;
}

static void
test_measurements_like_csv (void)
{
  g_autoptr (PdxDb) from_book = measurement_lab (NULL);
  g_autoptr (PdxDb) from_csv = measurement_lab (NULL);
  g_autofree char *book = measurements_book ();
  g_autofree char *csv = pdx_test_write_file ("measurements.csv", measurements_csv, -1);
  g_autofree char *book_export = NULL, *csv_export = NULL, *source = NULL;
  g_autoptr (GError) error = NULL;
  PdxImportReport report = { 0 };

  g_assert_true (
      pdx_import_file (from_book, PDX_IMPORT_KIND_MEASUREMENTS, book, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.rows, ==, 4);
  g_assert_cmpuint (report.measurements_created, ==, 4);
  g_assert_cmpstr (report.source, ==, "sheet 'Week 1' of the workbook");
  pdx_import_report_clear (&report);
  import (from_csv, PDX_IMPORT_KIND_MEASUREMENTS, csv, NULL);
  /* The same rows, but for the audit seal (of an import of another file). */
  book_export = export_s1 (from_book);
  csv_export = export_s1 (from_csv);
  *strstr (book_export, "# audit seal") = '\0';
  *strstr (csv_export, "# audit seal") = '\0';
  g_assert_cmpstr (book_export, ==, csv_export);
  /* The values themselves, to the last bit (the export rounds; SQLite parses a literal to the
   * nearest double, as strtod does). */
  assert_query (from_book,
                "SELECT count (*) FROM measurement WHERE weight_g = 22.123456789012344"
                " AND bli_flux = 0.30000000000000004",
                "1");
  assert_query (from_book,
                "SELECT note FROM measurement WHERE note"
                " LIKE 'dorsal%'",
                "dorsal and ventral");
  /* The provenance is the workbook's own bytes. */
  source = pdx_test_query_string (from_book, "SELECT json_extract (new_values, '$.sha256') FROM"
                                             " audit_log WHERE action = 'import'");
  g_assert_nonnull (source);
  g_assert_cmpuint (strlen (source), ==, 64);
}

/* Inline strings (what libxlsxwriter's constant-memory mode writes, as some exporters do). */
static void
test_inline_strings (void)
{
  g_autoptr (PdxDb) db = measurement_lab (NULL);
  g_autofree char         *path = pdx_test_tmp_path ("inline.xlsx");
  g_autofree char         *dir = g_path_get_dirname (path);
  lxw_workbook_options     options = { .constant_memory = LXW_TRUE, .tmpdir = dir };
  lxw_workbook            *wb = workbook_new_opt (path, &options);
  lxw_worksheet           *ws = workbook_add_worksheet (wb, NULL);
  static const char *const header[] = { "study", "mouse", "date", "weight_g", NULL };
  static const char *const row[] = { "S1", "M2", "2024-03-22", NULL };
  g_autofree char         *sheet = NULL;

  write_row (ws, 0, header);
  write_row (ws, 1, row);
  worksheet_write_number (ws, 1, 3, 19.5, NULL);
  close_book (wb);
  {
    int         err = 0;
    zip_t      *zip = zip_open (path, ZIP_RDONLY, &err);
    zip_file_t *f = zip_fopen (zip, "xl/worksheets/sheet1.xml", 0);
    char        buf[4096] = { 0 };
    zip_fread (f, buf, sizeof buf - 1);
    zip_fclose (f);
    zip_discard (zip);
    sheet = g_strdup (buf);
  }
  g_assert_nonnull (strstr (sheet, "t=\"inlineStr\""));
  import (db, PDX_IMPORT_KIND_MEASUREMENTS, path, NULL);
  assert_query (db,
                "SELECT weight_g FROM measurement WHERE date ="
                " '2024-03-22'",
                "19.5");
}

/* ---- sheets -------------------------------------------------------------------------------- */

static char *
two_sheet_book (void)
{
  char                    *path = pdx_test_tmp_path ("mice.xlsx");
  lxw_workbook            *wb = workbook_new (path);
  lxw_worksheet           *notes = workbook_add_worksheet (wb, "Notes");
  lxw_worksheet           *mice = workbook_add_worksheet (wb, "Cohort B");
  lxw_format              *iso = workbook_add_format (wb);
  static const char *const note[] = { "Cohort B implanted by A. Moreno", NULL };
  static const char *const header[] = { "study", "arm",          "mouse",   "cage",
                                        "sex",   "implant_date", "control", NULL };
  static const char *const rows[][7] = {
    { "S9", "Vehicle", "1", "C01", "F", NULL, NULL },
    { "S9", "T-DM1", "2", "C01", "F", NULL, NULL },
  };
  lxw_datetime implant = { 2024, 3, 1, 0, 0, 0 };

  format_set_num_format (iso, "yyyy-mm-dd");
  write_row (notes, 0, note);
  write_row (mice, 0, header);
  for (guint r = 0; r < 2; r++)
    {
      for (guint c = 0; c < 5; c++)
        if (c != 2)
          worksheet_write_string (mice, r + 1, c, rows[r][c], NULL);
      /* The tag typed as a number, as Excel keeps it. */
      worksheet_write_number (mice, r + 1, 2, r + 1, NULL);
      worksheet_write_datetime (mice, r + 1, 5, &implant, iso);
      worksheet_write_boolean (mice, r + 1, 6, r == 0, NULL);
    }
  close_book (wb);
  return path;
}

static void
test_named_sheet (void)
{
  g_autoptr (PdxDb) db = pdx_test_new_lab (NULL);
  g_autofree char *path = two_sheet_book ();
  PdxImportOptions options = { .sheet = "cohort b" };

  /* The first sheet is the notes: refused at its cell, named by the sheet. */
  expect_refused (db, PDX_IMPORT_KIND_MICE, path, NULL, PDX_IMPORT_ERROR_HEADER, "Notes!A1",
                  "unknown column 'Cohort B implanted by A. Moreno'");
  options.sheet = "Cohort C";
  expect_refused (db, PDX_IMPORT_KIND_MICE, path, &options, PDX_IMPORT_ERROR_FORMAT, NULL,
                  "no sheet 'Cohort C'; its sheets: 'Notes', 'Cohort B'");
  /* Excel's names ignore case. */
  options.sheet = "cohort b";
  import (db, PDX_IMPORT_KIND_MICE, path, &options);
  assert_query (db,
                "SELECT group_concat (t, ' ') FROM (SELECT m.tag || ':' || a.name || ':'"
                " || m.implant_date || ':' || a.is_control AS t FROM mouse m JOIN arm a"
                " ON a.id = m.arm_id ORDER BY m.tag)",
                "1:Vehicle:2024-03-01:1 2:T-DM1:2024-03-01:0");
}

static void
test_cli (void)
{
  g_autofree char *lab = NULL;
  g_autoptr (PdxDb) db = pdx_test_new_lab (&lab);
  g_autofree char *path = two_sheet_book ();
  g_autofree char *csv = pdx_test_write_file ("mice.csv", "study,arm,mouse\nS9,vehicle,1\n", -1);
  g_autofree char *out = NULL, *err = NULL, *err2 = NULL;
  const char      *args[] = { "import", "mice", path, "--sheet", "Cohort B", NULL };
  const char      *on_csv[] = { "import", "mice", csv, "--sheet", "Cohort B", NULL };

  g_clear_pointer (&db, pdx_db_close);
  g_assert_cmpint (pdx_test_run_cli_args (lab, args, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "Read sheet 'Cohort B' of the workbook"));
  g_assert_nonnull (strstr (out, "2 mice"));
  g_assert_cmpint (pdx_test_run_cli_args (lab, on_csv, NULL, &err2), ==, 1);
  g_assert_nonnull (strstr (err2, "not an Excel workbook (.xlsx), so it has no sheet to choose"));
}

/* ---- refusals ------------------------------------------------------------------------------ */

static char *
simple_book (const char *name, gboolean merged)
{
  char                    *path = pdx_test_tmp_path (name);
  lxw_workbook            *wb = workbook_new (path);
  lxw_worksheet           *ws = workbook_add_worksheet (wb, NULL);
  static const char *const header[] = { "study", "mouse", "date", "weight_g", "note", NULL };
  static const char *const row1[] = { "S1", "M1", "2024-03-20", NULL };
  static const char *const row2[] = { "S1", "M2", "2024-03-20", "twenty", "", NULL };

  if (merged)
    worksheet_merge_range (ws, 0, 0, 0, 1, "study and mouse", NULL);
  else
    write_row (ws, 0, header);
  write_row (ws, 1, row1);
  worksheet_write_number (ws, 1, 3, 21.5, NULL);
  /* A formula's text result; test_error_cell makes it the error Excel writes. */
  worksheet_write_formula_str (ws, 1, 4, "=NA()", NULL, "n/a");
  write_row (ws, 2, row2);
  close_book (wb);
  return path;
}

static void
test_merged_header (void)
{
  g_autoptr (PdxDb) db = measurement_lab (NULL);
  g_autofree char *path = simple_book ("merged.xlsx", TRUE);

  expect_refused (db, PDX_IMPORT_KIND_MEASUREMENTS, path, NULL, PDX_IMPORT_ERROR_HEADER,
                  "Sheet1!A1:B1", "merged cells in the header row");
}

static void
test_error_cell (void)
{
  g_autoptr (PdxDb) db = measurement_lab (NULL);
  g_autofree char *path = simple_book ("errors.xlsx", FALSE);

  /* libxlsxwriter writes no error cells: E2's formula gets the result Excel writes for it. */
  patch_part (path, "xl/worksheets/sheet1.xml", "t=\"str\"><f>NA()</f><v>n/a</v>",
              "t=\"e\"><f>NA()</f><v>#N/A</v>");
  expect_refused (db, PDX_IMPORT_KIND_MEASUREMENTS, path, NULL, PDX_IMPORT_ERROR_FORMAT,
                  "Sheet1!E2", "the cell holds the error #N/A");
}

static void
test_value_errors (void)
{
  g_autoptr (PdxDb) db = measurement_lab (NULL);
  g_autofree char         *path = simple_book ("values.xlsx", FALSE);
  g_autofree char         *serial = pdx_test_tmp_path ("serial.xlsx");
  lxw_workbook            *wb = workbook_new (serial);
  lxw_worksheet           *ws = workbook_add_worksheet (wb, "Data");
  static const char *const header[] = { "study", "mouse", "date", NULL };

  /* As the CSV importer words it, at the cell. */
  expect_refused (db, PDX_IMPORT_KIND_MEASUREMENTS, path, NULL, PDX_IMPORT_ERROR_VALUE, "Sheet1!D3",
                  "column 'weight_g' has 'twenty'; expected a number");
  /* A serial without a date format is a number, never guessed to be a date. */
  write_row (ws, 0, header);
  worksheet_write_string (ws, 1, 0, "S1", NULL);
  worksheet_write_string (ws, 1, 1, "M1", NULL);
  worksheet_write_number (ws, 1, 2, 45371, NULL);
  close_book (wb);
  expect_refused (db, PDX_IMPORT_KIND_MEASUREMENTS, serial, NULL, PDX_IMPORT_ERROR_VALUE, "Data!C2",
                  "column 'date' has '45371'; expected a date as YYYY-MM-DD");
}

static void
test_1904 (void)
{
  g_autoptr (PdxDb) db = measurement_lab (NULL);
  g_autofree char         *path = pdx_test_tmp_path ("mac.xlsx");
  lxw_workbook            *wb = workbook_new (path);
  lxw_worksheet           *ws = workbook_add_worksheet (wb, NULL);
  lxw_format              *iso = workbook_add_format (wb);
  static const char *const header[] = { "study", "mouse", "date", "weight_g", NULL };

  format_set_num_format (iso, "yyyy-mm-dd");
  write_row (ws, 0, header);
  worksheet_write_string (ws, 1, 0, "S1", NULL);
  worksheet_write_string (ws, 1, 1, "M1", NULL);
  /* 2024-03-20 in the 1904 date system (Python: days since 1904-01-01). */
  worksheet_write_number (ws, 1, 2, 43909, iso);
  worksheet_write_number (ws, 1, 3, 20, NULL);
  close_book (wb);
  patch_part (path, "xl/workbook.xml", "<workbookPr", "<workbookPr date1904=\"1\"");
  import (db, PDX_IMPORT_KIND_MEASUREMENTS, path, NULL);
  assert_query (db, "SELECT date FROM measurement", "2024-03-20");
}

static void
test_not_workbooks (void)
{
  g_autoptr (PdxDb) db = measurement_lab (NULL);
  g_autofree char *good = simple_book ("good.xlsx", FALSE);
  g_autofree char *bytes = NULL;
  gsize            len = 0;
  g_autofree char *text = pdx_test_write_file ("text.xlsx", "study,mouse,date\n", -1);
  g_autofree char *xls =
      pdx_test_write_file ("old.xlsx", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 and the rest", 20);
  g_autofree char *cut = NULL, *flipped = NULL, *zipped = pdx_test_tmp_path ("other.xlsx");

  expect_refused (db, PDX_IMPORT_KIND_MEASUREMENTS, text, NULL, PDX_IMPORT_ERROR_FORMAT, NULL,
                  "not an Excel workbook (.xlsx): the file is not a zip archive");
  expect_refused (db, PDX_IMPORT_KIND_MEASUREMENTS, xls, NULL, PDX_IMPORT_ERROR_FORMAT, NULL,
                  "Excel 97–2003 workbook (.xls)");
  /* Cut short, and with the compressed sheet's bytes changed. */
  g_assert_true (g_file_get_contents (good, &bytes, &len, NULL));
  cut = pdx_test_write_file ("cut.xlsx", bytes, (gssize) len / 2);
  expect_refused (db, PDX_IMPORT_KIND_MEASUREMENTS, cut, NULL, PDX_IMPORT_ERROR_FORMAT, NULL,
                  "the workbook is damaged");
  {
    int        err = 0;
    zip_t     *zip = zip_open (good, ZIP_RDONLY, &err);
    zip_stat_t st;
    g_assert_cmpint (zip_stat (zip, "xl/worksheets/sheet1.xml", 0, &st), ==, 0);
    zip_discard (zip);
    /* The sheet's data starts after its local header (30 bytes and its name). */
    for (gsize i = 0; i + 4 < len; i++)
      if (memcmp (bytes + i, "PK\x03\x04", 4) == 0 &&
          memcmp (bytes + i + 30, "xl/worksheets/sheet1.xml", 24) == 0)
        {
          bytes[i + 30 + 24 + 10] ^= 0x55;
          bytes[i + 30 + 24 + 11] ^= 0x55;
          break;
        }
    flipped = pdx_test_write_file ("flipped.xlsx", bytes, (gssize) len);
  }
  expect_refused (db, PDX_IMPORT_KIND_MEASUREMENTS, flipped, NULL, PDX_IMPORT_ERROR_FORMAT, NULL,
                  "the workbook is damaged");
  {
    int           err = 0;
    zip_t        *zip = zip_open (zipped, ZIP_CREATE | ZIP_EXCL, &err);
    zip_source_t *source = zip_source_buffer (zip, "hello", 5, 0);
    zip_file_add (zip, "readme.txt", source, 0);
    g_assert_cmpint (zip_close (zip), ==, 0);
  }
  expect_refused (db, PDX_IMPORT_KIND_MEASUREMENTS, zipped, NULL, PDX_IMPORT_ERROR_FORMAT, NULL,
                  "the zip archive has no xl/workbook.xml");
}

static void
test_size_cap (void)
{
  g_autoptr (PdxDb) db = measurement_lab (NULL);
  g_autofree char *path = simple_book ("big.xlsx", FALSE);

  /* The cap, lowered for the test: what a 512 MiB zip bomb meets. */
  pdx_xlsx_set_size_limit (1024);
  expect_refused (db, PDX_IMPORT_KIND_MEASUREMENTS, path, NULL, PDX_IMPORT_ERROR_FORMAT, NULL,
                  "the workbook unpacks to more than");
  pdx_xlsx_set_size_limit (0);
  expect_refused (db, PDX_IMPORT_KIND_MEASUREMENTS, path, NULL, PDX_IMPORT_ERROR_VALUE, "Sheet1!D3",
                  "'twenty'");
}

static void
test_empty_sheet (void)
{
  g_autoptr (PdxDb) db = measurement_lab (NULL);
  g_autofree char *path = pdx_test_tmp_path ("empty.xlsx");
  lxw_workbook    *wb = workbook_new (path);

  workbook_add_worksheet (wb, "Leer");
  close_book (wb);
  expect_refused (db, PDX_IMPORT_KIND_MEASUREMENTS, path, NULL, PDX_IMPORT_ERROR_FORMAT, "Leer!A1",
                  "the sheet is empty");
}

/* ---- decimal commas ------------------------------------------------------------------------ */

static const char semicolons[] = "study;mouse;date;bli_flux;weight_g\n"
                                 "S1;M1;2024-03-20;2,1e7;19,6\n"
                                 "S1;M2;2024-03-20;1,8E10;\"20,25\"\n";

static void
test_decimal_comma (void)
{
  g_autoptr (PdxDb) db = measurement_lab (NULL);
  g_autofree char *path = pdx_test_write_file ("de.csv", semicolons, -1);
  g_autofree char *tabs = pdx_test_write_file ("de.tsv",
                                               "study\tmouse\tdate\tweight_g\n"
                                               "S1\tM1\t2024-03-21\t19,75\n",
                                               -1);
  g_autofree char *point = pdx_test_write_file ("point.csv",
                                                "study;mouse;date;weight_g\n"
                                                "S1;M1;2024-03-22;1.234\n",
                                                -1);
  PdxImportOptions options = { .decimal_comma = TRUE };
  PdxImportReport  report = { 0 };
  g_autoptr (GError) error = NULL;

  /* Without the flag: a hint, not "unknown column 'study;mouse;…'". */
  expect_refused (db, PDX_IMPORT_KIND_MEASUREMENTS, path, NULL, PDX_IMPORT_ERROR_HEADER, "1:1",
                  "looks semicolon-separated (as Excel writes in a German locale): use "
                  "--decimal-comma");
  /* A point where commas are decimal is refused: "1.234" may be a thousand and more. */
  expect_refused (db, PDX_IMPORT_KIND_MEASUREMENTS, point, &options, PDX_IMPORT_ERROR_VALUE, "2:18",
                  "expected a number with a decimal comma (19,6)");
  g_assert_true (
      pdx_import_file (db, PDX_IMPORT_KIND_MEASUREMENTS, path, &options, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (report.source, ==, "the file as semicolon-separated, with decimal commas");
  pdx_import_report_clear (&report);
  import (db, PDX_IMPORT_KIND_MEASUREMENTS, tabs, &options);
  assert_query (db,
                "SELECT group_concat (printf ('%s %.17g %.17g',"
                " date, coalesce (bli_flux, -1), weight_g), '|')"
                " FROM (SELECT * FROM measurement ORDER BY date, id)",
                "2024-03-20 21000000 19.6|"
                "2024-03-20 18000000000 20.25|2024-03-21 -1 19.75");
}

static void
test_decimal_comma_cli (void)
{
  g_autofree char *lab = NULL;
  g_autoptr (PdxDb) db = measurement_lab (&lab);
  g_autofree char *path = pdx_test_write_file ("de.csv", semicolons, -1);
  g_autofree char *out = NULL, *err = NULL, *err2 = NULL;
  const char      *plain[] = { "import", "measurements", path, NULL };
  const char      *args[] = { "import", "measurements", path, "--decimal-comma", NULL };

  g_clear_pointer (&db, pdx_db_close);
  g_assert_cmpint (pdx_test_run_cli_args (lab, plain, NULL, &err2), ==, 1);
  g_assert_nonnull (strstr (err2, "use --decimal-comma"));
  g_assert_cmpint (pdx_test_run_cli_args (lab, args, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "Read the file as semicolon-separated, with decimal commas"));
  g_assert_nonnull (strstr (out, "2 new measurements"));
}

/* ---- mutations ----------------------------------------------------------------------------- */

/* Replaces part @part of the zip at @path by @len bytes of @data. */
static void
replace_part (const char *path, const char *part, const char *data, gsize len)
{
  int           err = 0;
  zip_t        *zip = zip_open (path, 0, &err);
  zip_source_t *source = zip_source_buffer (zip, g_memdup2 (data, len), len, 1);

  g_assert_cmpint (zip_file_add (zip, part, source, ZIP_FL_OVERWRITE), >=, 0);
  g_assert_cmpint (zip_close (zip), ==, 0);
}

/* The oracle: an import of a mutated workbook succeeds, or fails with one line that names the
 * file, leaving the lab as it was; it never crashes (the sanitizer build watches memory). */
static void
import_mutant (PdxDb *db, const char *path)
{
  g_autofree char *before = pdx_test_dump (db), *after = NULL;
  g_autoptr (GError) error = NULL;
  PdxImportReport  report = { 0 };
  PdxImportOptions options = { .dry_run = TRUE, .accept_unusual = TRUE };

  if (!pdx_import_file (db, PDX_IMPORT_KIND_MEASUREMENTS, path, &options, &report, &error))
    {
      g_assert_nonnull (error);
      if (error == NULL)
        return;
      g_test_message ("mutant refused: %s", error->message);
      g_assert_true (error->domain == PDX_IMPORT_ERROR);
      g_assert_true (g_str_has_prefix (error->message, path));
      g_assert_null (strchr (error->message, '\n'));
    }
  after = pdx_test_dump (db);
  g_assert_cmpstr (after, ==, before);
  pdx_import_report_clear (&report);
}

static void
test_mutations (void)
{
  static const char interesting[] = { '<', '>', '"', '/', '=', 't', 's',
                                      'e', '0', '9', '.', 'A', ':' };
  g_autoptr (PdxDb) db = measurement_lab (NULL);
  g_autofree char *good = measurements_book ();
  g_autofree char *sheet = NULL, *bytes = NULL;
  gsize            sheet_len = 0, len = 0;
  g_autoptr (GRand) rand = g_rand_new_with_seed (15);

  g_assert_true (g_file_get_contents (good, &bytes, &len, NULL));
  {
    int         err = 0;
    zip_t      *zip = zip_open (good, ZIP_RDONLY, &err);
    zip_stat_t  st;
    zip_file_t *file;
    g_assert_cmpint (zip_stat (zip, "xl/worksheets/sheet1.xml", 0, &st), ==, 0);
    sheet = g_malloc0 (st.size + 1);
    file = zip_fopen (zip, "xl/worksheets/sheet1.xml", 0);
    g_assert_cmpint (zip_fread (file, sheet, st.size), ==, (zip_int64_t) st.size);
    zip_fclose (file);
    zip_discard (zip);
    sheet_len = st.size;
  }
  for (guint round = 0; round < 150; round++)
    {
      g_autofree char *path = pdx_test_tmp_path ("mutant.xlsx");
      g_autoptr (GByteArray) text = g_byte_array_new ();
      g_byte_array_append (text, (const guint8 *) sheet, (guint) sheet_len);
      for (guint i = 0, n = g_rand_int_range (rand, 1, 6); i < n; i++)
        {
          guint at = g_rand_int_range (rand, 0, text->len);
          if (g_rand_boolean (rand))
            text->data[at] = (guint8) interesting[g_rand_int_range (rand, 0, sizeof interesting)];
          else
            {
              guint take = 1u + (guint) g_rand_int_range (rand, 0, 8);
              g_byte_array_remove_range (text, at, MIN (text->len - at, take));
            }
        }
      g_assert_true (g_file_set_contents (path, bytes, (gssize) len, NULL));
      replace_part (path, "xl/worksheets/sheet1.xml", (const char *) text->data, text->len);
      import_mutant (db, path);
    }
  /* The zip itself, byte by byte. */
  for (guint round = 0; round < 150; round++)
    {
      g_autofree char *path = pdx_test_tmp_path ("mutant.xlsx");
      g_autofree char *copy = g_memdup2 (bytes, len);
      for (guint i = 0, n = g_rand_int_range (rand, 1, 4); i < n; i++)
        copy[g_rand_int_range (rand, 0, (gint32) len)] ^=
            (char) (1 << g_rand_int_range (rand, 0, 8));
      g_assert_true (g_file_set_contents (path, copy, (gssize) len, NULL));
      import_mutant (db, path);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();
  g_test_add_func ("/core/import/xlsx/serials", test_serials);
  g_test_add_func ("/core/import/xlsx/formats", test_formats);
  g_test_add_func ("/core/import/xlsx/numbers", test_numbers);
  g_test_add_func ("/core/import/xlsx/refs", test_refs);
  g_test_add_func ("/core/import/xlsx/measurements-like-csv", test_measurements_like_csv);
  g_test_add_func ("/core/import/xlsx/inline-strings", test_inline_strings);
  g_test_add_func ("/core/import/xlsx/named-sheet", test_named_sheet);
  g_test_add_func ("/core/import/xlsx/cli", test_cli);
  g_test_add_func ("/core/import/xlsx/merged-header", test_merged_header);
  g_test_add_func ("/core/import/xlsx/error-cell", test_error_cell);
  g_test_add_func ("/core/import/xlsx/value-errors", test_value_errors);
  g_test_add_func ("/core/import/xlsx/date1904", test_1904);
  g_test_add_func ("/core/import/xlsx/not-workbooks", test_not_workbooks);
  g_test_add_func ("/core/import/xlsx/size-cap", test_size_cap);
  g_test_add_func ("/core/import/xlsx/empty-sheet", test_empty_sheet);
  g_test_add_func ("/core/import/xlsx/mutations", test_mutations);
  g_test_add_func ("/core/import/decimal-comma/csv", test_decimal_comma);
  g_test_add_func ("/core/import/decimal-comma/cli", test_decimal_comma_cli);
  return g_test_run ();
}
