/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-list-fill.h — a list's items replaced a step at a time, in idle time, so that a view on a
 * large list never builds all its row widgets in one main-loop iteration.
 *
 * GTK 4.8's list and column views keep widgets for up to 200 rows around the visible ones; a
 * model that changes from empty to 500 items (or replaces them all) makes the view build every
 * one of those rows, cell by cell, before the window can draw again. A fill puts @step items in
 * at a time: the first step at once, the others from an idle source below the priority of the
 * window's frames, so the window draws (and stays responsive) between steps. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef void (*PdxListFillDone) (gpointer owner);

/* Embedded in its owner (like PdxStudyBinding); zero-initialised is "not filling". */
typedef struct
{
  GListStore     *store; /* borrowed: the owner's */
  GPtrArray      *items; /* owned while filling */
  guint           position, step, source;
  gboolean        removing; /* the store's old rows still going */
  PdxListFillDone done;
  gpointer        owner;
} PdxListFill;

/* Replaces what @store holds with @items (a GPtrArray of the store's item type, referenced):
 * the store is emptied (5 × @step rows a step, from the end), then filled @step items at a
 * time. (Replacing the items in
 * place, a step at a time, was slower still: in GTK 4.8 a change in the middle of a list under
 * a filter and a sort model cost 0.2 s a step on a 500-row list, where emptying it and filling
 * from the start costs a few ms a step.) @done (may be
 * NULL) is called with @owner once the store holds exactly @items. A fill in flight is stopped
 * first (the store keeps what it had put in). */
void pdx_list_fill_start (PdxListFill    *fill,
                          GListStore     *store,
                          GPtrArray      *items,
                          guint           step,
                          PdxListFillDone done,
                          gpointer        owner);
/* Puts in at once whatever the fill has not yet (then @done is called): for an owner that must
 * append to the store after the fill's items. Safe when not filling. */
void pdx_list_fill_finish (PdxListFill *fill);
/* Stops the fill (nothing more goes in; @done is not called). Safe when not filling. */
void     pdx_list_fill_stop (PdxListFill *fill);
gboolean pdx_list_fill_is_running (const PdxListFill *fill);

G_END_DECLS
