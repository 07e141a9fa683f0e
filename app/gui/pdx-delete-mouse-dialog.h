/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-delete-mouse-dialog.h — the Delete Mouse form, for a mouse registered by mistake. */
#pragma once

#include <adwaita.h>

#include "pdx-lab.h"

G_BEGIN_DECLS

#define PDX_TYPE_DELETE_MOUSE_DIALOG (pdx_delete_mouse_dialog_get_type ())
G_DECLARE_FINAL_TYPE (
    PdxDeleteMouseDialog, pdx_delete_mouse_dialog, PDX, DELETE_MOUSE_DIALOG, AdwMessageDialog)

/* A form for mouse @mouse_id of @lab, transient for @parent; toasts go to @origin. */
PdxDeleteMouseDialog *
pdx_delete_mouse_dialog_new (GtkWidget *origin, GtkWindow *parent, PdxLab *lab, gint64 mouse_id);

G_END_DECLS
