/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-signature.c — electronic signatures and locked studies (issue 12): a signature records
 * who, when, why, how the person was re-authenticated and the audit seal at signing; a locked
 * study refuses every write from every path (the model's writers, the bench sheet's save, the
 * randomisation, both importers, another program's SQL) with PDX_DB_ERROR_LOCKED naming the
 * lock, the lab byte for byte unchanged; unlocking needs a reason; signatures can never be
 * changed. Expected texts and values are written here by hand or read with plain SQL. */
#include <string.h>

#include "pdx-test-util.h"
#include "store/pdx-store-private.h" /* pdx_db_open_at_version */
#include "store/pdx-store-sqlite.h"
#include "pdx/pdx-audit.h"
#include "pdx/pdx-import.h"
#include "pdx/pdx-sheet.h"
#include "pdx/pdx-study-data.h"
#include "pdx/pdx-analysis.h"

typedef struct
{
  PdxDb *db;
  char  *path;
  gint64 study_id, other_id, arm_id, m1, m2, measurement_id;
} Fixture;

/* Study ICR-031-D (one arm, mouse M1 randomised with a weight on 2026-01-10, M2 not
 * randomised) and study OTHER with one mouse: the lock of the first must not touch the second. */
static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (PdxMeasurement) m = pdx_measurement_new ();
  g_autoptr (GError) error = NULL;

  f->db = pdx_test_new_lab (&f->path);
  pdx_db_set_operator (f->db, "Jane Doe");
  f->study_id = pdx_test_add_study (f->db, "ICR-031-D", PDX_READOUT_BLI_FLUX, "2026-01-10");
  f->arm_id = pdx_test_add_arm (f->db, f->study_id, "Vehicle", TRUE);
  pdx_test_add_arm (f->db, f->study_id, "T-DM1", FALSE);
  f->m1 = pdx_test_add_mouse (f->db, f->study_id, f->arm_id, "M1", "2026-01-01");
  f->m2 = pdx_test_add_mouse (f->db, f->study_id, 0, "M2", "2026-01-01");
  f->other_id = pdx_test_add_study (f->db, "OTHER", PDX_READOUT_BLI_FLUX, "2026-01-10");
  pdx_test_add_mouse (f->db, f->other_id, 0, "X1", "2026-01-01");
  m->mouse_id = f->m1;
  m->date = g_strdup ("2026-01-10");
  m->weight_g = 21.5;
  g_assert_true (pdx_measurement_insert (f->db, m, &error));
  g_assert_no_error (error);
  f->measurement_id = m->id;
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  pdx_db_close (f->db);
  g_free (f->path);
}

static PdxAuthResult
auth_of (gboolean reauthenticated, const char *method)
{
  return (PdxAuthResult){ reauthenticated, g_strdup (method) };
}

