/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-study-page.c — one study: Overview, Mice, Measure, Charts, Survival and History; the
 * study's own actions (edit, change status, duplicate, export). */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx-study-page.h"

#include "pdx-edit-arms-dialog.h"
#include "pdx-duplicate-study-dialog.h"
#include "pdx-edit-study-dialog.h"
#include "pdx-gui-format.h"
#include "pdx-mice-dialogs.h"
#include "pdx-status-dialog.h"
#include "pdx-mouse-page.h"
#include "pdx-study-export.h"

struct _PdxStudyPage
{
  GtkWidget  parent_instance;
  GtkWidget *back_button;
  GtkLabel  *study_label; /* the study's code while the switcher hides the title */
  GtkWidget *study_menu_button;

  AdwViewSwitcherTitle *switcher_title;
  GtkStack             *content_stack; /* "tabs" (the view stack) or "mouse" */
  AdwViewStack         *stack;
  PdxMousePage         *mouse_page;
  PdxOverviewPage      *overview_page;
  PdxMicePage          *mice_page;
  PdxMeasureSheet      *measure_sheet;
  PdxChartsPage        *charts_page;
  PdxSurvivalPage      *survival_page;
  PdxHistoryPage       *history_page;

  PdxLab *lab;
  gint64  study_id;
};

G_DEFINE_FINAL_TYPE (PdxStudyPage, pdx_study_page, GTK_TYPE_WIDGET)

/* A locked study (or a read-only lab) cannot be edited nor change status: those actions off,
 * the lock named in the tooltip of what offers them. Duplicating only reads it. */
static void
apply_lock (PdxStudyPage *self)
{
  PdxDb           *db = self->lab ? pdx_lab_get_db (self->lab) : NULL;
  g_autofree char *why =
      db && self->study_id ? pdx_study_dup_locked_tooltip (db, self->study_id) : NULL;
  gboolean writable = db != NULL && self->study_id != 0 && !pdx_db_is_read_only (db);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "study.edit", writable && why == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "study.change-status", writable && why == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "study.duplicate", writable);
  gtk_widget_set_tooltip_text (self->study_menu_button, why ? why : _ ("Study"));
  pdx_widget_explain_locked (GTK_WIDGET (self->overview_page), "study.", why);
}

static void
update_title (PdxStudyPage *self)
{
  g_autoptr (PdxStudy) study = NULL;
  g_autoptr (GError) error = NULL;
  GtkRoot *root;

  if (self->lab != NULL && self->study_id != 0)
    study = pdx_study_get (pdx_lab_get_db (self->lab), self->study_id, &error);
  adw_view_switcher_title_set_title (self->switcher_title, study ? study->code : "");
  adw_view_switcher_title_set_subtitle (self->switcher_title,
                                        study && study->title ? study->title : "");
  /* Named on every tab and in the window title: a day is never typed into the wrong study. */
  gtk_label_set_text (self->study_label, study ? study->code : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->study_label),
                               study && study->title ? study->title : NULL);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (study != NULL && GTK_IS_WINDOW (root))
    {
      g_autofree char *lab_name = pdx_lab_dup_display_name (self->lab);
      g_autofree char *title = g_strdup_printf ("%s — %s — pdxtrack", study->code, lab_name);

      gtk_window_set_title (GTK_WINDOW (root), title);
    }
}

static void
title_visible_cb (PdxStudyPage *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->study_label),
                          !adw_view_switcher_title_get_title_visible (self->switcher_title));
}

static void
study_changed_cb (PdxLab *lab, gint64 study_id, PdxStudyPage *self)
{
  if (study_id == 0 || study_id == self->study_id)
    {
      update_title (self);
      apply_lock (self);
    }
}

void
pdx_study_page_set_study (PdxStudyPage *self, PdxLab *lab, gint64 study_id)
{
  g_return_if_fail (PDX_IS_STUDY_PAGE (self));

  if (self->lab != lab)
    {
      if (self->lab != NULL)
        g_signal_handlers_disconnect_by_data (self->lab, self);
      g_set_object (&self->lab, lab);
      if (lab != NULL)
        g_signal_connect (lab, "study-changed", G_CALLBACK (study_changed_cb), self);
    }
  self->study_id = lab != NULL ? study_id : 0;
  update_title (self);
  apply_lock (self);
  pdx_overview_page_set_study (self->overview_page, lab, self->study_id);
  pdx_mice_page_set_study (self->mice_page, lab, self->study_id);
  pdx_measure_sheet_set_study (self->measure_sheet, lab, self->study_id);
  pdx_charts_page_set_study (self->charts_page, lab, self->study_id);
  pdx_survival_page_set_study (self->survival_page, lab, self->study_id);
  pdx_history_page_set_study (self->history_page, lab, self->study_id);
  pdx_study_page_close_mouse (self);
}

gint64
pdx_study_page_get_study_id (PdxStudyPage *self)
{
  return self->study_id;
}

