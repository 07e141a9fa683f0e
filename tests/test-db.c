/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-db.c — the lab file: creation, refusal of foreign or newer files (left untouched),
 * migration with a backup, nested transactions, busy waiting, integrity check. (A killed writer:
 * test-faults-kill.c.) */
#include "pdx-test-util.h"
#include "pdx-test-cli.h"
#include "store/pdx-store-private.h"

#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>

static char *
read_file (const char *path, gsize *len)
{
  char *contents = NULL;
  g_assert_true (g_file_get_contents (path, &contents, len, NULL));
  return contents;
}

static void
test_create (void)
{
  g_autofree char *path = NULL;
  g_autoptr (PdxDb) db = pdx_test_new_lab (&path);
  g_autofree char *version = pdx_test_query_string (db, "PRAGMA user_version");
  g_autofree char *app_id = pdx_test_query_string (db, "PRAGMA application_id");
  g_autofree char *journal = pdx_test_query_string (db, "PRAGMA journal_mode");
  g_autofree char *fk = pdx_test_query_string (db, "PRAGMA foreign_keys");

  g_assert_cmpstr (version, ==, G_STRINGIFY (PDX_DB_SCHEMA_VERSION));
  g_assert_cmpint (g_ascii_strtoll (app_id, NULL, 10), ==, PDX_DB_APPLICATION_ID);
  g_assert_cmpstr (journal, ==, "wal");
  g_assert_cmpstr (fk, ==, "1");
  for (const char *const *t =
           (const char *const[]){ "patient", "tumour_sample", "line", "study", "arm", "agent",
                                  "mouse", "measurement", "endpoint", "audit_log", NULL };
       *t; t++)
    g_assert_cmpint (pdx_test_count (db, *t), ==, 0);
}

static void
test_missing_file (void)
{
  g_autofree char *dir = pdx_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "none.pdxlab", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxDb) db = pdx_db_open (path, PDX_DB_OPEN_EXISTING, &error);

  g_assert_null (db);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* Opening @path must fail with @code and leave the file byte-identical. */
static void
assert_refused_untouched (const char *path, int code)
{
  gsize            before_len, after_len;
  g_autofree char *before = read_file (path, &before_len);
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxDb) db = pdx_db_open (path, PDX_DB_OPEN_CREATE, &error);
  g_autofree char *after = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);

  g_assert_null (db);
  g_assert_error (error, PDX_DB_ERROR, code);
  g_assert_nonnull (strstr (error->message, "untouched"));
  after = read_file (path, &after_len);
  g_assert_cmpmem (before, before_len, after, after_len);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

static void
test_refuse_text_file (void)
{
  g_autofree char *path =
      pdx_test_write_file ("notes.pdxlab", "study,arm,mouse\nS1,vehicle,1\n", -1);
  assert_refused_untouched (path, PDX_DB_ERROR_NOT_A_LAB);
}

static void
test_refuse_binary_file (void)
{
  static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10";
  g_autofree char  *path = pdx_test_write_file ("image.pdxlab", png, sizeof png - 1);
  assert_refused_untouched (path, PDX_DB_ERROR_NOT_A_LAB);
}

