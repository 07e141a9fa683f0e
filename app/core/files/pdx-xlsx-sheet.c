/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-xlsx-sheet.c — a worksheet's cells and the workbook's shared strings, read as a stream
 * (libxml2's xmlTextReader: memory stays in proportion to the cells, never to a document
 * tree), and what a cell's stored value shows: numbers, dates, text. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx/pdx-error.h"
#include "pdx-xlsx-private.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <libxml/xmlreader.h>

/* The largest row and column a worksheet has (Excel's XFD1048576). */
#define MAX_COLUMN 16384
#define MAX_ROW 1048576

char *
pdx_xlsx_column_name (guint column)
{
  char  letters[8];
  guint n = 0;

  g_return_val_if_fail (column >= 1, g_strdup ("?"));
  for (; column > 0; column = (column - 1) / 26)
    letters[n++] = (char) ('A' + (column - 1) % 26);
  for (guint i = 0; i < n / 2; i++)
    {
      char t = letters[i];
      letters[i] = letters[n - 1 - i];
      letters[n - 1 - i] = t;
    }
  return g_strndup (letters, n);
}

gboolean
pdx_xlsx_parse_ref (const char *ref, guint *column, guint *row)
{
  guint64     c = 0, r = 0;
  const char *p = ref;

  for (; g_ascii_isupper (*p) && c <= MAX_COLUMN; p++)
    c = c * 26 + (guint64) (*p - 'A' + 1);
  if (p == ref || c > MAX_COLUMN || !g_ascii_isdigit (*p) || *p == '0')
    return FALSE;
  for (; g_ascii_isdigit (*p) && r <= MAX_ROW; p++)
    r = r * 10 + (guint64) (*p - '0');
  if (*p != '\0' || r > MAX_ROW)
    return FALSE;
  *column = (guint) c;
  *row = (guint) r;
  return TRUE;
}

/* ---- what a number shows -------------------------------------------------------------------- */

/* Skips what a format code shows literally: "text", \c, _c (a space as wide as c), *c (fill),
 * and [..] (a colour, a locale, a condition) except the elapsed-time [h] [m] [s]. */
PdxXlsxDateKind
pdx_xlsx_format_kind (guint id, const char *code)
{
  gboolean date = FALSE, time = FALSE;

  /* The built-in date and time formats of ECMA-376 Part 1, §18.8.30. */
  if ((id >= 14 && id <= 17) || id == 22)
    return PDX_XLSX_DATE;
  if ((id >= 18 && id <= 21) || (id >= 45 && id <= 47))
    return PDX_XLSX_TIME;
  if (code == NULL)
    return PDX_XLSX_NUMBER;
  for (const char *p = code; *p; p++)
    {
      char c = g_ascii_tolower (*p);
      if (c == '"')
        {
          const char *close = strchr (p + 1, '"');
          if (close == NULL)
            break;
          p = close;
        }
      else if ((c == '\\' || c == '_' || c == '*') && p[1])
        p++;
      else if (c == '[')
        {
          const char *close = strchr (p + 1, ']');
          if (close == NULL)
            break;
          if (strchr ("hms", g_ascii_tolower (p[1])))
            time = TRUE;
          p = close;
        }
      else if (c == 'd' || c == 'y' || c == 'm')
        date = TRUE;
      else if (c == 'h' || c == 's')
        time = TRUE;
    }
  /* "mm" beside an hour or a second is minutes, not a month. */
  if (date && time)
    {
      gboolean day_or_year = FALSE;
      for (const char *p = code; *p; p++)
        if (strchr ("dDyY", *p))
          day_or_year = TRUE;
      return day_or_year ? PDX_XLSX_DATE : PDX_XLSX_TIME;
    }
  return date ? PDX_XLSX_DATE : time ? PDX_XLSX_TIME : PDX_XLSX_NUMBER;
}

