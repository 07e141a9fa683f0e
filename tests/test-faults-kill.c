/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-faults-kill.c — kill -9 at random moments of imports, sheet saves and backups: after
 * each kill the lab opens, passes check, holds every change the writer reported committed, and
 * no change is there in part. */
#include "pdx-test-util.h"
#include "store/pdx-store-sqlite.h" /* the raw handle: tests may run SQL (tests/ is outside the order) */

#include <errno.h>
#include <math.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib/gstdio.h>

#define ROWS_PER_IMPORT 40
#define ROWS_PER_SAVE 5
#define SAVES_PER_ROUND 60 /* day offsets a round may use: rounds never share a date */

static GRand *rng;

static gboolean
full_sweep (void)
{
  return g_strcmp0 (g_getenv ("PDX_FAULT_SWEEP"), "full") == 0;
}

/* Kills per writer kind: CI runs the first number, PDX_FAULT_SWEEP=full the second. */
static guint
n_rounds (guint ci, guint full)
{
  return full_sweep () ? full : ci;
}

/* The lab the writers work on: study S1, arm vehicle, mice M1..M5 implanted long before. */
static char *
make_lab (void)
{
  g_autofree char *path = NULL;
  g_autoptr (PdxDb) db = pdx_test_new_lab (&path);
  gint64 study = pdx_test_add_study (db, "S1", PDX_READOUT_CALIPER_VOLUME, "1990-01-01");
  gint64 arm = pdx_test_add_arm (db, study, "vehicle", TRUE);

  for (guint m = 1; m <= ROWS_PER_SAVE; m++)
    {
      g_autofree char *tag = g_strdup_printf ("M%u", m);
      pdx_test_add_mouse (db, study, arm, tag, "1989-12-01");
    }
  return g_steal_pointer (&path);
}

/* ---- the writers (child processes: they report each commit, then go on) -------------------- */

/* What a writer sends once it has the lab open, before its first change. */
#define READY G_MAXUINT32

static void
report_commit (int fd, guint32 unit)
{
  if (write (fd, &unit, sizeof unit) != sizeof unit)
    _exit (3);
}

/* Imports files of ROWS_PER_IMPORT new mice, "K<round>-<unit>-<row>", one unit per file. */
static void
import_writer (const char *lab, guint round, int fd)
{
  g_autoptr (PdxDb) db = pdx_db_open (lab, PDX_DB_OPEN_EXISTING, NULL);
  g_autofree char *csv = g_strdup_printf ("%s-import-%u.csv", lab, round);

  report_commit (fd, READY);
  for (guint32 unit = 0; db && unit < 100000; unit++)
    {
      g_autoptr (GString) text = g_string_new ("study,arm,mouse,implant_date\n");
      PdxImportReport report = { 0 };

      for (guint row = 0; row < ROWS_PER_IMPORT; row++)
        g_string_append_printf (text, "S1,vehicle,K%03u-%05u-%02u,1999-12-01\n", round, unit, row);
      if (!g_file_set_contents (csv, text->str, -1, NULL))
        _exit (4);
      if (pdx_import_mice (db, csv, &report, NULL, NULL, NULL))
        report_commit (fd, unit);
      pdx_import_report_clear (&report);
    }
}

/* The measurement date of save @unit of @round: a day of its own after day 0. */
static char *
save_date (guint round, guint32 unit)
{
  g_autoptr (GDateTime) day0 = g_date_time_new_utc (1990, 1, 1, 0, 0, 0);
  g_autoptr (GDateTime) day = g_date_time_add_days (day0, (int) (round * SAVES_PER_ROUND + unit));
  return g_date_time_format (day, "%Y-%m-%d");
}

/* The weight save @unit writes for mouse @m: distinct, exactly representable. */
static double
save_weight (guint32 unit, guint m)
{
  return 15.0 + (unit % 64) * 0.125 + m * 0.0625;
}

/* Saves of ROWS_PER_SAVE weights through the bench sheet's save (pdx_sheet_save, one
 * transaction), as the app saves a day. */
