/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli-stats.c — `stats` and `randomize`: the analysis module's results as tables (SPEC §8).
 *
 * Every number comes from pdx-analysis; a value that is not defined prints as an empty field.
 * Notes that qualify a table (excluded mice, censoring at the last observation, no control) go
 * after the table on stdout in table format, and to stderr with --format csv so that the CSV
 * stays one clean table. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "cli.h"

#include <math.h>

/* ---- helpers --------------------------------------------------------------------------------- */

/* Owned text of @value: "" when NAN or infinite. */
static char *
num (double value)
{
  return pdx_format_number (value);
}

static char *
count (guint value)
{
  return g_strdup_printf ("%u", value);
}

static void
print_notes (PdxCli *cli, GPtrArray *notes)
{
  if (notes->len > 0 && !cli->csv)
    fputc ('\n', cli->out);
  for (guint i = 0; i < notes->len; i++)
    {
      if (cli->csv)
        fprintf (cli->err, _ ("pdxtrack-cli: note: %s\n"), (char *) notes->pdata[i]);
      else
        fprintf (cli->out, _ ("note: %s\n"), (char *) notes->pdata[i]);
    }
}

/* Notes naming the excluded mice of @data (left out of every statistic). */
static void
note_excluded (GPtrArray *notes, const PdxStudyData *data)
{
  for (guint m = 0; m < data->n_mice; m++)
    if (data->mice[m].excluded)
      g_ptr_array_add (notes, g_strdup_printf (_ ("%s: mouse %s is excluded (%s) and left out"),
                                               data->code, data->mice[m].tag,
                                               data->mice[m].exclusion_reason
                                                   ? data->mice[m].exclusion_reason
                                                   : _ ("no reason")));
}

static const char *
arm_name (const PdxStudyData *data, int arm)
{
  return arm >= 0 && (guint) arm < data->n_arms ? data->arms[arm].name : NULL;
}

/* Loads study @code from the open lab; prints the error and returns NULL on failure. */
static PdxStudyData *
load_study (PdxCli *cli, const char *code)
{
  g_autoptr (PdxStudy) study = NULL;
  g_autoptr (GError) error = NULL;
  PdxStudyData *data;

  study = pdx_cli_require_study (cli, code);
  if (study == NULL)
    return NULL;
  data = pdx_study_data_load (cli->db, study->id, &error);
  if (data == NULL)
    pdx_cli_fail_error (cli, error);
  return data;
}

/* Runs pdx_cli_parse on a subcommand: its argv[0] reads "stats NAME" in messages. */
static gboolean
parse_subcommand (PdxCli             *cli,
                  const char         *usage,
                  const char         *summary,
                  const GOptionEntry *entries,
                  int                 argc,
                  char              **argv,
                  int                *exit_code)
{
  g_autofree char  *name = g_strdup_printf ("stats %s", argv[0]);
  g_autofree char **args = g_new0 (char *, argc + 1);
  char            **parse_argv = args;
  int               parse_argc = argc;

  for (int i = 0; i < argc; i++)
    args[i] = argv[i];
  args[0] = name;
  if (!pdx_cli_parse (cli, usage, summary, entries, &parse_argc, &parse_argv, exit_code))
    return FALSE;
  if (parse_argc > 1)
    {
      *exit_code = pdx_cli_fail (cli, _ ("%s: unexpected argument '%s'"), name, parse_argv[1]) + 1;
      return FALSE;
    }
  return TRUE;
}

/* ---- stats response -------------------------------------------------------------------------- */

static const char *const response_columns[] = { "study",
                                                "line",
                                                "arm",
                                                "mouse",
                                                "readout",
                                                "n_points",
                                                "best_response",
                                                "best_response_day",
                                                "best_avg_response",
                                                "best_avg_response_day",
                                                "mrecist",
                                                "auc",
                                                "time_to_double",
                                                "day_last",
                                                NULL };

