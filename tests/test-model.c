/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-model.c — the domain API: each validation rule of SPEC §3, the caliper rule, arms with
 * combination agents, deletion, and the audit entries every change writes. */
#include "pdx-test-util.h"
#include "store/pdx-store-sqlite.h"

#include <math.h>
#include <string.h>

typedef struct
{
  PdxDb *db;
  gint64 study_id, arm_id, mouse_id;
} Lab;

/* A lab with a study (day 0 2024-03-15), an arm and a mouse implanted 2024-03-01. */
static void
lab_setup (Lab *lab, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxStudy) study = pdx_study_new ();
  g_autoptr (PdxArm) arm = pdx_arm_new ();
  g_autoptr (PdxMouse) mouse = pdx_mouse_new ();

  lab->db = pdx_test_new_lab (NULL);
  study->code = g_strdup ("S1");
  study->day0 = g_strdup ("2024-03-15");
  study->status = g_strdup ("active");
  g_assert_true (pdx_study_insert (lab->db, study, &error));
  arm->study_id = study->id;
  arm->name = g_strdup ("Vehicle");
  arm->is_control = TRUE;
  g_assert_true (pdx_arm_insert (lab->db, arm, &error));
  mouse->study_id = study->id;
  mouse->arm_id = arm->id;
  mouse->tag = g_strdup ("M1");
  mouse->implant_date = g_strdup ("2024-03-01");
  g_assert_true (pdx_mouse_insert (lab->db, mouse, &error));
  g_assert_no_error (error);
  lab->study_id = study->id;
  lab->arm_id = arm->id;
  lab->mouse_id = mouse->id;
}

static void
lab_teardown (Lab *lab, gconstpointer data)
{
  pdx_db_close (lab->db);
}

static PdxMeasurement *
measurement_on (Lab *lab, const char *date)
{
  PdxMeasurement *m = pdx_measurement_new ();
  m->mouse_id = lab->mouse_id;
  m->date = g_strdup (date);
  return m;
}

/* The change must be refused with @code, and the lab must be exactly as before. */
#define ASSERT_REFUSED(lab, call, code, fragment)                                                  \
  G_STMT_START                                                                                     \
  {                                                                                                \
    g_autofree char *before_ = pdx_test_dump ((lab)->db);                                          \
    g_autofree char *after_ = NULL;                                                                \
    g_autoptr (GError) error_ = NULL;                                                              \
    g_assert_false (call);                                                                         \
    g_assert_error (error_, PDX_DB_ERROR, code);                                                   \
    g_assert_nonnull (strstr (error_->message, fragment));                                         \
    after_ = pdx_test_dump ((lab)->db);                                                            \
    g_assert_cmpstr (before_, ==, after_);                                                         \
  }                                                                                                \
  G_STMT_END

/* Values below zero are refused whatever the field. */
static void
test_negative_values (Lab *lab, gconstpointer data)
{
  static const gsize fields[] = {
    G_STRUCT_OFFSET (PdxMeasurement, volume_mm3),
    G_STRUCT_OFFSET (PdxMeasurement, bli_flux),
    G_STRUCT_OFFSET (PdxMeasurement, mri_volume_mm3),
    G_STRUCT_OFFSET (PdxMeasurement, weight_g),
  };
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autoptr (PdxMeasurement) m = measurement_on (lab, "2024-03-20");
      G_STRUCT_MEMBER (double, m, fields[i]) = -1.0;
      ASSERT_REFUSED (lab, pdx_measurement_insert (lab->db, m, &error_), PDX_DB_ERROR_INVALID,
                      "non-negative");
    }
  {
    g_autoptr (PdxMeasurement) m = measurement_on (lab, "2024-03-20");
    m->length_mm = 5;
    m->width_mm = -2;
    ASSERT_REFUSED (lab, pdx_measurement_insert (lab->db, m, &error_), PDX_DB_ERROR_INVALID,
                    "non-negative");
  }
  {
    g_autoptr (PdxArm) arm = pdx_arm_new ();
    PdxAgent *agent = pdx_agent_new ();
    arm->study_id = lab->study_id;
    arm->name = g_strdup ("T-DM1");
    agent->drug = g_strdup ("T-DM1");
    agent->dose = -10;
    g_ptr_array_add (arm->agents, agent);
    ASSERT_REFUSED (lab, pdx_arm_insert (lab->db, arm, &error_), PDX_DB_ERROR_INVALID, "dose");
  }
}

