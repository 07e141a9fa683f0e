/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-chart-render.c — the chart renderer on studies built in memory: layout (ticks, legend
 * clear of the data, labels that do not collide), pixels where a known value must land, hover
 * read-outs, and robustness on thin data. */
#include <math.h>
#include <string.h>

#include "pdx-test-util.h"

/* ---- studies built by hand ------------------------------------------------------------------- */

static PdxStudyData *
study_new (const char *code, PdxReadout readout)
{
  PdxStudyData *data = g_new0 (PdxStudyData, 1);

  data->id = 1;
  data->code = g_strdup (code);
  data->title = g_strdup ("test study");
  data->readout = readout;
  data->day0 = g_strdup ("2026-01-01");
  data->treatment_first_day = data->treatment_last_day = NAN;
  return data;
}

static int
add_arm (PdxStudyData *data, const char *name, gboolean control, const char *colour)
{
  PdxStudyArm *arm;

  data->arms = g_renew (PdxStudyArm, data->arms, data->n_arms + 1);
  arm = &data->arms[data->n_arms];
  memset (arm, 0, sizeof *arm);
  arm->id = data->n_arms + 1;
  arm->name = g_strdup (name);
  arm->is_control = control;
  arm->colour = g_strdup (colour);
  return (int) data->n_arms++;
}

/* A mouse of @arm measured on @days (@n of them) with @values and @weights (either may be NULL);
 * survival as the loader computes it: to @end_day (an event when @event) or, without an
 * endpoint (@end_day NAN), censored at the last measurement. */
static PdxStudyMouse *
add_mouse (PdxStudyData *data,
           int           arm,
           const char   *tag,
           const double *days,
           const double *values,
           const double *weights,
           guint         n,
           double        end_day,
           gboolean      event)
{
  PdxStudyMouse *mouse;

  data->mice = g_renew (PdxStudyMouse, data->mice, data->n_mice + 1);
  mouse = &data->mice[data->n_mice];
  memset (mouse, 0, sizeof *mouse);
  mouse->id = 100 + data->n_mice;
  mouse->tag = g_strdup (tag);
  mouse->arm = arm;
  mouse->implant_day = -20;
  mouse->n = n;
  mouse->day = g_new (double, MAX (n, 1));
  mouse->value = g_new (double, MAX (n, 1));
  mouse->weight_g = g_new (double, MAX (n, 1));
  mouse->neuro_score = g_new (int, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      mouse->day[i] = days[i];
      mouse->value[i] = values ? values[i] : NAN;
      mouse->weight_g[i] = weights ? weights[i] : NAN;
      mouse->neuro_score[i] = -1;
    }
  mouse->has_endpoint = isfinite (end_day);
  mouse->endpoint_day = end_day;
  mouse->event = mouse->has_endpoint && event;
  mouse->endpoint_kind = event ? PDX_ENDPOINT_HUMANE_NEURO : PDX_ENDPOINT_END_OF_STUDY;
  if (mouse->has_endpoint)
    mouse->survival_days = end_day - mouse->implant_day;
  else
    mouse->survival_days = n > 0 ? days[n - 1] - mouse->implant_day : NAN;
  mouse->survival_event = mouse->event;
  data->n_mice++;
  return mouse;
}

static const double week_days[] = { 0, 7, 14, 21, 28 };

/* Two arms of four mice: the control grows, the treated arm shrinks; every mouse has an
 * endpoint (treated: two censored at the end of the study). */
static PdxStudyData *
two_arm_study (PdxReadout readout)
{
  PdxStudyData *data = study_new ("T-1", readout);
  int           control = add_arm (data, "Vehicle", TRUE, NULL);
  int           treated = add_arm (data, "Drug", FALSE, NULL);

  data->treatment_first_day = 0;
  data->treatment_last_day = 21;
  for (int m = 0; m < 4; m++)
    {
      double           grow[5], shrink[5], weight[5];
      g_autofree char *tag_c = g_strdup_printf ("C%d", m + 1);
      g_autofree char *tag_t = g_strdup_printf ("T%d", m + 1);
      for (int i = 0; i < 5; i++)
        {
          grow[i] = 100 * pow (1.5 + 0.05 * m, i);
          shrink[i] = 100 * pow (0.7 + 0.02 * m, i);
          weight[i] = 20 * (1 - 0.02 * i * (m + 1) / 2.0);
        }
      add_mouse (data, control, tag_c, week_days, grow, weight, 5, 30 + m, TRUE);
      add_mouse (data, treated, tag_t, week_days, shrink, weight, 5, 40 + 5 * m, m < 2);
    }
  return data;
}

static const PdxChartLayout *
render (PdxChart *chart, cairo_surface_t **surface_out, int width, int height, double dpi)
{
  cairo_surface_t      *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t              *cr = cairo_create (surface);
  const PdxChartLayout *layout = pdx_chart_draw (chart, cr, width, height, dpi);

  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  if (surface_out)
    *surface_out = surface;
  else
    cairo_surface_destroy (surface);
  return layout;
}

static PdxChart *
chart_for (const PdxStudyData *data, PdxChartKind kind)
{
  g_autoptr (GError) error = NULL;
  PdxChartOptions options;
  PdxChart       *chart;

  pdx_chart_options_init (&options, kind, data);
  chart = pdx_chart_new (data, &options, &error);
  g_assert_no_error (error);
  g_assert_nonnull (chart);
  return chart;
}

