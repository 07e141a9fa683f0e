/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-sheet-save.c — the bench sheet's save and undo in the core (pdx_sheet_save), no GTK:
 * only changed cells are written, at full precision; a row another program changed since it
 * was loaded is refused by name and nothing is written; a refusal in the middle rolls back
 * everything; the undo puts back exactly what the save changed, or is refused the same way. */
#include "pdx-test-util.h"
#include "store/pdx-store-sqlite.h" /* the raw handle: tests may run SQL (tests/ is outside the order) */

#include <math.h>

#define DATE "2024-04-01"

typedef struct
{
  PdxDb *db;
  char  *path;
  gint64 study_id;
  gint64 mice[5]; /* M01…M05, implanted 2024-03-01 */
} Lab;

static void
lab_setup (Lab *lab, gconstpointer data)
{
  PdxReadout readout = GPOINTER_TO_INT (data);

  lab->db = pdx_test_new_lab (&lab->path);
  pdx_db_set_operator (lab->db, "bench");
  /* The saves below change saved values, which needs a reason; the reason rule itself is
   * tested by /core/sheet-save/reason/…, on a connection without one. */
  pdx_db_set_reason (lab->db, "re-measured");
  lab->study_id = pdx_test_add_study (lab->db, "S1", readout, "2024-03-15");
  for (guint i = 0; i < G_N_ELEMENTS (lab->mice); i++)
    {
      g_autofree char *tag = g_strdup_printf ("M%02u", i + 1);
      lab->mice[i] = pdx_test_add_mouse (lab->db, lab->study_id, 0, tag, "2024-03-01");
    }
}

static void
lab_teardown (Lab *lab, gconstpointer data)
{
  pdx_db_close (lab->db);
  g_free (lab->path);
}

/* Stores a measurement of mouse @i on DATE through the model (as an import would). */
static PdxMeasurement *
store (Lab *lab, guint i, double bli, double volume, double weight)
{
  g_autoptr (GError) error = NULL;
  PdxMeasurement *m = pdx_measurement_new ();

  m->mouse_id = lab->mice[i];
  m->date = g_strdup (DATE);
  m->bli_flux = bli;
  m->volume_mm3 = volume;
  m->weight_g = weight;
  g_assert_true (pdx_measurement_insert (lab->db, m, &error));
  g_assert_no_error (error);
  return m;
}

static PdxMeasurement *
stored (Lab *lab, guint i)
{
  g_autoptr (GError) error = NULL;
  PdxMeasurement *m = pdx_measurement_find (lab->db, lab->mice[i], DATE, &error);

  g_assert_no_error (error);
  return m;
}

/* An edit of mouse @i: @loaded as the sheet read it, new @values of the cells in @changed. */
static PdxSheetEdit
edit_of (
    Lab *lab, guint i, const PdxMeasurement *loaded, guint changed, const PdxMeasurement *values)
{
  static char tags[5][8];

  g_snprintf (tags[i], sizeof tags[i], "M%02u", i + 1);
  return (PdxSheetEdit){ lab->mice[i], tags[i], loaded, changed, values };
}

