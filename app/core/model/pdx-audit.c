/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-audit.c — reading the audit log (written only by the schema's triggers); its old and new
 * values, JSON objects of the row's columns, are read by SQLite's json_each. */
#include "store/pdx-store.h"
#include "pdx/pdx-model.h"

void
pdx_audit_entry_free (PdxAuditEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->time);
  g_free (entry->login);
  g_free (entry->operator_name);
  g_free (entry->table_name);
  g_free (entry->action);
  g_free (entry->old_values);
  g_free (entry->new_values);
  g_free (entry->reason);
  g_free (entry->mouse_tag);
  g_clear_pointer (&entry->fields, g_ptr_array_unref);
  g_free (entry);
}

static void
audit_field_free (PdxAuditField *field)
{
  g_free (field->key);
  g_free (field->old_value);
  g_free (field->new_value);
  g_free (field);
}

static char *
column_dup (PdxStmt *stmt, int i)
{
  return g_strdup (pdx_stmt_column_text (stmt, i));
}

/* json_each's type name as a PdxJsonType; NULL (no row on that side of the join): ABSENT. */
static PdxJsonType
json_type_of (const char *name)
{
  static const char *const names[] = { "null", "true", "false", "integer", "real", "text" };

  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (name, names[i]))
      return (PdxJsonType) (PDX_JSON_NULL + i);
  return PDX_JSON_ABSENT;
}

/* Whether ?1 and ?2 are each NULL or a flat JSON object (valid, an object, no array or object
 * inside). json_valid guards every other json function: they fail on malformed text. */
#define FLAT(p)                                                                                    \
  "(" p " IS NULL OR (json_valid (" p ") AND json_type (CASE WHEN json_valid (" p ") THEN " p      \
  " END) = 'object' AND NOT EXISTS (SELECT 1 FROM json_each (CASE WHEN json_valid (" p ") THEN " p \
  " END) WHERE type IN ('object', 'array'))))"

/* Steps the prepared @stmt (?1 old, ?2 new bound) into @fields. */
static gboolean
read_field_rows (PdxDb *db, PdxStmt *stmt, GPtrArray *fields, GError **error)
{
  PdxStep rc;

  while ((rc = pdx_stmt_step (stmt, NULL)) == PDX_STEP_ROW)
    {
      PdxAuditField *field = g_new0 (PdxAuditField, 1);

      field->key = column_dup (stmt, 0);
      field->old_type = json_type_of (pdx_stmt_column_text (stmt, 1));
      field->old_value = column_dup (stmt, 2);
      field->new_type = json_type_of (pdx_stmt_column_text (stmt, 3));
      field->new_value = column_dup (stmt, 4);
      g_ptr_array_add (fields, field);
    }
  pdx_stmt_reset (stmt);
  return rc == PDX_STEP_DONE || pdx_db_set_error (db, error, "reading an audit entry's values");
}

gboolean
pdx_audit_entry_read_fields (PdxDb *db, PdxAuditEntry *entry, GError **error)
{
  static const char flat_sql[] = "SELECT " FLAT ("?1") " AND " FLAT ("?2");
  /* A real is taken as its JSON text (`->` renders the number as written): json_each's value
   * of a real goes through the C library's strtod in Debian's SQLite 3.40, which reads "21.3"
   * as 21 under a locale with a decimal comma. `->` cannot follow a key with a '"' in it;
   * such a key's real falls back to the value. */
  static const char fields_sql[] =
      "SELECT coalesce (n.key, o.key),"
      " o.type, CASE o.type WHEN 'true' THEN 'true' WHEN 'false' THEN 'false'"
      "   WHEN 'real' THEN coalesce (?1 -> o.fullkey, o.value) ELSE o.value END,"
      " n.type, CASE n.type WHEN 'true' THEN 'true' WHEN 'false' THEN 'false'"
      "   WHEN 'real' THEN coalesce (?2 -> n.fullkey, n.value) ELSE n.value END"
      " FROM json_each (?2) n FULL JOIN json_each (?1) o ON o.key = n.key"
      " ORDER BY n.id IS NULL, n.id, o.id";
  g_autoptr (GPtrArray) fields = NULL;
  PdxStmt *stmt;
  gboolean flat;
  PdxStep  rc;

  g_return_val_if_fail (db != NULL && entry != NULL, FALSE);
  g_clear_pointer (&entry->fields, g_ptr_array_unref);
  if ((stmt = pdx_db_prepare (db, flat_sql, error)) == NULL)
    return FALSE;
  pdx_stmt_bind_text (stmt, 1, entry->old_values);
  pdx_stmt_bind_text (stmt, 2, entry->new_values);
  rc = pdx_stmt_step (stmt, NULL);
  flat = rc == PDX_STEP_ROW && pdx_stmt_column_int (stmt, 0) != 0;
  pdx_stmt_reset (stmt);
  if (rc != PDX_STEP_ROW)
    return pdx_db_set_error (db, error, "reading an audit entry's values");
  if (!flat)
    return TRUE;
  if ((stmt = pdx_db_prepare (db, fields_sql, error)) == NULL)
    return FALSE;
  pdx_stmt_bind_text (stmt, 1, entry->old_values);
  pdx_stmt_bind_text (stmt, 2, entry->new_values);
  fields = g_ptr_array_new_with_free_func ((GDestroyNotify) audit_field_free);
  if (!read_field_rows (db, stmt, fields, error))
    return FALSE;
  entry->fields = g_steal_pointer (&fields);
  return TRUE;
}

