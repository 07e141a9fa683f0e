/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-study-life.c — a study over its life (issue 13, docs/study-lifecycle.md): status changes
 * with their dates and reasons, and their refusals; metadata corrected field by field, only
 * what changed written, never over another writer's change; `pdxtrack-cli study set` end to
 * end on the demo lab, day 0 moved and the measurements' study days recomputed. */
#include "pdx-test-util.h"
#include "pdx-test-cli.h"

#include <string.h>

/* The newest audit entries after entry @after, "table:action:reason" each, oldest first. */
static char *
entries_after (PdxDb *db, gint64 after)
{
  g_autofree char *sql = g_strdup_printf (
      "SELECT group_concat (table_name || ':' || action || ':' || coalesce (reason, '-'), ' | ')"
      " FROM (SELECT * FROM audit_log WHERE id > %" G_GINT64_FORMAT " ORDER BY id)",
      after);
  return pdx_test_query_string (db, sql);
}

static gint64
last_entry (PdxDb *db)
{
  g_autofree char *id = pdx_test_query_string (db, "SELECT coalesce (max (id), 0) FROM audit_log");
  return g_ascii_strtoll (id, NULL, 10);
}

/* Asserts the status change is refused with @code and a message holding @expected, the lab
 * unchanged. */
static void
assert_status_refused (PdxDb      *db,
                       gint64      study,
                       const char *expected_status,
                       const char *status,
                       const char *date,
                       const char *reason,
                       int         code,
                       const char *expected)
{
  g_autofree char *before = pdx_test_dump_hash (db), *after = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_false (pdx_study_set_status (db, study, expected_status, status, date, reason, &error));
  g_assert_error (error, PDX_DB_ERROR, code);
  if (strstr (error->message, expected) == NULL)
    g_error ("refused with '%s', expected '%s'", error->message, expected);
  after = pdx_test_dump_hash (db);
  g_assert_cmpstr (before, ==, after);
}

static void
test_status (void)
{
  g_autoptr (PdxDb) db = pdx_test_new_lab (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) changes = NULL;
  g_autofree char *entries = NULL, *status = NULL;
  gint64           study = pdx_test_add_study (db, "S1", PDX_READOUT_BLI_FLUX, "2026-03-02");
  gint64           mark;
  g_auto (PdxAuthResult) auth = { FALSE, g_strdup ("not re-authenticated: test") };

  /* pdx_test_add_study stores 'active'; a planned study is made by correcting it back. */
  assert_status_refused (db, study, "active", "planned", "2026-03-01", NULL, PDX_DB_ERROR_INVALID,
                         "back to planned only with a reason");
  mark = last_entry (db);
  g_assert_true (pdx_study_set_status (db, study, "active", "planned", "2026-03-01",
                                       "created as active by mistake", &error));
  g_assert_no_error (error);
  entries = entries_after (db, mark);
  g_assert_cmpstr (entries, ==,
                   "study_status_change:insert:created as active by mistake | "
                   "study:update:created as active by mistake");
  /* Forward without a reason: the entry says the step. */
  mark = last_entry (db);
  g_assert_true (pdx_study_set_status (db, study, "planned", "active", "2026-03-02", NULL, &error));
  g_assert_no_error (error);
  g_free (entries);
  entries = entries_after (db, mark);
  g_assert_cmpstr (entries, ==,
                   "study_status_change:insert:status planned → active | "
                   "study:update:status planned → active");

  /* Refusals, each leaving the lab as it was. */
  assert_status_refused (db, study, "planned", "completed", "2026-04-01", NULL,
                         PDX_DB_ERROR_CONFLICT, "is now active, not planned");
  assert_status_refused (db, study, "active", "active", "2026-04-01", NULL, PDX_DB_ERROR_INVALID,
                         "is already");
  assert_status_refused (db, study, "active", "paused", "2026-04-01", NULL, PDX_DB_ERROR_INVALID,
                         "'paused' is not a status");
  assert_status_refused (db, study, "active", "completed", "2026-04-31", NULL, PDX_DB_ERROR_INVALID,
                         "'2026-04-31' is not a date");
  {
    g_autoptr (GDateTime) now = g_date_time_new_now_local ();
    g_autoptr (GDateTime) next = g_date_time_add_days (now, 1);
    g_autofree char *tomorrow = g_date_time_format (next, "%Y-%m-%d");
    assert_status_refused (db, study, "active", "completed", tomorrow, NULL, PDX_DB_ERROR_INVALID,
                           "after today");
  }
  assert_status_refused (db, study, "active", "completed", "2026-03-01", NULL, PDX_DB_ERROR_INVALID,
                         "before its last status change (2026-03-02)");
  assert_status_refused (db, study, "active", "terminated", "2026-04-01", "  ",
                         PDX_DB_ERROR_INVALID, "Terminating study S1 needs a reason");

  g_assert_true (pdx_study_set_status (db, study, "active", "terminated", "2026-04-01",
                                       "humane endpoints in every arm", &error));
  g_assert_no_error (error);
  status = pdx_test_query_string (db, "SELECT status FROM study");
  g_assert_cmpstr (status, ==, "terminated");
  changes = pdx_study_list_status_changes (db, study, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 3);
  {
    PdxStatusChange *last = g_ptr_array_index (changes, 2);
    PdxStatusChange *first = g_ptr_array_index (changes, 0);
    g_assert_cmpstr (first->status, ==, "planned");
    g_assert_cmpstr (first->date, ==, "2026-03-01");
    g_assert_cmpstr (last->status, ==, "terminated");
    g_assert_cmpstr (last->date, ==, "2026-04-01");
    g_assert_cmpstr (last->reason, ==, "humane endpoints in every arm");
  }

  /* A locked study refuses, naming its lock. */
  g_assert_true (pdx_study_sign (db, study, PDX_SIGNATURE_LOCK, "final", &auth, NULL, &error));
  g_assert_no_error (error);
  assert_status_refused (db, study, "terminated", "active", "2026-04-02", "reopened",
                         PDX_DB_ERROR_LOCKED, "locked");
  g_assert_true (pdx_db_check (db, NULL, &error));
  g_assert_no_error (error);
}

