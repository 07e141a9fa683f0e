/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-import-pdxe.c — Gao et al. 2015 (Nature Medicine 21:1318, doi:10.1038/nm.3954), sheet "PCT
 * raw data": each Model becomes a tissue line and a study of the same code (caliper readout), each
 * Treatment an arm ("untreated" the control), each curve a mouse numbered 1, 2, … within its
 * treatment (a curve that restarts at the same or a lower day starts the next mouse).
 *
 * The sheet gives days since treatment start but no calendar dates: such a study's day 0 is the
 * nominal date PDXE_DAY0 and its measurement dates are day 0 + day, as the study's notes say. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx-import-private.h"

#include <math.h>
#include <string.h>

#define PDXE_DAY0 "2015-01-01"
/* Body weights outside this range (g) are not plausible for a mouse; left out and counted. */
#define PDXE_WEIGHT_MIN 5.0
#define PDXE_WEIGHT_MAX 80.0

enum
{
  P_MODEL,
  P_TYPE,
  P_TREATMENT,
  P_VOLUME,
  P_WEIGHT,
  P_DAY,
  P_TVOL,
  P_BW,
  P_N
};

static const PdxImportColumn pdxe_columns[P_N] = {
  { "model", TRUE },        { "tumor type" },      { "treatment", TRUE },
  { "volume (mm3)", TRUE }, { "body weight (g)" }, { "days post t0", TRUE },
  { "% tvol difference" },  { "% bw difference" },
};

typedef struct
{
  gint64      study_id;
  GHashTable *arms; /* treatment -> Curve* */
} Model;

typedef struct
{
  gint64 arm_id;
  gint64 mouse_id;
  int    tag; /* the current mouse's tag */
  double last_day;
} Curve;

typedef struct
{
  PdxImporter *im;
  GHashTable  *models; /* code -> Model* */
  guint        weights_dropped;
} PdxeImport;

static void
model_free (gpointer data)
{
  Model *m = data;
  g_hash_table_unref (m->arms);
  g_free (m);
}

/* Strips stray quotes and outer spaces, in place. */
static char *
clean_name (char *text)
{
  char *out = text;
  for (char *p = text; *p; p++)
    if (*p != '"')
      *out++ = *p;
  *out = '\0';
  return g_strstrip (text);
}

static Model *
pdxe_model (PdxeImport *pi, const char *code, const char *tumour_type, GError **error)
{
  PdxImporter *im = pi->im;
  Model       *model = g_hash_table_lookup (pi->models, code);
  g_autoptr (PdxLine) line = NULL;
  g_autoptr (PdxStudy) study = NULL;
  GError *local = NULL;

  if (model)
    return model;
  line = pdx_line_new ();
  line->code = g_strdup (code);
  line->status = g_strdup ("active");
  line->notes =
      g_strdup_printf ("PDXE model (Gao et al. 2015, Nature Medicine 21:1318)%s%s",
                       tumour_type ? "; tumour type " : "", tumour_type ? tumour_type : "");
  study = pdx_study_new ();
  study->code = g_strdup (code);
  study->title =
      g_strdup_printf ("PDXE %s%s%s", code, tumour_type ? " " : "", tumour_type ? tumour_type : "");
  study->readout = PDX_READOUT_CALIPER_VOLUME;
  study->implant_site = g_strdup ("subcutaneous");
  study->day0 = g_strdup (PDXE_DAY0);
  study->status = g_strdup ("completed");
  study->notes = g_strdup ("Imported from the PDXE \"PCT raw data\" sheet, which gives days since "
                           "treatment start only: day 0 is set to " PDXE_DAY0 " (nominal).");
  if (!pdx_line_insert (im->db, line, &local) ||
      !(study->line_id = line->id, pdx_study_insert (im->db, study, &local)))
    {
      pdx_importer_fail (im, error,
                         g_error_matches (local, PDX_DB_ERROR, PDX_DB_ERROR_DUPLICATE)
                             ? PDX_IMPORT_ERROR_CONFLICT
                             : PDX_IMPORT_ERROR_VALUE,
                         P_MODEL, "%s",
                         g_error_matches (local, PDX_DB_ERROR, PDX_DB_ERROR_DUPLICATE)
                             ? "this model is already in the lab (imported before?)"
                             : local->message);
      g_error_free (local);
      return NULL;
    }
  im->report->lines_created++;
  im->report->studies_created++;
  pdx_import_report_created (im->report, _ ("tissue line and study %s"), code);
  model = g_new0 (Model, 1);
  model->study_id = study->id;
  model->arms = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_insert (pi->models, g_strdup (code), model);
  return model;
}

static Curve *
pdxe_arm (PdxeImport *pi, Model *model, const char *treatment, GError **error)
{
  Curve *curve = g_hash_table_lookup (model->arms, treatment);
  g_autoptr (PdxArm) arm = NULL;

  if (curve)
    return curve;
  arm = pdx_arm_new ();
  arm->study_id = model->study_id;
  arm->name = g_strdup (treatment);
  arm->is_control = g_ascii_strcasecmp (treatment, "untreated") == 0;
  if (!arm->is_control)
    {
      /* Each drug of a combination ("BYL719 + LEE011") is an agent of the arm. */
      g_auto (GStrv) drugs = g_strsplit (treatment, "+", -1);
      for (guint i = 0; drugs[i]; i++)
        {
          PdxAgent *agent = pdx_agent_new ();
          agent->drug = g_strdup (g_strstrip (drugs[i]));
          if (*agent->drug)
            g_ptr_array_add (arm->agents, agent);
          else
            pdx_agent_free (agent);
        }
    }
  if (!pdx_arm_insert (pi->im->db, arm, error))
    return NULL;
  pi->im->report->arms_created++;
  curve = g_new0 (Curve, 1);
  curve->arm_id = arm->id;
  g_hash_table_insert (model->arms, g_strdup (treatment), curve);
  return curve;
}

