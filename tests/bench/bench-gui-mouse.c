/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-gui-mouse.c — the mouse page on a big lab (issue #13): the time from study.show-mouse to
 * the page shown whole (its thread's load, the layout of its table and charts), for mice of the
 * biggest study of $PDXTRACK_BENCH_LAB (`pdxtrack-cli demo --mice 10000`), and the longest gap
 * between two frames of the window meanwhile (a main-loop stall). Run under Xvfb. */
#include <adwaita.h>
#include <stdio.h>

#include "pdx-gui-settings.h"
#include "pdx-test-gui.h"
#include "pdx/pdx.h"
#include "store/pdx-store.h"

static gint64 last_frame, longest_gap;

static gboolean
tick_cb (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  gint64 now = g_get_monotonic_time ();

  if (last_frame != 0 && now - last_frame > longest_gap)
    longest_gap = now - last_frame;
  last_frame = now;
  return G_SOURCE_CONTINUE;
}

static gboolean
loaded_cb (gpointer data)
{
  PdxMousePage *page = data;

  return !pdx_mouse_page_is_loading (page) && pdx_mouse_page_get_text (page, "title") != NULL;
}

int
main (int argc, char *argv[])
{
  const char *lab = g_getenv ("PDXTRACK_BENCH_LAB");
  g_autoptr (GSettings) settings = NULL;
  g_autoptr (GPtrArray) mice = NULL;
  PdxWindow    *window;
  PdxStudyPage *page;
  gint64        study;
  PdxDb        *db;

  pdx_test_gui_init (&argc, &argv);
  if (lab == NULL)
    {
      fprintf (stderr, "bench-gui-mouse: set PDXTRACK_BENCH_LAB to a lab (demo --mice 10000)\n");
      return 2;
    }
  settings = pdx_gui_settings_new ();
  window = pdx_window_new (NULL, settings);
  gtk_window_set_default_size (GTK_WINDOW (window), 1440, 900);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (pdx_window_open_path (window, lab));
  g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
  db = pdx_lab_get_db (pdx_window_get_lab (window));
  g_assert_true (pdx_db_query_int64 (db,
                                     "SELECT study_id FROM mouse GROUP BY study_id"
                                     " ORDER BY count(*) DESC LIMIT 1",
                                     &study, "the biggest study", NULL));
  mice = pdx_mouse_list (db, study, NULL);
  g_assert_true (pdx_window_show_study (window, study));
  page = pdx_window_get_study_page (window);
  g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
  gtk_widget_add_tick_callback (GTK_WIDGET (window), tick_cb, NULL, NULL);
  for (guint i = 0; i < 5; i++)
    {
      PdxMouse *mouse = g_ptr_array_index (mice, i * (mice->len - 1) / 4);
      gint64    start = g_get_monotonic_time ();

      last_frame = longest_gap = 0;
      gtk_widget_activate_action (GTK_WIDGET (page), "study.show-mouse", "x", mouse->id);
      g_assert_true (pdx_test_wait_until (loaded_cb, pdx_study_page_get_mouse_page (page)));
      g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
      printf ("mouse page: %s of a %u-mouse study shown in %.0f ms, longest frame gap %.0f ms\n",
              mouse->tag, mice->len, (g_get_monotonic_time () - start) / 1000.0,
              longest_gap / 1000.0);
    }
  gtk_window_destroy (GTK_WINDOW (window));
  pdx_test_wait_until (pdx_test_main_loop_idle, NULL);
  return 0;
}
