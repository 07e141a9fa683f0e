/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-faults-writers.c — many writers on one lab: the app's save path (a thread with its own
 * connection) and four pdxtrack-cli importers at once, for a bounded time. No write that
 * reported success is lost, every refusal is the busy message, and the lab passes check. */
#include "pdx-test-util.h"
#include "store/pdx-store-sqlite.h" /* the raw handle: tests may run SQL (tests/ is outside the order) */

#include <string.h>

#define N_CLI_WRITERS 4
#define N_WRITERS (N_CLI_WRITERS + 1) /* the last one is the in-process save path */
#define ROWS_PER_WRITE 3
#define BUSY_TEXT "another program is writing to this lab"

typedef struct
{
  const char *lab;
  const char *dir;
  guint       writer;   /* 0..N_CLI_WRITERS-1: the CLI; N_CLI_WRITERS: in process */
  gint64      deadline; /* monotonic µs */
  GArray     *ok;       /* attempt numbers that reported success (guint) */
  guint       n_attempts;
  guint       n_refused; /* refused with the busy message */
  GPtrArray  *other;     /* any other failure: its message (owned strings) */
} Writer;

/* The measurement date of attempt @i: a day of its own. */
static char *
attempt_date (guint i)
{
  g_autoptr (GDateTime) day0 = g_date_time_new_utc (1990, 1, 2, 0, 0, 0);
  g_autoptr (GDateTime) day = g_date_time_add_days (day0, (int) i);
  return g_date_time_format (day, "%Y-%m-%d");
}

/* The weight attempt @i writes for mouse @m: exactly representable, in decimal too. */
static double
attempt_weight (guint i, guint m)
{
  return 15.0 + (i % 64) * 0.125 + m * 0.0625;
}

static char *
mouse_tag (guint writer, guint m)
{
  return g_strdup_printf ("W%uM%u", writer, m);
}

/* One import by the CLI of attempt @i's rows; FALSE (with its message in *@message) when it
 * exited non-zero. */
static gboolean
cli_attempt (Writer *w, guint i, char **message)
{
  g_autoptr (GString) csv = g_string_new ("study,mouse,date,weight_g\n");
  g_autofree char *date = attempt_date (i);
  g_autofree char *name = g_strdup_printf ("w%u-%u.csv", w->writer, i);
  g_autofree char *path = g_build_filename (w->dir, name, NULL);
  const char      *cli = g_getenv ("PDXTRACK_CLI");
  const char      *argv[] = { cli, "--db", w->lab, "import", "measurements", path, NULL };
  g_autoptr (GError) error = NULL;
  int status = 0;

  for (guint m = 1; m <= ROWS_PER_WRITE; m++)
    {
      g_autofree char *tag = mouse_tag (w->writer, m);
      g_string_append_printf (csv, "S1,%s,%s,%.4f\n", tag, date, attempt_weight (i, m));
    }
  g_assert_true (g_file_set_contents (path, csv->str, -1, NULL));
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                               NULL, message, &status, &error));
  g_assert_no_error (error);
  return g_spawn_check_wait_status (status, NULL);
}

/* The save path: attempt @i's rows saved through the bench sheet's save (pdx_sheet_save, one
 * transaction) on @db. */
static gboolean
save_attempt (Writer *w, PdxDb *db, gint64 study_id, guint i, GError **error)
{
  g_autofree char *date = attempt_date (i);
  g_autoptr (GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);
  double weights[ROWS_PER_WRITE];

  for (guint m = 1; m <= ROWS_PER_WRITE; m++)
    {
      g_ptr_array_add (tags, mouse_tag (w->writer, m));
      weights[m - 1] = attempt_weight (i, m);
    }
  return pdx_test_sheet_save_weights (db, study_id, date, (const char *const *) tags->pdata,
                                      weights, ROWS_PER_WRITE, error);
}

/* Records a failed attempt: the busy refusal, or anything else (which fails the test). */
static void
record_failure (Writer *w, const char *message, gboolean is_busy)
{
  if (is_busy)
    w->n_refused++;
  else
    g_ptr_array_add (w->other, g_strdup (message ? message : "(no message)"));
}

