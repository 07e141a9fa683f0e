/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-chart-growth.c — the growth chart: each arm's mean ± SEM against day, as the analysis
 * module's arm growth curves give them (cut off where fewer than half the arm's starting mice
 * remain); absolute, relative (V/V0) or %ΔV, on a linear or log axis. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx-chart-private.h"

#include <math.h>

#include "pdx/pdx-analysis.h"

void
pdx_chart_add_arm_curves (
    PdxChart *chart, const PdxStudyData *data, GPtrArray *curves, double factor, double offset)
{
  g_autofree PdxChartColour *colours = pdx_chart_arm_colours (data, chart->options.dark);
  g_autoptr (GPtrArray) empty = g_ptr_array_new ();

  for (guint i = 0; i < curves->len; i++)
    {
      const PdxArmSeries *curve = g_ptr_array_index (curves, i);
      PdxChartSeries     *series;

      if (curve->n_points == 0)
        {
          g_ptr_array_add (empty, data->arms[curve->arm].name);
          continue;
        }
      series = pdx_chart_add_series (chart, PDX_CHART_SERIES_LINE, data->arms[curve->arm].name,
                                     curve->arm, -1, &colours[curve->arm]);
      series->markers = TRUE;
      series->line_width = 1.75;
      series->alpha = pdx_chart_emphasis (chart, curve->arm, 0);
      /* Only a change of unit (V/V0 → %ΔV is 100·(x − 1)), never a new statistic. */
      for (guint p = 0; p < curve->n_points; p++)
        {
          const PdxSeriesPoint *point = &curve->points[p];
          pdx_chart_series_add (series, point->day, factor * point->mean + offset,
                                fabs (factor) * point->sem, (int) point->n, -1);
        }
      pdx_chart_add_arm_legend (chart, data, curve->arm, &colours[curve->arm], curve->n_start,
                                PDX_CHART_SYMBOL_LINE_MARKER);
    }
  pdx_chart_note_mice (chart, _ ("Arms without measured mice, not shown"), empty);
}

/* Points along each fitted arm line, back-transformed to the readout's unit. */
#define MODEL_LINE_POINTS 48

/* The growth model's fitted line of every arm, dashed in its arm's colour over the days it
 * was fitted on: exp(intercept + slope·day), the arm's geometric-mean growth (REML on log V). A
 * model that cannot be fitted leaves a note, not an error: the curves are still right. */
static void
add_model_lines (PdxChart *chart, const PdxStudyData *data)
{
  g_autofree PdxChartColour *colours = pdx_chart_arm_colours (data, chart->options.dark);
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxGrowthModel) model =
      pdx_growth_model_compute (data, PDX_GROWTH_TRANSFORM_LOG, PDX_GROWTH_FIT_REML, &error);

  if (model == NULL)
    {
      pdx_chart_add_note (chart, _ ("No model lines: %s"), error->message);
      return;
    }
  for (guint g = 0; g < model->n_groups; g++)
    {
      const PdxGrowthModelGroup *gr = &model->groups[g];
      g_autofree char *label = g_strdup_printf (_ ("%s (model)"), data->arms[gr->group].name);
      PdxChartSeries *series = pdx_chart_add_series (chart, PDX_CHART_SERIES_LINE, label, gr->group,
                                                     -1, &colours[gr->group]);
      series->dashed = TRUE;
      series->line_width = 1.25;
      series->alpha = pdx_chart_emphasis (chart, gr->group, 0);
      for (guint i = 0; i < MODEL_LINE_POINTS; i++)
        {
          double day = gr->first_day + (gr->last_day - gr->first_day) * i / (MODEL_LINE_POINTS - 1);
          pdx_chart_series_add (series, day,
                                pdx_growth_transform_invert (PDX_GROWTH_TRANSFORM_LOG,
                                                             gr->intercept + gr->slope * day),
                                NAN, 0, -1);
        }
    }
  pdx_chart_add_note (chart, "%s",
                      _ ("Dashed: each arm's fitted line of the mixed-effects model (REML on log "
                         "values, random intercept and slope per mouse)"));
}

gboolean
pdx_chart_build_growth (PdxChart *chart, const PdxStudyData *data, GError **error)
{
  PdxChartScale  scale = chart->options.scale;
  PdxGrowthScale growth_scale =
      scale == PDX_CHART_SCALE_ABSOLUTE ? PDX_GROWTH_ABSOLUTE : PDX_GROWTH_RELATIVE;
  g_autoptr (GPtrArray) curves = NULL;
  GError *local_error = NULL;

  pdx_chart_setup_day_axis (chart, data);
  pdx_chart_set_value_axis (chart, data, scale);
  chart->y_log = pdx_chart_use_log (chart, scale);
  chart->y_include_zero = !chart->y_log;
  if (scale != PDX_CHART_SCALE_ABSOLUTE)
    {
      g_free (chart->title);
      chart->title =
          g_strdup_printf (_ ("%s \u2014 Tumour growth relative to baseline"), data->code);
    }

  curves = pdx_arm_growth_list (data, growth_scale, &local_error);
  if (curves == NULL)
    {
      g_autofree char *message = pdx_chart_empty_message (data, _ ("tumour measurements"));
      return pdx_chart_take_analysis_error (chart, local_error, message, error);
    }
  if (scale == PDX_CHART_SCALE_PERCENT)
    pdx_chart_add_arm_curves (chart, data, curves, 100, -100);
  else
    pdx_chart_add_arm_curves (chart, data, curves, 1, 0);
  if (chart->series->len == 0)
    chart->message = pdx_chart_empty_message (data, _ ("tumour measurements"));
  else if (chart->options.model_lines && scale == PDX_CHART_SCALE_ABSOLUTE)
    add_model_lines (chart, data);
  return TRUE;
}
