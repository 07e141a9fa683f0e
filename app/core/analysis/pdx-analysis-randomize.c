/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-analysis-randomize.c — balanced, seeded randomisation of mice to arms, and the balance
 * report (per arm n, mean and SD of the baseline readout, sex; one-way ANOVA).
 *
 * Method: the arm sizes are fixed first (as equal as possible, counting mice already in the
 * arms). Then many complete random allocations of the waiting mice to those slots are drawn
 * from GRand seeded with the user's seed, and the one with the best balance score is kept: the
 * sum over arms of the squared standardised differences of the arm mean and SD from the overall
 * ones, plus, where both sexes are present, of the arm's female fraction from the overall one.
 * ("Best of many random allocations", as RandoMice and similar tools do.) GRand is the same
 * Mersenne Twister on every platform, so a seed always gives the same plan. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>
#include "pdx-analysis-private.h"

#include <math.h>
#include <string.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_statistics_double.h>

/* Work bound for the search: candidates × waiting mice. */
#define RANDOMIZE_MAX_CANDIDATES 5000
#define RANDOMIZE_MIN_CANDIDATES 200
#define RANDOMIZE_WORK 20000000.0

typedef struct
{
  const PdxStudyData *data;
  double             *baseline; /* [n_mice] raw V0 or NAN */
  int                *arm;      /* [n_mice] arm now (or planned), -1 */
  guint              *waiting;  /* mice to assign */
  guint               n_waiting;
  int                *slots; /* [n_waiting] arm of each slot */
  gboolean            mixed_sex;
} Plan;

static gboolean
is_sex (const char *sex, char letter)
{
  return sex && (sex[0] == letter || sex[0] == g_ascii_tolower (letter)) && sex[1] == '\0';
}

/* Counting sort of @n values by group (0..@n_groups − 1): @sorted gets group 0's values, then
 * group 1's, …, each in input order; group g is @sorted[@start[g] .. @start[g + 1]). @start
 * has @n_groups + 1 entries. */
static void
group_values (
    const double *values, const int *group, guint n, guint n_groups, double *sorted, guint *start)
{
  g_autofree guint *next = g_new0 (guint, n_groups + 1);

  memset (start, 0, sizeof (guint) * (n_groups + 1));
  for (guint i = 0; i < n; i++)
    start[group[i] + 1]++;
  for (guint g = 0; g < n_groups; g++)
    start[g + 1] += start[g];
  memcpy (next, start, sizeof (guint) * n_groups);
  for (guint i = 0; i < n; i++)
    sorted[next[group[i]]++] = values[i];
}

/* Sum of squared standardised imbalances of the arms under @p->arm. */
static double
balance_score (const Plan *p, double mean_all, double sd_all, double female_all)
{
  const PdxStudyData *data = p->data;
  g_autofree double  *values = g_new (double, MAX (data->n_mice, 1));
  g_autofree double  *sorted = g_new (double, MAX (data->n_mice, 1));
  g_autofree int     *group = g_new (int, MAX (data->n_mice, 1));
  g_autofree guint   *start = g_new (guint, data->n_arms + 1);
  g_autofree guint   *n_all = g_new0 (guint, data->n_arms);
  g_autofree guint   *female = g_new0 (guint, data->n_arms);
  double              score = 0, scale = sd_all > 0 ? sd_all : 1;
  guint               n = 0;

  for (guint m = 0; m < data->n_mice; m++)
    {
      int a = p->arm[m];
      if (a < 0 || data->mice[m].excluded)
        continue;
      n_all[a]++;
      female[a] += is_sex (data->mice[m].sex, 'F');
      if (!isnan (p->baseline[m]))
        values[n] = p->baseline[m], group[n] = a, n++;
    }
  group_values (values, group, n, data->n_arms, sorted, start);
  for (guint a = 0; a < data->n_arms; a++)
    {
      const double *arm_values = sorted + start[a];
      guint         n_arm = start[a + 1] - start[a];
      if (n_arm > 0)
        score += pow ((pdx_stats_mean (arm_values, n_arm) - mean_all) / scale, 2);
      if (n_arm > 1)
        score += pow ((pdx_stats_sd (arm_values, n_arm) - sd_all) / scale, 2);
      if (p->mixed_sex && n_all[a] > 0)
        score += pow ((double) female[a] / n_all[a] - female_all, 2);
    }
  return score;
}

/* Arm sizes as equal as possible: each waiting mouse goes to the arm with the fewest mice
 * (the lowest index on ties); the slots list that many of each arm. */
static void
fill_slots (Plan *p)
{
  const PdxStudyData *data = p->data;
  g_autofree guint   *size = g_new0 (guint, data->n_arms);

  for (guint m = 0; m < data->n_mice; m++)
    if (p->arm[m] >= 0 && !data->mice[m].excluded)
      size[p->arm[m]]++;
  for (guint k = 0; k < p->n_waiting; k++)
    {
      guint smallest = 0;
      for (guint a = 1; a < data->n_arms; a++)
        if (size[a] < size[smallest])
          smallest = a;
      p->slots[k] = (int) smallest;
      size[smallest]++;
    }
}

