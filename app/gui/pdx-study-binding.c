/* pdx-study-binding.c — how a study tab follows its study (see the header). */
#include "pdx-study-binding.h"

static void
reload_if_visible (PdxStudyBinding *binding)
{
  if (!gtk_widget_get_mapped (binding->owner))
    return;
  binding->dirty = FALSE;
  binding->reload (binding->owner);
}

static void
owner_map_cb (GtkWidget *owner, PdxStudyBinding *binding)
{
  if (binding->dirty)
    {
      binding->dirty = FALSE;
      binding->reload (owner);
    }
}

static void
lab_changed_cb (PdxLab *lab, gint64 study_id, PdxStudyBinding *binding)
{
  if (binding->suppress || (study_id != 0 && study_id != binding->study_id))
    return;
  binding->dirty = TRUE;
  reload_if_visible (binding);
}

void
pdx_study_binding_init (PdxStudyBinding *binding, GtkWidget *owner, PdxStudyReload reload)
{
  *binding = (PdxStudyBinding) { .owner = owner, .reload = reload };
  binding->map_handler = g_signal_connect (owner, "map", G_CALLBACK (owner_map_cb), binding);
}

void
pdx_study_binding_set (PdxStudyBinding *binding, PdxLab *lab, gint64 study_id)
{
  if (binding->lab != lab)
    {
      if (binding->lab != NULL)
        g_signal_handlers_disconnect_by_func (binding->lab, lab_changed_cb, binding);
      g_set_object (&binding->lab, lab);
      if (lab != NULL)
        g_signal_connect (lab, "changed", G_CALLBACK (lab_changed_cb), binding);
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
    g_signal_handlers_disconnect_by_func (binding->lab, lab_changed_cb, binding);
  g_clear_object (&binding->lab);
  binding->study_id = 0;
}
