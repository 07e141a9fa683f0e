/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-records.c — the record sources an importer reads through, and the one over a CSV file. */
#include "pdx-config.h"

#include "pdx-files-private.h"

typedef struct
{
  PdxRecords base;
} CsvRecords;

static gboolean
csv_next (PdxRecords *records, char ***fields, guint *n_fields, GError **error)
{
  return pdx_csv_reader_next (records->csv, fields, n_fields, error);
}

static guint
csv_get_line (PdxRecords *records)
{
  return pdx_csv_reader_get_line (records->csv);
}

static char *
csv_dup_where (PdxRecords *records, int index)
{
  if (index < 0)
    return g_strdup_printf ("%u:1", pdx_csv_reader_get_line (records->csv));
  return g_strdup_printf ("%u:%u", pdx_csv_reader_get_field_line (records->csv, (guint) index),
                          pdx_csv_reader_get_column (records->csv, (guint) index));
}

static guint64
csv_get_position (PdxRecords *records, guint64 *total)
{
  return pdx_csv_reader_get_position (records->csv, total);
}

static const char *
csv_get_name (PdxRecords *records)
{
  return pdx_csv_reader_get_name (records->csv);
}

static const char *
csv_get_sha256 (PdxRecords *records)
{
  return pdx_csv_reader_get_sha256 (records->csv);
}

static guint64
csv_get_size (PdxRecords *records)
{
  return pdx_csv_reader_get_size (records->csv);
}

static void
csv_free (PdxRecords *records)
{
  pdx_csv_reader_free (records->csv);
  g_free (records);
}

static const PdxRecordsKind csv_kind = {
  .next = csv_next,
  .get_line = csv_get_line,
  .dup_where = csv_dup_where,
  .get_position = csv_get_position,
  .get_name = csv_get_name,
  .get_sha256 = csv_get_sha256,
  .get_size = csv_get_size,
  .free = csv_free,
};

PdxRecords *
pdx_records_new_for_csv (PdxCsvReader *reader)
{
  CsvRecords *records = g_new0 (CsvRecords, 1);

  g_return_val_if_fail (reader != NULL, NULL);
  records->base.kind = &csv_kind;
  records->base.csv = reader;
  return &records->base;
}

void
pdx_records_free (PdxRecords *records)
{
  if (records)
    records->kind->free (records);
}

gboolean
pdx_records_next (PdxRecords *records, char ***fields, guint *n_fields, GError **error)
{
  return records->kind->next (records, fields, n_fields, error);
}

guint
pdx_records_get_line (PdxRecords *records)
{
  return records->kind->get_line (records);
}

char *
pdx_records_dup_where (PdxRecords *records, int index)
{
  return records->kind->dup_where (records, index);
}

guint64
pdx_records_get_position (PdxRecords *records, guint64 *total)
{
  return records->kind->get_position (records, total);
}

const char *
pdx_records_get_name (PdxRecords *records)
{
  return records->kind->get_name (records);
}

const char *
pdx_records_get_sha256 (PdxRecords *records)
{
  return records->kind->get_sha256 (records);
}

guint64
pdx_records_get_size (PdxRecords *records)
{
  return records->kind->get_size (records);
}

PdxCsvReader *
pdx_records_get_csv (PdxRecords *records)
{
  return records->csv;
}

const char *
pdx_records_get_sheet (PdxRecords *records)
{
  return records->sheet;
}
