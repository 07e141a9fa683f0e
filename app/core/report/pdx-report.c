/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-report.c — the PDF study report: title block with the study's metadata, arms and agents, then
 * the summary (pdx-report-summary.c), every chart, per-mouse results and the methods
 * (pdx-report-methods.c). */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx/pdx-report.h"
#include "pdx/pdx-audit.h"
#include "pdx/pdx-format.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "pdx-config.h"
#include "pdx-report-private.h"
#include "pdx/pdx-chart.h"
#include "pdx/pdx-model.h"

/* "value" or "value (detail)" from parts that may be NULL. */
static char *
join_nonempty (const char *separator, ...)
{
  GString    *out = g_string_new (NULL);
  va_list     args;
  const char *part;

  va_start (args, separator);
  while ((part = va_arg (args, const char *)) != NULL)
    if (*part)
      {
        if (out->len)
          g_string_append (out, separator);
        g_string_append (out, part);
      }
  va_end (args);
  return g_string_free (out, FALSE);
}

/* The line's patient in the words of a pathology report: "P-017 · HER2 IHC 3+, ISH amplified". */
static char *
describe_patient (PdxDb *db, const PdxLine *line, char **sample_text, GError **error)
{
  g_autoptr (PdxSample) sample = NULL;
  g_autoptr (PdxPatient) patient = NULL;
  g_autofree char *her2 = NULL, *receptors = NULL, *ihc = NULL, *ish = NULL, *collected = NULL;

  *sample_text = NULL;
  if (line == NULL || line->sample_id == 0)
    return g_strdup (_ ("not recorded"));
  sample = pdx_sample_get (db, line->sample_id, error);
  if (sample == NULL)
    return NULL;
  collected = sample->collection_date ? pdx_format_date (sample->collection_date) : NULL;
  *sample_text = join_nonempty (
      ", ", sample->code, sample->sample_type ? pdx_vocab_get_label (sample->sample_type) : "",
      sample->tissue ? sample->tissue : "", collected ? collected : "", NULL);
  patient = pdx_patient_get (db, sample->patient_id, error);
  if (patient == NULL)
    return NULL;
  ihc = g_strdup_printf (_ ("HER2 IHC %s"),
                         patient->her2_ihc ? patient->her2_ihc : _ ("not recorded"));
  ish = g_strdup_printf (_ ("ISH %s"), patient->her2_ish ? pdx_vocab_get_label (patient->her2_ish)
                                                         : _ ("not recorded"));
  her2 = join_nonempty (", ", ihc, ish, NULL);
  if (patient->er || patient->pr)
    receptors =
        g_strdup_printf ("ER %s, PR %s", patient->er ? pdx_vocab_get_label (patient->er) : "?",
                         patient->pr ? pdx_vocab_get_label (patient->pr) : "?");
  return join_nonempty (" · ", patient->code, her2, receptors ? receptors : "", NULL);
}

static char *
describe_line (const PdxLine *line)
{
  g_autofree char *passage = NULL;

  if (line == NULL)
    return g_strdup (_ ("not recorded"));
  if (line->passage >= 0)
    passage = g_strdup_printf (_ ("current passage P%d"), line->passage);
  return join_nonempty (", ", line->code, line->host_strain ? line->host_strain : "",
                        line->luciferase ? _ ("luciferase reporter") : "", passage ? passage : "",
                        line->status ? pdx_vocab_get_label (line->status) : "", NULL);
}

/* First and last measurement day of the study, as days since day 0. */
static void
measured_days (const PdxStudyData *data, double *first, double *last)
{
  *first = *last = NAN;
  for (guint i = 0; i < data->n_mice; i++)
    if (data->mice[i].n > 0)
      {
        double a = data->mice[i].day[0], b = data->mice[i].day[data->mice[i].n - 1];
        *first = isnan (*first) ? a : MIN (*first, a);
        *last = isnan (*last) ? b : MAX (*last, b);
      }
}

static char *
describe_mice (const PdxStudyData *data)
{
  guint randomised = 0, excluded = 0;

  for (guint i = 0; i < data->n_mice; i++)
    {
      randomised += data->mice[i].arm >= 0;
      excluded += data->mice[i].excluded;
    }
  return g_strdup_printf (_ ("%u implanted, %u randomised, %u excluded"), data->n_mice, randomised,
                          excluded);
}

