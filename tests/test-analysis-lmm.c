/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-analysis-lmm.c — the mixed-effects growth model against R's nlme::lme on the fixtures
 * of tests/fixtures/lmm/ (made by make-fixtures.R there), the arm-growth rule's days, the
 * transforms and the refusals; Xeva's angle, ABC and TGI on a study worked by hand. */
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <math.h>
#include <string.h>

#include "pdx-test-cli.h"
#include "pdx-test-util.h"
#include "analysis/pdx-analysis-private.h"
#include "pdx/pdx-csv.h"
#include "pdx/pdx-demo.h"

/* The fixtures' agreement with R: relative, or absolute for values near 0. */
#define R_TOLERANCE 1e-4

static void
assert_close (double actual, double expected, double tolerance, const char *what)
{
  if (isnan (expected))
    {
      if (!isnan (actual))
        g_error ("%s: expected NAN, got %.17g", what, actual);
    }
  else if (!(fabs (actual - expected) <= tolerance * MAX (1, fabs (expected))))
    g_error ("%s: expected %.17g (± %g), got %.17g", what, expected, tolerance, actual);
}

/* Relative agreement (absolute below 1e-8, for a value that is 0 in R). */
static void
assert_relative (double actual, double expected, const char *what)
{
  if (!(fabs (actual - expected) <= R_TOLERANCE * MAX (fabs (expected), 1e-8)))
    g_error ("%s: R gives %.12g, pdxtrack %.12g (relative difference %.3g)", what, expected, actual,
             fabs (actual - expected) / fabs (expected));
}

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "lmm", name, NULL);
}

/* ---- reading the fixtures ------------------------------------------------------------------ */

typedef struct
{
  GPtrArray *mice, *arms; /* names, in order of first appearance */
  GArray    *mouse, *arm, *day, *value, *y;
} Input;

static void
input_clear (Input *in)
{
  g_ptr_array_unref (in->mice), g_ptr_array_unref (in->arms);
  g_array_unref (in->mouse), g_array_unref (in->arm);
  g_array_unref (in->day), g_array_unref (in->value), g_array_unref (in->y);
}

static int
index_of (GPtrArray *names, const char *name)
{
  guint i;
  if (!g_ptr_array_find_with_equal_func (names, name, g_str_equal, &i))
    g_ptr_array_add (names, g_strdup (name)), i = names->len - 1;
  return (int) i;
}

/* Reads NAME-input.csv: mouse, arm, day, value, y. */
static void
input_read (Input *in, const char *name)
{
  g_autofree char *file = g_strconcat (name, "-input.csv", NULL);
  g_autofree char *path = fixture_path (file);
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxCsvReader) reader = pdx_csv_reader_open (path, &error);
  char **f;
  guint  n_fields;

  g_assert_no_error (error);
  in->mice = g_ptr_array_new_with_free_func (g_free);
  in->arms = g_ptr_array_new_with_free_func (g_free);
  in->mouse = g_array_new (FALSE, FALSE, sizeof (int));
  in->arm = g_array_new (FALSE, FALSE, sizeof (int));
  in->day = g_array_new (FALSE, FALSE, sizeof (double));
  in->value = g_array_new (FALSE, FALSE, sizeof (double));
  in->y = g_array_new (FALSE, FALSE, sizeof (double));
  g_assert_true (pdx_csv_reader_next (reader, &f, &n_fields, &error));
  g_assert_cmpstr (f[0], ==, "mouse");
  while (pdx_csv_reader_next (reader, &f, &n_fields, &error))
    {
      int    m = index_of (in->mice, f[0]), a = index_of (in->arms, f[1]);
      double day = g_ascii_strtod (f[2], NULL), value = g_ascii_strtod (f[3], NULL);
      double y = g_ascii_strtod (f[4], NULL);
      g_assert_cmpuint (n_fields, ==, 5);
      g_array_append_val (in->mouse, m), g_array_append_val (in->arm, a);
      g_array_append_val (in->day, day), g_array_append_val (in->value, value);
      g_array_append_val (in->y, y);
    }
  g_assert_no_error (error);
}