/* Finding 2: editing only the weight stores the weight; the BLI keeps all its digits. */
static void
test_weight_only_keeps_bli (Lab *lab, gconstpointer data)
{
  g_autoptr (PdxMeasurement) loaded = store (lab, 0, 39654000, NAN, 22.0);
  g_autoptr (PdxMeasurement) values = pdx_measurement_new ();
  g_autoptr (PdxMeasurement) after = NULL;
  g_autoptr (PdxSheetSave) save = NULL;
  g_autoptr (GError) error = NULL;
  PdxSheetEdit edit = edit_of (lab, 0, loaded, PDX_MEASUREMENT_WEIGHT, values);

  values->weight_g = 21.5;
  values->bli_flux = 39700000; /* what the display showed: must not be written */
  save = pdx_sheet_save (lab->db, lab->study_id, DATE, &edit, 1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (save);
  after = stored (lab, 0);
  g_assert_cmpfloat (after->bli_flux, ==, 39654000);
  g_assert_cmpfloat (after->weight_g, ==, 21.5);
  g_assert_cmpint (after->id, ==, loaded->id);
  g_assert_cmpuint (pdx_sheet_save_get_n_rows (save), ==, 1);
  /* The update audited, one entry, with the old and new weight. */
  g_assert_cmpint (pdx_test_count (lab->db, "audit_log WHERE action = 'update'"), ==, 1);
}

/* Finding 2: a row that holds only a tumour volume (an imported PDXE measurement) keeps it when
 * the weight and the note are edited on a caliper sheet. */
static void
test_volume_only_row_keeps_volume (Lab *lab, gconstpointer data)
{
  g_autoptr (PdxMeasurement) loaded = store (lab, 1, NAN, 312.5, 20.0);
  g_autoptr (PdxMeasurement) values = pdx_measurement_new ();
  g_autoptr (PdxMeasurement) after = NULL;
  g_autoptr (PdxSheetSave) save = NULL;
  g_autoptr (GError) error = NULL;
  PdxSheetEdit edit =
      edit_of (lab, 1, loaded, PDX_MEASUREMENT_WEIGHT | PDX_MEASUREMENT_NOTE, values);

  values->weight_g = 19.5;
  values->note = g_strdup ("hunched");
  save = pdx_sheet_save (lab->db, lab->study_id, DATE, &edit, 1, &error);
  g_assert_no_error (error);
  after = stored (lab, 1);
  g_assert_cmpfloat (after->volume_mm3, ==, 312.5);
  g_assert_true (isnan (after->length_mm) && isnan (after->width_mm));
  g_assert_cmpfloat (after->weight_g, ==, 19.5);
  g_assert_cmpstr (after->note, ==, "hunched");
}

/* Clearing every cell the sheet shows keeps a row that still holds a readout it does not show;
 * clearing a row that holds nothing else deletes it. */
static void
test_clear_keeps_hidden_readout (Lab *lab, gconstpointer data)
{
  g_autoptr (PdxMeasurement) with_volume = store (lab, 0, NAN, 100, 21.0);
  g_autoptr (PdxMeasurement) weight_only = store (lab, 1, NAN, NAN, 21.0);
  g_autoptr (PdxMeasurement) values = pdx_measurement_new ();
  g_autoptr (PdxMeasurement) after = NULL;
  g_autoptr (PdxSheetSave) save = NULL;
  g_autoptr (GError) error = NULL;
  PdxSheetEdit edits[2] = { edit_of (lab, 0, with_volume, PDX_MEASUREMENT_WEIGHT, values),
                            edit_of (lab, 1, weight_only, PDX_MEASUREMENT_WEIGHT, values) };

  save = pdx_sheet_save (lab->db, lab->study_id, DATE, edits, 2, &error);
  g_assert_no_error (error);
  after = stored (lab, 0);
  g_assert_nonnull (after);
  g_assert_cmpfloat (after->volume_mm3, ==, 100);
  g_assert_true (isnan (after->weight_g));
  g_assert_null (stored (lab, 1));
}

/* A caliper edit writes L and W (swapped so that L >= W) and the volume derived from them. */
static void
test_caliper_edit_derives_volume (Lab *lab, gconstpointer data)
{
  g_autoptr (PdxMeasurement) values = pdx_measurement_new ();
  g_autoptr (PdxMeasurement) after = NULL;
  g_autoptr (PdxSheetSave) save = NULL;
  g_autoptr (GError) error = NULL;
  PdxSheetEdit edit =
      edit_of (lab, 2, NULL, PDX_MEASUREMENT_LENGTH | PDX_MEASUREMENT_WIDTH, values);

  values->length_mm = 6;
  values->width_mm = 8.5;
  save = pdx_sheet_save (lab->db, lab->study_id, DATE, &edit, 1, &error);
  g_assert_no_error (error);
  after = stored (lab, 2);
  g_assert_cmpfloat (after->length_mm, ==, 8.5);
  g_assert_cmpfloat (after->width_mm, ==, 6);
  g_assert_cmpfloat (after->volume_mm3, ==, 8.5 * 6 * 6 / 2); /* 153 */
  g_assert_cmpstr (after->operator_name, ==, "bench");
}

/* Finding 3: another connection corrects the weight after the sheet loaded the row; the save
 * of that row is refused naming the mouse, the field, the new value and the typed one, and
 * nothing at all is written (the other row of the same save included). */
static void
test_conflict_refused (Lab *lab, gconstpointer data)
{
  g_autoptr (PdxMeasurement) loaded = store (lab, 0, NAN, NAN, 22.0);
  g_autoptr (PdxMeasurement) values = pdx_measurement_new ();
  g_autoptr (PdxMeasurement) outside = NULL;
  g_autoptr (PdxDb) other = NULL;
  g_autoptr (PdxSheetSave) save = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *before = NULL, *after = NULL;
  PdxSheetEdit     edits[2] = { edit_of (lab, 1, NULL, PDX_MEASUREMENT_WEIGHT, values),
                                edit_of (lab, 0, loaded, PDX_MEASUREMENT_WEIGHT, values) };

  other = pdx_db_open (lab->path, PDX_DB_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  outside = pdx_measurement_find (other, lab->mice[0], DATE, &error);
  outside->weight_g = 22.4;
  pdx_db_set_reason (other, "re-weighed");
  g_assert_true (pdx_measurement_update (other, outside, &error));
  before = pdx_test_dump (lab->db);

  values->weight_g = 21.9;
  save = pdx_sheet_save (lab->db, lab->study_id, DATE, edits, 2, &error);
  g_assert_null (save);
  g_assert_error (error, PDX_DB_ERROR, PDX_DB_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "mouse M01"));
  g_assert_nonnull (strstr (error->message, "body weight was changed to 22.4 g"));
  g_assert_nonnull (strstr (error->message, "you entered 21.9 g"));
  after = pdx_test_dump (lab->db);
  g_assert_cmpstr (before, ==, after);
}

/* A row recorded by another program for a mouse the sheet loaded as blank is refused too. */
static void
test_conflict_new_row (Lab *lab, gconstpointer data)
{
  g_autoptr (PdxMeasurement) values = pdx_measurement_new ();
  g_autoptr (PdxMeasurement) outside = NULL;
  g_autoptr (PdxSheetSave) save = NULL;
  g_autoptr (GError) error = NULL;
  PdxSheetEdit edit = edit_of (lab, 3, NULL, PDX_MEASUREMENT_WEIGHT, values);

  outside = store (lab, 3, NAN, NAN, 23.0); /* "another program": the row the sheet did not see */
  values->weight_g = 21.0;
  save = pdx_sheet_save (lab->db, lab->study_id, DATE, &edit, 1, &error);
  g_assert_null (save);
  g_assert_error (error, PDX_DB_ERROR, PDX_DB_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "mouse M04’s measurement for " DATE " was recorded"));
  g_clear_pointer (&outside, pdx_measurement_free);
  outside = stored (lab, 3);
  g_assert_cmpfloat (outside->weight_g, ==, 23.0);
}

