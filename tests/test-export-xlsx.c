/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-export-xlsx.c — the cohort summary as an XLSX workbook, unzipped (pdx-test-xlsx.h) and
 * checked sheet by sheet: values, date formats, frozen headers, notes.
 *
 * Expected values come from the study as built (pdx-test-export.h) or from the analysis
 * module's own results. */
#include <math.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "pdx-test-export.h"
#include "pdx-test-xlsx.h"

static void
check_summary_sheet (XlsxSheet *sheet)
{
  guint vehicle, neratinib;
  int   style = -1;

  g_assert_true (sheet->frozen_header);
  g_assert_cmpstr (xlsx_sheet_string (sheet, "A1"), ==, "Arm");
  g_assert_cmpstr (xlsx_sheet_string (sheet, "B1"), ==, "Control arm");
  vehicle = xlsx_sheet_find_row (sheet, "A", "Vehicle");
  neratinib = xlsx_sheet_find_row (sheet, "A", "Neratinib");
  g_assert_cmpfloat (xlsx_sheet_value (sheet, "Mice (n, not excluded)", vehicle, &style), ==, 2);
  g_assert_cmpfloat (xlsx_sheet_value (sheet, "Excluded (n)", vehicle, NULL), ==, 1);
  g_assert_cmpfloat (xlsx_sheet_value (sheet, "mRECIST PD (n)", vehicle, NULL), ==, 2);
  g_assert_cmpfloat (xlsx_sheet_value (sheet, "Weight loss ≥ 20% (n)", vehicle, NULL), ==, 1);
  g_assert_cmpfloat_with_epsilon (
      xlsx_sheet_value (sheet, "Median best response (%)", vehicle, NULL), 52.55183, 1e-4);
  g_assert_cmpfloat (xlsx_sheet_value (sheet, "Excluded (n)", neratinib, NULL), ==, 2);
  /* Undefined values are empty cells, not text. */
  g_assert_true (isnan (xlsx_sheet_value (sheet, "Median best response (%)", neratinib, NULL)));
  g_assert_true (isnan (xlsx_sheet_value (sheet, "TGI (%)", vehicle, NULL)));
  /* T1 has no endpoint: the summary says it is censored. */
  g_assert_true (xlsx_sheet_has_note (sheet, "1 mouse has no endpoint yet: censored at the last "
                                             "recorded observation."));
}

static void
check_mice_sheet (XlsxSheet *sheet, XlsxBook *book)
{
  g_autofree char *tag_col = xlsx_sheet_column (sheet, "Mouse");
  guint            v1 = xlsx_sheet_find_row (sheet, tag_col, "V1");
  guint            v3 = xlsx_sheet_find_row (sheet, tag_col, "V3");
  guint            t1 = xlsx_sheet_find_row (sheet, tag_col, "T1");
  g_autofree char *mrecist_col = xlsx_sheet_column (sheet, "mRECIST");
  g_autofree char *mrecist_ref = g_strdup_printf ("%s%u", mrecist_col, t1);
  int              style = -1;

  g_assert_true (sheet->frozen_header);
  /* Dates are numbers in a date format, on Excel's serial scale. */
  g_assert_cmpfloat (xlsx_sheet_value (sheet, "Implant date", v1, &style), ==,
                     xlsx_excel_serial (PDX_TEST_EXPORT_IMPLANT));
  g_assert_cmpstr (xlsx_book_format_of (book, style), ==, "yyyy-mm-dd");
  g_assert_cmpfloat (xlsx_sheet_value (sheet, "Endpoint date", v1, &style), ==,
                     xlsx_excel_serial ("2024-04-10"));
  g_assert_cmpstr (xlsx_book_format_of (book, style), ==, "yyyy-mm-dd");
  g_assert_true (isnan (xlsx_sheet_value (sheet, "Endpoint date", t1, NULL)));
  /* Survival from implant (day −10) to the endpoint on day 40. */
  g_assert_cmpfloat (xlsx_sheet_value (sheet, "Survival (days)", v1, NULL), ==, 50);
  g_assert_cmpfloat_with_epsilon (xlsx_sheet_value (sheet, "Best response (%)", t1, NULL),
                                  -54.28142, 1e-4);
  g_assert_cmpfloat_with_epsilon (xlsx_sheet_value (sheet, "Best average response (%)", t1, NULL),
                                  -28.07545, 1e-4);
  g_assert_cmpfloat (xlsx_sheet_value (sheet, "Best response day (day)", t1, NULL), ==, 12);
  g_assert_cmpfloat_with_epsilon (xlsx_sheet_value (sheet, "AUC (mm³·day)", t1, NULL), 3556.7,
                                  0.05);
  g_assert_cmpstr (xlsx_sheet_string (sheet, mrecist_ref), ==, "PR");
  g_assert_true (isnan (xlsx_sheet_value (sheet, "Best response (%)", v3, NULL)));
}

