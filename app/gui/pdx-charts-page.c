/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-charts-page.c — the five charts of a study (see the header). The chart module computes
 * and draws; this page only picks options, shows read-outs and asks where to export. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx-charts-page.h"

#include "pdx-gui-format.h"
#include "pdx-study-binding.h"

#include <math.h>

#define EXPORT_WIDTH 1800
#define EXPORT_HEIGHT 1200
#define EXPORT_DPI 300

struct _PdxChartsPage
{
  GtkWidget parent_instance;

  GtkDropDown    *kind_dropdown, *scale_dropdown, *colour_dropdown;
  GtkCheckButton *log_check, *model_check;
  GtkLabel       *hover_label, *model_caption;
  GtkWidget      *model_box;
  GtkGrid        *model_grid;
  PdxChartView   *chart_view;

  PdxStudyBinding binding;
  PdxStudyData   *data;
  gboolean        updating;
  gboolean        log_wanted; /* the Log axis the person chose, kept while % change is shown */
};

G_DEFINE_FINAL_TYPE (PdxChartsPage, pdx_charts_page, GTK_TYPE_WIDGET)

static void
attach_cell (GtkGrid *grid, int column, int row, const char *text, gboolean heading)
{
  GtkWidget *label = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (label), column == 0 ? 0 : 1);
  gtk_widget_add_css_class (label, heading ? "heading" : "numeric");
  gtk_grid_attach (grid, label, column, row, 1, 1);
}

/* One row of the slope table: arm, slope per day, difference from the control with its 95 %
 * CI, p and the ratio of slopes (empty cells for the control). */
static void
attach_group_row (GtkGrid *grid, int row, const PdxStudyData *data, const PdxGrowthModelGroup *g)
{
  g_autofree char *slope = pdx_format_value (g->slope, 4);
  g_autofree char *difference = pdx_format_value (g->difference, 4);
  g_autofree char *low = pdx_format_value (g->ci_low, 4), *high = pdx_format_value (g->ci_high, 4);
  g_autofree char *p = pdx_format_short (g->p_value), *ratio = pdx_format_value (g->ratio, 2);
  g_autofree char *ci =
      isnan (g->ci_low) ? g_strdup ("—") : g_strdup_printf (_ ("%s to %s"), low, high);

  attach_cell (grid, 0, row, data->arms[g->group].name, FALSE);
  attach_cell (grid, 1, row, slope, FALSE);
  attach_cell (grid, 2, row, difference, FALSE);
  attach_cell (grid, 3, row, ci, FALSE);
  attach_cell (grid, 4, row, isnan (g->p_value) ? "—" : p, FALSE);
  attach_cell (grid, 5, row, ratio, FALSE);
}

/* The growth model's slopes under the chart, or its refusal in the caption. */
static void
update_model_table (PdxChartsPage *self, gboolean shown)
{
  const char *headings[] = { _ ("Arm"), _ ("Slope per day"), _ ("Difference"),
                             /* xgettext:no-c-format */
                             _ ("95 % CI"), _ ("p"), _ ("Ratio") };
  g_autoptr (PdxGrowthModel) model = NULL;
  g_autoptr (GError) error = NULL;
  GtkWidget *child;

  gtk_widget_set_visible (self->model_box, shown);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->model_grid))) != NULL)
    gtk_grid_remove (self->model_grid, child);
  if (!shown)
    return;
  model =
      pdx_growth_model_compute (self->data, PDX_GROWTH_TRANSFORM_LOG, PDX_GROWTH_FIT_REML, &error);
  if (model == NULL)
    {
      gtk_label_set_text (self->model_caption, error->message);
      return;
    }
  for (guint c = 0; c < G_N_ELEMENTS (headings); c++)
    attach_cell (self->model_grid, (int) c, 0, headings[c], TRUE);
  for (guint g = 0; g < model->n_groups; g++)
    attach_group_row (self->model_grid, (int) g + 1, self->data, &model->groups[g]);
  gtk_label_set_text (self->model_caption,
                      _ ("Slopes of log values per day from the mixed-effects model (REML, "
                         "random intercept and slope per mouse); differences and ratios against "
                         "the control, p and CI with containment df as R's nlme"));
}

