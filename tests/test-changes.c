/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-changes.c — pdx_changes_since: which studies (and whether lines or the list of studies)
 * each kind of write touched, for this connection's commits and another's, and the cursor; the
 * store's commit function. */
#include "pdx-test-util.h"

typedef struct
{
  char  *path;
  PdxDb *db;
  gint64 line_id, s1, s2, arm1, arm2, m1, m2, m3;
  gint64 cursor;
} Lab;

/* Two studies: S1 (line L1, one arm, mice M1 and M2 randomised) and S2 (one arm, mouse M3 not
 * yet randomised); the cursor taken after building them. */
static void
lab_setup (Lab *lab, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxLine) line = pdx_line_new ();
  g_autoptr (PdxStudy) s1 = NULL;

  lab->db = pdx_test_new_lab (&lab->path);
  line->code = g_strdup ("L1");
  line->status = g_strdup ("banked");
  g_assert_true (pdx_line_insert (lab->db, line, &error));
  g_assert_no_error (error);
  lab->line_id = line->id;
  lab->s1 = pdx_test_add_study (lab->db, "S1", PDX_READOUT_BLI_FLUX, "2024-03-15");
  lab->s2 = pdx_test_add_study (lab->db, "S2", PDX_READOUT_BLI_FLUX, "2024-03-15");
  lab->arm1 = pdx_test_add_arm (lab->db, lab->s1, "Vehicle", TRUE);
  lab->arm2 = pdx_test_add_arm (lab->db, lab->s2, "Vehicle", TRUE);
  lab->m1 = pdx_test_add_mouse (lab->db, lab->s1, lab->arm1, "M1", "2024-03-01");
  lab->m2 = pdx_test_add_mouse (lab->db, lab->s1, lab->arm1, "M2", "2024-03-01");
  lab->m3 = pdx_test_add_mouse (lab->db, lab->s2, 0, "M3", "2024-03-01");
  s1 = pdx_study_get (lab->db, lab->s1, &error);
  g_assert_no_error (error);
  s1->line_id = lab->line_id;
  g_assert_true (pdx_study_update (lab->db, s1, &error));
  g_assert_true (pdx_changes_get_cursor (lab->db, &lab->cursor, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lab->cursor, >, 0);
}

static void
lab_teardown (Lab *lab, gconstpointer data)
{
  pdx_db_close (lab->db);
  g_free (lab->path);
}

/* The changes since the fixture's cursor (which moves), asserted to be read. */
static PdxChanges *
changes (Lab *lab)
{
  g_autoptr (GError) error = NULL;
  PdxChanges *changes = pdx_changes_since (lab->db, &lab->cursor, &error);

  g_assert_no_error (error);
  g_assert_nonnull (changes);
  return changes;
}

/* @changes names exactly the studies @ids (ascending, 0-terminated). */
static void
assert_studies (const PdxChanges *changes, const gint64 *ids)
{
  guint n = 0;

  while (ids[n] != 0)
    n++;
  g_assert_cmpuint (changes->study_ids->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (g_array_index (changes->study_ids, gint64, i), ==, ids[i]);
  g_assert_false (changes->unattributed);
}

static void
test_nothing_changed (Lab *lab, gconstpointer data)
{
  gint64 before = lab->cursor;
  g_autoptr (PdxChanges) none = changes (lab);

  g_assert_true (pdx_changes_is_empty (none));
  g_assert_cmpuint (none->study_ids->len, ==, 0);
  g_assert_false (none->lines_changed);
  g_assert_false (none->studies_changed);
  g_assert_cmpint (lab->cursor, ==, before);
}

static void
test_study_created_and_renamed (Lab *lab, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 s3 = pdx_test_add_study (lab->db, "S3", PDX_READOUT_BLI_FLUX, "2024-04-01");
  g_autoptr (PdxChanges) created = changes (lab);
  g_autoptr (PdxStudy) study = pdx_study_get (lab->db, lab->s2, &error);
  g_autoptr (PdxChanges) renamed = NULL;

  assert_studies (created, (gint64[]){ s3, 0 });
  g_assert_true (created->studies_changed);
  g_assert_false (created->lines_changed);
  g_free (study->title);
  study->title = g_strdup ("Renamed");
  g_assert_true (pdx_study_update (lab->db, study, &error));
  g_assert_no_error (error);
  renamed = changes (lab);
  assert_studies (renamed, (gint64[]){ lab->s2, 0 });
  g_assert_true (renamed->studies_changed);
}

static void
test_lines (Lab *lab, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxLine) line = pdx_line_get (lab->db, lab->line_id, &error);
  g_autoptr (PdxPatient) patient = pdx_patient_new ();
  g_autoptr (PdxChanges) edited = NULL;

  g_free (line->notes);
  line->notes = g_strdup ("passage 4 banked");
  g_assert_true (pdx_line_update (lab->db, line, &error));
  g_assert_no_error (error);
  edited = changes (lab);
  assert_studies (edited, (gint64[]){ 0 });
  g_assert_true (edited->lines_changed);
  g_assert_false (edited->studies_changed);
  g_clear_pointer (&edited, pdx_changes_free);

  patient->code = g_strdup ("P1");
  g_assert_true (pdx_patient_insert (lab->db, patient, &error));
  g_assert_no_error (error);
  edited = changes (lab);
  assert_studies (edited, (gint64[]){ 0 });
  g_assert_true (edited->lines_changed);
}

