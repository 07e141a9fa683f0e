/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-report.c — the PDF study report, read back with poppler's pdfinfo and pdftotext. */
#include <math.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "cli.h"
#include "pdx-config.h"
#include "pdx-test-util.h"
#include "pdx/pdx-audit.h"
#include "pdx-test-cli.h"

static guint
pdf_pages (const char *path)
{
  const char      *argv[] = { "pdfinfo", path, NULL };
  g_autofree char *info = pdx_test_run_tool (argv);
  const char      *line = strstr (info, "\nPages:");

  g_assert_nonnull (line);
  return (guint) atoi (line + strlen ("\nPages:"));
}

/* The text of page @page (1-based), or of the whole document when 0, with the layout kept. */
static char *
pdf_text (const char *path, guint page)
{
  g_autofree char *first = g_strdup_printf ("%u", page);
  const char      *all[] = { "pdftotext", "-layout", "-enc", "UTF-8", path, "-", NULL };
  const char      *one[] = { "pdftotext", "-layout", "-enc", "UTF-8", "-f", first,
                             "-l",        first,     path,   "-",     NULL };
  return pdx_test_run_tool (page ? one : all);
}

static guint
count (const char *haystack, const char *needle)
{
  guint n = 0;
  for (const char *p = strstr (haystack, needle); p; p = strstr (p + 1, needle))
    n++;
  return n;
}

static void
assert_contains (const char *text, const char *needle)
{
  if (strstr (text, needle) == NULL)
    {
      g_test_message ("“%s” not found in the report text", needle);
      g_test_fail ();
    }
}

/* ---- small studies (as in test-export.c) ---------------------------------------------------- */

static char *
iso_for_day (int day)
{
  GDate date;
  char  text[16];

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, G_DATE_MARCH, 2024);
  g_date_add_days (&date, day);
  g_date_strftime (text, sizeof text, "%Y-%m-%d", &date);
  return g_strdup (text);
}

/* The report tests' study: MRI readout, day 0 2024-03-01, mice implanted 2024-02-20. */
static gint64
add_study (PdxDb *db, const char *code)
{
  return pdx_test_add_study (db, code, PDX_READOUT_MRI_VOLUME, "2024-03-01");
}

static gint64
add_mouse (PdxDb *db, gint64 study_id, gint64 arm_id, const char *tag, const char *excluded)
{
  gint64 id = pdx_test_add_mouse (db, study_id, arm_id, tag, "2024-02-20");
  if (excluded)
    pdx_test_exclude_mouse (db, id, excluded);
  return id;
}

static void
add_mri (PdxDb *db, gint64 mouse_id, int day, double volume)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxMeasurement) m = pdx_measurement_new ();

  m->mouse_id = mouse_id;
  m->date = iso_for_day (day);
  m->mri_volume_mm3 = volume;
  m->weight_g = 20;
  g_assert_true (pdx_measurement_insert (db, m, &error));
  g_assert_no_error (error);
}

/* @n_mice mice over two arms (Vehicle and Tucatinib), with MRI volumes on days 0–28 when
 * @measured, a third arm whose mice are all excluded, no endpoints. */
static gint64
build_study (PdxDb *db, const char *code, guint n_mice, gboolean measured)
{
  gint64 study = add_study (db, code);
  gint64 arms[] = { pdx_test_add_arm (db, study, "Vehicle", TRUE),
                    pdx_test_add_arm (db, study, "Tucatinib", FALSE) };
  gint64 excluded_arm = pdx_test_add_arm (db, study, "Alpelisib", FALSE);

  for (guint i = 0; i < n_mice; i++)
    {
      g_autofree char *tag = g_strdup_printf ("M%03u", i + 1);
      gint64           mouse = add_mouse (db, study, arms[i % 2], tag, NULL);
      for (int day = 0; measured && day <= 28; day += 4)
        add_mri (db, mouse, day, 10.0 * (1 + day * (i % 2 ? 0.02 : 0.12)) + i % 7);
    }
  add_mouse (db, study, excluded_arm, "X1", "hydrocephalus before randomisation");
  add_mouse (db, study, excluded_arm, "X2", "implant failed");
  return study;
}