/* The date @day days after ISO date @day0, as people read it (pdx_format_date); NULL when @day0
 * does not parse. */
static char *
date_for_day (const char *day0, double day)
{
  int   y, m, d;
  GDate date;
  char  text[16];

  if (day0 == NULL || isnan (day) || sscanf (day0, "%4d-%2d-%2d", &y, &m, &d) != 3 ||
      !g_date_valid_dmy (d, m, y))
    return NULL;
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, d, m, y);
  if (day >= 0)
    g_date_add_days (&date, (guint) day);
  else
    g_date_subtract_days (&date, (guint) -day);
  g_date_strftime (text, sizeof text, "%Y-%m-%d", &date);
  return pdx_format_date (text);
}

/* "2026-03-13 to 2026-05-08 (day −1 to 55)" */
static char *
describe_range (const PdxStudyData *data, double first, double last)
{
  g_autofree char *a = pdx_report_format_number (first, 0);
  g_autofree char *b = pdx_report_format_number (last, 0);
  g_autofree char *from = date_for_day (data->day0, first);
  g_autofree char *to = date_for_day (data->day0, last);

  if (first == last)
    return g_strdup_printf (_ ("%s (day %s)"), from ? from : "", a);
  return g_strdup_printf (_ ("%s to %s (day %s to %s)"), from ? from : "", to ? to : "", a, b);
}

static char *
describe_days (const PdxStudyData *data)
{
  double first, last;

  measured_days (data, &first, &last);
  if (isnan (first))
    return g_strdup (_ ("no measurement recorded"));
  return describe_range (data, first, last);
}

static char *
describe_implants (const PdxStudyData *data)
{
  double first = NAN, last = NAN;

  for (guint i = 0; i < data->n_mice; i++)
    if (!isnan (data->mice[i].implant_day))
      {
        double day = data->mice[i].implant_day;
        first = isnan (first) ? day : MIN (first, day);
        last = isnan (last) ? day : MAX (last, day);
      }
  if (isnan (first))
    return g_strdup (_ ("not recorded"));
  return describe_range (data, first, last);
}

static gboolean
add_title_block (PdxReportContext *ctx, const PdxStudy *study, GError **error)
{
  const PdxStudyData *data = ctx->summary->data;
  g_autoptr (PdxLine) line = NULL;
  g_autofree char *patient = NULL, *sample = NULL, *line_text = NULL, *implant = NULL;
  g_autofree char *passage = NULL, *mice = NULL, *days = NULL, *subtitle = NULL;
  g_autofree char *implanted = NULL;
  g_autofree char *day0 = study->day0 ? pdx_format_date (study->day0) : NULL;
  g_autofree char *title = g_strdup_printf (_ ("Study report · %s"), study->code);

  if (study->line_id != 0 && (line = pdx_line_get (ctx->db, study->line_id, error)) == NULL)
    return FALSE;
  patient = describe_patient (ctx->db, line, &sample, error);
  if (patient == NULL)
    return FALSE;
  line_text = describe_line (line);
  implant = join_nonempty (
      ", ", study->implant_material ? pdx_vocab_get_label (study->implant_material) : "",
      study->implant_amount ? study->implant_amount : "", NULL);
  passage = study->passage >= 0 ? g_strdup_printf ("P%d", study->passage) : NULL;
  mice = describe_mice (data);
  days = describe_days (data);
  implanted = describe_implants (data);
  {
    const char *pairs[] = {
      _ ("Line"),
      line_text,
      _ ("Patient"),
      patient,
      _ ("Sample"),
      sample,
      _ ("Alterations"),
      line ? line->alterations : NULL,
      _ ("Passage used"),
      passage,
      _ ("Implant site"),
      pdx_vocab_get_label (study->implant_site),
      _ ("Implant material"),
      implant,
      _ ("Primary readout"),
      _ (pdx_readout_get_label (study->readout)),
      _ ("Day 0"),
      day0,
      _ ("Implanted"),
      implanted,
      _ ("Measured"),
      days,
      _ ("Mice"),
      mice,
      _ ("Protocol"),
      study->protocol,
      _ ("Investigator"),
      study->investigator,
      _ ("Status"),
      pdx_vocab_get_label (study->status),
    };
    subtitle = g_strdup (study->title ? study->title : "");
    pdx_report_doc_title (ctx->doc, title, subtitle);
    pdx_report_doc_fields (ctx->doc, pairs, G_N_ELEMENTS (pairs) / 2);
  }
  if (study->notes && *study->notes)
    {
      g_autofree char *escaped = g_markup_escape_text (study->notes, -1);
      g_autofree char *markup = g_strdup_printf (_ ("<b>Notes.</b> %s"), escaped);
      pdx_report_doc_paragraph (ctx->doc, markup, FALSE);
    }
  return TRUE;
}

