/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-correct.c — corrections with a reason (issue 13, docs/corrections.md): a mouse's fields
 * and its endpoint recorded, corrected and cleared through pdx-correct.h. Each correction is
 * checked for the value stored, the audit entry (action, reason, the changed keys only), and
 * its refusals: no reason, a second connection that changed the row since it was read, a
 * locked study, bad values; every refusal leaves the lab's dump byte for byte as it was. The
 * expected values are written here by hand. */
#include <string.h>

#include "pdx-test-cli.h"
#include "pdx-test-util.h"
#include "pdx/pdx-audit.h"
#include "pdx/pdx-correct.h"
#include "pdx/pdx-analysis.h"
#include "pdx/pdx-chart.h"
#include "pdx/pdx-export.h"

#include <cairo.h>
#include <math.h>

typedef struct
{
  PdxDb *db;
  char  *path;
  gint64 study_id, vehicle_id, tdm1_id, other_arm_id, m1, m2;
} Fixture;

/* Study S (day 0 2026-01-10; arms Vehicle and T-DM1), mouse M1 in Vehicle implanted 2026-01-01
 * with cage C1, measured on 2026-01-10 and 2026-01-20; mouse M2 not randomised; study OTHER with
 * an arm of its own. */
static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  const char *dates[] = { "2026-01-10", "2026-01-20" };
  g_autoptr (PdxMouse) mouse = NULL;
  g_autoptr (GError) error = NULL;
  gint64 other;

  f->db = pdx_test_new_lab (&f->path);
  pdx_db_set_operator (f->db, "Jane Doe");
  f->study_id = pdx_test_add_study (f->db, "S", PDX_READOUT_BLI_FLUX, "2026-01-10");
  f->vehicle_id = pdx_test_add_arm (f->db, f->study_id, "Vehicle", TRUE);
  f->tdm1_id = pdx_test_add_arm (f->db, f->study_id, "T-DM1", FALSE);
  f->m1 = pdx_test_add_mouse (f->db, f->study_id, f->vehicle_id, "M1", "2026-01-01");
  f->m2 = pdx_test_add_mouse (f->db, f->study_id, 0, "M2", "2026-01-01");
  other = pdx_test_add_study (f->db, "OTHER", PDX_READOUT_BLI_FLUX, "2026-01-10");
  f->other_arm_id = pdx_test_add_arm (f->db, other, "Elsewhere", FALSE);
  mouse = pdx_mouse_get (f->db, f->m1, &error);
  g_assert_no_error (error);
  mouse->cage = g_strdup ("C1");
  g_assert_true (pdx_mouse_update (f->db, mouse, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autoptr (PdxMeasurement) m = pdx_measurement_new ();
      m->mouse_id = f->m1;
      m->date = g_strdup (dates[i]);
      m->bli_flux = 1e6 * (i + 1);
      g_assert_true (pdx_measurement_insert (f->db, m, &error));
      g_assert_no_error (error);
    }
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  pdx_db_close (f->db);
  g_free (f->path);
}

static char *
query (Fixture *f, const char *sql)
{
  return pdx_test_query_string (f->db, sql);
}

static PdxMouse *
get_mouse (PdxDb *db, gint64 id)
{
  g_autoptr (GError) error = NULL;
  PdxMouse *mouse = pdx_mouse_get (db, id, &error);

  g_assert_no_error (error);
  return mouse;
}

/* Asserts that @call fails, setting the caller's `error` to PDX_DB_ERROR @code with a message
 * containing @part and no engine text, and that the lab is byte for byte as it was. */
#define ASSERT_REFUSED(f, call, code, part)                                                        \
  G_STMT_START                                                                                     \
  {                                                                                                \
    g_autofree char *dump_before_ = pdx_test_dump ((f)->db);                                       \
    g_autofree char *dump_after_ = NULL;                                                           \
    g_clear_error (&error);                                                                        \
    g_assert_false (call);                                                                         \
    g_assert_error (error, PDX_DB_ERROR, code);                                                    \
    if (strstr (error->message, part) == NULL)                                                     \
      g_error ("expected \"%s\" in \"%s\"", part, error->message);                                 \
    g_assert_null (strstr (error->message, "constraint"));                                         \
    dump_after_ = pdx_test_dump ((f)->db);                                                         \
    g_assert_cmpstr (dump_before_, ==, dump_after_);                                               \
    g_clear_error (&error);                                                                        \
  }                                                                                                \
  G_STMT_END

/* ---- mice ------------------------------------------------------------------------------------ */

/* Moving M1 to T-DM1 and correcting its implant date writes those two columns, one audit
 * entry with the reason, and keeps the cage; a field typed into an empty column (strain) needs
 * no reason. */
