/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-chart-plot.c — the plot engine: lays a chart model out on the canvas (margins from the
 * measured text, axes whose tick labels do not collide, legend and annotation boxes where they
 * cover no data) and draws the frame around the data. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx-chart-private.h"

#include <math.h>

/* Spacing, in points. */
#define PAD 10.0 /* canvas edge to content */
#define GAP 4.0  /* between a label and what it labels */
#define TICK 4.0 /* tick length */

typedef struct
{
  double   x_lo, x_hi, y_lo, y_hi;
  gboolean any;
  guint    dropped; /* values ≤ 0 a log axis leaves out */
} Extents;

typedef struct
{
  double       top, bottom, left, right;
  double       below_h, below_left; /* chart extras under the x axis title */
  double       notes_h;
  PdxChartRect legend;
  gboolean     has_legend, legend_out;
  double       band_y, band_h; /* a band above the plot holding the legend, when needed */
  double       column_w;       /* width of the outside-right column, 0 when none */
} Frame;

/* ---- extents -------------------------------------------------------------------------------- */

static void
extend (Extents *e, double x, double y)
{
  if (isfinite (x))
    e->x_lo = MIN (e->x_lo, x), e->x_hi = MAX (e->x_hi, x);
  if (isfinite (y))
    e->y_lo = MIN (e->y_lo, y), e->y_hi = MAX (e->y_hi, y);
}

static void
extend_point (const PdxChart       *chart,
              const PdxChartSeries *series,
              const PdxChartPoint  *p,
              Extents              *e)
{
  if (!isfinite (p->x) || !isfinite (p->y))
    return;
  if (chart->y_log && !(p->y > 0))
    {
      e->dropped++;
      return;
    }
  e->any = TRUE;
  extend (e, p->x, p->y);
  if (series->kind == PDX_CHART_SERIES_BARS)
    extend (e, p->x - 0.5, 0), extend (e, p->x + 0.5, 0);
  if (isfinite (p->err) && (!chart->y_log || p->y - p->err > 0))
    extend (e, p->x, p->y - p->err);
  if (isfinite (p->err))
    extend (e, p->x, p->y + p->err);
}

static void
compute_extents (const PdxChart *chart, Extents *e)
{
  e->x_lo = e->y_lo = INFINITY;
  e->x_hi = e->y_hi = -INFINITY;
  e->any = FALSE;
  e->dropped = 0;
  for (guint s = 0; s < chart->series->len; s++)
    {
      const PdxChartSeries *series = g_ptr_array_index (chart->series, s);
      for (guint i = 0; i < series->points->len; i++)
        extend_point (chart, series, &g_array_index (series->points, PdxChartPoint, i), e);
      for (guint i = 0; i < series->censors->len; i++)
        extend_point (chart, series, &g_array_index (series->censors, PdxChartPoint, i), e);
    }
  if (!e->any)
    return;
  /* Guides stay inside the plot, a little clear of its edges where the axis would hide them. */
  for (guint g = 0; g < chart->guides->len; g++)
    {
      double y = g_array_index (chart->guides, PdxChartGuide, g).y;
      double margin = 0.03 * MAX (e->y_hi - e->y_lo, fabs (y));
      extend (e, NAN, y - (y <= e->y_lo ? margin : 0));
      extend (e, NAN, y + (y >= e->y_hi ? margin : 0));
    }
  if (chart->y_include_zero && !chart->y_log)
    extend (e, NAN, 0);
  if (isfinite (chart->x_min_hint))
    extend (e, chart->x_min_hint, NAN);
}

/* compute_extents() once per chart: thousands of points, each through a log on log axes. */
static void
data_extents (PdxChart *chart, Extents *e)
{
  if (chart->extents_known)
    {
      *e = (Extents){ chart->extents[0], chart->extents[1],  chart->extents[2],
                      chart->extents[3], chart->extents_any, chart->extents_dropped };
      return;
    }
  compute_extents (chart, e);
  chart->extents[0] = e->x_lo, chart->extents[1] = e->x_hi;
  chart->extents[2] = e->y_lo, chart->extents[3] = e->y_hi;
  chart->extents_any = e->any, chart->extents_dropped = e->dropped;
  chart->extents_known = TRUE;
}

