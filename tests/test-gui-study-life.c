/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui-study-life.c — a study over its life in the app (issue 13, docs/study-lifecycle.md),
 * driven with real widgets: Edit Study (the study's own line selected, Save waiting for a
 * change and a reason, the value and its audit entry stored, the day-0/readout warning before
 * saving, another writer's change and a bad passage refused in the dialog), a locked study's
 * Edit off with the lock named, Change Status (forward, terminated with its reason), the offer
 * after randomising a planned study (Not Now and Make Active), Duplicate as New Study.
 * With $PDX_TEST_SCREENSHOT_DIR set, each dialog is saved there as a PNG to look at. */
#include <adwaita.h>
#include <string.h>

#include "pdx-test-gui.h"
#include "pdx-activate-dialog.h"
#include "pdx-duplicate-study-dialog.h"
#include "pdx-edit-study-dialog.h"
#include "pdx-gui-format.h"
#include "pdx-overview-page.h"
#include "pdx-status-dialog.h"

/* The presented window of type @type, or NULL. */
static gpointer
find_toplevel (GType type)
{
  g_autoptr (GList) windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static gpointer
child_of (gpointer dialog, GType type, const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (dialog), type, name);

  g_assert_nonnull (child);
  return child;
}

static GtkWidget *
find_button (GtkWidget *root, const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) &&
          g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), label) == 0)
        return child;
      if ((found = find_button (child, label)) != NULL)
        return found;
    }
  return NULL;
}

static void
set_text (gpointer dialog, GType type, const char *name, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (child_of (dialog, type, name)), text);
}

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
  pdx_test_spin (300);
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

static void
show_study (PdxTestGui *f, const char *code)
{
  g_assert_true (pdx_window_show_study (f->window, pdx_test_gui_study_id (f, code)));
  pdx_study_page_show_page (f->page, "overview");
  g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
}

static PdxEditStudyDialog *
open_edit (PdxTestGui *f)
{
  PdxEditStudyDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "study.edit", NULL));
  dialog = find_toplevel (PDX_TYPE_EDIT_STUDY_DIALOG);
  g_assert_nonnull (dialog);
  return dialog;
}

#define EDIT PDX_TYPE_EDIT_STUDY_DIALOG

static char *
selected_string (AdwComboRow *row)
{
  return g_strdup (gtk_string_object_get_string (adw_combo_row_get_selected_item (row)));
}

/* The form shows the study as stored, its own line selected (BCBM-023 is not the first line);
 * Save waits for a change and a reason; the title is written with its reason, nothing else. */
static void
test_edit_study (PdxTestGui *f, gconstpointer data)
{
  PdxDb *db = pdx_lab_get_db (f->lab);
  gint64 id = pdx_test_gui_study_id (f, "ICR-023-B");
  g_autoptr (PdxStudy) before = pdx_study_get (db, id, NULL);
  g_autoptr (PdxStudy) after = NULL;
  g_autofree char    *line = NULL, *site = NULL, *entry = NULL, *n_entries = NULL, *mark = NULL;
  PdxEditStudyDialog *dialog;
  GtkWidget          *save;

  show_study (f, "ICR-023-B");
  dialog = open_edit (f);
  save = child_of (dialog, EDIT, "save_button");
  line = selected_string (child_of (dialog, EDIT, "line_row"));
  g_assert_cmpstr (line, ==, "BCBM-023");
  site = selected_string (child_of (dialog, EDIT, "site_row"));
  g_assert_cmpstr (site, ==, pdx_vocab_get_label ("intracranial-striatum"));
  g_assert_cmpstr (gtk_editable_get_text (child_of (dialog, EDIT, "day0_row")), ==, "2026-03-14");
  g_assert_cmpstr (gtk_editable_get_text (child_of (dialog, EDIT, "title_row")), ==, before->title);
  g_assert_false (gtk_widget_get_sensitive (save));

  set_text (dialog, EDIT, "title_row", "mTOR + neratinib in BCBM-023 (intracranial)");
  g_assert_false (gtk_widget_get_sensitive (save)); /* no reason yet */
  g_assert_false (gtk_widget_get_visible (child_of (dialog, EDIT, "analysis_warning")));
  set_text (dialog, EDIT, "reason_row", "title named the drugs in the wrong order");
  g_assert_true (gtk_widget_get_sensitive (save));
  maybe_save_png (GTK_WIDGET (dialog), "edit-study");
  mark = pdx_test_query_string (db, "SELECT max (id) FROM audit_log");
  g_assert_true (pdx_edit_study_dialog_save (dialog));
  g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
  g_assert_null (find_toplevel (EDIT));

  after = pdx_study_get (db, id, NULL);
  g_assert_cmpstr (after->title, ==, "mTOR + neratinib in BCBM-023 (intracranial)");
  g_assert_cmpstr (after->day0, ==, before->day0);
  g_assert_cmpint (after->line_id, ==, before->line_id);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM audit_log WHERE id > %s", mark);
    n_entries = pdx_test_query_string (db, sql);
  }
  g_assert_cmpstr (n_entries, ==, "1"); /* one column, one entry */
  entry = pdx_test_query_string (db, "SELECT table_name || ':' || action || ':' || reason || ':' ||"
                                     " (new_values ->> '$.title') FROM audit_log ORDER BY id DESC"
                                     " LIMIT 1");
  g_assert_cmpstr (entry, ==,
                   "study:update:title named the drugs in the wrong order:mTOR + neratinib in "
                   "BCBM-023 (intracranial)");
}