static void
add_response_rows (PdxCliTable *table, const PdxStudyData *data)
{
  g_autoptr (GPtrArray) responses = pdx_response_list (data);

  for (guint m = 0; m < data->n_mice; m++)
    {
      const PdxResponse *r = g_ptr_array_index (responses, m);
      char             **row = g_new0 (char *, 15);
      row[0] = g_strdup (data->code);
      row[1] = g_strdup (data->line_code);
      row[2] = g_strdup (arm_name (data, r->arm));
      row[3] = g_strdup (data->mice[m].tag);
      row[4] = g_strdup (pdx_readout_to_string (data->readout));
      row[5] = r->excluded ? NULL : count (r->n_points);
      row[6] = num (r->best_response);
      row[7] = num (r->best_response_day);
      row[8] = num (r->best_avg_response);
      row[9] = num (r->best_avg_response_day);
      row[10] = g_strdup (r->excluded ? "excluded" : pdx_mrecist_to_string (r->mrecist));
      row[11] = num (r->auc);
      row[12] = num (r->time_to_double);
      row[13] = num (r->day_last);
      pdx_cli_table_add_row_take (table, row);
    }
}

/* Adds the rows of every study of the lab to @table, one study in memory at a time. */
static gboolean
add_lab_response_rows (PdxCli *cli, PdxCliTable *table, GPtrArray *notes, GError **error)
{
  g_autoptr (GArray) ids = pdx_study_data_list_ids (cli->db, error);

  if (ids == NULL)
    return FALSE;
  for (guint s = 0; s < ids->len; s++)
    {
      g_autoptr (PdxStudyData) data =
          pdx_study_data_load (cli->db, g_array_index (ids, gint64, s), error);
      if (data == NULL)
        return FALSE;
      add_response_rows (table, data);
      note_excluded (notes, data);
      pdx_db_release_cache (cli->db);
    }
  return TRUE;
}

