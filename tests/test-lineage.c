/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-lineage.c — the model programme (issue 16, docs/model-programme.md): the 95 % Wilson
 * interval against hand arithmetic (and R's prop.test (x, n, correct = FALSE)), the latency's
 * Kaplan–Meier median against R's survival (tests/fixtures/lineage/km-latency.R, its printed
 * values below), take rate and harvest as of a day on a line with grafts, vials and thaws; the
 * refusals of the model (one sentence, nothing changed) and of the schema's net underneath; and
 * `line stats` in CSV, column for column. */
#include "pdx-test-cli.h"
#include "pdx-test-util.h"
#include "store/pdx-store.h" /* pdx_db_exec: SQL past the model */

#include <math.h>
#include <string.h>

#define LAB_AS_OF "2026-03-16"

static void
assert_near (double value, double expected, double tolerance)
{
  if (!(fabs (value - expected) <= tolerance))
    g_error ("%.9g is not %.9g (± %g)", value, expected, tolerance);
}

/* ---- Wilson ------------------------------------------------------------------------------ */

/* By hand, z = 1.959963985, z² = 3.841459:
 *   centre = (p + z²/2n) / (1 + z²/n), half = z / (1 + z²/n) · √(p(1 − p)/n + z²/4n²).
 *   7/10: z²/n = 0.384146, 1 + z²/n = 1.384146; centre = (0.7 + 0.192073) / 1.384146 = 0.644493;
 *         √(0.021 + 0.009604) = 0.174939, half = 1.959964 · 0.174939 / 1.384146 = 0.247715;
 *         0.396778 .. 0.892209 (R: 0.3967781 0.8922087).
 *   0/5:  z²/n = 0.768292; centre = 0.384146 / 1.768292 = 0.217241, half = 1.959964 ·
 *         √(3.841459/100) / 1.768292 = 0.217241: 0 .. 0.434482 (R: 0 0.4344825).
 *   5/5:  the mirror image: 0.565518 .. 1 (R: 0.5655175 1).
 *   6/9:  z²/n = 0.426829; centre = (0.666667 + 0.213415) / 1.426829 = 0.616809;
 *         √(0.024691 + 0.011856) = 0.191175, half = 0.262607: 0.354202 .. 0.879416
 *         (R: 0.3542021 0.8794162).
 *   1/1:  z²/n = 3.841459; centre = (1 + 1.920729) / 4.841459 = 0.603275, half = 1.959964 ·
 *         √(3.841459/4) / 4.841459 = 0.396725: 0.206549 .. 1. */
static void
test_wilson (void)
{
  double lo, hi;

  pdx_wilson_interval (7, 10, &lo, &hi);
  assert_near (lo, 0.3967781, 5e-7);
  assert_near (hi, 0.8922087, 5e-7);
  pdx_wilson_interval (0, 5, &lo, &hi);
  g_assert_cmpfloat (lo, ==, 0);
  assert_near (hi, 0.4344825, 5e-7);
  pdx_wilson_interval (5, 5, &lo, &hi);
  assert_near (lo, 0.5655175, 5e-7);
  g_assert_cmpfloat (hi, ==, 1);
  pdx_wilson_interval (6, 9, &lo, &hi);
  assert_near (lo, 0.3542021, 5e-7);
  assert_near (hi, 0.8794162, 5e-7);
  pdx_wilson_interval (1, 1, &lo, &hi);
  assert_near (lo, 0.206549, 5e-6);
  g_assert_cmpfloat (hi, ==, 1);
  /* Nothing resolved: no interval. */
  pdx_wilson_interval (0, 0, &lo, &hi);
  g_assert_true (isnan (lo) && isnan (hi));
}

/* ---- a line's history --------------------------------------------------------------------- */

typedef struct
{
  PdxDb *db;
  char  *path;
  gint64 line;
  gint64 p0, p1[11], p2[4], p3;
  gint64 vial_a, vial_b, thaw_a, thaw_b;
} Lab;

static gint64
add_graft (Lab        *lab,
           gint64      parent,
           const char *implant,
           const char *outcome,
           const char *detected,
           const char *harvest)
{
  g_autoptr (PdxGraft) g = pdx_graft_new ();
  g_autoptr (GError) error = NULL;

  g->line_id = lab->line;
  g->parent_graft_id = parent;
  g->implant_date = g_strdup (implant);
  g->material = g_strdup ("fragment");
  g->site = g_strdup ("subcutaneous");
  g->host_strain = g_strdup ("NSG");
  g->host_sex = g_strdup ("F");
  g->outcome = g_strdup (outcome);
  g->detected_date = g_strdup (detected);
  g->harvest_date = g_strdup (harvest);
  g_assert_true (pdx_graft_insert (lab->db, g, &error));
  g_assert_no_error (error);
  return g->id;
}

