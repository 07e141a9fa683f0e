/* pdx-chart-raster.c — thin antialiased lines written straight into an image surface.
 *
 * cairo 1.16 rasterises every stroke through a coverage mask over the stroke's bounding box; a
 * spider chart of 1,000 mice (12,000 segments, each curve spanning the plot) then takes about
 * 150 ms a frame. One-pixel lines need no mask: Xiaolin Wu's algorithm blends two pixels per
 * column (or row), the same ink per unit length as a 1-pixel cairo stroke, in a few
 * milliseconds. Used only where it gives the same picture: an image target, a transform that
 * only scales and translates, lines one device pixel wide, no dashes. Everything else, and all
 * vector output, goes through cairo. */
#include "pdx-chart-private.h"

#include <math.h>

gboolean
pdx_chart_raster_begin (PdxChartCtx *ctx, const PdxChartRect *clip, PdxChartRaster *raster)
{
  cairo_surface_t *target = cairo_get_group_target (ctx->cr);
  cairo_matrix_t   m;
  double           offset_x, offset_y, scale_x, scale_y, x0, y0, x1, y1;

  if (cairo_surface_get_type (target) != CAIRO_SURFACE_TYPE_IMAGE)
    return FALSE;
  raster->format = cairo_image_surface_get_format (target);
  if (raster->format != CAIRO_FORMAT_ARGB32 && raster->format != CAIRO_FORMAT_RGB24)
    return FALSE;
  cairo_get_matrix (ctx->cr, &m);
  if (fabs (m.xy) > 1e-9 || fabs (m.yx) > 1e-9)
    return FALSE;
  cairo_surface_get_device_offset (target, &offset_x, &offset_y);
  cairo_surface_get_device_scale (target, &scale_x, &scale_y);
  raster->sx = m.xx * scale_x, raster->sy = m.yy * scale_y;
  raster->tx = m.x0 * scale_x + offset_x, raster->ty = m.y0 * scale_y + offset_y;

  cairo_surface_flush (target);
  raster->target = target;
  raster->data = cairo_image_surface_get_data (target);
  raster->stride = cairo_image_surface_get_stride (target);
  x0 = clip->x * raster->sx + raster->tx, x1 = (clip->x + clip->width) * raster->sx + raster->tx;
  y0 = clip->y * raster->sy + raster->ty, y1 = (clip->y + clip->height) * raster->sy + raster->ty;
  raster->clip_x0 = MAX (0, (int) floor (MIN (x0, x1)));
  raster->clip_y0 = MAX (0, (int) floor (MIN (y0, y1)));
  raster->clip_x1 = MIN (cairo_image_surface_get_width (target), (int) ceil (MAX (x0, x1)));
  raster->clip_y1 = MIN (cairo_image_surface_get_height (target), (int) ceil (MAX (y0, y1)));
  return raster->data != NULL;
}

void
pdx_chart_raster_end (PdxChartRaster *raster)
{
  cairo_surface_mark_dirty (raster->target);
}

/* Blends the colour at @coverage (0…1) × alpha into pixel (x, y): premultiplied "over" in
 * 8-bit fixed point, red and blue in one multiply. */
static inline G_ALWAYS_INLINE void
blend (const PdxChartRaster *raster, int x, int y, double coverage)
{
  guint32 *pixel, d, k, keep, rb, g, a;

  if (x < raster->clip_x0 || x >= raster->clip_x1 || y < raster->clip_y0 || y >= raster->clip_y1)
    return;
  k = ((guint32) (coverage * 256) * raster->alpha256) >> 8;
  if (k == 0)
    return;
  keep = 256 - k;
  pixel = (guint32 *) (raster->data + (gsize) y * raster->stride) + x;
  d = *pixel;
  rb = ((raster->src_rb * k + (d & 0xff00ff) * keep) >> 8) & 0xff00ff;
  g = ((raster->src_g * k + (d & 0x00ff00) * keep) >> 8) & 0x00ff00;
  a = raster->format == CAIRO_FORMAT_ARGB32 ? ((255 * k + (d >> 24) * keep) >> 8) << 24
                                            : 0xff000000u;
  *pixel = a | rb | g;
}

