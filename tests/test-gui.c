/* test-gui.c — the desktop app driven in-process under Xvfb with real widgets: the demo lab, the
 * bench sheet (save, inline errors, Enter moves down, undo), mice (add, randomise, endpoint),
 * charts and survival drawing, export, history, the line form, new study and CSV import.
 * Every test makes its own demo lab in a temporary folder and asserts on the database. */
#include <adwaita.h>
#include <math.h>

#include "pdx-test-util.h"
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

typedef gboolean (*Condition) (gpointer data);

/* Iterates the main loop until @condition holds (or ~10 s pass: then FALSE). */
static gboolean
wait_until (Condition condition, gpointer data)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return TRUE;
}

static gboolean
after_ms_cb (gpointer data)
{
  return g_get_monotonic_time () >= *(gint64 *) data;
}

static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  wait_until (after_ms_cb, &end);
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
  spin (50);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  if (pdx_study_page_has_unsaved (f->page))
    pdx_study_page_discard (f->page);
  gtk_window_destroy (GTK_WINDOW (f->window));
  spin (20);
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
  spin (50);
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
  g_assert_true (wait_until (row_bound_cb, &wait));
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
  g_assert_true (wait_until (has_focus_cb, &wait));
  type_cell (next, PDX_SHEET_WEIGHT, "23.0");
  g_assert_true (pdx_measure_sheet_undo (sheet));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (wait.widget)), ==, "");
  g_assert_true (pdx_measure_sheet_undo (sheet));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (pdx_sheet_row_widget_get_entry (row, PDX_SHEET_WEIGHT))), ==, "");
  g_assert_false (pdx_measure_sheet_has_unsaved (sheet));
  g_assert_false (pdx_measure_sheet_undo (sheet));
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
  spin (100);
  g_assert_cmpuint (pdx_measure_sheet_get_n_rows (sheet), ==, 50);
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
  spin (50);
  return mice;
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
  gtk_spin_button_set_value (g_object_get_data (G_OBJECT (dialog), "count"), 4);
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "prefix"), "N-");
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "cage"), "C09");
  adw_message_dialog_response (dialog, "add");
  spin (50);
  g_assert_cmpuint (g_list_model_get_n_items (pdx_mice_page_get_model (mice)), ==, 28);
  {
    g_autoptr (PdxMouse) added = pdx_mouse_find (db, id, "N-04", NULL);
    g_assert_nonnull (added);
  }

  dialog = pdx_mice_page_open_dialog (mice, "randomise");
  report = gtk_label_get_text (g_object_get_data (G_OBJECT (dialog), "report"));
  g_assert_nonnull (strstr (report, "28 mice to assign"));
  g_assert_nonnull (strstr (report, "n = "));
  adw_message_dialog_response (dialog, "randomise");
  spin (50);
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
  gtk_drop_down_set_selected (g_object_get_data (G_OBJECT (dialog), "kind"), PDX_ENDPOINT_HUMANE_NEURO);
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "date"), "2026-06-10");
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "note"), "circling, score 3");
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
  spin (20);
  g_assert_true (pdx_mice_page_select (mice, "D-06"));
  dialog = pdx_mice_page_open_dialog (mice, "exclude");
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "reason"), "tumour not engrafted");
  adw_message_dialog_response (dialog, "exclude");
  d06 = pdx_mouse_find (db, id, "D-06", NULL);
  g_assert_true (d06->excluded);
  g_assert_cmpstr (d06->exclusion_reason, ==, "tumour not engrafted");
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
      g_assert_true (wait_until (drawn_cb, &wait));
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
  g_assert_true (wait_until (drawn_cb, &wait));
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
  g_assert_true (wait_until (drawn_cb, &wait));
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

static void
test_history_filter (Fixture *f, gconstpointer data)
{
  PdxSheetRowWidget *row = open_sheet_row (f, "ICR-031-D", "D-07");
  PdxHistoryPage *history = pdx_study_page_get_history_page (f->page);
  GListModel *model = pdx_history_page_get_model (history);
  guint n;

  type_cell (row, PDX_SHEET_WEIGHT, "19.9");
  g_assert_true (pdx_study_page_save (f->page));
  pdx_study_page_show_page (f->page, "history");
  spin (50);
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 0);
  pdx_history_page_filter (history, "D-07", OPERATOR, NULL, NULL);
  n = g_list_model_get_n_items (model);
  g_assert_cmpuint (n, ==, 1);
  {
    g_autoptr (GObject) entry = g_list_model_get_item (model, 0);

    g_assert_cmpstr (pdx_history_entry_get_text (entry, 1), ==, OPERATOR);
    g_assert_cmpstr (pdx_history_entry_get_text (entry, 3), ==, "insert");
    g_assert_nonnull (strstr (pdx_history_entry_get_text (entry, 4), "weight_g 19.9"));
  }
  pdx_history_page_filter (history, "D-07", "somebody-else", NULL, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
}