static char *
describe_days_range (int first, int last)
{
  if (first < 0 && last < 0)
    return g_strdup ("");
  if (last < 0)
    return g_strdup_printf (_ ("from day %d"), first);
  if (first < 0)
    return g_strdup_printf (_ ("to day %d"), last);
  return g_strdup_printf ("%d–%d", first, last);
}

static void
add_arms_table (PdxReportContext *ctx)
{
  const PdxStudyData *data = ctx->summary->data;
  static const char  *titles[] = { N_ ("Arm"),  N_ ("Role"),  N_ ("Mice"),     N_ ("Agent"),
                                   N_ ("Dose"), N_ ("Route"), N_ ("Schedule"), N_ ("Days") };
  g_autoptr (PdxReportTable) table = pdx_report_table_new (G_N_ELEMENTS (titles));

  for (guint c = 0; c < G_N_ELEMENTS (titles); c++)
    pdx_report_table_set_column (table, c, _ (titles[c]),
                                 c == 2 ? PDX_REPORT_ALIGN_RIGHT : PDX_REPORT_ALIGN_LEFT);
  for (guint a = 0; a < data->n_arms; a++)
    {
      const PdxStudyArm *arm = &data->arms[a];
      g_autoptr (GString) drugs = g_string_new (NULL), doses = g_string_new (NULL);
      g_autoptr (GString) routes = g_string_new (NULL), schedules = g_string_new (NULL);
      g_autoptr (GString) days = g_string_new (NULL);
      g_autofree char *mice = g_strdup_printf (
          "%u", ((PdxArmResponseSummary *) g_ptr_array_index (ctx->summary->arm_responses, a))->n);

      for (guint g = 0; g < arm->n_agents; g++)
        {
          const PdxStudyAgent *agent = &arm->agents[g];
          g_autofree char     *amount = isnan (agent->dose) ? NULL : pdx_format_short (agent->dose);
          g_autofree char     *dose =
              amount == NULL ? g_strdup ("")
                                 : g_strdup_printf ("%s %s", amount, agent->unit ? agent->unit : "");
          g_autofree char *range = describe_days_range (agent->first_day, agent->last_day);
          const char      *sep = g > 0 ? "\n" : "";
          g_string_append_printf (drugs, "%s%s", sep, agent->drug);
          g_string_append_printf (doses, "%s%s", sep, dose);
          g_string_append_printf (routes, "%s%s", sep, agent->route ? agent->route : "");
          g_string_append_printf (schedules, "%s%s", sep, agent->schedule ? agent->schedule : "");
          g_string_append_printf (days, "%s%s", sep, range);
        }
      {
        const char *cells[] = { arm->name,      arm->is_control ? _ ("Control") : _ ("Treatment"),
                                mice,           arm->n_agents ? drugs->str : _ ("none"),
                                doses->str,     routes->str,
                                schedules->str, days->str };
        pdx_report_table_add_row (table, cells, ctx->arm_colours[a]);
      }
    }
  pdx_report_doc_heading (ctx->doc, _ ("Arms and agents"), 40);
  if (data->n_arms == 0)
    pdx_report_doc_paragraph (ctx->doc, _ ("The study has no arms yet."), FALSE);
  else
    pdx_report_doc_table (ctx->doc, table);
  if (!isnan (data->treatment_first_day))
    {
      g_autofree char *text = g_strdup_printf (
          _ ("Mice per arm exclude excluded mice. Treatment window (shaded on the charts): day %g "
             "to day %g."),
          data->treatment_first_day, data->treatment_last_day);
      pdx_report_doc_paragraph (ctx->doc, text, TRUE);
    }
}