static void
test_mouse_correct (Fixture *f, gconstpointer data)
{
  g_autoptr (PdxMouse) loaded = get_mouse (f->db, f->m1);
  g_autoptr (PdxMouse) edited = get_mouse (f->db, f->m1);
  g_autoptr (PdxMouse) after = NULL;
  g_autoptr (PdxMouse) m2 = get_mouse (f->db, f->m2);
  g_autoptr (PdxMouse) m2_edited = get_mouse (f->db, f->m2);
  g_autoptr (GError) error = NULL;
  g_autofree char *reason = NULL, *old_values = NULL, *new_values = NULL, *action = NULL;

  edited->arm_id = f->tdm1_id;
  g_free (edited->implant_date);
  edited->implant_date = g_strdup ("2025-12-31");
  g_assert_cmpuint (pdx_mouse_diff (loaded, edited), ==, PDX_MOUSE_ARM | PDX_MOUSE_IMPLANT_DATE);
  g_assert_true (
      pdx_mouse_correct (f->db, loaded, edited, "  mis-assigned at randomisation ", &error));
  g_assert_no_error (error);
  after = get_mouse (f->db, f->m1);
  g_assert_cmpint (after->arm_id, ==, f->tdm1_id);
  g_assert_cmpstr (after->implant_date, ==, "2025-12-31");
  g_assert_cmpstr (after->cage, ==, "C1");
  g_assert_null (pdx_db_get_reason (f->db));
  action = query (f, "SELECT action FROM audit_log ORDER BY id DESC LIMIT 1");
  reason = query (f, "SELECT reason FROM audit_log ORDER BY id DESC LIMIT 1");
  g_assert_cmpstr (action, ==, "update");
  g_assert_cmpstr (reason, ==, "mis-assigned at randomisation");
  old_values = query (f, "SELECT json_extract (old_values, '$.implant_date') || ' ' ||"
                         " json_extract (old_values, '$.cage') FROM audit_log ORDER BY id DESC"
                         " LIMIT 1");
  new_values = query (f, "SELECT json_extract (new_values, '$.implant_date') FROM audit_log"
                         " ORDER BY id DESC LIMIT 1");
  g_assert_cmpstr (old_values, ==, "2026-01-01 C1");
  g_assert_cmpstr (new_values, ==, "2025-12-31");

  /* A strain typed into M2's empty column: no reason needed, no reason stored. */
  m2_edited->strain = g_strdup ("NSG");
  g_assert_false (pdx_mouse_change_needs_reason (m2, pdx_mouse_diff (m2, m2_edited)));
  /* An arm, even into M2's empty one (by hand, outside a randomisation), needs one. */
  g_assert_true (pdx_mouse_change_needs_reason (m2, PDX_MOUSE_ARM));
  g_assert_true (pdx_mouse_correct (f->db, m2, m2_edited, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&reason, g_free);
  reason = query (f, "SELECT coalesce (reason, 'none') FROM audit_log ORDER BY id DESC LIMIT 1");
  g_assert_cmpstr (reason, ==, "none");
  /* Nothing changed: nothing written. */
  {
    g_autofree char *count = query (f, "SELECT count(*) FROM audit_log");
    g_autofree char *again = NULL;
    g_autoptr (PdxMouse) same = get_mouse (f->db, f->m2);
    g_assert_true (pdx_mouse_correct (f->db, same, same, NULL, &error));
    again = query (f, "SELECT count(*) FROM audit_log");
    g_assert_cmpstr (count, ==, again);
  }
}

/* A tag corrected; refused without a reason, onto another mouse's tag, to an arm of another
 * study, with an implant date after a measurement, with a birth date after the implant. */
static void
test_mouse_refusals (Fixture *f, gconstpointer data)
{
  g_autoptr (PdxMouse) loaded = get_mouse (f->db, f->m1);
  g_autoptr (PdxMouse) edited = get_mouse (f->db, f->m1);
  g_autoptr (PdxMouse) after = NULL;
  g_autoptr (GError) error = NULL;

  g_free (edited->tag);
  edited->tag = g_strdup ("M2");
  ASSERT_REFUSED (f, pdx_mouse_correct (f->db, loaded, edited, NULL, &error), PDX_DB_ERROR_INVALID,
                  "mouse M1: changing its saved tag needs a reason");
  ASSERT_REFUSED (f, pdx_mouse_correct (f->db, loaded, edited, "  ", &error), PDX_DB_ERROR_INVALID,
                  "needs a reason");
  ASSERT_REFUSED (f, pdx_mouse_correct (f->db, loaded, edited, "typo", &error),
                  PDX_DB_ERROR_DUPLICATE, "another mouse of this study already has the tag M2");
  g_free (edited->tag);
  edited->tag = g_strdup (loaded->tag);
  edited->arm_id = f->other_arm_id;
  ASSERT_REFUSED (f, pdx_mouse_correct (f->db, loaded, edited, "typo", &error),
                  PDX_DB_ERROR_INVALID, "not an arm of its study");
  edited->arm_id = loaded->arm_id;
  g_free (edited->implant_date);
  edited->implant_date = g_strdup ("2026-01-15");
  ASSERT_REFUSED (f, pdx_mouse_correct (f->db, loaded, edited, "typo", &error),
                  PDX_DB_ERROR_INVALID,
                  "implant date 2026-01-15 is after its first measurement, on 2026-01-10");
  g_free (edited->implant_date);
  edited->implant_date = g_strdup (loaded->implant_date);
  edited->birth_date = g_strdup ("2026-01-05");
  ASSERT_REFUSED (f, pdx_mouse_correct (f->db, loaded, edited, "typo", &error),
                  PDX_DB_ERROR_INVALID, "birth date 2026-01-05 is after implant date 2026-01-01");
  g_clear_pointer (&edited->birth_date, g_free);
  g_free (edited->tag);
  edited->tag = g_strdup ("M1a");
  g_assert_true (pdx_mouse_correct (f->db, loaded, edited, "typo in the tag", &error));
  g_assert_no_error (error);
  after = get_mouse (f->db, f->m1);
  g_assert_cmpstr (after->tag, ==, "M1a");
}

/* Two connections: the other changes M1's cage after this one read the mouse. A correction of
 * the cage is refused naming it; one of the strain (a column the other did not touch) is
 * written and keeps the other's cage. */
static void
test_mouse_conflict (Fixture *f, gconstpointer data)
{
  g_autoptr (PdxMouse) loaded = get_mouse (f->db, f->m1);
  g_autoptr (PdxMouse) edited = get_mouse (f->db, f->m1);
  g_autoptr (PdxMouse) theirs = NULL;
  g_autoptr (PdxMouse) after = NULL;
  g_autoptr (GError) error = NULL;
  PdxDb *other = pdx_db_open (f->path, PDX_DB_OPEN_EXISTING, &error);

  g_assert_no_error (error);
  theirs = get_mouse (other, f->m1);
  g_free (theirs->cage);
  theirs->cage = g_strdup ("C9");
  pdx_db_set_reason (other, "moved cage");
  g_assert_true (pdx_mouse_update (other, theirs, &error));
  g_assert_no_error (error);
  pdx_db_close (other);

  g_free (edited->cage);
  edited->cage = g_strdup ("C2");
  ASSERT_REFUSED (f, pdx_mouse_correct (f->db, loaded, edited, "wrong cage", &error),
                  PDX_DB_ERROR_CONFLICT,
                  "mouse M1: its cage was changed by someone else since it was read");
  g_free (edited->cage);
  edited->cage = g_strdup (loaded->cage);
  edited->strain = g_strdup ("NSG");
  g_assert_true (pdx_mouse_correct (f->db, loaded, edited, NULL, &error));
  g_assert_no_error (error);
  after = get_mouse (f->db, f->m1);
  g_assert_cmpstr (after->cage, ==, "C9");
  g_assert_cmpstr (after->strain, ==, "NSG");
}

static void
lock_study (Fixture *f)
{
  g_auto (PdxAuthResult) auth = { TRUE, g_strdup ("test") };
  g_autoptr (GError) error = NULL;

  g_assert_true (
      pdx_study_sign (f->db, f->study_id, PDX_SIGNATURE_LOCK, "final data", &auth, NULL, &error));
  g_assert_no_error (error);
}

/* A locked study refuses every correction, naming the lock. */
static void
test_locked (Fixture *f, gconstpointer data)
{
  g_autoptr (PdxMouse) loaded = get_mouse (f->db, f->m1);
  g_autoptr (PdxMouse) edited = get_mouse (f->db, f->m1);
  g_autoptr (PdxEndpoint) endpoint = pdx_endpoint_new ();
  g_autoptr (PdxEndpoint) recorded = NULL;
  g_autoptr (GError) error = NULL;

  pdx_test_add_endpoint (f->db, f->m2, "2026-01-30", PDX_ENDPOINT_FOUND_DEAD);
  recorded = pdx_endpoint_find_for_mouse (f->db, f->m2, &error);
  g_assert_no_error (error);
  lock_study (f);
  g_free (edited->cage);
  edited->cage = g_strdup ("C2");
  ASSERT_REFUSED (f, pdx_mouse_correct (f->db, loaded, edited, "wrong cage", &error),
                  PDX_DB_ERROR_LOCKED, "Study S is locked");
  endpoint->mouse_id = f->m1;
  endpoint->date = g_strdup ("2026-01-25");
  endpoint->kind = PDX_ENDPOINT_END_OF_STUDY;
  ASSERT_REFUSED (f, pdx_endpoint_set (f->db, NULL, endpoint, NULL, &error), PDX_DB_ERROR_LOCKED,
                  "Study S is locked");
  ASSERT_REFUSED (f, pdx_endpoint_clear (f->db, recorded, "by mistake", &error),
                  PDX_DB_ERROR_LOCKED, "Study S is locked");
}

/* ---- endpoints ------------------------------------------------------------------------------ */

static PdxEndpoint *
find_endpoint (PdxDb *db, gint64 mouse_id)
{
  g_autoptr (GError) error = NULL;
  PdxEndpoint *endpoint = pdx_endpoint_find_for_mouse (db, mouse_id, &error);

  g_assert_no_error (error);
  return endpoint;
}

/* Recorded without a reason; corrected (date and kind) with one, the note kept; a second
 * "record" on a mouse that has one is a conflict in words, never the engine's UNIQUE message. */
static void
test_endpoint_set (Fixture *f, gconstpointer data)
{
  g_autoptr (PdxEndpoint) endpoint = pdx_endpoint_new ();
  g_autoptr (PdxEndpoint) loaded = NULL;
  g_autoptr (PdxEndpoint) edited = NULL;
  g_autoptr (PdxEndpoint) after = NULL;
  g_autoptr (PdxEndpoint) again = pdx_endpoint_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *reason = NULL, *keys = NULL;

  endpoint->mouse_id = f->m1;
  endpoint->date = g_strdup ("2026-01-25");
  endpoint->kind = PDX_ENDPOINT_FOUND_DEAD;
  endpoint->is_event = TRUE;
  endpoint->note = g_strdup ("cage check");
  g_assert_true (pdx_endpoint_set (f->db, NULL, endpoint, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (endpoint->id, >, 0);

  again->mouse_id = f->m1;
  again->date = g_strdup ("2026-01-26");
  again->kind = PDX_ENDPOINT_OTHER;
  ASSERT_REFUSED (f, pdx_endpoint_set (f->db, NULL, again, NULL, &error), PDX_DB_ERROR_CONFLICT,
                  "mouse M1: an endpoint (Found dead on 2026-01-25) was recorded");

  loaded = find_endpoint (f->db, f->m1);
  edited = find_endpoint (f->db, f->m1);
  g_free (edited->date);
  edited->date = g_strdup ("2026-01-24");
  edited->kind = PDX_ENDPOINT_HUMANE_NEURO;
  ASSERT_REFUSED (f, pdx_endpoint_set (f->db, loaded, edited, NULL, &error), PDX_DB_ERROR_INVALID,
                  "correcting a recorded endpoint (date, kind) needs a reason");
  g_assert_true (pdx_endpoint_set (f->db, loaded, edited, "seizures seen, not found dead", &error));
  g_assert_no_error (error);
  after = find_endpoint (f->db, f->m1);
  g_assert_cmpint (after->id, ==, loaded->id);
  g_assert_cmpstr (after->date, ==, "2026-01-24");
  g_assert_cmpint (after->kind, ==, PDX_ENDPOINT_HUMANE_NEURO);
  g_assert_true (after->is_event);
  g_assert_cmpstr (after->note, ==, "cage check");
  reason = query (f, "SELECT reason FROM audit_log ORDER BY id DESC LIMIT 1");
  g_assert_cmpstr (reason, ==, "seizures seen, not found dead");
  keys = query (f, "SELECT group_concat (key, ',') FROM (SELECT j.key FROM audit_log a,"
                   " json_each (a.new_values) j WHERE a.id = (SELECT max(id) FROM audit_log)"
                   " AND j.value IS NOT json_extract (a.old_values, '$.' || j.key))");
  g_assert_cmpstr (keys, ==, "date,kind");
}

/* An endpoint date before the last measurement, or before the implant, or the end of study
 * counted as an event: refused in words, the lab unchanged. */
static void
test_endpoint_refusals (Fixture *f, gconstpointer data)
{
  g_autoptr (PdxEndpoint) endpoint = pdx_endpoint_new ();
  g_autoptr (GError) error = NULL;

  endpoint->mouse_id = f->m1;
  endpoint->date = g_strdup ("2026-01-15");
  endpoint->kind = PDX_ENDPOINT_FOUND_DEAD;
  ASSERT_REFUSED (f, pdx_endpoint_set (f->db, NULL, endpoint, NULL, &error), PDX_DB_ERROR_INVALID,
                  "mouse M1: endpoint date 2026-01-15 is before its last measurement, on "
                  "2026-01-20");
  g_free (endpoint->date);
  endpoint->date = g_strdup ("2025-12-01");
  ASSERT_REFUSED (f, pdx_endpoint_set (f->db, NULL, endpoint, NULL, &error), PDX_DB_ERROR_INVALID,
                  "endpoint date 2025-12-01 is before its implant date 2026-01-01");
  g_free (endpoint->date);
  endpoint->date = g_strdup ("2026-01-30");
  endpoint->kind = PDX_ENDPOINT_END_OF_STUDY;
  endpoint->is_event = TRUE;
  ASSERT_REFUSED (f, pdx_endpoint_set (f->db, NULL, endpoint, NULL, &error), PDX_DB_ERROR_INVALID,
                  "censored");
  endpoint->mouse_id = 99999;
  endpoint->is_event = FALSE;
  ASSERT_REFUSED (f, pdx_endpoint_set (f->db, NULL, endpoint, NULL, &error), PDX_DB_ERROR_NOT_FOUND,
                  "mouse");
}

/* Cleared with a reason (the audit entry a delete with it); refused without one, and when the
 * other connection corrected or cleared it since it was read. */
static void
test_endpoint_clear_and_conflict (Fixture *f, gconstpointer data)
{
  g_autoptr (PdxEndpoint) loaded = NULL;
  g_autoptr (PdxEndpoint) edited = NULL;
  g_autoptr (PdxEndpoint) theirs = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *action = NULL, *reason = NULL;
  PdxDb           *other;

  pdx_test_add_endpoint (f->db, f->m1, "2026-01-25", PDX_ENDPOINT_FOUND_DEAD);
  loaded = find_endpoint (f->db, f->m1);
  ASSERT_REFUSED (f, pdx_endpoint_clear (f->db, loaded, NULL, &error), PDX_DB_ERROR_INVALID,
                  "clearing a recorded endpoint needs a reason");

  other = pdx_db_open (f->path, PDX_DB_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  theirs = find_endpoint (other, f->m1);
  theirs->note = g_strdup ("necropsy booked");
  pdx_db_set_reason (other, "note added");
  g_assert_true (pdx_endpoint_update (other, theirs, &error));
  g_assert_no_error (error);

  ASSERT_REFUSED (f, pdx_endpoint_clear (f->db, loaded, "recorded on the wrong mouse", &error),
                  PDX_DB_ERROR_CONFLICT, "its note was changed by someone else");
  edited = find_endpoint (f->db, f->m1);
  g_clear_pointer (&edited->note, g_free);
  edited->note = g_strdup ("seen by vet");
  ASSERT_REFUSED (f, pdx_endpoint_set (f->db, loaded, edited, "vet", &error), PDX_DB_ERROR_CONFLICT,
                  "its note was changed by someone else");

  g_assert_true (pdx_row_delete (other, PDX_TABLE_ENDPOINT, theirs->id, &error));
  g_assert_no_error (error);
  pdx_db_close (other);
  g_clear_pointer (&edited->note, g_free);
  edited->kind = PDX_ENDPOINT_OTHER;
  ASSERT_REFUSED (f, pdx_endpoint_set (f->db, loaded, edited, "vet", &error), PDX_DB_ERROR_CONFLICT,
                  "was cleared or replaced by someone else");

  pdx_test_add_endpoint (f->db, f->m1, "2026-01-25", PDX_ENDPOINT_FOUND_DEAD);
  g_clear_pointer (&loaded, pdx_endpoint_free);
  loaded = find_endpoint (f->db, f->m1);
  g_assert_true (pdx_endpoint_clear (f->db, loaded, "recorded on the wrong mouse", &error));
  g_assert_no_error (error);
  g_assert_null (find_endpoint (f->db, f->m1));
  action = query (f, "SELECT action FROM audit_log ORDER BY id DESC LIMIT 1");
  reason = query (f, "SELECT reason FROM audit_log ORDER BY id DESC LIMIT 1");
  g_assert_cmpstr (action, ==, "delete");
  g_assert_cmpstr (reason, ==, "recorded on the wrong mouse");
}

/* ---- one measurement excluded ----------------------------------------------------------- */

/* Mouse M3 (Vehicle, implanted 2026-01-01, no endpoint) with BLI flux on days 0, 10, 14 and 20
 * of the study (2026-01-10 …): 100, 150, 50, 80. Returns the id of its day-14 measurement. */
static gint64
add_series (Fixture *f, gint64 *m3)
{
  const char  *dates[] = { "2026-01-10", "2026-01-20", "2026-01-24", "2026-01-30" };
  const double flux[] = { 100, 150, 50, 80 };
  gint64       day14 = 0;

  *m3 = pdx_test_add_mouse (f->db, f->study_id, f->vehicle_id, "M3", "2026-01-01");
  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autoptr (PdxMeasurement) m = pdx_measurement_new ();
      g_autoptr (GError) error = NULL;
      m->mouse_id = *m3;
      m->date = g_strdup (dates[i]);
      m->bli_flux = flux[i];
      g_assert_true (pdx_measurement_insert (f->db, m, &error));
      g_assert_no_error (error);
      if (i == 2)
        day14 = m->id;
    }
  return day14;
}

/* M3's response and survival as the study data loads them. */
static void
assert_m3 (Fixture *f, double br, double br_day, double bar, double auc, guint n_excluded)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxStudyData) data = pdx_study_data_load (f->db, f->study_id, &error);
  g_autoptr (GPtrArray) responses = NULL;
  const PdxResponse *r = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (data->n_excluded_measurements, ==, n_excluded);
  responses = pdx_response_list (data);
  for (guint m = 0; m < data->n_mice; m++)
    if (g_str_equal (data->mice[m].tag, "M3"))
      {
        r = g_ptr_array_index (responses, m);
        /* Survival counts the last day M3 was seen, excluded or not: 2026-01-30 is 29 days
         * after the implant on 2026-01-01, censored. */
        g_assert_cmpfloat (data->mice[m].survival_days, ==, 29);
        g_assert_false (data->mice[m].survival_event);
      }
  g_assert_nonnull (r);
  g_assert_true (r->evaluable);
  g_assert_cmpfloat_with_epsilon (r->best_response, br, 1e-9);
  g_assert_cmpfloat (r->best_response_day, ==, br_day);
  g_assert_cmpfloat_with_epsilon (r->best_avg_response, bar, 1e-9);
  g_assert_cmpfloat_with_epsilon (r->auc, auc, 1e-9);
}

/* Excluding M3's day-14 value changes its metrics exactly as computed by hand, and including
 * it again brings them back. By hand, with V0 = 100 on day 0:
 *   all four: %ΔV on days 10, 14, 20 = 50, −50, −20; BR = −50 (day 14); the running means of
 *     (0, 50, −50, −20) from day 10 are 25, 0, −5: BAR = −5; AUC = (100+150)/2·10
 *     + (150+50)/2·4 + (50+80)/2·6 = 1250 + 400 + 390 = 2040;
 *   day 14 excluded: %ΔV 50, −20; BR = −20 (day 20); running means of (0, 50, −20): 25, 10:
 *     BAR = 10; AUC = 1250 + (150+80)/2·10 = 2400.
 * Only the two columns are written, with the reason in the audit entry. */
static void
test_exclude_metrics (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *keys = NULL, *reason = NULL, *stored = NULL;
  gint64           m3, day14 = add_series (f, &m3);

  assert_m3 (f, -50, 14, -5, 2040, 0);
  g_assert_true (
      pdx_measurement_set_excluded (f->db, day14, TRUE, " mis-injected luciferin ", &error));
  g_assert_no_error (error);
  assert_m3 (f, -20, 20, 10, 2400, 1);
  stored = query (f, "SELECT excluded || ' ' || exclusion_reason || ' ' || bli_flux FROM"
                     " measurement WHERE bli_flux = 50");
  g_assert_cmpstr (stored, ==, "1 mis-injected luciferin 50.0");
  keys = query (f, "SELECT group_concat (j.key, ',') FROM audit_log a, json_each (a.new_values) j"
                   " WHERE a.id = (SELECT max(id) FROM audit_log)"
                   " AND j.value IS NOT json_extract (a.old_values, '$.' || j.key)");
  reason = query (f, "SELECT reason FROM audit_log ORDER BY id DESC LIMIT 1");
  g_assert_cmpstr (keys, ==, "excluded,exclusion_reason");
  g_assert_cmpstr (reason, ==, "mis-injected luciferin");

  g_assert_true (pdx_measurement_set_excluded (f->db, day14, FALSE, "luciferin was fine", &error));
  g_assert_no_error (error);
  assert_m3 (f, -50, 14, -5, 2040, 0);
  g_clear_pointer (&stored, g_free);
  stored = query (f, "SELECT excluded || ' ' || coalesce (exclusion_reason, 'none') FROM"
                     " measurement WHERE bli_flux = 50");
  g_assert_cmpstr (stored, ==, "0 none");
}

/* The refusals: no reason, no such measurement, already excluded by another connection since
 * it was read (and not excluded, for an include), a locked study; the lab unchanged each time. */
static void
test_exclude_refusals (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 m3, day14 = add_series (f, &m3);
  PdxDb *other;

  ASSERT_REFUSED (f, pdx_measurement_set_excluded (f->db, day14, TRUE, "  ", &error),
                  PDX_DB_ERROR_INVALID, "excluding a measurement needs a reason");
  ASSERT_REFUSED (f, pdx_measurement_set_excluded (f->db, day14, FALSE, NULL, &error),
                  PDX_DB_ERROR_INVALID, "including an excluded measurement again needs a reason");
  ASSERT_REFUSED (f, pdx_measurement_set_excluded (f->db, 99999, TRUE, "x", &error),
                  PDX_DB_ERROR_NOT_FOUND, "no such measurement");
  ASSERT_REFUSED (f, pdx_measurement_set_excluded (f->db, day14, FALSE, "x", &error),
                  PDX_DB_ERROR_CONFLICT, "mouse M3: its measurement of 2026-01-24 is not excluded");
  other = pdx_db_open (f->path, PDX_DB_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_assert_true (pdx_measurement_set_excluded (other, day14, TRUE, "imaging failure", &error));
  g_assert_no_error (error);
  pdx_db_close (other);
  ASSERT_REFUSED (f, pdx_measurement_set_excluded (f->db, day14, TRUE, "bubble", &error),
                  PDX_DB_ERROR_CONFLICT,
                  "mouse M3: its measurement of 2026-01-24 is already excluded");
  lock_study (f);
  ASSERT_REFUSED (f, pdx_measurement_set_excluded (f->db, day14, FALSE, "fine after all", &error),
                  PDX_DB_ERROR_LOCKED, "Study S is locked");
}

/* The growth chart's notes name the excluded measurement with its day and reason; the
 * measurements export keeps it, marked, with its reason, and the others marked no. */
static void
test_exclude_notes_and_export (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxStudyData) study = NULL;
  g_autoptr (PdxChart) chart = NULL;
  g_autofree char      *path = pdx_test_tmp_path ("measurements.csv");
  g_autofree char      *csv = NULL;
  PdxChartOptions       options;
  gint64                m3, day14 = add_series (f, &m3);
  cairo_surface_t      *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 800, 600);
  cairo_t              *cr = cairo_create (surface);
  const PdxChartLayout *layout;
  gboolean              noted = FALSE;

  g_assert_true (pdx_measurement_set_excluded (f->db, day14, TRUE, "imaging failure", &error));
  study = pdx_study_data_load (f->db, f->study_id, &error);
  g_assert_no_error (error);
  pdx_chart_options_init (&options, PDX_CHART_SPIDER, study);
  chart = pdx_chart_new (study, &options, &error);
  g_assert_no_error (error);
  layout = pdx_chart_draw (chart, cr, 800, 600, 96);
  for (guint i = 0; i < layout->notes->len; i++)
    noted |= g_strcmp0 (g_ptr_array_index (layout->notes, i),
                        "Excluded measurements, not shown (1): M3 day 14 (imaging failure).") == 0;
  g_assert_true (noted);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  g_assert_true (pdx_export_measurements_csv (f->db, f->study_id, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &csv, NULL, NULL));
  g_assert_nonnull (strstr (csv, ",operator,note,excluded,exclusion_reason\n"));
  g_assert_nonnull (strstr (csv, ",2026-01-24,14,,,,50,,,,"));
  g_assert_nonnull (strstr (csv, ",yes,imaging failure\n"));
  g_assert_nonnull (strstr (csv, ",2026-01-30,20,,,,80,,,,"));
  g_assert_nonnull (strstr (csv, ",no,\n"));
}

