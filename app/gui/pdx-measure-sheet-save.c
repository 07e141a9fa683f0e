/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-measure-sheet-save.c — the bench sheet's Save, its confirmation of unusual values, its
 * question why saved values change (PdxReasonDialog), the Undo of a save, and catching up with
 * other programs' commits. The writing itself is the
 * core's pdx_sheet_save() / pdx_sheet_save_undo(): changed cells only, one transaction, refused
 * when a row changed since it was loaded. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx-measure-sheet-private.h"
#include "pdx-reason-dialog.h"

gboolean
pdx_measure_sheet_has_unsaved (PdxMeasureSheet *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (PdxSheetRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), i);

      if (pdx_sheet_row_is_dirty (row))
        return TRUE;
    }
  return FALSE;
}

gboolean
pdx_measure_sheet_date_is_future (PdxMeasureSheet *self)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  return g_strcmp0 (self->date, today) > 0;
}

void
pdx_measure_sheet_catch_up (PdxMeasureSheet *self, gboolean quiet)
{
  g_autoptr (GError) error = NULL;
  gboolean changed = FALSE;

  if (self->binding.lab == NULL)
    return;
  if (!pdx_lab_check_outside_changes (self->binding.lab, &changed, &error))
    {
      g_autofree char *message = g_strdup_printf (
          _ ("Could not check the lab for changes by other programs: %s"), error->message);
      pdx_measure_sheet_toast (self, message);
    }
  else if (changed && !quiet && pdx_measure_sheet_has_unsaved (self))
    pdx_measure_sheet_toast (self, _ ("Another program changed the lab: the sheet shows its "
                                      "changes; the rows you are editing are kept as typed"));
}

/* The window became active (the person comes back from another program, perhaps the CLI):
 * catch up with what other programs committed meanwhile. */
static void
window_active_cb (GtkWindow *window, GParamSpec *pspec, PdxMeasureSheet *self)
{
  if (gtk_window_is_active (window))
    pdx_measure_sheet_catch_up (self, FALSE);
}

static void
window_focus_cb (GtkWindow *window, GParamSpec *pspec, PdxMeasureSheet *self)
{
  pdx_measure_sheet_note_focus (self);
}

void
pdx_measure_sheet_watch_window (PdxMeasureSheet *self, GtkWindow *window)
{
  if (self->watched_window != NULL)
    {
      g_clear_signal_handler (&self->active_handler, self->watched_window);
      g_clear_signal_handler (&self->focus_handler, self->watched_window);
    }
  self->watched_window = window;
  if (window != NULL)
    {
      self->active_handler =
          g_signal_connect (window, "notify::is-active", G_CALLBACK (window_active_cb), self);
      self->focus_handler =
          g_signal_connect (window, "notify::focus-widget", G_CALLBACK (window_focus_cb), self);
    }
}

/* The dirty rows, in sheet order (new references). */
static GPtrArray *
list_dirty (PdxMeasureSheet *self)
{
  GPtrArray *dirty = g_ptr_array_new_with_free_func (g_object_unref);
  guint      n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));

  for (guint i = 0; i < n; i++)
    {
      PdxSheetRow *row = g_list_model_get_item (G_LIST_MODEL (self->rows), i);

      if (pdx_sheet_row_is_dirty (row))
        g_ptr_array_add (dirty, row);
      else
        g_object_unref (row);
    }
  return dirty;
}

/* The first row that blocks the save (an error), with a toast saying why; NULL when none. */
static gboolean
refuse_errors (PdxMeasureSheet *self, GPtrArray *dirty)
{
  g_autofree char *message = NULL;
  g_autofree char *shown = pdx_format_date (self->date);

  if (pdx_measure_sheet_date_is_future (self))
    message = g_strdup_printf (_ ("Not saved: %s is in the future. Measurements are entered on the "
                                  "day they were taken, or later."),
                               shown);
  for (guint i = 0; message == NULL && i < dirty->len; i++)
    {
      PdxSheetRow *row = g_ptr_array_index (dirty, i);

      if (pdx_sheet_row_get_level (row) == PDX_SHEET_ERROR)
        message = g_strdup_printf (_ ("Not saved: mouse %s — %s"), pdx_sheet_row_get_tag (row),
                                   pdx_sheet_row_get_message (row));
    }
  if (message == NULL)
    return FALSE;
  pdx_measure_sheet_toast (self, message);
  return TRUE;
}

