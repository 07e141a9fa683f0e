/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-arm-edit.c — a study's arms and agents edited after creation (issue 13,
 * docs/study-lifecycle.md "Arms and agents"): an arm's name, control and colour, the arms'
 * order, and each arm's agents added, corrected or removed. Each change has a reason, writes
 * only the columns that changed, never over a value another writer changed since it was read,
 * and a locked study refuses first, naming its lock. One transaction per call; the dialog's
 * Save is one call (pdx_study_arms_apply). */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx/pdx-audit.h"

#include "pdx-model-private.h"

#include <math.h>
#include <string.h>

static gboolean refuse (GError **error, int code, const char *format, ...) G_GNUC_PRINTF (3, 4);

static gboolean
refuse (GError **error, int code, const char *format, ...)
{
  va_list          args;
  g_autofree char *message = NULL, *safe = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  safe = pdx_text_escape_controls (message);
  g_set_error_literal (error, PDX_DB_ERROR, code, safe);
  return FALSE;
}

static gboolean
blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  while (g_ascii_isspace (*text))
    text++;
  return *text == '\0';
}

/* The study's code, for messages (owned; "?" when it cannot be read). */
static char *
study_code (PdxDb *db, gint64 study_id)
{
  g_autoptr (PdxStudy) study = pdx_study_get (db, study_id, NULL);
  return study ? pdx_text_shown (study->code) : g_strdup ("?");
}

typedef gboolean (*EditFunc) (PdxDb *db, gpointer data, GError **error);

/* Runs @func in one transaction with @reason (required, trimmed) on the connection, after the
 * lock check of @study_id (0: the function checks it itself). All or nothing. */
static gboolean
run_edit (PdxDb *db, const char *reason, EditFunc func, gpointer data, GError **error)
{
  g_autofree char *why = g_strstrip (g_strdup (reason ? reason : ""));
  g_autofree char *previous = NULL;
  gboolean         ok;

  if (*why == '\0')
    return refuse (error, PDX_DB_ERROR_INVALID,
                   _ ("Changing a study's arms or agents needs a reason. Nothing was changed."));
  if (!pdx_db_begin (db, error))
    return FALSE;
  previous = g_strdup (pdx_db_get_reason (db));
  pdx_db_set_reason (db, why);
  ok = func (db, data, error);
  pdx_db_set_reason (db, previous);
  if (!ok)
    {
      pdx_db_rollback (db);
      return FALSE;
    }
  return pdx_db_commit (db, error);
}

/* ---- columns ------------------------------------------------------------------------------ */

static const Field *
field_named (PdxTable table, const char *column)
{
  const Entity *e = pdx_entity_get (table);

  for (guint i = 0; i < e->n_fields; i++)
    if (g_str_equal (e->fields[i].column, column))
      return &e->fields[i];
  g_assert_not_reached ();
}

static gboolean
field_equal (const Field *f, gconstpointer a, gconstpointer b)
{
  gconstpointer pa = (const guint8 *) a + f->offset, pb = (const guint8 *) b + f->offset;

  switch (f->type)
    {
    case FIELD_TEXT:
      return g_strcmp0 (*(char *const *) pa, *(char *const *) pb) == 0;
    case FIELD_INT:
      return *(const int *) pa == *(const int *) pb;
    case FIELD_REAL:
      return (isnan (*(const double *) pa) && isnan (*(const double *) pb)) ||
             *(const double *) pa == *(const double *) pb;
    case FIELD_BOOL:
      return !*(const gboolean *) pa == !*(const gboolean *) pb;
    default:
      g_assert_not_reached ();
    }
}

/* One UPDATE of the @n columns @fields of row @id of @table from @row, inside the caller's
 * transaction; the column names come from the descriptors, never from user text. */
