/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-faults-io.c — I/O faults: every write, sync and truncate of an operation failed in turn
 * (SQLITE_IOERR_* and SQLITE_FULL) through the test VFS; each run must end in a clear error or
 * success, a lab that passes check, and exactly the before or the after state. */
#include "pdx-test-util.h"
#include "pdx-test-vfs.h"

#include <math.h>
#include <string.h>
#include <glib/gstdio.h>

/* SQLite's clock during the sweep: 2025-06-01T00:00:00Z, so audit time stamps repeat. */
#define FROZEN_NOW_MS G_GINT64_CONSTANT (1748736000000)

typedef struct
{
  PdxDb      *db;  /* the lab, open for the operation */
  const char *dir; /* this run's folder: the lab and anything the operation writes */
  const char *before_hash;
} FaultRun;

/* The two states a run may end in, by two independent readers: the test's canonical dump hash
 * and the sqlite3 shell's ".dump" of the closed file, read by another process. */
typedef struct
{
  char *hash;
  char *shell_dump;
} LabState;

typedef struct
{
  const char *name;
  /* The operation, once, on a lab in the before state. Returns TRUE, or FALSE with @error. */
  gboolean (*run) (FaultRun *run, GError **error);
  /* Optional: what else must hold after a run, with the lab closed; @ok is what run returned. */
  void (*verify) (FaultRun *run, gboolean ok);
} FaultOp;

static char *inputs_dir;

static gboolean
full_sweep (void)
{
  return g_strcmp0 (g_getenv ("PDX_FAULT_SWEEP"), "full") == 0;
}

static const char *
input_path (const char *name)
{
  static GHashTable *paths;
  char              *path;

  if (paths == NULL)
    paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  path = g_hash_table_lookup (paths, name);
  if (path == NULL)
    {
      path = g_build_filename (inputs_dir, name, NULL);
      g_hash_table_insert (paths, g_strdup (name), path);
    }
  return path;
}

/* ---- the operations ------------------------------------------------------------------------ */

static gboolean
import_file (FaultRun *run, const char *name, GError **error)
{
  PdxImportReport report = { 0 };
  gboolean        ok;

  if (g_str_has_prefix (name, "mice"))
    ok = pdx_import_mice (run->db, input_path (name), &report, NULL, NULL, error);
  else if (g_str_has_prefix (name, "measurements"))
    {
      /* Its first rows replace saved values: that needs a reason (issue 12). */
      PdxImportOptions options = { .reason = "Re-measured" };

      ok = pdx_import_file (run->db, PDX_IMPORT_KIND_MEASUREMENTS, input_path (name), &options,
                            &report, error);
    }
  else
    ok = pdx_import_pdxe (run->db, input_path (name), &report, NULL, NULL, error);
  pdx_import_report_clear (&report);
  return ok;
}

static gboolean
op_import_mice (FaultRun *run, GError **error)
{
  return import_file (run, "mice-new.csv", error);
}

static gboolean
op_import_measurements (FaultRun *run, GError **error)
{
  return import_file (run, "measurements-new.csv", error);
}

static gboolean
op_import_pdxe (FaultRun *run, GError **error)
{
  return import_file (run, "pdxe-new.csv", error);
}

static gboolean
op_randomize (FaultRun *run, GError **error)
{
  g_autoptr (PdxStudy) study = pdx_study_find (run->db, "RND", error);
  PdxRandomization r = { .seed = 11 };
  gboolean         ok;

  if (study == NULL)
    return FALSE;
  ok = pdx_study_assign_arms (run->db, study->id, NULL, pdx_randomization_plan, &r, error);
  g_clear_pointer (&r.report, pdx_balance_report_free);
  return ok;
}

/* The sheet's save as the app does it until pdx_sheet_save() exists: several rows, one
 * transaction. Rows 1 and 2 merge into measurements already there, 3 to 5 are new. */
