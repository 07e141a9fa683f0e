/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli-lineage.c — the model programme (docs/model-programme.md): `line stats`, `graft
 * add|set|list`, `vials`, `vial add|set` and `thaw add|set`, each write one transaction of the
 * core (pdx-lineage.h), each refusal one line. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "cli.h"

#include <math.h>
#include <string.h>

/* Line @code, the error printed; NULL when missing. */
static PdxLine *
require_line (PdxCli *cli, const char *code)
{
  g_autoptr (GError) error = NULL;
  PdxLine *line;

  if (code == NULL)
    {
      pdx_cli_fail (cli, _ ("--line CODE is required"));
      return NULL;
    }
  line = pdx_line_find (cli->db, code, &error);
  if (line == NULL && error != NULL)
    pdx_cli_fail_error (cli, error);
  else if (line == NULL)
    pdx_cli_fail (cli, _ ("there is no line '%s' (see 'pdxtrack-cli list lines')"), code);
  return line;
}

/* An option's text as a value: "" is NULL (cleared), else a trimmed copy. */
static char *
value_of (const char *text)
{
  char *value;

  if (text == NULL)
    return NULL;
  value = g_strstrip (g_strdup (text));
  if (*value == '\0')
    g_clear_pointer (&value, g_free);
  return value;
}

/* Replaces *@field by @option's value when the option was given. */
static void
take_option (char **field, const char *option)
{
  if (option != NULL)
    {
      g_free (*field);
      *field = value_of (option);
    }
}

static char *
format_number (double value, const char *format)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value))
    return NULL;
  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, format, value));
}

static char *
format_id (gint64 id)
{
  return id > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, id) : NULL;
}

static char *
format_int (gint64 value)
{
  return value >= 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, value) : NULL;
}

/* ---- line stats --------------------------------------------------------------------------- */

