/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui-history.c — the History page driven with real widgets (filters, an update's wording,
 * an import as one line, a hidden page cancelling its load), the audit wording and the number
 * formats, both checked against text written out by hand.
 * Every test makes its own demo lab in a temporary folder and asserts on the database. */
#include <adwaita.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "pdx-test-gui.h"
#include "pdx-audit-format.h"
#include "pdx-gui-settings.h"
#include "pdx-gui-format.h"
#include "pdx-import-dialog.h"
#include "pdx-new-study-dialog.h"
#include "pdx-window.h"

static void
test_history_filter (PdxTestGui *f, gconstpointer data)
{
  PdxSheetRowWidget *row = pdx_test_gui_open_sheet_row (f, "ICR-031-D", "D-07");
  PdxHistoryPage *history;
  GListModel *model;
  g_autofree char *today = pdx_format_today ();
  g_autofree char *record = g_strdup_printf ("D-07 · measurement %s", today);

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

    g_assert_cmpstr (pdx_history_entry_get_text (entry, 1), ==, PDX_TEST_GUI_OPERATOR);
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
  PdxDb *db = pdx_lab_get_db (f->lab);
  PdxSheetRowWidget *row = pdx_test_gui_open_sheet_row (f, "ICR-031-D", "D-07");
  g_autofree char *today = pdx_format_today ();
  g_autoptr (PdxMeasurement) m = NULL;
  PdxImportReport report = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *rows = g_strdup_printf ("study,mouse,date,weight_g\nICR-031-D,D-08,%s,20.5\n"
                                           "ICR-031-D,D-09,%s,21\n", today, today);
  g_autofree char *csv = pdx_test_write_file ("bench-week12.csv", rows, -1);
  PdxHistoryPage *history;
  GListModel *model;

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
  GListModel *model = pdx_history_page_get_model (history);

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

/* The wording of audit entries, written out by hand from what a scientist should read. */
static void
test_history_wording (void)
{
  static const struct
  {
    const char *table, *action, *tag, *operator_name, *old_values, *new_values;
    const char *record, *change;
  } cases[] = {
    { "measurement", "insert", "A-40", "A. Moreno", NULL,
      "{\"id\":613,\"mouse_id\":40,\"date\":\"2026-03-22\",\"operator\":\"A. Moreno\",\"note\":null,"
      "\"length_mm\":null,\"width_mm\":null,\"volume_mm3\":null,\"bli_flux\":4255000.0,"
      "\"mri_volume_mm3\":null,\"weight_g\":19.4,\"neuro_score\":0}",
      "A-40 · measurement 2026-03-22", "BLI 4.26×10⁶ photons/s, weight 19.4 g, neuro 0" },
    { "measurement", "update", "A-40", "J. Ruiz",
      "{\"id\":613,\"mouse_id\":40,\"date\":\"2026-03-22\",\"weight_g\":21.3,\"note\":null}",
      "{\"id\":613,\"mouse_id\":40,\"date\":\"2026-03-22\",\"weight_g\":20.1,"
      "\"note\":\"circling \\\"left\\\"\\nslow\"}",
      "A-40 · measurement 2026-03-22", "weight 21.3 → 20.1 g; note — → circling \"left\"\nslow" },
    { "measurement", "delete", "A-41", "J. Ruiz",
      "{\"id\":9,\"mouse_id\":41,\"date\":\"2026-03-29\",\"operator\":\"A. Moreno\","
      "\"length_mm\":6.25,\"width_mm\":4.0,\"volume_mm3\":50.0}", NULL,
      "A-41 · measurement 2026-03-29", "length 6.25 mm, width 4 mm, volume 50 mm³, measured by A. Moreno" },
    { "endpoint", "insert", "A-41", "J. Ruiz", NULL,
      "{\"id\":5,\"mouse_id\":41,\"date\":\"2026-04-02\",\"kind\":\"end_of_study\",\"is_event\":0,"
      "\"note\":null}",
      "A-41 · endpoint 2026-04-02", "End of study, censored" },
    { "endpoint", "update", "A-41", "J. Ruiz",
      "{\"id\":5,\"kind\":\"end_of_study\",\"is_event\":0}", "{\"id\":5,\"kind\":\"end_of_study\",\"is_event\":1}",
      "A-41 · endpoint", "censored → event" },
    { "mouse", "update", "A-40", "J. Ruiz",
      "{\"id\":40,\"study_id\":2,\"arm_id\":null,\"tag\":\"A-40\"}",
      "{\"id\":40,\"study_id\":2,\"arm_id\":4,\"tag\":\"A-40\"}",
      "mouse A-40", "arm not randomised → T-DM1" },
    { "mouse", "update", "A-40", "J. Ruiz",
      "{\"id\":40,\"arm_id\":3,\"cage\":\"C1\"}", "{\"id\":40,\"arm_id\":4,\"cage\":\"C2\"}",
      "mouse A-40", "arm Vehicle → T-DM1; cage C1 → C2" },
    { "measurement", "import", NULL, "J. Ruiz", NULL,
      "{\"file\":\"bench-week12.csv\",\"rows\":1000,\"first_id\":5001,\"last_id\":6000}",
      "measurements · import", "Imported 1,000 measurements from bench-week12.csv" },
    { "study", "insert", NULL, "J. Ruiz", NULL,
      "{\"id\":2,\"code\":\"ICR-017-A\",\"line_id\":1,\"passage\":4,\"status\":\"active\"}",
      "study ICR-017-A", "passage 4, status active" },
    { "arm", "insert", NULL, "J. Ruiz", NULL,
      "{\"id\":3,\"study_id\":2,\"name\":\"Vehicle\",\"is_control\":1,\"colour\":null}",
      "arm Vehicle", "control yes" },
    { "patient", "update", NULL, "J. Ruiz", "{\"id\":1,\"code\":\"P-017\",\"her2_ihc\":\"2+\"}",
      "{\"id\":1,\"code\":\"P-017\",\"her2_ihc\":\"3+\"}", "patient P-017", "HER2 IHC 2+ → 3+" },
  };
  g_autoptr (GHashTable) arms = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  gint64 vehicle = 3, tdm1 = 4;

  g_hash_table_insert (arms, g_memdup2 (&vehicle, sizeof vehicle), "Vehicle");
  g_hash_table_insert (arms, g_memdup2 (&tdm1, sizeof tdm1), "T-DM1");
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      PdxAuditEntry entry = { .table_name = (char *) cases[i].table,
                              .action = (char *) cases[i].action,
                              .mouse_tag = (char *) cases[i].tag,
                              .operator_name = (char *) cases[i].operator_name,
                              .old_values = (char *) cases[i].old_values,
                              .new_values = (char *) cases[i].new_values };
      g_autofree char *record = pdx_audit_format_record (&entry);
      g_autofree char *change = pdx_audit_format_change (&entry, arms);

      g_assert_cmpstr (record, ==, cases[i].record);
      g_assert_cmpstr (change, ==, cases[i].change);
    }
}