static gint64
add_vial (Lab *lab, gint64 graft, const char *frozen, int row, int col)
{
  g_autoptr (PdxVial) v = pdx_vial_new ();
  g_autoptr (GError) error = NULL;

  v->graft_id = graft;
  v->frozen_date = g_strdup (frozen);
  v->material = g_strdup ("fragment");
  v->freezer = g_strdup ("LN2-1");
  v->rack = g_strdup ("3");
  v->box = g_strdup ("B7");
  v->box_size = 9;
  v->position_row = row;
  v->position_col = col;
  g_assert_true (pdx_vial_insert (lab->db, v, &error));
  g_assert_no_error (error);
  return v->id;
}

static void
set_outcome (Lab *lab, gint64 graft, const char *outcome, const char *detected)
{
  g_autoptr (PdxGraft) read = pdx_graft_get (lab->db, graft, NULL);
  g_autoptr (PdxGraft) wanted = pdx_graft_copy (read);
  g_autoptr (GError) error = NULL;

  g_free (wanted->outcome), wanted->outcome = g_strdup (outcome);
  g_free (wanted->detected_date), wanted->detected_date = g_strdup (detected);
  g_assert_true (pdx_graft_set (lab->db, read, wanted, NULL, &error));
  g_assert_no_error (error);
}

/* The line of the statistics tests:
 *   P0  2025-10-01, take 2025-11-01 (31 days), harvested 2025-12-01 (61 days).
 *   P1  ten grafts of P0 implanted 2026-01-05 (day 0) — take on days 21 (harvest 30), 28
 *       (harvest 40), 35 (harvest 60), 42, 49, 63 and 86 (2026-04-01); no take, harvested on
 *       days 28, 42, 56 — and an eleventh implanted 2026-04-01, pending.
 *   P2  from P1's first graft, implanted 2026-03-01: takes on days 10, 20, 30, 40; the first
 *       started by the thaw of vial A (P1, frozen 2026-02-04); vial B (P1, frozen 2026-02-14)
 *       thawed 2026-03-05 without a recorded graft, took.
 *   P3  from P2's first, implanted 2026-05-01, pending. */
static void
lab_init (Lab *lab)
{
  static const char *const p1[][3] = {
    { "take", "2026-01-26", "2026-02-04" }, { "take", "2026-02-02", "2026-02-14" },
    { "no_take", NULL, "2026-02-02" },      { "take", "2026-02-09", "2026-03-06" },
    { "take", "2026-02-16", NULL },         { "no_take", NULL, "2026-02-16" },
    { "take", "2026-02-23", NULL },         { "no_take", NULL, "2026-03-02" },
    { "take", "2026-03-09", NULL },         { "take", "2026-04-01", NULL },
  };
  static const char *const p2_detected[] = { "2026-03-11", "2026-03-21", "2026-03-31",
                                             "2026-04-10" };
  g_autoptr (PdxLine) line = pdx_line_new ();
  g_autoptr (PdxThaw) thaw = pdx_thaw_new ();
  g_autoptr (PdxThaw) thaw_b = pdx_thaw_new ();
  g_autoptr (PdxGraft) started = pdx_graft_new ();
  g_autoptr (GError) error = NULL;

  memset (lab, 0, sizeof *lab);
  lab->db = pdx_test_new_lab (&lab->path);
  line->code = g_strdup ("BCBM-T1");
  g_free (line->status), line->status = g_strdup ("active");
  g_assert_true (pdx_line_insert (lab->db, line, &error));
  g_assert_no_error (error);
  lab->line = line->id;
  lab->p0 = add_graft (lab, 0, "2025-10-01", "take", "2025-11-01", "2025-12-01");
  for (guint i = 0; i < G_N_ELEMENTS (p1); i++)
    lab->p1[i] = add_graft (lab, lab->p0, "2026-01-05", p1[i][0], p1[i][1], p1[i][2]);
  lab->p1[10] = add_graft (lab, lab->p0, "2026-04-01", NULL, NULL, NULL);
  lab->vial_a = add_vial (lab, lab->p1[0], "2026-02-04", 1, 1);
  lab->vial_b = add_vial (lab, lab->p1[1], "2026-02-14", 1, 2);

  /* P2's first graft, started by the thaw of vial A: pending, then taken. */
  thaw->vial_id = lab->vial_a;
  thaw->date = g_strdup ("2026-03-01");
  started->host_label = g_strdup ("T-201");
  g_assert_true (pdx_thaw_insert (lab->db, thaw, started, &error));
  g_assert_no_error (error);
  lab->thaw_a = thaw->id;
  lab->p2[0] = started->id;
  g_assert_cmpint (started->passage, ==, 2);
  g_assert_cmpint (started->parent_graft_id, ==, lab->p1[0]);
  g_assert_cmpstr (started->implant_date, ==, "2026-03-01");
  g_assert_cmpstr (thaw->outcome, ==, "pending");
  set_outcome (lab, lab->p2[0], "take", p2_detected[0]);
  for (guint i = 1; i < G_N_ELEMENTS (p2_detected); i++)
    lab->p2[i] = add_graft (lab, lab->p1[0], "2026-03-01", "take", p2_detected[i], NULL);

  /* Vial B thawed without a recorded graft; it took. */
  thaw_b->vial_id = lab->vial_b;
  thaw_b->date = g_strdup ("2026-03-05");
  thaw_b->outcome = g_strdup ("took");
  g_assert_true (pdx_thaw_insert (lab->db, thaw_b, NULL, &error));
  g_assert_no_error (error);
  lab->thaw_b = thaw_b->id;

  lab->p3 = add_graft (lab, lab->p2[0], "2026-05-01", NULL, NULL, NULL);
}

