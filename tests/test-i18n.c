/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-i18n.c — the app, the CLI and the report run fully in German (issue 11): the catalogue is
 * complete, and no English message that has a German translation reaches the screen, the CLI's
 * help and errors, or the PDF report. Runs under LANGUAGE=de LC_ALL=de_DE.UTF-8. */
#include "pdx-config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "pdx-mice-page.h"
#include "pdx-preferences-window.h"
#include "pdx-test-gui.h"
#include "pdx-window.h"
#include "pdx/pdx-i18n.h"
#include "store/pdx-store.h"

/* ---- the catalogue ------------------------------------------------------------------------- */

/* What an untranslated message looks like on screen. @whole: the English text, mnemonics and
 * markup taken out, matched against a whole shown text; @fragments: the runs of words between its
 * printf conversions (at least 12 characters and a space), matched inside a shown text. */
typedef struct
{
  char      *msgid;
  char      *whole; /* NULL when the message has conversions */
  GPtrArray *fragments;
  GRegex    *pattern; /* a message with conversions and at least 4 letters of its own: its text
                       * with each conversion standing for any text */
} Probe;

static GPtrArray *probes; /* of Probe, one per English form that has a different German form */

static void
probe_free (gpointer data)
{
  Probe *probe = data;

  g_free (probe->msgid);
  g_free (probe->whole);
  g_ptr_array_unref (probe->fragments);
  g_clear_pointer (&probe->pattern, g_regex_unref);
  g_free (probe);
}

/* @text without mnemonic underscores (before a letter or digit) and without Pango markup. */
static char *
shown_form (const char *text)
{
  g_autoptr (GString) out = g_string_new (NULL);
  g_autofree char *plain = NULL;

  for (const char *p = text; *p; p++)
    if (!(*p == '_' && g_ascii_isalnum (p[1])))
      g_string_append_c (out, *p);
  if (strchr (out->str, '<') == NULL && strchr (out->str, '&') == NULL)
    return g_string_free (g_steal_pointer (&out), FALSE);
  if (!pango_parse_markup (out->str, -1, 0, NULL, &plain, NULL, NULL))
    return g_string_free (g_steal_pointer (&out), FALSE);
  return g_steal_pointer (&plain);
}

/* Whitespace runs as one space, ends trimmed: the PDF text breaks lines anywhere. */
static char *
squeeze (const char *text)
{
  g_autoptr (GRegex) space = g_regex_new ("\\s+", 0, 0, NULL);
  char *out = g_regex_replace_literal (space, text, -1, 0, " ", 0, NULL);

  return g_strstrip (out);
}

/* The regex of message @flat split at its conversions (@parts): a number conversion stands for
 * a number (a token that starts with a digit: "%u measurement" is not the CLI's command word
 * "measurement" after any word), %s for up to 60 characters. NULL when its own words are too few
 * (under 6 letters:
 * "%s: %s" or "study %s: " would match German text that names an option). */
static GRegex *
conversion_pattern (const char *flat, char **parts)
{
  g_autoptr (GRegex) conversion = g_regex_new ("%[-+ #0-9.*]*([a-zA-Z%])", 0, 0, NULL);
  g_autoptr (GMatchInfo) match = NULL;
  g_autoptr (GString) pattern = g_string_new ("\\b");
  guint letters = 0;

  g_regex_match (conversion, flat, 0, &match);
  for (guint i = 0; parts[i]; i++)
    {
      g_autofree char *escaped = g_regex_escape_string (parts[i], -1);

      for (const char *p = parts[i]; *p; p = g_utf8_next_char (p))
        letters += g_unichar_isalpha (g_utf8_get_char (p));
      g_string_append (pattern, escaped);
      if (parts[i + 1] != NULL)
        {
          g_autofree char *kind = g_match_info_fetch (match, 1);

          g_string_append (pattern, g_strcmp0 (kind, "s") == 0 ? ".{1,60}?" : "[-+−]?[0-9]\\S*");
          g_match_info_next (match, NULL);
        }
    }
  if (letters < 6)
    return NULL;
  return g_regex_new (pattern->str, G_REGEX_OPTIMIZE, 0, NULL);
}

static Probe *
probe_new (const char *msgid)
{
  g_autoptr (GRegex) conversion = g_regex_new ("%[-+ #0-9.*]*[a-zA-Z%]", 0, 0, NULL);
  g_autofree char *shown = shown_form (msgid);
  g_autofree char *flat = squeeze (shown);
  Probe           *probe = g_new0 (Probe, 1);
  g_auto (GStrv) parts = g_regex_split (conversion, flat, 0);

  probe->msgid = g_strdup (msgid);
  probe->fragments = g_ptr_array_new_with_free_func (g_free);
  if (g_strv_length (parts) == 1)
    probe->whole = g_strdup (flat);
  if (g_strv_length (parts) > 1)
    probe->pattern = conversion_pattern (flat, parts);
  for (guint i = 0; parts[i]; i++)
    {
      char *fragment = g_strstrip (g_strdup (parts[i]));

      if (g_utf8_strlen (fragment, -1) >= 12 && strchr (fragment, ' ') != NULL)
        g_ptr_array_add (probe->fragments, fragment);
      else
        g_free (fragment);
    }
  return probe;
}

/* Reads a GNU .mo file (little-endian, as msgfmt writes it here): every message whose English
 * form (singular or plural) is none of its German forms becomes a probe. */
