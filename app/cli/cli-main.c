/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli-main.c — pdxtrack-cli dispatch, global options and the helpers every command shares. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "cli.h"

#include <errno.h>
#include <string.h>

#include "pdx-config.h"

typedef struct
{
  const char *name;
  int (*run) (PdxCli *cli, int argc, char **argv);
  const char *summary;
} PdxCliCommand;

static const PdxCliCommand commands[] = {
  { "init", pdx_cli_cmd_init, N_ ("Create an empty lab database") },
  { "demo", pdx_cli_cmd_demo, N_ ("Create the demo lab (orthotopic HER2+ BCBM studies)") },
  { "check", pdx_cli_cmd_check, N_ ("Check the lab's integrity and audit log") },
  { "backup", pdx_cli_cmd_backup, N_ ("Write a consistent copy of the lab") },
  { "import", pdx_cli_cmd_import, N_ ("Import mice, measurements or a PDXE sheet from CSV") },
  { "list", pdx_cli_cmd_list, N_ ("List lines, studies, arms or mice") },
  { "stats", pdx_cli_cmd_stats, N_ ("Response, arm growth and survival statistics") },
  { "randomize", pdx_cli_cmd_randomize, N_ ("Assign unassigned mice to arms, balanced") },
  { "chart", pdx_cli_cmd_chart, N_ ("Render a chart to PNG, SVG or PDF") },
  { "export", pdx_cli_cmd_export, N_ ("Export a cohort summary or the measurements") },
  { "report", pdx_cli_cmd_report, N_ ("Write a PDF study report") },
  { "history", pdx_cli_cmd_history, N_ ("Show the lab's history (audit log), newest first") },
  { "audit", pdx_cli_cmd_audit, N_ ("Seal and verify the audit trail's hash chain") },
  { "study", pdx_cli_cmd_study, N_ ("Sign, lock or unlock a study; list its signatures") },
  { "endpoint", pdx_cli_cmd_endpoint, N_ ("Record, correct or clear a mouse's endpoint") },
  { "mouse", pdx_cli_cmd_mouse, N_ ("Correct a mouse's tag, arm, dates, cage, sex or strain") },
  { "measurement", pdx_cli_cmd_measurement,
    N_ ("Exclude one measurement from analysis, or include it again") },
  { "arm", pdx_cli_cmd_arm, N_ ("Correct an arm's name, control, colour or place in the order") },
  { "agent", pdx_cli_cmd_agent, N_ ("Add, correct or remove an agent of an arm") },
  { "line", pdx_cli_cmd_line, N_ ("A line's take rate, latency and time to harvest per passage") },
  { "graft", pdx_cli_cmd_graft, N_ ("Record a line's grafts and what came of them") },
  { "vials", pdx_cli_cmd_vials, N_ ("List a line's vials in the cryobank") },
  { "vial", pdx_cli_cmd_vial, N_ ("Bank a vial, or record it discarded or shipped") },
  { "thaw", pdx_cli_cmd_thaw, N_ ("Record the thaw of a vial and the graft it starts") },
};

static void
print_usage (FILE *stream)
{
  fputs (_ ("Usage: pdxtrack-cli [--db FILE] [--format table|csv] COMMAND [OPTIONS…]\n\n"
            "The lab database is --db FILE, else $PDXTRACK_DB, else the user's data folder.\n\n"
            "Commands:\n"),
         stream);
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (stream, "  %-10s %s\n", commands[i].name, _ (commands[i].summary));
  fputs (_ ("\nRun 'pdxtrack-cli COMMAND --help' for a command's options.\n"), stream);
}

/* Takes the global options (--db, --format) out of @argv wherever they stand. */
static gboolean
take_global_options (PdxCli *cli, int *argc, char **argv)
{
  int kept = 1;
  for (int i = 1; i < *argc; i++)
    {
      const char *arg = argv[i];
      const char *value = NULL;
      gboolean    is_db = FALSE, is_format = FALSE;

      if (g_str_equal (arg, "--db") || g_str_equal (arg, "--format"))
        {
          is_db = arg[2] == 'd';
          is_format = !is_db;
          if (i + 1 >= *argc)
            {
              pdx_cli_fail (cli, _ ("%s needs a value"), arg);
              return FALSE;
            }
          value = argv[++i];
        }
      else if (g_str_has_prefix (arg, "--db="))
        is_db = TRUE, value = arg + 5;
      else if (g_str_has_prefix (arg, "--format="))
        is_format = TRUE, value = arg + 9;

      if (is_db)
        {
          g_free (cli->db_path);
          cli->db_path = g_strdup (value);
        }
      else if (is_format)
        {
          if (g_str_equal (value, "csv"))
            cli->csv = TRUE;
          else if (g_str_equal (value, "table"))
            cli->csv = FALSE;
          else
            {
              pdx_cli_fail (cli, _ ("--format takes 'table' or 'csv', not '%s'"), value);
              return FALSE;
            }
        }
      else
        argv[kept++] = argv[i];
    }
  *argc = kept;
  argv[kept] = NULL;
  return TRUE;
}

