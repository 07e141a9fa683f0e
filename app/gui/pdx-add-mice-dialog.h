/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-add-mice-dialog.h — the Add Mice form: a number of mice with tags PREFIX01, PREFIX02, … */
#pragma once

#include <adwaita.h>

#include "pdx-lab.h"

G_BEGIN_DECLS

#define PDX_TYPE_ADD_MICE_DIALOG (pdx_add_mice_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PdxAddMiceDialog, pdx_add_mice_dialog, PDX, ADD_MICE_DIALOG, AdwMessageDialog)

/* A form for study @study_id of @lab, transient for @parent; toasts go to @origin. */
PdxAddMiceDialog *
pdx_add_mice_dialog_new (GtkWidget *origin, GtkWindow *parent, PdxLab *lab, gint64 study_id);

G_END_DECLS
