/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-demo.c — the demo lab holds what issue 2 describes, passes check, and is deterministic. */
#include "pdx-test-util.h"

#include <math.h>

static PdxDb *
demo_lab (guint32 seed)
{
  g_autoptr (GError) error = NULL;
  PdxDb         *db = pdx_test_new_lab (NULL);
  PdxDemoOptions options = { .seed = seed };

  g_assert_true (pdx_demo_generate (db, &options, &error));
  g_assert_no_error (error);
  return db;
}

static gint64
count_sql (PdxDb *db, const char *sql)
{
  g_autofree char *text = pdx_test_query_string (db, sql);
  return text ? g_ascii_strtoll (text, NULL, 10) : 0;
}

static void
test_contents (void)
{
  g_autoptr (PdxDb) db = demo_lab (1);
  g_autoptr (GError) error = NULL;

  g_assert_true (pdx_db_check (db, NULL, &error));
  g_assert_cmpint (pdx_test_count (db, "patient"), >=, 3);
  g_assert_cmpint (count_sql (db, "SELECT count(*) FROM patient WHERE her2_ish = 'amplified'"), >=,
                   3);
  g_assert_cmpint (pdx_test_count (db, "line"), >=, 3);
  /* One PIK3CA-mutant, one PTEN-loss, one without PI3K-pathway alteration; PDX-MI QC filled. */
  g_assert_cmpint (
      count_sql (db, "SELECT count(*) FROM line WHERE alterations LIKE '%PIK3CA H1047R%'"), ==, 1);
  g_assert_cmpint (count_sql (db, "SELECT count(*) FROM line WHERE alterations LIKE '%PTEN loss%'"),
                   ==, 1);
  g_assert_cmpint (count_sql (db, "SELECT count(*) FROM line WHERE alterations LIKE '%wild-type%'"),
                   ==, 1);
  g_assert_cmpint (
      count_sql (db, "SELECT count(*) FROM line WHERE sample_id IS NULL OR host_strain IS NULL"
                     " OR qc_human_origin = 0"),
      ==, 0);
  /* At least two intracranial BLI studies and one mammary fat pad caliper study. */
  g_assert_cmpint (count_sql (db,
                              "SELECT count(*) FROM study WHERE implant_site LIKE 'intracranial%'"
                              " AND readout = 'bli_flux' AND status = 'completed'"),
                   >=, 2);
  g_assert_cmpint (count_sql (db,
                              "SELECT count(*) FROM study WHERE implant_site = 'mammary fat pad'"
                              " AND readout = 'caliper_volume'"),
                   ==, 1);
  /* Arms of 8–12 mice, with combination arms. */
  g_assert_cmpint (count_sql (db,
                              "SELECT count(*) FROM (SELECT arm_id, count(*) n FROM mouse"
                              " WHERE arm_id IS NOT NULL GROUP BY arm_id) WHERE n < 8 OR n > 12"),
                   ==, 0);
  g_assert_cmpint (count_sql (db, "SELECT count(*) FROM (SELECT arm_id FROM agent GROUP BY arm_id"
                                  " HAVING count(*) > 1)"),
                   >=, 3);
  g_assert_cmpint (count_sql (db, "SELECT count(*) FROM arm WHERE name IN ('Vehicle', 'T-DM1',"
                                  " 'Tucatinib + trastuzumab', 'Alpelisib + T-DM1')"),
                   >=, 4);
}

/* Weekly BLI, weights twice a week, MRI at two time points, neurological scores. */
/* Each line's graft history (docs/model-programme.md, "The demo lab"): P0 to the passage its
 * studies use, three grafts a passage, some that failed, vials banked, one thaw that started a
 * graft of the next passage; the statistics have every passage. */
static void
test_lineage (void)
{
  g_autoptr (PdxDb) db = demo_lab (1);
  g_autoptr (GPtrArray) lines = pdx_line_list (db, NULL);

  g_assert_nonnull (lines);
  for (guint i = 0; i < lines->len; i++)
    {
      const PdxLine *line = g_ptr_array_index (lines, i);
      g_autoptr (PdxLineStats) stats = pdx_line_stats_load (db, line->id, NULL, NULL);

      g_assert_nonnull (stats);
      g_assert_cmpuint (stats->n_passages, ==, (guint) line->passage + 1);
      for (guint p = 0; p < stats->n_passages; p++)
        {
          g_assert_cmpint (stats->passages[p].passage, ==, (int) p);
          g_assert_cmpuint (stats->passages[p].grafts, ==, 3);
          g_assert_cmpuint (stats->passages[p].pending, ==, 0);
          g_assert_false (isnan (stats->passages[p].latency_median_days));
        }
    }
  g_assert_cmpint (count_sql (db, "SELECT count (*) FROM graft WHERE outcome = 'no_take'"), ==, 4);
  g_assert_cmpint (count_sql (db, "SELECT count (*) FROM vial WHERE status = 'in_stock'"), ==, 17);
  g_assert_cmpint (count_sql (db, "SELECT count (*) FROM thaw t JOIN graft g ON g.id = t.graft_id"
                                  " JOIN vial v ON v.id = t.vial_id WHERE t.outcome = 'took'"
                                  " AND g.passage = v.passage + 1 AND g.outcome = 'take'"),
                   ==, 1);
}