void
pdx_study_page_show_page (PdxStudyPage *self, const char *name)
{
  g_return_if_fail (PDX_IS_STUDY_PAGE (self));
  pdx_study_page_close_mouse (self);
  if (adw_view_stack_get_child_by_name (self->stack, name) != NULL)
    adw_view_stack_set_visible_child_name (self->stack, name);
}

gboolean
pdx_study_page_has_unsaved (PdxStudyPage *self)
{
  return pdx_measure_sheet_has_unsaved (self->measure_sheet);
}

gboolean
pdx_study_page_save (PdxStudyPage *self)
{
  return pdx_measure_sheet_save (self->measure_sheet);
}

void
pdx_study_page_discard (PdxStudyPage *self)
{
  pdx_measure_sheet_discard (self->measure_sheet);
}

void
pdx_study_page_show_mouse (PdxStudyPage *self, gint64 mouse_id)
{
  g_return_if_fail (PDX_IS_STUDY_PAGE (self));
  if (self->lab == NULL || self->study_id == 0 || mouse_id == 0)
    return;
  pdx_mouse_page_set_mouse (self->mouse_page, self->lab, self->study_id, mouse_id);
  gtk_stack_set_visible_child_name (self->content_stack, "mouse");
  gtk_widget_grab_focus (GTK_WIDGET (self->mouse_page));
}

void
pdx_study_page_close_mouse (PdxStudyPage *self)
{
  g_return_if_fail (PDX_IS_STUDY_PAGE (self));
  gtk_stack_set_visible_child_name (self->content_stack, "tabs");
}

gboolean
pdx_study_page_shows_mouse (PdxStudyPage *self)
{
  g_return_val_if_fail (PDX_IS_STUDY_PAGE (self), FALSE);
  return g_str_equal (gtk_stack_get_visible_child_name (self->content_stack), "mouse");
}

PdxMousePage *
pdx_study_page_get_mouse_page (PdxStudyPage *self)
{
  return self->mouse_page;
}

PdxOverviewPage *
pdx_study_page_get_overview_page (PdxStudyPage *self)
{
  return self->overview_page;
}

PdxMicePage *
pdx_study_page_get_mice_page (PdxStudyPage *self)
{
  return self->mice_page;
}

PdxMeasureSheet *
pdx_study_page_get_measure_sheet (PdxStudyPage *self)
{
  return self->measure_sheet;
}

PdxChartsPage *
pdx_study_page_get_charts_page (PdxStudyPage *self)
{
  return self->charts_page;
}

PdxSurvivalPage *
pdx_study_page_get_survival_page (PdxStudyPage *self)
{
  return self->survival_page;
}

PdxHistoryPage *
pdx_study_page_get_history_page (PdxStudyPage *self)
{
  return self->history_page;
}

static void
export_action (GtkWidget *widget, const char *name, GVariant *param)
{
  PdxStudyPage      *self = PDX_STUDY_PAGE (widget);
  PdxStudyExportKind kind;

  if (self->lab == NULL || self->study_id == 0 ||
      !pdx_study_export_kind_from_string (g_variant_get_string (param, NULL), &kind))
    return;
  pdx_study_export_run (widget, self->lab, self->study_id, kind);
}

/* study.edit-arms: the Edit Arms dialog of the study (docs/study-lifecycle.md). */
static void
edit_arms_action (GtkWidget *widget, const char *name, GVariant *param)
{
  PdxStudyPage *self = PDX_STUDY_PAGE (widget);
  g_autoptr (GError) error = NULL;
  PdxEditArmsDialog *dialog;
  GtkRoot           *root = gtk_widget_get_root (widget);

  if (self->lab == NULL || self->study_id == 0)
    return;
  dialog = pdx_edit_arms_dialog_new (widget, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                     self->lab, self->study_id, &error);
  if (dialog == NULL)
    {
      gtk_widget_activate_action (widget, "win.toast", "s", error->message);
      return;
    }
  gtk_window_present (GTK_WINDOW (dialog));
}

/* study.edit, study.change-status, study.duplicate: their dialogs; toasts go to the page. */
static void
study_dialog_action (GtkWidget *widget, const char *name, GVariant *param)
{
  PdxStudyPage *self = PDX_STUDY_PAGE (widget);
  GtkWindow    *parent = GTK_WINDOW (gtk_widget_get_root (widget));
  g_autoptr (GError) error = NULL;
  GtkWindow *dialog = NULL;

  if (self->lab == NULL || self->study_id == 0)
    return;
  if (g_str_equal (name, "study.edit"))
    dialog =
        GTK_WINDOW (pdx_edit_study_dialog_new (widget, parent, self->lab, self->study_id, &error));
  else if (g_str_equal (name, "study.change-status"))
    dialog = GTK_WINDOW (pdx_status_dialog_new (widget, parent, self->lab, self->study_id, &error));
  else
    dialog = GTK_WINDOW (
        pdx_duplicate_study_dialog_new (widget, parent, self->lab, self->study_id, &error));
  if (dialog == NULL)
    dialog =
        GTK_WINDOW (pdx_mice_dialog_alert (parent, _ ("Cannot Open the Study"), error->message));
  gtk_window_present (dialog);
}

