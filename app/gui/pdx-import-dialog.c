/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-import-dialog.c — import a CSV (see the header).
 *
 * The importer runs in a GTask thread on a connection of its own; the dialog is modal, so nothing
 * else in the app writes meanwhile. Progress comes back through an idle callback; Cancel sets
 * a GCancellable that the progress callback turns into "stop" (the import then rolls back). */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx-import-dialog.h"

#include <stdio.h>
#include <string.h>

#define PREVIEW_LINES 200
#define PREVIEW_BYTES (256 * 1024)

struct _PdxImportDialog
{
  AdwWindow parent_instance;

  PdxLab         *lab;
  char           *path;
  GtkDropDown    *kind_dropdown;
  GtkLabel       *file_label, *message_label;
  GtkTextView    *preview;
  GtkProgressBar *progress;
  GtkWidget      *import_button, *cancel_button, *choose_button;
  GtkWidget      *unusual_box, *anyway_button;
  GtkListBox     *unusual_list;
  GCancellable   *cancellable;
  guint           error_line;
  guint           n_unusual;      /* values the last run refused as unusual */
  gboolean        accept_unusual; /* the next run stores them (Import Anyway) */
  gboolean        running;
};

enum
{
  FINISHED,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (PdxImportDialog, pdx_import_dialog, ADW_TYPE_WINDOW)

typedef struct
{
  PdxImportDialog *self; /* ref */
  double           fraction;
} ProgressUpdate;

typedef struct
{
  char *lab_path; /* the worker opens its own connection: the window's is not shared
                     with a thread (it is checked for other programs' commits when
                     the window becomes active, which may happen meanwhile) */
  char           *operator_name;
  char           *path;
  PdxImportKind   kind;
  gboolean        accept_unusual;
  GCancellable   *cancellable;
  PdxImportReport report;
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  g_free (job->lab_path);
  g_free (job->operator_name);
  g_free (job->path);
  g_clear_object (&job->cancellable);
  pdx_import_report_clear (&job->report);
  g_free (job);
}

static gboolean
progress_idle (gpointer data)
{
  ProgressUpdate *update = data;

  if (update->self->running)
    gtk_progress_bar_set_fraction (update->self->progress, update->fraction);
  g_object_unref (update->self);
  g_free (update);
  return G_SOURCE_REMOVE;
}

static gboolean
progress_cb (guint64 done, guint64 total, gpointer user_data)
{
  GTask           *task = user_data;
  PdxImportDialog *self = g_task_get_source_object (task);
  ProgressUpdate  *update = g_new0 (ProgressUpdate, 1);

  update->self = g_object_ref (self);
  update->fraction = total > 0 ? (double) done / total : 0;
  g_idle_add (progress_idle, update);
  return !g_cancellable_is_cancelled (g_task_get_cancellable (task));
}

static void
import_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  ImportJob       *job = task_data;
  GError          *error = NULL;
  PdxImportOptions options = { .accept_unusual = job->accept_unusual,
                               .progress = progress_cb,
                               .progress_data = task };
  PdxDb           *db = pdx_db_open (job->lab_path, PDX_DB_OPEN_EXISTING, &error);
  gboolean         ok = db != NULL;

  if (ok)
    {
      pdx_db_set_operator (db, job->operator_name);
      ok = pdx_import_file (db, job->kind, job->path, &options, &job->report, &error);
      /* Not the lab's last connection (the window's stays open and checkpoints, reporting a
       * failure, when the lab is closed). */
      pdx_db_close (db);
    }
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* "FILE:LINE:COLUMN: …" → LINE, 0 when the message does not start so. */
static guint
error_line_of (const char *message, const char *path)
{
  unsigned line = 0, column = 0;
  size_t   n = strlen (path);

  if (strncmp (message, path, n) == 0 && sscanf (message + n, ":%u:%u:", &line, &column) >= 1)
    return line;
  return 0;
}

static void
mark_line (PdxImportDialog *self, guint line)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->preview);
  GtkTextIter    start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag_by_name (buffer, "error", &start, &end);
  self->error_line = line;
  if (line == 0 || line > (guint) gtk_text_buffer_get_line_count (buffer))
    return;
  gtk_text_buffer_get_iter_at_line (buffer, &start, line - 1);
  end = start;
  gtk_text_iter_forward_to_line_end (&end);
  gtk_text_buffer_apply_tag_by_name (buffer, "error", &start, &end);
  gtk_text_view_scroll_to_iter (self->preview, &start, 0.1, FALSE, 0, 0.5);
}

