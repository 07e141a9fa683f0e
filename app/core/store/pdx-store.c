/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-store.c — the store interface (pdx-store.h): argument checks, the statement cache, and
 * dispatch to the connection's backend (pdx-store-backend.h). */
#include "pdx-store-backend.h"

PdxStmt *
pdx_db_prepare (PdxDb *db, const char *sql, GError **error)
{
  GHashTable *cache;
  PdxStmt    *stmt;

  g_return_val_if_fail (db != NULL && sql != NULL, NULL);
  cache = pdx_db_get_statement_cache (db);
  stmt = g_hash_table_lookup (cache, sql);
  if (stmt)
    {
      stmt->backend->reset (stmt);
      stmt->backend->clear_bindings (stmt);
      return stmt;
    }
  stmt = pdx_db_get_backend (db)->prepare (db, sql, TRUE, error);
  if (stmt == NULL)
    return NULL;
  stmt->cached = TRUE;
  g_hash_table_insert (cache, g_strdup (sql), stmt);
  return stmt;
}

PdxStmt *
pdx_db_prepare_once (PdxDb *db, const char *sql, GError **error)
{
  g_return_val_if_fail (db != NULL && sql != NULL, NULL);
  return pdx_db_get_backend (db)->prepare (db, sql, FALSE, error);
}

/* The cache's value destructor as well (pdx-db.c), for which @stmt->cached is ignored. */
void
pdx_store_stmt_finalize (PdxStmt *stmt)
{
  stmt->backend->finalize (stmt);
}

void
pdx_stmt_free (PdxStmt *stmt)
{
  if (stmt == NULL)
    return;
  if (stmt->cached)
    stmt->backend->reset (stmt);
  else
    stmt->backend->finalize (stmt);
}

void
pdx_stmt_bind_int64 (PdxStmt *stmt, int index, gint64 value)
{
  stmt->backend->bind_int64 (stmt, index, value);
}

void
pdx_stmt_bind_double (PdxStmt *stmt, int index, double value)
{
  stmt->backend->bind_double (stmt, index, value);
}

void
pdx_stmt_bind_text (PdxStmt *stmt, int index, const char *text)
{
  stmt->backend->bind_text (stmt, index, text, FALSE);
}

void
pdx_stmt_bind_text_copy (PdxStmt *stmt, int index, const char *text)
{
  stmt->backend->bind_text (stmt, index, text, TRUE);
}

void
pdx_stmt_bind_blob (PdxStmt *stmt, int index, gconstpointer data, gsize size)
{
  stmt->backend->bind_blob (stmt, index, data, size);
}

void
pdx_stmt_bind_null (PdxStmt *stmt, int index)
{
  stmt->backend->bind_null (stmt, index);
}

void
pdx_stmt_clear_bindings (PdxStmt *stmt)
{
  stmt->backend->clear_bindings (stmt);
}

PdxStep
pdx_stmt_step (PdxStmt *stmt, GError **error)
{
  return stmt->backend->step (stmt, error);
}

void
pdx_stmt_reset (PdxStmt *stmt)
{
  stmt->backend->reset (stmt);
}

gboolean
pdx_stmt_run (PdxStmt *stmt, const char *what, GError **error)
{
  gboolean ok = stmt->backend->step (stmt, NULL) == PDX_STEP_DONE;

  if (!ok)
    stmt->backend->step_error (stmt->db, error, what, TRUE);
  stmt->backend->reset (stmt);
  return ok;
}

PdxColumnType
pdx_stmt_column_type (PdxStmt *stmt, int index)
{
  return stmt->backend->column_type (stmt, index);
}

gboolean
pdx_stmt_column_is_null (PdxStmt *stmt, int index)
{
  return stmt->backend->column_type (stmt, index) == PDX_COLUMN_NULL;
}

gint64
pdx_stmt_column_int64 (PdxStmt *stmt, int index)
{
  return stmt->backend->column_int64 (stmt, index);
}

int
pdx_stmt_column_int (PdxStmt *stmt, int index)
{
  return (int) stmt->backend->column_int64 (stmt, index);
}

double
pdx_stmt_column_double (PdxStmt *stmt, int index)
{
  return stmt->backend->column_double (stmt, index);
}

const char *
pdx_stmt_column_text (PdxStmt *stmt, int index)
{
  return stmt->backend->column_text (stmt, index);
}

gconstpointer
pdx_stmt_column_blob (PdxStmt *stmt, int index, gsize *size)
{
  return stmt->backend->column_blob (stmt, index, size);
}

gboolean
pdx_db_exec (PdxDb *db, const char *sql, GError **error)
{
  return pdx_db_get_backend (db)->exec (db, sql, error);
}

gint64
pdx_db_last_insert_id (PdxDb *db)
{
  return pdx_db_get_backend (db)->last_insert_id (db);
}

gint64
pdx_db_changes (PdxDb *db)
{
  return pdx_db_get_backend (db)->changes (db);
}

gboolean
pdx_db_step_error (PdxDb *db, GError **error, const char *what)
{
  return pdx_db_get_backend (db)->step_error (db, error, what, TRUE);
}

gboolean
pdx_db_set_error (PdxDb *db, GError **error, const char *what)
{
  return pdx_db_get_backend (db)->step_error (db, error, what, FALSE);
}

const char *
pdx_db_get_error_message (PdxDb *db)
{
  return pdx_db_get_backend (db)->error_message (db);
}

gboolean
pdx_db_bulk_prepare (PdxDb *db, gboolean *prepared, GError **error)
{
  *prepared = FALSE;
  return pdx_db_get_backend (db)->bulk_prepare (db, prepared, error);
}

PdxStmt *
pdx_db_bulk_begin (PdxDb *db, const char *insert_sql, GError **error)
{
  g_return_val_if_fail (pdx_db_get_depth (db) > 0, NULL);
  return pdx_db_get_backend (db)->bulk_begin (db, insert_sql, error);
}

gboolean
pdx_db_bulk_end (PdxDb *db, gboolean ok, GError **error)
{
  return pdx_db_get_backend (db)->bulk_end (db, ok, error);
}

void
pdx_db_bulk_finish (PdxDb *db, gboolean prepared)
{
  pdx_db_get_backend (db)->bulk_finish (db, prepared);
}

gboolean
pdx_db_query_int64 (PdxDb *db, const char *sql, gint64 *value, const char *what, GError **error)
{
  PdxStmt *stmt = pdx_db_prepare (db, sql, error);
  PdxStep  rc;

  g_return_val_if_fail (value != NULL, FALSE);
  if (stmt == NULL)
    return FALSE;
  rc = pdx_stmt_step (stmt, NULL);
  if (rc == PDX_STEP_ROW)
    *value = pdx_stmt_column_int64 (stmt, 0);
  pdx_stmt_reset (stmt);
  return rc == PDX_STEP_ROW || pdx_db_set_error (db, error, what);
}