/* Day 0 and the readout say what they move before anything is saved; another writer's change
 * since the form was read, and a passage that is not a number, are refused in the dialog with
 * nothing written. */
static void
test_edit_study_warning_and_refusals (PdxTestGui *f, gconstpointer data)
{
  PdxDb *db = pdx_lab_get_db (f->lab);
  gint64 id = pdx_test_gui_study_id (f, "ICR-017-A");
  g_autoptr (GError) error = NULL;
  g_autofree char    *hash = NULL, *hash_after = NULL;
  PdxEditStudyDialog *dialog;
  GtkLabel           *warning, *error_label;

  show_study (f, "ICR-017-A");
  dialog = open_edit (f);
  warning = child_of (dialog, EDIT, "analysis_warning");
  error_label = child_of (dialog, EDIT, "error_label");
  set_text (dialog, EDIT, "day0_row", "2026-01-09");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (warning)));
  g_assert_nonnull (strstr (gtk_label_get_text (warning), "Day 0 moves from"));
  g_assert_nonnull (strstr (gtk_label_get_text (warning), "every study day changes"));
  adw_combo_row_set_selected (child_of (dialog, EDIT, "readout_row"), PDX_READOUT_MRI_VOLUME);
  g_assert_nonnull (strstr (gtk_label_get_text (warning), "The primary readout becomes"));
  set_text (dialog, EDIT, "reason_row", "day 0 was the first dose");
  maybe_save_png (GTK_WIDGET (dialog), "edit-study-day0-warning");
  set_text (dialog, EDIT, "day0_row", "2026-01-26"); /* as stored (test-study-life) */
  adw_combo_row_set_selected (child_of (dialog, EDIT, "readout_row"), PDX_READOUT_BLI_FLUX);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (warning))); /* back as stored */

  /* A bad passage. */
  set_text (dialog, EDIT, "passage_row", "four");
  hash = pdx_test_dump_hash (db);
  g_assert_false (pdx_edit_study_dialog_save (dialog));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_nonnull (strstr (gtk_label_get_text (error_label), "“four” is not a whole number"));
  {
    g_autoptr (PdxStudy) stored = pdx_study_get (db, id, NULL);
    g_autofree char *passage = g_strdup_printf ("%d", stored->passage);
    set_text (dialog, EDIT, "passage_row", passage); /* back as stored */
  }

  /* Another writer changes the title after the form read it. */
  {
    g_autoptr (PdxStudy) read = pdx_study_get (db, id, NULL);
    g_autoptr (PdxStudy) other = pdx_study_get (db, id, NULL);
    g_free (other->title);
    other->title = g_strdup ("Changed elsewhere");
    g_assert_true (
        pdx_study_update_fields (db, read, other, PDX_STUDY_TITLE, "other writer", &error));
    g_assert_no_error (error);
  }
  g_free (hash);
  hash = pdx_test_dump_hash (db);
  set_text (dialog, EDIT, "title_row", "My title");
  g_assert_false (pdx_edit_study_dialog_save (dialog));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_nonnull (strstr (gtk_label_get_text (error_label),
                            "its title was changed by someone else since it was read"));
  g_assert_null (strstr (gtk_label_get_text (error_label), "SQLITE"));
  g_assert_nonnull (find_toplevel (EDIT)); /* still open */
  maybe_save_png (GTK_WIDGET (dialog), "edit-study-conflict");
  hash_after = pdx_test_dump_hash (db);
  g_assert_cmpstr (hash, ==, hash_after);
  gtk_window_close (GTK_WINDOW (dialog));
}

/* A locked study: Edit Study and Change Status off, the lock named on their buttons;
 * Duplicate stays (it only reads). */
