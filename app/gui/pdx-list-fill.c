/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-list-fill.c — a list's items replaced a step at a time, in idle time (see the header). */
#include "pdx-list-fill.h"

/* Rows a step removes, as a multiple of the fill's step: removing a row that has widgets costs
 * about as much as building one. */
#define REMOVE_FACTOR 5

/* One step: first the store's rows go, REMOVE_FACTOR × @step at a time from the end; then the
 * next @step items are appended; after the last, the owner is told. */
static gboolean
fill_step_cb (gpointer data)
{
  PdxListFill    *fill = data;
  guint           n_rows = g_list_model_get_n_items (G_LIST_MODEL (fill->store));
  guint           count;
  PdxListFillDone done = fill->done;
  gpointer        owner = fill->owner;

  if (fill->removing && n_rows > 0)
    {
      count = MIN (n_rows, fill->step == G_MAXUINT ? n_rows : fill->step * REMOVE_FACTOR);
      g_list_store_splice (fill->store, n_rows - count, count, NULL, 0);
      return G_SOURCE_CONTINUE;
    }
  fill->removing = FALSE;
  count = MIN (fill->step, fill->items->len - fill->position);
  g_list_store_splice (fill->store, n_rows, 0, fill->items->pdata + fill->position, count);
  fill->position += count;
  if (fill->position < fill->items->len)
    return G_SOURCE_CONTINUE;
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
  g_list_store_remove_all (store);
  if (fill_step_cb (fill) == G_SOURCE_CONTINUE)
    fill->source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, fill_step_cb, fill, NULL);
}

void
pdx_list_fill_finish (PdxListFill *fill)
{
  if (fill->items == NULL)
    return;
  g_clear_handle_id (&fill->source, g_source_remove);
  fill->step = G_MAXUINT;
  while (fill->items != NULL)
    fill_step_cb (fill);
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
