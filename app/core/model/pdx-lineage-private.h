/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-lineage-private.h — what the lineage's two files (pdx-graft.c, pdx-cryobank.c) share. */
#pragma once

#include "pdx/pdx-lineage.h"
#include "store/pdx-store.h"

G_BEGIN_DECLS

/* Sets PDX_DB_ERROR_INVALID with the printf message; returns FALSE. */
gboolean pdx_lineage_refuse (GError **error, const char *format, ...) G_GNUC_PRINTF (2, 3);
/* Binds @text, or NULL. */
void pdx_lineage_bind_text (PdxStmt *stmt, int index, const char *text);
/* Binds @value, or NULL when negative (not recorded). */
void pdx_lineage_bind_count (PdxStmt *stmt, int index, gint64 value);
/* Binds @id, or NULL when 0. */
void pdx_lineage_bind_id (PdxStmt *stmt, int index, gint64 id);
/* The code of line @line_id (owned) in *@code; FALSE with @error when there is no such line. */
gboolean pdx_lineage_line_code (PdxDb *db, gint64 line_id, char **code, GError **error);
/* Validates and inserts @graft inside the caller's transaction (pdx_graft_insert ()'s work). */
gboolean pdx_graft_insert_in (PdxDb *db, PdxGraft *graft, GError **error);
/* Runs @stmt (an UPDATE by compare-and-set) and says whether it changed a row:
 * none is PDX_DB_ERROR_CONFLICT with @conflict. */
gboolean pdx_lineage_run_cas (
    PdxDb *db, PdxStmt *stmt, const char *what, const char *conflict, GError **error);
/* Runs @func in a transaction of its own with @reason (NULL or blank: the connection's) as the
 * audit entries' reason. */
gboolean pdx_lineage_run (PdxDb      *db,
                          const char *reason,
                          gboolean (*func) (PdxDb *db, gpointer data, GError **error),
                          gpointer data,
                          GError **error);

G_END_DECLS
