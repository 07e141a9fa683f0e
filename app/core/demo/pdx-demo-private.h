/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-demo-private.h — the demo's parts (demo/ only). */
#pragma once

#include "pdx/pdx-db.h"

G_BEGIN_DECLS

/* The demo lines' grafts from P0 to the passage their studies use, a few that failed, vials
 * banked and one thaw (pdx-demo-lineage.c), inside the demo's transaction. Deterministic for
 * @seed; draws from a generator of its own, so the rest of the demo is as it was. */
gboolean pdx_demo_add_lineage (PdxDb *db, guint32 seed, GError **error);

G_END_DECLS
