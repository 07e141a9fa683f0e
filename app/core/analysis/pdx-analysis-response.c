/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-analysis-response.c — per-mouse response of SPEC §4: %ΔV, BR, BAR, mRECIST, AUC, time to
 * double (Gao et al. 2015, Nat Med 21:1318, as implemented by Bioconductor's Xeva). */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx-analysis-private.h"

#include <gsl/gsl_rstat.h>
#include <math.h>

G_DEFINE_AUTOPTR_CLEANUP_FUNC (gsl_rstat_workspace, gsl_rstat_free)

/* Days from which BR and BAR are taken, and the number of values needed there. */
#define RESPONSE_FIRST_DAY 10.0
#define RESPONSE_MIN_POINTS 2

const char *
pdx_mrecist_to_string (PdxMrecist mrecist)
{
  switch (mrecist)
    {
    case PDX_MRECIST_CR:
      return "CR";
    case PDX_MRECIST_PR:
      return "PR";
    case PDX_MRECIST_SD:
      return "SD";
    case PDX_MRECIST_PD:
      return "PD";
    case PDX_MRECIST_NOT_EVALUABLE:
    case PDX_N_MRECIST:
    default:
      return "";
    }
}

const char *
pdx_mrecist_get_label (PdxMrecist mrecist)
{
  switch (mrecist)
    {
    case PDX_MRECIST_CR:
      return N_ ("Complete response");
    case PDX_MRECIST_PR:
      return N_ ("Partial response");
    case PDX_MRECIST_SD:
      return N_ ("Stable disease");
    case PDX_MRECIST_PD:
      return N_ ("Progressive disease");
    case PDX_MRECIST_NOT_EVALUABLE:
    case PDX_N_MRECIST:
    default:
      return N_ ("Not evaluable");
    }
}

/* Gao 2015 / Xeva: PD, then SD, PR, CR; each later rule overrides. */
static PdxMrecist
classify (double best_response, double best_avg_response)
{
  PdxMrecist mrecist = PDX_MRECIST_PD;
  if (best_response < 35 && best_avg_response < 30)
    mrecist = PDX_MRECIST_SD;
  if (best_response < -50 && best_avg_response < -20)
    mrecist = PDX_MRECIST_PR;
  if (best_response < -95 && best_avg_response < -40)
    mrecist = PDX_MRECIST_CR;
  return mrecist;
}

static PdxResponse *
response_new_empty (void)
{
  PdxResponse *r = g_new0 (PdxResponse, 1);
  r->mouse = r->arm = -1;
  r->baseline_day = r->baseline_value = NAN;
  r->best_response = r->best_response_day = NAN;
  r->best_avg_response = r->best_avg_response_day = NAN;
  r->auc = r->time_to_double = r->day_last = NAN;
  r->mrecist = PDX_MRECIST_NOT_EVALUABLE;
  return r;
}

/* BR and BAR over t >= 10; the first minimum wins ties. BAR's running mean of the % changes
 * from the baseline on is GSL's running statistics (gsl_rstat). */
static void
compute_best_responses (PdxResponse *r)
{
  g_autoptr (gsl_rstat_workspace) running = gsl_rstat_alloc ();
  guint n_late = 0;

  for (guint i = 0; i < r->n_points; i++)
    {
      double running_mean;
      gsl_rstat_add (r->pct_change[i], running);
      running_mean = gsl_rstat_mean (running);
      if (r->day[i] < RESPONSE_FIRST_DAY)
        continue;
      n_late++;
      if (isnan (r->best_response) || r->pct_change[i] < r->best_response)
        r->best_response = r->pct_change[i], r->best_response_day = r->day[i];
      if (isnan (r->best_avg_response) || running_mean < r->best_avg_response)
        r->best_avg_response = running_mean, r->best_avg_response_day = r->day[i];
    }
  r->evaluable = n_late >= RESPONSE_MIN_POINTS;
  if (!r->evaluable)
    {
      r->best_response = r->best_response_day = NAN;
      r->best_avg_response = r->best_avg_response_day = NAN;
      return;
    }
  r->mrecist = classify (r->best_response, r->best_avg_response);
}

/* Trapezoid over raw values (0 for a single value); first day with V >= 2·V0 (on the shifted values
 * when V0 = 0), interpolated linearly from the previous value. */
static void
compute_auc_and_doubling (PdxResponse *r, double shift)
{
  double target = 2 * (r->value[0] + shift);

  /* One value spans no time: its trapezoid sum is 0, as Xeva gives it. */
  r->auc = 0;
  for (guint i = 1; i < r->n_points; i++)
    r->auc += (r->value[i] + r->value[i - 1]) / 2 * (r->day[i] - r->day[i - 1]);
  for (guint i = 1; i < r->n_points; i++)
    {
      double v = r->value[i] + shift, previous = r->value[i - 1] + shift;
      if (v < target)
        continue;
      r->time_to_double =
          r->day[i - 1] + (target - previous) / (v - previous) * (r->day[i] - r->day[i - 1]);
      break;
    }
}

PdxResponse *
pdx_response_compute (const double *day, const double *value, guint n)
{
  PdxResponse   *r = response_new_empty ();
  PdxCleanSeries series;
  double         shift, v0;

  g_return_val_if_fail (n == 0 || (day != NULL && value != NULL), r);

  pdx_clean_series_init (&series, day, value, n);
  if (series.n == 0)
    return r;

  r->n_points = series.n;
  r->day = g_steal_pointer (&series.day);
  r->value = g_steal_pointer (&series.value);
  r->baseline_day = r->day[0];
  r->baseline_value = r->value[0];
  r->day_last = r->day[r->n_points - 1];
  /* A zero baseline: add 1 to every value (Xeva). */
  shift = r->value[0] == 0 ? 1 : 0;
  v0 = r->value[0] + shift;
  r->pct_change = g_new (double, r->n_points);
  r->relative = g_new (double, r->n_points);
  for (guint i = 0; i < r->n_points; i++)
    {
      r->pct_change[i] = 100 * (r->value[i] + shift - v0) / v0;
      r->relative[i] = (r->value[i] + shift) / v0;
    }
  compute_best_responses (r);
  compute_auc_and_doubling (r, shift);
  return r;
}

void
pdx_response_free (PdxResponse *response)
{
  if (response == NULL)
    return;
  g_free (response->day);
  g_free (response->value);
  g_free (response->pct_change);
  g_free (response->relative);
  g_free (response);
}

GPtrArray *
pdx_response_list (const PdxStudyData *data)
{
  GPtrArray *list =
      g_ptr_array_new_full (data ? data->n_mice : 0, (GDestroyNotify) pdx_response_free);

  g_return_val_if_fail (data != NULL, list);
  for (guint m = 0; m < data->n_mice; m++)
    {
      const PdxStudyMouse *mouse = &data->mice[m];
      PdxResponse         *r = mouse->excluded ? response_new_empty ()
                                               : pdx_response_compute (mouse->day, mouse->value, mouse->n);
      r->mouse = (int) m;
      r->arm = mouse->arm;
      r->excluded = mouse->excluded;
      g_ptr_array_add (list, r);
    }
  return list;
}

char *
pdx_response_dup_not_evaluable_reason (const PdxResponse *response)
{
  guint n_late = 0;

  g_return_val_if_fail (response != NULL, NULL);
  if (response->excluded)
    return g_strdup (_ ("the mouse is excluded"));
  if (response->evaluable)
    return NULL;
  if (response->n_points == 0)
    return g_strdup (_ ("no value of the readout"));
  for (guint i = 0; i < response->n_points; i++)
    if (response->day[i] >= RESPONSE_FIRST_DAY)
      n_late++;
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "needs %d values from day %g on, has %u",
                                       "needs %d values from day %g on, has %u", n_late),
                          RESPONSE_MIN_POINTS, RESPONSE_FIRST_DAY, n_late);
}

