/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-import-private.h — what the importers share: the header map, typed field parsing with
 * FILE:LINE:COLUMN errors, and the transaction/report/progress frame. */
#pragma once

#include "pdx/pdx-csv.h"
#include "pdx/pdx-records.h"
#include "pdx/pdx-import.h"
#include "pdx/pdx-model.h"
#include "store/pdx-store.h"

G_BEGIN_DECLS

typedef struct
{
  const char *name; /* lower-case header name */
  gboolean    required;
  const char *alias; /* another accepted name, or NULL */
  /* Also matches a header that starts with the name followed by a space, '[' or '(':
   * "total flux" matches "Total Flux [p/s]" (instruments vary the units' spelling). */
  gboolean prefix;
} PdxImportColumn;

/* How an importer reads its file, beyond the CSV layouts' defaults. */
typedef struct
{
  PdxCsvFlags csv_flags;
  /* Header names that match no column are skipped rather than refused (an instrument's export
   * carries whichever user-label columns the operator chose). */
  gboolean ignore_unknown;
  /* Read as CSV whatever the file's name: an instrument's export is text, never a workbook. */
  gboolean text_only;
} PdxImporterSetup;

typedef struct
{
  PdxDb                  *db;
  PdxRecords             *records;
  PdxCsvReader           *reader; /* the CSV reader behind records, NULL for a worksheet */
  PdxImportReport        *report;
  PdxImportProgress       progress;
  gpointer                progress_data;
  guint64                 total_bytes;
  const PdxImportColumn  *columns;
  guint                   n_columns;
  int                    *index;  /* [n_columns]: field index of each column, -1 absent */
  char                  **fields; /* current record */
  guint                   n_fields;
  gboolean                accept_unusual;
  gboolean                ignore_unknown; /* PdxImporterSetup.ignore_unknown */
  gboolean                decimal_comma;  /* PdxImportOptions.decimal_comma */
  const PdxImportOptions *options;        /* never NULL inside a body */
  const char             *reason; /* the person's reason for replacing saved values, or NULL */
  gboolean                provenance_recorded; /* the body wrote the file's provenance itself */
  char                   *today;         /* the local date when the import started, YYYY-MM-DD */
  char                   *first_unusual; /* "FILE:LINE:COLUMN" of the first unusual value, owned */
} PdxImporter;

/* Reads and maps the header line; unknown or missing required columns are an error. */
gboolean pdx_importer_header (PdxImporter *im, GError **error);
/* Reads the next data record into im->fields; FALSE at the end (@error unset) or on error. A
 * record with the wrong number of fields is an error. Calls the progress callback. */
gboolean pdx_importer_next (PdxImporter *im, GError **error);
/* The field of column @c (trimmed, borrowed), or NULL when the column is absent or empty. */
const char *pdx_importer_get (PdxImporter *im, guint c);

/* Sets @error to "FILE:LINE:COLUMN: column 'x' has 'v'; expected …" for column @c. */
gboolean pdx_importer_fail (
    PdxImporter *im, GError **error, PdxImportError code, guint c, const char *format, ...)
    G_GNUC_PRINTF (5, 6);
/* Same, at the start of the record, without naming a column. */
gboolean pdx_importer_fail_row (PdxImporter   *im,
                                GError       **error,
                                PdxImportError code,
                                const char    *format,
                                ...) G_GNUC_PRINTF (4, 5);

/* Typed parsers: absent/empty fields give the "not recorded" value and TRUE. */
gboolean pdx_importer_real (PdxImporter *im, guint c, double *out, GError **error);
gboolean pdx_importer_int (PdxImporter *im, guint c, int min, int max, int *out, GError **error);
gboolean pdx_importer_date (PdxImporter *im, guint c, char **out, GError **error);
gboolean pdx_importer_bool (PdxImporter *im, guint c, int *out, GError **error); /* -1 absent */
/* pdx_importer_date () for a date that has happened (a measurement, an endpoint, a birth, an
 * implant): a date after today is refused. */
gboolean pdx_importer_past_date (PdxImporter *im, guint c, char **out, GError **error);
/* Refuses @date (of column @c, computed or read) when it is after today. */
gboolean pdx_importer_check_past (PdxImporter *im, guint c, const char *date, GError **error);
/* Checks @value (of column @c, read or derived from it) as @quantity: impossible values are a
 * FILE:LINE:COLUMN error; unusual ones are noted in the report (the import is refused at its
 * end unless accept_unusual). NAN (not recorded) passes. */
gboolean pdx_importer_quantity (
    PdxImporter *im, guint c, PdxQuantity quantity, double value, GError **error);

/* Runs @body inside one transaction with the audit reason "import FILE"; rolls back on error,
 * clearing the report's counts so a failed import reports nothing created. Unless @body set
 * provenance_recorded (the bulk measurement import's per-study entries carry it), one audit
 * entry of action 'import' and table 'import' records the file: its base name, size in bytes,
 * SHA-256 (pdx_records_get_sha256: of the bytes imported) and data rows. */
gboolean pdx_importer_run (PdxDb                  *db,
                           const char             *path,
                           const PdxImportColumn  *columns,
                           guint                   n_columns,
                           PdxImportReport        *report,
                           const PdxImportOptions *options,
                           gboolean (*body) (PdxImporter *im, GError **error),
                           GError **error);

/* pdx_importer_run () reading as @setup says (NULL: the CSV layouts' defaults). With
 * options->dry_run the body runs and then everything is rolled back (a preview). */
gboolean pdx_importer_run_setup (PdxDb                  *db,
                                 const char             *path,
                                 const PdxImporterSetup *setup,
                                 const PdxImportColumn  *columns,
                                 guint                   n_columns,
                                 PdxImportReport        *report,
                                 const PdxImportOptions *options,
                                 gboolean (*body) (PdxImporter *im, GError **error),
                                 GError **error);

/* The importers behind pdx_import_file (). */
gboolean pdx_import_mice_with (PdxDb                  *db,
                               const char             *path,
                               const PdxImportOptions *options,
                               PdxImportReport        *report,
                               GError                **error);
gboolean pdx_import_measurements_with (PdxDb                  *db,
                                       const char             *path,
                                       const PdxImportOptions *options,
                                       PdxImportReport        *report,
                                       GError                **error);
gboolean pdx_import_pdxe_with (PdxDb                  *db,
                               const char             *path,
                               const PdxImportOptions *options,
                               PdxImportReport        *report,
                               GError                **error);

gboolean pdx_import_ivis_with (PdxDb                  *db,
                               const char             *path,
                               const PdxImportOptions *options,
                               PdxImportReport        *report,
                               GError                **error);

/* A mouse of a study as the measurement importers check a row against it. */
typedef struct
{
  gint64 id;
  char  *implant_date; /* NULL: not recorded */
  char  *end_date;     /* its endpoint's date, NULL: none */
} PdxImportMouse;

/* The mice of study @study_id by tag (tag -> PdxImportMouse*, owned by the table), in one
 * query; NULL and @error on failure. */
GHashTable *pdx_import_study_mice (PdxDb *db, gint64 study_id, GError **error);

/* Adds a human line to report->created. */
void pdx_import_report_created (PdxImportReport *report, const char *format, ...)
    G_GNUC_PRINTF (2, 3);

G_END_DECLS
