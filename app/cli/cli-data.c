/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli-data.c — the lab-keeping commands: init, demo, check, backup, import, list. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "cli.h"

#include <stdlib.h>

int
pdx_cli_cmd_init (PdxCli *cli, int argc, char **argv)
{
  int              status;
  g_autofree char *path = NULL;

  if (!pdx_cli_parse (cli, N_ ("— create an empty lab database"),
                      N_ ("Creates the lab file (--db)."), NULL, &argc, &argv, &status))
    return status;
  path = cli->db_path ? g_strdup (cli->db_path) : pdx_db_dup_default_path ();
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return pdx_cli_fail (cli, _ ("%s already exists; init makes a new lab only"), path);
  if (!pdx_cli_open_db (cli, TRUE))
    return 1;
  fprintf (cli->out, _ ("Created an empty lab at %s\n"), pdx_db_get_path (cli->db));
  return 0;
}

int
pdx_cli_cmd_demo (PdxCli *cli, int argc, char **argv)
{
  int          seed = 1, mice = 0, status;
  GOptionEntry entries[] = { { "seed", 0, 0, G_OPTION_ARG_INT, &seed,
                               N_ ("Random seed (same seed, same lab)"), "N" },
                             { "mice", 0, 0, G_OPTION_ARG_INT, &mice,
                               N_ ("Add a large study set of N mice (benchmarks)"), "N" },
                             { NULL } };
  g_autoptr (GError) error = NULL;
  PdxDemoOptions options;

  if (!pdx_cli_parse (
          cli, N_ ("— create the demo lab"),
          N_ ("Fills a new, empty lab with a believable orthotopic HER2+ breast-cancer "
              "brain-metastasis lab: patients, PDX lines, studies, arms, mice, BLI, MRI, "
              "weights, neurological scores and endpoints."),
          entries, &argc, &argv, &status))
    return status;
  if (mice < 0 || mice > 1000000)
    return pdx_cli_fail (cli, _ ("--mice takes a number from 0 to 1000000, not %d"), mice);
  if (!pdx_cli_open_db (cli, TRUE))
    return 1;
  options = (PdxDemoOptions){ .seed = (guint32) seed, .extra_mice = (guint) mice };
  if (!pdx_demo_generate (cli->db, &options, &error))
    return pdx_cli_fail_error (cli, error);
  fprintf (cli->out, _ ("Demo lab written to %s (seed %d)\n"), pdx_db_get_path (cli->db), seed);
  return 0;
}

int
pdx_cli_cmd_check (PdxCli *cli, int argc, char **argv)
{
  int status;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

  if (!pdx_cli_parse (cli, N_ ("— check the lab's integrity"),
                      N_ ("Runs SQLite's integrity and foreign-key checks and the lab's own rules "
                          "(dates in order, exclusions with reasons, audit log)."),
                      NULL, &argc, &argv, &status))
    return status;
  /* check never writes: read-only, an old schema reported rather than migrated. */
  if (!pdx_cli_open_db_flags (cli, PDX_DB_OPEN_CHECK))
    return 1;
  if (!pdx_db_check (cli->db, problems, &error))
    {
      for (guint i = 0; i < problems->len; i++)
        fprintf (cli->out, "%s\n", (const char *) g_ptr_array_index (problems, i));
      return pdx_cli_fail_error (cli, error);
    }
  fprintf (cli->out, _ ("%s: ok\n"), pdx_db_get_path (cli->db));
  return 0;
}

int
pdx_cli_cmd_backup (PdxCli *cli, int argc, char **argv)
{
  char        *out = NULL;
  int          status;
  GOptionEntry entries[] = { { "out", 0, 0, G_OPTION_ARG_FILENAME, &out,
                               N_ ("Backup file to write (must not exist)"), "FILE" },
                             { NULL } };
  g_autoptr (GError) error = NULL;

  if (!pdx_cli_parse (cli, N_ ("— write a consistent copy of the lab"), NULL, entries, &argc, &argv,
                      &status))
    return status;
  g_autofree char *dest = out;
  if (dest == NULL)
    return pdx_cli_fail (cli, _ ("backup: --out FILE is required"));
  if (!pdx_cli_open_db (cli, FALSE))
    return 1;
  if (!pdx_db_backup (cli->db, dest, &error))
    return pdx_cli_fail_error (cli, error);
  fprintf (cli->out, _ ("Backed up %s to %s\n"), pdx_db_get_path (cli->db), dest);
  return 0;
}

static void
print_report (PdxCli *cli, const char *kind, const PdxImportReport *r)
{
  /* Translators: the kind of file imported (mice, measurements, pdxe: as typed), then rows. */
  fprintf (cli->out,
           g_dngettext (GETTEXT_PACKAGE, "Imported %s: %u row", "Imported %s: %u rows", r->rows),
           kind, r->rows);
  if (r->mice_created)
    fprintf (cli->out, g_dngettext (GETTEXT_PACKAGE, ", %u mouse", ", %u mice", r->mice_created),
             r->mice_created);
  if (r->endpoints_created)
    fprintf (cli->out,
             g_dngettext (GETTEXT_PACKAGE, ", %u endpoint", ", %u endpoints", r->endpoints_created),
             r->endpoints_created);
  if (r->measurements_created)
    fprintf (cli->out,
             g_dngettext (GETTEXT_PACKAGE, ", %u new measurement", ", %u new measurements",
                          r->measurements_created),
             r->measurements_created);
  if (r->measurements_updated)
    fprintf (cli->out, _ (", %u updated"), r->measurements_updated);
  fputc ('\n', cli->out);
  if (r->studies_created || r->lines_created || r->arms_created)
    {
      /* Three plurals in one line: each part is a message of its own. */
      fprintf (cli->out,
               g_dngettext (GETTEXT_PACKAGE, "Created %u tissue line", "Created %u tissue lines",
                            r->lines_created),
               r->lines_created);
      fprintf (cli->out,
               g_dngettext (GETTEXT_PACKAGE, ", %u study", ", %u studies", r->studies_created),
               r->studies_created);
      fprintf (cli->out,
               g_dngettext (GETTEXT_PACKAGE, ", %u arm\n", ", %u arms\n", r->arms_created),
               r->arms_created);
    }
  for (guint i = 0; r->created && i < r->created->len && i < 50; i++)
    fprintf (cli->out, "  %s\n", (const char *) g_ptr_array_index (r->created, i));
  if (r->created && r->created->len > 50)
    fprintf (cli->out, _ ("  … and %u more\n"), r->created->len - 50);
}

