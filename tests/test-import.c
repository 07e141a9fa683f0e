/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-import.c — the importers of SPEC §7: mice, measurements and Gao 2015's PDXE sheet, on good
 * files and on bad ones (every refusal leaves the lab byte-identical and names FILE:LINE:COLUMN
 * and the offending value).
 *
 * Expected values come from SPEC §3/§7, from ../shared/data/pdxe/README.md (43 models, 849
 * curves, 12,717 measurements; Gao H. et al. 2015, Nature Medicine 21:1318,
 * doi:10.1038/nm.3954) and from the sheet itself (counted independently: 39 models have an
 * `untreated` curve, 12 body weights are missing or negative), never from the code under test. */
#include <gio/gio.h>
#include <math.h>
#include <string.h>

#include "pdx-test-util.h"
#include "store/pdx-store-sqlite.h"
#include "model/pdx-model-private.h"

typedef gboolean (*ImportFunc) (PdxDb            *db,
                                const char       *path,
                                PdxImportReport  *report,
                                PdxImportProgress progress,
                                gpointer          user_data,
                                GError          **error);

#define PDXE_HEADER                                                                                \
  "Model,Tumor Type,Treatment,Volume (mm3),body weight (g),Days Post T0,"                          \
  "% TVol Difference,% BW Difference\n"

/* ---- helpers ------------------------------------------------------------------------------- */

static char *query (PdxDb *db, const char *format, ...) G_GNUC_PRINTF (2, 3);

static char *
query (PdxDb *db, const char *format, ...)
{
  va_list          args;
  g_autofree char *sql = NULL;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  return pdx_test_query_string (db, sql);
}

static gint64
query_int (PdxDb *db, const char *sql)
{
  g_autofree char *text = pdx_test_query_string (db, sql);
  g_assert_nonnull (text);
  return g_ascii_strtoll (text, NULL, 10);
}

static double
query_double (PdxDb *db, const char *sql)
{
  g_autofree char *text = pdx_test_query_string (db, sql);
  return text ? g_ascii_strtod (text, NULL) : NAN;
}

static void
assert_report_empty (const PdxImportReport *r)
{
  g_assert_cmpuint (r->lines_created, ==, 0);
  g_assert_cmpuint (r->studies_created, ==, 0);
  g_assert_cmpuint (r->arms_created, ==, 0);
  g_assert_cmpuint (r->mice_created, ==, 0);
  g_assert_cmpuint (r->mice_updated, ==, 0);
  g_assert_cmpuint (r->measurements_created, ==, 0);
  g_assert_cmpuint (r->measurements_updated, ==, 0);
  g_assert_cmpuint (r->endpoints_created, ==, 0);
  g_assert_true (r->created == NULL || r->created->len == 0);
}

/* Imports @contents (as a file named @name) into @db, which must refuse it with @code at
 * LINE:COLUMN (column 0: any column) naming @value (NULL: not checked) and, when @also is not
 * NULL, that text too. The lab must be byte-identical afterwards. */
static void
expect_refused (PdxDb         *db,
                ImportFunc     import,
                const char    *name,
                const char    *contents,
                gssize         len,
                PdxImportError code,
                guint          line,
                guint          column,
                const char    *value,
                const char    *also)
{
  g_autofree char *path = pdx_test_write_file (name, contents, len);
  g_autofree char *before = pdx_test_dump (db);
  g_autofree char *after = NULL;
  g_autofree char *prefix = NULL;
  g_autoptr (GError) error = NULL;
  PdxImportReport report = { 0 };
  gboolean        ok;

  ok = import (db, path, &report, NULL, NULL, &error);
  g_assert_false (ok);
  g_assert_nonnull (error);
  if (ok || error == NULL)
    {
      /* Assertions are non-fatal (main): the test is marked failed; go no further. */
      pdx_import_report_clear (&report);
      return;
    }
  g_test_message ("refused as expected: %s", error->message);
  g_assert_error (error, PDX_IMPORT_ERROR, (int) code);
  prefix = column ? g_strdup_printf ("%s:%u:%u: ", path, line, column)
                  : g_strdup_printf ("%s:%u:", path, line);
  {
    g_autofree char *head = g_strndup (error->message, strlen (prefix));
    g_assert_cmpstr (head, ==, prefix);
  }
  if (value)
    {
      g_autofree char *quoted = g_strdup_printf ("'%s'", value);
      if (strstr (error->message, quoted) == NULL)
        {
          g_test_message ("'%s' does not name the value %s", error->message, quoted);
          g_test_fail ();
        }
    }
  if (also && strstr (error->message, also) == NULL)
    {
      g_test_message ("'%s' does not say '%s'", error->message, also);
      g_test_fail ();
    }
  g_assert_null (strchr (error->message, '\n'));
  assert_report_empty (&report);
  after = pdx_test_dump (db);
  g_assert_cmpstr (after, ==, before);
  pdx_import_report_clear (&report);
}

static void
import_ok (
    PdxDb *db, ImportFunc import, const char *name, const char *contents, PdxImportReport *report)
{
  g_autofree char *path = pdx_test_write_file (name, contents, -1);
  g_autoptr (GError) error = NULL;

  if (!import (db, path, report, NULL, NULL, &error))
    {
      g_test_message ("import of %s failed: %s", name, error ? error->message : "(no error)");
      g_test_fail ();
    }
}

/* The lab the measurement tests import into:
 *  S1 (BLI, day 0 2024-03-15): vehicle (control) M1, T-DM1 M2, vehicle M3 (implant 2024-03-01
 *  for all; M3 reached a humane endpoint on 2024-04-10);
 *  S2 (caliper, day 0 2024-06-01): vehicle A1 (implant 2024-05-20). */
static PdxDb *
measurement_lab (void)
{
  PdxDb *db = pdx_test_new_lab (NULL);
  gint64 s1 = pdx_test_add_study (db, "S1", PDX_READOUT_BLI_FLUX, "2024-03-15");
  gint64 s2 = pdx_test_add_study (db, "S2", PDX_READOUT_CALIPER_VOLUME, "2024-06-01");
  gint64 vehicle = pdx_test_add_arm (db, s1, "vehicle", TRUE);
  gint64 tdm1 = pdx_test_add_arm (db, s1, "T-DM1", FALSE);
  gint64 s2_vehicle = pdx_test_add_arm (db, s2, "vehicle", TRUE);
  gint64 m3;

  pdx_test_add_mouse (db, s1, vehicle, "M1", "2024-03-01");
  pdx_test_add_mouse (db, s1, tdm1, "M2", "2024-03-01");
  m3 = pdx_test_add_mouse (db, s1, vehicle, "M3", "2024-03-01");
  pdx_test_add_endpoint (db, m3, "2024-04-10", PDX_ENDPOINT_HUMANE_NEURO);
  pdx_test_add_mouse (db, s2, s2_vehicle, "A1", "2024-05-20");
  return db;
}

/* ---- mice ---------------------------------------------------------------------------------- */

static const char good_mice[] =
    "Study,Arm,Mouse,Line,Cage,Sex,Strain,Birth_Date,Implant_Date,End_Date,End_Reason,Event,Day0,Readout\n"
    "S1,vehicle,M1,BCBM-017,C1,F,NSG,2023-12-01,2024-03-01,2024-04-10,humane endpoint: neurological signs,1,2024-03-15,bli_flux\n"
    "S1,vehicle,M2,BCBM-017,C1,F,NSG,2023-12-01,2024-03-01,2024-05-01,end of study,0,2024-03-15,bli_flux\n"
    "S1,T-DM1,M3,BCBM-017,C2,F,NSG,2023-12-01,2024-03-02,,,,2024-03-15,bli_flux\n"
    "S1,,M4,BCBM-017,C2,F,NSG,,2024-03-02,,,,2024-03-15,bli_flux\n"
    "S2,Control,A1,,,M,nude,,2024-06-10,,,,,caliper_volume\n"
    "S2,alpelisib + T-DM1,A2,,,M,nude,,2024-06-08,,,,,caliper_volume\n";

static void
test_mice_good (void)
{
  g_autoptr (PdxDb) db = pdx_test_new_lab (NULL);
  PdxImportReport report = { 0 };
  g_autoptr (PdxStudy) s1 = NULL;
  g_autoptr (PdxStudy) s2 = NULL;
  g_autoptr (PdxLine) line = NULL;
  g_autofree char *m4_arm = NULL;

  import_ok (db, pdx_import_mice, "mice.csv", good_mice, &report);
  g_assert_cmpuint (report.rows, ==, 6);
  g_assert_cmpuint (report.studies_created, ==, 2);
  g_assert_cmpuint (report.lines_created, ==, 1);
  g_assert_cmpuint (report.arms_created, ==, 4);
  g_assert_cmpuint (report.mice_created, ==, 6);
  g_assert_cmpuint (report.endpoints_created, ==, 2);
  /* SPEC §7: "the import reports what it created". */
  g_assert_nonnull (report.created);
  g_assert_cmpuint (report.created->len, >=, 2 + 4);

  g_assert_cmpint (pdx_test_count (db, "study"), ==, 2);
  g_assert_cmpint (pdx_test_count (db, "line"), ==, 1);
  g_assert_cmpint (pdx_test_count (db, "arm"), ==, 4);
  g_assert_cmpint (pdx_test_count (db, "mouse"), ==, 6);
  g_assert_cmpint (pdx_test_count (db, "endpoint"), ==, 2);

  s1 = pdx_study_find (db, "S1", NULL);
  s2 = pdx_study_find (db, "S2", NULL);
  line = pdx_line_find (db, "BCBM-017", NULL);
  g_assert_nonnull (s1);
  g_assert_nonnull (s2);
  g_assert_nonnull (line);
  g_assert_cmpint (s1->line_id, ==, line->id);
  g_assert_cmpint (s2->line_id, ==, 0);
  g_assert_cmpstr (s1->day0, ==, "2024-03-15");
  g_assert_cmpint (s1->readout, ==, PDX_READOUT_BLI_FLUX);
  g_assert_cmpint (s2->readout, ==, PDX_READOUT_CALIPER_VOLUME);
  /* No day0 in the file: the study starts at its earliest implant (pdx-import.c contract). */
  g_assert_cmpstr (s2->day0, ==, "2024-06-08");

  /* Arms: vehicle and Control are controls by name (SPEC §7), the others are not. */
  {
    static const struct
    {
      const char *study, *arm;
      const char *control;
    } arms[] = {
      { "S1", "vehicle", "1" },
      { "S1", "T-DM1", "0" },
      { "S2", "Control", "1" },
      { "S2", "alpelisib + T-DM1", "0" },
    };
    for (guint i = 0; i < G_N_ELEMENTS (arms); i++)
      {
        g_autofree char *control =
            query (db,
                   "SELECT a.is_control FROM arm a JOIN study s ON s.id = a.study_id"
                   " WHERE s.code = '%s' AND a.name = '%s'",
                   arms[i].study, arms[i].arm);
        g_assert_cmpstr (control, ==, arms[i].control);
      }
  }

  /* Mice: fields as given; M4 is not randomised (empty arm). */
  {
    g_autoptr (PdxMouse) m1 = pdx_mouse_find (db, s1->id, "M1", NULL);
    g_assert_nonnull (m1);
    g_assert_cmpstr (m1->cage, ==, "C1");
    g_assert_cmpstr (m1->sex, ==, "F");
    g_assert_cmpstr (m1->strain, ==, "NSG");
    g_assert_cmpstr (m1->birth_date, ==, "2023-12-01");
    g_assert_cmpstr (m1->implant_date, ==, "2024-03-01");
    g_assert_false (m1->excluded);
  }
  m4_arm = pdx_test_query_string (db, "SELECT arm_id FROM mouse WHERE tag = 'M4'");
  g_assert_null (m4_arm);

  /* Endpoints: M1 a humane endpoint (event), M2 end of study (censored). */
  {
    g_autofree char *m1 = pdx_test_query_string (
        db, "SELECT e.date || '|' || e.kind || '|' || e.is_event FROM endpoint e"
            " JOIN mouse m ON m.id = e.mouse_id WHERE m.tag = 'M1'");
    g_autofree char *m2 = pdx_test_query_string (
        db, "SELECT e.date || '|' || e.kind || '|' || e.is_event FROM endpoint e"
            " JOIN mouse m ON m.id = e.mouse_id WHERE m.tag = 'M2'");
    g_assert_cmpstr (m1, ==, "2024-04-10|humane_neuro|1");
    g_assert_cmpstr (m2, ==, "2024-05-01|end_of_study|0");
  }

  /* Every change is audited with the operator and the import as the reason. */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM audit_log WHERE table_name = 'mouse'"
                                  " AND action = 'insert' AND operator_name = 'tester'"
                                  " AND reason LIKE '%mice.csv%'"),
                   ==, 6);
  pdx_import_report_clear (&report);
}

