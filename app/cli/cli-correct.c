/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli-correct.c — corrections with a reason (docs/corrections.md): `endpoint set|clear`,
 * `mouse set` and `measurement exclude|include`, each a thin layer over pdx-correct.h that reads
 * the row, applies the options given and lets the core write only what changed. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "cli.h"

#include <string.h>

/* The mouse @tag of study @code, the errors printed; NULL when either is missing. */
static PdxMouse *
require_mouse (PdxCli *cli, const char *code, const char *tag, PdxStudy **study_out)
{
  g_autoptr (PdxStudy) study = NULL;
  g_autoptr (GError) error = NULL;
  PdxMouse *mouse;

  if (!pdx_cli_open_db (cli, FALSE) || !(study = pdx_cli_require_study (cli, code)))
    return NULL;
  if (tag == NULL)
    {
      pdx_cli_fail (cli, _ ("--mouse TAG is required"));
      return NULL;
    }
  mouse = pdx_mouse_find (cli->db, study->id, tag, &error);
  if (mouse == NULL && error != NULL)
    pdx_cli_fail_error (cli, error);
  else if (mouse == NULL)
    pdx_cli_fail (cli, _ ("study %s has no mouse '%s' (see 'pdxtrack-cli list mice --study %s')"),
                  study->code, tag, study->code);
  if (study_out != NULL)
    *study_out = g_steal_pointer (&study);
  return mouse;
}

/* An option's text as a field's value: "" clears it (NULL), else a copy, trimmed. */
static char *
option_value (const char *text)
{
  char *value = g_strstrip (g_strdup (text));

  if (*value == '\0')
    g_clear_pointer (&value, g_free);
  return value;
}

static gboolean
parse_yes_no (const char *text, gboolean *out)
{
  if (g_ascii_strcasecmp (text, "yes") == 0)
    return *out = TRUE, TRUE;
  if (g_ascii_strcasecmp (text, "no") == 0)
    return *out = FALSE, TRUE;
  return FALSE;
}

/* ---- endpoint ----------------------------------------------------------------------------- */

typedef struct
{
  char *study, *mouse, *date, *kind, *event, *note, *reason;
} EndpointOptions;

