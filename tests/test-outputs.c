/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-outputs.c — every file pdxtrack writes is whole or not there (docs/outputs.md): full
 * disks, kills during a backup, modes, links and devices, damaged labs, and CSV cells that no
 * spreadsheet runs as formulas. */
#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include "pdx-test-util.h"
#include "pdx-test-xlsx.h"
#include "pdx/pdx-output.h"

typedef PdxTestRun Run;

/* Runs @argv (NULL-terminated), in a private HOME so that no user lab is touched. */
static Run *
run_argv (const char *const *argv)
{
  return pdx_test_run_argv (argv, NULL);
}

/* pdxtrack-cli --db @lab, then the writer's arguments with "@OUT" replaced by @out. */
static Run *
run_cli_writer (const char *lab, const char *const *args, const char *out)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (argv, g_strdup (g_getenv ("PDXTRACK_CLI")));
  g_ptr_array_add (argv, g_strdup ("--db"));
  g_ptr_array_add (argv, g_strdup (lab));
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, g_strdup (g_str_equal (args[i], "@OUT") ? out : args[i]));
  g_ptr_array_add (argv, NULL);
  return run_argv ((const char *const *) argv->pdata);
}

/* A non-zero exit, nothing on stdout, and one line "pdxtrack-cli: …" on stderr. */
static void
assert_one_line_failure (const Run *run)
{
  g_test_message ("stderr: %s", run->err);
  g_assert_cmpint (run->status, >, 0);
  g_assert_cmpstr (run->out, ==, "");
  g_assert_true (g_str_has_prefix (run->err, "pdxtrack-cli: "));
  g_assert_cmpint (strchr (run->err, '\n') - run->err, ==, (gssize) strlen (run->err) - 1);
}

