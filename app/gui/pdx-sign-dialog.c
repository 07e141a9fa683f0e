/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-sign-dialog.c — Sign Study / Unlock Study (ui/pdx-sign-dialog.ui): the signature is the
 * core's (pdx_study_sign, pdx_study_unlock), after PAM re-authentication with the typed password.
 */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pdx-sign-dialog.h"

#include "pdx-mice-dialogs.h"

struct _PdxSignDialog
{
  AdwMessageDialog     parent_instance;
  PdxMiceDialogContext context; /* id: the study */
  gboolean             unlock;
  guint                questions; /* PAM's secret questions answered in this response */
  AdwComboRow         *meaning_row;
  GtkEditable         *reason_row;
  GtkEditable         *password_row;
  GtkLabel            *explanation;
};

G_DEFINE_FINAL_TYPE (PdxSignDialog, pdx_sign_dialog, ADW_TYPE_MESSAGE_DIALOG)

/* The meanings of the combo row, in its order. */
static const PdxSignatureMeaning row_meanings[] = { PDX_SIGNATURE_REVIEW, PDX_SIGNATURE_APPROVE,
                                                    PDX_SIGNATURE_LOCK };

static void
meaning_changed_cb (PdxSignDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->meaning_row);

  if (self->unlock)
    gtk_label_set_text (self->explanation,
                        _ ("Unlocking lets the study's data be changed again. The reason is "
                           "recorded with your signature and in the audit trail."));
  else if (selected < G_N_ELEMENTS (row_meanings) && row_meanings[selected] == PDX_SIGNATURE_LOCK)
    gtk_label_set_text (self->explanation,
                        _ ("No one can change this study's data until it is unlocked with a "
                           "reason."));
  else
    gtk_label_set_text (self->explanation,
                        _ ("Your signature records your login, the time, the audit seal and "
                           "the reason. It does not lock the study."));
}

static void
reason_changed_cb (PdxSignDialog *self)
{
  g_autofree char *reason = pdx_mice_dialog_dup_text (self->reason_row);

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "sign", reason != NULL);
}

/* PAM's questions: the first secret one gets the typed password; any other secret question
 * (a second factor this form cannot ask for) cancels. */
static char *
password_cb (const char *prompt, gboolean echo, gboolean is_message, gpointer user_data)
{
  PdxSignDialog *self = user_data;

  if (is_message || self->questions++ > 0)
    return NULL;
  return g_strdup (gtk_editable_get_text (self->password_row));
}

/* Re-authenticates the lab's login with the typed password, then signs or unlocks. */
static gboolean
sign_study (PdxSignDialog *self, const char *reason, gint64 *id, GError **error)
{
  PdxDb *db = pdx_lab_get_db (self->context.lab);
  g_auto (PdxAuthResult) auth = { 0 };
  guint               selected = adw_combo_row_get_selected (self->meaning_row);
  PdxSignatureMeaning meaning = row_meanings[MIN (selected, G_N_ELEMENTS (row_meanings) - 1)];

  self->questions = 0;
  if (!pdx_auth_reauthenticate (pdx_db_get_login (db), password_cb, self, &auth, error))
    return FALSE;
  if (self->unlock)
    return pdx_study_unlock (db, self->context.id, reason, &auth, id, error);
  return pdx_study_sign (db, self->context.id, meaning, reason, &auth, id, error);
}

static void
pdx_sign_dialog_response (AdwMessageDialog *dialog, const char *response)
{
  PdxSignDialog   *self = PDX_SIGN_DIALOG (dialog);
  g_autofree char *reason = pdx_mice_dialog_dup_text (self->reason_row);
  g_autoptr (GError) error = NULL;
  gint64   id = 0;
  gboolean ok;

  if (!g_str_equal (response, "sign"))
    return;
  ok = sign_study (self, reason, &id, &error);
  gtk_editable_set_text (self->password_row, "");
  if (!ok)
    {
      pdx_mice_dialog_report_error (&self->context,
                                    self->unlock ? _ ("Not unlocked") : _ ("Not signed"), error);
      return;
    }
  pdx_mice_dialog_report (&self->context, self->unlock ? _ ("Study unlocked") : _ ("Study signed"));
}

static void
pdx_sign_dialog_dispose (GObject *object)
{
  PdxSignDialog *self = PDX_SIGN_DIALOG (object);

  pdx_mice_dialog_context_clear (&self->context);
  gtk_widget_dispose_template (GTK_WIDGET (self), PDX_TYPE_SIGN_DIALOG);
  G_OBJECT_CLASS (pdx_sign_dialog_parent_class)->dispose (object);
}

static void
pdx_sign_dialog_class_init (PdxSignDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pdx_sign_dialog_dispose;
  ADW_MESSAGE_DIALOG_CLASS (klass)->response = pdx_sign_dialog_response;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/pdxtrack/Pdxtrack/ui/pdx-sign-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PdxSignDialog, meaning_row);
  gtk_widget_class_bind_template_child (widget_class, PdxSignDialog, reason_row);
  gtk_widget_class_bind_template_child (widget_class, PdxSignDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, PdxSignDialog, explanation);
  gtk_widget_class_bind_template_callback (widget_class, meaning_changed_cb);
}

static void
pdx_sign_dialog_init (PdxSignDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->reason_row, "changed", G_CALLBACK (reason_changed_cb), self);
}

PdxSignDialog *
pdx_sign_dialog_new (
    GtkWidget *origin, GtkWindow *parent, PdxLab *lab, gint64 study_id, gboolean unlock)
{
  g_autoptr (PdxStudy) study = pdx_study_get (pdx_lab_get_db (lab), study_id, NULL);
  const char      *code = study ? study->code : "?";
  g_autofree char *heading = unlock ? g_strdup_printf (_ ("Unlock Study %s?"), code)
                                    : g_strdup_printf (_ ("Sign Study %s"), code);
  PdxSignDialog   *self =
      g_object_new (PDX_TYPE_SIGN_DIALOG, "transient-for", parent, "heading", heading, NULL);

  pdx_mice_dialog_context_init (&self->context, origin, lab, study_id);
  self->unlock = unlock;
  gtk_widget_set_visible (GTK_WIDGET (self->meaning_row), !unlock);
  if (unlock)
    adw_message_dialog_set_response_label (ADW_MESSAGE_DIALOG (self), "sign", _ ("_Unlock"));
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "sign", FALSE);
  meaning_changed_cb (self);
  return self;
}
