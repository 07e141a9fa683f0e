/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-fuzz-import.c — mutation fuzzing of the three importers, deterministic (fixed seeds) so
 * that CI runs the same inputs every time, under ASan/UBSan in the sanitizer build. Each input is
 * a valid file mutated by flips, insertions and deletions of bytes, quotes, separators, line
 * breaks, NULs and invalid UTF-8, or by duplicating and dropping lines; the oracle
 * (fuzz/fuzz-oracle.h) must hold for every one. The libFuzzer harness (fuzz/fuzz-import.c) runs
 * the same oracle coverage-guided. */
#include "pdx-test-util.h"
#include "fuzz/fuzz-oracle.h"

#define ROUNDS 300

static const char *const seeds[PDX_FUZZ_N_KINDS] = {
  "study,arm,mouse,cage,sex,implant_date,end_date,end_reason,event\n"
  "S2,Vehicle,1,C01,F,2026-01-12,2026-02-20,humane_neuro,1\n"
  "S2,T-DM1,2,C01,F,2026-01-12,2026-03-09,end of study,0\n"
  "S1,T-DM1,M9,C02,M,2024-03-01,,,\n",
  "study,mouse,date,day,length_mm,width_mm,bli_flux,weight_g,neuro_score,operator,note\n"
  "S1,M1,2024-03-14,,,,2.1e7,21.4,0,A. Moreno,baseline\n"
  "S1,M1,,6,5.1,4.2,,21.0,1,A. Moreno,\"a, note\"\n"
  "S1,M2,2024-03-20,,,,3e7,,,,\n",
  "\"Model\",\"Tumor Type\",\"Treatment\",\"Volume (mm3)\",\"body weight (g)\",\"Days Post T0\","
  "\"% TVol Difference\",\"% BW Difference\"\n"
  "\"X-1\",\"BRCA\",\"untreated\",150,25.2,0,0,0\n"
  "\"X-1\",\"BRCA\",\"BYL719 + LEE011\",160,25,0,0,0\n"
  "\"X-1\",\"BRCA\",\"BYL719 + LEE011\",120,24.1,7,-25,-3.6\n"
  "\"X-1\",\"BRCA\",\"BYL719 + LEE011\",99,24.0,0,0,0\n",
};

static const char interesting[] = { '"', ',', '\n', '\r', '\0', '\xff', '\xc3',
                                    '-', '.', 'e',  '0',  '9',  ' ',    '#' };

static void
mutate (GRand *rand, GByteArray *bytes)
{
  guint n = g_rand_int_range (rand, 1, 6);

  for (guint i = 0; i < n && bytes->len > 0; i++)
    {
      guint  at = g_rand_int_range (rand, 0, bytes->len);
      guint8 c = (guint8) interesting[g_rand_int_range (rand, 0, sizeof interesting)];
      switch (g_rand_int_range (rand, 0, 5))
        {
        case 0:
          bytes->data[at] ^= (guint8) (1u << g_rand_int_range (rand, 0, 8));
          break;
        case 1:
          g_byte_array_remove_index (bytes, at);
          break;
        /* A GByteArray is a GArray of guint8: GLib has no insert for it of its own. */
        case 2:
          g_array_insert_vals ((GArray *) bytes, at, &c, 1);
          break;
        case 3:
          bytes->data[at] = c;
          break;
        default:
          {
            /* Duplicate a run of bytes (often a whole line) somewhere else. */
            guint              len = MIN ((guint) g_rand_int_range (rand, 1, 60), bytes->len - at);
            g_autofree guint8 *copy = g_memdup2 (bytes->data + at, len);
            g_array_insert_vals ((GArray *) bytes, g_rand_int_range (rand, 0, bytes->len), copy,
                                 len);
          }
        }
    }
}

static void
fuzz_kind (gconstpointer data)
{
  PdxFuzzKind      kind = GPOINTER_TO_INT (data);
  g_autofree char *dir = pdx_test_make_tmpdir ();
  GRand           *rand = g_rand_new_with_seed (20261129 + kind);

  for (guint round = 0; round < ROUNDS; round++)
    {
      g_autoptr (GByteArray) bytes = g_byte_array_new ();
      g_autofree char *why = NULL;

      g_byte_array_append (bytes, (const guint8 *) seeds[kind], strlen (seeds[kind]));
      mutate (rand, bytes);
      if (!pdx_fuzz_import_one (kind, bytes->data, bytes->len, dir, NULL, &why))
        {
          g_autofree char *shown = NULL;
          g_byte_array_append (bytes, (const guint8 *) "", 1);
          shown = g_strescape ((const char *) bytes->data, NULL);
          g_test_message ("round %u: %s\ninput: %s", round, why, shown);
          g_test_fail ();
          break;
        }
    }
  g_rand_free (rand);
}

/* The unmutated seeds import: the fuzzing starts from inputs that reach deep into each importer. */
static void
seeds_import (void)
{
  g_autofree char *dir = pdx_test_make_tmpdir ();
  for (int kind = 0; kind < PDX_FUZZ_N_KINDS; kind++)
    {
      g_autofree char *why = NULL;
      gboolean         imported = FALSE;
      g_assert_true (pdx_fuzz_import_one (kind, (const guint8 *) seeds[kind], strlen (seeds[kind]),
                                          dir, &imported, &why));
      g_assert_true (imported);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/fuzz/import/seeds", seeds_import);
  g_test_add_data_func ("/fuzz/import/mice", GINT_TO_POINTER (PDX_FUZZ_MICE), fuzz_kind);
  g_test_add_data_func ("/fuzz/import/measurements", GINT_TO_POINTER (PDX_FUZZ_MEASUREMENTS),
                        fuzz_kind);
  g_test_add_data_func ("/fuzz/import/pdxe", GINT_TO_POINTER (PDX_FUZZ_PDXE), fuzz_kind);
  return g_test_run ();
}