char *
pdx_xlsx_serial_text (double serial, gboolean date1904, PdxXlsxDateKind kind)
{
  double           day = floor (serial);
  gint64           seconds = (gint64) llround ((serial - day) * 86400.0);
  g_autofree char *date = NULL;

  /* Up to 9999-12-31, Excel's last day. */
  if (!isfinite (serial) || serial < 0 || serial >= 2958466)
    return NULL;
  if (seconds == 86400)
    day += 1, seconds = 0;
  if (kind == PDX_XLSX_TIME && day == 0)
    return g_strdup_printf ("%02d:%02d:%02d", (int) (seconds / 3600), (int) (seconds / 60 % 60),
                            (int) (seconds % 60));
  if (!date1904 && day == 60)
    /* Lotus 1-2-3's leap day that never was, which Excel keeps: the date parser refuses it. */
    date = g_strdup ("1900-02-29");
  else if (!date1904 && day == 0)
    date = g_strdup ("1900-01-00"); /* as Excel shows it; no calendar date */
  else
    {
      g_autoptr (GDate) d = date1904 ? g_date_new_dmy (1, 1, 1904) : g_date_new_dmy (31, 12, 1899);
      char text[16];
      /* In the 1900 system, serial 1 is 1900-01-01, and from 61 on one day less is added for
       * the 29th of February above. */
      g_date_add_days (d, (guint) day - (!date1904 && day > 60 ? 1 : 0));
      g_snprintf (text, sizeof text, "%04d-%02d-%02d", g_date_get_year (d), g_date_get_month (d),
                  g_date_get_day (d));
      date = g_strdup (text);
    }
  if (seconds == 0)
    return g_steal_pointer (&date);
  return g_strdup_printf ("%s %02d:%02d:%02d", date, (int) (seconds / 3600),
                          (int) (seconds / 60 % 60), (int) (seconds % 60));
}

char *
pdx_xlsx_number_text (double value)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];

  /* A whole number in full, as Excel shows it (a tag typed as 10000000 is not "1e+07"). */
  if (value == floor (value) && fabs (value) < 1e15)
    return g_strdup_printf ("%.0f", value);
  for (int digits = 1; digits <= 17; digits++)
    {
      char format[8];
      g_snprintf (format, sizeof format, "%%.%dg", digits);
      g_ascii_formatd (text, sizeof text, format, value);
      if (g_ascii_strtod (text, NULL) == value)
        break;
    }
  return g_strdup (text);
}

/* ---- streaming the XML ---------------------------------------------------------------------- */

/* The first error libxml2 reported, for the message. */
static void
xml_error_cb (void *data, xmlErrorPtr err)
{
  char **first = data;

  if (*first == NULL && err && err->message)
    {
      g_autofree char *message = g_strchomp (g_strdup (err->message));
      *first = g_strdup_printf ("line %d: %s", err->line, message);
    }
}

