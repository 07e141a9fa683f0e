/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-model.c — the entities' descriptors, constructors, validation and writes (insert, update,
 * delete), each in its own transaction level and audited by the schema's triggers. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx-model-private.h"
#include "pdx-model-sql.h"

#include <math.h>
#include <stddef.h>

/* The field and entity tables, one entry a line: clang-format would pack them and break the
 * macros' braces apart. */
/* clang-format off */
#define F(T, c, type, label) { #c, type, offsetof (T, c), label }

static const Field patient_fields[] = {
  F (PdxPatient, id, FIELD_ID, N_ ("id")),
  F (PdxPatient, code, FIELD_TEXT, N_ ("code")),
  F (PdxPatient, sex, FIELD_TEXT, N_ ("sex")),
  F (PdxPatient, age_at_collection, FIELD_INT, N_ ("age at collection")),
  F (PdxPatient, primary_diagnosis, FIELD_TEXT, N_ ("primary diagnosis")),
  F (PdxPatient, her2_ihc, FIELD_TEXT, N_ ("HER2 IHC")),
  F (PdxPatient, her2_ish, FIELD_TEXT, N_ ("HER2 ISH")),
  F (PdxPatient, er, FIELD_TEXT, N_ ("ER")),
  F (PdxPatient, pr, FIELD_TEXT, N_ ("PR")),
  F (PdxPatient, prior_treatments, FIELD_TEXT, N_ ("prior treatments")),
  F (PdxPatient, consent_to_share, FIELD_BOOL, N_ ("consent to share")),
  F (PdxPatient, notes, FIELD_TEXT, N_ ("notes")),
};

static const Field sample_fields[] = {
  F (PdxSample, id, FIELD_ID, N_ ("id")),
  F (PdxSample, patient_id, FIELD_ID, N_ ("patient")),
  F (PdxSample, code, FIELD_TEXT, N_ ("code")),
  F (PdxSample, collection_date, FIELD_DATE, N_ ("collection date")),
  F (PdxSample, tissue, FIELD_TEXT, N_ ("tissue of origin")),
  F (PdxSample, sample_type, FIELD_TEXT, N_ ("sample type")),
  F (PdxSample, histology, FIELD_TEXT, N_ ("histology")),
  F (PdxSample, grade, FIELD_TEXT, N_ ("grade")),
  F (PdxSample, markers, FIELD_TEXT, N_ ("markers")),
  F (PdxSample, treatment_naive, FIELD_BOOL, N_ ("treatment-naive")),
};

static const Field line_fields[] = {
  F (PdxLine, id, FIELD_ID, N_ ("id")),
  F (PdxLine, code, FIELD_TEXT, N_ ("code")),
  F (PdxLine, sample_id, FIELD_ID, N_ ("tumour sample")),
  F (PdxLine, host_strain, FIELD_TEXT, N_ ("host strain")),
  F (PdxLine, established_date, FIELD_DATE, N_ ("established date")),
  F (PdxLine, passage, FIELD_INT, N_ ("passage")),
  F (PdxLine, engraftment_site, FIELD_TEXT, N_ ("engraftment site")),
  F (PdxLine, luciferase, FIELD_BOOL, N_ ("luciferase reporter")),
  F (PdxLine, qc_human_origin, FIELD_BOOL, N_ ("QC human origin")),
  F (PdxLine, qc_mouse_negative, FIELD_BOOL, N_ ("QC mouse-negative")),
  F (PdxLine, qc_ebv_negative, FIELD_BOOL, N_ ("QC EBV-negative")),
  F (PdxLine, alterations, FIELD_TEXT, N_ ("molecular alterations")),
  F (PdxLine, status, FIELD_TEXT, N_ ("status")),
  F (PdxLine, notes, FIELD_TEXT, N_ ("notes")),
};

static const Field study_fields[] = {
  F (PdxStudy, id, FIELD_ID, N_ ("id")),
  F (PdxStudy, code, FIELD_TEXT, N_ ("code")),
  F (PdxStudy, title, FIELD_TEXT, N_ ("title")),
  F (PdxStudy, line_id, FIELD_ID, N_ ("tissue line")),
  F (PdxStudy, passage, FIELD_INT, N_ ("passage")),
  F (PdxStudy, implant_site, FIELD_TEXT, N_ ("implant site")),
  F (PdxStudy, implant_material, FIELD_TEXT, N_ ("implant material")),
  F (PdxStudy, implant_amount, FIELD_TEXT, N_ ("implant amount")),
  F (PdxStudy, readout, FIELD_READOUT, N_ ("readout")),
  F (PdxStudy, day0, FIELD_DATE, N_ ("day 0")),
  F (PdxStudy, protocol, FIELD_TEXT, N_ ("protocol")),
  F (PdxStudy, investigator, FIELD_TEXT, N_ ("investigator")),
  F (PdxStudy, status, FIELD_TEXT, N_ ("status")),
  F (PdxStudy, notes, FIELD_TEXT, N_ ("notes")),
};

static const Field arm_fields[] = {
  F (PdxArm, id, FIELD_ID, N_ ("id")),
  F (PdxArm, study_id, FIELD_ID, N_ ("study")),
  F (PdxArm, name, FIELD_TEXT, N_ ("name")),
  F (PdxArm, is_control, FIELD_BOOL, N_ ("control")),
  F (PdxArm, colour, FIELD_TEXT, N_ ("colour")),
  F (PdxArm, position, FIELD_INT, N_ ("position")),
};