/* The undo puts back exactly the columns the save changed (the BLI keeps its digits, a created
 * row is deleted); after an outside change it is refused naming the mouse, nothing changed. */
static void
test_undo (Lab *lab, gconstpointer data)
{
  g_autoptr (PdxMeasurement) loaded = store (lab, 0, 39654000, NAN, 22.0);
  g_autoptr (PdxMeasurement) values = pdx_measurement_new ();
  g_autoptr (PdxMeasurement) m = NULL;
  g_autoptr (PdxSheetSave) save = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *before = NULL, *after = NULL;
  PdxSheetEdit     edits[2] = { edit_of (lab, 0, loaded, PDX_MEASUREMENT_WEIGHT, values),
                                edit_of (lab, 1, NULL, PDX_MEASUREMENT_WEIGHT, values) };

  values->weight_g = 21.5;
  save = pdx_sheet_save (lab->db, lab->study_id, DATE, edits, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pdx_sheet_save_get_n_rows (save), ==, 2);
  g_assert_true (pdx_sheet_save_undo (save, lab->db, &error));
  g_assert_no_error (error);
  m = stored (lab, 0);
  g_assert_cmpfloat (m->weight_g, ==, 22.0);
  g_assert_cmpfloat (m->bli_flux, ==, 39654000);
  g_assert_null (stored (lab, 1));
  g_assert_cmpint (pdx_test_count (lab->db, "audit_log WHERE reason = 'undo of the sheet saved"
                                            " for " DATE "'"),
                   ==, 2);

  /* Saved again, then corrected elsewhere: the undo is refused and changes nothing. */
  g_clear_pointer (&save, pdx_sheet_save_free);
  g_clear_pointer (&loaded, pdx_measurement_free);
  loaded = stored (lab, 0);
  edits[0].loaded = loaded;
  save = pdx_sheet_save (lab->db, lab->study_id, DATE, edits, 1, &error);
  g_assert_no_error (error);
  g_clear_pointer (&m, pdx_measurement_free);
  m = stored (lab, 0);
  m->bli_flux = 41000000;
  g_assert_true (pdx_measurement_update (lab->db, m, &error));
  before = pdx_test_dump (lab->db);
  g_assert_false (pdx_sheet_save_undo (save, lab->db, &error));
  g_assert_error (error, PDX_DB_ERROR, PDX_DB_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "mouse M01’s BLI total flux was changed to 41000000"));
  g_assert_nonnull (strstr (error->message, "since the save"));
  after = pdx_test_dump (lab->db);
  g_assert_cmpstr (before, ==, after);
}