/* The range the axes must show: the data with a little air around it, so that markers and
 * error bars at the ends do not sit on the frame. A zero the chart includes stays the axis
 * end; fixed ranges and the x hint (survival's day 0) are kept. */
static void
pad_extents (const PdxChart *chart, const Extents *e, Extents *range)
{
  double x_pad = 0.02 * (e->x_hi - e->x_lo), y_pad = 0.03 * (e->y_hi - e->y_lo);

  *range = *e;
  if (!e->any)
    return;
  if (!chart->x_categorical)
    {
      if (!(isfinite (chart->x_min_hint) && e->x_lo >= chart->x_min_hint))
        range->x_lo -= x_pad;
      range->x_hi += x_pad;
    }
  if (chart->y_log)
    {
      double factor = pow (e->y_hi / e->y_lo, 0.03);
      range->y_lo /= factor, range->y_hi *= factor;
    }
  else
    {
      if (!(chart->y_include_zero && e->y_lo == 0))
        range->y_lo -= y_pad;
      if (!(chart->y_include_zero && e->y_hi == 0))
        range->y_hi += y_pad;
    }
}

/* ---- axes ------------------------------------------------------------------------------------ */

static double
tick_label_width (PdxChartCtx *ctx, const PdxChartAxis *axis, double value)
{
  g_autofree char *label = pdx_chart_axis_format (axis, value);
  double           width;
  pdx_chart_text_size (ctx, PDX_CHART_FONT_TICK, label, -1, &width, NULL);
  return width;
}

static double
tick_height (PdxChartCtx *ctx)
{
  double height;
  pdx_chart_text_size (ctx, PDX_CHART_FONT_TICK, "0", -1, NULL, &height);
  return height;
}

/* Moves every other labelled tick to the minor list: for log axes too dense to label. */
static void
thin_ticks (PdxChartAxis *axis)
{
  GArray *kept = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < axis->ticks->len; i++)
    {
      double tick = g_array_index (axis->ticks, double, i);
      if (i % 2 == 0)
        g_array_append_val (kept, tick);
      else
        g_array_append_val (axis->minor, tick);
    }
  g_array_unref (axis->ticks);
  axis->ticks = kept;
}

/* The smallest gap between consecutive labelled ticks, in canvas units over @length. */
static double
min_tick_spacing (const PdxChartAxis *axis, double length)
{
  double spacing = INFINITY;

  for (guint i = 1; i < axis->ticks->len; i++)
    spacing =
        MIN (spacing,
             length * (pdx_chart_axis_fraction (axis, g_array_index (axis->ticks, double, i)) -
                       pdx_chart_axis_fraction (axis, g_array_index (axis->ticks, double, i - 1))));
  return spacing;
}

static void
layout_y_axis (PdxChartCtx *ctx, const Extents *e, double length)
{
  PdxChart     *chart = ctx->chart;
  PdxChartAxis *axis = &chart->y_axis;
  double        lo = isfinite (chart->y_fixed_min) ? chart->y_fixed_min : e->y_lo;
  double        hi = isfinite (chart->y_fixed_max) ? chart->y_fixed_max : e->y_hi;
  double        text_h = tick_height (ctx);
  int           target = (int) CLAMP (length / (text_h * 3.0), 2, 10);

  axis->label_scale = chart->y_label_scale;
  if (!e->any && !isfinite (chart->y_fixed_min))
    lo = chart->y_log ? 1 : 0, hi = chart->y_log ? 10 : 1;
  if (chart->y_log)
    {
      pdx_chart_axis_set_log (axis, lo, hi);
      while (axis->ticks->len > 2 && min_tick_spacing (axis, length) < text_h * 1.2)
        thin_ticks (axis);
      return;
    }
  /* A fixed range keeps its ends (survival's headroom above 100 %); ticks fall inside it. */
  do
    pdx_chart_axis_set_linear (axis, lo, hi, target,
                               !isfinite (chart->y_fixed_min) || !isfinite (chart->y_fixed_max));
  while (min_tick_spacing (axis, length) < text_h * 1.3 && --target >= 1);
}

