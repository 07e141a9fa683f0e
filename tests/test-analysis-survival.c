/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-analysis-survival.c — Kaplan–Meier, medians, log-rank, Cox HR and Holm against R's
 * survival package: the fixtures in tests/fixtures/survival/ were written by make-fixtures.R
 * (survfit, summary.survfit, print.survfit's table, survdiff, coxph, p.adjust). */
#include <math.h>

#include "pdx-test-util.h"

#define TOLERANCE 1e-6

/* ---- fixtures ------------------------------------------------------------------------------ */

typedef struct
{
  char      *code;
  GPtrArray *arms; /* arm names by fixture arm index */
  int        control;
  GArray    *time;  /* double */
  GArray    *event; /* gboolean */
  GArray    *group; /* int */
  gboolean   integer_times;
} Fixture;

static void
fixture_free (Fixture *f)
{
  g_free (f->code);
  g_ptr_array_unref (f->arms);
  g_array_unref (f->time);
  g_array_unref (f->event);
  g_array_unref (f->group);
  g_free (f);
}

/* Every record of fixture file @name (header dropped) as a GPtrArray of GStrv. */
static GPtrArray *
read_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "survival", name, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxCsvReader) reader = pdx_csv_reader_open (path, &error);
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  char     **fields;
  guint      n_fields;
  gboolean   header = TRUE;

  g_assert_no_error (error);
  while (pdx_csv_reader_next (reader, &fields, &n_fields, &error))
    {
      char **copy = g_new0 (char *, n_fields + 1);
      for (guint i = 0; i < n_fields; i++)
        copy[i] = g_strdup (fields[i]);
      if (header)
        g_strfreev (copy), header = FALSE;
      else
        g_ptr_array_add (records, copy);
    }
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, >, 0);
  return records;
}

/* A fixture number: NAN for the empty field (R's NA). */
static double
value (const char *text)
{
  char  *end = NULL;
  double v;
  if (text[0] == '\0')
    return NAN;
  v = g_ascii_strtod (text, &end);
  g_assert_true (*end == '\0');
  return v;
}

static GPtrArray *
load_fixtures (void)
{
  g_autoptr (GPtrArray) rows = read_fixture ("input.csv");
  GPtrArray *fixtures = g_ptr_array_new_with_free_func ((GDestroyNotify) fixture_free);
  Fixture   *f = NULL;

  for (guint r = 0; r < rows->len; r++)
    {
      char   **row = rows->pdata[r]; /* study, arm, arm_index, control, mouse, time, event */
      int      index = atoi (row[2]);
      double   t = value (row[5]);
      gboolean e = atoi (row[6]) == 1;
      if (f == NULL || !g_str_equal (f->code, row[0]))
        {
          f = g_new0 (Fixture, 1);
          f->code = g_strdup (row[0]);
          f->arms = g_ptr_array_new_with_free_func (g_free);
          f->time = g_array_new (FALSE, FALSE, sizeof (double));
          f->event = g_array_new (FALSE, FALSE, sizeof (gboolean));
          f->group = g_array_new (FALSE, FALSE, sizeof (int));
          f->control = -1;
          f->integer_times = TRUE;
          g_ptr_array_add (fixtures, f);
        }
      if ((guint) index >= f->arms->len)
        g_ptr_array_add (f->arms, g_strdup (row[1]));
      g_assert_cmpstr (f->arms->pdata[index], ==, row[1]);
      if (atoi (row[3]) == 1)
        f->control = index;
      f->integer_times &= t == floor (t) && t > 0;
      g_array_append_val (f->time, t);
      g_array_append_val (f->event, e);
      g_array_append_val (f->group, index);
    }
  g_assert_cmpuint (fixtures->len, >=, 20);
  return fixtures;
}

static int
arm_index (GPtrArray *names, const char *name)
{
  for (guint i = 0; i < names->len; i++)
    if (g_str_equal (names->pdata[i], name))
      return (int) i;
  g_assert_not_reached ();
  return -1;
}

/* Compares @actual with R's @expected (empty = NA, which must be NAN here). */
static void
assert_matches (double actual, const char *expected, const char *what, const char *where)
{
  double e = value (expected);
  if (isnan (e))
    {
      if (!isnan (actual))
        g_error ("%s %s: expected NA, got %.17g", where, what, actual);
      return;
    }
  if (!(fabs (actual - e) <= TOLERANCE))
    g_error ("%s %s: expected %.17g, got %.17g", where, what, e, actual);
}

static void
assert_count (guint actual, const char *expected, const char *what, const char *where)
{
  if (actual != (guint) atoi (expected))
    g_error ("%s %s: expected %s, got %u", where, what, expected, actual);
}

/* ---- comparison of one study's result with R ----------------------------------------------
 * @arm_of maps the fixture's arm index to the result's arm index. */

