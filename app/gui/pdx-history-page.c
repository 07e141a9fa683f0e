/* pdx-history-page.c — the audit log of a study (see the header). At most the newest
 * HISTORY_LIMIT entries are listed; the count label says so when the log holds more. */
#include "pdx-history-page.h"

#include "pdx-gui-format.h"
#include "pdx-study-binding.h"

#define HISTORY_LIMIT 1000
#define N_COLUMNS 6

/* One audit entry as six strings. */
#define PDX_TYPE_HISTORY_ENTRY (pdx_history_entry_get_type ())
G_DECLARE_FINAL_TYPE (PdxHistoryEntry, pdx_history_entry, PDX, HISTORY_ENTRY, GObject)

struct _PdxHistoryEntry
{
  GObject parent_instance;
  char *text[N_COLUMNS];
};

G_DEFINE_FINAL_TYPE (PdxHistoryEntry, pdx_history_entry, G_TYPE_OBJECT)

static void
pdx_history_entry_finalize (GObject *object)
{
  PdxHistoryEntry *self = PDX_HISTORY_ENTRY (object);

  for (int i = 0; i < N_COLUMNS; i++)
    g_free (self->text[i]);
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

/* Parses the flat JSON object the audit log writes ({"key": scalar, …}) into key → value text
 * (strings unquoted, null as NULL value), in order. FALSE for anything else (nested values). */
static gboolean
parse_flat_json (const char *json, GPtrArray *keys, GPtrArray *values)
{
  const char *p = json;

  while (*p == ' ') p++;
  if (*p++ != '{')
    return FALSE;
  while (*p != '\0' && *p != '}')
    {
      GString *key = g_string_new (NULL), *value = g_string_new (NULL);
      gboolean is_null = FALSE;

      while (*p == ' ' || *p == ',') p++;
      if (*p++ != '"')
        goto bad;
      while (*p != '\0' && *p != '"')
        g_string_append_c (key, *p++);
      if (*p++ != '"' || *p++ != ':')
        goto bad;
      while (*p == ' ') p++;
      if (*p == '"')
        {
          for (p++; *p != '\0' && *p != '"'; p++)
            g_string_append_c (value, (*p == '\\' && p[1] != '\0') ? *++p : *p);
          if (*p++ != '"')
            goto bad;
        }
      else if (*p == '{' || *p == '[')
        goto bad;
      else
        {
          while (*p != '\0' && *p != ',' && *p != '}')
            g_string_append_c (value, *p++);
          is_null = g_str_equal (value->str, "null");
        }
      g_ptr_array_add (keys, g_string_free (key, FALSE));
      g_ptr_array_add (values, is_null ? (g_string_free (value, TRUE), NULL) : g_string_free (value, FALSE));
      continue;
    bad:
      g_string_free (key, TRUE);
      g_string_free (value, TRUE);
      return FALSE;
    }
  return *p == '}';
}

static const char *
lookup (GPtrArray *keys, GPtrArray *values, const char *key, gboolean *found)
{
  for (guint i = 0; i < keys->len; i++)
    if (g_str_equal (g_ptr_array_index (keys, i), key))
      {
        *found = TRUE;
        return g_ptr_array_index (values, i);
      }
  *found = FALSE;
  return NULL;
}

/* What changed, in words: "weight_g 21.3 → 20.1; note — → circling" for an update, the recorded
 * values for an insert or delete. Falls back to the raw JSON when it is not flat. */
static char *
describe_change (const PdxAuditEntry *entry)
{
  g_autoptr (GPtrArray) ok = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) ov = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) nk = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) nv = g_ptr_array_new_with_free_func (g_free);
  GString *out = g_string_new (NULL);
  gboolean has_old = entry->old_values && parse_flat_json (entry->old_values, ok, ov);
  gboolean has_new = entry->new_values && parse_flat_json (entry->new_values, nk, nv);
  GPtrArray *keys = has_new ? nk : ok, *values = has_new ? nv : ov;

  if ((entry->old_values && !has_old) || (entry->new_values && !has_new))
    {
      g_string_free (out, TRUE);
      return g_strdup_printf ("%s → %s", entry->old_values ? entry->old_values : "—",
                              entry->new_values ? entry->new_values : "—");
    }
  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i), *value = g_ptr_array_index (values, i);
      gboolean found;
      const char *before = has_old && has_new ? lookup (ok, ov, key, &found) : NULL;

      if (g_str_equal (key, "id"))
        continue;
      if (has_old && has_new)
        {
          if (found && g_strcmp0 (before, value) != 0)
            g_string_append_printf (out, "%s%s %s → %s", out->len ? "; " : "", key,
                                    before ? before : "—", value ? value : "—");
        }
      else if (value != NULL)
        g_string_append_printf (out, "%s%s %s", out->len ? ", " : "", key, value);
    }
  if (!has_new && has_old)
    g_string_prepend (out, "was: ");
  return g_string_free (out, FALSE);
}

static PdxHistoryEntry *
history_entry_new (const PdxAuditEntry *entry)
{
  PdxHistoryEntry *self = g_object_new (PDX_TYPE_HISTORY_ENTRY, NULL);

  self->text[0] = g_strndup (entry->time, 19);
  if (strlen (self->text[0]) > 10)
    self->text[0][10] = ' ';
  self->text[1] = g_strdup (entry->operator_name ? entry->operator_name : "");
  self->text[2] = g_strdup_printf ("%s #%" G_GINT64_FORMAT, entry->table_name, entry->row_id);
  self->text[3] = g_strdup (entry->action);
  self->text[4] = describe_change (entry);
  self->text[5] = g_strdup (entry->reason ? entry->reason : "");
  return self;
}

