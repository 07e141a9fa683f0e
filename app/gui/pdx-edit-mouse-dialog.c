/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-edit-mouse-dialog.c — the Edit Mouse form (ui/pdx-edit-mouse-dialog.ui).
 *
 * A correction of the mouse (pdx_mouse_correct): only the fields changed are written, refused
 * when another program changed one of them since the form was read; changing a recorded value
 * (a tag, an arm, an implant date …) needs a reason, kept in the audit log. When the mouse
 * already has measurements after day 0 (taken under its old arm) a move is confirmed first. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx-edit-mouse-dialog.h"

#include "pdx-mice-dialogs.h"

/* Shown translated; never stored (the arm is the choice's position). */
#define NOT_RANDOMISED _ ("not randomised")

struct _PdxEditMouseDialog
{
  AdwMessageDialog     parent_instance;
  PdxMiceDialogContext context;    /* id: the mouse */
  PdxMouse            *loaded;     /* the mouse as the form read it */
  GArray              *arm_ids;    /* gint64 per row of @arm: 0 (not randomised), then the arms */
  gint64               old_arm_id; /* the mouse's arm when the form opened; 0: none */
  char                *old_arm;    /* its name */
  GtkEditable         *tag, *reason, *cage, *sex, *strain, *birth_date, *implant_date;
  AdwComboRow         *arm;
};

G_DEFINE_FINAL_TYPE (PdxEditMouseDialog, pdx_edit_mouse_dialog, ADW_TYPE_MESSAGE_DIALOG)

typedef struct
{
  /* A copy: the edit dialog may be gone before the move is confirmed. */
  PdxMiceDialogContext context;
  PdxMouse            *loaded;   /* the mouse as the form read it */
  PdxMouse            *mouse;    /* the edited mouse, ready to store */
  char                *reason;   /* NULL when none was typed */
  gboolean             moved;    /* the arm changes */
  char                *arm_name; /* the new arm's name, for the toast */
} PendingEdit;

static void
pending_edit_free (PendingEdit *edit)
{
  pdx_mice_dialog_context_clear (&edit->context);
  pdx_mouse_free (edit->loaded);
  pdx_mouse_free (edit->mouse);
  g_free (edit->reason);
  g_free (edit->arm_name);
  g_free (edit);
}

static void
save_edit (PendingEdit *edit)
{
  const PdxMiceDialogContext *context = &edit->context;
  PdxDb                      *db = pdx_lab_get_db (context->lab);
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;

  if (!pdx_mouse_correct (db, edit->loaded, edit->mouse, edit->reason, &error))
    {
      pdx_mice_dialog_report_error (context, _ ("Not saved"), error);
      return;
    }
  if (edit->moved)
    message = g_strdup_printf (_ ("Mouse %s moved to %s"), edit->mouse->tag, edit->arm_name);
  pdx_mice_dialog_report (context, message ? message : _ ("Mouse saved"));
}

/* How many of the mouse's measurements were taken after the study's day 0; -1 on error. */
static int
count_after_day0 (PdxDb *db, const PdxMouse *mouse, char **day0_out, GError **error)
{
  g_autoptr (PdxStudy) study = pdx_study_get (db, mouse->study_id, error);
  g_autoptr (GPtrArray) measurements = NULL;
  int n = 0;

  if (study == NULL ||
      (measurements = pdx_measurement_list_for_mouse (db, mouse->id, error)) == NULL)
    return -1;
  for (guint i = 0; i < measurements->len; i++)
    if (g_strcmp0 (((PdxMeasurement *) g_ptr_array_index (measurements, i))->date, study->day0) > 0)
      n++;
  *day0_out = g_strdup (study->day0);
  return n;
}

static void
confirm_move_cb (AdwMessageDialog *dialog, const char *response, PendingEdit *edit)
{
  if (g_str_equal (response, "move"))
    save_edit (edit);
}

