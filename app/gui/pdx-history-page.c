/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-history-page.c — the audit log of a study (see the header), loaded in a thread and worded
 * by the core's pdx-wording.h. At most the newest HISTORY_LIMIT entries are listed; the count label
 * says so when the log holds more. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx-history-page.h"

#include "pdx-gui-format.h"
#include "pdx-study-binding.h"

#define HISTORY_LIMIT 1000
#define N_COLUMNS 6
#define CHANGE_COLUMN 4

/* One audit entry as six strings. */
#define PDX_TYPE_HISTORY_ENTRY (pdx_history_entry_get_type ())
G_DECLARE_FINAL_TYPE (PdxHistoryEntry, pdx_history_entry, PDX, HISTORY_ENTRY, GObject)

struct _PdxHistoryEntry
{
  GObject parent_instance;
  char   *text[N_COLUMNS];
  char   *time; /* ISO 8601 UTC with milliseconds, for the tooltip of the time */
};

G_DEFINE_FINAL_TYPE (PdxHistoryEntry, pdx_history_entry, G_TYPE_OBJECT)

static void
pdx_history_entry_finalize (GObject *object)
{
  PdxHistoryEntry *self = PDX_HISTORY_ENTRY (object);

  for (int i = 0; i < N_COLUMNS; i++)
    g_free (self->text[i]);
  g_free (self->time);
  G_OBJECT_CLASS (pdx_history_entry_parent_class)->finalize (object);
}

static void
pdx_history_entry_class_init (PdxHistoryEntryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pdx_history_entry_finalize;
}

static void
pdx_history_entry_init (PdxHistoryEntry *self)
{
}

const char *
pdx_history_entry_get_text (GObject *entry, guint column)
{
  g_return_val_if_fail (PDX_IS_HISTORY_ENTRY (entry) && column < N_COLUMNS, NULL);
  return PDX_HISTORY_ENTRY (entry)->text[column];
}

/* Formats @entry for the list; runs in the loading thread. @arm_names: see
 * pdx_audit_format_change (pdx-wording.h). */
static PdxHistoryEntry *
history_entry_new (const PdxAuditEntry *entry, GHashTable *arm_names)
{
  PdxHistoryEntry *self = g_object_new (PDX_TYPE_HISTORY_ENTRY, NULL);

  self->text[0] = pdx_audit_format_time (entry); /* to the minute; the tooltip has seconds */
  self->time = g_strdup (entry->time);
  self->text[1] = g_strdup (entry->operator_name ? entry->operator_name
                            : entry->login       ? entry->login
                                                 : "");
  self->text[2] = pdx_audit_format_record (entry);
  self->text[3] = g_strdup (pdx_audit_format_action (entry));
  self->text[4] = pdx_audit_format_change (entry, arm_names);
  self->text[5] = g_strdup (entry->reason ? entry->reason : "");
  return self;
}

/* ---- loading in a thread --------------------------------------------------------------------
 * The worker opens its own read-only connection (the UI's PdxDb is not for two threads; WAL lets
 * it read while the UI writes), lists the entries and formats them. A newer load, hiding the page
 * or disposing it cancels the running one; its result is then dropped. */

typedef struct
{
  char  *lab_path;
  gint64 study_id;
  char  *mouse_tag, *operator_name, *since, *until;
} Load;

typedef struct
{
  GPtrArray *items;     /* of PdxHistoryEntry, at most HISTORY_LIMIT */
  guint      n_entries; /* found, at most HISTORY_LIMIT + 1 */
} Loaded;

static void
load_free (Load *load)
{
  g_free (load->lab_path);
  g_free (load->mouse_tag);
  g_free (load->operator_name);
  g_free (load->since);
  g_free (load->until);
  g_free (load);
}

static void
loaded_free (Loaded *loaded)
{
  g_ptr_array_unref (loaded->items);
  g_free (loaded);
}

/* Arm id → name of the study's arms, so a mouse moved between arms reads by arm name. */
static GHashTable *
arm_names_new (PdxDb *db, gint64 study_id, GError **error)
{
  g_autoptr (GPtrArray) arms = pdx_arm_list (db, study_id, error);
  GHashTable *names;

  if (arms == NULL)
    return NULL;
  names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  for (guint i = 0; i < arms->len; i++)
    {
      PdxArm *arm = g_ptr_array_index (arms, i);
      g_hash_table_insert (names, g_memdup2 (&arm->id, sizeof arm->id), g_strdup (arm->name));
    }
  return names;
}

