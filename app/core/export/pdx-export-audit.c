/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-export-audit.c — the audit trail for an inspector as CSV: one row per changed field. */
#include "pdx/pdx-export.h"
#include "pdx/pdx-csv.h"
#include "pdx/pdx-date.h"
#include "pdx/pdx-error.h"
#include "pdx/pdx-i18n.h"
#include "pdx/pdx-output.h"
#include "store/pdx-store.h"

#include "pdx-export-private.h"

static const char *const header[] = { "seq",    "time_utc", "operator", "action", "table",
                                      "record", "study",    "mouse",    "field",  "old",
                                      "new",    "reason",   "hash" };

/* One row per field an entry changed: an insert's fields (old empty), an update's changed ones,
 * a delete's (new empty), NULLs left out; an import's or migration's entry is one row (field "file"
 * with the import's file, its size, SHA-256 and rows as JSON in new; "note" for a migration). The
 * operator is the login, the display name only when no login was recorded (entries written
 * before schema 3). Fields in the order the row's JSON holds them. */
static const char export_sql[] =
    "SELECT a.id, a.time, coalesce (a.operator, a.operator_name), a.action, a.table_name,"
    " a.row_id, s.code, m.tag, f.field, f.old, f.new, a.reason, a.hash"
    " FROM audit_log a"
    " JOIN (SELECT a2.id AS id, j.key AS field, j.id AS ord,"
    "        json_extract (a2.old_values, '$.\"' || j.key || '\"') AS old,"
    "        json_extract (a2.new_values, '$.\"' || j.key || '\"') AS new"
    "       FROM audit_log a2, json_each (coalesce (a2.new_values, a2.old_values)) j"
    "       WHERE a2.action IN ('insert', 'update', 'delete')"
    "       UNION ALL SELECT a3.id, CASE a3.action WHEN 'import' THEN 'file' ELSE 'note' END, 0,"
    "        NULL, a3.new_values FROM audit_log a3 WHERE a3.action NOT IN ('insert', 'update',"
    "        'delete')) f ON f.id = a.id"
    " LEFT JOIN study s ON s.id = a.study_id LEFT JOIN mouse m ON m.id = a.mouse_id"
    " WHERE ((a.action = 'update' AND f.old IS NOT f.new) OR (a.action = 'insert' AND f.new IS"
    "  NOT NULL) OR (a.action = 'delete' AND f.old IS NOT NULL)"
    "  OR a.action NOT IN ('insert', 'update', 'delete'))"
    "  AND (?1 = 0 OR a.study_id = ?1) AND (?2 IS NULL OR a.time >= ?2)"
    "  AND (?3 IS NULL OR a.time < ?3)"
    " ORDER BY a.id, f.ord";

static char *
column_text (PdxStmt *stmt, int i)
{
  return pdx_stmt_column_type (stmt, i) == PDX_COLUMN_NULL
             ? NULL
             : g_strdup (pdx_stmt_column_text (stmt, i));
}

gboolean
pdx_export_audit_csv (PdxDb                       *db,
                      const PdxAuditExportOptions *options,
                      const char                  *path,
                      GError                     **error)
{
  g_auto (PdxCLocale) c_locale = { pdx_i18n_use_c_locale () };
  g_autoptr (GString) out = g_string_new (NULL);
  g_autofree char *from = NULL, *to = NULL;
  PdxStmt         *stmt;
  int              rc;

  g_return_val_if_fail (db != NULL && path != NULL, FALSE);
  for (guint i = 0; options && i < 2; i++)
    {
      const char *date = i == 0 ? options->from : options->to;
      if (date != NULL && !pdx_date_is_valid (date))
        return g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_INVALID,
                            "%s %.80s is not a date; expected YYYY-MM-DD",
                            i == 0 ? "--from" : "--to", date),
               FALSE;
    }
  if (options && options->from)
    from = g_strdup_printf ("%sT00:00:00.000Z", options->from);
  if (options && options->to)
    {
      g_autoptr (GDateTime) day = NULL, next = NULL;
      g_autofree char *iso = g_strdup_printf ("%sT00:00:00Z", options->to);

      day = g_date_time_new_from_iso8601 (iso, NULL);
      if (day == NULL)
        return g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_INVALID,
                            "--to %s is not a date (YYYY-MM-DD)", options->to),
               FALSE;
      next = g_date_time_add_days (day, 1);
      to = g_date_time_format (next, "%Y-%m-%dT00:00:00.000Z");
    }
  stmt = pdx_db_prepare (db, export_sql, error);
  if (stmt == NULL)
    return FALSE;
  pdx_output_csv_write_record (out, header, G_N_ELEMENTS (header));
  pdx_stmt_bind_int64 (stmt, 1, options ? options->study_id : 0);
  if (from)
    pdx_stmt_bind_text (stmt, 2, from);
  if (to)
    pdx_stmt_bind_text (stmt, 3, to);
  while ((rc = pdx_stmt_step (stmt, NULL)) == PDX_STEP_ROW)
    {
      char *fields[G_N_ELEMENTS (header)];

      for (guint i = 0; i < G_N_ELEMENTS (header); i++)
        fields[i] = column_text (stmt, (int) i);
      pdx_output_csv_write_record (out, (const char *const *) fields, G_N_ELEMENTS (header));
      for (guint i = 0; i < G_N_ELEMENTS (header); i++)
        g_free (fields[i]);
    }
  pdx_stmt_reset (stmt);
  if (rc != PDX_STEP_DONE)
    return pdx_db_set_error (db, error, "reading the audit log");
  if (!pdx_export_append_seal_line (db, out, error))
    return FALSE;
  return pdx_output_set_contents (path, out->str, out->len, error);
}
