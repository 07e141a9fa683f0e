/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui-history.c — the History page driven with real widgets (filters, an update's wording,
 * an import as one line, a hidden page cancelling its load). The audit wording and the number
 * formats themselves are core tests (test-wording, test-format).
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

static void
test_history_filter (PdxTestGui *f, gconstpointer data)
{
  PdxSheetRowWidget *row = pdx_test_gui_open_sheet_row (f, "ICR-031-D", "D-07");
  PdxHistoryPage    *history;
  GListModel        *model;
  g_autofree char   *today = pdx_format_today ();
  g_autofree char   *record = g_strdup_printf ("D-07 · measurement %s", today);

  pdx_test_gui_type_cell (row, PDX_SHEET_WEIGHT, "19.9");
  g_assert_true (pdx_study_page_save (f->page));
  history = pdx_test_gui_open_history (f);
  model = pdx_history_page_get_model (history);
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 0);
  pdx_test_gui_filter_history (history, "D-07", PDX_TEST_GUI_OPERATOR);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  {
    g_autoptr (GObject) entry = g_list_model_get_item (model, 0);
    const char *change = pdx_history_entry_get_text (entry, 4);

    g_autofree char *operator_name =
        g_strdup_printf ("%s (%s)", g_get_user_name (), PDX_TEST_GUI_OPERATOR);

    g_assert_cmpstr (pdx_history_entry_get_text (entry, 1), ==, operator_name); /* login (name) */
    g_assert_cmpstr (pdx_history_entry_get_text (entry, 2), ==, record);
    g_assert_cmpstr (pdx_history_entry_get_text (entry, 3), ==, "Added");
    g_assert_cmpstr (change, ==, "weight 19.9 g");
  }
  pdx_test_gui_filter_history (history, "D-07", "somebody-else");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
}

/* An update reads "weight 19.9 → 20.1 g" with its reason; a bulk import is one line. */
static void
test_history_update_and_import (PdxTestGui *f, gconstpointer data)
{
  PdxDb             *db = pdx_lab_get_db (f->lab);
  PdxSheetRowWidget *row = pdx_test_gui_open_sheet_row (f, "ICR-031-D", "D-07");
  g_autofree char   *today = pdx_format_today ();
  g_autoptr (PdxMeasurement) m = NULL;
  PdxImportReport report = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *rows = g_strdup_printf ("study,mouse,date,weight_g\nICR-031-D,D-08,%s,20.5\n"
                                           "ICR-031-D,D-09,%s,21\n",
                                           today, today);
  g_autofree char *csv = pdx_test_write_file ("bench-week12.csv", rows, -1);
  PdxHistoryPage  *history;
  GListModel      *model;

  pdx_test_gui_type_cell (row, PDX_SHEET_WEIGHT, "19.9");
  g_assert_true (pdx_study_page_save (f->page));
  m = pdx_test_gui_find_measurement (f, "ICR-031-D", "D-07", today);
  m->weight_g = 20.1;
  pdx_db_set_reason (db, "scale re-zeroed");
  g_assert_true (pdx_measurement_update (db, m, &error));
  pdx_db_set_reason (db, NULL);
  history = pdx_test_gui_open_history (f);
  model = pdx_history_page_get_model (history);
  pdx_test_gui_filter_history (history, "D-07", NULL);
  {
    g_autoptr (GObject) entry = g_list_model_get_item (model, 0);

    g_assert_cmpstr (pdx_history_entry_get_text (entry, 3), ==, "Changed");
    g_assert_cmpstr (pdx_history_entry_get_text (entry, 4), ==, "weight 19.9 → 20.1 g");
    g_assert_cmpstr (pdx_history_entry_get_text (entry, 5), ==, "scale re-zeroed");
  }

  g_assert_true (pdx_import_measurements (db, csv, &report, NULL, NULL, &error));
  g_assert_no_error (error);
  pdx_import_report_clear (&report);
  pdx_test_gui_filter_history (history, NULL, NULL);
  {
    g_autoptr (GObject) entry = g_list_model_get_item (model, 0);

    g_assert_cmpstr (pdx_history_entry_get_text (entry, 2), ==, "measurements · import");
    g_assert_cmpstr (pdx_history_entry_get_text (entry, 3), ==, "Imported");
    g_assert_cmpstr (pdx_history_entry_get_text (entry, 4), ==,
                     "Imported 2 measurements from bench-week12.csv");
  }
}

/* Hiding the page while it loads stops the load; its result never lands. Shown again, it loads. */
static void
test_history_hidden_cancels (PdxTestGui *f, gconstpointer data)
{
  PdxHistoryPage *history = pdx_study_page_get_history_page (f->page);
  GListModel     *model = pdx_history_page_get_model (history);

  g_assert_true (pdx_window_show_study (f->window, pdx_test_gui_study_id (f, "ICR-017-A")));
  pdx_study_page_show_page (f->page, "overview");
  g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  pdx_study_page_show_page (f->page, "history");
  g_assert_true (pdx_history_page_is_loading (history));
  pdx_study_page_show_page (f->page, "overview");
  g_assert_false (pdx_history_page_is_loading (history));
  /* No condition to wait on: the cancelled load's result must never land, so give its thread
   * (a History load of the demo study takes well under this) the time to finish first. */
  pdx_test_spin (600);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  pdx_test_gui_open_history (f);
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 0);
}

int
main (int argc, char *argv[])
{
  pdx_test_gui_init (&argc, &argv);
  PDX_TEST_GUI_ADD ("history/filter", test_history_filter);
  PDX_TEST_GUI_ADD ("history/update-and-import", test_history_update_and_import);
  PDX_TEST_GUI_ADD ("history/hidden-cancels-load", test_history_hidden_cancels);
  return g_test_run ();
}
