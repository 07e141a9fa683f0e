/* pdx-db.c — opening a lab: file checks, migration with a backup first, connection settings,
 * nested transactions, the statement cache, integrity check and online backup. */
#include "pdx-db-private.h"

#include <errno.h>
#include <string.h>
#include <glib/gstdio.h>

#include "pdx-config.h"
#include "pdx/pdx-output.h"

#define BUSY_TIMEOUT_MS 5000

struct _PdxDb
{
  sqlite3 *handle;
  char *path;
  char *operator_name;
  char *reason;
  guint depth;           /* transaction nesting: 0 none, 1 BEGIN, >1 savepoints */
  gboolean bulk;         /* inserts audited by the caller's summary entry */
  GHashTable *stmts;     /* const char *sql (static) -> sqlite3_stmt* */
};

char *
pdx_db_dup_default_path (void)
{
  const char *env = g_getenv ("PDXTRACK_DB");
  if (env && *env)
    return g_strdup (env);
  return g_build_filename (g_get_user_data_dir (), "pdxtrack", "lab.pdxlab", NULL);
}

gboolean
pdx_db_set_sqlite_error (PdxDb *db, GError **error, const char *what)
{
  int code = sqlite3_extended_errcode (db->handle);
  int primary = code & 0xff;
  PdxDbError kind = PDX_DB_ERROR_SQLITE;

  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
    kind = PDX_DB_ERROR_BUSY;
  g_set_error (error, PDX_DB_ERROR, kind, "%s: %s%s", what, sqlite3_errmsg (db->handle),
               kind == PDX_DB_ERROR_BUSY ? " (another program is writing to this lab; try again)"
                                         : "");
  return FALSE;
}

gboolean
pdx_db_step_error (PdxDb *db, GError **error, const char *what)
{
  int code = sqlite3_extended_errcode (db->handle);
  const char *msg = sqlite3_errmsg (db->handle);

  /* Constraint failures are the user's input meeting a rule: say which, in plain words. */
  if (code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY)
    g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_DUPLICATE, "%s: already exists (%s)", what, msg);
  else if (code == SQLITE_CONSTRAINT_FOREIGNKEY)
    g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_IN_USE,
                 "%s: refers to a row that does not exist, or is referred to by other rows", what);
  else if ((code & 0xff) == SQLITE_CONSTRAINT)
    g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_INVALID, "%s: %s", what, msg);
  else
    return pdx_db_set_sqlite_error (db, error, what);
  return FALSE;
}

static gboolean
has_sqlite_header (const char *path, GError **error)
{
  static const char magic[16] = "SQLite format 3";
  char head[16] = { 0 };
  FILE *file = g_fopen (path, "rb");
  size_t got;

  if (file == NULL)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "cannot open %s: %s",
                   path, g_strerror (saved));
      return FALSE;
    }
  got = fread (head, 1, sizeof head, file);
  fclose (file);
  if (got == 0)
    return TRUE; /* an empty file is an empty SQLite database */
  if (got < sizeof head || memcmp (head, magic, sizeof head) != 0)
    {
      g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_NOT_A_LAB,
                   "%s is not a pdxtrack lab (not an SQLite database); it was left untouched",
                   path);
      return FALSE;
    }
  return TRUE;
}

static int
query_int (PdxDb *db, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int value = -1;

  if (sqlite3_prepare_v2 (db->handle, sql, -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static void
stmt_finalize (gpointer data)
{
  sqlite3_finalize (data);
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
  g_free (db);
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
      g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_NOT_A_LAB,
                   "%s cannot be read as a pdxtrack lab: %s", db->path, sqlite3_errmsg (db->handle));
      return -1;
    }
  if (app_id == 0 && version == 0 && n_tables == 0)
    return 0;
  if (app_id != PDX_DB_APPLICATION_ID)
    {
      g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_NOT_A_LAB,
                   "%s is an SQLite database but not a pdxtrack lab; it was left untouched",
                   db->path);
      return -1;
    }
  if (version > PDX_DB_SCHEMA_VERSION)
    {
      g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_TOO_NEW,
                   "%s was written by a newer pdxtrack (schema %d; this is pdxtrack %s with "
                   "schema %d); it was left untouched",
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
  return pdx_db_exec (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
                          "PRAGMA cache_size = -2000000; PRAGMA temp_store = MEMORY", error);
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
  g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_SQLITE, "no free backup name beside %s",
               db->path);
  return FALSE;
}

