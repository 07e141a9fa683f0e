/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-xlsx.h — reading one worksheet of an Excel workbook (.xlsx, Office Open XML) as records,
 * the way an importer reads a CSV file (docs/import-formats.md, "Excel workbooks"). */
#pragma once

#include <glib.h>

#include "pdx-records.h"

G_BEGIN_DECLS

/* Whether @path is named as an Excel workbook: it ends in .xlsx or .xlsm (any case). */
gboolean pdx_xlsx_is_workbook_name (const char *path);

/* Reads the workbook at @path whole (its SHA-256 and size are of those bytes) and worksheet
 * @sheet of it (matched as Excel matches names, ignoring case; NULL: the first sheet that is not
 * hidden), every cell as text: shared and inline strings (rich text runs joined), numbers as
 * the shortest text that reads back as the same double (whole numbers in full), numbers with a
 * date format as YYYY-MM-DD (the 1900 or 1904 date system of the workbook; a time of day, when
 * there is one, after a space as hh:mm:ss), booleans as TRUE/FALSE. Blank rows, and empty columns
 * after the header's last, are left out; empty cells between are empty fields.
 *
 * Refused, with PDX_IMPORT_ERROR and a message "FILE: …" or "FILE:Sheet1!B7: …": a file that is
 * not a workbook (an Excel 97–2003 .xls named as such), a damaged one, one whose parts hold more
 * than 512 MiB of uncompressed data, a sheet that is not there, an empty sheet, merged cells in
 * the header row, and a cell holding an error (#N/A, #DIV/0!, …). */
PdxRecords *pdx_xlsx_open (const char *path, const char *sheet, GError **error);

/* A test seam: the most uncompressed bytes read from one workbook; 0 restores 512 MiB. */
void pdx_xlsx_set_size_limit (guint64 limit);

G_END_DECLS
