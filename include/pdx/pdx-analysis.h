/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-analysis.h — the analysis of SPEC §4: per-mouse response, arm growth, TGI and T/C,
 * survival, body weight and randomisation. The one place these numbers are computed: charts,
 * exports, the CLI and the app all call this module.
 *
 * Conventions for every result here:
 *  - pure computation on a loaded PdxStudyData (pdx-study-data.h); the results do not point into
 *    it: mice and arms are referred to by their index into data->mice / data->arms;
 *  - a value that is not defined (not evaluable, not reached, no comparison) is NAN; callers
 *    print NAN as an empty field, never as "nan";
 *  - excluded mice are left out of every statistic; per-mouse results still list them, with
 *    `excluded` set and every metric NAN / not evaluable; mice not yet randomised (arm -1) have
 *    per-mouse results but enter no arm statistic;
 *  - days are days since the study's day 0, as doubles;
 *  - errors are PDX_ANALYSIS_ERROR (pdx-error.h): NO_DATA when nothing can be computed at all,
 *    NO_CONTROL when a comparison needs a control arm the study lacks, INVALID for bad input. */
#pragma once

#include <gio/gio.h>
#include <glib.h>

#include "pdx-db.h"
#include "pdx-study-data.h"

G_BEGIN_DECLS

/* ---- per-mouse response ------------------------------------------------------------------ */

/* mRECIST class (Gao 2015 as implemented by Xeva). */
typedef enum
{
  PDX_MRECIST_NOT_EVALUABLE,
  PDX_MRECIST_CR,
  PDX_MRECIST_PR,
  PDX_MRECIST_SD,
  PDX_MRECIST_PD,
  PDX_N_MRECIST
} PdxMrecist;

/* "CR", "PR", "SD", "PD"; "" for PDX_MRECIST_NOT_EVALUABLE. Static strings. */
const char *pdx_mrecist_to_string (PdxMrecist mrecist);
/* "Complete response", …, "Not evaluable". Static strings. */
const char *pdx_mrecist_get_label (PdxMrecist mrecist);

/* One mouse's response on the study's primary readout (SPEC §4).
 *
 * The series used is the baseline (the last value on or before day 0, else the first after) and
 * every later value; values recorded before the baseline, and NAN values, are not used. Input
 * days need not be sorted; where one day holds several values their mean is used. When the
 * baseline is 0, 1 is added to every value for %ΔV and V/V0 (not for AUC, which is over raw
 * values). */
typedef struct
{
  int      mouse;          /* index into data->mice; -1 from pdx_response_compute() */
  int      arm;            /* index into data->arms; -1 when not randomised */
  gboolean excluded;       /* excluded mouse: every metric below is NAN / not evaluable */
  guint    n_points;       /* values used: the baseline and those after it */
  double   baseline_day;   /* NAN when the mouse has no value */
  double   baseline_value; /* raw V0 */
  gboolean evaluable;      /* at least 2 values at t >= 10 */
  double   best_response;  /* BR: min %ΔV over t >= 10, first minimum; NAN if not evaluable */
  double   best_response_day;
  double   best_avg_response; /* BAR: min over t >= 10 of the running mean of %ΔV from the
                                 baseline (its 0 included) to t; NAN if not evaluable */
  double     best_avg_response_day;
  PdxMrecist mrecist;
  double     auc;            /* trapezoid over raw V and day; 0 with one value (Xeva) */
  double     time_to_double; /* first day with V >= 2·V0, interpolated; NAN if never */
  double     day_last;       /* day of the last value used; NAN when none */
  /* The series, for spider charts: [n_points] each, ascending day, baseline first. */
  double *day;
  double *value;      /* raw V */
  double *pct_change; /* %ΔV (with the +1 rule when V0 = 0) */
  double *relative;   /* V/V0 (same rule) */
} PdxResponse;

/* Computes the response of one series. @day and @value have @n entries (NAN values skipped).
 * Never fails: a series with too few values is simply not evaluable. */
PdxResponse *pdx_response_compute (const double *day, const double *value, guint n);
void         pdx_response_free (PdxResponse *response);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdxResponse, pdx_response_free)

