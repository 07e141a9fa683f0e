/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui-mouse.c — the mouse page (issue #13): reached from the Mice list, the bench sheet, a
 * chart and the History; what it shows of a mouse written by the test (metrics worked by hand);
 * Add Measurement saving a secondary readout, correcting it with a reason, and refusing bad
 * input with the lab unchanged; the corrections' buttons (one measurement excluded and included
 * again, the endpoint's, and all of them off on a locked study). With PDX_TEST_SCREENSHOT_DIR set,
 * /gui/mouse/screenshot writes the page at 1440×900, 1280×720 and 800×720 as PNGs. */
#include <math.h>

#include "pdx-add-measurement-dialog.h"
#include "pdx-chart-view.h"
#include "pdx-exclude-measurement-dialog.h"
#include "pdx-measurement-item.h"
#include "pdx-mouse-page.h"
#include "pdx-reason-dialog.h"
#include "pdx-sheet-row-widget.h"
#include "pdx-test-gui.h"

static gboolean
mouse_loaded_cb (gpointer data)
{
  PdxMousePage *page = data;

  return gtk_widget_get_mapped (GTK_WIDGET (page)) && !pdx_mouse_page_is_loading (page) &&
         pdx_mouse_page_get_text (page, "title") != NULL;
}

/* Waits for the study page's mouse page to show mouse @mouse_id, loaded. */
static PdxMousePage *
wait_mouse (PdxTestGui *f, gint64 mouse_id)
{
  PdxMousePage *page = pdx_study_page_get_mouse_page (f->page);

  g_assert_true (pdx_study_page_shows_mouse (f->page));
  g_assert_cmpint (pdx_mouse_page_get_mouse_id (page), ==, mouse_id);
  g_assert_true (pdx_test_wait_until (mouse_loaded_cb, page));
  return page;
}

static char *
day_date (const char *day0, int day)
{
  g_autoptr (GDateTime) start = NULL;
  g_autoptr (GDateTime) then = NULL;
  g_autofree char *iso = g_strdup_printf ("%sT12:00:00Z", day0);

  start = g_date_time_new_from_iso8601 (iso, NULL);
  then = g_date_time_add_days (start, day);
  return g_date_time_format (then, "%F");
}

/* A mouse of ICR-017-A's first arm written by the test: BLI 1.0e6, 1.5e6, 6.0e5, 8.0e5 on days 0,
 * 7, 14, 21 (%ΔV 0, +50, −40, −20). By hand (SPEC §4): BR = −40 % on day 14; the running means
 * of %ΔV are 0, 25, 3.33, −2.5, so BAR = −2.5 % on day 21; BR ≥ −50 and BAR < 30: stable
 * disease; AUC = 7·(1.0 + 1.5)/2 + 7·(1.5 + 0.6)/2 + 7·(0.6 + 0.8)/2 = 21.0 (×10⁶) = 2.10e+07;
 * never 2 × V0. A second mouse, measured on days 0 and 7 only, is not evaluable (none from day
 * 10 on). */
static gint64
add_hand_mouse (PdxTestGui *f, const char *tag, guint n_days, gint64 *study_out)
{
  PdxDb *db = pdx_lab_get_db (f->lab);
  gint64 study = pdx_test_gui_study_id (f, "ICR-017-A");
  g_autoptr (PdxStudy) s = pdx_study_get (db, study, NULL);
  g_autoptr (GPtrArray) arms = pdx_arm_list (db, study, NULL);
  g_autofree char *implant = day_date (s->day0, -20);
  const int        days[] = { 0, 7, 14, 21 };
  const double     flux[] = { 1.0e6, 1.5e6, 6.0e5, 8.0e5 };
  gint64           mouse;

  mouse =
      pdx_test_add_mouse (db, study, ((PdxArm *) g_ptr_array_index (arms, 0))->id, tag, implant);
  for (guint i = 0; i < n_days; i++)
    {
      g_autoptr (PdxMeasurement) m = pdx_measurement_new ();
      m->mouse_id = mouse;
      m->date = day_date (s->day0, days[i]);
      m->bli_flux = flux[i];
      m->weight_g = 20.0 - i * 0.5;
      m->operator_name = g_strdup ("J. Chen");
      g_assert_true (pdx_measurement_insert (db, m, NULL));
    }
  pdx_lab_dispatch_changes (f->lab);
  *study_out = study;
  return mouse;
}

static void
test_mouse_page_shows (PdxTestGui *f, gconstpointer data)
{
  gint64           study;
  gint64           mouse = add_hand_mouse (f, "H-01", 4, &study);
  gint64           thin = add_hand_mouse (f, "H-02", 2, &study);
  g_autofree char *today = pdx_format_today ();
  PdxMousePage    *page;
  GListModel      *rows;
  const char      *text;

  g_assert_true (pdx_window_show_study (f->window, study));
  /* The study is named in the window title (issue #13: the sheet of the wrong study). */
  g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (f->window)), "ICR-017-A — "));
  gtk_widget_activate_action (GTK_WIDGET (f->page), "study.show-mouse", "x", mouse);
  page = wait_mouse (f, mouse);
  g_assert_cmpstr (pdx_mouse_page_get_title (page), ==, "Mouse H-01");
  rows = pdx_mouse_page_get_measurements (page);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 4);
  {
    g_autoptr (PdxMeasurementItem) last = g_list_model_get_item (rows, 3);
    g_assert_cmpint (pdx_measurement_item_get_day (last), ==, 21);
    g_assert_cmpfloat (pdx_measurement_item_get (last)->bli_flux, ==, 8.0e5);
    g_assert_cmpstr (pdx_measurement_item_get (last)->operator_name, ==, "J. Chen");
  }
  g_assert_cmpstr (pdx_mouse_page_get_text (page, "pct-change"), ==, "-20.0 % (day 21)");
  g_assert_cmpstr (pdx_mouse_page_get_text (page, "best-response"), ==, "-40.0 % (day 14)");
  g_assert_cmpstr (pdx_mouse_page_get_text (page, "best-avg-response"), ==, "-2.5 % (day 21)");
  g_assert_cmpstr (pdx_mouse_page_get_text (page, "mrecist"), ==, "Stable disease");
  g_assert_nonnull (strstr (pdx_mouse_page_get_text (page, "auc"), "2.10e+07"));
  text = pdx_mouse_page_get_text (page, "doubling-time");
  g_assert_nonnull (strstr (text, "not doubled by day 21"));
  g_assert_nonnull (strstr (pdx_mouse_page_get_text (page, "endpoint"), "No endpoint"));
  /* Both charts drew this mouse, with its arm's median. */
  g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
  for (int weight = 0; weight < 2; weight++)
    {
      PdxChartView *view = pdx_mouse_page_get_chart (page, weight);
      g_assert_nonnull (pdx_chart_view_get_chart (view));
      g_assert_cmpuint (pdx_chart_view_get_draw_count (view), >, 0);
      g_assert_null (pdx_chart_view_get_layout (view)->message);
    }

  /* The mouse measured on days 0 and 7: why BR, BAR and mRECIST are not there. */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "study.show-mouse", "x", thin);
  page = wait_mouse (f, thin);
  g_assert_cmpstr (pdx_mouse_page_get_title (page), ==, "Mouse H-02");
  g_assert_cmpstr (pdx_mouse_page_get_text (page, "best-response"), ==,
                   "not evaluable: needs 2 values from day 10 on, has 0");
  g_assert_cmpstr (pdx_mouse_page_get_text (page, "mrecist"), ==,
                   "not evaluable: needs 2 values from day 10 on, has 0");
  g_assert_cmpstr (pdx_mouse_page_get_text (page, "pct-change"), ==, "+50.0 % (day 7)");

  /* An endpoint recorded elsewhere shows on the open page. */
  pdx_test_add_endpoint (pdx_lab_get_db (f->lab), thin, today, PDX_ENDPOINT_HUMANE_NEURO);
  pdx_lab_dispatch_changes (f->lab);
  g_assert_true (pdx_test_wait_until (mouse_loaded_cb, page));
  g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
  g_assert_true (pdx_test_wait_until (mouse_loaded_cb, page));
  g_assert_nonnull (strstr (pdx_mouse_page_get_text (page, "endpoint"), "neurological"));

  /* Back: the tab it was opened from. */
  gtk_widget_activate_action (GTK_WIDGET (page), "mouse.back", NULL);
  g_assert_false (pdx_study_page_shows_mouse (f->page));
}

