/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-chart-private.h — the chart renderer's internals: the chart model every chart kind fills
 * in, and the shared pieces (palette, text, axes, legend, plot engine) that draw it.
 *
 * A chart kind's builder (pdx-chart-growth.c, …) turns analysis results into a PdxChart: series
 * in data units, axis titles, guides, legend entries, notes. The plot engine (pdx-chart-plot.c)
 * then lays it out for a canvas size and DPI and draws it; nothing below the builders knows what
 * a mouse or an arm is. */
#pragma once

#include <pango/pangocairo.h>

#include "pdx/pdx-chart.h"

G_BEGIN_DECLS

/* ---- colours (pdx-chart-palette.c) ----------------------------------------------------------- */

typedef struct
{
  double r, g, b, a;
} PdxChartColour;

typedef struct
{
  PdxChartColour background, text, muted, axis, grid, shade, guide, legend_fill;
  gboolean       dark;
} PdxChartTheme;

void pdx_chart_theme_init (PdxChartTheme *theme, gboolean dark);
/* "#rrggbb" → colour; FALSE on anything else. */
gboolean pdx_chart_colour_parse (const char *text, PdxChartColour *out);
/* Okabe–Ito (2008), in the order arms take them: black for the control, then orange, sky blue,
 * bluish green, blue, vermillion, reddish purple, yellow. */
PdxChartColour pdx_chart_palette_get (guint index);
/* The colour of every arm of @data: the arm's own colour when set, else the control black and
 * the others the palette in arm order (skipping colours that arms already own). On a dark
 * theme black becomes a light grey. Returns a new array of n_arms colours. */
PdxChartColour *pdx_chart_arm_colours (const PdxStudyData *data, gboolean dark);
void            pdx_chart_set_source (cairo_t *cr, const PdxChartColour *colour, double alpha);

/* ---- drawing context ------------------------------------------------------------------------- */

typedef enum
{
  PDX_CHART_FONT_TITLE,
  PDX_CHART_FONT_AXIS_TITLE,
  PDX_CHART_FONT_TICK,
  PDX_CHART_FONT_LEGEND,
  PDX_CHART_FONT_NOTE,
  PDX_CHART_FONT_MESSAGE,
  PDX_CHART_N_FONTS
} PdxChartFont;

typedef struct _PdxChartCtx PdxChartCtx;
struct _PdxChartCtx
{
  cairo_t              *cr;
  double                width, height;
  double                pt;          /* user units per typographic point (dpi / 72) */
  double                px;          /* user units per device pixel */
  gboolean              raster;      /* pixel snapping pays off */
  PangoLayout          *text;        /* measures strings, in the chart's text context */
  PangoLayout          *text_turned; /* vertical strings, for this draw's cairo context */
  PangoAlignment        text_align;
  PangoFontDescription *fonts[PDX_CHART_N_FONTS];
  PdxChartTheme         theme;
  struct _PdxChart     *chart;
  PdxChartLayout       *layout;
  double                below_y; /* top of the room under the x axis title (measure_below) */
};

/* ---- text (pdx-chart-text.c) ---------------------------------------------------------------- */

void pdx_chart_text_init (PdxChartCtx *ctx);
void pdx_chart_text_clear (PdxChartCtx *ctx);
/* Drops the text a chart keeps between draws. */
void pdx_chart_text_forget (struct _PdxChart *chart);
/* Size of @markup (pango markup; escape user text with g_markup_escape_text) in @font. With
 * @wrap_width > 0 the text wraps at that width. */
void pdx_chart_text_size (PdxChartCtx *ctx,
                          PdxChartFont font,
                          const char  *markup,
                          double       wrap_width,
                          double      *width,
                          double      *height);
/* Draws @markup with its box anchored at (@x, @y): @halign/@valign 0 = left/top, 0.5 = centre,
 * 1 = right/bottom of the box. @vertical turns it 90° counter-clockwise (the box is then measured
 * upright on the page). Records the box in layout->texts and returns it. */
PdxChartRect pdx_chart_text_draw (PdxChartCtx          *ctx,
                                  PdxChartFont          font,
                                  const char           *markup,
                                  double                x,
                                  double                y,
                                  double                halign,
                                  double                valign,
                                  gboolean              vertical,
                                  double                wrap_width,
                                  const PdxChartColour *colour);

