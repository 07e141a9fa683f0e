/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-import-ivis.c — IVIS Living Image ROI exports (issue 15, docs/import-ivis.md): the
 * hand-made exports of tests/fixtures/ivis (UTF-8 and Windows-1252, comma and tab, "cm²" mangled
 * to "cm_" and "cm?", E notation, negative Min Radiance, Image Numbers carrying the time, a
 * ClickInfo beside them), every refusal (FILE:LINE:COLUMN, the lab byte for byte unchanged), and
 * a mutation sweep.
 *
 * Expected values are the fixtures' numbers added by hand (written next to each assertion);
 * SHA-256 and sizes are computed here from the files' bytes with GLib, not by the importer. */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "pdx-test-util.h"
#include "import/pdx-import-ivis.h"

#define STUDY "ICR-IVIS"

typedef struct
{
  PdxDb *db;
  char  *path;
  gint64 study_id;
  gint64 mice[4];
} Fixture;

/* Study ICR-IVIS (BLI readout, day 0 2026-02-03), mice 1–4 implanted 2026-01-20. */
static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->db = pdx_test_new_lab (&f->path);
  f->study_id = pdx_test_add_study (f->db, STUDY, PDX_READOUT_BLI_FLUX, "2026-02-03");
  for (int i = 0; i < 4; i++)
    {
      g_autofree char *tag = g_strdup_printf ("%d", i + 1);
      f->mice[i] = pdx_test_add_mouse (f->db, f->study_id, 0, tag, "2026-01-20");
    }
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  pdx_db_close (f->db);
  g_free (f->path);
}

static char *
fixture_file (const char *relative)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "ivis", relative, NULL);
}

static double query_double (PdxDb *db, const char *format, ...) G_GNUC_PRINTF (2, 3);

static double
query_double (PdxDb *db, const char *format, ...)
{
  va_list          args;
  g_autofree char *sql = NULL, *text = NULL;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  text = pdx_test_query_string (db, sql);
  return text ? g_ascii_strtod (text, NULL) : NAN;
}

static char *query_text (PdxDb *db, const char *format, ...) G_GNUC_PRINTF (2, 3);

static char *
query_text (PdxDb *db, const char *format, ...)
{
  va_list          args;
  g_autofree char *sql = NULL;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  return pdx_test_query_string (db, sql);
}

static PdxImportOptions
options_for (void)
{
  return (PdxImportOptions){ .study = STUDY };
}

static gboolean
import (Fixture                *f,
        const char             *path,
        const PdxImportOptions *options,
        PdxImportReport        *report,
        GError                **error)
{
  return pdx_import_file (f->db, PDX_IMPORT_KIND_IVIS, path, options, report, error);
}

/* The lab is byte for byte as before, and @error's message starts with @where (a suffix of the
 * file's path, then ":LINE:COLUMN:"). */
static void
assert_refused (
    Fixture *f, const char *before, const GError *error, GQuark domain, int code, const char *where)
{
  g_autofree char *after = pdx_test_dump (f->db);

  g_assert_error ((GError *) error, domain, code);
  if (where)
    {
      const char *at = strstr (error->message, where);
      if (at == NULL)
        g_error ("expected '%s' in: %s", where, error->message);
      g_assert_true (at == error->message || at[-1] == '/');
    }
  g_assert_cmpstr (before, ==, after);
}

static char *
sha256_of_file (const char *path, gsize *size)
{
  g_autofree char *bytes = NULL;
  g_assert_true (g_file_get_contents (path, &bytes, size, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) bytes, *size);
}

/* ---- the hand-made exports ------------------------------------------------------------------ */