static xmlTextReaderPtr
reader_new (const char *xml, gsize len, const char *part, char **first_error)
{
  xmlTextReaderPtr reader;

  if (len > G_MAXINT)
    return NULL;
  reader = xmlReaderForMemory (xml, (int) len, part, NULL,
                               XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (reader)
    xmlTextReaderSetStructuredErrorHandler (reader, xml_error_cb, first_error);
  return reader;
}

static gboolean
is_text (int type)
{
  return type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
         type == XML_READER_TYPE_WHITESPACE || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE;
}

static gboolean
named (xmlTextReaderPtr reader, const char *local)
{
  const xmlChar *name = xmlTextReaderConstLocalName (reader);
  return name && strcmp ((const char *) name, local) == 0;
}

static char *
attribute (xmlTextReaderPtr reader, const char *name)
{
  xmlChar *value = xmlTextReaderGetAttribute (reader, (const xmlChar *) name);
  char    *copy = value ? g_strdup ((const char *) value) : NULL;
  xmlFree (value);
  return copy;
}

/* Where a stream ended: TRUE at its end, or the message of a damaged part. */
static gboolean
finish (PdxXlsxBook *book, int rc, const char *part, char *first_error, GError **error)
{
  g_autofree char *detail = first_error;

  if (rc == 0)
    return TRUE;
  return pdx_xlsx_damaged (book, error, "%s %s", part, detail ? detail : "is not well-formed XML");
}

gboolean
pdx_xlsx_read_strings (
    PdxXlsxBook *book, const char *xml, gsize len, const char *part, GError **error)
{
  char            *first_error = NULL;
  xmlTextReaderPtr reader = reader_new (xml, len, part, &first_error);
  GString         *text = NULL;
  guint            phonetic = 0; /* inside <rPh>: a reading aid, not the text */
  gboolean         in_t = FALSE;
  int              rc;

  if (reader == NULL)
    return pdx_xlsx_damaged (book, error, "%s", part);
  while ((rc = xmlTextReaderRead (reader)) == 1)
    {
      int type = xmlTextReaderNodeType (reader);
      if (type == XML_READER_TYPE_ELEMENT)
        {
          gboolean empty = xmlTextReaderIsEmptyElement (reader);
          if (named (reader, "si") && empty)
            g_ptr_array_add (book->strings, g_strdup (""));
          else if (named (reader, "si"))
            text = g_string_new (NULL);
          else if (named (reader, "rPh") && !empty)
            phonetic++;
          else if (named (reader, "t") && !empty && text && phonetic == 0)
            in_t = TRUE;
        }
      else if (type == XML_READER_TYPE_END_ELEMENT)
        {
          if (named (reader, "si") && text)
            g_ptr_array_add (book->strings, g_string_free (g_steal_pointer (&text), FALSE));
          else if (named (reader, "rPh") && phonetic > 0)
            phonetic--;
          else if (named (reader, "t"))
            in_t = FALSE;
        }
      else if (in_t && is_text (type))
        g_string_append (text, (const char *) xmlTextReaderConstValue (reader));
    }
  if (text)
    g_string_free (text, TRUE);
  xmlFreeTextReader (reader);
  return finish (book, rc, part, first_error, error);
}

/* ---- a worksheet ---------------------------------------------------------------------------- */

typedef struct
{
  PdxXlsxBook *book;
  const char  *part;
  PdxXlsxRow  *row;      /* the row being read, or NULL */
  guint        last_row; /* the last row's number */
  char        *ref;      /* the cell being read: its reference, type and style */
  char        *type;
  guint        style;
  guint        column, row_number;
  GString     *value;     /* its <v>, or its inline string */
  gboolean     has_value; /* a <v> or <is> was seen */
  gboolean     in_value;  /* inside <v>, or a <t> of <is> */
  guint        phonetic;
  guint        next_column; /* a cell without r is the one after the last */
  gboolean     in_cell;
} SheetRead;

void
pdx_xlsx_row_free (gpointer data)
{
  PdxXlsxRow *row = data;
  g_ptr_array_unref (row->cells);
  g_free (row);
}

static gboolean cell_error (SheetRead *sr, GError **error, const char *format, ...)
    G_GNUC_PRINTF (3, 4);

/* "FILE:Sheet1!B7: WHAT" about the cell being read. */
static gboolean
cell_error (SheetRead *sr, GError **error, const char *format, ...)
{
  va_list          args;
  g_autofree char *what = NULL, *name = pdx_text_shown (sr->book->name);
  g_autofree char *column = pdx_xlsx_column_name (sr->column);

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, PDX_IMPORT_ERROR, PDX_IMPORT_ERROR_FORMAT, "%s:%s!%s%u: %s", name,
               sr->book->ref, column, sr->row_number, what);
  return FALSE;
}

static gboolean
row_begin (SheetRead *sr, xmlTextReaderPtr reader, GError **error)
{
  g_autofree char *r = attribute (reader, "r");
  guint64          number = sr->last_row + 1;

  if (r &&
      (!g_ascii_string_to_unsigned (r, 10, 1, MAX_ROW, &number, NULL) || number <= sr->last_row))
    return pdx_xlsx_damaged (sr->book, error, "%s: row '%s' out of order", sr->part, r);
  sr->row = g_new0 (PdxXlsxRow, 1);
  sr->row->number = (guint) number;
  sr->row->cells = g_ptr_array_new_with_free_func (g_free);
  sr->last_row = (guint) number;
  sr->next_column = 1;
  return TRUE;
}

static void
row_end (SheetRead *sr)
{
  gboolean any = FALSE;

  for (guint i = 0; i < sr->row->cells->len && !any; i++)
    {
      const char *cell = g_ptr_array_index (sr->row->cells, i);
      any = cell && cell[0];
    }
  if (any)
    g_ptr_array_add (sr->book->rows, sr->row);
  else
    pdx_xlsx_row_free (sr->row);
  sr->row = NULL;
}

