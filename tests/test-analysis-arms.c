/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-analysis-arms.c — arm growth (alignment, half-of-starting-mice cut-off), TGI% / T/C%,
 * body weight flags and the per-arm summary, on small studies whose expected values are worked
 * by hand from the definitions of SPEC §4. */
#include <math.h>

#include "pdx-test-util.h"
#include "analysis/pdx-analysis-private.h"

static void
assert_close (double actual, double expected, double tolerance)
{
  if (isnan (expected))
    {
      if (!isnan (actual))
        g_error ("expected NAN, got %.17g", actual);
    }
  else if (!(fabs (actual - expected) <= tolerance))
    g_error ("expected %.17g (± %g), got %.17g", expected, tolerance, actual);
}

/* ---- an in-memory study ------------------------------------------------------------------- */

typedef struct
{
  const char   *tag;
  int           arm;
  gboolean      excluded;
  const char   *sex;
  guint         n;
  const double *day, *value, *weight;
} MouseSpec;

static PdxStudyData *
study_new (
    const char *const *arm_names, guint n_arms, int control, const MouseSpec *spec, guint n_mice)
{
  PdxStudyData *data = g_new0 (PdxStudyData, 1);

  data->code = g_strdup ("ARMS-1");
  data->readout = PDX_READOUT_MRI_VOLUME;
  data->treatment_first_day = data->treatment_last_day = NAN;
  data->n_arms = n_arms;
  data->arms = g_new0 (PdxStudyArm, MAX (n_arms, 1));
  for (guint a = 0; a < n_arms; a++)
    {
      data->arms[a].id = a + 1;
      data->arms[a].name = g_strdup (arm_names[a]);
      data->arms[a].is_control = (int) a == control;
    }
  data->n_mice = n_mice;
  data->mice = g_new0 (PdxStudyMouse, MAX (n_mice, 1));
  for (guint m = 0; m < n_mice; m++)
    {
      PdxStudyMouse *mouse = &data->mice[m];
      mouse->id = m + 1;
      mouse->tag = g_strdup (spec[m].tag);
      mouse->arm = spec[m].arm;
      mouse->excluded = spec[m].excluded;
      mouse->exclusion_reason = spec[m].excluded ? g_strdup ("test") : NULL;
      mouse->sex = g_strdup (spec[m].sex);
      mouse->survival_days = mouse->implant_day = mouse->endpoint_day = NAN;
      mouse->n = spec[m].n;
      mouse->day = g_memdup2 (spec[m].day, sizeof (double) * spec[m].n);
      mouse->value = g_new (double, MAX (spec[m].n, 1));
      mouse->weight_g = g_new (double, MAX (spec[m].n, 1));
      mouse->neuro_score = g_new0 (int, MAX (spec[m].n, 1));
      for (guint i = 0; i < spec[m].n; i++)
        {
          mouse->value[i] = spec[m].value ? spec[m].value[i] : NAN;
          mouse->weight_g[i] = spec[m].weight ? spec[m].weight[i] : NAN;
        }
    }
  return data;
}

static void
study_free (PdxStudyData *data)
{
  for (guint a = 0; a < data->n_arms; a++)
    g_free (data->arms[a].name);
  for (guint m = 0; m < data->n_mice; m++)
    {
      PdxStudyMouse *mouse = &data->mice[m];
      g_free (mouse->tag), g_free (mouse->sex), g_free (mouse->exclusion_reason);
      g_free (mouse->day), g_free (mouse->value), g_free (mouse->weight_g);
      g_free (mouse->neuro_score);
    }
  g_free (data->arms);
  g_free (data->mice);
  g_free (data->code);
  g_free (data);
}

/* Control "vehicle": A at 0, 7, 14 (100, 200, 400) and B at 0, 10, 14 (100, 150, 300).
 * "T-DM1": four mice with V = 100 + day, two followed to 14, one to 21, one to 28; an excluded
 * mouse with absurd values; "empty" has no mice; one mouse is not randomised. */
static const double      day_a[] = { 0, 7, 14 }, v_a[] = { 100, 200, 400 };
static const double      day_b[] = { 0, 10, 14 }, v_b[] = { 100, 150, 300 };
static const double      day_14[] = { 0, 7, 14 }, v_14[] = { 100, 107, 114 };
static const double      day_21[] = { 0, 7, 14, 21 }, v_21[] = { 100, 107, 114, 121 };
static const double      day_28[] = { 0, 7, 14, 21, 28 }, v_28[] = { 100, 107, 114, 121, 128 };
static const double      v_absurd[] = { 1e6, 1e7, 1e8, 1e9, 1e10 };
static const char *const arm_names[] = { "vehicle", "T-DM1", "empty" };

