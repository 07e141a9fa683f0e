/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-import.c — the mice and measurements importers of SPEC §7. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx-import-private.h"
#include "model/pdx-model-sql.h"
#include "pdx/pdx-audit.h"

#include <math.h>
#include <string.h>

/* ---- shared lookups -------------------------------------------------------------------------- */

typedef struct
{
  gint64      id;
  char       *day0;
  gboolean    created;    /* created by this import */
  gboolean    day0_given; /* day 0 came from the file */
  GHashTable *mice;       /* tag -> PdxImportMouse*, loaded on first use (measurements) */
  /* Rows a measurements import inserted into the study, and their id range. */
  guint64 inserted;
  gint64  first_id, last_id;
} StudyRef;

static void
study_ref_free (gpointer data)
{
  StudyRef *s = data;
  g_free (s->day0);
  g_clear_pointer (&s->mice, g_hash_table_unref);
  g_free (s);
}

static GHashTable *
study_cache_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, study_ref_free);
}

/* The study @code of the file, read once per import (NULL and no error when there is none).
 * A locked study is refused at its first row with PDX_DB_ERROR_LOCKED naming the lock: the bulk
 * write sets the lock trigger aside with the others, so this is the check. */
static StudyRef *
study_lookup (PdxImporter *im, GHashTable *cache, const char *code, GError **error)
{
  StudyRef *ref = g_hash_table_lookup (cache, code);
  g_autoptr (PdxStudy) study = NULL;
  g_autoptr (GError) locked = NULL;

  if (ref)
    return ref;
  study = pdx_study_find (im->db, code, error);
  if (study == NULL)
    return NULL;
  if (!pdx_study_check_unlocked (im->db, study->id, &locked))
    {
      g_autoptr (GError) located = NULL;

      if (!g_error_matches (locked, PDX_DB_ERROR, PDX_DB_ERROR_LOCKED))
        return g_propagate_error (error, g_steal_pointer (&locked)), NULL;
      pdx_importer_fail_row (im, &located, PDX_IMPORT_ERROR_REFERENCE, "%s", locked->message);
      g_set_error_literal (error, PDX_DB_ERROR, PDX_DB_ERROR_LOCKED, located->message);
      return NULL;
    }
  ref = g_new0 (StudyRef, 1);
  ref->id = study->id;
  ref->day0 = g_strdup (study->day0);
  g_hash_table_insert (cache, g_strdup (code), ref);
  return ref;
}

/* ---- mice ------------------------------------------------------------------------------------ */

enum
{
  M_STUDY,
  M_ARM,
  M_MOUSE,
  M_LINE,
  M_CONTROL,
  M_CAGE,
  M_SEX,
  M_STRAIN,
  M_BIRTH,
  M_IMPLANT,
  M_END_DATE,
  M_END_REASON,
  M_EVENT,
  M_DAY0,
  M_READOUT,
  M_N
};

static const PdxImportColumn mice_columns[M_N] = {
  { "study", TRUE },  { "arm", TRUE }, { "mouse", TRUE, "tag" },
  { "line" },         { "control" },   { "cage" },
  { "sex" },          { "strain" },    { "birth_date" },
  { "implant_date" }, { "end_date" },  { "end_reason" },
  { "event" },        { "day0" },      { "readout" },
};

typedef struct
{
  PdxImporter *im;
  GHashTable  *studies; /* code -> StudyRef */
  GHashTable  *arms;    /* "study_id/name" -> gint64 id */
  GHashTable  *tags;    /* "study_id/tag" -> line number, this file */
} MiceImport;

static gint64
line_find_or_create (PdxImporter *im, const char *code, GError **error)
{
  GError *local = NULL;
  g_autoptr (PdxLine) line = pdx_line_find (im->db, code, &local);

  if (local)
    {
      g_propagate_error (error, local);
      return 0;
    }
  if (line)
    return line->id;
  line = pdx_line_new ();
  line->code = g_strdup (code);
  line->status = g_strdup ("active");
  if (!pdx_line_insert (im->db, line, error))
    return 0;
  im->report->lines_created++;
  pdx_import_report_created (im->report, _ ("tissue line %s"), code);
  return line->id;
}

