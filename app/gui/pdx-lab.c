/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-lab.c — the open lab as a GObject: owns the PdxDb and tells widgets when data changed. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx-lab.h"

#include <glib/gstdio.h>

struct _PdxLab
{
  GObject parent_instance;
  PdxDb *db;
  gint64 data_version; /* PRAGMA data_version when the lab last caught up with other programs */
};

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (PdxLab, pdx_lab, G_TYPE_OBJECT)

static void
pdx_lab_finalize (GObject *object)
{
  PdxLab *self = PDX_LAB (object);

  g_clear_pointer (&self->db, pdx_db_close);
  G_OBJECT_CLASS (pdx_lab_parent_class)->finalize (object);
}

static void
pdx_lab_class_init (PdxLabClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pdx_lab_finalize;

  /* ::changed (gint64 study_id): rows of that study, or lab-wide rows when 0, changed. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
pdx_lab_init (PdxLab *self)
{
}

static void
verify_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  g_autoptr (GError) error = NULL;

  /* A damaged lab is reported by the first save, which is refused; this only spares that save
   * the wait for a check that reads the whole file (seconds on a big lab). */
  if (!pdx_db_verify (data, &error))
    g_debug ("background check of %s: %s", (const char *) data, error->message);
  g_task_return_boolean (task, TRUE);
}

PdxLab *
pdx_lab_new_for_db (PdxDb *db)
{
  g_autoptr (GTask) task = NULL;

  PdxLab *self;

  g_return_val_if_fail (db != NULL, NULL);
  self = g_object_new (PDX_TYPE_LAB, NULL);
  self->db = db;
  pdx_db_get_data_version (db, &self->data_version, NULL); /* a failure shows on next check */
  if (!pdx_db_is_read_only (db) && !g_str_equal (pdx_db_get_path (db), ":memory:"))
    {
      task = g_task_new (NULL, NULL, NULL, NULL);
      g_task_set_task_data (task, g_strdup (pdx_db_get_path (db)), g_free);
      g_task_run_in_thread (task, verify_thread);
    }
  return self;
}

PdxLab *
pdx_lab_open (const char *path, gboolean create, GError **error)
{
  PdxDb *db;

  g_return_val_if_fail (path != NULL, NULL);
  db = pdx_db_open (path, create ? PDX_DB_OPEN_CREATE : PDX_DB_OPEN_EXISTING, error);
  if (db == NULL)
    return NULL;
  return pdx_lab_new_for_db (db);
}

PdxLab *
pdx_lab_create_demo (const char *path, GError **error)
{
  PdxDemoOptions options = { .seed = 1, .extra_mice = 0 };
  g_autoptr (PdxDb) db = NULL;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, _ ("A file named “%s” already exists"),
                   path);
      return NULL;
    }
  db = pdx_db_open (path, PDX_DB_OPEN_CREATE, error);
  if (db == NULL)
    return NULL;
  if (!pdx_demo_generate (db, &options, error))
    {
      g_clear_pointer (&db, pdx_db_close);
      g_unlink (path);
      return NULL;
    }
  return pdx_lab_new_for_db (g_steal_pointer (&db));
}

PdxDb *
pdx_lab_get_db (PdxLab *self)
{
  g_return_val_if_fail (PDX_IS_LAB (self), NULL);
  return self->db;
}

const char *
pdx_lab_get_path (PdxLab *self)
{
  g_return_val_if_fail (PDX_IS_LAB (self), NULL);
  return pdx_db_get_path (self->db);
}

char *
pdx_lab_dup_display_name (PdxLab *self)
{
  g_return_val_if_fail (PDX_IS_LAB (self), NULL);
  return g_path_get_basename (pdx_db_get_path (self->db));
}

void
pdx_lab_notify_changed (PdxLab *self, gint64 study_id)
{
  g_return_if_fail (PDX_IS_LAB (self));
  g_signal_emit (self, signals[CHANGED], 0, study_id);
}

gboolean
pdx_lab_check_outside_changes (PdxLab *self, gboolean *changed, GError **error)
{
  gint64 version;

  g_return_val_if_fail (PDX_IS_LAB (self), FALSE);
  if (changed != NULL)
    *changed = FALSE;
  if (!pdx_db_get_data_version (self->db, &version, error))
    return FALSE;
  if (version == self->data_version)
    return TRUE;
  self->data_version = version;
  if (changed != NULL)
    *changed = TRUE;
  pdx_lab_notify_changed (self, 0);
  return TRUE;
}

char *
pdx_lab_dup_new_demo_path (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "pdxtrack", NULL);
  g_autofree char *name = NULL;
  char *path;
  guint n = 0;

  g_mkdir_with_parents (dir, 0700);
  do
    {
      g_free (name);
      name = n == 0 ? g_strdup_printf ("demo-%s.pdxlab", stamp)
                    : g_strdup_printf ("demo-%s-%u.pdxlab", stamp, n);
      path = g_build_filename (dir, name, NULL);
      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        return path;
      g_free (path);
    }
  while (++n < 1000);
  return g_build_filename (dir, "demo.pdxlab", NULL);
}
