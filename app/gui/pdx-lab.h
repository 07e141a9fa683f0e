/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-lab.h — the open lab as a GObject: owns the PdxDb and tells widgets when data changed. */
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
PdxDb *pdx_lab_get_db (PdxLab *self);
const char *pdx_lab_get_path (PdxLab *self);
/* The file name without folder, for titles. Owned. */
char *pdx_lab_dup_display_name (PdxLab *self);

/* Announces that rows of @study_id (0: lab-wide, e.g. lines or a new study) changed; every
 * view listening to "changed" reloads what it shows. */
void pdx_lab_notify_changed (PdxLab *self, gint64 study_id);

/* Whether another program committed to the lab since the last check (SQLite's PRAGMA
 * data_version, which this process's own commits do not move): when it did, *@changed is TRUE
 * and every view is told to reload (::changed with 0). Called when the window becomes active
 * and before the sheet writes. FALSE with @error when the lab cannot be read. */
gboolean pdx_lab_check_outside_changes (PdxLab *self, gboolean *changed, GError **error);

/* A new path for a demo lab in the user's data folder: …/pdxtrack/demo-YYYYMMDD-HHMMSS.pdxlab. */
char *pdx_lab_dup_new_demo_path (void);

G_END_DECLS
