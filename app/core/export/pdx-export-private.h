/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-export-private.h — what the export module's own files share (export/ only). */
#pragma once

#include <glib.h>

#include "pdx/pdx-db.h"

G_BEGIN_DECLS

/* Whether the XLSX zip in @data is whole: its directory readable and every XML part inflating to
 * a document that ends with its root's end tag. FALSE with a sentence in *@problem (owned). */
gboolean pdx_xlsx_check_whole (const guint8 *data, gsize len, char **problem);

/* The lab's audit seal now (pdx_audit_get_seal) as every export prints it: "N HASH" (the
 * entry's number and its full 64-digit SHA-256, as `pdxtrack-cli audit seal` prints it). NULL
 * with @error when it cannot be read. Owned. */
char *pdx_export_dup_seal (PdxDb *db, GError **error);
/* Appends the CSV exports' footer line "# audit seal N HASH\n" after the table (read back with
 * R's read.csv (comment.char = "#") or pandas' comment="#"). */
gboolean pdx_export_append_seal_line (PdxDb *db, GString *out, GError **error);

G_END_DECLS
