/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-chart-waterfall.c — the waterfall chart: every evaluable mouse's best response (BR, from
 * the analysis module), sorted from most growth to most shrinkage, coloured by arm or by mRECIST
 * class, with the +35 % and −50 % mRECIST cut-offs; mice that are not evaluable are named. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx-chart-private.h"

#include <math.h>
#include <stdlib.h>

#include "pdx/pdx-analysis.h"

/* Okabe–Ito hues with a meaning: blue for complete, green for partial response, orange for
 * stable and vermillion for progressive disease. */
static const char *const class_colours[PDX_N_MRECIST] = {
  [PDX_MRECIST_NOT_EVALUABLE] = "#999999",
  [PDX_MRECIST_CR] = "#0072B2",
  [PDX_MRECIST_PR] = "#009E73",
  [PDX_MRECIST_SD] = "#E69F00",
  [PDX_MRECIST_PD] = "#D55E00",
};

static int
compare_best_response (const void *a, const void *b)
{
  const PdxResponse *ra = *(const PdxResponse *const *) a;
  const PdxResponse *rb = *(const PdxResponse *const *) b;

  /* Descending; ties by mouse order so the chart is stable. */
  if (ra->best_response != rb->best_response)
    return ra->best_response > rb->best_response ? -1 : 1;
  return ra->mouse - rb->mouse;
}

/* The evaluable, randomised, non-excluded mice, sorted; the rest named in @not_evaluable. */
static GPtrArray *
ranked_mice (const PdxStudyData *data, GPtrArray *responses, GPtrArray *not_evaluable)
{
  GPtrArray *ranked = g_ptr_array_new ();

  for (guint i = 0; i < responses->len; i++)
    {
      const PdxResponse   *response = g_ptr_array_index (responses, i);
      const PdxStudyMouse *mouse = &data->mice[response->mouse];

      if (response->excluded || response->arm < 0)
        continue;
      if (response->evaluable)
        g_ptr_array_add (ranked, (gpointer) response);
      else
        g_ptr_array_add (not_evaluable,
                         g_strdup_printf ("%s (%s)", mouse->tag, data->arms[response->arm].name));
    }
  if (ranked->len > 1)
    qsort (ranked->pdata, ranked->len, sizeof (gpointer), compare_best_response);
  return ranked;
}

static PdxChartColour
class_colour (PdxMrecist mrecist)
{
  PdxChartColour colour;
  pdx_chart_colour_parse (class_colours[mrecist], &colour);
  return colour;
}

/* One bar series per group (arm or class); the highlighted mouse in a series of its own. */
static void
add_bars (PdxChart             *chart,
          const PdxStudyData   *data,
          GPtrArray            *ranked,
          const PdxChartColour *arm_colours,
          guint                *counts)
{
  gboolean                    by_class = chart->options.colour_by == PDX_CHART_COLOUR_BY_CLASS;
  guint                       n_groups = by_class ? PDX_N_MRECIST : data->n_arms;
  g_autofree PdxChartSeries **groups = g_new0 (PdxChartSeries *, MAX (n_groups, 1));

  for (guint rank = 0; rank < ranked->len; rank++)
    {
      const PdxResponse   *response = g_ptr_array_index (ranked, rank);
      const PdxStudyMouse *mouse = &data->mice[response->mouse];
      guint                group = by_class ? (guint) response->mrecist : (guint) response->arm;
      gboolean             highlighted = chart->options.highlight_mouse_id == mouse->id;
      PdxChartColour  colour = by_class ? class_colour (response->mrecist) : arm_colours[group];
      PdxChartSeries *series = highlighted ? NULL : groups[group];

      if (series == NULL)
        {
          series = pdx_chart_add_series (chart, PDX_CHART_SERIES_BARS,
                                         by_class ? pdx_mrecist_to_string (response->mrecist)
                                                  : data->arms[group].name,
                                         by_class ? -1 : (int) group, -1, &colour);
          series->alpha = by_class ? 1 : pdx_chart_emphasis (chart, (int) group, 0);
          if (chart->options.highlight_mouse_id != 0)
            series->alpha = highlighted ? 1 : 0.35;
          series->outlined = highlighted;
          if (!highlighted)
            groups[group] = series;
        }
      pdx_chart_series_add (series, rank, response->best_response, NAN, -1, response->mouse);
      g_array_index (chart->mice, PdxChartMouse, response->mouse).status =
          pdx_mrecist_to_string (response->mrecist);
      counts[group]++;
    }
}

static void
add_legend (PdxChart             *chart,
            const PdxStudyData   *data,
            const PdxChartColour *arm_colours,
            const guint          *counts)
{
  if (chart->options.colour_by == PDX_CHART_COLOUR_BY_ARM)
    {
      for (guint a = 0; a < data->n_arms; a++)
        if (counts[a] > 0)
          pdx_chart_add_arm_legend (chart, data, (int) a, &arm_colours[a], counts[a],
                                    PDX_CHART_SYMBOL_BOX);
      return;
    }
  for (int c = PDX_MRECIST_CR; c < PDX_N_MRECIST; c++)
    if (counts[c] > 0)
      {
        PdxChartColour   colour = class_colour ((PdxMrecist) c);
        g_autofree char *label =
            g_strdup_printf ("%s \u2014 %s <span alpha=\"70%%\">(n = %u)</span>",
                             pdx_mrecist_to_string ((PdxMrecist) c),
                             _ (pdx_mrecist_get_label ((PdxMrecist) c)), counts[c]);
        pdx_chart_add_legend (chart, label, &colour, PDX_CHART_SYMBOL_BOX, FALSE);
      }
}

gboolean
pdx_chart_build_waterfall (PdxChart *chart, const PdxStudyData *data, GError **error)
{
  g_autoptr (GPtrArray) responses = pdx_response_list (data);
  g_autoptr (GPtrArray) not_evaluable = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) ranked = ranked_mice (data, responses, not_evaluable);
  g_autofree PdxChartColour *arm_colours = pdx_chart_arm_colours (data, chart->options.dark);
  g_autofree guint          *counts = g_new0 (guint, MAX (data->n_arms, PDX_N_MRECIST));

  chart->x_categorical = TRUE;
  chart->x_title = g_strdup_printf (_ ("Mice ranked by best response (n = %u)"), ranked->len);
  chart->y_name = g_strdup (_ ("Best response"));
  chart->y_unit = g_strdup (/* xgettext:no-c-format */ _ ("% change from baseline"));
  chart->value_unit = "%";
  chart->y_include_zero = TRUE;
  pdx_chart_add_guide (chart, 35, "+35 % (PD)", TRUE);
  pdx_chart_add_guide (chart, -50, "\u221250 % (PR)", TRUE);

  add_bars (chart, data, ranked, arm_colours, counts);
  add_legend (chart, data, arm_colours, counts);
  pdx_chart_note_mice (
      chart, _ ("Not evaluable (fewer than 2 measurements from day 10), not shown"), not_evaluable);
  pdx_chart_note_hidden_mice (chart, data);
  pdx_chart_note_excluded_measurements (chart, data);
  if (ranked->len == 0 && not_evaluable->len == 0)
    chart->message = pdx_chart_empty_message (data, _ ("tumour measurements"));
  else if (ranked->len == 0)
    chart->message = g_strdup (_ ("No mouse is evaluable yet: best response needs at least two "
                                  "measurements from day 10 on."));
  return TRUE;
}