/* ---- charts ------------------------------------------------------------------------------ */

static gboolean
draw_chart_cb (cairo_t *cr, double width, double height, gpointer user_data, GError **error)
{
  pdx_chart_draw (user_data, cr, width, height, 72);
  return TRUE;
}

static const char *
chart_caption (PdxChartKind kind)
{
  switch (kind)
    {
    case PDX_CHART_GROWTH:
      return _ ("arm mean ± SEM of the primary readout against study day; each curve stops at the "
                "last day on which at least half of the arm's starting mice are measured.");
    case PDX_CHART_SPIDER:
      return _ ("every mouse's primary readout against study day, coloured by arm.");
    case PDX_CHART_WATERFALL:
      return _ ("best response (BR, %ΔV) of every evaluable mouse, sorted; dashed guides at the "
                "mRECIST cut-offs +35 % and −50 %.");
    case PDX_CHART_SURVIVAL:
      return _ (
          "Kaplan–Meier survival from implant per arm, with censoring ticks and the number at "
          "risk.");
    case PDX_CHART_WEIGHT:
      return /* xgettext:no-c-format */ _ (
          "body weight, arm mean ± SEM of the % change from the day-0 weight.");
    default:
      return "";
    }
}

static gboolean
add_chart (PdxReportContext *ctx, PdxChartKind kind, GError **error)
{
  PdxChartOptions options;
  g_autoptr (PdxChart) chart = NULL;
  g_autofree char *caption = NULL;
  g_autofree char *extra = NULL;
  /* The Kaplan–Meier chart carries its number-at-risk table under the plot: give it room. */
  double height =
      pdx_report_doc_get_content_width (ctx->doc) * (kind == PDX_CHART_SURVIVAL ? 0.72 : 0.58);

  pdx_chart_options_init (&options, kind, ctx->summary->data);
  options.show_title = FALSE;
  chart = pdx_chart_new (ctx->summary->data, &options, error);
  if (chart == NULL)
    return FALSE;
  if (kind == PDX_CHART_SURVIVAL && ctx->summary->survival && ctx->summary->survival->n_open > 0)
    extra = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          " %u mouse has no endpoint yet and is censored at the "
                                          "last recorded observation.",
                                          " %u mice have no endpoint yet and are censored at the "
                                          "last recorded observation.",
                                          ctx->summary->survival->n_open),
                             ctx->summary->survival->n_open);
  caption =
      g_strdup_printf (_ ("<b>Figure %u. %s</b>: %s%s"), ++ctx->n_figures,
                       pdx_chart_kind_get_label (kind), chart_caption (kind), extra ? extra : "");
  return pdx_report_doc_figure (ctx->doc, height, caption, draw_chart_cb, chart, error);
}

static gboolean
add_charts (PdxReportContext *ctx, GError **error)
{
  static const PdxChartKind kinds[] = { PDX_CHART_GROWTH, PDX_CHART_SPIDER, PDX_CHART_WATERFALL,
                                        PDX_CHART_SURVIVAL, PDX_CHART_WEIGHT };

  pdx_report_doc_new_page (ctx->doc);
  pdx_report_doc_heading (ctx->doc, _ ("Charts"),
                          pdx_report_doc_get_content_width (ctx->doc) * 0.6);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (!add_chart (ctx, kinds[i], error))
      return FALSE;
  return TRUE;
}

/* The measurements excluded from analysis (issue 13), like the excluded mice: which, when and
 * why; nothing when there are none. */