static int
stats_response (PdxCli *cli, int argc, char **argv)
{
  g_autofree char *study_code = NULL;
  g_autoptr (GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (PdxCliTable) table = NULL;
  g_autoptr (GError) error = NULL;
  int                exit_code = 0;
  const GOptionEntry entries[] = {
    { "study", 's', 0, G_OPTION_ARG_STRING, &study_code, N_ ("Only this study"), "CODE" }, { NULL }
  };

  if (!parse_subcommand (cli, N_ ("— per-mouse response (BR, BAR, mRECIST, AUC, time to double)"),
                         N_ ("One row per mouse of every study, or of --study CODE."), entries,
                         argc, argv, &exit_code))
    return exit_code;
  if (pdx_cli_open_db (cli, FALSE) == NULL)
    return 1;
  if (study_code)
    {
      g_autoptr (PdxStudyData) data = load_study (cli, study_code);
      if (data == NULL)
        return 1;
      if (data->n_mice == 0)
        return pdx_cli_fail (cli, _ ("study %s has no mice"), data->code);
      table = pdx_cli_table_new (response_columns);
      add_response_rows (table, data);
      note_excluded (notes, data);
      pdx_cli_table_print (cli, table);
    }
  /* The whole lab: one study in memory at a time, the rows spooled until the table is done. */
  else if ((table = pdx_cli_table_new_spooled (cli, response_columns, &error)) == NULL ||
           !add_lab_response_rows (cli, table, notes, &error) ||
           !pdx_cli_table_print_spooled (cli, table, &error))
    return pdx_cli_fail_error (cli, error);
  print_notes (cli, notes);
  return 0;
}

/* ---- stats arms ------------------------------------------------------------------------------ */

static int
print_growth (PdxCli *cli, const PdxStudyData *data, gboolean relative, GPtrArray *notes)
{
  static const char *const columns[] = { "arm", "day", "n", "mean", "sem", "median", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) growth = NULL;
  g_autoptr (PdxCliTable) table = pdx_cli_table_new (columns);

  growth = pdx_arm_growth_list (data, relative ? PDX_GROWTH_RELATIVE : PDX_GROWTH_ABSOLUTE, &error);
  if (growth == NULL)
    return pdx_cli_fail_error (cli, error);
  for (guint a = 0; a < growth->len; a++)
    {
      const PdxArmSeries *series = growth->pdata[a];
      if (series->n_points == 0)
        g_ptr_array_add (notes,
                         g_strdup_printf (_ ("arm %s has no growth curve (%u starting mice)"),
                                          data->arms[a].name, series->n_start));
      for (guint i = 0; i < series->n_points; i++)
        {
          const PdxSeriesPoint *p = &series->points[i];
          char                **row = g_new0 (char *, 7);
          row[0] = g_strdup (data->arms[a].name);
          row[1] = num (p->day);
          row[2] = count (p->n);
          row[3] = num (p->mean);
          row[4] = num (p->sem);
          row[5] = num (p->median);
          pdx_cli_table_add_row_take (table, row);
        }
    }
  pdx_cli_table_print (cli, table);
  return 0;
}

static int
print_efficacy (PdxCli *cli, const PdxStudyData *data, double day)
{
  static const char *const columns[] = { "arm", "day", "tgi_percent", "tc_percent", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) efficacy = pdx_arm_efficacy_list (data, day, &error);
  g_autoptr (PdxCliTable) table = pdx_cli_table_new (columns);

  if (efficacy == NULL)
    return pdx_cli_fail_error (cli, error);
  for (guint a = 0; a < efficacy->len; a++)
    {
      const PdxArmEfficacy *e = efficacy->pdata[a];
      char                **row = g_new0 (char *, 5);
      row[0] = g_strdup (data->arms[a].name);
      row[1] = num (e->day);
      row[2] = num (e->tgi_percent);
      row[3] = num (e->tc_percent);
      pdx_cli_table_add_row_take (table, row);
    }
  pdx_cli_table_print (cli, table);
  return 0;
}

/* --day N (a number of days) or --day last (per arm, the last day both curves are plotted). */
static gboolean
parse_day (const char *text, double *day)
{
  char *end = NULL;
  if (g_str_equal (text, "last"))
    {
      *day = NAN;
      return TRUE;
    }
  *day = g_ascii_strtod (text, &end);
  return end != text && *end == '\0' && isfinite (*day);
}

static int
stats_arms (PdxCli *cli, int argc, char **argv)
{
  g_autofree char *study_code = NULL, *day_text = NULL;
  g_autoptr (PdxStudyData) data = NULL;
  g_autoptr (GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  gboolean           relative = FALSE;
  double             day = NAN;
  int                exit_code = 0;
  const GOptionEntry entries[] = {
    { "study", 's', 0, G_OPTION_ARG_STRING, &study_code, N_ ("The study"), "CODE" },
    { "day", 'd', 0, G_OPTION_ARG_STRING, &day_text,
      /* xgettext:no-c-format */
      N_ ("TGI% and T/C% at day N ('last': the last day both arm and control are plotted)"), "N" },
    { "relative", 'r', 0, G_OPTION_ARG_NONE, &relative, N_ ("Growth of V/V0 instead of V"), NULL },
    { NULL }
  };

  if (!parse_subcommand (
          cli, /* xgettext:no-c-format */ N_ ("— arm growth curves, or TGI% and T/C% at a day"),
          N_ ("Per arm and day: n, mean, SEM and median of the primary readout."), entries, argc,
          argv, &exit_code))
    return exit_code;
  if (day_text && !parse_day (day_text, &day))
    return pdx_cli_fail (cli, _ ("stats arms: --day takes a number of days or 'last', not '%s'"),
                         day_text) +
           1;
  if (pdx_cli_open_db (cli, FALSE) == NULL || (data = load_study (cli, study_code)) == NULL)
    return 1;
  exit_code =
      day_text ? print_efficacy (cli, data, day) : print_growth (cli, data, relative, notes);
  if (exit_code == 0)
    {
      note_excluded (notes, data);
      print_notes (cli, notes);
    }
  return exit_code;
}

/* ---- stats survival -------------------------------------------------------------------------- */

static void
add_survival_row (PdxCliTable *table, const PdxStudyData *data, const PdxArmSurvival *arm)
{
  char **row = g_new0 (char *, 14);
  row[0] = g_strdup (data->arms[arm->arm].name);
  row[1] = count (arm->n);
  row[2] = count (arm->events);
  row[3] = count (arm->censored);
  row[4] = num (arm->median);
  row[5] = num (arm->median_ci_low);
  row[6] = num (arm->median_ci_high);
  row[7] = num (arm->ils_percent);
  row[8] = num (arm->logrank_chisq);
  row[9] = num (arm->logrank_p);
  row[10] = num (arm->hazard_ratio);
  row[11] = num (arm->hr_ci_low);
  row[12] = num (arm->hr_ci_high);
  pdx_cli_table_add_row_take (table, row);
}

static void
print_survival_table (PdxCli *cli, const PdxStudyData *data, const PdxSurvival *s)
{
  static const char *const columns[] = { "arm",
                                         "n",
                                         "events",
                                         "censored",
                                         "median_days",
                                         "median_ci_low",
                                         "median_ci_high",
                                         "ils_percent",
                                         "logrank_chisq",
                                         "logrank_p",
                                         "hazard_ratio",
                                         "hr_ci_low",
                                         "hr_ci_high",
                                         NULL };
  g_autoptr (PdxCliTable) table = pdx_cli_table_new (columns);

  for (guint a = 0; a < s->n_arms; a++)
    add_survival_row (table, data, &s->arms[a]);
  pdx_cli_table_print (cli, table);
}

static void
print_survival_curve (PdxCli *cli, const PdxStudyData *data, const PdxSurvival *s)
{
  static const char *const columns[] = { "arm",      "day",     "at_risk", "events",  "censored",
                                         "survival", "std_err", "ci_low",  "ci_high", NULL };
  g_autoptr (PdxCliTable) table = pdx_cli_table_new (columns);

  for (guint a = 0; a < s->n_arms; a++)
    for (guint i = 0; i < s->arms[a].n_steps; i++)
      {
        const PdxKmStep *step = &s->arms[a].steps[i];
        char           **row = g_new0 (char *, 10);
        row[0] = g_strdup (data->arms[a].name);
        row[1] = num (step->time);
        row[2] = count (step->at_risk);
        row[3] = count (step->events);
        row[4] = count (step->censored);
        row[5] = num (step->surv);
        row[6] = num (step->std_err);
        row[7] = num (step->ci_low);
        row[8] = num (step->ci_high);
        pdx_cli_table_add_row_take (table, row);
      }
  pdx_cli_table_print (cli, table);
}

static void
print_survival_pairs (PdxCli *cli, const PdxStudyData *data, const PdxSurvival *s)
{
  static const char *const columns[] = { "arm_a",     "arm_b",  "logrank_chisq",
                                         "logrank_p", "p_holm", NULL };
  g_autoptr (PdxCliTable) table = pdx_cli_table_new (columns);

  for (guint i = 0; i < s->n_pairs; i++)
    {
      const PdxLogrankPair *pair = &s->pairs[i];
      char                **row = g_new0 (char *, 6);
      row[0] = g_strdup (data->arms[pair->arm_a].name);
      row[1] = g_strdup (data->arms[pair->arm_b].name);
      row[2] = num (pair->chisq);
      row[3] = num (pair->p);
      row[4] = num (pair->p_holm);
      pdx_cli_table_add_row_take (table, row);
    }
  pdx_cli_table_print (cli, table);
}

static void
note_survival (GPtrArray *notes, const PdxStudyData *data, const PdxSurvival *s)
{
  if (s->n_open > 0)
    g_ptr_array_add (notes,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "%u mouse has no endpoint yet: it is "
                                                   "censored at its last recorded observation",
                                                   "%u mice have no endpoint yet: they are "
                                                   "censored at their last recorded observation",
                                                   s->n_open),
                                      s->n_open));
  if (s->control < 0)
    g_ptr_array_add (
        notes, g_strdup_printf (_ ("study %s has no control arm: no comparisons"), data->code));
}

