/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-chart-build.c — what the chart builders share: axis titles from the readout, the day axis
 * with its treatment window, arm legends, and the notes about mice a chart does not show. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx-chart-private.h"

#include <math.h>
#include <string.h>

char *
pdx_chart_readout_name (PdxReadout readout)
{
  const char *label = _ (pdx_readout_get_label (readout));
  const char *paren = strstr (label, " (");

  /* "MRI tumour volume (mm³)" → "MRI tumour volume": the unit goes in the axis title's own
   * parentheses. */
  return paren ? g_strndup (label, paren - label) : g_strdup (label);
}

void
pdx_chart_set_value_axis (PdxChart *chart, const PdxStudyData *data, PdxChartScale scale)
{
  g_autofree char *name = pdx_chart_readout_name (data->readout);
  g_autofree char *escaped = g_markup_escape_text (name, -1);

  switch (scale)
    {
    case PDX_CHART_SCALE_RELATIVE:
      chart->y_name =
          g_strdup_printf (/* Translators: a readout, e.g. "BLI total flux (photons/s)". */
                           _ ("%s relative to baseline"), escaped);
      chart->y_unit = g_strdup ("V/V<sub>0</sub>");
      chart->value_unit = _ ("\u00d7 baseline");
      break;
    case PDX_CHART_SCALE_PERCENT:
      chart->y_name =
          g_strdup_printf (/* Translators: a readout, e.g. "BLI total flux (photons/s)". */
                           _ ("Change in %s from baseline"), escaped);
      chart->y_unit = g_strdup ("%");
      chart->value_unit = "%";
      break;
    case PDX_CHART_SCALE_ABSOLUTE:
    default:
      chart->y_name = g_strdup (escaped);
      chart->y_unit = g_markup_escape_text (_ (pdx_readout_get_unit (data->readout)), -1);
      chart->value_unit = _ (pdx_readout_get_unit (data->readout));
      break;
    }
}

/* A log axis cannot show %ΔV (it is ≤ 0 at baseline): the axis stays linear and says so. */
gboolean
pdx_chart_use_log (PdxChart *chart, PdxChartScale scale)
{
  if (!chart->options.log_axis)
    return FALSE;
  if (scale == PDX_CHART_SCALE_PERCENT)
    {
      pdx_chart_add_note (chart, "A log axis cannot show %% change (it starts at 0): the axis "
                                 "is linear.");
      return FALSE;
    }
  return TRUE;
}

static char *
tag_list (GPtrArray *tags, guint max)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < tags->len && i < max; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? ", " : "", (char *) g_ptr_array_index (tags, i));
  if (tags->len > max)
    g_string_append_printf (out, " and %u more", tags->len - max);
  return g_string_free (out, FALSE);
}

void
pdx_chart_note_mice (PdxChart *chart, const char *what, GPtrArray *tags)
{
  g_autofree char *list = NULL;

  if (tags->len == 0)
    return;
  list = tag_list (tags, 24);
  pdx_chart_add_note (chart, "%s (%u): %s.", what, tags->len, list);
}

/* Excluded mice and mice not yet randomised appear in no chart; say which. */
void
pdx_chart_note_hidden_mice (PdxChart *chart, const PdxStudyData *data)
{
  g_autoptr (GPtrArray) excluded = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) unassigned = g_ptr_array_new ();

  for (guint m = 0; m < data->n_mice; m++)
    {
      const PdxStudyMouse *mouse = &data->mice[m];
      if (mouse->excluded)
        g_ptr_array_add (excluded,
                         mouse->exclusion_reason && mouse->exclusion_reason[0]
                             ? g_strdup_printf ("%s (%s)", mouse->tag, mouse->exclusion_reason)
                             : g_strdup (mouse->tag));
      else if (mouse->arm < 0)
        g_ptr_array_add (unassigned, mouse->tag);
    }
  pdx_chart_note_mice (chart, _ ("Excluded, not shown"), excluded);
  pdx_chart_note_mice (chart, _ ("Not randomised yet, not shown"), unassigned);
}