static void
load_catalogue (const char *path)
{
  g_autofree char *data = NULL;
  gsize            length = 0;
  guint32          n, originals, translations;

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  g_assert_cmpuint (length, >=, 28);
  g_assert_cmphex (GUINT32_FROM_LE (((guint32 *) data)[0]), ==, 0x950412de);
  n = GUINT32_FROM_LE (((guint32 *) data)[2]);
  originals = GUINT32_FROM_LE (((guint32 *) data)[3]);
  translations = GUINT32_FROM_LE (((guint32 *) data)[4]);
  probes = g_ptr_array_new_with_free_func (probe_free);
  for (guint32 i = 0; i < n; i++)
    {
      const guint32 *o = (const guint32 *) (data + originals + 8 * i);
      const guint32 *t = (const guint32 *) (data + translations + 8 * i);
      const char    *id = data + GUINT32_FROM_LE (o[1]), *id_end = id + GUINT32_FROM_LE (o[0]);
      const char    *str = data + GUINT32_FROM_LE (t[1]), *str_end = str + GUINT32_FROM_LE (t[0]);
      const char    *eot = memchr (id, '\004', id_end - id);

      g_assert_cmpuint (GUINT32_FROM_LE (o[1]) + GUINT32_FROM_LE (o[0]), <, length);
      if (eot != NULL)
        id = eot + 1; /* msgctxt */
      for (const char *form = id; *id_end == '\0' && form < id_end; form += strlen (form) + 1)
        {
          gboolean same = FALSE;

          for (const char *de = str; de < str_end; de += strlen (de) + 1)
            same |= g_str_equal (de, form);
          if (*form != '\0' && !same)
            g_ptr_array_add (probes, probe_new (form));
        }
    }
  g_assert_cmpuint (probes->len, >, 500);
}

/* The probe @text shows untranslated, or NULL. */
static const Probe *
english_in (const char *text)
{
  g_autofree char *shown = NULL, *flat = NULL;

  if (text == NULL || *text == '\0')
    return NULL;
  shown = shown_form (text);
  flat = squeeze (shown);
  for (guint i = 0; i < probes->len; i++)
    {
      const Probe *probe = g_ptr_array_index (probes, i);

      if (probe->whole != NULL && g_str_equal (probe->whole, flat))
        return probe;
      for (guint j = 0; j < probe->fragments->len; j++)
        if (strstr (flat, g_ptr_array_index (probe->fragments, j)) != NULL)
          return probe;
      if (probe->pattern != NULL && g_regex_match (probe->pattern, flat, 0, NULL))
        return probe;
      if (probe->whole != NULL && g_utf8_strlen (probe->whole, -1) >= 20 &&
          strchr (probe->whole, ' ') != NULL && strstr (flat, probe->whole) != NULL)
        return probe;
    }
  return NULL;
}

/* ---- (a) the catalogue is complete --------------------------------------------------------- */

/* Runs @argv to its end in a private HOME: in the test's German locale, or in C when @german is
 * FALSE (the gettext tools' own reports). Returns stdout; stderr in *@err. */
static char *
run_split (const char *const *argv, gboolean german, int *status, char **err)
{
  char *out = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) env = g_get_environ ();
  g_autofree char *home = pdx_test_make_tmpdir ();

  env = g_environ_setenv (env, "HOME", home, TRUE);
  env = g_environ_setenv (env, "XDG_DATA_HOME", home, TRUE);
  if (!german)
    {
      env = g_environ_setenv (env, "LC_ALL", "C", TRUE);
      env = g_environ_unsetenv (env, "LANGUAGE");
    }
  g_assert_true (g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_SEARCH_PATH, NULL, NULL, &out,
                               err, status, &error));
  g_assert_no_error (error);
  *status = WIFEXITED (*status) ? WEXITSTATUS (*status) : -1;
  return out;
}

/* As run_split (), stdout and stderr joined. */
static char *
run (const char *const *argv, gboolean german, int *status)
{
  g_autofree char *err = NULL;
  g_autofree char *out = run_split (argv, german, status, &err);

  return g_strconcat (out, err, NULL);
}

/* msgfmt counts every message of po/de.po translated, none fuzzy; msgcmp finds every message
 * of the sources (the template built from po/POTFILES.in) in it, translated. */
static void
test_catalogue_complete (void)
{
  g_autofree char  *po = g_test_build_filename (G_TEST_DIST, "..", "po", "de.po", NULL);
  g_autofree char  *pot = g_test_build_filename (G_TEST_BUILT, "pdxtrack-i18n-check.pot", NULL);
  const char *const msgfmt[] = { "msgfmt", "--check", "--statistics", "-o", "/dev/null", po, NULL };
  const char *const msgcmp[] = { "msgcmp", po, pot, NULL };
  g_autofree char  *stats = NULL, *cmp = NULL;
  int               status;

  stats = run (msgfmt, FALSE, &status);
  g_test_message ("msgfmt: %s", stats);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (stats, "translated message"));
  g_assert_null (strstr (stats, "fuzzy"));
  g_assert_null (strstr (stats, "untranslated"));
  cmp = run (msgcmp, FALSE, &status);
  if (status != 0)
    g_test_message ("msgcmp: %s", cmp);
  g_assert_cmpint (status, ==, 0);
}

/* Fails naming each untranslated text of @found (one per line), one TAP comment each. */
static void
report_found (const char *where, const char *found)
{
  g_auto (GStrv) lines = g_strsplit (found, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i]; i++)
    if (*lines[i] != '\0')
      {
        g_test_message ("untranslated %s: %s", where, g_strstrip (lines[i]));
        n++;
      }
  g_assert_cmpuint (n, ==, 0);
}

/* ---- (b) the app ---------------------------------------------------------------------------- */

typedef struct
{
  GString    *found; /* one line per untranslated text: widget, property, text, message */
  guint       n_texts;
  GHashTable *seen; /* "widget\nproperty\ntext" already reported */
} Walk;

static void
check_text (Walk *walk, GObject *object, const char *where, const char *text)
{
  const Probe *probe;
  const char  *id =
      GTK_IS_BUILDABLE (object) ? gtk_buildable_get_buildable_id (GTK_BUILDABLE (object)) : NULL;
  g_autofree char *key = NULL;

  if (text == NULL || *text == '\0')
    return;
  walk->n_texts++;
  probe = english_in (text);
  if (probe == NULL)
    return;
  key = g_strdup_printf ("%s#%s %s: “%s” (message “%s”)", G_OBJECT_TYPE_NAME (object), id ? id : "",
                         where, text, probe->msgid);
  if (g_hash_table_add (walk->seen, g_strdup (key)))
    g_string_append_printf (walk->found, "  %s\n", key);
}

