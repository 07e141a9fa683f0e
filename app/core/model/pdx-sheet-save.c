/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-sheet-save.c — the bench sheet's save and its undo (see pdx-sheet.h): changed cells only,
 * one transaction, refused when another program changed a row since it was read. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx/pdx-sheet.h"

#include <math.h>
#include <string.h>

#include "store/pdx-store.h"

typedef struct
{
  char           *tag;
  gint64          mouse_id;
  PdxMeasurement *before, *after; /* NULL: no row */
} SavedRow;

struct _PdxSheetSave
{
  gint64  study_id;
  char   *date;
  GArray *rows; /* of SavedRow, in the order they were written */
};

/* The cells of a measurement the sheet can change, for comparing and for messages. */
typedef enum
{
  KIND_REAL,
  KIND_INT,
  KIND_TEXT
} ValueKind;

static const struct
{
  guint       bit;
  ValueKind   kind;
  gsize       offset;
  int         quantity; /* PdxQuantity, or -1 */
  const char *label, *unit;
} cells[] = {
  { PDX_MEASUREMENT_LENGTH, KIND_REAL, G_STRUCT_OFFSET (PdxMeasurement, length_mm),
    PDX_QUANTITY_LENGTH_MM, N_ ("caliper length"), "mm" },
  { PDX_MEASUREMENT_WIDTH, KIND_REAL, G_STRUCT_OFFSET (PdxMeasurement, width_mm),
    PDX_QUANTITY_WIDTH_MM, N_ ("caliper width"), "mm" },
  { PDX_MEASUREMENT_VOLUME, KIND_REAL, G_STRUCT_OFFSET (PdxMeasurement, volume_mm3),
    PDX_QUANTITY_VOLUME_MM3, N_ ("tumour volume"), "mm³" },
  { PDX_MEASUREMENT_BLI, KIND_REAL, G_STRUCT_OFFSET (PdxMeasurement, bli_flux),
    PDX_QUANTITY_BLI_FLUX, N_ ("BLI total flux"), "photons/s" },
  { PDX_MEASUREMENT_MRI, KIND_REAL, G_STRUCT_OFFSET (PdxMeasurement, mri_volume_mm3),
    PDX_QUANTITY_MRI_VOLUME_MM3, N_ ("MRI volume"), "mm³" },
  { PDX_MEASUREMENT_WEIGHT, KIND_REAL, G_STRUCT_OFFSET (PdxMeasurement, weight_g),
    PDX_QUANTITY_WEIGHT_G, N_ ("body weight"), "g" },
  { PDX_MEASUREMENT_NEURO, KIND_INT, G_STRUCT_OFFSET (PdxMeasurement, neuro_score),
    PDX_QUANTITY_NEURO_SCORE, N_ ("neurological score"), "" },
  { PDX_MEASUREMENT_NOTE, KIND_TEXT, G_STRUCT_OFFSET (PdxMeasurement, note), -1, N_ ("note"), "" },
  { 0, KIND_TEXT, G_STRUCT_OFFSET (PdxMeasurement, operator_name), -1, N_ ("operator"), "" },
};

#define CELL(m, i) ((gpointer) ((guint8 *) (m) + cells[i].offset))
#define CELL_C(m, i) ((gconstpointer) ((const guint8 *) (m) + cells[i].offset))

static gboolean
same_cell (const PdxMeasurement *a, const PdxMeasurement *b, guint i)
{
  switch (cells[i].kind)
    {
    case KIND_REAL:
      {
        double x = *(const double *) CELL_C (a, i), y = *(const double *) CELL_C (b, i);
        return (isnan (x) && isnan (y)) || x == y;
      }
    case KIND_INT:
      return *(const int *) CELL_C (a, i) == *(const int *) CELL_C (b, i);
    case KIND_TEXT:
      return g_strcmp0 (*(char *const *) CELL_C (a, i), *(char *const *) CELL_C (b, i)) == 0;
    default:
      g_assert_not_reached ();
    }
}

