/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-test-vfs.h — a fault-injecting SQLite VFS for tests: counts the I/O calls that can fail on
 * a real disk and fails the Nth one. */
#pragma once

#include <glib.h>
#include <sqlite3.h>

/* The kinds of fault the shim injects. IOERR fails one write with SQLITE_IOERR_WRITE, a sync
 * with SQLITE_IOERR_FSYNC or a truncate with SQLITE_IOERR_TRUNCATE; FULL fails one of them with
 * SQLITE_FULL (space freed at once); FULL_STAYS fails that call and every later one until
 * pdx_test_vfs_stop(), as a disk that stays full does. */
typedef enum
{
  PDX_TEST_FAULT_IOERR,
  PDX_TEST_FAULT_FULL,
  PDX_TEST_FAULT_FULL_STAYS,
  PDX_TEST_N_FAULTS
} PdxTestFault;

/* Registers the shim, once per process, as SQLite's default VFS: every later sqlite3_open_v2()
 * with a NULL VFS (as pdx-core's are) goes through it. It wraps "unix" and forwards everything;
 * counting is off until pdx_test_vfs_start(). Thread-safe. */
void pdx_test_vfs_install (void);

/* Starts counting from zero. The counted calls are xWrite, xSync, xTruncate and the
 * SQLITE_FCNTL_SIZE_HINT file control (which may grow the file) on every file SQLite opens
 * through the shim: the lab, its -wal and -journal, temporary files, a backup's target.
 * @fail_at 0 injects nothing; N >= 1 fails the Nth counted call with @fault (and, for
 * FULL_STAYS, every later one). */
void pdx_test_vfs_start (guint fail_at, PdxTestFault fault);

/* Stops counting and injecting; returns the number of calls counted since the start. */
guint pdx_test_vfs_stop (void);

/* Whether the fault of the current or last start was injected. */
gboolean pdx_test_vfs_fired (void);

/* Freezes SQLite's 'now' (the audit log's time stamps) at @unix_ms milliseconds after the Unix
 * epoch, so that two runs of one operation write byte-identical labs; 0 unfreezes it. */
void pdx_test_vfs_freeze_clock (gint64 unix_ms);

/* "IOERR", "FULL" or "FULL_STAYS". */
const char *pdx_test_fault_name (PdxTestFault fault);
