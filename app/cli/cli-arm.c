/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli-arm.c — `arm set` and `agent add|set|remove`: a study's arms (name, control, colour,
 * place in the order) and each arm's agents corrected with a reason (issue 13,
 * docs/study-lifecycle.md "Arms and agents"). Each command is one transaction; a refusal is one
 * line and writes nothing. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "cli.h"

/* The arm @name of @study, from @arms; prints the refusal and returns NULL when absent. */
static PdxArm *
require_arm (
    PdxCli *cli, const char *command, const PdxStudy *study, GPtrArray *arms, const char *name)
{
  if (name == NULL)
    {
      pdx_cli_fail (cli, _ ("%s: --arm NAME is required"), command);
      return NULL;
    }
  for (guint i = 0; i < arms->len; i++)
    if (g_str_equal (((PdxArm *) g_ptr_array_index (arms, i))->name, name))
      return g_ptr_array_index (arms, i);
  pdx_cli_fail (cli, _ ("%s: study %s has no arm '%s' (see 'pdxtrack-cli list arms --study %s')"),
                command, study->code, name, study->code);
  return NULL;
}

/* The study and its arms, opened for @command; FALSE with the refusal printed. */
static gboolean
load_study (PdxCli *cli, const char *command, const char *code, PdxStudy **study, GPtrArray **arms)
{
  g_autoptr (GError) error = NULL;

  if (code == NULL)
    {
      pdx_cli_fail (cli, _ ("%s: --study CODE is required"), command);
      return FALSE;
    }
  if (!pdx_cli_open_db (cli, FALSE) || !(*study = pdx_cli_require_study (cli, code)))
    return FALSE;
  *arms = pdx_arm_list (cli->db, (*study)->id, &error);
  if (*arms == NULL)
    {
      pdx_cli_fail_error (cli, error);
      return FALSE;
    }
  return TRUE;
}

static const PdxArm *
control_of (GPtrArray *arms)
{
  for (guint i = 0; i < arms->len; i++)
    if (((PdxArm *) g_ptr_array_index (arms, i))->is_control)
      return g_ptr_array_index (arms, i);
  return NULL;
}

/* The sentence printed after the control changed (issue 13: results that move say so). */
static void
print_control_moved (PdxCli *cli, const PdxStudy *study, GPtrArray *read, GPtrArray *edited)
{
  const PdxArm *before = control_of (read), *after = control_of (edited);

  if (after)
    fprintf (cli->out, _ ("The control arm of study %s is now '%s' (was %s%s%s)."), study->code,
             after->name, before ? "'" : "", before ? before->name : _ ("none"), before ? "'" : "");
  else
    fprintf (cli->out, _ ("Study %s has no control arm now (was '%s')."), study->code,
             before ? before->name : "");
  fprintf (cli->out, " %s\n",
           _ ("Every comparison with the control changes: TGI, response vs control, log-rank "
              "vs control."));
}