static const Field agent_fields[] = {
  F (PdxAgent, id, FIELD_ID, N_ ("id")),
  F (PdxAgent, arm_id, FIELD_ID, N_ ("arm")),
  F (PdxAgent, drug, FIELD_TEXT, N_ ("drug")),
  F (PdxAgent, dose, FIELD_REAL, N_ ("dose")),
  F (PdxAgent, unit, FIELD_TEXT, N_ ("unit")),
  F (PdxAgent, route, FIELD_TEXT, N_ ("route")),
  F (PdxAgent, schedule, FIELD_TEXT, N_ ("schedule")),
  F (PdxAgent, first_day, FIELD_INT, N_ ("first day")),
  F (PdxAgent, last_day, FIELD_INT, N_ ("last day")),
};

static const Field mouse_fields[] = {
  F (PdxMouse, id, FIELD_ID, N_ ("id")),
  F (PdxMouse, study_id, FIELD_ID, N_ ("study")),
  F (PdxMouse, arm_id, FIELD_ID, N_ ("arm")),
  F (PdxMouse, tag, FIELD_TEXT, N_ ("tag")),
  F (PdxMouse, cage, FIELD_TEXT, N_ ("cage")),
  F (PdxMouse, sex, FIELD_TEXT, N_ ("sex")),
  F (PdxMouse, strain, FIELD_TEXT, N_ ("strain")),
  F (PdxMouse, birth_date, FIELD_DATE, N_ ("birth date")),
  F (PdxMouse, implant_date, FIELD_DATE, N_ ("implant date")),
  F (PdxMouse, excluded, FIELD_BOOL, N_ ("excluded")),
  F (PdxMouse, exclusion_reason, FIELD_TEXT, N_ ("exclusion reason")),
};

static const Field measurement_fields[] = {
  F (PdxMeasurement, id, FIELD_ID, N_ ("id")),
  F (PdxMeasurement, mouse_id, FIELD_ID, N_ ("mouse")),
  F (PdxMeasurement, date, FIELD_DATE, N_ ("date")),
  { "operator", FIELD_TEXT, offsetof (PdxMeasurement, operator_name), N_ ("operator") },
  F (PdxMeasurement, note, FIELD_TEXT, N_ ("note")),
  F (PdxMeasurement, length_mm, FIELD_REAL, N_ ("length (mm)")),
  F (PdxMeasurement, width_mm, FIELD_REAL, N_ ("width (mm)")),
  F (PdxMeasurement, volume_mm3, FIELD_REAL, N_ ("volume (mm³)")),
  F (PdxMeasurement, bli_flux, FIELD_REAL, N_ ("BLI flux (photons/s)")),
  F (PdxMeasurement, mri_volume_mm3, FIELD_REAL, N_ ("MRI volume (mm³)")),
  F (PdxMeasurement, weight_g, FIELD_REAL, N_ ("body weight (g)")),
  F (PdxMeasurement, neuro_score, FIELD_INT, N_ ("neurological score")),
};

static const Field endpoint_fields[] = {
  F (PdxEndpoint, id, FIELD_ID, N_ ("id")),
  F (PdxEndpoint, mouse_id, FIELD_ID, N_ ("mouse")),
  F (PdxEndpoint, date, FIELD_DATE, N_ ("date")),
  F (PdxEndpoint, kind, FIELD_ENDPOINT, N_ ("kind")),
  F (PdxEndpoint, is_event, FIELD_BOOL, N_ ("counts as event")),
  F (PdxEndpoint, note, FIELD_TEXT, N_ ("note")),
};

#define E(tab, sqlname, noun, fields, T) \
  { tab, sqlname, noun, fields, G_N_ELEMENTS (fields), sizeof (T), NULL, NULL, NULL }

static Entity entities[PDX_N_TABLES] = {
  E (PDX_TABLE_PATIENT, "patient", N_ ("patient"), patient_fields, PdxPatient),
  E (PDX_TABLE_SAMPLE, "tumour_sample", N_ ("tumour sample"), sample_fields, PdxSample),
  E (PDX_TABLE_LINE, "line", N_ ("tissue line"), line_fields, PdxLine),
  E (PDX_TABLE_STUDY, "study", N_ ("study"), study_fields, PdxStudy),
  E (PDX_TABLE_ARM, "arm", N_ ("arm"), arm_fields, PdxArm),
  E (PDX_TABLE_AGENT, "agent", N_ ("agent"), agent_fields, PdxAgent),
  E (PDX_TABLE_MOUSE, "mouse", N_ ("mouse"), mouse_fields, PdxMouse),
  E (PDX_TABLE_MEASUREMENT, "measurement", N_ ("measurement"), measurement_fields, PdxMeasurement),
  E (PDX_TABLE_ENDPOINT, "endpoint", N_ ("endpoint"), endpoint_fields, PdxEndpoint),
};
/* clang-format on */

