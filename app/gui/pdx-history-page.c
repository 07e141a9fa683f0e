/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-history-page.c — the audit trail of a study (see the header): filtered by the core's audit
 * filter, loaded a page at a time in a thread as the list is scrolled (never the whole trail at
 * once), counted in another, worded by the core's pdx-wording.h, exported as shown. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx-history-page.h"

#include "pdx-gui-format.h"
#include "pdx-study-binding.h"

/* Entries per page: a screenful many times over, worded in a few milliseconds. */
#define PAGE_SIZE 200
#define N_COLUMNS 6
#define CHANGE_COLUMN 4

/* One audit entry as six strings. */
#define PDX_TYPE_HISTORY_ENTRY (pdx_history_entry_get_type ())
G_DECLARE_FINAL_TYPE (PdxHistoryEntry, pdx_history_entry, PDX, HISTORY_ENTRY, GObject)

struct _PdxHistoryEntry
{
  GObject parent_instance;
  char   *text[N_COLUMNS];
  char   *time;      /* ISO 8601 UTC with milliseconds, for the tooltip of the time */
  char   *mouse_tag; /* the mouse the entry concerns (its page opens on activation), or NULL */
  gint64  id;        /* the entry's, for the next page (before_id) */
};

G_DEFINE_FINAL_TYPE (PdxHistoryEntry, pdx_history_entry, G_TYPE_OBJECT)

static void
pdx_history_entry_finalize (GObject *object)
{
  PdxHistoryEntry *self = PDX_HISTORY_ENTRY (object);

  for (int i = 0; i < N_COLUMNS; i++)
    g_free (self->text[i]);
  g_free (self->time);
  g_free (self->mouse_tag);
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

gint64
pdx_history_entry_get_id (GObject *entry)
{
  g_return_val_if_fail (PDX_IS_HISTORY_ENTRY (entry), 0);
  return PDX_HISTORY_ENTRY (entry)->id;
}

/* Formats @entry for the list; runs in the loading thread. @arm_names: see
 * pdx_audit_format_change (pdx-wording.h). */
static PdxHistoryEntry *
history_entry_new (const PdxAuditEntry *entry, GHashTable *arm_names)
{
  PdxHistoryEntry *self = g_object_new (PDX_TYPE_HISTORY_ENTRY, NULL);

  self->id = entry->id;
  self->text[0] = pdx_format_audit_time (entry->time); /* local; the tooltip has UTC as stored */
  self->time = g_strdup (entry->time);
  self->mouse_tag = g_strdup (entry->mouse_tag);
  self->text[1] = pdx_audit_format_operator (entry);
  self->text[2] = pdx_audit_format_record (entry);
  self->text[3] = g_strdup (pdx_audit_format_action (entry));
  self->text[4] = pdx_audit_format_change (entry, arm_names);
  self->text[5] = g_strdup (entry->reason ? entry->reason : "");
  return self;
}

/* ---- loading in a thread --------------------------------------------------------------------
 * Each worker opens its own read-only connection (the UI's PdxDb is not for two threads; WAL lets
 * it read while the UI writes) and reads one page of the filter (before_id: after the last entry
 * shown) or its count. A newer filter, hiding the page or disposing it cancels what runs; its
 * result is then dropped. */

typedef struct
{
  char    *lab_path;
  gint64   study_id, before_id;
  char    *mouse_tag, *operator_name, *since, *until, *action, *text;
  gboolean count; /* count the filter's entries instead of reading a page */
} Load;

typedef struct
{
  GPtrArray *items;    /* of PdxHistoryEntry, at most PAGE_SIZE */
  gboolean   complete; /* the page is the trail's last */
  gint64     count;    /* for a count */
} Loaded;

static void
load_free (Load *load)
{
  g_free (load->lab_path);
  g_free (load->mouse_tag);
  g_free (load->operator_name);
  g_free (load->since);
  g_free (load->until);
  g_free (load->action);
  g_free (load->text);
  g_free (load);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Load, load_free)

static Load *
load_copy (const Load *load)
{
  Load *copy = g_memdup2 (load, sizeof *load);

  copy->lab_path = g_strdup (load->lab_path);
  copy->mouse_tag = g_strdup (load->mouse_tag);
  copy->operator_name = g_strdup (load->operator_name);
  copy->since = g_strdup (load->since);
  copy->until = g_strdup (load->until);
  copy->action = g_strdup (load->action);
  copy->text = g_strdup (load->text);
  return copy;
}

/* @load as the core's filter (borrowing its strings). */
static PdxAuditFilter
load_filter (const Load *load)
{
  return (PdxAuditFilter){ .study_id = load->study_id,
                           .mouse_tag = load->mouse_tag,
                           .operator_name = load->operator_name,
                           .since = load->since,
                           .until = load->until,
                           .action = load->action,
                           .text = load->text,
                           .before_id = load->before_id,
                           .limit = load->count ? 0 : PAGE_SIZE };
}

static void
loaded_free (Loaded *loaded)
{
  g_clear_pointer (&loaded->items, g_ptr_array_unref);
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

/* Reads @load's page into @loaded, worded; FALSE with @error. */
static gboolean
read_page (PdxDb *db, const Load *load, Loaded *loaded, GCancellable *cancellable, GError **error)
{
  PdxAuditFilter filter = load_filter (load);
  g_autoptr (GPtrArray) entries = pdx_audit_list (db, &filter, error);
  g_autoptr (GHashTable) arm_names = NULL;

  if (entries == NULL || (arm_names = arm_names_new (db, load->study_id, error)) == NULL)
    return FALSE;
  loaded->complete = entries->len < PAGE_SIZE;
  loaded->items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < entries->len && !g_cancellable_is_cancelled (cancellable); i++)
    g_ptr_array_add (loaded->items, history_entry_new (g_ptr_array_index (entries, i), arm_names));
  return TRUE;
}

static void
load_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  Load          *load = task_data;
  PdxAuditFilter filter = load_filter (load);
  GError        *error = NULL;
  g_autoptr (PdxDb) db = pdx_db_open (load->lab_path, PDX_DB_OPEN_READONLY, &error);
  Loaded  *loaded = g_new0 (Loaded, 1);
  gboolean ok = db != NULL;

  if (ok && load->count)
    ok = (loaded->count = pdx_audit_count (db, &filter, &error)) >= 0;
  else if (ok)
    ok = read_page (db, load, loaded, cancellable, &error);
  if (!ok)
    {
      loaded_free (loaded);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, loaded, (GDestroyNotify) loaded_free);
}

