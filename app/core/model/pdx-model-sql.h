/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-model-sql.h — the model's SQL interface for the importer (declared in app/core/MODULES). */
#pragma once

#include "pdx/pdx-model.h"

G_BEGIN_DECLS

/* The INSERT statement the model writes a row of @table with (every stored field, in the order
 * of the entity's descriptor): for a bulk importer that binds the same fields itself. */
const char *pdx_entity_get_insert_sql (PdxTable table);

G_END_DECLS
