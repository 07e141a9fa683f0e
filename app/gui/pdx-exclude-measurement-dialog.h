/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-exclude-measurement-dialog.h — the Exclude Measurement form: one measurement of a mouse
 * left out of every metric, chart and statistic with a reason, or included again. */
#pragma once

#include <adwaita.h>

#include "pdx-lab.h"

G_BEGIN_DECLS

#define PDX_TYPE_EXCLUDE_MEASUREMENT_DIALOG (pdx_exclude_measurement_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PdxExcludeMeasurementDialog,
                      pdx_exclude_measurement_dialog,
                      PDX,
                      EXCLUDE_MEASUREMENT_DIALOG,
                      AdwMessageDialog)

/* A form for measurement @measurement_id of @lab, transient for @parent; toasts go to @origin
 * (win.toast). It reads whether the measurement is excluded: when not, its response "apply"
 * excludes it (heading "Exclude Measurement?", button Exclude), else includes it again
 * ("Include Measurement Again?", Include); "apply" waits for a reason in the "reason" row
 * (AdwEntryRow, gtk_widget_get_template_child) and writes with pdx_measurement_set_excluded
 * (pdx-correct.h). NULL with @error when the measurement cannot be read. */
PdxExcludeMeasurementDialog *pdx_exclude_measurement_dialog_new (
    GtkWidget *origin, GtkWindow *parent, PdxLab *lab, gint64 measurement_id, GError **error);
/* "exclude" or "include": what the form offers. */
const char *pdx_exclude_measurement_dialog_get_action (PdxExcludeMeasurementDialog *self);

G_END_DECLS
