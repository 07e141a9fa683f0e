/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-cryobank.c — the vials banked from a line's grafts and the thaws that start a passage
 * again (issue 16, docs/model-programme.md): a vial is a piece of a graft that took, in one place
 * of a freezer's box that no other vial in stock holds; a thaw takes a vial in stock, may start
 * the graft of the next passage, and leaves the vial thawed, all in one transaction. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx-lineage-private.h"
#include "pdx/pdx-date.h"

#include <string.h>

#define VIAL_COLUMNS                                                                               \
  "id, line_id, passage, graft_id, material, frozen_date, frozen_by, freezer, rack, box,"          \
  " box_size, position_row, position_col, status, notes"

PdxVial *
pdx_vial_new (void)
{
  PdxVial *vial = g_new0 (PdxVial, 1);

  vial->passage = -1;
  vial->box_size = vial->position_row = vial->position_col = -1;
  return vial;
}

void
pdx_vial_free (PdxVial *vial)
{
  if (vial == NULL)
    return;
  g_free (vial->material), g_free (vial->frozen_date), g_free (vial->frozen_by);
  g_free (vial->freezer), g_free (vial->rack), g_free (vial->box);
  g_free (vial->status), g_free (vial->notes);
  g_free (vial);
}

PdxThaw *
pdx_thaw_new (void)
{
  return g_new0 (PdxThaw, 1);
}

void
pdx_thaw_free (PdxThaw *thaw)
{
  if (thaw == NULL)
    return;
  g_free (thaw->date), g_free (thaw->outcome), g_free (thaw->notes);
  g_free (thaw);
}

static int
column_int_or (PdxStmt *stmt, int index)
{
  return pdx_stmt_column_is_null (stmt, index) ? -1 : pdx_stmt_column_int (stmt, index);
}

static PdxVial *
read_vial (PdxStmt *stmt)
{
  PdxVial *v = pdx_vial_new ();

  v->id = pdx_stmt_column_int64 (stmt, 0);
  v->line_id = pdx_stmt_column_int64 (stmt, 1);
  v->passage = pdx_stmt_column_int (stmt, 2);
  v->graft_id = pdx_stmt_column_int64 (stmt, 3);
  v->material = g_strdup (pdx_stmt_column_text (stmt, 4));
  v->frozen_date = g_strdup (pdx_stmt_column_text (stmt, 5));
  v->frozen_by = g_strdup (pdx_stmt_column_text (stmt, 6));
  v->freezer = g_strdup (pdx_stmt_column_text (stmt, 7));
  v->rack = g_strdup (pdx_stmt_column_text (stmt, 8));
  v->box = g_strdup (pdx_stmt_column_text (stmt, 9));
  v->box_size = column_int_or (stmt, 10);
  v->position_row = column_int_or (stmt, 11);
  v->position_col = column_int_or (stmt, 12);
  v->status = g_strdup (pdx_stmt_column_text (stmt, 13));
  v->notes = g_strdup (pdx_stmt_column_text (stmt, 14));
  return v;
}

PdxVial *
pdx_vial_get (PdxDb *db, gint64 id, GError **error)
{
  PdxStmt *stmt = pdx_db_prepare (db, "SELECT " VIAL_COLUMNS " FROM vial WHERE id = ?", error);
  PdxVial *vial = NULL;

  if (stmt == NULL)
    return NULL;
  pdx_stmt_bind_int64 (stmt, 1, id);
  if (pdx_stmt_step (stmt, error) == PDX_STEP_ROW)
    vial = read_vial (stmt);
  pdx_stmt_reset (stmt);
  return vial;
}

GPtrArray *
pdx_vial_list (PdxDb *db, gint64 line_id, GError **error)
{
  g_autoptr (GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) pdx_vial_free);
  PdxStmt *stmt = pdx_db_prepare (
      db, "SELECT " VIAL_COLUMNS " FROM vial WHERE line_id = ? ORDER BY passage, id", error);
  PdxStep step;

  if (stmt == NULL)
    return NULL;
  pdx_stmt_bind_int64 (stmt, 1, line_id);
  while ((step = pdx_stmt_step (stmt, error)) == PDX_STEP_ROW)
    g_ptr_array_add (out, read_vial (stmt));
  pdx_stmt_reset (stmt);
  return step == PDX_STEP_DONE ? g_steal_pointer (&out) : NULL;
}

