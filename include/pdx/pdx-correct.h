/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-correct.h — correcting saved records with a reason (issue 13, docs/corrections.md): a
 * mouse's identity and arm, its endpoint (recorded, corrected, cleared), and one measurement
 * excluded from (or included again in) every analysis.
 *
 * Every correction is one transaction that writes only the columns it changes, audited with
 * its reason, and refused (PDX_DB_ERROR_CONFLICT, nothing written) when another writer changed
 * one of those columns since the caller read the row: the caller passes the row as it read it
 * (@loaded) and the statement updates only where each changed column still holds that value.
 * A locked study refuses every correction (PDX_DB_ERROR_LOCKED naming the lock). A refusal
 * always says which mouse and what, in words; no engine message reaches a person. */
#pragma once

#include <glib.h>

#include "pdx-db.h"
#include "pdx-model.h"

G_BEGIN_DECLS

/* The correctable fields of a mouse, as a mask. */
typedef enum
{
  PDX_MOUSE_TAG = 1 << 0,
  PDX_MOUSE_ARM = 1 << 1,
  PDX_MOUSE_CAGE = 1 << 2,
  PDX_MOUSE_SEX = 1 << 3,
  PDX_MOUSE_STRAIN = 1 << 4,
  PDX_MOUSE_BIRTH_DATE = 1 << 5,
  PDX_MOUSE_IMPLANT_DATE = 1 << 6,
} PdxMouseFields;

/* The fields (PdxMouseFields) in which @edited differs from @loaded. */
guint pdx_mouse_diff (const PdxMouse *loaded, const PdxMouse *edited);
/* Whether changing @fields of @loaded needs a reason: a change of a recorded value (a tag, a
 * non-empty cage, an implant date …) or of the arm (also a mouse put into one by hand, outside
 * a randomisation); filling in another empty field does not. */
gboolean pdx_mouse_change_needs_reason (const PdxMouse *loaded, guint fields);

/* Writes the fields of @edited that differ from @loaded (the mouse @loaded->id as the caller
 * read it): the row as it would then be is validated first (tag unique in the study, the arm
 * one of the study's, the implant date not after any measurement or the endpoint, birth before
 * implant …), then only those columns are written, with @reason in the audit log. @reason
 * (trimmed) is required when a saved value changes (pdx_mouse_change_needs_reason). Nothing to
 * change: TRUE, nothing written. */
gboolean pdx_mouse_correct (
    PdxDb *db, const PdxMouse *loaded, const PdxMouse *edited, const char *reason, GError **error);

/* Records or corrects the endpoint of mouse @endpoint->mouse_id. @loaded is the mouse's
 * endpoint as the caller read it (NULL: it had none): with NULL a new endpoint is recorded
 * (no reason needed) and refused as a conflict when one was recorded meanwhile; else the
 * fields that differ from @loaded are written, which needs @reason. The endpoint's date must
 * not be before the implant or a measurement of the mouse. On success @endpoint->id is set. */
gboolean pdx_endpoint_set (PdxDb             *db,
                           const PdxEndpoint *loaded,
                           PdxEndpoint       *endpoint,
                           const char        *reason,
                           GError           **error);
/* Deletes the endpoint @loaded (recorded by mistake), with @reason (required), refused as a
 * conflict when it changed or was cleared since it was read. */
gboolean
pdx_endpoint_clear (PdxDb *db, const PdxEndpoint *loaded, const char *reason, GError **error);

/* ---- one measurement excluded from analysis ------------------------------------------------
 * An excluded measurement (an imaging failure, a mis-injected luciferin) stays in the lab and
 * in the measurements export (with its reason), but is left out of every metric, chart and
 * statistic (pdx-study-data.h); survival still counts the mouse as seen alive that day. */

/* Excludes (@excluded TRUE) or includes again the measurement @measurement_id, with @reason
 * (required: the exclusion's reason and the audit entry's). Only the two columns excluded and
 * exclusion_reason are written; refused as a conflict when it already is in that state (another
 * writer did it since the caller read it), and on a locked study. */
gboolean pdx_measurement_set_excluded (
    PdxDb *db, gint64 measurement_id, gboolean excluded, const char *reason, GError **error);
/* Whether measurement @measurement_id is excluded, and why (owned, NULL when it is not). */
gboolean pdx_measurement_get_exclusion (
    PdxDb *db, gint64 measurement_id, gboolean *excluded, char **reason, GError **error);
/* The excluded measurements of study @study_id on @date (every date when NULL): a new table
 * of measurement id (a gint64 key, g_int64_hash) to its reason (owned). NULL with @error. */
GHashTable *
pdx_study_list_excluded_measurements (PdxDb *db, gint64 study_id, const char *date, GError **error);

G_END_DECLS
