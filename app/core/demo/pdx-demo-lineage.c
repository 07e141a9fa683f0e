/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-demo-lineage.c — the demo lines' history (issue 16, docs/model-programme.md): each line
 * grown from its patient's sample (P0, the day after collection) to the passage its studies use,
 * three host mice a passage, intracranial cell implants; the first graft that took is the donor
 * of the next passage, implanted the day it is harvested. A few grafts fail (no take, given up
 * after 90 days); two vials are banked at P1, P2 and the last passage (one 10×10 box a line);
 * one P2 vial of BCBM-023 is thawed and starts one of its P3 grafts. */
#include "pdx-config.h"

#include "pdx-demo-private.h"
#include "pdx/pdx-date.h"
#include "pdx/pdx-lineage.h"
#include "pdx/pdx-model.h"

#include <string.h>

#define HOSTS 3

typedef struct
{
  const char *code, *collected, *strain, *box;
  int         passage;      /* the studies' passage */
  int         latency;      /* typical days from implant to detection after P0 */
  int         thaw_passage; /* its first graft from a thawed vial of the passage before; 0 none */
  int         failed[2][2]; /* (passage, host) pairs that did not take; {-1, -1} none */
} LineSpec;

static const LineSpec lines[] = {
  { "BCBM-017", "2023-03-14", "NSG", "A1", 6, 24, 0, { { 0, 2 }, { -1, -1 } } },
  /* The fast one: about 12 days to a BLI signal (its line's note). */
  { "BCBM-023", "2023-06-02", "NSG", "A2", 5, 10, 3, { { 4, 1 }, { -1, -1 } } },
  { "BCBM-031", "2024-01-19", "NOD-SCID", "A3", 4, 28, 0, { { 0, 1 }, { 2, 2 } } },
};

typedef struct
{
  PdxDb   *db;
  GRand   *rand;
  GError **error;
  gint64   line_id;
  int      vial_slot; /* the next place of the line's box, 0-based */
} Lineage;

static gboolean
failed (const LineSpec *spec, int passage, int host)
{
  for (guint i = 0; i < G_N_ELEMENTS (spec->failed); i++)
    if (spec->failed[i][0] == passage && spec->failed[i][1] == host)
      return TRUE;
  return FALSE;
}

/* The graft's host, implant and outcome filled in (its line, parent and passage by the caller). */
static void
fill_graft (
    Lineage *l, const LineSpec *spec, PdxGraft *g, int passage, int host, const char *implant)
{
  int latency = spec->latency + (passage == 0 ? 18 : 0) + g_rand_int_range (l->rand, 0, 8);

  g->host_strain = g_strdup (spec->strain);
  g->host_sex = g_strdup ("F");
  g->host_label = g_strdup_printf ("%s-P%d-%c", spec->code + 5, passage, 'a' + host);
  g->implant_date = g_strdup (implant);
  g->site = g_strdup ("intracranial-striatum");
  g->material = g_strdup ("cells");
  g->cell_count = passage == 0 ? 200000 : 100000;
  if (failed (spec, passage, host))
    {
      g->outcome = g_strdup ("no_take");
      g->harvest_date = pdx_date_add_days (implant, 90);
      g->notes = g_strdup ("No BLI signal or neurological sign by day 90; graft given up.");
      return;
    }
  g->outcome = g_strdup ("take");
  g->detected_date = pdx_date_add_days (implant, latency);
  g->harvest_date = pdx_date_add_days (implant, latency + 21 + g_rand_int_range (l->rand, 0, 8));
}

/* Two vials of @donor in the line's box, frozen the day it was harvested. */
static gboolean
bank (Lineage *l, const LineSpec *spec, const PdxGraft *donor, PdxVial **first)
{
  for (int i = 0; i < 2; i++)
    {
      g_autoptr (PdxVial) v = pdx_vial_new ();

      v->graft_id = donor->id;
      v->material = g_strdup ("cells");
      v->frozen_date = g_strdup (donor->harvest_date);
      v->frozen_by = g_strdup ("S. Lindqvist");
      v->freezer = g_strdup ("LN2 tank 1");
      v->rack = g_strdup ("3");
      v->box = g_strdup (spec->box);
      v->box_size = 10;
      v->position_row = 1 + l->vial_slot / 10;
      v->position_col = 1 + l->vial_slot % 10;
      v->notes = g_strdup ("1×10⁶ cells in 90 % FBS / 10 % DMSO");
      l->vial_slot++;
      if (!pdx_vial_insert (l->db, v, l->error))
        return FALSE;
      if (i == 0 && first)
        *first = g_steal_pointer (&v);
    }
  return TRUE;
}

