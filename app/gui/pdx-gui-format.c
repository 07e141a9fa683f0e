/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-gui-format.c — the end of a template widget's dispose (see the header). */
#include "pdx-gui-format.h"

void
pdx_widget_unparent_children (GtkWidget *widget)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (widget)) != NULL)
    gtk_widget_unparent (child);
}
