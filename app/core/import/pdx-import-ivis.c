/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-import-ivis.c — IVIS Living Image ROI measurement exports into one study: each ROI is
 * mapped to a mouse (ROI Label or Animal Number, matched whole) and a date, the ROIs of a mouse
 * and day become its measurement's BLI flux (summed, or one view's), and every ROI is kept in
 * imaging_roi beside the acquisition settings of its session (docs/import-ivis.md).
 *
 * Two passes in the frame's one transaction: the rows are read and checked first (nothing is
 * written while a row may still be refused), then the measurements, the session and the ROIs
 * are written. A dry run (the preview) does both and rolls back. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx-import-ivis.h"
#include "pdx/pdx-audit.h"
#include "pdx/pdx-format.h"

#include <math.h>
#include <string.h>

/* Living Image's guidance for a luminescent image: the brightest pixel should stay between 600
 * and 60,000 counts; the 16-bit CCD's ceiling is 65,535 and the response stops being linear
 * before it. A ROI whose Max Counts reaches this looks saturated (docs/import-ivis.md). */
#define IVIS_SATURATION_COUNTS 60000.0

enum
{
  V_IMAGE,
  V_ROI,
  V_FLUX,
  V_AVG,
  V_MAX_COUNTS,
  V_LABEL,
  V_ANIMAL,
  V_DATETIME,
  V_VIEW,
  V_N
};

/* Matched by their stable prefix: the units' spelling varies ("cm²", "cm_", "cm?"). */
static const PdxImportColumn ivis_columns[V_N] = {
  { "image number", TRUE },
  { "roi", TRUE },
  { "total flux", TRUE, NULL, TRUE },
  { "avg radiance", FALSE, NULL, TRUE },
  { "max counts", FALSE, "max count", TRUE },
  { "roi label" },
  { "animal number" },
  { "date and time" },
  { "view" },
};

/* Where a ROI's values were, for messages after the rows were read. */
typedef struct
{
  gint64 mouse_id; /* 0: no mouse */
  guint  key_column, flux_column, date_column;
} RoiPlace;

/* The ROIs of one mouse and day: one measurement. */
typedef struct
{
  gint64   mouse_id;
  char    *date;
  guint    first; /* index of its first ROI */
  double   flux;  /* the BLI flux it stores */
  guint    n_counted;
  char    *view;        /* the first ROI's view */
  gboolean other_views; /* ROIs of another view too */
  gint64   measurement_id;
} RoiGroup;

typedef struct
{
  PdxImporter    *im;
  gint64          study_id;
  char           *study_code;
  GHashTable     *mice;   /* tag -> PdxImportMouse* */
  GArray         *places; /* RoiPlace, parallel to report->rois */
  GHashTable     *seen;   /* "image\x1Froi" -> line */
  GHashTable     *groups; /* "mouse_id/date" -> RoiGroup* */
  GPtrArray      *order;  /* RoiGroup*, by first ROI */
  PdxIvisSettings settings;
  guint           first_unmatched; /* index + 1 of the first ROI with no mouse, or 0 */
} IvisImport;

static void
roi_group_free (gpointer data)
{
  RoiGroup *g = data;
  g_free (g->date);
  g_free (g->view);
  g_free (g);
}

static void
ivis_roi_free (gpointer data)
{
  PdxIvisRoi *roi = data;
  g_free (roi->image_number);
  g_free (roi->roi);
  g_free (roi->label);
  g_free (roi->view);
  g_free (roi->tag);
  g_free (roi->date);
  g_free (roi->acquired);
  g_free (roi);
}

/* "FILE:LINE:COLUMN: " + the message, for a place read earlier. */
static gboolean fail_at (PdxImporter   *im,
                         GError       **error,
                         PdxImportError code,
                         guint          line,
                         guint          column,
                         const char    *format,
                         ...) G_GNUC_PRINTF (6, 7);

static gboolean
fail_at (PdxImporter   *im,
         GError       **error,
         PdxImportError code,
         guint          line,
         guint          column,
         const char    *format,
         ...)
{
  va_list          args;
  g_autofree char *what = NULL, *safe = NULL;
  g_autofree char *name = pdx_text_shown (pdx_csv_reader_get_name (im->reader));

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  g_strdelimit (what, "\r\n", ' ');
  safe = pdx_text_escape_controls (what);
  g_set_error (error, PDX_IMPORT_ERROR, code, "%s:%u:%u: %s", name, line, column, safe);
  return FALSE;
}

static guint
column_of (PdxImporter *im, guint c)
{
  return im->index[c] >= 0 ? pdx_csv_reader_get_column (im->reader, (guint) im->index[c]) : 1;
}

/* ---- before the rows: the study, its mice, the settings ------------------------------------- */

