/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-gui-settings.c — the app's GSettings, found also when running from the build tree. */
#include "pdx-gui-settings.h"

#define MAX_RECENT 8

GSettings *
pdx_gui_settings_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;
  g_autoptr (GSettingsSchemaSource) build_source = NULL;
  g_autoptr (GError) error = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, PDX_SETTINGS_SCHEMA_ID, TRUE);
  if (schema == NULL)
    {
      /* Not installed: the copy compiled by data/meson.build. */
      build_source =
          g_settings_schema_source_new_from_directory (PDX_SCHEMA_BUILD_DIR, source, FALSE, &error);
      if (build_source == NULL)
        g_error ("GSettings schema %s is neither installed nor in %s: %s", PDX_SETTINGS_SCHEMA_ID,
                 PDX_SCHEMA_BUILD_DIR, error->message);
      schema = g_settings_schema_source_lookup (build_source, PDX_SETTINGS_SCHEMA_ID, FALSE);
      if (schema == NULL)
        g_error ("GSettings schema %s not found in %s", PDX_SETTINGS_SCHEMA_ID,
                 PDX_SCHEMA_BUILD_DIR);
    }
  return g_settings_new_full (schema, NULL, NULL);
}

void
pdx_gui_settings_add_recent (GSettings *settings, const char *path)
{
  g_auto (GStrv) old = g_settings_get_strv (settings, "recent-labs");
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) recent = NULL;
  guint n = 1;

  g_return_if_fail (path != NULL);
  g_strv_builder_add (builder, path);
  for (guint i = 0; old[i] != NULL && n < MAX_RECENT; i++)
    if (g_strcmp0 (old[i], path) != 0)
      {
        g_strv_builder_add (builder, old[i]);
        n++;
      }
  recent = g_strv_builder_end (builder);
  g_settings_set_strv (settings, "recent-labs", (const char *const *) recent);
  g_settings_set_string (settings, "last-lab", path);
}
