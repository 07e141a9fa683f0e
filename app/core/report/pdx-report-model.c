/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-report-model.c — the report's growth-model section: the mixed-effects model's arm
 * slopes against the control, and its variance components (pdx_growth_model_compute). */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx-report-private.h"

#include <math.h>

static void
add_group_row (PdxReportTable *table, PdxReportContext *ctx, const PdxGrowthModelGroup *g)
{
  g_autofree char *slope = pdx_report_format_number (g->slope, 4);
  g_autofree char *difference = pdx_report_format_number (g->difference, 4);
  g_autofree char *low = pdx_report_format_number (g->ci_low, 4);
  g_autofree char *high = pdx_report_format_number (g->ci_high, 4);
  g_autofree char *p = pdx_report_format_p (g->p_value);
  g_autofree char *ratio = pdx_report_format_number (g->ratio, 2);
  /* Translators: a 95 % confidence interval, "LOW to HIGH". */
  g_autofree char *ci =
      isnan (g->ci_low) ? g_strdup ("—") : g_strdup_printf (_ ("%s to %s"), low, high);
  const char *cells[] = {
    ctx->summary->data->arms[g->group].name, slope, difference, ci, p, ratio
  };

  pdx_report_table_add_row (table, cells, ctx->arm_colours[g->group]);
}

void
pdx_report_add_growth_model (PdxReportContext *ctx)
{
  static const char *titles[] = { N_ ("Arm"), N_ ("Slope per day"), N_ ("Difference"),
                                  /* xgettext:no-c-format */
                                  N_ ("95 % CI"), "p", N_ ("Ratio") };
  g_autoptr (PdxGrowthModel) model = NULL;
  g_autoptr (PdxReportTable) table = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *sd0 = NULL, *sd1 = NULL, *cor = NULL, *sigma = NULL, *loglik = NULL;
  g_autofree char *summary = NULL;

  model = pdx_growth_model_compute (ctx->summary->data, PDX_GROWTH_TRANSFORM_LOG,
                                    PDX_GROWTH_FIT_REML, &error);
  pdx_report_doc_heading (ctx->doc, _ ("Growth model"), 60);
  if (model == NULL)
    {
      pdx_report_doc_paragraph (ctx->doc, error->message, TRUE);
      return;
    }
  table = pdx_report_table_new (G_N_ELEMENTS (titles));
  for (guint c = 0; c < G_N_ELEMENTS (titles); c++)
    pdx_report_table_set_column (table, c, _ (titles[c]),
                                 c == 0 ? PDX_REPORT_ALIGN_LEFT : PDX_REPORT_ALIGN_RIGHT);
  for (guint g = 0; g < model->n_groups; g++)
    add_group_row (table, ctx, &model->groups[g]);
  pdx_report_doc_table (ctx->doc, table);
  sd0 = pdx_report_format_number (model->sd_intercept, 3);
  sd1 = pdx_report_format_number (model->sd_slope, 4);
  cor = pdx_report_format_number (model->correlation, 2);
  sigma = pdx_report_format_number (model->sigma, 3);
  loglik = pdx_report_format_number (model->loglik, 1);
  summary = g_strdup_printf (
      _ ("Slopes of log values per day, each arm's difference from the control's slope with its "
         "95 %% CI and p, and the ratio of slopes; %u measurements of %u mice. Between mice: SD of "
         "the intercept %s, of the slope %s, correlation %s; residual SD %s; REML "
         "log-likelihood %s."),
      model->n_obs, model->n_mice, sd0, sd1, cor, sigma, loglik);
  pdx_report_doc_paragraph (ctx->doc, summary, TRUE);
}