/* The demo lab, made by the core in a fresh folder. */
static char *
demo_lab (guint extra_mice)
{
  char *path = NULL;
  g_autoptr (PdxDb) db = pdx_test_new_lab (&path);
  g_autoptr (GError) error = NULL;
  PdxDemoOptions options = { .seed = 1, .extra_mice = extra_mice };

  g_assert_true (pdx_demo_generate (db, &options, &error));
  g_assert_no_error (error);
  return path;
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* The names in @dir, sorted, comma-separated. */
static char *
list_dir (const char *dir)
{
  g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  const char *name;

  g_assert_nonnull (handle);
  while ((name = g_dir_read_name (handle)))
    g_ptr_array_add (names, (gpointer) name);
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (",", (char **) names->pdata);
}

/* ---- the writers ---------------------------------------------------------------------------
 * Every file pdxtrack writes, as the CLI asks for it, and through the core function the CLI and
 * the app call. The demo study ICR-017-A has every chart and a report. */

typedef enum
{
  W_SUMMARY_CSV,
  W_SUMMARY_XLSX,
  W_MEASUREMENTS_CSV,
  W_CHART_PNG,
  W_CHART_SVG,
  W_CHART_PDF,
  W_REPORT_PDF,
  W_AUDIT_CSV,
  W_AUDIT_PDF,
  W_BACKUP,
} WriterId;

typedef struct
{
  WriterId    id;
  const char *name;     /* test path part, and the output's file name */
  const char *args[10]; /* the CLI's arguments after --db LAB */
} Writer;

#define STUDY "ICR-017-A"

static const Writer writers[] = {
  { W_SUMMARY_CSV, "summary.csv", { "export", "summary", "--study", STUDY, "--out", "@OUT" } },
  { W_SUMMARY_XLSX, "summary.xlsx", { "export", "summary", "--study", STUDY, "--out", "@OUT" } },
  { W_MEASUREMENTS_CSV,
    "measurements.csv",
    { "export", "measurements", "--study", STUDY, "--out", "@OUT" } },
  { W_CHART_PNG, "growth.png", { "chart", "growth", "--study", STUDY, "--out", "@OUT" } },
  { W_CHART_SVG, "survival.svg", { "chart", "survival", "--study", STUDY, "--out", "@OUT" } },
  { W_CHART_PDF, "waterfall.pdf", { "chart", "waterfall", "--study", STUDY, "--out", "@OUT" } },
  { W_REPORT_PDF, "report.pdf", { "report", "--study", STUDY, "--out", "@OUT" } },
  { W_AUDIT_CSV, "audit.csv", { "audit", "export", "--study", STUDY, "--out", "@OUT" } },
  { W_AUDIT_PDF, "audit.pdf", { "audit", "export", "--study", STUDY, "--out", "@OUT" } },
  { W_BACKUP, "backup.pdxlab", { "backup", "--out", "@OUT" } },
};

static gboolean
write_chart (PdxDb         *db,
             gint64         study_id,
             PdxChartKind   kind,
             PdxChartFormat format,
             const char    *path,
             GError       **error)
{
  g_autoptr (PdxStudyData) data = pdx_study_data_load (db, study_id, error);
  g_autoptr (PdxChart) chart = NULL;
  PdxChartOptions options;

  if (data == NULL)
    return FALSE;
  pdx_chart_options_init (&options, kind, data);
  chart = pdx_chart_new (data, &options, error);
  return chart && pdx_chart_save (chart, path, format, 1200, 800, 96, error);
}

/* The core function behind @writer. */
static gboolean
write_with_core (const Writer *writer, PdxDb *db, gint64 study_id, const char *path, GError **error)
{
  switch (writer->id)
    {
    case W_SUMMARY_CSV:
      return pdx_export_summary_csv (db, study_id, path, NULL, error);
    case W_SUMMARY_XLSX:
      return pdx_export_summary_xlsx (db, study_id, path, NULL, error);
    case W_MEASUREMENTS_CSV:
      return pdx_export_measurements_csv (db, study_id, path, error);
    case W_CHART_PNG:
      return write_chart (db, study_id, PDX_CHART_GROWTH, PDX_CHART_FORMAT_PNG, path, error);
    case W_CHART_SVG:
      return write_chart (db, study_id, PDX_CHART_SURVIVAL, PDX_CHART_FORMAT_SVG, path, error);
    case W_CHART_PDF:
      return write_chart (db, study_id, PDX_CHART_WATERFALL, PDX_CHART_FORMAT_PDF, path, error);
    case W_REPORT_PDF:
      return pdx_report_write_pdf (db, study_id, path, NULL, error);
    case W_AUDIT_CSV:
    case W_AUDIT_PDF:
      {
        PdxAuditFilter filter = { .study_id = study_id };
        return writer->id == W_AUDIT_CSV ? pdx_export_audit_csv (db, &filter, path, error)
                                         : pdx_report_write_audit_pdf (db, &filter, path, error);
      }
    case W_BACKUP:
      return pdx_db_backup (db, path, error);
    default:
      g_assert_not_reached ();
    }
}

/* The size of @writer's file when the disk has room: a full disk is tried with room for about
 * half of it, so that the writer gets partway before a write fails. */
static goffset
normal_size (const Writer *writer, const char *lab)
{
  g_autofree char *dir = pdx_test_make_tmpdir ();
  g_autofree char *out = g_build_filename (dir, writer->name, NULL);
  g_autoptr (PdxTestRun) run = run_cli_writer (lab, writer->args, out);
  struct stat st;

  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpint (stat (out, &st), ==, 0);
  return st.st_size;
}

/* Bytes that stand for "the previous file": what a full disk must leave exactly as it was. */
static const char previous[] = "the previous file, which a failed write must leave as it is\n";

/* ---- full disk: a 64 KiB tmpfs, filled (root, in a private mount namespace) -------------------
 * The shell mounts the tmpfs, puts the previous file in place (for a backup: none, a backup
 * never replaces), fills the rest, runs the CLI, and says what it found: the previous file's
 * bytes intact, and no other name in the folder but the filler. */

static void
test_full_disk_tmpfs (gconstpointer data)
{
  const Writer    *writer = data;
  g_autofree char *lab = NULL;
  g_autofree char *dir = NULL, *mount_dir = NULL, *prev = NULL, *target = NULL, *cli = NULL;
  g_autofree char *script = NULL;
  g_autofree char *unshare = g_find_program_in_path ("unshare");
  g_autoptr (PdxTestRun) run = NULL;
  gboolean backup = writer->id == W_BACKUP;

  if (geteuid () != 0 || unshare == NULL)
    {
      /* Not silent: the RLIMIT_FSIZE tests below cover the same writers for everyone. */
      g_test_skip ("a tmpfs needs root (CI runs as root); see /outputs/full-disk/fsize");
      return;
    }
  lab = demo_lab (0);
  dir = pdx_test_make_tmpdir ();
  mount_dir = g_build_filename (dir, "full", NULL);
  g_assert_cmpint (g_mkdir (mount_dir, 0755), ==, 0);
  prev = g_build_filename (dir, "previous", NULL);
  g_assert_true (g_file_set_contents (prev, previous, -1, NULL));
  target = g_build_filename (mount_dir, writer->name, NULL);
  {
    g_autoptr (GPtrArray) cli_args = g_ptr_array_new_with_free_func (g_free);
    g_ptr_array_add (cli_args, g_shell_quote (g_getenv ("PDXTRACK_CLI")));
    g_ptr_array_add (cli_args, g_strdup ("--db"));
    g_ptr_array_add (cli_args, g_shell_quote (lab));
    for (guint i = 0; writer->args[i]; i++)
      g_ptr_array_add (
          cli_args,
          g_shell_quote (g_str_equal (writer->args[i], "@OUT") ? target : writer->args[i]));
    g_ptr_array_add (cli_args, NULL);
    cli = g_strjoinv (" ", (char **) cli_args->pdata);
  }
  {
    g_autofree char *prep = backup ? g_strdup ("") : g_strdup_printf ("cp %s \"$T\"\n", prev);
    /* Room for about half the file, in whole pages (tmpfs counts pages); none for a small one. */
    goffset room = normal_size (writer, lab) / 2 / 4096 * 4096;
    script = g_strdup_printf (
        "set -u; M=%s; T=%s; mount -t tmpfs -o size=%" G_GINT64_FORMAT "k tmpfs \"$M\" || exit 90\n"
        "%s"
        "cat /dev/zero > \"$M/filler\" 2>/dev/null; truncate -s -%" G_GINT64_FORMAT
        " \"$M/filler\"\n"
        "out=$(%s); echo \"status=$?\"; echo \"stdout=[$out]\"\n"
        "if [ -e \"$T\" ]; then cmp -s %s \"$T\" && echo intact || echo changed; fi\n"
        "echo \"names=$(ls -A \"$M\" | tr '\\n' ',')\"\n",
        mount_dir, target, (gint64) (64 + room / 1024), prep, (gint64) room, cli, prev);
  }
  {
    const char *argv[] = { "unshare", "-m", "sh", "-c", script, NULL };
    run = run_argv (argv);
  }
  g_test_message ("%s\n%s", run->out, run->err);
  if (run->status == 90)
    {
      g_test_skip ("cannot mount a tmpfs here");
      return;
    }
  g_assert_cmpint (run->status, ==, 0);
  g_assert_nonnull (strstr (run->out, "status=1\n"));
  /* Nothing on stdout (no "Wrote"), one line on stderr naming the target. */
  g_assert_nonnull (strstr (run->out, "stdout=[]\n"));
  g_assert_true (g_str_has_prefix (run->err, "pdxtrack-cli: "));
  g_assert_cmpint (strchr (run->err, '\n') - run->err, ==, (gssize) strlen (run->err) - 1);
  g_assert_nonnull (strstr (run->err, writer->name));
  if (backup)
    g_assert_nonnull (strstr (run->out, "names=filler,\n"));
  else
    {
      /* ls sorts the two names */
      g_autofree char *names = strcmp (writer->name, "filler") < 0
                                   ? g_strdup_printf ("names=%s,filler,\n", writer->name)
                                   : g_strdup_printf ("names=filler,%s,\n", writer->name);
      g_assert_nonnull (strstr (run->out, "intact\n"));
      g_assert_nonnull (strstr (run->out, names));
    }
}

/* ---- full disk for everyone: RLIMIT_FSIZE in a child (SIGXFSZ ignored: writes fail EFBIG) at
 * half the file's size, after the lab was opened. */

static void
test_full_disk_fsize (gconstpointer data)
{
  const Writer    *writer = data;
  g_autofree char *lab = NULL, *dir = NULL, *target = NULL, *listing = NULL;
  g_autofree char *bytes = NULL;
  gsize            len;

  if (g_test_subprocess ())
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PdxDb) db = pdx_db_open (g_getenv ("PDX_TEST_LAB"), PDX_DB_OPEN_READONLY, &error);
      g_autoptr (PdxStudy) study = NULL;
      rlim_t        half = (rlim_t) g_ascii_strtoull (g_getenv ("PDX_TEST_LIMIT"), NULL, 10);
      struct rlimit limit = { half, half };

      g_assert_no_error (error);
      study = pdx_study_find (db, STUDY, &error);
      g_assert_nonnull (study);
      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
      g_assert_false (write_with_core (writer, db, study->id, g_getenv ("PDX_TEST_OUT"), &error));
      g_assert_nonnull (error);
      g_printerr ("%s\n", error->message);
      g_assert_nonnull (strstr (error->message, writer->name));
      return;
    }
  lab = demo_lab (0);
  dir = pdx_test_make_tmpdir ();
  target = g_build_filename (dir, writer->name, NULL);
  if (writer->id != W_BACKUP)
    g_assert_true (g_file_set_contents (target, previous, -1, NULL));
  g_setenv ("PDX_TEST_LAB", lab, TRUE);
  g_setenv ("PDX_TEST_OUT", target, TRUE);
  {
    g_autofree char *half =
        g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) MAX (normal_size (writer, lab) / 2, 1));
    g_setenv ("PDX_TEST_LIMIT", half, TRUE);
  }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  listing = list_dir (dir);
  if (writer->id == W_BACKUP)
    g_assert_cmpstr (listing, ==, "");
  else
    {
      g_assert_cmpstr (listing, ==, writer->name);
      g_assert_true (g_file_get_contents (target, &bytes, &len, NULL));
      g_assert_cmpmem (bytes, len, previous, strlen (previous));
    }
}

