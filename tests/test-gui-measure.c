/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui-measure.c — the bench sheet driven with real widgets: a row saved, inline errors and
 * warnings, Enter moves down, undo (of edits and of a save), the calendar, and the timed save of
 * fifty rows (a figure for docs/performance.md, printed, never asserted).
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

typedef struct
{
  PdxMeasureSheet *sheet;
  guint            n;
} RowCount;

static gboolean
row_count_is_cb (gpointer data)
{
  RowCount *wait = data;
  return pdx_measure_sheet_get_n_rows (wait->sheet) == wait->n;
}

/* A descendant GtkLabel of @widget with text @text. */
static gboolean
has_label (GtkWidget *widget, const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label (child, text))
      return TRUE;
  return FALSE;
}

/* A PdxTestCondition: a toplevel shows the label @data. */
static gboolean
saved_toast_cb (gpointer data)
{
  g_autoptr (GList) windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL; l = l->next)
    if (has_label (l->data, data))
      return TRUE;
  return FALSE;
}

static void
test_measure_save (PdxTestGui *f, gconstpointer data)
{
  PdxSheetRowWidget *row = pdx_test_gui_open_sheet_row (f, "ICR-031-D", "D-01");
  PdxMeasureSheet   *sheet = pdx_study_page_get_measure_sheet (f->page);
  g_autofree char   *today = pdx_format_today ();
  g_autoptr (PdxMeasurement) m = NULL;
  g_autoptr (GPtrArray) audit = NULL;
  PdxAuditFilter       filter = { .mouse_tag = "D-01", .operator_name = PDX_TEST_GUI_OPERATOR };
  const PdxAuditEntry *entry;

  g_assert_cmpstr (pdx_measure_sheet_get_date (sheet), ==, today);
  g_assert_cmpuint (pdx_measure_sheet_get_n_rows (sheet), ==, 24);
  pdx_test_gui_type_cell (row, PDX_SHEET_BLI, "1.5e6");
  /* gtk_test_init () runs the test in English, where "21,4" would be a misplaced thousands
   * comma (refused); the German sheet takes decimal commas (test-i18n). */
  pdx_test_gui_type_cell (row, PDX_SHEET_WEIGHT, "21.4");
  pdx_test_gui_type_cell (row, PDX_SHEET_NEURO, "1");
  pdx_test_gui_type_cell (row, PDX_SHEET_NOTE, "alert, grooming");
  g_assert_true (pdx_measure_sheet_has_unsaved (sheet));
  gtk_widget_activate_action (GTK_WIDGET (sheet), "sheet.save", NULL);
  g_assert_false (pdx_measure_sheet_has_unsaved (sheet));
  /* In C and English the toast names the day as it is stored (ISO), as before. */
  {
    g_autofree char *saved = g_strdup_printf ("Saved 1 mouse for %s", today);
    g_assert_true (pdx_test_wait_until (saved_toast_cb, saved));
  }

  m = pdx_test_gui_find_measurement (f, "ICR-031-D", "D-01", today);
  g_assert_nonnull (m);
  g_assert_cmpfloat_with_epsilon (m->bli_flux, 1.5e6, 1e-6);
  g_assert_cmpfloat_with_epsilon (m->weight_g, 21.4, 1e-9);
  g_assert_cmpint (m->neuro_score, ==, 1);
  g_assert_cmpstr (m->note, ==, "alert, grooming");
  g_assert_cmpstr (m->operator_name, ==, PDX_TEST_GUI_OPERATOR);

  audit = pdx_audit_list (pdx_lab_get_db (f->lab), &filter, NULL);
  g_assert_nonnull (audit);
  g_assert_cmpuint (audit->len, >=, 1);
  entry = g_ptr_array_index (audit, 0);
  g_assert_cmpstr (entry->table_name, ==, "measurement");
  g_assert_cmpstr (entry->action, ==, "insert");
  g_assert_cmpint (entry->row_id, ==, m->id);
  g_assert_nonnull (strstr (entry->new_values, "21.4"));
}

