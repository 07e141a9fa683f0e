/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-exclude-dialog.c — the Exclude Mouse form (ui/pdx-exclude-dialog.ui). */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx-exclude-dialog.h"

#include "pdx-mice-dialogs.h"

struct _PdxExcludeDialog
{
  AdwMessageDialog     parent_instance;
  PdxMiceDialogContext context; /* id: the mouse */
  GtkEditable         *reason;
};

G_DEFINE_FINAL_TYPE (PdxExcludeDialog, pdx_exclude_dialog, ADW_TYPE_MESSAGE_DIALOG)

/* Marks the mouse excluded with the typed reason (the core refuses an exclusion without one);
 * the reason goes into the audit log too. */
static void
pdx_exclude_dialog_response (AdwMessageDialog *dialog, const char *response)
{
  PdxExcludeDialog *self = PDX_EXCLUDE_DIALOG (dialog);
  PdxDb            *db = pdx_lab_get_db (self->context.lab);
  g_autoptr (PdxMouse) mouse = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;
  gboolean         ok;

  if (!g_str_equal (response, "exclude"))
    return;
  mouse = pdx_mouse_get (db, self->context.id, &error);
  if (mouse == NULL)
    {
      pdx_mice_dialog_report_error (&self->context, _ ("Not excluded"), error);
      return;
    }
  mouse->excluded = TRUE;
  g_free (mouse->exclusion_reason);
  mouse->exclusion_reason = pdx_mice_dialog_dup_text (self->reason);
  pdx_db_set_reason (db, mouse->exclusion_reason);
  ok = pdx_mouse_update (db, mouse, &error);
  pdx_db_set_reason (db, NULL);
  if (!ok)
    {
      pdx_mice_dialog_report_error (&self->context, _ ("Not excluded"), error);
      return;
    }
  message = g_strdup_printf (_ ("Mouse %s excluded"), mouse->tag);
  pdx_mice_dialog_report (&self->context, message);
}

static void
pdx_exclude_dialog_dispose (GObject *object)
{
  PdxExcludeDialog *self = PDX_EXCLUDE_DIALOG (object);

  pdx_mice_dialog_context_clear (&self->context);
  gtk_widget_dispose_template (GTK_WIDGET (self), PDX_TYPE_EXCLUDE_DIALOG);
  G_OBJECT_CLASS (pdx_exclude_dialog_parent_class)->dispose (object);
}

static void
pdx_exclude_dialog_class_init (PdxExcludeDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pdx_exclude_dialog_dispose;
  ADW_MESSAGE_DIALOG_CLASS (klass)->response = pdx_exclude_dialog_response;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/pdxtrack/Pdxtrack/ui/pdx-exclude-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PdxExcludeDialog, reason);
}

static void
pdx_exclude_dialog_init (PdxExcludeDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

PdxExcludeDialog *
pdx_exclude_dialog_new (GtkWidget *origin, GtkWindow *parent, PdxLab *lab, gint64 mouse_id)
{
  g_autoptr (PdxMouse) mouse = pdx_mouse_get (pdx_lab_get_db (lab), mouse_id, NULL);
  g_autofree char  *heading = g_strdup_printf (_ ("Exclude Mouse %s?"), mouse ? mouse->tag : "?");
  PdxExcludeDialog *self =
      g_object_new (PDX_TYPE_EXCLUDE_DIALOG, "transient-for", parent, "heading", heading, NULL);

  pdx_mice_dialog_context_init (&self->context, origin, lab, mouse_id);
  return self;
}
