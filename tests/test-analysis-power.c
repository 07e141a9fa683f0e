/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-analysis-power.c — power and sample size on the growth model (docs/power.md): the
 * simulated power against the closed form of the per-mouse slopes' t test and against R's nlme
 * simulation of tests/fixtures/power/ (make-fixtures.R there), within Monte-Carlo error; the
 * TGI's slope worked by hand; the seed's reproducibility; the refusals; `stats power`. */
#include <gio/gio.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_randist.h>
#include <math.h>
#include <string.h>

#include "pdx-test-cli.h"
#include "pdx-test-util.h"
#include "pdx/pdx-analysis.h"
#include "pdx/pdx-demo.h"
#include "pdx/pdx-format.h"

/* The two scenarios of make-fixtures.R, typed as a person would. */
static const double slopes_days[] = { 0, 3, 7, 10, 14, 17, 21 };
static const double closed_days[] = { 0, 4, 8, 12, 16, 20 };

static PdxPowerModel *
slopes_model (void)
{
  g_autoptr (GError) error = NULL;
  PdxPowerModel *m = pdx_power_model_new (0, 0.1, 0.3, 0.02, 0.3, 0.2, slopes_days,
                                          G_N_ELEMENTS (slopes_days), &error);
  g_assert_no_error (error);
  return m;
}

static PdxPowerModel *
closed_model (void)
{
  g_autoptr (GError) error = NULL;
  PdxPowerModel *m = pdx_power_model_new (0, 0.1, 0.5, 0.05, 0, 0.1, closed_days,
                                          G_N_ELEMENTS (closed_days), &error);
  g_assert_no_error (error);
  return m;
}