/* A cell's value for a message: "22.4 g", "“alert”"; NULL when not recorded. */
static char *
cell_text (const PdxMeasurement *m, guint i)
{
  const char *unit = cells[i].unit;

  if (cells[i].kind == KIND_REAL)
    {
      double v = *(const double *) CELL_C (m, i);
      return isnan (v) ? NULL : g_strdup_printf ("%.10g%s%s", v, unit[0] ? " " : "", unit);
    }
  if (cells[i].kind == KIND_INT)
    {
      int v = *(const int *) CELL_C (m, i);
      return v < 0 ? NULL : g_strdup_printf ("%d", v);
    }
  if (*(char *const *) CELL_C (m, i) == NULL)
    return NULL;
  return g_strdup_printf ("“%.80s”", *(char *const *) CELL_C (m, i));
}

/* Lays the cells of @fields of @values over @m. */
static void
apply_cells (PdxMeasurement *m, const PdxMeasurement *values, guint fields)
{
  for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
    {
      if (cells[i].bit == 0 || !(fields & cells[i].bit))
        continue;
      if (cells[i].kind == KIND_REAL)
        *(double *) CELL (m, i) = *(const double *) CELL_C (values, i);
      else if (cells[i].kind == KIND_INT)
        *(int *) CELL (m, i) = *(const int *) CELL_C (values, i);
      else
        {
          g_free (*(char **) CELL (m, i));
          *(char **) CELL (m, i) = g_strdup (*(char *const *) CELL_C (values, i));
        }
    }
}

/* The cells in which @a and @b differ, as a PdxMeasurementFields mask (caliper-derived volume
 * included: the model derives it again from L and W). */
static guint
differing_cells (const PdxMeasurement *a, const PdxMeasurement *b)
{
  guint fields = 0;

  for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
    if (cells[i].bit != 0 && !same_cell (a, b, i))
      fields |= cells[i].bit;
  return fields;
}

static gboolean
is_blank_text (const char *text)
{
  for (; text != NULL && *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

/* Whether @m records nothing at all (the row would be deleted). */
static gboolean
records_nothing (const PdxMeasurement *m)
{
  return isnan (m->length_mm) && isnan (m->width_mm) && isnan (m->volume_mm3) &&
         isnan (m->bli_flux) && isnan (m->mri_volume_mm3) && isnan (m->weight_g) &&
         m->neuro_score < 0 && is_blank_text (m->note);
}

/* ---- conflicts ---------------------------------------------------------------------------- */

/* Sets the conflict error for mouse @tag whose row was @expected (NULL: none) and is @now
 * (NULL: none). @entered (may be NULL) holds what the person typed in the cells of @changed.
 * @since: "since this sheet was loaded" or "since the save". */
static void
set_conflict (GError              **error,
              const char           *tag,
              const char           *date,
              const PdxMeasurement *expected,
              const PdxMeasurement *now,
              const PdxMeasurement *entered,
              guint                 changed,
              const char           *since)
{
  /* Translators: what another program did to a mouse's measurement ("… was deleted by …"). */
  const char *what = expected == NULL ? C_ ("sheet conflict", "recorded")
                     : now == NULL    ? C_ ("sheet conflict", "deleted")
                                      : C_ ("sheet conflict", "replaced");
  guint       i;

  if (expected == NULL || now == NULL || expected->id != now->id)
    {
      g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_CONFLICT,
                   /* Translators: the mouse's tag, the date, what was done to the measurement
                    * ("recorded", "deleted", "replaced"), then "since this sheet was loaded" or
                    * "since the save". */
                   _ ("mouse %.80s’s measurement for %s was %s by another program %s. "
                      "Reload the day to see it."),
                   tag, date, what, since);
      return;
    }
  for (i = 0; i < G_N_ELEMENTS (cells) && same_cell (expected, now, i); i++)
    ;
  g_assert (i < G_N_ELEMENTS (cells));
  {
    g_autofree char *value = cell_text (now, i);
    g_autofree char *typed = NULL;
    g_autofree char *yours = NULL;

    if (entered != NULL && cells[i].bit != 0 && (changed & cells[i].bit))
      {
        typed = cell_text (entered, i);
        /* Translators: appended to a conflict message; the value the person typed. */
        yours = typed ? g_strdup_printf (_ (" (you entered %s)"), typed)
                      : g_strdup (_ (" (you cleared it)"));
      }
    if (value != NULL)
      g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_CONFLICT,
                   /* Translators: the mouse's tag, the value's name ("body weight"), its new
                    * value, "since this sheet was loaded" or "since the save", then " (you
                    * entered …)" or nothing. */
                   _ ("mouse %.80s’s %s was changed to %s by another program %s%s. Reload the day "
                      "to see it."),
                   tag, _ (cells[i].label), value, since, yours ? yours : "");
    else
      g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_CONFLICT,
                   /* Translators: as above, without the new value. */
                   _ ("mouse %.80s’s %s was cleared by another program %s%s. Reload the day to "
                      "see it."),
                   tag, _ (cells[i].label), since, yours ? yours : "");
  }
}