/* ---- replacing keeps the mode; links, folders, FIFOs and devices are refused ---------------- */

static void
test_mode_kept (gconstpointer data)
{
  const Writer       *writer = data;
  g_autofree char    *lab = demo_lab (0);
  g_autofree char    *dir = pdx_test_make_tmpdir ();
  g_autofree char    *target = g_build_filename (dir, writer->name, NULL);
  static const mode_t modes[] = { 0640, 0600, 0664 };

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autoptr (PdxTestRun) run = NULL;
      struct stat st;

      g_assert_true (g_file_set_contents (target, previous, -1, NULL));
      g_assert_cmpint (chmod (target, modes[i]), ==, 0);
      run = run_cli_writer (lab, writer->args, target);
      g_assert_cmpint (run->status, ==, 0);
      g_assert_cmpint (stat (target, &st), ==, 0);
      g_assert_cmpint (st.st_size, >, (goffset) strlen (previous));
      g_assert_cmpint (st.st_mode & 07777, ==, modes[i]);
    }
  {
    g_autofree char *names = list_dir (dir);
    g_assert_cmpstr (names, ==, writer->name);
  }
}

/* What is at @path, and the bytes of @keep, are as before after a refused write. */
static void
assert_refused (const char   *lab,
                const Writer *writer,
                const char   *path,
                const char   *dir,
                const char   *names_before)
{
  g_autoptr (PdxTestRun) run = run_cli_writer (lab, writer->args, path);
  g_autofree char *names_after = NULL;

  assert_one_line_failure (run);
  names_after = list_dir (dir);
  g_assert_cmpstr (names_after, ==, names_before);
}

