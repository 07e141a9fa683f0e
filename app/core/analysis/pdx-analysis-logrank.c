/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-analysis-logrank.c — two-sample log-rank test, Cox model with Efron ties (one binary
 * covariate) and Holm's adjustment: the comparisons of SPEC §4, equal to R's survdiff, coxph
 * and p.adjust (survival 3.5, R 4.2). */
#include "pdx-analysis-private.h"

#include <math.h>
#include <stdlib.h>
#include <gsl/gsl_cdf.h>

void
pdx_logrank_binary (const double   *time,
                    const gboolean *event,
                    const gboolean *treated,
                    guint           n,
                    double         *chisq,
                    double         *p)
{
  double observed = 0, expected = 0, variance = 0, expected_control = 0;
  guint  at_risk = n, at_risk_treated = 0, n_events = 0;

  pdx_gsl_init ();
  for (guint i = 0; i < n; i++)
    at_risk_treated += treated[i];
  for (guint i = 0; i < n;)
    {
      guint j = i, deaths = 0, deaths_treated = 0, leaving_treated = 0;
      for (; j < n && time[j] == time[i]; j++)
        {
          deaths += event[j];
          deaths_treated += event[j] && treated[j];
          leaving_treated += treated[j];
        }
      if (deaths > 0)
        {
          double share = (double) at_risk_treated / at_risk;
          observed += deaths_treated;
          expected += deaths * share;
          expected_control += deaths * (1 - share);
          if (at_risk > 1)
            variance += deaths * share * (1 - share) * (at_risk - deaths) / (at_risk - 1);
          n_events += deaths;
        }
      at_risk -= j - i;
      at_risk_treated -= leaving_treated;
      i = j;
    }
  *chisq = *p = NAN;
  if (n_events == 0)
    return;
  /* As survdiff: with fewer than two groups expected to have events, the statistic is 0. */
  if (expected <= 0 || expected_control <= 0 || variance <= 0)
    *chisq = 0;
  else
    *chisq = (observed - expected) * (observed - expected) / variance;
  *p = gsl_cdf_chisq_Q (*chisq, 1);
}

typedef struct
{
  double loglik, score, information;
} CoxTerms;

/* The data of a two-arm Cox fit reduced to its distinct event times: at each, the mice at risk
 * and the deaths of either arm. */
typedef struct
{
  guint  n_times;
  guint *at_risk_control, *at_risk_treated, *deaths_control, *deaths_treated;
} CoxRiskTable;

/* Walks the times from the last down, so the risk set grows as it goes. */
static void
cox_risk_table_init (CoxRiskTable   *table,
                     const double   *time,
                     const gboolean *event,
                     const gboolean *treated,
                     guint           n)
{
  guint at_risk_control = 0, at_risk_treated = 0;

  table->n_times = 0;
  table->at_risk_control = g_new (guint, MAX (n, 1));
  table->at_risk_treated = g_new (guint, MAX (n, 1));
  table->deaths_control = g_new (guint, MAX (n, 1));
  table->deaths_treated = g_new (guint, MAX (n, 1));
  for (guint end = n; end > 0;)
    {
      guint start = end, d_control = 0, d_treated = 0;
      while (start > 0 && time[start - 1] == time[end - 1])
        {
          start--;
          if (treated[start])
            at_risk_treated++, d_treated += event[start];
          else
            at_risk_control++, d_control += event[start];
        }
      if (d_control + d_treated > 0)
        {
          guint k = table->n_times++;
          table->at_risk_control[k] = at_risk_control;
          table->at_risk_treated[k] = at_risk_treated;
          table->deaths_control[k] = d_control;
          table->deaths_treated[k] = d_treated;
        }
      end = start;
    }
}

static void
cox_risk_table_clear (CoxRiskTable *table)
{
  g_free (table->at_risk_control);
  g_free (table->at_risk_treated);
  g_free (table->deaths_control);
  g_free (table->deaths_treated);
}

