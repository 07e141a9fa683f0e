/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-correct.c — corrections with a reason (pdx-correct.h): a mouse's fields, its endpoint
 * recorded, corrected or cleared. Each reads the row inside its own write transaction, refuses
 * when a column it changes no longer holds what the caller read, and writes only those columns. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx/pdx-correct.h"

#include "pdx-model-private.h"

#include <math.h>
#include <string.h>

/* ---- fields of a descriptor -------------------------------------------------------------- */

static const Field *
field_named (const Entity *e, const char *column)
{
  for (guint i = 0; i < e->n_fields; i++)
    if (g_str_equal (e->fields[i].column, column))
      return &e->fields[i];
  g_assert_not_reached ();
}

/* Whether field @f holds the same value in @a and @b, at full precision. */
static gboolean
field_equal (const Field *f, gconstpointer a, gconstpointer b)
{
  gconstpointer pa = (const guint8 *) a + f->offset, pb = (const guint8 *) b + f->offset;

  switch (f->type)
    {
    case FIELD_ID:
      return *(const gint64 *) pa == *(const gint64 *) pb;
    case FIELD_TEXT:
    case FIELD_DATE:
      return g_strcmp0 (*(char *const *) pa, *(char *const *) pb) == 0;
    case FIELD_INT:
      return *(const int *) pa == *(const int *) pb;
    case FIELD_REAL:
      return (isnan (*(const double *) pa) && isnan (*(const double *) pb)) ||
             *(const double *) pa == *(const double *) pb;
    case FIELD_BOOL:
      return !*(const gboolean *) pa == !*(const gboolean *) pb;
    case FIELD_READOUT:
      return *(const PdxReadout *) pa == *(const PdxReadout *) pb;
    case FIELD_ENDPOINT:
      return *(const PdxEndpointKind *) pa == *(const PdxEndpointKind *) pb;
    default:
      g_assert_not_reached ();
    }
}

/* Whether field @f of @row holds a recorded value (an arm, a text, a number). */
static gboolean
field_recorded (const Field *f, gconstpointer row)
{
  gconstpointer p = (const guint8 *) row + f->offset;

  switch (f->type)
    {
    case FIELD_ID:
      return *(const gint64 *) p > 0;
    case FIELD_TEXT:
    case FIELD_DATE:
      return *(char *const *) p != NULL;
    case FIELD_INT:
      return *(const int *) p >= 0;
    case FIELD_REAL:
      return !isnan (*(const double *) p);
    default:
      return TRUE;
    }
}

static void
field_copy (const Field *f, gpointer to, gconstpointer from)
{
  gpointer      dst = (guint8 *) to + f->offset;
  gconstpointer src = (const guint8 *) from + f->offset;

  switch (f->type)
    {
    case FIELD_ID:
      *(gint64 *) dst = *(const gint64 *) src;
      break;
    case FIELD_TEXT:
    case FIELD_DATE:
      g_free (*(char **) dst);
      *(char **) dst = g_strdup (*(char *const *) src);
      break;
    case FIELD_INT:
      *(int *) dst = *(const int *) src;
      break;
    case FIELD_REAL:
      *(double *) dst = *(const double *) src;
      break;
    case FIELD_BOOL:
      *(gboolean *) dst = *(const gboolean *) src;
      break;
    case FIELD_ENDPOINT:
      *(PdxEndpointKind *) dst = *(const PdxEndpointKind *) src;
      break;
    default:
      g_assert_not_reached ();
    }
}

/* The labels of @fields, translated and joined ("cage, implant date"). Owned. */
static char *
labels_of (const Field *const *fields, guint n)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, "%s%s", i ? ", " : "", _ (fields[i]->label));
  return g_string_free (out, FALSE);
}

/* UPDATE of the @n columns @fields of row @row->id (field 0) from @row, inside the caller's
 * transaction. The column names come from the descriptor, never from user text. */
