/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui-mice.c — the Mice page driven with real widgets: add, randomise, endpoint, exclude,
 * delete, and moving a mouse to another arm (confirmed when it has measurements after day 0);
 * each write, the dialogs' and other programs', told by the lab for its study alone.
 * Every test makes its own demo lab in a temporary folder and asserts on the database. */
#include <adwaita.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "pdx-test-gui.h"
#include "pdx/pdx-wording.h"
#include "pdx-gui-settings.h"
#include "pdx-gui-format.h"
#include "pdx-import-dialog.h"
#include "pdx-new-study-dialog.h"
#include "pdx-window.h"

/* ---- mice ------------------------------------------------------------------------------------ */

static PdxMicePage *
open_mice (PdxTestGui *f, const char *code)
{
  PdxMicePage *mice = pdx_study_page_get_mice_page (f->page);

  g_assert_true (pdx_window_show_study (f->window, pdx_test_gui_study_id (f, code)));
  pdx_study_page_show_page (f->page, "mice");
  /* The Mice page reads its list in a thread when shown, then fills it in idle steps. */
  g_assert_true (pdx_test_wait_until (pdx_test_gui_mice_loaded_cb, mice));
  return mice;
}

/* A form widget of a Mice dialog: a template child of the dialog's own type. */
static gpointer
dialog_child (AdwMessageDialog *dialog, const char *name)
{
  GObject *child =
      gtk_widget_get_template_child (GTK_WIDGET (dialog), G_OBJECT_TYPE (dialog), name);

  g_assert_nonnull (child);
  return child;
}

typedef struct
{
  PdxMicePage *mice;
  guint        n;
} MiceCount;

/* A PdxTestCondition: the Mice page lists @n mice. */
static gboolean
mice_count_is_cb (gpointer data)
{
  MiceCount *wait = data;

  return g_list_model_get_n_items (pdx_mice_page_get_model (wait->mice)) == wait->n;
}

static void
test_mice_add_and_randomise (PdxTestGui *f, gconstpointer data)
{
  PdxDb            *db = pdx_lab_get_db (f->lab);
  gint64            id = pdx_test_gui_study_id (f, "ICR-031-D");
  PdxMicePage      *mice = open_mice (f, "ICR-031-D");
  AdwMessageDialog *dialog;
  g_autoptr (GPtrArray) all = NULL;
  const char *report;

  g_assert_cmpuint (g_list_model_get_n_items (pdx_mice_page_get_model (mice)), ==, 24);
  dialog = pdx_mice_page_open_dialog (mice, "add");
  g_assert_nonnull (dialog);
  gtk_spin_button_set_value (dialog_child (dialog, "count"), 4);
  gtk_editable_set_text (dialog_child (dialog, "prefix"), "N-");
  gtk_editable_set_text (dialog_child (dialog, "cage"), "C09");
  adw_message_dialog_response (dialog, "add");
  g_assert_true (pdx_test_wait_until (mice_count_is_cb, &(MiceCount){ mice, 28 }));
  g_assert_cmpuint (g_list_model_get_n_items (pdx_mice_page_get_model (mice)), ==, 28);
  {
    g_autoptr (PdxMouse) added = pdx_mouse_find (db, id, "N-04", NULL);
    g_assert_nonnull (added);
  }

  dialog = pdx_mice_page_open_dialog (mice, "randomise");
  report = gtk_label_get_text (dialog_child (dialog, "report"));
  g_assert_nonnull (strstr (report, "28 mice to assign"));
  g_assert_nonnull (strstr (report, "n = "));
  adw_message_dialog_response (dialog, "randomise");
  g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
  all = pdx_mouse_list (db, id, NULL);
  g_assert_cmpuint (all->len, ==, 28);
  for (guint i = 0; i < all->len; i++)
    g_assert_cmpint (((PdxMouse *) g_ptr_array_index (all, i))->arm_id, !=, 0);
}