static gboolean
write_columns (PdxDb              *db,
               PdxTable            table,
               gint64              id,
               const Field *const *fields,
               guint               n,
               gconstpointer       row,
               const char         *what,
               GError            **error)
{
  g_autoptr (GString) sql = g_string_new (NULL);
  PdxStmt *stmt;

  g_string_append_printf (sql, "UPDATE %s SET ", pdx_table_get_name (table));
  for (guint i = 0; i < n; i++)
    g_string_append_printf (sql, "%s%s = ?", i ? ", " : "", fields[i]->column);
  g_string_append_printf (sql, " WHERE id = ?%u", n + 1);
  stmt = pdx_db_prepare (db, g_intern_string (sql->str), error); /* cached under its address */
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < n; i++)
    pdx_entity_bind_field (stmt, (int) i + 1, fields[i], row);
  pdx_stmt_bind_int64 (stmt, (int) n + 1, id);
  return pdx_stmt_run (stmt, what, error);
}

/* ---- arms --------------------------------------------------------------------------------- */

static const struct
{
  PdxArmFields field;
  const char  *column;
} arm_columns[] = {
  { PDX_ARM_NAME, "name" },
  { PDX_ARM_CONTROL, "is_control" },
  { PDX_ARM_COLOUR, "colour" },
};

static gboolean
colour_ok (const char *colour)
{
  if (colour == NULL)
    return TRUE;
  if (strlen (colour) != 7 || colour[0] != '#')
    return FALSE;
  for (int i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (colour[i]))
      return FALSE;
  return TRUE;
}

/* The arm as the person wants it stored: the name trimmed, "" colour for the palette's. */
static PdxArm *
arm_normalised (const PdxArm *changed)
{
  PdxArm *arm = pdx_arm_copy (changed);

  if (arm->name)
    g_strstrip (arm->name);
  if (arm->colour && *arm->colour == '\0')
    g_clear_pointer (&arm->colour, g_free);
  return arm;
}

/* The other arm of the study named @name, in *@other (owned, NULL for none). */
static gboolean
arm_named (
    PdxDb *db, gint64 study_id, gint64 arm_id, const char *name, gint64 *other, GError **error)
{
  PdxStmt *stmt =
      pdx_db_prepare (db, "SELECT id FROM arm WHERE study_id = ? AND name = ? AND id != ?", error);
  PdxStep step;

  *other = 0;
  if (stmt == NULL)
    return FALSE;
  pdx_stmt_bind_int64 (stmt, 1, study_id);
  pdx_stmt_bind_text (stmt, 2, name);
  pdx_stmt_bind_int64 (stmt, 3, arm_id);
  step = pdx_stmt_step (stmt, error);
  if (step == PDX_STEP_ROW)
    *other = pdx_stmt_column_int64 (stmt, 0);
  pdx_stmt_reset (stmt);
  return step != PDX_STEP_ERROR;
}

static gboolean
check_arm_value (
    PdxDb *db, const PdxArm *stored, const PdxArm *arm, PdxArmFields field, GError **error)
{
  g_autofree char *code = study_code (db, stored->study_id);
  g_autofree char *shown = pdx_text_shown (stored->name);
  gint64           other = 0;

  switch (field)
    {
    case PDX_ARM_NAME:
      if (blank (arm->name))
        return refuse (error, PDX_DB_ERROR_INVALID,
                       _ ("Arm '%s' of study %s: a name is required. Nothing was changed."), shown,
                       code);
      if (!g_utf8_validate (arm->name, -1, NULL))
        return refuse (error, PDX_DB_ERROR_INVALID,
                       _ ("Arm '%s' of study %s: the name is not valid UTF-8 text. Nothing was "
                          "changed."),
                       shown, code);
      if (!arm_named (db, stored->study_id, stored->id, arm->name, &other, error))
        return FALSE;
      if (other)
        {
          g_autofree char *name = pdx_text_shown (arm->name);
          return refuse (error, PDX_DB_ERROR_INVALID,
                         _ ("Study %s already has an arm named '%s'; arm names are unique "
                            "within a study. Nothing was changed."),
                         code, name);
        }
      return TRUE;
    case PDX_ARM_COLOUR:
      if (!colour_ok (arm->colour))
        {
          g_autofree char *colour = pdx_text_shown (arm->colour);
          return refuse (error, PDX_DB_ERROR_INVALID,
                         _ ("Arm '%s' of study %s: colour '%s' is not #rrggbb (or empty for the "
                            "palette's). Nothing was changed."),
                         shown, code, colour);
        }
      return TRUE;
    default:
      return TRUE;
    }
}

