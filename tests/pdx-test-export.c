/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-test-export.c — the export tests' shared studies and CSV reader (pdx-test-export.h). */
#include "pdx-test-export.h"

#include <string.h>

/* ---- building small studies --------------------------------------------------------------- */

static char *
iso_for_day (int day)
{
  GDate date;
  char  text[16];

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, G_DATE_MARCH, 2024);
  if (day >= 0)
    g_date_add_days (&date, day);
  else
    g_date_subtract_days (&date, -day);
  g_date_strftime (text, sizeof text, "%Y-%m-%d", &date);
  return g_strdup (text);
}

gint64
pdx_test_export_add_study (PdxDb *db, const char *code)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxStudy) study = pdx_study_new ();

  study->code = g_strdup (code);
  study->title = g_strdup ("Tucatinib in an intracranial HER2+ model");
  study->day0 = g_strdup (PDX_TEST_EXPORT_DAY0);
  study->status = g_strdup ("active");
  study->readout = PDX_READOUT_CALIPER_VOLUME;
  study->implant_site = g_strdup ("intracranial-striatum");
  g_assert_true (pdx_study_insert (db, study, &error));
  g_assert_no_error (error);
  return study->id;
}

gint64
pdx_test_export_add_arm (PdxDb *db, gint64 study_id, const char *name, gboolean control)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxArm) arm = pdx_arm_new ();

  arm->study_id = study_id;
  arm->name = g_strdup (name);
  arm->is_control = control;
  if (!control)
    {
      PdxAgent *agent = pdx_agent_new ();
      agent->drug = g_strdup (name);
      agent->dose = 50;
      agent->unit = g_strdup ("mg/kg");
      agent->route = g_strdup ("p.o.");
      agent->schedule = g_strdup ("bid");
      agent->first_day = 0;
      agent->last_day = 21;
      g_ptr_array_add (arm->agents, agent);
    }
  g_assert_true (pdx_arm_insert (db, arm, &error));
  g_assert_no_error (error);
  return arm->id;
}

gint64
pdx_test_export_add_mouse (
    PdxDb *db, gint64 study_id, gint64 arm_id, const char *tag, const char *excluded)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxMouse) mouse = pdx_mouse_new ();

  mouse->study_id = study_id;
  mouse->arm_id = arm_id;
  mouse->tag = g_strdup (tag);
  mouse->sex = g_strdup ("F");
  mouse->implant_date = g_strdup (PDX_TEST_EXPORT_IMPLANT);
  mouse->excluded = excluded != NULL;
  mouse->exclusion_reason = g_strdup (excluded);
  g_assert_true (pdx_mouse_insert (db, mouse, &error));
  g_assert_no_error (error);
  return mouse->id;
}

/* One measurement per day of @days with @volumes; weights go linearly from @weight_first to
 * @weight_last (NAN: not weighed). */
void
pdx_test_export_add_series (PdxDb        *db,
                            gint64        mouse_id,
                            const double *days,
                            const double *volumes,
                            guint         n,
                            double        weight_first,
                            double        weight_last)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PdxMeasurement) m = pdx_measurement_new ();

      m->mouse_id = mouse_id;
      m->date = iso_for_day ((int) days[i]);
      m->volume_mm3 = volumes[i];
      m->weight_g = weight_first + (weight_last - weight_first) * i / MAX (n - 1, 1);
      m->operator_name = g_strdup ("tester");
      g_assert_true (pdx_measurement_insert (db, m, &error));
      g_assert_no_error (error);
    }
}

void
pdx_test_export_add_endpoint (PdxDb *db, gint64 mouse_id, int day, PdxEndpointKind kind)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxEndpoint) endpoint = pdx_endpoint_new ();

  endpoint->mouse_id = mouse_id;
  endpoint->date = iso_for_day (day);
  endpoint->kind = kind;
  endpoint->is_event = pdx_endpoint_kind_is_event (kind);
  g_assert_true (pdx_endpoint_insert (db, endpoint, &error));
  g_assert_no_error (error);
}

/* Xeva's published vectors (SPEC §4): a PR and a PD. */
const double pdx_test_pr_days[] = { 0, 2, 5, 9, 12, 16, 19, 23, 26 };
const double pdx_test_pr_volumes[] = {
  199.7, 181.9, 172.7, 129.6, 91.3, 117.1, 122.7, 134.4, 143.3
};
const double pdx_test_pd_days[] = { 0, 3, 7, 11, 18, 22, 26, 30, 32, 35 };
const double pdx_test_pd_volumes[] = { 250.8, 320.4, 402.3, 382.6, 384,
                                       445.9, 460.2, 546.8, 554.3, 617.9 };

/* Study HB-1: Vehicle (control) V1 PD + humane endpoint day 40 with a 16 % weight loss, V2 PD
 * found dead day 36 with a 22 % loss, V3 excluded; Tucatinib T1 PR without endpoint, T2 PR end of
 * study day 45; Neratinib: both mice excluded. */