static void
check_measurements_sheet (XlsxSheet *sheet, XlsxBook *book)
{
  g_autofree char *tag_col = xlsx_sheet_column (sheet, "Mouse");
  guint            n_t1 = 0, first = 0;
  int              style = -1;

  g_assert_true (sheet->frozen_header);
  for (guint row = 2; row < 200; row++)
    {
      g_autofree char *ref = g_strdup_printf ("%s%u", tag_col, row);
      if (g_hash_table_contains (sheet->cells, ref) &&
          g_str_equal (xlsx_sheet_string (sheet, ref), "T1"))
        {
          if (n_t1++ == 0)
            first = row;
        }
    }
  g_assert_cmpuint (n_t1, ==, G_N_ELEMENTS (pdx_test_pr_days));
  /* Rows are in date order: T1's first row is day 0, 199.7 mm³, weighed 21 g. */
  g_assert_cmpfloat (xlsx_sheet_value (sheet, "Date", first, &style), ==,
                     xlsx_excel_serial (PDX_TEST_EXPORT_DAY0));
  g_assert_cmpstr (xlsx_book_format_of (book, style), ==, "yyyy-mm-dd");
  g_assert_cmpfloat (xlsx_sheet_value (sheet, "Day (day)", first, NULL), ==, 0);
  g_assert_cmpfloat_with_epsilon (xlsx_sheet_value (sheet, "Caliper volume (mm³)", first, NULL),
                                  199.7, 1e-9);
  g_assert_cmpfloat_with_epsilon (xlsx_sheet_value (sheet, "Body weight (g)", first, NULL), 21.0,
                                  1e-9);
}

static void
check_survival_sheet (XlsxSheet *sheet, PdxDb *db, gint64 study)
{
  g_autoptr (PdxStudyData) data = pdx_study_data_load (db, study, NULL);
  g_autoptr (PdxSurvival) survival = pdx_survival_compute (data, NULL);
  const PdxArmSurvival *vehicle = &survival->arms[0];
  guint                 row = xlsx_sheet_find_row (sheet, "A", "Vehicle");

  g_assert_true (sheet->frozen_header);
  g_assert_cmpstr (data->arms[0].name, ==, "Vehicle");
  g_assert_cmpuint (vehicle->n_steps, >, 0);
  for (guint s = 0; s < vehicle->n_steps; s++)
    {
      pdx_test_assert_same (xlsx_sheet_value (sheet, "Day (days from implant)", row + s, NULL),
                            vehicle->steps[s].time);
      pdx_test_assert_same (xlsx_sheet_value (sheet, "At risk (n)", row + s, NULL),
                            vehicle->steps[s].at_risk);
      pdx_test_assert_same (xlsx_sheet_value (sheet, "Survival S(t)", row + s, NULL),
                            vehicle->steps[s].surv);
      pdx_test_assert_same (xlsx_sheet_value (sheet, "95% CI low", row + s, NULL),
                            vehicle->steps[s].ci_low);
    }
  /* Vehicle: deaths on day 46 and 50 from implant; S falls to 1/2 then 0. */
  pdx_test_assert_same (xlsx_sheet_value (sheet, "Day (days from implant)", row, NULL), 46);
  pdx_test_assert_same (xlsx_sheet_value (sheet, "Survival S(t)", row, NULL), 0.5);
  pdx_test_assert_same (xlsx_sheet_value (sheet, "Survival S(t)", row + 1, NULL), 0.0);
}

