/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-records.h — the records an importer reads, from a CSV file or a worksheet alike: fields
 * of each record and where each was found, in the words a person finds it by (a CSV file's
 * "LINE:COLUMN", a worksheet's "Sheet1!B7"). */
#pragma once

#include <glib.h>

#include "pdx-csv.h"

G_BEGIN_DECLS

typedef struct _PdxRecords PdxRecords;

/* Records of a CSV file; takes @reader over (freed with the records). */
PdxRecords *pdx_records_new_for_csv (PdxCsvReader *reader);
void        pdx_records_free (PdxRecords *records);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdxRecords, pdx_records_free)

/* Reads the next record (borrowed fields, valid until the next call): as
 * pdx_csv_reader_next (): TRUE with a record, FALSE at the end (@error unset) or on error
 * (@error set, the message starting with the file's name and where). */
gboolean pdx_records_next (PdxRecords *records, char ***fields, guint *n_fields, GError **error);
/* The line (of a CSV file) or row (of a worksheet) of the last record, 1-based. */
guint pdx_records_get_line (PdxRecords *records);
/* Where field @index of the last record starts, without the file's name: "LINE:COLUMN" of a
 * CSV file, "Sheet1!B7" of a worksheet; @index -1 (or past the record's end) is the record's
 * start ("LINE:1", "Sheet1!A7"). A new string. */
char *pdx_records_dup_where (PdxRecords *records, int index);
/* How far the reading is, and its end, in bytes of the input (or in rows of a worksheet). */
guint64     pdx_records_get_position (PdxRecords *records, guint64 *total);
const char *pdx_records_get_name (PdxRecords *records);
/* The file's SHA-256 (lowercase hex) and size in bytes, of the very bytes read. */
const char *pdx_records_get_sha256 (PdxRecords *records);
guint64     pdx_records_get_size (PdxRecords *records);
/* The CSV reader behind the records (borrowed), or NULL when they come from a worksheet. */
PdxCsvReader *pdx_records_get_csv (PdxRecords *records);
/* The worksheet as a cell reference names it ("Sheet1", "'Dose weights'"), or NULL for CSV. */
const char *pdx_records_get_sheet (PdxRecords *records);

G_END_DECLS
