/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cli-signature.c — `pdxtrack-cli study sign|unlock|signatures` (issue 12), in-process,
 * with PAM pointed at this test's own service files ($PDX_PAM_CONFDIR: pam_permit, pam_deny, a
 * password check no terminal can answer), never a real password; and the writing commands
 * (import, randomize) refused on a locked study with one line naming the lock, the lab
 * unchanged. */
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "pdx-test-cli.h"
#include "pdx-test-util.h"
#include "pdx/pdx-audit.h"

typedef struct
{
  char *lab;
  char *pam_dir;
} Fixture;

static void
write_pam (Fixture *f, const char *config)
{
  g_autofree char *file = g_build_filename (f->pam_dir, "pdxtrack", NULL);
  g_assert_true (g_file_set_contents (file, config, -1, NULL));
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (PdxDb) db = pdx_test_new_lab (&f->lab);
  gint64 study = pdx_test_add_study (db, "ICR-031-D", PDX_READOUT_BLI_FLUX, "2026-01-10");

  pdx_test_add_arm (db, study, "Vehicle", TRUE);
  pdx_test_add_arm (db, study, "T-DM1", FALSE);
  pdx_test_add_mouse (db, study, 0, "M1", "2026-01-01");
  pdx_test_add_mouse (db, study, 0, "M2", "2026-01-01");
  f->pam_dir = pdx_test_make_tmpdir ();
  write_pam (f, "auth required pam_permit.so\naccount required pam_permit.so\n");
  g_setenv ("PDX_PAM_CONFDIR", f->pam_dir, TRUE);
  g_setenv ("PDXTRACK_OPERATOR", "Jane Doe", TRUE);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_free (f->lab);
  g_free (f->pam_dir);
}

static int
run (Fixture *f, char **out, char **err, const char *const *args)
{
  return pdx_test_run_cli_args (f->lab, args, out, err);
}

static char *
lab_hash (Fixture *f)
{
  g_autofree char *problem = NULL;
  char            *hash = pdx_test_file_dump_hash (f->lab, &problem);

  g_assert_nonnull (hash);
  return hash;
}

static char *
signatures_csv (Fixture *f)
{
  const char *args[] = { "--format", "csv", "study", "signatures", "--study", "ICR-031-D", NULL };
  char       *out = NULL;

  g_assert_cmpint (run (f, &out, NULL, args), ==, 0);
  return out;
}

