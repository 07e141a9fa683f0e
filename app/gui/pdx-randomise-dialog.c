/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-randomise-dialog.c — the Randomise form (ui/pdx-randomise-dialog.ui). */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx-randomise-dialog.h"

#include <math.h>

#include "pdx/pdx-analysis.h"
#include "pdx-activate-dialog.h"
#include "pdx-gui-format.h"
#include "pdx-mice-dialogs.h"

struct _PdxRandomiseDialog
{
  AdwMessageDialog     parent_instance;
  PdxMiceDialogContext context; /* id: the study */
  guint32              seed;    /* of the plan shown; the same seed gives the same assignment */
  GtkLabel            *report;
};

G_DEFINE_FINAL_TYPE (PdxRandomiseDialog, pdx_randomise_dialog, ADW_TYPE_MESSAGE_DIALOG)

static char *
balance_text (const PdxStudyData *data, const PdxBalanceReport *report)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (
      out,
      g_dngettext (GETTEXT_PACKAGE, "%u mouse to assign (%u without a baseline value).\n\n",
                   "%u mice to assign (%u without a baseline value).\n\n", report->n_assigned),
      report->n_assigned, report->n_without_baseline);
  for (guint i = 0; i < report->n_arms; i++)
    {
      const PdxBalanceArm *arm = &report->arms[i];
      g_autofree char     *mean = pdx_format_readout (data->readout, arm->mean);
      g_autofree char     *sd = pdx_format_readout (data->readout, arm->sd);

      /* Translators: arm, number of mice, mean and SD of the baseline, females, males. */
      g_string_append_printf (out, _ ("%s: n = %u, baseline %s ± %s (SD), %u F / %u M\n"),
                              data->arms[arm->arm].name, arm->n, mean, sd, arm->n_female,
                              arm->n_male);
    }
  if (!isnan (report->anova_p))
    g_string_append_printf (out,
                            _ ("\nOne-way ANOVA of the baseline across arms: F = %.2f, p = %.3f"),
                            report->anova_f, report->anova_p);
  return g_string_free (out, FALSE);
}

/* Writes the randomisation of the seed shown (the core draws the same plan again). */
static void
pdx_randomise_dialog_response (AdwMessageDialog *dialog, const char *response)
{
  PdxRandomiseDialog *self = PDX_RANDOMISE_DIALOG (dialog);
  PdxDb              *db = pdx_lab_get_db (self->context.lab);
  PdxRandomization    r = { .seed = self->seed };
  g_autoptr (PdxBalanceReport) done = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;
  g_autoptr (PdxStudy) study = NULL;
  gboolean ok;

  if (!g_str_equal (response, "randomise"))
    return;
  ok = pdx_study_assign_arms (db, self->context.id, "randomisation", pdx_randomization_plan, &r,
                              &error);
  done = g_steal_pointer (&r.report);
  if (!ok)
    {
      pdx_mice_dialog_report_error (&self->context, _ ("Not randomised"), error);
      return;
    }
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Randomised %u mouse (seed %u)",
                                          "Randomised %u mice (seed %u)", done->n_assigned),
                             done->n_assigned, self->seed);
  pdx_mice_dialog_report (&self->context, message);
  /* A planned study whose mice are now in their arms has begun: offered, never assumed. */
  study = pdx_study_get (db, self->context.id, NULL);
  if (study != NULL && g_str_equal (study->status, "planned"))
    gtk_window_present (GTK_WINDOW (pdx_activate_dialog_new (
        self->context.origin, gtk_window_get_transient_for (GTK_WINDOW (self)), self->context.lab,
        self->context.id)));
}

static void
pdx_randomise_dialog_dispose (GObject *object)
{
  PdxRandomiseDialog *self = PDX_RANDOMISE_DIALOG (object);

  pdx_mice_dialog_context_clear (&self->context);
  gtk_widget_dispose_template (GTK_WIDGET (self), PDX_TYPE_RANDOMISE_DIALOG);
  G_OBJECT_CLASS (pdx_randomise_dialog_parent_class)->dispose (object);
}

static void
pdx_randomise_dialog_class_init (PdxRandomiseDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pdx_randomise_dialog_dispose;
  ADW_MESSAGE_DIALOG_CLASS (klass)->response = pdx_randomise_dialog_response;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/pdxtrack/Pdxtrack/ui/pdx-randomise-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PdxRandomiseDialog, report);
}

static void
pdx_randomise_dialog_init (PdxRandomiseDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

PdxRandomiseDialog *
pdx_randomise_dialog_new (
    GtkWidget *origin, GtkWindow *parent, PdxLab *lab, gint64 study_id, GError **error)
{
  g_autoptr (PdxStudyData) data = NULL;
  g_autoptr (PdxBalanceReport) plan = NULL;
  g_autofree char    *text = NULL;
  guint32             seed = g_random_int_range (1, 1000000);
  PdxRandomiseDialog *self;

  g_return_val_if_fail (PDX_IS_LAB (lab), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  data = pdx_study_data_load (pdx_lab_get_db (lab), study_id, error);
  if (data == NULL || (plan = pdx_randomize_plan (data, seed, error)) == NULL)
    return NULL;
  self = g_object_new (PDX_TYPE_RANDOMISE_DIALOG, "transient-for", parent, NULL);
  pdx_mice_dialog_context_init (&self->context, origin, lab, study_id);
  self->seed = seed;
  text = balance_text (data, plan);
  gtk_label_set_text (self->report, text);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (self),
                                  _ ("Balanced on the baseline readout with seed %u; the same seed "
                                     "gives the same assignment."),
                                  seed);
  return self;
}