static void
build_statements (Entity *e)
{
  GString *cols = g_string_new (NULL), *marks = g_string_new (NULL), *sets = g_string_new (NULL);

  for (guint i = 1; i < e->n_fields; i++)
    {
      g_string_append_printf (cols, "%s%s", i > 1 ? ", " : "", e->fields[i].column);
      g_string_append_printf (marks, "%s?", i > 1 ? ", " : "");
      g_string_append_printf (sets, "%s%s = ?", i > 1 ? ", " : "", e->fields[i].column);
    }
  e->insert_sql =
      g_strdup_printf ("INSERT INTO %s (%s) VALUES (%s)", e->name, cols->str, marks->str);
  e->update_sql = g_strdup_printf ("UPDATE %s SET %s WHERE id = ?", e->name, sets->str);
  e->select_sql = g_strdup_printf ("SELECT id, %s FROM %s", cols->str, e->name);
  g_string_free (cols, TRUE);
  g_string_free (marks, TRUE);
  g_string_free (sets, TRUE);
}

const Entity *
pdx_entity_get (PdxTable table)
{
  static gsize built;

  g_return_val_if_fail (table < PDX_N_TABLES, NULL);
  if (g_once_init_enter (&built))
    {
      for (guint t = 0; t < PDX_N_TABLES; t++)
        build_statements (&entities[t]);
      g_once_init_leave (&built, 1);
    }
  return &entities[table];
}

const char *
pdx_entity_get_insert_sql (PdxTable table)
{
  return pdx_entity_get (table)->insert_sql;
}

const char *
pdx_table_get_name (PdxTable table)
{
  return pdx_entity_get (table)->name;
}

/* ---- construction and freeing ---------------------------------------------------------------- */

static gpointer
entity_new (PdxTable table)
{
  const Entity *e = pdx_entity_get (table);
  guint8       *row = g_malloc0 (e->size);

  for (guint i = 0; i < e->n_fields; i++)
    {
      gpointer p = row + e->fields[i].offset;
      if (e->fields[i].type == FIELD_INT)
        *(int *) p = -1;
      else if (e->fields[i].type == FIELD_REAL)
        *(double *) p = NAN;
    }
  return row;
}

void
pdx_entity_free (const Entity *e, gpointer row)
{
  if (row == NULL)
    return;
  for (guint i = 0; i < e->n_fields; i++)
    if (e->fields[i].type == FIELD_TEXT || e->fields[i].type == FIELD_DATE)
      g_free (*(char **) ((guint8 *) row + e->fields[i].offset));
  if (e->table == PDX_TABLE_ARM)
    g_clear_pointer (&((PdxArm *) row)->agents, g_ptr_array_unref);
  g_free (row);
}

/* A deep copy of @row through the field descriptors (not for arms, which own their agents). */
static gpointer
entity_copy (PdxTable table, gconstpointer row)
{
  const Entity *e = pdx_entity_get (table);
  guint8       *copy;

  g_return_val_if_fail (table != PDX_TABLE_ARM, NULL);
  if (row == NULL)
    return NULL;
  copy = g_memdup2 (row, e->size);
  for (guint i = 0; i < e->n_fields; i++)
    if (e->fields[i].type == FIELD_TEXT || e->fields[i].type == FIELD_DATE)
      {
        char **text = (char **) (gpointer) (copy + e->fields[i].offset);
        *text = g_strdup (*text);
      }
  return copy;
}

PdxMeasurement *
pdx_measurement_copy (const PdxMeasurement *measurement)
{
  return entity_copy (PDX_TABLE_MEASUREMENT, measurement);
}

PdxAgent *
pdx_agent_copy (const PdxAgent *agent)
{
  return entity_copy (PDX_TABLE_AGENT, agent);
}

PdxArm *
pdx_arm_copy (const PdxArm *arm)
{
  PdxArm *copy;

  if (arm == NULL)
    return NULL;
  copy = pdx_arm_new ();
  g_clear_pointer (&copy->agents, g_ptr_array_unref);
  *copy = *arm;
  copy->name = g_strdup (arm->name);
  copy->colour = g_strdup (arm->colour);
  copy->agents = g_ptr_array_new_with_free_func ((GDestroyNotify) pdx_agent_free);
  for (guint i = 0; i < arm->agents->len; i++)
    g_ptr_array_add (copy->agents, pdx_agent_copy (g_ptr_array_index (arm->agents, i)));
  return copy;
}

#define DEFINE_NEW_FREE(Type, name, TABLE)                                                         \
  Type *pdx_##name##_new (void) { return entity_new (TABLE); }                                     \
  void  pdx_##name##_free (Type *row) { pdx_entity_free (pdx_entity_get (TABLE), row); }

DEFINE_NEW_FREE (PdxPatient, patient, PDX_TABLE_PATIENT)
DEFINE_NEW_FREE (PdxSample, sample, PDX_TABLE_SAMPLE)
DEFINE_NEW_FREE (PdxLine, line, PDX_TABLE_LINE)
DEFINE_NEW_FREE (PdxAgent, agent, PDX_TABLE_AGENT)
DEFINE_NEW_FREE (PdxMouse, mouse, PDX_TABLE_MOUSE)
DEFINE_NEW_FREE (PdxMeasurement, measurement, PDX_TABLE_MEASUREMENT)
DEFINE_NEW_FREE (PdxEndpoint, endpoint, PDX_TABLE_ENDPOINT)

PdxStudy *
pdx_study_new (void)
{
  PdxStudy *study = entity_new (PDX_TABLE_STUDY);
  study->readout = PDX_READOUT_BLI_FLUX;
  return study;
}

