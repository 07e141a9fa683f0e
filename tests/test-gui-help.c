/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui-help.c — the user guide opens with F1 (issue 11): app.help is installed with its
 * accelerator and listed in the shortcuts window and the menus, and with no help viewer (no
 * yelp) F1 shows a toast that says so instead of failing silently or crashing. */
#include <adwaita.h>
#include <glib/gstdio.h>

#include "pdx-test-util.h"
#include "pdx-application.h"
#include "pdx-gui-settings.h"
#include "pdx-window.h"

static const char guide_failure[] = "The user guide could not be opened";

/* A registered PdxApplication (its startup has run: actions and accels are in place). */
static PdxApplication *
new_registered_app (void)
{
  g_autoptr (PdxApplication) app = pdx_application_new ();
  g_autoptr (GError) error = NULL;

  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&app);
}

static void
test_action_and_accel (void)
{
  g_autoptr (PdxApplication) app = new_registered_app ();
  g_auto (GStrv) accels = NULL;
  g_auto (GStrv) actions = NULL;

  g_assert_nonnull (g_action_map_lookup_action (G_ACTION_MAP (app), "help"));
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.help");
  g_assert_cmpstrv (accels, ((const char *const[]){ "F1", NULL }));
  /* F1 means nothing else. */
  actions = gtk_application_get_actions_for_accel (GTK_APPLICATION (app), "F1");
  g_assert_cmpstrv (actions, ((const char *const[]){ "app.help", NULL }));
}

/* Whether @menu, or a section or submenu of it, has an item for @action. */
static gboolean
menu_has_action (GMenuModel *menu, const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr (GMenuModel) section = NULL;
      g_autoptr (GMenuModel) submenu = NULL;

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_strcmp0 (name, action) == 0)
        return TRUE;
      section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);
      submenu = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SUBMENU);
      if ((section && menu_has_action (section, action)) ||
          (submenu && menu_has_action (submenu, action)))
        return TRUE;
    }
  return FALSE;
}

/* The <menu id="@id"> of the UI resource @path, built on its own (the rest of the file is a
 * template). Owned. */
static GMenuModel *
load_menu (const char *path, const char *id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) ui = g_resources_lookup_data (path, 0, &error);
  g_autoptr (GtkBuilder) builder = gtk_builder_new ();
  g_autofree char *open_tag = g_strdup_printf ("<menu id=\"%s\"", id);
  g_autofree char *xml = NULL;
  const char      *from, *to;
  GObject         *menu;

  g_assert_no_error (error);
  from = strstr (g_bytes_get_data (ui, NULL), open_tag);
  to = from ? strstr (from, "</menu>") : NULL;
  if (to == NULL)
    g_error ("%s has no menu %s", path, id);
  xml = g_strdup_printf ("<interface>%.*s</menu></interface>", (int) (to - from), from);
  g_assert_true (gtk_builder_add_from_string (builder, xml, -1, &error));
  g_assert_no_error (error);
  menu = gtk_builder_get_object (builder, id);
  g_assert_true (G_IS_MENU_MODEL (menu));
  return G_MENU_MODEL (g_object_ref (menu));
}

/* F1 is in the shortcuts window (Ctrl+?), and Help in the welcome page's and the sidebar's
 * main menus, as GNOME's primary menus have it. */
static void
test_listed (void)
{
  const char *const menus[][2] = {
    { "/org/pdxtrack/Pdxtrack/ui/pdx-window.ui", "welcome_menu" },
    { "/org/pdxtrack/Pdxtrack/ui/pdx-sidebar.ui", "primary_menu" },
  };
  g_autoptr (GtkBuilder) overlay =
      gtk_builder_new_from_resource ("/org/pdxtrack/Pdxtrack/gtk/help-overlay.ui");
  g_autoptr (GSList) objects = gtk_builder_get_objects (overlay);
  gboolean listed = FALSE;

  for (GSList *l = objects; l != NULL; l = l->next)
    if (GTK_IS_SHORTCUTS_SHORTCUT (l->data))
      {
        g_autofree char *accel = NULL;

        g_object_get (l->data, "accelerator", &accel, NULL);
        listed = listed || g_strcmp0 (accel, "F1") == 0;
      }
  g_assert_true (listed);

  for (guint i = 0; i < G_N_ELEMENTS (menus); i++)
    {
      g_autoptr (GMenuModel) menu = load_menu (menus[i][0], menus[i][1]);

      if (!menu_has_action (menu, "app.help"))
        g_error ("%s: the menu %s has no item for app.help", menus[i][0], menus[i][1]);
    }
}

/* A descendant GtkLabel of @widget whose text starts with @prefix, or NULL. */
static GtkLabel *
find_label (GtkWidget *widget, const char *prefix)
{
  if (GTK_IS_LABEL (widget) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), prefix))
    return GTK_LABEL (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label (child, prefix);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
failure_toast_shown_cb (gpointer window)
{
  return find_label (window, guide_failure) != NULL;
}

/* No help viewer: main() removed every handler of help: URIs (what a machine without yelp
 * has). F1 then says so in the window, and the app goes on. */
static void
test_no_viewer (void)
{
  g_autoptr (PdxApplication) app = new_registered_app ();
  g_autoptr (GSettings) settings = pdx_gui_settings_new ();
  g_autoptr (GAppInfo) handler = g_app_info_get_default_for_uri_scheme ("help");
  PdxWindow *window;
  GtkLabel  *label;

  if (handler != NULL)
    g_error ("a help: handler (%s) is still registered", g_app_info_get_id (handler));
  window = pdx_window_new (GTK_APPLICATION (app), settings);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (gtk_application_get_active_window (GTK_APPLICATION (app)) == GTK_WINDOW (window));
  g_action_group_activate_action (G_ACTION_GROUP (app), "help", NULL);
  g_assert_true (pdx_test_wait_until (failure_toast_shown_cb, window));
  label = find_label (GTK_WIDGET (window), guide_failure);
  g_test_message ("toast: %s", gtk_label_get_text (label));
  g_assert_nonnull (strstr (gtk_label_get_text (label), "yelp"));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  g_autofree char *home = pdx_test_make_tmpdir ();
  g_autofree char *data_home = g_build_filename (home, "data", NULL);
  g_autofree char *config_home = g_build_filename (home, "config", NULL);
  g_autofree char *cache_home = g_build_filename (home, "cache", NULL);
  g_autofree char *mimeapps = g_build_filename (config_home, "mimeapps.list", NULL);
  g_autoptr (GError) error = NULL;

  /* Before GLib reads its data folders: no help: handler, whatever this machine has installed
   * (the XDG config folders are read before the system's applications). */
  g_assert_cmpint (g_mkdir_with_parents (config_home, 0700), ==, 0);
  g_assert_true (g_file_set_contents (mimeapps,
                                      "[Removed Associations]\n"
                                      "x-scheme-handler/help=yelp.desktop;\n",
                                      -1, &error));
  g_assert_no_error (error);
  g_setenv ("XDG_CONFIG_HOME", config_home, TRUE);
  g_setenv ("XDG_CONFIG_DIRS", config_home, TRUE);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("XDG_CACHE_HOME", cache_home, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  pdx_application_use_build_data ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/gui/help/action-and-accel", test_action_and_accel);
  g_test_add_func ("/gui/help/listed", test_listed);
  g_test_add_func ("/gui/help/no-viewer", test_no_viewer);
  return g_test_run ();
}