static void
undo_save_clicked_cb (PdxMeasureSheet *self)
{
  pdx_measure_sheet_undo_save (self);
}

static void
reload_clicked_cb (PdxMeasureSheet *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "sheet.reload", NULL);
}

/* A toast in the window's overlay with a button (@label, @callback), or a plain one. */
static void
show_toast (PdxMeasureSheet *self, const char *message, const char *label, GCallback callback)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  AdwToast  *save_toast;

  if (self->save_toast != NULL)
    adw_toast_dismiss (self->save_toast);
  g_clear_object (&self->save_toast);
  if (overlay == NULL)
    {
      pdx_measure_sheet_toast (self, message);
      return;
    }
  save_toast = adw_toast_new (message);
  adw_toast_set_button_label (save_toast, label);
  adw_toast_set_timeout (save_toast, 10);
  g_signal_connect_object (save_toast, "button-clicked", callback, self, G_CONNECT_SWAPPED);
  self->save_toast = g_object_ref (save_toast);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), save_toast);
}

/* Shows the refusal of a save; @failed is the index in @dirty of the row it concerns
 * (pdx_sheet_save_full), G_MAXUINT for none. */
static void
report_refusal (PdxMeasureSheet *self, GPtrArray *dirty, guint failed, const GError *error)
{
  gboolean         conflict = g_error_matches (error, PDX_DB_ERROR, PDX_DB_ERROR_CONFLICT);
  PdxSheetRow     *row = failed < dirty->len ? g_ptr_array_index (dirty, failed) : NULL;
  g_autofree char *message = g_strdup_printf (_ ("Not saved: %s"), error->message);

  if (row != NULL)
    pdx_sheet_row_set_save_error (row, message, conflict);
  if (conflict)
    show_toast (self, message, _ ("_Reload"), G_CALLBACK (reload_clicked_cb));
  else
    pdx_measure_sheet_toast (self, message);
  pdx_measure_sheet_update_summary (self);
}

/* After a save: each row starts again from what the save left. */
static void
mark_saved (PdxMeasureSheet *self, GPtrArray *dirty, const PdxSheetSave *save)
{
  self->marking_saved = TRUE;
  for (guint i = 0; i < dirty->len; i++)
    {
      PdxSheetRow          *row = g_ptr_array_index (dirty, i);
      const PdxMeasurement *after = NULL;

      if (pdx_sheet_save_lookup (save, pdx_sheet_row_get_mouse_id (row), &after))
        pdx_sheet_row_mark_saved (row, after);
      else
        pdx_sheet_row_revert (row); /* blanks typed into a blank row: nothing was stored */
    }
  self->marking_saved = FALSE;
  g_ptr_array_set_size (self->edits, 0);
}

/* The core's edits of the dirty rows; their values are owned by *@values. */
static GArray *
build_edits (GPtrArray *dirty, GPtrArray **values)
{
  GArray *edits = g_array_sized_new (FALSE, TRUE, sizeof (PdxSheetEdit), dirty->len);

  *values = g_ptr_array_new_with_free_func ((GDestroyNotify) pdx_measurement_free);
  for (guint i = 0; i < dirty->len; i++)
    {
      PdxSheetRow *row = g_ptr_array_index (dirty, i);
      PdxSheetEdit edit = { pdx_sheet_row_get_mouse_id (row), pdx_sheet_row_get_tag (row),
                            pdx_sheet_row_get_existing (row), pdx_sheet_row_get_changed (row),
                            pdx_sheet_row_dup_values (row) };

      g_ptr_array_add (*values, (gpointer) edit.values);
      g_array_append_val (edits, edit);
    }
  return edits;
}

/* Writes the dirty rows through pdx_sheet_save_with_reason (the whole sheet or nothing), with
 * @reason (NULL: none; the core refuses a change of saved values without one). */