static gboolean
history_entry_of (PdxHistoryPage *history, const char *tag, guint *position)
{
  GListModel *model = pdx_history_page_get_model (history);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (GObject) entry = g_list_model_get_item (model, i);
      if (strstr (pdx_history_entry_get_text (entry, 2), tag) != NULL)
        {
          *position = i;
          return TRUE;
        }
    }
  return FALSE;
}

/* The four ways in: the Mice list, the sheet, a chart's mouse, the History's entry. */
static void
test_mouse_page_reached (PdxTestGui *f, gconstpointer data)
{
  PdxDb *db = pdx_lab_get_db (f->lab);
  gint64 study = pdx_test_gui_study_id (f, "ICR-017-A");
  g_autoptr (PdxMouse) a03 = pdx_mouse_find (db, study, "A-03", NULL);
  g_autoptr (PdxMouse) d02 =
      pdx_mouse_find (db, pdx_test_gui_study_id (f, "ICR-031-D"), "D-02", NULL);
  PdxMicePage          *mice = pdx_study_page_get_mice_page (f->page);
  PdxChartsPage        *charts;
  PdxChartView         *view;
  PdxHistoryPage       *history;
  PdxSheetRowWidget    *row;
  const PdxChartLayout *layout;
  guint                 position = 0;
  gint64                clicked = 0;

  g_assert_true (pdx_window_show_study (f->window, study));
  pdx_study_page_show_page (f->page, "mice");
  g_assert_true (pdx_test_wait_until (pdx_test_gui_mice_loaded_cb, mice));
  g_assert_true (pdx_mice_page_select (mice, "A-03"));
  gtk_widget_activate_action (GTK_WIDGET (mice), "mice.open", NULL);
  wait_mouse (f, a03->id);
  /* Escape goes back to the Mice tab. */
  gtk_widget_activate_action (GTK_WIDGET (pdx_study_page_get_mouse_page (f->page)), "mouse.back",
                              NULL);
  g_assert_false (pdx_study_page_shows_mouse (f->page));

  /* The sheet lists live mice: those of the planned study (ICR-017-A's have their endpoints). */
  row = pdx_test_gui_open_sheet_row (f, "ICR-031-D", "D-02");
  gtk_widget_activate_action (GTK_WIDGET (row), "sheetrow.open-mouse", NULL);
  wait_mouse (f, d02->id);
  g_assert_true (pdx_window_show_study (f->window, study));

  pdx_study_page_show_page (f->page, "charts");
  g_assert_false (pdx_study_page_shows_mouse (f->page));
  charts = pdx_study_page_get_charts_page (f->page);
  view = pdx_charts_page_get_view (charts);
  pdx_charts_page_set_kind (charts, PDX_CHART_SPIDER);
  g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
  layout = pdx_chart_view_get_layout (view);
  g_assert_nonnull (layout);
  /* The first mark of a mouse's curve, clicked: that mouse's page. */
  for (guint i = 0; i < layout->marks->len && clicked == 0; i++)
    {
      const PdxChartMark *mark = &g_array_index (layout->marks, PdxChartMark, i);
      if (mark->kind == PDX_CHART_MARK_POINT)
        clicked = pdx_chart_view_activate_at (view, mark->x0, mark->y0);
    }
  g_assert_cmpint (clicked, !=, 0);
  wait_mouse (f, clicked);

  history = pdx_test_gui_open_history (f);
  pdx_test_gui_filter_history (history, "A-03", NULL);
  g_assert_true (history_entry_of (history, "A-03", &position));
  g_assert_true (pdx_history_page_open_mouse (history, position));
  wait_mouse (f, a03->id);
  /* History of the mouse page: the History filtered by the mouse. */
  gtk_widget_activate_action (GTK_WIDGET (pdx_study_page_get_mouse_page (f->page)), "mouse.history",
                              NULL);
  g_assert_false (pdx_study_page_shows_mouse (f->page));
}