static void
test_mice (Lab *lab, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxChanges) added = NULL, excluded = NULL, ended = NULL, deleted = NULL;

  pdx_test_add_mouse (lab->db, lab->s2, 0, "M4", "2024-03-01");
  added = changes (lab);
  assert_studies (added, (gint64[]){ lab->s2, 0 });
  g_assert_false (added->studies_changed);
  pdx_test_exclude_mouse (lab->db, lab->m1, "ulcerated tumour");
  excluded = changes (lab);
  assert_studies (excluded, (gint64[]){ lab->s1, 0 });
  pdx_test_add_endpoint (lab->db, lab->m2, "2024-04-01", PDX_ENDPOINT_FOUND_DEAD);
  ended = changes (lab);
  assert_studies (ended, (gint64[]){ lab->s1, 0 });
  g_assert_true (pdx_row_delete (lab->db, PDX_TABLE_MOUSE, lab->m3, &error));
  g_assert_no_error (error);
  deleted = changes (lab);
  assert_studies (deleted, (gint64[]){ lab->s2, 0 });
  g_assert_false (deleted->studies_changed || deleted->lines_changed);
}

/* Every mouse of the study waiting for an arm goes to its first arm. */
static const int *
first_arm_planner (const PdxStudyData *data, gpointer user_data, GError **error)
{
  int *plan = user_data;

  for (guint m = 0; m < data->n_mice; m++)
    plan[m] = data->mice[m].arm < 0 ? 0 : -1;
  return plan;
}

static void
test_randomisation (Lab *lab, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  int plan[8];
  g_autoptr (PdxChanges) assigned = NULL;
  g_autoptr (PdxMouse) m3 = NULL;

  g_assert_true (pdx_study_assign_arms (lab->db, lab->s2, "test", first_arm_planner, plan, &error));
  g_assert_no_error (error);
  m3 = pdx_mouse_get (lab->db, lab->m3, &error);
  g_assert_cmpint (m3->arm_id, ==, lab->arm2);
  assigned = changes (lab);
  assert_studies (assigned, (gint64[]){ lab->s2, 0 });
}

static void
test_sheet_save_and_undo (Lab *lab, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxMeasurement) values = pdx_measurement_new ();
  PdxSheetEdit edit = {
    .mouse_id = lab->m1, .tag = "M1", .changed = PDX_MEASUREMENT_WEIGHT, .values = values
  };
  g_autoptr (PdxSheetSave) save = NULL;
  g_autoptr (PdxChanges) saved = NULL, undone = NULL;

  values->weight_g = 21.5;
  save = pdx_sheet_save (lab->db, lab->s1, "2024-03-20", &edit, 1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (save);
  saved = changes (lab);
  assert_studies (saved, (gint64[]){ lab->s1, 0 });
  g_assert_true (pdx_sheet_save_undo (save, lab->db, &error));
  g_assert_no_error (error);
  undone = changes (lab);
  assert_studies (undone, (gint64[]){ lab->s1, 0 });
  g_assert_false (undone->studies_changed);
}

/* A bulk measurement import writes one audit entry per study instead of one per row. */
static void
test_import (Lab *lab, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *csv = pdx_test_write_file (
      "m.csv", "study,mouse,date,bli_flux\nS2,M3,2024-03-20,2e8\nS1,M1,2024-03-20,3e8\n", -1);
  PdxImportReport report = { 0 };
  g_autoptr (PdxChanges) imported = NULL;

  g_assert_true (pdx_import_measurements (lab->db, csv, &report, NULL, NULL, &error));
  g_assert_no_error (error);
  pdx_import_report_clear (&report);
  imported = changes (lab);
  assert_studies (imported, (gint64[]){ lab->s1, lab->s2, 0 });
  g_assert_false (imported->studies_changed || imported->lines_changed);
}

