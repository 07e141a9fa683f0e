/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-mice-page.c — a study's mice (see the header). The table is a GtkColumnView: only visible
 * rows have widgets; sorting and filtering run on the item properties. The rows are read and
 * worked out (the study's data in its few indexed queries, every mouse's response and weight,
 * the items and their texts) in a GTask thread on a read-only connection of its own, as the
 * mouse page and the History do: the UI thread only puts the finished items into the list, so
 * opening the Mice page of a 500-mouse study never stalls the window. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx-mice-page.h"

#include <math.h>

#include "pdx/pdx-analysis.h"
#include "pdx-gui-format.h"
#include "pdx-list-fill.h"
#include "pdx-mice-dialogs.h"
#include "pdx-mouse-item.h"
#include "pdx-study-binding.h"

struct _PdxMicePage
{
  GtkWidget parent_instance;

  GtkSearchEntry *search_entry;
  GtkDropDown    *filter_dropdown;
  GtkLabel       *count_label;
  GtkColumnView  *column_view;
  GtkStack       *stack;

  PdxStudyBinding     binding;
  GListStore         *store;
  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
  GtkSingleSelection *selection;
  double              warning_percent, humane_percent;
  GCancellable       *cancellable;      /* the load in flight, NULL when none */
  gint64              shown_study_id;   /* the study the list's items are of */
  PdxListFill         fill;             /* a finished load's items going in */
  gint64              pending_selected; /* the mouse selected when they started to */
};

G_DEFINE_FINAL_TYPE (PdxMicePage, pdx_mice_page, GTK_TYPE_WIDGET)

enum
{
  SHOW_ALL,
  SHOW_ALIVE,
  SHOW_ALERTS,
  SHOW_ENDPOINT,
  SHOW_EXCLUDED,
  SHOW_UNASSIGNED
};

static gboolean
contains_casefold (const char *haystack, const char *needle)
{
  g_autofree char *h = g_utf8_casefold (haystack ? haystack : "", -1);

  return strstr (h, needle) != NULL;
}

static gboolean
mouse_matches (gpointer object, gpointer user_data)
{
  PdxMicePage     *self = PDX_MICE_PAGE (user_data);
  PdxMouseItem    *item = PDX_MOUSE_ITEM (object);
  const char      *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *status = NULL, *arm = NULL, *cage = NULL, *needle = NULL;

  g_object_get (item, "status", &status, "arm", &arm, "cage", &cage, NULL);
  switch (gtk_drop_down_get_selected (self->filter_dropdown))
    {
    case SHOW_ALIVE:
      if (!pdx_mouse_item_get_live (item))
        return FALSE;
      break;
    case SHOW_ALERTS:
      if (pdx_mouse_item_get_alert (item) == PDX_MOUSE_ALERT_NONE)
        return FALSE;
      break;
    case SHOW_ENDPOINT:
      if (pdx_mouse_item_get_live (item) || g_str_has_prefix (status, _ ("excluded")))
        return FALSE;
      break;
    case SHOW_EXCLUDED:
      if (!g_str_has_prefix (status, _ ("excluded")))
        return FALSE;
      break;
    case SHOW_UNASSIGNED:
      if (g_strcmp0 (arm, "—") != 0)
        return FALSE;
      break;
    default:
      break;
    }
  if (text == NULL || text[0] == '\0')
    return TRUE;
  needle = g_utf8_casefold (text, -1);
  return contains_casefold (pdx_mouse_item_get_tag (item), needle) ||
         contains_casefold (arm, needle) || contains_casefold (cage, needle);
}

static void
update_count (PdxMicePage *self)
{
  guint            shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  guint            total = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  g_autofree char *text = g_strdup_printf (C_ ("mice shown", "%u of %u"), shown, total);
  g_autofree char *tooltip =
      g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of the study’s %u mouse shown",
                                    "%u of the study’s %u mice shown", total),
                       shown, total);

  /* Short: the toolbar is full at the default window size. */
  gtk_label_set_text (self->count_label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->count_label), tooltip);
  /* While the rows are read the (empty) list stays, not the "no mice" page. */
  gtk_stack_set_visible_child_name (self->stack,
                                    total > 0 || self->cancellable != NULL ? "list" : "empty");
}

