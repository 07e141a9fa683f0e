/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-export-seals.c — the audit seal on every output that leaves the lab (issue 12): the
 * summary and measurements CSVs' footer line, the workbook's custom property and note, every
 * page of the PDF report; each equal to what `pdxtrack-cli audit seal` prints, and a new one
 * after the lab changed. Files are read back with unzip and poppler's pdftotext. */
#include <string.h>

#include "pdx-test-cli.h"
#include "pdx-test-export.h"
#include "pdx-test-util.h"

#define STUDY "ICR-031-D"

/* `pdxtrack-cli audit seal`'s "N HASH", without its line end. */
static char *
cli_seal (PdxDb *db)
{
  const char *const args[] = { "audit", "seal", NULL };
  g_autofree char  *out = NULL;

  g_assert_cmpint (pdx_test_run_cli_args (pdx_db_get_path (db), args, &out, NULL), ==, 0);
  g_assert_true (g_str_has_suffix (out, "\n"));
  return g_strndup (out, strlen (out) - 1);
}

static char *
last_line (const char *path)
{
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;
  guint n;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_true (g_str_has_suffix (text, "\n"));
  lines = g_strsplit (text, "\n", -1);
  n = g_strv_length (lines);
  g_assert_cmpuint (n, >=, 2);
  return g_strdup (lines[n - 2]);
}

/* Both CSV exports end with "# audit seal N HASH", N HASH as the CLI prints them. */
static void
check_csvs (PdxDb *db, gint64 study_id, const char *seal)
{
  g_autofree char *summary = pdx_test_tmp_path ("summary.csv");
  g_autofree char *measurements = pdx_test_tmp_path ("measurements.csv");
  g_autofree char *expected = g_strdup_printf ("# audit seal %s", seal);
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxTestCsv) csv = NULL;
  g_autofree char *a = NULL, *b = NULL;

  g_assert_true (pdx_export_summary (db, study_id, summary, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (pdx_export_measurements_csv (db, study_id, measurements, &error));
  g_assert_no_error (error);
  a = last_line (summary);
  b = last_line (measurements);
  g_assert_cmpstr (a, ==, expected);
  g_assert_cmpstr (b, ==, expected);
  csv = pdx_test_csv_read (summary); /* the table itself still reads back */
  g_assert_cmpstr (csv->seal, ==, seal);
}

/* The workbook: the custom property "pdxtrack audit seal" = "N HASH" and the note line. */
static void
check_xlsx (PdxDb *db, gint64 study_id, const char *seal)
{
  g_autofree char *path = pdx_test_tmp_path ("summary.xlsx");
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) parts = g_strsplit (seal, " ", 2);
  g_autofree char *property = NULL, *strings = NULL, *line = NULL, *value = NULL;
  const char      *custom[] = { "unzip", "-p", path, "docProps/custom.xml", NULL };
  const char      *shared[] = { "unzip", "-p", path, "xl/sharedStrings.xml", NULL };

  g_assert_true (pdx_export_summary (db, study_id, path, NULL, &error));
  g_assert_no_error (error);
  property = pdx_test_run_tool (custom);
  g_assert_nonnull (strstr (property, "name=\"pdxtrack audit seal\""));
  value = g_strdup_printf ("<vt:lpwstr>%s</vt:lpwstr>", seal);
  g_assert_nonnull (strstr (property, value));
  strings = pdx_test_run_tool (shared);
  line = g_strdup_printf ("Audit seal: entry %s, SHA-256 %s", parts[0], parts[1]);
  g_assert_nonnull (strstr (strings, line));
}

/* Every page of the PDF report has "Audit seal: entry N, SHA-256 HASH" (N grouped for people:
 * compared without its separators). */
static void
check_report (PdxDb *db, gint64 study_id, const char *seal)
{
  g_autofree char *path = pdx_test_tmp_path ("report.pdf");
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) parts = g_strsplit (seal, " ", 2);
  g_autofree char *text = NULL, *expected = NULL;
  g_auto (GStrv) pages = NULL;
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };
  guint       n_pages = 0;

  g_assert_true (pdx_report_write_pdf (db, study_id, path, NULL, &error));
  g_assert_no_error (error);
  text = pdx_test_run_tool (argv);
  expected = g_strdup_printf ("Audit seal: entry %s, SHA-256 %s", parts[0], parts[1]);
  pages = g_strsplit (text, "\f", -1);
  for (guint i = 0; pages[i] != NULL; i++)
    {
      g_autoptr (GString) page = g_string_new (pages[i]);

      if (page->len == 0 && pages[i + 1] == NULL)
        continue; /* after the last form feed */
      g_string_replace (page, "entry ", "entry \x01", 0);
      /* "entry 1,234," → "entry 1234,": drop the digits' group separators. */
      for (char *p = strchr (page->str, '\x01'); p != NULL; p = strchr (p + 1, '\x01'))
        {
          char *q = p + 1;
          while (g_ascii_isdigit (*q) || (*q == ',' && g_ascii_isdigit (q[1])))
            q++;
          {
            g_autofree char *number = g_strndup (p + 1, q - p - 1);
            g_autoptr (GString) digits = g_string_new (number);
            g_string_replace (digits, ",", "", 0);
            memmove (p + digits->len, q, strlen (q) + 1);
            memcpy (p, digits->str, digits->len);
          }
        }
      g_assert_nonnull (strstr (page->str, expected));
      n_pages++;
    }
  g_assert_cmpuint (n_pages, >=, 3);
}

