/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-study-duplicate.c — a study as the template of a new one (issue 13,
 * docs/study-lifecycle.md): the design copied field by field (study, arms in their order,
 * agents), no mice or measurements, the audit entries written; an existing code, a bad day 0
 * and an unknown source refused with the lab unchanged; a locked source duplicated;
 * `pdxtrack-cli study duplicate` end to end. */
#include "pdx-test-util.h"
#include "pdx-test-cli.h"
#include "store/pdx-store.h"

#include <string.h>

/* Runs @sql (an UPDATE of set-up rows) with a reason, in one transaction. */
static void
run_sql (PdxDb *db, const char *sql)
{
  g_autoptr (GError) error = NULL;

  pdx_db_set_reason (db, "test set-up");
  g_assert_true (pdx_db_begin (db, &error) && pdx_db_exec (db, sql, &error) &&
                 pdx_db_commit (db, &error));
  g_assert_no_error (error);
  pdx_db_set_reason (db, NULL);
}

static gint64
add_line (PdxDb *db, const char *code)
{
  g_autoptr (PdxLine) line = pdx_line_new ();
  g_autoptr (GError) error = NULL;

  line->code = g_strdup (code);
  line->status = g_strdup ("active");
  g_assert_true (pdx_line_insert (db, line, &error));
  g_assert_no_error (error);
  return line->id;
}

static void
add_agent (PdxDb      *db,
           gint64      arm_id,
           const char *drug,
           double      dose,
           const char *unit,
           const char *route,
           const char *schedule,
           int         first_day,
           int         last_day)
{
  g_autoptr (PdxArm) arm = NULL;
  g_autoptr (GError) error = NULL;
  PdxAgent *agent = pdx_agent_new ();

  arm = pdx_arm_get (db, arm_id, &error);
  g_assert_no_error (error);
  agent->drug = g_strdup (drug);
  agent->dose = dose;
  agent->unit = g_strdup (unit);
  agent->route = g_strdup (route);
  agent->schedule = g_strdup (schedule);
  agent->first_day = first_day;
  agent->last_day = last_day;
  g_ptr_array_add (arm->agents, agent);
  g_assert_true (pdx_arm_update (db, arm, &error));
  g_assert_no_error (error);
}

/* The source: every design field set, three arms out of creation order, a mouse with a
 * measurement and an endpoint (none of which may be copied). */
static gint64
make_source (PdxDb *db)
{
  gint64           line = add_line (db, "BCBM-017");
  gint64           study = pdx_test_add_study (db, "S1", PDX_READOUT_MRI_VOLUME, "2026-03-02");
  gint64           vehicle, tdm1, combo, mouse;
  g_autofree char *sql = NULL;

  sql = g_strdup_printf (
      "UPDATE study SET title = 'T-DM1 in BCBM-017', line_id = %" G_GINT64_FORMAT ","
      " passage = 4, implant_site = 'intracranial-striatum', implant_material = 'cells',"
      " implant_amount = '1e5 cells', protocol = 'PPL-70/1234', investigator = 'R. Patel',"
      " notes = 'cage 3 flooded on day 12' WHERE id = %" G_GINT64_FORMAT,
      line, study);
  run_sql (db, sql);
  vehicle = pdx_test_add_arm (db, study, "Vehicle", TRUE);
  tdm1 = pdx_test_add_arm (db, study, "T-DM1", FALSE);
  combo = pdx_test_add_arm (db, study, "T-DM1 + tucatinib", FALSE);
  add_agent (db, tdm1, "T-DM1", 10, "mg/kg", "i.v.", "q3w", 0, 42);
  add_agent (db, combo, "T-DM1", 10, "mg/kg", "i.v.", "q3w", 0, 42);
  add_agent (db, combo, "tucatinib", 50, "mg/kg", "p.o.", "bid", 1, -1);
  g_free (sql);
  sql = g_strdup_printf (
      "UPDATE arm SET colour = '#1a5fb4', position = 2 WHERE id = %" G_GINT64_FORMAT
      "; UPDATE arm SET position = 0 WHERE id = %" G_GINT64_FORMAT
      "; UPDATE arm SET position = 1 WHERE id = %" G_GINT64_FORMAT,
      vehicle, combo, tdm1);
  run_sql (db, sql);
  mouse = pdx_test_add_mouse (db, study, tdm1, "M-01", "2026-02-20");
  {
    g_autoptr (PdxMeasurement) m = pdx_measurement_new ();
    g_autoptr (GError) error = NULL;
    m->mouse_id = mouse;
    m->date = g_strdup ("2026-03-05");
    m->mri_volume_mm3 = 3.5;
    g_assert_true (pdx_measurement_insert (db, m, &error));
    g_assert_no_error (error);
  }
  return study;
}