static void
endpoint_options_clear (EndpointOptions *o)
{
  g_free (o->study), g_free (o->mouse), g_free (o->date), g_free (o->kind);
  g_free (o->event), g_free (o->note), g_free (o->reason);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (EndpointOptions, endpoint_options_clear)

/* The options over @e (the stored endpoint, or a new one): FALSE after printing a refusal. */
static gboolean
apply_endpoint_options (PdxCli *cli, const EndpointOptions *o, PdxEndpoint *e, gboolean is_new)
{
  PdxEndpointKind kind = e->kind;

  if (o->date != NULL)
    g_free (e->date), e->date = option_value (o->date);
  if (o->kind != NULL && !pdx_endpoint_kind_parse (o->kind, &kind))
    {
      g_autofree char *accepted = pdx_endpoint_kind_dup_accepted ();
      pdx_cli_fail (cli, _ ("endpoint set: --kind '%s' is not a kind of endpoint; one of: %s"),
                    o->kind, accepted);
      return FALSE;
    }
  if (o->event != NULL && !parse_yes_no (o->event, &e->is_event))
    {
      pdx_cli_fail (cli, _ ("endpoint set: --event takes yes or no, not '%s'"), o->event);
      return FALSE;
    }
  if (o->event == NULL && (is_new || kind != e->kind))
    e->is_event = pdx_endpoint_kind_is_event (kind);
  e->kind = kind;
  if (o->note != NULL)
    g_free (e->note), e->note = option_value (o->note);
  if (e->date == NULL)
    {
      pdx_cli_fail (cli, _ ("endpoint set: --date DATE is required"));
      return FALSE;
    }
  return TRUE;
}

static int
endpoint_set (PdxCli *cli, int argc, char **argv)
{
  g_auto (EndpointOptions) o = { 0 };
  GOptionEntry entries[] = {
    { "study", 0, 0, G_OPTION_ARG_STRING, &o.study, N_ ("The study"), "CODE" },
    { "mouse", 0, 0, G_OPTION_ARG_STRING, &o.mouse, N_ ("The mouse's tag"), "TAG" },
    { "date", 0, 0, G_OPTION_ARG_STRING, &o.date, N_ ("The endpoint's date"), "DATE" },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &o.kind,
      N_ ("found_dead, humane_neuro, humane_weight, end_of_study or other"), "KIND" },
    { "event", 0, 0, G_OPTION_ARG_STRING, &o.event,
      N_ ("Whether it counts as an event for survival (default: as the kind says)"), "yes|no" },
    { "note", 0, 0, G_OPTION_ARG_STRING, &o.note, N_ ("A note ('' clears it)"), "TEXT" },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &o.reason,
      N_ ("Why a recorded endpoint is corrected (audit trail)"), "TEXT" },
    { NULL }
  };
  g_autoptr (PdxMouse) mouse = NULL;
  g_autoptr (PdxEndpoint) loaded = NULL;
  g_autoptr (PdxEndpoint) endpoint = NULL;
  g_autoptr (GError) error = NULL;
  int status;

  if (!pdx_cli_parse (cli,
                      N_ ("--study CODE --mouse TAG --date DATE --kind KIND [--event yes|no] "
                          "[--note TEXT] [--reason TEXT]"),
                      N_ ("Records a mouse's endpoint, or corrects the one it has (then with "
                          "--reason; options left out keep what is recorded)."),
                      entries, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return pdx_cli_fail (cli, _ ("endpoint: unexpected argument '%s'"), argv[1]);
  if (!(mouse = require_mouse (cli, o.study, o.mouse, NULL)))
    return 1;
  loaded = pdx_endpoint_find_for_mouse (cli->db, mouse->id, &error);
  if (error != NULL)
    return pdx_cli_fail_error (cli, error);
  if (loaded == NULL && o.kind == NULL)
    return pdx_cli_fail (cli, _ ("endpoint set: --kind KIND is required for a new endpoint"));
  endpoint = loaded ? pdx_endpoint_find_for_mouse (cli->db, mouse->id, NULL) : pdx_endpoint_new ();
  endpoint->mouse_id = mouse->id;
  if (!apply_endpoint_options (cli, &o, endpoint, loaded == NULL))
    return 1;
  if (loaded != NULL && g_strcmp0 (loaded->date, endpoint->date) == 0 &&
      loaded->kind == endpoint->kind && !loaded->is_event == !endpoint->is_event &&
      g_strcmp0 (loaded->note, endpoint->note) == 0)
    return pdx_cli_fail (cli,
                         _ ("endpoint set: nothing to change for mouse %s (the values given are "
                            "those recorded)"),
                         mouse->tag);
  if (!pdx_endpoint_set (cli->db, loaded, endpoint, o.reason, &error))
    return pdx_cli_fail_error (cli, error);
  fprintf (cli->out,
           loaded ? _ ("Endpoint of mouse %s corrected: %s on %s\n")
                  : _ ("Endpoint of mouse %s recorded: %s on %s\n"),
           mouse->tag, _ (pdx_endpoint_kind_get_label (endpoint->kind)), endpoint->date);
  return 0;
}

static int
endpoint_clear (PdxCli *cli, int argc, char **argv)
{
  g_auto (EndpointOptions) o = { 0 };
  GOptionEntry entries[] = {
    { "study", 0, 0, G_OPTION_ARG_STRING, &o.study, N_ ("The study"), "CODE" },
    { "mouse", 0, 0, G_OPTION_ARG_STRING, &o.mouse, N_ ("The mouse's tag"), "TAG" },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &o.reason,
      N_ ("Why the endpoint is removed (audit trail)"), "TEXT" },
    { NULL }
  };
  g_autoptr (PdxMouse) mouse = NULL;
  g_autoptr (PdxEndpoint) loaded = NULL;
  g_autoptr (GError) error = NULL;
  int status;

  if (!pdx_cli_parse (cli, N_ ("--study CODE --mouse TAG --reason TEXT"),
                      N_ ("Removes an endpoint recorded by mistake; the audit trail keeps it "
                          "with the reason."),
                      entries, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return pdx_cli_fail (cli, _ ("endpoint: unexpected argument '%s'"), argv[1]);
  if (o.reason == NULL || *g_strstrip (o.reason) == '\0')
    return pdx_cli_fail (cli, _ ("endpoint clear: --reason TEXT is required: say why the "
                                 "endpoint is removed"));
  if (!(mouse = require_mouse (cli, o.study, o.mouse, NULL)))
    return 1;
  loaded = pdx_endpoint_find_for_mouse (cli->db, mouse->id, &error);
  if (error != NULL)
    return pdx_cli_fail_error (cli, error);
  if (loaded == NULL)
    return pdx_cli_fail (cli, _ ("endpoint clear: mouse %s has no endpoint"), mouse->tag);
  if (!pdx_endpoint_clear (cli->db, loaded, o.reason, &error))
    return pdx_cli_fail_error (cli, error);
  fprintf (cli->out, _ ("Endpoint of mouse %s cleared (was %s on %s)\n"), mouse->tag,
           _ (pdx_endpoint_kind_get_label (loaded->kind)), loaded->date);
  return 0;
}

int
pdx_cli_cmd_endpoint (PdxCli *cli, int argc, char **argv)
{
  static const char *const usage =
      N_ ("Usage: pdxtrack-cli endpoint set|clear OPTIONS…\n\n"
          "  set    record a mouse's endpoint, or correct it (with --reason)\n"
          "  clear  remove an endpoint recorded by mistake (with --reason)\n");

  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      fputs (_ (usage), argc < 2 ? cli->err : cli->out);
      return argc < 2 ? 2 : 0;
    }
  if (g_str_equal (argv[1], "set"))
    return endpoint_set (cli, argc - 1, argv + 1);
  if (g_str_equal (argv[1], "clear"))
    return endpoint_clear (cli, argc - 1, argv + 1);
  pdx_cli_fail (cli, _ ("endpoint: unknown subcommand '%s' (set or clear)"), argv[1]);
  return 2;
}

/* ---- mouse -------------------------------------------------------------------------------- */

typedef struct
{
  char *study, *mouse, *tag, *arm, *implant_date, *cage, *sex, *strain, *birth_date, *reason;
} MouseOptions;

static void
mouse_options_clear (MouseOptions *o)
{
  g_free (o->study), g_free (o->mouse), g_free (o->tag), g_free (o->arm);
  g_free (o->implant_date), g_free (o->cage), g_free (o->sex), g_free (o->strain);
  g_free (o->birth_date), g_free (o->reason);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MouseOptions, mouse_options_clear)

/* The --arm option: an arm's name in the study, or "none" (not randomised). */
static gboolean
apply_arm (PdxCli *cli, const PdxStudy *study, const char *name, PdxMouse *m)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxArm) arm = NULL;

  if (g_ascii_strcasecmp (name, "none") == 0)
    return m->arm_id = 0, TRUE;
  arm = pdx_arm_find (cli->db, study->id, name, &error);
  if (arm == NULL && error != NULL)
    return pdx_cli_fail_error (cli, error), FALSE;
  if (arm == NULL)
    return pdx_cli_fail (cli,
                         _ ("mouse set: study %s has no arm '%s' (see 'pdxtrack-cli list arms "
                            "--study %s'; 'none' takes the mouse out of its arm)"),
                         study->code, name, study->code),
           FALSE;
  m->arm_id = arm->id;
  return TRUE;
}