static void
filter_changed_cb (PdxMicePage *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_count (self);
}

/* ---- loading ------------------------------------------------------------------------------ */

static const char *
mouse_status (const PdxStudyMouse *mouse)
{
  if (mouse->excluded)
    return _ ("excluded");
  /* Short forms of the endpoint kinds: the column has little room. */
  static const char *const short_kinds[] = {
    [PDX_ENDPOINT_FOUND_DEAD] = N_ ("found dead"),
    [PDX_ENDPOINT_HUMANE_NEURO] = N_ ("humane: neuro signs"),
    [PDX_ENDPOINT_HUMANE_WEIGHT] = N_ ("humane: weight loss"),
    [PDX_ENDPOINT_END_OF_STUDY] = N_ ("end of study"),
    [PDX_ENDPOINT_OTHER] = N_ ("endpoint: other"),
  };

  if (mouse->has_endpoint)
    return mouse->endpoint_kind <= PDX_ENDPOINT_OTHER
               ? _ (short_kinds[mouse->endpoint_kind])
               : _ (pdx_endpoint_kind_get_label (mouse->endpoint_kind));
  return mouse->arm < 0 ? _ ("alive, not randomised") : _ ("alive");
}

static int
days_on_study (const PdxStudyMouse *mouse, double today)
{
  double start = isnan (mouse->implant_day) ? 0 : mouse->implant_day;
  double end = mouse->has_endpoint ? mouse->endpoint_day : today;

  return isnan (end) ? -1 : (int) (end - start);
}

/* ---- the load, in a thread ------------------------------------------------------------------- */

typedef struct
{
  char  *lab_path;
  gint64 study_id;
  double warning_percent, humane_percent;
  char  *today; /* ISO: the days on study count to it */
} Load;

static void
load_free (Load *load)
{
  g_free (load->lab_path);
  g_free (load->today);
  g_free (load);
}

static PdxMouseItem *
item_for_mouse (const Load           *load,
                const PdxStudyData   *data,
                guint                 i,
                const PdxResponse    *response,
                const PdxMouseWeight *weight,
                double                today)
{
  const PdxStudyMouse *mouse = &data->mice[i];
  double             last = response->n_points > 0 ? response->value[response->n_points - 1] : NAN;
  g_autofree char   *last_text = NULL;
  g_autofree char   *value_text = pdx_format_readout (data->readout, last);
  PdxMouseItemFields f = { 0 };
  double             loss = weight->last_loss_percent;

  last_text = isnan (last) ? g_strdup ("—")
                           : g_strdup_printf (_ ("%s (day %.0f)"), value_text,
                                              response->day[response->n_points - 1]);
  f.id = mouse->id;
  f.tag = mouse->tag;
  f.arm = mouse->arm >= 0 ? data->arms[mouse->arm].name : NULL;
  f.cage = mouse->cage;
  f.sex = mouse->sex;
  f.status = mouse_status (mouse);
  f.live = !mouse->excluded && !mouse->has_endpoint;
  f.last_value = last;
  f.last_value_text = last_text;
  f.weight_change = isnan (loss) ? NAN : (loss == 0 ? 0 : -loss);
  f.days_on_study = days_on_study (mouse, today);
  f.alert = PDX_MOUSE_ALERT_NONE;
  if (!mouse->excluded && !isnan (weight->max_loss_percent))
    {
      if (weight->max_loss_percent >= load->humane_percent)
        f.alert = PDX_MOUSE_ALERT_HUMANE;
      else if (weight->max_loss_percent >= load->warning_percent)
        f.alert = PDX_MOUSE_ALERT_WARNING;
    }
  return pdx_mouse_item_new (&f);
}