/* The arms of @study as "position|name|control|colour|agents" rows, the agents as
 * "drug,dose,unit,route,schedule,first,last" (written out here, not read through the model). */
static char *
arms_of (PdxDb *db, gint64 study)
{
  g_autofree char *sql = g_strdup_printf (
      "SELECT group_concat (row, ' / ') FROM (SELECT a.position || '|' || a.name || '|' ||"
      " a.is_control || '|' || coalesce (a.colour, '-') || '|' || coalesce ((SELECT"
      " group_concat (g.drug || ',' || g.dose || ',' || g.unit || ',' || g.route || ',' ||"
      " g.schedule || ',' || coalesce (g.first_day, '-') || ',' || coalesce (g.last_day, '-'),"
      " ';') FROM (SELECT * FROM agent WHERE arm_id = a.id ORDER BY id) g), '') AS row"
      " FROM arm a WHERE a.study_id = %" G_GINT64_FORMAT " ORDER BY a.position)",
      study);
  return pdx_test_query_string (db, sql);
}

static gint64
count_where (PdxDb *db, const char *sql_fmt, gint64 study)
{
  g_autofree char *sql = g_strdup_printf (sql_fmt, study);
  g_autofree char *n = pdx_test_query_string (db, sql);
  return g_ascii_strtoll (n, NULL, 10);
}

