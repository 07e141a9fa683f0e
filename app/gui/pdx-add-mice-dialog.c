/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-add-mice-dialog.c — the Add Mice form (ui/pdx-add-mice-dialog.ui). */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx-add-mice-dialog.h"

#include "pdx-mice-dialogs.h"

struct _PdxAddMiceDialog
{
  AdwMessageDialog     parent_instance;
  PdxMiceDialogContext context; /* id: the study */
  GtkSpinButton       *count;
  GtkEditable         *prefix, *cage, *sex, *implant_date;
};

G_DEFINE_FINAL_TYPE (PdxAddMiceDialog, pdx_add_mice_dialog, ADW_TYPE_MESSAGE_DIALOG)

/* Inserts @count mice like @model in one transaction, tagged @prefix and the next two-digit
 * numbers not yet taken in the study. All or none. */
static gboolean
insert_mice (PdxDb          *db,
             gint64          study_id,
             const PdxMouse *model,
             const char     *prefix,
             guint           count,
             GError        **error)
{
  guint number = 1, added = 0;

  if (!pdx_db_begin (db, error))
    return FALSE;
  while (added < count)
    {
      g_autoptr (PdxMouse) mouse = pdx_mouse_new ();
      g_autoptr (PdxMouse) taken = NULL;
      g_autoptr (GError) find_error = NULL;

      mouse->tag = g_strdup_printf ("%s%02u", prefix, number++);
      taken = pdx_mouse_find (db, study_id, mouse->tag, &find_error);
      if (taken != NULL)
        continue;
      mouse->study_id = study_id;
      mouse->cage = g_strdup (model->cage);
      mouse->sex = g_strdup (model->sex);
      mouse->strain = g_strdup (model->strain);
      mouse->implant_date = g_strdup (model->implant_date);
      if (!pdx_mouse_insert (db, mouse, error))
        {
          pdx_db_rollback (db);
          return FALSE;
        }
      added++;
    }
  return pdx_db_commit (db, error);
}

static void
pdx_add_mice_dialog_response (AdwMessageDialog *dialog, const char *response)
{
  PdxAddMiceDialog *self = PDX_ADD_MICE_DIALOG (dialog);
  g_autofree char  *prefix = pdx_mice_dialog_dup_text (self->prefix);
  g_autoptr (PdxMouse) model = pdx_mouse_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;
  guint            n = gtk_spin_button_get_value_as_int (self->count);

  if (!g_str_equal (response, "add"))
    return;
  model->cage = pdx_mice_dialog_dup_text (self->cage);
  model->sex = pdx_mice_dialog_dup_text (self->sex);
  model->implant_date = pdx_mice_dialog_dup_text (self->implant_date);
  if (!insert_mice (pdx_lab_get_db (self->context.lab), self->context.id, model,
                    prefix ? prefix : "M", n, &error))
    {
      pdx_mice_dialog_report_error (&self->context, _ ("No mice added"), error);
      return;
    }
  message =
      g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Added %u mouse", "Added %u mice", n), n);
  pdx_mice_dialog_report (&self->context, message);
}

static void
pdx_add_mice_dialog_dispose (GObject *object)
{
  PdxAddMiceDialog *self = PDX_ADD_MICE_DIALOG (object);

  pdx_mice_dialog_context_clear (&self->context);
  gtk_widget_dispose_template (GTK_WIDGET (self), PDX_TYPE_ADD_MICE_DIALOG);
  G_OBJECT_CLASS (pdx_add_mice_dialog_parent_class)->dispose (object);
}

static void
pdx_add_mice_dialog_class_init (PdxAddMiceDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pdx_add_mice_dialog_dispose;
  ADW_MESSAGE_DIALOG_CLASS (klass)->response = pdx_add_mice_dialog_response;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/pdxtrack/Pdxtrack/ui/pdx-add-mice-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PdxAddMiceDialog, count);
  gtk_widget_class_bind_template_child (widget_class, PdxAddMiceDialog, prefix);
  gtk_widget_class_bind_template_child (widget_class, PdxAddMiceDialog, cage);
  gtk_widget_class_bind_template_child (widget_class, PdxAddMiceDialog, sex);
  gtk_widget_class_bind_template_child (widget_class, PdxAddMiceDialog, implant_date);
}

static void
pdx_add_mice_dialog_init (PdxAddMiceDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

PdxAddMiceDialog *
pdx_add_mice_dialog_new (GtkWidget *origin, GtkWindow *parent, PdxLab *lab, gint64 study_id)
{
  PdxAddMiceDialog *self = g_object_new (PDX_TYPE_ADD_MICE_DIALOG, "transient-for", parent, NULL);
  g_autoptr (PdxStudy) study = pdx_study_get (pdx_lab_get_db (lab), study_id, NULL);

  g_return_val_if_fail (PDX_IS_LAB (lab), NULL);
  pdx_mice_dialog_context_init (&self->context, origin, lab, study_id);
  if (study != NULL && study->day0 != NULL)
    gtk_editable_set_text (self->implant_date, study->day0);
  return self;
}
