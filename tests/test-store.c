/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-store.c — the store interface (store/pdx-store.h) as a module above the store sees it:
 * statements, bindings, columns, errors as PdxDbError codes, the cache, the bulk write. */
#include "pdx-test-util.h"
#include "store/pdx-store.h"
#include "model/pdx-model-sql.h"

#include <string.h>

/* A throwaway lab with a scratch table of every column kind, a unique name, a CHECK and a
 * foreign key to itself. */
static PdxDb *
scratch_lab (void)
{
  g_autoptr (GError) error = NULL;
  PdxDb *db = pdx_db_open (":memory:", PDX_DB_OPEN_CREATE, &error);

  g_assert_no_error (error);
  g_assert_true (pdx_db_exec (db,
                              "CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER, x REAL,"
                              " name TEXT UNIQUE, data BLOB, parent INTEGER REFERENCES t (id),"
                              " CHECK (n IS NULL OR n >= 0))",
                              &error));
  g_assert_no_error (error);
  return db;
}

/* Every binding kind written, read back through every getter; ids and counts from the store. */
static void
test_round_trip (void)
{
  g_autoptr (PdxDb) db = scratch_lab ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxStmt) insert = pdx_db_prepare_once (
      db, "INSERT INTO t (n, x, name, data, parent) VALUES (?, ?, ?, ?, ?)", &error);
  g_autoptr (PdxStmt) select = NULL;
  char               *name = g_strdup ("first");
  static const guint8 bytes[] = { 0, 1, 2, 255 };
  gconstpointer       blob;
  gsize               size = 0;

  g_assert_no_error (error);
  pdx_stmt_bind_int64 (insert, 1, G_GINT64_CONSTANT (5000000000));
  pdx_stmt_bind_double (insert, 2, 2.5);
  pdx_stmt_bind_text_copy (insert, 3, name);
  g_free (name); /* copied: the row must still say "first" */
  pdx_stmt_bind_blob (insert, 4, bytes, sizeof bytes);
  pdx_stmt_bind_null (insert, 5);
  g_assert_true (pdx_stmt_run (insert, "adding", &error));
  g_assert_cmpint (pdx_db_last_insert_id (db), ==, 1); /* the first row of a fresh table */
  pdx_stmt_clear_bindings (insert);
  pdx_stmt_bind_text (insert, 3, "second");
  pdx_stmt_bind_int64 (insert, 5, 1);
  g_assert_true (pdx_stmt_run (insert, "adding", &error));
  g_assert_cmpint (pdx_db_last_insert_id (db), ==, 2);
  g_assert_true (pdx_db_exec (db, "UPDATE t SET x = 1", &error));
  g_assert_cmpint (pdx_db_changes (db), ==, 2);

  select = pdx_db_prepare_once (db, "SELECT n, x, name, data, parent FROM t ORDER BY id", &error);
  g_assert_cmpint (pdx_stmt_step (select, &error), ==, PDX_STEP_ROW);
  g_assert_cmpint (pdx_stmt_column_type (select, 0), ==, PDX_COLUMN_INTEGER);
  g_assert_cmpint (pdx_stmt_column_int64 (select, 0), ==, G_GINT64_CONSTANT (5000000000));
  g_assert_cmpint (pdx_stmt_column_type (select, 1), ==, PDX_COLUMN_REAL);
  g_assert_cmpfloat (pdx_stmt_column_double (select, 1), ==, 1.0);
  g_assert_cmpstr (pdx_stmt_column_text (select, 2), ==, "first");
  g_assert_cmpint (pdx_stmt_column_type (select, 3), ==, PDX_COLUMN_BLOB);
  blob = pdx_stmt_column_blob (select, 3, &size);
  g_assert_cmpmem (blob, size, bytes, sizeof bytes);
  g_assert_true (pdx_stmt_column_is_null (select, 4));
  g_assert_cmpint (pdx_stmt_step (select, &error), ==, PDX_STEP_ROW);
  g_assert_true (pdx_stmt_column_is_null (select, 0)); /* cleared: unbound is NULL */
  g_assert_null (pdx_stmt_column_text (select, 0));
  g_assert_cmpstr (pdx_stmt_column_text (select, 2), ==, "second");
  g_assert_cmpint (pdx_stmt_column_int (select, 4), ==, 1);
  g_assert_cmpint (pdx_stmt_step (select, &error), ==, PDX_STEP_DONE);
  g_assert_no_error (error);
}

