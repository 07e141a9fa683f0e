/* SPDX-License-Identifier: GPL-3.0-or-later */
/* main.c — pdxtrack, the desktop app: everything lives in the pdx-gui library. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include <glib/gstdio.h>
#include <locale.h>

#include "pdx-application.h"
#include "pdx/pdx-i18n.h"

/* Without a GPU render node, GTK's GL renderer runs on Mesa's software rasteriser: on such
 * machines (virtual machines, remote desktops) GTK's cairo renderer draws this app faster and in
 * about 75 MB less memory. The user's own GSK_RENDERER always wins. */
static void
choose_renderer (void)
{
  g_autoptr (GDir) dri = NULL;
  const char *name;

  if (g_getenv ("GSK_RENDERER") != NULL)
    return;
  dri = g_dir_open ("/dev/dri", 0, NULL);
  while (dri != NULL && (name = g_dir_read_name (dri)) != NULL)
    if (g_str_has_prefix (name, "renderD"))
      return;
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
}

int
main (int argc, char *argv[])
{
  g_autoptr (PdxApplication) app = NULL;

  /* GTK sets the locale itself later; the catalogue is bound first so that the option
   * descriptions of --help are translated too. */
  setlocale (LC_ALL, "");
  pdx_i18n_init ();
  textdomain (GETTEXT_PACKAGE);
  pdx_application_use_build_data ();
  choose_renderer ();
  app = pdx_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
