/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-test-util.h — what every test suite needs: a fresh lab in a temporary folder, and paths. */
#pragma once

#include <glib.h>
#include <sqlite3.h>

#include "pdx/pdx.h"

/* A new temporary folder for this test, removed (recursively) at exit. Owned string. */
char *pdx_test_make_tmpdir (void);
/* @name in a fresh temporary folder of its own. */
char *pdx_test_tmp_path (const char *name);
/* Runs @argv (found on PATH), asserts it exits 0, and returns its standard output. */
char *pdx_test_run_tool (const char *const *argv);

/* A program run to its end by pdx_test_run_argv(). */
typedef struct
{
  int   status; /* exit code; -1 when killed by a signal */
  char *out;
  char *err;
} PdxTestRun;
void pdx_test_run_free (PdxTestRun *run);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdxTestRun, pdx_test_run_free)
/* Runs @argv (NULL-terminated; argv[0] looked up in PATH) to its end, in a private HOME and
 * XDG_DATA_HOME so that no user lab is touched, with $PDXTRACK_DB set to @env_db (unset when
 * NULL), $PDXTRACK_OPERATOR unset and LC_ALL=C.UTF-8. */
PdxTestRun *pdx_test_run_argv (const char *const *argv, const char *env_db);
/* A new empty lab in a fresh temporary folder; its path in *@path_out when not NULL. */
PdxDb *pdx_test_new_lab (char **path_out);
/* A file of the shared reference data (../shared/data/…), or NULL (and the test fails) when
 * absent. */
char *pdx_test_shared_file (const char *relative);
/* Writes @contents to a new file named @name in a fresh temporary folder; returns its path. */
char *pdx_test_write_file (const char *name, const char *contents, gssize len);
/* Counts the rows of @table (a fixed table name, not user text). */
gint64 pdx_test_count (PdxDb *db, const char *table);
/* The first column of the first row of @sql as a string (owned), or NULL. */
char *pdx_test_query_string (PdxDb *db, const char *sql);
/* A byte-exact fingerprint of every row of every table: equal before and after a refused change. */
char *pdx_test_dump (PdxDb *db);

/* Building a lab for a test: each asserts success and returns the new row's id. */
gint64 pdx_test_add_study (PdxDb *db, const char *code, PdxReadout readout, const char *day0);
gint64 pdx_test_add_arm (PdxDb *db, gint64 study_id, const char *name, gboolean control);
/* @arm_id 0: not randomised; @implant_date may be NULL. */
gint64 pdx_test_add_mouse (
    PdxDb *db, gint64 study_id, gint64 arm_id, const char *tag, const char *implant_date);
void pdx_test_exclude_mouse (PdxDb *db, gint64 mouse_id, const char *reason);
/* The endpoint counts as an event as its kind says by default. */
void pdx_test_add_endpoint (PdxDb *db, gint64 mouse_id, const char *date, PdxEndpointKind kind);

/* The fault suite's canonical dump of an open SQLite handle: user_version, application_id, the
 * schema (sqlite_schema ordered by name), then every table's rows ordered by rowid, each value
 * typed and at full precision (REAL as %.17g, TEXT with its length, BLOB in hex). Owned. */
char *pdx_test_canonical_dump (sqlite3 *handle);
/* SHA-256 of pdx_test_canonical_dump() of @db's connection. Owned hex string. */
char *pdx_test_dump_hash (PdxDb *db);
/* Opens @path read-only with plain SQLite (not pdx-core), and returns the dump hash when the
 * file is a whole database (integrity_check says "ok"), else NULL with the reason in
 * *@problem (owned, may be NULL). */
char *pdx_test_file_dump_hash (const char *path, char **problem);
/* Copies the closed file @from to @to byte for byte (a lab no connection has open). */
void pdx_test_copy_file (const char *from, const char *to);

/* The bench sheet's save (pdx_sheet_save, the app's save path) of body weights on @date for
 * the mice @tags of @study_id: each row as it is stored now is what the sheet "loaded", the
 * weight the one changed cell, the reason "re-weighed" (a weight saved before changes). TRUE,
 * or FALSE with @error (a conflict, busy, or I/O error). */
gboolean pdx_test_sheet_save_weights (PdxDb             *db,
                                      gint64             study_id,
                                      const char        *date,
                                      const char *const *tags,
                                      const double      *weights,
                                      guint              n,
                                      GError           **error);

/* Waiting in GUI tests, on a condition rather than a fixed sleep. */
typedef gboolean (*PdxTestCondition) (gpointer data);
/* Iterates the default main context until @condition holds; FALSE after 30 s (a generous bound:
 * a loaded machine running the sanitizer build took over 10 s to go idle after setup). */
gboolean pdx_test_wait_until (PdxTestCondition condition, gpointer data);
/* Iterates the main context for @ms milliseconds (for what has no condition to wait on). */
void pdx_test_spin (guint ms);
/* A PdxTestCondition: the default main context has nothing pending. */
gboolean pdx_test_main_loop_idle (gpointer data);

/* The POSIX locks this process holds on @path's inode, read from /proc/locks
 * ("N: POSIX ADVISORY READ PID MAJ:MIN:INODE START END"). */
guint pdx_test_count_own_locks (const char *path);
