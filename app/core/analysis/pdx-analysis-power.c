/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-analysis-power.c — mice per arm for a treatment effect on the growth model, by simulating
 * two-arm studies from the model and fitting each with the model's own fit (docs/power.md).
 *
 * Invariants: simulation s draws everything from one MT19937 generator seeded from (seed, s)
 * alone, mouse pair k (control, treated) always from the same stretch of its stream, so the
 * study with n mice per arm is the first n pairs of the study with n + 1, and a result depends
 * on the settings and the model only, never on the order of the work. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx-analysis-private.h"
#include "pdx/pdx-format.h"

#include <gio/gio.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>

G_DEFINE_AUTOPTR_CLEANUP_FUNC (gsl_rng, gsl_rng_free)

static gboolean G_GNUC_PRINTF (2, 3) invalid (GError **error, const char *format, ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (
      error, g_error_new_valist (PDX_ANALYSIS_ERROR, PDX_ANALYSIS_ERROR_INVALID, format, args));
  va_end (args);
  return FALSE;
}

void
pdx_power_settings_init (PdxPowerSettings *settings)
{
  g_return_if_fail (settings != NULL);
  *settings = (PdxPowerSettings){
    .effect = PDX_POWER_EFFECT_SLOPE_REDUCTION,
    .effect_percent = 50,
    .power = 0.8,
    .alpha = 0.05,
    .seed = 1,
    .simulations = 1000,
    .min_mice = 3,
    .max_mice = 20,
  };
}

void
pdx_power_model_free (PdxPowerModel *model)
{
  if (model == NULL)
    return;
  g_free (model->days);
  g_free (model->study_code);
  g_free (model);
}

void
pdx_power_result_free (PdxPowerResult *result)
{
  if (result == NULL)
    return;
  g_free (result->points);
  g_free (result);
}

/* The checks of pdx_power_model_new (), on any model. */
static gboolean
check_model (const PdxPowerModel *m, GError **error)
{
  g_autofree char *rate = pdx_format_short (m->growth_rate);

  if (!(m->growth_rate > 0) || !isfinite (m->growth_rate))
    return invalid (error,
                    _ ("the control arm's growth rate is %s per day: the sample size of a "
                       "treatment that slows growth needs a control arm that grows"),
                    rate);
  if (!isfinite (m->intercept))
    return invalid (error, "%s", _ ("the control line's intercept is not a number"));
  if (!(m->sd_intercept >= 0) || !isfinite (m->sd_intercept))
    return invalid (error, "%s",
                    _ ("the between-mouse SD of the intercept must be a number of 0 or more"));
  if (!(m->sd_slope >= 0) || !isfinite (m->sd_slope))
    return invalid (error, "%s",
                    _ ("the between-mouse SD of the growth rate must be a number of 0 or more"));
  if (!(m->correlation >= -1 && m->correlation <= 1))
    return invalid (error, "%s",
                    _ ("the correlation of intercept and growth rate must lie between −1 and 1"));
  if (!(m->sigma > 0) || !isfinite (m->sigma))
    return invalid (error, "%s", _ ("the residual SD must be above 0"));
  if (m->n_days < 3)
    return invalid (error, "%s",
                    _ ("the mice must be measured on at least 3 days to separate a mouse's "
                       "growth from the measurement noise"));
  for (guint j = 0; j < m->n_days; j++)
    if (!isfinite (m->days[j]) || (j > 0 && !(m->days[j] > m->days[j - 1])))
      return invalid (error, "%s",
                      _ ("the measurement days must be finite and ascending, each day once"));
  return TRUE;
}

