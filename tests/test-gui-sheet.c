/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui-sheet.c — the bench sheet's save driven in-process under Xvfb with real widgets:
 * only the changed cells are written (stored precision and readouts the sheet does not show
 * kept), other programs' commits are seen when the window becomes active and a save of a row
 * they changed is refused, impossible values block Save, unusual ones are confirmed, and
 * future dates are refused. Each test makes its own demo lab and asserts on the database. */
#include <adwaita.h>
#include <locale.h>
#include <math.h>

#include "pdx-test-util.h"
#include "pdx-test-gui.h"
#include "pdx-reason-dialog.h"
#include "pdx-gui-format.h"
#include "pdx-gui-settings.h"
#include "pdx-window.h"
#include "pdx/pdx-i18n.h"

#define STUDY "ICR-031-D" /* BLI readout: the sheet shows BLI, weight, neuro, note */

typedef struct
{
  GSettings       *settings;
  PdxWindow       *window;
  PdxLab          *lab;
  PdxStudyPage    *page;
  PdxMeasureSheet *sheet;
  char            *today;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  f->settings = pdx_gui_settings_new ();
  g_settings_set_string (f->settings, "operator", "sheet-test");
  f->window = pdx_window_new (NULL, f->settings);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 720);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (pdx_window_open_demo (f->window));
  f->lab = g_object_ref (pdx_window_get_lab (f->window));
  f->page = pdx_window_get_study_page (f->window);
  f->sheet = pdx_study_page_get_measure_sheet (f->page);
  f->today = pdx_format_today ();
  g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  AdwMessageDialog *dialog = pdx_measure_sheet_get_confirm_dialog (f->sheet);

  if (dialog != NULL)
    adw_message_dialog_response (dialog, "cancel");
  if (pdx_study_page_has_unsaved (f->page))
    pdx_study_page_discard (f->page);
  gtk_window_destroy (GTK_WINDOW (f->window));
  pdx_test_wait_until (pdx_test_main_loop_idle, NULL);
  g_clear_object (&f->lab);
  g_clear_object (&f->settings);
  g_free (f->today);
}

static PdxDb *
db_of (Fixture *f)
{
  return pdx_lab_get_db (f->lab);
}

static gint64
mouse_id (Fixture *f, const char *code, const char *tag)
{
  g_autoptr (PdxStudy) study = pdx_study_find (db_of (f), code, NULL);
  g_autoptr (PdxMouse) mouse = pdx_mouse_find (db_of (f), study->id, tag, NULL);

  g_assert_nonnull (mouse);
  return mouse->id;
}

static PdxMeasurement *
stored (Fixture *f, const char *code, const char *tag)
{
  g_autoptr (GError) error = NULL;
  PdxMeasurement *m = pdx_measurement_find (db_of (f), mouse_id (f, code, tag), f->today, &error);

  g_assert_no_error (error);
  return m;
}

typedef struct
{
  PdxMeasureSheet *sheet;
  const char      *tag;
  PdxSheetField    field;
  const char      *text; /* NULL: the row is bound */
} RowWait;

static gboolean
row_shows_cb (gpointer data)
{
  RowWait           *wait = data;
  PdxSheetRowWidget *row = pdx_measure_sheet_find_row_widget (wait->sheet, wait->tag);

  if (row == NULL || wait->text == NULL)
    return row != NULL;
  return g_strcmp0 (gtk_editable_get_text (
                        GTK_EDITABLE (pdx_sheet_row_widget_get_entry (row, wait->field))),
                    wait->text) == 0;
}

static PdxSheetRowWidget *
open_row (Fixture *f, const char *code, const char *tag)
{
  g_autoptr (PdxStudy) study = pdx_study_find (db_of (f), code, NULL);
  RowWait wait = { f->sheet, tag, 0, NULL };

  g_assert_true (pdx_window_show_study (f->window, study->id));
  pdx_study_page_show_page (f->page, "measure");
  g_assert_true (pdx_test_wait_until (row_shows_cb, &wait));
  return pdx_measure_sheet_find_row_widget (f->sheet, tag);
}

static void
type_cell (PdxSheetRowWidget *row, PdxSheetField field, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (pdx_sheet_row_widget_get_entry (row, field)), text);
}

static const char *
status_of (PdxSheetRowWidget *row)
{
  return gtk_label_get_text (GTK_LABEL (pdx_sheet_row_widget_get_status_label (row)));
}

