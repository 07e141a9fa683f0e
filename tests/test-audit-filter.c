/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-audit-filter.c — the audit log filtered and paged (pdx_audit_list, pdx_audit_count): a
 * scripted sequence of edits by three operators, whose entries' ids are noted as they are
 * written, and entries written by hand at chosen UTC times for the local-day bounds. The
 * expected ids are those noted, never what the filter code returns. */
#include <string.h>

#include "pdx-test-util.h"
#include "pdx/pdx-model.h"
#include "store/pdx-store.h"

typedef struct
{
  char  *path;
  PdxDb *db;
  gint64 s1, s2, m07, m08, m07_s2;
  gint64 setup_last;         /* the last id of alice's setup */
  gint64 b_insert, b_update; /* bob's measurement of M07 and its correction */
  gint64 c_insert, c_delete; /* carol's measurement of M08 and its deletion */
} Lab;

static gint64
newest_id (PdxDb *db)
{
  g_autofree char *id = pdx_test_query_string (db, "SELECT max(id) FROM audit_log");

  return g_ascii_strtoll (id, NULL, 10);
}

/* Writes @m as @operator (with @reason) and returns the one audit entry it left. */
static gint64
measure (
    Lab *lab, const char *operator_name, PdxMeasurement *m, gboolean update, const char *reason)
{
  g_autoptr (GError) error = NULL;
  gint64 before = newest_id (lab->db);

  pdx_db_set_operator (lab->db, operator_name);
  pdx_db_set_reason (lab->db, reason);
  g_assert_true (update ? pdx_measurement_update (lab->db, m, &error)
                        : pdx_measurement_insert (lab->db, m, &error));
  g_assert_no_error (error);
  pdx_db_set_reason (lab->db, NULL);
  g_assert_cmpint (newest_id (lab->db), ==, before + 1);
  return before + 1;
}

static void
lab_setup (Lab *lab, gconstpointer data)
{
  g_autoptr (PdxMeasurement) m = pdx_measurement_new ();
  g_autoptr (PdxMeasurement) gone = pdx_measurement_new ();
  g_autoptr (GError) error = NULL;
  gint64 arm, before;

  lab->db = pdx_test_new_lab (&lab->path);
  pdx_db_set_operator (lab->db, "alice");
  lab->s1 = pdx_test_add_study (lab->db, "S-1", PDX_READOUT_CALIPER_VOLUME, "2026-11-01");
  arm = pdx_test_add_arm (lab->db, lab->s1, "Vehicle", TRUE);
  lab->m07 = pdx_test_add_mouse (lab->db, lab->s1, arm, "M07", "2026-10-20");
  lab->m08 = pdx_test_add_mouse (lab->db, lab->s1, arm, "M08", "2026-10-20");
  lab->s2 = pdx_test_add_study (lab->db, "S-2", PDX_READOUT_CALIPER_VOLUME, "2026-11-01");
  lab->m07_s2 = pdx_test_add_mouse (lab->db, lab->s2, 0, "M07", "2026-10-20");
  lab->setup_last = newest_id (lab->db);
  g_assert_cmpint (lab->setup_last, ==, 6); /* 2 studies, 1 arm, 3 mice: one entry each */

  m->mouse_id = lab->m07, m->date = g_strdup ("2026-11-12"), m->weight_g = 20.1;
  lab->b_insert = measure (lab, "bob", m, FALSE, NULL);
  m->weight_g = 21.5;
  lab->b_update = measure (lab, "bob", m, TRUE, "Transcription error (10% off)");
  gone->mouse_id = lab->m08, gone->date = g_strdup ("2026-11-12"), gone->weight_g = 19.0;
  lab->c_insert = measure (lab, "carol", gone, FALSE, NULL);
  before = newest_id (lab->db);
  pdx_db_set_operator (lab->db, "carol");
  pdx_db_set_reason (lab->db, "Instrument error");
  g_assert_true (pdx_row_delete (lab->db, PDX_TABLE_MEASUREMENT, gone->id, &error));
  g_assert_no_error (error);
  pdx_db_set_reason (lab->db, NULL);
  lab->c_delete = before + 1;
  g_assert_cmpint (newest_id (lab->db), ==, lab->c_delete);
}

static void
lab_teardown (Lab *lab, gconstpointer data)
{
  g_clear_pointer (&lab->db, pdx_db_close);
  g_free (lab->path);
}