static void
rebuild_chart (PdxChartsPage *self, gboolean defaults)
{
  PdxChartKind    kind = gtk_drop_down_get_selected (self->kind_dropdown);
  PdxChartOptions options;
  g_autoptr (GError) error = NULL;
  PdxChart *chart;

  if (self->data == NULL)
    {
      pdx_chart_view_set_chart (self->chart_view, NULL);
      gtk_widget_set_visible (self->model_box, FALSE);
      return;
    }
  pdx_chart_options_init (&options, kind, self->data);
  self->updating = TRUE;
  if (defaults)
    {
      gtk_drop_down_set_selected (self->scale_dropdown, options.scale);
      gtk_drop_down_set_selected (self->colour_dropdown, options.colour_by);
      gtk_check_button_set_active (self->log_check, options.log_axis);
    }
  options.scale = gtk_drop_down_get_selected (self->scale_dropdown);
  options.colour_by = gtk_drop_down_get_selected (self->colour_dropdown);
  /* % change is drawn on a linear axis: Log axis shows so (unticked, off) instead of staying
   * ticked over a linear axis, and comes back as it was with another scale. */
  if (options.scale == PDX_CHART_SCALE_PERCENT)
    {
      if (gtk_widget_get_sensitive (GTK_WIDGET (self->log_check)))
        self->log_wanted = gtk_check_button_get_active (self->log_check);
      gtk_check_button_set_active (self->log_check, FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->log_check), FALSE);
      gtk_widget_set_tooltip_text (
          GTK_WIDGET (self->log_check),
          /* xgettext:no-c-format */ _ ("A % change is drawn on a linear axis"));
    }
  else if (!gtk_widget_get_sensitive (GTK_WIDGET (self->log_check)))
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->log_check), TRUE);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->log_check), NULL);
      gtk_check_button_set_active (self->log_check, self->log_wanted);
    }
  options.log_axis = gtk_check_button_get_active (self->log_check);
  options.model_lines = gtk_check_button_get_active (self->model_check) &&
                        kind == PDX_CHART_GROWTH && options.scale == PDX_CHART_SCALE_ABSOLUTE;
  options.dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  options.transparent = TRUE;
  gtk_widget_set_visible (GTK_WIDGET (self->scale_dropdown),
                          kind == PDX_CHART_GROWTH || kind == PDX_CHART_SPIDER);
  gtk_widget_set_visible (GTK_WIDGET (self->log_check),
                          kind == PDX_CHART_GROWTH || kind == PDX_CHART_SPIDER);
  gtk_widget_set_visible (GTK_WIDGET (self->colour_dropdown), kind == PDX_CHART_WATERFALL);
  gtk_widget_set_visible (GTK_WIDGET (self->model_check), kind == PDX_CHART_GROWTH);
  self->updating = FALSE;
  update_model_table (self, options.model_lines);
  chart = pdx_chart_new (self->data, &options, &error);
  if (chart == NULL)
    gtk_label_set_text (self->hover_label, error->message);
  pdx_chart_view_set_chart (self->chart_view, chart);
}

static void
reload (GtkWidget *widget)
{
  PdxChartsPage *self = PDX_CHARTS_PAGE (widget);
  PdxDb         *db = self->binding.lab ? pdx_lab_get_db (self->binding.lab) : NULL;
  g_autoptr (GError) error = NULL;

  g_clear_pointer (&self->data, pdx_study_data_free);
  if (db != NULL && self->binding.study_id != 0)
    {
      self->data = pdx_study_data_load (db, self->binding.study_id, &error);
      if (self->data == NULL)
        gtk_label_set_text (self->hover_label, error->message);
    }
  rebuild_chart (self, TRUE);
}

void
pdx_charts_page_set_study (PdxChartsPage *self, PdxLab *lab, gint64 study_id)
{
  g_return_if_fail (PDX_IS_CHARTS_PAGE (self));
  pdx_study_binding_set (&self->binding, lab, study_id);
}

void
pdx_charts_page_set_kind (PdxChartsPage *self, PdxChartKind kind)
{
  gtk_drop_down_set_selected (self->kind_dropdown, kind);
}

void
pdx_charts_page_set_model_lines (PdxChartsPage *self, gboolean shown)
{
  g_return_if_fail (PDX_IS_CHARTS_PAGE (self));
  gtk_check_button_set_active (self->model_check, shown);
}

const char *
pdx_charts_page_get_model_cell (PdxChartsPage *self, int column, int row)
{
  GtkWidget *child = gtk_grid_get_child_at (self->model_grid, column, row);

  return child ? gtk_label_get_text (GTK_LABEL (child)) : NULL;
}

PdxChartView *
pdx_charts_page_get_view (PdxChartsPage *self)
{
  return self->chart_view;
}

static void
kind_changed_cb (PdxChartsPage *self)
{
  rebuild_chart (self, TRUE);
}

static void
options_changed_cb (PdxChartsPage *self)
{
  if (!self->updating)
    rebuild_chart (self, FALSE);
}

static void
hover_cb (PdxChartsPage *self, const char *label)
{
  gtk_label_set_text (
      self->hover_label,
      label ? label
            : _ ("Point at the chart for values; click a mouse’s curve or bar for its page"));
}

