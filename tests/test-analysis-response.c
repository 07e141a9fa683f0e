/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-analysis-response.c — per-mouse response (SPEC §4) against Xeva's test vectors, the whole
 * PDXE BRCA reference (Gao 2015, metrics by Xeva's definition), and hand-worked edge cases. */
#include <math.h>

#include "pdx-test-util.h"

#define TOLERANCE 1e-6

static void
assert_close (double actual, double expected, double tolerance)
{
  if (isnan (expected))
    g_assert_true (isnan (actual));
  else if (!(fabs (actual - expected) <= tolerance))
    g_error ("expected %.17g (± %g), got %.17g", expected, tolerance, actual);
}

/* SPEC §4, from Xeva's documentation. */
static void
test_xeva_vectors (void)
{
  const double day1[] = { 0, 2, 5, 9, 12, 16, 19, 23, 26 };
  const double v1[] = { 199.7, 181.9, 172.7, 129.6, 91.3, 117.1, 122.7, 134.4, 143.3 };
  const double day2[] = { 0, 3, 7, 11, 18, 22, 26, 30, 32, 35 };
  const double v2[] = { 250.8, 320.4, 402.3, 382.6, 384, 445.9, 460.2, 546.8, 554.3, 617.9 };
  g_autoptr (PdxResponse) r1 = pdx_response_compute (day1, v1, G_N_ELEMENTS (day1));
  g_autoptr (PdxResponse) r2 = pdx_response_compute (day2, v2, G_N_ELEMENTS (day2));

  g_assert_true (r1->evaluable);
  assert_close (r1->best_response, -54.28142, 5e-6);
  assert_close (r1->best_response_day, 12, 0);
  assert_close (r1->best_avg_response, -28.07545, 5e-6);
  assert_close (r1->best_avg_response_day, 26, 0);
  g_assert_cmpint (r1->mrecist, ==, PDX_MRECIST_PR);
  assert_close (r1->auc, 3556.7, TOLERANCE);
  g_assert_cmpuint (r1->n_points, ==, 9);

  g_assert_true (r2->evaluable);
  assert_close (r2->best_response, 52.55183, 5e-6);
  assert_close (r2->best_response_day, 11, 0);
  assert_close (r2->best_avg_response, 35.17743, 5e-6);
  assert_close (r2->best_avg_response_day, 11, 0);
  g_assert_cmpint (r2->mrecist, ==, PDX_MRECIST_PD);
}

/* ---- PDXE BRCA: every curve through the real importer ------------------------------------- */

typedef struct
{
  GHashTable *by_key;    /* "Model|Treatment" → const PdxResponse* */
  GPtrArray  *studies;   /* PdxStudyData* */
  GPtrArray  *responses; /* GPtrArray* per study */
} Lab;

static void
lab_load_pdxe (Lab *lab, PdxDb *db)
{
  g_autofree char *raw = pdx_test_shared_file ("pdxe/brca_pct_raw.csv");
  g_autoptr (GError) error = NULL;
  PdxImportReport report = { 0 };

  g_assert_nonnull (raw);
  g_assert_true (pdx_import_pdxe (db, raw, &report, NULL, NULL, &error));
  g_assert_no_error (error);
  pdx_import_report_clear (&report);
  lab->studies = pdx_study_data_load_all (db, &error);
  g_assert_no_error (error);
  lab->responses = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  lab->by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint s = 0; s < lab->studies->len; s++)
    {
      const PdxStudyData *data = lab->studies->pdata[s];
      GPtrArray          *responses = pdx_response_list (data);
      g_ptr_array_add (lab->responses, responses);
      g_assert_cmpint (data->readout, ==, PDX_READOUT_CALIPER_VOLUME);
      for (guint m = 0; m < data->n_mice; m++)
        {
          const PdxResponse *r = responses->pdata[m];
          g_assert_cmpint (r->mouse, ==, (int) m);
          g_assert_true (g_hash_table_insert (
              lab->by_key, g_strdup_printf ("%s|%s", data->code, data->arms[r->arm].name),
              (gpointer) r));
        }
    }
}

static void
lab_clear (Lab *lab)
{
  g_hash_table_unref (lab->by_key);
  g_ptr_array_unref (lab->responses);
  g_ptr_array_set_free_func (lab->studies, (GDestroyNotify) pdx_study_data_free);
  g_ptr_array_unref (lab->studies);
}

static double
field_value (const char *text)
{
  return text[0] ? g_ascii_strtod (text, NULL) : NAN;
}

