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

G_END_DECLS
