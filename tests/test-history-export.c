/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-history-export.c — what the History shows, exported (pdx_export_audit_csv): one row per
 * changed field with the reviewer's columns, the hash as the chain stored it, read back with
 * the CSV reader; paging past a page of entries; a refused target leaving nothing. Expected
 * rows are written by hand from the edits the test makes; ids, times and hashes are read from
 * audit_log with SQL of the test's own. */
#include <string.h>

#include "pdx-test-util.h"
#include "pdx/pdx-csv.h"
#include "pdx/pdx-export.h"
#include "store/pdx-store.h"

static const char header[] =
    "seq,time_utc,operator,action,table,record,study,mouse,field,old,new,reason,hash";

/* The file at @path as rows of fields joined by '|' (a field may hold ','), the header first;
 * its last line, the audit seal's ("# audit seal N HASH", as every CSV export ends), is
 * checked for its form and left out. */
static GPtrArray *
read_rows (const char *path)
{
  g_autofree char *text = NULL;
  gsize            len;
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxCsvReader) reader = NULL;
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);
  char     **fields;
  guint      n;
  gboolean   sealed = FALSE;

  g_assert_true (g_file_get_contents (path, &text, &len, NULL));
  reader = pdx_csv_reader_new_for_data (path, text, len);
  while (pdx_csv_reader_next (reader, &fields, &n, &error))
    {
      GString *row;

      g_assert_false (sealed);
      if (n == 1 && g_str_has_prefix (fields[0], "# audit seal "))
        {
          g_assert_true (
              g_regex_match_simple ("^# audit seal [0-9]+ [0-9a-f]{64}$", fields[0], 0, 0));
          sealed = TRUE;
          continue;
        }
      row = g_string_new (NULL);
      g_assert_cmpuint (n, ==, 13);
      for (guint i = 0; i < n; i++)
        g_string_append_printf (row, "%s%s", i ? "|" : "", fields[i]);
      g_ptr_array_add (rows, g_string_free (row, FALSE));
    }
  g_assert_no_error (error);
  g_assert_true (sealed);
  return rows;
}

static char *
entry_column (PdxDb *db, gint64 id, const char *column)
{
  g_autofree char *sql =
      g_strdup_printf ("SELECT %s FROM audit_log WHERE id = %" G_GINT64_FORMAT, column, id);
  return pdx_test_query_string (db, sql);
}

static gint64
newest_id (PdxDb *db)
{
  g_autofree char *id = pdx_test_query_string (db, "SELECT coalesce (max(id), 0) FROM audit_log");
  return g_ascii_strtoll (id, NULL, 10);
}

/* A weight recorded, corrected with a reason, then deleted with one: the export of the mouse's
 * entries is the delete's fields, the update's one changed field, the insert's fields. */
