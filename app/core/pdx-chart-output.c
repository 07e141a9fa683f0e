/* pdx-chart-output.c — a chart to PNG, SVG or PDF from the one renderer, written atomically. */
#include "pdx-chart-private.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <math.h>
#include <string.h>

#include "pdx-config.h"

gboolean
pdx_chart_format_from_path (const char *path, PdxChartFormat *out, GError **error)
{
  const char *dot = path ? strrchr (path, '.') : NULL;

  if (dot && g_ascii_strcasecmp (dot, ".png") == 0)
    *out = PDX_CHART_FORMAT_PNG;
  else if (dot && g_ascii_strcasecmp (dot, ".svg") == 0)
    *out = PDX_CHART_FORMAT_SVG;
  else if (dot && g_ascii_strcasecmp (dot, ".pdf") == 0)
    *out = PDX_CHART_FORMAT_PDF;
  else
    {
      g_set_error (error, PDX_CHART_ERROR, PDX_CHART_ERROR_FORMAT,
                   "%s: the file name must end in .png, .svg or .pdf", path ? path : "(null)");
      return FALSE;
    }
  return TRUE;
}

static cairo_status_t
append_cb (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static guint32
crc32_update (guint32 crc, const guint8 *data, gsize len)
{
  crc = ~crc;
  for (gsize i = 0; i < len; i++)
    {
      crc ^= data[i];
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xEDB88320u & -(crc & 1));
    }
  return ~crc;
}

static void
put_be32 (guint8 *at, guint32 value)
{
  at[0] = value >> 24, at[1] = value >> 16, at[2] = value >> 8, at[3] = value;
}

/* Inserts a pHYs chunk (pixels per metre) after IHDR, so that the PNG says its DPI: journals
 * and word processors size it from that. */
static void
png_set_dpi (GByteArray *png, double dpi)
{
  const gsize after_ihdr = 8 + 4 + 4 + 13 + 4;
  guint8 chunk[4 + 4 + 9 + 4];
  guint32 ppm = (guint32) lround (dpi / 0.0254);

  if (png->len < after_ihdr || memcmp (png->data + 12, "IHDR", 4) != 0)
    return;
  put_be32 (chunk, 9);
  memcpy (chunk + 4, "pHYs", 4);
  put_be32 (chunk + 8, ppm);
  put_be32 (chunk + 12, ppm);
  chunk[16] = 1; /* unit: metre */
  put_be32 (chunk + 17, crc32_update (0, chunk + 4, 4 + 9));
  /* Rebuild in place: header and IHDR, the new chunk, then the rest. */
  {
    g_autoptr (GByteArray) rest = g_byte_array_sized_new (png->len - after_ihdr);
    g_byte_array_append (rest, png->data + after_ihdr, png->len - after_ihdr);
    g_byte_array_set_size (png, after_ihdr);
    g_byte_array_append (png, chunk, sizeof chunk);
    g_byte_array_append (png, rest->data, rest->len);
  }
}

static gboolean
check_cairo (cairo_status_t status, const char *what, GError **error)
{
  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;
  g_set_error (error, PDX_CHART_ERROR, PDX_CHART_ERROR_CAIRO, "%s: %s", what,
               cairo_status_to_string (status));
  return FALSE;
}

static gboolean
render_png (PdxChart *chart, GByteArray *out, int width, int height, double dpi, GError **error)
{
  cairo_format_t format = chart->options.transparent ? CAIRO_FORMAT_ARGB32 : CAIRO_FORMAT_RGB24;
  cairo_surface_t *surface = cairo_image_surface_create (format, width, height);
  cairo_t *cr = cairo_create (surface);
  cairo_status_t status;

  pdx_chart_draw (chart, cr, width, height, dpi);
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_write_to_png_stream (surface, append_cb, out);
  cairo_surface_destroy (surface);
  if (!check_cairo (status, "PNG", error))
    return FALSE;
  png_set_dpi (out, dpi);
  return TRUE;
}

/* SVG and PDF: the page is the PNG's physical size in points, drawn at 72 units per inch. */
static gboolean
render_vector (PdxChart *chart, PdxChartFormat format, GByteArray *out, int width, int height,
               double dpi, GError **error)
{
  double w = width * 72.0 / dpi, h = height * 72.0 / dpi;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;

  if (format == PDX_CHART_FORMAT_SVG)
    surface = cairo_svg_surface_create_for_stream (append_cb, out, w, h);
  else
    {
      surface = cairo_pdf_surface_create_for_stream (append_cb, out, w, h);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, chart->title);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR,
                                      "pdxtrack " PDX_VERSION);
    }
  cr = cairo_create (surface);
  pdx_chart_draw (chart, cr, w, h, 72);
  cairo_show_page (cr);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  return check_cairo (status, format == PDX_CHART_FORMAT_SVG ? "SVG" : "PDF", error);
}

gboolean
pdx_chart_save (PdxChart *chart, const char *path, PdxChartFormat format, int width, int height,
                double dpi, GError **error)
{
  g_autoptr (GByteArray) bytes = NULL;
  gboolean ok;

  g_return_val_if_fail (chart != NULL && path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  if (width < 16 || width > 20000 || height < 16 || height > 20000 || !(dpi >= 36 && dpi <= 1200))
    {
      g_set_error (error, PDX_CHART_ERROR, PDX_CHART_ERROR_SIZE,
                   "%d×%d pixels at %g dpi is out of range (16–20000 pixels, 36–1200 dpi)",
                   width, height, dpi);
      return FALSE;
    }
  bytes = g_byte_array_new ();
  if (format == PDX_CHART_FORMAT_PNG)
    ok = render_png (chart, bytes, width, height, dpi, error);
  else
    ok = render_vector (chart, format, bytes, width, height, dpi, error);
  /* g_file_set_contents writes a temporary file beside @path and renames it over @path. */
  return ok && g_file_set_contents (path, (const char *) bytes->data, bytes->len, error);
}
