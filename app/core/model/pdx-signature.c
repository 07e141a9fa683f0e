/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-signature.c — electronic signatures of a study and its lock (docs/signatures.md): a
 * signature row records who, when, the audit seal at signing, why and how the person was
 * re-authenticated; a lock signature locks the study until an unlock signature ends it. The
 * schema's triggers refuse every write to a locked study's rows (the net for every path). */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "store/pdx-store.h"
#include "pdx/pdx-audit.h"
#include "pdx/pdx-format.h"
#include "pdx/pdx-model.h"

static const char *const meaning_names[] = { "review", "approve", "lock", "unlock" };

#define SIGNATURE_COLUMNS                                                                          \
  "id, study_id, meaning, login, name, time, seal_seq, seal_hash, reason, reauthenticated, "       \
  "method"

const char *
pdx_signature_meaning_to_string (PdxSignatureMeaning meaning)
{
  g_return_val_if_fail (meaning <= PDX_SIGNATURE_UNLOCK, NULL);
  return meaning_names[meaning];
}

gboolean
pdx_signature_meaning_from_string (const char *text, PdxSignatureMeaning *out)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (meaning_names); i++)
    if (g_str_equal (text, meaning_names[i]))
      {
        *out = (PdxSignatureMeaning) i;
        return TRUE;
      }
  return FALSE;
}

const char *
pdx_signature_meaning_get_label (PdxSignatureMeaning meaning)
{
  const char *const labels[] = { C_ ("signature meaning", "Review"),
                                 C_ ("signature meaning", "Approve"),
                                 C_ ("signature meaning", "Lock"),
                                 C_ ("signature meaning", "Unlock") };

  g_return_val_if_fail (meaning <= PDX_SIGNATURE_UNLOCK, NULL);
  return labels[meaning];
}

void
pdx_signature_free (PdxSignature *signature)
{
  if (signature == NULL)
    return;
  g_free (signature->login);
  g_free (signature->name);
  g_free (signature->time);
  g_free (signature->seal_hash);
  g_free (signature->reason);
  g_free (signature->method);
  g_free (signature);
}

char *
pdx_signature_format_time (const PdxSignature *signature)
{
  g_autoptr (GDateTime) utc = NULL;
  g_autoptr (GDateTime) local = NULL;

  g_return_val_if_fail (signature != NULL, NULL);
  utc = g_date_time_new_from_iso8601 (signature->time, NULL);
  local = utc ? g_date_time_to_local (utc) : NULL;
  return local ? pdx_format_date_time (local) : g_strdup (signature->time);
}

/* The signature of the current row of a SELECT of SIGNATURE_COLUMNS. */
static PdxSignature *
signature_of_row (PdxStmt *stmt)
{
  PdxSignature *s = g_new0 (PdxSignature, 1);
  const char   *meaning = pdx_stmt_column_text (stmt, 2);

  s->id = pdx_stmt_column_int64 (stmt, 0);
  s->study_id = pdx_stmt_column_int64 (stmt, 1);
  if (!pdx_signature_meaning_from_string (meaning, &s->meaning))
    g_assert_not_reached (); /* the schema's CHECK allows the four only */
  s->login = g_strdup (pdx_stmt_column_text (stmt, 3));
  s->name = g_strdup (pdx_stmt_column_text (stmt, 4));
  s->time = g_strdup (pdx_stmt_column_text (stmt, 5));
  s->seal_seq = pdx_stmt_column_int64 (stmt, 6);
  s->seal_hash = g_strdup (pdx_stmt_column_text (stmt, 7));
  s->reason = g_strdup (pdx_stmt_column_text (stmt, 8));
  s->reauthenticated = pdx_stmt_column_int (stmt, 9) != 0;
  s->method = g_strdup (pdx_stmt_column_text (stmt, 10));
  return s;
}

/* Runs @sql (SIGNATURE_COLUMNS, one parameter @id) into @out; FALSE with @error on failure. */
static gboolean
query_signatures (PdxDb *db, const char *sql, gint64 id, GPtrArray *out, GError **error)
{
  PdxStmt *stmt = pdx_db_prepare (db, sql, error);
  PdxStep  step;

  if (stmt == NULL)
    return FALSE;
  pdx_stmt_bind_int64 (stmt, 1, id);
  while ((step = pdx_stmt_step (stmt, NULL)) == PDX_STEP_ROW)
    g_ptr_array_add (out, signature_of_row (stmt));
  pdx_stmt_reset (stmt);
  return step == PDX_STEP_DONE || pdx_db_set_error (db, error, _ ("reading signatures"));
}

