/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-chart-axis.c — axis ranges and ticks: 1-2-5 steps on linear axes, whole decades on log
 * axes, and tick labels with a real minus sign and 10ⁿ superscripts. */
#include "pdx-chart-private.h"
#include "pdx/pdx-format.h"

#include <math.h>
#include <string.h>

void
pdx_chart_axis_init (PdxChartAxis *axis)
{
  memset (axis, 0, sizeof *axis);
  axis->ticks = g_array_new (FALSE, FALSE, sizeof (double));
  axis->minor = g_array_new (FALSE, FALSE, sizeof (double));
  axis->label_scale = 1;
  axis->min = 0;
  axis->max = 1;
}

void
pdx_chart_axis_clear (PdxChartAxis *axis)
{
  g_clear_pointer (&axis->ticks, g_array_unref);
  g_clear_pointer (&axis->minor, g_array_unref);
}

double
pdx_chart_nice_step (double lo, double hi, int target)
{
  double span = hi - lo;
  double raw, magnitude, r;

  if (!(span > 0) || !isfinite (span))
    span = fabs (lo) > 0 ? fabs (lo) : 1;
  raw = span / MAX (target, 1);
  magnitude = pow (10, floor (log10 (raw)));
  r = raw / magnitude;
  /* The nearest of 1, 2, 5, 10 on a log scale (geometric midpoints). */
  if (r < 1.4142)
    return magnitude;
  if (r < 3.1623)
    return 2 * magnitude;
  if (r < 7.0711)
    return 5 * magnitude;
  return 10 * magnitude;
}

/* Digits after the point that @step needs (0 for whole steps). */
static int
step_decimals (double step)
{
  int decimals = (int) -floor (log10 (step) + 1e-9);
  return CLAMP (decimals, 0, 12);
}

/* The axis end beyond data end @end (@direction −1 for the low end, +1 for the high one): the
 * next tick, unless that wastes more than half a step (−80 on a 0…45000 axis would become
 * −5000); then a small margin past the data. */
static double
expand_end (double end, double other, double step, int direction)
{
  double tick = direction < 0 ? floor (end / step + 1e-9) * step : ceil (end / step - 1e-9) * step;
  double margin = 0.03 * fabs (other - end);

  if (fabs (tick - end) <= step / 2)
    return tick;
  return direction < 0 ? MAX (tick, end - margin) : MIN (tick, end + margin);
}

void
pdx_chart_axis_set_linear (PdxChartAxis *axis, double lo, double hi, int target, gboolean expand)
{
  double step, first, biggest;

  if (!(hi > lo))
    {
      double pad = fabs (lo) > 0 ? fabs (lo) * 0.1 : 1;
      lo -= pad;
      hi += pad;
    }
  step = pdx_chart_nice_step (lo, hi, target);
  axis->log = FALSE;
  axis->superscript = FALSE;
  axis->min = expand ? expand_end (lo, hi, step, -1) : lo;
  axis->max = expand ? expand_end (hi, lo, step, 1) : hi;
  g_array_set_size (axis->ticks, 0);
  g_array_set_size (axis->minor, 0);
  first = ceil (axis->min / step - 1e-9);
  for (double k = first; k * step <= axis->max + step * 1e-9; k++)
    {
      double tick = k * step;
      if (fabs (tick) < step * 1e-9)
        tick = 0;
      g_array_append_val (axis->ticks, tick);
    }

  /* Big or tiny numbers: labels carry a common factor 10^exponent named in the axis title. */
  biggest = MAX (fabs (axis->min), fabs (axis->max)) * axis->label_scale;
  axis->exponent = 0;
  if (biggest >= 1e5 || (biggest > 0 && biggest < 1e-3))
    axis->exponent = (int) floor (log10 (biggest));
  axis->decimals = step_decimals (step * axis->label_scale / pow (10, axis->exponent));
}

void
pdx_chart_axis_set_log (PdxChartAxis *axis, double lo, double hi)
{
  int d0 = (int) floor (log10 (lo) + 1e-9);
  int d1 = (int) ceil (log10 (hi) - 1e-9);
  int decades, every;

  if (d1 <= d0)
    d1 = d0 + 1;
  decades = d1 - d0;
  every = (decades + 7) / 8;
  axis->log = TRUE;
  axis->exponent = 0;
  axis->decimals = 0;
  axis->min = pow (10, d0);
  axis->max = pow (10, d1);
  axis->log_min = d0;
  axis->log_span = d1 - d0;
  /* Plain numbers read better from 0.01 to 1000; beyond that, 10ⁿ. */
  axis->superscript = d0 < -2 || d1 > 3;
  g_array_set_size (axis->ticks, 0);
  g_array_set_size (axis->minor, 0);
  for (int d = d0; d <= d1; d++)
    {
      double decade = pow (10, d);
      if ((d - d0) % every == 0)
        g_array_append_val (axis->ticks, decade);
      else
        g_array_append_val (axis->minor, decade);
      for (int m = 2; m <= 9 && d < d1 && decades <= 6; m++)
        {
          double tick = m * decade;
          if (decades <= 2 && (m == 2 || m == 5))
            g_array_append_val (axis->ticks, tick);
          else
            g_array_append_val (axis->minor, tick);
        }
    }
}

double
pdx_chart_axis_fraction (const PdxChartAxis *axis, double value)
{
  if (axis->log)
    {
      if (!(value > 0))
        return NAN;
      return (log10 (value) - axis->log_min) / axis->log_span;
    }
  return (value - axis->min) / (axis->max - axis->min);
}

double
pdx_chart_axis_value (const PdxChartAxis *axis, double fraction)
{
  if (axis->log)
    return pow (10, axis->log_min + fraction * axis->log_span);
  return axis->min + fraction * (axis->max - axis->min);
}

char *
pdx_chart_format_number (double value, int decimals)
{
  char *text = isnan (value) ? g_strdup ("nan") : pdx_format_value (value, decimals);

  if (text[0] == '-')
    {
      gboolean zero = strpbrk (text + 1, "123456789") == NULL;
      char    *signed_text = g_strconcat (zero ? "" : "\u2212", text + 1, NULL);
      g_free (text);
      return signed_text;
    }
  return text;
}

/* 10ⁿ as markup; "1" and "10" for n = 0, 1 would look odd among 10ⁿ, so all use the form. */
static char *
format_power (int mantissa, int exponent)
{
  g_autofree char *power = pdx_chart_format_number (exponent, 0);

  if (mantissa == 1)
    return g_strdup_printf ("10<sup>%s</sup>", power);
  return g_strdup_printf ("%d\u00d710<sup>%s</sup>", mantissa, power);
}

char *
pdx_chart_axis_format (const PdxChartAxis *axis, double value)
{
  if (axis->log)
    {
      int exponent = (int) floor (log10 (value) + 1e-9);
      int mantissa = (int) round (value / pow (10, exponent));
      if (axis->superscript)
        return format_power (mantissa, exponent);
      return pdx_chart_format_number (value, MAX (0, -exponent));
    }
  return pdx_chart_format_number (value * axis->label_scale / pow (10, axis->exponent),
                                  axis->decimals);
}