static void
test_export_rows (void)
{
  g_autoptr (PdxDb) db = pdx_test_new_lab (NULL);
  g_autoptr (PdxMeasurement) m = pdx_measurement_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  g_autofree char *out = pdx_test_tmp_path ("trail.csv");
  const char      *login = g_get_user_name ();
  gint64           study = pdx_test_add_study (db, "S-1", PDX_READOUT_CALIPER_VOLUME, "2026-11-01");
  gint64           mouse = pdx_test_add_mouse (db, study, 0, "M07", "2026-10-20");
  gint64           insert, update, del;

  pdx_db_set_operator (db, "Bob Lee");
  m->mouse_id = mouse, m->date = g_strdup ("2026-11-12"), m->weight_g = 20.1;
  g_assert_true (pdx_measurement_insert (db, m, &error));
  insert = newest_id (db);
  m->weight_g = 21.5;
  pdx_db_set_reason (db, "Transcription error");
  g_assert_true (pdx_measurement_update (db, m, &error));
  update = newest_id (db);
  pdx_db_set_reason (db, "=HYPERLINK(\"x\")"); /* a reason a spreadsheet would run */
  g_assert_true (pdx_row_delete (db, PDX_TABLE_MEASUREMENT, m->id, &error));
  del = newest_id (db);
  pdx_db_set_reason (db, NULL);
  g_assert_no_error (error);
  g_assert_true (pdx_export_audit_csv (
      db, &(PdxAuditFilter){ .study_id = study, .mouse_tag = "M07", .action = "update" }, out,
      &error));
  g_assert_no_error (error);
  rows = read_rows (out);
  g_assert_cmpuint (rows->len, ==, 2);
  {
    g_autofree char *time = entry_column (db, update, "time");
    g_autofree char *hash = entry_column (db, update, "hash");
    g_autofree char *expected =
        g_strdup_printf ("%" G_GINT64_FORMAT "|%s|%s (Bob Lee)|update|measurement|%" G_GINT64_FORMAT
                         "|S-1|M07|weight_g|20.1|21.5|Transcription error|%s",
                         update, time, login, m->id, hash);

    g_autofree char *header_row = g_strdelimit (g_strdup (header), ",", '|');

    g_assert_cmpstr (g_ptr_array_index (rows, 0), ==, header_row);
    g_assert_cmpuint (strlen (hash), ==, 64);
    g_assert_cmpstr (g_ptr_array_index (rows, 1), ==, expected);
  }
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* the whole mouse: newest first; the delete's and the insert's rows are the values there */
  g_assert_true (pdx_export_audit_csv (db, &(PdxAuditFilter){ .mouse_tag = "M07" }, out, &error));
  rows = read_rows (out);
  {
    g_autofree char *del_seq = g_strdup_printf ("%" G_GINT64_FORMAT "|", del);
    g_autofree char *ins_seq = g_strdup_printf ("%" G_GINT64_FORMAT "|", insert);
    guint            n_del = 0, n_ins = 0, weight_rows = 0;

    for (guint i = 1; i < rows->len; i++)
      {
        const char *row = g_ptr_array_index (rows, i);

        n_del += g_str_has_prefix (row, del_seq);
        n_ins += g_str_has_prefix (row, ins_seq);
        if (strstr (row, "|weight_g|") != NULL)
          weight_rows++;
        if (g_str_has_prefix (row, del_seq))
          g_assert_nonnull (strstr (row, "|'=HYPERLINK(\"x\")|")); /* not a formula */
      }
    g_assert_true (g_str_has_prefix (g_ptr_array_index (rows, 1), del_seq));
    g_assert_cmpuint (n_del, >=, 4); /* id, mouse_id, date, weight_g at least */
    g_assert_cmpuint (n_ins, ==, n_del);
    g_assert_cmpuint (weight_rows, ==, 3); /* 20.1 added, 20.1 → 21.5, 21.5 deleted */
  }
}

/* More entries than a page: every one exactly once, newest first; nothing selected: the header;
 * a target in a folder that does not exist: refused, nothing written. */
static void
test_export_pages (void)
{
  g_autoptr (PdxDb) db = pdx_test_new_lab (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  g_autofree char *out = pdx_test_tmp_path ("all.csv");
  g_autofree char *none = pdx_test_tmp_path ("none.csv");
  g_autofree char *dir = pdx_test_tmp_path ("no-such-folder");
  g_autofree char *refused = g_build_filename (dir, "x.csv", NULL);
  gint64           first = newest_id (db) + 1;

  g_assert_true (
      pdx_db_exec (db,
                   "WITH RECURSIVE n (k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < 4321)"
                   " INSERT INTO audit_log (operator, table_name, row_id, action, new_values)"
                   " SELECT 'dana', 'line', k, 'insert', json_object ('code', 'L-' || k) FROM n",
                   &error));
  g_assert_no_error (error);
  g_assert_true (pdx_export_audit_csv (db, NULL, out, &error));
  g_assert_no_error (error);
  rows = read_rows (out);
  g_assert_cmpuint (rows->len, ==, 1 + 4321);
  for (guint i = 1; i < rows->len; i++)
    {
      g_autofree char *prefix = g_strdup_printf ("%" G_GINT64_FORMAT "|", first + 4321 - i);
      g_autofree char *code = g_strdup_printf ("|code||L-%u|", 4322 - i);

      g_assert_true (g_str_has_prefix (g_ptr_array_index (rows, i), prefix));
      g_assert_nonnull (strstr (g_ptr_array_index (rows, i), code));
    }
  g_clear_pointer (&rows, g_ptr_array_unref);
  g_assert_true (
      pdx_export_audit_csv (db, &(PdxAuditFilter){ .operator_name = "nobody" }, none, &error));
  rows = read_rows (none);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_false (pdx_export_audit_csv (db, NULL, refused, &error));
  g_assert_nonnull (error);
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
  g_clear_error (&error);
  g_assert_false (pdx_export_audit_csv (db, &(PdxAuditFilter){ .action = "x" }, out, &error));
  g_assert_error (error, PDX_DB_ERROR, PDX_DB_ERROR_INVALID);
  rows = read_rows (out); /* the earlier file is untouched */
  g_assert_cmpuint (rows->len, ==, 1 + 4321);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/export/history/rows", test_export_rows);
  g_test_add_func ("/export/history/pages", test_export_pages);
  return g_test_run ();
}
