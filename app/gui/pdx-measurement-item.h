/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-measurement-item.h — one stored measurement as a row of the mouse page's table. */
#pragma once

#include <glib-object.h>

#include "pdx/pdx-model.h"

G_BEGIN_DECLS

#define PDX_TYPE_MEASUREMENT_ITEM (pdx_measurement_item_get_type ())
G_DECLARE_FINAL_TYPE (PdxMeasurementItem, pdx_measurement_item, PDX, MEASUREMENT_ITEM, GObject)

/* Takes @measurement; @day is its day since the study's day 0 (G_MININT when unknown);
 * @exclusion_reason (copied) why it is left out of the analysis, NULL when it counts. */
PdxMeasurementItem *
pdx_measurement_item_new (PdxMeasurement *measurement, int day, const char *exclusion_reason);
/* Borrowed, valid while the item lives. */
const PdxMeasurement *pdx_measurement_item_get (PdxMeasurementItem *self);
int                   pdx_measurement_item_get_day (PdxMeasurementItem *self);
/* Why the measurement is excluded from every metric, chart and statistic; NULL: it counts. */
const char *pdx_measurement_item_get_exclusion_reason (PdxMeasurementItem *self);

G_END_DECLS
