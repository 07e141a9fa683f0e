/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-list-fill.c — a list's items replaced a step at a time, in idle time (see the header). */
#include "pdx-list-fill.h"

/* One step: the next @step items replace the store's at the same positions (or are appended);
 * after the last, the store's leftover rows go and the owner is told. */
static gboolean
fill_step_cb (gpointer data)
{
  PdxListFill    *fill = data;
  guint           n_rows = g_list_model_get_n_items (G_LIST_MODEL (fill->store));
  guint           count = MIN (fill->step, fill->items->len - fill->position);
  guint           replaced = fill->position < n_rows ? MIN (count, n_rows - fill->position) : 0;
  PdxListFillDone done = fill->done;
  gpointer        owner = fill->owner;

  g_list_store_splice (fill->store, fill->position, replaced, fill->items->pdata + fill->position,
                       count);
  fill->position += count;
  if (fill->position < fill->items->len)
    return G_SOURCE_CONTINUE;
  n_rows = g_list_model_get_n_items (G_LIST_MODEL (fill->store));
  if (n_rows > fill->items->len)
    g_list_store_splice (fill->store, fill->items->len, n_rows - fill->items->len, NULL, 0);
  fill->source = 0;
  g_clear_pointer (&fill->items, g_ptr_array_unref);
  if (done != NULL)
    done (owner);
  return G_SOURCE_REMOVE;
}

void
pdx_list_fill_start (PdxListFill    *fill,
                     GListStore     *store,
                     GPtrArray      *items,
                     guint           step,
                     PdxListFillDone done,
                     gpointer        owner)
{
  g_return_if_fail (G_IS_LIST_STORE (store) && items != NULL && step > 0);
  pdx_list_fill_stop (fill);
  *fill = (PdxListFill){
    .store = store, .items = g_ptr_array_ref (items), .step = step, .done = done, .owner = owner
  };
  if (items->len == 0)
    {
      /* Nothing to put in: the store empties at once. */
      fill_step_cb (fill);
      return;
    }
  if (fill_step_cb (fill) == G_SOURCE_CONTINUE)
    fill->source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, fill_step_cb, fill, NULL);
}

void
pdx_list_fill_stop (PdxListFill *fill)
{
  g_clear_handle_id (&fill->source, g_source_remove);
  g_clear_pointer (&fill->items, g_ptr_array_unref);
}

gboolean
pdx_list_fill_is_running (const PdxListFill *fill)
{
  return fill->items != NULL;
}