/* ---- tissue line, new study, import -------------------------------------------------------- */

static void
test_line_form (Fixture *f, gconstpointer data)
{
  PdxDb *db = pdx_lab_get_db (f->lab);
  PdxLinePage *line = pdx_window_get_line_page (f->window);
  g_autofree char *before = NULL, *after = NULL;
  g_autoptr (PdxLine) stored = NULL;
  g_autoptr (PdxSample) sample = NULL;
  g_autoptr (PdxPatient) patient = NULL;

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-line", NULL);
  g_assert_cmpint (pdx_line_page_get_line_id (line), ==, 0);
  before = pdx_test_dump (db);
  g_assert_false (pdx_line_page_save (line));                    /* no code */
  gtk_editable_set_text (pdx_line_page_get_field (line, "line.code"), "BCBM-099");
  gtk_editable_set_text (pdx_line_page_get_field (line, "patient.her2_ihc"), "4+");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (pdx_line_page_get_field (line, "patient.her2_ihc")), "error"));
  g_assert_false (pdx_line_page_save (line));                    /* not a HER2 IHC score */
  gtk_editable_set_text (pdx_line_page_get_field (line, "patient.her2_ihc"), "3+");
  gtk_editable_set_text (pdx_line_page_get_field (line, "sample.code"), "S-099");
  g_assert_false (pdx_line_page_save (line));                    /* sample without patient */
  after = pdx_test_dump (db);
  g_assert_cmpstr (before, ==, after);

  gtk_editable_set_text (pdx_line_page_get_field (line, "patient.code"), "P-099");
  gtk_editable_set_text (pdx_line_page_get_field (line, "sample.type"), "metastasis");
  gtk_editable_set_text (pdx_line_page_get_field (line, "line.passage"), "4");
  g_assert_true (pdx_line_page_save (line));
  stored = pdx_line_find (db, "BCBM-099", NULL);
  g_assert_nonnull (stored);
  g_assert_cmpint (stored->passage, ==, 4);
  g_assert_cmpstr (stored->status, ==, "active");
  sample = pdx_sample_get (db, stored->sample_id, NULL);
  g_assert_cmpstr (sample->code, ==, "S-099");
  patient = pdx_patient_get (db, sample->patient_id, NULL);
  g_assert_cmpstr (patient->her2_ihc, ==, "3+");
  g_assert_cmpint (pdx_line_page_get_line_id (line), ==, stored->id);
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
  spin (50);
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
  g_assert_true (wait_until (import_done_cb, &state));
  g_assert_cmpint (state, ==, -1);
  g_assert_cmpuint (pdx_import_dialog_get_error_line (dialog), ==, 4);
  g_assert_nonnull (strstr (pdx_import_dialog_get_message (dialog), "Nothing was imported"));
  after = pdx_test_dump (db);
  g_assert_cmpstr (before, ==, after);

  state = 0;
  g_assert_true (pdx_import_dialog_set_file (dialog, good, NULL));
  pdx_import_dialog_start (dialog);
  g_assert_true (wait_until (import_done_cb, &state));
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
  g_assert_true (wait_until (import_done_cb, &state));
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
  ADD ("measure/fifty-rows", test_measure_fifty_rows);
  ADD ("mice/add-and-randomise", test_mice_add_and_randomise);
  ADD ("mice/endpoint-and-exclude", test_mice_endpoint_and_exclude);
  ADD ("charts/each-draws", test_charts_draw);
  ADD ("charts/export", test_charts_export);
  ADD ("survival/page", test_survival_page);
  ADD ("history/filter", test_history_filter);
  ADD ("line/form-validation", test_line_form);
  ADD ("study/new", test_new_study);
  ADD ("import/error-at-row", test_import_error_row);
  ADD ("import/stop", test_import_stop);
#undef ADD
  return g_test_run ();
}
