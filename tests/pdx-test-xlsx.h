/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-test-xlsx.h — reading an XLSX workbook back in tests: sheet names, shared strings, number
 * formats, and each sheet's cells with their types and styles (through `unzip -p` and
 * GMarkup). Every failure is a test assertion. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char    *type;  /* t attribute: "s", "str", "n" … ; NULL when absent (a number) */
  int      style; /* s attribute, 0 when absent */
  GString *value;
} XlsxCell;

typedef struct
{
  GHashTable *cells;         /* "B2" → XlsxCell */
  gboolean    frozen_header; /* <pane ySplit="1" … state="frozen"/> */
  GPtrArray  *strings;       /* shared strings of the workbook (borrowed) */
  XlsxCell   *current;
} XlsxSheet;

typedef struct
{
  GPtrArray  *sheet_names;
  GPtrArray  *strings;
  GArray     *xf_numfmt; /* int per cellXfs entry */
  GHashTable *numfmts;   /* id (int) → format code */
  gboolean    in_cellxfs;
  GString    *text; /* sharedStrings <t> collector */
  gboolean    in_t;
} XlsxBook;

XlsxBook *xlsx_book_read (const char *path);
void      xlsx_book_free (XlsxBook *book);
/* Sheet @index (0-based) of the workbook at @path; its strings are @book's. */
XlsxSheet *xlsx_sheet_read (const char *path, XlsxBook *book, guint index);
void       xlsx_sheet_free (XlsxSheet *sheet);
/* The text of a string cell, or NULL when the cell is absent. Fails on a non-string cell. */
const char *xlsx_sheet_string (XlsxSheet *sheet, const char *ref);
/* The value of a number cell; NAN when absent. Fails on a string cell. */
double xlsx_sheet_number (XlsxSheet *sheet, const char *ref, int *style);
/* The number format code of cell style @style. */
const char *xlsx_book_format_of (XlsxBook *book, int style);
/* The column (letters) whose header in row 1 is @title. */
char *xlsx_sheet_column (XlsxSheet *sheet, const char *title);
/* The row (1-based) whose column @col holds @text. */
guint xlsx_sheet_find_row (XlsxSheet *sheet, const char *col, const char *text);
/* The number in column @title of @row. */
double xlsx_sheet_value (XlsxSheet *sheet, const char *title, guint row, int *style);
/* Excel's serial day number of an ISO date (1900 date system), computed independently. */
double xlsx_excel_serial (const char *iso);
/* Whether some cell of column A below the table starts with @text. */
gboolean xlsx_sheet_has_note (XlsxSheet *sheet, const char *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XlsxBook, xlsx_book_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XlsxSheet, xlsx_sheet_free)

G_END_DECLS