static guint32
pixel_at (cairo_surface_t *surface, double x, double y)
{
  int            ix = (int) floor (x), iy = (int) floor (y);
  unsigned char *row =
      cairo_image_surface_get_data (surface) + iy * cairo_image_surface_get_stride (surface);

  g_assert_cmpint (ix, >=, 0);
  g_assert_cmpint (iy, >=, 0);
  g_assert_cmpint (ix, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (iy, <, cairo_image_surface_get_height (surface));
  return ((guint32 *) row)[ix] & 0xffffff;
}

/* ---- geometry checks written for the tests (not the renderer's own) -------------------------- */

static gboolean
rects_overlap (const PdxChartRect *a, const PdxChartRect *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width && a->y < b->y + b->height &&
         b->y < a->y + a->height;
}

static gboolean
point_in (const PdxChartRect *r, double x, double y)
{
  return x > r->x && x < r->x + r->width && y > r->y && y < r->y + r->height;
}

/* Whether a segment passes through the rectangle: sampled finely (1/200 of its length). */
static gboolean
segment_crosses (const PdxChartRect *r, double x0, double y0, double x1, double y1)
{
  for (int i = 0; i <= 200; i++)
    if (point_in (r, x0 + (x1 - x0) * i / 200.0, y0 + (y1 - y0) * i / 200.0))
      return TRUE;
  return FALSE;
}

static void
assert_legend_clear (const PdxChartLayout *layout)
{
  if (!layout->has_legend)
    return;
  for (guint i = 0; i < layout->marks->len; i++)
    {
      const PdxChartMark *m = &g_array_index (layout->marks, PdxChartMark, i);
      PdxChartRect        bar = { MIN (m->x0, m->x1), MIN (m->y0, m->y1), fabs (m->x1 - m->x0),
                                  fabs (m->y1 - m->y0) };
      gboolean covered = m->kind == PDX_CHART_MARK_POINT ? point_in (&layout->legend, m->x0, m->y0)
                         : m->kind == PDX_CHART_MARK_BAR
                             ? rects_overlap (&layout->legend, &bar)
                             : segment_crosses (&layout->legend, m->x0, m->y0, m->x1, m->y1);
      if (covered)
        g_error ("legend (%g, %g, %g x %g) covers mark %u (%g, %g) to (%g, %g)", layout->legend.x,
                 layout->legend.y, layout->legend.width, layout->legend.height, i, m->x0, m->y0,
                 m->x1, m->y1);
    }
}

static void
assert_labels_apart (GArray *rects)
{
  for (guint i = 0; i < rects->len; i++)
    for (guint j = i + 1; j < rects->len; j++)
      g_assert_false (rects_overlap (&g_array_index (rects, PdxChartRect, i),
                                     &g_array_index (rects, PdxChartRect, j)));
}

static void
assert_one_two_five (const PdxChartAxisLayout *axis)
{
  double step, magnitude, mantissa;

  if (axis->log || axis->ticks->len < 2)
    return;
  step = g_array_index (axis->ticks, double, 1) - g_array_index (axis->ticks, double, 0);
  magnitude = pow (10, floor (log10 (step) + 1e-9));
  mantissa = round (step / magnitude * 1e6) / 1e6;
  g_assert_true (mantissa == 1 || mantissa == 2 || mantissa == 5);
  for (guint t = 1; t < axis->ticks->len; t++)
    g_assert_cmpfloat_with_epsilon (g_array_index (axis->ticks, double, t) -
                                        g_array_index (axis->ticks, double, t - 1),
                                    step, step * 1e-6);
}

/* Every text box inside the canvas. */
static void
assert_texts_inside (const PdxChartLayout *layout)
{
  for (guint i = 0; i < layout->texts->len; i++)
    {
      const PdxChartRect *r = &g_array_index (layout->texts, PdxChartRect, i);
      g_assert_cmpfloat (r->x, >=, -0.5);
      g_assert_cmpfloat (r->y, >=, -0.5);
      g_assert_cmpfloat (r->x + r->width, <=, layout->width + 0.5);
      g_assert_cmpfloat (r->y + r->height, <=, layout->height + 0.5);
    }
}

/* ---- layout ------------------------------------------------------------------------------------
 */

static void
test_layout_every_kind (void)
{
  g_autoptr (PdxStudyData) data = two_arm_study (PDX_READOUT_CALIPER_VOLUME);

  for (int k = 0; k < PDX_N_CHART_KINDS; k++)
    {
      g_autoptr (PdxChart) chart = chart_for (data, (PdxChartKind) k);
      const PdxChartLayout *layout = render (chart, NULL, 1200, 800, 96);

      g_test_message ("chart %s", pdx_chart_kind_to_string ((PdxChartKind) k));
      g_assert_null (layout->message);
      g_assert_true (layout->has_legend);
      g_assert_cmpuint (layout->marks->len, >, 0);
      assert_one_two_five (&layout->x);
      assert_one_two_five (&layout->y);
      assert_labels_apart (layout->x.label_rects);
      assert_labels_apart (layout->y.label_rects);
      assert_labels_apart (layout->texts);
      assert_legend_clear (layout);
      assert_texts_inside (layout);
      /* The data lie inside the axes. */
      g_assert_cmpfloat (layout->data_y_min, >=, layout->y.min);
      g_assert_cmpfloat (layout->data_y_max, <=, layout->y.max);
      g_assert_cmpfloat (layout->data_x_min, >=, layout->x.min);
      g_assert_cmpfloat (layout->data_x_max, <=, layout->x.max);
    }
}

/* Curves through every corner: the legend goes outside, right of the plot. */
static void
test_layout_legend_outside (void)
{
  g_autoptr (PdxStudyData) data = study_new ("T-2", PDX_READOUT_CALIPER_VOLUME);
  int                 arm = add_arm (data, "Vehicle", TRUE, NULL);
  static const double days[] = { 0, 28 };
  static const double rising[] = { 1, 1000 }, falling[] = { 1000, 1 };
  g_autoptr (PdxChart) chart = NULL;
  const PdxChartLayout *layout;

  add_mouse (data, arm, "M1", days, rising, NULL, 2, NAN, FALSE);
  add_mouse (data, arm, "M2", days, falling, NULL, 2, NAN, FALSE);
  chart = chart_for (data, PDX_CHART_SPIDER);
  layout = render (chart, NULL, 800, 600, 96);
  g_assert_true (layout->has_legend);
  g_assert_true (layout->legend_outside);
  g_assert_cmpfloat (layout->legend.x, >=, layout->plot.x + layout->plot.width);
  g_assert_cmpfloat (layout->legend.x + layout->legend.width, <=, layout->width);
  assert_legend_clear (layout);
}

/* The same chart at twice the DPI on twice the pixels is the same picture, twice as big. */
static void
test_layout_scales_with_dpi (void)
{
  g_autoptr (PdxStudyData) data = two_arm_study (PDX_READOUT_MRI_VOLUME);
  g_autoptr (PdxChart) chart = chart_for (data, PDX_CHART_GROWTH);
  PdxChartRect          plot96, legend96;
  const PdxChartLayout *layout;

  layout = render (chart, NULL, 600, 400, 96);
  plot96 = layout->plot;
  legend96 = layout->legend;
  layout = render (chart, NULL, 1200, 800, 192);
  g_assert_cmpfloat_with_epsilon (layout->plot.x, 2 * plot96.x, 2);
  g_assert_cmpfloat_with_epsilon (layout->plot.width, 2 * plot96.width, 3);
  g_assert_cmpfloat_with_epsilon (layout->plot.height, 2 * plot96.height, 3);
  /* Glyphs sit on whole pixels on raster targets: text widths may differ by a few pixels. */
  g_assert_cmpfloat_with_epsilon (layout->legend.width, 2 * legend96.width,
                                  0.03 * layout->legend.width);
}

/* ---- pixels ------------------------------------------------------------------------------------
 */

/* Two identical mice (SEM 0): the arm's mean point is a dot in the arm's own colour exactly
 * where the layout maps (day 14, 300 mm³). */
static void
test_pixel_growth_point (void)
{
  g_autoptr (PdxStudyData) data = study_new ("T-3", PDX_READOUT_CALIPER_VOLUME);
  int                 arm = add_arm (data, "Drug", FALSE, "#d55e00");
  static const double days[] = { 0, 7, 14 }, values[] = { 100, 200, 300 };
  g_autoptr (PdxChart) chart = NULL;
  cairo_surface_t      *surface;
  const PdxChartLayout *layout;
  double                x, y;

  add_mouse (data, arm, "M1", days, values, NULL, 3, NAN, FALSE);
  add_mouse (data, arm, "M2", days, values, NULL, 3, NAN, FALSE);
  chart = chart_for (data, PDX_CHART_GROWTH);
  layout = render (chart, &surface, 900, 600, 96);
  pdx_chart_layout_to_canvas (layout, 14, 300, &x, &y);
  g_assert_true (point_in (&layout->plot, x, y));
  g_assert_cmphex (pixel_at (surface, x, y), ==, 0xd55e00);
  /* Half-way between two days, well below the line and between two grid lines: background
   * (white), nothing drawn. */
  pdx_chart_layout_to_canvas (
      layout, 10.5,
      (g_array_index (layout->y.ticks, double, 0) + g_array_index (layout->y.ticks, double, 1)) / 2,
      &x, &y);
  g_assert_cmphex (pixel_at (surface, x, y), ==, 0xffffff);
  cairo_surface_destroy (surface);
}

/* Bars by mRECIST class: a responder's bar is PR green, a progressor's PD vermillion. */
static void
test_pixel_waterfall_classes (void)
{
  g_autoptr (PdxStudyData) data = study_new ("T-4", PDX_READOUT_CALIPER_VOLUME);
  int                 arm = add_arm (data, "Drug", FALSE, "#0072b2");
  static const double days[] = { 0, 10, 14, 21 };
  static const double progress[] = { 100, 180, 200, 260 }, respond[] = { 100, 40, 30, 35 };
  g_autoptr (GError) error = NULL;
  PdxChartOptions options;
  g_autoptr (PdxChart) chart = NULL;
  cairo_surface_t      *surface;
  const PdxChartLayout *layout;
  double                x, y;

  add_mouse (data, arm, "P1", days, progress, NULL, 4, NAN, FALSE);
  add_mouse (data, arm, "R1", days, respond, NULL, 4, NAN, FALSE);
  pdx_chart_options_init (&options, PDX_CHART_WATERFALL, data);
  options.colour_by = PDX_CHART_COLOUR_BY_CLASS;
  chart = pdx_chart_new (data, &options, &error);
  g_assert_no_error (error);
  layout = render (chart, &surface, 800, 600, 96);
  /* Sorted: the progressor (BR +80 %, day 10) first, in slot 0; the responder (BR −70 %, BAR
   * −48.75 %: PR) in slot 1. */
  pdx_chart_layout_to_canvas (layout, 0, 50, &x, &y);
  g_assert_cmphex (pixel_at (surface, x, y), ==, 0xd55e00);
  pdx_chart_layout_to_canvas (layout, 1, -35, &x, &y);
  g_assert_cmphex (pixel_at (surface, x, y), ==, 0x009e73);
  cairo_surface_destroy (surface);

  /* By arm: both bars in the arm's own colour. */
  g_clear_pointer (&chart, pdx_chart_free);
  chart = chart_for (data, PDX_CHART_WATERFALL);
  layout = render (chart, &surface, 800, 600, 96);
  pdx_chart_layout_to_canvas (layout, 1, -35, &x, &y);
  g_assert_cmphex (pixel_at (surface, x, y), ==, 0x0072b2);
  cairo_surface_destroy (surface);
}

/* At 96 dpi on an image surface the x axis is one crisp pixel: a dark row with background above
 * and below, no grey antialiasing smear. */
static void
test_pixel_crisp_axis (void)
{
  g_autoptr (PdxStudyData) data = two_arm_study (PDX_READOUT_CALIPER_VOLUME);
  g_autoptr (PdxChart) chart = chart_for (data, PDX_CHART_SPIDER);
  cairo_surface_t      *surface;
  const PdxChartLayout *layout = render (chart, &surface, 1000, 700, 96);
  double                x, y = floor (layout->plot.y + layout->plot.height);
  guint32               above;
  int                   dark = -1;

  /* Half-way between the first two ticks, clear of the tick marks. */
  g_assert_cmpuint (layout->x.ticks->len, >=, 2);
  pdx_chart_layout_to_canvas (
      layout,
      (g_array_index (layout->x.ticks, double, 0) + g_array_index (layout->x.ticks, double, 1)) / 2,
      0, &x, NULL);
  for (int dy = -2; dy <= 1; dy++)
    if (pixel_at (surface, x, y + dy + 0.5) == 0x333333)
      {
        g_assert_cmpint (dark, ==, -1);
        dark = dy;
      }
  g_assert_cmpint (dark, !=, -1);
  g_assert_cmphex (pixel_at (surface, x, y + dark + 1.5), ==, 0xffffff);
  /* Above: the plot's own background (white, or the treatment window's tint), unblended. */
  above = pixel_at (surface, x, y + dark - 0.5);
  g_assert_true (above == 0xffffff || above == 0xe8eef5);
  cairo_surface_destroy (surface);
}

/* Over 40 mice, spider curves one pixel wide go through the renderer's own line rasteriser:
 * the ink lands where the layout maps the values, in the arm's colour, and nowhere else. */
static void
test_pixel_spider_thin_lines (void)
{
  g_autoptr (PdxStudyData) data = study_new ("T-5", PDX_READOUT_CALIPER_VOLUME);
  int                 low = add_arm (data, "Low", FALSE, "#0072b2");
  int                 high = add_arm (data, "High", FALSE, "#d55e00");
  static const double flat_low[] = { 100, 100, 100, 100, 100 };
  static const double flat_high[] = { 300, 300, 300, 300, 300 };
  g_autoptr (PdxChart) chart = NULL;
  const PdxChartLayout *layout;
  cairo_surface_t      *surface;
  double                x, y, y_mid;

  for (int m = 0; m < 30; m++)
    {
      g_autofree char *tag_low = g_strdup_printf ("L%02d", m);
      g_autofree char *tag_high = g_strdup_printf ("H%02d", m);
      add_mouse (data, low, tag_low, week_days, flat_low, NULL, 5, NAN, FALSE);
      add_mouse (data, high, tag_high, week_days, flat_high, NULL, 5, NAN, FALSE);
    }
  chart = chart_for (data, PDX_CHART_SPIDER);
  layout = render (chart, &surface, 900, 600, 96);
  /* Thirty curves of opacity 0.8 on top of each other: the arm's colour, to a unit or two. */
  pdx_chart_layout_to_canvas (layout, 10.5, 100, &x, &y);
  {
    guint32 p = pixel_at (surface, x, y);
    g_assert_cmpint (ABS ((int) (p >> 16) - 0x00), <=, 2);
    g_assert_cmpint (ABS ((int) ((p >> 8) & 0xff) - 0x72), <=, 2);
    g_assert_cmpint (ABS ((int) (p & 0xff) - 0xb2), <=, 2);
  }
  pdx_chart_layout_to_canvas (layout, 10.5, 300, &x, &y);
  g_assert_cmphex (pixel_at (surface, x, y) & 0xf0f0f0, ==, 0xd05000);
  /* Half-way between the two lines (and off the grid): untouched background. */
  pdx_chart_layout_to_canvas (layout, 10.5, 212, &x, &y_mid);
  g_assert_cmphex (pixel_at (surface, x, y_mid), ==, 0xffffff);
  cairo_surface_destroy (surface);
}

/* Sixty mice whose curves rise, fall and cross at every slope (steep ones included). */
static PdxStudyData *
crossing_study (void)
{
  PdxStudyData *data = study_new ("T-6", PDX_READOUT_CALIPER_VOLUME);
  int           up = add_arm (data, "Up", FALSE, "#0072b2");
  int           down = add_arm (data, "Down", FALSE, "#d55e00");

  for (int m = 0; m < 30; m++)
    {
      g_autofree char *tag_up = g_strdup_printf ("U%02d", m);
      g_autofree char *tag_down = g_strdup_printf ("D%02d", m);
      double           rise[5], fall[5];
      for (int i = 0; i < 5; i++)
        {
          rise[i] = 100 + m * 8 + i * i * (4 + m) + (i % 2) * 60;
          fall[i] = 900 - m * 10 - i * (20 + 6 * m) + ((i + m) % 3) * 40;
        }
      add_mouse (data, up, tag_up, week_days, rise, NULL, 5, NAN, FALSE);
      add_mouse (data, down, tag_down, week_days, fall, NULL, 5, NAN, FALSE);
    }
  return data;
}

/* The renderer's own rasteriser (thin curves, plain bars) stands in for cairo: @chart drawn
 * through cairo (onto a recording surface, which the fast path does not take, then painted)
 * carries the same ink to the same places, to @ink_share of the total and @block_tolerance per
 * channel over any 8×8-pixel block of the plot. Wu's lines share a pixel's ink out differently
 * from cairo's exact areas, and bars sharing a pixel are blended one after the other rather
 * than summed, so the comparison is not of single pixels. */
static void
assert_raster_matches_cairo_at (PdxChart *chart,
                                int       scale,
                                double    ink_share,
                                double    block_tolerance)
{
  const int             width = 900, height = 600;
  cairo_surface_t      *fast, *recording, *slow;
  cairo_t              *cr;
  const PdxChartLayout *layout;
  int                   x0, y0, x1, y1, stride;
  double                ink_fast = 0, ink_slow = 0, worst_block = 0;
  const guint32        *fast_pixels, *slow_pixels;

  /* At @scale, as the app draws on a screen at 2×: an image surface with that device scale. */
  fast = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width * scale, height * scale);
  cairo_surface_set_device_scale (fast, scale, scale);
  cr = cairo_create (fast);
  layout = pdx_chart_draw (chart, cr, width, height, 96);
  cairo_destroy (cr);
  cairo_surface_flush (fast);
  x0 = ((int) ceil (layout->plot.x) + 2) * scale, y0 = ((int) ceil (layout->plot.y) + 2) * scale;
  x1 = ((int) floor (layout->plot.x + layout->plot.width) - 2) * scale;
  y1 = ((int) floor (layout->plot.y + layout->plot.height) - 2) * scale;

  recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cr = cairo_create (recording);
  pdx_chart_draw (chart, cr, width, height, 96);
  cairo_destroy (cr);
  slow = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width * scale, height * scale);
  cairo_surface_set_device_scale (slow, scale, scale);
  cr = cairo_create (slow);
  cairo_set_source_surface (cr, recording, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (recording);
  cairo_surface_flush (slow);

  stride = cairo_image_surface_get_stride (fast) / 4;
  g_assert_cmpint (stride, ==, cairo_image_surface_get_stride (slow) / 4);
  fast_pixels = (const guint32 *) (gconstpointer) cairo_image_surface_get_data (fast);
  slow_pixels = (const guint32 *) (gconstpointer) cairo_image_surface_get_data (slow);
  for (int by = y0; by + 8 <= y1; by += 8)
    for (int bx = x0; bx + 8 <= x1; bx += 8)
      {
        double block_fast = 0, block_slow = 0;
        for (int y = by; y < by + 8; y++)
          for (int x = bx; x < bx + 8; x++)
            for (int c = 0; c < 24; c += 8)
              {
                block_fast += 255 - ((fast_pixels[y * stride + x] >> c) & 0xff);
                block_slow += 255 - ((slow_pixels[y * stride + x] >> c) & 0xff);
              }
        ink_fast += block_fast, ink_slow += block_slow;
        /* Per pixel and channel, averaged over the block. */
        worst_block = MAX (worst_block, fabs (block_fast - block_slow) / (64 * 3));
      }
  g_test_message ("ink: raster %.0f, cairo %.0f; worst 8×8 block differs by %.1f", ink_fast,
                  ink_slow, worst_block);
  g_assert_cmpfloat (ink_slow, >, 0);
  g_assert_cmpfloat (fabs (ink_fast - ink_slow) / ink_slow, <=, ink_share);
  g_assert_cmpfloat (worst_block, <=, block_tolerance);
  cairo_surface_destroy (fast);
  cairo_surface_destroy (slow);
}

