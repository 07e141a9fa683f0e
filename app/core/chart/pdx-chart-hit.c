/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-chart-hit.c — hover read-outs and coordinate mapping on a drawn chart's layout. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx-chart-private.h"
#include "pdx/pdx-format.h"

#include <math.h>
#include <string.h>

#define HIT_RADIUS 8.0 /* points */

static double
fraction_of (double value, double min, double max, gboolean log)
{
  if (log)
    return value > 0 ? (log10 (value) - log10 (min)) / (log10 (max) - log10 (min)) : NAN;
  return (value - min) / (max - min);
}

static double
value_of (double fraction, double min, double max, gboolean log)
{
  if (log)
    return pow (10, log10 (min) + fraction * (log10 (max) - log10 (min)));
  return min + fraction * (max - min);
}

void
pdx_chart_layout_to_canvas (
    const PdxChartLayout *layout, double data_x, double data_y, double *canvas_x, double *canvas_y)
{
  const PdxChartRect *plot = &layout->plot;

  g_return_if_fail (layout != NULL);
  if (canvas_x)
    *canvas_x = plot->x + fraction_of (data_x, layout->x.min, layout->x.max, FALSE) * plot->width;
  if (canvas_y)
    *canvas_y = plot->y + (1 - fraction_of (data_y, layout->y.min, layout->y.max, layout->y.log)) *
                              plot->height;
}

void
pdx_chart_layout_to_data (
    const PdxChartLayout *layout, double canvas_x, double canvas_y, double *data_x, double *data_y)
{
  const PdxChartRect *plot = &layout->plot;

  g_return_if_fail (layout != NULL);
  if (data_x)
    *data_x = value_of ((canvas_x - plot->x) / plot->width, layout->x.min, layout->x.max, FALSE);
  if (data_y)
    *data_y = value_of (1 - (canvas_y - plot->y) / plot->height, layout->y.min, layout->y.max,
                        layout->y.log);
}

/* Distance from (x, y) to a mark; 0 inside a bar. */
static double
mark_distance (const PdxChartMark *mark, double x, double y)
{
  double dx, dy, len2, t;

  switch (mark->kind)
    {
    case PDX_CHART_MARK_BAR:
      dx = MAX (MAX (mark->x0 - x, 0), x - mark->x1);
      dy = MAX (MAX (mark->y0 - y, 0), y - mark->y1);
      return hypot (dx, dy);
    case PDX_CHART_MARK_SEGMENT:
      dx = mark->x1 - mark->x0, dy = mark->y1 - mark->y0;
      len2 = dx * dx + dy * dy;
      t = len2 > 0 ? CLAMP (((x - mark->x0) * dx + (y - mark->y0) * dy) / len2, 0, 1) : 0;
      return hypot (x - (mark->x0 + t * dx), y - (mark->y0 + t * dy));
    case PDX_CHART_MARK_POINT:
    default:
      return hypot (x - mark->x0, y - mark->y0);
    }
}

/* A number for a read-out: three significant digits, ×10ⁿ for big ones. */
static void
append_value (GString *out, double value)
{
  static const char *const superscripts[] = { "\u2070", "\u00b9", "\u00b2", "\u00b3", "\u2074",
                                              "\u2075", "\u2076", "\u2077", "\u2078", "\u2079" };
  double                   magnitude = fabs (value);

  if (magnitude >= 1e5)
    {
      int              exponent = (int) floor (log10 (magnitude));
      g_autofree char *digits = g_strdup_printf ("%d", exponent);
      g_autofree char *mantissa = pdx_format_value (value / pow (10, exponent), 2);
      g_string_append_printf (out, "%s\u00d710", mantissa);
      for (const char *c = digits; *c; c++)
        g_string_append (out, superscripts[*c - '0']);
    }
  else
    {
      g_autofree char *text = pdx_format_value (value, magnitude >= 100  ? 0
                                                       : magnitude >= 10 ? 1
                                                                         : 2);
      g_string_append (out, text);
    }
}

