/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-graft.c — a line's grafts (issue 16, docs/model-programme.md): P0 from the patient's
 * tumour sample, each later passage from a graft of the line that took; validated with one clear
 * sentence before the schema's CHECKs and triggers (the net) see them; inserted and changed in
 * one transaction each, audited by the triggers, a change compare-and-set on what was read. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx-lineage-private.h"
#include "pdx/pdx-date.h"
#include "pdx/pdx-model.h"

#include <stdarg.h>
#include <string.h>

#define GRAFT_COLUMNS                                                                              \
  "id, line_id, passage, parent_graft_id, sample_id, host_strain, host_sex, host_label,"           \
  " implant_date, site, material, cell_count, outcome, detected_date, harvest_date, notes"

/* ---- shared helpers ---------------------------------------------------------------------- */

gboolean
pdx_lineage_refuse (GError **error, const char *format, ...)
{
  va_list          args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, PDX_DB_ERROR, PDX_DB_ERROR_INVALID, message);
  return FALSE;
}

void
pdx_lineage_bind_text (PdxStmt *stmt, int index, const char *text)
{
  if (text)
    pdx_stmt_bind_text (stmt, index, text);
  else
    pdx_stmt_bind_null (stmt, index);
}

void
pdx_lineage_bind_count (PdxStmt *stmt, int index, gint64 value)
{
  if (value >= 0)
    pdx_stmt_bind_int64 (stmt, index, value);
  else
    pdx_stmt_bind_null (stmt, index);
}

void
pdx_lineage_bind_id (PdxStmt *stmt, int index, gint64 id)
{
  if (id > 0)
    pdx_stmt_bind_int64 (stmt, index, id);
  else
    pdx_stmt_bind_null (stmt, index);
}

gboolean
pdx_lineage_line_code (PdxDb *db, gint64 line_id, char **code, GError **error)
{
  PdxStmt *stmt = pdx_db_prepare (db, "SELECT code FROM line WHERE id = ?", error);
  PdxStep  step;

  *code = NULL;
  if (stmt == NULL)
    return FALSE;
  pdx_stmt_bind_int64 (stmt, 1, line_id);
  step = pdx_stmt_step (stmt, error);
  if (step == PDX_STEP_ROW)
    *code = g_strdup (pdx_stmt_column_text (stmt, 0));
  pdx_stmt_reset (stmt);
  if (step == PDX_STEP_ERROR)
    return FALSE;
  if (*code == NULL)
    return pdx_lineage_refuse (error, _ ("There is no line %lld. Nothing was changed."),
                               (long long) line_id);
  return TRUE;
}

gboolean
pdx_lineage_run_cas (
    PdxDb *db, PdxStmt *stmt, const char *what, const char *conflict, GError **error)
{
  PdxStep step = pdx_stmt_step (stmt, NULL);

  if (step == PDX_STEP_ERROR)
    return pdx_db_step_error (db, error, what);
  if (pdx_db_changes (db) == 0)
    {
      g_set_error_literal (error, PDX_DB_ERROR, PDX_DB_ERROR_CONFLICT, conflict);
      return FALSE;
    }
  return TRUE;
}

gboolean
pdx_lineage_run (PdxDb      *db,
                 const char *reason,
                 gboolean (*func) (PdxDb *db, gpointer data, GError **error),
                 gpointer data,
                 GError **error)
{
  g_autofree char *previous = g_strdup (pdx_db_get_reason (db));
  g_autofree char *trimmed = reason ? g_strstrip (g_strdup (reason)) : NULL;
  gboolean         ok;

  if (!pdx_db_begin (db, error))
    return FALSE;
  pdx_db_set_reason (db, trimmed && *trimmed ? trimmed : previous);
  ok = func (db, data, error);
  if (ok)
    ok = pdx_db_commit (db, error);
  else
    pdx_db_rollback (db);
  pdx_db_set_reason (db, previous);
  return ok;
}

/* ---- the struct ---------------------------------------------------------------------------- */

PdxGraft *
pdx_graft_new (void)
{
  PdxGraft *graft = g_new0 (PdxGraft, 1);

  graft->passage = -1;
  graft->cell_count = -1;
  return graft;
}

