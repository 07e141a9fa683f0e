/* pdx-sheet-row.c — one mouse on the bench sheet: what was typed, checked as it is typed.
 *
 * Errors block the save (not a number, negative, neuro score outside 0–4, anything the core's
 * pdx_measurement_validate refuses). Warnings do not: weight loss at the warning or humane
 * threshold, only one caliper dimension, values far outside what a mouse or a tumour can have. */
#include "pdx-sheet-row.h"

#include <math.h>

#include "pdx-gui-format.h"

struct _PdxSheetRow
{
  GObject parent_instance;

  gint64 mouse_id;
  char *tag, *arm, *cage;
  double reference_weight_g;
  PdxSheetLimits limits;
  PdxMeasurement *existing;
  char *text[PDX_SHEET_N_FIELDS];
  char *original[PDX_SHEET_N_FIELDS];

  double volume, weight_change;
  PdxSheetLevel level;
  char *message;
  int problem_field;
  char *save_error;
};

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (PdxSheetRow, pdx_sheet_row, G_TYPE_OBJECT)

static const char *const field_names[PDX_SHEET_N_FIELDS] = {
  "Length", "Width", "BLI flux", "MRI volume", "Weight", "Neuro score", "Note",
};

static void
set_problem (PdxSheetRow *self, PdxSheetLevel level, int field, char *message)
{
  if (level <= self->level)
    {
      g_free (message);
      return;
    }
  self->level = level;
  self->problem_field = field;
  g_free (self->message);
  self->message = message;
}

/* Parses every numeric cell into @values; errors for what is not a number or negative. */
static void
check_numbers (PdxSheetRow *self, double values[PDX_SHEET_N_FIELDS])
{
  for (int f = 0; f < PDX_SHEET_NOTE; f++)
    {
      if (!pdx_parse_number (self->text[f], &values[f]))
        {
          set_problem (self, PDX_SHEET_ERROR, f,
                       g_strdup_printf ("%s: “%s” is not a number", field_names[f], self->text[f]));
          values[f] = NAN;
        }
      else if (values[f] < 0)
        set_problem (self, PDX_SHEET_ERROR, f,
                     g_strdup_printf ("%s cannot be negative", field_names[f]));
    }
  if (!isnan (values[PDX_SHEET_NEURO])
      && (values[PDX_SHEET_NEURO] > 4 || values[PDX_SHEET_NEURO] != floor (values[PDX_SHEET_NEURO])))
    set_problem (self, PDX_SHEET_ERROR, PDX_SHEET_NEURO,
                 g_strdup ("Neuro score is a whole number from 0 to 4"));
}

static void
check_ranges (PdxSheetRow *self, const double values[PDX_SHEET_N_FIELDS])
{
  double weight = values[PDX_SHEET_WEIGHT];

  if (isnan (values[PDX_SHEET_LENGTH]) != isnan (values[PDX_SHEET_WIDTH]))
    set_problem (self, PDX_SHEET_WARNING,
                 isnan (values[PDX_SHEET_LENGTH]) ? PDX_SHEET_LENGTH : PDX_SHEET_WIDTH,
                 g_strdup ("Give both length and width for a caliper volume"));
  if (values[PDX_SHEET_LENGTH] > 30 || values[PDX_SHEET_WIDTH] > 30)
    set_problem (self, PDX_SHEET_WARNING, PDX_SHEET_LENGTH,
                 g_strdup ("Caliper over 30 mm: check the value"));
  if (!isnan (values[PDX_SHEET_BLI]) && values[PDX_SHEET_BLI] > 0
      && (values[PDX_SHEET_BLI] < 1e3 || values[PDX_SHEET_BLI] > 1e13))
    set_problem (self, PDX_SHEET_WARNING, PDX_SHEET_BLI,
                 g_strdup ("BLI flux outside 1e3–1e13 photons/s: check the exponent"));
  if (!isnan (weight) && (weight < 8 || weight > 60))
    set_problem (self, PDX_SHEET_WARNING, PDX_SHEET_WEIGHT,
                 g_strdup ("Weight outside 8–60 g: check the value"));
  if (!isnan (values[PDX_SHEET_NEURO]) && values[PDX_SHEET_NEURO] >= 3)
    set_problem (self, PDX_SHEET_WARNING, PDX_SHEET_NEURO,
                 g_strdup ("Neuro score ≥ 3: consider the humane endpoint"));
}

