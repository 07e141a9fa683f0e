/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-chart-output.c — charts written as PNG, SVG and PDF (read back: PNG size and DPI, SVG as
 * XML, PDF through pdfinfo), atomic writes, every chart of every demo study in every format,
 * and the `pdxtrack-cli chart` command. */
#include <math.h>
#include <string.h>
#include <sys/wait.h>

#include "pdx-test-util.h"

/* The demo lab of the running test, made fresh in its own folder by load_demo_studies. */
static char *demo_path;

static PdxDb *
new_demo_lab (void)
{
  g_autoptr (GError) error = NULL;
  PdxDemoOptions options = { .seed = 1 };
  PdxDb         *db;

  g_clear_pointer (&demo_path, g_free);
  db = pdx_test_new_lab (&demo_path);
  g_assert_true (pdx_demo_generate (db, &options, &error));
  g_assert_no_error (error);
  return db;
}

static GPtrArray *
load_demo_studies (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxDb) db = new_demo_lab ();
  GPtrArray *studies = pdx_study_data_load_all (db, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (studies->len, >=, 3);
  return studies;
}

static PdxChart *
chart_for (const PdxStudyData *data, PdxChartKind kind)
{
  g_autoptr (GError) error = NULL;
  PdxChartOptions options;
  PdxChart       *chart;

  pdx_chart_options_init (&options, kind, data);
  chart = pdx_chart_new (data, &options, &error);
  g_assert_no_error (error);
  return chart;
}

/* The first study that has randomised mice with measurements. */
static PdxChart *
demo_growth_chart (GPtrArray *studies)
{
  for (guint i = 0; i < studies->len; i++)
    {
      PdxChart        *chart = chart_for (g_ptr_array_index (studies, i), PDX_CHART_GROWTH);
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 100, 100);
      cairo_t         *cr = cairo_create (surface);
      gboolean         has_data = pdx_chart_draw (chart, cr, 100, 100, 96)->message == NULL;
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
      if (has_data)
        return chart;
      pdx_chart_free (chart);
    }
  g_assert_not_reached ();
}

/* ---- reading files back ------------------------------------------------------------------------
 */

/* The pHYs chunk's pixels per metre (x), or 0 when absent. */
static guint32
png_pixels_per_metre (const guint8 *png, gsize len)
{
  gsize at = 8;

  while (at + 12 <= len)
    {
      guint32 length = (guint32) png[at] << 24 | png[at + 1] << 16 | png[at + 2] << 8 | png[at + 3];
      if (memcmp (png + at + 4, "pHYs", 4) == 0 && length == 9 && at + 8 + 9 <= len)
        return (guint32) png[at + 8] << 24 | png[at + 9] << 16 | png[at + 10] << 8 | png[at + 11];
      at += 12 + length;
    }
  return 0;
}

typedef struct
{
  char *root;
  char *width, *height;
  guint elements;
} SvgInfo;

static void
svg_start_cb (GMarkupParseContext *context,
              const char          *name,
              const char         **attribute_names,
              const char         **attribute_values,
              gpointer             user_data,
              GError             **error)
{
  SvgInfo *info = user_data;

  if (info->elements++ > 0)
    return;
  info->root = g_strdup (name);
  for (int i = 0; attribute_names[i]; i++)
    {
      if (g_str_equal (attribute_names[i], "width"))
        info->width = g_strdup (attribute_values[i]);
      else if (g_str_equal (attribute_names[i], "height"))
        info->height = g_strdup (attribute_values[i]);
    }
}