static void
lab_clear (Lab *lab)
{
  g_assert_true (pdx_db_close_checked (lab->db, NULL));
  g_free (lab->path);
}

static const PdxPassageStats *
passage_of (const PdxLineStats *stats, int passage)
{
  for (guint i = 0; i < stats->n_passages; i++)
    if (stats->passages[i].passage == passage)
      return &stats->passages[i];
  return NULL;
}

static void
test_history (void)
{
  Lab lab;
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxThaw) thaw = NULL;
  g_autoptr (PdxVial) vial = NULL;
  g_autofree char *v = NULL;

  lab_init (&lab);
  /* The thaw that started P2's first graft has its outcome; both vials are thawed. */
  thaw = pdx_thaw_get (lab.db, lab.thaw_a, &error);
  g_assert_cmpstr (thaw->outcome, ==, "took");
  g_assert_cmpint (thaw->graft_id, ==, lab.p2[0]);
  vial = pdx_vial_get (lab.db, lab.vial_a, &error);
  g_assert_cmpstr (vial->status, ==, "thawed");
  g_assert_cmpint (pdx_test_count (lab.db, "graft"), ==, 1 + 11 + 4 + 1);
  g_assert_cmpint (pdx_test_count (lab.db, "vial"), ==, 2);
  g_assert_cmpint (pdx_test_count (lab.db, "thaw"), ==, 2);
  /* Audited by the triggers: one insert entry per graft, vial and thaw; the thaw's outcome
   * following its graft's an update of its own. */
  v = pdx_test_query_string (lab.db,
                             "SELECT group_concat (table_name || ':' || action || ':' || n, ' ')"
                             " FROM (SELECT table_name, action, count (*) AS n FROM audit_log"
                             " WHERE table_name IN ('graft', 'vial', 'thaw')"
                             " GROUP BY table_name, action ORDER BY table_name, action)");
  g_assert_cmpstr (v, ==,
                   "graft:insert:17 graft:update:1 thaw:insert:2 thaw:update:1 vial:insert:2 "
                   "vial:update:2");
  {
    g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
    gboolean ok = pdx_db_check (lab.db, problems, &error);
    for (guint i = 0; i < problems->len; i++)
      g_test_message ("check: %s", (const char *) g_ptr_array_index (problems, i));
    g_assert_no_error (error);
    g_assert_true (ok);
  }
  lab_clear (&lab);
}

/* R (km-latency.R): "P1: median 49", "P1 as of 2026-06-01: median 49", "P2: median 25",
 * "unreached: median NA". */
#define R_P1_MEDIAN 49.0
#define R_P1_LATER_MEDIAN 49.0
#define R_P2_MEDIAN 25.0