/* The texts people read, by property name, on any object that has them. */
static void
check_properties (Walk *walk, GObject *object)
{
  static const char *const names[] = {
    "label",       "title",   "subtitle", "tooltip-text", "placeholder-text",
    "description", "heading", "body",     "text"
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      GParamSpec      *spec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), names[i]);
      g_autofree char *value = NULL;

      if (spec == NULL || spec->value_type != G_TYPE_STRING || !(spec->flags & G_PARAM_READABLE))
        continue;
      /* Editable text is the lab's data, not the app's words (a label's text is its own). */
      if (g_str_equal (names[i], "text") && !GTK_IS_LABEL (object))
        continue;
      g_object_get (object, names[i], &value, NULL);
      check_text (walk, object, names[i], value);
    }
}

static void
check_menu (Walk *walk, GObject *owner, GMenuModel *menu)
{
  for (int i = 0; menu && i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *label = NULL;
      g_autoptr (GMenuLinkIter) links = g_menu_model_iterate_item_links (menu, i);
      GMenuModel *link;

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &label))
        check_text (walk, owner, "menu item", label);
      while (g_menu_link_iter_get_next (links, NULL, &link))
        {
          check_menu (walk, owner, link);
          g_object_unref (link);
        }
    }
}

/* The choices as shown: through the widget's expression when it has one, else the strings. */
static void
check_list_model (Walk *walk, GObject *owner, GListModel *model, GtkExpression *expression)
{
  for (guint i = 0; model && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (model, i);
      g_auto (GValue) value = G_VALUE_INIT;

      if (expression != NULL && gtk_expression_evaluate (expression, item, &value) &&
          G_VALUE_HOLDS_STRING (&value))
        check_text (walk, owner, "choice", g_value_get_string (&value));
      else if (expression == NULL && GTK_IS_STRING_OBJECT (item))
        check_text (walk, owner, "choice", gtk_string_object_get_string (GTK_STRING_OBJECT (item)));
    }
}

/* What a widget holds outside its own properties: column titles, choices, menus, stack pages. */
static void
check_parts (Walk *walk, GtkWidget *widget)
{
  GObject *object = G_OBJECT (widget);

  if (GTK_IS_COLUMN_VIEW (widget))
    {
      GListModel *columns = gtk_column_view_get_columns (GTK_COLUMN_VIEW (widget));

      for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
        {
          g_autoptr (GObject) column = g_list_model_get_item (columns, i);
          check_properties (walk, column);
        }
    }
  if (GTK_IS_DROP_DOWN (widget))
    check_list_model (walk, object, gtk_drop_down_get_model (GTK_DROP_DOWN (widget)),
                      gtk_drop_down_get_expression (GTK_DROP_DOWN (widget)));
  if (ADW_IS_COMBO_ROW (widget))
    check_list_model (walk, object, adw_combo_row_get_model (ADW_COMBO_ROW (widget)),
                      adw_combo_row_get_expression (ADW_COMBO_ROW (widget)));
  if (GTK_IS_MENU_BUTTON (widget))
    check_menu (walk, object, gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)));
  if (ADW_IS_VIEW_STACK (widget))
    {
      g_autoptr (GtkSelectionModel) pages = adw_view_stack_get_pages (ADW_VIEW_STACK (widget));

      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pages)); i++)
        {
          g_autoptr (GObject) page = g_list_model_get_item (G_LIST_MODEL (pages), i);
          check_properties (walk, page);
        }
    }
}

static void
walk_widget (Walk *walk, GtkWidget *widget)
{
  check_properties (walk, G_OBJECT (widget));
  check_parts (walk, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    walk_widget (walk, child);
}

/* Every window the app has open, hidden pages and popovers included. */
static void
walk_windows (Walk *walk)
{
  g_autoptr (GList) windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l; l = l->next)
    walk_widget (walk, l->data);
}

static void
close_other_windows (PdxTestGui *f)
{
  g_autoptr (GList) windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l; l = l->next)
    if (l->data != (gpointer) f->window)
      gtk_window_destroy (l->data);
  g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
}

/* Runs @action on the window (a dialog of its own opens), walks, closes the dialog. */
static void
visit_window_action (PdxTestGui *f, Walk *walk, const char *action)
{
  gtk_widget_activate_action (GTK_WIDGET (f->window), action, NULL);
  g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
  walk_windows (walk);
  close_other_windows (f);
}

/* Runs the study page's @action (a dialog of its own opens), walks, closes the dialog. */
static void
visit_study_action (PdxTestGui *f, Walk *walk, const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), action, NULL));
  g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
  walk_windows (walk);
  close_other_windows (f);
}

static void
visit_study_pages (PdxTestGui *f, Walk *walk)
{
  static const char *const pages[] = { "overview", "mice", "measure", "charts", "survival" };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      pdx_study_page_show_page (f->page, pages[i]);
      g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
      walk_windows (walk);
    }
  pdx_test_gui_open_history (f);
  walk_windows (walk);
}

static void
visit_mice_dialogs (PdxTestGui *f, Walk *walk)
{
  static const char *const dialogs[] = {
    "add", "randomise", "endpoint", "exclude", "delete", "edit"
  };
  PdxMicePage *mice = pdx_study_page_get_mice_page (f->page);

  pdx_study_page_show_page (f->page, "mice");
  g_assert_true (pdx_test_wait_until (pdx_test_gui_mice_loaded_cb, mice));
  g_assert_true (pdx_mice_page_select (mice, "D-05"));
  for (guint i = 0; i < G_N_ELEMENTS (dialogs); i++)
    {
      AdwMessageDialog *dialog = pdx_mice_page_open_dialog (mice, dialogs[i]);

      g_test_message ("the %s dialog", dialogs[i]);
      g_assert_nonnull (dialog);
      g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
      walk_windows (walk);
      close_other_windows (f);
    }
}

