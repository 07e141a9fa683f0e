/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-audit-query.c — the audit log filtered (study, mouse, operator, action, local days, search
 * words) and paged by id: the History page, `pdxtrack-cli history` and the audit export. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "store/pdx-store.h"
#include "pdx/pdx-date.h"
#include "pdx/pdx-model.h"

/* The most words a search may have: each is one LIKE over the entry. */
#define MAX_WORDS 16

/* An entry's mouse: the mouse's tag, or a deleted mouse's own entry's old tag. */
#define MOUSE_TAG                                                                                  \
  "coalesce (m.tag, CASE WHEN a.table_name = 'mouse' THEN json_extract (a.old_values, '$.tag')"    \
  " END)"
/* Where a search word (the parameter, a LIKE pattern) is looked for: the table, the values
 * (JSON text), the reason, the operator (login and display name) and the mouse's tag. One LIKE
 * per column, not one over their concatenation: no string is built per entry. */
#define MATCHES_WORD                                                                               \
  "(a.table_name LIKE @ ESCAPE '\\' OR a.old_values LIKE @ ESCAPE '\\'"                            \
  " OR a.new_values LIKE @ ESCAPE '\\' OR a.reason LIKE @ ESCAPE '\\'"                             \
  " OR a.operator LIKE @ ESCAPE '\\' OR a.operator_name LIKE @ ESCAPE '\\'"                        \
  " OR m.tag LIKE @ ESCAPE '\\')"

/* A filter as SQL: the WHERE clause built from the constant pieces below only (so the statement
 * cache holds one statement per combination of filters used) and its parameters in order. */
typedef struct
{
  GString   *sql;
  GPtrArray *texts; /* owned, one per text parameter (NULL: an integer parameter) */
  GArray    *ints;  /* gint64, one per parameter (0 for a text one) */
  gboolean   paged; /* for a page, newest first: see audit_where_init */
} AuditWhere;

static void
audit_where_clear (AuditWhere *where)
{
  g_string_free (where->sql, TRUE);
  g_ptr_array_unref (where->texts);
  g_array_unref (where->ints);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (AuditWhere, audit_where_clear)

/* Adds condition @sql, in which each '@' is the next parameter: @text (owned) or, when NULL,
 * @value. */
static void
add_condition (AuditWhere *where, const char *sql, char *text, gint64 value)
{
  g_string_append (where->sql, where->sql->len == 0 ? " WHERE " : " AND ");
  for (const char *p = sql; *p != '\0'; p++)
    if (*p == '@')
      g_string_append_printf (where->sql, "?%u", where->texts->len + 1);
    else
      g_string_append_c (where->sql, *p);
  g_ptr_array_add (where->texts, text);
  g_array_append_val (where->ints, value);
}

/* The UTC time (as audit_log.time is written) at which local day @date (YYYY-MM-DD, in the zone
 * of TZ) plus @days begins; NULL with @error when @date is not a real day. @what names the bound
 * for the message. */
static char *
local_day_start_utc (const char *date, int days, const char *what, GError **error)
{
  g_autoptr (GDateTime) local = NULL, later = NULL, utc = NULL;
  int y, m, d;

  if (pdx_date_is_valid (date) && sscanf (date, "%4d-%2d-%2d", &y, &m, &d) == 3)
    local = g_date_time_new_local (y, m, d, 0, 0, 0);
  if (local == NULL)
    {
      g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_INVALID,
                   _ ("%s '%s' is not a date (YYYY-MM-DD)"), what, date);
      return NULL;
    }
  later = g_date_time_add_days (local, days);
  utc = g_date_time_to_utc (later);
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S.000Z");
}

/* @word as a LIKE pattern that finds it anywhere, its own % _ and \ taken literally. Owned. */
static char *
like_anywhere (const char *word)
{
  GString *pattern = g_string_new ("%");

  for (const char *p = word; *p != '\0'; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }
  g_string_append_c (pattern, '%');
  return g_string_free (pattern, FALSE);
}

