/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-audit-tamper.c — the audit trail's hash chain (docs/audit-trail.md): the chain against
 * an independent implementation (tests/audit-chain.py, python3 hashlib), the upgrade of a
 * schema-2 lab, seals, and the tampering an inspector's adversary would try with plain SQLite,
 * each caught by check or by `audit verify --seal`. */
#include "pdx-test-util.h"
#include "pdx-test-cli.h"
#include "store/pdx-store-private.h"

#include <string.h>
#include <glib/gstdio.h>

/* A demo lab in a file of its own; its path in *@path. */
static PdxDb *
demo_lab_file (char **path)
{
  g_autoptr (GError) error = NULL;
  PdxDb         *db = pdx_test_new_lab (path);
  PdxDemoOptions options = { .seed = 7 };

  g_assert_true (pdx_demo_generate (db, &options, &error));
  g_assert_no_error (error);
  return db;
}

/* Runs tests/audit-chain.py on @path: its exit code, its output in *@out. */
static int
python_chain (const char *path, char **out)
{
  const char *script = g_test_get_filename (G_TEST_DIST, "audit-chain.py", NULL);
  const char *argv[] = { "/usr/bin/python3", script, path, NULL };
  g_autoptr (PdxTestRun) run = pdx_test_run_argv (argv, NULL);

  *out = g_strdup (g_strstrip (run->out));
  return run->status;
}

static void
assert_seal_is (PdxDb *db, const char *expected)
{
  g_autoptr (GError) error = NULL;
  PdxAuditSeal     seal;
  g_autofree char *text = NULL;

  g_assert_true (pdx_audit_get_seal (db, &seal, &error));
  g_assert_no_error (error);
  text = g_strdup_printf ("%" G_GINT64_FORMAT " %s", seal.seq, seal.hash);
  g_assert_cmpstr (text, ==, expected);
}

/* Every entry of the demo lab is chained exactly as docs/audit-trail.md says: python3's
 * hashlib over the documented bytes gives every stored hash, and the same seal. */
static void
test_chain_python (void)
{
  g_autofree char *path = NULL, *out = NULL;
  g_autoptr (PdxDb) db = demo_lab_file (&path);
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (pdx_test_count (db, "audit_log WHERE hash IS NULL"), ==, 0);
  g_assert_cmpint (pdx_test_count (db, "audit_log"), >, 1000);
  g_assert_true (pdx_db_checkpoint (db, &error));
  g_assert_cmpint (python_chain (path, &out), ==, 0);
  assert_seal_is (db, out);
  g_assert_true (pdx_audit_verify (db, NULL, NULL, &error));
  g_assert_no_error (error);
}

/* The login goes into operator, the display name beside it into operator_name. */
static void
test_login_and_name (void)
{
  g_autoptr (PdxDb) db = pdx_test_new_lab (NULL);
  g_autofree char *row = NULL;

  pdx_db_set_operator (db, "Dr. R. Okafor");
  pdx_test_add_study (db, "S1", PDX_READOUT_BLI_FLUX, "2026-01-05");
  pdx_db_set_operator (db, NULL);
  pdx_test_add_study (db, "S2", PDX_READOUT_BLI_FLUX, "2026-01-05");
  row = pdx_test_query_string (db, "SELECT group_concat (operator || '|' ||"
                                   " coalesce (operator_name, 'NULL'), ';') FROM audit_log");
  g_assert_cmpstr (pdx_db_get_login (db), ==, g_get_user_name ());
  {
    g_autofree char *expected =
        g_strdup_printf ("%s|Dr. R. Okafor;%s|NULL", g_get_user_name (), g_get_user_name ());
    g_assert_cmpstr (row, ==, expected);
  }
}