static int
stats_survival (PdxCli *cli, int argc, char **argv)
{
  g_autofree char *study_code = NULL;
  g_autoptr (PdxStudyData) data = NULL;
  g_autoptr (PdxSurvival) survival = NULL;
  g_autoptr (GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  gboolean           curve = FALSE, pairs = FALSE;
  int                exit_code = 0;
  const GOptionEntry entries[] = { { "study", 's', 0, G_OPTION_ARG_STRING, &study_code,
                                     N_ ("The study"), "CODE" },
                                   { "curve", 'c', 0, G_OPTION_ARG_NONE, &curve,
                                     N_ ("The Kaplan–Meier steps of every arm"), NULL },
                                   { "pairs", 'p', 0, G_OPTION_ARG_NONE, &pairs,
                                     N_ ("Pairwise log-rank tests, Holm-adjusted"), NULL },
                                   { NULL } };

  if (!parse_subcommand (cli, N_ ("— Kaplan–Meier, median survival, %ILS, log-rank and Cox HR"),
                         N_ ("Per arm, against the control arm."), entries, argc, argv, &exit_code))
    return exit_code;
  if (curve && pairs)
    return pdx_cli_fail (cli, _ ("stats survival: --curve and --pairs are separate tables")) + 1;
  if (pdx_cli_open_db (cli, FALSE) == NULL || (data = load_study (cli, study_code)) == NULL)
    return 1;
  if ((survival = pdx_survival_compute (data, &error)) == NULL)
    return pdx_cli_fail_error (cli, error);
  if (curve)
    print_survival_curve (cli, data, survival);
  else if (pairs)
    print_survival_pairs (cli, data, survival);
  else
    print_survival_table (cli, data, survival);
  note_survival (notes, data, survival);
  note_excluded (notes, data);
  print_notes (cli, notes);
  return 0;
}

/* ---- stats weight ---------------------------------------------------------------------------- */

static int
print_mouse_weights (PdxCli *cli, const PdxStudyData *data)
{
  static const char *const columns[] = { "arm",
                                         "mouse",
                                         "reference_day",
                                         "reference_weight_g",
                                         "last_change_percent",
                                         "max_loss_percent",
                                         "max_loss_day",
                                         "flag",
                                         "last_flag",
                                         NULL };
  g_autoptr (GPtrArray) weights = pdx_mouse_weight_list (data);
  g_autoptr (PdxCliTable) table = pdx_cli_table_new (columns);

  for (guint m = 0; m < weights->len; m++)
    {
      const PdxMouseWeight *w = weights->pdata[m];
      char                **row = g_new0 (char *, 10);
      gboolean              weighed = w->n_points > 0;
      row[0] = g_strdup (arm_name (data, w->arm));
      row[1] = g_strdup (data->mice[m].tag);
      row[2] = num (w->reference_day);
      row[3] = num (w->reference_weight_g);
      row[4] = num (-w->last_loss_percent);
      row[5] = num (w->max_loss_percent);
      row[6] = num (w->max_loss_day);
      row[7] = g_strdup (w->excluded ? "excluded"
                         : weighed   ? pdx_weight_flag_to_string (w->flag)
                                     : NULL);
      row[8] = g_strdup (weighed ? pdx_weight_flag_to_string (w->last_flag) : NULL);
      pdx_cli_table_add_row_take (table, row);
    }
  pdx_cli_table_print (cli, table);
  return 0;
}

static int
print_arm_weights (PdxCli *cli, const PdxStudyData *data)
{
  static const char *const columns[] = {
    "arm", "day", "n", "mean_change_percent", "sem", "median_change_percent", NULL
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) series = pdx_arm_weight_list (data, &error);
  g_autoptr (PdxCliTable) table = pdx_cli_table_new (columns);

  if (series == NULL)
    return pdx_cli_fail_error (cli, error);
  for (guint a = 0; a < series->len; a++)
    for (guint i = 0; i < ((PdxArmSeries *) series->pdata[a])->n_points; i++)
      {
        const PdxSeriesPoint *p = &((PdxArmSeries *) series->pdata[a])->points[i];
        char                **row = g_new0 (char *, 7);
        row[0] = g_strdup (data->arms[a].name);
        row[1] = num (p->day);
        row[2] = count (p->n);
        row[3] = num (p->mean);
        row[4] = num (p->sem);
        row[5] = num (p->median);
        pdx_cli_table_add_row_take (table, row);
      }
  pdx_cli_table_print (cli, table);
  return 0;
}

static int
stats_weight (PdxCli *cli, int argc, char **argv)
{
  g_autofree char *study_code = NULL;
  g_autoptr (PdxStudyData) data = NULL;
  g_autoptr (GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  gboolean           arms = FALSE;
  int                exit_code = 0;
  const GOptionEntry entries[] = {
    { "study", 's', 0, G_OPTION_ARG_STRING, &study_code, N_ ("The study"), "CODE" },
    { "arms", 'a', 0, G_OPTION_ARG_NONE, &arms, N_ ("Per arm and day mean ± SEM instead"), NULL },
    { NULL }
  };

  if (!parse_subcommand (
          cli, N_ ("— body weight change and the 15 % / 20 % loss flags"),
          /* xgettext:no-c-format */ N_ ("Per mouse: % change from the weight at day 0."), entries,
          argc, argv, &exit_code))
    return exit_code;
  if (pdx_cli_open_db (cli, FALSE) == NULL || (data = load_study (cli, study_code)) == NULL)
    return 1;
  exit_code = arms ? print_arm_weights (cli, data) : print_mouse_weights (cli, data);
  if (exit_code == 0)
    {
      note_excluded (notes, data);
      print_notes (cli, notes);
    }
  return exit_code;
}

/* ---- dispatch -------------------------------------------------------------------------------- */

static const struct
{
  const char *name;
  int (*run) (PdxCli *cli, int argc, char **argv);
  const char *summary;
} stats_commands[] = {
  { "response", stats_response, N_ ("Per-mouse response: BR, BAR, mRECIST, AUC, time to double") },
  { "arms", stats_arms, N_ ("Arm growth curves; TGI% and T/C% with --day") },
  { "survival", stats_survival, N_ ("Kaplan–Meier, median, %ILS, log-rank and Cox HR per arm") },
  { "weight", stats_weight, N_ ("Body weight change and loss flags") },
  { "growth-model", pdx_cli_stats_growth_model,
    N_ ("Mixed-effects growth model: slopes against the control (nlme's lme)") },
  { "xeva", pdx_cli_stats_xeva, N_ ("Xeva's angle, area between curves and TGI per arm") },
  { "power", pdx_cli_stats_power, N_ ("Mice per arm to detect a slope reduction or TGI") },
};

static void
print_stats_usage (FILE *stream)
{
  fputs (_ ("Usage: pdxtrack-cli stats WHAT [OPTIONS…]\n\n"), stream);
  for (gsize i = 0; i < G_N_ELEMENTS (stats_commands); i++)
    fprintf (stream, "  %-12s %s\n", stats_commands[i].name, _ (stats_commands[i].summary));
  fputs (_ ("\nRun 'pdxtrack-cli stats WHAT --help' for its options.\n"), stream);
}

int
pdx_cli_cmd_stats (PdxCli *cli, int argc, char **argv)
{
  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      print_stats_usage (argc < 2 ? cli->err : cli->out);
      return argc < 2 ? 2 : 0;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (stats_commands); i++)
    if (g_str_equal (argv[1], stats_commands[i].name))
      return stats_commands[i].run (cli, argc - 1, argv + 1);
  return pdx_cli_fail (cli,
                       _ ("stats: unknown table '%s' (response, arms, survival, weight, "
                          "growth-model, xeva or power)"),
                       argv[1]) +
         1;
}

/* ---- shared with cli-stats-model.c ------------------------------------------------------------
 */

gboolean
pdx_cli_stats_parse (PdxCli             *cli,
                     const char         *usage,
                     const char         *summary,
                     const GOptionEntry *entries,
                     int                 argc,
                     char              **argv,
                     int                *exit_code)
{
  return parse_subcommand (cli, usage, summary, entries, argc, argv, exit_code);
}

PdxStudyData *
pdx_cli_stats_load_study (PdxCli *cli, const char *code)
{
  return load_study (cli, code);
}

void
pdx_cli_stats_print_notes (PdxCli *cli, GPtrArray *notes, const PdxStudyData *data)
{
  if (data != NULL)
    note_excluded (notes, data);
  print_notes (cli, notes);
}

/* ---- randomize ------------------------------------------------------------------------------- */

static void
print_balance (PdxCli *cli, const PdxStudyData *data, const PdxBalanceReport *report)
{
  static const char *const columns[] = { "arm",         "n",      "n_baseline", "baseline_mean",
                                         "baseline_sd", "female", "male",       "anova_f",
                                         "anova_p",     NULL };
  g_autoptr (PdxCliTable) table = pdx_cli_table_new (columns);

  for (guint a = 0; a < report->n_arms; a++)
    {
      const PdxBalanceArm *arm = &report->arms[a];
      char               **row = g_new0 (char *, 10);
      row[0] = g_strdup (data->arms[a].name);
      row[1] = count (arm->n);
      row[2] = count (arm->n_with_baseline);
      row[3] = num (arm->mean);
      row[4] = num (arm->sd);
      row[5] = count (arm->n_female);
      row[6] = count (arm->n_male);
      row[7] = num (report->anova_f);
      row[8] = num (report->anova_p);
      pdx_cli_table_add_row_take (table, row);
    }
  pdx_cli_table_print (cli, table);
}

static gboolean
parse_seed (const char *text, guint32 *seed)
{
  guint64 value = 0;
  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT32, &value, NULL))
    return FALSE;
  *seed = (guint32) value;
  return TRUE;
}

