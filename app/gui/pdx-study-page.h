/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-study-page.h — one study: Overview, Mice, Measure, Charts, Survival and History. */
#pragma once

#include <adwaita.h>

#include "pdx-charts-page.h"
#include "pdx-history-page.h"
#include "pdx-lab.h"
#include "pdx-measure-sheet.h"
#include "pdx-mice-page.h"
#include "pdx-mouse-page.h"
#include "pdx-overview-page.h"
#include "pdx-survival-page.h"

G_BEGIN_DECLS

#define PDX_TYPE_STUDY_PAGE (pdx_study_page_get_type ())
G_DECLARE_FINAL_TYPE (PdxStudyPage, pdx_study_page, PDX, STUDY_PAGE, GtkWidget)

/* Shows study @study_id of @lab (NULL/0: nothing). Each tab loads when it is first shown. */
void   pdx_study_page_set_study (PdxStudyPage *self, PdxLab *lab, gint64 study_id);
gint64 pdx_study_page_get_study_id (PdxStudyPage *self);
/* "overview", "mice", "measure", "charts", "survival", "history". */
void pdx_study_page_show_page (PdxStudyPage *self, const char *name);

/* The mouse page of @mouse_id over the tabs (study.show-mouse), until closed (Back, Escape,
 * study.close-mouse, or a tab chosen), which shows again the tab it was opened from. */
void     pdx_study_page_show_mouse (PdxStudyPage *self, gint64 mouse_id);
void     pdx_study_page_close_mouse (PdxStudyPage *self);
gboolean pdx_study_page_shows_mouse (PdxStudyPage *self);

/* The unsaved-changes guard of the bench sheet. */
gboolean pdx_study_page_has_unsaved (PdxStudyPage *self);
gboolean pdx_study_page_save (PdxStudyPage *self);
void     pdx_study_page_discard (PdxStudyPage *self);

PdxOverviewPage *pdx_study_page_get_overview_page (PdxStudyPage *self);
PdxMicePage     *pdx_study_page_get_mice_page (PdxStudyPage *self);
PdxMeasureSheet *pdx_study_page_get_measure_sheet (PdxStudyPage *self);
PdxChartsPage   *pdx_study_page_get_charts_page (PdxStudyPage *self);
PdxSurvivalPage *pdx_study_page_get_survival_page (PdxStudyPage *self);
PdxHistoryPage  *pdx_study_page_get_history_page (PdxStudyPage *self);
PdxMousePage    *pdx_study_page_get_mouse_page (PdxStudyPage *self);

/* Shows the back-to-sidebar button (when the window is too narrow for both). */
void pdx_study_page_set_show_back (PdxStudyPage *self, gboolean show_back);

G_END_DECLS
