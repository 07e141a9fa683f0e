/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-day-picker.h — a calendar button that marks the days a study was measured.
 *
 * A button beside the bench sheet's date: its popover calendar opens on the sheet's date, marks
 * the days of the shown month on which the study has measurements, and emits ::day-picked with
 * the day (YYYY-MM-DD) the user clicks; moving to another month is not a pick. */
#pragma once

#include <gtk/gtk.h>

#include "pdx-lab.h"

G_BEGIN_DECLS

#define PDX_TYPE_DAY_PICKER (pdx_day_picker_get_type ())
G_DECLARE_FINAL_TYPE (PdxDayPicker, pdx_day_picker, PDX, DAY_PICKER, GtkWidget)

/* The study whose measured days are marked (@lab NULL or @study_id 0: none). */
void pdx_day_picker_set_study (PdxDayPicker *self, PdxLab *lab, gint64 study_id);
/* The day the calendar opens on (YYYY-MM-DD). */
void pdx_day_picker_set_date (PdxDayPicker *self, const char *date);
/* The calendar and its button (for tests). */
GtkCalendar   *pdx_day_picker_get_calendar (PdxDayPicker *self);
GtkMenuButton *pdx_day_picker_get_button (PdxDayPicker *self);

G_END_DECLS