static char *
report_text (const PdxImportReport *report)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out,
                          _ ("Imported %u rows: %u mice added, %u updated; %u measurements "
                             "added, %u updated; %u endpoints."),
                          report->rows, report->mice_created, report->mice_updated,
                          report->measurements_created, report->measurements_updated,
                          report->endpoints_created);
  for (guint i = 0; report->created != NULL && i < report->created->len; i++)
    g_string_append_printf (out, "%s%s", i == 0 ? _ ("\nCreated: ") : ", ",
                            (char *) g_ptr_array_index (report->created, i));
  return g_string_free (out, FALSE);
}

/* The values a run refused as unusual, one row each ("FILE:LINE:COLUMN: …"); hidden when
 * there are none. */
static void
show_unusual (PdxImportDialog *self, const PdxImportReport *report)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->unusual_list))))
    gtk_list_box_remove (self->unusual_list, child);
  self->n_unusual = report ? report->n_unusual : 0;
  for (guint i = 0; report && report->unusual && i < report->unusual->len; i++)
    {
      GtkWidget *label = gtk_label_new (g_ptr_array_index (report->unusual, i));
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_list_box_append (self->unusual_list, label);
    }
  if (report && report->unusual && report->n_unusual > report->unusual->len)
    {
      g_autofree char *more =
          g_strdup_printf (_ ("and %u more"), report->n_unusual - report->unusual->len);
      gtk_list_box_append (self->unusual_list, gtk_label_new (more));
    }
  gtk_widget_set_visible (self->unusual_box, self->n_unusual > 0);
}

static void
set_running (PdxImportDialog *self, gboolean running)
{
  self->running = running;
  gtk_widget_set_sensitive (self->import_button, !running && self->path != NULL);
  gtk_widget_set_sensitive (self->choose_button, !running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->kind_dropdown), !running);
  gtk_widget_set_sensitive (self->anyway_button, !running);
  gtk_button_set_label (GTK_BUTTON (self->cancel_button), running ? _ ("_Stop") : _ ("_Close"));
  gtk_widget_set_visible (GTK_WIDGET (self->progress), running);
}

static void
import_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  PdxImportDialog *self = PDX_IMPORT_DIALOG (source);
  ImportJob       *job = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  gboolean         ok = g_task_propagate_boolean (G_TASK (result), &error);

  set_running (self, FALSE);
  g_clear_object (&self->cancellable);
  self->accept_unusual = FALSE;
  gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "error");
  show_unusual (self, NULL);
  if (ok)
    {
      text = report_text (&job->report);
      mark_line (self, 0);
    }
  else if (g_error_matches (error, PDX_IMPORT_ERROR, PDX_IMPORT_ERROR_UNUSUAL))
    {
      /* Not an error of the file: values to be checked by the person, listed; Import Anyway
       * stores them. */
      show_unusual (self, &job->report);
      text =
          g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "%u value is outside the usual range. Check it in the "
                                        "file: if it is right, Import Anyway; otherwise correct "
                                        "the file and Import again. Nothing was imported.",
                                        "%u values are outside the usual range. Check them in "
                                        "the file: if they are right, Import Anyway; otherwise "
                                        "correct the file and Import again. Nothing was imported.",
                                        job->report.n_unusual),
                           job->report.n_unusual);
      mark_line (self, error_line_of (error->message, job->path));
    }
  else
    {
      gboolean cancelled = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

      text = g_strdup_printf (_ ("%s Nothing was imported."),
                              cancelled ? _ ("Import stopped.") : error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
      mark_line (self, cancelled ? 0 : error_line_of (error->message, job->path));
    }
  gtk_label_set_text (self->message_label, text);
  g_signal_emit (self, signals[FINISHED], 0, ok);
}