static void
test_comma_utf8 (Fixture *f, gconstpointer data)
{
  g_autofree char *path = fixture_file ("comma-utf8/roi-measurements.csv");
  PdxImportOptions options = options_for ();
  PdxImportReport  report = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *sha = NULL, *entry = NULL, *fov = NULL, *acquired = NULL, *view = NULL;
  gsize            size = 0;

  options.skip_unmatched = TRUE;
  g_assert_true (import (f, path, &options, &report, &error));
  g_assert_no_error (error);
  /* Six ROIs; BKG (line 4) matches no mouse and is left out: five kept, three mice. */
  g_assert_cmpuint (report.rows, ==, 6);
  g_assert_cmpuint (report.rois->len, ==, 6);
  g_assert_cmpuint (report.n_unmatched, ==, 1);
  g_assert_null (((PdxIvisRoi *) g_ptr_array_index (report.rois, 2))->tag);
  g_assert_cmpuint (report.measurements_created, ==, 3);
  g_assert_cmpint (pdx_test_count (f->db, "imaging_roi"), ==, 5);
  /* Mouse 1: dorsal 1.234E+07 + ventral 2.660E+06 = 1.5E+07; mouse 2: 4.5E+06 + 1.0E+06 =
   * 5.5E+06; mouse 3: ventral only, 7.25E+06. */
  g_assert_cmpfloat (
      query_double (f->db,
                    "SELECT bli_flux FROM measurement WHERE mouse_id = %" G_GINT64_FORMAT
                    " AND date = '2026-02-10'",
                    f->mice[0]),
      ==, 1.5e7);
  g_assert_cmpfloat (
      query_double (f->db,
                    "SELECT bli_flux FROM measurement WHERE mouse_id = %" G_GINT64_FORMAT
                    " AND date = '2026-02-10'",
                    f->mice[1]),
      ==, 5.5e6);
  g_assert_cmpfloat (
      query_double (f->db,
                    "SELECT bli_flux FROM measurement WHERE mouse_id = %" G_GINT64_FORMAT
                    " AND date = '2026-02-10'",
                    f->mice[2]),
      ==, 7.25e6);
  /* Each ROI at full precision: ROI 1 of image _001 (line 2). */
  g_assert_cmpfloat (
      query_double (
          f->db,
          "SELECT total_flux FROM imaging_roi WHERE image_number = 'JD20260210093015_001' AND roi = 'ROI 1'"),
      ==, 1.234e7);
  g_assert_cmpfloat (
      query_double (
          f->db,
          "SELECT avg_radiance FROM imaging_roi WHERE image_number = 'JD20260210093015_001' AND roi = 'ROI 1'"),
      ==, 2.11e5);
  view = query_text (
      f->db,
      "SELECT view FROM imaging_roi WHERE image_number = 'JD20260210094510_002' AND roi = 'ROI 3'");
  g_assert_cmpstr (view, ==, "ventral");
  acquired = query_text (
      f->db,
      "SELECT acquired FROM imaging_roi WHERE image_number = 'JD20260210094510_002' AND roi = 'ROI 3'");
  g_assert_cmpstr (acquired, ==, "2026-02-10T09:45:10");
  /* The Luminescent Image section's settings, not the photograph's (binning 2, 0.2 s, f/8). */
  g_assert_cmpfloat (query_double (f->db, "SELECT binning FROM imaging_session"), ==, 8);
  g_assert_cmpfloat (query_double (f->db, "SELECT exposure_s FROM imaging_session"), ==, 60);
  g_assert_cmpfloat (query_double (f->db, "SELECT f_number FROM imaging_session"), ==, 1);
  fov = query_text (f->db, "SELECT field_of_view FROM imaging_session");
  g_assert_cmpstr (fov, ==, "12.5");
  /* The import's audit entry: the file's name, size, SHA-256 and rows. */
  sha = sha256_of_file (path, &size);
  entry = query_text (
      f->db,
      "SELECT json_extract (new_values, '$.file') || ' ' || json_extract (new_values, '$.size') || ' ' || json_extract (new_values, '$.sha256') || ' ' || json_extract (new_values, '$.file_rows') FROM audit_log WHERE action = 'import' AND table_name = 'import'");
  {
    g_autofree char *expected =
        g_strdup_printf ("roi-measurements.csv %" G_GSIZE_FORMAT " %s 6", size, sha);
    g_assert_cmpstr (entry, ==, expected);
  }
  g_assert_true (pdx_db_check (f->db, NULL, &error));
  g_assert_no_error (error);
  pdx_import_report_clear (&report);
}

static void
test_unmatched_refused (Fixture *f, gconstpointer data)
{
  g_autofree char *path = fixture_file ("comma-utf8/roi-measurements.csv");
  g_autofree char *before = pdx_test_dump (f->db);
  PdxImportOptions options = options_for ();
  PdxImportReport  report = { 0 };
  g_autoptr (GError) error = NULL;

  g_assert_false (import (f, path, &options, &report, &error));
  /* Line 4, column 86: "BKG" after 85 characters of the line. */
  assert_refused (f, before, error, PDX_IMPORT_ERROR, PDX_IMPORT_ERROR_UNMATCHED,
                  "roi-measurements.csv:4:86: ROI Label 'BKG' of ROI 3 matches no mouse");
  /* The preview's ROIs stay in the report. */
  g_assert_nonnull (report.rois);
  g_assert_cmpuint (report.rois->len, ==, 6);
  g_assert_cmpuint (report.n_unmatched, ==, 1);
  g_assert_cmpuint (report.measurements_created, ==, 0);
  pdx_import_report_clear (&report);
}