static gboolean
cell_begin (SheetRead *sr, xmlTextReaderPtr reader, GError **error)
{
  g_autofree char *style = NULL;
  guint64          s = 0;

  if (sr->row == NULL)
    return pdx_xlsx_damaged (sr->book, error, "%s: a cell outside a row", sr->part);
  g_clear_pointer (&sr->ref, g_free);
  g_clear_pointer (&sr->type, g_free);
  sr->ref = attribute (reader, "r");
  sr->type = attribute (reader, "t");
  style = attribute (reader, "s");
  sr->column = sr->next_column;
  sr->row_number = sr->row->number;
  if (sr->ref && (!pdx_xlsx_parse_ref (sr->ref, &sr->column, &sr->row_number) ||
                  sr->row_number != sr->row->number || sr->column < sr->next_column))
    return pdx_xlsx_damaged (sr->book, error, "%s: cell '%s' out of place", sr->part, sr->ref);
  if (style && !g_ascii_string_to_unsigned (style, 10, 0, G_MAXUINT, &s, NULL))
    return pdx_xlsx_damaged (sr->book, error, "%s: cell %s has style '%s'", sr->part, sr->ref,
                             style);
  if (sr->column > MAX_COLUMN)
    return pdx_xlsx_damaged (sr->book, error, "%s: a cell past column XFD", sr->part);
  sr->style = (guint) s;
  sr->next_column = sr->column + 1;
  sr->in_cell = TRUE;
  g_string_truncate (sr->value, 0);
  sr->has_value = FALSE;
  return TRUE;
}

/* The text of a number cell: a date where its format is one, else the number. */
static char *
number_cell (SheetRead *sr, GError **error)
{
  const char     *text = sr->value->str;
  char           *end = NULL;
  double          value;
  PdxXlsxDateKind kind = PDX_XLSX_NUMBER;

  errno = 0;
  value = g_ascii_strtod (text, &end);
  if (text[0] == '\0' || end == text || *end != '\0' || errno == ERANGE || !isfinite (value))
    {
      g_autofree char *shown = pdx_text_shown (text);
      return cell_error (sr, error, _ ("the workbook is damaged: the cell's number is '%s'"),
                         shown),
             NULL;
    }
  if (sr->style < sr->book->styles->len)
    kind = g_array_index (sr->book->styles, guint8, sr->style);
  if (kind != PDX_XLSX_NUMBER)
    {
      char *date = pdx_xlsx_serial_text (value, sr->book->date1904, kind);
      if (date)
        return date;
    }
  return pdx_xlsx_number_text (value);
}

/* An ISO 8601 cell (t="d"): its date, with the time of day after a space when there is one. */
static char *
iso_cell (SheetRead *sr)
{
  g_autofree char *text = g_strdup (sr->value->str);
  char            *t = strchr (text, 'T');

  if (t && (g_str_equal (t, "T00:00:00") || g_str_equal (t, "T00:00:00Z") ||
            g_str_equal (t, "T00:00:00.000")))
    *t = '\0';
  else if (t)
    *t = ' ';
  return g_steal_pointer (&text);
}

static char *
cell_text (SheetRead *sr, GError **error)
{
  const char *type = sr->type ? sr->type : "n";

  if (!sr->has_value)
    return NULL;
  if (g_str_equal (type, "s"))
    {
      guint64 index;
      if (!g_ascii_string_to_unsigned (sr->value->str, 10, 0, G_MAXUINT, &index, NULL) ||
          index >= sr->book->strings->len)
        return cell_error (sr, error,
                           _ ("the workbook is damaged: the cell names a text that is "
                              "not in it")),
               NULL;
      return g_strdup (g_ptr_array_index (sr->book->strings, (guint) index));
    }
  if (g_str_equal (type, "str") || g_str_equal (type, "inlineStr"))
    return g_strdup (sr->value->str);
  if (g_str_equal (type, "b"))
    return g_strdup (g_str_equal (sr->value->str, "1") ? "TRUE" : "FALSE");
  if (g_str_equal (type, "e"))
    {
      g_autofree char *shown = pdx_text_shown (sr->value->str);
      return cell_error (sr, error,
                         _ ("the cell holds the error %s; expected a value (correct the cell or "
                            "clear it in Excel)"),
                         shown),
             NULL;
    }
  if (g_str_equal (type, "d"))
    return iso_cell (sr);
  if (g_str_equal (type, "n"))
    return number_cell (sr, error);
  return pdx_xlsx_damaged (sr->book, error, "%s: cell %s has type '%s'", sr->part, sr->ref, type),
         NULL;
}