/* Takes the control from every other arm of the study (one, by the model's rule). */
static gboolean
clear_other_control (PdxDb *db, const PdxArm *arm, GError **error)
{
  g_autoptr (GPtrArray) arms = pdx_arm_list (db, arm->study_id, error);
  const Field *f = field_named (PDX_TABLE_ARM, "is_control");

  if (arms == NULL)
    return FALSE;
  for (guint i = 0; i < arms->len; i++)
    {
      PdxArm *other = g_ptr_array_index (arms, i);
      if (other->id == arm->id || !other->is_control)
        continue;
      other->is_control = FALSE;
      if (!write_columns (db, PDX_TABLE_ARM, other->id, &f, 1, other,
                          _ ("changing the control arm"), error))
        return FALSE;
    }
  return TRUE;
}

typedef struct
{
  const PdxArm *read;
  const PdxArm *changed;
  guint         fields;
} ArmEdit;

static gboolean
edit_arm (PdxDb *db, gpointer data, GError **error)
{
  ArmEdit *edit = data;
  g_autoptr (PdxArm) stored = pdx_arm_get (db, edit->read->id, error);
  g_autoptr (PdxArm) arm = NULL;
  const Field     *fields[G_N_ELEMENTS (arm_columns)];
  guint            n = 0;
  g_autofree char *code = NULL, *shown = NULL;

  if (stored == NULL || !pdx_study_check_unlocked (db, stored->study_id, error))
    return FALSE;
  code = study_code (db, stored->study_id);
  shown = pdx_text_shown (stored->name);
  arm = arm_normalised (edit->changed);
  for (guint i = 0; i < G_N_ELEMENTS (arm_columns); i++)
    {
      const Field *f = field_named (PDX_TABLE_ARM, arm_columns[i].column);
      if (!(edit->fields & arm_columns[i].field))
        continue;
      if (!field_equal (f, stored, edit->read))
        return refuse (error, PDX_DB_ERROR_CONFLICT,
                       _ ("Arm '%s' of study %s: its %s was changed by someone else since it was "
                          "read. Nothing was changed; look again and retry."),
                       shown, code, _ (f->label));
      if (field_equal (f, stored, arm))
        continue;
      if (!check_arm_value (db, stored, arm, arm_columns[i].field, error))
        return FALSE;
      fields[n++] = f;
    }
  if (n == 0)
    return refuse (error, PDX_DB_ERROR_INVALID,
                   _ ("Arm '%s' of study %s: nothing to change, every value is as stored."), shown,
                   code);
  if ((edit->fields & PDX_ARM_CONTROL) && arm->is_control && !stored->is_control)
    {
      arm->study_id = stored->study_id;
      arm->id = stored->id;
      if (!clear_other_control (db, arm, error))
        return FALSE;
    }
  return write_columns (db, PDX_TABLE_ARM, stored->id, fields, n, arm, _ ("changing the arm"),
                        error);
}

gboolean
pdx_arm_update_fields (PdxDb        *db,
                       const PdxArm *read,
                       const PdxArm *changed,
                       guint         fields,
                       const char   *reason,
                       GError      **error)
{
  ArmEdit edit = { read, changed, fields };

  g_return_val_if_fail (db != NULL && read != NULL && changed != NULL, FALSE);
  g_return_val_if_fail ((fields & ~(guint) PDX_ARM_ALL_FIELDS) == 0, FALSE);
  return run_edit (db, reason, edit_arm, &edit, error);
}

/* ---- the arms' order ---------------------------------------------------------------------- */

/* Numbers the arms of @order (every arm of the study, in its new order) 0..n-1, writing only
 * the positions that change. */
static gboolean
write_order (PdxDb *db, GPtrArray *order, GError **error)
{
  const Field *f = field_named (PDX_TABLE_ARM, "position");

  for (guint i = 0; i < order->len; i++)
    {
      PdxArm *arm = g_ptr_array_index (order, i);
      if (arm->position == (int) i)
        continue;
      arm->position = (int) i;
      if (!write_columns (db, PDX_TABLE_ARM, arm->id, &f, 1, arm, _ ("reordering the arms"), error))
        return FALSE;
    }
  return TRUE;
}