static gboolean
write_columns (PdxDb              *db,
               const Entity       *e,
               const Field *const *fields,
               guint               n,
               gconstpointer       row,
               const char         *what,
               GError            **error)
{
  g_autoptr (GString) sql = g_string_new (NULL);
  PdxStmt *stmt;

  g_string_append_printf (sql, "UPDATE %s SET ", e->name);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (sql, "%s%s = ?", i ? ", " : "", fields[i]->column);
  g_string_append_printf (sql, " WHERE id = ?%u", n + 1);
  stmt = pdx_db_prepare (db, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < n; i++)
    pdx_entity_bind_field (stmt, (int) i + 1, fields[i], row);
  pdx_stmt_bind_int64 (stmt, (int) n + 1, *(const gint64 *) row);
  return pdx_stmt_run (stmt, what, error);
}

/* ---- reasons and transactions ------------------------------------------------------------ */

static gboolean
blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  while (g_ascii_isspace (*text))
    text++;
  return *text == '\0';
}

typedef gboolean (*CorrectFunc) (PdxDb *db, gpointer data, GError **error);

/* Runs @func in a transaction of its own with @reason (trimmed; NULL: none) as the audit
 * entries' reason; the connection's reason is as before afterwards. All or nothing. */
static gboolean
run_with_reason (PdxDb *db, const char *reason, CorrectFunc func, gpointer data, GError **error)
{
  g_autofree char *previous = g_strdup (pdx_db_get_reason (db));
  g_autofree char *trimmed = reason ? g_strstrip (g_strdup (reason)) : NULL;
  gboolean         ok;

  if (!pdx_db_begin (db, error))
    return FALSE;
  pdx_db_set_reason (db, blank (trimmed) ? previous : trimmed);
  ok = func (db, data, error);
  if (ok)
    ok = pdx_db_commit (db, error);
  else
    pdx_db_rollback (db);
  pdx_db_set_reason (db, previous);
  return ok;
}

/* The first and last dates on which mouse @mouse_id was measured (NULL: never); owned. */
static gboolean
measured_span (PdxDb *db, gint64 mouse_id, char **first, char **last, GError **error)
{
  PdxStmt *stmt =
      pdx_db_prepare (db, "SELECT min(date), max(date) FROM measurement WHERE mouse_id = ?", error);

  if (stmt == NULL)
    return FALSE;
  pdx_stmt_bind_int64 (stmt, 1, mouse_id);
  if (pdx_stmt_step (stmt, NULL) != PDX_STEP_ROW)
    {
      pdx_db_set_error (db, error, _ ("reading the mouse's measurements"));
      pdx_stmt_reset (stmt);
      return FALSE;
    }
  *first = g_strdup (pdx_stmt_column_text (stmt, 0));
  *last = g_strdup (pdx_stmt_column_text (stmt, 1));
  pdx_stmt_reset (stmt);
  return TRUE;
}

/* ---- a mouse ------------------------------------------------------------------------------ */

static const struct
{
  PdxMouseFields bit;
  const char    *column;
} mouse_columns[] = {
  { PDX_MOUSE_TAG, "tag" },
  { PDX_MOUSE_ARM, "arm_id" },
  { PDX_MOUSE_CAGE, "cage" },
  { PDX_MOUSE_SEX, "sex" },
  { PDX_MOUSE_STRAIN, "strain" },
  { PDX_MOUSE_BIRTH_DATE, "birth_date" },
  { PDX_MOUSE_IMPLANT_DATE, "implant_date" },
};

/* The descriptor's fields of the bits of @mask, in the order above; their number. */
static guint
mouse_fields_of (guint mask, const Field **fields)
{
  const Entity *e = pdx_entity_get (PDX_TABLE_MOUSE);
  guint         n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (mouse_columns); i++)
    if (mask & mouse_columns[i].bit)
      fields[n++] = field_named (e, mouse_columns[i].column);
  return n;
}