static void
test_neuro_score_range (Lab *lab, gconstpointer data)
{
  g_autoptr (PdxMeasurement) m = measurement_on (lab, "2024-03-20");
  m->neuro_score = 5;
  ASSERT_REFUSED (lab, pdx_measurement_insert (lab->db, m, &error_), PDX_DB_ERROR_INVALID,
                  "neurological score");
}

static void
test_measurement_dates (Lab *lab, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxEndpoint) endpoint = pdx_endpoint_new ();

  {
    g_autoptr (PdxMeasurement) m = measurement_on (lab, "2024-02-28");
    m->bli_flux = 1e6;
    ASSERT_REFUSED (lab, pdx_measurement_insert (lab->db, m, &error_), PDX_DB_ERROR_INVALID,
                    "before its implant date 2024-03-01");
  }
  {
    g_autoptr (PdxMeasurement) m = measurement_on (lab, "2024-04-31");
    m->bli_flux = 1e6;
    ASSERT_REFUSED (lab, pdx_measurement_insert (lab->db, m, &error_), PDX_DB_ERROR_INVALID,
                    "not a date");
  }
  endpoint->mouse_id = lab->mouse_id;
  endpoint->date = g_strdup ("2024-04-10");
  endpoint->kind = PDX_ENDPOINT_HUMANE_NEURO;
  endpoint->is_event = TRUE;
  g_assert_true (pdx_endpoint_insert (lab->db, endpoint, &error));
  {
    g_autoptr (PdxMeasurement) m = measurement_on (lab, "2024-04-11");
    m->bli_flux = 1e6;
    ASSERT_REFUSED (lab, pdx_measurement_insert (lab->db, m, &error_), PDX_DB_ERROR_INVALID,
                    "after its endpoint on 2024-04-10");
  }
  {
    g_autoptr (PdxMeasurement) m = measurement_on (lab, "2024-04-10");
    m->bli_flux = 1e6;
    g_assert_true (pdx_measurement_insert (lab->db, m, &error));
    g_assert_no_error (error);
  }
  /* The schema enforces the rule against any writer, not only the API. */
  ASSERT_REFUSED (lab,
                  pdx_db_exec (lab->db, "UPDATE mouse SET implant_date = '2024-04-12'", &error_),
                  PDX_DB_ERROR_SQLITE, "implant date is after");
}

static void
test_endpoint_before_measurement (Lab *lab, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxMeasurement) m = measurement_on (lab, "2024-03-25");
  g_autoptr (PdxEndpoint) e = pdx_endpoint_new ();

  m->weight_g = 21.5;
  g_assert_true (pdx_measurement_insert (lab->db, m, &error));
  e->mouse_id = lab->mouse_id;
  e->date = g_strdup ("2024-03-20");
  e->kind = PDX_ENDPOINT_FOUND_DEAD;
  ASSERT_REFUSED (lab, pdx_endpoint_insert (lab->db, e, &error_), PDX_DB_ERROR_INVALID,
                  "before a measurement");
}

static void
test_unique_codes_and_tags (Lab *lab, gconstpointer data)
{
  g_autoptr (PdxStudy) again = pdx_study_new ();
  g_autoptr (PdxMouse) twin = pdx_mouse_new ();
  g_autoptr (PdxLine) line = pdx_line_new ();
  g_autoptr (PdxLine) line2 = pdx_line_new ();
  g_autoptr (GError) error = NULL;

  again->code = g_strdup ("S1");
  again->day0 = g_strdup ("2024-01-01");
  again->status = g_strdup ("active");
  ASSERT_REFUSED (lab, pdx_study_insert (lab->db, again, &error_), PDX_DB_ERROR_DUPLICATE,
                  "study S1");
  twin->study_id = lab->study_id;
  twin->tag = g_strdup ("M1");
  ASSERT_REFUSED (lab, pdx_mouse_insert (lab->db, twin, &error_), PDX_DB_ERROR_DUPLICATE,
                  "mouse M1");
  line->code = g_strdup ("BCBM-001");
  line->status = g_strdup ("active");
  g_assert_true (pdx_line_insert (lab->db, line, &error));
  line2->code = g_strdup ("BCBM-001");
  line2->status = g_strdup ("banked");
  ASSERT_REFUSED (lab, pdx_line_insert (lab->db, line2, &error_), PDX_DB_ERROR_DUPLICATE,
                  "BCBM-001");
}

