/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli-ivis.c — `import ivis FILE --study CODE …`: an IVIS Living Image ROI export into one
 * study, with the preview (--dry-run) the app's Import dialog shows (docs/import-ivis.md). */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "cli.h"

#include <math.h>
#include <string.h>

/* The ROIs as the import mapped them: one row per ROI of the export. */
static void
print_rois (PdxCli *cli, const PdxImportReport *r)
{
  static const char *const columns[] = { "line",         "image_number", "roi",       "label",
                                         "mouse",        "view",         "date",      "total_flux",
                                         "avg_radiance", "bli_flux",     "saturated", NULL };
  g_autoptr (PdxCliTable) table = pdx_cli_table_new (columns);

  for (guint i = 0; r->rois && i < r->rois->len; i++)
    {
      const PdxIvisRoi *roi = g_ptr_array_index (r->rois, i);
      char            **row = g_new0 (char *, G_N_ELEMENTS (columns));

      row[0] = g_strdup_printf ("%u", roi->line);
      row[1] = g_strdup (roi->image_number);
      row[2] = g_strdup (roi->roi);
      row[3] = g_strdup (roi->label);
      row[4] = g_strdup (roi->tag ? roi->tag : _ ("(no mouse)"));
      row[5] = g_strdup (roi->view);
      row[6] = g_strdup (roi->date);
      row[7] = pdx_format_number (roi->total_flux);
      row[8] = pdx_format_number (roi->avg_radiance);
      row[9] = pdx_format_number (roi->bli_flux);
      row[10] = g_strdup (roi->saturated ? "yes" : "");
      pdx_cli_table_add_row_take (table, row);
    }
  pdx_cli_table_print (cli, table);
}

/* What the preview and the import say besides the table: the rule, the settings, warnings. */
static void
print_notes (PdxCli *cli, const PdxImportReport *r)
{
  if (r->views_rule)
    fprintf (cli->out, "%s\n", r->views_rule);
  if (r->settings)
    fprintf (cli->out, _ ("Acquisition settings: %s\n"), r->settings);
  if (r->n_unmatched)
    fprintf (cli->out,
             g_dngettext (GETTEXT_PACKAGE, "%u ROI matches no mouse of the study\n",
                          "%u ROIs match no mouse of the study\n", r->n_unmatched),
             r->n_unmatched);
  for (guint i = 0; r->warnings && i < r->warnings->len; i++)
    fprintf (cli->out, _ ("Warning: %s\n"), (const char *) g_ptr_array_index (r->warnings, i));
}

static gboolean
parse_map (const char *text, PdxIvisMap *map)
{
  if (text == NULL || g_str_equal (text, "roi-label"))
    *map = PDX_IVIS_MAP_ROI_LABEL;
  else if (g_str_equal (text, "animal-number"))
    *map = PDX_IVIS_MAP_ANIMAL_NUMBER;
  else
    return FALSE;
  return TRUE;
}

static gboolean
parse_views (const char *text, PdxIvisViews *views)
{
  if (text == NULL || g_str_equal (text, "sum"))
    *views = PDX_IVIS_VIEWS_SUM;
  else if (g_str_equal (text, "separate"))
    *views = PDX_IVIS_VIEWS_SEPARATE;
  else
    return FALSE;
  return TRUE;
}

/* The outcome of the import, or its refusal on one line (the unusual values on theirs). */
static int
report_outcome (
    PdxCli *cli, const char *path, gboolean ok, GError *error, PdxImportReport *r, gboolean dry_run)
{
  /* The preview is shown also when what it shows refused the import. */
  if (dry_run && r->rois)
    {
      print_rois (cli, r);
      print_notes (cli, r);
    }
  if (!ok && g_error_matches (error, PDX_IMPORT_ERROR, PDX_IMPORT_ERROR_UNUSUAL))
    {
      fprintf (cli->err,
               _ ("pdxtrack-cli: %s\nIf they are right, run the import again with "
                  "--accept-unusual\n"),
               error->message);
      fflush (cli->err);
      return 1;
    }
  if (!ok && g_error_matches (error, PDX_IMPORT_ERROR, PDX_IMPORT_ERROR_UNMATCHED))
    return pdx_cli_fail (cli,
                         _ ("%s (nothing was imported; see them with --dry-run, or leave "
                            "them out with --skip-unmatched)"),
                         error->message);
  if (!ok && g_error_matches (error, PDX_IMPORT_ERROR, PDX_IMPORT_ERROR_NEEDS_REASON))
    return pdx_cli_fail (cli, _ ("%s (nothing was imported; give the reason with --reason TEXT)"),
                         error->message);
  if (!ok)
    return pdx_cli_fail (cli, _ ("%s (nothing was imported)"), error->message);
  if (dry_run)
    {
      fprintf (cli->out,
               _ ("Dry run: %u new measurements and %u updated would be stored; nothing was "
                  "imported\n"),
               r->measurements_created, r->measurements_updated);
      return 0;
    }
  {
    g_autofree char *shown = pdx_text_shown (path);
    fprintf (cli->out,
             g_dngettext (GETTEXT_PACKAGE, "Imported IVIS export %s: %u ROI",
                          "Imported IVIS export %s: %u ROIs", r->rows),
             shown, r->rows);
    fprintf (cli->out, _ (", %u new measurements, %u updated\n"), r->measurements_created,
             r->measurements_updated);
  }
  print_notes (cli, r);
  return 0;
}