static PdxPowerResult *
simulate (const PdxPowerModel *m, double reduction, guint min, guint max, guint sims, guint64 seed)
{
  g_autoptr (GError) error = NULL;
  PdxPowerSettings s;
  PdxPowerResult  *r;

  pdx_power_settings_init (&s);
  s.effect_percent = reduction, s.min_mice = min, s.max_mice = max;
  s.simulations = sims, s.seed = seed;
  r = pdx_power_simulate (m, &s, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (r);
  return r;
}

/* simulate () on @threads threads. */
static PdxPowerResult *
simulate_on (const PdxPowerModel *m, guint threads)
{
  g_autoptr (GError) error = NULL;
  PdxPowerSettings s;
  PdxPowerResult  *r;

  pdx_power_settings_init (&s);
  s.effect_percent = 30, s.min_mice = 3, s.max_mice = 8, s.simulations = 97, s.seed = 11;
  s.threads = threads;
  r = pdx_power_simulate (m, &s, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (r);
  return r;
}

static const PdxPowerPoint *
point_at (const PdxPowerResult *r, guint n)
{
  for (guint i = 0; i < r->n_points; i++)
    if (r->points[i].mice_per_arm == n)
      return &r->points[i];
  g_error ("no row for %u mice per arm", n);
}

/* ---- the closed form ------------------------------------------------------------------------
 * Every mouse measured on the same D days t_j: mouse i's least-squares line on its own values
 * has slope b_i = β_arm + u1_i + e_i with e_i ~ N(0, σ²/Sxx), Sxx = Σ (t_j − t̄)², so the b_i are
 * independent N(β_arm, ψ + σ²/Sxx) (ψ = sd(day)²) whatever the random intercepts. With
 * identical designs, the REML fit of the random intercept-and-slope model is the moment fit of
 * the per-mouse lines whenever that is positive definite: its β̂ of an arm is the mean of its
 * mice's OLS coefficients, and Var(b̂) is estimated by their pooled covariance (2n − 2 df), so
 * the model's SE of the slope difference is s_b·√(2/n), s_b² the pooled variance of the b_i.
 * The statistic is therefore the two-sample t of the per-mouse slopes: noncentral t with
 * ν = 2n − 2 and ncp = δ / √(2(ψ + σ²/Sxx)/n), δ the slope difference; nlme compares it with
 * q = t(1 − α/2) of the containment df N − M − 2 = 2nD − 2n − 2. The power
 * P(T > q) + P(T < −q), writing T = (Z + ncp)/√(V/ν), V ~ χ²(ν), is
 *   power = ∫ f_χ²ν(v) [Φ(ncp − q√(v/ν)) + Φ(−ncp − q√(v/ν))] dv,
 * integrated here with GSL's QAGS; R's pt(q, ν, ncp) gives the same (the fixture's
 * closed_form column). The moment fit is positive definite unless the sample covariance of the
 * mice's lines falls below σ̂²(X'X)⁻¹: with ψ = 0.0025 against σ²/Sxx = 0.01/280 this happens
 * in a negligible share of studies, so the simulated power must equal the closed form within
 * Monte-Carlo error. */
typedef struct
{
  double nu, ncp, q;
} ClosedForm;

static double
closed_integrand (double v, void *user_data)
{
  const ClosedForm *c = user_data;
  double            s = c->q * sqrt (v / c->nu);
  return gsl_ran_chisq_pdf (v, c->nu) *
         (gsl_cdf_ugaussian_P (c->ncp - s) + gsl_cdf_ugaussian_P (-c->ncp - s));
}

static double
closed_form_power (
    const double *days, guint n_days, double sd_slope, double sigma, double delta, guint n)
{
  gsl_integration_workspace *w = gsl_integration_workspace_alloc (1000);
  double                     mean = 0, sxx = 0, result, abserr;
  ClosedForm                 c;
  gsl_function               f = { closed_integrand, &c };

  for (guint j = 0; j < n_days; j++)
    mean += days[j] / n_days;
  for (guint j = 0; j < n_days; j++)
    sxx += (days[j] - mean) * (days[j] - mean);
  c.nu = 2.0 * n - 2;
  c.ncp = delta / sqrt (2 * (sd_slope * sd_slope + sigma * sigma / sxx) / n);
  c.q = gsl_cdf_tdist_Qinv (0.025, 2.0 * n * n_days - 2.0 * n - 2);
  /* Over the χ²'s bulk, ν ± 15 SDs (√(2ν)): QAGIU's map of [0, ∞) misses a narrow peak at
   * large ν. */
  gsl_integration_qags (&f, MAX (0, c.nu - 15 * sqrt (2 * c.nu)), c.nu + 15 * sqrt (2 * c.nu),
                        1e-13, 1e-10, 1000, w, &result, &abserr);
  gsl_integration_workspace_free (w);
  return result;
}

/* ---- the R fixture ------------------------------------------------------------------------- */

typedef struct
{
  char  *scenario;
  guint  n, simulations;
  double power, closed_form;
} RRow;

static void
r_row_free (gpointer p)
{
  RRow *r = p;
  g_free (r->scenario);
  g_free (r);
}

static char *
unquote (const char *field)
{
  g_autofree char *s = g_strstrip (g_strdup (field));
  gsize            len = strlen (s);
  if (len >= 2 && s[0] == '"' && s[len - 1] == '"')
    return g_strndup (s + 1, len - 2);
  return g_steal_pointer (&s);
}

/* power.csv: scenario, mice_per_arm, simulations, significant, power, closed_form. */
static GPtrArray *
r_rows_read (void)
{
  g_autofree char *path =
      g_test_build_filename (G_TEST_DIST, "fixtures", "power", "power.csv", NULL);
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) lines = NULL;
  GPtrArray *rows = g_ptr_array_new_with_free_func (r_row_free);

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  g_assert_cmpstr (lines[0], ==,
                   "\"scenario\",\"mice_per_arm\",\"simulations\",\"significant\",\"power\","
                   "\"closed_form\"");
  for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_auto (GStrv) f = g_strsplit (lines[i], ",", -1);
      RRow *row = g_new0 (RRow, 1);
      g_assert_cmpuint (g_strv_length (f), ==, 6);
      row->scenario = unquote (f[0]);
      row->n = (guint) g_ascii_strtoull (f[1], NULL, 10);
      row->simulations = (guint) g_ascii_strtoull (f[2], NULL, 10);
      row->power = g_ascii_strtod (f[4], NULL);
      row->closed_form = f[5][0] ? g_ascii_strtod (f[5], NULL) : NAN;
      g_ptr_array_add (rows, row);
    }
  g_assert_cmpuint (rows->len, ==, 4);
  return rows;
}