static gpointer
writer_thread (gpointer data)
{
  Writer *w = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxDb) db = NULL;
  g_autoptr (PdxStudy) study = NULL;

  if (w->writer == N_CLI_WRITERS)
    {
      db = pdx_db_open (w->lab, PDX_DB_OPEN_EXISTING, &error);
      g_assert_no_error (error);
      pdx_db_set_operator (db, "sheet");
      study = pdx_study_find (db, "S1", &error);
      g_assert_nonnull (study);
    }
  for (guint i = 0; g_get_monotonic_time () < w->deadline; i++)
    {
      g_autofree char *message = NULL;
      gboolean         ok;

      if (db)
        {
          ok = save_attempt (w, db, study->id, i, &error);
          if (!ok)
            record_failure (w, error ? error->message : NULL,
                            g_error_matches (error, PDX_DB_ERROR, PDX_DB_ERROR_BUSY) &&
                                strstr (error->message, BUSY_TEXT));
          g_clear_error (&error);
        }
      else
        {
          ok = cli_attempt (w, i, &message);
          if (!ok)
            record_failure (w, message, message && strstr (message, BUSY_TEXT));
        }
      if (ok)
        g_array_append_val (w->ok, i);
      w->n_attempts = i + 1;
      /* The save path at a fast typist's pace, not a tight loop that starves the others. */
      if (db)
        g_usleep (2000);
    }
  return NULL;
}

/* The lab: study S1 and, per writer, mice W<w>M1..M3 implanted long before any attempt. */
static char *
make_lab (void)
{
  g_autofree char *path = NULL;
  g_autoptr (PdxDb) db = pdx_test_new_lab (&path);
  gint64 study = pdx_test_add_study (db, "S1", PDX_READOUT_CALIPER_VOLUME, "1990-01-02");
  gint64 arm = pdx_test_add_arm (db, study, "vehicle", TRUE);

  for (guint w = 0; w < N_WRITERS; w++)
    for (guint m = 1; m <= ROWS_PER_WRITE; m++)
      {
        g_autofree char *tag = mouse_tag (w, m);
        pdx_test_add_mouse (db, study, arm, tag, "1990-01-01");
      }
  return g_steal_pointer (&path);
}

/* Every successful attempt of @w is in the lab with its values; returns the rows found. */
static guint
assert_writes_kept (PdxDb *db, const Writer *w)
{
  sqlite3_stmt *stmt = NULL;
  guint         n_rows = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (pdx_db_get_handle (db),
                                       "SELECT x.weight_g FROM measurement x JOIN mouse m"
                                       " ON m.id = x.mouse_id WHERE m.tag = ? AND x.date = ?",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  for (guint k = 0; k < w->ok->len; k++)
    for (guint m = 1; m <= ROWS_PER_WRITE; m++)
      {
        guint            i = g_array_index (w->ok, guint, k);
        g_autofree char *tag = mouse_tag (w->writer, m);
        g_autofree char *date = attempt_date (i);

        sqlite3_reset (stmt);
        sqlite3_bind_text (stmt, 1, tag, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text (stmt, 2, date, -1, SQLITE_TRANSIENT);
        if (sqlite3_step (stmt) != SQLITE_ROW)
          g_error ("writer %u: attempt %u (%s on %s) reported success but is not in the lab",
                   w->writer, i, tag, date);
        g_assert_cmpfloat (sqlite3_column_double (stmt, 0), ==, attempt_weight (i, m));
        n_rows++;
      }
  sqlite3_finalize (stmt);
  return n_rows;
}

typedef struct
{
  guint n_attempts, n_save_path, n_ok, n_refused, n_rows;
} WriterTotals;

/* The lab after the writers: passes check, every success kept, nothing else written, and no
 * failure other than the busy refusal. */
static WriterTotals
assert_lab_after (const char *lab, Writer writers[N_WRITERS])
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (PdxDb) db = pdx_db_open (lab, PDX_DB_OPEN_EXISTING, &error);
  WriterTotals totals = { .n_save_path = writers[N_CLI_WRITERS].n_attempts };

  g_assert_no_error (error);
  if (!pdx_db_check (db, problems, &error))
    for (guint i = 0; i < problems->len; i++)
      g_test_message ("check: %s", (const char *) g_ptr_array_index (problems, i));
  g_assert_no_error (error);
  for (guint w = 0; w < N_WRITERS; w++)
    {
      for (guint k = 0; k < writers[w].other->len; k++)
        g_test_message ("writer %u failed without the busy message: %s", w,
                        (const char *) g_ptr_array_index (writers[w].other, k));
      g_assert_cmpuint (writers[w].other->len, ==, 0);
      g_assert_cmpuint (writers[w].ok->len, >, 0);
      totals.n_rows += assert_writes_kept (db, &writers[w]);
      totals.n_ok += writers[w].ok->len;
      totals.n_attempts += writers[w].n_attempts;
      totals.n_refused += writers[w].n_refused;
    }
  /* Nothing else was written: a refused write left no row. */
  g_assert_cmpint (pdx_test_count (db, "measurement"), ==, totals.n_rows);
  return totals;
}

static void
test_many_writers (void)
{
  g_autofree char *lab = make_lab ();
  g_autofree char *dir = pdx_test_make_tmpdir ();
  gboolean         full = g_strcmp0 (g_getenv ("PDX_FAULT_SWEEP"), "full") == 0;
  int              seconds = full ? 300 : 60; /* the issue: "for a minute" */
  gint64           deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;
  Writer           writers[N_WRITERS];
  GThread         *threads[N_WRITERS];
  WriterTotals     totals;

  g_assert_nonnull (g_getenv ("PDXTRACK_CLI"));
  for (guint w = 0; w < N_WRITERS; w++)
    {
      writers[w] = (Writer){ .lab = lab,
                             .dir = dir,
                             .writer = w,
                             .deadline = deadline,
                             .ok = g_array_new (FALSE, FALSE, sizeof (guint)),
                             .other = g_ptr_array_new_with_free_func (g_free) };
      threads[w] = g_thread_new ("writer", writer_thread, &writers[w]);
    }
  for (guint w = 0; w < N_WRITERS; w++)
    g_thread_join (threads[w]);
  totals = assert_lab_after (lab, writers);
  g_test_message ("%u writers for %d s: %u writes (%u by the save path), %u succeeded, %u "
                  "refused as busy, %u rows all present",
                  N_WRITERS, seconds, totals.n_attempts, totals.n_save_path, totals.n_ok,
                  totals.n_refused, totals.n_rows);
  for (guint w = 0; w < N_WRITERS; w++)
    {
      g_array_unref (writers[w].ok);
      g_ptr_array_unref (writers[w].other);
    }
}

/* The save path's refusal, on its own connection in a thread (the CLI's runs meanwhile). */
static gpointer
refused_save_thread (gpointer data)
{
  Writer *w = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxDb) db = pdx_db_open (w->lab, PDX_DB_OPEN_EXISTING, &error);
  g_autoptr (PdxStudy) study = NULL;

  g_assert_no_error (error);
  study = pdx_study_find (db, "S1", &error);
  g_assert_nonnull (study);
  if (save_attempt (w, db, study->id, 0, &error))
    g_array_append_val (w->ok, w->writer);
  else
    record_failure (w, error->message,
                    g_error_matches (error, PDX_DB_ERROR, PDX_DB_ERROR_BUSY) &&
                        strstr (error->message, BUSY_TEXT));
  return NULL;
}

