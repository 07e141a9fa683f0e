/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-store-sqlite.c — the SQLite backend of the store interface: statements, errors mapped to
 * PdxDbError, and the bulk write (rules set aside inside the import's transaction). */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx-store-private.h"
#include "pdx-store-backend.h"

typedef struct
{
  PdxStmt       parent;
  sqlite3_stmt *handle;
} SqliteStmt;

#define HANDLE(stmt) (((SqliteStmt *) (stmt))->handle)

/* The text of a failure on @db: "WHAT: DETAIL" (or DETAIL when @what is NULL), where the
 * detail is the engine's message with the advice the kind of failure needs. */
static void
set_error (PdxDb *db, GError **error, const char *what, gboolean rows)
{
  sqlite3         *handle = pdx_db_get_handle (db);
  int              code = sqlite3_extended_errcode (handle);
  int              primary = code & 0xff;
  const char      *msg = sqlite3_errmsg (handle);
  g_autofree char *detail = NULL;
  PdxDbError       kind = PDX_DB_ERROR_SQLITE;

  if (code == SQLITE_CONSTRAINT_TRIGGER && g_strcmp0 (msg, PDX_SCHEMA_LOCKED_TEXT) == 0)
    kind = PDX_DB_ERROR_LOCKED, detail = pdx_db_dup_lock_refusal (db);
  else if (rows && (code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY))
    kind = PDX_DB_ERROR_DUPLICATE, detail = g_strdup_printf (_ ("already exists (%s)"), msg);
  else if (rows && code == SQLITE_CONSTRAINT_FOREIGNKEY)
    kind = PDX_DB_ERROR_IN_USE,
    detail = g_strdup (_ ("refers to a row that does not exist, or is referred to by other rows"));
  else if (rows && primary == SQLITE_CONSTRAINT)
    kind = PDX_DB_ERROR_INVALID, detail = g_strdup (msg);
  else if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
    kind = PDX_DB_ERROR_BUSY,
    detail = g_strdup_printf (_ ("%s (another program is writing to this lab; try again)"), msg);
  else if (primary == SQLITE_READONLY)
    kind = PDX_DB_ERROR_READ_ONLY,
    detail = g_strdup_printf (_ ("%s (the lab is open read-only; nothing was changed)"), msg);
  else if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB)
    kind = PDX_DB_ERROR_CORRUPT,
    detail = g_strdup_printf (/* Translators: SQLite's message, then the lab's file. */
                              _ ("%s: %s is damaged. Run 'pdxtrack-cli --db FILE check' for the "
                                 "details, and restore the lab from a backup (made with "
                                 "'pdxtrack-cli backup')"),
                              msg, pdx_db_get_path (db));
  else
    detail = g_strdup (msg);
  if (what)
    g_set_error (error, PDX_DB_ERROR, kind, "%s: %s", what, detail);
  else
    g_set_error_literal (error, PDX_DB_ERROR, kind, detail);
}

static gboolean
sqlite_step_error (PdxDb *db, GError **error, const char *what, gboolean rows)
{
  set_error (db, error, what, rows);
  return FALSE;
}

static const char *
sqlite_error_message (PdxDb *db)
{
  return sqlite3_errmsg (pdx_db_get_handle (db));
}

static PdxStmt *
sqlite_prepare (PdxDb *db, const char *sql, gboolean persistent, GError **error)
{
  sqlite3_stmt *handle = NULL;
  SqliteStmt   *stmt;

  if (sqlite3_prepare_v3 (pdx_db_get_handle (db), sql, -1,
                          persistent ? SQLITE_PREPARE_PERSISTENT : 0, &handle, NULL) != SQLITE_OK)
    {
      sqlite3_finalize (handle);
      sqlite_step_error (db, error, "preparing a query", FALSE);
      return NULL;
    }
  stmt = g_new0 (SqliteStmt, 1);
  stmt->parent.backend = &pdx_store_sqlite_backend;
  stmt->parent.db = db;
  stmt->handle = handle;
  return &stmt->parent;
}

static void
sqlite_finalize (PdxStmt *stmt)
{
  sqlite3_finalize (HANDLE (stmt));
  g_free (stmt);
}

static void
sqlite_reset (PdxStmt *stmt)
{
  sqlite3_reset (HANDLE (stmt));
}