static void
layout_x_axis (PdxChartCtx *ctx, const Extents *e, double length)
{
  PdxChart     *chart = ctx->chart;
  PdxChartAxis *axis = &chart->x_axis;
  int           target = (int) CLAMP (length / (60 * ctx->pt), 2, 12);

  if (chart->x_categorical)
    {
      axis->log = FALSE;
      axis->min = e->any ? e->x_lo : -0.5;
      axis->max = e->any ? e->x_hi : 0.5;
      g_array_set_size (axis->ticks, 0);
      return;
    }
  for (; target >= 1; target--)
    {
      double widest = 0;
      pdx_chart_axis_set_linear (axis, e->any ? e->x_lo : 0, e->any ? e->x_hi : 28, target, TRUE);
      for (guint i = 0; i < axis->ticks->len; i++)
        widest = MAX (widest, tick_label_width (ctx, axis, g_array_index (axis->ticks, double, i)));
      if (min_tick_spacing (axis, length) >= widest + 8 * ctx->pt)
        break;
    }
}

/* ---- frame ---------------------------------------------------------------------------------- */

static double
text_height (PdxChartCtx *ctx, PdxChartFont font)
{
  double height;
  pdx_chart_text_size (ctx, font, "Xg", -1, NULL, &height);
  return height;
}

static double
y_labels_width (PdxChartCtx *ctx)
{
  const PdxChartAxis *axis = &ctx->chart->y_axis;
  double              widest = 0;

  for (guint i = 0; i < axis->ticks->len; i++)
    widest = MAX (widest, tick_label_width (ctx, axis, g_array_index (axis->ticks, double, i)));
  return widest;
}

static double
guide_labels_width (PdxChartCtx *ctx)
{
  double widest = 0;

  for (guint g = 0; g < ctx->chart->guides->len; g++)
    {
      const PdxChartGuide *guide = &g_array_index (ctx->chart->guides, PdxChartGuide, g);
      double               width = 0;
      if (guide->label)
        pdx_chart_text_size (ctx, PDX_CHART_FONT_NOTE, guide->label, -1, &width, NULL);
      widest = MAX (widest, width);
    }
  return widest;
}

/* Notes of the model plus the engine's own (log-axis omissions), into layout->notes. */
static double
collect_notes (PdxChartCtx *ctx, guint dropped)
{
  PdxChartLayout *layout = ctx->layout;
  double          total = 0, wrap = ctx->width - 2 * PAD * ctx->pt;

  g_ptr_array_set_size (layout->notes, 0);
  for (guint i = 0; i < ctx->chart->notes->len; i++)
    g_ptr_array_add (layout->notes, g_strdup (g_ptr_array_index (ctx->chart->notes, i)));
  if (dropped > 0)
    g_ptr_array_add (
        layout->notes,
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "%u value \u2264 0 cannot be shown on the log axis and is "
                                      "left out.",
                                      "%u values \u2264 0 cannot be shown on the log axis and are "
                                      "left out.",
                                      dropped),
                         dropped));
  for (guint i = 0; i < layout->notes->len; i++)
    {
      g_autofree char *markup = g_markup_escape_text (g_ptr_array_index (layout->notes, i), -1);
      double           height;
      pdx_chart_text_size (ctx, PDX_CHART_FONT_NOTE, markup, wrap, NULL, &height);
      total += height + (i > 0 ? 2 * ctx->pt : 0);
    }
  return total;
}

