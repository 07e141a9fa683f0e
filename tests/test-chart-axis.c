/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-chart-axis.c — axis ticks of the chart renderer: 1-2-5 steps, whole decades on log axes,
 * and tick labels. Expected values are worked out by hand from the rules, not taken from the
 * code. */
#include <math.h>

#include "pdx-test-util.h"
#include "chart/pdx-chart-private.h"

/* Is @step one of 1, 2, 5 times a power of ten? */
static gboolean
is_one_two_five (double step)
{
  double magnitude = pow (10, floor (log10 (step) + 1e-9));
  double mantissa = step / magnitude;

  return fabs (mantissa - 1) < 1e-9 || fabs (mantissa - 2) < 1e-9 || fabs (mantissa - 5) < 1e-9;
}

static void
test_nice_step_table (void)
{
  /* lo, hi, target → the step a person picks: span/target rounded to the nearest of 1, 2, 5. */
  static const struct
  {
    double lo, hi;
    int    target;
    double step;
  } cases[] = {
    { 0, 100, 5, 20 },                               /* 20 exactly */
    { 0, 1850, 5, 500 },                             /* 370 → 500 */
    { 0, 1, 5, 0.2 },       { -80, 45000, 8, 5000 }, /* 5635 → 5000 */
    { 0, 70, 12, 5 },                                /* 5.8 → 5 */
    { -7, 42, 10, 5 },                               /* 4.9 → 5 */
    { 0, 28, 10, 2 },                                /* 2.8 → 2 */
    { 0, 0.003, 3, 0.001 }, { 1e9, 4.5e9, 9, 5e8 },  /* 3.9e8 → 5e8 */
    { 0, 13, 10, 1 },                                /* 1.3 → 1 */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double step = pdx_chart_nice_step (cases[i].lo, cases[i].hi, cases[i].target);
      g_test_message ("[%g, %g] / %d → %g", cases[i].lo, cases[i].hi, cases[i].target, step);
      g_assert_cmpfloat_with_epsilon (step, cases[i].step, cases[i].step * 1e-9);
    }
}

/* Over many ranges: every linear axis has a 1-2-5 step, evenly spaced ticks that cover the data,
 * and a tick count near the target. */
static void
test_linear_axis_properties (void)
{
  PdxChartAxis axis;
  GRand       *rand = g_rand_new_with_seed (17);

  pdx_chart_axis_init (&axis);
  for (int i = 0; i < 2000; i++)
    {
      double scale = pow (10, g_rand_double_range (rand, -4, 10));
      double lo = g_rand_double_range (rand, -1, 1) * scale;
      double hi = lo + g_rand_double_range (rand, 0.01, 3) * scale;
      int    target = g_rand_int_range (rand, 2, 12);
      double step;
      guint  n;

      pdx_chart_axis_set_linear (&axis, lo, hi, target, TRUE);
      n = axis.ticks->len;
      g_assert_cmpuint (n, >=, 2);
      step = g_array_index (axis.ticks, double, 1) - g_array_index (axis.ticks, double, 0);
      g_assert_true (is_one_two_five (step));
      for (guint t = 1; t < n; t++)
        g_assert_cmpfloat_with_epsilon (g_array_index (axis.ticks, double, t) -
                                            g_array_index (axis.ticks, double, t - 1),
                                        step, step * 1e-6);
      g_assert_cmpfloat (axis.min, <=, lo);
      g_assert_cmpfloat (axis.max, >=, hi);
      /* The axis ends no more than one step beyond the data. */
      g_assert_cmpfloat (lo - axis.min, <=, step * (1 + 1e-9));
      g_assert_cmpfloat (axis.max - hi, <=, step * (1 + 1e-9));
      g_assert_cmpuint (n - 1, <=, (guint) ceil (target * 2.5) + 2);
    }
  pdx_chart_axis_clear (&axis);
  g_rand_free (rand);
}