static void
test_mice_endpoint_and_exclude (PdxTestGui *f, gconstpointer data)
{
  PdxDb       *db = pdx_lab_get_db (f->lab);
  gint64       id = pdx_test_gui_study_id (f, "ICR-031-D");
  PdxMicePage *mice = open_mice (f, "ICR-031-D");
  g_autoptr (PdxMouse) d05 = pdx_mouse_find (db, id, "D-05", NULL);
  g_autoptr (PdxMouse) d06 = NULL;
  g_autoptr (PdxEndpoint) endpoint = NULL;
  AdwMessageDialog *dialog;

  g_assert_true (pdx_mice_page_select (mice, "D-05"));
  dialog = pdx_mice_page_open_dialog (mice, "endpoint");
  gtk_drop_down_set_selected (dialog_child (dialog, "kind"), PDX_ENDPOINT_HUMANE_NEURO);
  gtk_editable_set_text (dialog_child (dialog, "date"), "2026-06-10");
  gtk_editable_set_text (dialog_child (dialog, "note"), "circling, score 3");
  adw_message_dialog_response (dialog, "record");
  endpoint = pdx_endpoint_find_for_mouse (db, d05->id, NULL);
  g_assert_nonnull (endpoint);
  g_assert_cmpint (endpoint->kind, ==, PDX_ENDPOINT_HUMANE_NEURO);
  g_assert_true (endpoint->is_event);
  g_assert_cmpstr (endpoint->date, ==, "2026-06-10");

  g_assert_true (pdx_mice_page_select (mice, "D-06"));
  dialog = pdx_mice_page_open_dialog (mice, "exclude");
  adw_message_dialog_response (dialog, "exclude"); /* no reason: refused */
  d06 = pdx_mouse_find (db, id, "D-06", NULL);
  g_assert_false (d06->excluded);
  g_clear_pointer (&d06, pdx_mouse_free);
  g_assert_true (pdx_test_wait_until (pdx_test_gui_mice_loaded_cb, mice));
  g_assert_true (pdx_mice_page_select (mice, "D-06"));
  dialog = pdx_mice_page_open_dialog (mice, "exclude");
  gtk_editable_set_text (dialog_child (dialog, "reason"), "tumour not engrafted");
  adw_message_dialog_response (dialog, "exclude");
  d06 = pdx_mouse_find (db, id, "D-06", NULL);
  g_assert_true (d06->excluded);
  g_assert_cmpstr (d06->exclusion_reason, ==, "tumour not engrafted");
}

/* A PdxTestCondition: a toplevel shows a label that contains the text @data (a toast). */
static gboolean
label_containing (GtkWidget *widget, const char *text)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (label_containing (child, text))
      return TRUE;
  return FALSE;
}

static gboolean
toast_shown_cb (gpointer data)
{
  g_autoptr (GList) windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL; l = l->next)
    if (label_containing (l->data, data))
      return TRUE;
  return FALSE;
}

/* With $PDX_TEST_SCREENSHOT_DIR set, the dialog @window as it is on screen to NAME.png there,
 * for a person to look at. */