/* The ids @filter lists, newest first, as "10 9 8"; and that pdx_audit_count agrees. */
static char *
ids_of (PdxDb *db, const PdxAuditFilter *filter)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) entries = pdx_audit_list (db, filter, &error);
  g_autoptr (GString) ids = g_string_new (NULL);
  PdxAuditFilter unlimited = *filter;

  g_assert_no_error (error);
  g_assert_nonnull (entries);
  for (guint i = 0; i < entries->len; i++)
    g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, i ? " " : "",
                            ((PdxAuditEntry *) g_ptr_array_index (entries, i))->id);
  unlimited.limit = 0;
  if (filter->limit == 0)
    g_assert_cmpint (pdx_audit_count (db, &unlimited, &error), ==, entries->len);
  g_assert_no_error (error);
  return g_string_free (g_steal_pointer (&ids), FALSE);
}

#define ASSERT_IDS(lab, expected, ...)                                                             \
  do                                                                                               \
    {                                                                                              \
      g_autofree char *got_ = ids_of ((lab)->db, &(PdxAuditFilter){ __VA_ARGS__ });                \
      g_assert_cmpstr (got_, ==, expected);                                                        \
    }                                                                                              \
  while (0)

/* Study, mouse (by tag: in any study or in one), operator and action, alone and together. */
static void
test_filter_fields (Lab *lab, gconstpointer data)
{
  /* ids: 1 S-1, 2 arm, 3 M07, 4 M08, 5 S-2, 6 M07 of S-2, 7 bob's insert, 8 his update,
   * 9 carol's insert, 10 her delete */
  g_assert_cmpint (lab->b_insert, ==, 7);
  ASSERT_IDS (lab, "10 9 8 7 6 5 4 3 2 1", .study_id = 0);
  ASSERT_IDS (lab, "10 9 8 7 4 3 2 1", .study_id = lab->s1);
  ASSERT_IDS (lab, "6 5", .study_id = lab->s2);
  ASSERT_IDS (lab, "8 7 6 3", .mouse_tag = "M07");
  ASSERT_IDS (lab, "8 7 3", .study_id = lab->s1, .mouse_tag = "M07");
  ASSERT_IDS (lab, "6", .study_id = lab->s2, .mouse_tag = "M07");
  ASSERT_IDS (lab, "", .mouse_tag = "M99");
  ASSERT_IDS (lab, "8 7", .operator_name = "bob");
  ASSERT_IDS (lab, "6 5 4 3 2 1", .operator_name = "alice");
  ASSERT_IDS (lab, "", .operator_name = "Bob"); /* an operator is matched exactly */
  ASSERT_IDS (lab, "8", .action = "update");
  ASSERT_IDS (lab, "10", .action = "delete");
  ASSERT_IDS (lab, "", .action = "import");
  ASSERT_IDS (lab, "9 7 6 5 4 3 2 1", .action = "insert");
  ASSERT_IDS (lab, "10", .study_id = lab->s1, .operator_name = "carol", .action = "delete");
  ASSERT_IDS (lab, "", .study_id = lab->s2, .operator_name = "carol");
}

/* Every word must occur, in any ASCII case, in the table, values, reason, operator or mouse tag;
 * LIKE's own % and _ are literal. */
static void
test_filter_search (Lab *lab, gconstpointer data)
{
  ASSERT_IDS (lab, "8", .text = "transcription");
  ASSERT_IDS (lab, "8", .text = "  TRANSCRIPTION\terror ");
  ASSERT_IDS (lab, "10", .text = "M08 instrument");
  ASSERT_IDS (lab, "10 9 4", .text = "M08");             /* the mouse, its measurement's two */
  ASSERT_IDS (lab, "8 7 6 3", .text = "m07");            /* by tag, any study */
  ASSERT_IDS (lab, "8", .text = "21.5");                 /* a new value */
  ASSERT_IDS (lab, "8 7", .text = "20.1");               /* the insert's value, the old one */
  ASSERT_IDS (lab, "2", .text = "vehicle");              /* the arm's name */
  ASSERT_IDS (lab, "8", .text = "%");                    /* only the reason has a '%' */
  ASSERT_IDS (lab, "", .text = "transcription carol");   /* every word must occur */
  ASSERT_IDS (lab, "10 9", .text = "carol");             /* the operator */
  ASSERT_IDS (lab, "10 9 8 7", .text = "measurement");   /* the table */
  ASSERT_IDS (lab, "10 9 8 7 6 5 4 3 2 1", .text = " "); /* blank: any */
  ASSERT_IDS (lab, "8", .study_id = lab->s1, .mouse_tag = "M07", .text = "error");
  ASSERT_IDS (lab, "", .text = "M07_"); /* '_' is no wildcard */
}

