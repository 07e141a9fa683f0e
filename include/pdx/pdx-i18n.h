/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-i18n.h — binding the pdxtrack message catalogue (gettext) for any program using pdx-core. */
#pragma once

#include <glib.h>
#include <locale.h>

G_BEGIN_DECLS

/* Binds the text domain "pdxtrack" (GETTEXT_PACKAGE) to its catalogues, UTF-8 encoded: the
 * folder named by the environment variable PDX_LOCALEDIR when set and not empty (the build tree's
 * po/ for uninstalled runs: tests, `meson devenv`), else the build tree's po/ when the program
 * itself is a file of the build tree, otherwise the installed LOCALEDIR. Call once
 * after setlocale (); pdx-core's messages are then looked up in that domain whatever the
 * program's own default domain is. Returns the folder bound (static or environment storage). */
const char *pdx_i18n_init (void);

/* Files never follow the user's language or number format (CSV, XLSX: '.' decimals, English
 * notes). pdx_i18n_use_c_locale () puts the calling thread in the C locale (messages, numbers)
 * and returns what to give pdx_i18n_restore_locale () when the file is written; other threads
 * (the GUI's main loop) keep theirs. */
locale_t pdx_i18n_use_c_locale (void);
void     pdx_i18n_restore_locale (locale_t previous);

/* A writer of a file runs in the C locale for its whole scope:
 *   g_auto (PdxCLocale) c_locale = { pdx_i18n_use_c_locale () };
 * (declared first, so that everything else it owns is released before the locale is back). */
typedef struct
{
  locale_t previous;
} PdxCLocale;

static inline void
pdx_c_locale_end (PdxCLocale *scope)
{
  pdx_i18n_restore_locale (scope->previous);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PdxCLocale, pdx_c_locale_end)

G_END_DECLS
