/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui-arms.c — the Edit Arms dialog driven with real widgets (issue 13): opened from the
 * study page's menu; a control moved (said before saving), an arm moved up, renamed, coloured,
 * an agent corrected, one added and one removed, all saved in one transaction with the reason;
 * a bad dose and another writer's change refused in the dialog with the lab unchanged; a
 * locked study's dialog read-only with the lock named. Expected values are the demo lab's
 * (app/core/demo) and the edits typed here. */
#include <adwaita.h>
#include <string.h>

#include "pdx-test-gui.h"
#include "pdx-edit-arms-dialog.h"

static PdxEditArmsDialog *
open_dialog (PdxTestGui *f, gint64 study)
{
  PdxEditArmsDialog *found = NULL;
  GListModel        *toplevels = gtk_window_get_toplevels ();

  g_assert_true (pdx_window_show_study (f->window, study));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "study.edit-arms", NULL));
  for (guint i = 0; i < g_list_model_get_n_items (toplevels) && found == NULL; i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (toplevels, i);
      if (PDX_IS_EDIT_ARMS_DIALOG (window))
        found = PDX_EDIT_ARMS_DIALOG (window);
    }
  g_assert_nonnull (found);
  g_assert_true (pdx_test_wait_until (pdx_test_gui_widget_shown_cb, found));
  return found;
}

static GtkWidget *
widget (PdxEditArmsDialog *dialog, const char *name)
{
  GtkWidget *w = pdx_edit_arms_dialog_get_widget (dialog, name);

  if (w == NULL)
    g_error ("the dialog has no widget '%s'", name);
  return w;
}

static void
type (PdxEditArmsDialog *dialog, const char *name, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (widget (dialog, name)), text);
}

static void
click (PdxEditArmsDialog *dialog, const char *name)
{
  g_signal_emit_by_name (widget (dialog, name), "clicked");
}

/* "name:control:colour:agents" of ICR-017-A's arms in their order. */
static char *
arms_of (PdxTestGui *f, gint64 study)
{
  g_autoptr (GPtrArray) arms = pdx_arm_list (pdx_lab_get_db (f->lab), study, NULL);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < arms->len; i++)
    {
      PdxArm *a = g_ptr_array_index (arms, i);
      g_string_append_printf (out, "%s%s:%d:%s:", i ? " | " : "", a->name, a->is_control,
                              a->colour ? a->colour : "-");
      for (guint j = 0; j < a->agents->len; j++)
        {
          PdxAgent *g = g_ptr_array_index (a->agents, j);
          g_string_append_printf (out, "%s%s %g", j ? "+" : "", g->drug, g->dose);
        }
    }
  return g_string_free (out, FALSE);
}

