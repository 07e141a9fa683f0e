/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-mice-page.h — a study's mice: a sortable, filterable table with status and weight alerts,
 * read off the main thread; add in bulk, randomise, record an endpoint, exclude with a reason,
 * edit. */
#pragma once

#include <adwaita.h>

#include "pdx-lab.h"

G_BEGIN_DECLS

#define PDX_TYPE_MICE_PAGE (pdx_mice_page_get_type ())
G_DECLARE_FINAL_TYPE (PdxMicePage, pdx_mice_page, PDX, MICE_PAGE, GtkWidget)

void pdx_mice_page_set_study (PdxMicePage *self, PdxLab *lab, gint64 study_id);
void pdx_mice_page_set_limits (PdxMicePage *self, double warning_percent, double humane_percent);
/* Whether the list is being read (in a worker thread; the rows come when it is done). */
gboolean pdx_mice_page_is_loading (PdxMicePage *self);
/* The table's model after sorting and filtering (of PdxMouseItem). Borrowed. */
GListModel *pdx_mice_page_get_model (PdxMicePage *self);
/* Selects the mouse with @tag; FALSE when it is not shown. */
gboolean pdx_mice_page_select (PdxMicePage *self, const char *tag);

/* The dialogs behind mice.add, mice.randomise, mice.endpoint, mice.exclude, mice.edit: each
 * is presented and returned (borrowed) so that tests can fill it; its form widgets are reachable
 * with g_object_get_data (dialog, "<name>") as documented in pdx-mice-page.c. */
AdwMessageDialog *pdx_mice_page_open_dialog (PdxMicePage *self, const char *action);

G_END_DECLS
