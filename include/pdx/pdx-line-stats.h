/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-line-stats.h — a line's take rate and latency per passage (issue 16,
 * docs/model-programme.md, "Definitions"): computed from the grafts, vials and thaws the model
 * reads, writing nothing. */
#pragma once

#include <glib.h>

#include "pdx-db.h"
#include "pdx-lineage.h"

G_BEGIN_DECLS

/* The z of a two-sided 95 % interval, qnorm (0.975). */
#define PDX_WILSON_Z_95 1.959963985

/* The 95 % Wilson score interval of @successes out of @n (z = PDX_WILSON_Z_95):
 * (p̂ + z²/2n ± z·√(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n). NAN, NAN when @n is 0. */
void pdx_wilson_interval (guint successes, guint n, double *low, double *high);

typedef struct
{
  int    passage;
  guint  grafts;    /* every graft of the passage implanted by the day, pending ones included */
  guint  taken;     /* of them, taken by the day */
  guint  no_take;   /* given up by the day */
  guint  pending;   /* neither, by the day */
  guint  thaws;     /* of the grafts, thaws of a vial of the passage before without a graft row */
  double take_rate; /* taken / (taken + no_take); NAN when none resolved */
  double take_rate_lo, take_rate_hi; /* its 95 % Wilson interval */
  double latency_median_days; /* Kaplan–Meier median implant → detection over the graft rows,
                                 not taken censored; NAN when not reached */
  guint  latency_n;           /* graft rows in the Kaplan–Meier estimate */
  double harvest_median_days; /* median implant → harvest of the takes harvested; NAN none */
} PdxPassageStats;

typedef struct
{
  char            *as_of; /* the day the counts are as of, YYYY-MM-DD */
  guint            n_passages;
  PdxPassageStats *passages; /* ascending passage, each with at least one graft */
} PdxLineStats;

/* The statistics of one line's @grafts, @vials and @thaws (PdxGraft, PdxVial, PdxThaw, as the
 * model lists them) as of @as_of (NULL: today): a graft counts from its implant date, its take
 * from its detected date and its no-take from its harvest date, each on or before @as_of.
 * INVALID for a bad @as_of. */
PdxLineStats *pdx_line_stats_compute (
    GPtrArray *grafts, GPtrArray *vials, GPtrArray *thaws, const char *as_of, GError **error);
/* The same for line @line_id, read from @db. */
PdxLineStats *pdx_line_stats_load (PdxDb *db, gint64 line_id, const char *as_of, GError **error);
void          pdx_line_stats_free (PdxLineStats *stats);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdxLineStats, pdx_line_stats_free)

G_END_DECLS
