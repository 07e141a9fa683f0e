/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli-history.c — `history [--study CODE] [--limit N]`: the audit log, newest first, one entry
 * per row in the same words as the app's History page (pdx-wording.h). */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "cli.h"

/* Arm id → name of the arms of @study_id (0: of every study), for pdx_audit_format_change. */
static GHashTable *
arm_names_new (PdxDb *db, gint64 study_id, GError **error)
{
  g_autoptr (GHashTable) names =
      g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr (GPtrArray) studies = NULL;

  if (study_id == 0 && (studies = pdx_study_list (db, 0, error)) == NULL)
    return NULL;
  for (guint s = 0; s < (studies ? studies->len : 1); s++)
    {
      gint64 id = studies ? ((PdxStudy *) g_ptr_array_index (studies, s))->id : study_id;
      g_autoptr (GPtrArray) arms = pdx_arm_list (db, id, error);

      if (arms == NULL)
        return NULL;
      for (guint a = 0; a < arms->len; a++)
        {
          PdxArm *arm = g_ptr_array_index (arms, a);
          g_hash_table_insert (names, g_memdup2 (&arm->id, sizeof arm->id), g_strdup (arm->name));
        }
    }
  return g_steal_pointer (&names);
}

/* The entries of @filter as a table of the History page's six columns: in the person's language
 * on the terminal; as CSV (a file, like every CSV pdxtrack writes) in English with ISO dates,
 * whatever the language. */
static int
print_history (PdxCli *cli, const PdxAuditFilter *filter)
{
  g_auto (PdxCLocale) c_locale = { cli->csv ? pdx_i18n_use_c_locale () : (locale_t) 0 };
  static const char *const columns[] = { "time",   "operator", "record", "action",
                                         "change", "reason",   NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) entries = pdx_audit_list (cli->db, filter, &error);
  g_autoptr (GHashTable) arm_names = NULL;
  g_autoptr (PdxCliTable) table = NULL;

  if (entries == NULL || (arm_names = arm_names_new (cli->db, filter->study_id, &error)) == NULL)
    return pdx_cli_fail_error (cli, error);
  table = pdx_cli_table_new (columns);
  for (guint i = 0; i < entries->len; i++)
    {
      const PdxAuditEntry *entry = g_ptr_array_index (entries, i);
      char               **row = g_new0 (char *, 7);

      row[0] = pdx_audit_format_time (entry);
      row[1] = g_strdup (entry->operator_name ? entry->operator_name : entry->login);
      row[2] = pdx_audit_format_record (entry);
      row[3] = g_strdup (pdx_audit_format_action (entry));
      row[4] = pdx_audit_format_change (entry, arm_names);
      row[5] = g_strdup (entry->reason);
      pdx_cli_table_add_row_take (table, row);
    }
  pdx_cli_table_print (cli, table);
  return 0;
}

int
pdx_cli_cmd_history (PdxCli *cli, int argc, char **argv)
{
  char        *study_code = NULL;
  int          limit = G_MININT, status; /* G_MININT: no --limit */
  GOptionEntry entries[] = {
    { "study", 0, 0, G_OPTION_ARG_STRING, &study_code, N_ ("Only this study's changes"), "CODE" },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_ ("Only the newest N changes"), "N" },
    { NULL }
  };
  PdxAuditFilter filter = { 0 };
  g_autoptr (PdxStudy) study = NULL;

  if (!pdx_cli_parse (
          cli, "[--study CODE] [--limit N]",
          N_ ("The lab's history (its audit log), newest first, one change per row in the "
              "words of the app's History page."),
          entries, &argc, &argv, &status))
    return status;
  g_autofree char *code = study_code;
  if (argc != 1)
    return pdx_cli_fail (cli, _ ("history: unexpected argument '%s'"), argv[1]);
  if (limit != G_MININT && limit < 1)
    return pdx_cli_fail (cli, _ ("history: --limit must be a whole number from 1, not %d"), limit);
  if (!pdx_cli_open_db (cli, FALSE) ||
      (code != NULL && !(study = pdx_cli_require_study (cli, code))))
    return 1;
  filter.study_id = study ? study->id : 0;
  filter.limit = limit == G_MININT ? 0 : (guint) limit;
  return print_history (cli, &filter);
}
