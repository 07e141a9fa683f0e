/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-chart-raster.c — the renderer's line rasteriser: its scalar build (pdx-chart-raster.c
 * compiled again with PDX_CHART_RASTER_SCALAR, no SSE2) writes the same bytes as the SSE2
 * build, and PDX_CHART_RASTER=cairo turns the rasteriser off. */
#include <math.h>
#include <string.h>

#include "pdx-test-util.h"
#include "chart/pdx-chart-private.h"

/* The scalar build's names (see the top of pdx-chart-raster.c). */
gboolean
pdx_chart_raster_scalar_begin (PdxChartCtx *ctx, const PdxChartRect *clip, PdxChartRaster *raster);
void pdx_chart_raster_scalar_lines (PdxChartRaster           *raster,
                                    const PdxChartRasterLine *lines,
                                    guint                     n_lines);
void pdx_chart_raster_scalar_end (PdxChartRaster *raster);

typedef struct
{
  gboolean (*begin) (PdxChartCtx *, const PdxChartRect *, PdxChartRaster *);
  void (*lines) (PdxChartRaster *, const PdxChartRasterLine *, guint);
  void (*end) (PdxChartRaster *);
} Rasteriser;

static const Rasteriser sse2 = { pdx_chart_raster_begin, pdx_chart_raster_lines,
                                 pdx_chart_raster_end };
static const Rasteriser scalar = { pdx_chart_raster_scalar_begin, pdx_chart_raster_scalar_lines,
                                   pdx_chart_raster_scalar_end };

#define WIDTH 400
#define HEIGHT 300

static const PdxChartColour colours[] = {
  { 0.0, 0.447, 0.698, 1 },
  { 0.835, 0.369, 0.0, 1 },
  { 0.0, 0.620, 0.451, 0.9 },
  { 0, 0, 0, 1 },
};

/* A deterministic mix of lines (every slope, short and long, some leaving the clip or the
 * surface, in four colours and three opacities), in user units of a chart
 * @width × @height. */
static GArray *
make_lines (guint seed, double width, double height)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
  GArray *lines = g_array_new (FALSE, FALSE, sizeof (PdxChartRasterLine));

  for (guint i = 0; i < 3000; i++)
    {
      PdxChartRasterLine line;
      double             reach = i % 10 == 0 ? 1.5 : 1.0; /* one in ten runs off the chart */

      line.x0 = g_rand_double_range (rand, -0.2, reach) * width;
      line.y0 = g_rand_double_range (rand, -0.2, reach) * height;
      if (i % 3 == 0) /* short segments, as a spider curve has */
        line.x1 = line.x0 + g_rand_double_range (rand, -30, 30),
        line.y1 = line.y0 + g_rand_double_range (rand, -30, 30);
      else
        line.x1 = g_rand_double_range (rand, -0.2, reach) * width,
        line.y1 = g_rand_double_range (rand, -0.2, reach) * height;
      line.colour = &colours[(i / 50) % G_N_ELEMENTS (colours)];
      line.alpha = (double[]){ 1, 0.8, 0.35 }[(i / 7) % 3];
      g_array_append_val (lines, line);
    }
  return lines;
}

/* Draws the mix onto a fresh white (half-transparent for ARGB32) @format surface at device
 * @scale with @rasteriser; returns the surface. The rasteriser must accept it. */
static cairo_surface_t *
draw_mix (const Rasteriser *rasteriser, cairo_format_t format, double scale, guint seed)
{
  cairo_surface_t *surface =
      cairo_image_surface_create (format, (int) (WIDTH * scale), (int) (HEIGHT * scale));
  cairo_t *cr = cairo_create (surface);
  g_autoptr (GArray) lines = make_lines (seed, WIDTH, HEIGHT);
  PdxChartCtx                ctx = { 0 };
  PdxChartRect               clip = { 20, 15, WIDTH - 40, HEIGHT - 30 };
  g_autofree PdxChartRaster *raster = g_new0 (PdxChartRaster, 1);

  cairo_set_source_rgba (cr, 1, 1, 1, format == CAIRO_FORMAT_ARGB32 ? 0.5 : 1);
  cairo_paint (cr);
  cairo_destroy (cr);
  /* A screen at 2×: the chart's pixel (one user unit) is @scale device pixels. */
  cairo_surface_set_device_scale (surface, scale, scale);
  cr = cairo_create (surface);
  ctx.cr = cr;
  ctx.px = 1;
  g_assert_true (rasteriser->begin (&ctx, &clip, raster));
  g_assert_cmpint (raster->thick, ==, (int) scale);
  rasteriser->lines (raster, (const PdxChartRasterLine *) (gpointer) lines->data, lines->len);
  rasteriser->end (raster);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* Pixels that are not the background: the mix really drew something. */
static guint
count_ink (cairo_surface_t *surface)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int           stride = cairo_image_surface_get_stride (surface);
  guint32       background = ((const guint32 *) data)[0];
  guint         ink = 0;

  for (int y = 0; y < cairo_image_surface_get_height (surface); y++)
    for (int x = 0; x < cairo_image_surface_get_width (surface); x++)
      ink += ((const guint32 *) (data + (gsize) y * stride))[x] != background;
  return ink;
}

/* The same bytes from both builds, for RGB24 and ARGB32 targets at 1× and 2× (lines two
 * device pixels thick). */
static void
test_scalar_matches_sse2 (void)
{
  static const cairo_format_t formats[] = { CAIRO_FORMAT_RGB24, CAIRO_FORMAT_ARGB32 };

  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    for (int scale = 1; scale <= 2; scale++)
      for (guint seed = 1; seed <= 3; seed++)
        {
          cairo_surface_t *a = draw_mix (&sse2, formats[f], scale, seed);
          cairo_surface_t *b = draw_mix (&scalar, formats[f], scale, seed);
          gsize            size =
              (gsize) cairo_image_surface_get_stride (a) * cairo_image_surface_get_height (a);

          /* Most of the clip is inked, the margin outside it is not. */
          g_assert_cmpuint (count_ink (a), >, WIDTH * HEIGHT * scale * scale / 4);
          g_assert_cmpint (
              memcmp (cairo_image_surface_get_data (a), cairo_image_surface_get_data (b), size), ==,
              0);
          cairo_surface_destroy (a);
          cairo_surface_destroy (b);
        }
}

/* Under PDX_CHART_RASTER=cairo (read once per process, so in a child) the rasteriser declines
 * every target: the charts go through cairo alone. */
static void
test_switch_off (void)
{
  if (g_test_subprocess ())
    {
      cairo_surface_t           *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 50, 50);
      cairo_t                   *cr = cairo_create (surface);
      PdxChartCtx                ctx = { .cr = cr, .px = 1 };
      PdxChartRect               clip = { 0, 0, 50, 50 };
      g_autofree PdxChartRaster *raster = g_new0 (PdxChartRaster, 1);

      g_assert_false (pdx_chart_raster_enabled ());
      g_assert_false (pdx_chart_raster_begin (&ctx, &clip, raster));
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
      return;
    }
  g_assert_true (pdx_chart_raster_enabled ());
  g_setenv ("PDX_CHART_RASTER", "cairo", TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_unsetenv ("PDX_CHART_RASTER");
  g_test_trap_assert_passed ();
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  /* The rasteriser on, whatever the caller's environment says (a child gets it set). */
  if (!g_test_subprocess ())
    g_unsetenv ("PDX_CHART_RASTER");
  g_test_add_func ("/chart/raster/scalar-matches-sse2", test_scalar_matches_sse2);
  g_test_add_func ("/chart/raster/switch-off", test_switch_off);
  return g_test_run ();
}
