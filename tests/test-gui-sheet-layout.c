/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui-sheet-layout.c — the review items of issue 13 around the bench sheet, with real
 * widgets under Xvfb: columns line up with the header in English and German, the header stays
 * put while the rows scroll, a 500-row sheet scrolled back to the top shows its rows, a lone
 * caliper dimension and the weight alert say what they mean, the focus comes back to the cell
 * after Cancel and Undo, the tissue-line page asks before losing edits, and the Overview's
 * class counts add up to n. Each test makes its own lab. */
#include <adwaita.h>
#include <locale.h>
#include <math.h>

#include "pdx-test-util.h"
#include "pdx-test-gui.h"
#include "pdx-gui-format.h"
#include "pdx-gui-settings.h"
#include "pdx-window.h"
#include "pdx/pdx-i18n.h"

#define BLI_STUDY "ICR-031-D"     /* planned, every mouse live today: BLI, weight, neuro, note */
#define CALIPER_STUDY "MFP-031-C" /* caliper: L, W, volume; day 0 2026-02-23 */
#define CALIPER_DAY "2026-03-22"  /* a measured day of it; C-03 lost 15 % of its day-0 weight */

typedef struct
{
  char            *messages; /* the locale's messages before a German test (NULL: English) */
  GSettings       *settings;
  PdxWindow       *window;
  PdxLab          *lab;
  PdxStudyPage    *page;
  PdxMeasureSheet *sheet;
} Fixture;

/* @data "de": the window is made under German (its pages built with German labels). */
static void
fixture_setup (Fixture *f, gconstpointer data)
{
  if (data != NULL)
    {
      f->messages = g_strdup (setlocale (LC_MESSAGES, NULL));
      pdx_i18n_init (); /* the build tree's catalogues (PDX_LOCALEDIR) */
      g_assert_nonnull (setlocale (LC_MESSAGES, "de_DE.UTF-8"));
      g_setenv ("LANGUAGE", data, TRUE);
    }
  f->settings = pdx_gui_settings_new ();
  g_settings_set_string (f->settings, "operator", "layout-test");
  f->window = pdx_window_new (NULL, f->settings);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 720);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (pdx_window_open_demo (f->window));
  f->lab = g_object_ref (pdx_window_get_lab (f->window));
  f->page = pdx_window_get_study_page (f->window);
  f->sheet = pdx_study_page_get_measure_sheet (f->page);
  g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
}