static StudyRef *
mice_study (MiceImport *mi, GError **error)
{
  PdxImporter *im = mi->im;
  const char  *code = pdx_importer_get (im, M_STUDY);
  GError      *local = NULL;
  StudyRef    *ref;
  g_autoptr (PdxStudy) study = NULL;
  g_autofree char *day0 = NULL;
  const char      *readout = pdx_importer_get (im, M_READOUT);

  if (code == NULL)
    return pdx_importer_fail (im, error, PDX_IMPORT_ERROR_VALUE, M_STUDY,
                              _ ("expected a study code")),
           NULL;
  ref = study_lookup (im, mi->studies, code, &local);
  if (ref || local)
    {
      if (local)
        g_propagate_error (error, local);
      return ref;
    }
  /* A new study: day 0 from the file, else settled after the pass (earliest implant). */
  study = pdx_study_new ();
  study->code = g_strdup (code);
  study->status = g_strdup ("active");
  if (!pdx_importer_date (im, M_DAY0, &day0, error))
    return NULL;
  if (readout && !pdx_readout_from_string (readout, &study->readout))
    return pdx_importer_fail (im, error, PDX_IMPORT_ERROR_VALUE, M_READOUT,
                              _ ("expected bli_flux, mri_volume or caliper_volume")),
           NULL;
  if (day0 == NULL && !pdx_importer_date (im, M_IMPLANT, &day0, error))
    return NULL;
  if (day0 == NULL)
    {
      g_autoptr (GDateTime) now = g_date_time_new_now_local ();
      day0 = g_date_time_format (now, "%Y-%m-%d");
    }
  study->day0 = g_strdup (day0);
  if (pdx_importer_get (im, M_LINE) &&
      !(study->line_id = line_find_or_create (im, pdx_importer_get (im, M_LINE), error)))
    return NULL;
  if (!pdx_study_insert (im->db, study, &local))
    return pdx_importer_fail (im, error, PDX_IMPORT_ERROR_VALUE, M_STUDY, "%s", local->message),
           g_error_free (local), NULL;
  ref = g_new0 (StudyRef, 1);
  ref->id = study->id;
  ref->day0 = g_strdup (study->day0);
  ref->created = TRUE;
  ref->day0_given = pdx_importer_get (im, M_DAY0) != NULL;
  g_hash_table_insert (mi->studies, g_strdup (code), ref);
  im->report->studies_created++;
  pdx_import_report_created (im->report, _ ("study %s"), code);
  return ref;
}

static gboolean
is_control_name (const char *name)
{
  return g_ascii_strcasecmp (name, "vehicle") == 0 || g_ascii_strcasecmp (name, "control") == 0 ||
         g_ascii_strcasecmp (name, "untreated") == 0;
}

/* The arm's id (0 for an empty arm field: not randomised yet), created when missing. */
static gboolean
mice_arm (MiceImport *mi, const char *study_code, StudyRef *study, gint64 *arm_id, GError **error)
{
  PdxImporter     *im = mi->im;
  const char      *name = pdx_importer_get (im, M_ARM);
  g_autofree char *key = NULL;
  gpointer         found;
  int              control;
  GError          *local = NULL;
  g_autoptr (PdxArm) arm = NULL;

  *arm_id = 0;
  if (!pdx_importer_bool (im, M_CONTROL, &control, error))
    return FALSE;
  if (name == NULL)
    return TRUE;
  key = g_strdup_printf ("%" G_GINT64_FORMAT "/%s", study->id, name);
  if ((found = g_hash_table_lookup (mi->arms, key)))
    {
      *arm_id = *(gint64 *) found;
      return TRUE;
    }
  arm = pdx_arm_find (im->db, study->id, name, &local);
  if (local)
    return g_propagate_error (error, local), FALSE;
  if (arm == NULL)
    {
      arm = pdx_arm_new ();
      arm->study_id = study->id;
      arm->name = g_strdup (name);
      arm->is_control = control >= 0 ? control == 1 : is_control_name (name);
      if (!pdx_arm_insert (im->db, arm, &local))
        {
          /* A second control (SPEC: one per study) from the arm's name alone: say how to
           * import it as a treated arm. */
          gboolean by_name = arm->is_control && control < 0;
          pdx_importer_fail (im, error, PDX_IMPORT_ERROR_VALUE, by_name ? M_ARM : M_CONTROL, "%s%s",
                             local->message,
                             by_name ? " (an arm with this name is the control unless the row "
                                       "says control 0)"
                                     : "");
          g_error_free (local);
          return FALSE;
        }
      im->report->arms_created++;
      pdx_import_report_created (im->report,
                                 arm->is_control ? _ ("arm %s/%s (control)") : _ ("arm %s/%s"),
                                 study_code, name);
    }
  else if (control == 1 && !arm->is_control)
    {
      arm->is_control = TRUE;
      if (!pdx_arm_update (im->db, arm, &local))
        return pdx_importer_fail (im, error, PDX_IMPORT_ERROR_VALUE, M_CONTROL, "%s",
                                  local->message),
               g_error_free (local), FALSE;
    }
  *arm_id = arm->id;
  g_hash_table_insert (mi->arms, g_steal_pointer (&key), g_memdup2 (&arm->id, sizeof arm->id));
  return TRUE;
}

/* The kind of the row's end_reason (other when absent), or a FILE:LINE:COLUMN error listing
 * the accepted words: a reason is never guessed from part of a sentence. */
static gboolean
mice_end_kind (PdxImporter *im, PdxEndpointKind *kind, GError **error)
{
  const char      *text = pdx_importer_get (im, M_END_REASON);
  g_autofree char *accepted = NULL;

  *kind = PDX_ENDPOINT_OTHER;
  if (text == NULL || pdx_endpoint_kind_parse (text, kind))
    return TRUE;
  accepted = pdx_endpoint_kind_dup_accepted ();
  return pdx_importer_fail (im, error, PDX_IMPORT_ERROR_VALUE, M_END_REASON,
                            _ ("expected one of the endpoint words, matched whole: %s (write "
                               "'other' and keep the details in your own notes)"),
                            accepted);
}

