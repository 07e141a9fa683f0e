/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-chart.c — the public face of the chart renderer: chart kinds, options, the chart model's
 * life cycle, drawing entry point, hit tests and coordinate mapping. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx-chart-private.h"

#include <math.h>
#include <string.h>

GQuark
pdx_chart_error_quark (void)
{
  return g_quark_from_static_string ("pdx-chart-error-quark");
}

static const struct
{
  const char *name;
  const char *label;
} kinds[PDX_N_CHART_KINDS] = {
  [PDX_CHART_GROWTH] = { "growth", N_ ("Tumour growth") },
  [PDX_CHART_SPIDER] = { "spider", N_ ("Individual tumour growth") },
  [PDX_CHART_WATERFALL] = { "waterfall", N_ ("Best response") },
  [PDX_CHART_SURVIVAL] = { "survival", N_ ("Survival") },
  [PDX_CHART_WEIGHT] = { "weight", N_ ("Body weight") },
};

const char *
pdx_chart_kind_to_string (PdxChartKind kind)
{
  g_return_val_if_fail (kind < PDX_N_CHART_KINDS, NULL);
  return kinds[kind].name;
}

gboolean
pdx_chart_kind_from_string (const char *text, PdxChartKind *out)
{
  for (int k = 0; k < PDX_N_CHART_KINDS && text; k++)
    if (g_ascii_strcasecmp (text, kinds[k].name) == 0)
      {
        *out = (PdxChartKind) k;
        return TRUE;
      }
  return FALSE;
}

const char *
pdx_chart_kind_get_label (PdxChartKind kind)
{
  g_return_val_if_fail (kind < PDX_N_CHART_KINDS, NULL);
  return _ (kinds[kind].label);
}

void
pdx_chart_options_init (PdxChartOptions *options, PdxChartKind kind, const PdxStudyData *data)
{
  g_return_if_fail (options != NULL);
  memset (options, 0, sizeof *options);
  options->kind = kind;
  options->scale = PDX_CHART_SCALE_ABSOLUTE;
  options->colour_by = PDX_CHART_COLOUR_BY_ARM;
  options->highlight_arm = -1;
  options->show_title = TRUE;
  /* SPEC §4: BLI flux is plotted on a log axis. */
  options->log_axis = data && data->readout == PDX_READOUT_BLI_FLUX &&
                      (kind == PDX_CHART_GROWTH || kind == PDX_CHART_SPIDER);
}

/* ---- the model ---------------------------------------------------------------------------- */

static void
series_free (gpointer data)
{
  PdxChartSeries *series = data;
  g_free (series->label);
  g_clear_pointer (&series->points, g_array_unref);
  g_clear_pointer (&series->censors, g_array_unref);
  g_free (series->fractions);
  g_free (series);
}

static void
guide_clear (gpointer data)
{
  g_free (((PdxChartGuide *) data)->label);
}

static void
legend_clear (gpointer data)
{
  g_free (((PdxChartLegendEntry *) data)->label);
}

static void
string_clear (gpointer data)
{
  g_free (*(char **) data);
}

static void
mouse_clear (gpointer data)
{
  g_free (((PdxChartMouse *) data)->tag);
}

static void
layout_init (PdxChartLayout *layout, PdxChart *chart)
{
  layout->chart = chart;
  layout->kind = chart->options.kind;
  layout->x.ticks = g_array_new (FALSE, FALSE, sizeof (double));
  layout->y.ticks = g_array_new (FALSE, FALSE, sizeof (double));
  layout->x.label_rects = g_array_new (FALSE, FALSE, sizeof (PdxChartRect));
  layout->y.label_rects = g_array_new (FALSE, FALSE, sizeof (PdxChartRect));
  layout->texts = g_array_new (FALSE, FALSE, sizeof (PdxChartRect));
  layout->notes = g_ptr_array_new_with_free_func (g_free);
  layout->marks = g_array_new (FALSE, FALSE, sizeof (PdxChartMark));
}

