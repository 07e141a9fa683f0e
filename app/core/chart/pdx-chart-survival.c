/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-chart-survival.c — the Kaplan–Meier chart: each arm's survival steps from the analysis
 * module with censor ticks and dashed median lines, a legend table with median survival and the
 * log-rank p against the control, and the number-at-risk table aligned under the x axis. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx-chart-private.h"
#include "pdx/pdx-format.h"

#include <math.h>

#include "pdx/pdx-analysis.h"

/* In points. */
#define BOX_PAD 6.0
#define SWATCH_W 16.0
#define CELL_GAP 10.0
#define ROW_GAP 3.0

#define AT_RISK_HEADER _ ("<b>Number at risk</b>")

typedef struct
{
  PdxSurvival    *survival;
  PdxChartColour *colours;
  GArray         *rows;        /* int: arms shown, in order */
  GPtrArray      *names;       /* markup: "Arm (n = N)" per row */
  GPtrArray      *short_names; /* markup: arm name per row (at-risk table) */
  GPtrArray      *medians;     /* text per row */
  GPtrArray      *p_values;    /* text per row, or NULL without a control */
  char           *p_header;
} SurvivalExtra;

static void
extra_free (gpointer data)
{
  SurvivalExtra *extra = data;

  pdx_survival_free (extra->survival);
  g_free (extra->colours);
  g_array_unref (extra->rows);
  g_ptr_array_unref (extra->names);
  g_ptr_array_unref (extra->short_names);
  g_ptr_array_unref (extra->medians);
  g_clear_pointer (&extra->p_values, g_ptr_array_unref);
  g_free (extra->p_header);
  g_free (extra);
}

static char *
format_p (double p)
{
  if (!isfinite (p))
    return g_strdup ("\u2013");
  if (p < 0.001)
    return g_strdup ("&lt; 0.001");
  return pdx_format_value (p, p < 0.01 ? 3 : 2);
}

/* ---- the curves -------------------------------------------------------------------------------
 */

static void
add_arm_curve (PdxChart             *chart,
               const PdxArmSurvival *arm,
               const char           *name,
               const PdxChartColour *colour)
{
  PdxChartSeries *series =
      pdx_chart_add_series (chart, PDX_CHART_SERIES_STEP, name, arm->arm, -1, colour);
  double last_surv = 1;

  series->line_width = 1.75;
  series->alpha = pdx_chart_emphasis (chart, arm->arm, 0);
  pdx_chart_series_add (series, 0, 1, NAN, (int) arm->n, -1);
  for (guint s = 0; s < arm->n_steps; s++)
    {
      const PdxKmStep *step = &arm->steps[s];
      if (step->events > 0)
        pdx_chart_series_add (series, step->time, step->surv, NAN, (int) step->at_risk, -1);
      if (step->censored > 0)
        {
          PdxChartPoint tick = { step->time, step->surv, NAN, (int) step->at_risk, -1 };
          g_array_append_val (series->censors, tick);
        }
      last_surv = step->surv;
    }
  /* The curve runs on to the arm's last time, event or censoring. */
  if (arm->n_steps > 0 && arm->steps[arm->n_steps - 1].events == 0)
    pdx_chart_series_add (series, arm->steps[arm->n_steps - 1].time, last_surv, NAN,
                          (int) arm->steps[arm->n_steps - 1].at_risk, -1);
}

static void
add_median_line (PdxChart *chart, const PdxArmSurvival *arm, const PdxChartColour *colour)
{
  PdxChartSeries *series;

  if (!isfinite (arm->median))
    return;
  series = pdx_chart_add_series (chart, PDX_CHART_SERIES_LINE, "median", arm->arm, -1, colour);
  series->decoration = TRUE;
  series->dashed = TRUE;
  series->line_width = 0.9;
  series->alpha = 0.75 * pdx_chart_emphasis (chart, arm->arm, 0);
  pdx_chart_series_add (series, 0, 0.5, NAN, -1, -1);
  pdx_chart_series_add (series, arm->median, 0.5, NAN, -1, -1);
  pdx_chart_series_add (series, arm->median, 0, NAN, -1, -1);
}