/* The row's endpoint. The lab's own end_reason text is always kept as the endpoint's note. The
 * event flag defaults to the kind's (deaths and humane endpoints are events); event 0 may
 * censor a death or humane endpoint (one not caused by the tumour), but end of study is never
 * an event, so end of study with event 1 is refused. */
static gboolean
mice_endpoint (MiceImport *mi, PdxMouse *mouse, GError **error)
{
  PdxImporter *im = mi->im;
  g_autoptr (PdxEndpoint) endpoint = pdx_endpoint_new ();
  int     event;
  GError *local = NULL;

  if (!pdx_importer_past_date (im, M_END_DATE, &endpoint->date, error) ||
      !pdx_importer_bool (im, M_EVENT, &event, error))
    return FALSE;
  if (endpoint->date == NULL)
    {
      if (pdx_importer_get (im, M_END_REASON))
        return pdx_importer_fail (im, error, PDX_IMPORT_ERROR_VALUE, M_END_DATE,
                                  _ ("expected the end date that goes with end_reason"));
      if (event == 1)
        return pdx_importer_fail (im, error, PDX_IMPORT_ERROR_VALUE, M_END_DATE,
                                  _ ("expected the end date of the event"));
      return TRUE;
    }
  if (!mice_end_kind (im, &endpoint->kind, error))
    return FALSE;
  if (event == 1 && endpoint->kind == PDX_ENDPOINT_END_OF_STUDY)
    return pdx_importer_fail (im, error, PDX_IMPORT_ERROR_VALUE, M_EVENT,
                              _ ("expected 0 or nothing: the end of a study is censored, never an "
                                 "event (end_reason is '%s')"),
                              pdx_endpoint_kind_to_string (endpoint->kind));
  endpoint->is_event = event >= 0 ? event == 1 : pdx_endpoint_kind_is_event (endpoint->kind);
  endpoint->note = g_strdup (pdx_importer_get (im, M_END_REASON));
  endpoint->mouse_id = mouse->id;
  if (!pdx_endpoint_insert (im->db, endpoint, &local))
    return pdx_importer_fail (im, error, PDX_IMPORT_ERROR_VALUE, M_END_DATE, "%s", local->message),
           g_error_free (local), FALSE;
  im->report->endpoints_created++;
  return TRUE;
}

static gboolean
mice_row (MiceImport *mi, GError **error)
{
  PdxImporter *im = mi->im;
  const char  *study_code = pdx_importer_get (im, M_STUDY);
  StudyRef    *study = mice_study (mi, error);
  g_autoptr (PdxMouse) mouse = pdx_mouse_new ();
  g_autofree char *key = NULL;
  GError          *local = NULL;
  gpointer         earlier;

  if (study == NULL)
    return FALSE;
  mouse->study_id = study->id;
  mouse->tag = g_strdup (pdx_importer_get (im, M_MOUSE));
  if (mouse->tag == NULL)
    return pdx_importer_fail (im, error, PDX_IMPORT_ERROR_VALUE, M_MOUSE,
                              _ ("expected a mouse tag"));
  key = g_strdup_printf ("%" G_GINT64_FORMAT "/%s", study->id, mouse->tag);
  if ((earlier = g_hash_table_lookup (mi->tags, key)))
    {
      g_autofree char *tag = pdx_text_shown (mouse->tag);
      g_autofree char *code = pdx_text_shown (study_code);
      return pdx_importer_fail (im, error, PDX_IMPORT_ERROR_CONFLICT, M_MOUSE,
                                _ ("mouse %s of study %s is already on line %u of this file"), tag,
                                code, GPOINTER_TO_UINT (earlier));
    }
  g_hash_table_insert (mi->tags, g_steal_pointer (&key),
                       GUINT_TO_POINTER (pdx_records_get_line (im->records)));
  if (!mice_arm (mi, study_code, study, &mouse->arm_id, error))
    return FALSE;
  mouse->cage = g_strdup (pdx_importer_get (im, M_CAGE));
  mouse->strain = g_strdup (pdx_importer_get (im, M_STRAIN));
  mouse->sex = g_strdup (pdx_importer_get (im, M_SEX));
  if (mouse->sex && !pdx_vocab_contains (PDX_VOCAB_SEX, mouse->sex))
    return pdx_importer_fail (im, error, PDX_IMPORT_ERROR_VALUE, M_SEX, _ ("expected F or M"));
  if (!pdx_importer_past_date (im, M_BIRTH, &mouse->birth_date, error) ||
      !pdx_importer_past_date (im, M_IMPLANT, &mouse->implant_date, error))
    return FALSE;
  if (mouse->birth_date && mouse->implant_date &&
      strcmp (mouse->birth_date, mouse->implant_date) > 0)
    return pdx_importer_fail (im, error, PDX_IMPORT_ERROR_VALUE, M_BIRTH,
                              _ ("expected a birth date on or before the implant date %s"),
                              mouse->implant_date);
  if (!pdx_mouse_insert (im->db, mouse, &local))
    {
      PdxImportError code = g_error_matches (local, PDX_DB_ERROR, PDX_DB_ERROR_DUPLICATE)
                                ? PDX_IMPORT_ERROR_CONFLICT
                                : PDX_IMPORT_ERROR_VALUE;
      pdx_importer_fail (im, error, code, M_MOUSE, "%s",
                         code == PDX_IMPORT_ERROR_CONFLICT
                             ? "this mouse already exists in the study"
                             : local->message);
      g_error_free (local);
      return FALSE;
    }
  im->report->mice_created++;
  return mice_endpoint (mi, mouse, error);
}

