/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-oracle.h — what must hold for any bytes given to an importer: either the import succeeds
 * and the lab passes its integrity check, or it fails with one "FILE:LINE:COLUMN: …" message and
 * the lab is exactly as it was. Shared by test-fuzz-import (CI) and the libFuzzer harness. */
#pragma once

#include <glib.h>

typedef enum
{
  PDX_FUZZ_MICE,
  PDX_FUZZ_MEASUREMENTS,
  PDX_FUZZ_PDXE,
  PDX_FUZZ_N_KINDS
} PdxFuzzKind;

/* Imports @data as a @kind CSV into a fresh in-memory lab holding study S1 (mice M1–M3, one with
 * an endpoint). Returns TRUE when the oracle holds (*@imported, when not NULL, says whether the
 * import succeeded); otherwise FALSE with the reason in *@why (owned). @scratch_dir is a writable
 * folder for the input file. */
gboolean pdx_fuzz_import_one (PdxFuzzKind   kind,
                              const guint8 *data,
                              gsize         len,
                              const char   *scratch_dir,
                              gboolean     *imported,
                              char        **why);
