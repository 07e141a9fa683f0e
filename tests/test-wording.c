/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-wording.c — the audit log in words (pdx-wording.h) on entries written by hand, their
 * values read by SQLite (pdx_audit_entry_read_fields): the History page's cases, odd JSON
 * (escaped quotes, unicode, exponents, null, a key on one side only, nesting, malformed text),
 * the German separators, and `pdxtrack-cli history` on a lab changed by the model. Every
 * expected text is written out by hand from what a scientist should read. */
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdx-test-cli.h"
#include "pdx-test-util.h"
#include "cli.h"
#include "store/pdx-store.h"
#include "pdx/pdx-wording.h"

typedef struct
{
  const char *table, *action, *tag, *operator_name, *old_values, *new_values;
  const char *record, *change;
} Case;

/* Arm id → name: 3 Vehicle, 4 T-DM1. Owned. */
static GHashTable *
arm_names_new (void)
{
  GHashTable *arms = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  gint64      vehicle = 3, tdm1 = 4;

  g_hash_table_insert (arms, g_memdup2 (&vehicle, sizeof vehicle), (char *) "Vehicle");
  g_hash_table_insert (arms, g_memdup2 (&tdm1, sizeof tdm1), (char *) "T-DM1");
  return arms;
}

/* Each case's entry read by @db's SQLite, then worded. */
static void
check_cases (PdxDb *db, const Case *cases, gsize n)
{
  g_autoptr (GHashTable) arms = arm_names_new ();

  for (gsize i = 0; i < n; i++)
    {
      PdxAuditEntry entry = { .table_name = (char *) cases[i].table,
                              .action = (char *) cases[i].action,
                              .mouse_tag = (char *) cases[i].tag,
                              .operator_name = (char *) cases[i].operator_name,
                              .old_values = (char *) cases[i].old_values,
                              .new_values = (char *) cases[i].new_values };
      g_autoptr (GError) error = NULL;
      g_autofree char *record = NULL, *change = NULL;

      g_assert_true (pdx_audit_entry_read_fields (db, &entry, &error));
      g_assert_no_error (error);
      record = pdx_audit_format_record (&entry);
      change = pdx_audit_format_change (&entry, arms);
      g_test_message ("case %" G_GSIZE_FORMAT ": %s | %s", i, record, change);
      g_assert_cmpstr (record, ==, cases[i].record);
      g_assert_cmpstr (change, ==, cases[i].change);
      g_assert_true (g_utf8_validate (change, -1, NULL));
      g_clear_pointer (&entry.fields, g_ptr_array_unref);
    }
}

