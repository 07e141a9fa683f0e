/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-analysis-util.c — clean series, descriptive statistics and the arm-alignment of SPEC §4. */
#include "pdx-analysis-private.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_sort_double.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdlib.h>

void
pdx_gsl_init (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      gsl_set_error_handler_off ();
      g_once_init_leave (&done, 1);
    }
}

typedef struct
{
  double day, value;
  guint  order; /* input position: keeps the sort stable */
} DayValue;

/* The stride, in doubles, from one pair's value to the next: lets gsl_stats_mean() read the
 * values of a run of pairs in place. */
#define PAIR_STRIDE (sizeof (DayValue) / sizeof (double))
G_STATIC_ASSERT (sizeof (DayValue) % sizeof (double) == 0);

static int
day_value_compare (const void *a, const void *b)
{
  const DayValue *x = a, *y = b;
  if (x->day != y->day)
    return x->day < y->day ? -1 : 1;
  return x->order < y->order ? -1 : x->order > y->order;
}

/* Index of the baseline in an ascending, de-duplicated series: the last day <= 0, else 0. */
static guint
find_baseline (const DayValue *pairs, guint n)
{
  guint baseline = 0;
  for (guint i = 0; i < n && pairs[i].day <= 0; i++)
    baseline = i;
  return baseline;
}

void
pdx_clean_series_init (PdxCleanSeries *series, const double *day, const double *value, guint n)
{
  g_autofree DayValue *pairs = g_new (DayValue, MAX (n, 1));
  guint                kept = 0, merged = 0, baseline;

  for (guint i = 0; i < n; i++)
    if (isfinite (day[i]) && isfinite (value[i]))
      pairs[kept] = (DayValue){ day[i], value[i], i }, kept++;
  qsort (pairs, kept, sizeof *pairs, day_value_compare);

  /* One value per day: the mean of that day's values. */
  for (guint i = 0; i < kept;)
    {
      guint j = i;
      while (j < kept && pairs[j].day == pairs[i].day)
        j++;
      pairs[merged].day = pairs[i].day;
      pairs[merged].value = gsl_stats_mean (&pairs[i].value, PAIR_STRIDE, j - i);
      merged++;
      i = j;
    }

  series->n = 0;
  series->day = series->value = NULL;
  if (merged == 0)
    return;
  baseline = find_baseline (pairs, merged);
  series->n = merged - baseline;
  series->day = g_new (double, series->n);
  series->value = g_new (double, series->n);
  for (guint i = 0; i < series->n; i++)
    {
      series->day[i] = pairs[baseline + i].day;
      series->value[i] = pairs[baseline + i].value;
    }
}

void
pdx_clean_series_clear (PdxCleanSeries *series)
{
  g_clear_pointer (&series->day, g_free);
  g_clear_pointer (&series->value, g_free);
  series->n = 0;
}

double
pdx_stats_mean (const double *values, guint n)
{
  if (n == 0)
    return NAN;
  return gsl_stats_mean (values, 1, n);
}

double
pdx_stats_sd (const double *values, guint n)
{
  if (n < 2)
    return NAN;
  return gsl_stats_sd (values, 1, n);
}

double
pdx_stats_median (double *values, guint n)
{
  if (n == 0)
    return NAN;
  /* gsl_stats_median() (GSL 2.5+) reorders @values in place, as this function's contract says. */
  return gsl_stats_median (values, 1, n);
}

double
pdx_series_interpolate (const double *day, const double *value, guint n, double at)
{
  guint lo = 0, hi;

  if (n == 0 || !(at >= day[0]) || !(at <= day[n - 1]))
    return NAN;
  hi = n - 1;
  /* Binary search for the last day <= at. */
  while (lo < hi)
    {
      guint mid = (lo + hi + 1) / 2;
      if (day[mid] <= at)
        lo = mid;
      else
        hi = mid - 1;
    }
  if (day[lo] == at || lo + 1 >= n)
    return value[lo];
  return value[lo] + (value[lo + 1] - value[lo]) * (at - day[lo]) / (day[lo + 1] - day[lo]);
}

/* The ascending union of every series' days. */
static GArray *
union_of_days (guint n_series, double *const *days, const guint *lengths)
{
  GArray *all = g_array_new (FALSE, FALSE, sizeof (double));
  guint   kept = 0;

  for (guint s = 0; s < n_series; s++)
    g_array_append_vals (all, days[s], lengths[s]);
  if (all->len == 0)
    return all;
  gsl_sort ((double *) all->data, 1, all->len);
  for (guint i = 0; i < all->len; i++)
    if (kept == 0 || g_array_index (all, double, i) != g_array_index (all, double, kept - 1))
      g_array_index (all, double, kept++) = g_array_index (all, double, i);
  g_array_set_size (all, kept);
  return all;
}

PdxArmSeries *
pdx_arm_series_align (
    int arm, guint n_series, double *const *days, double *const *values, const guint *lengths)
{
  PdxArmSeries *series = g_new0 (PdxArmSeries, 1);
  g_autoptr (GArray) grid = union_of_days (n_series, days, lengths);
  g_autofree double *at_day = g_new (double, MAX (n_series, 1));
  guint              last_kept = 0;
  gboolean           any_kept = FALSE;

  series->arm = arm;
  series->n_start = n_series;
  series->points = g_new0 (PdxSeriesPoint, MAX (grid->len, 1));
  for (guint g = 0; g < grid->len; g++)
    {
      double          day = g_array_index (grid, double, g);
      PdxSeriesPoint *point = &series->points[g];
      guint           n = 0;

      for (guint s = 0; s < n_series; s++)
        {
          double v = pdx_series_interpolate (days[s], values[s], lengths[s], day);
          if (!isnan (v))
            at_day[n++] = v;
        }
      point->day = day;
      point->n = n;
      point->mean = pdx_stats_mean (at_day, n);
      point->sem = n < 2 ? NAN : pdx_stats_sd (at_day, n) / sqrt (n);
      point->median = pdx_stats_median (at_day, n);
      /* The curve stops at the last day on which at least half the starting mice count. */
      if (2 * n >= n_series)
        last_kept = g, any_kept = TRUE;
    }
  series->n_points = any_kept ? last_kept + 1 : 0;
  return series;
}

void
pdx_arm_series_free (PdxArmSeries *series)
{
  if (series == NULL)
    return;
  g_free (series->points);
  g_free (series);
}

double
pdx_arm_series_get_mean (const PdxArmSeries *series, double day)
{
  const PdxSeriesPoint *p = series->points;
  guint                 n = series->n_points;

  if (n == 0 || !(day >= p[0].day) || !(day <= p[n - 1].day))
    return NAN;
  for (guint i = 0; i < n; i++)
    {
      if (p[i].day == day)
        return p[i].mean;
      if (p[i].day > day)
        return p[i - 1].mean +
               (p[i].mean - p[i - 1].mean) * (day - p[i - 1].day) / (p[i].day - p[i - 1].day);
    }
  return NAN;
}