static void
test_exclusion_needs_reason (Lab *lab, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxMouse) mouse = pdx_mouse_get (lab->db, lab->mouse_id, &error);

  mouse->excluded = TRUE;
  ASSERT_REFUSED (lab, pdx_mouse_update (lab->db, mouse, &error_), PDX_DB_ERROR_INVALID,
                  "needs a reason");
  mouse->exclusion_reason = g_strdup ("   ");
  ASSERT_REFUSED (lab, pdx_mouse_update (lab->db, mouse, &error_), PDX_DB_ERROR_INVALID,
                  "needs a reason");
  g_free (mouse->exclusion_reason);
  mouse->exclusion_reason = g_strdup ("No BLI signal at randomisation");
  g_assert_true (pdx_mouse_update (lab->db, mouse, &error));
  g_assert_no_error (error);
}

static void
test_vocabularies (Lab *lab, gconstpointer data)
{
  g_autoptr (PdxPatient) p = pdx_patient_new ();
  g_autoptr (PdxStudy) s = pdx_study_new ();

  p->code = g_strdup ("P1");
  p->her2_ihc = g_strdup ("4+");
  ASSERT_REFUSED (lab, pdx_patient_insert (lab->db, p, &error_), PDX_DB_ERROR_INVALID,
                  "HER2 IHC '4+'");
  s->code = g_strdup ("S2");
  s->day0 = g_strdup ("2024-01-01");
  s->status = g_strdup ("active");
  s->implant_site = g_strdup ("liver");
  ASSERT_REFUSED (lab, pdx_study_insert (lab->db, s, &error_), PDX_DB_ERROR_INVALID,
                  "implant site");
}

/* L and W are swapped so that L >= W, and the volume is L·W²/2 (SPEC §3). */
static void
test_caliper (Lab *lab, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxMeasurement) m = measurement_on (lab, "2024-03-20");
  g_autoptr (PdxMeasurement) stored = NULL;

  m->length_mm = 6.0;
  m->width_mm = 9.0;
  m->volume_mm3 = 1.0; /* replaced by the derived volume */
  g_assert_true (pdx_measurement_insert (lab->db, m, &error));
  stored = pdx_measurement_get (lab->db, m->id, &error);
  g_assert_cmpfloat (stored->length_mm, ==, 9.0);
  g_assert_cmpfloat (stored->width_mm, ==, 6.0);
  g_assert_cmpfloat_with_epsilon (stored->volume_mm3, 9.0 * 6.0 * 6.0 / 2.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (pdx_caliper_volume (4, 10), 80.0, 1e-12);
  g_assert_true (isnan (pdx_caliper_volume (NAN, 3)));
  /* Only one caliper dimension is refused. */
  {
    g_autoptr (PdxMeasurement) half = measurement_on (lab, "2024-03-21");
    half->length_mm = 5;
    ASSERT_REFUSED (lab, pdx_measurement_insert (lab->db, half, &error_), PDX_DB_ERROR_INVALID,
                    "both length and width");
  }
}

static void
test_upsert_same_date (Lab *lab, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxMeasurement) first = measurement_on (lab, "2024-03-20");
  g_autoptr (PdxMeasurement) second = measurement_on (lab, "2024-03-20");
  g_autoptr (GPtrArray) all = NULL;

  first->weight_g = 21.0;
  g_assert_true (pdx_measurement_upsert (lab->db, first, &error));
  second->weight_g = 20.5;
  second->bli_flux = 3.2e7;
  pdx_db_set_reason (lab->db, "re-weighed"); /* the weight was saved: its change needs one */
  g_assert_true (pdx_measurement_upsert (lab->db, second, &error));
  g_assert_cmpint (second->id, ==, first->id);
  all = pdx_measurement_list_for_mouse (lab->db, lab->mouse_id, &error);
  g_assert_cmpuint (all->len, ==, 1);
  g_assert_cmpfloat (((PdxMeasurement *) all->pdata[0])->weight_g, ==, 20.5);
}