static double
median_best_response (const PdxStudyData *data, GPtrArray *responses, int arm)
{
  g_autofree double *values = g_new (double, MAX (responses->len, 1));
  guint              n = 0;

  for (guint m = 0; m < responses->len; m++)
    {
      const PdxResponse *r = g_ptr_array_index (responses, m);
      if (r->arm == arm && !r->excluded && r->evaluable)
        values[n++] = r->best_response;
    }
  return pdx_stats_median (values, n);
}

GPtrArray *
pdx_arm_response_summary_list (const PdxStudyData *data, GPtrArray *responses, GPtrArray *weights)
{
  GPtrArray *list = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (data != NULL && responses != NULL, list);
  g_return_val_if_fail (responses->len == data->n_mice, list);
  g_return_val_if_fail (weights == NULL || weights->len == data->n_mice, list);

  for (guint a = 0; a < data->n_arms; a++)
    {
      PdxArmResponseSummary *s = g_new0 (PdxArmResponseSummary, 1);
      s->arm = (int) a;
      for (guint m = 0; m < data->n_mice; m++)
        {
          const PdxResponse    *r = g_ptr_array_index (responses, m);
          const PdxMouseWeight *w = weights ? g_ptr_array_index (weights, m) : NULL;
          if (data->mice[m].arm != (int) a)
            continue;
          if (data->mice[m].excluded)
            {
              s->n_excluded++;
              continue;
            }
          s->n++;
          s->n_evaluable += r->evaluable;
          s->mrecist_count[r->mrecist]++;
          s->n_weight_warning += w && w->flag == PDX_WEIGHT_WARNING;
          s->n_weight_humane += w && w->flag == PDX_WEIGHT_HUMANE;
        }
      s->median_best_response = median_best_response (data, responses, (int) a);
      g_ptr_array_add (list, s);
    }
  return list;
}
