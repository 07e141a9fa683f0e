/* pdx-mice-dialogs.c — the small forms of the Mice page (see the header). */
#include "pdx-mice-dialogs.h"

#include <math.h>

#include "pdx/pdx-analysis.h"
#include "pdx-gui-format.h"

typedef struct
{
  GtkWidget *origin;   /* weak */
  PdxLab *lab;
  gint64 id;           /* study or mouse */
  guint32 seed;
} DialogContext;

static void
context_free (gpointer data)
{
  DialogContext *context = data;

  g_clear_weak_pointer (&context->origin);
  g_clear_object (&context->lab);
  g_free (context);
}

static void
report (DialogContext *context, const char *message)
{
  if (context->origin != NULL)
    gtk_widget_activate_action (context->origin, "win.toast", "s", message);
}

static void
report_error (DialogContext *context, const char *what, const GError *error)
{
  g_autofree char *message = g_strdup_printf ("%s: %s", what, error->message);

  report (context, message);
}

static AdwMessageDialog *
form_dialog (GtkWindow *parent, const char *heading, const char *body, const char *response,
             const char *label, GtkWidget **list_out)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading, body));
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  adw_message_dialog_set_extra_child (dialog, list);
  adw_message_dialog_add_responses (dialog, "cancel", "_Cancel", response, label, NULL);
  adw_message_dialog_set_response_appearance (dialog, response, ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, response);
  adw_message_dialog_set_close_response (dialog, "cancel");
  *list_out = list;
  return dialog;
}

static GtkWidget *
add_entry (AdwMessageDialog *dialog, GtkWidget *list, const char *key, const char *title,
           const char *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (row), TRUE);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  g_object_set_data (G_OBJECT (dialog), key, row);
  return row;
}

static char *
get_text (AdwMessageDialog *dialog, const char *key)
{
  GtkEditable *editable = g_object_get_data (G_OBJECT (dialog), key);
  char *text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  if (text[0] == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

static DialogContext *
context_new (AdwMessageDialog *dialog, GtkWidget *origin, PdxLab *lab, gint64 id)
{
  DialogContext *context = g_new0 (DialogContext, 1);

  g_set_weak_pointer (&context->origin, origin);
  context->lab = g_object_ref (lab);
  context->id = id;
  g_object_set_data_full (G_OBJECT (dialog), "pdx-context", context, context_free);
  return context;
}

/* A context of its own for a follow-up dialog that may outlive the one @context belongs to. */
static DialogContext *
context_new_copy (const DialogContext *context)
{
  DialogContext *copy = g_new0 (DialogContext, 1);

  g_set_weak_pointer (&copy->origin, context->origin);
  copy->lab = g_object_ref (context->lab);
  copy->id = context->id;
  copy->seed = context->seed;
  return copy;
}

/* ---- add mice ----------------------------------------------------------------------------- */

static gboolean
insert_mice (PdxDb *db, gint64 study_id, const PdxMouse *model, const char *prefix, guint count,
             GError **error)
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
add_response_cb (AdwMessageDialog *dialog, const char *response, DialogContext *context)
{
  GtkSpinButton *count = g_object_get_data (G_OBJECT (dialog), "count");
  g_autofree char *prefix = get_text (dialog, "prefix");
  g_autoptr (PdxMouse) model = pdx_mouse_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;
  guint n = gtk_spin_button_get_value_as_int (count);

  if (!g_str_equal (response, "add"))
    return;
  model->cage = get_text (dialog, "cage");
  model->sex = get_text (dialog, "sex");
  model->implant_date = get_text (dialog, "implant-date");
  if (!insert_mice (pdx_lab_get_db (context->lab), context->id, model, prefix ? prefix : "M", n,
                    &error))
    return report_error (context, "No mice added", error);
  pdx_lab_notify_changed (context->lab, context->id);
  message = g_strdup_printf ("Added %u mice", n);
  report (context, message);
}

AdwMessageDialog *
pdx_mice_dialog_add (GtkWidget *origin, GtkWindow *parent, PdxLab *lab, gint64 study_id)
{
  GtkWidget *list, *row, *spin;
  AdwMessageDialog *dialog = form_dialog (parent, "Add Mice",
                                          "Tags are the prefix and a number; numbers already "
                                          "used in this study are skipped.",
                                          "add", "_Add", &list);
  DialogContext *context = context_new (dialog, origin, lab, study_id);
  g_autoptr (PdxStudy) study = pdx_study_get (pdx_lab_get_db (lab), study_id, NULL);

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), "Number of mice");
  spin = gtk_spin_button_new_with_range (1, 500, 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 10);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  "Number of mice", -1);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  g_object_set_data (G_OBJECT (dialog), "count", spin);
  add_entry (dialog, list, "prefix", "Tag prefix", "M");
  add_entry (dialog, list, "cage", "Cage", NULL);
  add_entry (dialog, list, "sex", "Sex (F or M)", "F");
  add_entry (dialog, list, "implant-date", "Implant date (YYYY-MM-DD)", study ? study->day0 : NULL);
  g_signal_connect (dialog, "response", G_CALLBACK (add_response_cb), context);
  return dialog;
}

