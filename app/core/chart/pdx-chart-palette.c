/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-chart-palette.c — chart colours: the Okabe–Ito palette, arm colours and the light/dark
 * theme. */
#include "pdx-chart-private.h"

#include <math.h>
#include <string.h>

/* Okabe & Ito (2008), "Color Universal Design". Black first: the control arm takes it. Yellow
 * last: it reads poorly on white. */
static const guint32 okabe_ito[] = {
  0x000000, /* black */
  0xE69F00, /* orange */
  0x56B4E9, /* sky blue */
  0x009E73, /* bluish green */
  0x0072B2, /* blue */
  0xD55E00, /* vermillion */
  0xCC79A7, /* reddish purple */
  0xF0E442, /* yellow */
};

static PdxChartColour
colour_from_rgb (guint32 rgb)
{
  PdxChartColour colour = {
    ((rgb >> 16) & 0xff) / 255.0,
    ((rgb >> 8) & 0xff) / 255.0,
    (rgb & 0xff) / 255.0,
    1.0,
  };
  return colour;
}

void
pdx_chart_theme_init (PdxChartTheme *theme, gboolean dark)
{
  theme->dark = dark;
  if (dark)
    {
      theme->background = colour_from_rgb (0x1e1e1e);
      theme->text = colour_from_rgb (0xeeeeee);
      theme->muted = colour_from_rgb (0xaaaaaa);
      theme->axis = colour_from_rgb (0xcccccc);
      theme->grid = colour_from_rgb (0x3a3a3a);
      theme->shade = colour_from_rgb (0x262c32);
      theme->guide = colour_from_rgb (0x9a9a9a);
      theme->legend_fill = colour_from_rgb (0x1e1e1e);
    }
  else
    {
      theme->background = colour_from_rgb (0xffffff);
      theme->text = colour_from_rgb (0x1a1a1a);
      theme->muted = colour_from_rgb (0x5c5c5c);
      theme->axis = colour_from_rgb (0x333333);
      theme->grid = colour_from_rgb (0xe6e6e6);
      theme->shade = colour_from_rgb (0xe8eef5);
      theme->guide = colour_from_rgb (0x6e6e6e);
      theme->legend_fill = colour_from_rgb (0xffffff);
    }
  theme->legend_fill.a = 0.92;
}

gboolean
pdx_chart_colour_parse (const char *text, PdxChartColour *out)
{
  guint32 rgb = 0;

  if (text == NULL || text[0] != '#' || strlen (text) != 7)
    return FALSE;
  for (int i = 1; i < 7; i++)
    {
      int digit = g_ascii_xdigit_value (text[i]);
      if (digit < 0)
        return FALSE;
      rgb = (rgb << 4) | (guint32) digit;
    }
  *out = colour_from_rgb (rgb);
  return TRUE;
}

PdxChartColour
pdx_chart_palette_get (guint index)
{
  return colour_from_rgb (okabe_ito[index % G_N_ELEMENTS (okabe_ito)]);
}

static gboolean
same_colour (const PdxChartColour *a, const PdxChartColour *b)
{
  return fabs (a->r - b->r) < 1e-3 && fabs (a->g - b->g) < 1e-3 && fabs (a->b - b->b) < 1e-3;
}

/* Whether palette entry @index is already some arm's own colour. */
static gboolean
palette_taken (const PdxStudyData *data, guint index)
{
  PdxChartColour candidate = pdx_chart_palette_get (index);

  for (guint a = 0; a < data->n_arms; a++)
    {
      PdxChartColour own;
      if (pdx_chart_colour_parse (data->arms[a].colour, &own) && same_colour (&own, &candidate))
        return TRUE;
    }
  return FALSE;
}

PdxChartColour *
pdx_chart_arm_colours (const PdxStudyData *data, gboolean dark)
{
  PdxChartColour *colours = g_new0 (PdxChartColour, MAX (data->n_arms, 1));
  guint           next = 1;
  gboolean        control_seen = FALSE;

  for (guint a = 0; a < data->n_arms; a++)
    {
      const PdxStudyArm *arm = &data->arms[a];

      if (pdx_chart_colour_parse (arm->colour, &colours[a]))
        ;
      else if (arm->is_control && !control_seen)
        colours[a] = pdx_chart_palette_get (0), control_seen = TRUE;
      else
        {
          guint tries = 0;
          while (palette_taken (data, next) && tries++ < G_N_ELEMENTS (okabe_ito))
            next = next % (G_N_ELEMENTS (okabe_ito) - 1) + 1;
          colours[a] = pdx_chart_palette_get (next);
          next = next % (G_N_ELEMENTS (okabe_ito) - 1) + 1;
        }
      /* Black vanishes on a dark background. */
      if (dark && colours[a].r + colours[a].g + colours[a].b < 0.3)
        colours[a] = colour_from_rgb (0xbdbdbd);
    }
  return colours;
}

void
pdx_chart_set_source (cairo_t *cr, const PdxChartColour *colour, double alpha)
{
  cairo_set_source_rgba (cr, colour->r, colour->g, colour->b, colour->a * alpha);
}

char **
pdx_chart_dup_arm_colours (const PdxStudyData *data, gboolean dark)
{
  g_autofree PdxChartColour *colours = pdx_chart_arm_colours (data, dark);
  char                     **strings = g_new0 (char *, data->n_arms + 1);

  for (guint a = 0; a < data->n_arms; a++)
    strings[a] =
        g_strdup_printf ("#%02x%02x%02x", (int) lround (colours[a].r * 255),
                         (int) lround (colours[a].g * 255), (int) lround (colours[a].b * 255));
  return strings;
}
