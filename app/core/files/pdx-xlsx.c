/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-xlsx.c — an Excel workbook's worksheet as records: the file read whole (as the CSV reader
 * reads, with its SHA-256), its zip parts through libzip with a cap on what they unpack to, the
 * workbook, its relationships and cell formats through libxml2, then the sheet's rows handed out
 * as records whose fields are named by cell reference. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx/pdx-error.h"
#include "pdx/pdx-xlsx.h"
#include "pdx-xlsx-private.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#define DEFAULT_SIZE_LIMIT ((guint64) 512 << 20)

static guint64 size_limit = DEFAULT_SIZE_LIMIT;

void
pdx_xlsx_set_size_limit (guint64 limit)
{
  size_limit = limit ? limit : DEFAULT_SIZE_LIMIT;
}

gboolean
pdx_xlsx_is_workbook_name (const char *path)
{
  gsize n = strlen (path);
  return n > 5 && (g_ascii_strcasecmp (path + n - 5, ".xlsx") == 0 ||
                   g_ascii_strcasecmp (path + n - 5, ".xlsm") == 0);
}

gboolean
pdx_xlsx_damaged (PdxXlsxBook *book, GError **error, const char *format, ...)
{
  va_list          args;
  g_autofree char *detail = NULL, *shown = NULL, *name = pdx_text_shown (book->name);

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);
  shown = pdx_text_escape_controls (detail);
  g_set_error (error, PDX_IMPORT_ERROR, PDX_IMPORT_ERROR_FORMAT,
               _ ("%s: the workbook is damaged (%s); open it in Excel and save it again"), name,
               shown);
  return FALSE;
}

static gboolean
not_a_workbook (PdxXlsxBook *book, GError **error, const char *why)
{
  g_autofree char *name = pdx_text_shown (book->name);
  g_set_error (error, PDX_IMPORT_ERROR, PDX_IMPORT_ERROR_FORMAT,
               _ ("%s: not an Excel workbook (.xlsx): %s"), name, why);
  return FALSE;
}

/* ---- the file and its zip parts ------------------------------------------------------------- */

/* Reads @path whole, once; its SHA-256 and size go to @book. A file that changed meanwhile
 * is refused, as the CSV reader refuses it. */
static char *
read_file (PdxXlsxBook *book, const char *path, gsize *len, GError **error)
{
  g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  int         fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY, 0);
  struct stat before, after;
  char       *data;

  if (fd < 0)
    return pdx_files_read_failed (path, errno, error), NULL;
  if (fstat (fd, &before) != 0 || S_ISDIR (before.st_mode))
    {
      int err = S_ISDIR (before.st_mode) ? EISDIR : errno;
      close (fd);
      return pdx_files_read_failed (path, err, error), NULL;
    }
  data = pdx_files_read_all (path, fd, S_ISREG (before.st_mode) ? (gsize) before.st_size : 0,
                             checksum, len, error);
  if (data && S_ISREG (before.st_mode) &&
      (fstat (fd, &after) != 0 || (gsize) after.st_size != *len ||
       after.st_size != before.st_size || after.st_mtim.tv_sec != before.st_mtim.tv_sec ||
       after.st_mtim.tv_nsec != before.st_mtim.tv_nsec))
    {
      g_autofree char *shown = pdx_text_shown (path);
      g_set_error (error, PDX_IMPORT_ERROR, PDX_IMPORT_ERROR_IO,
                   _ ("%s: the file changed while it was being read; nothing was imported (import "
                      "it again once it is complete)"),
                   shown);
      g_clear_pointer (&data, g_free);
    }
  close (fd);
  if (data)
    {
      book->sha256 = g_strdup (g_checksum_get_string (checksum));
      book->size = *len;
    }
  return data;
}

typedef struct
{
  PdxXlsxBook *book;
  zip_t       *zip;
  guint64      unpacked; /* bytes unpacked so far, against size_limit */
} Archive;

static gboolean
too_large (PdxXlsxBook *book, GError **error)
{
  g_autofree char *name = pdx_text_shown (book->name);
  g_set_error (error, PDX_IMPORT_ERROR, PDX_IMPORT_ERROR_FORMAT,
               _ ("%s: the workbook unpacks to more than %u MiB; refused (save the sheet as "
                  "CSV, or split it)"),
               name, (guint) MAX (size_limit >> 20, 1));
  return FALSE;
}

/* Part @part of the workbook, unpacked, NUL-terminated; NULL with @error unset when the
 * workbook has no such part and !@required. No part unpacks past the limit, whatever its
 * header claims. */
