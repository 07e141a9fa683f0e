/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui.c — the desktop app driven in-process under Xvfb with real widgets: the demo lab, the
 * bench sheet (save, inline errors, Enter moves down, undo), mice (add, randomise, endpoint),
 * charts and survival drawing, export, history, the line form, new study and CSV import.
 * Every test makes its own demo lab in a temporary folder and asserts on the database. */
#include <adwaita.h>
#include <math.h>
#include <stdio.h>

#include "pdx-test-util.h"
#include "pdx-audit-format.h"
#include "pdx-gui-settings.h"
#include "pdx-gui-format.h"
#include "pdx-import-dialog.h"
#include "pdx-new-study-dialog.h"
#include "pdx-window.h"

#define OPERATOR "test-operator"

typedef struct
{
  char *dir;
  GSettings *settings;
  PdxWindow *window;
  PdxLab *lab;
  PdxStudyPage *page;
} Fixture;

static gboolean
widget_shown_cb (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static gboolean
widget_hidden_cb (gpointer data)
{
  return !gtk_widget_get_visible (data);
}

typedef struct
{
  PdxMeasureSheet *sheet;
  guint n;
} RowCount;

static gboolean
row_count_is_cb (gpointer data)
{
  RowCount *wait = data;
  return pdx_measure_sheet_get_n_rows (wait->sheet) == wait->n;
}

static gint64
study_id (Fixture *f, const char *code)
{
  g_autoptr (PdxStudy) study = pdx_study_find (pdx_lab_get_db (f->lab), code, NULL);

  g_assert_nonnull (study);
  return study->id;
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  const char *data_dir = g_get_user_data_dir ();

  f->dir = pdx_test_make_tmpdir ();
  f->settings = pdx_gui_settings_new ();
  g_settings_set_string (f->settings, "operator", OPERATOR);
  f->window = pdx_window_new (NULL, f->settings);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 720);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (pdx_window_open_demo (f->window));
  f->lab = g_object_ref (pdx_window_get_lab (f->window));
  f->page = pdx_window_get_study_page (f->window);
  g_assert_true (g_str_has_prefix (pdx_lab_get_path (f->lab), data_dir));
  pdx_test_spin (50);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  if (pdx_study_page_has_unsaved (f->page))
    pdx_study_page_discard (f->page);
  gtk_window_destroy (GTK_WINDOW (f->window));
  pdx_test_spin (20);
  g_clear_object (&f->lab);
  g_clear_object (&f->settings);
  g_free (f->dir);
}

/* ---- demo lab and navigation ------------------------------------------------------------- */

static void
test_demo_lab (Fixture *f, gconstpointer data)
{
  gint64 id = study_id (f, "ICR-017-A");
  PdxOverviewPage *overview = pdx_study_page_get_overview_page (f->page);
  g_autoptr (PdxStudyData) study = pdx_study_data_load (pdx_lab_get_db (f->lab), id, NULL);
  g_autofree char *n = g_strdup_printf ("%u", study->n_mice);

  g_assert_true (pdx_window_show_study (f->window, id));
  pdx_test_spin (50);
  g_assert_cmpint (pdx_study_page_get_study_id (f->page), ==, id);
  g_assert_cmpstr (pdx_overview_page_get_headline (overview, "Mice"), ==, n);
  g_assert_nonnull (pdx_overview_page_get_headline (overview, "mRECIST"));
  g_assert_cmpstr (pdx_db_get_operator (pdx_lab_get_db (f->lab)), ==, OPERATOR);
}

/* ---- bench sheet ----------------------------------------------------------------------------- */

typedef struct
{
  PdxMeasureSheet *sheet;
  const char *tag;
} RowWait;

static gboolean
row_bound_cb (gpointer data)
{
  RowWait *wait = data;

  return pdx_measure_sheet_find_row_widget (wait->sheet, wait->tag) != NULL;
}

static PdxSheetRowWidget *
open_sheet_row (Fixture *f, const char *code, const char *tag)
{
  PdxMeasureSheet *sheet = pdx_study_page_get_measure_sheet (f->page);
  RowWait wait = { sheet, tag };

  g_assert_true (pdx_window_show_study (f->window, study_id (f, code)));
  pdx_study_page_show_page (f->page, "measure");
  g_assert_true (pdx_test_wait_until (row_bound_cb, &wait));
  return pdx_measure_sheet_find_row_widget (sheet, tag);
}

static void
type_cell (PdxSheetRowWidget *row, PdxSheetField field, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (pdx_sheet_row_widget_get_entry (row, field)), text);
}

static PdxMeasurement *
find_measurement (Fixture *f, const char *code, const char *tag, const char *date)
{
  g_autoptr (PdxMouse) mouse = pdx_mouse_find (pdx_lab_get_db (f->lab), study_id (f, code), tag, NULL);
  g_autoptr (GPtrArray) list = pdx_measurement_list_for_mouse (pdx_lab_get_db (f->lab), mouse->id, NULL);

  for (guint i = 0; i < list->len; i++)
    {
      PdxMeasurement *m = g_ptr_array_index (list, i);
      if (g_strcmp0 (m->date, date) == 0)
        return g_ptr_array_steal_index (list, i);
    }
  return NULL;
}

static void
test_measure_save (Fixture *f, gconstpointer data)
{
  PdxSheetRowWidget *row = open_sheet_row (f, "ICR-031-D", "D-01");
  PdxMeasureSheet *sheet = pdx_study_page_get_measure_sheet (f->page);
  g_autofree char *today = pdx_format_today ();
  g_autoptr (PdxMeasurement) m = NULL;
  g_autoptr (GPtrArray) audit = NULL;
  PdxAuditFilter filter = { .mouse_tag = "D-01", .operator_name = OPERATOR };
  const PdxAuditEntry *entry;

  g_assert_cmpstr (pdx_measure_sheet_get_date (sheet), ==, today);
  g_assert_cmpuint (pdx_measure_sheet_get_n_rows (sheet), ==, 24);
  type_cell (row, PDX_SHEET_BLI, "1.5e6");
  type_cell (row, PDX_SHEET_WEIGHT, "21,4");       /* decimal comma accepted */
  type_cell (row, PDX_SHEET_NEURO, "1");
  type_cell (row, PDX_SHEET_NOTE, "alert, grooming");
  g_assert_true (pdx_measure_sheet_has_unsaved (sheet));
  gtk_widget_activate_action (GTK_WIDGET (sheet), "sheet.save", NULL);
  g_assert_false (pdx_measure_sheet_has_unsaved (sheet));

  m = find_measurement (f, "ICR-031-D", "D-01", today);
  g_assert_nonnull (m);
  g_assert_cmpfloat_with_epsilon (m->bli_flux, 1.5e6, 1e-6);
  g_assert_cmpfloat_with_epsilon (m->weight_g, 21.4, 1e-9);
  g_assert_cmpint (m->neuro_score, ==, 1);
  g_assert_cmpstr (m->note, ==, "alert, grooming");
  g_assert_cmpstr (m->operator_name, ==, OPERATOR);

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
test_measure_invalid (Fixture *f, gconstpointer data)
{
  PdxSheetRowWidget *row = open_sheet_row (f, "ICR-031-D", "D-02");
  PdxMeasureSheet *sheet = pdx_study_page_get_measure_sheet (f->page);
  PdxSheetRowWidget *other = pdx_measure_sheet_find_row_widget (sheet, "D-01");
  GtkWidget *weight = pdx_sheet_row_widget_get_entry (row, PDX_SHEET_WEIGHT);
  GtkWidget *status = pdx_sheet_row_widget_get_status_label (row);
  g_autofree char *before = pdx_test_dump (pdx_lab_get_db (f->lab));
  g_autofree char *after = NULL;

  type_cell (other, PDX_SHEET_WEIGHT, "20.1");     /* a good row must not be saved either */
  type_cell (row, PDX_SHEET_WEIGHT, "2O.5");       /* letter O typed for a zero */
  g_assert_true (gtk_widget_has_css_class (weight, "error"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (status)), "not a number"));
  g_assert_false (pdx_measure_sheet_save (sheet));
  type_cell (row, PDX_SHEET_WEIGHT, "20.5");
  type_cell (row, PDX_SHEET_NEURO, "7");
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (status)), "0 to 4"));
  g_assert_false (pdx_measure_sheet_save (sheet));
  after = pdx_test_dump (pdx_lab_get_db (f->lab));
  g_assert_cmpstr (before, ==, after);
  g_assert_true (pdx_measure_sheet_has_unsaved (sheet));
}