static void
compare_km (const PdxSurvival *s, const Fixture *f, const int *arm_of, GPtrArray *km)
{
  g_autofree guint *next = g_new0 (guint, f->arms->len);
  guint             rows = 0;

  for (guint r = 0; r < km->len; r++)
    {
      char **row = km->pdata[r]; /* study, arm, time, n_risk, n_event, n_censor, surv, std_err,
                                    lower, upper */
      int              a;
      const PdxKmStep *step;
      g_autofree char *where = NULL;
      if (!g_str_equal (row[0], f->code))
        continue;
      a = arm_index (f->arms, row[1]);
      g_assert_cmpuint (next[a], <, s->arms[arm_of[a]].n_steps);
      step = &s->arms[arm_of[a]].steps[next[a]++];
      where = g_strdup_printf ("%s/%s/t=%s", row[0], row[1], row[2]);
      assert_matches (step->time, row[2], "time", where);
      assert_count (step->at_risk, row[3], "n.risk", where);
      assert_count (step->events, row[4], "n.event", where);
      assert_count (step->censored, row[5], "n.censor", where);
      assert_matches (step->surv, row[6], "surv", where);
      assert_matches (step->std_err, row[7], "std.err", where);
      assert_matches (step->ci_low, row[8], "lower", where);
      assert_matches (step->ci_high, row[9], "upper", where);
      rows++;
    }
  for (guint a = 0; a < f->arms->len; a++)
    g_assert_cmpuint (next[a], ==, s->arms[arm_of[a]].n_steps);
  g_assert_cmpuint (rows, >, 0);
}

static void
compare_arms (const PdxSurvival *s, const Fixture *f, const int *arm_of, GPtrArray *arms)
{
  g_autofree double *median = g_new (double, f->arms->len);

  for (guint r = 0; r < arms->len; r++)
    {
      char                **row = arms->pdata[r];
      int                   a;
      const PdxArmSurvival *arm;
      g_autofree char      *where = NULL;
      if (!g_str_equal (row[0], f->code))
        continue;
      a = arm_index (f->arms, row[1]);
      arm = &s->arms[arm_of[a]];
      where = g_strdup_printf ("%s/%s", row[0], row[1]);
      assert_count (arm->n, row[2], "n", where);
      assert_count (arm->events, row[3], "events", where);
      g_assert_cmpuint (arm->censored, ==, arm->n - arm->events);
      assert_matches (arm->median, row[4], "median", where);
      assert_matches (arm->median_ci_low, row[5], "median 0.95LCL", where);
      assert_matches (arm->median_ci_high, row[6], "median 0.95UCL", where);
      assert_matches (arm->logrank_chisq, row[7], "survdiff chisq", where);
      assert_matches (arm->logrank_p, row[8], "survdiff p", where);
      assert_matches (arm->hazard_ratio, row[9], "coxph HR", where);
      assert_matches (arm->hr_ci_low, row[10], "coxph HR lower", where);
      assert_matches (arm->hr_ci_high, row[11], "coxph HR upper", where);
      g_assert_cmpint (arm->is_control, ==, a == f->control);
      median[a] = value (row[4]);
    }
  /* %ILS from R's medians. */
  for (guint a = 0; a < f->arms->len; a++)
    {
      const PdxArmSurvival *arm = &s->arms[arm_of[a]];
      double                c = median[f->control], expected = NAN;
      if ((int) a != f->control && !isnan (median[a]) && !isnan (c))
        expected = 100 * (median[a] - c) / c;
      if (isnan (expected))
        g_assert_true (isnan (arm->ils_percent));
      else
        g_assert_cmpfloat_with_epsilon (arm->ils_percent, expected, TOLERANCE);
    }
}

static void
compare_pairs (const PdxSurvival *s, const Fixture *f, const int *arm_of, GPtrArray *pairs)
{
  guint n = 0;

  for (guint r = 0; r < pairs->len; r++)
    {
      char                **row = pairs->pdata[r]; /* study, arm_a, arm_b, chisq, p, p_holm */
      int                   a, b;
      const PdxLogrankPair *pair = NULL;
      g_autofree char      *where = NULL;
      if (!g_str_equal (row[0], f->code))
        continue;
      a = arm_of[arm_index (f->arms, row[1])];
      b = arm_of[arm_index (f->arms, row[2])];
      for (guint i = 0; i < s->n_pairs; i++)
        if ((s->pairs[i].arm_a == MIN (a, b) && s->pairs[i].arm_b == MAX (a, b)))
          pair = &s->pairs[i];
      g_assert_nonnull (pair);
      where = g_strdup_printf ("%s/%s-%s", row[0], row[1], row[2]);
      assert_matches (pair->chisq, row[3], "pairwise chisq", where);
      assert_matches (pair->p, row[4], "pairwise p", where);
      assert_matches (pair->p_holm, row[5], "pairwise Holm p", where);
      n++;
    }
  g_assert_cmpuint (n, ==, s->n_pairs);
}