/* Another connection's commit (another program) is seen the same way. */
static void
test_other_connection (Lab *lab, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxDb) other = pdx_db_open (lab->path, PDX_DB_OPEN_EXISTING, &error);
  g_autoptr (PdxChanges) seen = NULL;

  g_assert_no_error (error);
  pdx_test_add_mouse (other, lab->s2, lab->arm2, "M9", "2024-03-02");
  seen = changes (lab);
  assert_studies (seen, (gint64[]){ lab->s2, 0 });
}

/* The cursor moves past what was read, a value: two commits read at once, nothing the second
 * time, the same again from the old value; a rolled-back change is not reported. */
static void
test_cursor (Lab *lab, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 start = lab->cursor;
  g_autoptr (PdxChanges) both = NULL, again = NULL, replay = NULL, rolled_back = NULL;

  pdx_test_add_mouse (lab->db, lab->s2, 0, "M5", "2024-03-01");
  pdx_test_add_mouse (lab->db, lab->s1, 0, "M6", "2024-03-01");
  both = changes (lab);
  assert_studies (both, (gint64[]){ lab->s1, lab->s2, 0 });
  g_assert_cmpint (lab->cursor, >, start);
  again = changes (lab);
  g_assert_true (pdx_changes_is_empty (again));
  replay = pdx_changes_since (lab->db, &start, &error);
  g_assert_no_error (error);
  assert_studies (replay, (gint64[]){ lab->s1, lab->s2, 0 });
  g_assert_cmpint (start, ==, lab->cursor);

  g_assert_true (pdx_db_begin (lab->db, &error));
  pdx_test_add_mouse (lab->db, lab->s1, 0, "M7", "2024-03-01");
  pdx_db_rollback (lab->db);
  rolled_back = changes (lab);
  g_assert_true (pdx_changes_is_empty (rolled_back));
  g_assert_cmpint (lab->cursor, ==, start);
}

static void
count_commit (gpointer data)
{
  (*(guint *) data)++;
}

/* The store's commit function is told once per commit of its connection: a write of its own,
 * one for a transaction with nested savepoints, none for a rollback or another connection's
 * commit; removed, it is not told. */
static void
test_commit_func (Lab *lab, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxDb) other = pdx_db_open (lab->path, PDX_DB_OPEN_EXISTING, &error);
  guint commits = 0;

  g_assert_no_error (error);
  pdx_db_set_commit_func (lab->db, count_commit, &commits);
  pdx_test_add_mouse (lab->db, lab->s1, 0, "C1", "2024-03-01");
  g_assert_cmpuint (commits, ==, 1);
  g_assert_true (pdx_db_begin (lab->db, &error));
  pdx_test_add_mouse (lab->db, lab->s1, 0, "C2", "2024-03-01");
  pdx_test_add_mouse (lab->db, lab->s1, 0, "C3", "2024-03-01");
  g_assert_cmpuint (commits, ==, 1);
  g_assert_true (pdx_db_commit (lab->db, &error));
  g_assert_cmpuint (commits, ==, 2);
  g_assert_true (pdx_db_begin (lab->db, &error));
  pdx_test_add_mouse (lab->db, lab->s1, 0, "C4", "2024-03-01");
  pdx_db_rollback (lab->db);
  pdx_test_add_mouse (other, lab->s1, 0, "C5", "2024-03-01");
  g_assert_cmpuint (commits, ==, 2);
  pdx_db_set_commit_func (lab->db, NULL, NULL);
  pdx_test_add_mouse (lab->db, lab->s1, 0, "C6", "2024-03-01");
  g_assert_cmpuint (commits, ==, 2);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add ("/core/changes/" path, Lab, NULL, lab_setup, fn, lab_teardown)
  ADD ("nothing-changed", test_nothing_changed);
  ADD ("study-created-and-renamed", test_study_created_and_renamed);
  ADD ("lines", test_lines);
  ADD ("mice", test_mice);
  ADD ("randomisation", test_randomisation);
  ADD ("sheet-save-and-undo", test_sheet_save_and_undo);
  ADD ("import", test_import);
  ADD ("other-connection", test_other_connection);
  ADD ("cursor", test_cursor);
  ADD ("commit-func", test_commit_func);
  return g_test_run ();
}