PdxPowerModel *
pdx_power_model_new (double        intercept,
                     double        growth_rate,
                     double        sd_intercept,
                     double        sd_slope,
                     double        correlation,
                     double        sigma,
                     const double *days,
                     guint         n_days,
                     GError      **error)
{
  g_autoptr (PdxPowerModel) m = g_new0 (PdxPowerModel, 1);

  g_return_val_if_fail (n_days == 0 || days != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  m->transform = PDX_GROWTH_TRANSFORM_LOG;
  m->intercept = intercept, m->growth_rate = growth_rate;
  m->sd_intercept = sd_intercept, m->sd_slope = sd_slope, m->correlation = correlation;
  m->sigma = sigma;
  m->n_days = n_days;
  m->days = g_memdup2 (days, sizeof (double) * n_days);
  if (!check_model (m, error))
    return NULL;
  return g_steal_pointer (&m);
}

static int
compare_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

/* The days on which at least half of the control arm's @n_mice mice of the fit have a
 * measurement among the model's observations. */
static GArray *
control_days (const PdxStudyData *data, PdxGrowthTransform transform, guint n_mice, GError **error)
{
  g_autofree int    *mouse = NULL, *arm = NULL;
  g_autofree double *day = NULL, *value = NULL, *y = NULL, *sorted = NULL;
  GArray            *days = g_array_new (FALSE, FALSE, sizeof (double));
  int                control = pdx_study_data_get_control (data);
  guint              n = 0, k = 0;

  if (!pdx_growth_model_observations (data, transform, &mouse, &arm, &day, &value, &y, &n, error))
    {
      g_array_unref (days);
      return NULL;
    }
  sorted = g_new (double, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    if (arm[i] == control)
      sorted[k++] = day[i];
  qsort (sorted, k, sizeof (double), compare_double);
  for (guint i = 0, run; i < k; i += run)
    {
      for (run = 1; i + run < k && sorted[i + run] == sorted[i]; run++)
        ;
      if (2 * run >= n_mice)
        g_array_append_val (days, sorted[i]);
    }
  return days;
}

PdxPowerModel *
pdx_power_model_from_study (const PdxStudyData *data, PdxGrowthTransform transform, GError **error)
{
  g_autoptr (PdxGrowthModel) fit = NULL;
  g_autoptr (PdxPowerModel) m = g_new0 (PdxPowerModel, 1);
  g_autoptr (GError) local = NULL;
  g_autoptr (GArray) days = NULL;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  if ((fit = pdx_growth_model_compute (data, transform, PDX_GROWTH_FIT_REML, error)) == NULL)
    return NULL;
  if ((days = control_days (data, transform, fit->groups[0].n_mice, error)) == NULL)
    return NULL;
  m->transform = transform;
  m->intercept = fit->groups[0].intercept, m->growth_rate = fit->groups[0].slope;
  m->sd_intercept = fit->sd_intercept, m->sd_slope = fit->sd_slope;
  m->correlation = fit->correlation, m->sigma = fit->sigma;
  m->n_days = days->len;
  m->days = (double *) (void *) g_array_free (g_steal_pointer (&days), FALSE);
  m->study_code = g_strdup (data->code);
  m->n_control_mice = fit->groups[0].n_mice;
  if (!check_model (m, &local))
    {
      g_set_error (error, PDX_ANALYSIS_ERROR, PDX_ANALYSIS_ERROR_INVALID,
                   _ ("study %s cannot be planned from: %s"), data->code, local->message);
      return NULL;
    }
  return g_steal_pointer (&m);
}

double
pdx_power_treated_slope (const PdxPowerModel    *model,
                         const PdxPowerSettings *settings,
                         GError                **error)
{
  double           first, last, start, base, top, target, slope;
  g_autofree char *percent = NULL;

  g_return_val_if_fail (model != NULL && settings != NULL, NAN);
  percent = pdx_format_short (settings->effect_percent);
  if (!(settings->effect_percent > 0 && settings->effect_percent <= 200))
    {
      invalid (error,
               settings->effect == PDX_POWER_EFFECT_TGI
                   ? _ ("the TGI to detect must be above 0 %% and at most 200 %%, not %s %%")
                   : _ ("the slope reduction to detect must be above 0 %% and at most 200 %%, "
                        "not %s %%"),
               percent);
      return NAN;
    }
  if (settings->effect == PDX_POWER_EFFECT_SLOPE_REDUCTION)
    return model->growth_rate * (1 - settings->effect_percent / 100);
  /* TGI = 1 − ΔT/ΔC on the back-transformed lines from the first day to the last, both lines
   * starting from the control's value on the first day. */
  first = model->days[0], last = model->days[model->n_days - 1];
  start = model->intercept + model->growth_rate * first;
  base = pdx_growth_transform_invert (model->transform, start);
  top = pdx_growth_transform_invert (model->transform, start + model->growth_rate * (last - first));
  target = base + (1 - settings->effect_percent / 100) * (top - base);
  slope = (pdx_growth_transform_apply (model->transform, target) - start) / (last - first);
  if (!isfinite (slope))
    {
      invalid (error,
               _ ("a TGI of %s %% cannot be reached on this model: the treated tumours would have "
                  "to shrink below nothing"),
               percent);
      return NAN;
    }
  return slope;
}

static gboolean
check_settings (const PdxPowerSettings *s, GError **error)
{
  if (!(s->power > 0 && s->power < 1))
    return invalid (error, "%s",
                    _ ("the power wanted must lie strictly between 0 and 1 (e.g. 0.8)"));
  if (!(s->alpha > 0 && s->alpha <= 0.5))
    return invalid (error, "%s", _ ("α must be above 0 and at most 0.5 (e.g. 0.05)"));
  if (s->simulations < 10 || s->simulations > 100000)
    return invalid (error, "%s", _ ("the number of simulations must be between 10 and 100,000"));
  if (s->min_mice < 2 || s->max_mice < s->min_mice || s->max_mice > 200)
    return invalid (error, "%s",
                    _ ("the mice per arm must be between 2 and 200, the largest no smaller "
                       "than the smallest"));
  return TRUE;
}

/* Simulation @s's generator seed: SplitMix64 (Steele, Lea & Flood 2014) of the settings' seed
 * and @s, so that neighbouring simulations get unrelated MT19937 states. */
static unsigned long
simulation_seed (guint64 seed, guint s)
{
  guint64 z = seed + (guint64) (s + 1) * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);
  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  z ^= z >> 31;
  /* MT19937's seed is 32 bits in GSL: fold both halves in. */
  return (unsigned long) ((z ^ (z >> 32)) & 0xffffffffu);
}

typedef struct
{
  const PdxPowerModel *model;
  double               slope[2]; /* control, treated */
  guint                n_days, max_mice;
  int                 *mouse, *group;
  double              *day, *y;
} Simulation;

/* Fills sim->y for max_mice pairs from @rng: pair k is mice 2k (control) and 2k + 1 (treated),
 * each with (b0, b1) ~ N(0, Ψ) and its measurement errors, in that order. */
static void
draw_study (Simulation *sim, gsl_rng *rng)
{
  const PdxPowerModel *m = sim->model;
  double               first = m->days[0], start = m->intercept + m->growth_rate * first;
  double               rest = sqrt (1 - m->correlation * m->correlation);

  for (guint mouse = 0; mouse < 2 * sim->max_mice; mouse++)
    {
      double  z1 = gsl_ran_gaussian_ziggurat (rng, 1), z2 = gsl_ran_gaussian_ziggurat (rng, 1);
      double  b0 = m->sd_intercept * z1, b1 = m->sd_slope * (m->correlation * z1 + rest * z2);
      double  slope = sim->slope[mouse % 2];
      double *y = sim->y + mouse * sim->n_days;
      for (guint j = 0; j < sim->n_days; j++)
        {
          double t = m->days[j];
          y[j] =
              start + slope * (t - first) + b0 + b1 * t + gsl_ran_gaussian_ziggurat (rng, m->sigma);
        }
    }
}

static void
simulation_init (Simulation *sim, const PdxPowerModel *model, guint max_mice)
{
  guint n = 2 * max_mice * model->n_days;

  sim->model = model;
  sim->n_days = model->n_days, sim->max_mice = max_mice;
  sim->mouse = g_new (int, n), sim->group = g_new (int, n);
  sim->day = g_new (double, n), sim->y = g_new (double, n);
  for (guint i = 0; i < n; i++)
    {
      sim->mouse[i] = (int) (i / model->n_days);
      sim->group[i] = sim->mouse[i] % 2;
      sim->day[i] = model->days[i % model->n_days];
    }
}

static void
simulation_clear (Simulation *sim)
{
  g_free (sim->mouse), g_free (sim->group), g_free (sim->day), g_free (sim->y);
}

/* Fits the first @n_per_arm pairs of the drawn study: 1 when the treated slope's difference
 * from the control's is significant at @alpha, 0 when not, −1 when the fit refused. */
static int
test_study (const Simulation *sim, guint n_per_arm, double alpha)
{
  static const char *const names[] = { "control", "treated" };
  g_autoptr (PdxGrowthModel) fit = NULL;
  guint n = 2 * n_per_arm * sim->n_days;

  fit = pdx_growth_model_fit (sim->mouse, sim->group, sim->day, sim->y, n, 2, names,
                              PDX_GROWTH_FIT_REML, NULL);
  if (fit == NULL)
    return -1;
  return fit->groups[1].p_value < alpha ? 1 : 0;
}

static void
finish_points (PdxPowerResult *r)
{
  double s = r->settings.simulations;

  r->answer = 0;
  for (guint i = 0; i < r->n_points; i++)
    {
      PdxPowerPoint *p = &r->points[i];
      p->power = p->n_significant / s;
      p->power_se = sqrt (p->power * (1 - p->power) / s);
      if (r->answer == 0 && p->power >= r->settings.power)
        r->answer = p->mice_per_arm;
    }
}

/* The work of one pdx_power_simulate () shared by its threads: each takes the next simulation
 * number until none is left, and counts into its own tallies (summed at the end), so the result
 * is the same for any number of threads. */
typedef struct
{
  const PdxPowerModel  *model;
  const PdxPowerResult *result; /* the points' mice per arm */
  double                treated;
  guint                 simulations;
  guint64               seed;
  double                alpha;
  gint                  next;      /* atomic: the next simulation to run */
  gint                  done;      /* atomic: fits made */
  gint                  cancelled; /* atomic */
} PowerWork;

typedef struct
{
  PowerWork *work;
  guint     *significant, *failed; /* per point */
  GThread   *thread;
} PowerWorker;

/* Runs simulations of @w->work until none is left or the work is cancelled; with @progress
 * (the caller's thread only), reports after each of its studies, and cancels the work when it
 * returns FALSE. */
static void
power_worker_run (PowerWorker *w, PdxPowerProgress progress, gpointer user_data, guint total)
{
  PowerWork            *work = w->work;
  const PdxPowerResult *r = work->result;
  g_autoptr (gsl_rng) rng = gsl_rng_alloc (gsl_rng_mt19937);
  Simulation sim = { 0 };
  gint       s;

  simulation_init (&sim, work->model, r->settings.max_mice);
  sim.slope[0] = work->model->growth_rate, sim.slope[1] = work->treated;
  while (!g_atomic_int_get (&work->cancelled) &&
         (s = g_atomic_int_add (&work->next, 1)) < (gint) work->simulations)
    {
      guint done;

      gsl_rng_set (rng, simulation_seed (work->seed, (guint) s));
      draw_study (&sim, rng);
      for (guint i = 0; i < r->n_points; i++)
        {
          int outcome = test_study (&sim, r->points[i].mice_per_arm, work->alpha);
          w->significant[i] += outcome == 1;
          w->failed[i] += outcome < 0;
        }
      done = (guint) g_atomic_int_add (&work->done, (gint) r->n_points) + r->n_points;
      if (progress != NULL && !progress (done, total, user_data))
        g_atomic_int_set (&work->cancelled, 1);
    }
  simulation_clear (&sim);
}

static gpointer
power_worker_thread (gpointer data)
{
  power_worker_run (data, NULL, NULL, 0);
  return NULL;
}

PdxPowerResult *
pdx_power_simulate (const PdxPowerModel    *model,
                    const PdxPowerSettings *settings,
                    PdxPowerProgress        progress,
                    gpointer                user_data,
                    GError                **error)
{
  g_autoptr (PdxPowerResult) r = NULL;
  g_autofree PowerWorker *workers = NULL;
  g_autofree guint       *tallies = NULL;
  PowerWork               work = { 0 };
  guint                   total, n_workers;
  double                  treated;

  g_return_val_if_fail (model != NULL && settings != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  pdx_gsl_init ();
  if (!check_model (model, error) || !check_settings (settings, error) ||
      isnan (treated = pdx_power_treated_slope (model, settings, error)))
    return NULL;
  r = g_new0 (PdxPowerResult, 1);
  r->settings = *settings;
  r->control_slope = model->growth_rate, r->treated_slope = treated;
  r->n_points = settings->max_mice - settings->min_mice + 1;
  r->points = g_new0 (PdxPowerPoint, r->n_points);
  for (guint i = 0; i < r->n_points; i++)
    r->points[i].mice_per_arm = settings->min_mice + i;
  total = settings->simulations * r->n_points;

  work.model = model, work.result = r, work.treated = treated;
  work.simulations = settings->simulations, work.seed = settings->seed;
  work.alpha = settings->alpha;
  /* The caller's thread is the first worker. */
  n_workers = settings->threads ? settings->threads : CLAMP (g_get_num_processors (), 1, 8);
  n_workers = MIN (MIN (n_workers, 64), settings->simulations);
  workers = g_new0 (PowerWorker, n_workers);
  tallies = g_new0 (guint, 2 * r->n_points * n_workers);
  for (guint k = 0; k < n_workers; k++)
    {
      workers[k].work = &work;
      workers[k].significant = tallies + 2 * r->n_points * k;
      workers[k].failed = workers[k].significant + r->n_points;
      /* A thread that cannot be made leaves its share to the others. */
      if (k > 0)
        workers[k].thread = g_thread_try_new ("pdx-power", power_worker_thread, &workers[k], NULL);
    }
  /* The caller's thread simulates too, and alone reports progress, between its studies. */
  power_worker_run (&workers[0], progress, user_data, total);
  for (guint k = 1; k < n_workers; k++)
    if (workers[k].thread)
      g_thread_join (workers[k].thread);
  if (g_atomic_int_get (&work.cancelled))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                           _ ("the sample size simulation was cancelled"));
      return NULL;
    }
  for (guint k = 0; k < n_workers; k++)
    for (guint i = 0; i < r->n_points; i++)
      {
        r->points[i].n_significant += workers[k].significant[i];
        r->points[i].n_failed += workers[k].failed[i];
      }
  finish_points (r);
  return g_steal_pointer (&r);
}