/* Studies this import created without a day 0 in the file start at their earliest implant. */
static gboolean
settle_day0 (MiceImport *mi, GError **error)
{
  GHashTableIter iter;
  gpointer       value;

  g_hash_table_iter_init (&iter, mi->studies);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      StudyRef *ref = value;
      PdxStmt  *stmt;
      if (!ref->created || ref->day0_given)
        continue;
      stmt =
          pdx_db_prepare (mi->im->db,
                          "UPDATE study SET day0 = coalesce ((SELECT min (implant_date) FROM mouse"
                          " WHERE study_id = ?1), day0) WHERE id = ?1",
                          error);
      if (stmt == NULL)
        return FALSE;
      pdx_stmt_bind_int64 (stmt, 1, ref->id);
      if (pdx_stmt_step (stmt, NULL) != PDX_STEP_DONE)
        return pdx_db_step_error (mi->im->db, error, "setting day 0");
      pdx_stmt_reset (stmt);
    }
  return TRUE;
}

static gboolean
mice_body (PdxImporter *im, GError **error)
{
  MiceImport mi = { .im = im };
  gboolean   ok = TRUE;
  GError    *local = NULL;

  mi.studies = study_cache_new ();
  mi.arms = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  mi.tags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  while (ok && pdx_importer_next (im, &local))
    ok = mice_row (&mi, &local);
  if (local == NULL && im->report->rows == 0)
    pdx_importer_fail_row (im, &local, PDX_IMPORT_ERROR_FORMAT,
                           _ ("the file has a header but no rows; expected one row per mouse"));
  if (local == NULL)
    settle_day0 (&mi, &local);
  g_hash_table_unref (mi.studies);
  g_hash_table_unref (mi.arms);
  g_hash_table_unref (mi.tags);
  if (local)
    return g_propagate_error (error, local), FALSE;
  return TRUE;
}

gboolean
pdx_import_mice_with (PdxDb                  *db,
                      const char             *path,
                      const PdxImportOptions *options,
                      PdxImportReport        *report,
                      GError                **error)
{
  return pdx_importer_run (db, path, mice_columns, M_N, report, options, mice_body, error);
}

/* ---- measurements ---------------------------------------------------------------------------- */

enum
{
  X_STUDY,
  X_MOUSE,
  X_DATE,
  X_DAY,
  X_LENGTH,
  X_WIDTH,
  X_VOLUME,
  X_BLI,
  X_MRI,
  X_WEIGHT,
  X_NEURO,
  X_OPERATOR,
  X_NOTE,
  X_N
};

static const PdxImportColumn measurement_columns[X_N] = {
  { "study", TRUE },    { "mouse", TRUE, "tag" }, { "date" },        { "day" },
  { "length_mm" },      { "width_mm" },           { "volume_mm3" },  { "bli_flux" },
  { "mri_volume_mm3" }, { "weight_g" },           { "neuro_score" }, { "operator" },
  { "note" },
};

typedef struct
{
  PdxImporter *im;
  GHashTable  *studies;
  gint64       max_id_before; /* rows above this id were written by this import */
  GHashTable  *merged;        /* ids of rows already in the lab that this file merged into */
  PdxStmt     *insert;        /* borrowed from the statement cache for the whole import */
  /* The previous row's study and mouse: files list a mouse's dates together. */
  char           *last_code, *last_tag;
  StudyRef       *last_study;
  PdxImportMouse *last_mouse;
} MeasurementImport;