/* The in-stock vial other than @except holding @v's place, 0 when it is free (or @v has none). */
static gboolean
place_holder (PdxDb *db, const PdxVial *v, gint64 except, gint64 *holder, GError **error)
{
  PdxStmt *stmt;
  PdxStep  step;

  *holder = 0;
  if (v->position_row < 0)
    return TRUE;
  stmt =
      pdx_db_prepare (db,
                      "SELECT id FROM vial WHERE status = 'in_stock' AND position_row IS NOT NULL"
                      " AND coalesce (freezer, '') = coalesce (?, '')"
                      " AND coalesce (rack, '') = coalesce (?, '') AND box = ?"
                      " AND position_row = ? AND position_col = ? AND id != ?",
                      error);
  if (stmt == NULL)
    return FALSE;
  pdx_lineage_bind_text (stmt, 1, v->freezer);
  pdx_lineage_bind_text (stmt, 2, v->rack);
  pdx_lineage_bind_text (stmt, 3, v->box);
  pdx_stmt_bind_int64 (stmt, 4, v->position_row);
  pdx_stmt_bind_int64 (stmt, 5, v->position_col);
  pdx_stmt_bind_int64 (stmt, 6, except);
  step = pdx_stmt_step (stmt, error);
  if (step == PDX_STEP_ROW)
    *holder = pdx_stmt_column_int64 (stmt, 0);
  pdx_stmt_reset (stmt);
  return step != PDX_STEP_ERROR;
}

/* The place of @v in words: "freezer F2, rack 3, box B7, row 2, column 5". Owned. */
static char *
place_text (const PdxVial *v)
{
  /* Translators: a vial's place in the freezer. */
  return g_strdup_printf (_ ("freezer %s, rack %s, box %s, row %d, column %d"),
                          v->freezer ? v->freezer : "-", v->rack ? v->rack : "-", v->box,
                          v->position_row, v->position_col);
}

static gboolean
validate_vial (PdxDb *db, const char *who, PdxVial *v, const PdxGraft *graft, GError **error)
{
  gint64 holder = 0;

  if (v->frozen_date == NULL)
    return pdx_lineage_refuse (error, _ ("%s: the frozen date is required. Nothing was changed."),
                               who);
  if (!pdx_date_is_valid (v->frozen_date))
    return pdx_lineage_refuse (
        error, _ ("%s: the frozen date '%s' is not a date (YYYY-MM-DD). Nothing was changed."), who,
        v->frozen_date);
  if (pdx_date_is_after_today (v->frozen_date))
    return pdx_lineage_refuse (error,
                               _ ("%s: the frozen date %s is after today. Nothing was changed."),
                               who, v->frozen_date);
  if (strcmp (v->frozen_date, graft->implant_date) < 0)
    return pdx_lineage_refuse (error,
                               _ ("%s: frozen on %s, before graft %lld was implanted (%s). "
                                  "Nothing was changed."),
                               who, v->frozen_date, (long long) graft->id, graft->implant_date);
  if (v->material == NULL ||
      (!g_str_equal (v->material, "fragment") && !g_str_equal (v->material, "cells")))
    return pdx_lineage_refuse (
        error, _ ("%s: the material '%s' is not fragment or cells. Nothing was changed."), who,
        v->material ? v->material : "");
  if ((v->box == NULL) != (v->box_size < 0))
    return pdx_lineage_refuse (
        error,
        _ ("%s: a box and its size (9 or 10: a 9×9 or 10×10 grid) go together. Nothing "
           "was changed."),
        who);
  if (v->box_size >= 0 && v->box_size != 9 && v->box_size != 10)
    return pdx_lineage_refuse (error, _ ("%s: a box is 9×9 or 10×10, not %d. Nothing was changed."),
                               who, v->box_size);
  if ((v->position_row < 0) != (v->position_col < 0))
    return pdx_lineage_refuse (
        error, _ ("%s: a place in the box is a row and a column. Nothing was changed."), who);
  if (v->position_row >= 0 &&
      (v->box == NULL || v->position_row < 1 || v->position_row > v->box_size ||
       v->position_col < 1 || v->position_col > v->box_size))
    return pdx_lineage_refuse (
        error,
        _ ("%s: row %d, column %d is not a place of the box (1 to %d). Nothing was "
           "changed."),
        who, v->position_row, v->position_col, v->box_size > 0 ? v->box_size : 0);
  if (!place_holder (db, v, v->id, &holder, error))
    return FALSE;
  if (holder != 0)
    {
      g_autofree char *place = place_text (v);
      return pdx_lineage_refuse (
          error, _ ("%s: %s already holds vial %lld, in stock. Nothing was changed."), who, place,
          (long long) holder);
    }
  return TRUE;
}