/* Efron log partial likelihood, score and information at @beta for the 0/1 covariate. */
static CoxTerms
cox_terms (const CoxRiskTable *table, double beta)
{
  CoxTerms t = { 0, 0, 0 };
  double   risk = exp (beta);

  for (guint i = 0; i < table->n_times; i++)
    {
      guint  d_treated = table->deaths_treated[i], d = table->deaths_control[i] + d_treated;
      double s0 = table->at_risk_control[i] + table->at_risk_treated[i] * risk;
      double s1 = table->at_risk_treated[i] * risk;
      double e0 = table->deaths_control[i] + d_treated * risk, e1 = d_treated * risk;
      t.loglik += beta * d_treated;
      t.score += d_treated;
      for (guint k = 0; k < d; k++)
        {
          double f = (double) k / d, a0 = s0 - f * e0, mean = (s1 - f * e1) / a0;
          t.loglik -= log (a0);
          t.score -= mean;
          t.information += mean - mean * mean;
        }
    }
  return t;
}

/* The MLE is finite exactly when some control death happens with a treated mouse at risk and
 * some treated death with a control mouse at risk (the score's limits at ±∞ are minus the
 * first count and the second count). */
static gboolean
cox_is_finite (const CoxRiskTable *table)
{
  gboolean control_death_vs_treated = FALSE, treated_death_vs_control = FALSE;

  for (guint i = 0; i < table->n_times; i++)
    {
      control_death_vs_treated |= table->deaths_control[i] > 0 && table->at_risk_treated[i] > 0;
      treated_death_vs_control |= table->deaths_treated[i] > 0 && table->at_risk_control[i] > 0;
    }
  return control_death_vs_treated && treated_death_vs_control;
}

/* Newton–Raphson from 0, as coxph; a step that lowers the likelihood (beyond rounding) is
 * halved. Runs until the step is negligible, past coxph's own stopping rule. */
static double
cox_fit (const CoxRiskTable *table, CoxTerms *terms)
{
  double beta = 0;

  *terms = cox_terms (table, beta);
  for (guint iteration = 0; iteration < 100; iteration++)
    {
      double   step = terms->score / terms->information, next = beta + step;
      CoxTerms next_terms = cox_terms (table, next);
      double   slack = 1e-12 * fabs (terms->loglik);
      for (guint halving = 0; halving < 30 && next_terms.loglik < terms->loglik - slack; halving++)
        {
          next = (next + beta) / 2;
          next_terms = cox_terms (table, next);
        }
      beta = next;
      *terms = next_terms;
      if (!isfinite (beta) || fabs (step) <= 1e-10 * (1 + fabs (beta)))
        break;
    }
  return beta;
}

void
pdx_cox_efron_binary (const double   *time,
                      const gboolean *event,
                      const gboolean *treated,
                      guint           n,
                      double         *hazard_ratio,
                      double         *ci_low,
                      double         *ci_high)
{
  double       z = gsl_cdf_ugaussian_Pinv (0.975), beta, se;
  CoxRiskTable table;
  CoxTerms     terms;

  *hazard_ratio = *ci_low = *ci_high = NAN;
  cox_risk_table_init (&table, time, event, treated, n);
  if (cox_is_finite (&table))
    {
      beta = cox_fit (&table, &terms);
      if (terms.information > 0 && isfinite (beta))
        {
          se = sqrt (1 / terms.information);
          *hazard_ratio = exp (beta);
          *ci_low = exp (beta - z * se);
          *ci_high = exp (beta + z * se);
        }
    }
  cox_risk_table_clear (&table);
}

typedef struct
{
  double p;
  guint  index;
} RankedP;

static int
ranked_p_compare (const void *a, const void *b)
{
  const RankedP *x = a, *y = b;
  if (x->p != y->p)
    return x->p < y->p ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

void
pdx_holm_adjust (const double *p, double *adjusted, guint n)
{
  g_autofree RankedP *ranked = g_new (RankedP, MAX (n, 1));
  guint               m = 0;
  double              running_max = 0;

  for (guint i = 0; i < n; i++)
    if (!isnan (p[i]))
      ranked[m] = (RankedP){ p[i], i }, m++;
  qsort (ranked, m, sizeof *ranked, ranked_p_compare);
  for (guint i = 0; i < n; i++)
    if (isnan (p[i]))
      adjusted[i] = NAN;
  for (guint i = 0; i < m; i++)
    {
      running_max = MAX (running_max, (m - i) * ranked[i].p);
      adjusted[ranked[i].index] = MIN (1.0, running_max);
    }
}
