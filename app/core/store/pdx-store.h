/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-store.h — the store's SQL interface for the core modules that run SQL (declared in
 * app/core/MODULES: model, import, export, demo): statements, transactions, bulk writing.
 *
 * No engine shows through it: a backend (SQLite today, PostgreSQL with issue #18) implements
 * the PdxStoreBackend table of store/pdx-store-backend.h, and app/core/DESIGN.md says which SQL
 * a module may write (portable) and which stays in the store (engine-specific). Never included
 * by the CLI, the GUI or a public header.
 *
 * Parameters are positional, written `?` (or `?N` to use one value twice); the first is 1.
 * Statements from pdx_db_prepare() are cached on the connection for the SQL text (the cache
 * keeps its own copy, so the text may be built and freed; the SQL of pdx-core, never user text:
 * every distinct text stays cached until the connection closes) and borrowed;
 * pdx_db_prepare_once() gives an owned one, for SQL run once.
 *
 *   PdxStmt *stmt = pdx_db_prepare (db, "SELECT id, tag FROM mouse WHERE study_id = ?", error);
 *   PdxStep step;
 *
 *   if (stmt == NULL)
 *     return FALSE;
 *   pdx_stmt_bind_int64 (stmt, 1, study_id);
 *   while ((step = pdx_stmt_step (stmt, error)) == PDX_STEP_ROW)
 *     g_print ("%" G_GINT64_FORMAT " %s\n", pdx_stmt_column_int64 (stmt, 0),
 *              pdx_stmt_column_text (stmt, 1));
 *   pdx_stmt_reset (stmt);
 *   return step == PDX_STEP_DONE;
 *
 * Errors are PDX_DB_ERROR codes: DUPLICATE / IN_USE / INVALID for the three kinds of refused
 * row (unique, foreign key, any other constraint), BUSY, READ_ONLY, CORRUPT (damaged) and
 * SQLITE (anything else, whichever the engine). */
#pragma once

#include "pdx/pdx-db.h"

G_BEGIN_DECLS

typedef struct _PdxStmt PdxStmt;

typedef enum
{
  PDX_STEP_ERROR = -1, /* the error was set (when asked for) */
  PDX_STEP_DONE = 0,   /* no (more) rows: the statement ran to its end */
  PDX_STEP_ROW = 1,    /* a row is ready for the column getters */
} PdxStep;

typedef enum
{
  PDX_COLUMN_NULL,
  PDX_COLUMN_INTEGER,
  PDX_COLUMN_REAL,
  PDX_COLUMN_TEXT,
  PDX_COLUMN_BLOB,
} PdxColumnType;

/* ---- statements ---- */

/* The statement cached on @db for @sql, reset and with its bindings cleared. Borrowed: valid
 * until @db is closed; never freed by the caller. NULL and @error on failure. */
PdxStmt *pdx_db_prepare (PdxDb *db, const char *sql, GError **error);
/* A statement of its own for @sql (SQL run once); free it with pdx_stmt_free or g_autoptr. */
PdxStmt *pdx_db_prepare_once (PdxDb *db, const char *sql, GError **error);
/* Frees a statement of pdx_db_prepare_once(); a cached one is only reset. */
void pdx_stmt_free (PdxStmt *stmt);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdxStmt, pdx_stmt_free)

/* Binding by position (1 = the first `?`). An unbound parameter is NULL. Text is borrowed:
 * @text must stay valid until the statement is reset, rebound or freed (NULL binds NULL);
 * _copy takes a copy. Blobs are copied. */
void pdx_stmt_bind_int64 (PdxStmt *stmt, int index, gint64 value);
void pdx_stmt_bind_double (PdxStmt *stmt, int index, double value);
void pdx_stmt_bind_text (PdxStmt *stmt, int index, const char *text);
void pdx_stmt_bind_text_copy (PdxStmt *stmt, int index, const char *text);
void pdx_stmt_bind_blob (PdxStmt *stmt, int index, gconstpointer data, gsize size);
void pdx_stmt_bind_null (PdxStmt *stmt, int index);
void pdx_stmt_clear_bindings (PdxStmt *stmt);

/* The next row, the end, or an error (set in @error, may be NULL, without a prefix; the
 * connection also keeps it for pdx_db_step_error()). After DONE or ERROR, reset before the
 * statement runs again. */
PdxStep pdx_stmt_step (PdxStmt *stmt, GError **error);
/* Back to before the first step, bindings kept: releases what a reader holds. */
void pdx_stmt_reset (PdxStmt *stmt);
/* Runs a statement without rows to its end and resets it; on failure @error is set as
 * pdx_db_step_error (db, error, @what) sets it. */
gboolean pdx_stmt_run (PdxStmt *stmt, const char *what, GError **error);

