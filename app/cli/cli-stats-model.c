/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli-stats-model.c — `stats growth-model` (the mixed-effects growth model, as R's
 * nlme::lme(y ~ day * arm, random = ~ day | mouse) prints it) and `stats xeva` (Xeva's angle,
 * ABC and TGI); every number from pdx-analysis. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "cli.h"

#include <math.h>

static void
add_term_row (PdxCliTable *table, const PdxModelTerm *t)
{
  char **row = g_new0 (char *, 9);
  row[0] = g_strdup (t->term);
  row[1] = pdx_format_number (t->estimate);
  row[2] = pdx_format_number (t->std_error);
  row[3] = pdx_format_number (t->df);
  row[4] = pdx_format_number (t->t_value);
  row[5] = pdx_format_number (t->p_value);
  row[6] = pdx_format_number (t->ci_low);
  row[7] = pdx_format_number (t->ci_high);
  pdx_cli_table_add_row_take (table, row);
}

/* A variance component or the log-likelihood: its estimate only. */
static void
add_estimate_row (PdxCliTable *table, const char *term, double estimate)
{
  char **row = g_new0 (char *, 9);
  row[0] = g_strdup (term);
  row[1] = pdx_format_number (estimate);
  pdx_cli_table_add_row_take (table, row);
}

static void
print_model (PdxCli *cli, const PdxGrowthModel *model)
{
  static const char *const columns[] = { "term",    "estimate", "std_error", "df", "t_value",
                                         "p_value", "ci_low",   "ci_high",   NULL };
  g_autoptr (PdxCliTable) table = pdx_cli_table_new (columns);

  for (guint j = 0; j < model->n_terms; j++)
    add_term_row (table, &model->terms[j]);
  add_estimate_row (table, "sd((Intercept))", model->sd_intercept);
  add_estimate_row (table, "sd(day)", model->sd_slope);
  add_estimate_row (table, "cor((Intercept),day)", model->correlation);
  add_estimate_row (table, "sigma", model->sigma);
  add_estimate_row (table, "loglik", model->loglik);
  pdx_cli_table_print (cli, table);
}

/* --observations: the rows the model is fitted on, for refitting elsewhere. */
static int
print_observations (PdxCli *cli, const PdxStudyData *data, PdxGrowthTransform transform)
{
  static const char *const columns[] = { "mouse", "arm", "day", "value", "y", NULL };
  g_autoptr (PdxCliTable) table = pdx_cli_table_new (columns);
  g_autoptr (GError) error = NULL;
  g_autofree int    *mouse = NULL, *arm = NULL;
  g_autofree double *day = NULL, *value = NULL, *y = NULL;
  guint              n = 0;

  if (!pdx_growth_model_observations (data, transform, &mouse, &arm, &day, &value, &y, &n, &error))
    return pdx_cli_fail_error (cli, error);
  for (guint i = 0; i < n; i++)
    {
      char **row = g_new0 (char *, 6);
      row[0] = g_strdup (data->mice[mouse[i]].tag);
      row[1] = g_strdup (data->arms[arm[i]].name);
      row[2] = pdx_format_number (day[i]);
      row[3] = pdx_format_number (value[i]);
      row[4] = pdx_format_number (y[i]);
      pdx_cli_table_add_row_take (table, row);
    }
  pdx_cli_table_print (cli, table);
  return 0;
}

static void
note_model (GPtrArray *notes, const PdxStudyData *data, const PdxGrowthModel *model)
{
  g_ptr_array_add (
      notes, g_strdup_printf (_ ("%s fit of %s(%s) ~ day * arm with a random intercept and slope "
                                 "per mouse: %u measurements of %u mice; df by the containment "
                                 "method, as nlme's lme()"),
                              model->fit == PDX_GROWTH_FIT_ML ? "ML" : "REML",
                              pdx_growth_transform_to_string (model->transform),
                              pdx_readout_to_string (data->readout), model->n_obs, model->n_mice));
}

static gboolean
parse_method (const char *text, PdxGrowthFit *fit)
{
  if (text == NULL || g_str_equal (text, "reml"))
    *fit = PDX_GROWTH_FIT_REML;
  else if (g_str_equal (text, "ml"))
    *fit = PDX_GROWTH_FIT_ML;
  else
    return FALSE;
  return TRUE;
}