static PdxImportMouse *
measurement_mouse (MeasurementImport *xi, StudyRef **study_out, GError **error)
{
  PdxImporter    *im = xi->im;
  const char     *code = pdx_importer_get (im, X_STUDY);
  const char     *tag = pdx_importer_get (im, X_MOUSE);
  GError         *local = NULL;
  StudyRef       *study;
  PdxImportMouse *mouse;

  if (code && tag && xi->last_mouse && g_str_equal (code, xi->last_code) &&
      g_str_equal (tag, xi->last_tag))
    {
      *study_out = xi->last_study;
      return xi->last_mouse;
    }
  study = code ? study_lookup (im, xi->studies, code, &local) : NULL;
  if (local)
    return g_propagate_error (error, local), NULL;
  if (study == NULL)
    return pdx_importer_fail (im, error, PDX_IMPORT_ERROR_REFERENCE, X_STUDY,
                              _ ("expected the code of a study in this lab")),
           NULL;
  if (study->mice == NULL && !(study->mice = pdx_import_study_mice (im->db, study->id, error)))
    return NULL;
  mouse = tag ? g_hash_table_lookup (study->mice, tag) : NULL;
  if (mouse == NULL)
    {
      g_autofree char *shown = pdx_text_shown (code);
      return pdx_importer_fail (im, error, PDX_IMPORT_ERROR_REFERENCE, X_MOUSE,
                                _ ("expected the tag of a mouse of study %s"), shown),
             NULL;
    }
  g_free (xi->last_code);
  g_free (xi->last_tag);
  xi->last_code = g_strdup (code);
  xi->last_tag = g_strdup (tag);
  xi->last_study = study;
  xi->last_mouse = mouse;
  *study_out = study;
  return mouse;
}

static gboolean
measurement_date (
    MeasurementImport *xi, StudyRef *study, PdxImportMouse *mouse, char **date, GError **error)
{
  PdxImporter *im = xi->im;
  int          day;

  if (!pdx_importer_date (im, X_DATE, date, error))
    return FALSE;
  if (*date == NULL)
    {
      if (!pdx_importer_int (im, X_DAY, -3650, 3650, &day, error))
        return FALSE;
      if (pdx_importer_get (im, X_DAY) == NULL)
        return pdx_importer_fail (im, error, PDX_IMPORT_ERROR_VALUE, X_DATE,
                                  _ ("expected a date (YYYY-MM-DD) or a day since day 0"));
      *date = pdx_date_add_days (study->day0, day);
    }
  if (!pdx_importer_check_past (im, pdx_importer_get (im, X_DATE) ? X_DATE : X_DAY, *date, error))
    return FALSE;
  if (mouse->implant_date && strcmp (*date, mouse->implant_date) < 0)
    return pdx_importer_fail (
        im, error, PDX_IMPORT_ERROR_VALUE, pdx_importer_get (im, X_DATE) ? X_DATE : X_DAY,
        _ ("expected a date on or after the mouse's implant date %s"), mouse->implant_date);
  if (mouse->end_date && strcmp (*date, mouse->end_date) > 0)
    return pdx_importer_fail (
        im, error, PDX_IMPORT_ERROR_VALUE, pdx_importer_get (im, X_DATE) ? X_DATE : X_DAY,
        _ ("expected a date on or before the mouse's endpoint %s"), mouse->end_date);
  return TRUE;
}

/* Each value against its plausible range (pdx_quantity_check), the caliper's derived volume
 * included (charged to the length column). */
static gboolean
measurement_plausible (PdxImporter *im, const PdxMeasurement *m, GError **error)
{
  static const PdxQuantity quantities[] = {
    PDX_QUANTITY_LENGTH_MM, PDX_QUANTITY_WIDTH_MM,       PDX_QUANTITY_VOLUME_MM3,
    PDX_QUANTITY_BLI_FLUX,  PDX_QUANTITY_MRI_VOLUME_MM3, PDX_QUANTITY_WEIGHT_G,
  };
  const double reals[] = { m->length_mm, m->width_mm,       m->volume_mm3,
                           m->bli_flux,  m->mri_volume_mm3, m->weight_g };

  for (guint i = 0; i < G_N_ELEMENTS (quantities); i++)
    {
      guint c = X_LENGTH + i;
      /* A derived volume is the length and width's: point at them, not at an empty column. */
      if (i == 2 && !isnan (m->length_mm))
        c = X_LENGTH;
      if (!pdx_importer_quantity (im, c, quantities[i], reals[i], error))
        return FALSE;
    }
  return m->neuro_score < 0 ||
         pdx_importer_quantity (im, X_NEURO, PDX_QUANTITY_NEURO_SCORE, m->neuro_score, error);
}

