/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-analysis-growth-model.c — a study's mixed-effects growth model: its observations (the
 * arm-growth rule's days, the transform) handed to the fit of pdx-analysis-lmm.c. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx-analysis-private.h"
#include "pdx/pdx-format.h"

#include <math.h>

const char *
pdx_growth_transform_to_string (PdxGrowthTransform transform)
{
  switch (transform)
    {
    case PDX_GROWTH_TRANSFORM_NONE:
      return "none";
    case PDX_GROWTH_TRANSFORM_SQRT:
      return "sqrt";
    case PDX_GROWTH_TRANSFORM_CBRT:
      return "cbrt";
    case PDX_GROWTH_TRANSFORM_LOG:
    default:
      return "log";
    }
}

gboolean
pdx_growth_transform_from_string (const char *text, PdxGrowthTransform *transform)
{
  static const PdxGrowthTransform all[] = { PDX_GROWTH_TRANSFORM_LOG, PDX_GROWTH_TRANSFORM_NONE,
                                            PDX_GROWTH_TRANSFORM_SQRT, PDX_GROWTH_TRANSFORM_CBRT };

  for (gsize i = 0; text != NULL && i < G_N_ELEMENTS (all); i++)
    if (g_str_equal (text, pdx_growth_transform_to_string (all[i])))
      {
        *transform = all[i];
        return TRUE;
      }
  return FALSE;
}

double
pdx_growth_transform_apply (PdxGrowthTransform transform, double value)
{
  switch (transform)
    {
    case PDX_GROWTH_TRANSFORM_NONE:
      return value;
    case PDX_GROWTH_TRANSFORM_SQRT:
      return value >= 0 ? sqrt (value) : NAN;
    case PDX_GROWTH_TRANSFORM_CBRT:
      return cbrt (value);
    case PDX_GROWTH_TRANSFORM_LOG:
    default:
      return value > 0 ? log (value) : NAN;
    }
}

double
pdx_growth_transform_invert (PdxGrowthTransform transform, double value)
{
  switch (transform)
    {
    case PDX_GROWTH_TRANSFORM_NONE:
      return value;
    case PDX_GROWTH_TRANSFORM_SQRT:
      return value >= 0 ? value * value : 0;
    case PDX_GROWTH_TRANSFORM_CBRT:
      return value * value * value;
    case PDX_GROWTH_TRANSFORM_LOG:
    default:
      return exp (value);
    }
}

/* The last day each arm's growth curve keeps (NAN for an arm without a curve). */
static double *
kept_last_days (const PdxStudyData *data, GError **error)
{
  g_autoptr (GPtrArray) growth = pdx_arm_growth_list (data, PDX_GROWTH_ABSOLUTE, error);
  double *last;

  if (growth == NULL)
    return NULL;
  last = g_new (double, data->n_arms);
  for (guint a = 0; a < data->n_arms; a++)
    {
      const PdxArmSeries *s = growth->pdata[a];
      last[a] = s->n_points > 0 ? s->points[s->n_points - 1].day : NAN;
    }
  return last;
}

typedef struct
{
  GArray *mouse, *arm, *day, *value, *y;
} Observations;

static void
observations_clear (Observations *o)
{
  g_clear_pointer (&o->mouse, g_array_unref);
  g_clear_pointer (&o->arm, g_array_unref);
  g_clear_pointer (&o->day, g_array_unref);
  g_clear_pointer (&o->value, g_array_unref);
  g_clear_pointer (&o->y, g_array_unref);
}

/* Appends mouse @m's kept values; FALSE with @error on a value the transform cannot take. */
static gboolean
add_mouse (Observations       *o,
           const PdxStudyData *data,
           const PdxResponse  *r,
           guint               m,
           double              last_day,
           PdxGrowthTransform  transform,
           GError            **error)
{
  int arm = data->mice[m].arm, mouse = (int) m;

  for (guint i = 0; i < r->n_points && r->day[i] <= last_day; i++)
    {
      double y = pdx_growth_transform_apply (transform, r->value[i]);
      if (!isfinite (y))
        {
          g_autofree char *day = pdx_format_short (r->day[i]);
          g_autofree char *value = pdx_format_short (r->value[i]);
          g_set_error (error, PDX_ANALYSIS_ERROR, PDX_ANALYSIS_ERROR_INVALID,
                       _ ("study %s: mouse %s has %s %s on day %s, which the %s transform "
                          "cannot take (choose sqrt, cbrt or none)"),
                       data->code, data->mice[m].tag, pdx_readout_to_string (data->readout), value,
                       day, pdx_growth_transform_to_string (transform));
          return FALSE;
        }
      g_array_append_val (o->mouse, mouse);
      g_array_append_val (o->arm, arm);
      g_array_append_val (o->day, r->day[i]);
      g_array_append_val (o->value, r->value[i]);
      g_array_append_val (o->y, y);
    }
  return TRUE;
}

