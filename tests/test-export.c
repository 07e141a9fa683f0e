/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-export.c — the cohort summary as CSV and XLSX, read back and checked cell by cell.
 *
 * Expected values come from the study as built here (counts, classes of Xeva's published test
 * vectors, entered measurements, dates) or from the analysis module's own results: the exporter
 * must format those, never recompute them. */
#include <math.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "cli.h"
#include "pdx-test-util.h"
#include "pdx-test-xlsx.h"
#include "pdx-test-cli.h"

/* ---- building small studies --------------------------------------------------------------- */

#define DAY0 "2024-03-01"
#define IMPLANT "2024-02-20" /* day −10 */

static char *
iso_for_day (int day)
{
  GDate date;
  char text[16];

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, G_DATE_MARCH, 2024);
  if (day >= 0)
    g_date_add_days (&date, day);
  else
    g_date_subtract_days (&date, -day);
  g_date_strftime (text, sizeof text, "%Y-%m-%d", &date);
  return g_strdup (text);
}

static gint64
add_study (PdxDb *db, const char *code)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxStudy) study = pdx_study_new ();

  study->code = g_strdup (code);
  study->title = g_strdup ("Tucatinib in an intracranial HER2+ model");
  study->day0 = g_strdup (DAY0);
  study->status = g_strdup ("active");
  study->readout = PDX_READOUT_CALIPER_VOLUME;
  study->implant_site = g_strdup ("intracranial-striatum");
  g_assert_true (pdx_study_insert (db, study, &error));
  g_assert_no_error (error);
  return study->id;
}

static gint64
add_arm (PdxDb *db, gint64 study_id, const char *name, gboolean control)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxArm) arm = pdx_arm_new ();

  arm->study_id = study_id;
  arm->name = g_strdup (name);
  arm->is_control = control;
  if (!control)
    {
      PdxAgent *agent = pdx_agent_new ();
      agent->drug = g_strdup (name);
      agent->dose = 50;
      agent->unit = g_strdup ("mg/kg");
      agent->route = g_strdup ("p.o.");
      agent->schedule = g_strdup ("bid");
      agent->first_day = 0;
      agent->last_day = 21;
      g_ptr_array_add (arm->agents, agent);
    }
  g_assert_true (pdx_arm_insert (db, arm, &error));
  g_assert_no_error (error);
  return arm->id;
}

static gint64
add_mouse (PdxDb *db, gint64 study_id, gint64 arm_id, const char *tag, const char *excluded)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxMouse) mouse = pdx_mouse_new ();

  mouse->study_id = study_id;
  mouse->arm_id = arm_id;
  mouse->tag = g_strdup (tag);
  mouse->sex = g_strdup ("F");
  mouse->implant_date = g_strdup (IMPLANT);
  mouse->excluded = excluded != NULL;
  mouse->exclusion_reason = g_strdup (excluded);
  g_assert_true (pdx_mouse_insert (db, mouse, &error));
  g_assert_no_error (error);
  return mouse->id;
}

/* One measurement per day of @days with @volumes; weights go linearly from @weight_first to
 * @weight_last (NAN: not weighed). */
static void
add_series (PdxDb *db, gint64 mouse_id, const double *days, const double *volumes, guint n,
            double weight_first, double weight_last)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PdxMeasurement) m = pdx_measurement_new ();

      m->mouse_id = mouse_id;
      m->date = iso_for_day ((int) days[i]);
      m->volume_mm3 = volumes[i];
      m->weight_g = weight_first + (weight_last - weight_first) * i / MAX (n - 1, 1);
      m->operator_name = g_strdup ("tester");
      g_assert_true (pdx_measurement_insert (db, m, &error));
      g_assert_no_error (error);
    }
}

static void
add_endpoint (PdxDb *db, gint64 mouse_id, int day, PdxEndpointKind kind)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxEndpoint) endpoint = pdx_endpoint_new ();

  endpoint->mouse_id = mouse_id;
  endpoint->date = iso_for_day (day);
  endpoint->kind = kind;
  endpoint->is_event = pdx_endpoint_kind_is_event (kind);
  g_assert_true (pdx_endpoint_insert (db, endpoint, &error));
  g_assert_no_error (error);
}