static int
cmd_arm_set (PdxCli *cli, int argc, char **argv)
{
  char        *code_opt = NULL, *arm_opt = NULL, *name_opt = NULL, *control_opt = NULL;
  char        *colour_opt = NULL, *position_opt = NULL, *reason_opt = NULL;
  int          status;
  GOptionEntry entries[] = {
    { "study", 0, 0, G_OPTION_ARG_STRING, &code_opt, N_ ("The study"), "CODE" },
    { "arm", 0, 0, G_OPTION_ARG_STRING, &arm_opt, N_ ("The arm, by its name"), "NAME" },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name_opt, N_ ("Its new name"), "NAME" },
    { "control", 0, 0, G_OPTION_ARG_STRING, &control_opt,
      N_ ("yes: the study's control (taken from the arm that was); no: not the control"),
      "yes|no" },
    { "colour", 0, 0, G_OPTION_ARG_STRING, &colour_opt,
      N_ ("Its colour in charts, #rrggbb (\"\" for the palette's)"), "#RRGGBB" },
    { "position", 0, 0, G_OPTION_ARG_STRING, &position_opt,
      N_ ("Its place in the study's order, 1 for the first"), "N" },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason_opt, N_ ("Why (required; in the audit trail)"),
      "TEXT" },
    { NULL }
  };
  g_autoptr (PdxStudy) study = NULL;
  g_autoptr (GPtrArray) read = NULL, edited = NULL;
  g_autoptr (GError) error = NULL;
  PdxArm *arm, *target = NULL;

  if (!pdx_cli_parse (cli,
                      N_ ("--study CODE --arm NAME [--name N] [--control yes|no] [--colour "
                          "#rrggbb|\"\"] [--position N] --reason TEXT"),
                      N_ ("Corrects an arm of a study: only the values given are written, in one "
                          "change with the reason."),
                      entries, &argc, &argv, &status))
    return status;
  g_autofree char *code = code_opt, *arm_name = arm_opt, *name = name_opt;
  g_autofree char *control = control_opt, *colour = colour_opt, *position = position_opt;
  g_autofree char *reason = reason_opt;
  if (argc != 1)
    return pdx_cli_fail (cli, _ ("arm set: unexpected argument '%s'"), argv[1]);
  if (control && !g_str_equal (control, "yes") && !g_str_equal (control, "no"))
    return pdx_cli_fail (cli, _ ("arm set: --control takes yes or no, not '%s'"), control);
  if (!name && !control && !colour && !position)
    return pdx_cli_fail (cli, _ ("arm set: nothing to change (give --name, --control, --colour "
                                 "or --position)"));
  if (!load_study (cli, "arm set", code, &study, &read) ||
      !(arm = require_arm (cli, "arm set", study, read, arm_name)))
    return 1;
  edited = g_ptr_array_new_with_free_func ((GDestroyNotify) pdx_arm_free);
  for (guint i = 0; i < read->len; i++)
    {
      PdxArm *copy = pdx_arm_copy (g_ptr_array_index (read, i));
      if (copy->id == arm->id)
        target = copy;
      g_ptr_array_add (edited, copy);
    }
  if (name)
    {
      g_free (target->name);
      target->name = g_strdup (name);
    }
  if (control)
    {
      gboolean yes = g_str_equal (control, "yes");
      for (guint i = 0; yes && i < edited->len; i++)
        ((PdxArm *) g_ptr_array_index (edited, i))->is_control = FALSE;
      target->is_control = yes;
    }
  if (colour)
    {
      g_free (target->colour);
      target->colour = *colour ? g_strdup (colour) : NULL;
    }
  if (position)
    {
      gint64 n = 0;
      guint  at = 0;
      if (!g_ascii_string_to_signed (position, 10, 1, read->len, &n, NULL))
        return pdx_cli_fail (cli,
                             _ ("arm set: --position takes a whole number from 1 to %u (study %s "
                                "has %u arms), not '%s'"),
                             read->len, study->code, read->len, position);
      g_ptr_array_find (edited, target, &at);
      g_ptr_array_steal_index (edited, at);
      g_ptr_array_insert (edited, (int) n - 1, target);
    }
  if (!pdx_study_arms_apply (cli->db, study->id, read, edited, reason, &error))
    return pdx_cli_fail_error (cli, error);
  fprintf (cli->out, _ ("Arm '%s' of study %s changed.\n"), target->name, study->code);
  if (pdx_arms_control_changed (read, edited))
    print_control_moved (cli, study, read, edited);
  return 0;
}

/* ---- agents ------------------------------------------------------------------------------ */

typedef struct
{
  char *study, *arm, *drug, *new_drug, *dose, *unit, *route, *schedule, *first_day, *last_day;
  char *reason;
} AgentOptions;