static void
test_tab_windows_1252 (Fixture *f, gconstpointer data)
{
  g_autofree char *first = fixture_file ("comma-utf8/roi-measurements.csv");
  g_autofree char *path = fixture_file ("tab-1252/roi-measurements.txt");
  PdxImportOptions options = options_for ();
  PdxImportReport  report = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *acquired = NULL;

  options.skip_unmatched = TRUE;
  g_assert_true (import (f, first, &options, NULL, &error));
  g_assert_no_error (error);
  options = options_for ();
  options.map = PDX_IVIS_MAP_ANIMAL_NUMBER;
  g_assert_true (import (f, path, &options, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.measurements_created, ==, 3);
  /* Animal Number 1 on 2026-02-17 (from SK20260217101823_001a): 2.5E+07. */
  g_assert_cmpfloat (
      query_double (f->db,
                    "SELECT bli_flux FROM measurement WHERE mouse_id = %" G_GINT64_FORMAT
                    " AND date = '2026-02-17'",
                    f->mice[0]),
      ==, 2.5e7);
  g_assert_cmpfloat (
      query_double (f->db,
                    "SELECT bli_flux FROM measurement WHERE mouse_id = %" G_GINT64_FORMAT
                    " AND date = '2026-02-17'",
                    f->mice[1]),
      ==, 6.125e6);
  /* The 0xB2 header column was found: its radiance stored. */
  g_assert_cmpfloat (
      query_double (
          f->db,
          "SELECT avg_radiance FROM imaging_roi WHERE image_number = 'SK20260217101823_001a' AND roi = 'ROI 1'"),
      ==, 4.2e5);
  acquired = query_text (
      f->db,
      "SELECT acquired FROM imaging_roi WHERE image_number = 'SK20260217101823_001a' AND roi = 'ROI 1'");
  g_assert_cmpstr (acquired, ==, "2026-02-17T10:18:23");
  /* ClickInfo.txt: binning 4 and 120 s against the first session's 8 and 60 s. */
  g_assert_cmpuint (report.warnings->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (report.warnings, 0),
                            "binning 4 (was 8), exposure 120 s (was 60 s)"));
  g_assert_nonnull (strstr (report.settings, "ClickInfo.txt: binning 4, exposure 120 s, f/1"));
  pdx_import_report_clear (&report);
}