/* Xeva's published vectors (SPEC §4): a PR and a PD. */
static const double pr_days[] = { 0, 2, 5, 9, 12, 16, 19, 23, 26 };
static const double pr_volumes[] = { 199.7, 181.9, 172.7, 129.6, 91.3, 117.1, 122.7, 134.4, 143.3 };
static const double pd_days[] = { 0, 3, 7, 11, 18, 22, 26, 30, 32, 35 };
static const double pd_volumes[] = { 250.8, 320.4, 402.3, 382.6, 384, 445.9, 460.2, 546.8, 554.3,
                                     617.9 };

/* Study HB-1: Vehicle (control) V1 PD + humane endpoint day 40 with a 16 % weight loss, V2 PD
 * found dead day 36 with a 22 % loss, V3 excluded; Tucatinib T1 PR without endpoint, T2 PR end of
 * study day 45; Neratinib: both mice excluded. */
static gint64
build_hb1 (PdxDb *db)
{
  gint64 study = add_study (db, "HB-1");
  gint64 vehicle = add_arm (db, study, "Vehicle", TRUE);
  gint64 tucatinib = add_arm (db, study, "Tucatinib", FALSE);
  gint64 neratinib = add_arm (db, study, "Neratinib", FALSE);
  gint64 v1 = add_mouse (db, study, vehicle, "V1", NULL);
  gint64 v2 = add_mouse (db, study, vehicle, "V2", NULL);
  gint64 t1, t2;

  add_mouse (db, study, vehicle, "V3", "failed implant");
  t1 = add_mouse (db, study, tucatinib, "T1", NULL);
  t2 = add_mouse (db, study, tucatinib, "T2", NULL);
  add_mouse (db, study, neratinib, "N1", "anaesthesia death");
  add_mouse (db, study, neratinib, "N2", "wrong strain");
  add_series (db, v1, pd_days, pd_volumes, G_N_ELEMENTS (pd_days), 20.0, 16.8);
  add_series (db, v2, pd_days, pd_volumes, G_N_ELEMENTS (pd_days), 20.0, 15.6);
  add_series (db, t1, pr_days, pr_volumes, G_N_ELEMENTS (pr_days), 21.0, 21.5);
  add_series (db, t2, pr_days, pr_volumes, G_N_ELEMENTS (pr_days), 19.0, 19.0);
  add_endpoint (db, v1, 40, PDX_ENDPOINT_HUMANE_NEURO);
  add_endpoint (db, v2, 36, PDX_ENDPOINT_FOUND_DEAD);
  add_endpoint (db, t2, 45, PDX_ENDPOINT_END_OF_STUDY);
  return study;
}

/* ---- reading a CSV back -------------------------------------------------------------------- */

typedef struct
{
  GPtrArray *header;  /* char* */
  GPtrArray *rows;    /* GPtrArray of char* */
} Csv;

static void
csv_free (Csv *csv)
{
  g_ptr_array_unref (csv->header);
  g_ptr_array_unref (csv->rows);
  g_free (csv);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Csv, csv_free)

static Csv *
csv_read (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxCsvReader) reader = pdx_csv_reader_open (path, &error);
  Csv *csv = g_new0 (Csv, 1);
  char **fields;
  guint n;

  g_assert_no_error (error);
  csv->header = g_ptr_array_new_with_free_func (g_free);
  csv->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_assert_true (pdx_csv_reader_next (reader, &fields, &n, &error));
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (csv->header, g_strdup (fields[i]));
  while (pdx_csv_reader_next (reader, &fields, &n, &error))
    {
      GPtrArray *row = g_ptr_array_new_with_free_func (g_free);
      g_assert_cmpuint (n, ==, csv->header->len);
      for (guint i = 0; i < n; i++)
        g_ptr_array_add (row, g_strdup (fields[i]));
      g_ptr_array_add (csv->rows, row);
    }
  g_assert_no_error (error);
  return csv;
}

