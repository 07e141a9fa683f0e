/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-chart-view.h — draws a PdxChart (the one renderer of pdx-chart.h) and reports what is
 * under the pointer. */
#pragma once

#include <gtk/gtk.h>

#include "pdx/pdx-chart.h"

G_BEGIN_DECLS

#define PDX_TYPE_CHART_VIEW (pdx_chart_view_get_type ())
G_DECLARE_FINAL_TYPE (PdxChartView, pdx_chart_view, PDX, CHART_VIEW, GtkWidget)

GtkWidget *pdx_chart_view_new (void);
/* Takes ownership of @chart (NULL clears). */
void      pdx_chart_view_set_chart (PdxChartView *self, PdxChart *chart);
PdxChart *pdx_chart_view_get_chart (PdxChartView *self);
/* How many times the chart was drawn (tests check that a page draws). */
guint pdx_chart_view_get_draw_count (PdxChartView *self);
/* The layout of the last draw, or NULL. */
const PdxChartLayout *pdx_chart_view_get_layout (PdxChartView *self);
/* Read-out of the data under (@x, @y) in widget coordinates; FALSE when nothing is there.
 * ::hover (string or NULL) is emitted as the pointer moves. */
gboolean pdx_chart_view_hit (PdxChartView *self, double x, double y, PdxChartHit *hit);
/* What a click at (@x, @y) does: when one mouse's item is there (a spider curve, a waterfall
 * bar), ::mouse-activated (gint64 id) is emitted and the id returned; else 0. */
gint64 pdx_chart_view_activate_at (PdxChartView *self, double x, double y);

G_END_DECLS