/* Header names are case-insensitive, "tag" is accepted for "mouse", columns in any order. */
static void
test_mice_header_variants (void)
{
  static const char *const files[] = {
    "STUDY,ARM,MOUSE\nS1,vehicle,M1\n",
    "mouse,study,arm\nM1,S1,vehicle\n",
    "Tag,Study,Arm\nM1,S1,vehicle\n",
    " study , arm , mouse \nS1,vehicle,M1\n",
    "\xEF\xBB\xBFstudy,arm,mouse\r\nS1,vehicle,M1\r\n",
  };
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr (PdxDb) db = pdx_test_new_lab (NULL);
      PdxImportReport  report = { 0 };
      g_autofree char *arm = NULL;

      g_test_message ("file %u", i);
      import_ok (db, pdx_import_mice, "mice.csv", files[i], &report);
      g_assert_cmpuint (report.mice_created, ==, 1);
      arm = pdx_test_query_string (db, "SELECT a.name FROM mouse m JOIN arm a ON a.id = m.arm_id"
                                       " JOIN study s ON s.id = m.study_id"
                                       " WHERE m.tag = 'M1' AND s.code = 'S1'");
      g_assert_cmpstr (arm, ==, "vehicle");
      pdx_import_report_clear (&report);
    }
}

/* SPEC §7: control 1 marks the arm as the control; without it, an arm named vehicle, control or
 * untreated is the control. */
static void
test_mice_control_arm (void)
{
  static const struct
  {
    const char *arm;
    const char *control;
    const char *expected;
  } cases[] = {
    { "vehicle", "", "1" },   { "Vehicle", "", "1" },   { "CONTROL", "", "1" },
    { "untreated", "", "1" }, { "Untreated", "", "1" }, { "T-DM1", "", "0" },
    { "T-DM1", "1", "1" },    { "vehicle", "0", "0" },  { "tucatinib + trastuzumab", "", "0" },
    { "saline", "yes", "1" },
  };
  g_autoptr (PdxDb) db = pdx_test_new_lab (NULL);
  g_autoptr (GString) file = g_string_new ("study,arm,mouse,control\n");
  PdxImportReport report = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_string_append_printf (file, "C%u,%s,m1,%s\n", i, cases[i].arm, cases[i].control);
  import_ok (db, pdx_import_mice, "mice.csv", file->str, &report);
  g_assert_cmpuint (report.arms_created, ==, G_N_ELEMENTS (cases));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *control =
          query (db,
                 "SELECT a.is_control FROM arm a JOIN study s ON s.id = a.study_id"
                 " WHERE s.code = 'C%u' AND a.name = '%s'",
                 i, cases[i].arm);
      g_test_message ("arm %s control '%s'", cases[i].arm, cases[i].control);
      g_assert_cmpstr (control, ==, cases[i].expected);
    }
  pdx_import_report_clear (&report);
}

/* Tags are unique within a study (SPEC §3), not across studies. */
static void
test_mice_same_tag_two_studies (void)
{
  g_autoptr (PdxDb) db = pdx_test_new_lab (NULL);
  PdxImportReport report = { 0 };

  import_ok (db, pdx_import_mice, "mice.csv", "study,arm,mouse\nS1,vehicle,M1\nS2,vehicle,M1\n",
             &report);
  g_assert_cmpuint (report.mice_created, ==, 2);
  g_assert_cmpint (query_int (db, "SELECT count(DISTINCT study_id) FROM mouse WHERE tag = 'M1'"),
                   ==, 2);
  pdx_import_report_clear (&report);
}

/* Mice added to a study already in the lab: nothing about the study changes, its arms are
 * reused, and no study is reported created. */
static void
test_mice_existing_study (void)
{
  g_autoptr (PdxDb) db = pdx_test_new_lab (NULL);
  gint64          s1 = pdx_test_add_study (db, "S1", PDX_READOUT_MRI_VOLUME, "2024-01-10");
  gint64          vehicle = pdx_test_add_arm (db, s1, "vehicle", TRUE);
  PdxImportReport report = { 0 };
  g_autoptr (PdxStudy) study = NULL;

  pdx_test_add_mouse (db, s1, vehicle, "M1", "2024-01-01");
  import_ok (
      db, pdx_import_mice, "more.csv",
      "study,arm,mouse,implant_date\nS1,vehicle,M2,2024-01-02\nS1,everolimus,M3,2024-01-02\n",
      &report);
  g_assert_cmpuint (report.studies_created, ==, 0);
  g_assert_cmpuint (report.arms_created, ==, 1);
  g_assert_cmpuint (report.mice_created, ==, 2);
  study = pdx_study_get (db, s1, NULL);
  g_assert_cmpstr (study->day0, ==, "2024-01-10");
  g_assert_cmpint (study->readout, ==, PDX_READOUT_MRI_VOLUME);
  g_assert_cmpint (pdx_test_count (db, "study"), ==, 1);
  g_assert_cmpint (pdx_test_count (db, "arm"), ==, 2);
  g_assert_cmpint (pdx_test_count (db, "mouse"), ==, 3);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM mouse WHERE arm_id = "
                                  "(SELECT id FROM arm WHERE name = 'vehicle')"),
                   ==, 2);
  pdx_import_report_clear (&report);
}

typedef struct
{
  const char    *name;
  const char    *contents;
  gsize          len; /* 0: strlen */
  PdxImportError code;
  guint          line, column; /* column 0: any */
  const char    *value;        /* named in the message as 'value', or NULL */
  const char    *also;         /* another text the message must hold, or NULL */
} BadCase;

#define MH "study,arm,mouse,sex,birth_date,implant_date,end_date,end_reason,event,readout,control\n"
/* Columns of MH: study 1, arm 7, mouse 11, sex 17, birth_date 21, implant_date 32,
 * end_date 45, end_reason 54, event 65, readout 71, control 79 — on the header; on a data row
 * they depend on the values before them (counted by hand below). */

static const BadCase bad_mice[] = {
  { "missing-mouse-column", "study,arm,cage\nS1,vehicle,C1\n", 0, PDX_IMPORT_ERROR_HEADER, 1, 1,
    NULL, "mouse" },
  { "missing-study-column", "arm,mouse\nvehicle,M1\n", 0, PDX_IMPORT_ERROR_HEADER, 1, 1, NULL,
    "study" },
  { "unknown-column", "study,arm,mouse,weight\nS1,vehicle,M1,20\n", 0, PDX_IMPORT_ERROR_HEADER, 1,
    17, "weight", NULL },
  { "column-twice", "study,arm,mouse,Arm\nS1,vehicle,M1,x\n", 0, PDX_IMPORT_ERROR_HEADER, 1, 17,
    NULL, "Arm" },
  { "bad-date", MH "S1,vehicle,M1,F,,2024-03-01,,,,,\nS1,vehicle,M2,F,,2024-02-30,,,,,\n", 0,
    PDX_IMPORT_ERROR_VALUE, 3, 18, "2024-02-30", "YYYY-MM-DD" },
  { "bad-date-format", MH "S1,vehicle,M1,F,01/03/2024,,,,,,\n", 0, PDX_IMPORT_ERROR_VALUE, 2, 17,
    "01/03/2024", NULL },
  { "bad-sex", MH "S1,vehicle,M1,X,,,,,,,\n", 0, PDX_IMPORT_ERROR_VALUE, 2, 15, "X", NULL },
  { "bad-event", MH "S1,vehicle,M1,F,,2024-03-01,2024-04-01,found dead,2,,\n", 0,
    PDX_IMPORT_ERROR_VALUE, 2, 51, "2", NULL },
  { "bad-readout", MH "S1,vehicle,M1,F,,,,,,volume,\n", 0, PDX_IMPORT_ERROR_VALUE, 2, 22, "volume",
    NULL },
  { "bad-control", MH "S1,vehicle,M1,F,,,,,,,maybe\n", 0, PDX_IMPORT_ERROR_VALUE, 2, 23, "maybe",
    NULL },
  { "end-reason-without-date", MH "S1,vehicle,M1,F,,2024-03-01,,found dead,,,\n", 0,
    PDX_IMPORT_ERROR_VALUE, 2, 0, NULL, NULL },
  { "event-without-date", MH "S1,vehicle,M1,F,,2024-03-01,,,1,,\n", 0, PDX_IMPORT_ERROR_VALUE, 2, 0,
    NULL, NULL },
  { "end-before-implant", MH "S1,vehicle,M1,F,,2024-03-01,2024-02-01,end of study,0,,\n", 0,
    PDX_IMPORT_ERROR_VALUE, 2, 0, NULL, NULL },
  { "duplicate-tag-in-file",
    MH "S1,vehicle,M1,F,,,,,,,\nS1,vehicle,M2,F,,,,,,,\nS1,T-DM1,M1,F,,,,,,,\n", 0,
    PDX_IMPORT_ERROR_CONFLICT, 4, 10, "M1", NULL },
  { "tag-already-in-study", "study,arm,mouse\nS1,vehicle,N1\nS0,vehicle,X1\n", 0,
    PDX_IMPORT_ERROR_CONFLICT, 3, 12, "X1", NULL },
  { "empty-tag", "study,arm,mouse\nS1,vehicle,\n", 0, PDX_IMPORT_ERROR_VALUE, 2, 12, "", NULL },
  { "empty-study", "study,arm,mouse\n,vehicle,M1\n", 0, PDX_IMPORT_ERROR_VALUE, 2, 1, "", NULL },
  { "too-few-fields", "study,arm,mouse\nS1,vehicle,M1\nS1,vehicle\n", 0, PDX_IMPORT_ERROR_FORMAT, 3,
    1, NULL, NULL },
  { "too-many-fields", "study,arm,mouse\nS1,vehicle,M1,extra\n", 0, PDX_IMPORT_ERROR_FORMAT, 2, 1,
    NULL, NULL },
  { "empty-file", "", 0, PDX_IMPORT_ERROR_FORMAT, 1, 1, NULL, NULL },
  { "blank-file", "\n\n", 0, PDX_IMPORT_ERROR_FORMAT, 1, 1, NULL, NULL },
  { "header-only", "study,arm,mouse\n", 0, PDX_IMPORT_ERROR_FORMAT, 0, 0, NULL, NULL },
  { "png", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0", 29,
    PDX_IMPORT_ERROR_FORMAT, 1, 1, NULL, NULL },
  { "nul-in-row", "study,arm,mouse\nS1,vehicle,M\0001\n", 31, PDX_IMPORT_ERROR_FORMAT, 2, 13, NULL,
    NULL },
  { "latin1", "study,arm,mouse\nS1,v\xe9hicule,M1\n", 0, PDX_IMPORT_ERROR_FORMAT, 2, 5, NULL,
    NULL },
  { "unclosed-quote", "study,arm,mouse\nS1,\"vehicle,M1\n", 0, PDX_IMPORT_ERROR_FORMAT, 2, 4, NULL,
    NULL },
};

static void
run_bad_cases (PdxDb *db, ImportFunc import, const BadCase *cases, guint n)
{
  for (guint i = 0; i < n; i++)
    {
      const BadCase *c = &cases[i];
      g_test_message ("case %s", c->name);
      if (c->line == 0)
        {
          /* A header-only file: refused with FORMAT, lab unchanged; the line is not fixed. */
          g_autofree char *path = pdx_test_write_file ("rows.csv", c->contents, -1);
          g_autofree char *before = pdx_test_dump (db);
          g_autofree char *after = NULL;
          g_autoptr (GError) error = NULL;

          g_assert_false (import (db, path, NULL, NULL, NULL, &error));
          g_assert_error (error, PDX_IMPORT_ERROR, (int) c->code);
          g_assert_true (error && g_str_has_prefix (error->message, path));
          after = pdx_test_dump (db);
          g_assert_cmpstr (after, ==, before);
          continue;
        }
      expect_refused (db, import, "rows.csv", c->contents, c->len ? (gssize) c->len : -1, c->code,
                      c->line, c->column, c->value, c->also);
    }
}

static void
test_mice_bad (void)
{
  g_autoptr (PdxDb) db = pdx_test_new_lab (NULL);
  gint64 s0 = pdx_test_add_study (db, "S0", PDX_READOUT_BLI_FLUX, "2024-01-01");

  pdx_test_add_mouse (db, s0, pdx_test_add_arm (db, s0, "vehicle", TRUE), "X1", "2023-12-20");
  run_bad_cases (db, pdx_import_mice, bad_mice, G_N_ELEMENTS (bad_mice));
  g_assert_cmpint (pdx_test_count (db, "mouse"), ==, 1);
  g_assert_cmpint (pdx_test_count (db, "study"), ==, 1);
}

