/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-analysis-randomize.c — seeded, balanced randomisation and the balance report, on labs
 * built through the real importers and domain API. */
#include <math.h>

#include "pdx-test-util.h"

/* Baselines (day 0 MRI volume) of 24 mice: a skewed spread, as tumours are. */
static const double baselines[24] = {
  12.1, 35.7, 8.4, 22.9, 51.3, 17.6, 9.9,  28.4, 14.2, 40.8, 19.5, 11.3,
  63.0, 25.1, 7.2, 31.6, 16.8, 45.4, 10.7, 21.2, 13.9, 37.3, 18.1, 26.6,
};

static void
import_csv (PdxDb *db, const char *kind, const char *text)
{
  g_autofree char *path = pdx_test_write_file ("import.csv", text, -1);
  g_autoptr (GError) error = NULL;
  PdxImportReport report = { 0 };
  gboolean        ok = g_str_equal (kind, "mice")
                           ? pdx_import_mice (db, path, &report, NULL, NULL, &error)
                           : pdx_import_measurements (db, path, &report, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
  pdx_import_report_clear (&report);
}

/* Study RND with arms vehicle, T-DM1, tucatinib and @n_mice waiting mice (alternating F/M)
 * measured at day 0; the first @n_assigned of them already in "vehicle". */
static gint64
make_study (PdxDb *db, guint n_mice, guint n_assigned)
{
  g_autoptr (GString) mice = g_string_new ("study,arm,mouse,sex,implant_date,day0,readout\n");
  g_autoptr (GString) values = g_string_new ("study,mouse,day,mri_volume_mm3\n");
  g_autoptr (PdxStudy) study = NULL;
  g_autoptr (GError) error = NULL;

  for (guint m = 0; m < n_mice; m++)
    {
      g_string_append_printf (mice, "RND,%s,M%02u,%s,2024-05-01,2024-05-20,mri_volume\n",
                              m < n_assigned ? "vehicle" : "", m + 1, m % 2 ? "M" : "F");
      g_string_append_printf (values, "RND,M%02u,0,%.17g\n", m + 1, baselines[m % 24]);
    }
  import_csv (db, "mice", mice->str);
  import_csv (db, "measurements", values->str);
  study = pdx_study_find (db, "RND", &error);
  g_assert_nonnull (study);
  if (n_assigned == 0)
    pdx_test_add_arm (db, study->id, "vehicle", TRUE);
  pdx_test_add_arm (db, study->id, "T-DM1", FALSE);
  pdx_test_add_arm (db, study->id, "tucatinib", FALSE);
  return study->id;
}

static PdxStudyData *
load (PdxDb *db, gint64 study_id)
{
  g_autoptr (GError) error = NULL;
  PdxStudyData *data = pdx_study_data_load (db, study_id, &error);
  g_assert_no_error (error);
  return data;
}

static void
test_reproducible (void)
{
  g_autoptr (PdxDb) db = pdx_test_new_lab (NULL);
  g_autoptr (PdxStudyData) data = load (db, make_study (db, 24, 0));
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxBalanceReport) a = pdx_randomize_plan (data, 42, &error);
  g_autoptr (PdxBalanceReport) b = pdx_randomize_plan (data, 42, &error);
  g_autoptr (PdxBalanceReport) c = pdx_randomize_plan (data, 43, &error);
  guint differ = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (a->n_assigned, ==, 24);
  for (guint m = 0; m < data->n_mice; m++)
    {
      g_assert_cmpint (a->assignment[m], >=, 0);
      g_assert_cmpint (a->assignment[m], ==, b->assignment[m]);
      differ += a->assignment[m] != c->assignment[m];
    }
  g_assert_cmpuint (differ, >, 0);
}

