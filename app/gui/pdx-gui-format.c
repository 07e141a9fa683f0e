/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-gui-format.c — how the app prints numbers, agents and dates: "—" for not defined. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>
#include "pdx-gui-format.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *
pdx_format_value (double value, int digits)
{
  if (isnan (value))
    return g_strdup ("—");
  return g_strdup_printf ("%.*f", digits, value);
}

char *
pdx_format_readout (PdxReadout readout, double value)
{
  if (isnan (value))
    return g_strdup ("—");
  if (readout == PDX_READOUT_BLI_FLUX)
    return g_strdup_printf ("%.2e", value);
  return g_strdup_printf ("%.1f", value);
}

char *
pdx_format_flux (double value)
{
  static const char *const superscript[] = { "⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹" };
  char text[G_ASCII_DTOSTR_BUF_SIZE];
  char *e;
  int exponent;
  GString *out;

  if (isnan (value))
    return g_strdup ("—");
  if (value == 0 || !isfinite (value))
    return g_strdup_printf ("%g", value);
  g_snprintf (text, sizeof text, "%.2e", value);   /* "4.26e+06" */
  e = strchr (text, 'e');
  g_assert (e != NULL);
  *e = '\0';
  exponent = atoi (e + 1);
  if (exponent >= 0 && exponent <= 2)
    return g_strdup_printf ("%.*f", 2 - exponent, value);
  out = g_string_new (text);
  g_string_append (out, "×10");   /* text is reused for the exponent's digits below */
  if (exponent < 0)
    g_string_append (out, "⁻");
  g_snprintf (text, sizeof text, "%d", ABS (exponent));
  for (const char *d = text; *d != '\0'; d++)
    g_string_append (out, superscript[*d - '0']);
  return g_string_free (out, FALSE);
}

char *
pdx_format_count (guint64 count)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT, count);
  GString *out = g_string_new (NULL);
  gsize n = strlen (digits);

  for (gsize i = 0; i < n; i++)
    {
      if (i > 0 && (n - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}

static void
append_agent (GString *out, const PdxStudyAgent *agent)
{
  g_string_append (out, agent->drug);
  if (!isnan (agent->dose))
    g_string_append_printf (out, " %g%s%s", agent->dose, agent->unit ? " " : "",
                            agent->unit ? agent->unit : "");
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

char *
pdx_format_today (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

gboolean
pdx_parse_number (const char *text, double *out)
{
  g_autofree char *copy = g_strstrip (g_strdup (text ? text : ""));
  char *end = NULL;
  double value;

  if (copy[0] == '\0')
    {
      *out = NAN;
      return TRUE;
    }
  g_strdelimit (copy, ",", '.');
  value = g_ascii_strtod (copy, &end);
  if (end == copy || *end != '\0' || !isfinite (value))
    return FALSE;
  *out = value;
  return TRUE;
}

static gboolean
parse_iso_date (const char *text, GDate *date)
{
  int y, m, d;
  char tail;

  if (text == NULL || sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
    return FALSE;
  if (!g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

gboolean
pdx_days_between (const char *from, const char *to, int *days)
{
  GDate a, b;

  g_date_clear (&a, 1);
  g_date_clear (&b, 1);
  if (!parse_iso_date (from, &a) || !parse_iso_date (to, &b))
    return FALSE;
  *days = g_date_days_between (&a, &b);
  return TRUE;
}

void
pdx_widget_unparent_children (GtkWidget *widget)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (widget)) != NULL)
    gtk_widget_unparent (child);
}