void
pdx_graft_free (PdxGraft *graft)
{
  if (graft == NULL)
    return;
  g_free (graft->host_strain), g_free (graft->host_sex), g_free (graft->host_label);
  g_free (graft->implant_date), g_free (graft->site), g_free (graft->material);
  g_free (graft->outcome), g_free (graft->detected_date), g_free (graft->harvest_date);
  g_free (graft->notes);
  g_free (graft);
}

PdxGraft *
pdx_graft_copy (const PdxGraft *graft)
{
  PdxGraft *copy;

  if (graft == NULL)
    return NULL;
  copy = g_memdup2 (graft, sizeof *graft);
  copy->host_strain = g_strdup (graft->host_strain);
  copy->host_sex = g_strdup (graft->host_sex);
  copy->host_label = g_strdup (graft->host_label);
  copy->implant_date = g_strdup (graft->implant_date);
  copy->site = g_strdup (graft->site);
  copy->material = g_strdup (graft->material);
  copy->outcome = g_strdup (graft->outcome);
  copy->detected_date = g_strdup (graft->detected_date);
  copy->harvest_date = g_strdup (graft->harvest_date);
  copy->notes = g_strdup (graft->notes);
  return copy;
}

gboolean
pdx_graft_outcome_is_valid (const char *outcome)
{
  return outcome && (g_str_equal (outcome, "pending") || g_str_equal (outcome, "take") ||
                     g_str_equal (outcome, "no_take"));
}

static PdxGraft *
read_graft (PdxStmt *stmt)
{
  PdxGraft *g = pdx_graft_new ();

  g->id = pdx_stmt_column_int64 (stmt, 0);
  g->line_id = pdx_stmt_column_int64 (stmt, 1);
  g->passage = pdx_stmt_column_int (stmt, 2);
  g->parent_graft_id = pdx_stmt_column_int64 (stmt, 3);
  g->sample_id = pdx_stmt_column_int64 (stmt, 4);
  g->host_strain = g_strdup (pdx_stmt_column_text (stmt, 5));
  g->host_sex = g_strdup (pdx_stmt_column_text (stmt, 6));
  g->host_label = g_strdup (pdx_stmt_column_text (stmt, 7));
  g->implant_date = g_strdup (pdx_stmt_column_text (stmt, 8));
  g->site = g_strdup (pdx_stmt_column_text (stmt, 9));
  g->material = g_strdup (pdx_stmt_column_text (stmt, 10));
  g->cell_count = pdx_stmt_column_is_null (stmt, 11) ? -1 : pdx_stmt_column_int64 (stmt, 11);
  g->outcome = g_strdup (pdx_stmt_column_text (stmt, 12));
  g->detected_date = g_strdup (pdx_stmt_column_text (stmt, 13));
  g->harvest_date = g_strdup (pdx_stmt_column_text (stmt, 14));
  g->notes = g_strdup (pdx_stmt_column_text (stmt, 15));
  return g;
}

PdxGraft *
pdx_graft_get (PdxDb *db, gint64 id, GError **error)
{
  PdxStmt  *stmt = pdx_db_prepare (db, "SELECT " GRAFT_COLUMNS " FROM graft WHERE id = ?", error);
  PdxGraft *graft = NULL;
  PdxStep   step;

  if (stmt == NULL)
    return NULL;
  pdx_stmt_bind_int64 (stmt, 1, id);
  step = pdx_stmt_step (stmt, error);
  if (step == PDX_STEP_ROW)
    graft = read_graft (stmt);
  pdx_stmt_reset (stmt);
  return graft;
}

GPtrArray *
pdx_graft_list (PdxDb *db, gint64 line_id, GError **error)
{
  g_autoptr (GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) pdx_graft_free);
  PdxStmt *stmt = pdx_db_prepare (db,
                                  "SELECT " GRAFT_COLUMNS " FROM graft WHERE line_id = ?"
                                  " ORDER BY passage, implant_date, id",
                                  error);
  PdxStep  step;

  if (stmt == NULL)
    return NULL;
  pdx_stmt_bind_int64 (stmt, 1, line_id);
  while ((step = pdx_stmt_step (stmt, error)) == PDX_STEP_ROW)
    g_ptr_array_add (out, read_graft (stmt));
  pdx_stmt_reset (stmt);
  return step == PDX_STEP_DONE ? g_steal_pointer (&out) : NULL;
}

/* ---- validation ---------------------------------------------------------------------------- */

