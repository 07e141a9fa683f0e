/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-analysis-cli.c — `pdxtrack-cli stats …` and `randomize`: the columns of SPEC §8, empty
 * fields where a value is not defined (never "nan"), notes, exit codes, on a small lab whose
 * values are worked by hand. */
#include <math.h>
#include <stdio.h>

#include "cli.h"
#include "pdx-test-util.h"

typedef struct
{
  int   status;
  char *out, *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

/* Runs pdxtrack-cli in-process on lab @db_path with the NULL-terminated arguments. */
static Run
run_cli (const char *db_path, ...)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  Run         run = { 0 };
  size_t      out_len = 0, err_len = 0;
  FILE       *out = open_memstream (&run.out, &out_len);
  FILE       *err = open_memstream (&run.err, &err_len);
  va_list     ap;
  const char *arg;

  g_ptr_array_add (args, (char *) "pdxtrack-cli");
  g_ptr_array_add (args, (char *) "--db");
  g_ptr_array_add (args, (char *) db_path);
  va_start (ap, db_path);
  while ((arg = va_arg (ap, const char *)))
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  run.status = pdx_cli_run ((int) args->len - 1, (char **) args->pdata, out, err);
  fclose (out);
  fclose (err);
  g_assert_null (strstr (run.out, "nan"));
  g_assert_null (strstr (run.out, "inf"));
  return run;
}

static void
import_csv (PdxDb *db, gboolean mice, const char *text)
{
  g_autofree char *path = pdx_test_write_file ("import.csv", text, -1);
  g_autoptr (GError) error = NULL;
  PdxImportReport report = { 0 };
  /* The series below include values outside the usual range on purpose (T4 down to 5 g). */
  PdxImportOptions options = { .accept_unusual = TRUE };

  g_assert_true (pdx_import_file (db, mice ? PDX_IMPORT_KIND_MICE : PDX_IMPORT_KIND_MEASUREMENTS,
                                  path, &options, &report, &error));
  g_assert_no_error (error);
  pdx_import_report_clear (&report);
}

/* Study CLI-1 (MRI volume, day 0 = 2024-03-01, implants on day −10):
 *   vehicle V1 100 200 400 800 (days 0 7 14 21), dies day 24; V2 120 180 300 500, dies day 27;
 *           V3 90 150 (days 0 7), no endpoint yet;
 *   T-DM1   T1 100 90 60 40, weight 20 → 16 g, end of study day 40; T2 110 100 90 95, end day 40;
 *           T3 100 120 0 (days 0 7 14), dies day 31; T4 excluded.
 * Study EMPTY has no mice. Study RAND-1 has three arms and nine mice waiting. */
static char *
make_lab (void)
{
  char *path = NULL;
  g_autoptr (PdxDb) db = pdx_test_new_lab (&path);
  g_autoptr (PdxMouse) t4 = NULL;
  g_autoptr (PdxStudy) study = NULL;
  g_autoptr (GError) error = NULL;
  const char      *h = "study,arm,mouse,control,sex,implant_date,end_date,event,day0,readout\n";
  g_autofree char *mice =
      g_strconcat (h,
                   "CLI-1,vehicle,V1,1,F,2024-02-20,2024-03-25,1,2024-03-01,mri_volume\n"
                   "CLI-1,vehicle,V2,1,F,2024-02-20,2024-03-28,1,2024-03-01,mri_volume\n"
                   "CLI-1,vehicle,V3,1,F,2024-02-20,,,2024-03-01,mri_volume\n"
                   "CLI-1,T-DM1,T1,0,F,2024-02-20,2024-04-10,0,2024-03-01,mri_volume\n"
                   "CLI-1,T-DM1,T2,0,F,2024-02-20,2024-04-10,0,2024-03-01,mri_volume\n"
                   "CLI-1,T-DM1,T3,0,F,2024-02-20,2024-04-01,1,2024-03-01,mri_volume\n"
                   "CLI-1,T-DM1,T4,0,F,2024-02-20,,,2024-03-01,mri_volume\n"
                   "RAND-1,vehicle,R0,1,F,2024-06-01,,,2024-06-10,caliper_volume\n",
                   NULL);
  GString *values = g_string_new ("study,mouse,day,mri_volume_mm3,volume_mm3,weight_g\n");
  static const struct
  {
    const char *tag;
    guint       n;
    double      v[4];
    double      w[4];
  } series[] = {
    { "V1", 4, { 100, 200, 400, 800 }, { 20, 20, 19, 18 } },
    { "V2", 4, { 120, 180, 300, 500 }, { 22, 22, 21, 20 } },
    { "V3", 2, { 90, 150 }, { 21, 21 } },
    { "T1", 4, { 100, 90, 60, 40 }, { 20, 19, 17, 16 } },
    { "T2", 4, { 110, 100, 90, 95 }, { 20, 20, 20, 20 } },
    { "T3", 3, { 100, 120, 0 }, { 20, 20, 19 } },
    { "T4", 4, { 500, 1000, 2000, 4000 }, { 20, 15, 10, 5 } },
  };

  for (guint s = 0; s < G_N_ELEMENTS (series); s++)
    for (guint i = 0; i < series[s].n; i++)
      g_string_append_printf (values, "CLI-1,%s,%u,%g,,%g\n", series[s].tag, 7 * i, series[s].v[i],
                              series[s].w[i]);
  import_csv (db, TRUE, mice);
  import_csv (db, FALSE, values->str);
  g_string_free (values, TRUE);

  study = pdx_study_find (db, "CLI-1", &error);
  t4 = pdx_mouse_find (db, study->id, "T4", &error);
  t4->excluded = TRUE;
  t4->exclusion_reason = g_strdup ("tumour did not engraft");
  g_assert_true (pdx_mouse_update (db, t4, &error));
  g_assert_no_error (error);
  return path;
}