/* The "Move Mouse TAG?" alert; it owns @edit. */
static void
confirm_move (GtkWindow *parent, PendingEdit *edit, const char *old_arm, int n, const char *day0)
{
  g_autofree char *heading = g_strdup_printf (_ ("Move Mouse %s?"), edit->mouse->tag);
  g_autofree char *day0_shown = pdx_format_date (day0);
  g_autofree char *body = g_strdup_printf (
      /* Translators: mouse tag, number of measurements, date of day 0, old arm, new arm, new arm.
       */
      g_dngettext (
          GETTEXT_PACKAGE,
          "%s has %d measurement after day 0 (%s), taken under %s. Moved to %s, the mouse "
          "keeps it and it counts for %s in every analysis. The move and its reason are "
          "kept in the audit log.",
          "%s has %d measurements after day 0 (%s), taken under %s. Moved to %s, the mouse "
          "keeps them and they count for %s in every analysis. The move and its reason are "
          "kept in the audit log.",
          n),
      edit->mouse->tag, n, day0_shown, old_arm, edit->arm_name, edit->arm_name);
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading, body));

  adw_message_dialog_add_responses (dialog, "cancel", _ ("_Cancel"), "move", _ ("_Move"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "move", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "pdx-edit", edit, (GDestroyNotify) pending_edit_free);
  g_signal_connect (dialog, "response", G_CALLBACK (confirm_move_cb), edit);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The arm chosen: its id (0: not randomised) and name. */
static gint64
chosen_arm (PdxEditMouseDialog *self, const char **name)
{
  guint       selected = adw_combo_row_get_selected (self->arm);
  GListModel *names = adw_combo_row_get_model (self->arm);

  if (selected >= self->arm_ids->len)
    selected = 0;
  *name = gtk_string_list_get_string (GTK_STRING_LIST (names), selected);
  return g_array_index (self->arm_ids, gint64, selected);
}

/* The mouse as the form read it, with the form's fields in it. */
static PdxMouse *
edited_mouse (PdxEditMouseDialog *self, const char **arm_name)
{
  PdxMouse *mouse = pdx_mouse_new ();

  mouse->id = self->loaded->id;
  mouse->study_id = self->loaded->study_id;
  mouse->excluded = self->loaded->excluded;
  mouse->exclusion_reason = g_strdup (self->loaded->exclusion_reason);
#define TAKE(field) (g_free (mouse->field), mouse->field = pdx_mice_dialog_dup_text (self->field))
  TAKE (tag);
  TAKE (cage);
  TAKE (sex);
  TAKE (strain);
  TAKE (birth_date);
  TAKE (implant_date);
#undef TAKE
  mouse->arm_id = chosen_arm (self, arm_name);
  return mouse;
}

/* Saves at once, or after the "Move Mouse" confirmation when the arm changes and the mouse has
 * measurements after day 0. A change of a recorded value without a reason is refused by the
 * core, nothing written (Save waits for the reason, so it is not offered). */
static void
pdx_edit_mouse_dialog_response (AdwMessageDialog *dialog, const char *response)
{
  PdxEditMouseDialog *self = PDX_EDIT_MOUSE_DIALOG (dialog);
  PdxDb              *db = pdx_lab_get_db (self->context.lab);
  g_autoptr (GError) error = NULL;
  g_autofree char *day0 = NULL;
  const char      *arm_name;
  PendingEdit     *edit;
  PdxMouse        *mouse;
  int              n;

  if (!g_str_equal (response, "save"))
    return;
  mouse = edited_mouse (self, &arm_name);
  edit = g_new0 (PendingEdit, 1);
  pdx_mice_dialog_context_copy (&edit->context, &self->context);
  edit->arm_name = g_strdup (arm_name);
  edit->mouse = mouse;
  edit->loaded = g_steal_pointer (&self->loaded);
  edit->moved = mouse->arm_id != self->old_arm_id;
  edit->reason = pdx_mice_dialog_dup_text (self->reason);
  n = edit->moved ? count_after_day0 (db, mouse, &day0, &error) : 0;
  if (n < 0)
    {
      pdx_mice_dialog_report_error (&self->context, _ ("Not saved"), error);
      pending_edit_free (edit);
    }
  else if (n > 0)
    confirm_move (gtk_window_get_transient_for (GTK_WINDOW (dialog)), edit, self->old_arm, n, day0);
  else
    {
      save_edit (edit);
      pending_edit_free (edit);
    }
}

/* A change of a recorded value needs its reason: Save waits for one, and the reason row shows
 * only then. */
static void
form_changed_cb (PdxEditMouseDialog *self)
{
  g_autofree char *text = NULL;
  g_autoptr (PdxMouse) edited = NULL;
  const char *name;
  gboolean    needed;

  if (self->arm_ids == NULL || self->loaded == NULL) /* still being filled in, or saved */
    return;
  text = pdx_mice_dialog_dup_text (self->reason);
  edited = edited_mouse (self, &name);
  needed = pdx_mouse_change_needs_reason (self->loaded, pdx_mouse_diff (self->loaded, edited));
  gtk_widget_set_visible (GTK_WIDGET (self->reason), needed);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "save",
                                           !needed || text != NULL);
}

