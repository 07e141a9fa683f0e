/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-audit-tamper.c — the audit trail's hash chain (docs/audit-trail.md): the chain against
 * an independent implementation (tests/audit-chain.py, python3 hashlib), the upgrade of a
 * schema-2 lab, seals, and the tampering an inspector's adversary would try with plain SQLite,
 * each caught by check or by `audit verify --seal`. */
#include "pdx-test-util.h"
#include "pdx-test-cli.h"
#include "store/pdx-store-private.h"

#include <string.h>

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
    g_assert_true (pdx_db_exec (old,
                                "INSERT INTO audit_log (operator, table_name, row_id,"
                                " action, new_values, reason) VALUES"
                                " ('R. Okafor', 'study', 1, 'update', '{\"id\":1}', 'typo'),"
                                " (NULL, 'study', 1, 'update', '{\"id\":1}', NULL)",
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

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/audit/chain/python", test_chain_python);
  g_test_add_func ("/audit/chain/login-and-name", test_login_and_name);
  g_test_add_func ("/audit/seal/parse", test_seal_parse);
  g_test_add_func ("/audit/seal/empty", test_seal_empty);
  g_test_add_func ("/audit/migrate/from-v2", test_migrate_from_v2);
  return g_test_run ();
}
