/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-window.c — the main window: welcome page, or a lab's sidebar and its line/study pages.
 *
 * Child widgets report through actions that bubble up to here (win.toast, win.show-study…),
 * never by looking the window up. Leaving a study, switching labs and closing the window go
 * through one guard: unsaved measurements are saved, discarded or the change is cancelled. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx-window.h"

#include "pdx-application.h"
#include "pdx-gui-settings.h"
#include "pdx-import-dialog.h"
#include "pdx-new-study-dialog.h"
#include "pdx-sidebar.h"
#include "pdx-welcome-page.h"

struct _PdxWindow
{
  AdwApplicationWindow parent_instance;

  AdwToastOverlay *toast_overlay;
  GtkStack        *main_stack;
  PdxWelcomePage  *welcome_page;
  AdwLeaflet      *leaflet;
  PdxSidebar      *sidebar;
  GtkStack        *content_stack;
  PdxStudyPage    *study_page;
  PdxLinePage     *line_page;
  GtkRevealer     *read_only_revealer;
  GtkLabel        *read_only_label;

  GSettings         *settings;
  PdxLab            *lab;
  PdxSidebarItemKind shown_kind;
  gint64             shown_id;
  gboolean           closing_confirmed;
  gboolean checkpoint_reported; /* a failed checkpoint was shown: the next close goes ahead */
  gulong   after_paint_handler; /* PDXTRACK_PROFILE: on the frame clock until the first frame */
};

G_DEFINE_FINAL_TYPE (PdxWindow, pdx_window, ADW_TYPE_APPLICATION_WINDOW)

typedef void (*GuardContinue) (PdxWindow *self, gpointer data);

typedef struct
{
  PdxWindow     *self;
  GuardContinue  proceed;
  gpointer       data;
  GDestroyNotify destroy;
} GuardClosure;

static void
guard_closure_free (GuardClosure *closure)
{
  if (closure->destroy != NULL)
    closure->destroy (closure->data);
  g_free (closure);
}

static void
guard_response_cb (AdwMessageDialog *dialog, const char *response, GuardClosure *closure)
{
  PdxWindow *self = closure->self;
  gboolean   go_on = FALSE;

  if (g_strcmp0 (response, "save") == 0)
    go_on = (!pdx_study_page_has_unsaved (self->study_page) ||
             pdx_study_page_save (self->study_page)) &&
            (!pdx_line_page_has_unsaved (self->line_page) || pdx_line_page_save (self->line_page));
  else if (g_strcmp0 (response, "discard") == 0)
    {
      pdx_study_page_discard (self->study_page);
      pdx_line_page_discard (self->line_page);
      go_on = TRUE;
    }
  if (go_on)
    closure->proceed (self, closure->data);
  else
    pdx_sidebar_select_quietly (self->sidebar, self->shown_kind, self->shown_id);
  guard_closure_free (closure);
}

/* The bench sheet's measurements or the tissue line's form hold edits not saved yet. */
static gboolean
has_unsaved (PdxWindow *self)
{
  return pdx_study_page_has_unsaved (self->study_page) ||
         pdx_line_page_has_unsaved (self->line_page);
}

