/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-survival-page.h — the Kaplan–Meier chart and the per-arm survival table. */
#pragma once

#include <adwaita.h>

#include "pdx-chart-view.h"
#include "pdx-lab.h"

G_BEGIN_DECLS

#define PDX_TYPE_SURVIVAL_PAGE (pdx_survival_page_get_type ())
G_DECLARE_FINAL_TYPE (PdxSurvivalPage, pdx_survival_page, PDX, SURVIVAL_PAGE, GtkWidget)

void          pdx_survival_page_set_study (PdxSurvivalPage *self, PdxLab *lab, gint64 study_id);
PdxChartView *pdx_survival_page_get_view (PdxSurvivalPage *self);
/* Text of the table cell (row 0 = header), or NULL; for tests. */
const char *pdx_survival_page_get_cell (PdxSurvivalPage *self, int column, int row);

G_END_DECLS
