/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-chart-geometry.c — data to device coordinates, line widths and pixel snapping: the leaf
 * the plot, its data layer and its legend all draw with. */
#include <math.h>

#include "pdx-chart-private.h"

double
pdx_chart_map_x (PdxChartCtx *ctx, double x)
{
  const PdxChartRect *plot = &ctx->layout->plot;
  return plot->x + pdx_chart_axis_fraction (&ctx->chart->x_axis, x) * plot->width;
}

double
pdx_chart_map_y (PdxChartCtx *ctx, double y)
{
  const PdxChartRect *plot = &ctx->layout->plot;
  return plot->y + (1 - pdx_chart_axis_fraction (&ctx->chart->y_axis, y)) * plot->height;
}

double
pdx_chart_line_width (PdxChartCtx *ctx, double points)
{
  double pixels = points * ctx->pt / ctx->px;

  if (ctx->raster)
    pixels = MAX (1, round (pixels));
  return pixels * ctx->px;
}

double
pdx_chart_snap (PdxChartCtx *ctx, double v, double line_width)
{
  long pixels;

  if (!ctx->raster)
    return v;
  pixels = lround (line_width / ctx->px);
  /* An odd width centres on a pixel centre, an even one on a pixel edge. */
  if (pixels % 2 == 1)
    return (floor (v / ctx->px) + 0.5) * ctx->px;
  return round (v / ctx->px) * ctx->px;
}