static void
save_writer (const char *lab, guint round, int fd)
{
  g_autoptr (PdxDb) db = pdx_db_open (lab, PDX_DB_OPEN_EXISTING, NULL);
  g_autoptr (PdxStudy) study = db ? pdx_study_find (db, "S1", NULL) : NULL;
  g_autoptr (GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);

  for (guint m = 1; m <= ROWS_PER_SAVE; m++)
    g_ptr_array_add (tags, g_strdup_printf ("M%u", m));
  report_commit (fd, READY);
  for (guint32 unit = 0; study && unit < SAVES_PER_ROUND; unit++)
    {
      g_autofree char *date = save_date (round, unit);
      double           weights[ROWS_PER_SAVE];

      for (guint m = 1; m <= ROWS_PER_SAVE; m++)
        weights[m - 1] = save_weight (unit, m);
      if (pdx_test_sheet_save_weights (db, study->id, date, (const char *const *) tags->pdata,
                                       weights, ROWS_PER_SAVE, NULL))
        report_commit (fd, unit);
    }
  /* Out of dates for this round: wait to be killed. */
  pause ();
}

typedef void (*Writer) (const char *lab, guint round, int fd);

/* Runs @writer in a child, kills it with SIGKILL a random 0..@max_ms ms after it has the lab
 * open (so that the kills fall among its changes, however slow the build), and returns the
 * units it reported committed (a set of guint32, each stored as unit + 1). */
static GHashTable *
run_and_kill (Writer writer, const char *lab, guint round, guint max_ms)
{
  GHashTable *reported = g_hash_table_new (g_direct_hash, g_direct_equal);
  int         fds[2];
  pid_t       child;
  guint32     unit;

  g_assert_cmpint (pipe (fds), ==, 0);
  child = fork ();
  g_assert_cmpint (child, >=, 0);
  if (child == 0)
    {
      close (fds[0]);
      writer (lab, round, fds[1]);
      _exit (0);
    }
  close (fds[1]);
  g_assert_cmpint (read (fds[0], &unit, sizeof unit), ==, sizeof unit);
  g_assert_cmpuint (unit, ==, READY);
  g_usleep ((gulong) g_rand_int_range (rng, 0, (gint32) max_ms * 1000 + 1));
  g_assert_cmpint (kill (child, SIGKILL), ==, 0);
  g_assert_cmpint (waitpid (child, NULL, 0), ==, child);
  while (read (fds[0], &unit, sizeof unit) == sizeof unit)
    g_hash_table_add (reported, GUINT_TO_POINTER (unit + 1));
  close (fds[0]);
  return reported;
}

/* The lab after a kill: opens, passes check. */
static PdxDb *
open_checked (const char *lab)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  PdxDb *db = pdx_db_open (lab, PDX_DB_OPEN_EXISTING, &error);

  g_assert_no_error (error);
  if (!pdx_db_check (db, problems, &error))
    for (guint i = 0; i < problems->len; i++)
      g_test_message ("check: %s", (const char *) g_ptr_array_index (problems, i));
  g_assert_no_error (error);
  return db;
}

/* Rows per unit found in the lab by @sql (unit, count); asserts each is 0 or @whole and that
 * every reported unit is whole. Returns the number of whole units. */
