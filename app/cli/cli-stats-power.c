/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli-stats-power.c — `stats power`: mice per arm to detect a slope reduction or a TGI on the
 * growth model, from a study's fit or typed parameters, by simulation (docs/power.md); every
 * number from pdx-analysis. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "cli.h"

#include <math.h>

typedef struct
{
  char *study, *transform;
  char *growth_rate, *sd_intercept, *sd_slope, *cor, *sigma, *days;
  char *tgi, *slope_reduction, *power, *alpha, *seed, *simulations, *min_mice, *max_mice;
} PowerArgs;

static void
power_args_clear (PowerArgs *a)
{
  char **all[] = {
    &a->study, &a->transform,   &a->growth_rate, &a->sd_intercept,    &a->sd_slope, &a->cor,
    &a->sigma, &a->days,        &a->tgi,         &a->slope_reduction, &a->power,    &a->alpha,
    &a->seed,  &a->simulations, &a->min_mice,    &a->max_mice
  };
  for (gsize i = 0; i < G_N_ELEMENTS (all); i++)
    g_clear_pointer (all[i], g_free);
}

/* A number given to @option; FALSE (the message printed) when @text is not one. */
static gboolean
parse_real (PdxCli *cli, const char *option, const char *text, double *out)
{
  if (text != NULL && pdx_parse_number (text, out) && isfinite (*out))
    return TRUE;
  pdx_cli_fail (cli, _ ("stats power: %s takes a number, not '%s'"), option, text ? text : "");
  return FALSE;
}

static gboolean
parse_count (PdxCli *cli, const char *option, const char *text, guint max, guint *out)
{
  guint64 value = 0;

  if (text == NULL)
    return TRUE;
  if (g_ascii_string_to_unsigned (text, 10, 0, max, &value, NULL))
    {
      *out = (guint) value;
      return TRUE;
    }
  pdx_cli_fail (cli, _ ("stats power: %s takes a whole number from 0 to %u, not '%s'"), option, max,
                text);
  return FALSE;
}

/* --days 0,3,7,…: days separated by commas (decimals with a point). */
static GArray *
parse_days (PdxCli *cli, const char *text)
{
  g_auto (GStrv) parts = g_strsplit (text, ",", -1);
  g_autoptr (GArray) days = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char  *end = NULL;
      double day = g_ascii_strtod (g_strstrip (parts[i]), &end);
      if (end == parts[i] || *end != '\0' || !isfinite (day))
        {
          pdx_cli_fail (cli,
                        _ ("stats power: --days takes days separated by commas (0,3,7,10), not "
                           "'%s'"),
                        text);
          return NULL;
        }
      g_array_append_val (days, day);
    }
  return g_steal_pointer (&days);
}

/* The model typed on the command line; NULL with the message printed and *@status 2 for an
 * option that is missing or not a number, 1 for a model refused. */
static PdxPowerModel *
typed_model (PdxCli *cli, const PowerArgs *a, int *status)
{
  g_autoptr (GArray) days = NULL;
  g_autoptr (GError) error = NULL;
  double         rate, sd_intercept, sd_slope, cor = 0, sigma;
  PdxPowerModel *model;

  if (a->transform != NULL)
    {
      pdx_cli_fail (cli, _ ("stats power: --transform is for a study's model; a typed model is "
                            "on the log scale"));
      *status = 2;
      return NULL;
    }
  if (a->growth_rate == NULL || a->sd_intercept == NULL || a->sd_slope == NULL ||
      a->sigma == NULL || a->days == NULL)
    {
      pdx_cli_fail (cli, _ ("stats power: give --study CODE, or the model: --growth-rate, "
                            "--sd-intercept, --sd-slope, --sigma and --days (and --cor)"));
      *status = 2;
      return NULL;
    }
  if (!parse_real (cli, "--growth-rate", a->growth_rate, &rate) ||
      !parse_real (cli, "--sd-intercept", a->sd_intercept, &sd_intercept) ||
      !parse_real (cli, "--sd-slope", a->sd_slope, &sd_slope) ||
      (a->cor != NULL && !parse_real (cli, "--cor", a->cor, &cor)) ||
      !parse_real (cli, "--sigma", a->sigma, &sigma) || (days = parse_days (cli, a->days)) == NULL)
    {
      *status = 2;
      return NULL;
    }
  model = pdx_power_model_new (0, rate, sd_intercept, sd_slope, cor, sigma,
                               (const double *) (void *) days->data, days->len, &error);
  if (model == NULL)
    pdx_cli_fail (cli, _ ("stats power: %s"), error->message);
  return model;
}