static void
load_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  Load          *load = task_data;
  PdxAuditFilter filter = { .study_id = load->study_id,
                            .mouse_tag = load->mouse_tag,
                            .operator_name = load->operator_name,
                            .since = load->since,
                            .until = load->until,
                            .limit = HISTORY_LIMIT + 1 };
  GError        *error = NULL;
  g_autoptr (PdxDb) db = pdx_db_open (load->lab_path, PDX_DB_OPEN_READONLY, &error);
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (GHashTable) arm_names = NULL;
  Loaded *loaded;

  if (db == NULL || (entries = pdx_audit_list (db, &filter, &error)) == NULL ||
      (arm_names = arm_names_new (db, load->study_id, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  loaded = g_new0 (Loaded, 1);
  loaded->n_entries = entries->len;
  loaded->items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < entries->len && i < HISTORY_LIMIT; i++)
    {
      if (g_cancellable_is_cancelled (cancellable))
        break;
      g_ptr_array_add (loaded->items,
                       history_entry_new (g_ptr_array_index (entries, i), arm_names));
    }
  g_task_return_pointer (task, loaded, (GDestroyNotify) loaded_free);
}

struct _PdxHistoryPage
{
  GtkWidget parent_instance;

  GtkEntry      *mouse_entry, *operator_entry, *since_entry, *until_entry;
  GtkLabel      *count_label;
  GtkSpinner    *spinner;
  GtkColumnView *column_view;

  PdxStudyBinding binding;
  GListStore     *store;
  GCancellable   *loading; /* the running load, NULL when none */
};

G_DEFINE_FINAL_TYPE (PdxHistoryPage, pdx_history_page, GTK_TYPE_WIDGET)

static char *
entry_text (GtkEntry *entry)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  return text[0] != '\0' ? g_steal_pointer (&text) : NULL;
}

static void
set_loading (PdxHistoryPage *self, GCancellable *loading)
{
  if (self->loading != NULL)
    g_cancellable_cancel (self->loading);
  g_set_object (&self->loading, loading);
  gtk_spinner_set_spinning (self->spinner, loading != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), loading != NULL);
}

static void
show_loaded (PdxHistoryPage *self, Loaded *loaded)
{
  g_autoptr (GtkSelectionModel) model =
      g_object_ref (gtk_column_view_get_model (self->column_view));
  g_autofree char *count = NULL, *n = pdx_format_count (loaded->n_entries);

  gtk_column_view_set_model (self->column_view, NULL); /* rebuild visible rows once */
  g_list_store_remove_all (self->store);
  g_list_store_splice (self->store, 0, 0, loaded->items->pdata, loaded->items->len);
  gtk_column_view_set_model (self->column_view, model);
  if (loaded->n_entries > HISTORY_LIMIT)
    count = g_strdup_printf (_ ("Newest %u changes shown; narrow the filter for older ones"),
                             HISTORY_LIMIT);
  else
    count = g_strdup_printf (/* Translators: the number of changes, already formatted. */
                             g_dngettext (GETTEXT_PACKAGE, "%s change", "%s changes",
                                          loaded->n_entries),
                             n);
  gtk_label_set_text (self->count_label, count);
}

static void
loaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  PdxHistoryPage *self = PDX_HISTORY_PAGE (source);
  g_autoptr (GError) error = NULL;
  Loaded *loaded = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return; /* a newer load, or the page went away: self may be disposed */
  g_debug ("audit log loaded in a thread: %u entries", loaded ? loaded->n_entries : 0);
  set_loading (self, NULL);
  if (loaded == NULL)
    {
      g_list_store_remove_all (self->store);
      gtk_label_set_text (self->count_label, error->message);
      return;
    }
  show_loaded (self, loaded);
  loaded_free (loaded);
}

/* Starts loading the study's entries under the current filter; the rows shown stay until the
 * new ones arrive. */
static void
reload (GtkWidget *widget)
{
  PdxHistoryPage *self = PDX_HISTORY_PAGE (widget);
  g_autoptr (GCancellable) cancellable = NULL;
  g_autoptr (GTask) task = NULL;
  Load *load;

  set_loading (self, NULL);
  if (self->binding.lab == NULL || self->binding.study_id == 0)
    {
      g_list_store_remove_all (self->store);
      gtk_label_set_text (self->count_label, "");
      return;
    }
  load = g_new0 (Load, 1);
  load->lab_path = g_strdup (pdx_lab_get_path (self->binding.lab));
  load->study_id = self->binding.study_id;
  load->mouse_tag = entry_text (self->mouse_entry);
  load->operator_name = entry_text (self->operator_entry);
  load->since = entry_text (self->since_entry);
  load->until = entry_text (self->until_entry);
  cancellable = g_cancellable_new ();
  task = g_task_new (self, cancellable, loaded_cb, NULL);
  g_task_set_name (task, "pdx_history_page reload");
  g_task_set_task_data (task, load, (GDestroyNotify) load_free);
  g_task_set_return_on_cancel (task, FALSE);
  set_loading (self, cancellable);
  gtk_label_set_text (self->count_label, _ ("Loading…"));
  g_task_run_in_thread (task, load_thread);
}

/* Hidden while loading: stop, and load afresh when shown again. */
static void
unmap_cb (PdxHistoryPage *self)
{
  if (self->loading == NULL)
    return;
  set_loading (self, NULL);
  gtk_label_set_text (self->count_label, "");
  self->binding.dirty = TRUE;
}