static PdxStudyData *
growth_study (int control)
{
  const MouseSpec mice[] = {
    { "A", 0, FALSE, "F", 3, day_a, v_a, NULL },
    { "B", 0, FALSE, "F", 3, day_b, v_b, NULL },
    { "C1", 1, FALSE, "F", 3, day_14, v_14, NULL },
    { "C2", 1, FALSE, "F", 3, day_14, v_14, NULL },
    { "C3", 1, FALSE, "F", 4, day_21, v_21, NULL },
    { "C4", 1, FALSE, "F", 5, day_28, v_28, NULL },
    { "X", 1, TRUE, "F", 5, day_28, v_absurd, NULL },
    { "U", -1, FALSE, "F", 5, day_28, v_absurd, NULL },
  };
  return study_new (arm_names, 3, control, mice, G_N_ELEMENTS (mice));
}

static void
test_growth_alignment (void)
{
  PdxStudyData *data = growth_study (0);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) growth = pdx_arm_growth_list (data, PDX_GROWTH_ABSOLUTE, &error);
  g_autoptr (GPtrArray) relative = pdx_arm_growth_list (data, PDX_GROWTH_RELATIVE, &error);
  const PdxArmSeries *vehicle, *vehicle_rel;
  /* Day 10: A interpolated between 200 (day 7) and 400 (day 14). */
  const double a10 = 200 + 200 * 3.0 / 7;

  g_assert_no_error (error);
  g_assert_cmpuint (growth->len, ==, 3);
  vehicle = growth->pdata[0];
  vehicle_rel = relative->pdata[0];
  g_assert_cmpint (vehicle->arm, ==, 0);
  g_assert_cmpuint (vehicle->n_start, ==, 2);
  g_assert_cmpuint (vehicle->n_points, ==, 4);
  {
    const double day[] = { 0, 7, 10, 14 };
    const double mean[] = { 100, (200 + 135) / 2.0, (a10 + 150) / 2, 350 };
    const double sem[] = { 0, 65 / 2.0, (a10 - 150) / 2, 50 };
    for (guint i = 0; i < 4; i++)
      {
        assert_close (vehicle->points[i].day, day[i], 0);
        g_assert_cmpuint (vehicle->points[i].n, ==, 2);
        assert_close (vehicle->points[i].mean, mean[i], 1e-9);
        assert_close (vehicle->points[i].median, mean[i], 1e-9);
        assert_close (vehicle->points[i].sem, sem[i], 1e-9);
        assert_close (vehicle_rel->points[i].mean, mean[i] / 100, 1e-12);
      }
  }
  /* Between points the curve is read by interpolation; outside it is NAN. */
  assert_close (pdx_arm_series_get_mean (vehicle, 8.5), (167.5 + (a10 + 150) / 2) / 2, 1e-9);
  assert_close (pdx_arm_series_get_mean (vehicle, 15), NAN, 0);
  study_free (data);
}

static void
test_growth_half_cutoff (void)
{
  PdxStudyData *data = growth_study (0);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) growth = pdx_arm_growth_list (data, PDX_GROWTH_ABSOLUTE, &error);
  const PdxArmSeries *tdm1, *empty;

  g_assert_no_error (error);
  tdm1 = growth->pdata[1];
  /* The excluded and the unassigned mice do not start; days 0–21 have ≥ 2 of 4 mice. */
  g_assert_cmpuint (tdm1->n_start, ==, 4);
  g_assert_cmpuint (tdm1->n_points, ==, 4);
  assert_close (tdm1->points[3].day, 21, 0);
  g_assert_cmpuint (tdm1->points[3].n, ==, 2);
  assert_close (tdm1->points[3].mean, 121, 1e-12);
  assert_close (tdm1->points[3].sem, 0, 1e-12);
  g_assert_cmpuint (tdm1->points[2].n, ==, 4);
  assert_close (tdm1->points[2].median, 114, 1e-12);
  empty = growth->pdata[2];
  g_assert_cmpuint (empty->n_start, ==, 0);
  g_assert_cmpuint (empty->n_points, ==, 0);
  study_free (data);
}

