/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-test-cli.h — running pdxtrack-cli in-process from a test. */
#pragma once

#include <glib.h>

/* Runs pdxtrack-cli with the NULL-terminated arguments after @err_text, on the lab @db_path
 * (given through $PDXTRACK_DB, as SPEC §8 allows), stdout discarded. Returns the exit status;
 * what it wrote to stderr in *@err_text (owned) when not NULL. */
int pdx_test_run_cli (const char *db_path, char **err_text, ...) G_GNUC_NULL_TERMINATED;
