/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-report-summary.c — the report's tables of results: the cohort summary (response and
 * survival), the pairwise log-rank tests and the per-mouse results. Values are the analysis
 * module's, as collected in PdxCohortSummary; this file only formats them. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include <math.h>
#include <string.h>

#include "pdx-report-private.h"
#include "pdx/pdx-format.h"
#include "pdx/pdx-analysis.h"
#include "pdx/pdx-model.h"

static guint
column_index (const char *key)
{
  guint                   n_columns;
  const PdxSummaryColumn *columns = pdx_summary_get_columns (&n_columns);

  for (guint c = 0; c < n_columns; c++)
    if (g_str_equal (columns[c].key, key))
      return c;
  g_assert_not_reached ();
}

/* @text (markup-escaped) as a sentence: a full stop added where it lacks one. */
static char *
escape_sentence (const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text ? text : "", -1);
  gsize            len = strlen (escaped);

  if (len > 0 && !strchr (".!?", escaped[len - 1]))
    return g_strconcat (escaped, ".", NULL);
  return g_steal_pointer (&escaped);
}

/* Whole numbers without decimals, else one. */
static char *
format_day (double value)
{
  return pdx_report_format_number (value, fabs (value - round (value)) < 1e-9 ? 0 : 1);
}

/* Formats summary column @key of @arm as the report prints it. */
static char *
format_cell (PdxReportContext *ctx, guint arm, const char *key)
{
  guint                   n_columns;
  const PdxSummaryColumn *columns = pdx_summary_get_columns (&n_columns);
  guint                   c = column_index (key);
  const char             *text = NULL;
  double                  value = pdx_cohort_summary_get_value (ctx->summary, arm, c, &text);

  switch (columns[c].kind)
    {
    case PDX_SUMMARY_TEXT:
      return g_strdup (text ? text : "");
    case PDX_SUMMARY_FLAG:
      return g_strdup (value > 0 ? _ ("yes") : "");
    case PDX_SUMMARY_COUNT:
      return pdx_report_format_number (value, 0);
    case PDX_SUMMARY_DAY:
      return format_day (value);
    case PDX_SUMMARY_PERCENT:
      return pdx_report_format_number (value, 1);
    case PDX_SUMMARY_RATIO:
      return pdx_report_format_number (value, 2);
    case PDX_SUMMARY_P_VALUE:
      return pdx_report_format_p (value);
    default:
      g_assert_not_reached ();
    }
}

static PdxReportTable *
summary_table (PdxReportContext *ctx, const char *const *keys, guint n_keys)
{
  guint                   n_columns;
  const PdxSummaryColumn *columns = pdx_summary_get_columns (&n_columns);
  PdxReportTable         *table = pdx_report_table_new (n_keys);
  const PdxStudyData     *data = ctx->summary->data;

  for (guint k = 0; k < n_keys; k++)
    pdx_report_table_set_column (table, k, _ (columns[column_index (keys[k])].short_title),
                                 k == 0 ? PDX_REPORT_ALIGN_LEFT : PDX_REPORT_ALIGN_RIGHT);
  for (guint arm = 0; arm < data->n_arms; arm++)
    {
      g_auto (GStrv) cells = g_new0 (char *, n_keys + 1);
      for (guint k = 0; k < n_keys; k++)
        cells[k] = format_cell (ctx, arm, keys[k]);
      pdx_report_table_add_row (table, (const char *const *) cells, ctx->arm_colours[arm]);
    }
  return table;
}

/* "low–high" of a confidence interval; the upper limit may be "not reached" for a median. */
static char *
format_interval (double low, double high, double estimate, int decimals, gboolean median)
{
  g_autofree char *a = NULL, *b = NULL;

  if (isnan (estimate))
    return g_strdup ("—");
  a = pdx_report_format_number (low, decimals);
  b = median && isnan (high) ? g_strdup (C_ ("median survival not reached", "NR"))
                             : pdx_report_format_number (high, decimals);
  return g_strdup_printf ("%s–%s", a, b);
}