static void
test_symlink_refused (gconstpointer data)
{
  const Writer    *writer = data;
  g_autofree char *lab = demo_lab (0);
  g_autofree char *dir = pdx_test_make_tmpdir ();
  g_autofree char *real = g_build_filename (dir, "real-file", NULL);
  g_autofree char *link = g_build_filename (dir, writer->name, NULL);
  g_autofree char *names = NULL, *bytes = NULL;
  struct stat      st;
  gsize            len;

  g_assert_true (g_file_set_contents (real, previous, -1, NULL));
  g_assert_cmpint (symlink (real, link), ==, 0);
  names = list_dir (dir);
  assert_refused (lab, writer, link, dir, names);
  g_assert_cmpint (lstat (link, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  g_assert_true (g_file_get_contents (real, &bytes, &len, NULL));
  g_assert_cmpmem (bytes, len, previous, strlen (previous));
}

static void
test_special_refused (gconstpointer data)
{
  const Writer    *writer = data;
  g_autofree char *lab = demo_lab (0);
  g_autofree char *dir = pdx_test_make_tmpdir ();
  g_autofree char *fifo_dir = g_build_filename (dir, "fifo", NULL);
  g_autofree char *folder_dir = g_build_filename (dir, "folder", NULL);
  g_autofree char *fifo = g_build_filename (fifo_dir, writer->name, NULL);
  g_autofree char *folder = g_build_filename (folder_dir, writer->name, NULL);
  struct stat      st;

  g_assert_cmpint (g_mkdir (fifo_dir, 0755), ==, 0);
  g_assert_cmpint (mkfifo (fifo, 0644), ==, 0);
  assert_refused (lab, writer, fifo, fifo_dir, writer->name);
  g_assert_cmpint (lstat (fifo, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));

  g_assert_cmpint (g_mkdir_with_parents (folder, 0755), ==, 0);
  assert_refused (lab, writer, folder, folder_dir, writer->name);
  g_assert_cmpint (lstat (folder, &st), ==, 0);
  g_assert_true (S_ISDIR (st.st_mode));

  /* A character device: the null device made with mknod in the test's own folder (root only;
   * never the machine's /dev/null, which an old writer would have replaced). */
  if (geteuid () == 0)
    {
      g_autofree char *dev_dir = g_build_filename (dir, "dev", NULL);
      g_autofree char *dev = g_build_filename (dev_dir, writer->name, NULL);
      g_assert_cmpint (g_mkdir (dev_dir, 0755), ==, 0);
      g_assert_cmpint (mknod (dev, S_IFCHR | 0666, makedev (1, 3)), ==, 0);
      assert_refused (lab, writer, dev, dev_dir, writer->name);
      g_assert_cmpint (lstat (dev, &st), ==, 0);
      g_assert_true (S_ISCHR (st.st_mode));
    }
}

/* /dev/null itself: refused by the backup (the one writer without a file name extension). */
static void
test_dev_null_refused (void)
{
  g_autofree char *lab = demo_lab (0);
  const char      *args[] = { "backup", "--out", "@OUT", NULL };
  g_autoptr (PdxTestRun) run = run_cli_writer (lab, args, "/dev/null");
  struct stat st;

  assert_one_line_failure (run);
  g_assert_cmpint (stat ("/dev/null", &st), ==, 0);
  g_assert_true (S_ISCHR (st.st_mode));
}

/* ---- backup: killed at random moments, a damaged lab ------------------------------------------
 */

/* The lab's rows, read through a read-only connection. */
static char *
dump_lab (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxDb) db = pdx_db_open (path, PDX_DB_OPEN_READONLY, &error);

  g_assert_no_error (error);
  return pdx_test_dump (db);
}

/* A backup at @copy that exists is whole: it passes the check and holds the lab's rows. */
static void
assert_whole_backup (const char *copy, const char *expected_dump)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dump = NULL;

  {
    g_autoptr (PdxDb) db = pdx_db_open (copy, PDX_DB_OPEN_READONLY, &error);
    g_assert_no_error (error);
    g_assert_true (pdx_db_check (db, NULL, &error));
    g_assert_no_error (error);
    dump = pdx_test_dump (db);
  }
  g_assert_cmpstr (dump, ==, expected_dump);
}

