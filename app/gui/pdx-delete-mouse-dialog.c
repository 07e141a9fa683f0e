/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-delete-mouse-dialog.c — the Delete Mouse form (ui/pdx-delete-mouse-dialog.ui). */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx-delete-mouse-dialog.h"

#include "pdx-mice-dialogs.h"

struct _PdxDeleteMouseDialog
{
  AdwMessageDialog     parent_instance;
  PdxMiceDialogContext context; /* id: the mouse */
  GtkEditable         *reason;
};

G_DEFINE_FINAL_TYPE (PdxDeleteMouseDialog, pdx_delete_mouse_dialog, ADW_TYPE_MESSAGE_DIALOG)

/* Deletes the mouse when it has no measurement and no endpoint and a reason is typed; any
 * other case is refused with a toast that says why, nothing written. */
static void
pdx_delete_mouse_dialog_response (AdwMessageDialog *dialog, const char *response)
{
  PdxDeleteMouseDialog       *self = PDX_DELETE_MOUSE_DIALOG (dialog);
  const PdxMiceDialogContext *context = &self->context;
  PdxDb                      *db = pdx_lab_get_db (context->lab);
  g_autoptr (PdxMouse) mouse = NULL;
  g_autoptr (GPtrArray) measurements = NULL;
  g_autoptr (PdxEndpoint) endpoint = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *reason = NULL, *message = NULL;
  gboolean         ok;

  if (!g_str_equal (response, "delete"))
    return;
  mouse = pdx_mouse_get (db, context->id, &error);
  if (mouse == NULL)
    {
      pdx_mice_dialog_report_error (context, _ ("Not deleted"), error);
      return;
    }
  measurements = pdx_measurement_list_for_mouse (db, mouse->id, &error);
  if (measurements == NULL)
    {
      pdx_mice_dialog_report_error (context, _ ("Not deleted"), error);
      return;
    }
  endpoint = pdx_endpoint_find_for_mouse (db, mouse->id, NULL);
  if (measurements->len > 0 || endpoint != NULL)
    {
      message = g_strdup_printf (
          measurements->len > 0
              ? _ ("Not deleted: mouse %s has measurements; exclude it instead, with a reason")
              : _ ("Not deleted: mouse %s has an endpoint; exclude it instead, with a reason"),
          mouse->tag);
      pdx_mice_dialog_report (context, message);
      return;
    }
  reason = pdx_mice_dialog_dup_text (self->reason);
  if (reason == NULL)
    {
      pdx_mice_dialog_report (context, _ ("Not deleted: say why the mouse is deleted"));
      return;
    }
  pdx_db_set_reason (db, reason);
  ok = pdx_row_delete (db, PDX_TABLE_MOUSE, mouse->id, &error);
  pdx_db_set_reason (db, NULL);
  if (!ok)
    {
      pdx_mice_dialog_report_error (context, _ ("Not deleted"), error);
      return;
    }
  message = g_strdup_printf (_ ("Mouse %s deleted"), mouse->tag);
  pdx_mice_dialog_report (context, message);
}

static void
pdx_delete_mouse_dialog_dispose (GObject *object)
{
  PdxDeleteMouseDialog *self = PDX_DELETE_MOUSE_DIALOG (object);

  pdx_mice_dialog_context_clear (&self->context);
  gtk_widget_dispose_template (GTK_WIDGET (self), PDX_TYPE_DELETE_MOUSE_DIALOG);
  G_OBJECT_CLASS (pdx_delete_mouse_dialog_parent_class)->dispose (object);
}

static void
pdx_delete_mouse_dialog_class_init (PdxDeleteMouseDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pdx_delete_mouse_dialog_dispose;
  ADW_MESSAGE_DIALOG_CLASS (klass)->response = pdx_delete_mouse_dialog_response;
  gtk_widget_class_set_template_from_resource (
      widget_class, "/org/pdxtrack/Pdxtrack/ui/pdx-delete-mouse-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PdxDeleteMouseDialog, reason);
}

static void
pdx_delete_mouse_dialog_init (PdxDeleteMouseDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

PdxDeleteMouseDialog *
pdx_delete_mouse_dialog_new (GtkWidget *origin, GtkWindow *parent, PdxLab *lab, gint64 mouse_id)
{
  g_autoptr (PdxMouse) mouse = pdx_mouse_get (pdx_lab_get_db (lab), mouse_id, NULL);
  g_autofree char *heading = g_strdup_printf (_ ("Delete Mouse %s?"), mouse ? mouse->tag : "?");
  PdxDeleteMouseDialog *self = g_object_new (PDX_TYPE_DELETE_MOUSE_DIALOG, "transient-for", parent,
                                             "heading", heading, NULL);

  pdx_mice_dialog_context_init (&self->context, origin, lab, mouse_id);
  return self;
}