static void
test_measure_invalid (PdxTestGui *f, gconstpointer data)
{
  PdxSheetRowWidget *row = pdx_test_gui_open_sheet_row (f, "ICR-031-D", "D-02");
  PdxMeasureSheet   *sheet = pdx_study_page_get_measure_sheet (f->page);
  PdxSheetRowWidget *other = pdx_measure_sheet_find_row_widget (sheet, "D-01");
  GtkWidget         *weight = pdx_sheet_row_widget_get_entry (row, PDX_SHEET_WEIGHT);
  GtkWidget         *status = pdx_sheet_row_widget_get_status_label (row);
  g_autofree char   *before = pdx_test_dump (pdx_lab_get_db (f->lab));
  g_autofree char   *after = NULL;

  pdx_test_gui_type_cell (other, PDX_SHEET_WEIGHT,
                          "20.1");                        /* a good row must not be saved either */
  pdx_test_gui_type_cell (row, PDX_SHEET_WEIGHT, "2O.5"); /* letter O typed for a zero */
  g_assert_true (gtk_widget_has_css_class (weight, "error"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (status)), "not a number"));
  g_assert_false (pdx_measure_sheet_save (sheet));
  pdx_test_gui_type_cell (row, PDX_SHEET_WEIGHT, "20.5");
  pdx_test_gui_type_cell (row, PDX_SHEET_NEURO, "7");
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (status)), "0 to 4"));
  g_assert_false (pdx_measure_sheet_save (sheet));
  after = pdx_test_dump (pdx_lab_get_db (f->lab));
  g_assert_cmpstr (before, ==, after);
  g_assert_true (pdx_measure_sheet_has_unsaved (sheet));
}

static void
test_measure_warning (PdxTestGui *f, gconstpointer data)
{
  PdxSheetRowWidget *row = pdx_test_gui_open_sheet_row (f, "ICR-031-D", "D-03");
  PdxSheetRow       *model = pdx_sheet_row_widget_get_row (row);
  GtkWidget         *status = pdx_sheet_row_widget_get_status_label (row);
  g_autoptr (PdxMouse) mouse = pdx_mouse_find (
      pdx_lab_get_db (f->lab), pdx_test_gui_study_id (f, "ICR-031-D"), "D-03", NULL);
  g_autoptr (GPtrArray) weights =
      pdx_measurement_list_for_mouse (pdx_lab_get_db (f->lab), mouse->id, NULL);
  double           reference = ((PdxMeasurement *) g_ptr_array_index (weights, 0))->weight_g;
  g_autofree char *light = g_strdup_printf ("%.2f", reference * 0.78);

  g_assert_false (isnan (reference));
  pdx_test_gui_type_cell (row, PDX_SHEET_WEIGHT, light);
  g_assert_cmpint (pdx_sheet_row_get_level (model), ==, PDX_SHEET_WARNING);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (status)), "humane endpoint"));
  g_assert_cmpfloat_with_epsilon (pdx_sheet_row_get_weight_change (model), -22.0, 0.1);
}

typedef struct
{
  GtkWidget *widget;
} FocusWait;

static gboolean
has_focus_cb (gpointer data)
{
  return gtk_widget_has_focus (((FocusWait *) data)->widget) ||
         gtk_widget_has_focus (gtk_widget_get_first_child (((FocusWait *) data)->widget));
}

static void
test_measure_enter_and_undo (PdxTestGui *f, gconstpointer data)
{
  PdxSheetRowWidget *row = pdx_test_gui_open_sheet_row (f, "ICR-031-D", "D-01");
  PdxMeasureSheet   *sheet = pdx_study_page_get_measure_sheet (f->page);
  PdxSheetRowWidget *next;
  FocusWait          wait;

  pdx_test_gui_type_cell (row, PDX_SHEET_WEIGHT, "22.0");
  /* Enter in a cell: the row widget's key handler emits ::move (+1). */
  g_signal_emit_by_name (row, "move", PDX_SHEET_WEIGHT, 1);
  next = pdx_measure_sheet_find_row_widget (sheet, "D-02");
  g_assert_nonnull (next);
  wait.widget = pdx_sheet_row_widget_get_entry (next, PDX_SHEET_WEIGHT);
  g_assert_true (pdx_test_wait_until (has_focus_cb, &wait));
  pdx_test_gui_type_cell (next, PDX_SHEET_WEIGHT, "23.0");
  g_assert_true (pdx_measure_sheet_undo (sheet));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (wait.widget)), ==, "");
  g_assert_true (pdx_measure_sheet_undo (sheet));
  g_assert_cmpstr (
      gtk_editable_get_text (GTK_EDITABLE (pdx_sheet_row_widget_get_entry (row, PDX_SHEET_WEIGHT))),
      ==, "");
  g_assert_false (pdx_measure_sheet_has_unsaved (sheet));
  g_assert_false (pdx_measure_sheet_undo (sheet));
}