static void
assert_raster_matches_cairo (PdxChart *chart, double ink_share, double block_tolerance)
{
  assert_raster_matches_cairo_at (chart, 1, ink_share, block_tolerance);
}

static void
test_pixel_spider_matches_cairo (void)
{
  g_autoptr (PdxStudyData) data = crossing_study ();
  g_autoptr (PdxChart) chart = chart_for (data, PDX_CHART_SPIDER);

  assert_raster_matches_cairo (chart, 0.05, 12);
  /* On a screen at 2× the curves are two device pixels across, as cairo strokes them. */
  assert_raster_matches_cairo_at (chart, 2, 0.05, 12);
}

/* Bars go through cairo's own fill on image surfaces too (docs/chart-rasteriser.md: cairo is as
 * fast for them), so the picture is exactly cairo's: sixty wide bars (edges on fractions of a
 * pixel), then 600 narrower than a pixel, where neighbours share pixels. */
static void
test_pixel_waterfall_matches_cairo (void)
{
  g_autoptr (PdxStudyData) data = crossing_study ();
  g_autoptr (PdxStudyData) crowded = study_new ("T-7", PDX_READOUT_CALIPER_VOLUME);
  int arms[3];
  g_autoptr (PdxChart) chart = chart_for (data, PDX_CHART_WATERFALL);
  g_autoptr (PdxChart) crowded_chart = NULL;

  assert_raster_matches_cairo (chart, 0, 0);
  for (int a = 0; a < 3; a++)
    {
      g_autofree char *name = g_strdup_printf ("Arm %d", a + 1);
      arms[a] = add_arm (crowded, name, a == 0, NULL);
    }
  for (int m = 0; m < 600; m++)
    {
      g_autofree char *tag = g_strdup_printf ("M%03d", m);
      double           values[5];
      for (int i = 0; i < 5; i++)
        values[i] = 100 * pow (0.6 + 0.0015 * ((m * 7919) % 600), i);
      add_mouse (crowded, arms[m % 3], tag, week_days, values, NULL, 5, NAN, FALSE);
    }
  crowded_chart = chart_for (crowded, PDX_CHART_WATERFALL);
  assert_raster_matches_cairo (crowded_chart, 0, 0);
}