/* A locked study's mice cannot change: every editing action off, with the lock as tooltip. */
static void
apply_lock (PdxMicePage *self, PdxDb *db)
{
  static const char *const actions[] = { "mice.add",     "mice.randomise", "mice.endpoint",
                                         "mice.exclude", "mice.edit",      "mice.delete" };
  g_autofree char         *why = pdx_study_dup_locked_tooltip (db, self->binding.study_id);

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), actions[i], why == NULL);
  pdx_widget_explain_locked (GTK_WIDGET (self), "mice.", why);
}

/* The study's mice as items (a new array of PdxMouseItem), or NULL with @error. */
static GPtrArray *
read_items (PdxDb *db, const Load *load, GError **error)
{
  g_autoptr (PdxStudyData) data = pdx_study_data_load (db, load->study_id, error);
  g_autoptr (GPtrArray) responses = NULL, weights = NULL;
  GPtrArray *items;
  int        today_day = 0;

  if (data == NULL)
    return NULL;
  pdx_days_between (data->day0, load->today, &today_day);
  responses = pdx_response_list (data);
  weights = pdx_mouse_weight_list (data);
  items = g_ptr_array_new_full (data->n_mice, g_object_unref);
  for (guint i = 0; i < data->n_mice; i++)
    g_ptr_array_add (items, item_for_mouse (load, data, i, g_ptr_array_index (responses, i),
                                            g_ptr_array_index (weights, i), today_day));
  return items;
}

static void
load_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  const Load *load = task_data;
  gint64      start = g_get_monotonic_time ();
  GError     *error = NULL;
  g_autoptr (PdxDb) db = pdx_db_open (load->lab_path, PDX_DB_OPEN_READONLY, &error);
  GPtrArray *items = db != NULL ? read_items (db, load, &error) : NULL;

  if (items == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_debug ("PdxMicePage: study %" G_GINT64_FORMAT ", %u mice read in %.1f ms (thread)",
           load->study_id, items->len, (g_get_monotonic_time () - start) / 1000.0);
  g_task_return_pointer (task, items, (GDestroyNotify) g_ptr_array_unref);
}

/* ---- the list -------------------------------------------------------------------------------- */

static gint64 selected_mouse (PdxMicePage *self);

/* How many rows a fill step puts into the list (pdx-list-fill.h): a row of this table is nine
 * cells, and the whole list at once made GTK build 200 rows' widgets in one go (0.1–0.4 s for a
 * 500-mouse study on the development VM); 10 rows a step keep each under 30 ms there. */
#define FILL_STEP 10

static void
select_mouse_id (PdxMicePage *self, gint64 mouse_id)
{
  GListModel *shown = G_LIST_MODEL (self->selection);
  guint       n = g_list_model_get_n_items (shown);

  for (guint i = 0; i < n && mouse_id != 0; i++)
    {
      g_autoptr (PdxMouseItem) item = g_list_model_get_item (shown, i);
      if (pdx_mouse_item_get_id (item) == mouse_id)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return;
        }
    }
}

/* The list holds the load's items: the person's selected mouse stays selected over a refresh
 * (another writer's change, a refused dialog), so an action that follows acts on the mouse they
 * chose. */
static void
fill_done (gpointer owner)
{
  PdxMicePage *self = PDX_MICE_PAGE (owner);

  select_mouse_id (self, self->pending_selected);
  update_count (self);
}

/* The items of a finished load replace the list's, a step at a time. */
static void
show_items (PdxMicePage *self, GPtrArray *items)
{
  if (!pdx_list_fill_is_running (&self->fill))
    self->pending_selected = selected_mouse (self);
  pdx_list_fill_start (&self->fill, self->store, items, FILL_STEP, fill_done, self);
}