/* One PdxResponse per mouse of @data, in data->mice order (element i is mouse i); owned array
 * with its free function set. Never NULL. */
GPtrArray *pdx_response_list (const PdxStudyData *data);

/* Why @response has no BR, BAR or mRECIST class, in the person's language: the mouse is
 * excluded, it has no value of the readout, or it has fewer than the 2 values from day 10 on
 * that SPEC §4 asks for (saying how many it has, and from which day it counts). NULL when
 * @response is evaluable. Owned. */
char *pdx_response_dup_not_evaluable_reason (const PdxResponse *response);

/* ---- arm series: growth and body weight ---------------------------------------------------- */

typedef struct
{
  double day;
  guint  n; /* mice contributing (measured or interpolated) */
  double mean;
  double sem; /* SD/√n with the n−1 SD; NAN when n < 2 */
  double median;
} PdxSeriesPoint;

/* One arm's curve. Days are the union of its mice's measurement days (from each mouse's
 * baseline on); at each day every mouse whose own observed range covers it contributes, linearly
 * interpolated between its two bracketing values when not measured that day. The curve stops at
 * the last day on which at least half of the arm's starting mice (n_start) contribute. */
typedef struct
{
  int             arm;     /* index into data->arms */
  guint           n_start; /* non-excluded mice of the arm with at least one value */
  guint           n_points;
  PdxSeriesPoint *points; /* [n_points], ascending day */
} PdxArmSeries;

void pdx_arm_series_free (PdxArmSeries *series);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdxArmSeries, pdx_arm_series_free)

typedef enum
{
  PDX_GROWTH_ABSOLUTE, /* V, in the readout's unit */
  PDX_GROWTH_RELATIVE, /* V/V0 (the +1 rule when V0 = 0) */
} PdxGrowthScale;

/* One PdxArmSeries per arm of @data, in data->arms order (an arm without mice has an empty
 * series). NO_DATA when the study has no arms or no randomised mouse has a value. */
GPtrArray *pdx_arm_growth_list (const PdxStudyData *data, PdxGrowthScale scale, GError **error);

/* Value of @series at @day: the point's mean when @day is one of its days, else linear
 * interpolation between the bracketing points; NAN outside the curve. */
double pdx_arm_series_get_mean (const PdxArmSeries *series, double day);

/* ---- TGI% and T/C% ------------------------------------------------------------------------- */

typedef struct
{
  int      arm; /* index into data->arms */
  gboolean is_control;
  double   day;       /* the day compared: the one asked for, else the default; NAN
                         when there is no default (the arm has no curve) */
  double mean_start;  /* arm mean of the mice's baselines (V0) */
  double mean_at_day; /* arm growth curve (absolute) at day */
  double tgi_percent; /* 100·(1 − ΔT/ΔC); NAN for the control and where undefined */
  double tc_percent;  /* 100·mean_T(day)/mean_C(day); NAN for the control / undefined */
} PdxArmEfficacy;

/* TGI% and T/C% of every arm against the control at @day (NAN: per arm, the last day on which
 * both the arm's and the control's growth curves are plotted). One PdxArmEfficacy per arm in
 * data->arms order; owned array of structs (g_free). NO_CONTROL without a control arm, NO_DATA
 * when the control has no curve. */
GPtrArray *pdx_arm_efficacy_list (const PdxStudyData *data, double day, GError **error);

/* ---- survival -------------------------------------------------------------------------------- */

/* One row of summary.survfit(fit, censored = TRUE): a distinct time with an event or a
 * censoring. */
typedef struct
{
  double time; /* days */
  guint  at_risk;
  guint  events;
  guint  censored;
  double surv;            /* Kaplan–Meier S(t) */
  double std_err;         /* standard error of S(t) (Greenwood), as summary.survfit */
  double ci_low, ci_high; /* 95 % log-transformed CI; NAN where undefined (S = 0) */
} PdxKmStep;