/* ---- the CLI -------------------------------------------------------------------------------- */

/* Runs pdxtrack-cli on the fixture's lab (closed meanwhile, reopened after); asserts the exit
 * status and that stdout (@status 0) or stderr contains @part. */
static void
cli (Fixture *f, int status, const char *part, const char *const *args)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr (GError) error = NULL;
  int got;

  pdx_db_close (f->db);
  got = pdx_test_run_cli_args (f->path, args, &out, &err);
  f->db = pdx_db_open (f->path, PDX_DB_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  if (got != status || strstr (status == 0 ? out : err, part) == NULL)
    g_error ("pdxtrack-cli %s: exit %d (expected %d), out \"%s\", err \"%s\", expected \"%s\"",
             args[0], got, status, out, err, part);
  g_assert_null (strstr (err, "constraint"));
}

#define CLI(f, status, part, ...)                                                                  \
  G_STMT_START                                                                                     \
  {                                                                                                \
    const char *const args_[] = { __VA_ARGS__, NULL };                                             \
    cli (f, status, part, args_);                                                                  \
  }                                                                                                \
  G_STMT_END

/* endpoint set (recorded, then corrected with a reason, options left out kept), endpoint
 * clear, mouse set; and their refusals: no reason, an unknown kind, arm or mouse, nothing to
 * change. Each value read back from the lab. */
