/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-endpoint-dialog.h — the Endpoint form: date, kind, whether it is an event, a note. */
#pragma once

#include <adwaita.h>

#include "pdx-lab.h"

G_BEGIN_DECLS

#define PDX_TYPE_ENDPOINT_DIALOG (pdx_endpoint_dialog_get_type ())
G_DECLARE_FINAL_TYPE (
    PdxEndpointDialog, pdx_endpoint_dialog, PDX, ENDPOINT_DIALOG, AdwMessageDialog)

/* A form for mouse @mouse_id of @lab, transient for @parent; toasts go to @origin. */
PdxEndpointDialog *
pdx_endpoint_dialog_new (GtkWidget *origin, GtkWindow *parent, PdxLab *lab, gint64 mouse_id);

G_END_DECLS
