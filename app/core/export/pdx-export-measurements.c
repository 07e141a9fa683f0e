/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-export-measurements.c — the long-format CSV of everything recorded for a study, excluded
 * measurements too (column excluded yes/no and their reason: the file is the record). */
#include "pdx/pdx-export.h"
#include "pdx/pdx-csv.h"
#include "pdx/pdx-format.h"
#include "pdx/pdx-i18n.h"
#include "pdx/pdx-output.h"
#include "store/pdx-store.h"

#include "pdx-export-private.h"

static const char *const header[] = {
  "study",
  "line",
  "arm",
  "mouse",
  "date",
  "day",
  "length_mm",
  "width_mm",
  "volume_mm3",
  "bli_flux",
  "mri_volume_mm3",
  "weight_g",
  "neuro_score",
  "operator",
  "note",
  "excluded",
  "exclusion_reason",
};

static char *
text_or_number (PdxStmt *stmt, int i)
{
  switch (pdx_stmt_column_type (stmt, i))
    {
    case PDX_COLUMN_NULL:
      return NULL;
    case PDX_COLUMN_REAL:
      return pdx_format_number (pdx_stmt_column_double (stmt, i));
    default:
      return g_strdup (pdx_stmt_column_text (stmt, i));
    }
}

gboolean
pdx_export_measurements_csv (PdxDb *db, gint64 study_id, const char *path, GError **error)
{
  g_auto (PdxCLocale) c_locale = { pdx_i18n_use_c_locale () };
  PdxStmt *stmt = pdx_db_prepare (
      db,
      "SELECT s.code, l.code, a.name, m.tag, x.date,"
      " CAST (julianday (x.date) - julianday (s.day0) AS INTEGER), x.length_mm, x.width_mm,"
      " x.volume_mm3, x.bli_flux, x.mri_volume_mm3, x.weight_g, x.neuro_score, x.operator, x.note,"
      " CASE x.excluded WHEN 1 THEN 'yes' ELSE 'no' END, x.exclusion_reason"
      " FROM study s JOIN mouse m ON m.study_id = s.id JOIN measurement x ON x.mouse_id = m.id"
      " LEFT JOIN arm a ON a.id = m.arm_id LEFT JOIN line l ON l.id = s.line_id"
      " WHERE s.id = ? ORDER BY a.position, a.is_control DESC, a.id, length (m.tag), m.tag, x.date",
      error);
  g_autoptr (GString) out = g_string_new (NULL);
  int rc;

  if (stmt == NULL)
    return FALSE;
  pdx_output_csv_write_record (out, header, G_N_ELEMENTS (header));
  pdx_stmt_bind_int64 (stmt, 1, study_id);
  while ((rc = pdx_stmt_step (stmt, NULL)) == PDX_STEP_ROW)
    {
      char *fields[G_N_ELEMENTS (header)];
      for (guint i = 0; i < G_N_ELEMENTS (header); i++)
        fields[i] = text_or_number (stmt, (int) i);
      pdx_output_csv_write_record (out, (const char *const *) fields, G_N_ELEMENTS (header));
      for (guint i = 0; i < G_N_ELEMENTS (header); i++)
        g_free (fields[i]);
    }
  pdx_stmt_reset (stmt);
  if (rc != PDX_STEP_DONE)
    return pdx_db_set_error (db, error, "reading measurements");
  if (!pdx_export_append_seal_line (db, out, error))
    return FALSE;
  /* Text that came from people or imports is written so that no spreadsheet runs it as a
   * formula (pdx-output.h); the file is whole or not written. */
  return pdx_output_set_contents (path, out->str, out->len, error);
}