static void
test_measure_warning (Fixture *f, gconstpointer data)
{
  PdxSheetRowWidget *row = open_sheet_row (f, "ICR-031-D", "D-03");
  PdxSheetRow *model = pdx_sheet_row_widget_get_row (row);
  GtkWidget *status = pdx_sheet_row_widget_get_status_label (row);
  g_autoptr (PdxMouse) mouse = pdx_mouse_find (pdx_lab_get_db (f->lab), study_id (f, "ICR-031-D"), "D-03", NULL);
  g_autoptr (GPtrArray) weights = pdx_measurement_list_for_mouse (pdx_lab_get_db (f->lab), mouse->id, NULL);
  double reference = ((PdxMeasurement *) g_ptr_array_index (weights, 0))->weight_g;
  g_autofree char *light = g_strdup_printf ("%.2f", reference * 0.78);

  g_assert_false (isnan (reference));
  type_cell (row, PDX_SHEET_WEIGHT, light);
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
  return gtk_widget_has_focus (((FocusWait *) data)->widget)
         || gtk_widget_has_focus (gtk_widget_get_first_child (((FocusWait *) data)->widget));
}

static void
test_measure_enter_and_undo (Fixture *f, gconstpointer data)
{
  PdxSheetRowWidget *row = open_sheet_row (f, "ICR-031-D", "D-01");
  PdxMeasureSheet *sheet = pdx_study_page_get_measure_sheet (f->page);
  PdxSheetRowWidget *next;
  FocusWait wait;

  type_cell (row, PDX_SHEET_WEIGHT, "22.0");
  /* Enter in a cell: the row widget's key handler emits ::move (+1). */
  g_signal_emit_by_name (row, "move", PDX_SHEET_WEIGHT, 1);
  next = pdx_measure_sheet_find_row_widget (sheet, "D-02");
  g_assert_nonnull (next);
  wait.widget = pdx_sheet_row_widget_get_entry (next, PDX_SHEET_WEIGHT);
  g_assert_true (pdx_test_wait_until (has_focus_cb, &wait));
  type_cell (next, PDX_SHEET_WEIGHT, "23.0");
  g_assert_true (pdx_measure_sheet_undo (sheet));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (wait.widget)), ==, "");
  g_assert_true (pdx_measure_sheet_undo (sheet));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (pdx_sheet_row_widget_get_entry (row, PDX_SHEET_WEIGHT))), ==, "");
  g_assert_false (pdx_measure_sheet_has_unsaved (sheet));
  g_assert_false (pdx_measure_sheet_undo (sheet));
}

/* Reopens the sheet's rows after a reload (the lab changed) and returns mouse @tag's. */
static PdxSheetRowWidget *
reopen_row (Fixture *f, const char *tag)
{
  PdxMeasureSheet *sheet = pdx_study_page_get_measure_sheet (f->page);
  RowWait wait = { sheet, tag };

  g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
  g_assert_true (pdx_test_wait_until (row_bound_cb, &wait));
  return pdx_measure_sheet_find_row_widget (sheet, tag);
}

/* The Undo of a save's toast puts back what the save changed (a created row deleted, an updated
 * one restored, a deleted one re-created), audited as an undo; refused, with nothing changed,
 * when a saved row changed since or there are unsaved edits. */
static void
test_measure_undo_save (Fixture *f, gconstpointer data)
{
  PdxSheetRowWidget *d1 = open_sheet_row (f, "ICR-031-D", "D-01");
  PdxSheetRowWidget *d2 = pdx_measure_sheet_find_row_widget (
      pdx_study_page_get_measure_sheet (f->page), "D-02");
  PdxMeasureSheet *sheet = pdx_study_page_get_measure_sheet (f->page);
  PdxDb *db = pdx_lab_get_db (f->lab);
  g_autofree char *today = pdx_format_today ();
  g_autofree char *reason = g_strdup_printf ("undo of the sheet saved for %s", today);
  g_autofree char *audit_sql = NULL;
  g_autoptr (PdxMeasurement) first_d1 = NULL, first_d2 = NULL, m = NULL;
  g_assert_false (pdx_measure_sheet_undo_save (sheet)); /* nothing saved yet */
  type_cell (d1, PDX_SHEET_WEIGHT, "21.5");
  type_cell (d2, PDX_SHEET_WEIGHT, "22.5");
  g_assert_true (pdx_measure_sheet_save (sheet));
  first_d1 = find_measurement (f, "ICR-031-D", "D-01", today);
  first_d2 = find_measurement (f, "ICR-031-D", "D-02", today);
  g_assert_nonnull (first_d1);
  g_assert_nonnull (first_d2);

  /* Second save: D-01 cleared (deleted), D-02 changed. */
  type_cell (d1, PDX_SHEET_WEIGHT, "");
  type_cell (d2, PDX_SHEET_WEIGHT, "23.5");
  g_assert_true (pdx_measure_sheet_save (sheet));
  g_assert_null (find_measurement (f, "ICR-031-D", "D-01", today));

  /* Unsaved edits: refused. */
  d2 = reopen_row (f, "D-02");
  type_cell (d2, PDX_SHEET_NOTE, "pending");
  g_assert_false (pdx_measure_sheet_undo_save (sheet));
  pdx_measure_sheet_discard (sheet);

  g_assert_true (pdx_measure_sheet_undo_save (sheet));
  m = find_measurement (f, "ICR-031-D", "D-01", today);
  g_assert_nonnull (m);
  g_assert_cmpfloat (m->weight_g, ==, 21.5);
  g_clear_pointer (&m, pdx_measurement_free);
  m = find_measurement (f, "ICR-031-D", "D-02", today);
  g_assert_cmpint (m->id, ==, first_d2->id);
  g_assert_cmpfloat (m->weight_g, ==, 22.5);
  g_clear_pointer (&m, pdx_measurement_free);
  audit_sql = g_strdup_printf ("audit_log WHERE table_name = 'measurement' AND reason = '%s'"
                               " AND operator = '" OPERATOR "'", reason);
  g_assert_cmpint (pdx_test_count (db, audit_sql), ==, 2);
  g_assert_false (pdx_measure_sheet_undo_save (sheet)); /* once */

  /* A save whose row another writer changed since: nothing undone. */
  d2 = reopen_row (f, "D-02");
  type_cell (d2, PDX_SHEET_WEIGHT, "24.5");
  g_assert_true (pdx_measure_sheet_save (sheet));
  m = find_measurement (f, "ICR-031-D", "D-02", today);
  m->weight_g = 25.5;
  g_assert_true (pdx_measurement_update (db, m, NULL));
  g_assert_false (pdx_measure_sheet_undo_save (sheet));
  g_clear_pointer (&m, pdx_measurement_free);
  m = find_measurement (f, "ICR-031-D", "D-02", today);
  g_assert_cmpfloat (m->weight_g, ==, 25.5);
  g_clear_pointer (&m, pdx_measurement_free);
  m = find_measurement (f, "ICR-031-D", "D-01", today);
  g_assert_nonnull (m);
}

