/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-chart-draw.c — drawing the data of a chart model: treatment window, guide lines, curves
 * with error bars, Kaplan–Meier steps with censor ticks, bars; and the geometry walk that the
 * legend placement and hover read-outs share with the drawing. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx-chart-private.h"

#include <math.h>
#include <string.h>

#define MARKER_R 2.6 /* points */
#define CAP_W 2.5    /* half width of an error-bar cap, points */
#define CENSOR_H 3.5 /* half height of a censor tick, points */
#define BAR_FILL 0.8 /* share of a slot a bar fills */

/* ---- geometry -------------------------------------------------------------------------------- */

static gboolean
map_point (PdxChartCtx *ctx, const PdxChartPoint *p, double *x, double *y)
{
  *x = pdx_chart_map_x (ctx, p->x);
  *y = pdx_chart_map_y (ctx, p->y);
  return isfinite (*x) && isfinite (*y);
}

/* The canvas y of y ± err, the low end held at the axis minimum on a log axis. */
static void
error_ends (PdxChartCtx *ctx, const PdxChartPoint *p, double *y_low, double *y_high)
{
  double low = p->y - p->err;

  *y_high = pdx_chart_map_y (ctx, p->y + p->err);
  if (ctx->chart->y_axis.log && !(low > ctx->chart->y_axis.min))
    *y_low = ctx->layout->plot.y + ctx->layout->plot.height;
  else
    *y_low = pdx_chart_map_y (ctx, low);
}

/* What an axis fraction depends on. */
static void
axis_key (const PdxChartAxis *axis, double *key)
{
  key[0] = axis->min, key[1] = axis->max, key[2] = axis->log;
  key[3] = axis->log_min, key[4] = axis->log_span;
}

/* The axis fractions of @series' points for the current axes, computed when they change. */
static const double *
point_fractions (PdxChartCtx *ctx, PdxChartSeries *series)
{
  const PdxChartAxis *xa = &ctx->chart->x_axis, *ya = &ctx->chart->y_axis;
  double              key[G_N_ELEMENTS (series->fractions_key)];

  axis_key (xa, key);
  axis_key (ya, key + 5);
  key[10] = series->points->len;
  if (series->fractions == NULL || memcmp (key, series->fractions_key, sizeof key) != 0)
    {
      series->fractions = g_renew (double, series->fractions, 2 * MAX (1, series->points->len));
      for (guint i = 0; i < series->points->len; i++)
        {
          const PdxChartPoint *p = &g_array_index (series->points, PdxChartPoint, i);
          series->fractions[2 * i] = pdx_chart_axis_fraction (xa, p->x);
          series->fractions[2 * i + 1] = pdx_chart_axis_fraction (ya, p->y);
        }
      memcpy (series->fractions_key, key, sizeof key);
    }
  return series->fractions;
}

/* map_point() for point @i of @series through its cached fractions: the same numbers. */
static gboolean
map_series_point (PdxChartCtx *ctx, const double *fractions, guint i, double *x, double *y)
{
  const PdxChartRect *plot = &ctx->layout->plot;

  *x = plot->x + fractions[2 * i] * plot->width;
  *y = plot->y + (1 - fractions[2 * i + 1]) * plot->height;
  return isfinite (*x) && isfinite (*y);
}

static void
walk_line (PdxChartCtx *ctx, PdxChartSeries *series, PdxChartGeometryFunc func, gpointer user_data)
{
  const double *fractions = point_fractions (ctx, series);
  double        prev_x = NAN, prev_y = NAN;

  for (guint i = 0; i < series->points->len; i++)
    {
      const PdxChartPoint *p = &g_array_index (series->points, PdxChartPoint, i);
      double               x, y;

      if (!map_series_point (ctx, fractions, i, &x, &y))
        {
          prev_x = prev_y = NAN;
          continue;
        }
      if (isfinite (prev_x))
        func (PDX_CHART_MARK_SEGMENT, prev_x, prev_y, x, y, -1, user_data);
      if (isfinite (p->err) && p->err > 0)
        {
          double y_low, y_high;
          error_ends (ctx, p, &y_low, &y_high);
          func (PDX_CHART_MARK_SEGMENT, x, y_low, x, y_high, (int) i, user_data);
        }
      func (PDX_CHART_MARK_POINT, x, y, x, y, (int) i, user_data);
      prev_x = x, prev_y = y;
    }
}

