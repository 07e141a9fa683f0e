/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-export-summary.c — the cohort summary (SPEC §6): the analysis results it is made of, its
 * columns, and the CSV export. Nothing here computes a statistic: values are read from the
 * analysis module's results, and only categories of them are counted. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx/pdx-export.h"

#include <gio/gio.h>
#include <math.h>
#include <string.h>

#include "pdx/pdx-csv.h"
#include "pdx/pdx-error.h"
#include "pdx/pdx-format.h"
#include "pdx/pdx-i18n.h"
#include "pdx-export-private.h"
#include "pdx/pdx-output.h"

typedef enum
{
  COL_ARM,
  COL_CONTROL,
  COL_N,
  COL_EXCLUDED,
  COL_ALIVE,
  COL_CR,
  COL_PR,
  COL_SD,
  COL_PD,
  COL_NOT_EVALUABLE,
  COL_MEDIAN_BR,
  COL_EFFICACY_DAY,
  COL_TGI,
  COL_TC,
  COL_EVENTS,
  COL_CENSORED,
  COL_OPEN,
  COL_MEDIAN_SURVIVAL,
  COL_MEDIAN_CI_LOW,
  COL_MEDIAN_CI_HIGH,
  COL_ILS,
  COL_LOGRANK_P,
  COL_HR,
  COL_HR_CI_LOW,
  COL_HR_CI_HIGH,
  COL_WEIGHT_15,
  COL_WEIGHT_20,
  N_COLUMNS
} SummaryColumnId;

static const PdxSummaryColumn columns[N_COLUMNS] = {
  [COL_ARM] = { "arm", "Arm", N_ ("Arm"), PDX_SUMMARY_TEXT },
  [COL_CONTROL] = { "control", "Control arm", N_ ("Control"), PDX_SUMMARY_FLAG },
  [COL_N] = { "n_mice", "Mice (n, not excluded)", N_ ("n"), PDX_SUMMARY_COUNT },
  [COL_EXCLUDED] = { "n_excluded", "Excluded (n)", N_ ("Excl."), PDX_SUMMARY_COUNT },
  [COL_ALIVE] = { "n_alive", "Alive, no event (n)", N_ ("Alive"), PDX_SUMMARY_COUNT },
  [COL_CR] = { "n_mrecist_cr", "mRECIST CR (n)", N_ ("CR"), PDX_SUMMARY_COUNT },
  [COL_PR] = { "n_mrecist_pr", "mRECIST PR (n)", N_ ("PR"), PDX_SUMMARY_COUNT },
  [COL_SD] = { "n_mrecist_sd", "mRECIST SD (n)", N_ ("SD"), PDX_SUMMARY_COUNT },
  [COL_PD] = { "n_mrecist_pd", "mRECIST PD (n)", N_ ("PD"), PDX_SUMMARY_COUNT },
  [COL_NOT_EVALUABLE] = { "n_mrecist_not_evaluable", "mRECIST not evaluable (n)", N_ ("NE"),
                          PDX_SUMMARY_COUNT },
  [COL_MEDIAN_BR] = { "median_best_response_percent", "Median best response (%)",
                      N_ ("Median BR (%)"), PDX_SUMMARY_PERCENT },
  [COL_EFFICACY_DAY] = { "tgi_tc_day", "TGI and T/C day (day)", N_ ("Day"), PDX_SUMMARY_DAY },
  [COL_TGI] = { "tgi_percent", "TGI (%)", N_ ("TGI (%)"), PDX_SUMMARY_PERCENT },
  [COL_TC] = { "tc_percent", "T/C (%)", N_ ("T/C (%)"), PDX_SUMMARY_PERCENT },
  [COL_EVENTS] = { "n_events", "Events: deaths and humane endpoints (n)", N_ ("Events"),
                   PDX_SUMMARY_COUNT },
  [COL_CENSORED] = { "n_censored", "Censored (n)", N_ ("Cens."), PDX_SUMMARY_COUNT },
  [COL_OPEN] = { "n_censored_no_endpoint", "Censored at last observation, no endpoint yet (n)",
                 N_ ("Open"), PDX_SUMMARY_COUNT },
  [COL_MEDIAN_SURVIVAL] = { "median_survival_days", "Median survival (days)", N_ ("Median (days)"),
                            PDX_SUMMARY_DAY },
  [COL_MEDIAN_CI_LOW] = { "median_survival_ci_low_days", "Median survival 95% CI low (days)",
                          /* xgettext:no-c-format */ N_ ("95% CI low"), PDX_SUMMARY_DAY },
  [COL_MEDIAN_CI_HIGH] = { "median_survival_ci_high_days", "Median survival 95% CI high (days)",
                           /* xgettext:no-c-format */ N_ ("95% CI high"), PDX_SUMMARY_DAY },
  [COL_ILS] = { "ils_percent", "ILS (%)", N_ ("ILS (%)"), PDX_SUMMARY_PERCENT },
  [COL_LOGRANK_P] = { "logrank_p", "Log-rank p vs control", N_ ("Log-rank p"),
                      PDX_SUMMARY_P_VALUE },
  [COL_HR] = { "hazard_ratio", "Hazard ratio vs control", N_ ("HR"), PDX_SUMMARY_RATIO },
  [COL_HR_CI_LOW] = { "hr_ci_low", "Hazard ratio 95% CI low", N_ ("HR CI low"), PDX_SUMMARY_RATIO },
  [COL_HR_CI_HIGH] = { "hr_ci_high", "Hazard ratio 95% CI high", N_ ("HR CI high"),
                       PDX_SUMMARY_RATIO },
  [COL_WEIGHT_15] = { "n_weight_loss_15_percent", "Weight loss ≥ 15% (n)", N_ ("Wt loss ≥15%"),
                      PDX_SUMMARY_COUNT },
  [COL_WEIGHT_20] = { "n_weight_loss_20_percent", "Weight loss ≥ 20% (n)", N_ ("Wt loss ≥20%"),
                      PDX_SUMMARY_COUNT },
};

