/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-sheet-row.c — one mouse on the bench sheet: what was typed, checked as it is typed.
 *
 * Errors block the save (not a number, a value pdx_quantity_check calls impossible, neuro score
 * outside 0–4, only one caliper dimension, anything the core's pdx_measurement_validate refuses).
 * Warnings do not: weight loss at the warning or humane threshold, a value outside the usual range
 * (the sheet asks before saving a changed one). Only the cells whose text the person changed are
 * parsed for the save: the others keep the stored value at full precision. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx-sheet-row.h"

#include <math.h>

#include "pdx-gui-format.h"

struct _PdxSheetRow
{
  GObject parent_instance;

  gint64          mouse_id;
  char           *tag, *arm, *cage;
  double          reference_weight_g;
  char           *reference_date; /* when the day-0 weight was taken (ISO), or NULL */
  char           *date;           /* the sheet's day (ISO), or NULL: named by the core's checks */
  PdxSheetLimits  limits;
  PdxMeasurement *existing;
  char           *text[PDX_SHEET_N_FIELDS];
  char           *original[PDX_SHEET_N_FIELDS];

  double        volume, weight_change;
  PdxSheetLevel level;
  char         *message;
  int           problem_field;
  GPtrArray    *problems[PDX_SHEET_ERROR + 1]; /* char *: every message of the row by level */
  char         *save_error;
  gboolean      conflict; /* the save error is another program's change */
};

enum
{
  CHANGED,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (PdxSheetRow, pdx_sheet_row, G_TYPE_OBJECT)

static const char *const field_names[PDX_SHEET_N_FIELDS] = {
  N_ ("Length"), N_ ("Width"),       N_ ("BLI flux"), N_ ("MRI volume"),
  N_ ("Weight"), N_ ("Neuro score"), N_ ("Note"),
};

static void
set_problem (PdxSheetRow *self, PdxSheetLevel level, int field, char *message)
{
  g_ptr_array_add (self->problems[level], g_strdup (message));
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
          set_problem (
              self, PDX_SHEET_ERROR, f,
              g_strdup_printf (_ ("%s: “%s” is not a number"), _ (field_names[f]), self->text[f]));
          values[f] = NAN;
        }
      else if (values[f] < 0)
        set_problem (self, PDX_SHEET_ERROR, f,
                     g_strdup_printf (_ ("%s cannot be negative"), _ (field_names[f])));
    }
  if (!isnan (values[PDX_SHEET_NEURO]) &&
      (values[PDX_SHEET_NEURO] > 4 || values[PDX_SHEET_NEURO] != floor (values[PDX_SHEET_NEURO])))
    set_problem (self, PDX_SHEET_ERROR, PDX_SHEET_NEURO,
                 g_strdup (_ ("Neuro score is a whole number from 0 to 4")));
}

/* Sheet field → the quantity pdx_quantity_check knows it as, and its bit in a column mask. */
static const struct
{
  int   quantity;
  guint bit;
} field_info[PDX_SHEET_N_FIELDS] = {
  [PDX_SHEET_LENGTH] = { PDX_QUANTITY_LENGTH_MM, PDX_MEASUREMENT_LENGTH },
  [PDX_SHEET_WIDTH] = { PDX_QUANTITY_WIDTH_MM, PDX_MEASUREMENT_WIDTH },
  [PDX_SHEET_BLI] = { PDX_QUANTITY_BLI_FLUX, PDX_MEASUREMENT_BLI },
  [PDX_SHEET_MRI] = { PDX_QUANTITY_MRI_VOLUME_MM3, PDX_MEASUREMENT_MRI },
  [PDX_SHEET_WEIGHT] = { PDX_QUANTITY_WEIGHT_G, PDX_MEASUREMENT_WEIGHT },
  [PDX_SHEET_NEURO] = { PDX_QUANTITY_NEURO_SCORE, PDX_MEASUREMENT_NEURO },
  [PDX_SHEET_NOTE] = { -1, PDX_MEASUREMENT_NOTE },
};

