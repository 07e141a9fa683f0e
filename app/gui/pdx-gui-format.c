/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-gui-format.c — the end of a template widget's dispose (see the header). */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx-gui-format.h"

void
pdx_widget_unparent_children (GtkWidget *widget)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (widget)) != NULL)
    gtk_widget_unparent (child);
}

void
pdx_widget_explain_locked (GtkWidget *root, const char *prefix, const char *why)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *action = GTK_IS_ACTIONABLE (child)
                               ? gtk_actionable_get_action_name (GTK_ACTIONABLE (child))
                               : NULL;

      if (action && g_str_has_prefix (action, prefix))
        {
          if (!g_object_get_data (G_OBJECT (child), "pdx-own-tooltip"))
            g_object_set_data_full (G_OBJECT (child), "pdx-own-tooltip",
                                    g_strdup (gtk_widget_get_tooltip_text (child)
                                                  ? gtk_widget_get_tooltip_text (child)
                                                  : ""),
                                    g_free);
          gtk_widget_set_tooltip_text (
              child, why ? why : g_object_get_data (G_OBJECT (child), "pdx-own-tooltip"));
        }
      pdx_widget_explain_locked (child, prefix, why);
    }
}

char *
pdx_study_dup_locked_tooltip (PdxDb *db, gint64 study_id)
{
  g_autofree char *lock = NULL;

  if (db == NULL || !pdx_study_describe_lock (db, study_id, &lock, NULL) || lock == NULL)
    return NULL;
  /* Translators: a locked study's description, then this. */
  return g_strdup_printf ("%s %s", lock,
                          _ ("Its data cannot change until it is unlocked (Overview, Unlock…)."));
}
