/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-db.c — opening a lab: file checks, migration with a backup first, connection settings,
 * nested transactions, the statement cache, integrity check and online backup.
 *
 * Invariant: nothing in this process opens the lab file, its -wal or its -shm except SQLite.
 * On POSIX, closing any other descriptor of a file drops every fcntl lock the process holds on
 * it, SQLite's included, and another process may then delete the WAL under a live connection
 * (SQLite's "How To Corrupt An SQLite Database File" §2.2). The checks before SQLite opens a
 * file therefore use stat() and access() only; its header is judged by SQLite itself. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx-store-private.h"
#include "pdx-store-backend.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "pdx/pdx-output.h"

#define BUSY_TIMEOUT_MS 5000
/* The second sentence of every "damaged lab" refusal (translated). */
#define PDX_DB_DAMAGED_ADVICE                                                                      \
  _ ("Nothing was changed: run 'pdxtrack-cli --db FILE check' for the details, and "               \
     "restore the lab from a backup (made with 'pdxtrack-cli backup')")

struct _PdxDb
{
  sqlite3               *handle;
  char                  *path;
  char                  *operator_name;
  char                  *reason;
  guint                  depth;   /* transaction nesting: 0 none, 1 BEGIN, >1 savepoints */
  gboolean               bulk;    /* inserts audited by the caller's summary entry */
  const PdxStoreBackend *backend; /* the SQLite one */
  GHashTable            *stmts;   /* const char *sql (static) -> PdxStmt* (pdx-store.c) */
  gboolean    read_only;     /* opened read-only: every write is refused before SQLite sees it */
  const char *read_only_why; /* static English text (N_): why, for the refusal's message,
                                translated where shown */
  gboolean        checked;   /* passed quick_check: checked before this connection's first write */
  PdxDbCommitFunc commit_func; /* told of each commit (pdx_db_set_commit_func) */
  gpointer        commit_data;
  char           *lock_refusal; /* the last lock refusal in words (pdx_db_note_lock_refusal) */
};

char *
pdx_db_dup_default_path (void)
{
  const char *env = g_getenv ("PDXTRACK_DB");
  if (env && *env)
    return g_strdup (env);
  return g_build_filename (g_get_user_data_dir (), "pdxtrack", "lab.pdxlab", NULL);
}

static int
query_int (PdxDb *db, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int           value = -1;

  if (sqlite3_prepare_v2 (db->handle, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* SQLite's commit hook: returning 0 lets the commit go ahead. */
static int
commit_hook_cb (void *data)
{
  PdxDb *db = data;

  db->commit_func (db->commit_data);
  return 0;
}

void
pdx_db_set_commit_func (PdxDb *db, PdxDbCommitFunc func, gpointer user_data)
{
  g_return_if_fail (db != NULL);
  db->commit_func = func;
  db->commit_data = user_data;
  sqlite3_commit_hook (db->handle, func != NULL ? commit_hook_cb : NULL, db);
}

void
pdx_db_close (PdxDb *db)
{
  if (db == NULL)
    return;
  g_clear_pointer (&db->stmts, g_hash_table_unref);
  if (db->handle)
    sqlite3_close_v2 (db->handle);
  g_free (db->path);
  g_free (db->operator_name);
  g_free (db->reason);
  g_free (db->lock_refusal);
  g_free (db);
}

gboolean
pdx_db_is_lab_file (PdxDb *db, const char *path)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };
  GStatBuf                 target, part;

  g_return_val_if_fail (db != NULL && path != NULL, FALSE);
  if (g_stat (path, &target) != 0)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (db->path, suffixes[i], NULL);
      if (g_stat (name, &part) == 0 && part.st_dev == target.st_dev && part.st_ino == target.st_ino)
        return TRUE;
    }
  return FALSE;
}

gboolean
pdx_db_is_read_only (PdxDb *db)
{
  g_return_val_if_fail (db != NULL, TRUE);
  return db->read_only;
}

const char *
pdx_db_get_read_only_reason (PdxDb *db)
{
  g_return_val_if_fail (db != NULL, NULL);
  if (!db->read_only)
    return NULL;
  return db->read_only_why ? _ (db->read_only_why) : _ ("opened for reading");
}

/* Copies the WAL's committed pages into the lab file and empties the WAL (TRUNCATE), without
 * waiting: when another connection (this process's or another's) is reading or writing, SQLite
 * answers BUSY after copying what it could, and that connection's own close finishes the job,
 * so BUSY is not a failure. Any other answer (a full disk, an I/O error) is. */
gboolean
pdx_db_checkpoint (PdxDb *db, GError **error)
{
  int rc;

  g_return_val_if_fail (db != NULL, FALSE);
  if (db->read_only || g_str_equal (db->path, ":memory:"))
    return TRUE;
  sqlite3_busy_timeout (db->handle, 0);
  rc = sqlite3_wal_checkpoint_v2 (db->handle, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
  sqlite3_busy_timeout (db->handle, BUSY_TIMEOUT_MS);
  if (rc == SQLITE_OK || (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
    return TRUE;
  g_set_error (
      error, PDX_DB_ERROR, PDX_DB_ERROR_SQLITE,
      _ ("the changes are saved in %s-wal but could not be copied into %s (%s). Keep the "
         "-wal file beside the lab (it is part of it) and free some disk space; copy a lab "
         "only with 'pdxtrack-cli backup'"),
      db->path, db->path, sqlite3_errmsg (db->handle));
  return FALSE;
}

gboolean
pdx_db_close_checked (PdxDb *db, GError **error)
{
  gboolean ok;

  g_return_val_if_fail (db != NULL, FALSE);
  /* Cached statements first: a checkpoint cannot truncate under an unfinished reader. */
  g_hash_table_remove_all (db->stmts);
  ok = pdx_db_checkpoint (db, error);
  pdx_db_close (db);
  return ok;
}

/* Decides whether the opened file is a lab we may use: returns its schema version (0 for a new,
 * empty database) or -1 with @error set. Reads only: nothing is written before this passes. */
static int
identify (PdxDb *db, GError **error)
{
  int app_id = query_int (db, "PRAGMA application_id");
  int version = query_int (db, "PRAGMA user_version");
  int n_tables = query_int (db, "SELECT count(*) FROM sqlite_schema");

  if (app_id < 0 || version < 0 || n_tables < 0)
    {
      int code = sqlite3_errcode (db->handle);

      if (code == SQLITE_NOTADB)
        g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_NOT_A_LAB,
                     _ ("%s is not a pdxtrack lab (not an SQLite database); it was left untouched"),
                     db->path);
      else if (code == SQLITE_CORRUPT)
        g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_CORRUPT,
                     /* Translators: the lab's file, SQLite's message, then the advice. */
                     _ ("%s is damaged (%s). %s"), db->path, sqlite3_errmsg (db->handle),
                     PDX_DB_DAMAGED_ADVICE);
      else
        g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_NOT_A_LAB,
                     _ ("%s cannot be read as a pdxtrack lab: %s"), db->path,
                     sqlite3_errmsg (db->handle));
      return -1;
    }
  if (app_id == 0 && version == 0 && n_tables == 0)
    return 0;
  if (app_id != PDX_DB_APPLICATION_ID)
    {
      g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_NOT_A_LAB,
                   _ ("%s is an SQLite database but not a pdxtrack lab; it was left untouched"),
                   db->path);
      return -1;
    }
  if (version > PDX_DB_SCHEMA_VERSION)
    {
      g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_TOO_NEW,
                   _ ("%s was written by a newer pdxtrack (schema %d; this is pdxtrack %s with "
                      "schema %d); it was left untouched"),
                   db->path, version, PDX_VERSION, PDX_DB_SCHEMA_VERSION);
      return -1;
    }
  return version;
}

