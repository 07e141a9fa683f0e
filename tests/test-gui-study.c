/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui-study.c — the forms driven with real widgets: the tissue line form and its
 * vocabulary, the New Study dialog (its defaults, Cancel), and CSV import (an error row, a stop;
 * the import worker's commit told by the lab).
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

/* ---- tissue line, new study, import -------------------------------------------------------- */

/* Selects @value in the line form's drop-down @key; FALSE when it is not offered. */
static gboolean
choose (PdxLinePage *line, const char *key, const char *value)
{
  AdwComboRow *row = pdx_line_page_get_choice (line, key);
  GListModel  *choices = adw_combo_row_get_model (row);

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
test_line_vocab_choices (PdxTestGui *f, gconstpointer data)
{
  static const struct
  {
    const char *key;
    const char *choices;
  } expected[] = {
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
      GListModel  *choices = adw_combo_row_get_model (row);
      g_autoptr (GString) offered = g_string_new (NULL);

      g_assert_null (pdx_line_page_get_field (line, expected[i].key));
      for (guint j = 0; j < g_list_model_get_n_items (choices); j++)
        g_string_append_printf (offered, "%s%s", j ? "|" : "",
                                gtk_string_list_get_string (GTK_STRING_LIST (choices), j));
      g_assert_cmpstr (offered->str, ==, expected[i].choices);
    }
}

static void
test_line_form (PdxTestGui *f, gconstpointer data)
{
  PdxDb           *db = pdx_lab_get_db (f->lab);
  PdxLinePage     *line = pdx_window_get_line_page (f->window);
  g_autofree char *before = NULL, *after = NULL, *status = NULL, *ihc = NULL, *er = NULL;
  g_autoptr (PdxLine) stored = NULL;
  g_autoptr (PdxSample) sample = NULL;
  g_autoptr (PdxPatient) patient = NULL;
  PdxTestGuiTold told = { 0 };

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-line", NULL);
  g_assert_cmpint (pdx_line_page_get_line_id (line), ==, 0);
  status = chosen (line, "line.status");
  g_assert_cmpstr (status, ==, "active"); /* a new line is active */
  before = pdx_test_dump (db);
  g_assert_false (pdx_line_page_save (line)); /* no code */
  gtk_editable_set_text (pdx_line_page_get_field (line, "line.code"), "BCBM-099");
  gtk_editable_set_text (pdx_line_page_get_field (line, "line.passage"), "four");
  g_assert_true (gtk_widget_has_css_class (
      GTK_WIDGET (pdx_line_page_get_field (line, "line.passage")), "error"));
  g_assert_false (pdx_line_page_save (line)); /* not a whole number */
  gtk_editable_set_text (pdx_line_page_get_field (line, "line.passage"), "4");
  g_assert_true (choose (line, "patient.her2_ihc", "3+"));
  g_assert_false (choose (line, "patient.her2_ihc", "4+"));
  gtk_editable_set_text (pdx_line_page_get_field (line, "sample.code"), "S-099");
  g_assert_false (pdx_line_page_save (line)); /* sample without patient */
  after = pdx_test_dump (db);
  g_assert_cmpstr (before, ==, after);

  gtk_editable_set_text (pdx_line_page_get_field (line, "patient.code"), "P-099");
  g_assert_true (choose (line, "patient.er", "negative"));
  g_assert_true (choose (line, "patient.er", "not recorded")); /* changed their mind */
  g_assert_true (choose (line, "sample.type", "metastasis"));
  g_assert_true (choose (line, "line.status", "banked"));
  pdx_test_gui_told_listen (&told, f->lab);
  g_assert_true (pdx_line_page_save (line));
  stored = pdx_line_find (db, "BCBM-099", NULL);
  g_assert_nonnull (stored);
  /* Patient, sample and line in one commit: the lines told once, no study. */
  g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
  g_assert_cmpuint (told.n_lists, ==, 1);
  g_assert_cmpuint (told.studies->len, ==, 0);
  pdx_test_gui_told_stop (&told, f->lab);
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
test_new_study (PdxTestGui *f, gconstpointer data)
{
  PdxDb             *db = pdx_lab_get_db (f->lab);
  PdxNewStudyDialog *dialog = pdx_window_open_new_study (f->window);
  g_autoptr (PdxStudy) study = NULL;
  g_autoptr (GPtrArray) arms = NULL;
  PdxTestGuiTold told = { 0 };
  guint          combo;

  set_field (dialog, "code", "ICR-017-E");
  g_assert_true (pdx_new_study_dialog_choose_line (dialog, "BCBM-017"));
  set_field (dialog, "day0", "2026-13-01");
  set_field (dialog, "arm0.name", "Vehicle");
  set_field (dialog, "arm1.name", "T-DM1 + tucatinib");
  g_assert_false (pdx_new_study_dialog_create (dialog)); /* month 13 */
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
  pdx_test_gui_told_listen (&told, f->lab);
  g_assert_true (pdx_new_study_dialog_create (dialog));
  g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
  study = pdx_study_find (db, "ICR-017-E", NULL);
  g_assert_nonnull (study);
  /* Told without the dialog announcing it: the new study, and the study list once. */
  pdx_test_gui_assert_told (&told, study->id, 1);
  pdx_test_gui_told_stop (&told, f->lab);
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

      if (GTK_IS_BUTTON (child) &&
          g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), label) == 0)
        return child;
      if ((found = find_button (child, label)) != NULL)
        return found;
    }
  return NULL;
}

