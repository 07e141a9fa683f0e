/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-sheet.h — saving one day of the bench sheet, and undoing that save (no GTK).
 *
 * A sheet shows, per live mouse, its measurement for one date. The person changes some cells;
 * pdx_sheet_save() writes exactly those cells, at the precision they were typed, in one
 * transaction, after checking that no other program changed any of the rows since the sheet
 * loaded them. What it changed is returned so that its Undo puts back exactly that. */
#pragma once

#include "pdx-db.h"
#include "pdx-model.h"

G_BEGIN_DECLS

/* One mouse's row of the sheet. Nothing is borrowed past the call. */
typedef struct
{
  gint64                mouse_id;
  const char           *tag;     /* for messages */
  const PdxMeasurement *loaded;  /* the row for the date as the sheet loaded it; NULL: none */
  guint                 changed; /* PdxMeasurementFields: the cells the person changed */
  const PdxMeasurement *values;  /* the new values of the changed cells (others ignored);
                                    may be NULL when @changed is 0 */
} PdxSheetEdit;

/* What one save changed, per mouse: the row before and after (NULL: none). */
typedef struct _PdxSheetSave PdxSheetSave;

/* Saves the rows of @edits for @date (YYYY-MM-DD, not in the future) in one transaction:
 *  - each mouse's stored row is read again; when it differs in any way from @loaded (another
 *    program wrote, replaced or deleted it), the whole save is refused with
 *    PDX_DB_ERROR_CONFLICT and a message naming the mouse, what changed and to what;
 *  - a row without a measurement gets one with the changed cells; an existing row gets an
 *    UPDATE of the changed columns alone (pdx_measurement_update_fields), so that a readout the
 *    sheet does not show, or one the person did not touch, keeps its stored value exactly;
 *    a row whose every value is cleared is deleted;
 *  - a changed value that is impossible (pdx_quantity_check: PDX_IMPLAUSIBLE) is refused with
 *    PDX_DB_ERROR_INVALID. Unusual values are the caller's to confirm before calling.
 * Any refusal rolls back everything: all rows or none. Returns the record of the save (rows
 * without changes are not in it), or NULL with @error set. */
PdxSheetSave *pdx_sheet_save (PdxDb              *db,
                              gint64              study_id,
                              const char         *date,
                              const PdxSheetEdit *edits,
                              guint               n_edits,
                              GError            **error);

/* pdx_sheet_save (), and on a refusal, *@failed_edit (may be NULL) set to the index in @edits of
 * the row the refusal concerns (its conflict, its impossible value, the store's refusal of its
 * write), or to G_MAXUINT when it concerns no one row (the date, the transaction). This, not
 * the message's text, is how a caller finds the row to show: the message is translated. On
 * success *@failed_edit is G_MAXUINT. */
PdxSheetSave *pdx_sheet_save_full (PdxDb              *db,
                                   gint64              study_id,
                                   const char         *date,
                                   const PdxSheetEdit *edits,
                                   guint               n_edits,
                                   guint              *failed_edit,
                                   GError            **error);

/* pdx_sheet_save_full () with @reason (NULL: none) recorded on every audit entry of the save.
 * Changing or clearing a value a row already had, or deleting the row, needs a reason: a save
 * of @edits that would change one without a reason (NULL, empty or only white space) is
 * refused with PDX_DB_ERROR_INVALID before anything is written, its message counting the
 * values ("2 weights, 1 BLI flux"). New values in empty cells need none. pdx_sheet_save () and
 * pdx_sheet_save_full () take the connection's reason (pdx_db_set_reason). The connection's
 * reason is as before when this returns. */
PdxSheetSave *pdx_sheet_save_with_reason (PdxDb              *db,
                                          gint64              study_id,
                                          const char         *date,
                                          const PdxSheetEdit *edits,
                                          guint               n_edits,
                                          const char         *reason,
                                          guint              *failed_edit,
                                          GError            **error);

/* The values already saved that a save of @edits would change or clear, counted by kind in the
 * person's language ("2 weights, 1 BLI flux"), with their number in *@n_changed (may be NULL);
 * NULL and 0 when it changes none (only new values): no reason is needed then. Compares with
 * each edit's @loaded row. */
char *pdx_sheet_describe_saved_changes (const PdxSheetEdit *edits, guint n_edits, guint *n_changed);

/* Puts every row of @save back as the save found it (a created row deleted, an updated one
 * given back the columns the save changed, a deleted one created again) in one transaction,
 * audited with the reason "undo of the sheet saved for DATE". Refused with
 * PDX_DB_ERROR_CONFLICT, nothing changed, when a row is no longer as the save left it. */
gboolean pdx_sheet_save_undo (const PdxSheetSave *save, PdxDb *db, GError **error);

void        pdx_sheet_save_free (PdxSheetSave *save);
gint64      pdx_sheet_save_get_study_id (const PdxSheetSave *save);
const char *pdx_sheet_save_get_date (const PdxSheetSave *save);
/* The number of mice whose row the save changed. */
guint pdx_sheet_save_get_n_rows (const PdxSheetSave *save);
/* Whether the save changed @mouse_id's row; *@after (borrowed, may be NULL) is the row as the
 * save left it, NULL when it deleted it. */
gboolean
pdx_sheet_save_lookup (const PdxSheetSave *save, gint64 mouse_id, const PdxMeasurement **after);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdxSheetSave, pdx_sheet_save_free)

G_END_DECLS
