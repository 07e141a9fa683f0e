/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-test-cli.c — running pdxtrack-cli in-process from a test. */
#include "pdx-test-cli.h"

#include <stdio.h>
#include <stdlib.h>

#include "cli.h"

int
pdx_test_run_cli (const char *db_path, char **err_text, ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  char       *out_buf = NULL, *err_buf = NULL;
  size_t      out_len = 0, err_len = 0;
  FILE       *out = open_memstream (&out_buf, &out_len);
  FILE       *err = open_memstream (&err_buf, &err_len);
  const char *arg;
  va_list     args;
  int         status;

  g_setenv ("PDXTRACK_DB", db_path, TRUE);
  g_ptr_array_add (argv, (char *) "pdxtrack-cli");
  va_start (args, err_text);
  while ((arg = va_arg (args, const char *)))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  status = pdx_cli_run ((int) argv->len - 1, (char **) argv->pdata, out, err);
  fclose (out);
  fclose (err);
  free (out_buf);
  if (err_text)
    *err_text = g_strdup (err_buf);
  free (err_buf);
  return status;
}
