/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-mice-dialogs.c — opens the small forms of the Mice page and holds what they share (see
 * the header). */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx-mice-dialogs.h"

#include "pdx-add-mice-dialog.h"
#include "pdx-delete-mouse-dialog.h"
#include "pdx-edit-mouse-dialog.h"
#include "pdx-endpoint-dialog.h"
#include "pdx-exclude-dialog.h"
#include "pdx-randomise-dialog.h"

void
pdx_mice_dialog_context_init (PdxMiceDialogContext *context,
                              GtkWidget            *origin,
                              PdxLab               *lab,
                              gint64                id)
{
  g_set_weak_pointer (&context->origin, origin);
  g_set_object (&context->lab, lab);
  context->id = id;
}

void
pdx_mice_dialog_context_copy (PdxMiceDialogContext *copy, const PdxMiceDialogContext *from)
{
  pdx_mice_dialog_context_init (copy, from->origin, from->lab, from->id);
}

void
pdx_mice_dialog_context_clear (PdxMiceDialogContext *context)
{
  g_clear_weak_pointer (&context->origin);
  g_clear_object (&context->lab);
}

void
pdx_mice_dialog_report (const PdxMiceDialogContext *context, const char *message)
{
  if (context->origin != NULL)
    gtk_widget_activate_action (context->origin, "win.toast", "s", message);
}

void
pdx_mice_dialog_report_error (const PdxMiceDialogContext *context,
                              const char                 *what,
                              const GError               *error)
{
  g_autofree char *message = g_strdup_printf ("%s: %s", what, error->message);

  pdx_mice_dialog_report (context, message);
}

char *
pdx_mice_dialog_dup_text (GtkEditable *editable)
{
  char *text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  if (text[0] == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

AdwMessageDialog *
pdx_mice_dialog_alert (GtkWindow *parent, const char *heading, const char *body)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading, body));

  adw_message_dialog_add_response (dialog, "close", _ ("_Close"));
  return dialog;
}

AdwMessageDialog *
pdx_mice_dialog_add (GtkWidget *origin, GtkWindow *parent, PdxLab *lab, gint64 study_id)
{
  return ADW_MESSAGE_DIALOG (pdx_add_mice_dialog_new (origin, parent, lab, study_id));
}

AdwMessageDialog *
pdx_mice_dialog_randomise (GtkWidget *origin, GtkWindow *parent, PdxLab *lab, gint64 study_id)
{
  g_autoptr (GError) error = NULL;
  PdxRandomiseDialog *dialog = pdx_randomise_dialog_new (origin, parent, lab, study_id, &error);

  if (dialog == NULL)
    return pdx_mice_dialog_alert (parent, _ ("Cannot Randomise"), error->message);
  return ADW_MESSAGE_DIALOG (dialog);
}

AdwMessageDialog *
pdx_mice_dialog_endpoint (GtkWidget *origin, GtkWindow *parent, PdxLab *lab, gint64 mouse_id)
{
  return ADW_MESSAGE_DIALOG (pdx_endpoint_dialog_new (origin, parent, lab, mouse_id));
}

AdwMessageDialog *
pdx_mice_dialog_exclude (GtkWidget *origin, GtkWindow *parent, PdxLab *lab, gint64 mouse_id)
{
  return ADW_MESSAGE_DIALOG (pdx_exclude_dialog_new (origin, parent, lab, mouse_id));
}

AdwMessageDialog *
pdx_mice_dialog_delete (GtkWidget *origin, GtkWindow *parent, PdxLab *lab, gint64 mouse_id)
{
  return ADW_MESSAGE_DIALOG (pdx_delete_mouse_dialog_new (origin, parent, lab, mouse_id));
}

AdwMessageDialog *
pdx_mice_dialog_edit (GtkWidget *origin, GtkWindow *parent, PdxLab *lab, gint64 mouse_id)
{
  g_autoptr (GError) error = NULL;
  PdxEditMouseDialog *dialog = pdx_edit_mouse_dialog_new (origin, parent, lab, mouse_id, &error);

  if (dialog == NULL)
    return pdx_mice_dialog_alert (parent, _ ("Cannot Edit"), error->message);
  return ADW_MESSAGE_DIALOG (dialog);
}