/* A date field: valid and not after today, or NULL when @optional. */
static gboolean
check_date (const char *who, const char *label, const char *date, gboolean optional, GError **error)
{
  if (date == NULL)
    return optional ? TRUE
                    /* Translators: a graft, vial or thaw ("Graft 3 of line BCBM-017"), a
                       field ("implant date"). */
                    : pdx_lineage_refuse (error, _ ("%s: the %s is required. Nothing was changed."),
                                          who, label);
  if (!pdx_date_is_valid (date))
    return pdx_lineage_refuse (error,
                               _ ("%s: the %s '%s' is not a date (YYYY-MM-DD). Nothing was "
                                  "changed."),
                               who, label, date);
  if (pdx_date_is_after_today (date))
    return pdx_lineage_refuse (error, _ ("%s: the %s %s is after today. Nothing was changed."), who,
                               label, date);
  return TRUE;
}

/* The rules of one graft row as it would be stored (@who names it in messages). */
static gboolean
validate_graft (const char *who, const PdxGraft *g, GError **error)
{
  if (!check_date (who, _ ("implant date"), g->implant_date, FALSE, error) ||
      !check_date (who, _ ("detected date"), g->detected_date, TRUE, error) ||
      !check_date (who, _ ("harvest date"), g->harvest_date, TRUE, error))
    return FALSE;
  if (g->material == NULL ||
      (!g_str_equal (g->material, "fragment") && !g_str_equal (g->material, "cells")))
    return pdx_lineage_refuse (
        error, _ ("%s: the material '%s' is not fragment or cells. Nothing was changed."), who,
        g->material ? g->material : "");
  if (g->cell_count >= 0 && !g_str_equal (g->material, "cells"))
    return pdx_lineage_refuse (
        error, _ ("%s: a cell count goes with cells, not a fragment. Nothing was changed."), who);
  if (g->cell_count == 0)
    return pdx_lineage_refuse (error, _ ("%s: the cell count is 0. Nothing was changed."), who);
  if (!pdx_vocab_contains (PDX_VOCAB_SEX, g->host_sex))
    return pdx_lineage_refuse (
        error, _ ("%s: the host sex '%s' is not F or M. Nothing was changed."), who, g->host_sex);
  if (!pdx_vocab_contains (PDX_VOCAB_IMPLANT_SITE, g->site))
    return pdx_lineage_refuse (error,
                               _ ("%s: '%s' is not an implant site (intracranial-striatum, "
                                  "intracranial-other, intracarotid, intracardiac, mammary fat "
                                  "pad, subcutaneous). Nothing was changed."),
                               who, g->site);
  if (!pdx_graft_outcome_is_valid (g->outcome))
    return pdx_lineage_refuse (
        error, _ ("%s: the outcome '%s' is not pending, take or no_take. Nothing was changed."),
        who, g->outcome ? g->outcome : "");
  if (g_str_equal (g->outcome, "take") && g->detected_date == NULL)
    return pdx_lineage_refuse (
        error, _ ("%s: a take needs the day the tumour was detected. Nothing was changed."), who);
  if (!g_str_equal (g->outcome, "take") && g->detected_date != NULL)
    return pdx_lineage_refuse (error,
                               _ ("%s: a detected date goes with a take, and the outcome is %s. "
                                  "Nothing was changed."),
                               who, g->outcome);
  if (g_str_equal (g->outcome, "no_take") && g->harvest_date == NULL)
    return pdx_lineage_refuse (error,
                               _ ("%s: a graft given up (no take) needs the harvest date, the "
                                  "last day it was followed. Nothing was changed."),
                               who);
  if (g->detected_date && strcmp (g->detected_date, g->implant_date) < 0)
    return pdx_lineage_refuse (
        error,
        _ ("%s: the tumour is detected on %s, before the implant on %s. Nothing was "
           "changed."),
        who, g->detected_date, g->implant_date);
  if (g->harvest_date && strcmp (g->harvest_date, g->implant_date) < 0)
    return pdx_lineage_refuse (
        error, _ ("%s: the harvest on %s is before the implant on %s. Nothing was changed."), who,
        g->harvest_date, g->implant_date);
  if (g->harvest_date && g->detected_date && strcmp (g->harvest_date, g->detected_date) < 0)
    return pdx_lineage_refuse (
        error,
        _ ("%s: the harvest on %s is before the tumour was detected on %s. Nothing was "
           "changed."),
        who, g->harvest_date, g->detected_date);
  return TRUE;
}