static char *
read_part (Archive *ar, const char *part, gboolean required, gsize *len, GError **error)
{
  zip_int64_t index = zip_name_locate (ar->zip, part, 0);
  zip_stat_t  st;
  zip_file_t *file;
  char       *data;
  guint64     n = 0, want;

  if (index < 0 && !required)
    return NULL;
  if (index < 0)
    return pdx_xlsx_damaged (ar->book, error, "it has no %s", part), NULL;
  zip_stat_init (&st);
  if (zip_stat_index (ar->zip, (zip_uint64_t) index, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE))
    return pdx_xlsx_damaged (ar->book, error, "%s: %s", part, zip_strerror (ar->zip)), NULL;
  if (st.size > size_limit - ar->unpacked)
    return too_large (ar->book, error), NULL;
  file = zip_fopen_index (ar->zip, (zip_uint64_t) index, 0);
  if (file == NULL)
    return pdx_xlsx_damaged (ar->book, error, "%s: %s", part, zip_strerror (ar->zip)), NULL;
  /* One byte more than it claims, to see whether it claims too little. */
  want = st.size + 1;
  data = g_malloc (want + 1);
  while (n < want)
    {
      zip_int64_t got = zip_fread (file, data + n, want - n);
      if (got < 0)
        {
          pdx_xlsx_damaged (ar->book, error, "%s: %s", part, zip_file_strerror (file));
          zip_fclose (file);
          return g_free (data), NULL;
        }
      if (got == 0)
        break;
      n += (guint64) got;
    }
  zip_fclose (file);
  if (n != st.size)
    return g_free (data), pdx_xlsx_damaged (ar->book, error, "%s: not the size it claims", part),
           NULL;
  ar->unpacked += n;
  data[n] = '\0';
  *len = n;
  return data;
}

/* A small part (the workbook, its relationships, its cell formats) as a document. */
static xmlDocPtr
read_doc (Archive *ar, const char *part, gboolean required, GError **error)
{
  gsize            len = 0;
  g_autofree char *xml = read_part (ar, part, required, &len, error);
  xmlDocPtr        doc;

  if (xml == NULL)
    return NULL;
  doc = xmlReadMemory (xml, (int) MIN (len, G_MAXINT), part, NULL,
                       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == NULL || xmlDocGetRootElement (doc) == NULL)
    {
      if (doc)
        xmlFreeDoc (doc);
      return pdx_xlsx_damaged (ar->book, error, "%s is not well-formed XML", part), NULL;
    }
  return doc;
}

/* ---- the workbook's parts ------------------------------------------------------------------- */

static gboolean
is (xmlNodePtr node, const char *local)
{
  return node->type == XML_ELEMENT_NODE && strcmp ((const char *) node->name, local) == 0;
}

static char *
prop (xmlNodePtr node, const char *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *) name);
  char    *copy = value ? g_strdup ((const char *) value) : NULL;
  xmlFree (value);
  return copy;
}

/* The r:id of a <sheet>: an attribute "id" in some namespace (transitional or strict). */
static char *
relationship_id (xmlNodePtr node)
{
  for (xmlAttrPtr a = node->properties; a; a = a->next)
    if (a->ns && strcmp ((const char *) a->name, "id") == 0)
      {
        xmlChar *value = xmlNodeGetContent ((xmlNodePtr) a);
        char    *copy = g_strdup ((const char *) value);
        xmlFree (value);
        return copy;
      }
  return NULL;
}

static xmlNodePtr
child (xmlNodePtr node, const char *local)
{
  for (xmlNodePtr c = node ? node->children : NULL; c; c = c->next)
    if (is (c, local))
      return c;
  return NULL;
}

/* The sheet as a reference names it: quoted unless letters, digits, '_' and '.' only. */
static char *
sheet_ref (const char *sheet)
{
  GString *out;
  gboolean plain = sheet[0] != '\0' && !g_ascii_isdigit (sheet[0]);

  for (const char *p = sheet; *p && plain; p++)
    plain = g_ascii_isalnum (*p) || *p == '_' || *p == '.';
  if (plain)
    return g_strdup (sheet);
  out = g_string_new ("'");
  for (const char *p = sheet; *p; p++)
    {
      if (*p == '\'')
        g_string_append_c (out, '\'');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '\'');
  g_autofree char *quoted = g_string_free (out, FALSE);
  return pdx_text_escape_controls (quoted);
}

static gboolean
names_equal (const char *a, const char *b)
{
  g_autofree char *fa = g_utf8_casefold (a, -1), *fb = g_utf8_casefold (b, -1);
  return g_str_equal (fa, fb);
}