void
pdx_import_dialog_start (PdxImportDialog *self)
{
  g_autoptr (GTask) task = NULL;
  ImportJob *job;

  g_return_if_fail (PDX_IS_IMPORT_DIALOG (self));
  if (self->running || self->path == NULL)
    return;
  self->cancellable = g_cancellable_new ();
  job = g_new0 (ImportJob, 1);
  job->lab_path = g_strdup (pdx_lab_get_path (self->lab));
  job->operator_name = g_strdup (pdx_db_get_operator (pdx_lab_get_db (self->lab)));
  job->path = g_strdup (self->path);
  job->kind = gtk_drop_down_get_selected (self->kind_dropdown);
  job->accept_unusual = self->accept_unusual;
  job->cancellable = g_object_ref (self->cancellable);
  task = g_task_new (self, self->cancellable, import_done_cb, NULL);
  /* The worker writes through a connection of its own: the lab picks up its commit. */
  pdx_lab_watch_task (self->lab, task);
  g_task_set_task_data (task, job, (GDestroyNotify) import_job_free);
  gtk_progress_bar_set_fraction (self->progress, 0);
  gtk_label_set_text (self->message_label, _ ("Importing…"));
  set_running (self, TRUE);
  g_task_run_in_thread (task, import_thread);
}

/* The numbered preview of @text (@len bytes, the start of the file): lines end as the importer
 * counts them (CR LF, LF, or CR alone), so that an error's line number is the preview's. */
static char *
preview_text (const char *text, gsize len)
{
  g_autofree char *valid = g_utf8_make_valid (text, (gssize) len);
  GString         *preview = g_string_new (NULL);
  const char      *p = valid;
  guint            n = 0;

  while (*p && n < PREVIEW_LINES)
    {
      gsize            span = strcspn (p, "\r\n");
      g_autofree char *line = g_strndup (p, span);
      g_autofree char *shown = pdx_text_escape_controls (line);
      g_string_append_printf (preview, "%4u  %s\n", ++n, shown);
      p += span;
      if (p[0] == '\r' && p[1] == '\n')
        p++;
      if (*p)
        p++;
    }
  if (n == PREVIEW_LINES)
    g_string_append_printf (preview, _ ("      … (preview shows the first %u lines)\n"),
                            PREVIEW_LINES);
  return g_string_free (preview, FALSE);
}

gboolean
pdx_import_dialog_set_file (PdxImportDialog *self, const char *path, GError **error)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFileInputStream) stream = g_file_read (file, NULL, error);
  g_autofree char *head = g_malloc (PREVIEW_BYTES + 1);
  g_autofree char *preview = NULL;
  gsize            got = 0;

  if (stream == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (stream), head, PREVIEW_BYTES, &got, NULL, error))
    return FALSE;
  head[got] = '\0';
  preview = preview_text (head, got);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->preview), preview, -1);
  g_free (self->path);
  self->path = g_strdup (path);
  gtk_label_set_text (self->file_label, path);
  gtk_label_set_text (self->message_label, _ ("Check the preview, then Import. An import is all "
                                              "rows or none."));
  gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "error");
  self->error_line = 0;
  self->accept_unusual = FALSE;
  show_unusual (self, NULL);
  set_running (self, FALSE);
  return TRUE;
}

void
pdx_import_dialog_set_kind (PdxImportDialog *self, PdxImportKind kind)
{
  gtk_drop_down_set_selected (self->kind_dropdown, kind);
}

const char *
pdx_import_dialog_get_message (PdxImportDialog *self)
{
  return gtk_label_get_text (self->message_label);
}

guint
pdx_import_dialog_get_error_line (PdxImportDialog *self)
{
  return self->error_line;
}

guint
pdx_import_dialog_get_unusual_count (PdxImportDialog *self)
{
  return self->n_unusual;
}

