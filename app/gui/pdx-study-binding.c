/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-study-binding.c — how a study tab follows its study (see the header). */
#include "pdx-study-binding.h"

/* Reloads and logs how long it took (G_MESSAGES_DEBUG=pdxtrack shows it). */
static void
timed_reload (PdxStudyBinding *binding)
{
  gint64 start = g_get_monotonic_time ();

  binding->dirty = FALSE;
  binding->reload (binding->owner);
  g_debug ("%s: study %" G_GINT64_FORMAT " loaded in %.1f ms", G_OBJECT_TYPE_NAME (binding->owner),
           binding->study_id, (g_get_monotonic_time () - start) / 1000.0);
}

static void
reload_if_visible (PdxStudyBinding *binding)
{
  if (gtk_widget_get_mapped (binding->owner))
    timed_reload (binding);
}

static void
owner_map_cb (GtkWidget *owner, PdxStudyBinding *binding)
{
  if (binding->dirty)
    timed_reload (binding);
}

static void
study_changed_cb (PdxLab *lab, gint64 study_id, PdxStudyBinding *binding)
{
  if (binding->suppress || (study_id != 0 && study_id != binding->study_id))
    return;
  binding->dirty = TRUE;
  reload_if_visible (binding);
}

/* A tab shows its study's line (code, host strain): lines are rarely edited, so any change to
 * them reloads it. */
static void
lines_changed_cb (PdxLab *lab, PdxStudyBinding *binding)
{
  study_changed_cb (lab, binding->study_id, binding);
}

static void
disconnect_lab (PdxStudyBinding *binding)
{
  g_clear_signal_handler (&binding->study_handler, binding->lab);
  g_clear_signal_handler (&binding->lines_handler, binding->lab);
}

void
pdx_study_binding_init (PdxStudyBinding *binding, GtkWidget *owner, PdxStudyReload reload)
{
  *binding = (PdxStudyBinding){ .owner = owner, .reload = reload };
  binding->map_handler = g_signal_connect (owner, "map", G_CALLBACK (owner_map_cb), binding);
}

void
pdx_study_binding_set (PdxStudyBinding *binding, PdxLab *lab, gint64 study_id)
{
  if (binding->lab != lab)
    {
      if (binding->lab != NULL)
        disconnect_lab (binding);
      g_set_object (&binding->lab, lab);
      if (lab != NULL)
        {
          binding->study_handler =
              g_signal_connect (lab, "study-changed", G_CALLBACK (study_changed_cb), binding);
          binding->lines_handler =
              g_signal_connect (lab, "lines-changed", G_CALLBACK (lines_changed_cb), binding);
        }
    }
  binding->study_id = lab != NULL ? study_id : 0;
  binding->dirty = TRUE;
  reload_if_visible (binding);
}

void
pdx_study_binding_invalidate (PdxStudyBinding *binding)
{
  binding->dirty = TRUE;
  reload_if_visible (binding);
}

void
pdx_study_binding_clear (PdxStudyBinding *binding)
{
  if (binding->lab != NULL)
    disconnect_lab (binding);
  g_clear_object (&binding->lab);
  binding->study_id = 0;
}
