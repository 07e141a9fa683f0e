/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-xlsx-private.h — the workbook reader's parts: the workbook as read (pdx-xlsx.c) and the
 * streaming readers of its shared strings and of a worksheet (pdx-xlsx-sheet.c). */
#pragma once

#include "pdx-files-private.h"

G_BEGIN_DECLS

/* One row of a worksheet with something in it. */
typedef struct
{
  guint      number; /* the sheet's row number, 1-based */
  GPtrArray *cells;  /* char * per column from A; NULL: an empty cell */
} PdxXlsxRow;

void pdx_xlsx_row_free (gpointer row);

/* A merged range, 1-based and inclusive. */
typedef struct
{
  guint first_column, first_row, last_column, last_row;
} PdxXlsxRange;

typedef struct
{
  PdxRecords base;
  char      *name;   /* the file's path, as given */
  char      *sheet;  /* the sheet's name */
  char      *ref;    /* the sheet as a cell reference names it: Sheet1, 'Dose weights' */
  char      *sha256; /* of the file's bytes */
  guint64    size;   /* the file's size */
  gboolean   date1904;
  GPtrArray *strings; /* the shared strings */
  GArray    *styles;  /* guint8 per cell format (cellXfs): a PdxXlsxDateKind */
  GPtrArray *rows;    /* PdxXlsxRow *, in sheet order */
  GArray    *merges;  /* PdxXlsxRange */
  /* Reading the records: the next row, the header's width, the last record's row and fields. */
  guint      next_row;
  guint      width;
  guint      row_number;
  GPtrArray *fields;
} PdxXlsxBook;

/* What a cell format makes of a number. */
typedef enum
{
  PDX_XLSX_NUMBER,
  PDX_XLSX_DATE, /* a date (with the time of day if it has one) */
  PDX_XLSX_TIME, /* a time of day (a serial of 1 or more: its date and time) */
} PdxXlsxDateKind;

/* The kind of a number format, built in (@id) or the workbook's own (@code, or NULL). */
PdxXlsxDateKind pdx_xlsx_format_kind (guint id, const char *code);

/* Reads xl/sharedStrings.xml into book->strings; and a worksheet's cells into book->rows and
 * its merged ranges into book->merges. @part names the part in messages. */
gboolean pdx_xlsx_read_strings (
    PdxXlsxBook *book, const char *xml, gsize len, const char *part, GError **error);
gboolean pdx_xlsx_read_sheet (
    PdxXlsxBook *book, const char *xml, gsize len, const char *part, GError **error);

/* "B" of column 2, "AA" of 27; column (1-based) and row of a reference "B7" (FALSE: not one). */
char    *pdx_xlsx_column_name (guint column);
gboolean pdx_xlsx_parse_ref (const char *ref, guint *column, guint *row);

/* The text of a serial day number as @kind shows it; NULL when it is no day Excel can show. */
char *pdx_xlsx_serial_text (double serial, gboolean date1904, PdxXlsxDateKind kind);
/* A whole number below 10^15 in full; any other, the shortest decimal text that reads back as
 * @value (locale-independent). */
char *pdx_xlsx_number_text (double value);

/* "FILE: the workbook is damaged (DETAIL); save it again in Excel", PDX_IMPORT_ERROR_FORMAT. */
gboolean pdx_xlsx_damaged (PdxXlsxBook *book, GError **error, const char *format, ...)
    G_GNUC_PRINTF (3, 4);

G_END_DECLS