static void
test_balanced (void)
{
  g_autoptr (PdxDb) db = pdx_test_new_lab (NULL);
  g_autoptr (PdxStudyData) data = load (db, make_study (db, 24, 0));
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxBalanceReport) r = pdx_randomize_plan (data, 2024, &error);
  double mean_all = 0, sd_all = 0;

  g_assert_no_error (error);
  for (guint m = 0; m < 24; m++)
    mean_all += baselines[m] / 24;
  for (guint m = 0; m < 24; m++)
    sd_all += pow (baselines[m] - mean_all, 2) / 23;
  sd_all = sqrt (sd_all);
  g_assert_cmpuint (r->n_arms, ==, 3);
  for (guint a = 0; a < 3; a++)
    {
      const PdxBalanceArm *arm = &r->arms[a];
      g_assert_cmpuint (arm->n, ==, 8);
      g_assert_cmpuint (arm->n_with_baseline, ==, 8);
      g_assert_cmpuint (arm->n_female, ==, 4);
      g_assert_cmpuint (arm->n_male, ==, 4);
      /* Balanced to a small fraction of the spread in mean and in SD. */
      g_assert_cmpfloat (fabs (arm->mean - mean_all), <, 0.1 * sd_all);
      g_assert_cmpfloat (fabs (arm->sd - sd_all), <, 0.2 * sd_all);
    }
  g_assert_cmpfloat (r->anova_p, >, 0.9);
  g_assert_cmpuint (r->n_without_baseline, ==, 0);
}

/* Three mice already in vehicle: the seven waiting ones even the arms out to 4/3/3. */
static void
test_existing_assignments (void)
{
  g_autoptr (PdxDb) db = pdx_test_new_lab (NULL);
  g_autoptr (PdxStudyData) data = load (db, make_study (db, 10, 3));
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxBalanceReport) r = pdx_randomize_plan (data, 1, &error);
  guint total = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (r->n_assigned, ==, 7);
  for (guint a = 0; a < r->n_arms; a++)
    {
      g_assert_cmpuint (r->arms[a].n, >=, 3);
      g_assert_cmpuint (r->arms[a].n, <=, 4);
      total += r->arms[a].n;
    }
  g_assert_cmpuint (total, ==, 10);
  for (guint m = 0; m < data->n_mice; m++)
    if (data->mice[m].arm >= 0)
      g_assert_cmpint (r->assignment[m], ==, -1);
}

static guint
count_audit_with_reason (PdxDb *db, const char *reason)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) entries = pdx_audit_list (db, &(PdxAuditFilter){ 0 }, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      const PdxAuditEntry *e = entries->pdata[i];
      n += g_strcmp0 (e->reason, reason) == 0 && g_str_equal (e->table_name, "mouse") &&
           g_str_equal (e->action, "update");
    }
  return n;
}

static void
test_writes_lab (void)
{
  g_autoptr (PdxDb) db = pdx_test_new_lab (NULL);
  gint64 study_id = make_study (db, 12, 0);
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxStudyData) before = load (db, study_id);
  g_autoptr (PdxStudyData) after = NULL;
  g_autoptr (PdxBalanceReport) planned = pdx_randomize_plan (before, 77, &error);
  g_autoptr (PdxBalanceReport) written = NULL;
  g_autofree char *dump = NULL, *dump_again = NULL;
  PdxRandomization r = { .seed = 77 }, again = { .seed = 77 };

  g_assert_true (pdx_study_assign_arms (db, study_id, "randomisation test", pdx_randomization_plan,
                                        &r, &error));
  g_assert_no_error (error);
  written = g_steal_pointer (&r.report);
  g_assert_cmpuint (written->n_assigned, ==, 12);
  g_assert_cmpuint (count_audit_with_reason (db, "randomisation test"), ==, 12);
  after = load (db, study_id);
  /* The lab now holds exactly the plan (mice are in the same order in both loads). */
  for (guint m = 0; m < after->n_mice; m++)
    {
      guint b = 0;
      while (before->mice[b].id != after->mice[m].id)
        b++;
      g_assert_cmpint (after->mice[m].arm, >=, 0);
      g_assert_cmpstr (after->arms[after->mice[m].arm].name, ==,
                       before->arms[planned->assignment[b]].name);
    }
  /* Nothing is left to randomise: a clear error, and the lab is unchanged. */
  dump = pdx_test_dump (db);
  g_assert_false (pdx_study_assign_arms (db, study_id, "randomisation test", pdx_randomization_plan,
                                         &again, &error));
  g_assert_null (again.report);
  g_assert_error (error, PDX_ANALYSIS_ERROR, PDX_ANALYSIS_ERROR_NO_DATA);
  dump_again = pdx_test_dump (db);
  g_assert_cmpstr (dump, ==, dump_again);
}