/* Reopens the sheet's rows after a reload (the lab changed) and returns mouse @tag's. */
static PdxSheetRowWidget *
reopen_row (PdxTestGui *f, const char *tag)
{
  PdxMeasureSheet  *sheet = pdx_study_page_get_measure_sheet (f->page);
  PdxTestGuiRowWait wait = { sheet, tag };

  g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
  g_assert_true (pdx_test_wait_until (pdx_test_gui_row_bound_cb, &wait));
  return pdx_measure_sheet_find_row_widget (sheet, tag);
}

/* The Undo of a save's toast puts back what the save changed (a created row deleted, an updated
 * one restored, a deleted one re-created), audited as an undo; refused, with nothing changed,
 * when a saved row changed since or there are unsaved edits. */
static void
test_measure_undo_save (PdxTestGui *f, gconstpointer data)
{
  PdxSheetRowWidget *d1 = pdx_test_gui_open_sheet_row (f, "ICR-031-D", "D-01");
  PdxSheetRowWidget *d2 =
      pdx_measure_sheet_find_row_widget (pdx_study_page_get_measure_sheet (f->page), "D-02");
  PdxMeasureSheet *sheet = pdx_study_page_get_measure_sheet (f->page);
  PdxDb           *db = pdx_lab_get_db (f->lab);
  g_autofree char *today = pdx_format_today ();
  g_autofree char *reason = g_strdup_printf ("undo of the sheet saved for %s", today);
  g_autofree char *audit_sql = NULL;
  g_autoptr (PdxMeasurement) first_d1 = NULL, first_d2 = NULL, m = NULL;
  g_assert_false (pdx_measure_sheet_undo_save (sheet)); /* nothing saved yet */
  pdx_test_gui_type_cell (d1, PDX_SHEET_WEIGHT, "21.5");
  pdx_test_gui_type_cell (d2, PDX_SHEET_WEIGHT, "22.5");
  g_assert_true (pdx_measure_sheet_save (sheet));
  first_d1 = pdx_test_gui_find_measurement (f, "ICR-031-D", "D-01", today);
  first_d2 = pdx_test_gui_find_measurement (f, "ICR-031-D", "D-02", today);
  g_assert_nonnull (first_d1);
  g_assert_nonnull (first_d2);

  /* Second save: D-01 cleared (deleted), D-02 changed. */
  pdx_test_gui_type_cell (d1, PDX_SHEET_WEIGHT, "");
  pdx_test_gui_type_cell (d2, PDX_SHEET_WEIGHT, "23.5");
  g_assert_true (pdx_test_gui_save_with_reason (sheet, 0));
  g_assert_null (pdx_test_gui_find_measurement (f, "ICR-031-D", "D-01", today));

  /* Unsaved edits: refused. */
  d2 = reopen_row (f, "D-02");
  pdx_test_gui_type_cell (d2, PDX_SHEET_NOTE, "pending");
  g_assert_false (pdx_measure_sheet_undo_save (sheet));
  pdx_measure_sheet_discard (sheet);

  g_assert_true (pdx_measure_sheet_undo_save (sheet));
  m = pdx_test_gui_find_measurement (f, "ICR-031-D", "D-01", today);
  g_assert_nonnull (m);
  g_assert_cmpfloat (m->weight_g, ==, 21.5);
  g_clear_pointer (&m, pdx_measurement_free);
  m = pdx_test_gui_find_measurement (f, "ICR-031-D", "D-02", today);
  g_assert_cmpint (m->id, ==, first_d2->id);
  g_assert_cmpfloat (m->weight_g, ==, 22.5);
  g_clear_pointer (&m, pdx_measurement_free);
  audit_sql = g_strdup_printf ("audit_log WHERE table_name = 'measurement' AND reason = '%s'"
                               " AND operator_name = '" PDX_TEST_GUI_OPERATOR "'",
                               reason);
  g_assert_cmpint (pdx_test_count (db, audit_sql), ==, 2);
  g_assert_false (pdx_measure_sheet_undo_save (sheet)); /* once */

  /* A save whose row another writer changed since: nothing undone. */
  d2 = reopen_row (f, "D-02");
  pdx_test_gui_type_cell (d2, PDX_SHEET_WEIGHT, "24.5");
  g_assert_true (pdx_test_gui_save_with_reason (sheet, 0));
  m = pdx_test_gui_find_measurement (f, "ICR-031-D", "D-02", today);
  m->weight_g = 25.5;
  pdx_db_set_reason (db, "re-weighed");
  g_assert_true (pdx_measurement_update (db, m, NULL));
  pdx_db_set_reason (db, NULL);
  g_assert_false (pdx_measure_sheet_undo_save (sheet));
  g_clear_pointer (&m, pdx_measurement_free);
  m = pdx_test_gui_find_measurement (f, "ICR-031-D", "D-02", today);
  g_assert_cmpfloat (m->weight_g, ==, 25.5);
  g_clear_pointer (&m, pdx_measurement_free);
  m = pdx_test_gui_find_measurement (f, "ICR-031-D", "D-01", today);
  g_assert_nonnull (m);
}