static void
walk_step (PdxChartCtx *ctx, PdxChartSeries *series, PdxChartGeometryFunc func, gpointer user_data)
{
  const double *fractions = point_fractions (ctx, series);
  double        prev_x = NAN, prev_y = NAN;

  for (guint i = 0; i < series->points->len; i++)
    {
      double x, y;

      if (!map_series_point (ctx, fractions, i, &x, &y))
        continue;
      if (isfinite (prev_x))
        {
          /* The horizontal run carries the previous point's S(t) for read-outs. */
          func (PDX_CHART_MARK_SEGMENT, prev_x, prev_y, x, prev_y, (int) i - 1, user_data);
          if (y != prev_y)
            func (PDX_CHART_MARK_SEGMENT, x, prev_y, x, y, -1, user_data);
        }
      func (PDX_CHART_MARK_POINT, x, y, x, y, (int) i, user_data);
      prev_x = x, prev_y = y;
    }
  for (guint i = 0; i < series->censors->len; i++)
    {
      const PdxChartPoint *p = &g_array_index (series->censors, PdxChartPoint, i);
      double               x, y, h = CENSOR_H * ctx->pt;
      if (map_point (ctx, p, &x, &y))
        func (PDX_CHART_MARK_SEGMENT, x, y - h, x, y + h, -1, user_data);
    }
}

static void
walk_bars (PdxChartCtx *ctx, PdxChartSeries *series, PdxChartGeometryFunc func, gpointer user_data)
{
  for (guint i = 0; i < series->points->len; i++)
    {
      const PdxChartPoint *p = &g_array_index (series->points, PdxChartPoint, i);
      double               x0 = pdx_chart_map_x (ctx, p->x - BAR_FILL / 2);
      double               x1 = pdx_chart_map_x (ctx, p->x + BAR_FILL / 2);
      double               y0 = pdx_chart_map_y (ctx, 0), y1 = pdx_chart_map_y (ctx, p->y);

      if (isfinite (y1))
        func (PDX_CHART_MARK_BAR, x0, MIN (y0, y1), x1, MAX (y0, y1), (int) i, user_data);
    }
}

void
pdx_chart_series_walk (PdxChartCtx         *ctx,
                       PdxChartSeries      *series,
                       PdxChartGeometryFunc func,
                       gpointer             user_data)
{
  switch (series->kind)
    {
    case PDX_CHART_SERIES_LINE:
      walk_line (ctx, series, func, user_data);
      break;
    case PDX_CHART_SERIES_STEP:
      walk_step (ctx, series, func, user_data);
      break;
    case PDX_CHART_SERIES_BARS:
      walk_bars (ctx, series, func, user_data);
      break;
    default:
      g_assert_not_reached ();
    }
}

void
pdx_chart_add_mark (PdxChartCtx     *ctx,
                    PdxChartMarkKind kind,
                    double           x0,
                    double           y0,
                    double           x1,
                    double           y1,
                    int              series,
                    int              point)
{
  PdxChartMark mark = { kind, x0, y0, x1, y1, series, point };
  g_array_append_val (ctx->layout->marks, mark);
}

typedef struct
{
  PdxChartCtx *ctx;
  int          series;
} MarkRecorder;

static void
record_cb (PdxChartMarkKind kind,
           double           x0,
           double           y0,
           double           x1,
           double           y1,
           int              point,
           gpointer         user_data)
{
  MarkRecorder *recorder = user_data;
  pdx_chart_add_mark (recorder->ctx, kind, x0, y0, x1, y1, recorder->series, point);
}

/* ---- drawing -------------------------------------------------------------------------------- */

void
pdx_chart_draw_shade (PdxChartCtx *ctx)
{
  PdxChart           *chart = ctx->chart;
  const PdxChartRect *plot = &ctx->layout->plot;
  double              x0 = MAX (chart->shade_x0, chart->x_axis.min);
  double              x1 = MIN (MAX (chart->shade_x1, chart->shade_x0 + 1), chart->x_axis.max);
  double              cx0, cx1;

  if (!isfinite (chart->shade_x0) || !(x1 > x0))
    return;
  cx0 = pdx_chart_snap (ctx, pdx_chart_map_x (ctx, x0), 0);
  cx1 = pdx_chart_snap (ctx, pdx_chart_map_x (ctx, x1), 0);
  pdx_chart_set_source (ctx->cr, &ctx->theme.shade, 1);
  cairo_rectangle (ctx->cr, cx0, plot->y, cx1 - cx0, plot->height);
  cairo_fill (ctx->cr);
  pdx_chart_text_draw (ctx, PDX_CHART_FONT_NOTE, _ ("Treatment"), cx0, plot->y - 2 * ctx->pt, 0, 1,
                       FALSE, -1, &ctx->theme.muted);
}