/* The lab plan_and_assign_first() writes to. */
static PdxDb *assign_db;

/* A planner that gives the plan's first mouse an arm itself before returning the plan, as
 * another writer would between the study's load and its write. */
static const int *
plan_and_assign_first (const PdxStudyData *data, gpointer user_data, GError **error)
{
  PdxRandomization *r = user_data;
  const int        *plan = pdx_randomization_plan (data, r, error);
  g_autoptr (PdxMouse) mouse = NULL;
  guint m = 0;

  g_assert_nonnull (plan);
  while (plan[m] < 0)
    m++;
  mouse = pdx_mouse_get (assign_db, data->mice[m].id, error);
  g_assert_nonnull (mouse);
  mouse->arm_id = data->arms[0].id;
  g_assert_true (pdx_mouse_update (assign_db, mouse, error));
  return plan;
}

static const int *
plan_refused (const PdxStudyData *data, gpointer user_data, GError **error)
{
  g_set_error (error, PDX_ANALYSIS_ERROR, PDX_ANALYSIS_ERROR_INVALID, "refused by the test");
  return NULL;
}

/* The model writes a plan all or nothing: a mouse assigned meanwhile is refused with a message
 * naming it and the study, a planner's refusal is passed on, and either way the lab is as it
 * was (the planner's own write rolled back with the rest). */
static void
test_assign_all_or_nothing (void)
{
  g_autoptr (PdxDb) db = pdx_test_new_lab (NULL);
  gint64 study_id = make_study (db, 8, 0);
  g_autoptr (GError) error = NULL;
  g_autofree char *dump = pdx_test_dump (db), *after = NULL, *after_refused = NULL;
  PdxRandomization r = { .seed = 5 };

  assign_db = db;
  g_assert_false (
      pdx_study_assign_arms (db, study_id, "meanwhile test", plan_and_assign_first, &r, &error));
  g_assert_error (error, PDX_DB_ERROR, PDX_DB_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, " of study RND was assigned meanwhile"));
  g_clear_pointer (&r.report, pdx_balance_report_free);
  after = pdx_test_dump (db);
  g_assert_cmpstr (after, ==, dump);
  g_assert_cmpuint (count_audit_with_reason (db, "meanwhile test"), ==, 0);

  g_clear_error (&error);
  g_assert_false (pdx_study_assign_arms (db, study_id, "refused test", plan_refused, NULL, &error));
  g_assert_error (error, PDX_ANALYSIS_ERROR, PDX_ANALYSIS_ERROR_INVALID);
  after_refused = pdx_test_dump (db);
  g_assert_cmpstr (after_refused, ==, dump);
  assign_db = NULL;
}

static void
test_excluded_stay_out (void)
{
  g_autoptr (PdxDb) db = pdx_test_new_lab (NULL);
  gint64 study_id = make_study (db, 9, 0);
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxMouse) mouse = pdx_mouse_find (db, study_id, "M04", &error);
  g_autoptr (PdxStudyData) data = NULL;
  g_autoptr (PdxBalanceReport) r = NULL;

  mouse->excluded = TRUE;
  mouse->exclusion_reason = g_strdup ("no engraftment");
  g_assert_true (pdx_mouse_update (db, mouse, &error));
  data = load (db, study_id);
  r = pdx_randomize_plan (data, 5, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r->n_assigned, ==, 8);
  for (guint m = 0; m < data->n_mice; m++)
    if (data->mice[m].excluded)
      g_assert_cmpint (r->assignment[m], ==, -1);
  for (guint a = 0; a < r->n_arms; a++)
    g_assert_cmpuint (r->arms[a].n, <=, 3);
}