/* Stores a measurement for mouse @tag today, as an import or another program would. */
static void
store_today (Fixture    *f,
             const char *code,
             const char *tag,
             double      bli,
             double      volume,
             double      mri,
             double      weight)
{
  g_autoptr (PdxMeasurement) m = pdx_measurement_new ();
  g_autoptr (GError) error = NULL;

  m->mouse_id = mouse_id (f, code, tag);
  m->date = g_strdup (f->today);
  m->bli_flux = bli;
  m->volume_mm3 = volume;
  m->mri_volume_mm3 = mri;
  m->weight_g = weight;
  g_assert_true (pdx_measurement_insert (db_of (f), m, &error));
  g_assert_no_error (error);
}

/* Finding 2: editing only the weight keeps the stored BLI to the photon (the sheet shows it
 * rounded) and the readouts this sheet does not show (an MRI volume, a tumour volume). */
static void
test_weight_only_keeps_stored_values (Fixture *f, gconstpointer data)
{
  PdxSheetRowWidget *row;
  g_autoptr (PdxMeasurement) m = NULL;

  store_today (f, STUDY, "D-01", 39654321, 312.5, 41.25, 22.0);
  row = open_row (f, STUDY, "D-01");
  type_cell (row, PDX_SHEET_WEIGHT, "21.5");
  g_assert_true (pdx_test_gui_save_with_reason (f->sheet, 1));
  m = stored (f, STUDY, "D-01");
  g_assert_cmpfloat (m->weight_g, ==, 21.5);
  g_assert_cmpfloat (m->bli_flux, ==, 39654321);
  g_assert_cmpfloat (m->mri_volume_mm3, ==, 41.25);
  g_assert_cmpfloat (m->volume_mm3, ==, 312.5);
  /* Shown to six digits, stored to the photon. */
  row = pdx_measure_sheet_find_row_widget (f->sheet, "D-01");
  g_assert_cmpstr (
      gtk_editable_get_text (GTK_EDITABLE (pdx_sheet_row_widget_get_entry (row, PDX_SHEET_BLI))),
      ==, "3.96543e+07");
}

/* Finding 2: on a caliper sheet, a row holding only a tumour volume (an imported PDXE
 * measurement) shows it, and keeps it when the weight is edited. */
static void
test_volume_only_row_keeps_volume (Fixture *f, gconstpointer data)
{
  gint64 study = pdx_test_add_study (db_of (f), "PDXE-1", PDX_READOUT_CALIPER_VOLUME, "2020-01-01");
  PdxSheetRowWidget *row;
  g_autoptr (PdxMeasurement) m = NULL;

  pdx_test_add_mouse (db_of (f), study, 0, "X-1", "2019-12-01");
  store_today (f, "PDXE-1", "X-1", NAN, 312.5, NAN, 20.0);
  row = open_row (f, "PDXE-1", "X-1");
  g_assert_cmpfloat (pdx_sheet_row_get_volume (pdx_sheet_row_widget_get_row (row)), ==, 312.5);
  type_cell (row, PDX_SHEET_WEIGHT, "19.5");
  g_assert_true (pdx_test_gui_save_with_reason (f->sheet, 1));
  m = stored (f, "PDXE-1", "X-1");
  g_assert_cmpfloat (m->weight_g, ==, 19.5);
  g_assert_cmpfloat (m->volume_mm3, ==, 312.5);
}

/* Runs the real CLI on the open lab, importing one measurement row; asserts it succeeded. */
static void
cli_import (Fixture *f, const char *tag, const char *weight)
{
  g_autofree char *csv =
      g_strdup_printf ("study,mouse,date,weight_g\n" STUDY ",%s,%s,%s\n", tag, f->today, weight);
  g_autofree char *file = pdx_test_write_file ("outside.csv", csv, -1);
  const char      *argv[] = { g_getenv ("PDXTRACK_CLI"),
                              "--db",
                              pdx_lab_get_path (f->lab),
                              "import",
                              "measurements",
                              file,
                              NULL };
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr (GError) error = NULL;
  int status = 0;

  g_assert_nonnull (argv[0]);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                               &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("pdxtrack-cli failed: %s", err);
}

/* The window loses and regains focus, as when the person comes back from a terminal. */
static void
refocus (Fixture *f)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (f->window));

  g_assert_true (gtk_window_is_active (GTK_WINDOW (f->window)));
  /* GTK 4.8 has no public API to synthesise focus events: what GTK does on focus-in is to
   * notify :is-active, which the sheet listens to. */
  g_assert_nonnull (surface);
  g_object_notify (G_OBJECT (f->window), "is-active");
}

