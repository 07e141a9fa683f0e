/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-edit-arms-dialog.h — the Edit Arms dialog: a study's arms (name, control, colour, order)
 * and their agents corrected, with one reason, saved in one transaction. */
#pragma once

#include <adwaita.h>

#include "pdx-lab.h"

G_BEGIN_DECLS

#define PDX_TYPE_EDIT_ARMS_DIALOG (pdx_edit_arms_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PdxEditArmsDialog, pdx_edit_arms_dialog, PDX, EDIT_ARMS_DIALOG, AdwWindow)

/* The dialog for study @study_id of @lab, transient for @parent; its toast goes to @origin.
 * NULL with @error when the study's arms cannot be read. A locked study's dialog shows the lock
 * and edits nothing. */
PdxEditArmsDialog *pdx_edit_arms_dialog_new (
    GtkWidget *origin, GtkWindow *parent, PdxLab *lab, gint64 study_id, GError **error);

/* The dialog's widgets by name, for tests and accessibility checks (borrowed; NULL when there is
 * none): "save", "reason", "error", "lock", "control-warning"; for the arm at index I of the
 * study's order when the dialog opened, "arm.I.row" (AdwExpanderRow), "arm.I.name"
 * (GtkEditable), "arm.I.control" (GtkSwitch), "arm.I.palette" (GtkCheckButton), "arm.I.colour"
 * (GtkColorButton), "arm.I.up", "arm.I.down", "arm.I.add-agent" (GtkButton); for its agent J
 * (in the arm's order, new ones after), "arm.I.agent.J.FIELD" (GtkEditable; FIELD drug, dose,
 * unit, route, schedule, first-day, last-day) and "arm.I.agent.J.remove" (GtkButton). */
GtkWidget *pdx_edit_arms_dialog_get_widget (PdxEditArmsDialog *self, const char *name);

G_END_DECLS