static void
sqlite_clear_bindings (PdxStmt *stmt)
{
  sqlite3_clear_bindings (HANDLE (stmt));
}

static void
sqlite_bind_int64 (PdxStmt *stmt, int index, gint64 value)
{
  sqlite3_bind_int64 (HANDLE (stmt), index, value);
}

static void
sqlite_bind_double (PdxStmt *stmt, int index, double value)
{
  sqlite3_bind_double (HANDLE (stmt), index, value);
}

static void
sqlite_bind_text (PdxStmt *stmt, int index, const char *text, gboolean copy)
{
  sqlite3_bind_text (HANDLE (stmt), index, text, -1, copy ? SQLITE_TRANSIENT : SQLITE_STATIC);
}

static void
sqlite_bind_blob (PdxStmt *stmt, int index, gconstpointer data, gsize size)
{
  sqlite3_bind_blob64 (HANDLE (stmt), index, data, size, SQLITE_TRANSIENT);
}

static void
sqlite_bind_null (PdxStmt *stmt, int index)
{
  sqlite3_bind_null (HANDLE (stmt), index);
}

static PdxStep
sqlite_step (PdxStmt *stmt, GError **error)
{
  switch (sqlite3_step (HANDLE (stmt)))
    {
    case SQLITE_ROW:
      return PDX_STEP_ROW;
    case SQLITE_DONE:
      return PDX_STEP_DONE;
    default:
      set_error (stmt->db, error, NULL, TRUE);
      return PDX_STEP_ERROR;
    }
}

static PdxColumnType
sqlite_column_type (PdxStmt *stmt, int index)
{
  switch (sqlite3_column_type (HANDLE (stmt), index))
    {
    case SQLITE_INTEGER:
      return PDX_COLUMN_INTEGER;
    case SQLITE_FLOAT:
      return PDX_COLUMN_REAL;
    case SQLITE_TEXT:
      return PDX_COLUMN_TEXT;
    case SQLITE_BLOB:
      return PDX_COLUMN_BLOB;
    default:
      return PDX_COLUMN_NULL;
    }
}

static gint64
sqlite_column_int64 (PdxStmt *stmt, int index)
{
  return sqlite3_column_int64 (HANDLE (stmt), index);
}

static double
sqlite_column_double (PdxStmt *stmt, int index)
{
  return sqlite3_column_double (HANDLE (stmt), index);
}

static const char *
sqlite_column_text (PdxStmt *stmt, int index)
{
  return (const char *) sqlite3_column_text (HANDLE (stmt), index);
}

static gconstpointer
sqlite_column_blob (PdxStmt *stmt, int index, gsize *size)
{
  gconstpointer data = sqlite3_column_blob (HANDLE (stmt), index);

  *size = (gsize) sqlite3_column_bytes (HANDLE (stmt), index);
  return data;
}