/* A refused row is named by kind: a taken name, a missing parent, a broken CHECK. step gives
 * the bare reason, run and pdx_db_step_error() prefix what was being done. */
static void
test_refused_rows (void)
{
  g_autoptr (PdxDb) db = scratch_lab ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxStmt) insert =
      pdx_db_prepare_once (db, "INSERT INTO t (name, parent, n) VALUES (?, ?, ?)", NULL);

  pdx_stmt_bind_text (insert, 1, "a");
  g_assert_true (pdx_stmt_run (insert, "adding", &error));
  g_assert_cmpint (pdx_stmt_step (insert, &error), ==, PDX_STEP_ERROR);
  g_assert_error (error, PDX_DB_ERROR, PDX_DB_ERROR_DUPLICATE);
  g_assert_true (
      g_str_has_prefix (error->message, "already exists (UNIQUE constraint failed: t.name"));
  pdx_stmt_reset (insert);
  g_clear_error (&error);

  pdx_stmt_bind_text (insert, 1, "b");
  pdx_stmt_bind_int64 (insert, 2, 99);
  g_assert_false (pdx_stmt_run (insert, "adding b", &error));
  g_assert_error (error, PDX_DB_ERROR, PDX_DB_ERROR_IN_USE);
  g_assert_cmpstr (
      error->message, ==,
      "adding b: refers to a row that does not exist, or is referred to by other rows");
  g_clear_error (&error);

  pdx_stmt_clear_bindings (insert);
  pdx_stmt_bind_text (insert, 1, "c");
  pdx_stmt_bind_int64 (insert, 3, -1);
  g_assert_cmpint (pdx_stmt_step (insert, NULL), ==, PDX_STEP_ERROR);
  g_assert_false (pdx_db_step_error (db, &error, "adding c"));
  g_assert_error (error, PDX_DB_ERROR, PDX_DB_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "adding c: CHECK constraint failed"));
  g_assert_nonnull (strstr (pdx_db_get_error_message (db), "CHECK constraint failed"));
  pdx_stmt_reset (insert);
  g_assert_cmpint (pdx_test_count (db, "t"), ==, 1);
}

/* A lab opened for reading refuses a write statement as READ_ONLY, and bad SQL fails to
 * prepare with the store's own code. */
static void
test_read_only_and_bad_sql (void)
{
  g_autofree char *path = NULL;
  g_autoptr (PdxDb) writer = pdx_test_new_lab (&path);
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxDb) reader = pdx_db_open (path, PDX_DB_OPEN_READONLY, &error);
  g_autoptr (PdxStmt) stmt = NULL;

  g_assert_no_error (error);
  g_assert_null (pdx_db_prepare (reader, "SELEKT 1", &error));
  g_assert_error (error, PDX_DB_ERROR, PDX_DB_ERROR_SQLITE);
  g_assert_true (g_str_has_prefix (error->message, "preparing a query: "));
  g_clear_error (&error);
  stmt = pdx_db_prepare_once (reader, "INSERT INTO line (code) VALUES ('L1')", &error);
  g_assert_no_error (error);
  g_assert_false (pdx_stmt_run (stmt, "adding a line", &error));
  g_assert_error (error, PDX_DB_ERROR, PDX_DB_ERROR_READ_ONLY);
  g_assert_true (g_str_has_prefix (error->message, "adding a line: "));
  g_assert_true (
      g_str_has_suffix (error->message, " (the lab is open read-only; nothing was changed)"));
}

/* The cache hands out one statement per SQL text, reset with its bindings cleared; freeing a
 * cached statement only resets it. */
static void
test_cache (void)
{
  g_autoptr (PdxDb) db = scratch_lab ();
  static const char sql[] = "SELECT ?";
  PdxStmt          *first = pdx_db_prepare (db, sql, NULL);
  PdxStmt          *again;

  pdx_stmt_bind_int64 (first, 1, 7);
  g_assert_cmpint (pdx_stmt_step (first, NULL), ==, PDX_STEP_ROW);
  g_assert_cmpint (pdx_stmt_column_int64 (first, 0), ==, 7);
  pdx_stmt_free (first); /* reset, not freed: the cache still holds it */
  g_assert_cmpint (pdx_stmt_step (first, NULL), ==, PDX_STEP_ROW);
  g_assert_cmpint (pdx_stmt_column_int64 (first, 0), ==, 7); /* bindings kept by a reset */
  again = pdx_db_prepare (db, sql, NULL);
  g_assert_true (again == first);
  g_assert_cmpint (pdx_stmt_step (again, NULL), ==, PDX_STEP_ROW);
  g_assert_true (pdx_stmt_column_is_null (again, 0)); /* cleared by prepare */
  pdx_stmt_reset (again);
}