static gboolean
sheet_date_is_cb (gpointer data)
{
  const char **wait = data; /* { sheet as text pointer, date } */
  return g_strcmp0 (pdx_measure_sheet_get_date ((PdxMeasureSheet *) (gpointer) wait[0]), wait[1]) == 0;
}

/* The sheet shows the date of sheet_date_is_cb's @data, with rows. */
static gboolean
sheet_loaded_cb (gpointer data)
{
  const char **wait = data;
  return sheet_date_is_cb (data)
         && pdx_measure_sheet_get_n_rows ((PdxMeasureSheet *) (gpointer) wait[0]) > 0;
}

/* A finished study opens on today with no live mouse: the empty sheet offers its last measured
 * day; the calendar marks the days with measurements (as the lab has them) and picking one
 * loads it. */
static void
test_measure_calendar (Fixture *f, gconstpointer data)
{
  PdxMeasureSheet *sheet = pdx_study_page_get_measure_sheet (f->page);
  PdxDb *db = pdx_lab_get_db (f->lab);
  const char *study_sql = "(SELECT id FROM mouse WHERE study_id = (SELECT id FROM study"
                          " WHERE code = 'ICR-017-A'))";
  g_autofree char *last_sql = g_strdup_printf (
      "SELECT max(date) FROM measurement WHERE mouse_id IN %s", study_sql);
  g_autofree char *last = pdx_test_query_string (db, last_sql);
  g_autofree char *month = g_strndup (last, 8);
  g_autofree char *days_sql = g_strdup_printf (
      "SELECT group_concat(d, ',') FROM (SELECT DISTINCT CAST(substr(date, 9, 2) AS INTEGER) AS d"
      " FROM measurement WHERE mouse_id IN %s AND date LIKE '%s%%' ORDER BY d)", study_sql, month);
  g_autofree char *days = pdx_test_query_string (db, days_sql);
  g_autoptr (GString) marked = g_string_new (NULL);
  GtkCalendar *calendar = pdx_measure_sheet_get_calendar (sheet);
  const char *wait[2] = { (const char *) (gpointer) sheet, last };
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr (GDateTime) first = NULL;
  g_autofree char *first_date = NULL;
  int y, m;

  g_assert_true (pdx_window_show_study (f->window, study_id (f, "ICR-017-A")));
  pdx_study_page_show_page (f->page, "measure");
  g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
  g_assert_cmpuint (pdx_measure_sheet_get_n_rows (sheet), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (sheet), "sheet.last-measured-day", NULL);
  g_assert_true (pdx_test_wait_until (sheet_loaded_cb, wait));

  gtk_menu_button_popup (pdx_measure_sheet_get_calendar_button (sheet));
  g_assert_true (pdx_test_wait_until (widget_shown_cb, gtk_menu_button_get_popover (
                                                  pdx_measure_sheet_get_calendar_button (sheet))));
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
  g_assert_true (pdx_test_wait_until (widget_hidden_cb, gtk_menu_button_get_popover (
                                                   pdx_measure_sheet_get_calendar_button (sheet))));
}

/* A copy of the lab named by $PDXTRACK_BENCH_LAB (e.g. `pdxtrack-cli demo --mice 10000`), opened
 * in the window in place of the demo lab; FALSE when the variable is not set. */
static gboolean
open_bench_lab (Fixture *f)
{
  const char *source = g_getenv ("PDXTRACK_BENCH_LAB");
  g_autofree char *copy = NULL, *contents = NULL;
  gsize length;

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
test_measure_fifty_rows (Fixture *f, gconstpointer data)
{
  gboolean bench = open_bench_lab (f);
  PdxDb *db = pdx_lab_get_db (f->lab);
  g_autoptr (PdxStudy) study = pdx_study_new ();
  PdxMeasureSheet *sheet = pdx_study_page_get_measure_sheet (f->page);
  g_autofree char *today = pdx_format_today ();
  gint64 start, elapsed;
  RowCount fifty = { sheet, 50 };

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
  pdx_lab_notify_changed (f->lab, 0);
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
    g_assert_cmpfloat_with_epsilon (((PdxMeasurement *) g_ptr_array_index (saved, 0))->volume_mm3, 153.0, 1e-9);
  }
}

/* ---- mice ------------------------------------------------------------------------------------ */

static PdxMicePage *
open_mice (Fixture *f, const char *code)
{
  PdxMicePage *mice = pdx_study_page_get_mice_page (f->page);

  g_assert_true (pdx_window_show_study (f->window, study_id (f, code)));
  pdx_study_page_show_page (f->page, "mice");
  pdx_test_spin (50);
  return mice;
}

/* A form widget of a Mice dialog: a template child of the dialog's own type. */
static gpointer
dialog_child (AdwMessageDialog *dialog, const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (dialog), G_OBJECT_TYPE (dialog), name);

  g_assert_nonnull (child);
  return child;
}

static void
test_mice_add_and_randomise (Fixture *f, gconstpointer data)
{
  PdxDb *db = pdx_lab_get_db (f->lab);
  gint64 id = study_id (f, "ICR-031-D");
  PdxMicePage *mice = open_mice (f, "ICR-031-D");
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
  pdx_test_spin (50);
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
  pdx_test_spin (50);
  all = pdx_mouse_list (db, id, NULL);
  g_assert_cmpuint (all->len, ==, 28);
  for (guint i = 0; i < all->len; i++)
    g_assert_cmpint (((PdxMouse *) g_ptr_array_index (all, i))->arm_id, !=, 0);
}

