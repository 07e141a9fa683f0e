/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-sign-dialog.h — Sign Study (review, approve, lock) and Unlock Study: reason and password. */
#pragma once

#include <adwaita.h>

#include "pdx-lab.h"

G_BEGIN_DECLS

#define PDX_TYPE_SIGN_DIALOG (pdx_sign_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PdxSignDialog, pdx_sign_dialog, PDX, SIGN_DIALOG, AdwMessageDialog)

/* The form for study @study_id of @lab, transient for @parent; toasts go to @origin. With
 * @unlock, it unlocks the study (no meaning row); else it signs with the meaning chosen
 * ("meaning_row", AdwComboRow: review, approve, lock). "reason_row" (AdwEntryRow, required:
 * Sign stays off without it) and "password_row" (AdwPasswordEntryRow: PAM's password question
 * is answered with it). Response "sign" re-authenticates through PAM (pdx-auth.h) and signs. */
PdxSignDialog *pdx_sign_dialog_new (
    GtkWidget *origin, GtkWindow *parent, PdxLab *lab, gint64 study_id, gboolean unlock);

/* Whether the re-authentication is running (the dialog insensitive, its spinner on). */
gboolean pdx_sign_dialog_is_busy (PdxSignDialog *self);

G_END_DECLS