static void
compare_reference_row (const PdxResponse *r, char **f, const char *key)
{
  /* experiment, model, treatment, n_points, best_response, best_response_day,
   * best_avg_response, best_avg_response_day, mrecist, auc, time_to_double, day_last */
  const char *mrecist = f[8];
  double      expected[] = { field_value (f[4]), field_value (f[5]), field_value (f[6]),
                             field_value (f[7]), field_value (f[9]), field_value (f[10]),
                             field_value (f[11]) };
  double      actual[] = {
         r->best_response, r->best_response_day, r->best_avg_response, r->best_avg_response_day,
         r->auc,           r->time_to_double,    r->day_last
  };
  static const char *const names[] = { "BR",  "BR day",         "BAR",     "BAR day",
                                       "AUC", "time to double", "last day" };

  if (r->n_points != (guint) atoi (f[3]))
    g_error ("%s: n_points %u, expected %s", key, r->n_points, f[3]);
  if (!g_str_equal (pdx_mrecist_to_string (r->mrecist), mrecist))
    g_error ("%s: mRECIST '%s', expected '%s'", key, pdx_mrecist_to_string (r->mrecist), mrecist);
  if (r->evaluable != (mrecist[0] != '\0'))
    g_error ("%s: evaluable %d, expected class '%s'", key, r->evaluable, mrecist);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    if (isnan (expected[i]) != isnan (actual[i]) ||
        (!isnan (expected[i]) && !(fabs (actual[i] - expected[i]) <= TOLERANCE)))
      g_error ("%s: %s %.17g, expected %.17g", key, names[i], actual[i], expected[i]);
}