typedef struct
{
  int        arm; /* index into data->arms (or group index for _compute_groups) */
  gboolean   is_control;
  guint      n, events, censored; /* censored includes mice censored at their last observation */
  guint      n_open;              /* of the censored: mice without an endpoint yet */
  guint      n_excluded;          /* excluded mice of the arm (not in n) */
  guint      n_steps;
  PdxKmStep *steps;  /* [n_steps], ascending time */
  double     median; /* as print.survfit: NAN when not reached */
  double     median_ci_low, median_ci_high;
  /* Against the control (NAN for the control itself and where not estimable): */
  double ils_percent;   /* 100·(median_T − median_C)/median_C */
  double logrank_chisq; /* survdiff on this arm and the control, 1 df */
  double logrank_p;
  double hazard_ratio; /* coxph(Surv(t, e) ~ arm) on this arm and the control, Efron
                          ties; NAN when infinite (no events in one of the two arms) */
  double hr_ci_low, hr_ci_high;
} PdxArmSurvival;

/* Log-rank test between two arms (survdiff on the two arms' mice), Holm-adjusted over all
 * pairs. */
typedef struct
{
  int    arm_a, arm_b;     /* arm_a < arm_b */
  double chisq, p, p_holm; /* NAN when neither arm has an event */
} PdxLogrankPair;

typedef struct
{
  int             control; /* index of the control arm, -1 when none (then no comparisons) */
  guint           n_arms;
  PdxArmSurvival *arms; /* [n_arms], data->arms order */
  guint           n_pairs;
  PdxLogrankPair *pairs;  /* every pair of arms with mice, (0,1), (0,2), …, (1,2), … */
  guint           n_open; /* mice censored at their last observation (no endpoint yet):
                             every survival output must say so when > 0 */
} PdxSurvival;

/* Survival of @data's randomised, non-excluded mice with a survival time. NO_DATA when there
 * is none. */
PdxSurvival *pdx_survival_compute (const PdxStudyData *data, GError **error);
/* The same from plain arrays: @n subjects with @time (days, >= 0), @event and @group
 * (0..n_groups−1; a negative group is ignored); @control is the control group or -1.
 * Group g's result is arms[g] with arm = g. INVALID for a NAN or negative time. */
PdxSurvival *pdx_survival_compute_groups (const double   *time,
                                          const gboolean *event,
                                          const int      *group,
                                          guint           n,
                                          guint           n_groups,
                                          int             control,
                                          GError        **error);
void         pdx_survival_free (PdxSurvival *survival);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdxSurvival, pdx_survival_free)

/* S(t) of @arm's curve at @time (1 before the first event). */
double pdx_arm_survival_get_surv (const PdxArmSurvival *arm, double time);
/* Mice still at risk at @time (those whose survival time is >= @time): the number-at-risk
 * table under a KM chart. */
guint pdx_arm_survival_get_at_risk (const PdxArmSurvival *arm, double time);

/* Holm's step-down adjustment (as R's p.adjust(p, "holm")). NAN p-values are left NAN and not
 * counted. @adjusted may be @p. */
void pdx_holm_adjust (const double *p, double *adjusted, guint n);

/* ---- body weight ----------------------------------------------------------------------------- */

typedef enum
{
  PDX_WEIGHT_OK,
  PDX_WEIGHT_WARNING, /* loss >= 15 % */
  PDX_WEIGHT_HUMANE,  /* loss >= 20 %: humane endpoint */
} PdxWeightFlag;

/* "ok", "warning", "humane". */
const char *pdx_weight_flag_to_string (PdxWeightFlag flag);

/* One mouse's body weight as % change from its weight at day 0 (the last weight on or before
 * day 0, else the first after it). */
typedef struct
{
  int           mouse; /* index into data->mice */
  int           arm;
  gboolean      excluded;      /* excluded: n_points 0, everything NAN, flags OK */
  double        reference_day; /* NAN when the mouse has no weight */
  double        reference_weight_g;
  guint         n_points;
  double       *day;              /* [n_points] from the reference on */
  double       *pct_change;       /* 100·(W_t − W_ref)/W_ref */
  double        max_loss_percent; /* largest loss (positive = lighter), 0 when never lighter */
  double        max_loss_day;
  double        last_loss_percent; /* at the last weighing */
  PdxWeightFlag flag;              /* from max_loss_percent: ever reached */
  PdxWeightFlag last_flag;         /* from last_loss_percent: now */
} PdxMouseWeight;