gboolean
pdx_history_page_is_loading (PdxHistoryPage *self)
{
  g_return_val_if_fail (PDX_IS_HISTORY_PAGE (self), FALSE);
  return self->loading != NULL;
}

static void
filter_activate_cb (PdxHistoryPage *self)
{
  pdx_study_binding_invalidate (&self->binding);
}

void
pdx_history_page_filter (PdxHistoryPage *self,
                         const char     *mouse_tag,
                         const char     *operator_name,
                         const char     *since,
                         const char     *until)
{
  gtk_editable_set_text (GTK_EDITABLE (self->mouse_entry), mouse_tag ? mouse_tag : "");
  gtk_editable_set_text (GTK_EDITABLE (self->operator_entry), operator_name ? operator_name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->since_entry), since ? since : "");
  gtk_editable_set_text (GTK_EDITABLE (self->until_entry), until ? until : "");
  pdx_study_binding_invalidate (&self->binding);
}

void
pdx_history_page_set_study (PdxHistoryPage *self, PdxLab *lab, gint64 study_id)
{
  g_return_if_fail (PDX_IS_HISTORY_PAGE (self));
  pdx_study_binding_set (&self->binding, lab, study_id);
}

GListModel *
pdx_history_page_get_model (PdxHistoryPage *self)
{
  return G_LIST_MODEL (self->store);
}

/* Change and Reason wrap to at most three lines, so a measurement's values show whole at
 * 1280 px; the other columns are one line. */
static void
setup_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer column)
{
  GtkWidget *label = gtk_label_new (NULL);
  gboolean   wraps = GPOINTER_TO_INT (column) >= CHANGE_COLUMN;

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_wrap (GTK_LABEL (label), wraps);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (label), wraps ? 3 : 1);
  gtk_label_set_width_chars (GTK_LABEL (label), wraps ? 10 : -1);
  gtk_list_item_set_child (item, label);
}

static void
bind_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer column)
{
  PdxHistoryEntry *entry = gtk_list_item_get_item (item);
  GtkWidget       *label = gtk_list_item_get_child (item);
  int              i = GPOINTER_TO_INT (column);
  const char      *text = entry->text[i];

  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_widget_set_tooltip_text (label, i == 0                           ? entry->time
                                      : (i == 2 || i >= CHANGE_COLUMN) ? text
                                                                       : NULL);
}

static void
add_columns (PdxHistoryPage *self)
{
  static const char *const titles[N_COLUMNS] = {
    N_ ("Time (UTC)"), N_ ("Operator"), N_ ("Record"), N_ ("Action"), N_ ("Change"), N_ ("Reason")
  };
  /* Change takes what is left; at 1280 px it still shows a measurement's values. */
  static const int widths[N_COLUMNS] = { 140, 90, 240, 75, -1, 140 };

  for (int i = 0; i < N_COLUMNS; i++)
    {
      GtkListItemFactory  *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), GINT_TO_POINTER (i));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), GINT_TO_POINTER (i));
      column = gtk_column_view_column_new (_ (titles[i]), factory);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_expand (column, i == CHANGE_COLUMN);
      gtk_column_view_column_set_fixed_width (column, widths[i]);
      gtk_column_view_append_column (self->column_view, column);
      g_object_unref (column);
    }
}

static void
pdx_history_page_dispose (GObject *object)
{
  PdxHistoryPage *self = PDX_HISTORY_PAGE (object);

  pdx_study_binding_clear (&self->binding);
  if (self->loading != NULL)
    g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  gtk_widget_dispose_template (GTK_WIDGET (self), PDX_TYPE_HISTORY_PAGE);
  pdx_widget_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->store);
  G_OBJECT_CLASS (pdx_history_page_parent_class)->dispose (object);
}

static void
pdx_history_page_class_init (PdxHistoryPageClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pdx_history_page_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/pdxtrack/Pdxtrack/ui/pdx-history-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PdxHistoryPage, mouse_entry);
  gtk_widget_class_bind_template_child (widget_class, PdxHistoryPage, operator_entry);
  gtk_widget_class_bind_template_child (widget_class, PdxHistoryPage, since_entry);
  gtk_widget_class_bind_template_child (widget_class, PdxHistoryPage, until_entry);
  gtk_widget_class_bind_template_child (widget_class, PdxHistoryPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, PdxHistoryPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, PdxHistoryPage, column_view);
  gtk_widget_class_bind_template_callback (widget_class, filter_activate_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
pdx_history_page_init (PdxHistoryPage *self)
{
  g_autoptr (GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->store = g_list_store_new (PDX_TYPE_HISTORY_ENTRY);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->store)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  add_columns (self);
  pdx_study_binding_init (&self->binding, GTK_WIDGET (self), reload);
  g_signal_connect (self, "unmap", G_CALLBACK (unmap_cb), NULL);
}