/* A birth date after the implant date: the error points at the birth date (column 17) and
 * names it, not the tag. */
static void
test_mice_birth_after_implant (void)
{
  g_autoptr (PdxDb) db = pdx_test_new_lab (NULL);

  expect_refused (db, pdx_import_mice, "rows.csv",
                  MH "S1,vehicle,M1,F,2024-04-01,2024-03-01,,,,,\n", -1, PDX_IMPORT_ERROR_VALUE, 2,
                  17, "2024-04-01", NULL);
}

/* '"S1" ,vehicle,M1' (a space after a closing quote) must not corrupt the lab: either the rows
 * are read as the three mice of study S1, or the file is refused and the lab left alone. Never a
 * study whose code holds the next line. */
static void
test_mice_quote_then_space (void)
{
  g_autoptr (PdxDb) db = pdx_test_new_lab (NULL);
  g_autofree char *path = pdx_test_write_file (
      "quotes.csv", "study,arm,mouse\n\"S1\" ,vehicle,M1\n\"S1\",vehicle,M2\nS1,vehicle,M3\n", -1);
  g_autofree char *before = pdx_test_dump (db);
  g_autoptr (GError) error = NULL;
  g_autofree char *codes = NULL;

  if (!pdx_import_mice (db, path, NULL, NULL, NULL, &error))
    {
      g_autofree char *after = pdx_test_dump (db);
      g_assert_nonnull (error);
      g_assert_true (error && error->domain == PDX_IMPORT_ERROR);
      g_assert_cmpstr (after, ==, before);
      return;
    }
  codes = pdx_test_query_string (db, "SELECT group_concat (code, '|') FROM study");
  g_assert_cmpstr (codes, ==, "S1");
  g_assert_cmpint (pdx_test_count (db, "mouse"), ==, 3);
}

static void
test_mice_missing_file (void)
{
  g_autoptr (PdxDb) db = pdx_test_new_lab (NULL);
  g_autofree char *dir = pdx_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "absent.csv", NULL);
  g_autofree char *before = pdx_test_dump (db);
  g_autofree char *after = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_false (pdx_import_mice (db, path, NULL, NULL, NULL, &error));
  g_assert_error (error, PDX_IMPORT_ERROR, PDX_IMPORT_ERROR_IO);
  after = pdx_test_dump (db);
  g_assert_cmpstr (after, ==, before);
}

/* The BOM is not part of the header's first column: an unknown column is located as in a file
 * without one. */
static void
test_mice_bom_column (void)
{
  g_autoptr (PdxDb) db = pdx_test_new_lab (NULL);

  expect_refused (db, pdx_import_mice, "bom.csv", "\xEF\xBB\xBFstudy,arm,mouse,weight\nS1,v,M1,2\n",
                  -1, PDX_IMPORT_ERROR_HEADER, 1, 17, "weight", NULL);
}

static char *
thousand_mice (guint bad_row)
{
  GString                 *file = g_string_new ("study,arm,mouse,cage,sex,implant_date\n");
  static const char *const arms[] = { "vehicle", "T-DM1", "tucatinib + trastuzumab",
                                      "alpelisib + T-DM1" };

  for (guint i = 1; i <= 1000; i++)
    g_string_append_printf (file, "BIG,%s,M%04u,C%u,F,%s\n", arms[i % 4], i, i / 5,
                            i == bad_row ? "2024-13-01" : "2024-03-01");
  return g_string_free (file, FALSE);
}

/* One bad row in the middle of 1,000: nothing is imported. */
static void
test_mice_thousand_one_bad (void)
{
  g_autoptr (PdxDb) db = pdx_test_new_lab (NULL);
  g_autofree char *bad = thousand_mice (500);
  g_autofree char *good = thousand_mice (0);
  PdxImportReport  report = { 0 };

  /* Row 500 is on line 501; "BIG,vehicle,M0500,C100,F," puts implant_date at column 26. */
  expect_refused (db, pdx_import_mice, "big.csv", bad, -1, PDX_IMPORT_ERROR_VALUE, 501, 26,
                  "2024-13-01", NULL);
  g_assert_cmpint (pdx_test_count (db, "mouse"), ==, 0);
  g_assert_cmpint (pdx_test_count (db, "study"), ==, 0);
  g_assert_cmpint (pdx_test_count (db, "audit_log"), ==, 0);

  import_ok (db, pdx_import_mice, "big.csv", good, &report);
  g_assert_cmpuint (report.mice_created, ==, 1000);
  g_assert_cmpint (pdx_test_count (db, "mouse"), ==, 1000);
  g_assert_cmpint (pdx_test_count (db, "arm"), ==, 4);
  pdx_import_report_clear (&report);
}

typedef struct
{
  guint    calls;
  guint64  last_done, last_total;
  gboolean cancel;
} ProgressLog;

static gboolean
progress_cb (guint64 done, guint64 total, gpointer user_data)
{
  ProgressLog *log = user_data;
  log->calls++;
  log->last_done = done;
  log->last_total = total;
  return !log->cancel;
}

/* pdx-import.h: progress gets the bytes read and the total; returning FALSE cancels with
 * G_IO_ERROR_CANCELLED and changes nothing. */
static void
test_mice_progress_cancel (void)
{
  g_autoptr (PdxDb) db = pdx_test_new_lab (NULL);
  g_autoptr (GString) file = g_string_new ("study,arm,mouse\n");
  g_autofree char *path = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr (GError) error = NULL;
  ProgressLog log = { .cancel = TRUE };

  for (guint i = 0; i < 10000; i++)
    g_string_append_printf (file, "S1,vehicle,M%05u\n", i);
  path = pdx_test_write_file ("many.csv", file->str, (gssize) file->len);
  before = pdx_test_dump (db);
  g_assert_false (pdx_import_mice (db, path, NULL, progress_cb, &log, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (log.calls, ==, 1);
  after = pdx_test_dump (db);
  g_assert_cmpstr (after, ==, before);
}

static void
test_mice_progress_bytes (void)
{
  g_autoptr (PdxDb) db = pdx_test_new_lab (NULL);
  g_autoptr (GString) file = g_string_new ("study,arm,mouse\n");
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  ProgressLog log = { 0 };

  for (guint i = 0; i < 10000; i++)
    g_string_append_printf (file, "S1,vehicle,M%05u\n", i);
  path = pdx_test_write_file ("many.csv", file->str, (gssize) file->len);
  g_assert_true (pdx_import_mice (db, path, NULL, progress_cb, &log, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (log.calls, >, 0);
  g_assert_cmpuint (log.last_total, ==, file->len);
  g_assert_cmpuint (log.last_done, >, 0);
  g_assert_cmpuint (log.last_done, <=, log.last_total);
  g_assert_cmpint (pdx_test_count (db, "mouse"), ==, 10000);
}

/* ---- measurements -------------------------------------------------------------------------- */

static const char good_measurements[] =
    "study,mouse,date,day,length_mm,width_mm,volume_mm3,bli_flux,mri_volume_mm3,weight_g,neuro_score,operator,note\n"
    "S1,M1,2024-03-15,,,,,1.5e8,,21.3,0,alice,baseline\n"
    "S1,M1,,7,,,,3.2e8,,21.0,1,,\n"
    "S1,M2,,-3,,,,,12.5,20.1,,bob,\n"
    "S1,M3,2024-04-10,,,,,9e8,,18.2,3,,\"last day, seizures\"\n"
    "S2,A1,2024-06-01,,8,10,,,,,,,\n"
    "S2,A1,2024-06-05,,12,12,,,,,,,\n"
    "S2,A1,2024-06-08,,,,450,,,,,,\n"
    "S2,A1,,10,,,,,,22,,,\n";

static char *
measurement_row (PdxDb *db, const char *tag, const char *date)
{
  return query (
      db,
      "SELECT coalesce (x.length_mm, '') || '|' || coalesce (x.width_mm, '') || '|'"
      " || coalesce (x.volume_mm3, '') || '|' || coalesce (x.bli_flux, '') || '|'"
      " || coalesce (x.mri_volume_mm3, '') || '|' || coalesce (x.weight_g, '') || '|'"
      " || coalesce (x.neuro_score, '') || '|' || coalesce (x.operator, '') || '|'"
      " || coalesce (x.note, '')"
      " FROM measurement x JOIN mouse m ON m.id = x.mouse_id WHERE m.tag = '%s' AND x.date = '%s'",
      tag, date);
}

static void
test_measurements_good (void)
{
  g_autoptr (PdxDb) db = measurement_lab ();
  PdxImportReport report = { 0 };
  static const struct
  {
    const char *tag, *date, *row;
  } expected[] = {
    { "M1", "2024-03-15", "|||150000000.0||21.3|0|alice|baseline" },
    /* day 7 of S1 (day 0 2024-03-15) */
    { "M1", "2024-03-22", "|||320000000.0||21.0|1|tester|" },
    /* day −3: before day 0, after the implant */
    { "M2", "2024-03-12", "||||12.5|20.1||bob|" },
    /* on the endpoint date itself */
    { "M3", "2024-04-10", "|||900000000.0||18.2|3|tester|last day, seizures" },
    /* caliper: L and W swapped so that L >= W, volume L·W²/2 = 10·8²/2 */
    { "A1", "2024-06-01", "10.0|8.0|320.0|||||tester|" },
    { "A1", "2024-06-05", "12.0|12.0|864.0|||||tester|" },
    /* a volume entered as such */
    { "A1", "2024-06-08", "||450.0|||||tester|" },
    /* day 10 of S2 (day 0 2024-06-01) */
    { "A1", "2024-06-11", "|||||22.0||tester|" },
  };

  import_ok (db, pdx_import_measurements, "measurements.csv", good_measurements, &report);
  g_assert_cmpuint (report.rows, ==, 8);
  g_assert_cmpuint (report.measurements_created, ==, 8);
  g_assert_cmpuint (report.measurements_updated, ==, 0);
  g_assert_cmpuint (report.studies_created, ==, 0);
  g_assert_cmpuint (report.mice_created, ==, 0);
  g_assert_cmpint (pdx_test_count (db, "measurement"), ==, 8);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *row = measurement_row (db, expected[i].tag, expected[i].date);
      g_test_message ("%s %s", expected[i].tag, expected[i].date);
      g_assert_cmpstr (row, ==, expected[i].row);
    }
  /* A bulk import is audited by one 'import' entry per study (pdx-schema.c): who, which file,
   * how many rows and their id range; no per-row insert entries. */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM audit_log WHERE table_name = 'measurement'"
                                  " AND action = 'insert'"),
                   ==, 0);
  g_assert_cmpint (query_int (db, "SELECT sum(json_extract(new_values, '$.rows')) FROM audit_log"
                                  " WHERE table_name = 'measurement' AND action = 'import'"
                                  " AND json_extract(new_values, '$.file') = 'measurements.csv'"
                                  " AND reason LIKE '%measurements.csv%' AND operator IS NOT NULL"),
                   ==, 8);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM measurement x WHERE NOT EXISTS (SELECT 1"
                                  " FROM audit_log a WHERE a.action = 'import' AND x.id BETWEEN"
                                  " json_extract(a.new_values, '$.first_id') AND"
                                  " json_extract(a.new_values, '$.last_id'))"),
                   ==, 0);
  pdx_import_report_clear (&report);
}

/* Only a day column, negative and NA values, and the "tag" alias. */
static void
test_measurements_day_only (void)
{
  g_autoptr (PdxDb) db = measurement_lab ();
  PdxImportReport  report = { 0 };
  g_autofree char *day0 = NULL;
  g_autofree char *na = NULL;

  import_ok (db, pdx_import_measurements, "days.csv",
             "Study,Tag,Day,BLI_Flux,Weight_g\nS1,M1,0,1e8,NA\nS1,M1,14,2e8,20\n", &report);
  g_assert_cmpuint (report.measurements_created, ==, 2);
  day0 = measurement_row (db, "M1", "2024-03-15");
  na = measurement_row (db, "M1", "2024-03-29");
  g_assert_cmpstr (day0, ==, "|||100000000.0||||tester|");
  g_assert_cmpstr (na, ==, "|||200000000.0||20.0||tester|");
  pdx_import_report_clear (&report);
}

/* A row for a (mouse, date) already in the lab merges into it: the file's values replace,
 * the others stay. */
