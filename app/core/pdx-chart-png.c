/* pdx-chart-png.c — PNG files of charts: an encoder for opaque images tuned for charts, and the
 * pHYs chunk that records the DPI.
 *
 * cairo's own PNG writer (libpng at zlib's default level) spends more time compressing a busy
 * 1600×1000 chart than the renderer spends drawing it. Charts are large flat areas and thin
 * lines: the "Up" filter (each row minus the one above) turns backgrounds and bars into zeros, and
 * zlib at level 3 then packs them about as well as level 6, several times faster. */
#include "pdx-chart-private.h"

#include <gio/gio.h>
#include <math.h>
#include <string.h>

#define PNG_LEVEL 3

static guint32 crc_table[256];

static void
crc_init (void)
{
  static gsize done = 0;

  if (!g_once_init_enter (&done))
    return;
  for (guint32 n = 0; n < 256; n++)
    {
      guint32 c = n;
      for (int k = 0; k < 8; k++)
        c = (c >> 1) ^ (0xEDB88320u & -(c & 1));
      crc_table[n] = c;
    }
  g_once_init_leave (&done, 1);
}

static guint32
crc_update (guint32 crc, const guint8 *data, gsize len)
{
  crc = ~crc;
  for (gsize i = 0; i < len; i++)
    crc = crc_table[(crc ^ data[i]) & 0xff] ^ (crc >> 8);
  return ~crc;
}

static void
put_be32 (guint8 *at, guint32 value)
{
  at[0] = value >> 24, at[1] = value >> 16, at[2] = value >> 8, at[3] = value;
}

/* Appends a chunk: length, type, data, CRC of type and data. */
static void
append_chunk (GByteArray *png, const char *type, const guint8 *data, gsize len)
{
  guint8  header[8], crc[4];
  guint32 sum;

  put_be32 (header, (guint32) len);
  memcpy (header + 4, type, 4);
  sum = crc_update (0, header + 4, 4);
  sum = crc_update (sum, data, len);
  put_be32 (crc, sum);
  g_byte_array_append (png, header, 8);
  g_byte_array_append (png, data, (guint) len);
  g_byte_array_append (png, crc, 4);
}

static void
phys_data (guint8 data[9], double dpi)
{
  guint32 ppm = (guint32) lround (dpi / 0.0254);

  put_be32 (data, ppm);
  put_be32 (data + 4, ppm);
  data[8] = 1; /* unit: metre */
}

void
pdx_chart_png_set_dpi (GByteArray *png, double dpi)
{
  const gsize after_ihdr = 8 + 4 + 4 + 13 + 4;
  g_autoptr (GByteArray) chunk = g_byte_array_new ();
  g_autoptr (GByteArray) rest = NULL;
  guint8 data[9];

  crc_init ();
  if (png->len < after_ihdr || memcmp (png->data + 12, "IHDR", 4) != 0)
    return;
  phys_data (data, dpi);
  append_chunk (chunk, "pHYs", data, sizeof data);
  rest = g_byte_array_sized_new (png->len - after_ihdr);
  g_byte_array_append (rest, png->data + after_ihdr, png->len - after_ihdr);
  g_byte_array_set_size (png, after_ihdr);
  g_byte_array_append (png, chunk->data, chunk->len);
  g_byte_array_append (png, rest->data, rest->len);
}

/* The raw image data: per row a filter byte (2, "Up") and RGB bytes minus the row above. */
static guint8 *
filtered_rows (cairo_surface_t *surface, gsize *len)
{
  int           width = cairo_image_surface_get_width (surface);
  int           height = cairo_image_surface_get_height (surface);
  int           stride = cairo_image_surface_get_stride (surface);
  const guint8 *pixels = cairo_image_surface_get_data (surface);
  gsize         row_len = 1 + 3 * (gsize) width;
  guint8       *raw = g_malloc (row_len * height);

  for (int y = 0; y < height; y++)
    {
      const guint32 *row = (const guint32 *) (pixels + (gsize) y * stride);
      const guint32 *above = y > 0 ? (const guint32 *) (pixels + (gsize) (y - 1) * stride) : NULL;
      guint8        *out = raw + row_len * y;

      *out++ = 2;
      for (int x = 0; x < width; x++)
        {
          guint32 p = row[x], q = above ? above[x] : 0;
          *out++ = (guint8) ((p >> 16) - (q >> 16));
          *out++ = (guint8) ((p >> 8) - (q >> 8));
          *out++ = (guint8) (p - q);
        }
    }
  *len = row_len * height;
  return raw;
}

static GBytes *
deflate_bytes (const guint8 *data, gsize len, GError **error)
{
  g_autoptr (GZlibCompressor) zlib =
      g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB, PNG_LEVEL);
  g_autoptr (GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr (GOutputStream) stream = g_converter_output_stream_new (memory, G_CONVERTER (zlib));

  if (!g_output_stream_write_all (stream, data, len, NULL, NULL, error) ||
      !g_output_stream_close (stream, NULL, error))
    return NULL;
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
}

gboolean
pdx_chart_png_encode_rgb (cairo_surface_t *surface, double dpi, GByteArray *png, GError **error)
{
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  guint8              ihdr[13] = { 0 }, phys[9];
  g_autofree guint8  *raw = NULL;
  g_autoptr (GBytes) compressed = NULL;
  gsize len;

  g_return_val_if_fail (cairo_image_surface_get_format (surface) == CAIRO_FORMAT_RGB24, FALSE);
  crc_init ();
  cairo_surface_flush (surface);
  raw = filtered_rows (surface, &len);
  compressed = deflate_bytes (raw, len, error);
  if (compressed == NULL)
    return FALSE;
  put_be32 (ihdr, (guint32) cairo_image_surface_get_width (surface));
  put_be32 (ihdr + 4, (guint32) cairo_image_surface_get_height (surface));
  ihdr[8] = 8; /* bits per channel */
  ihdr[9] = 2; /* RGB */
  phys_data (phys, dpi);
  g_byte_array_append (png, signature, sizeof signature);
  append_chunk (png, "IHDR", ihdr, sizeof ihdr);
  append_chunk (png, "pHYs", phys, sizeof phys);
  append_chunk (png, "IDAT", g_bytes_get_data (compressed, NULL), g_bytes_get_size (compressed));
  append_chunk (png, "IEND", NULL, 0);
  return TRUE;
}
