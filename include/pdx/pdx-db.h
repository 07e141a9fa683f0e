/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-db.h — a lab database: open, create, migrate, check, back up, and the audit context. */
#pragma once

#include <glib.h>

#include "pdx-error.h"

G_BEGIN_DECLS

/* The schema version this build writes (PRAGMA user_version). */
#define PDX_DB_SCHEMA_VERSION 8
/* The application_id stamped into every lab file ("PDXT"). */
#define PDX_DB_APPLICATION_ID 0x50445854

typedef struct _PdxDb PdxDb;

typedef enum
{
  PDX_DB_OPEN_EXISTING = 0,      /* fail when the file does not exist */
  PDX_DB_OPEN_CREATE = 1 << 0,   /* create a new lab when the file does not exist */
  PDX_DB_OPEN_READONLY = 1 << 1, /* never write (no migration either) */
  PDX_DB_OPEN_CHECK = 1 << 2,    /* for check only: read-only, no quick check, an older schema
                                  * is opened as it is (to be reported), never migrated */
} PdxDbOpenFlags;

/* Opens the lab at @path (":memory:" for a throwaway lab). Only SQLite opens the file; before
 * it does, stat() refuses a missing path (unless PDX_DB_OPEN_CREATE), anything but a regular
 * file (FIFO, device, socket, folder) and an empty file (unless PDX_DB_OPEN_CREATE). A file that
 * is not a pdxtrack lab, or one written by a newer version, is refused and left untouched. A
 * lab whose file or folder this process cannot write is opened read-only (see
 * pdx_db_is_read_only()). Before a connection's first write (and before a migration) the lab
 * must pass SQLite's quick check, once per lab per process: a damaged lab is refused for writing
 * with PDX_DB_ERROR_CORRUPT, and a read that meets a damaged page fails with that code, both
 * pointing at check and backup. An older lab is migrated forward after a
 * backup is written beside it ("FILE.v<N>.bak"). WAL, foreign keys and a busy timeout are on.
 * Returns NULL and sets @error on failure. */
PdxDb *pdx_db_open (const char *path, PdxDbOpenFlags flags, GError **error);
/* Called each time a transaction of this connection is about to commit (SQLite's commit hook),
 * on the committing thread. It must not use the connection (SQLite forbids it there) and must
 * not assume the commit succeeds: it may only note that a commit happened, so that the owner
 * asks afterwards what changed (pdx_changes_since in pdx-changes.h). */
typedef void (*PdxDbCommitFunc) (gpointer user_data);
/* Sets (or with NULL removes) the one commit function of @db's connection. */
void pdx_db_set_commit_func (PdxDb *db, PdxDbCommitFunc func, gpointer user_data);

/* Closes without reporting: SQLite checkpoints silently on the last close. Writers should end
 * with pdx_db_close_checked(). */
void pdx_db_close (PdxDb *db);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdxDb, pdx_db_close)
/* Checkpoints the WAL into the lab file (TRUNCATE, never waiting for other connections, whose
 * own close does it) and reports a failure (a full disk): the committed changes are then only
 * in FILE-wal, and the message says so. TRUE for a read-only or in-memory lab. */
gboolean pdx_db_checkpoint (PdxDb *db, GError **error);
/* pdx_db_checkpoint() then pdx_db_close(): @db is closed whatever the result. */
gboolean pdx_db_close_checked (PdxDb *db, GError **error);

/* Whether @path names (through any link) the lab file of @db, its -wal, -shm or -journal:
 * an import must not read it, nor an export write it (a second descriptor of the lab, once
 * closed, drops SQLite's locks; a write would destroy the lab). stat() only, never opens. */
gboolean pdx_db_is_lab_file (PdxDb *db, const char *path);

/* Runs the quick check of @path on a read-only connection of its own (for a thread: the app
 * checks a lab it has just opened in the background, so that its first save does not wait for
 * a check that reads the whole file). Records the result as the first write would. FALSE with
 * PDX_DB_ERROR_CORRUPT when the lab is damaged. */
gboolean pdx_db_verify (const char *path, GError **error);

/* Whether the lab was opened read-only (asked for, or its file or folder is not writable):
 * every write transaction is then refused with PDX_DB_ERROR_READ_ONLY. */
gboolean pdx_db_is_read_only (PdxDb *db);
/* Why, for a banner ("the file is not writable"…); NULL when writable. Static string. */
const char *pdx_db_get_read_only_reason (PdxDb *db);

const char *pdx_db_get_path (PdxDb *db);

/* Gives back the memory of the pages the connection has cached but does not need now (outside
 * a transaction: all of them). The page cache is large so that a big import's index pages stay
 * in memory; a reader that walks the whole lab calls this between studies, so that its memory
 * follows the largest study and not the lab. Later reads fetch the pages again. */
void pdx_db_release_cache (PdxDb *db);

/* Who is making changes. Every audit entry records the operating-system login
 * (pdx_db_get_login (), column operator) and, beside it, never instead of it, the display name
 * set here (Preferences, $PDXTRACK_OPERATOR; column operator_name): NULL or "" clears it. */
void pdx_db_set_operator (PdxDb *db, const char *operator_name);
/* The display name, else the login: for the operator column of a measurement row. */
const char *pdx_db_get_operator (PdxDb *db);
/* The display name set with pdx_db_set_operator (), NULL when none. */
const char *pdx_db_get_operator_name (PdxDb *db);
/* The login the audit entries record: the operating-system user (g_get_user_name ()). */
const char *pdx_db_get_login (PdxDb *db);
/* The reason recorded with the audit entries of the next changes; NULL clears it. */
void pdx_db_set_reason (PdxDb *db, const char *reason);
/* The reason set by pdx_db_set_reason (borrowed), or NULL when none is set. */
const char *pdx_db_get_reason (PdxDb *db);

/* Transactions. The outermost begin starts a write transaction (BEGIN IMMEDIATE, waiting up to
 * the busy timeout for another process); inner begins are savepoints. commit releases the
 * innermost level (the outermost commits to disk); rollback undoes only the innermost level.
 * Every domain-API change runs inside its own level, so a refused change inside a caller's
 * transaction leaves the caller's earlier changes in place for it to commit or roll back. */
gboolean pdx_db_begin (PdxDb *db, GError **error);
gboolean pdx_db_commit (PdxDb *db, GError **error);
void     pdx_db_rollback (PdxDb *db);

/* A number that changes when another connection (another program, or another connection of
 * this one) commits to the lab, and not for this connection's own commits (SQLite's PRAGMA
 * data_version): for noticing outside changes. FALSE with @error when the lab cannot be read. */
gboolean pdx_db_get_data_version (PdxDb *db, gint64 *version, GError **error);

/* Integrity check: SQLite's integrity_check and foreign_key_check, the schema version, and the
 * rules SPEC §3 states that the schema cannot (measurements inside implant..endpoint, audit log
 * ordered). Each problem is one line appended to @problems (may be NULL). Returns FALSE and sets
 * @error when any problem was found. */
gboolean pdx_db_check (PdxDb *db, GPtrArray *problems, GError **error);

/* Writes a consistent copy of the lab to @dest (SQLite online backup), refusing to overwrite an
 * existing file. */
gboolean pdx_db_backup (PdxDb *db, const char *dest, GError **error);

/* The default lab path: $PDXTRACK_DB, else $XDG_DATA_HOME/pdxtrack/lab.pdxlab. Owned copy. */
char *pdx_db_dup_default_path (void);

G_END_DECLS
