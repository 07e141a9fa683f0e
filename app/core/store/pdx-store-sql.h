/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-store-sql.h — the store's SQL interface for the core modules that run SQL (declared in
 * app/core/MODULES: model, import, export, demo). Never included by the CLI, the GUI or a
 * public header: the raw SQLite handle stays inside pdx-core. */
#pragma once

#include <sqlite3.h>

#include "pdx/pdx-db.h"

G_BEGIN_DECLS

/* The SQLite handle, borrowed. */
sqlite3 *pdx_db_get_handle (PdxDb *db);
/* Sets @error from the connection's last SQLite error, prefixed with @what. Returns FALSE. */
gboolean pdx_db_set_sqlite_error (PdxDb *db, GError **error, const char *what);

/* A prepared statement cached on @db for @sql (a constant string of pdx-core, never user text),
 * reset and with its bindings cleared. Borrowed: do not finalize. NULL and @error on failure. */
sqlite3_stmt *pdx_db_prepare (PdxDb *db, const char *sql, GError **error);
/* Runs SQL without results (may hold several statements). */
gboolean pdx_db_exec (PdxDb *db, const char *sql, GError **error);
/* Maps a failed step's SQLite error to a PdxDbError with a readable message prefixed by @what. */
gboolean pdx_db_step_error (PdxDb *db, GError **error, const char *what);

/* A bulk measurement import sets aside, inside its own transaction, the two per-row insert
 * triggers of the measurement table (the insert audit and the date rule) and restores them
 * before it commits. The importer checks the date rule itself for every row against dates read
 * in the same transaction, and writes the import's audit entry; DDL being transactional, no
 * other connection ever sees the triggers missing, and a failed import restores them. */
gboolean pdx_schema_set_aside_bulk_triggers (PdxDb *db, GError **error);
gboolean pdx_schema_restore_bulk_triggers (PdxDb *db, GError **error);
/* CHECK constraints off (@on FALSE) for a bulk importer that refuses, row by row, every value
 * the CHECKs of the table it writes would: SQLite compiles the checks into each statement, so
 * statements compiled while they are off skip them. Turning them on again expires every
 * compiled statement of @db, the cached ones included, and SQLite compiles each again, with
 * the checks, before it next runs (it does so on every change of a flag pragma). Tested: an
 * import refuses each violation, writers afterwards are checked, and the fuzz oracle runs
 * PRAGMA integrity_check, which checks CHECK constraints, after every import it accepts. */
gboolean pdx_db_set_checks (PdxDb *db, gboolean on, GError **error);

/* Bulk mode: while on, inserts write no per-row audit entry (the caller writes a summary entry;
 * see pdx-schema.c). Updates and deletes are always audited row by row. */
void pdx_db_set_bulk (PdxDb *db, gboolean bulk);
gboolean pdx_db_get_bulk (PdxDb *db);

G_END_DECLS
