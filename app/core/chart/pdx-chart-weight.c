/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-chart-weight.c — the body-weight chart: each arm's mean ± SEM of the % change from the
 * day-0 weight, with the −15 % warning and −20 % humane-endpoint lines. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx-chart-private.h"

#include "pdx/pdx-analysis.h"

/* Mice that ever lost ≥ 20 %: worth naming under the chart. */
static void
note_humane (PdxChart *chart, const PdxStudyData *data)
{
  g_autoptr (GPtrArray) weights = pdx_mouse_weight_list (data);
  g_autoptr (GPtrArray) tags = g_ptr_array_new ();

  for (guint i = 0; i < weights->len; i++)
    {
      const PdxMouseWeight *weight = g_ptr_array_index (weights, i);
      if (!weight->excluded && weight->arm >= 0 && weight->flag == PDX_WEIGHT_HUMANE)
        g_ptr_array_add (tags, data->mice[weight->mouse].tag);
    }
  pdx_chart_note_mice (
      chart, /* xgettext:no-c-format */ _ ("Lost \u2265 20 % of body weight (humane endpoint)"),
      tags);
}

gboolean
pdx_chart_build_weight (PdxChart *chart, const PdxStudyData *data, GError **error)
{
  g_autoptr (GPtrArray) curves = NULL;
  GError *local_error = NULL;

  pdx_chart_setup_day_axis (chart, data);
  chart->y_name = g_strdup (_ ("Body weight change from day 0"));
  chart->y_unit = g_strdup ("%");
  chart->value_unit = "%";
  chart->y_include_zero = TRUE;
  pdx_chart_add_guide (chart, -15, "\u221215 % warning", TRUE);
  pdx_chart_add_guide (chart, -20, "\u221220 % endpoint", TRUE);

  curves = pdx_arm_weight_list (data, &local_error);
  if (curves == NULL)
    {
      g_autofree char *message = pdx_chart_empty_message (data, _ ("body weights"));
      return pdx_chart_take_analysis_error (chart, local_error, message, error);
    }
  pdx_chart_add_arm_curves (chart, data, curves, 1, 0);
  if (chart->series->len == 0)
    chart->message = pdx_chart_empty_message (data, _ ("body weights"));
  note_humane (chart, data);
  return TRUE;
}
