/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui-signature.c — signing and locking a study in the app (issue 12), with real widgets:
 * the Overview's Sign Study… dialog (meaning, reason, password answered to PAM, which reads
 * this test's own service files through $PDX_PAM_CONFDIR: never a real password), the lock
 * notice and the signatures shown, the Mice page's and the Measure sheet's editing turned off
 * with the lock as tooltip, Unlock… with a reason, and a refused password writing nothing.
 * With $PDX_SCREENSHOT_DIR set, the Overview (unlocked, locked) and the dialog are saved as
 * PNGs there, for a person to look at. */
#include <adwaita.h>
#include <string.h>

#include "pdx-test-gui.h"
#include "pdx-gui-format.h"
#include "pdx-mice-page.h"
#include "pdx-overview-page.h"
#include "pdx-sign-dialog.h"
#include "pdx/pdx-audit.h"

#define STUDY "ICR-017-A"

static void
use_pam (const char *stack)
{
  g_autofree char *dir = pdx_test_make_tmpdir ();
  g_autofree char *file = g_build_filename (dir, "pdxtrack", NULL);
  g_autofree char *config =
      g_strdup_printf ("auth required %s\naccount required pam_permit.so\n", stack);

  g_assert_true (g_file_set_contents (file, config, -1, NULL));
  g_setenv ("PDX_PAM_CONFDIR", dir, TRUE);
}

/* Renders @widget to DIR/@name.png when $PDX_SCREENSHOT_DIR is set. */
static void
screenshot (GtkWidget *widget, const char *name)
{
  const char *dir = g_getenv ("PDX_SCREENSHOT_DIR");
  g_autoptr (GdkPaintable) paintable = NULL;
  g_autoptr (GtkSnapshot) snapshot = NULL;
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  int              width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);

  if (dir == NULL)
    return;
  paintable = gtk_widget_paintable_new (widget);
  /* A window just presented is drawn a few frames later (no condition to wait on for that). */
  for (guint tries = 0; node == NULL && tries < 50; tries++)
    {
      pdx_test_spin (50);
      width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  file = g_strdup_printf ("%s/%s.png", dir, name);
  g_assert_true (gdk_texture_save_to_png (texture, file));
}

/* The first widget under @root whose action is @action. */
static GtkWidget *
find_actionable (GtkWidget *root, const char *action)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_ACTIONABLE (child) &&
          g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (child)), action) == 0)
        return child;
      if ((found = find_actionable (child, action)) != NULL)
        return found;
    }
  return NULL;
}

static PdxSignDialog *
find_dialog (void)
{
  GListModel *windows = gtk_window_get_toplevels (); /* borrowed */

  for (guint i = 0; i < g_list_model_get_n_items (windows); i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (windows, i);
      if (PDX_IS_SIGN_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return PDX_SIGN_DIALOG (window);
    }
  return NULL;
}

static gboolean
dialog_shown_cb (gpointer data)
{
  return find_dialog () != NULL && pdx_test_main_loop_idle (NULL);
}

static gboolean
dialog_gone_cb (gpointer data)
{
  return find_dialog () == NULL;
}

static GObject *
child (gpointer widget, GType type, const char *name)
{
  return gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);
}

/* Opens @action's dialog on @overview, fills it in and answers "sign". */
static void
sign_in_dialog (PdxOverviewPage *overview,
                const char      *action,
                guint            meaning,
                const char      *reason,
                const char      *shot)
{
  PdxSignDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (overview), action, NULL));
  g_assert_true (pdx_test_wait_until (dialog_shown_cb, NULL));
  dialog = find_dialog ();
  /* Sign stays off until there is a reason. */
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "sign"));
  if (meaning != G_MAXUINT)
    adw_combo_row_set_selected (ADW_COMBO_ROW (child (dialog, PDX_TYPE_SIGN_DIALOG, "meaning_row")),
                                meaning);
  gtk_editable_set_text (GTK_EDITABLE (child (dialog, PDX_TYPE_SIGN_DIALOG, "reason_row")), reason);
  gtk_editable_set_text (GTK_EDITABLE (child (dialog, PDX_TYPE_SIGN_DIALOG, "password_row")),
                         "s3cret");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "sign"));
  if (shot)
    {
      g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
      screenshot (GTK_WIDGET (dialog), shot);
    }
  /* The response: PAM runs in its thread, the dialog stays open, insensitive, its spinner on,
   * and closing it (Escape) is refused meanwhile; it closes itself when the signature is
   * written. */
  g_object_ref (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "sign");
  g_assert_true (pdx_sign_dialog_is_busy (dialog));
  g_assert_false (
      gtk_widget_is_sensitive (adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog))));
  g_assert_true (
      gtk_spinner_get_spinning (GTK_SPINNER (child (dialog, PDX_TYPE_SIGN_DIALOG, "spinner"))));
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "sign"));
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_true (pdx_test_wait_until (dialog_gone_cb, NULL));
  g_assert_false (pdx_sign_dialog_is_busy (dialog));
  g_object_unref (dialog);
  g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
}

static gboolean
notice_is (PdxOverviewPage *overview, gboolean shown)
{
  GtkWidget *notice = GTK_WIDGET (child (overview, PDX_TYPE_OVERVIEW_PAGE, "lock_notice"));
  return gtk_widget_get_visible (notice) == shown;
}

