/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-sidebar.h — the lab's tissue lines and studies, with search and a status filter. */
#pragma once

#include <adwaita.h>

#include "pdx-lab.h"
#include "pdx-sidebar-item.h"

G_BEGIN_DECLS

#define PDX_TYPE_SIDEBAR (pdx_sidebar_get_type ())
G_DECLARE_FINAL_TYPE (PdxSidebar, pdx_sidebar, PDX, SIDEBAR, GtkWidget)

/* Shows the lines and studies of @lab (NULL clears) and reloads when the lab changes.
 * ::item-selected (kind, id) is emitted when the user picks a line or a study. */
void pdx_sidebar_set_lab (PdxSidebar *self, PdxLab *lab);
/* Selects the row of that line or study (clearing the search when it hides it); returns FALSE
 * when there is no such row. Emits ::item-selected. */
gboolean pdx_sidebar_select (PdxSidebar *self, PdxSidebarItemKind kind, gint64 id);
/* Selects the row without emitting ::item-selected (to put back a refused change). */
void pdx_sidebar_select_quietly (PdxSidebar *self, PdxSidebarItemKind kind, gint64 id);
void pdx_sidebar_focus_search (PdxSidebar *self);
/* The study to open first: the first active study, else planned, else any; 0 when none. */
gint64 pdx_sidebar_get_first_study (PdxSidebar *self);

G_END_DECLS
