/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-gui-format.h — the app's formatting is the core's (pdx-format.h: numbers and dates;
 * pdx-wording.h: readouts, treatments, the audit log), included here for every page; and the
 * end of a template widget's dispose. */
#pragma once

#include <gtk/gtk.h>

#include "pdx/pdx.h"

G_BEGIN_DECLS
/* Unparents every child of @widget: the end of dispose for a widget whose template root is
 * not a bound child (gtk_widget_dispose_template only drops bound children in GTK 4.8). */
void pdx_widget_unparent_children (GtkWidget *widget);
G_END_DECLS