/* The CSV lines of @text (header first). */
static char **
lines_of (const char *text)
{
  char **lines = g_strsplit (text, "\n", -1);
  guint  n = g_strv_length (lines);
  if (n > 0 && lines[n - 1][0] == '\0')
    g_clear_pointer (&lines[n - 1], g_free);
  return lines;
}

static const char *
find_line (char **lines, const char *prefix)
{
  for (guint i = 0; lines[i]; i++)
    if (g_str_has_prefix (lines[i], prefix))
      return lines[i];
  g_error ("no line starts with '%s'", prefix);
  return NULL;
}

static double
field (const char *line, guint index)
{
  g_auto (GStrv) fields = g_strsplit (line, ",", -1);
  g_assert_cmpuint (g_strv_length (fields), >, index);
  return fields[index][0] ? g_ascii_strtod (fields[index], NULL) : NAN;
}

static void
test_response (void)
{
  g_autofree char *lab = make_lab ();
  Run run = run_cli (lab, "--format", "csv", "stats", "response", "--study", "CLI-1", NULL);
  g_auto (GStrv) lines = lines_of (run.out);

  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (lines[0], ==,
                   "study,line,arm,mouse,readout,n_points,best_response,"
                   "best_response_day,best_avg_response,best_avg_response_day,mrecist,auc,"
                   "time_to_double,day_last");
  g_assert_cmpuint (g_strv_length (lines), ==, 8);
  /* T1: %ΔV 0 −10 −40 −60 → BR −60 (21), BAR (0 − 10 − 40 − 60)/4 = −27.5 (21): PR;
   * AUC 7·(95 + 75 + 50) = 1540; never doubles. */
  g_assert_cmpstr (find_line (lines, "CLI-1,,T-DM1,T1,"), ==,
                   "CLI-1,,T-DM1,T1,mri_volume,4,-60,21,-27.5,21,PR,1540,,21");
  /* V3: two values, none at t >= 10: not evaluable; AUC 7·120 = 840. */
  g_assert_cmpstr (find_line (lines, "CLI-1,,vehicle,V3,"), ==,
                   "CLI-1,,vehicle,V3,mri_volume,2,,,,,,840,,7");
  /* V1: %ΔV 0 100 300 700 → BR 300 (14), BAR 400/3 (14); AUC 7·1050; doubles at day 7. */
  g_assert_cmpstr (find_line (lines, "CLI-1,,vehicle,V1,"), ==,
                   "CLI-1,,vehicle,V1,mri_volume,4,300,14,133.333333333,14,PD,7350,7,21");
  g_assert_cmpstr (find_line (lines, "CLI-1,,T-DM1,T4,"), ==,
                   "CLI-1,,T-DM1,T4,mri_volume,,,,,,excluded,,,");
  /* With --format csv the note about T4 goes to stderr, the CSV stays clean. */
  g_assert_nonnull (strstr (run.err, "T4 is excluded (tumour did not engraft)"));
  run_clear (&run);

  /* Every study, table format: the note follows the table on stdout. */
  run = run_cli (lab, "stats", "response", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "note: CLI-1: mouse T4 is excluded"));
  g_assert_cmpstr (run.err, ==, "");
  run_clear (&run);
}

