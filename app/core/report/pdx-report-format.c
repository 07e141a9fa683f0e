/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-report-format.c — numbers and p-values as the report prints them (a leaf of the report). */
#include <math.h>
#include <string.h>

#include "pdx-report-private.h"
#include "pdx/pdx-format.h"

char *
pdx_report_format_number (double value, int decimals)
{
  g_autofree char *text = NULL;
  GString         *out;

  if (isnan (value))
    return g_strdup ("—");
  if (isinf (value))
    return g_strdup (value > 0 ? "∞" : "−∞");
  text = pdx_format_value (value, decimals);
  /* "-0.0" reads as a sign error: print it as 0. */
  if (text[0] == '-' && strpbrk (text + 1, "123456789") == NULL)
    return g_strdup (text + 1);
  out = g_string_new (NULL);
  if (text[0] == '-')
    g_string_append (out, "−"), g_string_append (out, text + 1);
  else
    g_string_append (out, text);
  return g_string_free (out, FALSE);
}

char *
pdx_report_format_p (double p)
{
  if (isnan (p))
    return g_strdup ("—");
  if (p < 0.0001)
    return g_strdup ("<0.0001");
  return pdx_format_value (p, p < 0.001 ? 4 : 3);
}