/* The model of --study; NULL with the message printed and *@status as typed_model (). */
static PdxPowerModel *
study_model (PdxCli *cli, const PowerArgs *a, int *status)
{
  g_autoptr (PdxStudyData) data = NULL;
  g_autoptr (GError) error = NULL;
  PdxGrowthTransform transform = PDX_GROWTH_TRANSFORM_LOG;
  PdxPowerModel     *model;

  if (a->growth_rate || a->sd_intercept || a->sd_slope || a->cor || a->sigma || a->days)
    {
      pdx_cli_fail (cli, _ ("stats power: give --study or the typed model (--growth-rate, …), "
                            "not both"));
      *status = 2;
      return NULL;
    }
  if (a->transform && !pdx_growth_transform_from_string (a->transform, &transform))
    {
      pdx_cli_fail (cli, _ ("stats power: --transform takes log, none, sqrt or cbrt, not '%s'"),
                    a->transform);
      *status = 2;
      return NULL;
    }
  if (pdx_cli_open_db (cli, FALSE) == NULL ||
      (data = pdx_cli_stats_load_study (cli, a->study)) == NULL)
    return NULL;
  if ((model = pdx_power_model_from_study (data, transform, &error)) == NULL)
    pdx_cli_fail_error (cli, error);
  return model;
}

/* The settings from the options; FALSE with the message printed. */
static gboolean
parse_settings (PdxCli *cli, const PowerArgs *a, PdxPowerSettings *s)
{
  guint seed = (guint) s->seed;

  if ((a->tgi != NULL) == (a->slope_reduction != NULL))
    {
      pdx_cli_fail (cli, _ ("stats power: give the effect to detect, either --effect-tgi PERCENT "
                            "or --effect-slope-reduction PERCENT"));
      return FALSE;
    }
  s->effect = a->tgi ? PDX_POWER_EFFECT_TGI : PDX_POWER_EFFECT_SLOPE_REDUCTION;
  if (!parse_real (cli, a->tgi ? "--effect-tgi" : "--effect-slope-reduction",
                   a->tgi ? a->tgi : a->slope_reduction, &s->effect_percent) ||
      (a->power && !parse_real (cli, "--power", a->power, &s->power)) ||
      (a->alpha && !parse_real (cli, "--alpha", a->alpha, &s->alpha)) ||
      !parse_count (cli, "--seed", a->seed, G_MAXUINT32, &seed) ||
      !parse_count (cli, "--simulations", a->simulations, G_MAXUINT32, &s->simulations) ||
      !parse_count (cli, "--min-mice", a->min_mice, G_MAXUINT32, &s->min_mice) ||
      !parse_count (cli, "--max-mice", a->max_mice, G_MAXUINT32, &s->max_mice))
    return FALSE;
  s->seed = seed;
  return TRUE;
}

static void
print_points (PdxCli *cli, const PdxPowerResult *r)
{
  static const char *const columns[] = { "mice_per_arm", "power", "power_se", NULL };
  g_autoptr (PdxCliTable) table = pdx_cli_table_new (columns);

  for (guint i = 0; i < r->n_points; i++)
    {
      char **row = g_new0 (char *, 4);
      row[0] = g_strdup_printf ("%u", r->points[i].mice_per_arm);
      row[1] = pdx_format_number (r->points[i].power);
      row[2] = pdx_format_number (r->points[i].power_se);
      pdx_cli_table_add_row_take (table, row);
    }
  pdx_cli_table_print (cli, table);
}

static void
note_result (GPtrArray *notes, const PdxPowerModel *m, const PdxPowerResult *r)
{
  g_autofree char *rate = pdx_format_number (m->growth_rate);
  g_autofree char *treated = pdx_format_number (r->treated_slope);
  g_autofree char *sd0 = pdx_format_number (m->sd_intercept);
  g_autofree char *sd1 = pdx_format_number (m->sd_slope);
  g_autofree char *cor = pdx_format_number (m->correlation);
  g_autofree char *sigma = pdx_format_number (m->sigma);
  g_autofree char *power = pdx_format_number (r->settings.power);
  g_autofree char *alpha = pdx_format_number (r->settings.alpha);
  g_autofree char *seed = g_strdup_printf ("%" G_GUINT64_FORMAT, r->settings.seed);
  guint            failed = 0;

  if (m->study_code)
    g_ptr_array_add (notes,
                     g_strdup_printf (_ ("model: the REML growth model of study %s "
                                         "(%s transform, %u control mice)"),
                                      m->study_code, pdx_growth_transform_to_string (m->transform),
                                      m->n_control_mice));
  g_ptr_array_add (
      notes, g_strdup_printf (_ ("control slope %s, treated slope %s per day; sd((Intercept)) "
                                 "%s, sd(day) %s, cor %s, sigma %s; %u days"),
                              rate, treated, sd0, sd1, cor, sigma, m->n_days));
  g_ptr_array_add (notes, g_strdup_printf (_ ("%u simulated studies per row, seed %s; the "
                                              "day:arm test at α = %s, two-sided"),
                                           r->settings.simulations, seed, alpha));
  for (guint i = 0; i < r->n_points; i++)
    failed += r->points[i].n_failed;
  if (failed > 0)
    g_ptr_array_add (notes, g_strdup_printf (_ ("%u simulated fits were refused and count as "
                                                "not significant"),
                                             failed));
  if (r->answer > 0)
    g_ptr_array_add (notes, g_strdup_printf (_ ("answer: %u mice per arm reach a power of %s"),
                                             r->answer, power));
  else
    g_ptr_array_add (notes, g_strdup_printf (_ ("answer: no number of mice up to %u per arm "
                                                "reaches a power of %s"),
                                             r->settings.max_mice, power));
}