static char *
capitalised (const char *message)
{
  char *text = g_strdup (message);

  text[0] = g_ascii_toupper (text[0]);
  return text;
}

/* Each value against its plausible range (pdx_quantity_check): impossible is an error on the
 * cell, unusual a warning. The caliper volume is checked as a value of its own. */
static void
check_ranges (PdxSheetRow *self, const double values[PDX_SHEET_N_FIELDS])
{
  /* An error of the sheet's own words: the core refuses it too, but would name the day with the
   * placeholder date the row is validated with. */
  if (isnan (values[PDX_SHEET_LENGTH]) && !isnan (values[PDX_SHEET_WIDTH]))
    set_problem (self, PDX_SHEET_ERROR, PDX_SHEET_LENGTH,
                 g_strdup (_ ("Width without a length: give both for a caliper volume")));
  else if (!isnan (values[PDX_SHEET_LENGTH]) && isnan (values[PDX_SHEET_WIDTH]))
    set_problem (self, PDX_SHEET_ERROR, PDX_SHEET_WIDTH,
                 g_strdup (_ ("Length without a width: give both for a caliper volume")));
  for (int f = 0; f < PDX_SHEET_NOTE; f++)
    {
      g_autofree char *message = NULL;
      PdxPlausibility  p = pdx_quantity_check (field_info[f].quantity, values[f], &message);

      if (p != PDX_PLAUSIBLE)
        set_problem (self, p == PDX_IMPLAUSIBLE ? PDX_SHEET_ERROR : PDX_SHEET_WARNING, f,
                     capitalised (message));
    }
  {
    g_autofree char *message = NULL;
    PdxPlausibility  p = pdx_quantity_check (PDX_QUANTITY_VOLUME_MM3, self->volume, &message);

    if (p != PDX_PLAUSIBLE)
      set_problem (self, p == PDX_IMPLAUSIBLE ? PDX_SHEET_ERROR : PDX_SHEET_WARNING,
                   PDX_SHEET_LENGTH, capitalised (message));
  }
  if (!isnan (values[PDX_SHEET_NEURO]) && values[PDX_SHEET_NEURO] >= 3 &&
      values[PDX_SHEET_NEURO] <= 4)
    set_problem (self, PDX_SHEET_WARNING, PDX_SHEET_NEURO,
                 g_strdup (_ ("Neuro score ≥ 3: consider the humane endpoint")));
}

static void
check_weight_loss (PdxSheetRow *self)
{
  double           loss = -self->weight_change;
  g_autofree char *since = self->reference_date ? pdx_format_date (self->reference_date) : NULL;

  if (isnan (loss))
    return;
  /* The day compared with, named: the day-0 weight is the last on or before day 0, else the first
   * after it, so it is not always day 0's. */
  if (since != NULL && loss >= self->limits.weight_humane_percent)
    set_problem (self, PDX_SHEET_WARNING, PDX_SHEET_WEIGHT,
                 g_strdup_printf (
                     /* Translators: the loss, the day of the day-0 weight, the threshold. */
                     _ ("Lost %.1f %% vs %s (day-0 weight): humane endpoint (≥ %.0f %%)"), loss,
                     since, self->limits.weight_humane_percent));
  else if (since != NULL && loss >= self->limits.weight_warning_percent)
    set_problem (self, PDX_SHEET_WARNING, PDX_SHEET_WEIGHT,
                 g_strdup_printf (
                     /* Translators: the loss, the day of the day-0 weight, the threshold. */
                     _ ("Lost %.1f %% vs %s (day-0 weight; ≥ %.0f %%)"), loss, since,
                     self->limits.weight_warning_percent));
  else if (loss >= self->limits.weight_humane_percent)
    set_problem (self, PDX_SHEET_WARNING, PDX_SHEET_WEIGHT,
                 g_strdup_printf (_ ("Lost %.1f %% of day-0 weight: humane endpoint (≥ %.0f %%)"),
                                  loss, self->limits.weight_humane_percent));
  else if (loss >= self->limits.weight_warning_percent)
    set_problem (self, PDX_SHEET_WARNING, PDX_SHEET_WEIGHT,
                 g_strdup_printf (_ ("Lost %.1f %% of day-0 weight (≥ %.0f %%)"), loss,
                                  self->limits.weight_warning_percent));
}