static void
assert_svg (const char *path, double width_pt, double height_pt)
{
  static const GMarkupParser parser = { svg_start_cb, NULL, NULL, NULL, NULL };
  g_autoptr (GError) error = NULL;
  g_autofree char     *text = NULL;
  gsize                len;
  SvgInfo              info = { 0 };
  GMarkupParseContext *context;

  g_assert_true (g_file_get_contents (path, &text, &len, &error));
  context = g_markup_parse_context_new (&parser, 0, &info, NULL);
  g_assert_true (g_markup_parse_context_parse (context, text, len, &error));
  g_assert_true (g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);
  g_markup_parse_context_free (context);
  g_assert_cmpstr (info.root, ==, "svg");
  g_assert_cmpuint (info.elements, >, 50);
  if (width_pt > 0)
    {
      g_assert_cmpfloat_with_epsilon (g_ascii_strtod (info.width, NULL), width_pt, 0.01);
      g_assert_cmpfloat_with_epsilon (g_ascii_strtod (info.height, NULL), height_pt, 0.01);
    }
  g_free (info.root);
  g_free (info.width);
  g_free (info.height);
}

/* pdfinfo (poppler-utils) reads the file: one page of the expected size in points. */
static void
assert_pdf (const char *path, double width_pt, double height_pt)
{
  const char      *argv[] = { "pdfinfo", path, NULL };
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr (GError) error = NULL;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out,
                               &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("pdfinfo %s: %s", path, err);
  g_assert_nonnull (strstr (out, "Pages:           1\n"));
  if (width_pt > 0)
    {
      g_autofree char *size = g_strdup_printf ("Page size:       %g x %g pts", width_pt, height_pt);
      g_assert_nonnull (strstr (out, size));
    }
}

/* A PNG of @width × @height with something drawn on it (not one flat colour). */
static void
assert_png (const char *path, int width, int height)
{
  cairo_surface_t *surface = cairo_image_surface_create_from_png (path);
  unsigned char   *data;
  int              stride, dark = 0;

  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, width);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, height);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < height; y += 2)
    for (int x = 0; x < width; x += 2)
      dark += (((guint32 *) (data + y * stride))[x] & 0xff) < 0x80;
  g_assert_cmpint (dark, >, 100);
  cairo_surface_destroy (surface);
}

/* ---- output ------------------------------------------------------------------------------------
 */

static void
test_png_size_and_dpi (void)
{
  g_autoptr (GPtrArray) studies = load_demo_studies ();
  g_autoptr (PdxChart) chart = demo_growth_chart (studies);
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = pdx_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "growth.png", NULL);
  g_autofree char *bytes = NULL;
  gsize            len;

  g_assert_true (pdx_chart_save (chart, path, PDX_CHART_FORMAT_PNG, 900, 600, 300, &error));
  g_assert_no_error (error);
  assert_png (path, 900, 600);
  g_assert_true (g_file_get_contents (path, &bytes, &len, NULL));
  /* 300 dpi = 11811 pixels per metre. */
  g_assert_cmpuint (png_pixels_per_metre ((guint8 *) bytes, len), ==, 11811);
}

/* The PNG holds exactly the pixels drawn (the encoder's row filter undone by libpng). */
static void
test_png_roundtrip (void)
{
  g_autoptr (GPtrArray) studies = load_demo_studies ();
  g_autoptr (PdxChart) chart = demo_growth_chart (studies);
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = pdx_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "growth.png", NULL);
  cairo_surface_t *drawn = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 700, 450);
  cairo_surface_t *read;
  cairo_t         *cr = cairo_create (drawn);
  guint            differ = 0;

  pdx_chart_draw (chart, cr, 700, 450, 120);
  cairo_destroy (cr);
  cairo_surface_flush (drawn);
  g_assert_true (pdx_chart_save (chart, path, PDX_CHART_FORMAT_PNG, 700, 450, 120, &error));
  g_assert_no_error (error);
  read = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (read), ==, CAIRO_STATUS_SUCCESS);
  for (int y = 0; y < 450; y++)
    {
      const guint32 *a = (const guint32 *) (cairo_image_surface_get_data (drawn) +
                                            y * cairo_image_surface_get_stride (drawn));
      const guint32 *b = (const guint32 *) (cairo_image_surface_get_data (read) +
                                            y * cairo_image_surface_get_stride (read));
      for (int x = 0; x < 700; x++)
        differ += (a[x] & 0xffffff) != (b[x] & 0xffffff);
    }
  g_assert_cmpuint (differ, ==, 0);
  cairo_surface_destroy (drawn);
  cairo_surface_destroy (read);
}