/* A chart remembers what it worked out in earlier draws (text sizes, mapped points, data
 * extents): drawn again at another size, resolution or scale, it must give the very pixels a
 * fresh chart gives. */
static void
test_pixel_redraw_same_as_fresh (void)
{
  static const struct
  {
    int    width, height;
    double dpi;
  } sizes[] = { { 900, 600, 96 }, { 420, 300, 96 }, { 1200, 800, 192 }, { 900, 600, 96 } };
  g_autoptr (PdxStudyData) crossing = crossing_study ();
  g_autoptr (PdxStudyData) two_arms = two_arm_study (PDX_READOUT_BLI_FLUX);

  for (int k = 0; k < PDX_N_CHART_KINDS; k++)
    for (int study = 0; study < 2; study++)
      {
        const PdxStudyData *data = study == 0 ? crossing : two_arms;
        g_autoptr (PdxChart) reused = chart_for (data, (PdxChartKind) k);

        for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
          {
            g_autoptr (PdxChart) fresh = chart_for (data, (PdxChartKind) k);
            cairo_surface_t *a, *b;
            int              bytes;

            render (reused, &a, sizes[i].width, sizes[i].height, sizes[i].dpi);
            render (fresh, &b, sizes[i].width, sizes[i].height, sizes[i].dpi);
            bytes = cairo_image_surface_get_stride (a) * sizes[i].height;
            g_assert_cmpint (
                memcmp (cairo_image_surface_get_data (a), cairo_image_surface_get_data (b), bytes),
                ==, 0);
            cairo_surface_destroy (a);
            cairo_surface_destroy (b);
          }
      }
}