static gboolean
cell_end (SheetRead *sr, GError **error)
{
  GError *local = NULL;
  char   *text = cell_text (sr, &local);
  guint   at = sr->column - 1;

  sr->in_cell = FALSE;
  if (local)
    return g_propagate_error (error, local), FALSE;
  if (text == NULL)
    return TRUE;
  if (sr->row->cells->len <= at)
    g_ptr_array_set_size (sr->row->cells, at + 1);
  g_ptr_array_index (sr->row->cells, at) = text;
  return TRUE;
}

static gboolean
merge_cell (SheetRead *sr, xmlTextReaderPtr reader, GError **error)
{
  g_autofree char *ref = attribute (reader, "ref");
  g_auto (GStrv) ends = ref ? g_strsplit (ref, ":", 3) : NULL;
  PdxXlsxRange range;

  if (ends == NULL || g_strv_length (ends) != 2 ||
      !pdx_xlsx_parse_ref (ends[0], &range.first_column, &range.first_row) ||
      !pdx_xlsx_parse_ref (ends[1], &range.last_column, &range.last_row))
    return pdx_xlsx_damaged (sr->book, error, "%s: merged range '%s'", sr->part, ref ? ref : "");
  g_array_append_val (sr->book->merges, range);
  return TRUE;
}

/* One element of the sheet, opening or closing. */
static gboolean
sheet_node (SheetRead *sr, xmlTextReaderPtr reader, int type, GError **error)
{
  gboolean empty = type == XML_READER_TYPE_ELEMENT && xmlTextReaderIsEmptyElement (reader);

  if (type == XML_READER_TYPE_ELEMENT)
    {
      if (named (reader, "row"))
        return row_begin (sr, reader, error) && (!empty || (row_end (sr), TRUE));
      if (named (reader, "c"))
        return cell_begin (sr, reader, error) && (!empty || cell_end (sr, error));
      if (named (reader, "mergeCell"))
        return merge_cell (sr, reader, error);
      if (!sr->in_cell)
        return TRUE;
      if (named (reader, "v") || named (reader, "is"))
        sr->has_value = TRUE;
      if (named (reader, "v") && !empty)
        sr->in_value = TRUE;
      else if (named (reader, "rPh") && !empty)
        sr->phonetic++;
      else if (named (reader, "t") && !empty && sr->phonetic == 0)
        sr->in_value = TRUE;
      return TRUE;
    }
  if (named (reader, "row") && sr->row)
    row_end (sr);
  else if (named (reader, "c") && sr->in_cell)
    return cell_end (sr, error);
  else if (named (reader, "v") || named (reader, "t"))
    sr->in_value = FALSE;
  else if (named (reader, "rPh") && sr->phonetic > 0)
    sr->phonetic--;
  return TRUE;
}

gboolean
pdx_xlsx_read_sheet (
    PdxXlsxBook *book, const char *xml, gsize len, const char *part, GError **error)
{
  char            *first_error = NULL;
  xmlTextReaderPtr reader = reader_new (xml, len, part, &first_error);
  SheetRead        sr = { .book = book, .part = part, .value = g_string_new (NULL) };
  gboolean         ok = TRUE;
  int              rc = 0;

  if (reader == NULL)
    return g_string_free (sr.value, TRUE), pdx_xlsx_damaged (book, error, "%s", part);
  while (ok && (rc = xmlTextReaderRead (reader)) == 1)
    {
      int type = xmlTextReaderNodeType (reader);
      if (type == XML_READER_TYPE_ELEMENT || type == XML_READER_TYPE_END_ELEMENT)
        ok = sheet_node (&sr, reader, type, error);
      else if (sr.in_value && is_text (type))
        g_string_append (sr.value, (const char *) xmlTextReaderConstValue (reader));
    }
  if (sr.row)
    pdx_xlsx_row_free (sr.row);
  g_free (sr.ref);
  g_free (sr.type);
  g_string_free (sr.value, TRUE);
  xmlFreeTextReader (reader);
  if (!ok)
    return g_free (first_error), FALSE;
  return finish (book, rc, part, first_error, error);
}
