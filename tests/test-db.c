/* test-db.c — the lab file: creation, refusal of foreign or newer files (left untouched),
 * migration with a backup, nested transactions, busy waiting, integrity check. (A killed writer:
 * test-faults-kill.c.) */
#include "pdx-test-util.h"
#include "../app/core/pdx-db-private.h"

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
  for (const char *const *t = (const char *const[]) { "patient", "tumour_sample", "line", "study",
                                                      "arm", "agent", "mouse", "measurement",
                                                      "endpoint", "audit_log", NULL }; *t; t++)
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
  gsize before_len, after_len;
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
  g_autofree char *path = pdx_test_write_file ("notes.pdxlab", "study,arm,mouse\nS1,vehicle,1\n", -1);
  assert_refused_untouched (path, PDX_DB_ERROR_NOT_A_LAB);
}

static void
test_refuse_binary_file (void)
{
  static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10";
  g_autofree char *path = pdx_test_write_file ("image.pdxlab", png, sizeof png - 1);
  assert_refused_untouched (path, PDX_DB_ERROR_NOT_A_LAB);
}

static char *
make_sqlite_file (const char *sql)
{
  g_autofree char *dir = pdx_test_make_tmpdir ();
  char *path = g_build_filename (dir, "other.db", NULL);
  sqlite3 *handle = NULL;

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

  {
    g_autoptr (PdxDb) db = pdx_test_new_lab (&path);
  }
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
    study_col = pdx_test_query_string (db, "SELECT study_id FROM audit_log WHERE table_name = 'mouse'");
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
  char *path;
  GMutex lock;
  GCond cond;
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
  GThread *thread;
  gint64 start;

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
  g_assert_true (pdx_db_exec (db, "DROP TRIGGER audit_study_insert;"
                                  "INSERT INTO study (code, readout, day0) "
                                  "VALUES ('ROGUE', 'bli_flux', '2024-01-01')", &error));
  g_assert_false (pdx_db_check (db, problems, &error));
  g_assert_error (error, PDX_DB_ERROR, PDX_DB_ERROR_INVALID);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 0), "no audit entry"));
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

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/db/create", test_create);
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
  return g_test_run ();
}