static void
test_cli (Fixture *f, gconstpointer data)
{
  g_autoptr (PdxEndpoint) endpoint = NULL;
  g_autoptr (PdxMouse) mouse = NULL;
  g_autofree char *reason = NULL;

  CLI (f, 0, "Endpoint of mouse M1 recorded: Found dead on 2026-01-25", "endpoint", "set",
       "--study", "S", "--mouse", "M1", "--date", "2026-01-25", "--kind", "found dead", "--note",
       "cage check");
  CLI (f, 1, "correcting a recorded endpoint (kind, counts as event) needs a reason", "endpoint",
       "set", "--study", "S", "--mouse", "M1", "--kind", "end_of_study");
  CLI (f, 1, "is not a kind of endpoint", "endpoint", "set", "--study", "S", "--mouse", "M1",
       "--kind", "fell ill", "--reason", "x");
  CLI (f, 1, "nothing to change for mouse M1", "endpoint", "set", "--study", "S", "--mouse", "M1",
       "--kind", "died", "--reason", "x"); /* "died": a synonym of found dead */
  CLI (f, 1, "--event takes yes or no", "endpoint", "set", "--study", "S", "--mouse", "M1",
       "--kind", "other", "--event", "maybe", "--reason", "x");
  CLI (f, 0, "Endpoint of mouse M1 corrected: End of study on 2026-01-25", "endpoint", "set",
       "--study", "S", "--mouse", "M1", "--kind", "end_of_study", "--reason",
       "alive at the end, not found dead");
  endpoint = pdx_endpoint_find_for_mouse (f->db, f->m1, NULL);
  g_assert_nonnull (endpoint);
  g_assert_cmpint (endpoint->kind, ==, PDX_ENDPOINT_END_OF_STUDY);
  g_assert_false (endpoint->is_event); /* follows the kind when --event is not given */
  g_assert_cmpstr (endpoint->note, ==, "cage check");
  reason = query (f, "SELECT reason FROM audit_log ORDER BY id DESC LIMIT 1");
  g_assert_cmpstr (reason, ==, "alive at the end, not found dead");
  CLI (f, 1, "--reason TEXT is required", "endpoint", "clear", "--study", "S", "--mouse", "M1");
  CLI (f, 0, "Endpoint of mouse M1 cleared (was End of study on 2026-01-25)", "endpoint", "clear",
       "--study", "S", "--mouse", "M1", "--reason", "recorded on the wrong mouse");
  CLI (f, 1, "mouse M1 has no endpoint", "endpoint", "clear", "--study", "S", "--mouse", "M1",
       "--reason", "again");
  CLI (f, 1, "study S has no mouse 'M9'", "endpoint", "clear", "--study", "S", "--mouse", "M9",
       "--reason", "x");

  CLI (f, 1, "mouse M1: changing its saved arm, cage needs a reason", "mouse", "set", "--study",
       "S", "--mouse", "M1", "--arm", "T-DM1", "--cage", "C3");
  CLI (f, 1, "study S has no arm 'Nope'", "mouse", "set", "--study", "S", "--mouse", "M1", "--arm",
       "Nope", "--reason", "x");
  CLI (f, 1, "nothing to change for mouse M1", "mouse", "set", "--study", "S", "--mouse", "M1",
       "--cage", "C1", "--reason", "x");
  CLI (f, 0, "Mouse M1b corrected: tag, arm, cage", "mouse", "set", "--study", "S", "--mouse", "M1",
       "--tag", "M1b", "--arm", "T-DM1", "--cage", "", "--reason", "cage card misread");
  mouse = pdx_mouse_get (f->db, f->m1, NULL);
  g_assert_cmpstr (mouse->tag, ==, "M1b");
  g_assert_cmpint (mouse->arm_id, ==, f->tdm1_id);
  g_assert_null (mouse->cage);
  g_assert_cmpstr (mouse->implant_date, ==, "2026-01-01");
  CLI (f, 1, "another mouse of this study already has the tag M2", "mouse", "set", "--study", "S",
       "--mouse", "M1b", "--tag", "M2", "--reason", "x");

  CLI (f, 1, "--reason TEXT is required", "measurement", "exclude", "--study", "S", "--mouse",
       "M1b", "--date", "2026-01-20");
  CLI (f, 1, "mouse M1b has no measurement on 2026-01-21", "measurement", "exclude", "--study", "S",
       "--mouse", "M1b", "--date", "2026-01-21", "--reason", "x");
  CLI (f, 0, "Measurement of mouse M1b on 2026-01-20 excluded from analysis", "measurement",
       "exclude", "--study", "S", "--mouse", "M1b", "--date", "2026-01-20", "--reason",
       "imaging failure");
  g_clear_pointer (&reason, g_free);
  reason = query (f, "SELECT exclusion_reason FROM measurement WHERE date = '2026-01-20'");
  g_assert_cmpstr (reason, ==, "imaging failure");
  CLI (f, 1, "is already excluded", "measurement", "exclude", "--study", "S", "--mouse", "M1b",
       "--date", "2026-01-20", "--reason", "again");
  CLI (f, 0, "Measurement of mouse M1b on 2026-01-20 included in analysis again", "measurement",
       "include", "--study", "S", "--mouse", "M1b", "--date", "2026-01-20", "--reason",
       "re-read the image");
  g_clear_pointer (&reason, g_free);
  reason = query (f, "SELECT excluded FROM measurement WHERE date = '2026-01-20'");
  g_assert_cmpstr (reason, ==, "0");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn)                                                                              \
  g_test_add ("/core/correct/" path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("mouse", test_mouse_correct);
  ADD ("mouse-refusals", test_mouse_refusals);
  ADD ("mouse-conflict", test_mouse_conflict);
  ADD ("locked", test_locked);
  ADD ("endpoint-set", test_endpoint_set);
  ADD ("endpoint-refusals", test_endpoint_refusals);
  ADD ("endpoint-clear-conflict", test_endpoint_clear_and_conflict);
  ADD ("exclude-metrics", test_exclude_metrics);
  ADD ("exclude-refusals", test_exclude_refusals);
  ADD ("exclude-notes-export", test_exclude_notes_and_export);
  ADD ("cli", test_cli);
#undef ADD
  return g_test_run ();
}