static void
test_measurements_merge (void)
{
  g_autoptr (PdxDb) db = measurement_lab ();
  g_autoptr (PdxMeasurement) m = pdx_measurement_new ();
  g_autoptr (GError) error = NULL;
  PdxImportReport  report = { 0 };
  g_autofree char *row = NULL;

  m->mouse_id = query_int (db, "SELECT id FROM mouse WHERE tag = 'M1'");
  m->date = g_strdup ("2024-03-20");
  m->weight_g = 21.0;
  m->bli_flux = 1e8;
  m->note = g_strdup ("pre");
  g_assert_true (pdx_measurement_insert (db, m, &error));
  g_assert_no_error (error);

  import_ok (
      db, pdx_import_measurements, "merge.csv",
      "study,mouse,date,bli_flux,neuro_score\nS1,M1,2024-03-20,2e8,2\nS1,M2,2024-03-20,3e8,\n",
      &report);
  g_assert_cmpuint (report.measurements_updated, ==, 1);
  g_assert_cmpuint (report.measurements_created, ==, 1);
  g_assert_cmpint (pdx_test_count (db, "measurement"), ==, 2);
  row = measurement_row (db, "M1", "2024-03-20");
  g_assert_cmpstr (row, ==, "|||200000000.0||21.0|2|tester|pre");
  pdx_import_report_clear (&report);
}

/* A (mouse, date) already in the lab merges once; a second row for it in the same file is the
 * same mistake as any row given twice (SPEC §7: one row per mouse and date). */
static void
test_measurements_merge_twice_in_file (void)
{
  g_autoptr (PdxDb) db = measurement_lab ();
  g_autoptr (PdxMeasurement) m = pdx_measurement_new ();
  g_autoptr (GError) error = NULL;

  m->mouse_id = query_int (db, "SELECT id FROM mouse WHERE tag = 'M1'");
  m->date = g_strdup ("2024-03-20");
  m->weight_g = 21.0;
  g_assert_true (pdx_measurement_insert (db, m, &error));
  g_assert_no_error (error);
  expect_refused (db, pdx_import_measurements, "merge.csv",
                  "study,mouse,date,bli_flux\nS1,M1,2024-03-20,2e8\nS1,M1,2024-03-20,3e8\n", -1,
                  PDX_IMPORT_ERROR_CONFLICT, 3, 4, "M1", "2024-03-20");
}

/* A merge is an update like any other: audited with the operator and the import as reason, the
 * old and new values recorded. */
static void
test_measurements_merge_audited (void)
{
  g_autoptr (PdxDb) db = measurement_lab ();
  g_autoptr (PdxMeasurement) m = pdx_measurement_new ();
  g_autoptr (GError) error = NULL;
  PdxImportReport  report = { 0 };
  g_autofree char *entry = NULL;

  m->mouse_id = query_int (db, "SELECT id FROM mouse WHERE tag = 'M1'");
  m->date = g_strdup ("2024-03-20");
  m->weight_g = 21.0;
  g_assert_true (pdx_measurement_insert (db, m, &error));
  g_assert_no_error (error);
  import_ok (db, pdx_import_measurements, "merge.csv",
             "study,mouse,date,weight_g\nS1,M1,2024-03-20,19.5\n", &report);
  g_assert_cmpuint (report.measurements_updated, ==, 1);
  entry = query (
      db,
      "SELECT operator_name || '|' || (old_values IS NOT NULL) || '|'"
      " || (instr (new_values, '19.5') > 0) FROM audit_log"
      " WHERE table_name = 'measurement' AND action = 'update' AND row_id = %" G_GINT64_FORMAT
      " AND reason LIKE '%%merge.csv%%'",
      m->id);
  g_assert_cmpstr (entry, ==, "tester|1|1");
  pdx_import_report_clear (&report);
}

#define XH "study,mouse,date,day,weight_g,bli_flux,neuro_score,length_mm,width_mm,note\n"
/* On a data row "S1,M1,2024-03-20,," the weight starts at column 20. */

static const BadCase bad_measurements[] = {
  { "missing-mouse-column", "study,date,weight_g\nS1,2024-03-20,20\n", 0, PDX_IMPORT_ERROR_HEADER,
    1, 1, NULL, "mouse" },
  { "no-date-or-day-column", "study,mouse,weight_g\nS1,M1,20\n", 0, PDX_IMPORT_ERROR_HEADER, 0, 0,
    NULL, NULL },
  { "unknown-column", "study,mouse,date,tumour\nS1,M1,2024-03-20,5\n", 0, PDX_IMPORT_ERROR_HEADER,
    1, 18, "tumour", NULL },
  { "unknown-study", XH "S1,M1,2024-03-20,,20,,,,,\nS9,M1,2024-03-20,,20,,,,,\n", 0,
    PDX_IMPORT_ERROR_REFERENCE, 3, 1, "S9", NULL },
  { "unknown-mouse", XH "S1,M1,2024-03-20,,20,,,,,\nS1,M9,2024-03-20,,20,,,,,\n", 0,
    PDX_IMPORT_ERROR_REFERENCE, 3, 4, "M9", NULL },
  { "mouse-of-another-study", XH "S2,M1,2024-06-02,,20,,,,,\n", 0, PDX_IMPORT_ERROR_REFERENCE, 2, 4,
    "M1", NULL },
  { "bad-number", XH "S1,M1,2024-03-20,,2O.5,,,,,\n", 0, PDX_IMPORT_ERROR_VALUE, 2, 19, "2O.5",
    NULL },
  { "number-with-unit", XH "S1,M1,2024-03-20,,20 g,,,,,\n", 0, PDX_IMPORT_ERROR_VALUE, 2, 19,
    "20 g", NULL },
  { "negative-number", XH "S1,M1,2024-03-20,,,-5e7,,,,\n", 0, PDX_IMPORT_ERROR_VALUE, 2, 20, "-5e7",
    NULL },
  { "nan", XH "S1,M1,2024-03-20,,,nan,,,,\n", 0, PDX_IMPORT_ERROR_VALUE, 2, 20, "nan", NULL },
  { "infinite", XH "S1,M1,2024-03-20,,,1e999,,,,\n", 0, PDX_IMPORT_ERROR_VALUE, 2, 20, "1e999",
    NULL },
  { "decimal-comma", XH "S1,M1,2024-03-20,,\"21,5\",,,,,\n", 0, PDX_IMPORT_ERROR_VALUE, 2, 19,
    "21,5", NULL },
  { "date-not-padded", XH "S1,M1,2024-3-20,,20,,,,,\n", 0, PDX_IMPORT_ERROR_VALUE, 2, 7,
    "2024-3-20", NULL },
  { "date-with-time", XH "S1,M1,2024-03-20T09:30,,20,,,,,\n", 0, PDX_IMPORT_ERROR_VALUE, 2, 7,
    "2024-03-20T09:30", NULL },
  { "zero-weight", XH "S1,M1,2024-03-20,,0,,,,,\n", 0, PDX_IMPORT_ERROR_VALUE, 2, 19, "0", NULL },
  { "neuro-score-5", XH "S1,M1,2024-03-20,,,,5,,,\n", 0, PDX_IMPORT_ERROR_VALUE, 2, 21, "5", NULL },
  { "neuro-score-fraction", XH "S1,M1,2024-03-20,,,,2.5,,,\n", 0, PDX_IMPORT_ERROR_VALUE, 2, 21,
    "2.5", NULL },
  { "neuro-score-negative", XH "S1,M1,2024-03-20,,,,-1,,,\n", 0, PDX_IMPORT_ERROR_VALUE, 2, 21,
    "-1", NULL },
  { "bad-date", XH "S1,M1,2024-03-32,,20,,,,,\n", 0, PDX_IMPORT_ERROR_VALUE, 2, 7, "2024-03-32",
    NULL },
  { "bad-date-format", XH "S1,M1,2024/03/20,,20,,,,,\n", 0, PDX_IMPORT_ERROR_VALUE, 2, 7,
    "2024/03/20", NULL },
  { "bad-day", XH "S1,M1,,seven,20,,,,,\n", 0, PDX_IMPORT_ERROR_VALUE, 2, 8, "seven", NULL },
  { "no-date-no-day", XH "S1,M1,,,20,,,,,\n", 0, PDX_IMPORT_ERROR_VALUE, 2, 0, NULL, NULL },
  { "before-implant", XH "S1,M1,2024-02-28,,20,,,,,\n", 0, PDX_IMPORT_ERROR_VALUE, 2, 7,
    "2024-02-28", "2024-03-01" },
  { "day-before-implant", XH "S1,M1,,-20,20,,,,,\n", 0, PDX_IMPORT_ERROR_VALUE, 2, 8, "-20",
    "2024-03-01" },
  { "after-endpoint", XH "S1,M3,2024-04-11,,20,,,,,\n", 0, PDX_IMPORT_ERROR_VALUE, 2, 7,
    "2024-04-11", "2024-04-10" },
  { "length-without-width", XH "S2,A1,2024-06-02,,,,,9,,\n", 0, PDX_IMPORT_ERROR_VALUE, 2, 0, NULL,
    NULL },
  { "records-nothing", XH "S1,M1,2024-03-20,,,,,,,\n", 0, PDX_IMPORT_ERROR_VALUE, 2, 0, NULL,
    NULL },
  { "twice-in-file", XH "S1,M1,2024-03-20,,20,,,,,\nS1,M2,2024-03-20,,20,,,,,\nS1,M1,,5,21,,,,,\n",
    0, PDX_IMPORT_ERROR_CONFLICT, 4, 0, NULL, "2024-03-20" },
  { "too-few-fields", XH "S1,M1,2024-03-20,,20\n", 0, PDX_IMPORT_ERROR_FORMAT, 2, 1, NULL, NULL },
  { "empty-file", "", 0, PDX_IMPORT_ERROR_FORMAT, 1, 1, NULL, NULL },
  { "header-only", XH, 0, PDX_IMPORT_ERROR_FORMAT, 0, 0, NULL, NULL },
  { "png", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0", 29,
    PDX_IMPORT_ERROR_FORMAT, 1, 1, NULL, NULL },
  { "nul-in-row", "study,mouse,date,weight_g\nS1,M1,2024-03-20,2\0000\n", 47,
    PDX_IMPORT_ERROR_FORMAT, 2, 19, NULL, NULL },
};

static void
test_measurements_bad (void)
{
  g_autoptr (PdxDb) db = measurement_lab ();
  g_autoptr (PdxMeasurement) m = pdx_measurement_new ();
  g_autoptr (GError) error = NULL;

  /* A measurement already there: the refusals must leave it alone too. */
  m->mouse_id = query_int (db, "SELECT id FROM mouse WHERE tag = 'M2'");
  m->date = g_strdup ("2024-03-18");
  m->weight_g = 20.5;
  g_assert_true (pdx_measurement_insert (db, m, &error));
  g_assert_no_error (error);
  run_bad_cases (db, pdx_import_measurements, bad_measurements, G_N_ELEMENTS (bad_measurements));
  g_assert_cmpint (pdx_test_count (db, "measurement"), ==, 1);
}

/* "0x15" is not a number a lab writes (C's strtod reads it as 21): refused like any other
 * non-decimal text. */
static void
test_measurements_hex_number (void)
{
  g_autoptr (PdxDb) db = measurement_lab ();

  expect_refused (db, pdx_import_measurements, "rows.csv", XH "S1,M1,2024-03-20,,0x15,,,,,\n", -1,
                  PDX_IMPORT_ERROR_VALUE, 2, 19, "0x15", NULL);
}

/* The offending value's own line is reported, also after a field holding a newline. */
static void
test_measurements_error_after_multiline_note (void)
{
  g_autoptr (PdxDb) db = measurement_lab ();

  expect_refused (db, pdx_import_measurements, "notes.csv",
                  "study,mouse,date,note,weight_g\nS1,M1,2024-03-20,\"two\nlines\",abc\n", -1,
                  PDX_IMPORT_ERROR_VALUE, 3, 8, "abc", NULL);
}

static char *
thousand_measurements (guint bad_row)
{
  GString *file = g_string_new ("study,mouse,day,bli_flux,weight_g,neuro_score\n");

  /* M1 (implant day −14, no endpoint): one row per day from day −14. */
  for (guint i = 1; i <= 1000; i++)
    {
      if (i == bad_row)
        g_string_append_printf (file, "S1,M1,%d,1.5e8,twenty,0\n", (int) i - 15);
      else
        g_string_append_printf (file, "S1,M1,%d,%u,%.1f,0\n", (int) i - 15, 100000 + i * 1000,
                                20.0 + (i % 10) / 10.0);
    }
  return g_string_free (file, FALSE);
}