/* The store refuses the 3rd of 5 rows (its mouse was implanted after the sheet's date, or a
 * trigger the test installs raises on it): nothing at all is written. */
static void
test_refusal_mid_save_rolls_back (Lab *lab, gconstpointer data)
{
  gboolean use_trigger = GPOINTER_TO_INT (data) == 1;
  g_autoptr (PdxMeasurement) loaded = store (lab, 2, NAN, NAN, 22.0);
  g_autoptr (PdxMeasurement) values = pdx_measurement_new ();
  g_autoptr (PdxSheetSave) save = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *before = NULL, *after = NULL;
  PdxSheetEdit     edits[5];

  if (use_trigger)
    {
      g_autofree char *sql = g_strdup_printf (
          "CREATE TRIGGER refuse_m03 BEFORE UPDATE ON measurement WHEN NEW.mouse_id = "
          "%" G_GINT64_FORMAT " BEGIN SELECT RAISE (ABORT, 'refused by the test'); END",
          lab->mice[2]);
      g_assert_cmpint (sqlite3_exec (pdx_db_get_handle (lab->db), sql, NULL, NULL, NULL), ==,
                       SQLITE_OK);
    }
  else
    {
      g_autoptr (PdxMouse) mouse = pdx_mouse_get (lab->db, lab->mice[2], &error);
      /* Implanted after the sheet's date: the date rule refuses M03's row. */
      g_assert_true (pdx_row_delete (lab->db, PDX_TABLE_MEASUREMENT, loaded->id, &error));
      g_clear_pointer (&loaded, pdx_measurement_free);
      g_free (mouse->implant_date);
      mouse->implant_date = g_strdup ("2024-04-02");
      g_assert_true (pdx_mouse_update (lab->db, mouse, &error));
    }
  before = pdx_test_dump (lab->db);
  values->weight_g = 21.0;
  for (guint i = 0; i < 5; i++)
    edits[i] = edit_of (lab, i, i == 2 ? loaded : NULL, PDX_MEASUREMENT_WEIGHT, values);
  save = pdx_sheet_save (lab->db, lab->study_id, DATE, edits, 5, &error);
  g_assert_null (save);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "mouse M03"));
  after = pdx_test_dump (lab->db);
  g_assert_cmpstr (before, ==, after);
  for (guint i = 0; i < 5; i++)
    if (i != 2 || !use_trigger)
      g_assert_null (stored (lab, i));
}