/* ---- axes (pdx-chart-axis.c) ---------------------------------------------------------------- */

typedef struct
{
  double   min, max; /* data units */
  gboolean log;
  GArray  *ticks;             /* double: labelled ticks */
  GArray  *minor;             /* double: unlabelled ticks (log axes) */
  int      exponent;          /* labels show value / 10^exponent (linear axes with big values) */
  double   label_scale;       /* labels show value · label_scale (1; 100 for a fraction as %) */
  int      decimals;          /* digits after the point in linear labels */
  gboolean superscript;       /* log labels as 10ⁿ */
  double   log_min, log_span; /* log10 (min) and log10 (max / min) of a log axis */
} PdxChartAxis;

void pdx_chart_axis_init (PdxChartAxis *axis);
void pdx_chart_axis_clear (PdxChartAxis *axis);
/* The 1-2-5 step for about @target intervals over [lo, hi]. */
double pdx_chart_nice_step (double lo, double hi, int target);
/* A linear axis over [lo, hi] with about @target intervals; with @expand the ends move out to
 * the nearest ticks. */
void
pdx_chart_axis_set_linear (PdxChartAxis *axis, double lo, double hi, int target, gboolean expand);
/* A log axis over [lo, hi] (both > 0) widened to whole decades; decades are labelled (every
 * second one past 8 decades), 2·10ⁿ and 5·10ⁿ as well when it spans at most two decades. */
void pdx_chart_axis_set_log (PdxChartAxis *axis, double lo, double hi);
/* Position of @value along the axis, 0 at min and 1 at max; NAN for ≤ 0 on a log axis. */
double pdx_chart_axis_fraction (const PdxChartAxis *axis, double value);
double pdx_chart_axis_value (const PdxChartAxis *axis, double fraction);
/* The label of tick @value as pango markup (U+2212 minus, 10ⁿ superscripts). Owned. */
char *pdx_chart_axis_format (const PdxChartAxis *axis, double value);
/* A number for text in the chart, with @decimals digits and a real minus sign. Owned. */
char *pdx_chart_format_number (double value, int decimals);

/* ---- the chart model ------------------------------------------------------------------------ */

typedef struct
{
  double x, y;
  double err;   /* ± half-height of the error bar; NAN none */
  int    n;     /* mice behind the point; -1 n/a */
  int    mouse; /* index into PdxChart.mice; -1 none */
} PdxChartPoint;

typedef enum
{
  PDX_CHART_SERIES_LINE, /* a polyline through the points */
  PDX_CHART_SERIES_STEP, /* right-continuous steps (Kaplan–Meier), censor ticks apart */
  PDX_CHART_SERIES_BARS, /* one bar per point from y = 0 to y, x = the bar's slot */
} PdxChartSeriesKind;

typedef struct
{
  PdxChartSeriesKind kind;
  char              *label; /* arm name or mouse tag, for read-outs */
  int                arm;   /* -1 none */
  int                mouse; /* -1 arm-level */
  PdxChartColour     colour;
  double             alpha;
  double             line_width; /* points */
  gboolean           dashed;
  gboolean           markers;    /* a dot on every point */
  gboolean           outlined;   /* bars: a dark outline (the highlighted mouse) */
  gboolean           decoration; /* drawn and kept clear of boxes, but no hover read-out */
  GArray            *points;     /* PdxChartPoint */
  GArray            *censors;    /* PdxChartPoint: STEP censor ticks */
  /* The points' axis fractions, x and y in turn, and the axes they were computed on: a redraw
   * maps every point several times (legend placement, marks, drawing), logarithms included. */
  double *fractions;
  double  fractions_key[11];
} PdxChartSeries;

typedef struct
{
  double   y;
  char    *label; /* markup, drawn at the right end above the line; may be NULL */
  gboolean dashed;
} PdxChartGuide;

typedef enum
{
  PDX_CHART_SYMBOL_LINE,
  PDX_CHART_SYMBOL_LINE_MARKER,
  PDX_CHART_SYMBOL_BOX,
} PdxChartSymbol;

typedef struct
{
  char          *label; /* markup */
  PdxChartColour colour;
  PdxChartSymbol symbol;
  gboolean       dashed;
} PdxChartLegendEntry;

