/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-test-util.c — shared test helpers: temporary labs, shared data paths, database dumps. */
#include "pdx-test-util.h"
#include "store/pdx-store-sqlite.h" /* the raw handle: tests may run SQL (tests/ is outside the order) */

#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib/gstdio.h>

static GPtrArray *tmpdirs;

static void
remove_tree (const char *path)
{
  GDir       *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir)
    {
      while ((name = g_dir_read_name (dir)))
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          if (g_file_test (child, G_FILE_TEST_IS_DIR) &&
              !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            remove_tree (child);
          else
            g_unlink (child);
        }
      g_dir_close (dir);
    }
  g_rmdir (path);
}

static void
remove_tmpdirs (void)
{
  for (guint i = 0; tmpdirs && i < tmpdirs->len; i++)
    remove_tree (g_ptr_array_index (tmpdirs, i));
  g_clear_pointer (&tmpdirs, g_ptr_array_unref);
}

char *
pdx_test_make_tmpdir (void)
{
  g_autoptr (GError) error = NULL;
  char *dir = g_dir_make_tmp ("pdxtrack-test-XXXXXX", &error);

  g_assert_no_error (error);
  if (tmpdirs == NULL)
    {
      tmpdirs = g_ptr_array_new_with_free_func (g_free);
      atexit (remove_tmpdirs);
    }
  g_ptr_array_add (tmpdirs, g_strdup (dir));
  return dir;
}

PdxDb *
pdx_test_new_lab (char **path_out)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = pdx_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "lab.pdxlab", NULL);
  PdxDb           *db = pdx_db_open (path, PDX_DB_OPEN_CREATE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (db);
  pdx_db_set_operator (db, "tester");
  if (path_out)
    *path_out = g_steal_pointer (&path);
  return db;
}

char *
pdx_test_shared_file (const char *relative)
{
  const char      *root = g_getenv ("PDX_SHARED_DATA");
  g_autofree char *path = NULL;

  g_assert_nonnull (root);
  path = g_build_filename (root, relative, NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_message ("shared data file %s is missing", path);
      g_test_fail ();
      return NULL;
    }
  return g_steal_pointer (&path);
}

char *
pdx_test_write_file (const char *name, const char *contents, gssize len)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = pdx_test_make_tmpdir ();
  char            *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, contents, len, &error);
  g_assert_no_error (error);
  return path;
}

gint64
pdx_test_count (PdxDb *db, const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  g_autofree char *text = pdx_test_query_string (db, sql);
  return text ? g_ascii_strtoll (text, NULL, 10) : -1;
}

char *
pdx_test_query_string (PdxDb *db, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char         *result = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (pdx_db_get_handle (db), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return result;
}

char *
pdx_test_dump (PdxDb *db)
{
  sqlite3      *handle = pdx_db_get_handle (db);
  sqlite3_stmt *tables = NULL;
  GString      *out = g_string_new (NULL);

  g_assert_cmpint (sqlite3_prepare_v2 (handle,
                                       "SELECT name FROM sqlite_schema WHERE type = 'table' "
                                       "AND name NOT LIKE 'sqlite_%' ORDER BY name",
                                       -1, &tables, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (tables) == SQLITE_ROW)
    {
      const char      *name = (const char *) sqlite3_column_text (tables, 0);
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\" ORDER BY rowid", name);
      sqlite3_stmt    *rows = NULL;

      g_string_append_printf (out, "== %s\n", name);
      g_assert_cmpint (sqlite3_prepare_v2 (handle, sql, -1, &rows, NULL), ==, SQLITE_OK);
      while (sqlite3_step (rows) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (rows); c++)
            g_string_append_printf (out, "%s|",
                                    sqlite3_column_type (rows, c) == SQLITE_NULL
                                        ? "∅"
                                        : (const char *) sqlite3_column_text (rows, c));
          g_string_append_c (out, '\n');
        }
      sqlite3_finalize (rows);
    }
  sqlite3_finalize (tables);
  return g_string_free (out, FALSE);
}

gint64
pdx_test_add_study (PdxDb *db, const char *code, PdxReadout readout, const char *day0)
{
  g_autoptr (PdxStudy) study = pdx_study_new ();
  g_autoptr (GError) error = NULL;

  study->code = g_strdup (code);
  study->readout = readout;
  study->day0 = g_strdup (day0);
  study->status = g_strdup ("active");
  g_assert_true (pdx_study_insert (db, study, &error));
  g_assert_no_error (error);
  return study->id;
}

gint64
pdx_test_add_arm (PdxDb *db, gint64 study_id, const char *name, gboolean control)
{
  g_autoptr (PdxArm) arm = pdx_arm_new ();
  g_autoptr (GError) error = NULL;

  arm->study_id = study_id;
  arm->name = g_strdup (name);
  arm->is_control = control;
  g_assert_true (pdx_arm_insert (db, arm, &error));
  g_assert_no_error (error);
  return arm->id;
}