static void
test_xlsx_hand_built (void)
{
  g_autoptr (PdxDb) db = pdx_test_new_lab (NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *path = pdx_test_tmp_path ("HB-1.xlsx");
  gint64           study = pdx_test_export_build_hb1 (db);
  g_autoptr (XlsxBook) book = NULL;
  const char *names[] = { "Summary", "Mice", "Measurements", "Survival" };

  g_assert_true (pdx_export_summary (db, study, path, NULL, &error));
  g_assert_no_error (error);
  book = xlsx_book_read (path);
  g_assert_cmpuint (book->sheet_names->len, ==, 4);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpstr (g_ptr_array_index (book->sheet_names, i), ==, names[i]);
  {
    g_autoptr (XlsxSheet) summary = xlsx_sheet_read (path, book, 0);
    g_autoptr (XlsxSheet) mice = xlsx_sheet_read (path, book, 1);
    g_autoptr (XlsxSheet) measurements = xlsx_sheet_read (path, book, 2);
    g_autoptr (XlsxSheet) survival = xlsx_sheet_read (path, book, 3);
    check_summary_sheet (summary);
    check_mice_sheet (mice, book);
    check_measurements_sheet (measurements, book);
    check_survival_sheet (survival, db, study);
  }
}

static void
test_xlsx_empty_studies (void)
{
  g_autoptr (PdxDb) db = pdx_test_new_lab (NULL);
  gint64 studies[] = { pdx_test_export_build_empty (db, FALSE),
                       pdx_test_export_build_empty (db, TRUE) };

  for (guint i = 0; i < G_N_ELEMENTS (studies); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *path = pdx_test_tmp_path ("empty.xlsx");
      g_autoptr (XlsxBook) book = NULL;
      g_autoptr (XlsxSheet) summary = NULL, measurements = NULL;
      guint row;

      g_assert_true (pdx_export_summary_xlsx (db, studies[i], path, NULL, &error));
      g_assert_no_error (error);
      book = xlsx_book_read (path);
      g_assert_cmpuint (book->sheet_names->len, ==, 4);
      summary = xlsx_sheet_read (path, book, 0);
      measurements = xlsx_sheet_read (path, book, 2);
      row = xlsx_sheet_find_row (summary, "A", "Lapatinib");
      g_assert_cmpfloat (xlsx_sheet_value (summary, "Mice (n, not excluded)", row, NULL), ==, 1);
      if (i == 0)
        {
          g_assert_cmpstr (xlsx_sheet_string (measurements, "A2"), ==, "No measurement recorded.");
          g_assert_true (xlsx_sheet_has_note (summary, "TGI and T/C not computed: "));
          g_assert_true (xlsx_sheet_has_note (summary, "Survival not computed: "));
        }
      else
        g_assert_cmpfloat (xlsx_sheet_value (summary,
                                             "Censored at last observation, no endpoint yet (n)",
                                             row, NULL),
                           ==, 1);
    }
}

static void
test_xlsx_demo (void)
{
  g_autoptr (PdxDb) db = pdx_test_export_new_demo_lab ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) studies = pdx_study_list (db, 0, &error);

  for (guint i = 0; i < studies->len; i++)
    {
      const PdxStudy  *study = g_ptr_array_index (studies, i);
      g_autofree char *path = pdx_test_tmp_path ("demo.XLSX");
      g_autoptr (GPtrArray) arms = pdx_arm_list (db, study->id, NULL);
      g_autoptr (GPtrArray) measurements =
          pdx_measurement_list_for_study (db, study->id, NULL, NULL);
      g_autoptr (XlsxBook) book = NULL;
      g_autoptr (XlsxSheet) summary = NULL, sheet = NULL;

      g_assert_true (pdx_export_summary (db, study->id, path, NULL, &error));
      g_assert_no_error (error);
      book = xlsx_book_read (path);
      summary = xlsx_sheet_read (path, book, 0);
      for (guint a = 0; a < arms->len; a++)
        xlsx_sheet_find_row (summary, "A", ((PdxArm *) g_ptr_array_index (arms, a))->name);
      sheet = xlsx_sheet_read (path, book, 2);
      /* One row per measurement: the last one is present, the next is not. */
      {
        g_autofree char *last = g_strdup_printf ("C%u", measurements->len + 1);
        g_autofree char *after = g_strdup_printf ("C%u", measurements->len + 2);
        g_assert_false (isnan (xlsx_sheet_number (sheet, last, NULL)));
        g_assert_false (g_hash_table_contains (sheet->cells, after));
      }
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/export/summary/xlsx/hand-built", test_xlsx_hand_built);
  g_test_add_func ("/export/summary/xlsx/empty-studies", test_xlsx_empty_studies);
  g_test_add_func ("/export/summary/xlsx/demo", test_xlsx_demo);
  return g_test_run ();
}
