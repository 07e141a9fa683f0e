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

/* Writes @value in decimal ASCII at the end of @out (at least 21 bytes free); returns the end. */
static char *
put_decimal (char *out, gint64 value)
{
  char    digits[20];
  int     n = 0;
  guint64 v = value < 0 ? (guint64) 0 - (guint64) value : (guint64) value;

  do
    digits[n++] = (char) ('0' + v % 10), v /= 10;
  while (v > 0);
  if (value < 0)
    *out++ = '-';
  while (n > 0)
    *out++ = digits[--n];
  return out;
}

/* Adds one field to @sum: 0x1F, then "N" for NULL, else "V<byte length>:<bytes>" of SQLite's
 * text of the value (an integer in decimal, written here as SQLite writes it, without its
 * conversion). One update for the head (and a whole integer): the hot path of verify. */
static void
add_field (GChecksum *sum, sqlite3_value *value)
{
  char  head[64] = { 0x1F, 'V' };
  char *end = head + 2;

  switch (sqlite3_value_type (value))
    {
    case SQLITE_NULL:
      head[1] = 'N';
      g_checksum_update (sum, (const guchar *) head, 2);
      return;
    case SQLITE_INTEGER:
      {
        char  digits[24];
        gsize size = put_decimal (digits, sqlite3_value_int64 (value)) - digits;

        end = put_decimal (end, (gint64) size);
        *end++ = ':';
        memcpy (end, digits, size);
        g_checksum_update (sum, (const guchar *) head, end + size - head);
        return;
      }
    default:
      {
        const guchar *bytes = sqlite3_value_text (value);
        int           size = sqlite3_value_bytes (value);

        end = put_decimal (end, size);
        *end++ = ':';
        g_checksum_update (sum, (const guchar *) head, end - head);
        if (size > 0 && bytes != NULL)
          g_checksum_update (sum, bytes, size);
      }
    }
}

/* pdx_audit_link (prev_hash, id, time, operator, operator_name, table_name, row_id, action,
 * old_values, new_values, reason, study_id, mouse_id): the entry's hash. A NULL prev_hash adds
 * no bytes (such an entry never verifies: its prev_hash is not the previous entry's hash). The
 * checksum is the connection's own (the function's user data), reset for each call: a
 * connection runs one statement at a time, and verify calls this once per entry. */
static void
audit_link_fn (sqlite3_context *context, int argc, sqlite3_value **argv)
{
  GChecksum *sum = sqlite3_user_data (context);

  g_assert (argc == CHAIN_N_FIELDS + 1);
  g_checksum_reset (sum);
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
  sqlite3_create_function_v2 (pdx_db_get_handle (db), "pdx_audit_link", CHAIN_N_FIELDS + 1,
                              SQLITE_UTF8 | SQLITE_INNOCUOUS | SQLITE_DETERMINISTIC,
                              g_checksum_new (G_CHECKSUM_SHA256), audit_link_fn, NULL, NULL,
                              (void (*) (void *)) g_checksum_free);
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
  g_autofree char *n = NULL, *p = NULL;

  if (hash != NULL && computed != NULL && strcmp (hash, computed) == 0 && prev != NULL &&
      strcmp (prev, prev_id == 0 ? PDX_CHAIN_ZERO_HASH : prev_hash) == 0)
    return NULL;
  n = pdx_format_count ((guint64) id);
  p = pdx_format_count ((guint64) prev_id);
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
  g_autofree char *why = NULL;
  char             prev_hash[65] = ""; /* the previous entry's hash, which verified */
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
      g_strlcpy (prev_hash, hash, sizeof prev_hash);
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

static guint      collect_outside_trail (PdxDb *db, const char *table, GPtrArray *problems);
static GPtrArray *audited_tables (sqlite3 *fresh);

guint
pdx_chain_collect_trail (PdxDb *db, GPtrArray *problems)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxDb) fresh = pdx_db_open (":memory:", PDX_DB_OPEN_CREATE, &error);
  g_autoptr (GHashTable) want = NULL, have = NULL;
  g_autoptr (GPtrArray) tables = NULL;
  guint n;

  if (fresh == NULL)
    {
      if (problems)
        g_ptr_array_add (problems, g_strdup_printf (_ ("schema: %s"), error->message));
      return 1;
    }
  want = schema_objects (pdx_db_get_handle (fresh));
  have = schema_objects (pdx_db_get_handle (db));
  n = schema_differences (want, have, TRUE, problems) +
      schema_differences (want, have, FALSE, problems);
  tables = audited_tables (pdx_db_get_handle (fresh));
  for (guint i = 0; i < tables->len; i++)
    if (g_hash_table_contains (have, g_ptr_array_index (tables, i)))
      n += collect_outside_trail (db, g_ptr_array_index (tables, i), problems);
  return n;
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