/* Copies @text into @buffer, cut at a character boundary when it does not fit. */
static void
copy_utf8 (char *buffer, gsize size, const char *text)
{
  gsize len = strlen (text);

  if (len >= size)
    {
      const char *end = g_utf8_find_prev_char (text, text + size);
      len = end ? (gsize) (end - text) : 0;
    }
  memcpy (buffer, text, len);
  buffer[len] = '\0';
}

static void
format_label (const PdxChart       *chart,
              const PdxChartSeries *series,
              const PdxChartHit    *hit,
              const char           *status,
              char                 *buffer,
              gsize                 size)
{
  GString *out = g_string_new (NULL);

  if (hit->mouse_tag && hit->arm_name)
    g_string_append_printf (out, "%s (%s)", hit->mouse_tag, hit->arm_name);
  else
    g_string_append (out, hit->mouse_tag  ? hit->mouse_tag
                          : hit->arm_name ? hit->arm_name
                                          : series->label);
  if (isfinite (hit->day))
    {
      g_autofree char *day = pdx_format_short (hit->day);
      g_string_append_printf (out, _ (" \u00b7 day %s"), day);
    }
  g_string_append (out, " \u00b7 ");
  append_value (out, chart->options.kind == PDX_CHART_SURVIVAL ? 100 * hit->value : hit->value);
  if (isfinite (hit->sem))
    {
      g_string_append (out, " \u00b1 ");
      append_value (out, hit->sem);
    }
  if (chart->value_unit[0])
    g_string_append_printf (out, " %s", chart->value_unit);
  if (hit->n >= 0)
    g_string_append_printf (
        out, chart->options.kind == PDX_CHART_SURVIVAL ? _ (" (%d at risk)") : " (n = %d)", hit->n);
  if (status)
    g_string_append_printf (out, " \u00b7 %s", status);
  copy_utf8 (buffer, size, out->str);
  g_string_free (out, TRUE);
}

static void
fill_hit (const PdxChart *chart, const PdxChartMark *mark, PdxChartHit *hit)
{
  const PdxChartSeries *series = g_ptr_array_index (chart->series, mark->series);
  const PdxChartPoint  *p = &g_array_index (series->points, PdxChartPoint, mark->point);
  int                   mouse = p->mouse >= 0 ? p->mouse : series->mouse;
  const char           *status = NULL;

  memset (hit, 0, sizeof *hit);
  hit->arm = series->arm;
  if (mouse >= 0)
    {
      const PdxChartMouse *m = &g_array_index (chart->mice, PdxChartMouse, mouse);
      hit->mouse_id = m->id;
      hit->mouse_tag = m->tag;
      hit->arm = m->arm;
      status = m->status;
    }
  hit->arm_name = hit->arm >= 0 && (guint) hit->arm < chart->arms->len
                      ? g_array_index (chart->arms, char *, hit->arm)
                      : NULL;
  hit->day = series->kind == PDX_CHART_SERIES_BARS ? NAN : p->x;
  hit->value = p->y;
  hit->sem = p->err;
  hit->n = p->n;
  format_label (chart, series, hit, status, hit->label, sizeof hit->label);
}

gboolean
pdx_chart_hit_test (const PdxChartLayout *layout, double x, double y, PdxChartHit *hit)
{
  const PdxChart     *chart;
  const PdxChartMark *best = NULL;
  double              best_distance;

  g_return_val_if_fail (layout != NULL && hit != NULL, FALSE);
  chart = layout->chart;
  best_distance = HIT_RADIUS * layout->dpi / 72;
  for (guint i = 0; i < layout->marks->len; i++)
    {
      const PdxChartMark   *mark = &g_array_index (layout->marks, PdxChartMark, i);
      const PdxChartSeries *series = g_ptr_array_index (chart->series, mark->series);
      double                distance;

      if (mark->point < 0 || series->decoration)
        continue;
      if (mark->kind == PDX_CHART_MARK_SEGMENT && series->kind != PDX_CHART_SERIES_STEP)
        continue;
      distance = mark_distance (mark, x, y);
      /* Bars win when the pointer is inside them; else the nearest point. */
      if (distance < best_distance || (distance == 0 && best && best->kind != PDX_CHART_MARK_BAR))
        best = mark, best_distance = distance;
    }
  if (best == NULL)
    return FALSE;
  fill_hit (chart, best, hit);
  return TRUE;
}