static void
test_seals (void)
{
  g_autoptr (PdxDb) db = pdx_test_export_new_demo_lab ();
  g_autoptr (PdxStudy) study = pdx_study_find (db, STUDY, NULL);
  g_autoptr (PdxMeasurement) m = NULL;
  g_autoptr (GPtrArray) all = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *before = NULL, *after = NULL;

  g_assert_nonnull (study);
  before = cli_seal (db);
  g_assert_true (g_regex_match_simple ("^[1-9][0-9]* [0-9a-f]{64}$", before, 0, 0));
  check_csvs (db, study->id, before);
  check_xlsx (db, study->id, before);
  check_report (db, study->id, before);

  /* The lab changes: a new export carries the new seal. */
  all = pdx_measurement_list_for_study (db, study->id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, >, 0);
  m = pdx_measurement_copy (g_ptr_array_index (all, 0));
  m->note = g_strdup ("re-read from the bench sheet");
  pdx_db_set_reason (db, "Transcription error");
  g_assert_true (pdx_measurement_update (db, m, &error));
  g_assert_no_error (error);
  after = cli_seal (db);
  g_assert_cmpstr (after, !=, before);
  check_csvs (db, study->id, after);
  check_xlsx (db, study->id, after);
}

/* `audit export`: a known edit sequence of one measurement (added with weight 21 and BLI 3e7,
 * the weight changed to 20.5 for "Re-measured", deleted for "Instrument error") reads back one
 * row per changed field with the exact old and new values, the columns exactly the issue's,
 * and the seal line equal to `audit seal`. */
static void
test_audit_export_csv (void)
{
  g_autofree char *lab_path = NULL, *out = pdx_test_tmp_path ("trail.csv");
  g_autoptr (PdxDb) db = pdx_test_new_lab (&lab_path);
  gint64 study = pdx_test_add_study (db, "S1", PDX_READOUT_BLI_FLUX, "2024-03-15");
  gint64 mouse = pdx_test_add_mouse (db, study, 0, "M1", "2024-03-01");
  g_autoptr (PdxMeasurement) m = pdx_measurement_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxTestCsv) csv = NULL;
  g_autofree char  *seal = NULL;
  const char *const columns[] = { "seq",    "time_utc", "operator", "action", "table",
                                  "record", "study",    "mouse",    "field",  "old",
                                  "new",    "reason",   "hash" };
  const char *const args[] = { "audit", "export", "--out", out, "--study", "S1", NULL };
  const struct
  {
    const char *action, *field, *old, *new, *reason;
  } expected[] = {
    { "insert", "bli_flux", "", "30000000.0", "" },
    { "insert", "weight_g", "", "21.0", "" },
    { "update", "weight_g", "21.0", "20.5", "Re-measured" },
    { "delete", "bli_flux", "30000000.0", "", "Instrument error" },
    { "delete", "weight_g", "20.5", "", "Instrument error" },
  };
  guint n_measurement = 0, found = 0;

  m->mouse_id = mouse;
  m->date = g_strdup ("2024-03-20");
  m->weight_g = 21.0;
  m->bli_flux = 3e7;
  g_assert_true (pdx_measurement_insert (db, m, &error));
  m->weight_g = 20.5;
  pdx_db_set_reason (db, "Re-measured");
  g_assert_true (pdx_measurement_update (db, m, &error));
  pdx_db_set_reason (db, "Instrument error");
  g_assert_true (pdx_row_delete (db, PDX_TABLE_MEASUREMENT, m->id, &error));
  g_assert_no_error (error);
  pdx_db_set_reason (db, NULL);
  g_assert_cmpint (pdx_test_run_cli_args (lab_path, args, NULL, NULL), ==, 0);
  csv = pdx_test_csv_read (out);
  g_assert_cmpuint (csv->header->len, ==, G_N_ELEMENTS (columns));
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    g_assert_cmpstr (g_ptr_array_index (csv->header, i), ==, columns[i]);
  seal = cli_seal (db);
  g_assert_cmpstr (csv->seal, ==, seal);
  for (guint r = 0; r < csv->rows->len; r++)
    {
      const char *field = pdx_test_csv_get (csv, r, "field");

      g_assert_cmpstr (pdx_test_csv_get (csv, r, "study"), ==, "S1");
      g_assert_cmpuint (strlen (pdx_test_csv_get (csv, r, "hash")), ==, 64);
      if (g_strcmp0 (pdx_test_csv_get (csv, r, "table"), "measurement") != 0)
        continue;
      n_measurement++;
      g_assert_cmpstr (pdx_test_csv_get (csv, r, "mouse"), ==, "M1");
      if (!g_str_equal (field, "weight_g") && !g_str_equal (field, "bli_flux"))
        continue;
      for (guint e = 0; e < G_N_ELEMENTS (expected); e++)
        if (g_str_equal (pdx_test_csv_get (csv, r, "action"), expected[e].action) &&
            g_str_equal (field, expected[e].field))
          {
            g_assert_cmpstr (pdx_test_csv_get (csv, r, "old"), ==, expected[e].old);
            g_assert_cmpstr (pdx_test_csv_get (csv, r, "new"), ==, expected[e].new);
            g_assert_cmpstr (pdx_test_csv_get (csv, r, "reason"), ==, expected[e].reason);
            found++;
          }
    }
  g_assert_cmpuint (found, ==, G_N_ELEMENTS (expected));
  /* The update changed one field: one row; the insert and delete each row's non-NULL ones. */
  g_assert_cmpuint (n_measurement, >=, G_N_ELEMENTS (expected));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/export/seals", test_seals);
  g_test_add_func ("/export/audit-csv", test_audit_export_csv);
  return g_test_run ();
}