/* The History page's cases (they were test-gui-history's). */
static void
test_wording_history (void)
{
  static const Case cases[] = {
    { "measurement", "insert", "A-40", "A. Moreno", NULL,
      "{\"id\":613,\"mouse_id\":40,\"date\":\"2026-03-22\",\"operator\":\"A. "
      "Moreno\",\"note\":null,"
      "\"length_mm\":null,\"width_mm\":null,\"volume_mm3\":null,\"bli_flux\":4255000.0,"
      "\"mri_volume_mm3\":null,\"weight_g\":19.4,\"neuro_score\":0}",
      "A-40 · measurement 2026-03-22", "BLI 4.26×10⁶ photons/s, weight 19.4 g, neuro 0" },
    { "measurement", "update", "A-40", "J. Ruiz",
      "{\"id\":613,\"mouse_id\":40,\"date\":\"2026-03-22\",\"weight_g\":21.3,\"note\":null}",
      "{\"id\":613,\"mouse_id\":40,\"date\":\"2026-03-22\",\"weight_g\":20.1,"
      "\"note\":\"circling \\\"left\\\"\\nslow\"}",
      "A-40 · measurement 2026-03-22", "weight 21.3 → 20.1 g; note — → circling \"left\"\nslow" },
    { "measurement", "delete", "A-41", "J. Ruiz",
      "{\"id\":9,\"mouse_id\":41,\"date\":\"2026-03-29\",\"operator\":\"A. Moreno\","
      "\"length_mm\":6.25,\"width_mm\":4.0,\"volume_mm3\":50.0}",
      NULL, "A-41 · measurement 2026-03-29",
      "length 6.25 mm, width 4 mm, volume 50 mm³, measured by A. Moreno" },
    { "endpoint", "insert", "A-41", "J. Ruiz", NULL,
      "{\"id\":5,\"mouse_id\":41,\"date\":\"2026-04-02\",\"kind\":\"end_of_study\",\"is_event\":0,"
      "\"note\":null}",
      "A-41 · endpoint 2026-04-02", "End of study, censored" },
    { "endpoint", "update", "A-41", "J. Ruiz",
      "{\"id\":5,\"kind\":\"end_of_study\",\"is_event\":0}",
      "{\"id\":5,\"kind\":\"end_of_study\",\"is_event\":1}", "A-41 · endpoint",
      "censored → event" },
    { "mouse", "update", "A-40", "J. Ruiz",
      "{\"id\":40,\"study_id\":2,\"arm_id\":null,\"tag\":\"A-40\"}",
      "{\"id\":40,\"study_id\":2,\"arm_id\":4,\"tag\":\"A-40\"}", "mouse A-40",
      "arm not randomised → T-DM1" },
    { "mouse", "update", "A-40", "J. Ruiz", "{\"id\":40,\"arm_id\":3,\"cage\":\"C1\"}",
      "{\"id\":40,\"arm_id\":4,\"cage\":\"C2\"}", "mouse A-40",
      "arm Vehicle → T-DM1; cage C1 → C2" },
    { "measurement", "import", NULL, "J. Ruiz", NULL,
      "{\"file\":\"bench-week12.csv\",\"rows\":1000,\"first_id\":5001,\"last_id\":6000}",
      "measurements · import", "Imported 1,000 measurements from bench-week12.csv" },
    { "study", "insert", NULL, "J. Ruiz", NULL,
      "{\"id\":2,\"code\":\"ICR-017-A\",\"line_id\":1,\"passage\":4,\"status\":\"active\"}",
      "study ICR-017-A", "passage 4, status active" },
    { "arm", "insert", NULL, "J. Ruiz", NULL,
      "{\"id\":3,\"study_id\":2,\"name\":\"Vehicle\",\"is_control\":1,\"colour\":null}",
      "arm Vehicle", "control yes" },
    { "patient", "update", NULL, "J. Ruiz", "{\"id\":1,\"code\":\"P-017\",\"her2_ihc\":\"2+\"}",
      "{\"id\":1,\"code\":\"P-017\",\"her2_ihc\":\"3+\"}", "patient P-017", "HER2 IHC 2+ → 3+" },
  };
  g_autoptr (PdxDb) db = pdx_test_new_lab (NULL);

  check_cases (db, cases, G_N_ELEMENTS (cases));
}