/* Runs @proceed now when nothing is unsaved, else after the user chose Save or Discard. */
static void
guard_unsaved (PdxWindow *self, GuardContinue proceed, gpointer data, GDestroyNotify destroy)
{
  GuardClosure     *closure;
  AdwMessageDialog *dialog;
  gboolean          line = !pdx_study_page_has_unsaved (self->study_page);

  if (!has_unsaved (self))
    {
      proceed (self, data);
      if (destroy != NULL)
        destroy (data);
      return;
    }
  closure = g_new0 (GuardClosure, 1);
  *closure = (GuardClosure){ self, proceed, data, destroy };
  dialog = ADW_MESSAGE_DIALOG (
      line ? adw_message_dialog_new (GTK_WINDOW (self), _ ("Save the Tissue Line?"),
                                     _ ("The tissue line’s form has changes that are not saved "
                                        "yet."))
           : adw_message_dialog_new (GTK_WINDOW (self), _ ("Save Measurements?"),
                                     _ ("The bench sheet has measurements that are not saved "
                                        "yet.")));
  adw_message_dialog_add_responses (dialog, "cancel", _ ("_Cancel"), "discard", _ ("_Discard"),
                                    "save", _ ("_Save"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (guard_response_cb), closure);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
pdx_window_toast (PdxWindow *self, const char *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 4);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
apply_operator (PdxWindow *self)
{
  g_autofree char *name = g_settings_get_string (self->settings, "operator");

  if (self->lab != NULL)
    pdx_db_set_operator (pdx_lab_get_db (self->lab), name[0] != '\0' ? name : NULL);
}

static void
operator_changed_cb (GSettings *settings, const char *key, PdxWindow *self)
{
  apply_operator (self);
}

/* PDXTRACK_PROFILE=1: print, once, the time from start to the first frame painted with a study
 * shown; PDXTRACK_PROFILE=quit also quits then (for /usr/bin/time -v). For README's figures. */
static void
after_paint_cb (GdkFrameClock *clock, PdxWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  gint64          start;

  if (pdx_study_page_get_study_id (self->study_page) == 0 ||
      !gtk_widget_get_mapped (GTK_WIDGET (self->study_page)) || !PDX_IS_APPLICATION (app))
    return;
  g_clear_signal_handler (&self->after_paint_handler, clock);
  start = pdx_application_get_start_time (PDX_APPLICATION (app));
  g_print ("pdxtrack: first frame of study %" G_GINT64_FORMAT " painted %.0f ms after start\n",
           pdx_study_page_get_study_id (self->study_page),
           (g_get_monotonic_time () - start) / 1000.0);
  if (g_strcmp0 (g_getenv ("PDXTRACK_PROFILE"), "quit") == 0)
    g_application_quit (G_APPLICATION (app));
}

static void
realize_cb (PdxWindow *self)
{
  if (g_getenv ("PDXTRACK_PROFILE") != NULL)
    self->after_paint_handler = g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (self)),
                                                  "after-paint", G_CALLBACK (after_paint_cb), self);
}

static void
apply_limits (PdxWindow *self)
{
  double warning = g_settings_get_double (self->settings, "weight-warning-percent");
  double humane = g_settings_get_double (self->settings, "weight-humane-percent");

  pdx_measure_sheet_set_limits (pdx_study_page_get_measure_sheet (self->study_page), warning,
                                humane);
  pdx_mice_page_set_limits (pdx_study_page_get_mice_page (self->study_page), warning, humane);
}

static void
limits_changed_cb (GSettings *settings, const char *key, PdxWindow *self)
{
  apply_limits (self);
}

