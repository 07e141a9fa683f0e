/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-store-backend.h — what a store backend implements (store/ only): the table of functions
 * behind pdx-store.h, one per engine (pdx-store-sqlite.c now; libpq with issue #18). */
#pragma once

#include "pdx-store.h"

G_BEGIN_DECLS

/* The head of every backend's statement: the backend's own struct begins with it. */
struct _PdxStmt
{
  const struct _PdxStoreBackend *backend;
  PdxDb                         *db;
  gboolean cached; /* owned by the connection's cache: pdx_stmt_free() only resets it */
};

/* Each entry has the contract of the pdx-store.h call of the same name; pdx-store.c checks the
 * arguments and dispatches, and keeps the statement cache (prepare is called once per SQL text
 * and connection with @persistent TRUE for a cached statement). Text given to bind_text with
 * @copy FALSE stays valid until the statement is reset, rebound or finalized. step sets @error
 * (may be NULL) with no prefix; step_error formats the connection's last failure, prefixed by
 * @what, naming refused rows when @rows. */
typedef struct _PdxStoreBackend
{
  const char *name;
  PdxStmt *(*prepare) (PdxDb *db, const char *sql, gboolean persistent, GError **error);
  void (*finalize) (PdxStmt *stmt);
  void (*reset) (PdxStmt *stmt);
  void (*clear_bindings) (PdxStmt *stmt);
  void (*bind_int64) (PdxStmt *stmt, int index, gint64 value);
  void (*bind_double) (PdxStmt *stmt, int index, double value);
  void (*bind_text) (PdxStmt *stmt, int index, const char *text, gboolean copy);
  void (*bind_blob) (PdxStmt *stmt, int index, gconstpointer data, gsize size);
  void (*bind_null) (PdxStmt *stmt, int index);
  PdxStep (*step) (PdxStmt *stmt, GError **error);
  PdxColumnType (*column_type) (PdxStmt *stmt, int index);
  gint64 (*column_int64) (PdxStmt *stmt, int index);
  double (*column_double) (PdxStmt *stmt, int index);
  const char *(*column_text) (PdxStmt *stmt, int index);
  gconstpointer (*column_blob) (PdxStmt *stmt, int index, gsize *size);

  gboolean (*exec) (PdxDb *db, const char *sql, GError **error);
  /* The SQL of pdx_db_begin/commit/rollback (pdx-db.c keeps the nesting, the read-only
   * refusal and the quick check): @depth is the nesting before the call, 0 for the outermost
   * begin (a write transaction), more for a savepoint. */
  gboolean (*begin) (PdxDb *db, guint depth, GError **error);
  gboolean (*commit) (PdxDb *db, guint depth, GError **error);
  void (*rollback) (PdxDb *db, guint depth);
  gint64 (*last_insert_id) (PdxDb *db);
  gint64 (*changes) (PdxDb *db);
  gboolean (*step_error) (PdxDb *db, GError **error, const char *what, gboolean rows);
  const char *(*error_message) (PdxDb *db);

  gboolean (*bulk_prepare) (PdxDb *db, gboolean *prepared, GError **error);
  PdxStmt *(*bulk_begin) (PdxDb *db, const char *insert_sql, GError **error);
  gboolean (*bulk_end) (PdxDb *db, gboolean ok, GError **error);
  void (*bulk_finish) (PdxDb *db, gboolean prepared);
} PdxStoreBackend;

/* The SQLite backend (pdx-store-sqlite.c). */
extern const PdxStoreBackend pdx_store_sqlite_backend;

/* The connection's backend and its statement cache (pdx-db.c). */
const PdxStoreBackend *pdx_db_get_backend (PdxDb *db);
GHashTable            *pdx_db_get_statement_cache (PdxDb *db);
/* Finalizes @stmt, cached or not: the cache's destructor (pdx-store.c). */
void pdx_store_stmt_finalize (PdxStmt *stmt);
/* Whether a transaction is open (nesting depth > 0). */
guint pdx_db_get_depth (PdxDb *db);

G_END_DECLS
