/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-survival-page.c — the Kaplan–Meier chart and the per-arm survival table. Numbers come from
 * pdx_survival_compute (pdx-analysis.h); the chart from the chart module. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx-survival-page.h"

#include <math.h>

#include "pdx/pdx-analysis.h"
#include "pdx/pdx-chart.h"
#include "pdx-gui-format.h"
#include "pdx-study-binding.h"

struct _PdxSurvivalPage
{
  GtkWidget parent_instance;

  GtkLabel     *hover_label, *note_label;
  PdxChartView *chart_view;
  GtkGrid      *table_grid;
  GtkWidget    *table_card;

  PdxStudyBinding binding;
};

G_DEFINE_FINAL_TYPE (PdxSurvivalPage, pdx_survival_page, GTK_TYPE_WIDGET)

static const char *const columns[] = {
  N_ ("Arm"),
  N_ ("n"),
  N_ ("Events"),
  N_ ("Censored"),
  /* xgettext:no-c-format */ N_ ("Median, d (95 % CI)"),
  N_ ("%ILS"),
  N_ ("Log-rank χ²"),
  "p",
  /* xgettext:no-c-format */ N_ ("HR (95 % CI)"),
};

static void
cell (PdxSurvivalPage *self, int column, int row, char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), column == 0 ? 0 : 1);
  gtk_widget_add_css_class (label, row == 0 ? "heading" : "numeric");
  gtk_grid_attach (self->table_grid, label, column, row, 1, 1);
  g_free (text);
}

static char *
interval (double low, double high, int digits)
{
  g_autofree char *a = NULL, *b = NULL;

  if (isnan (low) && isnan (high))
    return g_strdup ("—");
  a = isnan (low) ? g_strdup ("?") : g_strdup_printf ("%.*f", digits, low);
  b = isnan (high) ? g_strdup (C_ ("median survival not reached", "NR"))
                   : g_strdup_printf ("%.*f", digits, high);
  return g_strdup_printf ("%s–%s", a, b);
}

/* "62.0 (55.0–NR)"; @missing when @value is NAN. */
static char *
with_interval (double value, double low, double high, int digits, const char *missing)
{
  g_autofree char *range = interval (low, high, digits);

  if (isnan (value))
    return g_strdup (missing);
  if (g_str_equal (range, "—"))
    return g_strdup_printf ("%.*f", digits, value);
  return g_strdup_printf ("%.*f (%s)", digits, value, range);
}

static void
fill_row (PdxSurvivalPage *self, const PdxStudyData *data, const PdxArmSurvival *arm, int row)
{
  g_autofree char *name =
      g_strdup_printf ("%s%s", data->arms[arm->arm].name, arm->is_control ? _ (" (control)") : "");

  cell (self, 0, row, g_strdup (name));
  cell (self, 1, row, g_strdup_printf ("%u", arm->n));
  cell (self, 2, row, g_strdup_printf ("%u", arm->events));
  cell (self, 3, row, g_strdup_printf ("%u", arm->censored));
  cell (self, 4, row,
        with_interval (arm->median, arm->median_ci_low, arm->median_ci_high, 1, _ ("not reached")));
  cell (self, 5, row, pdx_format_value (arm->ils_percent, 1));
  cell (self, 6, row, pdx_format_value (arm->logrank_chisq, 2));
  cell (self, 7, row,
        isnan (arm->logrank_p) ? g_strdup ("—") : g_strdup_printf ("%.3g", arm->logrank_p));
  cell (self, 8, row, with_interval (arm->hazard_ratio, arm->hr_ci_low, arm->hr_ci_high, 2, "—"));
}

static void
clear (PdxSurvivalPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->table_grid))) != NULL)
    gtk_grid_remove (self->table_grid, child);
  gtk_label_set_text (self->note_label, "");
  gtk_widget_set_visible (self->table_card, FALSE);
  pdx_chart_view_set_chart (self->chart_view, NULL);
}

static void
set_chart (PdxSurvivalPage *self, const PdxStudyData *data)
{
  PdxChartOptions options;
  g_autoptr (GError) error = NULL;
  PdxChart *chart;

  pdx_chart_options_init (&options, PDX_CHART_SURVIVAL, data);
  options.dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  options.transparent = TRUE;
  options.show_title = FALSE;
  chart = pdx_chart_new (data, &options, &error);
  if (chart == NULL)
    gtk_label_set_text (self->hover_label, error->message);
  pdx_chart_view_set_chart (self->chart_view, chart);
}