int
pdx_cli_cmd_import_ivis (PdxCli *cli, int argc, char **argv)
{
  int status;
  g_autoptr (GError) error = NULL;
  PdxImportReport  report = { 0 };
  PdxImportOptions options = { 0 };
  g_autofree char *study = NULL, *map = NULL, *date = NULL, *views = NULL, *view = NULL;
  g_autofree char *reason = NULL;
  gboolean         ok;
  GOptionEntry     entries[] = {
        { "study", 0, 0, G_OPTION_ARG_STRING, &study, N_ ("The study the mice belong to"), "CODE" },
        { "map", 0, 0, G_OPTION_ARG_STRING, &map,
          N_ ("Find each ROI's mouse by its ROI Label (default) or Animal Number"),
          "roi-label|animal-number" },
        { "date", 0, 0, G_OPTION_ARG_STRING, &date,
          N_ ("The imaging date when neither Date and Time nor the Image Number says it"),
          "YYYY-MM-DD" },
        { "views", 0, 0, G_OPTION_ARG_STRING, &views,
          N_ ("Several ROIs of a mouse and day: sum them (default), or keep the views apart"),
          "sum|separate" },
        { "readout-view", 0, 0, G_OPTION_ARG_STRING, &view,
          N_ ("With --views separate: the view whose ROIs are the BLI flux"), "VIEW" },
        { "skip-unmatched", 0, 0, G_OPTION_ARG_NONE, &options.skip_unmatched,
          N_ ("Leave out the ROIs that match no mouse (background ROIs)"), NULL },
        { "accept-unusual", 0, 0, G_OPTION_ARG_NONE, &options.accept_unusual,
          N_ ("Store values outside their usual range (after checking them)"), NULL },
        { "reason", 0, 0, G_OPTION_ARG_STRING, &reason,
          N_ ("Why saved values are replaced (needed when the export changes a saved BLI flux)"),
          "TEXT" },
        { "dry-run", 0, 0, G_OPTION_ARG_NONE, &options.dry_run,
          N_ ("Show how every ROI maps to a mouse and day, and store nothing"), NULL },
        { NULL }
  };

  if (!pdx_cli_parse (
          cli, N_ ("ivis FILE --study CODE — import an IVIS Living Image ROI export"),
          N_ ("Reads Living Image's ROI measurements (.csv or tab-delimited .txt, UTF-8 or "
              "Windows-1252) into one study: each ROI's mouse from its ROI Label or Animal "
              "Number, its date from Date and Time, else the Image Number, else --date; the "
              "acquisition settings from AnalyzedClickInfo.txt or ClickInfo.txt beside the "
              "file. One transaction. See docs/import-ivis.md."),
          entries, &argc, &argv, &status))
    return status;
  if (argc != 3)
    return pdx_cli_fail (cli, _ ("import ivis: expected one FILE"));
  if (study == NULL)
    return pdx_cli_fail (cli, _ ("import ivis: --study CODE is required"));
  if (!parse_map (map, &options.map))
    return pdx_cli_fail (
        cli, _ ("import ivis: --map has '%s'; expected roi-label or animal-number"), map);
  if (!parse_views (views, &options.views))
    return pdx_cli_fail (cli, _ ("import ivis: --views has '%s'; expected sum or separate"), views);
  if (view && options.views != PDX_IVIS_VIEWS_SEPARATE)
    return pdx_cli_fail (cli, _ ("import ivis: --readout-view goes with --views separate"));
  if (date && !pdx_date_is_valid (date))
    return pdx_cli_fail (cli, _ ("import ivis: --date has '%s'; expected a date as YYYY-MM-DD"),
                         date);
  options.study = study;
  options.date = date;
  options.readout_view = view;
  options.reason = reason;
  if (!pdx_cli_open_db (cli, FALSE))
    return 1;
  ok = pdx_import_file (cli->db, PDX_IMPORT_KIND_IVIS, argv[2], &options, &report, &error);
  status = report_outcome (cli, argv[2], ok, error, &report, options.dry_run);
  pdx_import_report_clear (&report);
  return status;
}
