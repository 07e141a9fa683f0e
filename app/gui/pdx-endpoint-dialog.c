/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-endpoint-dialog.c — the Endpoint form (ui/pdx-endpoint-dialog.ui). */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx-endpoint-dialog.h"

#include "pdx-gui-format.h"
#include "pdx-mice-dialogs.h"

struct _PdxEndpointDialog
{
  AdwMessageDialog     parent_instance;
  PdxMiceDialogContext context; /* id: the mouse */
  GtkEditable         *date, *note;
  GtkDropDown         *kind;
  GtkCheckButton      *event;
};

G_DEFINE_FINAL_TYPE (PdxEndpointDialog, pdx_endpoint_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
pdx_endpoint_dialog_response (AdwMessageDialog *dialog, const char *response)
{
  PdxEndpointDialog *self = PDX_ENDPOINT_DIALOG (dialog);
  PdxDb             *db = pdx_lab_get_db (self->context.lab);
  g_autoptr (PdxEndpoint) endpoint = pdx_endpoint_new ();
  g_autoptr (PdxMouse) mouse = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;

  if (!g_str_equal (response, "record"))
    return;
  endpoint->mouse_id = self->context.id;
  endpoint->date = pdx_mice_dialog_dup_text (self->date);
  endpoint->note = pdx_mice_dialog_dup_text (self->note);
  endpoint->kind = gtk_drop_down_get_selected (self->kind);
  endpoint->is_event = gtk_check_button_get_active (self->event);
  mouse = pdx_mouse_get (db, self->context.id, &error);
  if (mouse == NULL || !pdx_endpoint_insert (db, endpoint, &error))
    {
      pdx_mice_dialog_report_error (&self->context, _ ("Endpoint not recorded"), error);
      return;
    }
  message = g_strdup_printf (_ ("Endpoint recorded for mouse %s"), mouse->tag);
  pdx_mice_dialog_report (&self->context, message);
}

/* A kind that is an event (death, humane endpoints) ticks "Counts as an event"; the person may
 * still change it. */
static void
kind_changed_cb (PdxEndpointDialog *self)
{
  gtk_check_button_set_active (
      self->event, pdx_endpoint_kind_is_event (gtk_drop_down_get_selected (self->kind)));
}

static void
pdx_endpoint_dialog_dispose (GObject *object)
{
  PdxEndpointDialog *self = PDX_ENDPOINT_DIALOG (object);

  pdx_mice_dialog_context_clear (&self->context);
  gtk_widget_dispose_template (GTK_WIDGET (self), PDX_TYPE_ENDPOINT_DIALOG);
  G_OBJECT_CLASS (pdx_endpoint_dialog_parent_class)->dispose (object);
}

static void
pdx_endpoint_dialog_class_init (PdxEndpointDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pdx_endpoint_dialog_dispose;
  ADW_MESSAGE_DIALOG_CLASS (klass)->response = pdx_endpoint_dialog_response;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/pdxtrack/Pdxtrack/ui/pdx-endpoint-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PdxEndpointDialog, date);
  gtk_widget_class_bind_template_child (widget_class, PdxEndpointDialog, kind);
  gtk_widget_class_bind_template_child (widget_class, PdxEndpointDialog, event);
  gtk_widget_class_bind_template_child (widget_class, PdxEndpointDialog, note);
  gtk_widget_class_bind_template_callback (widget_class, kind_changed_cb);
}

/* The kinds, in PdxEndpointKind order, labelled by pdx-core; the first one selected. */
static void
pdx_endpoint_dialog_init (PdxEndpointDialog *self)
{
  g_autoptr (GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autofree char *today = pdx_format_today ();

  gtk_widget_init_template (GTK_WIDGET (self));
  for (int k = 0; k <= PDX_ENDPOINT_OTHER; k++)
    gtk_string_list_append (kinds, _ (pdx_endpoint_kind_get_label (k)));
  gtk_drop_down_set_model (self->kind, G_LIST_MODEL (kinds));
  gtk_drop_down_set_selected (self->kind, 0);
  gtk_check_button_set_active (self->event, pdx_endpoint_kind_is_event (0));
  gtk_editable_set_text (self->date, today);
}

PdxEndpointDialog *
pdx_endpoint_dialog_new (GtkWidget *origin, GtkWindow *parent, PdxLab *lab, gint64 mouse_id)
{
  g_autoptr (PdxMouse) mouse = pdx_mouse_get (pdx_lab_get_db (lab), mouse_id, NULL);
  g_autofree char *heading = g_strdup_printf (_ ("Endpoint of Mouse %s"), mouse ? mouse->tag : "?");
  PdxEndpointDialog *self =
      g_object_new (PDX_TYPE_ENDPOINT_DIALOG, "transient-for", parent, "heading", heading, NULL);

  pdx_mice_dialog_context_init (&self->context, origin, lab, mouse_id);
  return self;
}
