/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-chart-legend.c — the legend box and the search for a corner of the plot that covers no
 * data. */
#include "pdx-chart-private.h"

#include <math.h>

/* In points. */
#define BOX_PAD 6.0
#define SYMBOL_W 18.0
#define SYMBOL_GAP 6.0
#define ROW_GAP 3.0
#define INSET 6.0
#define CLEARANCE 3.0 /* data closer than this to a box counts as covered */

static double
row_height (PdxChartCtx *ctx)
{
  double height;
  pdx_chart_text_size (ctx, PDX_CHART_FONT_LEGEND, "Xg", -1, NULL, &height);
  return height;
}

void
pdx_chart_legend_size (PdxChartCtx *ctx, double *width, double *height)
{
  GArray *legend = ctx->chart->legend;
  double  widest = 0, pt = ctx->pt;

  if (ctx->chart->legend_size)
    {
      ctx->chart->legend_size (ctx, width, height);
      return;
    }
  for (guint i = 0; i < legend->len; i++)
    {
      double w;
      pdx_chart_text_size (ctx, PDX_CHART_FONT_LEGEND,
                           g_array_index (legend, PdxChartLegendEntry, i).label, -1, &w, NULL);
      widest = MAX (widest, w);
    }
  *width = 2 * BOX_PAD * pt + SYMBOL_W * pt + SYMBOL_GAP * pt + widest;
  *height = 2 * BOX_PAD * pt + legend->len * row_height (ctx) +
            (legend->len > 0 ? (legend->len - 1) * ROW_GAP * pt : 0);
}

void
pdx_chart_box_draw (PdxChartCtx *ctx, const PdxChartRect *box)
{
  double lw = pdx_chart_line_width (ctx, 0.75);
  double x0 = pdx_chart_snap (ctx, box->x, lw), y0 = pdx_chart_snap (ctx, box->y, lw);
  double x1 = pdx_chart_snap (ctx, box->x + box->width, lw);
  double y1 = pdx_chart_snap (ctx, box->y + box->height, lw);

  cairo_rectangle (ctx->cr, x0, y0, x1 - x0, y1 - y0);
  pdx_chart_set_source (ctx->cr, &ctx->theme.legend_fill, 1);
  cairo_fill_preserve (ctx->cr);
  cairo_set_line_width (ctx->cr, lw);
  pdx_chart_set_source (ctx->cr, &ctx->theme.grid, 1);
  cairo_stroke (ctx->cr);
}

static void
draw_symbol (PdxChartCtx *ctx, const PdxChartLegendEntry *entry, double x, double y_mid)
{
  cairo_t *cr = ctx->cr;
  double   pt = ctx->pt;

  pdx_chart_set_source (cr, &entry->colour, 1);
  if (entry->symbol == PDX_CHART_SYMBOL_BOX)
    {
      cairo_rectangle (cr, x + (SYMBOL_W - 10) * pt / 2, y_mid - 5 * pt, 10 * pt, 10 * pt);
      cairo_fill (cr);
      return;
    }
  cairo_set_line_width (cr, pdx_chart_line_width (ctx, 2));
  if (entry->dashed)
    cairo_set_dash (cr, (double[]){ 4 * pt, 2.5 * pt }, 2, 0);
  cairo_move_to (cr, x, y_mid);
  cairo_line_to (cr, x + SYMBOL_W * pt, y_mid);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  if (entry->symbol == PDX_CHART_SYMBOL_LINE_MARKER)
    {
      cairo_arc (cr, x + SYMBOL_W * pt / 2, y_mid, 3 * pt, 0, 2 * G_PI);
      cairo_fill (cr);
    }
}

