/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-analysis-lineage.c — a line's take rate (95 % Wilson score interval), latency (Kaplan–Meier
 * median of implant → detection, the grafts not taken censored) and time to harvest, per passage,
 * as of a day (docs/model-programme.md, "Definitions"). Reads through the model; writes nothing. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx-analysis-private.h"
#include "pdx/pdx-date.h"
#include "pdx/pdx-line-stats.h"

#include <math.h>
#include <string.h>

void
pdx_wilson_interval (guint successes, guint n, double *low, double *high)
{
  const double z = PDX_WILSON_Z_95;
  double       p, z2n, centre, half;

  if (n == 0 || successes > n)
    {
      *low = *high = NAN;
      return;
    }
  p = (double) successes / n;
  z2n = z * z / n;
  centre = (p + z2n / 2) / (1 + z2n);
  half = z / (1 + z2n) * sqrt (p * (1 - p) / n + z * z / (4.0 * n * n));
  /* At 0 and n the bound is exactly 0 or 1 (rounding would leave ±1e-17). */
  *low = successes == 0 ? 0 : centre - half;
  *high = successes == n ? 1 : centre + half;
}

/* What one passage collects before it is summarised. */
typedef struct
{
  int     passage;
  guint   grafts, taken, no_take, pending, thaws;
  GArray *time;    /* double: days, graft rows only */
  GArray *event;   /* gboolean */
  GArray *harvest; /* double: days, takes harvested */
} Acc;

static Acc *
acc_for (GPtrArray *accs, int passage)
{
  Acc *a;

  for (guint i = 0; i < accs->len; i++)
    if (((Acc *) g_ptr_array_index (accs, i))->passage == passage)
      return g_ptr_array_index (accs, i);
  a = g_new0 (Acc, 1);
  a->passage = passage;
  a->time = g_array_new (FALSE, FALSE, sizeof (double));
  a->event = g_array_new (FALSE, FALSE, sizeof (gboolean));
  a->harvest = g_array_new (FALSE, FALSE, sizeof (double));
  g_ptr_array_add (accs, a);
  return a;
}

static void
acc_free (gpointer data)
{
  Acc *a = data;

  g_array_unref (a->time);
  g_array_unref (a->event);
  g_array_unref (a->harvest);
  g_free (a);
}

static int
acc_compare (gconstpointer a, gconstpointer b)
{
  const Acc *x = *(Acc *const *) a, *y = *(Acc *const *) b;

  return (x->passage > y->passage) - (x->passage < y->passage);
}

static gboolean
on_or_before (const char *date, const char *as_of)
{
  return date != NULL && strcmp (date, as_of) <= 0;
}

/* One graft row into its passage as of @as_of (implanted on or before it). */
static void
add_graft (GPtrArray *accs, const PdxGraft *g, const char *as_of)
{
  Acc     *a;
  double   t;
  gboolean event = FALSE;

  if (!on_or_before (g->implant_date, as_of))
    return;
  a = acc_for (accs, g->passage);
  a->grafts++;
  if (g_strcmp0 (g->outcome, "take") == 0 && on_or_before (g->detected_date, as_of))
    {
      a->taken++;
      event = TRUE;
      t = pdx_date_diff_days (g->implant_date, g->detected_date);
      if (on_or_before (g->harvest_date, as_of))
        {
          double h = pdx_date_diff_days (g->implant_date, g->harvest_date);
          g_array_append_val (a->harvest, h);
        }
    }
  else if (g_strcmp0 (g->outcome, "no_take") == 0 && on_or_before (g->harvest_date, as_of))
    {
      a->no_take++;
      t = pdx_date_diff_days (g->implant_date, g->harvest_date);
    }
  else
    {
      /* Pending as of the day: followed to its harvest if that came first, else to the day. */
      a->pending++;
      t = pdx_date_diff_days (g->implant_date,
                              on_or_before (g->harvest_date, as_of) ? g->harvest_date : as_of);
    }
  g_array_append_val (a->time, t);
  g_array_append_val (a->event, event);
}