static gboolean
ivis_study (IvisImport *vi, GError **error)
{
  PdxImporter     *im = vi->im;
  const char      *code = im->options->study;
  g_autofree char *file = pdx_text_shown (pdx_csv_reader_get_name (im->reader));
  g_autoptr (PdxStudy) study = NULL;
  g_autoptr (GError) locked = NULL;
  GError *local = NULL;

  if (code == NULL || code[0] == '\0')
    return g_set_error (error, PDX_IMPORT_ERROR, PDX_IMPORT_ERROR_REFERENCE,
                        _ ("%s: an IVIS export does not name its study; expected the study to "
                           "import it into"),
                        file),
           FALSE;
  study = pdx_study_find (im->db, code, &local);
  if (local)
    return g_propagate_error (error, local), FALSE;
  if (study == NULL)
    {
      g_autofree char *shown = pdx_text_shown (code);
      g_set_error (error, PDX_IMPORT_ERROR, PDX_IMPORT_ERROR_REFERENCE,
                   _ ("%s: there is no study %s in this lab"), file, shown);
      return FALSE;
    }
  if (!pdx_study_check_unlocked (im->db, study->id, &locked))
    {
      if (!g_error_matches (locked, PDX_DB_ERROR, PDX_DB_ERROR_LOCKED))
        return g_propagate_error (error, g_steal_pointer (&locked)), FALSE;
      g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_LOCKED, "%s: %s", file, locked->message);
      return FALSE;
    }
  vi->study_id = study->id;
  vi->study_code = g_strdup (study->code);
  if (study->readout != PDX_READOUT_BLI_FLUX)
    g_ptr_array_add (im->report->warnings,
                     g_strdup_printf (_ ("study %s's readout is %s: the BLI flux is stored but "
                                         "is not what its analyses use"),
                                      study->code, pdx_readout_get_label (study->readout)));
  return TRUE;
}

static gboolean
load_mice (IvisImport *vi, GError **error)
{
  vi->mice = pdx_import_study_mice (vi->im->db, vi->study_id, error);
  return vi->mice != NULL;
}

static char *
settings_text (const PdxIvisSettings *s)
{
  GString *out = g_string_new (NULL);

  if (s->binning > 0)
    g_string_append_printf (out, _ ("binning %d"), s->binning);
  if (!isnan (s->exposure_s))
    {
      g_autofree char *v = pdx_format_short (s->exposure_s);
      g_string_append_printf (out, "%s%s", out->len ? ", " : "", "");
      g_string_append_printf (out, _ ("exposure %s s"), v);
    }
  if (!isnan (s->f_number))
    {
      g_autofree char *v = pdx_format_short (s->f_number);
      g_string_append_printf (out, "%sf/%s", out->len ? ", " : "", v);
    }
  if (s->field_of_view)
    {
      g_autofree char *v = pdx_text_shown (s->field_of_view);
      g_string_append_printf (out, "%s", out->len ? ", " : "");
      g_string_append_printf (out, _ ("field of view %s"), v);
    }
  return g_string_free (out, FALSE);
}

static gboolean
ivis_settings (IvisImport *vi, GError **error)
{
  PdxImportReport *r = vi->im->report;

  if (!pdx_ivis_settings_read_beside (&vi->settings, pdx_csv_reader_get_name (vi->im->reader),
                                      error))
    return FALSE;
  if (vi->settings.file == NULL)
    r->settings = g_strdup (_ ("no AnalyzedClickInfo.txt or ClickInfo.txt beside the export: "
                               "acquisition settings not recorded"));
  else if (!vi->settings.found)
    r->settings = g_strdup_printf (_ ("%s has no Luminescent Image settings: acquisition "
                                      "settings not recorded"),
                                   vi->settings.file);
  else
    {
      g_autofree char *text = settings_text (&vi->settings);
      r->settings = g_strdup_printf ("%s: %s", vi->settings.file, text);
    }
  return TRUE;
}

/* ---- the rows ------------------------------------------------------------------------------- */

/* The row's acquisition time (Date and Time, else the Image Number's) and the measurement's
 * date (its day, else --date); *@date_column is where the date came from (1: --date). */
static gboolean
roi_when (IvisImport *vi, PdxIvisRoi *roi, guint *date_column, GError **error)
{
  PdxImporter     *im = vi->im;
  const char      *text = pdx_importer_get (im, V_DATETIME);
  g_autofree char *from_image = pdx_ivis_image_number_time (roi->image_number);
  gboolean         ambiguous = FALSE;

  if (text)
    {
      roi->acquired = pdx_ivis_parse_date_time (text, from_image, &ambiguous);
      if (roi->acquired == NULL)
        return pdx_importer_fail (
            im, error, PDX_IMPORT_ERROR_VALUE, V_DATETIME,
            ambiguous ? _ ("the month and day can be read either way and the Image Number "
                           "carries no date to tell; expected YYYY-MM-DD hh:mm:ss")
                      : _ ("expected a date and time such as 2026-03-05 10:32:15"));
      if (from_image && strncmp (from_image, roi->acquired, 10) != 0)
        return pdx_importer_fail (im, error, PDX_IMPORT_ERROR_VALUE, V_DATETIME,
                                  _ ("the Image Number says the image was taken on %.10s; "
                                     "expected the same day"),
                                  from_image);
      *date_column = column_of (im, V_DATETIME);
    }
  else if (from_image)
    {
      roi->acquired = g_steal_pointer (&from_image);
      *date_column = column_of (im, V_IMAGE);
    }
  if (roi->acquired)
    roi->date = g_strndup (roi->acquired, 10);
  else if (im->options->date)
    {
      roi->date = g_strdup (im->options->date);
      *date_column = 1;
    }
  else
    return pdx_importer_fail (im, error, PDX_IMPORT_ERROR_VALUE, V_IMAGE,
                              _ ("neither a Date and Time column nor the Image Number says when "
                                 "the image was taken; give the date of the imaging session"));
  return TRUE;
}