GPtrArray *
pdx_study_list_signatures (PdxDb *db, gint64 study_id, GError **error)
{
  g_autoptr (GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) pdx_signature_free);

  g_return_val_if_fail (db != NULL, NULL);
  if (!query_signatures (db,
                         "SELECT " SIGNATURE_COLUMNS " FROM signature WHERE study_id = ?"
                         " ORDER BY id",
                         study_id, out, error))
    return NULL;
  return g_steal_pointer (&out);
}

PdxSignature *
pdx_signature_get (PdxDb *db, gint64 id, GError **error)
{
  g_autoptr (GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) pdx_signature_free);

  g_return_val_if_fail (db != NULL, NULL);
  if (!query_signatures (db, "SELECT " SIGNATURE_COLUMNS " FROM signature WHERE id = ?", id, out,
                         error))
    return NULL;
  if (out->len == 0)
    {
      g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_NOT_FOUND, _ ("no signature with id %lld"),
                   (long long) id);
      return NULL;
    }
  return g_ptr_array_steal_index (out, 0);
}

PdxSignature *
pdx_study_get_lock (PdxDb *db, gint64 study_id, GError **error)
{
  g_autoptr (GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) pdx_signature_free);

  g_return_val_if_fail (db != NULL, NULL);
  if (!query_signatures (db,
                         "SELECT " SIGNATURE_COLUMNS " FROM signature WHERE id ="
                         " (SELECT lock_signature_id FROM study WHERE id = ?)",
                         study_id, out, error))
    return NULL;
  return out->len ? g_ptr_array_steal_index (out, 0) : NULL;
}

gboolean
pdx_study_describe_lock (PdxDb *db, gint64 study_id, char **description, GError **error)
{
  g_return_val_if_fail (db != NULL && description != NULL, FALSE);
  return pdx_db_describe_lock (db, study_id, description, error);
}

gboolean
pdx_study_check_unlocked (PdxDb *db, gint64 study_id, GError **error)
{
  g_autofree char *lock = NULL, *refusal = NULL;

  if (!pdx_db_describe_lock (db, study_id, &lock, error))
    return FALSE;
  if (lock == NULL)
    return TRUE;
  refusal = pdx_db_dup_lock_refused (lock);
  g_set_error_literal (error, PDX_DB_ERROR, PDX_DB_ERROR_LOCKED, refusal);
  return FALSE;
}

/* Writes the signature row (the seal taken first, in the caller's transaction); its id in
 * *@id. The reason is also the audit entries' reason. */