/* JSON no trigger writes, read as JSON reads. */
static void
test_wording_odd_json (void)
{
  static const Case cases[] = {
    /* escaped quotes and backslashes, \u escapes (a surrogate pair among them), raw UTF-8 */
    { "measurement", "update", "A-1", "J. Ruiz", "{\"note\":\"said \\\"no\\\" \\\\ twice\"}",
      "{\"note\":\"caf\\u00e9 \\ud83d\\udc2d µ\"}", "A-1 · measurement",
      "note said \"no\" \\ twice → café 🐭 µ" },
    /* numbers with exponents, upper-case E, a negative exponent */
    { "measurement", "insert", "A-2", "J. Ruiz", NULL,
      "{\"date\":\"2026-03-01\",\"weight_g\":2.15e1,\"bli_flux\":4.255E6,\"volume_mm3\":1e-1}",
      "A-2 · measurement 2026-03-01", "weight 21.5 g, BLI 4.26×10⁶ photons/s, volume 0.1 mm³" },
    /* null on either side of an update; a null in a new row is left out */
    { "measurement", "update", "A-3", "J. Ruiz", "{\"weight_g\":20.5,\"note\":\"x\"}",
      "{\"weight_g\":null,\"note\":null}", "A-3 · measurement", "weight 20.5 g → —; note x → —" },
    { "mouse", "insert", "A-4", "J. Ruiz", NULL, "{\"tag\":\"A-4\",\"cage\":null,\"sex\":\"F\"}",
      "mouse A-4", "sex F" },
    /* a key on one side only is not a change of that key */
    { "measurement", "update", "A-5", "J. Ruiz", "{\"id\":1,\"weight_g\":20,\"cage\":\"C1\"}",
      "{\"id\":1,\"weight_g\":21,\"sex\":\"F\"}", "A-5 · measurement", "weight 20 → 21 g" },
    /* a key with a quote in it; JSON true and false as yes and no */
    { "line", "insert", NULL, "J. Ruiz", NULL,
      "{\"code\":\"L-1\",\"odd \\\"key\\\"\":\"v\",\"luciferase\":true,\"qc_human_origin\":false}",
      "line L-1", "odd \"key\" v, luciferase yes, QC human origin no" },
    /* nesting, an array at the top, malformed text: the raw JSON, and no SQL error */
    { "mouse", "update", "A-6", "J. Ruiz", "{\"cage\":\"C1\"}", "{\"cage\":{\"row\":1}}",
      "mouse A-6", "{\"cage\":\"C1\"} → {\"cage\":{\"row\":1}}" },
    { "study", "insert", NULL, "J. Ruiz", NULL, "[1,2]", "study ", "— → [1,2]" },
    { "study", "delete", NULL, "J. Ruiz", "{\"code\":\"S-1\",", NULL, "study ",
      "{\"code\":\"S-1\", → —" },
    /* one measurement: the singular sentence */
    { "measurement", "import", NULL, "J. Ruiz", NULL, "{\"file\":\"one.csv\",\"rows\":1}",
      "measurements · import", "Imported 1 measurement from one.csv" },
  };
  g_autoptr (PdxDb) db = pdx_test_new_lab (NULL);

  check_cases (db, cases, G_N_ELEMENTS (cases));
}

/* The fields themselves: one per key, the new side's order first, each side's JSON type. */
static void
test_wording_fields (void)
{
  PdxAuditEntry entry = { .table_name = (char *) "mouse",
                          .action = (char *) "update",
                          .old_values = (char *) "{\"b\":1,\"only_old\":\"x\",\"a\":null}",
                          .new_values = (char *) "{\"a\":2.5,\"b\":1,\"c\":true}" };
  static const struct
  {
    const char *key;
    PdxJsonType old_type, new_type;
    const char *old_value, *new_value;
  } expected[] = {
    { "a", PDX_JSON_NULL, PDX_JSON_REAL, NULL, "2.5" },
    { "b", PDX_JSON_INTEGER, PDX_JSON_INTEGER, "1", "1" },
    { "c", PDX_JSON_ABSENT, PDX_JSON_TRUE, NULL, "true" },
    { "only_old", PDX_JSON_TEXT, PDX_JSON_ABSENT, "x", NULL },
  };
  g_autoptr (PdxDb) db = pdx_test_new_lab (NULL);
  g_autoptr (GError) error = NULL;

  g_assert_true (pdx_audit_entry_read_fields (db, &entry, &error));
  g_assert_nonnull (entry.fields);
  g_assert_cmpuint (entry.fields->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < entry.fields->len; i++)
    {
      const PdxAuditField *field = g_ptr_array_index (entry.fields, i);
      g_assert_cmpstr (field->key, ==, expected[i].key);
      g_assert_cmpint (field->old_type, ==, expected[i].old_type);
      g_assert_cmpint (field->new_type, ==, expected[i].new_type);
      g_assert_cmpstr (field->old_value, ==, expected[i].old_value);
      g_assert_cmpstr (field->new_value, ==, expected[i].new_value);
    }
  g_clear_pointer (&entry.fields, g_ptr_array_unref);
}

