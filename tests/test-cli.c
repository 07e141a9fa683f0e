/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cli.c — pdxtrack-cli end to end (SPEC §8): the real binary ($PDXTRACK_CLI) run with
 * g_spawn_sync; exit codes, stdout, the one stderr line, and the lab file afterwards. */
#include <string.h>
#include <sys/wait.h>

#include "pdx-test-util.h"
#include "store/pdx-store-sqlite.h" /* the raw handle: tests may run SQL (tests/ is outside the order) */

typedef PdxTestRun Run;

/* Runs pdxtrack-cli with the NULL-terminated arguments in @args, @env_db as $PDXTRACK_DB (or
 * unset), in a private HOME / XDG_DATA_HOME so that the user's own lab is never touched. */
static Run *
run_argv (const char *env_db, const char *const *args)
{
  const char *cli = g_getenv ("PDXTRACK_CLI");
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  return pdx_test_run_argv ((const char *const *) argv->pdata, env_db);
}

static Run *run_cli (const char *first, ...) G_GNUC_NULL_TERMINATED;

static Run *
run_cli (const char *first, ...)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  va_list ap;

  va_start (ap, first);
  for (const char *a = first; a; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) a);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  return run_argv (NULL, (const char *const *) args->pdata);
}

static void
assert_success (const Run *run)
{
  if (run->status != 0)
    g_error ("pdxtrack-cli exited %d: %s", run->status, run->err);
  g_assert_cmpstr (run->err, ==, "");
}

/* Non-zero exit and exactly one line "pdxtrack-cli: …" on stderr. */
static void
assert_one_line_failure (const Run *run)
{
  g_test_message ("stderr: %s", run->err);
  g_assert_cmpint (run->status, >, 0);
  g_assert_true (g_str_has_prefix (run->err, "pdxtrack-cli: "));
  g_assert_true (g_str_has_suffix (run->err, "\n"));
  g_assert_cmpint (strchr (run->err, '\n') - run->err, ==, (gssize) strlen (run->err) - 1);
  g_assert_cmpuint (strlen (run->err), >, strlen ("pdxtrack-cli: \n") + 5);
}

static char *
read_bytes (const char *path, gsize *len)
{
  g_autoptr (GError) error = NULL;
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, len, &error));
  g_assert_no_error (error);
  return contents;
}

static char *
dump_lab (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxDb) db = pdx_db_open (path, PDX_DB_OPEN_EXISTING, &error);

  g_assert_no_error (error);
  g_assert_nonnull (db);
  return pdx_test_dump (db);
}

/* A new lab made by the CLI itself, in a fresh folder. */
static char *
new_lab (void)
{
  g_autofree char *dir = pdx_test_make_tmpdir ();
  char            *path = g_build_filename (dir, "lab.pdxlab", NULL);
  g_autoptr (PdxTestRun) run = run_cli ("--db", path, "init", NULL);

  assert_success (run);
  return path;
}

static const char mice_csv[] = "study,arm,mouse,cage,sex,implant_date,day0,readout\n"
                               "S1,vehicle,M1,C1,F,2024-03-01,2024-03-15,caliper_volume\n"
                               "S1,vehicle,M2,C1,F,2024-03-01,2024-03-15,caliper_volume\n"
                               "S1,T-DM1,M3,C2,F,2024-03-01,2024-03-15,caliper_volume\n"
                               "S2,untreated,A1,C9,M,2024-05-01,2024-05-10,bli_flux\n";

static const char measurements_csv[] = "study,mouse,date,length_mm,width_mm,weight_g\n"
                                       "S1,M1,2024-03-15,8,10,21.5\n"
                                       "S1,M3,2024-03-15,6,6,20.0\n"
                                       "S1,M1,2024-03-22,12,9,21.0\n";

/* A lab holding mice_csv and measurements_csv, imported through the CLI. */
static char *
small_lab (void)
{
  char            *lab = new_lab ();
  g_autofree char *mice = pdx_test_write_file ("mice.csv", mice_csv, -1);
  g_autofree char *measurements = pdx_test_write_file ("measurements.csv", measurements_csv, -1);
  g_autoptr (PdxTestRun) a = run_cli ("--db", lab, "import", "mice", mice, NULL);
  g_autoptr (PdxTestRun) b = NULL;

  assert_success (a);
  b = run_cli ("--db", lab, "import", "measurements", measurements, NULL);
  assert_success (b);
  return lab;
}

/* ---- help and usage ------------------------------------------------------------------------ */

static const char *const storage_commands[] = {
  "init", "demo", "check", "backup", "import", "list", "export",
};