/* Whether @a and @b are the same stored row with the same values (both NULL: no row). */
static gboolean
same_row (const PdxMeasurement *a, const PdxMeasurement *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  if (a->id != b->id || a->mouse_id != b->mouse_id || g_strcmp0 (a->date, b->date) != 0)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
    if (!same_cell (a, b, i))
      return FALSE;
  return TRUE;
}

/* ---- reasons ------------------------------------------------------------------------------ */

/* Whether the person's edit of cell @i changes or clears a value @edit's row already had (a
 * new value in an empty cell, or the same value typed again, changes nothing saved). */
static gboolean
changes_saved_cell (const PdxSheetEdit *edit, guint i)
{
  g_autofree char *before = NULL;

  if (edit->loaded == NULL || cells[i].bit == 0 || !(edit->changed & cells[i].bit))
    return FALSE;
  before = cell_text (edit->loaded, i);
  if (before == NULL || (cells[i].kind == KIND_TEXT && is_blank_text (edit->loaded->note)))
    return FALSE;
  return !same_cell (edit->loaded, edit->values, i);
}

/* "%u body weights" for @n values of cell @i. */
static char *
count_cell (guint i, guint n)
{
  const char *format;

  switch (cells[i].bit)
    {
    case PDX_MEASUREMENT_LENGTH:
      format = g_dngettext (GETTEXT_PACKAGE, "%u caliper length", "%u caliper lengths", n);
      break;
    case PDX_MEASUREMENT_WIDTH:
      format = g_dngettext (GETTEXT_PACKAGE, "%u caliper width", "%u caliper widths", n);
      break;
    case PDX_MEASUREMENT_VOLUME:
      format = g_dngettext (GETTEXT_PACKAGE, "%u tumour volume", "%u tumour volumes", n);
      break;
    case PDX_MEASUREMENT_BLI:
      format = g_dngettext (GETTEXT_PACKAGE, "%u BLI flux", "%u BLI fluxes", n);
      break;
    case PDX_MEASUREMENT_MRI:
      format = g_dngettext (GETTEXT_PACKAGE, "%u MRI volume", "%u MRI volumes", n);
      break;
    case PDX_MEASUREMENT_WEIGHT:
      format = g_dngettext (GETTEXT_PACKAGE, "%u weight", "%u weights", n);
      break;
    case PDX_MEASUREMENT_NEURO:
      format = g_dngettext (GETTEXT_PACKAGE, "%u neurological score", "%u neurological scores", n);
      break;
    default:
      format = g_dngettext (GETTEXT_PACKAGE, "%u note", "%u notes", n);
      break;
    }
  return g_strdup_printf (format, n);
}

char *
pdx_sheet_describe_saved_changes (const PdxSheetEdit *edits, guint n_edits, guint *n_changed)
{
  guint    counts[G_N_ELEMENTS (cells)] = { 0 };
  guint    total = 0;
  GString *text;

  g_return_val_if_fail (n_edits == 0 || edits != NULL, NULL);
  for (guint e = 0; e < n_edits; e++)
    for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
      if (changes_saved_cell (&edits[e], i))
        counts[i]++, total++;
  if (n_changed != NULL)
    *n_changed = total;
  if (total == 0)
    return NULL;
  text = g_string_new (NULL);
  /* The most changed kind first; kinds changed as often in the sheet's column order. */
  for (guint done = 0; done < total;)
    {
      guint i = 0;

      for (guint j = 1; j < G_N_ELEMENTS (cells); j++)
        if (counts[j] > counts[i])
          i = j;
      {
        g_autofree char *part = count_cell (i, counts[i]);

        if (text->len > 0)
          /* Translators: between the parts of "2 weights, 1 BLI flux". */
          g_string_append (text, C_ ("list of values", ", "));
        g_string_append (text, part);
      }
      done += counts[i];
      counts[i] = 0;
    }
  return g_string_free (text, FALSE);
}

