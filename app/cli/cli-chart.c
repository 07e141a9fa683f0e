/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli-chart.c — `chart`: renders one of the five charts of a study to PNG, SVG or PDF through
 * the one chart renderer of pdx-core (pdx-chart.h). */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "cli.h"

typedef struct
{
  char    *study;
  char    *out;
  int      width, height;
  double   dpi;
  gboolean log, linear, relative, percent, by_class, no_title, model_lines;
  char    *highlight_arm;
} ChartArgs;

static void
chart_args_clear (ChartArgs *args)
{
  g_free (args->study);
  g_free (args->out);
  g_free (args->highlight_arm);
}

/* What is wrong with the options for @kind, or NULL when they make sense. */
static const char *
args_problem (PdxChartKind kind, const ChartArgs *args)
{
  gboolean value_chart = kind == PDX_CHART_GROWTH || kind == PDX_CHART_SPIDER;

  if (args->out == NULL)
    return "--out FILE.png|svg|pdf is required";
  if (args->log && args->linear)
    return "--log and --linear exclude each other";
  if (args->relative && args->percent)
    return "--relative and --percent exclude each other";
  if (args->log && args->percent)
    return "a log axis cannot show % change (--percent); use --relative for V/V0 on a log axis";
  if (!value_chart && (args->log || args->linear || args->relative || args->percent))
    return "--log, --linear, --relative and --percent apply to the growth and spider charts only";
  if (kind != PDX_CHART_WATERFALL && args->by_class)
    return "--by-class applies to the waterfall chart only";
  if (args->model_lines && (kind != PDX_CHART_GROWTH || args->relative || args->percent))
    return "--model-lines applies to the growth chart of absolute values only";
  return NULL;
}

static gboolean
set_options (PdxCli             *cli,
             PdxChartOptions    *options,
             PdxChartKind        kind,
             const ChartArgs    *args,
             const PdxStudyData *data)
{
  pdx_chart_options_init (options, kind, data);
  if (args->log)
    options->log_axis = TRUE;
  if (args->linear || args->percent)
    options->log_axis = FALSE;
  if (args->relative)
    options->scale = PDX_CHART_SCALE_RELATIVE;
  if (args->percent)
    options->scale = PDX_CHART_SCALE_PERCENT;
  if (args->by_class)
    options->colour_by = PDX_CHART_COLOUR_BY_CLASS;
  options->show_title = !args->no_title;
  options->model_lines = args->model_lines;
  if (args->highlight_arm == NULL)
    return TRUE;
  for (guint a = 0; a < data->n_arms; a++)
    if (g_str_equal (data->arms[a].name, args->highlight_arm))
      options->highlight_arm = (int) a;
  if (options->highlight_arm >= 0)
    return TRUE;
  pdx_cli_fail (cli,
                _ ("chart: study %s has no arm '%s' (see 'pdxtrack-cli list arms --study %s')"),
                data->code, args->highlight_arm, data->code);
  return FALSE;
}

static int
render (PdxCli *cli, PdxChartKind kind, const ChartArgs *args)
{
  g_autoptr (PdxStudy) study = NULL;
  g_autoptr (PdxStudyData) data = NULL;
  g_autoptr (PdxChart) chart = NULL;
  g_autoptr (GError) error = NULL;
  PdxChartOptions options;
  PdxChartFormat  format;

  if (!pdx_chart_format_from_path (args->out, &format, &error))
    return pdx_cli_fail_error (cli, error);
  if (!pdx_cli_open_db (cli, FALSE) || !(study = pdx_cli_require_study (cli, args->study)))
    return 1;
  data = pdx_study_data_load (cli->db, study->id, &error);
  if (data == NULL)
    return pdx_cli_fail_error (cli, error);
  if (!set_options (cli, &options, kind, args, data))
    return 1;
  chart = pdx_chart_new (data, &options, &error);
  if (chart == NULL ||
      !pdx_chart_save (chart, args->out, format, args->width, args->height, args->dpi, &error))
    return pdx_cli_fail_error (cli, error);
  fprintf (cli->out, _ ("Wrote the %s chart of %s to %s\n"), pdx_chart_kind_to_string (kind),
           study->code, args->out);
  return 0;
}

int
pdx_cli_cmd_chart (PdxCli *cli, int argc, char **argv)
{
  ChartArgs    args = { .width = 1200, .height = 800, .dpi = 96 };
  GOptionEntry entries[] = {
    { "study", 0, 0, G_OPTION_ARG_STRING, &args.study, N_ ("Study to chart"), "CODE" },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &args.out, N_ ("File to write (.png, .svg or .pdf)"),
      "FILE" },
    { "width", 0, 0, G_OPTION_ARG_INT, &args.width, N_ ("Width in pixels (default 1200)"), "W" },
    { "height", 0, 0, G_OPTION_ARG_INT, &args.height, N_ ("Height in pixels (default 800)"), "H" },
    { "dpi", 0, 0, G_OPTION_ARG_DOUBLE, &args.dpi,
      N_ ("Pixels per inch: sizes text and lines (default 96; 300 for print)"), "D" },
    { "log", 0, 0, G_OPTION_ARG_NONE, &args.log, N_ ("Log value axis (default for BLI flux)"),
      NULL },
    { "linear", 0, 0, G_OPTION_ARG_NONE, &args.linear, N_ ("Linear value axis"), NULL },
    { "relative", 0, 0, G_OPTION_ARG_NONE, &args.relative, N_ ("Values relative to baseline, V/V0"),
      NULL },
    { "percent", 0, 0, G_OPTION_ARG_NONE, &args.percent,
      /* xgettext:no-c-format */ N_ ("% change from baseline"), NULL },
    { "by-class", 0, 0, G_OPTION_ARG_NONE, &args.by_class,
      N_ ("Waterfall: colour bars by mRECIST class instead of arm"), NULL },
    { "highlight-arm", 0, 0, G_OPTION_ARG_STRING, &args.highlight_arm,
      N_ ("Draw this arm in full colour and fade the others"), "NAME" },
    { "no-title", 0, 0, G_OPTION_ARG_NONE, &args.no_title, N_ ("Leave out the title"), NULL },
    { "model-lines", 0, 0, G_OPTION_ARG_NONE, &args.model_lines,
      N_ ("Growth: the mixed-effects model's fitted arm lines, dashed"), NULL },
    { NULL }
  };
  PdxChartKind kind;
  int          status;

  if (!pdx_cli_parse (
          cli, N_ ("growth|spider|waterfall|survival|weight --study CODE --out FILE"),
          N_ ("Renders a chart of a study to PNG (W×H pixels, text sized for --dpi), or to "
              "SVG or one-page PDF of the same size in inches."),
          entries, &argc, &argv, &status))
    {
      chart_args_clear (&args);
      return status;
    }
  if (argc != 2 || !pdx_chart_kind_from_string (argv[1], &kind))
    status = pdx_cli_fail (cli,
                           "chart: expected one of growth, spider, waterfall, survival, "
                           "weight%s%s",
                           argc >= 2 ? ", not " : "", argc >= 2 ? argv[1] : "");
  else if (args_problem (kind, &args))
    status = pdx_cli_fail (cli, _ ("chart: %s"), args_problem (kind, &args));
  else
    status = render (cli, kind, &args);
  chart_args_clear (&args);
  return status;
}