/* ---- randomise ---------------------------------------------------------------------------- */

static char *
balance_text (const PdxStudyData *data, const PdxBalanceReport *report)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "%u mice to assign (%u without a baseline value).\n\n",
                          report->n_assigned, report->n_without_baseline);
  for (guint i = 0; i < report->n_arms; i++)
    {
      const PdxBalanceArm *arm = &report->arms[i];
      g_autofree char *mean = pdx_format_readout (data->readout, arm->mean);
      g_autofree char *sd = pdx_format_readout (data->readout, arm->sd);

      g_string_append_printf (out, "%s: n = %u, baseline %s ± %s (SD), %u F / %u M\n",
                              data->arms[arm->arm].name, arm->n, mean, sd, arm->n_female,
                              arm->n_male);
    }
  if (!isnan (report->anova_p))
    g_string_append_printf (out, "\nOne-way ANOVA of the baseline across arms: F = %.2f, p = %.3f",
                            report->anova_f, report->anova_p);
  return g_string_free (out, FALSE);
}

static void
randomise_response_cb (AdwMessageDialog *dialog, const char *response, DialogContext *context)
{
  g_autoptr (PdxBalanceReport) done = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;

  if (!g_str_equal (response, "randomise"))
    return;
  pdx_db_set_reason (pdx_lab_get_db (context->lab), "randomisation");
  done = pdx_randomize_study (pdx_lab_get_db (context->lab), context->id, context->seed, &error);
  pdx_db_set_reason (pdx_lab_get_db (context->lab), NULL);
  if (done == NULL)
    return report_error (context, "Not randomised", error);
  pdx_lab_notify_changed (context->lab, context->id);
  message = g_strdup_printf ("Randomised %u mice (seed %u)", done->n_assigned, context->seed);
  report (context, message);
}

AdwMessageDialog *
pdx_mice_dialog_randomise (GtkWidget *origin, GtkWindow *parent, PdxLab *lab, gint64 study_id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxStudyData) data = pdx_study_data_load (pdx_lab_get_db (lab), study_id, &error);
  g_autoptr (PdxBalanceReport) plan = NULL;
  g_autofree char *body = NULL;
  guint32 seed = g_random_int_range (1, 1000000);
  AdwMessageDialog *dialog;
  DialogContext *context;
  GtkWidget *label;

  if (data != NULL)
    plan = pdx_randomize_plan (data, seed, &error);
  if (plan == NULL)
    {
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, "Cannot Randomise", error->message));
      adw_message_dialog_add_response (dialog, "close", "_Close");
      return dialog;
    }
  body = balance_text (data, plan);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, "Randomise Mice", NULL));
  label = gtk_label_new (body);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "numeric");
  adw_message_dialog_set_extra_child (dialog, label);
  g_object_set_data (G_OBJECT (dialog), "report", label);
  adw_message_dialog_format_body (dialog, "Balanced on the baseline readout with seed %u; the "
                                  "same seed gives the same assignment.", seed);
  adw_message_dialog_add_responses (dialog, "cancel", "_Cancel", "randomise", "_Randomise", NULL);
  adw_message_dialog_set_response_appearance (dialog, "randomise", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (dialog, "cancel");
  context = context_new (dialog, origin, lab, study_id);
  context->seed = seed;
  g_signal_connect (dialog, "response", G_CALLBACK (randomise_response_cb), context);
  return dialog;
}

/* ---- endpoint ----------------------------------------------------------------------------- */