/* Issue 12 ("Why"), the net under the model: a saved measurement or endpoint is not changed or
 * deleted without a reason, by the model or by SQL of any program that runs the lab's
 * functions; nothing changes then. With a reason each goes through and its entry carries it. */
static void
test_reason_net (Lab *lab, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxMeasurement) m = measurement_on (lab, "2024-03-20");
  g_autoptr (PdxEndpoint) e = pdx_endpoint_new ();
  sqlite3    *handle = pdx_db_get_handle (lab->db);
  const char *sql[] = { "UPDATE measurement SET weight_g = 19", "DELETE FROM measurement",
                        "UPDATE endpoint SET date = '2024-04-02'", "DELETE FROM endpoint" };

  m->weight_g = 21.0;
  g_assert_true (pdx_measurement_insert (lab->db, m, &error));
  e->mouse_id = lab->mouse_id;
  e->date = g_strdup ("2024-04-01");
  e->kind = PDX_ENDPOINT_HUMANE_NEURO;
  e->is_event = TRUE;
  g_assert_true (pdx_endpoint_insert (lab->db, e, &error));
  g_assert_no_error (error);
  m->weight_g = 20.0;
  ASSERT_REFUSED (lab, pdx_measurement_update (lab->db, m, &error_), PDX_DB_ERROR_INVALID,
                  "changing or deleting a saved measurement needs a reason");
  ASSERT_REFUSED (lab, pdx_row_delete (lab->db, PDX_TABLE_ENDPOINT, e->id, &error_),
                  PDX_DB_ERROR_INVALID, "changing or deleting a saved endpoint needs a reason");
  for (guint i = 0; i < G_N_ELEMENTS (sql); i++)
    {
      g_autofree char *before = pdx_test_dump (lab->db), *after = NULL;

      g_assert_cmpint (sqlite3_exec (handle, sql[i], NULL, NULL, NULL) & 0xff, ==,
                       SQLITE_CONSTRAINT);
      g_assert_nonnull (strstr (sqlite3_errmsg (handle), "needs a reason"));
      after = pdx_test_dump (lab->db);
      g_assert_cmpstr (before, ==, after);
    }
  pdx_db_set_reason (lab->db, "Instrument error");
  for (guint i = 0; i < G_N_ELEMENTS (sql); i++)
    g_assert_cmpint (sqlite3_exec (handle, sql[i], NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (pdx_test_count (lab->db, "audit_log WHERE action IN ('update', 'delete')"
                                            " AND reason = 'Instrument error'"),
                   ==, 4);
  g_assert_cmpint (pdx_test_count (lab->db, "measurement"), ==, 0);
}

static void
test_arm_of_other_study (Lab *lab, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxStudy) other = pdx_study_new ();
  g_autoptr (PdxMouse) mouse = pdx_mouse_new ();

  other->code = g_strdup ("S2");
  other->day0 = g_strdup ("2024-01-01");
  other->status = g_strdup ("active");
  g_assert_true (pdx_study_insert (lab->db, other, &error));
  mouse->study_id = other->id;
  mouse->arm_id = lab->arm_id;
  mouse->tag = g_strdup ("X1");
  ASSERT_REFUSED (lab, pdx_mouse_insert (lab->db, mouse, &error_), PDX_DB_ERROR_INVALID,
                  "another study");
}

