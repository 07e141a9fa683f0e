/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-analysis-private.h — helpers shared by the pdx-analysis-*.c files; not installed. */
#pragma once

#include "pdx/pdx-analysis.h"

G_BEGIN_DECLS

/* A clean series: finite values only, ascending day, one value per day (the mean of the values
 * recorded that day), starting at the baseline of SPEC §4 (the last day <= 0, else the first
 * day after 0). Owned arrays; n may be 0 (then day/value are NULL). */
typedef struct
{
  guint   n;
  double *day;
  double *value;
} PdxCleanSeries;

/* Builds the clean series of @n (@day, @value) pairs; NAN/infinite values and days skipped. */
void
pdx_clean_series_init (PdxCleanSeries *series, const double *day, const double *value, guint n);
void pdx_clean_series_clear (PdxCleanSeries *series);

/* Makes GSL report its errors by return value, once per process, before any GSL routine of
 * the module runs: GSL's default handler abort()s the process (a Cholesky of a matrix that is
 * not positive definite, a distribution with 0 degrees of freedom), and a scientist's data
 * must never end the app. Every caller checks the returned status. */
void pdx_gsl_init (void);

/* Descriptive statistics of @n finite values. @values is reordered (median sorts it). */
double pdx_stats_mean (const double *values, guint n);
/* SD with n − 1; NAN when n < 2. */
double pdx_stats_sd (const double *values, guint n);
/* Median as R's median(): mean of the two middle values when n is even; NAN when n = 0. */
double pdx_stats_median (double *values, guint n);

/* Linear interpolation of an ascending series at @day; NAN outside [day[0], day[n−1]]. */
double pdx_series_interpolate (const double *day, const double *value, guint n, double at);

/* Aligns the per-mouse series of one arm as SPEC §4 says and summarises them per day into a
 * new PdxArmSeries for @arm. @days[i]/@values[i] have @lengths[i] points (ascending day);
 * n_start = @n_series (the caller passes only the arm's starting mice with data). */
PdxArmSeries *pdx_arm_series_align (
    int arm, guint n_series, double *const *days, double *const *values, const guint *lengths);

/* Index helpers over PdxStudyData: does mouse @m enter the statistics of some arm? */
static inline gboolean
pdx_mouse_counts (const PdxStudyData *data, guint m)
{
  return !data->mice[m].excluded && data->mice[m].arm >= 0 &&
         (guint) data->mice[m].arm < data->n_arms;
}

/* Cox proportional hazards with one binary covariate (1 = treated, 0 = control), Efron ties,
 * as coxph(Surv(time, event) ~ arm). Sets *@hazard_ratio and its 95 % CI, or NAN when the
 * coefficient is infinite (monotone likelihood) or no event. @time/@event/@treated have @n
 * entries and must be sorted by ascending time. */
void pdx_cox_efron_binary (const double   *time,
                           const gboolean *event,
                           const gboolean *treated,
                           guint           n,
                           double         *hazard_ratio,
                           double         *ci_low,
                           double         *ci_high);

/* Two-sample log-rank test as survdiff(rho = 0): chisq and p (1 df); both NAN when there is no
 * event. Arrays as for pdx_cox_efron_binary(), sorted by ascending time. */
void pdx_logrank_binary (const double   *time,
                         const gboolean *event,
                         const gboolean *treated,
                         guint           n,
                         double         *chisq,
                         double         *p);

G_END_DECLS