static void
add_survival_row (PdxReportContext *ctx, PdxReportTable *table, guint a)
{
  const PdxArmSurvival *s = &ctx->summary->survival->arms[a];
  g_autofree char      *events = g_strdup_printf ("%u", s->events);
  g_autofree char      *censored = g_strdup_printf ("%u", s->censored);
  g_autofree char      *open = g_strdup_printf ("%u", s->n_open);
  g_autofree char      *median = isnan (s->median) && s->n > 0
                                     ? g_strdup (C_ ("median survival not reached", "NR"))
                                     : format_day (s->median);
  g_autofree char      *median_ci =
      format_interval (s->median_ci_low, s->median_ci_high, s->median, 0, TRUE);
  g_autofree char *ils = pdx_report_format_number (s->ils_percent, 1);
  g_autofree char *p = pdx_report_format_p (s->logrank_p);
  g_autofree char *hr = pdx_report_format_number (s->hazard_ratio, 2);
  g_autofree char *hr_ci = format_interval (s->hr_ci_low, s->hr_ci_high, s->hazard_ratio, 2, FALSE);
  const char      *cells[] = {
         ctx->summary->data->arms[a].name, events, censored, open, median, median_ci, ils, p, hr, hr_ci
  };

  if (s->is_control)
    {
      cells[6] = cells[7] = cells[9] = "";
      cells[8] = _ ("reference");
    }
  pdx_report_table_add_row (table, cells, ctx->arm_colours[a]);
}

static void
add_survival_table (PdxReportContext *ctx)
{
  static const char *titles[] = { N_ ("Arm"),
                                  N_ ("Events"),
                                  N_ ("Censored"),
                                  N_ ("No endpoint yet"),
                                  N_ ("Median survival (days)"),
                                  /* xgettext:no-c-format */ N_ ("95% CI"),
                                  N_ ("ILS (%)"),
                                  N_ ("Log-rank p"),
                                  N_ ("HR"),
                                  /* xgettext:no-c-format */ N_ ("HR 95% CI") };
  g_autoptr (PdxReportTable) table = pdx_report_table_new (G_N_ELEMENTS (titles));
  const PdxSurvival *survival = ctx->summary->survival;

  pdx_report_doc_heading (ctx->doc, _ ("Survival"), 60);
  if (survival == NULL)
    {
      g_autofree char *escaped = escape_sentence (ctx->summary->survival_note);
      g_autofree char *text = g_strdup_printf (_ ("Survival is not computed: %s"), escaped);
      pdx_report_doc_paragraph (ctx->doc, text, FALSE);
      return;
    }
  for (guint c = 0; c < G_N_ELEMENTS (titles); c++)
    pdx_report_table_set_column (table, c, _ (titles[c]),
                                 c == 0 ? PDX_REPORT_ALIGN_LEFT : PDX_REPORT_ALIGN_RIGHT);
  for (guint a = 0; a < survival->n_arms; a++)
    add_survival_row (ctx, table, a);
  pdx_report_doc_table (ctx->doc, table);
  {
    g_autofree char *open =
        survival->n_open == 0
            ? g_strdup (_ ("Every mouse has an endpoint."))
            : g_strdup_printf (
                  g_dngettext (GETTEXT_PACKAGE,
                               "%u mouse has no endpoint yet and is censored at the last "
                               "recorded observation.",
                               "%u mice have no endpoint yet and are censored at the last "
                               "recorded observation.",
                               survival->n_open),
                  survival->n_open);
    g_autofree char *text = g_strdup_printf (
        _ ("Survival is counted from the implant date. Events are deaths and humane endpoints; end "
           "of study is censored. %s NR: not reached. ILS, log-rank p and the hazard ratio (Cox, "
           "Efron ties) compare each arm with the control (the reference)."),
        open);
    pdx_report_doc_paragraph (ctx->doc, text, TRUE);
  }
}