static void
maybe_save_png (GtkWidget *window, const char *name)
{
  const char      *dir = g_getenv ("PDX_TEST_SCREENSHOT_DIR");
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *path = NULL;
  g_autoptr (GdkPaintable) paintable = NULL;
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  GtkSnapshot *snapshot;
  int          width, height;

  if (dir == NULL)
    return;
  g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
  width = gtk_widget_get_width (window), height = gtk_widget_get_height (window);
  path = g_build_filename (dir, file, NULL);
  paintable = gtk_widget_paintable_new (window);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

/* The Endpoint form on a mouse that has one (issue 13): it shows the endpoint (not "Found
 * dead", not today), Save Correction and Clear Endpoint wait for a reason; the correction
 * writes the kind with its reason; an endpoint recorded by another program meanwhile is a
 * conflict in words (no engine message); Clear Endpoint removes it with its reason. */
static void
test_mice_endpoint_correct (PdxTestGui *f, gconstpointer data)
{
  PdxDb       *db = pdx_lab_get_db (f->lab);
  gint64       id = pdx_test_gui_study_id (f, "ICR-031-D");
  PdxMicePage *mice = open_mice (f, "ICR-031-D");
  g_autoptr (PdxMouse) d05 = pdx_mouse_find (db, id, "D-05", NULL);
  g_autoptr (PdxEndpoint) endpoint = pdx_endpoint_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char  *reason = NULL;
  AdwMessageDialog *dialog, *stale;

  g_assert_null (pdx_endpoint_find_for_mouse (db, d05->id, NULL));
  g_assert_true (pdx_mice_page_select (mice, "D-05"));
  stale = pdx_mice_page_open_dialog (mice, "endpoint"); /* opened before the endpoint exists */
  endpoint->mouse_id = d05->id;
  endpoint->date = g_strdup ("2026-06-10");
  endpoint->kind = PDX_ENDPOINT_HUMANE_WEIGHT;
  endpoint->is_event = TRUE;
  endpoint->note = g_strdup ("lost 21 %");
  g_assert_true (pdx_endpoint_insert (db, endpoint, &error));
  g_assert_no_error (error);

  gtk_editable_set_text (dialog_child (stale, "date"), "2026-06-11");
  adw_message_dialog_response (stale, "record");
  g_assert_true (pdx_test_wait_until (toast_shown_cb, "Endpoint not recorded: mouse D-05: an "
                                                      "endpoint (Humane endpoint"));
  g_assert_false (toast_shown_cb ("constraint"));

  dialog = pdx_mice_page_open_dialog (mice, "endpoint");
  g_assert_cmpstr (gtk_editable_get_text (dialog_child (dialog, "date")), ==, "2026-06-10");
  g_assert_cmpuint (gtk_drop_down_get_selected (dialog_child (dialog, "kind")), ==,
                    PDX_ENDPOINT_HUMANE_WEIGHT);
  g_assert_cmpstr (gtk_editable_get_text (dialog_child (dialog, "note")), ==, "lost 21 %");
  g_assert_true (gtk_check_button_get_active (dialog_child (dialog, "event")));
  g_assert_true (gtk_widget_get_visible (dialog_child (dialog, "reason")));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "record"));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "clear"));
  maybe_save_png (GTK_WIDGET (dialog), "gui-endpoint-correct");
  gtk_drop_down_set_selected (dialog_child (dialog, "kind"), PDX_ENDPOINT_HUMANE_NEURO);
  gtk_editable_set_text (dialog_child (dialog, "reason"), "weight loss was dehydration");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "record"));
  adw_message_dialog_response (dialog, "record");
  g_clear_pointer (&endpoint, pdx_endpoint_free);
  endpoint = pdx_endpoint_find_for_mouse (db, d05->id, NULL);
  g_assert_cmpint (endpoint->kind, ==, PDX_ENDPOINT_HUMANE_NEURO);
  g_assert_cmpstr (endpoint->note, ==, "lost 21 %");
  reason = pdx_test_query_string (db, "SELECT reason FROM audit_log ORDER BY id DESC LIMIT 1");
  g_assert_cmpstr (reason, ==, "weight loss was dehydration");
  g_assert_true (pdx_test_wait_until (pdx_test_gui_mice_loaded_cb, mice));

  g_assert_true (pdx_mice_page_select (mice, "D-05"));
  dialog = pdx_mice_page_open_dialog (mice, "endpoint");
  gtk_editable_set_text (dialog_child (dialog, "reason"), "recorded on the wrong mouse");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "clear"));
  adw_message_dialog_response (dialog, "clear");
  g_assert_null (pdx_endpoint_find_for_mouse (db, d05->id, NULL));
  g_clear_pointer (&reason, g_free);
  reason = pdx_test_query_string (
      db, "SELECT action || ': ' || reason FROM audit_log ORDER BY id DESC LIMIT 1");
  g_assert_cmpstr (reason, ==, "delete: recorded on the wrong mouse");
}

