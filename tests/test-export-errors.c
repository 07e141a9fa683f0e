/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-export-errors.c — the cohort summary refused: an unknown study, a missing folder, an
 * unknown file type, through the API (the file kept, no temporary file left) and through
 * `pdxtrack-cli export summary` (one message line naming the problem). */
#include <math.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "cli.h"
#include "pdx-test-cli.h"
#include "pdx-test-export.h"

static void
test_errors (void)
{
  g_autoptr (PdxDb) db = pdx_test_new_lab (NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = pdx_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "kept.csv", NULL);
  g_autofree char *missing = g_build_filename (dir, "no-such-folder", "x.xlsx", NULL);
  g_autofree char *bad = g_build_filename (dir, "x.ods", NULL);
  g_autofree char *contents = NULL;
  gint64           study = pdx_test_export_build_hb1 (db);
  GDir            *listing;
  guint            n_files = 0;

  g_assert_true (g_file_set_contents (path, "keep me", -1, NULL));
  g_assert_false (pdx_export_summary_csv (db, 9999, path, NULL, &error));
  g_assert_error (error, PDX_DB_ERROR, PDX_DB_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (pdx_export_summary_xlsx (db, 9999, path, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "keep me");

  g_assert_false (pdx_export_summary_xlsx (db, study, missing, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (pdx_export_summary_csv (db, study, missing, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (pdx_export_summary (db, study, bad, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  /* No temp file is left behind. */
  listing = g_dir_open (dir, 0, NULL);
  while (g_dir_read_name (listing))
    n_files++;
  g_dir_close (listing);
  g_assert_cmpuint (n_files, ==, 1);
}

static void
test_cli (void)
{
  g_autofree char *db_path = NULL;
  g_autoptr (PdxDb) db = pdx_test_new_lab (&db_path);
  g_autofree char *csv_path = pdx_test_tmp_path ("cli.csv");
  g_autofree char *xlsx_path = pdx_test_tmp_path ("cli.xlsx");
  g_autofree char *bad_path = pdx_test_tmp_path ("cli.txt");
  g_autofree char *message = NULL;
  g_autoptr (PdxTestCsv) csv = NULL;

  pdx_test_export_build_hb1 (db);
  g_clear_pointer (&db, pdx_db_close);
  g_assert_cmpint (pdx_test_run_cli (db_path, NULL, "export", "summary", "--study", "HB-1", "--out",
                                     csv_path, "--day", "18", NULL),
                   ==, 0);
  csv = pdx_test_csv_read (csv_path);
  g_assert_cmpuint (csv->rows->len, ==, 3);
  g_assert_cmpfloat (
      pdx_test_csv_number (csv, pdx_test_csv_arm_row (csv, "Tucatinib"), "tgi_tc_day"), ==, 18);
  g_assert_cmpint (pdx_test_run_cli (db_path, NULL, "export", "summary", "--study", "HB-1", "--out",
                                     xlsx_path, NULL),
                   ==, 0);
  g_assert_true (g_file_test (xlsx_path, G_FILE_TEST_IS_REGULAR));

  g_assert_cmpint (pdx_test_run_cli (db_path, &message, "export", "summary", "--study", "HB-1",
                                     "--out", bad_path, NULL),
                   !=, 0);
  g_assert_true (g_str_has_prefix (message, "pdxtrack-cli: "));
  g_assert_nonnull (strstr (message, ".csv or .xlsx"));
  g_assert_cmpuint (strlen (message), ==, strcspn (message, "\n") + 1);
  g_clear_pointer (&message, g_free);
  g_assert_cmpint (pdx_test_run_cli (db_path, &message, "export", "summary", "--study", "NOPE",
                                     "--out", csv_path, NULL),
                   !=, 0);
  g_assert_nonnull (strstr (message, "NOPE"));
  g_clear_pointer (&message, g_free);
  g_assert_cmpint (
      pdx_test_run_cli (db_path, &message, "export", "summary", "--study", "HB-1", NULL), !=, 0);
  g_assert_nonnull (strstr (message, "--out"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/export/summary/errors", test_errors);
  g_test_add_func ("/export/cli", test_cli);
  return g_test_run ();
}
