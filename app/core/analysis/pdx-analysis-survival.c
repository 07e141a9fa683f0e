/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-analysis-survival.c — Kaplan–Meier per arm with Greenwood SE and log CI, median survival
 * with CI, %ILS, and the assembly of the comparisons against the control (SPEC §4); equal to
 * R's survfit / summary.survfit / print.survfit (survival 3.5). */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>
#include "pdx-analysis-private.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <gsl/gsl_cdf.h>

/* One subject: its time, whether it is an event, and its group. */
typedef struct
{
  double   time;
  gboolean event;
  int      group;
} Subject;

static int
subject_compare (const void *a, const void *b)
{
  const Subject *x = a, *y = b;
  if (x->time != y->time)
    return x->time < y->time ? -1 : 1;
  return x->group - y->group;
}

/* print.survfit's quantile rule (survival:::survmean, minmin): the first time the curve is at
 * or below 0.5; where it sits exactly at 0.5 (within √ε), the midpoint between that time and the
 * time it next drops. NAN values are skipped; NAN when never reached. */
static double
first_at_or_below_half (const PdxKmStep *steps, guint n, gsize offset)
{
  const double tolerance = sqrt (DBL_EPSILON);
  guint        first = n;

#define CURVE(i) (*(const double *) ((const char *) &steps[i] + offset))
  for (guint i = 0; i < n && first == n; i++)
    if (!isnan (CURVE (i)) && CURVE (i) < 0.5 + tolerance)
      first = i;
  if (first == n)
    return NAN;
  if (fabs (CURVE (first) - 0.5) < tolerance)
    for (guint j = first + 1; j < n; j++)
      if (!isnan (CURVE (j)) && CURVE (j) < CURVE (first))
        return (steps[first].time + steps[j].time) / 2;
#undef CURVE
  return steps[first].time;
}

/* Kaplan–Meier of @n subjects sorted by time into @arm. */
static void
kaplan_meier (PdxArmSurvival *arm, const Subject *subjects, guint n)
{
  const double z = gsl_cdf_ugaussian_Pinv (0.975);
  double       surv = 1, greenwood = 0;
  guint        at_risk = n;

  arm->steps = g_new0 (PdxKmStep, MAX (n, 1));
  arm->n = n;
  for (guint i = 0; i < n;)
    {
      PdxKmStep *step = &arm->steps[arm->n_steps++];
      guint      j = i, deaths = 0;
      double     se_log;

      for (; j < n && subjects[j].time == subjects[i].time; j++)
        deaths += subjects[j].event;
      step->time = subjects[i].time;
      step->at_risk = at_risk;
      step->events = deaths;
      step->censored = (j - i) - deaths;
      if (deaths > 0)
        {
          surv *= (double) (at_risk - deaths) / at_risk;
          greenwood += at_risk > deaths ? (double) deaths / ((double) at_risk * (at_risk - deaths))
                                        : INFINITY;
        }
      se_log = sqrt (greenwood);
      step->surv = surv;
      step->std_err = surv * se_log; /* 0·∞ is NAN, as summary.survfit's NaN */
      step->ci_low = surv > 0 ? exp (log (surv) - z * se_log) : NAN;
      step->ci_high = surv > 0 ? MIN (1.0, exp (log (surv) + z * se_log)) : NAN;
      arm->events += deaths;
      arm->censored += step->censored;
      at_risk -= j - i;
      i = j;
    }
  arm->median =
      first_at_or_below_half (arm->steps, arm->n_steps, G_STRUCT_OFFSET (PdxKmStep, surv));
  arm->median_ci_low =
      first_at_or_below_half (arm->steps, arm->n_steps, G_STRUCT_OFFSET (PdxKmStep, ci_low));
  arm->median_ci_high =
      first_at_or_below_half (arm->steps, arm->n_steps, G_STRUCT_OFFSET (PdxKmStep, ci_high));
}

/* The subjects of groups @a and @b merged by time, with treated = (group == @b). */
static guint
merge_two (const Subject *subjects,
           guint          n,
           int            a,
           int            b,
           double        *time,
           gboolean      *event,
           gboolean      *treated)
{
  guint k = 0;
  for (guint i = 0; i < n; i++)
    if (subjects[i].group == a || subjects[i].group == b)
      {
        time[k] = subjects[i].time;
        event[k] = subjects[i].event;
        treated[k] = subjects[i].group == b;
        k++;
      }
  return k;
}

