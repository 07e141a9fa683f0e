/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-test-vfs.c — the fault-injecting VFS: a thin wrapper over SQLite's "unix" VFS. */
#include "pdx-test-vfs.h"

#include <string.h>

/* A file of the shim: the wrapper's methods, then the real file ("unix" szOsFile bytes). */
typedef struct
{
  sqlite3_file  base;
  sqlite3_file *real;
} FaultFile;

static sqlite3_vfs       *real_vfs;
static sqlite3_vfs        fault_vfs;
static sqlite3_io_methods fault_methods;

/* Guarded by lock: counting state shared by every connection in the process. */
static GMutex       lock;
static gboolean     counting;
static guint        n_calls;
static guint        fail_at;
static PdxTestFault fault_kind;
static gboolean     fired;
static gint64       frozen_unix_ms; /* 0: SQLite's 'now' is the real clock */

/* Unix time 0 as SQLite's clock counts it: milliseconds since the Julian epoch. */
#define UNIX_EPOCH_JULIAN_MS G_GINT64_CONSTANT (210866760000000)

/* Counts one fallible call; returns the SQLite code to fail it with, or SQLITE_OK. */
static int
count_call (int ioerr)
{
  int rc = SQLITE_OK;

  g_mutex_lock (&lock);
  if (counting)
    {
      n_calls++;
      if (fail_at > 0 &&
          (n_calls == fail_at || (n_calls > fail_at && fault_kind == PDX_TEST_FAULT_FULL_STAYS)))
        {
          fired = TRUE;
          rc = fault_kind == PDX_TEST_FAULT_IOERR ? ioerr : SQLITE_FULL;
        }
    }
  g_mutex_unlock (&lock);
  return rc;
}

#define REAL(f) (((FaultFile *) (f))->real)

static int
fault_close (sqlite3_file *file)
{
  return REAL (file)->pMethods->xClose (REAL (file));
}

static int
fault_read (sqlite3_file *file, void *buf, int amount, sqlite3_int64 offset)
{
  return REAL (file)->pMethods->xRead (REAL (file), buf, amount, offset);
}

static int
fault_write (sqlite3_file *file, const void *buf, int amount, sqlite3_int64 offset)
{
  int rc = count_call (SQLITE_IOERR_WRITE);
  return rc ? rc : REAL (file)->pMethods->xWrite (REAL (file), buf, amount, offset);
}

static int
fault_truncate (sqlite3_file *file, sqlite3_int64 size)
{
  int rc = count_call (SQLITE_IOERR_TRUNCATE);
  return rc ? rc : REAL (file)->pMethods->xTruncate (REAL (file), size);
}

static int
fault_sync (sqlite3_file *file, int flags)
{
  int rc = count_call (SQLITE_IOERR_FSYNC);
  return rc ? rc : REAL (file)->pMethods->xSync (REAL (file), flags);
}

static int
fault_file_size (sqlite3_file *file, sqlite3_int64 *size)
{
  return REAL (file)->pMethods->xFileSize (REAL (file), size);
}

static int
fault_lock (sqlite3_file *file, int level)
{
  return REAL (file)->pMethods->xLock (REAL (file), level);
}

static int
fault_unlock (sqlite3_file *file, int level)
{
  return REAL (file)->pMethods->xUnlock (REAL (file), level);
}

static int
fault_check_reserved (sqlite3_file *file, int *out)
{
  return REAL (file)->pMethods->xCheckReservedLock (REAL (file), out);
}

static int
fault_file_control (sqlite3_file *file, int op, void *arg)
{
  if (op == SQLITE_FCNTL_SIZE_HINT)
    {
      int rc = count_call (SQLITE_IOERR_WRITE);
      if (rc)
        return rc;
    }
  return REAL (file)->pMethods->xFileControl (REAL (file), op, arg);
}

static int
fault_sector_size (sqlite3_file *file)
{
  return REAL (file)->pMethods->xSectorSize (REAL (file));
}

static int
fault_device_characteristics (sqlite3_file *file)
{
  return REAL (file)->pMethods->xDeviceCharacteristics (REAL (file));
}

static int
fault_shm_map (sqlite3_file *file, int page, int size, int extend, void volatile **out)
{
  return REAL (file)->pMethods->xShmMap (REAL (file), page, size, extend, out);
}

static int
fault_shm_lock (sqlite3_file *file, int offset, int n, int flags)
{
  return REAL (file)->pMethods->xShmLock (REAL (file), offset, n, flags);
}

static void
fault_shm_barrier (sqlite3_file *file)
{
  REAL (file)->pMethods->xShmBarrier (REAL (file));
}

static int
fault_shm_unmap (sqlite3_file *file, int delete_flag)
{
  return REAL (file)->pMethods->xShmUnmap (REAL (file), delete_flag);
}

static int
fault_fetch (sqlite3_file *file, sqlite3_int64 offset, int amount, void **out)
{
  return REAL (file)->pMethods->xFetch (REAL (file), offset, amount, out);
}