/* ---- hover read-outs
 * ----------------------------------------------------------------------------- */

static void
test_hit_growth (void)
{
  g_autoptr (PdxStudyData) data = two_arm_study (PDX_READOUT_CALIPER_VOLUME);
  g_autoptr (PdxChart) chart = chart_for (data, PDX_CHART_GROWTH);
  const PdxChartLayout *layout = render (chart, NULL, 1000, 700, 96);
  PdxChartHit           hit;
  double                x, y, mean = 0;

  /* The control arm's mean at day 14: the mean of 100·(1.5 + 0.05 m)² over m = 0…3. */
  for (int m = 0; m < 4; m++)
    mean += 100 * pow (1.5 + 0.05 * m, 2) / 4;
  pdx_chart_layout_to_canvas (layout, 14, mean, &x, &y);
  g_assert_true (pdx_chart_hit_test (layout, x + 2, y - 2, &hit));
  g_assert_cmpint (hit.arm, ==, 0);
  g_assert_cmpstr (hit.arm_name, ==, "Vehicle");
  g_assert_null (hit.mouse_tag);
  g_assert_cmpfloat (hit.day, ==, 14);
  g_assert_cmpfloat_with_epsilon (hit.value, mean, 1e-9);
  g_assert_cmpint (hit.n, ==, 4);
  g_assert_true (isfinite (hit.sem) && hit.sem > 0);
  g_assert_nonnull (strstr (hit.label, "Vehicle"));
  g_assert_nonnull (strstr (hit.label, "n = 4"));
  /* Nowhere near data: no hit. */
  g_assert_false (pdx_chart_hit_test (layout, layout->plot.x + 3, layout->plot.y + 3, &hit));
}