void
pdx_report_add_summary (PdxReportContext *ctx)
{
  static const char *const response_keys[] = {
    "arm",
    "n_mice",
    "n_excluded",
    "n_alive",
    "n_mrecist_cr",
    "n_mrecist_pr",
    "n_mrecist_sd",
    "n_mrecist_pd",
    "n_mrecist_not_evaluable",
    "median_best_response_percent",
    "tgi_tc_day",
    "tgi_percent",
    "tc_percent",
    "n_weight_loss_15_percent",
    "n_weight_loss_20_percent",
  };
  g_autoptr (PdxReportTable) response = NULL;
  const PdxCohortSummary *summary = ctx->summary;
  g_autofree char        *note = NULL;

  pdx_report_doc_heading (ctx->doc, _ ("Cohort summary: response"), 60);
  if (summary->data->n_arms == 0)
    {
      pdx_report_doc_paragraph (ctx->doc, _ ("No arm: nothing to summarise."), FALSE);
      return;
    }
  response = summary_table (ctx, response_keys, G_N_ELEMENTS (response_keys));
  pdx_report_doc_table (ctx->doc, response);
  if (summary->efficacy_note)
    {
      g_autofree char *escaped = escape_sentence (summary->efficacy_note);
      note = g_strdup_printf (_ ("TGI and T/C are not computed: %s "), escaped);
    }
  else if (isnan (summary->options.day))
    note = g_strdup (_ ("TGI and T/C are at the day shown: the last day on which both the arm's "
                        "and the control's growth curves are plotted. "));
  else
    note = g_strdup (_ ("TGI and T/C are at the day asked for. "));
  {
    g_autofree char *text = g_strconcat (
        /* xgettext:no-c-format */ _ (
            "n: mice not excluded. Alive: mice without a death or humane endpoint. CR/PR/SD/PD: "
            "mRECIST classes; NE: not evaluable (fewer than two measurements from day 10). Median "
            "BR: "
            "median best response of the evaluable mice. Weight loss: mice that ever lost at least "
            "15 % or 20 % of their day-0 weight. "),
        note, _ ("—: not defined."), NULL);
    pdx_report_doc_paragraph (ctx->doc, text, TRUE);
  }
  add_survival_table (ctx);
}

void
pdx_report_add_survival_pairs (PdxReportContext *ctx)
{
  const PdxSurvival *survival = ctx->summary->survival;
  static const char *titles[] = { N_ ("Arm"), N_ ("versus"), N_ ("χ² (1 df)"), "p",
                                  N_ ("p (Holm)") };
  g_autoptr (PdxReportTable) table = NULL;

  if (survival == NULL || survival->n_pairs == 0)
    return;
  table = pdx_report_table_new (G_N_ELEMENTS (titles));
  for (guint c = 0; c < G_N_ELEMENTS (titles); c++)
    pdx_report_table_set_column (table, c, _ (titles[c]),
                                 c < 2 ? PDX_REPORT_ALIGN_LEFT : PDX_REPORT_ALIGN_RIGHT);
  for (guint i = 0; i < survival->n_pairs; i++)
    {
      const PdxLogrankPair *pair = &survival->pairs[i];
      g_autofree char      *chisq = pdx_report_format_number (pair->chisq, 2);
      g_autofree char      *p = pdx_report_format_p (pair->p);
      g_autofree char      *holm = pdx_report_format_p (pair->p_holm);
      const char           *cells[] = { ctx->summary->data->arms[pair->arm_a].name,
                                        ctx->summary->data->arms[pair->arm_b].name, chisq, p, holm };
      pdx_report_table_add_row (table, cells, ctx->arm_colours[pair->arm_a]);
    }
  pdx_report_doc_heading (ctx->doc, _ ("Pairwise log-rank tests"), 60);
  pdx_report_doc_table (ctx->doc, table);
  pdx_report_doc_paragraph (ctx->doc,
                            _ ("Each pair of arms compared by the log-rank test; p-values "
                               "adjusted for the number of pairs by Holm's step-down method."),
                            TRUE);
}