/* The relationship id of the sheet wanted (@wanted, or the first not hidden), its name in
 * book->sheet; and whether the workbook counts dates from 1904. */
static char *
find_sheet (PdxXlsxBook *book, xmlDocPtr workbook, const char *wanted, GError **error)
{
  xmlNodePtr       root = xmlDocGetRootElement (workbook), pr = child (root, "workbookPr");
  g_autofree char *date1904 = pr ? prop (pr, "date1904") : NULL;
  g_autoptr (GString) all = g_string_new (NULL);

  book->date1904 = date1904 && (g_str_equal (date1904, "1") || g_str_equal (date1904, "true"));
  for (xmlNodePtr s = child (child (root, "sheets"), "sheet"); s; s = s->next)
    {
      g_autofree char *name = is (s, "sheet") ? prop (s, "name") : NULL;
      g_autofree char *state = name ? prop (s, "state") : NULL;
      if (name == NULL)
        continue;
      g_string_append_printf (all, "%s'%s'", all->len ? ", " : "", name);
      if (wanted ? names_equal (name, wanted) : state == NULL || g_str_equal (state, "visible"))
        {
          book->sheet = g_steal_pointer (&name);
          return relationship_id (s);
        }
    }
  if (wanted)
    {
      g_autofree char *file = pdx_text_shown (book->name), *shown = pdx_text_shown (wanted);
      g_autofree char *list = pdx_text_escape_controls (all->str);
      g_set_error (error, PDX_IMPORT_ERROR, PDX_IMPORT_ERROR_FORMAT,
                   _ ("%s: the workbook has no sheet '%s'; its sheets: %s"), file, shown,
                   all->len ? list : "—");
      return NULL;
    }
  g_autofree char *file = pdx_text_shown (book->name);
  g_set_error (error, PDX_IMPORT_ERROR, PDX_IMPORT_ERROR_FORMAT,
               _ ("%s: the workbook has no sheet to read"), file);
  return NULL;
}

/* The part of relationship @id of the workbook ("xl/worksheets/sheet1.xml"). */
static char *
sheet_part (Archive *ar, const char *id, GError **error)
{
  xmlDocPtr rels = read_doc (ar, "xl/_rels/workbook.xml.rels", TRUE, error);
  char     *part = NULL;

  if (rels == NULL)
    return NULL;
  for (xmlNodePtr r = xmlDocGetRootElement (rels)->children; r && id && !part; r = r->next)
    {
      g_autofree char *rid = is (r, "Relationship") ? prop (r, "Id") : NULL;
      g_autofree char *target = rid && g_str_equal (rid, id) ? prop (r, "Target") : NULL;
      if (target)
        part = target[0] == '/' ? g_strdup (target + 1) : g_strconcat ("xl/", target, NULL);
    }
  xmlFreeDoc (rels);
  if (part == NULL)
    pdx_xlsx_damaged (ar->book, error, "sheet '%s' has no part", ar->book->sheet);
  return part;
}

/* What each cell format (the s of a cell) makes of a number. */
static gboolean
read_styles (Archive *ar, GError **error)
{
  GError     *local = NULL;
  xmlDocPtr   doc = read_doc (ar, "xl/styles.xml", FALSE, &local);
  GHashTable *codes;
  xmlNodePtr  root;

  if (local)
    return g_propagate_error (error, local), FALSE;
  if (doc == NULL)
    return TRUE; /* no styles: every number is a number */
  root = xmlDocGetRootElement (doc);
  codes = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  for (xmlNodePtr f = child (child (root, "numFmts"), "numFmt"); f; f = f->next)
    {
      g_autofree char *id = is (f, "numFmt") ? prop (f, "numFmtId") : NULL;
      if (id)
        g_hash_table_insert (codes, GUINT_TO_POINTER ((guint) g_ascii_strtoull (id, NULL, 10)),
                             prop (f, "formatCode"));
    }
  for (xmlNodePtr x = child (child (root, "cellXfs"), "xf"); x; x = x->next)
    {
      g_autofree char *id = is (x, "xf") ? prop (x, "numFmtId") : NULL;
      guint            n = id ? (guint) g_ascii_strtoull (id, NULL, 10) : 0;
      guint8           kind;
      if (!is (x, "xf"))
        continue;
      kind = (guint8) pdx_xlsx_format_kind (n, g_hash_table_lookup (codes, GUINT_TO_POINTER (n)));
      g_array_append_val (ar->book->styles, kind);
    }
  g_hash_table_unref (codes);
  xmlFreeDoc (doc);
  return TRUE;
}