static gboolean
configure (PdxDb *db, gboolean readonly, GError **error)
{
  sqlite3_busy_timeout (db->handle, BUSY_TIMEOUT_MS);
  sqlite3_extended_result_codes (db->handle, 1);
  pdx_schema_register_functions (db);
  if (!pdx_db_exec (db, "PRAGMA foreign_keys = ON", error))
    return FALSE;
  if (readonly || g_str_equal (db->path, ":memory:"))
    return TRUE;
  /* WAL: readers never block the writer; FULL: a committed change survives a crash. A large
   * page cache keeps a big import's index pages in memory instead of spilling them. */
  return pdx_db_exec (db,
                      "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
                      "PRAGMA cache_size = -2000000; PRAGMA temp_store = MEMORY",
                      error);
}

/* The backup copy written before a migration: "FILE.v<N>.bak", never overwriting one. */
static gboolean
backup_before_migration (PdxDb *db, int version, GError **error)
{
  g_autofree char *dest = NULL;

  for (int n = 0; n < 100; n++)
    {
      g_free (dest);
      dest = n == 0 ? g_strdup_printf ("%s.v%d.bak", db->path, version)
                    : g_strdup_printf ("%s.v%d.%d.bak", db->path, version, n);
      if (!g_file_test (dest, G_FILE_TEST_EXISTS))
        return pdx_db_backup (db, dest, error);
    }
  g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_SQLITE, _ ("no free backup name beside %s"),
               db->path);
  return FALSE;
}

