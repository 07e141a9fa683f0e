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
  guint rows;                 /* data rows read */
  guint lines_created;
  guint studies_created;
  guint arms_created;
  guint mice_created;
  guint mice_updated;
  guint measurements_created;
  guint measurements_updated;
  guint endpoints_created;
  GPtrArray *created;         /* human lines: "study S1", "arm S1/vehicle" (owned strings) */
} PdxImportReport;

void pdx_import_report_clear (PdxImportReport *report);

/* Optional progress: called every 4,096 rows with the bytes read so far and the file's size;
 * returning FALSE cancels (the import then fails with G_IO_ERROR_CANCELLED and changes nothing). */
typedef gboolean (*PdxImportProgress) (guint64 done, guint64 total, gpointer user_data);

gboolean pdx_import_mice (PdxDb *db, const char *path, PdxImportReport *report,
                          PdxImportProgress progress, gpointer user_data, GError **error);
gboolean pdx_import_measurements (PdxDb *db, const char *path, PdxImportReport *report,
                                  PdxImportProgress progress, gpointer user_data, GError **error);
gboolean pdx_import_pdxe (PdxDb *db, const char *path, PdxImportReport *report,
                          PdxImportProgress progress, gpointer user_data, GError **error);

G_END_DECLS