static gboolean
measurement_values (PdxImporter *im, PdxMeasurement *m, GError **error)
{
  double *reals[] = { &m->length_mm, &m->width_mm,       &m->volume_mm3,
                      &m->bli_flux,  &m->mri_volume_mm3, &m->weight_g };
  for (guint i = 0; i < G_N_ELEMENTS (reals); i++)
    if (!pdx_importer_real (im, X_LENGTH + i, reals[i], error))
      return FALSE;
  if (!pdx_importer_int (im, X_NEURO, 0, 4, &m->neuro_score, error))
    return FALSE;
  if (isnan (m->length_mm) != isnan (m->width_mm))
    return pdx_importer_fail (im, error, PDX_IMPORT_ERROR_VALUE,
                              isnan (m->length_mm) ? X_LENGTH : X_WIDTH,
                              _ ("expected both caliper length and width, or neither"));
  if (m->weight_g == 0)
    return pdx_importer_fail (im, error, PDX_IMPORT_ERROR_VALUE, X_WEIGHT,
                              _ ("expected a body weight above 0 g"));
  if (!isnan (m->length_mm))
    {
      double l = MAX (m->length_mm, m->width_mm), w = MIN (m->length_mm, m->width_mm);
      m->length_mm = l, m->width_mm = w;
      m->volume_mm3 = pdx_caliper_volume (l, w);
    }
  if (!measurement_plausible (im, m, error))
    return FALSE;
  /* Borrowed from the record: the row is written before the next one is read. */
  m->operator_name = (char *) pdx_importer_get (im, X_OPERATOR);
  m->note = (char *) pdx_importer_get (im, X_NOTE);
  if (isnan (m->volume_mm3) && isnan (m->bli_flux) && isnan (m->mri_volume_mm3) &&
      isnan (m->weight_g) && m->neuro_score < 0 && m->note == NULL)
    return pdx_importer_fail_row (im, error, PDX_IMPORT_ERROR_VALUE,
                                  _ ("the row records nothing; expected at least one value"));
  return TRUE;
}

static void
bind_measurement (PdxDb *db, PdxStmt *stmt, const PdxMeasurement *m)
{
  const double reals[] = { m->length_mm, m->width_mm,       m->volume_mm3,
                           m->bli_flux,  m->mri_volume_mm3, m->weight_g };
  pdx_stmt_bind_int64 (stmt, 1, m->mouse_id);
  pdx_stmt_bind_text (stmt, 2, m->date);
  /* Both outlive the step: the row's own string, or the lab's operator. */
  pdx_stmt_bind_text (stmt, 3, m->operator_name ? m->operator_name : pdx_db_get_operator (db));
  if (m->note)
    pdx_stmt_bind_text (stmt, 4, m->note);
  for (int i = 0; i < 6; i++)
    if (!isnan (reals[i]))
      pdx_stmt_bind_double (stmt, 5 + i, reals[i]);
  if (m->neuro_score >= 0)
    pdx_stmt_bind_int64 (stmt, 11, m->neuro_score);
}

/* The name of the first value of @saved that @m (a row of the file, merged into it) would
 * change or clear, or NULL when the merge only adds values. As measurement_merge ()'s UPDATE:
 * a value the file gives replaces; a volume without caliper clears a saved caliper. */
static const char *
merge_replaces (const PdxMeasurement *saved, const PdxMeasurement *m)
{
  const double      before[] = { saved->length_mm, saved->width_mm,       saved->volume_mm3,
                                 saved->bli_flux,  saved->mri_volume_mm3, saved->weight_g };
  const double      after[] = { m->length_mm, m->width_mm,       m->volume_mm3,
                                m->bli_flux,  m->mri_volume_mm3, m->weight_g };
  const PdxQuantity quantity[] = { PDX_QUANTITY_LENGTH_MM,      PDX_QUANTITY_WIDTH_MM,
                                   PDX_QUANTITY_VOLUME_MM3,     PDX_QUANTITY_BLI_FLUX,
                                   PDX_QUANTITY_MRI_VOLUME_MM3, PDX_QUANTITY_WEIGHT_G };

  for (guint i = 0; i < G_N_ELEMENTS (before); i++)
    {
      gboolean cleared = i < 2 && isnan (after[i]) && !isnan (m->volume_mm3);

      if (!isnan (before[i]) && ((!isnan (after[i]) && after[i] != before[i]) || cleared))
        return pdx_quantity_get_label (quantity[i]);
    }
  if (saved->neuro_score >= 0 && m->neuro_score >= 0 && m->neuro_score != saved->neuro_score)
    return pdx_quantity_get_label (PDX_QUANTITY_NEURO_SCORE);
  if (saved->note != NULL && m->note != NULL && g_strcmp0 (saved->note, m->note) != 0)
    return _ ("note");
  return NULL;
}

/* Refuses the merge of @m into the mouse's saved measurement when it would replace a saved
 * value and the import has no reason. */
static gboolean
merge_check_reason (PdxImporter *im, const PdxMeasurement *m, GError **error)
{
  GError *local = NULL;
  g_autoptr (PdxMeasurement) saved = NULL;
  const char *what;

  if (im->reason != NULL)
    return TRUE;
  saved = pdx_measurement_find (im->db, m->mouse_id, m->date, &local);
  if (local != NULL)
    return pdx_importer_fail_row (im, error, PDX_IMPORT_ERROR_IO, "%s", local->message),
           g_error_free (local), FALSE;
  what = saved ? merge_replaces (saved, m) : NULL;
  if (what == NULL)
    return TRUE;
  return pdx_importer_fail (im, error, PDX_IMPORT_ERROR_NEEDS_REASON, X_MOUSE,
                            /* Translators: the value's name ("body weight"), then the date. */
                            _ ("this mouse’s %s of %s is saved already and this row would "
                               "change it; replacing a saved value needs a reason"),
                            what, m->date);
}