/* Column getters for the current row (0 = the first column). Text is borrowed until the next
 * step or reset; NULL for a NULL column. Numbers of a NULL column read as 0. */
PdxColumnType pdx_stmt_column_type (PdxStmt *stmt, int index);
gboolean      pdx_stmt_column_is_null (PdxStmt *stmt, int index);
gint64        pdx_stmt_column_int64 (PdxStmt *stmt, int index);
int           pdx_stmt_column_int (PdxStmt *stmt, int index);
double        pdx_stmt_column_double (PdxStmt *stmt, int index);
const char   *pdx_stmt_column_text (PdxStmt *stmt, int index);
gconstpointer pdx_stmt_column_blob (PdxStmt *stmt, int index, gsize *size);

/* ---- the connection ---- */

/* Runs SQL without results (may hold several statements; no parameters). */
gboolean pdx_db_exec (PdxDb *db, const char *sql, GError **error);
/* Runs @sql, a query of one row and one integer column, into *@value. FALSE, and @error
 * prefixed by @what, when it fails or gives no row. */
gboolean
pdx_db_query_int64 (PdxDb *db, const char *sql, gint64 *value, const char *what, GError **error);
/* The id the last successful INSERT of @db gave its row. */
gint64 pdx_db_last_insert_id (PdxDb *db);
/* How many rows the last INSERT, UPDATE or DELETE of @db changed. */
gint64 pdx_db_changes (PdxDb *db);

/* The error of the last failed statement of @db as a PdxDbError, refused rows in plain words
 * ("WHAT: already exists (…)"), prefixed with @what. Always returns FALSE. */
gboolean pdx_db_step_error (PdxDb *db, GError **error, const char *what);
/* The same without naming refused rows (for reads, which refuse none). Always FALSE. */
gboolean pdx_db_set_error (PdxDb *db, GError **error, const char *what);
/* The engine's own text of the last failure on @db (borrowed until the next call). */
const char *pdx_db_get_error_message (PdxDb *db);

/* ---- the audit chain (docs/audit-trail.md) ---- */

/* Recomputes the hash chain of the whole audit log in id order (schema 3 and later). TRUE when
 * every entry verifies. Else FALSE with PDX_DB_ERROR_INVALID naming the first entry that does
 * not and why (no hash, content changed, not linked to the entry before it) and its id in
 * *@first_bad (may be NULL; 0 when the log could not be read, another error code then). */
gboolean pdx_db_audit_chain_verify (PdxDb *db, gint64 *first_bad, GError **error);

/* ---- locked studies (docs/signatures.md) ---- */

/* The lock of study @study_id in words ("Study CODE is locked: signed "lock" by LOGIN (NAME) on
 * TIME — "REASON".") in *@description (owned), or NULL when the study is not locked (or does
 * not exist). FALSE with @error when it cannot be read. */
gboolean pdx_db_describe_lock (PdxDb *db, gint64 study_id, char **description, GError **error);
/* A refusal's message from a lock's @description: "DESCRIPTION Nothing was changed." Owned. */
char *pdx_db_dup_lock_refused (const char *description);

/* ---- bulk writing of measurements ---- */

/* A bulk measurement import (see pdx-import.c) runs in three steps:
 *   1. pdx_db_bulk_prepare(), outside any transaction, before the import's own begins;
 *   2. inside that transaction, pdx_db_bulk_begin() gives the statement each row is written
 *      with (bound as the model's @insert_sql, whose parameters it takes, then stepped; a row
 *      refused as a duplicate fails with PDX_DB_ERROR_DUPLICATE and writes nothing);
 *      pdx_db_bulk_end() ends the bulk write, restoring every rule (@ok FALSE: only restores
 *      what the connection needs, the caller rolls back);
 *   3. pdx_db_bulk_finish() after the transaction ended, whatever its outcome.
 * In between, the rules the importer checks itself for every row (the measurement's CHECK
 * constraints, the date rule, the mouse's existence) and the per-row insert audit are set
 * aside for this connection and transaction only; the caller writes a summary audit entry.
 * Nothing else may run on @db during the bulk write. *@prepared says whether step 1 did
 * anything (inside a caller's transaction it cannot): pass it to step 3. */
gboolean pdx_db_bulk_prepare (PdxDb *db, gboolean *prepared, GError **error);
PdxStmt *pdx_db_bulk_begin (PdxDb *db, const char *insert_sql, GError **error);
gboolean pdx_db_bulk_end (PdxDb *db, gboolean ok, GError **error);
void     pdx_db_bulk_finish (PdxDb *db, gboolean prepared);

/* Whether a bulk write is on (the schema's insert audit reads it). */
gboolean pdx_db_get_bulk (PdxDb *db);

G_END_DECLS