static void
test_mangled_headers (Fixture *f, gconstpointer data)
{
  g_autofree char *underscore = fixture_file ("mangled/cm-underscore.csv");
  g_autofree char *question = fixture_file ("mangled/cm-question.txt");
  g_autofree char *before = pdx_test_dump (f->db);
  PdxImportOptions options = options_for ();
  g_autoptr (GError) error = NULL;

  /* "scan-A_001" carries no time, and there is no Date and Time: the date must be given. */
  g_assert_false (import (f, underscore, &options, NULL, &error));
  assert_refused (f, before, error, PDX_IMPORT_ERROR, PDX_IMPORT_ERROR_VALUE,
                  "cm-underscore.csv:2:1: column 'image number' has 'scan-A_001'");
  g_clear_error (&error);
  options.date = "2026-02-20";
  g_assert_true (import (f, underscore, &options, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (
      query_double (
          f->db,
          "SELECT avg_radiance FROM imaging_roi WHERE roi = 'ROI 2' AND image_number = 'scan-A_001'"),
      ==, 4.0e4);
  options = options_for ();
  g_assert_true (import (f, question, &options, NULL, &error));
  g_assert_no_error (error);
  /* JD20260224110000_004: 2026-02-24; mouse 2 4.0E+06. */
  g_assert_cmpfloat (
      query_double (f->db,
                    "SELECT bli_flux FROM measurement WHERE mouse_id = %" G_GINT64_FORMAT
                    " AND date = '2026-02-24'",
                    f->mice[1]),
      ==, 4.0e6);
  g_assert_cmpfloat (
      query_double (
          f->db,
          "SELECT avg_radiance FROM imaging_roi WHERE roi = 'ROI 1' AND image_number = 'JD20260224110000_004'"),
      ==, 5.0e4);
}

static void
test_saturated (Fixture *f, gconstpointer data)
{
  g_autofree char *path = fixture_file ("counts/roi-counts.csv");
  PdxImportOptions options = options_for ();
  PdxImportReport  report = { 0 };
  g_autoptr (GError) error = NULL;

  g_assert_true (import (f, path, &options, &report, &error));
  g_assert_no_error (error);
  /* 64,211 ≥ 60,000 counts (ROI 1), 5,120 not (ROI 2). Line 2, column 44 (Max Counts). */
  g_assert_true (((PdxIvisRoi *) g_ptr_array_index (report.rois, 0))->saturated);
  g_assert_false (((PdxIvisRoi *) g_ptr_array_index (report.rois, 1))->saturated);
  g_assert_cmpuint (report.warnings->len, ==, 1);
  g_assert_nonnull (
      strstr (g_ptr_array_index (report.warnings, 0),
              "roi-counts.csv:2:44: ROI 1 of image JD20260303090000_001 reached 64,211 counts"));
  pdx_import_report_clear (&report);
}

static void
test_views_separate (Fixture *f, gconstpointer data)
{
  g_autofree char *path = fixture_file ("comma-utf8/roi-measurements.csv");
  g_autofree char *before = pdx_test_dump (f->db);
  PdxImportOptions options = options_for ();
  PdxImportReport  report = { 0 };
  g_autoptr (GError) error = NULL;

  options.skip_unmatched = TRUE;
  options.views = PDX_IVIS_VIEWS_SEPARATE;
  /* Mouse 1 has a dorsal and a ventral ROI: which is the readout must be said. */
  g_assert_false (import (f, path, &options, NULL, &error));
  assert_refused (f, before, error, PDX_IMPORT_ERROR, PDX_IMPORT_ERROR_VALUE,
                  "roi-measurements.csv:2:86: mouse 1 has ROIs of more than one view");
  g_clear_error (&error);
  /* Dorsal as the readout: mouse 3 was imaged ventrally only (line 7; its Min Radiance
   * "1.100E+03" has no minus sign, so the label starts at column 85). */
  options.readout_view = "Dorsal";
  g_assert_false (import (f, path, &options, NULL, &error));
  assert_refused (f, before, error, PDX_IMPORT_ERROR, PDX_IMPORT_ERROR_VALUE,
                  "roi-measurements.csv:7:85: mouse 3 has no ROI of view 'Dorsal'");
  g_clear_error (&error);
  /* Ventral: every mouse has one; mouse 1 = 2.66E+06 alone, its dorsal ROI kept beside it. */
  options.readout_view = "ventral";
  g_assert_true (import (f, path, &options, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (
      query_double (f->db, "SELECT bli_flux FROM measurement WHERE mouse_id = %" G_GINT64_FORMAT,
                    f->mice[0]),
      ==, 2.66e6);
  g_assert_cmpint (pdx_test_count (f->db, "imaging_roi"), ==, 5);
  g_assert_nonnull (strstr (report.views_rule, "'ventral'"));
  pdx_import_report_clear (&report);
}

static void
test_dry_run (Fixture *f, gconstpointer data)
{
  g_autofree char *path = fixture_file ("comma-utf8/roi-measurements.csv");
  g_autofree char *before = pdx_test_dump (f->db);
  g_autofree char *after = NULL;
  PdxImportOptions options = options_for ();
  PdxImportReport  report = { 0 };
  g_autoptr (GError) error = NULL;

  options.skip_unmatched = TRUE;
  options.dry_run = TRUE;
  g_assert_true (import (f, path, &options, &report, &error));
  g_assert_no_error (error);
  after = pdx_test_dump (f->db);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (report.measurements_created, ==, 3);
  /* Line 5: mouse 1's ventral ROI is part of its 1.5E+07. */
  g_assert_cmpfloat (((PdxIvisRoi *) g_ptr_array_index (report.rois, 3))->bli_flux, ==, 1.5e7);
  g_assert_cmpstr (((PdxIvisRoi *) g_ptr_array_index (report.rois, 3))->tag, ==, "1");
  pdx_import_report_clear (&report);
}

static void
test_twice_refused (Fixture *f, gconstpointer data)
{
  g_autofree char *path = fixture_file ("comma-utf8/roi-measurements.csv");
  g_autofree char *before = NULL;
  PdxImportOptions options = options_for ();
  g_autoptr (GError) error = NULL;

  options.skip_unmatched = TRUE;
  g_assert_true (import (f, path, &options, NULL, &error));
  before = pdx_test_dump (f->db);
  g_assert_false (import (f, path, &options, NULL, &error));
  assert_refused (f, before, error, PDX_IMPORT_ERROR, PDX_IMPORT_ERROR_CONFLICT, NULL);
  g_assert_nonnull (strstr (error->message, "was imported into study ICR-IVIS already"));
}

/* A BLI flux typed before: replacing it needs a reason, and the reason is recorded. */
static void
test_reason (Fixture *f, gconstpointer data)
{
  g_autofree char *path = fixture_file ("comma-utf8/roi-measurements.csv");
  g_autofree char *before = NULL, *reason = NULL;
  g_autoptr (PdxMeasurement) m = pdx_measurement_new ();
  PdxImportOptions options = options_for ();
  PdxImportReport  report = { 0 };
  g_autoptr (GError) error = NULL;

  m->mouse_id = f->mice[1];
  m->date = g_strdup ("2026-02-10");
  m->bli_flux = 1.0e6;
  m->weight_g = 21.0;
  g_assert_true (pdx_measurement_insert (f->db, m, &error));
  before = pdx_test_dump (f->db);
  options.skip_unmatched = TRUE;
  g_assert_false (import (f, path, &options, NULL, &error));
  assert_refused (f, before, error, PDX_IMPORT_ERROR, PDX_IMPORT_ERROR_NEEDS_REASON,
                  "roi-measurements.csv:3:36: mouse 2's BLI flux of 2026-02-10 is saved already");
  g_clear_error (&error);
  options.reason = "ROIs redrawn";
  g_assert_true (import (f, path, &options, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.measurements_updated, ==, 1);
  g_assert_cmpuint (report.measurements_created, ==, 2);
  /* 5.5E+06 replaces 1.0E+06; the weight typed stays. */
  g_assert_cmpfloat (
      query_double (f->db, "SELECT bli_flux FROM measurement WHERE id = %" G_GINT64_FORMAT, m->id),
      ==, 5.5e6);
  g_assert_cmpfloat (
      query_double (f->db, "SELECT weight_g FROM measurement WHERE id = %" G_GINT64_FORMAT, m->id),
      ==, 21.0);
  reason = query_text (
      f->db,
      "SELECT reason FROM audit_log WHERE table_name = 'measurement' AND action = 'update' AND row_id = %" G_GINT64_FORMAT,
      m->id);
  g_assert_cmpstr (reason, ==, "import roi-measurements.csv: ROIs redrawn");
  pdx_import_report_clear (&report);
}

static void
test_locked (Fixture *f, gconstpointer data)
{
  g_autofree char *path = fixture_file ("counts/roi-counts.csv");
  g_autofree char *before = NULL;
  PdxAuthResult    auth = { TRUE, g_strdup ("PAM service pdxtrack, configuration in /test") };
  PdxImportOptions options = options_for ();
  g_autoptr (GError) error = NULL;
  gint64 id = 0;

  g_assert_true (
      pdx_study_sign (f->db, f->study_id, PDX_SIGNATURE_LOCK, "final", &auth, &id, &error));
  g_assert_no_error (error);
  pdx_auth_result_clear (&auth);
  before = pdx_test_dump (f->db);
  g_assert_false (import (f, path, &options, NULL, &error));
  assert_refused (f, before, error, PDX_DB_ERROR, PDX_DB_ERROR_LOCKED, "roi-counts.csv: ");
  g_assert_nonnull (strstr (error->message, "is locked"));
}

/* ---- refusals -------------------------------------------------------------------------------- */

#define HEADER                                                                                     \
  "Image Number,ROI,Total Flux [p/s],Avg Radiance [p/s/cm²/sr],ROI Label,Date and Time\n"

typedef struct
{
  const char *name;
  const char *text;
  const char *where; /* the message's start after the file's name */
  int         code;
} BadCase;

static const BadCase bad_cases[] = {
  { "negative flux", HEADER "JD20260210093015_001,ROI 1,-1.0E+05,1e3,1,\n",
    ":2:28: column 'total flux' has '-1.0E+05'; expected a number of zero or more",
    PDX_IMPORT_ERROR_VALUE },
  { "words for flux", HEADER "JD20260210093015_001,ROI 1,lots,1e3,1,\n",
    ":2:28: column 'total flux' has 'lots'", PDX_IMPORT_ERROR_VALUE },
  { "hex flux", HEADER "JD20260210093015_001,ROI 1,0x15,1e3,1,\n",
    ":2:28: column 'total flux' has '0x15'", PDX_IMPORT_ERROR_VALUE },
  { "empty flux", HEADER "JD20260210093015_001,ROI 1,,1e3,1,\n",
    ":2:28: column 'total flux' has ''; expected the ROI's total flux", PDX_IMPORT_ERROR_VALUE },
  { "impossible flux", HEADER "JD20260210093015_001,ROI 1,3e16,1e3,1,\n",
    ":2:28: mouse 1's BLI flux on 2026-02-10:", PDX_IMPORT_ERROR_VALUE },
  { "no total flux", "Image Number,ROI,Avg Radiance,ROI Label\nA,ROI 1,1,1\n",
    ":1:1: the header has no 'total flux' column", PDX_IMPORT_ERROR_HEADER },
  { "no roi label",
    "Image Number,ROI,Total Flux [p/s],Animal Number\nJD20260210093015_001,ROI 1,1,1\n",
    ":1:1: the export has no 'ROI Label' column", PDX_IMPORT_ERROR_HEADER },
  { "twice the same ROI",
    HEADER "JD20260210093015_001,ROI 1,1e6,1e3,1,\nJD20260210093015_001,ROI 1,2e6,1e3,2,\n",
    ":3:22: column 'roi' has 'ROI 1'; this ROI of image JD20260210093015_001 is already on line 2",
    PDX_IMPORT_ERROR_CONFLICT },
  { "ambiguous slashed date", HEADER "scan_1,ROI 1,1e6,1e3,1,3/5/2026 10:00:00\n",
    ":2:24: column 'date and time' has '3/5/2026 10:00:00'; the month and day can be read either way",
    PDX_IMPORT_ERROR_VALUE },
  { "date and image disagree", HEADER "JD20260210093015_001,ROI 1,1e6,1e3,1,2026-02-11 09:30:15\n",
    ":2:38: column 'date and time' has '2026-02-11 09:30:15'; the Image Number says the image was taken on 2026-02-10",
    PDX_IMPORT_ERROR_VALUE },
  { "not a time", HEADER "JD20260210093015_001,ROI 1,1e6,1e3,1,yesterday\n",
    ":2:38: column 'date and time' has 'yesterday'", PDX_IMPORT_ERROR_VALUE },
  { "after today", HEADER "JD21000210093015_001,ROI 1,1e6,1e3,1,\n",
    ":2:1: 2100-02-10 is after today", PDX_IMPORT_ERROR_VALUE },
  { "before implant", HEADER "JD20260110093015_001,ROI 1,1e6,1e3,1,\n",
    ":2:1: mouse 1 was imaged on 2026-01-10, before its implant date 2026-01-20",
    PDX_IMPORT_ERROR_VALUE },
  { "header only", HEADER, ":1:1: the export has a header but no ROIs", PDX_IMPORT_ERROR_FORMAT },
  { "empty", "", ":1:1: the file is empty", PDX_IMPORT_ERROR_FORMAT },
  { "wrong field count", HEADER "JD20260210093015_001,ROI 1,1e6\n", ":2:1: the row has 3 fields",
    PDX_IMPORT_ERROR_FORMAT },
  { "no mouse at all", HEADER "JD20260210093015_001,ROI 1,1e6,1e3,BKG,\n",
    ":2:36: ROI Label 'BKG' of ROI 1 matches no mouse", PDX_IMPORT_ERROR_UNMATCHED },
};

static void
test_bad_rows (Fixture *f, gconstpointer data)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      const BadCase   *c = &bad_cases[i];
      g_autofree char *path = pdx_test_write_file ("bad.csv", c->text, -1);
      g_autofree char *before = pdx_test_dump (f->db);
      g_autofree char *where = g_strconcat ("bad.csv", c->where, NULL);
      PdxImportOptions options = options_for ();
      g_autoptr (GError) error = NULL;

      g_test_message ("case: %s", c->name);
      g_assert_false (import (f, path, &options, NULL, &error));
      assert_refused (f, before, error, PDX_IMPORT_ERROR, c->code, where);
    }
}

/* Bytes that are text in neither encoding, a NUL, an unknown study, a malformed ClickInfo. */
static void
test_bad_files (Fixture *f, gconstpointer data)
{
  static const char undefined[] = HEADER "JD20260210093015_001,ROI \x81,1e6,1e3,1,\n";
  static const char nul[] = HEADER "JD20260210093015_001,ROI \0,1e6,1e3,1,\n";
  g_autofree char  *before = pdx_test_dump (f->db);
  g_autofree char  *a = pdx_test_write_file ("undefined.csv", undefined, sizeof undefined - 1);
  g_autofree char  *b = pdx_test_write_file ("nul.csv", nul, sizeof nul - 1);
  g_autofree char  *c =
      pdx_test_write_file ("good.csv", HEADER "JD20260210093015_001,ROI 1,1e6,1e3,1,\n", -1);
  g_autofree char *dir = g_path_get_dirname (c);
  g_autofree char *click = g_build_filename (dir, "ClickInfo.txt", NULL);
  PdxImportOptions options = options_for ();
  g_autoptr (GError) error = NULL;

  g_assert_false (import (f, a, &options, NULL, &error));
  assert_refused (f, before, error, PDX_IMPORT_ERROR, PDX_IMPORT_ERROR_FORMAT,
                  "undefined.csv:2:26: bytes that are neither UTF-8 nor Windows-1252");
  g_clear_error (&error);
  g_assert_false (import (f, b, &options, NULL, &error));
  assert_refused (f, before, error, PDX_IMPORT_ERROR, PDX_IMPORT_ERROR_FORMAT,
                  "nul.csv:2:26: a NUL byte");
  g_clear_error (&error);
  options.study = "NOPE";
  g_assert_false (import (f, c, &options, NULL, &error));
  assert_refused (f, before, error, PDX_IMPORT_ERROR, PDX_IMPORT_ERROR_REFERENCE,
                  "good.csv: there is no study NOPE in this lab");
  g_clear_error (&error);
  options = options_for ();
  g_assert_true (g_file_set_contents (
      click, "*** Luminescent Image\nExposure Time (s):\t60\nBinning Factor:\teight\n", -1, NULL));
  g_assert_false (import (f, c, &options, NULL, &error));
  assert_refused (
      f, before, error, PDX_IMPORT_ERROR, PDX_IMPORT_ERROR_VALUE,
      "ClickInfo.txt:3:17: 'Binning Factor' has 'eight'; expected a whole number from 1 to 16");
}

/* A BLI flux above 10¹³ photons/s is unusual: refused, listed, then stored when confirmed. */
static void
test_unusual (Fixture *f, gconstpointer data)
{
  g_autofree char *path = pdx_test_write_file (
      "big.csv",
      HEADER "JD20260210093015_001,ROI 1,3e13,1e3,1,\nJD20260210093015_001,ROI 2,3e13,1e3,1,\n",
      -1);
  g_autofree char *before = pdx_test_dump (f->db);
  PdxImportOptions options = options_for ();
  PdxImportReport  report = { 0 };
  g_autoptr (GError) error = NULL;

  g_assert_false (import (f, path, &options, &report, &error));
  assert_refused (f, before, error, PDX_IMPORT_ERROR, PDX_IMPORT_ERROR_UNUSUAL,
                  "big.csv:2:28: 1 value is outside the usual range");
  g_assert_cmpuint (report.n_unusual, ==, 1);
  pdx_import_report_clear (&report);
  g_clear_error (&error);
  options.accept_unusual = TRUE;
  g_assert_true (import (f, path, &options, &report, &error));
  g_assert_no_error (error);
  /* 3e13 + 3e13. */
  g_assert_cmpfloat (query_double (f->db, "SELECT bli_flux FROM measurement"), ==, 6e13);
  pdx_import_report_clear (&report);
}

/* ---- times ----------------------------------------------------------------------------------- */

static void
test_times (void)
{
  static const struct
  {
    const char *text, *hint, *expected;
    gboolean    ambiguous;
  } cases[] = {
    { "2026-03-05 10:32:15", NULL, "2026-03-05T10:32:15" },
    { "2026-03-05T10:32", NULL, "2026-03-05T10:32:00" },
    { "Thursday, March 05, 2026 10:32:15", NULL, "2026-03-05T10:32:15" },
    { "March 5, 2026 1:02:03 PM", NULL, "2026-03-05T13:02:03" },
    { "3/25/2026 12:05:00 AM", NULL, "2026-03-25T00:05:00" },
    { "25/3/2026 10:00:00", NULL, "2026-03-25T10:00:00" },
    { "3/3/2026 10:00:00", NULL, "2026-03-03T10:00:00" },
    { "3/5/2026 10:00:00", NULL, NULL, TRUE },
    { "3/5/2026 10:00:00", "2026-05-03T10:00:00", "2026-05-03T10:00:00" },
    { "3/5/2026 10:00:00", "2026-03-05T10:00:00", "2026-03-05T10:00:00" },
    { "2026-02-30 10:00:00", NULL, NULL },
    { "2026-03-05 25:00:00", NULL, NULL },
    { "2026-03-05 13:00 PM", NULL, NULL },
    { "2026-03-05", NULL, NULL },
    { "", NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gboolean         ambiguous = FALSE;
      g_autofree char *got = pdx_ivis_parse_date_time (cases[i].text, cases[i].hint, &ambiguous);
      g_test_message ("'%s'", cases[i].text);
      g_assert_cmpstr (got, ==, cases[i].expected);
      g_assert_cmpint (ambiguous, ==, cases[i].ambiguous);
    }
  {
    g_autofree char *a = pdx_ivis_image_number_time ("JD20260305103215_001a");
    g_autofree char *b = pdx_ivis_image_number_time ("SK20170605101823_12");
    g_autofree char *c = pdx_ivis_image_number_time ("JD20261305103215_001");
    g_autofree char *d = pdx_ivis_image_number_time ("20260305103215_001");
    g_autofree char *e = pdx_ivis_image_number_time ("JD20260305103215_001a-copy");
    g_assert_cmpstr (a, ==, "2026-03-05T10:32:15");
    g_assert_cmpstr (b, ==, "2017-06-05T10:18:23");
    g_assert_null (c);
    g_assert_null (d);
    g_assert_null (e);
  }
}

/* ---- a mutation sweep ------------------------------------------------------------------------ */

#define SWEEP_ROUNDS 150

/* Each mutated export: imported and the lab checks, or refused with one "FILE:LINE:COLUMN: " /
 * "FILE: " line and the lab byte for byte as before. */
static void
test_sweep (void)
{
  g_autofree char *seed_path = fixture_file ("comma-utf8/roi-measurements.csv");
  g_autofree char *seed = NULL;
  gsize            seed_len = 0;
  g_autoptr (GRand) rand = g_rand_new_with_seed (15);
  static const char interesting[] = { '"', ',', '\t', '\n', '\r', '\0', '\xb2', '\x81', '\xc3',
                                      '-', '.', 'e',  'E',  '0',  '9',  ' ',    '/' };
  g_autoptr (GRegex) shape =
      g_regex_new ("^[^\\n]*sweep\\.csv(:[0-9]+:[0-9]+)?: [^\\n]+$", 0, 0, NULL);
  guint imported = 0;

  g_assert_true (g_file_get_contents (seed_path, &seed, &seed_len, NULL));
  for (guint round = 0; round < SWEEP_ROUNDS; round++)
    {
      Fixture f = { 0 };
      g_autoptr (GByteArray) bytes = g_byte_array_new ();
      g_autofree char *path = NULL, *before = NULL, *after = NULL;
      PdxImportOptions options = options_for ();
      g_autoptr (GError) error = NULL;
      guint n = g_rand_int_range (rand, 1, 5);

      g_byte_array_append (bytes, (const guint8 *) seed, (guint) seed_len);
      for (guint i = 0; i < n && bytes->len > 0; i++)
        {
          guint  at = g_rand_int_range (rand, 0, bytes->len);
          guint8 c = (guint8) interesting[g_rand_int_range (rand, 0, sizeof interesting)];
          switch (g_rand_int_range (rand, 0, 3))
            {
            case 0:
              g_byte_array_remove_index (bytes, at);
              break;
            case 1:
              g_array_insert_vals ((GArray *) bytes, at, &c, 1);
              break;
            default:
              bytes->data[at] = c;
            }
        }
      fixture_set_up (&f, NULL);
      path = pdx_test_write_file ("sweep.csv", (const char *) bytes->data, bytes->len);
      before = pdx_test_dump (f.db);
      options.skip_unmatched = g_rand_boolean (rand);
      if (pdx_import_file (f.db, PDX_IMPORT_KIND_IVIS, path, &options, NULL, &error))
        {
          imported++;
          g_assert_true (pdx_db_check (f.db, NULL, NULL));
        }
      else
        {
          after = pdx_test_dump (f.db);
          if (!g_regex_match (shape, error->message, 0, NULL))
            g_error ("round %u: not one FILE:LINE:COLUMN line: %s", round, error->message);
          g_assert_cmpstr (before, ==, after);
        }
      fixture_tear_down (&f, NULL);
    }
  g_test_message ("%u of %u mutated exports imported", imported, SWEEP_ROUNDS);
  /* Both outcomes were met (a sweep that only refuses or only imports tests one path). */
  g_assert_cmpuint (imported, >, 0);
  g_assert_cmpuint (imported, <, SWEEP_ROUNDS);
}

/* ---- the real binary ------------------------------------------------------------------------ */

static PdxTestRun *
run_cli (const char *lab, const char *const *args)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (gpointer) g_getenv ("PDXTRACK_CLI"));
  g_ptr_array_add (argv, (gpointer) "--db");
  g_ptr_array_add (argv, (gpointer) lab);
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  return pdx_test_run_argv ((const char *const *) argv->pdata, NULL);
}

/* pdxtrack-cli import ivis: the preview, the refusal of unmatched ROIs (exit 1, one line), the
 * import, then check and audit verify clean. */
static void
test_cli (Fixture *f, gconstpointer data)
{
  g_autofree char *path = fixture_file ("comma-utf8/roi-measurements.csv");
  g_autofree char *lab = g_strdup (f->path);
  g_autofree char *before = pdx_test_dump (f->db);
  const char      *preview[] = { "import", "ivis", path, "--study", STUDY, "--dry-run", NULL };
  const char      *plain[] = { "import", "ivis", path, "--study", STUDY, NULL };
  const char      *skip[] = { "import", "ivis", path, "--study", STUDY, "--skip-unmatched", NULL };
  const char      *bad_map[] = { "import", "ivis", path, "--study", STUDY, "--map", "tag", NULL };
  const char      *check[] = { "check", NULL };
  const char      *verify[] = { "audit", "verify", NULL };
  g_autoptr (PdxTestRun) run = NULL;

  pdx_db_close (f->db);
  f->db = NULL;
  run = run_cli (lab, preview);
  /* Refused (BKG matches no mouse), yet the preview is printed: line 4's ROI has no mouse, and
   * line 5's ventral ROI is part of mouse 1's 1.5E+07. */
  g_assert_cmpint (run->status, ==, 1);
  g_assert_nonnull (strstr (run->out, "(no mouse)"));
  g_assert_nonnull (strstr (
      run->out,
      "JD20260210094510_002  ROI 1  1      1           ventral  2026-02-10  2660000     47000         15000000"));
  g_assert_nonnull (strstr (run->out, "BLI flux = the sum of each mouse's ROIs of the day"));
  g_assert_nonnull (strstr (run->err, "roi-measurements.csv:4:86: ROI Label 'BKG'"));
  /* One line: its only line break is the last character. */
  g_assert_true (strchr (run->err, '\n') == run->err + strlen (run->err) - 1);
  g_clear_pointer (&run, pdx_test_run_free);
  run = run_cli (lab, plain);
  g_assert_cmpint (run->status, ==, 1);
  g_assert_nonnull (strstr (run->err, "--skip-unmatched"));
  g_clear_pointer (&run, pdx_test_run_free);
  run = run_cli (lab, bad_map);
  g_assert_cmpint (run->status, ==, 1);
  g_assert_nonnull (strstr (run->err, "--map has 'tag'"));
  g_clear_pointer (&run, pdx_test_run_free);
  f->db = pdx_db_open (lab, PDX_DB_OPEN_EXISTING, NULL);
  {
    g_autofree char *after = pdx_test_dump (f->db);
    g_assert_cmpstr (before, ==, after);
  }
  pdx_db_close (f->db);
  f->db = NULL;
  run = run_cli (lab, skip);
  g_assert_cmpint (run->status, ==, 0);
  g_assert_nonnull (strstr (run->out, "6 ROIs, 3 new measurements, 0 updated"));
  g_assert_nonnull (strstr (
      run->out,
      "Acquisition settings: AnalyzedClickInfo.txt: binning 8, exposure 60 s, f/1, field of view 12.5"));
  g_clear_pointer (&run, pdx_test_run_free);
  run = run_cli (lab, check);
  g_assert_cmpint (run->status, ==, 0);
  g_clear_pointer (&run, pdx_test_run_free);
  run = run_cli (lab, verify);
  g_assert_cmpint (run->status, ==, 0);
  f->db = pdx_db_open (lab, PDX_DB_OPEN_EXISTING, NULL);
  g_assert_cmpint (pdx_test_count (f->db, "imaging_roi"), ==, 5);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func)                                                                            \
  g_test_add ("/import/ivis/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("comma-utf8", test_comma_utf8);
  ADD ("unmatched-refused", test_unmatched_refused);
  ADD ("tab-windows-1252", test_tab_windows_1252);
  ADD ("mangled-headers", test_mangled_headers);
  ADD ("saturated", test_saturated);
  ADD ("views-separate", test_views_separate);
  ADD ("dry-run", test_dry_run);
  ADD ("twice-refused", test_twice_refused);
  ADD ("reason", test_reason);
  ADD ("locked", test_locked);
  ADD ("bad-rows", test_bad_rows);
  ADD ("bad-files", test_bad_files);
  ADD ("unusual", test_unusual);
  ADD ("cli", test_cli);
#undef ADD
  g_test_add_func ("/import/ivis/times", test_times);
  g_test_add_func ("/import/ivis/sweep", test_sweep);
  return g_test_run ();
}