static PdxAddMeasurementDialog *
open_add (PdxMousePage *page)
{
  AdwMessageDialog *dialog = pdx_mouse_page_open_dialog (page, "add-measurement");

  g_assert_true (PDX_IS_ADD_MEASUREMENT_DIALOG (dialog));
  return PDX_ADD_MEASUREMENT_DIALOG (dialog);
}

static GtkEditable *
field (PdxAddMeasurementDialog *dialog, const char *name)
{
  return GTK_EDITABLE (
      gtk_widget_get_template_child (GTK_WIDGET (dialog), PDX_TYPE_ADD_MEASUREMENT_DIALOG, name));
}

static gboolean
dialog_gone_cb (gpointer data)
{
  GtkWidget **weak = data;

  return *weak == NULL;
}

/* The secondary readout of an intracranial BLI study: an MRI volume on day 14, added on the
 * mouse page, corrected with a reason, and bad input refused with the lab unchanged. */
static void
test_mouse_add_measurement (PdxTestGui *f, gconstpointer data)
{
  PdxDb *db = pdx_lab_get_db (f->lab);
  gint64 study;
  gint64 mouse = add_hand_mouse (f, "H-01", 4, &study);
  g_autoptr (PdxStudy) s = pdx_study_get (db, study, NULL);
  g_autofree char *day14 = day_date (s->day0, 14);
  g_autofree char *today = pdx_format_today ();
  g_autofree char *tomorrow = day_date (today, 1);
  g_autofree char *before = NULL, *after = NULL, *count_sql = NULL, *reason = NULL;
  g_autoptr (PdxMeasurement) stored = NULL;
  PdxAddMeasurementDialog *dialog;
  AdwMessageDialog        *confirm;
  PdxMousePage            *page;
  GtkWidget               *weak = NULL;

  g_assert_true (pdx_window_show_study (f->window, study));
  gtk_widget_activate_action (GTK_WIDGET (f->page), "study.show-mouse", "x", mouse);
  page = wait_mouse (f, mouse);

  /* Bad input: a letter for a digit; a day in the future. Nothing is written. */
  before = pdx_test_dump (db);
  dialog = open_add (page);
  gtk_editable_set_text (field (dialog, "date"), day14);
  /* The day's stored values fill the fields (BLI 6.0e5 on day 14). */
  g_assert_cmpstr (gtk_editable_get_text (field (dialog, "bli")), ==, "600000");
  gtk_editable_set_text (field (dialog, "mri"), "4O.5");
  g_assert_nonnull (strstr (pdx_add_measurement_dialog_get_problems (dialog), "not a number"));
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "save");
  g_assert_null (pdx_add_measurement_dialog_get_confirm_dialog (dialog));
  gtk_editable_set_text (field (dialog, "mri"), "40.5");
  gtk_editable_set_text (field (dialog, "weight"), "abc");
  gtk_editable_set_text (field (dialog, "neuro"), "9");
  /* Every problem, not only the first. */
  g_assert_nonnull (strstr (pdx_add_measurement_dialog_get_problems (dialog), "not a number"));
  g_assert_nonnull (strstr (pdx_add_measurement_dialog_get_problems (dialog), "0 to 4"));
  gtk_editable_set_text (field (dialog, "weight"), "");
  gtk_editable_set_text (field (dialog, "neuro"), "");
  gtk_editable_set_text (field (dialog, "date"), tomorrow);
  gtk_editable_set_text (field (dialog, "mri"), "40.5");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "save");
  g_assert_nonnull (strstr (pdx_add_measurement_dialog_get_problems (dialog), "future"));
  after = pdx_test_dump (db);
  g_assert_cmpstr (before, ==, after);

  /* Day 14's MRI volume, new: no reason asked. */
  gtk_editable_set_text (field (dialog, "date"), day14);
  gtk_editable_set_text (field (dialog, "mri"), "40.5");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save"));
  g_set_weak_pointer (&weak, GTK_WIDGET (dialog));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "save");
  g_assert_true (pdx_test_wait_until (dialog_gone_cb, &weak));
  stored = pdx_measurement_find (db, mouse, day14, NULL);
  g_assert_cmpfloat (stored->mri_volume_mm3, ==, 40.5);
  g_assert_cmpfloat (stored->bli_flux, ==, 6.0e5); /* the BLI of the day kept exactly */
  g_clear_pointer (&stored, pdx_measurement_free);

  /* Corrected to 38.25: a saved value changes, so why is asked; the reason is in the trail. */
  dialog = open_add (page);
  gtk_editable_set_text (field (dialog, "date"), day14);
  g_assert_cmpstr (gtk_editable_get_text (field (dialog, "mri")), ==, "40.5");
  gtk_editable_set_text (field (dialog, "mri"), "38.25");
  g_set_weak_pointer (&weak, GTK_WIDGET (dialog));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "save");
  confirm = pdx_add_measurement_dialog_get_confirm_dialog (dialog);
  g_assert_true (PDX_IS_REASON_DIALOG (confirm));
  g_assert_false (adw_message_dialog_get_response_enabled (confirm, "save"));
  gtk_check_button_set_active (pdx_reason_dialog_get_choice (PDX_REASON_DIALOG (confirm), 0), TRUE);
  adw_message_dialog_response (confirm, "save");
  g_assert_true (pdx_test_wait_until (dialog_gone_cb, &weak));
  stored = pdx_measurement_find (db, mouse, day14, NULL);
  g_assert_cmpfloat (stored->mri_volume_mm3, ==, 38.25);
  count_sql = g_strdup_printf ("SELECT reason FROM audit_log WHERE table_name = 'measurement' "
                               "AND row_id = %" G_GINT64_FORMAT " ORDER BY id DESC LIMIT 1",
                               stored->id);
  reason = pdx_test_query_string (db, count_sql);
  g_assert_cmpstr (reason, ==, "Transcription error");
  /* The page follows: the table shows the corrected volume. */
  g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
  g_assert_true (pdx_test_wait_until (mouse_loaded_cb, page));
  {
    g_autoptr (PdxMeasurementItem) item =
        g_list_model_get_item (pdx_mouse_page_get_measurements (page), 2);
    g_assert_cmpfloat (pdx_measurement_item_get (item)->mri_volume_mm3, ==, 38.25);
  }
}