static void
check_with_core (PdxSheetRow *self)
{
  g_autoptr (PdxMeasurement) measurement = NULL;
  g_autoptr (GError) error = NULL;

  if (self->level == PDX_SHEET_ERROR)
    return;
  measurement = pdx_sheet_row_dup_merged (self);
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
  for (int level = PDX_SHEET_WARNING; level <= PDX_SHEET_ERROR; level++)
    g_ptr_array_set_size (self->problems[level], 0);
  check_numbers (self, values);
  /* A stored volume without a caliper (an imported one) is shown while L and W are untouched. */
  if (self->existing != NULL &&
      !(pdx_sheet_row_get_changed (self) & (PDX_MEASUREMENT_LENGTH | PDX_MEASUREMENT_WIDTH)))
    self->volume = self->existing->volume_mm3;
  else
    self->volume = pdx_caliper_volume (values[PDX_SHEET_LENGTH], values[PDX_SHEET_WIDTH]);
  self->weight_change = NAN;
  if (!isnan (values[PDX_SHEET_WEIGHT]) && self->reference_weight_g > 0)
    self->weight_change =
        100.0 * (values[PDX_SHEET_WEIGHT] - self->reference_weight_g) / self->reference_weight_g;
  check_ranges (self, values);
  check_weight_loss (self);
  check_with_core (self);
  if (self->save_error != NULL)
    set_problem (self, PDX_SHEET_ERROR, -1, g_strdup (self->save_error));
  if (self->message == NULL)
    self->message = g_strdup ("");
}

/* Display text of a stored value, six significant digits. Only shown: a cell the person does not
 * change is never parsed back (the save writes changed cells only). */
static char *
number_text (double value)
{
  if (isnan (value))
    return g_strdup ("");
  return g_strdup_printf ("%g", value);
}

static void
load_existing (PdxSheetRow *self)
{
  const PdxMeasurement *m = self->existing;

  for (int f = 0; f < PDX_SHEET_N_FIELDS; f++)
    g_clear_pointer (&self->original[f], g_free);
  if (m != NULL)
    {
      self->original[PDX_SHEET_LENGTH] = number_text (m->length_mm);
      self->original[PDX_SHEET_WIDTH] = number_text (m->width_mm);
      self->original[PDX_SHEET_BLI] = number_text (m->bli_flux);
      self->original[PDX_SHEET_MRI] = number_text (m->mri_volume_mm3);
      self->original[PDX_SHEET_WEIGHT] = number_text (m->weight_g);
      self->original[PDX_SHEET_NEURO] =
          m->neuro_score >= 0 ? g_strdup_printf ("%d", m->neuro_score) : g_strdup ("");
      self->original[PDX_SHEET_NOTE] = g_strdup (m->note ? m->note : "");
    }
  for (int f = 0; f < PDX_SHEET_N_FIELDS; f++)
    if (self->original[f] == NULL)
      self->original[f] = g_strdup ("");
}