static void
test_hit_spider_and_waterfall (void)
{
  g_autoptr (PdxStudyData) data = two_arm_study (PDX_READOUT_CALIPER_VOLUME);
  g_autoptr (PdxChart) spider = chart_for (data, PDX_CHART_SPIDER);
  g_autoptr (PdxChart) waterfall = chart_for (data, PDX_CHART_WATERFALL);
  const PdxChartLayout *layout = render (spider, NULL, 1000, 700, 96);
  PdxChartHit           hit;
  double                x, y;

  /* Mouse C4 (control, m = 3) at day 28: 100·1.65⁴, the highest point of all. */
  pdx_chart_layout_to_canvas (layout, 28, 100 * pow (1.65, 4), &x, &y);
  g_assert_true (pdx_chart_hit_test (layout, x, y, &hit));
  g_assert_cmpstr (hit.mouse_tag, ==, "C4");
  g_assert_cmpstr (hit.arm_name, ==, "Vehicle");
  g_assert_cmpint (hit.mouse_id, ==, data->mice[6].id);

  /* Waterfall: the first slot holds the largest best response, mouse C4 again. */
  layout = render (waterfall, NULL, 1000, 700, 96);
  pdx_chart_layout_to_canvas (layout, 0, 100, &x, &y);
  g_assert_true (pdx_chart_hit_test (layout, x, y, &hit));
  g_assert_cmpstr (hit.mouse_tag, ==, "C4");
  g_assert_true (isnan (hit.day));
  g_assert_nonnull (strstr (hit.label, "PD"));
}

/* The mouse page's charts (options.mouse_id): one mouse over its arm's median. Expected values
 * by hand from two_arm_study: control mouse m has 100·(1.5 + 0.05 m)^i on week i and weighs
 * 20·(1 − 0.01·i·(m + 1)) g, so at day 14 the control volumes are 225, 240.25, 256, 272.25
 * (median 248.125) and at day 28 506.25, 577.200625, 655.36, 741.200625 (median
 * 616.2803125); the weights at day 28 are −4, −8, −12, −16 % (median −10 %). */