static gboolean
add_words (AuditWhere *where, const char *text, GError **error)
{
  g_auto (GStrv) words = g_strsplit_set (text, " \t\r\n", -1);
  guint n = 0;

  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0' && ++n > MAX_WORDS)
      {
        g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_INVALID,
                     _ ("the search has more than %d words"), MAX_WORDS);
        return FALSE;
      }
  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0')
      add_condition (where, MATCHES_WORD, like_anywhere (words[i]), 0);
  return TRUE;
}

static gboolean
is_action (const char *action)
{
  static const char *const actions[] = { "insert", "update", "delete", "import", "migrate" };

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    if (g_str_equal (action, actions[i]))
      return TRUE;
  return FALSE;
}

/* From local day @filter->since, to local day @filter->until inclusive. */
static gboolean
add_dates (AuditWhere *where, const PdxAuditFilter *filter, GError **error)
{
  char *bound;

  if (filter->since != NULL)
    {
      if ((bound = local_day_start_utc (filter->since, 0, _ ("from"), error)) == NULL)
        return FALSE;
      add_condition (where, where->paged ? "+a.time >= @" : "a.time >= @", bound, 0);
    }
  if (filter->until != NULL)
    {
      if ((bound = local_day_start_utc (filter->until, 1, _ ("to"), error)) == NULL)
        return FALSE;
      add_condition (where, where->paged ? "+a.time < @" : "a.time < @", bound, 0);
    }
  return TRUE;
}

/* @filter as SQL into @where; FALSE with @error (INVALID, naming the filter) when a date is not
 * a date, the action not one of the log's or the search too long. For a page (@paged: ORDER BY
 * id DESC LIMIT n) the operator and time conditions keep SQLite off their indexes ("+a.time"):
 * without statistics it would read every match through them and sort (7 s for a common operator
 * on 400,000 entries) where walking the log from the newest stops after n; counts use them. */
static gboolean
audit_where_init (AuditWhere *where, const PdxAuditFilter *filter, gboolean paged, GError **error)
{
  where->sql = g_string_new (NULL);
  where->texts = g_ptr_array_new_with_free_func (g_free);
  where->ints = g_array_new (FALSE, TRUE, sizeof (gint64));
  where->paged = paged;
  if (filter->study_id != 0)
    add_condition (where, "a.study_id = @", NULL, filter->study_id);
  /* with a study, its own a.study_id condition keeps out same-tag mice of other studies */
  if (filter->mouse_tag != NULL)
    add_condition (where, "a.mouse_id IN (SELECT id FROM mouse WHERE tag = @)",
                   g_strdup (filter->mouse_tag), 0);
  if (filter->operator_name != NULL)
    add_condition (where,
                   paged ? "(+a.operator = @ OR +a.operator_name = @)"
                         : "(a.operator = @ OR a.operator_name = @)",
                   g_strdup (filter->operator_name), 0);
  if (filter->action != NULL && !is_action (filter->action))
    {
      g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_INVALID,
                   _ ("no action '%s' in the audit log (insert, update, delete, import, migrate)"),
                   filter->action);
      return FALSE;
    }
  if (filter->action != NULL)
    add_condition (where, "a.action = @", g_strdup (filter->action), 0);
  if (filter->before_id > 0)
    add_condition (where, "a.id < @", NULL, filter->before_id);
  return add_dates (where, filter, error) &&
         (filter->text == NULL || add_words (where, filter->text, error));
}

static void
bind_where (PdxStmt *stmt, const AuditWhere *where)
{
  for (guint i = 0; i < where->texts->len; i++)
    {
      const char *text = g_ptr_array_index (where->texts, i);

      if (text != NULL)
        pdx_stmt_bind_text (stmt, (int) i + 1, text);
      else
        pdx_stmt_bind_int64 (stmt, (int) i + 1, g_array_index (where->ints, gint64, i));
    }
}

static char *
column_dup (PdxStmt *stmt, int i)
{
  return g_strdup (pdx_stmt_column_text (stmt, i));
}

