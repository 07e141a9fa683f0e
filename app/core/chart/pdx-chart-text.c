/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-chart-text.c — text in charts through pango: fonts sized in points for any DPI, measured
 * and drawn through layouts the chart keeps from draw to draw, every box recorded for
 * collision tests. */
#include "pdx-chart-private.h"

#include <math.h>
#include <string.h>

/* Sizes in points; the family resolves through fontconfig (DejaVu Sans on Debian). */
static const struct
{
  double      size;
  PangoWeight weight;
} font_specs[PDX_CHART_N_FONTS] = {
  [PDX_CHART_FONT_TITLE] = { 12.5, PANGO_WEIGHT_BOLD },
  [PDX_CHART_FONT_AXIS_TITLE] = { 10.5, PANGO_WEIGHT_NORMAL },
  [PDX_CHART_FONT_TICK] = { 9.5, PANGO_WEIGHT_NORMAL },
  [PDX_CHART_FONT_LEGEND] = { 9.5, PANGO_WEIGHT_NORMAL },
  [PDX_CHART_FONT_NOTE] = { 8.5, PANGO_WEIGHT_NORMAL },
  [PDX_CHART_FONT_MESSAGE] = { 11, PANGO_WEIGHT_NORMAL },
};

/* Font options of every text context: unhinted metrics, so that text measures the same on
 * screen, in PNG and in PDF and the layout does not shift between them. */