static void
set_plot (PdxChartCtx *ctx, const Frame *f)
{
  PdxChartRect *plot = &ctx->layout->plot;

  plot->x = f->left;
  plot->y = f->top;
  plot->width = MAX (ctx->width - f->left - f->right - f->column_w, 1);
  plot->height = MAX (ctx->height - f->top - f->bottom, 1);
}

static void
measure_frame (PdxChartCtx *ctx, Frame *f, const Extents *e)
{
  PdxChart *chart = ctx->chart;
  double    pt = ctx->pt, y_title_w;

  f->top = PAD * pt;
  if (chart->options.show_title && chart->title)
    f->top += text_height (ctx, PDX_CHART_FONT_TITLE) + GAP * pt;
  f->band_y = f->top;
  f->top += f->band_h;
  if (isfinite (chart->shade_x0) && e->any)
    f->top += text_height (ctx, PDX_CHART_FONT_NOTE) + GAP * pt / 2;
  else
    f->top += GAP * pt;
  f->notes_h = collect_notes (ctx, e->dropped);
  f->below_h = chart->measure_below ? chart->measure_below (ctx, &f->below_left) : 0;
  f->bottom = PAD * pt + f->notes_h + (f->notes_h > 0 ? 2 * GAP * pt : 0) + f->below_h +
              text_height (ctx, PDX_CHART_FONT_AXIS_TITLE) + GAP * pt +
              (chart->x_categorical ? 0 : tick_height (ctx) + GAP * pt) + TICK * pt;
  layout_y_axis (ctx, e, MAX (ctx->height - f->top - f->bottom, 1));
  y_title_w = text_height (ctx, PDX_CHART_FONT_AXIS_TITLE);
  f->left = PAD * pt + y_title_w + 2 * GAP * pt + y_labels_width (ctx) + TICK * pt;
  f->left = MAX (f->left, PAD * pt + f->below_left + 2 * GAP * pt);
  f->right = PAD * pt;
  if (chart->guides->len > 0)
    f->right = MAX (f->right, PAD * pt + GAP * pt + guide_labels_width (ctx));
  set_plot (ctx, f);
  layout_x_axis (ctx, e, ctx->layout->plot.width);
  /* The last x label is centred on the plot's right edge: make room for its right half. */
  if (chart->x_axis.ticks->len > 0 && f->column_w == 0)
    {
      const PdxChartAxis *x_axis = &chart->x_axis;
      double              last = g_array_index (x_axis->ticks, double, x_axis->ticks->len - 1);
      double              overhang = pdx_chart_axis_fraction (x_axis, last) > 0.999
                                         ? tick_label_width (ctx, x_axis, last) / 2
                                         : 0;
      if (PAD * pt + overhang > f->right)
        {
          f->right = PAD * pt + overhang;
          set_plot (ctx, f);
          layout_x_axis (ctx, e, ctx->layout->plot.width);
        }
    }
}

/* ---- the legend box ------------------------------------------------------------------------ */

/* Inside the plot where a corner is free of data; else in a column right of the plot. */
static void
place_legend (PdxChartCtx *ctx, Frame *f, const Extents *e)
{
  PdxChart *chart = ctx->chart;
  double    width = 0, height = 0, gap = 2 * GAP * ctx->pt;

  f->has_legend = (chart->legend->len > 0 || chart->legend_size != NULL) && e->any;
  if (!f->has_legend)
    return;
  pdx_chart_legend_size (ctx, &width, &height);
  if (pdx_chart_find_free_corner (ctx, width, height, &f->legend))
    return;
  f->legend_out = TRUE;
  /* Right of the plot while the plot keeps half the canvas; else in a band above it. */
  if (ctx->layout->plot.width - gap - width >= ctx->width / 2)
    {
      f->column_w = gap + width;
      set_plot (ctx, f);
      layout_x_axis (ctx, e, ctx->layout->plot.width);
      f->legend = (PdxChartRect){ ctx->layout->plot.x + ctx->layout->plot.width + gap,
                                  ctx->layout->plot.y, width, height };
      return;
    }
  f->band_h = height + gap;
  measure_frame (ctx, f, e);
  f->legend = (PdxChartRect){ ctx->layout->plot.x, f->band_y, width, height };
}

