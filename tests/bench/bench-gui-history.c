/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-gui-history.c — the History page on a big lab (issue 12): the time from showing the tab
 * of the study with the longest trail to its first page and count on screen, the time of each
 * further page as the list is scrolled to the end of the whole trail, and the process's peak
 * resident memory (VmHWM) then. Opens $PDXTRACK_BENCH_LAB (`pdxtrack-cli demo --mice 10000`)
 * in a real window; run under Xvfb (tests/bench/bench-history.sh does when xvfb-run is there). */
#include <adwaita.h>
#include <stdio.h>

#include "pdx-gui-settings.h"
#include "pdx-test-gui.h"
#include "pdx/pdx.h"
#include "store/pdx-store.h"

static long
peak_kb (void)
{
  g_autofree char *status = NULL;
  const char      *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, "VmHWM:")) == NULL)
    return -1;
  return strtol (line + strlen ("VmHWM:"), NULL, 10);
}

static gboolean
more_cb (gpointer data)
{
  gpointer *wait = data;

  return !pdx_history_page_is_loading (wait[0]) &&
         g_list_model_get_n_items (pdx_history_page_get_model (wait[0])) >
             GPOINTER_TO_UINT (wait[1]);
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

/* Scrolls @history to the end until its whole trail is loaded; prints the pages' median time. */
static void
scroll_to_the_end (PdxHistoryPage *history)
{
  GListModel    *model = pdx_history_page_get_model (history);
  GtkAdjustment *adjustment =
      gtk_scrolled_window_get_vadjustment (pdx_history_page_get_scrolled_window (history));
  g_autoptr (GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
  gint64 start = g_get_monotonic_time ();

  while (!pdx_history_page_is_complete (history))
    {
      gpointer wait[2] = { history, GUINT_TO_POINTER (g_list_model_get_n_items (model)) };
      gint64   page_start;
      double   page_ms;

      g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
      page_start = g_get_monotonic_time ();
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
      g_assert_true (pdx_test_wait_until (more_cb, wait));
      page_ms = (g_get_monotonic_time () - page_start) / 1000.0;
      g_array_append_val (ms, page_ms);
    }
  g_array_sort (ms, compare_doubles);
  printf ("history: %u entries in %u pages scrolled through in %.1f s (a page: median %.0f ms,"
          " slowest %.0f ms)\n",
          g_list_model_get_n_items (model), ms->len + 1, (g_get_monotonic_time () - start) / 1e6,
          ms->len ? g_array_index (ms, double, ms->len / 2) : 0,
          ms->len ? g_array_index (ms, double, ms->len - 1) : 0);
}

int
main (int argc, char *argv[])
{
  const char *lab = g_getenv ("PDXTRACK_BENCH_LAB");
  g_autoptr (GSettings) settings = NULL;
  PdxWindow      *window;
  PdxHistoryPage *history;
  PdxStudyPage   *page;
  gint64          study, start;
  long            before_kb;

  pdx_test_gui_init (&argc, &argv);
  if (lab == NULL)
    {
      fprintf (stderr, "bench-gui-history: set PDXTRACK_BENCH_LAB to a lab (demo --mice 10000)\n");
      return 2;
    }
  settings = pdx_gui_settings_new ();
  window = pdx_window_new (NULL, settings);
  gtk_window_set_default_size (GTK_WINDOW (window), 1440, 900);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (pdx_window_open_path (window, lab));
  g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
  g_assert_true (pdx_db_query_int64 (pdx_lab_get_db (pdx_window_get_lab (window)),
                                     "SELECT study_id FROM audit_log WHERE study_id IS NOT NULL"
                                     " GROUP BY study_id ORDER BY count(*) DESC LIMIT 1",
                                     &study, "the longest trail", NULL));
  g_assert_true (pdx_window_show_study (window, study));
  page = pdx_window_get_study_page (window);
  history = pdx_study_page_get_history_page (page);
  g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
  before_kb = peak_kb ();
  start = g_get_monotonic_time ();
  pdx_study_page_show_page (page, "history");
  g_assert_true (pdx_test_wait_until (pdx_test_gui_history_loaded_cb, history));
  printf ("history: first page and count of %" G_GINT64_FORMAT " entries shown in %.0f ms\n",
          pdx_history_page_get_total (history), (g_get_monotonic_time () - start) / 1000.0);
  printf ("history: peak memory %.1f MB before the History, %.1f MB after its first page\n",
          before_kb / 1024.0, peak_kb () / 1024.0);
  scroll_to_the_end (history);
  printf ("history: peak memory %.1f MB with the whole trail of the study loaded\n",
          peak_kb () / 1024.0);
  gtk_window_destroy (GTK_WINDOW (window));
  pdx_test_wait_until (pdx_test_main_loop_idle, NULL);
  return 0;
}
