/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-store-lock.c — a locked study in words: the message every refusal of a write to a locked
 * study carries, whether the model refused it first or the schema's lock triggers did
 * (pdx-store-sqlite.c turns their RAISE into PDX_DB_ERROR_LOCKED with this text). */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx-store-private.h"
#include "pdx/pdx-format.h"

/* @iso_utc ("YYYY-MM-DDTHH:MM:SS.sssZ") in the person's time zone, or @iso_utc itself. */
static char *
local_time_of (const char *iso_utc)
{
  g_autoptr (GDateTime) utc = iso_utc ? g_date_time_new_from_iso8601 (iso_utc, NULL) : NULL;
  g_autoptr (GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;

  return local ? pdx_format_date_time (local) : g_strdup (iso_utc ? iso_utc : "?");
}

/* The message of a locked study from its code and the lock signature's columns. */
static char *
lock_message (
    const char *code, const char *login, const char *name, const char *time, const char *reason)
{
  g_autofree char *who = name && *name && g_strcmp0 (name, login) != 0
                             ? g_strdup_printf ("%s (%s)", login, name)
                             : g_strdup (login);
  g_autofree char *when = local_time_of (time);
  g_autofree char *shown_code = pdx_text_shown (code);
  g_autofree char *shown_who = pdx_text_shown (who);
  g_autofree char *shown_reason = pdx_text_shown (reason);

  /* Translators: the study's code, who signed the lock (login and name), when, and the reason
   * given; "lock" is the signature's meaning as stored and typed on the command line. */
  return g_strdup_printf (_ ("Study %s is locked: signed \"lock\" by %s on %s — \"%s\"."),
                          shown_code, shown_who, when, shown_reason);
}

char *
pdx_db_dup_lock_refused (const char *description)
{
  /* Translators: a locked study's description, then this. */
  return g_strdup_printf ("%s %s", description, _ ("Nothing was changed."));
}

gboolean
pdx_db_describe_lock (PdxDb *db, gint64 study_id, char **description, GError **error)
{
  PdxStmt *stmt = pdx_db_prepare (db,
                                  "SELECT s.code, g.login, g.name, g.time, g.reason FROM study s"
                                  " JOIN signature g ON g.id = s.lock_signature_id"
                                  " WHERE s.id = ?",
                                  error);
  PdxStep  step;

  *description = NULL;
  if (stmt == NULL)
    return FALSE;
  pdx_stmt_bind_int64 (stmt, 1, study_id);
  step = pdx_stmt_step (stmt, NULL);
  if (step == PDX_STEP_ROW)
    *description = lock_message (pdx_stmt_column_text (stmt, 0), pdx_stmt_column_text (stmt, 1),
                                 pdx_stmt_column_text (stmt, 2), pdx_stmt_column_text (stmt, 3),
                                 pdx_stmt_column_text (stmt, 4));
  pdx_stmt_reset (stmt);
  return step != PDX_STEP_ERROR || pdx_db_set_error (db, error, _ ("reading the study's lock"));
}

void
pdx_db_note_lock_refusal (PdxDb *db, gint64 study_id)
{
  g_autofree char *description = NULL;

  if (pdx_db_describe_lock (db, study_id, &description, NULL) && description != NULL)
    pdx_db_set_lock_refusal (db, pdx_db_dup_lock_refused (description));
  else
    pdx_db_set_lock_refusal (db, NULL);
}

char *
pdx_db_dup_lock_refusal (PdxDb *db)
{
  const char *noted = pdx_db_get_lock_refusal (db);

  return g_strdup (noted ? noted
                         : _ ("The study is locked: nothing in it can change until it is "
                              "unlocked with a reason. Nothing was changed."));
}