/* Sheet side of finding 5: a future date and impossible values are refused, nothing written. */
static void
test_refuses_future_and_impossible (Lab *lab, gconstpointer data)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GDateTime) later = g_date_time_add_days (now, 43);
  g_autofree char *future = g_date_time_format (later, "%Y-%m-%d");
  g_autofree char *before = pdx_test_dump (lab->db);
  g_autofree char *after = NULL;
  g_autoptr (PdxMeasurement) values = pdx_measurement_new ();
  g_autoptr (GError) error = NULL;
  PdxSheetEdit edit = edit_of (lab, 0, NULL, PDX_MEASUREMENT_WEIGHT, values);
  const struct
  {
    guint       field;
    double      value;
    const char *fragment;
  } bad[] = {
    { PDX_MEASUREMENT_WEIGHT, 250, "body weight 250 g is impossible" },
    { PDX_MEASUREMENT_BLI, 1e200, "BLI total flux 1e+200 photons/s is impossible" },
    { PDX_MEASUREMENT_WEIGHT, INFINITY, "body weight is not a finite number" },
  };

  values->weight_g = 21.0;
  g_assert_null (pdx_sheet_save (lab->db, lab->study_id, future, &edit, 1, &error));
  g_assert_error (error, PDX_DB_ERROR, PDX_DB_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "in the future"));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (PdxMeasurement) v = pdx_measurement_new ();

      g_clear_error (&error);
      edit.changed = bad[i].field;
      edit.values = v;
      v->weight_g = bad[i].field == PDX_MEASUREMENT_WEIGHT ? bad[i].value : NAN;
      v->bli_flux = bad[i].field == PDX_MEASUREMENT_BLI ? bad[i].value : NAN;
      g_assert_null (pdx_sheet_save (lab->db, lab->study_id, DATE, &edit, 1, &error));
      g_assert_error (error, PDX_DB_ERROR, PDX_DB_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "mouse M01"));
      g_assert_nonnull (strstr (error->message, bad[i].fragment));
    }
  after = pdx_test_dump (lab->db);
  g_assert_cmpstr (before, ==, after);
}

/* pdx_sheet_save_full names the refused row by its index in the edits, not by text: the
 * first refused row (a conflict on M03, an impossible weight on M04: M03, index 2), the
 * impossible weight alone (index 3), G_MAXUINT for the date and for a save that succeeds. */
static void
test_failed_row (Lab *lab, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxMeasurement) loaded = pdx_measurement_new ();
  g_autoptr (PdxMeasurement) good = pdx_measurement_new ();
  g_autoptr (PdxMeasurement) heavy = pdx_measurement_new ();
  g_autoptr (PdxSheetSave) save = NULL;
  g_autofree char *before = pdx_test_dump (lab->db);
  g_autofree char *after = NULL;
  PdxSheetEdit     edits[4];
  guint            failed = 0;

  good->weight_g = 21.0;
  heavy->weight_g = 250.0;
  loaded->id = 999; /* M03 as if a row had been loaded: there is none, a conflict */
  loaded->mouse_id = lab->mice[2];
  loaded->date = g_strdup (DATE);
  for (guint i = 0; i < 4; i++)
    edits[i] = edit_of (lab, i, NULL, PDX_MEASUREMENT_WEIGHT, good);
  edits[2].loaded = loaded;
  edits[3].values = heavy;
  g_assert_null (pdx_sheet_save_full (lab->db, lab->study_id, DATE, edits, 4, &failed, &error));
  g_assert_error (error, PDX_DB_ERROR, PDX_DB_ERROR_CONFLICT);
  g_assert_cmpuint (failed, ==, 2);
  g_clear_error (&error);
  edits[2].loaded = NULL;
  failed = 0;
  g_assert_null (pdx_sheet_save_full (lab->db, lab->study_id, DATE, edits, 4, &failed, &error));
  g_assert_error (error, PDX_DB_ERROR, PDX_DB_ERROR_INVALID);
  g_assert_cmpuint (failed, ==, 3);
  after = pdx_test_dump (lab->db);
  g_assert_cmpstr (before, ==, after);
  g_clear_error (&error);
  failed = 0;
  g_assert_null (
      pdx_sheet_save_full (lab->db, lab->study_id, "2999-01-01", edits, 3, &failed, &error));
  g_assert_error (error, PDX_DB_ERROR, PDX_DB_ERROR_INVALID);
  g_assert_cmpuint (failed, ==, G_MAXUINT);
  g_clear_error (&error);
  failed = 0;
  save = pdx_sheet_save_full (lab->db, lab->study_id, DATE, edits, 3, &failed, &error);
  g_assert_no_error (error);
  g_assert_nonnull (save);
  g_assert_cmpuint (failed, ==, G_MAXUINT);
  g_assert_cmpuint (pdx_sheet_save_get_n_rows (save), ==, 3);
}