static gboolean
vial_insert_func (PdxDb *db, gpointer data, GError **error)
{
  PdxVial *v = data;
  g_autoptr (PdxGraft) graft = NULL;
  g_autoptr (GError) local = NULL;
  g_autofree char *code = NULL, *who = NULL;
  PdxStmt         *stmt;

  graft = pdx_graft_get (db, v->graft_id, &local);
  if (local)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (graft == NULL)
    return pdx_lineage_refuse (
        error, _ ("New vial: there is no graft %lld to freeze. Nothing was changed."),
        (long long) v->graft_id);
  if (!pdx_lineage_line_code (db, graft->line_id, &code, error))
    return FALSE;
  /* Translators: a graft's number, its line, its passage. */
  who = g_strdup_printf (_ ("New vial of graft %lld (line %s, P%d)"), (long long) graft->id, code,
                         graft->passage);
  if (v->line_id != 0 && v->line_id != graft->line_id)
    return pdx_lineage_refuse (
        error, _ ("%s: the vial is of its graft's line. Nothing was changed."), who);
  if (v->passage >= 0 && v->passage != graft->passage)
    return pdx_lineage_refuse (
        error, _ ("%s: the vial is of its graft's passage, P%d, not P%d. Nothing was changed."),
        who, graft->passage, v->passage);
  if (!g_str_equal (graft->outcome, "take"))
    return pdx_lineage_refuse (
        error,
        _ ("%s: the graft did not take (%s): there is no tumour to bank. Nothing was "
           "changed."),
        who, graft->outcome);
  v->line_id = graft->line_id;
  v->passage = graft->passage;
  g_free (v->status);
  v->status = g_strdup ("in_stock");
  if (!validate_vial (db, who, v, graft, error))
    return FALSE;
  stmt = pdx_db_prepare (db,
                         "INSERT INTO vial (line_id, passage, graft_id, material, frozen_date,"
                         " frozen_by, freezer, rack, box, box_size, position_row, position_col,"
                         " status, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         error);
  if (stmt == NULL)
    return FALSE;
  pdx_stmt_bind_int64 (stmt, 1, v->line_id);
  pdx_stmt_bind_int64 (stmt, 2, v->passage);
  pdx_stmt_bind_int64 (stmt, 3, v->graft_id);
  pdx_lineage_bind_text (stmt, 4, v->material);
  pdx_lineage_bind_text (stmt, 5, v->frozen_date);
  pdx_lineage_bind_text (stmt, 6, v->frozen_by);
  pdx_lineage_bind_text (stmt, 7, v->freezer);
  pdx_lineage_bind_text (stmt, 8, v->rack);
  pdx_lineage_bind_text (stmt, 9, v->box);
  pdx_lineage_bind_count (stmt, 10, v->box_size);
  pdx_lineage_bind_count (stmt, 11, v->position_row);
  pdx_lineage_bind_count (stmt, 12, v->position_col);
  pdx_lineage_bind_text (stmt, 13, v->status);
  pdx_lineage_bind_text (stmt, 14, v->notes);
  if (!pdx_stmt_run (stmt, _ ("banking the vial"), error))
    return FALSE;
  v->id = pdx_db_last_insert_id (db);
  return TRUE;
}

gboolean
pdx_vial_insert (PdxDb *db, PdxVial *vial, GError **error)
{
  g_return_val_if_fail (db != NULL && vial != NULL, FALSE);
  return pdx_lineage_run (db, NULL, vial_insert_func, vial, error);
}

typedef struct
{
  const PdxVial *read;
  const char    *status, *reason;
} StatusData;

static gboolean
vial_status_func (PdxDb *db, gpointer data, GError **error)
{
  StatusData      *d = data;
  const PdxVial   *r = d->read;
  g_autofree char *who = g_strdup_printf (_ ("Vial %lld"), (long long) r->id);
  g_autofree char *conflict = NULL;
  g_autofree char *reason = d->reason ? g_strstrip (g_strdup (d->reason)) : NULL;
  PdxStmt         *stmt;

  if (d->status == NULL ||
      (!g_str_equal (d->status, "in_stock") && !g_str_equal (d->status, "discarded") &&
       !g_str_equal (d->status, "shipped") && !g_str_equal (d->status, "thawed")))
    return pdx_lineage_refuse (error,
                               _ ("%s: '%s' is not a vial's status (in_stock, discarded or "
                                  "shipped). Nothing was changed."),
                               who, d->status ? d->status : "");
  if (g_str_equal (r->status, "thawed"))
    return pdx_lineage_refuse (error, _ ("%s was thawed and stays thawed. Nothing was changed."),
                               who);
  if (g_str_equal (d->status, "thawed"))
    return pdx_lineage_refuse (
        error, _ ("%s: a vial is thawed by recording its thaw. Nothing was changed."), who);
  if (g_str_equal (d->status, r->status))
    return pdx_lineage_refuse (error, _ ("%s is already %s. Nothing was changed."), who, r->status);
  if (g_str_equal (d->status, "in_stock"))
    {
      g_autoptr (PdxVial) back = pdx_vial_get (db, r->id, error);
      gint64 holder = 0;

      if (reason == NULL || *reason == '\0')
        return pdx_lineage_refuse (
            error,
            _ ("%s: putting a %s vial back in stock is a correction and needs a reason. "
               "Nothing was changed."),
            who, r->status);
      if (back == NULL || !place_holder (db, back, r->id, &holder, error))
        return FALSE;
      if (holder != 0)
        {
          g_autofree char *place = place_text (back);
          return pdx_lineage_refuse (
              error, _ ("%s: %s now holds vial %lld, in stock. Nothing was changed."), who, place,
              (long long) holder);
        }
    }
  stmt = pdx_db_prepare (db, "UPDATE vial SET status = ? WHERE id = ? AND status IS ?", error);
  if (stmt == NULL)
    return FALSE;
  pdx_stmt_bind_text (stmt, 1, d->status);
  pdx_stmt_bind_int64 (stmt, 2, r->id);
  pdx_stmt_bind_text (stmt, 3, r->status);
  conflict = g_strdup_printf (_ ("%s is no longer %s: someone else changed it. Nothing was "
                                 "changed; look again and retry."),
                              who, r->status);
  if (pdx_stmt_step (stmt, NULL) == PDX_STEP_ERROR)
    {
      pdx_stmt_reset (stmt);
      return pdx_db_step_error (db, error, _ ("changing the vial's status"));
    }
  pdx_stmt_reset (stmt);
  if (pdx_db_changes (db) == 0)
    {
      g_set_error_literal (error, PDX_DB_ERROR, PDX_DB_ERROR_CONFLICT, conflict);
      return FALSE;
    }
  return TRUE;
}

gboolean
pdx_vial_set_status (
    PdxDb *db, const PdxVial *read, const char *status, const char *reason, GError **error)
{
  StatusData data = { read, status, reason };

  g_return_val_if_fail (db != NULL && read != NULL, FALSE);
  return pdx_lineage_run (db, reason, vial_status_func, &data, error);
}

/* ---- thaws --------------------------------------------------------------------------------- */

#define THAW_COLUMNS "t.id, t.vial_id, t.date, t.outcome, t.graft_id, t.notes"

static PdxThaw *
read_thaw (PdxStmt *stmt)
{
  PdxThaw *t = pdx_thaw_new ();

  t->id = pdx_stmt_column_int64 (stmt, 0);
  t->vial_id = pdx_stmt_column_int64 (stmt, 1);
  t->date = g_strdup (pdx_stmt_column_text (stmt, 2));
  t->outcome = g_strdup (pdx_stmt_column_text (stmt, 3));
  t->graft_id = pdx_stmt_column_int64 (stmt, 4);
  t->notes = g_strdup (pdx_stmt_column_text (stmt, 5));
  return t;
}

PdxThaw *
pdx_thaw_get (PdxDb *db, gint64 id, GError **error)
{
  PdxStmt *stmt = pdx_db_prepare (db, "SELECT " THAW_COLUMNS " FROM thaw t WHERE t.id = ?", error);
  PdxThaw *thaw = NULL;

  if (stmt == NULL)
    return NULL;
  pdx_stmt_bind_int64 (stmt, 1, id);
  if (pdx_stmt_step (stmt, error) == PDX_STEP_ROW)
    thaw = read_thaw (stmt);
  pdx_stmt_reset (stmt);
  return thaw;
}

GPtrArray *
pdx_thaw_list (PdxDb *db, gint64 line_id, GError **error)
{
  g_autoptr (GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) pdx_thaw_free);
  PdxStmt *stmt = pdx_db_prepare (db,
                                  "SELECT " THAW_COLUMNS " FROM thaw t JOIN vial v"
                                  " ON v.id = t.vial_id WHERE v.line_id = ? ORDER BY t.date, t.id",
                                  error);
  PdxStep  step;

  if (stmt == NULL)
    return NULL;
  pdx_stmt_bind_int64 (stmt, 1, line_id);
  while ((step = pdx_stmt_step (stmt, error)) == PDX_STEP_ROW)
    g_ptr_array_add (out, read_thaw (stmt));
  pdx_stmt_reset (stmt);
  return step == PDX_STEP_DONE ? g_steal_pointer (&out) : NULL;
}