static GPid
spawn_backup (const char *lab, const char *copy)
{
  const char *argv[] = { g_getenv ("PDXTRACK_CLI"), "--db", lab, "backup", "--out", copy, NULL };
  g_autoptr (GError) error = NULL;
  GPid pid;

  g_assert_true (g_spawn_async (NULL, (char **) argv, NULL,
                                G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                                &pid, &error));
  g_assert_no_error (error);
  return pid;
}

/* 40 backups killed (SIGKILL) at random moments from start to past the end: never a partial
 * target, never a journal beside it, the retry succeeds each time and removes what the killed
 * run left. */
static void
test_backup_killed (void)
{
  g_autofree char *lab = demo_lab (600);
  g_autofree char *dir = pdx_test_make_tmpdir ();
  g_autofree char *copy = g_build_filename (dir, "backup.pdxlab", NULL);
  g_autofree char *journal = g_strconcat (copy, "-journal", NULL);
  g_autofree char *wal = g_strconcat (copy, "-wal", NULL);
  g_autofree char *expected = dump_lab (lab);
  gint64           start, duration;
  guint            n_whole = 0, n_absent = 0, n_mid = 0;
  int              status;

  start = g_get_monotonic_time ();
  waitpid (spawn_backup (lab, copy), &status, 0);
  duration = g_get_monotonic_time () - start;
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  g_assert_cmpint (g_unlink (copy), ==, 0);

  for (guint i = 0; i < 40; i++)
    {
      GPid             pid = spawn_backup (lab, copy);
      g_autofree char *names = NULL;

      g_usleep (g_test_rand_int_range (0, (gint32) (duration * 12 / 10) + 1));
      kill (pid, SIGKILL);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
      g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
      names = list_dir (dir);
      if (strstr (names, "pdxtrack-tmp"))
        n_mid++;
      if (g_file_test (copy, G_FILE_TEST_EXISTS))
        {
          assert_whole_backup (copy, expected);
          n_whole++;
        }
      else
        {
          g_autoptr (PdxTestRun) retry = NULL;
          const char *args[] = { "backup", "--out", "@OUT", NULL };
          n_absent++;
          retry = run_cli_writer (lab, args, copy);
          g_assert_cmpint (retry->status, ==, 0);
          assert_whole_backup (copy, expected);
        }
      g_assert_cmpint (g_unlink (copy), ==, 0);
    }
  /* What the killed runs left, the retries removed (their processes are gone). */
  {
    g_autofree char *names = list_dir (dir);
    g_assert_cmpstr (names, ==, "");
  }
  g_test_message ("backup %.0f ms; 40 kills: %u before the rename (retried), %u after it; "
                  "%u left a temporary file",
                  duration / 1000.0, n_absent, n_whole, n_mid);
  /* The kills did land while the copy was being written. */
  g_assert_cmpuint (n_absent, >, 0);
}

