/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-application.h — the pdxtrack application: command line, app actions, settings. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PDX_TYPE_APPLICATION (pdx_application_get_type ())
G_DECLARE_FINAL_TYPE (PdxApplication, pdx_application, PDX, APPLICATION, AdwApplication)

PdxApplication *pdx_application_new (void);
/* Borrowed. */
GSettings *pdx_application_get_settings (PdxApplication *self);
/* g_get_monotonic_time () when the application object was made (start of main). */
gint64 pdx_application_get_start_time (PdxApplication *self);

/* When this program runs from the build tree (its executable lies under the build folder),
 * puts the build's compiled MIME database (data/mime) first in XDG_DATA_DIRS, so that GIO
 * knows a .pdxlab, its -wal and its -shm by name and never opens them to guess their type
 * (which would drop SQLite's locks; see docs/integrity-store.md). Call first thing in main(),
 * before anything asks GLib for its data folders (it caches them). Installed, it does nothing:
 * the installed type is in the system's database. */
void pdx_application_use_build_data (void);

G_END_DECLS
