/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-study-life.c — a study over its life (issue 13, docs/study-lifecycle.md): its status
 * planned → active → completed, or terminated with a reason, each change dated by the person
 * and kept in study_status_change; and its metadata corrected field by field, each change with
 * a reason, never over a value someone else changed since it was read. One transaction each. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "store/pdx-store.h"
#include "pdx/pdx-audit.h"
#include "pdx/pdx-date.h"
#include "pdx/pdx-model.h"

#include <math.h>
#include <string.h>

void
pdx_status_change_free (PdxStatusChange *change)
{
  if (change == NULL)
    return;
  g_free (change->status);
  g_free (change->date);
  g_free (change->reason);
  g_free (change);
}

GPtrArray *
pdx_study_list_status_changes (PdxDb *db, gint64 study_id, GError **error)
{
  g_autoptr (GPtrArray) out =
      g_ptr_array_new_with_free_func ((GDestroyNotify) pdx_status_change_free);
  PdxStmt *stmt;
  PdxStep  step;

  g_return_val_if_fail (db != NULL, NULL);
  stmt = pdx_db_prepare (db,
                         "SELECT id, study_id, status, date, reason FROM study_status_change"
                         " WHERE study_id = ? ORDER BY id",
                         error);
  if (stmt == NULL)
    return NULL;
  pdx_stmt_bind_int64 (stmt, 1, study_id);
  while ((step = pdx_stmt_step (stmt, error)) == PDX_STEP_ROW)
    {
      PdxStatusChange *c = g_new0 (PdxStatusChange, 1);
      c->id = pdx_stmt_column_int64 (stmt, 0);
      c->study_id = pdx_stmt_column_int64 (stmt, 1);
      c->status = g_strdup (pdx_stmt_column_text (stmt, 2));
      c->date = g_strdup (pdx_stmt_column_text (stmt, 3));
      c->reason = g_strdup (pdx_stmt_column_text (stmt, 4));
      g_ptr_array_add (out, c);
    }
  pdx_stmt_reset (stmt);
  return step == PDX_STEP_DONE ? g_steal_pointer (&out) : NULL;
}

/* The forward steps of a study's life: planned → active → completed. */
static gboolean
is_forward (const char *from, const char *to)
{
  return (g_str_equal (from, "planned") && g_str_equal (to, "active")) ||
         (g_str_equal (from, "active") && g_str_equal (to, "completed"));
}

static gboolean
refuse (GError **error, const char *message)
{
  g_set_error_literal (error, PDX_DB_ERROR, PDX_DB_ERROR_INVALID, message);
  return FALSE;
}

/* The checks of a status change against the study as stored (@study) and its newest change
 * (@latest_date, NULL for none). */
static gboolean
check_status_change (const PdxStudy *study,
                     const char     *expected,
                     const char     *status,
                     const char     *date,
                     const char     *reason,
                     const char     *latest_date,
                     GError        **error)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *message = NULL;

  if (!pdx_vocab_contains (PDX_VOCAB_STUDY_STATUS, status))
    {
      message = g_strdup_printf (_ ("Study %s: '%s' is not a status (planned, active, completed "
                                    "or terminated). Nothing was changed."),
                                 study->code, status);
      return refuse (error, message);
    }
  if (expected && !g_str_equal (expected, study->status))
    {
      g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_CONFLICT,
                   _ ("Study %s is now %s, not %s as it was read: someone else changed its "
                      "status. Nothing was changed; look again and retry."),
                   study->code, study->status, expected);
      return FALSE;
    }
  if (g_str_equal (status, study->status))
    {
      message = g_strdup_printf (_ ("Study %s is already %s. Nothing was changed."), study->code,
                                 pdx_vocab_get_label (status));
      return refuse (error, message);
    }
  if (date == NULL || !pdx_date_is_valid (date))
    {
      message = g_strdup_printf (_ ("Study %s: '%s' is not a date (YYYY-MM-DD). Nothing was "
                                    "changed."),
                                 study->code, date ? date : "");
      return refuse (error, message);
    }
  if (strcmp (date, today) > 0)
    {
      message = g_strdup_printf (
          _ ("Study %s: %s is after today; a status change is dated the day it happened. "
             "Nothing was changed."),
          study->code, date);
      return refuse (error, message);
    }
  if (latest_date && strcmp (date, latest_date) < 0)
    {
      message = g_strdup_printf (_ ("Study %s: %s is before its last status change (%s). Nothing "
                                    "was changed."),
                                 study->code, date, latest_date);
      return refuse (error, message);
    }
  if (reason == NULL || *reason == '\0')
    {
      if (g_str_equal (status, "terminated"))
        {
          message = g_strdup_printf (
              _ ("Terminating study %s needs a reason. Nothing was changed."), study->code);
          return refuse (error, message);
        }
      if (!is_forward (study->status, status))
        {
          message = g_strdup_printf (
              _ ("Study %s goes from %s back to %s only with a reason (a correction). Nothing "
                 "was changed."),
              study->code, pdx_vocab_get_label (study->status), pdx_vocab_get_label (status));
          return refuse (error, message);
        }
    }
  return TRUE;
}