int
pdx_cli_run (int argc, char **argv, FILE *out, FILE *err)
{
  PdxCli cli = { .out = out, .err = err };
  /* args is a borrowed view of argv that the global options are taken out of. */
  g_autofree char **args = g_new0 (char *, argc + 1);
  int               n_args = argc;
  int               status;

  for (int i = 0; i < argc; i++)
    args[i] = argv[i];
  /* GOptionContext's help names the program. */
  if (g_get_prgname () == NULL)
    g_set_prgname ("pdxtrack-cli");

  if (!take_global_options (&cli, &n_args, args))
    {
      g_free (cli.db_path);
      return 2;
    }
  if (n_args < 2 || g_str_equal (args[1], "--help") || g_str_equal (args[1], "-h") ||
      g_str_equal (args[1], "help"))
    {
      print_usage (n_args < 2 ? err : out);
      g_free (cli.db_path);
      return n_args < 2 ? 2 : 0;
    }
  if (g_str_equal (args[1], "--version"))
    {
      fprintf (out, "pdxtrack-cli %s\n", PDX_VERSION);
      g_free (cli.db_path);
      return 0;
    }

  status = -1;
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (commands[i].name, args[1]))
      {
        /* Commands may let GOptionContext rearrange their argv: give them a shallow copy. */
        g_autofree char **command_argv = g_memdup2 (args + 1, sizeof (char *) * n_args);
        status = commands[i].run (&cli, n_args - 1, command_argv);
        break;
      }
  if (status < 0)
    {
      pdx_cli_fail (&cli, _ ("unknown command '%s' (see 'pdxtrack-cli --help')"), args[1]);
      status = 2;
    }

  /* A command's changes are committed; the checkpoint that moves them from FILE-wal into the
   * lab file can still fail (a full disk), and that is said, with a non-zero exit. */
  if (cli.db != NULL)
    {
      g_autoptr (GError) error = NULL;

      if (!pdx_db_close_checked (g_steal_pointer (&cli.db), &error))
        {
          pdx_cli_fail_error (&cli, error);
          if (status == 0)
            status = 1;
        }
    }
  g_free (cli.db_path);
  fflush (out);
  return status;
}

PdxDb *
pdx_cli_open_db (PdxCli *cli, gboolean create)
{
  return pdx_cli_open_db_flags (cli, create ? PDX_DB_OPEN_CREATE : PDX_DB_OPEN_EXISTING);
}

/* Only init and demo create a lab (PDX_DB_OPEN_CREATE), and only the default lab in the user's
 * data folder gets its folder made: a mistyped --db never leaves folders or a lab behind. */
PdxDb *
pdx_cli_open_db_flags (PdxCli *cli, PdxDbOpenFlags flags)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *default_path = pdx_db_dup_default_path ();

  if (cli->db)
    return cli->db;

  path = cli->db_path ? g_strdup (cli->db_path) : g_strdup (default_path);
  if ((flags & PDX_DB_OPEN_CREATE) && g_str_equal (path, default_path) &&
      g_getenv ("PDXTRACK_DB") == NULL)
    {
      g_autofree char *dir = g_path_get_dirname (path);
      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          pdx_cli_fail (cli, _ ("cannot create folder %s: %s"), dir, g_strerror (errno));
          return NULL;
        }
    }
  cli->db = pdx_db_open (path, flags, &error);
  if (cli->db == NULL)
    pdx_cli_fail_error (cli, error);
  else if (g_getenv ("PDXTRACK_OPERATOR"))
    pdx_db_set_operator (cli->db, g_getenv ("PDXTRACK_OPERATOR"));
  return cli->db;
}

int
pdx_cli_fail (PdxCli *cli, const char *format, ...)
{
  va_list          args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  /* One line, always: fold any newline the message carries. */
  g_strdelimit (message, "\r\n", ' ');
  fprintf (cli->err, "pdxtrack-cli: %s\n", message);
  fflush (cli->err);
  return 1;
}

int
pdx_cli_fail_error (PdxCli *cli, const GError *error)
{
  return pdx_cli_fail (cli, "%s", error ? error->message : _ ("unknown error"));
}

gboolean
pdx_cli_parse (PdxCli             *cli,
               const char         *usage,
               const char         *summary,
               const GOptionEntry *entries,
               int                *argc,
               char             ***argv,
               int                *exit_code)
{
  g_autofree char *full_usage = g_strdup_printf ("%s %s", (*argv)[0], _ (usage));
  g_autoptr (GOptionContext) context = g_option_context_new (full_usage);
  g_autoptr (GError) error = NULL;

  g_option_context_set_summary (context, summary ? _ (summary) : NULL);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_help_enabled (context, FALSE);
  if (entries)
    g_option_context_add_main_entries (context, entries, NULL);

  for (int i = 1; i < *argc; i++)
    if (g_str_equal ((*argv)[i], "--help") || g_str_equal ((*argv)[i], "-h"))
      {
        g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);
        fputs (help, cli->out);
        fputs (_ ("Global options: --db FILE, --format table|csv\n"), cli->out);
        *exit_code = 0;
        return FALSE;
      }

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      pdx_cli_fail (cli, _ ("%s: %s (see 'pdxtrack-cli %s --help')"), (*argv)[0], error->message,
                    (*argv)[0]);
      *exit_code = 2;
      return FALSE;
    }
  return TRUE;
}

PdxStudy *
pdx_cli_require_study (PdxCli *cli, const char *code)
{
  g_autoptr (GError) error = NULL;
  PdxStudy *study;

  if (code == NULL)
    {
      pdx_cli_fail (cli, _ ("--study CODE is required"));
      return NULL;
    }
  study = pdx_study_find (cli->db, code, &error);
  if (study == NULL && error)
    pdx_cli_fail_error (cli, error);
  else if (study == NULL)
    pdx_cli_fail (cli, _ ("no study '%s' in %s (see 'pdxtrack-cli list studies')"), code,
                  pdx_db_get_path (cli->db));
  return study;
}
