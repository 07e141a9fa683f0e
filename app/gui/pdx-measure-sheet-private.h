/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-measure-sheet-private.h — the bench sheet's state, shared by its loading half
 * (pdx-measure-sheet.c) and its saving half (pdx-measure-sheet-save.c). Not for other files. */
#pragma once

#include "pdx-measure-sheet.h"
#include "pdx-day-picker.h"
#include "pdx-study-binding.h"

G_BEGIN_DECLS

/* One cell edit on the sheet's undo stack (typing, not saving). */
typedef struct
{
  PdxSheetRow *row;
  int          field;
  char        *old_text;
} PdxCellEdit;

struct _PdxMeasureSheet
{
  GtkWidget parent_instance;

  GtkEntry          *date_entry;
  PdxDayPicker      *day_picker;
  gboolean           marking_saved; /* rows saved or reverted in a batch: one summary at the end */
  GtkLabel          *day_label;
  GtkLabel          *summary_label;
  GtkBox            *header_box;
  GtkScrolledWindow *header_scroller; /* follows the rows' sideways scrolling, never scrolls down */
  GtkScrolledWindow *list_scroller;
  GtkSizeGroup      *columns[PDX_SHEET_N_COLUMNS]; /* the header's title and every row's cell */
  GtkListView       *list_view;
  GtkStack          *stack;
  AdwStatusPage     *empty_page;
  GtkButton         *last_day_button;
  char              *last_measured_day; /* the study's latest measurement date, or NULL */
  char              *lock_tooltip; /* the study is locked (why), or NULL: nothing can be saved */

  PdxStudyBinding binding;
  char           *date;
  char           *day0;
  gint64          loaded_study_id; /* what the rows were loaded for: edits survive a reload of it */
  char           *loaded_date;
  GListStore     *rows;
  GHashTable     *widgets; /* PdxSheetRow* → PdxSheetRowWidget* bound to it */
  GPtrArray      *edits;   /* of PdxCellEdit*, oldest first */
  gboolean        visible[PDX_SHEET_N_COLUMNS];
  PdxSheetLimits  limits;
  int             pending_position; /* row to focus once its widget is bound, -1 none */
  int             pending_field;
  gboolean        pending_keep_text; /* focusing it again after a reload: do not select its text */
  PdxSheetSave   *last_save;         /* for the Undo of its toast */
  AdwToast       *save_toast;
  AdwMessageDialog *confirm_dialog; /* asking about unusual values, or why saved values change */
  GtkWindow        *watched_window; /* whose :is-active tells us to look for outside changes */
  gulong            active_handler;
  gulong            focus_handler; /* the window's :focus-widget: the cell last focused */
  gint64            focus_mouse;   /* the mouse and field of the cell last focused (0: none) */
  int               focus_field;
  gboolean          refocus_on_reload; /* the save's Undo: the reload puts the cursor back */
};

void pdx_measure_sheet_edit_free (PdxCellEdit *edit);
void pdx_measure_sheet_toast (PdxMeasureSheet *self, const char *message);
void pdx_measure_sheet_update_summary (PdxMeasureSheet *self);
/* Whether the sheet's date is after today (nothing can be saved for it). */
gboolean pdx_measure_sheet_date_is_future (PdxMeasureSheet *self);
/* Looks for commits of other programs (the sheet reloads when there were); toasts a failure,
 * and unless @quiet that the rows being edited were kept. */
void pdx_measure_sheet_catch_up (PdxMeasureSheet *self, gboolean quiet);
/* Follows @window's :is-active (NULL: none) to catch up when the person comes back to it. */
void pdx_measure_sheet_watch_window (PdxMeasureSheet *self, GtkWindow *window);
/* Notes the cell that has the keyboard focus, if one has (the window's focus moved). */
void pdx_measure_sheet_note_focus (PdxMeasureSheet *self);
/* Puts the keyboard focus back in the cell last focused (scrolled in), after a dialog was
 * cancelled or an undo: the person goes on typing where they were. */
void pdx_measure_sheet_return_focus (PdxMeasureSheet *self);
/* Drops the save dialogs and the last save (dispose). */
void pdx_measure_sheet_clear_save (PdxMeasureSheet *self);

G_END_DECLS