/* Seals are read as `audit seal` prints them and as N:HASH; anything else is refused. */
static void
test_seal_parse (void)
{
  static const char hash[] = "3f9a00000000000000000000000000000000000000000000000000000000c2d1";
  static const struct
  {
    const char *text;
    gint64      seq; /* -1: refused */
  } cases[] = {
    { "41233:3f9a00000000000000000000000000000000000000000000000000000000c2d1", 41233 },
    { "41233 3F9A00000000000000000000000000000000000000000000000000000000C2D1", 41233 },
    { " 41,233:3f9a00000000000000000000000000000000000000000000000000000000c2d1 ", 41233 },
    { "0:", 0 },
    { "41233:3f9a", -1 },
    { "41233", -1 },
    { ":3f9a00000000000000000000000000000000000000000000000000000000c2d1", -1 },
    { "x1:3f9a00000000000000000000000000000000000000000000000000000000c2d1", -1 },
    { "1:3f9g00000000000000000000000000000000000000000000000000000000c2d1", -1 },
    { "0:3f9a00000000000000000000000000000000000000000000000000000000c2d1", -1 },
    { "-5:3f9a00000000000000000000000000000000000000000000000000000000c2d1", -1 },
  };

  g_assert_cmpuint (strlen (hash), ==, 64);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      PdxAuditSeal seal;
      gboolean     ok = pdx_audit_seal_parse (cases[i].text, &seal, &error);

      g_test_message ("seal '%s'", cases[i].text);
      if (cases[i].seq < 0)
        {
          g_assert_false (ok);
          g_assert_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE);
          continue;
        }
      g_assert_no_error (error);
      g_assert_true (ok);
      g_assert_cmpint (seal.seq, ==, cases[i].seq);
      g_assert_cmpstr (seal.hash, ==, cases[i].seq ? hash : "");
      {
        g_autofree char *back = pdx_audit_seal_to_string (&seal);
        g_autofree char *expected =
            g_strdup_printf ("%" G_GINT64_FORMAT ":%s", seal.seq, cases[i].seq ? hash : "");
        g_assert_cmpstr (back, ==, expected);
      }
    }
}

/* An empty lab's seal is 0 and no hash, and it verifies. */
static void
test_seal_empty (void)
{
  g_autoptr (PdxDb) db = pdx_test_new_lab (NULL);
  g_autoptr (GError) error = NULL;
  PdxAuditSeal seal;

  g_assert_true (pdx_audit_get_seal (db, &seal, &error));
  g_assert_cmpint (seal.seq, ==, 0);
  g_assert_cmpstr (seal.hash, ==, "");
  g_assert_true (pdx_audit_verify (db, &seal, NULL, &error));
  g_assert_no_error (error);
}

/* A schema-2 lab (its entries' operators typed names) is upgraded: a backup beside it, every
 * entry kept with its id, its name moved to operator_name (operator NULL: no login known),
 * all chained in id order, then one 'migrate' entry saying so. */
