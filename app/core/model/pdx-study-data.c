/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-study-data.c — loading one study into plain arrays for analysis, charts and exports:
 * four indexed queries whatever the number of mice. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx/pdx-study-data.h"
#include "store/pdx-store.h"

#include <math.h>
#include <string.h>

static char *
dup_col (PdxStmt *stmt, int i)
{
  return g_strdup (pdx_stmt_column_text (stmt, i));
}

static double
real_col (PdxStmt *stmt, int i)
{
  return pdx_stmt_column_is_null (stmt, i) ? NAN : pdx_stmt_column_double (stmt, i);
}

static int
int_col (PdxStmt *stmt, int i)
{
  return pdx_stmt_column_is_null (stmt, i) ? -1 : pdx_stmt_column_int (stmt, i);
}

void
pdx_study_data_free (PdxStudyData *data)
{
  if (data == NULL)
    return;
  for (guint a = 0; a < data->n_arms; a++)
    {
      PdxStudyArm *arm = &data->arms[a];
      for (guint g = 0; g < arm->n_agents; g++)
        {
          g_free (arm->agents[g].drug);
          g_free (arm->agents[g].unit);
          g_free (arm->agents[g].route);
          g_free (arm->agents[g].schedule);
        }
      g_free (arm->agents);
      g_free (arm->name);
      g_free (arm->colour);
    }
  for (guint m = 0; m < data->n_mice; m++)
    {
      PdxStudyMouse *mouse = &data->mice[m];
      g_free (mouse->tag);
      g_free (mouse->cage);
      g_free (mouse->sex);
      g_free (mouse->exclusion_reason);
      g_free (mouse->day);
      g_free (mouse->value);
      g_free (mouse->weight_g);
      g_free (mouse->neuro_score);
    }
  for (guint x = 0; x < data->n_excluded_measurements; x++)
    {
      g_free (data->excluded_measurements[x].tag);
      g_free (data->excluded_measurements[x].date);
      g_free (data->excluded_measurements[x].reason);
    }
  g_free (data->excluded_measurements);
  g_free (data->arms);
  g_free (data->mice);
  g_free (data->code);
  g_free (data->title);
  g_free (data->line_code);
  g_free (data->day0);
  g_free (data->implant_site);
  g_free (data);
}

int
pdx_study_data_get_control (const PdxStudyData *data)
{
  for (guint a = 0; a < data->n_arms; a++)
    if (data->arms[a].is_control)
      return (int) a;
  return -1;
}

static gboolean
load_study (PdxDb *db, gint64 study_id, PdxStudyData *data, GError **error)
{
  PdxStmt *stmt = pdx_db_prepare (
      db,
      "SELECT s.code, s.title, l.code, s.readout, s.day0, s.implant_site FROM study s"
      " LEFT JOIN line l ON l.id = s.line_id WHERE s.id = ?",
      error);
  if (stmt == NULL)
    return FALSE;
  pdx_stmt_bind_int64 (stmt, 1, study_id);
  if (pdx_stmt_step (stmt, NULL) != PDX_STEP_ROW)
    {
      pdx_stmt_reset (stmt);
      g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_NOT_FOUND, _ ("no study with id %lld"),
                   (long long) study_id);
      return FALSE;
    }
  data->id = study_id;
  data->code = dup_col (stmt, 0);
  data->title = dup_col (stmt, 1);
  data->line_code = dup_col (stmt, 2);
  pdx_readout_from_string (pdx_stmt_column_text (stmt, 3), &data->readout);
  data->day0 = dup_col (stmt, 4);
  data->implant_site = dup_col (stmt, 5);
  pdx_stmt_reset (stmt);
  return TRUE;
}