static gboolean
op_save_batch (FaultRun *run, GError **error)
{
  static const struct
  {
    const char *tag, *date;
    double      weight, bli;
  } rows[] = {
    { "M01", "2020-01-18", 21.7, 3.9654e7 }, { "M02", "2020-01-18", 22.125, NAN },
    { "M03", "2020-01-25", 20.5, 1.5e8 },    { "M04", "2020-01-25", 19.875, NAN },
    { "M05", "2020-01-25", 23.0, 2.25e8 },
  };
  g_autoptr (PdxStudy) study = pdx_study_find (run->db, "S1", error);

  if (study == NULL || !pdx_db_begin (run->db, error))
    return FALSE;
  /* Rows 1 and 2 change saved values: that needs a reason (issue 12). */
  pdx_db_set_reason (run->db, "Re-measured");
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr (PdxMouse) mouse = pdx_mouse_find (run->db, study->id, rows[i].tag, error);
      g_autoptr (PdxMeasurement) m = pdx_measurement_new ();

      if (mouse == NULL)
        goto failed;
      m->mouse_id = mouse->id;
      m->date = g_strdup (rows[i].date);
      m->weight_g = rows[i].weight;
      m->bli_flux = rows[i].bli;
      if (!pdx_measurement_upsert (run->db, m, error))
        goto failed;
    }
  pdx_db_set_reason (run->db, NULL);
  return pdx_db_commit (run->db, error);
failed:
  pdx_db_set_reason (run->db, NULL);
  pdx_db_rollback (run->db);
  return FALSE;
}

/* The bench sheet's save itself (pdx_sheet_save, what the app calls): on 2020-01-18 M01's
 * weight and M02's BLI change in rows already there, and M03 to M05 get new rows. */
static gboolean
op_sheet_save (FaultRun *run, GError **error)
{
  static const char *const tags[] = { "M01", "M02", "M03", "M04", "M05" };
  g_autoptr (PdxStudy) study = pdx_study_find (run->db, "S1", error);
  g_autoptr (GPtrArray) owned =
      g_ptr_array_new_with_free_func ((GDestroyNotify) pdx_measurement_free);
  g_autoptr (PdxSheetSave) save = NULL;
  PdxSheetEdit edits[G_N_ELEMENTS (tags)] = { { 0 } };

  if (study == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (tags); i++)
    {
      g_autoptr (PdxMouse) mouse = pdx_mouse_find (run->db, study->id, tags[i], error);
      PdxMeasurement *loaded, *values = pdx_measurement_new ();

      g_ptr_array_add (owned, values);
      if (mouse == NULL)
        return FALSE;
      loaded = pdx_measurement_find (run->db, mouse->id, "2020-01-18", error);
      if (loaded == NULL && error && *error)
        return FALSE;
      if (loaded)
        g_ptr_array_add (owned, loaded);
      edits[i].mouse_id = mouse->id;
      edits[i].tag = tags[i];
      edits[i].loaded = loaded;
      edits[i].values = values;
      values->weight_g = 20.0 + 0.375 * i;
      values->bli_flux = 3.9654321e7 * (i + 1);
      edits[i].changed = i == 0   ? PDX_MEASUREMENT_WEIGHT
                         : i == 1 ? PDX_MEASUREMENT_BLI
                                  : PDX_MEASUREMENT_WEIGHT | PDX_MEASUREMENT_BLI;
    }
  /* M01's weight and M02's BLI were saved already: changing them needs a reason. */
  save = pdx_sheet_save_with_reason (run->db, study->id, "2020-01-18", edits, G_N_ELEMENTS (edits),
                                     "Re-measured", NULL, error);
  return save != NULL;
}

static gboolean
op_backup (FaultRun *run, GError **error)
{
  g_autofree char *dest = g_build_filename (run->dir, "backup.pdxlab", NULL);
  return pdx_db_backup (run->db, dest, error);
}

/* A backup leaves the lab as it was (checked by the sweep: before == after) and its target
 * either absent or a whole copy of the lab; never a journal a later open would replay. */
