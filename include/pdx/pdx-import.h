/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-import.h — the importers of SPEC §7: mice, measurements (CSV or an Excel workbook's sheet),
 * Gao 2015's PDXE sheet, and IVIS Living Image ROI exports (docs/import-ivis.md).
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
  /* IVIS imports: every ROI of the file in file order (PdxIvisRoi, owned), the ROIs that match
   * no mouse, the warnings (settings that differ from the study's first imaging session, ROIs
   * that look saturated; owned strings), and in words how several ROIs of a mouse and day
   * became its BLI flux and where the acquisition settings came from. Kept on a dry run (the
   * preview) and on success. */
  GPtrArray *rois;
  guint      n_unmatched;
  GPtrArray *warnings;
  char      *views_rule;
  char      *settings;
  /* How the file was read when it was not a plain CSV file, in words: "sheet Sheet1 of the
   * workbook", "the file as semicolon-separated, with decimal commas"; NULL otherwise. */
  char *source;
} PdxImportReport;

/* One ROI of an IVIS export as the import read and mapped it. */
typedef struct
{
  guint    line;         /* of the export */
  char    *image_number; /* "JD20260305103215_001a", or NULL */
  char    *roi;          /* "ROI 1" */
  char    *label;        /* the ROI Label or Animal Number the mouse was matched by, or NULL */
  char    *view;         /* the View label ("dorsal"), or NULL */
  char    *tag;          /* the mouse of the study it matched, or NULL (no mouse) */
  char    *date;         /* YYYY-MM-DD of the measurement */
  char    *acquired;     /* "YYYY-MM-DDThh:mm:ss" from Date and Time or Image Number, or NULL */
  double   total_flux;   /* photons/s */
  double   avg_radiance; /* photons/s/cm²/sr, NAN when not exported */
  double   bli_flux;     /* the measurement's BLI flux this ROI is part of (NAN: unmatched) */
  gboolean saturated;
} PdxIvisRoi;

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
  PDX_IMPORT_KIND_IVIS,
} PdxImportKind;

/* How an IVIS export's ROIs find their mouse: the ROI Label column, or the Animal Number. */
typedef enum
{
  PDX_IVIS_MAP_ROI_LABEL,
  PDX_IVIS_MAP_ANIMAL_NUMBER,
} PdxIvisMap;

/* Several ROIs of one mouse and day: their sum is the BLI flux, or each view is kept apart and
 * the BLI flux is the view named readout_view's. */
typedef enum
{
  PDX_IVIS_VIEWS_SUM,
  PDX_IVIS_VIEWS_SEPARATE,
} PdxIvisViews;

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
  /* Read, check and map everything, report it, then roll back: the lab is left untouched (the
   * Import dialog's preview, the CLI's --dry-run). */
  gboolean dry_run;
  /* IVIS imports: the study (required), how ROIs map to mice, the date when neither Date and
   * Time nor the Image Number carries one (YYYY-MM-DD, or NULL), how views combine, the view
   * whose ROIs are the BLI flux with PDX_IVIS_VIEWS_SEPARATE, and whether ROIs that match no
   * mouse are left out (FALSE: they refuse the import, listed in the report). */
  const char  *study;
  PdxIvisMap   map;
  const char  *date;
  PdxIvisViews views;
  const char  *readout_view;
  gboolean     skip_unmatched;
  /* Mice and measurements imports of a workbook (a file named .xlsx): the sheet to read
   * (NULL: the first). Given for a CSV file, it is refused. */
  const char *sheet;
  /* CSV imports: numbers have a decimal comma ("19,6"; a point is then refused), and the
   * fields may be separated by semicolons (seen from the header line). */
  gboolean decimal_comma;
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