/* PRAGMA data_version moves for another connection's commit, not for our own. */
static void
test_data_version (Lab *lab, gconstpointer data)
{
  g_autoptr (PdxDb) other = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxMeasurement) mine = NULL, theirs = NULL;
  gint64 v0 = 0, v1 = 0, v2 = 0;

  g_assert_true (pdx_db_get_data_version (lab->db, &v0, &error));
  mine = store (lab, 0, NAN, NAN, 21.0);
  g_assert_true (pdx_db_get_data_version (lab->db, &v1, &error));
  g_assert_cmpint (v1, ==, v0);
  other = pdx_db_open (lab->path, PDX_DB_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  theirs = pdx_measurement_new ();
  theirs->mouse_id = lab->mice[1];
  theirs->date = g_strdup (DATE);
  theirs->weight_g = 22.0;
  g_assert_true (pdx_measurement_insert (other, theirs, &error));
  g_assert_true (pdx_db_get_data_version (lab->db, &v2, &error));
  g_assert_no_error (error);
  g_assert_cmpint (v2, !=, v1);
}

/* ---- reasons: changing or deleting a saved value needs one (issue 12, "Why") ------------- */

/* M01 (weight 22, BLI 3.9e7) and M02 (weight 20) are saved; the edits change M01's weight,
 * clear its BLI, change M02's weight and give M03 a new row. */
typedef struct
{
  PdxMeasurement *loaded[2], *values[3];
  PdxSheetEdit    edits[3];
} ReasonEdits;

static void
reason_edits_init (Lab *lab, ReasonEdits *r)
{
  r->loaded[0] = store (lab, 0, 3.9e7, NAN, 22.0);
  r->loaded[1] = store (lab, 1, NAN, NAN, 20.0);
  for (guint i = 0; i < 3; i++)
    r->values[i] = pdx_measurement_new ();
  r->values[0]->weight_g = 21.5;
  r->values[1]->weight_g = 19.0;
  r->values[2]->weight_g = 21.0;
  r->edits[0] =
      edit_of (lab, 0, r->loaded[0], PDX_MEASUREMENT_WEIGHT | PDX_MEASUREMENT_BLI, r->values[0]);
  r->edits[1] = edit_of (lab, 1, r->loaded[1], PDX_MEASUREMENT_WEIGHT, r->values[1]);
  r->edits[2] = edit_of (lab, 2, NULL, PDX_MEASUREMENT_WEIGHT, r->values[2]);
  pdx_db_set_reason (lab->db, NULL);
}

static void
reason_edits_clear (ReasonEdits *r)
{
  for (guint i = 0; i < 2; i++)
    pdx_measurement_free (r->loaded[i]);
  for (guint i = 0; i < 3; i++)
    pdx_measurement_free (r->values[i]);
}

/* Without a reason (none, empty, blanks) the save is refused before anything is written, the
 * message counting what needs one; the lab is byte for byte as before. */
