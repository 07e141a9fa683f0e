/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-import.h — the CSV importers of SPEC §7: mice, measurements, and Gao 2015's PDXE sheet.
 *
 * Each import is one transaction: every row or none. A bad row stops it with PDX_IMPORT_ERROR and
 * a message "FILE:LINE:COLUMN: what was found; what was expected"; the database is then exactly as
 * it was. */
#pragma once

#include <glib.h>

#include "pdx-db.h"

G_BEGIN_DECLS

typedef struct
{
  guint      rows; /* data rows read */
  guint      lines_created;
  guint      studies_created;
  guint      arms_created;
  guint      mice_created;
  guint      mice_updated;
  guint      measurements_created;
  guint      measurements_updated;
  guint      endpoints_created;
  GPtrArray *created; /* human lines: "study S1", "arm S1/vehicle" (owned strings) */
  /* "FILE:LINE:COLUMN: body weight 75 g is unusual (usual: 8–60 g)" for each value outside its
   * usual range (pdx_quantity_check), at most PDX_IMPORT_MAX_UNUSUAL of them, and how many there
   * were in all. Kept when the import fails with PDX_IMPORT_ERROR_UNUSUAL, so that a dialog can
   * list them; with accept_unusual they are what was accepted. */
  GPtrArray *unusual;
  guint      n_unusual;
} PdxImportReport;

#define PDX_IMPORT_MAX_UNUSUAL 10

void pdx_import_report_clear (PdxImportReport *report);

/* Optional progress: called every 4,096 rows with the bytes read so far and the file's size;
 * returning FALSE cancels (the import then fails with G_IO_ERROR_CANCELLED and changes nothing). */
typedef gboolean (*PdxImportProgress) (guint64 done, guint64 total, gpointer user_data);

typedef enum
{
  PDX_IMPORT_KIND_MICE,
  PDX_IMPORT_KIND_MEASUREMENTS,
  PDX_IMPORT_KIND_PDXE,
} PdxImportKind;

typedef struct
{
  /* Values outside their usual (soft) range are stored only when the person confirmed them:
   * FALSE refuses the whole import with PDX_IMPORT_ERROR_UNUSUAL, listing them. Impossible
   * values (outside the hard range, not finite) and dates after today are refused whatever
   * this says. */
  gboolean          accept_unusual;
  PdxImportProgress progress;
  gpointer          progress_data;
  /* Why saved values are replaced: a measurements import that merges into a measurement the lab
   * already had and changes one of its values is refused with PDX_IMPORT_ERROR_NEEDS_REASON
   * (nothing imported) unless this says why. Recorded on the import's audit entries as
   * "import FILE: REASON". NULL or blank: none (new values need none). */
  const char *reason;
} PdxImportOptions;

/* Imports @path as @kind (@options may be NULL: nothing unusual accepted, no progress). */
gboolean pdx_import_file (PdxDb                  *db,
                          PdxImportKind           kind,
                          const char             *path,
                          const PdxImportOptions *options,
                          PdxImportReport        *report,
                          GError                **error);

/* The same with accept_unusual FALSE. */
gboolean pdx_import_mice (PdxDb            *db,
                          const char       *path,
                          PdxImportReport  *report,
                          PdxImportProgress progress,
                          gpointer          user_data,
                          GError          **error);
gboolean pdx_import_measurements (PdxDb            *db,
                                  const char       *path,
                                  PdxImportReport  *report,
                                  PdxImportProgress progress,
                                  gpointer          user_data,
                                  GError          **error);
gboolean pdx_import_pdxe (PdxDb            *db,
                          const char       *path,
                          PdxImportReport  *report,
                          PdxImportProgress progress,
                          gpointer          user_data,
                          GError          **error);

G_END_DECLS