/* ---- drawing the frame ---------------------------------------------------------------------- */

static void
draw_grid (PdxChartCtx *ctx)
{
  const PdxChartAxis *axis = &ctx->chart->y_axis;
  const PdxChartRect *plot = &ctx->layout->plot;
  double              lw = pdx_chart_line_width (ctx, 0.75);

  cairo_set_line_width (ctx->cr, lw);
  pdx_chart_set_source (ctx->cr, &ctx->theme.grid, 1);
  for (guint i = 0; i < axis->ticks->len; i++)
    {
      double y =
          pdx_chart_snap (ctx, pdx_chart_map_y (ctx, g_array_index (axis->ticks, double, i)), lw);
      cairo_move_to (ctx->cr, plot->x, y);
      cairo_line_to (ctx->cr, plot->x + plot->width, y);
    }
  cairo_stroke (ctx->cr);
  if (!axis->log && axis->min < 0 && axis->max > 0)
    {
      double y = pdx_chart_snap (ctx, pdx_chart_map_y (ctx, 0), lw);
      pdx_chart_set_source (ctx->cr, &ctx->theme.axis, 1);
      cairo_move_to (ctx->cr, plot->x, y);
      cairo_line_to (ctx->cr, plot->x + plot->width, y);
      cairo_stroke (ctx->cr);
    }
}

static void
draw_ticks (
    PdxChartCtx *ctx, const PdxChartAxis *axis, GArray *values, gboolean vertical, double length)
{
  const PdxChartRect *plot = &ctx->layout->plot;
  double              lw = pdx_chart_line_width (ctx, 0.75);
  double              x0 = pdx_chart_snap (ctx, plot->x, lw),
         y0 = pdx_chart_snap (ctx, plot->y + plot->height, lw);

  for (guint i = 0; i < values->len; i++)
    {
      double v = g_array_index (values, double, i);
      if (vertical)
        {
          double y = pdx_chart_snap (ctx, pdx_chart_map_y (ctx, v), lw);
          cairo_move_to (ctx->cr, x0, y);
          cairo_line_to (ctx->cr, x0 - length, y);
        }
      else
        {
          double x = pdx_chart_snap (ctx, pdx_chart_map_x (ctx, v), lw);
          cairo_move_to (ctx->cr, x, y0);
          cairo_line_to (ctx->cr, x, y0 + length);
        }
    }
}

static void
draw_tick_labels (PdxChartCtx *ctx, const PdxChartAxis *axis, gboolean vertical)
{
  const PdxChartRect *plot = &ctx->layout->plot;
  PdxChartAxisLayout *out = vertical ? &ctx->layout->y : &ctx->layout->x;
  double              offset = (TICK + GAP) * ctx->pt;

  for (guint i = 0; i < axis->ticks->len; i++)
    {
      double           v = g_array_index (axis->ticks, double, i);
      g_autofree char *label = pdx_chart_axis_format (axis, v);
      PdxChartRect     box;
      if (vertical)
        box = pdx_chart_text_draw (ctx, PDX_CHART_FONT_TICK, label, plot->x - offset,
                                   pdx_chart_map_y (ctx, v), 1, 0.5, FALSE, -1, &ctx->theme.text);
      else
        box = pdx_chart_text_draw (ctx, PDX_CHART_FONT_TICK, label, pdx_chart_map_x (ctx, v),
                                   plot->y + plot->height + offset, 0.5, 0, FALSE, -1,
                                   &ctx->theme.text);
      g_array_append_val (out->ticks, v);
      g_array_append_val (out->label_rects, box);
    }
}