/* The shortcuts window and the preferences, which the application opens (no application here). */
static void
visit_app_windows (PdxTestGui *f, Walk *walk)
{
  g_autoptr (GtkBuilder) builder =
      gtk_builder_new_from_resource ("/org/pdxtrack/Pdxtrack/gtk/help-overlay.ui");
  GtkWidget            *shortcuts = GTK_WIDGET (gtk_builder_get_object (builder, "help_overlay"));
  PdxPreferencesWindow *prefs = pdx_preferences_window_new (f->settings);

  g_assert_nonnull (shortcuts);
  walk_widget (walk, shortcuts);
  gtk_window_destroy (GTK_WINDOW (shortcuts));
  gtk_window_present (GTK_WINDOW (prefs));
  g_assert_true (pdx_test_wait_until (pdx_test_main_loop_idle, NULL));
  walk_windows (walk);
  close_other_windows (f);
}

static void
test_app_in_german (PdxTestGui *f, gconstpointer data)
{
  Walk walk = { g_string_new (NULL), 0,
                g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL) };

  g_assert_true (pdx_window_show_study (f->window, pdx_test_gui_study_id (f, "ICR-031-D")));
  visit_study_pages (f, &walk);
  visit_mice_dialogs (f, &walk);
  visit_study_action (f, &walk, "study.edit-arms");
  visit_window_action (f, &walk, "win.new-study");
  visit_window_action (f, &walk, "win.import");
  visit_window_action (f, &walk, "win.new-line");
  visit_app_windows (f, &walk);
  g_test_message ("%u texts read", walk.n_texts);
  g_assert_cmpuint (walk.n_texts, >, 300);
  report_found ("on screen", walk.found->str);
  g_string_free (walk.found, TRUE);
  g_hash_table_unref (walk.seen);
}

/* ---- (b') dates and numbers on screen follow the locale ------------------------------------ */

/* ISO date @iso written by hand as German writes it (po/de.po's date pattern "%d.%m.%Y"). */
static char *
german_date (const char *iso)
{
  int y, m, d;

  g_assert_cmpint (sscanf (iso, "%d-%d-%d", &y, &m, &d), ==, 3);
  return g_strdup_printf ("%02d.%02d.%04d", d, m, y);
}

/* A descendant label (or button label) of @widget whose text contains @part, or NULL. */
static const char *
find_text (GtkWidget *widget, const char *part)
{
  const char *text = GTK_IS_LABEL (widget)    ? gtk_label_get_text (GTK_LABEL (widget))
                     : GTK_IS_BUTTON (widget) ? gtk_button_get_label (GTK_BUTTON (widget))
                                              : NULL;

  if (text != NULL && strstr (text, part) != NULL)
    return text;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if ((text = find_text (child, part)) != NULL)
      return text;
  return NULL;
}

typedef struct
{
  GtkWidget  *widget;
  const char *part;
} TextWait;

static gboolean
text_shown_cb (gpointer data)
{
  TextWait *wait = data;

  return find_text (wait->widget, wait->part) != NULL;
}

/* The descendant of @widget built from the template child @id. */
static GtkWidget *
find_by_id (GtkWidget *widget, const char *id)
{
  if (GTK_IS_BUILDABLE (widget) &&
      g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget)), id) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_id (child, id);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The format module under German: day.month.year on screen, both forms read back. */
