/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-chart-mouse.c — one mouse's own growth and weight curves (options.mouse_id), each over
 * its arm's median curve (dashed) for comparison: the mouse page's charts. The mouse's series
 * and the arm's median are the analysis module's (pdx_response_list, pdx_mouse_weight_list,
 * pdx_arm_growth_list, pdx_arm_weight_list); nothing is computed here. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx-chart-private.h"

#include <math.h>

#include "pdx/pdx-analysis.h"

static int
find_mouse (const PdxStudyData *data, gint64 mouse_id)
{
  for (guint m = 0; m < data->n_mice; m++)
    if (data->mice[m].id == mouse_id)
      return (int) m;
  return -1;
}

static void
set_title (PdxChart *chart, const PdxStudyData *data, int m, const char *what)
{
  g_free (chart->title);
  chart->title =
      g_strdup_printf (/* Translators: study code, mouse tag, chart name. */
                       _ ("%s \u2014 mouse %s, %s"), data->code, data->mice[m].tag, what);
}

/* The mouse's curve, thick and marked, in its arm's colour (grey before randomisation). */
static void
add_own_curve (PdxChart             *chart,
               const PdxStudyData   *data,
               int                   m,
               const double         *day,
               const double         *value,
               guint                 n,
               const PdxChartColour *colour)
{
  PdxChartSeries *series = pdx_chart_add_series (chart, PDX_CHART_SERIES_LINE, data->mice[m].tag,
                                                 data->mice[m].arm, m, colour);

  series->line_width = 2.5;
  series->markers = TRUE;
  for (guint p = 0; p < n; p++)
    pdx_chart_series_add (series, day[p], value[p], NAN, -1, m);
  pdx_chart_add_legend (chart, data->mice[m].tag, colour, PDX_CHART_SYMBOL_LINE_MARKER, FALSE);
}

/* The median of @curves' curve of the mouse's arm, dashed; a note when there is none. */
static void
add_arm_median (PdxChart             *chart,
                const PdxStudyData   *data,
                int                   m,
                GPtrArray            *curves,
                const PdxChartColour *colour)
{
  int                 arm = data->mice[m].arm;
  const PdxArmSeries *curve = NULL;
  g_autofree char    *label = NULL;
  PdxChartSeries     *series;

  if (arm < 0)
    {
      pdx_chart_add_note (chart, "%s", _ ("Not randomised: no arm to compare with"));
      return;
    }
  for (guint i = 0; curves != NULL && i < curves->len; i++)
    if (((const PdxArmSeries *) g_ptr_array_index (curves, i))->arm == arm)
      curve = g_ptr_array_index (curves, i);
  if (curve == NULL || curve->n_points == 0)
    {
      pdx_chart_add_note (chart, _ ("Arm %s has no curve to compare with"), data->arms[arm].name);
      return;
    }
  label = g_strdup_printf (/* Translators: an arm's name. */ _ ("arm %s, median"),
                           data->arms[arm].name);
  series = pdx_chart_add_series (chart, PDX_CHART_SERIES_LINE, label, arm, -1, colour);
  series->dashed = TRUE;
  series->line_width = 1.5;
  series->alpha = 0.8;
  for (guint p = 0; p < curve->n_points; p++)
    pdx_chart_series_add (series, curve->points[p].day, curve->points[p].median, NAN,
                          (int) curve->points[p].n, -1);
  pdx_chart_add_legend (chart, label, colour, PDX_CHART_SYMBOL_LINE, TRUE);
  pdx_chart_add_note (chart,
                      _ ("Dashed: the median of arm %s (n = %u), each mouse interpolated between "
                         "its own measurements"),
                      data->arms[arm].name, curve->n_start);
}

/* The day axis and treatment window of every chart, without its notes on the study's excluded
 * and unrandomised mice: this chart shows one mouse, and says so when it is one of them. */
static void
setup_day_axis (PdxChart *chart, const PdxStudyData *data)
{
  pdx_chart_setup_day_axis (chart, data);
  g_ptr_array_set_size (chart->notes, 0);
}