/* ---- the corrections' buttons ---------------------------------------------------------------- */

/* The first button under @root whose action is @action (and, when @target is not 0, whose
 * target is @target); NULL when none is shown. */
static GtkWidget *
find_button (GtkWidget *root, const char *action, gint64 target)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) &&
          g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (child)), action) == 0)
        {
          GVariant *value = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (child));

          if (target == 0 || (value != NULL && g_variant_get_int64 (value) == target))
            return child;
        }
      if ((found = find_button (child, action, target)) != NULL)
        return found;
    }
  return NULL;
}

/* The Exclude Measurement form a button opened (the toplevel of that type). */
static PdxExcludeMeasurementDialog *
find_exclude_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels (); /* borrowed */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (toplevels, i);
      if (PDX_IS_EXCLUDE_MEASUREMENT_DIALOG (window) &&
          gtk_widget_get_visible (GTK_WIDGET (window)))
        return PDX_EXCLUDE_MEASUREMENT_DIALOG (window);
    }
  return NULL;
}

static gboolean
no_exclude_dialog_cb (gpointer data)
{
  return find_exclude_dialog () == NULL;
}

typedef struct
{
  PdxMousePage *page;
  guint         row;
  gboolean      excluded;
} RowWait;

/* A PdxTestCondition: the page, loaded, shows row @row as excluded (or not). */
static gboolean
row_exclusion_is_cb (gpointer data)
{
  RowWait *wait = data;
  g_autoptr (PdxMeasurementItem) item = NULL;

  if (!mouse_loaded_cb (wait->page) ||
      g_list_model_get_n_items (pdx_mouse_page_get_measurements (wait->page)) <= wait->row)
    return FALSE;
  item = g_list_model_get_item (pdx_mouse_page_get_measurements (wait->page), wait->row);
  return (pdx_measurement_item_get_exclusion_reason (item) != NULL) == wait->excluded;
}