/* Every message dialog the window shows (the guard, the sheet's questions), newest last. */
static AdwMessageDialog *
find_dialog (void)
{
  g_autoptr (GList) windows = gtk_window_list_toplevels ();
  AdwMessageDialog *found = NULL;

  for (GList *l = windows; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      found = l->data;
  return found;
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  AdwMessageDialog *dialog;

  while ((dialog = find_dialog ()) != NULL)
    {
      adw_message_dialog_response (dialog, "cancel");
      gtk_window_destroy (GTK_WINDOW (dialog));
    }
  if (pdx_study_page_has_unsaved (f->page))
    pdx_study_page_discard (f->page);
  pdx_line_page_discard (pdx_window_get_line_page (f->window));
  gtk_window_destroy (GTK_WINDOW (f->window));
  pdx_test_wait_until (pdx_test_main_loop_idle, NULL);
  g_clear_object (&f->lab);
  g_clear_object (&f->settings);
  if (f->messages != NULL)
    {
      g_unsetenv ("LANGUAGE");
      setlocale (LC_MESSAGES, f->messages);
      g_free (f->messages);
    }
}

static PdxDb *
db_of (Fixture *f)
{
  return pdx_lab_get_db (f->lab);
}

static gint64
study_id (Fixture *f, const char *code)
{
  g_autoptr (PdxStudy) study = pdx_study_find (db_of (f), code, NULL);

  g_assert_nonnull (study);
  return study->id;
}

/* Shows study @code's sheet on @date (NULL: today) and waits for mouse @tag's row. */
static PdxSheetRowWidget *
open_row (Fixture *f, const char *code, const char *date, const char *tag)
{
  PdxTestGuiRowWait wait = { f->sheet, tag };

  g_assert_true (pdx_window_show_study (f->window, study_id (f, code)));
  pdx_study_page_show_page (f->page, "measure");
  g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
  if (date != NULL)
    g_assert_true (pdx_measure_sheet_set_date (f->sheet, date));
  g_assert_true (pdx_test_wait_until (pdx_test_gui_row_bound_cb, &wait));
  g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
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

static graphene_rect_t
bounds_in (GtkWidget *widget, GtkWidget *ancestor)
{
  graphene_rect_t rect;

  g_assert_true (gtk_widget_compute_bounds (widget, ancestor, &rect));
  return rect;
}

/* Each shown column's header title starts where @row's cell starts and is as wide; the check
 * column starts at the same place. */
static void
assert_columns_align (PdxMeasureSheet *sheet, PdxSheetRowWidget *row)
{
  static const int columns[] = {
    PDX_SHEET_COL_TAG,           PDX_SHEET_COL_ARM, PDX_SHEET_LENGTH, PDX_SHEET_WIDTH,
    PDX_SHEET_COL_VOLUME,        PDX_SHEET_BLI,     PDX_SHEET_MRI,    PDX_SHEET_WEIGHT,
    PDX_SHEET_COL_WEIGHT_CHANGE, PDX_SHEET_NEURO,   PDX_SHEET_NOTE,   PDX_SHEET_COL_CHECK
  };
  guint shown = 0;

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      GtkWidget      *title = pdx_measure_sheet_get_header_cell (sheet, columns[i]);
      GtkWidget      *cell = pdx_sheet_row_widget_get_cell (row, columns[i]);
      graphene_rect_t a, b;

      g_assert_nonnull (title);
      g_assert_nonnull (cell);
      g_assert_cmpint (gtk_widget_get_visible (title), ==, gtk_widget_get_visible (cell));
      if (!gtk_widget_get_visible (title))
        continue;
      shown++;
      a = bounds_in (title, GTK_WIDGET (sheet));
      b = bounds_in (cell, GTK_WIDGET (sheet));
      if (fabs (a.origin.x - b.origin.x) > 0.5)
        g_error ("column %d (“%s”) starts at %.1f in the header, %.1f in mouse %s's row",
                 columns[i], gtk_label_get_text (GTK_LABEL (title)), a.origin.x, b.origin.x,
                 pdx_sheet_row_get_tag (pdx_sheet_row_widget_get_row (row)));
      if (columns[i] != PDX_SHEET_COL_CHECK && fabs (a.size.width - b.size.width) > 0.5)
        g_error ("column %d (“%s”) is %.1f wide in the header, %.1f in mouse %s's row", columns[i],
                 gtk_label_get_text (GTK_LABEL (title)), a.size.width, b.size.width,
                 pdx_sheet_row_get_tag (pdx_sheet_row_widget_get_row (row)));
    }
  g_assert_cmpuint (shown, >=, 10); /* the caliper sheet: 9 columns and the check */
}

/* Item 1: the caliper sheet's columns, in a row with a two-line warning and in plain rows. */
static void
check_caliper_columns (Fixture *f)
{
  PdxSheetRowWidget *c03 = open_row (f, CALIPER_STUDY, CALIPER_DAY, "C-03");

  /* A second problem on C-03: its check cell wraps over lines, and the row grows taller. */
  type_cell (c03, PDX_SHEET_NOTE, "");
  type_cell (c03, PDX_SHEET_WIDTH, "");
  g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
  pdx_test_spin (100);
  g_assert_nonnull (strchr (status_of (c03), '\n'));
  assert_columns_align (f->sheet, c03);
  assert_columns_align (f->sheet, pdx_measure_sheet_find_row_widget (f->sheet, "C-01"));
  assert_columns_align (f->sheet, pdx_measure_sheet_find_row_widget (f->sheet, "C-04"));
  pdx_study_page_discard (f->page);
}

static void
test_columns_align (Fixture *f, gconstpointer data)
{
  check_caliper_columns (f);
}

/* German titles are longer ("Gewicht (g)", "Δ Gewicht"): the cells widen with them. */
static void
test_columns_align_german (Fixture *f, gconstpointer data)
{
  g_autofree char *messages = g_strdup (setlocale (LC_MESSAGES, NULL));

  pdx_i18n_init (); /* the build tree's catalogues (PDX_LOCALEDIR) */
  g_assert_nonnull (setlocale (LC_MESSAGES, "de_DE.UTF-8"));
  g_setenv ("LANGUAGE", "de", TRUE);
  check_caliper_columns (f);
  g_assert_cmpstr (gtk_label_get_text (
                       GTK_LABEL (pdx_measure_sheet_get_header_cell (f->sheet, PDX_SHEET_WEIGHT))),
                   ==, "Gewicht (g)");
  g_unsetenv ("LANGUAGE");
  setlocale (LC_MESSAGES, messages);
}

static GtkAdjustment *
rows_vadjustment (PdxSheetRowWidget *row)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (row), GTK_TYPE_SCROLLED_WINDOW);

  g_assert_nonnull (scroller);
  return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
}

