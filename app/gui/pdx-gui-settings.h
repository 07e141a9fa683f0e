/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-gui-settings.h — the app's GSettings, found also when running from the build tree. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PDX_SETTINGS_SCHEMA_ID "org.pdxtrack.Pdxtrack"

/* A new GSettings for the app's schema: the installed one, else the schema compiled into the
 * build folder (so that tests and uninstalled runs work). Never NULL. */
GSettings *pdx_gui_settings_new (void);

/* Remembers @path as the last lab and moves it to the front of the recent labs (at most 8). */
void pdx_gui_settings_add_recent (GSettings *settings, const char *path);

G_END_DECLS
