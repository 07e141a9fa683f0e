/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-sidebar-item.c — one row of the sidebar: a section header, a tissue line or a study. */
#include "pdx-sidebar-item.h"

struct _PdxSidebarItem
{
  GObject            parent_instance;
  PdxSidebarItemKind kind;
  gint64             id;
  char              *title;
  char              *subtitle;
  char              *status;
};

G_DEFINE_FINAL_TYPE (PdxSidebarItem, pdx_sidebar_item, G_TYPE_OBJECT)

static void
pdx_sidebar_item_finalize (GObject *object)
{
  PdxSidebarItem *self = PDX_SIDEBAR_ITEM (object);

  g_free (self->title);
  g_free (self->subtitle);
  g_free (self->status);
  G_OBJECT_CLASS (pdx_sidebar_item_parent_class)->finalize (object);
}

static void
pdx_sidebar_item_class_init (PdxSidebarItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pdx_sidebar_item_finalize;
}

static void
pdx_sidebar_item_init (PdxSidebarItem *self)
{
}

PdxSidebarItem *
pdx_sidebar_item_new (
    PdxSidebarItemKind kind, gint64 id, const char *title, const char *subtitle, const char *status)
{
  PdxSidebarItem *self = g_object_new (PDX_TYPE_SIDEBAR_ITEM, NULL);

  self->kind = kind;
  self->id = id;
  self->title = g_strdup (title);
  self->subtitle = g_strdup (subtitle);
  self->status = g_strdup (status);
  return self;
}

PdxSidebarItemKind
pdx_sidebar_item_get_kind (PdxSidebarItem *self)
{
  return self->kind;
}

gint64
pdx_sidebar_item_get_id (PdxSidebarItem *self)
{
  return self->id;
}

const char *
pdx_sidebar_item_get_title (PdxSidebarItem *self)
{
  return self->title;
}

const char *
pdx_sidebar_item_get_subtitle (PdxSidebarItem *self)
{
  return self->subtitle;
}

const char *
pdx_sidebar_item_get_status (PdxSidebarItem *self)
{
  return self->status;
}