static int
run_power (PdxCli *cli, const PowerArgs *a)
{
  g_autoptr (PdxPowerModel) model = NULL;
  g_autoptr (PdxPowerResult) result = NULL;
  g_autoptr (GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  PdxPowerSettings settings;
  int              status = 1;

  pdx_power_settings_init (&settings);
  if (!parse_settings (cli, a, &settings))
    return 2;
  if ((model = a->study ? study_model (cli, a, &status) : typed_model (cli, a, &status)) == NULL)
    return status;
  if ((result = pdx_power_simulate (model, &settings, NULL, NULL, &error)) == NULL)
    return pdx_cli_fail_error (cli, error);
  print_points (cli, result);
  note_result (notes, model, result);
  pdx_cli_stats_print_notes (cli, notes, NULL);
  return 0;
}

int
pdx_cli_stats_power (PdxCli *cli, int argc, char **argv)
{
  PowerArgs          a = { 0 };
  int                exit_code = 0;
  const GOptionEntry entries[] = {
    { "study", 's', 0, G_OPTION_ARG_STRING, &a.study, N_ ("Plan from this study's growth model"),
      "CODE" },
    { "transform", 't', 0, G_OPTION_ARG_STRING, &a.transform,
      N_ ("The study model's transform: log (default), none, sqrt or cbrt"), "NAME" },
    { "growth-rate", 0, 0, G_OPTION_ARG_STRING, &a.growth_rate,
      N_ ("Typed model: the control's growth rate (log scale, per day)"), "RATE" },
    { "sd-intercept", 0, 0, G_OPTION_ARG_STRING, &a.sd_intercept,
      N_ ("Typed model: between-mouse SD of the intercept (log scale)"), "SD" },
    { "sd-slope", 0, 0, G_OPTION_ARG_STRING, &a.sd_slope,
      N_ ("Typed model: between-mouse SD of the growth rate (per day)"), "SD" },
    { "cor", 0, 0, G_OPTION_ARG_STRING, &a.cor,
      N_ ("Typed model: correlation of intercept and growth rate (default 0)"), "R" },
    { "sigma", 0, 0, G_OPTION_ARG_STRING, &a.sigma, N_ ("Typed model: residual SD (log scale)"),
      "SD" },
    { "days", 0, 0, G_OPTION_ARG_STRING, &a.days,
      N_ ("Typed model: the measurement days, e.g. 0,3,7,10,14"), "DAYS" },
    { "effect-tgi", 0, 0, G_OPTION_ARG_STRING, &a.tgi, N_ ("The TGI to detect, in %"), "PERCENT" },
    { "effect-slope-reduction", 0, 0, G_OPTION_ARG_STRING, &a.slope_reduction,
      N_ ("The reduction of the growth rate to detect, in %"), "PERCENT" },
    { "power", 0, 0, G_OPTION_ARG_STRING, &a.power, N_ ("The power wanted (default 0.8)"), "P" },
    { "alpha", 0, 0, G_OPTION_ARG_STRING, &a.alpha, N_ ("Two-sided α (default 0.05)"), "A" },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &a.seed,
      N_ ("Random seed (default 1): the same seed gives the same table"), "N" },
    { "simulations", 0, 0, G_OPTION_ARG_STRING, &a.simulations,
      N_ ("Simulated studies per number of mice (default 1000)"), "N" },
    { "min-mice", 0, 0, G_OPTION_ARG_STRING, &a.min_mice,
      N_ ("Fewest mice per arm tried (default 3)"), "N" },
    { "max-mice", 0, 0, G_OPTION_ARG_STRING, &a.max_mice,
      N_ ("Most mice per arm tried (default 20)"), "N" },
    { NULL }
  };

  if (pdx_cli_stats_parse (cli, N_ ("— mice per arm to detect a treatment effect"),
                           N_ ("Power of the growth model's test of the treated slope, by "
                               "simulating studies from a study's model or typed parameters."),
                           entries, argc, argv, &exit_code))
    exit_code = run_power (cli, &a);
  power_args_clear (&a);
  return exit_code;
}