static void
endpoint_response_cb (AdwMessageDialog *dialog, const char *response, DialogContext *context)
{
  GtkDropDown *kind = g_object_get_data (G_OBJECT (dialog), "kind");
  GtkCheckButton *event = g_object_get_data (G_OBJECT (dialog), "event");
  g_autoptr (PdxEndpoint) endpoint = pdx_endpoint_new ();
  g_autoptr (PdxMouse) mouse = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;

  if (!g_str_equal (response, "record"))
    return;
  endpoint->mouse_id = context->id;
  endpoint->date = get_text (dialog, "date");
  endpoint->note = get_text (dialog, "note");
  endpoint->kind = gtk_drop_down_get_selected (kind);
  endpoint->is_event = gtk_check_button_get_active (event);
  mouse = pdx_mouse_get (pdx_lab_get_db (context->lab), context->id, &error);
  if (mouse == NULL || !pdx_endpoint_insert (pdx_lab_get_db (context->lab), endpoint, &error))
    return report_error (context, "Endpoint not recorded", error);
  pdx_lab_notify_changed (context->lab, mouse->study_id);
  message = g_strdup_printf ("Endpoint recorded for mouse %s", mouse->tag);
  report (context, message);
}

static void
kind_changed_cb (GtkDropDown *kind, GParamSpec *pspec, GtkCheckButton *event)
{
  gtk_check_button_set_active (event, pdx_endpoint_kind_is_event (gtk_drop_down_get_selected (kind)));
}

AdwMessageDialog *
pdx_mice_dialog_endpoint (GtkWidget *origin, GtkWindow *parent, PdxLab *lab, gint64 mouse_id)
{
  g_autoptr (PdxMouse) mouse = pdx_mouse_get (pdx_lab_get_db (lab), mouse_id, NULL);
  g_autofree char *heading = g_strdup_printf ("Endpoint of Mouse %s", mouse ? mouse->tag : "?");
  g_autofree char *today = pdx_format_today ();
  const char *kinds[PDX_ENDPOINT_OTHER + 2] = { NULL };
  GtkWidget *list, *row, *kind, *event;
  AdwMessageDialog *dialog = form_dialog (parent, heading,
                                          "Deaths and humane endpoints are events for survival; "
                                          "end of study is censored.",
                                          "record", "_Record", &list);
  DialogContext *context = context_new (dialog, origin, lab, mouse_id);

  for (int k = 0; k <= PDX_ENDPOINT_OTHER; k++)
    kinds[k] = pdx_endpoint_kind_get_label (k);
  add_entry (dialog, list, "date", "Date (YYYY-MM-DD)", today);
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), "Kind");
  kind = gtk_drop_down_new_from_strings (kinds);
  gtk_widget_set_valign (kind, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (kind), GTK_ACCESSIBLE_PROPERTY_LABEL, "Kind", -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), kind);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), "Counts as an event");
  event = gtk_check_button_new ();
  gtk_check_button_set_active (GTK_CHECK_BUTTON (event), pdx_endpoint_kind_is_event (0));
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), event);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), event);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  g_signal_connect (kind, "notify::selected", G_CALLBACK (kind_changed_cb), event);
  add_entry (dialog, list, "note", "Note", NULL);
  g_object_set_data (G_OBJECT (dialog), "kind", kind);
  g_object_set_data (G_OBJECT (dialog), "event", event);
  g_signal_connect (dialog, "response", G_CALLBACK (endpoint_response_cb), context);
  return dialog;
}

/* ---- exclude and edit --------------------------------------------------------------------- */

static void
exclude_response_cb (AdwMessageDialog *dialog, const char *response, DialogContext *context)
{
  PdxDb *db = pdx_lab_get_db (context->lab);
  g_autoptr (PdxMouse) mouse = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;

  if (!g_str_equal (response, "exclude"))
    return;
  mouse = pdx_mouse_get (db, context->id, &error);
  if (mouse == NULL)
    return report_error (context, "Not excluded", error);
  mouse->excluded = TRUE;
  g_free (mouse->exclusion_reason);
  mouse->exclusion_reason = get_text (dialog, "reason");
  pdx_db_set_reason (db, mouse->exclusion_reason);
  if (!pdx_mouse_update (db, mouse, &error))
    {
      pdx_db_set_reason (db, NULL);
      return report_error (context, "Not excluded", error);
    }
  pdx_db_set_reason (db, NULL);
  pdx_lab_notify_changed (context->lab, mouse->study_id);
  message = g_strdup_printf ("Mouse %s excluded", mouse->tag);
  report (context, message);
}