/* Clicks the Exclude…/Include… button of measurement @id, gives @reason and applies. */
static void
click_exclusion (PdxMousePage *page, gint64 id, const char *label, const char *reason)
{
  GtkWidget                   *button = NULL;
  PdxExcludeMeasurementDialog *dialog;
  GtkEditable                 *entry;

  /* The form of a click before is gone once answered. */
  g_assert_true (pdx_test_wait_until (no_exclude_dialog_cb, NULL));
  g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
  button = find_button (GTK_WIDGET (page), "mouse.exclude-measurement", id);
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, label);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  dialog = find_exclude_dialog ();
  g_assert_nonnull (dialog);
  entry = GTK_EDITABLE (gtk_widget_get_template_child (
      GTK_WIDGET (dialog), PDX_TYPE_EXCLUDE_MEASUREMENT_DIALOG, "reason"));
  /* No reason, no apply. */
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "apply"));
  gtk_editable_set_text (entry, reason);
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "apply"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "apply");
  /* A click on the response's button also closes the form; the response alone does not. */
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* One measurement excluded with its row's button and included again (issue #13), end to end:
 * the lab's two columns and the audit entry's reason, the row, and the metrics worked again.
 * By hand (SPEC §4): without day 14 the mouse has one value from day 10 on (day 21), so BR,
 * BAR and mRECIST are not evaluable ("needs 2 values from day 10 on, has 1"); %ΔV at day 21
 * stays −20 %. Included again, BR is −40 % on day 14 as before. Then the endpoint button says
 * it corrects, and on a locked study every correction's button is insensitive with the lock
 * as tooltip. */
