/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui-history-trail.c — the History page as a reviewer uses it (issue 12), with real widgets
 * on the demo lab: a scripted sequence of edits by two operators, seen live, found by search,
 * action, mouse, operator and days; the whole trail reached by scrolling a page at a time; what
 * the filters select exported. Expected entries are the script's own and counts come from SQL of
 * the test's own over audit_log, never from the page's code. With PDX_TEST_SCREENSHOT_DIR set,
 * /gui/history/screenshot also writes the page at 1440×900 as a PNG. */
#include <adwaita.h>
#include <string.h>

#include "pdx-test-gui.h"
#include "pdx-gui-format.h"
#include "pdx-window.h"
#include "store/pdx-store.h"

static gint64
count_sql (PdxTestGui *f, const char *format, gint64 study_id)
{
  g_autofree char *sql = g_strdup_printf (format, study_id);
  g_autofree char *n = pdx_test_query_string (pdx_lab_get_db (f->lab), sql);

  return g_ascii_strtoll (n, NULL, 10);
}

static gboolean
total_is_cb (gpointer data)
{
  gpointer *wait = data;

  return !pdx_history_page_is_loading (wait[0]) &&
         pdx_history_page_get_total (wait[0]) == *(gint64 *) wait[1];
}

/* Waits for the History's filter to load whole (first page and count). */
static void
wait_loaded (PdxHistoryPage *history)
{
  g_assert_true (pdx_test_wait_until (pdx_test_gui_history_loaded_cb, history));
}

static const char *
text_of (GListModel *model, guint i, guint column)
{
  g_autoptr (GObject) entry = g_list_model_get_item (model, i);

  return pdx_history_entry_get_text (entry, column);
}

/* Alice adds D-07's weight, Bob corrects it with a reason: the open History shows each at once
 * (the lab's change signal), and search, action, mouse, operator and days each find them. */
static void
test_trail_filters (PdxTestGui *f, gconstpointer data)
{
  PdxDb           *db = pdx_lab_get_db (f->lab);
  gint64           study = pdx_test_gui_study_id (f, "ICR-031-D");
  g_autofree char *today = pdx_format_today ();
  g_autofree char *record = g_strdup_printf ("D-07 · measurement %s", today);
  g_autofree char *bob = g_strdup_printf ("%s (Bob Jones)", g_get_user_name ());
  g_autofree char *tomorrow = pdx_date_add_days (today, 1);
  g_autoptr (PdxMeasurement) m = pdx_measurement_new ();
  g_autoptr (PdxMouse) mouse = pdx_mouse_find (db, study, "D-07", NULL);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *zone = g_date_time_format (now, " %Z");
  g_autoptr (GError) error = NULL;
  PdxHistoryPage *history;
  GListModel     *model;
  gint64          expected;
  gpointer        wait[2] = { NULL, &expected };

  g_assert_true (pdx_window_show_study (f->window, study));
  history = pdx_test_gui_open_history (f);
  model = pdx_history_page_get_model (history);
  wait[0] = history;
  expected =
      count_sql (f, "SELECT count(*) FROM audit_log WHERE study_id = %" G_GINT64_FORMAT, study);
  g_assert_true (pdx_test_wait_until (total_is_cb, wait));

  m->mouse_id = mouse->id;
  m->date = g_strdup (today), m->weight_g = 19.9;
  pdx_db_set_operator (db, "Alice Smith");
  g_assert_true (pdx_measurement_insert (db, m, &error));
  expected++;
  g_assert_true (pdx_test_wait_until (total_is_cb, wait)); /* live, without a filter change */
  g_assert_cmpstr (text_of (model, 0, 2), ==, record);
  g_assert_cmpstr (text_of (model, 0, 4), ==, "weight 19.9 g");
  pdx_db_set_operator (db, "Bob Jones");
  pdx_db_set_reason (db, "Re-measured");
  m->weight_g = 20.4;
  g_assert_true (pdx_measurement_update (db, m, &error));
  pdx_db_set_reason (db, NULL);
  pdx_db_set_operator (db, PDX_TEST_GUI_OPERATOR);
  g_assert_no_error (error);
  expected++;
  g_assert_true (pdx_test_wait_until (total_is_cb, wait));

  pdx_history_page_search (history, "RE-MEASURED", NULL);
  wait_loaded (history);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_cmpint (pdx_history_page_get_total (history), ==, 1);
  g_assert_cmpstr (text_of (model, 0, 1), ==, bob);
  g_assert_cmpstr (text_of (model, 0, 2), ==, record);
  g_assert_cmpstr (text_of (model, 0, 3), ==, "Changed");
  g_assert_cmpstr (text_of (model, 0, 4), ==, "weight 19.9 → 20.4 g");
  g_assert_cmpstr (text_of (model, 0, 5), ==, "Re-measured");
  g_assert_true (g_str_has_suffix (text_of (model, 0, 0), zone)); /* local, with the zone */

  pdx_history_page_search (history, NULL, "update");
  pdx_history_page_filter (history, "D-07", "Bob Jones", today, today);
  wait_loaded (history);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_cmpstr (text_of (model, 0, 5), ==, "Re-measured");
  pdx_history_page_search (history, NULL, NULL);
  pdx_history_page_filter (history, "D-07", "Alice Smith", NULL, NULL);
  wait_loaded (history);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_cmpstr (text_of (model, 0, 3), ==, "Added");
  pdx_history_page_filter (history, "D-07", NULL, tomorrow, NULL);
  wait_loaded (history);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_cmpint (pdx_history_page_get_total (history), ==, 0);
  /* a day that is none: the core's message, nothing listed */
  pdx_history_page_filter (history, NULL, NULL, "2026-02-30", NULL);
  wait_loaded (history);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_nonnull (strstr (pdx_history_page_get_status (history), "is not a date"));
}