/* Signs study @f with @meaning; asserts success; returns the signature id. */
static gint64
sign (Fixture *f, PdxSignatureMeaning meaning, const char *reason)
{
  g_auto (PdxAuthResult) auth = auth_of (TRUE, "PAM service pdxtrack, configuration in /test");
  g_autoptr (GError) error = NULL;
  gint64 id = 0;

  g_assert_true (pdx_study_sign (f->db, f->study_id, meaning, reason, &auth, &id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static char *
query (Fixture *f, const char *sql)
{
  return pdx_test_query_string (f->db, sql);
}

/* The refusal of a write to the locked study: PDX_DB_ERROR_LOCKED naming the study, the meaning,
 * the login, the display name and the reason. */
static void
assert_locked_error (const GError *error)
{
  g_autofree char *expected_who = g_strdup_printf ("by %s (Jane Doe) on ", g_get_user_name ());

  g_assert_error (error, PDX_DB_ERROR, PDX_DB_ERROR_LOCKED);
  g_assert_nonnull (strstr (error->message, "Study ICR-031-D is locked: signed \"lock\" "));
  g_assert_nonnull (strstr (error->message, expected_who));
  g_assert_nonnull (strstr (error->message, "— \"final data\". Nothing was changed."));
}

static void
test_review_does_not_lock (Fixture *f, gconstpointer data)
{
  g_autoptr (PdxMeasurement) m = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (PdxSignature) lock = NULL;
  const PdxSignature *s;

  sign (f, PDX_SIGNATURE_REVIEW, "data reviewed");
  sign (f, PDX_SIGNATURE_APPROVE, "approved for the report");
  lock = pdx_study_get_lock (f->db, f->study_id, &error);
  g_assert_no_error (error);
  g_assert_null (lock);
  m = pdx_measurement_get (f->db, f->measurement_id, &error);
  m->weight_g = 22.0;
  pdx_db_set_reason (f->db, "Transcription error");
  g_assert_true (pdx_measurement_update (f->db, m, &error));
  g_assert_no_error (error);
  list = pdx_study_list_signatures (f->db, f->study_id, &error);
  g_assert_cmpuint (list->len, ==, 2);
  s = g_ptr_array_index (list, 0);
  g_assert_cmpint (s->meaning, ==, PDX_SIGNATURE_REVIEW);
  g_assert_cmpstr (s->login, ==, g_get_user_name ());
  g_assert_cmpstr (s->name, ==, "Jane Doe");
  g_assert_cmpstr (s->reason, ==, "data reviewed");
  g_assert_true (s->reauthenticated);
  g_assert_cmpstr (s->method, ==, "PAM service pdxtrack, configuration in /test");
  g_assert_true (g_regex_match_simple ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z$",
                                       s->time, 0, 0));
  g_assert_cmpint (((PdxSignature *) g_ptr_array_index (list, 1))->meaning, ==,
                   PDX_SIGNATURE_APPROVE);
}

/* The seal recorded is the chain's head just before the signature: read with plain SQL. */
static void
test_seal_at_signing (Fixture *f, gconstpointer data)
{
  g_autofree char *seq = query (f, "SELECT max (id) FROM audit_log");
  g_autofree char *hash = query (f, "SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1");
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxSignature) s =
      pdx_signature_get (f->db, sign (f, PDX_SIGNATURE_LOCK, "final data"), &error);
  g_autofree char *audited = NULL;
  g_autofree char *sql = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (s->seal_seq, ==, g_ascii_strtoll (seq, NULL, 10));
  g_assert_cmpstr (s->seal_hash, ==, hash);
  g_assert_cmpuint (strlen (s->seal_hash), ==, 64);
  /* The signature itself is in the chain, after the seal it records, and so is the lock. */
  sql = g_strdup_printf ("SELECT group_concat (table_name || ':' || action || ':' || reason, ' ')"
                         " FROM audit_log WHERE id > %s",
                         seq);
  audited = query (f, sql);
  g_assert_cmpstr (audited, ==, "signature:insert:final data study:update:final data");
}

typedef gboolean (*WriteFunc) (Fixture *f, GError **error);

static gboolean
write_study (Fixture *f, GError **error)
{
  g_autoptr (PdxStudy) study = pdx_study_get (f->db, f->study_id, error);
  g_free (study->title);
  study->title = g_strdup ("renamed");
  return pdx_study_update (f->db, study, error);
}

static gboolean
write_arm_insert (Fixture *f, GError **error)
{
  g_autoptr (PdxArm) arm = pdx_arm_new ();
  arm->study_id = f->study_id;
  arm->name = g_strdup ("Lapatinib");
  return pdx_arm_insert (f->db, arm, error);
}

static gboolean
write_arm_update (Fixture *f, GError **error)
{
  g_autoptr (PdxArm) arm = pdx_arm_get (f->db, f->arm_id, error);
  g_free (arm->colour);
  arm->colour = g_strdup ("#112233");
  return pdx_arm_update (f->db, arm, error);
}

static gboolean
write_mouse_insert (Fixture *f, GError **error)
{
  g_autoptr (PdxMouse) mouse = pdx_mouse_new ();
  mouse->study_id = f->study_id;
  mouse->tag = g_strdup ("M3");
  return pdx_mouse_insert (f->db, mouse, error);
}

static gboolean
write_mouse_exclude (Fixture *f, GError **error)
{
  g_autoptr (PdxMouse) mouse = pdx_mouse_get (f->db, f->m2, error);
  mouse->excluded = TRUE;
  mouse->exclusion_reason = g_strdup ("no engraftment");
  return pdx_mouse_update (f->db, mouse, error);
}

static gboolean
write_mouse_delete (Fixture *f, GError **error)
{
  return pdx_row_delete (f->db, PDX_TABLE_MOUSE, f->m2, error);
}

static gboolean
write_measurement_insert (Fixture *f, GError **error)
{
  g_autoptr (PdxMeasurement) m = pdx_measurement_new ();
  m->mouse_id = f->m2;
  m->date = g_strdup ("2026-01-12");
  m->weight_g = 20.0;
  return pdx_measurement_insert (f->db, m, error);
}

static gboolean
write_measurement_update (Fixture *f, GError **error)
{
  g_autoptr (PdxMeasurement) m = pdx_measurement_get (f->db, f->measurement_id, error);
  m->weight_g = 23.0;
  return pdx_measurement_update (f->db, m, error);
}

static gboolean
write_measurement_delete (Fixture *f, GError **error)
{
  return pdx_row_delete (f->db, PDX_TABLE_MEASUREMENT, f->measurement_id, error);
}

static gboolean
write_endpoint (Fixture *f, GError **error)
{
  g_autoptr (PdxEndpoint) e = pdx_endpoint_new ();
  e->mouse_id = f->m1;
  e->date = g_strdup ("2026-02-01");
  e->kind = PDX_ENDPOINT_END_OF_STUDY;
  e->is_event = FALSE;
  return pdx_endpoint_insert (f->db, e, error);
}

static gboolean
write_sheet (Fixture *f, GError **error)
{
  const char  *tags[] = { "M1", "M2" };
  const double weights[] = { 24.0, 19.5 };
  return pdx_test_sheet_save_weights (f->db, f->study_id, "2026-01-10", tags, weights, 2, error);
}

static gboolean
write_randomise (Fixture *f, GError **error)
{
  PdxRandomization r = { .seed = 7 };
  gboolean         ok =
      pdx_study_assign_arms (f->db, f->study_id, "randomised", pdx_randomization_plan, &r, error);
  g_clear_pointer (&r.report, pdx_balance_report_free);
  return ok;
}

static gboolean
write_import (Fixture *f, const char *name, const char *csv, gboolean mice, GError **error)
{
  g_autofree char *file = pdx_test_write_file (name, csv, -1);
  PdxImportReport  report = { 0 };
  gboolean         ok = mice ? pdx_import_mice (f->db, file, &report, NULL, NULL, error)
                             : pdx_import_measurements (f->db, file, &report, NULL, NULL, error);

  pdx_import_report_clear (&report);
  return ok;
}

static gboolean
write_import_measurements (Fixture *f, GError **error)
{
  return write_import (f, "m.csv", "study,mouse,date,weight_g\nICR-031-D,M2,2026-01-11,20.1\n",
                       FALSE, error);
}

static gboolean
write_import_mice (Fixture *f, GError **error)
{
  return write_import (f, "mice.csv", "study,arm,mouse\nICR-031-D,Vehicle,M9\n", TRUE, error);
}

static const struct
{
  const char *name;
  WriteFunc   write;
} writes[] = {
  { "study", write_study },
  { "arm-insert", write_arm_insert },
  { "arm-update", write_arm_update },
  { "mouse-insert", write_mouse_insert },
  { "mouse-exclude", write_mouse_exclude },
  { "mouse-delete", write_mouse_delete },
  { "measurement-insert", write_measurement_insert },
  { "measurement-update", write_measurement_update },
  { "measurement-delete", write_measurement_delete },
  { "endpoint", write_endpoint },
  { "sheet-save", write_sheet },
  { "randomise", write_randomise },
  { "import-measurements", write_import_measurements },
  { "import-mice", write_import_mice },
};

/* Every write path on the locked study: refused with the lock named, the lab unchanged; the
 * same write on the other study, and on this one after the unlock, works. */
static void
test_locked_refuses_writes (Fixture *f, gconstpointer data)
{
  sign (f, PDX_SIGNATURE_LOCK, "final data");
  for (guint i = 0; i < G_N_ELEMENTS (writes); i++)
    {
      g_autofree char *before = pdx_test_dump_hash (f->db);
      g_autofree char *after = NULL;
      g_autoptr (GError) error = NULL;

      g_test_message ("write path %s", writes[i].name);
      pdx_db_set_reason (f->db, "Re-measured");
      g_assert_false (writes[i].write (f, &error));
      pdx_db_set_reason (f->db, NULL);
      assert_locked_error (error);
      after = pdx_test_dump_hash (f->db);
      g_assert_cmpstr (before, ==, after);
    }
}

static void
test_unlock_allows_writes (Fixture *f, gconstpointer data)
{
  g_auto (PdxAuthResult) auth = auth_of (FALSE, "not re-authenticated: signed with --no-reauth");
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxSignature) lock = NULL;
  g_autoptr (GPtrArray) list = NULL;
  g_autofree char *before = NULL, *after = NULL;
  gint64           lock_id = sign (f, PDX_SIGNATURE_LOCK, "final data"), unlock_id = 0;

  lock = pdx_study_get_lock (f->db, f->study_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lock->id, ==, lock_id);
  /* Without a reason: refused, nothing written. */
  before = pdx_test_dump_hash (f->db);
  g_assert_false (pdx_study_unlock (f->db, f->study_id, "  ", &auth, &unlock_id, &error));
  g_assert_error (error, PDX_DB_ERROR, PDX_DB_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "needs a reason"));
  g_clear_error (&error);
  after = pdx_test_dump_hash (f->db);
  g_assert_cmpstr (before, ==, after);
  /* A second lock on a locked study: refused. */
  g_assert_false (
      pdx_study_sign (f->db, f->study_id, PDX_SIGNATURE_LOCK, "again", &auth, NULL, &error));
  assert_locked_error (error);
  g_clear_error (&error);

  g_assert_true (pdx_study_unlock (f->db, f->study_id, "correction requested by QA", &auth,
                                   &unlock_id, &error));
  g_assert_no_error (error);
  g_clear_pointer (&lock, pdx_signature_free);
  lock = pdx_study_get_lock (f->db, f->study_id, &error);
  g_assert_null (lock);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (writes); i++)
    if (writes[i].write == write_measurement_update || writes[i].write == write_import_mice ||
        writes[i].write == write_randomise || writes[i].write == write_arm_insert)
      {
        pdx_db_set_reason (f->db, "Re-measured");
        g_assert_true (writes[i].write (f, &error));
        pdx_db_set_reason (f->db, NULL);
        g_assert_no_error (error);
      }
  list = pdx_study_list_signatures (f->db, f->study_id, &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpint (((PdxSignature *) g_ptr_array_index (list, 1))->meaning, ==,
                   PDX_SIGNATURE_UNLOCK);
  g_assert_cmpstr (((PdxSignature *) g_ptr_array_index (list, 1))->reason, ==,
                   "correction requested by QA");
  g_assert_false (((PdxSignature *) g_ptr_array_index (list, 1))->reauthenticated);
  /* Unlocking a study that is not locked: refused. */
  g_assert_false (pdx_study_unlock (f->db, f->study_id, "why", &auth, NULL, &error));
  g_assert_error (error, PDX_DB_ERROR, PDX_DB_ERROR_INVALID);
}

