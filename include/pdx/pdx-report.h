/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-report.h — the PDF study report of SPEC §6: metadata, arms and agents, the cohort summary,
 * every chart and the methods, on numbered A4 pages. */
#pragma once

#include <glib.h>

#include "pdx-db.h"
#include "pdx-export.h"

G_BEGIN_DECLS

/* Writes the report of study @study_id to @path as PDF, atomically (temp file + rename).
 * @options (NULL for the defaults) sets the day of TGI% and T/C% as in the summary exports.
 * Errors: storage errors (PDX_DB_ERROR), a failed analysis (PDX_ANALYSIS_ERROR), a chart that
 * cannot be drawn (PDX_CHART_ERROR) or a file that cannot be written (G_IO_ERROR). Safe to call
 * from a worker thread with its own PdxDb. */
gboolean pdx_report_write_pdf (
    PdxDb *db, gint64 study_id, const char *path, const PdxExportOptions *options, GError **error);

/* The audit entries @filter selects (as pdx_audit_list; NULL: all; its limit counts entries),
 * newest first, up to the seal read when it starts, as a PDF listing for an inspector: landscape
 * A4, one block per entry with one row per changed field (the columns of pdx_export_audit_csv,
 * the time local with its zone, old and new as "old → new", the hash's first 12 digits), long
 * values wrapped; a header naming the lab, the selection and when it was made; the seal in full
 * and "Page N of M" on every page. Streamed (one page in memory), written whole or not at all.
 * Errors as pdx_audit_list (a bad filter), PDX_DB_ERROR, G_IO_ERROR. */
gboolean pdx_report_write_audit_pdf (PdxDb                *db,
                                     const PdxAuditFilter *filter,
                                     const char           *path,
                                     GError              **error);

G_END_DECLS
