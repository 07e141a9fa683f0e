/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-preferences-window.c — operator name, weight-loss thresholds and style, bound to GSettings
 * with g_settings_bind: the window holds no state of its own. */
#include "pdx-preferences-window.h"

struct _PdxPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  AdwEntryRow   *operator_row;
  GtkSpinButton *warning_spin, *humane_spin;
  AdwComboRow   *style_row;
  GSettings     *settings;
};

G_DEFINE_FINAL_TYPE (PdxPreferencesWindow, pdx_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static const char *const schemes[] = { "default", "light", "dark" };

static gboolean
scheme_get (GValue *value, GVariant *variant, gpointer user_data)
{
  const char *scheme = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
    if (g_str_equal (scheme, schemes[i]))
      g_value_set_uint (value, i);
  return TRUE;
}

static GVariant *
scheme_set (const GValue *value, const GVariantType *type, gpointer user_data)
{
  guint i = g_value_get_uint (value);

  return g_variant_new_string (schemes[i < G_N_ELEMENTS (schemes) ? i : 0]);
}

PdxPreferencesWindow *
pdx_preferences_window_new (GSettings *settings)
{
  PdxPreferencesWindow *self = g_object_new (PDX_TYPE_PREFERENCES_WINDOW, NULL);

  self->settings = g_object_ref (settings);
  g_settings_bind (settings, "operator", self->operator_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "weight-warning-percent", self->warning_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "weight-humane-percent", self->humane_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (settings, "color-scheme", self->style_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, scheme_get, scheme_set, NULL, NULL);
  return self;
}

static void
pdx_preferences_window_dispose (GObject *object)
{
  PdxPreferencesWindow *self = PDX_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PDX_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (pdx_preferences_window_parent_class)->dispose (object);
}

static void
pdx_preferences_window_class_init (PdxPreferencesWindowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pdx_preferences_window_dispose;
  gtk_widget_class_set_template_from_resource (
      widget_class, "/org/pdxtrack/Pdxtrack/ui/pdx-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PdxPreferencesWindow, operator_row);
  gtk_widget_class_bind_template_child (widget_class, PdxPreferencesWindow, warning_spin);
  gtk_widget_class_bind_template_child (widget_class, PdxPreferencesWindow, humane_spin);
  gtk_widget_class_bind_template_child (widget_class, PdxPreferencesWindow, style_row);
}

static void
pdx_preferences_window_init (PdxPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