static void
test_stats (void)
{
  Lab lab;
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxLineStats) early = NULL;
  g_autoptr (PdxLineStats) later = NULL;
  const PdxPassageStats *p;

  lab_init (&lab);
  early = pdx_line_stats_load (lab.db, lab.line, LAB_AS_OF, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (early->as_of, ==, LAB_AS_OF);
  /* As of 2026-03-16 (P1's day 70): P0, P1 and P2 (implanted 03-01), not P3 (05-01). */
  g_assert_cmpuint (early->n_passages, ==, 3);
  p = passage_of (early, 0);
  g_assert_cmpuint (p->grafts, ==, 1);
  g_assert_cmpuint (p->taken, ==, 1);
  assert_near (p->latency_median_days, 31, 0); /* 2025-10-01 → 11-01 */
  assert_near (p->harvest_median_days, 61, 0); /* → 12-01 */
  /* P1: the eleventh not yet implanted; the tenth's take (04-01) after the day: pending. */
  p = passage_of (early, 1);
  g_assert_cmpuint (p->grafts, ==, 10);
  g_assert_cmpuint (p->taken, ==, 6);
  g_assert_cmpuint (p->no_take, ==, 3);
  g_assert_cmpuint (p->pending, ==, 1);
  assert_near (p->take_rate, 6.0 / 9, 1e-12);
  assert_near (p->take_rate_lo, 0.3542021, 5e-7);
  assert_near (p->take_rate_hi, 0.8794162, 5e-7);
  g_assert_cmpuint (p->latency_n, ==, 10);
  assert_near (p->latency_median_days, R_P1_MEDIAN, 0);
  /* The takes harvested by the day: 30, 40 and 60 days. */
  assert_near (p->harvest_median_days, 40, 0);
  /* P2 on 03-16: the first (thawed vial A) taken 03-11; three pending; vial B's thaw took. */
  p = passage_of (early, 2);
  g_assert_cmpuint (p->grafts, ==, 5);
  g_assert_cmpuint (p->thaws, ==, 1);
  g_assert_cmpuint (p->taken, ==, 2);
  g_assert_cmpuint (p->pending, ==, 3);
  assert_near (p->take_rate, 1, 0);
  g_assert_cmpuint (p->latency_n, ==, 4); /* the thaw without a graft has no dates */
  /* 10 days taken, three censored at 15: S stays 0.75, the median is not reached. */
  g_assert_true (isnan (p->latency_median_days));
  g_assert_true (isnan (p->harvest_median_days));

  later = pdx_line_stats_load (lab.db, lab.line, "2026-06-01", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (later->n_passages, ==, 4);
  p = passage_of (later, 1);
  g_assert_cmpuint (p->grafts, ==, 11);
  g_assert_cmpuint (p->taken, ==, 7);
  g_assert_cmpuint (p->no_take, ==, 3);
  /* 7/10: the Wilson interval of the brief, 0.3968 .. 0.8922. */
  assert_near (p->take_rate, 0.7, 1e-12);
  assert_near (p->take_rate_lo, 0.3967781, 5e-7);
  assert_near (p->take_rate_hi, 0.8922087, 5e-7);
  assert_near (p->latency_median_days, R_P1_LATER_MEDIAN, 0);
  p = passage_of (later, 2);
  g_assert_cmpuint (p->grafts, ==, 5);
  g_assert_cmpuint (p->taken, ==, 5);
  assert_near (p->take_rate_lo, 0.5655175, 5e-7);
  g_assert_cmpfloat (p->take_rate_hi, ==, 1);
  assert_near (p->latency_median_days, R_P2_MEDIAN, 0);
  p = passage_of (later, 3);
  g_assert_cmpuint (p->grafts, ==, 1);
  g_assert_cmpuint (p->pending, ==, 1);
  g_assert_true (isnan (p->take_rate) && isnan (p->take_rate_lo));
  g_assert_true (isnan (p->latency_median_days));

  /* A bad day is refused. */
  g_assert_null (pdx_line_stats_load (lab.db, lab.line, "2026-02-30", &error));
  g_assert_error (error, PDX_DB_ERROR, PDX_DB_ERROR_INVALID);
  lab_clear (&lab);
}

/* The median not reached (R: NA) from plain structs: one take on day 30, two censored. */
static void
test_unreached (void)
{
  g_autoptr (GPtrArray) grafts = g_ptr_array_new_with_free_func ((GDestroyNotify) pdx_graft_free);
  g_autoptr (PdxLineStats) stats = NULL;
  static const char *const rows[][3] = { { "take", "2026-01-31", NULL },
                                         { "no_take", NULL, "2026-03-02" },
                                         { "no_take", NULL, "2026-04-01" } };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      PdxGraft *g = pdx_graft_new ();
      g->passage = 4;
      g->implant_date = g_strdup ("2026-01-01");
      g->outcome = g_strdup (rows[i][0]);
      g->detected_date = g_strdup (rows[i][1]);
      g->harvest_date = g_strdup (rows[i][2]);
      g_ptr_array_add (grafts, g);
    }
  stats = pdx_line_stats_compute (grafts, NULL, NULL, "2026-06-01", NULL);
  g_assert_cmpuint (stats->n_passages, ==, 1);
  g_assert_cmpuint (stats->passages[0].taken, ==, 1);
  g_assert_true (isnan (stats->passages[0].latency_median_days));
  assert_near (stats->passages[0].take_rate, 1.0 / 3, 1e-12);
}

/* ---- refusals ------------------------------------------------------------------------------ */

/* @call (passing `refused` as its GError **) refused with PDX_DB_ERROR @code and a message
 * containing @expected; the lab unchanged. */
#define ASSERT_REFUSED(lab, call, code, expected)                                                  \
  G_STMT_START                                                                                     \
  {                                                                                                \
    g_autofree char *before_ = pdx_test_dump_hash ((lab)->db);                                     \
    g_autoptr (GError) error_ = NULL;                                                              \
    GError         **refused = &error_;                                                            \
    g_autofree char *after_ = NULL;                                                                \
    g_assert_false (call);                                                                         \
    g_assert_error (error_, PDX_DB_ERROR, code);                                                   \
    if (strstr (error_->message, expected) == NULL)                                                \
      g_error ("refused with '%s', expected '%s'", error_->message, expected);                     \
    g_assert_null (strstr (error_->message, "constraint"));                                        \
    after_ = pdx_test_dump_hash ((lab)->db);                                                       \
    g_assert_cmpstr (before_, ==, after_);                                                         \
  }                                                                                                \
  G_STMT_END

static PdxGraft *
new_graft (Lab *lab, gint64 parent, const char *implant)
{
  PdxGraft *g = pdx_graft_new ();

  g->line_id = lab->line;
  g->parent_graft_id = parent;
  g->implant_date = g_strdup (implant);
  g->material = g_strdup ("fragment");
  return g;
}

