/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-test-xlsx.c — reading an XLSX workbook back in tests (see the header). */
#include "pdx-test-xlsx.h"
#include "pdx-test-util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static void
cell_free (XlsxCell *cell)
{
  g_free (cell->type);
  g_string_free (cell->value, TRUE);
  g_free (cell);
}

static char *
unzip_member (const char *path, const char *member)
{
  const char *argv[] = { "unzip", "-p", path, member, NULL };
  return pdx_test_run_tool (argv);
}

static const char *
attr (const char **names, const char **values, const char *name)
{
  for (guint i = 0; names[i]; i++)
    if (g_str_equal (names[i], name))
      return values[i];
  return NULL;
}

static void
book_start (GMarkupParseContext *context,
            const char          *element,
            const char         **names,
            const char         **values,
            gpointer             user_data,
            GError             **error)
{
  XlsxBook *book = user_data;

  if (g_str_equal (element, "sheet"))
    g_ptr_array_add (book->sheet_names, g_strdup (attr (names, values, "name")));
  else if (g_str_equal (element, "si"))
    g_string_truncate (book->text, 0);
  else if (g_str_equal (element, "t"))
    book->in_t = TRUE;
  else if (g_str_equal (element, "numFmt"))
    g_hash_table_insert (book->numfmts, GINT_TO_POINTER (atoi (attr (names, values, "numFmtId"))),
                         g_strdup (attr (names, values, "formatCode")));
  else if (g_str_equal (element, "cellXfs"))
    book->in_cellxfs = TRUE;
  else if (g_str_equal (element, "xf") && book->in_cellxfs)
    {
      int id = atoi (attr (names, values, "numFmtId"));
      g_array_append_val (book->xf_numfmt, id);
    }
}

static void
book_end (GMarkupParseContext *context, const char *element, gpointer user_data, GError **error)
{
  XlsxBook *book = user_data;

  if (g_str_equal (element, "si"))
    g_ptr_array_add (book->strings, g_strdup (book->text->str));
  else if (g_str_equal (element, "t"))
    book->in_t = FALSE;
  else if (g_str_equal (element, "cellXfs"))
    book->in_cellxfs = FALSE;
}

static void
book_text (
    GMarkupParseContext *context, const char *text, gsize len, gpointer user_data, GError **error)
{
  XlsxBook *book = user_data;
  if (book->in_t)
    g_string_append_len (book->text, text, len);
}

static void
parse_xml (const char *xml, const GMarkupParser *parser, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  GMarkupParseContext *context = g_markup_parse_context_new (parser, 0, user_data, NULL);

  g_assert_true (g_markup_parse_context_parse (context, xml, -1, &error));
  g_assert_no_error (error);
  g_markup_parse_context_free (context);
}

XlsxBook *
xlsx_book_read (const char *path)
{
  static const GMarkupParser parser = { book_start, book_end, book_text, NULL, NULL };
  XlsxBook                  *book = g_new0 (XlsxBook, 1);
  g_autofree char           *workbook = unzip_member (path, "xl/workbook.xml");
  g_autofree char           *strings = unzip_member (path, "xl/sharedStrings.xml");
  g_autofree char           *styles = unzip_member (path, "xl/styles.xml");

  book->sheet_names = g_ptr_array_new_with_free_func (g_free);
  book->strings = g_ptr_array_new_with_free_func (g_free);
  book->xf_numfmt = g_array_new (FALSE, FALSE, sizeof (int));
  book->numfmts = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  book->text = g_string_new (NULL);
  parse_xml (workbook, &parser, book);
  parse_xml (strings, &parser, book);
  parse_xml (styles, &parser, book);
  return book;
}

void
xlsx_book_free (XlsxBook *book)
{
  g_ptr_array_unref (book->sheet_names);
  g_ptr_array_unref (book->strings);
  g_array_unref (book->xf_numfmt);
  g_hash_table_unref (book->numfmts);
  g_string_free (book->text, TRUE);
  g_free (book);
}

static void
sheet_start (GMarkupParseContext *context,
             const char          *element,
             const char         **names,
             const char         **values,
             gpointer             user_data,
             GError             **error)
{
  XlsxSheet *sheet = user_data;

  if (g_str_equal (element, "c"))
    {
      XlsxCell   *cell = g_new0 (XlsxCell, 1);
      const char *style = attr (names, values, "s");
      cell->type = g_strdup (attr (names, values, "t"));
      cell->style = style ? atoi (style) : 0;
      cell->value = g_string_new (NULL);
      g_hash_table_insert (sheet->cells, g_strdup (attr (names, values, "r")), cell);
      sheet->current = cell;
    }
  else if (g_str_equal (element, "pane"))
    sheet->frozen_header = g_strcmp0 (attr (names, values, "ySplit"), "1") == 0 &&
                           g_strcmp0 (attr (names, values, "state"), "frozen") == 0;
}

static void
sheet_end (GMarkupParseContext *context, const char *element, gpointer user_data, GError **error)
{
  if (g_str_equal (element, "c"))
    ((XlsxSheet *) user_data)->current = NULL;
}