/* The line's sample (0 when none). */
static gboolean
line_sample (PdxDb *db, gint64 line_id, gint64 *sample_id, GError **error)
{
  PdxStmt *stmt = pdx_db_prepare (db, "SELECT sample_id FROM line WHERE id = ?", error);
  PdxStep  step;

  *sample_id = 0;
  if (stmt == NULL)
    return FALSE;
  pdx_stmt_bind_int64 (stmt, 1, line_id);
  step = pdx_stmt_step (stmt, error);
  if (step == PDX_STEP_ROW)
    *sample_id = pdx_stmt_column_int64 (stmt, 0);
  pdx_stmt_reset (stmt);
  return step != PDX_STEP_ERROR;
}

/* The passage, parent and sample of new graft @g against its line (@code) and parent. */
static gboolean
check_lineage (PdxDb *db, const char *who, const char *code, PdxGraft *g, GError **error)
{
  g_autoptr (PdxGraft) parent = NULL;
  g_autoptr (GError) local = NULL;

  if (g->parent_graft_id == 0)
    {
      if (g->passage > 0)
        return pdx_lineage_refuse (error,
                                   _ ("%s: P%d needs the graft it came from (its parent); only "
                                      "P0 comes from the patient's sample. Nothing was changed."),
                                   who, g->passage);
      g->passage = 0;
      if (g->sample_id == 0 && !line_sample (db, g->line_id, &g->sample_id, error))
        return FALSE;
      return TRUE;
    }
  parent = pdx_graft_get (db, g->parent_graft_id, &local);
  if (local)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (parent == NULL)
    return pdx_lineage_refuse (error,
                               _ ("%s: there is no graft %lld to come from. Nothing was "
                                  "changed."),
                               who, (long long) g->parent_graft_id);
  if (parent->line_id != g->line_id)
    return pdx_lineage_refuse (
        error, _ ("%s: graft %lld is of another line than %s. Nothing was changed."), who,
        (long long) parent->id, code);
  if (g->passage < 0)
    g->passage = parent->passage + 1;
  if (g->passage != parent->passage + 1)
    return pdx_lineage_refuse (error,
                               _ ("%s: P%d cannot come from graft %lld, which is P%d (a graft is "
                                  "its parent's passage + 1). Nothing was changed."),
                               who, g->passage, (long long) parent->id, parent->passage);
  if (!g_str_equal (parent->outcome, "take"))
    return pdx_lineage_refuse (error,
                               _ ("%s: graft %lld did not take (%s), so nothing can come from "
                                  "it. Nothing was changed."),
                               who, (long long) parent->id, parent->outcome);
  if (g->sample_id != 0)
    return pdx_lineage_refuse (
        error, _ ("%s: only P0 comes from the patient's sample. Nothing was changed."), who);
  if (g->implant_date && strcmp (g->implant_date, parent->implant_date) < 0)
    return pdx_lineage_refuse (
        error, _ ("%s: implanted on %s, before its parent graft %lld (%s). Nothing was changed."),
        who, g->implant_date, (long long) parent->id, parent->implant_date);
  return TRUE;
}

