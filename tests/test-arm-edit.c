/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-arm-edit.c — a study's arms and agents edited with a reason (issue 13,
 * docs/study-lifecycle.md "Arms and agents"): each field of an arm, the single-control rule,
 * reordering renumbering every arm with its audit entries, agents added, corrected and removed,
 * the conflicts when another writer changed a value since it was read, the dialog's batch as
 * one transaction, a locked study refused with the lab byte-unchanged, `check` clean after;
 * `pdxtrack-cli arm set` and `agent add|set|remove` end to end on the demo lab. */
#include "pdx-test-util.h"
#include "pdx-test-cli.h"

#include <math.h>
#include <string.h>

static gint64
last_entry (PdxDb *db)
{
  g_autofree char *id = pdx_test_query_string (db, "SELECT coalesce (max (id), 0) FROM audit_log");
  return g_ascii_strtoll (id, NULL, 10);
}

/* The audit entries after @after, "table:action:reason" each, oldest first. */
static char *
entries_after (PdxDb *db, gint64 after)
{
  g_autofree char *sql = g_strdup_printf (
      "SELECT group_concat (table_name || ':' || action || ':' || coalesce (reason, '-'), ' | ')"
      " FROM (SELECT * FROM audit_log WHERE id > %" G_GINT64_FORMAT " ORDER BY id)",
      after);
  return pdx_test_query_string (db, sql);
}

/* "name:position:control:colour" of the study's arms in their order, ' | ' between. */
static char *
arms_of (PdxDb *db, gint64 study)
{
  g_autoptr (GPtrArray) arms = pdx_arm_list (db, study, NULL);
  GString *out = g_string_new (NULL);

  g_assert_nonnull (arms);
  for (guint i = 0; i < arms->len; i++)
    {
      PdxArm *a = g_ptr_array_index (arms, i);
      g_string_append_printf (out, "%s%s:%d:%d:%s", i ? " | " : "", a->name, a->position,
                              a->is_control, a->colour ? a->colour : "-");
    }
  return g_string_free (out, FALSE);
}

#define ASSERT_REFUSED(db, call, code, expected)                                                   \
  G_STMT_START                                                                                     \
  {                                                                                                \
    g_autofree char *before_ = pdx_test_dump_hash (db), *after_ = NULL;                            \
    g_autoptr (GError) error_ = NULL;                                                              \
    GError **err = &error_;                                                                        \
    g_assert_false (call);                                                                         \
    g_assert_error (error_, PDX_DB_ERROR, code);                                                   \
    if (strstr (error_->message, expected) == NULL)                                                \
      g_error ("refused with '%s', expected '%s'", error_->message, expected);                     \
    after_ = pdx_test_dump_hash (db);                                                              \
    g_assert_cmpstr (before_, ==, after_);                                                         \
  }                                                                                                \
  G_STMT_END

typedef struct
{
  PdxDb *db;
  gint64 study, vehicle, tdm1, tucatinib;
} Lab;

static void
lab_init (Lab *lab)
{
  lab->db = pdx_test_new_lab (NULL);
  lab->study = pdx_test_add_study (lab->db, "S1", PDX_READOUT_BLI_FLUX, "2026-03-02");
  lab->vehicle = pdx_test_add_arm (lab->db, lab->study, "Vehicle", TRUE);
  lab->tdm1 = pdx_test_add_arm (lab->db, lab->study, "T-DM1", FALSE);
  lab->tucatinib = pdx_test_add_arm (lab->db, lab->study, "Tucatinib", FALSE);
}

