/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui-charts.c — the study views driven with real widgets: the demo lab's overview, each
 * chart drawn (and its hover read-out), chart export, and the survival page.
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

/* ---- demo lab and navigation ------------------------------------------------------------- */

static void
test_demo_lab (PdxTestGui *f, gconstpointer data)
{
  gint64           id = pdx_test_gui_study_id (f, "ICR-017-A");
  PdxOverviewPage *overview = pdx_study_page_get_overview_page (f->page);
  g_autoptr (PdxStudyData) study = pdx_study_data_load (pdx_lab_get_db (f->lab), id, NULL);
  g_autofree char *n = g_strdup_printf ("%u", study->n_mice);

  g_assert_true (pdx_window_show_study (f->window, id));
  g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
  g_assert_cmpint (pdx_study_page_get_study_id (f->page), ==, id);
  g_assert_cmpstr (pdx_overview_page_get_headline (overview, "Mice"), ==, n);
  g_assert_nonnull (pdx_overview_page_get_headline (overview, "mRECIST"));
  g_assert_cmpstr (pdx_db_get_operator (pdx_lab_get_db (f->lab)), ==, PDX_TEST_GUI_OPERATOR);
}

/* ---- charts, survival, export ------------------------------------------------------------- */

typedef struct
{
  PdxChartView *view;
  guint         count;
} DrawWait;

static gboolean
drawn_cb (gpointer data)
{
  DrawWait *wait = data;

  return pdx_chart_view_get_draw_count (wait->view) > wait->count &&
         pdx_chart_view_get_layout (wait->view) != NULL;
}

static void
test_charts_draw (PdxTestGui *f, gconstpointer data)
{
  PdxChartsPage *charts = pdx_study_page_get_charts_page (f->page);
  DrawWait       wait = { pdx_charts_page_get_view (charts), 0 };

  g_assert_true (pdx_window_show_study (f->window, pdx_test_gui_study_id (f, "ICR-017-A")));
  pdx_study_page_show_page (f->page, "charts");
  for (int kind = 0; kind < PDX_N_CHART_KINDS; kind++)
    {
      const PdxChartLayout *layout;
      const PdxChartMark   *mark;
      PdxChartHit           hit;

      wait.count = pdx_chart_view_get_draw_count (wait.view);
      pdx_charts_page_set_kind (charts, kind);
      g_assert_true (pdx_test_wait_until (drawn_cb, &wait));
      layout = pdx_chart_view_get_layout (wait.view);
      g_assert_cmpint (layout->kind, ==, kind);
      g_assert_null (layout->message);
      g_assert_cmpuint (layout->marks->len, >, 0);
      /* Hover read-out: the chart's own hit test at a point it drew. */
      mark = &g_array_index (layout->marks, PdxChartMark, 0);
      g_assert_true (pdx_chart_view_hit (
          wait.view, mark->kind == PDX_CHART_MARK_BAR ? (mark->x0 + mark->x1) / 2 : mark->x0,
          mark->kind == PDX_CHART_MARK_BAR ? (mark->y0 + mark->y1) / 2 : mark->y0, &hit));
      g_assert_cmpuint (strlen (hit.label), >, 0);
    }
}

/* Issue #13: the "% change" scale is linear, so Log axis is unticked and off while it is shown
 * (BLI's default log axis ticked before), and ticked again on the absolute scale. */
static void
test_charts_log_axis_percent (PdxTestGui *f, gconstpointer data)
{
  PdxChartsPage *charts = pdx_study_page_get_charts_page (f->page);
  GtkDropDown   *scale = GTK_DROP_DOWN (
        gtk_widget_get_template_child (GTK_WIDGET (charts), PDX_TYPE_CHARTS_PAGE, "scale_dropdown"));
  GtkCheckButton *log_check = GTK_CHECK_BUTTON (
      gtk_widget_get_template_child (GTK_WIDGET (charts), PDX_TYPE_CHARTS_PAGE, "log_check"));
  PdxChartView *view = pdx_charts_page_get_view (charts);

  g_assert_true (pdx_window_show_study (f->window, pdx_test_gui_study_id (f, "ICR-017-A")));
  pdx_study_page_show_page (f->page, "charts");
  pdx_charts_page_set_kind (charts, PDX_CHART_GROWTH);
  g_assert_true (gtk_check_button_get_active (log_check)); /* BLI: log by default */
  gtk_drop_down_set_selected (scale, PDX_CHART_SCALE_PERCENT);
  g_assert_false (gtk_check_button_get_active (log_check));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (log_check)));
  g_assert_false (pdx_chart_get_options (pdx_chart_view_get_chart (view))->log_axis);
  gtk_drop_down_set_selected (scale, PDX_CHART_SCALE_ABSOLUTE);
  g_assert_true (gtk_check_button_get_active (log_check));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (log_check)));
  g_assert_true (pdx_chart_get_options (pdx_chart_view_get_chart (view))->log_axis);
}

/* Issue 17: "Model lines" on the growth chart draws each arm's fitted line (dashed) and the
 * slope table under it (R's nlme gives, on the demo lab of seed 7,
 * tests/fixtures/lmm/demo-icr-017-a-reml.csv: day:armAlpelisib + T-DM1 = −0.150514). With
 * $PDX_TEST_SCREENSHOT set, the page is saved there as a PNG to look at. */