static void
test_mouse_corrections (PdxTestGui *f, gconstpointer data)
{
  PdxDb *db = pdx_lab_get_db (f->lab);
  gint64 study;
  gint64 mouse = add_hand_mouse (f, "H-01", 4, &study);
  g_auto (PdxAuthResult) none = { FALSE, g_strdup ("not re-authenticated: test") };
  const char *const corrections[] = { "mouse.add-measurement", "mouse.endpoint", "mouse.edit",
                                      "mouse.exclude" };
  g_autofree char  *sql = NULL, *audit_reason = NULL, *today = pdx_format_today ();
  g_autofree char  *why = NULL;
  gboolean          excluded = FALSE;
  PdxMousePage     *page;
  GtkWidget        *button;
  gint64            id;

  g_assert_true (pdx_window_show_study (f->window, study));
  gtk_widget_activate_action (GTK_WIDGET (f->page), "study.show-mouse", "x", mouse);
  page = wait_mouse (f, mouse);
  {
    g_autoptr (PdxMeasurementItem) day14 =
        g_list_model_get_item (pdx_mouse_page_get_measurements (page), 2);
    g_assert_cmpint (pdx_measurement_item_get_day (day14), ==, 14);
    g_assert_null (pdx_measurement_item_get_exclusion_reason (day14));
    id = pdx_measurement_item_get (day14)->id;
  }
  button = find_button (GTK_WIDGET (page), "mouse.edit", 0);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "E_dit Mouse…");
  button = find_button (GTK_WIDGET (page), "mouse.endpoint", 0);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "_Endpoint…");

  click_exclusion (page, id, "Exclude…", "imaging failure");
  g_assert_true (pdx_test_wait_until (row_exclusion_is_cb, &(RowWait){ page, 2, TRUE }));
  g_assert_true (pdx_measurement_get_exclusion (db, id, &excluded, &why, NULL));
  g_assert_true (excluded);
  g_assert_cmpstr (why, ==, "imaging failure");
  sql = g_strdup_printf ("SELECT reason FROM audit_log WHERE table_name = 'measurement' AND "
                         "row_id = %" G_GINT64_FORMAT " ORDER BY id DESC LIMIT 1",
                         id);
  audit_reason = pdx_test_query_string (db, sql);
  g_assert_cmpstr (audit_reason, ==, "imaging failure");
  g_assert_cmpstr (pdx_mouse_page_get_text (page, "best-response"), ==,
                   "not evaluable: needs 2 values from day 10 on, has 1");
  g_assert_cmpstr (pdx_mouse_page_get_text (page, "mrecist"), ==,
                   "not evaluable: needs 2 values from day 10 on, has 1");
  g_assert_cmpstr (pdx_mouse_page_get_text (page, "pct-change"), ==, "-20.0 % (day 21)");

  click_exclusion (page, id, "Include…", "re-read: the image was fine");
  g_assert_true (pdx_test_wait_until (row_exclusion_is_cb, &(RowWait){ page, 2, FALSE }));
  g_clear_pointer (&why, g_free);
  g_assert_true (pdx_measurement_get_exclusion (db, id, &excluded, &why, NULL));
  g_assert_false (excluded);
  g_clear_pointer (&audit_reason, g_free);
  audit_reason = pdx_test_query_string (db, sql);
  g_assert_cmpstr (audit_reason, ==, "re-read: the image was fine");
  g_assert_cmpstr (pdx_mouse_page_get_text (page, "best-response"), ==, "-40.0 % (day 14)");

  /* An endpoint: the button corrects it. */
  pdx_test_add_endpoint (db, mouse, today, PDX_ENDPOINT_END_OF_STUDY);
  pdx_lab_dispatch_changes (f->lab);
  g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
  g_assert_true (pdx_test_wait_until (mouse_loaded_cb, page));
  button = find_button (GTK_WIDGET (page), "mouse.endpoint", 0);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "_Correct Endpoint…");

  /* Locked: every correction off, the lock named where the button is. */
  g_assert_true (pdx_study_sign (db, study, PDX_SIGNATURE_LOCK, "final data", &none, NULL, NULL));
  pdx_lab_dispatch_changes (f->lab);
  g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
  g_assert_true (pdx_test_wait_until (mouse_loaded_cb, page));
  g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (corrections) + 1; i++)
    {
      button = i < G_N_ELEMENTS (corrections)
                   ? find_button (GTK_WIDGET (page), corrections[i], 0)
                   : find_button (GTK_WIDGET (page), "mouse.exclude-measurement", id);
      g_assert_nonnull (button);
      g_assert_false (gtk_widget_is_sensitive (button));
      g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (button), "is locked"));
      g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (button), "final data"));
    }
}

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