static void
verify_backup (FaultRun *run, gboolean ok)
{
  g_autofree char *dest = g_build_filename (run->dir, "backup.pdxlab", NULL);
  g_autofree char *journal = g_strconcat (dest, "-journal", NULL);
  g_autofree char *wal = g_strconcat (dest, "-wal", NULL);
  g_autofree char *problem = NULL;
  g_autofree char *hash = NULL;

  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  if (!ok)
    {
      g_assert_false (g_file_test (dest, G_FILE_TEST_EXISTS));
      return;
    }
  hash = pdx_test_file_dump_hash (dest, &problem);
  g_assert_cmpstr (problem, ==, NULL);
  g_assert_cmpstr (hash, ==, run->before_hash);
}

/* The swept operations: adding one is one line (name, operation, optional extra check). */
/* clang-format off */
static const FaultOp fault_ops[] = {
  { "import-mice", op_import_mice, NULL },
  { "import-measurements", op_import_measurements, NULL },
  { "import-pdxe", op_import_pdxe, NULL },
  { "randomize", op_randomize, NULL },
  { "save-batch", op_save_batch, NULL },
  { "sheet-save", op_sheet_save, NULL },
  { "backup", op_backup, verify_backup },
};
/* clang-format on */

/* ---- the lab before ------------------------------------------------------------------------ */

/* clang-format off */
static const char *const input_files[][2] = {
  { "mice-base.csv",
    "study,arm,mouse,sex,implant_date,day0,readout,control\n"
    "S1,vehicle,M01,F,2020-01-02,2020-01-15,caliper_volume,1\n"
    "S1,vehicle,M02,M,2020-01-02,2020-01-15,caliper_volume,1\n"
    "S1,T-DM1,M03,F,2020-01-02,2020-01-15,caliper_volume,0\n"
    "S1,T-DM1,M04,M,2020-01-02,2020-01-15,caliper_volume,0\n"
    "S1,T-DM1,M05,F,2020-01-02,2020-01-15,caliper_volume,0\n"
    "RND,,R01,F,2020-02-01,2020-02-20,mri_volume,\n"
    "RND,,R02,M,2020-02-01,2020-02-20,mri_volume,\n"
    "RND,,R03,F,2020-02-01,2020-02-20,mri_volume,\n"
    "RND,,R04,M,2020-02-01,2020-02-20,mri_volume,\n"
    "RND,,R05,F,2020-02-01,2020-02-20,mri_volume,\n"
    "RND,,R06,M,2020-02-01,2020-02-20,mri_volume,\n" },
  { "measurements-base.csv",
    "study,mouse,date,length_mm,width_mm,mri_volume_mm3,weight_g,note\n"
    "S1,M01,2020-01-18,8.25,6.5,,21.25,baseline\n"
    "S1,M02,2020-01-18,7.5,7.125,,22.5,\n"
    "RND,R01,2020-02-20,,,12.125,,\n"
    "RND,R02,2020-02-20,,,35.75,,\n"
    "RND,R03,2020-02-20,,,8.5,,\n"
    "RND,R04,2020-02-20,,,22.875,,\n"
    "RND,R05,2020-02-20,,,51.25,,\n"
    "RND,R06,2020-02-20,,,17.625,,\n" },
  { "mice-new.csv",
    "study,arm,mouse,sex,implant_date\n"
    "S1,tucatinib,N01,F,2020-01-03\n"
    "S1,tucatinib,N02,M,2020-01-03\n"
    "S1,vehicle,N03,F,2020-01-03\n" },
  { "measurements-new.csv",
    "study,mouse,date,length_mm,width_mm,weight_g,note\n"
    "S1,M01,2020-01-18,8.5,6.75,21.5,re-measured\n"
    "S1,M03,2020-01-21,9.25,7.0,20.75,\n"
    "S1,M04,2020-01-21,6.0,5.5,19.5,\"a, note\"\n"
    "S1,M05,2020-01-21,10.0,8.0,23.25,\n" },
  { "pdxe-new.csv",
    "Model,Tumor Type,Treatment,Volume (mm3),body weight (g),Days Post T0,"
    "% TVol Difference,% BW Difference\n"
    "X-9,BRCA,untreated,100,25,0,0,0\n"
    "X-9,BRCA,untreated,120,25.1,3,20,0.4\n"
    "X-9,BRCA,BYL719,100,25,0,0,0\n"
    "X-9,BRCA,BYL719,90,24.5,3,-10,-2\n" },
};
/* clang-format on */