static gboolean
pdxe_mouse (
    PdxeImport *pi, Model *model, Curve *curve, const char *treatment, double day, GError **error)
{
  g_autoptr (PdxMouse) mouse = NULL;

  if (curve->mouse_id && day > curve->last_day)
    return TRUE;
  mouse = pdx_mouse_new ();
  mouse->study_id = model->study_id;
  mouse->arm_id = curve->arm_id;
  /* SPEC §7 numbers the curves of a treatment 1, 2, …; tags are unique within a study (SPEC §3)
   * and a PDXE study has many treatments, so the tag names both: "BYL719 + LEE011#1". */
  mouse->tag = g_strdup_printf ("%s#%d", treatment, ++curve->tag);
  if (!pdx_mouse_insert (pi->im->db, mouse, error))
    return FALSE;
  pi->im->report->mice_created++;
  curve->mouse_id = mouse->id;
  return TRUE;
}

static gboolean
pdxe_row (PdxeImport *pi, GError **error)
{
  PdxImporter     *im = pi->im;
  const char      *code = pdx_importer_get (im, P_MODEL);
  const char      *treatment_field = pdx_importer_get (im, P_TREATMENT);
  g_autofree char *treatment = treatment_field ? clean_name (g_strdup (treatment_field)) : NULL;
  g_autoptr (PdxMeasurement) m = pdx_measurement_new ();
  double  day = NAN;
  int     whole_day;
  Model  *model;
  Curve  *curve;
  GError *local = NULL;

  if (code == NULL)
    return pdx_importer_fail (im, error, PDX_IMPORT_ERROR_VALUE, P_MODEL,
                              _ ("expected a model code"));
  if (treatment == NULL || *treatment == '\0')
    return pdx_importer_fail (im, error, PDX_IMPORT_ERROR_VALUE, P_TREATMENT,
                              _ ("expected a treatment name"));
  if (!pdx_importer_int (im, P_DAY, 0, 3650, &whole_day, error))
    return FALSE;
  if (whole_day < 0)
    return pdx_importer_fail (im, error, PDX_IMPORT_ERROR_VALUE, P_DAY, _ ("expected a day"));
  day = whole_day;
  if (!pdx_importer_real (im, P_VOLUME, &m->volume_mm3, error) ||
      !pdx_importer_real (im, P_WEIGHT, &m->weight_g, &local))
    {
      if (local == NULL)
        return FALSE;
      /* A negative or unreadable body weight is a known quirk of the sheet: leave it out. */
      g_clear_error (&local);
      m->weight_g = NAN;
      pi->weights_dropped++;
    }
  if (isnan (m->volume_mm3))
    return pdx_importer_fail (im, error, PDX_IMPORT_ERROR_VALUE, P_VOLUME,
                              _ ("expected a tumour volume in mm³"));
  if (!isnan (m->weight_g) && (m->weight_g < PDXE_WEIGHT_MIN || m->weight_g > PDXE_WEIGHT_MAX))
    {
      m->weight_g = NAN;
      pi->weights_dropped++;
    }
  if (!pdx_importer_quantity (im, P_VOLUME, PDX_QUANTITY_VOLUME_MM3, m->volume_mm3, error) ||
      !pdx_importer_quantity (im, P_WEIGHT, PDX_QUANTITY_WEIGHT_G, m->weight_g, error))
    return FALSE;
  model = pdxe_model (pi, code, pdx_importer_get (im, P_TYPE), error);
  if (model == NULL || !(curve = pdxe_arm (pi, model, treatment, error)) ||
      !pdxe_mouse (pi, model, curve, treatment, day, error))
    return FALSE;
  curve->last_day = day;
  m->mouse_id = curve->mouse_id;
  m->date = pdx_date_add_days (PDXE_DAY0, whole_day);
  if (!pdx_importer_check_past (im, P_DAY, m->date, error))
    return FALSE;
  if (!pdx_measurement_insert (im->db, m, &local))
    {
      pdx_importer_fail_row (im, error, PDX_IMPORT_ERROR_VALUE, "%s", local->message);
      g_error_free (local);
      return FALSE;
    }
  im->report->measurements_created++;
  return TRUE;
}

static gboolean
pdxe_body (PdxImporter *im, GError **error)
{
  PdxeImport pi = { .im = im };
  gboolean   ok = TRUE;
  GError    *local = NULL;

  pi.models = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, model_free);
  while (ok && pdx_importer_next (im, &local))
    ok = pdxe_row (&pi, &local);
  if (local == NULL && im->report->rows == 0)
    pdx_importer_fail_row (im, &local, PDX_IMPORT_ERROR_FORMAT,
                           _ ("the sheet has a header but no rows"));
  if (local == NULL && pi.weights_dropped > 0)
    pdx_import_report_created (
        im->report,
        g_dngettext (GETTEXT_PACKAGE, "%u implausible or missing body weight left out",
                     "%u implausible or missing body weights left out", pi.weights_dropped),
        pi.weights_dropped);
  g_hash_table_unref (pi.models);
  if (local)
    return g_propagate_error (error, local), FALSE;
  return TRUE;
}

gboolean
pdx_import_pdxe_with (PdxDb                  *db,
                      const char             *path,
                      const PdxImportOptions *options,
                      PdxImportReport        *report,
                      GError                **error)
{
  return pdx_importer_run (db, path, pdxe_columns, P_N, report, options, pdxe_body, error);
}
