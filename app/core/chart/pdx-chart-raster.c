/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-chart-raster.c — thin antialiased lines written straight into an image surface.
 *
 * cairo 1.16 rasterises every stroke through a coverage mask over the stroke's bounding box; a
 * spider chart of 1,000 mice (12,000 segments, each curve spanning the plot) then takes about
 * 110 ms of CPU a frame, 100 mice 13 ms. One-pixel lines need no mask: Xiaolin Wu's algorithm
 * blends two pixels per column (or row), the same ink per unit length as a 1-pixel cairo
 * stroke, in 1-7 ms (both pixels in one SSE2 vector where there is SSE2; the scalar path is
 * built and compared byte for byte in tests/test-chart-raster.c). Used only where it gives the
 * same picture: an image target, a transform that only scales and translates, lines one device
 * pixel wide, no dashes, no markers. Everything else (bars included: cairo fills them about as
 * fast), and all vector output, goes through cairo; docs/chart-rasteriser.md has the
 * measurement, tests/test-chart-render.c compares the two. */
#ifdef PDX_CHART_RASTER_SCALAR
/* The scalar build (tests/meson.build compiles this file a second time with this macro): the
 * same code without SSE2, under names of its own, so that a test can compare the two. */
#define pdx_chart_raster_begin pdx_chart_raster_scalar_begin
#define pdx_chart_raster_end pdx_chart_raster_scalar_end
#define pdx_chart_raster_lines pdx_chart_raster_scalar_lines
#define pdx_chart_raster_enabled pdx_chart_raster_scalar_enabled
#endif

#include "pdx-chart-private.h"

#include <math.h>
#if defined(__SSE2__) && !defined(PDX_CHART_RASTER_SCALAR)
#define PDX_CHART_RASTER_SSE2 1
#include <emmintrin.h>
#endif

gboolean
pdx_chart_raster_enabled (void)
{
  static gsize    once = 0;
  static gboolean enabled;

  if (g_once_init_enter (&once))
    {
      enabled = g_strcmp0 (g_getenv ("PDX_CHART_RASTER"), "cairo") != 0;
      g_once_init_leave (&once, 1);
    }
  return enabled;
}

