/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-wording.h — the lab's records in people's words (module wording): an audit-log entry
 * (which record, what was done, what changed, with units and names instead of internal ids), a
 * readout's value, an arm's treatment. Numbers and dates in the people style of pdx-format.h.
 * The History page, its worker thread and `pdxtrack-cli history` print the same sentences. */
#pragma once

#include <glib.h>

#include "pdx-audit.h"
#include "pdx-model.h"
#include "pdx-study-data.h"

G_BEGIN_DECLS

/* "A-40 · measurement 2026-03-22", "mouse A-40", "study ICR-017-A", "arm Vehicle", "line BCBM-017",
 * "measurements · import". Needs @entry's fields (pdx_audit_entry_read_fields) for the name or
 * date of a record; without them the name is left out. Owned. */
char *pdx_audit_format_record (const PdxAuditEntry *entry);
/* "Added", "Changed", "Deleted", "Imported". Static. */
const char *pdx_audit_format_action (const PdxAuditEntry *entry);
/* What changed: "BLI 4.26×10⁶ photons/s, weight 19.4 g, neuro 0" for an insert or delete,
 * "weight 21.3 → 20.1 g; note — → circling" for an update, "Imported 1,000 measurements from
 * FILE" for a bulk import. Ids are never shown; a mouse's arm is named through @arm_names
 * (gint64 arm id → name, borrowed, may be NULL: then "another arm"). The raw JSON ("OLD → NEW")
 * when @entry has no fields (its values are not flat JSON objects). Owned. */
char *pdx_audit_format_change (const PdxAuditEntry *entry, GHashTable *arm_names);
/* Who wrote @entry: "jdoe (Jane Doe)" (the login, the display name recorded beside it), "jdoe"
 * when no name was recorded or it is the login itself, "Jane Doe" for an entry of before the
 * chain (whose login nobody knows), "" for neither. Owned. */
char *pdx_audit_format_operator (const PdxAuditEntry *entry);
/* One signature of a study as a line of the History page: "Signature 3 · Lock by jdoe (Jane
 * Doe), 2026-12-03 15:02 CET: “final data”", ", not re-authenticated" after it when it was not.
 * Owned. */
char *pdx_signature_describe (const PdxSignature *signature);
/* Whether @field is one of @entry's changes, as the audit exports list them: on an update a value
 * that differs; on an insert or import a value set, on a delete a value there before (NULL and
 * absent are not values). */
gboolean pdx_audit_field_is_change (const PdxAuditEntry *entry, const PdxAuditField *field);
/* @entry's time (ISO 8601 UTC with milliseconds, as stored) to the minute: "2026-03-22 14:05".
 * Owned. */
char *pdx_audit_format_time (const PdxAuditEntry *entry);

/* A readout value at a sensible precision: flux as 1.20e+08, volumes with 1 decimal; "—" when
 * NAN. Owned. */
char *pdx_format_readout (PdxReadout readout, double value);
/* "T-DM1 3.6 mg/kg i.v. q3w, days 0–21" for each agent, joined with " + "; "no treatment" for a
 * control arm without agents, else "—". Owned. */
char *pdx_format_agents (const PdxStudyArm *arm);

G_END_DECLS