/* CRC-32 of PNG (ISO 3309), bit by bit as the PNG specification's annex D defines it. */
static guint32
png_crc (const guint8 *data, gsize len)
{
  guint32 c = 0xffffffffu;

  for (gsize i = 0; i < len; i++)
    {
      c ^= data[i];
      for (int k = 0; k < 8; k++)
        c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
    }
  return c ^ 0xffffffffu;
}

/* Every chunk's CRC is right and the file ends with IEND; returns the number of chunks. */
static guint
assert_png_chunks (const guint8 *png, gsize len)
{
  gsize at = 8;
  guint chunks = 0;

  g_assert_cmpuint (len, >, 8);
  g_assert_cmpmem (png, 8, "\x89PNG\r\n\x1a\n", 8);
  while (at + 12 <= len)
    {
      guint32 length = (guint32) png[at] << 24 | png[at + 1] << 16 | png[at + 2] << 8 | png[at + 3];
      const guint8 *crc;
      g_assert_cmpuint (at + 12 + length, <=, len);
      crc = png + at + 8 + length;
      g_assert_cmpuint (png_crc (png + at + 4, 4 + length), ==,
                        (guint32) crc[0] << 24 | crc[1] << 16 | crc[2] << 8 | crc[3]);
      chunks++;
      if (memcmp (png + at + 4, "IEND", 4) == 0)
        {
          g_assert_cmpuint (at + 12, ==, len);
          return chunks;
        }
      at += 12 + length;
    }
  g_assert_not_reached ();
}

/* Opaque charts (libpng, this project's settings) and transparent ones (cairo's writer, then a
 * pHYs chunk inserted) are both well-formed PNGs that record the DPI. */
static void
test_png_chunks_opaque_and_transparent (void)
{
  g_autoptr (GPtrArray) studies = load_demo_studies ();
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = pdx_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "growth.png", NULL);

  for (int transparent = 0; transparent <= 1; transparent++)
    {
      g_autoptr (PdxChart) chart = NULL;
      g_autofree char *bytes = NULL;
      gsize            len;

      /* The first study with a growth chart to draw, as demo_growth_chart() picks it. */
      for (guint i = 0; chart == NULL && i < studies->len; i++)
        {
          const PdxStudyData *data = g_ptr_array_index (studies, i);
          PdxChartOptions     options;
          cairo_surface_t    *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 100, 100);
          cairo_t            *cr = cairo_create (surface);

          pdx_chart_options_init (&options, PDX_CHART_GROWTH, data);
          options.transparent = transparent;
          chart = pdx_chart_new (data, &options, &error);
          g_assert_no_error (error);
          if (pdx_chart_draw (chart, cr, 100, 100, 96)->message != NULL)
            g_clear_pointer (&chart, pdx_chart_free);
          cairo_destroy (cr);
          cairo_surface_destroy (surface);
        }
      g_assert_nonnull (chart);
      g_assert_true (pdx_chart_save (chart, path, PDX_CHART_FORMAT_PNG, 640, 400, 150, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &bytes, &len, NULL));
      /* IHDR, pHYs, at least one IDAT, IEND. */
      g_assert_cmpuint (assert_png_chunks ((guint8 *) bytes, len), >=, 4);
      /* 150 dpi = 150 / 0.0254 = 5905.5 -> 5906 pixels per metre. */
      g_assert_cmpuint (png_pixels_per_metre ((guint8 *) bytes, len), ==, 5906);
      /* Colour type at byte 25: 2 (RGB) for opaque, 6 (RGBA) for transparent. */
      g_assert_cmpuint (((guint8 *) bytes)[25], ==, transparent ? 6 : 2);
    }
}