/* Merges into the mouse's measurement of that date, one already in the lab before this import:
 * values the file gives replace, the others stay. */
static gboolean
measurement_merge (MeasurementImport *xi, const PdxMeasurement *m, GError **error)
{
  PdxImporter *im = xi->im;
  PdxStmt     *find =
      pdx_db_prepare (im->db, "SELECT id FROM measurement WHERE mouse_id = ? AND date = ?", error);
  PdxStmt *update;
  gint64   id;

  if (find == NULL)
    return FALSE;
  pdx_stmt_bind_int64 (find, 1, m->mouse_id);
  pdx_stmt_bind_text (find, 2, m->date);
  id = pdx_stmt_step (find, NULL) == PDX_STEP_ROW ? pdx_stmt_column_int64 (find, 0) : 0;
  pdx_stmt_reset (find);
  if (id > xi->max_id_before || g_hash_table_contains (xi->merged, &id))
    return pdx_importer_fail (im, error, PDX_IMPORT_ERROR_CONFLICT, X_MOUSE,
                              _ ("this mouse already has a row for %s earlier in the file"),
                              m->date);
  if (!merge_check_reason (im, m, error))
    return FALSE;
  update = pdx_db_prepare (
      im->db,
      "UPDATE measurement SET operator = ?3, note = coalesce (?4, note),"
      " length_mm = CASE WHEN ?5 IS NULL AND ?7 IS NOT NULL THEN NULL ELSE coalesce (?5, length_mm) END,"
      " width_mm = CASE WHEN ?6 IS NULL AND ?7 IS NOT NULL THEN NULL ELSE coalesce (?6, width_mm) END,"
      " volume_mm3 = coalesce (?7, volume_mm3), bli_flux = coalesce (?8, bli_flux),"
      " mri_volume_mm3 = coalesce (?9, mri_volume_mm3), weight_g = coalesce (?10, weight_g),"
      " neuro_score = coalesce (?11, neuro_score) WHERE mouse_id = ?1 AND date = ?2",
      error);
  if (update == NULL)
    return FALSE;
  bind_measurement (im->db, update, m);
  if (pdx_stmt_step (update, NULL) != PDX_STEP_DONE)
    {
      pdx_stmt_reset (update);
      return pdx_importer_fail_row (im, error, PDX_IMPORT_ERROR_VALUE, "%s",
                                    pdx_db_get_error_message (im->db));
    }
  pdx_stmt_reset (update);
  g_hash_table_add (xi->merged, g_memdup2 (&id, sizeof id));
  im->report->measurements_updated++;
  return TRUE;
}

/* One row on the stack: a heap struct per row is a measurable share of a million-row import.
 * Only the date is owned (freed by the caller); operator and note are borrowed. */
static void
measurement_init (PdxMeasurement *m)
{
  *m = (PdxMeasurement){ .length_mm = NAN,
                         .width_mm = NAN,
                         .volume_mm3 = NAN,
                         .bli_flux = NAN,
                         .mri_volume_mm3 = NAN,
                         .weight_g = NAN,
                         .neuro_score = -1 };
}

static gboolean
measurement_row (MeasurementImport *xi, GError **error)
{
  PdxImporter     *im = xi->im;
  StudyRef        *study = NULL;
  PdxImportMouse  *mouse = measurement_mouse (xi, &study, error);
  PdxMeasurement   m;
  g_autofree char *date = NULL;
  g_autoptr (GError) refused = NULL;
  PdxStmt *insert;
  int      rc;

  measurement_init (&m);
  if (mouse == NULL || !measurement_date (xi, study, mouse, &date, error))
    return FALSE;
  m.date = date;
  if (!measurement_values (im, &m, error))
    return FALSE;
  m.mouse_id = mouse->id;
  insert = xi->insert;
  pdx_stmt_clear_bindings (insert);
  bind_measurement (im->db, insert, &m);
  rc = pdx_stmt_step (insert, &refused);
  pdx_stmt_reset (insert);
  if (rc == PDX_STEP_DONE)
    {
      gint64 id = pdx_db_last_insert_id (im->db);
      if (study->inserted++ == 0)
        study->first_id = id;
      study->first_id = MIN (study->first_id, id);
      study->last_id = MAX (study->last_id, id);
      im->report->measurements_created++;
      return TRUE;
    }
  if (g_error_matches (refused, PDX_DB_ERROR, PDX_DB_ERROR_DUPLICATE))
    return measurement_merge (xi, &m, error);
  return pdx_importer_fail_row (im, error, PDX_IMPORT_ERROR_VALUE, "%s",
                                pdx_db_get_error_message (im->db));
}

static int
compare_study_ids (gconstpointer a, gconstpointer b)
{
  gint64 x = (*(StudyRef *const *) a)->id, y = (*(StudyRef *const *) b)->id;
  return x < y ? -1 : x > y;
}

/* The audit entry of a bulk import: one per study, with the file, the operator's login and
 * display name (from the connection), how many rows were inserted and their id range, as counted
 * while inserting (a query over the new rows afterwards would read them all again), and the
 * file's provenance: its size, SHA-256 and data rows (all studies'). */
