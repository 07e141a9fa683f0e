/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-assign.c — a randomisation's arm assignments written in one audited transaction. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx/pdx-study-data.h"

/* Writes @arm_index's assignments: each mouse re-read and updated through the domain API. */
static gboolean
write_assignments (PdxDb *db, const PdxStudyData *data, const int *arm_index, GError **error)
{
  for (guint m = 0; m < data->n_mice; m++)
    {
      g_autoptr (PdxMouse) mouse = NULL;
      if (arm_index[m] < 0)
        continue;
      g_return_val_if_fail ((guint) arm_index[m] < data->n_arms, FALSE);
      mouse = pdx_mouse_get (db, data->mice[m].id, error);
      if (mouse == NULL)
        return FALSE;
      if (mouse->arm_id != 0)
        {
          g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_CONFLICT,
                       _ ("mouse %s of study %s was assigned meanwhile"), mouse->tag, data->code);
          return FALSE;
        }
      mouse->arm_id = data->arms[arm_index[m]].id;
      if (!pdx_mouse_update (db, mouse, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
pdx_study_assign_arms (PdxDb        *db,
                       gint64        study_id,
                       const char   *reason,
                       PdxArmPlanner planner,
                       gpointer      user_data,
                       GError      **error)
{
  g_autoptr (PdxStudyData) data = NULL;
  const int *arm_index = NULL;
  gboolean   ok;

  g_return_val_if_fail (db != NULL && planner != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (reason)
    pdx_db_set_reason (db, reason);
  /* Read and write in one transaction, so that the plan is made on what gets changed. */
  ok = pdx_db_begin (db, error);
  if (ok)
    {
      data = pdx_study_data_load (db, study_id, error);
      arm_index = data ? planner (data, user_data, error) : NULL;
      ok = arm_index != NULL && write_assignments (db, data, arm_index, error) &&
           pdx_db_commit (db, error);
      if (!ok)
        pdx_db_rollback (db);
    }
  if (reason)
    pdx_db_set_reason (db, NULL);
  return ok;
}
