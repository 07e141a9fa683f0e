/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-sheet-row.h — one mouse on the bench sheet: what was typed, checked as it is typed. */
#pragma once

#include <glib-object.h>

#include "pdx/pdx.h"

G_BEGIN_DECLS

typedef enum
{
  PDX_SHEET_LENGTH, /* caliper L, mm */
  PDX_SHEET_WIDTH,  /* caliper W, mm */
  PDX_SHEET_BLI,    /* total flux, photons/s */
  PDX_SHEET_MRI,    /* MRI volume, mm³ */
  PDX_SHEET_WEIGHT, /* body weight, g */
  PDX_SHEET_NEURO,  /* neurological score 0–4 */
  PDX_SHEET_NOTE,
  PDX_SHEET_N_FIELDS
} PdxSheetField;

typedef enum
{
  PDX_SHEET_OK,
  PDX_SHEET_WARNING, /* saved, but worth a second look (weight loss, unusual value) */
  PDX_SHEET_ERROR,   /* cannot be saved */
} PdxSheetLevel;

/* Thresholds the sheet warns at; percent body-weight loss. */
typedef struct
{
  double weight_warning_percent;
  double weight_humane_percent;
} PdxSheetLimits;

#define PDX_TYPE_SHEET_ROW (pdx_sheet_row_get_type ())
G_DECLARE_FINAL_TYPE (PdxSheetRow, pdx_sheet_row, PDX, SHEET_ROW, GObject)

/* A row for mouse @mouse_id; @existing (copied, may be NULL) is what is stored for the sheet's
 * date and fills the cells; @reference_weight_g is the day-0 weight (NAN when unknown). */
PdxSheetRow *pdx_sheet_row_new (gint64                mouse_id,
                                const char           *tag,
                                const char           *arm,
                                const char           *cage,
                                double                reference_weight_g,
                                const PdxMeasurement *existing,
                                const PdxSheetLimits *limits);

gint64      pdx_sheet_row_get_mouse_id (PdxSheetRow *self);
const char *pdx_sheet_row_get_tag (PdxSheetRow *self);
const char *pdx_sheet_row_get_arm (PdxSheetRow *self);
const char *pdx_sheet_row_get_cage (PdxSheetRow *self);
const char *pdx_sheet_row_get_text (PdxSheetRow *self, PdxSheetField field);
/* Sets what the cell holds and re-checks the row; emits ::changed when it differs. */
void pdx_sheet_row_set_text (PdxSheetRow *self, PdxSheetField field, const char *text);

/* Live values: NAN when not computable; the volume is the stored one while L and W are
 * untouched, else the caliper volume of the typed L and W. */
double pdx_sheet_row_get_volume (PdxSheetRow *self);
double pdx_sheet_row_get_weight_change (PdxSheetRow *self);
/* The day-0 weight the change is from (the last on or before day 0, else the first after it);
 * NAN when the mouse has none. */
double pdx_sheet_row_get_reference_weight (PdxSheetRow *self);
/* The sheet's day @date (named by the core's checks of the row) and the day @reference_date the
 * day-0 weight was taken (named by the weight alerts and Δ weight); ISO, either may be NULL. */
void pdx_sheet_row_set_dates (PdxSheetRow *self, const char *date, const char *reference_date);
const char *pdx_sheet_row_get_reference_date (PdxSheetRow *self);
/* The worst problem of the row and its message ("" when OK); the field it concerns or -1. */
PdxSheetLevel pdx_sheet_row_get_level (PdxSheetRow *self);
const char   *pdx_sheet_row_get_message (PdxSheetRow *self);
int           pdx_sheet_row_get_problem_field (PdxSheetRow *self);
/* Every problem of the row, not only the worst: its errors, then its warnings, joined with
 * @separator ("" when OK). Owned. */
char *pdx_sheet_row_dup_all_messages (PdxSheetRow *self, const char *separator);
/* Sets an error reported by the database on save (shown until the row is edited); @conflict:
 * another program changed the row since it was loaded (a reload replaces the row). */
void     pdx_sheet_row_set_save_error (PdxSheetRow *self, const char *message, gboolean conflict);
gboolean pdx_sheet_row_has_conflict (PdxSheetRow *self);

/* The cells whose text differs from what was loaded, as PdxMeasurementFields. */
guint pdx_sheet_row_get_changed (PdxSheetRow *self);
/* Edited since loaded or saved. */
gboolean pdx_sheet_row_is_dirty (PdxSheetRow *self);
/* The typed values of the changed cells, parsed at full precision (others not recorded), for
 * pdx_sheet_save. Owned. */
PdxMeasurement *pdx_sheet_row_dup_values (PdxSheetRow *self);
/* The stored row with the changed cells laid over it (what the save would leave), or NULL when
 * nothing would be left. Owned. */
PdxMeasurement *pdx_sheet_row_dup_merged (PdxSheetRow *self);
/* One sentence per changed value outside its usual range (pdx_quantity_check: PDX_UNUSUAL), to
 * confirm before saving. A new array of owned strings. */
GPtrArray *pdx_sheet_row_list_unusual (PdxSheetRow *self);
/* After a save: @stored (copied) becomes what the row started from; not dirty any more. */
void pdx_sheet_row_mark_saved (PdxSheetRow *self, const PdxMeasurement *stored);
/* The stored measurement the row started from, or NULL. Borrowed. */
const PdxMeasurement *pdx_sheet_row_get_existing (PdxSheetRow *self);
/* Puts back what the row started from. */
void pdx_sheet_row_revert (PdxSheetRow *self);

G_END_DECLS