struct _PdxHistoryPage
{
  GtkWidget parent_instance;

  GtkSearchEntry    *search_entry;
  GtkDropDown       *action_dropdown;
  GtkEntry          *mouse_entry, *operator_entry, *since_entry, *until_entry;
  GtkLabel          *count_label;
  GtkLabel          *signatures_label;
  GtkSpinner        *spinner;
  GtkScrolledWindow *scrolled;
  GtkColumnView     *column_view;

  PdxStudyBinding binding;
  GListStore     *store;
  Load           *query;    /* the filter shown, NULL before the first load */
  GCancellable   *loading;  /* the running page load, NULL when none */
  GCancellable   *counting; /* the running count, NULL when none */
  GCancellable   *exporting;
  gboolean        complete; /* the last page is shown */
  gboolean        first;    /* the running page load is the first of its filter */
  gint64          total;    /* the filter's count, -1 while not known */
  char           *problem;  /* why the filter could not be shown, NULL when it could */
};

G_DEFINE_FINAL_TYPE (PdxHistoryPage, pdx_history_page, GTK_TYPE_WIDGET)

/* The actions of the dropdown, in its order: NULL any, then the audit log's own words. */
static const char *const dropdown_actions[] = { NULL,     "insert", "update",
                                                "delete", "import", "migrate" };

static char *
entry_text (GtkEditable *entry)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  return text[0] != '\0' ? g_steal_pointer (&text) : NULL;
}

/* A typed day as ISO (the locale's form accepted), or the text itself for the core to refuse. */
static char *
entry_date (GtkEntry *entry)
{
  g_autofree char *text = entry_text (GTK_EDITABLE (entry));
  char            *iso = text ? pdx_parse_date (text) : NULL;

  return iso != NULL ? iso : g_steal_pointer (&text);
}