const PdxSummaryColumn *
pdx_summary_get_columns (guint *n_columns)
{
  if (n_columns)
    *n_columns = N_COLUMNS;
  return columns;
}

void
pdx_export_options_init (PdxExportOptions *options)
{
  g_return_if_fail (options != NULL);
  options->day = NAN;
}

void
pdx_cohort_summary_free (PdxCohortSummary *summary)
{
  if (summary == NULL)
    return;
  g_clear_pointer (&summary->responses, g_ptr_array_unref);
  g_clear_pointer (&summary->weights, g_ptr_array_unref);
  g_clear_pointer (&summary->arm_responses, g_ptr_array_unref);
  g_clear_pointer (&summary->efficacy, g_ptr_array_unref);
  g_clear_pointer (&summary->survival, pdx_survival_free);
  g_clear_pointer (&summary->data, pdx_study_data_free);
  g_free (summary->efficacy_note);
  g_free (summary->survival_note);
  g_free (summary->n_alive);
  g_free (summary);
}

/* Missing data is a note, not a failure; anything else fails the summary. */
static gboolean
take_missing_data (GError **local, char **note, GError **error)
{
  if (g_error_matches (*local, PDX_ANALYSIS_ERROR, PDX_ANALYSIS_ERROR_NO_DATA) ||
      g_error_matches (*local, PDX_ANALYSIS_ERROR, PDX_ANALYSIS_ERROR_NO_CONTROL))
    {
      *note = g_strdup ((*local)->message);
      g_clear_error (local);
      return TRUE;
    }
  g_propagate_error (error, g_steal_pointer (local));
  return FALSE;
}