/* Item 2: scrolled down to the last rows, the header is where it was, above them. */
static void
test_header_stays (Fixture *f, gconstpointer data)
{
  PdxSheetRowWidget *row = open_row (f, CALIPER_STUDY, CALIPER_DAY, "C-01");
  GtkWidget         *title = pdx_measure_sheet_get_header_cell (f->sheet, PDX_SHEET_COL_TAG);
  GtkAdjustment     *rows = rows_vadjustment (row);
  graphene_rect_t    before = bounds_in (title, GTK_WIDGET (f->sheet));
  graphene_rect_t    after;

  g_assert_cmpfloat (gtk_adjustment_get_upper (rows) - gtk_adjustment_get_page_size (rows), >,
                     100); /* 23 rows do not fit in 720 px */
  gtk_adjustment_set_value (rows, gtk_adjustment_get_upper (rows));
  g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
  pdx_test_spin (100);
  after = bounds_in (title, GTK_WIDGET (f->sheet));
  g_assert_cmpfloat_with_epsilon (after.origin.y, before.origin.y, 0.5);
  g_assert_true (gtk_widget_get_mapped (title));
  g_assert_false (gtk_widget_is_ancestor (
      title, gtk_widget_get_ancestor (GTK_WIDGET (row), GTK_TYPE_SCROLLED_WINDOW)));
}

/* Item 4: a length without a width is an error that says so, without a placeholder date. */
static void
test_caliper_half (Fixture *f, gconstpointer data)
{
  PdxSheetRowWidget *row = open_row (f, CALIPER_STUDY, CALIPER_DAY, "C-01");

  type_cell (row, PDX_SHEET_WIDTH, "");
  g_assert_cmpstr (status_of (row), ==, "Length without a width: give both for a caliper volume");
  g_assert_null (strstr (status_of (row), "2000"));
  g_assert_cmpint (pdx_sheet_row_get_level (pdx_sheet_row_widget_get_row (row)), ==,
                   PDX_SHEET_ERROR); /* the core refuses it: so does the sheet's Save */
  type_cell (row, PDX_SHEET_WIDTH, "12.3");
  type_cell (row, PDX_SHEET_LENGTH, "");
  g_assert_cmpstr (status_of (row), ==, "Width without a length: give both for a caliper volume");
  pdx_study_page_discard (f->page);
}

/* Item 5: the weight alert and Δ weight name the day of the day-0 weight. The demo weighs its
 * mice the day before day 0 (2026-02-22, the last weighing on or before day 0): the loss is
 * computed here from the stored weights. */
static void
test_weight_alert_names_day (Fixture *f, gconstpointer data)
{
  PdxSheetRowWidget *row = open_row (f, CALIPER_STUDY, CALIPER_DAY, "C-03");
  g_autofree char   *sql =
      g_strdup_printf ("SELECT printf ('%%.1f', 100.0 * (r.weight_g - t.weight_g) / r.weight_g)"
                       " FROM measurement r JOIN measurement t ON t.mouse_id = r.mouse_id"
                       " JOIN mouse m ON m.id = r.mouse_id"
                       " WHERE m.study_id = %" G_GINT64_FORMAT " AND m.tag = 'C-03'"
                       " AND r.date = '2026-02-22' AND t.date = '" CALIPER_DAY "'",
                       study_id (f, CALIPER_STUDY));
  g_autofree char *loss = pdx_test_query_string (db_of (f), sql);
  g_autofree char *expected =
      g_strdup_printf ("Lost %s %% vs 2026-02-22 (day-0 weight; ≥ 15 %%)", loss);
  const char *tip;

  g_assert_nonnull (loss);
  g_assert_cmpstr (status_of (row), ==, expected);
  tip = gtk_widget_get_tooltip_text (
      pdx_sheet_row_widget_get_cell (row, PDX_SHEET_COL_WEIGHT_CHANGE));
  g_assert_nonnull (tip);
  g_assert_true (g_str_has_suffix (tip, " g on 2026-02-22"));
}

