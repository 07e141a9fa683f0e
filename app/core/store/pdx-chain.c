/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-chain.c — the audit log's hash chain (docs/audit-trail.md): the SQL function the chain
 * trigger calls, the walk that recomputes it, the entry a migration writes, and check's
 * comparison of the lab's schema with the one this version creates.
 *
 * Invariant: every entry's hash is the SHA-256 (lowercase hex) of its canonical content, which
 * begins with prev_hash, the hash of the entry before it (64 '0' for the first). The function
 * below is the one definition of that content: the trigger calls it when an entry is written
 * and the walk calls it again to verify, so both always agree with each other; the test
 * against an independent implementation (tests/audit-chain.py) proves they agree with the
 * documented form. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx-store-private.h"
#include "pdx/pdx-format.h"

#include <stdlib.h>
#include <string.h>

/* The fields of an entry in their canonical order after prev_hash (the arguments 1.. of
 * pdx_audit_link, the columns of the walk's query). */
#define CHAIN_FIELDS                                                                               \
  "id, time, operator, operator_name, table_name, row_id, action, old_values, new_values, "        \
  "reason, study_id, mouse_id"
#define CHAIN_N_FIELDS 12

/* Adds one field to @sum: 0x1F, then "N" for NULL, else "V<byte length>:<bytes>" of SQLite's
 * text of the value (integers in decimal). */
static void
add_field (GChecksum *sum, sqlite3_value *value)
{
  static const guchar unit_separator = 0x1F;
  char                head[32];
  int                 n;

  g_checksum_update (sum, &unit_separator, 1);
  if (sqlite3_value_type (value) == SQLITE_NULL)
    {
      g_checksum_update (sum, (const guchar *) "N", 1);
      return;
    }
  {
    const guchar *bytes = sqlite3_value_text (value);
    int           size = sqlite3_value_bytes (value);

    n = g_snprintf (head, sizeof head, "V%d:", size);
    g_checksum_update (sum, (const guchar *) head, n);
    if (size > 0 && bytes != NULL)
      g_checksum_update (sum, bytes, size);
  }
}

/* pdx_audit_link (prev_hash, id, time, operator, operator_name, table_name, row_id, action,
 * old_values, new_values, reason, study_id, mouse_id): the entry's hash. A NULL prev_hash adds
 * no bytes (such an entry never verifies: its prev_hash is not the previous entry's hash). */
static void
audit_link_fn (sqlite3_context *context, int argc, sqlite3_value **argv)
{
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  g_assert (argc == CHAIN_N_FIELDS + 1);
  if (sqlite3_value_type (argv[0]) != SQLITE_NULL)
    g_checksum_update (sum, sqlite3_value_text (argv[0]), sqlite3_value_bytes (argv[0]));
  for (int i = 1; i < argc; i++)
    add_field (sum, argv[i]);
  sqlite3_result_text (context, g_checksum_get_string (sum), -1, SQLITE_TRANSIENT);
}

void
pdx_chain_register_functions (PdxDb *db)
{
  /* DETERMINISTIC: the same content gives the same hash; INNOCUOUS: the triggers may call it
   * whatever trusted_schema says. */
  sqlite3_create_function (pdx_db_get_handle (db), "pdx_audit_link", CHAIN_N_FIELDS + 1,
                           SQLITE_UTF8 | SQLITE_INNOCUOUS | SQLITE_DETERMINISTIC, NULL,
                           audit_link_fn, NULL, NULL);
}

/* The sentence of the migrate entry (stored English, like every record of the lab). */
static char *
migrate_sentence (gint64 count, gint64 first, gint64 last, int to, const char *now)
{
  if (count == 0)
    return g_strdup_printf ("no entries were written before the chain; the chain begins at the "
                            "upgrade to schema %d on %s",
                            to, now);
  return g_strdup_printf (
      "entries %" G_GINT64_FORMAT "..%" G_GINT64_FORMAT " were written before the chain; "
      "chained at the upgrade to schema %d on %s; their operators are names typed then, "
      "not logins",
      first, last, to, now);
}