/* The audited tables: those with an audit_TABLE_insert trigger in a lab this version creates
 * (@fresh), sorted; names of our own schema only. */
static GPtrArray *
audited_tables (sqlite3 *fresh)
{
  GPtrArray    *tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (fresh,
                          "SELECT substr (name, 7, length (name) - 13) FROM sqlite_schema"
                          " WHERE type = 'trigger' AND name GLOB 'audit_*_insert' ORDER BY name",
                          -1, &stmt, NULL) == SQLITE_OK)
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  return tables;
}

/* json_object ('c1', t.c1, …) of @table's columns in @handle: the JSON its audit triggers write
 * of a row (pdx-schema.c builds them from the same PRAGMA). */
static char *
row_json (sqlite3 *handle, const char *table)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA table_info (%s)", table);
  GString         *out = g_string_new ("json_object (");
  sqlite3_stmt    *stmt = NULL;
  guint            n = 0;

  if (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL) == SQLITE_OK)
    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        const char *c = (const char *) sqlite3_column_text (stmt, 1);
        g_string_append_printf (out, "%s'%s', t.%s", n++ ? ", " : "", c, c);
      }
  sqlite3_finalize (stmt);
  g_string_append_c (out, ')');
  return g_string_free (out, FALSE);
}

/* json_object ('c1', 0, …) of @table's columns whose declared default is an integer literal:
 * the value of a row's column added (ALTER TABLE ADD COLUMN, e.g. measurement.excluded of
 * schema 5) after its newest audit entry was written, which therefore lacks its key. */
static char *
defaults_json (sqlite3 *handle, const char *table)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA table_info (%s)", table);
  GString         *out = g_string_new ("json_object (");
  sqlite3_stmt    *stmt = NULL;
  guint            n = 0;

  if (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL) == SQLITE_OK)
    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        const char *c = (const char *) sqlite3_column_text (stmt, 1);
        const char *dflt = (const char *) sqlite3_column_text (stmt, 4);
        gint64      value = 0;

        if (dflt && g_ascii_string_to_signed (dflt, 10, G_MININT64, G_MAXINT64, &value, NULL))
          g_string_append_printf (out, "%s'%s', %" G_GINT64_FORMAT, n++ ? ", " : "", c, value);
      }
  sqlite3_finalize (stmt);
  g_string_append_c (out, ')');
  return g_string_free (out, FALSE);
}

/* The query that lists, for @table, each row whose current content is not what the audit
 * trail says it became: id, newest entry, verdict (1 changed, 2 deleted, 3 written again after
 * its deletion, 4 no entry at all outside an import's id range). One pass over the log (its
 * newest entry per row, grouped; SQLite takes the bare columns from the max (id) row), each
 * entry's row found by primary key. The JSON is compared as text first; when it differs (a
 * column added since the entry was written), key by key, `->` giving each value's JSON text,
 * a key absent from the entry matching a NULL column or the column's integer default
 * (@defaults, defaults_json ()). */