static void
test_format_numbers (void)
{
  static const struct { double flux; const char *text; } fluxes[] = {
    { 4255000.0, "4.26×10⁶" }, { 1.2e8, "1.20×10⁸" }, { 9.996e9, "1.00×10¹⁰" }, { 0, "0" },
    { NAN, "—" }, { 2.5e-3, "2.50×10⁻³" },
  };
  static const struct { guint64 n; const char *text; } counts[] = {
    { 0, "0" }, { 999, "999" }, { 1000, "1,000" }, { 1234567, "1,234,567" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (fluxes); i++)
    {
      g_autofree char *text = pdx_format_flux (fluxes[i].flux);
      g_assert_cmpstr (text, ==, fluxes[i].text);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      g_autofree char *text = pdx_format_count (counts[i].n);
      g_assert_cmpstr (text, ==, counts[i].text);
    }
}

int
main (int argc, char *argv[])
{
  pdx_test_gui_init (&argc, &argv);
  PDX_TEST_GUI_ADD ("history/filter", test_history_filter);
  PDX_TEST_GUI_ADD ("history/update-and-import", test_history_update_and_import);
  PDX_TEST_GUI_ADD ("history/hidden-cancels-load", test_history_hidden_cancels);
  g_test_add_func ("/gui/history/wording", test_history_wording);
  g_test_add_func ("/gui/format/flux-and-count", test_format_numbers);
  return g_test_run ();
}
