/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-csv.h — RFC 4180 CSV: a strict streaming reader that knows line and column, and a writer. */
#pragma once

#include <glib.h>
#include <stdio.h>

G_BEGIN_DECLS

typedef struct _PdxCsvReader PdxCsvReader;

/* Opens @path and reads it whole into memory (a file or a pipe; never mapped, so a file cut
 * short meanwhile gives an error, not SIGBUS). Refuses a file that is not UTF-8 text (a NUL
 * byte, invalid UTF-8) with PDX_IMPORT_ERROR_FORMAT at the first record that holds it. A UTF-8
 * BOM is skipped. At the end of the input, a regular file whose size or modification time is not
 * what it was when opened is refused with PDX_IMPORT_ERROR_IO ("… changed while it was being
 * read"). */
PdxCsvReader *pdx_csv_reader_open (const char *path, GError **error);
/* How pdx_csv_reader_open_with () reads what instruments write (docs/import-ivis.md). */
typedef enum
{
  /* A file that is not UTF-8 is read as Windows-1252 (Living Image on Windows writes the ² of
   * "cm²" as the byte 0xB2); bytes Windows-1252 does not define, and NUL bytes, are refused. */
  PDX_CSV_WINDOWS_1252 = 1 << 0,
  /* Fields are separated by tabs when the first line has a tab before any comma. */
  PDX_CSV_SNIFF_TAB = 1 << 1,
  /* Fields are separated by semicolons when the first line has a semicolon before any comma
   * (and tab, with PDX_CSV_SNIFF_TAB): what Excel writes in a locale with decimal commas. */
  PDX_CSV_SNIFF_SEMICOLON = 1 << 2,
} PdxCsvFlags;

/* pdx_csv_reader_open () reading as @flags say. Lines and columns count the decoded text; the
 * SHA-256 and size stay the file's own bytes. */
PdxCsvReader *pdx_csv_reader_open_with (const char *path, PdxCsvFlags flags, GError **error);
/* ',', '\t' or ';'; "UTF-8" or "Windows-1252" (static strings). */
char        pdx_csv_reader_get_delimiter (PdxCsvReader *reader);
const char *pdx_csv_reader_get_encoding (PdxCsvReader *reader);
/* A test seam: called after every chunk read(2) returns, with the bytes read so far. NULL
 * removes it. Not thread-safe; for tests only. */
typedef void (*PdxCsvReadHook) (const char *path, guint64 done, gpointer user_data);
void pdx_csv_set_read_hook (PdxCsvReadHook hook, gpointer user_data);
/* Reads from memory (not copied: @text must outlive the reader). @name is used in messages. */
PdxCsvReader *pdx_csv_reader_new_for_data (const char *name, const char *text, gsize len);
void          pdx_csv_reader_free (PdxCsvReader *reader);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdxCsvReader, pdx_csv_reader_free)

/* Reads the next record. Returns TRUE with the fields (borrowed; valid until the next call) in
 * @fields/@n_fields, or FALSE at end of input (@error unset) or on a malformed record or a file
 * that changed while it was read (@error set, "FILE:LINE:COLUMN: …" / "FILE: …"). Blank lines
 * are skipped; CR LF, LF and a lone CR each end a line. */
gboolean
pdx_csv_reader_next (PdxCsvReader *reader, char ***fields, guint *n_fields, GError **error);
/* The physical line on which the last record started (1-based), and the column (1-based
 * character position) at which field @index started. */
guint pdx_csv_reader_get_line (PdxCsvReader *reader);
guint pdx_csv_reader_get_column (PdxCsvReader *reader, guint index);
/* The physical line on which field @index of the last record starts (differs from the record's
 * line after a quoted field that holds a line break). */
guint pdx_csv_reader_get_field_line (PdxCsvReader *reader, guint index);
/* Bytes consumed so far, and the input's size in *@total. */
guint64     pdx_csv_reader_get_position (PdxCsvReader *reader, guint64 *total);
const char *pdx_csv_reader_get_name (PdxCsvReader *reader);
/* The file's SHA-256 as lowercase hex (64 characters), computed from the bytes as they were
 * read (the reader reads a file once, whole, before parsing), and its size in bytes; NULL for a
 * reader of memory (pdx_csv_reader_new_for_data). */
const char *pdx_csv_reader_get_sha256 (PdxCsvReader *reader);
guint64     pdx_csv_reader_get_size (PdxCsvReader *reader);

/* Writes one field/record with RFC 4180 quoting (quotes only where needed), CRLF line ends
 * are not used: records end in "\n". */
void pdx_csv_write_field (GString *out, const char *field);
void pdx_csv_write_record (GString *out, const char *const *fields, guint n_fields);

G_END_DECLS