static void
compare_arms (PdxSurvival *s, const Subject *subjects, guint n)
{
  g_autofree double   *time = g_new (double, MAX (n, 1));
  g_autofree gboolean *event = g_new (gboolean, MAX (n, 1));
  g_autofree gboolean *treated = g_new (gboolean, MAX (n, 1));
  g_autofree double   *p = NULL;
  guint                k = 0;

  for (guint g = 0; s->control >= 0 && g < s->n_arms; g++)
    {
      PdxArmSurvival       *arm = &s->arms[g];
      const PdxArmSurvival *control = &s->arms[s->control];
      guint                 m;
      if ((int) g == s->control || arm->n == 0 || control->n == 0)
        continue;
      m = merge_two (subjects, n, s->control, (int) g, time, event, treated);
      pdx_logrank_binary (time, event, treated, m, &arm->logrank_chisq, &arm->logrank_p);
      pdx_cox_efron_binary (time, event, treated, m, &arm->hazard_ratio, &arm->hr_ci_low,
                            &arm->hr_ci_high);
      if (control->median > 0 && !isnan (arm->median))
        arm->ils_percent = 100 * (arm->median - control->median) / control->median;
    }

  s->pairs = g_new0 (PdxLogrankPair, MAX (s->n_arms * s->n_arms / 2, 1));
  for (guint a = 0; a < s->n_arms; a++)
    for (guint b = a + 1; b < s->n_arms; b++)
      if (s->arms[a].n > 0 && s->arms[b].n > 0)
        {
          PdxLogrankPair *pair = &s->pairs[s->n_pairs++];
          guint           m = merge_two (subjects, n, (int) a, (int) b, time, event, treated);
          pair->arm_a = (int) a, pair->arm_b = (int) b;
          pdx_logrank_binary (time, event, treated, m, &pair->chisq, &pair->p);
        }
  p = g_new (double, MAX (s->n_pairs, 1));
  for (k = 0; k < s->n_pairs; k++)
    p[k] = s->pairs[k].p;
  pdx_holm_adjust (p, p, s->n_pairs);
  for (k = 0; k < s->n_pairs; k++)
    s->pairs[k].p_holm = p[k];
}

static PdxSurvival *
survival_new (guint n_groups, int control)
{
  PdxSurvival *s = g_new0 (PdxSurvival, 1);
  s->control = control;
  s->n_arms = n_groups;
  s->arms = g_new0 (PdxArmSurvival, MAX (n_groups, 1));
  for (guint g = 0; g < n_groups; g++)
    {
      PdxArmSurvival *arm = &s->arms[g];
      arm->arm = (int) g;
      arm->is_control = (int) g == control;
      arm->median = arm->median_ci_low = arm->median_ci_high = NAN;
      arm->ils_percent = arm->logrank_chisq = arm->logrank_p = NAN;
      arm->hazard_ratio = arm->hr_ci_low = arm->hr_ci_high = NAN;
    }
  return s;
}

/* Computes everything from @subjects (sorted here). */
static PdxSurvival *
survival_from_subjects (Subject *subjects, guint n, guint n_groups, int control)
{
  PdxSurvival        *s = survival_new (n_groups, control);
  g_autofree Subject *mine = g_new (Subject, MAX (n, 1));

  qsort (subjects, n, sizeof *subjects, subject_compare);
  for (guint g = 0; g < n_groups; g++)
    {
      guint k = 0;
      for (guint i = 0; i < n; i++)
        if (subjects[i].group == (int) g)
          mine[k++] = subjects[i];
      kaplan_meier (&s->arms[g], mine, k);
    }
  compare_arms (s, subjects, n);
  return s;
}