static void
test_charts_model_lines (PdxTestGui *f, gconstpointer data)
{
  PdxChartsPage        *charts = pdx_study_page_get_charts_page (f->page);
  DrawWait              wait = { pdx_charts_page_get_view (charts), 0 };
  const PdxChartLayout *layout;
  gboolean              noted = FALSE;

  g_assert_true (pdx_window_show_study (f->window, pdx_test_gui_study_id (f, "ICR-017-A")));
  pdx_study_page_show_page (f->page, "charts");
  pdx_charts_page_set_kind (charts, PDX_CHART_GROWTH);
  g_assert_true (pdx_test_wait_until (drawn_cb, &wait));
  g_assert_null (pdx_charts_page_get_model_cell (charts, 0, 0));
  wait.count = pdx_chart_view_get_draw_count (wait.view);
  pdx_charts_page_set_model_lines (charts, TRUE);
  g_assert_true (pdx_test_wait_until (drawn_cb, &wait));
  layout = pdx_chart_view_get_layout (wait.view);
  for (guint i = 0; i < layout->notes->len; i++)
    noted |= g_str_has_prefix (layout->notes->pdata[i], "Dashed:");
  g_assert_true (noted);
  g_assert_cmpstr (pdx_charts_page_get_model_cell (charts, 0, 0), ==, "Arm");
  g_assert_cmpstr (pdx_charts_page_get_model_cell (charts, 0, 1), ==, "Vehicle");
  g_assert_cmpstr (pdx_charts_page_get_model_cell (charts, 0, 4), ==, "Alpelisib + T-DM1");
  {
    /* The page shows the analysis module's numbers (equal to R's: test-analysis-lmm). */
    g_autoptr (PdxStudyData) study =
        pdx_study_data_load (pdx_lab_get_db (f->lab), pdx_test_gui_study_id (f, "ICR-017-A"), NULL);
    g_autoptr (PdxGrowthModel) model =
        pdx_growth_model_compute (study, PDX_GROWTH_TRANSFORM_LOG, PDX_GROWTH_FIT_REML, NULL);
    g_autofree char *difference = pdx_format_value (model->groups[3].difference, 4);
    g_assert_cmpstr (pdx_charts_page_get_model_cell (charts, 2, 4), ==, difference);
    g_assert_cmpfloat (model->groups[3].difference, <, -0.05);
  }
  g_assert_cmpstr (pdx_charts_page_get_model_cell (charts, 2, 1), ==, "—");
  g_assert_null (pdx_charts_page_get_model_cell (charts, 0, 5));
  if (g_getenv ("PDX_TEST_SCREENSHOT"))
    {
      GtkWidget *widget = GTK_WIDGET (f->window);
      g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (widget);
      GtkSnapshot *snapshot = gtk_snapshot_new ();
      g_autoptr (GskRenderNode) node = NULL;
      g_autoptr (GdkTexture) texture = NULL;
      gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (widget),
                              gtk_widget_get_height (widget));
      node = gtk_snapshot_free_to_node (snapshot);
      texture =
          gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node, NULL);
      g_assert_true (gdk_texture_save_to_png (texture, g_getenv ("PDX_TEST_SCREENSHOT")));
    }
  wait.count = pdx_chart_view_get_draw_count (wait.view);
  pdx_charts_page_set_model_lines (charts, FALSE);
  g_assert_true (pdx_test_wait_until (drawn_cb, &wait));
  g_assert_null (pdx_charts_page_get_model_cell (charts, 0, 0));
}

static void
test_survival_page (PdxTestGui *f, gconstpointer data)
{
  PdxSurvivalPage *survival = pdx_study_page_get_survival_page (f->page);
  DrawWait         wait = { pdx_survival_page_get_view (survival), 0 };

  g_assert_true (pdx_window_show_study (f->window, pdx_test_gui_study_id (f, "ICR-017-A")));
  pdx_study_page_show_page (f->page, "survival");
  g_assert_true (pdx_test_wait_until (drawn_cb, &wait));
  g_assert_cmpint (pdx_chart_view_get_layout (wait.view)->kind, ==, PDX_CHART_SURVIVAL);
  g_assert_cmpstr (pdx_survival_page_get_cell (survival, 0, 0), ==, "Arm");
  g_assert_nonnull (strstr (pdx_survival_page_get_cell (survival, 0, 1), "control"));
  g_assert_cmpstr (pdx_survival_page_get_cell (survival, 1, 1), !=, "0");
}

static void
test_charts_export (PdxTestGui *f, gconstpointer data)
{
  PdxChartsPage    *charts = pdx_study_page_get_charts_page (f->page);
  DrawWait          wait = { pdx_charts_page_get_view (charts), 0 };
  const char *const exts[] = { "png", "svg", "pdf" };
  const char *const magic[] = { "\x89PNG", "<?xml", "%PDF" };

  g_assert_true (pdx_window_show_study (f->window, pdx_test_gui_study_id (f, "ICR-017-A")));
  pdx_study_page_show_page (f->page, "charts");
  g_assert_true (pdx_test_wait_until (drawn_cb, &wait));
  for (guint i = 0; i < G_N_ELEMENTS (exts); i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/growth.%s", f->dir, exts[i]);
      g_autofree char *contents = NULL;
      gsize            length = 0;
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

int
main (int argc, char *argv[])
{
  pdx_test_gui_init (&argc, &argv);
  PDX_TEST_GUI_ADD ("window/demo-lab", test_demo_lab);
  PDX_TEST_GUI_ADD ("charts/each-draws", test_charts_draw);
  PDX_TEST_GUI_ADD ("charts/export", test_charts_export);
  PDX_TEST_GUI_ADD ("charts/model-lines", test_charts_model_lines);
  PDX_TEST_GUI_ADD ("charts/log-axis-percent", test_charts_log_axis_percent);
  PDX_TEST_GUI_ADD ("survival/page", test_survival_page);
  return g_test_run ();
}