static gboolean
migrate (PdxDb *db, int from, int to, GError **error)
{
  gboolean ok;

  if (from >= to)
    return TRUE;
  if (from > 0 && !backup_before_migration (db, from, error))
    {
      g_prefix_error (error, _ ("before upgrading %s: "), db->path);
      return FALSE;
    }
  /* Foreign keys off for the whole upgrade (a step may rebuild a table as SQLite's documentation
   * prescribes; they switch only outside a transaction); the step checks the references it
   * touched. On again whatever happened. */
  if (!pdx_db_exec (db, "PRAGMA foreign_keys = OFF", error))
    return FALSE;
  ok = pdx_db_begin (db, error);
  if (ok && !pdx_schema_migrate (db, from, to, error))
    {
      pdx_db_rollback (db);
      ok = FALSE;
    }
  else if (ok)
    ok = pdx_db_commit (db, error);
  if (!pdx_db_exec (db, "PRAGMA foreign_keys = ON", ok ? error : NULL))
    ok = FALSE;
  return ok;
}

/* Process-wide SQLite settings, before SQLite initialises: no memory-usage statistics (they take
 * a mutex on every allocation, a measurable share of a large import). */
static void
configure_sqlite_once (void)
{
  static gsize done;

  if (g_once_init_enter (&done))
    {
      sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);
      g_once_init_leave (&done, 1);
    }
}

/* Refuses, by stat() alone, what must never reach SQLite: a path that does not exist (unless
 * @flags create), a FIFO, device, socket or directory (SQLite would block on a FIFO, or fail
 * obscurely), and an empty file (SQLite takes it for an empty database and would make a lab of
 * it; only an explicit create may). Symbolic links are followed: SQLite stays the only opener of
 * the file they name. Sets *@exists. */
static gboolean
check_file_kind (const char *path, PdxDbOpenFlags flags, gboolean *exists, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  GStatBuf         st;

  *exists = g_stat (path, &st) == 0;
  if (!*exists)
    {
      int saved = errno;
      if (saved != ENOENT)
        g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                     _ ("cannot open the lab %s: %s"), path, g_strerror (saved));
      else if (!(flags & PDX_DB_OPEN_CREATE) || (flags & PDX_DB_OPEN_READONLY))
        g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                     _ ("no lab at %s (create one with 'pdxtrack-cli --db %s init')"), path, path);
      else if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
        g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                     _ ("cannot create a lab at %s: the folder %s does not exist"), path, dir);
      else
        return TRUE;
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_NOT_A_LAB,
                   _ ("%s is %s, not a pdxtrack lab file; it was left untouched"), path,
                   S_ISDIR (st.st_mode)    ? C_ ("file kind", "a folder")
                   : S_ISFIFO (st.st_mode) ? C_ ("file kind", "a named pipe (FIFO)")
                   : S_ISSOCK (st.st_mode) ? C_ ("file kind", "a socket")
                                           : C_ ("file kind", "a device"));
      return FALSE;
    }
  if (st.st_size == 0 && !(flags & PDX_DB_OPEN_CREATE))
    {
      g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_NOT_A_LAB,
                   _ ("%s is an empty file, not a pdxtrack lab; it was left untouched "
                      "(make a new lab with 'pdxtrack-cli --db FILE init')"),
                   path);
      return FALSE;
    }
  return TRUE;
}