static void
check_weight_loss (PdxSheetRow *self)
{
  double loss = -self->weight_change;

  if (isnan (loss))
    return;
  if (loss >= self->limits.weight_humane_percent)
    set_problem (self, PDX_SHEET_WARNING, PDX_SHEET_WEIGHT,
                 g_strdup_printf ("Lost %.1f %% of day-0 weight: humane endpoint (≥ %.0f %%)", loss,
                                  self->limits.weight_humane_percent));
  else if (loss >= self->limits.weight_warning_percent)
    set_problem (self, PDX_SHEET_WARNING, PDX_SHEET_WEIGHT,
                 g_strdup_printf ("Lost %.1f %% of day-0 weight (≥ %.0f %%)", loss,
                                  self->limits.weight_warning_percent));
}

static void
check_with_core (PdxSheetRow *self)
{
  g_autoptr (PdxMeasurement) measurement = NULL;
  g_autoptr (GError) error = NULL;

  if (self->level == PDX_SHEET_ERROR)
    return;
  measurement = pdx_sheet_row_build (self, "2000-01-01");
  if (measurement != NULL && !pdx_measurement_validate (measurement, &error))
    set_problem (self, PDX_SHEET_ERROR, -1, g_strdup (error->message));
}

static void
recheck (PdxSheetRow *self)
{
  double values[PDX_SHEET_N_FIELDS];

  self->level = PDX_SHEET_OK;
  self->problem_field = -1;
  g_clear_pointer (&self->message, g_free);
  check_numbers (self, values);
  self->volume = pdx_caliper_volume (values[PDX_SHEET_LENGTH], values[PDX_SHEET_WIDTH]);
  self->weight_change = NAN;
  if (!isnan (values[PDX_SHEET_WEIGHT]) && self->reference_weight_g > 0)
    self->weight_change = 100.0 * (values[PDX_SHEET_WEIGHT] - self->reference_weight_g)
                          / self->reference_weight_g;
  check_ranges (self, values);
  check_weight_loss (self);
  check_with_core (self);
  if (self->save_error != NULL)
    set_problem (self, PDX_SHEET_ERROR, -1, g_strdup (self->save_error));
  if (self->message == NULL)
    self->message = g_strdup ("");
}

static char *
number_text (double value, gboolean scientific)
{
  if (isnan (value))
    return g_strdup ("");
  return scientific ? g_strdup_printf ("%.3g", value) : g_strdup_printf ("%g", value);
}

static void
load_existing (PdxSheetRow *self)
{
  const PdxMeasurement *m = self->existing;

  for (int f = 0; f < PDX_SHEET_N_FIELDS; f++)
    g_clear_pointer (&self->original[f], g_free);
  if (m != NULL)
    {
      self->original[PDX_SHEET_LENGTH] = number_text (m->length_mm, FALSE);
      self->original[PDX_SHEET_WIDTH] = number_text (m->width_mm, FALSE);
      self->original[PDX_SHEET_BLI] = number_text (m->bli_flux, TRUE);
      self->original[PDX_SHEET_MRI] = number_text (m->mri_volume_mm3, FALSE);
      self->original[PDX_SHEET_WEIGHT] = number_text (m->weight_g, FALSE);
      self->original[PDX_SHEET_NEURO] = m->neuro_score >= 0 ? g_strdup_printf ("%d", m->neuro_score)
                                                            : g_strdup ("");
      self->original[PDX_SHEET_NOTE] = g_strdup (m->note ? m->note : "");
    }
  for (int f = 0; f < PDX_SHEET_N_FIELDS; f++)
    if (self->original[f] == NULL)
      self->original[f] = g_strdup ("");
}

PdxSheetRow *
pdx_sheet_row_new (gint64 mouse_id, const char *tag, const char *arm, const char *cage,
                   double reference_weight_g, const PdxMeasurement *existing,
                   const PdxSheetLimits *limits)
{
  PdxSheetRow *self = g_object_new (PDX_TYPE_SHEET_ROW, NULL);

  self->mouse_id = mouse_id;
  self->tag = g_strdup (tag);
  self->arm = g_strdup (arm ? arm : "not randomised");
  self->cage = g_strdup (cage ? cage : "");
  self->reference_weight_g = reference_weight_g;
  self->limits = *limits;
  pdx_sheet_row_revert (self);
  if (existing != NULL)
    {
      pdx_sheet_row_mark_saved (self, existing);
    }
  return self;
}

