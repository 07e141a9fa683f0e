/* pdx-measurement.c — writing measurements: caliper normalisation (L >= W, volume derived), the
 * implant/endpoint date rule with a message that names the mouse, and insert-or-update by date. */
#include "pdx-model-private.h"

#include <math.h>
#include <string.h>

/* L >= W and the derived volume, in place. A volume entered together with L and W is replaced
 * by the derived one: the caliper is the primary record. */
static void
normalise_caliper (PdxMeasurement *m)
{
  if (!isnan (m->length_mm) && !isnan (m->width_mm))
    {
      if (m->length_mm < m->width_mm)
        {
          double t = m->length_mm;
          m->length_mm = m->width_mm;
          m->width_mm = t;
        }
      m->volume_mm3 = pdx_caliper_volume (m->length_mm, m->width_mm);
    }
}

/* The date rule of SPEC §3, checked here for a message that says which mouse and which dates;
 * the schema's triggers enforce it again for any other writer. */
static gboolean
check_dates (PdxDb *db, const PdxMeasurement *m, GError **error)
{
  sqlite3_stmt *stmt = pdx_db_prepare (db,
    "SELECT tag, implant_date, (SELECT date FROM endpoint WHERE mouse_id = mouse.id)"
    " FROM mouse WHERE id = ?", error);
  const char *tag, *implant, *end;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, m->mouse_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_NOT_FOUND,
                   "measurement on %s: no mouse with id %" G_GINT64_FORMAT, m->date, m->mouse_id);
      return FALSE;
    }
  tag = (const char *) sqlite3_column_text (stmt, 0);
  implant = (const char *) sqlite3_column_text (stmt, 1);
  end = (const char *) sqlite3_column_text (stmt, 2);
  if (implant && strcmp (m->date, implant) < 0)
    g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_INVALID,
                 "mouse %s: measurement date %s is before its implant date %s", tag, m->date,
                 implant);
  else if (end && strcmp (m->date, end) > 0)
    g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_INVALID,
                 "mouse %s: measurement date %s is after its endpoint on %s", tag, m->date, end);
  sqlite3_reset (stmt);
  return error == NULL || *error == NULL;
}

static gboolean
prepare_measurement (PdxDb *db, PdxMeasurement *m, GError **error)
{
  GError *local = NULL;

  normalise_caliper (m);
  if (!pdx_measurement_validate (m, error))
    return FALSE;
  if (!check_dates (db, m, &local))
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  return TRUE;
}

/* Insert (@insert) or update one measurement: normalised, validated, date-checked, and the
 * operator defaulted to the lab's current operator, all in @m itself. */
static gboolean
write_measurement (PdxDb *db, PdxMeasurement *m, gboolean insert, GError **error)
{
  if (!insert && m->id <= 0)
    {
      g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_INVALID,
                   "measurement: has not been stored yet");
      return FALSE;
    }
  if (!prepare_measurement (db, m, error) || !pdx_db_begin (db, error))
    return FALSE;
  if (m->operator_name == NULL)
    m->operator_name = g_strdup (pdx_db_get_operator (db));
  if (insert)
    m->id = 0;
  if (!pdx_entity_write (db, pdx_entity_get (PDX_TABLE_MEASUREMENT), m, insert, m->date, error))
    {
      pdx_db_rollback (db);
      if (insert)
        m->id = 0;
      return FALSE;
    }
  return pdx_db_commit (db, error);
}

gboolean
pdx_measurement_insert (PdxDb *db, PdxMeasurement *m, GError **error)
{
  return write_measurement (db, m, TRUE, error);
}

gboolean
pdx_measurement_update (PdxDb *db, PdxMeasurement *m, GError **error)
{
  return write_measurement (db, m, FALSE, error);
}

gboolean
pdx_measurement_upsert (PdxDb *db, PdxMeasurement *m, GError **error)
{
  sqlite3_stmt *stmt;

  if (m->mouse_id <= 0 || m->date == NULL)
    return pdx_measurement_validate (m, error);
  stmt = pdx_db_prepare (db, "SELECT id FROM measurement WHERE mouse_id = ? AND date = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, m->mouse_id);
  sqlite3_bind_text (stmt, 2, m->date, -1, SQLITE_STATIC);
  m->id = sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  return m->id > 0 ? pdx_measurement_update (db, m, error) : pdx_measurement_insert (db, m, error);
}