static void
show_item (PdxWindow *self, PdxSidebarItemKind kind, gint64 id)
{
  self->shown_kind = kind;
  self->shown_id = id;
  if (kind == PDX_SIDEBAR_ITEM_STUDY)
    {
      pdx_study_page_set_study (self->study_page, self->lab, id);
      gtk_stack_set_visible_child_name (self->content_stack, "study");
    }
  else if (kind == PDX_SIDEBAR_ITEM_LINE)
    {
      pdx_line_page_set_line (self->line_page, self->lab, id);
      gtk_stack_set_visible_child_name (self->content_stack, "line");
    }
  else
    {
      pdx_study_page_set_study (self->study_page, NULL, 0);
      gtk_stack_set_visible_child_name (self->content_stack, "empty");
    }
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

typedef struct
{
  PdxSidebarItemKind kind;
  gint64             id;
} ItemRef;

static void
show_item_continue (PdxWindow *self, gpointer data)
{
  ItemRef *ref = data;

  pdx_sidebar_select_quietly (self->sidebar, ref->kind, ref->id);
  show_item (self, ref->kind, ref->id);
}

static void
sidebar_item_selected_cb (PdxWindow *self, int kind, gint64 id)
{
  ItemRef *ref;

  if (kind == (int) self->shown_kind && id == self->shown_id && kind != PDX_SIDEBAR_ITEM_HEADER)
    {
      adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
      return;
    }
  ref = g_new0 (ItemRef, 1);
  *ref = (ItemRef){ kind, id };
  guard_unsaved (self, show_item_continue, ref, g_free);
}

/* Copies the lab's WAL into the lab file before the window lets the lab go. FALSE when that
 * failed (a full disk): a dialog then says the changes are saved only in the -wal file. */
static gboolean
checkpoint_lab (PdxWindow *self)
{
  g_autoptr (GError) error = NULL;
  GtkWidget *dialog;

  if (self->lab == NULL || pdx_db_checkpoint (pdx_lab_get_db (self->lab), &error))
    return TRUE;
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _ ("Lab Not Fully Written"), error->message);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "close", _ ("_Close"), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  return FALSE;
}

/* The read-only banner, and the window's editing actions off while the lab is read-only. The
 * pages' own editing fails through the store (pdx_db_begin() refuses every write). */
static void
apply_read_only (PdxWindow *self)
{
  PdxDb                   *db = self->lab ? pdx_lab_get_db (self->lab) : NULL;
  gboolean                 read_only = db != NULL && pdx_db_is_read_only (db);
  static const char *const editing[] = { "win.new-study", "win.new-line", "win.import" };

  if (read_only)
    {
      g_autofree char *text = g_strdup_printf (_ ("This lab is read-only (%s): you can look, chart "
                                                  "and export, but not change anything."),
                                               pdx_db_get_read_only_reason (db));
      gtk_label_set_text (self->read_only_label, text);
    }
  gtk_revealer_set_reveal_child (self->read_only_revealer, read_only);
  for (guint i = 0; i < G_N_ELEMENTS (editing); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), editing[i], !read_only);
}

gboolean
pdx_window_is_read_only (PdxWindow *self)
{
  g_return_val_if_fail (PDX_IS_WINDOW (self), FALSE);
  return gtk_revealer_get_reveal_child (self->read_only_revealer);
}

void
pdx_window_set_lab (PdxWindow *self, PdxLab *lab)
{
  gint64 first;

  g_return_if_fail (PDX_IS_WINDOW (self));

  if (self->lab != lab)
    checkpoint_lab (self);
  pdx_study_page_set_study (self->study_page, NULL, 0);
  pdx_line_page_set_line (self->line_page, NULL, 0);
  g_set_object (&self->lab, lab);
  pdx_sidebar_set_lab (self->sidebar, lab);
  self->shown_kind = PDX_SIDEBAR_ITEM_HEADER;
  self->shown_id = 0;
  gtk_stack_set_visible_child_name (self->content_stack, "empty");
  gtk_stack_set_visible_child_name (self->main_stack, lab ? "lab" : "welcome");
  apply_read_only (self);
  if (lab == NULL)
    {
      gtk_window_set_title (GTK_WINDOW (self), "pdxtrack");
      return;
    }
  {
    g_autofree char *name = pdx_lab_dup_display_name (lab);
    g_autofree char *title = g_strdup_printf ("%s — pdxtrack", name);

    gtk_window_set_title (GTK_WINDOW (self), title);
  }
  apply_operator (self);
  pdx_gui_settings_add_recent (self->settings, pdx_lab_get_path (lab));
  first = pdx_sidebar_get_first_study (self->sidebar);
  if (first != 0)
    pdx_sidebar_select (self->sidebar, PDX_SIDEBAR_ITEM_STUDY, first);
}

PdxLab *
pdx_window_get_lab (PdxWindow *self)
{
  g_return_val_if_fail (PDX_IS_WINDOW (self), NULL);
  return self->lab;
}