/* Plots (major, minor) with axes swapped back when the line is steep. */
static inline G_ALWAYS_INLINE void
plot (const PdxChartRaster *raster, gboolean steep, int major, int minor, double coverage)
{
  if (steep)
    blend (raster, minor, major, coverage);
  else
    blend (raster, major, minor, coverage);
}

void
pdx_chart_raster_set_colour (PdxChartRaster *raster, const PdxChartColour *colour, double alpha)
{
  guint32 r = (guint32) lround (255 * colour->r), g = (guint32) lround (255 * colour->g);
  guint32 b = (guint32) lround (255 * colour->b);

  raster->src_rb = r << 16 | b;
  raster->src_g = g << 8;
  raster->alpha256 = (guint32) lround (256 * CLAMP (colour->a * alpha, 0, 1));
  for (guint f = 0; f < 256; f++)
    raster->weight[f] = ((f + (f >> 7)) * raster->alpha256) >> 8;
}

/* Blends @pixel with 8-bit weight @k (coverage × alpha, 0…256), no clip test. @argb is a
 * constant at each call, so the compiler drops the alpha channel's work for RGB24. */
static inline G_ALWAYS_INLINE void
blend_fast (guint32 *pixel, guint32 src_rb, guint32 src_g, guint32 k, gboolean argb)
{
  guint32 d = *pixel, keep = 256 - k;
  guint32 rb = ((src_rb * k + (d & 0xff00ff) * keep) >> 8) & 0xff00ff;
  guint32 g = ((src_g * k + (d & 0x00ff00) * keep) >> 8) & 0x00ff00;
  guint32 a = argb ? ((255 * k + (d >> 24) * keep) >> 8) << 24 : 0xff000000u;
  *pixel = a | rb | g;
}

/* The unclipped run of span(): @major_step and @minor_step are the pointer moves (in pixels)
 * along and across the line; constants at each call. The colour is copied into locals: the
 * pixel stores could otherwise alias it and force reloads. */
static inline G_ALWAYS_INLINE void
run_fast (const PdxChartRaster *raster,
          guint32              *origin,
          int                   count,
          gint64                fixed,
          gint64                step,
          gsize                 major_step,
          gsize                 minor_step,
          gboolean              argb)
{
  const guint32  src_rb = raster->src_rb, src_g = raster->src_g;
  const guint32 *weight = raster->weight;

  for (int i = 0; i < count; i++, fixed += step)
    {
      guint32 *pixel = origin + i * major_step + (gsize) (fixed >> 16) * minor_step;
      guint32  f = (guint32) (fixed >> 8) & 0xff;
      blend_fast (pixel, src_rb, src_g, weight[255 - f], argb);
      blend_fast (pixel + minor_step, src_rb, src_g, weight[f], argb);
    }
}

/* The inside of a line, major coordinate @from to @to (exclusive), the minor one starting at
 * @intery and moving @gradient per step: two pixels each step. Where the whole run lies inside
 * the clip (most of a chart's lines), in 16.16 fixed point without per-pixel tests. */
