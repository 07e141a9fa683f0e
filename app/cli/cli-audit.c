/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli-audit.c — `audit seal` and `audit verify [--seal N:HASH]`: the head of the audit chain,
 * and the chain recomputed (and checked against a seal kept outside the lab). One table of
 * subcommands, so that each `audit` command is one function. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "cli.h"

/* `audit export --out FILE.csv|FILE.pdf [--study CODE] [--from DATE] [--to DATE]`: the trail
 * for an inspector, one row per changed field (pdx_export_audit_csv), or the same on paper
 * (pdx_report_write_audit_pdf). */
static int
audit_export (PdxCli *cli, int argc, char **argv)
{
  char        *out = NULL, *study = NULL, *from = NULL, *to = NULL;
  int          status;
  GOptionEntry entries[] = {
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out, N_ ("File to write (.csv or .pdf)"), "FILE" },
    { "study", 0, 0, G_OPTION_ARG_STRING, &study, N_ ("Only this study's entries"), "CODE" },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_ ("Entries from this day (local time)"), "DATE" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_ ("Entries up to this day (local time)"), "DATE" },
    { NULL }
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxStudy) found = NULL;
  PdxAuditFilter filter = { 0 };

  if (!pdx_cli_parse (cli, N_ ("--out FILE.csv|FILE.pdf [--study CODE] [--from DATE] [--to DATE]"),
                      N_ ("Writes the audit trail, one row per changed field: seq, time_utc, "
                          "operator, action, table, record, study, mouse, field, old, new, "
                          "reason, hash; then the line '# audit seal N HASH'. A .pdf is the "
                          "same as a listing on landscape A4 pages, the seal on every page."),
                      entries, &argc, &argv, &status))
    return status;
  g_autofree char *path = out, *code = study, *day_from = from, *day_to = to;
  g_autofree char *lower = NULL;
  gboolean         pdf;
  if (path == NULL)
    return pdx_cli_fail (cli, _ ("audit export: --out FILE.csv or --out FILE.pdf is required"));
  lower = g_ascii_strdown (path, -1);
  pdf = g_str_has_suffix (lower, ".pdf");
  if (!pdf && !g_str_has_suffix (lower, ".csv"))
    return pdx_cli_fail (cli, _ ("audit export: %s: the file must end in .csv or .pdf"), path);
  if (!pdx_cli_open_db_flags (cli, PDX_DB_OPEN_READONLY))
    return 1;
  if (code != NULL && (found = pdx_cli_require_study (cli, code)) == NULL)
    return 1;
  filter =
      (PdxAuditFilter){ .study_id = found ? found->id : 0, .since = day_from, .until = day_to };
  if (!(pdf ? pdx_report_write_audit_pdf (cli->db, &filter, path, &error)
            : pdx_export_audit_csv (cli->db, &filter, path, &error)))
    return pdx_cli_fail_error (cli, error);
  fprintf (cli->out, _ ("Wrote the audit trail to %s\n"), path);
  return 0;
}

/* `audit seal`: prints "N HASH", the newest entry's number and hash. */
static int
audit_seal (PdxCli *cli, int argc, char **argv)
{
  PdxAuditSeal seal;
  int          status;
  g_autoptr (GError) error = NULL;

  if (!pdx_cli_parse (cli, N_ ("— print the seal of the audit trail"),
                      N_ ("Prints the number and SHA-256 hash of the newest audit entry: the "
                          "head of the hash chain. Keep it outside the lab (on paper, in a "
                          "report): 'audit verify --seal N:HASH' later proves that no entry up "
                          "to it was changed or deleted, even if the whole chain was recomputed."),
                      NULL, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return pdx_cli_fail (cli, _ ("audit seal: unexpected argument '%s'"), argv[1]);
  if (!pdx_cli_open_db_flags (cli, PDX_DB_OPEN_READONLY))
    return 1;
  if (!pdx_audit_get_seal (cli->db, &seal, &error))
    return pdx_cli_fail_error (cli, error);
  fprintf (cli->out, "%" G_GINT64_FORMAT " %s\n", seal.seq, seal.hash);
  return 0;
}

/* `audit verify [--seal N:HASH]`: exit 0 only when the chain (and the seal) verify; else one
 * line naming the first entry that does not, exit 1. */
static int
audit_verify (PdxCli *cli, int argc, char **argv)
{
  char        *seal_text = NULL;
  int          status;
  GOptionEntry entries[] = { { "seal", 0, 0, G_OPTION_ARG_STRING, &seal_text,
                               N_ ("Also check the log against this seal (from 'audit seal')"),
                               "N:HASH" },
                             { NULL } };
  PdxAuditSeal seal;
  g_autoptr (GError) error = NULL;

  if (!pdx_cli_parse (cli, N_ ("— recompute the audit trail's hash chain"),
                      N_ ("Recomputes the SHA-256 chain of every audit entry; with --seal, also "
                          "checks that the sealed entry still has the hash the seal recorded. "
                          "Exits 0 when everything verifies, else prints the first entry that "
                          "does not and exits 1."),
                      entries, &argc, &argv, &status))
    return status;
  g_autofree char *text = seal_text;
  if (argc != 1)
    return pdx_cli_fail (cli, _ ("audit verify: unexpected argument '%s'"), argv[1]);
  if (text && !pdx_audit_seal_parse (text, &seal, &error))
    return pdx_cli_fail (cli, _ ("audit verify: --seal: %s"), error->message);
  if (!pdx_cli_open_db_flags (cli, PDX_DB_OPEN_READONLY))
    return 1;
  if (!pdx_audit_verify (cli->db, text ? &seal : NULL, NULL, &error))
    return pdx_cli_fail_error (cli, error);
  if (text)
    fprintf (cli->out, _ ("%s: the audit chain verifies, and matches the seal\n"),
             pdx_db_get_path (cli->db));
  else
    fprintf (cli->out, _ ("%s: the audit chain verifies\n"), pdx_db_get_path (cli->db));
  return 0;
}

typedef struct
{
  const char *name;
  int (*run) (PdxCli *cli, int argc, char **argv);
} AuditCommand;

static const AuditCommand audit_commands[] = {
  { "export", audit_export },
  { "seal", audit_seal },
  { "verify", audit_verify },
};

int
pdx_cli_cmd_audit (PdxCli *cli, int argc, char **argv)
{
  if (argc >= 2)
    for (gsize i = 0; i < G_N_ELEMENTS (audit_commands); i++)
      if (g_str_equal (argv[1], audit_commands[i].name))
        {
          /* The subcommand runs as "audit NAME" (its usage and messages say so); option
           * parsing keeps argv[0] in place, so the caller's string is put back after. */
          g_autofree char *name = g_strconcat ("audit ", argv[1], NULL);
          char            *given = argv[1];
          int              status;

          argv[1] = name;
          status = audit_commands[i].run (cli, argc - 1, argv + 1);
          argv[1] = given;
          return status;
        }
  if (argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      fputs (_ ("Usage: pdxtrack-cli audit seal|verify|export [OPTIONS…]\n\n"
                "  seal     print the seal (entry number and hash) of the audit trail\n"
                "  verify   recompute the hash chain [--seal N:HASH]\n"
                "  export   write the trail --out FILE.csv|FILE.pdf [--study CODE] [--from "
                "DATE] [--to DATE]\n"),
             cli->out);
      return 0;
    }
  return pdx_cli_fail (
      cli, _ ("audit: expected seal, verify or export (see 'pdxtrack-cli audit --help')"));
}