static void
test_reason_refused_without (Lab *lab, gconstpointer data)
{
  ReasonEdits      r;
  g_autofree char *before = NULL, *after = NULL, *what = NULL;
  const char      *reasons[] = { NULL, "", "  \t " };
  guint            n = 0, failed = 0;

  reason_edits_init (lab, &r);
  what = pdx_sheet_describe_saved_changes (r.edits, 3, &n);
  g_assert_cmpstr (what, ==, "2 weights, 1 BLI flux");
  g_assert_cmpuint (n, ==, 3);
  before = pdx_test_dump (lab->db);
  for (guint i = 0; i < G_N_ELEMENTS (reasons); i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_null (pdx_sheet_save_with_reason (lab->db, lab->study_id, DATE, r.edits, 3,
                                                 reasons[i], &failed, &error));
      g_assert_error (error, PDX_DB_ERROR, PDX_DB_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==,
                       "3 saved values would change (2 weights, 1 BLI flux): changing or "
                       "deleting a saved value needs a reason; nothing was saved");
      g_assert_cmpuint (failed, ==, G_MAXUINT);
    }
  {
    g_autoptr (GError) error = NULL;

    /* pdx_sheet_save () takes the connection's reason: none here. */
    g_assert_null (pdx_sheet_save (lab->db, lab->study_id, DATE, r.edits, 3, &error));
    g_assert_error (error, PDX_DB_ERROR, PDX_DB_ERROR_INVALID);
  }
  after = pdx_test_dump (lab->db);
  g_assert_cmpstr (before, ==, after);
  reason_edits_clear (&r);
}

/* With a reason the save is written and every audit entry it wrote carries that reason; the
 * connection's reason is as before afterwards. */