static void
test_svg_and_pdf (void)
{
  g_autoptr (GPtrArray) studies = load_demo_studies ();
  g_autoptr (PdxChart) chart = demo_growth_chart (studies);
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = pdx_test_make_tmpdir ();
  g_autofree char *svg = g_build_filename (dir, "growth.svg", NULL);
  g_autofree char *pdf = g_build_filename (dir, "growth.pdf", NULL);

  /* 900 × 600 pixels at 96 dpi is 9.375 × 6.25 inches: 675 × 450 points. */
  g_assert_true (pdx_chart_save (chart, svg, PDX_CHART_FORMAT_SVG, 900, 600, 96, &error));
  g_assert_true (pdx_chart_save (chart, pdf, PDX_CHART_FORMAT_PDF, 900, 600, 96, &error));
  g_assert_no_error (error);
  assert_svg (svg, 675, 450);
  assert_pdf (pdf, 675, 450);
}

static void
test_atomic_and_errors (void)
{
  g_autoptr (GPtrArray) studies = load_demo_studies ();
  g_autoptr (PdxChart) chart = demo_growth_chart (studies);
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = pdx_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "chart.pdf", NULL);
  g_autofree char *missing = g_build_filename (dir, "no-such-folder", "chart.pdf", NULL);
  PdxChartFormat   format;
  GDir            *listing;
  const char      *name;
  guint            files = 0;

  /* An existing file is replaced whole, and no temporary file is left behind. */
  g_assert_true (g_file_set_contents (path, "old contents", -1, NULL));
  g_assert_true (pdx_chart_save (chart, path, PDX_CHART_FORMAT_PDF, 640, 480, 96, &error));
  g_assert_no_error (error);
  assert_pdf (path, 480, 360);
  listing = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (listing)))
    files++;
  g_dir_close (listing);
  g_assert_cmpuint (files, ==, 1);

  g_assert_false (pdx_chart_save (chart, missing, PDX_CHART_FORMAT_PNG, 640, 480, 96, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  g_assert_false (pdx_chart_save (chart, path, PDX_CHART_FORMAT_PNG, 8, 480, 96, &error));
  g_assert_error (error, PDX_CHART_ERROR, PDX_CHART_ERROR_SIZE);
  g_clear_error (&error);
  g_assert_false (pdx_chart_save (chart, path, PDX_CHART_FORMAT_PNG, 640, 480, 5, &error));
  g_assert_error (error, PDX_CHART_ERROR, PDX_CHART_ERROR_SIZE);
  g_clear_error (&error);

  g_assert_true (pdx_chart_format_from_path ("a/b.PNG", &format, NULL));
  g_assert_cmpint (format, ==, PDX_CHART_FORMAT_PNG);
  g_assert_true (pdx_chart_format_from_path ("x.svg", &format, NULL));
  g_assert_cmpint (format, ==, PDX_CHART_FORMAT_SVG);
  g_assert_false (pdx_chart_format_from_path ("x.jpg", &format, &error));
  g_assert_error (error, PDX_CHART_ERROR, PDX_CHART_ERROR_FORMAT);
}

/* ---- every chart of every demo study
 * ------------------------------------------------------------- */

static gboolean
point_in (const PdxChartRect *r, double x, double y)
{
  return x > r->x && x < r->x + r->width && y > r->y && y < r->y + r->height;
}

/* No two pieces of text overlap (tick labels, titles, legend, notes, the at-risk table). */
static void
assert_texts_apart (const PdxChartLayout *layout)
{
  for (guint i = 0; i < layout->texts->len; i++)
    for (guint j = i + 1; j < layout->texts->len; j++)
      {
        const PdxChartRect *a = &g_array_index (layout->texts, PdxChartRect, i);
        const PdxChartRect *b = &g_array_index (layout->texts, PdxChartRect, j);
        g_assert_false (a->x < b->x + b->width && b->x < a->x + a->width &&
                        a->y < b->y + b->height && b->y < a->y + a->height);
      }
}

/* No mark of the data inside the legend box (segments sampled along their length). */
static void
assert_legend_clear (const PdxChartLayout *layout)
{
  for (guint i = 0; layout->has_legend && i < layout->marks->len; i++)
    {
      const PdxChartMark *m = &g_array_index (layout->marks, PdxChartMark, i);
      int                 steps = m->kind == PDX_CHART_MARK_POINT ? 0 : 100;
      for (int s = 0; s <= steps; s++)
        {
          double t = steps ? (double) s / steps : 0;
          double x = m->x0 + (m->x1 - m->x0) * t, y = m->y0 + (m->y1 - m->y0) * t;
          if (m->kind == PDX_CHART_MARK_BAR)
            x = (m->x0 + m->x1) / 2;
          g_assert_false (point_in (&layout->legend, x, y));
        }
    }
}

static void
test_demo_every_chart (void)
{
  g_autoptr (GPtrArray) studies = load_demo_studies ();
  g_autofree char         *dir = pdx_test_make_tmpdir ();
  static const char *const extensions[] = { "png", "svg", "pdf" };
  static const struct
  {
    int    width, height;
    double dpi;
  } views[] = { { 1200, 800, 96 }, { 800, 500, 96 }, { 2100, 1400, 300 } };
  guint with_data = 0;

  for (guint i = 0; i < studies->len; i++)
    for (int k = 0; k < PDX_N_CHART_KINDS; k++)
      {
        const PdxStudyData *data = g_ptr_array_index (studies, i);
        g_autoptr (PdxChart) chart = chart_for (data, (PdxChartKind) k);

        for (int f = 0; f < 3; f++)
          {
            g_autoptr (GError) error = NULL;
            g_autofree char *name = g_strdup_printf (
                "%s-%s.%s", data->code, pdx_chart_kind_to_string ((PdxChartKind) k), extensions[f]);
            g_autofree char *path = g_build_filename (dir, name, NULL);
            g_test_message ("%s", name);
            g_assert_true (pdx_chart_save (chart, path, (PdxChartFormat) f, 1200, 800, 96, &error));
            g_assert_no_error (error);
            if (f == PDX_CHART_FORMAT_PNG)
              assert_png (path, 1200, 800);
            else if (f == PDX_CHART_FORMAT_SVG)
              assert_svg (path, 900, 600);
            else
              assert_pdf (path, 900, 600);
          }
        /* On screen, small, and for print: the legend clear of the data, no text on text. */
        for (guint v = 0; v < G_N_ELEMENTS (views); v++)
          {
            cairo_surface_t *surface =
                cairo_image_surface_create (CAIRO_FORMAT_RGB24, views[v].width, views[v].height);
            cairo_t              *cr = cairo_create (surface);
            const PdxChartLayout *layout =
                pdx_chart_draw (chart, cr, views[v].width, views[v].height, views[v].dpi);
            g_test_message ("%s %s at %dx%d, %g dpi", data->code,
                            pdx_chart_kind_to_string ((PdxChartKind) k), views[v].width,
                            views[v].height, views[v].dpi);
            assert_legend_clear (layout);
            assert_texts_apart (layout);
            with_data += v == 0 && layout->message == NULL;
            cairo_destroy (cr);
            cairo_surface_destroy (surface);
          }
      }
  /* The demo lab's completed studies have data in every chart. */
  g_assert_cmpuint (with_data, >=, 3 * PDX_N_CHART_KINDS);
}

/* ---- the command line
 * ---------------------------------------------------------------------------- */

static int
run_cli (const char *const *args, char **out, char **err)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *db_arg = g_strdup_printf ("--db=%s", demo_path);
  g_autofree char *supp = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "lsan.supp", NULL);
  g_autofree char *lsan = g_strdup_printf ("suppressions=%s", supp);
  g_auto (GStrv) envp = g_environ_setenv (g_get_environ (), "LSAN_OPTIONS", lsan, TRUE);
  int status;

  g_ptr_array_add (argv, (gpointer) g_getenv ("PDXTRACK_CLI"));
  g_ptr_array_add (argv, db_arg);
  for (int i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_nonnull (argv->pdata[0]);
  /* Under AddressSanitizer the CLI is told about fontconfig's caches too. */
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL, out,
                               err, &status, &error));
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static void
assert_cli_fails (const char *const *args, const char *fragment)
{
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (run_cli (args, &out, &err), !=, 0);
  g_assert_true (g_str_has_prefix (err, "pdxtrack-cli: "));
  /* One line. */
  g_assert_true (g_str_has_suffix (err, "\n"));
  g_assert_true (strchr (err, '\n') == err + strlen (err) - 1);
  g_assert_nonnull (strstr (err, fragment));
}