/* A lab whose B-tree is damaged: `backup` refuses, pointing at `check`; nothing written. */
static void
test_backup_damaged (void)
{
  g_autofree char *lab = demo_lab (0);
  g_autofree char *dir = pdx_test_make_tmpdir ();
  g_autofree char *damaged = g_build_filename (dir, "damaged.pdxlab", NULL);
  g_autofree char *out_dir = pdx_test_make_tmpdir ();
  g_autofree char *copy = g_build_filename (out_dir, "backup.pdxlab", NULL);
  g_autofree char *root = NULL, *contents = NULL, *names = NULL;
  const char      *args[] = { "backup", "--out", "@OUT", NULL };
  g_autoptr (PdxTestRun) run = NULL;
  gsize len, page = 4096, offset;

  {
    g_autoptr (GError) error = NULL;
    g_autoptr (PdxDb) db = pdx_db_open (lab, PDX_DB_OPEN_READONLY, &error);
    g_autofree char *size = pdx_test_query_string (db, "PRAGMA page_size");
    g_assert_no_error (error);
    root = pdx_test_query_string (db, "SELECT rootpage FROM sqlite_schema "
                                      "WHERE name = 'measurement'");
    page = (gsize) g_ascii_strtoull (size, NULL, 10);
  }
  /* The closed lab, copied, with the measurement table's root page overwritten. */
  g_assert_true (g_file_get_contents (lab, &contents, &len, NULL));
  offset = (g_ascii_strtoull (root, NULL, 10) - 1) * page;
  g_assert_cmpuint (offset + page, <=, len);
  memset (contents + offset + 8, 0xA5, page - 8);
  g_assert_true (g_file_set_contents (damaged, contents, (gssize) len, NULL));

  run = run_cli_writer (damaged, args, copy);
  assert_one_line_failure (run);
  g_assert_nonnull (strstr (run->err, "pdxtrack-cli check"));
  names = list_dir (out_dir);
  g_assert_cmpstr (names, ==, "");
}

/* ---- CSV cells no spreadsheet runs; XLSX text stays text --------------------------------------
 */

/* The rule, cell by cell, against OWASP's advice (CSV injection): prefix ' and quote a cell that
 * begins with = + - @ tab or CR, unless it is a plain number. Expected bytes written by hand. */