static void
set_font_options (PdxChartCtx *ctx, PangoContext *context)
{
  cairo_font_options_t *font_options = cairo_font_options_create ();

  cairo_font_options_set_hint_metrics (font_options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (font_options,
                                     ctx->raster ? CAIRO_HINT_STYLE_SLIGHT : CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_antialias (font_options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (context, font_options);
  /* cairo 1.16 draws glyphs on whole pixels: on raster targets pango must place them there
   * too, or letter spacing wobbles. Vector output keeps exact positions. */
  pango_context_set_round_glyph_positions (context, ctx->raster);
  cairo_font_options_destroy (font_options);
}

void
pdx_chart_text_forget (PdxChart *chart)
{
  g_clear_pointer (&chart->text_sizes, g_hash_table_unref);
  g_clear_pointer (&chart->text_layouts, g_hash_table_unref);
  g_clear_object (&chart->text_context);
}

/* Most strings a chart keeps: a window resized pixel by pixel wraps its title at every width. */
#define MAX_KEPT_TEXTS 512

/* The chart's text context, sizes and layouts are kept from draw to draw while the target
 * kind and the scale (all that pango's shaping and metrics depend on) stay the same. */
static void
keep_text (PdxChartCtx *ctx)
{
  PdxChart      *chart = ctx->chart;
  cairo_matrix_t m;
  double         key[G_N_ELEMENTS (chart->text_key)];

  cairo_get_matrix (ctx->cr, &m);
  key[0] = ctx->pt, key[1] = ctx->raster, key[2] = m.xx, key[3] = m.yx, key[4] = m.xy;
  key[5] = m.yy;
  if (chart->text_context && memcmp (key, chart->text_key, sizeof key) == 0 &&
      g_hash_table_size (chart->text_sizes) + g_hash_table_size (chart->text_layouts) <
          MAX_KEPT_TEXTS)
    return;
  pdx_chart_text_forget (chart);
  memcpy (chart->text_key, key, sizeof key);
  chart->text_context = pango_cairo_create_context (ctx->cr);
  set_font_options (ctx, chart->text_context);
  chart->text_sizes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  chart->text_layouts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

void
pdx_chart_text_init (PdxChartCtx *ctx)
{
  keep_text (ctx);
  ctx->text = pango_layout_new (ctx->chart->text_context);
  ctx->text_align = PANGO_ALIGN_LEFT;
  for (int i = 0; i < PDX_CHART_N_FONTS; i++)
    {
      ctx->fonts[i] = pango_font_description_from_string ("Sans");
      pango_font_description_set_weight (ctx->fonts[i], font_specs[i].weight);
      pango_font_description_set_absolute_size (ctx->fonts[i],
                                                font_specs[i].size * ctx->pt * PANGO_SCALE);
    }
}

void
pdx_chart_text_clear (PdxChartCtx *ctx)
{
  g_clear_object (&ctx->text);
  g_clear_object (&ctx->text_turned);
  for (int i = 0; i < PDX_CHART_N_FONTS; i++)
    g_clear_pointer (&ctx->fonts[i], pango_font_description_free);
}

static void
set_text (
    PdxChartCtx *ctx, PangoLayout *layout, PdxChartFont font, const char *markup, double wrap_width)
{
  pango_layout_set_font_description (layout, ctx->fonts[font]);
  pango_layout_set_width (layout, wrap_width > 0 ? (int) (wrap_width * PANGO_SCALE) : -1);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, ctx->text_align);
  pango_layout_set_markup (layout, markup, -1);
}

static char *
text_key (PdxChartCtx *ctx, PdxChartFont font, const char *markup, double wrap_width)
{
  return g_strdup_printf ("%d %d %.17g %s", (int) font, (int) ctx->text_align, wrap_width, markup);
}

void
pdx_chart_text_size (PdxChartCtx *ctx,
                     PdxChartFont font,
                     const char  *markup,
                     double       wrap_width,
                     double      *width,
                     double      *height)
{
  char          *key = text_key (ctx, font, markup, wrap_width);
  double        *size = g_hash_table_lookup (ctx->chart->text_sizes, key);
  PangoRectangle logical;

  /* Laying a label out (markup, shaping) costs far more than the lookup; the frame measures
   * some sixty labels a draw. */
  if (size == NULL)
    {
      set_text (ctx, ctx->text, font, markup, wrap_width);
      pango_layout_get_extents (ctx->text, NULL, &logical);
      size = g_new (double, 2);
      size[0] = (double) logical.width / PANGO_SCALE;
      size[1] = (double) logical.height / PANGO_SCALE;
      g_hash_table_insert (ctx->chart->text_sizes, key, size);
    }
  else
    g_free (key);
  if (width)
    *width = size[0];
  if (height)
    *height = size[1];
}

/* A layout of @markup to draw horizontally: kept by the chart. */
static PangoLayout *
kept_layout (PdxChartCtx *ctx, PdxChartFont font, const char *markup, double wrap_width)
{
  char        *key = text_key (ctx, font, markup, wrap_width);
  PangoLayout *layout = g_hash_table_lookup (ctx->chart->text_layouts, key);

  if (layout)
    {
      g_free (key);
      return layout;
    }
  layout = pango_layout_new (ctx->chart->text_context);
  set_text (ctx, layout, font, markup, wrap_width);
  g_hash_table_insert (ctx->chart->text_layouts, key, layout);
  return layout;
}

/* A layout of @markup to draw turned a quarter: in a context of its own, as turning it
 * changes the context (and would lay every kept layout out again). */
static PangoLayout *
turned_layout (PdxChartCtx *ctx, PdxChartFont font, const char *markup, double wrap_width)
{
  if (ctx->text_turned == NULL)
    {
      ctx->text_turned = pango_cairo_create_layout (ctx->cr);
      set_font_options (ctx, pango_layout_get_context (ctx->text_turned));
      pango_layout_context_changed (ctx->text_turned);
    }
  set_text (ctx, ctx->text_turned, font, markup, wrap_width);
  return ctx->text_turned;
}

/* Rounds a position to whole device pixels on raster targets: steadier glyphs. */
static double
snap_text (PdxChartCtx *ctx, double v)
{
  return ctx->raster ? round (v / ctx->px) * ctx->px : v;
}

PdxChartRect
pdx_chart_text_draw (PdxChartCtx          *ctx,
                     PdxChartFont          font,
                     const char           *markup,
                     double                x,
                     double                y,
                     double                halign,
                     double                valign,
                     gboolean              vertical,
                     double                wrap_width,
                     const PdxChartColour *colour)
{
  PangoRectangle logical;
  PdxChartRect   box;
  PangoLayout   *layout;
  double         w, h;

  layout = vertical ? turned_layout (ctx, font, markup, wrap_width)
                    : kept_layout (ctx, font, markup, wrap_width);
  pango_layout_get_extents (layout, NULL, &logical);
  w = (double) logical.width / PANGO_SCALE;
  h = (double) logical.height / PANGO_SCALE;
  box.width = vertical ? h : w;
  box.height = vertical ? w : h;
  box.x = snap_text (ctx, x - halign * box.width);
  box.y = snap_text (ctx, y - valign * box.height);

  cairo_save (ctx->cr);
  pdx_chart_set_source (ctx->cr, colour, 1.0);
  if (vertical)
    {
      cairo_translate (ctx->cr, box.x, box.y + box.height);
      cairo_rotate (ctx->cr, -G_PI / 2);
      pango_cairo_update_layout (ctx->cr, layout);
    }
  else
    cairo_translate (ctx->cr, box.x, box.y);
  cairo_move_to (ctx->cr, -(double) logical.x / PANGO_SCALE, -(double) logical.y / PANGO_SCALE);
  pango_cairo_show_layout (ctx->cr, layout);
  cairo_restore (ctx->cr);
  if (vertical)
    pango_cairo_update_layout (ctx->cr, layout);

  g_array_append_val (ctx->layout->texts, box);
  return box;
}