void pdx_mouse_weight_free (PdxMouseWeight *weight);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdxMouseWeight, pdx_mouse_weight_free)

/* One PdxMouseWeight per mouse in data->mice order. Never NULL. */
GPtrArray *pdx_mouse_weight_list (const PdxStudyData *data);
/* Arm mean ± SEM of the % weight change, aligned and cut off as the growth curves; one
 * PdxArmSeries per arm. NO_DATA when no randomised mouse has a weight. */
GPtrArray *pdx_arm_weight_list (const PdxStudyData *data, GError **error);

/* ---- per-arm response summary (cohort summary of SPEC §6) ------------------------------------ */

typedef struct
{
  int    arm;
  guint  n; /* non-excluded mice */
  guint  n_excluded;
  guint  n_evaluable;
  guint  mrecist_count[PDX_N_MRECIST];
  double median_best_response; /* median BR of the evaluable mice; NAN when none */
  guint  n_weight_warning;     /* mice that ever lost >= 15 % (and < 20 %) */
  guint  n_weight_humane;      /* mice that ever lost >= 20 % */
} PdxArmResponseSummary;

/* One summary per arm in data->arms order, from pdx_response_list() and
 * pdx_mouse_weight_list() results of the same @data. Owned array of structs (g_free). */
GPtrArray *
pdx_arm_response_summary_list (const PdxStudyData *data, GPtrArray *responses, GPtrArray *weights);

/* ---- mixed-effects growth model (issue #17) -------------------------------------------------- */

/* The readout's transform before the model: natural log (the default), none, square root and
 * cube root, as TumGrowth offers. */
typedef enum
{
  PDX_GROWTH_TRANSFORM_LOG,
  PDX_GROWTH_TRANSFORM_NONE,
  PDX_GROWTH_TRANSFORM_SQRT,
  PDX_GROWTH_TRANSFORM_CBRT,
} PdxGrowthTransform;

/* "log", "none", "sqrt", "cbrt". */
const char *pdx_growth_transform_to_string (PdxGrowthTransform transform);
/* The transform named @text (as above); FALSE when none is. */
gboolean pdx_growth_transform_from_string (const char *text, PdxGrowthTransform *transform);
/* @value transformed; NAN where the transform is not defined (log of a value <= 0, square
 * root of a negative value). */
double pdx_growth_transform_apply (PdxGrowthTransform transform, double value);
/* The inverse: a value on the transformed scale back in the readout's unit. */
double pdx_growth_transform_invert (PdxGrowthTransform transform, double value);

typedef enum
{
  PDX_GROWTH_FIT_REML,
  PDX_GROWTH_FIT_ML,
} PdxGrowthFit;

/* One fixed effect, named as R names it ("(Intercept)", "day", "armT-DM1", "day:armT-DM1"). */
typedef struct
{
  char  *term;
  double estimate, std_error;
  double df; /* containment (between-within) df, as nlme's lme() gives them */
  double t_value, p_value;
  double ci_low, ci_high; /* 95 %: estimate ± t(0.975, df)·SE */
} PdxModelTerm;

/* One group (arm) of the model: its fitted line y = intercept + slope·day on the transformed
 * scale, and its slope against the reference group's. */
typedef struct
{
  int    group; /* the group index given to the fit (pdx_growth_model_compute: the arm index) */
  guint  n_mice, n_obs;
  double first_day, last_day; /* the days it was fitted on */
  double intercept, slope, slope_se;
  /* Against the reference group (NAN for the reference itself): the slope difference is the
   * day:arm term; ratio = slope / reference slope. */
  double difference, difference_se, df, t_value, p_value, ci_low, ci_high;
  double ratio;
} PdxGrowthModelGroup;