static void
lab_clear (Lab *lab)
{
  g_autoptr (GError) error = NULL;
  g_assert_true (pdx_db_check (lab->db, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&lab->db, pdx_db_close);
}

static void
test_arm_fields (void)
{
  Lab lab;
  g_autoptr (PdxArm) alice = NULL, bob = NULL, changed = NULL;
  g_autofree char *arms = NULL, *entry = NULL;
  gint64           mark;

  lab_init (&lab);
  alice = pdx_arm_get (lab.db, lab.tdm1, NULL);
  bob = pdx_arm_get (lab.db, lab.tdm1, NULL);
  changed = pdx_arm_copy (alice);

  /* The name, trimmed; the audit entry has the old and new name and the reason. */
  g_free (changed->name);
  changed->name = g_strdup ("  T-DM1 10 mg/kg ");
  ASSERT_REFUSED (lab.db, pdx_arm_update_fields (lab.db, alice, changed, PDX_ARM_NAME, "  ", err),
                  PDX_DB_ERROR_INVALID, "needs a reason");
  mark = last_entry (lab.db);
  g_assert_true (
      pdx_arm_update_fields (lab.db, alice, changed, PDX_ARM_NAME, "dose in the name", NULL));
  g_assert_cmpint (last_entry (lab.db), ==, mark + 1);
  entry = pdx_test_query_string (
      lab.db, "SELECT (old_values ->> '$.name') || '>' || (new_values ->> "
              "'$.name') || ':' || reason FROM audit_log ORDER BY id DESC LIMIT 1");
  g_assert_cmpstr (entry, ==, "T-DM1>T-DM1 10 mg/kg:dose in the name");

  /* Bob read the old name: his rename is refused, his colour (not changed since) is written. */
  g_free (changed->name);
  changed->name = g_strdup ("Kadcyla");
  g_free (changed->colour);
  changed->colour = g_strdup ("#1f77b4");
  ASSERT_REFUSED (
      lab.db,
      pdx_arm_update_fields (lab.db, bob, changed, PDX_ARM_NAME | PDX_ARM_COLOUR, "mine", err),
      PDX_DB_ERROR_CONFLICT, "its name was changed by someone else");
  g_assert_true (pdx_arm_update_fields (lab.db, bob, changed, PDX_ARM_COLOUR, "legend", NULL));
  arms = arms_of (lab.db, lab.study);
  g_assert_cmpstr (arms, ==, "Vehicle:0:1:- | T-DM1 10 mg/kg:0:0:#1f77b4 | Tucatinib:0:0:-");

  /* Refusals, each naming what and where, nothing written. */
  {
    g_autoptr (PdxArm) read = pdx_arm_get (lab.db, lab.tdm1, NULL);
    g_autoptr (PdxArm) bad = pdx_arm_copy (read);
    g_free (bad->name);
    bad->name = g_strdup ("Vehicle");
    ASSERT_REFUSED (lab.db, pdx_arm_update_fields (lab.db, read, bad, PDX_ARM_NAME, "x", err),
                    PDX_DB_ERROR_INVALID, "Study S1 already has an arm named 'Vehicle'");
    g_free (bad->name);
    bad->name = g_strdup (" ");
    ASSERT_REFUSED (lab.db, pdx_arm_update_fields (lab.db, read, bad, PDX_ARM_NAME, "x", err),
                    PDX_DB_ERROR_INVALID, "a name is required");
    g_free (bad->colour);
    bad->colour = g_strdup ("#12345g");
    ASSERT_REFUSED (lab.db, pdx_arm_update_fields (lab.db, read, bad, PDX_ARM_COLOUR, "x", err),
                    PDX_DB_ERROR_INVALID, "colour '#12345g' is not #rrggbb");
    ASSERT_REFUSED (lab.db,
                    pdx_arm_update_fields (lab.db, read, read, PDX_ARM_ALL_FIELDS, "x", err),
                    PDX_DB_ERROR_INVALID, "nothing to change");
    /* "" is the palette's colour. */
    g_free (bad->colour);
    bad->colour = g_strdup ("");
    g_assert_true (pdx_arm_update_fields (lab.db, read, bad, PDX_ARM_COLOUR, "palette", NULL));
  }
  g_free (arms);
  arms = arms_of (lab.db, lab.study);
  g_assert_cmpstr (arms, ==, "Vehicle:0:1:- | T-DM1 10 mg/kg:0:0:- | Tucatinib:0:0:-");
  lab_clear (&lab);
}

/* One control: giving it to T-DM1 takes it from Vehicle, both rows audited with the reason. */
static void
test_control (void)
{
  Lab lab;
  g_autoptr (PdxArm) read = NULL, changed = NULL;
  g_autofree char *arms = NULL, *entries = NULL;
  gint64           mark;

  lab_init (&lab);
  read = pdx_arm_get (lab.db, lab.tdm1, NULL);
  changed = pdx_arm_copy (read);
  changed->is_control = TRUE;
  mark = last_entry (lab.db);
  g_assert_true (pdx_arm_update_fields (lab.db, read, changed, PDX_ARM_CONTROL,
                                        "vehicle arm dosed by mistake", NULL));
  entries = entries_after (lab.db, mark);
  g_assert_cmpstr (entries, ==,
                   "arm:update:vehicle arm dosed by mistake | arm:update:vehicle arm dosed by "
                   "mistake");
  arms = arms_of (lab.db, lab.study);
  /* Read order: position, control first, creation. */
  g_assert_cmpstr (arms, ==, "T-DM1:0:1:- | Vehicle:0:0:- | Tucatinib:0:0:-");
  {
    g_autofree char *control =
        pdx_test_query_string (lab.db, "SELECT group_concat (name) FROM arm WHERE is_control");
    g_assert_cmpstr (control, ==, "T-DM1");
  }

  /* The stale read (T-DM1 not control) is refused; un-marking leaves no control. */
  ASSERT_REFUSED (lab.db,
                  pdx_arm_update_fields (lab.db, read, changed, PDX_ARM_CONTROL, "again", err),
                  PDX_DB_ERROR_CONFLICT, "its control was changed by someone else");
  {
    g_autoptr (PdxArm) now = pdx_arm_get (lab.db, lab.tdm1, NULL);
    g_autoptr (PdxArm) off = pdx_arm_copy (now);
    off->is_control = FALSE;
    g_assert_true (pdx_arm_update_fields (lab.db, now, off, PDX_ARM_CONTROL, "no control", NULL));
  }
  g_assert_cmpint (pdx_test_count (lab.db, "arm WHERE is_control = 1"), ==, 0);
  lab_clear (&lab);
}

/* Moving Tucatinib first, in a study never reordered (every position 0, order Vehicle, T-DM1,
 * Tucatinib): Tucatinib 0 (unchanged, not written), Vehicle 1, T-DM1 2 — two entries. */
static void
test_move (void)
{
  Lab              lab;
  g_autofree char *arms = NULL, *entries = NULL;
  gint64           mark;

  lab_init (&lab);
  mark = last_entry (lab.db);
  g_assert_true (pdx_arm_move (lab.db, lab.study, lab.tucatinib, 0, "protocol order", NULL));
  entries = entries_after (lab.db, mark);
  g_assert_cmpstr (entries, ==, "arm:update:protocol order | arm:update:protocol order");
  arms = arms_of (lab.db, lab.study);
  g_assert_cmpstr (arms, ==, "Tucatinib:0:0:- | Vehicle:1:1:- | T-DM1:2:0:-");

  /* Vehicle last: T-DM1 1, Vehicle 2 (Tucatinib stays 0): two entries again. */
  mark = last_entry (lab.db);
  g_assert_true (pdx_arm_move (lab.db, lab.study, lab.vehicle, 2, "control last", NULL));
  g_free (entries);
  entries = entries_after (lab.db, mark);
  g_assert_cmpstr (entries, ==, "arm:update:control last | arm:update:control last");
  g_free (arms);
  arms = arms_of (lab.db, lab.study);
  g_assert_cmpstr (arms, ==, "Tucatinib:0:0:- | T-DM1:1:0:- | Vehicle:2:1:-");

  ASSERT_REFUSED (lab.db, pdx_arm_move (lab.db, lab.study, lab.vehicle, 2, "x", err),
                  PDX_DB_ERROR_INVALID, "already at position 3");
  ASSERT_REFUSED (lab.db, pdx_arm_move (lab.db, lab.study, lab.vehicle, 3, "x", err),
                  PDX_DB_ERROR_INVALID, "position 4 is past the last");
  ASSERT_REFUSED (lab.db, pdx_arm_move (lab.db, lab.study, 999, 0, "x", err),
                  PDX_DB_ERROR_NOT_FOUND, "has no arm 999");
  ASSERT_REFUSED (lab.db, pdx_arm_move (lab.db, lab.study, lab.vehicle, 0, "", err),
                  PDX_DB_ERROR_INVALID, "needs a reason");

  /* A new arm of a reordered study comes last. */
  pdx_test_add_arm (lab.db, lab.study, "Alpelisib", FALSE);
  g_free (arms);
  arms = arms_of (lab.db, lab.study);
  g_assert_cmpstr (arms, ==, "Tucatinib:0:0:- | T-DM1:1:0:- | Vehicle:2:1:- | Alpelisib:3:0:-");
  lab_clear (&lab);
}

static void
test_agents (void)
{
  Lab lab;
  g_autoptr (PdxAgent) agent = pdx_agent_new (), read = NULL, changed = NULL, stale = NULL;
  g_autofree char *entry = NULL;

  lab_init (&lab);
  agent->arm_id = lab.tdm1;
  agent->drug = g_strdup (" T-DM1 ");
  agent->dose = 3.6;
  agent->unit = g_strdup ("mg/kg");
  agent->route = g_strdup ("i.v.");
  agent->schedule = g_strdup ("q3w");
  agent->first_day = 0;
  agent->last_day = 21;
  ASSERT_REFUSED (lab.db, pdx_agent_add (lab.db, agent, NULL, err), PDX_DB_ERROR_INVALID,
                  "needs a reason");
  g_assert_true (pdx_agent_add (lab.db, agent, "protocol amendment", NULL));
  g_assert_cmpint (agent->id, >, 0);
  read = pdx_agent_get (lab.db, agent->id, NULL);
  g_assert_cmpstr (read->drug, ==, "T-DM1");
  stale = pdx_agent_copy (read);

  /* Dose and last day in one UPDATE: one entry, with only what changed differing. */
  changed = pdx_agent_copy (read);
  changed->dose = 10;
  changed->last_day = 42;
  g_free (changed->route);
  changed->route = g_strdup ("i.p."); /* not in the mask: not written */
  g_assert_true (pdx_agent_update_fields (lab.db, read, changed,
                                          PDX_AGENT_DOSE | PDX_AGENT_LAST_DAY, "10 mg/kg", NULL));
  entry = pdx_test_query_string (
      lab.db, "SELECT (old_values ->> '$.dose') || '>' || (new_values ->> '$.dose') || ','"
              " || (old_values ->> '$.last_day') || '>' || (new_values ->> '$.last_day') || ','"
              " || (new_values ->> '$.route') || ':' || reason FROM audit_log ORDER BY id DESC"
              " LIMIT 1");
  g_assert_cmpstr (entry, ==, "3.6>10.0,21>42,i.v.:10 mg/kg");

  /* The stale copy's dose is refused; bad values say what and where. */
  {
    g_autoptr (PdxAgent) bad = pdx_agent_copy (stale);
    bad->dose = 5;
    ASSERT_REFUSED (lab.db,
                    pdx_agent_update_fields (lab.db, stale, bad, PDX_AGENT_DOSE, "mine", err),
                    PDX_DB_ERROR_CONFLICT, "its dose was changed by someone else");
  }
  {
    g_autoptr (PdxAgent) now = pdx_agent_get (lab.db, agent->id, NULL);
    g_autoptr (PdxAgent) bad = pdx_agent_copy (now);
    bad->first_day = 50; /* after the stored last day, 42 */
    ASSERT_REFUSED (lab.db,
                    pdx_agent_update_fields (lab.db, now, bad, PDX_AGENT_FIRST_DAY, "x", err),
                    PDX_DB_ERROR_INVALID,
                    "Agent 'T-DM1' of arm 'T-DM1' (study S1): the last day (42) is before the "
                    "first day (50)");
    bad->first_day = now->first_day;
    bad->dose = -1;
    ASSERT_REFUSED (lab.db, pdx_agent_update_fields (lab.db, now, bad, PDX_AGENT_DOSE, "x", err),
                    PDX_DB_ERROR_INVALID, "the dose must be a number ≥ 0");
    bad->dose = now->dose;
    g_free (bad->drug);
    bad->drug = g_strdup ("");
    ASSERT_REFUSED (lab.db, pdx_agent_update_fields (lab.db, now, bad, PDX_AGENT_DRUG, "x", err),
                    PDX_DB_ERROR_INVALID, "needs a drug");
    /* Removing from a stale read is refused; from the current one it is audited. */
    ASSERT_REFUSED (lab.db, pdx_agent_remove (lab.db, stale, "wrong arm", err),
                    PDX_DB_ERROR_CONFLICT, "changed by someone else");
    g_assert_true (pdx_agent_remove (lab.db, now, "wrong arm", NULL));
    /* Gone since it was read: a correction of it says so. */
    g_free (bad->drug);
    bad->drug = g_strdup ("T-DM1");
    bad->dose = 1;
    ASSERT_REFUSED (lab.db, pdx_agent_update_fields (lab.db, now, bad, PDX_AGENT_DOSE, "x", err),
                    PDX_DB_ERROR_CONFLICT, "Agent 'T-DM1' was removed by someone else");
  }
  g_assert_cmpint (pdx_test_count (lab.db, "agent"), ==, 0);
  g_free (entry);
  entry = pdx_test_query_string (lab.db, "SELECT action || ':' || reason FROM audit_log"
                                         " ORDER BY id DESC LIMIT 1");
  g_assert_cmpstr (entry, ==, "delete:wrong arm");
  lab_clear (&lab);
}

/* The dialog's Save: one transaction for a rename, a control moved, a reorder and agents added
 * and removed; a batch whose last step is refused writes nothing at all. */
static void
test_apply (void)
{
  Lab lab;
  g_autoptr (GPtrArray) read = NULL, edited = NULL;
  g_autoptr (PdxAgent) dose = pdx_agent_new ();
  g_autofree char *arms = NULL, *entries = NULL;
  gint64           mark;

  lab_init (&lab);
  dose->arm_id = lab.tdm1;
  dose->drug = g_strdup ("T-DM1");
  g_assert_true (pdx_agent_add (lab.db, dose, "set up", NULL));
  read = pdx_arm_list (lab.db, lab.study, NULL);
  edited = g_ptr_array_new_with_free_func ((GDestroyNotify) pdx_arm_free);
  /* New order: T-DM1, Vehicle, Tucatinib. */
  g_ptr_array_add (edited, pdx_arm_copy (g_ptr_array_index (read, 1)));
  g_ptr_array_add (edited, pdx_arm_copy (g_ptr_array_index (read, 0)));
  g_ptr_array_add (edited, pdx_arm_copy (g_ptr_array_index (read, 2)));
  {
    PdxArm   *tdm1 = g_ptr_array_index (edited, 0), *vehicle = g_ptr_array_index (edited, 1);
    PdxArm   *tuca = g_ptr_array_index (edited, 2);
    PdxAgent *added = pdx_agent_new ();
    tdm1->is_control = TRUE;
    vehicle->is_control = FALSE;
    g_free (tuca->name);
    tuca->name = g_strdup ("Tucatinib 50");
    g_ptr_array_set_size (tdm1->agents, 0); /* the T-DM1 agent removed */
    added->drug = g_strdup ("Tucatinib");
    added->first_day = 7;
    added->last_day = 3; /* refused last: nothing of the batch is written */
    g_ptr_array_add (tuca->agents, added);
  }
  g_assert_true (pdx_arms_control_changed (read, edited));
  g_assert_false (pdx_arms_control_changed (read, read));
  ASSERT_REFUSED (lab.db,
                  pdx_study_arms_apply (lab.db, lab.study, read, edited, "amendment 3", err),
                  PDX_DB_ERROR_INVALID, "the last day (3) is before the first day (7)");
  ((PdxAgent *) g_ptr_array_index (((PdxArm *) g_ptr_array_index (edited, 2))->agents, 0))
      ->last_day = 21;
  mark = last_entry (lab.db);
  g_assert_true (pdx_study_arms_apply (lab.db, lab.study, read, edited, "amendment 3", NULL));
  entries = entries_after (lab.db, mark);
  /* Vehicle un-marked first, T-DM1 marked, Tucatinib renamed; positions T-DM1 0 (was 0: not
   * written), Vehicle 1, Tucatinib 2; the agent removed, the new one added. */
  g_assert_cmpstr (entries, ==,
                   "arm:update:amendment 3 | arm:update:amendment 3 | arm:update:amendment 3 | "
                   "arm:update:amendment 3 | arm:update:amendment 3 | agent:delete:amendment 3 | "
                   "agent:insert:amendment 3");
  arms = arms_of (lab.db, lab.study);
  g_assert_cmpstr (arms, ==, "T-DM1:0:1:- | Vehicle:1:0:- | Tucatinib 50:2:0:-");
  {
    g_autofree char *agents = pdx_test_query_string (lab.db, "SELECT arm_id || drug FROM agent");
    g_autofree char *expected = g_strdup_printf ("%" G_GINT64_FORMAT "Tucatinib", lab.tucatinib);
    g_assert_cmpstr (agents, ==, expected);
  }

  /* The same edits again, from the old read: the first changed value is refused as stale. */
  ASSERT_REFUSED (lab.db, pdx_study_arms_apply (lab.db, lab.study, read, edited, "again", err),
                  PDX_DB_ERROR_CONFLICT, "changed by someone else");
  /* Nothing edited. */
  {
    g_autoptr (GPtrArray) now = pdx_arm_list (lab.db, lab.study, NULL);
    ASSERT_REFUSED (lab.db, pdx_study_arms_apply (lab.db, lab.study, now, now, "x", err),
                    PDX_DB_ERROR_INVALID, "Nothing to change");
  }
  lab_clear (&lab);
}

/* A locked study refuses every edit, naming the lock, the lab byte for byte as it was. */
static void
test_locked (void)
{
  Lab lab;
  g_auto (PdxAuthResult) auth = { FALSE, g_strdup ("not re-authenticated: test") };
  g_autoptr (PdxAgent) agent = pdx_agent_new (), read = NULL;
  g_autoptr (PdxArm) arm = NULL, changed = NULL;
  g_autoptr (GPtrArray) arms = NULL;

  lab_init (&lab);
  agent->arm_id = lab.tdm1;
  agent->drug = g_strdup ("T-DM1");
  g_assert_true (pdx_agent_add (lab.db, agent, "set up", NULL));
  read = pdx_agent_get (lab.db, agent->id, NULL);
  arm = pdx_arm_get (lab.db, lab.tdm1, NULL);
  changed = pdx_arm_copy (arm);
  changed->is_control = TRUE;
  arms = pdx_arm_list (lab.db, lab.study, NULL);
  g_assert_true (
      pdx_study_sign (lab.db, lab.study, PDX_SIGNATURE_LOCK, "final", &auth, NULL, NULL));

  ASSERT_REFUSED (lab.db, pdx_arm_update_fields (lab.db, arm, changed, PDX_ARM_CONTROL, "x", err),
                  PDX_DB_ERROR_LOCKED, "locked");
  ASSERT_REFUSED (lab.db, pdx_arm_move (lab.db, lab.study, lab.tucatinib, 0, "x", err),
                  PDX_DB_ERROR_LOCKED, "locked");
  {
    g_autoptr (PdxAgent) more = pdx_agent_copy (read);
    more->id = 0;
    ASSERT_REFUSED (lab.db, pdx_agent_add (lab.db, more, "x", err), PDX_DB_ERROR_LOCKED, "locked");
    more->id = read->id;
    more->dose = 1;
    ASSERT_REFUSED (lab.db, pdx_agent_update_fields (lab.db, read, more, PDX_AGENT_DOSE, "x", err),
                    PDX_DB_ERROR_LOCKED, "locked");
  }
  ASSERT_REFUSED (lab.db, pdx_agent_remove (lab.db, read, "x", err), PDX_DB_ERROR_LOCKED, "locked");
  {
    g_autoptr (GPtrArray) edited = g_ptr_array_new_with_free_func ((GDestroyNotify) pdx_arm_free);
    for (guint i = 0; i < arms->len; i++)
      g_ptr_array_add (edited, pdx_arm_copy (g_ptr_array_index (arms, i)));
    g_free (((PdxArm *) g_ptr_array_index (edited, 2))->name);
    ((PdxArm *) g_ptr_array_index (edited, 2))->name = g_strdup ("Renamed");
    ASSERT_REFUSED (lab.db, pdx_study_arms_apply (lab.db, lab.study, arms, edited, "x", err),
                    PDX_DB_ERROR_LOCKED, "locked");
  }
  lab_clear (&lab);
}

static int
run (const char *path, const char *const *args, char **out, char **err)
{
  g_clear_pointer (out, g_free);
  g_clear_pointer (err, g_free);
  return pdx_test_run_cli_args (path, args, out, err);
}

/* The CLI on the demo lab (ICR-017-A: Vehicle the control, then T-DM1, Tucatinib +
 * trastuzumab, Alpelisib + T-DM1). */
static void
test_cli (void)
{
  g_autofree char *path = NULL, *out = NULL, *err = NULL, *before = NULL, *after = NULL;
  const char      *demo[] = { "demo", NULL };

  pdx_db_close (pdx_test_new_lab (&path));
  g_assert_cmpint (run (path, demo, &out, &err), ==, 0);
  {
    const char *set[] = { "arm",        "set",       "--study",  "ICR-017-A", "--arm",
                          "T-DM1",      "--control", "yes",      "--colour",  "#1f77b4",
                          "--position", "1",         "--reason", "SOP v2",    NULL };
    g_assert_cmpint (run (path, set, &out, &err), ==, 0);
    g_assert_nonnull (strstr (out, "Arm 'T-DM1' of study ICR-017-A changed."));
    g_assert_nonnull (strstr (out, "The control arm of study ICR-017-A is now 'T-DM1' (was "
                                   "'Vehicle')"));
    g_assert_nonnull (strstr (out, "TGI, response vs control, log-rank vs control"));
  }
  {
    /* The History counts places from 1, as the CLI does: Vehicle went from the first place
     * (stored 0, every arm's before) to the second (stored 1). */
    const char *history[] = { "history", "--limit", "8", NULL };
    g_assert_cmpint (run (path, history, &out, &err), ==, 0);
    g_assert_nonnull (strstr (out, "position 1 → 2"));
    g_assert_nonnull (strstr (out, "position 1 → 4"));
    g_assert_null (strstr (out, "position 0"));
  }
  {
    g_autoptr (PdxDb) db = pdx_db_open (path, PDX_DB_OPEN_EXISTING, NULL);
    g_autofree char *order = pdx_test_query_string (
        db, "SELECT group_concat (name || '=' || position || is_control, ', ') FROM (SELECT a.*"
            " FROM arm a JOIN study s ON s.id = a.study_id WHERE s.code = 'ICR-017-A' ORDER BY"
            " position, is_control DESC, a.id)");
    /* T-DM1 first; Vehicle, the old first, unmarked and second. */
    g_assert_cmpstr (order, ==,
                     "T-DM1=01, Vehicle=10, Tucatinib + trastuzumab=20, Alpelisib + T-DM1=30");
  }
  {
    const char *add[] = { "agent",  "add",      "--study",     "ICR-017-A", "--arm",
                          "T-DM1",  "--drug",   "Tucatinib",   "--dose",    "50",
                          "--unit", "mg/kg",    "--first-day", "0",         "--last-day",
                          "21",     "--reason", "amendment",   NULL };
    const char *set[] = { "agent",    "set",    "--study",   "ICR-017-A", "--arm",
                          "T-DM1",    "--drug", "Tucatinib", "--dose",    "25",
                          "--reason", "halved", NULL };
    const char *remove[] = { "agent",  "remove",    "--study",  "ICR-017-A", "--arm", "T-DM1",
                             "--drug", "Tucatinib", "--reason", "not given", NULL };
    g_assert_cmpint (run (path, add, &out, &err), ==, 0);
    g_assert_nonnull (strstr (out, "Agent 'Tucatinib' added to arm 'T-DM1'"));
    g_assert_cmpint (run (path, set, &out, &err), ==, 0);
    {
      g_autoptr (PdxDb) db = pdx_db_open (path, PDX_DB_OPEN_EXISTING, NULL);
      g_autofree char *dose = pdx_test_query_string (
          db, "SELECT dose || unit || first_day || '-' || last_day FROM agent WHERE drug ="
              " 'Tucatinib' AND arm_id = (SELECT a.id FROM arm a JOIN study s ON s.id ="
              " a.study_id WHERE s.code = 'ICR-017-A' AND a.name = 'T-DM1')");
      g_assert_cmpstr (dose, ==, "25.0mg/kg0-21");
    }
    g_assert_cmpint (run (path, remove, &out, &err), ==, 0);
    g_assert_nonnull (strstr (out, "Agent 'Tucatinib' removed"));
  }
  {
    g_autoptr (PdxDb) db = pdx_db_open (path, PDX_DB_OPEN_EXISTING, NULL);
    before = pdx_test_dump_hash (db);
  }
  /* Refusals: one line each, nothing written. */
  {
    const char *cases[][14] = {
      { "arm", "set", "--study", "ICR-017-A", "--arm", "T-DM1", "--name", "Vehicle", "--reason",
        "x", NULL },
      { "arm", "set", "--study", "ICR-017-A", "--arm", "Nope", "--name", "N", "--reason", "x",
        NULL },
      { "arm", "set", "--study", "ICR-017-A", "--arm", "T-DM1", "--control", "maybe", "--reason",
        "x", NULL },
      { "arm", "set", "--study", "ICR-017-A", "--arm", "T-DM1", "--position", "5", "--reason", "x",
        NULL },
      { "arm", "set", "--study", "ICR-017-A", "--arm", "T-DM1", "--colour", "blue", "--reason", "x",
        NULL },
      { "arm", "set", "--study", "ICR-017-A", "--arm", "T-DM1", "--name", "N", NULL },
      { "arm", "set", "--study", "ICR-017-A", "--arm", "T-DM1", "--reason", "x", NULL },
      { "agent", "set", "--study", "ICR-017-A", "--arm", "T-DM1", "--drug", "T-DM1", "--dose",
        "lots", "--reason", "x", NULL },
      { "agent", "set", "--study", "ICR-017-A", "--arm", "T-DM1", "--drug", "Aspirin", "--dose",
        "1", "--reason", "x", NULL },
      { "agent", "set", "--study", "ICR-017-A", "--arm", "T-DM1", "--drug", "T-DM1", "--first-day",
        "40", "--reason", "x", NULL },
      { "agent", "add", "--study", "ICR-017-A", "--arm", "T-DM1", "--reason", "x", NULL },
    };
    const char *expected[] = {
      "Study ICR-017-A already has an arm named 'Vehicle'",
      "study ICR-017-A has no arm 'Nope'",
      "--control takes yes or no, not 'maybe'",
      "--position takes a whole number from 1 to 4",
      "colour 'blue' is not #rrggbb",
      "needs a reason",
      "nothing to change",
      "--dose takes a number ≥ 0",
      "arm 'T-DM1' has no agent 'Aspirin'",
      "is before the first day (40)",
      "--drug D is required",
    };
    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_assert_cmpint (run (path, cases[i], &out, &err), !=, 0);
        if (strstr (err, expected[i]) == NULL)
          g_error ("case %u: '%s', expected '%s'", i, err, expected[i]);
        g_assert_cmpint (strchr (err, '\n') - err, ==, (long) strlen (err) - 1);
      }
  }
  {
    g_autoptr (PdxDb) db = pdx_db_open (path, PDX_DB_OPEN_EXISTING, NULL);
    after = pdx_test_dump_hash (db);
    g_assert_cmpstr (before, ==, after);
  }
  {
    const char *check[] = { "check", NULL };
    const char *verify[] = { "audit", "verify", NULL };
    g_assert_cmpint (run (path, check, &out, &err), ==, 0);
    g_assert_cmpint (run (path, verify, &out, &err), ==, 0);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/arm-edit/arm-fields", test_arm_fields);
  g_test_add_func ("/arm-edit/control", test_control);
  g_test_add_func ("/arm-edit/move", test_move);
  g_test_add_func ("/arm-edit/agents", test_agents);
  g_test_add_func ("/arm-edit/apply", test_apply);
  g_test_add_func ("/arm-edit/locked", test_locked);
  g_test_add_func ("/arm-edit/cli", test_cli);
  return g_test_run ();
}
