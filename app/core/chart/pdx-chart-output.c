/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-chart-output.c — a chart to PNG, SVG or PDF from the one renderer, written whole or not. */
#include "pdx-chart-private.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <math.h>
#include <string.h>

#include "pdx-config.h"
#include "pdx/pdx-output.h"

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
  cairo_format_t   format = chart->options.transparent ? CAIRO_FORMAT_ARGB32 : CAIRO_FORMAT_RGB24;
  cairo_surface_t *surface = cairo_image_surface_create (format, width, height);
  cairo_t         *cr = cairo_create (surface);
  cairo_status_t   status;

  gboolean ok;

  pdx_chart_draw (chart, cr, width, height, dpi);
  status = cairo_status (cr);
  cairo_destroy (cr);
  /* Opaque charts through the chart-tuned encoder; transparent ones through cairo's. */
  if (status == CAIRO_STATUS_SUCCESS && format == CAIRO_FORMAT_RGB24)
    ok = pdx_chart_png_encode_rgb (surface, dpi, out, error);
  else
    {
      if (status == CAIRO_STATUS_SUCCESS)
        status = cairo_surface_write_to_png_stream (surface, append_cb, out);
      ok = check_cairo (status, "PNG", error);
      if (ok)
        pdx_chart_png_set_dpi (out, dpi);
    }
  cairo_surface_destroy (surface);
  return ok;
}

/* SVG and PDF: the page is the PNG's physical size in points, drawn at 72 units per inch. */
static gboolean
render_vector (PdxChart      *chart,
               PdxChartFormat format,
               GByteArray    *out,
               int            width,
               int            height,
               double         dpi,
               GError       **error)
{
  double           w = width * 72.0 / dpi, h = height * 72.0 / dpi;
  cairo_surface_t *surface;
  cairo_t         *cr;
  cairo_status_t   status;

  if (format == PDX_CHART_FORMAT_SVG)
    surface = cairo_svg_surface_create_for_stream (append_cb, out, w, h);
  else
    {
      surface = cairo_pdf_surface_create_for_stream (append_cb, out, w, h);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, chart->title);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "pdxtrack " PDX_VERSION);
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
pdx_chart_save (PdxChart      *chart,
                const char    *path,
                PdxChartFormat format,
                int            width,
                int            height,
                double         dpi,
                GError       **error)
{
  g_autoptr (GByteArray) bytes = NULL;
  gboolean ok;

  g_return_val_if_fail (chart != NULL && path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  if (width < 16 || width > 20000 || height < 16 || height > 20000 || !(dpi >= 36 && dpi <= 1200))
    {
      g_set_error (error, PDX_CHART_ERROR, PDX_CHART_ERROR_SIZE,
                   "%d×%d pixels at %g dpi is out of range (16–20000 pixels, 36–1200 dpi)", width,
                   height, dpi);
      return FALSE;
    }
  bytes = g_byte_array_new ();
  if (format == PDX_CHART_FORMAT_PNG)
    ok = render_png (chart, bytes, width, height, dpi, error);
  else
    ok = render_vector (chart, format, bytes, width, height, dpi, error);
  /* Whole or not written: a temporary file beside @path, checked and synced, renamed over it
   * with the replaced file's mode (pdx-output.h); a symbolic link or a device is refused. */
  return ok && pdx_output_set_contents (path, bytes->data, bytes->len, error);
}
