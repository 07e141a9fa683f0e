/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-i18n.h — binding the pdxtrack message catalogue (gettext) for any program using pdx-core. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Binds the text domain "pdxtrack" (GETTEXT_PACKAGE) to its catalogues, UTF-8 encoded: the
 * folder named by the environment variable PDX_LOCALEDIR when set and not empty (the build tree's
 * po/ for uninstalled runs: tests, `meson devenv`), else the build tree's po/ when the program
 * itself is a file of the build tree, otherwise the installed LOCALEDIR. Call once
 * after setlocale (); pdx-core's messages are then looked up in that domain whatever the
 * program's own default domain is. Returns the folder bound (static or environment storage). */
const char *pdx_i18n_init (void);

G_END_DECLS