static void
shuffle_slots (int *slots, guint n, GRand *rand)
{
  for (guint i = n; i > 1; i--)
    {
      guint j = (guint) g_rand_int_range (rand, 0, (gint32) i);
      int   t = slots[i - 1];
      slots[i - 1] = slots[j], slots[j] = t;
    }
}

/* Mean and SD of the baseline, and the female fraction, over every non-excluded mouse (those
 * in arms and those waiting): what each arm should look like. */
static void
overall_balance (const Plan *p, double *mean, double *sd, double *female)
{
  const PdxStudyData *data = p->data;
  g_autofree double  *values = g_new (double, MAX (data->n_mice, 1));
  guint               n = 0, n_all = 0, n_female = 0;

  for (guint m = 0; m < data->n_mice; m++)
    {
      if (data->mice[m].excluded)
        continue;
      n_all++;
      n_female += is_sex (data->mice[m].sex, 'F');
      if (!isnan (p->baseline[m]))
        values[n++] = p->baseline[m];
    }
  *mean = pdx_stats_mean (values, n);
  *sd = n > 1 ? pdx_stats_sd (values, n) : 0;
  *female = n_all ? (double) n_female / n_all : 0;
}

/* Draws the candidates and leaves the best allocation in p->arm. */
static void
search (Plan *p, guint32 seed)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
  g_autofree int *best = g_new (int, MAX (p->n_waiting, 1));
  double          best_score = INFINITY, mean_all, sd_all, female_all;
  guint           candidates;

  overall_balance (p, &mean_all, &sd_all, &female_all);
  candidates = (guint) CLAMP (RANDOMIZE_WORK / MAX (p->data->n_mice, 1), RANDOMIZE_MIN_CANDIDATES,
                              RANDOMIZE_MAX_CANDIDATES);
  fill_slots (p);
  for (guint c = 0; c < candidates; c++)
    {
      double score;
      shuffle_slots (p->slots, p->n_waiting, rand);
      for (guint k = 0; k < p->n_waiting; k++)
        p->arm[p->waiting[k]] = p->slots[k];
      score = balance_score (p, mean_all, sd_all, female_all);
      if (score < best_score)
        {
          best_score = score;
          memcpy (best, p->slots, sizeof (int) * p->n_waiting);
        }
    }
  for (guint k = 0; k < p->n_waiting; k++)
    p->arm[p->waiting[k]] = best[k];
}

/* One-way ANOVA of @values grouped by @group (0..n_groups−1; groups without values are left
 * out). F and its upper-tail p from GSL's F distribution; NAN when not computable. */
static void
one_way_anova (
    const double *values, const int *group, guint n, guint n_groups, double *f, double *p)
{
  g_autofree double *sorted = g_new (double, MAX (n, 1));
  g_autofree guint  *start = g_new (guint, n_groups + 1);
  double             grand, between = 0, within = 0;
  guint              k = 0;

  *f = *p = NAN;
  pdx_gsl_init ();
  group_values (values, group, n, n_groups, sorted, start);
  for (guint g = 0; g < n_groups; g++)
    k += start[g + 1] > start[g];
  if (k < 2 || n <= k)
    return;
  grand = gsl_stats_mean (values, 1, n);
  for (guint g = 0; g < n_groups; g++)
    {
      guint  count = start[g + 1] - start[g];
      double mean;
      if (count == 0)
        continue;
      mean = gsl_stats_mean (sorted + start[g], 1, count);
      between += count * pow (mean - grand, 2);
      within += gsl_stats_tss_m (sorted + start[g], 1, count, mean);
    }
  if (!(within > 0))
    return;
  *f = (between / (k - 1)) / (within / (n - k));
  *p = gsl_cdf_fdist_Q (*f, k - 1, n - k);
}

static void
describe_arm (PdxBalanceArm      *arm,
              const PdxStudyData *data,
              const double       *baseline,
              const int          *assignment_now,
              int                 a)
{
  g_autofree double *values = g_new (double, MAX (data->n_mice, 1));

  arm->arm = a;
  for (guint m = 0; m < data->n_mice; m++)
    {
      if (assignment_now[m] != a || data->mice[m].excluded)
        continue;
      arm->n++;
      arm->n_female += is_sex (data->mice[m].sex, 'F');
      arm->n_male += is_sex (data->mice[m].sex, 'M');
      if (!isnan (baseline[m]))
        values[arm->n_with_baseline++] = baseline[m];
    }
  arm->mean = pdx_stats_mean (values, arm->n_with_baseline);
  arm->sd = pdx_stats_sd (values, arm->n_with_baseline);
}