static void
draw_guides (PdxChartCtx *ctx)
{
  const PdxChartRect *plot = &ctx->layout->plot;
  double              lw = pdx_chart_line_width (ctx, 0.75), pt = ctx->pt;

  for (guint g = 0; g < ctx->chart->guides->len; g++)
    {
      const PdxChartGuide *guide = &g_array_index (ctx->chart->guides, PdxChartGuide, g);
      double               y = pdx_chart_snap (ctx, pdx_chart_map_y (ctx, guide->y), lw);

      if (!isfinite (y) || y < plot->y - 0.5 || y > plot->y + plot->height + 0.5)
        continue;
      cairo_set_line_width (ctx->cr, lw);
      cairo_set_dash (ctx->cr, (double[]){ 4 * pt, 3 * pt }, guide->dashed ? 2 : 0, 0);
      pdx_chart_set_source (ctx->cr, &ctx->theme.guide, 1);
      cairo_move_to (ctx->cr, plot->x, y);
      cairo_line_to (ctx->cr, plot->x + plot->width, y);
      cairo_stroke (ctx->cr);
      cairo_set_dash (ctx->cr, NULL, 0, 0);
      if (guide->label)
        pdx_chart_text_draw (ctx, PDX_CHART_FONT_NOTE, guide->label, plot->x + plot->width + 4 * pt,
                             y, 0, 0.5, FALSE, -1, &ctx->theme.muted);
    }
}

static void
set_stroke_style (PdxChartCtx *ctx, const PdxChartSeries *series)
{
  double pt = ctx->pt;

  cairo_set_line_width (ctx->cr, pdx_chart_line_width (ctx, series->line_width));
  cairo_set_dash (ctx->cr, (double[]){ 5 * pt, 3 * pt }, series->dashed ? 2 : 0, 0);
  pdx_chart_set_source (ctx->cr, &series->colour, series->alpha);
}

static void
draw_error_bars (PdxChartCtx *ctx, const PdxChartSeries *series)
{
  double   cap = CAP_W * ctx->pt;
  gboolean any = FALSE;

  for (guint i = 0; i < series->points->len; i++)
    {
      const PdxChartPoint *p = &g_array_index (series->points, PdxChartPoint, i);
      double               x, y, y_low, y_high;

      if (!isfinite (p->err) || !(p->err > 0) || !map_point (ctx, p, &x, &y))
        continue;
      error_ends (ctx, p, &y_low, &y_high);
      cairo_move_to (ctx->cr, x, y_low);
      cairo_line_to (ctx->cr, x, y_high);
      cairo_move_to (ctx->cr, x - cap, y_high);
      cairo_line_to (ctx->cr, x + cap, y_high);
      if (y_low < ctx->layout->plot.y + ctx->layout->plot.height)
        cairo_move_to (ctx->cr, x - cap, y_low), cairo_line_to (ctx->cr, x + cap, y_low);
      any = TRUE;
    }
  if (!any)
    return;
  cairo_set_line_width (ctx->cr, pdx_chart_line_width (ctx, 0.9));
  cairo_set_dash (ctx->cr, NULL, 0, 0);
  pdx_chart_set_source (ctx->cr, &series->colour, series->alpha);
  cairo_stroke (ctx->cr);
}

/* Appends the series' curve to the current path. */
static void
path_curve (PdxChartCtx *ctx, const PdxChartSeries *series)
{
  gboolean drawing = FALSE;
  double   prev_y = NAN;

  for (guint i = 0; i < series->points->len; i++)
    {
      const PdxChartPoint *p = &g_array_index (series->points, PdxChartPoint, i);
      double               x, y;

      if (!map_point (ctx, p, &x, &y))
        {
          drawing = series->kind == PDX_CHART_SERIES_STEP && drawing;
          continue;
        }
      if (!drawing)
        cairo_move_to (ctx->cr, x, y);
      else if (series->kind == PDX_CHART_SERIES_STEP)
        cairo_line_to (ctx->cr, x, prev_y), cairo_line_to (ctx->cr, x, y);
      else
        cairo_line_to (ctx->cr, x, y);
      drawing = TRUE;
      prev_y = y;
    }
}