gint64
pdx_test_export_build_hb1 (PdxDb *db)
{
  gint64 study = pdx_test_export_add_study (db, "HB-1");
  gint64 vehicle = pdx_test_export_add_arm (db, study, "Vehicle", TRUE);
  gint64 tucatinib = pdx_test_export_add_arm (db, study, "Tucatinib", FALSE);
  gint64 neratinib = pdx_test_export_add_arm (db, study, "Neratinib", FALSE);
  gint64 v1 = pdx_test_export_add_mouse (db, study, vehicle, "V1", NULL);
  gint64 v2 = pdx_test_export_add_mouse (db, study, vehicle, "V2", NULL);
  gint64 t1, t2;

  pdx_test_export_add_mouse (db, study, vehicle, "V3", "failed implant");
  t1 = pdx_test_export_add_mouse (db, study, tucatinib, "T1", NULL);
  t2 = pdx_test_export_add_mouse (db, study, tucatinib, "T2", NULL);
  pdx_test_export_add_mouse (db, study, neratinib, "N1", "anaesthesia death");
  pdx_test_export_add_mouse (db, study, neratinib, "N2", "wrong strain");
  pdx_test_export_add_series (db, v1, pdx_test_pd_days, pdx_test_pd_volumes,
                              G_N_ELEMENTS (pdx_test_pd_days), 20.0, 16.8);
  pdx_test_export_add_series (db, v2, pdx_test_pd_days, pdx_test_pd_volumes,
                              G_N_ELEMENTS (pdx_test_pd_days), 20.0, 15.6);
  pdx_test_export_add_series (db, t1, pdx_test_pr_days, pdx_test_pr_volumes,
                              G_N_ELEMENTS (pdx_test_pr_days), 21.0, 21.5);
  pdx_test_export_add_series (db, t2, pdx_test_pr_days, pdx_test_pr_volumes,
                              G_N_ELEMENTS (pdx_test_pr_days), 19.0, 19.0);
  pdx_test_export_add_endpoint (db, v1, 40, PDX_ENDPOINT_HUMANE_NEURO);
  pdx_test_export_add_endpoint (db, v2, 36, PDX_ENDPOINT_FOUND_DEAD);
  pdx_test_export_add_endpoint (db, t2, 45, PDX_ENDPOINT_END_OF_STUDY);
  return study;
}
/* ---- reading a CSV back -------------------------------------------------------------------- */

void
pdx_test_csv_free (PdxTestCsv *csv)
{
  g_ptr_array_unref (csv->header);
  g_ptr_array_unref (csv->rows);
  g_free (csv->seal);
  g_free (csv);
}

PdxTestCsv *
pdx_test_csv_read (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxCsvReader) reader = pdx_csv_reader_open (path, &error);
  PdxTestCsv *csv = g_new0 (PdxTestCsv, 1);
  char      **fields;
  guint       n;

  g_assert_no_error (error);
  csv->header = g_ptr_array_new_with_free_func (g_free);
  csv->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_assert_true (pdx_csv_reader_next (reader, &fields, &n, &error));
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (csv->header, g_strdup (fields[i]));
  while (pdx_csv_reader_next (reader, &fields, &n, &error))
    {
      GPtrArray *row;

      g_assert_null (csv->seal); /* the seal's line is the last */
      if (n == 1 && g_str_has_prefix (fields[0], "# audit seal "))
        {
          csv->seal = g_strdup (fields[0] + strlen ("# audit seal "));
          continue;
        }
      row = g_ptr_array_new_with_free_func (g_free);
      g_assert_cmpuint (n, ==, csv->header->len);
      for (guint i = 0; i < n; i++)
        g_ptr_array_add (row, g_strdup (fields[i]));
      g_ptr_array_add (csv->rows, row);
    }
  g_assert_no_error (error);
  g_assert_nonnull (csv->seal);
  return csv;
}

const char *
pdx_test_csv_get (PdxTestCsv *csv, guint row, const char *column)
{
  for (guint c = 0; c < csv->header->len; c++)
    if (g_str_equal (g_ptr_array_index (csv->header, c), column))
      return g_ptr_array_index ((GPtrArray *) g_ptr_array_index (csv->rows, row), c);
  g_error ("no column %s", column);
  return NULL;
}

/* The row whose "arm" is @arm. */
guint
pdx_test_csv_arm_row (PdxTestCsv *csv, const char *arm)
{
  for (guint r = 0; r < csv->rows->len; r++)
    if (g_str_equal (pdx_test_csv_get (csv, r, "arm"), arm))
      return r;
  g_error ("no arm %s", arm);
  return 0;
}

double
pdx_test_csv_number (PdxTestCsv *csv, guint row, const char *column)
{
  const char *text = pdx_test_csv_get (csv, row, column);
  char       *end = NULL;
  double      value;

  if (*text == '\0')
    return NAN;
  value = g_ascii_strtod (text, &end);
  g_assert_true (end && *end == '\0');
  return value;
}

/* A study with arms and mice but no measurement, and one with measurements but no endpoint. */
gint64
pdx_test_export_build_empty (PdxDb *db, gboolean measurements)
{
  gint64 study = pdx_test_export_add_study (db, measurements ? "NOEND" : "NOMEAS");
  gint64 vehicle = pdx_test_export_add_arm (db, study, "Vehicle", TRUE);
  gint64 lapatinib = pdx_test_export_add_arm (db, study, "Lapatinib", FALSE);
  gint64 a = pdx_test_export_add_mouse (db, study, vehicle, "A", NULL);
  gint64 b = pdx_test_export_add_mouse (db, study, lapatinib, "B", NULL);

  if (measurements)
    {
      pdx_test_export_add_series (db, a, pdx_test_pd_days, pdx_test_pd_volumes,
                                  G_N_ELEMENTS (pdx_test_pd_days), 20, 19);
      pdx_test_export_add_series (db, b, pdx_test_pr_days, pdx_test_pr_volumes,
                                  G_N_ELEMENTS (pdx_test_pr_days), 20, 20);
    }
  return study;
}

PdxDb *
pdx_test_export_new_demo_lab (void)
{
  g_autoptr (GError) error = NULL;
  PdxDb         *db = pdx_test_new_lab (NULL);
  PdxDemoOptions options = { .seed = 42 };

  pdx_demo_generate (db, &options, &error);
  g_assert_no_error (error);
  return db;
}