static void
test_tgi_tc (void)
{
  PdxStudyData *data = growth_study (0);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) last = pdx_arm_efficacy_list (data, NAN, &error);
  g_autoptr (GPtrArray) day7 = pdx_arm_efficacy_list (data, 7, &error);
  g_autoptr (GPtrArray) day10 = pdx_arm_efficacy_list (data, 10, &error);
  g_autoptr (GPtrArray) day25 = pdx_arm_efficacy_list (data, 25, &error);
  const PdxArmEfficacy *e;
  const double          control10 = (200 + 200 * 3.0 / 7 + 150) / 2;

  g_assert_no_error (error);
  /* Default day: the last day both curves are drawn, min (14, 21) = 14. */
  e = last->pdata[1];
  assert_close (e->day, 14, 0);
  assert_close (e->mean_start, 100, 1e-12);
  assert_close (e->mean_at_day, 114, 1e-12);
  assert_close (e->tgi_percent, 100 * (1 - 14.0 / 250), 1e-9);
  assert_close (e->tc_percent, 100 * 114.0 / 350, 1e-9);
  e = last->pdata[0];
  g_assert_true (e->is_control);
  assert_close (e->tgi_percent, NAN, 0);
  assert_close (e->tc_percent, NAN, 0);
  e = last->pdata[2];
  assert_close (e->day, NAN, 0);
  assert_close (e->tgi_percent, NAN, 0);

  e = day7->pdata[1];
  assert_close (e->tgi_percent, 100 * (1 - 7 / 67.5), 1e-9);
  assert_close (e->tc_percent, 100 * 107 / 167.5, 1e-9);
  /* Day 10 is not a T-DM1 day: its curve is read between 107 (day 7) and 114 (day 14). */
  e = day10->pdata[1];
  assert_close (e->mean_at_day, 110, 1e-12);
  assert_close (e->tgi_percent, 100 * (1 - 10 / (control10 - 100)), 1e-9);
  assert_close (e->tc_percent, 100 * 110 / control10, 1e-9);
  /* Day 25: beyond the control curve. */
  e = day25->pdata[1];
  assert_close (e->tgi_percent, NAN, 0);
  assert_close (e->tc_percent, NAN, 0);
  study_free (data);
}

static void
test_errors (void)
{
  PdxStudyData   *no_control = growth_study (-1);
  PdxStudyData   *no_arms = study_new (NULL, 0, -1, NULL, 0);
  const MouseSpec blank[] = { { "A", 0, FALSE, NULL, 2, day_a, NULL, NULL } };
  PdxStudyData   *no_values = study_new (arm_names, 1, 0, blank, 1);
  g_autoptr (GError) error = NULL;
  GPtrArray *result;

  result = pdx_arm_efficacy_list (no_control, NAN, &error);
  g_assert_null (result);
  g_assert_error (error, PDX_ANALYSIS_ERROR, PDX_ANALYSIS_ERROR_NO_CONTROL);
  g_clear_error (&error);
  result = pdx_arm_growth_list (no_arms, PDX_GROWTH_ABSOLUTE, &error);
  g_assert_null (result);
  g_assert_error (error, PDX_ANALYSIS_ERROR, PDX_ANALYSIS_ERROR_NO_DATA);
  g_clear_error (&error);
  result = pdx_arm_growth_list (no_values, PDX_GROWTH_RELATIVE, &error);
  g_assert_null (result);
  g_assert_error (error, PDX_ANALYSIS_ERROR, PDX_ANALYSIS_ERROR_NO_DATA);
  g_clear_error (&error);
  result = pdx_arm_efficacy_list (no_values, NAN, &error);
  g_assert_null (result);
  g_assert_error (error, PDX_ANALYSIS_ERROR, PDX_ANALYSIS_ERROR_NO_DATA);
  g_clear_error (&error);
  result = pdx_arm_weight_list (no_values, &error);
  g_assert_null (result);
  g_assert_error (error, PDX_ANALYSIS_ERROR, PDX_ANALYSIS_ERROR_NO_DATA);
  /* Per-mouse lists never fail. */
  result = pdx_response_list (no_arms);
  g_assert_cmpuint (result->len, ==, 0);
  g_ptr_array_unref (result);
  result = pdx_mouse_weight_list (no_values);
  g_assert_cmpuint (result->len, ==, 1);
  g_assert_cmpuint (((PdxMouseWeight *) result->pdata[0])->n_points, ==, 0);
  g_ptr_array_unref (result);
  study_free (no_control);
  study_free (no_arms);
  study_free (no_values);
}