static void
test_sign_review_reauthenticated (Fixture *f, gconstpointer data)
{
  const char      *args[] = { "study",  "sign",     "--study",       "ICR-031-D", "--meaning",
                              "review", "--reason", "data reviewed", NULL };
  g_autofree char *out = NULL, *err = NULL, *csv = NULL, *expected_tail = NULL;
  g_auto (GStrv) lines = NULL;

  g_assert_cmpint (run (f, &out, &err, args), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (g_str_has_prefix (out, "Signed \"review\" for study ICR-031-D: signature 1, "
                                        "audit seal "));
  csv = signatures_csv (f);
  lines = g_strsplit (csv, "\n", -1);
  g_assert_cmpstr (lines[0], ==,
                   "id,meaning,login,name,time,seal_seq,seal_hash,reason,reauthenticated,method");
  expected_tail = g_strdup_printf (
      ",data reviewed,yes,\"PAM service pdxtrack, configuration in %s\"", f->pam_dir);
  g_assert_true (g_str_has_prefix (lines[1], "1,review,"));
  g_assert_true (g_str_has_suffix (lines[1], expected_tail));
  g_assert_nonnull (strstr (lines[1], ",Jane Doe,"));
  g_assert_cmpstr (lines[2], ==, "");
}

static void
test_sign_refused_by_pam (Fixture *f, gconstpointer data)
{
  const char      *args[] = { "study", "sign",     "--study",    "ICR-031-D", "--meaning",
                              "lock",  "--reason", "final data", NULL };
  g_autofree char *before = lab_hash (f), *after = NULL, *err = NULL;

  write_pam (f, "auth required pam_deny.so\naccount required pam_permit.so\n");
  g_assert_cmpint (run (f, NULL, &err, args), ==, 1);
  g_assert_true (g_str_has_prefix (err, "pdxtrack-cli: Re-authentication of "));
  g_assert_nonnull (strstr (err, "failed (Authentication failure): nothing was signed."));
  after = lab_hash (f);
  g_assert_cmpstr (before, ==, after);
}

static void
no_terminal_cb (gpointer data)
{
  setsid (); /* a session of its own: no controlling terminal, so /dev/tty cannot be opened */
}

/* A service that asks for a password: the CLI reads it from /dev/tty only, never from stdin
 * (given the right password here), argv or the environment. The real binary runs in a session
 * of its own, without a terminal, so the question is cancelled and says how to sign without. */
static void
test_password_only_from_terminal (Fixture *f, gconstpointer data)
{
  g_autofree char *err = NULL, *before = lab_hash (f), *after = NULL;
  g_autofree char *script =
      pdx_test_write_file ("pw.sh", "#!/bin/sh\n[ \"$(tr -d '\\000')\" = s3cret ]\n", -1);
  g_autofree char *config = g_strdup_printf (
      "auth required pam_exec.so expose_authtok quiet %s\naccount required pam_permit.so\n",
      script);
  g_autofree char *input = pdx_test_write_file ("password", "s3cret\n", -1);
  g_autofree char *command = g_strdup_printf (
      "exec \"$PDXTRACK_CLI\" --db '%s' study sign --study ICR-031-D --meaning review --reason r"
      " < '%s'",
      f->lab, input);
  const char *argv[] = { "/bin/sh", "-c", command, NULL };
  int         status = 0;

  g_assert_cmpint (g_chmod (script, 0700), ==, 0);
  write_pam (f, config);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, no_terminal_cb, NULL,
                               NULL, &err, &status, NULL));
  g_assert_false (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (err, "was cancelled: nothing was signed."));
  g_assert_nonnull (strstr (err, "--no-reauth"));
  after = lab_hash (f);
  g_assert_cmpstr (before, ==, after);
}

static void
lock_no_reauth (Fixture *f)
{
  const char      *args[] = { "study", "sign",     "--study",    "ICR-031-D",   "--meaning",
                              "lock",  "--reason", "final data", "--no-reauth", NULL };
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (run (f, &out, &err, args), ==, 0);
  g_assert_nonnull (strstr (out, "not re-authenticated: signed with --no-reauth"));
}

