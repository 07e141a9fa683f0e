/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-application.c — the pdxtrack application: command line, app actions, settings.
 *
 * `pdxtrack FILE` opens that lab, `pdxtrack --demo` a fresh demo lab; with neither the last lab
 * (GSettings "last-lab") or the welcome page. Each run is its own process (NON_UNIQUE): two labs
 * can be open side by side, and a second window never talks to the first over D-Bus. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx-application.h"

#include "pdx-config.h"
#include "pdx-gui-settings.h"
#include "pdx-lab.h"
#include "pdx-preferences-window.h"
#include "pdx-window.h"

struct _PdxApplication
{
  AdwApplication parent_instance;
  GSettings     *settings;
  gboolean       demo;
  gint64         start_time;
};

G_DEFINE_FINAL_TYPE (PdxApplication, pdx_application, ADW_TYPE_APPLICATION)

static PdxWindow *
new_window (PdxApplication *self)
{
  PdxWindow *window = pdx_window_new (GTK_APPLICATION (self), self->settings);

  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
pdx_application_activate (GApplication *app)
{
  PdxApplication  *self = PDX_APPLICATION (app);
  GtkWindow       *active = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_autofree char *last = NULL;
  PdxWindow       *window;

  if (active != NULL && !self->demo)
    {
      gtk_window_present (active);
      return;
    }
  window = new_window (self);
  if (self->demo)
    {
      self->demo = FALSE;
      pdx_window_open_demo (window);
      return;
    }
  last = g_settings_get_string (self->settings, "last-lab");
  if (last[0] != '\0' && g_file_test (last, G_FILE_TEST_IS_REGULAR))
    pdx_window_open_path (window, last);
}

static void
pdx_application_open (GApplication *app, GFile **files, int n_files, const char *hint)
{
  PdxApplication *self = PDX_APPLICATION (app);

  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *path = g_file_get_path (files[i]);
      PdxWindow       *window = new_window (self);

      if (path != NULL)
        pdx_window_open_path (window, path);
    }
}

static int
pdx_application_handle_local_options (GApplication *app, GVariantDict *options)
{
  PdxApplication *self = PDX_APPLICATION (app);

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("pdxtrack %s\n", PDX_VERSION);
      return 0;
    }
  self->demo = g_variant_dict_contains (options, "demo");
  return -1;
}

static gboolean
color_scheme_get_mapping (GValue *value, GVariant *variant, gpointer user_data)
{
  const char *scheme = g_variant_get_string (variant, NULL);

  if (g_strcmp0 (scheme, "light") == 0)
    g_value_set_enum (value, ADW_COLOR_SCHEME_FORCE_LIGHT);
  else if (g_strcmp0 (scheme, "dark") == 0)
    g_value_set_enum (value, ADW_COLOR_SCHEME_FORCE_DARK);
  else
    g_value_set_enum (value, ADW_COLOR_SCHEME_DEFAULT);
  return TRUE;
}

static void
quit_action (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  g_autoptr (GList) windows = g_list_copy (gtk_application_get_windows (app));

  /* Closing goes through each window's guard against unsaved measurements. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
}

static void
preferences_action (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  PdxApplication       *self = PDX_APPLICATION (user_data);
  GtkWindow            *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  PdxPreferencesWindow *prefs = pdx_preferences_window_new (self->settings);

  gtk_window_set_transient_for (GTK_WINDOW (prefs), parent);
  gtk_window_present (GTK_WINDOW (prefs));
}

static void
about_action (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  const char     *developers[] = { _ ("The pdxtrack authors"), NULL };
  GtkWidget      *about = adw_about_window_new ();

  g_object_set (about, "transient-for", gtk_application_get_active_window (app), "application-name",
                "pdxtrack", "application-icon", PDX_APP_ID, "version", PDX_VERSION, "comments",
                _ ("Record and analyse patient-derived xenograft studies."), "license-type",
                GTK_LICENSE_GPL_3_0, "developers", developers, "translator-credits",
                _ ("translator-credits"), NULL);
  gtk_window_present (GTK_WINDOW (about));
}

/* The help viewer's answer to app.help. GTK only logs a failure (no help: handler — yelp is not
 * installed — or no viewer for the guide); the window says it instead, in a toast. */
static void
help_shown_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;

  if (gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error))
    return;
  message = g_strdup_printf (_ ("The user guide could not be opened (is the Help app, yelp, "
                                "installed?): %s"),
                             error->message);
  if (PDX_IS_WINDOW (source))
    pdx_window_toast (PDX_WINDOW (source), message);
  else
    g_printerr ("pdxtrack: %s\n", message);
}