static void
test_format_in_german (void)
{
  g_autoptr (GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr (GDateTime) when = g_date_time_new (berlin, 2026, 3, 22, 14, 5, 30);
  static const char *const bad[] = { "32.03.2026", "22.13.2026",  "29.02.2026", "22.03.26",
                                     "03/22/2026", "22.03.2026.", "22-03-2026", "22.03" };
  char                    *text;

  g_assert_cmpstr ((text = pdx_format_date ("2026-03-22")), ==, "22.03.2026");
  g_free (text);
  g_assert_cmpstr ((text = pdx_format_date_time (when)), ==, "22.03.2026 14:05 CET");
  g_free (text);
  g_assert_cmpstr ((text = pdx_parse_date ("22.03.2026")), ==, "2026-03-22");
  g_free (text);
  g_assert_cmpstr ((text = pdx_parse_date (" 1.2.2024 ")), ==, "2024-02-01");
  g_free (text);
  g_assert_cmpstr ((text = pdx_parse_date ("29.02.2024")), ==, "2024-02-29");
  g_free (text);
  g_assert_cmpstr ((text = pdx_parse_date ("2026-03-22")), ==, "2026-03-22");
  g_free (text);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_null (pdx_parse_date (bad[i]));
}

/* The Overview's day 0 and the sheet's "last measured day" button of a finished study. */
static void
check_finished_study (PdxTestGui *f, const char *code)
{
  gint64 id = pdx_test_gui_study_id (f, code);
  g_autoptr (PdxStudy) study = pdx_study_get (pdx_lab_get_db (f->lab), id, NULL);
  g_auto (GStrv) dates = pdx_study_list_measurement_dates (pdx_lab_get_db (f->lab), id, NULL);
  g_autofree char *day0 = german_date (study->day0);
  g_autofree char *last = german_date (dates[g_strv_length (dates) - 1]);
  TextWait         wait = { GTK_WIDGET (pdx_study_page_get_overview_page (f->page)), day0 };

  g_assert_true (pdx_window_show_study (f->window, id));
  pdx_study_page_show_page (f->page, "overview");
  g_assert_true (pdx_test_wait_until (text_shown_cb, &wait));
  g_assert_null (find_text (wait.widget, study->day0));
  wait = (TextWait){ GTK_WIDGET (pdx_study_page_get_measure_sheet (f->page)), last };
  pdx_study_page_show_page (f->page, "measure");
  g_assert_true (pdx_test_wait_until (text_shown_cb, &wait));
  g_test_message ("button: %s", find_text (wait.widget, last));
  g_assert_nonnull (strstr (find_text (wait.widget, last), "Messtag"));
}

/* The sheet takes a date typed the German way, shows a caliper volume with a decimal comma,
 * and its save toast names the day as German writes it. */
static void
test_dates_in_german (PdxTestGui *f, gconstpointer data)
{
  PdxMeasureSheet   *sheet = pdx_study_page_get_measure_sheet (f->page);
  PdxTestGuiRowWait  row_wait = { sheet, "C-01" };
  TextWait           toast = { GTK_WIDGET (f->window), "02.03.2026 gespeichert" };
  PdxSheetRowWidget *row;
  GtkWidget         *entry;
  g_autoptr (PdxMeasurement) m = NULL;

  check_finished_study (f, "MFP-031-C");
  entry = find_by_id (GTK_WIDGET (sheet), "date_entry");
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "2.3.2026");
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpstr (pdx_measure_sheet_get_date (sheet), ==, "2026-03-02");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "02.03.2026");
  gtk_editable_set_text (GTK_EDITABLE (entry), "2026-03-02"); /* ISO as well: the same day */
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpstr (pdx_measure_sheet_get_date (sheet), ==, "2026-03-02");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "02.03.2026");
  g_assert_true (pdx_test_wait_until (pdx_test_gui_row_bound_cb, &row_wait));
  /* A day after today is refused; the toast names it the German way, the entry goes back. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "1.1.2099");
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpstr (pdx_measure_sheet_get_date (sheet), ==, "2026-03-02");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "02.03.2026");
  {
    TextWait future = { GTK_WIDGET (f->window), "01.01.2099" };
    g_assert_true (pdx_test_wait_until (text_shown_cb, &future));
    g_test_message ("toast: %s", find_text (future.widget, future.part));
  }
  row = pdx_measure_sheet_find_row_widget (sheet, "C-01");
  /* L·W²/2 (SPEC): 10.5 × 7.5² / 2 = 295.3125 mm³ */
  pdx_test_gui_type_cell (row, PDX_SHEET_LENGTH, "10,5");
  pdx_test_gui_type_cell (row, PDX_SHEET_WIDTH, "7,5");
  g_assert_nonnull (find_text (GTK_WIDGET (row), "295,3"));
  g_assert_true (pdx_measure_sheet_save (sheet));
  g_assert_true (pdx_test_wait_until (text_shown_cb, &toast));
  g_test_message ("toast: %s", find_text (toast.widget, toast.part));
  m = pdx_test_gui_find_measurement (f, "MFP-031-C", "C-01", "2026-03-02");
  g_assert_nonnull (m);
  g_assert_cmpfloat (m->length_mm, ==, 10.5);
}

/* ---- (c) the CLI, (d) the report ----------------------------------------------------------- */

/* Every line of @text free of English messages; the lines that are not, in the failure. */
static void
assert_german (const char *what, const char *text)
{
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr (GString) found = g_string_new (NULL);
  g_autofree char *flat = squeeze (text);
  const Probe     *probe = english_in (flat);

  for (guint i = 0; lines[i]; i++)
    if ((probe = english_in (lines[i])) != NULL)
      g_string_append_printf (found, "  “%s” (message “%s”)\n", lines[i], probe->msgid);
  if ((probe = english_in (flat)) != NULL && found->len == 0)
    g_string_append_printf (found, "  the message “%s”\n", probe->msgid);
  report_found (what, found->str);
}

static void
test_cli_in_german (void)
{
  const char       *cli = g_getenv ("PDXTRACK_CLI");
  const char *const help[] = { cli, "--help", NULL };
  const char *const chart_help[] = { cli, "chart", "--help", NULL };
  const char *const unknown[] = { cli, "frobnicate", NULL };
  const char *const bad_format[] = { cli, "--format", "xml", "list", "studies", NULL };
  g_autofree char  *out = NULL;
  int               status;

  g_assert_nonnull (cli);
  out = run (help, TRUE, &status);
  g_assert_cmpint (status, ==, 0);
  /* The German of "Usage:" and of the command "init"'s summary (po/de.po). */
  g_assert_nonnull (strstr (out, "Aufruf: pdxtrack-cli"));
  g_assert_nonnull (strstr (out, "Eine leere Labordatenbank anlegen"));
  assert_german ("pdxtrack-cli --help", out);
  g_free (out);
  out = run (chart_help, TRUE, &status);
  g_assert_cmpint (status, ==, 0);
  assert_german ("pdxtrack-cli chart --help", out);
  g_free (out);
  out = run (unknown, TRUE, &status);
  g_assert_cmpint (status, !=, 0);
  g_assert_nonnull (strstr (out, "unbekannter Befehl „frobnicate“"));
  assert_german ("an unknown command's error", out);
  g_free (out);
  out = run (bad_format, TRUE, &status);
  g_assert_cmpint (status, !=, 0);
  assert_german ("a bad --format's error", out);
}