PdxSurvival *
pdx_survival_compute_groups (const double   *time,
                             const gboolean *event,
                             const int      *group,
                             guint           n,
                             guint           n_groups,
                             int             control,
                             GError        **error)
{
  g_autofree Subject *subjects = g_new (Subject, MAX (n, 1));
  guint               k = 0;

  g_return_val_if_fail (n == 0 || (time && event && group), NULL);
  g_return_val_if_fail (control < (int) n_groups, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  for (guint i = 0; i < n; i++)
    {
      if (group[i] < 0)
        continue;
      if (group[i] >= (int) n_groups)
        {
          g_set_error (error, PDX_ANALYSIS_ERROR, PDX_ANALYSIS_ERROR_INVALID,
                       "subject %u is in group %d of %u", i, group[i], n_groups);
          return NULL;
        }
      if (!(time[i] >= 0) || !isfinite (time[i]))
        {
          g_set_error (error, PDX_ANALYSIS_ERROR, PDX_ANALYSIS_ERROR_INVALID,
                       "subject %u has survival time %g: a time must be 0 or more days", i,
                       time[i]);
          return NULL;
        }
      subjects[k++] = (Subject){ time[i], event[i] != FALSE, group[i] };
    }
  if (k == 0)
    {
      g_set_error (error, PDX_ANALYSIS_ERROR, PDX_ANALYSIS_ERROR_NO_DATA,
                   _ ("no subject with a survival time"));
      return NULL;
    }
  return survival_from_subjects (subjects, k, n_groups, control);
}

PdxSurvival *
pdx_survival_compute (const PdxStudyData *data, GError **error)
{
  g_autofree double   *time = NULL;
  g_autofree gboolean *event = NULL;
  g_autofree int      *group = NULL;
  g_autoptr (GError) local_error = NULL;
  PdxSurvival *s;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  time = g_new (double, MAX (data->n_mice, 1));
  event = g_new (gboolean, MAX (data->n_mice, 1));
  group = g_new (int, MAX (data->n_mice, 1));
  for (guint m = 0; m < data->n_mice; m++)
    {
      const PdxStudyMouse *mouse = &data->mice[m];
      gboolean             counts = pdx_mouse_counts (data, m) && !isnan (mouse->survival_days);
      time[m] = mouse->survival_days;
      event[m] = mouse->survival_event;
      group[m] = counts ? mouse->arm : -1;
    }
  s = pdx_survival_compute_groups (time, event, group, data->n_mice, data->n_arms,
                                   pdx_study_data_get_control (data), &local_error);
  if (s == NULL)
    {
      if (g_error_matches (local_error, PDX_ANALYSIS_ERROR, PDX_ANALYSIS_ERROR_NO_DATA))
        g_set_error (error, PDX_ANALYSIS_ERROR, PDX_ANALYSIS_ERROR_NO_DATA,
                     _ ("study %s has no randomised mouse with a survival time"), data->code);
      else
        g_propagate_prefixed_error (error, g_steal_pointer (&local_error), _ ("study %s: "),
                                    data->code);
      return NULL;
    }
  for (guint m = 0; m < data->n_mice; m++)
    {
      const PdxStudyMouse *mouse = &data->mice[m];
      if (mouse->arm < 0 || (guint) mouse->arm >= data->n_arms)
        continue;
      if (mouse->excluded)
        s->arms[mouse->arm].n_excluded++;
      else if (group[m] >= 0 && !mouse->has_endpoint && !mouse->survival_event)
        s->arms[mouse->arm].n_open++, s->n_open++;
    }
  return s;
}

void
pdx_survival_free (PdxSurvival *survival)
{
  if (survival == NULL)
    return;
  for (guint g = 0; g < survival->n_arms; g++)
    g_free (survival->arms[g].steps);
  g_free (survival->arms);
  g_free (survival->pairs);
  g_free (survival);
}

double
pdx_arm_survival_get_surv (const PdxArmSurvival *arm, double time)
{
  double surv = 1;
  for (guint i = 0; i < arm->n_steps && arm->steps[i].time <= time; i++)
    surv = arm->steps[i].surv;
  return surv;
}

guint
pdx_arm_survival_get_at_risk (const PdxArmSurvival *arm, double time)
{
  for (guint i = 0; i < arm->n_steps; i++)
    if (arm->steps[i].time >= time)
      return arm->steps[i].at_risk;
  return 0;
}
