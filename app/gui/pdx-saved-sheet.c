/* pdx-saved-sheet.c — what one save of the bench sheet changed (see the header). */
#include "pdx-saved-sheet.h"

#include <math.h>

typedef struct
{
  char           *tag;
  PdxMeasurement *before, *after;
} SavedRow;

struct _PdxSavedSheet
{
  gint64  study_id;
  char   *date;
  GArray *rows; /* SavedRow */
};

static void
saved_row_clear (gpointer data)
{
  SavedRow *row = data;

  g_free (row->tag);
  pdx_measurement_free (row->before);
  pdx_measurement_free (row->after);
}

PdxSavedSheet *
pdx_saved_sheet_new (gint64 study_id, const char *date)
{
  PdxSavedSheet *saved = g_new0 (PdxSavedSheet, 1);

  saved->study_id = study_id;
  saved->date = g_strdup (date);
  saved->rows = g_array_new (FALSE, TRUE, sizeof (SavedRow));
  g_array_set_clear_func (saved->rows, saved_row_clear);
  return saved;
}

void
pdx_saved_sheet_free (PdxSavedSheet *saved)
{
  if (saved == NULL)
    return;
  g_array_unref (saved->rows);
  g_free (saved->date);
  g_free (saved);
}

void
pdx_saved_sheet_add (PdxSavedSheet        *saved,
                     const char           *tag,
                     const PdxMeasurement *before,
                     const PdxMeasurement *after)
{
  SavedRow row = { g_strdup (tag), pdx_measurement_copy (before), pdx_measurement_copy (after) };

  g_array_append_val (saved->rows, row);
}

guint
pdx_saved_sheet_get_n_rows (const PdxSavedSheet *saved)
{
  return saved->rows->len;
}

gint64
pdx_saved_sheet_get_study_id (const PdxSavedSheet *saved)
{
  return saved->study_id;
}

const char *
pdx_saved_sheet_get_date (const PdxSavedSheet *saved)
{
  return saved->date;
}

static gboolean
same_real (double a, double b)
{
  return (isnan (a) && isnan (b)) || a == b;
}

/* Whether @a and @b record the same row with the same values. */
static gboolean
same_measurement (const PdxMeasurement *a, const PdxMeasurement *b)
{
  return a->id == b->id && a->mouse_id == b->mouse_id && g_strcmp0 (a->date, b->date) == 0 &&
         g_strcmp0 (a->operator_name, b->operator_name) == 0 && g_strcmp0 (a->note, b->note) == 0 &&
         same_real (a->length_mm, b->length_mm) && same_real (a->width_mm, b->width_mm) &&
         same_real (a->volume_mm3, b->volume_mm3) && same_real (a->bli_flux, b->bli_flux) &&
         same_real (a->mri_volume_mm3, b->mri_volume_mm3) && same_real (a->weight_g, b->weight_g) &&
         a->neuro_score == b->neuro_score;
}

/* Puts one mouse's row back as the save found it, after checking it is as the save left it. */
static gboolean
undo_row (PdxDb *db, const SavedRow *row, GError **error)
{
  g_autoptr (PdxMeasurement) before = pdx_measurement_copy (row->before);

  if (row->after != NULL)
    {
      g_autoptr (PdxMeasurement) now = pdx_measurement_get (db, row->after->id, NULL);
      if (now == NULL || !same_measurement (now, row->after))
        {
          g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_INVALID,
                       "mouse %s’s measurement changed after the save", row->tag);
          return FALSE;
        }
    }
  if (before == NULL)
    return pdx_row_delete (db, PDX_TABLE_MEASUREMENT, row->after->id, error);
  if (row->after == NULL)
    {
      before->id = 0;
      return pdx_measurement_insert (db, before, error);
    }
  return pdx_measurement_update (db, before, error);
}

gboolean
pdx_saved_sheet_undo (const PdxSavedSheet *saved, PdxDb *db, GError **error)
{
  g_autofree char *reason = g_strdup_printf ("undo of the sheet saved for %s", saved->date);
  gboolean         began, ok;

  pdx_db_set_reason (db, reason);
  ok = began = pdx_db_begin (db, error);
  for (guint i = saved->rows->len; ok && i > 0; i--)
    ok = undo_row (db, &g_array_index (saved->rows, SavedRow, i - 1), error);
  if (ok)
    ok = pdx_db_commit (db, error);
  else if (began)
    pdx_db_rollback (db);
  pdx_db_set_reason (db, NULL);
  return ok;
}