static const char *
csv_get (Csv *csv, guint row, const char *column)
{
  for (guint c = 0; c < csv->header->len; c++)
    if (g_str_equal (g_ptr_array_index (csv->header, c), column))
      return g_ptr_array_index ((GPtrArray *) g_ptr_array_index (csv->rows, row), c);
  g_error ("no column %s", column);
  return NULL;
}

/* The row whose "arm" is @arm. */
static guint
csv_arm_row (Csv *csv, const char *arm)
{
  for (guint r = 0; r < csv->rows->len; r++)
    if (g_str_equal (csv_get (csv, r, "arm"), arm))
      return r;
  g_error ("no arm %s", arm);
  return 0;
}

static double
csv_number (Csv *csv, guint row, const char *column)
{
  const char *text = csv_get (csv, row, column);
  char *end = NULL;
  double value;

  if (*text == '\0')
    return NAN;
  value = g_ascii_strtod (text, &end);
  g_assert_true (end && *end == '\0');
  return value;
}

/* Equal, or both not defined. */
#define assert_same(a, b) \
  G_STMT_START { double a_ = (a), b_ = (b); \
    if (isnan (b_)) g_assert_true (isnan (a_)); \
    else g_assert_cmpfloat_with_epsilon (a_, b_, 1e-9 * MAX (1, fabs (b_))); } G_STMT_END

/* ---- CSV ----------------------------------------------------------------------------------- */