PdxCohortSummary *
pdx_cohort_summary_new (PdxDb *db, gint64 study_id, const PdxExportOptions *options, GError **error)
{
  g_autoptr (PdxCohortSummary) summary = g_new0 (PdxCohortSummary, 1);
  g_autoptr (GError) local = NULL;
  PdxStudyData *data;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options)
    summary->options = *options;
  else
    pdx_export_options_init (&summary->options);
  summary->data = data = pdx_study_data_load (db, study_id, error);
  if (data == NULL)
    return NULL;

  summary->responses = pdx_response_list (data);
  summary->weights = pdx_mouse_weight_list (data);
  summary->arm_responses =
      pdx_arm_response_summary_list (data, summary->responses, summary->weights);
  summary->efficacy = pdx_arm_efficacy_list (data, summary->options.day, &local);
  if (summary->efficacy == NULL && !take_missing_data (&local, &summary->efficacy_note, error))
    return NULL;
  summary->survival = pdx_survival_compute (data, &local);
  if (summary->survival == NULL && !take_missing_data (&local, &summary->survival_note, error))
    return NULL;

  summary->n_alive = g_new0 (guint, MAX (data->n_arms, 1));
  for (guint i = 0; i < data->n_mice; i++)
    {
      const PdxStudyMouse *mouse = &data->mice[i];
      if (mouse->arm >= 0 && !mouse->excluded && !(mouse->has_endpoint && mouse->event))
        summary->n_alive[mouse->arm]++;
    }
  return g_steal_pointer (&summary);
}

static double
count_value (guint count)
{
  return (double) count;
}

static double
survival_value (const PdxCohortSummary *summary, guint arm, guint column)
{
  const PdxArmSurvival *survival;

  if (summary->survival == NULL || arm >= summary->survival->n_arms)
    return column == COL_EVENTS || column == COL_CENSORED || column == COL_OPEN ? 0 : NAN;
  survival = &summary->survival->arms[arm];
  switch (column)
    {
    case COL_EVENTS:
      return count_value (survival->events);
    case COL_CENSORED:
      return count_value (survival->censored);
    case COL_OPEN:
      return count_value (survival->n_open);
    case COL_MEDIAN_SURVIVAL:
      return survival->median;
    case COL_MEDIAN_CI_LOW:
      return survival->median_ci_low;
    case COL_MEDIAN_CI_HIGH:
      return survival->median_ci_high;
    case COL_ILS:
      return survival->ils_percent;
    case COL_LOGRANK_P:
      return survival->logrank_p;
    case COL_HR:
      return survival->hazard_ratio;
    case COL_HR_CI_LOW:
      return survival->hr_ci_low;
    case COL_HR_CI_HIGH:
      return survival->hr_ci_high;
    default:
      g_assert_not_reached ();
    }
}

static double
efficacy_value (const PdxCohortSummary *summary, guint arm, guint column)
{
  const PdxArmEfficacy *efficacy;

  if (summary->efficacy == NULL || arm >= summary->efficacy->len)
    return NAN;
  efficacy = g_ptr_array_index (summary->efficacy, arm);
  switch (column)
    {
    case COL_EFFICACY_DAY:
      return efficacy->day;
    case COL_TGI:
      return efficacy->tgi_percent;
    case COL_TC:
      return efficacy->tc_percent;
    default:
      g_assert_not_reached ();
    }
}