/* Why an existing lab can only be read: NULL when this process may write the file and create
 * the -wal and -shm beside it. Symbolic links are resolved first: SQLite puts the -wal beside
 * the file they name. access() only: nothing is opened. */
static const char *
why_read_only (const char *path)
{
  g_autofree char *real = realpath (path, NULL);
  g_autofree char *dir = g_path_get_dirname (real ? real : path);

  /* The folder first: open_handle() needs to know SQLite cannot create the -shm there. */
  if (g_access (dir, W_OK) != 0)
    return N_ ("its folder is not writable");
  if (g_access (real ? real : path, W_OK) != 0)
    return N_ ("the file is not writable");
  return NULL;
}

/* "file:PATH?immutable=1": how SQLite reads a WAL-mode lab in a folder where it cannot create
 * the -shm. Safe only when no -wal exists, so no writer can have changes the file lacks. */
static char *
immutable_uri (const char *path)
{
  g_autofree char *escaped = g_uri_escape_string (path, "/", FALSE);
  return g_strdup_printf ("file:%s?immutable=1", escaped);
}

/* Opens db->handle. A read-only lab whose folder does not let SQLite create the -shm is
 * opened immutable when no -wal is beside it (see sqlite.org/wal.html, "Read-Only
 * Databases"); with a -wal there it cannot be read safely and is refused. */
static gboolean
open_handle (PdxDb *db, int sqlite_flags, GError **error)
{
  const char      *target = db->path;
  g_autofree char *uri = NULL;
  g_autofree char *wal = g_strconcat (db->path, "-wal", NULL);

  if (db->read_only && db->read_only_why != NULL && strstr (db->read_only_why, "folder") != NULL &&
      !g_file_test (wal, G_FILE_TEST_EXISTS))
    {
      uri = immutable_uri (db->path);
      target = uri;
      sqlite_flags |= SQLITE_OPEN_URI;
    }
  if (sqlite3_open_v2 (target, &db->handle, sqlite_flags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_SQLITE, _ ("cannot open %s: %s"), db->path,
                   db->handle ? sqlite3_errmsg (db->handle) : _ ("out of memory"));
      return FALSE;
    }
  return TRUE;
}

/* Labs that passed quick_check in this process, by device, inode, size and modification time:
 * the check reads the whole file (measured: 2.5-5 s for a 163 MB lab of 10,000 mice), so each
 * lab pays it once per process, not on every connection the app's pages open. */
static GHashTable *checked_labs;
G_LOCK_DEFINE_STATIC (checked_labs);

static char *
lab_identity (const char *path)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return NULL;
  return g_strdup_printf ("%ju:%ju:%jd:%jd.%09ld", (uintmax_t) st.st_dev, (uintmax_t) st.st_ino,
                          (intmax_t) st.st_size, (intmax_t) st.st_mtim.tv_sec,
                          (long) st.st_mtim.tv_nsec);
}

/* Runs PRAGMA quick_check (B-tree structure, page use, NOT NULL and CHECK constraints; not the
 * index contents) once per lab per process, before the first write of a connection (and before
 * a migration). Reads are not gated: SQLite reports a damaged page it reads as SQLITE_CORRUPT,
 * which every reader passes on, and a damaged lab can still be read for rescue. A damaged lab is
 * refused with PDX_DB_ERROR_CORRUPT and a message pointing at check and backup; nothing was
 * written. */