/* F1: the user guide (help/C, installed as help:pdxtrack), opened by the desktop's help viewer.
 * Run from the build folder the guide is not installed: yelp says so itself. */
static void
help_action (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  if (parent == NULL)
    {
      g_printerr ("pdxtrack: %s\n", _ ("the user guide needs a window to open from"));
      return;
    }
  gtk_show_uri_full (parent, "help:pdxtrack", GDK_CURRENT_TIME, NULL, help_shown_cb, NULL);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "preferences", preferences_action },
  { "help", help_action },
  { "about", about_action },
};

static const struct
{
  const char *action;
  const char *accels[3];
} app_accels[] = {
  { "app.quit", { "<Control>q", NULL } },
  { "app.preferences", { "<Control>comma", NULL } },
  { "app.help", { "F1", NULL } },
  { "win.new-study", { "<Control>n", NULL } },
  { "win.new-line", { "<Control><Shift>n", NULL } },
  { "win.import", { "<Control>i", NULL } },
  { "win.open-lab", { "<Control>o", NULL } },
  { "win.search", { "<Control>f", NULL } },
  { "win.show-page('overview')", { "<Alt>1", NULL } },
  { "win.show-page('mice')", { "<Alt>2", NULL } },
  { "win.show-page('measure')", { "<Alt>3", NULL } },
  { "win.show-page('charts')", { "<Alt>4", NULL } },
  { "win.show-page('survival')", { "<Alt>5", NULL } },
  { "win.show-page('history')", { "<Alt>6", NULL } },
};

static void
pdx_application_startup (GApplication *app)
{
  PdxApplication  *self = PDX_APPLICATION (app);
  AdwStyleManager *style = adw_style_manager_get_default ();

  G_APPLICATION_CLASS (pdx_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions),
                                   app);
  for (guint i = 0; i < G_N_ELEMENTS (app_accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), app_accels[i].action,
                                           app_accels[i].accels);
  g_settings_bind_with_mapping (self->settings, "color-scheme", style, "color-scheme",
                                G_SETTINGS_BIND_GET, color_scheme_get_mapping, NULL, NULL, NULL);
}

static void
pdx_application_dispose (GObject *object)
{
  PdxApplication *self = PDX_APPLICATION (object);

  g_clear_object (&self->settings);
  G_OBJECT_CLASS (pdx_application_parent_class)->dispose (object);
}

static void
pdx_application_class_init (PdxApplicationClass *klass)
{
  GObjectClass      *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = pdx_application_dispose;
  app_class->activate = pdx_application_activate;
  app_class->open = pdx_application_open;
  app_class->startup = pdx_application_startup;
  app_class->handle_local_options = pdx_application_handle_local_options;
}

static const GOptionEntry option_entries[] = {
  { "demo", 0, 0, G_OPTION_ARG_NONE, NULL, N_ ("Open a fresh demo lab"), NULL },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_ ("Print the version and exit"), NULL },
  { NULL }
};

static void
pdx_application_init (PdxApplication *self)
{
  self->start_time = g_get_monotonic_time ();
  self->settings = pdx_gui_settings_new ();
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _ ("[FILE]"));
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _ ("Open a pdxtrack lab database."));
}

PdxApplication *
pdx_application_new (void)
{
  return g_object_new (PDX_TYPE_APPLICATION, "application-id", PDX_APP_ID, "flags",
                       G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE, "resource-base-path",
                       "/org/pdxtrack/Pdxtrack", NULL);
}

void
pdx_application_use_build_data (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *cache = g_build_filename (PDX_DATA_BUILD_DIR, "mime", "mime.cache", NULL);
  const char      *dirs = g_getenv ("XDG_DATA_DIRS");
  g_autofree char *value = NULL;

  if (exe == NULL || !g_str_has_prefix (exe, PDX_BUILD_ROOT "/") ||
      !g_file_test (cache, G_FILE_TEST_IS_REGULAR))
    return;
  /* The XDG default when unset, kept after ours. */
  value = g_strconcat (PDX_DATA_BUILD_DIR, ":",
                       dirs && *dirs ? dirs : "/usr/local/share/:/usr/share/", NULL);
  g_setenv ("XDG_DATA_DIRS", value, TRUE);
}

GSettings *
pdx_application_get_settings (PdxApplication *self)
{
  g_return_val_if_fail (PDX_IS_APPLICATION (self), NULL);
  return self->settings;
}

gint64
pdx_application_get_start_time (PdxApplication *self)
{
  g_return_val_if_fail (PDX_IS_APPLICATION (self), 0);
  return self->start_time;
}