static PdxAuditEntry *
entry_read (PdxStmt *stmt)
{
  PdxAuditEntry *e = g_new0 (PdxAuditEntry, 1);

  e->id = pdx_stmt_column_int64 (stmt, 0);
  e->time = column_dup (stmt, 1);
  e->operator_name = column_dup (stmt, 2);
  e->table_name = column_dup (stmt, 3);
  e->row_id = pdx_stmt_column_int64 (stmt, 4);
  e->action = column_dup (stmt, 5);
  e->old_values = column_dup (stmt, 6);
  e->new_values = column_dup (stmt, 7);
  e->reason = column_dup (stmt, 8);
  e->mouse_tag = column_dup (stmt, 9);
  e->study_code = column_dup (stmt, 10);
  e->login = column_dup (stmt, 11);
  e->hash = column_dup (stmt, 12);
  return e;
}

GPtrArray *
pdx_audit_list (PdxDb *db, const PdxAuditFilter *filter, GError **error)
{
  PdxAuditFilter none = { 0 };
  g_auto (AuditWhere) where = { 0 };
  g_autoptr (GString) sql = g_string_new (
      "SELECT a.id, a.time, a.operator_name, a.table_name, a.row_id, a.action, a.old_values,"
      " a.new_values, a.reason, " MOUSE_TAG
      ", s.code, a.operator, a.hash FROM audit_log a LEFT JOIN mouse m"
      " ON m.id = a.mouse_id LEFT JOIN study s ON s.id = a.study_id");
  g_autoptr (GPtrArray) entries = NULL;
  PdxStmt *stmt;
  PdxStep  rc;

  g_return_val_if_fail (db != NULL, NULL);
  if (!audit_where_init (&where, filter ? filter : &none, TRUE, error))
    return NULL;
  g_string_append_printf (sql, "%s ORDER BY a.id DESC LIMIT ?%u", where.sql->str,
                          where.texts->len + 1);
  /* cached: the texts of the filters' combinations are few (see AuditWhere) */
  if ((stmt = pdx_db_prepare (db, sql->str, error)) == NULL)
    return NULL;
  bind_where (stmt, &where);
  pdx_stmt_bind_int64 (stmt, (int) where.texts->len + 1,
                       filter && filter->limit ? (gint64) filter->limit : -1);
  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) pdx_audit_entry_free);
  while ((rc = pdx_stmt_step (stmt, NULL)) == PDX_STEP_ROW)
    g_ptr_array_add (entries, entry_read (stmt));
  pdx_stmt_reset (stmt);
  if (rc != PDX_STEP_DONE)
    {
      pdx_db_set_error (db, error, _ ("reading the audit log"));
      return NULL;
    }
  /* after the list's statement is reset: the fields' statements are others of the same cache */
  for (guint i = 0; i < entries->len; i++)
    if (!pdx_audit_entry_read_fields (db, g_ptr_array_index (entries, i), error))
      return NULL;
  return g_steal_pointer (&entries);
}

gint64
pdx_audit_count (PdxDb *db, const PdxAuditFilter *filter, GError **error)
{
  PdxAuditFilter none = { 0 };
  g_auto (AuditWhere) where = { 0 };
  g_autofree char *sql = NULL;
  PdxStmt         *stmt;
  gint64           count;

  g_return_val_if_fail (db != NULL, -1);
  if (filter == NULL)
    filter = &none;
  if (!audit_where_init (&where, filter, FALSE, error))
    return -1;
  /* the mouse's tag only for a search */
  sql = g_strconcat ("SELECT count(*) FROM audit_log a",
                     filter->text != NULL ? " LEFT JOIN mouse m ON m.id = a.mouse_id" : "",
                     where.sql->str, NULL);
  if ((stmt = pdx_db_prepare (db, sql, error)) == NULL)
    return -1;
  bind_where (stmt, &where);
  if (pdx_stmt_step (stmt, NULL) != PDX_STEP_ROW)
    {
      pdx_stmt_reset (stmt);
      pdx_db_set_error (db, error, _ ("counting the audit log's entries"));
      return -1;
    }
  count = pdx_stmt_column_int64 (stmt, 0);
  pdx_stmt_reset (stmt);
  return count;
}
