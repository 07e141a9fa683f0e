/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-reason-dialog.h — why saved values change: asked once per sheet save that changes them. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PDX_TYPE_REASON_DIALOG (pdx_reason_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PdxReasonDialog, pdx_reason_dialog, PDX, REASON_DIALOG, AdwMessageDialog)

/* A dialog transient for @parent saying that @n_changed saved values change, @what of them
 * ("2 weights, 1 BLI flux", pdx_sheet_describe_saved_changes), with the choice of Transcription
 * error, Re-measured, Instrument error and Other (its text typed). Responses "cancel" and
 * "save"; "save" is enabled only while a reason is chosen (Other: with text). */
PdxReasonDialog *pdx_reason_dialog_new (GtkWindow *parent, guint n_changed, const char *what);

/* The reason chosen, in the words stored in the audit log ("Transcription error", or the text
 * typed for Other, trimmed); NULL when none is. Owned. */
char *pdx_reason_dialog_dup_reason (PdxReasonDialog *self);

/* The reasons' check buttons in their order (0 Transcription error, 1 Re-measured, 2 Instrument
 * error, 3 Other; NULL past them) and Other's entry, for tests driving the widgets. Borrowed. */
GtkCheckButton *pdx_reason_dialog_get_choice (PdxReasonDialog *self, guint index);
GtkEditable    *pdx_reason_dialog_get_other_entry (PdxReasonDialog *self);

/* Whether the dialog shows that a reason is needed (Enter in Other's empty text). */
gboolean pdx_reason_dialog_says_needed (PdxReasonDialog *self);

G_END_DECLS