static void
load_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) items = g_task_propagate_pointer (G_TASK (result), &error);
  PdxMicePage *self;
  gint64       start = g_get_monotonic_time ();

  /* Cancelled: a newer load, another study, or the page is gone; the result is dropped. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = PDX_MICE_PAGE (source);
  g_clear_object (&self->cancellable);
  if (items == NULL)
    {
      pdx_list_fill_stop (&self->fill);
      g_list_store_remove_all (self->store);
      update_count (self);
      gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", error->message);
      return;
    }
  show_items (self, items);
  g_debug ("PdxMicePage: study %" G_GINT64_FORMAT ", %u mice shown in %.1f ms",
           self->binding.study_id, items->len, (g_get_monotonic_time () - start) / 1000.0);
}

static void
reload (GtkWidget *widget)
{
  PdxMicePage *self = PDX_MICE_PAGE (widget);
  PdxDb       *db = self->binding.lab ? pdx_lab_get_db (self->binding.lab) : NULL;
  g_autoptr (GTask) task = NULL;
  Load *load;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (db == NULL || self->binding.study_id == 0)
    {
      pdx_list_fill_stop (&self->fill);
      self->shown_study_id = 0;
      g_list_store_remove_all (self->store);
      update_count (self);
      return;
    }
  apply_lock (self, db);
  self->cancellable = g_cancellable_new ();
  /* Another study's mice never stay on screen (nor selected) while this one's are read. */
  if (self->shown_study_id != self->binding.study_id)
    {
      pdx_list_fill_stop (&self->fill);
      g_list_store_remove_all (self->store);
      self->shown_study_id = self->binding.study_id;
    }
  update_count (self);
  load = g_new0 (Load, 1);
  load->lab_path = g_strdup (pdx_db_get_path (db));
  load->study_id = self->binding.study_id;
  load->warning_percent = self->warning_percent;
  load->humane_percent = self->humane_percent;
  load->today = pdx_format_today ();
  task = g_task_new (self, self->cancellable, load_done_cb, NULL);
  g_task_set_name (task, "pdx_mice_page load");
  g_task_set_task_data (task, load, (GDestroyNotify) load_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, load_thread);
}

void
pdx_mice_page_set_study (PdxMicePage *self, PdxLab *lab, gint64 study_id)
{
  g_return_if_fail (PDX_IS_MICE_PAGE (self));
  pdx_study_binding_set (&self->binding, lab, study_id);
}

void
pdx_mice_page_set_limits (PdxMicePage *self, double warning_percent, double humane_percent)
{
  self->warning_percent = warning_percent;
  self->humane_percent = humane_percent;
  pdx_study_binding_invalidate (&self->binding);
}

gboolean
pdx_mice_page_is_loading (PdxMicePage *self)
{
  g_return_val_if_fail (PDX_IS_MICE_PAGE (self), FALSE);
  return self->cancellable != NULL || pdx_list_fill_is_running (&self->fill);
}

GListModel *
pdx_mice_page_get_model (PdxMicePage *self)
{
  return G_LIST_MODEL (self->selection);
}

gboolean
pdx_mice_page_select (PdxMicePage *self, const char *tag)
{
  GListModel *model = G_LIST_MODEL (self->selection);
  guint       n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (PdxMouseItem) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (pdx_mouse_item_get_tag (item), tag) == 0)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return TRUE;
        }
    }
  return FALSE;
}

/* ---- columns ------------------------------------------------------------------------------ */

static void
setup_label_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer numeric)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1 : 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
bind_label_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer numeric)
{
  const char      *property = g_object_get_data (G_OBJECT (factory), "pdx-property");
  GtkWidget       *label = gtk_list_item_get_child (item);
  PdxMouseItem    *mouse = gtk_list_item_get_item (item);
  g_autofree char *text = NULL;

  g_object_get (mouse, property, &text, NULL);
  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_widget_set_tooltip_text (label, text);
  gtk_widget_remove_css_class (label, "error");
  gtk_widget_remove_css_class (label, "warning");
  if (g_str_equal (property, "alert-text") || g_str_equal (property, "weight-text"))
    {
      PdxMouseAlert alert = pdx_mouse_item_get_alert (mouse);

      if (alert != PDX_MOUSE_ALERT_NONE)
        gtk_widget_add_css_class (label, alert == PDX_MOUSE_ALERT_HUMANE ? "error" : "warning");
    }
}