static gboolean
add_line (Lineage *l, const LineSpec *spec)
{
  g_autoptr (PdxLine) line = pdx_line_find (l->db, spec->code, l->error);
  g_autoptr (PdxGraft) donor = NULL;
  g_autoptr (PdxVial) thaw_vial = NULL;
  g_autofree char *implant = NULL;

  if (line == NULL)
    return FALSE;
  l->line_id = line->id;
  l->vial_slot = 0;
  implant = pdx_date_add_days (spec->collected, 1);
  for (int p = 0; p <= spec->passage; p++)
    {
      g_autoptr (PdxGraft) next = NULL;

      for (int h = 0; h < HOSTS; h++)
        {
          g_autoptr (PdxGraft) g = pdx_graft_new ();

          g->line_id = l->line_id;
          g->parent_graft_id = donor ? donor->id : 0;
          if (p == spec->thaw_passage && h == 0 && thaw_vial != NULL)
            {
              g_autoptr (PdxThaw) thaw = pdx_thaw_new ();
              g_autofree char *day = pdx_date_add_days (implant, 30);

              fill_graft (l, spec, g, p, h, day);
              thaw->vial_id = thaw_vial->id;
              thaw->date = g_strdup (day);
              thaw->notes = g_strdup ("Viability 82 % (trypan blue) after thawing.");
              /* Implanted pending; its take recorded when it was seen. */
              {
                g_autoptr (PdxGraft) taken = pdx_graft_copy (g);
                g_autoptr (PdxGraft) read = NULL;

                g_clear_pointer (&g->outcome, g_free);
                g_clear_pointer (&g->detected_date, g_free);
                g_clear_pointer (&g->harvest_date, g_free);
                if (!pdx_thaw_insert (l->db, thaw, g, l->error))
                  return FALSE;
                read = pdx_graft_get (l->db, g->id, l->error);
                if (read == NULL)
                  return FALSE;
                taken->id = read->id, taken->passage = read->passage;
                taken->parent_graft_id = read->parent_graft_id;
                if (!pdx_graft_set (l->db, read, taken, NULL, l->error))
                  return FALSE;
              }
              continue;
            }
          fill_graft (l, spec, g, p, h, implant);
          if (!pdx_graft_insert (l->db, g, l->error))
            return FALSE;
          if (next == NULL && g_str_equal (g->outcome, "take"))
            next = g_steal_pointer (&g);
        }
      if (next == NULL)
        {
          g_set_error (l->error, PDX_DB_ERROR, PDX_DB_ERROR_INVALID,
                       "demo: line %s has no take at P%d", spec->code, p);
          return FALSE;
        }
      g_clear_pointer (&thaw_vial, pdx_vial_free);
      if ((p == 1 || p == 2 || p == spec->passage) &&
          !bank (l, spec, next, p + 1 == spec->thaw_passage ? &thaw_vial : NULL))
        return FALSE;
      g_free (implant);
      implant = g_strdup (next->harvest_date);
      g_clear_pointer (&donor, pdx_graft_free);
      donor = g_steal_pointer (&next);
    }
  return TRUE;
}

gboolean
pdx_demo_add_lineage (PdxDb *db, guint32 seed, GError **error)
{
  Lineage  l = { .db = db, .error = error };
  gboolean ok = TRUE;

  l.rand = g_rand_new_with_seed (seed ^ 0x6c696e65u); /* "line" */
  for (guint i = 0; ok && i < G_N_ELEMENTS (lines); i++)
    ok = add_line (&l, &lines[i]);
  g_rand_free (l.rand);
  return ok;
}