static gboolean
sqlite_exec (PdxDb *db, const char *sql, GError **error)
{
  sqlite3 *handle = pdx_db_get_handle (db);
  char    *message = NULL;

  if (sqlite3_exec (handle, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      int code = sqlite3_extended_errcode (handle);
      g_set_error (error, PDX_DB_ERROR,
                   (code & 0xff) == SQLITE_BUSY ? PDX_DB_ERROR_BUSY : PDX_DB_ERROR_SQLITE, "%s%s",
                   message ? message : sqlite3_errstr (code),
                   (code & 0xff) == SQLITE_BUSY
                       ? _ (" (another program is writing to this lab; try again)")
                       : "");
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

/* BEGIN IMMEDIATE: the write lock at once (waiting up to the busy timeout for another
 * program), so that a transaction never fails half-way for want of it; inner levels are
 * savepoints pdx_1, pdx_2, … */
static gboolean
sqlite_begin (PdxDb *db, guint depth, GError **error)
{
  g_autofree char *sql =
      depth == 0 ? g_strdup ("BEGIN IMMEDIATE") : g_strdup_printf ("SAVEPOINT pdx_%u", depth);

  return pdx_db_exec (db, sql, error);
}

static gboolean
sqlite_commit (PdxDb *db, guint depth, GError **error)
{
  g_autofree char *sql =
      depth == 1 ? g_strdup ("COMMIT") : g_strdup_printf ("RELEASE pdx_%u", depth - 1);

  return pdx_db_exec (db, sql, error);
}

/* Undoes the innermost level; a savepoint is released too, so the nesting stays as counted. */
static void
sqlite_rollback (PdxDb *db, guint depth)
{
  g_autofree char *sql =
      depth == 1 ? g_strdup ("ROLLBACK")
                 : g_strdup_printf ("ROLLBACK TO pdx_%u; RELEASE pdx_%u", depth - 1, depth - 1);

  sqlite3_exec (pdx_db_get_handle (db), sql, NULL, NULL, NULL);
}

static gint64
sqlite_last_insert_id (PdxDb *db)
{
  return sqlite3_last_insert_rowid (pdx_db_get_handle (db));
}

static gint64
sqlite_changes (PdxDb *db)
{
  return sqlite3_changes64 (pdx_db_get_handle (db));
}

/* Foreign keys off, when no transaction is open (they can be switched only outside one; inside
 * someone else's, they stay on): the importer reads every row's mouse in its own transaction. */
static gboolean
sqlite_bulk_prepare (PdxDb *db, gboolean *prepared, GError **error)
{
  if (!sqlite3_get_autocommit (pdx_db_get_handle (db)))
    return TRUE;
  *prepared = pdx_db_exec (db, "PRAGMA foreign_keys = OFF", error);
  return *prepared;
}

/* Inside the import's transaction: no per-row insert audit, the measurement's insert triggers
 * set aside, CHECK constraints off (pdx-store-sqlite.h), then the insert compiled without them.
 * The caller calls sqlite_bulk_end() whatever this returns. */
static PdxStmt *
sqlite_bulk_begin (PdxDb *db, const char *insert_sql, GError **error)
{
  pdx_db_set_bulk (db, TRUE);
  if (!pdx_schema_set_aside_bulk_triggers (db, error) || !pdx_db_set_checks (db, FALSE, error))
    return NULL;
  return pdx_db_prepare (db, insert_sql, error);
}

/* CHECKs on again (every statement recompiles with them), per-row audit back on, and, after a
 * bulk write that succeeded, the triggers restored inside the same transaction. */
static gboolean
sqlite_bulk_end (PdxDb *db, gboolean ok, GError **error)
{
  ok = pdx_db_set_checks (db, TRUE, ok ? error : NULL) && ok;
  pdx_db_set_bulk (db, FALSE);
  return ok && pdx_schema_restore_bulk_triggers (db, error);
}

/* Foreign keys on again; turning them on recompiles every statement. */
static void
sqlite_bulk_finish (PdxDb *db, gboolean prepared)
{
  /* A flag pragma fails only when SQLite is out of memory; the import's outcome stands. */
  if (prepared && !pdx_db_exec (db, "PRAGMA foreign_keys = ON", NULL))
    g_critical ("could not turn foreign keys back on after an import");
}

const PdxStoreBackend pdx_store_sqlite_backend = {
  .name = "sqlite",
  .prepare = sqlite_prepare,
  .finalize = sqlite_finalize,
  .reset = sqlite_reset,
  .clear_bindings = sqlite_clear_bindings,
  .bind_int64 = sqlite_bind_int64,
  .bind_double = sqlite_bind_double,
  .bind_text = sqlite_bind_text,
  .bind_blob = sqlite_bind_blob,
  .bind_null = sqlite_bind_null,
  .step = sqlite_step,
  .column_type = sqlite_column_type,
  .column_int64 = sqlite_column_int64,
  .column_double = sqlite_column_double,
  .column_text = sqlite_column_text,
  .column_blob = sqlite_column_blob,
  .exec = sqlite_exec,
  .begin = sqlite_begin,
  .commit = sqlite_commit,
  .rollback = sqlite_rollback,
  .last_insert_id = sqlite_last_insert_id,
  .changes = sqlite_changes,
  .step_error = sqlite_step_error,
  .error_message = sqlite_error_message,
  .bulk_prepare = sqlite_bulk_prepare,
  .bulk_begin = sqlite_bulk_begin,
  .bulk_end = sqlite_bulk_end,
  .bulk_finish = sqlite_bulk_finish,
};