typedef struct
{
  gint64 study_id;
  gint64 arm_id;
  guint  new_index;
} ArmMove;

static gboolean
move_arm (PdxDb *db, gpointer data, GError **error)
{
  ArmMove *move = data;
  g_autoptr (GPtrArray) arms = NULL;
  g_autofree char *code = NULL;
  PdxArm          *arm = NULL;
  guint            at = 0;

  if (!pdx_study_check_unlocked (db, move->study_id, error) ||
      !(arms = pdx_arm_list (db, move->study_id, error)))
    return FALSE;
  code = study_code (db, move->study_id);
  for (guint i = 0; i < arms->len && arm == NULL; i++)
    if (((PdxArm *) g_ptr_array_index (arms, i))->id == move->arm_id)
      arm = g_ptr_array_index (arms, at = i);
  if (arm == NULL)
    return refuse (error, PDX_DB_ERROR_NOT_FOUND,
                   _ ("Study %s has no arm %lld. Nothing was changed."), code,
                   (long long) move->arm_id);
  if (move->new_index >= arms->len)
    return refuse (error, PDX_DB_ERROR_INVALID,
                   _ ("Study %s has %u arms: position %u is past the last. Nothing was changed."),
                   code, arms->len, move->new_index + 1);
  if (move->new_index == at)
    {
      g_autofree char *shown = pdx_text_shown (arm->name);
      return refuse (error, PDX_DB_ERROR_INVALID,
                     _ ("Arm '%s' of study %s is already at position %u. Nothing was changed."),
                     shown, code, at + 1);
    }
  g_ptr_array_steal_index (arms, at);
  g_ptr_array_insert (arms, (int) move->new_index, arm);
  return write_order (db, arms, error);
}

gboolean
pdx_arm_move (
    PdxDb *db, gint64 study_id, gint64 arm_id, guint new_index, const char *reason, GError **error)
{
  ArmMove move = { study_id, arm_id, new_index };

  g_return_val_if_fail (db != NULL, FALSE);
  return run_edit (db, reason, move_arm, &move, error);
}

/* ---- agents ------------------------------------------------------------------------------- */

static const struct
{
  PdxAgentFields field;
  const char    *column;
} agent_columns[] = {
  { PDX_AGENT_DRUG, "drug" },         { PDX_AGENT_DOSE, "dose" },
  { PDX_AGENT_UNIT, "unit" },         { PDX_AGENT_ROUTE, "route" },
  { PDX_AGENT_SCHEDULE, "schedule" }, { PDX_AGENT_FIRST_DAY, "first_day" },
  { PDX_AGENT_LAST_DAY, "last_day" },
};

PdxAgent *
pdx_agent_get (PdxDb *db, gint64 id, GError **error)
{
  const Entity    *e = pdx_entity_get (PDX_TABLE_AGENT);
  g_autofree char *sql = g_strdup_printf ("%s WHERE id = ?", e->select_sql);
  g_autoptr (GPtrArray) rows = NULL;
  PdxStmt *stmt;
  PdxStep  step;

  g_return_val_if_fail (db != NULL, NULL);
  stmt = pdx_db_prepare (db, g_intern_string (sql), error);
  if (stmt == NULL)
    return NULL;
  pdx_stmt_bind_int64 (stmt, 1, id);
  step = pdx_stmt_step (stmt, error);
  if (step == PDX_STEP_ROW)
    {
      PdxAgent *agent = pdx_entity_read (e, stmt);
      pdx_stmt_reset (stmt);
      return agent;
    }
  pdx_stmt_reset (stmt);
  if (step == PDX_STEP_DONE)
    g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_NOT_FOUND, _ ("There is no agent %lld."),
                 (long long) id);
  return NULL;
}

