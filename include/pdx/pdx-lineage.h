/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-lineage.h — the model programme's lineage and cryobank (issue 16, docs/model-programme.md):
 * a line's grafts (P0 from the patient's tumour sample, each later passage from a graft that
 * took), the vials banked from them and the thaws that start a passage again.
 *
 * The conventions of pdx-model.h: ids gint64 (0 none), owned text or NULL, ISO dates, whole
 * numbers -1 when not recorded. Every write validates first (PDX_DB_ERROR_INVALID, one sentence
 * naming the graft, vial or thaw and the field, ending "Nothing was changed."), runs in one
 * transaction of its own and is audited by the schema's triggers. A change of a stored value
 * names the value the person read: another stored refuses with PDX_DB_ERROR_CONFLICT. */
#pragma once

#include <glib.h>

#include "pdx-db.h"

G_BEGIN_DECLS

/* ---- grafts ------------------------------------------------------------------------------- */

typedef struct
{
  gint64 id;
  gint64 line_id;         /* required */
  int    passage;         /* 0 for P0; -1 on insert: from the parent (or 0 without one) */
  gint64 parent_graft_id; /* the donor graft (P1 on); 0 for P0 */
  gint64 sample_id;       /* P0: the patient's tumour sample (insert: default the line's) */
  char  *host_strain;
  char  *host_sex; /* F, M */
  char  *host_label;
  char  *implant_date;  /* required */
  char  *site;          /* PDX_VOCAB_IMPLANT_SITE */
  char  *material;      /* fragment, cells; required */
  gint64 cell_count;    /* cells only; -1 not recorded */
  char  *outcome;       /* pending, take, no_take (NULL on insert: pending) */
  char  *detected_date; /* the day the tumour was detected: exactly when outcome is take */
  char  *harvest_date;  /* the tumour (or, for no_take, the host) collected; no_take needs it */
  char  *notes;
} PdxGraft;

PdxGraft *pdx_graft_new (void);
void      pdx_graft_free (PdxGraft *graft);
PdxGraft *pdx_graft_copy (const PdxGraft *graft);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdxGraft, pdx_graft_free)

/* "pending", "take", "no_take": whether @outcome is one. */
gboolean pdx_graft_outcome_is_valid (const char *outcome);

/* Validates and stores @graft (its passage, sample and outcome filled in as above), setting
 * ->id. The parent must be a graft of the same line that took, implanted no later. */
gboolean pdx_graft_insert (PdxDb *db, PdxGraft *graft, GError **error);
/* The graft @id, NULL (no error) when there is none. */
PdxGraft *pdx_graft_get (PdxDb *db, gint64 id, GError **error);
/* The grafts of line @line_id by passage, implant date and id (PdxGraft). */
GPtrArray *pdx_graft_list (PdxDb *db, gint64 line_id, GError **error);
/* Changes what @wanted has otherwise than @read (the graft as the person read it) among the
 * outcome, detected and harvest dates, host strain, sex and label, site, cell count and notes,
 * in one UPDATE of those columns only, compare-and-set on @read's values. A value that was
 * recorded (an outcome other than pending included) changes only with @reason. The line,
 * passage, parent, implant date and material are not changed here. When a thaw started the
 * graft, the thaw's outcome follows the graft's (take → took, no_take → did_not). Nothing to
 * change is PDX_DB_ERROR_INVALID. */
gboolean pdx_graft_set (
    PdxDb *db, const PdxGraft *read, const PdxGraft *wanted, const char *reason, GError **error);

/* The graft mouse @mouse_id of a study came from (its implant's donor): @graft_id (0 clears the
 * link), compare-and-set on @expected (the graft the person read, 0 for none). The graft is of
 * the study's line and took; changing a recorded link needs @reason; a locked study refuses. */
gboolean pdx_mouse_set_graft (PdxDb      *db,
                              gint64      mouse_id,
                              gint64      expected,
                              gint64      graft_id,
                              const char *reason,
                              GError    **error);
/* The graft mouse @mouse_id came from in *@graft_id (0 for none). */
gboolean pdx_mouse_get_graft (PdxDb *db, gint64 mouse_id, gint64 *graft_id, GError **error);

/* ---- vials -------------------------------------------------------------------------------- */

typedef struct
{
  gint64 id;
  gint64 line_id;     /* insert: from the graft */
  int    passage;     /* insert: from the graft (-1), else must be the graft's */
  gint64 graft_id;    /* the graft that took it came from; required */
  char  *material;    /* fragment, cells; required */
  char  *frozen_date; /* required */
  char  *frozen_by;
  char  *freezer, *rack, *box;
  int    box_size;                   /* 9 or 10 with a box, -1 without */
  int    position_row, position_col; /* 1..box_size, both or neither; -1 none */
  char  *status;                     /* in_stock (insert default), thawed, discarded, shipped */
  char  *notes;
} PdxVial;

PdxVial *pdx_vial_new (void);
void     pdx_vial_free (PdxVial *vial);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdxVial, pdx_vial_free)

/* Validates and stores @vial, in stock, setting ->id. Its place (freezer, rack, box, row,
 * column) must be free among the vials in stock. */
gboolean   pdx_vial_insert (PdxDb *db, PdxVial *vial, GError **error);
PdxVial   *pdx_vial_get (PdxDb *db, gint64 id, GError **error);
GPtrArray *pdx_vial_list (PdxDb *db, gint64 line_id, GError **error); /* by passage, id */
/* A vial in stock discarded or shipped (@reason optional), or one discarded or shipped back in
 * stock (a correction: @reason required, its place free); compare-and-set on @read's status.
 * A vial is thawed only by pdx_thaw_insert () and stays thawed. */
gboolean pdx_vial_set_status (
    PdxDb *db, const PdxVial *read, const char *status, const char *reason, GError **error);

/* ---- thaws -------------------------------------------------------------------------------- */

typedef struct
{
  gint64 id;
  gint64 vial_id;  /* required; one thaw per vial */
  char  *date;     /* required */
  char  *outcome;  /* took, did_not, pending (NULL on insert: pending, or the graft's) */
  gint64 graft_id; /* the graft the thaw started, 0 when none is recorded */
  char  *notes;
} PdxThaw;

PdxThaw *pdx_thaw_new (void);
void     pdx_thaw_free (PdxThaw *thaw);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdxThaw, pdx_thaw_free)

/* Records the thaw of a vial in stock, in one transaction: with @graft (may be NULL), the graft
 * it started first (line, passage = the vial's + 1 and parent = the vial's graft filled in;
 * implant date default the thaw's, material default the vial's), the thaw's outcome then its
 * graft's; the thaw; the vial thawed. Sets ->id (and @graft's). */
gboolean   pdx_thaw_insert (PdxDb *db, PdxThaw *thaw, PdxGraft *graft, GError **error);
PdxThaw   *pdx_thaw_get (PdxDb *db, gint64 id, GError **error);
GPtrArray *pdx_thaw_list (PdxDb *db, gint64 line_id, GError **error); /* by date, id */
/* The outcome of a thaw without a graft, compare-and-set on @read's; a recorded outcome (not
 * pending) changes only with @reason. A thaw with a graft has its graft's outcome. */
gboolean pdx_thaw_set_outcome (
    PdxDb *db, const PdxThaw *read, const char *outcome, const char *reason, GError **error);

G_END_DECLS
