/* SPDX-License-Identifier: GPL-3.0-or-later */
/* main.c — pdxtrack-cli: everything lives in the pdx-cli library. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include <locale.h>

#include "cli.h"
#include "pdx/pdx-i18n.h"

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  /* Numbers in files and tables are always written with a '.' decimal point. */
  setlocale (LC_NUMERIC, "C");
  pdx_i18n_init ();
  textdomain (GETTEXT_PACKAGE);
  return pdx_cli_run (argc, argv, stdout, stderr);
}