guint
pdx_mouse_diff (const PdxMouse *loaded, const PdxMouse *edited)
{
  const Entity *e = pdx_entity_get (PDX_TABLE_MOUSE);
  guint         mask = 0;

  g_return_val_if_fail (loaded != NULL && edited != NULL, 0);
  for (guint i = 0; i < G_N_ELEMENTS (mouse_columns); i++)
    if (!field_equal (field_named (e, mouse_columns[i].column), loaded, edited))
      mask |= mouse_columns[i].bit;
  return mask;
}

gboolean
pdx_mouse_change_needs_reason (const PdxMouse *loaded, guint fields)
{
  const Field *list[G_N_ELEMENTS (mouse_columns)];
  guint        n = mouse_fields_of (fields, list);

  /* A mouse put into an arm by hand, outside a randomisation, changes what it counts for. */
  if (fields & PDX_MOUSE_ARM)
    return TRUE;
  for (guint i = 0; i < n; i++)
    if (field_recorded (list[i], loaded))
      return TRUE;
  return FALSE;
}

typedef struct
{
  const PdxMouse *loaded, *edited;
  guint           mask;
} MouseCorrection;

/* Refuses when one of @fields of the stored row @now no longer holds what @loaded held. */
static gboolean
check_unchanged (const char         *noun,
                 const char         *name,
                 const Field *const *fields,
                 guint               n,
                 gconstpointer       loaded,
                 gconstpointer       now,
                 GError            **error)
{
  g_autofree char *shown = pdx_text_shown (name);

  for (guint i = 0; i < n; i++)
    if (!field_equal (fields[i], loaded, now))
      {
        g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_CONFLICT,
                     /* Translators: noun (mouse, endpoint), its tag or date, a field label. */
                     _ ("%s %s: its %s was changed by someone else since it was read; nothing was "
                        "changed. Reload it and make the correction again."),
                     _ (noun), shown, _ (fields[i]->label));
        return FALSE;
      }
  return TRUE;
}

/* The rules a corrected mouse @m must keep that need the lab: its tag unique in the study, its
 * arm one of the study's, its implant date not after a measurement or its endpoint. */
static gboolean
check_mouse_in_lab (PdxDb *db, const PdxMouse *m, guint mask, GError **error)
{
  g_autofree char *tag = pdx_text_shown (m->tag);

  if (mask & PDX_MOUSE_TAG)
    {
      g_autoptr (GError) local = NULL;
      g_autoptr (PdxMouse) other = pdx_mouse_find (db, m->study_id, m->tag, &local);
      if (local != NULL)
        return g_propagate_error (error, g_steal_pointer (&local)), FALSE;
      if (other != NULL && other->id != m->id)
        {
          g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_DUPLICATE,
                       _ ("mouse %s: another mouse of this study already has the tag %s; nothing "
                          "was changed"),
                       tag, tag);
          return FALSE;
        }
    }
  if ((mask & PDX_MOUSE_ARM) && m->arm_id > 0)
    {
      g_autoptr (PdxArm) arm = pdx_arm_get (db, m->arm_id, NULL);
      if (arm == NULL || arm->study_id != m->study_id)
        {
          g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_INVALID,
                       _ ("mouse %s: the arm chosen is not an arm of its study; nothing was "
                          "changed"),
                       tag);
          return FALSE;
        }
    }
  if ((mask & PDX_MOUSE_IMPLANT_DATE) && m->implant_date != NULL)
    {
      g_autofree char *first = NULL, *last = NULL;
      g_autoptr (PdxEndpoint) endpoint = NULL;
      g_autoptr (GError) local = NULL;

      if (!measured_span (db, m->id, &first, &last, error))
        return FALSE;
      if (first != NULL && strcmp (m->implant_date, first) > 0)
        {
          g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_INVALID,
                       _ ("mouse %s: implant date %s is after its first measurement, on %s; "
                          "nothing was changed"),
                       tag, m->implant_date, first);
          return FALSE;
        }
      endpoint = pdx_endpoint_find_for_mouse (db, m->id, &local);
      if (local != NULL)
        return g_propagate_error (error, g_steal_pointer (&local)), FALSE;
      if (endpoint != NULL && strcmp (m->implant_date, endpoint->date) > 0)
        {
          g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_INVALID,
                       _ ("mouse %s: implant date %s is after its endpoint, on %s; nothing was "
                          "changed"),
                       tag, m->implant_date, endpoint->date);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