static void
test_other_study_unaffected (Fixture *f, gconstpointer data)
{
  g_autoptr (PdxMouse) mouse = pdx_mouse_new ();
  g_autoptr (GError) error = NULL;

  sign (f, PDX_SIGNATURE_LOCK, "final data");
  mouse->study_id = f->other_id;
  mouse->tag = g_strdup ("X2");
  g_assert_true (pdx_mouse_insert (f->db, mouse, &error));
  g_assert_no_error (error);
}

static void
test_sign_needs_reason (Fixture *f, gconstpointer data)
{
  g_auto (PdxAuthResult) auth = auth_of (TRUE, "PAM service pdxtrack");
  g_autoptr (GError) error = NULL;
  g_autofree char *before = pdx_test_dump_hash (f->db), *after = NULL;

  g_assert_false (pdx_study_sign (f->db, f->study_id, PDX_SIGNATURE_LOCK, "", &auth, NULL, &error));
  g_assert_error (error, PDX_DB_ERROR, PDX_DB_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pdx_study_sign (f->db, 999, PDX_SIGNATURE_REVIEW, "x", &auth, NULL, &error));
  g_assert_error (error, PDX_DB_ERROR, PDX_DB_ERROR_NOT_FOUND);
  after = pdx_test_dump_hash (f->db);
  g_assert_cmpstr (before, ==, after);
}

