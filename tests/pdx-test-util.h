/* pdx-test-util.h — what every test suite needs: a fresh lab in a temporary folder, and paths. */
#pragma once

#include <glib.h>

#include "pdx/pdx.h"

/* A new temporary folder for this test, removed (recursively) at exit. Owned string. */
char *pdx_test_make_tmpdir (void);
/* A new empty lab in a fresh temporary folder; its path in *@path_out when not NULL. */
PdxDb *pdx_test_new_lab (char **path_out);
/* A file of the shared reference data (../shared/data/…), or NULL (and the test fails) when
 * absent. */
char *pdx_test_shared_file (const char *relative);
/* Writes @contents to a new file named @name in a fresh temporary folder; returns its path. */
char *pdx_test_write_file (const char *name, const char *contents, gssize len);
/* Counts the rows of @table (a fixed table name, not user text). */
gint64 pdx_test_count (PdxDb *db, const char *table);
/* The first column of the first row of @sql as a string (owned), or NULL. */
char *pdx_test_query_string (PdxDb *db, const char *sql);
/* A byte-exact fingerprint of every row of every table: equal before and after a refused change. */
char *pdx_test_dump (PdxDb *db);