static void
test_locked_study (PdxTestGui *f, gconstpointer data)
{
  PdxDb *db = pdx_lab_get_db (f->lab);
  gint64 id = pdx_test_gui_study_id (f, "ICR-017-A");
  g_auto (PdxAuthResult) auth = { FALSE, g_strdup ("not re-authenticated: test") };
  g_autoptr (GError) error = NULL;
  PdxOverviewPage *overview = pdx_study_page_get_overview_page (f->page);
  GtkWidget       *edit, *status;
  gint64           signature = 0;

  show_study (f, "ICR-017-A");
  edit = find_button (GTK_WIDGET (overview), "_Edit Study…");
  status = find_button (GTK_WIDGET (overview), "C_hange Status…");
  g_assert_nonnull (edit);
  g_assert_nonnull (status);
  g_assert_true (gtk_widget_get_sensitive (edit));
  g_assert_true (
      pdx_study_sign (db, id, PDX_SIGNATURE_LOCK, "final report", &auth, &signature, &error));
  g_assert_no_error (error);
  g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
  g_assert_false (gtk_widget_get_sensitive (edit));
  g_assert_false (gtk_widget_get_sensitive (status));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (edit), "is locked"));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (status), "is locked"));
  gtk_widget_activate_action (GTK_WIDGET (f->page), "study.edit", NULL);
  g_assert_null (find_toplevel (EDIT));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "study.duplicate", NULL));
  g_assert_nonnull (find_toplevel (PDX_TYPE_DUPLICATE_STUDY_DIALOG));
}

/* A study locked while its Edit Study form is open: Save shows the lock, writes nothing. */
static void
test_locked_while_editing (PdxTestGui *f, gconstpointer data)
{
  PdxDb *db = pdx_lab_get_db (f->lab);
  gint64 id = pdx_test_gui_study_id (f, "ICR-023-B");
  g_auto (PdxAuthResult) auth = { FALSE, g_strdup ("not re-authenticated: test") };
  g_autoptr (GError) error = NULL;
  g_autofree char    *hash = NULL, *hash_after = NULL;
  PdxEditStudyDialog *dialog;
  GtkLabel           *error_label;
  gint64              signature = 0;

  show_study (f, "ICR-023-B");
  dialog = open_edit (f);
  error_label = child_of (dialog, EDIT, "error_label");
  set_text (dialog, EDIT, "investigator_row", "Dr. R. Patel");
  set_text (dialog, EDIT, "reason_row", "investigator changed");
  g_assert_true (
      pdx_study_sign (db, id, PDX_SIGNATURE_LOCK, "final report", &auth, &signature, &error));
  g_assert_no_error (error);
  hash = pdx_test_dump_hash (db);
  g_assert_false (pdx_edit_study_dialog_save (dialog));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_nonnull (strstr (gtk_label_get_text (error_label), "Study ICR-023-B is locked"));
  g_assert_nonnull (strstr (gtk_label_get_text (error_label), "Nothing was changed"));
  hash_after = pdx_test_dump_hash (db);
  g_assert_cmpstr (hash, ==, hash_after);
  gtk_window_close (GTK_WINDOW (dialog));
}

#define STATUS PDX_TYPE_STATUS_DIALOG

static PdxStatusDialog *
open_status (PdxTestGui *f)
{
  PdxStatusDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "study.change-status", NULL));
  dialog = find_toplevel (STATUS);
  g_assert_nonnull (dialog);
  return dialog;
}

/* Planned → active dated today without a reason; then terminated, which waits for its reason;
 * the Overview's status row follows. */