/* The newest change's date of @study_id (owned; NULL for none) in *@date. */
static gboolean
latest_change_date (PdxDb *db, gint64 study_id, char **date, GError **error)
{
  PdxStmt *stmt = pdx_db_prepare (db,
                                  "SELECT date FROM study_status_change WHERE study_id = ?"
                                  " ORDER BY id DESC LIMIT 1",
                                  error);
  PdxStep  step;

  *date = NULL;
  if (stmt == NULL)
    return FALSE;
  pdx_stmt_bind_int64 (stmt, 1, study_id);
  step = pdx_stmt_step (stmt, error);
  if (step == PDX_STEP_ROW)
    *date = g_strdup (pdx_stmt_column_text (stmt, 0));
  pdx_stmt_reset (stmt);
  return step != PDX_STEP_ERROR;
}

static gboolean
write_status (PdxDb      *db,
              gint64      study_id,
              const char *status,
              const char *date,
              const char *reason,
              GError    **error)
{
  PdxStmt *insert = pdx_db_prepare (db,
                                    "INSERT INTO study_status_change (study_id, status, date,"
                                    " reason) VALUES (?, ?, ?, ?)",
                                    error);
  PdxStmt *update;

  if (insert == NULL)
    return FALSE;
  pdx_stmt_bind_int64 (insert, 1, study_id);
  pdx_stmt_bind_text (insert, 2, status);
  pdx_stmt_bind_text (insert, 3, date);
  if (reason)
    pdx_stmt_bind_text (insert, 4, reason);
  else
    pdx_stmt_bind_null (insert, 4);
  if (!pdx_stmt_run (insert, _ ("recording the status change"), error))
    return FALSE;
  update = pdx_db_prepare (db, "UPDATE study SET status = ? WHERE id = ?", error);
  if (update == NULL)
    return FALSE;
  pdx_stmt_bind_text (update, 1, status);
  pdx_stmt_bind_int64 (update, 2, study_id);
  return pdx_stmt_run (update, _ ("changing the study's status"), error);
}

gboolean
pdx_study_set_status (PdxDb      *db,
                      gint64      study_id,
                      const char *expected,
                      const char *status,
                      const char *date,
                      const char *reason,
                      GError    **error)
{
  g_autoptr (PdxStudy) study = NULL;
  g_autofree char *why = g_strstrip (g_strdup (reason ? reason : ""));
  g_autofree char *latest = NULL, *previous = NULL;
  gboolean         ok;

  g_return_val_if_fail (db != NULL && status != NULL, FALSE);
  if (!pdx_db_begin (db, error))
    return FALSE;
  ok = (study = pdx_study_get (db, study_id, error)) != NULL &&
       pdx_study_check_unlocked (db, study_id, error) &&
       latest_change_date (db, study_id, &latest, error) &&
       check_status_change (study, expected, status, date, *why ? why : NULL, latest, error);
  if (ok)
    {
      /* The audit entries' reason: the person's, else the step itself. */
      g_autofree char *entry_reason =
          *why ? g_strdup (why) : g_strdup_printf (_ ("status %s → %s"), study->status, status);
      previous = g_strdup (pdx_db_get_reason (db));
      pdx_db_set_reason (db, entry_reason);
      ok = write_status (db, study_id, status, date, *why ? why : NULL, error);
      pdx_db_set_reason (db, previous);
    }
  if (!ok)
    {
      pdx_db_rollback (db);
      return FALSE;
    }
  return pdx_db_commit (db, error);
}

/* ---- metadata ------------------------------------------------------------------------------ */

typedef enum
{
  KIND_TEXT,
  KIND_DATE,
  KIND_INT, /* -1 unknown */
  KIND_ID,  /* 0 none */
  KIND_READOUT,
} Kind;