gint64
pdx_test_add_mouse (
    PdxDb *db, gint64 study_id, gint64 arm_id, const char *tag, const char *implant_date)
{
  g_autoptr (PdxMouse) mouse = pdx_mouse_new ();
  g_autoptr (GError) error = NULL;

  mouse->study_id = study_id;
  mouse->arm_id = arm_id;
  mouse->tag = g_strdup (tag);
  mouse->implant_date = g_strdup (implant_date);
  g_assert_true (pdx_mouse_insert (db, mouse, &error));
  g_assert_no_error (error);
  return mouse->id;
}

void
pdx_test_exclude_mouse (PdxDb *db, gint64 mouse_id, const char *reason)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxMouse) mouse = pdx_mouse_get (db, mouse_id, &error);

  g_assert_no_error (error);
  mouse->excluded = TRUE;
  mouse->exclusion_reason = g_strdup (reason);
  g_assert_true (pdx_mouse_update (db, mouse, &error));
  g_assert_no_error (error);
}

void
pdx_test_add_endpoint (PdxDb *db, gint64 mouse_id, const char *date, PdxEndpointKind kind)
{
  g_autoptr (PdxEndpoint) endpoint = pdx_endpoint_new ();
  g_autoptr (GError) error = NULL;

  endpoint->mouse_id = mouse_id;
  endpoint->date = g_strdup (date);
  endpoint->kind = kind;
  endpoint->is_event = pdx_endpoint_kind_is_event (kind);
  g_assert_true (pdx_endpoint_insert (db, endpoint, &error));
  g_assert_no_error (error);
}

char *
pdx_test_tmp_path (const char *name)
{
  g_autofree char *dir = pdx_test_make_tmpdir ();
  return g_build_filename (dir, name, NULL);
}

char *
pdx_test_run_tool (const char *const *argv)
{
  g_autoptr (GError) error = NULL;
  char *out = NULL;
  int   status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL,
                               G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out,
                               NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static void
dump_value (GString *out, sqlite3_stmt *rows, int c)
{
  switch (sqlite3_column_type (rows, c))
    {
    case SQLITE_INTEGER:
      g_string_append_printf (out, "i%lld", (long long) sqlite3_column_int64 (rows, c));
      break;
    case SQLITE_FLOAT:
      g_string_append_printf (out, "r%.17g", sqlite3_column_double (rows, c));
      break;
    case SQLITE_TEXT:
      g_string_append_printf (out, "t%d:", sqlite3_column_bytes (rows, c));
      g_string_append_len (out, (const char *) sqlite3_column_text (rows, c),
                           sqlite3_column_bytes (rows, c));
      break;
    case SQLITE_BLOB:
      {
        const guchar *blob = sqlite3_column_blob (rows, c);
        g_string_append_c (out, 'b');
        for (int i = 0; i < sqlite3_column_bytes (rows, c); i++)
          g_string_append_printf (out, "%02x", blob[i]);
      }
      break;
    default:
      g_string_append_c (out, 'n');
    }
  g_string_append_c (out, '|');
}

/* Appends every row of @sql's result, one line each. */
static void
dump_rows (GString *out, sqlite3 *handle, const char *sql)
{
  sqlite3_stmt *rows = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (handle, sql, -1, &rows, NULL), ==, SQLITE_OK);
  while (sqlite3_step (rows) == SQLITE_ROW)
    {
      for (int c = 0; c < sqlite3_column_count (rows); c++)
        dump_value (out, rows, c);
      g_string_append_c (out, '\n');
    }
  g_assert_cmpint (sqlite3_finalize (rows), ==, SQLITE_OK);
}

char *
pdx_test_canonical_dump (sqlite3 *handle)
{
  GString      *out = g_string_new (NULL);
  sqlite3_stmt *tables = NULL;

  dump_rows (out, handle, "PRAGMA user_version");
  dump_rows (out, handle, "PRAGMA application_id");
  dump_rows (out, handle, "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name");
  g_assert_cmpint (sqlite3_prepare_v2 (handle,
                                       "SELECT name FROM sqlite_schema WHERE type = 'table' "
                                       "ORDER BY name",
                                       -1, &tables, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (tables) == SQLITE_ROW)
    {
      const char      *name = (const char *) sqlite3_column_text (tables, 0);
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\" ORDER BY rowid", name);

      g_string_append_printf (out, "== %s\n", name);
      dump_rows (out, handle, sql);
    }
  sqlite3_finalize (tables);
  return g_string_free (out, FALSE);
}

char *
pdx_test_dump_hash (PdxDb *db)
{
  g_autofree char *dump = pdx_test_canonical_dump (pdx_db_get_handle (db));
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, dump, -1);
}