/* The fit of y ~ day * group with a random intercept and slope per mouse (nlme's
 * lme(y ~ day * arm, random = ~ day | mouse)). */
typedef struct
{
  PdxGrowthTransform   transform;
  PdxGrowthFit         fit;
  guint                n_obs, n_mice, n_groups;
  guint                n_terms;
  PdxModelTerm        *terms;  /* (Intercept), day, group terms, day:group terms */
  PdxGrowthModelGroup *groups; /* [n_groups]; the reference first */
  double               sd_intercept, sd_slope, correlation, sigma;
  double               loglik;      /* REML or ML log-likelihood, as logLik() of the lme fit */
  guint                evaluations; /* of the profiled likelihood, to converge */
} PdxGrowthModel;

void pdx_growth_model_free (PdxGrowthModel *model);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdxGrowthModel, pdx_growth_model_free)

/* Fits the model to @n observations: mouse @mouse[i] (0..n_mice−1) of group @group[i]
 * (0..n_groups−1, group 0 the reference; a mouse is in one group) measured @y[i] (transformed
 * already) on day @day[i]. @group_names names the groups for the terms ("arm" + name). Every
 * group needs observations. INVALID for bad input (a NAN, a mouse in two groups, too few mice
 * or measurements to estimate the model). */
PdxGrowthModel *pdx_growth_model_fit (const int         *mouse,
                                      const int         *group,
                                      const double      *day,
                                      const double      *y,
                                      guint              n,
                                      guint              n_groups,
                                      const char *const *group_names,
                                      PdxGrowthFit       fit,
                                      GError           **error);

/* The model of study @data: the primary readout of its randomised, non-excluded mice from each
 * mouse's baseline on, on the days its arm's growth curve keeps (the arm-growth rule:
 * up to the last day at least half the arm's starting mice contribute), transformed by
 * @transform; the control arm is the reference, the other arms with data follow in their order
 * (group g's PdxGrowthModelGroup.group is the arm's index). NO_CONTROL without a control arm
 * with data, INVALID when the transform is not defined for a value (naming mouse and day). */
PdxGrowthModel *pdx_growth_model_compute (const PdxStudyData *data,
                                          PdxGrowthTransform  transform,
                                          PdxGrowthFit        fit,
                                          GError            **error);

/* The model's observations of @data (as pdx_growth_model_compute uses them), for a person to
 * refit elsewhere: parallel arrays of @n entries, owned by the caller (g_free). FALSE with
 * @error as pdx_growth_model_compute. @arm holds arm indices into data->arms. */
gboolean pdx_growth_model_observations (const PdxStudyData *data,
                                        PdxGrowthTransform  transform,
                                        int               **mouse,
                                        int               **arm,
                                        double            **day,
                                        double            **value,
                                        double            **y,
                                        guint              *n,
                                        GError            **error);

/* ---- power and sample size (issue #17) ------------------------------------------------------
 * Mice per arm needed to detect a treatment effect on the growth model, by simulation from the
 * model (docs/power.md). */

/* The growth model a sample size is planned on: the control arm's line y = intercept +
 * growth_rate·day on the transformed scale, the between-mouse SDs of intercept and slope and
 * their correlation, the residual SD, and the days every simulated mouse is measured on. */
typedef struct
{
  PdxGrowthTransform transform;
  double             intercept, growth_rate;
  double             sd_intercept, sd_slope, correlation, sigma;
  guint              n_days;
  double            *days;           /* [n_days], ascending, owned */
  char              *study_code;     /* the study it was fitted on; NULL when typed */
  guint              n_control_mice; /* of that study's fit; 0 when typed */
} PdxPowerModel;

/* A model typed by a person (natural-log scale): the arguments as the fields above, @days
 * copied. INVALID, naming the parameter, for a growth rate not above 0, a negative or infinite
 * SD, a correlation outside [−1, 1], a residual SD not above 0, or fewer than 3 days, days not
 * ascending, or days not finite. */
PdxPowerModel *pdx_power_model_new (double        intercept,
                                    double        growth_rate,
                                    double        sd_intercept,
                                    double        sd_slope,
                                    double        correlation,
                                    double        sigma,
                                    const double *days,
                                    guint         n_days,
                                    GError      **error);