static gboolean
width_is_cb (gpointer data)
{
  PdxTestGui *f = data;
  int         width = gtk_widget_get_width (GTK_WIDGET (f->window));
  int         asked = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (f->window), "pdx-test-width"));

  /* The client-side decorations' margin is the only difference. */
  return ABS (width - asked) <= 12;
}

/* The page of demo mouse A-03 at three window sizes, for a person to look at. */
static void
test_mouse_screenshot (PdxTestGui *f, gconstpointer data)
{
  static const int sizes[][2] = { { 1440, 900 }, { 1280, 720 }, { 800, 720 } };
  PdxDb           *db = pdx_lab_get_db (f->lab);
  gint64           study = pdx_test_gui_study_id (f, "ICR-017-A");
  g_autoptr (PdxMouse) a03 = pdx_mouse_find (db, study, "A-03", NULL);
  const char *dir = g_getenv ("PDX_TEST_SCREENSHOT_DIR");

  g_assert_true (pdx_window_show_study (f->window, study));
  gtk_widget_activate_action (GTK_WIDGET (f->page), "study.show-mouse", "x", a03->id);
  wait_mouse (f, a03->id);
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *name = g_strdup_printf ("gui-mouse-%d.png", sizes[i][0]);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_object_set_data (G_OBJECT (f->window), "pdx-test-width", GINT_TO_POINTER (sizes[i][0]));
      gtk_window_set_default_size (GTK_WINDOW (f->window), sizes[i][0], sizes[i][1]);
      /* The window cannot be narrower than its content asks: 800 px is what study pages must
       * fit (issue #13). */
      g_assert_true (pdx_test_wait_until (width_is_cb, f));
      pdx_test_spin (400); /* the charts' and rows' layout: no signal says "painted" */
      save_window_png (GTK_WIDGET (f->window), path);
    }
}

int
main (int argc, char *argv[])
{
  pdx_test_gui_init (&argc, &argv);
  PDX_TEST_GUI_ADD ("mouse/shows", test_mouse_page_shows);
  PDX_TEST_GUI_ADD ("mouse/reached", test_mouse_page_reached);
  PDX_TEST_GUI_ADD ("mouse/add-measurement", test_mouse_add_measurement);
  PDX_TEST_GUI_ADD ("mouse/corrections", test_mouse_corrections);
  if (g_getenv ("PDX_TEST_SCREENSHOT_DIR") != NULL)
    PDX_TEST_GUI_ADD ("mouse/screenshot", test_mouse_screenshot);
  return g_test_run ();
}
