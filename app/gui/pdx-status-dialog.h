/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-status-dialog.h — Change Status: a study's new status, the day it happened, a reason. */
#pragma once

#include <adwaita.h>

#include "pdx-lab.h"

G_BEGIN_DECLS

#define PDX_TYPE_STATUS_DIALOG (pdx_status_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PdxStatusDialog, pdx_status_dialog, PDX, STATUS_DIALOG, AdwMessageDialog)

/* The form for study @study_id of @lab, transient for @parent; toasts go to @origin. NULL and
 * @error when the study cannot be read. Template children: "status_row" (AdwComboRow of the
 * statuses other than the current one, in vocabulary order but the next step first),
 * "date_row", "reason_row" (AdwEntryRow), "hint_label". Response "change" writes through
 * pdx_study_set_status (the status as read expected); a refusal is a toast. */
PdxStatusDialog *pdx_status_dialog_new (
    GtkWidget *origin, GtkWindow *parent, PdxLab *lab, gint64 study_id, GError **error);
/* The status @self's choice @position stands for (as stored, "active"). */
const char *pdx_status_dialog_get_choice (PdxStatusDialog *self, guint position);

G_END_DECLS
