/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-gui-format.h — how the app prints numbers, agents and dates: "—" for not defined. */
#pragma once

#include <glib.h>

#include "pdx/pdx.h"

G_BEGIN_DECLS

/* @value with @digits decimals, "—" when NAN. Owned. */
char *pdx_format_value (double value, int digits);
/* A readout value at a sensible precision: flux as 1.2e8, volumes with 1 decimal. Owned. */
char *pdx_format_readout (PdxReadout readout, double value);
/* A BLI flux in photons/s as the lab writes it: "4.26×10⁶" (three significant digits), "0",
 * "—" when NAN. Owned. */
char *pdx_format_flux (double value);
/* A count with thousands separated by commas: "1,000". Owned. */
char *pdx_format_count (guint64 count);
/* "T-DM1 3.6 mg/kg i.v. q3w, days 0–21" for each agent, joined with " + ". Owned. */
char *pdx_format_agents (const PdxStudyArm *arm);
/* Today's local date as YYYY-MM-DD. Owned. */
char *pdx_format_today (void);
/* Parses a number typed at the bench: blank → NAN and TRUE; "1.2e8", "1,5" (decimal comma) and
 * surrounding spaces accepted. FALSE for anything else. */
gboolean pdx_parse_number (const char *text, double *out);
/* Days between ISO dates @from and @to (to − from); FALSE when either is not a valid date. */
gboolean pdx_days_between (const char *from, const char *to, int *days);

G_END_DECLS

#include <gtk/gtk.h>

G_BEGIN_DECLS
/* Unparents every child of @widget: the end of dispose for a widget whose template root is
 * not a bound child (gtk_widget_dispose_template only drops bound children in GTK 4.8). */
void pdx_widget_unparent_children (GtkWidget *widget);
G_END_DECLS