static void
test_change_status (PdxTestGui *f, gconstpointer data)
{
  PdxDb           *db = pdx_lab_get_db (f->lab);
  gint64           id = pdx_test_gui_study_id (f, "ICR-031-D");
  g_autofree char *today = pdx_format_today (), *row = NULL;
  g_autoptr (GPtrArray) changes = NULL;
  g_autoptr (PdxStudy) study = NULL;
  PdxStatusDialog *dialog;
  AdwComboRow     *choices;
  AdwActionRow    *status_row;

  show_study (f, "ICR-031-D");
  status_row =
      child_of (pdx_study_page_get_overview_page (f->page), PDX_TYPE_OVERVIEW_PAGE, "status_row");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (status_row)), ==,
                   "Status: planned");
  dialog = open_status (f);
  choices = child_of (dialog, STATUS, "status_row");
  g_assert_cmpstr (pdx_status_dialog_get_choice (dialog, 0), ==, "active");
  g_assert_cmpuint (adw_combo_row_get_selected (choices), ==, 0);
  g_assert_cmpstr (gtk_editable_get_text (child_of (dialog, STATUS, "date_row")), ==, today);
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "change"));
  maybe_save_png (GTK_WIDGET (dialog), "change-status");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "change");
  g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
  study = pdx_study_get (db, id, NULL);
  g_assert_cmpstr (study->status, ==, "active");
  changes = pdx_study_list_status_changes (db, id, NULL);
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_cmpstr (((PdxStatusChange *) changes->pdata[0])->date, ==, today);
  g_assert_null (((PdxStatusChange *) changes->pdata[0])->reason);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (status_row)), ==,
                   "Status: active");
  {
    g_autofree char *since = pdx_format_date (today);
    g_autofree char *expected = g_strdup_printf ("since %s", since);
    g_assert_cmpstr (adw_action_row_get_subtitle (status_row), ==, expected);
  }

  /* Terminated: the reason is required. */
  dialog = open_status (f);
  choices = child_of (dialog, STATUS, "status_row");
  for (guint i = 0; pdx_status_dialog_get_choice (dialog, i); i++)
    if (g_str_equal (pdx_status_dialog_get_choice (dialog, i), "terminated"))
      adw_combo_row_set_selected (choices, i);
  g_assert_cmpstr (adw_preferences_row_get_title (child_of (dialog, STATUS, "reason_row")), ==,
                   "Reason (required)");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "change"));
  set_text (dialog, STATUS, "reason_row", "funding withdrawn");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "change"));
  set_text (dialog, STATUS, "date_row", "tomorrow");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "change"));
  set_text (dialog, STATUS, "date_row", today);
  maybe_save_png (GTK_WIDGET (dialog), "change-status-terminate");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "change");
  g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
  g_clear_pointer (&study, pdx_study_free);
  study = pdx_study_get (db, id, NULL);
  g_assert_cmpstr (study->status, ==, "terminated");
  row = pdx_test_query_string (db, "SELECT status || ':' || reason FROM study_status_change"
                                   " ORDER BY id DESC LIMIT 1");
  g_assert_cmpstr (row, ==, "terminated:funding withdrawn");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (status_row)), ==,
                   "Status: terminated");
}

/* Randomises the planned study ICR-031-D from the Mice page; returns the offer. */
static PdxActivateDialog *
randomise_planned (PdxTestGui *f)
{
  PdxMicePage       *mice = pdx_study_page_get_mice_page (f->page);
  AdwMessageDialog  *dialog;
  PdxActivateDialog *offer;

  g_assert_true (pdx_window_show_study (f->window, pdx_test_gui_study_id (f, "ICR-031-D")));
  pdx_study_page_show_page (f->page, "mice");
  g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
  g_assert_null (find_toplevel (PDX_TYPE_ACTIVATE_DIALOG));
  dialog = pdx_mice_page_open_dialog (mice, "randomise");
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "randomise");
  g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
  offer = find_toplevel (PDX_TYPE_ACTIVATE_DIALOG);
  g_assert_nonnull (offer);
  return offer;
}

static void
test_randomise_offer_not_now (PdxTestGui *f, gconstpointer data)
{
  PdxDb             *db = pdx_lab_get_db (f->lab);
  gint64             id = pdx_test_gui_study_id (f, "ICR-031-D");
  PdxActivateDialog *offer = randomise_planned (f);
  g_autoptr (PdxStudy) study = NULL;
  g_autoptr (GPtrArray) changes = NULL;

  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (offer)),
                            "Study ICR-031-D is still planned"));
  maybe_save_png (GTK_WIDGET (offer), "randomise-offer");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (offer), "not-now");
  g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
  study = pdx_study_get (db, id, NULL);
  g_assert_cmpstr (study->status, ==, "planned"); /* no silent change */
  changes = pdx_study_list_status_changes (db, id, NULL);
  g_assert_cmpuint (changes->len, ==, 0);
}

static void
test_randomise_offer_activate (PdxTestGui *f, gconstpointer data)
{
  PdxDb             *db = pdx_lab_get_db (f->lab);
  gint64             id = pdx_test_gui_study_id (f, "ICR-031-D");
  PdxActivateDialog *offer = randomise_planned (f);
  g_autofree char   *today = pdx_format_today (), *entry = NULL;
  g_autoptr (PdxStudy) study = NULL;
  g_autoptr (GPtrArray) changes = NULL;

  adw_message_dialog_response (ADW_MESSAGE_DIALOG (offer), "activate");
  g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
  study = pdx_study_get (db, id, NULL);
  g_assert_cmpstr (study->status, ==, "active");
  changes = pdx_study_list_status_changes (db, id, NULL);
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_cmpstr (((PdxStatusChange *) changes->pdata[0])->date, ==, today);
  entry = pdx_test_query_string (db, "SELECT reason FROM audit_log WHERE table_name = 'study'"
                                     " ORDER BY id DESC LIMIT 1");
  g_assert_cmpstr (entry, ==, "status planned → active");
}

