/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-gui-memory.c — the app's peak memory after visiting every page of a big study.
 *
 * Opens a copy of the lab $PDXTRACK_BENCH_LAB (`pdxtrack-cli demo --mice 10000`) in a real
 * window, shows its biggest study and visits Overview, Mice, Measure, Charts (each of the five
 * charts), Survival and History, waiting on each to load; then prints the process's peak
 * resident set (VmHWM of /proc/self/status). Exit status 1 when it is 200 MB or more (issue
 * 11's bound). Run under Xvfb with GSK_RENDERER=cairo (tests/bench/bench-memory.sh does). */
#include <adwaita.h>
#include <stdio.h>

#include "pdx-gui-settings.h"
#include "pdx-test-gui.h"
#include "pdx/pdx.h"
#include "store/pdx-store-sqlite.h" /* the cache figure: a bench may read the raw handle */

#define LIMIT_KB (200 * 1024)

/* VmHWM of this process in kB, or -1. */
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

/* The id of the study with the most mice (borrowed lab). */
static gint64
biggest_study (PdxDb *db)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) studies = pdx_study_list (db, 0, &error);
  gint64 best = 0;
  guint  most = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < studies->len; i++)
    {
      const PdxStudy *study = g_ptr_array_index (studies, i);
      g_autoptr (GPtrArray) mice = pdx_mouse_list (db, study->id, &error);
      g_assert_no_error (error);
      if (mice->len > most)
        most = mice->len, best = study->id;
    }
  return best;
}

typedef struct
{
  PdxChartView *view;
  guint         count;
} DrawWait;

static gboolean
drawn_cb (gpointer data)
{
  DrawWait *wait = data;
  return pdx_chart_view_get_draw_count (wait->view) > wait->count;
}

static void
visit_charts (PdxStudyPage *page)
{
  PdxChartsPage *charts = pdx_study_page_get_charts_page (page);
  DrawWait       wait = { pdx_charts_page_get_view (charts), 0 };

  /* The page opens on the growth chart; then each of the other four. */
  g_assert_true (pdx_test_wait_until (drawn_cb, &wait));
  for (PdxChartKind kind = PDX_CHART_SPIDER; kind <= PDX_CHART_WEIGHT; kind++)
    {
      wait.count = pdx_chart_view_get_draw_count (wait.view);
      pdx_charts_page_set_kind (charts, kind);
      g_assert_true (pdx_test_wait_until (drawn_cb, &wait));
    }
}

static void
visit_pages (PdxStudyPage *page)
{
  const char *pages[] = { "overview", "mice", "measure", "charts", "survival", "history" };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      pdx_study_page_show_page (page, pages[i]);
      g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
      if (g_str_equal (pages[i], "charts"))
        visit_charts (page);
      if (g_str_equal (pages[i], "history"))
        g_assert_true (pdx_test_wait_until (pdx_test_gui_history_loaded_cb,
                                            pdx_study_page_get_history_page (page)));
      g_print ("# after %-8s VmHWM %6.1f MB\n", pages[i], peak_kb () / 1024.0);
    }
}

int
main (int argc, char *argv[])
{
  const char      *source = g_getenv ("PDXTRACK_BENCH_LAB");
  g_autofree char *dir = NULL, *copy = NULL;
  g_autoptr (GSettings) settings = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) from = NULL, to = NULL;
  PdxWindow *window;
  long       kb;

  pdx_test_gui_init (&argc, &argv);
  if (source == NULL)
    {
      fprintf (stderr, "bench-gui-memory: set PDXTRACK_BENCH_LAB to a lab (demo --mice 10000)\n");
      return 2;
    }
  dir = pdx_test_make_tmpdir ();
  copy = g_build_filename (dir, "bench.pdxlab", NULL);
  /* Copied in chunks (the lab is 160 MB: read whole it would be this process's peak). */
  from = g_file_new_for_path (source);
  to = g_file_new_for_path (copy);
  g_assert_true (g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  settings = pdx_gui_settings_new ();
  g_settings_set_string (settings, "operator", PDX_TEST_GUI_OPERATOR);
  window = pdx_window_new (NULL, settings);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 720);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (pdx_window_open_path (window, copy));
  g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
  g_assert_true (
      pdx_window_show_study (window, biggest_study (pdx_lab_get_db (pdx_window_get_lab (window)))));
  visit_pages (pdx_window_get_study_page (window));
  {
    int cache = 0, high = 0;
    sqlite3_db_status (pdx_db_get_handle (pdx_lab_get_db (pdx_window_get_lab (window))),
                       SQLITE_DBSTATUS_CACHE_USED, &cache, &high, FALSE);
    g_print ("# the window's SQLite page cache: %.1f MB\n", cache / 1048576.0);
  }
  kb = peak_kb ();
  printf (
      "app: peak memory after visiting every page of the biggest study: %.1f MB (goal < 200 MB)\n",
      kb / 1024.0);
  gtk_window_destroy (GTK_WINDOW (window));
  pdx_test_wait_until (pdx_test_main_loop_idle, NULL);
  return kb > 0 && kb < LIMIT_KB ? 0 : 1;
}