static void
test_pdxe_brca (void)
{
  g_autoptr (PdxDb) db = pdx_test_new_lab (NULL);
  g_autofree char *reference = pdx_test_shared_file ("pdxe/brca_reference.csv");
  g_autoptr (PdxCsvReader) reader = NULL;
  g_autoptr (GError) error = NULL;
  Lab    lab;
  char **f;
  guint  n_fields, rows = 0, not_evaluable = 0;

  g_assert_nonnull (reference);
  lab_load_pdxe (&lab, db);
  reader = pdx_csv_reader_open (reference, &error);
  g_assert_no_error (error);
  g_assert_true (pdx_csv_reader_next (reader, &f, &n_fields, &error));
  g_assert_cmpstr (f[0], ==, "experiment");
  while (pdx_csv_reader_next (reader, &f, &n_fields, &error))
    {
      const PdxResponse *r;
      g_assert_cmpuint (n_fields, ==, 12);
      r = g_hash_table_lookup (lab.by_key, f[0]);
      if (r == NULL)
        g_error ("curve %s is not in the imported lab", f[0]);
      compare_reference_row (r, f, f[0]);
      not_evaluable += !r->evaluable;
      rows++;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (rows, ==, 849);
  g_assert_cmpuint (g_hash_table_size (lab.by_key), ==, 849);
  g_assert_cmpuint (not_evaluable, ==, 10);
  lab_clear (&lab);
}

/* ---- edge cases (expected values worked by hand from SPEC §4) ------------------------------- */

static void
test_one_measurement (void)
{
  const double day[] = { 0 }, v[] = { 120 };
  g_autoptr (PdxResponse) r = pdx_response_compute (day, v, 1);

  g_assert_cmpuint (r->n_points, ==, 1);
  g_assert_false (r->evaluable);
  g_assert_cmpint (r->mrecist, ==, PDX_MRECIST_NOT_EVALUABLE);
  g_assert_cmpstr (pdx_mrecist_to_string (r->mrecist), ==, "");
  g_assert_true (isnan (r->best_response) && isnan (r->best_avg_response));
  /* Issue #17: the trapezoid rule over one point spans no time, so the AUC is 0 (Xeva's 0),
   * not an empty field; time to double stays undefined. */
  g_assert_false (isnan (r->auc));
  assert_close (r->auc, 0, 0);
  g_assert_true (isnan (r->time_to_double));
  assert_close (r->day_last, 0, 0);
  assert_close (r->pct_change[0], 0, 0);
  assert_close (r->relative[0], 1, 0);
}

/* A series left with one value (the day −4 value is missing, so the baseline is the first
 * value after day 0) has an AUC of 0 too. */
static void
test_one_measurement_late (void)
{
  const double day[] = { -4, 5 }, v[] = { NAN, 80 };
  g_autoptr (PdxResponse) r = pdx_response_compute (day, v, 2);

  g_assert_cmpuint (r->n_points, ==, 1);
  assert_close (r->baseline_day, 5, 0);
  assert_close (r->auc, 0, 0);
}

/* V0 = 0: 1 is added to every value: 1, 6, 11, 21 → %ΔV 0, 500, 1000, 2000. */
static void
test_zero_baseline (void)
{
  const double day[] = { 0, 5, 10, 15 }, v[] = { 0, 5, 10, 20 };
  g_autoptr (PdxResponse) r = pdx_response_compute (day, v, 4);

  g_assert_true (r->evaluable);
  assert_close (r->best_response, 1000, 1e-9);
  assert_close (r->best_response_day, 10, 0);
  assert_close (r->best_avg_response, 500, 1e-9); /* (0 + 500 + 1000) / 3 */
  assert_close (r->best_avg_response_day, 10, 0);
  g_assert_cmpint (r->mrecist, ==, PDX_MRECIST_PD);
  assert_close (r->auc, 125, 1e-9);           /* raw: 12.5 + 37.5 + 75 */
  assert_close (r->time_to_double, 1, 1e-12); /* shifted 1 → 6 over days 0..5, reaches 2 at 1 */
  assert_close (r->relative[3], 21, 1e-12);
  assert_close (r->baseline_value, 0, 0);
  for (guint i = 0; i < r->n_points; i++)
    g_assert_true (isfinite (r->pct_change[i]) && isfinite (r->relative[i]));
}

/* Unsorted days and a day recorded twice (its mean is used): 0:100, 5:90, 12:90, 20:60. */
static void
test_unsorted_duplicates (void)
{
  const double day[] = { 12, 0, 20, 12, 5 }, v[] = { 80, 100, 60, 100, 90 };
  g_autoptr (PdxResponse) r = pdx_response_compute (day, v, 5);

  g_assert_cmpuint (r->n_points, ==, 4);
  assert_close (r->day[2], 12, 0);
  assert_close (r->value[2], 90, 1e-12);
  assert_close (r->best_response, -40, 1e-9);
  assert_close (r->best_response_day, 20, 0);
  assert_close (r->best_avg_response, -15, 1e-9); /* (0 − 10 − 10 − 40) / 4 */
  assert_close (r->best_avg_response_day, 20, 0);
  g_assert_cmpint (r->mrecist, ==, PDX_MRECIST_SD);
  assert_close (r->auc, 1705, 1e-9); /* 475 + 630 + 600 */
  g_assert_true (isnan (r->time_to_double));
}

/* Missing values (NAN) are skipped: only days 0 and 10 remain → one value at t >= 10. */
static void
test_missing_values (void)
{
  const double day[] = { 0, 3, 10, 14, NAN }, v[] = { 100, NAN, 120, NAN, 50 };
  g_autoptr (PdxResponse) r = pdx_response_compute (day, v, 5);

  g_assert_cmpuint (r->n_points, ==, 2);
  g_assert_false (r->evaluable);
  g_assert_true (isnan (r->best_response));
  assert_close (r->auc, 1100, 1e-9);
  assert_close (r->day_last, 10, 0);
}

/* The baseline is the last value on or before day 0; earlier values are not used. */
static void
test_baseline_choice (void)
{
  const double day[] = { -7, -2, 3, 10, 14 }, v[] = { 50, 100, 110, 150, 90 };
  const double late_day[] = { 2, 5, 12, 16 }, late_v[] = { 40, 60, 100, 20 };
  g_autoptr (PdxResponse) r = pdx_response_compute (day, v, 5);
  g_autoptr (PdxResponse) late = pdx_response_compute (late_day, late_v, 4);

  assert_close (r->baseline_day, -2, 0);
  assert_close (r->baseline_value, 100, 0);
  g_assert_cmpuint (r->n_points, ==, 4);
  assert_close (r->best_response, -10, 1e-9);
  assert_close (r->best_response_day, 14, 0);
  assert_close (r->best_avg_response, 12.5, 1e-9); /* (0 + 10 + 50 − 10) / 4 */
  g_assert_cmpint (r->mrecist, ==, PDX_MRECIST_SD);
  assert_close (r->auc, 1915, 1e-9);
  g_assert_true (isnan (r->time_to_double));

  /* No value on or before day 0: the first after it (day 2, V0 = 40). */
  assert_close (late->baseline_day, 2, 0);
  assert_close (late->best_response, -50, 1e-9);
  assert_close (late->best_response_day, 16, 0);
  assert_close (late->best_avg_response, 37.5, 1e-9); /* (0 + 50 + 150 − 50) / 4 */
  g_assert_cmpint (late->mrecist, ==, PDX_MRECIST_PD);
  assert_close (late->time_to_double, 5 + 20.0 / 40 * 7, 1e-9); /* 80 between 60 (5) and 100 (12) */
}

static void
test_empty (void)
{
  g_autoptr (PdxResponse) r = pdx_response_compute (NULL, NULL, 0);

  g_assert_cmpuint (r->n_points, ==, 0);
  g_assert_false (r->evaluable);
  g_assert_true (isnan (r->baseline_day) && isnan (r->day_last) && isnan (r->auc));
  g_assert_null (r->day);
}

/* The class thresholds are strict: BR = 35 exactly is PD; −50 exactly is not PR. */
static void
test_mrecist_thresholds (void)
{
  const double day[] = { 0, 10, 11 };
  const double at_35[] = { 100, 135, 135 }, at_minus_50[] = { 100, 50, 50 };
  const double cr[] = { 100, 4, 2 }, pr[] = { 100, 49, 49 };
  g_autoptr (PdxResponse) a = pdx_response_compute (day, at_35, 3);
  g_autoptr (PdxResponse) b = pdx_response_compute (day, at_minus_50, 3);
  g_autoptr (PdxResponse) c = pdx_response_compute (day, cr, 3);
  g_autoptr (PdxResponse) d = pdx_response_compute (day, pr, 3);

  g_assert_cmpint (a->mrecist, ==, PDX_MRECIST_PD);
  g_assert_cmpint (b->mrecist, ==, PDX_MRECIST_SD);
  g_assert_cmpint (c->mrecist, ==, PDX_MRECIST_CR); /* BR −98, BAR −64.67 */
  g_assert_cmpint (d->mrecist, ==, PDX_MRECIST_PR); /* BR −51, BAR −34 */
  g_assert_cmpstr (pdx_mrecist_to_string (PDX_MRECIST_CR), ==, "CR");
  g_assert_cmpstr (pdx_mrecist_to_string (PDX_MRECIST_PD), ==, "PD");
  g_assert_cmpstr (pdx_mrecist_get_label (PDX_MRECIST_NOT_EVALUABLE), ==, "Not evaluable");
}

/* The mouse page's "why not evaluable" (SPEC §4: at least 2 values at t >= 10), counted by
 * hand: days 0, 4, 11 have one value from day 10 on; days 0, 11, 14 have two (evaluable); an
 * empty series has none; an excluded mouse says so whatever its values. Under C, so the
 * sentences are the English ones. */
static void
test_not_evaluable_reason (void)
{
  const double day_one[] = { 0, 4, 11 }, v_one[] = { 100, 120, 150 };
  const double day_two[] = { 0, 11, 14 }, v_two[] = { 100, 150, 160 };
  const double day_early[] = { -3, 2, 7 }, v_early[] = { 100, 110, 90 };
  g_autoptr (PdxResponse) one = pdx_response_compute (day_one, v_one, 3);
  g_autoptr (PdxResponse) two = pdx_response_compute (day_two, v_two, 3);
  g_autoptr (PdxResponse) early = pdx_response_compute (day_early, v_early, 3);
  g_autoptr (PdxResponse) empty = pdx_response_compute (NULL, NULL, 0);
  g_autoptr (PdxResponse) excluded = pdx_response_compute (day_two, v_two, 3);
  g_autofree char *why_one = pdx_response_dup_not_evaluable_reason (one);
  g_autofree char *why_early = pdx_response_dup_not_evaluable_reason (early);
  g_autofree char *why_empty = pdx_response_dup_not_evaluable_reason (empty);
  g_autofree char *why_excluded = NULL;

  g_assert_cmpstr (why_one, ==, "needs 2 values from day 10 on, has 1");
  g_assert_cmpstr (why_early, ==, "needs 2 values from day 10 on, has 0");
  g_assert_cmpstr (why_empty, ==, "no value of the readout");
  g_assert_null (pdx_response_dup_not_evaluable_reason (two));
  excluded->excluded = TRUE;
  why_excluded = pdx_response_dup_not_evaluable_reason (excluded);
  g_assert_cmpstr (why_excluded, ==, "the mouse is excluded");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/analysis/response/xeva-vectors", test_xeva_vectors);
  g_test_add_func ("/analysis/response/pdxe-brca", test_pdxe_brca);
  g_test_add_func ("/analysis/response/one-measurement", test_one_measurement);
  g_test_add_func ("/analysis/response/one-measurement-late", test_one_measurement_late);
  g_test_add_func ("/analysis/response/zero-baseline", test_zero_baseline);
  g_test_add_func ("/analysis/response/unsorted-duplicate-days", test_unsorted_duplicates);
  g_test_add_func ("/analysis/response/missing-values", test_missing_values);
  g_test_add_func ("/analysis/response/baseline-choice", test_baseline_choice);
  g_test_add_func ("/analysis/response/empty", test_empty);
  g_test_add_func ("/analysis/response/mrecist-thresholds", test_mrecist_thresholds);
  g_test_add_func ("/analysis/response/not-evaluable-reason", test_not_evaluable_reason);
  return g_test_run ();
}