/* Whether @reason says something (not NULL, not only white space). */
static gboolean
has_reason (const char *reason)
{
  return !is_blank_text (reason);
}

/* Refuses a save that changes or clears saved values without a reason, naming them. */
static gboolean
check_reason (const PdxSheetEdit *edits, guint n_edits, const char *reason, GError **error)
{
  guint            n = 0;
  g_autofree char *what = pdx_sheet_describe_saved_changes (edits, n_edits, &n);

  if (n == 0 || has_reason (reason))
    return TRUE;
  g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_INVALID,
               /* Translators: the count and the list ("3", "2 weights, 1 BLI flux"). */
               g_dngettext (GETTEXT_PACKAGE,
                            "%u saved value would change (%s): changing or deleting a saved "
                            "value needs a reason; nothing was saved",
                            "%u saved values would change (%s): changing or deleting a saved "
                            "value needs a reason; nothing was saved",
                            n),
               n, what);
  return FALSE;
}

/* ---- saving ------------------------------------------------------------------------------- */

static gboolean
check_entered (const PdxSheetEdit *edit, GError **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
    {
      g_autofree char *message = NULL;
      double           value;

      if (cells[i].quantity < 0 || !(edit->changed & cells[i].bit))
        continue;
      value = cells[i].kind == KIND_REAL ? *(const double *) CELL_C (edit->values, i)
              : *(const int *) CELL_C (edit->values, i) < 0
                  ? NAN
                  : *(const int *) CELL_C (edit->values, i);
      if (pdx_quantity_check (cells[i].quantity, value, &message) == PDX_IMPLAUSIBLE)
        {
          g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_INVALID, _ ("mouse %.80s: %s"), edit->tag,
                       message);
          return FALSE;
        }
    }
  return TRUE;
}

static void
saved_row_clear (gpointer data)
{
  SavedRow *row = data;

  g_free (row->tag);
  pdx_measurement_free (row->before);
  pdx_measurement_free (row->after);
}

static PdxSheetSave *
save_new (gint64 study_id, const char *date)
{
  PdxSheetSave *save = g_new0 (PdxSheetSave, 1);

  save->study_id = study_id;
  save->date = g_strdup (date);
  save->rows = g_array_new (FALSE, TRUE, sizeof (SavedRow));
  g_array_set_clear_func (save->rows, saved_row_clear);
  return save;
}

/* Writes one mouse's changed cells over @now (its row as stored, NULL: none); the row as
 * left in *@after (NULL: none). */
static gboolean
write_edit (PdxDb                *db,
            const char           *date,
            const PdxSheetEdit   *edit,
            const PdxMeasurement *now,
            PdxMeasurement      **after,
            GError              **error)
{
  g_autoptr (PdxMeasurement) row = now ? pdx_measurement_copy (now) : pdx_measurement_new ();

  apply_cells (row, edit->values, edit->changed);
  *after = NULL;
  if (now == NULL)
    {
      if (records_nothing (row))
        return TRUE;
      row->mouse_id = edit->mouse_id;
      row->date = g_strdup (date);
      if (!pdx_measurement_insert (db, row, error))
        return FALSE;
    }
  else if (records_nothing (row))
    return pdx_row_delete (db, PDX_TABLE_MEASUREMENT, now->id, error);
  else if (!pdx_measurement_update_fields (db, row, edit->changed, error))
    return FALSE;
  *after = g_steal_pointer (&row);
  return TRUE;
}

