/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-duplicate-study-dialog.c — the Duplicate as New Study form
 * (ui/pdx-duplicate-study-dialog.ui): the new study's code, title and day 0; the design and
 * arms come from the copied study (pdx_study_duplicate, docs/study-lifecycle.md). */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx-duplicate-study-dialog.h"

#include "pdx-mice-dialogs.h"

struct _PdxDuplicateStudyDialog
{
  AdwMessageDialog     parent_instance;
  AdwEntryRow         *code_row, *title_row, *day0_row;
  GtkLabel            *hint_label;
  PdxMiceDialogContext context; /* id: the copied study */
  char                *code;    /* the copied study's */
};

G_DEFINE_FINAL_TYPE (PdxDuplicateStudyDialog, pdx_duplicate_study_dialog, ADW_TYPE_MESSAGE_DIALOG)

/* Duplicate waits for a code the lab does not have and a day 0 that is a date (or none: the
 * copied study's); the hint says which is missing. */
static void
form_changed_cb (PdxDuplicateStudyDialog *self)
{
  g_autofree char *code = pdx_mice_dialog_dup_text (GTK_EDITABLE (self->code_row));
  g_autofree char *day0 = pdx_mice_dialog_dup_text (GTK_EDITABLE (self->day0_row));
  g_autofree char *hint = NULL;
  g_autoptr (PdxStudy) existing = NULL;

  if (self->context.lab == NULL)
    return;
  if (code)
    existing = pdx_study_find (pdx_lab_get_db (self->context.lab), code, NULL);
  if (existing)
    hint = g_strdup_printf (_ ("A study with the code %s already exists."), code);
  else if (day0 && !pdx_date_is_valid (day0))
    hint = g_strdup (_ ("Day 0 must be a date (YYYY-MM-DD)."));
  else
    hint = g_strdup (_ ("No mice, measurements or notes are copied; the new study is planned."));
  gtk_label_set_text (self->hint_label, hint);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "duplicate",
                                           code != NULL && existing == NULL &&
                                               (day0 == NULL || pdx_date_is_valid (day0)));
}

static void
pdx_duplicate_study_dialog_response (AdwMessageDialog *dialog, const char *response)
{
  PdxDuplicateStudyDialog *self = PDX_DUPLICATE_STUDY_DIALOG (dialog);
  g_autofree char         *code = pdx_mice_dialog_dup_text (GTK_EDITABLE (self->code_row));
  g_autofree char         *title = pdx_mice_dialog_dup_text (GTK_EDITABLE (self->title_row));
  g_autofree char         *day0 = pdx_mice_dialog_dup_text (GTK_EDITABLE (self->day0_row));
  g_autofree char         *message = NULL;
  g_autoptr (GError) error = NULL;
  gint64 new_id = 0;

  if (!g_str_equal (response, "duplicate"))
    return;
  if (!pdx_study_duplicate (pdx_lab_get_db (self->context.lab), self->context.id, code, title, day0,
                            &new_id, &error))
    {
      pdx_mice_dialog_report_error (&self->context, _ ("Study not duplicated"), error);
      return;
    }
  if (self->context.origin != NULL)
    {
      pdx_lab_dispatch_changes (self->context.lab);
      gtk_widget_activate_action (self->context.origin, "win.show-study", "x", new_id);
    }
  /* Translators: the new study's code, then the copied study's. */
  message = g_strdup_printf (_ ("Study %s created from %s"), code, self->code);
  pdx_mice_dialog_report (&self->context, message);
}

PdxDuplicateStudyDialog *
pdx_duplicate_study_dialog_new (
    GtkWidget *origin, GtkWindow *parent, PdxLab *lab, gint64 study_id, GError **error)
{
  PdxDb *db = pdx_lab_get_db (lab);
  g_autoptr (PdxStudy) study = pdx_study_get (db, study_id, error);
  g_autoptr (GPtrArray) arms = study ? pdx_arm_list (db, study_id, error) : NULL;
  g_autofree char         *heading = NULL;
  PdxDuplicateStudyDialog *self;

  if (arms == NULL)
    return NULL;
  heading = g_strdup_printf (_ ("Duplicate %s as a New Study"), study->code);
  self = g_object_new (PDX_TYPE_DUPLICATE_STUDY_DIALOG, "transient-for", parent, "heading", heading,
                       NULL);
  adw_message_dialog_format_body (
      ADW_MESSAGE_DIALOG (self),
      /* Translators: the number of arms, then the copied study's code. */
      g_dngettext (GETTEXT_PACKAGE,
                   "The new study gets the line, passage, implant, readout, protocol, "
                   "investigator and the %u arm with its agents of %s.",
                   "The new study gets the line, passage, implant, readout, protocol, "
                   "investigator and the %u arms with their agents of %s.",
                   arms->len),
      arms->len, study->code);
  pdx_mice_dialog_context_init (&self->context, origin, lab, study_id);
  self->code = g_strdup (study->code);
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), study->title ? study->title : "");
  gtk_editable_set_text (GTK_EDITABLE (self->day0_row), study->day0);
  form_changed_cb (self);
  return self;
}

static void
pdx_duplicate_study_dialog_dispose (GObject *object)
{
  PdxDuplicateStudyDialog *self = PDX_DUPLICATE_STUDY_DIALOG (object);

  pdx_mice_dialog_context_clear (&self->context);
  g_clear_pointer (&self->code, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), PDX_TYPE_DUPLICATE_STUDY_DIALOG);
  G_OBJECT_CLASS (pdx_duplicate_study_dialog_parent_class)->dispose (object);
}

static void
pdx_duplicate_study_dialog_class_init (PdxDuplicateStudyDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pdx_duplicate_study_dialog_dispose;
  ADW_MESSAGE_DIALOG_CLASS (klass)->response = pdx_duplicate_study_dialog_response;
  gtk_widget_class_set_template_from_resource (
      widget_class, "/org/pdxtrack/Pdxtrack/ui/pdx-duplicate-study-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PdxDuplicateStudyDialog, code_row);
  gtk_widget_class_bind_template_child (widget_class, PdxDuplicateStudyDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, PdxDuplicateStudyDialog, day0_row);
  gtk_widget_class_bind_template_child (widget_class, PdxDuplicateStudyDialog, hint_label);
  gtk_widget_class_bind_template_callback (widget_class, form_changed_cb);
}

static void
pdx_duplicate_study_dialog_init (PdxDuplicateStudyDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