static gboolean
write_sheet (PdxMeasureSheet *self, GPtrArray *dirty, const char *reason)
{
  PdxDb *db = pdx_lab_get_db (self->binding.lab);
  g_autoptr (GPtrArray) values = NULL;
  g_autoptr (GArray) edits = build_edits (dirty, &values);
  g_autoptr (PdxSheetSave) save = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL, *shown = NULL;
  guint            n, failed;
  gint64           start, saved, marked;

  start = g_get_monotonic_time ();
  save = pdx_sheet_save_with_reason (db, self->binding.study_id, self->date,
                                     (const PdxSheetEdit *) (gpointer) edits->data, edits->len,
                                     reason, &failed, &error);
  if (save == NULL)
    {
      report_refusal (self, dirty, failed, error);
      return FALSE;
    }
  saved = g_get_monotonic_time ();
  mark_saved (self, dirty, save);
  marked = g_get_monotonic_time ();
  n = pdx_sheet_save_get_n_rows (save);
  g_clear_pointer (&self->last_save, pdx_sheet_save_free);
  self->last_save = g_steal_pointer (&save);
  /* The sheet shows what it saved: the other tabs of the study are told now, the sheet itself
   * is not reloaded. */
  self->binding.suppress = TRUE;
  pdx_lab_dispatch_changes (self->binding.lab);
  self->binding.suppress = FALSE;
  /* G_MESSAGES_DEBUG=pdxtrack: the save's own time against the refresh of the sheet's rows and
   * of the study's other tabs (docs/performance.md). */
  g_debug ("sheet save of %u rows: core %.1f ms, rows %.1f ms, tabs told %.1f ms", n,
           (saved - start) / 1000.0, (marked - saved) / 1000.0,
           (g_get_monotonic_time () - marked) / 1000.0);
  shown = pdx_format_date (self->date);
  message = g_strdup_printf (
      /* Translators: the number of mice, then the date of the sheet. */
      g_dngettext (GETTEXT_PACKAGE, "Saved %u mouse for %s", "Saved %u mice for %s", n), n, shown);
  show_toast (self, message, _ ("_Undo"), G_CALLBACK (undo_save_clicked_cb));
  pdx_measure_sheet_update_summary (self);
  return TRUE;
}

/* "Mouse D-01: body weight 75 g is unusual …", one line per changed unusual value. */
static GPtrArray *
list_unusual (GPtrArray *dirty)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < dirty->len; i++)
    {
      PdxSheetRow *row = g_ptr_array_index (dirty, i);
      g_autoptr (GPtrArray) unusual = pdx_sheet_row_list_unusual (row);

      for (guint j = 0; j < unusual->len; j++)
        g_ptr_array_add (lines, g_strdup_printf (_ ("Mouse %s: %s"), pdx_sheet_row_get_tag (row),
                                                 (char *) g_ptr_array_index (unusual, j)));
    }
  return lines;
}

static void
reason_response_cb (AdwMessageDialog *dialog, const char *response, PdxMeasureSheet *self)
{
  self->confirm_dialog = NULL;
  if (g_strcmp0 (response, "save") == 0)
    {
      g_autoptr (GPtrArray) dirty = list_dirty (self);
      g_autofree char *reason = pdx_reason_dialog_dup_reason (PDX_REASON_DIALOG (dialog));

      if (!refuse_errors (self, dirty) && dirty->len > 0)
        write_sheet (self, dirty, reason);
    }
  else
    pdx_measure_sheet_return_focus (self); /* Cancel: back to typing where the person was */
}

/* Writes the dirty rows, asking first why when they change saved values (once per save). */
static gboolean
write_or_ask_reason (PdxMeasureSheet *self, GPtrArray *dirty)
{
  g_autoptr (GPtrArray) values = NULL;
  g_autoptr (GArray) edits = build_edits (dirty, &values);
  GtkRoot         *root = gtk_widget_get_root (GTK_WIDGET (self));
  guint            n = 0;
  g_autofree char *what = pdx_sheet_describe_saved_changes (
      (const PdxSheetEdit *) (gpointer) edits->data, edits->len, &n);
  PdxReasonDialog *dialog;

  if (n == 0)
    return write_sheet (self, dirty, NULL);
  dialog = pdx_reason_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, n, what);
  g_signal_connect_object (dialog, "response", G_CALLBACK (reason_response_cb), self, 0);
  self->confirm_dialog = ADW_MESSAGE_DIALOG (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  return FALSE;
}

static void
confirm_response_cb (AdwMessageDialog *dialog, const char *response, PdxMeasureSheet *self)
{
  self->confirm_dialog = NULL;
  if (g_strcmp0 (response, "save") == 0)
    {
      g_autoptr (GPtrArray) dirty = list_dirty (self);

      if (!refuse_errors (self, dirty) && dirty->len > 0)
        write_or_ask_reason (self, dirty);
    }
  else
    pdx_measure_sheet_return_focus (self);
}

