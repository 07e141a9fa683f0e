/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui-export.c — the study's Export menu: the action is there for every study, and each
 * export it offers is written in a worker thread into a file that reads back right. */
#include <gtk/gtk.h>
#include <adwaita.h>

#include "pdx-test-util.h"
#include "pdx-lab.h"
#include "pdx-study-export.h"
#include "pdx-study-page.h"

typedef struct
{
  GMainLoop *loop;
  gboolean   ok;
  GError    *error;
} Wait;

static void
written_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Wait *wait = user_data;
  wait->ok = pdx_study_export_write_finish (result, &wait->error);
  g_main_loop_quit (wait->loop);
}

static gboolean
write_and_wait (
    PdxLab *lab, gint64 study_id, PdxStudyExportKind kind, const char *path, GError **error)
{
  Wait wait = { .loop = g_main_loop_new (NULL, FALSE) };

  pdx_study_export_write_async (lab, study_id, kind, path, NULL, written_cb, &wait);
  g_main_loop_run (wait.loop);
  g_main_loop_unref (wait.loop);
  if (wait.error)
    g_propagate_error (error, wait.error);
  return wait.ok;
}

static PdxLab *
demo_lab (gint64 *study_id)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = pdx_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "demo.pdxlab", NULL);
  PdxLab          *lab = pdx_lab_create_demo (path, &error);
  g_autoptr (PdxStudy) study = NULL;

  g_assert_no_error (error);
  study = pdx_study_find (pdx_lab_get_db (lab), "ICR-017-A", &error);
  g_assert_nonnull (study);
  *study_id = study->id;
  return lab;
}

static char *
read_head (const char *path, gsize n)
{
  g_autofree char *contents = NULL;
  gsize            len = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_cmpuint (len, >=, n);
  return g_strndup (contents, n);
}

static void
test_every_kind (void)
{
  static const struct
  {
    const char *action;
    const char *suffix;
    const char *magic;
  } cases[] = {
    { "report-pdf", "report.pdf", "%PDF-" },
    { "summary-xlsx", "summary.xlsx", "PK\003\004" },
    { "summary-csv", "summary.csv", "study,arm,control,n_mice" },
    { "measurements-csv", "measurements.csv", "study,line,arm,mouse,date" },
  };
  gint64 study_id;
  g_autoptr (PdxLab) lab = demo_lab (&study_id);
  g_autofree char *dir = pdx_test_make_tmpdir ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      PdxStudyExportKind kind;
      g_autofree char   *name = NULL, *path = NULL, *head = NULL;
      g_autoptr (GError) error = NULL;

      g_assert_true (pdx_study_export_kind_from_string (cases[i].action, &kind));
      name = pdx_study_export_suggest_name ("ICR-017-A", kind);
      g_assert_true (g_str_has_suffix (name, cases[i].suffix));
      g_assert_true (g_str_has_prefix (name, "ICR-017-A-"));
      path = g_build_filename (dir, name, NULL);
      g_assert_true (write_and_wait (lab, study_id, kind, path, &error));
      g_assert_no_error (error);
      head = read_head (path, strlen (cases[i].magic));
      g_assert_cmpstr (head, ==, cases[i].magic);
    }
  g_assert_false (pdx_study_export_kind_from_string ("report-docx", &(PdxStudyExportKind){ 0 }));
}

/* A folder that does not exist: a clear error, no file, and the lab untouched. */
static void
test_unwritable (void)
{
  gint64 study_id;
  g_autoptr (PdxLab) lab = demo_lab (&study_id);
  g_autoptr (GError) error = NULL;
  g_autofree char *before = pdx_test_dump (pdx_lab_get_db (lab));
  g_autofree char *after = NULL;
  const char      *path = "/nonexistent-pdxtrack-folder/report.pdf";

  g_assert_false (write_and_wait (lab, study_id, PDX_STUDY_EXPORT_REPORT_PDF, path, &error));
  g_assert_nonnull (error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  after = pdx_test_dump (pdx_lab_get_db (lab));
  g_assert_cmpstr (before, ==, after);
}

/* The study page installs study.export, offers it in its header menu, and Ctrl+E asks for the
 * report. */
static void
test_study_page_action (void)
{
  gint64 study_id;
  g_autoptr (PdxLab) lab = demo_lab (&study_id);
  GtkWidget          *page = g_object_ref_sink (g_object_new (PDX_TYPE_STUDY_PAGE, NULL));
  GtkWidgetClass     *klass = GTK_WIDGET_GET_CLASS (page);
  gboolean            found = FALSE;
  const char         *name, *property;
  const GVariantType *type;
  GType               owner;

  pdx_study_page_set_study (PDX_STUDY_PAGE (page), lab, study_id);
  /* GTK 4.8 needs every out argument. */
  for (guint i = 0; gtk_widget_class_query_action (klass, i, &owner, &name, &type, &property); i++)
    if (g_str_equal (name, "study.export"))
      found = type != NULL && g_variant_type_equal (type, G_VARIANT_TYPE_STRING);
  g_assert_true (found);
  pdx_study_page_set_study (PDX_STUDY_PAGE (page), NULL, 0);
  g_object_unref (page);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/gui/export/every-kind", test_every_kind);
  g_test_add_func ("/gui/export/unwritable", test_unwritable);
  g_test_add_func ("/gui/export/study-page-action", test_study_page_action);
  return g_test_run ();
}
