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

/* Opens a lab without migrating it past @version: for migration tests only. */
PdxDb *pdx_db_open_at_version (const char *path, int version, GError **error);

G_END_DECLS
