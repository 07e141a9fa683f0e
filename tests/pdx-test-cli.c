/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-test-cli.c — running pdxtrack-cli in-process from a test. */
#include "pdx-test-cli.h"

#include <stdio.h>
#include <stdlib.h>

#include "cli.h"

/* Runs the NULL-terminated @argv in-process; stdout and stderr into *@out_text and *@err_text
 * (owned) when not NULL. Returns the exit status. */
static int
run_argv (GPtrArray *argv, char **out_text, char **err_text)
{
  char  *out_buf = NULL, *err_buf = NULL;
  size_t out_len = 0, err_len = 0;
  FILE  *out = open_memstream (&out_buf, &out_len);
  FILE  *err = open_memstream (&err_buf, &err_len);
  int    status;

  status = pdx_cli_run ((int) argv->len - 1, (char **) argv->pdata, out, err);
  fclose (out);
  fclose (err);
  if (out_text)
    *out_text = g_strdup (out_buf);
  if (err_text)
    *err_text = g_strdup (err_buf);
  free (out_buf);
  free (err_buf);
  return status;
}

int
pdx_test_run_cli (const char *db_path, char **err_text, ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  const char *arg;
  va_list     args;

  g_setenv ("PDXTRACK_DB", db_path, TRUE);
  g_ptr_array_add (argv, (char *) "pdxtrack-cli");
  va_start (args, err_text);
  while ((arg = va_arg (args, const char *)))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  return run_argv (argv, NULL, err_text);
}

int
pdx_test_run_cli_args (const char        *db_path,
                       const char *const *args,
                       char             **out_text,
                       char             **err_text)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (char *) "pdxtrack-cli");
  g_ptr_array_add (argv, (char *) "--db");
  g_ptr_array_add (argv, (char *) db_path);
  for (const char *const *a = args; *a != NULL; a++)
    g_ptr_array_add (argv, (char *) *a);
  g_ptr_array_add (argv, NULL);
  return run_argv (argv, out_text, err_text);
}