/* ---- tests ---------------------------------------------------------------------------------- */

static void
check_demo_report (PdxDb *db, const PdxStudy *study, const char *path)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *text = pdf_text (path, 0);
  g_autofree char *title = g_strdup_printf ("Study report · %s", study->code);
  g_autofree char *last = NULL;
  g_autoptr (GPtrArray) arms = pdx_arm_list (db, study->id, NULL);
  g_autoptr (PdxLine) line = study->line_id ? pdx_line_get (db, study->line_id, NULL) : NULL;
  guint pages = pdf_pages (path);

  g_assert_cmpuint (pages, >=, 2);
  assert_contains (text, title);
  if (line)
    assert_contains (text, line->code);
  assert_contains (text, "HER2 IHC");
  assert_contains (text, pdx_readout_get_label (study->readout));
  if (study->investigator)
    assert_contains (text, study->investigator);
  if (study->protocol)
    assert_contains (text, study->protocol);
  assert_contains (text, study->day0);
  for (guint a = 0; a < arms->len; a++)
    assert_contains (text, ((PdxArm *) g_ptr_array_index (arms, a))->name);
  for (const char *const *s =
           (const char *const[]){ "Arms and agents", "Cohort summary", "Survival", "Figure 1. ",
                                  "Figure 5. ", "Per-mouse results", "Methods", "Gao et al. 2015",
                                  "Xeva", "Greenwood", "Kaplan", "log-rank", "Efron",
                                  "Growth model", "containment degrees of freedom", NULL };
       *s; s++)
    assert_contains (text, *s);
  /* Issue 17: R's nlme gives day:armAlpelisib + T-DM1 = −0.150514 on this study
   * (tests/fixtures/lmm/demo-icr-017-a-reml.csv), printed with 4 decimals. */
  if (g_str_equal (study->code, "ICR-017-A"))
    {
      assert_contains (text, "Slope per day");
      assert_contains (text, "−0.1505");
    }
  /* Every page has its footer: number, version, generation date. */
  {
    g_autofree char *footer = g_strdup_printf ("pdxtrack " PDX_VERSION " · generated %s", today);
    g_assert_cmpuint (count (text, footer), ==, pages);
  }
  last = g_strdup_printf ("Page %u of %u", pages, pages);
  assert_contains (text, "Page 1 of ");
  assert_contains (text, last);
}