/* A matched ROI's date is one the mouse can have a measurement on. */
static gboolean
roi_check_date (IvisImport           *vi,
                const PdxIvisRoi     *roi,
                const PdxImportMouse *mouse,
                guint                 column,
                GError              **error)
{
  PdxImporter *im = vi->im;
  guint        line = pdx_csv_reader_get_line (im->reader);

  if (strcmp (roi->date, im->today) > 0)
    return fail_at (im, error, PDX_IMPORT_ERROR_VALUE, line, column,
                    _ ("%s is after today (%s); expected a date that has happened"), roi->date,
                    im->today);
  if (mouse->implant_date && strcmp (roi->date, mouse->implant_date) < 0)
    return fail_at (im, error, PDX_IMPORT_ERROR_VALUE, line, column,
                    _ ("mouse %s was imaged on %s, before its implant date %s"), roi->tag,
                    roi->date, mouse->implant_date);
  if (mouse->end_date && strcmp (roi->date, mouse->end_date) > 0)
    return fail_at (im, error, PDX_IMPORT_ERROR_VALUE, line, column,
                    _ ("mouse %s was imaged on %s, after its endpoint %s"), roi->tag, roi->date,
                    mouse->end_date);
  return TRUE;
}

static gboolean
roi_numbers (IvisImport *vi, PdxIvisRoi *roi, GError **error)
{
  PdxImporter *im = vi->im;
  double       counts;

  if (!pdx_importer_real (im, V_FLUX, &roi->total_flux, error) ||
      !pdx_importer_real (im, V_AVG, &roi->avg_radiance, error) ||
      !pdx_importer_real (im, V_MAX_COUNTS, &counts, error))
    return FALSE;
  if (isnan (roi->total_flux))
    return pdx_importer_fail (im, error, PDX_IMPORT_ERROR_VALUE, V_FLUX,
                              _ ("expected the ROI's total flux in photons/s"));
  if (!isnan (counts) && counts >= IVIS_SATURATION_COUNTS)
    {
      g_autofree char *name = pdx_text_shown (pdx_csv_reader_get_name (im->reader));
      g_autofree char *shown = pdx_text_shown (roi->roi);
      g_autofree char *v = pdx_format_count ((guint64) counts);
      roi->saturated = TRUE;
      g_ptr_array_add (im->report->warnings,
                       g_strdup_printf (_ ("%s:%u:%u: %s of image %s reached %s counts: it looks "
                                           "saturated (Living Image: keep the brightest pixel "
                                           "under 60,000 counts), so its flux may be too low"),
                                        name, pdx_csv_reader_get_line (im->reader),
                                        column_of (im, V_MAX_COUNTS), shown, roi->image_number, v));
    }
  return TRUE;
}

/* The mouse of the ROI: its ROI Label or Animal Number, matched whole to a tag of the study. */
static const PdxImportMouse *
roi_mouse (IvisImport *vi, PdxIvisRoi *roi)
{
  guint           c = vi->im->options->map == PDX_IVIS_MAP_ANIMAL_NUMBER ? V_ANIMAL : V_LABEL;
  const char     *key = pdx_importer_get (vi->im, c);
  PdxImportMouse *mouse;

  roi->label = g_strdup (key);
  mouse = key ? g_hash_table_lookup (vi->mice, key) : NULL;
  if (mouse)
    roi->tag = g_strdup (key);
  return mouse;
}

