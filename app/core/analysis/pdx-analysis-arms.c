/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-analysis-arms.c — arm growth curves (V and V/V0), TGI% and T/C% (SPEC §4). */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>
#include "pdx-analysis-private.h"

#include <math.h>

/* Gathers, for arm @arm, the series of its starting mice (non-excluded, with at least one value)
 * from @responses and aligns them. The series borrow the responses' arrays. */
static PdxArmSeries *
growth_for_arm (const PdxStudyData *data, GPtrArray *responses, int arm, PdxGrowthScale scale)
{
  g_autofree double **days = g_new (double *, MAX (data->n_mice, 1));
  g_autofree double **values = g_new (double *, MAX (data->n_mice, 1));
  g_autofree guint   *lengths = g_new (guint, MAX (data->n_mice, 1));
  guint               n = 0;

  for (guint m = 0; m < data->n_mice; m++)
    {
      const PdxResponse *r = g_ptr_array_index (responses, m);
      if (!pdx_mouse_counts (data, m) || data->mice[m].arm != arm || r->n_points == 0)
        continue;
      days[n] = r->day;
      values[n] = scale == PDX_GROWTH_RELATIVE ? r->relative : r->value;
      lengths[n] = r->n_points;
      n++;
    }
  return pdx_arm_series_align (arm, n, days, values, lengths);
}

static GPtrArray *
growth_list_from_responses (const PdxStudyData *data,
                            GPtrArray          *responses,
                            PdxGrowthScale      scale,
                            GError            **error)
{
  g_autoptr (GPtrArray) list =
      g_ptr_array_new_with_free_func ((GDestroyNotify) pdx_arm_series_free);
  guint with_data = 0;

  if (data->n_arms == 0)
    {
      g_set_error (error, PDX_ANALYSIS_ERROR, PDX_ANALYSIS_ERROR_NO_DATA,
                   _ ("study %s has no arms"), data->code);
      return NULL;
    }
  for (guint a = 0; a < data->n_arms; a++)
    {
      PdxArmSeries *series = growth_for_arm (data, responses, (int) a, scale);
      with_data += series->n_start;
      g_ptr_array_add (list, series);
    }
  if (with_data == 0)
    {
      g_set_error (error, PDX_ANALYSIS_ERROR, PDX_ANALYSIS_ERROR_NO_DATA,
                   _ ("study %s has no randomised mouse with a %s value"), data->code,
                   pdx_readout_to_string (data->readout));
      return NULL;
    }
  return g_steal_pointer (&list);
}

GPtrArray *
pdx_arm_growth_list (const PdxStudyData *data, PdxGrowthScale scale, GError **error)
{
  g_autoptr (GPtrArray) responses = NULL;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  responses = pdx_response_list (data);
  return growth_list_from_responses (data, responses, scale, error);
}

/* Mean of the arm's baselines V0 (its starting mice). */
static double
mean_of_baselines (const PdxStudyData *data, GPtrArray *responses, int arm)
{
  g_autofree double *baselines = g_new (double, MAX (data->n_mice, 1));
  guint              n = 0;

  for (guint m = 0; m < data->n_mice; m++)
    {
      const PdxResponse *r = g_ptr_array_index (responses, m);
      if (pdx_mouse_counts (data, m) && data->mice[m].arm == arm && r->n_points > 0)
        baselines[n++] = r->baseline_value;
    }
  return pdx_stats_mean (baselines, n);
}

/* The last day on which both curves are plotted: the earlier of their last days, provided it is
 * not before either curve starts. */
static double
default_day (const PdxArmSeries *treated, const PdxArmSeries *control)
{
  double last, first;

  if (treated->n_points == 0 || control->n_points == 0)
    return NAN;
  last =
      MIN (treated->points[treated->n_points - 1].day, control->points[control->n_points - 1].day);
  first = MAX (treated->points[0].day, control->points[0].day);
  return last >= first ? last : NAN;
}

static void
compare_to_control (PdxArmEfficacy *e, const PdxArmEfficacy *c, const PdxArmSeries *control)
{
  double mean_control = pdx_arm_series_get_mean (control, e->day);
  double delta_t = e->mean_at_day - e->mean_start;
  double delta_c = mean_control - c->mean_start;

  if (delta_c != 0 && isfinite (delta_c) && isfinite (delta_t))
    e->tgi_percent = 100 * (1 - delta_t / delta_c);
  if (mean_control != 0 && isfinite (mean_control) && isfinite (e->mean_at_day))
    e->tc_percent = 100 * e->mean_at_day / mean_control;
}

static PdxArmEfficacy *
efficacy_for_arm (const PdxStudyData *data,
                  GPtrArray          *responses,
                  GPtrArray          *growth,
                  int                 arm,
                  int                 control,
                  double              day)
{
  PdxArmEfficacy     *e = g_new0 (PdxArmEfficacy, 1);
  const PdxArmSeries *series = g_ptr_array_index (growth, arm);
  const PdxArmSeries *control_series = g_ptr_array_index (growth, control);

  e->arm = arm;
  e->is_control = arm == control;
  e->tgi_percent = e->tc_percent = NAN;
  e->day = isnan (day) ? default_day (series, control_series) : day;
  e->mean_start = mean_of_baselines (data, responses, arm);
  e->mean_at_day = pdx_arm_series_get_mean (series, e->day);
  if (isnan (e->mean_at_day))
    e->day = isnan (day) ? NAN : day;
  return e;
}

GPtrArray *
pdx_arm_efficacy_list (const PdxStudyData *data, double day, GError **error)
{
  g_autoptr (GPtrArray) responses = NULL;
  g_autoptr (GPtrArray) growth = NULL;
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func (g_free);
  int             control;
  PdxArmEfficacy *c;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  control = pdx_study_data_get_control (data);
  if (control < 0)
    {
      g_set_error (error, PDX_ANALYSIS_ERROR, PDX_ANALYSIS_ERROR_NO_CONTROL,
                   _ ("study %s has no control arm: TGI and T/C need one"), data->code);
      return NULL;
    }
  responses = pdx_response_list (data);
  growth = growth_list_from_responses (data, responses, PDX_GROWTH_ABSOLUTE, error);
  if (growth == NULL)
    return NULL;
  if (((PdxArmSeries *) g_ptr_array_index (growth, control))->n_points == 0)
    {
      g_set_error (error, PDX_ANALYSIS_ERROR, PDX_ANALYSIS_ERROR_NO_DATA,
                   _ ("the control arm %s of study %s has no growth curve"),
                   data->arms[control].name, data->code);
      return NULL;
    }
  for (guint a = 0; a < data->n_arms; a++)
    g_ptr_array_add (list, efficacy_for_arm (data, responses, growth, (int) a, control, day));
  c = g_ptr_array_index (list, control);
  for (guint a = 0; a < data->n_arms; a++)
    if ((int) a != control && !isnan (((PdxArmEfficacy *) list->pdata[a])->mean_at_day))
      compare_to_control (list->pdata[a], c, g_ptr_array_index (growth, control));
  return g_steal_pointer (&list);
}