/* Scrolls to the end of the list and waits for the page that brings. */
static gboolean
more_loaded_cb (gpointer data)
{
  gpointer *wait = data;

  return !pdx_history_page_is_loading (wait[0]) &&
         g_list_model_get_n_items (pdx_history_page_get_model (wait[0])) >
             GPOINTER_TO_UINT (wait[1]);
}

/* The biggest demo study's trail is longer than a page: the first page only, then each scroll to
 * the end one more, until the whole trail is there, newest first, each entry once. */
static void
test_trail_paging (PdxTestGui *f, gconstpointer data)
{
  gint64 study = pdx_test_gui_study_id (f, "ICR-017-A");
  gint64 total =
      count_sql (f, "SELECT count(*) FROM audit_log WHERE study_id = %" G_GINT64_FORMAT, study);
  PdxHistoryPage *history;
  GListModel     *model;
  GtkAdjustment  *adjustment;
  guint           pages = 1;

  g_assert_cmpint (total, >, 400); /* at least three pages of 200 */
  g_assert_true (pdx_window_show_study (f->window, study));
  history = pdx_test_gui_open_history (f);
  model = pdx_history_page_get_model (history);
  adjustment = gtk_scrolled_window_get_vadjustment (pdx_history_page_get_scrolled_window (history));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 200);
  g_assert_cmpint (pdx_history_page_get_total (history), ==, total);
  g_assert_false (pdx_history_page_is_complete (history));
  while (!pdx_history_page_is_complete (history))
    {
      gpointer wait[2] = { history, GUINT_TO_POINTER (g_list_model_get_n_items (model)) };

      g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
      g_assert_true (pdx_test_wait_until (more_loaded_cb, wait));
      pages++;
    }
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, total);
  g_assert_cmpuint (pages, ==, (total + 199) / 200);
  for (guint i = 1; i < (guint) total; i++)
    {
      g_autoptr (GObject) newer = g_list_model_get_item (model, i - 1);
      g_autoptr (GObject) older = g_list_model_get_item (model, i);

      g_assert_cmpint (pdx_history_entry_get_id (newer), >, pdx_history_entry_get_id (older));
    }
}

static gboolean
exported_cb (gpointer data)
{
  return !pdx_history_page_is_exporting (data);
}

/* What the filters select, exported: every entry of D-07 in ICR-017-A, its rows' seq the ids of
 * the entries shown (each at least once, no other), the header the reviewer's columns. */