/* |a − b| within 3 combined Monte-Carlo SEs (a false alarm once in 370 comparisons). */
static void
assert_within_mc (double power, double se, double reference, double reference_se, const char *what)
{
  double bound = 3 * sqrt (se * se + reference_se * reference_se);
  if (!(fabs (power - reference) <= bound))
    g_error ("%s: simulated power %.4f, reference %.4f (allowed ± %.4f)", what, power, reference,
             bound);
}

static void
test_closed_form (void)
{
  g_autoptr (PdxPowerModel) m = closed_model ();
  g_autoptr (GPtrArray) rows = r_rows_read ();
  guint checked = 0;

  for (guint i = 0; i < rows->len; i++)
    {
      const RRow *row = rows->pdata[i];
      g_autoptr (PdxPowerResult) r = NULL;
      double exact;
      if (!g_str_equal (row->scenario, "closed"))
        continue;
      /* δ = 0.1 · 60 % = 0.06 per day. */
      exact = closed_form_power (closed_days, G_N_ELEMENTS (closed_days), 0.05, 0.1, 0.06, row->n);
      g_assert_cmpfloat_with_epsilon (exact, row->closed_form, 1e-6);
      r = simulate (m, 60, row->n, row->n, 1000, 17);
      g_assert_cmpuint (r->points[0].n_failed, ==, 0);
      assert_within_mc (r->points[0].power, r->points[0].power_se, exact, 0, "closed form");
      checked++;
    }
  g_assert_cmpuint (checked, ==, 2);
  /* By hand, with a large n where the t is nearly normal: n = 100, Sxx = 2·(100 + 36 + 4) = 280,
   * δ = 0.01: ncp = 0.01 / √(2·(0.0025 + 0.01/280)/100) = 0.01/0.0071212 = 1.4043, q ≈ 1.9623
   * (t of 1,000 df): Φ(1.4043 − 1.9623) + Φ(−1.4043 − 1.9623) = 0.2884 + 0.0004 = 0.289 (the
   * t of 198 df's heavier tails within 0.005). */
  g_assert_cmpfloat (
      fabs (closed_form_power (closed_days, G_N_ELEMENTS (closed_days), 0.05, 0.1, 0.01, 100) -
            0.289),
      <, 0.005);
}

/* Each row of R's simulation against pdxtrack's for the same model and n (1,000 studies; a
 * range of one number of mice gives the same row as any range, test_seed). */
static void
test_r_simulation (void)
{
  g_autoptr (PdxPowerModel) slopes = slopes_model ();
  g_autoptr (PdxPowerModel) closed = closed_model ();
  g_autoptr (GPtrArray) rows = r_rows_read ();

  for (guint i = 0; i < rows->len; i++)
    {
      const RRow *row = rows->pdata[i];
      gboolean    is_slopes = g_str_equal (row->scenario, "slopes");
      g_autoptr (PdxPowerResult) r =
          simulate (is_slopes ? slopes : closed, is_slopes ? 30 : 60, row->n, row->n, 1000, 2026);
      const PdxPowerPoint *p = &r->points[0];
      double               r_se = sqrt (row->power * (1 - row->power) / row->simulations);
      g_autofree char     *what = g_strdup_printf ("%s, %u mice", row->scenario, row->n);
      assert_within_mc (p->power, p->power_se, row->power, r_se, what);
      g_assert_cmpfloat (p->power_se, ==, sqrt (p->power * (1 - p->power) / 1000));
    }
}

/* ---- the effect ---------------------------------------------------------------------------- */

