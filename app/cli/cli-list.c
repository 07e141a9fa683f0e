/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli-list.c — `list lines|studies|arms|mice`: the first CSV column is the code, name or tag. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "cli.h"

#include <math.h>

static char *
describe_agents (const PdxArm *arm)
{
  GString *out = g_string_new (NULL);
  for (guint i = 0; i < arm->agents->len; i++)
    {
      const PdxAgent *g = g_ptr_array_index (arm->agents, i);
      g_string_append_printf (out, "%s%s", i ? " + " : "", g->drug);
      if (!isnan (g->dose))
        {
          char dose[G_ASCII_DTOSTR_BUF_SIZE]; /* the C locale's "%g": a table is for files too */
          g_string_append_printf (out, " %s%s%s",
                                  g_ascii_formatd (dose, sizeof dose, "%g", g->dose),
                                  g->unit ? " " : "", g->unit ? g->unit : "");
        }
      if (g->route)
        g_string_append_printf (out, " %s", g->route);
      if (g->schedule)
        g_string_append_printf (out, " %s", g->schedule);
    }
  return g_string_free (out, FALSE);
}

static int
list_lines (PdxCli *cli, GError **error)
{
  static const char *const columns[] = { "code",    "status",   "host_strain",
                                         "passage", "reporter", "alterations",
                                         "patient", "her2_ihc", NULL };
  g_autoptr (GPtrArray) lines = pdx_line_list (cli->db, error);
  g_autoptr (PdxCliTable) table = pdx_cli_table_new (columns);

  if (lines == NULL)
    return 1;
  for (guint i = 0; i < lines->len; i++)
    {
      const PdxLine *l = g_ptr_array_index (lines, i);
      g_autoptr (PdxSample) sample =
          l->sample_id ? pdx_sample_get (cli->db, l->sample_id, NULL) : NULL;
      g_autoptr (PdxPatient) patient =
          sample ? pdx_patient_get (cli->db, sample->patient_id, NULL) : NULL;
      g_autofree char *passage = l->passage >= 0 ? g_strdup_printf ("P%d", l->passage) : NULL;
      const char      *row[] = { l->code,
                                 l->status,
                                 l->host_strain,
                                 passage,
                            l->luciferase ? "luciferase" : "",
                                 l->alterations,
                            patient ? patient->code : NULL,
                            patient ? patient->her2_ihc : NULL };
      pdx_cli_table_add_row (table, row);
    }
  pdx_cli_table_print (cli, table);
  return 0;
}

static int
list_studies (PdxCli *cli, GError **error)
{
  static const char *const columns[] = { "code",   "line", "readout", "implant_site", "day0",
                                         "status", "arms", "mice",    "title",        NULL };
  g_autoptr (GPtrArray) studies = pdx_study_list (cli->db, 0, error);
  g_autoptr (PdxCliTable) table = pdx_cli_table_new (columns);

  if (studies == NULL)
    return 1;
  for (guint i = 0; i < studies->len; i++)
    {
      const PdxStudy *s = g_ptr_array_index (studies, i);
      g_autoptr (PdxLine) line = NULL;
      g_autoptr (GPtrArray) arms = NULL;
      g_autoptr (GPtrArray) mice = NULL;
      g_autofree char *n_arms = NULL;
      g_autofree char *n_mice = NULL;

      /* A row that cannot be read is an error, never a count of 0 (a damaged lab). */
      if ((s->line_id && (line = pdx_line_get (cli->db, s->line_id, error)) == NULL) ||
          (arms = pdx_arm_list (cli->db, s->id, error)) == NULL ||
          (mice = pdx_mouse_list (cli->db, s->id, error)) == NULL)
        return 1;
      n_arms = g_strdup_printf ("%u", arms->len);
      n_mice = g_strdup_printf ("%u", mice->len);
      {
        const char *row[] = { s->code,
                              line ? line->code : NULL,
                              pdx_readout_to_string (s->readout),
                              s->implant_site,
                              s->day0,
                              s->status,
                              n_arms,
                              n_mice,
                              s->title };
        pdx_cli_table_add_row (table, row);
      }
    }
  pdx_cli_table_print (cli, table);
  return 0;
}