static void
test_combination_arm (Lab *lab, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxArm) arm = pdx_arm_new ();
  g_autoptr (PdxArm) stored = NULL;
  const char *drugs[] = { "Tucatinib", "Trastuzumab" };

  arm->study_id = lab->study_id;
  arm->name = g_strdup ("Tucatinib + trastuzumab");
  arm->colour = g_strdup ("#0072B2");
  for (guint i = 0; i < 2; i++)
    {
      PdxAgent *agent = pdx_agent_new ();
      agent->drug = g_strdup (drugs[i]);
      agent->dose = i == 0 ? 50 : 10;
      agent->unit = g_strdup ("mg/kg");
      agent->first_day = 0;
      agent->last_day = 28;
      g_ptr_array_add (arm->agents, agent);
    }
  g_assert_true (pdx_arm_insert (lab->db, arm, &error));
  stored = pdx_arm_get (lab->db, arm->id, &error);
  g_assert_cmpuint (stored->agents->len, ==, 2);
  g_assert_cmpstr (((PdxAgent *) stored->agents->pdata[1])->drug, ==, "Trastuzumab");
  g_assert_cmpfloat (((PdxAgent *) stored->agents->pdata[0])->dose, ==, 50);
  arm->colour[1] = 'Z';
  ASSERT_REFUSED (lab, pdx_arm_update (lab->db, arm, &error_), PDX_DB_ERROR_INVALID, "colour");
}

static void
test_delete_in_use (Lab *lab, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  ASSERT_REFUSED (lab, pdx_row_delete (lab->db, PDX_TABLE_STUDY, lab->study_id, &error_),
                  PDX_DB_ERROR_IN_USE, "still referred to");
  ASSERT_REFUSED (lab, pdx_row_delete (lab->db, PDX_TABLE_MOUSE, 9999, &error_),
                  PDX_DB_ERROR_NOT_FOUND, "no mouse");
  g_assert_true (pdx_row_delete (lab->db, PDX_TABLE_MOUSE, lab->mouse_id, &error));
  g_assert_no_error (error);
}

/* Every change writes one audit entry: who, what, which row, old and new values, and why. */
static void
test_audit_entries (Lab *lab, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxMouse) mouse = pdx_mouse_get (lab->db, lab->mouse_id, &error);
  g_autoptr (GPtrArray) entries = NULL;
  PdxAuditFilter       filter = { .study_id = lab->study_id, .mouse_tag = "M1" };
  const PdxAuditEntry *newest;

  pdx_db_set_operator (lab->db, "R. Okafor");
  pdx_db_set_reason (lab->db, "cage move after fight");
  g_free (mouse->cage);
  mouse->cage = g_strdup ("C07");
  g_assert_true (pdx_mouse_update (lab->db, mouse, &error));
  pdx_db_set_reason (lab->db, NULL);
  entries = pdx_audit_list (lab->db, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 2); /* insert, update */
  newest = entries->pdata[0];
  g_assert_cmpstr (newest->action, ==, "update");
  g_assert_cmpstr (newest->table_name, ==, "mouse");
  g_assert_cmpint (newest->row_id, ==, lab->mouse_id);
  g_assert_cmpstr (newest->operator_name, ==, "R. Okafor");
  g_assert_cmpstr (newest->reason, ==, "cage move after fight");
  g_assert_cmpstr (newest->mouse_tag, ==, "M1");
  g_assert_nonnull (strstr (newest->old_values, "\"cage\":null"));
  g_assert_nonnull (strstr (newest->new_values, "\"cage\":\"C07\""));
  g_assert_cmpstr (((PdxAuditEntry *) entries->pdata[1])->action, ==, "insert");
  /* An update that changes nothing writes nothing. */
  g_assert_true (pdx_mouse_update (lab->db, mouse, &error));
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = pdx_audit_list (lab->db, &filter, &error);
  g_assert_cmpuint (entries->len, ==, 2);
  /* Deletion keeps the old values. */
  g_assert_true (pdx_row_delete (lab->db, PDX_TABLE_MOUSE, lab->mouse_id, &error));
  g_clear_pointer (&entries, g_ptr_array_unref);
  filter.mouse_tag = NULL;
  filter.operator_name = "R. Okafor";
  entries = pdx_audit_list (lab->db, &filter, &error);
  g_assert_cmpuint (entries->len, ==, 2);
  g_assert_cmpstr (((PdxAuditEntry *) entries->pdata[0])->action, ==, "delete");
  g_assert_nonnull (strstr (((PdxAuditEntry *) entries->pdata[0])->old_values, "\"tag\":\"M1\""));
  /* The deleted mouse is still named in its entries. */
  g_assert_cmpstr (((PdxAuditEntry *) entries->pdata[0])->mouse_tag, ==, "M1");
}