static void
add_column (PdxMicePage *self,
            const char  *title,
            const char  *text_property,
            const char  *sort_property,
            GType        sort_type,
            int          fixed_width)
{
  GtkListItemFactory  *factory = gtk_signal_list_item_factory_new ();
  gboolean             numeric = sort_type != G_TYPE_STRING;
  GtkColumnViewColumn *column;
  GtkExpression       *expression;
  GtkSorter           *sorter;

  g_object_set_data_full (G_OBJECT (factory), "pdx-property", g_strdup (text_property), g_free);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_label_cb), GINT_TO_POINTER (numeric));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_label_cb), GINT_TO_POINTER (numeric));
  column = gtk_column_view_column_new (title, factory);
  expression = gtk_property_expression_new (PDX_TYPE_MOUSE_ITEM, NULL, sort_property);
  if (numeric)
    sorter = GTK_SORTER (gtk_numeric_sorter_new (expression));
  else
    sorter = GTK_SORTER (gtk_string_sorter_new (expression));
  gtk_column_view_column_set_sorter (column, sorter);
  g_object_unref (sorter);
  gtk_column_view_column_set_resizable (column, TRUE);
  if (fixed_width > 0)
    gtk_column_view_column_set_fixed_width (column, fixed_width);
  else
    gtk_column_view_column_set_expand (column, TRUE);
  gtk_column_view_append_column (self->column_view, column);
  g_object_unref (column);
}

static void
add_columns (PdxMicePage *self)
{
  /* Fixed widths (px) for the short columns; Arm and Status share what is left. */
  add_column (self, _ ("Mouse"), "tag", "tag", G_TYPE_STRING, 76);
  add_column (self, _ ("Arm"), "arm", "arm", G_TYPE_STRING, 0);
  add_column (self, _ ("Cage"), "cage", "cage", G_TYPE_STRING, 64);
  /* Translators: a narrow column of the Mice table. */
  add_column (self, C_ ("mice column", "Sex"), "sex", "sex", G_TYPE_STRING, 64);
  add_column (self, _ ("Status"), "status", "status", G_TYPE_STRING, 0);
  add_column (self, _ ("Last readout"), "last-value-text", "last-value", G_TYPE_DOUBLE, 160);
  /* Translators: a column of the Mice table: the last weighing against the day-0 weight. */
  add_column (self, C_ ("mice column", "Δ weight from day 0"), "weight-text", "weight-change",
              G_TYPE_DOUBLE, 132);
  /* Translators: a narrow column of the Mice table: days from the implant date (or day 0 when
   * not recorded) to the endpoint or today, as survival counts them (SPEC §4). */
  add_column (self, C_ ("mice column", "Days since implant"), "days-text", "days", G_TYPE_INT, 124);
  add_column (self, _ ("Alert"), "alert-text", "alert", G_TYPE_INT, 140);
}

/* ---- actions ------------------------------------------------------------------------------ */

static gint64
selected_mouse (PdxMicePage *self)
{
  PdxMouseItem *item = gtk_single_selection_get_selected_item (self->selection);

  return item ? pdx_mouse_item_get_id (item) : 0;
}