typedef struct
{
  char       *tag;
  gint64      id;
  int         arm;
  const char *status; /* static text for read-outs (the mRECIST class), or NULL */
} PdxChartMouse;

typedef struct _PdxChart PdxChart;
struct _PdxChart
{
  PdxChartOptions options;
  char           *title;         /* plain text */
  char           *x_title;       /* markup */
  char           *y_name;        /* markup: the quantity, e.g. "Tumour volume" */
  char           *y_unit;        /* markup or NULL, e.g. "mm³": the title is "name (unit)" */
  gboolean        x_categorical; /* waterfall: one slot per bar, no x ticks */
  double          x_min_hint;    /* NAN, or a value the x axis must include */
  gboolean        y_log;
  gboolean        y_include_zero;
  double          y_fixed_min, y_fixed_max; /* NAN: from the data */
  double          y_label_scale;            /* 1, or 100 for a fraction labelled as % */
  double          shade_x0, shade_x1;       /* treatment window, NAN none */
  GArray         *guides;                   /* PdxChartGuide */
  GPtrArray      *series;                   /* PdxChartSeries* */
  GArray         *legend;                   /* PdxChartLegendEntry */
  GPtrArray      *notes;                    /* char *, plain text */
  char           *message;                  /* "nothing to show" text or NULL */
  GArray         *arms;                     /* char *: arm names */
  GArray         *mice;                     /* PdxChartMouse */
  GArray         *raster_lines;             /* PdxChartRasterLine: scratch of each draw */
  /* Text laid out by earlier draws (pdx-chart-text.c), for the scale and kind of target it
   * was laid out for: a redraw measures and draws the same labels again. */
  PangoContext *text_context;
  GHashTable   *text_sizes;   /* "font align wrap markup" → two doubles */
  GHashTable   *text_layouts; /* "font align wrap markup" → PangoLayout */
  double        text_key[6];  /* pt, raster, the linear part of the transform */
  /* The data's extents (pdx-chart-plot.c), found at the first draw: a chart does not change. */
  gboolean    extents_known, extents_any;
  double      extents[4]; /* x lo, x hi, y lo, y hi */
  guint       extents_dropped;
  const char *value_unit; /* for read-outs, e.g. "mm³", "%"; static */
  /* Extras of one chart kind: room below the x axis title and a drawing pass; a legend box
   * the chart draws itself (Kaplan–Meier: a table with medians and p-values) instead of the
   * `legend` entries. */
  double (*measure_below) (PdxChartCtx *ctx, double *left_width);
  void (*draw_extra) (PdxChartCtx *ctx);
  void (*legend_size) (PdxChartCtx *ctx, double *width, double *height);
  void (*legend_draw) (PdxChartCtx *ctx, const PdxChartRect *box);
  gpointer       extra;
  GDestroyNotify extra_free;
  /* Filled by the plot engine at each draw. */
  PdxChartLayout layout;
  PdxChartAxis   x_axis, y_axis;
  guint          log_dropped; /* values ≤ 0 left out of a log axis in the last layout */
};

PdxChart       *pdx_chart_alloc (const PdxStudyData *data, const PdxChartOptions *options);
PdxChartSeries *pdx_chart_add_series (PdxChart             *chart,
                                      PdxChartSeriesKind    kind,
                                      const char           *label,
                                      int                   arm,
                                      int                   mouse,
                                      const PdxChartColour *colour);
void
pdx_chart_series_add (PdxChartSeries *series, double x, double y, double err, int n, int mouse);
void pdx_chart_add_guide (PdxChart *chart, double y, const char *label, gboolean dashed);
void pdx_chart_add_legend (PdxChart             *chart,
                           const char           *label,
                           const PdxChartColour *colour,
                           PdxChartSymbol        symbol,
                           gboolean              dashed);
void pdx_chart_add_note (PdxChart *chart, const char *format, ...) G_GNUC_PRINTF (2, 3);
/* Opacity for an item of @arm and @mouse_id (0 for an arm-level item) given options->highlight_*:
 * 1, or faded. */
double pdx_chart_emphasis (const PdxChart *chart, int arm, gint64 mouse_id);