static void
test_copy (void)
{
  g_autoptr (PdxDb) db = pdx_test_new_lab (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxStudy) copy = NULL;
  g_autofree char *source_arms = NULL, *copy_arms = NULL, *entries = NULL, *mark = NULL;
  gint64           source = make_source (db), new_id = 0;

  mark = pdx_test_query_string (db, "SELECT max (id) FROM audit_log");
  g_assert_true (
      pdx_study_duplicate (db, source, "  S2 ", "T-DM1 repeat", "2026-06-01", &new_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (new_id, >, source);

  copy = pdx_study_get (db, new_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (copy->code, ==, "S2");
  g_assert_cmpstr (copy->title, ==, "T-DM1 repeat");
  g_assert_cmpint (copy->line_id, ==, 1);
  g_assert_cmpint (copy->passage, ==, 4);
  g_assert_cmpstr (copy->implant_site, ==, "intracranial-striatum");
  g_assert_cmpstr (copy->implant_material, ==, "cells");
  g_assert_cmpstr (copy->implant_amount, ==, "1e5 cells");
  g_assert_cmpint (copy->readout, ==, PDX_READOUT_MRI_VOLUME);
  g_assert_cmpstr (copy->day0, ==, "2026-06-01");
  g_assert_cmpstr (copy->protocol, ==, "PPL-70/1234");
  g_assert_cmpstr (copy->investigator, ==, "R. Patel");
  g_assert_cmpstr (copy->status, ==, "planned");
  g_assert_null (copy->notes); /* the notes are about the source's own course */

  /* The arms in the source's order, each field written out by hand. */
  source_arms = arms_of (db, source);
  copy_arms = arms_of (db, new_id);
  g_assert_cmpstr (copy_arms, ==,
                   "0|T-DM1 + tucatinib|0|-|T-DM1,10.0,mg/kg,i.v.,q3w,0,42;"
                   "tucatinib,50.0,mg/kg,p.o.,bid,1,- / "
                   "1|T-DM1|0|-|T-DM1,10.0,mg/kg,i.v.,q3w,0,42 / "
                   "2|Vehicle|1|#1a5fb4|");
  g_assert_cmpstr (copy_arms, ==, source_arms);
  /* New rows, not the source's moved: the source keeps its three arms and mouse. */
  g_assert_cmpint (pdx_test_count (db, "arm"), ==, 6);
  g_assert_cmpint (pdx_test_count (db, "agent"), ==, 6);
  g_assert_cmpint (pdx_test_count (db, "mouse"), ==, 1);
  g_assert_cmpint (pdx_test_count (db, "measurement"), ==, 1);
  g_assert_cmpint (
      count_where (db, "SELECT count(*) FROM mouse WHERE study_id = %" G_GINT64_FORMAT, new_id), ==,
      0);
  g_assert_cmpint (
      count_where (db,
                   "SELECT count(*) FROM study_status_change WHERE study_id = %" G_GINT64_FORMAT,
                   new_id),
      ==, 0);

  /* One audit entry per new row, each with the reason. */
  {
    g_autofree char *sql = g_strdup_printf (
        "SELECT group_concat (table_name || ':' || action || ':' || reason, ' | ') FROM (SELECT *"
        " FROM audit_log WHERE id > %s ORDER BY id)",
        mark);
    entries = pdx_test_query_string (db, sql);
  }
  g_assert_cmpstr (entries, ==,
                   "study:insert:duplicated from study S1 | "
                   "arm:insert:duplicated from study S1 | agent:insert:duplicated from study S1 | "
                   "agent:insert:duplicated from study S1 | "
                   "arm:insert:duplicated from study S1 | agent:insert:duplicated from study S1 | "
                   "arm:insert:duplicated from study S1");
  g_assert_null (pdx_db_get_reason (db));

  /* Title and day 0 not given: the source's. */
  {
    g_autoptr (PdxStudy) third = NULL;
    g_assert_true (pdx_study_duplicate (db, source, "S3", NULL, "", &new_id, &error));
    g_assert_no_error (error);
    third = pdx_study_get (db, new_id, &error);
    g_assert_cmpstr (third->title, ==, "T-DM1 in BCBM-017");
    g_assert_cmpstr (third->day0, ==, "2026-03-02");
    g_assert_cmpstr (third->status, ==, "planned");
  }
  {
    g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
    g_assert_true (pdx_db_check (db, problems, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (problems->len, ==, 0);
  }
}

static void
assert_refused (PdxDb      *db,
                gint64      source,
                const char *code,
                const char *day0,
                int         error_code,
                const char *expected)
{
  g_autofree char *before = pdx_test_dump_hash (db), *after = NULL;
  g_autoptr (GError) error = NULL;
  gint64 new_id = -1;

  g_assert_false (pdx_study_duplicate (db, source, code, NULL, day0, &new_id, &error));
  g_assert_error (error, PDX_DB_ERROR, error_code);
  if (strstr (error->message, expected) == NULL)
    g_error ("refused with '%s', expected '%s'", error->message, expected);
  g_assert_cmpint (new_id, ==, 0);
  after = pdx_test_dump_hash (db);
  g_assert_cmpstr (before, ==, after);
}

static void
test_refused (void)
{
  g_autoptr (PdxDb) db = pdx_test_new_lab (NULL);
  gint64 source = make_source (db);

  pdx_test_add_study (db, "S2", PDX_READOUT_BLI_FLUX, "2026-01-01");
  assert_refused (db, source, "S2", NULL, PDX_DB_ERROR_DUPLICATE,
                  "A study with the code S2 already exists. Nothing was created");
  assert_refused (db, source, " S1 ", NULL, PDX_DB_ERROR_DUPLICATE,
                  "A study with the code S1 already exists");
  assert_refused (db, source, "  ", NULL, PDX_DB_ERROR_INVALID, "The new study needs a code");
  assert_refused (db, source, "S4", "2026-02-30", PDX_DB_ERROR_INVALID,
                  "day 0 '2026-02-30' is not a date");
  assert_refused (db, source, "S4", "1 March", PDX_DB_ERROR_INVALID,
                  "day 0 '1 March' is not a date");
  assert_refused (db, 999, "S4", NULL, PDX_DB_ERROR_NOT_FOUND, "");
}

static void
test_locked_source (void)
{
  g_autoptr (PdxDb) db = pdx_test_new_lab (NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *copy_arms = NULL;
  g_auto (PdxAuthResult) auth = { FALSE, g_strdup ("not re-authenticated: test") };
  gint64           source = make_source (db), signature = 0, new_id = 0;
  g_autofree char *locked_before = NULL, *locked_after = NULL;

  g_assert_true (
      pdx_study_sign (db, source, PDX_SIGNATURE_LOCK, "final report", &auth, &signature, &error));
  g_assert_no_error (error);
  locked_before = arms_of (db, source);
  g_assert_true (pdx_study_duplicate (db, source, "S2", NULL, NULL, &new_id, &error));
  g_assert_no_error (error);
  copy_arms = arms_of (db, new_id);
  locked_after = arms_of (db, source);
  g_assert_cmpstr (copy_arms, ==, locked_before);
  g_assert_cmpstr (locked_after, ==, locked_before);
  /* The copy is not locked: it can be corrected. */
  {
    g_autoptr (PdxStudy) read = pdx_study_get (db, new_id, &error);
    g_autoptr (PdxStudy) changed = pdx_study_get (db, new_id, &error);
    g_free (changed->title);
    changed->title = g_strdup ("Repeat");
    g_assert_true (
        pdx_study_update_fields (db, read, changed, PDX_STUDY_TITLE, "named the repeat", &error));
    g_assert_no_error (error);
  }
}

static void
test_cli (void)
{
  g_autofree char *path = NULL, *out = NULL, *err = NULL, *before = NULL, *after = NULL;
  const char      *demo[] = { "demo", NULL };
  const char *dup[] = { "study",   "duplicate", "--study", "ICR-017-A",  "--new-code", "ICR-040-A",
                        "--title", "Repeat",    "--day0",  "2026-09-01", NULL };

  pdx_db_close (pdx_test_new_lab (&path));
  g_assert_cmpint (pdx_test_run_cli_args (path, demo, NULL, NULL), ==, 0);
  g_assert_cmpint (pdx_test_run_cli_args (path, dup, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==,
                   "Study ICR-040-A created from ICR-017-A: 4 arms, planned, day 0 "
                   "2026-09-01\n");
  {
    g_autoptr (PdxDb) db = pdx_db_open (path, PDX_DB_OPEN_EXISTING, NULL);
    g_autoptr (PdxStudy) source = pdx_study_find (db, "ICR-017-A", NULL);
    g_autoptr (PdxStudy) copy = pdx_study_find (db, "ICR-040-A", NULL);
    g_autofree char *a = arms_of (db, source->id), *b = arms_of (db, copy->id);
    g_assert_cmpstr (a, ==, b);
    g_assert_cmpstr (copy->title, ==, "Repeat");
    g_assert_cmpint (
        count_where (db, "SELECT count(*) FROM mouse WHERE study_id = %" G_GINT64_FORMAT, copy->id),
        ==, 0);
    before = pdx_test_dump_hash (db);
  }
  {
    const char *cases[][10] = {
      { "study", "duplicate", "--study", "ICR-017-A", "--new-code", "ICR-040-A", NULL },
      { "study", "duplicate", "--study", "ICR-017-A", NULL },
      { "study", "duplicate", "--study", "NOPE", "--new-code", "X", NULL },
      { "study", "duplicate", "--study", "ICR-017-A", "--new-code", "X", "--day0", "soon" },
    };
    const char *expected[] = {
      "A study with the code ICR-040-A already exists",
      "--new-code CODE is required",
      "NOPE",
      "day 0 'soon' is not a date",
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
    g_autoptr (PdxDb) db = pdx_db_open (path, PDX_DB_OPEN_EXISTING, NULL);
    after = pdx_test_dump_hash (db);
    g_assert_cmpstr (before, ==, after);
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
  g_test_add_func ("/study-duplicate/copy", test_copy);
  g_test_add_func ("/study-duplicate/refused", test_refused);
  g_test_add_func ("/study-duplicate/locked-source", test_locked_source);
  g_test_add_func ("/study-duplicate/cli", test_cli);
  return g_test_run ();
}