static void
test_measurements_thousand_one_bad (void)
{
  g_autoptr (PdxDb) db = measurement_lab ();
  g_autofree char *bad = thousand_measurements (500);
  g_autofree char *good = thousand_measurements (0);
  PdxImportReport  report = { 0 };
  g_autofree char *last = NULL;

  /* Row 500 ("S1,M1,485,1.5e8,twenty,0") is line 501; the weight starts at column 17. */
  expect_refused (db, pdx_import_measurements, "big.csv", bad, -1, PDX_IMPORT_ERROR_VALUE, 501, 17,
                  "twenty", NULL);
  g_assert_cmpint (pdx_test_count (db, "measurement"), ==, 0);

  import_ok (db, pdx_import_measurements, "big.csv", good, &report);
  g_assert_cmpuint (report.measurements_created, ==, 1000);
  g_assert_cmpint (pdx_test_count (db, "measurement"), ==, 1000);
  /* Day 985 of a study whose day 0 is 2024-03-15. */
  last = pdx_test_query_string (db, "SELECT max (date) FROM measurement");
  g_assert_cmpstr (last, ==, "2026-11-25");
  pdx_import_report_clear (&report);
}

/* ---- PDXE ---------------------------------------------------------------------------------- */

static void
test_pdxe_brca (void)
{
  g_autofree char *path = pdx_test_shared_file ("pdxe/brca_pct_raw.csv");
  g_autoptr (PdxDb) db = pdx_test_new_lab (NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  PdxImportReport  report = { 0 };
  double           volume_sum;

  if (path == NULL)
    return;
  g_assert_true (pdx_import_pdxe (db, path, &report, NULL, NULL, &error));
  g_assert_no_error (error);

  /* ../shared/data/pdxe/README.md: 43 models, 849 curves, 12,717 measurements. */
  g_assert_cmpuint (report.rows, ==, 12717);
  g_assert_cmpuint (report.lines_created, ==, 43);
  g_assert_cmpuint (report.studies_created, ==, 43);
  g_assert_cmpuint (report.mice_created, ==, 849);
  g_assert_cmpuint (report.measurements_created, ==, 12717);
  g_assert_cmpint (pdx_test_count (db, "line"), ==, 43);
  g_assert_cmpint (pdx_test_count (db, "study"), ==, 43);
  g_assert_cmpint (pdx_test_count (db, "mouse"), ==, 849);
  g_assert_cmpint (pdx_test_count (db, "measurement"), ==, 12717);
  /* One mouse per (Model, Treatment): 849 arms, every curve its treatment's mouse 1. */
  g_assert_cmpint (pdx_test_count (db, "arm"), ==, 849);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM mouse WHERE tag LIKE '%#1'"), ==, 849);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM mouse m JOIN arm a ON a.id = m.arm_id"
                                  " WHERE m.tag = a.name || '#1'"),
                   ==, 849);

  /* Each model is a line and a study of the same code, caliper readout. */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM study s JOIN line l ON l.id = s.line_id"
                                  " WHERE l.code = s.code AND s.readout = 'caliper_volume'"),
                   ==, 43);
  g_assert_cmpint (query_int (db, "SELECT count(DISTINCT day0) FROM study"), ==, 1);
  /* Day 0 = the first measurement of each model (every model's curves start at day 0). */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM study s WHERE s.day0 = (SELECT min (x.date)"
                                  " FROM measurement x JOIN mouse m ON m.id = x.mouse_id"
                                  " WHERE m.study_id = s.id)"),
                   ==, 43);

  /* Untreated arms are the controls, and only they: 39 models have one. */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM arm WHERE is_control = 1"), ==, 39);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM arm WHERE name = 'untreated'"
                                  " AND is_control = 1"),
                   ==, 39);
  /* Combination treatments are several agents: X-1004's "BYL719 + LEE011". */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM agent g JOIN arm a ON a.id = g.arm_id"
                                  " JOIN study s ON s.id = a.study_id"
                                  " WHERE s.code = 'X-1004' AND a.name = 'BYL719 + LEE011'"),
                   ==, 2);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM arm a JOIN study s ON s.id = a.study_id"
                                  " WHERE s.code = 'X-1004'"),
                   ==, 22);

  /* Values: X-1004 untreated, 9 measurements, the last at day 29 = 1438.2 mm³, 28.9 g. */
  g_assert_cmpint (query_int (db,
                              "SELECT count(*) FROM measurement x JOIN mouse m ON m.id = x.mouse_id"
                              " JOIN study s ON s.id = m.study_id"
                              " WHERE s.code = 'X-1004' AND m.tag = 'untreated#1'"),
                   ==, 9);
  {
    g_autofree char *last = pdx_test_query_string (
        db,
        "SELECT (julianday (x.date) - julianday (s.day0)) || '|' || x.volume_mm3 || '|' || x.weight_g"
        " FROM measurement x JOIN mouse m ON m.id = x.mouse_id JOIN study s ON s.id = m.study_id"
        " WHERE s.code = 'X-1004' AND m.tag = 'untreated#1' ORDER BY x.date DESC LIMIT 1");
    g_assert_cmpstr (last, ==, "29.0|1438.2|28.9");
  }
  /* Every volume kept: their sum over the sheet is 5,280,622.14 mm³. */
  volume_sum = query_double (db, "SELECT sum (volume_mm3) FROM measurement");
  g_assert_cmpfloat_with_epsilon (volume_sum, 5280622.14, 1e-3);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM measurement WHERE volume_mm3 IS NULL"), ==,
                   0);
  /* 10 weights are missing and 2 are −0.1 g: 12,705 plausible weights are kept. */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM measurement WHERE weight_g IS NOT NULL"),
                   ==, 12705);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM measurement WHERE weight_g < 5"
                                  " OR weight_g > 80"),
                   ==, 0);
  pdx_import_report_clear (&report);

  /* The same sheet again: refused (the models are in the lab), nothing changes. */
  before = pdx_test_dump (db);
  g_clear_error (&error);
  g_assert_false (pdx_import_pdxe (db, path, &report, NULL, NULL, &error));
  g_assert_error (error, PDX_IMPORT_ERROR, PDX_IMPORT_ERROR_CONFLICT);
  {
    g_autofree char *prefix = g_strdup_printf ("%s:2:1: ", path);
    g_assert_true (g_str_has_prefix (error->message, prefix));
    g_assert_nonnull (strstr (error->message, "'X-1004'"));
  }
  assert_report_empty (&report);
  after = pdx_test_dump (db);
  g_assert_cmpstr (after, ==, before);
  pdx_import_report_clear (&report);
}

/* Stray quotes and outer spaces are stripped from treatment names (SPEC §7). */
static void
test_pdxe_stray_quotes (void)
{
  g_autoptr (PdxDb) db = pdx_test_new_lab (NULL);
  PdxImportReport  report = { 0 };
  g_autofree char *names = NULL;
  g_autofree char *tags = NULL;

  import_ok (db, pdx_import_pdxe, "quotes.csv",
             PDXE_HEADER "X-1,BRCA,untreated\",100,25,0,0,0\n"
                         "X-1,BRCA,\" untreated \",150,25.2,3,50,0.8\n"
                         "X-1,BRCA,BYL719\",100,25,0,0,0\n"
                         "X-1,BRCA,\"BYL719 + LEE011\"\"\",90,24,0,0,0\n"
                         "X-1,BRCA, BYL719 ,110,25,4,10,0\n"
                         "X-1,BRCA,\"\"\"BYL719 + LEE011 \",80,24,3,-11.1,0\n",
             &report);
  g_assert_cmpuint (report.arms_created, ==, 3);
  g_assert_cmpuint (report.mice_created, ==, 3);
  g_assert_cmpuint (report.measurements_created, ==, 6);
  names = pdx_test_query_string (db, "SELECT group_concat (name || ':' || is_control, ';')"
                                     " FROM (SELECT name, is_control FROM arm ORDER BY name)");
  g_assert_cmpstr (names, ==, "BYL719:0;BYL719 + LEE011:0;untreated:1");
  tags =
      pdx_test_query_string (db, "SELECT group_concat (tag || ':' || n, ';') FROM (SELECT m.tag,"
                                 " (SELECT count(*) FROM measurement x WHERE x.mouse_id = m.id) n"
                                 " FROM mouse m ORDER BY m.tag)");
  g_assert_cmpstr (tags, ==, "BYL719 + LEE011#1:2;BYL719#1:2;untreated#1:2");
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM agent"), ==, 3);
  pdx_import_report_clear (&report);
}

/* A curve that restarts at the same or a lower day is the next mouse of that treatment, also
 * when the rows of other treatments come in between. */
static void
test_pdxe_restart (void)
{
  g_autoptr (PdxDb) db = pdx_test_new_lab (NULL);
  PdxImportReport  report = { 0 };
  g_autofree char *tags = NULL;
  g_autofree char *second = NULL;

  import_ok (db, pdx_import_pdxe, "restart.csv",
             PDXE_HEADER "X-2,BRCA,untreated,100,25,0,0,0\n"
                         "X-2,BRCA,untreated,120,25,3,20,0\n"
                         "X-2,BRCA,LEE011,100,25,0,0,0\n"
                         "X-2,BRCA,untreated,150,25,7,50,0\n"
                         "X-2,BRCA,untreated,90,24,0,0,0\n"
                         "X-2,BRCA,LEE011,80,25,2,-20,0\n"
                         "X-2,BRCA,untreated,95,24,4,5.6,0\n"
                         "X-2,BRCA,untreated,96,24,4,6.7,0\n"
                         "X-3,BRCA,untreated,50,22,0,0,0\n",
             &report);
  g_assert_cmpuint (report.studies_created, ==, 2);
  g_assert_cmpuint (report.mice_created, ==, 5);
  g_assert_cmpuint (report.measurements_created, ==, 9);
  tags = pdx_test_query_string (
      db, "SELECT group_concat (s.code || '/' || m.tag || ':' || n, ';')"
          " FROM (SELECT m.tag, m.study_id, (SELECT count(*) FROM measurement x"
          " WHERE x.mouse_id = m.id) n FROM mouse m ORDER BY m.study_id, m.tag) m"
          " JOIN study s ON s.id = m.study_id");
  g_assert_cmpstr (tags, ==,
                   "X-2/LEE011#1:2;X-2/untreated#1:3;X-2/untreated#2:2;"
                   "X-2/untreated#3:1;X-3/untreated#1:1");
  second = pdx_test_query_string (
      db, "SELECT group_concat (d, ',') FROM (SELECT"
          " julianday (x.date) - julianday (s.day0) d FROM measurement x"
          " JOIN mouse m ON m.id = x.mouse_id JOIN study s ON s.id = m.study_id"
          " WHERE s.code = 'X-2' AND m.tag = 'untreated#2' ORDER BY x.date)");
  g_assert_cmpstr (second, ==, "0.0,4.0");
  pdx_import_report_clear (&report);
}

/* Implausible body weights (missing, ≤ 0, outside 5–80 g) are left out; the volume stays. */
static void
test_pdxe_weights (void)
{
  static const struct
  {
    const char *weight;
    gboolean    kept;
  } cases[] = {
    { "", FALSE },     { "NA", FALSE },  { "-0.1", FALSE }, { "0", FALSE }, { "4.9", FALSE },
    { "80.1", FALSE }, { "250", FALSE }, { "5", TRUE },     { "80", TRUE }, { "28.2", TRUE },
  };
  g_autoptr (PdxDb) db = pdx_test_new_lab (NULL);
  g_autoptr (GString) file = g_string_new (PDXE_HEADER);
  PdxImportReport report = { 0 };

  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  PdxImportOptions options = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_string_append_printf (file, "X-5,BRCA,untreated,%u,%s,%u,0,0\n", 100 + i, cases[i].weight, i);
  path = pdx_test_write_file ("weights.csv", file->str, -1);
  /* 5 g and 80 g are kept by the sheet's own band but are outside the usual 8–60 g: listed
   * (lines 9 and 10, column 24 after "X-5,BRCA,untreated,10N,") and confirmed first. */
  g_assert_false (pdx_import_file (db, PDX_IMPORT_KIND_PDXE, path, &options, &report, &error));
  g_assert_error (error, PDX_IMPORT_ERROR, PDX_IMPORT_ERROR_UNUSUAL);
  g_assert_cmpuint (report.n_unusual, ==, 2);
  g_assert_true (error && strstr (error->message, "weights.csv:9:24: body weight 5 g"));
  g_assert_true (error && strstr (error->message, "weights.csv:10:24: body weight 80 g"));
  pdx_import_report_clear (&report);
  g_assert_cmpint (pdx_test_count (db, "measurement"), ==, 0);
  options.accept_unusual = TRUE;
  g_assert_true (pdx_import_file (db, PDX_IMPORT_KIND_PDXE, path, &options, &report, NULL));
  g_assert_cmpuint (report.measurements_created, ==, G_N_ELEMENTS (cases));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *weight =
          query (db, "SELECT weight_g FROM measurement WHERE volume_mm3 = %u", 100 + i);
      g_autofree char *volume =
          query (db, "SELECT count(*) FROM measurement WHERE volume_mm3 = %u", 100 + i);
      g_test_message ("weight '%s'", cases[i].weight);
      g_assert_cmpstr (volume, ==, "1");
      if (cases[i].kept)
        g_assert_cmpfloat_with_epsilon (g_ascii_strtod (weight, NULL),
                                        g_ascii_strtod (cases[i].weight, NULL), 1e-9);
      else
        g_assert_null (weight);
    }
  pdx_import_report_clear (&report);
}