static const struct
{
  PdxStudyFields field;
  const char    *column;
  const char    *label;
  Kind           kind;
  gsize          offset;
  int            vocab; /* PdxVocab + 1, 0 none */
} study_columns[] = {
  { PDX_STUDY_TITLE, "title", N_ ("title"), KIND_TEXT, G_STRUCT_OFFSET (PdxStudy, title), 0 },
  { PDX_STUDY_LINE, "line_id", N_ ("tissue line"), KIND_ID, G_STRUCT_OFFSET (PdxStudy, line_id),
    0 },
  { PDX_STUDY_PASSAGE, "passage", N_ ("passage"), KIND_INT, G_STRUCT_OFFSET (PdxStudy, passage),
    0 },
  { PDX_STUDY_IMPLANT_SITE, "implant_site", N_ ("implant site"), KIND_TEXT,
    G_STRUCT_OFFSET (PdxStudy, implant_site), PDX_VOCAB_IMPLANT_SITE + 1 },
  { PDX_STUDY_IMPLANT_MATERIAL, "implant_material", N_ ("implant material"), KIND_TEXT,
    G_STRUCT_OFFSET (PdxStudy, implant_material), PDX_VOCAB_IMPLANT_MATERIAL + 1 },
  { PDX_STUDY_IMPLANT_AMOUNT, "implant_amount", N_ ("implant amount"), KIND_TEXT,
    G_STRUCT_OFFSET (PdxStudy, implant_amount), 0 },
  { PDX_STUDY_READOUT, "readout", N_ ("readout"), KIND_READOUT, G_STRUCT_OFFSET (PdxStudy, readout),
    0 },
  { PDX_STUDY_DAY0, "day0", N_ ("day 0"), KIND_DATE, G_STRUCT_OFFSET (PdxStudy, day0), 0 },
  { PDX_STUDY_PROTOCOL, "protocol", N_ ("protocol"), KIND_TEXT,
    G_STRUCT_OFFSET (PdxStudy, protocol), 0 },
  { PDX_STUDY_INVESTIGATOR, "investigator", N_ ("investigator"), KIND_TEXT,
    G_STRUCT_OFFSET (PdxStudy, investigator), 0 },
  { PDX_STUDY_NOTES, "notes", N_ ("notes"), KIND_TEXT, G_STRUCT_OFFSET (PdxStudy, notes), 0 },
};

#define AT(type, study, i) (*(type *) ((const guint8 *) (study) + study_columns[i].offset))

/* A text field's value as stored: NULL for empty. */
static const char *
text_of (const PdxStudy *s, guint i)
{
  const char *t = AT (char *, s, i);
  return t && *t ? t : NULL;
}

static gboolean
same_value (const PdxStudy *a, const PdxStudy *b, guint i)
{
  switch (study_columns[i].kind)
    {
    case KIND_TEXT:
    case KIND_DATE:
      return g_strcmp0 (text_of (a, i), text_of (b, i)) == 0;
    case KIND_INT:
      return AT (int, a, i) == AT (int, b, i);
    case KIND_ID:
      return AT (gint64, a, i) == AT (gint64, b, i);
    case KIND_READOUT:
      return AT (PdxReadout, a, i) == AT (PdxReadout, b, i);
    }
  return FALSE;
}

/* The new value of column @i, checked; FALSE with the message otherwise. */
static gboolean
check_value (PdxDb *db, const PdxStudy *study, const PdxStudy *changed, guint i, GError **error)
{
  const char      *label = _ (study_columns[i].label);
  g_autofree char *message = NULL;

  switch (study_columns[i].kind)
    {
    case KIND_TEXT:
      if (study_columns[i].vocab && text_of (changed, i) &&
          !pdx_vocab_contains ((PdxVocab) (study_columns[i].vocab - 1), text_of (changed, i)))
        message = g_strdup_printf (_ ("Study %s: '%s' is not a known %s. Nothing was changed."),
                                   study->code, text_of (changed, i), label);
      break;
    case KIND_DATE:
      if (text_of (changed, i) == NULL || !pdx_date_is_valid (text_of (changed, i)))
        message = g_strdup_printf (
            _ ("Study %s: %s '%s' is not a date (YYYY-MM-DD). Nothing was changed."), study->code,
            label, text_of (changed, i) ? text_of (changed, i) : "");
      break;
    case KIND_INT:
      if (AT (int, changed, i) < -1)
        message = g_strdup_printf (_ ("Study %s: the %s cannot be negative. Nothing was changed."),
                                   study->code, label);
      break;
    case KIND_ID:
      if (AT (gint64, changed, i) > 0)
        {
          g_autoptr (PdxLine) line = pdx_line_get (db, AT (gint64, changed, i), NULL);
          if (line == NULL)
            message = g_strdup_printf (
                _ ("Study %s: the tissue line %lld does not exist. Nothing was changed."),
                study->code, (long long) AT (gint64, changed, i));
        }
      break;
    case KIND_READOUT:
      if (pdx_readout_to_string (AT (PdxReadout, changed, i)) == NULL)
        message =
            g_strdup_printf (_ ("Study %s: unknown readout. Nothing was changed."), study->code);
      break;
    }
  if (message)
    return refuse (error, message);
  return TRUE;
}