/* The names of the fields of @mask, for the confirmation line. */
static char *
describe_fields (guint mask)
{
  static const struct
  {
    PdxMouseFields bit;
    const char    *name;
  } names[] = {
    { PDX_MOUSE_TAG, N_ ("tag") },
    { PDX_MOUSE_ARM, N_ ("arm") },
    { PDX_MOUSE_CAGE, N_ ("cage") },
    { PDX_MOUSE_SEX, N_ ("sex") },
    { PDX_MOUSE_STRAIN, N_ ("strain") },
    { PDX_MOUSE_BIRTH_DATE, N_ ("birth date") },
    { PDX_MOUSE_IMPLANT_DATE, N_ ("implant date") },
  };
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (mask & names[i].bit)
      g_string_append_printf (out, "%s%s", out->len ? ", " : "", _ (names[i].name));
  return g_string_free (out, FALSE);
}

static int
mouse_set (PdxCli *cli, int argc, char **argv)
{
  g_auto (MouseOptions) o = { 0 };
  GOptionEntry entries[] = {
    { "study", 0, 0, G_OPTION_ARG_STRING, &o.study, N_ ("The study"), "CODE" },
    { "mouse", 0, 0, G_OPTION_ARG_STRING, &o.mouse, N_ ("The mouse's tag"), "TAG" },
    { "tag", 0, 0, G_OPTION_ARG_STRING, &o.tag, N_ ("Its corrected tag"), "NEW" },
    { "arm", 0, 0, G_OPTION_ARG_STRING, &o.arm, N_ ("Move it to this arm ('none': not randomised)"),
      "NAME" },
    { "implant-date", 0, 0, G_OPTION_ARG_STRING, &o.implant_date, N_ ("Its implant date"), "DATE" },
    { "cage", 0, 0, G_OPTION_ARG_STRING, &o.cage, N_ ("Its cage ('' clears it)"), "CAGE" },
    { "sex", 0, 0, G_OPTION_ARG_STRING, &o.sex, N_ ("F or M ('' clears it)"), "SEX" },
    { "strain", 0, 0, G_OPTION_ARG_STRING, &o.strain, N_ ("Its strain ('' clears it)"), "STRAIN" },
    { "birth-date", 0, 0, G_OPTION_ARG_STRING, &o.birth_date, N_ ("Its birth date"), "DATE" },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &o.reason,
      N_ ("Why (audit trail; required to change a recorded value)"), "TEXT" },
    { NULL }
  };
  g_autoptr (PdxStudy) study = NULL;
  g_autoptr (PdxMouse) loaded = NULL;
  g_autoptr (PdxMouse) edited = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *changed = NULL;
  guint            mask;
  int              status;

  if (!pdx_cli_parse (cli,
                      N_ ("--study CODE --mouse TAG [--tag NEW] [--arm NAME] [--implant-date D] "
                          "[--cage C] [--sex S] [--strain S] [--birth-date D] --reason TEXT"),
                      N_ ("Corrects a mouse: only the fields given are written."), entries, &argc,
                      &argv, &status))
    return status;
  if (argc != 1)
    return pdx_cli_fail (cli, _ ("mouse: unexpected argument '%s'"), argv[1]);
  if (!(loaded = require_mouse (cli, o.study, o.mouse, &study)))
    return 1;
  edited = pdx_mouse_get (cli->db, loaded->id, &error);
  if (edited == NULL)
    return pdx_cli_fail_error (cli, error);
