/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-chart.h — the one chart renderer (SPEC §5): growth, spider, waterfall, Kaplan–Meier and
 * body-weight charts drawn with cairo + pango onto any cairo_t, and written to PNG, SVG or PDF.
 *
 * Usage: build a PdxChart once from a loaded study (this runs the analysis module; the renderer
 * never computes a statistic itself), then draw it as often as needed:
 *
 *   PdxChartOptions options;
 *   pdx_chart_options_init (&options, PDX_CHART_GROWTH, data);
 *   PdxChart *chart = pdx_chart_new (data, &options, &error);
 *   const PdxChartLayout *layout = pdx_chart_draw (chart, cr, width, height, 96);
 *   pdx_chart_hit_test (layout, mouse_x, mouse_y, &hit);
 *
 * Units. @width and @height are in the user units of @cr; @dpi says how many user units make an
 * inch, so that text (in points) and line widths keep their physical size: the app draws in
 * logical pixels at 96, a PNG at the DPI asked for, a PDF/SVG page in points at 72. Lines that
 * are one device pixel wide land on pixel centres, so they are crisp on screen.
 *
 * A chart with nothing to show (no measurements, no evaluable mouse, no endpoint) still draws:
 * its axes and a message saying why. Values a log axis cannot show (≤ 0) are left out and a note
 * under the chart says how many. */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "pdx-study-data.h"

G_BEGIN_DECLS

#define PDX_CHART_ERROR (pdx_chart_error_quark ())
typedef enum
{
  PDX_CHART_ERROR_FORMAT, /* unknown output format / file name extension */
  PDX_CHART_ERROR_SIZE,   /* width, height or dpi out of range */
  PDX_CHART_ERROR_CAIRO,  /* cairo failed; the message has its status */
} PdxChartError;
GQuark pdx_chart_error_quark (void);

typedef enum
{
  PDX_CHART_GROWTH,    /* arm mean ± SEM of the primary readout against day */
  PDX_CHART_SPIDER,    /* every mouse's curve, coloured by arm */
  PDX_CHART_WATERFALL, /* best response per mouse, sorted */
  PDX_CHART_SURVIVAL,  /* Kaplan–Meier per arm */
  PDX_CHART_WEIGHT,    /* body weight % change from day 0, arm mean ± SEM */
  PDX_N_CHART_KINDS
} PdxChartKind;

/* "growth", "spider", "waterfall", "survival", "weight" */
const char *pdx_chart_kind_to_string (PdxChartKind kind);
gboolean    pdx_chart_kind_from_string (const char *text, PdxChartKind *out);
/* Human title, e.g. "Tumour growth". */
const char *pdx_chart_kind_get_label (PdxChartKind kind);

typedef enum
{
  PDX_CHART_SCALE_ABSOLUTE, /* V in the readout's unit */
  PDX_CHART_SCALE_RELATIVE, /* V / V0 */
  PDX_CHART_SCALE_PERCENT,  /* %ΔV = 100·(V − V0)/V0 */
} PdxChartScale;

typedef enum
{
  PDX_CHART_COLOUR_BY_ARM,
  PDX_CHART_COLOUR_BY_CLASS, /* waterfall: by mRECIST class */
} PdxChartColourBy;

typedef struct
{
  PdxChartKind     kind;
  gboolean         log_axis;      /* growth, spider: logarithmic value axis (not with PERCENT) */
  PdxChartScale    scale;         /* growth, spider */
  PdxChartColourBy colour_by;     /* waterfall */
  int              highlight_arm; /* index into PdxStudyData.arms, -1 none: other arms are faded */
  gint64           highlight_mouse_id; /* spider, waterfall: other mice faded; 0 none */
  gboolean         show_title;         /* study code and chart name above the plot */
  gboolean         dark;               /* light text and lines for a dark background */
  gboolean         transparent; /* leave the background unpainted (the app's own card shows) */
  gboolean         model_lines; /* growth, absolute scale: the mixed-effects model's fitted arm
                                   lines (pdx_growth_model_compute, REML, log), dashed */
  gint64 mouse_id; /* growth, weight: 0, or only this mouse's own curve (raw values on the
                     absolute scale; its % weight change) over its arm's median, dashed: the
                     mouse page */
} PdxChartOptions;

/* Defaults for @kind: log axis for BLI flux (SPEC §4), absolute scale, colour by arm, title on,
 * nothing highlighted, light and opaque. @data may be NULL. */
void pdx_chart_options_init (PdxChartOptions *options, PdxChartKind kind, const PdxStudyData *data);

typedef struct
{
  double x, y, width, height;
} PdxChartRect;

typedef struct
{
  double   min, max; /* the range drawn, in data units */
  gboolean log;
  GArray  *ticks;       /* double: labelled tick values, ascending */
  GArray  *label_rects; /* PdxChartRect of each tick label, in ticks order */
  double   factor;      /* labels show value / factor; ≠ 1 is named in the axis title */
} PdxChartAxisLayout;

typedef enum
{
  PDX_CHART_MARK_POINT,   /* a vertex of a curve, a marker or a censor tick: (x0, y0) */
  PDX_CHART_MARK_SEGMENT, /* a drawn line segment or error bar: (x0, y0)–(x1, y1) */
  PDX_CHART_MARK_BAR,     /* a filled bar: the rectangle (x0, y0)–(x1, y1) */
} PdxChartMarkKind;

