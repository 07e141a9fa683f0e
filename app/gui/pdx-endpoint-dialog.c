/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-endpoint-dialog.c — the Endpoint form (ui/pdx-endpoint-dialog.ui): records a mouse's
 * endpoint, or shows the one it has to correct or clear it with a reason (pdx-correct.h). */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx-endpoint-dialog.h"

#include "pdx-gui-format.h"
#include "pdx-mice-dialogs.h"

struct _PdxEndpointDialog
{
  AdwMessageDialog     parent_instance;
  PdxMiceDialogContext context; /* id: the mouse */
  PdxEndpoint         *loaded;  /* the endpoint as the form read it; NULL: none recorded */
  char                *tag;
  GtkEditable         *date, *note, *reason;
  GtkDropDown         *kind;
  GtkCheckButton      *event;
};

G_DEFINE_FINAL_TYPE (PdxEndpointDialog, pdx_endpoint_dialog, ADW_TYPE_MESSAGE_DIALOG)

/* The endpoint as the form shows it, for the mouse (and the endpoint row) it was opened on. */
static PdxEndpoint *
form_endpoint (PdxEndpointDialog *self)
{
  PdxEndpoint *endpoint = pdx_endpoint_new ();

  endpoint->id = self->loaded ? self->loaded->id : 0;
  endpoint->mouse_id = self->context.id;
  endpoint->date = pdx_mice_dialog_dup_text (self->date);
  endpoint->note = pdx_mice_dialog_dup_text (self->note);
  endpoint->kind = gtk_drop_down_get_selected (self->kind);
  endpoint->is_event = gtk_check_button_get_active (self->event);
  return endpoint;
}

static void
pdx_endpoint_dialog_response (AdwMessageDialog *dialog, const char *response)
{
  PdxEndpointDialog *self = PDX_ENDPOINT_DIALOG (dialog);
  PdxDb             *db = pdx_lab_get_db (self->context.lab);
  g_autoptr (PdxEndpoint) endpoint = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *reason = pdx_mice_dialog_dup_text (self->reason);
  g_autofree char *message = NULL;

  if (g_str_equal (response, "clear") && self->loaded != NULL)
    {
      if (!pdx_endpoint_clear (db, self->loaded, reason, &error))
        {
          pdx_mice_dialog_report_error (&self->context, _ ("Endpoint not cleared"), error);
          return;
        }
      message = g_strdup_printf (_ ("Endpoint of mouse %s cleared"), self->tag);
      pdx_mice_dialog_report (&self->context, message);
      return;
    }
  if (!g_str_equal (response, "record"))
    return;
  endpoint = form_endpoint (self);
  if (!pdx_endpoint_set (db, self->loaded, endpoint, reason, &error))
    {
      pdx_mice_dialog_report_error (
          &self->context, self->loaded ? _ ("Endpoint not corrected") : _ ("Endpoint not recorded"),
          error);
      return;
    }
  message = g_strdup_printf (self->loaded ? _ ("Endpoint of mouse %s corrected")
                                          : _ ("Endpoint recorded for mouse %s"),
                             self->tag);
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

/* Correcting or clearing a recorded endpoint waits for its reason. */
static void
reason_changed_cb (PdxEndpointDialog *self)
{
  g_autofree char  *reason = pdx_mice_dialog_dup_text (self->reason);
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (self);

  if (self->loaded == NULL)
    return;
  adw_message_dialog_set_response_enabled (dialog, "record", reason != NULL);
  adw_message_dialog_set_response_enabled (dialog, "clear", reason != NULL);
}

static void
pdx_endpoint_dialog_dispose (GObject *object)
{
  PdxEndpointDialog *self = PDX_ENDPOINT_DIALOG (object);

  pdx_mice_dialog_context_clear (&self->context);
  g_clear_pointer (&self->loaded, pdx_endpoint_free);
  g_clear_pointer (&self->tag, g_free);
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
  gtk_widget_class_bind_template_child (widget_class, PdxEndpointDialog, reason);
  gtk_widget_class_bind_template_callback (widget_class, kind_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, reason_changed_cb);
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

/* The form on a recorded endpoint: its values shown, the reason row, Save Correction and
 * Clear Endpoint (both waiting for the reason). */
static void
show_recorded (PdxEndpointDialog *self)
{
  AdwMessageDialog  *dialog = ADW_MESSAGE_DIALOG (self);
  const PdxEndpoint *e = self->loaded;
  g_autofree char   *date = pdx_format_date (e->date);

  gtk_editable_set_text (self->date, e->date);
  gtk_drop_down_set_selected (self->kind, e->kind);
  gtk_check_button_set_active (self->event, e->is_event);
  gtk_editable_set_text (self->note, e->note ? e->note : "");
  gtk_widget_set_visible (GTK_WIDGET (self->reason), TRUE);
  adw_message_dialog_format_body (
      dialog,
      /* Translators: the endpoint's kind, its date, whether it is an event. */
      _ ("Recorded: %s on %s (%s). Correct it below, or clear it if it was recorded by "
         "mistake; either needs a reason, kept in the audit log."),
      _ (pdx_endpoint_kind_get_label (e->kind)), date,
      e->is_event ? _ ("an event for survival") : _ ("censored"));
  adw_message_dialog_set_response_label (dialog, "record", _ ("_Save Correction"));
  adw_message_dialog_add_response (dialog, "clear", _ ("C_lear Endpoint"));
  adw_message_dialog_set_response_appearance (dialog, "clear", ADW_RESPONSE_DESTRUCTIVE);
  reason_changed_cb (self);
}

PdxEndpointDialog *
pdx_endpoint_dialog_new (GtkWidget *origin, GtkWindow *parent, PdxLab *lab, gint64 mouse_id)
{
  PdxDb *db = pdx_lab_get_db (lab);
  g_autoptr (PdxMouse) mouse = pdx_mouse_get (db, mouse_id, NULL);
  g_autofree char *heading = g_strdup_printf (_ ("Endpoint of Mouse %s"), mouse ? mouse->tag : "?");
  PdxEndpointDialog *self =
      g_object_new (PDX_TYPE_ENDPOINT_DIALOG, "transient-for", parent, "heading", heading, NULL);

  pdx_mice_dialog_context_init (&self->context, origin, lab, mouse_id);
  self->tag = g_strdup (mouse ? mouse->tag : "?");
  self->loaded = pdx_endpoint_find_for_mouse (db, mouse_id, NULL);
  if (self->loaded != NULL)
    show_recorded (self);
  return self;
}