static gboolean
migrate (PdxDb *db, int from, int to, GError **error)
{
  if (from >= to)
    return TRUE;
  if (from > 0 && !backup_before_migration (db, from, error))
    {
      g_prefix_error (error, "before upgrading %s: ", db->path);
      return FALSE;
    }
  if (!pdx_db_begin (db, error))
    return FALSE;
  if (!pdx_schema_migrate (db, from, to, error))
    {
      pdx_db_rollback (db);
      return FALSE;
    }
  return pdx_db_commit (db, error);
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

static PdxDb *
open_internal (const char *path, PdxDbOpenFlags flags, int target_version, GError **error)
{
  g_autoptr (PdxDb) db = NULL;
  gboolean memory = g_str_equal (path, ":memory:");
  gboolean readonly = (flags & PDX_DB_OPEN_READONLY) != 0;
  int sqlite_flags = readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
  int version;

  g_return_val_if_fail (path != NULL, NULL);
  configure_sqlite_once ();
  if (!memory && !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      if (!(flags & PDX_DB_OPEN_CREATE) || readonly)
        {
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                       "no lab at %s (create one with 'pdxtrack-cli --db %s init')", path, path);
          return NULL;
        }
      sqlite_flags |= SQLITE_OPEN_CREATE;
    }
  else if (!memory && !has_sqlite_header (path, error))
    return NULL;

  db = g_new0 (PdxDb, 1);
  db->path = g_strdup (path);
  db->stmts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, stmt_finalize);
  if (sqlite3_open_v2 (path, &db->handle, sqlite_flags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_SQLITE, "cannot open %s: %s", path,
                   db->handle ? sqlite3_errmsg (db->handle) : "out of memory");
      return NULL;
    }
  sqlite3_busy_timeout (db->handle, BUSY_TIMEOUT_MS);
  version = identify (db, error);
  if (version < 0)
    return NULL;
  if (version == 0 && !(flags & PDX_DB_OPEN_CREATE) && !memory)
    {
      g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_NOT_A_LAB,
                   "%s is an empty database, not a pdxtrack lab; it was left untouched", path);
      return NULL;
    }
  if (readonly && version < target_version)
    {
      g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_INVALID,
                   "%s needs upgrading before it can be read; open it once for writing", path);
      return NULL;
    }
  if (!configure (db, readonly, error) || !migrate (db, version, target_version, error))
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