/* Another program holds the lab's write lock past the busy timeout: the CLI's import and the
 * save path are both refused with the busy message, and neither wrote anything. */
static void
test_refusal_is_busy (void)
{
  g_autofree char *lab = make_lab ();
  g_autofree char *dir = pdx_test_make_tmpdir ();
  Writer           cli = { .lab = lab, .dir = dir, .writer = 0 };
  Writer           save = { .lab = lab, .dir = dir, .writer = N_CLI_WRITERS };
  g_autofree char *message = NULL;
  sqlite3         *holder = NULL;
  GThread         *thread;

  cli.other = g_ptr_array_new_with_free_func (g_free);
  save.other = g_ptr_array_new_with_free_func (g_free);
  cli.ok = g_array_new (FALSE, FALSE, sizeof (guint));
  save.ok = g_array_new (FALSE, FALSE, sizeof (guint));
  g_assert_cmpint (sqlite3_open (lab, &holder), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (holder, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  thread = g_thread_new ("save", refused_save_thread, &save);
  if (!cli_attempt (&cli, 0, &message))
    record_failure (&cli, message, message && strstr (message, BUSY_TEXT));
  g_thread_join (thread);
  g_assert_cmpint (sqlite3_exec (holder, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (holder);
  for (GPtrArray *other = cli.other; other; other = other == cli.other ? save.other : NULL)
    for (guint k = 0; k < other->len; k++)
      g_test_message ("refused without the busy message: %s",
                      (const char *) g_ptr_array_index (other, k));
  g_assert_cmpuint (cli.n_refused + save.n_refused, ==, 2);
  {
    g_autoptr (PdxDb) db = pdx_db_open (lab, PDX_DB_OPEN_EXISTING, NULL);
    g_assert_cmpint (pdx_test_count (db, "measurement"), ==, 0);
  }
  g_array_unref (cli.ok);
  g_array_unref (save.ok);
  g_ptr_array_unref (cli.other);
  g_ptr_array_unref (save.other);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/faults/writers/cli-and-save-path", test_many_writers);
  g_test_add_func ("/faults/writers/refusal-is-busy", test_refusal_is_busy);
  return g_test_run ();
}