static void
test_study_data (Lab *lab, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxStudyData) sd = NULL;
  const char *dates[] = { "2024-03-14", "2024-03-21", "2024-03-28" };
  g_autoptr (PdxEndpoint) e = pdx_endpoint_new ();

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr (PdxMeasurement) m = measurement_on (lab, dates[i]);
      m->bli_flux = 1e6 * (i + 1);
      m->weight_g = 20 + i;
      g_assert_true (pdx_measurement_insert (lab->db, m, &error));
    }
  sd = pdx_study_data_load (lab->db, lab->study_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sd->n_mice, ==, 1);
  g_assert_cmpuint (sd->mice[0].n, ==, 3);
  g_assert_cmpfloat (sd->mice[0].day[0], ==, -1);
  g_assert_cmpfloat (sd->mice[0].day[2], ==, 13);
  g_assert_cmpfloat (sd->mice[0].value[1], ==, 2e6);
  g_assert_cmpfloat (sd->mice[0].implant_day, ==, -14);
  /* No endpoint: censored at the last observation, from the implant date. */
  g_assert_false (sd->mice[0].survival_event);
  g_assert_cmpfloat (sd->mice[0].survival_days, ==, 27);
  g_assert_cmpint (pdx_study_data_get_control (sd), ==, 0);
  g_clear_pointer (&sd, pdx_study_data_free);
  e->mouse_id = lab->mouse_id;
  e->date = g_strdup ("2024-04-02");
  e->kind = PDX_ENDPOINT_HUMANE_NEURO;
  e->is_event = TRUE;
  g_assert_true (pdx_endpoint_insert (lab->db, e, &error));
  sd = pdx_study_data_load (lab->db, lab->study_id, &error);
  g_assert_true (sd->mice[0].survival_event);
  g_assert_cmpfloat (sd->mice[0].survival_days, ==, 32);
}

/* ---- impossible values, future dates, one control (issue 10, findings 5 and 12) ------------ */

static char *
day_from_today (int days)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GDateTime) then = g_date_time_add_days (now, days);
  return g_date_time_format (then, "%Y-%m-%d");
}

/* Every writer (the sheet, the CLI, an importer) goes through these: impossible values and
 * non-finite numbers are refused, whatever the field. */