static void
test_mice_endpoint_and_exclude (Fixture *f, gconstpointer data)
{
  PdxDb *db = pdx_lab_get_db (f->lab);
  gint64 id = study_id (f, "ICR-031-D");
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
  adw_message_dialog_response (dialog, "exclude");    /* no reason: refused */
  d06 = pdx_mouse_find (db, id, "D-06", NULL);
  g_assert_false (d06->excluded);
  g_clear_pointer (&d06, pdx_mouse_free);
  pdx_test_spin (20);
  g_assert_true (pdx_mice_page_select (mice, "D-06"));
  dialog = pdx_mice_page_open_dialog (mice, "exclude");
  gtk_editable_set_text (dialog_child (dialog, "reason"), "tumour not engrafted");
  adw_message_dialog_response (dialog, "exclude");
  d06 = pdx_mouse_find (db, id, "D-06", NULL);
  g_assert_true (d06->excluded);
  g_assert_cmpstr (d06->exclusion_reason, ==, "tumour not engrafted");
}

/* A mouse registered by mistake is deleted (with a reason, kept in the audit log); one with
 * measurements is not. */
static void
test_mice_delete (Fixture *f, gconstpointer data)
{
  PdxDb *db = pdx_lab_get_db (f->lab);
  gint64 id = study_id (f, "ICR-031-D");
  g_autoptr (PdxMouse) extra = pdx_mouse_new ();
  g_autoptr (PdxMouse) found = NULL;
  PdxMicePage *mice;
  AdwMessageDialog *dialog;
  g_autofree char *audit = NULL;

  extra->study_id = id;
  extra->tag = g_strdup ("D-99");
  extra->implant_date = g_strdup ("2026-05-04");
  g_assert_true (pdx_mouse_insert (db, extra, NULL));
  pdx_lab_notify_changed (f->lab, id);
  mice = open_mice (f, "ICR-031-D");

  g_assert_true (pdx_mice_page_select (mice, "D-99"));
  dialog = pdx_mice_page_open_dialog (mice, "delete");
  adw_message_dialog_response (dialog, "delete"); /* no reason: refused */
  found = pdx_mouse_find (db, id, "D-99", NULL);
  g_assert_nonnull (found);
  g_clear_pointer (&found, pdx_mouse_free);
  pdx_test_spin (20);
  g_assert_true (pdx_mice_page_select (mice, "D-99"));
  dialog = pdx_mice_page_open_dialog (mice, "delete");
  gtk_editable_set_text (dialog_child (dialog, "reason"), "registered twice");
  adw_message_dialog_response (dialog, "delete");
  g_assert_null (pdx_mouse_find (db, id, "D-99", NULL));
  audit = g_strdup_printf ("audit_log WHERE table_name = 'mouse' AND action = 'delete' AND row_id = %"
                           G_GINT64_FORMAT " AND reason = 'registered twice'", extra->id);
  g_assert_cmpint (pdx_test_count (db, audit), ==, 1);

  pdx_test_spin (20);
  g_assert_true (pdx_mice_page_select (mice, "D-01"));
  dialog = pdx_mice_page_open_dialog (mice, "delete");
  gtk_editable_set_text (dialog_child (dialog, "reason"), "typo");
  adw_message_dialog_response (dialog, "delete");
  found = pdx_mouse_find (db, id, "D-01", NULL);
  g_assert_nonnull (found);
}

static PdxHistoryPage *open_history (Fixture *f);
static void filter_history (PdxHistoryPage *history, const char *tag, const char *operator_name);

/* The open "Move Mouse …?" confirmation, or NULL. */
static AdwMessageDialog *
find_move_dialog (void)
{
  GListModel *windows = gtk_window_get_toplevels ();   /* borrowed */

  for (guint i = 0; i < g_list_model_get_n_items (windows); i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (windows, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window))
          && g_str_has_prefix (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)), "Move Mouse"))
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
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));   /* no reason yet */
  g_assert_true (gtk_widget_get_visible (dialog_child (dialog, "reason")));
  gtk_editable_set_text (dialog_child (dialog, "reason"), reason);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "save"));
  adw_message_dialog_response (dialog, "save");
  pdx_test_spin (20);
  return dialog;
}

/* Moving a randomised mouse that has measurements after day 0 asks first; cancelled nothing
 * changes; confirmed, the arm changes and the audit log keeps the reason. The History reads the
 * move by arm names. */
static void
test_mice_change_arm (Fixture *f, gconstpointer data)
{
  PdxDb *db = pdx_lab_get_db (f->lab);
  gint64 id = study_id (f, "ICR-017-A");
  g_autoptr (GPtrArray) arms = pdx_arm_list (db, id, NULL);
  g_autoptr (PdxStudy) study = pdx_study_get (db, id, NULL);
  g_autoptr (PdxMouse) mouse = NULL, moved = NULL;
  g_autoptr (GPtrArray) measurements = NULL;
  g_autofree char *before = NULL, *after = NULL, *expected_change = NULL;
  PdxMicePage *mice = open_mice (f, "ICR-017-A");
  AdwMessageDialog *dialog;
  const PdxArm *old_arm = NULL, *new_arm = NULL;
  guint new_choice = 0, n_after_day0 = 0;

  mouse = pdx_mouse_find (db, id, "A-03", NULL);
  g_assert_nonnull (mouse);
  g_assert_cmpint (mouse->arm_id, !=, 0);
  measurements = pdx_measurement_list_for_mouse (db, mouse->id, NULL);
  for (guint i = 0; i < measurements->len; i++)
    n_after_day0 += g_strcmp0 (((PdxMeasurement *) g_ptr_array_index (measurements, i))->date,
                               study->day0) > 0;
  g_assert_cmpuint (n_after_day0, >, 0);
  for (guint i = 0; i < arms->len; i++)
    {
      const PdxArm *arm = g_ptr_array_index (arms, i);
      if (arm->id == mouse->arm_id)
        old_arm = arm;
      else if (new_arm == NULL)
        new_arm = arm, new_choice = i + 1;           /* choice 0 is "not randomised" */
    }
  g_assert_nonnull (old_arm);
  g_assert_nonnull (new_arm);

  /* the drop-down: "not randomised", then the arms, the mouse's own selected */
  g_assert_true (pdx_mice_page_select (mice, "A-03"));
  dialog = pdx_mice_page_open_dialog (mice, "edit");
  {
    AdwComboRow *row = dialog_child (dialog, "arm");
    GListModel *choices = adw_combo_row_get_model (row);

    g_assert_cmpuint (g_list_model_get_n_items (choices), ==, arms->len + 1);
    g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (choices), 0), ==, "not randomised");
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
  g_assert_cmpstr (before, ==, after);                 /* nothing before the confirmation */
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  pdx_test_spin (20);
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
    PdxHistoryPage *history = open_history (f);
    g_autoptr (GObject) entry = NULL;

    filter_history (history, "A-03", NULL);
    entry = g_list_model_get_item (pdx_history_page_get_model (history), 0);
    expected_change = g_strdup_printf ("arm %s → %s", old_arm->name, new_arm->name);
    g_assert_cmpstr (pdx_history_entry_get_text (entry, 2), ==, "mouse A-03");
    g_assert_cmpstr (pdx_history_entry_get_text (entry, 4), ==, expected_change);
    g_assert_cmpstr (pdx_history_entry_get_text (entry, 5), ==, "cage mix-up at randomisation");
  }
}