static gboolean
quick_check (PdxDb *db, GError **error)
{
  g_autofree char *id = lab_identity (db->path);
  sqlite3_stmt    *stmt = NULL;
  g_autofree char *first = NULL;
  int              rc;

  G_LOCK (checked_labs);
  if (id && checked_labs && g_hash_table_contains (checked_labs, id))
    {
      G_UNLOCK (checked_labs);
      return TRUE;
    }
  G_UNLOCK (checked_labs);
  rc = sqlite3_prepare_v2 (db->handle, "PRAGMA quick_check(1)", -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    first = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_ROW && first == NULL)
    first = g_strdup (sqlite3_errmsg (db->handle));
  sqlite3_finalize (stmt);
  if (g_strcmp0 (first, "ok") != 0)
    {
      g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_CORRUPT,
                   /* Translators: the lab's file, SQLite's first finding, then the advice. */
                   _ ("%s is damaged (SQLite's quick check: %.80s). %s"), db->path,
                   first ? first : _ ("no answer"), PDX_DB_DAMAGED_ADVICE);
      return FALSE;
    }
  G_LOCK (checked_labs);
  if (checked_labs == NULL)
    checked_labs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (id)
    g_hash_table_add (checked_labs, g_steal_pointer (&id));
  G_UNLOCK (checked_labs);
  return TRUE;
}

gboolean
pdx_db_verify (const char *path, GError **error)
{
  g_autoptr (PdxDb) db = pdx_db_open (path, PDX_DB_OPEN_READONLY, error);

  return db != NULL && quick_check (db, error);
}

/* Refuses the schema versions this open cannot use: a newer lab always (identify), an older one
 * when read-only (it cannot be migrated), except for check, which reports it. */
static gboolean
check_version (PdxDb *db, PdxDbOpenFlags flags, int version, int target_version, GError **error)
{
  if (version == 0 && !(flags & PDX_DB_OPEN_CREATE) && !g_str_equal (db->path, ":memory:"))
    {
      g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_NOT_A_LAB,
                   _ ("%s is an empty database, not a pdxtrack lab; it was left untouched"),
                   db->path);
      return FALSE;
    }
  if (db->read_only && version < target_version && !(flags & PDX_DB_OPEN_CHECK))
    {
      g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_INVALID,
                   _ ("%s has an older schema (version %d) and needs upgrading before it can be "
                      "read; open it once for writing%s"),
                   db->path, version, db->read_only_why ? _ (" where it can be written") : "");
      return FALSE;
    }
  return TRUE;
}

static PdxDb *
open_internal (const char *path, PdxDbOpenFlags flags, int target_version, GError **error)
{
  g_autoptr (PdxDb) db = NULL;
  gboolean memory = g_str_equal (path, ":memory:");
  gboolean exists = TRUE;
  int      sqlite_flags, version;

  g_return_val_if_fail (path != NULL, NULL);
  configure_sqlite_once ();
  if (flags & PDX_DB_OPEN_CHECK)
    flags = (flags | PDX_DB_OPEN_READONLY) & ~PDX_DB_OPEN_CREATE;
  if (!memory && !check_file_kind (path, flags, &exists, error))
    return NULL;

  db = g_new0 (PdxDb, 1);
  db->path = g_strdup (path);
  db->backend = &pdx_store_sqlite_backend;
  /* Keyed by a copy of the SQL: a caller may build its SQL and free it after the statement ran. */
  db->stmts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                     (GDestroyNotify) pdx_store_stmt_finalize);
  db->read_only_why = memory || !exists ? NULL : why_read_only (path);
  db->read_only = (flags & PDX_DB_OPEN_READONLY) != 0 || db->read_only_why != NULL;
  sqlite_flags = db->read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
  if (!exists)
    sqlite_flags |= SQLITE_OPEN_CREATE;
  if (!open_handle (db, sqlite_flags, error))
    return NULL;
  sqlite3_busy_timeout (db->handle, BUSY_TIMEOUT_MS);
  version = identify (db, error);
  if (version < 0 || !check_version (db, flags, version, target_version, error))
    return NULL;
  /* A migration writes: the lab is checked first. Otherwise the check waits for the first
   * write (pdx_db_begin), so that reading a big lab does not pay for reading all of it. */
  if (version > 0 && version < target_version && !db->read_only && !(flags & PDX_DB_OPEN_CHECK) &&
      !memory && !quick_check (db, error))
    return NULL;
  db->checked = memory || version == 0 || version < target_version;
  if (!configure (db, db->read_only, error))
    return NULL;
  if (!db->read_only && !migrate (db, version, target_version, error))
    return NULL;
  return g_steal_pointer (&db);
}