static void
test_report_in_german (void)
{
  const char       *cli = g_getenv ("PDXTRACK_CLI");
  g_autofree char  *dir = pdx_test_make_tmpdir ();
  g_autofree char  *lab = g_build_filename (dir, "demo.pdxlab", NULL);
  g_autofree char  *pdf = g_build_filename (dir, "report.pdf", NULL);
  g_autofree char  *txt = g_build_filename (dir, "report.txt", NULL);
  const char *const demo[] = { cli, "--db", lab, "demo", "--seed", "7", NULL };
  const char *const report[] = { cli,         "--db",  lab, "report", "--study",
                                 "ICR-031-D", "--out", pdf, NULL };
  const char *const pdftotext[] = { "pdftotext", pdf, txt, NULL };
  g_autofree char  *out = NULL, *text = NULL;
  int               status;

  g_free (run (demo, TRUE, &status));
  g_assert_cmpint (status, ==, 0);
  out = run (report, TRUE, &status);
  g_assert_cmpint (status, ==, 0);
  assert_german ("the report command's message", out);
  g_free (run (pdftotext, FALSE, &status));
  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_file_get_contents (txt, &text, NULL, NULL));
  /* Dates as German writes them: the study's day 0 (the demo's ICR-031-D: 2026-05-18) and the
   * footer's "erstellt am" (generated) with today's date. */
  {
    g_autofree char *iso = pdx_format_today ();
    g_autofree char *today = german_date (iso);
    g_autofree char *footer = g_strdup_printf ("erstellt am %s ", today);

    g_assert_nonnull (strstr (text, "18.05.2026"));
    g_assert_null (strstr (text, "2026-05-18"));
    g_assert_nonnull (strstr (text, footer));
  }
  /* The German of the headings "Methods" and "Cohort summary: response" (po/de.po). */
  g_assert_nonnull (strstr (text, "Methoden"));
  g_assert_nonnull (strstr (text, "Kohortenübersicht: Ansprechen"));
  assert_german ("the PDF report", text);
}

static char *
read_file (const char *path)
{
  g_autofree char *contents = NULL;
  gsize            length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 0);
  return g_steal_pointer (&contents);
}

/* The XLSX workbook's parts that hold the data (every sheet, the shared strings), unzipped. */
static char *
xlsx_data (const char *path)
{
  const char *const unzip[] = { "unzip", "-p", path, "xl/worksheets/*.xml", "xl/sharedStrings.xml",
                                NULL };
  int               status;
  g_autofree char  *out = run (unzip, FALSE, &status);
  g_autoptr (GRegex) generated = g_regex_new (
      "Generated by pdxtrack [^<]* on [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}\\.", 0, 0, NULL);

  g_assert_cmpint (status, ==, 0);
  /* the note saying when the workbook was made: two writes may straddle a minute */
  return g_regex_replace_literal (generated, out, -1, 0, "Generated by pdxtrack on TIME.", 0, NULL);
}

/* Writes the exports of study @code of @lab in this (German) process and with the CLI in C. */
static void
assert_study_in_process_same (PdxDb *db, const char *lab, const char *dir, const char *code)
{
  g_autofree char *mine = g_build_filename (dir, "mine.csv", NULL);
  g_autofree char *cli = g_build_filename (dir, "cli.csv", NULL);
  g_autofree char *mine_xlsx = g_build_filename (dir, "mine.xlsx", NULL);
  g_autofree char *cli_xlsx = g_build_filename (dir, "cli.xlsx", NULL);
  g_autoptr (PdxStudy) study = pdx_study_find (db, code, NULL);
  g_autoptr (GError) error = NULL;
  const char *const summary[] = {
    g_getenv ("PDXTRACK_CLI"), "--db", lab, "export", "summary", "--study", code, "--out", cli, NULL
  };
  const char *const summary_xlsx[] = { g_getenv ("PDXTRACK_CLI"),
                                       "--db",
                                       lab,
                                       "export",
                                       "summary",
                                       "--study",
                                       code,
                                       "--out",
                                       cli_xlsx,
                                       NULL };
  const char *const measurements[] = { g_getenv ("PDXTRACK_CLI"),
                                       "--db",
                                       lab,
                                       "export",
                                       "measurements",
                                       "--study",
                                       code,
                                       "--out",
                                       cli,
                                       NULL };
  g_autofree char  *a = NULL, *b = NULL, *c = NULL, *d = NULL, *e = NULL, *f = NULL;
  PdxExportOptions  options;
  int               status;

  g_assert_nonnull (study);
  pdx_export_options_init (&options);
  g_assert_true (pdx_export_summary_csv (db, study->id, mine, &options, &error));
  g_assert_no_error (error);
  g_free (run (summary, FALSE, &status));
  g_assert_cmpint (status, ==, 0);
  a = read_file (mine);
  b = read_file (cli);
  g_assert_true (g_str_equal (a, b));
  g_assert_true (pdx_export_summary_xlsx (db, study->id, mine_xlsx, &options, &error));
  g_assert_no_error (error);
  g_free (run (summary_xlsx, FALSE, &status));
  g_assert_cmpint (status, ==, 0);
  c = xlsx_data (mine_xlsx);
  d = xlsx_data (cli_xlsx);
  g_assert_true (g_str_equal (c, d));
  g_assert_cmpint (g_unlink (mine), ==, 0);
  g_assert_cmpint (g_unlink (cli), ==, 0);
  g_assert_true (pdx_export_measurements_csv (db, study->id, mine, &error));
  g_assert_no_error (error);
  g_free (run (measurements, FALSE, &status));
  g_assert_cmpint (status, ==, 0);
  e = read_file (mine);
  f = read_file (cli);
  g_assert_true (g_str_equal (e, f));
  g_unlink (mine);
  g_unlink (cli);
  g_unlink (mine_xlsx);
  g_unlink (cli_xlsx);
}

static void
assert_in_process_same (const char *lab, const char *dir)
{
  g_autoptr (PdxDb) db = pdx_db_open (lab, PDX_DB_OPEN_READONLY, NULL);
  struct lconv *numbers = localeconv ();

  /* The premise: this process writes numbers with a decimal comma. */
  g_assert_cmpstr (numbers->decimal_point, ==, ",");
  g_assert_nonnull (db);
  assert_study_in_process_same (db, lab, dir, "ICR-017-A");
  assert_study_in_process_same (db, lab, dir, "ICR-031-D");
}

/* ---- files stay in the C locale -------------------------------------------------------------- */

/* Runs `pdxtrack-cli --db @lab ARGS…` in German and in C: the same bytes on stdout, and in the
 * file @out when it is not NULL. */