static char *
outside_trail_sql (const char *table, const char *json, const char *defaults)
{
  return g_strdup_printf (
      "WITH latest AS MATERIALIZED (SELECT max (id) AS entry, row_id, action, new_values"
      "   FROM audit_log WHERE table_name = '%s' AND action IN ('insert', 'update', 'delete')"
      "   GROUP BY row_id),"
      " imports AS MATERIALIZED (SELECT new_values ->> '$.first_id' AS lo,"
      "   new_values ->> '$.last_id' AS hi FROM audit_log"
      "   WHERE table_name = '%s' AND action = 'import')"
      " SELECT row_id, entry, CASE WHEN action = 'delete' THEN 3 WHEN cur IS NULL THEN 2"
      "   ELSE 1 END FROM (SELECT l.row_id, l.entry, l.action, l.new_values,"
      "   (SELECT %s FROM %s t WHERE t.id = l.row_id) AS cur FROM latest l)"
      " WHERE (action = 'delete' AND cur IS NOT NULL) OR (action != 'delete' AND (cur IS NULL"
      "   OR (cur IS NOT new_values AND EXISTS (SELECT 1 FROM json_each (cur) c"
      "   WHERE (cur -> c.fullkey) IS NOT (new_values -> c.fullkey)"
      "   AND NOT ((new_values -> c.fullkey) IS NULL AND (c.type = 'null'"
      "   OR (cur -> c.fullkey) IS (%s -> c.fullkey)))))))"
      " UNION ALL SELECT t.id, 0, 4 FROM %s t WHERE t.id NOT IN (SELECT row_id FROM latest)"
      "   AND NOT EXISTS (SELECT 1 FROM imports WHERE t.id BETWEEN lo AND hi)"
      " ORDER BY 1",
      table, table, json, table, defaults, table);
}

/* One line of outside_trail_sql ()'s verdict @kind. Owned. (%lld with a cast: xgettext cannot
 * read G_GINT64_FORMAT inside a msgid.) */
static char *
outside_trail_line (const char *table, gint64 row, gint64 entry, int kind)
{
  g_autofree char *e = pdx_format_count ((guint64) entry);
  long long        r = (long long) row;

  switch (kind)
    {
    case 1:
      /* Translators: a table (measurement, mouse…), a row id, an audit entry's number. */
      return g_strdup_printf (_ ("audit trail: %s %lld is not what its newest audit entry (%s) "
                                 "says it became: changed outside the trail"),
                              table, r, e);
    case 2:
      return g_strdup_printf (_ ("audit trail: %s %lld is gone, but its newest audit entry (%s) "
                                 "is not its deletion: deleted outside the trail"),
                              table, r, e);
    case 3:
      return g_strdup_printf (_ ("audit trail: %s %lld exists, but its newest audit entry (%s) "
                                 "is its deletion: written outside the trail"),
                              table, r, e);
    default:
      return g_strdup_printf (
          _ ("audit trail: %s %lld has no audit entry: written outside the trail"), table, r);
    }
}

/* Appends outside_trail_line ()s of @table to @problems (may be NULL); returns the count. */
static guint
collect_outside_trail (PdxDb *db, const char *table, GPtrArray *problems)
{
  sqlite3         *handle = pdx_db_get_handle (db);
  g_autofree char *json = row_json (handle, table);
  g_autofree char *defaults = defaults_json (handle, table);
  g_autofree char *sql = outside_trail_sql (table, json, defaults);
  sqlite3_stmt    *stmt = NULL;
  guint            n = 0;

  if (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      if (problems)
        g_ptr_array_add (problems, g_strdup_printf (_ ("audit trail: %s cannot be compared (%s)"),
                                                    table, sqlite3_errmsg (handle)));
      sqlite3_finalize (stmt);
      return 1;
    }
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      n++;
      if (problems)
        g_ptr_array_add (problems, outside_trail_line (table, sqlite3_column_int64 (stmt, 0),
                                                       sqlite3_column_int64 (stmt, 1),
                                                       sqlite3_column_int (stmt, 2)));
    }
  sqlite3_finalize (stmt);
  return n;
}
