/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-line-page.h — a tissue line's PDX-MI form (patient, tumour sample, line, QC) with
 * validation, and the studies that used the line. Line id 0 makes a new line. */
#pragma once

#include <adwaita.h>

#include "pdx-lab.h"

G_BEGIN_DECLS

#define PDX_TYPE_LINE_PAGE (pdx_line_page_get_type ())
G_DECLARE_FINAL_TYPE (PdxLinePage, pdx_line_page, PDX, LINE_PAGE, GtkWidget)

void   pdx_line_page_set_line (PdxLinePage *self, PdxLab *lab, gint64 line_id);
gint64 pdx_line_page_get_line_id (PdxLinePage *self);
/* The form field @key ("line.code", "patient.her2_ihc", … see pdx-line-page.c), for tests. */
GtkEditable *pdx_line_page_get_field (PdxLinePage *self, const char *key);
/* The drop-down of the vocabulary field @key ("line.status", "patient.sex", "patient.her2_ihc",
 * "patient.her2_ish", "patient.er", "patient.pr", "sample.type"), for tests; its model is a
 * GtkStringList whose first item is "not recorded" when the field is optional. */
AdwComboRow *pdx_line_page_get_choice (PdxLinePage *self, const char *key);
/* Validates and saves patient, sample and line in one transaction. FALSE: the error is shown on
 * the page (and the field marked) and nothing is written. */
gboolean pdx_line_page_save (PdxLinePage *self);
/* Whether a field differs from what was loaded or last saved (the window asks before leaving). */
gboolean pdx_line_page_has_unsaved (PdxLinePage *self);
/* Loads the line again, dropping the edits. */
void pdx_line_page_discard (PdxLinePage *self);

/* Shows the back-to-sidebar button (when the window is too narrow for both). */
void pdx_line_page_set_show_back (PdxLinePage *self, gboolean show_back);

G_END_DECLS