/* Finding 3: a measurement the CLI writes while the app is open is shown once the window is
 * active again; a save of a row the CLI changed since it was loaded is refused naming the
 * mouse and the change, and the CLI's value stays. */
static void
test_outside_change (Fixture *f, gconstpointer data)
{
  PdxSheetRowWidget *d1 = open_row (f, STUDY, "D-01");
  PdxSheetRowWidget *d2 = pdx_measure_sheet_find_row_widget (f->sheet, "D-02");
  RowWait            shown = { f->sheet, "D-01", PDX_SHEET_WEIGHT, "22.4" };
  g_autoptr (PdxMeasurement) m = NULL;
  g_autoptr (PdxDb) other = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *before = NULL, *after = NULL;

  g_assert_cmpstr (
      gtk_editable_get_text (GTK_EDITABLE (pdx_sheet_row_widget_get_entry (d1, PDX_SHEET_WEIGHT))),
      ==, "");
  type_cell (d2, PDX_SHEET_WEIGHT, "21.9"); /* unsaved, survives the reload */
  cli_import (f, "D-01", "22.4");
  refocus (f);
  g_assert_true (pdx_test_wait_until (row_shows_cb, &shown));
  d2 = pdx_measure_sheet_find_row_widget (f->sheet, "D-02");
  g_assert_cmpstr (
      gtk_editable_get_text (GTK_EDITABLE (pdx_sheet_row_widget_get_entry (d2, PDX_SHEET_WEIGHT))),
      ==, "21.9");

  /* The CLI records D-02 while the sheet holds an edit of it: the save is refused. */
  cli_import (f, "D-02", "22.6");
  before = pdx_test_dump (db_of (f));
  g_assert_false (pdx_measure_sheet_save (f->sheet));
  after = pdx_test_dump (db_of (f));
  g_assert_cmpstr (before, ==, after);
  d2 = pdx_measure_sheet_find_row_widget (f->sheet, "D-02");
  g_assert_nonnull (strstr (status_of (d2), "Not saved: mouse D-02’s measurement for"));
  g_assert_nonnull (strstr (status_of (d2), "was recorded by another program"));

  /* Reloaded, the row shows the CLI's value; edited again, another connection corrects it. */
  gtk_widget_activate_action (GTK_WIDGET (f->sheet), "sheet.reload", NULL);
  shown = (RowWait){ f->sheet, "D-02", PDX_SHEET_WEIGHT, "22.6" };
  g_assert_true (pdx_test_wait_until (row_shows_cb, &shown));
  d2 = pdx_measure_sheet_find_row_widget (f->sheet, "D-02");
  type_cell (d2, PDX_SHEET_WEIGHT, "21.9");
  other = pdx_db_open (pdx_lab_get_path (f->lab), PDX_DB_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  m = pdx_measurement_find (other, mouse_id (f, STUDY, "D-02"), f->today, &error);
  m->weight_g = 22.4;
  pdx_db_set_reason (other, "re-weighed");
  g_assert_true (pdx_measurement_update (other, m, &error));
  /* The edit changes a saved weight: asked why, then refused for the conflict. */
  g_assert_false (pdx_test_gui_save_with_reason (f->sheet, 1));
  d2 = pdx_measure_sheet_find_row_widget (f->sheet, "D-02");
  g_assert_nonnull (strstr (status_of (d2), "Not saved: mouse D-02’s body weight was changed "
                                            "to 22.4 g by another program since this sheet was "
                                            "loaded (you entered 21.9 g)"));
  g_clear_pointer (&m, pdx_measurement_free);
  m = stored (f, STUDY, "D-02");
  g_assert_cmpfloat (m->weight_g, ==, 22.4);
}

/* The refused save's row found under German too: the sheet takes the row from the save's
 * index (pdx_sheet_save_full), not from matching "mouse D-02’s" in the (now German) message. */
static void
test_outside_change_german (Fixture *f, gconstpointer data)
{
  PdxSheetRowWidget *d2 = open_row (f, STUDY, "D-02");
  g_autofree char   *messages = g_strdup (setlocale (LC_MESSAGES, NULL));
  g_autofree char   *status = NULL;

  type_cell (d2, PDX_SHEET_WEIGHT, "21.9");
  cli_import (f, "D-02", "22.6");
  pdx_i18n_init (); /* the build tree's catalogues (PDX_LOCALEDIR) */
  g_assert_nonnull (setlocale (LC_MESSAGES, "de_DE.UTF-8"));
  g_setenv ("LANGUAGE", "de", TRUE);
  g_assert_false (pdx_measure_sheet_save (f->sheet));
  d2 = pdx_measure_sheet_find_row_widget (f->sheet, "D-02");
  status = g_strdup (status_of (d2));
  g_unsetenv ("LANGUAGE");
  setlocale (LC_MESSAGES, messages);
  g_assert_true (g_str_has_prefix (status, "Nicht gespeichert: Die Messung von Maus D-02 für "));
  g_assert_nonnull (strstr (status, "von einem anderen Programm erfasst"));
}

/* Finding 5, sheet side: an impossible value is an error on its cell and blocks Save. */
static void
test_implausible_blocks_save (Fixture *f, gconstpointer data)
{
  PdxSheetRowWidget *row = open_row (f, STUDY, "D-03");
  GtkWidget         *weight = pdx_sheet_row_widget_get_entry (row, PDX_SHEET_WEIGHT);
  GtkWidget         *bli = pdx_sheet_row_widget_get_entry (row, PDX_SHEET_BLI);
  g_autofree char   *before = pdx_test_dump (db_of (f));
  g_autofree char   *after = NULL;

  type_cell (row, PDX_SHEET_WEIGHT, "250");
  g_assert_true (gtk_widget_has_css_class (weight, "error"));
  g_assert_nonnull (strstr (status_of (row), "Body weight 250 g is impossible"));
  g_assert_false (pdx_measure_sheet_save (f->sheet));
  type_cell (row, PDX_SHEET_WEIGHT, "21");
  type_cell (row, PDX_SHEET_BLI, "1e200");
  g_assert_true (gtk_widget_has_css_class (bli, "error"));
  g_assert_nonnull (strstr (status_of (row), "impossible"));
  g_assert_false (pdx_measure_sheet_save (f->sheet));
  g_assert_null (pdx_measure_sheet_get_confirm_dialog (f->sheet));
  after = pdx_test_dump (db_of (f));
  g_assert_cmpstr (before, ==, after);
}

/* Finding 5, sheet side: an unusual value is saved only after Save Anyway. */
static void
test_unusual_asks (Fixture *f, gconstpointer data)
{
  PdxSheetRowWidget *row = open_row (f, STUDY, "D-04");
  AdwMessageDialog  *dialog;
  g_autofree char   *before = pdx_test_dump (db_of (f));
  g_autofree char   *after = NULL;
  g_autoptr (PdxMeasurement) m = NULL;

  type_cell (row, PDX_SHEET_WEIGHT, "75");
  g_assert_false (pdx_measure_sheet_save (f->sheet));
  dialog = pdx_measure_sheet_get_confirm_dialog (f->sheet);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (status_of (row), "unusual"));
  g_assert_nonnull (
      strstr (adw_message_dialog_get_body (dialog), "Mouse D-04: body weight 75 g is unusual"));
  adw_message_dialog_response (dialog, "cancel");
  g_assert_null (pdx_measure_sheet_get_confirm_dialog (f->sheet));
  after = pdx_test_dump (db_of (f));
  g_assert_cmpstr (before, ==, after);

  g_assert_false (pdx_measure_sheet_save (f->sheet));
  dialog = pdx_measure_sheet_get_confirm_dialog (f->sheet);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "save");
  m = stored (f, STUDY, "D-04");
  g_assert_nonnull (m);
  g_assert_cmpfloat (m->weight_g, ==, 75);
  g_assert_false (pdx_measure_sheet_has_unsaved (f->sheet));
}