GPtrArray *
pdx_audit_list (PdxDb *db, const PdxAuditFilter *filter, GError **error)
{
  static const char sql[] =
      "SELECT a.id, a.time, a.operator_name, a.table_name, a.row_id, a.action, a.old_values,"
      " a.new_values, a.reason,"
      " coalesce (m.tag, CASE WHEN a.table_name = 'mouse' THEN json_extract (a.old_values, '$.tag')"
      " END), a.operator"
      " FROM audit_log a LEFT JOIN mouse m ON m.id = a.mouse_id"
      " WHERE (?1 = 0 OR a.study_id = ?1)"
      "   AND (?2 IS NULL OR a.mouse_id IN (SELECT id FROM mouse WHERE tag = ?2"
      "        AND (?1 = 0 OR study_id = ?1)))"
      "   AND (?3 IS NULL OR a.operator = ?3 OR a.operator_name = ?3)"
      "   AND (?4 IS NULL OR a.time >= ?4)"
      "   AND (?5 IS NULL OR a.time < date(?5, '+1 day'))"
      " ORDER BY a.id DESC LIMIT ?6";
  PdxAuditFilter none = { 0 };
  PdxStmt       *stmt = pdx_db_prepare (db, sql, error);
  g_autoptr (GPtrArray) entries = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  if (filter == NULL)
    filter = &none;
  pdx_stmt_bind_int64 (stmt, 1, filter->study_id);
  if (filter->mouse_tag)
    pdx_stmt_bind_text (stmt, 2, filter->mouse_tag);
  if (filter->operator_name)
    pdx_stmt_bind_text (stmt, 3, filter->operator_name);
  if (filter->since)
    pdx_stmt_bind_text (stmt, 4, filter->since);
  if (filter->until)
    pdx_stmt_bind_text (stmt, 5, filter->until);
  pdx_stmt_bind_int64 (stmt, 6, filter->limit ? (gint64) filter->limit : -1);

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) pdx_audit_entry_free);
  while ((rc = pdx_stmt_step (stmt, NULL)) == PDX_STEP_ROW)
    {
      PdxAuditEntry *e = g_new0 (PdxAuditEntry, 1);
      e->id = pdx_stmt_column_int64 (stmt, 0);
      e->time = column_dup (stmt, 1);
      e->operator_name = column_dup (stmt, 2);
      e->table_name = column_dup (stmt, 3);
      e->row_id = pdx_stmt_column_int64 (stmt, 4);
      e->action = column_dup (stmt, 5);
      e->old_values = column_dup (stmt, 6);
      e->new_values = column_dup (stmt, 7);
      e->reason = column_dup (stmt, 8);
      e->mouse_tag = column_dup (stmt, 9);
      e->login = column_dup (stmt, 10);
      g_ptr_array_add (entries, e);
    }
  pdx_stmt_reset (stmt);
  if (rc != PDX_STEP_DONE)
    {
      pdx_db_set_error (db, error, "reading the audit log");
      return NULL;
    }
  /* after the list's statement is reset: the fields' statements are others of the same cache */
  for (guint i = 0; i < entries->len; i++)
    if (!pdx_audit_entry_read_fields (db, g_ptr_array_index (entries, i), error))
      return NULL;
  return g_steal_pointer (&entries);
}
