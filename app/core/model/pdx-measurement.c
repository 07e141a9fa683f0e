/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-measurement.c — writing measurements: caliper normalisation (L >= W, volume derived), the
 * implant/endpoint date rule with a message that names the mouse, and insert-or-update by date. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

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
  PdxStmt *stmt = pdx_db_prepare (
      db,
      "SELECT tag, implant_date, (SELECT date FROM endpoint WHERE mouse_id = mouse.id)"
      " FROM mouse WHERE id = ?",
      error);
  const char *tag, *implant, *end;

  if (stmt == NULL)
    return FALSE;
  pdx_stmt_bind_int64 (stmt, 1, m->mouse_id);
  if (pdx_stmt_step (stmt, NULL) != PDX_STEP_ROW)
    {
      pdx_stmt_reset (stmt);
      g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_NOT_FOUND,
                   _ ("measurement on %s: no mouse with id %lld"), m->date,
                   (long long) m->mouse_id);
      return FALSE;
    }
  tag = pdx_stmt_column_text (stmt, 0);
  implant = pdx_stmt_column_text (stmt, 1);
  end = pdx_stmt_column_text (stmt, 2);
  if (implant && strcmp (m->date, implant) < 0)
    g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_INVALID,
                 _ ("mouse %s: measurement date %s is before its implant date %s"), tag, m->date,
                 implant);
  else if (end && strcmp (m->date, end) > 0)
    g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_INVALID,
                 _ ("mouse %s: measurement date %s is after its endpoint on %s"), tag, m->date,
                 end);
  pdx_stmt_reset (stmt);
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
                   _ ("measurement: has not been stored yet"));
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
  PdxStmt *stmt;

  if (m->mouse_id <= 0 || m->date == NULL)
    return pdx_measurement_validate (m, error);
  stmt = pdx_db_prepare (db, "SELECT id FROM measurement WHERE mouse_id = ? AND date = ?", error);
  if (stmt == NULL)
    return FALSE;
  pdx_stmt_bind_int64 (stmt, 1, m->mouse_id);
  pdx_stmt_bind_text (stmt, 2, m->date);
  m->id = pdx_stmt_step (stmt, NULL) == PDX_STEP_ROW ? pdx_stmt_column_int64 (stmt, 0) : 0;
  pdx_stmt_reset (stmt);
  return m->id > 0 ? pdx_measurement_update (db, m, error) : pdx_measurement_insert (db, m, error);
}

/* ---- writing only what changed ------------------------------------------------------------ */

/* Mask bit → index of the column in the measurement's field descriptor (pdx-model.c). */
static const struct
{
  guint bit;
  guint field;
} masked_columns[] = {
  { PDX_MEASUREMENT_NOTE, 4 },    { PDX_MEASUREMENT_LENGTH, 5 }, { PDX_MEASUREMENT_WIDTH, 6 },
  { PDX_MEASUREMENT_VOLUME, 7 },  { PDX_MEASUREMENT_BLI, 8 },    { PDX_MEASUREMENT_MRI, 9 },
  { PDX_MEASUREMENT_WEIGHT, 10 }, { PDX_MEASUREMENT_NEURO, 11 },
};

static void
copy_column (const Field *f, gpointer to, gconstpointer from)
{
  gpointer      dst = (guint8 *) to + f->offset;
  gconstpointer src = (const guint8 *) from + f->offset;

  if (f->type == FIELD_TEXT)
    {
      g_free (*(char **) dst);
      *(char **) dst = g_strdup (*(char *const *) src);
    }
  else if (f->type == FIELD_REAL)
    *(double *) dst = *(const double *) src;
  else if (f->type == FIELD_INT)
    *(int *) dst = *(const int *) src;
  else
    g_assert_not_reached ();
}

static void
bind_column (PdxStmt *stmt, int index, const Field *f, gconstpointer row)
{
  gconstpointer p = (const guint8 *) row + f->offset;

  if (f->type == FIELD_TEXT && *(char *const *) p != NULL)
    pdx_stmt_bind_text_copy (stmt, index, *(char *const *) p);
  else if (f->type == FIELD_REAL && !isnan (*(const double *) p))
    pdx_stmt_bind_double (stmt, index, *(const double *) p);
  else if (f->type == FIELD_INT && *(const int *) p >= 0)
    pdx_stmt_bind_int64 (stmt, index, *(const int *) p);
  else
    pdx_stmt_bind_null (stmt, index);
}

/* @stored with the @fields of @m laid over it, the caliper normalised; *@fields gains the
 * columns the normalisation changed. */
static PdxMeasurement *
merge_fields (const PdxMeasurement *stored, const PdxMeasurement *m, guint *fields)
{
  const Entity   *e = pdx_entity_get (PDX_TABLE_MEASUREMENT);
  PdxMeasurement *merged = pdx_measurement_copy (stored);
  double          old_l = merged->length_mm, old_w = merged->width_mm;

  for (guint i = 0; i < G_N_ELEMENTS (masked_columns); i++)
    if (*fields & masked_columns[i].bit)
      copy_column (&e->fields[masked_columns[i].field], merged, m);
  if (*fields & (PDX_MEASUREMENT_LENGTH | PDX_MEASUREMENT_WIDTH))
    {
      *fields |= PDX_MEASUREMENT_LENGTH | PDX_MEASUREMENT_WIDTH;
      if (!isnan (merged->length_mm) && !isnan (merged->width_mm))
        *fields |= PDX_MEASUREMENT_VOLUME;
      else if (isnan (merged->length_mm) && isnan (merged->width_mm) && !isnan (old_l) &&
               !isnan (old_w) && !(*fields & PDX_MEASUREMENT_VOLUME))
        {
          /* The volume was derived from the caliper that is now cleared. */
          merged->volume_mm3 = NAN;
          *fields |= PDX_MEASUREMENT_VOLUME;
        }
    }
  return merged;
}