static void
write_inputs (void)
{
  inputs_dir = pdx_test_make_tmpdir ();
  for (guint i = 0; i < G_N_ELEMENTS (input_files); i++)
    {
      g_autoptr (GError) error = NULL;
      g_file_set_contents (input_path (input_files[i][0]), input_files[i][1], -1, &error);
      g_assert_no_error (error);
    }
}

/* The lab every run starts from, closed (no -wal beside it): two studies imported, RND's arms
 * added by hand as the app does. */
static char *
make_template (void)
{
  g_autofree char *path = NULL;
  g_autoptr (PdxDb) db = pdx_test_new_lab (&path);
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxStudy) rnd = NULL;
  FaultRun run = { .db = db };

  g_assert_true (import_file (&run, "mice-base.csv", &error));
  g_assert_no_error (error);
  g_assert_true (import_file (&run, "measurements-base.csv", &error));
  g_assert_no_error (error);
  rnd = pdx_study_find (db, "RND", &error);
  g_assert_nonnull (rnd);
  pdx_test_add_arm (db, rnd->id, "vehicle", TRUE);
  pdx_test_add_arm (db, rnd->id, "T-DM1", FALSE);
  return g_steal_pointer (&path);
}

/* The sqlite3 shell's ".dump" of the closed lab at @path. */
static char *
shell_dump (const char *path)
{
  const char *argv[] = { "sqlite3", "-readonly", path, ".dump", NULL };
  return pdx_test_run_tool (argv);
}

static void
lab_state_clear (LabState *state)
{
  g_clear_pointer (&state->hash, g_free);
  g_clear_pointer (&state->shell_dump, g_free);
}

/* ---- the sweep ----------------------------------------------------------------------------- */

/* A fresh run folder holding a copy of the template lab; returns the lab's path. */
static char *
prepare_run (const char *template_path, const char *op_dir, guint n)
{
  g_autofree char *name = g_strdup_printf ("run-%u", n);
  g_autofree char *dir = g_build_filename (op_dir, name, NULL);
  char            *lab = g_build_filename (dir, "lab.pdxlab", NULL);

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  pdx_test_copy_file (template_path, lab);
  return lab;
}

/* Opens @lab normally (no fault), asserts it passes check, and returns its dump hash. */
static char *
reopen_and_hash (const char *lab)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (PdxDb) db = pdx_db_open (lab, PDX_DB_OPEN_EXISTING, &error);

  g_assert_no_error (error);
  g_assert_nonnull (db);
  if (!pdx_db_check (db, problems, &error))
    for (guint i = 0; i < problems->len; i++)
      g_test_message ("check: %s", (const char *) g_ptr_array_index (problems, i));
  g_assert_no_error (error);
  return pdx_test_dump_hash (db);
}

/* Where a fault is injected: during the operation, or while the lab is closed after it
 * succeeded (the last connection's checkpoint copies the -wal into the lab). */
typedef enum
{
  WINDOW_OPERATION,
  WINDOW_CLOSE,
  N_WINDOWS
} Window;

static const char *const window_names[] = { "operation", "close" };

typedef struct
{
  guint n_calls[N_WINDOWS]; /* fallible I/O calls of one clean run, per window */
  guint n_points;           /* fault points swept */
  guint n_failed;           /* runs whose operation failed (the before state) */
  guint n_succeeded;        /* runs that succeeded despite the fault (the after state) */
} SweepCount;

/* Runs @op on the open lab of @run and closes it, with the Nth call of @window failed with
 * @fault (N = 0: none). Returns what the operation returned; the calls counted per window go to
 * @counted. */