static void
test_mouse_charts (void)
{
  g_autoptr (PdxStudyData) data = two_arm_study (PDX_READOUT_CALIPER_VOLUME);
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxChart) growth = NULL, weight = NULL, excluded = NULL;
  const PdxChartLayout *layout;
  PdxChartOptions       options;
  PdxChartHit           hit;
  double                x, y;

  /* Mouse C2 (m = 1) is data->mice[2]. */
  pdx_chart_options_init (&options, PDX_CHART_GROWTH, data);
  options.mouse_id = data->mice[2].id;
  growth = pdx_chart_new (data, &options, &error);
  g_assert_no_error (error);
  layout = render (growth, NULL, 800, 500, 96);
  g_assert_null (layout->message);
  pdx_chart_layout_to_canvas (layout, 14, 248.125, &x, &y);
  g_assert_true (pdx_chart_hit_test (layout, x, y, &hit));
  g_assert_cmpint (hit.mouse_id, ==, 0);
  g_assert_cmpstr (hit.arm_name, ==, "Vehicle");
  g_assert_cmpfloat_with_epsilon (hit.value, 248.125, 1e-9);
  pdx_chart_layout_to_canvas (layout, 28, 577.200625, &x, &y);
  g_assert_true (pdx_chart_hit_test (layout, x, y, &hit));
  g_assert_cmpstr (hit.mouse_tag, ==, "C2");
  g_assert_cmpint (hit.mouse_id, ==, data->mice[2].id);
  /* No other mouse is drawn: the top of the data is the median's 616.28, not C4's 741.2. */
  g_assert_cmpfloat_with_epsilon (layout->data_y_max, 616.2803125, 1e-6);
  g_assert_cmpuint (layout->notes->len, >=, 1);

  pdx_chart_options_init (&options, PDX_CHART_WEIGHT, data);
  options.mouse_id = data->mice[0].id;
  weight = pdx_chart_new (data, &options, &error);
  g_assert_no_error (error);
  layout = render (weight, NULL, 800, 500, 96);
  pdx_chart_layout_to_canvas (layout, 28, -10, &x, &y);
  g_assert_true (pdx_chart_hit_test (layout, x, y, &hit));
  g_assert_cmpint (hit.mouse_id, ==, 0);
  g_assert_cmpfloat_with_epsilon (hit.value, -10, 1e-9);
  pdx_chart_layout_to_canvas (layout, 28, -4, &x, &y);
  g_assert_true (pdx_chart_hit_test (layout, x, y, &hit));
  g_assert_cmpstr (hit.mouse_tag, ==, "C1");
  g_assert_cmpfloat_with_epsilon (hit.value, -4, 1e-9);

  /* An excluded mouse, and a mouse not in the study, draw a message instead of data. */
  data->mice[2].excluded = TRUE;
  pdx_chart_options_init (&options, PDX_CHART_GROWTH, data);
  options.mouse_id = data->mice[2].id;
  excluded = pdx_chart_new (data, &options, &error);
  g_assert_no_error (error);
  layout = render (excluded, NULL, 800, 500, 96);
  g_assert_nonnull (layout->message);
  g_assert_cmpuint (layout->marks->len, ==, 0);
  pdx_chart_free (excluded);
  options.mouse_id = 9999;
  excluded = pdx_chart_new (data, &options, &error);
  layout = render (excluded, NULL, 800, 500, 96);
  g_assert_nonnull (layout->message);
}

static void
test_hit_survival (void)
{
  g_autoptr (PdxStudyData) data = two_arm_study (PDX_READOUT_CALIPER_VOLUME);
  g_autoptr (PdxChart) chart = chart_for (data, PDX_CHART_SURVIVAL);
  const PdxChartLayout *layout = render (chart, NULL, 1000, 700, 96);
  PdxChartHit           hit;
  double                x, y;

  /* Control mice die on days 50, 51, 52, 53 after implant: at day 51.5, S = 0.5 with 2 left. */
  pdx_chart_layout_to_canvas (layout, 51.5, 0.5, &x, &y);
  g_assert_true (pdx_chart_hit_test (layout, x, y, &hit));
  g_assert_cmpstr (hit.arm_name, ==, "Vehicle");
  g_assert_cmpfloat_with_epsilon (hit.value, 0.5, 1e-12);
}

/* ---- robustness
 * ---------------------------------------------------------------------------------- */

/* Renders every kind and checks that something (data or a message) was drawn. */
static void
render_every_kind (const PdxStudyData *data, gboolean expect_message)
{
  for (int k = 0; k < PDX_N_CHART_KINDS; k++)
    {
      g_autoptr (PdxChart) chart = chart_for (data, (PdxChartKind) k);
      cairo_surface_t      *surface;
      const PdxChartLayout *layout = render (chart, &surface, 640, 480, 96);

      g_test_message ("%s: %s", pdx_chart_kind_to_string ((PdxChartKind) k),
                      layout->message ? layout->message : "(data)");
      g_assert_true (layout->message != NULL || layout->marks->len > 0);
      if (expect_message)
        {
          double   x = layout->plot.x + layout->plot.width / 2;
          gboolean inked = FALSE;
          g_assert_nonnull (layout->message);
          /* The message is written across the middle of the plot. */
          for (double dx = -100; dx <= 100 && !inked; dx += 1)
            inked =
                pixel_at (surface, x + dx, layout->plot.y + layout->plot.height / 2) != 0xffffff;
          g_assert_true (inked);
        }
      cairo_surface_destroy (surface);
    }
}

static void
test_robust_empty_study (void)
{
  g_autoptr (PdxStudyData) data = study_new ("EMPTY", PDX_READOUT_BLI_FLUX);
  render_every_kind (data, TRUE);
}

static void
test_robust_unrandomised (void)
{
  g_autoptr (PdxStudyData) data = study_new ("WAIT", PDX_READOUT_BLI_FLUX);
  static const double days[] = { -2 }, values[] = { 1e6 };

  add_arm (data, "Vehicle", TRUE, NULL);
  add_mouse (data, -1, "W1", days, values, NULL, 1, NAN, FALSE);
  render_every_kind (data, TRUE);
}

/* An arm without mice next to a one-mouse arm whose only endpoint is censored. */
static void
test_robust_thin_arms (void)
{
  g_autoptr (PdxStudyData) data = study_new ("THIN", PDX_READOUT_MRI_VOLUME);
  static const double values[] = { 10, 12, 15, 20, 26 }, weights[] = { 20, 20, 19, 19, 18 };
  int                 lonely;

  add_arm (data, "Vehicle", TRUE, NULL);
  lonely = add_arm (data, "Drug", FALSE, NULL);
  add_mouse (data, lonely, "D1", week_days, values, weights, 5, 35, FALSE);
  render_every_kind (data, FALSE);
}

