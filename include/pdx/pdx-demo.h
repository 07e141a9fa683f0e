/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-demo.h — the demo lab: a deterministic, believable orthotopic HER2+ BCBM lab. */
#pragma once

#include <glib.h>

#include "pdx-db.h"

G_BEGIN_DECLS

typedef struct
{
  guint32 seed;       /* same seed, same lab */
  guint   extra_mice; /* 0: the ordinary demo; N: add a large study set of N mice for benchmarks */
} PdxDemoOptions;

/* Fills the empty lab @db with the demo lab in one transaction. Refuses a lab that already holds
 * studies. */
gboolean pdx_demo_generate (PdxDb *db, const PdxDemoOptions *options, GError **error);

G_END_DECLS