static void
test_arms_save (PdxTestGui *f, gconstpointer data)
{
  PdxDb             *db = pdx_lab_get_db (f->lab);
  gint64             study = pdx_test_gui_study_id (f, "ICR-017-A");
  g_autofree char   *before = arms_of (f, study), *after = NULL, *reasons = NULL;
  g_autofree char   *mark = pdx_test_query_string (db, "SELECT max (id) FROM audit_log");
  PdxEditArmsDialog *dialog = open_dialog (f, study);
  GdkRGBA            blue;

  g_assert_cmpstr (before, ==,
                   "Vehicle:1:#7f7f7f:Vehicle (0.5% MC) nan | T-DM1:0:-:T-DM1 10 | Tucatinib + "
                   "trastuzumab:0:-:Tucatinib 50+Trastuzumab 10 | Alpelisib + T-DM1:0:-:Alpelisib "
                   "25+T-DM1 10");
  g_assert_false (gtk_widget_get_sensitive (widget (dialog, "save")));
  g_assert_false (gtk_widget_get_visible (widget (dialog, "control-warning")));

  /* T-DM1 the control: Vehicle's switch goes off, and the dialog says what changes. */
  gtk_switch_set_active (GTK_SWITCH (widget (dialog, "arm.1.control")), TRUE);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (widget (dialog, "arm.0.control"))));
  g_assert_true (gtk_widget_get_visible (widget (dialog, "control-warning")));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (widget (dialog, "control-warning"))),
                            "The control arm changes from 'Vehicle' to 'T-DM1'"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (widget (dialog, "control-warning"))),
                            "TGI, response vs control, log-rank vs control"));
  /* T-DM1 first, in blue; Tucatinib renamed; T-DM1's dose corrected; Vehicle's agent removed;
   * an agent added to Alpelisib + T-DM1. */
  click (dialog, "arm.1.up");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (widget (dialog, "arm.1.palette")), FALSE);
  gdk_rgba_parse (&blue, "#1f77b4");
  gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (widget (dialog, "arm.1.colour")), &blue);
  type (dialog, "arm.2.name", "Tucatinib + trastuzumab (HER2CLIMB)");
  type (dialog, "arm.1.agent.0.dose", "3.6");
  click (dialog, "arm.0.agent.0.remove");
  click (dialog, "arm.3.add-agent");
  type (dialog, "arm.3.agent.2.drug", "Neratinib");
  type (dialog, "arm.3.agent.2.dose", "40");
  type (dialog, "arm.3.agent.2.first-day", "0");
  g_assert_false (gtk_widget_get_sensitive (widget (dialog, "save")));
  type (dialog, "reason", "protocol amendment 3");
  g_assert_true (gtk_widget_get_sensitive (widget (dialog, "save")));
  g_object_ref (dialog);
  click (dialog, "save");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_object_unref (dialog);

  after = arms_of (f, study);
  g_assert_cmpstr (after, ==,
                   "T-DM1:1:#1f77b4:T-DM1 3.6 | Vehicle:0:#7f7f7f: | Tucatinib + trastuzumab "
                   "(HER2CLIMB):0:-:Tucatinib 50+Trastuzumab 10 | Alpelisib + T-DM1:0:-:Alpelisib "
                   "25+T-DM1 10+Neratinib 40");
  {
    g_autofree char *sql = g_strdup_printf (
        "SELECT group_concat (DISTINCT reason) || ':' || count (*) FROM audit_log WHERE id > %s",
        mark);
    reasons = pdx_test_query_string (db, sql);
  }
  /* Arms: Vehicle un-marked; T-DM1 marked and coloured; Tucatinib renamed; positions written
   * for T-DM1 (0 stays 0: not written)… every arm but T-DM1 (1, 2, 3); agents: one removed,
   * one changed, one added. 3 + 3 + 3 = 9 entries, one reason. */
  g_assert_cmpstr (reasons, ==, "protocol amendment 3:9");
  {
    g_autoptr (GError) error = NULL;
    g_assert_true (pdx_db_check (db, NULL, &error));
    g_assert_no_error (error);
  }
}