/* Under German the numbers take its separators; the words stay until translated. */
static void
test_wording_german (void)
{
  static const Case cases[] = {
    { "measurement", "update", "A-40", "J. Ruiz", "{\"weight_g\":21.3,\"bli_flux\":4255000.0}",
      "{\"weight_g\":20.15,\"bli_flux\":1.2e8}", "A-40 · measurement",
      "weight 21,3 → 20,15 g; BLI 4,26×10⁶ → 1,20×10⁸ photons/s" },
    { "measurement", "import", NULL, "J. Ruiz", NULL, "{\"file\":\"w.csv\",\"rows\":12345}",
      "measurements · import", "Imported 12.345 measurements from w.csv" },
  };
  g_autoptr (PdxDb) db = pdx_test_new_lab (NULL);

  g_assert_nonnull (setlocale (LC_ALL, "de_DE.UTF-8"));
  check_cases (db, cases, G_N_ELEMENTS (cases));
  setlocale (LC_ALL, "C");
}

/* Runs pdxtrack-cli in-process on @db_path; its stdout (owned) or NULL when it failed. */
static char *
run_cli (const char *db_path, const char *const *args)
{
  g_autofree char *err = NULL;
  g_autofree char *out = NULL;

  if (pdx_test_run_cli_args (db_path, args, &out, &err) == 0)
    return g_steal_pointer (&out);
  g_test_message ("pdxtrack-cli: %s", err);
  return NULL;
}

/* Every CSV line of @text after the header, each without its first field (the time). */
static GPtrArray *
lines_without_time (const char *text)
{
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      const char *comma = strchr (lines[i], ',');
      g_assert_nonnull (comma);
      g_assert_cmpint (comma - lines[i], ==, 16); /* "2026-03-22 14:05" */
      g_ptr_array_add (out, g_strdup (comma + 1));
    }
  return out;
}

/* `history` prints the lab's changes in the History page's words, newest first; --study and
 * --limit narrow it; a bad --limit or study is one error line. */
static void
test_cli_history (void)
{
  g_autofree char *path = NULL;
  g_autoptr (PdxDb) db = pdx_test_new_lab (&path);
  gint64           study = pdx_test_add_study (db, "S-1", PDX_READOUT_CALIPER_VOLUME, "2026-03-01");
  gint64           arm = pdx_test_add_arm (db, study, "Vehicle", TRUE);
  gint64           mouse = pdx_test_add_mouse (db, study, arm, "M-1", NULL);
  g_autofree char *all = NULL, *limited = NULL, *table = NULL;
  g_autoptr (GPtrArray) lines = NULL, newest = NULL;
  const char *const args_all[] = { "--format", "csv", "history", NULL };
  const char *const args_limited[] = { "--format", "csv",     "history", "--study",
                                       "S-1",      "--limit", "1",       NULL };
  const char *const args_table[] = { "history", NULL };
  const char *const args_bad[] = { "history", "--limit", "0", NULL };
  const char *const args_nostudy[] = { "history", "--study", "NOPE", NULL };

  pdx_test_exclude_mouse (db, mouse, "no engraftment");
  g_clear_pointer (&db, pdx_db_close);
  all = run_cli (path, args_all);
  g_assert_nonnull (all);
  g_assert_true (g_str_has_prefix (all, "time,operator,record,action,change,reason\n"));
  lines = lines_without_time (all);
  g_assert_cmpuint (lines->len, >=, 4);
  g_assert_true (g_str_has_suffix (g_ptr_array_index (lines, 0),
                                   ",mouse M-1,Changed,excluded no → yes; exclusion reason — → "
                                   "no engraftment,"));
  g_assert_nonnull (strstr (g_ptr_array_index (lines, lines->len - 1), ",study S-1,Added,"));
  limited = run_cli (path, args_limited);
  newest = lines_without_time (limited);
  g_assert_cmpuint (newest->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (newest, 0), ==, g_ptr_array_index (lines, 0));
  table = run_cli (path, args_table);
  g_assert_nonnull (strstr (table, "  mouse M-1  "));
  g_assert_null (run_cli (path, args_bad));
  g_assert_null (run_cli (path, args_nostudy));
}

/* `history`'s filters (--mouse, --operator, --action, --from, --to, --search) select what the
 * core's filter selects, and the aligned table gives the time in the local zone with its name
 * while the CSV keeps the UTC minute. Entries written by hand at chosen times; expected lines by
 * hand. */