static void
test_model_refusals (void)
{
  Lab lab;

  lab_init (&lab);
  {
    /* The passage is the parent's + 1. */
    g_autoptr (PdxGraft) g = new_graft (&lab, lab.p0, "2026-01-10");
    g->passage = 3;
    ASSERT_REFUSED (&lab, pdx_graft_insert (lab.db, g, refused), PDX_DB_ERROR_INVALID,
                    "P3 cannot come from graft 1, which is P0");
  }
  {
    /* P1 and on need a parent; the parent must have taken. */
    g_autoptr (PdxGraft) g = new_graft (&lab, 0, "2026-01-10");
    g->passage = 2;
    ASSERT_REFUSED (&lab, pdx_graft_insert (lab.db, g, refused), PDX_DB_ERROR_INVALID,
                    "P2 needs the graft it came from");
    g->passage = -1;
    g->parent_graft_id = lab.p1[2]; /* no take */
    ASSERT_REFUSED (&lab, pdx_graft_insert (lab.db, g, refused), PDX_DB_ERROR_INVALID,
                    "did not take (no_take)");
  }
  {
    /* Detected before the implant; a take without its day; no take without its harvest. */
    g_autoptr (PdxGraft) g = new_graft (&lab, lab.p0, "2026-01-10");
    g->outcome = g_strdup ("take");
    g->detected_date = g_strdup ("2026-01-09");
    ASSERT_REFUSED (&lab, pdx_graft_insert (lab.db, g, refused), PDX_DB_ERROR_INVALID,
                    "the tumour is detected on 2026-01-09, before the implant on 2026-01-10");
    g_clear_pointer (&g->detected_date, g_free);
    ASSERT_REFUSED (&lab, pdx_graft_insert (lab.db, g, refused), PDX_DB_ERROR_INVALID,
                    "a take needs the day the tumour was detected");
    g_free (g->outcome), g->outcome = g_strdup ("no_take");
    ASSERT_REFUSED (&lab, pdx_graft_insert (lab.db, g, refused), PDX_DB_ERROR_INVALID,
                    "needs the harvest date");
    g_free (g->outcome), g->outcome = g_strdup ("took");
    ASSERT_REFUSED (&lab, pdx_graft_insert (lab.db, g, refused), PDX_DB_ERROR_INVALID,
                    "the outcome 'took' is not pending, take or no_take");
    g_free (g->outcome), g->outcome = g_strdup ("pending");
    g_free (g->implant_date), g->implant_date = g_strdup ("2025-09-30");
    ASSERT_REFUSED (&lab, pdx_graft_insert (lab.db, g, refused), PDX_DB_ERROR_INVALID,
                    "before its parent graft 1 (2025-10-01)");
    g_free (g->implant_date), g->implant_date = g_strdup ("2100-01-01");
    ASSERT_REFUSED (&lab, pdx_graft_insert (lab.db, g, refused), PDX_DB_ERROR_INVALID,
                    "after today");
  }
  {
    /* Two vials in stock in one place: refused; once the first is discarded, the place is
     * free; putting it back in stock then is refused (the place is taken). */
    g_autoptr (PdxVial) v = pdx_vial_new ();
    g_autoptr (PdxVial) first = NULL;
    g_autoptr (GError) error = NULL;
    v->graft_id = lab.p1[3];
    v->frozen_date = g_strdup ("2026-03-06");
    v->material = g_strdup ("fragment");
    v->freezer = g_strdup ("LN2-1"), v->rack = g_strdup ("3"), v->box = g_strdup ("B7");
    v->box_size = 9, v->position_row = 4, v->position_col = 4;
    g_assert_true (pdx_vial_insert (lab.db, v, &error));
    g_assert_no_error (error);
    first = pdx_vial_get (lab.db, v->id, NULL);
    v->id = 0;
    ASSERT_REFUSED (&lab, pdx_vial_insert (lab.db, v, refused), PDX_DB_ERROR_INVALID,
                    "freezer LN2-1, rack 3, box B7, row 4, column 4 already holds vial 3");
    v->position_col = 10;
    ASSERT_REFUSED (&lab, pdx_vial_insert (lab.db, v, refused), PDX_DB_ERROR_INVALID,
                    "row 4, column 10 is not a place of the box (1 to 9)");
    v->position_col = 4;
    g_assert_true (pdx_vial_set_status (lab.db, first, "discarded", NULL, &error));
    g_assert_no_error (error);
    g_assert_true (pdx_vial_insert (lab.db, v, &error));
    g_assert_no_error (error);
    g_clear_pointer (&first, pdx_vial_free);
    first = pdx_vial_get (lab.db, 3, NULL);
    ASSERT_REFUSED (&lab, pdx_vial_set_status (lab.db, first, "in_stock", "found it", refused),
                    PDX_DB_ERROR_INVALID, "now holds vial 4, in stock");
    ASSERT_REFUSED (&lab, pdx_vial_set_status (lab.db, first, "in_stock", NULL, refused),
                    PDX_DB_ERROR_INVALID, "is a correction and needs a reason");
    /* A vial of a graft that did not take; a thawed vial stays thawed, is not thawed again. */
    v->graft_id = lab.p1[2];
    v->position_col = 5;
    ASSERT_REFUSED (&lab, pdx_vial_insert (lab.db, v, refused), PDX_DB_ERROR_INVALID,
                    "the graft did not take (no_take)");
  }
  {
    g_autoptr (PdxVial) thawed = pdx_vial_get (lab.db, lab.vial_a, NULL);
    g_autoptr (PdxThaw) again = pdx_thaw_new ();
    ASSERT_REFUSED (&lab, pdx_vial_set_status (lab.db, thawed, "in_stock", "x", refused),
                    PDX_DB_ERROR_INVALID, "was thawed and stays thawed");
    again->vial_id = lab.vial_a;
    again->date = g_strdup ("2026-03-10");
    ASSERT_REFUSED (&lab, pdx_thaw_insert (lab.db, again, NULL, refused), PDX_DB_ERROR_INVALID,
                    "the vial is not in stock (thawed)");
  }
  {
    /* A change of a recorded value needs a reason; a stale read is a conflict. */
    g_autoptr (PdxGraft) read = pdx_graft_get (lab.db, lab.p1[0], NULL);
    g_autoptr (PdxGraft) wanted = pdx_graft_copy (read);
    g_autoptr (PdxGraft) stale = NULL;
    g_autoptr (GError) error = NULL;
    g_autofree char *v = NULL;
    g_free (wanted->detected_date), wanted->detected_date = g_strdup ("2026-01-27");
    ASSERT_REFUSED (&lab, pdx_graft_set (lab.db, read, wanted, NULL, refused), PDX_DB_ERROR_INVALID,
                    "changing the recorded detected date needs a reason");
    g_assert_true (pdx_graft_set (lab.db, read, wanted, "read off the wrong mouse", &error));
    g_assert_no_error (error);
    v = pdx_test_query_string (
        lab.db, "SELECT (old_values ->> '$.detected_date') || '>' ||"
                " (new_values ->> '$.detected_date') || ':' || reason"
                " FROM audit_log WHERE table_name = 'graft' ORDER BY id DESC LIMIT 1");
    g_assert_cmpstr (v, ==, "2026-01-26>2026-01-27:read off the wrong mouse");
    stale = pdx_graft_copy (read); /* still says 2026-01-26 */
    g_free (wanted->notes), wanted->notes = g_strdup ("large tumour");
    ASSERT_REFUSED (&lab, pdx_graft_set (lab.db, stale, wanted, "x", refused),
                    PDX_DB_ERROR_CONFLICT, "changed since it was read");
    /* A donor keeps its take. */
    g_clear_pointer (&read, pdx_graft_free);
    read = pdx_graft_get (lab.db, lab.p1[0], NULL);
    g_clear_pointer (&wanted, pdx_graft_free);
    wanted = pdx_graft_copy (read);
    g_free (wanted->outcome), wanted->outcome = g_strdup ("no_take");
    g_clear_pointer (&wanted->detected_date, g_free);
    ASSERT_REFUSED (&lab, pdx_graft_set (lab.db, read, wanted, "x", refused), PDX_DB_ERROR_INVALID,
                    "grafts or vials come from it");
  }
  {
    /* A thaw with a graft has the graft's outcome. */
    g_autoptr (PdxThaw) thaw = pdx_thaw_get (lab.db, lab.thaw_a, NULL);
    ASSERT_REFUSED (&lab, pdx_thaw_set_outcome (lab.db, thaw, "did_not", "x", refused),
                    PDX_DB_ERROR_INVALID, "record the graft's outcome");
  }
  lab_clear (&lab);
}