/* Pages of 3 by before_id walk the whole trail once, newest first; count follows before_id. */
static void
test_filter_paging (Lab *lab, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  ASSERT_IDS (lab, "10 9 8", .limit = 3);
  ASSERT_IDS (lab, "7 6 5", .limit = 3, .before_id = 8);
  ASSERT_IDS (lab, "4 3 2", .limit = 3, .before_id = 5);
  ASSERT_IDS (lab, "1", .limit = 3, .before_id = 2);
  ASSERT_IDS (lab, "", .limit = 3, .before_id = 1);
  ASSERT_IDS (lab, "4 3 2 1", .study_id = lab->s1, .before_id = 7);
  ASSERT_IDS (lab, "7", .operator_name = "bob", .before_id = 8);
  g_assert_cmpint (pdx_audit_count (lab->db, &(PdxAuditFilter){ .before_id = 8 }, &error), ==, 7);
  g_assert_cmpint (pdx_audit_count (lab->db, NULL, &error), ==, 10);
  g_assert_no_error (error);
}

/* A bad filter is one message naming it; the list and the count agree with the error. */
static void
test_filter_refused (Lab *lab, gconstpointer data)
{
  static const struct
  {
    PdxAuditFilter filter;
    const char    *message;
  } cases[] = {
    { { .action = "remove" }, "no action 'remove'" },
    { { .since = "2026-02-30" }, "from '2026-02-30' is not a date" },
    { { .until = "12 Nov" }, "to '12 Nov' is not a date" },
    { { .text = "a b c d e f g h i j k l m n o p q" }, "more than 16 words" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL, count_error = NULL;
      g_autoptr (GPtrArray) entries = pdx_audit_list (lab->db, &cases[i].filter, &error);

      g_assert_null (entries);
      g_assert_error (error, PDX_DB_ERROR, PDX_DB_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, cases[i].message));
      g_assert_cmpint (pdx_audit_count (lab->db, &cases[i].filter, &count_error), ==, -1);
      g_assert_error (count_error, PDX_DB_ERROR, PDX_DB_ERROR_INVALID);
    }
}

/* From and to are local days (TZ), inclusive: entries written by hand at chosen UTC times. In
 * New York (UTC-5 in November) 12 Nov is 05:00 UTC on the 12th to 05:00 UTC on the 13th. */
static void
test_filter_local_days (void)
{
  g_autofree char *path = NULL;
  g_autoptr (PdxDb) db = pdx_test_new_lab (&path);
  g_autoptr (GError) error = NULL;
  Lab lab = { .db = db };

  g_assert_true (pdx_db_exec (
      db,
      "INSERT INTO audit_log (time, operator, table_name, row_id, action, new_values) VALUES"
      " ('2026-11-12T04:59:59.999Z', 'dana', 'line', 1, 'insert', '{}'),"
      " ('2026-11-12T05:00:00.000Z', 'dana', 'line', 2, 'insert', '{}'),"
      " ('2026-11-13T04:59:59.999Z', 'dana', 'line', 3, 'insert', '{}'),"
      " ('2026-11-13T05:00:00.000Z', 'dana', 'line', 4, 'insert', '{}')",
      &error));
  g_assert_no_error (error);
  g_setenv ("TZ", "America/New_York", TRUE);
  ASSERT_IDS (&lab, "3 2", .since = "2026-11-12", .until = "2026-11-12");
  ASSERT_IDS (&lab, "4 3 2", .since = "2026-11-12");
  ASSERT_IDS (&lab, "3 2 1", .until = "2026-11-12");
  ASSERT_IDS (&lab, "1", .until = "2026-11-11");
  g_setenv ("TZ", "UTC", TRUE);
  ASSERT_IDS (&lab, "2 1", .since = "2026-11-12", .until = "2026-11-12");
  g_setenv ("TZ", "Europe/Berlin", TRUE); /* UTC+1: 12 Nov is 23:00 on the 11th to 23:00 */
  ASSERT_IDS (&lab, "2 1", .since = "2026-11-12", .until = "2026-11-12");
  ASSERT_IDS (&lab, "4 3", .since = "2026-11-13", .until = "2026-11-13");
  g_unsetenv ("TZ");
}

#define ADD(path, fn)                                                                              \
  g_test_add ("/core/audit-filter/" path, Lab, NULL, lab_setup, fn, lab_teardown)

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  ADD ("fields", test_filter_fields);
  ADD ("search", test_filter_search);
  ADD ("paging", test_filter_paging);
  ADD ("refused", test_filter_refused);
  g_test_add_func ("/core/audit-filter/local-days", test_filter_local_days);
  return g_test_run ();
}