static void
test_migrate_from_v2 (void)
{
  g_autofree char *dir = pdx_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "old.pdxlab", NULL);
  g_autofree char *backup = g_strconcat (path, ".v2.bak", NULL);
  g_autofree char *before = NULL, *after = NULL, *out = NULL, *migrate = NULL;
  g_autoptr (GError) error = NULL;

  {
    g_autoptr (PdxDb) old = pdx_db_open_at_version (path, 2, &error);
    g_assert_no_error (error);
    pdx_test_add_study (old, "OLD-1", PDX_READOUT_BLI_FLUX, "2024-02-01");
    /* Entries as schema 2 wrote them: the operator a typed name. */
    g_assert_true (
        pdx_db_exec (old,
                     "INSERT INTO audit_log (operator, table_name, row_id, action, new_values,"
                     " reason) SELECT 'R. Okafor', 'study', 1, 'update', new_values,"
                     " 'typo' FROM audit_log WHERE id = 1;"
                     "INSERT INTO audit_log (operator, table_name, row_id, action,"
                     " new_values) SELECT NULL, 'study', 1, 'update', new_values"
                     " FROM audit_log WHERE id = 1",
                     &error));
    before = pdx_test_query_string (
        old, "SELECT group_concat (id || '|' || time || '|' || coalesce (operator, 'NULL') || '|'"
             " || action, ';') FROM audit_log");
  }
  {
    g_autoptr (PdxDb) db = pdx_db_open (path, PDX_DB_OPEN_EXISTING, &error);
    g_assert_no_error (error);
    g_assert_true (g_file_test (backup, G_FILE_TEST_EXISTS));
    after = pdx_test_query_string (
        db, "SELECT group_concat (id || '|' || time || '|' || coalesce (operator_name, 'NULL')"
            " || '|' || action, ';') FROM audit_log WHERE operator IS NULL AND id <= 3");
    g_assert_cmpstr (after, ==, before);
    g_assert_cmpint (pdx_test_count (db, "audit_log"), ==, 4);
    migrate = pdx_test_query_string (
        db, "SELECT id || '|' || action || '|' || table_name || '|' || row_id || '|' || reason"
            " || '|' || json_extract (new_values, '$.entries_before_chain') FROM audit_log"
            " WHERE operator IS NOT NULL");
    g_assert_nonnull (strstr (migrate, "4|migrate|audit_log|3|entries 1..3 were written before "
                                       "the chain; chained at the upgrade to schema " G_STRINGIFY (PDX_DB_SCHEMA_VERSION) " on "));
    g_assert_nonnull (strstr (migrate, "; their operators are names typed then, not logins|3"));
    g_assert_true (pdx_audit_verify (db, NULL, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (pdx_db_check (db, NULL, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (python_chain (path, &out), ==, 0);
}

/* ---- the adversary: plain SQLite on the closed lab file ----------------------------------- */

/* A demo lab file, closed; its seal (taken before any tampering) in @seal_out ("N:HASH"). */
static char *
sealed_demo_lab (char **seal_out)
{
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  PdxDb       *db = demo_lab_file (&path);
  PdxAuditSeal seal;

  g_assert_true (pdx_audit_get_seal (db, &seal, &error));
  *seal_out = pdx_audit_seal_to_string (&seal);
  g_assert_true (pdx_db_close_checked (db, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

/* What the lock triggers call before they refuse a locked study's write: an adversary defines
 * it (doing nothing) so that the triggers compile, as it would any function they name. */
static void
adversary_locked_study_fn (sqlite3_context *context, int argc, sqlite3_value **argv)
{
  sqlite3_result_null (context);
}

/* Runs @sql on @path with a connection of plain SQLite (no pdxtrack function defined but the
 * lock triggers' pdx_locked_study, a no-op). */
static void
adversary (const char *path, const char *sql)
{
  sqlite3 *handle = NULL;
  char    *message = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &handle, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_create_function (handle, "pdx_locked_study", 1, SQLITE_UTF8, NULL,
                           adversary_locked_study_fn, NULL, NULL);
  if (sqlite3_exec (handle, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("adversary's SQL failed: %s", message);
  sqlite3_close (handle);
}

/* The SQL of schema object @name of @path (to recreate it as it was). Owned. */
static char *
object_sql (const char *path, const char *name)
{
  sqlite3      *handle = NULL;
  sqlite3_stmt *stmt = NULL;
  char         *sql = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &handle, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (
      sqlite3_prepare_v2 (handle, "SELECT sql FROM sqlite_schema WHERE name = ?", -1, &stmt, NULL),
      ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    sql = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (handle);
  g_assert_nonnull (sql);
  return sql;
}

/* `pdxtrack-cli check` and `audit verify [--seal]` on @path: exit status and all output. */
static int
cli (const char *path, const char *command, const char *seal, char **output)
{
  g_autofree char *out = NULL, *err = NULL;
  const char      *check[] = { "check", NULL };
  const char      *verify[] = { "audit", "verify", seal ? "--seal" : NULL, seal, NULL };
  int              status =
      pdx_test_run_cli_args (path, g_str_equal (command, "check") ? check : verify, &out, &err);

  *output = g_strconcat (out ? out : "", err ? err : "", NULL);
  g_test_message ("%s: %d: %s", command, status, *output);
  return status;
}

static void
assert_caught (const char *path, const char *command, const char *seal, const char *expected)
{
  g_autofree char *output = NULL;

  g_assert_cmpint (cli (path, command, seal, &output), ==, 1);
  if (strstr (output, expected) == NULL)
    g_error ("%s: expected '%s' in:\n%s", command, expected, output);
}

static void
assert_passes (const char *path, const char *command, const char *seal)
{
  g_autofree char *output = NULL;

  g_assert_cmpint (cli (path, command, seal, &output), ==, 0);
}

/* (a) The measurement's update trigger dropped, a BLI value changed, the trigger recreated
 * exactly: no entry, the schema as it was, the chain intact. check finds the row whose value
 * is not what its newest entry says it became. */
static void
test_tamper_value_outside_trail (void)
{
  g_autofree char *seal = NULL;
  g_autofree char *path = sealed_demo_lab (&seal);
  g_autofree char *trigger = object_sql (path, "audit_measurement_update");
  g_autofree char *sql =
      g_strdup_printf ("DROP TRIGGER audit_measurement_update;"
                       "UPDATE measurement SET bli_flux = bli_flux * 0.5 WHERE id = 1;%s;",
                       trigger);

  g_autofree char *entry = NULL, *expected = NULL;

  {
    /* the entry that says what measurement 1 became, read before the adversary comes */
    g_autoptr (PdxDb) db = pdx_db_open (path, PDX_DB_OPEN_READONLY, NULL);
    g_assert_nonnull (db);
    entry = pdx_test_query_string (db, "SELECT max (id) FROM audit_log WHERE table_name ="
                                       " 'measurement' AND row_id = 1");
  }
  expected = g_strdup_printf ("audit trail: measurement 1 is not what its newest audit entry (%s) "
                              "says it became: changed outside the trail",
                              entry);
  assert_passes (path, "check", NULL);
  adversary (path, sql);
  assert_caught (path, "check", NULL, expected);
  {
    g_autofree char *output = NULL;
    cli (path, "check", NULL, &output);
    g_assert_null (strstr (output, "schema:"));
  }
}

/* (a) also for a row deleted, and one written, with the triggers set aside and put back. */
static void
test_tamper_rows_outside_trail (void)
{
  g_autofree char *seal = NULL;
  g_autofree char *path = sealed_demo_lab (&seal);
  g_autofree char *del = object_sql (path, "audit_endpoint_delete");
  g_autofree char *ins = object_sql (path, "audit_measurement_insert");
  g_autofree char *sql = g_strdup_printf (
      "DROP TRIGGER audit_endpoint_delete; DROP TRIGGER audit_measurement_insert;"
      "DELETE FROM endpoint WHERE id = 3;"
      "INSERT INTO measurement (id, mouse_id, date, weight_g) VALUES (90001, 101, '2026-05-20', 20);"
      "%s; %s;",
      del, ins);

  adversary (path, sql);
  assert_caught (path, "check", NULL, "audit trail: endpoint 3 is gone, but its newest audit");
  assert_caught (path, "check", NULL,
                 "audit trail: measurement 90001 has no audit entry: written outside the trail");
}

/* (b) The append-only triggers dropped (and put back), entries deleted: the chain is broken at
 * the entry after them. Deleting the newest entries leaves a chain that verifies: only the
 * seal tells. */
static void
test_tamper_delete_entries (void)
{
  g_autofree char *seal = NULL;
  g_autofree char *path = sealed_demo_lab (&seal);
  g_autofree char *update = object_sql (path, "audit_log_append_only_update");
  g_autofree char *delete = object_sql (path, "audit_log_append_only_delete");
  g_autofree char *middle = g_strdup_printf (
      "DROP TRIGGER audit_log_append_only_update; DROP TRIGGER audit_log_append_only_delete;"
      "DELETE FROM audit_log WHERE id BETWEEN 100 AND 110; %s; %s;",
      update, delete);
  g_autofree char *tail = g_strdup_printf (
      "DROP TRIGGER audit_log_append_only_update; DROP TRIGGER audit_log_append_only_delete;"
      "DELETE FROM audit_log WHERE id > (SELECT max (id) - 5 FROM audit_log); %s; %s;",
      update, delete);
  g_autofree char *copy = g_strconcat (path, "-tail.pdxlab", NULL);

  pdx_test_copy_file (path, copy);
  adversary (path, middle);
  assert_caught (path, "audit verify", NULL,
                 "audit entry 111 does not verify: it does not link to entry 99 before it (the "
                 "entries between them were deleted)");
  assert_caught (path, "check", NULL, "audit chain: audit entry 111 does not verify");

  adversary (copy, tail);
  assert_passes (copy, "audit verify", NULL);
  assert_caught (copy, "audit verify", seal,
                 "does not verify against the seal: it is no longer "
                 "in the log");
}

/* (c) An entry's operator and reason rewritten (the append-only triggers set aside and put
 * back): that entry does not verify. */
static void
test_tamper_rewrite_entry (void)
{
  g_autofree char *seal = NULL;
  g_autofree char *path = sealed_demo_lab (&seal);
  g_autofree char *update = object_sql (path, "audit_log_append_only_update");
  g_autofree char *sql = g_strdup_printf (
      "DROP TRIGGER audit_log_append_only_update;"
      "UPDATE audit_log SET operator = 'someone', reason = 'nothing happened' WHERE id = 500;"
      "%s;",
      update);

  adversary (path, sql);
  assert_caught (path, "audit verify", NULL,
                 "audit entry 500 does not verify: its content is not what was chained (it was "
                 "changed after it was written)");
  assert_caught (path, "check", NULL, "audit chain: audit entry 500 does not verify");
  assert_caught (path, "audit verify", seal, "audit entry 500 does not verify");
}

/* (d) Another program defines the functions the triggers call: a forged operator and reason,
 * and a pdx_audit_link of its own (wrong), or none. */
static void
forged_text_fn (sqlite3_context *context, int argc, sqlite3_value **argv)
{
  sqlite3_result_text (context, sqlite3_user_data (context), -1, SQLITE_STATIC);
}

static void
forged_one_fn (sqlite3_context *context, int argc, sqlite3_value **argv)
{
  sqlite3_result_int (context, 1);
}

/* Opens @path as the forger: pdx_operator () and the others defined; pdx_audit_link too when
 * @with_link (returning 64 'f', not the entry's hash). */
static sqlite3 *
forger_open (const char *path, gboolean with_link)
{
  static char mallory[] = "mallory", name[] = "Dr. Trusted", reason[] = "routine";
  static char wrong[] = "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff";
  sqlite3    *handle = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &handle, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_create_function (handle, "pdx_operator", 0, SQLITE_UTF8, mallory, forged_text_fn, NULL,
                           NULL);
  sqlite3_create_function (handle, "pdx_operator_name", 0, SQLITE_UTF8, name, forged_text_fn, NULL,
                           NULL);
  sqlite3_create_function (handle, "pdx_reason", 0, SQLITE_UTF8, reason, forged_text_fn, NULL,
                           NULL);
  sqlite3_create_function (handle, "pdx_audit_each_insert", 0, SQLITE_UTF8, NULL, forged_one_fn,
                           NULL, NULL);
  sqlite3_create_function (handle, "pdx_locked_study", 1, SQLITE_UTF8, NULL,
                           adversary_locked_study_fn, NULL, NULL);
  if (with_link)
    sqlite3_create_function (handle, "pdx_audit_link", 13, SQLITE_UTF8, wrong, forged_text_fn, NULL,
                             NULL);
  return handle;
}

static void
test_tamper_forged_functions (void)
{
  g_autofree char *seal = NULL;
  g_autofree char *path = sealed_demo_lab (&seal);
  g_autofree char *copy = g_strconcat (path, "-nolink.pdxlab", NULL);
  g_autofree char *chain = object_sql (path, "audit_log_chain");
  g_autofree char *sql = NULL;
  sqlite3         *handle;
  gint64           last;

  pdx_test_copy_file (path, copy);
  handle = forger_open (path, TRUE);
  g_assert_cmpint (
      sqlite3_exec (handle, "UPDATE measurement SET weight_g = 30 WHERE id = 2", NULL, NULL, NULL),
      ==, SQLITE_OK);
  sqlite3_close (handle);
  {
    g_autoptr (PdxDb) db = pdx_db_open (path, PDX_DB_OPEN_READONLY, NULL);
    g_autofree char *newest = pdx_test_query_string (db, "SELECT max (id) FROM audit_log");
    g_autofree char *who = pdx_test_query_string (
        db, "SELECT operator || '|' || operator_name || '|' || reason FROM audit_log"
            " ORDER BY id DESC LIMIT 1");
    last = g_ascii_strtoll (newest, NULL, 10);
    g_assert_cmpstr (who, ==, "mallory|Dr. Trusted|routine");
  }
  {
    g_autofree char *n = pdx_format_count ((guint64) last);
    g_autofree char *expected =
        g_strdup_printf ("audit entry %s does not verify: its content is not what was chained", n);
    assert_caught (path, "audit verify", NULL, expected);
    assert_caught (path, "check", NULL, expected);
  }

  /* Without pdx_audit_link the trigger fails and nothing is written; with the chain trigger
   * set aside (and put back) the entry has no hash. */
  handle = forger_open (copy, FALSE);
  g_assert_cmpint (
      sqlite3_exec (handle, "UPDATE measurement SET weight_g = 30 WHERE id = 2", NULL, NULL, NULL),
      ==, SQLITE_ERROR);
  g_assert_nonnull (strstr (sqlite3_errmsg (handle), "pdx_audit_link"));
  sql = g_strdup_printf ("DROP TRIGGER audit_log_chain;"
                         "UPDATE measurement SET weight_g = 30 WHERE id = 2; %s;",
                         chain);
  g_assert_cmpint (sqlite3_exec (handle, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (handle);
  assert_caught (copy, "audit verify", NULL, "does not verify: it has no hash");
}

/* (e) History edited, then the whole chain recomputed by an independent implementation
 * (tests/audit-chain.py --rechain): the chain verifies and check says ok — honestly, nothing
 * in the lab can tell — but the seal taken before fails. */
static void
test_tamper_rechain (void)
{
  g_autofree char *seal = NULL;
  g_autofree char *path = sealed_demo_lab (&seal);
  g_autofree char *update = object_sql (path, "audit_log_append_only_update");
  g_autofree char *sql = g_strdup_printf ("DROP TRIGGER audit_log_append_only_update;"
                                          "UPDATE audit_log SET reason = 'approved' WHERE id = 5;"
                                          "%s;",
                                          update);
  const char      *script = g_test_get_filename (G_TEST_DIST, "audit-chain.py", NULL);
  const char      *argv[] = { "/usr/bin/python3", script, "--rechain", path, NULL };
  g_autoptr (PdxTestRun) run = NULL;
  g_autofree char *sealed_entry = g_strndup (seal, strcspn (seal, ":"));
  g_autofree char *expected = NULL, *n = NULL;

  adversary (path, sql);
  assert_caught (path, "audit verify", NULL, "audit entry 5 does not verify");
  run = pdx_test_run_argv (argv, NULL);
  g_assert_cmpint (run->status, ==, 0);
  assert_passes (path, "check", NULL);
  assert_passes (path, "audit verify", NULL);
  n = pdx_format_count (g_ascii_strtoull (sealed_entry, NULL, 10));
  expected = g_strdup_printf (
      "audit entry %s does not verify against the seal: its hash is not the one sealed", n);
  assert_caught (path, "audit verify", seal, expected);
}

/* The lines of check on @path (opened as check opens it). */
static GPtrArray *
check_problems (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxDb) db = pdx_db_open (path, PDX_DB_OPEN_CHECK, &error);
  GPtrArray *problems = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  pdx_db_check (db, problems, NULL);
  return problems;
}

/* Whether check of @path has the problem line @line. */
static gboolean
check_names (const char *path, const char *line)
{
  g_autoptr (GPtrArray) lines = check_problems (path);

  for (guint i = 0; i < lines->len; i++)
    if (g_str_equal (g_ptr_array_index (lines, i), line))
      return TRUE;
  for (guint i = 0; i < lines->len; i++)
    g_test_message ("check: %s", (const char *) g_ptr_array_index (lines, i));
  return FALSE;
}

/* @text with its first @what replaced by @with. Owned. */
static char *
replace_first (const char *text, const char *what, const char *with)
{
  const char *at = strstr (text, what);

  g_assert_nonnull (at);
  return g_strdup_printf ("%.*s%s%s", (int) (at - text), text, with, at + strlen (what));
}

/* (f) Each trigger and index of the schema dropped, and altered, one at a time on a copy of a
 * small lab, and one added: check names each by name. */
static void
test_tamper_schema_objects (void)
{
  g_autofree char *path = NULL;
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) kinds = g_ptr_array_new_with_free_func (g_free);

  {
    PdxDb   *db = pdx_test_new_lab (&path);
    gint64   study = pdx_test_add_study (db, "S1", PDX_READOUT_BLI_FLUX, "2026-01-05");
    PdxStmt *stmt = NULL;

    pdx_test_add_mouse (db, study, 0, "M1", "2026-01-01");
    stmt = pdx_db_prepare (db,
                           "SELECT name, type FROM sqlite_schema WHERE type IN ('trigger', 'index')"
                           " AND name NOT LIKE 'sqlite_%' ORDER BY name",
                           NULL);
    while (pdx_stmt_step (stmt, NULL) == PDX_STEP_ROW)
      {
        g_ptr_array_add (names, g_strdup (pdx_stmt_column_text (stmt, 0)));
        g_ptr_array_add (kinds, g_strdup (pdx_stmt_column_text (stmt, 1)));
      }
    pdx_stmt_reset (stmt);
    g_assert_true (pdx_db_close_checked (db, NULL));
  }
  g_assert_cmpuint (names->len, >, 30);
  {
    g_autoptr (GPtrArray) none = check_problems (path);
    g_assert_cmpuint (none->len, ==, 0);
  }
  for (guint i = 0; i < names->len; i++)
    {
      const char      *name = g_ptr_array_index (names, i), *kind = g_ptr_array_index (kinds, i);
      g_autofree char *copy = g_strdup_printf ("%s-%u.pdxlab", path, i);
      g_autofree char *sql = object_sql (path, name);
      g_autofree char *altered =
          g_str_equal (kind, "index")
              ? g_strconcat (sql,
                             /* a partial index has its WHERE already */
                             strstr (sql, " WHERE ") ? " AND 1" : " WHERE 1", NULL)
              : replace_first (sql, "BEGIN", "BEGIN SELECT 1;");
      g_autofree char *drop = g_strdup_printf ("DROP %s %s", kind, name);
      g_autofree char *alter = g_strdup_printf ("DROP %s %s; %s", kind, name, altered);
      g_autofree char *missing = g_strdup_printf ("schema: %s %s is missing", kind, name);
      g_autofree char *differs =
          g_strdup_printf ("schema: %s %s differs from the one this version creates", kind, name);

      g_test_message ("%s %s", kind, name);
      pdx_test_copy_file (path, copy);
      adversary (copy, drop);
      g_assert_true (check_names (copy, missing));
      g_remove (copy);
      pdx_test_copy_file (path, copy);
      adversary (copy, alter);
      g_assert_true (check_names (copy, differs));
      g_remove (copy);
    }
  adversary (path, "CREATE INDEX mouse_cage ON mouse (cage)");
  g_assert_true (check_names (path, "schema: index mouse_cage is not one this version creates"));
}

/* The bulk import's own INSERT of its 'import' entry is chained like every entry, and the
 * measurement triggers it sets aside come back byte for byte (check compares them). */
static void
test_import_chained (void)
{
  g_autofree char *path = NULL, *out = NULL, *before = NULL, *after = NULL, *entry = NULL;
  g_autofree char *csv =
      pdx_test_write_file ("m.csv",
                           "study,mouse,date,weight_g\nICR-031-D,D-01,2026-05-20,19.5\n"
                           "ICR-031-D,D-02,2026-05-20,19.6\n",
                           -1);
  const char       *import[] = { "import", "measurements", csv, NULL };
  static const char triggers_sql[] =
      "SELECT group_concat (name || ':' || sql, '|') FROM (SELECT name, sql FROM sqlite_schema"
      " WHERE type = 'trigger' AND tbl_name = 'measurement' ORDER BY name)";

  {
    g_autoptr (PdxDb) db = demo_lab_file (&path);
    before = pdx_test_query_string (db, triggers_sql);
    g_assert_true (pdx_db_close_checked (g_steal_pointer (&db), NULL));
  }
  g_assert_cmpint (pdx_test_run_cli_args (path, import, NULL, NULL), ==, 0);
  {
    g_autoptr (PdxDb) db = pdx_db_open (path, PDX_DB_OPEN_READONLY, NULL);
    after = pdx_test_query_string (db, triggers_sql);
    entry = pdx_test_query_string (db, "SELECT action || '|' || (length (hash) = 64) FROM audit_log"
                                       " ORDER BY id DESC LIMIT 1");
  }
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpstr (entry, ==, "import|1");
  assert_passes (path, "check", NULL);
  g_assert_cmpint (python_chain (path, &out), ==, 0);
}

/* `audit seal` prints what the independent implementation computes; `audit verify --seal`
 * takes it back in either form; a malformed seal is a usage error naming it. */
static void
test_cli_seal (void)
{
  g_autofree char *path = NULL, *py = NULL, *seal_out = NULL, *err = NULL;
  g_autofree char *colon = NULL;
  const char      *seal[] = { "audit", "seal", NULL };

  pdx_db_close (demo_lab_file (&path));
  g_assert_cmpint (pdx_test_run_cli_args (path, seal, &seal_out, NULL), ==, 0);
  g_assert_cmpint (python_chain (path, &py), ==, 0);
  g_assert_cmpstr (g_strstrip (seal_out), ==, py);
  assert_passes (path, "audit verify", seal_out);
  colon = g_strdup (seal_out);
  *strchr (colon, ' ') = ':';
  assert_passes (path, "audit verify", colon);
  {
    const char *bad[] = { "audit", "verify", "--seal", "12:abc", NULL };
    g_assert_cmpint (pdx_test_run_cli_args (path, bad, NULL, &err), ==, 1);
    g_assert_nonnull (strstr (err, "'12:abc' is not a seal"));
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/audit/chain/python", test_chain_python);
  g_test_add_func ("/audit/chain/login-and-name", test_login_and_name);
  g_test_add_func ("/audit/seal/parse", test_seal_parse);
  g_test_add_func ("/audit/seal/empty", test_seal_empty);
  g_test_add_func ("/audit/migrate/from-v2", test_migrate_from_v2);
  g_test_add_func ("/audit/tamper/value-outside-trail", test_tamper_value_outside_trail);
  g_test_add_func ("/audit/tamper/rows-outside-trail", test_tamper_rows_outside_trail);
  g_test_add_func ("/audit/tamper/delete-entries", test_tamper_delete_entries);
  g_test_add_func ("/audit/tamper/rewrite-entry", test_tamper_rewrite_entry);
  g_test_add_func ("/audit/tamper/forged-functions", test_tamper_forged_functions);
  g_test_add_func ("/audit/tamper/rechain", test_tamper_rechain);
  g_test_add_func ("/audit/tamper/schema-objects", test_tamper_schema_objects);
  g_test_add_func ("/audit/chain/import", test_import_chained);
  g_test_add_func ("/audit/cli/seal", test_cli_seal);
  return g_test_run ();
}
