/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-welcome-page.h — the first-run page: open the demo lab, a new lab, a file or a recent lab. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PDX_TYPE_WELCOME_PAGE (pdx_welcome_page_get_type ())
G_DECLARE_FINAL_TYPE (PdxWelcomePage, pdx_welcome_page, PDX, WELCOME_PAGE, GtkWidget)

/* Shows the recent labs of @settings ("recent-labs"); rows activate win.open-recent(path). */
void pdx_welcome_page_set_settings (PdxWelcomePage *self, GSettings *settings);

G_END_DECLS
