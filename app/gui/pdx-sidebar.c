/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-sidebar.c — the lab's tissue lines and studies, with search and a status filter.
 *
 * One flat list: a _("Tissue lines") header, the lines, a _("Studies") header, the studies. The
 * filter keeps headers and matches code, title and line against the search text, and the status. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx-sidebar.h"

#include "pdx-gui-format.h"

struct _PdxSidebar
{
  GtkWidget parent_instance;

  AdwWindowTitle *window_title;
  GtkSearchEntry *search_entry;
  GtkDropDown    *status_dropdown;
  GtkStack       *list_stack;
  GtkListView    *list_view;

  PdxLab             *lab;
  GListStore         *store;
  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
  GtkSingleSelection *selection;
  gboolean            quiet;
};

enum
{
  ITEM_SELECTED,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

/* The dropdown's entries after "Any status", lower-cased, are the vocabulary values. */
static const char *const status_values[] = { NULL,         "active", "planned", "completed",
                                             "terminated", "banked", "retired" };

G_DEFINE_FINAL_TYPE (PdxSidebar, pdx_sidebar, GTK_TYPE_WIDGET)

static gboolean
item_matches (gpointer item, gpointer user_data)
{
  PdxSidebar      *self = PDX_SIDEBAR (user_data);
  PdxSidebarItem  *entry = PDX_SIDEBAR_ITEM (item);
  const char      *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  guint            status = gtk_drop_down_get_selected (self->status_dropdown);
  const char      *subtitle;
  g_autofree char *haystack = NULL;
  g_autofree char *needle = NULL;

  if (pdx_sidebar_item_get_kind (entry) == PDX_SIDEBAR_ITEM_HEADER)
    return TRUE;
  if (status > 0 && status < G_N_ELEMENTS (status_values) &&
      g_strcmp0 (pdx_sidebar_item_get_status (entry), status_values[status]) != 0)
    return FALSE;
  if (text == NULL || text[0] == '\0')
    return TRUE;
  haystack = g_utf8_casefold (pdx_sidebar_item_get_title (entry), -1);
  needle = g_utf8_casefold (text, -1);
  if (strstr (haystack, needle) != NULL)
    return TRUE;
  g_free (haystack);
  subtitle = pdx_sidebar_item_get_subtitle (entry);
  haystack = g_utf8_casefold (subtitle != NULL ? subtitle : "", -1);
  return strstr (haystack, needle) != NULL;
}

static void
update_empty_state (PdxSidebar *self)
{
  guint    n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  gboolean any = FALSE;

  for (guint i = 0; i < n && !any; i++)
    {
      g_autoptr (PdxSidebarItem) item = g_list_model_get_item (G_LIST_MODEL (self->filtered), i);
      any = pdx_sidebar_item_get_kind (item) != PDX_SIDEBAR_ITEM_HEADER;
    }
  gtk_stack_set_visible_child_name (self->list_stack, any || self->lab == NULL ? "list" : "empty");
}

static void
search_changed_cb (PdxSidebar *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_empty_state (self);
}

static void
status_changed_cb (PdxSidebar *self)
{
  search_changed_cb (self);
}

static void
append_item (GListStore        *store,
             PdxSidebarItemKind kind,
             gint64             id,
             const char        *title,
             const char        *subtitle,
             const char        *status)
{
  g_autoptr (PdxSidebarItem) item = pdx_sidebar_item_new (kind, id, title, subtitle, status);

  g_list_store_append (store, item);
}

static void
append_lines (GListStore *store, GPtrArray *lines)
{
  append_item (store, PDX_SIDEBAR_ITEM_HEADER, 0, _ ("Tissue lines"), NULL, NULL);
  for (guint i = 0; i < lines->len; i++)
    {
      const PdxLine   *line = g_ptr_array_index (lines, i);
      g_autofree char *subtitle = g_strdup_printf ("%s%s%s", pdx_vocab_get_label (line->status),
                                                   line->host_strain ? " · " : "",
                                                   line->host_strain ? line->host_strain : "");

      append_item (store, PDX_SIDEBAR_ITEM_LINE, line->id, line->code, subtitle, line->status);
    }
}

static void
append_studies (GListStore *store, GPtrArray *studies, GPtrArray *lines)
{
  append_item (store, PDX_SIDEBAR_ITEM_HEADER, 0, _ ("Studies"), NULL, NULL);
  for (guint i = 0; i < studies->len; i++)
    {
      const PdxStudy  *study = g_ptr_array_index (studies, i);
      const char      *line_code = _ ("no line");
      g_autofree char *subtitle = NULL;

      for (guint j = 0; j < lines->len; j++)
        if (((PdxLine *) g_ptr_array_index (lines, j))->id == study->line_id)
          line_code = ((PdxLine *) g_ptr_array_index (lines, j))->code;
      subtitle = g_strdup_printf ("%s · %s", line_code, pdx_vocab_get_label (study->status));
      append_item (store, PDX_SIDEBAR_ITEM_STUDY, study->id, study->code, subtitle, study->status);
    }
}

static void
reload (PdxSidebar *self)
{
  g_autoptr (GPtrArray) lines = NULL;
  g_autoptr (GPtrArray) studies = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GListStore) fresh = g_list_store_new (PDX_TYPE_SIDEBAR_ITEM);
  g_autoptr (PdxSidebarItem) selected = NULL;
  g_autoptr (GPtrArray) items = NULL;
  guint n;