int
pdx_cli_stats_growth_model (PdxCli *cli, int argc, char **argv)
{
  g_autofree char *study_code = NULL, *transform_text = NULL, *method_text = NULL;
  g_autoptr (PdxStudyData) data = NULL;
  g_autoptr (PdxGrowthModel) model = NULL;
  g_autoptr (GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  PdxGrowthTransform transform = PDX_GROWTH_TRANSFORM_LOG;
  PdxGrowthFit       fit = PDX_GROWTH_FIT_REML;
  gboolean           observations = FALSE;
  int                exit_code = 0;
  const GOptionEntry entries[] = {
    { "study", 's', 0, G_OPTION_ARG_STRING, &study_code, N_ ("The study"), "CODE" },
    { "transform", 't', 0, G_OPTION_ARG_STRING, &transform_text,
      N_ ("The readout's transform: log (default), none, sqrt or cbrt"), "NAME" },
    { "method", 'm', 0, G_OPTION_ARG_STRING, &method_text, N_ ("reml (default) or ml"), "METHOD" },
    { "observations", 0, 0, G_OPTION_ARG_NONE, &observations,
      N_ ("Print the measurements the model is fitted on instead"), NULL },
    { NULL }
  };

  if (!pdx_cli_stats_parse (cli, N_ ("— mixed-effects growth model of a study"),
                            N_ ("y ~ day * arm with a random intercept and slope per mouse, as "
                                "R's nlme::lme; the arms' slope differences from the control."),
                            entries, argc, argv, &exit_code))
    return exit_code;
  if (transform_text && !pdx_growth_transform_from_string (transform_text, &transform))
    return pdx_cli_fail (cli,
                         _ ("stats growth-model: --transform takes log, none, sqrt or cbrt, not "
                            "'%s'"),
                         transform_text) +
           1;
  if (!parse_method (method_text, &fit))
    return pdx_cli_fail (cli, _ ("stats growth-model: --method takes reml or ml, not '%s'"),
                         method_text) +
           1;
  if (pdx_cli_open_db (cli, FALSE) == NULL ||
      (data = pdx_cli_stats_load_study (cli, study_code)) == NULL)
    return 1;
  if (observations)
    return print_observations (cli, data, transform);
  if ((model = pdx_growth_model_compute (data, transform, fit, &error)) == NULL)
    return pdx_cli_fail_error (cli, error);
  print_model (cli, model);
  note_model (notes, data, model);
  pdx_cli_stats_print_notes (cli, notes, data);
  return 0;
}

static void
add_xeva_row (PdxCliTable *table, const PdxStudyData *data, const PdxArmXeva *x)
{
  char **row = g_new0 (char *, 10);
  row[0] = g_strdup (data->arms[x->arm].name);
  row[1] = pdx_format_number (x->last_day);
  row[2] = pdx_format_number (x->slope_control);
  row[3] = pdx_format_number (x->slope_treatment);
  row[4] = pdx_format_number (x->angle);
  row[5] = pdx_format_number (x->auc_control);
  row[6] = pdx_format_number (x->auc_treatment);
  row[7] = pdx_format_number (x->abc);
  row[8] = pdx_format_number (x->tgi_xeva);
  pdx_cli_table_add_row_take (table, row);
}

int
pdx_cli_stats_xeva (PdxCli *cli, int argc, char **argv)
{
  static const char *const columns[] = {
    "arm",         "day",           "slope_control", "slope_treatment", "angle",
    "auc_control", "auc_treatment", "abc",           "tgi_xeva",        NULL
  };
  g_autofree char *study_code = NULL;
  g_autoptr (PdxStudyData) data = NULL;
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (PdxCliTable) table = pdx_cli_table_new (columns);
  g_autoptr (GError) error = NULL;
  int                exit_code = 0;
  const GOptionEntry entries[] = {
    { "study", 's', 0, G_OPTION_ARG_STRING, &study_code, N_ ("The study"), "CODE" }, { NULL }
  };

  if (!pdx_cli_stats_parse (cli, N_ ("— Xeva's angle, area between curves and TGI"),
                            N_ ("Per treated arm against the control, on the arm mean curves "
                                "cut at their common last day."),
                            entries, argc, argv, &exit_code))
    return exit_code;
  if (pdx_cli_open_db (cli, FALSE) == NULL ||
      (data = pdx_cli_stats_load_study (cli, study_code)) == NULL)
    return 1;
  if ((list = pdx_arm_xeva_list (data, &error)) == NULL)
    return pdx_cli_fail_error (cli, error);
  for (guint a = 0; a < list->len; a++)
    add_xeva_row (table, data, list->pdata[a]);
  pdx_cli_table_print (cli, table);
  pdx_cli_stats_print_notes (cli, notes, data);
  return 0;
}
