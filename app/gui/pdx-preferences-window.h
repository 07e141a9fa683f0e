/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-preferences-window.h — operator name, weight-loss thresholds, style, bound to GSettings. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PDX_TYPE_PREFERENCES_WINDOW (pdx_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (
    PdxPreferencesWindow, pdx_preferences_window, PDX, PREFERENCES_WINDOW, AdwPreferencesWindow)

PdxPreferencesWindow *pdx_preferences_window_new (GSettings *settings);

G_END_DECLS