gboolean
pdx_graft_insert_in (PdxDb *db, PdxGraft *g, GError **error)
{
  g_autofree char *code = NULL, *who = NULL;
  PdxStmt         *stmt;

  if (!pdx_lineage_line_code (db, g->line_id, &code, error))
    return FALSE;
  /* Translators: the line's code. */
  who = g_strdup_printf (_ ("New graft of line %s"), code);
  if (g->outcome == NULL)
    g->outcome = g_strdup ("pending");
  if (!check_lineage (db, who, code, g, error) || !validate_graft (who, g, error))
    return FALSE;
  stmt = pdx_db_prepare (db,
                         "INSERT INTO graft (line_id, passage, parent_graft_id, sample_id,"
                         " host_strain, host_sex, host_label, implant_date, site, material,"
                         " cell_count, outcome, detected_date, harvest_date, notes)"
                         " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         error);
  if (stmt == NULL)
    return FALSE;
  pdx_stmt_bind_int64 (stmt, 1, g->line_id);
  pdx_stmt_bind_int64 (stmt, 2, g->passage);
  pdx_lineage_bind_id (stmt, 3, g->parent_graft_id);
  pdx_lineage_bind_id (stmt, 4, g->sample_id);
  pdx_lineage_bind_text (stmt, 5, g->host_strain);
  pdx_lineage_bind_text (stmt, 6, g->host_sex);
  pdx_lineage_bind_text (stmt, 7, g->host_label);
  pdx_lineage_bind_text (stmt, 8, g->implant_date);
  pdx_lineage_bind_text (stmt, 9, g->site);
  pdx_lineage_bind_text (stmt, 10, g->material);
  pdx_lineage_bind_count (stmt, 11, g->cell_count);
  pdx_lineage_bind_text (stmt, 12, g->outcome);
  pdx_lineage_bind_text (stmt, 13, g->detected_date);
  pdx_lineage_bind_text (stmt, 14, g->harvest_date);
  pdx_lineage_bind_text (stmt, 15, g->notes);
  if (!pdx_stmt_run (stmt, _ ("recording the graft"), error))
    return FALSE;
  g->id = pdx_db_last_insert_id (db);
  return TRUE;
}

static gboolean
insert_func (PdxDb *db, gpointer data, GError **error)
{
  return pdx_graft_insert_in (db, data, error);
}

gboolean
pdx_graft_insert (PdxDb *db, PdxGraft *graft, GError **error)
{
  g_return_val_if_fail (db != NULL && graft != NULL, FALSE);
  return pdx_lineage_run (db, NULL, insert_func, graft, error);
}

/* ---- pdx_graft_set ------------------------------------------------------------------------- */

typedef struct
{
  const PdxGraft *read, *wanted;
  const char     *reason;
} SetData;

/* The settable columns: name, label, and the text of read and wanted (cell count as text). */
typedef struct
{
  const char *column, *label;
  char       *old_value, *new_value;
} Change;

static void
add_change (GArray *changes, const char *column, const char *label, const char *a, const char *b)
{
  Change c = { column, label, g_strdup (a), g_strdup (b) };

  if (g_strcmp0 (a, b) != 0)
    g_array_append_val (changes, c);
  else
    g_free (c.old_value), g_free (c.new_value);
}

static void
change_clear (gpointer data)
{
  Change *c = data;

  g_free (c->old_value);
  g_free (c->new_value);
}

static char *
count_text (gint64 count)
{
  return count >= 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, count) : NULL;
}