static void
layout_clear (PdxChartLayout *layout)
{
  g_clear_pointer (&layout->x.ticks, g_array_unref);
  g_clear_pointer (&layout->y.ticks, g_array_unref);
  g_clear_pointer (&layout->x.label_rects, g_array_unref);
  g_clear_pointer (&layout->y.label_rects, g_array_unref);
  g_clear_pointer (&layout->texts, g_array_unref);
  g_clear_pointer (&layout->notes, g_ptr_array_unref);
  g_clear_pointer (&layout->marks, g_array_unref);
}

/* Empties the per-draw arrays, keeping the allocations. */
static void
layout_reset (PdxChartLayout *layout)
{
  g_array_set_size (layout->x.ticks, 0);
  g_array_set_size (layout->y.ticks, 0);
  g_array_set_size (layout->x.label_rects, 0);
  g_array_set_size (layout->y.label_rects, 0);
  g_array_set_size (layout->texts, 0);
  g_ptr_array_set_size (layout->notes, 0);
  g_array_set_size (layout->marks, 0);
  layout->has_legend = layout->legend_outside = FALSE;
  memset (&layout->legend, 0, sizeof layout->legend);
  layout->message = NULL;
  layout->data_x_min = layout->data_x_max = NAN;
  layout->data_y_min = layout->data_y_max = NAN;
}

PdxChart *
pdx_chart_alloc (const PdxStudyData *data, const PdxChartOptions *options)
{
  PdxChart *chart = g_new0 (PdxChart, 1);

  chart->options = *options;
  chart->x_min_hint = NAN;
  chart->y_fixed_min = chart->y_fixed_max = NAN;
  chart->y_label_scale = 1;
  chart->shade_x0 = chart->shade_x1 = NAN;
  chart->guides = g_array_new (FALSE, TRUE, sizeof (PdxChartGuide));
  g_array_set_clear_func (chart->guides, guide_clear);
  chart->series = g_ptr_array_new_with_free_func (series_free);
  chart->legend = g_array_new (FALSE, TRUE, sizeof (PdxChartLegendEntry));
  g_array_set_clear_func (chart->legend, legend_clear);
  chart->notes = g_ptr_array_new_with_free_func (g_free);
  chart->arms = g_array_new (FALSE, TRUE, sizeof (char *));
  g_array_set_clear_func (chart->arms, string_clear);
  chart->mice = g_array_new (FALSE, TRUE, sizeof (PdxChartMouse));
  g_array_set_clear_func (chart->mice, mouse_clear);
  chart->raster_lines = g_array_new (FALSE, FALSE, sizeof (PdxChartRasterLine));
  chart->value_unit = "";
  for (guint a = 0; a < data->n_arms; a++)
    {
      char *name = g_strdup (data->arms[a].name);
      g_array_append_val (chart->arms, name);
    }
  for (guint m = 0; m < data->n_mice; m++)
    {
      PdxChartMouse mouse = { g_strdup (data->mice[m].tag), data->mice[m].id, data->mice[m].arm,
                              NULL };
      g_array_append_val (chart->mice, mouse);
    }
  pdx_chart_axis_init (&chart->x_axis);
  pdx_chart_axis_init (&chart->y_axis);
  layout_init (&chart->layout, chart);
  layout_reset (&chart->layout);
  return chart;
}

void
pdx_chart_free (PdxChart *chart)
{
  if (chart == NULL)
    return;
  g_free (chart->title);
  g_free (chart->x_title);
  g_free (chart->y_name);
  g_free (chart->y_unit);
  g_free (chart->message);
  g_array_unref (chart->guides);
  g_ptr_array_unref (chart->series);
  g_array_unref (chart->legend);
  g_ptr_array_unref (chart->notes);
  g_array_unref (chart->arms);
  g_array_unref (chart->mice);
  g_array_unref (chart->raster_lines);
  pdx_chart_text_forget (chart);
  if (chart->extra_free && chart->extra)
    chart->extra_free (chart->extra);
  pdx_chart_axis_clear (&chart->x_axis);
  pdx_chart_axis_clear (&chart->y_axis);
  layout_clear (&chart->layout);
  g_free (chart);
}

