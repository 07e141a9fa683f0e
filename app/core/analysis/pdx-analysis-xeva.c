/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-analysis-xeva.c — Xeva's study-level measures of a treated arm against the control:
 * angle, area between curves (ABC) and Xeva's TGI (Mer et al. 2019, Cancer Res 79:4539; the
 * functions angle(), ABC() and TGI() of Bioconductor's Xeva), on the arms' mean curves. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx-analysis-private.h"

#include <math.h>

/* The points of @series up to @last_day (Xeva's concurrent.time cut). */
static guint
points_until (const PdxArmSeries *series, double last_day)
{
  guint n = 0;
  while (n < series->n_points && series->points[n].day <= last_day)
    n++;
  return n;
}

/* Xeva's slope(): atan, in degrees, of the no-intercept least-squares fit of V − V₀ on t − t₀
 * over the first @n points; NAN with fewer than 2 points or no time span. */
static double
slope_degrees (const PdxArmSeries *series, guint n)
{
  double sum_tv = 0, sum_tt = 0;

  if (n < 2)
    return NAN;
  for (guint i = 1; i < n; i++)
    {
      double t = series->points[i].day - series->points[0].day;
      double v = series->points[i].mean - series->points[0].mean;
      sum_tv += t * v, sum_tt += t * t;
    }
  return sum_tt > 0 ? atan (sum_tv / sum_tt) * 180 / M_PI : NAN;
}

/* Xeva's AUC() with time.normalize: the trapezoid area of the mean curve over its first @n
 * points divided by its largest day; NAN when that day is not positive. */
static double
auc_normalised (const PdxArmSeries *series, guint n)
{
  double area = 0, last;

  if (n == 0)
    return NAN;
  last = series->points[n - 1].day;
  for (guint i = 1; i < n; i++)
    area += (series->points[i].mean + series->points[i - 1].mean) / 2 *
            (series->points[i].day - series->points[i - 1].day);
  return last > 0 ? area / last : NAN;
}

static PdxArmXeva *
xeva_for_arm (const PdxArmSeries *series, const PdxArmSeries *control, int arm, int control_arm)
{
  PdxArmXeva *x = g_new0 (PdxArmXeva, 1);
  guint       nt, nc;
  double      denominator;

  x->arm = arm;
  x->is_control = arm == control_arm;
  x->last_day = x->slope_control = x->slope_treatment = x->angle = NAN;
  x->auc_control = x->auc_treatment = x->abc = x->tgi_xeva = NAN;
  if (x->is_control)
    {
      x->slope_control = slope_degrees (control, control->n_points);
      x->auc_control = auc_normalised (control, control->n_points);
      return x;
    }
  if (series->n_points == 0 || control->n_points == 0)
    return x;
  x->last_day =
      MIN (series->points[series->n_points - 1].day, control->points[control->n_points - 1].day);
  nt = points_until (series, x->last_day), nc = points_until (control, x->last_day);
  x->slope_control = slope_degrees (control, nc);
  x->slope_treatment = slope_degrees (series, nt);
  x->angle = x->slope_control - x->slope_treatment;
  x->auc_control = auc_normalised (control, nc);
  x->auc_treatment = auc_normalised (series, nt);
  x->abc = x->auc_control - x->auc_treatment;
  if (nt > 0 && nc > 0)
    {
      denominator = control->points[0].mean - series->points[0].mean;
      if (denominator != 0)
        x->tgi_xeva = (control->points[nc - 1].mean - series->points[nt - 1].mean) / denominator;
    }
  return x;
}

GPtrArray *
pdx_arm_xeva_list (const PdxStudyData *data, GError **error)
{
  g_autoptr (GPtrArray) growth = NULL;
  GPtrArray *list;
  int        control;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  control = pdx_study_data_get_control (data);
  if (control < 0)
    {
      g_set_error (error, PDX_ANALYSIS_ERROR, PDX_ANALYSIS_ERROR_NO_CONTROL,
                   _ ("study %s has no control arm: angle, ABC and TGI need one"), data->code);
      return NULL;
    }
  if ((growth = pdx_arm_growth_list (data, PDX_GROWTH_ABSOLUTE, error)) == NULL)
    return NULL;
  if (((PdxArmSeries *) growth->pdata[control])->n_points == 0)
    {
      g_set_error (error, PDX_ANALYSIS_ERROR, PDX_ANALYSIS_ERROR_NO_DATA,
                   _ ("the control arm %s of study %s has no growth curve"),
                   data->arms[control].name, data->code);
      return NULL;
    }
  list = g_ptr_array_new_with_free_func (g_free);
  for (guint a = 0; a < data->n_arms; a++)
    g_ptr_array_add (list,
                     xeva_for_arm (growth->pdata[a], growth->pdata[control], (int) a, control));
  return list;
}
