/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-migrate.c — schema 4 to 5 (issue 13): the demo lab of the schema-4 release with a review
 * and a lock (fixtures/lab-v4/demo-v4.sql.gz, made by its make-fixture.sh with that release's
 * CLI) upgraded: every row and id kept, the study table rebuilt with 'terminated' allowed, the
 * status history and the measurement's exclusion there and guarded, check and audit verify
 * clean, the lock still holding; and the upgrade is one transaction: a fault at every write,
 * sync and truncate it makes leaves the schema-4 lab as it was (or, past the commit, whole;
 * PDX_FAULT_SWEEP=full for every point, else those of the upgrade's transaction and a spread). */
#include "pdx-test-util.h"
#include "pdx-test-vfs.h"
#include "store/pdx-store-private.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

/* Writes the schema-4 fixture as a lab at @path with plain SQLite (no pdxtrack code). */
static void
write_v4_lab (const char *path)
{
  g_autoptr (GError) error = NULL;
  const char *gz = g_test_get_filename (G_TEST_DIST, "fixtures", "lab-v4", "demo-v4.sql.gz", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (gz);
  g_autoptr (GInputStream) raw = G_INPUT_STREAM (g_file_read (file, NULL, &error));
  g_autoptr (GZlibDecompressor) gunzip = NULL;
  g_autoptr (GInputStream) in = NULL;
  g_autoptr (GOutputStream) out = g_memory_output_stream_new_resizable ();
  sqlite3 *handle = NULL;
  char    *message = NULL;

  g_assert_no_error (error);
  gunzip = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  in = g_converter_input_stream_new (raw, G_CONVERTER (gunzip));
  g_assert_cmpint (
      g_output_stream_splice (out, in, G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE, NULL, &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write (out, "", 1, NULL, &error) == 1); /* the NUL */
  g_assert_true (g_output_stream_close (out, NULL, &error));
  g_assert_cmpint (sqlite3_open (path, &handle), ==, SQLITE_OK);
  if (sqlite3_exec (handle, g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out)), NULL,
                    NULL, &message) != SQLITE_OK)
    g_error ("loading the schema-4 fixture: %s", message);
  g_assert_cmpint (sqlite3_exec (handle, "PRAGMA journal_mode = WAL", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_close (handle), ==, SQLITE_OK);
}

/* Every row of every table @handle has, over the columns it has now, in id order: "== table"
 * lines, then one line per row, values quoted as SQL would; the schema's objects first. With
 * @columns_of set (table → its column list, from a snapshot before), only those tables and
 * columns and no schema, so a table with added columns compares with its older self. */
static char *
snapshot (sqlite3 *handle, GHashTable *columns_of_out, GHashTable *columns_of)
{
  GString      *out = g_string_new (NULL);
  sqlite3_stmt *tables = NULL;
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  /* Without @columns_of, the schema itself first: every table, index and trigger. */
  if (columns_of == NULL)
    {
      g_assert_cmpint (sqlite3_prepare_v2 (handle,
                                           "SELECT type || ' ' || name || ': ' || coalesce (sql,"
                                           " '') FROM sqlite_schema ORDER BY name",
                                           -1, &tables, NULL),
                       ==, SQLITE_OK);
      while (sqlite3_step (tables) == SQLITE_ROW)
        g_string_append_printf (out, "%s\n", sqlite3_column_text (tables, 0));
      sqlite3_finalize (tables);
      tables = NULL;
    }

  g_assert_cmpint (sqlite3_prepare_v2 (handle,
                                       "SELECT name FROM sqlite_schema WHERE type = 'table'"
                                       " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
                                       -1, &tables, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (tables) == SQLITE_ROW)
    g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (tables, 0)));
  sqlite3_finalize (tables);
  for (guint i = 0; i < names->len; i++)
    {
      const char      *name = g_ptr_array_index (names, i);
      g_autofree char *list = NULL, *sql = NULL;
      sqlite3_stmt    *rows = NULL;

      if (columns_of)
        {
          if (!g_hash_table_contains (columns_of, name))
            continue; /* a table new in this schema */
          list = g_strdup (g_hash_table_lookup (columns_of, name));
        }
      else
        {
          g_autofree char *info =
              g_strdup_printf ("SELECT group_concat ('quote (' || name || ')', ' || ''|'' || ')"
                               " FROM pragma_table_info ('%s')",
                               name);
          g_assert_cmpint (sqlite3_prepare_v2 (handle, info, -1, &rows, NULL), ==, SQLITE_OK);
          g_assert_cmpint (sqlite3_step (rows), ==, SQLITE_ROW);
          list = g_strdup ((const char *) sqlite3_column_text (rows, 0));
          sqlite3_finalize (rows);
          g_hash_table_insert (columns_of_out, g_strdup (name), g_strdup (list));
        }
      sql = g_strdup_printf ("SELECT %s FROM \"%s\" ORDER BY rowid", list, name);
      g_string_append_printf (out, "== %s\n", name);
      g_assert_cmpint (sqlite3_prepare_v2 (handle, sql, -1, &rows, NULL), ==, SQLITE_OK);
      while (sqlite3_step (rows) == SQLITE_ROW)
        g_string_append_printf (out, "%s\n", sqlite3_column_text (rows, 0));
      g_assert_cmpint (sqlite3_finalize (rows), ==, SQLITE_OK);
    }
  return g_string_free (out, FALSE);
}

/* The snapshot of the lab file @path (plain SQLite, read-only), and its user_version. */
static char *
file_snapshot (const char *path, GHashTable *columns_of_out, GHashTable *columns_of, int *version)
{
  sqlite3      *handle = NULL;
  sqlite3_stmt *stmt = NULL;
  char         *snap;

  g_assert_cmpint (sqlite3_open_v2 (path, &handle, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (handle, "PRAGMA user_version", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  *version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  snap = snapshot (handle, columns_of_out, columns_of);
  sqlite3_close (handle);
  return snap;
}

static GHashTable *
new_columns_of (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/* Runs @sql on @db's connection; returns SQLite's message (owned) or NULL when it succeeded. */
static char *
try_sql (PdxDb *db, const char *sql)
{
  char *message = NULL;
  char *copy;

  if (sqlite3_exec (pdx_db_get_handle (db), sql, NULL, NULL, &message) == SQLITE_OK)
    return NULL;
  copy = g_strdup (message ? message : "?");
  sqlite3_free (message);
  return copy;
}

/* Asserts @sql is refused with a message containing @expected, the lab unchanged. */
static void
assert_refused (PdxDb *db, const char *sql, const char *expected)
{
  g_autofree char *before = pdx_test_dump_hash (db);
  g_autofree char *message = try_sql (db, sql);
  g_autofree char *after = pdx_test_dump_hash (db);

  g_test_message ("%s", sql);
  g_assert_nonnull (message);
  if (strstr (message, expected) == NULL)
    g_error ("'%s' refused with '%s', expected '%s'", sql, message, expected);
  g_assert_cmpstr (before, ==, after);
}

static void
assert_clean (PdxDb *db)
{
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  gboolean ok = pdx_db_check (db, problems, &error);

  for (guint i = 0; i < problems->len; i++)
    g_test_message ("check: %s", (const char *) g_ptr_array_index (problems, i));
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_true (pdx_audit_verify (db, NULL, NULL, &error));
  g_assert_no_error (error);
}

/* The fixture's facts, counted by hand from make-fixture.sh's lab (`sqlite3 … "SELECT count
 * (*) …"` on the schema-4 release's file): 4 studies, ICR-023-B (id 2) locked by signature 2,
 * ICR-031-D (id 4) planned; 1,441 measurements; 1,715 audit entries. */
static void
test_from_v4 (void)
{
  g_autofree char *dir = pdx_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "v4.pdxlab", NULL);
  g_autofree char *backup = g_strconcat (path, ".v4.bak", NULL);
  g_autoptr (GHashTable) columns_of = new_columns_of ();
  g_autofree char *before = NULL, *after = NULL, *v = NULL, *studies = NULL, *sql = NULL;
  g_autoptr (GHashTable) unused = new_columns_of ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxDb) db = NULL;
  int version = 0;

  write_v4_lab (path);
  g_free (file_snapshot (path, columns_of, NULL, &version));
  before = file_snapshot (path, unused, columns_of, &version);
  g_assert_cmpint (version, ==, 4);
  db = pdx_db_open (path, PDX_DB_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (backup, G_FILE_TEST_EXISTS));
  v = pdx_test_query_string (db, "PRAGMA user_version");
  /* Through schema 5 and on to the newest (6: IVIS imaging). */
  g_assert_cmpstr (v, ==, G_STRINGIFY (PDX_DB_SCHEMA_VERSION));
  g_free (v);
  v = pdx_test_query_string (db, "PRAGMA foreign_keys");
  g_assert_cmpstr (v, ==, "1");
  g_free (v);
  v = pdx_test_query_string (db, "SELECT count (*) FROM pragma_foreign_key_check");
  g_assert_cmpstr (v, ==, "0");

  /* Every row of every schema-4 table, every id, every value; no audit entry written. */
  after = snapshot (pdx_db_get_handle (db), unused, columns_of);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (pdx_test_count (db, "measurement"), ==, 1441);
  g_assert_cmpint (pdx_test_count (db, "audit_log"), ==, 1715);
  g_assert_cmpint (pdx_test_count (db, "study_status_change"), ==, 0);
  g_free (v);
  v = pdx_test_query_string (db, "SELECT count (*) FROM measurement WHERE excluded = 0"
                                 " AND exclusion_reason IS NULL");
  g_assert_cmpstr (v, ==, "1441");
  studies = pdx_test_query_string (db, "SELECT group_concat (id || ':' || code || ':' || status"
                                       " || ':' || coalesce (lock_signature_id, '-'), ' ')"
                                       " FROM (SELECT * FROM study ORDER BY id)");
  g_assert_cmpstr (studies, ==,
                   "1:ICR-017-A:completed:- 2:ICR-023-B:completed:2 3:MFP-031-C:completed:- "
                   "4:ICR-031-D:planned:-");
  /* The schema is a new lab's, object for object (check compares), the chain verifies. */
  assert_clean (db);

  /* The study's status: 'terminated' now allowed, only after a dated change with its reason,
   * in date order. */
  pdx_db_set_reason (db, "test: the study's life");
  assert_refused (db, "UPDATE study SET status = 'active' WHERE id = 4",
                  "a study's status changes only with a dated status change");
  assert_refused (db,
                  "INSERT INTO study_status_change (study_id, status, date)"
                  " VALUES (4, 'terminated', '2026-06-01')",
                  "CHECK constraint failed");
  assert_refused (db,
                  "INSERT INTO study_status_change (study_id, status, date, reason)"
                  " VALUES (4, 'paused', '2026-06-01', 'x')",
                  "CHECK constraint failed");
  assert_refused (db,
                  "INSERT INTO study_status_change (study_id, status, date)"
                  " VALUES (4, 'active', '2026-13-01')",
                  "CHECK constraint failed");
  g_assert_null (try_sql (db, "INSERT INTO study_status_change (study_id, status, date)"
                              " VALUES (4, 'active', '2026-05-18');"
                              "UPDATE study SET status = 'active' WHERE id = 4"));
  assert_refused (db,
                  "INSERT INTO study_status_change (study_id, status, date, reason)"
                  " VALUES (4, 'terminated', '2026-05-17', 'funding')",
                  "a status change is dated before the study's change before it");
  g_assert_null (try_sql (db, "INSERT INTO study_status_change (study_id, status, date, reason)"
                              " VALUES (4, 'terminated', '2026-06-01', 'funding withdrawn');"
                              "UPDATE study SET status = 'terminated' WHERE id = 4"));
  g_free (v);
  v = pdx_test_query_string (db, "SELECT status FROM study WHERE id = 4");
  g_assert_cmpstr (v, ==, "terminated");
  /* Audited: the two changes and the study's update, each with the reason. */
  g_free (v);
  v = pdx_test_query_string (db, "SELECT group_concat (table_name || ':' || action || ':' ||"
                                 " reason, ' ') FROM (SELECT * FROM audit_log WHERE id > 1715"
                                 " ORDER BY id)");
  g_assert_cmpstr (v, ==,
                   "study_status_change:insert:test: the study's life "
                   "study:update:test: the study's life "
                   "study_status_change:insert:test: the study's life "
                   "study:update:test: the study's life");

  /* The locked study refuses its status and its measurements' exclusion. */
  assert_refused (db,
                  "INSERT INTO study_status_change (study_id, status, date)"
                  " VALUES (2, 'active', '2026-07-01')",
                  PDX_SCHEMA_LOCKED_TEXT);
  sql = g_strdup ("UPDATE measurement SET excluded = 1, exclusion_reason = 'imaging failure'"
                  " WHERE id = (SELECT min (m.id) FROM measurement m JOIN mouse mo"
                  " ON mo.id = m.mouse_id WHERE mo.study_id = 2)");
  assert_refused (db, sql, PDX_SCHEMA_LOCKED_TEXT);

  /* One measurement excluded: with its reason, and a reason for the change; both audited. */
  assert_refused (db, "UPDATE measurement SET excluded = 1 WHERE id = 1",
                  "CHECK constraint failed");
  assert_refused (db, "UPDATE measurement SET excluded = 2, exclusion_reason = 'x' WHERE id = 1",
                  "CHECK constraint failed");
  pdx_db_set_reason (db, NULL);
  assert_refused (db,
                  "UPDATE measurement SET excluded = 1, exclusion_reason = 'luciferin mis-injected'"
                  " WHERE id = 1",
                  "changing or deleting a saved measurement needs a reason");
  pdx_db_set_reason (db, "test: one bad measurement");
  g_assert_null (try_sql (db, "UPDATE measurement SET excluded = 1,"
                              " exclusion_reason = 'luciferin mis-injected' WHERE id = 1"));
  g_free (v);
  v = pdx_test_query_string (db, "SELECT (old_values ->> '$.excluded') || '>' ||"
                                 " (new_values ->> '$.excluded') || ':' ||"
                                 " (new_values ->> '$.exclusion_reason') || ':' || reason"
                                 " FROM audit_log WHERE table_name = 'measurement' AND row_id = 1"
                                 " ORDER BY id DESC LIMIT 1");
  g_assert_cmpstr (v, ==, "0>1:luciferin mis-injected:test: one bad measurement");
  pdx_db_set_reason (db, NULL);
  assert_clean (db);
  /* The trail still catches a change made outside it on a measurement whose newest entry
   * predates the column (excluded set by a writer without the audit trigger); and a writer without
   * the CHECKs excluding one without a reason: check names it. */
  g_assert_null (try_sql (db, "DROP TRIGGER audit_measurement_update;"
                              "UPDATE measurement SET excluded = 1, exclusion_reason = 'x'"
                              " WHERE id = 2; PRAGMA ignore_check_constraints = ON;"
                              "UPDATE measurement SET excluded = 1 WHERE id = 3;"
                              "PRAGMA ignore_check_constraints = OFF"));
  {
    g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
    gboolean found = FALSE, reasonless = FALSE;

    g_assert_false (pdx_db_check (db, problems, NULL));
    for (guint i = 0; i < problems->len; i++)
      {
        const char *p = g_ptr_array_index (problems, i);
        found = found || strstr (p, "measurement 2 is not what its newest audit entry") != NULL;
        reasonless = reasonless || (g_str_has_prefix (p, "exclusion: measurement 3 of mouse") &&
                                    strstr (p, "is excluded without a reason") != NULL);
      }
    g_assert_true (found);
    g_assert_true (reasonless);
  }
}

/* Schema 7 to 8 (issue 16): the fixture opened up to schema 7 (as that release left it), then
 * upgraded: every row and value kept, no audit entry written, the lineage's tables there and
 * empty, every mouse's graft_id NULL, check and audit verify clean; then a graft, a vial and a
 * thaw written and audited like any other row, and a mouse linked to a graft of its study's
 * line (another line's refused). */
static void
test_from_v7 (void)
{
  g_autofree char *dir = pdx_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "v7.pdxlab", NULL);
  g_autoptr (GHashTable) columns_of = new_columns_of ();
  g_autoptr (GHashTable) unused = new_columns_of ();
  g_autofree char *before = NULL, *after = NULL, *v = NULL, *sql = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxDb) db = NULL;
  gint64 audit_before = 0, line = 0, study = 0;
  int    version = 0;

  write_v4_lab (path);
  {
    g_autoptr (PdxDb) old = pdx_db_open_at_version (path, 7, &error);
    g_assert_no_error (error);
    g_assert_nonnull (old);
    audit_before = pdx_test_count (old, "audit_log");
  }
  g_free (file_snapshot (path, columns_of, NULL, &version));
  g_assert_cmpint (version, ==, 7);
  before = file_snapshot (path, unused, columns_of, &version);
  db = pdx_db_open (path, PDX_DB_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  v = pdx_test_query_string (db, "PRAGMA user_version");
  g_assert_cmpstr (v, ==, "8");
  after = snapshot (pdx_db_get_handle (db), unused, columns_of);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (pdx_test_count (db, "audit_log"), ==, audit_before);
  g_assert_cmpint (pdx_test_count (db, "graft"), ==, 0);
  g_assert_cmpint (pdx_test_count (db, "vial"), ==, 0);
  g_assert_cmpint (pdx_test_count (db, "thaw"), ==, 0);
  g_free (v);
  v = pdx_test_query_string (db, "SELECT count (*) FROM mouse WHERE graft_id IS NOT NULL");
  g_assert_cmpstr (v, ==, "0");
  assert_clean (db);

  /* The new tables are audited; a mouse takes a graft of its study's line. */
  g_free (v);
  v = pdx_test_query_string (db, "SELECT line_id || ' ' || id FROM study WHERE line_id IS NOT NULL"
                                 " AND lock_signature_id IS NULL ORDER BY id LIMIT 1");
  g_assert_nonnull (v);
  g_assert_cmpint (sscanf (v, "%" G_GINT64_FORMAT " %" G_GINT64_FORMAT, &line, &study), ==, 2);
  sql = g_strdup_printf (
      "INSERT INTO graft (line_id, passage, implant_date, material, outcome, detected_date,"
      " harvest_date) VALUES (%" G_GINT64_FORMAT ", 0, '2025-01-06', 'fragment', 'take',"
      " '2025-02-10', '2025-03-03');"
      "INSERT INTO vial (line_id, passage, graft_id, material, frozen_date, box, box_size,"
      " position_row, position_col) VALUES (%" G_GINT64_FORMAT ", 0, 1, 'fragment',"
      " '2025-03-03', 'B1', 10, 10, 10);"
      "INSERT INTO thaw (vial_id, date) VALUES (1, '2025-06-02');"
      "UPDATE vial SET status = 'thawed' WHERE id = 1;"
      "UPDATE mouse SET graft_id = 1 WHERE id = (SELECT min (id) FROM mouse WHERE study_id = %" G_GINT64_FORMAT
      ")",
      line, line, study);
  g_assert_null (try_sql (db, sql));
  g_free (v);
  v = pdx_test_query_string (db, "SELECT group_concat (table_name || ':' || action, ' ') FROM"
                                 " (SELECT * FROM audit_log WHERE table_name IN ('graft', 'vial',"
                                 " 'thaw', 'mouse') AND action != 'import' ORDER BY id DESC"
                                 " LIMIT 5)");
  g_assert_cmpstr (v, ==, "mouse:update vial:update thaw:insert vial:insert graft:insert");
  g_free (sql);
  sql = g_strdup_printf ("UPDATE mouse SET graft_id = 1 WHERE study_id IN (SELECT id FROM study"
                         " WHERE line_id IS NOT %" G_GINT64_FORMAT
                         " AND line_id IS NOT NULL AND lock_signature_id IS NULL)",
                         line);
  assert_refused (db, sql, "the mouse's graft is of another line than its study");
  assert_clean (db);
}

/* The upgrade is one transaction: the Nth write, sync or truncate of opening the schema-4 lab
 * fails, for every N the upgrade makes; each time the lab is the schema-4 lab it was, row for
 * row, or (a fault after the commit reached the disk) the whole schema-5 lab. */
static void
test_from_v4_fault (void)
{
  g_autofree char *dir = pdx_test_make_tmpdir ();
  g_autofree char *v4 = g_build_filename (dir, "v4.pdxlab", NULL);
  g_autofree char *lab = g_build_filename (dir, "lab.pdxlab", NULL);
  g_autoptr (GHashTable) columns_of = new_columns_of ();
  g_autoptr (GHashTable) unused = new_columns_of ();
  g_autofree char *want = NULL, *want_data = NULL;
  guint            total = 0, n_failed = 0;
  int              version = 0;

  write_v4_lab (v4);
  want = file_snapshot (v4, columns_of, NULL, &version);
  want_data = file_snapshot (v4, unused, columns_of, &version);
  pdx_test_vfs_install ();
  for (guint n = 0;; n++)
    {
      /* Every point with PDX_FAULT_SWEEP=full; else the last 48 (the upgrade's transaction, its
       * commit and checkpoint come after the backup's page copies) and 16 spread before. */
      if (n > 0 && n + 48 < total && total > 0 &&
          g_strcmp0 (g_getenv ("PDX_FAULT_SWEEP"), "full") != 0 && n % (total / 16 + 1) != 0)
        continue;

      g_autoptr (GError) error = NULL;
      g_autofree char *snap = NULL, *wal = g_strconcat (lab, "-wal", NULL);
      g_autofree char *shm = g_strconcat (lab, "-shm", NULL);
      g_autofree char *bak = g_strconcat (lab, ".v4.bak", NULL);
      PdxDb           *db;
      gboolean         fired;

      g_remove (lab), g_remove (wal), g_remove (shm), g_remove (bak);
      pdx_test_copy_file (v4, lab);
      pdx_test_vfs_start (n, PDX_TEST_FAULT_IOERR);
      db = pdx_db_open (lab, PDX_DB_OPEN_EXISTING, &error);
      fired = pdx_test_vfs_fired ();
      if (n == 0)
        total = pdx_test_vfs_stop ();
      else
        pdx_test_vfs_stop ();
      if (db)
        pdx_db_close (db);
      if (n > 0 && !fired)
        break;
      g_test_message ("fault %u: %s", n, error ? error->message : "opened");
      if (n > 0 && db == NULL)
        n_failed++;
      g_free (file_snapshot (lab, unused, NULL, &version));
      if (version == 4)
        {
          /* As it was: the same schema objects, tables, rows and values. */
          g_assert_nonnull (error);
          snap = file_snapshot (lab, unused, NULL, &version);
          g_assert_cmpstr (snap, ==, want);
          continue;
        }
      /* Upgraded whole: every row kept, and check and audit verify clean. */
      g_assert_cmpint (version, ==, PDX_DB_SCHEMA_VERSION); /* 4 to the newest in one upgrade */
      snap = file_snapshot (lab, unused, columns_of, &version);
      g_assert_cmpstr (snap, ==, want_data);
      {
        g_autoptr (PdxDb) again = pdx_db_open (lab, PDX_DB_OPEN_EXISTING, NULL);
        g_assert_nonnull (again);
        assert_clean (again);
      }
    }
  g_test_message ("%u fault points, %u opens refused, the lab as it was each time", total,
                  n_failed);
  g_assert_cmpuint (n_failed, >, 10);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/migrate/from-v4", test_from_v4);
  g_test_add_func ("/migrate/from-v4-fault", test_from_v4_fault);
  g_test_add_func ("/migrate/from-v7", test_from_v7);
  return g_test_run ();
}