static gboolean
roi_row (IvisImport *vi, GError **error)
{
  PdxImporter          *im = vi->im;
  PdxIvisRoi           *roi = g_new0 (PdxIvisRoi, 1);
  RoiPlace              place = { 0 };
  const PdxImportMouse *mouse;
  g_autofree char      *key = NULL;
  gpointer              earlier;
  guint                 c = im->options->map == PDX_IVIS_MAP_ANIMAL_NUMBER ? V_ANIMAL : V_LABEL;

  roi->line = pdx_csv_reader_get_line (im->reader);
  roi->bli_flux = NAN;
  g_ptr_array_add (im->report->rois, roi);
  roi->image_number = g_strdup (pdx_importer_get (im, V_IMAGE));
  roi->roi = g_strdup (pdx_importer_get (im, V_ROI));
  roi->view = g_strdup (pdx_importer_get (im, V_VIEW));
  if (roi->image_number == NULL)
    return pdx_importer_fail (im, error, PDX_IMPORT_ERROR_VALUE, V_IMAGE,
                              _ ("expected the Image Number"));
  if (roi->roi == NULL)
    return pdx_importer_fail (im, error, PDX_IMPORT_ERROR_VALUE, V_ROI,
                              _ ("expected the ROI's name"));
  key = g_strdup_printf ("%s\x1F%s", roi->image_number, roi->roi);
  if ((earlier = g_hash_table_lookup (vi->seen, key)))
    return pdx_importer_fail (im, error, PDX_IMPORT_ERROR_CONFLICT, V_ROI,
                              _ ("this ROI of image %s is already on line %u of this file"),
                              roi->image_number, GPOINTER_TO_UINT (earlier));
  g_hash_table_insert (vi->seen, g_steal_pointer (&key), GUINT_TO_POINTER (roi->line));
  if (!roi_when (vi, roi, &place.date_column, error) || !roi_numbers (vi, roi, error))
    return FALSE;
  place.key_column = column_of (im, c);
  place.flux_column = column_of (im, V_FLUX);
  mouse = roi_mouse (vi, roi);
  if (mouse)
    {
      place.mouse_id = mouse->id;
      if (!roi_check_date (vi, roi, mouse, place.date_column, error))
        return FALSE;
    }
  else
    {
      im->report->n_unmatched++;
      if (vi->first_unmatched == 0)
        vi->first_unmatched = im->report->rois->len;
    }
  g_array_append_val (vi->places, place);
  return TRUE;
}

/* ---- one measurement per mouse and day ------------------------------------------------------ */

static gboolean
view_is (const char *view, const char *name)
{
  g_autofree char *a = view ? g_utf8_casefold (view, -1) : NULL;
  g_autofree char *b = name ? g_utf8_casefold (name, -1) : NULL;
  return a && b && g_str_equal (a, b);
}

/* Groups the matched ROIs by mouse and day and settles each group's BLI flux as the views rule
 * says; refuses what the rule cannot settle without a guess. */
static gboolean
group_rois (IvisImport *vi, GError **error)
{
  PdxImporter *im = vi->im;
  const char  *readout_view = im->options->readout_view;
  gboolean     separate = im->options->views == PDX_IVIS_VIEWS_SEPARATE;
  GPtrArray   *rois = im->report->rois;

  for (guint i = 0; i < rois->len; i++)
    {
      PdxIvisRoi      *roi = g_ptr_array_index (rois, i);
      const RoiPlace  *place = &g_array_index (vi->places, RoiPlace, i);
      g_autofree char *key = NULL;
      RoiGroup        *group;

      if (place->mouse_id == 0)
        continue;
      key = g_strdup_printf ("%" G_GINT64_FORMAT "/%s", place->mouse_id, roi->date);
      group = g_hash_table_lookup (vi->groups, key);
      if (group == NULL)
        {
          group = g_new0 (RoiGroup, 1);
          group->mouse_id = place->mouse_id;
          group->date = g_strdup (roi->date);
          group->first = i;
          group->view = g_strdup (roi->view);
          g_hash_table_insert (vi->groups, g_steal_pointer (&key), group);
          g_ptr_array_add (vi->order, group);
        }
      else if (!view_is (roi->view, group->view) && !(roi->view == NULL && group->view == NULL))
        group->other_views = TRUE;
      if (separate && readout_view && !view_is (roi->view, readout_view))
        continue;
      group->flux += roi->total_flux;
      group->n_counted++;
    }
  for (guint g = 0; g < vi->order->len; g++)
    {
      RoiGroup         *group = g_ptr_array_index (vi->order, g);
      const PdxIvisRoi *first = g_ptr_array_index (rois, group->first);
      const RoiPlace   *place = &g_array_index (vi->places, RoiPlace, group->first);

      if (separate && readout_view == NULL && group->other_views)
        return fail_at (im, error, PDX_IMPORT_ERROR_VALUE, first->line, place->key_column,
                        _ ("mouse %s has ROIs of more than one view on %s and the views are kept "
                           "apart; name the view whose flux is the BLI readout, or sum them"),
                        first->tag, group->date);
      if (group->n_counted == 0)
        return fail_at (im, error, PDX_IMPORT_ERROR_VALUE, first->line, place->key_column,
                        _ ("mouse %s has no ROI of view '%s' on %s; expected one for its BLI "
                           "readout"),
                        first->tag, readout_view, group->date);
    }
  return TRUE;
}

/* The BLI flux of each group against its plausible range: impossible ones refused at the first
 * ROI's Total Flux, unusual ones listed as any import's (confirmed with accept_unusual). */