static double
response_value (const PdxCohortSummary *summary, guint arm, guint column)
{
  const PdxArmResponseSummary *response = g_ptr_array_index (summary->arm_responses, arm);

  switch (column)
    {
    case COL_N:
      return count_value (response->n);
    case COL_EXCLUDED:
      return count_value (response->n_excluded);
    case COL_CR:
      return count_value (response->mrecist_count[PDX_MRECIST_CR]);
    case COL_PR:
      return count_value (response->mrecist_count[PDX_MRECIST_PR]);
    case COL_SD:
      return count_value (response->mrecist_count[PDX_MRECIST_SD]);
    case COL_PD:
      return count_value (response->mrecist_count[PDX_MRECIST_PD]);
    case COL_NOT_EVALUABLE:
      return count_value (response->mrecist_count[PDX_MRECIST_NOT_EVALUABLE]);
    case COL_MEDIAN_BR:
      return response->median_best_response;
    /* "Ever lost >= 15 %" includes those that went on to lose >= 20 %. */
    case COL_WEIGHT_15:
      return count_value (response->n_weight_warning + response->n_weight_humane);
    case COL_WEIGHT_20:
      return count_value (response->n_weight_humane);
    default:
      g_assert_not_reached ();
    }
}

double
pdx_cohort_summary_get_value (const PdxCohortSummary *summary,
                              guint                   arm,
                              guint                   column,
                              const char            **text)
{
  g_return_val_if_fail (summary != NULL && arm < summary->data->n_arms, NAN);
  g_return_val_if_fail (column < N_COLUMNS, NAN);

  if (text)
    *text = NULL;
  switch ((SummaryColumnId) column)
    {
    case COL_ARM:
      if (text)
        *text = summary->data->arms[arm].name;
      return NAN;
    case COL_CONTROL:
      return summary->data->arms[arm].is_control ? 1 : 0;
    case COL_ALIVE:
      return count_value (summary->n_alive[arm]);
    case COL_EFFICACY_DAY:
    case COL_TGI:
    case COL_TC:
      return efficacy_value (summary, arm, column);
    case COL_EVENTS:
    case COL_CENSORED:
    case COL_OPEN:
    case COL_MEDIAN_SURVIVAL:
    case COL_MEDIAN_CI_LOW:
    case COL_MEDIAN_CI_HIGH:
    case COL_ILS:
    case COL_LOGRANK_P:
    case COL_HR:
    case COL_HR_CI_LOW:
    case COL_HR_CI_HIGH:
      return survival_value (summary, arm, column);
    default:
      return response_value (summary, arm, column);
    }
}

/* ---- CSV --------------------------------------------------------------------------------- */

gboolean
pdx_export_summary_csv (
    PdxDb *db, gint64 study_id, const char *path, const PdxExportOptions *options, GError **error)
{
  g_auto (PdxCLocale) c_locale = { pdx_i18n_use_c_locale () };
  g_autoptr (PdxCohortSummary) summary = NULL;
  g_autoptr (GString) out = g_string_new (NULL);
  const char *fields[N_COLUMNS + 1];

  g_return_val_if_fail (path != NULL, FALSE);
  summary = pdx_cohort_summary_new (db, study_id, options, error);
  if (summary == NULL)
    return FALSE;

  fields[0] = "study";
  for (guint c = 0; c < N_COLUMNS; c++)
    fields[c + 1] = columns[c].key;
  pdx_output_csv_write_record (out, fields, N_COLUMNS + 1);

  for (guint arm = 0; arm < summary->data->n_arms; arm++)
    {
      g_autoptr (GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);

      fields[0] = summary->data->code;
      for (guint c = 0; c < N_COLUMNS; c++)
        {
          const char *text;
          double      value = pdx_cohort_summary_get_value (summary, arm, c, &text);
          if (columns[c].kind == PDX_SUMMARY_TEXT)
            fields[c + 1] = text;
          else
            {
              char *number = pdx_format_number (value);
              g_ptr_array_add (owned, number);
              fields[c + 1] = number;
            }
        }
      pdx_output_csv_write_record (out, fields, N_COLUMNS + 1);
    }
  /* The seal after the table: a paper trail of the lab's history as it was (issue 12). */
  if (!pdx_export_append_seal_line (db, out, error))
    return FALSE;
  /* Arm names are the lab's text: written so that no spreadsheet runs them (pdx-output.h). */
  return pdx_output_set_contents (path, out->str, out->len, error);
}