/* Log scale, growth 0.1 per day over days 0 … 20: the control line multiplies by e² = 7.389,
 * ΔC = V0·6.389056. TGI 50 % wants ΔT = 0.5·ΔC: e^(20·b) = 1 + 0.5·6.389056 = 4.194528, so
 * b = ln(4.194528)/20 = 1.433781/20 = 0.0716890. A 50 % slope reduction is 0.05. TGI 150 %
 * wants e^(20·b) = 1 − 0.5·6.389056 < 0: refused. On the square-root scale with intercept 10 (V0 =
 * 100) and growth 0.5 over days 0 … 10: V10 = 15² = 225, ΔC = 125; TGI 40 % wants VT = 100 + 75 =
 * 175, b = (√175 − 10)/10 = 0.322876. */
static void
test_tgi (void)
{
  const double days[] = { 0, 5, 10, 15, 20 };
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxPowerModel) m = pdx_power_model_new (3, 0.1, 0.3, 0.01, 0, 0.2, days, 5, &error);
  PdxPowerSettings s;

  g_assert_no_error (error);
  pdx_power_settings_init (&s);
  g_assert_cmpfloat_with_epsilon (pdx_power_treated_slope (m, &s, &error), 0.05, 1e-15);
  s.effect = PDX_POWER_EFFECT_TGI;
  g_assert_cmpfloat_with_epsilon (pdx_power_treated_slope (m, &s, &error), 0.0716890, 1e-7);
  g_assert_no_error (error);
  s.effect_percent = 150;
  g_assert_true (isnan (pdx_power_treated_slope (m, &s, &error)));
  g_assert_error (error, PDX_ANALYSIS_ERROR, PDX_ANALYSIS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "TGI of 150 %"));
  g_clear_error (&error);

  m->transform = PDX_GROWTH_TRANSFORM_SQRT, m->intercept = 10, m->growth_rate = 0.5;
  m->days[4] = 10, m->days[3] = 8, m->days[2] = 6, m->days[1] = 3;
  s.effect_percent = 40;
  g_assert_cmpfloat_with_epsilon (pdx_power_treated_slope (m, &s, &error), 0.322876, 1e-6);
  g_assert_no_error (error);
}

/* ---- reproducibility ----------------------------------------------------------------------- */

static gboolean
cancel_after_two (guint done, guint total, gpointer user_data)
{
  guint *calls = user_data;
  g_assert_cmpuint (done, <=, total);
  return ++*calls < 2;
}