static void
add_row (SurvivalExtra *extra, const PdxStudyData *data, const PdxArmSurvival *arm)
{
  g_autofree char *name = g_markup_escape_text (data->arms[arm->arm].name, -1);
  int              index = arm->arm;

  g_array_append_val (extra->rows, index);
  /* No "(n = …)": the number-at-risk table starts with it. */
  g_ptr_array_add (extra->names, g_strdup (name));
  g_ptr_array_add (extra->short_names, g_strdup (name));
  if (isfinite (arm->median))
    {
      g_autofree char *median = pdx_format_short (arm->median);
      g_ptr_array_add (
          extra->medians,
          g_strdup_printf (/* Translators: a median survival time in days. */ _ ("%s d"), median));
    }
  else
    g_ptr_array_add (extra->medians, g_strdup (_ ("not reached")));
  if (extra->p_values)
    g_ptr_array_add (extra->p_values, arm->is_control ? g_strdup (C_ ("reference arm", "ref."))
                                                      : format_p (arm->logrank_p));
}

/* ---- the legend table --------------------------------------------------------------------------
 */

/* Column widths of the legend table: name, median, p. */
static void
column_widths (PdxChartCtx *ctx, const SurvivalExtra *extra, double widths[3], double *row_h)
{
  const char *headers[3] = { "", _ ("Median"), extra->p_header };
  GPtrArray  *columns[3] = { extra->names, extra->medians, extra->p_values };

  for (int c = 0; c < 3; c++)
    {
      widths[c] = 0;
      if (columns[c] == NULL)
        continue;
      pdx_chart_text_size (ctx, PDX_CHART_FONT_LEGEND, headers[c], -1, &widths[c], row_h);
      for (guint r = 0; r < columns[c]->len; r++)
        {
          double w;
          pdx_chart_text_size (ctx, PDX_CHART_FONT_LEGEND, g_ptr_array_index (columns[c], r), -1,
                               &w, NULL);
          widths[c] = MAX (widths[c], w);
        }
    }
  pdx_chart_text_size (ctx, PDX_CHART_FONT_LEGEND, "Xg", -1, NULL, row_h);
}

static void
legend_size (PdxChartCtx *ctx, double *width, double *height)
{
  const SurvivalExtra *extra = ctx->chart->extra;
  double               widths[3], row_h, pt = ctx->pt;

  column_widths (ctx, extra, widths, &row_h);
  *width = 2 * BOX_PAD * pt + (SWATCH_W + 6) * pt + widths[0] + CELL_GAP * pt + widths[1] +
           (extra->p_values ? CELL_GAP * pt + widths[2] : 0);
  *height = 2 * BOX_PAD * pt + (extra->rows->len + 1) * (row_h + ROW_GAP * pt) - ROW_GAP * pt;
}

