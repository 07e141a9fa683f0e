/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cli-memory.c — a whole-lab command's peak memory follows the largest study, not the lab:
 * the real pdxtrack-cli ($PDXTRACK_CLI), its maximum resident set measured by GNU time.
 *
 * The lab holds MEM_STUDIES studies of the same size; `stats response` over all of them must
 * peak within 20 % of `stats response --study` on one (issue 11's bound for 40,000 against
 * 10,000 mice). Reading every study into memory at once, or keeping every page read in
 * SQLite's cache, makes the whole lab cost about MEM_STUDIES times one study's data. */
#include "pdx-test-util.h"
#include "store/pdx-store-sqlite.h" /* the raw handle: tests may run SQL (tests/ is outside the order) */

#define MEM_STUDIES 24
#define MEM_MICE 250
#define MEM_DAYS 30

/* MEM_STUDIES caliper studies of MEM_MICE mice with MEM_DAYS measurements each (180,000 rows),
 * written by SQL in one transaction (bulk: no per-row audit entry); the lab's path. */
static char *
make_lab (void)
{
  char *path = NULL;
  g_autoptr (PdxDb) db = pdx_test_new_lab (&path);
  g_autoptr (GError) error = NULL;
  g_autofree char *sql = g_strdup_printf (
      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d)"
      " INSERT INTO study (code, readout, day0) SELECT printf ('MEM-%%02d', i), 'caliper_volume',"
      " '2024-01-01' FROM n WHERE i <= %d;"
      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d)"
      " INSERT INTO mouse (study_id, tag) SELECT s.id, printf ('M%%03d', n.i) FROM study s, n;"
      "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < %d)"
      " INSERT INTO measurement (mouse_id, date, volume_mm3, weight_g)"
      " SELECT m.id, date ('2024-01-01', printf ('+%%d days', 3 * n.i)),"
      " 100 + ((m.id * 7 + n.i * 13) %% 97) * n.i, 20 + (n.i %% 5) / 10.0 FROM mouse m, n;",
      MEM_STUDIES, MEM_STUDIES, MEM_MICE, MEM_DAYS - 1);

  pdx_db_set_bulk (db, TRUE);
  g_assert_true (pdx_db_begin (db, &error) && pdx_db_exec (db, sql, &error) &&
                 pdx_db_commit (db, &error));
  g_assert_no_error (error);
  return path;
}

/* Runs $PDXTRACK_CLI --db @lab --format csv stats response [@study_option @study] under GNU
 * time; asserts it succeeds and returns its peak resident set in kB. (A child forked from this
 * process would start with this process's resident set as its high-water mark, the lab just
 * written included; GNU time's child is forked from GNU time, which is small.) */
static long
peak_kb (const char *lab, const char *study_option, const char *study)
{
  g_autofree char *dir = pdx_test_make_tmpdir ();
  g_autofree char *report = g_build_filename (dir, "time.txt", NULL);
  g_autofree char *text = NULL;
  const char      *argv[] = {
         "/usr/bin/time", "-f",  "%M",       "-o",  report,  g_getenv ("PDXTRACK_CLI"),
         "--db",          lab,   "--format", "csv", "stats", "response",
         study_option,    study, NULL
  };
  g_autoptr (PdxTestRun) run = NULL;
  gint64 kb = 0;

  g_assert_nonnull (argv[5]);
  g_assert_true (g_file_test (argv[0], G_FILE_TEST_IS_EXECUTABLE));
  run = pdx_test_run_argv (argv, NULL);
  g_assert_cmpint (run->status, ==, 0);
  g_assert_true (g_file_get_contents (report, &text, NULL, NULL));
  g_strchomp (text);
  g_assert_true (g_ascii_string_to_signed (text, 10, 1, G_MAXINT64, &kb, NULL));
  return (long) kb;
}

static void
test_stats_response (void)
{
  g_autofree char *lab = make_lab ();
  long             one = peak_kb (lab, "--study", "MEM-01");
  long             all = peak_kb (lab, NULL, NULL);

  g_test_message ("peak RSS: one study %ld kB, the whole lab (%d studies) %ld kB", one, MEM_STUDIES,
                  all);
  g_assert_cmpfloat ((double) all, <=, 1.2 * one);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  /* Under AddressSanitizer, freed memory waits in a quarantine (256 MB) before it is reused,
   * so a process's resident set grows with everything it ever allocated: the children run
   * without it (the variable means nothing to a build without ASan). */
  {
    const char      *asan = g_getenv ("ASAN_OPTIONS");
    g_autofree char *options =
        g_strconcat (asan ? asan : "", asan && *asan ? ":" : "",
                     "quarantine_size_mb=0:thread_local_quarantine_size_kb=0", NULL);
    g_setenv ("ASAN_OPTIONS", options, TRUE);
  }
  g_test_add_func ("/cli/memory/stats-response", test_stats_response);
  return g_test_run ();
}