/* The schema's net: the same rules refused by SQL that bypasses the model. */
static void
assert_sql_refused (Lab *lab, const char *sql, const char *expected)
{
  g_autofree char *before = pdx_test_dump_hash (lab->db);
  g_autofree char *after = NULL;
  g_autoptr (GError) error = NULL;

  g_test_message ("%s", sql);
  g_assert_false (pdx_db_exec (lab->db, sql, &error));
  g_assert_nonnull (error);
  if (strstr (error->message, expected) == NULL)
    g_error ("'%s' refused with '%s', expected '%s'", sql, error->message, expected);
  after = pdx_test_dump_hash (lab->db);
  g_assert_cmpstr (before, ==, after);
}

static void
test_schema_refusals (void)
{
  Lab              lab;
  g_autofree char *sql = NULL;

  lab_init (&lab);
  sql = g_strdup_printf ("INSERT INTO graft (line_id, passage, parent_graft_id, implant_date,"
                         " material) VALUES (%" G_GINT64_FORMAT ", 3, %" G_GINT64_FORMAT
                         ", '2026-01-10', 'fragment')",
                         lab.line, lab.p0);
  assert_sql_refused (&lab, sql, "a graft's passage is its parent graft's passage + 1");
  g_free (sql);
  sql = g_strdup_printf ("UPDATE graft SET passage = 5 WHERE id = %" G_GINT64_FORMAT, lab.p3);
  assert_sql_refused (&lab, sql, "a graft's passage is its parent graft's passage + 1");
  g_free (sql);
  sql = g_strdup_printf ("INSERT INTO graft (line_id, passage, implant_date, material, outcome,"
                         " detected_date) VALUES (%" G_GINT64_FORMAT
                         ", 0, '2026-01-10', 'fragment', 'take', '2026-01-09')",
                         lab.line);
  assert_sql_refused (&lab, sql, "CHECK constraint failed");
  g_free (sql);
  sql = g_strdup_printf ("UPDATE graft SET outcome = 'take' WHERE id = %" G_GINT64_FORMAT, lab.p3);
  assert_sql_refused (&lab, sql, "CHECK constraint failed"); /* a take without its day */
  g_free (sql);
  sql = g_strdup_printf ("UPDATE graft SET outcome = 'pending', detected_date = NULL"
                         " WHERE id = %" G_GINT64_FORMAT,
                         lab.p1[0]);
  assert_sql_refused (&lab, sql, "grafts or vials come from this graft");
  g_free (sql);
  /* Two vials in stock in one place (vial B's place, B7 1,2, is free since its thaw). */
  sql = g_strdup_printf ("INSERT INTO vial (line_id, passage, graft_id, material, frozen_date,"
                         " freezer, rack, box, box_size, position_row, position_col) VALUES"
                         " (%" G_GINT64_FORMAT ", 1, %" G_GINT64_FORMAT ", 'fragment',"
                         " '2026-03-06', 'LN2-1', '3', 'B7', 9, 5, 5),"
                         " (%" G_GINT64_FORMAT ", 1, %" G_GINT64_FORMAT ", 'fragment',"
                         " '2026-03-06', 'LN2-1', '3', 'B7', 9, 5, 5)",
                         lab.line, lab.p1[3], lab.line, lab.p1[3]);
  assert_sql_refused (&lab, sql, "UNIQUE constraint failed");
  g_free (sql);
  sql = g_strdup_printf ("UPDATE vial SET status = 'in_stock' WHERE id = %" G_GINT64_FORMAT,
                         lab.vial_a);
  assert_sql_refused (&lab, sql, "a vial is thawed with its thaw record, and stays thawed");
  g_free (sql);
  sql = g_strdup_printf ("INSERT INTO vial (line_id, passage, graft_id, material, frozen_date)"
                         " VALUES (%" G_GINT64_FORMAT ", 1, %" G_GINT64_FORMAT
                         ", 'fragment', '2026-03-06')",
                         lab.line, lab.p1[2]);
  assert_sql_refused (&lab, sql, "a vial's graft did not take");
  g_free (sql);
  sql = g_strdup_printf (
      "INSERT INTO thaw (vial_id, date) VALUES (%" G_GINT64_FORMAT ", '2026-03-20')", lab.vial_a);
  /* A second thaw of a vial: its trigger refuses before the UNIQUE of vial_id would. */
  assert_sql_refused (&lab, sql, "the vial is not in stock");
  lab_clear (&lab);
}