static void
test_cli_chart (void)
{
  g_autoptr (GPtrArray) studies = load_demo_studies ();
  const PdxStudyData *data = g_ptr_array_index (studies, 0);
  g_autofree char    *dir = pdx_test_make_tmpdir ();
  g_autofree char    *png = g_build_filename (dir, "w.png", NULL);
  g_autofree char    *pdf = g_build_filename (dir, "s.pdf", NULL);
  g_autofree char    *jpg = g_build_filename (dir, "w.jpg", NULL);
  g_autofree char    *out = NULL, *err = NULL;

  {
    const char *args[] = { "chart",   "waterfall", "--study",  data->code, "--out",      png,
                           "--width", "640",       "--height", "400",      "--by-class", NULL };
    g_assert_cmpint (run_cli (args, &out, &err), ==, 0);
    g_assert_nonnull (strstr (out, png));
    assert_png (png, 640, 400);
  }
  {
    const char      *args[] = { "chart", "survival", "--study", data->code, "--out",
                                pdf,     "--dpi",    "300",     NULL };
    g_autofree char *out2 = NULL, *err2 = NULL;
    g_assert_cmpint (run_cli (args, &out2, &err2), ==, 0);
    /* 1200 × 800 pixels at 300 dpi: 288 × 192 points. */
    assert_pdf (pdf, 288, 192);
  }
  {
    const char *args[] = { "chart", "pie", "--study", data->code, "--out", png, NULL };
    assert_cli_fails (args, "pie");
  }
  {
    const char *args[] = { "chart", "growth", "--study",    data->code,
                           "--out", png,      "--by-class", NULL };
    assert_cli_fails (args, "--by-class");
  }
  {
    const char *args[] = { "chart", "growth", "--study", data->code, "--out", jpg, NULL };
    assert_cli_fails (args, ".png, .svg or .pdf");
  }
  {
    const char *args[] = { "chart", "growth", "--study", "NO-SUCH", "--out", png, NULL };
    assert_cli_fails (args, "NO-SUCH");
  }
  {
    const char *args[] = { "chart", "growth", "--study",   data->code, "--out",
                           png,     "--log",  "--percent", NULL };
    assert_cli_fails (args, "log axis");
  }
  {
    const char *args[] = { "chart", "spider",  "--study", data->code, "--out",
                           png,     "--width", "5",       NULL };
    assert_cli_fails (args, "out of range");
  }
  g_assert_false (g_file_test (jpg, G_FILE_TEST_EXISTS));
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/chart/output/png-size-dpi", test_png_size_and_dpi);
  g_test_add_func ("/chart/output/png-roundtrip", test_png_roundtrip);
  g_test_add_func ("/chart/output/png-chunks", test_png_chunks_opaque_and_transparent);
  g_test_add_func ("/chart/output/svg-pdf", test_svg_and_pdf);
  g_test_add_func ("/chart/output/atomic-errors", test_atomic_and_errors);
  g_test_add_func ("/chart/demo/every-chart-every-format", test_demo_every_chart);
  g_test_add_func ("/chart/cli/chart", test_cli_chart);
  status = g_test_run ();
  g_free (demo_path);
  return status;
}