static int
list_arms (PdxCli *cli, const PdxStudy *only, GError **error)
{
  static const char *const columns[] = { "name", "study", "control", "agents", "colour", NULL };
  g_autoptr (GPtrArray) studies = only ? NULL : pdx_study_list (cli->db, 0, error);
  g_autoptr (PdxCliTable) table = pdx_cli_table_new (columns);
  guint n = only ? 1 : (studies ? studies->len : 0);

  if (!only && studies == NULL)
    return 1;
  for (guint s = 0; s < n; s++)
    {
      const PdxStudy *study = only ? only : g_ptr_array_index (studies, s);
      g_autoptr (GPtrArray) arms = pdx_arm_list (cli->db, study->id, error);
      if (arms == NULL)
        return 1;
      for (guint i = 0; i < arms->len; i++)
        {
          const PdxArm    *a = g_ptr_array_index (arms, i);
          g_autofree char *agents = describe_agents (a);
          const char      *row[] = { a->name, study->code, a->is_control ? "yes" : "no", agents,
                                     a->colour };
          pdx_cli_table_add_row (table, row);
        }
    }
  pdx_cli_table_print (cli, table);
  return 0;
}

static void
add_mice_rows (PdxCliTable *table, const PdxStudyData *data)
{
  for (guint m = 0; m < data->n_mice; m++)
    {
      const PdxStudyMouse *mouse = &data->mice[m];
      g_autofree char     *n = g_strdup_printf ("%u", mouse->n);
      g_autofree char     *end_day =
          mouse->has_endpoint ? pdx_format_number (mouse->endpoint_day) : NULL;
      const char *status = mouse->excluded        ? "excluded"
                           : !mouse->has_endpoint ? "on study"
                           : mouse->event ? pdx_endpoint_kind_to_string (mouse->endpoint_kind)
                                          : "censored";
      const char *row[] = {
        mouse->tag,  data->code, mouse->arm >= 0 ? data->arms[mouse->arm].name : NULL,
        mouse->cage, mouse->sex, status,
        end_day,     n,          mouse->excluded ? mouse->exclusion_reason : NULL
      };
      pdx_cli_table_add_row (table, row);
    }
}

static int
list_mice (PdxCli *cli, const PdxStudy *only, GError **error)
{
  static const char *const columns[] = { "mouse",
                                         "study",
                                         "arm",
                                         "cage",
                                         "sex",
                                         "status",
                                         "endpoint_day",
                                         "measurements",
                                         "exclusion_reason",
                                         NULL };
  g_autoptr (GPtrArray) studies = only ? NULL : pdx_study_list (cli->db, 0, error);
  g_autoptr (PdxCliTable) table = pdx_cli_table_new (columns);
  guint n = only ? 1 : (studies ? studies->len : 0);

  if (!only && studies == NULL)
    return 1;
  for (guint s = 0; s < n; s++)
    {
      const PdxStudy *study = only ? only : g_ptr_array_index (studies, s);
      g_autoptr (PdxStudyData) data = pdx_study_data_load (cli->db, study->id, error);
      if (data == NULL)
        return 1;
      add_mice_rows (table, data);
    }
  pdx_cli_table_print (cli, table);
  return 0;
}

int
pdx_cli_cmd_list (PdxCli *cli, int argc, char **argv)
{
  char        *study_code = NULL;
  int          status;
  GOptionEntry entries[] = { { "study", 0, 0, G_OPTION_ARG_STRING, &study_code,
                               N_ ("Only this study (arms, mice)"), "CODE" },
                             { NULL } };
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxStudy) study = NULL;
  const char *what;

  if (!pdx_cli_parse (cli, N_ ("lines|studies|arms|mice — list what the lab holds"), NULL, entries,
                      &argc, &argv, &status))
    return status;
  g_autofree char *code = study_code;
  if (argc != 2)
    return pdx_cli_fail (cli, _ ("list: expected one of lines, studies, arms, mice"));
  what = argv[1];
  if (!pdx_cli_open_db (cli, FALSE))
    return 1;
  if (code && !(study = pdx_cli_require_study (cli, code)))
    return 1;
  if (g_str_equal (what, "lines"))
    status = list_lines (cli, &error);
  else if (g_str_equal (what, "studies"))
    status = list_studies (cli, &error);
  else if (g_str_equal (what, "arms"))
    status = list_arms (cli, study, &error);
  else if (g_str_equal (what, "mice"))
    status = list_mice (cli, study, &error);
  else
    return pdx_cli_fail (cli, _ ("list: unknown '%s'; expected lines, studies, arms or mice"),
                         what);
  if (status != 0)
    return pdx_cli_fail_error (cli, error);
  return 0;
}
