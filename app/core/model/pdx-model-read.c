/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-model-read.c — reading entities: by id, by code or tag, and lists in a stable order. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx-model-private.h"

GPtrArray *
pdx_entity_query (PdxDb        *db,
                  const Entity *e,
                  const char   *sql,
                  void (*bind) (PdxStmt *stmt, gconstpointer data),
                  gconstpointer data,
                  GError      **error)
{
  PdxStmt *stmt = pdx_db_prepare (db, sql, error);
  g_autoptr (GPtrArray) rows = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  rows = g_ptr_array_new ();
  if (bind)
    bind (stmt, data);
  while ((rc = pdx_stmt_step (stmt, NULL)) == PDX_STEP_ROW)
    g_ptr_array_add (rows, pdx_entity_read (e, stmt));
  pdx_stmt_reset (stmt);
  if (rc != PDX_STEP_DONE)
    {
      for (guint i = 0; i < rows->len; i++)
        pdx_entity_free (e, g_ptr_array_index (rows, i));
      pdx_db_set_error (db, error, e->noun);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

static void
bind_int64 (PdxStmt *stmt, gconstpointer data)
{
  pdx_stmt_bind_int64 (stmt, 1, *(const gint64 *) data);
}

static void
bind_text (PdxStmt *stmt, gconstpointer data)
{
  pdx_stmt_bind_text (stmt, 1, data);
}

typedef struct
{
  gint64      id;
  const char *text;
} IdText;

static void
bind_id_text (PdxStmt *stmt, gconstpointer data)
{
  const IdText *p = data;
  pdx_stmt_bind_int64 (stmt, 1, p->id);
  if (p->text)
    pdx_stmt_bind_text (stmt, 2, p->text);
}

/* SQL built once per (entity, clause): "SELECT <columns> FROM t <clause>". Interned (the
 * clauses are a few constants), so a caller need not free it. */
static const char *
select_where (const Entity *e, const char *clause)
{
  g_autofree char *sql = g_strdup_printf ("%s %s", e->select_sql, clause);
  return g_intern_string (sql);
}

static void agents_load (PdxDb *db, GPtrArray *arms, GError **error);

/* Runs the query and hands back the first row (owned) or NULL. Arms get their agents. */
static gpointer
query_one (PdxDb      *db,
           PdxTable    table,
           const char *clause,
           void (*bind) (PdxStmt *, gconstpointer),
           gconstpointer data,
           GError      **error)
{
  const Entity *e = pdx_entity_get (table);
  g_autoptr (GPtrArray) rows =
      pdx_entity_query (db, e, select_where (e, clause), bind, data, error);
  gpointer row;
  GError  *local = NULL;

  if (rows == NULL || rows->len == 0)
    return NULL;
  if (table == PDX_TABLE_ARM)
    {
      agents_load (db, rows, &local);
      if (local)
        {
          for (guint i = 0; i < rows->len; i++)
            pdx_entity_free (e, g_ptr_array_index (rows, i));
          g_propagate_error (error, local);
          return NULL;
        }
    }
  row = g_ptr_array_index (rows, 0);
  for (guint i = 1; i < rows->len; i++)
    pdx_entity_free (e, g_ptr_array_index (rows, i));
  return row;
}

static gpointer
get_by_id (PdxDb *db, PdxTable table, gint64 id, GError **error)
{
  GError  *local = NULL;
  gpointer row = query_one (db, table, "WHERE id = ?", bind_int64, &id, &local);

  if (row == NULL && local == NULL)
    g_set_error (&local, PDX_DB_ERROR, PDX_DB_ERROR_NOT_FOUND, _ ("no %s with id %lld"),
                 _ (pdx_entity_get (table)->noun), (long long) id);
  if (local)
    g_propagate_error (error, local);
  return row;
}

PdxPatient *
pdx_patient_get (PdxDb *db, gint64 id, GError **error)
{
  return get_by_id (db, PDX_TABLE_PATIENT, id, error);
}
PdxSample *
pdx_sample_get (PdxDb *db, gint64 id, GError **error)
{
  return get_by_id (db, PDX_TABLE_SAMPLE, id, error);
}
PdxLine *
pdx_line_get (PdxDb *db, gint64 id, GError **error)
{
  return get_by_id (db, PDX_TABLE_LINE, id, error);
}
PdxStudy *
pdx_study_get (PdxDb *db, gint64 id, GError **error)
{
  return get_by_id (db, PDX_TABLE_STUDY, id, error);
}
PdxArm *
pdx_arm_get (PdxDb *db, gint64 id, GError **error)
{
  return get_by_id (db, PDX_TABLE_ARM, id, error);
}
PdxMouse *
pdx_mouse_get (PdxDb *db, gint64 id, GError **error)
{
  return get_by_id (db, PDX_TABLE_MOUSE, id, error);
}
PdxMeasurement *
pdx_measurement_get (PdxDb *db, gint64 id, GError **error)
{
  return get_by_id (db, PDX_TABLE_MEASUREMENT, id, error);
}

PdxEndpoint *
pdx_endpoint_find_for_mouse (PdxDb *db, gint64 mouse_id, GError **error)
{
  return query_one (db, PDX_TABLE_ENDPOINT, "WHERE mouse_id = ?", bind_int64, &mouse_id, error);
}

PdxPatient *
pdx_patient_find (PdxDb *db, const char *code, GError **error)
{
  return query_one (db, PDX_TABLE_PATIENT, "WHERE code = ?", bind_text, code, error);
}

PdxLine *
pdx_line_find (PdxDb *db, const char *code, GError **error)
{
  return query_one (db, PDX_TABLE_LINE, "WHERE code = ?", bind_text, code, error);
}

PdxStudy *
pdx_study_find (PdxDb *db, const char *code, GError **error)
{
  return query_one (db, PDX_TABLE_STUDY, "WHERE code = ?", bind_text, code, error);
}

PdxArm *
pdx_arm_find (PdxDb *db, gint64 study_id, const char *name, GError **error)
{
  IdText key = { study_id, name };
  return query_one (db, PDX_TABLE_ARM, "WHERE study_id = ? AND name = ?", bind_id_text, &key,
                    error);
}

PdxMouse *
pdx_mouse_find (PdxDb *db, gint64 study_id, const char *tag, GError **error)
{
  IdText key = { study_id, tag };
  return query_one (db, PDX_TABLE_MOUSE, "WHERE study_id = ? AND tag = ?", bind_id_text, &key,
                    error);
}

/* A list with the entity's free func set. */
static GPtrArray *
list (PdxDb      *db,
      PdxTable    table,
      const char *clause,
      void (*bind) (PdxStmt *, gconstpointer),
      gconstpointer data,
      GError      **error)
{
  const Entity *e = pdx_entity_get (table);
  GPtrArray    *rows = pdx_entity_query (db, e, select_where (e, clause), bind, data, error);
  static GDestroyNotify frees[PDX_N_TABLES] = {
    (GDestroyNotify) pdx_patient_free,  (GDestroyNotify) pdx_sample_free,
    (GDestroyNotify) pdx_line_free,     (GDestroyNotify) pdx_study_free,
    (GDestroyNotify) pdx_arm_free,      (GDestroyNotify) pdx_agent_free,
    (GDestroyNotify) pdx_mouse_free,    (GDestroyNotify) pdx_measurement_free,
    (GDestroyNotify) pdx_endpoint_free,
  };

  if (rows)
    g_ptr_array_set_free_func (rows, frees[table]);
  return rows;
}

GPtrArray *
pdx_patient_list (PdxDb *db, GError **error)
{
  return list (db, PDX_TABLE_PATIENT, "ORDER BY code", NULL, NULL, error);
}
GPtrArray *
pdx_sample_list (PdxDb *db, GError **error)
{
  return list (db, PDX_TABLE_SAMPLE, "ORDER BY code", NULL, NULL, error);
}
GPtrArray *
pdx_line_list (PdxDb *db, GError **error)
{
  return list (db, PDX_TABLE_LINE, "ORDER BY code", NULL, NULL, error);
}

GPtrArray *
pdx_study_list (PdxDb *db, gint64 line_id, GError **error)
{
  if (line_id > 0)
    return list (db, PDX_TABLE_STUDY, "WHERE line_id = ? ORDER BY code", bind_int64, &line_id,
                 error);
  return list (db, PDX_TABLE_STUDY, "ORDER BY code", NULL, NULL, error);
}

GPtrArray *
pdx_arm_list (PdxDb *db, gint64 study_id, GError **error)
{
  GError    *local = NULL;
  GPtrArray *arms =
      list (db, PDX_TABLE_ARM, "WHERE study_id = ? ORDER BY position, is_control DESC, id",
            bind_int64, &study_id, error);
  if (arms == NULL)
    return NULL;
  agents_load (db, arms, &local);
  if (local)
    {
      g_ptr_array_unref (arms);
      g_propagate_error (error, local);
      return NULL;
    }
  return arms;
}

/* Fills each arm's agents with one query per arm (a study has a handful of arms). */
static void
agents_load (PdxDb *db, GPtrArray *arms, GError **error)
{
  for (guint i = 0; i < arms->len; i++)
    {
      PdxArm *arm = g_ptr_array_index (arms, i);
      g_autoptr (GPtrArray) agents =
          list (db, PDX_TABLE_AGENT, "WHERE arm_id = ? ORDER BY id", bind_int64, &arm->id, error);
      if (agents == NULL)
        return;
      g_ptr_array_set_size (arm->agents, 0);
      g_ptr_array_extend_and_steal (arm->agents, g_steal_pointer (&agents));
    }
}

GPtrArray *
pdx_mouse_list (PdxDb *db, gint64 study_id, GError **error)
{
  /* Tags sort naturally when they are numbers ("2" before "10"). */
  return list (db, PDX_TABLE_MOUSE, "WHERE study_id = ? ORDER BY length(tag), tag", bind_int64,
               &study_id, error);
}

GPtrArray *
pdx_measurement_list_for_mouse (PdxDb *db, gint64 mouse_id, GError **error)
{
  return list (db, PDX_TABLE_MEASUREMENT, "WHERE mouse_id = ? ORDER BY date", bind_int64, &mouse_id,
               error);
}

GPtrArray *
pdx_measurement_list_for_study (PdxDb *db, gint64 study_id, const char *date, GError **error)
{
  IdText key = { study_id, date };
  if (date)
    return list (db, PDX_TABLE_MEASUREMENT,
                 "WHERE mouse_id IN (SELECT id FROM mouse WHERE study_id = ?) AND date = ?"
                 " ORDER BY mouse_id",
                 bind_id_text, &key, error);
  return list (
      db, PDX_TABLE_MEASUREMENT,
      "WHERE mouse_id IN (SELECT id FROM mouse WHERE study_id = ?) ORDER BY mouse_id, date",
      bind_id_text, &key, error);
}

char **
pdx_study_list_measurement_dates (PdxDb *db, gint64 study_id, GError **error)
{
  PdxStmt *stmt =
      pdx_db_prepare (db,
                      "SELECT DISTINCT date FROM measurement"
                      " WHERE mouse_id IN (SELECT id FROM mouse WHERE study_id = ?) ORDER BY date",
                      error);
  g_autoptr (GStrvBuilder) dates = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  dates = g_strv_builder_new ();
  pdx_stmt_bind_int64 (stmt, 1, study_id);
  while ((rc = pdx_stmt_step (stmt, NULL)) == PDX_STEP_ROW)
    g_strv_builder_add (dates, pdx_stmt_column_text (stmt, 0));
  pdx_stmt_reset (stmt);
  if (rc != PDX_STEP_DONE)
    {
      pdx_db_set_error (db, error, "measurement dates");
      return NULL;
    }
  return g_strv_builder_end (dates);
}