/* The whole lab's table (each study loaded, its rows spooled, freed) is the studies' own
 * tables one after the other, in code order; aligned, every column starts two spaces after
 * the widest cell before it. */
static void
test_response_whole_lab (void)
{
  g_autofree char *lab = make_lab ();
  Run              all = run_cli (lab, "--format", "csv", "stats", "response", NULL);
  g_autoptr (GString) expected = g_string_new (NULL);
  const char *codes[] = { "CLI-1", "RAND-1" }; /* EMPTY has no rows */
  Run         text;
  g_auto (GStrv) lines = NULL;
  g_autofree int *column_start = NULL;
  guint           n_columns = 0;

  g_assert_cmpint (all.status, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      Run one = run_cli (lab, "--format", "csv", "stats", "response", "--study", codes[i], NULL);
      g_assert_cmpint (one.status, ==, 0);
      /* The header once, then each study's rows. */
      g_string_append (expected, i == 0 ? one.out : strchr (one.out, '\n') + 1);
      run_clear (&one);
    }
  g_assert_cmpstr (all.out, ==, expected->str);
  run_clear (&all);

  text = run_cli (lab, "stats", "response", NULL);
  g_assert_cmpint (text.status, ==, 0);
  lines = g_strsplit (text.out, "\n", -1);
  column_start = g_new0 (int, strlen (lines[0]) + 1);
  for (const char *p = lines[0]; *p; p++)
    if (p == lines[0] || (p[-1] == ' ' && *p != ' '))
      column_start[n_columns++] = (int) (p - lines[0]);
  g_assert_cmpuint (n_columns, ==, 14);
  /* Header, the rows of CLI-1 (7) and RAND-1 (1), then the blank line before the notes. */
  for (guint r = 1; r <= 8; r++)
    for (guint c = 1; c < n_columns; c++)
      if ((int) strlen (lines[r]) > column_start[c])
        {
          g_assert_cmpint (lines[r][column_start[c] - 1], ==, ' ');
          g_assert_cmpint (lines[r][column_start[c] - 2], ==, ' ');
        }
  g_assert_true (g_str_has_prefix (lines[1], "CLI-1 "));
  g_assert_true (g_str_has_prefix (lines[8], "RAND-1 "));
  g_assert_cmpstr (lines[9], ==, "");
  run_clear (&text);
}

static void
test_arms (void)
{
  g_autofree char *lab = make_lab ();
  Run run = run_cli (lab, "--format", "csv", "stats", "arms", "--study", "CLI-1", NULL);
  g_auto (GStrv) lines = lines_of (run.out);
  g_auto (GStrv) day_lines = NULL;
  const char *line;

  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (lines[0], ==, "arm,day,n,mean,sem,median");
  /* Day 21: V3 ended at day 7, so 2 of 3 vehicle mice (≥ half): 800, 500. */
  g_assert_cmpstr (find_line (lines, "vehicle,21,"), ==, "vehicle,21,2,650,150,650");
  g_assert_cmpstr (find_line (lines, "T-DM1,21,"), ==, "T-DM1,21,2,67.5,27.5,67.5");
  g_assert_cmpstr (find_line (lines, "T-DM1,14,"), ==, "T-DM1,14,3,50,26.4575131106,60");
  run_clear (&run);

  /* Day 14: ΔT = (60 + 90 + 0)/3 − 310/3, ΔC = 350 − 310/3. */
  run = run_cli (lab, "--format", "csv", "stats", "arms", "--study", "CLI-1", "--day", "14", NULL);
  day_lines = lines_of (run.out);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (day_lines[0], ==, "arm,day,tgi_percent,tc_percent");
  g_assert_cmpstr (find_line (day_lines, "vehicle,"), ==, "vehicle,14,,");
  line = find_line (day_lines, "T-DM1,");
  g_assert_cmpfloat_with_epsilon (field (line, 2), 100 * (1 - (50 - 310 / 3.0) / (350 - 310 / 3.0)),
                                  1e-8);
  g_assert_cmpfloat_with_epsilon (field (line, 3), 100 * 50 / 350.0, 1e-8);
  run_clear (&run);

  run =
      run_cli (lab, "--format", "csv", "stats", "arms", "--study", "CLI-1", "--day", "last", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "T-DM1,21,"));
  run_clear (&run);

  run = run_cli (lab, "stats", "arms", "--study", "CLI-1", "--day", "soon", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "--day takes a number"));
  run_clear (&run);
}

