/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-activate-dialog.h — the offer, after randomising a planned study, to make it active. */
#pragma once

#include <adwaita.h>

#include "pdx-lab.h"

G_BEGIN_DECLS

#define PDX_TYPE_ACTIVATE_DIALOG (pdx_activate_dialog_get_type ())
G_DECLARE_FINAL_TYPE (
    PdxActivateDialog, pdx_activate_dialog, PDX, ACTIVATE_DIALOG, AdwMessageDialog)

/* Asks whether planned study @study_id of @lab becomes active today, transient for @parent;
 * response "activate" records planned → active dated today (pdx_study_set_status, "planned"
 * expected), "not-now" nothing. Toasts go to @origin. */
PdxActivateDialog *
pdx_activate_dialog_new (GtkWidget *origin, GtkWindow *parent, PdxLab *lab, gint64 study_id);

G_END_DECLS
