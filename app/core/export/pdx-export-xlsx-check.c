/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-export-xlsx-check.c — is a finished workbook whole? libxlsxwriter 1.1.4 writes each part
 * to a temporary file of its own and does not check those writes: on a full /tmp it zips
 * truncated sheets and reports success. Every XML part is inflated and must end with its root
 * element's end tag. */
#include "pdx-export-private.h"

#include <string.h>
#include <zlib.h>

/* Parts larger than this are not inflated: pdxtrack's workbooks are far smaller. */
#define MAX_PART (512u << 20)

static guint32
le16 (const guint8 *p)
{
  return (guint32) p[0] | (guint32) p[1] << 8;
}

static guint32
le32 (const guint8 *p)
{
  return le16 (p) | le16 (p + 2) << 16;
}

/* The XML in @xml (@len bytes) ends with the end tag of its root element (or the root is one
 * empty-element tag). */
static gboolean
xml_is_whole (const char *xml, gsize len)
{
  const char      *root = xml, *end = xml + len;
  g_autofree char *closing = NULL;
  gsize            name_len;

  while (end > xml && g_ascii_isspace (end[-1]))
    end--;
  for (;;)
    {
      root = memchr (root, '<', (gsize) (end - root));
      if (root == NULL || root + 1 >= end)
        return FALSE;
      if (root[1] != '?' && root[1] != '!')
        break;
      root++;
    }
  root++;
  name_len = strcspn (root, " \t\r\n/>");
  if (root + name_len >= end)
    return FALSE;
  closing = g_strdup_printf ("</%.*s>", (int) name_len, root);
  if ((gsize) (end - xml) >= strlen (closing) &&
      memcmp (end - strlen (closing), closing, strlen (closing)) == 0)
    return TRUE;
  /* <root …/>: the first '>' after the name closes the document. */
  {
    const char *gt = memchr (root, '>', (gsize) (end - root));
    return gt != NULL && gt == end - 1 && gt[-1] == '/';
  }
}

/* Inflates one member (method 0 stored, 8 deflate) into a new buffer of @size bytes. */
static char *
inflate_member (const guint8 *data, guint32 packed, guint32 size, guint32 method)
{
  g_autofree char *out = g_malloc (size + 1);
  z_stream         z = { 0 };
  int              rc;

  if (method == 0)
    {
      if (packed != size)
        return NULL;
      memcpy (out, data, size);
      out[size] = '\0';
      return g_steal_pointer (&out);
    }
  if (method != 8 || inflateInit2 (&z, -MAX_WBITS) != Z_OK)
    return NULL;
  z.next_in = (Bytef *) data;
  z.avail_in = packed;
  z.next_out = (Bytef *) out;
  z.avail_out = size + 1;
  rc = inflate (&z, Z_FINISH);
  inflateEnd (&z);
  if (rc != Z_STREAM_END || z.total_out != size)
    return NULL;
  out[size] = '\0';
  return g_steal_pointer (&out);
}

/* Checks central directory entry @entry of the zip in @data; FALSE with the member's name. */
static gboolean
check_member (const guint8 *data, gsize len, const guint8 *entry, char **problem)
{
  guint32          method = le16 (entry + 10), packed = le32 (entry + 20), size = le32 (entry + 24);
  guint32          name_len = le16 (entry + 28), offset = le32 (entry + 42);
  g_autofree char *name = g_strndup ((const char *) entry + 46, name_len);
  g_autofree char *xml = NULL;
  const guint8    *local = data + offset;

  if (size > MAX_PART || (gsize) offset + 30 > len || le32 (local) != 0x04034b50 ||
      (gsize) offset + 30 + le16 (local + 26) + le16 (local + 28) + packed > len)
    return *problem = g_strdup_printf ("the workbook's part %s is damaged", name), FALSE;
  if (!g_str_has_suffix (name, ".xml") && !g_str_has_suffix (name, ".rels"))
    return TRUE;
  xml = inflate_member (local + 30 + le16 (local + 26) + le16 (local + 28), packed, size, method);
  if (xml != NULL && xml_is_whole (xml, size))
    return TRUE;
  *problem = g_strdup_printf ("the workbook's part %s is incomplete (is the temporary folder "
                              "full?)",
                              name);
  return FALSE;
}

gboolean
pdx_xlsx_check_whole (const guint8 *data, gsize len, char **problem)
{
  const guint8 *eocd = NULL;
  guint32       n_entries, cd_offset;
  const guint8 *entry;

  g_return_val_if_fail (problem != NULL, FALSE);
  for (gsize back = 22; back <= len && back <= 22 + 65535 && eocd == NULL; back++)
    if (le32 (data + len - back) == 0x06054b50)
      eocd = data + len - back;
  if (eocd == NULL || (n_entries = le16 (eocd + 10)) == 0 ||
      (gsize) (cd_offset = le32 (eocd + 16)) + le32 (eocd + 12) > (gsize) (eocd - data))
    {
      *problem = g_strdup ("the workbook is not a whole zip file");
      return FALSE;
    }
  entry = data + cd_offset;
  for (guint32 i = 0; i < n_entries; i++)
    {
      if (entry + 46 > eocd || le32 (entry) != 0x02014b50 || entry + 46 + le16 (entry + 28) > eocd)
        {
          *problem = g_strdup ("the workbook's directory is damaged");
          return FALSE;
        }
      if (!check_member (data, len, entry, problem))
        return FALSE;
      entry += 46 + le16 (entry + 28) + le16 (entry + 30) + le16 (entry + 32);
    }
  return TRUE;
}