gboolean
pdx_chart_raster_begin (PdxChartCtx *ctx, const PdxChartRect *clip, PdxChartRaster *raster)
{
  cairo_surface_t *target = cairo_get_group_target (ctx->cr);
  cairo_matrix_t   m;
  double           offset_x, offset_y, scale_x, scale_y, x0, y0, x1, y1;

  if (!pdx_chart_raster_enabled () || cairo_surface_get_type (target) != CAIRO_SURFACE_TYPE_IMAGE)
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
  /* A thin curve is one of the chart's pixels wide (ctx->px, which leaves the surface's device
   * scale out): on a screen at 2× that is two device pixels. */
  if (fabs (fabs (raster->sx) - fabs (raster->sy)) > 1e-9 * fabs (raster->sx))
    return FALSE;
  raster->thick = (int) lround (ctx->px * fabs (raster->sx));
  if (raster->thick < 1 || raster->thick > 4)
    return FALSE;

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

/* The blend tables of @colour at @alpha. */
static void
set_colour (PdxChartRaster *raster, const PdxChartColour *colour, double alpha)
{
  guint32       r = (guint32) lround (255 * colour->r), g = (guint32) lround (255 * colour->g);
  guint32       b = (guint32) lround (255 * colour->b);
  const guint32 channel[4] = { b, g, r, 255 }; /* the bytes of a pixel in memory */

  raster->src_rb = r << 16 | b;
  raster->src_g = g << 8;
  raster->alpha256 = (guint32) lround (256 * CLAMP (colour->a * alpha, 0, 1));
  for (guint f = 0; f < 256; f++)
    raster->weight[f] = ((f + (f >> 7)) * raster->alpha256) >> 8;
  for (guint f = 0; f < 256; f++)
    for (guint c = 0; c < 8; c++)
      {
        guint32 k = raster->weight[c < 4 ? 255 - f : f];
        raster->pair_src[f][c] = (guint16) (channel[c % 4] * k);
        raster->pair_keep[f][c] = (guint16) (256 - k);
      }
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

/* blend_fast() on (major, minor) after a clip test, for the ends of a run. */
static void
blend_clipped (const PdxChartRaster *raster, gboolean steep, int major, int minor, guint32 k)
{
  int x = steep ? minor : major, y = steep ? major : minor;

  if (k == 0 || x < raster->clip_x0 || x >= raster->clip_x1 || y < raster->clip_y0 ||
      y >= raster->clip_y1)
    return;
  blend_fast ((guint32 *) (raster->data + (gsize) y * raster->stride) + x, raster->src_rb,
              raster->src_g, k, raster->format == CAIRO_FORMAT_ARGB32);
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
          gboolean              argb,
          int                   thick)
{
  const gsize   far_step = minor_step * (gsize) thick;
  const guint32 full = raster->weight[255];

#ifdef PDX_CHART_RASTER_SSE2
  /* Both pixels of a step in one vector, a channel a 16-bit lane: the same arithmetic as
   * blend_fast() (colour·k + pixel·(256 − k) stays below 2¹⁶), so the same bytes. */
  const __m128i zero = _mm_setzero_si128 ();
  const __m128i opaque = _mm_set1_epi32 (argb ? 0 : (int) 0xff000000u);

  for (int i = 0; i < count; i++, fixed += step)
    {
      guint32 *pixel = origin + i * major_step + (gsize) (fixed >> 16) * minor_step;
      guint    f = (guint) (fixed >> 8) & 0xff;
      __m128i  near = _mm_cvtsi32_si128 ((int) pixel[0]);
      __m128i  far = _mm_cvtsi32_si128 ((int) pixel[far_step]);
      __m128i  both = _mm_unpacklo_epi8 (_mm_unpacklo_epi32 (near, far), zero);
      __m128i  keep = _mm_loadu_si128 ((const __m128i *) (gconstpointer) raster->pair_keep[f]);
      __m128i  sum =
          _mm_add_epi16 (_mm_loadu_si128 ((const __m128i *) (gconstpointer) raster->pair_src[f]),
                         _mm_mullo_epi16 (both, keep));
      __m128i out = _mm_or_si128 (_mm_packus_epi16 (_mm_srli_epi16 (sum, 8), zero), opaque);

      pixel[0] = (guint32) _mm_cvtsi128_si32 (out);
      pixel[far_step] = (guint32) _mm_cvtsi128_si32 (_mm_srli_si128 (out, 4));
      /* A line several pixels thick (a screen at 2×): the rows between are covered whole. */
      for (int j = 1; j < thick; j++)
        blend_fast (pixel + j * minor_step, raster->src_rb, raster->src_g, full, argb);
    }
#else
  const guint32  src_rb = raster->src_rb, src_g = raster->src_g;
  const guint32 *weight = raster->weight;

  for (int i = 0; i < count; i++, fixed += step)
    {
      guint32 *pixel = origin + i * major_step + (gsize) (fixed >> 16) * minor_step;
      guint32  f = (guint32) (fixed >> 8) & 0xff;
      blend_fast (pixel, src_rb, src_g, weight[255 - f], argb);
      for (int j = 1; j < thick; j++)
        blend_fast (pixel + j * minor_step, src_rb, src_g, full, argb);
      blend_fast (pixel + far_step, src_rb, src_g, weight[f], argb);
    }
#endif
}

/* floor() and round() (halves away from zero) for |v| < 2⁵¹, inline: libm's are calls
 * without SSE 4.1, and a chart has tens of thousands of line ends. */
static inline double
floor_small (double v)
{
  double t = (double) (gint64) v;
  return t > v ? t - 1 : t;
}

static inline double
round_small (double v)
{
  double t = (double) (gint64) v, d = v - t;
  return d >= 0.5 ? t + 1 : d <= -0.5 ? t - 1 : t;
}

/* ⌊a / b⌋ for b > 0. */
static inline gint64
floor_div (gint64 a, gint64 b)
{
  return a >= 0 ? a / b : -((-a + b - 1) / b);
}

/* The steps k of [@lo_k, @hi_k) where fixed + step·k lies in [@low, @high): an interval, as
 * the line is straight. Empty when *@from_k ≥ *@to_k. */
static void
steps_within (gint64  fixed,
              gint64  step,
              gint64  low,
              gint64  high,
              gint64  lo_k,
              gint64  hi_k,
              gint64 *from_k,
              gint64 *to_k)
{
  gint64 first, last; /* inclusive */

  if (step == 0)
    first = fixed >= low && fixed < high ? lo_k : hi_k, last = hi_k - 1;
  else if (step > 0)
    first = -floor_div (fixed - low, step), last = floor_div (high - 1 - fixed, step);
  else
    first = -floor_div (high - 1 - fixed, -step), last = floor_div (fixed - low, -step);
  *from_k = MAX (first, lo_k);
  *to_k = MIN (last + 1, hi_k);
}

/* Steps [@k0, @k1) of a run through blend_clipped(). */
static void
run_clipped (const PdxChartRaster *raster,
             gboolean              steep,
             int                   from,
             gint64                fixed,
             gint64                step,
             gint64                k0,
             gint64                k1)
{
  for (gint64 k = k0; k < k1; k++)
    {
      gint64  at = fixed + step * k;
      int     minor = (int) (at >> 16);
      guint32 f = (guint32) (at >> 8) & 0xff;
      blend_clipped (raster, steep, from + (int) k, minor, raster->weight[255 - f]);
      for (int j = 1; j < raster->thick; j++)
        blend_clipped (raster, steep, from + (int) k, minor + j, raster->weight[255]);
      blend_clipped (raster, steep, from + (int) k, minor + raster->thick, raster->weight[f]);
    }
}

/* The inside of a line, major coordinate @from to @to (exclusive), the minor one starting at
 * @intery and moving @gradient per step: two pixels each step, in 16.16 fixed point. Only the
 * steps that reach the clip are walked, and where both pixels of a step lie inside it (most of
 * a chart's lines) without per-pixel tests. Every step gives the same pixels whichever way it
 * is drawn, so a picture drawn clip by clip (in strips) is the picture drawn whole. */
static void
span (
    const PdxChartRaster *raster, gboolean steep, int from, int to, double intery, double gradient)
{
  int      major0 = steep ? raster->clip_y0 : raster->clip_x0;
  int      major1 = steep ? raster->clip_y1 : raster->clip_x1;
  gint64   minor0 = steep ? raster->clip_x0 : raster->clip_y0;
  gint64   minor1 = steep ? raster->clip_x1 : raster->clip_y1;
  gsize    stride = (gsize) raster->stride / 4;
  gsize    major = steep ? stride : 1, minor = steep ? 1 : stride;
  gboolean argb = raster->format == CAIRO_FORMAT_ARGB32;
  gint64   fixed = (gint64) round_small (intery * 65536),
         step = (gint64) round_small (gradient * 65536);
  gint64 k_lo = MAX (0, major0 - from), k_hi = MIN (to, major1) - (gint64) from;
  gint64 reach0, reach1, inside0, inside1, thick = raster->thick;

  if (k_hi <= k_lo)
    return;
  /* A step covers minor rows row … row + thick. Steps with a pixel in the clip: row in
   * [minor0 − thick, minor1); with all of them: [minor0, minor1 − thick). */
  {
    /* Most lines lie wholly inside: then no divisions. */
    gint64 a = fixed + step * k_lo, b = fixed + step * (k_hi - 1);
    if (MIN (a, b) >= minor0 * 65536 && MAX (a, b) < (minor1 - thick) * 65536)
      reach0 = inside0 = k_lo, reach1 = inside1 = k_hi;
    else
      {
        steps_within (fixed, step, (minor0 - thick) * 65536, minor1 * 65536, k_lo, k_hi, &reach0,
                      &reach1);
        if (reach1 <= reach0)
          return;
        steps_within (fixed, step, minor0 * 65536, (minor1 - thick) * 65536, reach0, reach1,
                      &inside0, &inside1);
      }
  }
  if (inside1 <= inside0)
    {
      run_clipped (raster, steep, from, fixed, step, reach0, reach1);
      return;
    }
  run_clipped (raster, steep, from, fixed, step, reach0, inside0);
  run_clipped (raster, steep, from, fixed, step, inside1, reach1);
  /* Specialised loops: which way is "across" and whether there is an alpha channel. */
  {
    /* From the run's lowest minor row, so that the offsets across stay positive. */
    gint64   at = fixed + step * inside0, row = MIN (at, fixed + step * (inside1 - 1)) >> 16;
    guint32 *origin =
        (guint32 *) raster->data + (gsize) (from + inside0) * major + (gsize) row * minor;
    int count = (int) (inside1 - inside0);

    at -= row * 65536;
    if (thick > 1)
      run_fast (raster, origin, count, at, step, major, minor, argb, (int) thick);
    else if (!steep && !argb)
      run_fast (raster, origin, count, at, step, 1, stride, FALSE, 1);
    else if (!steep)
      run_fast (raster, origin, count, at, step, 1, stride, TRUE, 1);
    else if (!argb)
      run_fast (raster, origin, count, at, step, stride, 1, FALSE, 1);
    else
      run_fast (raster, origin, count, at, step, stride, 1, TRUE, 1);
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
  double xend = round_small (x), yend = y + gradient * (xend - x);
  double inside = x + 0.5 - floor_small (x + 0.5);
  double xgap = start ? 1 - inside : inside;
  int    row = (int) floor_small (yend);

  if (draw)
    {
      plot (raster, steep, (int) xend, row, (1 - (yend - row)) * xgap);
      for (int j = 1; j < raster->thick; j++)
        plot (raster, steep, (int) xend, row + j, xgap);
      plot (raster, steep, (int) xend, row + raster->thick, (yend - row) * xgap);
    }
  *at_y = yend;
  return (int) xend;
}

/* Furthest a line is followed outside the surface, in pixels; cairo's surfaces are at most
 * 32,767 wide. */
#define REACH 65536.0

/* A line in device pixels, shifted so that pixel centres sit on whole numbers. */
static void
line_device (PdxChartRaster *raster, double x0, double y0, double x1, double y1)
{
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
  /* Lines outside the clip: nothing to do (and no runaway loops). As |gradient| ≤ 1, the
   * minor coordinate stays within REACH of the surface too. */
  if (x1 < -1 || x0 > REACH || fabs (y0) > REACH || fabs (y1) > REACH)
    return;
  gradient = x1 - x0 > 0 ? (y1 - y0) / (x1 - x0) : 1;
  /* A line @thick pixels across covers the rows from its centre − (thick − 1) / 2 on. */
  y0 -= (raster->thick - 1) / 2.0, y1 -= (raster->thick - 1) / 2.0;
  /* Ends far off the surface are moved to its edge: their caps are not seen either way. */
  if (x0 < -8)
    y0 += gradient * (-8 - x0), x0 = -8;
  if (x1 > REACH)
    y1 -= gradient * (x1 - REACH), x1 = REACH;
  first = line_end (raster, steep, x0, y0, gradient, TRUE, TRUE, &intery);
  last = line_end (raster, steep, x1, y1, gradient, FALSE, round_small (x1) > round_small (x0),
                   &end_y);
  intery += gradient;
  span (raster, steep, first + 1, last, intery, gradient);
}

void
pdx_chart_raster_lines (PdxChartRaster *raster, const PdxChartRasterLine *lines, guint n_lines)
{
  const PdxChartColour *colour = NULL;
  double                alpha = NAN;

  for (guint i = 0; i < n_lines; i++)
    {
      const PdxChartRasterLine *line = &lines[i];

      /* Curves of one arm share a colour: the blend tables are built once for them. */
      if (colour == NULL || line->alpha != alpha || line->colour->r != colour->r ||
          line->colour->g != colour->g || line->colour->b != colour->b ||
          line->colour->a != colour->a)
        {
          colour = line->colour, alpha = line->alpha;
          set_colour (raster, colour, alpha);
        }
      line_device (raster, line->x0 * raster->sx + raster->tx - 0.5,
                   line->y0 * raster->sy + raster->ty - 0.5,
                   line->x1 * raster->sx + raster->tx - 0.5,
                   line->y1 * raster->sy + raster->ty - 0.5);
    }
}
