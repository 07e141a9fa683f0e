/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-edit-study-dialog.c — the Edit Study form (ui/pdx-edit-study-dialog.ui): a study's
 * metadata as read, the person's corrections written field by field with a reason through
 * pdx_study_update_fields (docs/study-lifecycle.md); day 0 and the readout say, before saving,
 * that they move every analysis result. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx-edit-study-dialog.h"

#include "pdx-day-picker.h"
#include "pdx-gui-format.h"
#include "pdx-mice-dialogs.h"

struct _PdxEditStudyDialog
{
  AdwWindow parent_instance;

  AdwWindowTitle *window_title;
  GtkWidget      *save_button;
  GtkLabel       *error_label, *analysis_warning;
  AdwEntryRow    *title_row, *passage_row, *amount_row, *day0_row, *protocol_row;
  AdwEntryRow    *investigator_row, *notes_row, *reason_row;
  AdwComboRow    *line_row, *site_row, *material_row, *readout_row;
  PdxDayPicker   *day0_picker;

  PdxMiceDialogContext context;  /* id: the study */
  PdxStudy            *read;     /* the study as the form showed it */
  GArray              *line_ids; /* gint64 per line_row position (0 = no line) */
};

G_DEFINE_FINAL_TYPE (PdxEditStudyDialog, pdx_edit_study_dialog, ADW_TYPE_WINDOW)

/* The text of @row without surrounding blanks; NULL when empty. */
static char *
row_text (AdwEntryRow *row)
{
  return pdx_mice_dialog_dup_text (GTK_EDITABLE (row));
}

/* The vocabulary value at @row's position ("Not recorded" first: NULL). Borrowed. */
static const char *
vocab_choice (AdwComboRow *row, PdxVocab vocab)
{
  guint selected = adw_combo_row_get_selected (row);

  return selected == 0 || selected == GTK_INVALID_LIST_POSITION
             ? NULL
             : pdx_vocab_get_values (vocab)[selected - 1];
}

static void
replace (char **slot, char *value)
{
  g_free (*slot);
  *slot = value;
}

/* @changed from the form, over a copy of what was read, and in *@fields the fields whose value
 * differs from it. FALSE with the message when the passage is not a number. */
static gboolean
form_study (PdxEditStudyDialog *self, PdxStudy *changed, guint *fields, GError **error)
{
  const PdxStudy  *read = self->read;
  g_autofree char *passage = row_text (self->passage_row);
  guint            line = adw_combo_row_get_selected (self->line_row);
  gint64           n = -1;

  if (passage && !g_ascii_string_to_signed (passage, 10, 0, G_MAXINT, &n, NULL))
    {
      g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_INVALID,
                   _ ("Passage used: “%s” is not a whole number (0 or more). Nothing was "
                      "changed."),
                   passage);
      return FALSE;
    }
  replace (&changed->title, row_text (self->title_row));
  changed->line_id = line < self->line_ids->len ? g_array_index (self->line_ids, gint64, line) : 0;
  changed->passage = (int) n;
  replace (&changed->implant_site,
           g_strdup (vocab_choice (self->site_row, PDX_VOCAB_IMPLANT_SITE)));
  replace (&changed->implant_material,
           g_strdup (vocab_choice (self->material_row, PDX_VOCAB_IMPLANT_MATERIAL)));
  replace (&changed->implant_amount, row_text (self->amount_row));
  changed->readout = (PdxReadout) adw_combo_row_get_selected (self->readout_row);
  replace (&changed->day0, row_text (self->day0_row));
  replace (&changed->protocol, row_text (self->protocol_row));
  replace (&changed->investigator, row_text (self->investigator_row));
  replace (&changed->notes, row_text (self->notes_row));
#define DIFFERS_TEXT(member, flag)                                                                 \
  if (g_strcmp0 (read->member && *read->member ? read->member : NULL, changed->member) != 0)       \
  *fields |= flag
  *fields = 0;
  DIFFERS_TEXT (title, PDX_STUDY_TITLE);
  DIFFERS_TEXT (implant_site, PDX_STUDY_IMPLANT_SITE);
  DIFFERS_TEXT (implant_material, PDX_STUDY_IMPLANT_MATERIAL);
  DIFFERS_TEXT (implant_amount, PDX_STUDY_IMPLANT_AMOUNT);
  DIFFERS_TEXT (day0, PDX_STUDY_DAY0);
  DIFFERS_TEXT (protocol, PDX_STUDY_PROTOCOL);
  DIFFERS_TEXT (investigator, PDX_STUDY_INVESTIGATOR);
  DIFFERS_TEXT (notes, PDX_STUDY_NOTES);
#undef DIFFERS_TEXT
  if (read->line_id != changed->line_id)
    *fields |= PDX_STUDY_LINE;
  if (read->passage != changed->passage)
    *fields |= PDX_STUDY_PASSAGE;
  if (read->readout != changed->readout)
    *fields |= PDX_STUDY_READOUT;
  return TRUE;
}