/* Arms (control first, then in the order they were made) with their agents, in one query. */
static gboolean
load_arms (PdxDb *db, PdxStudyData *data, GError **error)
{
  PdxStmt *stmt = pdx_db_prepare (
      db,
      "SELECT a.id, a.name, a.is_control, a.colour, g.drug, g.dose, g.unit, g.route, g.schedule,"
      " g.first_day, g.last_day FROM arm a LEFT JOIN agent g ON g.arm_id = a.id"
      " WHERE a.study_id = ? ORDER BY a.position, a.is_control DESC, a.id, g.id",
      error);
  g_autoptr (GArray) arms = g_array_new (FALSE, TRUE, sizeof (PdxStudyArm));
  int rc;

  if (stmt == NULL)
    return FALSE;
  data->treatment_first_day = data->treatment_last_day = NAN;
  pdx_stmt_bind_int64 (stmt, 1, data->id);
  while ((rc = pdx_stmt_step (stmt, NULL)) == PDX_STEP_ROW)
    {
      gint64         id = pdx_stmt_column_int64 (stmt, 0);
      PdxStudyArm   *arm = arms->len ? &g_array_index (arms, PdxStudyArm, arms->len - 1) : NULL;
      PdxStudyAgent *agent;

      if (arm == NULL || arm->id != id)
        {
          PdxStudyArm fresh = { .id = id,
                                .name = dup_col (stmt, 1),
                                .is_control = pdx_stmt_column_int (stmt, 2) != 0,
                                .colour = dup_col (stmt, 3) };
          g_array_append_val (arms, fresh);
          arm = &g_array_index (arms, PdxStudyArm, arms->len - 1);
        }
      if (pdx_stmt_column_is_null (stmt, 4))
        continue;
      arm->agents = g_renew (PdxStudyAgent, arm->agents, arm->n_agents + 1);
      agent = &arm->agents[arm->n_agents++];
      agent->drug = dup_col (stmt, 4);
      agent->dose = real_col (stmt, 5);
      agent->unit = dup_col (stmt, 6);
      agent->route = dup_col (stmt, 7);
      agent->schedule = dup_col (stmt, 8);
      agent->first_day = int_col (stmt, 9);
      agent->last_day = int_col (stmt, 10);
      if (!arm->is_control && agent->first_day >= 0 &&
          !(agent->first_day >= data->treatment_first_day))
        data->treatment_first_day = agent->first_day;
      if (!arm->is_control && agent->last_day >= 0 &&
          !(agent->last_day <= data->treatment_last_day))
        data->treatment_last_day = agent->last_day;
    }
  pdx_stmt_reset (stmt);
  data->n_arms = arms->len;
  data->arms = (PdxStudyArm *) (void *) g_array_free (g_steal_pointer (&arms), FALSE);
  if (rc != PDX_STEP_DONE)
    return pdx_db_set_error (db, error, "loading arms");
  return TRUE;
}

static int
arm_index (const PdxStudyData *data, gint64 arm_id)
{
  for (guint a = 0; a < data->n_arms; a++)
    if (data->arms[a].id == arm_id)
      return (int) a;
  return -1;
}

static gboolean
load_mice (PdxDb *db, PdxStudyData *data, GError **error)
{
  PdxStmt *stmt = pdx_db_prepare (
      db,
      "SELECT m.id, m.tag, m.arm_id, m.cage, m.sex, m.excluded, m.exclusion_reason,"
      " julianday (m.implant_date) - julianday (?2), julianday (e.date) - julianday (?2),"
      " e.is_event, e.kind"
      " FROM mouse m LEFT JOIN endpoint e ON e.mouse_id = m.id WHERE m.study_id = ?1"
      " ORDER BY m.id",
      error);
  g_autoptr (GArray) mice = g_array_new (FALSE, TRUE, sizeof (PdxStudyMouse));
  int rc;

  if (stmt == NULL)
    return FALSE;
  pdx_stmt_bind_int64 (stmt, 1, data->id);
  pdx_stmt_bind_text (stmt, 2, data->day0);
  while ((rc = pdx_stmt_step (stmt, NULL)) == PDX_STEP_ROW)
    {
      PdxStudyMouse m = { 0 };
      m.id = pdx_stmt_column_int64 (stmt, 0);
      m.tag = dup_col (stmt, 1);
      m.arm = pdx_stmt_column_is_null (stmt, 2) ? -1
                                                : arm_index (data, pdx_stmt_column_int64 (stmt, 2));
      m.cage = dup_col (stmt, 3);
      m.sex = dup_col (stmt, 4);
      m.excluded = pdx_stmt_column_int (stmt, 5) != 0;
      m.exclusion_reason = dup_col (stmt, 6);
      m.implant_day = real_col (stmt, 7);
      m.last_observed_day = NAN;
      m.endpoint_day = real_col (stmt, 8);
      m.has_endpoint = !isnan (m.endpoint_day);
      m.event = m.has_endpoint && pdx_stmt_column_int (stmt, 9) != 0;
      if (m.has_endpoint)
        pdx_endpoint_kind_from_string (pdx_stmt_column_text (stmt, 10), &m.endpoint_kind);
      g_array_append_val (mice, m);
    }
  pdx_stmt_reset (stmt);
  data->n_mice = mice->len;
  data->mice = (PdxStudyMouse *) (void *) g_array_free (g_steal_pointer (&mice), FALSE);
  if (rc != PDX_STEP_DONE)
    return pdx_db_set_error (db, error, "loading mice");
  return TRUE;
}