static void
assert_cli_same_in_c (const char *lab, const char *out, const char *const *args)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *german = NULL, *c = NULL, *german_file = NULL, *c_file = NULL;
  g_autofree char *german_err = NULL, *c_err = NULL;
  int              status;

  g_ptr_array_add (argv, (gpointer) g_getenv ("PDXTRACK_CLI"));
  g_ptr_array_add (argv, "--db");
  g_ptr_array_add (argv, (gpointer) lab);
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  german = run_split ((const char *const *) argv->pdata, TRUE, &status, &german_err);
  if (status != 0)
    g_test_message ("%s: %s", args[0], german_err);
  g_assert_cmpint (status, ==, 0);
  if (out != NULL)
    {
      german_file = read_file (out);
      g_assert_cmpint (g_unlink (out), ==, 0);
    }
  c = run_split ((const char *const *) argv->pdata, FALSE, &status, &c_err);
  g_assert_cmpint (status, ==, 0);
  if (out != NULL)
    {
      c_file = read_file (out);
      g_assert_cmpint (g_unlink (out), ==, 0);
      g_assert_true (g_str_equal (german_file, c_file));
      return;
    }
  /* stdout only: the notes on stderr are for people, in German. */
  g_assert_true (g_str_equal (german, c));
}

/* The cohort summary and the measurements (CSV; XLSX: its sheets and strings, the workbook's
 * creation time aside), `stats … --format csv` and `history --format csv` are the same bytes
 * whatever the language: in the CLI under LC_ALL=de_DE.UTF-8, and written by this process, which is
 * in de_DE like the app
 * (',' decimal point, German messages), against the CLI's in C. */
static void
test_files_c_locale (void)
{
  g_autofree char  *dir = pdx_test_make_tmpdir ();
  g_autofree char  *lab = g_build_filename (dir, "demo.pdxlab", NULL);
  g_autofree char  *csv = g_build_filename (dir, "out.csv", NULL);
  const char *const demo[] = {
    g_getenv ("PDXTRACK_CLI"), "--db", lab, "demo", "--seed", "7", NULL
  };
  static const char *const studies[] = { "ICR-017-A", "ICR-031-D", "MFP-031-C" };
  int                      status;

  g_free (run (demo, FALSE, &status));
  g_assert_cmpint (status, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (studies); i++)
    {
      const char *const summary[] = {
        "export", "summary", "--study", studies[i], "--out", csv, NULL
      };
      const char *const measurements[] = { "export",   "measurements", "--study",
                                           studies[i], "--out",        csv,
                                           NULL };
      const char *const response[] = { "--format", "csv",      "stats", "response",
                                       "--study",  studies[i], NULL };
      const char *const arms[] = {
        "--format", "csv", "stats", "arms", "--study", studies[i], NULL
      };
      const char *const survival[] = { "--format", "csv",      "stats", "survival",
                                       "--study",  studies[i], NULL };
      const char *const weight[] = { "--format", "csv",      "stats", "weight",
                                     "--study",  studies[i], NULL };
      const char *const history[] = { "--format", "csv", "history", "--study", studies[i], NULL };

      assert_cli_same_in_c (lab, csv, summary);
      assert_cli_same_in_c (lab, csv, measurements);
      /* the history as CSV is a file too: English words and ISO dates in every language */
      assert_cli_same_in_c (lab, NULL, history);
      /* ICR-031-D is not randomised yet: no statistics, only its (empty) summary. */
      if (g_str_equal (studies[i], "ICR-031-D"))
        continue;
      assert_cli_same_in_c (lab, NULL, response);
      assert_cli_same_in_c (lab, NULL, arms);
      assert_cli_same_in_c (lab, NULL, survival);
      assert_cli_same_in_c (lab, NULL, weight);
    }
  assert_in_process_same (lab, dir);
}

/* ---- the core's own messages ---------------------------------------------------------------- */

/* A lab with study S1 (its id in *@study_id) and mouse M01 (implanted 2024-03-01, its id in
 * *@mouse_id); the lab's path in *@path. */
static PdxDb *
new_lab_with_mouse (char **path, gint64 *study_id, gint64 *mouse_id)
{
  PdxDb *db = pdx_test_new_lab (path);

  *study_id = pdx_test_add_study (db, "S1", PDX_READOUT_BLI_FLUX, "2024-03-15");
  *mouse_id = pdx_test_add_mouse (db, *study_id, 0, "M01", "2024-03-01");
  return db;
}

/* A refused import through the real CLI: German after the "FILE:LINE:COLUMN: " that scripts
 * parse (line 2; column 19: "S1,M01,2024-04-01," is 18 characters), nothing imported. */
static void
test_import_refusal_in_german (void)
{
  const char      *cli = g_getenv ("PDXTRACK_CLI");
  g_autofree char *path = NULL;
  gint64           study_id, mouse_id;
  g_autoptr (PdxDb) db = new_lab_with_mouse (&path, &study_id, &mouse_id);
  g_autofree char *csv =
      pdx_test_write_file ("m.csv", "study,mouse,date,weight_g\nS1,M01,2024-04-01,abc\n", -1);
  const char *const argv[] = { cli, "--db", path, "import", "measurements", csv, NULL };
  g_autofree char  *err = NULL;
  g_autofree char  *out = NULL;
  g_autofree char  *expected = NULL;
  int               status;

  g_assert_nonnull (cli);
  out = run_split (argv, TRUE, &status, &err);
  g_assert_cmpint (status, !=, 0);
  expected = g_strdup_printf ("pdxtrack-cli: %s:2:19: Spalte 'weight_g' enthält 'abc'; erwartet "
                              "wurde eine Zahl (es wurde nichts importiert)\n",
                              csv);
  g_assert_cmpstr (err, ==, expected);
  assert_german ("a refused import", err);
  g_assert_cmpint (pdx_test_count (db, "measurement"), ==, 0);
}

