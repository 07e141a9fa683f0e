/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-mouse-item.h — one mouse as the Mice table shows it (properties for sorters and filters). */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PDX_TYPE_MOUSE_ITEM (pdx_mouse_item_get_type ())
G_DECLARE_FINAL_TYPE (PdxMouseItem, pdx_mouse_item, PDX, MOUSE_ITEM, GObject)

typedef enum
{
  PDX_MOUSE_ALERT_NONE,
  PDX_MOUSE_ALERT_WARNING, /* weight loss at the warning threshold */
  PDX_MOUSE_ALERT_HUMANE,  /* weight loss at the humane-endpoint threshold */
} PdxMouseAlert;

typedef struct
{
  gint64        id;
  const char   *tag, *arm, *cage, *sex, *status;
  gboolean      live;       /* no endpoint, not excluded */
  double        last_value; /* primary readout, NAN none */
  const char   *last_value_text;
  double        weight_change; /* % from day 0 at the last weighing, NAN none */
  int           days_on_study; /* days since implant (or day 0) to the endpoint or today; -1 */
  PdxMouseAlert alert;
} PdxMouseItemFields;

PdxMouseItem *pdx_mouse_item_new (const PdxMouseItemFields *fields);
gint64        pdx_mouse_item_get_id (PdxMouseItem *self);
const char   *pdx_mouse_item_get_tag (PdxMouseItem *self);
gboolean      pdx_mouse_item_get_live (PdxMouseItem *self);
PdxMouseAlert pdx_mouse_item_get_alert (PdxMouseItem *self);

G_END_DECLS
