/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-exclude-measurement-dialog.c — the Exclude Measurement form
 * (ui/pdx-exclude-measurement-dialog.ui): one measurement out of, or back into, the analysis. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx-exclude-measurement-dialog.h"

#include "pdx-gui-format.h"
#include "pdx-mice-dialogs.h"

struct _PdxExcludeMeasurementDialog
{
  AdwMessageDialog     parent_instance;
  PdxMiceDialogContext context; /* id: the measurement */
  gboolean             exclude; /* what "apply" does: exclude (TRUE) or include again */
  char                *what;    /* "mouse D-05 on 10 Jun 2026", for the toast */
  GtkEditable         *reason;
};

G_DEFINE_FINAL_TYPE (PdxExcludeMeasurementDialog,
                     pdx_exclude_measurement_dialog,
                     ADW_TYPE_MESSAGE_DIALOG)

static void
pdx_exclude_measurement_dialog_response (AdwMessageDialog *dialog, const char *response)
{
  PdxExcludeMeasurementDialog *self = PDX_EXCLUDE_MEASUREMENT_DIALOG (dialog);
  PdxDb                       *db = pdx_lab_get_db (self->context.lab);
  g_autofree char             *reason = pdx_mice_dialog_dup_text (self->reason);
  g_autofree char             *message = NULL;
  g_autoptr (GError) error = NULL;

  if (!g_str_equal (response, "apply"))
    return;
  if (!pdx_measurement_set_excluded (db, self->context.id, self->exclude, reason, &error))
    {
      pdx_mice_dialog_report_error (
          &self->context,
          self->exclude ? _ ("Measurement not excluded") : _ ("Measurement not included"), error);
      return;
    }
  message = g_strdup_printf (self->exclude ? _ ("Measurement of %s excluded from analysis")
                                           : _ ("Measurement of %s included in analysis again"),
                             self->what);
  pdx_mice_dialog_report (&self->context, message);
}

/* The form waits for a reason. */
static void
reason_changed_cb (PdxExcludeMeasurementDialog *self)
{
  g_autofree char *reason = pdx_mice_dialog_dup_text (self->reason);

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "apply", reason != NULL);
}

static void
pdx_exclude_measurement_dialog_dispose (GObject *object)
{
  PdxExcludeMeasurementDialog *self = PDX_EXCLUDE_MEASUREMENT_DIALOG (object);

  pdx_mice_dialog_context_clear (&self->context);
  g_clear_pointer (&self->what, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), PDX_TYPE_EXCLUDE_MEASUREMENT_DIALOG);
  G_OBJECT_CLASS (pdx_exclude_measurement_dialog_parent_class)->dispose (object);
}

static void
pdx_exclude_measurement_dialog_class_init (PdxExcludeMeasurementDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pdx_exclude_measurement_dialog_dispose;
  ADW_MESSAGE_DIALOG_CLASS (klass)->response = pdx_exclude_measurement_dialog_response;
  gtk_widget_class_set_template_from_resource (
      widget_class, "/org/pdxtrack/Pdxtrack/ui/pdx-exclude-measurement-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PdxExcludeMeasurementDialog, reason);
  gtk_widget_class_bind_template_callback (widget_class, reason_changed_cb);
}

static void
pdx_exclude_measurement_dialog_init (PdxExcludeMeasurementDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Heading, body and button for excluding (@excluded FALSE: the measurement counts now) or for
 * including again (with the reason it was excluded for). */
static void
describe (PdxExcludeMeasurementDialog *self, gboolean excluded, const char *why)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (self);

  self->exclude = !excluded;
  if (self->exclude)
    {
      adw_message_dialog_set_heading (dialog, _ ("Exclude Measurement?"));
      adw_message_dialog_format_body (
          dialog,
          _ ("The measurement of %s is left out of every metric, chart and statistic (an "
             "imaging failure, a mis-injected luciferin). It stays in the lab and in the "
             "measurements export, marked excluded with its reason."),
          self->what);
      return;
    }
  adw_message_dialog_set_heading (dialog, _ ("Include Measurement Again?"));
  adw_message_dialog_format_body (dialog,
                                  _ ("The measurement of %s was excluded: “%s”. Included again, "
                                     "it counts in every metric, chart and statistic."),
                                  self->what, why ? why : "");
  adw_message_dialog_set_response_label (dialog, "apply", _ ("_Include"));
  adw_message_dialog_set_response_appearance (dialog, "apply", ADW_RESPONSE_SUGGESTED);
}

PdxExcludeMeasurementDialog *
pdx_exclude_measurement_dialog_new (
    GtkWidget *origin, GtkWindow *parent, PdxLab *lab, gint64 measurement_id, GError **error)
{
  PdxDb *db = pdx_lab_get_db (lab);
  g_autoptr (PdxMeasurement) measurement = pdx_measurement_get (db, measurement_id, error);
  g_autoptr (PdxMouse) mouse = NULL;
  g_autofree char             *why = NULL, *date = NULL;
  PdxExcludeMeasurementDialog *self;
  gboolean                     excluded = FALSE;

  if (measurement == NULL || (mouse = pdx_mouse_get (db, measurement->mouse_id, error)) == NULL ||
      !pdx_measurement_get_exclusion (db, measurement_id, &excluded, &why, error))
    return NULL;
  self = g_object_new (PDX_TYPE_EXCLUDE_MEASUREMENT_DIALOG, "transient-for", parent, NULL);
  pdx_mice_dialog_context_init (&self->context, origin, lab, measurement_id);
  date = pdx_format_date (measurement->date);
  /* Translators: a mouse's tag and a date, as in "the measurement of mouse D-05 on 10 Jun". */
  self->what = g_strdup_printf (_ ("mouse %s on %s"), mouse->tag, date);
  describe (self, excluded, why);
  /* Apply waits for a reason, whatever the template's initial state. */
  reason_changed_cb (self);
  return self;
}

const char *
pdx_exclude_measurement_dialog_get_action (PdxExcludeMeasurementDialog *self)
{
  g_return_val_if_fail (PDX_IS_EXCLUDE_MEASUREMENT_DIALOG (self), NULL);
  return self->exclude ? "exclude" : "include";
}