/* A mouse registered by mistake is deleted (with a reason, kept in the audit log); one with
 * measurements is not. */
static void
test_mice_delete (PdxTestGui *f, gconstpointer data)
{
  PdxDb *db = pdx_lab_get_db (f->lab);
  gint64 id = pdx_test_gui_study_id (f, "ICR-031-D");
  g_autoptr (PdxMouse) extra = pdx_mouse_new ();
  g_autoptr (PdxMouse) found = NULL;
  PdxMicePage      *mice;
  AdwMessageDialog *dialog;
  g_autofree char  *audit = NULL;

  extra->study_id = id;
  extra->tag = g_strdup ("D-99");
  extra->implant_date = g_strdup ("2026-05-04");
  g_assert_true (pdx_mouse_insert (db, extra, NULL));
  mice = open_mice (f, "ICR-031-D");

  g_assert_true (pdx_mice_page_select (mice, "D-99"));
  dialog = pdx_mice_page_open_dialog (mice, "delete");
  adw_message_dialog_response (dialog, "delete"); /* no reason: refused */
  found = pdx_mouse_find (db, id, "D-99", NULL);
  g_assert_nonnull (found);
  g_clear_pointer (&found, pdx_mouse_free);
  g_assert_true (pdx_test_wait_until (pdx_test_gui_mice_loaded_cb, mice));
  g_assert_true (pdx_mice_page_select (mice, "D-99"));
  dialog = pdx_mice_page_open_dialog (mice, "delete");
  gtk_editable_set_text (dialog_child (dialog, "reason"), "registered twice");
  adw_message_dialog_response (dialog, "delete");
  g_assert_null (pdx_mouse_find (db, id, "D-99", NULL));
  audit = g_strdup_printf (
      "audit_log WHERE table_name = 'mouse' AND action = 'delete' AND row_id = %" G_GINT64_FORMAT
      " AND reason = 'registered twice'",
      extra->id);
  g_assert_cmpint (pdx_test_count (db, audit), ==, 1);

  g_assert_true (pdx_test_wait_until (pdx_test_gui_mice_loaded_cb, mice));
  g_assert_true (pdx_mice_page_select (mice, "D-01"));
  dialog = pdx_mice_page_open_dialog (mice, "delete");
  gtk_editable_set_text (dialog_child (dialog, "reason"), "typo");
  adw_message_dialog_response (dialog, "delete");
  found = pdx_mouse_find (db, id, "D-01", NULL);
  g_assert_nonnull (found);
}

/* The open "Move Mouse …?" confirmation, or NULL. */
static AdwMessageDialog *
find_move_dialog (void)
{
  GListModel *windows = gtk_window_get_toplevels (); /* borrowed */

  for (guint i = 0; i < g_list_model_get_n_items (windows); i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (windows, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)) &&
          g_str_has_prefix (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)),
                            "Move Mouse"))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static AdwMessageDialog *
edit_arm (PdxMicePage *mice, const char *tag, guint arm_choice, const char *reason)
{
  AdwMessageDialog *dialog;

  g_assert_true (pdx_mice_page_select (mice, tag));
  dialog = pdx_mice_page_open_dialog (mice, "edit");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "save"));
  adw_combo_row_set_selected (dialog_child (dialog, "arm"), arm_choice);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save")); /* no reason yet */
  g_assert_true (gtk_widget_get_visible (dialog_child (dialog, "reason")));
  gtk_editable_set_text (dialog_child (dialog, "reason"), reason);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "save"));
  adw_message_dialog_response (dialog, "save");
  g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
  return dialog;
}