void
pdx_sheet_row_revert (PdxSheetRow *self)
{
  load_existing (self);
  for (int f = 0; f < PDX_SHEET_N_FIELDS; f++)
    {
      g_free (self->text[f]);
      self->text[f] = g_strdup (self->original[f]);
    }
  g_clear_pointer (&self->save_error, g_free);
  recheck (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

void
pdx_sheet_row_mark_saved (PdxSheetRow *self, const PdxMeasurement *stored)
{
  g_clear_pointer (&self->existing, pdx_measurement_free);
  self->existing = pdx_measurement_copy (stored);
  pdx_sheet_row_revert (self);
}

const PdxMeasurement *
pdx_sheet_row_get_existing (PdxSheetRow *self)
{
  return self->existing;
}

void
pdx_sheet_row_set_text (PdxSheetRow *self, PdxSheetField field, const char *text)
{
  g_return_if_fail (PDX_IS_SHEET_ROW (self));
  g_return_if_fail (field < PDX_SHEET_N_FIELDS);

  if (g_strcmp0 (self->text[field], text ? text : "") == 0)
    return;
  g_free (self->text[field]);
  self->text[field] = g_strdup (text ? text : "");
  g_clear_pointer (&self->save_error, g_free);
  recheck (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

void
pdx_sheet_row_set_save_error (PdxSheetRow *self, const char *message)
{
  g_free (self->save_error);
  self->save_error = g_strdup (message);
  recheck (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

gboolean
pdx_sheet_row_is_dirty (PdxSheetRow *self)
{
  for (int f = 0; f < PDX_SHEET_N_FIELDS; f++)
    {
      g_autofree char *a = g_strstrip (g_strdup (self->text[f]));
      g_autofree char *b = g_strstrip (g_strdup (self->original[f]));

      if (g_strcmp0 (a, b) != 0)
        return TRUE;
    }
  return FALSE;
}

PdxMeasurement *
pdx_sheet_row_build (PdxSheetRow *self, const char *date)
{
  PdxMeasurement *m;
  double values[PDX_SHEET_N_FIELDS];
  gboolean any = FALSE;
  g_autofree char *note = g_strstrip (g_strdup (self->text[PDX_SHEET_NOTE]));

  for (int f = 0; f < PDX_SHEET_NOTE; f++)
    {
      if (!pdx_parse_number (self->text[f], &values[f]))
        values[f] = NAN;
      any |= !isnan (values[f]);
    }
  if (!any && note[0] == '\0')
    return NULL;
  m = pdx_measurement_new ();
  m->mouse_id = self->mouse_id;
  m->date = g_strdup (date);
  m->note = note[0] != '\0' ? g_strdup (note) : NULL;
  m->length_mm = values[PDX_SHEET_LENGTH];
  m->width_mm = values[PDX_SHEET_WIDTH];
  m->bli_flux = values[PDX_SHEET_BLI];
  m->mri_volume_mm3 = values[PDX_SHEET_MRI];
  m->weight_g = values[PDX_SHEET_WEIGHT];
  m->neuro_score = isnan (values[PDX_SHEET_NEURO]) ? -1 : (int) values[PDX_SHEET_NEURO];
  if (self->existing != NULL && g_strcmp0 (self->existing->date, date) == 0)
    m->id = self->existing->id;
  return m;
}

gint64 pdx_sheet_row_get_mouse_id (PdxSheetRow *self) { return self->mouse_id; }
const char *pdx_sheet_row_get_tag (PdxSheetRow *self) { return self->tag; }
const char *pdx_sheet_row_get_arm (PdxSheetRow *self) { return self->arm; }
const char *pdx_sheet_row_get_cage (PdxSheetRow *self) { return self->cage; }
double pdx_sheet_row_get_volume (PdxSheetRow *self) { return self->volume; }
double pdx_sheet_row_get_weight_change (PdxSheetRow *self) { return self->weight_change; }
PdxSheetLevel pdx_sheet_row_get_level (PdxSheetRow *self) { return self->level; }
const char *pdx_sheet_row_get_message (PdxSheetRow *self) { return self->message; }
int pdx_sheet_row_get_problem_field (PdxSheetRow *self) { return self->problem_field; }

const char *
pdx_sheet_row_get_text (PdxSheetRow *self, PdxSheetField field)
{
  g_return_val_if_fail (field < PDX_SHEET_N_FIELDS, NULL);
  return self->text[field];
}

static void
pdx_sheet_row_finalize (GObject *object)
{
  PdxSheetRow *self = PDX_SHEET_ROW (object);

  g_free (self->tag);
  g_free (self->arm);
  g_free (self->cage);
  g_free (self->message);
  g_free (self->save_error);
  g_clear_pointer (&self->existing, pdx_measurement_free);
  for (int f = 0; f < PDX_SHEET_N_FIELDS; f++)
    {
      g_free (self->text[f]);
      g_free (self->original[f]);
    }
  G_OBJECT_CLASS (pdx_sheet_row_parent_class)->finalize (object);
}

static void
pdx_sheet_row_class_init (PdxSheetRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pdx_sheet_row_finalize;
  /* ::changed: a cell, the checks or the computed values changed. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
pdx_sheet_row_init (PdxSheetRow *self)
{
  self->volume = NAN;
  self->weight_change = NAN;
  self->problem_field = -1;
}