static gboolean
read_stream (Archive    *ar,
             const char *part,
             gboolean    required,
             gboolean (*reader) (PdxXlsxBook *, const char *, gsize, const char *, GError **),
             GError **error)
{
  GError          *local = NULL;
  gsize            len = 0;
  g_autofree char *xml = read_part (ar, part, required, &len, &local);

  if (local)
    return g_propagate_error (error, local), FALSE;
  return xml == NULL || reader (ar->book, xml, len, part, error);
}

/* Merged cells in the header row (the first with something in it) are refused: a merged
 * title names one column and leaves the others unnamed. */
static gboolean
check_header_merges (PdxXlsxBook *book, GError **error)
{
  guint header;

  if (book->rows->len == 0)
    return TRUE;
  header = ((PdxXlsxRow *) g_ptr_array_index (book->rows, 0))->number;
  for (guint i = 0; i < book->merges->len; i++)
    {
      PdxXlsxRange    *m = &g_array_index (book->merges, PdxXlsxRange, i);
      g_autofree char *first = NULL, *last = NULL, *name = NULL;
      if (m->first_row > header || m->last_row < header)
        continue;
      first = pdx_xlsx_column_name (m->first_column);
      last = pdx_xlsx_column_name (m->last_column);
      name = pdx_text_shown (book->name);
      g_set_error (error, PDX_IMPORT_ERROR, PDX_IMPORT_ERROR_HEADER,
                   _ ("%s:%s!%s%u:%s%u: merged cells in the header row; expected one column "
                      "name in each cell (unmerge them in Excel)"),
                   name, book->ref, first, m->first_row, last, m->last_row);
      return FALSE;
    }
  return TRUE;
}