#define DUPLICATE PDX_TYPE_DUPLICATE_STUDY_DIALOG

/* An existing code keeps Duplicate off with the reason shown; a new code creates the planned
 * study with the copied arms and opens it. */
static void
test_duplicate (PdxTestGui *f, gconstpointer data)
{
  PdxDb *db = pdx_lab_get_db (f->lab);
  gint64 source = pdx_test_gui_study_id (f, "ICR-017-A");
  g_autoptr (PdxStudy) copy = NULL;
  g_autoptr (GPtrArray) arms = NULL, source_arms = NULL;
  PdxDuplicateStudyDialog *dialog;
  AdwMessageDialog        *message;

  show_study (f, "ICR-017-A");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "study.duplicate", NULL));
  dialog = find_toplevel (DUPLICATE);
  g_assert_nonnull (dialog);
  message = ADW_MESSAGE_DIALOG (dialog);
  g_assert_false (adw_message_dialog_get_response_enabled (message, "duplicate")); /* no code */
  set_text (dialog, DUPLICATE, "code_row", "ICR-023-B");
  g_assert_false (adw_message_dialog_get_response_enabled (message, "duplicate"));
  g_assert_cmpstr (gtk_label_get_text (child_of (dialog, DUPLICATE, "hint_label")), ==,
                   "A study with the code ICR-023-B already exists.");
  set_text (dialog, DUPLICATE, "code_row", "ICR-044-A");
  set_text (dialog, DUPLICATE, "title_row", "Repeat of ICR-017-A");
  set_text (dialog, DUPLICATE, "day0_row", "2026-09-01");
  g_assert_true (adw_message_dialog_get_response_enabled (message, "duplicate"));
  maybe_save_png (GTK_WIDGET (dialog), "duplicate-study");
  adw_message_dialog_response (message, "duplicate");
  g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));

  copy = pdx_study_find (db, "ICR-044-A", NULL);
  g_assert_nonnull (copy);
  g_assert_cmpstr (copy->status, ==, "planned");
  g_assert_cmpstr (copy->title, ==, "Repeat of ICR-017-A");
  g_assert_cmpstr (copy->day0, ==, "2026-09-01");
  arms = pdx_arm_list (db, copy->id, NULL);
  source_arms = pdx_arm_list (db, source, NULL);
  g_assert_cmpuint (arms->len, ==, 4);
  for (guint i = 0; i < arms->len; i++)
    {
      PdxArm *a = arms->pdata[i], *b = source_arms->pdata[i];
      g_assert_cmpstr (a->name, ==, b->name);
      g_assert_cmpint (a->is_control, ==, b->is_control);
      g_assert_cmpuint (a->agents->len, ==, b->agents->len);
    }
  g_assert_cmpint (pdx_test_count (db, "mouse") > 0, ==, TRUE);
  {
    g_autofree char *sql =
        g_strdup_printf ("SELECT count(*) FROM mouse WHERE study_id = %" G_GINT64_FORMAT, copy->id);
    g_autofree char *n = pdx_test_query_string (db, sql);
    g_assert_cmpstr (n, ==, "0");
  }
  g_assert_cmpint (pdx_study_page_get_study_id (f->page), ==, copy->id); /* opened */
}

int
main (int argc, char **argv)
{
  pdx_test_gui_init (&argc, &argv);
  PDX_TEST_GUI_ADD ("study-life/edit", test_edit_study);
  PDX_TEST_GUI_ADD ("study-life/edit-warning-and-refusals", test_edit_study_warning_and_refusals);
  PDX_TEST_GUI_ADD ("study-life/locked", test_locked_study);
  PDX_TEST_GUI_ADD ("study-life/locked-while-editing", test_locked_while_editing);
  PDX_TEST_GUI_ADD ("study-life/change-status", test_change_status);
  PDX_TEST_GUI_ADD ("study-life/randomise-offer-not-now", test_randomise_offer_not_now);
  PDX_TEST_GUI_ADD ("study-life/randomise-offer-activate", test_randomise_offer_activate);
  PDX_TEST_GUI_ADD ("study-life/duplicate", test_duplicate);
  return g_test_run ();
}