AdwMessageDialog *
pdx_mice_dialog_exclude (GtkWidget *origin, GtkWindow *parent, PdxLab *lab, gint64 mouse_id)
{
  g_autoptr (PdxMouse) mouse = pdx_mouse_get (pdx_lab_get_db (lab), mouse_id, NULL);
  g_autofree char *heading = g_strdup_printf ("Exclude Mouse %s?", mouse ? mouse->tag : "?");
  GtkWidget *list;
  AdwMessageDialog *dialog = form_dialog (parent, heading,
                                          "An excluded mouse leaves every statistic. The reason "
                                          "is required and kept in the audit log.",
                                          "exclude", "_Exclude", &list);
  DialogContext *context = context_new (dialog, origin, lab, mouse_id);

  adw_message_dialog_set_response_appearance (dialog, "exclude", ADW_RESPONSE_DESTRUCTIVE);
  add_entry (dialog, list, "reason", "Reason", NULL);
  g_signal_connect (dialog, "response", G_CALLBACK (exclude_response_cb), context);
  return dialog;
}

/* ---- delete ------------------------------------------------------------------------------ */

static void
delete_response_cb (AdwMessageDialog *dialog, const char *response, DialogContext *context)
{
  PdxDb *db = pdx_lab_get_db (context->lab);
  g_autoptr (PdxMouse) mouse = NULL;
  g_autoptr (GPtrArray) measurements = NULL;
  g_autoptr (PdxEndpoint) endpoint = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *reason = NULL, *message = NULL;

  if (!g_str_equal (response, "delete"))
    return;
  mouse = pdx_mouse_get (db, context->id, &error);
  if (mouse == NULL)
    return report_error (context, "Not deleted", error);
  measurements = pdx_measurement_list_for_mouse (db, mouse->id, &error);
  if (measurements == NULL)
    return report_error (context, "Not deleted", error);
  endpoint = pdx_endpoint_find_for_mouse (db, mouse->id, NULL);
  if (measurements->len > 0 || endpoint != NULL)
    {
      message = g_strdup_printf ("Not deleted: mouse %s has %s; exclude it instead, with a reason",
                                 mouse->tag,
                                 measurements->len > 0 ? "measurements" : "an endpoint");
      return report (context, message);
    }
  reason = get_text (dialog, "reason");
  if (reason == NULL)
    return report (context, "Not deleted: say why the mouse is deleted");
  pdx_db_set_reason (db, reason);
  if (!pdx_row_delete (db, PDX_TABLE_MOUSE, mouse->id, &error))
    {
      pdx_db_set_reason (db, NULL);
      return report_error (context, "Not deleted", error);
    }
  pdx_db_set_reason (db, NULL);
  pdx_lab_notify_changed (context->lab, mouse->study_id);
  message = g_strdup_printf ("Mouse %s deleted", mouse->tag);
  report (context, message);
}

AdwMessageDialog *
pdx_mice_dialog_delete (GtkWidget *origin, GtkWindow *parent, PdxLab *lab, gint64 mouse_id)
{
  g_autoptr (PdxMouse) mouse = pdx_mouse_get (pdx_lab_get_db (lab), mouse_id, NULL);
  g_autofree char *heading = g_strdup_printf ("Delete Mouse %s?", mouse ? mouse->tag : "?");
  GtkWidget *list;
  AdwMessageDialog *dialog = form_dialog (
      parent, heading,
      "For a mouse registered by mistake: one with measurements or an endpoint stays, and is "
      "excluded instead. The audit log keeps the deleted record and the reason.",
      "delete", "_Delete", &list);
  DialogContext *context = context_new (dialog, origin, lab, mouse_id);

  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  add_entry (dialog, list, "reason", "Reason", NULL);
  g_signal_connect (dialog, "response", G_CALLBACK (delete_response_cb), context);
  return dialog;
}

/* ---- edit, including a change of arm ---------------------------------------------------------
 * Moving a mouse to another arm is recorded with its reason in the audit log; when the mouse
 * already has measurements after day 0 (taken under its old arm) the move is confirmed first. */

#define NOT_RANDOMISED "not randomised"

typedef struct
{
  DialogContext *context;   /* borrowed from the edit dialog until it is gone: a copy */
  PdxMouse *mouse;          /* the edited mouse, ready to store */
  char *reason;             /* NULL when the arm does not change */
  char *arm_name;           /* the new arm's name, for the toast */
} PendingEdit;

static void
pending_edit_free (PendingEdit *edit)
{
  context_free (edit->context);
  pdx_mouse_free (edit->mouse);
  g_free (edit->reason);
  g_free (edit->arm_name);
  g_free (edit);
}

