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
/* A locked study's editing controls (docs/signatures.md): every GtkActionable under @root
 * whose action name starts with @prefix gets @why as its tooltip (its own kept aside), or,
 * with @why NULL, its own tooltip back. The caller disables the actions. */
void pdx_widget_explain_locked (GtkWidget *root, const char *prefix, const char *why);
/* The tooltip of a locked study's disabled controls: its lock in words and how to unlock it;
 * NULL when study @study_id of @db is not locked (or its lock cannot be read). Owned. */
char *pdx_study_dup_locked_tooltip (PdxDb *db, gint64 study_id);
G_END_DECLS