static gboolean
set_func (PdxDb *db, gpointer data, GError **error)
{
  SetData        *d = data;
  const PdxGraft *r = d->read, *w = d->wanted;
  g_autoptr (GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autofree char *code = NULL, *who = NULL, *old_count = count_text (r->cell_count);
  g_autofree char *new_count = count_text (w->cell_count);
  g_autoptr (GString) sql = g_string_new ("UPDATE graft SET ");
  g_autoptr (GString) where = g_string_new (" WHERE id = ?");
  g_autoptr (PdxStmt) stmt = NULL;
  g_autofree char *conflict = NULL;
  const char      *needs_reason = NULL;
  int              n = 1;

  g_array_set_clear_func (changes, change_clear);
  if (!pdx_lineage_line_code (db, r->line_id, &code, error))
    return FALSE;
  /* Translators: a graft's number, its line's code, its passage. */
  who = g_strdup_printf (_ ("Graft %lld of line %s (P%d)"), (long long) r->id, code, r->passage);
  if (w->line_id != r->line_id || w->passage != r->passage ||
      w->parent_graft_id != r->parent_graft_id || g_strcmp0 (w->implant_date, r->implant_date) ||
      g_strcmp0 (w->material, r->material) || w->sample_id != r->sample_id)
    return pdx_lineage_refuse (error,
                               _ ("%s: its line, passage, parent, sample, implant date and "
                                  "material are not changed here. Nothing was changed."),
                               who);
  add_change (changes, "outcome", _ ("outcome"), r->outcome, w->outcome);
  add_change (changes, "detected_date", _ ("detected date"), r->detected_date, w->detected_date);
  add_change (changes, "harvest_date", _ ("harvest date"), r->harvest_date, w->harvest_date);
  add_change (changes, "host_strain", _ ("host strain"), r->host_strain, w->host_strain);
  add_change (changes, "host_sex", _ ("host sex"), r->host_sex, w->host_sex);
  add_change (changes, "host_label", _ ("host label"), r->host_label, w->host_label);
  add_change (changes, "site", _ ("site"), r->site, w->site);
  add_change (changes, "cell_count", _ ("cell count"), old_count, new_count);
  add_change (changes, "notes", _ ("notes"), r->notes, w->notes);
  if (changes->len == 0)
    return pdx_lineage_refuse (
        error, _ ("%s: nothing to change (the values given are those recorded)."), who);
  if (!validate_graft (who, w, error))
    return FALSE;
  if (g_str_equal (r->outcome, "take") && !g_str_equal (w->outcome, "take"))
    {
      gint64   uses_n = 0;
      PdxStmt *uses = pdx_db_prepare (db,
                                      "SELECT (SELECT count (*) FROM graft WHERE parent_graft_id"
                                      " = ?1) + (SELECT count (*) FROM vial WHERE graft_id = ?1)",
                                      error);
      if (uses == NULL)
        return FALSE;
      pdx_stmt_bind_int64 (uses, 1, r->id);
      if (pdx_stmt_step (uses, error) != PDX_STEP_ROW)
        {
          pdx_stmt_reset (uses);
          return FALSE;
        }
      uses_n = pdx_stmt_column_int64 (uses, 0);
      pdx_stmt_reset (uses);
      if (uses_n > 0)
        return pdx_lineage_refuse (error,
                                   _ ("%s: grafts or vials come from it, so it took; its take "
                                      "stays. Nothing was changed."),
                                   who);
    }
  for (guint i = 0; i < changes->len; i++)
    {
      const Change *c = &g_array_index (changes, Change, i);
      gboolean      pending =
          g_str_equal (c->column, "outcome") && g_strcmp0 (c->old_value, "pending") == 0;
      if (c->old_value != NULL && !pending && needs_reason == NULL)
        needs_reason = c->label;
    }
  if (needs_reason)
    {
      g_autofree char *trimmed = d->reason ? g_strstrip (g_strdup (d->reason)) : NULL;
      if (trimmed == NULL || *trimmed == '\0')
        return pdx_lineage_refuse (error,
                                   _ ("%s: changing the recorded %s needs a reason. Nothing was "
                                      "changed."),
                                   who, needs_reason);
    }
  for (guint i = 0; i < changes->len; i++)
    {
      const Change *c = &g_array_index (changes, Change, i);
      g_string_append_printf (sql, "%s%s = ?", i ? ", " : "", c->column);
      g_string_append_printf (where, " AND %s IS ?", c->column);
    }
  g_string_append (sql, where->str);
  stmt = pdx_db_prepare_once (db, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < changes->len; i++)
    {
      const Change *c = &g_array_index (changes, Change, i);
      pdx_lineage_bind_text (stmt, n++, c->new_value);
    }
  pdx_stmt_bind_int64 (stmt, n++, r->id);
  for (guint i = 0; i < changes->len; i++)
    {
      const Change *c = &g_array_index (changes, Change, i);
      pdx_lineage_bind_text (stmt, n++, c->old_value);
    }
  conflict = g_strdup_printf (_ ("%s changed since it was read: someone else changed it. Nothing "
                                 "was changed; look again and retry."),
                              who);
  if (!pdx_lineage_run_cas (db, stmt, _ ("changing the graft"), conflict, error))
    return FALSE;
  if (g_strcmp0 (r->outcome, w->outcome) != 0)
    {
      /* A thaw that started the graft has the graft's outcome. */
      PdxStmt    *thaw = pdx_db_prepare (db,
                                         "UPDATE thaw SET outcome = ? WHERE graft_id = ?"
                                            " AND outcome IS NOT ?",
                                         error);
      const char *outcome = g_str_equal (w->outcome, "take")      ? "took"
                            : g_str_equal (w->outcome, "no_take") ? "did_not"
                                                                  : "pending";
      if (thaw == NULL)
        return FALSE;
      pdx_stmt_bind_text (thaw, 1, outcome);
      pdx_stmt_bind_int64 (thaw, 2, r->id);
      pdx_stmt_bind_text (thaw, 3, outcome);
      if (!pdx_stmt_run (thaw, _ ("recording the thaw's outcome"), error))
        return FALSE;
    }
  return TRUE;
}

gboolean
pdx_graft_set (
    PdxDb *db, const PdxGraft *read, const PdxGraft *wanted, const char *reason, GError **error)
{
  SetData data = { read, wanted, reason };

  g_return_val_if_fail (db != NULL && read != NULL && wanted != NULL, FALSE);
  return pdx_lineage_run (db, reason, set_func, &data, error);
}

/* ---- a study's mouse and its graft ----------------------------------------------------------- */

gboolean
pdx_mouse_get_graft (PdxDb *db, gint64 mouse_id, gint64 *graft_id, GError **error)
{
  PdxStmt *stmt = pdx_db_prepare (db, "SELECT graft_id FROM mouse WHERE id = ?", error);
  PdxStep  step;

  *graft_id = 0;
  if (stmt == NULL)
    return FALSE;
  pdx_stmt_bind_int64 (stmt, 1, mouse_id);
  step = pdx_stmt_step (stmt, error);
  if (step == PDX_STEP_ROW)
    *graft_id = pdx_stmt_column_int64 (stmt, 0);
  pdx_stmt_reset (stmt);
  if (step == PDX_STEP_DONE)
    return pdx_lineage_refuse (error, _ ("There is no mouse %lld. Nothing was changed."),
                               (long long) mouse_id);
  return step == PDX_STEP_ROW;
}

typedef struct
{
  gint64      mouse_id, expected, graft_id;
  const char *reason;
} LinkData;

static gboolean
link_func (PdxDb *db, gpointer data, GError **error)
{
  LinkData *d = data;
  g_autoptr (PdxMouse) mouse = pdx_mouse_get (db, d->mouse_id, error);
  g_autoptr (PdxStudy) study = NULL;
  g_autoptr (PdxGraft) graft = NULL;
  g_autoptr (GError) local = NULL;
  g_autofree char *who = NULL, *reason = d->reason ? g_strstrip (g_strdup (d->reason)) : NULL;
  gint64           current = 0;
  PdxStmt         *stmt;

  if (mouse == NULL || !(study = pdx_study_get (db, mouse->study_id, error)) ||
      !pdx_mouse_get_graft (db, d->mouse_id, &current, error))
    return FALSE;
  /* Translators: a mouse's tag, its study's code. */
  who = g_strdup_printf (_ ("Mouse %s of study %s"), mouse->tag, study->code);
  if (current != d->expected)
    {
      g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_CONFLICT,
                   _ ("%s changed since it was read: someone else linked it to another graft. "
                      "Nothing was changed; look again and retry."),
                   who);
      return FALSE;
    }
  if (current == d->graft_id)
    return pdx_lineage_refuse (error, _ ("%s: nothing to change (that is its graft)."), who);
  if (current != 0 && (reason == NULL || *reason == '\0'))
    return pdx_lineage_refuse (
        error, _ ("%s: changing its recorded graft (%lld) needs a reason. Nothing was changed."),
        who, (long long) current);
  if (d->graft_id != 0)
    {
      graft = pdx_graft_get (db, d->graft_id, &local);
      if (local)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      if (graft == NULL)
        return pdx_lineage_refuse (error, _ ("%s: there is no graft %lld. Nothing was changed."),
                                   who, (long long) d->graft_id);
      if (study->line_id != 0 && graft->line_id != study->line_id)
        return pdx_lineage_refuse (
            error, _ ("%s: graft %lld is of another line than the study's. Nothing was changed."),
            who, (long long) graft->id);
      if (!g_str_equal (graft->outcome, "take"))
        return pdx_lineage_refuse (error,
                                   _ ("%s: graft %lld did not take (%s), so no mouse was implanted "
                                      "from it. Nothing was changed."),
                                   who, (long long) graft->id, graft->outcome);
    }
  stmt = pdx_db_prepare (db, "UPDATE mouse SET graft_id = ? WHERE id = ? AND graft_id IS ?", error);
  if (stmt == NULL)
    return FALSE;
  pdx_lineage_bind_id (stmt, 1, d->graft_id);
  pdx_stmt_bind_int64 (stmt, 2, d->mouse_id);
  pdx_lineage_bind_id (stmt, 3, d->expected);
  return pdx_stmt_run (stmt, _ ("linking the mouse to its graft"), error);
}

gboolean
pdx_mouse_set_graft (PdxDb      *db,
                     gint64      mouse_id,
                     gint64      expected,
                     gint64      graft_id,
                     const char *reason,
                     GError    **error)
{
  LinkData data = { mouse_id, expected, graft_id, reason };

  g_return_val_if_fail (db != NULL, FALSE);
  return pdx_lineage_run (db, reason, link_func, &data, error);
}
