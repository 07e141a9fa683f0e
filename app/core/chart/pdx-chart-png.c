/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-chart-png.c — PNG files of charts through libpng, tuned for charts, and the pHYs chunk
 * that records the DPI.
 *
 * cairo's own PNG writer (libpng at zlib's default level, every row filter tried) spends more
 * time compressing a busy 1600×1000 chart than the renderer spends drawing it. Charts are large
 * flat areas and thin lines: the "Up" filter (each row minus the one above) turns backgrounds and
 * bars into zeros, and zlib at level 3 then packs them about as well as level 6, several times
 * faster. So opaque charts go through libpng directly with those two settings. */
#include "pdx-chart-private.h"

#include <math.h>
#include <png.h>
#include <setjmp.h>
#include <string.h>
#include <zlib.h>

#define PNG_LEVEL 3

/* What libpng's callbacks share: the output, and the first error libpng reported. */
typedef struct
{
  GByteArray *png;
  char        message[160];
} PngWrite;

static void
write_cb (png_structp writer, png_bytep data, size_t len)
{
  PngWrite *state = png_get_io_ptr (writer);
  g_byte_array_append (state->png, data, (guint) len);
}

static void
flush_cb (png_structp writer)
{
  (void) writer;
}

/* libpng's contract: an error callback must not return; it jumps back to png_encode(). */
static void
error_cb (png_structp writer, png_const_charp message)
{
  PngWrite *state = png_get_error_ptr (writer);
  g_strlcpy (state->message, message, sizeof state->message);
  png_longjmp (writer, 1);
}

static void
warning_cb (png_structp writer, png_const_charp message)
{
  (void) writer, (void) message;
}

static png_uint_32
pixels_per_metre (double dpi)
{
  return (png_uint_32) lround (dpi / 0.0254);
}

/* Writes the image of @rows (cairo RGB24: one 32-bit xRGB word per pixel, native endian) as an
 * 8-bit RGB PNG with pHYs. Returns FALSE with @state->message set when libpng fails; nothing
 * that libpng's longjmp could skip is allocated after setjmp. */
static gboolean
png_encode (png_structp writer,
            png_infop   info,
            PngWrite   *state,
            png_bytepp  rows,
            int         width,
            int         height,
            double      dpi)
{
  if (setjmp (png_jmpbuf (writer)))
    return FALSE;
  png_set_write_fn (writer, state, write_cb, flush_cb);
  png_set_compression_level (writer, PNG_LEVEL);
  png_set_filter (writer, PNG_FILTER_TYPE_BASE, PNG_FILTER_UP);
  png_set_IHDR (writer, info, (png_uint_32) width, (png_uint_32) height, 8, PNG_COLOR_TYPE_RGB,
                PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_set_pHYs (writer, info, pixels_per_metre (dpi), pixels_per_metre (dpi), PNG_RESOLUTION_METER);
  png_write_info (writer, info);
  /* The x byte of each word is dropped; on little-endian machines the word is B, G, R, x. */
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  png_set_bgr (writer);
  png_set_filler (writer, 0, PNG_FILLER_AFTER);
#else
  png_set_filler (writer, 0, PNG_FILLER_BEFORE);
#endif
  png_write_image (writer, rows);
  png_write_end (writer, NULL);
  return TRUE;
}

gboolean
pdx_chart_png_encode_rgb (cairo_surface_t *surface, double dpi, GByteArray *png, GError **error)
{
  int                   width = cairo_image_surface_get_width (surface);
  int                   height = cairo_image_surface_get_height (surface);
  int                   stride = cairo_image_surface_get_stride (surface);
  guint8               *pixels;
  g_autofree png_bytep *rows = NULL;
  PngWrite              state = { png, "" };
  png_structp           writer;
  png_infop             info = NULL;
  guint                 start = png->len;
  gboolean              ok;

  g_return_val_if_fail (cairo_image_surface_get_format (surface) == CAIRO_FORMAT_RGB24, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  cairo_surface_flush (surface);
  pixels = cairo_image_surface_get_data (surface);
  rows = g_new (png_bytep, MAX (height, 1));
  for (int y = 0; y < height; y++)
    rows[y] = pixels + (gsize) y * stride;
  writer = png_create_write_struct (PNG_LIBPNG_VER_STRING, &state, error_cb, warning_cb);
  if (writer != NULL)
    info = png_create_info_struct (writer);
  ok = info != NULL && png_encode (writer, info, &state, rows, width, height, dpi);
  png_destroy_write_struct (&writer, &info);
  if (!ok)
    {
      g_byte_array_set_size (png, start);
      g_set_error (error, PDX_CHART_ERROR, PDX_CHART_ERROR_CAIRO, "PNG: %s",
                   state.message[0] ? state.message : "out of memory");
    }
  return ok;
}

static void
put_be32 (guint8 *at, guint32 value)
{
  at[0] = value >> 24, at[1] = value >> 16, at[2] = value >> 8, at[3] = value;
}

void
pdx_chart_png_set_dpi (GByteArray *png, double dpi)
{
  const gsize after_ihdr = 8 + 4 + 4 + 13 + 4;
  /* A pHYs chunk: length 9, type, x and y pixels per unit, unit (1: metre), CRC of type + data. */
  guint8 chunk[4 + 4 + 9 + 4];

  if (png->len < after_ihdr || memcmp (png->data + 12, "IHDR", 4) != 0)
    return;
  put_be32 (chunk, 9);
  memcpy (chunk + 4, "pHYs", 4);
  put_be32 (chunk + 8, pixels_per_metre (dpi));
  put_be32 (chunk + 12, pixels_per_metre (dpi));
  chunk[16] = PNG_RESOLUTION_METER;
  put_be32 (chunk + 17, (guint32) crc32 (crc32 (0, NULL, 0), chunk + 4, 4 + 9));
  g_byte_array_set_size (png, png->len + sizeof chunk);
  memmove (png->data + after_ihdr + sizeof chunk, png->data + after_ihdr,
           png->len - sizeof chunk - after_ihdr);
  memcpy (png->data + after_ihdr, chunk, sizeof chunk);
}