static void
test_csv_rule (void)
{
  static const struct
  {
    const char *cell, *written;
  } cases[] = {
    { "=1+2", "\"'=1+2\"" },
    { "=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"" },
    { "@SUM(A1)", "\"'@SUM(A1)\"" },
    { "+C1", "\"'+C1\"" },
    { "-1+2", "\"'-1+2\"" },
    { "-", "\"'-\"" },
    { "\tT", "\"'\tT\"" },
    { "\rR", "\"'\rR\"" },
    { "-54.28", "-54.28" },
    { "+3", "+3" },
    { "-1e-05", "-1e-05" },
    { "-.5", "-.5" },
    { "-1e", "\"'-1e\"" },
    { "a=b", "a=b" },
    { "x,y", "\"x,y\"" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GString) out = g_string_new (NULL);
      g_autofree char *expected = g_strconcat (cases[i].written, "\n", NULL);
      const char      *fields[] = { cases[i].cell };
      pdx_output_csv_write_record (out, fields, 1);
      g_assert_cmpstr (out->str, ==, expected);
    }
}

static const char hostile_mice[] =
    "study,arm,mouse,cage,sex,implant_date,day0,readout\n"
    "S1,\"=HYPERLINK(\"\"http://"
    "evil\"\",\"\"x\"\")\",@M1,+C1,F,2024-03-01,2024-03-15,caliper_volume\n"
    "S1,\"=HYPERLINK(\"\"http://"
    "evil\"\",\"\"x\"\")\",-M2,C2,F,2024-03-01,2024-03-15,caliper_volume\n"
    "S1,+ctl,=M3,C3,F,2024-03-01,2024-03-15,caliper_volume\n";

static const char hostile_measurements[] =
    "study,mouse,date,length_mm,width_mm,weight_g,operator,note\n"
    "S1,@M1,2024-03-15,8,10,21.5,=cmd|' /C calc'!A0,@note\n"
    "S1,@M1,2024-03-29,4,4,21.0,+op,-1+2\n"
    "S1,-M2,2024-03-15,8,10,21.5,-op,=1+1\n"
    "S1,=M3,2024-03-15,8,10,21.5,@op,+note\n";

/* Values of the hostile import as they must come out of a CSV: each with a leading '. */
static const char *const hostile_values[] = {
  "=HYPERLINK(\"http://evil\",\"x\")",
  "@M1",
  "-M2",
  "=M3",
  "+ctl",
  "+C1",
  "=cmd|' /C calc'!A0",
  "@note",
  "+op",
  "-1+2",
  "-op",
  "=1+1",
  "@op",
  "+note",
};

static char *
hostile_lab (void)
{
  g_autofree char *dir = pdx_test_make_tmpdir ();
  char            *lab = g_build_filename (dir, "lab.pdxlab", NULL);
  g_autofree char *mice = pdx_test_write_file ("mice.csv", hostile_mice, -1);
  g_autofree char *rows = pdx_test_write_file ("measurements.csv", hostile_measurements, -1);
  const char      *init[] = { "init", NULL };
  const char      *import_mice[] = { "import", "mice", "@OUT", NULL };
  const char      *import_rows[] = { "import", "measurements", "@OUT", NULL };
  g_autoptr (PdxTestRun) a = run_cli_writer (lab, init, NULL);
  g_autoptr (PdxTestRun) b = run_cli_writer (lab, import_mice, mice);
  g_autoptr (PdxTestRun) c = run_cli_writer (lab, import_rows, rows);

  g_assert_cmpint (a->status + b->status + c->status, ==, 0);
  return lab;
}

/* Every cell of @csv: none begins with a formula character unless it is a plain number; the
 * hostile values seen, with their ', are counted in @seen. */
static void
assert_csv_safe (const char *name, const char *csv, GHashTable *seen)
{
  g_autoptr (PdxCsvReader) reader = pdx_csv_reader_new_for_data (name, csv, strlen (csv));
  g_autoptr (GError) error = NULL;
  char **fields;
  guint  n, risky = 0;

  while (pdx_csv_reader_next (reader, &fields, &n, &error))
    for (guint i = 0; i < n; i++)
      {
        char *end = NULL;
        if (fields[i][0] && strchr ("=+-@\t\r", fields[i][0]))
          {
            g_ascii_strtod (fields[i], &end);
            if (*end != '\0')
              {
                g_test_message ("%s: raw formula cell %s", name, fields[i]);
                risky++;
              }
          }
        for (guint v = 0; v < G_N_ELEMENTS (hostile_values); v++)
          if (fields[i][0] == '\'' && g_str_equal (fields[i] + 1, hostile_values[v]))
            g_hash_table_add (seen, (gpointer) hostile_values[v]);
      }
  g_assert_no_error (error);
  g_assert_cmpuint (risky, ==, 0);
}

static void
test_csv_hostile_import (void)
{
  g_autofree char *lab = hostile_lab ();
  g_autofree char *dir = pdx_test_make_tmpdir ();
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  static const char *const exports[][6] = {
    { "export", "summary", "--study", "S1", "--out", "@OUT" },
    { "export", "measurements", "--study", "S1", "--out", "@OUT" },
  };
  static const char *const lists[][6] = {
    { "--format", "csv", "list", "mice", NULL },
    { "--format", "csv", "list", "arms", NULL },
    { "--format", "csv", "list", "studies", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (exports); i++)
    {
      g_autofree char *out = g_build_filename (dir, "out.csv", NULL);
      const char      *args[7] = { 0 };
      g_autoptr (PdxTestRun) run = NULL;
      g_autofree char *csv = NULL;
      memcpy (args, exports[i], sizeof exports[i]);
      run = run_cli_writer (lab, args, out);
      g_assert_cmpint (run->status, ==, 0);
      g_assert_true (g_file_get_contents (out, &csv, NULL, NULL));
      assert_csv_safe (exports[i][1], csv, seen);
    }
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      const char *args[7] = { 0 };
      g_autoptr (PdxTestRun) run = NULL;
      memcpy (args, lists[i], sizeof lists[i]);
      run = run_cli_writer (lab, args, NULL);
      g_assert_cmpint (run->status, ==, 0);
      assert_csv_safe (lists[i][3], run->out, seen);
    }
  /* Every hostile value came out, neutralised. */
  g_assert_cmpuint (g_hash_table_size (seen), ==, G_N_ELEMENTS (hostile_values));
}

/* Numbers the program formats stay numbers: the demo's median best response of −87.2 %. */
static void
test_csv_numbers_kept (void)
{
  g_autofree char *lab = demo_lab (0);
  g_autofree char *out = pdx_test_tmp_path ("summary.csv");
  g_autofree char *csv = NULL;
  const char      *args[] = { "export", "summary", "--study", STUDY, "--out", "@OUT", NULL };
  g_autoptr (PdxTestRun) run = run_cli_writer (lab, args, out);

  g_assert_cmpint (run->status, ==, 0);
  g_assert_true (g_file_get_contents (out, &csv, NULL, NULL));
  g_assert_nonnull (strstr (csv, ",-87.2"));
  g_assert_null (strstr (csv, "'"));
}

/* The workbook stores the hostile text as shared strings, raw, never as formulas. */
static void
test_xlsx_strings (void)
{
  g_autofree char *lab = hostile_lab ();
  g_autofree char *out = pdx_test_tmp_path ("summary.xlsx");
  const char      *args[] = { "export", "summary", "--study", "S1", "--out", "@OUT", NULL };
  g_autoptr (PdxTestRun) run = run_cli_writer (lab, args, out);
  g_autoptr (XlsxBook) book = NULL;

  g_assert_cmpint (run->status, ==, 0);
  book = xlsx_book_read (out);
  for (guint index = 0; index < 3; index++)
    {
      g_autoptr (XlsxSheet) sheet = xlsx_sheet_read (out, book, index);
      g_autofree char *member = g_strdup_printf ("xl/worksheets/sheet%u.xml", index + 1);
      const char      *argv[] = { "unzip", "-p", out, member, NULL };
      g_autofree char *xml = pdx_test_run_tool (argv);
      /* xlsx_sheet_find_row fails on a cell that is not a string. */
      g_assert_cmpuint (xlsx_sheet_find_row (sheet, "A", "=HYPERLINK(\"http://evil\",\"x\")"), >,
                        1);
      g_assert_null (strstr (xml, "<f>"));
      g_assert_null (strstr (xml, "<f "));
    }
  {
    g_autoptr (XlsxSheet) sheet = xlsx_sheet_read (out, book, 2);
    g_autofree char *operator_col = xlsx_sheet_column (sheet, "Operator");
    g_autofree char *note_col = xlsx_sheet_column (sheet, "Note");
    g_assert_cmpuint (xlsx_sheet_find_row (sheet, operator_col, "=cmd|' /C calc'!A0"), >, 1);
    g_assert_cmpuint (xlsx_sheet_find_row (sheet, note_col, "-1+2"), >, 1);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (writers); i++)
    {
      static const struct
      {
        const char   *prefix;
        GTestDataFunc func;
      } kinds[] = {
        { "/outputs/full-disk/tmpfs/", test_full_disk_tmpfs },
        { "/outputs/full-disk/fsize/", test_full_disk_fsize },
        { "/outputs/symlink-refused/", test_symlink_refused },
        { "/outputs/special-refused/", test_special_refused },
      };
      for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
        {
          g_autofree char *path = g_strconcat (kinds[k].prefix, writers[i].name, NULL);
          g_test_add_data_func (path, &writers[i], kinds[k].func);
        }
      if (writers[i].id != W_BACKUP)
        {
          g_autofree char *path = g_strconcat ("/outputs/mode-kept/", writers[i].name, NULL);
          g_test_add_data_func (path, &writers[i], test_mode_kept);
        }
    }
  g_test_add_func ("/outputs/special-refused/dev-null", test_dev_null_refused);
  g_test_add_func ("/outputs/backup/killed", test_backup_killed);
  g_test_add_func ("/outputs/backup/damaged-lab", test_backup_damaged);
  g_test_add_func ("/outputs/csv/rule", test_csv_rule);
  g_test_add_func ("/outputs/csv/hostile-import", test_csv_hostile_import);
  g_test_add_func ("/outputs/csv/numbers-kept", test_csv_numbers_kept);
  g_test_add_func ("/outputs/xlsx/strings-not-formulas", test_xlsx_strings);
  return g_test_run ();
}