/* Asks before writing values outside their usual range (Save Anyway / Cancel). */
static void
ask_unusual (PdxMeasureSheet *self, GPtrArray *lines)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr (GString) body =
      g_string_new (g_dngettext (GETTEXT_PACKAGE, "This value is outside the usual range:\n",
                                 "These values are outside the usual range:\n", lines->len));
  GtkWidget *dialog;

  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (body, "\n• %s", (char *) g_ptr_array_index (lines, i));
  g_string_append (body, lines->len == 1
                             ? _ ("\n\nSave it as typed only if it is what was measured.")
                             : _ ("\n\nSave them as typed only if they are what was measured."));
  dialog = adw_message_dialog_new (
      GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
      g_dngettext (GETTEXT_PACKAGE, "Save an Unusual Value?", "Save Unusual Values?", lines->len),
      body->str);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("_Cancel"), "save",
                                    _ ("_Save Anyway"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_response_cb), self, 0);
  self->confirm_dialog = ADW_MESSAGE_DIALOG (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
pdx_measure_sheet_save (PdxMeasureSheet *self)
{
  g_autoptr (GPtrArray) dirty = NULL;
  g_autoptr (GPtrArray) unusual = NULL;

  g_return_val_if_fail (PDX_IS_MEASURE_SHEET (self), FALSE);
  if (self->binding.lab == NULL)
    return FALSE;
  if (self->confirm_dialog != NULL)
    return FALSE; /* already asking */
  /* Quietly: a refusal that follows says what matters. */
  pdx_measure_sheet_catch_up (self, TRUE);
  dirty = list_dirty (self);
  if (refuse_errors (self, dirty))
    return FALSE;
  if (dirty->len == 0)
    return TRUE;
  unusual = list_unusual (dirty);
  if (unusual->len > 0)
    {
      ask_unusual (self, unusual);
      return FALSE;
    }
  return write_or_ask_reason (self, dirty);
}

AdwMessageDialog *
pdx_measure_sheet_get_confirm_dialog (PdxMeasureSheet *self)
{
  return self->confirm_dialog;
}

gboolean
pdx_measure_sheet_undo_save (PdxMeasureSheet *self)
{
  PdxDb *db = self->binding.lab ? pdx_lab_get_db (self->binding.lab) : NULL;
  g_autoptr (PdxSheetSave) save = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL, *shown = NULL;
  guint            n;

  g_return_val_if_fail (PDX_IS_MEASURE_SHEET (self), FALSE);
  if (db == NULL || self->last_save == NULL)
    {
      pdx_measure_sheet_toast (self, _ ("No saved sheet to undo"));
      return FALSE;
    }
  if (pdx_measure_sheet_has_unsaved (self))
    {
      pdx_measure_sheet_toast (self, _ ("Save or undo this day’s edits before undoing the save"));
      return FALSE;
    }
  /* The sheet reloads with the values put back when the lab dispatches the undo's commit (now or
   * later), and puts the cursor back in the cell last focused (the toast's button had it). */
  self->refocus_on_reload = TRUE;
  if (!pdx_sheet_save_undo (self->last_save, db, &error))
    {
      self->refocus_on_reload = FALSE;
      message = g_strdup_printf (_ ("Nothing undone: %s"), error->message);
      pdx_measure_sheet_toast (self, message);
      return FALSE;
    }
  save = g_steal_pointer (&self->last_save);
  n = pdx_sheet_save_get_n_rows (save);
  shown = pdx_format_date (pdx_sheet_save_get_date (save));
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Undid the save of %u mouse for %s",
                                          "Undid the save of %u mice for %s", n),
                             n, shown);
  if (self->save_toast != NULL)
    adw_toast_dismiss (self->save_toast);
  g_clear_object (&self->save_toast);
  pdx_measure_sheet_toast (self, message);
  return TRUE;
}

void
pdx_measure_sheet_clear_save (PdxMeasureSheet *self)
{
  if (self->confirm_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (g_steal_pointer (&self->confirm_dialog)));
  g_clear_pointer (&self->last_save, pdx_sheet_save_free);
  if (self->save_toast != NULL)
    adw_toast_dismiss (self->save_toast);
  g_clear_object (&self->save_toast);
}
