/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-add-measurement-dialog.c — Add Measurement of the mouse page
 * (ui/pdx-add-measurement-dialog.ui). The values typed live in a PdxSheetRow, the bench sheet's
 * row: the same parsing, checks and changed cells, saved by the same pdx_sheet_save_with_reason.
 * The dialog hides on every response and is destroyed only when it is done (saved or
 * cancelled): a refused save shows it again with what was typed. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx-add-measurement-dialog.h"

#include <math.h>

#include "pdx-gui-format.h"
#include "pdx-mice-dialogs.h"
#include "pdx-reason-dialog.h"
#include "pdx-sheet-row.h"

struct _PdxAddMeasurementDialog
{
  AdwMessageDialog     parent_instance;
  PdxMiceDialogContext context; /* id: the mouse */
  gint64               study_id;
  char                *tag;
  double               reference_weight_g;
  GtkEditable         *date, *fields[PDX_SHEET_N_FIELDS];
  GtkLabel            *day_label, *problems_label;
  char                *day; /* the date the row is for, ISO; NULL when the date is not a day */
  PdxSheetRow         *row;
  char                *save_error; /* the last refusal, shown until something is edited */
  gboolean             filling;    /* setting the fields from the stored row */
  AdwMessageDialog    *confirm;    /* weak: the unusual-value or reason question open */
};

G_DEFINE_FINAL_TYPE (PdxAddMeasurementDialog, pdx_add_measurement_dialog, ADW_TYPE_MESSAGE_DIALOG)

/* Every readout the form takes, in its order: the template's entry row, its title (the label
 * with the unit), and the bench sheet's cell behind it. The cell (PdxSheetRow) does the rest the
 * same way for each: the parsing in the person's language, the check against the quantity's
 * ranges (pdx_quantity_check: impossible refused, unusual confirmed), the column it is saved to
 * and whether it changed. One code path for every readout: a new one is a line here and a row
 * in the template. */
static const struct
{
  PdxSheetField field;
  const char   *id;    /* the AdwEntryRow of ui/pdx-add-measurement-dialog.ui */
  const char   *title; /* translatable */
} readouts[] = {
  { PDX_SHEET_BLI, "bli", N_ ("BLI total flux (photons/s)") },
  { PDX_SHEET_MRI, "mri", N_ ("MRI volume (mm³)") },
  { PDX_SHEET_LENGTH, "length", N_ ("Caliper length (mm)") },
  { PDX_SHEET_WIDTH, "width", N_ ("Caliper width (mm)") },
  { PDX_SHEET_WEIGHT, "weight", N_ ("Body weight (g)") },
  { PDX_SHEET_NEURO, "neuro", N_ ("Neuro score (0–4)") },
  { PDX_SHEET_NOTE, "note", N_ ("Note") },
};
G_STATIC_ASSERT (G_N_ELEMENTS (readouts) == PDX_SHEET_N_FIELDS);

static void
update_problems (PdxAddMeasurementDialog *self)
{
  g_autofree char *messages = self->row ? pdx_sheet_row_dup_all_messages (self->row, "\n") : NULL;
  g_autofree char *text = NULL;
  gboolean         can_save;

  if (self->save_error != NULL)
    text = g_strdup (self->save_error);
  else if (self->day == NULL)
    text = g_strdup (_ ("Type the day of the measurement as YYYY-MM-DD."));
  else
    text = g_strdup (messages ? messages : "");
  can_save = self->day != NULL && self->row != NULL &&
             pdx_sheet_row_get_level (self->row) != PDX_SHEET_ERROR &&
             pdx_sheet_row_get_changed (self->row) != 0;
  gtk_label_set_text (self->problems_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->problems_label), text[0] != '\0');
  gtk_widget_remove_css_class (GTK_WIDGET (self->problems_label), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->problems_label), "warning");
  if (text[0] != '\0')
    gtk_widget_add_css_class (
        GTK_WIDGET (self->problems_label),
        self->save_error != NULL || self->day == NULL ||
                (self->row && pdx_sheet_row_get_level (self->row) == PDX_SHEET_ERROR)
            ? "error"
            : "warning");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "save", can_save);
}