static gboolean
thaw_outcome_is_valid (const char *outcome)
{
  return outcome && (g_str_equal (outcome, "took") || g_str_equal (outcome, "did_not") ||
                     g_str_equal (outcome, "pending"));
}

typedef struct
{
  PdxThaw  *thaw;
  PdxGraft *graft;
} ThawData;

static gboolean
thaw_insert_func (PdxDb *db, gpointer data, GError **error)
{
  ThawData *d = data;
  PdxThaw  *t = d->thaw;
  g_autoptr (PdxVial) vial = NULL;
  g_autoptr (GError) local = NULL;
  g_autofree char *who = g_strdup_printf (_ ("Thaw of vial %lld"), (long long) t->vial_id);
  PdxStmt         *stmt;

  vial = pdx_vial_get (db, t->vial_id, &local);
  if (local)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (vial == NULL)
    return pdx_lineage_refuse (error, _ ("%s: there is no such vial. Nothing was changed."), who);
  if (!g_str_equal (vial->status, "in_stock"))
    return pdx_lineage_refuse (error, _ ("%s: the vial is not in stock (%s). Nothing was changed."),
                               who, vial->status);
  if (t->date == NULL || !pdx_date_is_valid (t->date))
    return pdx_lineage_refuse (
        error, _ ("%s: the date '%s' is not a date (YYYY-MM-DD). Nothing was changed."), who,
        t->date ? t->date : "");
  if (pdx_date_is_after_today (t->date))
    return pdx_lineage_refuse (error, _ ("%s: %s is after today. Nothing was changed."), who,
                               t->date);
  if (strcmp (t->date, vial->frozen_date) < 0)
    return pdx_lineage_refuse (
        error, _ ("%s: thawed on %s, before it was frozen on %s. Nothing was changed."), who,
        t->date, vial->frozen_date);
  if (t->outcome != NULL && !thaw_outcome_is_valid (t->outcome))
    return pdx_lineage_refuse (
        error, _ ("%s: the outcome '%s' is not took, did_not or pending. Nothing was changed."),
        who, t->outcome);
  if (d->graft != NULL)
    {
      PdxGraft *g = d->graft;

      if (t->outcome != NULL)
        return pdx_lineage_refuse (error,
                                   _ ("%s: a thaw that starts a graft has the graft's outcome. "
                                      "Nothing was changed."),
                                   who);
      g->line_id = vial->line_id;
      if (g->passage >= 0 && g->passage != vial->passage + 1)
        return pdx_lineage_refuse (
            error,
            _ ("%s: the vial is P%d, so the graft it starts is P%d, not P%d. Nothing was "
               "changed."),
            who, vial->passage, vial->passage + 1, g->passage);
      g->passage = vial->passage + 1;
      g->parent_graft_id = vial->graft_id;
      if (g->implant_date == NULL)
        g->implant_date = g_strdup (t->date);
      if (g->material == NULL)
        g->material = g_strdup (vial->material);
      if (strcmp (g->implant_date, t->date) < 0)
        return pdx_lineage_refuse (
            error, _ ("%s: the graft is implanted on %s, before the thaw. Nothing was changed."),
            who, g->implant_date);
      if (!pdx_graft_insert_in (db, g, error))
        return FALSE;
      t->graft_id = g->id;
      t->outcome = g_strdup (g_str_equal (g->outcome, "take")      ? "took"
                             : g_str_equal (g->outcome, "no_take") ? "did_not"
                                                                   : "pending");
    }
  else
    {
      t->graft_id = 0;
      if (t->outcome == NULL)
        t->outcome = g_strdup ("pending");
    }
  stmt = pdx_db_prepare (
      db, "INSERT INTO thaw (vial_id, date, outcome, graft_id, notes) VALUES (?, ?, ?, ?, ?)",
      error);
  if (stmt == NULL)
    return FALSE;
  pdx_stmt_bind_int64 (stmt, 1, t->vial_id);
  pdx_stmt_bind_text (stmt, 2, t->date);
  pdx_stmt_bind_text (stmt, 3, t->outcome);
  pdx_lineage_bind_id (stmt, 4, t->graft_id);
  pdx_lineage_bind_text (stmt, 5, t->notes);
  if (!pdx_stmt_run (stmt, _ ("recording the thaw"), error))
    return FALSE;
  t->id = pdx_db_last_insert_id (db);
  stmt = pdx_db_prepare (
      db, "UPDATE vial SET status = 'thawed' WHERE id = ? AND status = 'in_stock'", error);
  if (stmt == NULL)
    return FALSE;
  pdx_stmt_bind_int64 (stmt, 1, t->vial_id);
  return pdx_stmt_run (stmt, _ ("marking the vial thawed"), error);
}