/* "UPDATE measurement SET a = ?, b = ? WHERE id = ?" for the columns of @fields, interned so
 * that the statement cache keeps one per mask; built only from the schema's own names. */
static const char *
update_fields_sql (guint fields)
{
  const Entity *e = pdx_entity_get (PDX_TABLE_MEASUREMENT);
  g_autoptr (GString) sql = g_string_new ("UPDATE measurement SET ");
  gboolean first = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (masked_columns); i++)
    if (fields & masked_columns[i].bit)
      {
        g_string_append_printf (sql, "%s%s = ?", first ? "" : ", ",
                                e->fields[masked_columns[i].field].column);
        first = FALSE;
      }
  g_string_append (sql, " WHERE id = ?");
  return g_intern_string (sql->str);
}

static gboolean
run_update_fields (PdxDb *db, const PdxMeasurement *merged, guint fields, GError **error)
{
  const Entity *e = pdx_entity_get (PDX_TABLE_MEASUREMENT);
  PdxStmt      *stmt = pdx_db_prepare (db, update_fields_sql (fields), error);
  int           index = 1;

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (masked_columns); i++)
    if (fields & masked_columns[i].bit)
      bind_column (stmt, index++, &e->fields[masked_columns[i].field], merged);
  pdx_stmt_bind_int64 (stmt, index, merged->id);
  if (pdx_stmt_step (stmt, NULL) != PDX_STEP_DONE)
    {
      pdx_db_step_error (db, error, "measurement");
      pdx_stmt_reset (stmt);
      return FALSE;
    }
  pdx_stmt_reset (stmt);
  if (pdx_db_changes (db) == 0)
    {
      g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_NOT_FOUND,
                   _ ("measurement %s no longer exists"), merged->date);
      return FALSE;
    }
  return TRUE;
}

gboolean
pdx_measurement_update_fields (PdxDb *db, PdxMeasurement *m, guint fields, GError **error)
{
  g_autoptr (PdxMeasurement) stored = NULL;
  g_autoptr (PdxMeasurement) merged = NULL;
  const Entity *e = pdx_entity_get (PDX_TABLE_MEASUREMENT);

  g_return_val_if_fail (db != NULL && m != NULL, FALSE);
  g_return_val_if_fail ((fields & ~(guint) PDX_MEASUREMENT_ALL_VALUES) == 0, FALSE);
  if (m->id <= 0)
    {
      g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_INVALID,
                   _ ("measurement: has not been stored yet"));
      return FALSE;
    }
  if (!pdx_db_begin (db, error))
    return FALSE;
  stored = pdx_measurement_get (db, m->id, error);
  if (stored != NULL)
    merged = merge_fields (stored, m, &fields);
  if (merged == NULL || !pdx_measurement_validate (merged, error) ||
      !check_dates (db, merged, error) ||
      (fields != 0 && !run_update_fields (db, merged, fields, error)))
    {
      pdx_db_rollback (db);
      return FALSE;
    }
  if (!pdx_db_commit (db, error))
    return FALSE;
  /* @m becomes the row as stored. */
  for (guint i = 1; i < e->n_fields; i++)
    if (e->fields[i].type == FIELD_TEXT || e->fields[i].type == FIELD_DATE)
      g_free (*(char **) ((guint8 *) m + e->fields[i].offset));
  memcpy (m, merged, sizeof *m);
  g_free (g_steal_pointer (&merged));
  return TRUE;
}

static void
bind_mouse_date (PdxStmt *stmt, gconstpointer data)
{
  const PdxMeasurement *key = data;

  pdx_stmt_bind_int64 (stmt, 1, key->mouse_id);
  pdx_stmt_bind_text_copy (stmt, 2, key->date);
}

PdxMeasurement *
pdx_measurement_find (PdxDb *db, gint64 mouse_id, const char *date, GError **error)
{
  const Entity  *e = pdx_entity_get (PDX_TABLE_MEASUREMENT);
  PdxMeasurement key = { .mouse_id = mouse_id, .date = (char *) date };
  g_autoptr (GPtrArray) rows = NULL;
  PdxMeasurement *found = NULL;

  g_return_val_if_fail (db != NULL && date != NULL, NULL);
  /* The descriptor's columns in its order (pdx-model.c), as pdx_entity_read expects. */
  rows = pdx_entity_query (db, e,
                           "SELECT id, mouse_id, date, operator, note, length_mm, width_mm,"
                           " volume_mm3, bli_flux, mri_volume_mm3, weight_g, neuro_score"
                           " FROM measurement WHERE mouse_id = ? AND date = ?",
                           bind_mouse_date, &key, error);
  if (rows == NULL)
    return NULL;
  for (guint i = 0; i < rows->len; i++)
    if (found == NULL)
      found = g_ptr_array_index (rows, i);
    else
      pdx_measurement_free (g_ptr_array_index (rows, i));
  return found;
}