/* Metadata: two people read the same study; one changes the title; the other's stale title is
 * refused, but the other's change of another field goes through and keeps the first's title. */
static void
test_fields (void)
{
  g_autoptr (PdxDb) db = pdx_test_new_lab (NULL);
  g_autoptr (GError) error = NULL;
  gint64 study = pdx_test_add_study (db, "S1", PDX_READOUT_BLI_FLUX, "2026-03-02");
  g_autoptr (PdxStudy) alice = pdx_study_get (db, study, NULL);
  g_autoptr (PdxStudy) bob = pdx_study_get (db, study, NULL);
  g_autoptr (PdxStudy) alice_new = pdx_study_get (db, study, NULL);
  g_autoptr (PdxStudy) bob_new = pdx_study_get (db, study, NULL);
  g_autoptr (PdxStudy) stored = NULL;
  g_autofree char *before = NULL, *after = NULL, *entry = NULL;
  gint64           mark;

  /* No reason, nothing to change: refused. */
  g_free (alice_new->title);
  alice_new->title = g_strdup ("Tucatinib in BCBM-017");
  g_assert_false (pdx_study_update_fields (db, alice, alice_new, PDX_STUDY_TITLE, " ", &error));
  g_assert_error (error, PDX_DB_ERROR, PDX_DB_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "needs a reason"));
  g_clear_error (&error);
  g_assert_false (pdx_study_update_fields (db, alice, alice, PDX_STUDY_TITLE, "x", &error));
  g_assert_nonnull (strstr (error->message, "Nothing to change"));
  g_clear_error (&error);

  mark = last_entry (db);
  g_assert_true (pdx_study_update_fields (db, alice, alice_new, PDX_STUDY_TITLE | PDX_STUDY_DAY0,
                                          "title from the protocol", &error));
  g_assert_no_error (error);
  /* One entry: only the title changed (day 0 was given unchanged); the title had none. */
  g_assert_cmpint (last_entry (db), ==, mark + 1);
  entry = pdx_test_query_string (db, "SELECT coalesce (old_values ->> '$.title', 'none') || '>'"
                                     " || (new_values ->> '$.title') || ':' || reason FROM"
                                     " audit_log ORDER BY id DESC LIMIT 1");
  g_assert_cmpstr (entry, ==, "none>Tucatinib in BCBM-017:title from the protocol");

  /* Bob read before Alice's change: his title is stale. */
  g_free (bob_new->title);
  bob_new->title = g_strdup ("Bob's title");
  g_free (bob_new->investigator);
  bob_new->investigator = g_strdup ("B. Okafor");
  before = pdx_test_dump_hash (db);
  g_assert_false (pdx_study_update_fields (
      db, bob, bob_new, PDX_STUDY_TITLE | PDX_STUDY_INVESTIGATOR, "mine", &error));
  g_assert_error (error, PDX_DB_ERROR, PDX_DB_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "its title was changed by someone else"));
  g_clear_error (&error);
  after = pdx_test_dump_hash (db);
  g_assert_cmpstr (before, ==, after);
  g_assert_true (pdx_study_update_fields (db, bob, bob_new, PDX_STUDY_INVESTIGATOR,
                                          "investigator named", &error));
  g_assert_no_error (error);
  stored = pdx_study_get (db, study, NULL);
  g_assert_cmpstr (stored->title, ==, "Tucatinib in BCBM-017");
  g_assert_cmpstr (stored->investigator, ==, "B. Okafor");

  /* Bad values: each refused with where and what, nothing written. */
  {
    g_autoptr (PdxStudy) bad = pdx_study_get (db, study, NULL);
    struct
    {
      guint       field;
      const char *expected;
    } cases[] = {
      { PDX_STUDY_DAY0, "day 0 '2026-3-2' is not a date" },
      { PDX_STUDY_LINE, "the tissue line 99 does not exist" },
      { PDX_STUDY_IMPLANT_SITE, "'brain' is not a known implant site" },
      { PDX_STUDY_PASSAGE, "cannot be negative" },
    };
    g_free (bad->day0);
    bad->day0 = g_strdup ("2026-3-2");
    bad->line_id = 99;
    bad->implant_site = g_strdup ("brain");
    bad->passage = -5;
    g_free (before);
    before = pdx_test_dump_hash (db);
    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_assert_false (
            pdx_study_update_fields (db, stored, bad, cases[i].field, "correction", &error));
        g_assert_error (error, PDX_DB_ERROR, PDX_DB_ERROR_INVALID);
        if (strstr (error->message, cases[i].expected) == NULL)
          g_error ("'%s', expected '%s'", error->message, cases[i].expected);
        g_clear_error (&error);
      }
    g_free (after);
    after = pdx_test_dump_hash (db);
    g_assert_cmpstr (before, ==, after);
  }
  g_assert_true (pdx_db_check (db, NULL, &error));
  g_assert_no_error (error);
}