static gboolean
focus_in (GtkWidget *widget, GtkWidget *entry)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

  return focus != NULL && (focus == entry || gtk_widget_is_ancestor (focus, entry));
}

typedef struct
{
  GtkWidget *window, *entry;
} FocusWait;

static gboolean
focus_in_cb (gpointer data)
{
  FocusWait *wait = data;

  return focus_in (wait->window, wait->entry);
}

/* Item 7: Cancel of the unusual-value question puts the cursor back in the cell last typed in,
 * though a click had moved the focus to a button. */
static void
test_focus_after_cancel (Fixture *f, gconstpointer data)
{
  PdxSheetRowWidget *row = open_row (f, BLI_STUDY, NULL, "D-02");
  GtkWidget         *weight = pdx_sheet_row_widget_get_entry (row, PDX_SHEET_WEIGHT);
  GtkWidget         *elsewhere = GTK_WIDGET (pdx_measure_sheet_get_calendar_button (f->sheet));
  FocusWait          wait = { GTK_WIDGET (f->window), weight };
  AdwMessageDialog  *dialog;

  gtk_widget_grab_focus (weight);
  g_assert_true (pdx_test_wait_until (focus_in_cb, &wait));
  type_cell (row, PDX_SHEET_WEIGHT, "75"); /* unusual: the save asks */
  gtk_widget_grab_focus (elsewhere);
  g_assert_false (focus_in (GTK_WIDGET (f->window), weight));
  g_assert_false (pdx_measure_sheet_save (f->sheet));
  dialog = pdx_measure_sheet_get_confirm_dialog (f->sheet);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "cancel");
  g_assert_true (pdx_test_wait_until (focus_in_cb, &wait));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (weight)), ==, "75");
  pdx_study_page_discard (f->page);
}

/* Item 7, the save's Undo: the toast's button had the focus; once the undo's reload is done, the
 * cursor is back in the cell last typed in. */
static void
test_focus_after_save_undo (Fixture *f, gconstpointer data)
{
  PdxSheetRowWidget *row = open_row (f, BLI_STUDY, NULL, "D-02");
  GtkWidget         *weight = pdx_sheet_row_widget_get_entry (row, PDX_SHEET_WEIGHT);
  GtkWidget         *elsewhere = GTK_WIDGET (pdx_measure_sheet_get_calendar_button (f->sheet));
  FocusWait          wait = { GTK_WIDGET (f->window), NULL };
  PdxTestGuiRowWait  bound = { f->sheet, "D-02" };

  gtk_widget_grab_focus (weight);
  wait.entry = weight;
  g_assert_true (pdx_test_wait_until (focus_in_cb, &wait));
  type_cell (row, PDX_SHEET_WEIGHT, "21.5"); /* a new value: no reason asked */
  g_assert_true (pdx_measure_sheet_save (f->sheet));
  g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
  gtk_widget_grab_focus (elsewhere);
  g_assert_true (pdx_measure_sheet_undo_save (f->sheet));
  g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
  g_assert_true (pdx_test_wait_until (pdx_test_gui_row_bound_cb, &bound));
  row = pdx_measure_sheet_find_row_widget (f->sheet, "D-02");
  wait.entry = pdx_sheet_row_widget_get_entry (row, PDX_SHEET_WEIGHT);
  g_assert_true (pdx_test_wait_until (focus_in_cb, &wait));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (wait.entry)), ==, "");
}

/* ---- a 500-mouse study ---------------------------------------------------------------------- */

/* A lab with the demo and a 500-mouse study BIG-001, opened in the window; its last measured day
 * in *@day. */
static void
open_big_lab (Fixture *f, char **day)
{
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  PdxDemoOptions options = { 1, 500 };
  PdxDb         *db = pdx_test_new_lab (&path);

  g_assert_true (pdx_demo_generate (db, &options, &error));
  g_assert_no_error (error);
  pdx_db_close (db);
  g_clear_object (&f->lab);
  g_assert_true (pdx_window_open_path (f->window, path));
  f->lab = g_object_ref (pdx_window_get_lab (f->window));
  *day = pdx_test_query_string (db_of (f), "SELECT max (x.date) FROM measurement x"
                                           " JOIN mouse m ON m.id = x.mouse_id"
                                           " JOIN study s ON s.id = m.study_id"
                                           " WHERE s.code = 'BIG-001'");
  g_assert_nonnull (*day);
}