static void
cancel (GCancellable **cancellable)
{
  if (*cancellable != NULL)
    g_cancellable_cancel (*cancellable);
  g_clear_object (cancellable);
}

static void
update_status (PdxHistoryPage *self)
{
  guint            shown = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  gboolean         busy = self->loading != NULL || self->counting != NULL || self->exporting;
  g_autofree char *text = NULL, *n_shown = pdx_format_count (shown);
  g_autofree char *n_total = self->total >= 0 ? pdx_format_count ((guint64) self->total) : NULL;

  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  if (self->problem != NULL)
    text = g_strdup (self->problem);
  else if (self->query == NULL)
    text = g_strdup ("");
  else if (self->total < 0 || (self->loading != NULL && self->first))
    text = g_strdup (_ ("Loading…"));
  else if (self->complete || (guint64) self->total <= shown)
    text = g_strdup_printf (/* Translators: the number of changes, already formatted. */
                            g_dngettext (GETTEXT_PACKAGE, "%s change", "%s changes",
                                         (gulong) self->total),
                            n_total);
  else
    text = g_strdup_printf (/* Translators: "200 of 404,796 changes shown"; scrolling shows
                             * more. Both numbers already formatted. */
                            g_dngettext (GETTEXT_PACKAGE, "%s of %s change shown",
                                         "%s of %s changes shown", (gulong) self->total),
                            n_shown, n_total);
  gtk_label_set_text (self->count_label, text);
}

static void start_page (PdxHistoryPage *self);

/* Shows a page: the first of a filter replaces what is shown, the next ones are appended. */
static void
page_loaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  PdxHistoryPage *self = PDX_HISTORY_PAGE (source);
  g_autoptr (GError) error = NULL;
  Loaded *loaded = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return; /* a newer load, or the page went away: self may be disposed */
  g_clear_object (&self->loading);
  if (loaded == NULL)
    {
      g_list_store_remove_all (self->store);
      g_free (self->problem);
      self->problem = g_strdup (error->message);
      cancel (&self->counting);
      update_status (self);
      return;
    }
  if (self->first)
    {
      /* the view rebuilds its visible rows once, not once per row removed and added */
      g_autoptr (GtkSelectionModel) model =
          g_object_ref (gtk_column_view_get_model (self->column_view));

      gtk_column_view_set_model (self->column_view, NULL);
      g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                           loaded->items->pdata, loaded->items->len);
      gtk_column_view_set_model (self->column_view, model);
    }
  else
    g_list_store_splice (self->store, g_list_model_get_n_items (G_LIST_MODEL (self->store)), 0,
                         loaded->items->pdata, loaded->items->len);
  self->complete = loaded->complete;
  self->first = FALSE;
  loaded_free (loaded);
  update_status (self);
}

static void
count_loaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  PdxHistoryPage *self = PDX_HISTORY_PAGE (source);
  g_autoptr (GError) error = NULL;
  Loaded *loaded = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->counting);
  if (loaded != NULL)
    self->total = loaded->count, loaded_free (loaded);
  update_status (self);
}

/* Runs @load in a thread; its result goes to @done unless the returned cancellable is
 * cancelled first. */
static GCancellable *
run_load (PdxHistoryPage *self, Load *load, GAsyncReadyCallback done)
{
  GCancellable *cancellable = g_cancellable_new ();
  g_autoptr (GTask) task = g_task_new (self, cancellable, done, NULL);

  g_task_set_name (task, "pdx_history_page load");
  g_task_set_task_data (task, load, (GDestroyNotify) load_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, load_thread);
  return cancellable;
}

/* Starts reading the page after the last entry shown (the first when none is). */
static void
start_page (PdxHistoryPage *self)
{
  Load *load = load_copy (self->query);
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->store));

  if (!self->first && shown > 0)
    {
      g_autoptr (PdxHistoryEntry) last =
          g_list_model_get_item (G_LIST_MODEL (self->store), shown - 1);
      load->before_id = last->id;
    }
  self->loading = run_load (self, load, page_loaded_cb);
  update_status (self);
}

/* Starts showing the study's entries under the filters set: its first page and its count; the
 * rows shown stay until the first page arrives. */