static void
test_trail_export (PdxTestGui *f, gconstpointer data)
{
  gint64           study = pdx_test_gui_study_id (f, "ICR-017-A");
  g_autofree char *path = g_build_filename (f->dir, "A-03-history.csv", NULL);
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;
  g_autoptr (GHashTable) shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) written = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gint64 expected = count_sql (
      f,
      "SELECT count(*) FROM audit_log WHERE study_id = %" G_GINT64_FORMAT
      " AND mouse_id = (SELECT id FROM mouse WHERE tag = 'A-03' AND study_id = audit_log.study_id)",
      study);
  PdxHistoryPage *history;
  GListModel     *model;

  g_assert_true (pdx_window_show_study (f->window, study));
  history = pdx_test_gui_open_history (f);
  pdx_test_gui_filter_history (history, "A-03", NULL);
  wait_loaded (history);
  model = pdx_history_page_get_model (history);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, expected);
  g_assert_cmpint (expected, >, 1);
  g_assert_true (pdx_history_page_export (history, path));
  g_assert_true (pdx_history_page_is_exporting (history));
  g_assert_true (pdx_test_wait_until (exported_cb, history));
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  g_assert_cmpstr (
      lines[0], ==,
      "seq,time_utc,operator,action,table,record,study,mouse,field,old,new,reason,hash");
  for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_auto (GStrv) cells = g_strsplit (lines[i], ",", 2);

      /* the export's last line is the audit seal's, as every CSV export ends */
      if (g_str_has_prefix (lines[i], "# audit seal "))
        {
          g_assert_true (lines[i + 1] == NULL || lines[i + 1][0] == '\0');
          continue;
        }
      g_hash_table_add (written, g_strdup (cells[0]));
    }
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (GObject) entry = g_list_model_get_item (model, i);
      g_hash_table_add (shown,
                        g_strdup_printf ("%" G_GINT64_FORMAT, pdx_history_entry_get_id (entry)));
    }
  g_assert_cmpuint (g_hash_table_size (written), ==, g_hash_table_size (shown));
  {
    GHashTableIter iter;
    gpointer       key;

    g_hash_table_iter_init (&iter, shown);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      g_assert_true (g_hash_table_contains (written, key));
  }
  /* a folder that does not exist: said on the page, nothing written, the list kept */
  {
    g_autofree char *nowhere = g_build_filename (f->dir, "no-such-folder", "x.csv", NULL);

    g_assert_true (pdx_history_page_export (history, nowhere));
    g_assert_true (pdx_test_wait_until (exported_cb, history));
    g_assert_true (
        g_str_has_prefix (pdx_history_page_get_status (history), "History not exported: "));
    g_assert_false (g_file_test (nowhere, G_FILE_TEST_EXISTS));
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, expected);
  }
}

/* The signatures of the study above its trail, and their entries in the lab's words (issue
 * 12): a review without re-authentication and a lock, signed in the lab; the page's lines and
 * the entries' changes as written out by hand. */
static void
test_trail_signatures (PdxTestGui *f, gconstpointer data)
{
  PdxDb *db = pdx_lab_get_db (f->lab);
  gint64 study = pdx_test_gui_study_id (f, "ICR-031-D");
  g_auto (PdxAuthResult) none = { FALSE, g_strdup ("not re-authenticated: test") };
  g_autoptr (GError) error = NULL;
  g_autofree char *lock_text = NULL;
  PdxHistoryPage  *history;
  GListModel      *model;
  const char      *lines;
  gboolean         found = FALSE;
  gint64           lock_id;

  g_assert_true (pdx_window_show_study (f->window, study));
  history = pdx_test_gui_open_history (f);
  g_assert_cmpstr (pdx_history_page_get_signatures (history), ==, "");
  pdx_db_set_operator (db, "Dr A");
  g_assert_true (
      pdx_study_sign (db, study, PDX_SIGNATURE_REVIEW, "weights checked", &none, NULL, &error));
  g_assert_true (
      pdx_study_sign (db, study, PDX_SIGNATURE_LOCK, "final data", &none, &lock_id, &error));
  g_assert_no_error (error);
  pdx_lab_dispatch_changes (f->lab);
  pdx_study_page_show_page (f->page, "overview");
  history = pdx_test_gui_open_history (f);
  lines = pdx_history_page_get_signatures (history);
  g_test_message ("%s", lines);
  g_assert_nonnull (strstr (lines, " · Review by "));
  g_assert_nonnull (strstr (lines, "(Dr A), "));
  g_assert_nonnull (strstr (lines, ": “weights checked”, not re-authenticated\n"));
  g_assert_true (g_str_has_suffix (lines, ": “final data”, not re-authenticated"));
  model = pdx_history_page_get_model (history);
  lock_text = g_strdup_printf ("locked by signature %" G_GINT64_FORMAT, lock_id);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (GObject) entry = g_list_model_get_item (model, i);
      if (g_strcmp0 (pdx_history_entry_get_text (entry, 4), lock_text) == 0)
        found = TRUE;
    }
  g_assert_true (found);
}