/* What a change of day 0 or of the readout does, before it is saved; NULL for neither. */
static char *
analysis_warning_text (const PdxStudy *read, const PdxStudy *changed, guint fields)
{
  g_autoptr (GString) text = g_string_new (NULL);

  if (fields & PDX_STUDY_DAY0)
    {
      g_autofree char *from = pdx_format_date (read->day0);
      g_autofree char *to = changed->day0 && pdx_date_is_valid (changed->day0)
                                ? pdx_format_date (changed->day0)
                                : g_strdup (changed->day0);
      g_string_append_printf (text,
                              _ ("Day 0 moves from %s to %s: every study day changes, and with "
                                 "it every metric at a day, every chart's time axis and every "
                                 "survival time."),
                              from, to ? to : "—");
    }
  if (fields & PDX_STUDY_READOUT)
    {
      if (text->len)
        g_string_append_c (text, '\n');
      g_string_append_printf (text,
                              _ ("The primary readout becomes %s: tumour burden, growth, "
                                 "response and every chart are computed from it instead of "
                                 "%s."),
                              _ (pdx_readout_get_label (changed->readout)),
                              _ (pdx_readout_get_label (read->readout)));
    }
  return text->len ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

/* Any edit: the analysis warning as the form now stands, Save once something changed and a
 * reason is typed; an earlier refusal's message goes (it was about other values). */
static void
form_changed_cb (PdxEditStudyDialog *self)
{
  g_autoptr (PdxStudy) changed = NULL;
  g_autofree char *reason = NULL, *warning = NULL;
  guint            fields = 0;

  if (self->read == NULL)
    return;
  changed = pdx_study_get (pdx_lab_get_db (self->context.lab), self->read->id, NULL);
  if (changed == NULL)
    return;
  if (!form_study (self, changed, &fields, NULL))
    fields = fields ? fields : PDX_STUDY_PASSAGE; /* a bad passage is a change Save reports */
  warning = analysis_warning_text (self->read, changed, fields & PDX_STUDY_ANALYSIS_FIELDS);
  gtk_label_set_text (self->analysis_warning, warning ? warning : "");
  gtk_widget_set_visible (GTK_WIDGET (self->analysis_warning), warning != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  reason = row_text (self->reason_row);
  gtk_widget_set_sensitive (self->save_button, fields != 0 && reason != NULL);
}

static void
day_picked_cb (PdxEditStudyDialog *self, const char *date)
{
  gtk_editable_set_text (GTK_EDITABLE (self->day0_row), date);
}

static void
show_error (PdxEditStudyDialog *self, const GError *error)
{
  gtk_label_set_text (self->error_label, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

gboolean
pdx_edit_study_dialog_save (PdxEditStudyDialog *self)
{
  PdxDb *db;
  g_autoptr (PdxStudy) changed = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *reason = NULL, *message = NULL;
  guint            fields = 0;

  g_return_val_if_fail (PDX_IS_EDIT_STUDY_DIALOG (self), FALSE);
  db = pdx_lab_get_db (self->context.lab);
  reason = row_text (self->reason_row);
  /* A fresh copy holds the columns the form does not show; only @fields are written. */
  changed = pdx_study_get (db, self->read->id, &error);
  if (changed == NULL || !form_study (self, changed, &fields, &error) ||
      !pdx_study_update_fields (db, self->read, changed, fields, reason, &error))
    {
      show_error (self, error);
      return FALSE;
    }
  message = g_strdup_printf (_ ("Study %s changed"), self->read->code);
  pdx_mice_dialog_report (&self->context, message);
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

static void
save_clicked_cb (PdxEditStudyDialog *self)
{
  pdx_edit_study_dialog_save (self);
}

/* ---- construction ------------------------------------------------------------------------- */

/* A combo row's choices: @first (when not NULL) then the labels of @vocab's values. */
static void
fill_vocab (AdwComboRow *row, PdxVocab vocab, const char *first)
{
  g_autoptr (GtkStringList) labels = gtk_string_list_new (NULL);

  if (first)
    gtk_string_list_append (labels, first);
  for (const char *const *v = pdx_vocab_get_values (vocab); *v; v++)
    gtk_string_list_append (labels, pdx_vocab_get_label (*v));
  adw_combo_row_set_model (row, G_LIST_MODEL (labels));
}

/* @value's position in @row (filled by fill_vocab with "Not recorded" first). */
static void
select_vocab (AdwComboRow *row, PdxVocab vocab, const char *value)
{
  const char *const *values = pdx_vocab_get_values (vocab);
  guint              position = 0;

  for (guint i = 0; value && values[i]; i++)
    if (g_str_equal (values[i], value))
      position = i + 1;
  adw_combo_row_set_selected (row, position);
}

/* The lab's lines, "No line" first; the study's own line selected (never a default). */
static void
fill_lines (PdxEditStudyDialog *self, GPtrArray *lines, gint64 line_id)
{
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  gint64 none = 0;
  guint  selected = 0;

  gtk_string_list_append (names, _ ("No line"));
  g_array_append_val (self->line_ids, none);
  for (guint i = 0; lines != NULL && i < lines->len; i++)
    {
      PdxLine *line = g_ptr_array_index (lines, i);

      gtk_string_list_append (names, line->code);
      g_array_append_val (self->line_ids, line->id);
      if (line->id == line_id)
        selected = self->line_ids->len - 1;
    }
  adw_combo_row_set_model (self->line_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->line_row, selected);
}

static void
set_row (AdwEntryRow *row, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
}

/* The form as @study is stored. */
static void
show_study (PdxEditStudyDialog *self, const PdxStudy *study, GPtrArray *lines)
{
  g_autofree char *passage = study->passage >= 0 ? g_strdup_printf ("%d", study->passage) : NULL;
  g_autofree char *subtitle = g_strdup_printf (_ ("Study %s"), study->code);

  adw_window_title_set_subtitle (self->window_title, subtitle);
  set_row (self->title_row, study->title);
  fill_lines (self, lines, study->line_id);
  set_row (self->passage_row, passage);
  select_vocab (self->site_row, PDX_VOCAB_IMPLANT_SITE, study->implant_site);
  select_vocab (self->material_row, PDX_VOCAB_IMPLANT_MATERIAL, study->implant_material);
  set_row (self->amount_row, study->implant_amount);
  adw_combo_row_set_selected (self->readout_row, (guint) study->readout);
  set_row (self->day0_row, study->day0);
  pdx_day_picker_set_date (self->day0_picker, study->day0);
  set_row (self->protocol_row, study->protocol);
  set_row (self->investigator_row, study->investigator);
  set_row (self->notes_row, study->notes);
}

PdxEditStudyDialog *
pdx_edit_study_dialog_new (
    GtkWidget *origin, GtkWindow *parent, PdxLab *lab, gint64 study_id, GError **error)
{
  PdxDb *db = pdx_lab_get_db (lab);
  g_autoptr (PdxStudy) study = pdx_study_get (db, study_id, error);
  g_autoptr (GPtrArray) lines = NULL;
  PdxEditStudyDialog *self;

  if (study == NULL || !(lines = pdx_line_list (db, error)))
    return NULL;
  self = g_object_new (PDX_TYPE_EDIT_STUDY_DIALOG, "transient-for", parent, NULL);
  pdx_mice_dialog_context_init (&self->context, origin, lab, study_id);
  pdx_day_picker_set_study (self->day0_picker, lab, study_id);
  show_study (self, study, lines);
  self->read = g_steal_pointer (&study);
  form_changed_cb (self);
  return self;
}

static void
pdx_edit_study_dialog_dispose (GObject *object)
{
  PdxEditStudyDialog *self = PDX_EDIT_STUDY_DIALOG (object);

  pdx_mice_dialog_context_clear (&self->context);
  g_clear_pointer (&self->read, pdx_study_free);
  g_clear_pointer (&self->line_ids, g_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), PDX_TYPE_EDIT_STUDY_DIALOG);
  G_OBJECT_CLASS (pdx_edit_study_dialog_parent_class)->dispose (object);
}

static void
pdx_edit_study_dialog_class_init (PdxEditStudyDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pdx_edit_study_dialog_dispose;
  g_type_ensure (PDX_TYPE_DAY_PICKER);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_set_template_from_resource (
      widget_class, "/org/pdxtrack/Pdxtrack/ui/pdx-edit-study-dialog.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, PdxEditStudyDialog, name)
  BIND (window_title);
  BIND (save_button);
  BIND (error_label);
  BIND (analysis_warning);
  BIND (title_row);
  BIND (line_row);
  BIND (passage_row);
  BIND (site_row);
  BIND (material_row);
  BIND (amount_row);
  BIND (readout_row);
  BIND (day0_row);
  BIND (day0_picker);
  BIND (protocol_row);
  BIND (investigator_row);
  BIND (notes_row);
  BIND (reason_row);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, form_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, day_picked_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
}

static void
pdx_edit_study_dialog_init (PdxEditStudyDialog *self)
{
  const char *readouts[] = { _ (pdx_readout_get_label (PDX_READOUT_BLI_FLUX)),
                             _ (pdx_readout_get_label (PDX_READOUT_MRI_VOLUME)),
                             _ (pdx_readout_get_label (PDX_READOUT_CALIPER_VOLUME)), NULL };
  g_autoptr (GtkStringList) readout_labels = gtk_string_list_new (readouts);

  self->line_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_widget_init_template (GTK_WIDGET (self));
  fill_vocab (self->site_row, PDX_VOCAB_IMPLANT_SITE, _ ("Not recorded"));
  fill_vocab (self->material_row, PDX_VOCAB_IMPLANT_MATERIAL, _ ("Not recorded"));
  adw_combo_row_set_model (self->readout_row, G_LIST_MODEL (readout_labels));
}
