/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-duplicate-study-dialog.h — Duplicate as New Study: a study's design as a new study. */
#pragma once

#include <adwaita.h>

#include "pdx-lab.h"

G_BEGIN_DECLS

#define PDX_TYPE_DUPLICATE_STUDY_DIALOG (pdx_duplicate_study_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PdxDuplicateStudyDialog,
                      pdx_duplicate_study_dialog,
                      PDX,
                      DUPLICATE_STUDY_DIALOG,
                      AdwMessageDialog)

/* The form for copying study @study_id of @lab, transient for @parent. Template children:
 * "code_row", "title_row", "day0_row" (AdwEntryRow), "hint_label". Response "duplicate" runs
 * pdx_study_duplicate and then win.show-study on @origin with the new study (and a toast); a
 * refusal is a toast. NULL and @error when the study cannot be read. */
PdxDuplicateStudyDialog *pdx_duplicate_study_dialog_new (
    GtkWidget *origin, GtkWindow *parent, PdxLab *lab, gint64 study_id, GError **error);

G_END_DECLS
