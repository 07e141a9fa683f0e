/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-audit-format.h — an audit-log entry in the lab's words: which record, what was done, what
 * changed, with units and names instead of internal ids. GTK-free, so the History page's worker
 * thread can format entries and the tests can check the wording directly. */
#pragma once

#include <glib.h>

#include "pdx/pdx.h"

G_BEGIN_DECLS

/* "A-40 · measurement 2026-03-22", "mouse A-40", "study ICR-017-A", "arm Vehicle", "line BCBM-017",
 * "measurements · import". Owned. */
char *pdx_audit_format_record (const PdxAuditEntry *entry);
/* "Added", "Changed", "Deleted", "Imported". Static. */
const char *pdx_audit_format_action (const PdxAuditEntry *entry);
/* What changed: "BLI 4.26×10⁶ photons/s, weight 19.4 g, neuro 0" for an insert or delete,
 * "weight 21.3 → 20.1 g; note — → circling" for an update, "Imported 1,000 measurements from
 * FILE" for a bulk import. Ids are never shown; a mouse's arm is named through @arm_names
 * (gint64 arm id → name, borrowed, may be NULL: then "another arm"). Falls back to the raw JSON
 * when the values are not a flat JSON object. Owned. */
char *pdx_audit_format_change (const PdxAuditEntry *entry, GHashTable *arm_names);

G_END_DECLS
