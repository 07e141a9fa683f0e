/* pdx-db.h — a lab database: open, create, migrate, check, back up, and the audit context. */
#pragma once

#include <glib.h>
#include <sqlite3.h>

#include "pdx-error.h"

G_BEGIN_DECLS

/* The schema version this build writes (PRAGMA user_version). */
#define PDX_DB_SCHEMA_VERSION 2
/* The application_id stamped into every lab file ("PDXT"). */
#define PDX_DB_APPLICATION_ID 0x50445854

typedef struct _PdxDb PdxDb;

typedef enum
{
  PDX_DB_OPEN_EXISTING = 0,      /* fail when the file does not exist */
  PDX_DB_OPEN_CREATE = 1 << 0,   /* create a new lab when the file does not exist */
  PDX_DB_OPEN_READONLY = 1 << 1, /* never write (no migration either) */
} PdxDbOpenFlags;

/* Opens the lab at @path (":memory:" for a throwaway lab). A file that is not a pdxtrack lab,
 * or one written by a newer version, is refused and left untouched. An older lab is migrated
 * forward after a backup is written beside it ("FILE.v<N>.bak"). WAL, foreign keys and a busy
 * timeout are on. Returns NULL and sets @error on failure. */
PdxDb *pdx_db_open (const char *path, PdxDbOpenFlags flags, GError **error);
void pdx_db_close (PdxDb *db);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdxDb, pdx_db_close)

/* The SQLite handle, borrowed. For modules of pdx-core only. */
sqlite3 *pdx_db_get_handle (PdxDb *db);
const char *pdx_db_get_path (PdxDb *db);

/* Who is making changes: written into every audit entry until changed. NULL means the
 * login name. */
void pdx_db_set_operator (PdxDb *db, const char *operator_name);
const char *pdx_db_get_operator (PdxDb *db);
/* The reason recorded with the audit entries of the next changes; NULL clears it. */
void pdx_db_set_reason (PdxDb *db, const char *reason);

/* Transactions. The outermost begin starts a write transaction (BEGIN IMMEDIATE, waiting up to
 * the busy timeout for another process); inner begins are savepoints. commit releases the
 * innermost level (the outermost commits to disk); rollback undoes only the innermost level.
 * Every domain-API change runs inside its own level, so a refused change inside a caller's
 * transaction leaves the caller's earlier changes in place for it to commit or roll back. */
gboolean pdx_db_begin (PdxDb *db, GError **error);
gboolean pdx_db_commit (PdxDb *db, GError **error);
void pdx_db_rollback (PdxDb *db);

/* Integrity check: SQLite's integrity_check and foreign_key_check, the schema version, and the
 * rules SPEC §3 states that the schema cannot (measurements inside implant..endpoint, audit log
 * ordered). Each problem is one line appended to @problems (may be NULL). Returns FALSE and sets
 * @error when any problem was found. */
gboolean pdx_db_check (PdxDb *db, GPtrArray *problems, GError **error);

/* Writes a consistent copy of the lab to @dest (SQLite online backup), refusing to overwrite an
 * existing file. */
gboolean pdx_db_backup (PdxDb *db, const char *dest, GError **error);

/* Sets @error from the connection's last SQLite error, prefixed with @what. Always returns FALSE. */
gboolean pdx_db_set_sqlite_error (PdxDb *db, GError **error, const char *what);

/* The default lab path: $PDXTRACK_DB, else $XDG_DATA_HOME/pdxtrack/lab.pdxlab. Owned copy. */
char *pdx_db_dup_default_path (void);

G_END_DECLS
