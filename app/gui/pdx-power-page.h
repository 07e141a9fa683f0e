/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-power-page.h — the New Study dialog's Sample Size page (issue 17, docs/power.md): mice per
 * arm for an effect, by pdx_power_simulate () from a finished study's growth model or a typed
 * one, in a worker thread with progress and Stop. */
#pragma once

#include <adwaita.h>

#include "pdx-lab.h"

G_BEGIN_DECLS

#define PDX_TYPE_POWER_PAGE (pdx_power_page_get_type ())
G_DECLARE_FINAL_TYPE (PdxPowerPage, pdx_power_page, PDX, POWER_PAGE, GtkWidget)

/* The page with the studies of @lab offered as models (@lab may be NULL: typed values only). */
GtkWidget *pdx_power_page_new (PdxLab *lab);
/* Offers the studies of @lab (NULL: none) as models, typed values chosen. */
void pdx_power_page_set_lab (PdxPowerPage *self, PdxLab *lab);
/* Chooses study @study_id's model (FALSE when it is not offered) or, with 0, typed values. */
gboolean pdx_power_page_select_study (PdxPowerPage *self, gint64 study_id);
/* Starts the simulation with the page's values, as Compute does. */
void pdx_power_page_compute (PdxPowerPage *self);
/* Whether a simulation is running. */
gboolean pdx_power_page_is_running (PdxPowerPage *self);
/* The last result's answer (mice per arm; 0: none reached the power, or no result) and the
 * text the page shows above the table (NULL when none). Borrowed. */
guint       pdx_power_page_get_answer (PdxPowerPage *self);
const char *pdx_power_page_get_message (PdxPowerPage *self);
/* The page's entries by name ("rate", "sd-intercept", "sd-slope", "cor", "sigma", "days") and
 * spin buttons ("effect", "power", "alpha", "min", "max", "simulations", "seed"), for tests
 * driving the widgets. Borrowed. */
GtkEditable *pdx_power_page_get_field (PdxPowerPage *self, const char *name);

G_END_DECLS