  if (self->lab != NULL)
    {
      lines = pdx_line_list (pdx_lab_get_db (self->lab), &error);
      if (lines != NULL)
        studies = pdx_study_list (pdx_lab_get_db (self->lab), 0, &error);
      if (studies == NULL)
        {
          append_item (fresh, PDX_SIDEBAR_ITEM_HEADER, 0, _ ("Could not read the lab"),
                       error->message, NULL);
        }
      else
        {
          append_lines (fresh, lines);
          append_studies (fresh, studies, lines);
        }
    }
  selected = gtk_single_selection_get_selected_item (self->selection)
                 ? g_object_ref (gtk_single_selection_get_selected_item (self->selection))
                 : NULL;
  n = g_list_model_get_n_items (G_LIST_MODEL (fresh));
  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (G_LIST_MODEL (fresh), i));
  self->quiet = TRUE;
  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       items->pdata, items->len);
  if (selected != NULL)
    pdx_sidebar_select_quietly (self, pdx_sidebar_item_get_kind (selected),
                                pdx_sidebar_item_get_id (selected));
  self->quiet = FALSE;
  update_empty_state (self);
}

/* ::lines-changed and ::studies-changed: codes, titles and statuses live in lines and studies,
 * so a change inside one study's mice or measurements does not touch the sidebar. */
static void
lab_lists_changed_cb (PdxLab *lab, PdxSidebar *self)
{
  reload (self);
}

void
pdx_sidebar_set_lab (PdxSidebar *self, PdxLab *lab)
{
  g_return_if_fail (PDX_IS_SIDEBAR (self));

  if (self->lab == lab)
    return;
  if (self->lab != NULL)
    g_signal_handlers_disconnect_by_data (self->lab, self);
  g_set_object (&self->lab, lab);
  if (lab != NULL)
    {
      g_autofree char *name = pdx_lab_dup_display_name (lab);

      adw_window_title_set_subtitle (self->window_title, name);
      g_signal_connect (lab, "lines-changed", G_CALLBACK (lab_lists_changed_cb), self);
      g_signal_connect (lab, "studies-changed", G_CALLBACK (lab_lists_changed_cb), self);
    }
  reload (self);
}

static gboolean
find_position (PdxSidebar *self, PdxSidebarItemKind kind, gint64 id, guint *position)
{
  GListModel *model = G_LIST_MODEL (self->filtered);
  guint       n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (PdxSidebarItem) item = g_list_model_get_item (model, i);

      if (pdx_sidebar_item_get_kind (item) == kind && pdx_sidebar_item_get_id (item) == id)
        {
          *position = i;
          return TRUE;
        }
    }
  return FALSE;
}

void
pdx_sidebar_select_quietly (PdxSidebar *self, PdxSidebarItemKind kind, gint64 id)
{
  gboolean was_quiet = self->quiet;
  guint    position;

  self->quiet = TRUE;
  if (kind != PDX_SIDEBAR_ITEM_HEADER && find_position (self, kind, id, &position))
    gtk_single_selection_set_selected (self->selection, position);
  else
    gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  self->quiet = was_quiet;
}

gboolean
pdx_sidebar_select (PdxSidebar *self, PdxSidebarItemKind kind, gint64 id)
{
  guint position;

  g_return_val_if_fail (PDX_IS_SIDEBAR (self), FALSE);

  /* A line or study created a moment ago is listed once its commit is dispatched. */
  if (!find_position (self, kind, id, &position) && self->lab != NULL)
    pdx_lab_dispatch_changes (self->lab);
  if (!find_position (self, kind, id, &position))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      gtk_drop_down_set_selected (self->status_dropdown, 0);
      search_changed_cb (self);
      if (!find_position (self, kind, id, &position))
        return FALSE;
    }
  if (gtk_single_selection_get_selected (self->selection) == position)
    g_signal_emit (self, signals[ITEM_SELECTED], 0, (int) kind, id);
  else
    gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
  return TRUE;
}

