/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-plausible.h — the plausible range of every measured quantity (module base). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* ---- plausible values ---------------------------------------------------------------------
 * Every measured quantity has a hard range (outside it, or not finite: impossible, refused by
 * every writer) and a soft range (outside it: unusual, written only once the person confirms).
 * The ranges are listed in docs/import-formats.md. */
typedef enum
{
  PDX_QUANTITY_LENGTH_MM,
  PDX_QUANTITY_WIDTH_MM,
  PDX_QUANTITY_VOLUME_MM3,
  PDX_QUANTITY_BLI_FLUX,
  PDX_QUANTITY_MRI_VOLUME_MM3,
  PDX_QUANTITY_WEIGHT_G,
  PDX_QUANTITY_NEURO_SCORE,
  PDX_N_QUANTITIES
} PdxQuantity;

typedef enum
{
  PDX_PLAUSIBLE,   /* inside the soft range, or not recorded (NAN) */
  PDX_UNUSUAL,     /* inside the hard range, outside the soft one: confirm */
  PDX_IMPLAUSIBLE, /* not finite, outside the hard range (or a fractional neuro score) */
} PdxPlausibility;

/* Classifies @value (NAN = not recorded, always plausible). @message (may be NULL) receives an
 * owned sentence naming the quantity, the value and the range for PDX_UNUSUAL and
 * PDX_IMPLAUSIBLE, NULL otherwise. */
PdxPlausibility pdx_quantity_check (PdxQuantity quantity, double value, char **message);

/* "body weight", "BLI total flux", … */
const char *pdx_quantity_get_label (PdxQuantity quantity);
void        pdx_quantity_get_range (
           PdxQuantity quantity, double *hard_min, double *hard_max, double *soft_min, double *soft_max);

G_END_DECLS