/* The file's first bytes say what it is when it is no zip archive. */
static gboolean
refuse_not_zip (PdxXlsxBook *book, const char *data, gsize len, GError **error)
{
  g_autofree char *name = pdx_text_shown (book->name);

  if (len >= 8 && memcmp (data, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
    {
      g_set_error (error, PDX_IMPORT_ERROR, PDX_IMPORT_ERROR_FORMAT,
                   _ ("%s: an Excel 97–2003 workbook (.xls) or an encrypted one; save it in "
                      "Excel as Excel Workbook (.xlsx) or as CSV"),
                   name);
      return FALSE;
    }
  return not_a_workbook (book, error, _ ("the file is not a zip archive"));
}

static gboolean
read_book (PdxXlsxBook *book, const char *data, gsize len, const char *wanted, GError **error)
{
  zip_error_t      zerr;
  zip_source_t    *source;
  Archive          ar = { .book = book };
  xmlDocPtr        workbook;
  g_autofree char *id = NULL, *part = NULL;
  gboolean         ok;

  if (len < 4 || memcmp (data, "PK\x03\x04", 4) != 0)
    return refuse_not_zip (book, data, len, error);
  zip_error_init (&zerr);
  source = zip_source_buffer_create (data, len, 0, &zerr);
  ar.zip = source ? zip_open_from_source (source, ZIP_RDONLY | ZIP_CHECKCONS, &zerr) : NULL;
  if (ar.zip == NULL)
    {
      ok = pdx_xlsx_damaged (book, error, "%s", zip_error_strerror (&zerr));
      zip_error_fini (&zerr);
      if (source)
        zip_source_free (source);
      return ok;
    }
  zip_error_fini (&zerr);
  if (zip_name_locate (ar.zip, "xl/workbook.xml", 0) < 0)
    {
      zip_discard (ar.zip);
      return not_a_workbook (book, error, _ ("the zip archive has no xl/workbook.xml"));
    }
  workbook = read_doc (&ar, "xl/workbook.xml", TRUE, error);
  id = workbook ? find_sheet (book, workbook, wanted, error) : NULL;
  if (workbook)
    xmlFreeDoc (workbook);
  book->ref = book->sheet ? sheet_ref (book->sheet) : NULL;
  book->base.sheet = book->ref;
  ok = id && (part = sheet_part (&ar, id, error)) && read_styles (&ar, error) &&
       read_stream (&ar, "xl/sharedStrings.xml", FALSE, pdx_xlsx_read_strings, error) &&
       read_stream (&ar, part, TRUE, pdx_xlsx_read_sheet, error) &&
       check_header_merges (book, error);
  zip_discard (ar.zip);
  return ok;
}

/* ---- the records ---------------------------------------------------------------------------- */

static gboolean
empty_sheet (PdxXlsxBook *book, GError **error)
{
  g_autofree char *name = pdx_text_shown (book->name);
  g_set_error (error, PDX_IMPORT_ERROR, PDX_IMPORT_ERROR_FORMAT,
               _ ("%s:%s!A1: the sheet is empty; expected a header row"), name, book->ref);
  return FALSE;
}

/* Columns up to the last with something in it. */
static guint
row_width (PdxXlsxRow *row)
{
  guint n = row->cells->len;
  while (n > 0 && (g_ptr_array_index (row->cells, n - 1) == NULL ||
                   ((const char *) g_ptr_array_index (row->cells, n - 1))[0] == '\0'))
    n--;
  return n;
}

static gboolean
book_next (PdxRecords *records, char ***fields, guint *n_fields, GError **error)
{
  PdxXlsxBook *book = (PdxXlsxBook *) records;
  PdxXlsxRow  *row;
  guint        n;

  if (book->next_row >= book->rows->len)
    return book->next_row == 0 ? empty_sheet (book, error) : FALSE;
  row = g_ptr_array_index (book->rows, book->next_row);
  n = row_width (row);
  if (book->next_row++ == 0)
    book->width = n;
  n = MAX (n, book->width);
  book->row_number = row->number;
  g_ptr_array_set_size (book->fields, 0);
  for (guint i = 0; i < n; i++)
    {
      const char *cell = i < row->cells->len ? g_ptr_array_index (row->cells, i) : NULL;
      g_ptr_array_add (book->fields, g_strdup (cell ? cell : ""));
    }
  *fields = (char **) book->fields->pdata;
  *n_fields = n;
  return TRUE;
}

static guint
book_get_line (PdxRecords *records)
{
  return ((PdxXlsxBook *) records)->row_number;
}

static char *
book_dup_where (PdxRecords *records, int index)
{
  PdxXlsxBook     *book = (PdxXlsxBook *) records;
  g_autofree char *column = pdx_xlsx_column_name (
      index < 0 || (guint) index >= book->fields->len ? 1 : (guint) index + 1);

  return g_strdup_printf ("%s!%s%u", book->ref, column, book->row_number);
}

static guint64
book_get_position (PdxRecords *records, guint64 *total)
{
  PdxXlsxBook *book = (PdxXlsxBook *) records;
  if (total)
    *total = book->rows->len;
  return book->next_row;
}

static const char *
book_get_name (PdxRecords *records)
{
  return ((PdxXlsxBook *) records)->name;
}

static const char *
book_get_sha256 (PdxRecords *records)
{
  return ((PdxXlsxBook *) records)->sha256;
}

static guint64
book_get_size (PdxRecords *records)
{
  return ((PdxXlsxBook *) records)->size;
}

static void
book_free (PdxRecords *records)
{
  PdxXlsxBook *book = (PdxXlsxBook *) records;

  g_free (book->name);
  g_free (book->sheet);
  g_free (book->ref);
  g_free (book->sha256);
  g_ptr_array_unref (book->strings);
  g_array_unref (book->styles);
  g_ptr_array_unref (book->rows);
  g_array_unref (book->merges);
  g_ptr_array_unref (book->fields);
  g_free (book);
}

static const PdxRecordsKind book_kind = {
  .next = book_next,
  .get_line = book_get_line,
  .dup_where = book_dup_where,
  .get_position = book_get_position,
  .get_name = book_get_name,
  .get_sha256 = book_get_sha256,
  .get_size = book_get_size,
  .free = book_free,
};

PdxRecords *
pdx_xlsx_open (const char *path, const char *sheet, GError **error)
{
  PdxXlsxBook     *book = g_new0 (PdxXlsxBook, 1);
  g_autofree char *data = NULL;
  gsize            len = 0;

  g_return_val_if_fail (path != NULL, NULL);
  book->base.kind = &book_kind;
  book->name = g_strdup (path);
  book->strings = g_ptr_array_new_with_free_func (g_free);
  book->styles = g_array_new (FALSE, FALSE, sizeof (guint8));
  book->rows = g_ptr_array_new_with_free_func (pdx_xlsx_row_free);
  book->merges = g_array_new (FALSE, FALSE, sizeof (PdxXlsxRange));
  book->fields = g_ptr_array_new_with_free_func (g_free);
  data = read_file (book, path, &len, error);
  if (data == NULL || !read_book (book, data, len, sheet, error))
    {
      book_free (&book->base);
      return NULL;
    }
  return &book->base;
}