/* Another program with write access, through SQL of its own: the schema's triggers refuse. */
static void
test_schema_is_the_net (Fixture *f, gconstpointer data)
{
  static const char *const refused[] = {
    "UPDATE measurement SET weight_g = 30 WHERE id = 1",
    "DELETE FROM measurement",
    "INSERT INTO mouse (study_id, tag) VALUES (1, 'Z9')",
    "UPDATE mouse SET study_id = 1 WHERE tag = 'X1'",
    "INSERT INTO agent (arm_id, drug) VALUES (1, 'neratinib')",
    "UPDATE study SET title = 'x' WHERE id = 1",
    "UPDATE study SET lock_signature_id = NULL WHERE id = 1",
    "DELETE FROM study WHERE id = 1",
    "UPDATE signature SET reason = 'forged'",
    "DELETE FROM signature",
    "INSERT INTO signature (study_id, meaning, login, seal_seq, seal_hash, reason,"
    " reauthenticated, method) VALUES (2, 'lock', 'x', 0, '', 'r', 0, 'm');"
    "UPDATE study SET lock_signature_id = (SELECT max (id) FROM signature) WHERE id = 1",
  };
  sqlite3 *handle = pdx_db_get_handle (f->db);

  sign (f, PDX_SIGNATURE_LOCK, "final data");
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *before = pdx_test_dump_hash (f->db), *after = NULL;
      char            *message = NULL;

      g_test_message ("%s", refused[i]);
      g_assert_cmpint (sqlite3_exec (handle, "SAVEPOINT t", NULL, NULL, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (handle, refused[i], NULL, NULL, &message), !=, SQLITE_OK);
      g_assert_nonnull (message);
      sqlite3_free (message);
      sqlite3_exec (handle, "ROLLBACK TO t; RELEASE t", NULL, NULL, NULL);
      after = pdx_test_dump_hash (f->db);
      g_assert_cmpstr (before, ==, after);
    }
}