/* The cache keys by the SQL's text, on a copy of its own: a text built at run time and freed
 * after its statement ran finds the same statement when built again (under ASan, a cache that
 * kept the caller's pointer reads freed memory on the second lookup). */
static void
test_cache_built_sql (void)
{
  g_autoptr (PdxDb) db = scratch_lab ();
  char    *sql = g_strdup_printf ("SELECT ? + %d", 1);
  PdxStmt *first = pdx_db_prepare (db, sql, NULL), *again, *other;

  g_assert_nonnull (first);
  memset (sql, 'x', strlen (sql)); /* the caller reuses its buffer… */
  g_free (sql);                    /* …and frees it */
  sql = g_strdup_printf ("SELECT ? + %d", 2);
  other = pdx_db_prepare (db, sql, NULL);
  g_free (sql);
  sql = g_strdup_printf ("SELECT ? + %d", 1);
  again = pdx_db_prepare (db, sql, NULL);
  g_free (sql);
  g_assert_true (again == first);
  g_assert_true (other != first);
  pdx_stmt_bind_int64 (again, 1, 41);
  g_assert_cmpint (pdx_stmt_step (again, NULL), ==, PDX_STEP_ROW);
  g_assert_cmpint (pdx_stmt_column_int64 (again, 0), ==, 42);
  pdx_stmt_reset (again);
}

static char *
trigger_names (PdxDb *db)
{
  return pdx_test_query_string (db, "SELECT group_concat (name, ',') FROM (SELECT name FROM"
                                    " sqlite_schema WHERE type = 'trigger' AND tbl_name ="
                                    " 'measurement' AND name LIKE '%insert' ORDER BY name)");
}

/* Writes one measurement through @stmt (parameters of the model's insert). */
static PdxStep
write_weight (PdxStmt *stmt, gint64 mouse_id, const char *date, double weight_g, GError **error)
{
  PdxStep step;

  pdx_stmt_clear_bindings (stmt);
  pdx_stmt_bind_int64 (stmt, 1, mouse_id);
  pdx_stmt_bind_text (stmt, 2, date);
  pdx_stmt_bind_text (stmt, 3, "tester");
  pdx_stmt_bind_double (stmt, 10, weight_g);
  step = pdx_stmt_step (stmt, error);
  pdx_stmt_reset (stmt);
  return step;
}

/* The bulk write: foreign keys off only outside a transaction; inside it, rows write no audit
 * entry of their own and skip the CHECKs and the date rule (the importer checks them); a
 * duplicate is still refused as one; afterwards every rule is back, for the statement the bulk
 * write used as well. */