static gboolean
insert_signature (PdxDb               *db,
                  gint64               study_id,
                  PdxSignatureMeaning  meaning,
                  const char          *reason,
                  const PdxAuthResult *auth,
                  gint64              *id,
                  GError             **error)
{
  PdxAuditSeal seal = { 0 };
  PdxStmt     *stmt;

  if (!pdx_audit_get_seal (db, &seal, error))
    return FALSE;
  stmt = pdx_db_prepare (db,
                         "INSERT INTO signature (study_id, meaning, login, name, seal_seq,"
                         " seal_hash, reason, reauthenticated, method)"
                         " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         error);
  if (stmt == NULL)
    return FALSE;
  pdx_stmt_bind_int64 (stmt, 1, study_id);
  pdx_stmt_bind_text (stmt, 2, meaning_names[meaning]);
  pdx_stmt_bind_text (stmt, 3, pdx_db_get_login (db));
  pdx_stmt_bind_text (stmt, 4, pdx_db_get_operator_name (db));
  pdx_stmt_bind_int64 (stmt, 5, seal.seq);
  pdx_stmt_bind_text (stmt, 6, seal.hash);
  pdx_stmt_bind_text (stmt, 7, reason);
  pdx_stmt_bind_int64 (stmt, 8, auth->reauthenticated ? 1 : 0);
  pdx_stmt_bind_text (stmt, 9, auth->method);
  if (!pdx_stmt_run (stmt, _ ("writing the signature"), error))
    return FALSE;
  *id = pdx_db_last_insert_id (db);
  return TRUE;
}

/* The checks before a signature is written: a reason, a known study, the lock state that
 * @meaning needs (lock: not locked; unlock: locked). */
static gboolean
check_signing (
    PdxDb *db, gint64 study_id, PdxSignatureMeaning meaning, const char *reason, GError **error)
{
  g_autoptr (PdxStudy) study = NULL;
  g_autoptr (PdxSignature) lock = NULL;
  g_autoptr (GError) local = NULL;
  g_autofree char *trimmed = g_strstrip (g_strdup (reason ? reason : ""));

  if (*trimmed == '\0')
    {
      g_set_error_literal (error, PDX_DB_ERROR, PDX_DB_ERROR_INVALID,
                           meaning == PDX_SIGNATURE_UNLOCK
                               ? _ ("Unlocking a study needs a reason. Nothing was changed.")
                               : _ ("A signature needs a reason or comment. Nothing was signed."));
      return FALSE;
    }
  if (!(study = pdx_study_get (db, study_id, error)))
    return FALSE;
  lock = pdx_study_get_lock (db, study_id, &local);
  if (local)
    return g_propagate_error (error, g_steal_pointer (&local)), FALSE;
  if (meaning == PDX_SIGNATURE_LOCK && lock)
    return pdx_study_check_unlocked (db, study_id, error);
  if (meaning == PDX_SIGNATURE_UNLOCK && lock == NULL)
    {
      g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_INVALID,
                   _ ("Study %s is not locked. Nothing was changed."), study->code);
      return FALSE;
    }
  return TRUE;
}

/* pdx_study_sign () and pdx_study_unlock (): one transaction. */
static gboolean
sign (PdxDb               *db,
      gint64               study_id,
      PdxSignatureMeaning  meaning,
      const char          *reason,
      const PdxAuthResult *auth,
      gint64              *signature_id,
      GError             **error)
{
  g_autofree char *why = g_strstrip (g_strdup (reason ? reason : ""));
  gint64           id = 0;
  PdxStmt         *stmt;
  gboolean         ok;

  g_return_val_if_fail (db != NULL && auth != NULL && auth->method != NULL, FALSE);
  if (!pdx_db_begin (db, error))
    return FALSE;
  pdx_db_set_reason (db, why);
  ok = check_signing (db, study_id, meaning, why, error) &&
       insert_signature (db, study_id, meaning, why, auth, &id, error);
  if (ok && (meaning == PDX_SIGNATURE_LOCK || meaning == PDX_SIGNATURE_UNLOCK))
    {
      ok = (stmt = pdx_db_prepare (db, "UPDATE study SET lock_signature_id = ? WHERE id = ?",
                                   error)) != NULL;
      if (ok && meaning == PDX_SIGNATURE_LOCK)
        pdx_stmt_bind_int64 (stmt, 1, id);
      if (ok)
        pdx_stmt_bind_int64 (stmt, 2, study_id);
      ok = ok && pdx_stmt_run (stmt, _ ("locking the study"), error);
    }
  pdx_db_set_reason (db, NULL);
  if (ok && pdx_db_commit (db, error))
    {
      if (signature_id)
        *signature_id = id;
      return TRUE;
    }
  pdx_db_rollback (db);
  return FALSE;
}

gboolean
pdx_study_sign (PdxDb               *db,
                gint64               study_id,
                PdxSignatureMeaning  meaning,
                const char          *reason,
                const PdxAuthResult *auth,
                gint64              *signature_id,
                GError             **error)
{
  g_return_val_if_fail (meaning != PDX_SIGNATURE_UNLOCK && meaning <= PDX_SIGNATURE_UNLOCK, FALSE);
  return sign (db, study_id, meaning, reason, auth, signature_id, error);
}

gboolean
pdx_study_unlock (PdxDb               *db,
                  gint64               study_id,
                  const char          *reason,
                  const PdxAuthResult *auth,
                  gint64              *signature_id,
                  GError             **error)
{
  return sign (db, study_id, PDX_SIGNATURE_UNLOCK, reason, auth, signature_id, error);
}