/* A click on one mouse's curve or bar opens that mouse's page. */
static void
mouse_activated_cb (PdxChartsPage *self, gint64 mouse_id)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "study.show-mouse", "x", mouse_id);
}

static void
dark_changed_cb (PdxChartsPage *self)
{
  rebuild_chart (self, FALSE);
}

gboolean
pdx_charts_page_export (PdxChartsPage *self, const char *path, GError **error)
{
  PdxChart       *chart = pdx_chart_view_get_chart (self->chart_view);
  PdxChartOptions options;
  g_autoptr (PdxChart) export_chart = NULL;
  PdxChartFormat format;

  if (chart == NULL || self->data == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, _ ("No chart to export"));
      return FALSE;
    }
  if (!pdx_chart_format_from_path (path, &format, error))
    return FALSE;
  /* The export is always light and opaque, whatever the app's style. */
  options = *pdx_chart_get_options (chart);
  options.dark = FALSE;
  options.transparent = FALSE;
  export_chart = pdx_chart_new (self->data, &options, error);
  return export_chart != NULL && pdx_chart_save (export_chart, path, format, EXPORT_WIDTH,
                                                 EXPORT_HEIGHT, EXPORT_DPI, error);
}

static void
export_response_cb (GtkNativeDialog *chooser, int response, PdxChartsPage *self)
{
  g_autoptr (GFile) file = NULL;
  g_autofree char *path = NULL, *message = NULL;
  g_autoptr (GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      path = g_file_get_path (file);
      if (path != NULL && pdx_charts_page_export (self, path, &error))
        message = g_strdup_printf (_ ("Chart saved to %s"), path);
      else
        message = g_strdup_printf (_ ("Chart not saved: %s"),
                                   error ? error->message : _ ("no local path"));
      gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", message);
    }
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
export_action (GtkWidget *widget, const char *name, GVariant *param)
{
  PdxChartsPage        *self = PDX_CHARTS_PAGE (widget);
  const char           *ext = g_variant_get_string (param, NULL);
  GtkWindow            *parent = GTK_WINDOW (gtk_widget_get_root (widget));
  GtkFileChooserNative *chooser;
  g_autofree char      *suggested = NULL;
  PdxChartKind          kind = gtk_drop_down_get_selected (self->kind_dropdown);

  if (self->data == NULL)
    return;
  chooser = gtk_file_chooser_native_new (_ ("Export Chart"), parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _ ("_Export"), _ ("_Cancel"));
  suggested = g_strdup_printf ("%s-%s.%s", self->data->code, pdx_chart_kind_to_string (kind), ext);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (export_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
pdx_charts_page_dispose (GObject *object)
{
  PdxChartsPage *self = PDX_CHARTS_PAGE (object);

  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  pdx_study_binding_clear (&self->binding);
  gtk_widget_dispose_template (GTK_WIDGET (self), PDX_TYPE_CHARTS_PAGE);
  pdx_widget_unparent_children (GTK_WIDGET (self));
  g_clear_pointer (&self->data, pdx_study_data_free);
  G_OBJECT_CLASS (pdx_charts_page_parent_class)->dispose (object);
}

static void
pdx_charts_page_class_init (PdxChartsPageClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pdx_charts_page_dispose;
  g_type_ensure (PDX_TYPE_CHART_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/pdxtrack/Pdxtrack/ui/pdx-charts-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PdxChartsPage, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PdxChartsPage, scale_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PdxChartsPage, colour_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PdxChartsPage, log_check);
  gtk_widget_class_bind_template_child (widget_class, PdxChartsPage, model_check);
  gtk_widget_class_bind_template_child (widget_class, PdxChartsPage, model_box);
  gtk_widget_class_bind_template_child (widget_class, PdxChartsPage, model_grid);
  gtk_widget_class_bind_template_child (widget_class, PdxChartsPage, model_caption);
  gtk_widget_class_bind_template_child (widget_class, PdxChartsPage, hover_label);
  gtk_widget_class_bind_template_child (widget_class, PdxChartsPage, chart_view);
  gtk_widget_class_bind_template_callback (widget_class, kind_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, options_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, hover_cb);
  gtk_widget_class_bind_template_callback (widget_class, mouse_activated_cb);
  gtk_widget_class_install_action (widget_class, "charts.export", "s", export_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
pdx_charts_page_init (PdxChartsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (adw_style_manager_get_default (), "notify::dark",
                            G_CALLBACK (dark_changed_cb), self);
  pdx_study_binding_init (&self->binding, GTK_WIDGET (self), reload);
}