gint64
pdx_sidebar_get_first_study (PdxSidebar *self)
{
  static const char *const preference[] = { "active", "planned", NULL };
  guint                    n = g_list_model_get_n_items (G_LIST_MODEL (self->store));

  /* The bench comes first: an active study, else a planned one, else any. */
  for (guint p = 0; p <= G_N_ELEMENTS (preference) - 1; p++)
    for (guint i = 0; i < n; i++)
      {
        g_autoptr (PdxSidebarItem) item = g_list_model_get_item (G_LIST_MODEL (self->store), i);

        if (pdx_sidebar_item_get_kind (item) == PDX_SIDEBAR_ITEM_STUDY &&
            (preference[p] == NULL ||
             g_strcmp0 (pdx_sidebar_item_get_status (item), preference[p]) == 0))
          return pdx_sidebar_item_get_id (item);
      }
  return 0;
}

void
pdx_sidebar_focus_search (PdxSidebar *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
selection_changed_cb (PdxSidebar *self)
{
  PdxSidebarItem *item = gtk_single_selection_get_selected_item (self->selection);

  if (self->quiet || item == NULL || pdx_sidebar_item_get_kind (item) == PDX_SIDEBAR_ITEM_HEADER)
    return;
  g_signal_emit (self, signals[ITEM_SELECTED], 0, (int) pdx_sidebar_item_get_kind (item),
                 pdx_sidebar_item_get_id (item));
}

static void
setup_row_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer user_data)
{
  PdxSidebarItem *item = gtk_list_item_get_item (list_item);
  GtkWidget      *box = gtk_list_item_get_child (list_item);
  GtkWidget      *title = gtk_widget_get_first_child (box);
  GtkWidget      *subtitle = gtk_widget_get_next_sibling (title);
  gboolean        header = pdx_sidebar_item_get_kind (item) == PDX_SIDEBAR_ITEM_HEADER;
  const char     *sub = pdx_sidebar_item_get_subtitle (item);

  gtk_label_set_text (GTK_LABEL (title), pdx_sidebar_item_get_title (item));
  gtk_label_set_text (GTK_LABEL (subtitle), sub ? sub : "");
  gtk_widget_set_visible (subtitle, sub != NULL);
  if (header)
    {
      gtk_widget_add_css_class (title, "heading");
      gtk_widget_add_css_class (title, "dim-label");
    }
  else
    {
      gtk_widget_remove_css_class (title, "heading");
      gtk_widget_remove_css_class (title, "dim-label");
    }
  gtk_list_item_set_selectable (list_item, !header);
  gtk_list_item_set_activatable (list_item, !header);
}

static void
pdx_sidebar_dispose (GObject *object)
{
  PdxSidebar *self = PDX_SIDEBAR (object);

  if (self->lab != NULL)
    g_signal_handlers_disconnect_by_data (self->lab, self);
  g_clear_object (&self->lab);
  gtk_widget_dispose_template (GTK_WIDGET (self), PDX_TYPE_SIDEBAR);
  pdx_widget_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);
  G_OBJECT_CLASS (pdx_sidebar_parent_class)->dispose (object);
}

static void
pdx_sidebar_class_init (PdxSidebarClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pdx_sidebar_dispose;

  /* ::item-selected (int kind, gint64 id) */
  signals[ITEM_SELECTED] =
      g_signal_new ("item-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                    NULL, G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/pdxtrack/Pdxtrack/ui/pdx-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, PdxSidebar, window_title);
  gtk_widget_class_bind_template_child (widget_class, PdxSidebar, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PdxSidebar, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PdxSidebar, list_stack);
  gtk_widget_class_bind_template_child (widget_class, PdxSidebar, list_view);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, status_changed_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "pdxsidebar");
}

static void
pdx_sidebar_init (PdxSidebar *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->store = g_list_store_new (PDX_TYPE_SIDEBAR_ITEM);
  self->filter = gtk_custom_filter_new (item_matches, self, NULL);
  self->filtered =
      gtk_filter_list_model_new (G_LIST_MODEL (self->store), GTK_FILTER (self->filter));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->filtered)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "selection-changed", G_CALLBACK (selection_changed_cb),
                            self);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
}
