/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-analysis-weight.c — body weight as % change from day 0, with the 15 % / 20 % loss flags. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>
#include "pdx-analysis-private.h"

#include <math.h>

#define WEIGHT_WARNING_LOSS 15.0
#define WEIGHT_HUMANE_LOSS 20.0
/* A loss of exactly 15 % or 20 % computed in floating point may land a hair below: tolerate. */
#define WEIGHT_LOSS_TOLERANCE 1e-9

const char *
pdx_weight_flag_to_string (PdxWeightFlag flag)
{
  switch (flag)
    {
    case PDX_WEIGHT_WARNING:
      return "warning";
    case PDX_WEIGHT_HUMANE:
      return "humane";
    case PDX_WEIGHT_OK:
    default:
      return "ok";
    }
}

static PdxWeightFlag
flag_for_loss (double loss_percent)
{
  if (loss_percent >= WEIGHT_HUMANE_LOSS - WEIGHT_LOSS_TOLERANCE)
    return PDX_WEIGHT_HUMANE;
  if (loss_percent >= WEIGHT_WARNING_LOSS - WEIGHT_LOSS_TOLERANCE)
    return PDX_WEIGHT_WARNING;
  return PDX_WEIGHT_OK;
}

static PdxMouseWeight *
mouse_weight_new (void)
{
  PdxMouseWeight *w = g_new0 (PdxMouseWeight, 1);
  w->mouse = w->arm = -1;
  w->reference_day = w->reference_weight_g = NAN;
  w->max_loss_percent = w->max_loss_day = w->last_loss_percent = NAN;
  return w;
}

/* Fills @w from one mouse's weighings (@n pairs, NAN where not weighed). */
static void
compute_weight (PdxMouseWeight *w, const double *day, const double *weight_g, guint n)
{
  PdxCleanSeries series;

  pdx_clean_series_init (&series, day, weight_g, n);
  if (series.n == 0 || !(series.value[0] > 0))
    {
      pdx_clean_series_clear (&series);
      return;
    }
  w->n_points = series.n;
  w->day = g_steal_pointer (&series.day);
  w->reference_day = w->day[0];
  w->reference_weight_g = series.value[0];
  w->pct_change = g_new (double, w->n_points);
  w->max_loss_percent = 0;
  w->max_loss_day = NAN;
  for (guint i = 0; i < w->n_points; i++)
    {
      double loss = 100 * (w->reference_weight_g - series.value[i]) / w->reference_weight_g;
      w->pct_change[i] = -loss;
      if (loss > w->max_loss_percent)
        w->max_loss_percent = loss, w->max_loss_day = w->day[i];
    }
  w->last_loss_percent = -w->pct_change[w->n_points - 1];
  w->flag = flag_for_loss (w->max_loss_percent);
  w->last_flag = flag_for_loss (w->last_loss_percent);
  pdx_clean_series_clear (&series);
}

void
pdx_mouse_weight_free (PdxMouseWeight *weight)
{
  if (weight == NULL)
    return;
  g_free (weight->day);
  g_free (weight->pct_change);
  g_free (weight);
}

GPtrArray *
pdx_mouse_weight_list (const PdxStudyData *data)
{
  GPtrArray *list =
      g_ptr_array_new_full (data ? data->n_mice : 0, (GDestroyNotify) pdx_mouse_weight_free);

  g_return_val_if_fail (data != NULL, list);
  for (guint m = 0; m < data->n_mice; m++)
    {
      const PdxStudyMouse *mouse = &data->mice[m];
      PdxMouseWeight      *w = mouse_weight_new ();
      w->mouse = (int) m;
      w->arm = mouse->arm;
      w->excluded = mouse->excluded;
      if (!mouse->excluded)
        compute_weight (w, mouse->day, mouse->weight_g, mouse->n);
      g_ptr_array_add (list, w);
    }
  return list;
}

GPtrArray *
pdx_arm_weight_list (const PdxStudyData *data, GError **error)
{
  g_autoptr (GPtrArray) weights = NULL;
  g_autoptr (GPtrArray) list = NULL;
  g_autofree double **days = NULL, **values = NULL;
  g_autofree guint   *lengths = NULL;
  guint               with_data = 0;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  weights = pdx_mouse_weight_list (data);
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) pdx_arm_series_free);
  days = g_new (double *, MAX (data->n_mice, 1));
  values = g_new (double *, MAX (data->n_mice, 1));
  lengths = g_new (guint, MAX (data->n_mice, 1));
  for (guint a = 0; a < data->n_arms; a++)
    {
      guint n = 0;
      for (guint m = 0; m < data->n_mice; m++)
        {
          const PdxMouseWeight *w = g_ptr_array_index (weights, m);
          if (!pdx_mouse_counts (data, m) || data->mice[m].arm != (int) a || w->n_points == 0)
            continue;
          days[n] = w->day, values[n] = w->pct_change, lengths[n] = w->n_points;
          n++;
        }
      with_data += n;
      g_ptr_array_add (list, pdx_arm_series_align ((int) a, n, days, values, lengths));
    }
  if (with_data == 0)
    {
      g_set_error (error, PDX_ANALYSIS_ERROR, PDX_ANALYSIS_ERROR_NO_DATA,
                   _ ("study %s has no randomised mouse with a body weight"), data->code);
      return NULL;
    }
  return g_steal_pointer (&list);
}
