/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-audit.h — the audit trail's proofs (module model): the seal (the head of the hash chain,
 * to be kept outside the lab: on paper, in reports and exports) and the verification of the
 * chain against it. docs/audit-trail.md says what each proves and what it cannot. */
#pragma once

#include <glib.h>

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

G_END_DECLS
