/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-error.h — the error domains of pdx-core, one per module. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Storage errors. Where SQLite reported the problem, the message carries its text and
 * PDX_DB_ERROR_SQLITE is the code (the SQLite result code is in the message). */
#define PDX_DB_ERROR (pdx_db_error_quark ())
typedef enum
{
  PDX_DB_ERROR_SQLITE,    /* SQLite failed; message has sqlite3_errmsg() */
  PDX_DB_ERROR_NOT_A_LAB, /* the file is not a pdxtrack lab database */
  PDX_DB_ERROR_TOO_NEW,   /* written by a newer pdxtrack */
  PDX_DB_ERROR_INVALID,   /* a value breaks a rule of SPEC §3 */
  PDX_DB_ERROR_NOT_FOUND, /* no such row */
  PDX_DB_ERROR_DUPLICATE, /* a unique code or tag is taken */
  PDX_DB_ERROR_IN_USE,    /* the row is referenced and cannot be deleted */
  PDX_DB_ERROR_BUSY,      /* another process holds the lab past the busy timeout */
  PDX_DB_ERROR_CONFLICT,  /* the row changed (another program wrote it) since it was read */
  PDX_DB_ERROR_READ_ONLY, /* the lab is open read-only (file or folder not writable) */
  PDX_DB_ERROR_CORRUPT,   /* the lab failed SQLite's quick check: refused for any use */
  PDX_DB_ERROR_LOCKED,    /* the study is locked by a signature (docs/signatures.md) */
} PdxDbError;
GQuark pdx_db_error_quark (void);

/* Import errors: the message always starts with "FILE:LINE:COLUMN: ". */
#define PDX_IMPORT_ERROR (pdx_import_error_quark ())
typedef enum
{
  PDX_IMPORT_ERROR_IO,
  PDX_IMPORT_ERROR_FORMAT,    /* not CSV, not UTF-8, binary, empty */
  PDX_IMPORT_ERROR_HEADER,    /* a required column is missing or a column is unknown */
  PDX_IMPORT_ERROR_VALUE,     /* a field holds a bad value */
  PDX_IMPORT_ERROR_REFERENCE, /* names a study or mouse that does not exist */
  PDX_IMPORT_ERROR_CONFLICT,  /* duplicates a row already there or earlier in the file */
  PDX_IMPORT_ERROR_UNUSUAL,   /* values outside their usual range, not confirmed (accept_unusual) */
  PDX_IMPORT_ERROR_NEEDS_REASON, /* would replace a saved value, and no reason was given */
  PDX_IMPORT_ERROR_UNMATCHED,    /* an instrument export names mice the study does not have */
} PdxImportError;
GQuark pdx_import_error_quark (void);

/* Analysis errors: not enough data for what was asked. */
#define PDX_ANALYSIS_ERROR (pdx_analysis_error_quark ())
typedef enum
{
  PDX_ANALYSIS_ERROR_NO_DATA,
  PDX_ANALYSIS_ERROR_NO_CONTROL,
  PDX_ANALYSIS_ERROR_INVALID,
} PdxAnalysisError;
GQuark pdx_analysis_error_quark (void);

/* Values quoted in messages are cut at this many characters. */
#define PDX_SHOWN_MAX_CHARS 80

/* @text as it may be echoed in a message or on a terminal: every control character (C0, DEL,
 * C1, so also the ESC of a terminal escape sequence) and every byte that is not UTF-8 shown
 * visibly (\n, \t, \x1B, \u{9B}); the text itself is never changed where it is stored.
 * NULL gives "". Returns a new string. */
char *pdx_text_escape_controls (const char *text);
/* The same, cut after PDX_SHOWN_MAX_CHARS characters with "… (N characters in all)": how every
 * message of pdx-core quotes a value the user gave. */
char *pdx_text_shown (const char *text);

G_END_DECLS