static void
span (
    const PdxChartRaster *raster, gboolean steep, int from, int to, double intery, double gradient)
{
  double end_y = intery + gradient * (to - from);
  int    lo = (int) floor (MIN (intery, end_y)), hi = (int) floor (MAX (intery, end_y)) + 1;
  gsize stride = (gsize) raster->stride / 4, major = steep ? stride : 1, minor = steep ? 1 : stride;
  gboolean argb = raster->format == CAIRO_FORMAT_ARGB32;
  gint64   fixed = (gint64) llround (intery * 65536), step = (gint64) llround (gradient * 65536);

  if (to <= from)
    return;
  if (from < (steep ? raster->clip_y0 : raster->clip_x0) ||
      to > (steep ? raster->clip_y1 : raster->clip_x1) ||
      lo < (steep ? raster->clip_x0 : raster->clip_y0) ||
      hi >= (steep ? raster->clip_x1 : raster->clip_y1))
    {
      for (int m = from; m < to; m++, intery += gradient)
        {
          int y = (int) floor (intery);
          plot (raster, steep, m, y, 1 - (intery - y));
          plot (raster, steep, m, y + 1, intery - y);
        }
      return;
    }
  /* Specialised loops: which way is "across" and whether there is an alpha channel. */
  fixed -= (gint64) lo << 16;
  {
    guint32 *origin = (guint32 *) raster->data + (gsize) from * major + (gsize) lo * minor;
    if (!steep && !argb)
      run_fast (raster, origin, to - from, fixed, step, 1, stride, FALSE);
    else if (!steep)
      run_fast (raster, origin, to - from, fixed, step, 1, stride, TRUE);
    else if (!argb)
      run_fast (raster, origin, to - from, fixed, step, stride, 1, FALSE);
    else
      run_fast (raster, origin, to - from, fixed, step, stride, 1, TRUE);
  }
}

static inline void
swap (double *a, double *b)
{
  double t = *a;
  *a = *b;
  *b = t;
}

/* One end of a line at (@x, @y) in (major, minor) pixels: its column, weighted by how much of
 * it the line covers. Returns the column; *@at_y is the line's minor coordinate there. */
static int
line_end (const PdxChartRaster *raster,
          gboolean              steep,
          double                x,
          double                y,
          double                gradient,
          gboolean              start,
          gboolean              draw,
          double               *at_y)
{
  double xend = round (x), yend = y + gradient * (xend - x);
  double inside = x + 0.5 - floor (x + 0.5);
  double xgap = start ? 1 - inside : inside;
  int    row = (int) floor (yend);

  if (draw)
    {
      plot (raster, steep, (int) xend, row, (1 - (yend - row)) * xgap);
      plot (raster, steep, (int) xend, row + 1, (yend - row) * xgap);
    }
  *at_y = yend;
  return (int) xend;
}

void
pdx_chart_raster_line (PdxChartRaster *raster, double ux0, double uy0, double ux1, double uy1)
{
  /* Device pixels, shifted so that pixel centres sit on whole numbers. */
  double   x0 = ux0 * raster->sx + raster->tx - 0.5, y0 = uy0 * raster->sy + raster->ty - 0.5;
  double   x1 = ux1 * raster->sx + raster->tx - 0.5, y1 = uy1 * raster->sy + raster->ty - 0.5;
  gboolean steep = fabs (y1 - y0) > fabs (x1 - x0);
  double   gradient, intery, end_y;
  int      first, last;

  if (!isfinite (x0) || !isfinite (y0) || !isfinite (x1) || !isfinite (y1))
    return;
  /* Walk along the major axis (x after the swap), left to right. */
  if (steep)
    swap (&x0, &y0), swap (&x1, &y1);
  if (x0 > x1)
    swap (&x0, &x1), swap (&y0, &y1);
  /* Lines far outside the clip: nothing to do (and no runaway loops). */
  if (x1 < -1 || x0 > 1e5 || fabs (y0) > 1e5 || fabs (y1) > 1e5)
    return;
  gradient = x1 - x0 > 0 ? (y1 - y0) / (x1 - x0) : 1;
  first = line_end (raster, steep, x0, y0, gradient, TRUE, TRUE, &intery);
  last = line_end (raster, steep, x1, y1, gradient, FALSE, round (x1) > round (x0), &end_y);
  intery += gradient;
  if (first + 1 < -1)
    {
      intery += gradient * (-2 - first);
      first = -2;
    }
  span (raster, steep, first + 1, MIN (last, 100000), intery, gradient);
}