/* Moving a randomised mouse that has measurements after day 0 asks first; cancelled nothing
 * changes; confirmed, the arm changes and the audit log keeps the reason. The History reads the
 * move by arm names. */
static void
test_mice_change_arm (PdxTestGui *f, gconstpointer data)
{
  PdxDb *db = pdx_lab_get_db (f->lab);
  gint64 id = pdx_test_gui_study_id (f, "ICR-017-A");
  g_autoptr (GPtrArray) arms = pdx_arm_list (db, id, NULL);
  g_autoptr (PdxStudy) study = pdx_study_get (db, id, NULL);
  g_autoptr (PdxMouse) mouse = NULL, moved = NULL;
  g_autoptr (GPtrArray) measurements = NULL;
  g_autofree char  *before = NULL, *after = NULL, *expected_change = NULL;
  PdxMicePage      *mice = open_mice (f, "ICR-017-A");
  AdwMessageDialog *dialog;
  const PdxArm     *old_arm = NULL, *new_arm = NULL;
  guint             new_choice = 0, n_after_day0 = 0;

  mouse = pdx_mouse_find (db, id, "A-03", NULL);
  g_assert_nonnull (mouse);
  g_assert_cmpint (mouse->arm_id, !=, 0);
  measurements = pdx_measurement_list_for_mouse (db, mouse->id, NULL);
  for (guint i = 0; i < measurements->len; i++)
    n_after_day0 +=
        g_strcmp0 (((PdxMeasurement *) g_ptr_array_index (measurements, i))->date, study->day0) > 0;
  g_assert_cmpuint (n_after_day0, >, 0);
  for (guint i = 0; i < arms->len; i++)
    {
      const PdxArm *arm = g_ptr_array_index (arms, i);
      if (arm->id == mouse->arm_id)
        old_arm = arm;
      else if (new_arm == NULL)
        new_arm = arm, new_choice = i + 1; /* choice 0 is "not randomised" */
    }
  g_assert_nonnull (old_arm);
  g_assert_nonnull (new_arm);

  /* the drop-down: "not randomised", then the arms, the mouse's own selected */
  g_assert_true (pdx_mice_page_select (mice, "A-03"));
  dialog = pdx_mice_page_open_dialog (mice, "edit");
  {
    AdwComboRow *row = dialog_child (dialog, "arm");
    GListModel  *choices = adw_combo_row_get_model (row);

    g_assert_cmpuint (g_list_model_get_n_items (choices), ==, arms->len + 1);
    g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (choices), 0), ==,
                     "not randomised");
    g_assert_cmpstr (gtk_string_object_get_string (adw_combo_row_get_selected_item (row)), ==,
                     old_arm->name);
    g_assert_false (gtk_widget_get_visible (dialog_child (dialog, "reason")));
  }
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));

  before = pdx_test_dump (db);
  dialog = edit_arm (mice, "A-03", new_choice, "cage mix-up at randomisation");
  gtk_window_destroy (GTK_WINDOW (dialog));
  dialog = find_move_dialog ();
  g_assert_nonnull (dialog);
  after = pdx_test_dump (db);
  g_assert_cmpstr (before, ==, after); /* nothing before the confirmation */
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
  g_free (after);
  after = pdx_test_dump (db);
  g_assert_cmpstr (before, ==, after);

  dialog = edit_arm (mice, "A-03", new_choice, "cage mix-up at randomisation");
  gtk_window_destroy (GTK_WINDOW (dialog));
  dialog = find_move_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "move");
  gtk_window_destroy (GTK_WINDOW (dialog));
  moved = pdx_mouse_find (db, id, "A-03", NULL);
  g_assert_cmpint (moved->arm_id, ==, new_arm->id);
  {
    PdxAuditFilter filter = { .study_id = id, .mouse_tag = "A-03", .limit = 1 };
    g_autoptr (GPtrArray) audit = pdx_audit_list (db, &filter, NULL);
    const PdxAuditEntry *entry = g_ptr_array_index (audit, 0);

    g_assert_cmpstr (entry->action, ==, "update");
    g_assert_cmpstr (entry->reason, ==, "cage mix-up at randomisation");
  }
  {
    PdxHistoryPage *history = pdx_test_gui_open_history (f);
    g_autoptr (GObject) entry = NULL;

    pdx_test_gui_filter_history (history, "A-03", NULL);
    entry = g_list_model_get_item (pdx_history_page_get_model (history), 0);
    expected_change = g_strdup_printf ("arm %s → %s", old_arm->name, new_arm->name);
    g_assert_cmpstr (pdx_history_entry_get_text (entry, 2), ==, "mouse A-03");
    g_assert_cmpstr (pdx_history_entry_get_text (entry, 4), ==, expected_change);
    g_assert_cmpstr (pdx_history_entry_get_text (entry, 5), ==, "cage mix-up at randomisation");
  }
}