static void
reload (GtkWidget *widget)
{
  PdxSurvivalPage *self = PDX_SURVIVAL_PAGE (widget);
  PdxDb           *db = self->binding.lab ? pdx_lab_get_db (self->binding.lab) : NULL;
  g_autoptr (PdxStudyData) data = NULL;
  g_autoptr (PdxSurvival) survival = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *note = NULL, *open = NULL;

  clear (self);
  if (db == NULL || self->binding.study_id == 0)
    return;
  data = pdx_study_data_load (db, self->binding.study_id, &error);
  if (data != NULL)
    {
      set_chart (self, data);
      survival = pdx_survival_compute (data, &error);
    }
  if (survival == NULL)
    {
      gtk_label_set_text (self->note_label, error->message);
      return;
    }
  gtk_widget_set_visible (self->table_card, TRUE);
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    cell (self, c, 0, g_strdup (_ (columns[c])));
  for (guint i = 0; i < survival->n_arms; i++)
    fill_row (self, data, &survival->arms[i], i + 1);
  if (survival->n_open > 0)
    open = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         " %u mouse has no endpoint yet and is censored at its "
                                         "last observation.",
                                         " %u mice have no endpoint yet and are censored at their "
                                         "last observation.",
                                         survival->n_open),
                            survival->n_open);
  note = g_strdup_printf (_ ("Survival from implant to endpoint; Kaplan–Meier with log-transformed "
                             "95 %% CI, log-rank and Cox (Efron) against the control.%s"),
                          open ? open : "");
  gtk_label_set_text (self->note_label, note);
}

void
pdx_survival_page_set_study (PdxSurvivalPage *self, PdxLab *lab, gint64 study_id)
{
  g_return_if_fail (PDX_IS_SURVIVAL_PAGE (self));
  pdx_study_binding_set (&self->binding, lab, study_id);
}

PdxChartView *
pdx_survival_page_get_view (PdxSurvivalPage *self)
{
  return self->chart_view;
}

const char *
pdx_survival_page_get_cell (PdxSurvivalPage *self, int column, int row)
{
  GtkWidget *child = gtk_grid_get_child_at (self->table_grid, column, row);

  return child ? gtk_label_get_text (GTK_LABEL (child)) : NULL;
}

static void
hover_cb (PdxSurvivalPage *self, const char *label)
{
  gtk_label_set_text (self->hover_label,
                      label ? label : _ ("Point at a curve for S(t) and the number at risk"));
}

static void
dark_changed_cb (PdxSurvivalPage *self)
{
  pdx_study_binding_invalidate (&self->binding);
}

static void
pdx_survival_page_dispose (GObject *object)
{
  PdxSurvivalPage *self = PDX_SURVIVAL_PAGE (object);

  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  pdx_study_binding_clear (&self->binding);
  gtk_widget_dispose_template (GTK_WIDGET (self), PDX_TYPE_SURVIVAL_PAGE);
  pdx_widget_unparent_children (GTK_WIDGET (self));
  G_OBJECT_CLASS (pdx_survival_page_parent_class)->dispose (object);
}

static void
pdx_survival_page_class_init (PdxSurvivalPageClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pdx_survival_page_dispose;
  g_type_ensure (PDX_TYPE_CHART_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/pdxtrack/Pdxtrack/ui/pdx-survival-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PdxSurvivalPage, hover_label);
  gtk_widget_class_bind_template_child (widget_class, PdxSurvivalPage, note_label);
  gtk_widget_class_bind_template_child (widget_class, PdxSurvivalPage, chart_view);
  gtk_widget_class_bind_template_child (widget_class, PdxSurvivalPage, table_grid);
  gtk_widget_class_bind_template_child (widget_class, PdxSurvivalPage, table_card);
  gtk_widget_class_bind_template_callback (widget_class, hover_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
pdx_survival_page_init (PdxSurvivalPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (adw_style_manager_get_default (), "notify::dark",
                            G_CALLBACK (dark_changed_cb), self);
  pdx_study_binding_init (&self->binding, GTK_WIDGET (self), reload);
}
