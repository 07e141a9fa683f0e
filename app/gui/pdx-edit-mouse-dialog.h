/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-edit-mouse-dialog.h — the Edit Mouse form: tag, arm (a move needs a reason), cage, sex,
 * strain, birth and implant dates. */
#pragma once

#include <adwaita.h>

#include "pdx-lab.h"

G_BEGIN_DECLS

#define PDX_TYPE_EDIT_MOUSE_DIALOG (pdx_edit_mouse_dialog_get_type ())
G_DECLARE_FINAL_TYPE (
    PdxEditMouseDialog, pdx_edit_mouse_dialog, PDX, EDIT_MOUSE_DIALOG, AdwMessageDialog)

/* A form holding mouse @mouse_id of @lab as stored, transient for @parent; toasts go to
 * @origin. NULL with @error set when the mouse cannot be read. */
PdxEditMouseDialog *pdx_edit_mouse_dialog_new (
    GtkWidget *origin, GtkWindow *parent, PdxLab *lab, gint64 mouse_id, GError **error);

G_END_DECLS
