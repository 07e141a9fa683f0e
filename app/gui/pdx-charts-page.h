/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-charts-page.h — the five charts of a study with their options, hover read-outs and export. */
#pragma once

#include <adwaita.h>

#include "pdx/pdx-chart.h"
#include "pdx-chart-view.h"
#include "pdx-lab.h"

G_BEGIN_DECLS

#define PDX_TYPE_CHARTS_PAGE (pdx_charts_page_get_type ())
G_DECLARE_FINAL_TYPE (PdxChartsPage, pdx_charts_page, PDX, CHARTS_PAGE, GtkWidget)

void          pdx_charts_page_set_study (PdxChartsPage *self, PdxLab *lab, gint64 study_id);
void          pdx_charts_page_set_kind (PdxChartsPage *self, PdxChartKind kind);
PdxChartView *pdx_charts_page_get_view (PdxChartsPage *self);
/* Growth chart: the mixed-effects model's fitted arm lines and the slope table under it. */
void pdx_charts_page_set_model_lines (PdxChartsPage *self, gboolean shown);
/* The text of the slope table's cell (@column, @row; row 0 the headings), NULL outside it. */
const char *pdx_charts_page_get_model_cell (PdxChartsPage *self, int column, int row);
/* Writes the chart on show to @path (format from the extension) at 1800×1200 px, 300 dpi for
 * PNG; a toast says where. */
gboolean pdx_charts_page_export (PdxChartsPage *self, const char *path, GError **error);

G_END_DECLS