static char *
make_sqlite_file (const char *sql)
{
  g_autofree char *dir = pdx_test_make_tmpdir ();
  char            *path = g_build_filename (dir, "other.db", NULL);
  sqlite3         *handle = NULL;

  g_assert_cmpint (sqlite3_open (path, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (handle);
  return path;
}

static void
test_refuse_foreign_sqlite (void)
{
  g_autofree char *path = make_sqlite_file ("CREATE TABLE invoices (id INTEGER, total REAL);"
                                            "INSERT INTO invoices VALUES (1, 9.5);");
  assert_refused_untouched (path, PDX_DB_ERROR_NOT_A_LAB);
}

static void
test_refuse_newer (void)
{
  g_autofree char *path = NULL;
  g_autofree char *sql = NULL;

  /* A new lab, closed before SQLite alone changes its version. */
  pdx_db_close (pdx_test_new_lab (&path));
  sql = g_strdup_printf ("PRAGMA journal_mode = DELETE; PRAGMA user_version = %d",
                         PDX_DB_SCHEMA_VERSION + 1);
  {
    sqlite3 *handle = NULL;
    g_assert_cmpint (sqlite3_open (path, &handle), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (handle, sql, NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (handle);
  }
  assert_refused_untouched (path, PDX_DB_ERROR_TOO_NEW);
}

/* A lab written at schema 1 opens at schema 2: a backup of the old file first, data intact, and
 * the version-2 audit columns filled from then on. */
static void
test_migrate_from_v1 (void)
{
  g_autofree char *dir = pdx_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "old.pdxlab", NULL);
  g_autofree char *backup = g_strconcat (path, ".v1.bak", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxStudy) study = pdx_study_new ();

  {
    g_autoptr (PdxDb) old = pdx_db_open_at_version (path, 1, &error);
    g_autofree char *version = NULL;
    g_assert_no_error (error);
    version = pdx_test_query_string (old, "PRAGMA user_version");
    g_assert_cmpstr (version, ==, "1");
    study->code = g_strdup ("OLD-1");
    study->day0 = g_strdup ("2024-02-01");
    study->status = g_strdup ("active");
    g_assert_true (pdx_study_insert (old, study, &error));
    g_assert_no_error (error);
  }
  {
    g_autoptr (PdxDb) db = pdx_db_open (path, PDX_DB_OPEN_EXISTING, &error);
    g_autoptr (PdxStudy) found = NULL;
    g_autofree char *version = NULL, *study_col = NULL;
    g_autoptr (PdxMouse) mouse = pdx_mouse_new ();

    g_assert_no_error (error);
    version = pdx_test_query_string (db, "PRAGMA user_version");
    g_assert_cmpstr (version, ==, G_STRINGIFY (PDX_DB_SCHEMA_VERSION));
    g_assert_true (g_file_test (backup, G_FILE_TEST_EXISTS));
    found = pdx_study_find (db, "OLD-1", &error);
    g_assert_nonnull (found);
    g_assert_cmpstr (found->day0, ==, "2024-02-01");
    mouse->study_id = found->id;
    mouse->tag = g_strdup ("1");
    g_assert_true (pdx_mouse_insert (db, mouse, &error));
    study_col =
        pdx_test_query_string (db, "SELECT study_id FROM audit_log WHERE table_name = 'mouse'");
    g_assert_nonnull (study_col);
    g_assert_cmpint (g_ascii_strtoll (study_col, NULL, 10), ==, found->id);
    g_assert_true (pdx_db_check (db, NULL, &error));
  }
  {
    /* The backup is the old lab, still at version 1 with its study. */
    g_autoptr (PdxDb) copy = pdx_db_open (backup, PDX_DB_OPEN_READONLY, &error);
    g_assert_null (copy);
    g_assert_error (error, PDX_DB_ERROR, PDX_DB_ERROR_INVALID);
  }
}

static gint64
add_patient (PdxDb *db, const char *code, GError **error)
{
  g_autoptr (PdxPatient) p = pdx_patient_new ();
  p->code = g_strdup (code);
  return pdx_patient_insert (db, p, error) ? p->id : 0;
}

static void
test_nested_transactions (void)
{
  g_autoptr (PdxDb) db = pdx_test_new_lab (NULL);
  g_autoptr (GError) error = NULL;

  g_assert_true (pdx_db_begin (db, &error));
  g_assert_cmpint (add_patient (db, "P1", &error), >, 0);
  /* A refused change inside the transaction leaves the earlier one in place. */
  g_assert_cmpint (add_patient (db, "P1", &error), ==, 0);
  g_assert_error (error, PDX_DB_ERROR, PDX_DB_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_true (pdx_db_begin (db, &error));
  g_assert_cmpint (add_patient (db, "P2", &error), >, 0);
  pdx_db_rollback (db);
  g_assert_true (pdx_db_commit (db, &error));
  g_assert_cmpint (pdx_test_count (db, "patient"), ==, 1);
  g_assert_cmpint (pdx_test_count (db, "audit_log"), ==, 1);
}

typedef struct
{
  char    *path;
  GMutex   lock;
  GCond    cond;
  gboolean holding;
} BusyHolder;

static gpointer
hold_write_lock (gpointer data)
{
  BusyHolder *h = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxDb) db = pdx_db_open (h->path, PDX_DB_OPEN_EXISTING, &error);

  g_assert_no_error (error);
  g_assert_true (pdx_db_begin (db, &error));
  add_patient (db, "HOLDER", &error);
  g_mutex_lock (&h->lock);
  h->holding = TRUE;
  g_cond_signal (&h->cond);
  g_mutex_unlock (&h->lock);
  g_usleep (400 * 1000);
  g_assert_true (pdx_db_commit (db, &error));
  return NULL;
}

/* Two writers on one lab: the second waits for the first (busy timeout) and then succeeds. */
static void
test_second_writer_waits (void)
{
  g_autofree char *path = NULL;
  g_autoptr (PdxDb) db = pdx_test_new_lab (&path);
  g_autoptr (GError) error = NULL;
  BusyHolder h = { .path = path };
  GThread   *thread;
  gint64     start;

  g_mutex_init (&h.lock);
  g_cond_init (&h.cond);
  thread = g_thread_new ("holder", hold_write_lock, &h);
  g_mutex_lock (&h.lock);
  while (!h.holding)
    g_cond_wait (&h.cond, &h.lock);
  g_mutex_unlock (&h.lock);
  start = g_get_monotonic_time ();
  g_assert_cmpint (add_patient (db, "WAITER", &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 200 * 1000);
  g_thread_join (thread);
  g_assert_cmpint (pdx_test_count (db, "patient"), ==, 2);
  g_mutex_clear (&h.lock);
  g_cond_clear (&h.cond);
}

static void
test_check_finds_problems (void)
{
  g_autofree char *path = NULL;
  g_autoptr (PdxDb) db = pdx_test_new_lab (&path);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

  g_assert_true (pdx_db_check (db, problems, &error));
  g_assert_cmpuint (problems->len, ==, 0);
  /* Another program, bypassing pdxtrack's rules, leaves a study with no audit entry. */
  g_assert_true (pdx_db_exec (db,
                              "DROP TRIGGER audit_study_insert;"
                              "INSERT INTO study (code, readout, day0) "
                              "VALUES ('ROGUE', 'bli_flux', '2024-01-01')",
                              &error));
  g_assert_false (pdx_db_check (db, problems, &error));
  g_assert_error (error, PDX_DB_ERROR, PDX_DB_ERROR_INVALID);
  /* Both the dropped trigger (the schema is not the one this version creates) and its effect. */
  g_assert_cmpuint (problems->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (problems, 0), ==,
                   "schema: trigger audit_study_insert is missing");
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 1), "no audit entry"));
}

static void
test_audit_append_only (void)
{
  g_autoptr (PdxDb) db = pdx_test_new_lab (NULL);
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (add_patient (db, "P1", &error), >, 0);
  g_assert_false (pdx_db_exec (db, "UPDATE audit_log SET operator = 'someone else'", &error));
  g_assert_nonnull (strstr (error->message, "append-only"));
  g_clear_error (&error);
  g_assert_false (pdx_db_exec (db, "DELETE FROM audit_log", &error));
  g_assert_cmpint (pdx_test_count (db, "audit_log"), ==, 1);
}

static void
test_backup (void)
{
  g_autofree char *path = NULL;
  g_autoptr (PdxDb) db = pdx_test_new_lab (&path);
  g_autoptr (GError) error = NULL;
  g_autofree char *dest = g_strconcat (path, ".copy", NULL);

  add_patient (db, "P1", &error);
  g_assert_true (pdx_db_backup (db, dest, &error));
  g_assert_false (pdx_db_backup (db, dest, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_EXIST);
  g_clear_error (&error);
  {
    g_autoptr (PdxDb) copy = pdx_db_open (dest, PDX_DB_OPEN_EXISTING, &error);
    g_assert_no_error (error);
    g_assert_cmpint (pdx_test_count (copy, "patient"), ==, 1);
    g_assert_true (pdx_db_check (copy, NULL, &error));
  }
}

/* ---- the store's opening: locks, file kinds, read-only and damaged labs (issue 10) ----------- */

/* Finding 1: a second connection (as the History page and the exports open) must not cost the
 * first its locks. The old header check read the file with stdio, and its fclose() dropped
 * every POSIX lock of the process on the lab (2 -> 1 -> 0 in the issue). */
static void
test_second_connection_keeps_locks (void)
{
  g_autofree char *path = NULL;
  g_autoptr (PdxDb) db = pdx_test_new_lab (&path);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr (GError) error = NULL;
  guint lab_locks, shm_locks;

  g_assert_cmpint (add_patient (db, "P1", &error), >, 0);
  lab_locks = pdx_test_count_own_locks (path);
  shm_locks = pdx_test_count_own_locks (shm);
  g_assert_cmpuint (lab_locks + shm_locks, >, 0);
  for (int i = 0; i < 3; i++)
    {
      PdxDb *reader = pdx_db_open (path, PDX_DB_OPEN_READONLY, &error);
      g_assert_no_error (error);
      g_assert_cmpint (pdx_test_count (reader, "patient"), ==, 1);
      pdx_db_close (reader);
      g_assert_cmpuint (pdx_test_count_own_locks (path), ==, lab_locks);
      g_assert_cmpuint (pdx_test_count_own_locks (shm), ==, shm_locks);
    }
  g_assert_cmpint (add_patient (db, "P2", &error), >, 0);
  g_assert_no_error (error);
}

/* pdx_db_is_lab_file(): the lab and its companions, through a hard link too; not a neighbour. */
static void
test_is_lab_file (void)
{
  g_autofree char *path = NULL;
  g_autoptr (PdxDb) db = pdx_test_new_lab (&path);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *link_path = g_strconcat (path, ".link", NULL);
  g_autofree char *other = pdx_test_write_file ("other.csv", "a,b\n", -1);
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (add_patient (db, "P1", &error), >, 0);
  g_assert_cmpint (link (path, link_path), ==, 0);
  g_assert_true (pdx_db_is_lab_file (db, path));
  g_assert_true (pdx_db_is_lab_file (db, link_path));
  g_assert_true (pdx_db_is_lab_file (db, wal));
  g_assert_true (pdx_db_is_lab_file (db, shm));
  g_assert_false (pdx_db_is_lab_file (db, other));
  g_assert_false (pdx_db_is_lab_file (db, "/nonexistent/x.csv"));
  g_unlink (link_path);
}

static void
open_fifo_child (void)
{
  g_autofree char *dir = pdx_test_make_tmpdir ();
  g_autofree char *fifo = g_build_filename (dir, "lab.pdxlab", NULL);
  g_autoptr (GError) error = NULL;
  PdxDb *db;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  db = pdx_db_open (fifo, PDX_DB_OPEN_EXISTING, &error);
  g_assert_null (db);
  g_assert_error (error, PDX_DB_ERROR, PDX_DB_ERROR_NOT_A_LAB);
  g_assert_nonnull (strstr (error->message, "named pipe"));
  g_clear_error (&error);
  /* import must not make one either */
  db = pdx_db_open (fifo, PDX_DB_OPEN_CREATE, &error);
  g_assert_null (db);
  g_assert_error (error, PDX_DB_ERROR, PDX_DB_ERROR_NOT_A_LAB);
}

/* Finding 12: a FIFO given as the lab used to block in open() for ever. In a subprocess with a
 * timeout, so the old code fails the test instead of hanging it. */
static void
test_refuse_fifo (void)
{
  if (g_test_subprocess ())
    {
      open_fifo_child ();
      return;
    }
  g_test_trap_subprocess (NULL, 10 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_refuse_folder_and_device (void)
{
  g_autofree char *dir = pdx_test_make_tmpdir ();
  g_autoptr (GError) error = NULL;
  PdxDb *db = pdx_db_open (dir, PDX_DB_OPEN_CREATE, &error);

  g_assert_null (db);
  g_assert_error (error, PDX_DB_ERROR, PDX_DB_ERROR_NOT_A_LAB);
  g_assert_nonnull (strstr (error->message, "a folder"));
  g_clear_error (&error);
  db = pdx_db_open ("/dev/null", PDX_DB_OPEN_CREATE, &error);
  g_assert_null (db);
  g_assert_error (error, PDX_DB_ERROR, PDX_DB_ERROR_NOT_A_LAB);
  g_assert_nonnull (strstr (error->message, "a device"));
}

/* Finding 8: a 0-byte file is not a lab; only an explicit create (init, demo, New Lab) may make
 * one of it. The CLI's import used to. */
static void
test_refuse_empty_file (void)
{
  g_autofree char *path = pdx_test_write_file ("empty.pdxlab", "", 0);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *csv =
      pdx_test_write_file ("mice.csv",
                           "study,arm,mouse,cage,sex,implant_date,day0,readout\n"
                           "S1,vehicle,M1,C1,F,2024-03-01,2024-03-15,caliper_volume\n",
                           -1);
  g_autoptr (GError) error = NULL;
  g_autofree char *err = NULL;
  PdxDb           *db = pdx_db_open (path, PDX_DB_OPEN_EXISTING, &error);
  GStatBuf         st;

  g_assert_null (db);
  g_assert_error (error, PDX_DB_ERROR, PDX_DB_ERROR_NOT_A_LAB);
  g_assert_nonnull (strstr (error->message, "an empty file, not a pdxtrack lab"));
  g_assert_cmpint (pdx_test_run_cli (path, &err, "import", "mice", csv, NULL), !=, 0);
  g_assert_nonnull (strstr (err, "an empty file, not a pdxtrack lab"));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_size, ==, 0);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

/* Finding 8: import at a mistyped path creates neither a lab nor its folders. */
static void
test_import_creates_no_lab (void)
{
  g_autofree char *dir = pdx_test_make_tmpdir ();
  g_autofree char *typo_dir = g_build_filename (dir, "labz", NULL);
  g_autofree char *in_typo_dir = g_build_filename (typo_dir, "lab.pdxlab", NULL);
  g_autofree char *typo = g_build_filename (dir, "lba.pdxlab", NULL);
  g_autofree char *csv =
      pdx_test_write_file ("mice.csv",
                           "study,arm,mouse,cage,sex,implant_date,day0,readout\n"
                           "S1,vehicle,M1,C1,F,2024-03-01,2024-03-15,caliper_volume\n",
                           -1);
  g_autofree char *err = NULL;

  g_assert_cmpint (pdx_test_run_cli (in_typo_dir, &err, "import", "mice", csv, NULL), !=, 0);
  g_assert_nonnull (strstr (err, "no lab at"));
  g_assert_false (g_file_test (typo_dir, G_FILE_TEST_EXISTS));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (pdx_test_run_cli (typo, &err, "import", "mice", csv, NULL), !=, 0);
  g_assert_nonnull (strstr (err, "no lab at"));
  g_assert_false (g_file_test (typo, G_FILE_TEST_EXISTS));
  g_clear_pointer (&err, g_free);
  /* init makes no parent folders either; it says which one is missing. */
  g_assert_cmpint (pdx_test_run_cli (in_typo_dir, &err, "init", NULL), !=, 0);
  g_assert_nonnull (strstr (err, "does not exist"));
  g_assert_false (g_file_test (typo_dir, G_FILE_TEST_EXISTS));
}

static char *
file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize            len = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
}

/* Runs the real pdxtrack-cli on @lab (through pdx_test_run_argv: a private HOME) with its folder
 * @ro_dir read-only when not NULL: a read-only bind mount in a private mount namespace for root
 * (who ignores permissions), else chmod 0555 for the duration. */
static PdxTestRun *
run_cli_readonly (const char *ro_dir, const char *lab, const char *const *args)
{
  const char *cli = g_getenv ("PDXTRACK_CLI");
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  gboolean    root = getuid () == 0;
  PdxTestRun *run;

  g_assert_nonnull (cli);
  if (ro_dir && root)
    {
      g_ptr_array_add (argv, (char *) "unshare");
      g_ptr_array_add (argv, (char *) "-m");
      g_ptr_array_add (argv, (char *) "sh");
      g_ptr_array_add (argv, (char *) "-c");
      g_ptr_array_add (argv, (char *) "mount --bind \"$1\" \"$1\" && mount -o remount,ro,bind "
                                      "\"$1\" && shift && exec \"$@\"");
      g_ptr_array_add (argv, (char *) "sh");
      g_ptr_array_add (argv, (char *) ro_dir);
    }
  else if (ro_dir)
    g_assert_cmpint (g_chmod (ro_dir, 0555), ==, 0);
  g_ptr_array_add (argv, (char *) cli);
  g_ptr_array_add (argv, (char *) "--db");
  g_ptr_array_add (argv, (char *) lab);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  run = pdx_test_run_argv ((const char *const *) argv->pdata, NULL);
  if (ro_dir && !root)
    g_assert_cmpint (g_chmod (ro_dir, 0755), ==, 0);
  return run;
}

/* A lab with one study and two mice, closed (so no -wal is left beside it). */
static char *
small_closed_lab (void)
{
  g_autofree char *path = NULL;
  PdxDb           *db = pdx_test_new_lab (&path);
  gint64 study = pdx_test_add_study (db, "RO-1", PDX_READOUT_CALIPER_VOLUME, "2024-01-10");
  gint64 arm = pdx_test_add_arm (db, study, "vehicle", TRUE);

  for (int i = 0; i < 40; i++)
    {
      g_autofree char *tag = g_strdup_printf ("M%02d", i);
      pdx_test_add_mouse (db, study, arm, tag, "2024-01-01");
    }
  g_assert_true (pdx_db_close_checked (db, NULL));
  return g_steal_pointer (&path);
}

/* Finding 7: a lab in a read-only folder is read (the issue: "cannot be read as a pdxtrack
 * lab"), writes are refused with a read-only message, and nothing is written. */
static void
test_read_only_folder (void)
{
  g_autofree char *lab = small_closed_lab ();
  g_autofree char *dir = g_path_get_dirname (lab);
  g_autofree char *wal = g_strconcat (lab, "-wal", NULL);
  g_autofree char *csv =
      pdx_test_write_file ("mice.csv",
                           "study,arm,mouse,cage,sex,implant_date,day0,readout\n"
                           "RO-1,vehicle,N1,C1,F,2024-01-01,2024-01-10,caliper_volume\n",
                           -1);
  g_autofree char *before = file_checksum (lab);
  g_autofree char *after = NULL;

  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  {
    g_autoptr (PdxTestRun) list =
        run_cli_readonly (dir, lab, (const char *[]){ "list", "mice", NULL });
    g_assert_cmpint (list->status, ==, 0);
    g_assert_nonnull (strstr (list->out, "M39"));
  }
  {
    g_autoptr (PdxTestRun) check = run_cli_readonly (dir, lab, (const char *[]){ "check", NULL });
    g_assert_cmpint (check->status, ==, 0);
    g_assert_nonnull (strstr (check->out, ": ok"));
  }
  {
    g_autoptr (PdxTestRun) import =
        run_cli_readonly (dir, lab, (const char *[]){ "import", "mice", csv, NULL });
    g_assert_cmpint (import->status, !=, 0);
    g_assert_nonnull (strstr (import->err, "read-only"));
    g_assert_nonnull (strstr (import->err, "folder is not writable"));
    g_assert_null (strchr (g_strstrip (import->err), '\n'));
  }
  after = file_checksum (lab);
  g_assert_cmpstr (before, ==, after);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

/* Overwrites the first bytes of the root page of table mouse with 0xFF (an invalid page type)
 * in the closed lab @path, as a failing disk might. */
static void
damage_mouse_table (const char *path)
{
  g_autofree char    *root = NULL;
  FILE               *file;
  static const guchar junk[16] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                                   0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
  {
    g_autoptr (PdxDb) db = pdx_db_open (path, PDX_DB_OPEN_READONLY, NULL);
    g_assert_nonnull (db);
    root = pdx_test_query_string (db, "SELECT rootpage FROM sqlite_schema WHERE name = 'mouse'");
  }
  g_assert_nonnull (root);
  file = fopen (path, "r+b");
  g_assert_nonnull (file);
  g_assert_cmpint (fseek (file, (g_ascii_strtoll (root, NULL, 10) - 1) * 4096, SEEK_SET), ==, 0);
  g_assert_cmpuint (fwrite (junk, 1, sizeof junk, file), ==, sizeof junk);
  g_assert_cmpint (fclose (file), ==, 0);
}

/* Finding 7: a lab whose B-tree is damaged: every write is refused (the quick check runs before
 * a connection's first write), and a read that meets the damage fails, never answers with a
 * count of 0 as `list studies` did; each with a pointer to check and to a backup. check
 * reports the damage. The file is left as it was. */
static void
test_damaged_lab_refused (void)
{
  g_autofree char *lab = small_closed_lab ();
  g_autofree char *csv =
      pdx_test_write_file ("mice.csv",
                           "study,arm,mouse,cage,sex,implant_date,day0,readout\n"
                           "RO-1,vehicle,N1,C1,F,2024-01-01,2024-01-10,caliper_volume\n",
                           -1);
  g_autofree char   *out_csv = pdx_test_tmp_path ("summary.csv");
  g_autofree char   *before = NULL, *after = NULL;
  const char *const *commands[] = {
    (const char *[]){ "list", "mice", NULL },
    (const char *[]){ "list", "studies", NULL },
    (const char *[]){ "import", "mice", csv, NULL },
    (const char *[]){ "export", "summary", "--study", "RO-1", "--out", out_csv, NULL },
  };

  damage_mouse_table (lab);
  before = file_checksum (lab);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autoptr (PdxTestRun) run = run_cli_readonly (NULL, lab, commands[i]);
      g_assert_cmpint (run->status, !=, 0);
      g_assert_nonnull (strstr (run->err, "is damaged"));
      g_assert_nonnull (strstr (run->err, "check"));
      g_assert_nonnull (strstr (run->err, "backup"));
    }
  {
    g_autoptr (PdxTestRun) check = run_cli_readonly (NULL, lab, (const char *[]){ "check", NULL });
    g_assert_cmpint (check->status, !=, 0);
    g_assert_nonnull (strstr (check->out, "integrity:"));
  }
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (PdxDb) db = pdx_db_open (lab, PDX_DB_OPEN_EXISTING, &error);
    g_assert_no_error (error);
    g_assert_false (pdx_db_begin (db, &error));
    g_assert_error (error, PDX_DB_ERROR, PDX_DB_ERROR_CORRUPT);
  }
  after = file_checksum (lab);
  g_assert_cmpstr (before, ==, after);
  g_assert_false (g_file_test (out_csv, G_FILE_TEST_EXISTS));
}

/* Finding 7: check never writes. An old-schema lab is reported as needing an upgrade, not
 * migrated (it used to be migrated, with a .bak written beside it). */
static void
test_check_never_writes (void)
{
  g_autofree char *dir = pdx_test_make_tmpdir ();
  g_autofree char *lab = g_build_filename (dir, "old.pdxlab", NULL);
  g_autofree char *before = NULL, *after = NULL;
  g_autoptr (GDir) listing = NULL;
  guint n_files = 0;

  {
    g_autoptr (GError) error = NULL;
    PdxDb *db = pdx_db_open_at_version (lab, 1, &error);
    g_assert_no_error (error);
    g_assert_true (pdx_db_close_checked (db, &error));
  }
  before = file_checksum (lab);
  {
    g_autoptr (PdxTestRun) check = run_cli_readonly (NULL, lab, (const char *[]){ "check", NULL });
    g_assert_cmpint (check->status, !=, 0);
    g_assert_nonnull (strstr (check->out, "schema version 1, expected"));
    g_assert_nonnull (strstr (check->out, "needs an upgrade"));
  }
  after = file_checksum (lab);
  g_assert_cmpstr (before, ==, after);
  /* No .bak; SQLite's reader may leave an empty -wal and the -shm index, never content. */
  listing = g_dir_open (dir, 0, NULL);
  for (const char *name; (name = g_dir_read_name (listing)) != NULL;)
    {
      g_autofree char *full = g_build_filename (dir, name, NULL);
      GStatBuf         st;

      g_assert_false (g_str_has_suffix (name, ".bak"));
      g_assert_cmpint (g_stat (full, &st), ==, 0);
      if (g_str_has_suffix (name, "-wal"))
        g_assert_cmpint (st.st_size, ==, 0);
      n_files++;
    }
  g_assert_cmpuint (n_files, <=, 3);
}

/* A VFS over the default one that fails every write to a main database file while armed: the
 * checkpoint's writes, not the WAL's. Each file is the default VFS's own file object followed
 * by a trailer; its methods are a copy of the default's (one per kind of file) with xWrite
 * wrapped. */
typedef struct
{
  gboolean                  main_db;
  const sqlite3_io_methods *real;
} ShimTrailer;

static sqlite3_vfs              *real_vfs;
static sqlite3_vfs               shim_vfs;
static gboolean                  fail_db_writes;
static sqlite3_io_methods        shim_methods[8];
static const sqlite3_io_methods *shim_real[8];

static ShimTrailer *
shim_trailer (sqlite3_file *file)
{
  return (ShimTrailer *) ((char *) file + ((real_vfs->szOsFile + 15) & ~15));
}

static int
shim_write (sqlite3_file *file, const void *buf, int n, sqlite3_int64 offset)
{
  ShimTrailer *trailer = shim_trailer (file);

  if (trailer->main_db && fail_db_writes)
    return SQLITE_FULL;
  return trailer->real->xWrite (file, buf, n, offset);
}

static int
shim_open (sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags, int *out_flags)
{
  int          rc = real_vfs->xOpen (real_vfs, name, file, flags, out_flags);
  ShimTrailer *trailer = shim_trailer (file);
  guint        i;

  trailer->main_db = (flags & SQLITE_OPEN_MAIN_DB) != 0;
  trailer->real = file->pMethods;
  if (rc != SQLITE_OK || file->pMethods == NULL)
    return rc;
  for (i = 0; i < G_N_ELEMENTS (shim_real) && shim_real[i] != NULL; i++)
    if (shim_real[i] == file->pMethods)
      break;
  g_assert_cmpuint (i, <, G_N_ELEMENTS (shim_real));
  if (shim_real[i] == NULL)
    {
      shim_real[i] = file->pMethods;
      shim_methods[i] = *file->pMethods;
      shim_methods[i].xWrite = shim_write;
    }
  file->pMethods = &shim_methods[i];
  return SQLITE_OK;
}

static void
register_shim_vfs (void)
{
  real_vfs = sqlite3_vfs_find (NULL);
  shim_vfs = *real_vfs;
  shim_vfs.zName = "pdx-test-shim";
  shim_vfs.szOsFile = ((real_vfs->szOsFile + 15) & ~15) + (int) sizeof (ShimTrailer);
  shim_vfs.xOpen = shim_open;
  g_assert_cmpint (sqlite3_vfs_register (&shim_vfs, 1), ==, SQLITE_OK);
}

/* Finding 9: a checkpoint that fails on close (a full disk) is reported, not silent; the
 * committed rows are still in the -wal, and the next open finds them. */
static void
test_checkpoint_failure_reported (void)
{
  g_autofree char *path = NULL;
  g_autofree char *wal = NULL;
  g_autoptr (GError) error = NULL;
  PdxDb   *db;
  GStatBuf st;

  register_shim_vfs ();
  db = pdx_test_new_lab (&path);
  wal = g_strconcat (path, "-wal", NULL);
  for (int i = 0; i < 20; i++)
    {
      g_autofree char *code = g_strdup_printf ("W%02d", i);
      g_assert_cmpint (add_patient (db, code, &error), >, 0);
    }
  fail_db_writes = TRUE;
  g_assert_false (pdx_db_close_checked (db, &error));
  fail_db_writes = FALSE;
  g_assert_error (error, PDX_DB_ERROR, PDX_DB_ERROR_SQLITE);
  g_assert_nonnull (strstr (error->message, "-wal"));
  g_assert_nonnull (strstr (error->message, "saved"));
  g_assert_cmpint (g_stat (wal, &st), ==, 0);
  g_assert_cmpint (st.st_size, >, 0);
  g_clear_error (&error);
  db = pdx_db_open (path, PDX_DB_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pdx_test_count (db, "patient"), ==, 20);
  /* With the disk back, the checkpoint succeeds and empties the -wal. */
  g_assert_true (pdx_db_checkpoint (db, &error));
  g_assert_cmpint (g_stat (wal, &st), ==, 0);
  g_assert_cmpint (st.st_size, ==, 0);
  g_assert_true (pdx_db_close_checked (db, &error));
  g_assert_no_error (error);
  sqlite3_vfs_unregister (&shim_vfs);
}

/* Finding 9 through the CLI: an import whose closing checkpoint fails exits non-zero with the
 * message (it used to exit 0, the rows only in the -wal); the rows are in the lab. */
static void
test_cli_checkpoint_failure (void)
{
  g_autofree char *path = small_closed_lab ();
  g_autofree char *csv =
      pdx_test_write_file ("mice.csv",
                           "study,arm,mouse,cage,sex,implant_date,day0,readout\n"
                           "RO-1,vehicle,N1,C1,F,2024-01-01,2024-01-10,caliper_volume\n",
                           -1);
  g_autofree char *err = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxDb) db = NULL;
  int status;

  register_shim_vfs ();
  fail_db_writes = TRUE;
  status = pdx_test_run_cli (path, &err, "import", "mice", csv, NULL);
  fail_db_writes = FALSE;
  g_assert_cmpint (status, !=, 0);
  g_assert_nonnull (strstr (err, "saved in"));
  g_assert_nonnull (strstr (err, "-wal"));
  g_assert_null (strchr (g_strchomp (err), '\n'));
  db = pdx_db_open (path, PDX_DB_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pdx_test_count (db, "mouse"), ==, 41);
  g_clear_pointer (&db, pdx_db_close);
  sqlite3_vfs_unregister (&shim_vfs);
}

/* The error domains' quark names, as G_DEFINE_QUARK writes them from its unquoted first
 * argument (GLib's "<domain>-quark" convention): a formatter that spaced its hyphens, as
 * clang-format 14 does unless told not to, would change them. */
static void
test_error_quark_names (void)
{
  g_assert_cmpstr (g_quark_to_string (PDX_DB_ERROR), ==, "pdx-db-error-quark");
  g_assert_cmpstr (g_quark_to_string (PDX_IMPORT_ERROR), ==, "pdx-import-error-quark");
  g_assert_cmpstr (g_quark_to_string (PDX_ANALYSIS_ERROR), ==, "pdx-analysis-error-quark");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/db/create", test_create);
  g_test_add_func ("/db/error/quark-names", test_error_quark_names);
  g_test_add_func ("/db/open/missing-file", test_missing_file);
  g_test_add_func ("/db/open/refuse-text-file", test_refuse_text_file);
  g_test_add_func ("/db/open/refuse-binary-file", test_refuse_binary_file);
  g_test_add_func ("/db/open/refuse-foreign-sqlite", test_refuse_foreign_sqlite);
  g_test_add_func ("/db/open/refuse-newer-version", test_refuse_newer);
  g_test_add_func ("/db/migrate/from-v1", test_migrate_from_v1);
  g_test_add_func ("/db/transactions/nested", test_nested_transactions);
  g_test_add_func ("/db/concurrency/second-writer-waits", test_second_writer_waits);
  g_test_add_func ("/db/check/finds-problems", test_check_finds_problems);
  g_test_add_func ("/db/audit/append-only", test_audit_append_only);
  g_test_add_func ("/db/backup", test_backup);
  g_test_add_func ("/db/open/second-connection-keeps-locks", test_second_connection_keeps_locks);
  g_test_add_func ("/db/open/is-lab-file", test_is_lab_file);
  g_test_add_func ("/db/open/refuse-fifo", test_refuse_fifo);
  g_test_add_func ("/db/open/refuse-folder-and-device", test_refuse_folder_and_device);
  g_test_add_func ("/db/open/refuse-empty-file", test_refuse_empty_file);
  g_test_add_func ("/db/open/import-creates-no-lab", test_import_creates_no_lab);
  g_test_add_func ("/db/read-only/folder", test_read_only_folder);
  g_test_add_func ("/db/damaged/refused", test_damaged_lab_refused);
  g_test_add_func ("/db/check/never-writes", test_check_never_writes);
  g_test_add_func ("/db/checkpoint/failure-reported", test_checkpoint_failure_reported);
  g_test_add_func ("/db/checkpoint/cli-failure-exits-non-zero", test_cli_checkpoint_failure);
  return g_test_run ();
}