static void
save_edit (PendingEdit *edit)
{
  DialogContext *context = edit->context;
  PdxDb *db = pdx_lab_get_db (context->lab);
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;
  gboolean ok;

  pdx_db_set_reason (db, edit->reason);
  ok = pdx_mouse_update (db, edit->mouse, &error);
  pdx_db_set_reason (db, NULL);
  if (!ok)
    return report_error (context, "Not saved", error);
  pdx_lab_notify_changed (context->lab, edit->mouse->study_id);
  if (edit->reason != NULL)
    message = g_strdup_printf ("Mouse %s moved to %s", edit->mouse->tag, edit->arm_name);
  report (context, message ? message : "Mouse saved");
}

/* How many of the mouse's measurements were taken after the study's day 0; -1 on error. */
static int
count_after_day0 (PdxDb *db, const PdxMouse *mouse, char **day0_out, GError **error)
{
  g_autoptr (PdxStudy) study = pdx_study_get (db, mouse->study_id, error);
  g_autoptr (GPtrArray) measurements = NULL;
  int n = 0;

  if (study == NULL
      || (measurements = pdx_measurement_list_for_mouse (db, mouse->id, error)) == NULL)
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

static void
confirm_move (GtkWindow *parent, PendingEdit *edit, const char *old_arm, int n, const char *day0)
{
  g_autofree char *heading = g_strdup_printf ("Move Mouse %s?", edit->mouse->tag);
  g_autofree char *body = g_strdup_printf (
    "%s has %d measurement%s after day 0 (%s), taken under %s. Moved to %s, the mouse keeps "
    "them and they count for %s in every analysis. The move and its reason are kept in the "
    "audit log.",
    edit->mouse->tag, n, n == 1 ? "" : "s", day0, old_arm, edit->arm_name, edit->arm_name);
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading, body));

  adw_message_dialog_add_responses (dialog, "cancel", "_Cancel", "move", "_Move", NULL);
  adw_message_dialog_set_response_appearance (dialog, "move", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "pdx-edit", edit, (GDestroyNotify) pending_edit_free);
  g_signal_connect (dialog, "response", G_CALLBACK (confirm_move_cb), edit);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The arm chosen in the edit dialog: its id (0: not randomised) and name. */
static gint64
chosen_arm (AdwMessageDialog *dialog, const char **name)
{
  AdwComboRow *row = g_object_get_data (G_OBJECT (dialog), "arm");
  GArray *ids = g_object_get_data (G_OBJECT (dialog), "pdx-arm-ids");
  guint selected = adw_combo_row_get_selected (row);
  GListModel *names = adw_combo_row_get_model (row);

  if (selected >= ids->len)
    selected = 0;
  *name = gtk_string_list_get_string (GTK_STRING_LIST (names), selected);
  return g_array_index (ids, gint64, selected);
}

static void
edit_response_cb (AdwMessageDialog *dialog, const char *response, DialogContext *context)
{
  PdxDb *db = pdx_lab_get_db (context->lab);
  g_autoptr (PdxMouse) mouse = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *day0 = NULL;
  PendingEdit *edit;
  const char *arm_name, *old_arm = g_object_get_data (G_OBJECT (dialog), "pdx-old-arm");
  gint64 old_arm_id;
  int n;

  if (!g_str_equal (response, "save"))
    return;
  mouse = pdx_mouse_get (db, context->id, &error);
  if (mouse == NULL)
    return report_error (context, "Not saved", error);
  old_arm_id = mouse->arm_id;
#define TAKE(field, key) (g_free (mouse->field), mouse->field = get_text (dialog, key))
  TAKE (tag, "tag");
  TAKE (cage, "cage");
  TAKE (sex, "sex");
  TAKE (strain, "strain");
  TAKE (birth_date, "birth-date");
  TAKE (implant_date, "implant-date");
#undef TAKE
  mouse->arm_id = chosen_arm (dialog, &arm_name);
  edit = g_new0 (PendingEdit, 1);
  edit->context = context_new_copy (context);
  edit->arm_name = g_strdup (arm_name);
  edit->mouse = g_steal_pointer (&mouse);
  if (edit->mouse->arm_id != old_arm_id && (edit->reason = get_text (dialog, "reason")) == NULL)
    {
      report (context, "Not saved: a change of arm needs its reason");
      return pending_edit_free (edit);
    }
  n = edit->reason ? count_after_day0 (db, edit->mouse, &day0, &error) : 0;
  if (n < 0)
    {
      report_error (context, "Not saved", error);
      pending_edit_free (edit);
    }
  else if (n > 0)
    confirm_move (gtk_window_get_transient_for (GTK_WINDOW (dialog)), edit, old_arm, n, day0);
  else
    {
      save_edit (edit);
      pending_edit_free (edit);
    }
}