static gboolean
check_fluxes (IvisImport *vi, GError **error)
{
  PdxImporter     *im = vi->im;
  g_autofree char *name = pdx_text_shown (pdx_csv_reader_get_name (im->reader));

  for (guint g = 0; g < vi->order->len; g++)
    {
      RoiGroup         *group = g_ptr_array_index (vi->order, g);
      const PdxIvisRoi *first = g_ptr_array_index (im->report->rois, group->first);
      const RoiPlace   *place = &g_array_index (vi->places, RoiPlace, group->first);
      g_autofree char  *message = NULL;
      PdxPlausibility   verdict = pdx_quantity_check (PDX_QUANTITY_BLI_FLUX, group->flux, &message);
      g_autofree char  *at = g_strdup_printf ("%s:%u:%u", name, first->line, place->flux_column);

      if (verdict == PDX_IMPLAUSIBLE)
        return fail_at (im, error, PDX_IMPORT_ERROR_VALUE, first->line, place->flux_column,
                        _ ("mouse %s's BLI flux on %s: %s"), first->tag, group->date, message);
      if (verdict == PDX_UNUSUAL)
        {
          if (im->report->unusual == NULL)
            im->report->unusual = g_ptr_array_new_with_free_func (g_free);
          if (im->first_unusual == NULL)
            im->first_unusual = g_strdup (at);
          if (im->report->unusual->len < PDX_IMPORT_MAX_UNUSUAL)
            g_ptr_array_add (im->report->unusual, g_strdup_printf ("%s: %s", at, message));
          im->report->n_unusual++;
        }
    }
  for (guint i = 0; i < im->report->rois->len; i++)
    {
      PdxIvisRoi      *roi = g_ptr_array_index (im->report->rois, i);
      const RoiPlace  *place = &g_array_index (vi->places, RoiPlace, i);
      g_autofree char *key = NULL;
      RoiGroup        *group;

      if (place->mouse_id == 0)
        continue;
      key = g_strdup_printf ("%" G_GINT64_FORMAT "/%s", place->mouse_id, roi->date);
      group = g_hash_table_lookup (vi->groups, key);
      roi->bli_flux = group->flux;
    }
  return TRUE;
}

static char *
views_rule (const PdxImportOptions *options)
{
  if (options->views == PDX_IVIS_VIEWS_SUM)
    return g_strdup (_ ("BLI flux = the sum of each mouse's ROIs of the day, all views together"));
  if (options->readout_view)
    {
      g_autofree char *view = pdx_text_shown (options->readout_view);
      return g_strdup_printf (_ ("BLI flux = each mouse's ROIs of view '%s' on the day; the other "
                                 "views are kept beside it, not added"),
                              view);
    }
  return g_strdup (_ ("BLI flux = the one view each mouse was imaged in on the day; views are "
                      "kept apart"));
}

/* ---- writing -------------------------------------------------------------------------------- */

/* The measurement of one group: a new one, or the BLI flux of the mouse's measurement of that
 * day (a value replaced needs the import's reason). A day already imaged from an IVIS export is
 * refused: its ROIs are stored and a second export would count them twice. */