guint
pdx_agent_diff (const PdxAgent *a, const PdxAgent *b)
{
  guint mask = 0;

  for (guint i = 0; i < G_N_ELEMENTS (agent_columns); i++)
    if (!field_equal (field_named (PDX_TABLE_AGENT, agent_columns[i].column), a, b))
      mask |= agent_columns[i].field;
  return mask;
}

/* Where messages about @agent say it is: "Agent 'T-DM1' of arm 'Vehicle' (study S)". Owned. */
static char *
agent_place (PdxDb *db, const PdxArm *arm, const char *drug)
{
  g_autofree char *code = study_code (db, arm->study_id);
  g_autofree char *arm_name = pdx_text_shown (arm->name);
  g_autofree char *shown = pdx_text_shown (drug ? drug : "");

  return g_strdup_printf (_ ("Agent '%s' of arm '%s' (study %s)"), shown, arm_name, code);
}

/* The agent as it would be stored: drug, unit, route and schedule trimmed, "" for none. */
static void
agent_normalise (PdxAgent *agent)
{
  char **texts[] = { &agent->drug, &agent->unit, &agent->route, &agent->schedule };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (*texts[i])
      {
        g_strstrip (*texts[i]);
        if (**texts[i] == '\0' && i > 0)
          g_clear_pointer (texts[i], g_free);
      }
}

static gboolean
check_agent (PdxDb *db, const PdxArm *arm, const PdxAgent *agent, GError **error)
{
  g_autofree char *place = agent_place (db, arm, agent->drug);
  const char      *texts[] = { agent->drug, agent->unit, agent->route, agent->schedule };

  if (blank (agent->drug))
    {
      g_autofree char *arm_name = pdx_text_shown (arm->name);
      g_autofree char *code = study_code (db, arm->study_id);
      return refuse (error, PDX_DB_ERROR_INVALID,
                     _ ("An agent of arm '%s' (study %s) needs a drug. Nothing was changed."),
                     arm_name, code);
    }
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (texts[i] && !g_utf8_validate (texts[i], -1, NULL))
      return refuse (error, PDX_DB_ERROR_INVALID,
                     _ ("%s: a text is not valid UTF-8. Nothing was changed."), place);
  if (!isnan (agent->dose) && (isinf (agent->dose) || agent->dose < 0))
    return refuse (error, PDX_DB_ERROR_INVALID,
                   _ ("%s: the dose must be a number ≥ 0, not %g. Nothing was changed."), place,
                   agent->dose);
  if (agent->first_day < -1 || agent->last_day < -1)
    return refuse (error, PDX_DB_ERROR_INVALID,
                   _ ("%s: a study day of treatment cannot be negative. Nothing was changed."),
                   place);
  if (agent->first_day >= 0 && agent->last_day >= 0 && agent->last_day < agent->first_day)
    return refuse (error, PDX_DB_ERROR_INVALID,
                   _ ("%s: the last day (%d) is before the first day (%d). Nothing was changed."),
                   place, agent->last_day, agent->first_day);
  return TRUE;
}

/* The arm of @arm_id, checked unlocked (the lock named). */
static PdxArm *
unlocked_arm (PdxDb *db, gint64 arm_id, GError **error)
{
  g_autoptr (PdxArm) arm = pdx_arm_get (db, arm_id, error);

  if (arm == NULL || !pdx_study_check_unlocked (db, arm->study_id, error))
    return NULL;
  return g_steal_pointer (&arm);
}

static gboolean
add_agent (PdxDb *db, gpointer data, GError **error)
{
  PdxAgent *agent = data;
  g_autoptr (PdxArm) arm = unlocked_arm (db, agent->arm_id, error);

  if (arm == NULL)
    return FALSE;
  agent_normalise (agent);
  if (!check_agent (db, arm, agent, error))
    return FALSE;
  agent->id = 0;
  return pdx_entity_write (db, pdx_entity_get (PDX_TABLE_AGENT), agent, TRUE, agent->drug, error);
}