#define PH "Model,Treatment,Volume (mm3),Days Post T0\n"

static const BadCase bad_pdxe[] = {
  { "missing-days-column", "Model,Treatment,Volume (mm3)\nX-1,untreated,100\n", 0,
    PDX_IMPORT_ERROR_HEADER, 1, 1, NULL, "days post t0" },
  { "mice-file-given", "study,arm,mouse\nS1,vehicle,M1\n", 0, PDX_IMPORT_ERROR_HEADER, 1, 1, NULL,
    NULL },
  { "bad-volume", PH "X-1,untreated,100,0\nX-1,untreated,abc,3\n", 0, PDX_IMPORT_ERROR_VALUE, 3, 15,
    "abc", NULL },
  { "negative-volume", PH "X-1,untreated,-5,0\n", 0, PDX_IMPORT_ERROR_VALUE, 2, 15, "-5", NULL },
  { "missing-volume", PH "X-1,untreated,,0\n", 0, PDX_IMPORT_ERROR_VALUE, 2, 15, "", NULL },
  { "bad-day", PH "X-1,untreated,100,day 3\n", 0, PDX_IMPORT_ERROR_VALUE, 2, 19, "day 3", NULL },
  { "missing-model", PH ",untreated,100,0\n", 0, PDX_IMPORT_ERROR_VALUE, 2, 1, "", NULL },
  { "missing-treatment", PH "X-1,,100,0\n", 0, PDX_IMPORT_ERROR_VALUE, 2, 5, "", NULL },
  { "only-quotes-treatment", PH "X-1,\" \"\" \",100,0\n", 0, PDX_IMPORT_ERROR_VALUE, 2, 5, NULL,
    NULL },
  { "empty-file", "", 0, PDX_IMPORT_ERROR_FORMAT, 1, 1, NULL, NULL },
  { "header-only", PDXE_HEADER, 0, PDX_IMPORT_ERROR_FORMAT, 0, 0, NULL, NULL },
  { "png", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0", 29,
    PDX_IMPORT_ERROR_FORMAT, 1, 1, NULL, NULL },
  { "too-many-fields", PH "X-1,untreated,100,0,extra\n", 0, PDX_IMPORT_ERROR_FORMAT, 2, 1, NULL,
    NULL },
};

static void
test_pdxe_bad (void)
{
  g_autoptr (PdxDb) db = pdx_test_new_lab (NULL);
  PdxImportReport report = { 0 };

  /* A model already in the lab is part of what must stay untouched. */
  import_ok (db, pdx_import_pdxe, "first.csv", PH "X-9,untreated,10,0\n", &report);
  pdx_import_report_clear (&report);
  run_bad_cases (db, pdx_import_pdxe, bad_pdxe, G_N_ELEMENTS (bad_pdxe));
  g_assert_cmpint (pdx_test_count (db, "measurement"), ==, 1);
}

static void
test_pdxe_thousand_one_bad (void)
{
  g_autoptr (PdxDb) db = pdx_test_new_lab (NULL);
  g_autoptr (GString) file = g_string_new (PDXE_HEADER);

  /* 10 models × 4 treatments × 25 days; row 500 is X-104/"BYL719 + LEE011" day 24 with a bad
   * volume. */
  for (guint i = 0; i < 1000; i++)
    {
      static const char *const treatments[] = { "untreated", "BYL719", "LEE011",
                                                "BYL719 + LEE011" };
      guint                    model = 100 + i / 100, treatment = (i / 25) % 4, day = i % 25;
      if (i == 499)
        g_string_append_printf (file, "X-%u,BRCA,%s,1.2.3,25,%u,0,0\n", model,
                                treatments[treatment], day);
      else
        g_string_append_printf (file, "X-%u,BRCA,%s,%u.5,25,%u,0,0\n", model, treatments[treatment],
                                100 + day, day);
    }
  /* "X-104,BRCA,BYL719 + LEE011," puts the volume at column 28. */
  expect_refused (db, pdx_import_pdxe, "big.csv", file->str, -1, PDX_IMPORT_ERROR_VALUE, 501, 28,
                  "1.2.3", NULL);
  g_assert_cmpint (pdx_test_count (db, "study"), ==, 0);
  g_assert_cmpint (pdx_test_count (db, "line"), ==, 0);
}

static void
assert_bulk_triggers_present (PdxDb *db)
{
  g_assert_cmpint (pdx_test_count (db, "sqlite_schema WHERE type = 'trigger' AND name IN"
                                       " ('audit_measurement_insert', 'measurement_dates_insert')"),
                   ==, 2);
}

/* An import sets the per-row insert triggers aside inside its own transaction: a refused import
 * and a successful one both leave them in place, and they work afterwards. */
static void
test_measurements_import_restores_triggers (void)
{
  g_autoptr (PdxDb) db = measurement_lab ();
  g_autoptr (GError) error = NULL;
  g_autofree char *bad = pdx_test_write_file (
      "bad.csv", "study,mouse,date,bli_flux\nS1,M1,2024-03-20,1e6\nS1,M1,2024-03-21,lots\n", -1);
  g_autofree char *good =
      pdx_test_write_file ("good.csv", "study,mouse,date,bli_flux\nS1,M1,2024-03-20,1e6\n", -1);
  g_autoptr (PdxMeasurement) m = pdx_measurement_new ();
  g_autofree char *m1 = NULL;

  g_assert_false (pdx_import_measurements (db, bad, NULL, NULL, NULL, &error));
  g_assert_error (error, PDX_IMPORT_ERROR, PDX_IMPORT_ERROR_VALUE);
  assert_bulk_triggers_present (db);
  g_assert_true (pdx_import_measurements (db, good, NULL, NULL, NULL, NULL));
  assert_bulk_triggers_present (db);
  /* Per-row audit works again, and the date rule holds for any writer. */
  m1 = pdx_test_query_string (db, "SELECT id FROM mouse WHERE tag = 'M1'");
  m->mouse_id = g_ascii_strtoll (m1, NULL, 10);
  m->date = g_strdup ("2024-03-22");
  m->weight_g = 21.0;
  g_assert_true (pdx_measurement_insert (db, m, NULL));
  g_assert_cmpint (pdx_test_count (db, "audit_log WHERE table_name = 'measurement'"
                                       " AND action = 'insert'"),
                   ==, 1);
  g_clear_error (&error);
  g_assert_false (pdx_db_exec (db,
                               "INSERT INTO measurement (mouse_id, date, weight_g)"
                               " SELECT id, '2024-02-01', 20 FROM mouse WHERE tag = 'M1'",
                               &error));
  g_assert_nonnull (strstr (error->message, "before the mouse's implant date"));
}

/* Inserts a measurement of mouse M1 on 2024-03-25 through the cached insert statement of the
 * model (the one a bulk import also uses), with @weight_g; returns the SQLite result code. */
static int
insert_through_cached_statement (PdxDb *db, double weight_g)
{
  g_autofree char *m1 = pdx_test_query_string (db, "SELECT id FROM mouse WHERE tag = 'M1'");
  PdxStmt *stmt = pdx_db_prepare (db, pdx_entity_get (PDX_TABLE_MEASUREMENT)->insert_sql, NULL);
  int      rc;

  g_assert_nonnull (stmt);
  pdx_stmt_bind_int64 (stmt, 1, g_ascii_strtoll (m1, NULL, 10));
  pdx_stmt_bind_text (stmt, 2, "2024-03-25");
  pdx_stmt_bind_double (stmt, 10, weight_g);
  rc = pdx_stmt_step (stmt, NULL) == PDX_STEP_DONE ? SQLITE_DONE : SQLITE_ERROR;
  pdx_stmt_reset (stmt);
  return sqlite3_extended_errcode (pdx_db_get_handle (db)) == SQLITE_CONSTRAINT_CHECK
             ? SQLITE_CONSTRAINT_CHECK
             : rc;
}

/* A bulk import writes with the CHECK constraints and foreign keys off (its own checks refuse
 * every value they would): after a refused import and after a successful one, every writer is
 * checked again,
 * the statements the import compiled and cached included, and the lab passes integrity_check
 * (which checks the CHECK constraints of every row). */
static void
test_measurements_import_restores_checks (void)
{
  g_autoptr (PdxDb) db = measurement_lab ();
  g_autoptr (GError) error = NULL;
  g_autofree char *bad = pdx_test_write_file (
      "bad-checks.csv", "study,mouse,date,weight_g\nS1,M1,2024-03-20,20\nS1,M2,2024-03-20,-2\n",
      -1);
  g_autofree char *good = pdx_test_write_file (
      "good-checks.csv", "study,mouse,date,weight_g\nS1,M1,2024-03-20,20\nS1,M2,2024-03-20,21\n",
      -1);

  /* The statement is compiled and cached before the import, then used by it. */
  g_assert_cmpint (insert_through_cached_statement (db, -1), ==, SQLITE_CONSTRAINT_CHECK);
  g_assert_false (pdx_import_measurements (db, bad, NULL, NULL, NULL, &error));
  g_assert_error (error, PDX_IMPORT_ERROR, PDX_IMPORT_ERROR_VALUE);
  g_assert_nonnull (strstr (error->message, "expected a number of zero or more"));
  g_assert_cmpint (insert_through_cached_statement (db, -1), ==, SQLITE_CONSTRAINT_CHECK);
  g_assert_true (pdx_import_measurements (db, good, NULL, NULL, NULL, NULL));
  g_assert_cmpint (pdx_test_count (db, "measurement"), ==, 2);
  g_assert_cmpint (insert_through_cached_statement (db, 0), ==, SQLITE_CONSTRAINT_CHECK);
  g_clear_error (&error);
  g_assert_false (pdx_db_exec (db, "UPDATE measurement SET weight_g = -1", &error));
  g_assert_nonnull (strstr (error->message, "CHECK constraint failed"));
  g_assert_cmpint (insert_through_cached_statement (db, 22), ==, SQLITE_DONE);
  g_assert_true (pdx_db_check (db, NULL, NULL));
  /* Foreign keys, off around the import, are on again. */
  g_clear_error (&error);
  g_assert_false (pdx_db_exec (db,
                               "INSERT INTO measurement (mouse_id, date, weight_g)"
                               " VALUES (9999, '2024-03-20', 20)",
                               &error));
  g_assert_nonnull (strstr (error->message, "FOREIGN KEY constraint failed"));
  g_assert_cmpint (query_int (db, "PRAGMA foreign_keys"), ==, 1);
}

/* ---- what an import accepts (issue 10: findings 4, 5, 12) ---------------------------------- */

#define EH "study,arm,mouse,implant_date,end_date,end_reason,event\n"
/* On a row "S1,vehicle,M1,2024-03-01,2024-04-10," end_reason starts at column 37 (counted by
 * hand: 3 + 8 + 3 + 11 + 11 characters before it). */

/* The endpoint words of SPEC §3 (machine names and labels) and the synonyms documented in
 * docs/import-formats.md, written out here from the documentation, not taken from the code. */
static const struct
{
  const char     *text;
  PdxEndpointKind kind;
} accepted_reasons[] = {
  { "found_dead", PDX_ENDPOINT_FOUND_DEAD },
  { "Found dead", PDX_ENDPOINT_FOUND_DEAD },
  { "FOUND    dead", PDX_ENDPOINT_FOUND_DEAD },
  { "dead", PDX_ENDPOINT_FOUND_DEAD },
  { "Died", PDX_ENDPOINT_FOUND_DEAD },
  { "death", PDX_ENDPOINT_FOUND_DEAD },
  { "humane_neuro", PDX_ENDPOINT_HUMANE_NEURO },
  { "Humane endpoint: neurological signs", PDX_ENDPOINT_HUMANE_NEURO },
  { "neuro", PDX_ENDPOINT_HUMANE_NEURO },
  { "Neurological", PDX_ENDPOINT_HUMANE_NEURO },
  { "neurological signs", PDX_ENDPOINT_HUMANE_NEURO },
  { "humane_weight", PDX_ENDPOINT_HUMANE_WEIGHT },
  { "Humane endpoint: weight loss ≥ 20 %", PDX_ENDPOINT_HUMANE_WEIGHT },
  { "weight loss", PDX_ENDPOINT_HUMANE_WEIGHT },
  { "weight loss >= 20%", PDX_ENDPOINT_HUMANE_WEIGHT },
  { "end_of_study", PDX_ENDPOINT_END_OF_STUDY },
  { "End of study", PDX_ENDPOINT_END_OF_STUDY },
  { "EOS", PDX_ENDPOINT_END_OF_STUDY },
  { "censored", PDX_ENDPOINT_END_OF_STUDY },
  { "other", PDX_ENDPOINT_OTHER },
  { "Other", PDX_ENDPOINT_OTHER },
};

