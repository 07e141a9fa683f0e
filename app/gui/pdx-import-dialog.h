/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-import-dialog.h — import a CSV (mice, measurements or the PDXE sheet): preview, run in a
 * thread with progress and cancel, the importer's error shown at its row. */
#pragma once

#include <adwaita.h>

#include "pdx-lab.h"

G_BEGIN_DECLS

#define PDX_TYPE_IMPORT_DIALOG (pdx_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PdxImportDialog, pdx_import_dialog, PDX, IMPORT_DIALOG, AdwWindow)

PdxImportDialog *pdx_import_dialog_new (PdxLab *lab);
/* Shows the preview of @path and makes it the file to import. */
gboolean pdx_import_dialog_set_file (PdxImportDialog *self, const char *path, GError **error);
void     pdx_import_dialog_set_kind (PdxImportDialog *self, PdxImportKind kind);
/* Starts the import thread; ::finished (gboolean ok) when it is done. */
void pdx_import_dialog_start (PdxImportDialog *self);
/* What the dialog says now (report or error), and the preview line marked as the error (1-based
 * file line, 0 none); for tests. */
const char *pdx_import_dialog_get_message (PdxImportDialog *self);
guint       pdx_import_dialog_get_error_line (PdxImportDialog *self);
/* How many values the last import refused as unusual (listed in the dialog, 0 none), and
 * Import Anyway: the same file again, storing them (nothing when there were none). */
guint pdx_import_dialog_get_unusual_count (PdxImportDialog *self);
void  pdx_import_dialog_import_anyway (PdxImportDialog *self);

G_END_DECLS