#define TAKE(field)                                                                                \
  if (o.field != NULL)                                                                             \
    g_free (edited->field), edited->field = option_value (o.field);
  TAKE (tag);
  TAKE (implant_date);
  TAKE (cage);
  TAKE (sex);
  TAKE (strain);
  TAKE (birth_date);
#undef TAKE
  if (o.arm != NULL && !apply_arm (cli, study, o.arm, edited))
    return 1;
  mask = pdx_mouse_diff (loaded, edited);
  if (mask == 0)
    return pdx_cli_fail (cli,
                         _ ("mouse set: nothing to change for mouse %s (the values given "
                            "are those recorded)"),
                         loaded->tag);
  if (!pdx_mouse_correct (cli->db, loaded, edited, o.reason, &error))
    return pdx_cli_fail_error (cli, error);
  changed = describe_fields (mask);
  fprintf (cli->out, _ ("Mouse %s corrected: %s\n"), edited->tag, changed);
  return 0;
}

int
pdx_cli_cmd_mouse (PdxCli *cli, int argc, char **argv)
{
  static const char *const usage = N_ ("Usage: pdxtrack-cli mouse set OPTIONS…\n\n"
                                       "  set  correct a mouse's tag, arm, dates, cage, sex or "
                                       "strain (with --reason)\n");

  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      fputs (_ (usage), argc < 2 ? cli->err : cli->out);
      return argc < 2 ? 2 : 0;
    }
  if (g_str_equal (argv[1], "set"))
    return mouse_set (cli, argc - 1, argv + 1);
  pdx_cli_fail (cli, _ ("mouse: unknown subcommand '%s' (set)"), argv[1]);
  return 2;
}

