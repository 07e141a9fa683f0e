/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-store-private.h — what the store's own files share (store/ only): migrations, triggers. */
#pragma once

#include "pdx/pdx-db.h"
#include "pdx-store-sqlite.h"

G_BEGIN_DECLS

/* Schema (pdx-schema.c). Migrates from user_version @from to @to inside the caller's transaction;
 * step 1 creates the first schema, each later step moves one version forward. */
gboolean pdx_schema_migrate (PdxDb *db, int from, int to, GError **error);
/* (Re)creates the audit triggers of every audited table for schema @version. */
gboolean pdx_schema_create_audit_triggers (PdxDb *db, int version, GError **error);
/* Registers the SQL functions the schema's triggers call (pdx_operator(), pdx_reason()). */
void pdx_schema_register_functions (PdxDb *db);

/* The audit chain (pdx-chain.c). The prev_hash of the first entry. */
#define PDX_CHAIN_ZERO_HASH "0000000000000000000000000000000000000000000000000000000000000000"
/* Registers pdx_audit_link (), the function the chain trigger calls. */
void pdx_chain_register_functions (PdxDb *db);
/* Writes the 'migrate' entry of an upgrade from schema @from to @to (>= 3), which says that the
 * entries before it were written before the chain and chained at the upgrade. */
gboolean pdx_chain_write_migrate_entry (PdxDb *db, int from, int to, GError **error);
/* check's parts (each problem one line appended to @problems, may be NULL; returns the count),
 * for a lab of the current schema only. The trail: the lab's tables, indexes, triggers and
 * views against a lab this version creates in memory, each missing, extra or altered one by
 * name; then each row of an audited table whose content is not what its newest audit entry
 * says it became (changed, deleted or written outside the trail; a row of a bulk import needs
 * no entry of its own inside the import's id range). The chain: recomputed, the first entry
 * that does not verify named. */
guint pdx_chain_collect_trail (PdxDb *db, GPtrArray *problems);
guint pdx_chain_collect_chain (PdxDb *db, GPtrArray *problems);

/* The lock triggers (pdx-schema-lock.c), appended to @sql (each dropped first): on @table,
 * whose row R belongs to the study @study_expr (printf, %s = R), every insert, update and
 * delete refused while that study is locked; and the study table's own (@columns: its
 * columns), which let a study be locked by its newest lock signature and unlocked by an unlock
 * signature, nothing else changing with either, and refuse every other change or the deletion
 * of a locked study. */
void pdx_schema_append_lock_triggers (GString *sql, const char *table, const char *study_expr);
void pdx_schema_append_study_lock_triggers (GString *sql, GPtrArray *columns);

/* The text the schema's lock triggers RAISE (pdx-schema.c); the store turns it into
 * PDX_DB_ERROR_LOCKED naming the lock. */
#define PDX_SCHEMA_LOCKED_TEXT "pdxtrack: the study is locked"
/* A lock trigger's SQL function pdx_locked_study (ID), called just before its RAISE, notes
 * study ID's lock in words (pdx-store-lock.c, read there and then, while the refused statement
 * runs) for the error that follows; set takes ownership of @text. */
void        pdx_db_note_lock_refusal (PdxDb *db, gint64 study_id);
void        pdx_db_set_lock_refusal (PdxDb *db, char *text);
const char *pdx_db_get_lock_refusal (PdxDb *db);
/* The message of the last lock refusal noted, or a general sentence. Owned. */
char *pdx_db_dup_lock_refusal (PdxDb *db);

/* Opens a lab without migrating it past @version: for migration tests only. */
PdxDb *pdx_db_open_at_version (const char *path, int version, GError **error);

G_END_DECLS