/* The study's signatures, one line each, above its trail (hidden when it has none). Read on
 * the UI thread: a study has a handful, found by the signature table's study index. */
static void
show_signatures (PdxHistoryPage *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) signatures = NULL;
  g_autoptr (GString) text = g_string_new (NULL);

  if (self->binding.lab != NULL && self->binding.study_id != 0)
    signatures = pdx_study_list_signatures (pdx_lab_get_db (self->binding.lab),
                                            self->binding.study_id, &error);
  if (error != NULL)
    g_string_append (text, error->message);
  for (guint i = 0; signatures != NULL && i < signatures->len; i++)
    {
      g_autofree char *line = pdx_signature_describe (g_ptr_array_index (signatures, i));

      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, line);
    }
  gtk_label_set_text (self->signatures_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->signatures_label), text->len > 0);
}

const char *
pdx_history_page_get_signatures (PdxHistoryPage *self)
{
  g_return_val_if_fail (PDX_IS_HISTORY_PAGE (self), NULL);
  return gtk_label_get_text (self->signatures_label);
}

static void
reload (GtkWidget *widget)
{
  PdxHistoryPage *self = PDX_HISTORY_PAGE (widget);
  Load           *query, *count;

  cancel (&self->loading);
  cancel (&self->counting);
  g_clear_pointer (&self->query, load_free);
  g_clear_pointer (&self->problem, g_free);
  self->total = -1;
  show_signatures (self);
  if (self->binding.lab == NULL || self->binding.study_id == 0)
    {
      g_list_store_remove_all (self->store);
      update_status (self);
      return;
    }
  query = self->query = g_new0 (Load, 1);
  query->lab_path = g_strdup (pdx_lab_get_path (self->binding.lab));
  query->study_id = self->binding.study_id;
  query->text = entry_text (GTK_EDITABLE (self->search_entry));
  query->action = g_strdup (dropdown_actions[MIN (
      gtk_drop_down_get_selected (self->action_dropdown), G_N_ELEMENTS (dropdown_actions) - 1)]);
  query->mouse_tag = entry_text (GTK_EDITABLE (self->mouse_entry));
  query->operator_name = entry_text (GTK_EDITABLE (self->operator_entry));
  query->since = entry_date (self->since_entry);
  query->until = entry_date (self->until_entry);
  self->first = TRUE;
  self->complete = FALSE;
  count = load_copy (query);
  count->count = TRUE;
  self->counting = run_load (self, count, count_loaded_cb);
  start_page (self);
}

/* Scrolled near the end of what is shown: the next page. */
static void
scrolled_cb (GtkAdjustment *adjustment, PdxHistoryPage *self)
{
  double left = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_value (adjustment) -
                gtk_adjustment_get_page_size (adjustment);

  if (self->query != NULL && self->loading == NULL && !self->complete && self->problem == NULL &&
      left < 2 * gtk_adjustment_get_page_size (adjustment))
    start_page (self);
}

/* Hidden while loading: stop, and load afresh when shown again. */
static void
unmap_cb (PdxHistoryPage *self)
{
  if (self->loading == NULL && self->counting == NULL)
    return;
  cancel (&self->loading);
  cancel (&self->counting);
  g_clear_pointer (&self->query, load_free);
  update_status (self);
  self->binding.dirty = TRUE;
}

gboolean
pdx_history_page_is_loading (PdxHistoryPage *self)
{
  g_return_val_if_fail (PDX_IS_HISTORY_PAGE (self), FALSE);
  return self->loading != NULL || self->counting != NULL;
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
  g_return_if_fail (PDX_IS_HISTORY_PAGE (self));
  gtk_editable_set_text (GTK_EDITABLE (self->mouse_entry), mouse_tag ? mouse_tag : "");
  gtk_editable_set_text (GTK_EDITABLE (self->operator_entry), operator_name ? operator_name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->since_entry), since ? since : "");
  gtk_editable_set_text (GTK_EDITABLE (self->until_entry), until ? until : "");
  pdx_study_binding_invalidate (&self->binding);
}