correct_mouse (PdxDb *db, gpointer data, GError **error)
{
  const MouseCorrection *c = data;
  const Field           *fields[G_N_ELEMENTS (mouse_columns)];
  guint                  n = mouse_fields_of (c->mask, fields);
  g_autoptr (PdxMouse) now = pdx_mouse_get (db, c->loaded->id, error);
  g_autofree char *what = NULL;

  if (now == NULL)
    return FALSE;
  if (!check_unchanged (N_ ("mouse"), c->loaded->tag, fields, n, c->loaded, now, error))
    return FALSE;
  for (guint i = 0; i < n; i++)
    field_copy (fields[i], now, c->edited);
  if (!pdx_entity_validate (PDX_TABLE_MOUSE, now, error) ||
      !check_mouse_in_lab (db, now, c->mask, error))
    return FALSE;
  what = g_strdup_printf (_ ("mouse %s"), c->loaded->tag);
  return write_columns (db, pdx_entity_get (PDX_TABLE_MOUSE), fields, n, now, what, error);
}

gboolean
pdx_mouse_correct (
    PdxDb *db, const PdxMouse *loaded, const PdxMouse *edited, const char *reason, GError **error)
{
  MouseCorrection c = { loaded, edited, 0 };

  g_return_val_if_fail (db != NULL && loaded != NULL && edited != NULL, FALSE);
  g_return_val_if_fail (loaded->id > 0, FALSE);
  c.mask = pdx_mouse_diff (loaded, edited);
  if (c.mask == 0)
    return TRUE;
  if (blank (reason) && pdx_mouse_change_needs_reason (loaded, c.mask))
    {
      const Field     *fields[G_N_ELEMENTS (mouse_columns)];
      guint            n = mouse_fields_of (c.mask, fields);
      g_autofree char *labels = labels_of (fields, n);
      g_autofree char *tag = pdx_text_shown (loaded->tag);

      g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_INVALID,
                   _ ("mouse %s: changing its saved %s needs a reason; nothing was changed"), tag,
                   labels);
      return FALSE;
    }
  return run_with_reason (db, reason, correct_mouse, &c, error);
}

/* ---- an endpoint -------------------------------------------------------------------------- */

/* The endpoint's fields a correction may change: date, kind, counts as event, note. */
static guint
endpoint_fields_changed (const PdxEndpoint *a, const PdxEndpoint *b, const Field **fields)
{
  const Entity *e = pdx_entity_get (PDX_TABLE_ENDPOINT);
  guint         n = 0;

  for (guint i = 2; i < e->n_fields; i++)
    if (!field_equal (&e->fields[i], a, b))
      fields[n++] = &e->fields[i];
  return n;
}

typedef struct
{
  const PdxEndpoint *loaded;
  PdxEndpoint       *endpoint;
} EndpointCorrection;

/* The endpoint's date against mouse @mouse: not before its implant nor a measurement. */
static gboolean
check_endpoint_dates (PdxDb *db, const PdxMouse *mouse, const char *date, GError **error)
{
  g_autofree char *tag = pdx_text_shown (mouse->tag);
  g_autofree char *first = NULL, *last = NULL;

  if (mouse->implant_date != NULL && strcmp (date, mouse->implant_date) < 0)
    {
      g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_INVALID,
                   _ ("mouse %s: endpoint date %s is before its implant date %s; nothing was "
                      "changed"),
                   tag, date, mouse->implant_date);
      return FALSE;
    }
  if (!measured_span (db, mouse->id, &first, &last, error))
    return FALSE;
  if (last != NULL && strcmp (date, last) < 0)
    {
      g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_INVALID,
                   _ ("mouse %s: endpoint date %s is before its last measurement, on %s; "
                      "nothing was changed"),
                   tag, date, last);
      return FALSE;
    }
  return TRUE;
}