/* The row of @day: its stored values (if any) fill the fields. */
static void
load_day (PdxAddMeasurementDialog *self, const char *day)
{
  PdxDb *db = pdx_lab_get_db (self->context.lab);
  g_autoptr (PdxMeasurement) stored = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  PdxSheetLimits   limits = { 15, 20 };

  stored = pdx_measurement_find (db, self->context.id, day, &error);
  g_clear_object (&self->row);
  g_free (self->day);
  self->day = NULL;
  if (error != NULL)
    {
      g_free (self->save_error);
      self->save_error = g_strdup (error->message);
      return;
    }
  self->day = g_strdup (day);
  self->row = pdx_sheet_row_new (self->context.id, self->tag, NULL, NULL, self->reference_weight_g,
                                 stored, &limits);
  self->filling = TRUE;
  for (int f = 0; f < PDX_SHEET_N_FIELDS; f++)
    gtk_editable_set_text (self->fields[f], pdx_sheet_row_get_text (self->row, f));
  self->filling = FALSE;
  text = stored != NULL ? g_strdup_printf (_ ("The values saved for %s are shown: change a value "
                                              "to correct it (with a reason)."),
                                           day)
                        : g_strdup_printf (_ ("Nothing is saved for %s yet."), day);
  gtk_label_set_text (self->day_label, text);
}

static void
date_changed_cb (PdxAddMeasurementDialog *self)
{
  g_autofree char *text = pdx_mice_dialog_dup_text (self->date);
  g_autofree char *day = text ? pdx_parse_date (text) : NULL;

  g_clear_pointer (&self->save_error, g_free);
  if (day == NULL)
    {
      g_clear_pointer (&self->day, g_free);
      g_clear_object (&self->row);
      gtk_label_set_text (self->day_label, "");
    }
  else if (g_strcmp0 (day, self->day) != 0)
    load_day (self, day);
  update_problems (self);
}

static void
field_changed_cb (PdxAddMeasurementDialog *self, GtkEditable *editable)
{
  if (self->filling)
    return;
  g_clear_pointer (&self->save_error, g_free);
  for (int f = 0; self->row != NULL && f < PDX_SHEET_N_FIELDS; f++)
    if (self->fields[f] == editable)
      pdx_sheet_row_set_text (self->row, f, gtk_editable_get_text (editable));
  update_problems (self);
}

