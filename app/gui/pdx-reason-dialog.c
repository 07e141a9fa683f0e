/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-reason-dialog.c — the reason for changing saved values (ui/pdx-reason-dialog.ui). */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx-reason-dialog.h"

struct _PdxReasonDialog
{
  AdwMessageDialog parent_instance;
  GtkCheckButton  *transcription, *remeasured, *instrument, *other;
  GtkEditable     *other_text;
  GtkWidget       *needed_label;
};

G_DEFINE_FINAL_TYPE (PdxReasonDialog, pdx_reason_dialog, ADW_TYPE_MESSAGE_DIALOG)

char *
pdx_reason_dialog_dup_reason (PdxReasonDialog *self)
{
  g_autofree char *typed = NULL;

  g_return_val_if_fail (PDX_IS_REASON_DIALOG (self), NULL);
  /* The common reasons are stored in English, as every audit entry's own words are: the
   * trail reads the same whoever wrote it. */
  if (gtk_check_button_get_active (self->transcription))
    return g_strdup ("Transcription error");
  if (gtk_check_button_get_active (self->remeasured))
    return g_strdup ("Re-measured");
  if (gtk_check_button_get_active (self->instrument))
    return g_strdup ("Instrument error");
  if (!gtk_check_button_get_active (self->other))
    return NULL;
  typed = g_strstrip (g_strdup (gtk_editable_get_text (self->other_text)));
  return typed[0] ? g_steal_pointer (&typed) : NULL;
}

GtkCheckButton *
pdx_reason_dialog_get_choice (PdxReasonDialog *self, guint index)
{
  GtkCheckButton *choices[] = { self->transcription, self->remeasured, self->instrument,
                                self->other };

  g_return_val_if_fail (PDX_IS_REASON_DIALOG (self), NULL);
  return index < G_N_ELEMENTS (choices) ? choices[index] : NULL;
}

GtkEditable *
pdx_reason_dialog_get_other_entry (PdxReasonDialog *self)
{
  g_return_val_if_fail (PDX_IS_REASON_DIALOG (self), NULL);
  return self->other_text;
}

/* Save waits for a reason; the text of Other is typed only when Other is chosen. */
static void
choice_changed_cb (PdxReasonDialog *self)
{
  g_autofree char *reason = pdx_reason_dialog_dup_reason (self);
  gboolean         other = gtk_check_button_get_active (self->other);

  gtk_widget_set_sensitive (GTK_WIDGET (self->other_text), other);
  if (other && !gtk_widget_has_focus (GTK_WIDGET (self->other_text)))
    gtk_widget_grab_focus (GTK_WIDGET (self->other_text));
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "save", reason != NULL);
  if (reason != NULL)
    gtk_widget_set_visible (self->needed_label, FALSE);
}

/* Enter in Other's text: Save when there is a reason; with none, say that one is needed (Enter
 * must not look like Cancel). */
static void
other_activate_cb (PdxReasonDialog *self)
{
  g_autofree char *reason = pdx_reason_dialog_dup_reason (self);

  gtk_widget_set_visible (self->needed_label, reason == NULL);
  if (reason != NULL)
    gtk_widget_activate_default (GTK_WIDGET (self));
}

gboolean
pdx_reason_dialog_says_needed (PdxReasonDialog *self)
{
  g_return_val_if_fail (PDX_IS_REASON_DIALOG (self), FALSE);
  return gtk_widget_get_visible (self->needed_label);
}

static void
pdx_reason_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PDX_TYPE_REASON_DIALOG);
  G_OBJECT_CLASS (pdx_reason_dialog_parent_class)->dispose (object);
}

static void
pdx_reason_dialog_class_init (PdxReasonDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pdx_reason_dialog_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/pdxtrack/Pdxtrack/ui/pdx-reason-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PdxReasonDialog, transcription);
  gtk_widget_class_bind_template_child (widget_class, PdxReasonDialog, remeasured);
  gtk_widget_class_bind_template_child (widget_class, PdxReasonDialog, instrument);
  gtk_widget_class_bind_template_child (widget_class, PdxReasonDialog, other);
  gtk_widget_class_bind_template_child (widget_class, PdxReasonDialog, other_text);
  gtk_widget_class_bind_template_child (widget_class, PdxReasonDialog, needed_label);
  gtk_widget_class_bind_template_callback (widget_class, other_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, choice_changed_cb);
}

static void
pdx_reason_dialog_init (PdxReasonDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

PdxReasonDialog *
pdx_reason_dialog_new (GtkWindow *parent, guint n_changed, const char *what)
{
  g_autofree char *count = NULL, *body = NULL;

  /* Translators: the number of saved values, then what they are ("2 weights, 1 BLI flux"). */
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u saved value changes: %s.",
                                        "%u saved values change: %s.", n_changed),
                           n_changed, what);
  body = g_strdup_printf ("%s\n\n%s", count,
                          _ ("Say why. The reason is kept with each change in the audit log; "
                             "Cancel keeps your edits unsaved."));
  return g_object_new (PDX_TYPE_REASON_DIALOG, "transient-for", parent, "heading",
                       _ ("Why Do Saved Values Change?"), "body", body, NULL);
}
