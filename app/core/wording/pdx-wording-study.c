/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-wording-study.c — a study's values and treatments in people's words (see pdx-wording.h). */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx/pdx-wording.h"

#include <math.h>

#include "pdx/pdx-format.h"

char *
pdx_format_readout (PdxReadout readout, double value)
{
  if (isnan (value))
    return g_strdup ("—");
  if (readout == PDX_READOUT_BLI_FLUX)
    return pdx_format_scientific (value, 2);
  return pdx_format_value (value, 1);
}

/* "T-DM1 3.6 mg/kg i.v. q3w, days 0–21": the drug, then what is known of dose, route,
 * schedule and days. */
static void
append_agent (GString *out, const PdxStudyAgent *agent)
{
  g_string_append (out, agent->drug);
  if (!isnan (agent->dose))
    {
      g_autofree char *dose = pdx_format_short (agent->dose);
      g_string_append_printf (out, " %s%s%s", dose, agent->unit ? " " : "",
                              agent->unit ? agent->unit : "");
    }
  if (agent->route != NULL)
    g_string_append_printf (out, " %s", agent->route);
  if (agent->schedule != NULL)
    g_string_append_printf (out, " %s", agent->schedule);
  if (agent->first_day >= 0 && agent->last_day >= 0)
    g_string_append_printf (out, _ (", days %d–%d"), agent->first_day, agent->last_day);
  else if (agent->first_day >= 0)
    g_string_append_printf (out, _ (", from day %d"), agent->first_day);
}

char *
pdx_format_agents (const PdxStudyArm *arm)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (arm != NULL, NULL);
  for (guint i = 0; i < arm->n_agents; i++)
    {
      if (i > 0)
        g_string_append (out, " + ");
      append_agent (out, &arm->agents[i]);
    }
  if (out->len == 0)
    g_string_append (out, arm->is_control ? _ ("no treatment") : "—");
  return g_string_free (out, FALSE);
}