static void
test_intracranial_schedule (void)
{
  g_autoptr (PdxDb) db = demo_lab (1);
  const char *per_mouse =
      "SELECT CAST (avg(n) AS INTEGER) FROM (SELECT m.id, count(x.%s) n FROM mouse m JOIN study s ON s.id = m.study_id"
      " JOIN measurement x ON x.mouse_id = m.id WHERE s.code = 'ICR-017-A' AND m.excluded = 0"
      " GROUP BY m.id)";
  g_autofree char *bli = g_strdup_printf (per_mouse, "bli_flux");
  g_autofree char *weight = g_strdup_printf (per_mouse, "weight_g");

  /* Mice follow the schedule until their endpoint: on average at least six weekly BLI images. */
  g_assert_cmpint (count_sql (db, bli), >=, 6);
  g_assert_cmpint (count_sql (db, weight), >=, 2 * count_sql (db, bli) - 2);
  g_assert_cmpint (count_sql (db, "SELECT count(DISTINCT x.date) FROM measurement x JOIN mouse m"
                                  " ON m.id = x.mouse_id JOIN study s ON s.id = m.study_id"
                                  " WHERE s.code = 'ICR-017-A' AND x.mri_volume_mm3 IS NOT NULL"),
                   ==, 2);
  g_assert_cmpint (count_sql (db, "SELECT count(*) FROM measurement WHERE neuro_score >= 2"), >, 0);
  /* BLI days are a week apart. */
  g_assert_cmpint (count_sql (db,
                              "SELECT count(*) FROM (SELECT x.mouse_id, x.date, lag(x.date) OVER"
                              " (PARTITION BY x.mouse_id ORDER BY x.date) prev FROM measurement x"
                              " WHERE x.bli_flux IS NOT NULL) WHERE prev IS NOT NULL AND"
                              " julianday(date) - julianday(prev) != 7"),
                   ==, 0);
}

/* Humane endpoints and end-of-study censoring; one excluded mouse with its reason. */
static void
test_endpoints (void)
{
  g_autoptr (PdxDb) db = demo_lab (1);

  g_assert_cmpint (
      count_sql (db, "SELECT count(*) FROM endpoint WHERE kind = 'humane_neuro' AND is_event"), >,
      5);
  g_assert_cmpint (
      count_sql (db, "SELECT count(*) FROM endpoint WHERE kind = 'humane_weight' AND is_event"), >=,
      1);
  g_assert_cmpint (
      count_sql (db, "SELECT count(*) FROM endpoint WHERE kind = 'end_of_study' AND NOT is_event"),
      >, 5);
  g_assert_cmpint (
      count_sql (db, "SELECT count(*) FROM mouse WHERE excluded AND length(exclusion_reason) > 10"),
      ==, 1);
  /* A study waiting for randomisation: its mice are unassigned, with a baseline reading. */
  g_assert_cmpint (count_sql (db, "SELECT count(*) FROM mouse m JOIN study s ON s.id = m.study_id"
                                  " WHERE s.status = 'planned' AND m.arm_id IS NULL"),
                   >=, 16);
}

/* The story: PI3K-altered lines resist HER2-only therapy and respond once a PI3K/mTOR inhibitor is
 * added; the wild-type line responds to HER2-only therapy. Compared on mean log BLI / volume at
 * day 27 of each study. */
static double
mean_burden (PdxDb *db, const char *study, const char *arm)
{
  g_autofree char *sql = g_strdup_printf (
      "SELECT avg(ln(coalesce(x.bli_flux, x.volume_mm3))) FROM measurement x JOIN mouse m ON m.id = x.mouse_id"
      " JOIN study s ON s.id = m.study_id JOIN arm a ON a.id = m.arm_id WHERE s.code = '%s'"
      " AND a.name = '%s' AND julianday(x.date) - julianday(s.day0) BETWEEN 26 AND 28"
      " AND coalesce(x.bli_flux, x.volume_mm3) > 0",
      study, arm);
  g_autofree char *text = pdx_test_query_string (db, sql);
  g_assert_nonnull (text);
  return g_ascii_strtod (text, NULL);
}