/* The model of a study: pdx_growth_model_compute (@data, @transform, REML)'s control line and
 * variance components, on the days at least half of the control mice of the fit were measured
 * on. The fit's own errors (NO_CONTROL, NO_DATA, INVALID); INVALID when the control arm does
 * not grow (slope not above 0) or has fewer than 3 such days. */
PdxPowerModel *
pdx_power_model_from_study (const PdxStudyData *data, PdxGrowthTransform transform, GError **error);
void pdx_power_model_free (PdxPowerModel *model);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdxPowerModel, pdx_power_model_free)

typedef enum
{
  /* The treated slope is the control's reduced by effect % (50: half the growth rate). */
  PDX_POWER_EFFECT_SLOPE_REDUCTION,
  /* The treated slope for which the model's arm lines, back-transformed, give TGI% = effect
   * from the first to the last day (SPEC §4's TGI on the lines; docs/power.md). */
  PDX_POWER_EFFECT_TGI,
} PdxPowerEffect;

typedef struct
{
  PdxPowerEffect effect;
  double         effect_percent;
  double         power;       /* the power wanted, in (0, 1) */
  double         alpha;       /* two-sided level of the slope difference's t test, (0, 0.5] */
  guint64        seed;        /* the same seed gives the same result, bit for bit */
  guint          simulations; /* per number of mice, 10 … 100000 */
  guint          min_mice, max_mice; /* per arm, 2 ≤ min ≤ max ≤ 200 */
  /* Threads that simulate (the caller's among them); 0: one per processor, at most 8. The
   * result does not depend on it. */
  guint threads;
} PdxPowerSettings;

/* Fills @settings with the defaults: slope reduction 50 %, power 0.8, α 0.05, seed 1, 1,000
 * simulations, 3 to 20 mice per arm. */
void pdx_power_settings_init (PdxPowerSettings *settings);

typedef struct
{
  guint  mice_per_arm;
  double power;    /* simulated studies with p < α for day:armtreated / simulations */
  double power_se; /* Monte-Carlo SE: sqrt(power·(1 − power) / simulations) */
  guint  n_significant;
  guint  n_failed; /* simulated studies the fit refused (counted as not significant) */
} PdxPowerPoint;

typedef struct
{
  PdxPowerSettings settings;
  double           control_slope, treated_slope; /* per day, transformed scale */
  guint            n_points;
  PdxPowerPoint   *points; /* min_mice … max_mice */
  guint            answer; /* the smallest mice per arm whose power reaches settings.power; 0
                              when none up to max_mice does */
} PdxPowerResult;

void pdx_power_result_free (PdxPowerResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdxPowerResult, pdx_power_result_free)

/* The treated arm's slope for @settings' effect on @model; NAN with INVALID (naming the
 * effect) when the effect is not above 0 or not reachable (a TGI the back-transformed line
 * cannot give). */
double pdx_power_treated_slope (const PdxPowerModel    *model,
                                const PdxPowerSettings *settings,
                                GError                **error);

/* Optional progress, called from the calling thread after each study it simulated with @done
 * of @total fits made; returning FALSE cancels (G_IO_ERROR_CANCELLED). */
typedef gboolean (*PdxPowerProgress) (guint done, guint total, gpointer user_data);

/* The power of the growth model's test of the treated slope against the control's, for each
 * number of mice per arm from min_mice to max_mice: settings.simulations studies of two arms
 * simulated from @model (mice with correlated random intercepts and slopes, every mouse
 * measured on every day), each fitted by pdx_growth_model_fit (REML, as stats growth-model)
 * and counted significant when the day:armtreated term's two-sided p < α. Simulation s draws
 * its mice from its own generator (GSL's MT19937, seeded from settings.seed and s), the study
 * with n mice per arm being the first n of each arm, so that the curve is smooth in n. INVALID
 * for settings out of range. */