/* Sentences that merely contain a word: the two, and others a lab writes. */
static const char *const refused_reasons[] = {
  "\"end of study, no weight loss\"",
  "end of study - not dead",
  "euthanised",
  "weight",
  "neuro signs",
  "deadline",
  "dead?",
  "found dead (cage flood)",
  "not dead",
  "EOS 2",
};

static void
test_end_reason_vocabulary (void)
{
  g_autoptr (PdxDb) db = pdx_test_new_lab (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (accepted_reasons); i++)
    {
      g_autofree char *file = g_strdup_printf (EH "S%u,vehicle,M1,2024-03-01,2024-04-10,%s,\n", i,
                                               accepted_reasons[i].text);
      g_autofree char *kind = NULL, *note = NULL, *event = NULL;
      PdxImportReport  report = { 0 };

      g_test_message ("reason '%s'", accepted_reasons[i].text);
      import_ok (db, pdx_import_mice, "reasons.csv", file, &report);
      pdx_import_report_clear (&report);
      kind = query (db,
                    "SELECT e.kind FROM endpoint e JOIN mouse m ON m.id = e.mouse_id JOIN"
                    " study s ON s.id = m.study_id WHERE s.code = 'S%u'",
                    i);
      note = query (db,
                    "SELECT e.note FROM endpoint e JOIN mouse m ON m.id = e.mouse_id JOIN"
                    " study s ON s.id = m.study_id WHERE s.code = 'S%u'",
                    i);
      event = query (db,
                     "SELECT e.is_event FROM endpoint e JOIN mouse m ON m.id = e.mouse_id"
                     " JOIN study s ON s.id = m.study_id WHERE s.code = 'S%u'",
                     i);
      g_assert_cmpstr (kind, ==, pdx_endpoint_kind_to_string (accepted_reasons[i].kind));
      /* The lab's own words are kept, whatever the kind. */
      g_assert_cmpstr (note, ==, accepted_reasons[i].text);
      /* SPEC §3: deaths and humane endpoints are events, end of study and other are not. */
      g_assert_cmpstr (event, ==,
                       accepted_reasons[i].kind <= PDX_ENDPOINT_HUMANE_WEIGHT ? "1" : "0");
    }
  for (guint i = 0; i < G_N_ELEMENTS (refused_reasons); i++)
    {
      g_autofree char *file =
          g_strdup_printf (EH "R1,vehicle,M1,2024-03-01,2024-04-10,%s,\n", refused_reasons[i]);
      expect_refused (db, pdx_import_mice, "reasons.csv", file, -1, PDX_IMPORT_ERROR_VALUE, 2, 37,
                      NULL, "end_of_study");
    }
}

/* End of study is censored: event 1 with it is refused (at the event column, 37 + 13); a
 * death censored by event 0 (not caused by the tumour) is kept as the file says. */
static void
test_end_reason_event (void)
{
  g_autoptr (PdxDb) db = pdx_test_new_lab (NULL);
  g_autofree char *event = NULL;
  PdxImportReport  report = { 0 };

  expect_refused (db, pdx_import_mice, "event.csv",
                  EH "S1,vehicle,M1,2024-03-01,2024-04-10,end of study,1\n", -1,
                  PDX_IMPORT_ERROR_VALUE, 2, 50, "1", "censored");
  import_ok (db, pdx_import_mice, "event.csv", EH "S1,vehicle,M1,2024-03-01,2024-04-10,dead,0\n",
             &report);
  pdx_import_report_clear (&report);
  event = query (db, "SELECT kind || '/' || is_event || '/' || note FROM endpoint");
  g_assert_cmpstr (event, ==, "found_dead/0/dead");
}

/* The 6 + 6 example: free-text reasons that are all end of study, none of them a death;
 * before, three of them became events. Now the file is refused, nothing is stored. */
static void
test_end_reason_six_plus_six (void)
{
  g_autoptr (PdxDb) db = pdx_test_new_lab (NULL);
  g_autoptr (GString) file = g_string_new (EH);

  for (guint i = 1; i <= 6; i++)
    g_string_append_printf (file, "S1,vehicle,V%u,2024-03-01,2024-05-13,end of study,0\n", i);
  for (guint i = 1; i <= 6; i++)
    g_string_append_printf (file, "S1,drug,D%u,2024-03-01,2024-05-13,%s,0\n", i,
                            i % 2 ? "\"end of study, no weight loss\"" : "end of study - not dead");
  /* Line 8: the first drug row; end_reason after "S1,drug,D1,2024-03-01,2024-05-13," (34). */
  expect_refused (db, pdx_import_mice, "six.csv", file->str, -1, PDX_IMPORT_ERROR_VALUE, 8, 34,
                  NULL, NULL);
  g_assert_cmpint (pdx_test_count (db, "endpoint"), ==, 0);
}

/* Today plus @days, as YYYY-MM-DD, computed here from the clock. */
static char *
day_from_today (int days)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GDateTime) then = g_date_time_add_days (now, days);
  return g_date_time_format (then, "%Y-%m-%d");
}

/* Dates that have not happened yet: refused for implants, births, endpoints and measurements;
 * today itself is fine. */
static void
test_future_dates (void)
{
  g_autoptr (PdxDb) db = measurement_lab ();
  g_autofree char *later = day_from_today (43);
  g_autofree char *tomorrow = day_from_today (1);
  g_autofree char *today = day_from_today (0);
  g_autofree char *file = NULL;
  PdxImportReport  report = { 0 };

  /* "S1,vehicle,N1,," is 15 characters: implant_date at 16, birth_date at 15. */
  file = g_strdup_printf ("study,arm,mouse,birth_date,implant_date,end_date,end_reason\n"
                          "S1,vehicle,N1,,%s,,\n",
                          tomorrow);
  expect_refused (db, pdx_import_mice, "future.csv", file, -1, PDX_IMPORT_ERROR_VALUE, 2, 16,
                  tomorrow, "after today");
  g_free (file);
  file = g_strdup_printf ("study,arm,mouse,birth_date,implant_date,end_date,end_reason\n"
                          "S1,vehicle,N1,%s,,,\n",
                          tomorrow);
  expect_refused (db, pdx_import_mice, "future.csv", file, -1, PDX_IMPORT_ERROR_VALUE, 2, 15,
                  tomorrow, "after today");
  g_free (file);
  /* "S1,vehicle,N1,,2024-03-01," is 26 characters. */
  file = g_strdup_printf ("study,arm,mouse,birth_date,implant_date,end_date,end_reason\n"
                          "S1,vehicle,N1,,2024-03-01,%s,dead\n",
                          later);
  expect_refused (db, pdx_import_mice, "future.csv", file, -1, PDX_IMPORT_ERROR_VALUE, 2, 27, later,
                  "after today");
  g_free (file);
  file = g_strdup_printf (XH "S1,M1,%s,,20,,,,,\n", later);
  expect_refused (db, pdx_import_measurements, "future.csv", file, -1, PDX_IMPORT_ERROR_VALUE, 2, 7,
                  later, "after today");
  /* Day 3650 after day 0 (2024-03-15) is in 2034; the day column starts at 8. */
  expect_refused (db, pdx_import_measurements, "future.csv", XH "S1,M1,,3650,20,,,,,\n", -1,
                  PDX_IMPORT_ERROR_VALUE, 2, 8, "3650", "after today");
  g_free (file);
  file = g_strdup_printf (XH "S1,M1,%s,,20,,,,,\n", today);
  import_ok (db, pdx_import_measurements, "today.csv", file, &report);
  g_assert_cmpuint (report.measurements_created, ==, 1);
  pdx_import_report_clear (&report);
}

/* Impossible values (outside the hard range of docs/import-formats.md, not finite, or an
 * overflowing derived volume) are refused at their column; the lab is unchanged. */
static void
test_impossible_values (void)
{
  g_autoptr (PdxDb) db = measurement_lab ();

  /* The caliper 1e200 × 1e200: length at column 22. */
  expect_refused (db, pdx_import_measurements, "caliper.csv",
                  XH "S1,M1,2024-03-20,,,,,1e200,1e200,\n", -1, PDX_IMPORT_ERROR_VALUE, 2, 22,
                  "1e200", "impossible");
  /* 100 mm is possible for a length, but its volume (100 · 100² / 2 = 500,000 mm³) is not. */
  expect_refused (db, pdx_import_measurements, "caliper.csv", XH "S1,M1,2024-03-20,,,,,100,100,\n",
                  -1, PDX_IMPORT_ERROR_VALUE, 2, 22, NULL, "tumour volume");
  /* The 250 g mouse: weight at column 19. */
  expect_refused (db, pdx_import_measurements, "weight.csv", XH "S1,M1,2024-03-20,,250,,,,,\n", -1,
                  PDX_IMPORT_ERROR_VALUE, 2, 19, "250", "impossible");
  expect_refused (db, pdx_import_measurements, "weight.csv", XH "S1,M1,2024-03-20,,0.5,,,,,\n", -1,
                  PDX_IMPORT_ERROR_VALUE, 2, 19, "0.5", NULL);
  expect_refused (db, pdx_import_measurements, "bli.csv", XH "S1,M1,2024-03-20,,,2e15,,,,\n", -1,
                  PDX_IMPORT_ERROR_VALUE, 2, 20, "2e15", NULL);
  for (guint i = 0; i < 5; i++)
    {
      static const char *const texts[] = { "inf", "-inf", "NaN", "1e999", "0x1p3" };
      g_autofree char         *file = g_strdup_printf (XH "S1,M1,2024-03-20,,%s,,,,,\n", texts[i]);
      expect_refused (db, pdx_import_measurements, "numbers.csv", file, -1, PDX_IMPORT_ERROR_VALUE,
                      2, 19, texts[i], NULL);
    }
  g_assert_cmpint (pdx_test_count (db, "measurement"), ==, 0);
}

/* Values outside the usual range are listed (FILE:LINE:COLUMN each, ten at most, then "and N
 * more") and the import refused until it is run again accepting them. */
static void
test_unusual_values (void)
{
  g_autoptr (PdxDb) db = measurement_lab ();
  g_autofree char *path = pdx_test_write_file ("unusual.csv",
                                               XH "S1,M1,2024-03-20,,75,,,,,\n"
                                                  "S1,M2,2024-03-20,,,1e14,,,,\n",
                                               -1);
  g_autofree char *before = pdx_test_dump (db);
  g_autofree char *after = NULL;
  g_autofree char *first = NULL, *second = NULL, *weight = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) lines = NULL;
  PdxImportOptions options = { 0 };
  PdxImportReport  report = { 0 };

  g_assert_false (
      pdx_import_file (db, PDX_IMPORT_KIND_MEASUREMENTS, path, &options, &report, &error));
  g_assert_error (error, PDX_IMPORT_ERROR, PDX_IMPORT_ERROR_UNUSUAL);
  if (error == NULL)
    return;
  g_test_message ("%s", error->message);
  lines = g_strsplit (error->message, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  first = g_strdup_printf ("%s:2:19: 2 values are outside the usual range", path);
  g_assert_true (g_str_has_prefix (lines[0], first));
  g_free (first);
  first = g_strdup_printf ("  %s:2:19: body weight 75 g is unusual", path);
  second = g_strdup_printf ("  %s:3:20: BLI total flux 1e+14 photons/s is unusual", path);
  g_assert_true (lines[1] && g_str_has_prefix (lines[1], first));
  g_assert_true (lines[1] && lines[2] && g_str_has_prefix (lines[2], second));
  g_assert_cmpuint (report.n_unusual, ==, 2);
  g_assert_true (report.unusual && report.unusual->len == 2);
  pdx_import_report_clear (&report);
  after = pdx_test_dump (db);
  g_assert_cmpstr (after, ==, before);

  g_clear_error (&error);
  options.accept_unusual = TRUE;
  g_assert_true (
      pdx_import_file (db, PDX_IMPORT_KIND_MEASUREMENTS, path, &options, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.measurements_created, ==, 2);
  g_assert_cmpuint (report.n_unusual, ==, 2);
  pdx_import_report_clear (&report);
  weight = query (db, "SELECT weight_g FROM measurement WHERE weight_g IS NOT NULL");
  g_assert_cmpstr (weight, ==, "75.0");
}

static void
test_unusual_values_many (void)
{
  g_autoptr (PdxDb) db = measurement_lab ();
  g_autoptr (GString) file = g_string_new (XH);
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) lines = NULL;

  for (guint day = 1; day <= 12; day++)
    g_string_append_printf (file, "S1,M1,2024-04-%02u,,75,,,,,\n", day);
  path = pdx_test_write_file ("many.csv", file->str, -1);
  g_assert_false (pdx_import_measurements (db, path, NULL, NULL, NULL, &error));
  g_assert_error (error, PDX_IMPORT_ERROR, PDX_IMPORT_ERROR_UNUSUAL);
  if (error == NULL)
    return;
  lines = g_strsplit (error->message, "\n", -1);
  /* The summary, ten values (lines 2 to 11 of the file), "and 2 more". */
  g_assert_cmpuint (g_strv_length (lines), ==, 12);
  g_assert_true (strstr (lines[0], "12 values are outside the usual range") != NULL);
  g_assert_true (lines[10] && strstr (lines[10], "many.csv:11:19: body weight 75 g") != NULL);
  g_assert_cmpstr (lines[11], ==, "  and 2 more");
  g_assert_cmpint (pdx_test_count (db, "measurement"), ==, 0);
}

