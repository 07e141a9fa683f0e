/* pdx-db-private.h — storage internals shared by the modules of pdx-core (not installed). */
#pragma once

#include "pdx/pdx-db.h"

G_BEGIN_DECLS

/* A prepared statement cached on @db for @sql (a constant string of pdx-core, never user text),
 * reset and with its bindings cleared. Borrowed: do not finalize. NULL and @error on failure. */
sqlite3_stmt *pdx_db_prepare (PdxDb *db, const char *sql, GError **error);
/* Runs SQL without results (may hold several statements). */
gboolean pdx_db_exec (PdxDb *db, const char *sql, GError **error);
/* Maps a failed step's SQLite error to a PdxDbError with a readable message prefixed by @what. */
gboolean pdx_db_step_error (PdxDb *db, GError **error, const char *what);

/* Schema (pdx-schema.c). Migrates from user_version @from to @to inside the caller's transaction;
 * step 1 creates the first schema, each later step moves one version forward. */
gboolean pdx_schema_migrate (PdxDb *db, int from, int to, GError **error);
/* (Re)creates the audit triggers of every audited table for schema @version. */
gboolean pdx_schema_create_audit_triggers (PdxDb *db, int version, GError **error);
/* A bulk measurement import sets aside, inside its own transaction, the two per-row insert
 * triggers of the measurement table (the insert audit and the date rule) and restores them
 * before it commits. The importer checks the date rule itself for every row against dates read
 * in the same transaction, and writes the import's audit entry; DDL being transactional, no
 * other connection ever sees the triggers missing, and a failed import restores them. */
gboolean pdx_schema_set_aside_bulk_triggers (PdxDb *db, GError **error);
gboolean pdx_schema_restore_bulk_triggers (PdxDb *db, GError **error);
/* Registers the SQL functions the schema's triggers call (pdx_operator(), pdx_reason()). */
void pdx_schema_register_functions (PdxDb *db);

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

/* Opens a lab without migrating it past @version: for migration tests only. */
PdxDb *pdx_db_open_at_version (const char *path, int version, GError **error);

/* Whether @text is a valid ISO date YYYY-MM-DD. */
gboolean pdx_date_is_valid (const char *text);
/* Days from ISO date @from to @to (to − from); both must be valid. */
int pdx_date_diff_days (const char *from, const char *to);
/* @date plus @days as a new ISO string. */
char *pdx_date_add_days (const char *date, int days);

G_END_DECLS