/* A study's mouse linked to the graft it came from: a take of the study's line; a stale read
 * is a conflict, a recorded link changes only with a reason; audited. */
static void
test_mouse_graft (void)
{
  Lab lab;
  g_autoptr (PdxStudy) study = pdx_study_new ();
  g_autoptr (PdxLine) other = pdx_line_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *v = NULL;
  gint64           mouse, other_p0, current = -1;

  lab_init (&lab);
  study->code = g_strdup ("S-T1");
  study->line_id = lab.line;
  study->passage = 2;
  study->readout = PDX_READOUT_BLI_FLUX;
  study->day0 = g_strdup ("2026-04-20");
  g_free (study->status), study->status = g_strdup ("active");
  g_assert_true (pdx_study_insert (lab.db, study, &error));
  g_assert_no_error (error);
  mouse = pdx_test_add_mouse (lab.db, study->id, 0, "M1", "2026-04-10");
  other->code = g_strdup ("BCBM-T2");
  g_free (other->status), other->status = g_strdup ("active");
  g_assert_true (pdx_line_insert (lab.db, other, &error));
  g_assert_no_error (error);
  {
    g_autoptr (PdxGraft) g = pdx_graft_new ();
    g->line_id = other->id;
    g->implant_date = g_strdup ("2026-01-02");
    g->material = g_strdup ("cells");
    g->outcome = g_strdup ("take");
    g->detected_date = g_strdup ("2026-02-01");
    g_assert_true (pdx_graft_insert (lab.db, g, &error));
    g_assert_no_error (error);
    other_p0 = g->id;
  }
  ASSERT_REFUSED (&lab, pdx_mouse_set_graft (lab.db, mouse, 0, other_p0, NULL, refused),
                  PDX_DB_ERROR_INVALID, "is of another line than the study's");
  ASSERT_REFUSED (&lab, pdx_mouse_set_graft (lab.db, mouse, 0, lab.p1[2], NULL, refused),
                  PDX_DB_ERROR_INVALID, "did not take (no_take)");
  ASSERT_REFUSED (&lab, pdx_mouse_set_graft (lab.db, mouse, 0, 999, NULL, refused),
                  PDX_DB_ERROR_INVALID, "there is no graft 999");
  g_assert_true (pdx_mouse_set_graft (lab.db, mouse, 0, lab.p2[1], NULL, &error));
  g_assert_no_error (error);
  g_assert_true (pdx_mouse_get_graft (lab.db, mouse, &current, &error));
  g_assert_cmpint (current, ==, lab.p2[1]);
  ASSERT_REFUSED (&lab, pdx_mouse_set_graft (lab.db, mouse, 0, lab.p2[2], "x", refused),
                  PDX_DB_ERROR_CONFLICT, "linked it to another graft");
  ASSERT_REFUSED (&lab, pdx_mouse_set_graft (lab.db, mouse, lab.p2[1], lab.p2[2], NULL, refused),
                  PDX_DB_ERROR_INVALID, "changing its recorded graft");
  g_assert_true (
      pdx_mouse_set_graft (lab.db, mouse, lab.p2[1], lab.p2[2], "host tag misread", &error));
  g_assert_no_error (error);
  v = pdx_test_query_string (lab.db,
                             "SELECT (old_values ->> '$.graft_id') || '>' ||"
                             " (new_values ->> '$.graft_id') || ':' || reason FROM audit_log"
                             " WHERE table_name = 'mouse' ORDER BY id DESC LIMIT 1");
  {
    g_autofree char *want = g_strdup_printf (
        "%" G_GINT64_FORMAT ">%" G_GINT64_FORMAT ":host tag misread", lab.p2[1], lab.p2[2]);
    g_assert_cmpstr (v, ==, want);
  }
  lab_clear (&lab);
}