void
pdx_study_free (PdxStudy *study)
{
  pdx_entity_free (pdx_entity_get (PDX_TABLE_STUDY), study);
}

PdxArm *
pdx_arm_new (void)
{
  PdxArm *arm = entity_new (PDX_TABLE_ARM);
  arm->position = 0; /* the column's default: never NULL */
  arm->agents = g_ptr_array_new_with_free_func ((GDestroyNotify) pdx_agent_free);
  return arm;
}

void
pdx_arm_free (PdxArm *arm)
{
  pdx_entity_free (pdx_entity_get (PDX_TABLE_ARM), arm);
}

gpointer
pdx_entity_read (const Entity *e, PdxStmt *stmt)
{
  guint8 *row = e->table == PDX_TABLE_ARM ? (guint8 *) pdx_arm_new () : entity_new (e->table);

  for (guint i = 0; i < e->n_fields; i++)
    {
      gpointer    p = row + e->fields[i].offset;
      gboolean    null = pdx_stmt_column_is_null (stmt, (int) i);
      const char *text = pdx_stmt_column_text (stmt, (int) i);

      switch (e->fields[i].type)
        {
        case FIELD_ID:
          *(gint64 *) p = null ? 0 : pdx_stmt_column_int64 (stmt, (int) i);
          break;
        case FIELD_TEXT:
        case FIELD_DATE:
          *(char **) p = g_strdup (text);
          break;
        case FIELD_INT:
          *(int *) p = null ? -1 : pdx_stmt_column_int (stmt, (int) i);
          break;
        case FIELD_REAL:
          *(double *) p = null ? NAN : pdx_stmt_column_double (stmt, (int) i);
          break;
        case FIELD_BOOL:
          *(gboolean *) p = pdx_stmt_column_int (stmt, (int) i) != 0;
          break;
        case FIELD_READOUT:
          pdx_readout_from_string (text, (PdxReadout *) p);
          break;
        case FIELD_ENDPOINT:
          pdx_endpoint_kind_from_string (text, (PdxEndpointKind *) p);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  return row;
}

/* ---- validation ------------------------------------------------------------------------------ */

static gboolean
invalid (GError **error, const char *noun, const char *name, const char *format, ...)
    G_GNUC_PRINTF (4, 5);

static gboolean
invalid (GError **error, const char *noun, const char *name, const char *format, ...)
{
  va_list          args;
  g_autofree char *what = NULL;
  g_autofree char *safe = NULL;
  g_autofree char *shown_name = name ? pdx_text_shown (name) : NULL;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  /* Values the format quotes are cut by the callers (pdx_text_shown); none of them reaches a
   * terminal unescaped. */
  safe = pdx_text_escape_controls (what);
  g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_INVALID, "%s%s%s: %s", _ (noun), name ? " " : "",
               name ? shown_name : "", safe);
  return FALSE;
}

static gboolean
blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  while (g_ascii_isspace (*text))
    text++;
  return *text == '\0';
}

/* Generic checks every entity gets from its descriptor: dates are ISO dates, real values are
 * finite and non-negative, whole numbers non-negative (or -1, not recorded). */
static gboolean
validate_fields (const Entity *e, gconstpointer row, const char *name, GError **error)
{
  for (guint i = 1; i < e->n_fields; i++)
    {
      const Field  *f = &e->fields[i];
      gconstpointer p = (const guint8 *) row + f->offset;
      if (f->type == FIELD_DATE && *(char *const *) p && !pdx_date_is_valid (*(char *const *) p))
        {
          g_autofree char *value = pdx_text_shown (*(char *const *) p);
          return invalid (error, e->noun, name, _ ("%s '%s' is not a date (expected YYYY-MM-DD)"),
                          _ (f->label), value);
        }
      if (f->type == FIELD_REAL && (isinf (*(const double *) p) || *(const double *) p < 0))
        return invalid (error, e->noun, name, _ ("%s must be a non-negative number, not %g"),
                        _ (f->label), *(const double *) p);
      if (f->type == FIELD_INT && *(const int *) p < -1)
        return invalid (error, e->noun, name, _ ("%s must not be negative (%d)"), _ (f->label),
                        *(const int *) p);
      if (f->type == FIELD_TEXT && *(char *const *) p &&
          !g_utf8_validate (*(char *const *) p, -1, NULL))
        return invalid (error, e->noun, name, _ ("%s is not valid UTF-8 text"), _ (f->label));
    }
  return TRUE;
}

/* A date of something that has happened (@label, "implant date"): not after today. */
static gboolean
check_past (const char *date, const char *label, const char *noun, const char *name, GError **error)
{
  g_autofree char *today = NULL;

  if (!pdx_date_is_after_today (date))
    return TRUE;
  today = pdx_date_dup_today ();
  return invalid (error, noun, name, _ ("%s %s is after today (%s)"), _ (label), date, today);
}

static gboolean
check_vocab (PdxVocab    vocab,
             const char *value,
             const char *label,
             const char *noun,
             const char *name,
             GError    **error)
{
  g_autofree char *allowed = NULL;
  g_autofree char *shown_value = NULL;

  if (pdx_vocab_contains (vocab, value))
    return TRUE;
  allowed = g_strjoinv (", ", (char **) pdx_vocab_get_values (vocab));
  shown_value = pdx_text_shown (value);
  return invalid (error, noun, name, _ ("%s '%s' is not one of: %s"), _ (label), shown_value,
                  allowed);
}