void
pdx_import_dialog_import_anyway (PdxImportDialog *self)
{
  g_return_if_fail (PDX_IS_IMPORT_DIALOG (self));
  if (self->running || self->n_unusual == 0)
    return;
  self->accept_unusual = TRUE;
  pdx_import_dialog_start (self);
}

static void
chooser_response_cb (GtkNativeDialog *chooser, int response, PdxImportDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr (GError) error = NULL;

      if (path == NULL || !pdx_import_dialog_set_file (self, path, &error))
        gtk_label_set_text (self->message_label, error ? error->message : _ ("Not a local file"));
    }
  g_object_unref (chooser);
}

static void
choose_clicked_cb (PdxImportDialog *self)
{
  GtkFileChooserNative *chooser =
      gtk_file_chooser_native_new (_ ("Choose a CSV File"), GTK_WINDOW (self),
                                   GTK_FILE_CHOOSER_ACTION_OPEN, _ ("_Open"), _ ("_Cancel"));
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  /* A workbook's first sheet imports as a CSV file does (docs/import-formats.md). */
  gtk_file_filter_set_name (filter, _ ("CSV files and Excel workbooks"));
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_filter_add_pattern (filter, "*.CSV");
  gtk_file_filter_add_pattern (filter, "*.txt");
  gtk_file_filter_add_pattern (filter, "*.xlsx");
  gtk_file_filter_add_pattern (filter, "*.XLSX");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
cancel_clicked_cb (PdxImportDialog *self)
{
  if (self->running)
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_close (GTK_WINDOW (self));
}

static gboolean
pdx_import_dialog_close_request (GtkWindow *window)
{
  PdxImportDialog *self = PDX_IMPORT_DIALOG (window);

  /* The thread is writing the lab: stop it and let it roll back before closing. */
  if (self->running)
    {
      g_cancellable_cancel (self->cancellable);
      return TRUE;
    }
  return GTK_WINDOW_CLASS (pdx_import_dialog_parent_class)->close_request (window);
}

PdxImportDialog *
pdx_import_dialog_new (PdxLab *lab)
{
  PdxImportDialog *self = g_object_new (PDX_TYPE_IMPORT_DIALOG, NULL);

  self->lab = g_object_ref (lab);
  return self;
}

static void
pdx_import_dialog_dispose (GObject *object)
{
  PdxImportDialog *self = PDX_IMPORT_DIALOG (object);

  g_clear_object (&self->lab);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->path, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), PDX_TYPE_IMPORT_DIALOG);
  G_OBJECT_CLASS (pdx_import_dialog_parent_class)->dispose (object);
}

static void
pdx_import_dialog_class_init (PdxImportDialogClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pdx_import_dialog_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/pdxtrack/Pdxtrack/ui/pdx-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PdxImportDialog, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PdxImportDialog, file_label);
  gtk_widget_class_bind_template_child (widget_class, PdxImportDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, PdxImportDialog, preview);
  gtk_widget_class_bind_template_child (widget_class, PdxImportDialog, progress);
  gtk_widget_class_bind_template_child (widget_class, PdxImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, PdxImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, PdxImportDialog, choose_button);
  gtk_widget_class_bind_template_child (widget_class, PdxImportDialog, unusual_box);
  gtk_widget_class_bind_template_child (widget_class, PdxImportDialog, unusual_list);
  gtk_widget_class_bind_template_child (widget_class, PdxImportDialog, anyway_button);
  gtk_widget_class_bind_template_callback (widget_class, pdx_import_dialog_import_anyway);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, choose_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, pdx_import_dialog_start);
  GTK_WINDOW_CLASS (klass)->close_request = pdx_import_dialog_close_request;
  gtk_widget_class_add_binding_action (GTK_WIDGET_CLASS (klass), GDK_KEY_Escape, 0, "window.close",
                                       NULL);
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
}

static void
pdx_import_dialog_init (PdxImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The refused row of a file, highlighted in the preview. */
  gtk_text_buffer_create_tag (gtk_text_view_get_buffer (self->preview), "error", "background",
                              "#e01b24", "foreground", "#ffffff", "weight", PANGO_WEIGHT_BOLD,
                              NULL);
  set_running (self, FALSE);
}
