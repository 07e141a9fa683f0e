/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-history-page.h — the audit log of a study, filterable by mouse, operator and date. */
#pragma once

#include <adwaita.h>

#include "pdx-lab.h"

G_BEGIN_DECLS

#define PDX_TYPE_HISTORY_PAGE (pdx_history_page_get_type ())
G_DECLARE_FINAL_TYPE (PdxHistoryPage, pdx_history_page, PDX, HISTORY_PAGE, GtkWidget)

void pdx_history_page_set_study (PdxHistoryPage *self, PdxLab *lab, gint64 study_id);
/* Sets the filter entries and reloads (in a thread: see is_loading). NULL leaves a filter empty. */
void pdx_history_page_filter (PdxHistoryPage *self,
                              const char     *mouse_tag,
                              const char     *operator_name,
                              const char     *since,
                              const char     *until);
/* TRUE while entries are being loaded in a thread (the spinner turns). */
gboolean pdx_history_page_is_loading (PdxHistoryPage *self);
/* The entries shown (of PdxHistoryEntry, newest first). Borrowed. */
GListModel *pdx_history_page_get_model (PdxHistoryPage *self);
/* Column text of a shown entry: 0 time, 1 operator, 2 record, 3 action, 4 change, 5 reason. */
const char *pdx_history_entry_get_text (GObject *entry, guint column);

G_END_DECLS