gboolean
pdx_chain_write_migrate_entry (PdxDb *db, int from, int to, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  gint64        count = 0, first = 0, last = 0;
  g_autoptr (GDateTime) utc = g_date_time_new_now_utc ();
  g_autofree char *now = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *sentence = NULL;
  int              rc;

  rc = sqlite3_prepare_v2 (pdx_db_get_handle (db),
                           "SELECT count (*), coalesce (min (id), 0), coalesce (max (id), 0)"
                           " FROM audit_log",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0), first = sqlite3_column_int64 (stmt, 1),
    last = sqlite3_column_int64 (stmt, 2);
  sqlite3_finalize (stmt);
  sentence = migrate_sentence (count, first, last, to, now);
  stmt = NULL;
  rc = sqlite3_prepare_v2 (
      pdx_db_get_handle (db),
      "INSERT INTO audit_log (operator, operator_name, table_name, row_id, action, new_values,"
      " reason) VALUES (pdx_operator (), pdx_operator_name (), 'audit_log', ?1, 'migrate',"
      " json_object ('from_schema', ?2, 'to_schema', ?3, 'entries_before_chain', ?4,"
      " 'first_id', ?5, 'last_id', ?1), ?6)",
      -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, last);
      sqlite3_bind_int (stmt, 2, from);
      sqlite3_bind_int (stmt, 3, to);
      sqlite3_bind_int64 (stmt, 4, count);
      sqlite3_bind_int64 (stmt, 5, first);
      sqlite3_bind_text (stmt, 6, sentence, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
    }
  if (rc != SQLITE_DONE)
    pdx_db_step_error (db, error, "writing the audit entry of the upgrade");
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE;
}

/* The verdict on one entry of the walk: NULL when it verifies, else why not (owned). @prev_id is
 * the id of the entry before it (0 for the first) and @prev_hash that entry's stored hash. */
static char *
judge_entry (gint64      id,
             const char *prev,
             const char *hash,
             const char *computed,
             gint64      prev_id,
             const char *prev_hash)
{
  g_autofree char *n = pdx_format_count ((guint64) id);
  g_autofree char *p = pdx_format_count ((guint64) prev_id);

  if (hash == NULL)
    return g_strdup_printf (_ ("audit entry %s does not verify: it has no hash (it was written "
                               "without the chain)"),
                            n);
  if (g_strcmp0 (hash, computed) != 0)
    return g_strdup_printf (_ ("audit entry %s does not verify: its content is not what was "
                               "chained (it was changed after it was written)"),
                            n);
  if (prev_id == 0 && g_strcmp0 (prev, PDX_CHAIN_ZERO_HASH) != 0)
    return g_strdup_printf (_ ("audit entry %s does not verify: it is the first entry but links "
                               "to an entry before it (earlier entries were deleted)"),
                            n);
  if (prev_id != 0 && g_strcmp0 (prev, prev_hash) != 0)
    {
      if (id - prev_id > 1)
        return g_strdup_printf (_ ("audit entry %s does not verify: it does not link to entry %s "
                                   "before it (the entries between them were deleted)"),
                                n, p);
      return g_strdup_printf (_ ("audit entry %s does not verify: it does not link to entry %s "
                                 "before it (the chain was broken there)"),
                              n, p);
    }
  return NULL;
}

gboolean
pdx_db_audit_chain_verify (PdxDb *db, gint64 *first_bad, GError **error)
{
  sqlite3_stmt    *stmt = NULL;
  g_autofree char *prev_hash = NULL, *why = NULL;
  gint64           prev_id = 0, id = 0;
  int              rc;

  if (first_bad)
    *first_bad = 0;
  rc = sqlite3_prepare_v2 (pdx_db_get_handle (db),
                           "SELECT id, prev_hash, hash, pdx_audit_link (prev_hash, " CHAIN_FIELDS
                           ") FROM audit_log ORDER BY id",
                           -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *hash = (const char *) sqlite3_column_text (stmt, 2);

      id = sqlite3_column_int64 (stmt, 0);
      why = judge_entry (id, (const char *) sqlite3_column_text (stmt, 1), hash,
                         (const char *) sqlite3_column_text (stmt, 3), prev_id, prev_hash);
      if (why)
        break;
      g_free (prev_hash);
      prev_hash = g_strdup (hash);
      prev_id = id;
      rc = SQLITE_OK;
    }
  if (why == NULL && rc != SQLITE_DONE)
    pdx_db_set_error (db, error, "reading the audit log");
  sqlite3_finalize (stmt);
  if (why)
    {
      if (first_bad)
        *first_bad = id;
      g_set_error_literal (error, PDX_DB_ERROR, PDX_DB_ERROR_INVALID, why);
      return FALSE;
    }
  return rc == SQLITE_DONE;
}