AdwMessageDialog *
pdx_mice_page_open_dialog (PdxMicePage *self, const char *action)
{
  GtkWindow        *parent = GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));
  PdxLab           *lab = self->binding.lab;
  gint64            study = self->binding.study_id;
  gint64            mouse = selected_mouse (self);
  AdwMessageDialog *dialog = NULL;

  if (lab == NULL || study == 0)
    return NULL;
  if (g_str_equal (action, "add"))
    dialog = pdx_mice_dialog_add (GTK_WIDGET (self), parent, lab, study);
  else if (g_str_equal (action, "randomise"))
    dialog = pdx_mice_dialog_randomise (GTK_WIDGET (self), parent, lab, study);
  else if (mouse == 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", _ ("Select a mouse first"));
  else if (g_str_equal (action, "endpoint"))
    dialog = pdx_mice_dialog_endpoint (GTK_WIDGET (self), parent, lab, mouse);
  else if (g_str_equal (action, "exclude"))
    dialog = pdx_mice_dialog_exclude (GTK_WIDGET (self), parent, lab, mouse);
  else if (g_str_equal (action, "edit"))
    dialog = pdx_mice_dialog_edit (GTK_WIDGET (self), parent, lab, mouse);
  else if (g_str_equal (action, "delete"))
    dialog = pdx_mice_dialog_delete (GTK_WIDGET (self), parent, lab, mouse);
  if (dialog != NULL)
    gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/* The selected mouse's page (Enter or a double click on a row, mice.open). */
static void
open_action (GtkWidget *widget, const char *name, GVariant *param)
{
  PdxMicePage *self = PDX_MICE_PAGE (widget);
  gint64       mouse = selected_mouse (self);

  if (mouse == 0)
    gtk_widget_activate_action (widget, "win.toast", "s", _ ("Select a mouse first"));
  else
    gtk_widget_activate_action (widget, "study.show-mouse", "x", mouse);
}

static void
activate_cb (GtkColumnView *view, guint position, PdxMicePage *self)
{
  gtk_single_selection_set_selected (self->selection, position);
  open_action (GTK_WIDGET (self), "mice.open", NULL);
}

static void
mice_action (GtkWidget *widget, const char *name, GVariant *param)
{
  pdx_mice_page_open_dialog (PDX_MICE_PAGE (widget), name + strlen ("mice."));
}

static void
pdx_mice_page_dispose (GObject *object)
{
  PdxMicePage *self = PDX_MICE_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  pdx_list_fill_stop (&self->fill);
  pdx_study_binding_clear (&self->binding);
  gtk_widget_dispose_template (GTK_WIDGET (self), PDX_TYPE_MICE_PAGE);
  pdx_widget_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->selection);
  G_OBJECT_CLASS (pdx_mice_page_parent_class)->dispose (object);
}

static void
pdx_mice_page_class_init (PdxMicePageClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pdx_mice_page_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/pdxtrack/Pdxtrack/ui/pdx-mice-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PdxMicePage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PdxMicePage, filter_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PdxMicePage, count_label);
  gtk_widget_class_bind_template_child (widget_class, PdxMicePage, column_view);
  gtk_widget_class_bind_template_child (widget_class, PdxMicePage, stack);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_install_action (widget_class, "mice.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "mice.add", NULL, mice_action);
  gtk_widget_class_install_action (widget_class, "mice.randomise", NULL, mice_action);
  gtk_widget_class_install_action (widget_class, "mice.endpoint", NULL, mice_action);
  gtk_widget_class_install_action (widget_class, "mice.exclude", NULL, mice_action);
  gtk_widget_class_install_action (widget_class, "mice.edit", NULL, mice_action);
  gtk_widget_class_install_action (widget_class, "mice.delete", NULL, mice_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
pdx_mice_page_init (PdxMicePage *self)
{
  GtkSortListModel *sorted;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->warning_percent = 15;
  self->humane_percent = 20;
  self->store = g_list_store_new (PDX_TYPE_MOUSE_ITEM);
  self->filter = gtk_custom_filter_new (mouse_matches, self, NULL);
  self->filtered =
      gtk_filter_list_model_new (G_LIST_MODEL (self->store), GTK_FILTER (self->filter));
  sorted = gtk_sort_list_model_new (G_LIST_MODEL (self->filtered),
                                    g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (sorted));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_column_view_set_model (self->column_view,
                             GTK_SELECTION_MODEL (g_object_ref (self->selection)));
  g_object_unref (self->selection);
  add_columns (self);
  g_signal_connect (self->column_view, "activate", G_CALLBACK (activate_cb), self);
  pdx_study_binding_init (&self->binding, GTK_WIDGET (self), reload);
}
