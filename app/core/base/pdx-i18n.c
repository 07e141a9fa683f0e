/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-i18n.c — binds the pdxtrack text domain to the installed or the build tree's catalogues. */
#include "pdx-config.h"

#include "pdx/pdx-i18n.h"

#include <glib/gi18n-lib.h>

/* The build tree's catalogues when this program is a file of the build tree (README's quick
 * start runs _build/app/gui/pdxtrack), else NULL. */
static const char *
build_tree_dir (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);

  if (exe == NULL || !g_str_has_prefix (exe, PDX_BUILD_ROOT_DIR "/"))
    return NULL;
  return PDX_BUILD_ROOT_DIR "/po";
}

const char *
pdx_i18n_init (void)
{
  const char *dir = g_getenv ("PDX_LOCALEDIR");

  if (dir == NULL || *dir == '\0')
    dir = build_tree_dir ();
  if (dir == NULL)
    dir = LOCALEDIR;
  bindtextdomain (GETTEXT_PACKAGE, dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  return dir;
}

locale_t
pdx_i18n_use_c_locale (void)
{
  static gsize c_locale = 0; /* a locale_t, made once, kept for the process */

  if (g_once_init_enter (&c_locale))
    g_once_init_leave (&c_locale, (gsize) newlocale (LC_ALL_MASK, "C", (locale_t) 0));
  return uselocale ((locale_t) c_locale);
}

void
pdx_i18n_restore_locale (locale_t previous)
{
  uselocale (previous);
}
