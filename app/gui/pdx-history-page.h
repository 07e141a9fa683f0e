/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-history-page.h — the audit trail of a study: searched, filtered by mouse, operator,
 * action and local days, listed a page at a time as it is scrolled, exported as shown. */
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
/* Sets the search words and the action (insert, update, delete, import, migrate; NULL: any) and
 * reloads. */
void pdx_history_page_search (PdxHistoryPage *self, const char *words, const char *action);
/* TRUE while a page or the count is being loaded in a thread (the spinner turns). */
gboolean pdx_history_page_is_loading (PdxHistoryPage *self);
/* How many entries the filters select (-1 while counting); whether the last page is shown. */
gint64   pdx_history_page_get_total (PdxHistoryPage *self);
gboolean pdx_history_page_is_complete (PdxHistoryPage *self);
/* The list's scrolled window: near its end the next page loads. Borrowed. */
GtkScrolledWindow *pdx_history_page_get_scrolled_window (PdxHistoryPage *self);
/* The status line ("200 of 404,796 changes shown", a refused filter's message). Borrowed. */
const char *pdx_history_page_get_status (PdxHistoryPage *self);
/* Starts writing every entry the filters select (not only the pages shown) to @path as CSV
 * (pdx_export_audit_csv) in a thread; a toast says how it went. FALSE when nothing is shown yet
 * or an export runs. */
gboolean pdx_history_page_export (PdxHistoryPage *self, const char *path);
gboolean pdx_history_page_is_exporting (PdxHistoryPage *self);
/* The entries shown (of PdxHistoryEntry, newest first). Borrowed. */
GListModel *pdx_history_page_get_model (PdxHistoryPage *self);
/* Column text of a shown entry: 0 time, 1 operator, 2 record, 3 action, 4 change, 5 reason. */
const char *pdx_history_entry_get_text (GObject *entry, guint column);
/* Entry @position's mouse page (study.show-mouse, also on Enter or a double click on the row);
 * a toast when the mouse is no longer in the study. FALSE when the entry names no mouse of it. */
gboolean pdx_history_page_open_mouse (PdxHistoryPage *self, guint position);
/* The audit entry's id (its seq in the chain). */
gint64 pdx_history_entry_get_id (GObject *entry);

/* The study's signatures as shown above its trail, one per line ("" when none). */
const char *pdx_history_page_get_signatures (PdxHistoryPage *self);

G_END_DECLS