static gboolean
destroy_idle_cb (gpointer data)
{
  gtk_window_destroy (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

static void
finish (PdxAddMeasurementDialog *self)
{
  g_idle_add_full (G_PRIORITY_DEFAULT, destroy_idle_cb, g_object_ref (self), g_object_unref);
}

/* A refusal: the dialog again, with the message and the values as typed. */
static void
show_again (PdxAddMeasurementDialog *self, const char *message)
{
  g_free (self->save_error);
  self->save_error = g_strdup (message);
  update_problems (self);
  gtk_window_present (GTK_WINDOW (self));
}

static void
write_row (PdxAddMeasurementDialog *self, const char *reason)
{
  PdxDb *db = pdx_lab_get_db (self->context.lab);
  g_autoptr (PdxMeasurement) values = pdx_sheet_row_dup_values (self->row);
  PdxSheetEdit edit = { .mouse_id = self->context.id,
                        .tag = self->tag,
                        .loaded = pdx_sheet_row_get_existing (self->row),
                        .changed = pdx_sheet_row_get_changed (self->row),
                        .values = values };
  g_autoptr (PdxSheetSave) save = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;

  save = pdx_sheet_save_with_reason (db, self->study_id, self->day, &edit, 1, reason, NULL, &error);
  if (save == NULL)
    {
      show_again (self, error->message);
      return;
    }
  message = g_strdup_printf (_ ("Measurement of mouse %s for %s saved"), self->tag, self->day);
  pdx_mice_dialog_report (&self->context, message);
  finish (self);
}

static void
reason_response_cb (AdwMessageDialog *dialog, const char *response, PdxAddMeasurementDialog *self)
{
  g_autofree char *reason = pdx_reason_dialog_dup_reason (PDX_REASON_DIALOG (dialog));

  g_clear_weak_pointer (&self->confirm);
  if (g_strcmp0 (response, "save") == 0 && reason != NULL)
    write_row (self, reason);
  else
    gtk_window_present (GTK_WINDOW (self));
}

/* Saves, asking first why when saved values change. */
static void
write_or_ask_reason (PdxAddMeasurementDialog *self)
{
  g_autoptr (PdxMeasurement) values = pdx_sheet_row_dup_values (self->row);
  PdxSheetEdit     edit = { .mouse_id = self->context.id,
                            .tag = self->tag,
                            .loaded = pdx_sheet_row_get_existing (self->row),
                            .changed = pdx_sheet_row_get_changed (self->row),
                            .values = values };
  guint            n = 0;
  g_autofree char *what = pdx_sheet_describe_saved_changes (&edit, 1, &n);
  PdxReasonDialog *dialog;

  if (n == 0)
    {
      write_row (self, NULL);
      return;
    }
  dialog = pdx_reason_dialog_new (gtk_window_get_transient_for (GTK_WINDOW (self)), n, what);
  g_signal_connect_object (dialog, "response", G_CALLBACK (reason_response_cb), self, 0);
  g_set_weak_pointer (&self->confirm, ADW_MESSAGE_DIALOG (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
unusual_response_cb (AdwMessageDialog *dialog, const char *response, PdxAddMeasurementDialog *self)
{
  g_clear_weak_pointer (&self->confirm);
  if (g_strcmp0 (response, "save") == 0)
    write_or_ask_reason (self);
  else
    gtk_window_present (GTK_WINDOW (self));
}

/* Values outside their usual range are saved only once confirmed (Save Anyway / Cancel). */
static gboolean
ask_unusual (PdxAddMeasurementDialog *self)
{
  g_autoptr (GPtrArray) unusual = pdx_sheet_row_list_unusual (self->row);
  g_autoptr (GString) body = NULL;
  GtkWidget *dialog;

  if (unusual->len == 0)
    return FALSE;
  body = g_string_new (g_dngettext (GETTEXT_PACKAGE, "This value is outside the usual range:\n",
                                    "These values are outside the usual range:\n", unusual->len));
  for (guint i = 0; i < unusual->len; i++)
    g_string_append_printf (body, "\n• %s", (char *) g_ptr_array_index (unusual, i));
  dialog = adw_message_dialog_new (
      gtk_window_get_transient_for (GTK_WINDOW (self)),
      g_dngettext (GETTEXT_PACKAGE, "Save an Unusual Value?", "Save Unusual Values?", unusual->len),
      body->str);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("_Cancel"), "save",
                                    _ ("_Save Anyway"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (unusual_response_cb), self, 0);
  g_set_weak_pointer (&self->confirm, ADW_MESSAGE_DIALOG (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

static void
pdx_add_measurement_dialog_response (AdwMessageDialog *dialog, const char *response)
{
  PdxAddMeasurementDialog *self = PDX_ADD_MEASUREMENT_DIALOG (dialog);

  if (!g_str_equal (response, "save"))
    {
      finish (self);
      return;
    }
  /* Enter in a field activates the default response even while Save is disabled. */
  if (self->row == NULL || self->day == NULL ||
      pdx_sheet_row_get_level (self->row) == PDX_SHEET_ERROR ||
      pdx_sheet_row_get_changed (self->row) == 0)
    {
      show_again (self, self->row != NULL && pdx_sheet_row_get_changed (self->row) == 0
                            ? _ ("Nothing to save: no value was typed or changed.")
                            : _ ("Correct the values marked above first."));
      return;
    }
  if (!ask_unusual (self))
    write_or_ask_reason (self);
}

static void
pdx_add_measurement_dialog_dispose (GObject *object)
{
  PdxAddMeasurementDialog *self = PDX_ADD_MEASUREMENT_DIALOG (object);

  pdx_mice_dialog_context_clear (&self->context);
  g_clear_weak_pointer (&self->confirm);
  g_clear_object (&self->row);
  g_clear_pointer (&self->day, g_free);
  g_clear_pointer (&self->tag, g_free);
  g_clear_pointer (&self->save_error, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), PDX_TYPE_ADD_MEASUREMENT_DIALOG);
  G_OBJECT_CLASS (pdx_add_measurement_dialog_parent_class)->dispose (object);
}

static void
pdx_add_measurement_dialog_class_init (PdxAddMeasurementDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pdx_add_measurement_dialog_dispose;
  ADW_MESSAGE_DIALOG_CLASS (klass)->response = pdx_add_measurement_dialog_response;
  gtk_widget_class_set_template_from_resource (
      widget_class, "/org/pdxtrack/Pdxtrack/ui/pdx-add-measurement-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PdxAddMeasurementDialog, date);
  for (guint i = 0; i < G_N_ELEMENTS (readouts); i++)
    gtk_widget_class_bind_template_child_full (widget_class, readouts[i].id, FALSE,
                                               G_STRUCT_OFFSET (PdxAddMeasurementDialog, fields) +
                                                   readouts[i].field * sizeof (gpointer));
  gtk_widget_class_bind_template_child (widget_class, PdxAddMeasurementDialog, day_label);
  gtk_widget_class_bind_template_child (widget_class, PdxAddMeasurementDialog, problems_label);
  gtk_widget_class_bind_template_callback (widget_class, date_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
}

static void
pdx_add_measurement_dialog_init (PdxAddMeasurementDialog *self)
{
  self->reference_weight_g = NAN;
  self->filling = TRUE; /* no lab yet: the constructor loads the day */
  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint i = 0; i < G_N_ELEMENTS (readouts); i++)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->fields[readouts[i].field]),
                                   _ (readouts[i].title));
  self->filling = FALSE;
}

PdxAddMeasurementDialog *
pdx_add_measurement_dialog_new (
    GtkWidget *origin, GtkWindow *parent, PdxLab *lab, gint64 study_id, gint64 mouse_id)
{
  g_autoptr (PdxMouse) mouse = pdx_mouse_get (pdx_lab_get_db (lab), mouse_id, NULL);
  g_autofree char *heading =
      g_strdup_printf (_ ("Measurement of Mouse %s"), mouse ? mouse->tag : "?");
  g_autofree char         *today = pdx_format_today ();
  PdxAddMeasurementDialog *self = g_object_new (PDX_TYPE_ADD_MEASUREMENT_DIALOG, "transient-for",
                                                parent, "heading", heading, NULL);

  pdx_mice_dialog_context_init (&self->context, origin, lab, mouse_id);
  self->study_id = study_id;
  self->tag = g_strdup (mouse ? mouse->tag : "?");
  gtk_editable_set_text (self->date, today);
  return self;
}

void
pdx_add_measurement_dialog_set_reference_weight (PdxAddMeasurementDialog *self, double weight_g)
{
  g_return_if_fail (PDX_IS_ADD_MEASUREMENT_DIALOG (self));
  self->reference_weight_g = weight_g;
  g_clear_pointer (&self->day, g_free);
  date_changed_cb (self);
}

const char *
pdx_add_measurement_dialog_get_problems (PdxAddMeasurementDialog *self)
{
  g_return_val_if_fail (PDX_IS_ADD_MEASUREMENT_DIALOG (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->problems_label))
             ? gtk_label_get_text (self->problems_label)
             : "";
}

AdwMessageDialog *
pdx_add_measurement_dialog_get_confirm_dialog (PdxAddMeasurementDialog *self)
{
  g_return_val_if_fail (PDX_IS_ADD_MEASUREMENT_DIALOG (self), NULL);
  return self->confirm;
}