static void
test_errors (void)
{
  g_autoptr (PdxDb) db = pdx_test_new_lab (NULL);
  g_autoptr (PdxStudy) study = pdx_study_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxStudyData) data = NULL;
  PdxBalanceReport *r;

  study->code = g_strdup ("BARE");
  study->day0 = g_strdup ("2024-01-01");
  study->status = g_strdup ("planned");
  g_assert_true (pdx_study_insert (db, study, &error));
  g_assert_no_error (error);
  data = load (db, study->id);
  r = pdx_randomize_plan (data, 1, &error);
  g_assert_null (r);
  g_assert_error (error, PDX_ANALYSIS_ERROR, PDX_ANALYSIS_ERROR_INVALID);
  g_clear_error (&error);
  pdx_test_add_arm (db, study->id, "vehicle", TRUE);
  g_clear_pointer (&data, pdx_study_data_free);
  data = load (db, study->id);
  r = pdx_randomize_plan (data, 1, &error);
  g_assert_null (r);
  g_assert_error (error, PDX_ANALYSIS_ERROR, PDX_ANALYSIS_ERROR_NO_DATA);
}

/* Balance report on an existing assignment against R 4.2:
 *   y <- c(101,95,130,88, 120,99,143,111, 90,105,97,125); g <- factor(rep(0:2, each = 4))
 *   anova(lm(y ~ g)): F 0.90469688694702188, p 0.43851582591412958; sd() per arm below. */
static void
test_anova_against_r (void)
{
  static const double      y[] = { 101, 95, 130, 88, 120, 99, 143, 111, 90, 105, 97, 125 };
  static const char *const arm[] = { "vehicle", "T-DM1", "tucatinib" };
  static const double      mean[] = { 103.5, 118.25, 104.25 };
  static const double      sd[] = { 18.448125469362282, 18.607794065928395, 15.129992289048486 };
  g_autoptr (PdxDb) db = pdx_test_new_lab (NULL);
  g_autoptr (GString) mice = g_string_new ("study,arm,mouse,control,implant_date,day0,readout\n");
  g_autoptr (GString) values = g_string_new ("study,mouse,day,bli_flux\n");
  g_autoptr (PdxStudy) study = NULL;
  g_autoptr (PdxStudyData) data = NULL;
  g_autoptr (PdxBalanceReport) r = NULL;
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < 12; i++)
    {
      g_string_append_printf (mice, "AOV,%s,M%02u,%d,2024-05-01,2024-05-20,bli_flux\n", arm[i / 4],
                              i, i < 4);
      /* A measurement before day 0 is not the baseline: the day-0 one is. */
      g_string_append_printf (values, "AOV,M%02u,-3,1\nAOV,M%02u,0,%g\nAOV,M%02u,7,999\n", i, i,
                              y[i], i);
    }
  import_csv (db, "mice", mice->str);
  import_csv (db, "measurements", values->str);
  study = pdx_study_find (db, "AOV", &error);
  data = load (db, study->id);
  r = pdx_balance_report_compute (data, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (r->anova_f, 0.90469688694702188, 1e-12);
  g_assert_cmpfloat_with_epsilon (r->anova_p, 0.43851582591412958, 1e-12);
  for (guint a = 0; a < 3; a++)
    {
      guint k = 0;
      while (!g_str_equal (data->arms[k].name, arm[a]))
        k++;
      g_assert_cmpuint (r->arms[k].n, ==, 4);
      g_assert_cmpfloat_with_epsilon (r->arms[k].mean, mean[a], 1e-12);
      g_assert_cmpfloat_with_epsilon (r->arms[k].sd, sd[a], 1e-12);
    }
  g_assert_cmpuint (r->n_assigned, ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/analysis/randomize/reproducible", test_reproducible);
  g_test_add_func ("/analysis/randomize/balanced", test_balanced);
  g_test_add_func ("/analysis/randomize/existing-assignments", test_existing_assignments);
  g_test_add_func ("/analysis/randomize/writes-lab", test_writes_lab);
  g_test_add_func ("/analysis/randomize/assign-all-or-nothing", test_assign_all_or_nothing);
  g_test_add_func ("/analysis/randomize/excluded-stay-out", test_excluded_stay_out);
  g_test_add_func ("/analysis/randomize/errors", test_errors);
  g_test_add_func ("/analysis/randomize/anova-against-r", test_anova_against_r);
  return g_test_run ();
}