/* One mouse: read again, compare with what the sheet loaded, write the changed cells. */
static gboolean
save_edit (PdxDb *db, PdxSheetSave *save, const PdxSheetEdit *edit, GError **error)
{
  GError *local = NULL;
  g_autoptr (PdxMeasurement) now = pdx_measurement_find (db, edit->mouse_id, save->date, &local);
  SavedRow saved = { NULL };

  if (local != NULL)
    {
      g_propagate_prefixed_error (error, local, _ ("mouse %.80s: "), edit->tag);
      return FALSE;
    }
  if (!same_row (now, edit->loaded))
    {
      set_conflict (error, edit->tag, save->date, edit->loaded, now, edit->values, edit->changed,
                    _ ("since this sheet was loaded"));
      return FALSE;
    }
  if (edit->changed == 0)
    return TRUE;
  if (!check_entered (edit, error))
    return FALSE;
  if (!write_edit (db, save->date, edit, now, &saved.after, &local))
    {
      /* Translators: must begin the model's "mouse %s: measurement date …" messages. */
      g_autofree char *named = g_strdup_printf (_ ("mouse %.80s"), edit->tag);

      /* The model's date rule names the mouse already; other refusals get its name. */
      if (strstr (local->message, named) == NULL)
        g_prefix_error (&local, "%s: ", named);
      g_propagate_error (error, local);
      return FALSE;
    }
  if (now == NULL && saved.after == NULL)
    return TRUE; /* blank cells typed into a blank row: nothing stored */
  saved.tag = g_strdup (edit->tag);
  saved.mouse_id = edit->mouse_id;
  saved.before = g_steal_pointer (&now);
  g_array_append_val (save->rows, saved);
  return TRUE;
}

static char *
dup_today (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

static PdxSheetSave *save_checked (PdxDb              *db,
                                   gint64              study_id,
                                   const char         *date,
                                   const PdxSheetEdit *edits,
                                   guint               n_edits,
                                   guint              *failed_edit,
                                   GError            **error);

PdxSheetSave *
pdx_sheet_save (PdxDb              *db,
                gint64              study_id,
                const char         *date,
                const PdxSheetEdit *edits,
                guint               n_edits,
                GError            **error)
{
  return pdx_sheet_save_full (db, study_id, date, edits, n_edits, NULL, error);
}

PdxSheetSave *
pdx_sheet_save_full (PdxDb              *db,
                     gint64              study_id,
                     const char         *date,
                     const PdxSheetEdit *edits,
                     guint               n_edits,
                     guint              *failed_edit,
                     GError            **error)
{
  g_return_val_if_fail (db != NULL, NULL);
  return pdx_sheet_save_with_reason (db, study_id, date, edits, n_edits, pdx_db_get_reason (db),
                                     failed_edit, error);
}

/* The whole save runs with @reason as the connection's reason (what the audit triggers store),
 * and the connection's reason is as before afterwards. */
PdxSheetSave *
pdx_sheet_save_with_reason (PdxDb              *db,
                            gint64              study_id,
                            const char         *date,
                            const PdxSheetEdit *edits,
                            guint               n_edits,
                            const char         *reason,
                            guint              *failed_edit,
                            GError            **error)
{
  g_autofree char *previous = NULL;
  PdxSheetSave    *save;

  g_return_val_if_fail (db != NULL && date != NULL, NULL);
  g_return_val_if_fail (n_edits == 0 || edits != NULL, NULL);
  if (failed_edit != NULL)
    *failed_edit = G_MAXUINT;
  if (!check_reason (edits, n_edits, reason, error))
    return NULL;
  previous = g_strdup (pdx_db_get_reason (db));
  if (has_reason (reason))
    {
      g_autofree char *stripped = g_strstrip (g_strdup (reason));
      pdx_db_set_reason (db, stripped);
    }
  save = save_checked (db, study_id, date, edits, n_edits, failed_edit, error);
  pdx_db_set_reason (db, previous);
  return save;
}

/* pdx_sheet_save_full () once the reason is checked and set. */
static PdxSheetSave *
save_checked (PdxDb              *db,
              gint64              study_id,
              const char         *date,
              const PdxSheetEdit *edits,
              guint               n_edits,
              guint              *failed_edit,
              GError            **error)
{
  g_autoptr (PdxSheetSave) save = NULL;
  g_autofree char *today = dup_today ();

  if (!pdx_date_is_valid (date) || strcmp (date, today) > 0)
    {
      if (pdx_date_is_valid (date))
        g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_INVALID,
                     /* Translators: the sheet's date, then today's (both YYYY-MM-DD). */
                     _ ("the sheet’s date %.80s is in the future: measurements are recorded on or "
                        "before today (%s)"),
                     date, today);
      else
        g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_INVALID,
                     /* Translators: the sheet's date as given, then today's. */
                     _ ("the sheet’s date %.80s is not a date: measurements are recorded on or "
                        "before today (%s)"),
                     date, today);
      return NULL;
    }
  save = save_new (study_id, date);
  if (!pdx_db_begin (db, error))
    return NULL;
  for (guint i = 0; i < n_edits; i++)
    if (!save_edit (db, save, &edits[i], error))
      {
        if (failed_edit != NULL)
          *failed_edit = i;
        pdx_db_rollback (db);
        return NULL;
      }
  if (!pdx_db_commit (db, error))
    return NULL;
  return g_steal_pointer (&save);
}