static gboolean
validate_patient (const PdxPatient *p, GError **error)
{
  if (blank (p->code))
    return invalid (error, "patient", NULL, _ ("a code is required"));
  if (p->age_at_collection > 130)
    return invalid (error, "patient", p->code, _ ("age %d is not plausible"), p->age_at_collection);
  return check_vocab (PDX_VOCAB_SEX, p->sex, N_ ("sex"), "patient", p->code, error) &&
         check_vocab (PDX_VOCAB_HER2_IHC, p->her2_ihc, N_ ("HER2 IHC"), "patient", p->code,
                      error) &&
         check_vocab (PDX_VOCAB_HER2_ISH, p->her2_ish, N_ ("HER2 ISH"), "patient", p->code,
                      error) &&
         check_vocab (PDX_VOCAB_RECEPTOR, p->er, N_ ("ER"), "patient", p->code, error) &&
         check_vocab (PDX_VOCAB_RECEPTOR, p->pr, N_ ("PR"), "patient", p->code, error);
}

static gboolean
validate_sample (const PdxSample *s, GError **error)
{
  if (blank (s->code))
    return invalid (error, "tumour sample", NULL, _ ("a code is required"));
  if (s->patient_id <= 0)
    return invalid (error, "tumour sample", s->code, _ ("a patient is required"));
  return check_vocab (PDX_VOCAB_SAMPLE_TYPE, s->sample_type, N_ ("sample type"), "tumour sample",
                      s->code, error);
}

static gboolean
validate_line (const PdxLine *l, GError **error)
{
  if (blank (l->code))
    return invalid (error, "tissue line", NULL, _ ("a code is required"));
  if (l->status == NULL)
    return invalid (error, "tissue line", l->code, _ ("a status is required"));
  return check_vocab (PDX_VOCAB_LINE_STATUS, l->status, N_ ("status"), "tissue line", l->code,
                      error);
}

static gboolean
validate_study (const PdxStudy *s, GError **error)
{
  if (blank (s->code))
    return invalid (error, "study", NULL, _ ("a code is required"));
  if (s->day0 == NULL)
    return invalid (error, "study", s->code, _ ("day 0 (treatment start date) is required"));
  if (s->readout > PDX_READOUT_CALIPER_VOLUME)
    return invalid (error, "study", s->code, _ ("unknown readout"));
  if (s->status == NULL)
    return invalid (error, "study", s->code, _ ("a status is required"));
  return check_vocab (PDX_VOCAB_IMPLANT_SITE, s->implant_site, N_ ("implant site"), "study",
                      s->code, error) &&
         check_vocab (PDX_VOCAB_IMPLANT_MATERIAL, s->implant_material, N_ ("implant material"),
                      "study", s->code, error) &&
         check_vocab (PDX_VOCAB_STUDY_STATUS, s->status, N_ ("status"), "study", s->code, error);
}

static gboolean
validate_colour (const char *colour)
{
  if (colour == NULL)
    return TRUE;
  if (strlen (colour) != 7 || colour[0] != '#')
    return FALSE;
  for (int i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (colour[i]))
      return FALSE;
  return TRUE;
}

static gboolean
validate_arm (const PdxArm *a, GError **error)
{
  if (blank (a->name))
    return invalid (error, "arm", NULL, _ ("a name is required"));
  if (a->study_id <= 0)
    return invalid (error, "arm", a->name, _ ("a study is required"));
  if (a->position < 0)
    return invalid (error, "arm", a->name, _ ("position %d is not a place in the study"),
                    a->position);
  if (!validate_colour (a->colour))
    {
      g_autofree char *colour = pdx_text_shown (a->colour);
      return invalid (error, "arm", a->name, _ ("colour '%s' is not #rrggbb"), colour);
    }
  for (guint i = 0; i < a->agents->len; i++)
    {
      const PdxAgent *g = g_ptr_array_index (a->agents, i);
      if (blank (g->drug))
        return invalid (error, "arm", a->name, _ ("agent %u needs a drug"), i + 1);
      if (!validate_fields (pdx_entity_get (PDX_TABLE_AGENT), g, g->drug, error))
        return FALSE;
      if (g->first_day >= 0 && g->last_day >= 0 && g->last_day < g->first_day)
        return invalid (error, "arm", a->name, _ ("%s: last day %d is before first day %d"),
                        g->drug, g->last_day, g->first_day);
    }
  return TRUE;
}

static gboolean
validate_mouse (const PdxMouse *m, GError **error)
{
  if (blank (m->tag))
    return invalid (error, "mouse", NULL, _ ("a tag is required"));
  if (m->study_id <= 0)
    return invalid (error, "mouse", m->tag, _ ("a study is required"));
  if (m->excluded && blank (m->exclusion_reason))
    return invalid (error, "mouse", m->tag, _ ("excluding a mouse needs a reason"));
  if (m->birth_date && m->implant_date && pdx_date_is_valid (m->birth_date) &&
      pdx_date_is_valid (m->implant_date) && strcmp (m->birth_date, m->implant_date) > 0)
    return invalid (error, "mouse", m->tag, _ ("birth date %s is after implant date %s"),
                    m->birth_date, m->implant_date);
  if (!check_past (m->birth_date, N_ ("birth date"), "mouse", m->tag, error) ||
      !check_past (m->implant_date, N_ ("implant date"), "mouse", m->tag, error))
    return FALSE;
  return check_vocab (PDX_VOCAB_SEX, m->sex, N_ ("sex"), "mouse", m->tag, error);
}

