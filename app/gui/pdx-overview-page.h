/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-overview-page.h — a study at a glance: metadata, arms and agents, headline numbers. */
#pragma once

#include <adwaita.h>

#include "pdx-lab.h"

G_BEGIN_DECLS

#define PDX_TYPE_OVERVIEW_PAGE (pdx_overview_page_get_type ())
G_DECLARE_FINAL_TYPE (PdxOverviewPage, pdx_overview_page, PDX, OVERVIEW_PAGE, GtkWidget)

void pdx_overview_page_set_study (PdxOverviewPage *self, PdxLab *lab, gint64 study_id);
/* The text of the headline card titled @title ("Mice", "Alive", …), or NULL; for tests. */
const char *pdx_overview_page_get_headline (PdxOverviewPage *self, const char *title);
/* The text of arm @arm's (data->arms order) cell in the column titled @column ("n", "CR", "NE",
 * …), or NULL; and the note under the table. For tests. */
const char *pdx_overview_page_get_arm_cell (PdxOverviewPage *self, guint arm, const char *column);
const char *pdx_overview_page_get_note (PdxOverviewPage *self);

G_END_DECLS
