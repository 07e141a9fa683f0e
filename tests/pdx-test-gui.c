/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-test-gui.c — what the GUI test executables share: the window fixture on a fresh demo lab,
 * and helpers that open the bench sheet and the History and wait for them. */
#include "pdx-test-gui.h"
#include "pdx-reason-dialog.h"
#include "pdx-gui-settings.h"

gboolean
pdx_test_gui_widget_shown_cb (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

gboolean
pdx_test_gui_widget_hidden_cb (gpointer data)
{
  return !gtk_widget_get_visible (data);
}

gint64
pdx_test_gui_study_id (PdxTestGui *f, const char *code)
{
  g_autoptr (PdxStudy) study = pdx_study_find (pdx_lab_get_db (f->lab), code, NULL);

  g_assert_nonnull (study);
  return study->id;
}

void
pdx_test_gui_setup (PdxTestGui *f, gconstpointer data)
{
  const char *data_dir = g_get_user_data_dir ();

  f->dir = pdx_test_make_tmpdir ();
  f->settings = pdx_gui_settings_new ();
  g_settings_set_string (f->settings, "operator", PDX_TEST_GUI_OPERATOR);
  f->window = pdx_window_new (NULL, f->settings);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 720);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (pdx_window_open_demo (f->window));
  f->lab = g_object_ref (pdx_window_get_lab (f->window));
  f->page = pdx_window_get_study_page (f->window);
  g_assert_true (g_str_has_prefix (pdx_lab_get_path (f->lab), data_dir));
  /* The window mapped and its first study shown (the pages load on the main thread). */
  g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
}

void
pdx_test_gui_teardown (PdxTestGui *f, gconstpointer data)
{
  if (pdx_study_page_has_unsaved (f->page))
    pdx_study_page_discard (f->page);
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
  g_clear_object (&f->lab);
  g_clear_object (&f->settings);
  g_free (f->dir);
}

gboolean
pdx_test_gui_row_bound_cb (gpointer data)
{
  PdxTestGuiRowWait *wait = data;

  return pdx_measure_sheet_find_row_widget (wait->sheet, wait->tag) != NULL;
}

PdxSheetRowWidget *
pdx_test_gui_open_sheet_row (PdxTestGui *f, const char *code, const char *tag)
{
  PdxMeasureSheet  *sheet = pdx_study_page_get_measure_sheet (f->page);
  PdxTestGuiRowWait wait = { sheet, tag };

  g_assert_true (pdx_window_show_study (f->window, pdx_test_gui_study_id (f, code)));
  pdx_study_page_show_page (f->page, "measure");
  g_assert_true (pdx_test_wait_until (pdx_test_gui_row_bound_cb, &wait));
  return pdx_measure_sheet_find_row_widget (sheet, tag);
}

void
pdx_test_gui_type_cell (PdxSheetRowWidget *row, PdxSheetField field, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (pdx_sheet_row_widget_get_entry (row, field)), text);
}

PdxMeasurement *
pdx_test_gui_find_measurement (PdxTestGui *f, const char *code, const char *tag, const char *date)
{
  g_autoptr (PdxMouse) mouse =
      pdx_mouse_find (pdx_lab_get_db (f->lab), pdx_test_gui_study_id (f, code), tag, NULL);
  g_autoptr (GPtrArray) list =
      pdx_measurement_list_for_mouse (pdx_lab_get_db (f->lab), mouse->id, NULL);

  for (guint i = 0; i < list->len; i++)
    {
      PdxMeasurement *m = g_ptr_array_index (list, i);
      if (g_strcmp0 (m->date, date) == 0)
        return g_ptr_array_steal_index (list, i);
    }
  return NULL;
}

gboolean
pdx_test_gui_mice_loaded_cb (gpointer data)
{
  return pdx_test_main_loop_idle (NULL) && !pdx_mice_page_is_loading (data);
}

gboolean
pdx_test_gui_history_loaded_cb (gpointer data)
{
  return !pdx_history_page_is_loading (data);
}

/* Shows the History tab of the current study and waits for its thread. */
PdxHistoryPage *
pdx_test_gui_open_history (PdxTestGui *f)
{
  PdxHistoryPage *history = pdx_study_page_get_history_page (f->page);

  pdx_study_page_show_page (f->page, "history");
  g_assert_true (pdx_test_wait_until (pdx_test_gui_history_loaded_cb, history));
  return history;
}

void
pdx_test_gui_filter_history (PdxHistoryPage *history, const char *tag, const char *operator_name)
{
  pdx_history_page_filter (history, tag, operator_name, NULL, NULL);
  g_assert_true (pdx_history_page_is_loading (history));
  g_assert_true (pdx_test_wait_until (pdx_test_gui_history_loaded_cb, history));
}

/* The folders the demo labs go to: private to this run, removed at exit. */
static char *home, *data_home, *cache_home;

void
pdx_test_gui_init (int *argc, char ***argv)
{
  home = pdx_test_make_tmpdir ();
  data_home = g_build_filename (home, "data", NULL);
  cache_home = g_build_filename (home, "cache", NULL);
  /* Before any thread starts: the demo labs go to a private data folder. */
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("XDG_CACHE_HOME", cache_home, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  gtk_test_init (argc, argv, NULL);
  adw_init ();
}

static void
told_study_cb (PdxLab *lab, gint64 study_id, PdxTestGuiTold *told)
{
  g_array_append_val (told->studies, study_id);
}

static void
told_list_cb (PdxLab *lab, PdxTestGuiTold *told)
{
  told->n_lists++;
}

void
pdx_test_gui_told_listen (PdxTestGuiTold *told, PdxLab *lab)
{
  told->studies = g_array_new (FALSE, FALSE, sizeof (gint64));
  told->n_lists = 0;
  g_signal_connect (lab, "study-changed", G_CALLBACK (told_study_cb), told);
  g_signal_connect (lab, "studies-changed", G_CALLBACK (told_list_cb), told);
  g_signal_connect (lab, "lines-changed", G_CALLBACK (told_list_cb), told);
}

void
pdx_test_gui_told_stop (PdxTestGuiTold *told, PdxLab *lab)
{
  g_signal_handlers_disconnect_by_data (lab, told);
  g_clear_pointer (&told->studies, g_array_unref);
}

void
pdx_test_gui_assert_told (PdxTestGuiTold *told, gint64 study_id, guint n_lists)
{
  g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
  g_assert_cmpuint (told->studies->len, ==, 1);
  g_assert_cmpint (g_array_index (told->studies, gint64, 0), ==, study_id);
  g_assert_cmpuint (told->n_lists, ==, n_lists);
  g_array_set_size (told->studies, 0);
  told->n_lists = 0;
}

gboolean
pdx_test_gui_save_with_reason (PdxMeasureSheet *sheet, guint choice)
{
  AdwMessageDialog *dialog;

  g_assert_false (pdx_measure_sheet_save (sheet));
  dialog = pdx_measure_sheet_get_confirm_dialog (sheet);
  g_assert_true (PDX_IS_REASON_DIALOG (dialog));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));
  gtk_check_button_set_active (pdx_reason_dialog_get_choice (PDX_REASON_DIALOG (dialog), choice),
                               TRUE);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "save"));
  adw_message_dialog_response (dialog, "save");
  g_assert_null (pdx_measure_sheet_get_confirm_dialog (sheet));
  return !pdx_measure_sheet_has_unsaved (sheet);
}