PdxSheetRow *
pdx_sheet_row_new (gint64                mouse_id,
                   const char           *tag,
                   const char           *arm,
                   const char           *cage,
                   double                reference_weight_g,
                   const PdxMeasurement *existing,
                   const PdxSheetLimits *limits)
{
  PdxSheetRow *self = g_object_new (PDX_TYPE_SHEET_ROW, NULL);

  self->mouse_id = mouse_id;
  self->tag = g_strdup (tag);
  self->arm = g_strdup (arm ? arm : _ ("not randomised"));
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
  self->conflict = FALSE;
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

void
pdx_sheet_row_set_dates (PdxSheetRow *self, const char *date, const char *reference_date)
{
  g_return_if_fail (PDX_IS_SHEET_ROW (self));

  g_free (self->date);
  self->date = g_strdup (date);
  g_free (self->reference_date);
  self->reference_date = g_strdup (reference_date);
  recheck (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

const char *
pdx_sheet_row_get_reference_date (PdxSheetRow *self)
{
  return self->reference_date;
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
  self->conflict = FALSE;
  recheck (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

void
pdx_sheet_row_set_save_error (PdxSheetRow *self, const char *message, gboolean conflict)
{
  g_free (self->save_error);
  self->save_error = g_strdup (message);
  self->conflict = conflict;
  recheck (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

guint
pdx_sheet_row_get_changed (PdxSheetRow *self)
{
  guint changed = 0;

  for (int f = 0; f < PDX_SHEET_N_FIELDS; f++)
    {
      g_autofree char *a = g_strstrip (g_strdup (self->text[f]));
      g_autofree char *b = g_strstrip (g_strdup (self->original[f]));

      if (g_strcmp0 (a, b) != 0)
        changed |= field_info[f].bit;
    }
  return changed;
}

gboolean
pdx_sheet_row_is_dirty (PdxSheetRow *self)
{
  return pdx_sheet_row_get_changed (self) != 0;
}

PdxMeasurement *
pdx_sheet_row_dup_values (PdxSheetRow *self)
{
  PdxMeasurement *m = pdx_measurement_new ();
  guint           changed = pdx_sheet_row_get_changed (self);
  double          values[PDX_SHEET_N_FIELDS];

  for (int f = 0; f < PDX_SHEET_NOTE; f++)
    if (!(changed & field_info[f].bit) || !pdx_parse_number (self->text[f], &values[f]))
      values[f] = NAN;
  m->mouse_id = self->mouse_id;
  m->length_mm = values[PDX_SHEET_LENGTH];
  m->width_mm = values[PDX_SHEET_WIDTH];
  m->bli_flux = values[PDX_SHEET_BLI];
  m->mri_volume_mm3 = values[PDX_SHEET_MRI];
  m->weight_g = values[PDX_SHEET_WEIGHT];
  m->neuro_score = isnan (values[PDX_SHEET_NEURO]) ? -1 : (int) values[PDX_SHEET_NEURO];
  if (changed & PDX_MEASUREMENT_NOTE)
    {
      g_autofree char *note = g_strstrip (g_strdup (self->text[PDX_SHEET_NOTE]));
      m->note = note[0] != '\0' ? g_strdup (note) : NULL;
    }
  return m;
}

PdxMeasurement *
pdx_sheet_row_dup_merged (PdxSheetRow *self)
{
  g_autoptr (PdxMeasurement) values = pdx_sheet_row_dup_values (self);
  PdxMeasurement *m =
      self->existing ? pdx_measurement_copy (self->existing) : pdx_measurement_new ();
  guint changed = pdx_sheet_row_get_changed (self);

  m->mouse_id = self->mouse_id;
  if (m->date == NULL) /* validation only: the date rule is the save's */
    m->date = g_strdup (self->date ? self->date : "2000-01-01");
  if (changed & PDX_MEASUREMENT_LENGTH)
    m->length_mm = values->length_mm;
  if (changed & PDX_MEASUREMENT_WIDTH)
    m->width_mm = values->width_mm;
  if (changed & PDX_MEASUREMENT_BLI)
    m->bli_flux = values->bli_flux;
  if (changed & PDX_MEASUREMENT_MRI)
    m->mri_volume_mm3 = values->mri_volume_mm3;
  if (changed & PDX_MEASUREMENT_WEIGHT)
    m->weight_g = values->weight_g;
  if (changed & PDX_MEASUREMENT_NEURO)
    m->neuro_score = values->neuro_score;
  if (changed & PDX_MEASUREMENT_NOTE)
    g_free (m->note), m->note = g_strdup (values->note);
  if (isnan (m->length_mm) && isnan (m->width_mm) && isnan (m->volume_mm3) && isnan (m->bli_flux) &&
      isnan (m->mri_volume_mm3) && isnan (m->weight_g) && m->neuro_score < 0 && m->note == NULL)
    g_clear_pointer (&m, pdx_measurement_free); /* nothing left: the save deletes the row */
  return m;
}

GPtrArray *
pdx_sheet_row_list_unusual (PdxSheetRow *self)
{
  g_autoptr (PdxMeasurement) values = pdx_sheet_row_dup_values (self);
  GPtrArray   *unusual = g_ptr_array_new_with_free_func (g_free);
  guint        changed = pdx_sheet_row_get_changed (self);
  const double typed[] = { values->length_mm, values->width_mm,
                           values->bli_flux,  values->mri_volume_mm3,
                           values->weight_g,  values->neuro_score < 0 ? NAN : values->neuro_score };

  for (int f = 0; f < PDX_SHEET_NOTE; f++)
    {
      char *message = NULL;

      if ((changed & field_info[f].bit) &&
          pdx_quantity_check (field_info[f].quantity, typed[f], &message) == PDX_UNUSUAL)
        g_ptr_array_add (unusual, message);
      else
        g_free (message);
    }
  if ((changed & (PDX_MEASUREMENT_LENGTH | PDX_MEASUREMENT_WIDTH)))
    {
      char *message = NULL;

      if (pdx_quantity_check (PDX_QUANTITY_VOLUME_MM3, self->volume, &message) == PDX_UNUSUAL)
        g_ptr_array_add (unusual, message);
      else
        g_free (message);
    }
  return unusual;
}

gint64
pdx_sheet_row_get_mouse_id (PdxSheetRow *self)
{
  return self->mouse_id;
}
const char *
pdx_sheet_row_get_tag (PdxSheetRow *self)
{
  return self->tag;
}
const char *
pdx_sheet_row_get_arm (PdxSheetRow *self)
{
  return self->arm;
}
const char *
pdx_sheet_row_get_cage (PdxSheetRow *self)
{
  return self->cage;
}
double
pdx_sheet_row_get_volume (PdxSheetRow *self)
{
  return self->volume;
}
double
pdx_sheet_row_get_weight_change (PdxSheetRow *self)
{
  return self->weight_change;
}
PdxSheetLevel
pdx_sheet_row_get_level (PdxSheetRow *self)
{
  return self->level;
}
const char *
pdx_sheet_row_get_message (PdxSheetRow *self)
{
  return self->message;
}
double
pdx_sheet_row_get_reference_weight (PdxSheetRow *self)
{
  return self->reference_weight_g;
}

char *
pdx_sheet_row_dup_all_messages (PdxSheetRow *self, const char *separator)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) messages = NULL;

  for (int level = PDX_SHEET_ERROR; level >= PDX_SHEET_WARNING; level--)
    for (guint i = 0; i < self->problems[level]->len; i++)
      g_strv_builder_add (builder, g_ptr_array_index (self->problems[level], i));
  messages = g_strv_builder_end (builder);
  return g_strjoinv (separator, messages);
}

int
pdx_sheet_row_get_problem_field (PdxSheetRow *self)
{
  return self->problem_field;
}
gboolean
pdx_sheet_row_has_conflict (PdxSheetRow *self)
{
  return self->conflict;
}

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
  g_free (self->date);
  g_free (self->reference_date);
  g_free (self->message);
  g_free (self->save_error);
  for (int level = PDX_SHEET_WARNING; level <= PDX_SHEET_ERROR; level++)
    g_clear_pointer (&self->problems[level], g_ptr_array_unref);
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
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 0);
}

static void
pdx_sheet_row_init (PdxSheetRow *self)
{
  self->volume = NAN;
  self->weight_change = NAN;
  self->problem_field = -1;
  for (int level = PDX_SHEET_WARNING; level <= PDX_SHEET_ERROR; level++)
    self->problems[level] = g_ptr_array_new_with_free_func (g_free);
}