/* A schema-3 lab is upgraded to 4: its rows kept, the signature table and the lock triggers
 * there (check compares the schema with a fresh lab's), the chain still verifying, and a lock
 * working on the study that was there before. */
static void
test_migrate_from_v3 (void)
{
  g_autofree char *dir = pdx_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "old.pdxlab", NULL);
  g_autofree char *backup = g_strconcat (path, ".v3.bak", NULL);
  g_autofree char *studies = NULL, *triggers = NULL, *version = NULL;
  g_auto (PdxAuthResult) auth = { FALSE, g_strdup ("not re-authenticated: test") };
  g_autoptr (PdxMouse) mouse = pdx_mouse_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxDb) db = NULL;
  gint64 study;

  {
    g_autoptr (PdxDb) old = pdx_db_open_at_version (path, 3, &error);
    g_assert_no_error (error);
    pdx_test_add_study (old, "OLD-1", PDX_READOUT_BLI_FLUX, "2024-02-01");
  }
  db = pdx_db_open (path, PDX_DB_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (backup, G_FILE_TEST_EXISTS));
  version = pdx_test_query_string (db, "PRAGMA user_version");
  g_assert_cmpstr (version, ==, G_STRINGIFY (PDX_DB_SCHEMA_VERSION));
  studies = pdx_test_query_string (db, "SELECT group_concat (code || ':' ||"
                                       " coalesce (lock_signature_id, 'NULL')) FROM study");
  g_assert_cmpstr (studies, ==, "OLD-1:NULL");
  triggers = pdx_test_query_string (db, "SELECT count (*) FROM sqlite_schema WHERE type ="
                                        " 'trigger' AND name LIKE 'lock_%'");
  /* 8 tables × 3 (schema 5: study_status_change; 6: imaging_session, imaging_roi), and the
   * study's 4. */
  g_assert_cmpstr (triggers, ==, "28");
  g_assert_true (pdx_db_check (db, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr (PdxStudy) old_study = pdx_study_find (db, "OLD-1", &error);
    study = old_study->id;
  }
  g_assert_true (pdx_study_sign (db, study, PDX_SIGNATURE_LOCK, "final", &auth, NULL, &error));
  g_assert_no_error (error);
  mouse->study_id = study;
  mouse->tag = g_strdup ("M1");
  g_assert_false (pdx_mouse_insert (db, mouse, &error));
  g_assert_error (error, PDX_DB_ERROR, PDX_DB_ERROR_LOCKED);
  g_clear_error (&error);
  g_assert_true (pdx_audit_verify (db, NULL, NULL, &error));
  g_assert_no_error (error);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn)                                                                              \
  g_test_add ("/core/signature/" path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("review-does-not-lock", test_review_does_not_lock);
  ADD ("seal-at-signing", test_seal_at_signing);
  ADD ("locked-refuses-writes", test_locked_refuses_writes);
  ADD ("unlock-allows-writes", test_unlock_allows_writes);
  ADD ("other-study-unaffected", test_other_study_unaffected);
  ADD ("sign-needs-reason", test_sign_needs_reason);
  ADD ("schema-is-the-net", test_schema_is_the_net);
  g_test_add_func ("/core/signature/migrate-from-v3", test_migrate_from_v3);
#undef ADD
  return g_test_run ();
}