/* study.show-mouse (x: the mouse's id), from the Mice list, the sheet, a chart, the History. */
static void
show_mouse_action (GtkWidget *widget, const char *name, GVariant *param)
{
  pdx_study_page_show_mouse (PDX_STUDY_PAGE (widget), g_variant_get_int64 (param));
}

static void
close_mouse_action (GtkWidget *widget, const char *name, GVariant *param)
{
  PdxStudyPage *self = PDX_STUDY_PAGE (widget);
  GtkWidget    *tab = adw_view_stack_get_visible_child (self->stack);

  pdx_study_page_close_mouse (self);
  if (tab != NULL)
    gtk_widget_child_focus (tab, GTK_DIR_TAB_FORWARD);
}

/* study.mouse-history (s: the mouse's tag): the History filtered by that mouse. */
static void
mouse_history_action (GtkWidget *widget, const char *name, GVariant *param)
{
  PdxStudyPage *self = PDX_STUDY_PAGE (widget);

  pdx_history_page_filter (self->history_page, g_variant_get_string (param, NULL), NULL, NULL,
                           NULL);
  pdx_study_page_close_mouse (self);
  adw_view_stack_set_visible_child_name (self->stack, "history");
}

/* A tab chosen in the switcher while a mouse is shown shows that tab. */
static void
tab_changed_cb (PdxStudyPage *self)
{
  pdx_study_page_close_mouse (self);
}

static void
pdx_study_page_dispose (GObject *object)
{
  PdxStudyPage *self = PDX_STUDY_PAGE (object);

  if (self->lab != NULL)
    g_signal_handlers_disconnect_by_data (self->lab, self);
  g_clear_object (&self->lab);
  gtk_widget_dispose_template (GTK_WIDGET (self), PDX_TYPE_STUDY_PAGE);
  pdx_widget_unparent_children (GTK_WIDGET (self));
  G_OBJECT_CLASS (pdx_study_page_parent_class)->dispose (object);
}

static void
pdx_study_page_class_init (PdxStudyPageClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pdx_study_page_dispose;
  g_type_ensure (PDX_TYPE_OVERVIEW_PAGE);
  g_type_ensure (PDX_TYPE_MICE_PAGE);
  g_type_ensure (PDX_TYPE_MEASURE_SHEET);
  g_type_ensure (PDX_TYPE_CHARTS_PAGE);
  g_type_ensure (PDX_TYPE_SURVIVAL_PAGE);
  g_type_ensure (PDX_TYPE_HISTORY_PAGE);
  g_type_ensure (PDX_TYPE_MOUSE_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/pdxtrack/Pdxtrack/ui/pdx-study-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PdxStudyPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, PdxStudyPage, study_label);
  gtk_widget_class_bind_template_child (widget_class, PdxStudyPage, study_menu_button);
  gtk_widget_class_bind_template_child (widget_class, PdxStudyPage, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, PdxStudyPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, PdxStudyPage, stack);
  gtk_widget_class_bind_template_child (widget_class, PdxStudyPage, mouse_page);
  gtk_widget_class_bind_template_child (widget_class, PdxStudyPage, overview_page);
  gtk_widget_class_bind_template_child (widget_class, PdxStudyPage, mice_page);
  gtk_widget_class_bind_template_child (widget_class, PdxStudyPage, measure_sheet);
  gtk_widget_class_bind_template_child (widget_class, PdxStudyPage, charts_page);
  gtk_widget_class_bind_template_child (widget_class, PdxStudyPage, survival_page);
  gtk_widget_class_bind_template_child (widget_class, PdxStudyPage, history_page);
  /* study.export ("summary-csv", "summary-xlsx", "measurements-csv", "report-pdf"). */
  gtk_widget_class_install_action (widget_class, "study.export", "s", export_action);
  gtk_widget_class_install_action (widget_class, "study.edit-arms", NULL, edit_arms_action);
  gtk_widget_class_install_action (widget_class, "study.show-mouse", "x", show_mouse_action);
  gtk_widget_class_install_action (widget_class, "study.close-mouse", NULL, close_mouse_action);
  gtk_widget_class_install_action (widget_class, "study.mouse-history", "s", mouse_history_action);
  gtk_widget_class_install_action (widget_class, "study.edit", NULL, study_dialog_action);
  gtk_widget_class_install_action (widget_class, "study.change-status", NULL, study_dialog_action);
  gtk_widget_class_install_action (widget_class, "study.duplicate", NULL, study_dialog_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "study.export",
                                       "s", "report-pdf");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "study.edit", NULL);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
pdx_study_page_init (PdxStudyPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->stack, "notify::visible-child", G_CALLBACK (tab_changed_cb),
                            self);
  g_signal_connect_swapped (self->switcher_title, "notify::title-visible",
                            G_CALLBACK (title_visible_cb), self);
  title_visible_cb (self);
}

void
pdx_study_page_set_show_back (PdxStudyPage *self, gboolean show_back)
{
  gtk_widget_set_visible (self->back_button, show_back);
}