/* A change of arm needs its reason: Save waits for one, and the reason row shows only then. */
static void
arm_or_reason_changed_cb (AdwMessageDialog *dialog)
{
  GtkWidget *reason = g_object_get_data (G_OBJECT (dialog), "reason");
  gint64 old_arm_id = *(gint64 *) g_object_get_data (G_OBJECT (dialog), "pdx-old-arm-id");
  g_autofree char *text = get_text (dialog, "reason");
  const char *name;
  gboolean moved = chosen_arm (dialog, &name) != old_arm_id;

  gtk_widget_set_visible (reason, moved);
  adw_message_dialog_set_response_enabled (dialog, "save", !moved || text != NULL);
}

/* The arm drop-down: "not randomised" and the study's arms; the ids ride along as dialog data. */
static void
add_arm_choice (AdwMessageDialog *dialog, GtkWidget *list, PdxDb *db, const PdxMouse *mouse)
{
  g_autoptr (GPtrArray) arms = pdx_arm_list (db, mouse->study_id, NULL);
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GtkWidget *row = adw_combo_row_new ();
  gint64 none = 0;
  const char *old_arm = NOT_RANDOMISED;

  gtk_string_list_append (names, NOT_RANDOMISED);
  g_array_append_val (ids, none);
  for (guint i = 0; arms != NULL && i < arms->len; i++)
    {
      PdxArm *arm = g_ptr_array_index (arms, i);

      gtk_string_list_append (names, arm->name);
      g_array_append_val (ids, arm->id);
      if (arm->id == mouse->arm_id)
        old_arm = gtk_string_list_get_string (names, i + 1);
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), "Arm");
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (names));
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == mouse->arm_id)
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), i);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  g_object_set_data (G_OBJECT (dialog), "arm", row);
  g_object_set_data_full (G_OBJECT (dialog), "pdx-arm-ids", ids, (GDestroyNotify) g_array_unref);
  g_object_set_data_full (G_OBJECT (dialog), "pdx-old-arm", g_strdup (old_arm), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "pdx-old-arm-id",
                          g_memdup2 (&mouse->arm_id, sizeof mouse->arm_id), g_free);
}

AdwMessageDialog *
pdx_mice_dialog_edit (GtkWidget *origin, GtkWindow *parent, PdxLab *lab, gint64 mouse_id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxMouse) mouse = pdx_mouse_get (pdx_lab_get_db (lab), mouse_id, &error);
  GtkWidget *list, *reason;
  AdwMessageDialog *dialog;
  DialogContext *context;

  if (mouse == NULL)
    {
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, "Cannot Edit", error->message));
      adw_message_dialog_add_response (dialog, "close", "_Close");
      return dialog;
    }
  dialog = form_dialog (parent, "Edit Mouse", NULL, "save", "_Save", &list);
  context = context_new (dialog, origin, lab, mouse_id);
  add_entry (dialog, list, "tag", "Tag", mouse->tag);
  add_arm_choice (dialog, list, pdx_lab_get_db (lab), mouse);
  reason = add_entry (dialog, list, "reason", "Reason for changing the arm (audit log)", NULL);
  add_entry (dialog, list, "cage", "Cage", mouse->cage);
  add_entry (dialog, list, "sex", "Sex (F or M)", mouse->sex);
  add_entry (dialog, list, "strain", "Strain", mouse->strain);
  add_entry (dialog, list, "birth-date", "Birth date (YYYY-MM-DD)", mouse->birth_date);
  add_entry (dialog, list, "implant-date", "Implant date (YYYY-MM-DD)", mouse->implant_date);
  g_signal_connect_swapped (g_object_get_data (G_OBJECT (dialog), "arm"), "notify::selected",
                            G_CALLBACK (arm_or_reason_changed_cb), dialog);
  g_signal_connect_swapped (reason, "changed", G_CALLBACK (arm_or_reason_changed_cb), dialog);
  arm_or_reason_changed_cb (dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (edit_response_cb), context);
  return dialog;
}