/* A mouse without measurements after day 0 moves at once, with its reason. */
static void
test_mice_randomise_one (Fixture *f, gconstpointer data)
{
  PdxDb *db = pdx_lab_get_db (f->lab);
  gint64 id = study_id (f, "ICR-031-D");
  g_autoptr (GPtrArray) arms = pdx_arm_list (db, id, NULL);
  g_autoptr (PdxStudy) study = pdx_study_get (db, id, NULL);
  g_autoptr (PdxMouse) mouse = pdx_mouse_find (db, id, "D-10", NULL);
  g_autoptr (GPtrArray) measurements = pdx_measurement_list_for_mouse (db, mouse->id, NULL);
  PdxMicePage *mice = open_mice (f, "ICR-031-D");
  AdwMessageDialog *dialog;

  g_assert_cmpint (mouse->arm_id, ==, 0);
  for (guint i = 0; i < measurements->len; i++)
    g_assert_cmpstr (((PdxMeasurement *) g_ptr_array_index (measurements, i))->date, <=, study->day0);
  dialog = edit_arm (mice, "D-10", 1, "late randomisation");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_null (find_move_dialog ());
  g_clear_pointer (&mouse, pdx_mouse_free);
  mouse = pdx_mouse_find (db, id, "D-10", NULL);
  g_assert_cmpint (mouse->arm_id, ==, ((PdxArm *) g_ptr_array_index (arms, 0))->id);
  {
    PdxAuditFilter filter = { .study_id = id, .mouse_tag = "D-10", .limit = 1 };
    g_autoptr (GPtrArray) audit = pdx_audit_list (db, &filter, NULL);

    g_assert_cmpstr (((PdxAuditEntry *) g_ptr_array_index (audit, 0))->reason, ==, "late randomisation");
  }
}

/* ---- charts, survival, export ------------------------------------------------------------- */

typedef struct
{
  PdxChartView *view;
  guint count;
} DrawWait;

static gboolean
drawn_cb (gpointer data)
{
  DrawWait *wait = data;

  return pdx_chart_view_get_draw_count (wait->view) > wait->count
         && pdx_chart_view_get_layout (wait->view) != NULL;
}

static void
test_charts_draw (Fixture *f, gconstpointer data)
{
  PdxChartsPage *charts = pdx_study_page_get_charts_page (f->page);
  DrawWait wait = { pdx_charts_page_get_view (charts), 0 };

  g_assert_true (pdx_window_show_study (f->window, study_id (f, "ICR-017-A")));
  pdx_study_page_show_page (f->page, "charts");
  for (int kind = 0; kind < PDX_N_CHART_KINDS; kind++)
    {
      const PdxChartLayout *layout;
      const PdxChartMark *mark;
      PdxChartHit hit;

      wait.count = pdx_chart_view_get_draw_count (wait.view);
      pdx_charts_page_set_kind (charts, kind);
      g_assert_true (pdx_test_wait_until (drawn_cb, &wait));
      layout = pdx_chart_view_get_layout (wait.view);
      g_assert_cmpint (layout->kind, ==, kind);
      g_assert_null (layout->message);
      g_assert_cmpuint (layout->marks->len, >, 0);
      /* Hover read-out: the chart's own hit test at a point it drew. */
      mark = &g_array_index (layout->marks, PdxChartMark, 0);
      g_assert_true (pdx_chart_view_hit (wait.view, mark->kind == PDX_CHART_MARK_BAR
                                                        ? (mark->x0 + mark->x1) / 2 : mark->x0,
                                         mark->kind == PDX_CHART_MARK_BAR
                                             ? (mark->y0 + mark->y1) / 2 : mark->y0, &hit));
      g_assert_cmpuint (strlen (hit.label), >, 0);
    }
}

static void
test_survival_page (Fixture *f, gconstpointer data)
{
  PdxSurvivalPage *survival = pdx_study_page_get_survival_page (f->page);
  DrawWait wait = { pdx_survival_page_get_view (survival), 0 };

  g_assert_true (pdx_window_show_study (f->window, study_id (f, "ICR-017-A")));
  pdx_study_page_show_page (f->page, "survival");
  g_assert_true (pdx_test_wait_until (drawn_cb, &wait));
  g_assert_cmpint (pdx_chart_view_get_layout (wait.view)->kind, ==, PDX_CHART_SURVIVAL);
  g_assert_cmpstr (pdx_survival_page_get_cell (survival, 0, 0), ==, "Arm");
  g_assert_nonnull (strstr (pdx_survival_page_get_cell (survival, 0, 1), "control"));
  g_assert_cmpstr (pdx_survival_page_get_cell (survival, 1, 1), !=, "0");
}