static gboolean
first_row_shown_cb (gpointer data)
{
  Fixture           *f = data;
  PdxSheetRow       *first = pdx_measure_sheet_get_row (f->sheet, 0);
  PdxSheetRowWidget *row =
      pdx_measure_sheet_find_row_widget (f->sheet, pdx_sheet_row_get_tag (first));

  return row != NULL && gtk_widget_get_mapped (GTK_WIDGET (row)) &&
         gtk_widget_get_height (GTK_WIDGET (row)) > 0;
}

/* Item 3 and item 7's Undo: scrolled to the bottom of ~470 rows and dragged back to the top, the
 * first rows are there, inside the viewport; an undo of a cell edit in the first row, done at the
 * bottom, scrolls back to it and puts the cursor in the cell. */
static void
test_big_sheet_scrolls_back (Fixture *f, gconstpointer data)
{
  g_autofree char   *day = NULL;
  PdxSheetRowWidget *row;
  PdxSheetRow       *first;
  GtkAdjustment     *rows;
  GtkWidget         *scroller;
  graphene_rect_t    shown;
  FocusWait          wait = { GTK_WIDGET (f->window), NULL };
  g_autofree char   *tag = NULL;

  open_big_lab (f, &day);
  g_assert_true (pdx_window_show_study (f->window, study_id (f, "BIG-001")));
  pdx_study_page_show_page (f->page, "measure");
  g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
  g_assert_true (pdx_measure_sheet_set_date (f->sheet, day));
  g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
  g_assert_cmpuint (pdx_measure_sheet_get_n_rows (f->sheet), >, 400);
  first = pdx_measure_sheet_get_row (f->sheet, 0);
  tag = g_strdup (pdx_sheet_row_get_tag (first));
  g_assert_true (pdx_test_wait_until (first_row_shown_cb, f));
  row = pdx_measure_sheet_find_row_widget (f->sheet, tag);
  type_cell (row, PDX_SHEET_NOTE, "typed at the top");
  rows = rows_vadjustment (row);
  scroller = gtk_widget_get_ancestor (GTK_WIDGET (row), GTK_TYPE_SCROLLED_WINDOW);

  for (int pass = 0; pass < 2; pass++)
    {
      gtk_adjustment_set_value (rows, gtk_adjustment_get_upper (rows));
      g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
      pdx_test_spin (100);
      g_assert_cmpfloat (gtk_adjustment_get_value (rows), >, 10000);
      if (pass == 0)
        {
          gtk_adjustment_set_value (rows, 0); /* the scrollbar dragged to the top */
          g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
          pdx_test_spin (100);
        }
      else
        g_assert_true (pdx_measure_sheet_undo (f->sheet));
      if (!pdx_test_wait_until (first_row_shown_cb, f))
        g_error ("%s: the first row not shown (scrolled to %g of %g, page %g)",
                 pass == 0 ? "dragged to the top" : "undo", gtk_adjustment_get_value (rows),
                 gtk_adjustment_get_upper (rows), gtk_adjustment_get_page_size (rows));
      row = pdx_measure_sheet_find_row_widget (f->sheet, tag);
      shown = bounds_in (GTK_WIDGET (row), scroller);
      g_assert_cmpfloat (shown.origin.y, >=, -0.5);
      g_assert_cmpfloat (shown.origin.y + shown.size.height, <=,
                         gtk_widget_get_height (scroller) + 0.5);
    }
  wait.entry = pdx_sheet_row_widget_get_entry (row, PDX_SHEET_NOTE);
  g_assert_true (pdx_test_wait_until (focus_in_cb, &wait));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (wait.entry)), ==,
                   pdx_sheet_row_get_text (first, PDX_SHEET_NOTE));
  g_assert_false (pdx_measure_sheet_has_unsaved (f->sheet));
}

/* ---- the tissue-line page's guard ------------------------------------------------------------ */

