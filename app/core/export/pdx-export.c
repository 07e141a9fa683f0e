/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-export.c — the cohort summary's export entry point (the format chosen by the file name),
 * and the audit seal every export carries. */
#include <gio/gio.h>

#include "pdx/pdx-export.h"
#include "pdx/pdx-audit.h"

#include "pdx-export-private.h"

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

char *
pdx_export_dup_seal (PdxDb *db, GError **error)
{
  PdxAuditSeal seal;

  if (!pdx_audit_get_seal (db, &seal, error))
    return NULL;
  return g_strdup_printf ("%" G_GINT64_FORMAT " %s", seal.seq, seal.hash);
}

gboolean
pdx_export_append_seal_line (PdxDb *db, GString *out, GError **error)
{
  g_autofree char *seal = pdx_export_dup_seal (db, error);

  if (seal == NULL)
    return FALSE;
  g_string_append_printf (out, "# audit seal %s\n", seal);
  return TRUE;
}
