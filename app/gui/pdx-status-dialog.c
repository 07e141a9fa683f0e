/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-status-dialog.c — the Change Status form (ui/pdx-status-dialog.ui): a study's next
 * status with the day it happened and, where the core asks for one, a reason
 * (docs/study-lifecycle.md). */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx-status-dialog.h"

#include "pdx-gui-format.h"
#include "pdx-mice-dialogs.h"

struct _PdxStatusDialog
{
  AdwMessageDialog     parent_instance;
  AdwComboRow         *status_row;
  AdwEntryRow         *date_row, *reason_row;
  GtkLabel            *hint_label;
  PdxMiceDialogContext context; /* id: the study */
  char                *code;
  char                *current; /* the status as read */
  GPtrArray           *choices; /* const char * (vocabulary values) per status_row position */
};

G_DEFINE_FINAL_TYPE (PdxStatusDialog, pdx_status_dialog, ADW_TYPE_MESSAGE_DIALOG)

const char *
pdx_status_dialog_get_choice (PdxStatusDialog *self, guint position)
{
  g_return_val_if_fail (PDX_IS_STATUS_DIALOG (self), NULL);
  return position < self->choices->len ? g_ptr_array_index (self->choices, position) : NULL;
}

static const char *
chosen (PdxStatusDialog *self)
{
  return pdx_status_dialog_get_choice (self, adw_combo_row_get_selected (self->status_row));
}

/* The reason row says whether it is needed; Change waits for a date and a needed reason. */
static void
form_changed_cb (PdxStatusDialog *self)
{
  const char      *status = self->current ? chosen (self) : NULL;
  g_autofree char *date = pdx_mice_dialog_dup_text (GTK_EDITABLE (self->date_row));
  g_autofree char *reason = pdx_mice_dialog_dup_text (GTK_EDITABLE (self->reason_row));
  gboolean         needed;

  if (status == NULL)
    return;
  needed = pdx_study_status_needs_reason (self->current, status);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->reason_row),
                                 needed ? _ ("Reason (required)") : _ ("Reason (optional)"));
  gtk_label_set_text (
      self->hint_label,
      g_str_equal (status, "terminated")
          ? _ ("Terminating a study needs a reason: why it was stopped.")
      : needed ? _ ("Going back is a correction: it needs a reason, kept in the audit trail.")
               : _ ("The date is the day it happened: not after today, not before the last "
                    "change."));
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "change",
                                           date != NULL && pdx_date_is_valid (date) &&
                                               (!needed || reason != NULL));
}

static void
pdx_status_dialog_response (AdwMessageDialog *dialog, const char *response)
{
  PdxStatusDialog *self = PDX_STATUS_DIALOG (dialog);
  g_autofree char *date = pdx_mice_dialog_dup_text (GTK_EDITABLE (self->date_row));
  g_autofree char *reason = pdx_mice_dialog_dup_text (GTK_EDITABLE (self->reason_row));
  g_autofree char *message = NULL, *since = NULL;
  g_autoptr (GError) error = NULL;
  const char *status = chosen (self);

  if (!g_str_equal (response, "change") || status == NULL)
    return;
  if (!pdx_study_set_status (pdx_lab_get_db (self->context.lab), self->context.id, self->current,
                             status, date, reason, &error))
    {
      pdx_mice_dialog_report_error (&self->context, _ ("Status not changed"), error);
      return;
    }
  since = pdx_format_date (date);
  /* Translators: the study's code, its new status, the day. */
  message = g_strdup_printf (_ ("Study %s is now %s (since %s)"), self->code,
                             pdx_vocab_get_label (status), since);
  pdx_mice_dialog_report (&self->context, message);
}

/* The statuses but @current; the forward step (planned → active → completed) first. */
static void
fill_choices (PdxStatusDialog *self)
{
  g_autoptr (GtkStringList) labels = gtk_string_list_new (NULL);
  const char *const *values = pdx_vocab_get_values (PDX_VOCAB_STUDY_STATUS);

  for (guint i = 0; values[i]; i++)
    if (!g_str_equal (values[i], self->current) &&
        !pdx_study_status_needs_reason (self->current, values[i]))
      g_ptr_array_add (self->choices, (gpointer) values[i]);
  for (guint i = 0; values[i]; i++)
    if (!g_str_equal (values[i], self->current) &&
        pdx_study_status_needs_reason (self->current, values[i]))
      g_ptr_array_add (self->choices, (gpointer) values[i]);
  for (guint i = 0; i < self->choices->len; i++)
    gtk_string_list_append (labels, pdx_vocab_get_label (g_ptr_array_index (self->choices, i)));
  adw_combo_row_set_model (self->status_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->status_row, 0);
}

/* "Now: Active since 18 May 2026." or, before any dated change, without the date. */
static void
show_current (PdxStatusDialog *self, PdxDb *db)
{
  g_autoptr (GPtrArray) changes = pdx_study_list_status_changes (db, self->context.id, NULL);
  const PdxStatusChange *last =
      changes && changes->len ? g_ptr_array_index (changes, changes->len - 1) : NULL;
  g_autofree char *since = last ? pdx_format_date (last->date) : NULL;

  if (since)
    /* Translators: a status (Active), then the day it was reached. */
    adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (self), _ ("Now: %s since %s."),
                                    pdx_vocab_get_label (self->current), since);
  else
    adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (self),
                                    _ ("Now: %s (no dated change recorded)."),
                                    pdx_vocab_get_label (self->current));
}

PdxStatusDialog *
pdx_status_dialog_new (
    GtkWidget *origin, GtkWindow *parent, PdxLab *lab, gint64 study_id, GError **error)
{
  PdxDb *db = pdx_lab_get_db (lab);
  g_autoptr (PdxStudy) study = pdx_study_get (db, study_id, error);
  g_autofree char *heading = NULL, *today = pdx_format_today ();
  PdxStatusDialog *self;

  if (study == NULL)
    return NULL;
  heading = g_strdup_printf (_ ("Change Status of %s"), study->code);
  self = g_object_new (PDX_TYPE_STATUS_DIALOG, "transient-for", parent, "heading", heading, NULL);
  pdx_mice_dialog_context_init (&self->context, origin, lab, study_id);
  self->code = g_strdup (study->code);
  self->current = g_strdup (study->status);
  show_current (self, db);
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), today);
  fill_choices (self);
  form_changed_cb (self);
  return self;
}

static void
pdx_status_dialog_dispose (GObject *object)
{
  PdxStatusDialog *self = PDX_STATUS_DIALOG (object);

  pdx_mice_dialog_context_clear (&self->context);
  g_clear_pointer (&self->code, g_free);
  g_clear_pointer (&self->current, g_free);
  g_clear_pointer (&self->choices, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), PDX_TYPE_STATUS_DIALOG);
  G_OBJECT_CLASS (pdx_status_dialog_parent_class)->dispose (object);
}

static void
pdx_status_dialog_class_init (PdxStatusDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pdx_status_dialog_dispose;
  ADW_MESSAGE_DIALOG_CLASS (klass)->response = pdx_status_dialog_response;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/pdxtrack/Pdxtrack/ui/pdx-status-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PdxStatusDialog, status_row);
  gtk_widget_class_bind_template_child (widget_class, PdxStatusDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, PdxStatusDialog, reason_row);
  gtk_widget_class_bind_template_child (widget_class, PdxStatusDialog, hint_label);
  gtk_widget_class_bind_template_callback (widget_class, form_changed_cb);
}

static void
pdx_status_dialog_init (PdxStatusDialog *self)
{
  self->choices = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}