PdxPowerResult *pdx_power_simulate (const PdxPowerModel    *model,
                                    const PdxPowerSettings *settings,
                                    PdxPowerProgress        progress,
                                    gpointer                user_data,
                                    GError                **error);

/* ---- Xeva's study-level measures ---------------------------------------------------------------
 * On the arm mean curves of pdx_arm_growth_list() (absolute), the control's and the treated
 * arm's cut at the earlier of their last days (Xeva's concurrent.time): as Xeva's angle(),
 * ABC() and TGI() (Mer et al. 2019). */
typedef struct
{
  int      arm;
  gboolean is_control;
  double   last_day;        /* the common last day; NAN when there is no comparison */
  double   slope_control;   /* degrees: atan of the no-intercept fit of V − V0 on t − t0 */
  double   slope_treatment; /* the same for this arm */
  double   angle;           /* slope_control − slope_treatment, degrees */
  double   auc_control;     /* trapezoid AUC of the mean curve / its last day */
  double   auc_treatment;
  double   abc;      /* auc_control − auc_treatment */
  double   tgi_xeva; /* (VC_last − VT_last) / (VC_first − VT_first), a ratio as Xeva gives it */
} PdxArmXeva;

/* One PdxArmXeva per arm, in data->arms order (the control's fields NAN but its own slope and
 * AUC). Owned array of structs (g_free). NO_CONTROL without a control arm, NO_DATA when the
 * control has no curve. */
GPtrArray *pdx_arm_xeva_list (const PdxStudyData *data, GError **error);

/* ---- randomisation --------------------------------------------------------------------------- */

typedef struct
{
  int    arm;
  guint  n; /* non-excluded mice in the arm after randomisation */
  guint  n_with_baseline;
  double mean, sd; /* of the baseline readout; sd NAN when n_with_baseline < 2 */
  guint  n_female, n_male;
} PdxBalanceArm;

typedef struct
{
  guint          n_arms;
  PdxBalanceArm *arms;       /* data->arms order */
  double         anova_f;    /* one-way ANOVA of the baseline across arms */
  double         anova_p;    /* NAN when not computable (fewer than 2 arms with data, …) */
  guint          n_assigned; /* mice assigned by this randomisation */
  guint          n_without_baseline; /* of those, mice with no baseline value (balanced by count) */
  int           *assignment;         /* [data->n_mice]: the arm index given to each mouse, -1 for
                                        mice this randomisation did not assign */
  guint n_mice;
} PdxBalanceReport;

void pdx_balance_report_free (PdxBalanceReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdxBalanceReport, pdx_balance_report_free)

/* The balance of the study as it is (assignment all -1, n_assigned 0). INVALID without arms. */
PdxBalanceReport *pdx_balance_report_compute (const PdxStudyData *data, GError **error);

/* Plans a randomisation of @data's unassigned, non-excluded mice to its arms: arm sizes as
 * equal as possible, arm means and SDs of the baseline readout balanced (and sex, where the
 * mice are of both sexes). The same @seed on the same data gives the same plan. Writes
 * nothing; the report describes the arms as they would be. INVALID without arms, NO_DATA
 * when no mouse is waiting. */
PdxBalanceReport *pdx_randomize_plan (const PdxStudyData *data, guint32 seed, GError **error);

/* A randomisation to write: the model loads the study inside its write transaction and asks
 * pdx_randomization_plan() for the plan, which it then writes (pdx_study_assign_arms(),
 * pdx-study-data.h):
 *
 *   PdxRandomization r = { .seed = seed };
 *   if (pdx_study_assign_arms (db, study_id, reason, pdx_randomization_plan, &r, &error)) …
 *
 * and r.report (owned by the caller, also on failure) describes the arms as they now are. */
typedef struct
{
  guint32           seed;
  PdxBalanceReport *report; /* the plan made, NULL before */
} PdxRandomization;

/* A PdxArmPlanner: pdx_randomize_plan() of @data with the seed of @randomization (a
 * PdxRandomization), the report kept in it; its assignment array is the plan. */
const int *
pdx_randomization_plan (const PdxStudyData *data, gpointer randomization, GError **error);

G_END_DECLS
