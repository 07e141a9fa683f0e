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

G_END_DECLS