/* ---- measurement -------------------------------------------------------------------------- */

/* `measurement exclude` (@exclude TRUE) and `measurement include`. */
static int
measurement_exclude (PdxCli *cli, int argc, char **argv, gboolean exclude)
{
  char        *study = NULL, *tag = NULL, *date = NULL, *reason = NULL;
  GOptionEntry entries[] = {
    { "study", 0, 0, G_OPTION_ARG_STRING, &study, N_ ("The study"), "CODE" },
    { "mouse", 0, 0, G_OPTION_ARG_STRING, &tag, N_ ("The mouse's tag"), "TAG" },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_ ("The measurement's date"), "DATE" },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_ ("Why (audit trail; required)"), "TEXT" },
    { NULL }
  };
  g_autoptr (PdxMouse) mouse = NULL;
  g_autoptr (PdxMeasurement) measurement = NULL;
  g_autoptr (GError) error = NULL;
  int status;

  if (!pdx_cli_parse (cli, N_ ("--study CODE --mouse TAG --date DATE --reason TEXT"),
                      exclude ? N_ ("Leaves one measurement out of every metric, chart and "
                                    "statistic (an imaging failure, a mis-injected luciferin); it "
                                    "stays in the lab and the measurements export.")
                              : N_ ("Includes an excluded measurement in the analysis again."),
                      entries, &argc, &argv, &status))
    return status;
  g_autofree char *code = study, *mouse_tag = tag, *day = date, *why = reason;
  if (argc != 1)
    return pdx_cli_fail (cli, _ ("measurement: unexpected argument '%s'"), argv[1]);
  if (day == NULL)
    return pdx_cli_fail (cli, _ ("measurement %s: --date DATE is required"), argv[0]);
  if (why == NULL || *g_strstrip (why) == '\0')
    return pdx_cli_fail (cli, _ ("measurement %s: --reason TEXT is required: say why"), argv[0]);
  if (!(mouse = require_mouse (cli, code, mouse_tag, NULL)))
    return 1;
  measurement = pdx_measurement_find (cli->db, mouse->id, day, &error);
  if (measurement == NULL && error != NULL)
    return pdx_cli_fail_error (cli, error);
  if (measurement == NULL)
    return pdx_cli_fail (cli, _ ("mouse %s has no measurement on %s"), mouse->tag, day);
  if (!pdx_measurement_set_excluded (cli->db, measurement->id, exclude, why, &error))
    return pdx_cli_fail_error (cli, error);
  fprintf (cli->out,
           exclude ? _ ("Measurement of mouse %s on %s excluded from analysis\n")
                   : _ ("Measurement of mouse %s on %s included in analysis again\n"),
           mouse->tag, day);
  return 0;
}

int
pdx_cli_cmd_measurement (PdxCli *cli, int argc, char **argv)
{
  static const char *const usage =
      N_ ("Usage: pdxtrack-cli measurement exclude|include OPTIONS…\n\n"
          "  exclude  leave one measurement out of every statistic (with --reason)\n"
          "  include  include an excluded measurement again (with --reason)\n");

  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      fputs (_ (usage), argc < 2 ? cli->err : cli->out);
      return argc < 2 ? 2 : 0;
    }
  if (g_str_equal (argv[1], "exclude"))
    return measurement_exclude (cli, argc - 1, argv + 1, TRUE);
  if (g_str_equal (argv[1], "include"))
    return measurement_exclude (cli, argc - 1, argv + 1, FALSE);
  pdx_cli_fail (cli, _ ("measurement: unknown subcommand '%s' (exclude or include)"), argv[1]);
  return 2;
}