int
pdx_cli_cmd_import (PdxCli *cli, int argc, char **argv)
{
  int status;
  g_autoptr (GError) error = NULL;
  PdxImportReport  report = { 0 };
  PdxImportOptions options = { 0 };
  PdxImportKind    import_kind;
  gboolean         ok;
  const char      *kind, *path;
  char            *reason = NULL, *sheet = NULL;
  GOptionEntry entries[] = { { "accept-unusual", 0, 0, G_OPTION_ARG_NONE, &options.accept_unusual,
                               N_ ("Store values outside their usual range (after checking them)"),
                               NULL },
                             { "reason", 0, 0, G_OPTION_ARG_STRING, &reason,
                               N_ ("Why saved values are replaced (needed when the file changes "
                                   "a measurement already in the lab)"),
                               "TEXT" },
                             { "sheet", 0, 0, G_OPTION_ARG_STRING, &sheet,
                               N_ ("The sheet of an Excel workbook (.xlsx) to read (default: "
                                   "the first)"),
                               "NAME" },
                             { "decimal-comma", 0, 0, G_OPTION_ARG_NONE, &options.decimal_comma,
                               N_ ("Numbers in the CSV file have decimal commas (19,6); the "
                                   "fields may be separated by semicolons"),
                               NULL },
                             { NULL } };

  /* An instrument's export has options of its own. */
  if (argc >= 2 && g_str_equal (argv[1], "ivis"))
    return pdx_cli_cmd_import_ivis (cli, argc, argv);
  if (!pdx_cli_parse (
          cli,
          N_ ("mice|measurements|pdxe|ivis FILE — import a CSV file, an Excel sheet or an IVIS "
              "export"),
          N_ ("One transaction: every row or none. A bad row stops the import with "
              "FILE:LINE:COLUMN (FILE:SHEET!CELL in a workbook) and the lab is left as it was. "
              "A file named .xlsx is read as an Excel workbook. Values outside their "
              "usual range are listed and the import refused until you have checked "
              "them and run it again with --accept-unusual; impossible values and dates "
              "after today are always refused. See docs/import-formats.md."),
          entries, &argc, &argv, &status))
    return status;
  g_autofree char *owned_reason = reason;
  g_autofree char *owned_sheet = sheet;
  options.reason = reason;
  options.sheet = sheet;
  if (argc != 3)
    return pdx_cli_fail (cli, _ ("import: expected KIND FILE (kind: mice, measurements or pdxe)"));
  kind = argv[1];
  path = argv[2];
  if (!g_str_equal (kind, "mice") && !g_str_equal (kind, "measurements") &&
      !g_str_equal (kind, "pdxe"))
    return pdx_cli_fail (cli, _ ("import: unknown kind '%s'; expected mice, measurements or pdxe"),
                         kind);
  /* Only init and demo create a lab: a mistyped --db is an error, not a new lab. */
  if (!pdx_cli_open_db (cli, FALSE))
    return 1;
  import_kind = g_str_equal (kind, "mice")           ? PDX_IMPORT_KIND_MICE
                : g_str_equal (kind, "measurements") ? PDX_IMPORT_KIND_MEASUREMENTS
                                                     : PDX_IMPORT_KIND_PDXE;
  ok = pdx_import_file (cli->db, import_kind, path, &options, &report, &error);
  if (!ok && g_error_matches (error, PDX_IMPORT_ERROR, PDX_IMPORT_ERROR_UNUSUAL))
    {
      g_autofree char *shown = pdx_text_shown (path);
      /* The one message that keeps its lines: the summary, then one value per line. */
      pdx_import_report_clear (&report);
      fprintf (cli->err,
               _ ("pdxtrack-cli: %s\nIf they are right, run: pdxtrack-cli import %s %s "
                  "--accept-unusual\n"),
               error->message, kind, shown);
      fflush (cli->err);
      return 1;
    }
  if (!ok && g_error_matches (error, PDX_IMPORT_ERROR, PDX_IMPORT_ERROR_NEEDS_REASON))
    {
      pdx_import_report_clear (&report);
      return pdx_cli_fail (cli, _ ("%s (nothing was imported; give the reason with --reason TEXT)"),
                           error->message);
    }
  if (!ok)
    {
      pdx_import_report_clear (&report);
      return pdx_cli_fail (cli, _ ("%s (nothing was imported)"), error->message);
    }
  if (report.source)
    /* Translators: how the file was read: a workbook's sheet, or "semicolon-separated, …". */
    fprintf (cli->out, _ ("Read %s\n"), report.source);
  print_report (cli, kind, &report);
  if (report.n_unusual > 0)
    fprintf (cli->out,
             g_dngettext (GETTEXT_PACKAGE,
                          "Accepted %u value outside the usual range (--accept-unusual)\n",
                          "Accepted %u values outside the usual range (--accept-unusual)\n",
                          report.n_unusual),
             report.n_unusual);
  pdx_import_report_clear (&report);
  return 0;
}