static void
test_charts_export (Fixture *f, gconstpointer data)
{
  PdxChartsPage *charts = pdx_study_page_get_charts_page (f->page);
  DrawWait wait = { pdx_charts_page_get_view (charts), 0 };
  const char *const exts[] = { "png", "svg", "pdf" };
  const char *const magic[] = { "\x89PNG", "<?xml", "%PDF" };

  g_assert_true (pdx_window_show_study (f->window, study_id (f, "ICR-017-A")));
  pdx_study_page_show_page (f->page, "charts");
  g_assert_true (pdx_test_wait_until (drawn_cb, &wait));
  for (guint i = 0; i < G_N_ELEMENTS (exts); i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/growth.%s", f->dir, exts[i]);
      g_autofree char *contents = NULL;
      gsize length = 0;
      g_autoptr (GError) error = NULL;

      g_assert_true (pdx_charts_page_export (charts, path, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      g_assert_cmpuint (length, >, 1000);
      g_assert_true (g_str_has_prefix (contents, magic[i]));
    }
  {
    g_autofree char *bad = g_strdup_printf ("%s/growth.bmp", f->dir);
    g_autoptr (GError) error = NULL;

    g_assert_false (pdx_charts_page_export (charts, bad, &error));
    g_assert_nonnull (error);
    g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
  }
}

/* ---- history ------------------------------------------------------------------------------- */

static gboolean
history_loaded_cb (gpointer data)
{
  return !pdx_history_page_is_loading (data);
}

/* Shows the History tab of the current study and waits for its thread. */
static PdxHistoryPage *
open_history (Fixture *f)
{
  PdxHistoryPage *history = pdx_study_page_get_history_page (f->page);

  pdx_study_page_show_page (f->page, "history");
  pdx_test_spin (20);
  g_assert_true (pdx_test_wait_until (history_loaded_cb, history));
  return history;
}

static void
filter_history (PdxHistoryPage *history, const char *tag, const char *operator_name)
{
  pdx_history_page_filter (history, tag, operator_name, NULL, NULL);
  g_assert_true (pdx_history_page_is_loading (history));
  g_assert_true (pdx_test_wait_until (history_loaded_cb, history));
}

static void
test_history_filter (Fixture *f, gconstpointer data)
{
  PdxSheetRowWidget *row = open_sheet_row (f, "ICR-031-D", "D-07");
  PdxHistoryPage *history;
  GListModel *model;
  g_autofree char *today = pdx_format_today ();
  g_autofree char *record = g_strdup_printf ("D-07 · measurement %s", today);

  type_cell (row, PDX_SHEET_WEIGHT, "19.9");
  g_assert_true (pdx_study_page_save (f->page));
  history = open_history (f);
  model = pdx_history_page_get_model (history);
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 0);
  filter_history (history, "D-07", OPERATOR);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  {
    g_autoptr (GObject) entry = g_list_model_get_item (model, 0);
    const char *change = pdx_history_entry_get_text (entry, 4);

    g_assert_cmpstr (pdx_history_entry_get_text (entry, 1), ==, OPERATOR);
    g_assert_cmpstr (pdx_history_entry_get_text (entry, 2), ==, record);
    g_assert_cmpstr (pdx_history_entry_get_text (entry, 3), ==, "Added");
    g_assert_cmpstr (change, ==, "weight 19.9 g");
  }
  filter_history (history, "D-07", "somebody-else");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
}

/* An update reads "weight 19.9 → 20.1 g" with its reason; a bulk import is one line. */
static void
test_history_update_and_import (Fixture *f, gconstpointer data)
{
  PdxDb *db = pdx_lab_get_db (f->lab);
  PdxSheetRowWidget *row = open_sheet_row (f, "ICR-031-D", "D-07");
  g_autofree char *today = pdx_format_today ();
  g_autoptr (PdxMeasurement) m = NULL;
  PdxImportReport report = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *rows = g_strdup_printf ("study,mouse,date,weight_g\nICR-031-D,D-08,%s,20.5\n"
                                           "ICR-031-D,D-09,%s,21\n", today, today);
  g_autofree char *csv = pdx_test_write_file ("bench-week12.csv", rows, -1);
  PdxHistoryPage *history;
  GListModel *model;

  type_cell (row, PDX_SHEET_WEIGHT, "19.9");
  g_assert_true (pdx_study_page_save (f->page));
  m = find_measurement (f, "ICR-031-D", "D-07", today);
  m->weight_g = 20.1;
  pdx_db_set_reason (db, "scale re-zeroed");
  g_assert_true (pdx_measurement_update (db, m, &error));
  pdx_db_set_reason (db, NULL);
  history = open_history (f);
  model = pdx_history_page_get_model (history);
  filter_history (history, "D-07", NULL);
  {
    g_autoptr (GObject) entry = g_list_model_get_item (model, 0);

    g_assert_cmpstr (pdx_history_entry_get_text (entry, 3), ==, "Changed");
    g_assert_cmpstr (pdx_history_entry_get_text (entry, 4), ==, "weight 19.9 → 20.1 g");
    g_assert_cmpstr (pdx_history_entry_get_text (entry, 5), ==, "scale re-zeroed");
  }

  g_assert_true (pdx_import_measurements (db, csv, &report, NULL, NULL, &error));
  g_assert_no_error (error);
  pdx_import_report_clear (&report);
  filter_history (history, NULL, NULL);
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
test_history_hidden_cancels (Fixture *f, gconstpointer data)
{
  PdxHistoryPage *history = pdx_study_page_get_history_page (f->page);
  GListModel *model = pdx_history_page_get_model (history);

  g_assert_true (pdx_window_show_study (f->window, study_id (f, "ICR-017-A")));
  pdx_study_page_show_page (f->page, "overview");
  pdx_test_spin (20);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  pdx_study_page_show_page (f->page, "history");
  g_assert_true (pdx_history_page_is_loading (history));
  pdx_study_page_show_page (f->page, "overview");
  g_assert_false (pdx_history_page_is_loading (history));
  pdx_test_spin (600);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  open_history (f);
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

/* ---- tissue line, new study, import -------------------------------------------------------- */

/* Selects @value in the line form's drop-down @key; FALSE when it is not offered. */
static gboolean
choose (PdxLinePage *line, const char *key, const char *value)
{
  AdwComboRow *row = pdx_line_page_get_choice (line, key);
  GListModel *choices = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (choices); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (choices), i), value))
      {
        adw_combo_row_set_selected (row, i);
        return TRUE;
      }
  return FALSE;
}

static char *
chosen (PdxLinePage *line, const char *key)
{
  GtkStringObject *item = adw_combo_row_get_selected_item (pdx_line_page_get_choice (line, key));

  return g_strdup (gtk_string_object_get_string (item));
}

/* The drop-downs offer exactly the PDX-MI vocabulary (written out here from SPEC §3), led by
 * "not recorded" where the field is optional. */
static void
test_line_vocab_choices (Fixture *f, gconstpointer data)
{
  static const struct { const char *key; const char *choices; } expected[] = {
    { "line.status", "active|banked|retired" },
    { "patient.sex", "not recorded|F|M" },
    { "patient.her2_ihc", "not recorded|0|1+|2+|3+" },
    { "patient.her2_ish", "not recorded|amplified|not amplified|unknown" },
    { "patient.er", "not recorded|positive|negative|unknown" },
    { "patient.pr", "not recorded|positive|negative|unknown" },
    { "sample.type", "not recorded|primary|metastasis|recurrence" },
  };
  PdxLinePage *line = pdx_window_get_line_page (f->window);

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-line", NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      AdwComboRow *row = pdx_line_page_get_choice (line, expected[i].key);
      GListModel *choices = adw_combo_row_get_model (row);
      g_autoptr (GString) offered = g_string_new (NULL);

      g_assert_null (pdx_line_page_get_field (line, expected[i].key));
      for (guint j = 0; j < g_list_model_get_n_items (choices); j++)
        g_string_append_printf (offered, "%s%s", j ? "|" : "",
                                gtk_string_list_get_string (GTK_STRING_LIST (choices), j));
      g_assert_cmpstr (offered->str, ==, expected[i].choices);
    }
}