static void
test_bulk (void)
{
  g_autoptr (PdxDb) db = pdx_test_new_lab (NULL);
  g_autoptr (GError) error = NULL;
  gint64           study = pdx_test_add_study (db, "S1", PDX_READOUT_CALIPER_VOLUME, "2024-03-15");
  gint64           mouse = pdx_test_add_mouse (db, study, 0, "M1", "2024-03-01");
  const char      *sql = pdx_entity_get_insert_sql (PDX_TABLE_MEASUREMENT);
  g_autofree char *triggers = trigger_names (db);
  g_autofree char *during = NULL, *after = NULL, *keys = NULL;
  gint64           audit_before = pdx_test_count (db, "audit_log");
  gboolean         prepared = FALSE;
  PdxStmt         *bulk;

  g_assert_cmpstr (triggers, ==,
                   "audit_measurement_insert,lock_measurement_insert,measurement_dates_insert");
  g_assert_true (pdx_db_begin (db, &error));
  g_assert_true (pdx_db_bulk_prepare (db, &prepared, &error));
  g_assert_false (prepared); /* inside a transaction the keys cannot be switched */
  pdx_db_rollback (db);

  g_assert_true (pdx_db_bulk_prepare (db, &prepared, &error));
  g_assert_true (prepared);
  keys = pdx_test_query_string (db, "PRAGMA foreign_keys");
  g_assert_cmpstr (keys, ==, "0");
  g_assert_true (pdx_db_begin (db, &error));
  bulk = pdx_db_bulk_begin (db, sql, &error);
  g_assert_no_error (error);
  during = trigger_names (db);
  g_assert_cmpstr (during, ==, NULL);
  g_assert_true (pdx_db_get_bulk (db));
  g_assert_cmpint (write_weight (bulk, mouse, "2024-03-20", 20.5, &error), ==, PDX_STEP_DONE);
  /* -1 g breaks a CHECK, 2024-02-01 the date rule: both the importer's to refuse here. */
  g_assert_cmpint (write_weight (bulk, mouse, "2024-02-01", -1, &error), ==, PDX_STEP_DONE);
  g_assert_cmpint (write_weight (bulk, mouse, "2024-03-20", 21, &error), ==, PDX_STEP_ERROR);
  g_assert_error (error, PDX_DB_ERROR, PDX_DB_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_cmpint (pdx_test_count (db, "audit_log"), ==, audit_before);
  g_assert_true (pdx_db_bulk_end (db, TRUE, &error));
  g_assert_false (pdx_db_get_bulk (db));
  after = trigger_names (db);
  g_assert_cmpstr (after, ==, triggers);
  pdx_db_rollback (db);
  pdx_db_bulk_finish (db, prepared);
  g_free (keys);
  keys = pdx_test_query_string (db, "PRAGMA foreign_keys");
  g_assert_cmpstr (keys, ==, "1");

  /* The same cached statement checks again: a CHECK, the date rule, the mouse's existence. */
  bulk = pdx_db_prepare (db, sql, NULL);
  g_assert_cmpint (write_weight (bulk, mouse, "2024-03-21", -1, &error), ==, PDX_STEP_ERROR);
  g_assert_error (error, PDX_DB_ERROR, PDX_DB_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (write_weight (bulk, mouse, "2024-02-01", 20, &error), ==, PDX_STEP_ERROR);
  g_assert_nonnull (strstr (error->message, "before the mouse's implant date"));
  g_clear_error (&error);
  g_assert_cmpint (write_weight (bulk, mouse + 100, "2024-03-21", 20, &error), ==, PDX_STEP_ERROR);
  g_assert_error (error, PDX_DB_ERROR, PDX_DB_ERROR_IN_USE);
  g_clear_error (&error);
  g_assert_cmpint (pdx_test_count (db, "measurement"), ==, 0);
  /* And a row written outside a bulk write is audited. */
  g_assert_cmpint (write_weight (bulk, mouse, "2024-03-21", 20, &error), ==, PDX_STEP_DONE);
  g_assert_cmpint (pdx_test_count (db, "audit_log"), ==, audit_before + 1);
}

/* A bulk write that failed: ending it with @ok FALSE leaves the triggers to the rollback, and
 * after the rollback they are all there. */
static void
test_bulk_failed (void)
{
  g_autoptr (PdxDb) db = pdx_test_new_lab (NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *triggers = trigger_names (db);
  g_autofree char *after = NULL;
  gboolean         prepared = FALSE;

  g_assert_true (pdx_db_bulk_prepare (db, &prepared, &error));
  g_assert_true (pdx_db_begin (db, &error));
  g_assert_nonnull (
      pdx_db_bulk_begin (db, pdx_entity_get_insert_sql (PDX_TABLE_MEASUREMENT), &error));
  g_assert_false (pdx_db_bulk_end (db, FALSE, &error));
  g_assert_no_error (error);
  pdx_db_rollback (db);
  pdx_db_bulk_finish (db, prepared);
  after = trigger_names (db);
  g_assert_cmpstr (after, ==, triggers);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/store/round-trip", test_round_trip);
  g_test_add_func ("/store/refused-rows", test_refused_rows);
  g_test_add_func ("/store/read-only-and-bad-sql", test_read_only_and_bad_sql);
  g_test_add_func ("/store/cache", test_cache);
  g_test_add_func ("/store/cache-built-sql", test_cache_built_sql);
  g_test_add_func ("/store/bulk", test_bulk);
  g_test_add_func ("/store/bulk-failed", test_bulk_failed);
  return g_test_run ();
}