/* Zero and negative values cannot go on a log axis: left out, and a note says how many. */
static void
test_robust_log_nonpositive (void)
{
  g_autoptr (PdxStudyData) data = study_new ("LOG", PDX_READOUT_BLI_FLUX);
  int                 arm = add_arm (data, "Vehicle", TRUE, NULL);
  static const double values[] = { 1e6, 0, 5e6, -3, 2e7 };
  g_autoptr (PdxChart) chart = NULL;
  const PdxChartLayout *layout;
  gboolean              noted = FALSE;

  add_mouse (data, arm, "Z1", week_days, values, NULL, 5, NAN, FALSE);
  chart = chart_for (data, PDX_CHART_SPIDER);
  g_assert_true (pdx_chart_get_options (chart)->log_axis);
  layout = render (chart, NULL, 800, 600, 96);
  g_assert_true (layout->y.log);
  g_assert_null (layout->message);
  for (guint i = 0; i < layout->notes->len; i++)
    noted |= strstr (g_ptr_array_index (layout->notes, i), "2 values") != NULL &&
             strstr (g_ptr_array_index (layout->notes, i), "log axis") != NULL;
  g_assert_true (noted);
  g_assert_cmpfloat (layout->data_y_min, ==, 1e6);
}

/* Every mouse of an arm censored: a flat curve at 100 %, median not reached. */
static void
test_robust_all_censored (void)
{
  g_autoptr (PdxStudyData) data = study_new ("CENS", PDX_READOUT_CALIPER_VOLUME);
  int                 arm = add_arm (data, "Vehicle", TRUE, NULL);
  static const double values[] = { 100, 110, 120, 130, 140 };
  g_autoptr (PdxChart) chart = NULL;
  const PdxChartLayout *layout;

  for (int m = 0; m < 3; m++)
    {
      g_autofree char *tag = g_strdup_printf ("K%d", m);
      add_mouse (data, arm, tag, week_days, values, NULL, 5, NAN, FALSE);
    }
  chart = chart_for (data, PDX_CHART_SURVIVAL);
  layout = render (chart, NULL, 800, 600, 96);
  g_assert_null (layout->message);
  g_assert_true (layout->has_legend);
  g_assert_cmpfloat (layout->data_y_min, ==, 1);
  g_assert_cmpuint (layout->notes->len, >=, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (layout->notes, 0), "censored"));
  assert_legend_clear (layout);
}

static void
test_robust_canvas_sizes (void)
{
  g_autoptr (PdxStudyData) data = two_arm_study (PDX_READOUT_BLI_FLUX);
  static const int sizes[][2] = { { 1, 1 }, { 40, 30 }, { 200, 120 }, { 4000, 2500 } };

  for (int k = 0; k < PDX_N_CHART_KINDS; k++)
    {
      g_autoptr (PdxChart) chart = chart_for (data, (PdxChartKind) k);
      for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
        {
          const PdxChartLayout *layout = render (chart, NULL, sizes[s][0], sizes[s][1], 96);
          g_assert_cmpfloat (layout->plot.width, >, 0);
          g_assert_cmpfloat (layout->plot.height, >, 0);
        }
    }
}

/* Tables beside a chart get the chart's arm colours: an arm's own colour as set, the others the
 * Okabe–Ito palette (Okabe & Ito 2008: orange #E69F00, sky blue #56B4E9, bluish green #009E73). */
static void
test_arm_colour_strings (void)
{
  g_autoptr (PdxStudyData) data = study_new ("COLOURS", PDX_READOUT_BLI_FLUX);
  g_auto (GStrv) colours = NULL;

  add_arm (data, "Vehicle", TRUE, "#7f7f7f");
  add_arm (data, "T-DM1", FALSE, NULL);
  add_arm (data, "Tucatinib", FALSE, NULL);
  add_arm (data, "Alpelisib", FALSE, NULL);
  colours = pdx_chart_dup_arm_colours (data, FALSE);
  g_assert_cmpuint (g_strv_length (colours), ==, 4);
  g_assert_cmpstr (colours[0], ==, "#7f7f7f");
  g_assert_cmpstr (colours[1], ==, "#e69f00");
  g_assert_cmpstr (colours[2], ==, "#56b4e9");
  g_assert_cmpstr (colours[3], ==, "#009e73");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/chart/palette/arm-colour-strings", test_arm_colour_strings);
  g_test_add_func ("/chart/layout/every-kind", test_layout_every_kind);
  g_test_add_func ("/chart/mouse/own-curve-over-arm-median", test_mouse_charts);
  g_test_add_func ("/chart/layout/legend-outside", test_layout_legend_outside);
  g_test_add_func ("/chart/layout/scales-with-dpi", test_layout_scales_with_dpi);
  g_test_add_func ("/chart/pixel/growth-point", test_pixel_growth_point);
  g_test_add_func ("/chart/pixel/waterfall-classes", test_pixel_waterfall_classes);
  g_test_add_func ("/chart/pixel/crisp-axis", test_pixel_crisp_axis);
  g_test_add_func ("/chart/pixel/spider-thin-lines", test_pixel_spider_thin_lines);
  g_test_add_func ("/chart/pixel/spider-matches-cairo", test_pixel_spider_matches_cairo);
  g_test_add_func ("/chart/pixel/waterfall-matches-cairo", test_pixel_waterfall_matches_cairo);
  g_test_add_func ("/chart/pixel/redraw-same-as-fresh", test_pixel_redraw_same_as_fresh);
  g_test_add_func ("/chart/hit/growth", test_hit_growth);
  g_test_add_func ("/chart/hit/spider-waterfall", test_hit_spider_and_waterfall);
  g_test_add_func ("/chart/hit/survival", test_hit_survival);
  g_test_add_func ("/chart/robust/empty-study", test_robust_empty_study);
  g_test_add_func ("/chart/robust/unrandomised", test_robust_unrandomised);
  g_test_add_func ("/chart/robust/thin-arms", test_robust_thin_arms);
  g_test_add_func ("/chart/robust/log-nonpositive", test_robust_log_nonpositive);
  g_test_add_func ("/chart/robust/all-censored", test_robust_all_censored);
  g_test_add_func ("/chart/robust/canvas-sizes", test_robust_canvas_sizes);
  return g_test_run ();
}