/* ---- the CLI ------------------------------------------------------------------------------- */

static void
test_cli (void)
{
  Lab               lab;
  g_autofree char  *out = NULL, *err = NULL;
  const char *const stats[] = { "--format", "csv",     "line",       "stats", "--line",
                                "BCBM-T1",  "--as-of", "2026-06-01", NULL };
  const char *const unknown[] = { "line", "stats", "--line", "NOPE", NULL };
  const char *const bad_day[] = { "line",    "stats",      "--line", "BCBM-T1",
                                  "--as-of", "2026-13-01", NULL };

  lab_init (&lab);
  g_assert_true (pdx_db_close_checked (lab.db, NULL));
  lab.db = NULL;
  g_assert_cmpint (pdx_test_run_cli_args (lab.path, stats, &out, &err), ==, 0);
  /* P0 1/1 (Wilson 0.206549 .. 1), 31 and 61 days; P1 7/10, R's median 49, harvests 30 40 60;
   * P2 5/5 (0.565518 .. 1), R's 25, none harvested; P3 pending: nothing estimable. */
  g_assert_cmpstr (out, ==,
                   "passage,grafts,taken,take_rate,take_rate_lo,take_rate_hi,"
                   "latency_median_days,harvest_median_days\n"
                   "0,1,1,1.0000,0.2065,1.0000,31,61\n"
                   "1,11,7,0.7000,0.3968,0.8922,49,40\n"
                   "2,5,5,1.0000,0.5655,1.0000,25,\n"
                   "3,1,0,,,,,\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (pdx_test_run_cli_args (lab.path, unknown, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "there is no line 'NOPE'"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (pdx_test_run_cli_args (lab.path, bad_day, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "--as-of '2026-13-01' is not a date"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  {
    /* A write refused in one line, the lab unchanged. */
    const char *const add[] = { "graft",      "add",       "--line", "BCBM-T1",   "--parent",
                                "1",          "--passage", "4",      "--implant", "2026-01-10",
                                "--material", "fragment",  NULL };
    g_autofree char  *before = NULL, *problem = NULL, *after = NULL;
    before = pdx_test_file_dump_hash (lab.path, &problem);
    g_assert_cmpint (pdx_test_run_cli_args (lab.path, add, &out, &err), ==, 1);
    g_assert_cmpstr (err, ==,
                     "pdxtrack-cli: New graft of line BCBM-T1: P4 cannot come from graft 1, which "
                     "is P0 (a graft is its parent's passage + 1). Nothing was changed.\n");
    after = pdx_test_file_dump_hash (lab.path, &problem);
    g_assert_cmpstr (before, ==, after);
  }
  g_free (lab.path);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/lineage/wilson", test_wilson);
  g_test_add_func ("/lineage/history", test_history);
  g_test_add_func ("/lineage/stats", test_stats);
  g_test_add_func ("/lineage/unreached", test_unreached);
  g_test_add_func ("/lineage/model-refusals", test_model_refusals);
  g_test_add_func ("/lineage/schema-refusals", test_schema_refusals);
  g_test_add_func ("/lineage/mouse-graft", test_mouse_graft);
  g_test_add_func ("/lineage/cli", test_cli);
  return g_test_run ();
}