typedef struct
{
  char  *term;
  double estimate, std_error, df;
} Expected;

static void
expected_free (gpointer p)
{
  Expected *e = p;
  g_free (e->term);
  g_free (e);
}

static double
field_number (const char *text)
{
  return *text ? g_ascii_strtod (text, NULL) : NAN;
}

/* Reads NAME-METHOD.csv: term, estimate, std_error, df as R printed them. */
static GPtrArray *
expected_read (const char *name, const char *method)
{
  g_autofree char *file = g_strdup_printf ("%s-%s.csv", name, method);
  g_autofree char *path = fixture_path (file);
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxCsvReader) reader = pdx_csv_reader_open (path, &error);
  GPtrArray *rows = g_ptr_array_new_with_free_func (expected_free);
  char     **f;
  guint      n_fields;

  g_assert_no_error (error);
  g_assert_true (pdx_csv_reader_next (reader, &f, &n_fields, &error));
  while (pdx_csv_reader_next (reader, &f, &n_fields, &error))
    {
      Expected *e = g_new0 (Expected, 1);
      e->term = g_strdup (f[0]);
      e->estimate = field_number (f[1]);
      e->std_error = field_number (f[2]);
      e->df = field_number (f[3]);
      g_ptr_array_add (rows, e);
    }
  g_assert_no_error (error);
  return rows;
}

/* Compares @model with R's fit in NAME-METHOD.csv: every fixed effect (name, estimate, SE,
 * df), the SDs, the correlation, sigma and the log-likelihood. */
static void
compare_with_r (const PdxGrowthModel *model, const char *name, const char *method)
{
  g_autoptr (GPtrArray) rows = expected_read (name, method);
  const double extra[] = { model->sd_intercept, model->sd_slope, model->correlation, model->sigma,
                           model->loglik };

  g_assert_cmpuint (rows->len, ==, model->n_terms + 5);
  for (guint j = 0; j < model->n_terms; j++)
    {
      const Expected  *e = rows->pdata[j];
      g_autofree char *what = g_strdup_printf ("%s %s %s", name, method, e->term);
      g_assert_cmpstr (model->terms[j].term, ==, e->term);
      assert_relative (model->terms[j].estimate, e->estimate, what);
      assert_relative (model->terms[j].std_error, e->std_error, what);
      g_assert_cmpfloat (model->terms[j].df, ==, e->df);
    }
  for (guint k = 0; k < 5; k++)
    {
      const Expected  *e = rows->pdata[model->n_terms + k];
      g_autofree char *what = g_strdup_printf ("%s %s %s", name, method, e->term);
      /* The correlation lies in [−1, 1]: near 0 (demo-icr-017-a under ML: −0.00617) the
       * likelihood is flat along it (both fits' log-likelihoods agree to 12 digits), so it is
       * compared to 1e-4 absolute; everything else to 1e-4 relative. */
      if (k == 2)
        assert_close (extra[k], e->estimate, R_TOLERANCE, what);
      else
        assert_relative (extra[k], e->estimate, what);
    }
}

static PdxGrowthModel *
fit_input (const Input *in, PdxGrowthFit fit)
{
  g_autoptr (GError) error = NULL;
  PdxGrowthModel *model =
      pdx_growth_model_fit ((int *) in->mouse->data, (int *) in->arm->data,
                            (double *) in->day->data, (double *) in->y->data, in->mouse->len,
                            in->arms->len, (const char *const *) in->arms->pdata, fit, &error);
  g_assert_no_error (error);
  g_assert_nonnull (model);
  return model;
}

/* The four fixtures with the transform their y column holds. */
static const struct
{
  const char        *name;
  PdxGrowthTransform transform;
} fixtures[] = {
  { "demo-icr-017-a", PDX_GROWTH_TRANSFORM_LOG },
  { "demo-mfp-031-c", PDX_GROWTH_TRANSFORM_SQRT },
  { "pdxe", PDX_GROWTH_TRANSFORM_CBRT },
  { "generated", PDX_GROWTH_TRANSFORM_LOG },
};