void
pdx_history_page_search (PdxHistoryPage *self, const char *words, const char *action)
{
  guint selected = 0;

  g_return_if_fail (PDX_IS_HISTORY_PAGE (self));
  for (guint i = 1; action != NULL && i < G_N_ELEMENTS (dropdown_actions); i++)
    if (g_str_equal (action, dropdown_actions[i]))
      selected = i;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), words ? words : "");
  gtk_drop_down_set_selected (self->action_dropdown, selected);
  pdx_study_binding_invalidate (&self->binding);
}

gint64
pdx_history_page_get_total (PdxHistoryPage *self)
{
  g_return_val_if_fail (PDX_IS_HISTORY_PAGE (self), -1);
  return self->total;
}

gboolean
pdx_history_page_is_complete (PdxHistoryPage *self)
{
  g_return_val_if_fail (PDX_IS_HISTORY_PAGE (self), FALSE);
  return self->complete;
}

GtkScrolledWindow *
pdx_history_page_get_scrolled_window (PdxHistoryPage *self)
{
  g_return_val_if_fail (PDX_IS_HISTORY_PAGE (self), NULL);
  return self->scrolled;
}

const char *
pdx_history_page_get_status (PdxHistoryPage *self)
{
  g_return_val_if_fail (PDX_IS_HISTORY_PAGE (self), NULL);
  return gtk_label_get_text (self->count_label);
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
  static const char *const titles[N_COLUMNS] = { N_ ("When"),   N_ ("Operator"), N_ ("Record"),
                                                 N_ ("Action"), N_ ("Change"),   N_ ("Reason") };
  /* Change takes what is left; at 1280 px it still shows a measurement's values. */
  static const int widths[N_COLUMNS] = { 190, 140, 255, 75, -1, 160 };

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

gboolean
pdx_history_page_open_mouse (PdxHistoryPage *self, guint position)
{
  g_autoptr (PdxHistoryEntry) entry = NULL;
  g_autoptr (PdxMouse) mouse = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;

  g_return_val_if_fail (PDX_IS_HISTORY_PAGE (self), FALSE);
  entry = g_list_model_get_item (G_LIST_MODEL (self->store), position);
  if (entry == NULL || entry->mouse_tag == NULL || self->binding.lab == NULL)
    return FALSE;
  mouse = pdx_mouse_find (pdx_lab_get_db (self->binding.lab), self->binding.study_id,
                          entry->mouse_tag, &error);
  if (mouse != NULL)
    return gtk_widget_activate_action (GTK_WIDGET (self), "study.show-mouse", "x", mouse->id);
  message = error != NULL
                ? g_strdup (error->message)
                : g_strdup_printf (_ ("Mouse %s is no longer in the study"), entry->mouse_tag);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", message);
  return FALSE;
}

/* An entry of a mouse opens that mouse's page (Enter, a double click). */
static void
activate_cb (GtkColumnView *view, guint position, PdxHistoryPage *self)
{
  pdx_history_page_open_mouse (self, position);
}

/* ---- Export Shown… ---------------------------------------------------------------------------
 * What the filters select (the whole filtered trail, not only the pages loaded) written in a
 * thread with a read-only connection of its own, as pdx_export_audit_csv writes it. */

typedef struct
{
  Load *query;
  char *path;
} Export;

static void
export_free (Export *export)
{
  load_free (export->query);
  g_free (export->path);
  g_free (export);
}

static void
export_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  Export *export = task_data;
  PdxAuditFilter filter = load_filter (export->query);
  GError        *error = NULL;
  g_autoptr (PdxDb) db = pdx_db_open (export->query->lab_path, PDX_DB_OPEN_READONLY, &error);

  filter.limit = 0, filter.before_id = 0;
  if (db == NULL || !pdx_export_audit_csv (db, &filter, export->path, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
exported_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  PdxHistoryPage *self = PDX_HISTORY_PAGE (source);
  Export *export = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->exporting);
  if (error == NULL)
    message = g_strdup_printf (_ ("History exported to %s"), export->path);
  else
    message = g_strdup_printf (_ ("History not exported: %s"), error->message);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", message);
  g_free (self->problem);
  self->problem = error != NULL ? g_strdup (message) : NULL;
  update_status (self);
}

gboolean
pdx_history_page_export (PdxHistoryPage *self, const char *path)
{
  g_autoptr (GTask) task = NULL;
  Export *export;

  g_return_val_if_fail (PDX_IS_HISTORY_PAGE (self) && path != NULL, FALSE);
  if (self->query == NULL || self->exporting != NULL)
    return FALSE;
  export = g_new0 (Export, 1);
  export->query = load_copy (self->query);
  export->path = g_strdup (path);
  self->exporting = g_cancellable_new ();
  task = g_task_new (self, self->exporting, exported_cb, NULL);
  g_task_set_name (task, "pdx_history_page export");
  g_task_set_task_data (task, export, (GDestroyNotify) export_free);
  g_task_run_in_thread (task, export_thread);
  update_status (self);
  return TRUE;
}

gboolean
pdx_history_page_is_exporting (PdxHistoryPage *self)
{
  g_return_val_if_fail (PDX_IS_HISTORY_PAGE (self), FALSE);
  return self->exporting != NULL;
}

static void
export_response_cb (GtkNativeDialog *chooser, int response, PdxHistoryPage *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);

      if (path == NULL)
        gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s",
                                    _ ("History not exported: no local path"));
      else
        pdx_history_page_export (self, path);
    }
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
export_action (GtkWidget *widget, const char *name, GVariant *param)
{
  PdxHistoryPage *self = PDX_HISTORY_PAGE (widget);
  GtkWindow      *parent = GTK_WINDOW (gtk_widget_get_root (widget));
  g_autoptr (PdxStudy) study = NULL;
  g_autofree char      *suggested = NULL;
  GtkFileChooserNative *chooser;

  if (self->query == NULL || self->exporting != NULL)
    return;
  study = pdx_study_get (pdx_lab_get_db (self->binding.lab), self->binding.study_id, NULL);
  suggested = g_strdup_printf ("%s-history.csv", study ? study->code : "study");
  chooser =
      gtk_file_chooser_native_new (_ ("Export Shown History"), parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                   _ ("_Export"), _ ("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (export_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
pdx_history_page_dispose (GObject *object)
{
  PdxHistoryPage *self = PDX_HISTORY_PAGE (object);

  pdx_study_binding_clear (&self->binding);
  cancel (&self->loading);
  cancel (&self->counting);
  cancel (&self->exporting);
  g_clear_pointer (&self->query, load_free);
  g_clear_pointer (&self->problem, g_free);
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
  gtk_widget_class_bind_template_child (widget_class, PdxHistoryPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PdxHistoryPage, action_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PdxHistoryPage, mouse_entry);
  gtk_widget_class_bind_template_child (widget_class, PdxHistoryPage, operator_entry);
  gtk_widget_class_bind_template_child (widget_class, PdxHistoryPage, since_entry);
  gtk_widget_class_bind_template_child (widget_class, PdxHistoryPage, until_entry);
  gtk_widget_class_bind_template_child (widget_class, PdxHistoryPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, PdxHistoryPage, signatures_label);
  gtk_widget_class_bind_template_child (widget_class, PdxHistoryPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, PdxHistoryPage, scrolled);
  gtk_widget_class_bind_template_child (widget_class, PdxHistoryPage, column_view);
  gtk_widget_class_bind_template_callback (widget_class, filter_activate_cb);
  gtk_widget_class_install_action (widget_class, "history.export", NULL, export_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
pdx_history_page_init (PdxHistoryPage *self)
{
  g_autoptr (GtkNoSelection) selection = NULL;
  GtkAdjustment *adjustment;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->total = -1;
  self->store = g_list_store_new (PDX_TYPE_HISTORY_ENTRY);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->store)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  add_columns (self);
  g_signal_connect (self->column_view, "activate", G_CALLBACK (activate_cb), self);
  pdx_study_binding_init (&self->binding, GTK_WIDGET (self), reload);
  g_signal_connect (self, "unmap", G_CALLBACK (unmap_cb), NULL);
  adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled);
  g_signal_connect_object (adjustment, "value-changed", G_CALLBACK (scrolled_cb), self, 0);
  g_signal_connect_object (adjustment, "changed", G_CALLBACK (scrolled_cb), self, 0);
}