/* The mouse's endpoint as stored now, refused as a conflict unless it is the one @loaded (or
 * none, when @loaded is NULL). */
static gboolean
endpoint_still_as_read (PdxDb             *db,
                        const PdxMouse    *mouse,
                        const PdxEndpoint *loaded,
                        PdxEndpoint      **now_out,
                        GError           **error)
{
  g_autoptr (GError) local = NULL;
  g_autoptr (PdxEndpoint) now = pdx_endpoint_find_for_mouse (db, mouse->id, &local);
  g_autofree char *tag = pdx_text_shown (mouse->tag);

  if (local != NULL)
    return g_propagate_error (error, g_steal_pointer (&local)), FALSE;
  if (loaded == NULL && now != NULL)
    {
      g_autofree char *date = pdx_text_shown (now->date);
      g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_CONFLICT,
                   _ ("mouse %s: an endpoint (%s on %s) was recorded by someone else since this "
                      "was read; nothing was changed. Reload it to see or correct that "
                      "endpoint."),
                   tag, _ (pdx_endpoint_kind_get_label (now->kind)), date);
      return FALSE;
    }
  if (loaded != NULL && (now == NULL || now->id != loaded->id))
    {
      g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_CONFLICT,
                   _ ("mouse %s: its endpoint was cleared or replaced by someone else since it "
                      "was read; nothing was changed. Reload it and make the correction "
                      "again."),
                   tag);
      return FALSE;
    }
  *now_out = g_steal_pointer (&now);
  return TRUE;
}

static gboolean
set_endpoint (PdxDb *db, gpointer data, GError **error)
{
  EndpointCorrection *c = data;
  PdxEndpoint        *e = c->endpoint;
  const Entity       *entity = pdx_entity_get (PDX_TABLE_ENDPOINT);
  g_autoptr (PdxMouse) mouse = pdx_mouse_get (db, e->mouse_id, error);
  g_autoptr (PdxEndpoint) now = NULL;
  g_autofree char *what = NULL;
  const Field     *fields[8];
  guint            n;

  if (mouse == NULL || !endpoint_still_as_read (db, mouse, c->loaded, &now, error))
    return FALSE;
  what = g_strdup_printf (_ ("endpoint of mouse %s"), mouse->tag);
  if (!pdx_entity_validate (PDX_TABLE_ENDPOINT, e, error) ||
      !check_endpoint_dates (db, mouse, e->date, error))
    return FALSE;
  if (now == NULL)
    {
      e->id = 0;
      if (!pdx_entity_write (db, entity, e, TRUE, e->date, error))
        return e->id = 0, FALSE;
      return TRUE;
    }
  n = endpoint_fields_changed (c->loaded, e, fields);
  if (!check_unchanged (N_ ("endpoint"), c->loaded->date, fields, n, c->loaded, now, error))
    return FALSE;
  for (guint i = 0; i < n; i++)
    field_copy (fields[i], now, e);
  e->id = now->id;
  return n == 0 || write_columns (db, entity, fields, n, now, what, error);
}