static void
test_survival (void)
{
  g_autofree char *lab = make_lab ();
  Run run = run_cli (lab, "--format", "csv", "stats", "survival", "--study", "CLI-1", NULL);
  g_auto (GStrv) lines = lines_of (run.out);
  g_auto (GStrv) curve = NULL;

  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (lines[0], ==,
                   "arm,n,events,censored,median_days,median_ci_low,median_ci_high,"
                   "ils_percent,logrank_chisq,logrank_p,hazard_ratio,hr_ci_low,hr_ci_high");
  /* Vehicle: deaths 34 and 37 days after implant, V3 censored at its last observation (day 7,
   * 17 days): S(34) = 1/2 exactly, so the median is the midpoint of 34 and 37, as
   * print.survfit gives it; the lower CI is below 1/2 from day 34. */
  g_assert_cmpstr (find_line (lines, "vehicle,"), ==, "vehicle,3,2,1,35.5,34,,,,,,,");
  g_assert_true (g_str_has_prefix (find_line (lines, "T-DM1,"), "T-DM1,3,1,2,,41,,,"));
  /* One mouse: the singular (issue 11: never "1 mice"). */
  g_assert_nonnull (strstr (run.err, "1 mouse has no endpoint yet: it is censored"));
  g_assert_nonnull (strstr (run.err, "T4 is excluded"));
  run_clear (&run);

  run = run_cli (lab, "--format", "csv", "stats", "survival", "--study", "CLI-1", "--curve", NULL);
  curve = lines_of (run.out);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (curve[0], ==, "arm,day,at_risk,events,censored,survival,std_err,ci_low,ci_high");
  g_assert_cmpstr (curve[1], ==, "vehicle,17,3,0,1,1,0,1,1");
  g_assert_cmpstr (curve[2], ==, "vehicle,34,2,1,0,0.5,0.353553390593,0.12504882663,1");
  g_assert_cmpstr (curve[3], ==, "vehicle,37,1,1,0,0,,,");
  g_assert_cmpuint (g_strv_length (curve), ==, 1 + 3 + 2);
  run_clear (&run);

  run = run_cli (lab, "--format", "csv", "stats", "survival", "--study", "CLI-1", "--pairs", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "arm_a,arm_b,logrank_chisq,logrank_p,p_holm\n"
                                            "vehicle,T-DM1,"));
  run_clear (&run);
}

static void
test_weight (void)
{
  g_autofree char *lab = make_lab ();
  Run run = run_cli (lab, "--format", "csv", "stats", "weight", "--study", "CLI-1", NULL);
  g_auto (GStrv) lines = lines_of (run.out);

  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (lines[0], ==,
                   "arm,mouse,reference_day,reference_weight_g,last_change_percent,"
                   "max_loss_percent,max_loss_day,flag,last_flag");
  g_assert_cmpstr (find_line (lines, "T-DM1,T1,"), ==, "T-DM1,T1,0,20,-20,20,21,humane,humane");
  g_assert_cmpstr (find_line (lines, "vehicle,V1,"), ==, "vehicle,V1,0,20,-10,10,21,ok,ok");
  g_assert_cmpstr (find_line (lines, "T-DM1,T4,"), ==, "T-DM1,T4,,,,,,excluded,");
  run_clear (&run);
}

static void
test_randomize (void)
{
  g_autofree char *lab = make_lab ();
  g_autoptr (GError) error = NULL;
  Run run, dry, again;

  {
    g_autoptr (PdxDb) db = pdx_db_open (lab, PDX_DB_OPEN_EXISTING, &error);
    g_autoptr (PdxStudy) study = pdx_study_find (db, "RAND-1", &error);
    g_autoptr (GString) mice = g_string_new ("study,arm,mouse,sex\n");
    g_autoptr (GString) values = g_string_new ("study,mouse,day,volume_mm3\n");
    const char *arms[] = { "T-DM1", "tucatinib" };
    for (guint a = 0; a < 2; a++)
      {
        g_autoptr (PdxArm) arm = pdx_arm_new ();
        arm->study_id = study->id;
        arm->name = g_strdup (arms[a]);
        g_assert_true (pdx_arm_insert (db, arm, &error));
      }
    for (guint m = 1; m <= 8; m++)
      {
        g_string_append_printf (mice, "RAND-1,,R%u,%s\n", m, m % 2 ? "F" : "M");
        g_string_append_printf (values, "RAND-1,R%u,0,%u\n", m, 50 + 7 * m * m % 31);
      }
    g_string_append (values, "RAND-1,R0,0,60\n");
    import_csv (db, TRUE, mice->str);
    import_csv (db, FALSE, values->str);
  }

  dry = run_cli (lab, "--format", "csv", "randomize", "--study", "RAND-1", "--seed", "11",
                 "--dry-run", NULL);
  g_assert_cmpint (dry.status, ==, 0);
  g_assert_nonnull (strstr (dry.err, "would assign 8 mice with seed 11"));
  run = run_cli (lab, "--format", "csv", "randomize", "--study", "RAND-1", "--seed", "11", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "arm,n,n_baseline,baseline_mean,baseline_sd,female,"
                                            "male,anova_f,anova_p\n"));
  /* The same seed planned the same assignment: the dry run's report is the written one. */
  g_assert_cmpstr (dry.out, ==, run.out);
  g_assert_nonnull (strstr (run.out, "vehicle,3,3,"));
  g_assert_nonnull (strstr (run.err, "assigned 8 mice with seed 11"));

  again = run_cli (lab, "randomize", "--study", "RAND-1", "--seed", "11", NULL);
  g_assert_cmpint (again.status, ==, 1);
  g_assert_nonnull (strstr (again.err, "no mouse waiting"));
  run_clear (&again);
  again = run_cli (lab, "randomize", "--study", "RAND-1", NULL);
  g_assert_cmpint (again.status, ==, 2);
  g_assert_nonnull (strstr (again.err, "--seed N is required"));
  run_clear (&again);
  run_clear (&dry);
  run_clear (&run);
}