static void
test_r_fixtures (void)
{
  for (gsize f = 0; f < G_N_ELEMENTS (fixtures); f++)
    {
      Input in;
      input_read (&in, fixtures[f].name);
      /* The y column R fitted is the transform of the readout. */
      for (guint i = 0; i < in.y->len; i++)
        assert_close (
            pdx_growth_transform_apply (fixtures[f].transform, g_array_index (in.value, double, i)),
            g_array_index (in.y, double, i), 1e-9, fixtures[f].name);
      {
        g_autoptr (PdxGrowthModel) reml = fit_input (&in, PDX_GROWTH_FIT_REML);
        g_autoptr (PdxGrowthModel) ml = fit_input (&in, PDX_GROWTH_FIT_ML);
        compare_with_r (reml, fixtures[f].name, "reml");
        compare_with_r (ml, fixtures[f].name, "ml");
        if (g_test_verbose ())
          g_test_message ("%s: %u + %u evaluations", fixtures[f].name, reml->evaluations,
                          ml->evaluations);
      }
      input_clear (&in);
    }
}

/* ---- a study of the demo lab, end to end ---------------------------------------------------- */

static PdxStudyData *
load_demo_study (PdxDb *db, const char *code)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) ids = pdx_study_data_list_ids (db, &error);

  g_assert_no_error (error);
  for (guint s = 0; s < ids->len; s++)
    {
      PdxStudyData *data = pdx_study_data_load (db, g_array_index (ids, gint64, s), &error);
      g_assert_no_error (error);
      if (g_str_equal (data->code, code))
        return data;
      pdx_study_data_free (data);
    }
  g_error ("no study %s in the demo lab", code);
}

/* The demo's studies give R's fit through pdx_growth_model_compute (the observations it
 * chooses are the fixture's input, row for row). */
static void
test_demo_study (void)
{
  const PdxDemoOptions options = { .seed = 7 };
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr (PdxDb) db = pdx_test_new_lab (&path);

  g_assert_true (pdx_demo_generate (db, &options, &error));
  for (gsize f = 0; f < 2; f++)
    {
      const char *code = f == 0 ? "ICR-017-A" : "MFP-031-C";
      g_autoptr (PdxStudyData) data = load_demo_study (db, code);
      g_autoptr (PdxGrowthModel) reml =
          pdx_growth_model_compute (data, fixtures[f].transform, PDX_GROWTH_FIT_REML, &error);
      g_autoptr (PdxGrowthModel) ml =
          pdx_growth_model_compute (data, fixtures[f].transform, PDX_GROWTH_FIT_ML, &error);
      g_autofree int    *mouse = NULL, *arm = NULL;
      g_autofree double *day = NULL, *value = NULL, *y = NULL;
      guint              n = 0;
      Input              in;

      g_assert_no_error (error);
      compare_with_r (reml, fixtures[f].name, "reml");
      compare_with_r (ml, fixtures[f].name, "ml");
      g_assert_cmpint (reml->groups[0].group, ==, pdx_study_data_get_control (data));
      g_assert_true (pdx_growth_model_observations (data, fixtures[f].transform, &mouse, &arm, &day,
                                                    &value, &y, &n, &error));
      input_read (&in, fixtures[f].name);
      g_assert_cmpuint (n, ==, in.mouse->len);
      for (guint i = 0; i < n; i++)
        {
          g_assert_cmpstr (data->mice[mouse[i]].tag, ==,
                           in.mice->pdata[g_array_index (in.mouse, int, i)]);
          g_assert_cmpstr (data->arms[arm[i]].name, ==,
                           in.arms->pdata[g_array_index (in.arm, int, i)]);
          assert_close (day[i], g_array_index (in.day, double, i), 0, "day");
          assert_close (value[i], g_array_index (in.value, double, i), 1e-11, "value");
        }
      input_clear (&in);
    }
}