/* Every value inside its hard range (pdx_quantity_check): impossible values are refused here,
 * for every writer; unusual ones are the caller's to have confirmed. */
static gboolean
measurement_possible (const PdxMeasurement *m, GError **error)
{
  const struct
  {
    PdxQuantity quantity;
    double      value;
  } values[] = {
    { PDX_QUANTITY_LENGTH_MM, m->length_mm },
    { PDX_QUANTITY_WIDTH_MM, m->width_mm },
    { PDX_QUANTITY_VOLUME_MM3, m->volume_mm3 },
    { PDX_QUANTITY_BLI_FLUX, m->bli_flux },
    { PDX_QUANTITY_MRI_VOLUME_MM3, m->mri_volume_mm3 },
    { PDX_QUANTITY_WEIGHT_G, m->weight_g },
    { PDX_QUANTITY_NEURO_SCORE, m->neuro_score >= 0 ? m->neuro_score : NAN },
  };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autofree char *message = NULL;
      /* A negative value: validate_fields () says "non-negative", as for every real field. */
      if (values[i].value < 0)
        continue;
      if (pdx_quantity_check (values[i].quantity, values[i].value, &message) == PDX_IMPLAUSIBLE)
        return invalid (error, "measurement", m->date, "%s", message);
    }
  /* A caliper entered with a volume: the volume written is the one derived from it. */
  if (!isnan (m->length_mm) && !isnan (m->width_mm))
    {
      g_autofree char *message = NULL;
      double           derived = pdx_caliper_volume (m->length_mm, m->width_mm);
      if (pdx_quantity_check (PDX_QUANTITY_VOLUME_MM3, derived, &message) == PDX_IMPLAUSIBLE)
        return invalid (error, "measurement", m->date, _ ("caliper %g × %g mm gives a %s"),
                        m->length_mm, m->width_mm, message);
    }
  return TRUE;
}

gboolean
pdx_measurement_validate (const PdxMeasurement *m, GError **error)
{
  if (m->mouse_id <= 0)
    return invalid (error, "measurement", NULL, _ ("a mouse is required"));
  if (m->date == NULL)
    return invalid (error, "measurement", NULL, _ ("a date is required"));
  /* The quantities first: their message names the measured value and its range. */
  if (!measurement_possible (m, error) ||
      !validate_fields (pdx_entity_get (PDX_TABLE_MEASUREMENT), m, m->date, error))
    return FALSE;
  if (!check_past (m->date, N_ ("date"), "measurement", m->date, error))
    return FALSE;
  if (!isnan (m->weight_g) && m->weight_g == 0)
    return invalid (error, "measurement", m->date, _ ("body weight must be above 0 g"));
  if (m->neuro_score > 4)
    return invalid (error, "measurement", m->date, _ ("neurological score %d is not 0–4"),
                    m->neuro_score);
  if (isnan (m->length_mm) != isnan (m->width_mm))
    return invalid (error, "measurement", m->date, _ ("caliper needs both length and width"));
  if (isnan (m->length_mm) && isnan (m->volume_mm3) && isnan (m->bli_flux) &&
      isnan (m->mri_volume_mm3) && isnan (m->weight_g) && m->neuro_score < 0 && blank (m->note))
    return invalid (error, "measurement", m->date, _ ("nothing was measured"));
  return TRUE;
}

static gboolean
validate_endpoint (const PdxEndpoint *e, GError **error)
{
  if (e->mouse_id <= 0)
    return invalid (error, "endpoint", NULL, _ ("a mouse is required"));
  if (e->date == NULL)
    return invalid (error, "endpoint", NULL, _ ("a date is required"));
  if (e->kind > PDX_ENDPOINT_OTHER)
    return invalid (error, "endpoint", e->date, _ ("unknown kind"));
  if (e->kind == PDX_ENDPOINT_END_OF_STUDY && e->is_event)
    return invalid (error, "endpoint", e->date,
                    _ ("the end of a study is censored; it cannot count as an event"));
  return check_past (e->date, N_ ("date"), "endpoint", e->date, error);
}

double
pdx_caliper_volume (double length_mm, double width_mm)
{
  double l = MAX (length_mm, width_mm), w = MIN (length_mm, width_mm);
  if (isnan (length_mm) || isnan (width_mm))
    return NAN;
  return l * w * w / 2.0;
}

/* ---- writes ---------------------------------------------------------------------------------- */

