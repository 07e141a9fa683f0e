/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-measurement-item.c — one stored measurement as a row of the mouse page's table. */
#include "pdx-measurement-item.h"

struct _PdxMeasurementItem
{
  GObject         parent_instance;
  PdxMeasurement *measurement;
  int             day;
  char           *exclusion_reason; /* NULL: counts in the analysis */
};

G_DEFINE_FINAL_TYPE (PdxMeasurementItem, pdx_measurement_item, G_TYPE_OBJECT)

static void
pdx_measurement_item_finalize (GObject *object)
{
  PdxMeasurementItem *self = PDX_MEASUREMENT_ITEM (object);

  g_clear_pointer (&self->measurement, pdx_measurement_free);
  g_clear_pointer (&self->exclusion_reason, g_free);
  G_OBJECT_CLASS (pdx_measurement_item_parent_class)->finalize (object);
}

static void
pdx_measurement_item_class_init (PdxMeasurementItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pdx_measurement_item_finalize;
}

static void
pdx_measurement_item_init (PdxMeasurementItem *self)
{
}

PdxMeasurementItem *
pdx_measurement_item_new (PdxMeasurement *measurement, int day, const char *exclusion_reason)
{
  PdxMeasurementItem *self = g_object_new (PDX_TYPE_MEASUREMENT_ITEM, NULL);

  g_return_val_if_fail (measurement != NULL, self);
  self->measurement = measurement;
  self->day = day;
  self->exclusion_reason = g_strdup (exclusion_reason);
  return self;
}

const PdxMeasurement *
pdx_measurement_item_get (PdxMeasurementItem *self)
{
  g_return_val_if_fail (PDX_IS_MEASUREMENT_ITEM (self), NULL);
  return self->measurement;
}

int
pdx_measurement_item_get_day (PdxMeasurementItem *self)
{
  g_return_val_if_fail (PDX_IS_MEASUREMENT_ITEM (self), G_MININT);
  return self->day;
}

const char *
pdx_measurement_item_get_exclusion_reason (PdxMeasurementItem *self)
{
  g_return_val_if_fail (PDX_IS_MEASUREMENT_ITEM (self), NULL);
  return self->exclusion_reason;
}