/* Lock through the dialog: the signature in the lab, the notice and the signature on the
 * Overview, the Mice page's and the sheet's editing off with the lock as tooltip; then
 * Unlock… with a reason: all back. */
static void
test_lock_and_unlock (PdxTestGui *f, gconstpointer data)
{
  PdxOverviewPage *overview = pdx_study_page_get_overview_page (f->page);
  PdxDb           *db = pdx_lab_get_db (f->lab);
  gint64           id = pdx_test_gui_study_id (f, STUDY);
  g_autoptr (PdxSignature) lock = NULL;
  g_autoptr (GError) error = NULL;
  PdxMicePage *mice;
  GtkWidget   *add, *save;
  GtkLabel    *lock_label;

  use_pam ("pam_permit.so");
  g_assert_true (pdx_window_show_study (f->window, id));
  g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
  g_assert_true (notice_is (overview, FALSE));
  screenshot (GTK_WIDGET (f->window), "overview-unlocked");

  sign_in_dialog (overview, "overview.sign", 2 /* Lock */, "final data", "sign-dialog");
  lock = pdx_study_get_lock (db, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (lock);
  g_assert_cmpstr (lock->reason, ==, "final data");
  g_assert_cmpstr (lock->name, ==, PDX_TEST_GUI_OPERATOR);
  g_assert_true (lock->reauthenticated);
  g_assert_true (g_str_has_prefix (lock->method, "PAM service pdxtrack, configuration in "));
  g_assert_true (notice_is (overview, TRUE));
  lock_label = GTK_LABEL (child (overview, PDX_TYPE_OVERVIEW_PAGE, "lock_label"));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (lock_label),
                                   "Study " STUDY " is locked: signed \"lock\" by "));
  screenshot (GTK_WIDGET (f->window), "overview-locked");

  pdx_study_page_show_page (f->page, "mice");
  g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
  mice = pdx_study_page_get_mice_page (f->page);
  add = find_actionable (GTK_WIDGET (mice), "mice.add");
  g_assert_false (gtk_widget_is_sensitive (add));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (add), "is locked"));
  pdx_study_page_show_page (f->page, "measure");
  g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
  save = find_actionable (GTK_WIDGET (pdx_study_page_get_measure_sheet (f->page)), "sheet.save");
  g_assert_false (gtk_widget_is_sensitive (save));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (save), "is locked"));

  pdx_study_page_show_page (f->page, "overview");
  g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
  sign_in_dialog (overview, "overview.unlock", G_MAXUINT, "correction requested by QA", NULL);
  g_clear_pointer (&lock, pdx_signature_free);
  lock = pdx_study_get_lock (db, id, &error);
  g_assert_no_error (error);
  g_assert_null (lock);
  g_assert_true (notice_is (overview, FALSE));
  pdx_study_page_show_page (f->page, "mice");
  g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
  g_assert_true (gtk_widget_is_sensitive (add));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (add), ==, NULL);
}

/* A password PAM refuses: nothing is signed. */
static void
test_refused_password (PdxTestGui *f, gconstpointer data)
{
  PdxOverviewPage *overview = pdx_study_page_get_overview_page (f->page);
  gint64           id = pdx_test_gui_study_id (f, STUDY);
  g_autofree char *before = pdx_test_dump_hash (pdx_lab_get_db (f->lab)), *after = NULL;

  use_pam ("pam_deny.so");
  g_assert_true (pdx_window_show_study (f->window, id));
  g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
  sign_in_dialog (overview, "overview.sign", 1 /* Approve */, "approved", NULL);
  after = pdx_test_dump_hash (pdx_lab_get_db (f->lab));
  g_assert_cmpstr (before, ==, after);
  g_assert_true (notice_is (overview, FALSE));
}

/* Cancel, and Escape, close the dialog and sign nothing. */
static void
test_cancel (PdxTestGui *f, gconstpointer data)
{
  PdxOverviewPage *overview = pdx_study_page_get_overview_page (f->page);
  gint64           id = pdx_test_gui_study_id (f, STUDY);
  g_autofree char *before = pdx_test_dump_hash (pdx_lab_get_db (f->lab)), *after = NULL;

  use_pam ("pam_permit.so");
  g_assert_true (pdx_window_show_study (f->window, id));
  g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
  for (guint escape = 0; escape < 2; escape++)
    {
      PdxSignDialog *dialog;

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (overview), "overview.sign", NULL));
      g_assert_true (pdx_test_wait_until (dialog_shown_cb, NULL));
      dialog = find_dialog ();
      gtk_editable_set_text (GTK_EDITABLE (child (dialog, PDX_TYPE_SIGN_DIALOG, "reason_row")),
                             "not yet");
      if (escape)
        gtk_window_close (GTK_WINDOW (dialog)); /* what Escape does */
      else
        adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      g_assert_true (pdx_test_wait_until (dialog_gone_cb, NULL));
    }
  after = pdx_test_dump_hash (pdx_lab_get_db (f->lab));
  g_assert_cmpstr (before, ==, after);
}

int
main (int argc, char *argv[])
{
  pdx_test_gui_init (&argc, &argv);
  PDX_TEST_GUI_ADD ("signature/lock-and-unlock", test_lock_and_unlock);
  PDX_TEST_GUI_ADD ("signature/cancel", test_cancel);
  PDX_TEST_GUI_ADD ("signature/refused-password", test_refused_password);
  return g_test_run ();
}
