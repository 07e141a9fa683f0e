/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-sidebar-item.h — one row of the sidebar: a section header, a tissue line or a study. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  PDX_SIDEBAR_ITEM_HEADER,
  PDX_SIDEBAR_ITEM_LINE,
  PDX_SIDEBAR_ITEM_STUDY,
} PdxSidebarItemKind;

#define PDX_TYPE_SIDEBAR_ITEM (pdx_sidebar_item_get_type ())
G_DECLARE_FINAL_TYPE (PdxSidebarItem, pdx_sidebar_item, PDX, SIDEBAR_ITEM, GObject)

PdxSidebarItem    *pdx_sidebar_item_new (PdxSidebarItemKind kind,
                                         gint64             id,
                                         const char        *title,
                                         const char        *subtitle,
                                         const char        *status);
PdxSidebarItemKind pdx_sidebar_item_get_kind (PdxSidebarItem *self);
gint64             pdx_sidebar_item_get_id (PdxSidebarItem *self);
const char        *pdx_sidebar_item_get_title (PdxSidebarItem *self);
const char        *pdx_sidebar_item_get_subtitle (PdxSidebarItem *self);
const char        *pdx_sidebar_item_get_status (PdxSidebarItem *self);

G_END_DECLS