static void
test_help_global (void)
{
  static const char *const forms[] = { "--help", "-h", "help" };

  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    {
      g_autoptr (PdxTestRun) run = run_cli (forms[i], NULL);
      assert_success (run);
      g_assert_nonnull (strstr (run->out, "Usage"));
      for (guint c = 0; c < G_N_ELEMENTS (storage_commands); c++)
        g_assert_nonnull (strstr (run->out, storage_commands[c]));
    }
}

/* `COMMAND --help` exits 0 with help on stdout, and touches no lab. */
static void
test_help_commands (void)
{
  g_autofree char *dir = pdx_test_make_tmpdir ();
  g_autofree char *lab = g_build_filename (dir, "never.pdxlab", NULL);

  for (guint c = 0; c < G_N_ELEMENTS (storage_commands); c++)
    {
      g_autoptr (PdxTestRun) run = run_cli ("--db", lab, storage_commands[c], "--help", NULL);
      g_autoptr (PdxTestRun) env_run = NULL;
      const char *args[] = { storage_commands[c], "--help", NULL };

      g_test_message ("%s --help", storage_commands[c]);
      assert_success (run);
      g_assert_cmpuint (strlen (run->out), >, 20);
      g_assert_false (g_file_test (lab, G_FILE_TEST_EXISTS));
      /* Through $PDXTRACK_DB too. */
      env_run = run_argv (lab, args);
      assert_success (env_run);
      g_assert_false (g_file_test (lab, G_FILE_TEST_EXISTS));
    }
}

static void
test_unknown_command (void)
{
  g_autofree char *lab = new_lab ();
  g_autofree char *before = dump_lab (lab);
  g_autofree char *after = NULL;
  g_autoptr (PdxTestRun) run = run_cli ("--db", lab, "frobnicate", NULL);

  assert_one_line_failure (run);
  g_assert_nonnull (strstr (run->err, "frobnicate"));
  after = dump_lab (lab);
  g_assert_cmpstr (after, ==, before);
}

static void
test_no_command (void)
{
  g_autoptr (PdxTestRun) run = run_cli (NULL, NULL);

  g_assert_cmpint (run->status, >, 0);
  g_assert_cmpstr (run->out, ==, "");
  g_assert_cmpuint (strlen (run->err), >, 0);
}

/* ---- init, demo, check, list ----------------------------------------------------------------- */

static void
test_init (void)
{
  g_autofree char *dir = pdx_test_make_tmpdir ();
  g_autofree char *lab = g_build_filename (dir, "lab.pdxlab", NULL);
  g_autoptr (PdxTestRun) first = run_cli ("--db", lab, "init", NULL);
  g_autoptr (PdxTestRun) again = NULL;
  g_autoptr (PdxTestRun) check = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxDb) db = NULL;
  g_autofree char *bytes_before = NULL;
  g_autofree char *bytes_after = NULL;
  gsize            len_before, len_after;

  assert_success (first);
  g_assert_true (g_file_test (lab, G_FILE_TEST_IS_REGULAR));
  db = pdx_db_open (lab, PDX_DB_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pdx_test_count (db, "study"), ==, 0);
  g_assert_cmpint (pdx_test_count (db, "mouse"), ==, 0);
  g_clear_pointer (&db, pdx_db_close);

  check = run_cli ("--db", lab, "check", NULL);
  assert_success (check);

  /* init refuses an existing file and leaves it byte-identical. */
  bytes_before = read_bytes (lab, &len_before);
  again = run_cli ("--db", lab, "init", NULL);
  assert_one_line_failure (again);
  g_assert_nonnull (strstr (again->err, lab));
  bytes_after = read_bytes (lab, &len_after);
  g_assert_cmpmem (bytes_after, len_after, bytes_before, len_before);
}