static PdxChartColour
mouse_colour (PdxChart *chart, const PdxStudyData *data, int m)
{
  g_autofree PdxChartColour *colours = pdx_chart_arm_colours (data, chart->options.dark);

  if (data->mice[m].arm >= 0)
    return colours[data->mice[m].arm];
  return chart->options.dark ? (PdxChartColour){ 0.8, 0.8, 0.8, 1 }
                             : (PdxChartColour){ 0.35, 0.35, 0.35, 1 };
}

/* Returns FALSE (the chart then says why) when the mouse is not in @data or is excluded. */
static gboolean
check_mouse (PdxChart *chart, const PdxStudyData *data, int m)
{
  if (m < 0)
    chart->message = g_strdup (_ ("This mouse is not in the study"));
  else if (data->mice[m].excluded)
    chart->message = g_strdup (_ ("Excluded mouse: left out of every chart and statistic"));
  return chart->message == NULL;
}

gboolean
pdx_chart_build_mouse_growth (PdxChart *chart, const PdxStudyData *data, GError **error)
{
  int m = find_mouse (data, chart->options.mouse_id);
  g_autoptr (GPtrArray) responses = NULL, curves = NULL;
  g_autoptr (GError) local_error = NULL;
  const PdxResponse *response;
  PdxChartColour     colour;

  setup_day_axis (chart, data);
  pdx_chart_set_value_axis (chart, data, PDX_CHART_SCALE_ABSOLUTE);
  chart->y_log = pdx_chart_use_log (chart, PDX_CHART_SCALE_ABSOLUTE);
  chart->y_include_zero = !chart->y_log;
  if (!check_mouse (chart, data, m))
    return TRUE;
  set_title (chart, data, m, _ ("tumour growth"));
  responses = pdx_response_list (data);
  response = g_ptr_array_index (responses, m);
  if (response->n_points == 0)
    {
      chart->message = g_strdup (_ ("No tumour measurements of this mouse yet"));
      return TRUE;
    }
  colour = mouse_colour (chart, data, m);
  /* NO_DATA (no randomised mouse has a value) only leaves the arm without a median. */
  curves = pdx_arm_growth_list (data, PDX_GROWTH_ABSOLUTE, &local_error);
  add_arm_median (chart, data, m, curves, &colour);
  add_own_curve (chart, data, m, response->day, response->value, response->n_points, &colour);
  return TRUE;
}

gboolean
pdx_chart_build_mouse_weight (PdxChart *chart, const PdxStudyData *data, GError **error)
{
  int m = find_mouse (data, chart->options.mouse_id);
  g_autoptr (GPtrArray) weights = NULL, curves = NULL;
  g_autoptr (GError) local_error = NULL;
  const PdxMouseWeight *weight;
  PdxChartColour        colour;

  setup_day_axis (chart, data);
  chart->y_name = g_strdup (_ ("Weight change from day 0"));
  chart->y_unit = g_strdup ("%");
  chart->value_unit = "%";
  chart->y_include_zero = TRUE;
  pdx_chart_add_guide (chart, -15, "\u221215 % warning", TRUE);
  pdx_chart_add_guide (chart, -20, "\u221220 % endpoint", TRUE);
  if (!check_mouse (chart, data, m))
    return TRUE;
  set_title (chart, data, m, _ ("body weight"));
  weights = pdx_mouse_weight_list (data);
  weight = g_ptr_array_index (weights, m);
  if (weight->n_points == 0)
    {
      chart->message = g_strdup (_ ("No body weights of this mouse yet"));
      return TRUE;
    }
  colour = mouse_colour (chart, data, m);
  curves = pdx_arm_weight_list (data, &local_error);
  add_arm_median (chart, data, m, curves, &colour);
  add_own_curve (chart, data, m, weight->day, weight->pct_change, weight->n_points, &colour);
  return TRUE;
}
