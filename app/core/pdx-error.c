/* pdx-error.c — the error domains of pdx-core. */
#include "pdx/pdx-error.h"

G_DEFINE_QUARK (pdx-db-error-quark, pdx_db_error)
G_DEFINE_QUARK (pdx-import-error-quark, pdx_import_error)
G_DEFINE_QUARK (pdx-analysis-error-quark, pdx_analysis_error)