static void
draw_axes (PdxChartCtx *ctx, gboolean with_ticks)
{
  PdxChart           *chart = ctx->chart;
  const PdxChartRect *plot = &ctx->layout->plot;
  double              lw = pdx_chart_line_width (ctx, 0.75);
  double              x0 = pdx_chart_snap (ctx, plot->x, lw),
         y0 = pdx_chart_snap (ctx, plot->y + plot->height, lw);

  cairo_set_line_width (ctx->cr, lw);
  cairo_set_line_cap (ctx->cr, CAIRO_LINE_CAP_SQUARE);
  pdx_chart_set_source (ctx->cr, &ctx->theme.axis, 1);
  cairo_move_to (ctx->cr, x0, pdx_chart_snap (ctx, plot->y, lw));
  cairo_line_to (ctx->cr, x0, y0);
  cairo_line_to (ctx->cr, pdx_chart_snap (ctx, plot->x + plot->width, lw), y0);
  if (with_ticks)
    {
      draw_ticks (ctx, &chart->y_axis, chart->y_axis.ticks, TRUE, TICK * ctx->pt);
      draw_ticks (ctx, &chart->y_axis, chart->y_axis.minor, TRUE, TICK * ctx->pt / 2);
      draw_ticks (ctx, &chart->x_axis, chart->x_axis.ticks, FALSE, TICK * ctx->pt);
    }
  cairo_stroke (ctx->cr);
  cairo_set_line_cap (ctx->cr, CAIRO_LINE_CAP_BUTT);
  if (with_ticks)
    {
      draw_tick_labels (ctx, &chart->y_axis, TRUE);
      draw_tick_labels (ctx, &chart->x_axis, FALSE);
    }
}

/* The y under the x tick labels, where the x axis title goes. */
static double
below_tick_labels (PdxChartCtx *ctx)
{
  const PdxChartRect *plot = &ctx->layout->plot;
  double              pt = ctx->pt;

  return plot->y + plot->height + TICK * pt + GAP * pt +
         (ctx->chart->x_categorical ? 0 : tick_height (ctx) + GAP * pt);
}

/* "name (unit)", with the axis's common factor folded in: "BLI flux (×10⁹ photons/s)". */
static char *
y_title (PdxChartCtx *ctx)
{
  PdxChart        *chart = ctx->chart;
  int              exponent = chart->y_axis.log ? 0 : chart->y_axis.exponent;
  g_autofree char *factor = NULL;

  if (exponent != 0)
    {
      g_autofree char *power = pdx_chart_format_number (exponent, 0);
      factor = g_strdup_printf ("\u00d710<sup>%s</sup>", power);
    }
  if (chart->y_unit && factor)
    return g_strdup_printf ("%s (%s %s)", chart->y_name, factor, chart->y_unit);
  if (chart->y_unit)
    return g_strdup_printf ("%s (%s)", chart->y_name, chart->y_unit);
  if (factor)
    return g_strdup_printf ("%s (%s)", chart->y_name, factor);
  return g_strdup (chart->y_name ? chart->y_name : "");
}

static void
draw_titles (PdxChartCtx *ctx, const Frame *f)
{
  PdxChart           *chart = ctx->chart;
  const PdxChartRect *plot = &ctx->layout->plot;
  double              pt = ctx->pt, below_ticks;
  g_autofree char    *y_text = y_title (ctx);

  /* Beside the tick labels, however wide the left margin grew for other reasons. */
  pdx_chart_text_draw (ctx, PDX_CHART_FONT_AXIS_TITLE, y_text,
                       plot->x - (TICK + 2 * GAP) * pt - y_labels_width (ctx),
                       plot->y + plot->height / 2, 1, 0.5, TRUE, -1, &ctx->theme.text);
  below_ticks = below_tick_labels (ctx);
  if (chart->x_title)
    pdx_chart_text_draw (ctx, PDX_CHART_FONT_AXIS_TITLE, chart->x_title, plot->x + plot->width / 2,
                         below_ticks, 0.5, 0, FALSE, -1, &ctx->theme.text);
  if (chart->options.show_title && chart->title)
    {
      g_autofree char *title = g_markup_escape_text (chart->title, -1);
      pdx_chart_text_draw (ctx, PDX_CHART_FONT_TITLE, title, PAD * pt, PAD * pt, 0, 0, FALSE,
                           ctx->width - 2 * PAD * pt, &ctx->theme.text);
    }
}