static gboolean
audit_import (MeasurementImport *xi, GError **error)
{
  PdxImporter     *im = xi->im;
  g_autofree char *file = g_path_get_basename (pdx_records_get_name (im->records));
  g_autoptr (GPtrArray) studies = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer       value;
  PdxStmt       *stmt = pdx_db_prepare (
            im->db,
            "INSERT INTO audit_log (operator, operator_name, table_name, row_id, action, new_values,"
                  " reason, study_id) VALUES (pdx_operator (), pdx_operator_name (), 'measurement', ?4, 'import',"
                  " json_object ('file', ?1, 'rows', ?2, 'first_id', ?3, 'last_id', ?4,"
                  " 'size', ?6, 'sha256', ?7, 'file_rows', ?8), pdx_reason (), ?5)",
            error);

  if (stmt == NULL)
    return FALSE;
  g_hash_table_iter_init (&iter, xi->studies);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (((StudyRef *) value)->inserted > 0)
      g_ptr_array_add (studies, value);
  g_ptr_array_sort (studies, compare_study_ids);
  for (guint i = 0; i < studies->len; i++)
    {
      const StudyRef *study = g_ptr_array_index (studies, i);
      pdx_stmt_bind_text (stmt, 1, file);
      pdx_stmt_bind_int64 (stmt, 2, (gint64) study->inserted);
      pdx_stmt_bind_int64 (stmt, 3, study->first_id);
      pdx_stmt_bind_int64 (stmt, 4, study->last_id);
      pdx_stmt_bind_int64 (stmt, 5, study->id);
      pdx_stmt_bind_int64 (stmt, 6, (gint64) pdx_records_get_size (im->records));
      pdx_stmt_bind_text (stmt, 7, pdx_records_get_sha256 (im->records));
      pdx_stmt_bind_int64 (stmt, 8, im->report->rows);
      if (pdx_stmt_step (stmt, NULL) != PDX_STEP_DONE)
        return pdx_db_step_error (im->db, error, "writing the import's audit entry");
      pdx_stmt_reset (stmt);
    }
  im->provenance_recorded = studies->len > 0;
  return TRUE;
}

static gboolean
measurement_body (PdxImporter *im, GError **error)
{
  MeasurementImport xi = { .im = im };
  PdxStmt          *max;
  gboolean          ok = TRUE;
  GError           *local = NULL;

  max = pdx_db_prepare (im->db, "SELECT coalesce (max (id), 0) FROM measurement", error);
  if (max == NULL)
    return FALSE;
  pdx_stmt_step (max, NULL);
  xi.max_id_before = pdx_stmt_column_int64 (max, 0);
  pdx_stmt_reset (max);
  if (im->index[X_DATE] < 0 && im->index[X_DAY] < 0)
    return pdx_importer_fail_row (
        im, error, PDX_IMPORT_ERROR_HEADER,
        _ ("the header has neither 'date' nor 'day'; expected one of them"));
  xi.studies = study_cache_new ();
  xi.merged = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  /* Inside this transaction only, the rules the importer checks itself for every row are set
   * aside (pdx-store.h, bulk writing): measurement_date () checks the date rule, and
   * measurement_date () and measurement_values () refuse every value the CHECK constraints would
   * (a fifth of a big import's time: the date check parses every date again); they are back on
   * before anything else runs. */
  xi.insert = pdx_db_bulk_begin (im->db, pdx_entity_get_insert_sql (PDX_TABLE_MEASUREMENT), &local);
  ok = xi.insert != NULL;
  while (ok && pdx_importer_next (im, &local))
    ok = measurement_row (&xi, &local);
  ok = pdx_db_bulk_end (im->db, ok && local == NULL, local ? NULL : &local);
  if (ok)
    ok = audit_import (&xi, &local);
  if (local == NULL && im->report->rows == 0)
    pdx_importer_fail_row (
        im, &local, PDX_IMPORT_ERROR_FORMAT,
        _ ("the file has a header but no rows; expected one row per mouse and date"));
  g_hash_table_unref (xi.studies);
  g_hash_table_unref (xi.merged);
  g_free (xi.last_code);
  g_free (xi.last_tag);
  if (local)
    return g_propagate_error (error, local), FALSE;
  return TRUE;
}

gboolean
pdx_import_measurements_with (PdxDb                  *db,
                              const char             *path,
                              const PdxImportOptions *options,
                              PdxImportReport        *report,
                              GError                **error)
{
  /* Foreign keys off around the import as well, when no transaction is open (pdx-store.h):
   * every row's mouse is one the importer read in the import's own transaction. */
  gboolean prepared;
  gboolean ok;

  if (!pdx_db_bulk_prepare (db, &prepared, error))
    return FALSE;
  ok = pdx_importer_run (db, path, measurement_columns, X_N, report, options, measurement_body,
                         error);
  pdx_db_bulk_finish (db, prepared);
  return ok;
}
