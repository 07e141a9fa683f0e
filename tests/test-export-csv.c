/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-export-csv.c — the cohort summary as CSV, read back and checked cell by cell.
 *
 * Expected values come from the study as built (pdx-test-export.h: counts, classes of Xeva's
 * published test vectors, entered measurements, dates) or from the analysis module's own
 * results: the exporter must format those, never recompute them. */
#include <math.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "pdx-test-export.h"

static void
test_csv_hand_built (void)
{
  g_autoptr (PdxDb) db = pdx_test_new_lab (NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *path = pdx_test_tmp_path ("summary.csv");
  gint64           study = pdx_test_export_build_hb1 (db);
  g_autoptr (PdxTestCsv) csv = NULL;
  g_autofree char *text = NULL;
  guint            v, t, n;

  g_assert_true (pdx_export_summary_csv (db, study, path, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_true (g_str_has_prefix (text, "study,arm,control,n_mice,n_excluded,n_alive,"));
  g_assert_null (strstr (text, "nan"));
  csv = pdx_test_csv_read (path);
  g_assert_cmpuint (csv->rows->len, ==, 3);
  g_assert_nonnull (strstr (text, "median_survival_days"));
  v = pdx_test_csv_arm_row (csv, "Vehicle");
  t = pdx_test_csv_arm_row (csv, "Tucatinib");
  n = pdx_test_csv_arm_row (csv, "Neratinib");
  g_assert_cmpstr (pdx_test_csv_get (csv, v, "study"), ==, "HB-1");
  g_assert_cmpstr (pdx_test_csv_get (csv, v, "control"), ==, "1");
  g_assert_cmpstr (pdx_test_csv_get (csv, t, "control"), ==, "0");

  /* Counts from the study as built. */
  g_assert_cmpstr (pdx_test_csv_get (csv, v, "n_mice"), ==, "2");
  g_assert_cmpstr (pdx_test_csv_get (csv, v, "n_excluded"), ==, "1");
  g_assert_cmpstr (pdx_test_csv_get (csv, v, "n_alive"), ==, "0");
  g_assert_cmpstr (pdx_test_csv_get (csv, v, "n_mrecist_pd"), ==, "2");
  g_assert_cmpstr (pdx_test_csv_get (csv, v, "n_mrecist_pr"), ==, "0");
  g_assert_cmpstr (pdx_test_csv_get (csv, v, "n_events"), ==, "2");
  g_assert_cmpstr (pdx_test_csv_get (csv, v, "n_weight_loss_15_percent"), ==, "2");
  g_assert_cmpstr (pdx_test_csv_get (csv, v, "n_weight_loss_20_percent"), ==, "1");
  g_assert_cmpstr (pdx_test_csv_get (csv, t, "n_mice"), ==, "2");
  g_assert_cmpstr (pdx_test_csv_get (csv, t, "n_alive"), ==, "2");
  g_assert_cmpstr (pdx_test_csv_get (csv, t, "n_mrecist_pr"), ==, "2");
  g_assert_cmpstr (pdx_test_csv_get (csv, t, "n_mrecist_not_evaluable"), ==, "0");
  g_assert_cmpstr (pdx_test_csv_get (csv, t, "n_events"), ==, "0");
  g_assert_cmpstr (pdx_test_csv_get (csv, t, "n_censored"), ==, "2");
  g_assert_cmpstr (pdx_test_csv_get (csv, t, "n_censored_no_endpoint"), ==, "1");
  g_assert_cmpstr (pdx_test_csv_get (csv, t, "n_weight_loss_15_percent"), ==, "0");
  /* Xeva: BR −54.28142 for the PR vector; both mice share it. */
  g_assert_cmpfloat_with_epsilon (pdx_test_csv_number (csv, t, "median_best_response_percent"),
                                  -54.28142, 1e-4);
  g_assert_cmpfloat_with_epsilon (pdx_test_csv_number (csv, v, "median_best_response_percent"),
                                  52.55183, 1e-4);
  /* No comparison for the control, no hazard ratio without events in the treated arm. */
  g_assert_cmpstr (pdx_test_csv_get (csv, v, "tgi_percent"), ==, "");
  g_assert_cmpstr (pdx_test_csv_get (csv, v, "logrank_p"), ==, "");
  g_assert_cmpstr (pdx_test_csv_get (csv, t, "hazard_ratio"), ==, "");

  /* The arm whose mice are all excluded: counted, and nothing else defined. */
  g_assert_cmpstr (pdx_test_csv_get (csv, n, "n_mice"), ==, "0");
  g_assert_cmpstr (pdx_test_csv_get (csv, n, "n_excluded"), ==, "2");
  g_assert_cmpstr (pdx_test_csv_get (csv, n, "n_alive"), ==, "0");
  g_assert_cmpstr (pdx_test_csv_get (csv, n, "median_best_response_percent"), ==, "");
  g_assert_cmpstr (pdx_test_csv_get (csv, n, "tgi_percent"), ==, "");
  g_assert_cmpstr (pdx_test_csv_get (csv, n, "median_survival_days"), ==, "");
}

/* Every number of the CSV is the analysis module's, for every demo study. */
static void
check_csv_against_analysis (PdxDb *db, const PdxStudy *study, PdxTestCsv *csv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxStudyData) data = pdx_study_data_load (db, study->id, &error);
  g_autoptr (GPtrArray) responses = NULL, weights = NULL, arm_responses = NULL;
  g_autoptr (GPtrArray) efficacy = NULL;
  g_autoptr (PdxSurvival) survival = NULL;

  g_assert_no_error (error);
  responses = pdx_response_list (data);
  weights = pdx_mouse_weight_list (data);
  arm_responses = pdx_arm_response_summary_list (data, responses, weights);
  efficacy = pdx_arm_efficacy_list (data, NAN, NULL);
  survival = pdx_survival_compute (data, NULL);
  g_assert_cmpuint (csv->rows->len, ==, data->n_arms);
  for (guint a = 0; a < data->n_arms; a++)
    {
      guint                        r = pdx_test_csv_arm_row (csv, data->arms[a].name);
      const PdxArmResponseSummary *s = g_ptr_array_index (arm_responses, a);
      guint                        classes = 0;

      g_assert_cmpstr (pdx_test_csv_get (csv, r, "study"), ==, study->code);
      pdx_test_assert_same (pdx_test_csv_number (csv, r, "n_mice"), s->n);
      pdx_test_assert_same (pdx_test_csv_number (csv, r, "n_excluded"), s->n_excluded);
      for (const char *const *k =
               (const char *const[]){ "n_mrecist_cr", "n_mrecist_pr", "n_mrecist_sd",
                                      "n_mrecist_pd", "n_mrecist_not_evaluable", NULL };
           *k; k++)
        classes += (guint) pdx_test_csv_number (csv, r, *k);
      g_assert_cmpuint (classes, ==, s->n);
      pdx_test_assert_same (pdx_test_csv_number (csv, r, "n_mrecist_pr"),
                            s->mrecist_count[PDX_MRECIST_PR]);
      pdx_test_assert_same (pdx_test_csv_number (csv, r, "median_best_response_percent"),
                            s->median_best_response);
      pdx_test_assert_same (pdx_test_csv_number (csv, r, "n_weight_loss_20_percent"),
                            s->n_weight_humane);
      g_assert_cmpfloat (pdx_test_csv_number (csv, r, "n_alive"), <=, s->n);
      if (efficacy)
        {
          const PdxArmEfficacy *e = g_ptr_array_index (efficacy, a);
          pdx_test_assert_same (pdx_test_csv_number (csv, r, "tgi_percent"), e->tgi_percent);
          pdx_test_assert_same (pdx_test_csv_number (csv, r, "tc_percent"), e->tc_percent);
          pdx_test_assert_same (pdx_test_csv_number (csv, r, "tgi_tc_day"), e->day);
        }
      if (survival)
        {
          const PdxArmSurvival *k = &survival->arms[a];
          pdx_test_assert_same (pdx_test_csv_number (csv, r, "n_events"), k->events);
          pdx_test_assert_same (pdx_test_csv_number (csv, r, "median_survival_days"), k->median);
          pdx_test_assert_same (pdx_test_csv_number (csv, r, "median_survival_ci_low_days"),
                                k->median_ci_low);
          pdx_test_assert_same (pdx_test_csv_number (csv, r, "ils_percent"), k->ils_percent);
          pdx_test_assert_same (pdx_test_csv_number (csv, r, "logrank_p"), k->logrank_p);
          pdx_test_assert_same (pdx_test_csv_number (csv, r, "hazard_ratio"), k->hazard_ratio);
          pdx_test_assert_same (pdx_test_csv_number (csv, r, "hr_ci_high"), k->hr_ci_high);
        }
    }
}

static void
test_csv_demo (void)
{
  g_autoptr (PdxDb) db = pdx_test_export_new_demo_lab ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) studies = pdx_study_list (db, 0, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (studies->len, >, 0);
  for (guint i = 0; i < studies->len; i++)
    {
      const PdxStudy  *study = g_ptr_array_index (studies, i);
      g_autofree char *name = g_strdup_printf ("%s.csv", study->code);
      g_autofree char *path = pdx_test_tmp_path (name);
      g_autoptr (PdxTestCsv) csv = NULL;

      g_assert_true (pdx_export_summary (db, study->id, path, NULL, &error));
      g_assert_no_error (error);
      csv = pdx_test_csv_read (path);
      check_csv_against_analysis (db, study, csv);
    }
}

static void
test_csv_day (void)
{
  g_autoptr (PdxDb) db = pdx_test_new_lab (NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *path = pdx_test_tmp_path ("day.csv");
  gint64           study = pdx_test_export_build_hb1 (db);
  PdxExportOptions options;
  g_autoptr (PdxTestCsv) csv = NULL;
  g_autoptr (PdxStudyData) data = pdx_study_data_load (db, study, &error);
  g_autoptr (GPtrArray) efficacy = pdx_arm_efficacy_list (data, 18, &error);
  const PdxArmEfficacy *e;
  guint                 t;

  g_assert_no_error (error);
  pdx_export_options_init (&options);
  options.day = 18;
  g_assert_true (pdx_export_summary_csv (db, study, path, &options, &error));
  g_assert_no_error (error);
  csv = pdx_test_csv_read (path);
  t = pdx_test_csv_arm_row (csv, "Tucatinib");
  e = g_ptr_array_index (efficacy, 1);
  g_assert_cmpfloat (pdx_test_csv_number (csv, t, "tgi_tc_day"), ==, 18);
  g_assert_false (isnan (e->tgi_percent));
  pdx_test_assert_same (pdx_test_csv_number (csv, t, "tgi_percent"), e->tgi_percent);
  pdx_test_assert_same (pdx_test_csv_number (csv, t, "tc_percent"), e->tc_percent);
  /* Treated volumes fall below the control's: T/C under 100 %, TGI over 0. */
  g_assert_cmpfloat (pdx_test_csv_number (csv, t, "tc_percent"), <, 100);
  g_assert_cmpfloat (pdx_test_csv_number (csv, t, "tgi_percent"), >, 0);
}

static void
test_csv_no_measurements (void)
{
  g_autoptr (PdxDb) db = pdx_test_new_lab (NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *path = pdx_test_tmp_path ("empty.csv");
  gint64           study = pdx_test_export_build_empty (db, FALSE);
  g_autoptr (PdxTestCsv) csv = NULL;
  guint b;

  g_assert_true (pdx_export_summary_csv (db, study, path, NULL, &error));
  g_assert_no_error (error);
  csv = pdx_test_csv_read (path);
  g_assert_cmpuint (csv->rows->len, ==, 2);
  b = pdx_test_csv_arm_row (csv, "Lapatinib");
  g_assert_cmpstr (pdx_test_csv_get (csv, b, "n_mice"), ==, "1");
  g_assert_cmpstr (pdx_test_csv_get (csv, b, "n_mrecist_not_evaluable"), ==, "1");
  g_assert_cmpstr (pdx_test_csv_get (csv, b, "median_best_response_percent"), ==, "");
  g_assert_cmpstr (pdx_test_csv_get (csv, b, "tgi_percent"), ==, "");
  g_assert_cmpstr (pdx_test_csv_get (csv, b, "median_survival_days"), ==, "");
  g_assert_cmpstr (pdx_test_csv_get (csv, b, "n_alive"), ==, "1");
}

static void
test_csv_no_endpoints (void)
{
  g_autoptr (PdxDb) db = pdx_test_new_lab (NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *path = pdx_test_tmp_path ("noend.csv");
  gint64           study = pdx_test_export_build_empty (db, TRUE);
  g_autoptr (PdxTestCsv) csv = NULL;

  g_assert_true (pdx_export_summary_csv (db, study, path, NULL, &error));
  g_assert_no_error (error);
  csv = pdx_test_csv_read (path);
  for (guint r = 0; r < csv->rows->len; r++)
    {
      g_assert_cmpstr (pdx_test_csv_get (csv, r, "n_events"), ==, "0");
      g_assert_cmpstr (pdx_test_csv_get (csv, r, "n_censored"), ==, "1");
      g_assert_cmpstr (pdx_test_csv_get (csv, r, "n_censored_no_endpoint"), ==, "1");
      g_assert_cmpstr (pdx_test_csv_get (csv, r, "n_alive"), ==, "1");
      g_assert_cmpstr (pdx_test_csv_get (csv, r, "median_survival_days"), ==, "");
    }
  g_assert_cmpstr (pdx_test_csv_get (csv, pdx_test_csv_arm_row (csv, "Lapatinib"), "n_mrecist_pr"),
                   ==, "1");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/export/summary/csv/hand-built", test_csv_hand_built);
  g_test_add_func ("/export/summary/csv/demo-equals-analysis", test_csv_demo);
  g_test_add_func ("/export/summary/csv/day", test_csv_day);
  g_test_add_func ("/export/summary/csv/no-measurements", test_csv_no_measurements);
  g_test_add_func ("/export/summary/csv/no-endpoints", test_csv_no_endpoints);
  return g_test_run ();
}