/* Renders the window as it is on screen to @path. */
static void
save_window_png (GtkWidget *window, const char *path)
{
  int width = gtk_widget_get_width (window), height = gtk_widget_get_height (window);
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (window);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

/* The reviewer's question "who changed D-07's weight, when and why": the History of ICR-031-D at
 * 1440×900, once whole and once searched for the mouse's weight, as PNGs in
 * $PDX_TEST_SCREENSHOT_DIR (looked at by a person; registered only when it is set). */
static void
test_trail_screenshot (PdxTestGui *f, gconstpointer data)
{
  PdxDb           *db = pdx_lab_get_db (f->lab);
  gint64           study = pdx_test_gui_study_id (f, "ICR-031-D");
  const char      *dir = g_getenv ("PDX_TEST_SCREENSHOT_DIR");
  g_autofree char *whole = g_build_filename (dir, "gui-history.png", NULL);
  g_autofree char *found = g_build_filename (dir, "gui-history-search.png", NULL);
  g_autofree char *today = pdx_format_today ();
  g_autoptr (PdxMouse) mouse = pdx_mouse_find (db, study, "D-07", NULL);
  g_autoptr (PdxMeasurement) m = pdx_measurement_new ();
  PdxHistoryPage *history;

  gtk_window_set_default_size (GTK_WINDOW (f->window), 1440, 900);
  g_assert_true (pdx_window_show_study (f->window, study));
  m->mouse_id = mouse->id, m->date = g_strdup (today), m->weight_g = 21.3;
  pdx_db_set_operator (db, "Alice Smith");
  g_assert_true (pdx_measurement_insert (db, m, NULL));
  pdx_db_set_operator (db, "Bob Jones");
  pdx_db_set_reason (db, "Transcription error");
  m->weight_g = 20.1;
  g_assert_true (pdx_measurement_update (db, m, NULL));
  pdx_db_set_reason (db, NULL);
  {
    g_auto (PdxAuthResult) none = { FALSE, g_strdup ("not re-authenticated: test") };
    pdx_db_set_operator (db, "Dr A");
    g_assert_true (
        pdx_study_sign (db, study, PDX_SIGNATURE_REVIEW, "weights checked", &none, NULL, NULL));
  }
  history = pdx_test_gui_open_history (f);
  g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
  pdx_test_spin (300); /* the resize and the rows' layout: no signal says "painted" */
  save_window_png (GTK_WIDGET (f->window), whole);
  pdx_history_page_search (history, "D-07 weight", "update");
  wait_loaded (history);
  pdx_test_spin (300);
  save_window_png (GTK_WIDGET (f->window), found);
}

int
main (int argc, char *argv[])
{
  pdx_test_gui_init (&argc, &argv);
  PDX_TEST_GUI_ADD ("history/trail/filters", test_trail_filters);
  PDX_TEST_GUI_ADD ("history/trail/paging", test_trail_paging);
  PDX_TEST_GUI_ADD ("history/trail/export", test_trail_export);
  PDX_TEST_GUI_ADD ("history/trail/signatures", test_trail_signatures);
  if (g_getenv ("PDX_TEST_SCREENSHOT_DIR") != NULL)
    PDX_TEST_GUI_ADD ("history/trail/screenshot", test_trail_screenshot);
  return g_test_run ();
}
