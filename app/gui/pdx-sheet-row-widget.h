/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-sheet-row-widget.h — the cells of one bench-sheet row: an entry per readout, the live
 * volume and weight change, and the row's warning or error. */
#pragma once

#include <gtk/gtk.h>

#include "pdx-sheet-row.h"

G_BEGIN_DECLS

/* The sheet's columns beyond its fields; their least widths (px) are shared by the header and the
 * rows, and each column's cells are one horizontal GtkSizeGroup, so that a longer title (German)
 * or value widens the whole column. PDX_SHEET_COL_CHECK: the row's problems, last, expanding. */
typedef enum
{
  PDX_SHEET_COL_TAG = PDX_SHEET_N_FIELDS,
  PDX_SHEET_COL_ARM,
  PDX_SHEET_COL_VOLUME,
  PDX_SHEET_COL_WEIGHT_CHANGE,
  PDX_SHEET_COL_CHECK,
  PDX_SHEET_N_COLUMNS
} PdxSheetExtraColumn;

int         pdx_sheet_column_width (int column);
const char *pdx_sheet_column_title (int column);

#define PDX_TYPE_SHEET_ROW_WIDGET (pdx_sheet_row_widget_get_type ())
G_DECLARE_FINAL_TYPE (PdxSheetRowWidget, pdx_sheet_row_widget, PDX, SHEET_ROW_WIDGET, GtkWidget)

/* @visible: which columns (fields and extra columns) the study's readouts use; @columns (may be
 * NULL): a size group per column that each cell joins, the header's title joining it too. */
GtkWidget *pdx_sheet_row_widget_new (const gboolean      visible[PDX_SHEET_N_COLUMNS],
                                     GtkSizeGroup *const columns[PDX_SHEET_N_COLUMNS]);
/* The cell of @column (an entry or a label), for focus and layout tests. */
GtkWidget *pdx_sheet_row_widget_get_cell (PdxSheetRowWidget *self, int column);
/* Shows @row (NULL: unbind). ::edited (int field, string text) is emitted when the user types;
 * ::move (int field, int delta) when Enter (+1) or Shift+Enter (−1) is pressed in a cell. */
void pdx_sheet_row_widget_bind (PdxSheetRowWidget *self, PdxSheetRow *row);
/* Whether the cells take typing (FALSE on a read-only lab: the values are shown, not edited). */
void         pdx_sheet_row_widget_set_editable (PdxSheetRowWidget *self, gboolean editable);
PdxSheetRow *pdx_sheet_row_widget_get_row (PdxSheetRowWidget *self);
/* The entry of @field (for focus moves and tests). */
GtkWidget *pdx_sheet_row_widget_get_entry (PdxSheetRowWidget *self, PdxSheetField field);
GtkWidget *pdx_sheet_row_widget_get_status_label (PdxSheetRowWidget *self);
/* Focuses the cell of @field, or the first visible cell when it is hidden. */
void pdx_sheet_row_widget_focus (PdxSheetRowWidget *self, PdxSheetField field);

G_END_DECLS
