/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-study-duplicate.c — a study as the template of a new one (issue 13,
 * docs/study-lifecycle.md): the design (line, passage, implant, readout, protocol,
 * investigator, every arm with its agents, in their order) copied into a new planned study,
 * in one transaction; no mouse and no measurement is copied. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "store/pdx-store.h"
#include "pdx/pdx-date.h"
#include "pdx/pdx-model.h"

static gboolean
refuse (GError **error, int code, const char *message)
{
  g_set_error_literal (error, PDX_DB_ERROR, code, message);
  return FALSE;
}

/* The checks of what the person typed; @code is trimmed. */
static gboolean
check_new (PdxDb *db, const char *code, const char *day0, GError **error)
{
  g_autoptr (PdxStudy) existing = NULL;
  g_autoptr (GError) local = NULL;
  g_autofree char *message = NULL;

  if (*code == '\0')
    return refuse (error, PDX_DB_ERROR_INVALID,
                   _ ("The new study needs a code. Nothing was created."));
  if (day0 && !pdx_date_is_valid (day0))
    {
      message = g_strdup_printf (_ ("New study %s: day 0 '%s' is not a date (YYYY-MM-DD). "
                                    "Nothing was created."),
                                 code, day0);
      return refuse (error, PDX_DB_ERROR_INVALID, message);
    }
  existing = pdx_study_find (db, code, &local);
  if (local)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (existing)
    {
      message = g_strdup_printf (_ ("A study with the code %s already exists. Nothing was "
                                    "created; choose another code."),
                                 code);
      return refuse (error, PDX_DB_ERROR_DUPLICATE, message);
    }
  return TRUE;
}

/* The new study's row: the source's design, status planned. Owned. */
static PdxStudy *
new_study_from (const PdxStudy *source, const char *code, const char *title, const char *day0)
{
  PdxStudy *study = pdx_study_new ();

  study->code = g_strdup (code);
  study->title = g_strdup (title ? title : source->title);
  study->line_id = source->line_id;
  study->passage = source->passage;
  study->implant_site = g_strdup (source->implant_site);
  study->implant_material = g_strdup (source->implant_material);
  study->implant_amount = g_strdup (source->implant_amount);
  study->readout = source->readout;
  study->day0 = g_strdup (day0 ? day0 : source->day0);
  study->protocol = g_strdup (source->protocol);
  study->investigator = g_strdup (source->investigator);
  study->status = g_strdup ("planned");
  return study;
}

/* The ids of @study_id's arms in their order. */
static GArray *
list_arm_ids (PdxDb *db, gint64 study_id, GError **error)
{
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  PdxStmt *stmt = pdx_db_prepare (db,
                                  "SELECT id FROM arm WHERE study_id = ?"
                                  " ORDER BY position, is_control DESC, id",
                                  error);
  PdxStep  step;

  if (stmt == NULL)
    return NULL;
  pdx_stmt_bind_int64 (stmt, 1, study_id);
  while ((step = pdx_stmt_step (stmt, error)) == PDX_STEP_ROW)
    {
      gint64 id = pdx_stmt_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  pdx_stmt_reset (stmt);
  return step == PDX_STEP_DONE ? g_steal_pointer (&ids) : NULL;
}

/* Copies arm @arm_id (name, control, colour, position) and its agents into @study_id. */
static gboolean
copy_arm (PdxDb *db, gint64 arm_id, gint64 study_id, GError **error)
{
  PdxStmt *arm = pdx_db_prepare (db,
                                 "INSERT INTO arm (study_id, name, is_control, colour, position)"
                                 " SELECT ?, name, is_control, colour, position FROM arm"
                                 " WHERE id = ?",
                                 error);
  PdxStmt *agents;
  gint64   new_arm;

  if (arm == NULL)
    return FALSE;
  pdx_stmt_bind_int64 (arm, 1, study_id);
  pdx_stmt_bind_int64 (arm, 2, arm_id);
  if (!pdx_stmt_run (arm, _ ("copying an arm"), error))
    return FALSE;
  new_arm = pdx_db_last_insert_id (db);
  agents = pdx_db_prepare (db,
                           "INSERT INTO agent (arm_id, drug, dose, unit, route, schedule,"
                           " first_day, last_day) SELECT ?, drug, dose, unit, route, schedule,"
                           " first_day, last_day FROM agent WHERE arm_id = ? ORDER BY id",
                           error);
  if (agents == NULL)
    return FALSE;
  pdx_stmt_bind_int64 (agents, 1, new_arm);
  pdx_stmt_bind_int64 (agents, 2, arm_id);
  return pdx_stmt_run (agents, _ ("copying an arm's agents"), error);
}

static gboolean
copy_design (PdxDb *db, const PdxStudy *source, PdxStudy *study, GError **error)
{
  g_autoptr (GArray) arms = NULL;

  if (!pdx_study_insert (db, study, error))
    return FALSE;
  if (!(arms = list_arm_ids (db, source->id, error)))
    return FALSE;
  for (guint i = 0; i < arms->len; i++)
    if (!copy_arm (db, g_array_index (arms, gint64, i), study->id, error))
      return FALSE;
  return TRUE;
}

gboolean
pdx_study_duplicate (PdxDb      *db,
                     gint64      source_id,
                     const char *new_code,
                     const char *title,
                     const char *day0,
                     gint64     *new_id,
                     GError    **error)
{
  g_autofree char *code = g_strstrip (g_strdup (new_code ? new_code : ""));
  g_autofree char *previous = NULL, *why = NULL;
  g_autoptr (PdxStudy) source = NULL, study = NULL;
  gboolean ok;

  g_return_val_if_fail (db != NULL, FALSE);
  if (new_id)
    *new_id = 0;
  if (!pdx_db_begin (db, error))
    return FALSE;
  ok = (source = pdx_study_get (db, source_id, error)) != NULL &&
       check_new (db, code, day0 && *day0 ? day0 : NULL, error);
  if (ok)
    {
      study = new_study_from (source, code, title, day0 && *day0 ? day0 : NULL);
      /* Translators: the reason of the new rows' audit entries; %s is the source study. */
      why = g_strdup_printf (_ ("duplicated from study %s"), source->code);
      previous = g_strdup (pdx_db_get_reason (db));
      pdx_db_set_reason (db, why);
      ok = copy_design (db, source, study, error);
      pdx_db_set_reason (db, previous);
    }
  if (!ok)
    {
      pdx_db_rollback (db);
      return FALSE;
    }
  if (!pdx_db_commit (db, error))
    return FALSE;
  if (new_id)
    *new_id = study->id;
  return TRUE;
}
