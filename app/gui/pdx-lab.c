/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-lab.c — the open lab as a GObject: owns the PdxDb and tells widgets what data changed.
 *
 * Nobody announces a change: the store calls commit_cb for every commit of this connection,
 * which only schedules dispatch_idle_cb; that asks the audit log what was committed since the
 * last dispatch (pdx_changes_since) and emits one signal per changed study. Other connections'
 * commits (another program, the import worker) are found by pdx_lab_check_outside_changes. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx-lab.h"

#include <glib/gstdio.h>

struct _PdxLab
{
  GObject parent_instance;
  PdxDb  *db;
  gint64  data_version; /* PRAGMA data_version when the lab last caught up with other programs */
  gint64  cursor;       /* the newest audit entry the views have been told about */
  guint   dispatch_id;  /* the idle that dispatches after a commit of this connection, or 0 */
};

enum
{
  STUDY_CHANGED,
  STUDIES_CHANGED,
  LINES_CHANGED,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (PdxLab, pdx_lab, G_TYPE_OBJECT)

static void
pdx_lab_finalize (GObject *object)
{
  PdxLab *self = PDX_LAB (object);

  g_clear_handle_id (&self->dispatch_id, g_source_remove);
  if (self->db != NULL)
    pdx_db_set_commit_func (self->db, NULL, NULL);
  g_clear_pointer (&self->db, pdx_db_close);
  G_OBJECT_CLASS (pdx_lab_parent_class)->finalize (object);
}

static void
pdx_lab_class_init (PdxLabClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pdx_lab_finalize;

  /* ::study-changed (gint64 study_id): rows of that study (the study, its arms, mice,
   * measurements, endpoints) changed; 0: any study may have (the changes could not be read). */
  signals[STUDY_CHANGED] =
      g_signal_new ("study-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                    NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  /* ::studies-changed: a study was created, deleted or its own row changed (the study list). */
  signals[STUDIES_CHANGED] = g_signal_new ("studies-changed", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* ::lines-changed: lines, tumour samples or patients changed. */
  signals[LINES_CHANGED] = g_signal_new ("lines-changed", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
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

/* Tells the views what @changes says changed: the lists first, then each study. */
static void
emit_changes (PdxLab *self, const PdxChanges *changes)
{
  if (changes->lines_changed)
    g_signal_emit (self, signals[LINES_CHANGED], 0);
  if (changes->studies_changed)
    g_signal_emit (self, signals[STUDIES_CHANGED], 0);
  if (changes->unattributed)
    g_signal_emit (self, signals[STUDY_CHANGED], 0, (gint64) 0);
  else
    for (guint i = 0; i < changes->study_ids->len; i++)
      g_signal_emit (self, signals[STUDY_CHANGED], 0,
                     g_array_index (changes->study_ids, gint64, i));
}

/* When what changed cannot be read, every view is told to reload: each meets the same failure
 * in its own read and shows it. The cursor stays, so the next dispatch reports the changes. */
static void
emit_everything (PdxLab *self)
{
  g_signal_emit (self, signals[LINES_CHANGED], 0);
  g_signal_emit (self, signals[STUDIES_CHANGED], 0);
  g_signal_emit (self, signals[STUDY_CHANGED], 0, (gint64) 0);
}

/* Reads what changed since the cursor and tells the views; FALSE with @error, nothing told. */
static gboolean
dispatch (PdxLab *self, GError **error)
{
  g_autoptr (PdxChanges) changes = NULL;

  g_clear_handle_id (&self->dispatch_id, g_source_remove);
  changes = pdx_changes_since (self->db, &self->cursor, error);
  if (changes == NULL)
    return FALSE;
  emit_changes (self, changes);
  return TRUE;
}

static gboolean
dispatch_idle_cb (gpointer data)
{
  PdxLab *self = data;

  self->dispatch_id = 0;
  pdx_lab_dispatch_changes (self);
  return G_SOURCE_REMOVE;
}

/* The store's commit function: a commit of this connection is under way. It may not query
 * (SQLite forbids it inside the hook) and the commit may still fail, so it only schedules a
 * dispatch, once, ahead of the next redraw; a failed commit then reports nothing. */
static void
commit_cb (gpointer data)
{
  PdxLab *self = data;

  if (self->dispatch_id == 0)
    self->dispatch_id = g_idle_add_full (G_PRIORITY_DEFAULT, dispatch_idle_cb, self, NULL);
}

PdxLab *
pdx_lab_new_for_db (PdxDb *db)
{
  g_autoptr (GTask) task = NULL;

  PdxLab *self;

  g_return_val_if_fail (db != NULL, NULL);
  self = g_object_new (PDX_TYPE_LAB, NULL);
  self->db = db;
  /* A failure of either shows on the next check (and a cursor of 0 reports every study). */
  pdx_db_get_data_version (db, &self->data_version, NULL);
  pdx_changes_get_cursor (db, &self->cursor, NULL);
  pdx_db_set_commit_func (db, commit_cb, self);
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
pdx_lab_dispatch_changes (PdxLab *self)
{
  g_autoptr (GError) error = NULL;

  g_return_if_fail (PDX_IS_LAB (self));
  if (!dispatch (self, &error))
    {
      g_debug ("reading what changed: %s", error->message);
      emit_everything (self);
    }
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
  if (dispatch (self, error))
    return TRUE;
  emit_everything (self); /* what changed is unknown: every view reloads */
  return FALSE;
}

static void
task_completed_cb (GTask *task, GParamSpec *pspec, PdxLab *self)
{
  g_autoptr (GError) error = NULL;

  if (!pdx_lab_check_outside_changes (self, NULL, &error))
    {
      /* The views were told to reload (or the lab cannot be read): they meet the failure in
       * their own reads, which they show. */
      g_debug ("checking for the worker's changes: %s", error->message);
      emit_everything (self);
    }
}

void
pdx_lab_watch_task (PdxLab *self, GTask *task)
{
  g_return_if_fail (PDX_IS_LAB (self));
  g_return_if_fail (G_IS_TASK (task));
  g_signal_connect_object (task, "notify::completed", G_CALLBACK (task_completed_cb), self, 0);
}

char *
pdx_lab_dup_new_demo_path (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "pdxtrack", NULL);
  g_autofree char *name = NULL;
  char            *path;
  guint            n = 0;

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
