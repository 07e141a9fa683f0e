/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-audit.c — reading the audit log (written only by the schema's triggers). */
#include "store/pdx-store.h"
#include "pdx/pdx-model.h"

void
pdx_audit_entry_free (PdxAuditEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->time);
  g_free (entry->operator_name);
  g_free (entry->table_name);
  g_free (entry->action);
  g_free (entry->old_values);
  g_free (entry->new_values);
  g_free (entry->reason);
  g_free (entry->mouse_tag);
  g_free (entry);
}

static char *
column_dup (PdxStmt *stmt, int i)
{
  return g_strdup (pdx_stmt_column_text (stmt, i));
}

GPtrArray *
pdx_audit_list (PdxDb *db, const PdxAuditFilter *filter, GError **error)
{
  static const char sql[] =
    "SELECT a.id, a.time, a.operator, a.table_name, a.row_id, a.action, a.old_values,"
    " a.new_values, a.reason,"
    " coalesce (m.tag, CASE WHEN a.table_name = 'mouse' THEN json_extract (a.old_values, '$.tag')"
    " END)"
    " FROM audit_log a LEFT JOIN mouse m ON m.id = a.mouse_id"
    " WHERE (?1 = 0 OR a.study_id = ?1)"
    "   AND (?2 IS NULL OR a.mouse_id IN (SELECT id FROM mouse WHERE tag = ?2"
    "        AND (?1 = 0 OR study_id = ?1)))"
    "   AND (?3 IS NULL OR a.operator = ?3)"
    "   AND (?4 IS NULL OR a.time >= ?4)"
    "   AND (?5 IS NULL OR a.time < date(?5, '+1 day'))"
    " ORDER BY a.id DESC LIMIT ?6";
  PdxAuditFilter none = { 0 };
  PdxStmt *stmt = pdx_db_prepare (db, sql, error);
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
      g_ptr_array_add (entries, e);
    }
  pdx_stmt_reset (stmt);
  if (rc != PDX_STEP_DONE)
    {
      pdx_db_set_error (db, error, "reading the audit log");
      return NULL;
    }
  return g_steal_pointer (&entries);
}
