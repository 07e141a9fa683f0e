/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-mouse-page.h — one mouse's whole story: identity, every measurement, its own growth and
 * weight curves over its arm's median, its response metrics (or why they are not evaluable),
 * its endpoint, and the way to its audit history; measurements of any readout added or
 * corrected for any day. Loaded in a thread on a read-only connection of its own. */
#pragma once

#include <adwaita.h>

#include "pdx-chart-view.h"
#include "pdx-exclude-measurement-dialog.h"
#include "pdx-lab.h"

G_BEGIN_DECLS

#define PDX_TYPE_MOUSE_PAGE (pdx_mouse_page_get_type ())
G_DECLARE_FINAL_TYPE (PdxMousePage, pdx_mouse_page, PDX, MOUSE_PAGE, GtkWidget)

/* Shows mouse @mouse_id of study @study_id of @lab (0: none); loads when mapped, and again
 * whenever the lab says the study changed. */
void   pdx_mouse_page_set_mouse (PdxMousePage *self, PdxLab *lab, gint64 study_id, gint64 mouse_id);
gint64 pdx_mouse_page_get_mouse_id (PdxMousePage *self);
/* TRUE while a load runs in its thread. */
gboolean pdx_mouse_page_is_loading (PdxMousePage *self);
/* What the page shows, for tests: the title ("Mouse M03"), the table's model (of
 * PdxMeasurementItem, oldest first), the text of metric @name ("pct-change", "best-response",
 * "best-avg-response", "mrecist", "auc", "doubling-time") and of "endpoint", "identity". */
const char   *pdx_mouse_page_get_title (PdxMousePage *self);
GListModel   *pdx_mouse_page_get_measurements (PdxMousePage *self);
const char   *pdx_mouse_page_get_text (PdxMousePage *self, const char *name);
PdxChartView *pdx_mouse_page_get_chart (PdxMousePage *self, gboolean weight);
/* The dialog behind mouse.add-measurement, mouse.endpoint, mouse.edit, mouse.exclude
 * ("add-measurement", "endpoint", …), presented and returned (borrowed) for tests. */
AdwMessageDialog *pdx_mouse_page_open_dialog (PdxMousePage *self, const char *action);
/* The form behind each measurement's Exclude…/Include… button (mouse.exclude-measurement,
 * the measurement's id), presented and returned (borrowed) for tests; NULL, with an alert
 * shown, when the measurement cannot be read. */
PdxExcludeMeasurementDialog *pdx_mouse_page_open_exclude_measurement (PdxMousePage *self,
                                                                      gint64        measurement_id);

G_END_DECLS