static void
open_path_continue (PdxWindow *self, gpointer data)
{
  const char *path = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxLab) lab = pdx_lab_open (path, FALSE, &error);

  if (lab == NULL)
    {
      g_autofree char *message = g_strdup_printf (_ ("Could not open the lab: %s"), error->message);

      pdx_window_toast (self, message);
      if (self->lab == NULL)
        pdx_window_set_lab (self, NULL);
      return;
    }
  pdx_window_set_lab (self, lab);
}

gboolean
pdx_window_open_path (PdxWindow *self, const char *path)
{
  g_return_val_if_fail (PDX_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  guard_unsaved (self, open_path_continue, g_strdup (path), g_free);
  return self->lab != NULL && g_strcmp0 (pdx_lab_get_path (self->lab), path) == 0;
}

gboolean
pdx_window_open_demo (PdxWindow *self)
{
  g_autofree char *path = pdx_lab_dup_new_demo_path ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxLab) lab = pdx_lab_create_demo (path, &error);

  if (lab == NULL)
    {
      g_autofree char *message =
          g_strdup_printf (_ ("Could not make the demo lab: %s"), error->message);
      pdx_window_toast (self, message);
      return FALSE;
    }
  pdx_window_set_lab (self, lab);
  pdx_window_toast (self, _ ("Opened a fresh demo lab"));
  return TRUE;
}

gboolean
pdx_window_show_study (PdxWindow *self, gint64 study_id)
{
  g_return_val_if_fail (PDX_IS_WINDOW (self), FALSE);
  return pdx_sidebar_select (self->sidebar, PDX_SIDEBAR_ITEM_STUDY, study_id);
}

gboolean
pdx_window_show_line (PdxWindow *self, gint64 line_id)
{
  g_return_val_if_fail (PDX_IS_WINDOW (self), FALSE);
  if (line_id == 0)
    {
      pdx_sidebar_select_quietly (self->sidebar, PDX_SIDEBAR_ITEM_HEADER, 0);
      show_item (self, PDX_SIDEBAR_ITEM_LINE, 0);
      return TRUE;
    }
  return pdx_sidebar_select (self->sidebar, PDX_SIDEBAR_ITEM_LINE, line_id);
}

PdxStudyPage *
pdx_window_get_study_page (PdxWindow *self)
{
  return self->study_page;
}

PdxLinePage *
pdx_window_get_line_page (PdxWindow *self)
{
  return self->line_page;
}

/* ---- file choosers ------------------------------------------------------------------------ */

static GtkFileFilter *
lab_file_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _ ("pdxtrack labs"));
  gtk_file_filter_add_pattern (filter, "*.pdxlab");
  gtk_file_filter_add_pattern (filter, "*.sqlite");
  gtk_file_filter_add_pattern (filter, "*.db");
  return filter;
}

static void
open_chooser_response_cb (GtkNativeDialog *chooser, int response, PdxWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        pdx_window_open_path (self, path);
    }
  g_object_unref (chooser);
}

static void
new_lab_continue (PdxWindow *self, gpointer data)
{
  const char *path = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxLab) lab = NULL;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      pdx_window_toast (self, _ ("A file of that name exists: pick a new name for a new lab"));
      return;
    }
  lab = pdx_lab_open (path, TRUE, &error);
  if (lab == NULL)
    {
      g_autofree char *message =
          g_strdup_printf (_ ("Could not create the lab: %s"), error->message);
      pdx_window_toast (self, message);
      return;
    }
  pdx_window_set_lab (self, lab);
  pdx_window_toast (self, _ ("New empty lab: add a tissue line, then a study"));
}