gboolean
pdx_endpoint_set (
    PdxDb *db, const PdxEndpoint *loaded, PdxEndpoint *endpoint, const char *reason, GError **error)
{
  EndpointCorrection c = { loaded, endpoint };
  const Field       *fields[8];

  g_return_val_if_fail (db != NULL && endpoint != NULL, FALSE);
  g_return_val_if_fail (loaded == NULL || loaded->mouse_id == endpoint->mouse_id, FALSE);
  if (loaded != NULL && endpoint_fields_changed (loaded, endpoint, fields) == 0)
    {
      endpoint->id = loaded->id;
      return TRUE;
    }
  if (loaded != NULL && blank (reason))
    {
      g_autofree char *labels =
          labels_of (fields, endpoint_fields_changed (loaded, endpoint, fields));
      g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_INVALID,
                   _ ("endpoint: correcting a recorded endpoint (%s) needs a reason; nothing was "
                      "changed"),
                   labels);
      return FALSE;
    }
  return run_with_reason (db, reason, set_endpoint, &c, error);
}

static gboolean
clear_endpoint (PdxDb *db, gpointer data, GError **error)
{
  const PdxEndpoint *loaded = data;
  const Entity      *entity = pdx_entity_get (PDX_TABLE_ENDPOINT);
  const Field       *fields[8];
  g_autoptr (PdxMouse) mouse = pdx_mouse_get (db, loaded->mouse_id, error);
  g_autoptr (PdxEndpoint) now = NULL;
  PdxStmt *stmt;
  guint    n = 0;

  if (mouse == NULL || !endpoint_still_as_read (db, mouse, loaded, &now, error))
    return FALSE;
  for (guint i = 2; i < entity->n_fields; i++)
    fields[n++] = &entity->fields[i];
  if (!check_unchanged (N_ ("endpoint"), loaded->date, fields, n, loaded, now, error))
    return FALSE;
  stmt = pdx_db_prepare (db, "DELETE FROM endpoint WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  pdx_stmt_bind_int64 (stmt, 1, now->id);
  return pdx_stmt_run (stmt, _ ("clearing the endpoint"), error);
}

gboolean
pdx_endpoint_clear (PdxDb *db, const PdxEndpoint *loaded, const char *reason, GError **error)
{
  g_return_val_if_fail (db != NULL && loaded != NULL && loaded->id > 0, FALSE);
  if (blank (reason))
    {
      g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_INVALID,
                   _ ("endpoint: clearing a recorded endpoint needs a reason; nothing was "
                      "changed"));
      return FALSE;
    }
  return run_with_reason (db, reason, clear_endpoint, (gpointer) loaded, error);
}

/* ---- one measurement excluded ------------------------------------------------------------ */

typedef struct
{
  gint64      id;
  gboolean    excluded;
  const char *reason;
} Exclusion;

static gboolean
set_excluded (PdxDb *db, gpointer data, GError **error)
{
  const Exclusion *x = data;
  PdxStmt         *stmt = pdx_db_prepare (db,
                                          "SELECT x.excluded, m.tag, x.date FROM measurement x"
                                                  " JOIN mouse m ON m.id = x.mouse_id WHERE x.id = ?",
                                          error);
  g_autofree char *tag = NULL, *date = NULL;
  gboolean         now;

  if (stmt == NULL)
    return FALSE;
  pdx_stmt_bind_int64 (stmt, 1, x->id);
  if (pdx_stmt_step (stmt, NULL) != PDX_STEP_ROW)
    {
      pdx_stmt_reset (stmt);
      g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_NOT_FOUND,
                   _ ("no such measurement (it was deleted); nothing was changed"));
      return FALSE;
    }
  now = pdx_stmt_column_int (stmt, 0) != 0;
  tag = pdx_text_shown (pdx_stmt_column_text (stmt, 1));
  date = g_strdup (pdx_stmt_column_text (stmt, 2));
  pdx_stmt_reset (stmt);
  if (now == x->excluded)
    {
      g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_CONFLICT,
                   now ? _ ("mouse %s: its measurement of %s is already excluded (by someone "
                            "else since it was read); nothing was changed")
                       : _ ("mouse %s: its measurement of %s is not excluded (someone else "
                            "included it since it was read); nothing was changed"),
                   tag, date);
      return FALSE;
    }
  stmt = pdx_db_prepare (db,
                         "UPDATE measurement SET excluded = ?1, exclusion_reason = ?2"
                         " WHERE id = ?3 AND excluded = 1 - ?1",
                         error);
  if (stmt == NULL)
    return FALSE;
  pdx_stmt_bind_int64 (stmt, 1, x->excluded ? 1 : 0);
  if (x->excluded)
    pdx_stmt_bind_text (stmt, 2, x->reason);
  pdx_stmt_bind_int64 (stmt, 3, x->id);
  {
    g_autofree char *what = g_strdup_printf (_ ("mouse %s, measurement of %s"), tag, date);
    if (!pdx_stmt_run (stmt, what, error))
      return FALSE;
  }
  g_assert (pdx_db_changes (db) == 1);
  return TRUE;
}