/* An end far from the next tick stops just past the data instead of wasting most of a step. */
static void
test_linear_axis_no_waste (void)
{
  PdxChartAxis axis;

  pdx_chart_axis_init (&axis);
  pdx_chart_axis_set_linear (&axis, -80, 44200, 8, TRUE);
  g_assert_cmpfloat (axis.max, ==, 45000);
  g_assert_cmpfloat (axis.min, <, -80);
  g_assert_cmpfloat (axis.min, >, -5000);
  g_assert_cmpfloat (g_array_index (axis.ticks, double, 0), ==, 0);
  pdx_chart_axis_set_linear (&axis, 0, 1850, 5, TRUE);
  g_assert_cmpfloat (axis.min, ==, 0);
  g_assert_cmpfloat (axis.max, ==, 2000);
  g_assert_cmpuint (axis.ticks->len, ==, 5);
  pdx_chart_axis_clear (&axis);
}

static void
assert_ticks (GArray *ticks, const double *expected, guint n)
{
  g_assert_cmpuint (ticks->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpfloat_with_epsilon (g_array_index (ticks, double, i), expected[i],
                                    expected[i] * 1e-9);
}

static void
test_log_decades (void)
{
  static const double bli[] = { 1e6, 1e7, 1e8, 1e9, 1e10 };
  static const double volume[] = { 10, 20, 50, 100, 200, 500, 1000 };
  PdxChartAxis        axis;
  g_autofree char    *label = NULL;
  g_autofree char    *plain = NULL;

  pdx_chart_axis_init (&axis);
  /* BLI flux from 2.3·10⁶ to 4.1·10⁹: whole decades 10⁶…10¹⁰, labelled 10ⁿ. */
  pdx_chart_axis_set_log (&axis, 2.3e6, 4.1e9);
  g_assert_true (axis.log);
  g_assert_cmpfloat (axis.min, ==, 1e6);
  g_assert_cmpfloat (axis.max, ==, 1e10);
  assert_ticks (axis.ticks, bli, G_N_ELEMENTS (bli));
  g_assert_cmpuint (axis.minor->len, ==, 4 * 8);
  label = pdx_chart_axis_format (&axis, 1e8);
  g_assert_cmpstr (label, ==, "10<sup>8</sup>");

  /* Volumes 30…800 mm³: one decade each side, 1-2-5 within, plain numbers. */
  pdx_chart_axis_set_log (&axis, 30, 800);
  assert_ticks (axis.ticks, volume, G_N_ELEMENTS (volume));
  plain = pdx_chart_axis_format (&axis, 200);
  g_assert_cmpstr (plain, ==, "200");

  /* The fraction along the axis is linear in log10. */
  pdx_chart_axis_set_log (&axis, 1, 1000);
  g_assert_cmpfloat_with_epsilon (pdx_chart_axis_fraction (&axis, 10), 1.0 / 3, 1e-12);
  g_assert_true (isnan (pdx_chart_axis_fraction (&axis, 0)));
  g_assert_true (isnan (pdx_chart_axis_fraction (&axis, -5)));
  pdx_chart_axis_clear (&axis);
}

static void
test_log_many_decades (void)
{
  PdxChartAxis     axis;
  g_autofree char *small = NULL;

  pdx_chart_axis_init (&axis);
  /* 10⁻³…10¹⁴, 17 decades: every third decade labelled (at most 8 intervals). */
  pdx_chart_axis_set_log (&axis, 2e-3, 5e13);
  g_assert_cmpfloat (axis.min, ==, 1e-3);
  g_assert_cmpfloat (axis.max, ==, 1e14);
  g_assert_cmpuint (axis.ticks->len, ==, 6);
  small = pdx_chart_axis_format (&axis, 1e-3);
  g_assert_cmpstr (small, ==, "10<sup>\u22123</sup>");
  pdx_chart_axis_clear (&axis);
}

static void
test_labels (void)
{
  PdxChartAxis axis;
  static const struct
  {
    double      value;
    int         decimals;
    const char *text;
  } numbers[] = {
    { -5, 0, "\u22125" },
    { -0.0001, 1, "0.0" }, /* never "−0.0" */
    { 2.5, 1, "2.5" },
    { -12.25, 2, "\u221212.25" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      g_autofree char *text = pdx_chart_format_number (numbers[i].value, numbers[i].decimals);
      g_assert_cmpstr (text, ==, numbers[i].text);
    }

  /* Big linear values carry a common factor: 0…4.5·10⁹ in steps of 5·10⁸ reads 0.0…4.5. */
  pdx_chart_axis_init (&axis);
  pdx_chart_axis_set_linear (&axis, 0, 4.4e9, 9, TRUE);
  g_assert_cmpint (axis.exponent, ==, 9);
  {
    g_autofree char *label = pdx_chart_axis_format (&axis, 2.5e9);
    g_assert_cmpstr (label, ==, "2.5");
  }
  /* A fraction shown as % (survival): 0.6 reads "60". */
  axis.label_scale = 100;
  pdx_chart_axis_set_linear (&axis, 0, 1, 5, TRUE);
  {
    g_autofree char *label = pdx_chart_axis_format (&axis, 0.6);
    g_assert_cmpstr (label, ==, "60");
  }
  pdx_chart_axis_clear (&axis);
}

static void
test_kind_names (void)
{
  static const char *const names[] = { "growth", "spider", "waterfall", "survival", "weight" };
  PdxChartKind             kind;

  for (int k = 0; k < PDX_N_CHART_KINDS; k++)
    {
      g_assert_cmpstr (pdx_chart_kind_to_string ((PdxChartKind) k), ==, names[k]);
      g_assert_true (pdx_chart_kind_from_string (names[k], &kind));
      g_assert_cmpint (kind, ==, k);
    }
  g_assert_false (pdx_chart_kind_from_string ("pie", &kind));
  g_assert_false (pdx_chart_kind_from_string (NULL, &kind));
}

static void
test_palette (void)
{
  /* Okabe & Ito 2008, in the published order after black. */
  static const char *const okabe_ito[] = { "#000000", "#E69F00", "#56B4E9", "#009E73",
                                           "#0072B2", "#D55E00", "#CC79A7", "#F0E442" };
  PdxChartColour           colour, expected;

  for (guint i = 0; i < G_N_ELEMENTS (okabe_ito); i++)
    {
      colour = pdx_chart_palette_get (i);
      g_assert_true (pdx_chart_colour_parse (okabe_ito[i], &expected));
      g_assert_cmpfloat_with_epsilon (colour.r, expected.r, 1e-9);
      g_assert_cmpfloat_with_epsilon (colour.g, expected.g, 1e-9);
      g_assert_cmpfloat_with_epsilon (colour.b, expected.b, 1e-9);
    }
  g_assert_false (pdx_chart_colour_parse ("red", &colour));
  g_assert_false (pdx_chart_colour_parse ("#12345", &colour));
  g_assert_false (pdx_chart_colour_parse ("#12345g", &colour));
  g_assert_false (pdx_chart_colour_parse (NULL, &colour));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/chart/axis/nice-step-table", test_nice_step_table);
  g_test_add_func ("/chart/axis/linear-properties", test_linear_axis_properties);
  g_test_add_func ("/chart/axis/linear-no-waste", test_linear_axis_no_waste);
  g_test_add_func ("/chart/axis/log-decades", test_log_decades);
  g_test_add_func ("/chart/axis/log-many-decades", test_log_many_decades);
  g_test_add_func ("/chart/axis/labels", test_labels);
  g_test_add_func ("/chart/kind-names", test_kind_names);
  g_test_add_func ("/chart/palette/okabe-ito", test_palette);
  return g_test_run ();
}