static void
draw_markers (PdxChartCtx *ctx, const PdxChartSeries *series)
{
  double r = MARKER_R * ctx->pt;

  for (guint i = 0; i < series->points->len; i++)
    {
      double x, y;
      if (map_point (ctx, &g_array_index (series->points, PdxChartPoint, i), &x, &y))
        {
          cairo_new_sub_path (ctx->cr);
          cairo_arc (ctx->cr, x, y, r, 0, 2 * G_PI);
        }
    }
  pdx_chart_set_source (ctx->cr, &series->colour, series->alpha);
  cairo_fill (ctx->cr);
}

static void
draw_censors (PdxChartCtx *ctx, const PdxChartSeries *series)
{
  double h = CENSOR_H * ctx->pt;

  for (guint i = 0; i < series->censors->len; i++)
    {
      double x, y;
      if (map_point (ctx, &g_array_index (series->censors, PdxChartPoint, i), &x, &y))
        cairo_move_to (ctx->cr, x, y - h), cairo_line_to (ctx->cr, x, y + h);
    }
  cairo_set_line_width (ctx->cr, pdx_chart_line_width (ctx, 1.2));
  cairo_set_dash (ctx->cr, NULL, 0, 0);
  pdx_chart_set_source (ctx->cr, &series->colour, series->alpha);
  cairo_stroke (ctx->cr);
}

typedef struct
{
  PdxChartCtx          *ctx;
  const PdxChartSeries *series;
} BarPainter;

static void
bar_cb (PdxChartMarkKind kind,
        double           x0,
        double           y0,
        double           x1,
        double           y1,
        int              point,
        gpointer         user_data)
{
  BarPainter *painter = user_data;
  cairo_rectangle (painter->ctx->cr, x0, y0, x1 - x0, y1 - y0);
}

static void
draw_bars (PdxChartCtx *ctx, PdxChartSeries *series)
{
  BarPainter painter = { ctx, series };

  pdx_chart_series_walk (ctx, series, bar_cb, &painter);
  pdx_chart_set_source (ctx->cr, &series->colour, series->alpha);
  if (!series->outlined)
    {
      cairo_fill (ctx->cr);
      return;
    }
  cairo_fill_preserve (ctx->cr);
  cairo_set_line_width (ctx->cr, pdx_chart_line_width (ctx, 1.5));
  pdx_chart_set_source (ctx->cr, &ctx->theme.text, 1);
  cairo_stroke (ctx->cr);
}

/* A curve the raster fast path can draw as it would look through cairo: a plain line one
 * device pixel wide, solid, without markers or error bars. */
static gboolean
thin_curve (PdxChartCtx *ctx, const PdxChartSeries *series)
{
  if (!ctx->raster || series->kind != PDX_CHART_SERIES_LINE || series->dashed || series->markers ||
      fabs (pdx_chart_line_width (ctx, series->line_width) - ctx->px) > 1e-9 * ctx->px)
    return FALSE;
  for (guint i = 0; i < series->points->len; i++)
    if (isfinite (g_array_index (series->points, PdxChartPoint, i).err))
      return FALSE;
  return TRUE;
}

/* Records the marks of thin curve @s and queues its segments for the raster in @lines:
 * straight into room made beforehand, as a thousand-mouse chart has tens of thousands. */
typedef struct
{
  const PdxChartSeries *series;
  int                   index;
  PdxChartMark         *mark;
  PdxChartRasterLine   *line;
} ThinCollector;

static void
collect_cb (PdxChartMarkKind kind,
            double           x0,
            double           y0,
            double           x1,
            double           y1,
            int              point,
            gpointer         user_data)
{
  ThinCollector *collector = user_data;

  *collector->mark++ = (PdxChartMark){ kind, x0, y0, x1, y1, collector->index, point };
  if (kind == PDX_CHART_MARK_SEGMENT)
    *collector->line++ = (PdxChartRasterLine){
      x0, y0, x1, y1, &collector->series->colour, collector->series->alpha
    };
}