/* ---- body weight -------------------------------------------------------------------------- */

static const double w_day[] = { -1, 3, 7, 10 };
static const double w_warning[] = { 20, 19, 17, 18 };      /* −15 % at day 7, −10 % now */
static const double w_humane[] = { 25, 24, 21, 20 };       /* −20 % now */
static const double w_edge[] = { 23.3, 22, 19.805, 23.3 }; /* 19.805 = 0.85 · 23.3 */
static const double w_gain[] = { 20, 21, 22, NAN };

static PdxStudyData *
weight_study (void)
{
  const MouseSpec mice[] = {
    { "W1", 0, FALSE, "M", 4, w_day, NULL, w_warning },
    { "W2", 0, FALSE, "M", 4, w_day, NULL, w_humane },
    { "W3", 1, FALSE, "M", 4, w_day, NULL, w_edge },
    { "W4", 1, FALSE, "M", 4, w_day, NULL, w_gain },
    { "W5", 1, TRUE, "M", 4, w_day, NULL, w_humane },
  };
  return study_new (arm_names, 2, 0, mice, G_N_ELEMENTS (mice));
}

static void
test_weight_flags (void)
{
  PdxStudyData *data = weight_study ();
  g_autoptr (GPtrArray) weights = pdx_mouse_weight_list (data);
  const PdxMouseWeight *w;

  w = weights->pdata[0];
  assert_close (w->reference_day, -1, 0);
  assert_close (w->reference_weight_g, 20, 0);
  assert_close (w->pct_change[2], -15, 1e-12);
  assert_close (w->max_loss_percent, 15, 1e-12);
  assert_close (w->max_loss_day, 7, 0);
  assert_close (w->last_loss_percent, 10, 1e-12);
  g_assert_cmpint (w->flag, ==, PDX_WEIGHT_WARNING);
  g_assert_cmpint (w->last_flag, ==, PDX_WEIGHT_OK);
  w = weights->pdata[1];
  g_assert_cmpint (w->flag, ==, PDX_WEIGHT_HUMANE);
  g_assert_cmpint (w->last_flag, ==, PDX_WEIGHT_HUMANE);
  w = weights->pdata[2];
  g_assert_cmpint (w->flag, ==, PDX_WEIGHT_WARNING); /* 15 % up to rounding */
  w = weights->pdata[3];
  assert_close (w->max_loss_percent, 0, 0);
  g_assert_cmpuint (w->n_points, ==, 3);
  g_assert_cmpint (w->flag, ==, PDX_WEIGHT_OK);
  w = weights->pdata[4];
  g_assert_true (w->excluded);
  g_assert_cmpuint (w->n_points, ==, 0);
  g_assert_cmpint (w->flag, ==, PDX_WEIGHT_OK);
  g_assert_cmpstr (pdx_weight_flag_to_string (PDX_WEIGHT_HUMANE), ==, "humane");
  study_free (data);
}

static void
test_weight_arms (void)
{
  PdxStudyData *data = weight_study ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) arms = pdx_arm_weight_list (data, &error);
  const PdxArmSeries *vehicle, *second;

  g_assert_no_error (error);
  vehicle = arms->pdata[0];
  g_assert_cmpuint (vehicle->n_points, ==, 4);
  assert_close (vehicle->points[2].mean, (-15 + -16) / 2.0, 1e-12);
  assert_close (vehicle->points[3].mean, (-10 + -20) / 2.0, 1e-12);
  assert_close (vehicle->points[3].sem, 5, 1e-12);
  /* W4 has no weight on day 10: only W3 then, which is half of the two starting mice. */
  second = arms->pdata[1];
  g_assert_cmpuint (second->n_start, ==, 2);
  g_assert_cmpuint (second->n_points, ==, 4);
  g_assert_cmpuint (second->points[3].n, ==, 1);
  assert_close (second->points[3].sem, NAN, 0);
  study_free (data);
}

/* ---- per-arm response summary -------------------------------------------------------------- */