/* The report for the arms as @assignment_now has them (an arm index per mouse, -1 for none). */
static PdxBalanceReport *
report_new (const PdxStudyData *data, const double *baseline, const int *assignment_now)
{
  PdxBalanceReport  *report = g_new0 (PdxBalanceReport, 1);
  g_autofree double *values = g_new (double, MAX (data->n_mice, 1));
  g_autofree int    *groups = g_new (int, MAX (data->n_mice, 1));
  guint              n = 0;

  report->n_arms = data->n_arms;
  report->arms = g_new0 (PdxBalanceArm, MAX (data->n_arms, 1));
  for (guint a = 0; a < data->n_arms; a++)
    describe_arm (&report->arms[a], data, baseline, assignment_now, (int) a);
  for (guint m = 0; m < data->n_mice; m++)
    if (assignment_now[m] >= 0 && !data->mice[m].excluded && !isnan (baseline[m]))
      values[n] = baseline[m], groups[n] = assignment_now[m], n++;
  one_way_anova (values, groups, n, data->n_arms, &report->anova_f, &report->anova_p);
  report->n_mice = data->n_mice;
  report->assignment = g_new (int, MAX (data->n_mice, 1));
  for (guint m = 0; m < data->n_mice; m++)
    report->assignment[m] = -1;
  return report;
}

/* Baseline V0 of every mouse (SPEC §4), NAN when it has no value; and its arm now. */
static void
plan_init (Plan *p, const PdxStudyData *data)
{
  p->data = data;
  p->baseline = g_new (double, MAX (data->n_mice, 1));
  p->arm = g_new (int, MAX (data->n_mice, 1));
  p->waiting = g_new (guint, MAX (data->n_mice, 1));
  p->slots = g_new (int, MAX (data->n_mice, 1));
  p->n_waiting = 0;
  for (guint m = 0; m < data->n_mice; m++)
    {
      const PdxStudyMouse *mouse = &data->mice[m];
      g_autoptr (PdxResponse) r = pdx_response_compute (mouse->day, mouse->value, mouse->n);
      gboolean has_arm = mouse->arm >= 0 && (guint) mouse->arm < data->n_arms;
      p->baseline[m] = r->baseline_value;
      p->arm[m] = has_arm ? mouse->arm : -1;
      if (!has_arm && !mouse->excluded)
        p->waiting[p->n_waiting++] = m;
    }
}

static void
plan_clear (Plan *p)
{
  g_free (p->baseline);
  g_free (p->arm);
  g_free (p->waiting);
  g_free (p->slots);
}

static gboolean
plan_mixed_sex (const Plan *p)
{
  gboolean female = FALSE, male = FALSE;
  for (guint k = 0; k < p->n_waiting; k++)
    {
      const char *sex = p->data->mice[p->waiting[k]].sex;
      female |= is_sex (sex, 'F');
      male |= is_sex (sex, 'M');
    }
  return female && male;
}

void
pdx_balance_report_free (PdxBalanceReport *report)
{
  if (report == NULL)
    return;
  g_free (report->arms);
  g_free (report->assignment);
  g_free (report);
}

PdxBalanceReport *
pdx_balance_report_compute (const PdxStudyData *data, GError **error)
{
  Plan              p = { 0 };
  PdxBalanceReport *report;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (data->n_arms == 0)
    {
      g_set_error (error, PDX_ANALYSIS_ERROR, PDX_ANALYSIS_ERROR_INVALID,
                   _ ("study %s has no arms"), data->code);
      return NULL;
    }
  plan_init (&p, data);
  report = report_new (data, p.baseline, p.arm);
  plan_clear (&p);
  return report;
}

PdxBalanceReport *
pdx_randomize_plan (const PdxStudyData *data, guint32 seed, GError **error)
{
  Plan              p = { 0 };
  PdxBalanceReport *report;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (data->n_arms == 0)
    {
      g_set_error (error, PDX_ANALYSIS_ERROR, PDX_ANALYSIS_ERROR_INVALID,
                   _ ("study %s has no arms to randomise into"), data->code);
      return NULL;
    }
  plan_init (&p, data);
  if (p.n_waiting == 0)
    {
      plan_clear (&p);
      g_set_error (error, PDX_ANALYSIS_ERROR, PDX_ANALYSIS_ERROR_NO_DATA,
                   _ ("study %s has no mouse waiting to be randomised"), data->code);
      return NULL;
    }
  p.mixed_sex = plan_mixed_sex (&p);
  search (&p, seed);
  report = report_new (data, p.baseline, p.arm);
  for (guint k = 0; k < p.n_waiting; k++)
    {
      report->assignment[p.waiting[k]] = p.arm[p.waiting[k]];
      report->n_assigned++;
      report->n_without_baseline += isnan (p.baseline[p.waiting[k]]);
    }
  plan_clear (&p);
  return report;
}

const int *
pdx_randomization_plan (const PdxStudyData *data, gpointer randomization, GError **error)
{
  PdxRandomization *r = randomization;

  g_return_val_if_fail (r != NULL, NULL);
  g_clear_pointer (&r->report, pdx_balance_report_free);
  r->report = pdx_randomize_plan (data, r->seed, error);
  return r->report ? r->report->assignment : NULL;
}