static gboolean
widget_visible_cb (gpointer data)
{
  return gtk_widget_get_visible (data);
}

static GtkWidget *
find_label (GtkWidget *widget, const char *prefix)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_LABEL (child) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (child)), prefix))
        return child;
      if ((found = find_label (child, prefix)) != NULL)
        return found;
    }
  return NULL;
}

/* Finding 5, sheet side: a future date can be neither typed, stepped to, nor picked. */
static void
test_future_date_refused (Fixture *f, gconstpointer data)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GDateTime) later = g_date_time_add_days (now, 43);
  g_autoptr (GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autofree char *future = g_date_time_format (later, "%Y-%m-%d");
  GtkMenuButton   *button;
  GtkWidget       *popover, *label;

  open_row (f, STUDY, "D-01");
  g_assert_false (pdx_measure_sheet_set_date (f->sheet, future));
  g_assert_cmpstr (pdx_measure_sheet_get_date (f->sheet), ==, f->today);
  gtk_widget_activate_action (GTK_WIDGET (f->sheet), "sheet.next-day", NULL);
  pdx_test_wait_until (pdx_test_main_loop_idle, NULL);
  g_assert_cmpstr (pdx_measure_sheet_get_date (f->sheet), ==, f->today);

  button = pdx_measure_sheet_get_calendar_button (f->sheet);
  gtk_menu_button_popup (button);
  popover = GTK_WIDGET (gtk_menu_button_get_popover (button));
  g_assert_true (pdx_test_wait_until (widget_visible_cb, popover));
  gtk_calendar_select_day (pdx_measure_sheet_get_calendar (f->sheet), tomorrow);
  pdx_test_wait_until (pdx_test_main_loop_idle, NULL);
  g_assert_cmpstr (pdx_measure_sheet_get_date (f->sheet), ==, f->today);
  label = find_label (popover, "Days after today cannot be picked");
  g_assert_nonnull (label);
  g_assert_true (gtk_widget_get_visible (label));
  gtk_menu_button_popdown (button);
}

