/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-export.c — the cohort summary's export entry point: the format chosen by the file name. */
#include <gio/gio.h>

#include "pdx/pdx-export.h"

gboolean
pdx_export_summary (
    PdxDb *db, gint64 study_id, const char *path, const PdxExportOptions *options, GError **error)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  lower = g_ascii_strdown (path, -1);
  if (g_str_has_suffix (lower, ".csv"))
    return pdx_export_summary_csv (db, study_id, path, options, error);
  if (g_str_has_suffix (lower, ".xlsx"))
    return pdx_export_summary_xlsx (db, study_id, path, options, error);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               "cannot tell the format of %s: the name must end in .csv or .xlsx", path);
  return FALSE;
}