typedef struct
{
  GPtrArray *fixtures, *km, *arms, *pairs;
} Reference;

static void
reference_load (Reference *ref)
{
  ref->fixtures = load_fixtures ();
  ref->km = read_fixture ("km.csv");
  ref->arms = read_fixture ("arms.csv");
  ref->pairs = read_fixture ("pairs.csv");
}

static void
reference_clear (Reference *ref)
{
  g_ptr_array_unref (ref->fixtures);
  g_ptr_array_unref (ref->km);
  g_ptr_array_unref (ref->arms);
  g_ptr_array_unref (ref->pairs);
}

static void
compare_study (const PdxSurvival *s, const Fixture *f, const int *arm_of, const Reference *ref)
{
  compare_km (s, f, arm_of, ref->km);
  compare_arms (s, f, arm_of, ref->arms);
  compare_pairs (s, f, arm_of, ref->pairs);
}

/* ---- tests ---------------------------------------------------------------------------------- */

static void
test_r_fixtures (void)
{
  Reference ref;

  reference_load (&ref);
  for (guint i = 0; i < ref.fixtures->len; i++)
    {
      const Fixture *f = ref.fixtures->pdata[i];
      g_autoptr (GError) error = NULL;
      g_autoptr (PdxSurvival) s = NULL;
      g_autofree int *identity = g_new (int, f->arms->len);

      for (guint a = 0; a < f->arms->len; a++)
        identity[a] = (int) a;
      s = pdx_survival_compute_groups ((double *) f->time->data, (gboolean *) f->event->data,
                                       (int *) f->group->data, f->time->len, f->arms->len,
                                       f->control, &error);
      g_assert_no_error (error);
      g_assert_cmpint (s->control, ==, f->control);
      compare_study (s, f, identity, &ref);
    }
  reference_clear (&ref);
}

/* Writes @f as a mice CSV with implant and end dates (times are whole days). */
static char *
write_mice_csv (const Fixture *f)
{
  g_autoptr (GString) csv = g_string_new ("study,arm,mouse,control,implant_date,end_date,event\n");
  g_autoptr (GDate) implant = g_date_new_dmy (15, G_DATE_MARCH, 2024);

  for (guint i = 0; i < f->time->len; i++)
    {
      int g = g_array_index (f->group, int, i);
      g_autoptr (GDate) end = g_date_copy (implant);
      char implant_text[16], end_text[16];
      g_date_add_days (end, (guint) g_array_index (f->time, double, i));
      g_date_strftime (implant_text, sizeof implant_text, "%Y-%m-%d", implant);
      g_date_strftime (end_text, sizeof end_text, "%Y-%m-%d", end);
      g_string_append_printf (csv, "%s,%s,M%03u,%d,%s,%s,%d\n", f->code, (char *) f->arms->pdata[g],
                              i + 1, g == f->control, implant_text, end_text,
                              g_array_index (f->event, gboolean, i) ? 1 : 0);
    }
  return pdx_test_write_file ("mice.csv", csv->str, csv->len);
}