static gboolean
write_value (PdxDb *db, gint64 study_id, const PdxStudy *changed, guint i, GError **error)
{
  g_autofree char *sql =
      g_strdup_printf ("UPDATE study SET %s = ? WHERE id = ?", study_columns[i].column);
  PdxStmt *stmt = pdx_db_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;
  switch (study_columns[i].kind)
    {
    case KIND_TEXT:
    case KIND_DATE:
      if (text_of (changed, i))
        pdx_stmt_bind_text (stmt, 1, text_of (changed, i));
      else
        pdx_stmt_bind_null (stmt, 1);
      break;
    case KIND_INT:
      if (AT (int, changed, i) >= 0)
        pdx_stmt_bind_int64 (stmt, 1, AT (int, changed, i));
      else
        pdx_stmt_bind_null (stmt, 1);
      break;
    case KIND_ID:
      if (AT (gint64, changed, i) > 0)
        pdx_stmt_bind_int64 (stmt, 1, AT (gint64, changed, i));
      else
        pdx_stmt_bind_null (stmt, 1);
      break;
    case KIND_READOUT:
      pdx_stmt_bind_text (stmt, 1, pdx_readout_to_string (AT (PdxReadout, changed, i)));
      break;
    }
  pdx_stmt_bind_int64 (stmt, 2, study_id);
  return pdx_stmt_run (stmt, _ ("changing the study"), error);
}

const char *
pdx_study_field_label (PdxStudyFields field)
{
  for (guint i = 0; i < G_N_ELEMENTS (study_columns); i++)
    if (study_columns[i].field == field)
      return _ (study_columns[i].label);
  return NULL;
}

gboolean
pdx_study_update_fields (PdxDb          *db,
                         const PdxStudy *read,
                         const PdxStudy *changed,
                         guint           fields,
                         const char     *reason,
                         GError        **error)
{
  g_autoptr (PdxStudy) stored = NULL;
  g_autofree char *why = g_strstrip (g_strdup (reason ? reason : ""));
  g_autofree char *previous = NULL;
  gboolean         ok = TRUE;
  guint            n_changed = 0;

  g_return_val_if_fail (db != NULL && read != NULL && changed != NULL, FALSE);
  g_return_val_if_fail ((fields & ~(guint) PDX_STUDY_ALL_FIELDS) == 0, FALSE);
  if (*why == '\0')
    return refuse (error, _ ("Changing a study needs a reason. Nothing was changed."));
  if (!pdx_db_begin (db, error))
    return FALSE;
  ok = (stored = pdx_study_get (db, read->id, error)) != NULL &&
       pdx_study_check_unlocked (db, read->id, error);
  /* What was read must still be there, field by field; then each new value must be valid. */
  for (guint i = 0; ok && i < G_N_ELEMENTS (study_columns); i++)
    if ((fields & study_columns[i].field) && !same_value (stored, read, i))
      {
        g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_CONFLICT,
                     _ ("Study %s: its %s was changed by someone else since it was read. Nothing "
                        "was changed; look again and retry."),
                     stored->code, _ (study_columns[i].label));
        ok = FALSE;
      }
  for (guint i = 0; ok && i < G_N_ELEMENTS (study_columns); i++)
    if ((fields & study_columns[i].field) && !same_value (stored, changed, i))
      ok = check_value (db, stored, changed, i, error);
  if (ok)
    {
      previous = g_strdup (pdx_db_get_reason (db));
      pdx_db_set_reason (db, why);
      for (guint i = 0; ok && i < G_N_ELEMENTS (study_columns); i++)
        if ((fields & study_columns[i].field) && !same_value (stored, changed, i))
          {
            ok = write_value (db, read->id, changed, i, error);
            n_changed++;
          }
      pdx_db_set_reason (db, previous);
    }
  if (ok && n_changed == 0)
    ok = refuse (error, _ ("Nothing to change: every value is as stored."));
  if (!ok)
    {
      pdx_db_rollback (db);
      return FALSE;
    }
  return pdx_db_commit (db, error);
}
