/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-welcome-page.c — the first-run page: open the demo lab, a new lab, a file or a recent lab. */
#include "pdx-welcome-page.h"

#include "pdx-gui-format.h"

struct _PdxWelcomePage
{
  GtkWidget   parent_instance;
  GtkWidget  *status_page;
  GtkWidget  *recent_group;
  GtkListBox *recent_list;
  GSettings  *settings;
};

G_DEFINE_FINAL_TYPE (PdxWelcomePage, pdx_welcome_page, GTK_TYPE_WIDGET)

static GtkWidget *
recent_row_new (const char *path)
{
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *dir = g_path_get_dirname (path);
  GtkWidget       *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), dir);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.open-recent");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row), g_variant_new_string (path));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  return row;
}

static void
reload_recent (PdxWelcomePage *self)
{
  g_auto (GStrv) recent = g_settings_get_strv (self->settings, "recent-labs");
  GtkWidget *child;
  guint      shown = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))) != NULL)
    gtk_list_box_remove (self->recent_list, child);
  for (guint i = 0; recent[i] != NULL; i++)
    if (g_file_test (recent[i], G_FILE_TEST_IS_REGULAR))
      {
        gtk_list_box_append (self->recent_list, recent_row_new (recent[i]));
        shown++;
      }
  gtk_widget_set_visible (self->recent_group, shown > 0);
}

static void
recent_changed_cb (GSettings *settings, const char *key, PdxWelcomePage *self)
{
  reload_recent (self);
}

void
pdx_welcome_page_set_settings (PdxWelcomePage *self, GSettings *settings)
{
  g_return_if_fail (PDX_IS_WELCOME_PAGE (self));
  g_return_if_fail (G_IS_SETTINGS (settings));

  if (self->settings == settings)
    return;
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_set_object (&self->settings, settings);
  g_signal_connect (settings, "changed::recent-labs", G_CALLBACK (recent_changed_cb), self);
  reload_recent (self);
}

static void
pdx_welcome_page_dispose (GObject *object)
{
  PdxWelcomePage *self = PDX_WELCOME_PAGE (object);

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), PDX_TYPE_WELCOME_PAGE);
  pdx_widget_unparent_children (GTK_WIDGET (self));
  G_OBJECT_CLASS (pdx_welcome_page_parent_class)->dispose (object);
}

static void
pdx_welcome_page_class_init (PdxWelcomePageClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pdx_welcome_page_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/pdxtrack/Pdxtrack/ui/pdx-welcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PdxWelcomePage, status_page);
  gtk_widget_class_bind_template_child (widget_class, PdxWelcomePage, recent_group);
  gtk_widget_class_bind_template_child (widget_class, PdxWelcomePage, recent_list);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
pdx_welcome_page_init (PdxWelcomePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