void
pdx_entity_bind_field (PdxStmt *stmt, int index, const Field *f, gconstpointer row)
{
  gconstpointer p = (const guint8 *) row + f->offset;

  switch (f->type)
    {
    case FIELD_ID:
      if (*(const gint64 *) p > 0)
        pdx_stmt_bind_int64 (stmt, index, *(const gint64 *) p);
      break;
    case FIELD_TEXT:
    case FIELD_DATE:
      if (*(char *const *) p)
        pdx_stmt_bind_text (stmt, index, *(char *const *) p);
      break;
    case FIELD_INT:
      if (*(const int *) p >= 0)
        pdx_stmt_bind_int64 (stmt, index, *(const int *) p);
      break;
    case FIELD_REAL:
      if (!isnan (*(const double *) p))
        pdx_stmt_bind_double (stmt, index, *(const double *) p);
      break;
    case FIELD_BOOL:
      pdx_stmt_bind_int64 (stmt, index, *(const gboolean *) p ? 1 : 0);
      break;
    case FIELD_READOUT:
      pdx_stmt_bind_text (stmt, index, pdx_readout_to_string (*(const PdxReadout *) p));
      break;
    case FIELD_ENDPOINT:
      pdx_stmt_bind_text (stmt, index, pdx_endpoint_kind_to_string (*(const PdxEndpointKind *) p));
      break;
    default:
      g_assert_not_reached ();
    }
}

gboolean
pdx_entity_write (
    PdxDb *db, const Entity *e, gpointer row, gboolean insert, const char *name, GError **error)
{
  PdxStmt         *stmt = pdx_db_prepare (db, insert ? e->insert_sql : e->update_sql, error);
  g_autofree char *what = NULL;

  if (stmt == NULL)
    return FALSE;
  for (guint i = 1; i < e->n_fields; i++)
    pdx_entity_bind_field (stmt, (int) i, &e->fields[i], row);
  if (!insert)
    pdx_stmt_bind_int64 (stmt, (int) e->n_fields, *(gint64 *) row);
  if (pdx_stmt_step (stmt, NULL) != PDX_STEP_DONE)
    {
      what = g_strdup_printf ("%s %s", e->noun, name ? name : "");
      pdx_db_step_error (db, error, g_strstrip (what));
      pdx_stmt_reset (stmt);
      return FALSE;
    }
  pdx_stmt_reset (stmt);
  if (insert)
    *(gint64 *) row = pdx_db_last_insert_id (db);
  else if (pdx_db_changes (db) == 0)
    {
      g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_NOT_FOUND, _ ("%s %s no longer exists"),
                   _ (e->noun), name ? name : "");
      return FALSE;
    }
  return TRUE;
}

typedef gboolean (*Validate) (gconstpointer row, GError **error);

/* The common shape of every write: validate, then write inside a transaction level. */
static gboolean
store (PdxDb      *db,
       PdxTable    table,
       gpointer    row,
       gboolean    insert,
       Validate    validate,
       const char *name,
       GError    **error)
{
  const Entity *e = pdx_entity_get (table);

  g_return_val_if_fail (db != NULL && row != NULL, FALSE);
  if (!insert && *(gint64 *) row <= 0)
    return invalid (error, e->noun, name, _ ("has not been stored yet"));
  if ((validate && !validate (row, error)) || !validate_fields (e, row, name, error))
    return FALSE;
  if (!pdx_db_begin (db, error))
    return FALSE;
  if (insert)
    *(gint64 *) row = 0;
  if (!pdx_entity_write (db, e, row, insert, name, error))
    {
      pdx_db_rollback (db);
      if (insert)
        *(gint64 *) row = 0;
      return FALSE;
    }
  return pdx_db_commit (db, error);
}

gboolean
pdx_entity_validate (PdxTable table, gconstpointer row, GError **error)
{
  const Entity *e = pdx_entity_get (table);

  switch (table)
    {
    case PDX_TABLE_MOUSE:
      return validate_mouse (row, error) &&
             validate_fields (e, row, ((const PdxMouse *) row)->tag, error);
    case PDX_TABLE_ENDPOINT:
      return validate_endpoint (row, error) &&
             validate_fields (e, row, ((const PdxEndpoint *) row)->date, error);
    case PDX_TABLE_MEASUREMENT:
      return pdx_measurement_validate (row, error);
    default:
      g_return_val_if_reached (FALSE);
    }
}

