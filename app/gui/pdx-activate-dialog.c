/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-activate-dialog.c — Make the Study Active from Today? (ui/pdx-activate-dialog.ui),
 * offered after a planned study is randomised; nothing changes without the person's yes. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx-activate-dialog.h"

#include "pdx-gui-format.h"
#include "pdx-mice-dialogs.h"

struct _PdxActivateDialog
{
  AdwMessageDialog     parent_instance;
  PdxMiceDialogContext context; /* id: the study */
  char                *code;
};

G_DEFINE_FINAL_TYPE (PdxActivateDialog, pdx_activate_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
pdx_activate_dialog_response (AdwMessageDialog *dialog, const char *response)
{
  PdxActivateDialog *self = PDX_ACTIVATE_DIALOG (dialog);
  g_autofree char   *today = pdx_format_today (), *message = NULL;
  g_autoptr (GError) error = NULL;

  if (!g_str_equal (response, "activate"))
    return;
  if (!pdx_study_set_status (pdx_lab_get_db (self->context.lab), self->context.id, "planned",
                             "active", today, NULL, &error))
    {
      pdx_mice_dialog_report_error (&self->context, _ ("Status not changed"), error);
      return;
    }
  message = g_strdup_printf (_ ("Study %s is active from today"), self->code);
  pdx_mice_dialog_report (&self->context, message);
}

PdxActivateDialog *
pdx_activate_dialog_new (GtkWidget *origin, GtkWindow *parent, PdxLab *lab, gint64 study_id)
{
  g_autoptr (PdxStudy) study = pdx_study_get (pdx_lab_get_db (lab), study_id, NULL);
  g_autofree char   *today = pdx_format_today ();
  g_autofree char   *day = pdx_format_date (today);
  PdxActivateDialog *self = g_object_new (PDX_TYPE_ACTIVATE_DIALOG, "transient-for", parent, NULL);

  pdx_mice_dialog_context_init (&self->context, origin, lab, study_id);
  self->code = g_strdup (study ? study->code : "?");
  adw_message_dialog_format_body (
      ADW_MESSAGE_DIALOG (self),
      /* Translators: the study's code, then today's date. */
      _ ("Study %s is still planned. Its mice are now in their arms: record that it became "
         "active on %s? The change is dated and kept in the audit trail."),
      self->code, day);
  return self;
}

static void
pdx_activate_dialog_dispose (GObject *object)
{
  PdxActivateDialog *self = PDX_ACTIVATE_DIALOG (object);

  pdx_mice_dialog_context_clear (&self->context);
  g_clear_pointer (&self->code, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), PDX_TYPE_ACTIVATE_DIALOG);
  G_OBJECT_CLASS (pdx_activate_dialog_parent_class)->dispose (object);
}

static void
pdx_activate_dialog_class_init (PdxActivateDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pdx_activate_dialog_dispose;
  ADW_MESSAGE_DIALOG_CLASS (klass)->response = pdx_activate_dialog_response;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/pdxtrack/Pdxtrack/ui/pdx-activate-dialog.ui");
}

static void
pdx_activate_dialog_init (PdxActivateDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
