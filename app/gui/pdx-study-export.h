/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-study-export.h — a study's exports from the app: cohort summary (CSV, XLSX), measurements
 * (CSV) and the PDF report, written in a worker thread. */
#pragma once

#include <gtk/gtk.h>

#include "pdx-lab.h"

G_BEGIN_DECLS

typedef enum
{
  PDX_STUDY_EXPORT_SUMMARY_CSV,
  PDX_STUDY_EXPORT_SUMMARY_XLSX,
  PDX_STUDY_EXPORT_MEASUREMENTS_CSV,
  PDX_STUDY_EXPORT_REPORT_PDF,
} PdxStudyExportKind;

/* "summary-csv", "summary-xlsx", "measurements-csv", "report-pdf" (the action's parameter). */
gboolean pdx_study_export_kind_from_string (const char *text, PdxStudyExportKind *kind);
/* The file name offered in the chooser, e.g. "ICR-017-A-report.pdf". Owned. */
char *pdx_study_export_suggest_name (const char *study_code, PdxStudyExportKind kind);

/* Writes export @kind of study @study_id to @path in a thread, on a read-only connection of its
 * own to @lab's file (the UI's connection is never used off the main thread). */
void     pdx_study_export_write_async (PdxLab             *lab,
                                       gint64              study_id,
                                       PdxStudyExportKind  kind,
                                       const char         *path,
                                       GCancellable       *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer            user_data);
gboolean pdx_study_export_write_finish (GAsyncResult *result, GError **error);

/* Asks for a file (GtkFileChooserNative on @parent's window), writes, and reports the outcome
 * through the "win.toast" action of @parent. */
void
pdx_study_export_run (GtkWidget *parent, PdxLab *lab, gint64 study_id, PdxStudyExportKind kind);

G_END_DECLS