static void
test_errors (void)
{
  g_autofree char *lab = make_lab ();
  struct
  {
    int         status;
    const char *message;
    const char *args[6];
  } cases[] = {
    { 2, "Usage", { "stats", NULL } },
    { 2, "unknown table 'growth'", { "stats", "growth", NULL } },
    { 1, "--study CODE is required", { "stats", "survival", NULL } },
    { 1, "no study 'NOPE'", { "stats", "arms", "--study", "NOPE", NULL } },
    { 1, "study EMPTY has no mice", { "stats", "response", "--study", "EMPTY", NULL } },
    { 1,
      "no randomised mouse with a survival time",
      { "stats", "survival", "--study", "EMPTY", NULL } },
    { 1, "has no arms", { "stats", "arms", "--study", "EMPTY", NULL } },
    { 2, "--curve and --pairs", { "stats", "survival", "--study", "CLI-1", "--curve", "--pairs" } },
    { 2, "unexpected argument", { "stats", "response", "extra", NULL } },
  };

  {
    g_autoptr (GError) error = NULL;
    g_autoptr (PdxDb) db = pdx_db_open (lab, PDX_DB_OPEN_EXISTING, &error);
    g_autoptr (PdxStudy) study = pdx_study_new ();
    study->code = g_strdup ("EMPTY");
    study->day0 = g_strdup ("2024-01-01");
    study->status = g_strdup ("planned");
    g_assert_true (pdx_study_insert (db, study, &error));
  }
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *const *a = cases[i].args;
      Run                run = run_cli (lab, a[0], a[1], a[2], a[3], a[4], a[5], NULL);
      g_test_message ("case %u: %s", i, run.err);
      g_assert_cmpint (run.status, ==, cases[i].status);
      g_assert_nonnull (strstr (run.err, cases[i].message));
      if (run.status == 1)
        {
          /* One line on stderr. */
          g_assert_true (g_str_has_suffix (run.err, "\n"));
          g_assert_true (strchr (run.err, '\n') == run.err + strlen (run.err) - 1);
        }
      run_clear (&run);
    }
}

static void
test_help (void)
{
  g_autofree char *lab = make_lab ();
  const char      *what[] = { "response", "arms", "survival", "weight" };

  for (guint i = 0; i < G_N_ELEMENTS (what); i++)
    {
      Run run = run_cli (lab, "stats", what[i], "--help", NULL);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_nonnull (strstr (run.out, "--study"));
      run_clear (&run);
    }
  {
    Run run = run_cli (lab, "randomize", "--help", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "--seed"));
    run_clear (&run);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/analysis/cli/stats-response", test_response);
  g_test_add_func ("/analysis/cli/stats-response/whole-lab", test_response_whole_lab);
  g_test_add_func ("/analysis/cli/stats-arms", test_arms);
  g_test_add_func ("/analysis/cli/stats-survival", test_survival);
  g_test_add_func ("/analysis/cli/stats-weight", test_weight);
  g_test_add_func ("/analysis/cli/randomize", test_randomize);
  g_test_add_func ("/analysis/cli/errors", test_errors);
  g_test_add_func ("/analysis/cli/help", test_help);
  return g_test_run ();
}