PdxDb *
pdx_db_open (const char *path, PdxDbOpenFlags flags, GError **error)
{
  return open_internal (path, flags, PDX_DB_SCHEMA_VERSION, error);
}

PdxDb *
pdx_db_open_at_version (const char *path, int version, GError **error)
{
  return open_internal (path, PDX_DB_OPEN_CREATE, version, error);
}

sqlite3 *
pdx_db_get_handle (PdxDb *db)
{
  return db->handle;
}

const PdxStoreBackend *
pdx_db_get_backend (PdxDb *db)
{
  return db->backend;
}

GHashTable *
pdx_db_get_statement_cache (PdxDb *db)
{
  return db->stmts;
}

guint
pdx_db_get_depth (PdxDb *db)
{
  return db->depth;
}

const char *
pdx_db_get_path (PdxDb *db)
{
  return db->path;
}

void
pdx_db_release_cache (PdxDb *db)
{
  g_return_if_fail (db != NULL);
  sqlite3_db_release_memory (db->handle);
}

void
pdx_db_set_operator (PdxDb *db, const char *operator_name)
{
  g_free (db->operator_name);
  db->operator_name = operator_name && *operator_name ? g_strdup (operator_name) : NULL;
}

const char *
pdx_db_get_operator (PdxDb *db)
{
  return db->operator_name ? db->operator_name : g_get_user_name ();
}

const char *
pdx_db_get_operator_name (PdxDb *db)
{
  return db->operator_name;
}

const char *
pdx_db_get_login (PdxDb *db)
{
  return g_get_user_name ();
}

void
pdx_db_set_reason (PdxDb *db, const char *reason)
{
  g_free (db->reason);
  db->reason = reason && *reason ? g_strdup (reason) : NULL;
}

void
pdx_db_set_bulk (PdxDb *db, gboolean bulk)
{
  db->bulk = bulk;
}

gboolean
pdx_db_get_bulk (PdxDb *db)
{
  return db->bulk;
}

void
pdx_db_set_lock_refusal (PdxDb *db, char *text)
{
  g_free (db->lock_refusal);
  db->lock_refusal = text;
}

const char *
pdx_db_get_lock_refusal (PdxDb *db)
{
  return db->lock_refusal;
}

/* Used by the schema's SQL functions. */
const char *pdx_db_get_reason_internal (PdxDb *db);
const char *
pdx_db_get_reason_internal (PdxDb *db)
{
  return db->reason;
}

const char *
pdx_db_get_reason (PdxDb *db)
{
  g_return_val_if_fail (db != NULL, NULL);
  return db->reason;
}

gboolean
pdx_db_set_checks (PdxDb *db, gboolean on, GError **error)
{
  return pdx_db_exec (
      db, on ? "PRAGMA ignore_check_constraints = OFF" : "PRAGMA ignore_check_constraints = ON",
      error);
}

gboolean
pdx_db_begin (PdxDb *db, GError **error)
{
  if (db->depth == 0 && db->read_only)
    {
      g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_READ_ONLY,
                   _ ("%s is open read-only (%s); nothing was changed"), db->path,
                   db->read_only_why ? _ (db->read_only_why) : _ ("opened for reading"));
      return FALSE;
    }
  if (db->depth == 0 && !db->checked)
    {
      if (!quick_check (db, error))
        return FALSE;
      db->checked = TRUE;
    }
  if (!db->backend->begin (db, db->depth, error))
    return FALSE;
  db->depth++;
  return TRUE;
}

gboolean
pdx_db_commit (PdxDb *db, GError **error)
{
  g_return_val_if_fail (db->depth > 0, FALSE);
  if (!db->backend->commit (db, db->depth, error))
    {
      /* A failed COMMIT leaves the transaction open: undo it so the lab is as it was. */
      pdx_db_rollback (db);
      return FALSE;
    }
  db->depth--;
  return TRUE;
}

void
pdx_db_rollback (PdxDb *db)
{
  if (db->depth == 0)
    return;
  db->backend->rollback (db, db->depth);
  db->depth--;
}