static gboolean
collect (const PdxStudyData *data, PdxGrowthTransform transform, Observations *o, GError **error)
{
  g_autofree double *last_day = NULL;
  g_autoptr (GPtrArray) responses = NULL;

  if (pdx_study_data_get_control (data) < 0)
    {
      g_set_error (error, PDX_ANALYSIS_ERROR, PDX_ANALYSIS_ERROR_NO_CONTROL,
                   _ ("study %s has no control arm: the growth model compares the arms' slopes "
                      "with the control's"),
                   data->code);
      return FALSE;
    }
  if ((last_day = kept_last_days (data, error)) == NULL)
    return FALSE;
  responses = pdx_response_list (data);
  o->mouse = g_array_new (FALSE, FALSE, sizeof (int));
  o->arm = g_array_new (FALSE, FALSE, sizeof (int));
  o->day = g_array_new (FALSE, FALSE, sizeof (double));
  o->value = g_array_new (FALSE, FALSE, sizeof (double));
  o->y = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint m = 0; m < data->n_mice; m++)
    if (pdx_mouse_counts (data, m) && !isnan (last_day[data->mice[m].arm]) &&
        !add_mouse (o, data, responses->pdata[m], m, last_day[data->mice[m].arm], transform, error))
      return FALSE;
  return TRUE;
}

gboolean
pdx_growth_model_observations (const PdxStudyData *data,
                               PdxGrowthTransform  transform,
                               int               **mouse,
                               int               **arm,
                               double            **day,
                               double            **value,
                               double            **y,
                               guint              *n,
                               GError            **error)
{
  Observations o = { 0 };

  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  if (!collect (data, transform, &o, error))
    {
      observations_clear (&o);
      return FALSE;
    }
  *n = o.mouse->len;
  *mouse = (int *) (void *) g_array_free (g_steal_pointer (&o.mouse), FALSE);
  *arm = (int *) (void *) g_array_free (g_steal_pointer (&o.arm), FALSE);
  *day = (double *) (void *) g_array_free (g_steal_pointer (&o.day), FALSE);
  *value = (double *) (void *) g_array_free (g_steal_pointer (&o.value), FALSE);
  *y = (double *) (void *) g_array_free (g_steal_pointer (&o.y), FALSE);
  return TRUE;
}

/* The groups of the model: the control first, then the other arms with observations in their
 * order. @group_of_arm[a] is arm a's group or -1; returns the number of groups. */
static guint
number_groups (
    const PdxStudyData *data, const int *arm, guint n, int *group_of_arm, int *arm_of_group)
{
  g_autofree gboolean *used = g_new0 (gboolean, MAX (data->n_arms, 1));
  int                  control = pdx_study_data_get_control (data);
  guint                k = 0;

  for (guint i = 0; i < n; i++)
    used[arm[i]] = TRUE;
  for (guint a = 0; a < data->n_arms; a++)
    group_of_arm[a] = -1;
  if (used[control])
    group_of_arm[control] = (int) k, arm_of_group[k++] = control;
  for (guint a = 0; a < data->n_arms; a++)
    if (used[a] && (int) a != control)
      group_of_arm[a] = (int) k, arm_of_group[k++] = (int) a;
  return k;
}

PdxGrowthModel *
pdx_growth_model_compute (const PdxStudyData *data,
                          PdxGrowthTransform  transform,
                          PdxGrowthFit        fit,
                          GError            **error)
{
  g_autofree int         *mouse = NULL, *arm = NULL, *group = NULL;
  g_autofree double      *day = NULL, *value = NULL, *y = NULL;
  g_autofree int         *group_of_arm = NULL, *arm_of_group = NULL;
  g_autofree const char **names = NULL;
  PdxGrowthModel         *model;
  guint                   n = 0, k;

  g_return_val_if_fail (data != NULL, NULL);
  if (!pdx_growth_model_observations (data, transform, &mouse, &arm, &day, &value, &y, &n, error))
    return NULL;
  group_of_arm = g_new (int, MAX (data->n_arms, 1));
  arm_of_group = g_new (int, MAX (data->n_arms, 1));
  k = number_groups (data, arm, n, group_of_arm, arm_of_group);
  if (k == 0 || arm_of_group[0] != pdx_study_data_get_control (data))
    {
      g_set_error (error, PDX_ANALYSIS_ERROR, PDX_ANALYSIS_ERROR_NO_DATA,
                   _ ("the control arm of study %s has no growth curve to compare with"),
                   data->code);
      return NULL;
    }
  group = g_new (int, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    group[i] = group_of_arm[arm[i]];
  names = g_new (const char *, k);
  for (guint g = 0; g < k; g++)
    names[g] = data->arms[arm_of_group[g]].name;
  model = pdx_growth_model_fit (mouse, group, day, y, n, k, names, fit, error);
  if (model == NULL)
    return NULL;
  model->transform = transform;
  for (guint g = 0; g < k; g++)
    model->groups[g].group = arm_of_group[g];
  return model;
}