#define DEFINE_STORE(Type, name, TABLE, key)                                                       \
  gboolean pdx_##name##_insert (PdxDb *db, Type *row, GError **error)                              \
  {                                                                                                \
    return store (db, TABLE, row, TRUE, (Validate) validate_##name, row->key, error);              \
  }                                                                                                \
  gboolean pdx_##name##_update (PdxDb *db, const Type *row, GError **error)                        \
  {                                                                                                \
    return store (db, TABLE, (gpointer) row, FALSE, (Validate) validate_##name, row->key, error);  \
  }

DEFINE_STORE (PdxPatient, patient, PDX_TABLE_PATIENT, code)
DEFINE_STORE (PdxSample, sample, PDX_TABLE_SAMPLE, code)
DEFINE_STORE (PdxLine, line, PDX_TABLE_LINE, code)
DEFINE_STORE (PdxStudy, study, PDX_TABLE_STUDY, code)
DEFINE_STORE (PdxMouse, mouse, PDX_TABLE_MOUSE, tag)
DEFINE_STORE (PdxEndpoint, endpoint, PDX_TABLE_ENDPOINT, date)

/* Arms are written with their agents: the agents are replaced as a whole. */
static gboolean
write_agents (PdxDb *db, PdxArm *arm, GError **error)
{
  const Entity *e = pdx_entity_get (PDX_TABLE_AGENT);
  PdxStmt      *del = pdx_db_prepare (db, "DELETE FROM agent WHERE arm_id = ?", error);

  if (del == NULL)
    return FALSE;
  pdx_stmt_bind_int64 (del, 1, arm->id);
  if (pdx_stmt_step (del, NULL) != PDX_STEP_DONE)
    return pdx_db_step_error (db, error, "replacing the arm's agents");
  for (guint i = 0; i < arm->agents->len; i++)
    {
      PdxAgent *agent = g_ptr_array_index (arm->agents, i);
      agent->arm_id = arm->id;
      agent->id = 0;
      if (!pdx_entity_write (db, e, agent, TRUE, agent->drug, error))
        return FALSE;
    }
  return TRUE;
}

/* A study has one control arm at most (the analysis compares every arm with it): a second is
 * refused, naming the first. Read inside the write's transaction. */
static gboolean
validate_arm_control (PdxDb *db, const PdxArm *arm, GError **error)
{
  PdxStmt         *stmt;
  g_autofree char *other = NULL;
  int              rc;

  if (!arm->is_control)
    return TRUE;
  stmt = pdx_db_prepare (db,
                         "SELECT name FROM arm WHERE study_id = ? AND is_control = 1"
                         " AND id != ? ORDER BY id LIMIT 1",
                         error);
  if (stmt == NULL)
    return FALSE;
  pdx_stmt_bind_int64 (stmt, 1, arm->study_id);
  pdx_stmt_bind_int64 (stmt, 2, arm->id);
  rc = pdx_stmt_step (stmt, NULL);
  if (rc == PDX_STEP_ROW)
    other = pdx_text_shown (pdx_stmt_column_text (stmt, 0));
  pdx_stmt_reset (stmt);
  if (rc != PDX_STEP_ROW && rc != PDX_STEP_DONE)
    return pdx_db_set_error (db, error, "looking up the control arm");
  if (other)
    return invalid (error, "arm", arm->name,
                    _ ("arm '%s' is already the control of this study; a study has one control "
                       "arm"),
                    other);
  return TRUE;
}

/* A new arm of a study whose arms were reordered (positions numbered) comes last; in a study
 * never reordered (every position 0) it keeps 0, after the arms created before it. */
static gboolean
place_new_arm (PdxDb *db, PdxArm *arm, GError **error)
{
  PdxStmt *stmt;
  PdxStep  step;

  if (arm->position != 0)
    return TRUE;
  stmt = pdx_db_prepare (db, "SELECT max (position) FROM arm WHERE study_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  pdx_stmt_bind_int64 (stmt, 1, arm->study_id);
  step = pdx_stmt_step (stmt, error);
  if (step == PDX_STEP_ROW && pdx_stmt_column_int (stmt, 0) > 0)
    arm->position = pdx_stmt_column_int (stmt, 0) + 1;
  pdx_stmt_reset (stmt);
  return step != PDX_STEP_ERROR;
}

static gboolean
store_arm (PdxDb *db, PdxArm *arm, gboolean insert, GError **error)
{
  if (!validate_arm (arm, error) || !pdx_db_begin (db, error))
    return FALSE;
  if (insert)
    arm->id = 0;
  if ((insert && !place_new_arm (db, arm, error)) || !validate_arm_control (db, arm, error) ||
      !pdx_entity_write (db, pdx_entity_get (PDX_TABLE_ARM), arm, insert, arm->name, error) ||
      !write_agents (db, arm, error))
    {
      pdx_db_rollback (db);
      if (insert)
        arm->id = 0;
      return FALSE;
    }
  return pdx_db_commit (db, error);
}

gboolean
pdx_arm_insert (PdxDb *db, PdxArm *arm, GError **error)
{
  return store_arm (db, arm, TRUE, error);
}

gboolean
pdx_arm_update (PdxDb *db, PdxArm *arm, GError **error)
{
  if (arm->id <= 0)
    return invalid (error, "arm", arm->name, _ ("has not been stored yet"));
  return store_arm (db, arm, FALSE, error);
}

gboolean
pdx_row_delete (PdxDb *db, PdxTable table, gint64 id, GError **error)
{
  const Entity    *e = pdx_entity_get (table);
  g_autofree char *sql = g_strdup_printf ("DELETE FROM %s WHERE id = ?", e->name);
  g_autoptr (GError) refused = NULL;
  PdxStmt *stmt;
  int      rc;

  if (!pdx_db_begin (db, error))
    return FALSE;
  stmt = pdx_db_prepare (db, sql, error);
  if (stmt == NULL)
    {
      pdx_db_rollback (db);
      return FALSE;
    }
  pdx_stmt_bind_int64 (stmt, 1, id);
  rc = pdx_stmt_step (stmt, &refused);
  pdx_stmt_reset (stmt);
  if (rc != PDX_STEP_DONE)
    {
      if (g_error_matches (refused, PDX_DB_ERROR, PDX_DB_ERROR_IN_USE))
        g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_IN_USE,
                     _ ("this %s is still referred to (delete what uses it first)"), _ (e->noun));
      else
        pdx_db_step_error (db, error, e->noun);
      pdx_db_rollback (db);
      return FALSE;
    }
  if (pdx_db_changes (db) == 0)
    {
      pdx_db_rollback (db);
      g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_NOT_FOUND, _ ("no %s with id %lld"),
                   _ (e->noun), (long long) id);
      return FALSE;
    }
  return pdx_db_commit (db, error);
}
