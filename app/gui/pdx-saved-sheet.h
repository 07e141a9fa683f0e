/* pdx-saved-sheet.h — what one save of the bench sheet changed, and putting it back.
 *
 * The sheet records, per mouse, its measurement as the save found it and as the save left it;
 * the Undo of the save's toast puts every row back in one transaction, after checking that
 * none was changed since. */
#pragma once

#include "pdx/pdx.h"

G_BEGIN_DECLS

typedef struct _PdxSavedSheet PdxSavedSheet;

/* A record of the save of @study_id's sheet for @date. */
PdxSavedSheet *pdx_saved_sheet_new (gint64 study_id, const char *date);
void pdx_saved_sheet_free (PdxSavedSheet *saved);
/* Mouse @tag's row: @before as the save found it (NULL: the save created it), @after as it left
 * it (NULL: the save deleted it). Both are copied. */
void pdx_saved_sheet_add (PdxSavedSheet *saved, const char *tag, const PdxMeasurement *before,
                          const PdxMeasurement *after);
guint pdx_saved_sheet_get_n_rows (const PdxSavedSheet *saved);
gint64 pdx_saved_sheet_get_study_id (const PdxSavedSheet *saved);
const char *pdx_saved_sheet_get_date (const PdxSavedSheet *saved);
/* Puts every row back as the save found it (a created row deleted, an updated one restored, a
 * deleted one created again) in one transaction, audited with the reason "undo of the sheet
 * saved for DATE". Refused, nothing changed, when a row is no longer as the save left it
 * (the error names the mouse). */
gboolean pdx_saved_sheet_undo (const PdxSavedSheet *saved, PdxDb *db, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdxSavedSheet, pdx_saved_sheet_free)

G_END_DECLS