typedef struct
{
  PdxChartMarkKind kind;
  double           x0, y0, x1, y1;
  int              series; /* which curve / bar group (internal index) */
  int              point;  /* which data point of it; -1 for a connecting segment */
} PdxChartMark;

/* Where everything landed in the last draw: for hover read-outs and for tests. Canvas
 * coordinates are user units of the cairo_t, origin top left. */
typedef struct
{
  PdxChartKind       kind;
  double             width, height, dpi;
  PdxChartRect       plot; /* the data area */
  gboolean           has_legend;
  gboolean           legend_outside; /* no corner of the plot was free of data */
  PdxChartRect       legend;
  PdxChartAxisLayout x, y; /* waterfall: x ticks are empty (one bar per mouse) */
  /* Extents of the data drawn, in data units; NAN when nothing was drawn. */
  double      data_x_min, data_x_max, data_y_min, data_y_max;
  GArray     *texts;   /* PdxChartRect of every piece of text drawn */
  const char *message; /* the "nothing to show" message, or NULL */
  GPtrArray  *notes;   /* the notes printed under the chart (char *), in order */
  GArray     *marks;   /* PdxChartMark: every piece of data drawn, in canvas units */
  /* private */
  const struct _PdxChart *chart;
} PdxChartLayout;

/* One item of data under the pointer. Strings are borrowed from the chart (valid while it lives
 * and is not redrawn). */
typedef struct
{
  int         arm;       /* arm index, -1 none (e.g. waterfall by class still has the arm) */
  const char *arm_name;  /* NULL when none */
  gint64      mouse_id;  /* 0 for an arm-level item (growth, survival) */
  const char *mouse_tag; /* NULL for an arm-level item */
  double      day;       /* x in data units (waterfall: NAN) */
  double      value;     /* y in data units (survival: S(t) as a fraction) */
  double      sem;       /* ± SEM of an arm mean; NAN none */
  int         n;         /* mice behind the value (at risk for survival); -1 n/a */
  char label[160]; /* a one-line read-out, e.g. "Vehicle · day 21 · 512 ± 40.0 mm³ (n = 8)" */
} PdxChartHit;

typedef struct _PdxChart PdxChart;

/* Builds the chart of @data as @options say: runs the analysis module and keeps what the
 * drawing needs (copied: @data may be freed afterwards). A study without the data for the chart
 * is not an error: the chart will draw its message. Returns NULL and sets @error only when the
 * analysis itself fails. */
PdxChart *pdx_chart_new (const PdxStudyData *data, const PdxChartOptions *options, GError **error);
void      pdx_chart_free (PdxChart *chart);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdxChart, pdx_chart_free)

const PdxChartOptions *pdx_chart_get_options (const PdxChart *chart);

/* Draws the chart onto @cr in the rectangle (0, 0, @width, @height) of user space, painting the
 * background unless options->transparent. Saves and restores @cr's state. Returns the layout of
 * this draw, owned by @chart and valid until the next draw or pdx_chart_free. */
const PdxChartLayout *
pdx_chart_draw (PdxChart *chart, cairo_t *cr, double width, double height, double dpi);

/* The data item nearest to canvas point (@x, @y) within a few points: a bar under the pointer,
 * else the nearest point of a curve. Returns FALSE (and leaves @hit untouched) when none. */
gboolean pdx_chart_hit_test (const PdxChartLayout *layout, double x, double y, PdxChartHit *hit);

/* Maps data coordinates to canvas coordinates of @layout and back. On a log axis, values ≤ 0
 * map to NAN. */
void pdx_chart_layout_to_canvas (
    const PdxChartLayout *layout, double data_x, double data_y, double *canvas_x, double *canvas_y);
void pdx_chart_layout_to_data (
    const PdxChartLayout *layout, double canvas_x, double canvas_y, double *data_x, double *data_y);

/* ---- output --------------------------------------------------------------------------------- */

typedef enum
{
  PDX_CHART_FORMAT_PNG,
  PDX_CHART_FORMAT_SVG,
  PDX_CHART_FORMAT_PDF,
} PdxChartFormat;

/* From the file name's extension (.png, .svg, .pdf, any case). */
gboolean pdx_chart_format_from_path (const char *path, PdxChartFormat *out, GError **error);

/* Writes @chart to @path atomically (a temporary file renamed over @path): a PNG of @width ×
 * @height pixels whose text and lines are sized for @dpi (recorded in the PNG's pHYs chunk), or
 * an SVG / one-page PDF of the same layout at the same physical size (@width·72/@dpi ×
 * @height·72/@dpi points). @width and @height in 16…20000, @dpi in 36…1200. */
gboolean pdx_chart_save (PdxChart      *chart,
                         const char    *path,
                         PdxChartFormat format,
                         int            width,
                         int            height,
                         double         dpi,
                         GError       **error);

/* The colour every chart gives each arm of @data, as "#rrggbb" strings in arm order (the arm's
 * own colour when set, else the palette; see the charts), so that tables beside a chart can show
 * the same colours. A new NULL-terminated vector (g_strfreev). */
char **pdx_chart_dup_arm_colours (const PdxStudyData *data, gboolean dark);

G_END_DECLS
