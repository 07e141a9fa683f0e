/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui-power.c — the New Study dialog's Sample Size page (issue 17) driven with its widgets:
 * a typed model and a study's model give the table pdx_power_simulate () gives for the same
 * settings (the simulation itself is checked against the closed form and R in
 * test-analysis-power), a value that is not a number is named and nothing runs, and Stop stops. */
#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "pdx-new-study-dialog.h"
#include "pdx-power-page.h"
#include "pdx-test-gui.h"
#include "pdx-window.h"

static void
set_text (PdxPowerPage *page, const char *name, const char *text)
{
  GtkEditable *field = pdx_power_page_get_field (page, name);

  g_assert_nonnull (field);
  gtk_editable_set_text (field, text);
}

static void
set_spin (PdxPowerPage *page, const char *name, double value)
{
  GtkEditable *field = pdx_power_page_get_field (page, name);

  g_assert_true (GTK_IS_SPIN_BUTTON (field));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (field), value);
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

static gboolean
finished_cb (gpointer data)
{
  return !pdx_power_page_is_running (data);
}

static PdxPowerPage *
open_page (PdxTestGui *f, PdxNewStudyDialog **dialog_out)
{
  PdxNewStudyDialog *dialog = pdx_window_open_new_study (f->window);
  PdxPowerPage      *page = PDX_POWER_PAGE (pdx_new_study_dialog_get_power_page (dialog));

  pdx_new_study_dialog_show_power_page (dialog);
  g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (page)));
  *dialog_out = dialog;
  return page;
}

/* The settings the page is given below: TGI 60 %, power 0.8, α 0.05, 3 to 12 mice, 60
 * simulations, seed 7. */
static void
page_settings (PdxPowerPage *page)
{
  set_spin (page, "effect", 60);
  set_spin (page, "power", 0.8);
  set_spin (page, "alpha", 0.05);
  set_spin (page, "min", 3);
  set_spin (page, "max", 12);
  set_spin (page, "simulations", 60);
  set_spin (page, "seed", 7);
}

static guint
core_answer (const PdxPowerModel *model)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxPowerResult) r = NULL;
  PdxPowerSettings s;

  pdx_power_settings_init (&s);
  s.effect = PDX_POWER_EFFECT_TGI, s.effect_percent = 60, s.power = 0.8, s.alpha = 0.05;
  s.min_mice = 3, s.max_mice = 12, s.simulations = 60, s.seed = 7;
  r = pdx_power_simulate (model, &s, NULL, NULL, &error);
  g_assert_no_error (error);
  return r->answer;
}

/* Typed values, as a person types them, give the core's table for the
 * same model and settings; a value that is not a number is named, and nothing runs. */