static void
test_seed (void)
{
  g_autoptr (PdxPowerModel) m = slopes_model ();
  g_autoptr (PdxPowerResult) a = simulate (m, 30, 3, 8, 200, 5);
  g_autoptr (PdxPowerResult) b = simulate (m, 30, 3, 8, 200, 5);
  g_autoptr (PdxPowerResult) c = simulate (m, 30, 3, 8, 200, 6);
  g_autoptr (PdxPowerResult) nested = simulate (m, 30, 5, 6, 200, 5);
  g_autoptr (GError) error = NULL;
  PdxPowerSettings s;
  gboolean         differs = FALSE;
  guint            calls = 0;

  g_assert_cmpuint (a->n_points, ==, 6);
  g_assert_cmpmem (a->points, sizeof (PdxPowerPoint) * a->n_points, b->points,
                   sizeof (PdxPowerPoint) * b->n_points);
  for (guint i = 0; i < a->n_points; i++)
    differs |= a->points[i].n_significant != c->points[i].n_significant;
  g_assert_true (differs);
  /* The study with n mice per arm is the same whatever the range asked. */
  g_assert_cmpmem (nested->points, sizeof (PdxPowerPoint) * 2, point_at (a, 5),
                   sizeof (PdxPowerPoint) * 2);
  /* The answer is the first row reaching the power. */
  for (guint i = 0; i < a->n_points; i++)
    if (a->points[i].power >= 0.8)
      {
        g_assert_cmpuint (a->answer, ==, a->points[i].mice_per_arm);
        break;
      }
  /* Cancelled from the progress callback: nothing returned, the error says so. */
  pdx_power_settings_init (&s);
  g_assert_null (pdx_power_simulate (m, &s, cancel_after_two, &calls, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (calls, ==, 2);
}

/* The simulations share out over threads, each taking the next simulation number: the counts
 * are the same, point for point, on one thread, on three (97 simulations do not divide
 * evenly), and on as many as the machine has. */
static void
test_threads (void)
{
  g_autoptr (PdxPowerModel) m = slopes_model ();
  g_autoptr (PdxPowerResult) one = simulate_on (m, 1);
  g_autoptr (PdxPowerResult) three = simulate_on (m, 3);
  g_autoptr (PdxPowerResult) any = simulate_on (m, 0);
  guint significant = 0;

  g_assert_cmpmem (one->points, sizeof (PdxPowerPoint) * one->n_points, three->points,
                   sizeof (PdxPowerPoint) * three->n_points);
  g_assert_cmpmem (one->points, sizeof (PdxPowerPoint) * one->n_points, any->points,
                   sizeof (PdxPowerPoint) * any->n_points);
  for (guint i = 0; i < one->n_points; i++)
    significant += one->points[i].n_significant;
  g_assert_cmpuint (significant, >, 0); /* a comparison of something */
}

/* ---- refusals ------------------------------------------------------------------------------ */

static void
assert_model_refused (double        rate,
                      double        sd0,
                      double        sd1,
                      double        cor,
                      double        sigma,
                      const double *days,
                      guint         n_days,
                      const char   *words)
{
  g_autoptr (GError) error = NULL;
  g_assert_null (pdx_power_model_new (0, rate, sd0, sd1, cor, sigma, days, n_days, &error));
  g_assert_error (error, PDX_ANALYSIS_ERROR, PDX_ANALYSIS_ERROR_INVALID);
  if (strstr (error->message, words) == NULL)
    g_error ("expected '%s' in '%s'", words, error->message);
}

static void
assert_settings_refused (const PdxPowerSettings *s, const char *words)
{
  g_autoptr (PdxPowerModel) m = slopes_model ();
  g_autoptr (GError) error = NULL;
  g_assert_null (pdx_power_simulate (m, s, NULL, NULL, &error));
  g_assert_error (error, PDX_ANALYSIS_ERROR, PDX_ANALYSIS_ERROR_INVALID);
  if (strstr (error->message, words) == NULL)
    g_error ("expected '%s' in '%s'", words, error->message);
}

static void
test_refusals (void)
{
  const double     days[] = { 0, 7, 14 }, two[] = { 0, 7 }, back[] = { 0, 7, 7 };
  const double     nan_day[] = { 0, NAN, 14 };
  PdxPowerSettings s;

  assert_model_refused (0, 0.3, 0.01, 0, 0.2, days, 3, "growth rate is 0 per day");
  assert_model_refused (-0.1, 0.3, 0.01, 0, 0.2, days, 3, "a control arm that grows");
  assert_model_refused (NAN, 0.3, 0.01, 0, 0.2, days, 3, "growth rate");
  assert_model_refused (0.1, -0.3, 0.01, 0, 0.2, days, 3, "SD of the intercept");
  assert_model_refused (0.1, 0.3, INFINITY, 0, 0.2, days, 3, "SD of the growth rate");
  assert_model_refused (0.1, 0.3, 0.01, 1.5, 0.2, days, 3, "between −1 and 1");
  assert_model_refused (0.1, 0.3, 0.01, 0, 0, days, 3, "residual SD must be above 0");
  assert_model_refused (0.1, 0.3, 0.01, 0, 0.2, two, 2, "at least 3 days");
  assert_model_refused (0.1, 0.3, 0.01, 0, 0.2, back, 3, "ascending, each day once");
  assert_model_refused (0.1, 0.3, 0.01, 0, 0.2, nan_day, 3, "finite");

  pdx_power_settings_init (&s);
  s.power = 1;
  assert_settings_refused (&s, "power wanted must lie strictly between 0 and 1");
  pdx_power_settings_init (&s);
  s.alpha = 0;
  assert_settings_refused (&s, "α must be above 0");
  pdx_power_settings_init (&s);
  s.simulations = 9;
  assert_settings_refused (&s, "between 10 and 100,000");
  pdx_power_settings_init (&s);
  s.min_mice = 8, s.max_mice = 5;
  assert_settings_refused (&s, "mice per arm must be between 2 and 200");
  pdx_power_settings_init (&s);
  s.max_mice = 201;
  assert_settings_refused (&s, "mice per arm");
  pdx_power_settings_init (&s);
  s.effect_percent = 0;
  assert_settings_refused (&s, "slope reduction to detect must be above 0 %");
  pdx_power_settings_init (&s);
  s.effect = PDX_POWER_EFFECT_TGI, s.effect_percent = 250;
  assert_settings_refused (&s, "TGI to detect must be above 0 % and at most 200 %, not 250 %");
}

/* ---- from a study, and the CLI -------------------------------------------------------------- */

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

/* ICR-017-A of the demo (seed 7): its model is the REML fit of tests/fixtures/lmm/
 * demo-icr-017-a-reml.csv (R: day 0.126495855, sd((Intercept)) 0.4410638, sd(day) 0.005956502,
 * sigma 0.3832050); the planned study has only a control arm's days. ICR-031-D (planned, no
 * measurements) and a study whose control flag is removed are refused, naming the study. */
static void
test_study (void)
{
  const PdxDemoOptions options = { .seed = 7 };
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr (PdxDb) db = pdx_test_new_lab (&path);
  g_autoptr (PdxStudyData) icr = NULL;
  g_autoptr (PdxStudyData) planned = NULL;
  g_autoptr (PdxPowerModel) m = NULL;

  g_assert_true (pdx_demo_generate (db, &options, &error));
  icr = load_demo_study (db, "ICR-017-A");
  m = pdx_power_model_from_study (icr, PDX_GROWTH_TRANSFORM_LOG, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (fabs (m->growth_rate - 0.126495855) / 0.126495855, <, 1e-4);
  g_assert_cmpfloat (fabs (m->sd_intercept - 0.4410638) / 0.4410638, <, 1e-4);
  g_assert_cmpfloat (fabs (m->sigma - 0.3832050) / 0.3832050, <, 1e-4);
  g_assert_cmpfloat (fabs (m->sd_slope - 0.005956502) / 0.005956502, <, 1e-3);
  g_assert_cmpstr (m->study_code, ==, "ICR-017-A");
  g_assert_cmpuint (m->n_days, >=, 3);
  for (guint j = 1; j < m->n_days; j++)
    g_assert_cmpfloat (m->days[j], >, m->days[j - 1]);

  planned = load_demo_study (db, "ICR-031-D");
  g_assert_null (pdx_power_model_from_study (planned, PDX_GROWTH_TRANSFORM_LOG, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  for (guint a = 0; a < icr->n_arms; a++)
    icr->arms[a].is_control = FALSE;
  g_assert_null (pdx_power_model_from_study (icr, PDX_GROWTH_TRANSFORM_LOG, &error));
  g_assert_error (error, PDX_ANALYSIS_ERROR, PDX_ANALYSIS_ERROR_NO_CONTROL);
  g_assert_nonnull (strstr (error->message, "ICR-017-A has no control arm"));
}

static void
test_cli (void)
{
  const PdxDemoOptions options = { .seed = 7 };
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL, *out = NULL, *err = NULL, *again = NULL, *typed = NULL;
  g_autoptr (PdxDb) db = pdx_test_new_lab (&path);
  const char *const study_args[] = { "--format",     "csv",        "stats",
                                     "power",        "--study",    "ICR-017-A",
                                     "--effect-tgi", "50",         "--simulations",
                                     "50",           "--max-mice", "6",
                                     "--seed",       "3",          NULL };
  const char *const typed_args[] = { "--format",
                                     "csv",
                                     "stats",
                                     "power",
                                     "--growth-rate",
                                     "0.1",
                                     "--sd-intercept",
                                     "0.3",
                                     "--sd-slope",
                                     "0.02",
                                     "--cor",
                                     "0.3",
                                     "--sigma",
                                     "0.2",
                                     "--days",
                                     "0,3,7,10,14,17,21",
                                     "--effect-slope-reduction",
                                     "30",
                                     "--simulations",
                                     "200",
                                     "--min-mice",
                                     "3",
                                     "--max-mice",
                                     "8",
                                     "--seed",
                                     "5",
                                     NULL };
  const char *const both_args[] = { "stats", "power",        "--study", "ICR-017-A", "--sigma",
                                    "0.2",   "--effect-tgi", "50",      NULL };
  const char *const no_effect[] = { "stats", "power", "--study", "ICR-017-A", NULL };
  const char *const bad_number[] = { "stats",        "power", "--study", "ICR-017-A",
                                     "--effect-tgi", "half",  NULL };
  const char *const bad_days[] = {
    "stats",   "power", "--growth-rate", "0.1",   "--sd-intercept", "0.3", "--sd-slope", "0",
    "--sigma", "0.2",   "--days",        "0,3,x", "--effect-tgi",   "50",  NULL
  };
  const char *const no_control[] = { "stats",        "power", "--study", "ICR-031-D",
                                     "--effect-tgi", "50",    NULL };
  g_auto (GStrv) lines = NULL;
  g_autoptr (PdxPowerModel) m = slopes_model ();
  g_autoptr (PdxPowerResult) r = simulate (m, 30, 3, 8, 200, 5);

  g_assert_true (pdx_demo_generate (db, &options, &error));
  g_clear_pointer (&db, pdx_db_close);
  g_assert_cmpint (pdx_test_run_cli_args (path, study_args, &out, &err), ==, 0);
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "mice_per_arm,power,power_se");
  g_assert_cmpuint (g_strv_length (lines), ==, 6); /* header, 3 … 6, "" */
  g_assert_true (g_str_has_prefix (lines[1], "3,"));
  g_assert_nonnull (strstr (err, "REML growth model of study ICR-017-A"));
  g_assert_nonnull (strstr (err, "answer: "));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (pdx_test_run_cli_args (path, study_args, &again, NULL), ==, 0);
  g_assert_cmpstr (out, ==, again);

  /* The typed form prints what the API gives for the same model and seed. */
  g_assert_cmpint (pdx_test_run_cli_args (path, typed_args, &typed, &err), ==, 0);
  for (guint i = 0; i < r->n_points; i++)
    {
      g_autofree char *power = pdx_format_number (r->points[i].power);
      g_autofree char *se = pdx_format_number (r->points[i].power_se);
      g_autofree char *row = g_strdup_printf ("\n%u,%s,%s\n", r->points[i].mice_per_arm, power, se);
      g_assert_nonnull (strstr (typed, row));
    }
  if (r->answer > 0)
    {
      g_autofree char *answer = g_strdup_printf ("answer: %u mice per arm", r->answer);
      g_assert_nonnull (strstr (err, answer));
    }
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (pdx_test_run_cli_args (path, both_args, NULL, &err), ==, 2);
  g_assert_nonnull (strstr (err, "not both"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (pdx_test_run_cli_args (path, no_effect, NULL, &err), ==, 2);
  g_assert_nonnull (strstr (err, "either --effect-tgi PERCENT or --effect-slope-reduction"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (pdx_test_run_cli_args (path, bad_number, NULL, &err), ==, 2);
  g_assert_nonnull (strstr (err, "--effect-tgi takes a number, not 'half'"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (pdx_test_run_cli_args (path, bad_days, NULL, &err), ==, 2);
  g_assert_nonnull (strstr (err, "--days takes days separated by commas"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (pdx_test_run_cli_args (path, no_control, NULL, &err), ==, 1);
  g_assert_nonnull (strstr (err, "ICR-031-D"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/analysis/power/closed-form", test_closed_form);
  g_test_add_func ("/analysis/power/r-simulation", test_r_simulation);
  g_test_add_func ("/analysis/power/tgi", test_tgi);
  g_test_add_func ("/analysis/power/seed", test_seed);
  g_test_add_func ("/analysis/power/threads", test_threads);
  g_test_add_func ("/analysis/power/refusals", test_refusals);
  g_test_add_func ("/analysis/power/study", test_study);
  g_test_add_func ("/analysis/power/cli", test_cli);
  return g_test_run ();
}