static gboolean
sheet_date_is_cb (gpointer data)
{
  const char **wait = data; /* { sheet as text pointer, date } */
  return g_strcmp0 (pdx_measure_sheet_get_date ((PdxMeasureSheet *) (gpointer) wait[0]), wait[1]) ==
         0;
}

/* The sheet shows the date of sheet_date_is_cb's @data, with rows. */
static gboolean
sheet_loaded_cb (gpointer data)
{
  const char **wait = data;
  return sheet_date_is_cb (data) &&
         pdx_measure_sheet_get_n_rows ((PdxMeasureSheet *) (gpointer) wait[0]) > 0;
}

/* A finished study opens on today with no live mouse: the empty sheet offers its last measured
 * day; the calendar marks the days with measurements (as the lab has them) and picking one
 * loads it. */
static void
test_measure_calendar (PdxTestGui *f, gconstpointer data)
{
  PdxMeasureSheet *sheet = pdx_study_page_get_measure_sheet (f->page);
  PdxDb           *db = pdx_lab_get_db (f->lab);
  const char      *study_sql = "(SELECT id FROM mouse WHERE study_id = (SELECT id FROM study"
                               " WHERE code = 'ICR-017-A'))";
  g_autofree char *last_sql =
      g_strdup_printf ("SELECT max(date) FROM measurement WHERE mouse_id IN %s", study_sql);
  g_autofree char *last = pdx_test_query_string (db, last_sql);
  g_autofree char *month = g_strndup (last, 8);
  g_autofree char *days_sql = g_strdup_printf (
      "SELECT group_concat(d, ',') FROM (SELECT DISTINCT CAST(substr(date, 9, 2) AS INTEGER) AS d"
      " FROM measurement WHERE mouse_id IN %s AND date LIKE '%s%%' ORDER BY d)",
      study_sql, month);
  g_autofree char *days = pdx_test_query_string (db, days_sql);
  g_autoptr (GString) marked = g_string_new (NULL);
  GtkCalendar *calendar = pdx_measure_sheet_get_calendar (sheet);
  const char  *wait[2] = { (const char *) (gpointer) sheet, last };
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr (GDateTime) first = NULL;
  g_autofree char *first_date = NULL;
  int              y, m;

  g_assert_true (pdx_window_show_study (f->window, pdx_test_gui_study_id (f, "ICR-017-A")));
  pdx_study_page_show_page (f->page, "measure");
  g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
  g_assert_cmpuint (pdx_measure_sheet_get_n_rows (sheet), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (sheet), "sheet.last-measured-day", NULL);
  g_assert_true (pdx_test_wait_until (sheet_loaded_cb, wait));

  gtk_menu_button_popup (pdx_measure_sheet_get_calendar_button (sheet));
  g_assert_true (pdx_test_wait_until (
      pdx_test_gui_widget_shown_cb,
      gtk_menu_button_get_popover (pdx_measure_sheet_get_calendar_button (sheet))));
  g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
  for (guint d = 1; d <= 31; d++)
    if (gtk_calendar_get_day_is_marked (calendar, d))
      g_string_append_printf (marked, "%s%u", marked->len ? "," : "", d);
  g_assert_cmpstr (marked->str, ==, days);

  /* Picking the month's first measured day loads it and closes the popover. */
  g_assert_cmpint (sscanf (last, "%d-%d", &y, &m), ==, 2);
  first = g_date_time_new (utc, y, m, (int) g_ascii_strtoll (days, NULL, 10), 12, 0, 0);
  first_date = g_date_time_format (first, "%Y-%m-%d");
  wait[1] = first_date;
  gtk_calendar_select_day (calendar, first);
  g_assert_true (pdx_test_wait_until (sheet_date_is_cb, wait));
  g_assert_true (pdx_test_wait_until (
      pdx_test_gui_widget_hidden_cb,
      gtk_menu_button_get_popover (pdx_measure_sheet_get_calendar_button (sheet))));
}