void
pdx_chart_legend_draw (PdxChartCtx *ctx, const PdxChartRect *box)
{
  GArray *legend = ctx->chart->legend;
  double  pt = ctx->pt, row_h = row_height (ctx);
  double  x = box->x + BOX_PAD * pt, y = box->y + BOX_PAD * pt;

  pdx_chart_box_draw (ctx, box);
  if (ctx->chart->legend_draw)
    {
      ctx->chart->legend_draw (ctx, box);
      return;
    }
  for (guint i = 0; i < legend->len; i++)
    {
      const PdxChartLegendEntry *entry = &g_array_index (legend, PdxChartLegendEntry, i);
      draw_symbol (ctx, entry, x, y + row_h / 2);
      pdx_chart_text_draw (ctx, PDX_CHART_FONT_LEGEND, entry->label,
                           x + (SYMBOL_W + SYMBOL_GAP) * pt, y + row_h / 2, 0, 0.5, FALSE, -1,
                           &ctx->theme.text);
      y += row_h + ROW_GAP * pt;
    }
}

/* ---- is a box free of data? ---------------------------------------------------------------- */

typedef struct
{
  PdxChartRect rect; /* grown by the clearance */
  gboolean     hit;
} HitSearch;

static gboolean
contains (const PdxChartRect *r, double x, double y)
{
  return x >= r->x && x <= r->x + r->width && y >= r->y && y <= r->y + r->height;
}

/* Liang–Barsky: does the segment cross the rectangle? */
static gboolean
segment_hits (const PdxChartRect *r, double x0, double y0, double x1, double y1)
{
  double t0 = 0, t1 = 1, dx = x1 - x0, dy = y1 - y0;
  double p[4] = { -dx, dx, -dy, dy };
  double q[4] = { x0 - r->x, r->x + r->width - x0, y0 - r->y, r->y + r->height - y0 };

  for (int i = 0; i < 4; i++)
    {
      if (p[i] == 0)
        {
          if (q[i] < 0)
            return FALSE;
          continue;
        }
      double t = q[i] / p[i];
      if (p[i] < 0)
        t0 = MAX (t0, t);
      else
        t1 = MIN (t1, t);
      if (t0 > t1)
        return FALSE;
    }
  return TRUE;
}

static void
hit_cb (PdxChartMarkKind kind,
        double           x0,
        double           y0,
        double           x1,
        double           y1,
        int              point,
        gpointer         user_data)
{
  HitSearch          *search = user_data;
  const PdxChartRect *r = &search->rect;

  if (search->hit)
    return;
  if (kind == PDX_CHART_MARK_POINT)
    search->hit = contains (r, x0, y0);
  else if (kind == PDX_CHART_MARK_SEGMENT)
    search->hit = segment_hits (r, x0, y0, x1, y1);
  else
    search->hit = MIN (x0, x1) <= r->x + r->width && MAX (x0, x1) >= r->x &&
                  MIN (y0, y1) <= r->y + r->height && MAX (y0, y1) >= r->y;
}

gboolean
pdx_chart_rect_hits_data (PdxChartCtx *ctx, const PdxChartRect *rect)
{
  double    grow = CLEARANCE * ctx->pt;
  HitSearch search = {
    { rect->x - grow, rect->y - grow, rect->width + 2 * grow, rect->height + 2 * grow }, FALSE
  };

  for (guint s = 0; s < ctx->chart->series->len && !search.hit; s++)
    pdx_chart_series_walk (ctx, g_ptr_array_index (ctx->chart->series, s), hit_cb, &search);
  return search.hit;
}

gboolean
pdx_chart_find_free_corner (PdxChartCtx *ctx, double width, double height, PdxChartRect *out)
{
  const PdxChartRect *plot = &ctx->layout->plot;
  double              inset = INSET * ctx->pt;
  double              left = plot->x + inset, right = plot->x + plot->width - inset - width;
  double              top = plot->y + inset, bottom = plot->y + plot->height - inset - height;
  const double        corners[4][2] = {
           { right, top }, { left, top }, { right, bottom }, { left, bottom }
  };

  if (width + 2 * inset > plot->width || height + 2 * inset > plot->height)
    return FALSE;
  for (int c = 0; c < 4; c++)
    {
      PdxChartRect candidate = { corners[c][0], corners[c][1], width, height };
      if (!pdx_chart_rect_hits_data (ctx, &candidate))
        {
          *out = candidate;
          return TRUE;
        }
    }
  return FALSE;
}