char *
pdx_test_file_dump_hash (const char *path, char **problem)
{
  sqlite3         *handle = NULL;
  sqlite3_stmt    *stmt = NULL;
  g_autofree char *verdict = NULL;
  char            *hash = NULL;

  if (sqlite3_open_v2 (path, &handle, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2 (handle, "PRAGMA integrity_check", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    verdict = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else
    verdict = g_strdup (sqlite3_errmsg (handle));
  sqlite3_finalize (stmt);
  if (g_strcmp0 (verdict, "ok") == 0)
    {
      g_autofree char *dump = pdx_test_canonical_dump (handle);
      hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, dump, -1);
    }
  else if (problem)
    *problem = g_strdup_printf ("%s: %s", path, verdict ? verdict : "unreadable");
  sqlite3_close (handle);
  return hash;
}

void
pdx_test_copy_file (const char *from, const char *to)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize            len = 0;

  g_assert_true (g_file_get_contents (from, &contents, &len, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (to, contents, (gssize) len, &error));
  g_assert_no_error (error);
}

gboolean
pdx_test_sheet_save_weights (PdxDb             *db,
                             gint64             study_id,
                             const char        *date,
                             const char *const *tags,
                             const double      *weights,
                             guint              n,
                             GError           **error)
{
  g_autoptr (GPtrArray) owned =
      g_ptr_array_new_with_free_func ((GDestroyNotify) pdx_measurement_free);
  g_autofree PdxSheetEdit *edits = g_new0 (PdxSheetEdit, n);
  g_autoptr (PdxSheetSave) save = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (PdxMouse) mouse = pdx_mouse_find (db, study_id, tags[i], error);
      PdxMeasurement *values = pdx_measurement_new ();
      PdxMeasurement *loaded;

      g_ptr_array_add (owned, values);
      if (mouse == NULL)
        {
          if (error && *error == NULL)
            g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_NOT_FOUND, "no mouse %s", tags[i]);
          return FALSE;
        }
      loaded = pdx_measurement_find (db, mouse->id, date, error);
      if (loaded == NULL && error && *error)
        return FALSE;
      if (loaded)
        g_ptr_array_add (owned, loaded);
      values->weight_g = weights[i];
      edits[i] = (PdxSheetEdit){ .mouse_id = mouse->id,
                                 .tag = tags[i],
                                 .loaded = loaded,
                                 .changed = PDX_MEASUREMENT_WEIGHT,
                                 .values = values };
    }
  save = pdx_sheet_save_with_reason (db, study_id, date, edits, n, "re-weighed", NULL, error);
  return save != NULL;
}

gboolean
pdx_test_wait_until (PdxTestCondition condition, gpointer data)
{
  gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return TRUE;
}

static gboolean
after_cb (gpointer data)
{
  return g_get_monotonic_time () >= *(gint64 *) data;
}

void
pdx_test_spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  pdx_test_wait_until (after_cb, &end);
}

gboolean
pdx_test_main_loop_idle (gpointer data)
{
  return !g_main_context_pending (NULL);
}

guint
pdx_test_count_own_locks (const char *path)
{
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;
  GStatBuf st;
  guint    n = 0;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_true (g_file_get_contents ("/proc/locks", &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto (GStrv) words = g_regex_split_simple ("\\s+", g_strstrip (lines[i]), 0, 0);
      const char *inode;

      if (g_strv_length (words) < 6 || !g_str_equal (words[1], "POSIX"))
        continue;
      inode = strrchr (words[5], ':');
      if (g_ascii_strtoll (words[4], NULL, 10) == getpid () && inode != NULL &&
          g_ascii_strtoull (inode + 1, NULL, 10) == (guint64) st.st_ino)
        n++;
    }
  return n;
}

void
pdx_test_run_free (PdxTestRun *run)
{
  if (run == NULL)
    return;
  g_free (run->out);
  g_free (run->err);
  g_free (run);
}

PdxTestRun *
pdx_test_run_argv (const char *const *argv, const char *env_db)
{
  g_auto (GStrv) envp = g_get_environ ();
  g_autofree char *home = pdx_test_make_tmpdir ();
  g_autoptr (GError) error = NULL;
  PdxTestRun *run = g_new0 (PdxTestRun, 1);
  int         wait_status = 0;

  envp = g_environ_unsetenv (envp, "PDXTRACK_DB");
  envp = g_environ_unsetenv (envp, "PDXTRACK_OPERATOR");
  if (env_db)
    envp = g_environ_setenv (envp, "PDXTRACK_DB", env_db, TRUE);
  envp = g_environ_setenv (envp, "HOME", home, TRUE);
  envp = g_environ_setenv (envp, "XDG_DATA_HOME", home, TRUE);
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &run->out, &run->err, &wait_status, &error));
  g_assert_no_error (error);
  run->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
  return run;
}