/* A mouse without measurements after day 0 moves at once, with its reason. */
static void
test_mice_randomise_one (PdxTestGui *f, gconstpointer data)
{
  PdxDb *db = pdx_lab_get_db (f->lab);
  gint64 id = pdx_test_gui_study_id (f, "ICR-031-D");
  g_autoptr (GPtrArray) arms = pdx_arm_list (db, id, NULL);
  g_autoptr (PdxStudy) study = pdx_study_get (db, id, NULL);
  g_autoptr (PdxMouse) mouse = pdx_mouse_find (db, id, "D-10", NULL);
  g_autoptr (GPtrArray) measurements = pdx_measurement_list_for_mouse (db, mouse->id, NULL);
  PdxMicePage      *mice = open_mice (f, "ICR-031-D");
  AdwMessageDialog *dialog;

  g_assert_cmpint (mouse->arm_id, ==, 0);
  for (guint i = 0; i < measurements->len; i++)
    g_assert_cmpstr (((PdxMeasurement *) g_ptr_array_index (measurements, i))->date, <=,
                     study->day0);
  dialog = edit_arm (mice, "D-10", 1, "late randomisation");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_null (find_move_dialog ());
  g_clear_pointer (&mouse, pdx_mouse_free);
  mouse = pdx_mouse_find (db, id, "D-10", NULL);
  g_assert_cmpint (mouse->arm_id, ==, ((PdxArm *) g_ptr_array_index (arms, 0))->id);
  {
    PdxAuditFilter filter = { .study_id = id, .mouse_tag = "D-10", .limit = 1 };
    g_autoptr (GPtrArray) audit = pdx_audit_list (db, &filter, NULL);

    g_assert_cmpstr (((PdxAuditEntry *) g_ptr_array_index (audit, 0))->reason, ==,
                     "late randomisation");
  }
}

/* ---- the lab's change signals ---------------------------------------------------------------- */

/* Whether the Mice page rebuilt its list since @before (its first item then, a reference): a
 * reload makes new items. Returns the first item now (a reference). */
static gboolean
mice_reloaded (PdxMicePage *mice, GObject **before)
{
  GObject *now;
  gboolean reloaded;

  g_assert_true (pdx_test_wait_until (pdx_test_gui_mice_loaded_cb, mice));
  now = g_list_model_get_item (pdx_mice_page_get_model (mice), 0);
  reloaded = now != *before;

  g_clear_object (before);
  *before = now;
  return reloaded;
}

/* Each Mice dialog's write reaches the views without the dialog announcing it: the lab tells
 * its study (and nothing else) changed and the Mice page shows it; a write to another study
 * leaves the page as it was. */