static void
new_chooser_response_cb (GtkNativeDialog *chooser, int response, PdxWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL && !g_str_has_suffix (path, ".pdxlab"))
        {
          char *with_suffix = g_strconcat (path, ".pdxlab", NULL);

          g_free (path);
          path = with_suffix;
        }
      if (path != NULL)
        guard_unsaved (self, new_lab_continue, g_steal_pointer (&path), g_free);
    }
  g_object_unref (chooser);
}

static void
open_lab_action (GtkWidget *widget, const char *name, GVariant *param)
{
  PdxWindow            *self = PDX_WINDOW (widget);
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (
      "Open Lab", GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN, "_Open", _ ("_Cancel"));
  g_autoptr (GtkFileFilter) filter = lab_file_filter ();

  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (open_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
new_lab_action (GtkWidget *widget, const char *name, GVariant *param)
{
  PdxWindow            *self = PDX_WINDOW (widget);
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (
      _ ("New Lab"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Create"), _ ("_Cancel"));

  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "lab.pdxlab");
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (new_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- actions ------------------------------------------------------------------------------ */

static void
open_demo_continue (PdxWindow *self, gpointer data)
{
  pdx_window_open_demo (self);
}

static void
open_demo_action (GtkWidget *widget, const char *name, GVariant *param)
{
  guard_unsaved (PDX_WINDOW (widget), open_demo_continue, NULL, NULL);
}

static void
open_recent_action (GtkWidget *widget, const char *name, GVariant *param)
{
  pdx_window_open_path (PDX_WINDOW (widget), g_variant_get_string (param, NULL));
}

static void
study_created_cb (PdxNewStudyDialog *dialog, gint64 study_id, PdxWindow *self)
{
  pdx_window_show_study (self, study_id);
  pdx_window_toast (self, _ ("Study created"));
}

PdxNewStudyDialog *
pdx_window_open_new_study (PdxWindow *self)
{
  PdxNewStudyDialog *dialog;

  g_return_val_if_fail (PDX_IS_WINDOW (self), NULL);
  if (self->lab == NULL)
    return NULL;
  dialog = pdx_new_study_dialog_new (self->lab);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  g_signal_connect_object (dialog, "created", G_CALLBACK (study_created_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
new_study_action (GtkWidget *widget, const char *name, GVariant *param)
{
  pdx_window_open_new_study (PDX_WINDOW (widget));
}

static void
new_line_continue (PdxWindow *self, gpointer data)
{
  pdx_window_show_line (self, 0);
}

static void
new_line_action (GtkWidget *widget, const char *name, GVariant *param)
{
  PdxWindow *self = PDX_WINDOW (widget);

  if (self->lab != NULL)
    guard_unsaved (self, new_line_continue, NULL, NULL);
}

static void
import_action (GtkWidget *widget, const char *name, GVariant *param)
{
  PdxWindow       *self = PDX_WINDOW (widget);
  PdxImportDialog *dialog;

  if (self->lab == NULL)
    return;
  dialog = pdx_import_dialog_new (self->lab);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
search_action (GtkWidget *widget, const char *name, GVariant *param)
{
  PdxWindow *self = PDX_WINDOW (widget);

  if (self->lab == NULL)
    return;
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  pdx_sidebar_focus_search (self->sidebar);
}

static void
show_page_action (GtkWidget *widget, const char *name, GVariant *param)
{
  PdxWindow *self = PDX_WINDOW (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "study") == 0)
    pdx_study_page_show_page (self->study_page, g_variant_get_string (param, NULL));
}

static void
toast_action (GtkWidget *widget, const char *name, GVariant *param)
{
  pdx_window_toast (PDX_WINDOW (widget), g_variant_get_string (param, NULL));
}

static void
show_study_action (GtkWidget *widget, const char *name, GVariant *param)
{
  pdx_window_show_study (PDX_WINDOW (widget), g_variant_get_int64 (param));
}

static void
show_line_action (GtkWidget *widget, const char *name, GVariant *param)
{
  pdx_window_show_line (PDX_WINDOW (widget), g_variant_get_int64 (param));
}

static void
show_sidebar_action (GtkWidget *widget, const char *name, GVariant *param)
{
  adw_leaflet_navigate (PDX_WINDOW (widget)->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
close_continue (PdxWindow *self, gpointer data)
{
  self->closing_confirmed = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
pdx_window_close_request (GtkWindow *window)
{
  PdxWindow *self = PDX_WINDOW (window);

  if (!self->closing_confirmed && has_unsaved (self))
    {
      guard_unsaved (self, close_continue, NULL, NULL);
      return TRUE;
    }
  if (!self->checkpoint_reported && !checkpoint_lab (self))
    {
      self->checkpoint_reported = TRUE;
      return TRUE;
    }
  if (!gtk_window_is_maximized (window))
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  return GTK_WINDOW_CLASS (pdx_window_parent_class)->close_request (window);
}

static void
folded_changed_cb (PdxWindow *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  pdx_study_page_set_show_back (self->study_page, folded);
  pdx_line_page_set_show_back (self->line_page, folded);
}

static void
pdx_window_dispose (GObject *object)
{
  PdxWindow *self = PDX_WINDOW (object);

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), PDX_TYPE_WINDOW);
  g_clear_object (&self->lab);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (pdx_window_parent_class)->dispose (object);
}

static void
pdx_window_class_init (PdxWindowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = pdx_window_dispose;
  window_class->close_request = pdx_window_close_request;

  g_type_ensure (PDX_TYPE_WELCOME_PAGE);
  g_type_ensure (PDX_TYPE_SIDEBAR);
  g_type_ensure (PDX_TYPE_STUDY_PAGE);
  g_type_ensure (PDX_TYPE_LINE_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/pdxtrack/Pdxtrack/ui/pdx-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PdxWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PdxWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, PdxWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, PdxWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, PdxWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, PdxWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, PdxWindow, study_page);
  gtk_widget_class_bind_template_child (widget_class, PdxWindow, line_page);
  gtk_widget_class_bind_template_child (widget_class, PdxWindow, read_only_revealer);
  gtk_widget_class_bind_template_child (widget_class, PdxWindow, read_only_label);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_item_selected_cb);

  gtk_widget_class_install_action (widget_class, "win.open-demo", NULL, open_demo_action);
  gtk_widget_class_install_action (widget_class, "win.new-lab", NULL, new_lab_action);
  gtk_widget_class_install_action (widget_class, "win.open-lab", NULL, open_lab_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.new-study", NULL, new_study_action);
  gtk_widget_class_install_action (widget_class, "win.new-line", NULL, new_line_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_install_action (widget_class, "win.toast", "s", toast_action);
  gtk_widget_class_install_action (widget_class, "win.show-study", "x", show_study_action);
  gtk_widget_class_install_action (widget_class, "win.show-line", "x", show_line_action);
  gtk_widget_class_install_action (widget_class, "win.show-sidebar", NULL, show_sidebar_action);
}

static void
pdx_window_init (PdxWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->leaflet, "notify::folded", G_CALLBACK (folded_changed_cb), self);
  g_signal_connect (self, "realize", G_CALLBACK (realize_cb), NULL);
}

PdxWindow *
pdx_window_new (GtkApplication *app, GSettings *settings)
{
  PdxWindow *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  self = g_object_new (PDX_TYPE_WINDOW, "application", app, NULL);
  self->settings = g_object_ref (settings);
  gtk_window_set_default_size (GTK_WINDOW (self), g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  g_signal_connect (settings, "changed::operator", G_CALLBACK (operator_changed_cb), self);
  g_signal_connect (settings, "changed::weight-warning-percent", G_CALLBACK (limits_changed_cb),
                    self);
  g_signal_connect (settings, "changed::weight-humane-percent", G_CALLBACK (limits_changed_cb),
                    self);
  apply_limits (self);
  pdx_welcome_page_set_settings (self->welcome_page, settings);
  return self;
}