static gboolean
write_measurement (IvisImport *vi, RoiGroup *group, GError **error)
{
  PdxImporter      *im = vi->im;
  const PdxIvisRoi *first = g_ptr_array_index (im->report->rois, group->first);
  const RoiPlace   *place = &g_array_index (vi->places, RoiPlace, group->first);
  GError           *local = NULL;
  g_autoptr (PdxMeasurement) m =
      pdx_measurement_find (im->db, group->mouse_id, group->date, &local);
  PdxStmt *stmt;

  if (local)
    return g_propagate_error (error, local), FALSE;
  if (m == NULL)
    {
      m = pdx_measurement_new ();
      m->mouse_id = group->mouse_id;
      m->date = g_strdup (group->date);
      m->bli_flux = group->flux;
      if (!pdx_measurement_insert (im->db, m, &local))
        return fail_at (im, error, PDX_IMPORT_ERROR_VALUE, first->line, place->flux_column, "%s",
                        local->message),
               g_error_free (local), FALSE;
      im->report->measurements_created++;
      group->measurement_id = m->id;
      return TRUE;
    }
  stmt =
      pdx_db_prepare (im->db, "SELECT count (*) FROM imaging_roi WHERE measurement_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  pdx_stmt_bind_int64 (stmt, 1, m->id);
  if (pdx_stmt_step (stmt, NULL) == PDX_STEP_ROW && pdx_stmt_column_int64 (stmt, 0) > 0)
    {
      pdx_stmt_reset (stmt);
      return fail_at (im, error, PDX_IMPORT_ERROR_CONFLICT, first->line, place->key_column,
                      _ ("mouse %s's IVIS ROIs of %s are in the lab already; expected a day not "
                         "imported yet"),
                      first->tag, group->date);
    }
  pdx_stmt_reset (stmt);
  if (!isnan (m->bli_flux) && m->bli_flux != group->flux && im->reason == NULL)
    return fail_at (im, error, PDX_IMPORT_ERROR_NEEDS_REASON, first->line, place->flux_column,
                    _ ("mouse %s's BLI flux of %s is saved already and this export would change "
                       "it; replacing a saved value needs a reason"),
                    first->tag, group->date);
  if (m->bli_flux != group->flux)
    {
      m->bli_flux = group->flux;
      if (!pdx_measurement_update_fields (im->db, m, PDX_MEASUREMENT_BLI, &local))
        return fail_at (im, error, PDX_IMPORT_ERROR_VALUE, first->line, place->flux_column, "%s",
                        local->message),
               g_error_free (local), FALSE;
      im->report->measurements_updated++;
    }
  group->measurement_id = m->id;
  return TRUE;
}

static void
bind_real (PdxStmt *stmt, int index, double value)
{
  if (!isnan (value))
    pdx_stmt_bind_double (stmt, index, value);
}

/* Warns of each setting that differs from the study's first imaging session that has them. */
static gboolean
compare_first_session (IvisImport *vi, GError **error)
{
  const PdxIvisSettings *s = &vi->settings;
  PdxStmt               *stmt = pdx_db_prepare (
                    vi->im->db,
                    "SELECT binning, exposure_s, f_number, field_of_view, date, file FROM imaging_session"
                                  " WHERE study_id = ? AND settings_file IS NOT NULL ORDER BY date, id LIMIT 1",
                    error);
  GPtrArray *differ;

  if (stmt == NULL)
    return FALSE;
  pdx_stmt_bind_int64 (stmt, 1, vi->study_id);
  if (!s->found || pdx_stmt_step (stmt, NULL) != PDX_STEP_ROW)
    {
      pdx_stmt_reset (stmt);
      return TRUE;
    }
  differ = g_ptr_array_new_with_free_func (g_free);
  if (!pdx_stmt_column_is_null (stmt, 0) && s->binning > 0 &&
      pdx_stmt_column_int (stmt, 0) != s->binning)
    g_ptr_array_add (differ, g_strdup_printf (_ ("binning %d (was %d)"), s->binning,
                                              pdx_stmt_column_int (stmt, 0)));
  if (!pdx_stmt_column_is_null (stmt, 1) && !isnan (s->exposure_s) &&
      pdx_stmt_column_double (stmt, 1) != s->exposure_s)
    {
      g_autofree char *now = pdx_format_short (s->exposure_s);
      g_autofree char *was = pdx_format_short (pdx_stmt_column_double (stmt, 1));
      g_ptr_array_add (differ, g_strdup_printf (_ ("exposure %s s (was %s s)"), now, was));
    }
  if (!pdx_stmt_column_is_null (stmt, 2) && !isnan (s->f_number) &&
      pdx_stmt_column_double (stmt, 2) != s->f_number)
    {
      g_autofree char *now = pdx_format_short (s->f_number);
      g_autofree char *was = pdx_format_short (pdx_stmt_column_double (stmt, 2));
      g_ptr_array_add (differ, g_strdup_printf (_ ("f/%s (was f/%s)"), now, was));
    }
  if (!pdx_stmt_column_is_null (stmt, 3) && s->field_of_view &&
      g_strcmp0 (pdx_stmt_column_text (stmt, 3), s->field_of_view) != 0)
    {
      g_autofree char *now = pdx_text_shown (s->field_of_view);
      g_autofree char *was = pdx_text_shown (pdx_stmt_column_text (stmt, 3));
      g_ptr_array_add (differ, g_strdup_printf (_ ("field of view %s (was %s)"), now, was));
    }
  if (differ->len > 0)
    {
      g_autofree char *file = pdx_text_shown (pdx_stmt_column_text (stmt, 5));
      g_ptr_array_add (differ, NULL);
      g_autofree char *list = g_strjoinv (", ", (char **) differ->pdata);
      g_ptr_array_add (vi->im->report->warnings,
                       g_strdup_printf (_ ("the acquisition settings differ from the study's first "
                                           "imaging session (%s, %s): %s; fluxes taken with other "
                                           "settings may not compare"),
                                        pdx_stmt_column_text (stmt, 4), file, list));
    }
  pdx_stmt_reset (stmt);
  g_ptr_array_unref (differ);
  return TRUE;
}

/* The session: the export (name, size, SHA-256) and its acquisition settings; an export whose
 * bytes were imported into the study before is refused. */
static gboolean
check_not_imported (IvisImport *vi, GError **error)
{
  PdxImporter *im = vi->im;
  const char  *sha = pdx_csv_reader_get_sha256 (im->reader);
  PdxStmt     *stmt;

  stmt = pdx_db_prepare (
      im->db, "SELECT file, date FROM imaging_session WHERE study_id = ? AND sha256 = ?", error);
  if (stmt == NULL)
    return FALSE;
  pdx_stmt_bind_int64 (stmt, 1, vi->study_id);
  pdx_stmt_bind_text (stmt, 2, sha);
  if (sha && pdx_stmt_step (stmt, NULL) == PDX_STEP_ROW)
    {
      g_autofree char *name = pdx_text_shown (pdx_csv_reader_get_name (im->reader));
      g_autofree char *earlier = pdx_text_shown (pdx_stmt_column_text (stmt, 0));
      g_set_error (error, PDX_IMPORT_ERROR, PDX_IMPORT_ERROR_CONFLICT,
                   _ ("%s: this export (the same bytes, as %s of the session of %s) was imported "
                      "into study %s already"),
                   name, earlier, pdx_stmt_column_text (stmt, 1), vi->study_code);
      pdx_stmt_reset (stmt);
      return FALSE;
    }
  pdx_stmt_reset (stmt);
  return TRUE;
}

static gboolean
write_session (IvisImport *vi, gint64 *session_id, GError **error)
{
  PdxImporter           *im = vi->im;
  const PdxIvisSettings *s = &vi->settings;
  g_autofree char       *file = g_path_get_basename (pdx_csv_reader_get_name (im->reader));
  const char            *sha = pdx_csv_reader_get_sha256 (im->reader);
  const char            *date = NULL;
  PdxStmt               *stmt;

  if (!compare_first_session (vi, error))
    return FALSE;
  for (guint g = 0; g < vi->order->len; g++)
    {
      const RoiGroup *group = g_ptr_array_index (vi->order, g);
      if (date == NULL || strcmp (group->date, date) < 0)
        date = group->date;
    }
  stmt = pdx_db_prepare (
      im->db,
      "INSERT INTO imaging_session (study_id, date, file, size, sha256, settings_file, binning,"
      " exposure_s, f_number, field_of_view) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      error);
  if (stmt == NULL)
    return FALSE;
  pdx_stmt_bind_int64 (stmt, 1, vi->study_id);
  pdx_stmt_bind_text (stmt, 2, date);
  pdx_stmt_bind_text (stmt, 3, file);
  pdx_stmt_bind_int64 (stmt, 4, (gint64) pdx_csv_reader_get_size (im->reader));
  pdx_stmt_bind_text (stmt, 5, sha);
  if (s->found)
    pdx_stmt_bind_text (stmt, 6, s->file);
  if (s->binning > 0)
    pdx_stmt_bind_int64 (stmt, 7, s->binning);
  bind_real (stmt, 8, s->exposure_s);
  bind_real (stmt, 9, s->f_number);
  pdx_stmt_bind_text (stmt, 10, s->field_of_view);
  if (!pdx_stmt_run (stmt, "writing the imaging session", error))
    return FALSE;
  *session_id = pdx_db_last_insert_id (im->db);
  return TRUE;
}

static gboolean
write_rois (IvisImport *vi, gint64 session_id, GError **error)
{
  PdxImporter *im = vi->im;
  PdxStmt     *stmt = pdx_db_prepare (
          im->db,
          "INSERT INTO imaging_roi (measurement_id, session_id, roi, image_number, view, acquired,"
              " total_flux, avg_radiance) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
          error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < im->report->rois->len; i++)
    {
      const PdxIvisRoi *roi = g_ptr_array_index (im->report->rois, i);
      const RoiPlace   *place = &g_array_index (vi->places, RoiPlace, i);
      g_autofree char  *key = NULL;
      const RoiGroup   *group;

      if (place->mouse_id == 0)
        continue;
      key = g_strdup_printf ("%" G_GINT64_FORMAT "/%s", place->mouse_id, roi->date);
      group = g_hash_table_lookup (vi->groups, key);
      pdx_stmt_clear_bindings (stmt);
      pdx_stmt_bind_int64 (stmt, 1, group->measurement_id);
      pdx_stmt_bind_int64 (stmt, 2, session_id);
      pdx_stmt_bind_text (stmt, 3, roi->roi);
      pdx_stmt_bind_text (stmt, 4, roi->image_number);
      pdx_stmt_bind_text (stmt, 5, roi->view);
      pdx_stmt_bind_text (stmt, 6, roi->acquired);
      pdx_stmt_bind_double (stmt, 7, roi->total_flux);
      bind_real (stmt, 8, roi->avg_radiance);
      if (pdx_stmt_step (stmt, NULL) != PDX_STEP_DONE)
        {
          const char *message = pdx_db_get_error_message (im->db);
          pdx_stmt_reset (stmt);
          return fail_at (im, error, PDX_IMPORT_ERROR_VALUE, roi->line, place->flux_column, "%s",
                          message);
        }
      pdx_stmt_reset (stmt);
    }
  return TRUE;
}

/* Refuses the ROIs that match no mouse unless they are to be left out. */
static gboolean
check_unmatched (IvisImport *vi, GError **error)
{
  PdxImporter      *im = vi->im;
  const PdxIvisRoi *roi;
  const RoiPlace   *place;
  g_autofree char  *label = NULL, *name = NULL;
  const char       *column;

  if (vi->first_unmatched == 0 || im->options->skip_unmatched)
    return TRUE;
  roi = g_ptr_array_index (im->report->rois, vi->first_unmatched - 1);
  place = &g_array_index (vi->places, RoiPlace, vi->first_unmatched - 1);
  label = pdx_text_shown (roi->label ? roi->label : "");
  name = pdx_text_shown (roi->roi);
  column = im->options->map == PDX_IVIS_MAP_ANIMAL_NUMBER ? "Animal Number" : "ROI Label";
  return fail_at (im, error, PDX_IMPORT_ERROR_UNMATCHED, roi->line, place->key_column,
                  g_dngettext (GETTEXT_PACKAGE,
                               "%s '%s' of %s matches no mouse of study %s (%u ROI matches "
                               "none); expected a mouse's tag, or leave such ROIs out",
                               "%s '%s' of %s matches no mouse of study %s (%u ROIs match "
                               "none); expected a mouse's tag, or leave such ROIs out",
                               im->report->n_unmatched),
                  column, label, name, vi->study_code, im->report->n_unmatched);
}

static gboolean
ivis_write (IvisImport *vi, GError **error)
{
  gint64 session_id = 0;

  if (vi->order->len == 0)
    return fail_at (vi->im, error, PDX_IMPORT_ERROR_UNMATCHED, 2, 1,
                    _ ("no ROI of the export matches a mouse of study %s; nothing to import"),
                    vi->study_code);
  if (!check_not_imported (vi, error))
    return FALSE;
  for (guint g = 0; g < vi->order->len; g++)
    if (!write_measurement (vi, g_ptr_array_index (vi->order, g), error))
      return FALSE;
  return write_session (vi, &session_id, error) && write_rois (vi, session_id, error);
}

static gboolean
ivis_header (IvisImport *vi, GError **error)
{
  PdxImporter *im = vi->im;
  guint        c = im->options->map == PDX_IVIS_MAP_ANIMAL_NUMBER ? V_ANIMAL : V_LABEL;

  if (im->index[c] >= 0)
    return TRUE;
  return pdx_importer_fail_row (
      im, error, PDX_IMPORT_ERROR_HEADER,
      im->options->map == PDX_IVIS_MAP_ANIMAL_NUMBER
          ? _ ("the export has no 'Animal Number' column to find each ROI's mouse by; expected "
               "it, or map the mice by ROI Label")
          : _ ("the export has no 'ROI Label' column to find each ROI's mouse by; expected it, "
               "or map the mice by Animal Number"));
}

static gboolean
ivis_body (PdxImporter *im, GError **error)
{
  IvisImport vi = { .im = im };
  GError    *local = NULL;
  gboolean   ok;

  im->report->rois = g_ptr_array_new_with_free_func (ivis_roi_free);
  im->report->warnings = g_ptr_array_new_with_free_func (g_free);
  im->report->views_rule = views_rule (im->options);
  vi.places = g_array_new (FALSE, FALSE, sizeof (RoiPlace));
  vi.seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  vi.groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, roi_group_free);
  vi.order = g_ptr_array_new ();
  /* The header was read: the row before the first data row is line 1. */
  ok = ivis_header (&vi, &local) && ivis_study (&vi, &local) && load_mice (&vi, &local) &&
       ivis_settings (&vi, &local);
  while (ok && pdx_importer_next (im, &local))
    ok = roi_row (&vi, &local);
  if (ok && local == NULL && im->report->rows == 0)
    ok = pdx_importer_fail_row (im, &local, PDX_IMPORT_ERROR_FORMAT,
                                _ ("the export has a header but no ROIs; expected one row per "
                                   "ROI"));
  /* The matched ROIs' fluxes are settled before the unmatched ones refuse the import: the
   * preview shows both. */
  if (ok && local == NULL)
    ok = group_rois (&vi, &local) && check_fluxes (&vi, &local) && check_unmatched (&vi, &local) &&
         ivis_write (&vi, &local);
  pdx_ivis_settings_clear (&vi.settings);
  g_clear_pointer (&vi.mice, g_hash_table_unref);
  g_array_unref (vi.places);
  g_hash_table_unref (vi.seen);
  g_ptr_array_unref (vi.order);
  g_hash_table_unref (vi.groups);
  g_free (vi.study_code);
  if (local)
    return g_propagate_error (error, local), FALSE;
  return ok;
}

gboolean
pdx_import_ivis_with (PdxDb                  *db,
                      const char             *path,
                      const PdxImportOptions *options,
                      PdxImportReport        *report,
                      GError                **error)
{
  static const PdxImporterSetup setup = { .text_only = TRUE,
                                          .csv_flags = PDX_CSV_WINDOWS_1252 | PDX_CSV_SNIFF_TAB,
                                          .ignore_unknown = TRUE };

  return pdx_importer_run_setup (db, path, &setup, ivis_columns, V_N, report, options, ivis_body,
                                 error);
}
