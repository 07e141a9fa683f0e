/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-measure-sheet.h — the bench sheet: one date, one row per live mouse, the study's readouts;
 * typed with the keyboard alone and saved in one transaction. */
#pragma once

#include <adwaita.h>

#include "pdx-lab.h"
#include "pdx-sheet-row-widget.h"

G_BEGIN_DECLS

#define PDX_TYPE_MEASURE_SHEET (pdx_measure_sheet_get_type ())
G_DECLARE_FINAL_TYPE (PdxMeasureSheet, pdx_measure_sheet, PDX, MEASURE_SHEET, GtkWidget)

void pdx_measure_sheet_set_study (PdxMeasureSheet *self, PdxLab *lab, gint64 study_id);
/* Loads @typed: a date as YYYY-MM-DD or in the locale's own form (pdx_parse_date: German
 * 22.03.2026). Refused (FALSE, a toast) when it is neither, while there are unsaved edits, and
 * for a date after today. pdx_measure_sheet_get_date () then returns it as YYYY-MM-DD. */
gboolean    pdx_measure_sheet_set_date (PdxMeasureSheet *self, const char *typed);
const char *pdx_measure_sheet_get_date (PdxMeasureSheet *self);
/* Warning thresholds (percent body-weight loss). */
void
pdx_measure_sheet_set_limits (PdxMeasureSheet *self, double warning_percent, double humane_percent);

gboolean pdx_measure_sheet_has_unsaved (PdxMeasureSheet *self);
/* Saves the changed cells of every edited row in one transaction (pdx_sheet_save). FALSE,
 * nothing saved, when a row has an error (an impossible value, a future date), when another
 * program changed a row since it was loaded (the row and a toast say what), or when the store
 * refuses. Changed values outside their usual range are first confirmed in a dialog (Save
 * Anyway / Cancel): then FALSE now, and the save happens on Save Anyway. A save that changes
 * or clears saved values then asks once why (PdxReasonDialog: Transcription error, Re-measured,
 * Instrument error, Other): FALSE now, the save happens on Save with that reason on each of its
 * audit entries; Cancel keeps the edits unsaved. */
gboolean pdx_measure_sheet_save (PdxMeasureSheet *self);
/* The dialog asking to confirm unusual values, or why saved values change, while it is open,
 * else NULL (for tests). */
AdwMessageDialog *pdx_measure_sheet_get_confirm_dialog (PdxMeasureSheet *self);
/* Drops every unsaved edit. */
void pdx_measure_sheet_discard (PdxMeasureSheet *self);
/* Undoes the last cell edit; FALSE when there is none. */
gboolean pdx_measure_sheet_undo (PdxMeasureSheet *self);
/* Puts back what the last save changed (the Undo of its toast), in one transaction audited as
 * an undo. Refused (FALSE, a toast, nothing changed) when there is no save to undo, the sheet
 * has unsaved edits, or a saved row changed since. */
gboolean pdx_measure_sheet_undo_save (PdxMeasureSheet *self);

guint        pdx_measure_sheet_get_n_rows (PdxMeasureSheet *self);
PdxSheetRow *pdx_measure_sheet_get_row (PdxMeasureSheet *self, guint position);
/* The date picker's calendar and its button (for tests). */
GtkCalendar   *pdx_measure_sheet_get_calendar (PdxMeasureSheet *self);
GtkMenuButton *pdx_measure_sheet_get_calendar_button (PdxMeasureSheet *self);
/* The row widget currently showing the mouse @tag, or NULL when it is scrolled away. */
PdxSheetRowWidget *pdx_measure_sheet_find_row_widget (PdxMeasureSheet *self, const char *tag);
/* The header's title of @column (a PdxSheetField or PdxSheetExtraColumn), for layout tests. */
GtkWidget *pdx_measure_sheet_get_header_cell (PdxMeasureSheet *self, int column);

G_END_DECLS
