/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-lab.h — the open lab as a GObject: owns the PdxDb and tells widgets what data changed. */
#pragma once

#include <gio/gio.h>

#include "pdx/pdx.h"

G_BEGIN_DECLS

#define PDX_TYPE_LAB (pdx_lab_get_type ())
G_DECLARE_FINAL_TYPE (PdxLab, pdx_lab, PDX, LAB, GObject)

/* Opens (and with @create, creates) the lab at @path. NULL and @error on failure. */
PdxLab *pdx_lab_open (const char *path, gboolean create, GError **error);
/* Wraps an open database; takes ownership of @db. */
PdxLab *pdx_lab_new_for_db (PdxDb *db);
/* Creates a fresh demo lab at @path (which must not exist) and opens it. */
PdxLab *pdx_lab_create_demo (const char *path, GError **error);

/* Borrowed; valid as long as the lab. */
PdxDb      *pdx_lab_get_db (PdxLab *self);
const char *pdx_lab_get_path (PdxLab *self);
/* The file name without folder, for titles. Owned. */
char *pdx_lab_dup_display_name (PdxLab *self);

/* Signals: ::study-changed (gint64 study_id, 0 for "any study"), ::studies-changed (the list of
 * studies) and ::lines-changed (lines, samples, patients). Writers never announce: every commit
 * of the lab's connection schedules a dispatch (on the main loop, before the next redraw) that
 * reads what the commit touched from the audit log (pdx_changes_since) and emits one signal per
 * changed study. */

/* Dispatches now what was committed since the last dispatch, instead of waiting for the idle:
 * for a view that needs the others current before it goes on (navigating to a new study) or
 * that ignores its own change (the sheet after its save). When the audit log cannot be read,
 * every view is told to reload (::study-changed 0, both list signals) and meets the failure in
 * its own read, which it shows; the next dispatch reports these changes again. */
void pdx_lab_dispatch_changes (PdxLab *self);

/* Whether another program committed to the lab since the last check (SQLite's PRAGMA
 * data_version, which this process's own commits do not move): when it did, *@changed is TRUE
 * and what it changed is dispatched (pdx_lab_dispatch_changes). Called when the window becomes
 * active, before the sheet writes and when a worker's task completes (pdx_lab_watch_task).
 * FALSE with @error when the lab cannot be read; when only the audit log could not be read,
 * every view has been told to reload. */
gboolean pdx_lab_check_outside_changes (PdxLab *self, gboolean *changed, GError **error);

/* For a worker that writes through a connection of its own (the import): when @task completes,
 * after its callback (on the main thread), the lab picks up what the worker committed. */
void pdx_lab_watch_task (PdxLab *self, GTask *task);

/* A new path for a demo lab in the user's data folder: …/pdxtrack/demo-YYYYMMDD-HHMMSS.pdxlab. */
char *pdx_lab_dup_new_demo_path (void);

G_END_DECLS