/* ---- the reason for changing saved values (issue 12, "Why") ------------------------------- */

/* With $PDX_TEST_SCREENSHOT_DIR set, the dialog is rendered to reason-dialog.png there (to look
 * at; nothing is compared). */
static void
screenshot (GtkWidget *widget)
{
  const char      *dir = g_getenv ("PDX_TEST_SCREENSHOT_DIR");
  g_autofree char *path = NULL;
  g_autoptr (GdkPaintable) paintable = NULL;
  g_autoptr (GtkSnapshot) snapshot = NULL;
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  int w, h;

  if (dir == NULL)
    return;
  g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
  pdx_test_spin (300); /* no condition says "painted": the dialog's first frame */
  w = gtk_widget_get_width (widget);
  h = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), w, h);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, w, h));
  path = g_build_filename (dir, "reason-dialog.png", NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

/* D-01 (weight 22, BLI 3.9e7) and D-02 (weight 20) saved today; the edits change D-01's weight,
 * clear its BLI, change D-02's weight and give D-03 a new weight. */
static void
type_reason_edits (Fixture *f)
{
  PdxSheetRowWidget *row;

  store_today (f, STUDY, "D-01", 3.9e7, NAN, NAN, 22.0);
  store_today (f, STUDY, "D-02", NAN, NAN, NAN, 20.0);
  row = open_row (f, STUDY, "D-01");
  type_cell (row, PDX_SHEET_WEIGHT, "21.5");
  type_cell (row, PDX_SHEET_BLI, "");
  type_cell (pdx_measure_sheet_find_row_widget (f->sheet, "D-02"), PDX_SHEET_WEIGHT, "19");
  type_cell (pdx_measure_sheet_find_row_widget (f->sheet, "D-03"), PDX_SHEET_WEIGHT, "21");
}

static gint64
last_audit_id (Fixture *f)
{
  g_autofree char *text = pdx_test_query_string (db_of (f), "SELECT max (id) FROM audit_log");

  return g_ascii_strtoll (text, NULL, 10);
}

/* A save that changes saved values asks once, saying how many and which; Save waits for a
 * reason (Other needs its text); the reason is on each audit entry of the save. */
static void
test_reason_asked_once (Fixture *f, gconstpointer data)
{
  AdwMessageDialog *dialog;
  PdxReasonDialog  *reason;
  g_autofree char  *where = NULL;
  g_autoptr (PdxMeasurement) d1 = NULL;
  gint64 last;

  type_reason_edits (f);
  last = last_audit_id (f);
  g_assert_false (pdx_measure_sheet_save (f->sheet));
  dialog = pdx_measure_sheet_get_confirm_dialog (f->sheet);
  g_assert_true (PDX_IS_REASON_DIALOG (dialog));
  reason = PDX_REASON_DIALOG (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog),
                            "3 saved values change: 2 weights, 1 BLI flux."));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));
  gtk_check_button_set_active (pdx_reason_dialog_get_choice (reason, 3), TRUE);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));
  gtk_editable_set_text (pdx_reason_dialog_get_other_entry (reason), "   ");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));
  /* Enter on an empty reason says one is needed; the question stays, nothing is written. */
  g_assert_false (pdx_reason_dialog_says_needed (reason));
  g_signal_emit_by_name (pdx_reason_dialog_get_other_entry (reason), "activate");
  g_assert_true (pdx_reason_dialog_says_needed (reason));
  g_assert_true (pdx_measure_sheet_get_confirm_dialog (f->sheet) == dialog);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_cmpint (last_audit_id (f), ==, last);
  gtk_editable_set_text (pdx_reason_dialog_get_other_entry (reason), " scale recalibrated ");
  g_assert_false (pdx_reason_dialog_says_needed (reason));
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "save"));
  screenshot (GTK_WIDGET (dialog));
  g_assert_cmpint (last_audit_id (f), ==, last); /* nothing written while asking */
  adw_message_dialog_response (dialog, "save");
  g_assert_null (pdx_measure_sheet_get_confirm_dialog (f->sheet));
  g_assert_false (pdx_measure_sheet_has_unsaved (f->sheet));
  where = g_strdup_printf ("audit_log WHERE id > %" G_GINT64_FORMAT, last);
  g_assert_cmpint (pdx_test_count (db_of (f), where), ==, 3); /* 2 updates, 1 insert */
  g_free (where);
  where = g_strdup_printf (
      "audit_log WHERE id > %" G_GINT64_FORMAT " AND reason = 'scale recalibrated'", last);
  g_assert_cmpint (pdx_test_count (db_of (f), where), ==, 3);
  d1 = stored (f, STUDY, "D-01");
  g_assert_cmpfloat (d1->weight_g, ==, 21.5);
  g_assert_true (isnan (d1->bli_flux));
}