static PdxStudyMouse *
find_mouse (PdxStudyData *data, gint64 id)
{
  /* mice are ordered by id here (before the final sort): binary search. */
  guint lo = 0, hi = data->n_mice;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (data->mice[mid].id < id)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo < data->n_mice && data->mice[lo].id == id ? &data->mice[lo] : NULL;
}

static void
mouse_append (PdxStudyMouse *m, guint *capacity, double day, double value, double weight, int neuro)
{
  if (m->n == *capacity)
    {
      *capacity = *capacity ? *capacity * 2 : 16;
      m->day = g_renew (double, m->day, *capacity);
      m->value = g_renew (double, m->value, *capacity);
      m->weight_g = g_renew (double, m->weight_g, *capacity);
      m->neuro_score = g_renew (int, m->neuro_score, *capacity);
    }
  m->day[m->n] = day;
  m->value[m->n] = value;
  m->weight_g[m->n] = weight;
  m->neuro_score[m->n] = neuro;
  m->n++;
}

/* An excluded measurement: not in the mouse's series, listed on @data for the notes. */
static void
note_excluded (GArray *excluded, const PdxStudyMouse *mouse, PdxStmt *stmt)
{
  PdxStudyExcludedMeasurement x = {
    .tag = g_strdup (mouse->tag),
    .date = dup_col (stmt, 6),
    .day = pdx_stmt_column_double (stmt, 1),
    .reason = dup_col (stmt, 7),
  };

  g_array_append_val (excluded, x);
}

/* Every measurement of the study's mice into their series, except those excluded (schema 5):
 * those are listed apart and only count as the day the mouse was last seen alive. */
static gboolean
load_measurements (PdxDb *db, PdxStudyData *data, GError **error)
{
  PdxStmt *stmt = pdx_db_prepare (
      db,
      "SELECT x.mouse_id, julianday (x.date) - julianday (?2),"
      " CASE ?3 WHEN 'bli_flux' THEN x.bli_flux WHEN 'mri_volume' THEN x.mri_volume_mm3"
      "  ELSE x.volume_mm3 END, x.weight_g, x.neuro_score, x.excluded, x.date, x.exclusion_reason"
      " FROM mouse m JOIN measurement x ON x.mouse_id = m.id WHERE m.study_id = ?1"
      " ORDER BY x.mouse_id, x.date",
      error);
  g_autoptr (GArray) excluded = g_array_new (FALSE, FALSE, sizeof (PdxStudyExcludedMeasurement));
  PdxStudyMouse *current = NULL;
  guint          capacity = 0;
  int            rc;

  if (stmt == NULL)
    return FALSE;
  pdx_stmt_bind_int64 (stmt, 1, data->id);
  pdx_stmt_bind_text (stmt, 2, data->day0);
  pdx_stmt_bind_text (stmt, 3, pdx_readout_to_string (data->readout));
  while ((rc = pdx_stmt_step (stmt, NULL)) == PDX_STEP_ROW)
    {
      gint64 id = pdx_stmt_column_int64 (stmt, 0);
      double day = pdx_stmt_column_double (stmt, 1);
      if (current == NULL || current->id != id)
        {
          current = find_mouse (data, id);
          capacity = 0;
          g_assert (current != NULL && current->n == 0);
        }
      current->last_observed_day = day;
      if (pdx_stmt_column_int (stmt, 5) != 0)
        note_excluded (excluded, current, stmt);
      else
        mouse_append (current, &capacity, day, real_col (stmt, 2), real_col (stmt, 3),
                      int_col (stmt, 4));
    }
  pdx_stmt_reset (stmt);
  data->n_excluded_measurements = excluded->len;
  data->excluded_measurements =
      (PdxStudyExcludedMeasurement *) (gpointer) g_array_free (g_steal_pointer (&excluded), FALSE);
  if (rc != PDX_STEP_DONE)
    return pdx_db_set_error (db, error, "loading measurements");
  return TRUE;
}

