/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-import.c — libFuzzer harness for the three importers: the first input byte picks the
 * importer, the rest is the CSV; the oracle of fuzz-oracle.h must hold. Build with clang:
 *   CC=clang meson setup build-fuzz -Dfuzzing=true && ninja -C build-fuzz
 *   build-fuzz/tests/fuzz/fuzz-import -max_total_time=300 tests/fuzz/corpus
 */
#include <stdlib.h>
#include <glib.h>

#include "fuzz-oracle.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  static char     *dir;
  g_autofree char *why = NULL;

  if (dir == NULL)
    dir = g_dir_make_tmp ("pdxtrack-fuzz-XXXXXX", NULL);
  if (size < 1)
    return 0;
  if (!pdx_fuzz_import_one (data[0] % PDX_FUZZ_N_KINDS, data + 1, size - 1, dir, NULL, &why))
    {
      g_printerr ("oracle failed: %s\n", why);
      abort ();
    }
  return 0;
}