/* Plans (and unless @dry_run, writes) the randomisation; returns the report or NULL. */
static PdxBalanceReport *
randomize (
    PdxCli *cli, const char *study_code, guint32 seed, gboolean dry_run, PdxStudyData **data_out)
{
  g_autoptr (PdxStudy) study = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char  *reason = g_strdup_printf ("randomisation, seed %u", seed);
  PdxBalanceReport *report = NULL;

  if ((study = pdx_cli_require_study (cli, study_code)) == NULL)
    return NULL;
  if (dry_run)
    {
      *data_out = pdx_study_data_load (cli->db, study->id, &error);
      if (*data_out)
        report = pdx_randomize_plan (*data_out, seed, &error);
    }
  else
    {
      PdxRandomization r = { .seed = seed };
      gboolean         ok =
          pdx_study_assign_arms (cli->db, study->id, reason, pdx_randomization_plan, &r, &error);

      report = g_steal_pointer (&r.report);
      if (!ok)
        g_clear_pointer (&report, pdx_balance_report_free);
      /* The report describes the arms as they now are: load them for the names. */
      if (report && (*data_out = pdx_study_data_load (cli->db, study->id, &error)) == NULL)
        g_clear_pointer (&report, pdx_balance_report_free);
    }
  if (report == NULL)
    pdx_cli_fail_error (cli, error);
  return report;
}

