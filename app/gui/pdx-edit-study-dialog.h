/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-edit-study-dialog.h — the Edit Study dialog: a study's metadata corrected with a reason. */
#pragma once

#include <adwaita.h>

#include "pdx-lab.h"

G_BEGIN_DECLS

#define PDX_TYPE_EDIT_STUDY_DIALOG (pdx_edit_study_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PdxEditStudyDialog, pdx_edit_study_dialog, PDX, EDIT_STUDY_DIALOG, AdwWindow)

/* The form on study @study_id of @lab as stored now, transient for @parent; its toast goes to
 * @origin. NULL and @error when the study cannot be read. The form widgets are template
 * children (gtk_widget_get_template_child with PDX_TYPE_EDIT_STUDY_DIALOG): "title_row",
 * "passage_row", "amount_row", "day0_row", "protocol_row", "investigator_row", "notes_row",
 * "reason_row" (AdwEntryRow); "line_row" ("No line", then the lab's lines in pdx_line_list
 * order), "site_row", "material_row" ("Not recorded", then the vocabulary), "readout_row"
 * (PdxReadout order) (AdwComboRow); "save_button"; "analysis_warning", "error_label"
 * (GtkLabel). */
PdxEditStudyDialog *pdx_edit_study_dialog_new (
    GtkWidget *origin, GtkWindow *parent, PdxLab *lab, gint64 study_id, GError **error);
/* Writes the values the person changed, with the reason, and closes: TRUE. On a refusal
 * (no reason, nothing changed, a bad value, another writer's change, a locked study) the
 * core's message shows in the dialog, nothing is written and it stays open: FALSE. */
gboolean pdx_edit_study_dialog_save (PdxEditStudyDialog *self);

G_END_DECLS