static void
sheet_text (
    GMarkupParseContext *context, const char *text, gsize len, gpointer user_data, GError **error)
{
  XlsxSheet *sheet = user_data;
  if (sheet->current && g_str_equal (g_markup_parse_context_get_element (context), "v"))
    g_string_append_len (sheet->current->value, text, len);
}

XlsxSheet *
xlsx_sheet_read (const char *path, XlsxBook *book, guint index)
{
  static const GMarkupParser parser = { sheet_start, sheet_end, sheet_text, NULL, NULL };
  g_autofree char           *member = g_strdup_printf ("xl/worksheets/sheet%u.xml", index + 1);
  g_autofree char           *xml = unzip_member (path, member);
  XlsxSheet                 *sheet = g_new0 (XlsxSheet, 1);

  sheet->cells =
      g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) cell_free);
  sheet->strings = book->strings;
  parse_xml (xml, &parser, sheet);
  return sheet;
}

void
xlsx_sheet_free (XlsxSheet *sheet)
{
  g_hash_table_unref (sheet->cells);
  g_free (sheet);
}

/* The text of a string cell, or NULL when the cell is absent. Fails on a non-string cell. */
const char *
xlsx_sheet_string (XlsxSheet *sheet, const char *ref)
{
  XlsxCell *cell = g_hash_table_lookup (sheet->cells, ref);

  if (cell == NULL)
    return NULL;
  g_assert_cmpstr (cell->type, ==, "s");
  return g_ptr_array_index (sheet->strings, atoi (cell->value->str));
}

/* The value of a number cell (no t attribute); NAN when absent. Fails on a string cell. */
double
xlsx_sheet_number (XlsxSheet *sheet, const char *ref, int *style)
{
  XlsxCell *cell = g_hash_table_lookup (sheet->cells, ref);

  if (cell == NULL)
    return NAN;
  g_assert_null (cell->type);
  if (style)
    *style = cell->style;
  return g_ascii_strtod (cell->value->str, NULL);
}

const char *
xlsx_book_format_of (XlsxBook *book, int style)
{
  int id;
  g_assert_cmpuint (style, <, book->xf_numfmt->len);
  id = g_array_index (book->xf_numfmt, int, style);
  return g_hash_table_lookup (book->numfmts, GINT_TO_POINTER (id));
}

/* The column (letters) whose header in row 1 is @title. */
char *
xlsx_sheet_column (XlsxSheet *sheet, const char *title)
{
  for (char c = 'A'; c <= 'Z'; c++)
    for (int prefix = -1; prefix < 26; prefix++)
      {
        g_autofree char *col =
            prefix < 0 ? g_strdup_printf ("%c", c) : g_strdup_printf ("%c%c", 'A' + prefix, c);
        g_autofree char *ref = g_strdup_printf ("%s1", col);
        const char      *text =
            g_hash_table_contains (sheet->cells, ref) ? xlsx_sheet_string (sheet, ref) : NULL;
        if (g_strcmp0 (text, title) == 0)
          return g_steal_pointer (&col);
      }
  g_error ("no column titled %s", title);
  return NULL;
}

/* The row (1-based) whose column @col holds @text. */
guint
xlsx_sheet_find_row (XlsxSheet *sheet, const char *col, const char *text)
{
  for (guint row = 2; row < 10000; row++)
    {
      g_autofree char *ref = g_strdup_printf ("%s%u", col, row);
      if (!g_hash_table_contains (sheet->cells, ref))
        continue;
      if (g_strcmp0 (xlsx_sheet_string (sheet, ref), text) == 0)
        return row;
    }
  g_error ("no row with %s", text);
  return 0;
}

double
xlsx_sheet_value (XlsxSheet *sheet, const char *title, guint row, int *style)
{
  g_autofree char *col = xlsx_sheet_column (sheet, title);
  g_autofree char *ref = g_strdup_printf ("%s%u", col, row);
  return xlsx_sheet_number (sheet, ref, style);
}

/* Excel's serial day number of an ISO date (1900 date system), computed here independently. */
double
xlsx_excel_serial (const char *iso)
{
  GDate epoch, date;
  int   y, m, d;

  g_assert_cmpint (sscanf (iso, "%d-%d-%d", &y, &m, &d), ==, 3);
  g_date_clear (&epoch, 1);
  g_date_clear (&date, 1);
  g_date_set_dmy (&epoch, 30, G_DATE_DECEMBER, 1899);
  g_date_set_dmy (&date, d, m, y);
  return g_date_days_between (&epoch, &date);
}

/* Whether some cell of column A below the table starts with @text. */
gboolean
xlsx_sheet_has_note (XlsxSheet *sheet, const char *text)
{
  for (guint row = 2; row < 200; row++)
    {
      g_autofree char *ref = g_strdup_printf ("A%u", row);
      if (g_hash_table_contains (sheet->cells, ref) &&
          g_str_has_prefix (xlsx_sheet_string (sheet, ref), text))
        return TRUE;
    }
  return FALSE;
}