/* Chart kinds: fill @chart from @data. Return FALSE with @error only when analysis fails. */
gboolean pdx_chart_build_growth (PdxChart *chart, const PdxStudyData *data, GError **error);
gboolean pdx_chart_build_spider (PdxChart *chart, const PdxStudyData *data, GError **error);
gboolean pdx_chart_build_waterfall (PdxChart *chart, const PdxStudyData *data, GError **error);
gboolean pdx_chart_build_survival (PdxChart *chart, const PdxStudyData *data, GError **error);
gboolean pdx_chart_build_weight (PdxChart *chart, const PdxStudyData *data, GError **error);
/* options.mouse_id set (pdx-chart-mouse.c): that mouse over its arm's median. */
gboolean pdx_chart_build_mouse_growth (PdxChart *chart, const PdxStudyData *data, GError **error);
gboolean pdx_chart_build_mouse_weight (PdxChart *chart, const PdxStudyData *data, GError **error);
/* ---- shared by the builders (pdx-chart-build.c) ---------------------------------------------- */

/* The readout's name without its unit: "MRI tumour volume". Owned. */
char *pdx_chart_readout_name (PdxReadout readout);
/* y axis title and read-out unit for the readout on @scale. */
void pdx_chart_set_value_axis (PdxChart *chart, const PdxStudyData *data, PdxChartScale scale);
/* Whether the value axis is logarithmic: as asked, except for %ΔV (a note says so). */
gboolean pdx_chart_use_log (PdxChart *chart, PdxChartScale scale);
/* Day axis title, the treatment window, and notes on excluded and unrandomised mice. */
void pdx_chart_setup_day_axis (PdxChart *chart, const PdxStudyData *data);
void pdx_chart_note_hidden_mice (PdxChart *chart, const PdxStudyData *data);
/* A note on the measurements excluded from analysis (of mice that are not excluded), which no
 * curve, bar or statistic uses: "Excluded measurements, not shown (N): M1 day 12 (reason), …".
 * Not on the survival chart, which they do not change. */
void pdx_chart_note_excluded_measurements (PdxChart *chart, const PdxStudyData *data);
/* A note "@what (N): tag, tag, …" when @tags (char *) is not empty. */
void pdx_chart_note_mice (PdxChart *chart, const char *what, GPtrArray *tags);
void pdx_chart_add_arm_legend (PdxChart             *chart,
                               const PdxStudyData   *data,
                               int                   arm,
                               const PdxChartColour *colour,
                               guint                 n,
                               PdxChartSymbol        symbol);
/* One curve per arm series (PdxArmSeries of pdx-analysis.h) with markers and SEM bars, the
 * values shown as factor·mean + offset; arms without points are listed in a note. */
void pdx_chart_add_arm_curves (
    PdxChart *chart, const PdxStudyData *data, GPtrArray *curves, double factor, double offset);
/* Why a chart of @what ("tumour measurements") has nothing to show: no mice, none randomised,
 * or no values. Owned. */
char *pdx_chart_empty_message (const PdxStudyData *data, const char *what);
/* An analysis error that means "nothing to show" (NO_DATA, NO_CONTROL) becomes the chart's
 * @message and TRUE; any other is propagated into @error and FALSE. Takes @local_error. */
gboolean pdx_chart_take_analysis_error (PdxChart   *chart,
                                        GError     *local_error,
                                        const char *message,
                                        GError    **error);

/* ---- legend box (pdx-chart-legend.c) --------------------------------------------------------- */

void pdx_chart_legend_size (PdxChartCtx *ctx, double *width, double *height);
void pdx_chart_legend_draw (PdxChartCtx *ctx, const PdxChartRect *box);
/* The first of the plot's corners (top right, top left, bottom right, bottom left) where a box
 * of @width × @height covers no data. */
gboolean
pdx_chart_find_free_corner (PdxChartCtx *ctx, double width, double height, PdxChartRect *out);
gboolean pdx_chart_rect_hits_data (PdxChartCtx *ctx, const PdxChartRect *rect);
void     pdx_chart_box_draw (PdxChartCtx *ctx, const PdxChartRect *box);

/* ---- the plot engine (pdx-chart-plot.c, pdx-chart-draw.c) ----------------------------------- */

