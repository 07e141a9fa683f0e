/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-window.h — the main window: welcome page, or a lab's sidebar and its line/study pages. */
#pragma once

#include <adwaita.h>

#include "pdx-lab.h"
#include "pdx-line-page.h"
#include "pdx-new-study-dialog.h"
#include "pdx-study-page.h"

G_BEGIN_DECLS

#define PDX_TYPE_WINDOW (pdx_window_get_type ())
G_DECLARE_FINAL_TYPE (PdxWindow, pdx_window, PDX, WINDOW, AdwApplicationWindow)

PdxWindow *pdx_window_new (GtkApplication *app, GSettings *settings);

/* Shows @lab (NULL: the welcome page). The operator from the settings is set on its PdxDb, and
 * the lab becomes the last/recent lab. */
void    pdx_window_set_lab (PdxWindow *self, PdxLab *lab);
PdxLab *pdx_window_get_lab (PdxWindow *self);
/* Opens the lab file at @path; on failure a toast says why and the welcome page shows. */
gboolean pdx_window_open_path (PdxWindow *self, const char *path);
/* Creates a fresh demo lab in the user's data folder and opens it. */
gboolean pdx_window_open_demo (PdxWindow *self);

/* Shows study @id (or line @id): the same as picking it in the sidebar. */
gboolean      pdx_window_show_study (PdxWindow *self, gint64 study_id);
gboolean      pdx_window_show_line (PdxWindow *self, gint64 line_id);
PdxStudyPage *pdx_window_get_study_page (PdxWindow *self);
PdxLinePage  *pdx_window_get_line_page (PdxWindow *self);

/* Presents the New Study dialog (what win.new-study does); the created study is then shown. */
PdxNewStudyDialog *pdx_window_open_new_study (PdxWindow *self);

/* Whether the window shows its lab read-only (the banner is up, New Study, New Line and Import
 * are off): the lab's file or folder is not writable, or it was opened read-only. */
gboolean pdx_window_is_read_only (PdxWindow *self);

/* A toast at the bottom of the window. */
void pdx_window_toast (PdxWindow *self, const char *message);

G_END_DECLS
