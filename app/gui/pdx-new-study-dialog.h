/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-new-study-dialog.h — a new study: line, passage, implant, readout, day 0, and arms with
 * one or more agents each. ::created (gint64 study_id) after it is stored. */
#pragma once

#include <adwaita.h>

#include "pdx-lab.h"

G_BEGIN_DECLS

#define PDX_TYPE_NEW_STUDY_DIALOG (pdx_new_study_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PdxNewStudyDialog, pdx_new_study_dialog, PDX, NEW_STUDY_DIALOG, AdwWindow)

PdxNewStudyDialog *pdx_new_study_dialog_new (PdxLab *lab);
/* Form access for tests: "code", "title", "passage", "amount", "day0", "protocol",
 * "investigator" (GtkEditable). */
GtkEditable *pdx_new_study_dialog_get_field (PdxNewStudyDialog *self, const char *key);
/* Adds an arm row with @n_agents agent lines; returns its index. The arm's editables are
 * "arm<i>.name" and "arm<i>.agent<j>.drug|dose|unit|route|schedule|first|last". */
guint pdx_new_study_dialog_add_arm (PdxNewStudyDialog *self, gboolean control, guint n_agents);
/* Validates and stores study, arms and agents in one transaction; emits ::created and closes.
 * FALSE: the error shows in the dialog and nothing is stored. */
gboolean pdx_new_study_dialog_create (PdxNewStudyDialog *self);
/* Chooses tissue line @code in the line drop-down ("" : No line); FALSE when it is not offered.
 * The message shown above the form after a refused Create, or NULL. For tests. */
gboolean    pdx_new_study_dialog_choose_line (PdxNewStudyDialog *self, const char *code);
const char *pdx_new_study_dialog_get_error (PdxNewStudyDialog *self);
/* The Sample Size page (pdx-power-page.h), and showing it. Borrowed. */
GtkWidget *pdx_new_study_dialog_get_power_page (PdxNewStudyDialog *self);
void       pdx_new_study_dialog_show_power_page (PdxNewStudyDialog *self);

G_END_DECLS