/* The CLI on the demo lab: day 0 of ICR-017-A (2026-01-26) moved to 2026-01-23 with a reason;
 * its mouse A-01's first measurement, 2026-01-25, goes from day -1 to day 2 (25 − 23, by hand)
 * in the measurements export; the refusals say what and change nothing. */
static void
test_cli (void)
{
  g_autofree char *path = NULL, *out = NULL, *err = NULL, *csv = NULL, *text = NULL;
  g_autofree char *before = NULL, *after = NULL, *entry = NULL;
  g_autofree char *export_path = pdx_test_tmp_path ("m.csv");
  const char      *demo[] = { "demo", NULL };
  const char *export[] = { "--format",     "csv",       "export",
                           "measurements", "--study",   "ICR-017-A",
                           "--out",        export_path, NULL };

  pdx_db_close (pdx_test_new_lab (&path));
  g_assert_cmpint (pdx_test_run_cli_args (path, demo, NULL, NULL), ==, 0);
  g_assert_cmpint (pdx_test_run_cli_args (path, export, NULL, NULL), ==, 0);
  g_assert_true (g_file_get_contents (export_path, &csv, NULL, NULL));
  g_assert_nonnull (strstr (csv, "\nICR-017-A,BCBM-017,Vehicle,A-01,2026-01-25,-1,"));
  g_clear_pointer (&csv, g_free);

  {
    const char *no_reason[] = {
      "study", "set", "--study", "ICR-017-A", "--day0", "2026-01-23", NULL
    };
    g_assert_cmpint (pdx_test_run_cli_args (path, no_reason, NULL, &err), ==, 1);
    g_assert_nonnull (strstr (err, "Changing a study needs a reason"));
    g_clear_pointer (&err, g_free);
  }
  {
    const char *set[] = { "study",  "set",        "--study",  "ICR-017-A",
                          "--day0", "2026-01-23", "--reason", "day 0 was the first dose",
                          NULL };
    g_assert_cmpint (pdx_test_run_cli_args (path, set, &out, &err), ==, 0);
    g_assert_nonnull (strstr (out, "Day 0 moved from 2026-01-26 to 2026-01-23"));
  }
  g_assert_cmpint (pdx_test_run_cli_args (path, export, NULL, NULL), ==, 0);
  g_assert_true (g_file_get_contents (export_path, &csv, NULL, NULL));
  g_assert_nonnull (strstr (csv, "\nICR-017-A,BCBM-017,Vehicle,A-01,2026-01-25,2,"));
  {
    g_autoptr (PdxDb) db = pdx_db_open (path, PDX_DB_OPEN_EXISTING, NULL);
    entry = pdx_test_query_string (db, "SELECT (old_values ->> '$.day0') || '>' ||"
                                       " (new_values ->> '$.day0') || ':' || reason FROM audit_log"
                                       " ORDER BY id DESC LIMIT 1");
    g_assert_cmpstr (entry, ==, "2026-01-26>2026-01-23:day 0 was the first dose");
    before = pdx_test_dump_hash (db);
  }

  /* Refusals: an unknown line, a bad readout, status with metadata, a locked study. */
  {
    const char *cases[][12] = {
      { "study", "set", "--study", "ICR-017-A", "--line", "BCBM-999", "--reason", "x", NULL },
      { "study", "set", "--study", "ICR-017-A", "--readout", "volume", "--reason", "x", NULL },
      { "study", "set", "--study", "ICR-017-A", "--status", "active", "--title", "T", "--reason",
        "x", NULL },
      { "study", "set", "--study", "ICR-031-D", "--status", "terminated", NULL },
      { "study", "set", "--study", "NOPE", "--title", "T", "--reason", "x", NULL },
    };
    const char *expected[] = {
      "no tissue line 'BCBM-999'",
      "--readout takes bli_flux, mri_volume or caliper_volume, not 'volume'",
      "change the status and the other values in two commands",
      "Terminating study ICR-031-D needs a reason",
      "NOPE",
    };
    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_clear_pointer (&err, g_free);
        g_assert_cmpint (pdx_test_run_cli_args (path, cases[i], NULL, &err), !=, 0);
        if (strstr (err, expected[i]) == NULL)
          g_error ("case %u: '%s', expected '%s'", i, err, expected[i]);
      }
  }
  {
    const char *lock[] = { "study", "sign",     "--study",      "ICR-017-A",   "--meaning",
                           "lock",  "--reason", "final report", "--no-reauth", NULL };
    const char *set[] = { "study", "set",      "--study", "ICR-017-A", "--title",
                          "T",     "--reason", "x",       NULL };
    g_autoptr (PdxDb) db = NULL;
    g_assert_cmpint (pdx_test_run_cli_args (path, lock, NULL, NULL), ==, 0);
    {
      g_autoptr (PdxDb) locked = pdx_db_open (path, PDX_DB_OPEN_EXISTING, NULL);
      g_free (before);
      before = pdx_test_dump_hash (locked);
    }
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (pdx_test_run_cli_args (path, set, NULL, &err), ==, 1);
    g_assert_nonnull (strstr (err, "locked"));
    db = pdx_db_open (path, PDX_DB_OPEN_EXISTING, NULL);
    after = pdx_test_dump_hash (db);
    g_assert_cmpstr (before, ==, after);
  }
  {
    const char *status[] = { "study",  "set",           "--study",    "ICR-031-D", "--status",
                             "active", "--status-date", "2026-05-18", NULL };
    g_clear_pointer (&out, g_free);
    g_assert_cmpint (pdx_test_run_cli_args (path, status, &out, NULL), ==, 0);
    g_assert_nonnull (strstr (out, "Study ICR-031-D is now active (since 2026-05-18)"));
  }
  {
    const char *check[] = { "check", NULL };
    g_assert_cmpint (pdx_test_run_cli_args (path, check, NULL, NULL), ==, 0);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/study-life/status", test_status);
  g_test_add_func ("/study-life/fields", test_fields);
  g_test_add_func ("/study-life/cli", test_cli);
  return g_test_run ();
}
