/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-study-export.c — a study's exports from the app, in a worker thread with its own
 * read-only connection; the outcome is a toast. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx-study-export.h"

#include "pdx/pdx-report.h"

static const struct
{
  const char *name, *suffix, *title, *done;
} kinds[] = {
  [PDX_STUDY_EXPORT_SUMMARY_CSV] = { "summary-csv", "summary.csv", N_ ("Export Cohort Summary"),
                                     N_ ("Cohort summary saved to %s") },
  [PDX_STUDY_EXPORT_SUMMARY_XLSX] = { "summary-xlsx", "summary.xlsx", N_ ("Export Cohort Summary"),
                                      N_ ("Cohort summary saved to %s") },
  [PDX_STUDY_EXPORT_MEASUREMENTS_CSV] = { "measurements-csv", "measurements.csv",
                                          N_ ("Export Measurements"),
                                          N_ ("Measurements saved to %s") },
  [PDX_STUDY_EXPORT_REPORT_PDF] = { "report-pdf", "report.pdf", N_ ("Export Study Report"),
                                    N_ ("Study report saved to %s") },
};

gboolean
pdx_study_export_kind_from_string (const char *text, PdxStudyExportKind *kind)
{
  for (guint i = 0; text && i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal (text, kinds[i].name))
      {
        *kind = (PdxStudyExportKind) i;
        return TRUE;
      }
  return FALSE;
}

char *
pdx_study_export_suggest_name (const char *study_code, PdxStudyExportKind kind)
{
  g_return_val_if_fail (kind < G_N_ELEMENTS (kinds), NULL);
  return g_strdup_printf ("%s-%s", study_code, kinds[kind].suffix);
}

typedef struct
{
  char              *lab_path;
  char              *path;
  gint64             study_id;
  PdxStudyExportKind kind;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;
  g_free (job->lab_path);
  g_free (job->path);
  g_free (job);
}

static gboolean
write_export (PdxDb *db, const Job *job, GError **error)
{
  switch (job->kind)
    {
    case PDX_STUDY_EXPORT_SUMMARY_CSV:
      return pdx_export_summary_csv (db, job->study_id, job->path, NULL, error);
    case PDX_STUDY_EXPORT_SUMMARY_XLSX:
      return pdx_export_summary_xlsx (db, job->study_id, job->path, NULL, error);
    case PDX_STUDY_EXPORT_MEASUREMENTS_CSV:
      return pdx_export_measurements_csv (db, job->study_id, job->path, error);
    case PDX_STUDY_EXPORT_REPORT_PDF:
      return pdx_report_write_pdf (db, job->study_id, job->path, NULL, error);
    default:
      g_assert_not_reached ();
    }
}

static void
write_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  Job    *job = task_data;
  GError *error = NULL;
  g_autoptr (PdxDb) db = pdx_db_open (job->lab_path, PDX_DB_OPEN_READONLY, &error);

  if (db == NULL || !write_export (db, job, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
pdx_study_export_write_async (PdxLab             *lab,
                              gint64              study_id,
                              PdxStudyExportKind  kind,
                              const char         *path,
                              GCancellable       *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer            user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  Job *job = g_new0 (Job, 1);

  g_return_if_fail (PDX_IS_LAB (lab) && kind < G_N_ELEMENTS (kinds) && path != NULL);
  job->lab_path = g_strdup (pdx_lab_get_path (lab));
  job->path = g_strdup (path);
  job->study_id = study_id;
  job->kind = kind;
  g_task_set_name (task, "pdx_study_export_write_async");
  g_task_set_task_data (task, job, job_free);
  g_task_run_in_thread (task, write_thread);
}

gboolean
pdx_study_export_write_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

typedef struct
{
  GtkWidget         *parent; /* strong */
  PdxLab            *lab;    /* strong */
  gint64             study_id;
  PdxStudyExportKind kind;
  char              *path;
} Run;

static void
run_free (Run *run)
{
  g_object_unref (run->parent);
  g_object_unref (run->lab);
  g_free (run->path);
  g_free (run);
}

static void
written_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Run *run = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;

  if (pdx_study_export_write_finish (result, &error))
    message = g_strdup_printf (_ (kinds[run->kind].done), run->path);
  else
    message = g_strdup_printf (_ ("Not exported: %s"), error->message);
  gtk_widget_activate_action (run->parent, "win.toast", "s", message);
  run_free (run);
}

static void
chooser_response_cb (GtkNativeDialog *chooser, int response, gpointer user_data)
{
  Run *run = user_data;
  g_autoptr (GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  run->path = file ? g_file_get_path (file) : NULL;
  g_object_unref (chooser);
  if (run->path == NULL)
    {
      if (file != NULL)
        gtk_widget_activate_action (run->parent, "win.toast", "s",
                                    _ ("Not exported: choose a folder on this computer"));
      run_free (run);
      return;
    }
  pdx_study_export_write_async (run->lab, run->study_id, run->kind, run->path, NULL, written_cb,
                                run);
}

void
pdx_study_export_run (GtkWidget *parent, PdxLab *lab, gint64 study_id, PdxStudyExportKind kind)
{
  g_autoptr (PdxStudy) study = pdx_study_get (pdx_lab_get_db (lab), study_id, NULL);
  g_autofree char      *suggested = NULL;
  GtkFileChooserNative *chooser;
  Run                  *run;

  if (study == NULL)
    return;
  chooser =
      gtk_file_chooser_native_new (_ (kinds[kind].title), GTK_WINDOW (gtk_widget_get_root (parent)),
                                   GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Export"), _ ("_Cancel"));
  suggested = pdx_study_export_suggest_name (study->code, kind);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  run = g_new0 (Run, 1);
  run->parent = g_object_ref (parent);
  run->lab = g_object_ref (lab);
  run->study_id = study_id;
  run->kind = kind;
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), run);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