static gboolean
run_faulted (const FaultOp *op,
             FaultRun      *run,
             Window         window,
             guint          n,
             PdxTestFault   fault,
             guint          counted[N_WINDOWS],
             GError       **error)
{
  gboolean ok, fired;

  pdx_test_vfs_start (window == WINDOW_OPERATION ? n : 0, fault);
  ok = op->run (run, error);
  counted[WINDOW_OPERATION] = pdx_test_vfs_stop ();
  fired = pdx_test_vfs_fired ();
  pdx_test_vfs_start (window == WINDOW_CLOSE ? n : 0, fault);
  pdx_db_close (run->db);
  counted[WINDOW_CLOSE] = pdx_test_vfs_stop ();
  fired = fired || pdx_test_vfs_fired ();
  run->db = NULL;
  if (n > 0 && !fired)
    g_test_message ("%s: fault %u of the %s not reached (%u calls this run)", op->name, n,
                    window_names[window], counted[window]);
  return ok;
}

/* One run of @op with the Nth call of @window failed with @fault (N = 0: none); asserts the
 * contract and returns whether the operation succeeded. Stores the clean counts in @count.
 * @after NULL: the after state is not known yet (the clean run that finds it). */
static gboolean
run_once (const FaultOp  *op,
          const char     *template_path,
          const char     *op_dir,
          guint           id,
          Window          window,
          guint           n,
          PdxTestFault    fault,
          const LabState *before,
          const LabState *after,
          SweepCount     *count)
{
  g_autofree char *lab = prepare_run (template_path, op_dir, id);
  g_autofree char *dir = g_path_get_dirname (lab);
  g_autoptr (GError) error = NULL;
  g_autofree char *hash = NULL;
  FaultRun         run = { .dir = dir, .before_hash = before->hash };
  guint            counted[N_WINDOWS];
  gboolean         ok;

  run.db = pdx_db_open (lab, PDX_DB_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  pdx_db_set_operator (run.db, "tester");
  ok = run_faulted (op, &run, window, n, fault, counted, &error);
  if (count)
    memcpy (count->n_calls, counted, sizeof counted);
  if (g_getenv ("PDX_FAULT_VERBOSE"))
    g_test_message ("%s: %s call %u fails with %s -> %s", op->name, window_names[window], n,
                    pdx_test_fault_name (fault),
                    ok      ? "success"
                    : error ? error->message
                            : "FALSE without an error");
  /* The return value and the error agree; a failure says what the disk did. */
  if (ok)
    g_assert_no_error (error);
  else
    {
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, "disk"));
      g_assert_cmpint (window, ==, WINDOW_OPERATION);
    }
  hash = reopen_and_hash (lab);
  if (after)
    g_assert_cmpstr (hash, ==, ok ? after->hash : before->hash);
  /* The shell from another process, on every 8th run in CI (a spawn from an ASan process is
   * slow), on every run in the full sweep. */
  if (after && (id % 8 == 0 || full_sweep ()))
    {
      g_autofree char *dump = shell_dump (lab);
      g_assert_cmpstr (dump, ==, ok ? after->shell_dump : before->shell_dump);
    }
  if (op->verify)
    op->verify (&run, ok);
  return ok;
}

/* Which fault points run: all of them when PDX_FAULT_SWEEP=full or the window has few calls,
 * else the first 64 calls and then a deterministic spread of about 64 more. */
static gboolean
in_sweep (guint n, guint n_calls)
{
  static const guint ci_all = 64;
  guint              stride = n_calls / ci_all + 1;

  if (full_sweep () || n_calls <= 2 * ci_all)
    return TRUE;
  return n <= ci_all || n % stride == 0 || n == n_calls;
}