const char *
pdx_db_get_path (PdxDb *db)
{
  return db->path;
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

/* Used by the schema's SQL functions. */
const char *pdx_db_get_reason_internal (PdxDb *db);
const char *
pdx_db_get_reason_internal (PdxDb *db)
{
  return db->reason;
}

sqlite3_stmt *
pdx_db_prepare (PdxDb *db, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (db->stmts, sql);

  if (stmt)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }
  if (sqlite3_prepare_v3 (db->handle, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      pdx_db_set_sqlite_error (db, error, "preparing a query");
      return NULL;
    }
  g_hash_table_insert (db->stmts, (gpointer) sql, stmt);
  return stmt;
}

gboolean
pdx_db_set_checks (PdxDb *db, gboolean on, GError **error)
{
  return pdx_db_exec (db,
                      on ? "PRAGMA ignore_check_constraints = OFF"
                         : "PRAGMA ignore_check_constraints = ON",
                      error);
}

gboolean
pdx_db_exec (PdxDb *db, const char *sql, GError **error)
{
  char *message = NULL;

  if (sqlite3_exec (db->handle, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      int code = sqlite3_extended_errcode (db->handle);
      g_set_error (error, PDX_DB_ERROR,
                   (code & 0xff) == SQLITE_BUSY ? PDX_DB_ERROR_BUSY : PDX_DB_ERROR_SQLITE,
                   "%s%s", message ? message : sqlite3_errstr (code),
                   (code & 0xff) == SQLITE_BUSY
                     ? " (another program is writing to this lab; try again)" : "");
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

gboolean
pdx_db_begin (PdxDb *db, GError **error)
{
  g_autofree char *sql = NULL;

  if (db->depth == 0)
    sql = g_strdup ("BEGIN IMMEDIATE");
  else
    sql = g_strdup_printf ("SAVEPOINT pdx_%u", db->depth);
  if (!pdx_db_exec (db, sql, error))
    return FALSE;
  db->depth++;
  return TRUE;
}

gboolean
pdx_db_commit (PdxDb *db, GError **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (db->depth > 0, FALSE);
  if (db->depth == 1)
    sql = g_strdup ("COMMIT");
  else
    sql = g_strdup_printf ("RELEASE pdx_%u", db->depth - 1);
  if (!pdx_db_exec (db, sql, error))
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
  g_autofree char *sql = NULL;

  if (db->depth == 0)
    return;
  if (db->depth == 1)
    sql = g_strdup ("ROLLBACK");
  else
    sql = g_strdup_printf ("ROLLBACK TO pdx_%u; RELEASE pdx_%u", db->depth - 1, db->depth - 1);
  sqlite3_exec (db->handle, sql, NULL, NULL, NULL);
  db->depth--;
}

/* Copies the lab into @target, a fresh connection on an empty file, then makes the copy a
 * rollback-journal database (one self-contained file). The target writes no journal file
 * (journal_mode OFF, then MEMORY): a kill leaves no "-journal" anywhere. */
static gboolean
backup_copy (PdxDb *db, sqlite3 *target, const char *dest, GError **error)
{
  sqlite3_backup *backup;
  int rc = sqlite3_exec (target, "PRAGMA journal_mode=OFF", NULL, NULL, NULL);

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
  g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_SQLITE, "backup to %s failed: %s", dest,
               sqlite3_errstr (rc));
  return FALSE;
}

/* SQLite's integrity_check of the copy. The backup copies pages as they are, so a lab with a
 * damaged B-tree gives a damaged copy: refused, pointing at `check`. */
static gboolean
backup_verify (PdxDb *db, sqlite3 *target, const char *dest, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree char *problem = NULL;
  int rc = sqlite3_prepare_v2 (target, "PRAGMA integrity_check(1)", -1, &stmt, NULL);

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
               "%s fails SQLite's integrity check (%s): no backup was written to %s. Run "
               "'pdxtrack-cli check' and keep the lab file as it is", db->path, problem, dest);
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
                   "%s already exists; choose another name", dest);
      return FALSE;
    }
  /* A temporary file beside @dest, renamed to @dest only once the copy passed its check. */
  output = pdx_output_begin (dest, PDX_OUTPUT_NO_REPLACE, error);
  if (output == NULL)
    return FALSE;
  if (sqlite3_open_v2 (pdx_output_get_temp_path (output), &target, SQLITE_OPEN_READWRITE, NULL)
      != SQLITE_OK)
    {
      g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_SQLITE, "cannot create %s: %s", dest,
                   target ? sqlite3_errmsg (target) : "out of memory");
      sqlite3_close (target);
      return FALSE;
    }
  ok = backup_copy (db, target, dest, error) && backup_verify (db, target, dest, error);
  if (sqlite3_close (target) != SQLITE_OK && ok)
    {
      g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_SQLITE, "backup to %s failed: %s", dest,
                   sqlite3_errmsg (target));
      ok = FALSE;
    }
  return ok && pdx_output_commit (output, error);
}