int
pdx_cli_cmd_randomize (PdxCli *cli, int argc, char **argv)
{
  g_autofree char *study_code = NULL, *seed_text = NULL;
  g_autoptr (PdxStudyData) data = NULL;
  g_autoptr (PdxBalanceReport) report = NULL;
  g_autoptr (GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  gboolean           dry_run = FALSE;
  guint32            seed = 0;
  int                exit_code = 0;
  const GOptionEntry entries[] = { { "study", 's', 0, G_OPTION_ARG_STRING, &study_code,
                                     N_ ("The study"), "CODE" },
                                   { "seed", 0, 0, G_OPTION_ARG_STRING, &seed_text,
                                     N_ ("Random seed (0 to 4294967295): the same "
                                         "seed on the same mice gives the same assignment"),
                                     "N" },
                                   { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run,
                                     N_ ("Show the balance, change nothing"), NULL },
                                   { NULL } };

  if (!pdx_cli_parse (cli, N_ ("— assign unassigned mice to arms, balanced on the baseline"),
                      N_ ("Prints the balance report: per arm n, baseline mean and SD, sex, and a "
                          "one-way ANOVA of the baseline across arms."),
                      entries, &argc, &argv, &exit_code))
    return exit_code;
  if (!parse_seed (seed_text, &seed))
    return pdx_cli_fail (cli,
                         _ ("randomize: --seed N is required (a whole number 0 to 4294967295)")) +
           1;
  if (argc > 1)
    return pdx_cli_fail (cli, _ ("randomize: unexpected argument '%s'"), argv[1]) + 1;
  if (pdx_cli_open_db (cli, FALSE) == NULL)
    return 1;
  if ((report = randomize (cli, study_code, seed, dry_run, &data)) == NULL)
    return 1;
  print_balance (cli, data, report);
  g_ptr_array_add (notes,
                   g_strdup_printf ("%s %u mice with seed %u%s",
                                    dry_run ? "would assign" : "assigned", report->n_assigned, seed,
                                    dry_run ? " (dry run: nothing changed)" : ""));
  if (report->n_without_baseline > 0)
    g_ptr_array_add (notes, g_strdup_printf ("%u of them have no baseline value (balanced by "
                                             "count only)",
                                             report->n_without_baseline));
  print_notes (cli, notes);
  return 0;
}
