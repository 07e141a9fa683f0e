/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-output.h — every file pdxtrack writes (exports, charts, report, backup) is whole or not
 * there: written to a temporary file beside the target, checked, synced, then renamed over it. */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* A file being written. Errors are G_IO_ERROR, and every message names the target, never the
 * temporary file. */
typedef struct _PdxOutput PdxOutput;

typedef enum
{
  PDX_OUTPUT_REPLACE = 0,         /* an existing regular file is replaced, its mode kept */
  PDX_OUTPUT_NO_REPLACE = 1 << 0, /* an existing target is refused, also at the final step */
} PdxOutputFlags;

/* Starts writing @path. Refuses (G_IO_ERROR_*) a target that is a symbolic link, a directory, a
 * device, a FIFO or a socket; a folder that does not exist or cannot be written; with
 * PDX_OUTPUT_NO_REPLACE, a target that exists. On success the temporary file exists, empty,
 * created with O_CREAT | O_EXCL in the target's folder as ".NAME.pdxtrack-tmp-HOST-PID-XXXXXX",
 * with the mode of the file it will replace (else 0666 less the umask). Temporary files for the
 * same target left by killed processes of this host (their PID no longer runs) are removed. */
PdxOutput *pdx_output_begin (const char *path, PdxOutputFlags flags, GError **error);

/* The temporary file's descriptor and path (borrowed), for writers that need a file name
 * (SQLite's backup). */
int         pdx_output_get_fd (PdxOutput *output);
const char *pdx_output_get_temp_path (PdxOutput *output);

/* Appends @len bytes; every short write is retried and every failure is kept: the first one is
 * what pdx_output_commit reports, and later writes do nothing. Returns FALSE once failed. */
gboolean pdx_output_write (PdxOutput *output, const void *data, gsize len, GError **error);

/* A cairo_write_func_t whose closure is a PdxOutput: cairo surfaces (PDF, SVG, PNG streams) write
 * straight through pdx_output_write. */
cairo_status_t
pdx_output_cairo_write (void *closure, const unsigned char *data, unsigned int length);

/* Records a failure found by the writer itself (a cairo status, libxlsxwriter's workbook_close)
 * so that commit refuses: "cannot write PATH: @reason". Only the first failure is kept. */
void pdx_output_fail (PdxOutput *output, const char *reason);

/* Finishes the file: refuses when any write failed; fsyncs and closes the temporary file,
 * renames it over the target (with PDX_OUTPUT_NO_REPLACE: without replacing a file that
 * appeared meanwhile), then fsyncs the folder. On any failure the temporary file is removed
 * and the target is as it was. Call once; then free the output. */
gboolean pdx_output_commit (PdxOutput *output, GError **error);

/* Frees @output; an output not committed is abandoned: its temporary file is removed. */
void pdx_output_free (PdxOutput *output);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdxOutput, pdx_output_free)

/* Writes @len bytes of @data to @path through the steps above (replacing). */
gboolean pdx_output_set_contents (const char *path, const void *data, gsize len, GError **error);

/* CSV cells as spreadsheets read them (OWASP's CSV injection advice): a cell that begins with
 * '=', '+', '-', '@', a tab or a carriage return and is not a plain decimal number
 * ("-54.28", "+1e-05") is written as "'CELL", quoted. Everything else as pdx_csv_write_field. */
gboolean pdx_output_csv_cell_is_risky (const char *cell);
void     pdx_output_csv_write_record (GString *out, const char *const *fields, guint n_fields);

G_END_DECLS