struct _PdxHistoryPage
{
  GtkWidget parent_instance;

  GtkEntry *mouse_entry, *operator_entry, *since_entry, *until_entry;
  GtkLabel *count_label;
  GtkColumnView *column_view;

  PdxStudyBinding binding;
  GListStore *store;
};

G_DEFINE_FINAL_TYPE (PdxHistoryPage, pdx_history_page, GTK_TYPE_WIDGET)

static const char *
entry_text (GtkEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  return text[0] != '\0' ? text : NULL;
}

static void
reload (GtkWidget *widget)
{
  PdxHistoryPage *self = PDX_HISTORY_PAGE (widget);
  PdxDb *db = self->binding.lab ? pdx_lab_get_db (self->binding.lab) : NULL;
  PdxAuditFilter filter = { 0 };
  g_autoptr (GPtrArray) entries = NULL, items = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *count = NULL;
  g_autoptr (GtkSelectionModel) model = g_object_ref (gtk_column_view_get_model (self->column_view));
  gint64 start;

  g_list_store_remove_all (self->store);
  if (db == NULL || self->binding.study_id == 0)
    return;
  filter.study_id = self->binding.study_id;
  filter.mouse_tag = entry_text (self->mouse_entry);
  filter.operator_name = entry_text (self->operator_entry);
  filter.since = entry_text (self->since_entry);
  filter.until = entry_text (self->until_entry);
  filter.limit = HISTORY_LIMIT + 1;
  start = g_get_monotonic_time ();
  entries = pdx_audit_list (db, &filter, &error);
  g_debug ("audit query: %.1f ms", (g_get_monotonic_time () - start) / 1000.0);
  if (entries == NULL)
    {
      gtk_label_set_text (self->count_label, error->message);
      return;
    }
  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < entries->len && i < HISTORY_LIMIT; i++)
    g_ptr_array_add (items, history_entry_new (g_ptr_array_index (entries, i)));
  gtk_column_view_set_model (self->column_view, NULL);   /* rebuild visible rows once */
  g_list_store_splice (self->store, 0, 0, items->pdata, items->len);
  gtk_column_view_set_model (self->column_view, model);
  count = entries->len > HISTORY_LIMIT
              ? g_strdup_printf ("newest %u changes shown; narrow the filter for older ones",
                                 HISTORY_LIMIT)
              : g_strdup_printf ("%u changes", entries->len);
  gtk_label_set_text (self->count_label, count);
}

static void
filter_activate_cb (PdxHistoryPage *self)
{
  pdx_study_binding_invalidate (&self->binding);
}

void
pdx_history_page_filter (PdxHistoryPage *self, const char *mouse_tag, const char *operator_name,
                         const char *since, const char *until)
{
  gtk_editable_set_text (GTK_EDITABLE (self->mouse_entry), mouse_tag ? mouse_tag : "");
  gtk_editable_set_text (GTK_EDITABLE (self->operator_entry), operator_name ? operator_name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->since_entry), since ? since : "");
  gtk_editable_set_text (GTK_EDITABLE (self->until_entry), until ? until : "");
  self->binding.dirty = FALSE;
  reload (GTK_WIDGET (self));
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

static void
setup_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer column)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
bind_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer column)
{
  PdxHistoryEntry *entry = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  const char *text = entry->text[GPOINTER_TO_INT (column)];

  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_widget_set_tooltip_text (label, GPOINTER_TO_INT (column) == 4 ? text : NULL);
}

static void
add_columns (PdxHistoryPage *self)
{
  static const char *const titles[N_COLUMNS] = { "Time (UTC)", "Operator", "Record", "Action",
                                                 "Change", "Reason" };

  for (int i = 0; i < N_COLUMNS; i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), GINT_TO_POINTER (i));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), GINT_TO_POINTER (i));
      column = gtk_column_view_column_new (titles[i], factory);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_expand (column, i == 4);
      gtk_column_view_append_column (self->column_view, column);
      g_object_unref (column);
    }
}

static void
pdx_history_page_dispose (GObject *object)
{
  PdxHistoryPage *self = PDX_HISTORY_PAGE (object);

  pdx_study_binding_clear (&self->binding);
  gtk_widget_dispose_template (GTK_WIDGET (self), PDX_TYPE_HISTORY_PAGE);
  pdx_widget_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->store);
  G_OBJECT_CLASS (pdx_history_page_parent_class)->dispose (object);
}

static void
pdx_history_page_class_init (PdxHistoryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pdx_history_page_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/pdxtrack/Pdxtrack/ui/pdx-history-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PdxHistoryPage, mouse_entry);
  gtk_widget_class_bind_template_child (widget_class, PdxHistoryPage, operator_entry);
  gtk_widget_class_bind_template_child (widget_class, PdxHistoryPage, since_entry);
  gtk_widget_class_bind_template_child (widget_class, PdxHistoryPage, until_entry);
  gtk_widget_class_bind_template_child (widget_class, PdxHistoryPage, count_label);
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
}