static void
legend_draw (PdxChartCtx *ctx, const PdxChartRect *box)
{
  const SurvivalExtra *extra = ctx->chart->extra;
  double               widths[3], row_h, pt = ctx->pt;
  double               x_name = box->x + (BOX_PAD + SWATCH_W + 6) * pt;
  double               x_median, x_p, y = box->y + BOX_PAD * pt;

  column_widths (ctx, extra, widths, &row_h);
  x_median = x_name + widths[0] + CELL_GAP * pt + widths[1];
  x_p = x_median + CELL_GAP * pt + widths[2];
  /* Numbers are right-aligned under right-aligned headers. */
  pdx_chart_text_draw (ctx, PDX_CHART_FONT_LEGEND, _ ("Median"), x_median, y, 1, 0, FALSE, -1,
                       &ctx->theme.muted);
  if (extra->p_values)
    pdx_chart_text_draw (ctx, PDX_CHART_FONT_LEGEND, extra->p_header, x_p, y, 1, 0, FALSE, -1,
                         &ctx->theme.muted);
  for (guint r = 0; r < extra->rows->len; r++)
    {
      int    arm = g_array_index (extra->rows, int, r);
      double mid;

      y += row_h + ROW_GAP * pt;
      mid = y + row_h / 2;
      cairo_set_line_width (ctx->cr, pdx_chart_line_width (ctx, 2));
      pdx_chart_set_source (ctx->cr, &extra->colours[arm], pdx_chart_emphasis (ctx->chart, arm, 0));
      cairo_move_to (ctx->cr, box->x + BOX_PAD * pt, mid);
      cairo_line_to (ctx->cr, box->x + (BOX_PAD + SWATCH_W) * pt, mid);
      cairo_stroke (ctx->cr);
      pdx_chart_text_draw (ctx, PDX_CHART_FONT_LEGEND, g_ptr_array_index (extra->names, r), x_name,
                           y, 0, 0, FALSE, -1, &ctx->theme.text);
      pdx_chart_text_draw (ctx, PDX_CHART_FONT_LEGEND, g_ptr_array_index (extra->medians, r),
                           x_median, y, 1, 0, FALSE, -1, &ctx->theme.text);
      if (extra->p_values)
        pdx_chart_text_draw (ctx, PDX_CHART_FONT_LEGEND, g_ptr_array_index (extra->p_values, r),
                             x_p, y, 1, 0, FALSE, -1, &ctx->theme.text);
    }
}

/* ---- number at risk ----------------------------------------------------------------------------
 */

static double
at_risk_row_height (PdxChartCtx *ctx)
{
  double height;
  pdx_chart_text_size (ctx, PDX_CHART_FONT_TICK, "0", -1, NULL, &height);
  return height + 1.5 * ctx->pt;
}

/* From the plot's left edge back to where the arm names end: clear of the counts under the
 * first tick, which are centred on it. */
static double
name_offset (PdxChartCtx *ctx)
{
  const SurvivalExtra *extra = ctx->chart->extra;
  g_autofree char     *widest = NULL;
  guint                most = 0;
  double               width;

  for (guint r = 0; r < extra->rows->len; r++)
    most = MAX (most, extra->survival->arms[g_array_index (extra->rows, int, r)].n);
  widest = g_strdup_printf ("%u", most);
  pdx_chart_text_size (ctx, PDX_CHART_FONT_TICK, widest, -1, &width, NULL);
  return width / 2 + 8 * ctx->pt;
}

static double
measure_below (PdxChartCtx *ctx, double *left_width)
{
  const SurvivalExtra *extra = ctx->chart->extra;
  double               widest = 0;

  pdx_chart_text_size (ctx, PDX_CHART_FONT_TICK, AT_RISK_HEADER, -1, &widest, NULL);
  for (guint r = 0; r < extra->short_names->len; r++)
    {
      double w;
      pdx_chart_text_size (ctx, PDX_CHART_FONT_TICK, g_ptr_array_index (extra->short_names, r), -1,
                           &w, NULL);
      widest = MAX (widest, w);
    }
  *left_width = widest + name_offset (ctx);
  return (extra->rows->len + 1) * at_risk_row_height (ctx) + 4 * ctx->pt;
}

static void
draw_at_risk (PdxChartCtx *ctx)
{
  const SurvivalExtra *extra = ctx->chart->extra;
  const PdxChartAxis  *axis = &ctx->chart->x_axis;
  double               row_h = at_risk_row_height (ctx), y = ctx->below_y + 4 * ctx->pt;
  double               name_x = ctx->layout->plot.x - name_offset (ctx);

  pdx_chart_text_draw (ctx, PDX_CHART_FONT_TICK, AT_RISK_HEADER, name_x, y, 1, 0, FALSE, -1,
                       &ctx->theme.text);
  for (guint r = 0; r < extra->rows->len; r++)
    {
      int                   arm = g_array_index (extra->rows, int, r);
      const PdxArmSurvival *survival = &extra->survival->arms[arm];

      y += row_h;
      pdx_chart_text_draw (ctx, PDX_CHART_FONT_TICK, g_ptr_array_index (extra->short_names, r),
                           name_x, y, 1, 0, FALSE, -1, &extra->colours[arm]);
      for (guint t = 0; t < axis->ticks->len; t++)
        {
          double           day = g_array_index (axis->ticks, double, t);
          g_autofree char *count =
              g_strdup_printf ("%u", pdx_arm_survival_get_at_risk (survival, day));
          pdx_chart_text_draw (ctx, PDX_CHART_FONT_TICK, count, pdx_chart_map_x (ctx, day), y, 0.5,
                               0, FALSE, -1, &ctx->theme.text);
        }
    }
}

