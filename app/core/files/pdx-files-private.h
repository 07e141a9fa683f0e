/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-files-private.h — what the readers of the files module share: reading a file whole, and
 * the table of functions behind a PdxRecords. */
#pragma once

#include "pdx/pdx-records.h"

#include <glib.h>

G_BEGIN_DECLS

/* Sets @error to "PATH: cannot read: REASON" (PDX_IMPORT_ERROR_IO); returns FALSE. */
gboolean pdx_files_read_failed (const char *path, int err, GError **error);
/* Reads @fd to its end into a new NUL-terminated buffer (its length in *@len), feeding every
 * byte to @checksum as it arrives; @hint is the expected size. NULL and @error on failure. */
char *pdx_files_read_all (
    const char *path, int fd, gsize hint, GChecksum *checksum, gsize *len, GError **error);

/* What a kind of record source does; each function gets the PdxRecords itself. */
typedef struct
{
  gboolean (*next) (PdxRecords *records, char ***fields, guint *n_fields, GError **error);
  guint (*get_line) (PdxRecords *records);
  char *(*dup_where) (PdxRecords *records, int index);
  guint64 (*get_position) (PdxRecords *records, guint64 *total);
  const char *(*get_name) (PdxRecords *records);
  const char *(*get_sha256) (PdxRecords *records);
  guint64 (*get_size) (PdxRecords *records);
  void (*free) (PdxRecords *records);
} PdxRecordsKind;

/* Every record source starts with this. */
struct _PdxRecords
{
  const PdxRecordsKind *kind;
  PdxCsvReader         *csv;   /* the CSV reader behind it, or NULL */
  const char           *sheet; /* the worksheet as a reference names it, or NULL */
};

G_END_DECLS