static void
agent_options_clear (AgentOptions *o)
{
  char **all[] = { &o->study, &o->arm,      &o->drug,      &o->new_drug, &o->dose,  &o->unit,
                   &o->route, &o->schedule, &o->first_day, &o->last_day, &o->reason };
  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    g_clear_pointer (all[i], g_free);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (AgentOptions, agent_options_clear)

/* Sets a text of @agent from an option ("" clears it). */
static void
set_text (char **slot, const char *value, guint *fields, PdxAgentFields field)
{
  if (value == NULL)
    return;
  g_free (*slot);
  *slot = *value ? g_strdup (value) : NULL;
  *fields |= field;
}

/* The numbers of the options into @agent; FALSE with the refusal printed. */
static gboolean
set_numbers (
    PdxCli *cli, const char *command, const AgentOptions *o, PdxAgent *agent, guint *fields)
{
  const char *days[] = { o->first_day, o->last_day };
  int        *slots[] = { &agent->first_day, &agent->last_day };
  const char *names[] = { "--first-day", "--last-day" };

  if (o->dose)
    {
      char  *end = NULL;
      double dose = *o->dose ? g_ascii_strtod (o->dose, &end) : NAN;
      if (*o->dose && (end == o->dose || *end != '\0' || !isfinite (dose) || dose < 0))
        return pdx_cli_fail (cli, _ ("%s: --dose takes a number ≥ 0 (\"\" clears it), not '%s'"),
                             command, o->dose),
               FALSE;
      agent->dose = dose;
      *fields |= PDX_AGENT_DOSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      gint64 n = -1;
      if (days[i] == NULL)
        continue;
      if (*days[i] && !g_ascii_string_to_signed (days[i], 10, 0, G_MAXINT, &n, NULL))
        return pdx_cli_fail (cli,
                             _ ("%s: %s takes a study day, a whole number ≥ 0 (\"\" clears it), "
                                "not '%s'"),
                             command, names[i], days[i]),
               FALSE;
      *slots[i] = (int) n;
      *fields |= i == 0 ? PDX_AGENT_FIRST_DAY : PDX_AGENT_LAST_DAY;
    }
  return TRUE;
}

/* The agent of @arm given by --drug; NULL with the refusal printed (none, or several). */
static const PdxAgent *
require_agent (PdxCli *cli, const char *command, const PdxArm *arm, const char *drug)
{
  const PdxAgent *found = NULL;
  guint           n = 0;

  if (drug == NULL)
    return pdx_cli_fail (cli, _ ("%s: --drug D is required"), command), NULL;
  for (guint i = 0; i < arm->agents->len; i++)
    if (g_str_equal (((PdxAgent *) g_ptr_array_index (arm->agents, i))->drug, drug))
      found = g_ptr_array_index (arm->agents, i), n++;
  if (n == 1)
    return found;
  if (n == 0)
    pdx_cli_fail (cli, _ ("%s: arm '%s' has no agent '%s'"), command, arm->name, drug);
  else
    pdx_cli_fail (cli,
                  _ ("%s: arm '%s' has %u agents '%s'; correct them in the app's Edit Arms "
                     "dialog"),
                  command, arm->name, n, drug);
  return NULL;
}

static int
cmd_agent (PdxCli *cli, int argc, char **argv, const char *sub)
{
  g_auto (AgentOptions) o = { 0 };
  int          status;
  gboolean     add = g_str_equal (sub, "add"), set = g_str_equal (sub, "set");
  GOptionEntry all[] = {
    { "study", 0, 0, G_OPTION_ARG_STRING, &o.study, N_ ("The study"), "CODE" },
    { "arm", 0, 0, G_OPTION_ARG_STRING, &o.arm, N_ ("The arm, by its name"), "NAME" },
    { "drug", 0, 0, G_OPTION_ARG_STRING, &o.drug, N_ ("The agent's drug"), "DRUG" },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &o.reason, N_ ("Why (required; in the audit trail)"),
      "TEXT" },
    { "new-drug", 0, 0, G_OPTION_ARG_STRING, &o.new_drug, N_ ("The drug's corrected name"),
      "DRUG" },
    { "dose", 0, 0, G_OPTION_ARG_STRING, &o.dose, N_ ("The dose, a number ≥ 0"), "X" },
    { "unit", 0, 0, G_OPTION_ARG_STRING, &o.unit, N_ ("The dose's unit, e.g. mg/kg"), "U" },
    { "route", 0, 0, G_OPTION_ARG_STRING, &o.route, N_ ("The route, e.g. i.v., p.o."), "R" },
    { "schedule", 0, 0, G_OPTION_ARG_STRING, &o.schedule, N_ ("The schedule, e.g. q3w, qd"), "S" },
    { "first-day", 0, 0, G_OPTION_ARG_STRING, &o.first_day, N_ ("The first study day of dosing"),
      "N" },
    { "last-day", 0, 0, G_OPTION_ARG_STRING, &o.last_day, N_ ("The last study day of dosing"),
      "N" },
    { NULL }
  };
  GOptionEntry     entries[G_N_ELEMENTS (all)];
  g_autofree char *command = g_strdup_printf ("agent %s", sub);
  g_autoptr (PdxStudy) study = NULL;
  g_autoptr (GPtrArray) arms = NULL;
  g_autoptr (PdxAgent) changed = NULL;
  g_autoptr (GError) error = NULL;
  const PdxArm   *arm;
  const PdxAgent *agent = NULL;
  guint           n = 0, fields = 0;

  /* remove takes the first four options, add all but --new-drug, set all. */
  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    if (all[i].long_name == NULL || i < 4 || set || (add && i != 4))
      entries[n++] = all[i];
  if (!pdx_cli_parse (cli,
                      add   ? N_ ("--study CODE --arm NAME --drug D [--dose X --unit U --route R "
                                    "--schedule S --first-day N --last-day N] --reason TEXT")
                      : set ? N_ ("--study CODE --arm NAME --drug D [--new-drug D] [--dose X] "
                                  "[--unit U] [--route R] [--schedule S] [--first-day N] "
                                  "[--last-day N] --reason TEXT")
                            : N_ ("--study CODE --arm NAME --drug D --reason TEXT"),
                      add   ? N_ ("Adds an agent to an arm of a study, with a reason.")
                      : set ? N_ ("Corrects an agent of an arm: only the values given are "
                                  "written, with the reason.")
                            : N_ ("Removes an agent from an arm, with a reason."),
                      entries, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return pdx_cli_fail (cli, _ ("%s: unexpected argument '%s'"), command, argv[1]);
  if (!load_study (cli, command, o.study, &study, &arms) ||
      !(arm = require_arm (cli, command, study, arms, o.arm)))
    return 1;
  if (add)
    {
      if (o.drug == NULL)
        return pdx_cli_fail (cli, _ ("%s: --drug D is required"), command);
      changed = pdx_agent_new ();
      changed->arm_id = arm->id;
      changed->drug = g_strdup (o.drug);
    }
  else
    {
      if (!(agent = require_agent (cli, command, arm, o.drug)))
        return 1;
      changed = pdx_agent_copy (agent);
    }
  if (g_str_equal (sub, "remove"))
    {
      if (!pdx_agent_remove (cli->db, agent, o.reason, &error))
        return pdx_cli_fail_error (cli, error);
      fprintf (cli->out, _ ("Agent '%s' removed from arm '%s' of study %s.\n"), agent->drug,
               arm->name, study->code);
      return 0;
    }
  if (o.new_drug)
    {
      g_free (changed->drug);
      changed->drug = g_strdup (o.new_drug);
      fields |= PDX_AGENT_DRUG;
    }
  set_text (&changed->unit, o.unit, &fields, PDX_AGENT_UNIT);
  set_text (&changed->route, o.route, &fields, PDX_AGENT_ROUTE);
  set_text (&changed->schedule, o.schedule, &fields, PDX_AGENT_SCHEDULE);
  if (!set_numbers (cli, command, &o, changed, &fields))
    return 1;
  if (add)
    {
      if (!pdx_agent_add (cli->db, changed, o.reason, &error))
        return pdx_cli_fail_error (cli, error);
      fprintf (cli->out, _ ("Agent '%s' added to arm '%s' of study %s.\n"), changed->drug,
               arm->name, study->code);
      return 0;
    }
  if (fields == 0)
    return pdx_cli_fail (cli, _ ("agent set: nothing to change (give --new-drug, --dose, --unit, "
                                 "--route, --schedule, --first-day or --last-day)"));
  if (!pdx_agent_update_fields (cli->db, agent, changed, fields, o.reason, &error))
    return pdx_cli_fail_error (cli, error);
  fprintf (cli->out, _ ("Agent '%s' of arm '%s' of study %s changed.\n"), changed->drug, arm->name,
           study->code);
  return 0;
}

int
pdx_cli_cmd_arm (PdxCli *cli, int argc, char **argv)
{
  static const char *const usage =
      N_ ("Usage: pdxtrack-cli arm set OPTIONS…\n\n"
          "  set  correct an arm's name, control, colour or place in the order, with a reason\n");

  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      fputs (_ (usage), argc < 2 ? cli->err : cli->out);
      return argc < 2 ? 2 : 0;
    }
  if (g_str_equal (argv[1], "set"))
    return cmd_arm_set (cli, argc - 1, argv + 1);
  pdx_cli_fail (cli, _ ("arm: unknown subcommand '%s' (set)"), argv[1]);
  return 2;
}

int
pdx_cli_cmd_agent (PdxCli *cli, int argc, char **argv)
{
  static const char *const usage =
      N_ ("Usage: pdxtrack-cli agent add|set|remove OPTIONS…\n\n"
          "  add     add an agent (drug, dose, unit, route, schedule, days) to an arm\n"
          "  set     correct an agent's values\n"
          "  remove  remove an agent from an arm\n"
          "Each with a reason (required; in the audit trail).\n");

  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      fputs (_ (usage), argc < 2 ? cli->err : cli->out);
      return argc < 2 ? 2 : 0;
    }
  if (g_str_equal (argv[1], "add") || g_str_equal (argv[1], "set") ||
      g_str_equal (argv[1], "remove"))
    return cmd_agent (cli, argc - 1, argv + 1, argv[1]);
  pdx_cli_fail (cli, _ ("agent: unknown subcommand '%s' (add, set or remove)"), argv[1]);
  return 2;
}
