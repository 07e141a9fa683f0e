/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-schema-lock.c — the lock triggers of schema 4 (docs/signatures.md): a locked study's rows
 * refuse every insert, update and delete, from any program; generated for each audited table
 * whose rows belong to a study (pdx-schema.c's list), so a table added later gets them too. */
#include "pdx-config.h"

#include "pdx-store-private.h"

/* The two statements of a refusal: note the study (for the message), then RAISE. */
#define REFUSE(study)                                                                              \
  "SELECT pdx_locked_study (" study "); SELECT RAISE (ABORT, '" PDX_SCHEMA_LOCKED_TEXT "');"

/* "(SELECT lock_signature_id FROM study WHERE id = EXPR) IS NOT NULL" for row @row. Owned. */
static char *
locked_of (const char *study_expr, const char *row)
{
  g_autofree char *study = g_strdup_printf (study_expr, row);

  return g_strdup_printf ("(SELECT lock_signature_id FROM study WHERE id = %s) IS NOT NULL", study);
}

void
pdx_schema_append_lock_triggers (GString *sql, const char *table, const char *study_expr)
{
  g_autofree char *new_study = g_strdup_printf (study_expr, "NEW");
  g_autofree char *old_study = g_strdup_printf (study_expr, "OLD");
  g_autofree char *new_locked = locked_of (study_expr, "NEW");
  g_autofree char *old_locked = locked_of (study_expr, "OLD");

  g_string_append_printf (sql,
                          "DROP TRIGGER IF EXISTS lock_%s_insert; DROP TRIGGER IF EXISTS "
                          "lock_%s_update; DROP TRIGGER IF EXISTS lock_%s_delete;",
                          table, table, table);
  g_string_append_printf (sql,
                          "CREATE TRIGGER lock_%s_insert BEFORE INSERT ON %s WHEN %s BEGIN "
                          "SELECT pdx_locked_study (%s); SELECT RAISE (ABORT, '%s'); END;",
                          table, table, new_locked, new_study, PDX_SCHEMA_LOCKED_TEXT);
  /* An update moves a row out of a study or into one: either being locked refuses it. */
  g_string_append_printf (sql,
                          "CREATE TRIGGER lock_%s_update BEFORE UPDATE ON %s WHEN %s OR %s BEGIN "
                          "SELECT pdx_locked_study (CASE WHEN %s THEN %s ELSE %s END);"
                          " SELECT RAISE (ABORT, '%s'); END;",
                          table, table, old_locked, new_locked, old_locked, old_study, new_study,
                          PDX_SCHEMA_LOCKED_TEXT);
  g_string_append_printf (sql,
                          "CREATE TRIGGER lock_%s_delete BEFORE DELETE ON %s WHEN %s BEGIN "
                          "SELECT pdx_locked_study (%s); SELECT RAISE (ABORT, '%s'); END;",
                          table, table, old_locked, old_study, PDX_SCHEMA_LOCKED_TEXT);
}

/* "NEW.c IS OLD.c AND …" over the study's columns but lock_signature_id. Owned. */
static char *
unchanged_of (GPtrArray *columns)
{
  GString *out = g_string_new ("1");

  for (guint i = 0; i < columns->len; i++)
    {
      const char *c = g_ptr_array_index (columns, i);
      if (!g_str_equal (c, "lock_signature_id"))
        g_string_append_printf (out, " AND NEW.%s IS OLD.%s", c, c);
    }
  return g_string_free (out, FALSE);
}

/* The newest signature of the study, column @column. */
#define NEWEST(column)                                                                             \
  "(SELECT " column " FROM signature WHERE study_id = OLD.id ORDER BY id DESC LIMIT 1)"

void
pdx_schema_append_study_lock_triggers (GString *sql, GPtrArray *columns)
{
  g_autofree char *unchanged = unchanged_of (columns);

  g_string_append (sql, "DROP TRIGGER IF EXISTS lock_study_insert; DROP TRIGGER IF EXISTS "
                        "lock_study_set; DROP TRIGGER IF EXISTS lock_study_update;"
                        " DROP TRIGGER IF EXISTS lock_study_delete;");
  g_string_append (sql, "CREATE TRIGGER lock_study_insert BEFORE INSERT ON study"
                        " WHEN NEW.lock_signature_id IS NOT NULL BEGIN"
                        " SELECT RAISE (ABORT, 'a new study cannot be locked'); END;");
  g_string_append_printf (
      sql,
      "CREATE TRIGGER lock_study_set BEFORE UPDATE OF lock_signature_id ON study"
      " WHEN OLD.lock_signature_id IS NULL AND NEW.lock_signature_id IS NOT NULL AND NOT (%s"
      " AND NEW.lock_signature_id IS " NEWEST ("id") " AND " NEWEST (
          "meaning") " = 'lock')"
                     " BEGIN SELECT RAISE (ABORT, 'a study is locked only by its newest signature, of meaning"
                     " lock, and nothing else changes with it'); END;",
      unchanged);
  /* A locked study changes only by its unlock: the lock cleared, nothing else, after an
   * unlock signature. */
  g_string_append_printf (sql,
                          "CREATE TRIGGER lock_study_update BEFORE UPDATE ON study"
                          " WHEN OLD.lock_signature_id IS NOT NULL AND NOT (%s"
                          " AND NEW.lock_signature_id IS NULL AND " NEWEST (
                              "meaning") " = 'unlock')"
                                         " BEGIN " REFUSE ("OLD.id") " END;",
                          unchanged);
  g_string_append (sql, "CREATE TRIGGER lock_study_delete BEFORE DELETE ON study"
                        " WHEN OLD.lock_signature_id IS NOT NULL BEGIN " REFUSE ("OLD.id") " END;");
}