static void
test_csv_hand_built (void)
{
  g_autoptr (PdxDb) db = pdx_test_new_lab (NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *path = pdx_test_tmp_path ("summary.csv");
  gint64 study = build_hb1 (db);
  g_autoptr (Csv) csv = NULL;
  g_autofree char *text = NULL;
  guint v, t, n;

  g_assert_true (pdx_export_summary_csv (db, study, path, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_true (g_str_has_prefix (text, "study,arm,control,n_mice,n_excluded,n_alive,"));
  g_assert_null (strstr (text, "nan"));
  csv = csv_read (path);
  g_assert_cmpuint (csv->rows->len, ==, 3);
  g_assert_nonnull (strstr (text, "median_survival_days"));
  v = csv_arm_row (csv, "Vehicle");
  t = csv_arm_row (csv, "Tucatinib");
  n = csv_arm_row (csv, "Neratinib");
  g_assert_cmpstr (csv_get (csv, v, "study"), ==, "HB-1");
  g_assert_cmpstr (csv_get (csv, v, "control"), ==, "1");
  g_assert_cmpstr (csv_get (csv, t, "control"), ==, "0");

  /* Counts from the study as built. */
  g_assert_cmpstr (csv_get (csv, v, "n_mice"), ==, "2");
  g_assert_cmpstr (csv_get (csv, v, "n_excluded"), ==, "1");
  g_assert_cmpstr (csv_get (csv, v, "n_alive"), ==, "0");
  g_assert_cmpstr (csv_get (csv, v, "n_mrecist_pd"), ==, "2");
  g_assert_cmpstr (csv_get (csv, v, "n_mrecist_pr"), ==, "0");
  g_assert_cmpstr (csv_get (csv, v, "n_events"), ==, "2");
  g_assert_cmpstr (csv_get (csv, v, "n_weight_loss_15_percent"), ==, "2");
  g_assert_cmpstr (csv_get (csv, v, "n_weight_loss_20_percent"), ==, "1");
  g_assert_cmpstr (csv_get (csv, t, "n_mice"), ==, "2");
  g_assert_cmpstr (csv_get (csv, t, "n_alive"), ==, "2");
  g_assert_cmpstr (csv_get (csv, t, "n_mrecist_pr"), ==, "2");
  g_assert_cmpstr (csv_get (csv, t, "n_mrecist_not_evaluable"), ==, "0");
  g_assert_cmpstr (csv_get (csv, t, "n_events"), ==, "0");
  g_assert_cmpstr (csv_get (csv, t, "n_censored"), ==, "2");
  g_assert_cmpstr (csv_get (csv, t, "n_censored_no_endpoint"), ==, "1");
  g_assert_cmpstr (csv_get (csv, t, "n_weight_loss_15_percent"), ==, "0");
  /* Xeva: BR −54.28142 for the PR vector; both mice share it. */
  g_assert_cmpfloat_with_epsilon (csv_number (csv, t, "median_best_response_percent"),
                                  -54.28142, 1e-4);
  g_assert_cmpfloat_with_epsilon (csv_number (csv, v, "median_best_response_percent"),
                                  52.55183, 1e-4);
  /* No comparison for the control, no hazard ratio without events in the treated arm. */
  g_assert_cmpstr (csv_get (csv, v, "tgi_percent"), ==, "");
  g_assert_cmpstr (csv_get (csv, v, "logrank_p"), ==, "");
  g_assert_cmpstr (csv_get (csv, t, "hazard_ratio"), ==, "");

  /* The arm whose mice are all excluded: counted, and nothing else defined. */
  g_assert_cmpstr (csv_get (csv, n, "n_mice"), ==, "0");
  g_assert_cmpstr (csv_get (csv, n, "n_excluded"), ==, "2");
  g_assert_cmpstr (csv_get (csv, n, "n_alive"), ==, "0");
  g_assert_cmpstr (csv_get (csv, n, "median_best_response_percent"), ==, "");
  g_assert_cmpstr (csv_get (csv, n, "tgi_percent"), ==, "");
  g_assert_cmpstr (csv_get (csv, n, "median_survival_days"), ==, "");
}

/* Every number of the CSV is the analysis module's, for every demo study. */
static void
check_csv_against_analysis (PdxDb *db, const PdxStudy *study, Csv *csv)
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
      guint r = csv_arm_row (csv, data->arms[a].name);
      const PdxArmResponseSummary *s = g_ptr_array_index (arm_responses, a);
      guint classes = 0;

      g_assert_cmpstr (csv_get (csv, r, "study"), ==, study->code);
      assert_same (csv_number (csv, r, "n_mice"), s->n);
      assert_same (csv_number (csv, r, "n_excluded"), s->n_excluded);
      for (const char *const *k = (const char *const[]) { "n_mrecist_cr", "n_mrecist_pr",
                                                          "n_mrecist_sd", "n_mrecist_pd",
                                                          "n_mrecist_not_evaluable", NULL };
           *k; k++)
        classes += (guint) csv_number (csv, r, *k);
      g_assert_cmpuint (classes, ==, s->n);
      assert_same (csv_number (csv, r, "n_mrecist_pr"), s->mrecist_count[PDX_MRECIST_PR]);
      assert_same (csv_number (csv, r, "median_best_response_percent"), s->median_best_response);
      assert_same (csv_number (csv, r, "n_weight_loss_20_percent"), s->n_weight_humane);
      g_assert_cmpfloat (csv_number (csv, r, "n_alive"), <=, s->n);
      if (efficacy)
        {
          const PdxArmEfficacy *e = g_ptr_array_index (efficacy, a);
          assert_same (csv_number (csv, r, "tgi_percent"), e->tgi_percent);
          assert_same (csv_number (csv, r, "tc_percent"), e->tc_percent);
          assert_same (csv_number (csv, r, "tgi_tc_day"), e->day);
        }
      if (survival)
        {
          const PdxArmSurvival *k = &survival->arms[a];
          assert_same (csv_number (csv, r, "n_events"), k->events);
          assert_same (csv_number (csv, r, "median_survival_days"), k->median);
          assert_same (csv_number (csv, r, "median_survival_ci_low_days"), k->median_ci_low);
          assert_same (csv_number (csv, r, "ils_percent"), k->ils_percent);
          assert_same (csv_number (csv, r, "logrank_p"), k->logrank_p);
          assert_same (csv_number (csv, r, "hazard_ratio"), k->hazard_ratio);
          assert_same (csv_number (csv, r, "hr_ci_high"), k->hr_ci_high);
        }
    }
}

static PdxDb *
new_demo_lab (void)
{
  g_autoptr (GError) error = NULL;
  PdxDb *db = pdx_test_new_lab (NULL);
  PdxDemoOptions options = { .seed = 42 };

  pdx_demo_generate (db, &options, &error);
  g_assert_no_error (error);
  return db;
}

static void
test_csv_demo (void)
{
  g_autoptr (PdxDb) db = new_demo_lab ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) studies = pdx_study_list (db, 0, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (studies->len, >, 0);
  for (guint i = 0; i < studies->len; i++)
    {
      const PdxStudy *study = g_ptr_array_index (studies, i);
      g_autofree char *name = g_strdup_printf ("%s.csv", study->code);
      g_autofree char *path = pdx_test_tmp_path (name);
      g_autoptr (Csv) csv = NULL;

      g_assert_true (pdx_export_summary (db, study->id, path, NULL, &error));
      g_assert_no_error (error);
      csv = csv_read (path);
      check_csv_against_analysis (db, study, csv);
    }
}

static void
test_csv_day (void)
{
  g_autoptr (PdxDb) db = pdx_test_new_lab (NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *path = pdx_test_tmp_path ("day.csv");
  gint64 study = build_hb1 (db);
  PdxExportOptions options;
  g_autoptr (Csv) csv = NULL;
  g_autoptr (PdxStudyData) data = pdx_study_data_load (db, study, &error);
  g_autoptr (GPtrArray) efficacy = pdx_arm_efficacy_list (data, 18, &error);
  const PdxArmEfficacy *e;
  guint t;

  g_assert_no_error (error);
  pdx_export_options_init (&options);
  options.day = 18;
  g_assert_true (pdx_export_summary_csv (db, study, path, &options, &error));
  g_assert_no_error (error);
  csv = csv_read (path);
  t = csv_arm_row (csv, "Tucatinib");
  e = g_ptr_array_index (efficacy, 1);
  g_assert_cmpfloat (csv_number (csv, t, "tgi_tc_day"), ==, 18);
  g_assert_false (isnan (e->tgi_percent));
  assert_same (csv_number (csv, t, "tgi_percent"), e->tgi_percent);
  assert_same (csv_number (csv, t, "tc_percent"), e->tc_percent);
  /* Treated volumes fall below the control's: T/C under 100 %, TGI over 0. */
  g_assert_cmpfloat (csv_number (csv, t, "tc_percent"), <, 100);
  g_assert_cmpfloat (csv_number (csv, t, "tgi_percent"), >, 0);
}

/* A study with arms and mice but no measurement, and one with measurements but no endpoint. */
static gint64
build_empty (PdxDb *db, gboolean measurements)
{
  gint64 study = add_study (db, measurements ? "NOEND" : "NOMEAS");
  gint64 vehicle = add_arm (db, study, "Vehicle", TRUE);
  gint64 lapatinib = add_arm (db, study, "Lapatinib", FALSE);
  gint64 a = add_mouse (db, study, vehicle, "A", NULL);
  gint64 b = add_mouse (db, study, lapatinib, "B", NULL);

  if (measurements)
    {
      add_series (db, a, pd_days, pd_volumes, G_N_ELEMENTS (pd_days), 20, 19);
      add_series (db, b, pr_days, pr_volumes, G_N_ELEMENTS (pr_days), 20, 20);
    }
  return study;
}

static void
test_csv_no_measurements (void)
{
  g_autoptr (PdxDb) db = pdx_test_new_lab (NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *path = pdx_test_tmp_path ("empty.csv");
  gint64 study = build_empty (db, FALSE);
  g_autoptr (Csv) csv = NULL;
  guint b;

  g_assert_true (pdx_export_summary_csv (db, study, path, NULL, &error));
  g_assert_no_error (error);
  csv = csv_read (path);
  g_assert_cmpuint (csv->rows->len, ==, 2);
  b = csv_arm_row (csv, "Lapatinib");
  g_assert_cmpstr (csv_get (csv, b, "n_mice"), ==, "1");
  g_assert_cmpstr (csv_get (csv, b, "n_mrecist_not_evaluable"), ==, "1");
  g_assert_cmpstr (csv_get (csv, b, "median_best_response_percent"), ==, "");
  g_assert_cmpstr (csv_get (csv, b, "tgi_percent"), ==, "");
  g_assert_cmpstr (csv_get (csv, b, "median_survival_days"), ==, "");
  g_assert_cmpstr (csv_get (csv, b, "n_alive"), ==, "1");
}

static void
test_csv_no_endpoints (void)
{
  g_autoptr (PdxDb) db = pdx_test_new_lab (NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *path = pdx_test_tmp_path ("noend.csv");
  gint64 study = build_empty (db, TRUE);
  g_autoptr (Csv) csv = NULL;

  g_assert_true (pdx_export_summary_csv (db, study, path, NULL, &error));
  g_assert_no_error (error);
  csv = csv_read (path);
  for (guint r = 0; r < csv->rows->len; r++)
    {
      g_assert_cmpstr (csv_get (csv, r, "n_events"), ==, "0");
      g_assert_cmpstr (csv_get (csv, r, "n_censored"), ==, "1");
      g_assert_cmpstr (csv_get (csv, r, "n_censored_no_endpoint"), ==, "1");
      g_assert_cmpstr (csv_get (csv, r, "n_alive"), ==, "1");
      g_assert_cmpstr (csv_get (csv, r, "median_survival_days"), ==, "");
    }
  g_assert_cmpstr (csv_get (csv, csv_arm_row (csv, "Lapatinib"), "n_mrecist_pr"), ==, "1");
}

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
  gint64 study = build_hb1 (db);
  GDir *listing;
  guint n_files = 0;

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

/* ---- XLSX ---------------------------------------------------------------------------------- */

static void
check_summary_sheet (XlsxSheet *sheet)
{
  guint vehicle, neratinib;
  int style = -1;

  g_assert_true (sheet->frozen_header);
  g_assert_cmpstr (xlsx_sheet_string (sheet, "A1"), ==, "Arm");
  g_assert_cmpstr (xlsx_sheet_string (sheet, "B1"), ==, "Control arm");
  vehicle = xlsx_sheet_find_row (sheet, "A", "Vehicle");
  neratinib = xlsx_sheet_find_row (sheet, "A", "Neratinib");
  g_assert_cmpfloat (xlsx_sheet_value (sheet, "Mice (n, not excluded)", vehicle, &style), ==, 2);
  g_assert_cmpfloat (xlsx_sheet_value (sheet, "Excluded (n)", vehicle, NULL), ==, 1);
  g_assert_cmpfloat (xlsx_sheet_value (sheet, "mRECIST PD (n)", vehicle, NULL), ==, 2);
  g_assert_cmpfloat (xlsx_sheet_value (sheet, "Weight loss ≥ 20% (n)", vehicle, NULL), ==, 1);
  g_assert_cmpfloat_with_epsilon (xlsx_sheet_value (sheet, "Median best response (%)", vehicle, NULL),
                                  52.55183, 1e-4);
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
  guint v1 = xlsx_sheet_find_row (sheet, tag_col, "V1");
  guint v3 = xlsx_sheet_find_row (sheet, tag_col, "V3");
  guint t1 = xlsx_sheet_find_row (sheet, tag_col, "T1");
  g_autofree char *mrecist_col = xlsx_sheet_column (sheet, "mRECIST");
  g_autofree char *mrecist_ref = g_strdup_printf ("%s%u", mrecist_col, t1);
  int style = -1;

  g_assert_true (sheet->frozen_header);
  /* Dates are numbers in a date format, on Excel's serial scale. */
  g_assert_cmpfloat (xlsx_sheet_value (sheet, "Implant date", v1, &style), ==, xlsx_excel_serial (IMPLANT));
  g_assert_cmpstr (xlsx_book_format_of (book, style), ==, "yyyy-mm-dd");
  g_assert_cmpfloat (xlsx_sheet_value (sheet, "Endpoint date", v1, &style), ==,
                     xlsx_excel_serial ("2024-04-10"));
  g_assert_cmpstr (xlsx_book_format_of (book, style), ==, "yyyy-mm-dd");
  g_assert_true (isnan (xlsx_sheet_value (sheet, "Endpoint date", t1, NULL)));
  /* Survival from implant (day −10) to the endpoint on day 40. */
  g_assert_cmpfloat (xlsx_sheet_value (sheet, "Survival (days)", v1, NULL), ==, 50);
  g_assert_cmpfloat_with_epsilon (xlsx_sheet_value (sheet, "Best response (%)", t1, NULL), -54.28142,
                                  1e-4);
  g_assert_cmpfloat_with_epsilon (xlsx_sheet_value (sheet, "Best average response (%)", t1, NULL),
                                  -28.07545, 1e-4);
  g_assert_cmpfloat (xlsx_sheet_value (sheet, "Best response day (day)", t1, NULL), ==, 12);
  g_assert_cmpfloat_with_epsilon (xlsx_sheet_value (sheet, "AUC (mm³·day)", t1, NULL), 3556.7, 0.05);
  g_assert_cmpstr (xlsx_sheet_string (sheet, mrecist_ref), ==, "PR");
  g_assert_true (isnan (xlsx_sheet_value (sheet, "Best response (%)", v3, NULL)));
}

static void
check_measurements_sheet (XlsxSheet *sheet, XlsxBook *book)
{
  g_autofree char *tag_col = xlsx_sheet_column (sheet, "Mouse");
  guint n_t1 = 0, first = 0;
  int style = -1;

  g_assert_true (sheet->frozen_header);
  for (guint row = 2; row < 200; row++)
    {
      g_autofree char *ref = g_strdup_printf ("%s%u", tag_col, row);
      if (g_hash_table_contains (sheet->cells, ref) && g_str_equal (xlsx_sheet_string (sheet, ref), "T1"))
        {
          if (n_t1++ == 0)
            first = row;
        }
    }
  g_assert_cmpuint (n_t1, ==, G_N_ELEMENTS (pr_days));
  /* Rows are in date order: T1's first row is day 0, 199.7 mm³, weighed 21 g. */
  g_assert_cmpfloat (xlsx_sheet_value (sheet, "Date", first, &style), ==, xlsx_excel_serial (DAY0));
  g_assert_cmpstr (xlsx_book_format_of (book, style), ==, "yyyy-mm-dd");
  g_assert_cmpfloat (xlsx_sheet_value (sheet, "Day (day)", first, NULL), ==, 0);
  g_assert_cmpfloat_with_epsilon (xlsx_sheet_value (sheet, "Caliper volume (mm³)", first, NULL), 199.7,
                                  1e-9);
  g_assert_cmpfloat_with_epsilon (xlsx_sheet_value (sheet, "Body weight (g)", first, NULL), 21.0, 1e-9);
}

static void
check_survival_sheet (XlsxSheet *sheet, PdxDb *db, gint64 study)
{
  g_autoptr (PdxStudyData) data = pdx_study_data_load (db, study, NULL);
  g_autoptr (PdxSurvival) survival = pdx_survival_compute (data, NULL);
  const PdxArmSurvival *vehicle = &survival->arms[0];
  guint row = xlsx_sheet_find_row (sheet, "A", "Vehicle");

  g_assert_true (sheet->frozen_header);
  g_assert_cmpstr (data->arms[0].name, ==, "Vehicle");
  g_assert_cmpuint (vehicle->n_steps, >, 0);
  for (guint s = 0; s < vehicle->n_steps; s++)
    {
      assert_same (xlsx_sheet_value (sheet, "Day (days from implant)", row + s, NULL),
                   vehicle->steps[s].time);
      assert_same (xlsx_sheet_value (sheet, "At risk (n)", row + s, NULL), vehicle->steps[s].at_risk);
      assert_same (xlsx_sheet_value (sheet, "Survival S(t)", row + s, NULL), vehicle->steps[s].surv);
      assert_same (xlsx_sheet_value (sheet, "95% CI low", row + s, NULL), vehicle->steps[s].ci_low);
    }
  /* Vehicle: deaths on day 46 and 50 from implant; S falls to 1/2 then 0. */
  assert_same (xlsx_sheet_value (sheet, "Day (days from implant)", row, NULL), 46);
  assert_same (xlsx_sheet_value (sheet, "Survival S(t)", row, NULL), 0.5);
  assert_same (xlsx_sheet_value (sheet, "Survival S(t)", row + 1, NULL), 0.0);
}

static void
test_xlsx_hand_built (void)
{
  g_autoptr (PdxDb) db = pdx_test_new_lab (NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *path = pdx_test_tmp_path ("HB-1.xlsx");
  gint64 study = build_hb1 (db);
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
  gint64 studies[] = { build_empty (db, FALSE), build_empty (db, TRUE) };

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
        g_assert_cmpfloat (xlsx_sheet_value (summary, "Censored at last observation, no endpoint yet (n)",
                                        row, NULL), ==, 1);
    }
}

static void
test_xlsx_demo (void)
{
  g_autoptr (PdxDb) db = new_demo_lab ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) studies = pdx_study_list (db, 0, &error);

  for (guint i = 0; i < studies->len; i++)
    {
      const PdxStudy *study = g_ptr_array_index (studies, i);
      g_autofree char *path = pdx_test_tmp_path ("demo.XLSX");
      g_autoptr (GPtrArray) arms = pdx_arm_list (db, study->id, NULL);
      g_autoptr (GPtrArray) measurements = pdx_measurement_list_for_study (db, study->id, NULL,
                                                                            NULL);
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

/* ---- command line -------------------------------------------------------------------------- */

static void
test_cli (void)
{
  g_autofree char *db_path = NULL;
  g_autoptr (PdxDb) db = pdx_test_new_lab (&db_path);
  g_autofree char *csv_path = pdx_test_tmp_path ("cli.csv");
  g_autofree char *xlsx_path = pdx_test_tmp_path ("cli.xlsx");
  g_autofree char *bad_path = pdx_test_tmp_path ("cli.txt");
  g_autofree char *message = NULL;
  g_autoptr (Csv) csv = NULL;

  build_hb1 (db);
  g_clear_pointer (&db, pdx_db_close);
  g_assert_cmpint (pdx_test_run_cli (db_path, NULL, "export", "summary", "--study", "HB-1", "--out",
                            csv_path, "--day", "18", NULL), ==, 0);
  csv = csv_read (csv_path);
  g_assert_cmpuint (csv->rows->len, ==, 3);
  g_assert_cmpfloat (csv_number (csv, csv_arm_row (csv, "Tucatinib"), "tgi_tc_day"), ==, 18);
  g_assert_cmpint (pdx_test_run_cli (db_path, NULL, "export", "summary", "--study", "HB-1", "--out",
                            xlsx_path, NULL), ==, 0);
  g_assert_true (g_file_test (xlsx_path, G_FILE_TEST_IS_REGULAR));

  g_assert_cmpint (pdx_test_run_cli (db_path, &message, "export", "summary", "--study", "HB-1", "--out",
                            bad_path, NULL), !=, 0);
  g_assert_true (g_str_has_prefix (message, "pdxtrack-cli: "));
  g_assert_nonnull (strstr (message, ".csv or .xlsx"));
  g_assert_cmpuint (strlen (message), ==, strcspn (message, "\n") + 1);
  g_clear_pointer (&message, g_free);
  g_assert_cmpint (pdx_test_run_cli (db_path, &message, "export", "summary", "--study", "NOPE", "--out",
                            csv_path, NULL), !=, 0);
  g_assert_nonnull (strstr (message, "NOPE"));
  g_clear_pointer (&message, g_free);
  g_assert_cmpint (pdx_test_run_cli (db_path, &message, "export", "summary", "--study", "HB-1", NULL), !=,
                   0);
  g_assert_nonnull (strstr (message, "--out"));
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
  g_test_add_func ("/export/summary/errors", test_errors);
  g_test_add_func ("/export/summary/xlsx/hand-built", test_xlsx_hand_built);
  g_test_add_func ("/export/summary/xlsx/empty-studies", test_xlsx_empty_studies);
  g_test_add_func ("/export/summary/xlsx/demo", test_xlsx_demo);
  g_test_add_func ("/export/cli", test_cli);
  return g_test_run ();
}