static int
line_stats (PdxCli *cli, int argc, char **argv)
{
  static const char *const columns[] = { "passage",
                                         "grafts",
                                         "taken",
                                         "take_rate",
                                         "take_rate_lo",
                                         "take_rate_hi",
                                         "latency_median_days",
                                         "harvest_median_days",
                                         NULL };
  g_autofree char         *code = NULL, *as_of = NULL;
  GOptionEntry entries[] = { { "line", 0, 0, G_OPTION_ARG_STRING, &code, N_ ("The line"), "CODE" },
                             { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of,
                               N_ ("Count the grafts as they stood on this day (default: today)"),
                               "DATE" },
                             { NULL } };
  g_autoptr (PdxLine) line = NULL;
  g_autoptr (PdxLineStats) stats = NULL;
  g_autoptr (PdxCliTable) table = NULL;
  g_autoptr (GError) error = NULL;
  int status;

  if (!pdx_cli_parse (cli, N_ ("--line CODE [--as-of DATE]"),
                      N_ ("Take rate (95 % Wilson interval), latency (Kaplan–Meier median, "
                          "implant to detection) and time to harvest of a line, per passage."),
                      entries, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return pdx_cli_fail (cli, _ ("line stats: unexpected argument '%s'"), argv[1]);
  if (as_of != NULL && !pdx_date_is_valid (as_of))
    return pdx_cli_fail (cli, _ ("line stats: --as-of '%s' is not a date (YYYY-MM-DD)"), as_of);
  if (!pdx_cli_open_db (cli, FALSE) || !(line = require_line (cli, code)))
    return 1;
  stats = pdx_line_stats_load (cli->db, line->id, as_of, &error);
  if (stats == NULL)
    return pdx_cli_fail_error (cli, error);
  table = pdx_cli_table_new (columns);
  for (guint i = 0; i < stats->n_passages; i++)
    {
      const PdxPassageStats *p = &stats->passages[i];
      char                 **row = g_new0 (char *, G_N_ELEMENTS (columns));

      row[0] = g_strdup_printf ("%d", p->passage);
      row[1] = g_strdup_printf ("%u", p->grafts);
      row[2] = g_strdup_printf ("%u", p->taken);
      row[3] = format_number (p->take_rate, "%.4f");
      row[4] = format_number (p->take_rate_lo, "%.4f");
      row[5] = format_number (p->take_rate_hi, "%.4f");
      row[6] = format_number (p->latency_median_days, "%g");
      row[7] = format_number (p->harvest_median_days, "%g");
      pdx_cli_table_add_row_take (table, row);
    }
  pdx_cli_table_print (cli, table);
  return 0;
}

int
pdx_cli_cmd_line (PdxCli *cli, int argc, char **argv)
{
  static const char *const usage =
      N_ ("Usage: pdxtrack-cli line stats --line CODE [--as-of DATE]\n\n"
          "  stats  take rate, latency and time to harvest per passage\n");

  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      fputs (_ (usage), argc < 2 ? cli->err : cli->out);
      return argc < 2 ? 2 : 0;
    }
  if (g_str_equal (argv[1], "stats"))
    return line_stats (cli, argc - 1, argv + 1);
  pdx_cli_fail (cli, _ ("line: unknown subcommand '%s' (stats)"), argv[1]);
  return 2;
}

/* ---- graft --------------------------------------------------------------------------------- */

typedef struct
{
  char  *line, *implant, *material, *site, *host_strain, *host_sex, *host_label;
  char  *outcome, *detected, *harvest, *notes, *reason;
  gint64 parent, graft, cells;
  int    passage;
} GraftOptions;

static void
graft_options_clear (GraftOptions *o)
{
  g_free (o->line), g_free (o->implant), g_free (o->material), g_free (o->site);
  g_free (o->host_strain), g_free (o->host_sex), g_free (o->host_label), g_free (o->outcome);
  g_free (o->detected), g_free (o->harvest), g_free (o->notes), g_free (o->reason);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (GraftOptions, graft_options_clear)

#define HOST_ENTRIES(o)                                                                            \
  { "site", 0, 0, G_OPTION_ARG_STRING, &(o).site, N_ ("The implant site"), "SITE" },               \
      { "host-strain", 0, 0, G_OPTION_ARG_STRING, &(o).host_strain, N_ ("The host's strain"),      \
        "STRAIN" },                                                                                \
      { "host-sex", 0, 0, G_OPTION_ARG_STRING, &(o).host_sex, N_ ("The host's sex"), "F|M" },      \
      { "host-label",                                                                              \
        0,                                                                                         \
        0,                                                                                         \
        G_OPTION_ARG_STRING,                                                                       \
        &(o).host_label,                                                                           \
        N_ ("The host mouse's ear tag or id"),                                                     \
        "LABEL" },                                                                                 \
  {                                                                                                \
    "notes", 0, 0, G_OPTION_ARG_STRING, &(o).notes, N_ ("Notes ('' clears them)"), "TEXT"          \
  }

/* The host and outcome options over @g. */
static void
apply_graft_options (const GraftOptions *o, PdxGraft *g)
{
  take_option (&g->site, o->site);
  take_option (&g->host_strain, o->host_strain);
  take_option (&g->host_sex, o->host_sex);
  take_option (&g->host_label, o->host_label);
  take_option (&g->notes, o->notes);
  take_option (&g->outcome, o->outcome);
  take_option (&g->detected_date, o->detected);
  take_option (&g->harvest_date, o->harvest);
  if (o->cells != 0)
    g->cell_count = o->cells;
}

static int
graft_add (PdxCli *cli, int argc, char **argv)
{
  g_auto (GraftOptions) o = { .passage = -1 };
  GOptionEntry entries[] = {
    { "line", 0, 0, G_OPTION_ARG_STRING, &o.line, N_ ("The line"), "CODE" },
    { "parent", 0, 0, G_OPTION_ARG_INT64, &o.parent,
      N_ ("The graft it came from (none for P0, from the patient's sample)"), "GRAFT" },
    { "passage", 0, 0, G_OPTION_ARG_INT, &o.passage,
      N_ ("Its passage (default: the parent's + 1, or 0)"), "N" },
    { "implant", 0, 0, G_OPTION_ARG_STRING, &o.implant, N_ ("The implant date"), "DATE" },
    { "material", 0, 0, G_OPTION_ARG_STRING, &o.material, N_ ("fragment or cells"), "MATERIAL" },
    { "cells", 0, 0, G_OPTION_ARG_INT64, &o.cells, N_ ("The number of cells implanted"), "N" },
    HOST_ENTRIES (o),
    { "outcome", 0, 0, G_OPTION_ARG_STRING, &o.outcome, N_ ("pending (default), take or no_take"),
      "OUTCOME" },
    { "detected", 0, 0, G_OPTION_ARG_STRING, &o.detected,
      N_ ("The day the tumour was detected (a take)"), "DATE" },
    { "harvest", 0, 0, G_OPTION_ARG_STRING, &o.harvest,
      N_ ("The day the tumour (or, for no take, the host) was collected"), "DATE" },
    { NULL }
  };
  g_autoptr (PdxLine) line = NULL;
  g_autoptr (PdxGraft) graft = pdx_graft_new ();
  g_autoptr (GError) error = NULL;
  int status;

  if (!pdx_cli_parse (cli,
                      N_ ("--line CODE [--parent GRAFT] --implant DATE --material fragment|cells "
                          "[OPTIONS…]"),
                      N_ ("Records a graft of a line: P0 from the patient's sample, or a passage "
                          "from a graft that took."),
                      entries, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return pdx_cli_fail (cli, _ ("graft: unexpected argument '%s'"), argv[1]);
  if (o.implant == NULL)
    return pdx_cli_fail (cli, _ ("graft add: --implant DATE is required"));
  if (o.material == NULL)
    return pdx_cli_fail (cli, _ ("graft add: --material fragment|cells is required"));
  if (!pdx_cli_open_db (cli, FALSE) || !(line = require_line (cli, o.line)))
    return 1;
  graft->line_id = line->id;
  graft->parent_graft_id = o.parent;
  graft->passage = o.passage;
  graft->implant_date = value_of (o.implant);
  graft->material = value_of (o.material);
  apply_graft_options (&o, graft);
  if (!pdx_graft_insert (cli->db, graft, &error))
    return pdx_cli_fail_error (cli, error);
  fprintf (cli->out, _ ("Graft %lld recorded: line %s, P%d, implanted %s (%s)\n"),
           (long long) graft->id, line->code, graft->passage, graft->implant_date, graft->outcome);
  return 0;
}

static PdxGraft *
require_graft (PdxCli *cli, gint64 id)
{
  g_autoptr (GError) error = NULL;
  PdxGraft *graft;

  if (id <= 0)
    {
      pdx_cli_fail (cli, _ ("--graft ID is required (see 'pdxtrack-cli graft list')"));
      return NULL;
    }
  graft = pdx_graft_get (cli->db, id, &error);
  if (graft == NULL && error != NULL)
    pdx_cli_fail_error (cli, error);
  else if (graft == NULL)
    pdx_cli_fail (cli, _ ("there is no graft %lld (see 'pdxtrack-cli graft list --line CODE')"),
                  (long long) id);
  return graft;
}

static int
graft_set (PdxCli *cli, int argc, char **argv)
{
  g_auto (GraftOptions) o = { .passage = -1 };
  GOptionEntry entries[] = {
    { "graft", 0, 0, G_OPTION_ARG_INT64, &o.graft, N_ ("The graft"), "ID" },
    { "outcome", 0, 0, G_OPTION_ARG_STRING, &o.outcome, N_ ("pending, take or no_take"),
      "OUTCOME" },
    { "detected", 0, 0, G_OPTION_ARG_STRING, &o.detected,
      N_ ("The day the tumour was detected ('' clears it)"), "DATE" },
    { "harvest", 0, 0, G_OPTION_ARG_STRING, &o.harvest,
      N_ ("The day the tumour or host was collected ('' clears it)"), "DATE" },
    { "cells", 0, 0, G_OPTION_ARG_INT64, &o.cells, N_ ("The number of cells implanted"), "N" },
    HOST_ENTRIES (o),
    { "reason", 0, 0, G_OPTION_ARG_STRING, &o.reason,
      N_ ("Why a recorded value is changed (audit trail)"), "TEXT" },
    { NULL }
  };
  g_autoptr (PdxGraft) read = NULL;
  g_autoptr (PdxGraft) wanted = NULL;
  g_autoptr (GError) error = NULL;
  int status;

  if (!pdx_cli_parse (cli, N_ ("--graft ID [--outcome take --detected DATE] [OPTIONS…]"),
                      N_ ("Records what came of a graft (take, no take, harvest) or corrects it "
                          "(then with --reason); options left out keep what is recorded."),
                      entries, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return pdx_cli_fail (cli, _ ("graft: unexpected argument '%s'"), argv[1]);
  if (!pdx_cli_open_db (cli, FALSE) || !(read = require_graft (cli, o.graft)))
    return 1;
  wanted = pdx_graft_copy (read);
  apply_graft_options (&o, wanted);
  if (!pdx_graft_set (cli->db, read, wanted, o.reason, &error))
    return pdx_cli_fail_error (cli, error);
  fprintf (cli->out, _ ("Graft %lld changed: %s\n"), (long long) read->id, wanted->outcome);
  return 0;
}

static int
graft_list (PdxCli *cli, int argc, char **argv)
{
  static const char *const columns[] = { "graft",         "passage",      "parent",
                                         "host_label",    "host_strain",  "implant_date",
                                         "site",          "material",     "outcome",
                                         "detected_date", "harvest_date", NULL };
  g_autofree char         *code = NULL;
  GOptionEntry entries[] = { { "line", 0, 0, G_OPTION_ARG_STRING, &code, N_ ("The line"), "CODE" },
                             { NULL } };
  g_autoptr (PdxLine) line = NULL;
  g_autoptr (GPtrArray) grafts = NULL;
  g_autoptr (PdxCliTable) table = NULL;
  g_autoptr (GError) error = NULL;
  int status;

  if (!pdx_cli_parse (cli, N_ ("--line CODE"), N_ ("Lists a line's grafts by passage."), entries,
                      &argc, &argv, &status))
    return status;
  if (argc != 1)
    return pdx_cli_fail (cli, _ ("graft: unexpected argument '%s'"), argv[1]);
  if (!pdx_cli_open_db (cli, FALSE) || !(line = require_line (cli, code)))
    return 1;
  if (!(grafts = pdx_graft_list (cli->db, line->id, &error)))
    return pdx_cli_fail_error (cli, error);
  table = pdx_cli_table_new (columns);
  for (guint i = 0; i < grafts->len; i++)
    {
      const PdxGraft *g = g_ptr_array_index (grafts, i);
      char          **row = g_new0 (char *, G_N_ELEMENTS (columns));

      row[0] = format_id (g->id);
      row[1] = g_strdup_printf ("%d", g->passage);
      row[2] = format_id (g->parent_graft_id);
      row[3] = g_strdup (g->host_label);
      row[4] = g_strdup (g->host_strain);
      row[5] = g_strdup (g->implant_date);
      row[6] = g_strdup (g->site);
      row[7] = g_strdup (g->material);
      row[8] = g_strdup (g->outcome);
      row[9] = g_strdup (g->detected_date);
      row[10] = g_strdup (g->harvest_date);
      pdx_cli_table_add_row_take (table, row);
    }
  pdx_cli_table_print (cli, table);
  return 0;
}

static int
graft_link (PdxCli *cli, int argc, char **argv)
{
  g_autofree char *code = NULL, *tag = NULL, *reason = NULL;
  gint64           graft_id = 0;
  gboolean         clear = FALSE;
  GOptionEntry     entries[] = {
        { "study", 0, 0, G_OPTION_ARG_STRING, &code, N_ ("The study"), "CODE" },
        { "mouse", 0, 0, G_OPTION_ARG_STRING, &tag, N_ ("The mouse's tag"), "TAG" },
        { "graft", 0, 0, G_OPTION_ARG_INT64, &graft_id, N_ ("The graft it came from"), "ID" },
        { "clear", 0, 0, G_OPTION_ARG_NONE, &clear, N_ ("Remove the mouse's link to a graft"), NULL },
        { "reason", 0, 0, G_OPTION_ARG_STRING, &reason,
          N_ ("Why a recorded link is changed (audit trail)"), "TEXT" },
        { NULL }
  };
  g_autoptr (PdxStudy) study = NULL;
  g_autoptr (PdxMouse) mouse = NULL;
  g_autoptr (GError) error = NULL;
  gint64 current = 0;
  int    status;

  if (!pdx_cli_parse (cli, N_ ("--study CODE --mouse TAG (--graft ID | --clear) [--reason TEXT]"),
                      N_ ("Links a study's mouse to the graft it came from (a graft of the "
                          "study's line that took)."),
                      entries, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return pdx_cli_fail (cli, _ ("graft: unexpected argument '%s'"), argv[1]);
  if ((graft_id > 0) == clear)
    return pdx_cli_fail (cli, _ ("graft link: give --graft ID or --clear"));
  if (tag == NULL)
    return pdx_cli_fail (cli, _ ("--mouse TAG is required"));
  if (!pdx_cli_open_db (cli, FALSE) || !(study = pdx_cli_require_study (cli, code)))
    return 1;
  mouse = pdx_mouse_find (cli->db, study->id, tag, &error);
  if (mouse == NULL)
    return error ? pdx_cli_fail_error (cli, error)
                 : pdx_cli_fail (cli, _ ("study %s has no mouse '%s'"), study->code, tag);
  if (!pdx_mouse_get_graft (cli->db, mouse->id, &current, &error) ||
      !pdx_mouse_set_graft (cli->db, mouse->id, current, clear ? 0 : graft_id, reason, &error))
    return pdx_cli_fail_error (cli, error);
  if (clear)
    fprintf (cli->out, _ ("Mouse %s: no graft recorded\n"), mouse->tag);
  else
    fprintf (cli->out, _ ("Mouse %s came from graft %lld\n"), mouse->tag, (long long) graft_id);
  return 0;
}

int
pdx_cli_cmd_graft (PdxCli *cli, int argc, char **argv)
{
  static const char *const usage =
      N_ ("Usage: pdxtrack-cli graft add|set|list|link OPTIONS…\n\n"
          "  add   record a graft (P0 from the patient's sample, or a passage)\n"
          "  set   record what came of a graft, or correct it (with --reason)\n"
          "  list  a line's grafts\n"
          "  link  the graft a study's mouse came from\n");

  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      fputs (_ (usage), argc < 2 ? cli->err : cli->out);
      return argc < 2 ? 2 : 0;
    }
  if (g_str_equal (argv[1], "add"))
    return graft_add (cli, argc - 1, argv + 1);
  if (g_str_equal (argv[1], "set"))
    return graft_set (cli, argc - 1, argv + 1);
  if (g_str_equal (argv[1], "list"))
    return graft_list (cli, argc - 1, argv + 1);
  if (g_str_equal (argv[1], "link"))
    return graft_link (cli, argc - 1, argv + 1);
  pdx_cli_fail (cli, _ ("graft: unknown subcommand '%s' (add, set, list or link)"), argv[1]);
  return 2;
}

/* ---- vials --------------------------------------------------------------------------------- */

int
pdx_cli_cmd_vials (PdxCli *cli, int argc, char **argv)
{
  static const char *const columns[] = { "vial", "passage", "graft", "material", "frozen",
                                         "by",   "freezer", "rack",  "box",      "row",
                                         "col",  "status",  NULL };
  g_autofree char         *code = NULL;
  GOptionEntry entries[] = { { "line", 0, 0, G_OPTION_ARG_STRING, &code, N_ ("The line"), "CODE" },
                             { NULL } };
  g_autoptr (PdxLine) line = NULL;
  g_autoptr (GPtrArray) vials = NULL;
  g_autoptr (PdxCliTable) table = NULL;
  g_autoptr (GError) error = NULL;
  int status;

  if (!pdx_cli_parse (cli, N_ ("--line CODE"),
                      N_ ("Lists a line's vials (in stock, thawed, discarded, shipped) by "
                          "passage."),
                      entries, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return pdx_cli_fail (cli, _ ("vials: unexpected argument '%s'"), argv[1]);
  if (!pdx_cli_open_db (cli, FALSE) || !(line = require_line (cli, code)))
    return 1;
  if (!(vials = pdx_vial_list (cli->db, line->id, &error)))
    return pdx_cli_fail_error (cli, error);
  table = pdx_cli_table_new (columns);
  for (guint i = 0; i < vials->len; i++)
    {
      const PdxVial *v = g_ptr_array_index (vials, i);
      char         **row = g_new0 (char *, G_N_ELEMENTS (columns));

      row[0] = format_id (v->id);
      row[1] = g_strdup_printf ("%d", v->passage);
      row[2] = format_id (v->graft_id);
      row[3] = g_strdup (v->material);
      row[4] = g_strdup (v->frozen_date);
      row[5] = g_strdup (v->frozen_by);
      row[6] = g_strdup (v->freezer);
      row[7] = g_strdup (v->rack);
      row[8] = g_strdup (v->box);
      row[9] = format_int (v->position_row);
      row[10] = format_int (v->position_col);
      row[11] = g_strdup (v->status);
      pdx_cli_table_add_row_take (table, row);
    }
  pdx_cli_table_print (cli, table);
  return 0;
}

static int
vial_add (PdxCli *cli, int argc, char **argv)
{
  g_autofree char *frozen = NULL, *material = NULL, *by = NULL, *freezer = NULL, *rack = NULL;
  g_autofree char *box = NULL, *notes = NULL;
  gint64           graft_id = 0;
  int              box_size = -1, row = -1, col = -1;
  GOptionEntry     entries[] = {
        { "graft", 0, 0, G_OPTION_ARG_INT64, &graft_id, N_ ("The graft it was taken from"), "ID" },
        { "frozen", 0, 0, G_OPTION_ARG_STRING, &frozen, N_ ("The day it was frozen"), "DATE" },
        { "material", 0, 0, G_OPTION_ARG_STRING, &material, N_ ("fragment or cells"), "MATERIAL" },
        { "by", 0, 0, G_OPTION_ARG_STRING, &by, N_ ("Who froze it"), "NAME" },
        { "freezer", 0, 0, G_OPTION_ARG_STRING, &freezer, N_ ("The freezer"), "NAME" },
        { "rack", 0, 0, G_OPTION_ARG_STRING, &rack, N_ ("The rack"), "NAME" },
        { "box", 0, 0, G_OPTION_ARG_STRING, &box, N_ ("The box"), "NAME" },
        { "box-size", 0, 0, G_OPTION_ARG_INT, &box_size, N_ ("9 or 10 (a 9×9 or 10×10 grid)"), "N" },
        { "row", 0, 0, G_OPTION_ARG_INT, &row, N_ ("The row in the box, from 1"), "N" },
        { "col", 0, 0, G_OPTION_ARG_INT, &col, N_ ("The column in the box, from 1"), "N" },
        { "notes", 0, 0, G_OPTION_ARG_STRING, &notes, N_ ("Notes"), "TEXT" },
        { NULL }
  };
  g_autoptr (PdxVial) vial = pdx_vial_new ();
  g_autoptr (GError) error = NULL;
  int status;

  if (!pdx_cli_parse (cli,
                      N_ ("--graft ID --frozen DATE --material fragment|cells [--box NAME "
                          "--box-size 9|10 --row N --col N] [OPTIONS…]"),
                      N_ ("Banks a vial of a graft that took, in its place in the freezer."),
                      entries, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return pdx_cli_fail (cli, _ ("vial: unexpected argument '%s'"), argv[1]);
  if (graft_id <= 0)
    return pdx_cli_fail (cli, _ ("vial add: --graft ID is required"));
  if (!pdx_cli_open_db (cli, FALSE))
    return 1;
  vial->graft_id = graft_id;
  vial->frozen_date = value_of (frozen);
  vial->material = value_of (material);
  vial->frozen_by = value_of (by);
  vial->freezer = value_of (freezer);
  vial->rack = value_of (rack);
  vial->box = value_of (box);
  vial->box_size = box_size;
  vial->position_row = row;
  vial->position_col = col;
  vial->notes = value_of (notes);
  if (!pdx_vial_insert (cli->db, vial, &error))
    return pdx_cli_fail_error (cli, error);
  fprintf (cli->out, _ ("Vial %lld banked: P%d of graft %lld, frozen %s\n"), (long long) vial->id,
           vial->passage, (long long) vial->graft_id, vial->frozen_date);
  return 0;
}

static PdxVial *
require_vial (PdxCli *cli, gint64 id)
{
  g_autoptr (GError) error = NULL;
  PdxVial *vial;

  if (id <= 0)
    {
      pdx_cli_fail (cli, _ ("--vial ID is required (see 'pdxtrack-cli vials --line CODE')"));
      return NULL;
    }
  vial = pdx_vial_get (cli->db, id, &error);
  if (vial == NULL && error != NULL)
    pdx_cli_fail_error (cli, error);
  else if (vial == NULL)
    pdx_cli_fail (cli, _ ("there is no vial %lld (see 'pdxtrack-cli vials --line CODE')"),
                  (long long) id);
  return vial;
}

static int
vial_set (PdxCli *cli, int argc, char **argv)
{
  g_autofree char *status_text = NULL, *reason = NULL;
  gint64           id = 0;
  GOptionEntry     entries[] = { { "vial", 0, 0, G_OPTION_ARG_INT64, &id, N_ ("The vial"), "ID" },
                                 { "status", 0, 0, G_OPTION_ARG_STRING, &status_text,
                                   N_ ("in_stock, discarded or shipped"), "STATUS" },
                                 { "reason", 0, 0, G_OPTION_ARG_STRING, &reason,
                                   N_ ("Why (audit trail)"), "TEXT" },
                                 { NULL } };
  g_autoptr (PdxVial) vial = NULL;
  g_autoptr (GError) error = NULL;
  int status;

  if (!pdx_cli_parse (cli, N_ ("--vial ID --status discarded|shipped|in_stock [--reason TEXT]"),
                      N_ ("Records a vial discarded or shipped (or, a correction, back in "
                          "stock)."),
                      entries, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return pdx_cli_fail (cli, _ ("vial: unexpected argument '%s'"), argv[1]);
  if (status_text == NULL)
    return pdx_cli_fail (cli, _ ("vial set: --status STATUS is required"));
  if (!pdx_cli_open_db (cli, FALSE) || !(vial = require_vial (cli, id)))
    return 1;
  if (!pdx_vial_set_status (cli->db, vial, status_text, reason, &error))
    return pdx_cli_fail_error (cli, error);
  fprintf (cli->out, _ ("Vial %lld: %s\n"), (long long) vial->id, status_text);
  return 0;
}

int
pdx_cli_cmd_vial (PdxCli *cli, int argc, char **argv)
{
  static const char *const usage = N_ ("Usage: pdxtrack-cli vial add|set OPTIONS…\n\n"
                                       "  add  bank a vial of a graft that took\n"
                                       "  set  a vial discarded or shipped\n");

  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      fputs (_ (usage), argc < 2 ? cli->err : cli->out);
      return argc < 2 ? 2 : 0;
    }
  if (g_str_equal (argv[1], "add"))
    return vial_add (cli, argc - 1, argv + 1);
  if (g_str_equal (argv[1], "set"))
    return vial_set (cli, argc - 1, argv + 1);
  pdx_cli_fail (cli, _ ("vial: unknown subcommand '%s' (add or set)"), argv[1]);
  return 2;
}

/* ---- thaw ---------------------------------------------------------------------------------- */

static int
thaw_add (PdxCli *cli, int argc, char **argv)
{
  g_auto (GraftOptions) o = { .passage = -1 };
  g_autofree char *date = NULL;
  gboolean         implant = FALSE;
  GOptionEntry     entries[] = {
        { "vial", 0, 0, G_OPTION_ARG_INT64, &o.graft, N_ ("The vial"), "ID" },
        { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_ ("The day it was thawed"), "DATE" },
        { "outcome", 0, 0, G_OPTION_ARG_STRING, &o.outcome,
          N_ ("took, did_not or pending (without --implant)"), "OUTCOME" },
        { "implant", 0, 0, G_OPTION_ARG_NONE, &implant,
          N_ ("It was implanted: record the graft it starts (next passage)"), NULL },
        { "implant-date", 0, 0, G_OPTION_ARG_STRING, &o.implant,
          N_ ("The graft's implant date (default: the thaw's)"), "DATE" },
        { "cells", 0, 0, G_OPTION_ARG_INT64, &o.cells, N_ ("The number of cells implanted"), "N" },
        HOST_ENTRIES (o),
        { NULL }
  };
  g_autoptr (PdxVial) vial = NULL;
  g_autoptr (PdxThaw) thaw = pdx_thaw_new ();
  g_autoptr (PdxGraft) graft = NULL;
  g_autoptr (GError) error = NULL;
  int status;

  if (!pdx_cli_parse (cli, N_ ("--vial ID --date DATE [--outcome OUTCOME | --implant [OPTIONS…]]"),
                      N_ ("Records the thaw of a vial in stock, and with --implant the graft it "
                          "starts; the vial is then thawed."),
                      entries, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return pdx_cli_fail (cli, _ ("thaw: unexpected argument '%s'"), argv[1]);
  if (date == NULL)
    return pdx_cli_fail (cli, _ ("thaw add: --date DATE is required"));
  if (!implant && (o.site || o.host_strain || o.host_sex || o.host_label || o.implant || o.cells))
    return pdx_cli_fail (cli, _ ("thaw add: the graft's options go with --implant"));
  if (!pdx_cli_open_db (cli, FALSE) || !(vial = require_vial (cli, o.graft)))
    return 1;
  thaw->vial_id = vial->id;
  thaw->date = value_of (date);
  if (implant)
    {
      graft = pdx_graft_new ();
      graft->implant_date = value_of (o.implant);
      apply_graft_options (&o, graft);
      /* The outcome is the graft's: pending until set with graft set. */
      g_clear_pointer (&graft->outcome, g_free);
      if (o.outcome != NULL)
        return pdx_cli_fail (cli, _ ("thaw add: with --implant the outcome is the graft's: "
                                     "record it with 'graft set'"));
    }
  else
    thaw->outcome = value_of (o.outcome);
  if (!pdx_thaw_insert (cli->db, thaw, graft, &error))
    return pdx_cli_fail_error (cli, error);
  if (graft)
    fprintf (cli->out, _ ("Thaw %lld of vial %lld recorded; graft %lld started (P%d)\n"),
             (long long) thaw->id, (long long) vial->id, (long long) graft->id, graft->passage);
  else
    fprintf (cli->out, _ ("Thaw %lld of vial %lld recorded: %s\n"), (long long) thaw->id,
             (long long) vial->id, thaw->outcome);
  return 0;
}

static int
thaw_set (PdxCli *cli, int argc, char **argv)
{
  g_autofree char *outcome = NULL, *reason = NULL;
  gint64           id = 0;
  GOptionEntry     entries[] = { { "thaw", 0, 0, G_OPTION_ARG_INT64, &id, N_ ("The thaw"), "ID" },
                                 { "outcome", 0, 0, G_OPTION_ARG_STRING, &outcome,
                                   N_ ("took, did_not or pending"), "OUTCOME" },
                                 { "reason", 0, 0, G_OPTION_ARG_STRING, &reason,
                                   N_ ("Why a recorded outcome is changed (audit trail)"), "TEXT" },
                                 { NULL } };
  g_autoptr (PdxThaw) thaw = NULL;
  g_autoptr (GError) error = NULL;
  int status;

  if (!pdx_cli_parse (cli, N_ ("--thaw ID --outcome OUTCOME [--reason TEXT]"),
                      N_ ("Records the outcome of a thaw that started no recorded graft."), entries,
                      &argc, &argv, &status))
    return status;
  if (argc != 1)
    return pdx_cli_fail (cli, _ ("thaw: unexpected argument '%s'"), argv[1]);
  if (outcome == NULL)
    return pdx_cli_fail (cli, _ ("thaw set: --outcome OUTCOME is required"));
  if (!pdx_cli_open_db (cli, FALSE))
    return 1;
  if (id <= 0 || !(thaw = pdx_thaw_get (cli->db, id, &error)))
    return error ? pdx_cli_fail_error (cli, error)
                 : pdx_cli_fail (cli, _ ("there is no thaw %lld"), (long long) id);
  if (!pdx_thaw_set_outcome (cli->db, thaw, outcome, reason, &error))
    return pdx_cli_fail_error (cli, error);
  fprintf (cli->out, _ ("Thaw %lld: %s\n"), (long long) thaw->id, outcome);
  return 0;
}

int
pdx_cli_cmd_thaw (PdxCli *cli, int argc, char **argv)
{
  static const char *const usage =
      N_ ("Usage: pdxtrack-cli thaw add|set OPTIONS…\n\n"
          "  add  record the thaw of a vial (and the graft it starts)\n"
          "  set  the outcome of a thaw without a recorded graft\n");

  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      fputs (_ (usage), argc < 2 ? cli->err : cli->out);
      return argc < 2 ? 2 : 0;
    }
  if (g_str_equal (argv[1], "add"))
    return thaw_add (cli, argc - 1, argv + 1);
  if (g_str_equal (argv[1], "set"))
    return thaw_set (cli, argc - 1, argv + 1);
  pdx_cli_fail (cli, _ ("thaw: unknown subcommand '%s' (add or set)"), argv[1]);
  return 2;
}