static void
derive_survival (PdxStudyMouse *m)
{
  double origin = isnan (m->implant_day) ? 0.0 : m->implant_day;

  if (m->has_endpoint)
    {
      m->survival_days = m->endpoint_day - origin;
      m->survival_event = m->event;
    }
  else if (!isnan (m->last_observed_day))
    {
      m->survival_days = m->last_observed_day - origin;
      m->survival_event = FALSE;
    }
  else
    m->survival_days = NAN;
}

/* Natural tag order: shorter numbers first, then text. */
static int
mouse_compare (gconstpointer pa, gconstpointer pb)
{
  const PdxStudyMouse *a = pa, *b = pb;
  guint                arm_a = a->arm < 0 ? G_MAXUINT : (guint) a->arm;
  guint                arm_b = b->arm < 0 ? G_MAXUINT : (guint) b->arm;
  gsize                la, lb;

  if (arm_a != arm_b)
    return arm_a < arm_b ? -1 : 1;
  la = strlen (a->tag), lb = strlen (b->tag);
  if (la != lb)
    return la < lb ? -1 : 1;
  return strcmp (a->tag, b->tag);
}

PdxStudyData *
pdx_study_data_load (PdxDb *db, gint64 study_id, GError **error)
{
  g_autoptr (PdxStudyData) data = g_new0 (PdxStudyData, 1);

  g_return_val_if_fail (db != NULL, NULL);
  if (!load_study (db, study_id, data, error) || !load_arms (db, data, error) ||
      !load_mice (db, data, error) || !load_measurements (db, data, error))
    return NULL;
  for (guint m = 0; m < data->n_mice; m++)
    derive_survival (&data->mice[m]);
  if (data->n_mice > 1)
    qsort (data->mice, data->n_mice, sizeof (PdxStudyMouse), mouse_compare);
  return g_steal_pointer (&data);
}

GArray *
pdx_study_data_list_ids (PdxDb *db, GError **error)
{
  PdxStmt *stmt = pdx_db_prepare (db, "SELECT id FROM study ORDER BY code", error);
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  PdxStep rc;

  g_return_val_if_fail (db != NULL, NULL);
  if (stmt == NULL)
    return NULL;
  while ((rc = pdx_stmt_step (stmt, error)) == PDX_STEP_ROW)
    {
      gint64 id = pdx_stmt_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  pdx_stmt_reset (stmt);
  if (rc != PDX_STEP_DONE)
    return NULL;
  return g_steal_pointer (&ids);
}

GPtrArray *
pdx_study_data_load_all (PdxDb *db, GError **error)
{
  g_autoptr (GArray) ids = pdx_study_data_list_ids (db, error);
  g_autoptr (GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) pdx_study_data_free);

  if (ids == NULL)
    return NULL;
  for (guint i = 0; i < ids->len; i++)
    {
      PdxStudyData *data = pdx_study_data_load (db, g_array_index (ids, gint64, i), error);
      if (data == NULL)
        return NULL;
      g_ptr_array_add (all, data);
    }
  return g_steal_pointer (&all);
}