/* A value the model refuses (a 250 g mouse, SPEC's hard range 1–100 g), the same value in the
 * sheet's save (row 2 of 2 refused, by index), and a store refusal: each a German GError. */
static void
test_core_refusals_in_german (void)
{
  g_autofree char *path = NULL;
  gint64           study_id, mouse_id;
  g_autoptr (PdxDb) db = new_lab_with_mouse (&path, &study_id, &mouse_id);
  g_autoptr (PdxMeasurement) m = pdx_measurement_new ();
  g_autoptr (PdxMeasurement) good = pdx_measurement_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *text = pdx_test_write_file ("notes.txt", "not a lab\n", -1);
  g_autofree char *expected = NULL;
  gint64           second = pdx_test_add_mouse (db, study_id, 0, "M02", "2024-03-01");
  PdxSheetEdit     edits[2] = { { mouse_id, "M01", NULL, PDX_MEASUREMENT_WEIGHT, good },
                                { second, "M02", NULL, PDX_MEASUREMENT_WEIGHT, m } };
  guint            failed = 0;

  m->mouse_id = mouse_id;
  m->date = g_strdup ("2024-04-01");
  m->weight_g = 250;
  good->weight_g = 21;
  g_assert_false (pdx_measurement_insert (db, m, &error));
  g_assert_error (error, PDX_DB_ERROR, PDX_DB_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "Messung 2024-04-01: Körpergewicht 250 g ist unmöglich (möglich: 1–100 g)");
  g_clear_error (&error);
  g_assert_null (pdx_sheet_save_full (db, study_id, "2024-04-01", edits, 2, &failed, &error));
  g_assert_error (error, PDX_DB_ERROR, PDX_DB_ERROR_INVALID);
  g_assert_cmpuint (failed, ==, 1);
  g_assert_cmpstr (error->message, ==,
                   "Maus M02: Körpergewicht 250 g ist unmöglich (möglich: 1–100 g)");
  g_assert_cmpint (pdx_test_count (db, "measurement"), ==, 0);
  g_clear_error (&error);
  g_assert_null (pdx_db_open (text, PDX_DB_OPEN_EXISTING, &error));
  g_assert_error (error, PDX_DB_ERROR, PDX_DB_ERROR_NOT_A_LAB);
  expected = g_strdup_printf (
      "%s ist kein pdxtrack-Labor (keine SQLite-Datenbank); die Datei wurde nicht verändert", text);
  g_assert_cmpstr (error->message, ==, expected);
}

/* check's findings in German: a measurement written past the schema's rules (another program,
 * a damaged copy) is found and worded in the person's language, the values in their place. */
static void
test_check_in_german (void)
{
  g_autofree char *path = NULL;
  gint64           study_id, mouse_id;
  g_autoptr (PdxDb) db = new_lab_with_mouse (&path, &study_id, &mouse_id);
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  g_autofree char *insert = g_strdup_printf (
      "PRAGMA ignore_check_constraints = ON; DROP TRIGGER measurement_dates_insert;"
      " INSERT INTO measurement (mouse_id, date, weight_g) VALUES (%" G_GINT64_FORMAT
      ", '2024-02-01', -3); PRAGMA ignore_check_constraints = OFF",
      mouse_id);
  g_autoptr (GString) all = g_string_new (NULL);

  g_assert_true (pdx_db_exec (db, insert, NULL));
  g_assert_false (pdx_db_check (db, problems, &error));
  for (guint i = 0; i < problems->len; i++)
    g_string_append_printf (all, "%s\n", (const char *) g_ptr_array_index (problems, i));
  g_test_message ("%s", all->str);
  g_assert_nonnull (strstr (all->str, "Daten: Messung 1 von Maus M01 am 2024-02-01 liegt außerhalb "
                                      "von Implantation 2024-03-01 .. Endpunkt …\n"));
  g_assert_nonnull (strstr (all->str, "Werte: Messung 1 von Maus M01 am 2024-02-01: "
                                      "Körpergewicht -3.0 ist unmöglich (möglich: 1 bis 100)\n"));
  g_assert_nonnull (strstr (all->str, "Schema: trigger measurement_dates_insert fehlt\n"));
  assert_german ("pdxtrack-cli check's findings", all->str);
}

int
main (int argc, char **argv)
{
  g_autofree char *mo = NULL;
  int              status;

  /* The suite's environment says C.UTF-8; this test is the German run, whoever starts it. */
  g_setenv ("LANGUAGE", "de", TRUE);
  g_setenv ("LANG", "de_DE.UTF-8", TRUE);
  g_setenv ("LC_ALL", "de_DE.UTF-8", TRUE);
  pdx_test_gui_init (&argc, &argv);
  g_assert_nonnull (setlocale (LC_ALL, ""));
  g_assert_true (g_str_has_prefix (setlocale (LC_MESSAGES, NULL), "de_DE"));
  mo = g_build_filename (pdx_i18n_init (), "de", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  load_catalogue (mo);
  g_test_add_func ("/i18n/catalogue-complete", test_catalogue_complete);
  g_test_add_func ("/i18n/cli", test_cli_in_german);
  g_test_add_func ("/i18n/report", test_report_in_german);
  g_test_add_func ("/i18n/files-c-locale", test_files_c_locale);
  g_test_add_func ("/i18n/core/import-refusal", test_import_refusal_in_german);
  g_test_add_func ("/i18n/core/refusals", test_core_refusals_in_german);
  g_test_add_func ("/i18n/core/check", test_check_in_german);
  PDX_TEST_GUI_ADD ("i18n/app", test_app_in_german);
  g_test_add_func ("/i18n/format", test_format_in_german);
  PDX_TEST_GUI_ADD ("i18n/dates", test_dates_in_german);
  status = g_test_run ();
  g_ptr_array_unref (probes);
  return status;
}