static void
add_excluded_measurements (PdxReportContext *ctx)
{
  static const char  *titles[] = { N_ ("Mouse"), N_ ("Date"), N_ ("Day"), N_ ("Reason") };
  const PdxStudyData *data = ctx->summary->data;
  g_autoptr (PdxReportTable) table = NULL;

  if (data->n_excluded_measurements == 0)
    return;
  table = pdx_report_table_new (G_N_ELEMENTS (titles));
  for (guint c = 0; c < G_N_ELEMENTS (titles); c++)
    pdx_report_table_set_column (table, c, _ (titles[c]),
                                 c == 2 ? PDX_REPORT_ALIGN_RIGHT : PDX_REPORT_ALIGN_LEFT);
  for (guint i = 0; i < data->n_excluded_measurements; i++)
    {
      const PdxStudyExcludedMeasurement *x = &data->excluded_measurements[i];
      g_autofree char                   *date = pdx_format_date (x->date);
      g_autofree char                   *day = g_strdup_printf ("%g", x->day);
      const char                        *cells[] = { x->tag, date, day, x->reason };
      pdx_report_table_add_row (table, cells, NULL);
    }
  pdx_report_doc_heading (ctx->doc, _ ("Excluded measurements"), 40);
  pdx_report_doc_paragraph (ctx->doc,
                            _ ("Kept in the lab and in the measurements export, but left out of "
                               "every metric, chart and statistic of this report; survival still "
                               "counts the mouse as seen that day."),
                            TRUE);
  pdx_report_doc_table (ctx->doc, table);
}

/* ---- the report -------------------------------------------------------------------------- */

static gboolean
build_report (PdxReportContext *ctx, const PdxStudy *study, GError **error)
{
  if (!add_title_block (ctx, study, error))
    return FALSE;
  add_arms_table (ctx);
  pdx_report_add_summary (ctx);
  if (!add_charts (ctx, error))
    return FALSE;
  pdx_report_add_survival_pairs (ctx);
  pdx_report_add_growth_model (ctx);
  pdx_report_add_mice (ctx);
  add_excluded_measurements (ctx);
  pdx_report_add_methods (ctx);
  return pdx_report_add_signatures (ctx, study->id, error);
}

/* Every page's footer carries the lab's audit seal, in full (issue 12, "Seals outside the
 * file"): "Audit seal: entry N, SHA-256 HASH". */
static gboolean
set_seal_note (PdxReportDoc *doc, PdxDb *db, GError **error)
{
  PdxAuditSeal seal;

  if (!pdx_audit_get_seal (db, &seal, error))
    return FALSE;
  pdx_report_doc_set_seal (doc, seal.seq, seal.hash);
  return TRUE;
}

gboolean
pdx_report_write_pdf (
    PdxDb *db, gint64 study_id, const char *path, const PdxExportOptions *options, GError **error)
{
  g_autoptr (PdxStudy) study = NULL;
  g_autoptr (PdxCohortSummary) summary = NULL;
  g_autoptr (PdxReportDoc) doc = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *footer = NULL, *center = NULL, *subject = NULL, *generated = NULL;
  g_autofree char *now_text = NULL;
  g_auto (GStrv) colours = NULL;
  PdxReportContext ctx = { 0 };

  g_return_val_if_fail (db != NULL && path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  study = pdx_study_get (db, study_id, error);
  if (study == NULL)
    return FALSE;
  summary = pdx_cohort_summary_new (db, study_id, options, error);
  if (summary == NULL)
    return FALSE;
  now_text = pdx_format_date_time (now);
  /* Translators: after "pdxtrack VERSION · "; the date and time the report was made. */
  generated = g_strdup_printf (_ ("generated %s"), now_text);
  footer = g_strconcat ("pdxtrack " PDX_VERSION " · ", generated, NULL);
  center = g_strdup_printf (_ ("Study %s"), study->code);
  doc = pdx_report_doc_new (footer, center);
  if (!set_seal_note (doc, db, error))
    return FALSE;
  colours = pdx_chart_dup_arm_colours (summary->data, FALSE);
  ctx = (PdxReportContext){ .doc = doc, .db = db, .summary = summary, .arm_colours = colours };
  if (!build_report (&ctx, study, error))
    return FALSE;
  subject = g_strdup_printf ("PDX study %s%s%s", study->code, study->title ? ": " : "",
                             study->title ? study->title : "");
  return pdx_report_doc_write_pdf (doc, path, center, subject, error);
}
