/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli-export.c — `export` (cohort summary, measurements) and `report` (PDF). */
#include "cli.h"

#include <math.h>

static int
export_measurements (PdxCli *cli, const PdxStudy *study, const char *out)
{
  g_autoptr (GError) error = NULL;

  if (!g_str_has_suffix (out, ".csv"))
    return pdx_cli_fail (cli, "export measurements: --out must end in .csv");
  if (!pdx_export_measurements_csv (cli->db, study->id, out, &error))
    return pdx_cli_fail_error (cli, error);
  fprintf (cli->out, "Wrote the measurements of %s to %s\n", study->code, out);
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
  fprintf (cli->out, "Wrote the cohort summary of %s to %s\n", study->code, out);
  return 0;
}

int
pdx_cli_cmd_export (PdxCli *cli, int argc, char **argv)
{
  char *study_code = NULL, *out_path = NULL;
  double day = NAN;
  int status;
  GOptionEntry entries[] = {
    { "study", 0, 0, G_OPTION_ARG_STRING, &study_code, "Study to export", "CODE" },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out_path, "File to write", "FILE" },
    { "day", 0, 0, G_OPTION_ARG_DOUBLE, &day,
      "summary: day of TGI% and T/C% (default: the last day both curves are plotted)", "N" },
    { NULL }
  };
  g_autoptr (PdxStudy) study = NULL;

  if (!pdx_cli_parse (cli, "summary|measurements --study CODE --out FILE [--day N]",
                      "summary: the cohort summary as CSV or XLSX; measurements: the long-format CSV "
                      "of everything recorded.", entries, &argc, &argv, &status))
    return status;
  g_autofree char *code = study_code;
  g_autofree char *out = out_path;
  if (argc != 2)
    return pdx_cli_fail (cli, "export: expected 'summary' or 'measurements'");
  if (out == NULL)
    return pdx_cli_fail (cli, "export: --out FILE is required");
  if (!pdx_cli_open_db (cli, FALSE) || !(study = pdx_cli_require_study (cli, code)))
    return 1;
  if (g_str_equal (argv[1], "measurements"))
    return export_measurements (cli, study, out);
  if (g_str_equal (argv[1], "summary"))
    return export_summary (cli, study, out, day);
  return pdx_cli_fail (cli, "export: unknown '%s'; expected summary or measurements", argv[1]);
}

int
pdx_cli_cmd_report (PdxCli *cli, int argc, char **argv)
{
  char *study_code = NULL, *out_path = NULL;
  double day = NAN;
  int status;
  GOptionEntry entries[] = {
    { "study", 0, 0, G_OPTION_ARG_STRING, &study_code, "Study to report on", "CODE" },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out_path, "PDF file to write", "FILE.pdf" },
    { "day", 0, 0, G_OPTION_ARG_DOUBLE, &day,
      "Day of TGI% and T/C% (default: the last day both curves are plotted)", "N" },
    { NULL }
  };
  g_autoptr (PdxStudy) study = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *lower = NULL;
  PdxExportOptions options;

  if (!pdx_cli_parse (cli, "--study CODE --out FILE.pdf [--day N]",
                      "The PDF study report: metadata, arms and agents, the cohort summary, every "
                      "chart and the methods.", entries, &argc, &argv, &status))
    return status;
  g_autofree char *code = study_code;
  g_autofree char *out = out_path;
  if (argc != 1)
    return pdx_cli_fail (cli, "report: unexpected argument '%s'", argv[1]);
  if (code == NULL)
    return pdx_cli_fail (cli, "report: --study CODE is required");
  if (out == NULL)
    return pdx_cli_fail (cli, "report: --out FILE.pdf is required");
  lower = g_ascii_strdown (out, -1);
  if (!g_str_has_suffix (lower, ".pdf"))
    return pdx_cli_fail (cli, "report: --out must end in .pdf");
  if (!pdx_cli_open_db (cli, FALSE) || !(study = pdx_cli_require_study (cli, code)))
    return 1;
  pdx_export_options_init (&options);
  options.day = day;
  if (!pdx_report_write_pdf (cli->db, study->id, out, &options, &error))
    return pdx_cli_fail_error (cli, error);
  fprintf (cli->out, "Wrote the report of %s to %s\n", study->code, out);
  return 0;
}
