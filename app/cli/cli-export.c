/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli-export.c — `export` (cohort summary, measurements) and `report` (PDF). */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "cli.h"

#include <math.h>

static int
export_measurements (PdxCli *cli, const PdxStudy *study, const char *out)
{
  g_autoptr (GError) error = NULL;

  if (!g_str_has_suffix (out, ".csv"))
    return pdx_cli_fail (cli, _ ("export measurements: --out must end in .csv"));
  if (!pdx_export_measurements_csv (cli->db, study->id, out, &error))
    return pdx_cli_fail_error (cli, error);
  fprintf (cli->out, _ ("Wrote the measurements of %s to %s\n"), study->code, out);
  return 0;
}

static int
export_summary (PdxCli *cli, const PdxStudy *study, const char *out, double day)
{
  g_autoptr (GError) error = NULL;
  PdxExportOptions options;

  pdx_export_options_init (&options);
  options.day = day;
  if (!pdx_export_summary (cli->db, study->id, out, &options, &error))
    return pdx_cli_fail_error (cli, error);
  fprintf (cli->out, _ ("Wrote the cohort summary of %s to %s\n"), study->code, out);
  return 0;
}

int
pdx_cli_cmd_export (PdxCli *cli, int argc, char **argv)
{
  char        *study_code = NULL, *out_path = NULL;
  double       day = NAN;
  int          status;
  GOptionEntry entries[] = {
    { "study", 0, 0, G_OPTION_ARG_STRING, &study_code, N_ ("Study to export"), "CODE" },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out_path, N_ ("File to write"), "FILE" },
    { "day", 0, 0, G_OPTION_ARG_DOUBLE, &day,
      N_ ("summary: day of TGI% and T/C% (default: the last day both curves are plotted)"), "N" },
    { NULL }
  };
  g_autoptr (PdxStudy) study = NULL;

  if (!pdx_cli_parse (
          cli, N_ ("summary|measurements --study CODE --out FILE [--day N]"),
          N_ ("summary: the cohort summary as CSV or XLSX; measurements: the long-format CSV "
              "of everything recorded."),
          entries, &argc, &argv, &status))
    return status;
  g_autofree char *code = study_code;
  g_autofree char *out = out_path;
  if (argc != 2)
    return pdx_cli_fail (cli, _ ("export: expected 'summary' or 'measurements'"));
  if (out == NULL)
    return pdx_cli_fail (cli, _ ("export: --out FILE is required"));
  if (!pdx_cli_open_db (cli, FALSE) || !(study = pdx_cli_require_study (cli, code)))
    return 1;
  if (g_str_equal (argv[1], "measurements"))
    return export_measurements (cli, study, out);
  if (g_str_equal (argv[1], "summary"))
    return export_summary (cli, study, out, day);
  return pdx_cli_fail (cli, _ ("export: unknown '%s'; expected summary or measurements"), argv[1]);
}

int
pdx_cli_cmd_report (PdxCli *cli, int argc, char **argv)
{
  char        *study_code = NULL, *out_path = NULL;
  double       day = NAN;
  int          status;
  GOptionEntry entries[] = {
    { "study", 0, 0, G_OPTION_ARG_STRING, &study_code, N_ ("Study to report on"), "CODE" },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out_path, N_ ("PDF file to write"), "FILE.pdf" },
    { "day", 0, 0, G_OPTION_ARG_DOUBLE, &day,
      N_ ("Day of TGI% and T/C% (default: the last day both curves are plotted)"), "N" },
    { NULL }
  };
  g_autoptr (PdxStudy) study = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *lower = NULL;
  PdxExportOptions options;

  if (!pdx_cli_parse (
          cli, N_ ("--study CODE --out FILE.pdf [--day N]"),
          N_ ("The PDF study report: metadata, arms and agents, the cohort summary, every "
              "chart and the methods."),
          entries, &argc, &argv, &status))
    return status;
  g_autofree char *code = study_code;
  g_autofree char *out = out_path;
  if (argc != 1)
    return pdx_cli_fail (cli, _ ("report: unexpected argument '%s'"), argv[1]);
  if (code == NULL)
    return pdx_cli_fail (cli, _ ("report: --study CODE is required"));
  if (out == NULL)
    return pdx_cli_fail (cli, _ ("report: --out FILE.pdf is required"));
  lower = g_ascii_strdown (out, -1);
  if (!g_str_has_suffix (lower, ".pdf"))
    return pdx_cli_fail (cli, _ ("report: --out must end in .pdf"));
  if (!pdx_cli_open_db (cli, FALSE) || !(study = pdx_cli_require_study (cli, code)))
    return 1;
  pdx_export_options_init (&options);
  options.day = day;
  if (!pdx_report_write_pdf (cli->db, study->id, out, &options, &error))
    return pdx_cli_fail_error (cli, error);
  fprintf (cli->out, _ ("Wrote the report of %s to %s\n"), study->code, out);
  return 0;
}