static void
test_mice_changes_told (PdxTestGui *f, gconstpointer data)
{
  PdxDb       *db = pdx_lab_get_db (f->lab);
  gint64       id = pdx_test_gui_study_id (f, "ICR-031-D");
  gint64       other = pdx_test_gui_study_id (f, "ICR-017-A");
  PdxMicePage *mice = open_mice (f, "ICR-031-D");
  g_autoptr (GObject) first = g_list_model_get_item (pdx_mice_page_get_model (mice), 0);
  AdwMessageDialog *dialog;
  PdxTestGuiTold    told = { 0 };

  pdx_test_gui_told_listen (&told, f->lab);
  dialog = pdx_mice_page_open_dialog (mice, "add");
  gtk_spin_button_set_value (dialog_child (dialog, "count"), 2);
  gtk_editable_set_text (dialog_child (dialog, "prefix"), "N-");
  adw_message_dialog_response (dialog, "add");
  pdx_test_gui_assert_told (&told, id, 0);
  g_assert_cmpuint (g_list_model_get_n_items (pdx_mice_page_get_model (mice)), ==, 26);
  g_assert_true (mice_reloaded (mice, &first));

  g_assert_true (pdx_mice_page_select (mice, "D-05"));
  dialog = pdx_mice_page_open_dialog (mice, "endpoint");
  gtk_drop_down_set_selected (dialog_child (dialog, "kind"), PDX_ENDPOINT_HUMANE_NEURO);
  gtk_editable_set_text (dialog_child (dialog, "date"), "2026-06-10");
  adw_message_dialog_response (dialog, "record");
  pdx_test_gui_assert_told (&told, id, 0);
  g_assert_true (mice_reloaded (mice, &first));

  g_assert_true (pdx_mice_page_select (mice, "D-06"));
  dialog = pdx_mice_page_open_dialog (mice, "exclude");
  gtk_editable_set_text (dialog_child (dialog, "reason"), "tumour not engrafted");
  adw_message_dialog_response (dialog, "exclude");
  pdx_test_gui_assert_told (&told, id, 0);
  g_assert_true (mice_reloaded (mice, &first));

  g_assert_true (pdx_mice_page_select (mice, "N-01"));
  dialog = pdx_mice_page_open_dialog (mice, "edit");
  gtk_editable_set_text (dialog_child (dialog, "cage"), "C12");
  adw_message_dialog_response (dialog, "save");
  pdx_test_gui_assert_told (&told, id, 0);
  g_assert_true (mice_reloaded (mice, &first));
  {
    g_autoptr (PdxMouse) edited = pdx_mouse_find (db, id, "N-01", NULL);
    g_assert_cmpstr (edited->cage, ==, "C12");
  }

  g_assert_true (pdx_mice_page_select (mice, "N-02"));
  dialog = pdx_mice_page_open_dialog (mice, "delete");
  gtk_editable_set_text (dialog_child (dialog, "reason"), "registered twice");
  adw_message_dialog_response (dialog, "delete");
  pdx_test_gui_assert_told (&told, id, 0);
  g_assert_cmpuint (g_list_model_get_n_items (pdx_mice_page_get_model (mice)), ==, 25);
  g_assert_true (mice_reloaded (mice, &first));

  dialog = pdx_mice_page_open_dialog (mice, "randomise");
  adw_message_dialog_response (dialog, "randomise");
  pdx_test_gui_assert_told (&told, id, 0);
  g_assert_true (mice_reloaded (mice, &first));

  /* Another study's mouse, added through the same connection: told, but this page stays. */
  pdx_test_add_mouse (db, other, 0, "Z-01", "2026-05-04");
  pdx_test_gui_assert_told (&told, other, 0);
  g_assert_false (mice_reloaded (mice, &first));
  pdx_test_gui_told_stop (&told, f->lab);
}