static void
draw_notes (PdxChartCtx *ctx, const Frame *f)
{
  double pt = ctx->pt, y = ctx->height - PAD * pt - f->notes_h;

  for (guint i = 0; i < ctx->layout->notes->len; i++)
    {
      g_autofree char *markup =
          g_markup_escape_text (g_ptr_array_index (ctx->layout->notes, i), -1);
      PdxChartRect box = pdx_chart_text_draw (ctx, PDX_CHART_FONT_NOTE, markup, PAD * pt, y, 0, 0,
                                              FALSE, ctx->width - 2 * PAD * pt, &ctx->theme.muted);
      y += box.height + 2 * pt;
    }
}

static void
draw_message (PdxChartCtx *ctx)
{
  const PdxChartRect *plot = &ctx->layout->plot;
  g_autofree char    *markup = g_markup_escape_text (ctx->chart->message, -1);

  ctx->text_align = PANGO_ALIGN_CENTER;
  pdx_chart_text_draw (ctx, PDX_CHART_FONT_MESSAGE, markup, plot->x + plot->width / 2,
                       plot->y + plot->height / 2, 0.5, 0.5, FALSE, plot->width * 0.8,
                       &ctx->theme.muted);
  ctx->text_align = PANGO_ALIGN_LEFT;
  ctx->layout->message = ctx->chart->message;
}

static void
finish_layout (PdxChartCtx *ctx, const Frame *f, const Extents *e)
{
  PdxChartLayout *layout = ctx->layout;

  layout->has_legend = f->has_legend;
  layout->legend_outside = f->legend_out;
  if (f->has_legend)
    layout->legend = f->legend;
  layout->x.min = ctx->chart->x_axis.min;
  layout->x.max = ctx->chart->x_axis.max;
  layout->x.log = FALSE;
  layout->x.factor = 1;
  layout->y.min = ctx->chart->y_axis.min;
  layout->y.max = ctx->chart->y_axis.max;
  layout->y.log = ctx->chart->y_axis.log;
  layout->y.factor = pow (10, ctx->chart->y_axis.exponent) / ctx->chart->y_axis.label_scale;
  if (e->any)
    {
      layout->data_x_min = e->x_lo, layout->data_x_max = e->x_hi;
      layout->data_y_min = e->y_lo, layout->data_y_max = e->y_hi;
    }
}

void
pdx_chart_plot_run (PdxChartCtx *ctx)
{
  PdxChart *chart = ctx->chart;
  Frame     f = { 0 };
  Extents   e, range;

  data_extents (chart, &e);
  chart->log_dropped = e.dropped;
  if (!chart->options.transparent)
    {
      pdx_chart_set_source (ctx->cr, &ctx->theme.background, 1);
      cairo_rectangle (ctx->cr, 0, 0, ctx->width, ctx->height);
      cairo_fill (ctx->cr);
    }
  pad_extents (chart, &e, &range);
  measure_frame (ctx, &f, &range);
  place_legend (ctx, &f, &range);
  ctx->below_y =
      below_tick_labels (ctx) + text_height (ctx, PDX_CHART_FONT_AXIS_TITLE) + GAP * ctx->pt;
  if (e.any)
    {
      pdx_chart_draw_shade (ctx);
      draw_grid (ctx);
      pdx_chart_draw_data (ctx);
      if (chart->draw_extra)
        chart->draw_extra (ctx);
    }
  draw_axes (ctx, e.any);
  draw_titles (ctx, &f);
  if (f.has_legend)
    pdx_chart_legend_draw (ctx, &f.legend);
  draw_notes (ctx, &f);
  if (!e.any)
    {
      if (chart->message == NULL)
        chart->message = g_strdup (_ ("Nothing to show: no values for this chart."));
      draw_message (ctx);
    }
  finish_layout (ctx, &f, &e);
}