/* A thaw without a graft row: one graft of the passage after its vial's, by its outcome. */
static void
add_thaw (GPtrArray *accs, const PdxThaw *t, GPtrArray *vials, const char *as_of)
{
  const PdxVial *vial = NULL;
  Acc           *a;

  if (t->graft_id != 0 || !on_or_before (t->date, as_of))
    return;
  for (guint i = 0; i < vials->len && vial == NULL; i++)
    if (((PdxVial *) g_ptr_array_index (vials, i))->id == t->vial_id)
      vial = g_ptr_array_index (vials, i);
  if (vial == NULL)
    return;
  a = acc_for (accs, vial->passage + 1);
  a->grafts++;
  a->thaws++;
  if (g_strcmp0 (t->outcome, "took") == 0)
    a->taken++;
  else if (g_strcmp0 (t->outcome, "did_not") == 0)
    a->no_take++;
  else
    a->pending++;
}

static gboolean
summarise (PdxPassageStats *s, const Acc *a, GError **error)
{
  s->passage = a->passage;
  s->grafts = a->grafts;
  s->taken = a->taken;
  s->no_take = a->no_take;
  s->pending = a->pending;
  s->thaws = a->thaws;
  s->take_rate = a->taken + a->no_take > 0 ? (double) a->taken / (a->taken + a->no_take) : NAN;
  pdx_wilson_interval (a->taken, a->taken + a->no_take, &s->take_rate_lo, &s->take_rate_hi);
  s->latency_n = a->time->len;
  s->latency_median_days = NAN;
  if (a->time->len > 0)
    {
      g_autoptr (PdxSurvival) km = NULL;
      g_autofree int *group = g_new0 (int, a->time->len);

      km = pdx_survival_compute_groups ((const double *) (gpointer) a->time->data,
                                        (const gboolean *) (gpointer) a->event->data, group,
                                        a->time->len, 1, -1, error);
      if (km == NULL)
        return FALSE;
      s->latency_median_days = km->arms[0].median;
    }
  s->harvest_median_days =
      pdx_stats_median ((double *) (gpointer) a->harvest->data, a->harvest->len);
  return TRUE;
}

PdxLineStats *
pdx_line_stats_compute (
    GPtrArray *grafts, GPtrArray *vials, GPtrArray *thaws, const char *as_of, GError **error)
{
  g_autoptr (GPtrArray) accs = g_ptr_array_new_with_free_func (acc_free);
  g_autofree char *day = as_of ? g_strdup (as_of) : pdx_date_dup_today ();
  PdxLineStats    *stats;

  if (!pdx_date_is_valid (day))
    {
      g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_INVALID,
                   _ ("'%s' is not a date (YYYY-MM-DD) to count the grafts as of"), day);
      return NULL;
    }
  for (guint i = 0; grafts && i < grafts->len; i++)
    add_graft (accs, g_ptr_array_index (grafts, i), day);
  for (guint i = 0; thaws && vials && i < thaws->len; i++)
    add_thaw (accs, g_ptr_array_index (thaws, i), vials, day);
  g_ptr_array_sort (accs, acc_compare);
  stats = g_new0 (PdxLineStats, 1);
  stats->as_of = g_steal_pointer (&day);
  stats->n_passages = accs->len;
  stats->passages = g_new0 (PdxPassageStats, MAX (accs->len, 1));
  for (guint i = 0; i < accs->len; i++)
    if (!summarise (&stats->passages[i], g_ptr_array_index (accs, i), error))
      {
        pdx_line_stats_free (stats);
        return NULL;
      }
  return stats;
}

PdxLineStats *
pdx_line_stats_load (PdxDb *db, gint64 line_id, const char *as_of, GError **error)
{
  g_autoptr (GPtrArray) grafts = pdx_graft_list (db, line_id, error);
  g_autoptr (GPtrArray) vials = grafts ? pdx_vial_list (db, line_id, error) : NULL;
  g_autoptr (GPtrArray) thaws = vials ? pdx_thaw_list (db, line_id, error) : NULL;

  if (thaws == NULL)
    return NULL;
  return pdx_line_stats_compute (grafts, vials, thaws, as_of, error);
}

void
pdx_line_stats_free (PdxLineStats *stats)
{
  if (stats == NULL)
    return;
  g_free (stats->as_of);
  g_free (stats->passages);
  g_free (stats);
}