gboolean
pdx_measurement_set_excluded (
    PdxDb *db, gint64 measurement_id, gboolean excluded, const char *reason, GError **error)
{
  g_autofree char *trimmed = reason ? g_strstrip (g_strdup (reason)) : NULL;
  Exclusion        x = { measurement_id, excluded, trimmed };

  g_return_val_if_fail (db != NULL, FALSE);
  if (blank (trimmed))
    {
      g_set_error_literal (error, PDX_DB_ERROR, PDX_DB_ERROR_INVALID,
                           excluded ? _ ("excluding a measurement needs a reason; nothing was "
                                         "changed")
                                    : _ ("including an excluded measurement again needs a "
                                         "reason; nothing was changed"));
      return FALSE;
    }
  return run_with_reason (db, trimmed, set_excluded, &x, error);
}

gboolean
pdx_measurement_get_exclusion (
    PdxDb *db, gint64 measurement_id, gboolean *excluded, char **reason, GError **error)
{
  PdxStmt *stmt =
      pdx_db_prepare (db, "SELECT excluded, exclusion_reason FROM measurement WHERE id = ?", error);
  PdxStep step;

  g_return_val_if_fail (excluded != NULL && reason != NULL, FALSE);
  if (stmt == NULL)
    return FALSE;
  pdx_stmt_bind_int64 (stmt, 1, measurement_id);
  step = pdx_stmt_step (stmt, error);
  if (step == PDX_STEP_ROW)
    {
      *excluded = pdx_stmt_column_int (stmt, 0) != 0;
      *reason = *excluded ? g_strdup (pdx_stmt_column_text (stmt, 1)) : NULL;
    }
  else if (step == PDX_STEP_DONE)
    g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_NOT_FOUND, _ ("no measurement with id %lld"),
                 (long long) measurement_id);
  pdx_stmt_reset (stmt);
  return step == PDX_STEP_ROW;
}

GHashTable *
pdx_study_list_excluded_measurements (PdxDb *db, gint64 study_id, const char *date, GError **error)
{
  PdxStmt *stmt = pdx_db_prepare (
      db,
      "SELECT x.id, x.exclusion_reason FROM mouse m JOIN measurement x ON x.mouse_id = m.id"
      " WHERE m.study_id = ?1 AND (?2 IS NULL OR x.date = ?2) AND x.excluded = 1",
      error);
  g_autoptr (GHashTable) table =
      g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  PdxStep step;

  if (stmt == NULL)
    return NULL;
  pdx_stmt_bind_int64 (stmt, 1, study_id);
  pdx_stmt_bind_text (stmt, 2, date);
  while ((step = pdx_stmt_step (stmt, error)) == PDX_STEP_ROW)
    g_hash_table_insert (table, g_memdup2 (&(gint64){ pdx_stmt_column_int64 (stmt, 0) }, 8),
                         g_strdup (pdx_stmt_column_text (stmt, 1)));
  pdx_stmt_reset (stmt);
  return step == PDX_STEP_DONE ? g_steal_pointer (&table) : NULL;
}