/* ---- undo --------------------------------------------------------------------------------- */

/* Puts one mouse's row back as the save found it, after checking it is as the save left it. */
static gboolean
undo_row (PdxDb *db, const char *date, const SavedRow *row, GError **error)
{
  GError *local = NULL;
  g_autoptr (PdxMeasurement) now = pdx_measurement_find (db, row->mouse_id, date, &local);
  g_autoptr (PdxMeasurement) before = pdx_measurement_copy (row->before);

  if (local != NULL)
    {
      g_propagate_prefixed_error (error, local, _ ("mouse %.80s: "), row->tag);
      return FALSE;
    }
  if (!same_row (now, row->after))
    {
      set_conflict (error, row->tag, date, row->after, now, NULL, 0, _ ("since the save"));
      return FALSE;
    }
  if (before == NULL)
    return pdx_row_delete (db, PDX_TABLE_MEASUREMENT, now->id, error);
  if (now == NULL)
    {
      before->id = 0;
      return pdx_measurement_insert (db, before, error);
    }
  return pdx_measurement_update_fields (db, before, differing_cells (now, before), error);
}

gboolean
pdx_sheet_save_undo (const PdxSheetSave *save, PdxDb *db, GError **error)
{
  g_autofree char *reason = NULL, *previous = NULL;
  gboolean         ok;

  g_return_val_if_fail (save != NULL && db != NULL, FALSE);
  reason = g_strdup_printf ("undo of the sheet saved for %s", save->date);
  if (!pdx_db_begin (db, error))
    return FALSE;
  previous = g_strdup (pdx_db_get_reason (db));
  pdx_db_set_reason (db, reason);
  ok = TRUE;
  for (guint i = save->rows->len; ok && i > 0; i--)
    ok = undo_row (db, save->date, &g_array_index (save->rows, SavedRow, i - 1), error);
  if (ok)
    ok = pdx_db_commit (db, error);
  else
    pdx_db_rollback (db);
  pdx_db_set_reason (db, previous);
  return ok;
}

void
pdx_sheet_save_free (PdxSheetSave *save)
{
  if (save == NULL)
    return;
  g_array_unref (save->rows);
  g_free (save->date);
  g_free (save);
}

gint64
pdx_sheet_save_get_study_id (const PdxSheetSave *save)
{
  return save->study_id;
}

const char *
pdx_sheet_save_get_date (const PdxSheetSave *save)
{
  return save->date;
}

guint
pdx_sheet_save_get_n_rows (const PdxSheetSave *save)
{
  return save->rows->len;
}

gboolean
pdx_sheet_save_lookup (const PdxSheetSave *save, gint64 mouse_id, const PdxMeasurement **after)
{
  for (guint i = 0; i < save->rows->len; i++)
    {
      const SavedRow *row = &g_array_index (save->rows, SavedRow, i);

      if (row->mouse_id == mouse_id)
        {
          if (after != NULL)
            *after = row->after;
          return TRUE;
        }
    }
  return FALSE;
}