/* The writing commands on a locked study: one line naming the lock, the lab unchanged. */
static void
test_locked_refuses_commands (Fixture *f, gconstpointer data)
{
  g_autofree char *measurements = pdx_test_write_file (
      "m.csv", "study,mouse,date,weight_g\nICR-031-D,M1,2026-01-11,20.1\n", -1);
  g_autofree char *mice =
      pdx_test_write_file ("mice.csv", "study,arm,mouse\nICR-031-D,Vehicle,M7\n", -1);
  const char        *import_m[] = { "import", "measurements", measurements, NULL };
  const char        *import_mice[] = { "import", "mice", mice, NULL };
  const char        *randomize[] = { "randomize", "--study", "ICR-031-D", "--seed", "7", NULL };
  const char *const *commands[] = { import_m, import_mice, randomize };
  g_autofree char   *csv = NULL;

  lock_no_reauth (f);
  csv = signatures_csv (f);
  g_assert_true (g_str_has_suffix (csv, ",final data,no,not re-authenticated: signed with "
                                        "--no-reauth\n"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *before = lab_hash (f), *after = NULL, *err = NULL;
      g_autofree char *who =
          g_strdup_printf ("signed \"lock\" by %s (Jane Doe) on ", g_get_user_name ());

      g_test_message ("%s", commands[i][0]);
      g_assert_cmpint (run (f, NULL, &err, commands[i]), ==, 1);
      g_assert_nonnull (strstr (err, "Study ICR-031-D is locked: "));
      g_assert_nonnull (strstr (err, who));
      g_assert_nonnull (strstr (err, "— \"final data\". Nothing was changed."));
      g_assert_cmpint (strchr (err, '\n') - err, ==, (int) strlen (err) - 1);
      after = lab_hash (f);
      g_assert_cmpstr (before, ==, after);
    }
}

static void
test_unlock (Fixture *f, gconstpointer data)
{
  const char      *no_reason[] = { "study", "unlock", "--study", "ICR-031-D", NULL };
  const char      *unlock[] = { "study",     "unlock",   "--study",
                                "ICR-031-D", "--reason", "correction requested by QA",
                                NULL };
  const char      *randomize[] = { "randomize", "--study", "ICR-031-D", "--seed", "7", NULL };
  g_autofree char *err = NULL, *out = NULL, *csv = NULL, *before = NULL, *after = NULL;

  lock_no_reauth (f);
  before = lab_hash (f);
  g_assert_cmpint (run (f, NULL, &err, no_reason), ==, 1);
  g_assert_cmpstr (err, ==,
                   "pdxtrack-cli: study unlock: --reason TEXT is required: say why the "
                   "study is unlocked\n");
  after = lab_hash (f);
  g_assert_cmpstr (before, ==, after);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (f, &out, &err, unlock), ==, 0);
  g_assert_true (g_str_has_prefix (out, "Signed \"unlock\" for study ICR-031-D: signature 2, "));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (f, NULL, &err, randomize), ==, 0);
  csv = signatures_csv (f);
  g_assert_nonnull (strstr (csv, "\n2,unlock,"));
  g_assert_nonnull (strstr (csv, ",correction requested by QA,yes,"));
}

static void
test_usage_errors (Fixture *f, gconstpointer data)
{
  static const struct
  {
    const char *args[10];
    const char *expected;
  } cases[] = {
    { { "study", "sign", "--study", "ICR-031-D", "--reason", "r", NULL },
      "pdxtrack-cli: study sign: --meaning review|approve|lock is required\n" },
    { { "study", "sign", "--study", "ICR-031-D", "--meaning", "unlock", "--reason", "r", NULL },
      "pdxtrack-cli: study sign: --meaning takes review, approve or lock, not 'unlock' (to "
      "unlock, run 'pdxtrack-cli study unlock')\n" },
    { { "study", "sign", "--study", "ICR-031-D", "--meaning", "lock", NULL },
      "pdxtrack-cli: study sign: --reason TEXT is required: a signature says what it is for\n" },
    { { "study", "sign", "--study", "NOPE", "--meaning", "lock", "--reason", "r", NULL }, NULL },
    { { "study", "unlock", "--study", "ICR-031-D", "--reason", "r", NULL },
      "pdxtrack-cli: Study ICR-031-D is not locked. Nothing was changed.\n" },
    { { "study", "frobnicate", NULL },
      "pdxtrack-cli: study: unknown subcommand 'frobnicate' (set, duplicate, sign, unlock or signatures)\n" },
  };
  g_autofree char *before = lab_hash (f), *after = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *err = NULL;

      g_assert_cmpint (run (f, NULL, &err, cases[i].args), !=, 0);
      if (cases[i].expected)
        g_assert_cmpstr (err, ==, cases[i].expected);
      else
        g_assert_true (g_str_has_prefix (err, "pdxtrack-cli: no study 'NOPE' in "));
    }
  after = lab_hash (f);
  g_assert_cmpstr (before, ==, after);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn)                                                                              \
  g_test_add ("/cli/signature/" path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("sign-review-reauthenticated", test_sign_review_reauthenticated);
  ADD ("sign-refused-by-pam", test_sign_refused_by_pam);
  ADD ("password-only-from-terminal", test_password_only_from_terminal);
  ADD ("locked-refuses-commands", test_locked_refuses_commands);
  ADD ("unlock", test_unlock);
  ADD ("usage-errors", test_usage_errors);
#undef ADD
  return g_test_run ();
}