/* SPEC §8: the database is --db FILE, else $PDXTRACK_DB. */
static void
test_db_from_environment (void)
{
  g_autofree char *dir = pdx_test_make_tmpdir ();
  g_autofree char *lab = g_build_filename (dir, "env.pdxlab", NULL);
  const char      *init[] = { "init", NULL };
  const char      *check[] = { "check", NULL };
  g_autoptr (PdxTestRun) a = run_argv (lab, init);
  g_autoptr (PdxTestRun) b = NULL;

  assert_success (a);
  g_assert_true (g_file_test (lab, G_FILE_TEST_IS_REGULAR));
  b = run_argv (lab, check);
  assert_success (b);
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* The first CSV column of `list WHAT` is the code (lines, studies), name (arms) or tag (mice):
 * its values are exactly those of the lab. */
static void
assert_list_first_column (const char        *lab,
                          const char        *what,
                          const char        *study,
                          const char *const *headers,
                          const char        *sql)
{
  g_autoptr (PdxTestRun) run =
      study ? run_cli ("--db", lab, "--format", "csv", "list", what, "--study", study, NULL)
            : run_cli ("--db", lab, "--format", "csv", "list", what, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxDb) db = NULL;
  g_autoptr (PdxCsvReader) reader = NULL;
  g_autoptr (GPtrArray) listed = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *expected = NULL;
  g_autofree char *got = NULL;
  char           **fields;
  guint            n;

  assert_success (run);
  reader = pdx_csv_reader_new_for_data ("stdout", run->out, strlen (run->out));
  g_assert_true (pdx_csv_reader_next (reader, &fields, &n, &error));
  g_assert_true (g_strv_contains (headers, fields[0]));
  while (pdx_csv_reader_next (reader, &fields, &n, &error))
    g_ptr_array_add (listed, g_strdup (fields[0]));
  g_assert_no_error (error);
  g_ptr_array_sort (listed, compare_strings);
  g_ptr_array_add (listed, NULL);
  got = g_strjoinv ("\n", (char **) listed->pdata);

  db = pdx_db_open (lab, PDX_DB_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  expected = pdx_test_query_string (db, sql);
  g_test_message ("list %s", what);
  g_assert_cmpstr (got, ==, expected ? expected : "");
}

static void
test_demo_check_list (void)
{
  g_autofree char *dir = pdx_test_make_tmpdir ();
  g_autofree char *lab = g_build_filename (dir, "demo.pdxlab", NULL);
  g_autoptr (PdxTestRun) demo = run_cli ("--db", lab, "demo", "--seed", "7", NULL);
  g_autoptr (PdxTestRun) check = NULL;
  g_autoptr (PdxTestRun) again = NULL;
  g_autofree char         *before = NULL;
  g_autofree char         *after = NULL;
  g_autofree char         *some_study = NULL;
  static const char *const code[] = { "code", NULL };
  static const char *const name[] = { "name", "arm", NULL };
  static const char *const tag[] = { "tag", "mouse", NULL };

  assert_success (demo);
  check = run_cli ("--db", lab, "check", NULL);
  assert_success (check);
  g_assert_nonnull (strstr (check->out, "ok"));

  {
    g_autoptr (PdxDb) db = pdx_db_open (lab, PDX_DB_OPEN_EXISTING, NULL);
    g_assert_nonnull (db);
    /* Issue 2: at least 3 lines, 3 studies (2 intracranial BLI + 1 caliper). */
    g_assert_cmpint (pdx_test_count (db, "line"), >=, 3);
    g_assert_cmpint (pdx_test_count (db, "study"), >=, 3);
    g_assert_cmpint (pdx_test_count (db, "mouse"), >, 0);
    g_assert_cmpint (pdx_test_count (db, "measurement"), >, 0);
    some_study = pdx_test_query_string (db, "SELECT code FROM study ORDER BY id LIMIT 1");
  }

  assert_list_first_column (lab, "lines", NULL, code,
                            "SELECT group_concat (code, char (10)) FROM"
                            " (SELECT code FROM line ORDER BY code)");
  assert_list_first_column (lab, "studies", NULL, code,
                            "SELECT group_concat (code, char (10)) FROM"
                            " (SELECT code FROM study ORDER BY code)");
  assert_list_first_column (lab, "arms", NULL, name,
                            "SELECT group_concat (name, char (10)) FROM"
                            " (SELECT name FROM arm ORDER BY name)");
  assert_list_first_column (lab, "mice", NULL, tag,
                            "SELECT group_concat (tag, char (10)) FROM"
                            " (SELECT tag FROM mouse ORDER BY tag)");
  {
    g_autofree char *arms_sql = g_strdup_printf (
        "SELECT group_concat (name, char (10)) FROM (SELECT a.name FROM arm a JOIN study s"
        " ON s.id = a.study_id WHERE s.code = '%s' ORDER BY a.name)",
        some_study);
    g_autofree char *mice_sql = g_strdup_printf (
        "SELECT group_concat (tag, char (10)) FROM (SELECT m.tag FROM mouse m JOIN study s"
        " ON s.id = m.study_id WHERE s.code = '%s' ORDER BY m.tag)",
        some_study);
    assert_list_first_column (lab, "arms", some_study, name, arms_sql);
    assert_list_first_column (lab, "mice", some_study, tag, mice_sql);
  }

  /* The demo needs an empty lab: a second run is refused and changes nothing. */
  before = dump_lab (lab);
  again = run_cli ("--db", lab, "demo", NULL);
  assert_one_line_failure (again);
  after = dump_lab (lab);
  g_assert_cmpstr (after, ==, before);
}

/* Same seed, same lab. */
static void
test_demo_deterministic (void)
{
  g_autofree char *dir = pdx_test_make_tmpdir ();
  g_autofree char *a = g_build_filename (dir, "a.pdxlab", NULL);
  g_autofree char *b = g_build_filename (dir, "b.pdxlab", NULL);
  g_autoptr (PdxTestRun) ra = run_cli ("--db", a, "demo", "--seed", "42", NULL);
  g_autoptr (PdxTestRun) rb = run_cli ("--db", b, "demo", "--seed", "42", NULL);
  g_autoptr (GError) error = NULL;
  const char      *sql = "SELECT group_concat (x, ';') FROM (SELECT m.tag || '@' || x.date || '='"
                         " || coalesce (x.bli_flux, '') || '/' || coalesce (x.weight_g, '') AS x"
                         " FROM measurement x JOIN mouse m ON m.id = x.mouse_id ORDER BY x.id)";
  g_autofree char *va = NULL;
  g_autofree char *vb = NULL;

  assert_success (ra);
  assert_success (rb);
  {
    g_autoptr (PdxDb) da = pdx_db_open (a, PDX_DB_OPEN_EXISTING, &error);
    g_autoptr (PdxDb) db = pdx_db_open (b, PDX_DB_OPEN_EXISTING, &error);
    g_assert_no_error (error);
    va = pdx_test_query_string (da, sql);
    vb = pdx_test_query_string (db, sql);
  }
  g_assert_nonnull (va);
  g_assert_cmpstr (va, ==, vb);
}

static void
test_list_table_format (void)
{
  g_autofree char *lab = small_lab ();
  g_autoptr (PdxTestRun) studies = run_cli ("--db", lab, "list", "studies", NULL);
  g_autoptr (PdxTestRun) mice =
      run_cli ("--db", lab, "--format=table", "list", "mice", "--study", "S1", NULL);
  g_autoptr (PdxTestRun) arms = run_cli ("--db", lab, "--format", "csv", "list", "arms", NULL);

  assert_success (studies);
  g_assert_nonnull (strstr (studies->out, "S1"));
  g_assert_nonnull (strstr (studies->out, "S2"));
  assert_success (mice);
  g_assert_nonnull (strstr (mice->out, "M1"));
  g_assert_nonnull (strstr (mice->out, "M3"));
  g_assert_null (strstr (mice->out, "A1"));
  /* Arms: S2's untreated arm is its control (SPEC §7), S1's T-DM1 is not. */
  assert_success (arms);
  {
    g_autoptr (PdxCsvReader) reader =
        pdx_csv_reader_new_for_data ("arms", arms->out, strlen (arms->out));
    g_autoptr (GError) error = NULL;
    char **fields;
    guint  n, rows = 0, control_column = G_MAXUINT;

    g_assert_true (pdx_csv_reader_next (reader, &fields, &n, &error));
    for (guint i = 0; i < n; i++)
      if (g_str_equal (fields[i], "control"))
        control_column = i;
    g_assert_cmpuint (control_column, <, n);
    while (pdx_csv_reader_next (reader, &fields, &n, &error))
      {
        const char *control = fields[control_column];
        gboolean    yes = g_str_equal (control, "yes") || g_str_equal (control, "1");
        rows++;
        g_assert_cmpint (yes, ==, !g_str_equal (fields[0], "T-DM1"));
      }
    g_assert_no_error (error);
    g_assert_cmpuint (rows, ==, 3);
  }
}

/* ---- import, export, backup ------------------------------------------------------------------ */

static void
test_import_and_export (void)
{
  g_autofree char *lab = small_lab ();
  g_autofree char *dir = pdx_test_make_tmpdir ();
  g_autofree char *out = g_build_filename (dir, "s1.csv", NULL);
  g_autoptr (PdxTestRun) run =
      run_cli ("--db", lab, "export", "measurements", "--study", "S1", "--out", out, NULL);
  g_autoptr (PdxCsvReader) reader = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize            len;
  char           **fields;
  guint            n, rows = 0;
  int c_mouse = -1, c_date = -1, c_length = -1, c_width = -1, c_volume = -1, c_weight = -1;
  static const struct
  {
    const char *mouse, *date, *length, *width, *volume, *weight;
  } expected[] = {
    /* L·W²/2 with L >= W (SPEC §3): 10·8²/2, 12·9²/2, 6·6²/2. */
    { "M1", "2024-03-15", "10", "8", "320", "21.5" },
    { "M1", "2024-03-22", "12", "9", "486", "21" },
    { "M3", "2024-03-15", "6", "6", "108", "20" },
  };

  assert_success (run);
  contents = read_bytes (out, &len);
  reader = pdx_csv_reader_new_for_data (out, contents, len);
  g_assert_true (pdx_csv_reader_next (reader, &fields, &n, &error));
  for (guint i = 0; i < n; i++)
    {
      int *slot = g_str_equal (fields[i], "mouse")        ? &c_mouse
                  : g_str_equal (fields[i], "date")       ? &c_date
                  : g_str_equal (fields[i], "length_mm")  ? &c_length
                  : g_str_equal (fields[i], "width_mm")   ? &c_width
                  : g_str_equal (fields[i], "volume_mm3") ? &c_volume
                  : g_str_equal (fields[i], "weight_g")   ? &c_weight
                                                          : NULL;
      if (slot)
        *slot = (int) i;
    }
  g_assert_cmpint (c_mouse, >=, 0);
  g_assert_cmpint (c_date, >=, 0);
  g_assert_cmpint (c_volume, >=, 0);
  g_assert_cmpint (c_weight, >=, 0);
  g_assert_cmpint (c_length, >=, 0);
  g_assert_cmpint (c_width, >=, 0);
  while (pdx_csv_reader_next (reader, &fields, &n, &error))
    {
      gboolean found = FALSE;
      if (n == 1 && g_str_has_prefix (fields[0], "# audit seal "))
        continue; /* the seal's footer line (tests/test-seals.c checks it) */
      for (guint e = 0; e < G_N_ELEMENTS (expected); e++)
        if (g_str_equal (fields[c_mouse], expected[e].mouse) &&
            g_str_equal (fields[c_date], expected[e].date))
          {
            found = TRUE;
            g_assert_cmpfloat_with_epsilon (g_ascii_strtod (fields[c_length], NULL),
                                            g_ascii_strtod (expected[e].length, NULL), 1e-9);
            g_assert_cmpfloat_with_epsilon (g_ascii_strtod (fields[c_width], NULL),
                                            g_ascii_strtod (expected[e].width, NULL), 1e-9);
            g_assert_cmpfloat_with_epsilon (g_ascii_strtod (fields[c_volume], NULL),
                                            g_ascii_strtod (expected[e].volume, NULL), 1e-9);
            g_assert_cmpfloat_with_epsilon (g_ascii_strtod (fields[c_weight], NULL),
                                            g_ascii_strtod (expected[e].weight, NULL), 1e-9);
          }
      g_assert_true (found);
      rows++;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (rows, ==, G_N_ELEMENTS (expected));
}

static void
test_import_pdxe (void)
{
  g_autofree char *lab = new_lab ();
  g_autofree char *sheet = pdx_test_write_file (
      "pdxe.csv",
      "Model,Tumor Type,Treatment,Volume (mm3),body weight (g),Days Post T0,% TVol Difference,% BW Difference\n"
      "X-7,BRCA,untreated,100,25,0,0,0\n"
      "X-7,BRCA,untreated,150,25,4,50,0\n"
      "X-7,BRCA,\"BYL719\"\"\",100,25,0,0,0\n"
      "X-7,BRCA,BYL719,90,25,4,-10,0\n",
      -1);
  g_autoptr (PdxTestRun) run = run_cli ("--db", lab, "import", "pdxe", sheet, NULL);
  g_autoptr (PdxTestRun) check = NULL;
  g_autoptr (PdxDb) db = NULL;
  g_autofree char *arms = NULL;

  assert_success (run);
  g_assert_cmpuint (strlen (run->out), >, 0);
  check = run_cli ("--db", lab, "check", NULL);
  assert_success (check);
  db = pdx_db_open (lab, PDX_DB_OPEN_EXISTING, NULL);
  g_assert_cmpint (pdx_test_count (db, "line"), ==, 1);
  g_assert_cmpint (pdx_test_count (db, "study"), ==, 1);
  g_assert_cmpint (pdx_test_count (db, "mouse"), ==, 2);
  g_assert_cmpint (pdx_test_count (db, "measurement"), ==, 4);
  arms = pdx_test_query_string (db, "SELECT group_concat (name || ':' || is_control, ';') FROM"
                                    " (SELECT name, is_control FROM arm ORDER BY name)");
  g_assert_cmpstr (arms, ==, "BYL719:0;untreated:1");
}

typedef struct
{
  const char *name;
  const char *kind;
  const char *contents;
  gsize       len;   /* 0: strlen */
  const char *where; /* ":LINE:COLUMN:" that must follow the file name */
  const char *value; /* named in the message, or NULL */
} BadImport;

static const BadImport bad_imports[] = {
  { "wrong-header", "mice", "study,arm,cage\nS1,vehicle,C1\n", 0, ":1:1:", NULL },
  { "bad-date", "mice", "study,arm,mouse,implant_date\nS3,vehicle,Z1,2024-02-30\n", 0,
    ":2:15:", "'2024-02-30'" },
  { "duplicate-tag", "mice", "study,arm,mouse\nS3,vehicle,Z1\nS3,vehicle,Z1\n", 0,
    ":3:12:", "'Z1'" },
  { "tag-in-study", "mice", "study,arm,mouse\nS1,vehicle,M2\n", 0, ":2:12:", "'M2'" },
  { "empty", "mice", "", 0, ":1:1:", NULL },
  { "binary", "mice", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10", 20, ":1:1:", NULL },
  { "bad-number", "measurements", "study,mouse,date,weight_g\nS1,M2,2024-03-20,2l.5\n", 0,
    ":2:18:", "'2l.5'" },
  { "unknown-mouse", "measurements", "study,mouse,date,weight_g\nS1,M7,2024-03-20,21\n", 0,
    ":2:4:", "'M7'" },
  { "unknown-study", "measurements", "study,mouse,date,weight_g\nS7,M1,2024-03-20,21\n", 0,
    ":2:1:", "'S7'" },
  { "measurement-bad-date", "measurements", "study,mouse,date,weight_g\nS1,M1,2024-13-01,21\n", 0,
    ":2:7:", "'2024-13-01'" },
  { "before-implant", "measurements", "study,mouse,date,weight_g\nS1,M1,2024-02-01,21\n", 0,
    ":2:7:", "'2024-02-01'" },
  { "measurements-empty", "measurements", "", 0, ":1:1:", NULL },
  { "pdxe-wrong-header", "pdxe", "Model,Treatment,Volume\nX-1,untreated,100\n", 0, ":1:", NULL },
  { "pdxe-bad-number", "pdxe", "Model,Treatment,Volume (mm3),Days Post T0\nX-1,untreated,1OO,0\n",
    0, ":2:15:", "'1OO'" },
  { "pdxe-binary", "pdxe", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16, ":1:1:", NULL },
};

/* Every bad input: one clear stderr line with FILE:LINE:COLUMN and the value, non-zero exit,
 * an unchanged lab. */
static void
test_import_bad (void)
{
  g_autofree char *lab = small_lab ();
  g_autofree char *before = dump_lab (lab);

  for (guint i = 0; i < G_N_ELEMENTS (bad_imports); i++)
    {
      const BadImport *b = &bad_imports[i];
      g_autofree char *path =
          pdx_test_write_file ("bad.csv", b->contents, b->len ? (gssize) b->len : -1);
      g_autofree char *where = g_strconcat (path, b->where, NULL);
      g_autoptr (PdxTestRun) run = run_cli ("--db", lab, "import", b->kind, path, NULL);
      g_autofree char *after = NULL;

      g_test_message ("case %s", b->name);
      assert_one_line_failure (run);
      g_assert_nonnull (strstr (run->err, where));
      if (b->value)
        g_assert_nonnull (strstr (run->err, b->value));
      g_assert_cmpstr (run->out, ==, "");
      after = dump_lab (lab);
      g_assert_cmpstr (after, ==, before);
    }
}

/* 1,000 rows with one bad row in the middle: refused, nothing imported. */
static void
test_import_thousand_one_bad (void)
{
  g_autofree char *lab = small_lab ();
  g_autofree char *before = dump_lab (lab);
  g_autoptr (GString) file = g_string_new ("study,mouse,date,weight_g\n");
  g_autofree char *path = NULL;
  g_autofree char *where = NULL;
  g_autoptr (PdxTestRun) run = NULL;
  g_autofree char *after = NULL;
  g_autoptr (GDate) date = g_date_new_dmy (2, G_DATE_MARCH, 2024);

  for (guint i = 1; i <= 1000; i++)
    {
      char iso[16];
      g_date_strftime (iso, sizeof iso, "%Y-%m-%d", date);
      g_string_append_printf (file, "S1,M2,%s,%s\n", iso, i == 500 ? "-21" : "21");
      g_date_add_days (date, 1);
    }
  path = pdx_test_write_file ("thousand.csv", file->str, -1);
  run = run_cli ("--db", lab, "import", "measurements", path, NULL);
  assert_one_line_failure (run);
  /* Row 500 is line 501: "S1,M2,2025-07-15," puts the weight at column 18. */
  where = g_strconcat (path, ":501:18:", NULL);
  g_assert_nonnull (strstr (run->err, where));
  g_assert_nonnull (strstr (run->err, "'-21'"));
  after = dump_lab (lab);
  g_assert_cmpstr (after, ==, before);
}

typedef struct
{
  const char *name;
  const char *args[10]; /* "@LAB" is replaced by the lab, "@OUT" by a new path, "@FILE" by a
                           good mice file */
} BadArgs;

static const BadArgs bad_args[] = {
  { "bad-format", { "--db", "@LAB", "--format", "xml", "list", "studies" } },
  { "list-nothing", { "--db", "@LAB", "list" } },
  { "list-unknown", { "--db", "@LAB", "list", "cages" } },
  { "list-unknown-study", { "--db", "@LAB", "list", "arms", "--study", "NOPE" } },
  { "list-bad-option", { "--db", "@LAB", "list", "mice", "--colour" } },
  { "import-nothing", { "--db", "@LAB", "import" } },
  { "import-no-file", { "--db", "@LAB", "import", "mice" } },
  { "import-unknown-kind", { "--db", "@LAB", "import", "cages", "@FILE" } },
  { "import-missing-file", { "--db", "@LAB", "import", "mice", "@OUT" } },
  { "backup-no-out", { "--db", "@LAB", "backup" } },
  { "export-unknown-study",
    { "--db", "@LAB", "export", "measurements", "--study", "NOPE", "--out", "@OUT" } },
  { "export-no-study", { "--db", "@LAB", "export", "measurements", "--out", "@OUT" } },
  { "export-no-out", { "--db", "@LAB", "export", "measurements", "--study", "S1" } },
  { "demo-bad-seed", { "--db", "@LAB", "demo", "--seed", "abc" } },
  { "demo-negative-mice", { "--db", "@LAB", "demo", "--mice", "-5" } },
  { "demo-not-empty", { "--db", "@LAB", "demo" } },
  { "check-bad-option", { "--db", "@LAB", "check", "--fast" } },
  { "init-existing", { "--db", "@LAB", "init" } },
};

static void
test_bad_arguments (void)
{
  g_autofree char *lab = small_lab ();
  g_autofree char *before = dump_lab (lab);
  g_autofree char *mice = pdx_test_write_file ("mice.csv", "study,arm,mouse\nS9,vehicle,Q1\n", -1);

  for (guint i = 0; i < G_N_ELEMENTS (bad_args); i++)
    {
      g_autofree char *dir = pdx_test_make_tmpdir ();
      g_autofree char *out = g_build_filename (dir, "out.csv", NULL);
      const char      *args[11] = { NULL };
      g_autoptr (PdxTestRun) run = NULL;
      g_autofree char *after = NULL;

      for (guint a = 0; bad_args[i].args[a]; a++)
        args[a] = g_str_equal (bad_args[i].args[a], "@LAB")    ? lab
                  : g_str_equal (bad_args[i].args[a], "@OUT")  ? out
                  : g_str_equal (bad_args[i].args[a], "@FILE") ? mice
                                                               : bad_args[i].args[a];
      g_test_message ("case %s", bad_args[i].name);
      run = run_argv (NULL, args);
      assert_one_line_failure (run);
      g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
      after = dump_lab (lab);
      g_assert_cmpstr (after, ==, before);
    }
}

/* A file that is not a lab, given as --db, is refused by every command and left byte-identical. */
static void
test_not_a_lab (void)
{
  g_autofree char *dir = pdx_test_make_tmpdir ();
  g_autofree char *text = g_build_filename (dir, "notes.txt", NULL);
  g_autofree char *png = g_build_filename (dir, "figure.png", NULL);
  g_autofree char *csv = g_build_filename (dir, "mice.csv", NULL);
  g_autofree char *other = g_build_filename (dir, "other.sqlite", NULL);
  g_autofree char *newer = g_build_filename (dir, "newer.pdxlab", NULL);
  const char      *files[] = { text, png, csv, other, newer };
  g_autoptr (GError) error = NULL;

  g_assert_true (g_file_set_contents (text, "Lab notebook, week 12\n", -1, &error));
  g_assert_true (g_file_set_contents (png, "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10", 20, &error));
  g_assert_true (g_file_set_contents (csv, mice_csv, -1, &error));
  {
    sqlite3 *handle = NULL;
    g_assert_cmpint (sqlite3_open (other, &handle), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (handle,
                                   "CREATE TABLE samples (id INTEGER, name TEXT);"
                                   "INSERT INTO samples VALUES (1, 'a');",
                                   NULL, NULL, NULL),
                     ==, SQLITE_OK);
    sqlite3_close (handle);
  }
  {
    /* A lab from a newer pdxtrack (schema above this build's). */
    g_autoptr (PdxDb) db = pdx_db_open (newer, PDX_DB_OPEN_CREATE, &error);
    g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", PDX_DB_SCHEMA_VERSION + 1);
    g_assert_no_error (error);
    g_assert_cmpint (sqlite3_exec (pdx_db_get_handle (db), sql, NULL, NULL, NULL), ==, SQLITE_OK);
    g_assert_cmpint (
        sqlite3_exec (pdx_db_get_handle (db), "PRAGMA journal_mode = DELETE", NULL, NULL, NULL), ==,
        SQLITE_OK);
  }
  g_assert_no_error (error);

  for (guint f = 0; f < G_N_ELEMENTS (files); f++)
    {
      g_autofree char *mice = pdx_test_write_file ("import.csv", mice_csv, -1);
      g_autofree char *out = g_build_filename (dir, "out.file", NULL);
      const char      *commands[][9] = {
             { "--db", files[f], "check" },
             { "--db", files[f], "list", "studies" },
             { "--db", files[f], "--format", "csv", "list", "mice" },
             { "--db", files[f], "import", "mice", mice },
             { "--db", files[f], "demo" },
             { "--db", files[f], "init" },
             { "--db", files[f], "backup", "--out", out },
             { "--db", files[f], "export", "measurements", "--study", "S1", "--out", out },
      };
      gsize            len_before;
      g_autofree char *bytes_before = read_bytes (files[f], &len_before);

      for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
        {
          g_autoptr (PdxTestRun) run = run_argv (NULL, commands[c]);
          g_autofree char *bytes_after = NULL;
          g_autofree char *wal = g_strconcat (files[f], "-wal", NULL);
          g_autofree char *journal = g_strconcat (files[f], "-journal", NULL);
          gsize            len_after;

          g_test_message ("%s: %s", files[f], commands[c][2]);
          assert_one_line_failure (run);
          bytes_after = read_bytes (files[f], &len_after);
          g_assert_cmpmem (bytes_after, len_after, bytes_before, len_before);
          g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
          g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
          g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
        }
    }
}

/* A missing --db file: commands that read a lab refuse and create nothing. */
static void
test_missing_lab (void)
{
  g_autofree char         *dir = pdx_test_make_tmpdir ();
  g_autofree char         *lab = g_build_filename (dir, "absent.pdxlab", NULL);
  static const char *const commands[][3] = {
    { "check" },
    { "list", "studies" },
    { "list", "mice" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
    {
      const char *args[6] = { "--db", lab, commands[c][0], commands[c][1], NULL };
      g_autoptr (PdxTestRun) run = run_argv (NULL, args);
      assert_one_line_failure (run);
      g_assert_false (g_file_test (lab, G_FILE_TEST_EXISTS));
    }
}

static void
test_backup (void)
{
  g_autofree char *lab = small_lab ();
  g_autofree char *dir = pdx_test_make_tmpdir ();
  g_autofree char *copy = g_build_filename (dir, "copy.pdxlab", NULL);
  g_autoptr (PdxTestRun) run = run_cli ("--db", lab, "backup", "--out", copy, NULL);
  g_autoptr (PdxTestRun) check = NULL;
  g_autoptr (PdxTestRun) again = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *original = dump_lab (lab);
  g_autofree char *copied = NULL;
  g_autofree char *bytes_before = NULL;
  g_autofree char *bytes_after = NULL;
  gsize            len_before, len_after;

  assert_success (run);
  g_assert_true (g_file_test (copy, G_FILE_TEST_IS_REGULAR));
  {
    g_autoptr (PdxDb) db = pdx_db_open (copy, PDX_DB_OPEN_EXISTING, &error);
    g_assert_no_error (error);
    g_assert_true (pdx_db_check (db, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpint (pdx_test_count (db, "mouse"), ==, 4);
    g_assert_cmpint (pdx_test_count (db, "measurement"), ==, 3);
  }
  copied = dump_lab (copy);
  g_assert_cmpstr (copied, ==, original);
  check = run_cli ("--db", copy, "check", NULL);
  assert_success (check);

  /* Never over an existing file. */
  bytes_before = read_bytes (copy, &len_before);
  again = run_cli ("--db", lab, "backup", "--out", copy, NULL);
  assert_one_line_failure (again);
  bytes_after = read_bytes (copy, &len_after);
  g_assert_cmpmem (bytes_after, len_after, bytes_before, len_before);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/help/global", test_help_global);
  g_test_add_func ("/cli/help/commands", test_help_commands);
  g_test_add_func ("/cli/usage/unknown-command", test_unknown_command);
  g_test_add_func ("/cli/usage/no-command", test_no_command);
  g_test_add_func ("/cli/usage/bad-arguments", test_bad_arguments);
  g_test_add_func ("/cli/init", test_init);
  g_test_add_func ("/cli/db-from-environment", test_db_from_environment);
  g_test_add_func ("/cli/demo/check-list", test_demo_check_list);
  g_test_add_func ("/cli/demo/deterministic", test_demo_deterministic);
  g_test_add_func ("/cli/list/formats", test_list_table_format);
  g_test_add_func ("/cli/import/export", test_import_and_export);
  g_test_add_func ("/cli/import/pdxe", test_import_pdxe);
  g_test_add_func ("/cli/import/bad", test_import_bad);
  g_test_add_func ("/cli/import/thousand-one-bad", test_import_thousand_one_bad);
  g_test_add_func ("/cli/not-a-lab", test_not_a_lab);
  g_test_add_func ("/cli/missing-lab", test_missing_lab);
  g_test_add_func ("/cli/backup", test_backup);
  return g_test_run ();
}