/* The arm choices: "not randomised" and the study's arms, the mouse's own selected. */
static void
fill_arms (PdxEditMouseDialog *self, PdxDb *db, const PdxMouse *mouse)
{
  g_autoptr (GPtrArray) arms = pdx_arm_list (db, mouse->study_id, NULL);
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 none = 0;
  guint  selected = 0;

  gtk_string_list_append (names, NOT_RANDOMISED);
  g_array_append_val (ids, none);
  self->old_arm = g_strdup (NOT_RANDOMISED);
  for (guint i = 0; arms != NULL && i < arms->len; i++)
    {
      PdxArm *arm = g_ptr_array_index (arms, i);

      gtk_string_list_append (names, arm->name);
      g_array_append_val (ids, arm->id);
      if (arm->id == mouse->arm_id)
        selected = i + 1, g_free (self->old_arm), self->old_arm = g_strdup (arm->name);
    }
  self->old_arm_id = mouse->arm_id;
  adw_combo_row_set_model (self->arm, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->arm, selected);
  self->arm_ids = g_steal_pointer (&ids);
}

static void
pdx_edit_mouse_dialog_dispose (GObject *object)
{
  PdxEditMouseDialog *self = PDX_EDIT_MOUSE_DIALOG (object);

  pdx_mice_dialog_context_clear (&self->context);
  g_clear_pointer (&self->loaded, pdx_mouse_free);
  g_clear_pointer (&self->arm_ids, g_array_unref);
  g_clear_pointer (&self->old_arm, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), PDX_TYPE_EDIT_MOUSE_DIALOG);
  G_OBJECT_CLASS (pdx_edit_mouse_dialog_parent_class)->dispose (object);
}

static void
pdx_edit_mouse_dialog_class_init (PdxEditMouseDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pdx_edit_mouse_dialog_dispose;
  ADW_MESSAGE_DIALOG_CLASS (klass)->response = pdx_edit_mouse_dialog_response;
  gtk_widget_class_set_template_from_resource (
      widget_class, "/org/pdxtrack/Pdxtrack/ui/pdx-edit-mouse-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PdxEditMouseDialog, tag);
  gtk_widget_class_bind_template_child (widget_class, PdxEditMouseDialog, arm);
  gtk_widget_class_bind_template_child (widget_class, PdxEditMouseDialog, reason);
  gtk_widget_class_bind_template_child (widget_class, PdxEditMouseDialog, cage);
  gtk_widget_class_bind_template_child (widget_class, PdxEditMouseDialog, sex);
  gtk_widget_class_bind_template_child (widget_class, PdxEditMouseDialog, strain);
  gtk_widget_class_bind_template_child (widget_class, PdxEditMouseDialog, birth_date);
  gtk_widget_class_bind_template_child (widget_class, PdxEditMouseDialog, implant_date);
  gtk_widget_class_bind_template_callback (widget_class, form_changed_cb);
}

static void
pdx_edit_mouse_dialog_init (PdxEditMouseDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

PdxEditMouseDialog *
pdx_edit_mouse_dialog_new (
    GtkWidget *origin, GtkWindow *parent, PdxLab *lab, gint64 mouse_id, GError **error)
{
  PdxDb              *db = pdx_lab_get_db (lab);
  PdxMouse           *mouse = pdx_mouse_get (db, mouse_id, error);
  PdxEditMouseDialog *self;

  if (mouse == NULL)
    return NULL;
  self = g_object_new (PDX_TYPE_EDIT_MOUSE_DIALOG, "transient-for", parent, NULL);
  pdx_mice_dialog_context_init (&self->context, origin, lab, mouse_id);
#define SHOW(field) gtk_editable_set_text (self->field, mouse->field ? mouse->field : "")
  SHOW (tag);
  SHOW (cage);
  SHOW (sex);
  SHOW (strain);
  SHOW (birth_date);
  SHOW (implant_date);
#undef SHOW
  fill_arms (self, db, mouse);
  self->loaded = mouse;
  form_changed_cb (self);
  return self;
}