static void
test_reason_stored (Lab *lab, gconstpointer data)
{
  ReasonEdits r;
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxSheetSave) save = NULL;
  g_autofree char *last = NULL, *where = NULL;
  gint64           last_id;

  reason_edits_init (lab, &r);
  last = pdx_test_query_string (lab->db, "SELECT max (id) FROM audit_log");
  last_id = g_ascii_strtoll (last, NULL, 10);
  save = pdx_sheet_save_with_reason (lab->db, lab->study_id, DATE, r.edits, 3,
                                     " Transcription error ", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (save);
  g_assert_null (pdx_db_get_reason (lab->db));
  where = g_strdup_printf ("audit_log WHERE id > %" G_GINT64_FORMAT, last_id);
  g_assert_cmpint (pdx_test_count (lab->db, where), ==, 3); /* 2 updates, 1 insert */
  g_free (where);
  where = g_strdup_printf (
      "audit_log WHERE id > %" G_GINT64_FORMAT " AND reason IS 'Transcription error'", last_id);
  g_assert_cmpint (pdx_test_count (lab->db, where), ==, 3);
  {
    g_autoptr (PdxMeasurement) m1 = stored (lab, 0);

    g_assert_cmpfloat (m1->weight_g, ==, 21.5);
    g_assert_true (isnan (m1->bli_flux));
  }
  /* The undo records its own reason and leaves the connection's as it found it. */
  pdx_db_set_reason (lab->db, "Re-measured");
  g_assert_true (pdx_sheet_save_undo (save, lab->db, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (pdx_db_get_reason (lab->db), ==, "Re-measured");
  g_assert_cmpint (pdx_test_count (lab->db, "audit_log WHERE reason = 'undo of the sheet saved "
                                            "for " DATE "'"),
                   ==, 3);
  reason_edits_clear (&r);
}

/* New values need no reason: a new row, and a value typed into an empty cell of a saved row. */
static void
test_reason_new_values_need_none (Lab *lab, gconstpointer data)
{
  g_autoptr (PdxMeasurement) loaded = store (lab, 0, NAN, NAN, 22.0);
  g_autoptr (PdxMeasurement) bli = pdx_measurement_new ();
  g_autoptr (PdxMeasurement) weight = pdx_measurement_new ();
  g_autoptr (PdxSheetSave) save = NULL;
  g_autoptr (GError) error = NULL;
  PdxSheetEdit edits[2];
  guint        n = 99;

  pdx_db_set_reason (lab->db, NULL);
  bli->bli_flux = 4.1e7;
  weight->weight_g = 22.0; /* typed again as it was: no change */
  bli->weight_g = 22.0;
  edits[0] = edit_of (lab, 0, loaded, PDX_MEASUREMENT_BLI | PDX_MEASUREMENT_WEIGHT, bli);
  edits[1] = edit_of (lab, 1, NULL, PDX_MEASUREMENT_WEIGHT, weight);
  g_assert_null (pdx_sheet_describe_saved_changes (edits, 2, &n));
  g_assert_cmpuint (n, ==, 0);
  save = pdx_sheet_save (lab->db, lab->study_id, DATE, edits, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pdx_sheet_save_get_n_rows (save), ==, 2);
  g_assert_cmpint (pdx_test_count (lab->db, "measurement WHERE bli_flux = 4.1e7"), ==, 1);
}

/* Clearing a row's every value deletes it: that needs a reason too. */
static void
test_reason_delete (Lab *lab, gconstpointer data)
{
  g_autoptr (PdxMeasurement) loaded = store (lab, 0, NAN, NAN, 22.0);
  g_autoptr (PdxMeasurement) cleared = pdx_measurement_new ();
  g_autoptr (PdxSheetSave) save = NULL;
  g_autoptr (GError) error = NULL;
  PdxSheetEdit edit = edit_of (lab, 0, loaded, PDX_MEASUREMENT_WEIGHT, cleared);

  pdx_db_set_reason (lab->db, NULL);
  g_assert_null (pdx_sheet_save (lab->db, lab->study_id, DATE, &edit, 1, &error));
  g_assert_error (error, PDX_DB_ERROR, PDX_DB_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "1 saved value would change (1 weight): changing or deleting a saved value "
                   "needs a reason; nothing was saved");
  g_assert_cmpint (pdx_test_count (lab->db, "measurement"), ==, 1);
  g_clear_error (&error);
  save = pdx_sheet_save_with_reason (lab->db, lab->study_id, DATE, &edit, 1, "Instrument error",
                                     NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pdx_test_count (lab->db, "measurement"), ==, 0);
  g_assert_cmpint (pdx_test_count (lab->db, "audit_log WHERE action = 'delete' AND table_name = "
                                            "'measurement' AND reason = 'Instrument error'"),
                   ==, 1);
}

int
main (int argc, char **argv)
{
  gconstpointer bli = GINT_TO_POINTER (PDX_READOUT_BLI_FLUX);
  gconstpointer caliper = GINT_TO_POINTER (PDX_READOUT_CALIPER_VOLUME);

  g_test_init (&argc, &argv, NULL);
#define ADD(path, readout, fn)                                                                     \
  g_test_add ("/core/sheet-save/" path, Lab, readout, lab_setup, fn, lab_teardown)
  ADD ("weight-only-keeps-bli", bli, test_weight_only_keeps_bli);
  ADD ("volume-only-row-keeps-volume", caliper, test_volume_only_row_keeps_volume);
  ADD ("clear-keeps-hidden-readout", bli, test_clear_keeps_hidden_readout);
  ADD ("caliper-edit-derives-volume", caliper, test_caliper_edit_derives_volume);
  ADD ("conflict-refused", bli, test_conflict_refused);
  ADD ("conflict-new-row", bli, test_conflict_new_row);
  ADD ("undo", bli, test_undo);
  ADD ("refuses-future-and-impossible", bli, test_refuses_future_and_impossible);
  ADD ("data-version", bli, test_data_version);
  ADD ("failed-row", bli, test_failed_row);
  ADD ("reason/refused-without", bli, test_reason_refused_without);
  ADD ("reason/stored-on-each-entry", bli, test_reason_stored);
  ADD ("reason/new-values-need-none", bli, test_reason_new_values_need_none);
  ADD ("reason/delete", bli, test_reason_delete);
  g_test_add ("/core/sheet-save/refusal-mid-save/date-rule", Lab, GINT_TO_POINTER (0), lab_setup,
              test_refusal_mid_save_rolls_back, lab_teardown);
  g_test_add ("/core/sheet-save/refusal-mid-save/trigger", Lab, GINT_TO_POINTER (1), lab_setup,
              test_refusal_mid_save_rolls_back, lab_teardown);
  return g_test_run ();
}