static gint64
line_id (Fixture *f, const char *code)
{
  g_autofree char *sql =
      g_strdup_printf ("SELECT id FROM line WHERE code = '%s'", code); /* a fixed code */
  g_autofree char *id = pdx_test_query_string (db_of (f), sql);

  g_assert_nonnull (id);
  return g_ascii_strtoll (id, NULL, 10);
}

static char *
stored_line_notes (Fixture *f, gint64 id)
{
  g_autofree char *sql =
      g_strdup_printf ("SELECT coalesce (notes, '') FROM line WHERE id = %" G_GINT64_FORMAT, id);

  return pdx_test_query_string (db_of (f), sql);
}

static gboolean
dialog_shown_cb (gpointer data)
{
  return find_dialog () != NULL;
}

/* Item 8: edits on the line page are not lost without asking: another sidebar item, or closing
 * the window, asks Save / Discard / Cancel; Cancel stays, Discard drops, Save writes. */
static void
test_line_page_guard (Fixture *f, gconstpointer data)
{
  PdxLinePage      *page = pdx_window_get_line_page (f->window);
  gint64            line = line_id (f, "BCBM-017");
  g_autofree char  *before = stored_line_notes (f, line);
  g_autofree char  *saved = NULL, *kept = NULL;
  GtkEditable      *notes;
  AdwMessageDialog *dialog;

  g_assert_true (pdx_window_show_line (f->window, line));
  g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
  g_assert_cmpint (pdx_line_page_get_line_id (page), ==, line);
  g_assert_false (pdx_line_page_has_unsaved (page));
  notes = pdx_line_page_get_field (page, "line.notes");
  gtk_editable_set_text (notes, "Re-banked at P4 after the freezer fault");
  g_assert_true (pdx_line_page_has_unsaved (page));

  /* Cancel: the line stays shown with the edit. */
  pdx_window_show_study (f->window, study_id (f, BLI_STUDY));
  g_assert_true (pdx_test_wait_until (dialog_shown_cb, NULL));
  dialog = find_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Save the Tissue Line?");
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
  g_assert_cmpint (pdx_line_page_get_line_id (page), ==, line);
  g_assert_cmpstr (gtk_editable_get_text (notes), ==, "Re-banked at P4 after the freezer fault");
  g_assert_true (pdx_line_page_has_unsaved (page));

  /* Closing the window asks too; Cancel keeps it open. */
  gtk_window_close (GTK_WINDOW (f->window));
  g_assert_true (pdx_test_wait_until (dialog_shown_cb, NULL));
  dialog = find_dialog ();
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->window)));

  /* Discard: the study is shown, the lab unchanged, the form as stored. */
  pdx_window_show_study (f->window, study_id (f, BLI_STUDY));
  g_assert_true (pdx_test_wait_until (dialog_shown_cb, NULL));
  dialog = find_dialog ();
  adw_message_dialog_response (dialog, "discard");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
  kept = stored_line_notes (f, line);
  g_assert_cmpstr (kept, ==, before);
  g_assert_false (pdx_line_page_has_unsaved (page));

  /* Save: written, then the study is shown. */
  g_assert_true (pdx_window_show_line (f->window, line));
  g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
  gtk_editable_set_text (notes, "Re-banked at P4 after the freezer fault");
  pdx_window_show_study (f->window, study_id (f, BLI_STUDY));
  g_assert_true (pdx_test_wait_until (dialog_shown_cb, NULL));
  dialog = find_dialog ();
  adw_message_dialog_response (dialog, "save");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
  saved = stored_line_notes (f, line);
  g_assert_cmpstr (saved, ==, "Re-banked at P4 after the freezer fault");
  g_assert_false (pdx_line_page_has_unsaved (page));
}

/* ---- the Overview ------------------------------------------------------------------------------
 */

static guint
cell_number (PdxOverviewPage *overview, guint arm, const char *column)
{
  const char *text = pdx_overview_page_get_arm_cell (overview, arm, column);

  if (text == NULL)
    g_error ("no %s cell for arm %u", column, arm);
  return (guint) g_ascii_strtoull (text, NULL, 10);
}

/* Item 10: CR + PR + SD + PD + NE = n in every arm, n counted here from the mice table, and the
 * TGI note names every treated arm with its day. */
