/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-chart-redraw.c — how long the chart renderer takes in-process: building each chart from
 * a study (analysis included) and redrawing it at 1200×800 onto an image surface, as the app does
 * on every frame of a resize or hover. Goal: a redraw under 8 ms (60 frames per second).
 *
 * Usage: bench-chart-redraw [--db FILE --study CODE | --mice N] [--runs N] [--width W --height H]
 * Without --db it builds a 4-arm BLI study of --mice mice (1,000 unless told) in memory
 * (deterministic). PDX_CHART_RASTER=cairo in the environment draws through cairo alone, without
 * the renderer's own rasteriser (bench-rasteriser.sh compares the two). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pdx/pdx.h"

static int
compare_doubles (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

/* Quantile @q of @values (sorted in place). */
static double
quantile (double *values, int n, double q)
{
  qsort (values, n, sizeof *values, compare_doubles);
  return values[MIN (n - 1, (int) floor (q * (n - 1) + 0.5))];
}

/* CPU time of this thread: steadier than wall time on a busy machine. */
static double
thread_cpu_ms (void)
{
  struct timespec t;
  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

/* ---- a 1,000-mouse study in memory
 * ---------------------------------------------------------------- */

static const double image_days[] = { -1, 2, 6, 9, 13, 16, 20, 23, 27, 30, 34, 37, 41 };

static void
fill_mouse (PdxStudyMouse *mouse, guint index, int arm, double rate, GRand *rand)
{
  double flux = 2e7 * exp (g_rand_double_range (rand, -0.5, 0.5));
  double weight = 21 + g_rand_double_range (rand, -1, 1);
  double my_rate = rate + g_rand_double_range (rand, -0.04, 0.04);
  guint  n = 0;

  mouse->id = index + 1;
  mouse->tag = g_strdup_printf ("M%04u", index + 1);
  mouse->arm = arm;
  mouse->implant_day = -14;
  mouse->day = g_new (double, G_N_ELEMENTS (image_days));
  mouse->value = g_new (double, G_N_ELEMENTS (image_days));
  mouse->weight_g = g_new (double, G_N_ELEMENTS (image_days));
  mouse->neuro_score = g_new (int, G_N_ELEMENTS (image_days));
  for (guint i = 0; i < G_N_ELEMENTS (image_days); i++)
    {
      if (i > 0)
        {
          double step = image_days[i] - image_days[i - 1];
          flux *= exp (my_rate * step + g_rand_double_range (rand, -0.25, 0.25));
          weight += g_rand_double_range (rand, -0.3, 0.25);
        }
      mouse->day[n] = image_days[i];
      mouse->value[n] = flux;
      mouse->weight_g[n] = weight;
      mouse->neuro_score[n++] = 0;
      if (flux > 5e9)
        break;
    }
  mouse->n = n;
  mouse->has_endpoint = TRUE;
  mouse->event = flux > 5e9;
  mouse->endpoint_day = mouse->event ? mouse->day[n - 1] + 1 : 42;
  mouse->endpoint_kind = mouse->event ? PDX_ENDPOINT_HUMANE_NEURO : PDX_ENDPOINT_END_OF_STUDY;
  mouse->survival_days = mouse->endpoint_day - mouse->implant_day;
  mouse->survival_event = mouse->event;
}

static PdxStudyData *
make_study (guint n_mice)
{
  static const char *const names[] = { "Vehicle", "T-DM1", "Tucatinib + trastuzumab",
                                       "Alpelisib + T-DM1" };
  static const double      rates[] = { 0.16, 0.12, 0.08, -0.03 };
  PdxStudyData            *data = g_new0 (PdxStudyData, 1);
  GRand                   *rand = g_rand_new_with_seed (4);

  data->id = 1;
  data->code = g_strdup ("BENCH-CHART");
  data->title = g_strdup ("Chart benchmark");
  data->readout = PDX_READOUT_BLI_FLUX;
  data->day0 = g_strdup ("2026-01-05");
  data->treatment_first_day = 0;
  data->treatment_last_day = 27;
  data->n_arms = 4;
  data->arms = g_new0 (PdxStudyArm, 4);
  for (guint a = 0; a < 4; a++)
    {
      data->arms[a].id = a + 1;
      data->arms[a].name = g_strdup (names[a]);
      data->arms[a].is_control = a == 0;
    }
  data->n_mice = n_mice;
  data->mice = g_new0 (PdxStudyMouse, n_mice);
  /* Ordered by arm, as the loader orders them. */
  for (guint m = 0; m < n_mice; m++)
    {
      int arm = (int) (m * 4 / n_mice);
      fill_mouse (&data->mice[m], m, arm, rates[arm], rand);
    }
  g_rand_free (rand);
  return data;
}

static PdxStudyData *
load_study (const char *path, const char *code)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxDb) db = pdx_db_open (path, PDX_DB_OPEN_READONLY, &error);
  g_autoptr (PdxStudy) study = NULL;
  PdxStudyData *data = NULL;

  if (db)
    study = pdx_study_find (db, code, &error);
  if (study)
    data = pdx_study_data_load (db, study->id, &error);
  if (data == NULL)
    {
      fprintf (stderr, "bench-chart-redraw: %s\n", error ? error->message : "no such study");
      exit (1);
    }
  return data;
}