/* Cancel keeps the edits, unsaved; nothing is written. */
static void
test_reason_cancel_keeps_edits (Fixture *f, gconstpointer data)
{
  g_autofree char  *before = NULL, *after = NULL;
  AdwMessageDialog *dialog;

  type_reason_edits (f);
  before = pdx_test_dump (db_of (f));
  g_assert_false (pdx_measure_sheet_save (f->sheet));
  dialog = pdx_measure_sheet_get_confirm_dialog (f->sheet);
  g_assert_true (PDX_IS_REASON_DIALOG (dialog));
  gtk_check_button_set_active (pdx_reason_dialog_get_choice (PDX_REASON_DIALOG (dialog), 0), TRUE);
  adw_message_dialog_response (dialog, "cancel");
  g_assert_null (pdx_measure_sheet_get_confirm_dialog (f->sheet));
  after = pdx_test_dump (db_of (f));
  g_assert_cmpstr (before, ==, after);
  g_assert_true (pdx_measure_sheet_has_unsaved (f->sheet));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (pdx_sheet_row_widget_get_entry (
                       pdx_measure_sheet_find_row_widget (f->sheet, "D-01"), PDX_SHEET_WEIGHT))),
                   ==, "21.5");
}

/* New values save at once: no question, no reason on their entries. */
static void
test_reason_not_asked_for_new_values (Fixture *f, gconstpointer data)
{
  PdxSheetRowWidget *row;
  g_autoptr (PdxMeasurement) d1 = NULL;

  store_today (f, STUDY, "D-01", NAN, NAN, NAN, 22.0);
  row = open_row (f, STUDY, "D-01");
  type_cell (row, PDX_SHEET_BLI, "4.1e7");
  type_cell (pdx_measure_sheet_find_row_widget (f->sheet, "D-02"), PDX_SHEET_WEIGHT, "19");
  g_assert_true (pdx_measure_sheet_save (f->sheet));
  g_assert_null (pdx_measure_sheet_get_confirm_dialog (f->sheet));
  d1 = stored (f, STUDY, "D-01");
  g_assert_cmpfloat (d1->bli_flux, ==, 4.1e7);
  g_assert_cmpfloat (d1->weight_g, ==, 22.0);
}

int
main (int argc, char **argv)
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
#define ADD(path, fn)                                                                              \
  g_test_add ("/gui/sheet/" path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("weight-only-keeps-stored-values", test_weight_only_keeps_stored_values);
  ADD ("volume-only-row-keeps-volume", test_volume_only_row_keeps_volume);
  ADD ("outside-change", test_outside_change);
  ADD ("outside-change-german", test_outside_change_german);
  ADD ("implausible-blocks-save", test_implausible_blocks_save);
  ADD ("unusual-asks", test_unusual_asks);
  ADD ("future-date-refused", test_future_date_refused);
  ADD ("reason/asked-once", test_reason_asked_once);
  ADD ("reason/cancel-keeps-edits", test_reason_cancel_keeps_edits);
  ADD ("reason/not-asked-for-new-values", test_reason_not_asked_for_new_values);
  return g_test_run ();
}
