/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli.h — the pdxtrack-cli commands: shared context, output tables, and one entry per command. */
#pragma once

#include <stdio.h>
#include <glib.h>

#include "pdx/pdx.h"

G_BEGIN_DECLS

typedef struct
{
  FILE    *out;     /* tables and results */
  FILE    *err;     /* the one error line */
  char    *db_path; /* --db, else $PDXTRACK_DB, else the user's data dir */
  gboolean csv;     /* --format csv */
  PdxDb   *db;      /* opened by pdx_cli_open_db */
} PdxCli;

/* Runs pdxtrack-cli with @argv (argv[0] is the program name). Returns the exit code. */
int pdx_cli_run (int argc, char **argv, FILE *out, FILE *err);

/* Opens the lab (creating it when @create), prints the error and returns NULL on failure. */
PdxDb *pdx_cli_open_db (PdxCli *cli, gboolean create);
/* Same, with pdx_db_open()'s flags (check opens with PDX_DB_OPEN_CHECK). */
PdxDb *pdx_cli_open_db_flags (PdxCli *cli, PdxDbOpenFlags flags);
/* Prints "pdxtrack-cli: MESSAGE" on one line of stderr; returns 1 (the exit code). */
int pdx_cli_fail (PdxCli *cli, const char *format, ...) G_GNUC_PRINTF (2, 3);
/* Same, from a GError. */
int pdx_cli_fail_error (PdxCli *cli, const GError *error);
/* Parses a command's options with GOptionContext; prints usage errors; --help prints help and
 * sets *@exit_code to 0. Returns FALSE when the command should return *@exit_code now. */
gboolean pdx_cli_parse (PdxCli             *cli,
                        const char         *usage,
                        const char         *summary,
                        const GOptionEntry *entries,
                        int                *argc,
                        char             ***argv,
                        int                *exit_code);
/* Looks up study @code; prints the error and returns NULL when absent. */
PdxStudy *pdx_cli_require_study (PdxCli *cli, const char *code);

/* Output tables: aligned text by default, RFC 4180 CSV with --format csv. */
typedef struct _PdxCliTable PdxCliTable;
PdxCliTable                *pdx_cli_table_new (const char *const *columns); /* NULL-terminated */
void                        pdx_cli_table_free (PdxCliTable *table);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdxCliTable, pdx_cli_table_free)
/* Appends one row; @values has as many entries as there are columns (NULL prints empty). */
void pdx_cli_table_add_row (PdxCliTable *table, const char *const *values);
/* Appends one row, taking ownership of the strings (a NULL-terminated-free g_strv of n columns). */
void pdx_cli_table_add_row_take (PdxCliTable *table, char **values);
void pdx_cli_table_print (PdxCli *cli, PdxCliTable *table);
/* A table of any length in constant memory: each row added leaves memory at once for an
 * unlinked temporary file, in the form --format asks for (the column widths measured on the
 * way), and pdx_cli_table_print_spooled() prints it whole, byte for byte what
 * pdx_cli_table_print() would have. Nothing reaches the output before that, so a command that
 * fails half-way prints no part of its table. NULL with @error when no temporary file can be
 * made. */
PdxCliTable *pdx_cli_table_new_spooled (PdxCli *cli, const char *const *columns, GError **error);
/* Prints a spooled table; FALSE with @error (and nothing printed, unless reading back the
 * temporary file fails) when a write to it failed. */
gboolean pdx_cli_table_print_spooled (PdxCli *cli, PdxCliTable *table, GError **error);

/* Commands. Each returns the exit code; argv[0] is the command's name. */
int pdx_cli_cmd_init (PdxCli *cli, int argc, char **argv);
int pdx_cli_cmd_demo (PdxCli *cli, int argc, char **argv);
int pdx_cli_cmd_check (PdxCli *cli, int argc, char **argv);
int pdx_cli_cmd_backup (PdxCli *cli, int argc, char **argv);
int pdx_cli_cmd_import (PdxCli *cli, int argc, char **argv);
int pdx_cli_cmd_import_ivis (PdxCli *cli, int argc, char **argv); /* cli-ivis.c */
int pdx_cli_cmd_list (PdxCli *cli, int argc, char **argv);
int pdx_cli_cmd_export (PdxCli *cli, int argc, char **argv);      /* cli-export.c */
int pdx_cli_cmd_report (PdxCli *cli, int argc, char **argv);      /* cli-export.c */
int pdx_cli_cmd_stats (PdxCli *cli, int argc, char **argv);       /* cli-stats.c */
int pdx_cli_cmd_randomize (PdxCli *cli, int argc, char **argv);   /* cli-stats.c */
int pdx_cli_cmd_chart (PdxCli *cli, int argc, char **argv);       /* cli-chart.c */
int pdx_cli_cmd_history (PdxCli *cli, int argc, char **argv);     /* cli-history.c */
int pdx_cli_cmd_audit (PdxCli *cli, int argc, char **argv);       /* cli-audit.c */
int pdx_cli_cmd_study (PdxCli *cli, int argc, char **argv);       /* cli-study.c */
int pdx_cli_cmd_endpoint (PdxCli *cli, int argc, char **argv);    /* cli-correct.c */
int pdx_cli_cmd_mouse (PdxCli *cli, int argc, char **argv);       /* cli-correct.c */
int pdx_cli_cmd_measurement (PdxCli *cli, int argc, char **argv); /* cli-correct.c */
int pdx_cli_cmd_arm (PdxCli *cli, int argc, char **argv);         /* cli-arm.c */
int pdx_cli_cmd_agent (PdxCli *cli, int argc, char **argv);       /* cli-arm.c */
int pdx_cli_cmd_line (PdxCli *cli, int argc, char **argv);        /* cli-lineage.c */
int pdx_cli_cmd_graft (PdxCli *cli, int argc, char **argv);       /* cli-lineage.c */
int pdx_cli_cmd_vials (PdxCli *cli, int argc, char **argv);       /* cli-lineage.c */
int pdx_cli_cmd_vial (PdxCli *cli, int argc, char **argv);        /* cli-lineage.c */
int pdx_cli_cmd_thaw (PdxCli *cli, int argc, char **argv);        /* cli-lineage.c */

/* cli-stats.c's helpers for the stats tables of cli-stats-model.c: a subcommand's options
 * ("stats NAME" in messages), a study loaded (the error printed; NULL), the notes after a
 * table (the excluded mice of @data first, when given). */
gboolean      pdx_cli_stats_parse (PdxCli             *cli,
                                   const char         *usage,
                                   const char         *summary,
                                   const GOptionEntry *entries,
                                   int                 argc,
                                   char              **argv,
                                   int                *exit_code);
PdxStudyData *pdx_cli_stats_load_study (PdxCli *cli, const char *code);
void          pdx_cli_stats_print_notes (PdxCli *cli, GPtrArray *notes, const PdxStudyData *data);
/* stats growth-model and stats xeva (cli-stats-model.c). */
int pdx_cli_stats_growth_model (PdxCli *cli, int argc, char **argv);
int pdx_cli_stats_xeva (PdxCli *cli, int argc, char **argv);
/* stats power (cli-stats-power.c). */
int pdx_cli_stats_power (PdxCli *cli, int argc, char **argv);

G_END_DECLS
