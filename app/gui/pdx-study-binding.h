/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-study-binding.h — how a study tab follows its study: load when first shown, reload when
 * the lab's ::study-changed names the study, or ::lines-changed fires (at once when visible,
 * else when next shown); changes to other studies leave it alone. */
#pragma once

#include <gtk/gtk.h>

#include "pdx-lab.h"

G_BEGIN_DECLS

typedef void (*PdxStudyReload) (GtkWidget *owner);

typedef struct
{
  GtkWidget     *owner; /* borrowed: the binding lives inside it */
  PdxStudyReload reload;
  PdxLab        *lab; /* owned */
  gint64         study_id;
  gboolean       dirty;
  gboolean       suppress; /* ignore the lab's signals (while the owner dispatches its own
                              change, which it already shows) */
  gulong map_handler;
  gulong study_handler; /* on lab: ::study-changed */
  gulong lines_handler; /* on lab: ::lines-changed */
} PdxStudyBinding;

void pdx_study_binding_init (PdxStudyBinding *binding, GtkWidget *owner, PdxStudyReload reload);
/* Follows @study_id of @lab (NULL/0: none); reloads now when the owner is mapped. */
void pdx_study_binding_set (PdxStudyBinding *binding, PdxLab *lab, gint64 study_id);
/* Marks the data stale; reloads now when mapped. */
void pdx_study_binding_invalidate (PdxStudyBinding *binding);
/* Call from dispose. */
void pdx_study_binding_clear (PdxStudyBinding *binding);

G_END_DECLS
