/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-exclude-dialog.h — the Exclude Mouse form: the mouse leaves every statistic, with a reason.
 */
#pragma once

#include <adwaita.h>

#include "pdx-lab.h"

G_BEGIN_DECLS

#define PDX_TYPE_EXCLUDE_DIALOG (pdx_exclude_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PdxExcludeDialog, pdx_exclude_dialog, PDX, EXCLUDE_DIALOG, AdwMessageDialog)

/* A form for mouse @mouse_id of @lab, transient for @parent; toasts go to @origin. */
PdxExcludeDialog *
pdx_exclude_dialog_new (GtkWidget *origin, GtkWindow *parent, PdxLab *lab, gint64 mouse_id);

G_END_DECLS
