/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-chart-spider.c — the spider chart: every randomised mouse's own curve from its baseline
 * on (the analysis module's per-mouse series), coloured by arm. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx-chart-private.h"

#include <math.h>

#include "pdx/pdx-analysis.h"

/* Small studies get a dot on every measurement; a thousand mice would drown in them. */
#define MARKERS_UP_TO 40

static const double *
scaled_values (const PdxResponse *response, PdxChartScale scale)
{
  switch (scale)
    {
    case PDX_CHART_SCALE_RELATIVE:
      return response->relative;
    case PDX_CHART_SCALE_PERCENT:
      return response->pct_change;
    case PDX_CHART_SCALE_ABSOLUTE:
    default:
      return response->value;
    }
}

static void
add_mouse (PdxChart             *chart,
           const PdxStudyData   *data,
           const PdxResponse    *response,
           const PdxChartColour *colour,
           gboolean              markers)
{
  const PdxStudyMouse *mouse = &data->mice[response->mouse];
  const double        *values = scaled_values (response, chart->options.scale);
  PdxChartSeries      *series = pdx_chart_add_series (chart, PDX_CHART_SERIES_LINE, mouse->tag,
                                                      response->arm, response->mouse, colour);
  gboolean             highlighted = chart->options.highlight_mouse_id == mouse->id;

  series->line_width = highlighted ? 2.5 : 1.0;
  series->alpha = 0.8 * pdx_chart_emphasis (chart, response->arm, mouse->id);
  series->markers = markers || highlighted;
  for (guint p = 0; p < response->n_points; p++)
    pdx_chart_series_add (series, response->day[p], values[p], NAN, -1, response->mouse);
}

gboolean
pdx_chart_build_spider (PdxChart *chart, const PdxStudyData *data, GError **error)
{
  g_autoptr (GPtrArray) responses = pdx_response_list (data);
  g_autofree PdxChartColour *colours = pdx_chart_arm_colours (data, chart->options.dark);
  g_autofree guint          *per_arm = g_new0 (guint, MAX (data->n_arms, 1));
  const PdxResponse         *highlighted = NULL;
  guint                      shown = 0;

  pdx_chart_setup_day_axis (chart, data);
  pdx_chart_set_value_axis (chart, data, chart->options.scale);
  chart->y_log = pdx_chart_use_log (chart, chart->options.scale);
  chart->y_include_zero = !chart->y_log;

  for (guint i = 0; i < responses->len; i++)
    {
      const PdxResponse *response = g_ptr_array_index (responses, i);
      if (!response->excluded && response->arm >= 0 && response->n_points > 0)
        per_arm[response->arm]++, shown++;
    }
  /* Mice come arm by arm, so curves of one arm stroke together; the highlighted one last. */
  for (guint i = 0; i < responses->len; i++)
    {
      const PdxResponse *response = g_ptr_array_index (responses, i);
      if (response->excluded || response->arm < 0 || response->n_points == 0)
        continue;
      if (chart->options.highlight_mouse_id == data->mice[response->mouse].id)
        highlighted = response;
      else
        add_mouse (chart, data, response, &colours[response->arm], shown <= MARKERS_UP_TO);
    }
  if (highlighted)
    add_mouse (chart, data, highlighted, &colours[highlighted->arm], TRUE);
  for (guint a = 0; a < data->n_arms; a++)
    if (per_arm[a] > 0)
      pdx_chart_add_arm_legend (chart, data, (int) a, &colours[a], per_arm[a],
                                PDX_CHART_SYMBOL_LINE);
  if (shown == 0)
    chart->message = pdx_chart_empty_message (data, _ ("tumour measurements"));
  return TRUE;
}