static void
test_impossible_measurements (Lab *lab, gconstpointer data)
{
  static const struct
  {
    gsize       field;
    double      value;
    const char *fragment;
  } cases[] = {
    { G_STRUCT_OFFSET (PdxMeasurement, weight_g), 250, "body weight" },
    { G_STRUCT_OFFSET (PdxMeasurement, weight_g), INFINITY, "body weight" },
    { G_STRUCT_OFFSET (PdxMeasurement, volume_mm3), INFINITY, "volume" },
    { G_STRUCT_OFFSET (PdxMeasurement, volume_mm3), 1e300, "tumour volume" },
    { G_STRUCT_OFFSET (PdxMeasurement, bli_flux), 1e16, "BLI total flux" },
    { G_STRUCT_OFFSET (PdxMeasurement, mri_volume_mm3), 1e6, "MRI volume" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (PdxMeasurement) m = measurement_on (lab, "2024-03-20");
      *(double *) G_STRUCT_MEMBER_P (m, cases[i].field) = cases[i].value;
      ASSERT_REFUSED (lab, pdx_measurement_insert (lab->db, m, &error_), PDX_DB_ERROR_INVALID,
                      cases[i].fragment);
    }
  {
    /* The caliper: 1e200 × 1e200 would store an infinite volume. */
    g_autoptr (PdxMeasurement) m = measurement_on (lab, "2024-03-20");
    m->length_mm = m->width_mm = 1e200;
    ASSERT_REFUSED (lab, pdx_measurement_insert (lab->db, m, &error_), PDX_DB_ERROR_INVALID,
                    "caliper length");
  }
  {
    /* 100 × 100 mm: each possible, the volume (500,000 mm³) not. */
    g_autoptr (PdxMeasurement) m = measurement_on (lab, "2024-03-20");
    m->length_mm = m->width_mm = 100;
    ASSERT_REFUSED (lab, pdx_measurement_insert (lab->db, m, &error_), PDX_DB_ERROR_INVALID,
                    "tumour volume");
  }
  {
    /* Unusual but possible (75 g): the model stores it; confirming is the caller's. */
    g_autoptr (PdxMeasurement) m = measurement_on (lab, "2024-03-20");
    g_autoptr (GError) error = NULL;
    m->weight_g = 75;
    g_assert_true (pdx_measurement_insert (lab->db, m, &error));
    g_assert_no_error (error);
  }
}

static void
test_future_dates (Lab *lab, gconstpointer data)
{
  g_autofree char *later = day_from_today (43);
  g_autofree char *today = day_from_today (0);
  g_autoptr (PdxMeasurement) m = measurement_on (lab, later);
  g_autoptr (PdxMeasurement) now = measurement_on (lab, today);
  g_autoptr (PdxMouse) mouse = pdx_mouse_new ();
  g_autoptr (PdxEndpoint) endpoint = pdx_endpoint_new ();
  g_autoptr (GError) error = NULL;

  m->weight_g = 21;
  ASSERT_REFUSED (lab, pdx_measurement_insert (lab->db, m, &error_), PDX_DB_ERROR_INVALID,
                  "after today");
  now->weight_g = 21;
  g_assert_true (pdx_measurement_insert (lab->db, now, &error));
  g_assert_no_error (error);
  mouse->study_id = lab->study_id;
  mouse->tag = g_strdup ("M2");
  mouse->implant_date = g_strdup (later);
  ASSERT_REFUSED (lab, pdx_mouse_insert (lab->db, mouse, &error_), PDX_DB_ERROR_INVALID,
                  "implant date");
  g_free (mouse->implant_date);
  mouse->implant_date = NULL;
  mouse->birth_date = g_strdup (later);
  ASSERT_REFUSED (lab, pdx_mouse_insert (lab->db, mouse, &error_), PDX_DB_ERROR_INVALID,
                  "birth date");
  endpoint->mouse_id = lab->mouse_id;
  endpoint->date = g_strdup (later);
  endpoint->kind = PDX_ENDPOINT_FOUND_DEAD;
  endpoint->is_event = TRUE;
  ASSERT_REFUSED (lab, pdx_endpoint_insert (lab->db, endpoint, &error_), PDX_DB_ERROR_INVALID,
                  "after today");
}

/* SPEC §3: end of study is censored. */
static void
test_end_of_study_not_event (Lab *lab, gconstpointer data)
{
  g_autoptr (PdxEndpoint) endpoint = pdx_endpoint_new ();

  endpoint->mouse_id = lab->mouse_id;
  endpoint->date = g_strdup ("2024-04-20");
  endpoint->kind = PDX_ENDPOINT_END_OF_STUDY;
  endpoint->is_event = TRUE;
  ASSERT_REFUSED (lab, pdx_endpoint_insert (lab->db, endpoint, &error_), PDX_DB_ERROR_INVALID,
                  "censored");
}

/* A study has one control arm: a second is refused on insert and on update. */
static void
test_one_control (Lab *lab, gconstpointer data)
{
  g_autoptr (PdxArm) arm = pdx_arm_new ();
  g_autoptr (GError) error = NULL;

  arm->study_id = lab->study_id;
  arm->name = g_strdup ("Control");
  arm->is_control = TRUE;
  ASSERT_REFUSED (lab, pdx_arm_insert (lab->db, arm, &error_), PDX_DB_ERROR_INVALID,
                  "'Vehicle' is already the control");
  arm->is_control = FALSE;
  g_assert_true (pdx_arm_insert (lab->db, arm, &error));
  g_assert_no_error (error);
  arm->is_control = TRUE;
  ASSERT_REFUSED (lab, pdx_arm_update (lab->db, arm, &error_), PDX_DB_ERROR_INVALID,
                  "already the control");
}

/* A value echoed in a message is cut at 80 characters and its control characters shown. */
static void
test_message_values (Lab *lab, gconstpointer data)
{
  g_autoptr (PdxMouse) mouse = pdx_mouse_new ();
  g_autoptr (GError) error = NULL;

  mouse->study_id = lab->study_id;
  mouse->tag = g_strnfill (5000, 'T');
  mouse->sex = g_strdup ("\x1b[31mX");
  g_assert_false (pdx_mouse_insert (lab->db, mouse, &error));
  g_assert_error (error, PDX_DB_ERROR, PDX_DB_ERROR_INVALID);
  g_assert_true (error && strlen (error->message) < 300);
  g_assert_true (error && strstr (error->message, "… (5000 characters in all)"));
  g_assert_true (error && strchr (error->message, '\x1b') == NULL);
  g_assert_true (error && strstr (error->message, "'\\x1B[31mX'"));
}

/* `check` reports what an older writer (or SQL) stored: infinite and impossible values, dates
 * after today, two controls, an end of study counted as an event. The rows are written past the
 * model, straight through SQL. */
static void
test_check_reports_stored (Lab *lab, gconstpointer data)
{
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  g_autofree char *later = day_from_today (43);
  g_autofree char *sql = g_strdup_printf (
      "INSERT INTO measurement (mouse_id, date, volume_mm3) VALUES (%" G_GINT64_FORMAT
      ", '2024-03-20', 9e999);"
      "INSERT INTO measurement (mouse_id, date, weight_g) VALUES (%" G_GINT64_FORMAT
      ", '2024-03-21', 250);"
      "INSERT INTO measurement (mouse_id, date, weight_g) VALUES (%" G_GINT64_FORMAT ", '%s', 21);"
      "INSERT INTO arm (study_id, name, is_control) VALUES (%" G_GINT64_FORMAT ", 'Control', 1);"
      "INSERT INTO endpoint (mouse_id, date, kind, is_event) VALUES (%" G_GINT64_FORMAT
      ", '%s', 'end_of_study', 1);",
      lab->mouse_id, lab->mouse_id, lab->mouse_id, later, lab->study_id, lab->mouse_id, later);
  GString *all = g_string_new (NULL);

  g_assert_true (pdx_db_check (lab->db, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (pdx_db_exec (lab->db, sql, &error));
  g_assert_no_error (error);
  g_assert_false (pdx_db_check (lab->db, problems, &error));
  for (guint i = 0; i < problems->len; i++)
    g_string_append_printf (all, "%s\n", (char *) g_ptr_array_index (problems, i));
  g_test_message ("%s", all->str);
  g_assert_nonnull (strstr (all->str, "on 2024-03-20: tumour volume Inf is impossible"));
  g_assert_nonnull (strstr (all->str, "on 2024-03-21: body weight 250.0 is impossible"));
  g_assert_nonnull (strstr (all->str, "measurement of mouse M1 is"));
  g_assert_nonnull (strstr (all->str, "endpoint of mouse M1 is"));
  g_assert_nonnull (strstr (all->str, "study S1 has 2 control arms"));
  g_assert_nonnull (strstr (all->str, "end of study counted as an event"));
  g_string_free (all, TRUE);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add ("/model/" path, Lab, NULL, lab_setup, fn, lab_teardown)
  ADD ("validate/negative-values", test_negative_values);
  ADD ("audit/reason-net", test_reason_net);
  ADD ("validate/impossible-measurements", test_impossible_measurements);
  ADD ("validate/future-dates", test_future_dates);
  ADD ("validate/end-of-study-not-event", test_end_of_study_not_event);
  ADD ("validate/one-control", test_one_control);
  ADD ("validate/message-values", test_message_values);
  ADD ("check/reports-stored-values", test_check_reports_stored);
  ADD ("validate/neuro-score-range", test_neuro_score_range);
  ADD ("validate/measurement-dates", test_measurement_dates);
  ADD ("validate/endpoint-before-measurement", test_endpoint_before_measurement);
  ADD ("validate/unique-codes-and-tags", test_unique_codes_and_tags);
  ADD ("validate/exclusion-needs-reason", test_exclusion_needs_reason);
  ADD ("validate/vocabularies", test_vocabularies);
  ADD ("validate/arm-of-other-study", test_arm_of_other_study);
  ADD ("measurement/caliper", test_caliper);
  ADD ("measurement/upsert-same-date", test_upsert_same_date);
  ADD ("arm/combination", test_combination_arm);
  ADD ("delete/in-use", test_delete_in_use);
  ADD ("audit/entries", test_audit_entries);
  ADD ("study-data/load", test_study_data);
  return g_test_run ();
}