static void
sweep (gconstpointer data)
{
  const FaultOp   *op = data;
  g_autofree char *template_path = make_template ();
  g_autofree char *op_dir = pdx_test_make_tmpdir ();
  LabState   before = { pdx_test_file_dump_hash (template_path, NULL), shell_dump (template_path) };
  LabState   after = { 0 };
  SweepCount count = { 0 };
  guint      id = 0;
  gint64     start = g_get_monotonic_time ();

  g_assert_nonnull (before.hash);
  g_assert_true (
      run_once (op, template_path, op_dir, id++, WINDOW_OPERATION, 0, 0, &before, NULL, &count));
  {
    g_autofree char *lab = g_build_filename (op_dir, "run-0", "lab.pdxlab", NULL);
    after.hash = reopen_and_hash (lab);
    after.shell_dump = shell_dump (lab);
  }
  g_assert_cmpuint (count.n_calls[WINDOW_OPERATION], >, 0);
  for (Window window = 0; window < N_WINDOWS; window++)
    for (PdxTestFault fault = 0; fault < PDX_TEST_N_FAULTS; fault++)
      for (guint n = 1; n <= count.n_calls[window]; n++)
        {
          if (!in_sweep (n, count.n_calls[window]))
            continue;
          count.n_points++;
          if (run_once (op, template_path, op_dir, id++, window, n, fault, &before, &after, NULL))
            count.n_succeeded++;
          else
            count.n_failed++;
        }
  g_test_message ("%s: %u I/O calls in the operation, %u in the close; %u fault points swept "
                  "(%u failed cleanly, %u succeeded anyway), %.1f s",
                  op->name, count.n_calls[WINDOW_OPERATION], count.n_calls[WINDOW_CLOSE],
                  count.n_points, count.n_failed, count.n_succeeded,
                  (g_get_monotonic_time () - start) / 1e6);
  lab_state_clear (&before);
  lab_state_clear (&after);
}

/* The shim itself: a write fault reaches the caller as SQLITE_IOERR_WRITE, a full disk as
 * SQLITE_FULL, and with no fault set nothing changes. */
static void
test_shim_codes (void)
{
  sqlite3         *handle = NULL;
  g_autofree char *path = pdx_test_tmp_path ("shim.db");

  g_assert_cmpint (sqlite3_open (path, &handle), ==, SQLITE_OK);
  sqlite3_extended_result_codes (handle, 1);
  pdx_test_vfs_start (0, PDX_TEST_FAULT_IOERR);
  g_assert_cmpint (sqlite3_exec (handle, "CREATE TABLE t (x)", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpuint (pdx_test_vfs_stop (), >, 0);
  pdx_test_vfs_start (1, PDX_TEST_FAULT_IOERR);
  g_assert_cmpint (sqlite3_exec (handle, "INSERT INTO t VALUES (1)", NULL, NULL, NULL), ==,
                   SQLITE_IOERR_WRITE);
  pdx_test_vfs_stop ();
  g_assert_true (pdx_test_vfs_fired ());
  pdx_test_vfs_start (1, PDX_TEST_FAULT_FULL);
  g_assert_cmpint (sqlite3_exec (handle, "INSERT INTO t VALUES (2)", NULL, NULL, NULL), ==,
                   SQLITE_FULL);
  pdx_test_vfs_stop ();
  g_assert_cmpint (sqlite3_exec (handle, "INSERT INTO t VALUES (3)", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  sqlite3_close (handle);
}

/* Whether @name is among the operations named on the command line (none named: all). */
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

/* test-faults-io [OPERATION…]: the operations of fault_ops named (all when none is). */
int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  pdx_test_vfs_install ();
  pdx_test_vfs_freeze_clock (FROZEN_NOW_MS);
  write_inputs ();
  g_test_add_func ("/faults/io/shim-codes", test_shim_codes);
  for (int i = 1; i < argc; i++)
    {
      gboolean known = FALSE;
      for (guint k = 0; k < G_N_ELEMENTS (fault_ops); k++)
        known = known || g_str_equal (argv[i], fault_ops[k].name);
      if (!known)
        g_error ("unknown operation '%s'", argv[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (fault_ops); i++)
    if (is_selected (fault_ops[i].name, argc, argv))
      {
        g_autofree char *name = g_strdup_printf ("/faults/io/%s", fault_ops[i].name);
        g_test_add_data_func (name, &fault_ops[i], sweep);
      }
  return g_test_run ();
}