/* ---- an in-memory study ------------------------------------------------------------------- */

typedef struct
{
  const char   *tag;
  int           arm;
  gboolean      excluded;
  guint         n;
  const double *day, *value;
} MouseSpec;

static PdxStudyData *
study_new (
    const char *const *arm_names, guint n_arms, int control, const MouseSpec *spec, guint n_mice)
{
  PdxStudyData *data = g_new0 (PdxStudyData, 1);

  data->code = g_strdup ("LMM-1");
  data->readout = PDX_READOUT_MRI_VOLUME;
  data->treatment_first_day = data->treatment_last_day = NAN;
  data->n_arms = n_arms;
  data->arms = g_new0 (PdxStudyArm, n_arms);
  for (guint a = 0; a < n_arms; a++)
    {
      data->arms[a].id = a + 1;
      data->arms[a].name = g_strdup (arm_names[a]);
      data->arms[a].is_control = (int) a == control;
    }
  data->n_mice = n_mice;
  data->mice = g_new0 (PdxStudyMouse, n_mice);
  for (guint m = 0; m < n_mice; m++)
    {
      PdxStudyMouse *mouse = &data->mice[m];
      mouse->id = m + 1;
      mouse->tag = g_strdup (spec[m].tag);
      mouse->arm = spec[m].arm;
      mouse->excluded = spec[m].excluded;
      mouse->survival_days = mouse->implant_day = mouse->endpoint_day = NAN;
      mouse->n = spec[m].n;
      mouse->day = g_memdup2 (spec[m].day, sizeof (double) * spec[m].n);
      mouse->value = g_memdup2 (spec[m].value, sizeof (double) * spec[m].n);
      mouse->weight_g = g_new (double, spec[m].n);
      mouse->neuro_score = g_new0 (int, spec[m].n);
      for (guint i = 0; i < spec[m].n; i++)
        mouse->weight_g[i] = NAN;
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
      g_free (mouse->tag), g_free (mouse->day), g_free (mouse->value);
      g_free (mouse->weight_g), g_free (mouse->neuro_score);
    }
  g_free (data->arms), g_free (data->mice), g_free (data->code);
  g_free (data);
}

/* Control A (0, 7, 14) and B (−2, 0, 10, 14: the day −2 value is before the baseline);
 * "T-DM1": C1, C2 to day 14, C3 to 21, C4 to 28, so the arm's curve stops at 21 (at 28 only one
 * of four starting mice is left); X excluded, U not randomised. */
static const double d_a[] = { 0, 7, 14 }, v_a[] = { 100, 210, 380 };
static const double d_b[] = { -2, 0, 10, 14 }, v_b[] = { 50, 90, 170, 260 };
static const double d_14[] = { 0, 7, 14 }, v_c1[] = { 110, 130, 150 }, v_c2[] = { 95, 99, 120 };
static const double d_21[] = { 0, 7, 14, 21 }, v_c3[] = { 100, 111, 118, 140 };
static const double d_28[] = { 0, 7, 14, 21, 28 }, v_c4[] = { 105, 107, 130, 129, 160 };
static const double v_zero[] = { 100, 107, 0, 121, 128 };
static const char *const arm_names[] = { "vehicle", "T-DM1" };

static PdxStudyData *
kept_days_study (const double *c4_values)
{
  const MouseSpec mice[] = {
    { "A", 0, FALSE, 3, d_a, v_a },    { "B", 0, FALSE, 4, d_b, v_b },
    { "C1", 1, FALSE, 3, d_14, v_c1 }, { "C2", 1, FALSE, 3, d_14, v_c2 },
    { "C3", 1, FALSE, 4, d_21, v_c3 }, { "C4", 1, FALSE, 5, d_28, c4_values },
    { "X", 1, TRUE, 5, d_28, v_c4 },   { "U", -1, FALSE, 5, d_28, v_c4 },
  };
  return study_new (arm_names, 2, 0, mice, G_N_ELEMENTS (mice));
}

