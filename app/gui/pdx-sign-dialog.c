/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-sign-dialog.c — Sign Study / Unlock Study (ui/pdx-sign-dialog.ui): the signature is the
 * core's (pdx_study_sign, pdx_study_unlock), after PAM re-authentication with the typed password.
 * PAM runs in a GTask thread (it may wait seconds: a refused password is delayed on purpose),
 * the dialog insensitive with a spinner meanwhile and kept open; the signature is written back
 * on the main thread, on the lab's connection, and the dialog then closes. */
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
  gboolean             busy;       /* PAM is running in its thread */
  gboolean             closing;    /* a response that closes the dialog was given */
  guint                close_idle; /* closes the window after such a response */
  AdwComboRow         *meaning_row;
  GtkEditable         *reason_row;
  GtkEditable         *password_row;
  GtkLabel            *explanation;
  GtkSpinner          *spinner;
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

/* What the authentication thread gets: the login and the typed password (copied on the main
 * thread, wiped when done), and what PAM answered. */
typedef struct
{
  char         *login;
  char         *password;
  guint         questions; /* PAM's secret questions answered */
  PdxAuthResult auth;
} Reauth;

static void
reauth_free (Reauth *reauth)
{
  g_free (reauth->login);
  if (reauth->password != NULL)
    memset (reauth->password, 0, strlen (reauth->password));
  g_free (reauth->password);
  pdx_auth_result_clear (&reauth->auth);
  g_free (reauth);
}

/* PAM's questions (in the thread): the first secret one gets the typed password; any other
 * secret question (a second factor this form cannot ask for) cancels. */
static char *
password_cb (const char *prompt, gboolean echo, gboolean is_message, gpointer user_data)
{
  Reauth *reauth = user_data;

  if (is_message || reauth->questions++ > 0)
    return NULL;
  return g_strdup (reauth->password);
}

static void
reauth_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  Reauth *reauth = task_data;
  GError *error = NULL;

  if (pdx_auth_reauthenticate (reauth->login, password_cb, reauth, &reauth->auth, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
set_busy (PdxSignDialog *self, gboolean busy)
{
  GtkWidget *extra = adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (self));

  self->busy = busy;
  gtk_widget_set_sensitive (extra, !busy);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "sign", !busy);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "cancel", !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
}

/* Back on the main thread: signs or unlocks with PAM's answer, says how it went, closes. */
static void
reauth_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  PdxSignDialog   *self = PDX_SIGN_DIALOG (source);
  Reauth          *reauth = g_task_get_task_data (G_TASK (result));
  g_autofree char *reason = pdx_mice_dialog_dup_text (self->reason_row);
  g_autoptr (GError) error = NULL;
  PdxDb              *db = pdx_lab_get_db (self->context.lab);
  guint               selected = adw_combo_row_get_selected (self->meaning_row);
  PdxSignatureMeaning meaning = row_meanings[MIN (selected, G_N_ELEMENTS (row_meanings) - 1)];
  gint64              id = 0;
  gboolean            ok = g_task_propagate_boolean (G_TASK (result), &error);

  set_busy (self, FALSE);
  if (ok && self->unlock)
    ok = pdx_study_unlock (db, self->context.id, reason, &reauth->auth, &id, &error);
  else if (ok)
    ok = pdx_study_sign (db, self->context.id, meaning, reason, &reauth->auth, &id, &error);
  if (!ok)
    pdx_mice_dialog_report_error (&self->context,
                                  self->unlock ? _ ("Not unlocked") : _ ("Not signed"), error);
  else
    pdx_mice_dialog_report (&self->context,
                            self->unlock ? _ ("Study unlocked") : _ ("Study signed"));
  self->closing = TRUE;
  gtk_window_destroy (GTK_WINDOW (self));
}

gboolean
pdx_sign_dialog_is_busy (PdxSignDialog *self)
{
  g_return_val_if_fail (PDX_IS_SIGN_DIALOG (self), FALSE);
  return self->busy;
}

static void
close_idle_cb (gpointer user_data)
{
  PdxSignDialog *self = user_data;

  self->close_idle = 0;
  gtk_window_close (GTK_WINDOW (self));
}

/* "sign" starts the re-authentication and keeps the dialog open; any other response (Cancel,
 * Escape) closes it, except while PAM runs. */
static void
pdx_sign_dialog_response (AdwMessageDialog *dialog, const char *response)
{
  PdxSignDialog *self = PDX_SIGN_DIALOG (dialog);
  g_autoptr (GTask) task = NULL;
  Reauth *reauth;

  if (self->busy || self->closing)
    return;
  if (!g_str_equal (response, "sign"))
    {
      /* from an idle: the response may come from inside the window's own close request */
      self->closing = TRUE;
      self->close_idle = g_idle_add_once (close_idle_cb, self);
      return;
    }
  reauth = g_new0 (Reauth, 1);
  reauth->login = g_strdup (pdx_db_get_login (pdx_lab_get_db (self->context.lab)));
  reauth->password = g_strdup (gtk_editable_get_text (self->password_row));
  gtk_editable_set_text (self->password_row, "");
  set_busy (self, TRUE);
  task = g_task_new (self, NULL, reauth_done_cb, NULL);
  g_task_set_task_data (task, reauth, (GDestroyNotify) reauth_free);
  g_task_run_in_thread (task, reauth_thread);
}

/* After the dialog's own handler (which turns Escape into the "cancel" response): the window
 * closes only for a response that closes it, never while PAM runs. A response button closes the
 * window before its response is given: "sign" keeps it open that way. */
static gboolean
close_request_cb (PdxSignDialog *self)
{
  return self->busy || !self->closing;
}

static void
pdx_sign_dialog_dispose (GObject *object)
{
  PdxSignDialog *self = PDX_SIGN_DIALOG (object);

  g_clear_handle_id (&self->close_idle, g_source_remove);
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
  gtk_widget_class_bind_template_child (widget_class, PdxSignDialog, spinner);
  gtk_widget_class_bind_template_callback (widget_class, meaning_changed_cb);
}

static void
pdx_sign_dialog_init (PdxSignDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->reason_row, "changed", G_CALLBACK (reason_changed_cb), self);
  g_signal_connect_after (self, "close-request", G_CALLBACK (close_request_cb), NULL);
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