static void
test_line_form (Fixture *f, gconstpointer data)
{
  PdxDb *db = pdx_lab_get_db (f->lab);
  PdxLinePage *line = pdx_window_get_line_page (f->window);
  g_autofree char *before = NULL, *after = NULL, *status = NULL, *ihc = NULL, *er = NULL;
  g_autoptr (PdxLine) stored = NULL;
  g_autoptr (PdxSample) sample = NULL;
  g_autoptr (PdxPatient) patient = NULL;

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-line", NULL);
  g_assert_cmpint (pdx_line_page_get_line_id (line), ==, 0);
  status = chosen (line, "line.status");
  g_assert_cmpstr (status, ==, "active");                        /* a new line is active */
  before = pdx_test_dump (db);
  g_assert_false (pdx_line_page_save (line));                    /* no code */
  gtk_editable_set_text (pdx_line_page_get_field (line, "line.code"), "BCBM-099");
  gtk_editable_set_text (pdx_line_page_get_field (line, "line.passage"), "four");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (pdx_line_page_get_field (line, "line.passage")), "error"));
  g_assert_false (pdx_line_page_save (line));                    /* not a whole number */
  gtk_editable_set_text (pdx_line_page_get_field (line, "line.passage"), "4");
  g_assert_true (choose (line, "patient.her2_ihc", "3+"));
  g_assert_false (choose (line, "patient.her2_ihc", "4+"));
  gtk_editable_set_text (pdx_line_page_get_field (line, "sample.code"), "S-099");
  g_assert_false (pdx_line_page_save (line));                    /* sample without patient */
  after = pdx_test_dump (db);
  g_assert_cmpstr (before, ==, after);

  gtk_editable_set_text (pdx_line_page_get_field (line, "patient.code"), "P-099");
  g_assert_true (choose (line, "patient.er", "negative"));
  g_assert_true (choose (line, "patient.er", "not recorded"));  /* changed their mind */
  g_assert_true (choose (line, "sample.type", "metastasis"));
  g_assert_true (choose (line, "line.status", "banked"));
  g_assert_true (pdx_line_page_save (line));
  stored = pdx_line_find (db, "BCBM-099", NULL);
  g_assert_nonnull (stored);
  g_assert_cmpint (stored->passage, ==, 4);
  g_assert_cmpstr (stored->status, ==, "banked");
  sample = pdx_sample_get (db, stored->sample_id, NULL);
  g_assert_cmpstr (sample->code, ==, "S-099");
  g_assert_cmpstr (sample->sample_type, ==, "metastasis");
  patient = pdx_patient_get (db, sample->patient_id, NULL);
  g_assert_cmpstr (patient->her2_ihc, ==, "3+");
  g_assert_null (patient->er);
  g_assert_null (patient->sex);
  g_assert_cmpint (pdx_line_page_get_line_id (line), ==, stored->id);

  /* Reloaded from the database (the form is refilled after saving), the choices stand. */
  ihc = chosen (line, "patient.her2_ihc");
  g_assert_cmpstr (ihc, ==, "3+");
  er = chosen (line, "patient.er");
  g_assert_cmpstr (er, ==, "not recorded");
  g_free (status);
  status = chosen (line, "line.status");
  g_assert_cmpstr (status, ==, "banked");
}

static void
set_field (PdxNewStudyDialog *dialog, const char *key, const char *text)
{
  GtkEditable *editable = pdx_new_study_dialog_get_field (dialog, key);

  g_assert_nonnull (editable);
  gtk_editable_set_text (editable, text);
}

static void
test_new_study (Fixture *f, gconstpointer data)
{
  PdxDb *db = pdx_lab_get_db (f->lab);
  PdxNewStudyDialog *dialog = pdx_window_open_new_study (f->window);
  g_autoptr (PdxStudy) study = NULL;
  g_autoptr (GPtrArray) arms = NULL;
  guint combo;

  set_field (dialog, "code", "ICR-017-E");
  set_field (dialog, "day0", "2026-13-01");
  set_field (dialog, "arm0.name", "Vehicle");
  set_field (dialog, "arm1.name", "T-DM1 + tucatinib");
  g_assert_false (pdx_new_study_dialog_create (dialog));          /* month 13 */
  g_assert_null (pdx_study_find (db, "ICR-017-E", NULL));
  set_field (dialog, "day0", "2026-12-01");
  set_field (dialog, "arm1.agent0.drug", "T-DM1");
  set_field (dialog, "arm1.agent0.dose", "10");
  set_field (dialog, "arm1.agent0.unit", "mg/kg");
  set_field (dialog, "arm1.agent0.route", "i.v.");
  set_field (dialog, "arm1.agent0.schedule", "q3w");
  set_field (dialog, "arm1.agent0.first", "0");
  set_field (dialog, "arm1.agent0.last", "42");
  combo = pdx_new_study_dialog_add_arm (dialog, FALSE, 2);
  g_assert_cmpuint (combo, ==, 2);
  set_field (dialog, "arm2.name", "Tucatinib + trastuzumab");
  set_field (dialog, "arm2.agent0.drug", "tucatinib");
  set_field (dialog, "arm2.agent1.drug", "trastuzumab");
  g_assert_true (pdx_new_study_dialog_create (dialog));
  pdx_test_spin (50);
  study = pdx_study_find (db, "ICR-017-E", NULL);
  g_assert_nonnull (study);
  g_assert_cmpstr (study->day0, ==, "2026-12-01");
  g_assert_cmpint (pdx_study_page_get_study_id (f->page), ==, study->id);
  arms = pdx_arm_list (db, study->id, NULL);
  g_assert_cmpuint (arms->len, ==, 3);
  for (guint i = 0; i < arms->len; i++)
    {
      PdxArm *arm = g_ptr_array_index (arms, i);

      if (g_str_equal (arm->name, "Vehicle"))
        g_assert_true (arm->is_control);
      else if (g_str_equal (arm->name, "Tucatinib + trastuzumab"))
        g_assert_cmpuint (arm->agents->len, ==, 2);
      else
        {
          PdxAgent *agent = g_ptr_array_index (arm->agents, 0);
          g_assert_cmpstr (agent->drug, ==, "T-DM1");
          g_assert_cmpfloat (agent->dose, ==, 10);
          g_assert_cmpint (agent->last_day, ==, 42);
        }
    }
}

static GtkWidget *
find_button (GtkWidget *root, const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), label) == 0)
        return child;
      if ((found = find_button (child, label)) != NULL)
        return found;
    }
  return NULL;
}

/* The template-built dialog keeps its defaults: the first line, the first implant site and
 * material of the vocabulary, BLI, day 0 today, a control arm and a treated arm; Cancel stores
 * nothing. */
static void
test_new_study_defaults (Fixture *f, gconstpointer data)
{
  PdxDb *db = pdx_lab_get_db (f->lab);
  g_autoptr (GPtrArray) lines = pdx_line_list (db, NULL);
  g_autofree char *today = pdx_format_today ();
  g_autofree char *before = pdx_test_dump (db), *after = NULL;
  g_autoptr (PdxStudy) study = NULL;
  g_autoptr (GPtrArray) arms = NULL;
  PdxNewStudyDialog *dialog = pdx_window_open_new_study (f->window);
  GtkWidget *cancel = find_button (GTK_WIDGET (dialog), "_Cancel");

  g_assert_nonnull (find_button (GTK_WIDGET (dialog), "C_reate"));
  g_assert_nonnull (find_button (GTK_WIDGET (dialog), "Add _Arm"));
  g_assert_nonnull (cancel);
  set_field (dialog, "code", "CANCELLED-1");
  g_signal_emit_by_name (cancel, "clicked");
  pdx_test_spin (20);
  after = pdx_test_dump (db);
  g_assert_cmpstr (before, ==, after);

  dialog = pdx_window_open_new_study (f->window);
  g_assert_cmpstr (gtk_editable_get_text (pdx_new_study_dialog_get_field (dialog, "day0")), ==, today);
  set_field (dialog, "code", "ICR-099-A");
  set_field (dialog, "arm0.name", "Vehicle");
  set_field (dialog, "arm1.name", "T-DM1");
  set_field (dialog, "arm1.agent0.drug", "T-DM1");
  g_assert_true (pdx_new_study_dialog_create (dialog));
  pdx_test_spin (20);
  study = pdx_study_find (db, "ICR-099-A", NULL);
  g_assert_nonnull (study);
  g_assert_cmpint (study->line_id, ==, ((PdxLine *) g_ptr_array_index (lines, 0))->id);
  g_assert_cmpstr (study->implant_site, ==, "intracranial-striatum");
  g_assert_cmpstr (study->implant_material, ==, "cells");
  g_assert_cmpint (study->readout, ==, PDX_READOUT_BLI_FLUX);
  g_assert_cmpstr (study->day0, ==, today);
  g_assert_cmpstr (study->status, ==, "active");
  g_assert_cmpint (study->passage, ==, -1);
  arms = pdx_arm_list (db, study->id, NULL);
  g_assert_cmpuint (arms->len, ==, 2);
  for (guint i = 0; i < arms->len; i++)
    {
      PdxArm *arm = g_ptr_array_index (arms, i);
      g_assert_cmpint (arm->is_control, ==, g_str_equal (arm->name, "Vehicle"));
    }
}