/* ---- building
 * ------------------------------------------------------------------------------------ */

static SurvivalExtra *
extra_new (PdxChart *chart, const PdxStudyData *data, PdxSurvival *survival)
{
  SurvivalExtra *extra = g_new0 (SurvivalExtra, 1);

  extra->survival = survival;
  extra->colours = pdx_chart_arm_colours (data, chart->options.dark);
  extra->rows = g_array_new (FALSE, FALSE, sizeof (int));
  extra->names = g_ptr_array_new_with_free_func (g_free);
  extra->short_names = g_ptr_array_new_with_free_func (g_free);
  extra->medians = g_ptr_array_new_with_free_func (g_free);
  if (survival->control >= 0)
    {
      const char      *control = data->arms[survival->control].name;
      g_autofree char *escaped = g_markup_escape_text (control, -1);
      extra->p_values = g_ptr_array_new_with_free_func (g_free);
      extra->p_header =
          g_utf8_strlen (control, -1) <= 14
              ? g_strdup_printf (/* Translators: the control arm’s name. */ _ ("p vs %s"), escaped)
              : g_strdup (_ ("p vs control"));
    }
  chart->extra = extra;
  chart->extra_free = extra_free;
  chart->legend_size = legend_size;
  chart->legend_draw = legend_draw;
  chart->measure_below = measure_below;
  chart->draw_extra = draw_at_risk;
  return extra;
}

gboolean
pdx_chart_build_survival (PdxChart *chart, const PdxStudyData *data, GError **error)
{
  GError        *local_error = NULL;
  PdxSurvival   *survival;
  SurvivalExtra *extra;

  chart->x_title = g_strdup (_ ("Days since implant"));
  chart->x_min_hint = 0;
  chart->y_name = g_strdup (_ ("Survival"));
  chart->y_unit = g_strdup ("%");
  chart->value_unit = "%";
  chart->y_fixed_min = 0;
  /* Headroom: curves that stay at 100 % run below the plot's top edge, not along it. */
  chart->y_fixed_max = 1.04;
  chart->y_label_scale = 100;
  pdx_chart_note_hidden_mice (chart, data);

  survival = pdx_survival_compute (data, &local_error);
  if (survival == NULL)
    {
      g_autofree char *message = pdx_chart_empty_message (data, _ ("survival times"));
      return pdx_chart_take_analysis_error (chart, local_error, message, error);
    }
  extra = extra_new (chart, data, survival);
  for (guint a = 0; a < survival->n_arms; a++)
    {
      const PdxArmSurvival *arm = &survival->arms[a];
      if (arm->n == 0)
        continue;
      add_arm_curve (chart, arm, data->arms[arm->arm].name, &extra->colours[arm->arm]);
      add_median_line (chart, arm, &extra->colours[arm->arm]);
      add_row (extra, data, arm);
    }
  if (survival->n_open > 0)
    pdx_chart_add_note (chart,
                        g_dngettext (GETTEXT_PACKAGE,
                                     "%u mouse has no endpoint yet and is censored at the last "
                                     "observation (tick marks).",
                                     "%u mice have no endpoint yet and are censored at the last "
                                     "observation (tick marks).",
                                     survival->n_open),
                        survival->n_open);
  if (extra->rows->len == 0)
    chart->message = g_strdup (_ ("No survival times yet."));
  return TRUE;
}