static void
test_summary (void)
{
  static const double d[] = { 0, 10, 14 };
  static const double pd[] = { 100, 150, 200 }, sd[] = { 100, 90, 95 }, pr[] = { 100, 40, 45 };
  static const double one[] = { 100, NAN, NAN };
  const MouseSpec     mice[] = {
        { "1", 0, FALSE, NULL, 3, d, pd, pd },    { "2", 0, FALSE, NULL, 3, d, pd, sd },
        { "3", 0, FALSE, NULL, 3, d, one, NULL }, { "4", 0, TRUE, NULL, 3, d, pr, NULL },
        { "5", 1, FALSE, NULL, 3, d, sd, NULL },  { "6", 1, FALSE, NULL, 3, d, pr, pr },
  };
  PdxStudyData *data = study_new (arm_names, 3, 0, mice, G_N_ELEMENTS (mice));
  g_autoptr (GPtrArray) responses = pdx_response_list (data);
  g_autoptr (GPtrArray) weights = pdx_mouse_weight_list (data);
  g_autoptr (GPtrArray) summary = pdx_arm_response_summary_list (data, responses, weights);
  const PdxArmResponseSummary *s;

  g_assert_cmpuint (summary->len, ==, 3);
  s = summary->pdata[0];
  g_assert_cmpuint (s->n, ==, 3);
  g_assert_cmpuint (s->n_excluded, ==, 1);
  g_assert_cmpuint (s->n_evaluable, ==, 2);
  g_assert_cmpuint (s->mrecist_count[PDX_MRECIST_PD], ==, 2);
  g_assert_cmpuint (s->mrecist_count[PDX_MRECIST_NOT_EVALUABLE], ==, 1);
  assert_close (s->median_best_response, 50, 1e-12);
  g_assert_cmpuint (s->n_weight_warning + s->n_weight_humane, ==, 0);
  s = summary->pdata[1];
  g_assert_cmpuint (s->mrecist_count[PDX_MRECIST_SD], ==, 1);
  g_assert_cmpuint (s->mrecist_count[PDX_MRECIST_PR], ==, 1);
  assert_close (s->median_best_response, (-10 + -60) / 2.0, 1e-12);
  g_assert_cmpuint (s->n_weight_humane, ==, 1); /* "weight" 100 → 40 */
  s = summary->pdata[2];
  g_assert_cmpuint (s->n, ==, 0);
  assert_close (s->median_best_response, NAN, 0);
  study_free (data);
}

/* The descriptive statistics every analysis uses, against values computed by hand (and by R:
 * mean(), sd(), median() of the same vectors). */
static void
test_descriptive_stats (void)
{
  double eight[] = { 9, 4, 5, 2, 4, 7, 4, 5 }; /* sum 40; squares about 5 sum to 32 */
  double three[] = { 3, 1, 2 };
  double one[] = { 42 };

  g_assert_cmpfloat_with_epsilon (pdx_stats_mean (eight, 8), 5.0, 1e-15);
  g_assert_cmpfloat_with_epsilon (pdx_stats_sd (eight, 8), sqrt (32.0 / 7), 1e-15);
  g_assert_cmpfloat (pdx_stats_median (eight, 8), ==, 4.5); /* (4 + 5) / 2 */
  g_assert_cmpfloat (pdx_stats_median (three, 3), ==, 2);
  g_assert_cmpfloat (pdx_stats_mean (one, 1), ==, 42);
  g_assert_true (isnan (pdx_stats_sd (one, 1)));
  g_assert_cmpfloat (pdx_stats_median (one, 1), ==, 42);
  g_assert_true (isnan (pdx_stats_mean (one, 0)));
  g_assert_true (isnan (pdx_stats_median (one, 0)));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/analysis/stats/descriptive", test_descriptive_stats);
  g_test_add_func ("/analysis/arms/growth-alignment", test_growth_alignment);
  g_test_add_func ("/analysis/arms/growth-half-cutoff", test_growth_half_cutoff);
  g_test_add_func ("/analysis/arms/tgi-tc", test_tgi_tc);
  g_test_add_func ("/analysis/arms/errors", test_errors);
  g_test_add_func ("/analysis/weight/flags", test_weight_flags);
  g_test_add_func ("/analysis/weight/arms", test_weight_arms);
  g_test_add_func ("/analysis/arms/response-summary", test_summary);
  return g_test_run ();
}