/* The observations are each mouse's values from its baseline on, up to its arm curve's last
 * day (the arm-growth rule), excluded and unrandomised mice left out: by hand, A 3, B 3 (from
 * day 0), C1 3, C2 3, C3 4, C4 4 (its day 28 is past T-DM1's day 21) = 20. */
static void
test_kept_days (void)
{
  PdxStudyData *data = kept_days_study (v_c4);
  g_autoptr (GError) error = NULL;
  g_autofree int    *mouse = NULL, *arm = NULL;
  g_autofree double *day = NULL, *value = NULL, *y = NULL;
  guint              n = 0, per_mouse[8] = { 0 };
  double             last_c4 = -1;

  g_assert_true (pdx_growth_model_observations (data, PDX_GROWTH_TRANSFORM_LOG, &mouse, &arm, &day,
                                                &value, &y, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 20);
  for (guint i = 0; i < n; i++)
    {
      per_mouse[mouse[i]]++;
      g_assert_cmpint (arm[i], ==, data->mice[mouse[i]].arm);
      assert_close (y[i], log (value[i]), 1e-15, "log");
      g_assert_cmpfloat (day[i], >=, 0);
      if (mouse[i] == 5)
        last_c4 = MAX (last_c4, day[i]);
    }
  g_assert_cmpuint (per_mouse[1], ==, 3);
  g_assert_cmpuint (per_mouse[5], ==, 4);
  g_assert_cmpuint (per_mouse[6] + per_mouse[7], ==, 0);
  assert_close (last_c4, 21, 0, "C4's last day");
  study_free (data);
}

/* ---- refusals ------------------------------------------------------------------------------- */

static void
test_refusals (void)
{
  g_autoptr (GError) error = NULL;
  PdxStudyData   *data = kept_days_study (v_zero);
  PdxGrowthModel *model;

  /* C4 has 0 on day 14: no log, named; the square root takes it. */
  model = pdx_growth_model_compute (data, PDX_GROWTH_TRANSFORM_LOG, PDX_GROWTH_FIT_REML, &error);
  g_assert_null (model);
  g_assert_error (error, PDX_ANALYSIS_ERROR, PDX_ANALYSIS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "mouse C4"));
  g_assert_nonnull (strstr (error->message, "day 14"));
  g_clear_error (&error);
  model = pdx_growth_model_compute (data, PDX_GROWTH_TRANSFORM_SQRT, PDX_GROWTH_FIT_REML, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (model->n_obs, ==, 20);
  g_assert_cmpuint (model->n_mice, ==, 6);
  g_assert_cmpstr (model->terms[3].term, ==, "day:armT-DM1");
  pdx_growth_model_free (model);

  /* No control arm. */
  data->arms[0].is_control = FALSE;
  g_assert_null (
      pdx_growth_model_compute (data, PDX_GROWTH_TRANSFORM_SQRT, PDX_GROWTH_FIT_REML, &error));
  g_assert_error (error, PDX_ANALYSIS_ERROR, PDX_ANALYSIS_ERROR_NO_CONTROL);
  g_clear_error (&error);
  study_free (data);
}

static void
test_fit_refusals (void)
{
  const int         mouse[] = { 0, 0, 1, 1, 2, 2, 3, 3 }, two_arms[] = { 0, 0, 0, 1, 1, 1, 1, 1 };
  const int         group[] = { 0, 0, 0, 0, 1, 1, 1, 1 };
  const int         one_each[] = { 0, 1, 2 };
  const double      day[] = { 0, 7, 0, 7, 0, 7, 0, 7 };
  const double      y[] = { 1, 2, 1.5, 2.2, 1, 1.4, 0.9, 1.5 };
  const double      y_nan[] = { 1, 2, NAN, 2.2, 1, 1.4, 0.9, 1.5 };
  const char *const names[] = { "vehicle", "drug" };
  g_autoptr (GError) error = NULL;

  /* Four mice in two arms, two days each: 8 − 4 − 2 = 2 residual df, 4 − 2 = 2 between: fits. */
  {
    g_autoptr (PdxGrowthModel) m =
        pdx_growth_model_fit (mouse, group, day, y, 8, 2, names, PDX_GROWTH_FIT_REML, &error);
    g_assert_no_error (error);
    g_assert_cmpfloat (m->terms[0].df, ==, 2);
  }
  g_assert_null (
      pdx_growth_model_fit (mouse, two_arms, day, y, 8, 2, names, PDX_GROWTH_FIT_REML, &error));
  g_assert_error (error, PDX_ANALYSIS_ERROR, PDX_ANALYSIS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (
      pdx_growth_model_fit (mouse, group, day, y_nan, 8, 2, names, PDX_GROWTH_FIT_REML, &error));
  g_assert_error (error, PDX_ANALYSIS_ERROR, PDX_ANALYSIS_ERROR_INVALID);
  g_clear_error (&error);
  /* Three mice with one measurement each leave no residual df (3 − 3 − 1). */
  g_assert_null (
      pdx_growth_model_fit (one_each, group, day, y, 3, 1, names, PDX_GROWTH_FIT_REML, &error));
  g_assert_error (error, PDX_ANALYSIS_ERROR, PDX_ANALYSIS_ERROR_INVALID);
  g_clear_error (&error);
  /* A group without measurements. */
  g_assert_null (
      pdx_growth_model_fit (mouse, group, day, y, 8, 3, names, PDX_GROWTH_FIT_REML, &error));
  g_assert_error (error, PDX_ANALYSIS_ERROR, PDX_ANALYSIS_ERROR_INVALID);
  g_clear_error (&error);
}

static void
test_transforms (void)
{
  PdxGrowthTransform t;

  assert_close (pdx_growth_transform_apply (PDX_GROWTH_TRANSFORM_LOG, M_E * M_E), 2, 1e-15, "log");
  assert_close (pdx_growth_transform_apply (PDX_GROWTH_TRANSFORM_SQRT, 16), 4, 0, "sqrt");
  assert_close (pdx_growth_transform_apply (PDX_GROWTH_TRANSFORM_CBRT, -27), -3, 1e-15, "cbrt");
  assert_close (pdx_growth_transform_apply (PDX_GROWTH_TRANSFORM_NONE, 7.5), 7.5, 0, "none");
  g_assert_true (isnan (pdx_growth_transform_apply (PDX_GROWTH_TRANSFORM_LOG, 0)));
  g_assert_true (isnan (pdx_growth_transform_apply (PDX_GROWTH_TRANSFORM_SQRT, -1)));
  assert_close (pdx_growth_transform_invert (PDX_GROWTH_TRANSFORM_LOG, 2), M_E * M_E, 1e-14, "exp");
  assert_close (pdx_growth_transform_invert (PDX_GROWTH_TRANSFORM_CBRT, -3), -27, 0, "cube");
  assert_close (pdx_growth_transform_invert (PDX_GROWTH_TRANSFORM_SQRT, 4), 16, 0, "square");
  g_assert_true (pdx_growth_transform_from_string ("cbrt", &t));
  g_assert_cmpint (t, ==, PDX_GROWTH_TRANSFORM_CBRT);
  g_assert_false (pdx_growth_transform_from_string ("log10", &t));
  g_assert_cmpstr (pdx_growth_transform_to_string (PDX_GROWTH_TRANSFORM_LOG), ==, "log");
}

/* ---- Xeva's angle, ABC and TGI --------------------------------------------------------------- */

/* Control: two mice 100, 200, 300 at days 0, 5, 10; treated: two mice 90, 150, 175, 200 at 0, 5,
 * 10, 15, cut at the control's last day 10. By hand:
 *  - slopes of V − V0 on t − t0 without intercept: control (5·100 + 10·200)/(25 + 100) = 20,
 *    treated (5·60 + 10·85)/125 = 9.2; angle = atan(20) − atan(9.2) in degrees;
 *  - AUC/last day: control (150·5 + 250·5)/10 = 200, treated (120·5 + 162.5·5)/10 = 141.25;
 *    ABC = 58.75;
 *  - TGI = (300 − 175)/(100 − 90) = 12.5. */
static void
test_xeva (void)
{
  static const double d_c[] = { 0, 5, 10 }, v_c[] = { 100, 200, 300 };
  static const double d_t[] = { 0, 5, 10, 15 }, v_t[] = { 90, 150, 175, 200 };
  const MouseSpec     mice[] = { { "C1", 0, FALSE, 3, d_c, v_c },
                                 { "C2", 0, FALSE, 3, d_c, v_c },
                                 { "T1", 1, FALSE, 4, d_t, v_t },
                                 { "T2", 1, FALSE, 4, d_t, v_t } };
  PdxStudyData       *data = study_new (arm_names, 2, 0, mice, 4);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = pdx_arm_xeva_list (data, &error);
  const PdxArmXeva *c, *t;

  g_assert_no_error (error);
  c = list->pdata[0], t = list->pdata[1];
  g_assert_true (c->is_control && !t->is_control);
  assert_close (c->slope_control, atan (20) * 180 / M_PI, 1e-12, "control slope");
  assert_close (c->auc_control, 200, 1e-12, "control AUC");
  g_assert_true (isnan (c->angle) && isnan (c->abc) && isnan (c->tgi_xeva));
  assert_close (t->last_day, 10, 0, "last day");
  assert_close (t->slope_control, 87.137594773888253, 1e-9, "slope control");
  assert_close (t->slope_treatment, 83.79655209830817, 1e-9, "slope treated");
  assert_close (t->angle, 87.137594773888253 - 83.79655209830817, 1e-9, "angle");
  assert_close (t->auc_control, 200, 1e-12, "AUC control");
  assert_close (t->auc_treatment, 141.25, 1e-12, "AUC treated");
  assert_close (t->abc, 58.75, 1e-12, "ABC");
  assert_close (t->tgi_xeva, 12.5, 1e-12, "TGI");

  data->arms[0].is_control = FALSE;
  g_assert_null (pdx_arm_xeva_list (data, &error));
  g_assert_error (error, PDX_ANALYSIS_ERROR, PDX_ANALYSIS_ERROR_NO_CONTROL);
  study_free (data);
}

/* ---- pdxtrack-cli stats growth-model and stats xeva -------------------------------------------
 */

/* The value of column @column in the CSV line of @text that starts with @term (quoted as the
 * CSV writer quotes it); NAN when absent. */
static double
csv_value (const char *text, const char *term, guint column)
{
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i]; i++)
    {
      g_autoptr (PdxCsvReader) reader =
          pdx_csv_reader_new_for_data ("out", lines[i], strlen (lines[i]));
      char **f;
      guint  n;
      if (pdx_csv_reader_next (reader, &f, &n, NULL) && n > column && g_str_equal (f[0], term))
        return *f[column] ? g_ascii_strtod (f[column], NULL) : NAN;
    }
  return NAN;
}

