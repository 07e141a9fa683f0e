/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-changes.h — what commits touched since a cursor, read from the audit log. */
#pragma once

#include <glib.h>

#include "pdx-db.h"

G_BEGIN_DECLS

/* What the audit entries newer than a cursor concern. Every write to the lab leaves audit
 * entries (the schema's triggers; a bulk import's one entry per study), each naming its study
 * when it has one, so this covers the process's own commits, other programs' commits and, later,
 * a server's. */
typedef struct
{
  GArray *study_ids;        /* gint64, ascending, each once: studies whose rows changed (the
                               study itself, its arms, agents, mice, measurements, endpoints) */
  gboolean studies_changed; /* a study row was created, changed or deleted: the list of studies */
  gboolean lines_changed;   /* a line, tumour sample or patient row changed */
  gboolean unattributed;    /* an entry names neither a study nor a line: a reader should take
                               every study as changed */
} PdxChanges;

void pdx_changes_free (PdxChanges *changes);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdxChanges, pdx_changes_free)

/* Whether @changes holds nothing. */
gboolean pdx_changes_is_empty (const PdxChanges *changes);

/* The cursor of the lab as it is now (the newest audit entry's id, 0 for none): changes since it
 * are the commits still to come. FALSE with @error when the lab cannot be read. */
gboolean pdx_changes_get_cursor (PdxDb *db, gint64 *cursor, GError **error);

/* What was committed after *@cursor (an audit entry id, as from pdx_changes_get_cursor or an
 * earlier call), in one query over the audit log's primary key; *@cursor then moves to the
 * newest entry read, so the next call reports only later commits. An empty result (nothing
 * changed) is not an error. NULL with @error, *@cursor unchanged, when the lab cannot be read. */
PdxChanges *pdx_changes_since (PdxDb *db, gint64 *cursor, GError **error);

G_END_DECLS
