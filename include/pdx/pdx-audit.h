/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-audit.h — the audit trail's proofs (module model): the seal (the head of the hash chain,
 * to be kept outside the lab: on paper, in reports and exports) and the verification of the
 * chain against it; electronic signatures and locked studies (docs/signatures.md).
 * docs/audit-trail.md says what each proves and what it cannot. */
#pragma once

#include <glib.h>

#include "pdx-auth.h"
#include "pdx-db.h"

G_BEGIN_DECLS

/* The head of the audit chain: the newest entry's id and hash (64 lowercase hex digits). An
 * empty log's seal is seq 0 and hash "". */
typedef struct
{
  gint64 seq;
  char   hash[65];
} PdxAuditSeal;

/* The seal of @db's audit log now. FALSE with @error when the log cannot be read, or with
 * PDX_DB_ERROR_INVALID when the newest entry has no hash (the chain is broken: run check). */
gboolean pdx_audit_get_seal (PdxDb *db, PdxAuditSeal *seal, GError **error);
/* "N:HASH" ("0:" for an empty log): the form pdx_audit_seal_parse reads. Owned. */
char *pdx_audit_seal_to_string (const PdxAuditSeal *seal);
/* Reads a seal written "N:HASH" or "N HASH" (as `audit seal` prints it; surrounding spaces and
 * a thousands separator in N ignored, hex digits in either case): N a whole number, HASH 64 hex
 * digits (nothing when N is 0). FALSE with G_OPTION_ERROR_BAD_VALUE saying what is wrong. */
gboolean pdx_audit_seal_parse (const char *text, PdxAuditSeal *seal, GError **error);
/* Recomputes the whole chain and, when @seal is given, checks that its entry is still in the
 * log with the hash the seal recorded (a seal taken earlier catches history rewritten even when
 * the whole chain was recomputed after). TRUE when everything verifies. Else FALSE with
 * PDX_DB_ERROR_INVALID, a message naming the first entry that does not verify and why, and that
 * entry's id in *@first_bad (may be NULL; 0 when the log could not be read, another error then). */
gboolean pdx_audit_verify (PdxDb *db, const PdxAuditSeal *seal, gint64 *first_bad, GError **error);

/* ---- electronic signatures and locked studies (docs/signatures.md) ---------------------- */

typedef enum
{
  PDX_SIGNATURE_REVIEW,
  PDX_SIGNATURE_APPROVE,
  PDX_SIGNATURE_LOCK,   /* locks the study: its rows refuse every write until unlocked */
  PDX_SIGNATURE_UNLOCK, /* ends the lock; made by pdx_study_unlock () only */
} PdxSignatureMeaning;

/* "review", "approve", "lock", "unlock" (as stored). */
const char *pdx_signature_meaning_to_string (PdxSignatureMeaning meaning);
gboolean    pdx_signature_meaning_from_string (const char *text, PdxSignatureMeaning *out);
/* The meaning in the person's language ("Review", "Approve", "Lock", "Unlock"). */
const char *pdx_signature_meaning_get_label (PdxSignatureMeaning meaning);

/* One row of the signature table: never changed or deleted once written (the schema refuses). */
typedef struct
{
  gint64              id;
  gint64              study_id;
  PdxSignatureMeaning meaning;
  char               *login;     /* the operating-system login that signed */
  char               *name;      /* the display name beside it, NULL when none */
  char               *time;      /* UTC, "YYYY-MM-DDTHH:MM:SS.sssZ" */
  gint64              seal_seq;  /* the audit seal at signing (pdx_audit_get_seal) */
  char               *seal_hash; /* its 64 hex digits, "" for an empty log */
  char               *reason;    /* why, never empty */
  gboolean            reauthenticated;
  char               *method; /* PdxAuthResult's method */
} PdxSignature;

void pdx_signature_free (PdxSignature *signature);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdxSignature, pdx_signature_free)

/* The signature's time in the person's time zone ("2026-12-03 15:02 CET"). Owned. */
char *pdx_signature_format_time (const PdxSignature *signature);

/* Signs study @study_id with @meaning (review, approve or lock) and @reason (required), as the
 * connection's login and display name, authenticated as @auth says (pdx-auth.h): one
 * transaction takes the audit seal, writes the signature row (audited, so in the chain) and,
 * for lock, points the study's lock_signature_id at it. A study already locked refuses a
 * second lock with PDX_DB_ERROR_LOCKED; review and approve may sign a locked study. The new
 * signature's id in *@signature_id (may be NULL). On error nothing is written. */
gboolean pdx_study_sign (PdxDb               *db,
                         gint64               study_id,
                         PdxSignatureMeaning  meaning,
                         const char          *reason,
                         const PdxAuthResult *auth,
                         gint64              *signature_id,
                         GError             **error);
/* Unlocks study @study_id: a signature of meaning unlock with @reason (required; without one,
 * PDX_DB_ERROR_INVALID) and the study's lock cleared, in one transaction. A study that is not
 * locked is refused (PDX_DB_ERROR_INVALID). */
gboolean pdx_study_unlock (PdxDb               *db,
                           gint64               study_id,
                           const char          *reason,
                           const PdxAuthResult *auth,
                           gint64              *signature_id,
                           GError             **error);
/* The signatures of @study_id, oldest first (PdxSignature *, owned by the array). */
GPtrArray *pdx_study_list_signatures (PdxDb *db, gint64 study_id, GError **error);
/* Signature @id; NULL with PDX_DB_ERROR_NOT_FOUND when there is none. */
PdxSignature *pdx_signature_get (PdxDb *db, gint64 id, GError **error);
/* The lock signature of @study_id, or NULL (and no error) when the study is not locked; NULL
 * with @error when it cannot be read. */
PdxSignature *pdx_study_get_lock (PdxDb *db, gint64 study_id, GError **error);
/* The lock of @study_id in words ("Study ICR-031-D is locked: signed "lock" by jdoe (Jane Doe)
 * on … — "final data".") in *@description (owned), NULL when not locked. FALSE with @error
 * when it cannot be read. */
gboolean pdx_study_describe_lock (PdxDb *db, gint64 study_id, char **description, GError **error);
/* TRUE when @study_id is not locked; else FALSE with PDX_DB_ERROR_LOCKED naming the lock
 * ("Study ICR-031-D is locked: signed "lock" by jdoe (Jane Doe) on … — "final data". Nothing
 * was changed."). For writers that check before they write (the bulk importer). */
gboolean pdx_study_check_unlocked (PdxDb *db, gint64 study_id, GError **error);

G_END_DECLS