/* The same comparison, the mice going through the real importer and study loader. */
static void
test_through_lab (void)
{
  g_autoptr (PdxDb) db = pdx_test_new_lab (NULL);
  Reference ref;
  guint     imported = 0;

  reference_load (&ref);
  for (guint i = 0; i < ref.fixtures->len; i++)
    {
      const Fixture *f = ref.fixtures->pdata[i];
      g_autoptr (GError) error = NULL;
      g_autofree char *path = NULL;
      g_autoptr (PdxStudy) study = NULL;
      g_autoptr (PdxStudyData) data = NULL;
      g_autoptr (PdxSurvival) s = NULL;
      g_autofree int *arm_of = g_new (int, f->arms->len);
      PdxImportReport report = { 0 };

      if (!f->integer_times)
        continue;
      path = write_mice_csv (f);
      g_assert_true (pdx_import_mice (db, path, &report, NULL, NULL, &error));
      g_assert_no_error (error);
      pdx_import_report_clear (&report);
      study = pdx_study_find (db, f->code, &error);
      g_assert_nonnull (study);
      data = pdx_study_data_load (db, study->id, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (data->n_arms, ==, f->arms->len);
      for (guint a = 0; a < data->n_arms; a++)
        arm_of[arm_index (f->arms, data->arms[a].name)] = (int) a;
      s = pdx_survival_compute (data, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (s->n_open, ==, 0);
      g_assert_cmpint (s->control, ==, arm_of[f->control]);
      compare_study (s, f, arm_of, &ref);
      imported++;
    }
  g_assert_cmpuint (imported, >=, 20);
  reference_clear (&ref);
}

/* p.adjust(c(0.01, 0.04, 0.03, 0.005, NA, 0.04), "holm") in R 4.2. */
static void
test_holm (void)
{
  const double p[] = { 0.01, 0.04, 0.03, 0.005, NAN, 0.04 };
  const double expected[] = { 0.04, 0.09, 0.09, 0.025, NAN, 0.09 };
  double       adjusted[G_N_ELEMENTS (p)];

  pdx_holm_adjust (p, adjusted, G_N_ELEMENTS (p));
  for (guint i = 0; i < G_N_ELEMENTS (p); i++)
    {
      if (isnan (expected[i]))
        g_assert_true (isnan (adjusted[i]));
      else
        g_assert_cmpfloat_with_epsilon (adjusted[i], expected[i], 1e-15);
    }
  pdx_holm_adjust (NULL, NULL, 0);
}

static void
test_errors (void)
{
  const double   time[] = { 5, -1, NAN };
  const gboolean event[] = { TRUE, TRUE, FALSE };
  const int      group[] = { 0, 1, 1 };
  const int      none[] = { -1, -1, -1 };
  g_autoptr (GError) error = NULL;
  PdxSurvival *s;

  s = pdx_survival_compute_groups (time, event, group, 3, 2, 0, &error);
  g_assert_null (s);
  g_assert_error (error, PDX_ANALYSIS_ERROR, PDX_ANALYSIS_ERROR_INVALID);
  g_clear_error (&error);
  s = pdx_survival_compute_groups (time, event, none, 3, 2, 0, &error);
  g_assert_null (s);
  g_assert_error (error, PDX_ANALYSIS_ERROR, PDX_ANALYSIS_ERROR_NO_DATA);
  g_clear_error (&error);
  s = pdx_survival_compute_groups (NULL, NULL, NULL, 0, 0, -1, &error);
  g_assert_null (s);
  g_assert_error (error, PDX_ANALYSIS_ERROR, PDX_ANALYSIS_ERROR_NO_DATA);
}

/* An arm with no mice, no control: KM still computed, comparisons NAN, helpers answer. */
static void
test_no_control_and_empty_arm (void)
{
  const double   time[] = { 3, 5, 5, 8 };
  const gboolean event[] = { TRUE, TRUE, FALSE, TRUE };
  const int      group[] = { 0, 0, 0, 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxSurvival) s = pdx_survival_compute_groups (time, event, group, 4, 2, -1, &error);

  g_assert_no_error (error);
  g_assert_cmpint (s->control, ==, -1);
  g_assert_cmpuint (s->arms[1].n, ==, 0);
  g_assert_cmpuint (s->arms[1].n_steps, ==, 0);
  g_assert_true (isnan (s->arms[1].median));
  g_assert_true (isnan (s->arms[0].logrank_p) && isnan (s->arms[0].hazard_ratio));
  g_assert_cmpuint (s->n_pairs, ==, 0);
  /* S: 1 → 3/4 at 3 → 3/4·2/3 = 1/2 at 5 → 0 at 8; at risk 4, 3, 1. */
  g_assert_cmpfloat_with_epsilon (pdx_arm_survival_get_surv (&s->arms[0], 2), 1.0, 1e-15);
  g_assert_cmpfloat_with_epsilon (pdx_arm_survival_get_surv (&s->arms[0], 6), 0.5, 1e-15);
  g_assert_cmpfloat_with_epsilon (pdx_arm_survival_get_surv (&s->arms[0], 8), 0.0, 1e-15);
  g_assert_cmpuint (pdx_arm_survival_get_at_risk (&s->arms[0], 0), ==, 4);
  g_assert_cmpuint (pdx_arm_survival_get_at_risk (&s->arms[0], 4), ==, 3);
  g_assert_cmpuint (pdx_arm_survival_get_at_risk (&s->arms[0], 6), ==, 1);
  g_assert_cmpuint (pdx_arm_survival_get_at_risk (&s->arms[0], 9), ==, 0);
  /* S = 0.5 exactly from day 5 to 8: print.survfit's median is the midpoint, 6.5. */
  g_assert_cmpfloat_with_epsilon (s->arms[0].median, 6.5, 1e-12);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/analysis/survival/r-fixtures", test_r_fixtures);
  g_test_add_func ("/analysis/survival/r-fixtures-through-lab", test_through_lab);
  g_test_add_func ("/analysis/survival/holm", test_holm);
  g_test_add_func ("/analysis/survival/errors", test_errors);
  g_test_add_func ("/analysis/survival/no-control-empty-arm", test_no_control_and_empty_arm);
  return g_test_run ();
}