static void
test_cli_history_filters (void)
{
  g_autofree char *path = NULL;
  g_autoptr (PdxDb) db = pdx_test_new_lab (&path);
  gint64           study = pdx_test_add_study (db, "S-1", PDX_READOUT_CALIPER_VOLUME, "2026-03-01");
  gint64           mouse = pdx_test_add_mouse (db, study, 0, "M07", NULL);
  g_autofree char *sql = g_strdup_printf (
      "INSERT INTO audit_log (time, operator, table_name, row_id, action, old_values, new_values,"
      " reason, study_id, mouse_id) VALUES"
      " ('2026-11-12T13:05:09.000Z', 'jdoe', 'measurement', 1, 'update', '{\"weight_g\":21.3}',"
      "  '{\"weight_g\":20.1}', 'Transcription error', %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT
      "), ('2026-11-13T08:00:00.000Z', 'mroe', 'measurement', 1, 'delete',"
      "  '{\"weight_g\":20.1}', NULL, 'Instrument error', %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT
      ")",
      study, mouse, study, mouse);
  const char *const by_mouse[] = { "--format", "csv",        "history", "--mouse",
                                   "M07",      "--operator", "jdoe",    NULL };
  const char *const by_action[] = { "--format", "csv", "history", "--action", "delete", NULL };
  const char *const by_words[] = { "--format",          "csv", "history", "--search",
                                   "M07 TRANSCRIPTION", NULL };
  const char *const by_day[] = { "history", "--from", "2026-11-12", "--to", "2026-11-12", NULL };
  const char *const bad_action[] = { "history", "--action", "remove", NULL };
  const char *const bad_day[] = { "history", "--from", "2026-11-31", NULL };
  g_autofree char  *mouse_csv = NULL, *action_csv = NULL, *words_csv = NULL, *table = NULL;
  static const char header[] = "time,operator,record,action,change,reason\n";
  static const char update_line[] = "2026-11-12 13:05,jdoe,M07 · measurement,Changed,"
                                    "weight 21.3 → 20.1 g,Transcription error\n";
  g_autofree char  *only_update = g_strconcat (header, update_line, NULL);

  g_assert_true (pdx_db_exec (db, sql, NULL));
  g_clear_pointer (&db, pdx_db_close);
  mouse_csv = run_cli (path, by_mouse);
  g_assert_cmpstr (mouse_csv, ==, only_update);
  action_csv = run_cli (path, by_action);
  g_assert_cmpstr (action_csv, ==,
                   "time,operator,record,action,change,reason\n"
                   "2026-11-13 08:00,mroe,M07 · measurement,Deleted,weight 20.1 g,"
                   "Instrument error\n");
  words_csv = run_cli (path, by_words);
  g_assert_cmpstr (words_csv, ==, only_update);
  /* Berlin (UTC+1 in November): the update on 12 Nov at 14:05:09 local; the delete (13 Nov) not */
  g_setenv ("TZ", "Europe/Berlin", TRUE);
  table = run_cli (path, by_day);
  g_assert_nonnull (strstr (table, "12 Nov 2026 14:05:09 CET  jdoe"));
  g_assert_null (strstr (table, "mroe"));
  g_assert_null (strstr (table, "2026-11-12 13:05"));
  g_unsetenv ("TZ");
  g_assert_null (run_cli (path, bad_action));
  g_assert_null (run_cli (path, bad_day));
}

/* The change of entry @id (its fields read), worded. */
static char *
change_of (PdxDb *db, gint64 id)
{
  PdxAuditFilter filter = { .before_id = id + 1, .limit = 1 };
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) entries = pdx_audit_list (db, &filter, &error);
  PdxAuditEntry *entry;

  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 1);
  entry = g_ptr_array_index (entries, 0);
  g_assert_cmpint (entry->id, ==, id);
  return pdx_audit_format_change (entry, NULL);
}

static gint64
newest_entry (PdxDb *db)
{
  PdxAuditSeal seal;

  g_assert_true (pdx_audit_get_seal (db, &seal, NULL));
  return seal.seq;
}