/* One control per study: a second, from its name or from control 1, is refused where it is. */
static void
test_two_controls (void)
{
  g_autoptr (PdxDb) db = pdx_test_new_lab (NULL);
  PdxImportReport report = { 0 };

  expect_refused (db, pdx_import_mice, "arms.csv",
                  "study,arm,mouse\nS1,vehicle,M1\nS1,control,M2\n", -1, PDX_IMPORT_ERROR_VALUE, 3,
                  4, "control", "already the control");
  /* "S1,B,M2," is 8 characters: control at column 9. */
  expect_refused (db, pdx_import_mice, "arms.csv",
                  "study,arm,mouse,control\nS1,A,M1,1\nS1,B,M2,1\n", -1, PDX_IMPORT_ERROR_VALUE, 3,
                  9, "1", "already the control");
  import_ok (db, pdx_import_mice, "arms.csv",
             "study,arm,mouse,control\nS1,vehicle,M1,\nS1,control,M2,0\n", &report);
  g_assert_cmpuint (report.arms_created, ==, 2);
  pdx_import_report_clear (&report);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM arm WHERE is_control"), ==, 1);
}

/* A value of 100,000 characters is quoted cut at 80 with its length; control characters (an
 * escape sequence, C1's CSI) are shown, never passed through. */
static void
test_message_values (void)
{
  g_autoptr (PdxDb) db = pdx_test_new_lab (NULL);
  g_autofree char *huge = g_strnfill (100000, 'X');
  g_autofree char *file = g_strdup_printf ("study,arm,mouse,sex\nS1,vehicle,M1,%s\n", huge);
  g_autofree char *path = pdx_test_write_file ("long.csv", file, -1);
  g_autoptr (GError) error = NULL;

  g_assert_false (pdx_import_mice (db, path, NULL, NULL, NULL, &error));
  g_assert_error (error, PDX_IMPORT_ERROR, PDX_IMPORT_ERROR_VALUE);
  g_assert_true (error && strlen (error->message) < strlen (path) + 200);
  g_assert_true (error && strstr (error->message, "… (100000 characters in all)"));
  g_clear_error (&error);

  g_free (path);
  path = pdx_test_write_file ("escape.csv",
                              "study,arm,mouse,sex\n"
                              "S1,vehicle,M1,\x1b]0;owned\x07\xc2\x9b"
                              "2J\n",
                              -1);
  g_assert_false (pdx_import_mice (db, path, NULL, NULL, NULL, &error));
  g_assert_true (error && strchr (error->message, '\x1b') == NULL);
  g_assert_true (error && strchr (error->message, '\x07') == NULL);
  g_assert_true (error && strstr (error->message, "\xc2\x9b") == NULL);
  g_assert_true (error && strstr (error->message, "'\\x1B]0;owned\\x07\\u{9B}2J'"));
}

/* An error in a file with CR-only line ends names its real line. */
static void
test_cr_only_file (void)
{
  g_autoptr (PdxDb) db = pdx_test_new_lab (NULL);

  expect_refused (db, pdx_import_mice, "mac.csv",
                  "study,arm,mouse,sex\rS1,vehicle,M1,F\rS1,vehicle,M2,X\r", -1,
                  PDX_IMPORT_ERROR_VALUE, 3, 15, "X", NULL);
}

/* The CLI: unusual values refused with the list and how to accept them; --accept-unusual
 * imports; a study code with an escape sequence is printed shown, by the import and by list. */
static void
test_cli_unusual_and_escapes (void)
{
  g_autofree char *lab = NULL;
  g_autoptr (PdxDb) db = pdx_test_new_lab (&lab);
  g_autofree char *mice = pdx_test_write_file ("mice.csv",
                                               "study,arm,mouse,implant_date\n"
                                               "S\x1b[2J"
                                               "1,vehicle,M1,2024-03-01\n",
                                               -1);
  g_autofree char *measurements = pdx_test_write_file ("m.csv",
                                                       "study,mouse,date,weight_g\nS\x1b[2J"
                                                       "1,M1,2024-03-20,75\n",
                                                       -1);
  const char      *cli = g_getenv ("PDXTRACK_CLI");
  g_autofree char *out = NULL, *err = NULL;
  int              status = 0;

  g_clear_pointer (&db, pdx_db_close);
  g_assert_nonnull (cli);
  {
    const char *argv[] = { cli, "--db", lab, "import", "mice", mice, NULL };
    g_assert_true (
        g_spawn_sync (NULL, (char **) argv, NULL, 0, NULL, NULL, &out, &err, &status, NULL));
    g_assert_cmpint (status, ==, 0);
    g_assert_null (strchr (out, '\x1b'));
    g_assert_nonnull (strstr (out, "S\\x1B[2J1"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  {
    const char *argv[] = { cli, "--db", lab, "list", "studies", NULL };
    g_assert_true (
        g_spawn_sync (NULL, (char **) argv, NULL, 0, NULL, NULL, &out, &err, &status, NULL));
    g_assert_cmpint (status, ==, 0);
    g_assert_null (strchr (out, '\x1b'));
    g_assert_nonnull (strstr (out, "S\\x1B[2J1"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  {
    const char *argv[] = { cli, "--db", lab, "import", "measurements", measurements, NULL };
    g_assert_true (
        g_spawn_sync (NULL, (char **) argv, NULL, 0, NULL, NULL, &out, &err, &status, NULL));
    g_assert_cmpint (status, !=, 0);
    g_assert_nonnull (strstr (err, "body weight 75 g is unusual"));
    g_assert_nonnull (strstr (err, "--accept-unusual"));
    /* The list keeps its lines: one value per indented line after the summary. */
    g_assert_nonnull (strstr (err, ":\n  "));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  {
    const char *argv[] = {
      cli, "--db", lab, "import", "measurements", measurements, "--accept-unusual", NULL
    };
    g_assert_true (
        g_spawn_sync (NULL, (char **) argv, NULL, 0, NULL, NULL, &out, &err, &status, NULL));
    g_test_message ("%s%s", out, err);
    g_assert_cmpint (status, ==, 0);
    g_assert_nonnull (strstr (out, "Accepted 1 value outside the usual range"));
  }
}

/* The lab (or its -wal) given as the file to import: refused without opening it (only SQLite
 * may: closing another descriptor drops its locks); the lab still passes check. */
static void
test_lab_as_input (void)
{
  g_autofree char *lab = NULL;
  g_autoptr (PdxDb) db = pdx_test_new_lab (&lab);
  g_autofree char *wal = g_strconcat (lab, "-wal", NULL);
  g_autoptr (GError) error = NULL;

  pdx_test_add_study (db, "S1", PDX_READOUT_BLI_FLUX, "2024-03-15");
  g_assert_false (pdx_import_mice (db, lab, NULL, NULL, NULL, &error));
  g_assert_error (error, PDX_IMPORT_ERROR, PDX_IMPORT_ERROR_IO);
  g_assert_true (error && strstr (error->message, "the lab itself"));
  g_clear_error (&error);
  if (g_file_test (wal, G_FILE_TEST_EXISTS))
    {
      g_assert_false (pdx_import_measurements (db, wal, NULL, NULL, NULL, &error));
      g_assert_error (error, PDX_IMPORT_ERROR, PDX_IMPORT_ERROR_IO);
      g_clear_error (&error);
    }
  g_assert_true (pdx_db_check (db, NULL, &error));
  g_assert_no_error (error);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  /* A failed check marks its test failed and the suite goes on, so that one run lists every
   * failing case; helpers return early where going on would dereference a missing result. */
  g_test_set_nonfatal_assertions ();
  g_test_add_func ("/import/mice/good", test_mice_good);
  g_test_add_func ("/import/mice/end-reason-vocabulary", test_end_reason_vocabulary);
  g_test_add_func ("/import/mice/end-reason-event", test_end_reason_event);
  g_test_add_func ("/import/mice/end-reason-six-plus-six", test_end_reason_six_plus_six);
  g_test_add_func ("/import/mice/two-controls", test_two_controls);
  g_test_add_func ("/import/values/future-dates", test_future_dates);
  g_test_add_func ("/import/values/impossible", test_impossible_values);
  g_test_add_func ("/import/values/unusual", test_unusual_values);
  g_test_add_func ("/import/values/unusual-many", test_unusual_values_many);
  g_test_add_func ("/import/messages/values", test_message_values);
  g_test_add_func ("/import/messages/cr-only", test_cr_only_file);
  g_test_add_func ("/import/cli/unusual-and-escapes", test_cli_unusual_and_escapes);
  g_test_add_func ("/import/lab-as-input", test_lab_as_input);
  g_test_add_func ("/import/mice/header-variants", test_mice_header_variants);
  g_test_add_func ("/import/mice/control-arm", test_mice_control_arm);
  g_test_add_func ("/import/mice/existing-study", test_mice_existing_study);
  g_test_add_func ("/import/mice/same-tag-two-studies", test_mice_same_tag_two_studies);
  g_test_add_func ("/import/mice/bad", test_mice_bad);
  g_test_add_func ("/import/mice/birth-after-implant", test_mice_birth_after_implant);
  g_test_add_func ("/import/mice/quote-then-space", test_mice_quote_then_space);
  g_test_add_func ("/import/mice/missing-file", test_mice_missing_file);
  g_test_add_func ("/import/mice/bom-column", test_mice_bom_column);
  g_test_add_func ("/import/mice/thousand-one-bad", test_mice_thousand_one_bad);
  g_test_add_func ("/import/mice/progress-cancel", test_mice_progress_cancel);
  g_test_add_func ("/import/mice/progress-bytes", test_mice_progress_bytes);
  g_test_add_func ("/import/measurements/good", test_measurements_good);
  g_test_add_func ("/import/measurements/restores-triggers",
                   test_measurements_import_restores_triggers);
  g_test_add_func ("/import/measurements/restores-checks",
                   test_measurements_import_restores_checks);
  g_test_add_func ("/import/measurements/day-only", test_measurements_day_only);
  g_test_add_func ("/import/measurements/merge", test_measurements_merge);
  g_test_add_func ("/import/measurements/merge-twice-in-file",
                   test_measurements_merge_twice_in_file);
  g_test_add_func ("/import/measurements/merge-audited", test_measurements_merge_audited);
  g_test_add_func ("/import/measurements/bad", test_measurements_bad);
  g_test_add_func ("/import/measurements/hex-number", test_measurements_hex_number);
  g_test_add_func ("/import/measurements/error-after-multiline-note",
                   test_measurements_error_after_multiline_note);
  g_test_add_func ("/import/measurements/thousand-one-bad", test_measurements_thousand_one_bad);
  g_test_add_func ("/import/pdxe/brca", test_pdxe_brca);
  g_test_add_func ("/import/pdxe/stray-quotes", test_pdxe_stray_quotes);
  g_test_add_func ("/import/pdxe/restart", test_pdxe_restart);
  g_test_add_func ("/import/pdxe/weights", test_pdxe_weights);
  g_test_add_func ("/import/pdxe/bad", test_pdxe_bad);
  g_test_add_func ("/import/pdxe/thousand-one-bad", test_pdxe_thousand_one_bad);
  return g_test_run ();
}
