/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-randomise-dialog.h — the Randomise form: a planned, seeded randomisation and its balance
 * report, written on confirmation. */
#pragma once

#include <adwaita.h>

#include "pdx-lab.h"

G_BEGIN_DECLS

#define PDX_TYPE_RANDOMISE_DIALOG (pdx_randomise_dialog_get_type ())
G_DECLARE_FINAL_TYPE (
    PdxRandomiseDialog, pdx_randomise_dialog, PDX, RANDOMISE_DIALOG, AdwMessageDialog)

/* Plans a randomisation of study @study_id of @lab with a fresh random seed and shows its
 * balance report, transient for @parent; toasts go to @origin. NULL with @error set when the
 * study cannot be read or no plan can be made (no arms, no mouse waiting). */
PdxRandomiseDialog *pdx_randomise_dialog_new (
    GtkWidget *origin, GtkWindow *parent, PdxLab *lab, gint64 study_id, GError **error);

G_END_DECLS