void
pdx_chart_note_excluded_measurements (PdxChart *chart, const PdxStudyData *data)
{
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GHashTable) excluded_mice = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint m = 0; m < data->n_mice; m++)
    if (data->mice[m].excluded)
      g_hash_table_add (excluded_mice, data->mice[m].tag);
  for (guint i = 0; i < data->n_excluded_measurements; i++)
    {
      const PdxStudyExcludedMeasurement *x = &data->excluded_measurements[i];
      if (g_hash_table_contains (excluded_mice, x->tag))
        continue;
      g_ptr_array_add (items,
                       x->reason && x->reason[0]
                           /* Translators: mouse tag, study day, reason. */
                           ? g_strdup_printf (_ ("%s day %g (%s)"), x->tag, x->day, x->reason)
                           : g_strdup_printf (_ ("%s day %g"), x->tag, x->day));
    }
  pdx_chart_note_mice (chart, _ ("Excluded measurements, not shown"), items);
}

void
pdx_chart_setup_day_axis (PdxChart *chart, const PdxStudyData *data)
{
  chart->x_title = g_strdup (_ ("Days since treatment start"));
  if (isfinite (data->treatment_first_day) && isfinite (data->treatment_last_day))
    {
      chart->shade_x0 = data->treatment_first_day;
      chart->shade_x1 = data->treatment_last_day;
    }
  pdx_chart_note_hidden_mice (chart, data);
  pdx_chart_note_excluded_measurements (chart, data);
}

void
pdx_chart_add_arm_legend (PdxChart             *chart,
                          const PdxStudyData   *data,
                          int                   arm,
                          const PdxChartColour *colour,
                          guint                 n,
                          PdxChartSymbol        symbol)
{
  g_autofree char *name = g_markup_escape_text (data->arms[arm].name, -1);
  g_autofree char *label = g_strdup_printf ("%s <span alpha=\"70%%\">(n = %u)</span>", name, n);
  PdxChartColour   faded = *colour;

  /* Only a highlighted arm fades the others' entries; a highlighted mouse fades no arm. */
  if (chart->options.highlight_arm >= 0 && chart->options.highlight_arm != arm)
    faded.a *= 0.35;
  pdx_chart_add_legend (chart, label, &faded, symbol, FALSE);
}

gboolean
pdx_chart_take_analysis_error (PdxChart   *chart,
                               GError     *local_error,
                               const char *message,
                               GError    **error)
{
  if (g_error_matches (local_error, PDX_ANALYSIS_ERROR, PDX_ANALYSIS_ERROR_NO_DATA) ||
      g_error_matches (local_error, PDX_ANALYSIS_ERROR, PDX_ANALYSIS_ERROR_NO_CONTROL))
    {
      g_free (chart->message);
      chart->message = g_strdup (message);
      g_error_free (local_error);
      return TRUE;
    }
  g_propagate_error (error, local_error);
  return FALSE;
}

char *
pdx_chart_empty_message (const PdxStudyData *data, const char *what)
{
  guint waiting = 0, randomised = 0;

  for (guint m = 0; m < data->n_mice; m++)
    {
      if (data->mice[m].excluded)
        continue;
      if (data->mice[m].arm < 0)
        waiting++;
      else
        randomised++;
    }
  if (randomised + waiting == 0)
    return g_strdup (_ ("No mice in this study yet."));
  if (randomised == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "No mouse is randomised yet (%u waiting): arms are drawn "
                                         "once mice are assigned to them.",
                                         "No mouse is randomised yet (%u waiting): arms are drawn "
                                         "once mice are assigned to them.",
                                         waiting),
                            waiting);
  return g_strdup_printf (/* Translators: what is missing, e.g. "tumour measurements". */
                          _ ("No %s of randomised mice yet."), what);
}
