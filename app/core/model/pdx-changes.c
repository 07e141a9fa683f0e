/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-changes.c — what commits touched since a cursor (pdx-changes.h), from the audit log. */
#include "store/pdx-store.h"
#include "pdx/pdx-changes.h"

void
pdx_changes_free (PdxChanges *changes)
{
  if (changes == NULL)
    return;
  g_clear_pointer (&changes->study_ids, g_array_unref);
  g_free (changes);
}

gboolean
pdx_changes_is_empty (const PdxChanges *changes)
{
  g_return_val_if_fail (changes != NULL, TRUE);
  return changes->study_ids->len == 0 && !changes->studies_changed && !changes->lines_changed &&
         !changes->unattributed;
}

gboolean
pdx_changes_get_cursor (PdxDb *db, gint64 *cursor, GError **error)
{
  g_return_val_if_fail (cursor != NULL, FALSE);
  return pdx_db_query_int64 (db, "SELECT coalesce (max (id), 0) FROM audit_log", cursor,
                             "reading the audit log", error);
}

/* One row per study named (NULL: entries of no study): whether a study row itself changed, how
 * many of the group's entries are of the lab-wide line tables, how many entries, the newest
 * id, and how many are imports' provenance entries (no row changed). The audit log is append-only
 * and its ids grow in commit order (one writer at a time), so "id > cursor" is exactly what was
 * committed since the cursor was read. NOT INDEXED keeps it a range of the primary key: left to
 * itself, SQLite groups by walking the whole audit_log_study index instead (about 100 ms on a lab
 * of 405,000 entries, for a handful of new ones). */
static const char changes_sql[] =
    "SELECT study_id, max (table_name = 'study'),"
    " sum (table_name IN ('line', 'tumour_sample', 'patient')), count (*), max (id),"
    " sum (table_name = 'import')"
    " FROM audit_log NOT INDEXED WHERE id > ?1 GROUP BY study_id ORDER BY study_id";

static void
add_group (PdxChanges *changes, PdxStmt *stmt)
{
  gint64 n_lines = pdx_stmt_column_int64 (stmt, 2), n = pdx_stmt_column_int64 (stmt, 3);

  if (!pdx_stmt_column_is_null (stmt, 0))
    {
      gint64 study_id = pdx_stmt_column_int64 (stmt, 0);

      g_array_append_val (changes->study_ids, study_id);
      changes->studies_changed |= pdx_stmt_column_int (stmt, 1) != 0;
      return;
    }
  /* An import's own provenance entry (table 'import') records a file, not a change. */
  changes->lines_changed |= n_lines > 0;
  changes->unattributed |= n > n_lines + pdx_stmt_column_int64 (stmt, 5);
}

PdxChanges *
pdx_changes_since (PdxDb *db, gint64 *cursor, GError **error)
{
  PdxStmt *stmt = pdx_db_prepare (db, changes_sql, error);
  g_autoptr (PdxChanges) changes = NULL;
  gint64  newest;
  PdxStep rc;

  g_return_val_if_fail (cursor != NULL, NULL);
  if (stmt == NULL)
    return NULL;
  changes = g_new0 (PdxChanges, 1);
  changes->study_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  newest = *cursor;
  pdx_stmt_bind_int64 (stmt, 1, *cursor);
  while ((rc = pdx_stmt_step (stmt, NULL)) == PDX_STEP_ROW)
    {
      add_group (changes, stmt);
      newest = MAX (newest, pdx_stmt_column_int64 (stmt, 4));
    }
  pdx_stmt_reset (stmt);
  if (rc != PDX_STEP_DONE)
    {
      pdx_db_set_error (db, error, "reading the audit log for changes");
      return NULL;
    }
  *cursor = newest;
  return g_steal_pointer (&changes);
}