/* The template-built dialog keeps its defaults: no line until one is chosen (Create says so; a
 * line is never picked for the person), the first implant site and material of the vocabulary,
 * BLI, day 0 today, a control arm and a treated arm; a passage that is not a whole number is
 * refused, not read as 0; Cancel stores nothing. */
static void
test_new_study_defaults (PdxTestGui *f, gconstpointer data)
{
  PdxDb *db = pdx_lab_get_db (f->lab);
  g_autoptr (GPtrArray) lines = pdx_line_list (db, NULL);
  g_autofree char *today = pdx_format_today ();
  g_autofree char *before = pdx_test_dump (db), *after = NULL;
  g_autoptr (PdxStudy) study = NULL;
  g_autoptr (GPtrArray) arms = NULL;
  PdxNewStudyDialog *dialog = pdx_window_open_new_study (f->window);
  GtkWidget         *cancel = find_button (GTK_WIDGET (dialog), "_Cancel");

  g_assert_nonnull (find_button (GTK_WIDGET (dialog), "C_reate"));
  g_assert_nonnull (find_button (GTK_WIDGET (dialog), "Add _Arm"));
  g_assert_nonnull (cancel);
  set_field (dialog, "code", "CANCELLED-1");
  g_signal_emit_by_name (cancel, "clicked");
  g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
  after = pdx_test_dump (db);
  g_assert_cmpstr (before, ==, after);

  dialog = pdx_window_open_new_study (f->window);
  g_assert_cmpstr (gtk_editable_get_text (pdx_new_study_dialog_get_field (dialog, "day0")), ==,
                   today);
  set_field (dialog, "code", "ICR-099-A");
  set_field (dialog, "arm0.name", "Vehicle");
  set_field (dialog, "arm1.name", "T-DM1");
  set_field (dialog, "arm1.agent0.drug", "T-DM1");
  g_assert_false (pdx_new_study_dialog_create (dialog));
  g_assert_cmpstr (pdx_new_study_dialog_get_error (dialog), ==,
                   "Choose the study's tissue line (or No line)");
  g_assert_null (pdx_study_find (db, "ICR-099-A", NULL));
  g_assert_true (
      pdx_new_study_dialog_choose_line (dialog, ((PdxLine *) g_ptr_array_index (lines, 0))->code));
  set_field (dialog, "passage", "4a");
  g_assert_false (pdx_new_study_dialog_create (dialog));
  g_assert_cmpstr (pdx_new_study_dialog_get_error (dialog), ==,
                   "Passage used: “4a” is not a whole number of 0 or more");
  g_assert_null (pdx_study_find (db, "ICR-099-A", NULL));
  set_field (dialog, "passage", "");
  g_assert_true (pdx_new_study_dialog_create (dialog));
  g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
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
test_import_error_row (PdxTestGui *f, gconstpointer data)
{
  PdxDb           *db = pdx_lab_get_db (f->lab);
  const char      *csv = "study,arm,mouse,sex,implant_date\n"
                         "IMP-1,vehicle,M1,F,2026-01-05\n"
                         "IMP-1,vehicle,M2,F,2026-01-05\n"
                         "IMP-1,T-DM1,M3,X,2026-01-05\n"
                         "IMP-1,T-DM1,M4,F,2026-01-05\n";
  g_autofree char *path = pdx_test_write_file ("mice.csv", csv, -1);
  g_autofree char *good =
      pdx_test_write_file ("good.csv", "study,arm,mouse\nIMP-2,vehicle,A1\n", -1);
  g_autofree char *before = pdx_test_dump (db);
  g_autofree char *after = NULL;
  PdxImportDialog *dialog = pdx_import_dialog_new (f->lab);
  PdxTestGuiTold   told = { 0 };
  int              state = 0;

  pdx_test_gui_told_listen (&told, f->lab);
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
  g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
  g_assert_cmpuint (told.studies->len + told.n_lists, ==, 0); /* nothing written, nothing told */

  state = 0;
  g_assert_true (pdx_import_dialog_set_file (dialog, good, NULL));
  pdx_import_dialog_start (dialog);
  g_assert_true (pdx_test_wait_until (import_done_cb, &state));
  g_assert_cmpint (state, ==, 1);
  g_assert_cmpuint (pdx_import_dialog_get_error_line (dialog), ==, 0);
  {
    g_autoptr (PdxStudy) imported = pdx_study_find (db, "IMP-2", NULL);
    g_assert_nonnull (imported);
    /* The worker's own connection committed: the lab tells the new study, and the study list
     * (the sidebar) once, when the task has completed. */
    pdx_test_gui_assert_told (&told, imported->id, 1);
  }
  pdx_test_gui_told_stop (&told, f->lab);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* A long import stopped at once (closing the dialog while it runs asks the thread to stop):
 * nothing is imported and the dialog stays open until the thread has rolled back. */
static void
test_import_stop (PdxTestGui *f, gconstpointer data)
{
  PdxDb *db = pdx_lab_get_db (f->lab);
  g_autoptr (GString) csv = g_string_new ("study,arm,mouse\n");
  g_autofree char *path = NULL, *before = pdx_test_dump (db), *after = NULL;
  PdxImportDialog *dialog = pdx_import_dialog_new (f->lab);
  int              state = 0;

  for (int i = 0; i < 40000; i++)
    g_string_append_printf (csv, "STOP-%d,vehicle,M%05d\n", i / 500, i);
  path = pdx_test_write_file ("many.csv", csv->str, csv->len);
  g_object_ref_sink (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  g_signal_connect (dialog, "finished", G_CALLBACK (finished_cb), &state);
  g_assert_true (pdx_import_dialog_set_file (dialog, path, NULL));
  pdx_import_dialog_start (dialog);
  gtk_window_close (GTK_WINDOW (dialog)); /* refused while running: stops it */
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
  pdx_test_gui_init (&argc, &argv);
  PDX_TEST_GUI_ADD ("line/form-validation", test_line_form);
  PDX_TEST_GUI_ADD ("line/vocabulary-drop-downs", test_line_vocab_choices);
  PDX_TEST_GUI_ADD ("study/new", test_new_study);
  PDX_TEST_GUI_ADD ("study/new-defaults-and-cancel", test_new_study_defaults);
  PDX_TEST_GUI_ADD ("import/error-at-row", test_import_error_row);
  PDX_TEST_GUI_ADD ("import/stop", test_import_stop);
  return g_test_run ();
}