static int
fault_unfetch (sqlite3_file *file, sqlite3_int64 offset, void *page)
{
  return REAL (file)->pMethods->xUnfetch (REAL (file), offset, page);
}

static int
fault_current_time_int64 (sqlite3_vfs *vfs, sqlite3_int64 *now)
{
  gint64 frozen;

  (void) vfs;
  g_mutex_lock (&lock);
  frozen = frozen_unix_ms;
  g_mutex_unlock (&lock);
  if (frozen == 0)
    return real_vfs->xCurrentTimeInt64 (real_vfs, now);
  *now = UNIX_EPOCH_JULIAN_MS + frozen;
  return SQLITE_OK;
}

static int
fault_current_time (sqlite3_vfs *vfs, double *now)
{
  sqlite3_int64 ms = 0;
  int           rc = fault_current_time_int64 (vfs, &ms);

  *now = ms / 86400000.0;
  return rc;
}

/* Opens the real file behind the wrapper; the wrapper's methods only when that succeeded, so
 * SQLite never closes a file that was not opened. */
static int
fault_open (sqlite3_vfs *vfs, sqlite3_filename name, sqlite3_file *file, int flags, int *out_flags)
{
  FaultFile *wrapper = (FaultFile *) file;
  int        rc;

  (void) vfs;
  wrapper->real = (sqlite3_file *) &wrapper[1];
  memset (wrapper->real, 0, real_vfs->szOsFile);
  rc = real_vfs->xOpen (real_vfs, name, wrapper->real, flags, out_flags);
  if (rc != SQLITE_OK)
    {
      if (wrapper->real->pMethods)
        wrapper->real->pMethods->xClose (wrapper->real);
      wrapper->base.pMethods = NULL;
      return rc;
    }
  g_assert_cmpint (wrapper->real->pMethods->iVersion, >=, 3);
  wrapper->base.pMethods = &fault_methods;
  return SQLITE_OK;
}

static void
fill_methods (void)
{
  fault_methods = (sqlite3_io_methods){
    .iVersion = 3,
    .xClose = fault_close,
    .xRead = fault_read,
    .xWrite = fault_write,
    .xTruncate = fault_truncate,
    .xSync = fault_sync,
    .xFileSize = fault_file_size,
    .xLock = fault_lock,
    .xUnlock = fault_unlock,
    .xCheckReservedLock = fault_check_reserved,
    .xFileControl = fault_file_control,
    .xSectorSize = fault_sector_size,
    .xDeviceCharacteristics = fault_device_characteristics,
    .xShmMap = fault_shm_map,
    .xShmLock = fault_shm_lock,
    .xShmBarrier = fault_shm_barrier,
    .xShmUnmap = fault_shm_unmap,
    .xFetch = fault_fetch,
    .xUnfetch = fault_unfetch,
  };
}

void
pdx_test_vfs_install (void)
{
  static gsize done;

  if (!g_once_init_enter (&done))
    return;
  real_vfs = sqlite3_vfs_find ("unix");
  g_assert_nonnull (real_vfs);
  fill_methods ();
  /* Everything but the file size and the open is the real VFS's own. */
  fault_vfs = *real_vfs;
  fault_vfs.szOsFile = (int) sizeof (FaultFile) + real_vfs->szOsFile;
  fault_vfs.zName = "pdx-fault";
  fault_vfs.pNext = NULL;
  fault_vfs.xOpen = fault_open;
  fault_vfs.xCurrentTime = fault_current_time;
  fault_vfs.xCurrentTimeInt64 = fault_current_time_int64;
  g_assert_cmpint (sqlite3_vfs_register (&fault_vfs, 1), ==, SQLITE_OK);
  g_once_init_leave (&done, 1);
}

void
pdx_test_vfs_start (guint fail_at_call, PdxTestFault fault)
{
  g_mutex_lock (&lock);
  counting = TRUE;
  n_calls = 0;
  fail_at = fail_at_call;
  fault_kind = fault;
  fired = FALSE;
  g_mutex_unlock (&lock);
}

guint
pdx_test_vfs_stop (void)
{
  guint n;

  g_mutex_lock (&lock);
  counting = FALSE;
  fail_at = 0;
  n = n_calls;
  g_mutex_unlock (&lock);
  return n;
}

gboolean
pdx_test_vfs_fired (void)
{
  gboolean result;

  g_mutex_lock (&lock);
  result = fired;
  g_mutex_unlock (&lock);
  return result;
}

const char *
pdx_test_fault_name (PdxTestFault fault)
{
  static const char *const names[] = { "IOERR", "FULL", "FULL_STAYS" };

  g_return_val_if_fail (fault < PDX_TEST_N_FAULTS, NULL);
  return names[fault];
}

void
pdx_test_vfs_freeze_clock (gint64 unix_ms)
{
  g_mutex_lock (&lock);
  frozen_unix_ms = unix_ms;
  g_mutex_unlock (&lock);
}
