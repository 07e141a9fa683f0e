/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-test-cli.h — running pdxtrack-cli in-process from a test. */
#pragma once

#include <glib.h>

/* Runs pdxtrack-cli with the NULL-terminated arguments after @err_text, on the lab @db_path
 * (given through $PDXTRACK_DB, as SPEC §8 allows), stdout discarded. Returns the exit status;
 * what it wrote to stderr in *@err_text (owned) when not NULL. */
int pdx_test_run_cli (const char *db_path, char **err_text, ...) G_GNUC_NULL_TERMINATED;
/* Runs pdxtrack-cli --db @db_path with the NULL-terminated @args; what it wrote to stdout and
 * stderr in *@out_text and *@err_text (owned) when not NULL. Returns the exit status. */
int pdx_test_run_cli_args (const char        *db_path,
                           const char *const *args,
                           char             **out_text,
                           char             **err_text);