PdxChartSeries *
pdx_chart_add_series (PdxChart             *chart,
                      PdxChartSeriesKind    kind,
                      const char           *label,
                      int                   arm,
                      int                   mouse,
                      const PdxChartColour *colour)
{
  PdxChartSeries *series = g_new0 (PdxChartSeries, 1);

  series->kind = kind;
  series->label = g_strdup (label);
  series->arm = arm;
  series->mouse = mouse;
  series->colour = *colour;
  series->alpha = 1;
  series->line_width = 1.5;
  series->points = g_array_new (FALSE, FALSE, sizeof (PdxChartPoint));
  series->censors = g_array_new (FALSE, FALSE, sizeof (PdxChartPoint));
  g_ptr_array_add (chart->series, series);
  return series;
}

void
pdx_chart_series_add (PdxChartSeries *series, double x, double y, double err, int n, int mouse)
{
  PdxChartPoint point = { x, y, err, n, mouse };
  g_array_append_val (series->points, point);
}

void
pdx_chart_add_guide (PdxChart *chart, double y, const char *label, gboolean dashed)
{
  PdxChartGuide guide = { y, g_strdup (label), dashed };
  g_array_append_val (chart->guides, guide);
}

void
pdx_chart_add_legend (PdxChart             *chart,
                      const char           *label,
                      const PdxChartColour *colour,
                      PdxChartSymbol        symbol,
                      gboolean              dashed)
{
  PdxChartLegendEntry entry = { g_strdup (label), *colour, symbol, dashed };
  g_array_append_val (chart->legend, entry);
}

void
pdx_chart_add_note (PdxChart *chart, const char *format, ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (chart->notes, g_strdup_vprintf (format, args));
  va_end (args);
}

double
pdx_chart_emphasis (const PdxChart *chart, int arm, gint64 mouse_id)
{
  const PdxChartOptions *options = &chart->options;

  /* A highlighted mouse fades the other mice; arm-level items (mouse_id 0) ignore it. */
  if (options->highlight_mouse_id != 0 && mouse_id != 0)
    return mouse_id == options->highlight_mouse_id ? 1.0 : 0.25;
  if (options->highlight_arm >= 0)
    return arm == options->highlight_arm ? 1.0 : 0.2;
  return 1.0;
}

const PdxChartOptions *
pdx_chart_get_options (const PdxChart *chart)
{
  g_return_val_if_fail (chart != NULL, NULL);
  return &chart->options;
}

/* ---- drawing ------------------------------------------------------------------------------ */

static gboolean
surface_is_vector (cairo_surface_t *surface)
{
  cairo_surface_type_t type = cairo_surface_get_type (surface);
  return type == CAIRO_SURFACE_TYPE_PDF || type == CAIRO_SURFACE_TYPE_SVG ||
         type == CAIRO_SURFACE_TYPE_PS;
}

const PdxChartLayout *
pdx_chart_draw (PdxChart *chart, cairo_t *cr, double width, double height, double dpi)
{
  PdxChartCtx ctx = { 0 };
  double      dx = 1, dy = 0;

  g_return_val_if_fail (chart != NULL && cr != NULL, NULL);
  ctx.cr = cr;
  ctx.chart = chart;
  ctx.layout = &chart->layout;
  ctx.width = MAX (width, 1);
  ctx.height = MAX (height, 1);
  ctx.pt = (dpi > 0 ? dpi : 96) / 72.0;
  cairo_user_to_device_distance (cr, &dx, &dy);
  ctx.px = 1 / MAX (hypot (dx, dy), 1e-6);
  ctx.raster = !surface_is_vector (cairo_get_target (cr));
  pdx_chart_theme_init (&ctx.theme, chart->options.dark);

  layout_reset (ctx.layout);
  ctx.layout->width = ctx.width;
  ctx.layout->height = ctx.height;
  ctx.layout->dpi = ctx.pt * 72;
  cairo_save (cr);
  pdx_chart_text_init (&ctx);
  pdx_chart_plot_run (&ctx);
  pdx_chart_text_clear (&ctx);
  cairo_restore (cr);
  return ctx.layout;
}
