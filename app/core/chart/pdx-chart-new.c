/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-chart-new.c — a chart of a study: the scene allocated (pdx-chart.c) and handed to its
 * kind's builder, so that the scene code and the five builders do not call each other. */
#include "pdx-chart-private.h"

PdxChart *
pdx_chart_new (const PdxStudyData *data, const PdxChartOptions *options, GError **error)
{
  g_autoptr (PdxChart) chart = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (options != NULL && options->kind < PDX_N_CHART_KINDS, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  chart = pdx_chart_alloc (data, options);
  chart->title =
      g_strdup_printf ("%s \u2014 %s", data->code, pdx_chart_kind_get_label (options->kind));
  switch (options->kind)
    {
    case PDX_CHART_GROWTH:
      ok = options->mouse_id != 0 ? pdx_chart_build_mouse_growth (chart, data, error)
                                  : pdx_chart_build_growth (chart, data, error);
      break;
    case PDX_CHART_SPIDER:
      ok = pdx_chart_build_spider (chart, data, error);
      break;
    case PDX_CHART_WATERFALL:
      ok = pdx_chart_build_waterfall (chart, data, error);
      break;
    case PDX_CHART_SURVIVAL:
      ok = pdx_chart_build_survival (chart, data, error);
      break;
    case PDX_CHART_WEIGHT:
      ok = options->mouse_id != 0 ? pdx_chart_build_mouse_weight (chart, data, error)
                                  : pdx_chart_build_weight (chart, data, error);
      break;
    case PDX_N_CHART_KINDS:
    default:
      g_assert_not_reached ();
    }
  return ok ? g_steal_pointer (&chart) : NULL;
}