static void
test_story (void)
{
  g_autoptr (PdxDb) db = demo_lab (7);
  double vehicle = mean_burden (db, "ICR-017-A", "Vehicle");
  double tdm1 = mean_burden (db, "ICR-017-A", "T-DM1");
  double combo = mean_burden (db, "ICR-017-A", "Alpelisib + T-DM1");

  /* HER2-only therapy: less than a 3-fold reduction; with the PI3K/mTOR inhibitor: more than
   * 50-fold (vehicle mice with the largest tumours have reached their endpoint by day 27). */
  g_assert_cmpfloat (vehicle - tdm1, <, log (3));
  g_assert_cmpfloat (vehicle - combo, >, log (50));
  g_assert_cmpfloat (mean_burden (db, "ICR-023-B", "Vehicle") -
                         mean_burden (db, "ICR-023-B", "Neratinib"),
                     <, log (3));
  g_assert_cmpfloat (mean_burden (db, "ICR-023-B", "Vehicle") -
                         mean_burden (db, "ICR-023-B", "Everolimus + neratinib"),
                     >, log (50));
  g_assert_cmpfloat (mean_burden (db, "MFP-031-C", "Vehicle") -
                         mean_burden (db, "MFP-031-C", "T-DM1"),
                     >, log (5));
}

static char *
dump_without_audit_times (PdxDb *db)
{
  g_autofree char *dump = pdx_test_dump (db);
  g_autoptr (GRegex) time = g_regex_new ("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z", 0, 0, NULL);
  /* The chain's hashes cover the times, so they differ too (64 hex digits: nothing else). */
  g_autoptr (GRegex) hash = g_regex_new ("\\b[0-9a-f]{64}\\b", 0, 0, NULL);
  g_autofree char *timeless = g_regex_replace_literal (time, dump, -1, 0, "T", 0, NULL);
  return g_regex_replace_literal (hash, timeless, -1, 0, "H", 0, NULL);
}

static void
test_deterministic (void)
{
  g_autoptr (PdxDb) a = demo_lab (42);
  g_autoptr (PdxDb) b = demo_lab (42);
  g_autoptr (PdxDb) c = demo_lab (43);
  g_autofree char *da = dump_without_audit_times (a);
  g_autofree char *db_ = dump_without_audit_times (b);
  g_autofree char *dc = dump_without_audit_times (c);

  g_assert_cmpstr (da, ==, db_);
  g_assert_cmpstr (da, !=, dc);
}

static void
test_refuses_full_lab (void)
{
  g_autoptr (PdxDb) db = demo_lab (1);
  g_autoptr (GError) error = NULL;
  PdxDemoOptions   options = { .seed = 1 };
  g_autofree char *before = pdx_test_dump (db);
  g_autofree char *after = NULL;

  g_assert_false (pdx_demo_generate (db, &options, &error));
  g_assert_error (error, PDX_DB_ERROR, PDX_DB_ERROR_INVALID);
  after = pdx_test_dump (db);
  g_assert_cmpstr (before, ==, after);
}

static void
test_large (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxDb) db = pdx_test_new_lab (NULL);
  PdxDemoOptions options = { .seed = 1, .extra_mice = 1000 };

  g_assert_true (pdx_demo_generate (db, &options, &error));
  g_assert_cmpint (count_sql (db, "SELECT count(*) FROM mouse m JOIN study s ON s.id = m.study_id"
                                  " WHERE s.code LIKE 'BIG-%'"),
                   ==, 1000);
  /* About 40 dated records per mouse: 10,000 mice give about 400,000. */
  g_assert_cmpint (count_sql (db,
                              "SELECT count(*) FROM measurement x JOIN mouse m ON m.id = x.mouse_id"
                              " JOIN study s ON s.id = m.study_id WHERE s.code LIKE 'BIG-%'"),
                   >, 35000);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/demo/contents", test_contents);
  g_test_add_func ("/demo/lineage", test_lineage);
  g_test_add_func ("/demo/intracranial-schedule", test_intracranial_schedule);
  g_test_add_func ("/demo/endpoints", test_endpoints);
  g_test_add_func ("/demo/story", test_story);
  g_test_add_func ("/demo/deterministic", test_deterministic);
  g_test_add_func ("/demo/refuses-full-lab", test_refuses_full_lab);
  g_test_add_func ("/demo/large", test_large);
  return g_test_run ();
}
