/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-mouse-item.c — one mouse as the Mice table shows it. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx-mouse-item.h"

#include <math.h>

struct _PdxMouseItem
{
  GObject       parent_instance;
  gint64        id;
  char         *tag, *arm, *cage, *sex, *status, *last_value_text, *weight_text, *alert_text;
  gboolean      live;
  double        last_value, weight_change;
  int           days_on_study;
  PdxMouseAlert alert;
};

enum
{
  PROP_0,
  PROP_TAG,
  PROP_ARM,
  PROP_CAGE,
  PROP_SEX,
  PROP_STATUS,
  PROP_LAST_VALUE,
  PROP_LAST_VALUE_TEXT,
  PROP_WEIGHT_CHANGE,
  PROP_WEIGHT_TEXT,
  PROP_DAYS,
  PROP_DAYS_TEXT,
  PROP_ALERT,
  PROP_ALERT_TEXT,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (PdxMouseItem, pdx_mouse_item, G_TYPE_OBJECT)

static void
pdx_mouse_item_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  PdxMouseItem *self = PDX_MOUSE_ITEM (object);

  switch (prop_id)
    {
    case PROP_TAG:
      g_value_set_string (value, self->tag);
      break;
    case PROP_ARM:
      g_value_set_string (value, self->arm);
      break;
    case PROP_CAGE:
      g_value_set_string (value, self->cage);
      break;
    case PROP_SEX:
      g_value_set_string (value, self->sex);
      break;
    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;
    case PROP_LAST_VALUE:
      g_value_set_double (value, isnan (self->last_value) ? -1 : self->last_value);
      break;
    case PROP_LAST_VALUE_TEXT:
      g_value_set_string (value, self->last_value_text);
      break;
    case PROP_WEIGHT_CHANGE:
      g_value_set_double (value, isnan (self->weight_change) ? 1e9 : self->weight_change);
      break;
    case PROP_WEIGHT_TEXT:
      g_value_set_string (value, self->weight_text);
      break;
    case PROP_DAYS:
      g_value_set_int (value, self->days_on_study);
      break;
    case PROP_DAYS_TEXT:
      g_value_take_string (value, self->days_on_study >= 0
                                      ? g_strdup_printf ("%d", self->days_on_study)
                                      : g_strdup ("—"));
      break;
    case PROP_ALERT:
      g_value_set_int (value, self->alert);
      break;
    case PROP_ALERT_TEXT:
      g_value_set_string (value, self->alert_text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pdx_mouse_item_finalize (GObject *object)
{
  PdxMouseItem *self = PDX_MOUSE_ITEM (object);

  g_free (self->tag);
  g_free (self->arm);
  g_free (self->cage);
  g_free (self->sex);
  g_free (self->status);
  g_free (self->last_value_text);
  g_free (self->weight_text);
  g_free (self->alert_text);
  G_OBJECT_CLASS (pdx_mouse_item_parent_class)->finalize (object);
}

static GParamSpec *
string_prop (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

static void
pdx_mouse_item_class_init (PdxMouseItemClass *klass)
{
  GObjectClass     *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->get_property = pdx_mouse_item_get_property;
  object_class->finalize = pdx_mouse_item_finalize;
  properties[PROP_TAG] = string_prop ("tag");
  properties[PROP_ARM] = string_prop ("arm");
  properties[PROP_CAGE] = string_prop ("cage");
  properties[PROP_SEX] = string_prop ("sex");
  properties[PROP_STATUS] = string_prop ("status");
  properties[PROP_LAST_VALUE] =
      g_param_spec_double ("last-value", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, -1, flags);
  properties[PROP_LAST_VALUE_TEXT] = string_prop ("last-value-text");
  properties[PROP_WEIGHT_CHANGE] =
      g_param_spec_double ("weight-change", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
  properties[PROP_WEIGHT_TEXT] = string_prop ("weight-text");
  properties[PROP_DAYS] = g_param_spec_int ("days", NULL, NULL, -1, G_MAXINT, -1, flags);
  properties[PROP_DAYS_TEXT] = string_prop ("days-text");
  properties[PROP_ALERT] = g_param_spec_int ("alert", NULL, NULL, 0, 2, 0, flags);
  properties[PROP_ALERT_TEXT] = string_prop ("alert-text");
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pdx_mouse_item_init (PdxMouseItem *self)
{
}

PdxMouseItem *
pdx_mouse_item_new (const PdxMouseItemFields *f)
{
  PdxMouseItem            *self = g_object_new (PDX_TYPE_MOUSE_ITEM, NULL);
  static const char *const alerts[] = { "", N_ ("≥ warning loss"), N_ ("humane endpoint") };

  self->id = f->id;
  self->tag = g_strdup (f->tag);
  self->arm = g_strdup (f->arm ? f->arm : "—");
  self->cage = g_strdup (f->cage ? f->cage : "");
  self->sex = g_strdup (f->sex ? f->sex : "");
  self->status = g_strdup (f->status);
  self->live = f->live;
  self->last_value = f->last_value;
  self->last_value_text = g_strdup (f->last_value_text);
  self->weight_change = f->weight_change;
  self->weight_text =
      isnan (f->weight_change) ? g_strdup ("—") : g_strdup_printf ("%+.1f %%", f->weight_change);
  self->days_on_study = f->days_on_study;
  self->alert = f->alert;
  self->alert_text = g_strdup (alerts[f->alert]);
  return self;
}

gint64
pdx_mouse_item_get_id (PdxMouseItem *self)
{
  return self->id;
}
const char *
pdx_mouse_item_get_tag (PdxMouseItem *self)
{
  return self->tag;
}
gboolean
pdx_mouse_item_get_live (PdxMouseItem *self)
{
  return self->live;
}
PdxMouseAlert
pdx_mouse_item_get_alert (PdxMouseItem *self)
{
  return self->alert;
}