gboolean
pdx_db_get_data_version (PdxDb *db, gint64 *version, GError **error)
{
  return pdx_db_query_int64 (db, "PRAGMA data_version", version,
                             "checking for changes by other programs", error);
}

/* Copies the lab into @target, a fresh connection on an empty file, then makes the copy a
 * rollback-journal database (one self-contained file). The target writes no journal file
 * (journal_mode OFF, then MEMORY): a kill leaves no "-journal" anywhere. */
static gboolean
backup_copy (PdxDb *db, sqlite3 *target, const char *dest, GError **error)
{
  sqlite3_backup *backup;
  int             rc = sqlite3_exec (target, "PRAGMA journal_mode=OFF", NULL, NULL, NULL);

  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (target, "main", db->handle, "main");
      rc = backup ? sqlite3_backup_step (backup, -1) : sqlite3_errcode (target);
      if (backup && sqlite3_backup_finish (backup) != SQLITE_OK && rc == SQLITE_DONE)
        rc = sqlite3_errcode (target);
      if (rc == SQLITE_DONE)
        rc = sqlite3_exec (target, "PRAGMA journal_mode=MEMORY", NULL, NULL, NULL);
    }
  if (rc == SQLITE_OK)
    return TRUE;
  g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_SQLITE, _ ("backup to %s failed: %s"), dest,
               sqlite3_errstr (rc));
  return FALSE;
}

/* SQLite's integrity_check of the copy. The backup copies pages as they are, so a lab with a
 * damaged B-tree gives a damaged copy: refused, pointing at `check`. */
static gboolean
backup_verify (PdxDb *db, sqlite3 *target, const char *dest, GError **error)
{
  sqlite3_stmt    *stmt = NULL;
  g_autofree char *problem = NULL;
  int              rc = sqlite3_prepare_v2 (target, "PRAGMA integrity_check(1)", -1, &stmt, NULL);

  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    problem = g_utf8_make_valid ((const char *) sqlite3_column_text (stmt, 0), -1);
  sqlite3_finalize (stmt);
  if (problem && g_str_equal (problem, "ok"))
    return TRUE;
  if (problem == NULL)
    problem = g_strdup (sqlite3_errstr (rc));
  if (g_utf8_strlen (problem, -1) > 80)
    {
      g_autofree char *whole = g_steal_pointer (&problem);
      *g_utf8_offset_to_pointer (whole, 79) = '\0';
      problem = g_strconcat (whole, "…", NULL);
    }
  g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_SQLITE,
               _ ("%s fails SQLite's integrity check (%s): no backup was written to %s. Run "
                  "'pdxtrack-cli check' and keep the lab file as it is"),
               db->path, problem, dest);
  return FALSE;
}

gboolean
pdx_db_backup (PdxDb *db, const char *dest, GError **error)
{
  g_autoptr (PdxOutput) output = NULL;
  sqlite3 *target = NULL;
  gboolean ok;

  if (g_file_test (dest, G_FILE_TEST_EXISTS) || g_file_test (dest, G_FILE_TEST_IS_SYMLINK))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_EXIST,
                   _ ("%s already exists; choose another name"), dest);
      return FALSE;
    }
  /* A temporary file beside @dest, renamed to @dest only once the copy passed its check. */
  output = pdx_output_begin (dest, PDX_OUTPUT_NO_REPLACE, error);
  if (output == NULL)
    return FALSE;
  if (sqlite3_open_v2 (pdx_output_get_temp_path (output), &target, SQLITE_OPEN_READWRITE, NULL) !=
      SQLITE_OK)
    {
      g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_SQLITE, _ ("cannot create %s: %s"), dest,
                   target ? sqlite3_errmsg (target) : _ ("out of memory"));
      sqlite3_close (target);
      return FALSE;
    }
  ok = backup_copy (db, target, dest, error) && backup_verify (db, target, dest, error);
  if (sqlite3_close (target) != SQLITE_OK && ok)
    {
      g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_SQLITE, _ ("backup to %s failed: %s"), dest,
                   sqlite3_errmsg (target));
      ok = FALSE;
    }
  return ok && pdx_output_commit (output, error);
}