/* A bad dose, then another writer's change: each refused in the dialog, the lab unchanged. */
static void
test_arms_refused (PdxTestGui *f, gconstpointer data)
{
  PdxDb             *db = pdx_lab_get_db (f->lab);
  gint64             study = pdx_test_gui_study_id (f, "ICR-017-A");
  PdxEditArmsDialog *dialog = open_dialog (f, study);
  g_autofree char   *hash = NULL, *now = NULL;
  GtkWidget         *error = widget (dialog, "error");

  type (dialog, "arm.1.agent.0.dose", "ten");
  type (dialog, "reason", "typo");
  hash = pdx_test_dump_hash (db);
  click (dialog, "save");
  g_assert_true (gtk_widget_get_visible (error));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (error)), ==,
                   "Arm 'T-DM1', agent 1: the dose 'ten' is not a number. Nothing was saved.");
  now = pdx_test_dump_hash (db);
  g_assert_cmpstr (hash, ==, now);

  /* Someone renames T-DM1 while the dialog is open; the dialog's rename is refused. */
  type (dialog, "arm.1.agent.0.dose", "10");
  type (dialog, "arm.1.name", "T-DM1 (Kadcyla)");
  {
    g_autoptr (PdxArm) read = pdx_arm_find (db, study, "T-DM1", NULL);
    g_autoptr (PdxArm) other = pdx_arm_copy (read);
    g_free (other->name);
    other->name = g_strdup ("Trastuzumab emtansine");
    g_assert_true (pdx_arm_update_fields (db, read, other, PDX_ARM_NAME, "elsewhere", NULL));
  }
  g_free (hash);
  hash = pdx_test_dump_hash (db);
  type (dialog, "reason", "brand name");
  click (dialog, "save");
  g_assert_true (gtk_widget_get_visible (error));
  g_assert_nonnull (
      strstr (gtk_label_get_text (GTK_LABEL (error)), "its name was changed by someone else"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_free (now);
  now = pdx_test_dump_hash (db);
  g_assert_cmpstr (hash, ==, now);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void save_png (GtkWidget *window, const char *name);

static void
test_arms_locked (PdxTestGui *f, gconstpointer data)
{
  PdxDb *db = pdx_lab_get_db (f->lab);
  gint64 study = pdx_test_gui_study_id (f, "ICR-017-A");
  g_auto (PdxAuthResult) auth = { FALSE, g_strdup ("not re-authenticated: test") };
  PdxEditArmsDialog *dialog;

  g_assert_true (pdx_study_sign (db, study, PDX_SIGNATURE_LOCK, "final report", &auth, NULL, NULL));
  dialog = open_dialog (f, study);
  g_assert_true (gtk_widget_get_visible (widget (dialog, "lock")));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (widget (dialog, "lock"))),
                            "Study ICR-017-A is locked"));
  g_assert_false (gtk_editable_get_editable (GTK_EDITABLE (widget (dialog, "arm.0.name"))));
  g_assert_false (gtk_widget_get_sensitive (widget (dialog, "arm.1.control")));
  g_assert_false (gtk_widget_get_sensitive (widget (dialog, "arm.1.up")));
  type (dialog, "reason", "x");
  g_assert_false (gtk_widget_get_sensitive (widget (dialog, "save")));
  if (g_getenv ("PDX_TEST_SCREENSHOT_DIR") != NULL)
    {
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (widget (dialog, "arm.0.row")), TRUE);
      pdx_test_spin (1500);
      save_png (GTK_WIDGET (dialog), "gui-edit-arms-locked.png");
    }
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
save_png (GtkWidget *window, const char *name)
{
  const char      *dir = g_getenv ("PDX_TEST_SCREENSHOT_DIR");
  g_autofree char *path = g_build_filename (dir, name, NULL);
  int              width = gtk_widget_get_width (window), height = gtk_widget_get_height (window);
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (window);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

/* The dialog with two arms open and the control moved, then the Charts page after Save. */
static void
test_arms_screenshot (PdxTestGui *f, gconstpointer data)
{
  gint64             study = pdx_test_gui_study_id (f, "ICR-017-A");
  PdxEditArmsDialog *dialog = open_dialog (f, study);
  GdkRGBA            blue;

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (widget (dialog, "arm.1.row")), TRUE);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (widget (dialog, "arm.3.row")), TRUE);
  gtk_switch_set_active (GTK_SWITCH (widget (dialog, "arm.1.control")), TRUE);
  click (dialog, "arm.1.up");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (widget (dialog, "arm.1.palette")), FALSE);
  gdk_rgba_parse (&blue, "#1f77b4");
  gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (widget (dialog, "arm.1.colour")), &blue);
  type (dialog, "reason", "protocol amendment 3");
  pdx_test_spin (600);
  save_png (GTK_WIDGET (dialog), "gui-edit-arms.png");
  click (dialog, "save");
  pdx_study_page_show_page (f->page, "charts");
  pdx_test_spin (1500);
  save_png (GTK_WIDGET (f->window), "gui-edit-arms-charts.png");
}

int
main (int argc, char *argv[])
{
  pdx_test_gui_init (&argc, &argv);
  PDX_TEST_GUI_ADD ("arms/save", test_arms_save);
  PDX_TEST_GUI_ADD ("arms/refused", test_arms_refused);
  PDX_TEST_GUI_ADD ("arms/locked", test_arms_locked);
  if (g_getenv ("PDX_TEST_SCREENSHOT_DIR") != NULL)
    PDX_TEST_GUI_ADD ("arms/screenshot", test_arms_screenshot);
  return g_test_run ();
}