static void
collect_thin (PdxChartCtx *ctx, guint s, GArray *lines)
{
  PdxChartSeries *series = g_ptr_array_index (ctx->chart->series, s);
  GArray         *marks = ctx->layout->marks;
  guint           n_marks = marks->len, n_lines = lines->len;
  ThinCollector   collector = { series, (int) s };

  /* A thin curve gives a mark per point and a segment between points. */
  g_array_set_size (marks, n_marks + 2 * series->points->len);
  g_array_set_size (lines, n_lines + series->points->len);
  collector.mark = &g_array_index (marks, PdxChartMark, n_marks);
  collector.line = &g_array_index (lines, PdxChartRasterLine, n_lines);
  pdx_chart_series_walk (ctx, series, collect_cb, &collector);
  g_array_set_size (marks, (guint) (collector.mark - (PdxChartMark *) (gpointer) marks->data));
  g_array_set_size (lines,
                    (guint) (collector.line - (PdxChartRasterLine *) (gpointer) lines->data));
}

static void
flush_thin (PdxChartRaster *raster, GArray *lines)
{
  pdx_chart_raster_lines (raster, (const PdxChartRasterLine *) (gpointer) lines->data, lines->len);
  g_array_set_size (lines, 0);
}

/* Draws series @s through cairo. */
static void
draw_series (PdxChartCtx *ctx, guint s)
{
  PdxChartSeries *series = g_ptr_array_index (ctx->chart->series, s);
  MarkRecorder    recorder = { ctx, (int) s };

  pdx_chart_series_walk (ctx, series, record_cb, &recorder);
  if (series->kind == PDX_CHART_SERIES_BARS)
    {
      draw_bars (ctx, series);
      return;
    }
  draw_error_bars (ctx, series);
  path_curve (ctx, series);
  set_stroke_style (ctx, series);
  cairo_stroke (ctx->cr);
  cairo_set_dash (ctx->cr, NULL, 0, 0);
  if (series->markers)
    draw_markers (ctx, series);
  if (series->censors->len > 0)
    draw_censors (ctx, series);
}

void
pdx_chart_draw_data (PdxChartCtx *ctx)
{
  const PdxChartRect *plot = &ctx->layout->plot;
  GPtrArray          *series = ctx->chart->series;
  double              grow = 6 * ctx->pt;
  PdxChartRaster      raster;
  gboolean            raster_open = FALSE;
  PdxChartRect        clip;
  GArray             *lines = ctx->chart->raster_lines;

  draw_guides (ctx);
  cairo_save (ctx->cr);
  /* Whole device pixels: cairo then clips by region rather than through a mask. */
  {
    double x0 = plot->x - grow, y0 = plot->y - grow;
    double x1 = plot->x + plot->width + grow, y1 = plot->y + plot->height + grow;
    cairo_user_to_device (ctx->cr, &x0, &y0);
    cairo_user_to_device (ctx->cr, &x1, &y1);
    x0 = floor (x0), y0 = floor (y0), x1 = ceil (x1), y1 = ceil (y1);
    cairo_device_to_user (ctx->cr, &x0, &y0);
    cairo_device_to_user (ctx->cr, &x1, &y1);
    clip = (PdxChartRect){ MIN (x0, x1), MIN (y0, y1), fabs (x1 - x0), fabs (y1 - y0) };
  }
  cairo_rectangle (ctx->cr, clip.x, clip.y, clip.width, clip.height);
  cairo_clip (ctx->cr);
  cairo_set_line_join (ctx->cr, CAIRO_LINE_JOIN_ROUND);
  /* Consecutive thin curves go to the raster together, the others through cairo; all in
   * order. (Bars go through cairo too: docs/chart-rasteriser.md.) */
  for (guint s = 0; s < series->len; s++)
    {
      gboolean thin = thin_curve (ctx, g_ptr_array_index (series, s));
      if (thin && !raster_open)
        raster_open = pdx_chart_raster_begin (ctx, &clip, &raster);
      if (thin && raster_open)
        {
          collect_thin (ctx, s, lines);
          continue;
        }
      if (raster_open)
        {
          flush_thin (&raster, lines);
          pdx_chart_raster_end (&raster), raster_open = FALSE;
        }
      draw_series (ctx, s);
    }
  if (raster_open)
    {
      flush_thin (&raster, lines);
      pdx_chart_raster_end (&raster);
    }
  cairo_restore (ctx->cr);
}