/* ---- timing
 * ---------------------------------------------------------------------------------------- */

static void
bench_kind (const PdxStudyData *data, PdxChartKind kind, int runs, int width, int height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t         *cr = cairo_create (surface);
  double *build = g_new (double, runs), *draw = g_new (double, runs), *cpu = g_new (double, runs);
  PdxChartOptions options;
  PdxChart       *chart = NULL;

  pdx_chart_options_init (&options, kind, data);
  for (int r = 0; r < runs; r++)
    {
      gint64 start = g_get_monotonic_time ();
      g_clear_pointer (&chart, pdx_chart_free);
      chart = pdx_chart_new (data, &options, NULL);
      build[r] = (g_get_monotonic_time () - start) / 1000.0;
    }
  pdx_chart_draw (chart, cr, width, height, 96); /* warm the font caches */
  for (int r = 0; r < runs; r++)
    {
      gint64 start = g_get_monotonic_time ();
      double cpu_start = thread_cpu_ms ();
      pdx_chart_draw (chart, cr, width, height, 96);
      cairo_surface_flush (surface);
      draw[r] = (g_get_monotonic_time () - start) / 1000.0;
      cpu[r] = thread_cpu_ms () - cpu_start;
    }
  printf ("| %-9s | %8.2f | %8.2f | %8.2f | %8.2f | %-6s |\n", pdx_chart_kind_to_string (kind),
          quantile (build, runs, 0.5), quantile (draw, runs, 0.5), quantile (draw, runs, 0.95),
          quantile (cpu, runs, 0.5), quantile (draw, runs, 0.5) < 8 ? "yes" : "NO");
  pdx_chart_free (chart);
  g_free (build);
  g_free (draw);
  g_free (cpu);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

int
main (int argc, char **argv)
{
  char        *db = NULL, *code = NULL, *only = NULL;
  PdxChartKind only_kind = PDX_N_CHART_KINDS;
  int          runs = 50, width = 1200, height = 800, mice = 1000;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, "Lab to read the study from", "FILE" },
    { "study", 0, 0, G_OPTION_ARG_STRING, &code, "Study code", "CODE" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Timed runs per chart (default 50)", "N" },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, "Canvas width (default 1200)", "W" },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, "Canvas height (default 800)", "H" },
    { "chart", 0, 0, G_OPTION_ARG_STRING, &only, "Only this chart (growth, spider, …)", "KIND" },
    { "mice", 0, 0, G_OPTION_ARG_INT, &mice, "Mice in the built study (default 1000)", "N" },
    { NULL }
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("— chart redraw benchmark");
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxStudyData) data = NULL;
  guint n_points = 0;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || runs < 1 || mice < 4 ||
      width < 16 || height < 16 || (db != NULL) != (code != NULL) ||
      (only && !pdx_chart_kind_from_string (only, &only_kind)))
    {
      fprintf (stderr, "bench-chart-redraw: %s\n",
               error ? error->message
                     : "bad --runs/--mice/--width/--height/--chart, or --db without --study");
      return 2;
    }
  data = db ? load_study (db, code) : make_study ((guint) mice);
  for (guint m = 0; m < data->n_mice; m++)
    n_points += data->mice[m].n;
  printf ("Chart build and redraw, %s: %u mice, %u measurement dates; %d×%d at 96 dpi onto an "
          "image surface, %s; %d runs, milliseconds (wall; draw CPU = this thread's CPU time)\n\n",
          data->code, data->n_mice, n_points, width, height,
          g_strcmp0 (g_getenv ("PDX_CHART_RASTER"), "cairo") == 0 ? "cairo only"
                                                                  : "with the rasteriser",
          runs);
  printf ("| chart     | build ms | draw p50 | draw p95 | draw CPU | < 8 ms |\n");
  printf ("|-----------|----------|----------|----------|----------|--------|\n");
  for (int k = 0; k < PDX_N_CHART_KINDS; k++)
    if (only == NULL || (PdxChartKind) k == only_kind)
      bench_kind (data, (PdxChartKind) k, runs, width, height);
  g_free (only);
  g_free (db);
  g_free (code);
  return 0;
}