gboolean
pdx_thaw_insert (PdxDb *db, PdxThaw *thaw, PdxGraft *graft, GError **error)
{
  ThawData data = { thaw, graft };

  g_return_val_if_fail (db != NULL && thaw != NULL, FALSE);
  return pdx_lineage_run (db, NULL, thaw_insert_func, &data, error);
}

typedef struct
{
  const PdxThaw *read;
  const char    *outcome, *reason;
} ThawOutcomeData;

static gboolean
thaw_outcome_func (PdxDb *db, gpointer data, GError **error)
{
  ThawOutcomeData *d = data;
  const PdxThaw   *r = d->read;
  g_autofree char *who = g_strdup_printf (_ ("Thaw %lld"), (long long) r->id);
  g_autofree char *reason = d->reason ? g_strstrip (g_strdup (d->reason)) : NULL;
  PdxStmt         *stmt;

  if (!thaw_outcome_is_valid (d->outcome))
    return pdx_lineage_refuse (
        error, _ ("%s: the outcome '%s' is not took, did_not or pending. Nothing was changed."),
        who, d->outcome ? d->outcome : "");
  if (r->graft_id != 0)
    return pdx_lineage_refuse (error,
                               _ ("%s started graft %lld and has its outcome: record the graft's "
                                  "outcome. Nothing was changed."),
                               who, (long long) r->graft_id);
  if (g_str_equal (d->outcome, r->outcome))
    return pdx_lineage_refuse (error, _ ("%s is already %s. Nothing was changed."), who,
                               r->outcome);
  if (!g_str_equal (r->outcome, "pending") && (reason == NULL || *reason == '\0'))
    return pdx_lineage_refuse (
        error, _ ("%s: changing the recorded outcome (%s) needs a reason. Nothing was changed."),
        who, r->outcome);
  stmt = pdx_db_prepare (db, "UPDATE thaw SET outcome = ? WHERE id = ? AND outcome IS ?", error);
  if (stmt == NULL)
    return FALSE;
  pdx_stmt_bind_text (stmt, 1, d->outcome);
  pdx_stmt_bind_int64 (stmt, 2, r->id);
  pdx_stmt_bind_text (stmt, 3, r->outcome);
  if (!pdx_stmt_run (stmt, _ ("recording the thaw's outcome"), error))
    return FALSE;
  if (pdx_db_changes (db) == 0)
    {
      g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_CONFLICT,
                   _ ("%s is no longer %s: someone else changed it. Nothing was changed; look "
                      "again and retry."),
                   who, r->outcome);
      return FALSE;
    }
  return TRUE;
}

gboolean
pdx_thaw_set_outcome (
    PdxDb *db, const PdxThaw *read, const char *outcome, const char *reason, GError **error)
{
  ThawOutcomeData data = { read, outcome, reason };

  g_return_val_if_fail (db != NULL && read != NULL, FALSE);
  return pdx_lineage_run (db, reason, thaw_outcome_func, &data, error);
}