static void
test_typed (PdxTestGui *f, gconstpointer data)
{
  static const double days[] = { 0, 3, 7, 10, 14, 17, 21 };
  PdxNewStudyDialog  *dialog = NULL;
  PdxPowerPage       *page = open_page (f, &dialog);
  g_autoptr (PdxPowerModel) model =
      pdx_power_model_new (0, 0.1, 0.3, 0.02, 0.3, 0.2, days, G_N_ELEMENTS (days), NULL);
  guint expected = core_answer (model);

  page_settings (page);
  set_text (page, "rate", "0.1");
  set_text (page, "sd-intercept", "0.3");
  set_text (page, "sd-slope", "0.02");
  set_text (page, "cor", "0.3");
  set_text (page, "sigma", "abc");
  set_text (page, "days", "0 3 7 10 14 17 21");
  pdx_power_page_compute (page);
  g_assert_false (pdx_power_page_is_running (page));
  g_assert_cmpstr (pdx_power_page_get_message (page), ==, "Residual SD: “abc” is not a number");
  set_text (page, "sigma", "0.2");
  pdx_power_page_compute (page);
  g_assert_true (pdx_power_page_is_running (page));
  g_assert_true (pdx_test_wait_until (finished_cb, page));
  g_test_message ("answer %u: %s", pdx_power_page_get_answer (page),
                  pdx_power_page_get_message (page));
  g_assert_cmpuint (pdx_power_page_get_answer (page), ==, expected);
  /* and the CLI's, for the same model and settings (pdxtrack-cli stats power --growth-rate 0.1
   * --sd-intercept 0.3 --sd-slope 0.02 --cor 0.3 --sigma 0.2 --days 0,3,7,10,14,17,21
   * --effect-tgi 60 --simulations 60 --seed 7 --min-mice 3 --max-mice 12: 6 mice per arm) */
  g_assert_cmpuint (expected, ==, 6);
  g_assert_nonnull (strstr (pdx_power_page_get_message (page), "60 simulated studies per row, "
                                                               "seed 7"));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* A study chosen as the model: its fitted values shown read-only, the answer the core's for
 * that study's model; Stop ends a long run with no result. */
static void
test_study_model_and_stop (PdxTestGui *f, gconstpointer data)
{
  PdxNewStudyDialog *dialog = NULL;
  PdxPowerPage      *page = open_page (f, &dialog);
  gint64             study_id = pdx_test_gui_study_id (f, "ICR-017-A");
  g_autoptr (PdxStudyData) study = pdx_study_data_load (pdx_lab_get_db (f->lab), study_id, NULL);
  g_autoptr (PdxPowerModel) model =
      pdx_power_model_from_study (study, PDX_GROWTH_TRANSFORM_LOG, NULL);
  GtkEditable *rate = pdx_power_page_get_field (page, "rate");
  GtkWidget   *stop;
  double       shown = NAN;

  g_assert_nonnull (model);
  g_assert_true (pdx_power_page_select_study (page, study_id));
  g_assert_false (gtk_editable_get_editable (rate));
  g_assert_true (pdx_parse_number (gtk_editable_get_text (rate), &shown));
  g_assert_cmpfloat_with_epsilon (shown, model->growth_rate, 1e-6);
  page_settings (page);
  pdx_power_page_compute (page);
  g_assert_true (pdx_test_wait_until (finished_cb, page));
  g_assert_cmpuint (pdx_power_page_get_answer (page), ==, core_answer (model));
  g_assert_nonnull (strstr (pdx_power_page_get_message (page), "study ICR-017-A"));

  set_spin (page, "simulations", 100000);
  set_spin (page, "max", 200);
  pdx_power_page_compute (page);
  g_assert_true (pdx_power_page_is_running (page));
  stop = find_button (GTK_WIDGET (page), "Stop");
  g_assert_nonnull (stop);
  g_assert_true (gtk_widget_get_visible (stop));
  g_signal_emit_by_name (stop, "clicked"); /* as a person clicks it */
  g_assert_true (pdx_test_wait_until (finished_cb, page));
  g_assert_cmpstr (pdx_power_page_get_message (page), ==, "Stopped: no result.");
  g_assert_cmpuint (pdx_power_page_get_answer (page), ==, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Closing the dialog while a simulation runs stops it (else it would run on unseen, holding a
 * processor per thread), and nothing leaks (ASan's run). */
static void
test_close_while_running (PdxTestGui *f, gconstpointer data)
{
  PdxNewStudyDialog *dialog = NULL;
  PdxPowerPage      *page = open_page (f, &dialog);
  g_autoptr (PdxPowerPage) held = g_object_ref (page);

  set_text (page, "rate", "0.1");
  set_text (page, "sd-intercept", "0.3");
  set_text (page, "sd-slope", "0.02");
  set_text (page, "sigma", "0.2");
  set_text (page, "days", "0 3 7 10 14");
  set_spin (page, "simulations", 100000);
  pdx_power_page_compute (page);
  g_assert_true (pdx_power_page_is_running (page));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (pdx_test_wait_until (finished_cb, page));
  g_assert_cmpstr (pdx_power_page_get_message (page), ==, "Stopped: no result.");
}

int
main (int argc, char *argv[])
{
  pdx_test_gui_init (&argc, &argv);
  PDX_TEST_GUI_ADD ("power/typed", test_typed);
  PDX_TEST_GUI_ADD ("power/study-model-and-stop", test_study_model_and_stop);
  PDX_TEST_GUI_ADD ("power/close-while-running", test_close_while_running);
  return g_test_run ();
}