static void
test_overview_adds_up (Fixture *f, gconstpointer data)
{
  gint64           id = study_id (f, "ICR-017-A");
  PdxOverviewPage *overview = pdx_study_page_get_overview_page (f->page);
  g_autoptr (GPtrArray) arms = NULL;
  g_autoptr (GError) error = NULL;
  guint not_evaluable = 0;

  g_assert_true (pdx_window_show_study (f->window, id));
  pdx_study_page_show_page (f->page, "overview");
  g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
  arms = pdx_arm_list (db_of (f), id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (arms->len, ==, 4);
  for (guint a = 0; a < arms->len; a++)
    {
      const PdxArm    *arm = g_ptr_array_index (arms, a);
      g_autofree char *sql = g_strdup_printf (
          "SELECT count (*) FROM mouse WHERE arm_id = %" G_GINT64_FORMAT " AND excluded = 0",
          arm->id);
      g_autofree char *n = pdx_test_query_string (db_of (f), sql);
      guint            classes = cell_number (overview, a, "CR") + cell_number (overview, a, "PR") +
                      cell_number (overview, a, "SD") + cell_number (overview, a, "PD") +
                      cell_number (overview, a, "NE");

      g_assert_cmpuint (cell_number (overview, a, "n"), ==, g_ascii_strtoull (n, NULL, 10));
      g_assert_cmpuint (classes, ==, g_ascii_strtoull (n, NULL, 10));
      not_evaluable += cell_number (overview, a, "NE");
      if (!arm->is_control)
        {
          const char *tgi = strstr (pdx_overview_page_get_note (overview), "TGI and T/C");

          g_assert_nonnull (tgi);
          g_assert_nonnull (strstr (tgi, arm->name));
        }
    }
  {
    g_autofree char *suffix = g_strdup_printf (" / %u", not_evaluable);
    g_assert_true (g_str_has_suffix (pdx_overview_page_get_headline (overview, "mRECIST"), suffix));
  }
}

/* ---- an 800 px window ------------------------------------------------------------------------ */

static int
least_width (GtkWidget *widget)
{
  int least = 0;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &least, NULL, NULL, NULL);
  return least;
}

/* Item 12: the Overview, the sheet and the charts fit an 800 px wide window, in English and in
 * German (longer labels: "Messblatt speichern", "Tumorwachstum", "Exportieren"); in English the
 * whole study page does. The sidebar folds away below 1024 px. */
static void
check_narrow (Fixture *f, gboolean whole_page)
{
  GtkWidget  *pages[] = { GTK_WIDGET (pdx_study_page_get_overview_page (f->page)),
                          GTK_WIDGET (f->sheet),
                          GTK_WIDGET (pdx_study_page_get_charts_page (f->page)) };
  const char *names[] = { "overview", "measure", "charts" };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_assert_true (pdx_window_show_study (f->window, study_id (f, "ICR-017-A")));
      pdx_study_page_show_page (f->page, names[i]);
      g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
      if (least_width (pages[i]) > 800)
        g_error ("the %s page needs %d px", names[i], least_width (pages[i]));
    }
  if (whole_page)
    g_assert_cmpint (least_width (GTK_WIDGET (f->page)), <=, 800);
}

static void
test_narrow_window (Fixture *f, gconstpointer data)
{
  check_narrow (f, data == NULL);
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
  /* The app's style sheet, as AdwApplication loads it: the header's and the rows' padding. */
  {
    g_autoptr (GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, "/org/pdxtrack/Pdxtrack/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }
#define ADD(path, fn)                                                                              \
  g_test_add ("/gui/sheet-layout/" path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("columns-align", test_columns_align);
  ADD ("columns-align-german", test_columns_align_german);
  ADD ("header-stays", test_header_stays);
  ADD ("caliper-half", test_caliper_half);
  ADD ("weight-alert-names-day", test_weight_alert_names_day);
  ADD ("focus-after-cancel", test_focus_after_cancel);
  ADD ("focus-after-save-undo", test_focus_after_save_undo);
  ADD ("big-sheet-scrolls-back", test_big_sheet_scrolls_back);
  ADD ("line-page-guard", test_line_page_guard);
  ADD ("overview-adds-up", test_overview_adds_up);
  ADD ("narrow-window", test_narrow_window);
  g_test_add ("/gui/sheet-layout/narrow-window-german", Fixture, "de", fixture_setup,
              test_narrow_window, fixture_teardown);
  return g_test_run ();
}