/* The CSV of issue 17: its columns, R's term names in R's order, then the variance rows; the
 * numbers R's fit gives (the fixtures of the demo lab, seed 7); --method ml; refusals. */
static void
test_cli (void)
{
  const PdxDemoOptions options = { .seed = 7 };
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL, *out = NULL, *err = NULL, *ml = NULL, *xeva = NULL;
  g_autoptr (PdxDb) db = pdx_test_new_lab (&path);
  g_autoptr (GPtrArray) reml_rows = expected_read ("demo-icr-017-a", "reml");
  g_autoptr (GPtrArray) ml_rows = expected_read ("demo-icr-017-a", "ml");
  const char *const reml_args[] = { "--format", "csv",       "stats", "growth-model",
                                    "--study",  "ICR-017-A", NULL };
  const char *const ml_args[] = { "--format",     "csv",     "stats",
                                  "growth-model", "--study", "ICR-017-A",
                                  "--method",     "ml",      NULL };
  const char *const bad_args[] = { "stats",       "growth-model", "--study", "ICR-017-A",
                                   "--transform", "log10",        NULL };
  const char *const xeva_args[] = {
    "--format", "csv", "stats", "xeva", "--study", "ICR-017-A", NULL
  };
  g_auto (GStrv) lines = NULL;

  g_assert_true (pdx_demo_generate (db, &options, &error));
  g_clear_pointer (&db, pdx_db_close);
  g_assert_cmpint (pdx_test_run_cli_args (path, reml_args, &out, &err), ==, 0);
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "term,estimate,std_error,df,t_value,p_value,ci_low,ci_high");
  g_assert_cmpuint (g_strv_length (lines), ==, reml_rows->len + 2); /* header, rows, "" */
  for (guint i = 0; i < reml_rows->len; i++)
    {
      const Expected *e = reml_rows->pdata[i];
      g_assert_true (g_str_has_prefix (lines[i + 1], e->term) ||
                     g_str_has_prefix (lines[i + 1] + 1, e->term));
      assert_relative (csv_value (out, e->term, 1), e->estimate, e->term);
      if (!isnan (e->std_error))
        assert_relative (csv_value (out, e->term, 2), e->std_error, e->term);
    }
  g_assert_nonnull (strstr (err, "df by the containment method"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (pdx_test_run_cli_args (path, ml_args, &ml, NULL), ==, 0);
  assert_relative (csv_value (ml, "loglik", 1),
                   ((Expected *) ml_rows->pdata[ml_rows->len - 1])->estimate, "ML loglik");
  g_assert_cmpint (pdx_test_run_cli_args (path, bad_args, NULL, &err), ==, 2);
  g_assert_nonnull (strstr (err, "--transform takes log, none, sqrt or cbrt, not 'log10'"));
  g_assert_cmpint (pdx_test_run_cli_args (path, xeva_args, &xeva, NULL), ==, 0);
  g_assert_true (g_str_has_prefix (
      xeva,
      "arm,day,slope_control,slope_treatment,angle,auc_control,auc_treatment,abc,tgi_xeva\n"));
}

/* Once the growth model has run, a GSL routine that fails returns its status (GSL's default
 * handler would abort the process: a Cholesky of a matrix that is not positive definite, as
 * the fit's Newton polish may meet to rounding). Without pdx_gsl_init () this test aborts. */
static void
test_gsl_errors_returned (void)
{
  g_autoptr (GError) error = NULL;
  double          a[] = { 1, 2, 2, 1 }; /* eigenvalues 3 and −1 */
  gsl_matrix_view m = gsl_matrix_view_array (a, 2, 2);

  /* Refused for want of data, after the module has set GSL up. */
  g_assert_null (pdx_growth_model_fit (NULL, NULL, NULL, NULL, 0, 2,
                                       (const char *const[]){ "control", "treated" },
                                       PDX_GROWTH_FIT_REML, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (gsl_linalg_cholesky_decomp1 (&m.matrix), ==, GSL_EDOM);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/analysis/lmm/r-fixtures", test_r_fixtures);
  g_test_add_func ("/analysis/lmm/demo-study", test_demo_study);
  g_test_add_func ("/analysis/lmm/kept-days", test_kept_days);
  g_test_add_func ("/analysis/lmm/gsl-errors-returned", test_gsl_errors_returned);
  g_test_add_func ("/analysis/lmm/refusals", test_refusals);
  g_test_add_func ("/analysis/lmm/fit-refusals", test_fit_refusals);
  g_test_add_func ("/analysis/lmm/transforms", test_transforms);
  g_test_add_func ("/analysis/xeva/hand", test_xeva);
  g_test_add_func ("/analysis/lmm/cli", test_cli);
  return g_test_run ();
}
