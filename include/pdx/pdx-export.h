/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-export.h — exports of SPEC §6. */
#pragma once

#include <glib.h>

#include "pdx-db.h"
#include "pdx-analysis.h"
#include "pdx-study-data.h"

G_BEGIN_DECLS

/* The long-format CSV of everything recorded for study @study_id: one row per measurement with
 * study, line, arm, mouse, date, day and every value (units in the header), then nothing else.
 * Writes atomically (temp file + rename). */
gboolean pdx_export_measurements_csv (PdxDb *db, gint64 study_id, const char *path, GError **error);

/* The audit entries @filter selects (as pdx_audit_list: NULL all; its limit, if any, counts
 * entries), newest first, as CSV for a reviewer: one row per changed field with the columns seq,
 * time_utc (as stored), operator (the login, "login (display name)" when a name was recorded
 * too), action, table, record (the row's id), study (code), mouse (tag), field, old, new (as
 * SQLite prints the JSON values), reason, hash (of the chain). An update's rows are the fields
 * whose value changed; an insert's the fields set, a delete's those there before; an entry
 * without such fields is one row with the field empty and its raw values. English and C
 * numbers whatever the locale; the footer line "# audit seal N HASH" after the table;
 * written whole or not at all (pdx-output.h); read a page at a time. */
gboolean
pdx_export_audit_csv (PdxDb *db, const PdxAuditFilter *filter, const char *path, GError **error);

/* ---- cohort summary (issue 6) ---------------------------------------------------------------
 * Every number of the summary comes from the analysis module (pdx-analysis.h); the exporters
 * only format it. */

typedef struct
{
  double day; /* day of TGI% and T/C%; NAN: the analysis module's default (per arm, the last
                 day on which both the arm's and the control's curves are plotted) */
} PdxExportOptions;

/* Sets the defaults (day NAN). */
void pdx_export_options_init (PdxExportOptions *options);

/* The analysis results a cohort summary is made of, for one study. Parts that cannot be computed
 * for this study are NULL with a sentence in the matching _note saying why (no control arm, no
 * measurements, no endpoint, …): that is not an error. */
typedef struct
{
  PdxStudyData    *data;
  PdxExportOptions options;
  GPtrArray       *responses;     /* PdxResponse*, data->mice order */
  GPtrArray       *weights;       /* PdxMouseWeight*, data->mice order */
  GPtrArray       *arm_responses; /* PdxArmResponseSummary, data->arms order */
  GPtrArray       *efficacy;      /* PdxArmEfficacy, data->arms order; NULL: see efficacy_note */
  char            *efficacy_note;
  PdxSurvival     *survival; /* NULL: see survival_note */
  char            *survival_note;
  guint           *n_alive; /* [n_arms]: non-excluded mice without an event (death or humane
                               endpoint): still on study or censored at the end of study */
} PdxCohortSummary;

/* Loads study @study_id and runs the analyses of the summary. Fails only when the study cannot
 * be loaded or an analysis fails for a reason other than missing data. */
PdxCohortSummary *pdx_cohort_summary_new (PdxDb                  *db,
                                          gint64                  study_id,
                                          const PdxExportOptions *options,
                                          GError                **error);
void              pdx_cohort_summary_free (PdxCohortSummary *summary);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdxCohortSummary, pdx_cohort_summary_free)

/* The summary's columns, in order, the same in CSV, XLSX and the report. */
typedef enum
{
  PDX_SUMMARY_TEXT,    /* arm name */
  PDX_SUMMARY_FLAG,    /* 1 / 0 */
  PDX_SUMMARY_COUNT,   /* whole number */
  PDX_SUMMARY_DAY,     /* days */
  PDX_SUMMARY_PERCENT, /* percent, one decimal in the report */
  PDX_SUMMARY_RATIO,   /* hazard ratio, two decimals in the report */
  PDX_SUMMARY_P_VALUE,
} PdxSummaryKind;

typedef struct
{
  const char    *key;         /* CSV header with its unit, e.g. "median_survival_days" */
  const char    *title;       /* XLSX header, e.g. "Median survival (days)" */
  const char    *short_title; /* the report's narrow column header */
  PdxSummaryKind kind;
} PdxSummaryColumn;

/* The columns (static) and their number. */
const PdxSummaryColumn *pdx_summary_get_columns (guint *n_columns);
/* The value of column @column for arm @arm: a number (NAN when not defined) or, for TEXT, the
 * text in *@text (borrowed). */
double pdx_cohort_summary_get_value (const PdxCohortSummary *summary,
                                     guint                   arm,
                                     guint                   column,
                                     const char            **text);

/* The cohort summary as CSV (RFC 4180, UTF-8, one header line with units, one row per arm) or
 * XLSX (sheets Summary, Mice, Measurements, Survival; numbers as numbers, dates as dates, header
 * row frozen). @options may be NULL for the defaults. Atomic (temp file + rename). */
gboolean pdx_export_summary_csv (
    PdxDb *db, gint64 study_id, const char *path, const PdxExportOptions *options, GError **error);
gboolean pdx_export_summary_xlsx (
    PdxDb *db, gint64 study_id, const char *path, const PdxExportOptions *options, GError **error);
/* Picks CSV or XLSX from @path's extension (any case); G_IO_ERROR_INVALID_ARGUMENT otherwise. */
gboolean pdx_export_summary (
    PdxDb *db, gint64 study_id, const char *path, const PdxExportOptions *options, GError **error);

G_END_DECLS
