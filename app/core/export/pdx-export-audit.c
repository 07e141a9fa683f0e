/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-export-audit.c — the audit trail an audit filter selects as CSV for a reviewer: one row
 * per changed field, newest entry first (as the History page shows them), read a page at a time
 * so that a lab's whole trail never sits in memory; the footer line "# audit seal N HASH"
 * ends it, like every CSV export. */
#include "pdx/pdx-export.h"
#include "pdx/pdx-i18n.h"
#include "pdx/pdx-output.h"
#include "pdx/pdx-wording.h"

#include "pdx-export-private.h"

/* Entries per page read; each page is formatted and written before the next is read. */
#define PAGE_SIZE 2000

static const char *const header[] = {
  "seq",   "time_utc", "operator", "action", "table",  "record", "study",
  "mouse", "field",    "old",      "new",    "reason", "hash",
};
enum
{
  N_COLUMNS = G_N_ELEMENTS (header),
  FIELD_COLUMN = 8
};

/* Appends @entry's rows to @out: one per changed field, or one with the field empty and the raw
 * values when it has none (values not flat JSON, a migration's note). */
static void
append_entry (GString *out, const PdxAuditEntry *entry)
{
  g_autofree char *seq = g_strdup_printf ("%" G_GINT64_FORMAT, entry->id);
  g_autofree char *record = g_strdup_printf ("%" G_GINT64_FORMAT, entry->row_id);
  g_autofree char *operator_name = pdx_audit_format_operator (entry);
  const char      *row[N_COLUMNS] = {
         seq,    entry->time,       operator_name,    entry->action, entry->table_name,
         record, entry->study_code, entry->mouse_tag, NULL,          NULL,
         NULL,   entry->reason,     entry->hash
  };
  guint written = 0;

  for (guint i = 0; entry->fields != NULL && i < entry->fields->len; i++)
    {
      const PdxAuditField *field = g_ptr_array_index (entry->fields, i);

      if (!pdx_audit_field_is_change (entry, field))
        continue;
      row[FIELD_COLUMN] = field->key;
      row[FIELD_COLUMN + 1] = field->old_value;
      row[FIELD_COLUMN + 2] = field->new_value;
      pdx_output_csv_write_record (out, row, N_COLUMNS);
      written++;
    }
  if (written > 0)
    return;
  row[FIELD_COLUMN] = NULL;
  row[FIELD_COLUMN + 1] = entry->fields ? NULL : entry->old_values;
  row[FIELD_COLUMN + 2] = entry->fields ? NULL : entry->new_values;
  pdx_output_csv_write_record (out, row, N_COLUMNS);
}

gboolean
pdx_export_audit_csv (PdxDb *db, const PdxAuditFilter *filter, const char *path, GError **error)
{
  g_auto (PdxCLocale) c_locale = { pdx_i18n_use_c_locale () };
  PdxAuditFilter page = { 0 };
  g_autoptr (PdxOutput) output = NULL;
  g_autoptr (GString) out = g_string_new (NULL);
  guint left = filter && filter->limit ? filter->limit : G_MAXUINT;

  g_return_val_if_fail (db != NULL && path != NULL, FALSE);
  if (filter != NULL)
    page = *filter;
  if ((output = pdx_output_begin (path, PDX_OUTPUT_REPLACE, error)) == NULL)
    return FALSE;
  pdx_output_csv_write_record (out, header, N_COLUMNS);
  do
    {
      g_autoptr (GPtrArray) entries = NULL;

      page.limit = MIN (left, PAGE_SIZE);
      if ((entries = pdx_audit_list (db, &page, error)) == NULL)
        return FALSE;
      for (guint i = 0; i < entries->len; i++)
        append_entry (out, g_ptr_array_index (entries, i));
      if (!pdx_output_write (output, out->str, out->len, error))
        return FALSE;
      g_string_truncate (out, 0);
      left -= entries->len;
      if (entries->len < page.limit)
        break;
      page.before_id = ((PdxAuditEntry *) g_ptr_array_index (entries, entries->len - 1))->id;
    }
  while (left > 0);
  return pdx_export_append_seal_line (db, out, error) &&
         pdx_output_write (output, out->str, out->len, error) && pdx_output_commit (output, error);
}