/* A readout value: BLI flux in scientific notation ("1.2 × 10⁶"), volumes with one decimal. */
static char *
format_readout (double value, PdxReadout readout)
{
  static const char *superscript[] = { "⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹" };
  g_autoptr (GString) out = NULL;
  g_autofree char *digits = NULL, *mantissa = NULL;
  int              exponent;

  if (readout != PDX_READOUT_BLI_FLUX || isnan (value) || value <= 0)
    return pdx_report_format_number (value, 1);
  exponent = (int) floor (log10 (value));
  if (value / pow (10, exponent) >= 9.95)
    exponent++;
  out = g_string_new (NULL);
  mantissa = pdx_format_value (value / pow (10, exponent), 1);
  g_string_append_printf (out, "%s × 10", mantissa);
  digits = g_strdup_printf ("%d", exponent);
  for (const char *d = digits; *d; d++)
    g_string_append (out, *d == '-' ? "⁻" : superscript[*d - '0']);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Endpoint kinds in a narrow table column. */
static const char *
endpoint_short_label (PdxEndpointKind kind)
{
  switch (kind)
    {
    case PDX_ENDPOINT_FOUND_DEAD:
      return _ ("found dead");
    case PDX_ENDPOINT_HUMANE_NEURO:
      return _ ("humane, neuro signs");
    case PDX_ENDPOINT_HUMANE_WEIGHT:
      return _ ("humane, weight loss");
    case PDX_ENDPOINT_END_OF_STUDY:
      return _ ("end of study");
    case PDX_ENDPOINT_OTHER:
    default:
      return _ ("other");
    }
}

static void
add_mouse_row (PdxReportContext *ctx, PdxReportTable *table, guint i)
{
  const PdxStudyData   *data = ctx->summary->data;
  const PdxStudyMouse  *m = &data->mice[i];
  const PdxResponse    *r = g_ptr_array_index (ctx->summary->responses, i);
  const PdxMouseWeight *w = g_ptr_array_index (ctx->summary->weights, i);
  g_autofree char      *baseline = format_readout (r->baseline_value, data->readout);
  g_autofree char      *br = pdx_report_format_number (r->best_response, 1);
  g_autofree char      *br_day = format_day (r->best_response_day);
  g_autofree char      *bar = pdx_report_format_number (r->best_avg_response, 1);
  g_autofree char      *ttd = pdx_report_format_number (r->time_to_double, 1);
  g_autofree char      *survival = format_day (m->survival_days);
  g_autofree char      *loss = w->excluded || isnan (w->reference_day)
                                   ? g_strdup ("—")
                                   : pdx_report_format_number (w->max_loss_percent, 1);
  g_autofree char      *status = NULL;

  if (m->excluded)
    status = g_strdup_printf (_ ("excluded: %s"), m->exclusion_reason ? m->exclusion_reason : "");
  else if (m->has_endpoint)
    status = g_strdup (endpoint_short_label (m->endpoint_kind));
  else
    status = g_strdup (_ ("none yet (censored)"));
  {
    const char *mrecist =
        r->mrecist == PDX_MRECIST_NOT_EVALUABLE ? _ ("NE") : pdx_mrecist_to_string (r->mrecist);
    const char *cells[] = { m->tag, baseline, br,       br_day, bar, m->excluded ? "" : mrecist,
                            ttd,    loss,     survival, status };
    pdx_report_table_add_row (table, cells, NULL);
  }
}

void
pdx_report_add_mice (PdxReportContext *ctx)
{
  const PdxStudyData *data = ctx->summary->data;
  g_autofree char    *baseline =
      g_strdup_printf (_ ("Baseline (%s)"), _ (pdx_readout_get_unit (data->readout)));
  const char *titles[] = { N_ ("Mouse"),
                           baseline,
                           N_ ("BR (%)"),
                           N_ ("BR day"),
                           N_ ("BAR (%)"),
                           "mRECIST",
                           N_ ("Time to double (days)"),
                           N_ ("Max weight loss (%)"),
                           N_ ("Survival (days)"),
                           N_ ("Endpoint") };
  g_autoptr (PdxReportTable) table = pdx_report_table_new (G_N_ELEMENTS (titles));

  for (guint c = 0; c < G_N_ELEMENTS (titles); c++)
    pdx_report_table_set_column (table, c, _ (titles[c]),
                                 c == 0 || c == 5 || c == 9 ? PDX_REPORT_ALIGN_LEFT
                                                            : PDX_REPORT_ALIGN_RIGHT);
  for (guint i = 0; i < data->n_mice; i++)
    {
      int arm = data->mice[i].arm;
      /* Mice come ordered by arm, unassigned last: a heading where the arm changes. */
      if (i == 0 || arm != data->mice[i - 1].arm)
        {
          g_autofree char *heading =
              g_strdup_printf ("%s%s", arm >= 0 ? data->arms[arm].name : _ ("Not randomised"),
                               arm >= 0 && data->arms[arm].is_control ? _ (" (control)") : "");
          pdx_report_table_add_group (table, heading, arm >= 0 ? ctx->arm_colours[arm] : NULL);
        }
      add_mouse_row (ctx, table, i);
    }
  pdx_report_doc_new_page (ctx->doc);
  pdx_report_doc_heading (ctx->doc, _ ("Per-mouse results"), 60);
  if (data->n_mice == 0)
    {
      pdx_report_doc_paragraph (ctx->doc, _ ("The study has no mice yet."), FALSE);
      return;
    }
  pdx_report_doc_table (ctx->doc, table);
  pdx_report_doc_paragraph (ctx->doc,
                            _ ("BR: best response; BAR: best average response (see "
                               "Methods). Excluded mice are listed but enter no statistic. "
                               "—: not defined (not evaluable, never reached, or no data)."),
                            TRUE);
}