/* name → "type\x1Fsql" of every table, index, trigger and view of @handle's main schema
 * (SQLite's own, "sqlite_…", left out: their presence follows from the tables). */
static GHashTable *
schema_objects (sqlite3 *handle)
{
  GHashTable   *objects = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (handle,
                          "SELECT name, type, coalesce (sql, '') FROM sqlite_schema"
                          " WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
                          -1, &stmt, NULL) == SQLITE_OK)
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_hash_table_insert (objects, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                           g_strdup_printf ("%s\x1F%s", sqlite3_column_text (stmt, 1),
                                            sqlite3_column_text (stmt, 2)));
  sqlite3_finalize (stmt);
  return objects;
}

/* The kind of a schema object ("table", "trigger"…) from its schema_objects () value. */
static char *
kind_of (const char *value)
{
  return g_strndup (value, strcspn (value, "\x1F"));
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* Appends to @problems each object of @have that @want lacks or has otherwise (@missing FALSE)
 * or, with @missing TRUE, each of @want that @have lacks; by name, sorted. Returns the count. */
static guint
schema_differences (GHashTable *want, GHashTable *have, gboolean missing, GPtrArray *problems)
{
  g_autofree gpointer *names = NULL;
  guint                n_names = 0, n = 0;

  names = g_hash_table_get_keys_as_array (missing ? want : have, &n_names);
  qsort (names, n_names, sizeof *names, compare_names);
  for (guint i = 0; i < n_names; i++)
    {
      const char      *name = names[i];
      const char      *ours = g_hash_table_lookup (want, name);
      const char      *theirs = g_hash_table_lookup (have, name);
      g_autofree char *kind = kind_of (missing ? ours : theirs);
      char            *line = NULL;

      if (missing && theirs == NULL)
        line = g_strdup_printf (_ ("schema: %s %s is missing"), kind, name);
      else if (!missing && ours == NULL)
        line = g_strdup_printf (_ ("schema: %s %s is not one this version creates"), kind, name);
      else if (!missing && !g_str_equal (ours, theirs))
        line = g_strdup_printf (_ ("schema: %s %s differs from the one this version creates"), kind,
                                name);
      if (line == NULL)
        continue;
      n++;
      if (problems)
        g_ptr_array_add (problems, line);
      else
        g_free (line);
    }
  return n;
}

guint
pdx_chain_collect_schema (PdxDb *db, GPtrArray *problems)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxDb) fresh = pdx_db_open (":memory:", PDX_DB_OPEN_CREATE, &error);
  g_autoptr (GHashTable) want = NULL, have = NULL;

  if (fresh == NULL)
    {
      if (problems)
        g_ptr_array_add (problems, g_strdup_printf (_ ("schema: %s"), error->message));
      return 1;
    }
  want = schema_objects (pdx_db_get_handle (fresh));
  have = schema_objects (pdx_db_get_handle (db));
  return schema_differences (want, have, TRUE, problems) +
         schema_differences (want, have, FALSE, problems);
}

guint
pdx_chain_collect_chain (PdxDb *db, GPtrArray *problems)
{
  g_autoptr (GError) error = NULL;

  if (pdx_db_audit_chain_verify (db, NULL, &error))
    return 0;
  if (problems)
    g_ptr_array_add (problems, g_strdup_printf (_ ("audit chain: %s"), error->message));
  return 1;
}