/* pdxtrack-cli imports @weight for mouse @tag of study @code on @date, on the window's lab. */
static void
cli_import_weight (
    PdxTestGui *f, const char *code, const char *tag, const char *date, const char *weight)
{
  g_autofree char *csv =
      g_strdup_printf ("study,mouse,date,weight_g\n%s,%s,%s,%s\n", code, tag, date, weight);
  g_autofree char *file = pdx_test_write_file ("outside.csv", csv, -1);
  const char      *argv[] = { g_getenv ("PDXTRACK_CLI"),
                              "--db",
                              pdx_lab_get_path (f->lab),
                              "import",
                              "measurements",
                              file,
                              "--reason", /* it may replace a saved weight (issue 12) */
                              "re-weighed",
                              NULL };
  g_autoptr (PdxTestRun) run = NULL;

  g_assert_nonnull (argv[0]);
  run = pdx_test_run_argv (argv, NULL);
  if (run->status != 0)
    g_error ("pdxtrack-cli failed: %s", run->err);
}

/* Another program's import (the real CLI on the same lab) is told for its study alone when the
 * app checks for other programs' commits (as it does when its window becomes active): the
 * study's page reloads; an import into another study leaves it as it was. */
static void
test_mice_outside_changes_told (PdxTestGui *f, gconstpointer data)
{
  gint64       id = pdx_test_gui_study_id (f, "ICR-031-D");
  gint64       other = pdx_test_gui_study_id (f, "ICR-017-A");
  PdxMicePage *mice = open_mice (f, "ICR-031-D");
  g_autoptr (GObject) first = g_list_model_get_item (pdx_mice_page_get_model (mice), 0);
  g_autoptr (GError) error = NULL;
  g_autofree char *today = pdx_format_today ();
  g_autoptr (PdxMouse) a03 = pdx_mouse_find (pdx_lab_get_db (f->lab), other, "A-03", NULL);
  g_autoptr (GPtrArray) measured =
      pdx_measurement_list_for_mouse (pdx_lab_get_db (f->lab), a03->id, NULL);
  gboolean       changed = FALSE;
  PdxTestGuiTold told = { 0 };

  g_assert_cmpuint (measured->len, >, 0);
  pdx_test_gui_told_listen (&told, f->lab);
  cli_import_weight (f, "ICR-031-D", "D-01", today, "22.4");
  g_assert_true (pdx_lab_check_outside_changes (f->lab, &changed, &error));
  g_assert_no_error (error);
  g_assert_true (changed);
  pdx_test_gui_assert_told (&told, id, 0);
  g_assert_true (mice_reloaded (mice, &first));

  cli_import_weight (f, "ICR-017-A", "A-03",
                     ((PdxMeasurement *) g_ptr_array_index (measured, 0))->date, "21.9");
  g_assert_true (pdx_lab_check_outside_changes (f->lab, &changed, &error));
  g_assert_true (changed);
  pdx_test_gui_assert_told (&told, other, 0);
  g_assert_false (mice_reloaded (mice, &first));

  /* Nothing new: nothing told. */
  g_assert_true (pdx_lab_check_outside_changes (f->lab, &changed, &error));
  g_assert_false (changed);
  g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
  g_assert_cmpuint (told.studies->len, ==, 0);
  pdx_test_gui_told_stop (&told, f->lab);
}

int
main (int argc, char *argv[])
{
  pdx_test_gui_init (&argc, &argv);
  PDX_TEST_GUI_ADD ("mice/delete", test_mice_delete);
  PDX_TEST_GUI_ADD ("mice/add-and-randomise", test_mice_add_and_randomise);
  PDX_TEST_GUI_ADD ("mice/endpoint-and-exclude", test_mice_endpoint_and_exclude);
  PDX_TEST_GUI_ADD ("mice/endpoint-correct", test_mice_endpoint_correct);
  PDX_TEST_GUI_ADD ("mice/change-arm-confirmed", test_mice_change_arm);
  PDX_TEST_GUI_ADD ("mice/randomise-one-mouse", test_mice_randomise_one);
  PDX_TEST_GUI_ADD ("mice/changes-told", test_mice_changes_told);
  PDX_TEST_GUI_ADD ("mice/outside-changes-told", test_mice_outside_changes_told);
  return g_test_run ();
}