gboolean
pdx_agent_add (PdxDb *db, PdxAgent *agent, const char *reason, GError **error)
{
  g_return_val_if_fail (db != NULL && agent != NULL, FALSE);
  if (!run_edit (db, reason, add_agent, agent, error))
    {
      agent->id = 0;
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  const PdxAgent *read;
  const PdxAgent *changed;
  guint           fields;
} AgentEdit;

/* The stored agent @read->id, every field in @fields still as @read holds it. */
static PdxAgent *
agent_as_read (PdxDb *db, const PdxAgent *read, guint fields, PdxArm **arm, GError **error)
{
  g_autoptr (GError) local = NULL;
  g_autoptr (PdxAgent) stored = pdx_agent_get (db, read->id, &local);
  guint changed;

  if (stored == NULL && g_error_matches (local, PDX_DB_ERROR, PDX_DB_ERROR_NOT_FOUND))
    {
      g_autofree char *drug = pdx_text_shown (read->drug ? read->drug : "");
      refuse (error, PDX_DB_ERROR_CONFLICT,
              _ ("Agent '%s' was removed by someone else since it was read. Nothing was "
                 "changed; look again and retry."),
              drug);
      return NULL;
    }
  if (stored == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if (!(*arm = unlocked_arm (db, stored->arm_id, error)))
    return NULL;
  changed = pdx_agent_diff (stored, read) & fields;
  for (guint i = 0; i < G_N_ELEMENTS (agent_columns); i++)
    if (changed & agent_columns[i].field)
      {
        g_autofree char *place = agent_place (db, *arm, stored->drug);
        const Field     *f = field_named (PDX_TABLE_AGENT, agent_columns[i].column);
        refuse (error, PDX_DB_ERROR_CONFLICT,
                _ ("%s: its %s was changed by someone else since it was read. Nothing was "
                   "changed; look again and retry."),
                place, _ (f->label));
        return NULL;
      }
  return g_steal_pointer (&stored);
}

static gboolean
edit_agent (PdxDb *db, gpointer data, GError **error)
{
  AgentEdit *edit = data;
  g_autoptr (PdxArm) arm = NULL;
  g_autoptr (PdxAgent) stored = agent_as_read (db, edit->read, edit->fields, &arm, error);
  g_autoptr (PdxAgent) agent = NULL;
  const Field *fields[G_N_ELEMENTS (agent_columns)];
  guint        n = 0, differ;

  if (stored == NULL)
    return FALSE;
  agent = pdx_agent_copy (edit->changed);
  agent_normalise (agent);
  differ = pdx_agent_diff (stored, agent) & edit->fields;
  if (differ == 0)
    {
      g_autofree char *place = agent_place (db, arm, stored->drug);
      return refuse (error, PDX_DB_ERROR_INVALID,
                     _ ("%s: nothing to change, every value is as stored."), place);
    }
  /* The agent as it would be stored, checked whole (a new last day against the stored first). */
  for (guint i = 0; i < G_N_ELEMENTS (agent_columns); i++)
    {
      const Field  *f = field_named (PDX_TABLE_AGENT, agent_columns[i].column);
      gpointer      to = (guint8 *) stored + f->offset;
      gconstpointer from = (const guint8 *) agent + f->offset;
      if (!(differ & agent_columns[i].field))
        continue;
      fields[n++] = f;
      if (f->type == FIELD_TEXT)
        {
          g_free (*(char **) to);
          *(char **) to = g_strdup (*(char *const *) from);
        }
      else if (f->type == FIELD_REAL)
        *(double *) to = *(const double *) from;
      else
        *(int *) to = *(const int *) from;
    }
  if (!check_agent (db, arm, stored, error))
    return FALSE;
  return write_columns (db, PDX_TABLE_AGENT, stored->id, fields, n, stored,
                        _ ("changing the agent"), error);
}

gboolean
pdx_agent_update_fields (PdxDb          *db,
                         const PdxAgent *read,
                         const PdxAgent *changed,
                         guint           fields,
                         const char     *reason,
                         GError        **error)
{
  AgentEdit edit = { read, changed, fields };

  g_return_val_if_fail (db != NULL && read != NULL && changed != NULL, FALSE);
  g_return_val_if_fail ((fields & ~(guint) PDX_AGENT_ALL_FIELDS) == 0, FALSE);
  return run_edit (db, reason, edit_agent, &edit, error);
}

static gboolean
remove_agent (PdxDb *db, gpointer data, GError **error)
{
  const PdxAgent *read = data;
  g_autoptr (PdxArm) arm = NULL;
  g_autoptr (PdxAgent) stored = agent_as_read (db, read, PDX_AGENT_ALL_FIELDS, &arm, error);
  PdxStmt *stmt;

  if (stored == NULL)
    return FALSE;
  stmt = pdx_db_prepare (db, "DELETE FROM agent WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  pdx_stmt_bind_int64 (stmt, 1, stored->id);
  return pdx_stmt_run (stmt, _ ("removing the agent"), error);
}

gboolean
pdx_agent_remove (PdxDb *db, const PdxAgent *read, const char *reason, GError **error)
{
  g_return_val_if_fail (db != NULL && read != NULL, FALSE);
  return run_edit (db, reason, remove_agent, (gpointer) read, error);
}

/* ---- the dialog's Save: every edit of a study's arms at once ------------------------------ */

static PdxArm *
arm_of (GPtrArray *arms, gint64 id)
{
  for (guint i = 0; i < arms->len; i++)
    if (((PdxArm *) g_ptr_array_index (arms, i))->id == id)
      return g_ptr_array_index (arms, i);
  return NULL;
}

static PdxAgent *
agent_of (const PdxArm *arm, gint64 id)
{
  for (guint i = 0; id > 0 && i < arm->agents->len; i++)
    if (((PdxAgent *) g_ptr_array_index (arm->agents, i))->id == id)
      return g_ptr_array_index (arm->agents, i);
  return NULL;
}

/* The arm fields in which @a and @b differ (the name compared trimmed, "" colour as none). */
static guint
arm_diff (const PdxArm *a, const PdxArm *b)
{
  g_autoptr (PdxArm) na = arm_normalised (a), nb = arm_normalised (b);
  guint mask = 0;

  for (guint i = 0; i < G_N_ELEMENTS (arm_columns); i++)
    if (!field_equal (field_named (PDX_TABLE_ARM, arm_columns[i].column), na, nb))
      mask |= arm_columns[i].field;
  return mask;
}

static gboolean
order_differs (GPtrArray *a, GPtrArray *b)
{
  if (a->len != b->len)
    return TRUE;
  for (guint i = 0; i < a->len; i++)
    if (((PdxArm *) g_ptr_array_index (a, i))->id != ((PdxArm *) g_ptr_array_index (b, i))->id)
      return TRUE;
  return FALSE;
}

gboolean
pdx_arms_control_changed (GPtrArray *read, GPtrArray *edited)
{
  g_return_val_if_fail (read != NULL && edited != NULL, FALSE);
  for (guint i = 0; i < edited->len; i++)
    {
      const PdxArm *e = g_ptr_array_index (edited, i);
      const PdxArm *r = arm_of (read, e->id);
      if (r == NULL || !r->is_control != !e->is_control)
        return TRUE;
    }
  return FALSE;
}

typedef struct
{
  gint64     study_id;
  GPtrArray *read;
  GPtrArray *edited;
  guint      n_changes;
} ArmsApply;

/* The arms' fields; @clearing: only the arms that stop being the control (done first, so that
 * giving the control to another arm finds none to take it from). */
static gboolean
apply_arm_fields (PdxDb *db, ArmsApply *apply, gboolean clearing, GError **error)
{
  for (guint i = 0; i < apply->edited->len; i++)
    {
      const PdxArm *e = g_ptr_array_index (apply->edited, i);
      const PdxArm *r = arm_of (apply->read, e->id);
      guint         mask = arm_diff (r, e);
      gboolean      clears = (mask & PDX_ARM_CONTROL) && r->is_control;
      ArmEdit       edit = { r, e, mask };

      if (mask == 0 || clears != clearing)
        continue;
      if (!edit_arm (db, &edit, error))
        return FALSE;
      apply->n_changes++;
    }
  return TRUE;
}

/* Whether the person changed the order; if so, the stored order must still be @read's (checked
 * before any write: a control moved in a study never reordered moves the arm first). */
static gboolean
check_order (PdxDb *db, ArmsApply *apply, gboolean *changed, GError **error)
{
  g_autoptr (GPtrArray) stored = NULL;
  g_autofree char *code = NULL;

  *changed = order_differs (apply->read, apply->edited);
  if (!*changed)
    return TRUE;
  if (!(stored = pdx_arm_list (db, apply->study_id, error)))
    return FALSE;
  if (!order_differs (stored, apply->read))
    return TRUE;
  code = study_code (db, apply->study_id);
  return refuse (error, PDX_DB_ERROR_CONFLICT,
                 _ ("Study %s: the order of its arms was changed by someone else since it was "
                    "read. Nothing was changed; look again and retry."),
                 code);
}

static gboolean
apply_order (PdxDb *db, ArmsApply *apply, GError **error)
{
  g_autoptr (GPtrArray) stored = pdx_arm_list (db, apply->study_id, error);
  g_autoptr (GPtrArray) order = g_ptr_array_new ();

  if (stored == NULL)
    return FALSE;
  for (guint i = 0; i < apply->edited->len; i++)
    g_ptr_array_add (order, arm_of (stored, ((PdxArm *) g_ptr_array_index (apply->edited, i))->id));
  apply->n_changes++;
  return write_order (db, order, error);
}

static gboolean
apply_agents (PdxDb *db, ArmsApply *apply, GError **error)
{
  for (guint i = 0; i < apply->edited->len; i++)
    {
      const PdxArm *e = g_ptr_array_index (apply->edited, i);
      const PdxArm *r = arm_of (apply->read, e->id);

      for (guint j = 0; j < r->agents->len; j++)
        {
          PdxAgent *ra = g_ptr_array_index (r->agents, j);
          if (agent_of (e, ra->id) == NULL)
            {
              if (!remove_agent (db, ra, error))
                return FALSE;
              apply->n_changes++;
            }
        }
      for (guint j = 0; j < e->agents->len; j++)
        {
          PdxAgent *ea = g_ptr_array_index (e->agents, j);
          PdxAgent *ra = agent_of (r, ea->id);
          if (ra == NULL)
            {
              g_autoptr (PdxAgent) added = pdx_agent_copy (ea);
              added->arm_id = r->id;
              if (!add_agent (db, added, error))
                return FALSE;
              apply->n_changes++;
            }
          else if (pdx_agent_diff (ra, ea))
            {
              AgentEdit edit = { ra, ea, pdx_agent_diff (ra, ea) };
              if (!edit_agent (db, &edit, error))
                return FALSE;
              apply->n_changes++;
            }
        }
    }
  return TRUE;
}

static gboolean
apply_arms (PdxDb *db, gpointer data, GError **error)
{
  ArmsApply *apply = data;

  gboolean reordered = FALSE;

  if (!pdx_study_check_unlocked (db, apply->study_id, error) ||
      !check_order (db, apply, &reordered, error))
    return FALSE;
  if (!apply_arm_fields (db, apply, TRUE, error) || !apply_arm_fields (db, apply, FALSE, error) ||
      (reordered && !apply_order (db, apply, error)) || !apply_agents (db, apply, error))
    return FALSE;
  if (apply->n_changes == 0)
    return refuse (error, PDX_DB_ERROR_INVALID,
                   _ ("Nothing to change: every arm and agent is as stored."));
  return TRUE;
}

gboolean
pdx_study_arms_apply (PdxDb      *db,
                      gint64      study_id,
                      GPtrArray  *read,
                      GPtrArray  *edited,
                      const char *reason,
                      GError    **error)
{
  ArmsApply apply = { study_id, read, edited, 0 };

  g_return_val_if_fail (db != NULL && read != NULL && edited != NULL, FALSE);
  g_return_val_if_fail (read->len == edited->len, FALSE);
  for (guint i = 0; i < edited->len; i++)
    g_return_val_if_fail (arm_of (read, ((PdxArm *) g_ptr_array_index (edited, i))->id) != NULL,
                          FALSE);
  return run_edit (db, reason, apply_arms, &apply, error);
}