/* A copy of the lab named by $PDXTRACK_BENCH_LAB (e.g. `pdxtrack-cli demo --mice 10000`), opened
 * in the window in place of the demo lab; FALSE when the variable is not set. */
static gboolean
open_bench_lab (PdxTestGui *f)
{
  const char      *source = g_getenv ("PDXTRACK_BENCH_LAB");
  g_autofree char *copy = NULL, *contents = NULL;
  gsize            length;

  if (source == NULL)
    return FALSE;
  copy = g_build_filename (f->dir, "bench.pdxlab", NULL);
  g_assert_true (g_file_get_contents (source, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (copy, contents, length, NULL));
  g_assert_true (pdx_window_open_path (f->window, copy));
  g_set_object (&f->lab, pdx_window_get_lab (f->window));
  return TRUE;
}

/* Fills 50 rows of a study made for it and times the save (printed, never asserted). With
 * $PDXTRACK_BENCH_LAB the study is added to a copy of that (large) lab. */
static void
test_measure_fifty_rows (PdxTestGui *f, gconstpointer data)
{
  gboolean bench = open_bench_lab (f);
  PdxDb   *db = pdx_lab_get_db (f->lab);
  g_autoptr (PdxStudy) study = pdx_study_new ();
  PdxMeasureSheet *sheet = pdx_study_page_get_measure_sheet (f->page);
  g_autofree char *today = pdx_format_today ();
  gint64           start, elapsed;
  RowCount         fifty = { sheet, 50 };

  study->code = g_strdup ("BENCH-50");
  study->readout = PDX_READOUT_CALIPER_VOLUME;
  study->day0 = g_strdup ("2026-01-01");
  study->status = g_strdup ("active");
  g_assert_true (pdx_study_insert (db, study, NULL));
  for (int i = 0; i < 50; i++)
    {
      g_autoptr (PdxMouse) mouse = pdx_mouse_new ();
      mouse->study_id = study->id;
      mouse->tag = g_strdup_printf ("B%02d", i + 1);
      mouse->implant_date = g_strdup ("2025-12-20");
      g_assert_true (pdx_mouse_insert (db, mouse, NULL));
    }
  g_assert_true (pdx_window_show_study (f->window, study->id));
  pdx_study_page_show_page (f->page, "measure");
  g_assert_true (pdx_test_wait_until (row_count_is_cb, &fifty));
  for (guint i = 0; i < 50; i++)
    {
      PdxSheetRow *row = pdx_measure_sheet_get_row (sheet, i);
      pdx_sheet_row_set_text (row, PDX_SHEET_LENGTH, "8.5");
      pdx_sheet_row_set_text (row, PDX_SHEET_WIDTH, "6.0");
      pdx_sheet_row_set_text (row, PDX_SHEET_WEIGHT, "22.5");
    }
  g_assert_cmpfloat_with_epsilon (pdx_sheet_row_get_volume (pdx_measure_sheet_get_row (sheet, 0)),
                                  8.5 * 36 / 2, 1e-9);
  start = g_get_monotonic_time ();
  g_assert_true (pdx_measure_sheet_save (sheet));
  elapsed = g_get_monotonic_time () - start;
  g_print ("# bench sheet save of 50 rows: %.1f ms (%s)\n", elapsed / 1000.0,
           bench ? g_getenv ("PDXTRACK_BENCH_LAB") : "demo lab");
  {
    g_autoptr (GPtrArray) saved = pdx_measurement_list_for_study (db, study->id, today, NULL);
    g_assert_cmpuint (saved->len, ==, 50);
    g_assert_cmpfloat_with_epsilon (((PdxMeasurement *) g_ptr_array_index (saved, 0))->volume_mm3,
                                    153.0, 1e-9);
  }
}

int
main (int argc, char *argv[])
{
  pdx_test_gui_init (&argc, &argv);
  PDX_TEST_GUI_ADD ("measure/save-row", test_measure_save);
  PDX_TEST_GUI_ADD ("measure/invalid-saves-nothing", test_measure_invalid);
  PDX_TEST_GUI_ADD ("measure/weight-loss-warning", test_measure_warning);
  PDX_TEST_GUI_ADD ("measure/enter-moves-down-and-undo", test_measure_enter_and_undo);
  PDX_TEST_GUI_ADD ("measure/undo-save", test_measure_undo_save);
  PDX_TEST_GUI_ADD ("measure/calendar", test_measure_calendar);
  PDX_TEST_GUI_ADD ("measure/fifty-rows", test_measure_fifty_rows);
  return g_test_run ();
}
