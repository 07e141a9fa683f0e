/* pdx-chart-text.c — text in charts through pango: fonts sized in points for any DPI, measured
 * and drawn from one reused PangoLayout, every box recorded for collision tests. */
#include "pdx-chart-private.h"

#include <math.h>

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

void
pdx_chart_text_init (PdxChartCtx *ctx)
{
  cairo_font_options_t *font_options = cairo_font_options_create ();

  /* Unhinted metrics: text measures the same on screen, in PNG and in PDF, so the layout does
   * not shift between them. */
  cairo_font_options_set_hint_metrics (font_options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (font_options,
                                     ctx->raster ? CAIRO_HINT_STYLE_SLIGHT : CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_antialias (font_options, CAIRO_ANTIALIAS_GRAY);
  ctx->text = pango_cairo_create_layout (ctx->cr);
  pango_cairo_context_set_font_options (pango_layout_get_context (ctx->text), font_options);
  /* cairo 1.16 draws glyphs on whole pixels: on raster targets pango must place them there
   * too, or letter spacing wobbles. Vector output keeps exact positions. */
  pango_context_set_round_glyph_positions (pango_layout_get_context (ctx->text), ctx->raster);
  pango_layout_context_changed (ctx->text);
  cairo_font_options_destroy (font_options);

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
  for (int i = 0; i < PDX_CHART_N_FONTS; i++)
    g_clear_pointer (&ctx->fonts[i], pango_font_description_free);
}

static void
set_text (PdxChartCtx *ctx, PdxChartFont font, const char *markup, double wrap_width)
{
  pango_layout_set_font_description (ctx->text, ctx->fonts[font]);
  pango_layout_set_width (ctx->text, wrap_width > 0 ? (int) (wrap_width * PANGO_SCALE) : -1);
  pango_layout_set_wrap (ctx->text, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_markup (ctx->text, markup, -1);
}

/* The chart's remembered text sizes for @ctx's scale and target, emptied when those change. */
static GHashTable *
text_sizes (PdxChartCtx *ctx)
{
  PdxChart *chart = ctx->chart;

  if (chart->text_sizes == NULL || chart->text_sizes_pt != ctx->pt ||
      chart->text_sizes_px != ctx->px || chart->text_sizes_raster != ctx->raster)
    {
      g_clear_pointer (&chart->text_sizes, g_hash_table_unref);
      chart->text_sizes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      chart->text_sizes_pt = ctx->pt, chart->text_sizes_px = ctx->px;
      chart->text_sizes_raster = ctx->raster;
    }
  return chart->text_sizes;
}

void
pdx_chart_text_size (PdxChartCtx *ctx,
                     PdxChartFont font,
                     const char  *markup,
                     double       wrap_width,
                     double      *width,
                     double      *height)
{
  GHashTable    *sizes = text_sizes (ctx);
  char          *key = g_strdup_printf ("%d %.17g %s", (int) font, wrap_width, markup);
  double        *size = g_hash_table_lookup (sizes, key);
  PangoRectangle logical;

  /* Laying a label out (markup, shaping) costs far more than the lookup; the frame measures
   * some sixty labels a draw. */
  if (size == NULL)
    {
      set_text (ctx, font, markup, wrap_width);
      pango_layout_get_extents (ctx->text, NULL, &logical);
      size = g_new (double, 2);
      size[0] = (double) logical.width / PANGO_SCALE;
      size[1] = (double) logical.height / PANGO_SCALE;
      g_hash_table_insert (sizes, key, size);
    }
  else
    g_free (key);
  if (width)
    *width = size[0];
  if (height)
    *height = size[1];
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
  double         w, h;

  set_text (ctx, font, markup, wrap_width);
  pango_layout_get_extents (ctx->text, NULL, &logical);
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
      pango_cairo_update_layout (ctx->cr, ctx->text);
    }
  else
    cairo_translate (ctx->cr, box.x, box.y);
  cairo_move_to (ctx->cr, -(double) logical.x / PANGO_SCALE, -(double) logical.y / PANGO_SCALE);
  pango_cairo_show_layout (ctx->cr, ctx->text);
  cairo_restore (ctx->cr);
  if (vertical)
    pango_cairo_update_layout (ctx->cr, ctx->text);

  g_array_append_val (ctx->layout->texts, box);
  return box;
}