/* Lays out and draws @ctx->chart onto @ctx->cr, filling ctx->layout. */
void pdx_chart_plot_run (PdxChartCtx *ctx);
/* Data → canvas with the current plot rect and axes. */
double pdx_chart_map_x (PdxChartCtx *ctx, double x);
double pdx_chart_map_y (PdxChartCtx *ctx, double y);
/* Rounds a canvas coordinate so that a line @width_pt wide lands crisply on device pixels. */
double pdx_chart_snap (PdxChartCtx *ctx, double v, double line_width);
/* A line width in user units for @points, at least one device pixel and whole pixels on
 * raster targets. */
double pdx_chart_line_width (PdxChartCtx *ctx, double points);
void   pdx_chart_add_mark (PdxChartCtx     *ctx,
                           PdxChartMarkKind kind,
                           double           x0,
                           double           y0,
                           double           x1,
                           double           y1,
                           int              series,
                           int              point);
/* Draws the treatment window (under the grid) and its label above the plot. */
void pdx_chart_draw_shade (PdxChartCtx *ctx);
/* Draws the guides and series of the model (called by the engine). */
void pdx_chart_draw_data (PdxChartCtx *ctx);

/* ---- PNG (pdx-chart-png.c) ------------------------------------------------------------------- */

/* Appends a PNG (RGB, 8 bits, pHYs with @dpi) of the opaque RGB24 @surface to @png. */
gboolean
pdx_chart_png_encode_rgb (cairo_surface_t *surface, double dpi, GByteArray *png, GError **error);
/* Inserts a pHYs chunk with @dpi after the IHDR of the PNG in @png. */
void pdx_chart_png_set_dpi (GByteArray *png, double dpi);

/* ---- thin lines straight into image surfaces (pdx-chart-raster.c) ---------------------------- */

typedef struct
{
  cairo_surface_t *target;
  unsigned char   *data;
  int              stride;
  cairo_format_t   format;
  double           sx, sy, tx, ty; /* user → device pixel: x·sx + tx */
  int              thick;          /* device pixels across a line (2 on a screen at 2×) */
  int              clip_x0, clip_y0, clip_x1, clip_y1;
  guint32          src_rb, src_g; /* colour as 0x00RR00BB and 0x0000GG00 */
  guint32          alpha256;      /* opacity, 0…256 */
  guint32          weight[256];   /* blend weight (0…256) of 8-bit coverage, alpha applied */
  /* For a step at 8-bit fraction f across: the two pixels' channel weights (B G R A of the
   * near pixel at weight[255 − f], then of the far one at weight[f]) as colour × weight and
   * as 256 − weight, for blending both pixels in one vector. */
  guint16 pair_src[256][8], pair_keep[256][8];
} PdxChartRaster;

/* FALSE when the environment has PDX_CHART_RASTER=cairo (read once): then every chart is
 * drawn through cairo alone, as the benchmark and tests need to compare the two. */
gboolean pdx_chart_raster_enabled (void);
/* Whether @ctx->cr draws onto an image surface through a scale-and-translate transform (and
 * the rasteriser is enabled); then fills @raster for lines clipped to @clip (user units).
 * Flushes the surface. */
gboolean
pdx_chart_raster_begin (PdxChartCtx *ctx, const PdxChartRect *clip, PdxChartRaster *raster);
/* A line for pdx_chart_raster_lines(), user units, with its colour. */
typedef struct
{
  double                x0, y0, x1, y1;
  const PdxChartColour *colour;
  double                alpha;
} PdxChartRasterLine;
/* Antialiased lines one device pixel wide, each in its colour, in order. */
void
pdx_chart_raster_lines (PdxChartRaster *raster, const PdxChartRasterLine *lines, guint n_lines);
/* Tells cairo the surface changed behind its back. */
void pdx_chart_raster_end (PdxChartRaster *raster);

/* Every primitive a series draws, in canvas units: POINT for each vertex (point = its index),
 * SEGMENT for lines (point -1) and error bars (point = index), BAR for bars. Points a log axis
 * cannot show are skipped and break the line. */
typedef void (*PdxChartGeometryFunc) (PdxChartMarkKind kind,
                                      double           x0,
                                      double           y0,
                                      double           x1,
                                      double           y1,
                                      int              point,
                                      gpointer         user_data);
void pdx_chart_series_walk (PdxChartCtx         *ctx,
                            PdxChartSeries      *series,
                            PdxChartGeometryFunc func,
                            gpointer             user_data);

G_END_DECLS