static void
test_demo (void)
{
  g_autoptr (PdxDb) db = pdx_test_new_lab (NULL);
  g_autoptr (GError) error = NULL;
  PdxDemoOptions options = { .seed = 7 };
  g_autoptr (GPtrArray) studies = NULL;

  pdx_demo_generate (db, &options, &error);
  g_assert_no_error (error);
  studies = pdx_study_list (db, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (studies->len, >, 0);
  for (guint i = 0; i < studies->len; i++)
    {
      const PdxStudy  *study = g_ptr_array_index (studies, i);
      g_autofree char *path = pdx_test_tmp_path ("report.pdf");

      g_assert_true (pdx_report_write_pdf (db, study->id, path, NULL, &error));
      g_assert_no_error (error);
      check_demo_report (db, study, path);
    }
}

/* A table longer than a page breaks between rows and repeats its header on every page. */
static void
test_table_breaks (void)
{
  g_autoptr (PdxDb) db = pdx_test_new_lab (NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *path = pdx_test_tmp_path ("long.pdf");
  gint64           study = build_study (db, "LONG", 150, TRUE);
  guint            pages, pages_with_mice = 0;

  g_assert_true (pdx_report_write_pdf (db, study, path, NULL, &error));
  g_assert_no_error (error);
  pages = pdf_pages (path);
  g_assert_cmpuint (pages, >=, 5);
  {
    g_autofree char *all = pdf_text (path, 0);
    char            *table = strstr (all, "Per-mouse results");
    char            *end;

    /* Each mouse row exactly once in the per-mouse table: no row lost or repeated at a break. */
    g_assert_nonnull (table);
    end = strstr (table, "Methods");
    g_assert_nonnull (end);
    *end = '\0';
    for (guint i = 1; i <= 150; i++)
      {
        g_autofree char *tag = g_strdup_printf ("M%03u ", i);
        g_assert_cmpuint (count (table, tag), ==, 1);
      }
  }
  for (guint p = 1, in_table = FALSE; p <= pages; p++)
    {
      g_autofree char *text = pdf_text (path, p);
      in_table = in_table || strstr (text, "Per-mouse results") != NULL;
      if (in_table && (strstr (text, "M0") || strstr (text, "M1")))
        {
          pages_with_mice++;
          assert_contains (text, "Baseline");
          assert_contains (text, "Endpoint");
        }
    }
  g_assert_cmpuint (pages_with_mice, >=, 2);
}

/* Writes the report of @study and returns its text; at least two pages. */
static char *
report_text (PdxDb *db, gint64 study)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = pdx_test_tmp_path ("empty.pdf");
  char            *text;

  g_assert_true (pdx_report_write_pdf (db, study, path, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pdf_pages (path), >=, 2);
  text = pdf_text (path, 0);
  assert_contains (text, "Methods");
  assert_contains (text, "Figure 5. ");
  return text;
}

static void
test_no_measurements (void)
{
  g_autoptr (PdxDb) db = pdx_test_new_lab (NULL);
  g_autofree char *text = report_text (db, build_study (db, "NOMEAS", 4, FALSE));

  assert_contains (text, "no measurement recorded");
  assert_contains (text, "TGI and T/C are not computed");
  /* The arm whose mice are all excluded is listed, with the reasons. */
  assert_contains (text, "Alpelisib");
  assert_contains (text, "hydrocephalus before randomisation");
}

static void
test_no_endpoints (void)
{
  g_autoptr (PdxDb) db = pdx_test_new_lab (NULL);
  g_autofree char *text = report_text (db, build_study (db, "NOEND", 6, TRUE));

  /* Censoring at the last observation is stated on the survival outputs. */
  assert_contains (text, "6 mice have no endpoint yet");
  assert_contains (text, "implant failed");
}

static void
test_no_arms (void)
{
  g_autoptr (PdxDb) db = pdx_test_new_lab (NULL);
  g_autofree char *text = report_text (db, add_study (db, "BARE"));

  assert_contains (text, "The study has no arms yet.");
  assert_contains (text, "The study has no mice yet.");
}

/* Without a control arm nothing is compared, and the report says why instead of failing. */
static void
test_no_control (void)
{
  g_autoptr (PdxDb) db = pdx_test_new_lab (NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *path = pdx_test_tmp_path ("nocontrol.pdf");
  g_autofree char *text = NULL;
  gint64           study = add_study (db, "NOCTL");
  gint64           arms[] = { pdx_test_add_arm (db, study, "Tucatinib", FALSE),
                              pdx_test_add_arm (db, study, "T-DM1", FALSE) };

  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *tag = g_strdup_printf ("N%u", i);
      gint64           mouse = add_mouse (db, study, arms[i % 2], tag, NULL);
      for (int day = 0; day <= 28; day += 7)
        add_mri (db, mouse, day, 10 + day * (i % 2 ? 0.5 : 2));
    }
  g_assert_true (pdx_report_write_pdf (db, study, path, NULL, &error));
  g_assert_no_error (error);
  text = pdf_text (path, 0);
  assert_contains (text, "TGI and T/C are not computed");
  assert_contains (text, "Per-mouse results");
}

static void
test_errors (void)
{
  g_autoptr (PdxDb) db = pdx_test_new_lab (NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = pdx_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "kept.pdf", NULL);
  g_autofree char *missing = g_build_filename (dir, "nowhere", "r.pdf", NULL);
  g_autofree char *contents = NULL;
  gint64           study = build_study (db, "S", 4, TRUE);

  g_assert_true (g_file_set_contents (path, "keep me", -1, NULL));
  g_assert_false (pdx_report_write_pdf (db, study + 100, path, NULL, &error));
  g_assert_error (error, PDX_DB_ERROR, PDX_DB_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "keep me");
  g_assert_false (pdx_report_write_pdf (db, study, missing, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
}

static void
test_cli (void)
{
  g_autofree char *db_path = NULL;
  g_autoptr (PdxDb) db = pdx_test_new_lab (&db_path);
  g_autofree char *path = pdx_test_tmp_path ("cli.pdf");
  g_autofree char *wrong = pdx_test_tmp_path ("cli.png");
  g_autofree char *message = NULL;
  g_autofree char *text = NULL;

  build_study (db, "CLI-1", 6, TRUE);
  g_clear_pointer (&db, pdx_db_close);
  g_assert_cmpint (
      pdx_test_run_cli (db_path, NULL, "report", "--study", "CLI-1", "--out", path, NULL), ==, 0);
  text = pdf_text (path, 0);
  assert_contains (text, "Study report · CLI-1");
  g_assert_cmpint (
      pdx_test_run_cli (db_path, &message, "report", "--study", "CLI-1", "--out", wrong, NULL), !=,
      0);
  g_assert_true (g_str_has_prefix (message, "pdxtrack-cli: "));
  g_assert_false (g_file_test (wrong, G_FILE_TEST_EXISTS));
  g_clear_pointer (&message, g_free);
  g_assert_cmpint (
      pdx_test_run_cli (db_path, &message, "report", "--study", "NOPE", "--out", path, NULL), !=,
      0);
  g_assert_nonnull (strstr (message, "NOPE"));
}

/* The Signatures section (issue 12): each signature with its meaning, who, reason, whether the
 * signer was re-authenticated, and the full audit seal; the lock said. */
static void
test_signatures (void)
{
  g_autoptr (PdxDb) db = pdx_test_new_lab (NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *path = pdx_test_tmp_path ("signed.pdf");
  g_autofree char *text = NULL, *unsigned_text = NULL, *seal = NULL, *seq = NULL;
  PdxAuthResult    auth = { FALSE, (char *) "not re-authenticated: signed with --no-reauth" };
  gint64           study = build_study (db, "SIG", 4, TRUE);

  g_assert_true (pdx_report_write_pdf (db, study, path, NULL, &error));
  unsigned_text = pdf_text (path, 0);
  assert_contains (unsigned_text, "Signatures");
  assert_contains (unsigned_text, "The study has not been signed.");
  assert_contains (unsigned_text, "The study is not locked");
  seq = pdx_test_query_string (db, "SELECT max (id) FROM audit_log");
  seal = pdx_test_query_string (db, "SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1");
  pdx_db_set_operator (db, "Jane Doe");
  g_assert_true (pdx_study_sign (db, study, PDX_SIGNATURE_LOCK, "final data", &auth, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (pdx_report_write_pdf (db, study, path, NULL, &error));
  g_assert_no_error (error);
  text = pdf_text (path, 0);
  assert_contains (text, "Re-authenticated");
  assert_contains (text, "Lock");
  assert_contains (text, "final data");
  assert_contains (text, "Jane Doe");
  assert_contains (text, "Study SIG is locked: signed \"lock\" by ");
  /* The seal in full, the line may wrap: compared without white space. */
  {
    g_autoptr (GRegex) space = g_regex_new ("\\s+", 0, 0, NULL);
    g_autofree char *squeezed = g_regex_replace_literal (space, text, -1, 0, "", 0, NULL);
    g_autofree char *expected = g_strdup_printf ("Signature1:notre-authenticated:signedwith--"
                                                 "no-reauth;auditsealatsigning:%s%s",
                                                 seq, seal);
    assert_contains (squeezed, expected);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/report/demo", test_demo);
  g_test_add_func ("/report/table-breaks", test_table_breaks);
  g_test_add_func ("/report/no-measurements", test_no_measurements);
  g_test_add_func ("/report/no-endpoints", test_no_endpoints);
  g_test_add_func ("/report/no-arms", test_no_arms);
  g_test_add_func ("/report/no-control", test_no_control);
  g_test_add_func ("/report/errors", test_errors);
  g_test_add_func ("/report/cli", test_cli);
  g_test_add_func ("/report/signatures", test_signatures);
  return g_test_run ();
}
