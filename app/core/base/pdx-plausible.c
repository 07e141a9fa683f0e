/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-plausible.c — the plausible range of each measured quantity: refused outside the hard
 * range (or when not finite), to be confirmed by the person outside the soft range. The one
 * table the importers, the model's validation, the sheet and the CLI all use. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx/pdx-plausible.h"

#include <math.h>

typedef struct
{
  const char *label;              /* in messages: "body weight" */
  const char *unit;               /* "g" */
  double      hard_min, hard_max; /* outside: impossible, refused */
  double      soft_min, soft_max; /* outside (but inside hard): unusual, confirmed */
  gboolean    soft_zero_ok;       /* 0 is usual even though below soft_min (no signal) */
} Range;

/* Ranges for a mouse (20–30 g). Hard limits are what cannot be a real mouse's value whatever
 * the typing; soft limits are what a lab rarely sees and should confirm. An MRI volume is a
 * tumour volume like the caliper's (flank and orthotopic tumours are imaged too, not only brain
 * metastases), so it has the same ranges. BLI flux has no usual minimum: background-subtracted
 * totals of a regressed tumour are anywhere from 0 up, and below the background they mean what
 * 0 means. Documented in docs/import-formats.md; keep the two in step. */
static const Range ranges[PDX_N_QUANTITIES] = {
  [PDX_QUANTITY_LENGTH_MM] = { N_ ("caliper length"), "mm", 0, 100, 0, 30, TRUE },
  [PDX_QUANTITY_WIDTH_MM] = { N_ ("caliper width"), "mm", 0, 100, 0, 30, TRUE },
  [PDX_QUANTITY_VOLUME_MM3] = { N_ ("tumour volume"), "mm³", 0, 100000, 0, 5000, TRUE },
  [PDX_QUANTITY_BLI_FLUX] = { N_ ("BLI total flux"), "photons/s", 0, 1e15, 0, 1e13, TRUE },
  [PDX_QUANTITY_MRI_VOLUME_MM3] = { N_ ("MRI volume"), "mm³", 0, 100000, 0, 5000, TRUE },
  [PDX_QUANTITY_WEIGHT_G] = { N_ ("body weight"), "g", 1, 100, 8, 60, FALSE },
  [PDX_QUANTITY_NEURO_SCORE] = { N_ ("neurological score"), "", 0, 4, 0, 4, TRUE },
};

const char *
pdx_quantity_get_label (PdxQuantity quantity)
{
  g_return_val_if_fail (quantity < PDX_N_QUANTITIES, NULL);
  return ranges[quantity].label;
}

void
pdx_quantity_get_range (
    PdxQuantity quantity, double *hard_min, double *hard_max, double *soft_min, double *soft_max)
{
  const Range *r;

  g_return_if_fail (quantity < PDX_N_QUANTITIES);
  r = &ranges[quantity];
  if (hard_min)
    *hard_min = r->hard_min;
  if (hard_max)
    *hard_max = r->hard_max;
  if (soft_min)
    *soft_min = r->soft_min;
  if (soft_max)
    *soft_max = r->soft_max;
}

static char *
range_text (const Range *r, double lo, double hi)
{
  if (r->unit[0] == '\0')
    return g_strdup_printf ("%g–%g", lo, hi);
  return g_strdup_printf ("%g–%g %s", lo, hi, r->unit);
}

PdxPlausibility
pdx_quantity_check (PdxQuantity quantity, double value, char **message)
{
  const Range     *r;
  g_autofree char *hard = NULL;
  g_autofree char *soft = NULL;

  g_return_val_if_fail (quantity < PDX_N_QUANTITIES, PDX_IMPLAUSIBLE);
  r = &ranges[quantity];
  if (message)
    *message = NULL;
  if (isnan (value))
    return PDX_PLAUSIBLE; /* not recorded */
  if (!isfinite (value))
    {
      if (message)
        *message = g_strdup_printf (_ ("%s is not a finite number"), _ (r->label));
      return PDX_IMPLAUSIBLE;
    }
  if (value < r->hard_min || value > r->hard_max)
    {
      hard = range_text (r, r->hard_min, r->hard_max);
      if (message)
        *message = g_strdup_printf (_ ("%s %g%s%s is impossible (possible: %s)"), _ (r->label),
                                    value, r->unit[0] ? " " : "", r->unit, hard);
      return PDX_IMPLAUSIBLE;
    }
  if (quantity == PDX_QUANTITY_NEURO_SCORE && value != floor (value))
    {
      if (message)
        *message =
            g_strdup_printf (_ ("%s %g is not a whole number from 0 to 4"), _ (r->label), value);
      return PDX_IMPLAUSIBLE;
    }
  if ((value < r->soft_min && !(value == 0 && r->soft_zero_ok)) || value > r->soft_max)
    {
      soft = range_text (r, r->soft_min, r->soft_max);
      if (message)
        *message = g_strdup_printf (_ ("%s %g%s%s is unusual (usual: %s); check the value"),
                                    _ (r->label), value, r->unit[0] ? " " : "", r->unit, soft);
      return PDX_UNUSUAL;
    }
  return PDX_PLAUSIBLE;
}