static guint
assert_units (PdxDb *db, const char *sql, guint round, GHashTable *reported, guint whole)
{
  sqlite3_stmt *stmt = NULL;
  guint         n_whole = 0, n_partial = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (pdx_db_get_handle (db), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  sqlite3_bind_int (stmt, 1, (int) round);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      guint unit = (guint) sqlite3_column_int (stmt, 0);
      guint rows = (guint) sqlite3_column_int (stmt, 1);

      if (rows != whole)
        {
          g_test_message ("round %u unit %u: %u of %u rows (a partial change)", round, unit, rows,
                          whole);
          n_partial++;
        }
      else
        n_whole++;
      g_hash_table_remove (reported, GUINT_TO_POINTER (unit + 1));
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (n_partial, ==, 0);
  /* What remains was reported committed but is not there. */
  g_assert_cmpuint (g_hash_table_size (reported), ==, 0);
  return n_whole;
}

static void
test_kill_import (void)
{
  g_autofree char *lab = make_lab ();
  guint            rounds = n_rounds (40, 200), n_units = 0, n_reported = 0;

  for (guint round = 0; round < rounds; round++)
    {
      g_autoptr (GHashTable) reported = run_and_kill (import_writer, lab, round, 200);
      g_autoptr (PdxDb) db = open_checked (lab);

      n_reported += g_hash_table_size (reported);
      n_units += assert_units (db,
                               "SELECT CAST (substr (tag, 6, 5) AS INTEGER), count(*) FROM mouse"
                               " WHERE tag LIKE 'K%' AND CAST (substr (tag, 2, 3) AS INTEGER) = ?"
                               " GROUP BY substr (tag, 6, 5)",
                               round, reported, ROWS_PER_IMPORT);
    }
  /* The kills fell among commits, not only before the first. */
  g_assert_cmpuint (n_units, >=, rounds / 4);
  g_test_message ("imports: %u kills, %u imports reported, %u whole in the lab, 0 partial", rounds,
                  n_reported, n_units);
}

/* Every saved measurement holds the weight its save wrote, to the bit. */
static void
assert_save_values (PdxDb *db)
{
  sqlite3_stmt *stmt = NULL;
  guint         n = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (pdx_db_get_handle (db),
                                       "SELECT CAST (julianday (x.date) - julianday ('1990-01-01')"
                                       " AS INTEGER), CAST (substr (m.tag, 2) AS INTEGER),"
                                       " x.weight_g FROM measurement x JOIN mouse m"
                                       " ON m.id = x.mouse_id",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      guint32 unit = (guint32) sqlite3_column_int (stmt, 0) % SAVES_PER_ROUND;
      guint   m = (guint) sqlite3_column_int (stmt, 1);

      g_assert_cmpfloat (sqlite3_column_double (stmt, 2), ==, save_weight (unit, m));
      n++;
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (n % ROWS_PER_SAVE, ==, 0);
}

static void
test_kill_save (void)
{
  g_autofree char *lab = make_lab ();
  guint            rounds = n_rounds (40, 200), n_units = 0, n_reported = 0;

  for (guint round = 0; round < rounds; round++)
    {
      g_autoptr (GHashTable) reported = run_and_kill (save_writer, lab, round, 100);
      g_autoptr (PdxDb) db = open_checked (lab);
      g_autofree char *sql = g_strdup_printf (
          "SELECT CAST (julianday (date) - julianday ('1990-01-01') AS INTEGER) - ?1 * %d,"
          " count(*) FROM measurement"
          " WHERE CAST (julianday (date) - julianday ('1990-01-01') AS INTEGER) / %d = ?1"
          " GROUP BY date",
          SAVES_PER_ROUND, SAVES_PER_ROUND);

      n_reported += g_hash_table_size (reported);
      n_units += assert_units (db, sql, round, reported, ROWS_PER_SAVE);
      assert_save_values (db);
    }
  g_assert_cmpuint (n_units, >=, rounds / 4);
  g_test_message ("saves: %u kills, %u saves reported, %u whole in the lab, 0 partial", rounds,
                  n_reported, n_units);
}

/* ---- backup: the CLI killed while it writes the copy ---------------------------------------- */

/* A lab of some size (about a megabyte), so that a backup takes a while to write. */
static char *
make_big_lab (void)
{
  g_autofree char *lab = make_lab ();
  g_autoptr (GString) mice = g_string_new ("study,arm,mouse,implant_date\n");
  g_autoptr (GString) values = g_string_new ("study,mouse,date,length_mm,width_mm,weight_g,note\n");
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxDb) db = pdx_db_open (lab, PDX_DB_OPEN_EXISTING, &error);
  PdxImportReport  report = { 0 };
  g_autofree char *mice_path = NULL, *values_path = NULL;

  for (guint m = 0; m < 100; m++)
    {
      g_string_append_printf (mice, "S1,vehicle,B%03u,1999-12-01\n", m);
      for (guint d = 0; d < 60; d++)
        g_string_append_printf (values, "S1,B%03u,2000-%02u-%02u,%.3f,%.3f,%.2f,day %u of B%03u\n",
                                m, 1 + d / 28, 1 + d % 28, 5 + (m % 7) * 0.5 + d * 0.01,
                                4 + (m % 5) * 0.25, 20 + (d % 9) * 0.1, d, m);
    }
  mice_path = pdx_test_write_file ("big-mice.csv", mice->str, -1);
  values_path = pdx_test_write_file ("big-values.csv", values->str, -1);
  g_assert_true (pdx_import_mice (db, mice_path, &report, NULL, NULL, &error));
  pdx_import_report_clear (&report);
  g_assert_true (pdx_import_measurements (db, values_path, &report, NULL, NULL, &error));
  g_assert_no_error (error);
  pdx_import_report_clear (&report);
  return g_steal_pointer (&lab);
}

/* Starts "pdxtrack-cli --db LAB backup --out DEST"; returns its pid. */
static GPid
spawn_backup (const char *lab, const char *dest)
{
  const char *cli = g_getenv ("PDXTRACK_CLI");
  const char *argv[] = { cli, "--db", lab, "backup", "--out", dest, NULL };
  g_autoptr (GError) error = NULL;
  GPid pid = 0;

  g_assert_nonnull (cli);
  g_assert_true (g_spawn_async (NULL, (char **) argv, NULL,
                                G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL |
                                    G_SPAWN_STDERR_TO_DEV_NULL,
                                NULL, NULL, &pid, &error));
  g_assert_no_error (error);
  return pid;
}

/* Waits for @pid; returns its exit status, or -1 when a signal ended it. */
static int
wait_exit (GPid pid)
{
  int status = 0;

  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

/* After a backup run: the target is absent (and no journal of it is left to be replayed) or a
 * whole copy of the lab. Returns whether it is there. */
static gboolean
assert_target (const char *dest, const char *lab_hash)
{
  g_autofree char *journal = g_strconcat (dest, "-journal", NULL);
  g_autofree char *problem = NULL;
  g_autofree char *hash = NULL;

  if (g_file_test (journal, G_FILE_TEST_EXISTS))
    g_test_message ("%s is left beside the target", journal);
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
  if (!g_file_test (dest, G_FILE_TEST_EXISTS))
    return FALSE;
  hash = pdx_test_file_dump_hash (dest, &problem);
  if (problem)
    g_test_message ("a partial backup: %s", problem);
  g_assert_cmpstr (problem, ==, NULL);
  g_assert_cmpstr (hash, ==, lab_hash);
  return TRUE;
}

static void
test_kill_backup (void)
{
  g_autofree char *lab = make_big_lab ();
  g_autofree char *dir = pdx_test_make_tmpdir ();
  g_autofree char *dest = g_build_filename (dir, "copy.pdxlab", NULL);
  g_autofree char *lab_hash = pdx_test_file_dump_hash (lab, NULL);
  guint            rounds = n_rounds (30, 150), n_whole = 0, n_absent = 0;
  gint64           start = g_get_monotonic_time ();
  guint            duration_us;

  /* How long a whole backup takes here: the kills fall anywhere inside it. */
  g_assert_cmpint (wait_exit (spawn_backup (lab, dest)), ==, 0);
  duration_us = (guint) (g_get_monotonic_time () - start);
  g_assert_true (assert_target (dest, lab_hash));
  g_assert_cmpint (g_unlink (dest), ==, 0);
  for (guint round = 0; round < rounds; round++)
    {
      GPid             pid = spawn_backup (lab, dest);
      g_autofree char *after = NULL;

      g_usleep ((gulong) g_rand_int_range (rng, 0, (gint32) duration_us + 1));
      kill (pid, SIGKILL);
      wait_exit (pid);
      after = pdx_test_file_dump_hash (lab, NULL);
      g_assert_cmpstr (after, ==, lab_hash);
      if (assert_target (dest, lab_hash))
        n_whole++;
      else
        {
          /* Nothing in the way of a retry. */
          n_absent++;
          g_assert_cmpint (wait_exit (spawn_backup (lab, dest)), ==, 0);
          g_assert_true (assert_target (dest, lab_hash));
        }
      g_assert_cmpint (g_unlink (dest), ==, 0);
    }
  g_test_message ("backups: %u kills within %.0f ms runs, %u left a whole copy, %u none "
                  "(retried), 0 partial",
                  rounds, duration_us / 1e3, n_whole, n_absent);
}

/* Whether @name is among the writer kinds named on the command line (none named: all). */
static gboolean
is_selected (const char *name, int argc, char **argv)
{
  if (argc < 2)
    return TRUE;
  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], name))
      return TRUE;
  return FALSE;
}

/* test-faults-kill [import|save|backup…]: the writers named (all when none is). */
int
main (int argc, char **argv)
{
  static const struct
  {
    const char *name;
    GTestFunc   func;
  } tests[] = {
    { "import", test_kill_import },
    { "save", test_kill_save },
    { "backup", test_kill_backup },
  };
  const char *seed_text = g_getenv ("PDX_FAULT_SEED");
  guint32     seed = seed_text ? (guint32) g_ascii_strtoull (seed_text, NULL, 10) : 20261203;

  g_test_init (&argc, &argv, NULL);
  rng = g_rand_new_with_seed (seed);
  g_test_message ("kill times from seed %u (PDX_FAULT_SEED)", seed);
  for (guint i = 0; i < G_N_ELEMENTS (tests); i++)
    if (is_selected (tests[i].name, argc, argv))
      {
        g_autofree char *path = g_strdup_printf ("/faults/kill/%s", tests[i].name);
        g_test_add_func (path, tests[i].func);
      }
  return g_test_run ();
}