static gboolean
import_done_cb (gpointer data)
{
  return *(int *) data != 0;
}

static void
finished_cb (PdxImportDialog *dialog, gboolean ok, int *state)
{
  *state = ok ? 1 : -1;
}

static void
test_import_error_row (Fixture *f, gconstpointer data)
{
  PdxDb *db = pdx_lab_get_db (f->lab);
  const char *csv = "study,arm,mouse,sex,implant_date\n"
                    "IMP-1,vehicle,M1,F,2026-01-05\n"
                    "IMP-1,vehicle,M2,F,2026-01-05\n"
                    "IMP-1,T-DM1,M3,X,2026-01-05\n"
                    "IMP-1,T-DM1,M4,F,2026-01-05\n";
  g_autofree char *path = pdx_test_write_file ("mice.csv", csv, -1);
  g_autofree char *good = pdx_test_write_file ("good.csv", "study,arm,mouse\nIMP-2,vehicle,A1\n", -1);
  g_autofree char *before = pdx_test_dump (db);
  g_autofree char *after = NULL;
  PdxImportDialog *dialog = pdx_import_dialog_new (f->lab);
  int state = 0;

  gtk_window_present (GTK_WINDOW (dialog));
  g_signal_connect (dialog, "finished", G_CALLBACK (finished_cb), &state);
  pdx_import_dialog_set_kind (dialog, PDX_IMPORT_KIND_MICE);
  g_assert_true (pdx_import_dialog_set_file (dialog, path, NULL));
  pdx_import_dialog_start (dialog);
  g_assert_true (pdx_test_wait_until (import_done_cb, &state));
  g_assert_cmpint (state, ==, -1);
  g_assert_cmpuint (pdx_import_dialog_get_error_line (dialog), ==, 4);
  g_assert_nonnull (strstr (pdx_import_dialog_get_message (dialog), "Nothing was imported"));
  after = pdx_test_dump (db);
  g_assert_cmpstr (before, ==, after);

  state = 0;
  g_assert_true (pdx_import_dialog_set_file (dialog, good, NULL));
  pdx_import_dialog_start (dialog);
  g_assert_true (pdx_test_wait_until (import_done_cb, &state));
  g_assert_cmpint (state, ==, 1);
  g_assert_cmpuint (pdx_import_dialog_get_error_line (dialog), ==, 0);
  {
    g_autoptr (PdxStudy) imported = pdx_study_find (db, "IMP-2", NULL);
    g_assert_nonnull (imported);
  }
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* A long import stopped at once (closing the dialog while it runs asks the thread to stop):
 * nothing is imported and the dialog stays open until the thread has rolled back. */
static void
test_import_stop (Fixture *f, gconstpointer data)
{
  PdxDb *db = pdx_lab_get_db (f->lab);
  g_autoptr (GString) csv = g_string_new ("study,arm,mouse\n");
  g_autofree char *path = NULL, *before = pdx_test_dump (db), *after = NULL;
  PdxImportDialog *dialog = pdx_import_dialog_new (f->lab);
  int state = 0;

  for (int i = 0; i < 40000; i++)
    g_string_append_printf (csv, "STOP-%d,vehicle,M%05d\n", i / 500, i);
  path = pdx_test_write_file ("many.csv", csv->str, csv->len);
  g_object_ref_sink (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  g_signal_connect (dialog, "finished", G_CALLBACK (finished_cb), &state);
  g_assert_true (pdx_import_dialog_set_file (dialog, path, NULL));
  pdx_import_dialog_start (dialog);
  gtk_window_close (GTK_WINDOW (dialog));               /* refused while running: stops it */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_true (pdx_test_wait_until (import_done_cb, &state));
  g_assert_cmpint (state, ==, -1);
  g_assert_nonnull (strstr (pdx_import_dialog_get_message (dialog), "Import stopped"));
  after = pdx_test_dump (db);
  g_assert_cmpstr (before, ==, after);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
}

int
main (int argc, char *argv[])
{
  g_autofree char *home = pdx_test_make_tmpdir ();
  g_autofree char *data_home = g_build_filename (home, "data", NULL);
  g_autofree char *cache_home = g_build_filename (home, "cache", NULL);

  /* Before any thread starts: the demo labs go to a private data folder. */
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("XDG_CACHE_HOME", cache_home, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, fn) g_test_add ("/gui/" path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("window/demo-lab", test_demo_lab);
  ADD ("measure/save-row", test_measure_save);
  ADD ("measure/invalid-saves-nothing", test_measure_invalid);
  ADD ("measure/weight-loss-warning", test_measure_warning);
  ADD ("measure/enter-moves-down-and-undo", test_measure_enter_and_undo);
  ADD ("measure/undo-save", test_measure_undo_save);
  ADD ("measure/calendar", test_measure_calendar);
  ADD ("mice/delete", test_mice_delete);
  ADD ("measure/fifty-rows", test_measure_fifty_rows);
  ADD ("mice/add-and-randomise", test_mice_add_and_randomise);
  ADD ("mice/endpoint-and-exclude", test_mice_endpoint_and_exclude);
  ADD ("mice/change-arm-confirmed", test_mice_change_arm);
  ADD ("mice/randomise-one-mouse", test_mice_randomise_one);
  ADD ("charts/each-draws", test_charts_draw);
  ADD ("charts/export", test_charts_export);
  ADD ("survival/page", test_survival_page);
  ADD ("history/filter", test_history_filter);
  ADD ("history/update-and-import", test_history_update_and_import);
  ADD ("history/hidden-cancels-load", test_history_hidden_cancels);
  g_test_add_func ("/gui/history/wording", test_history_wording);
  g_test_add_func ("/gui/format/flux-and-count", test_format_numbers);
  ADD ("line/form-validation", test_line_form);
  ADD ("line/vocabulary-drop-downs", test_line_vocab_choices);
  ADD ("study/new", test_new_study);
  ADD ("study/new-defaults-and-cancel", test_new_study_defaults);
  ADD ("import/error-at-row", test_import_error_row);
  ADD ("import/stop", test_import_stop);
#undef ADD
  return g_test_run ();
}