/* Signatures and locks in the lab's words (issue 12), as the History page and `history` show
 * them, the sentences written out by hand: a review not re-authenticated, a lock (its signature
 * row, then the study's update naming it), an unlock (its row, then the lock ended); and the
 * signature lines above a study's trail. */
static void
test_wording_signatures (void)
{
  g_autoptr (PdxDb) db = pdx_test_new_lab (NULL);
  gint64 study = pdx_test_add_study (db, "S1", PDX_READOUT_BLI_FLUX, "2024-03-15");
  g_auto (PdxAuthResult) none = { FALSE, g_strdup ("not re-authenticated: test") };
  g_auto (PdxAuthResult) pam = { TRUE, g_strdup ("PAM service pdxtrack") };
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) signatures = NULL;
  g_autofree char *review = NULL, *lock_row = NULL, *lock_study = NULL, *unlock_row = NULL;
  g_autofree char *unlock_study = NULL, *line = NULL, *expected = NULL;
  gint64           review_id, lock_id, unlock_id;
  const char      *login = pdx_db_get_login (db);

  pdx_db_set_operator (db, "Dr A");
  g_assert_true (pdx_study_sign (db, study, PDX_SIGNATURE_REVIEW, "checked the weights", &none,
                                 &review_id, &error));
  review = change_of (db, newest_entry (db));
  g_assert_true (
      pdx_study_sign (db, study, PDX_SIGNATURE_LOCK, "final data", &pam, &lock_id, &error));
  /* the lock writes the signature row, then the study's lock_signature_id */
  lock_study = change_of (db, newest_entry (db));
  lock_row = change_of (db, newest_entry (db) - 1);
  g_assert_true (pdx_study_unlock (db, study, "late necropsy", &pam, &unlock_id, &error));
  g_assert_no_error (error);
  unlock_study = change_of (db, newest_entry (db));
  unlock_row = change_of (db, newest_entry (db) - 1);

  expected = g_strdup_printf ("Signature (Review) by %s (Dr A): “checked the weights”, not "
                              "re-authenticated",
                              login);
  g_assert_cmpstr (review, ==, expected);
  g_free (expected);
  expected = g_strdup_printf ("Locked by %s (Dr A): “final data”", login);
  g_assert_cmpstr (lock_row, ==, expected);
  g_free (expected);
  expected = g_strdup_printf ("locked by signature %" G_GINT64_FORMAT, lock_id);
  g_assert_cmpstr (lock_study, ==, expected);
  g_free (expected);
  expected = g_strdup_printf ("Unlocked by %s (Dr A): “late necropsy”", login);
  g_assert_cmpstr (unlock_row, ==, expected);
  g_free (expected);
  expected = g_strdup_printf ("lock of signature %" G_GINT64_FORMAT " ended", lock_id);
  g_assert_cmpstr (unlock_study, ==, expected);
  g_free (expected);

  signatures = pdx_study_list_signatures (db, study, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (signatures->len, ==, 3);
  line = pdx_signature_describe (g_ptr_array_index (signatures, 0));
  expected =
      g_strdup_printf ("Signature %" G_GINT64_FORMAT " · Review by %s (Dr A), ", review_id, login);
  g_assert_true (g_str_has_prefix (line, expected));
  g_assert_true (g_str_has_suffix (line, ": “checked the weights”, not re-authenticated"));
  g_clear_pointer (&line, g_free);
  line = pdx_signature_describe (g_ptr_array_index (signatures, 2));
  g_assert_true (g_str_has_suffix (line, ": “late necropsy”"));
  g_assert_nonnull (strstr (line, " · Unlock by "));
  (void) unlock_id;
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/wording/history-cases", test_wording_history);
  g_test_add_func ("/core/wording/odd-json", test_wording_odd_json);
  g_test_add_func ("/core/wording/fields", test_wording_fields);
  g_test_add_func ("/core/wording/german", test_wording_german);
  g_test_add_func ("/core/wording/signatures", test_wording_signatures);
  g_test_add_func ("/cli/history", test_cli_history);
  g_test_add_func ("/cli/history-filters", test_cli_history_filters);
  return g_test_run ();
}
