/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-add-measurement-dialog.h — Add Measurement of the mouse page: any readout of one mouse
 * for any day (not in the future), checked and saved as the bench sheet saves a row. */
#pragma once

#include <adwaita.h>

#include "pdx-lab.h"

G_BEGIN_DECLS

#define PDX_TYPE_ADD_MEASUREMENT_DIALOG (pdx_add_measurement_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PdxAddMeasurementDialog,
                      pdx_add_measurement_dialog,
                      PDX,
                      ADD_MEASUREMENT_DIALOG,
                      AdwMessageDialog)

/* A form for mouse @mouse_id of study @study_id, transient for @parent, set to today; toasts
 * go to @origin. The day's stored values fill the fields whenever the date names a day, so a
 * value is corrected where it is. Save writes the changed fields alone through
 * pdx_sheet_save_with_reason () (one transaction; refused when another program changed the day
 * since), after asking to confirm unusual values and, when saved values change, why. A refusal
 * shows the dialog again with its message and the values as typed. Its fields are template
 * children "date", "bli", "mri", "length", "width", "weight", "neuro", "note" (AdwEntryRow) and
 * "problems_label" (every problem of the values typed), for tests. */
PdxAddMeasurementDialog *pdx_add_measurement_dialog_new (
    GtkWidget *origin, GtkWindow *parent, PdxLab *lab, gint64 study_id, gint64 mouse_id);
/* Sets the reference (day-0) weight the weight-loss warning compares with (NAN: none). */
void pdx_add_measurement_dialog_set_reference_weight (PdxAddMeasurementDialog *self,
                                                      double                   weight_g);
/* The text the problems line shows ("" when none). */
const char *pdx_add_measurement_dialog_get_problems (PdxAddMeasurementDialog *self);

/* The question open after Save (the unusual values' Save Anyway, or a PdxReasonDialog), or
 * NULL. Borrowed. */
AdwMessageDialog *pdx_add_measurement_dialog_get_confirm_dialog (PdxAddMeasurementDialog *self);

G_END_DECLS
