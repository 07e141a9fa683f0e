/* main.c — pdxtrack, the desktop app: everything lives in the pdx-gui library. */
#include "pdx-application.h"

int
main (int argc, char *argv[])
{
  g_autoptr (PdxApplication) app = pdx_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
