/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-auth.c — re-authentication for signatures through PAM, never with a real password: each
 * test writes its own "pdxtrack" service into a folder $PDX_PAM_CONFDIR points PAM at
 * (pam_permit, pam_deny, pam_exec checking a test password, or no service at all). */
#include <string.h>
#include <glib/gstdio.h>

#include "pdx-test-util.h"
#include "pdx/pdx-auth.h"

typedef struct
{
  const char *answer; /* what the prompt answers; NULL cancels */
  guint       questions;
  guint       secret_questions;
} Prompt;

static char *
prompt_cb (const char *prompt, gboolean echo, gboolean is_message, gpointer user_data)
{
  Prompt *p = user_data;

  if (is_message)
    return NULL;
  p->questions++;
  p->secret_questions += !echo;
  return g_strdup (p->answer);
}

/* A folder holding a "pdxtrack" PAM service of @config (NULL: an empty folder); sets
 * $PDX_PAM_CONFDIR to it and returns it (owned). */
static char *
use_pam_config (const char *config)
{
  g_autofree char *dir = pdx_test_make_tmpdir ();

  if (config)
    {
      g_autofree char *file = g_build_filename (dir, "pdxtrack", NULL);
      g_assert_true (g_file_set_contents (file, config, -1, NULL));
    }
  g_setenv ("PDX_PAM_CONFDIR", dir, TRUE);
  return g_steal_pointer (&dir);
}

static void
test_permit (void)
{
  g_autofree char *dir =
      use_pam_config ("auth required pam_permit.so\naccount required pam_permit.so\n");
  g_autofree char *expected = g_strdup_printf ("PAM service pdxtrack, configuration in %s", dir);
  g_auto (PdxAuthResult) result = { 0 };
  g_autoptr (GError) error = NULL;
  Prompt p = { "unused" };

  g_assert_true (pdx_auth_reauthenticate ("jdoe", prompt_cb, &p, &result, &error));
  g_assert_no_error (error);
  g_assert_true (result.reauthenticated);
  g_assert_cmpstr (result.method, ==, expected);
}

static void
test_deny (void)
{
  g_autofree char *dir =
      use_pam_config ("auth required pam_deny.so\naccount required pam_permit.so\n");
  g_auto (PdxAuthResult) result = { 0 };
  g_autoptr (GError) error = NULL;
  Prompt p = { "unused" };

  g_assert_false (pdx_auth_reauthenticate ("jdoe", prompt_cb, &p, &result, &error));
  g_assert_error (error, PDX_AUTH_ERROR, PDX_AUTH_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "jdoe"));
  g_assert_nonnull (strstr (error->message, "nothing was signed"));
  g_assert_false (result.reauthenticated);
  g_assert_null (result.method);
}

/* The account stack counts too: a password accepted for an account PAM refuses is refused. */
static void
test_account_refused (void)
{
  g_autofree char *dir =
      use_pam_config ("auth required pam_permit.so\naccount required pam_deny.so\n");
  g_auto (PdxAuthResult) result = { 0 };
  g_autoptr (GError) error = NULL;
  Prompt p = { "unused" };

  g_assert_false (pdx_auth_reauthenticate ("jdoe", prompt_cb, &p, &result, &error));
  g_assert_error (error, PDX_AUTH_ERROR, PDX_AUTH_ERROR_FAILED);
}

/* pam_exec asks for the password through the conversation (echo off) and hands it to a script
 * that accepts only "s3cret". */
static char *
password_config (void)
{
  g_autofree char *script = pdx_test_write_file (
      "check-password.sh", "#!/bin/sh\npw=$(tr -d '\\000')\n[ \"$pw\" = s3cret ]\n", -1);
  g_assert_cmpint (g_chmod (script, 0700), ==, 0);
  return g_strdup_printf ("auth required pam_exec.so expose_authtok quiet %s\n"
                          "account required pam_permit.so\n",
                          script);
}

static void
test_password (void)
{
  g_autofree char *config = password_config ();
  g_autofree char *dir = use_pam_config (config);
  const char      *answers[] = { "s3cret", "wrong", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    {
      g_auto (PdxAuthResult) result = { 0 };
      g_autoptr (GError) error = NULL;
      Prompt   p = { answers[i] };
      gboolean ok = pdx_auth_reauthenticate ("jdoe", prompt_cb, &p, &result, &error);

      g_assert_cmpuint (p.questions, ==, 1);
      g_assert_cmpuint (p.secret_questions, ==, 1);
      if (i == 0)
        {
          g_assert_no_error (error);
          g_assert_true (ok && result.reauthenticated);
        }
      else
        {
          int expected = i == 1 ? PDX_AUTH_ERROR_FAILED : PDX_AUTH_ERROR_CANCELLED;

          g_assert_false (ok);
          g_assert_error (error, PDX_AUTH_ERROR, expected);
          g_assert_null (result.method);
        }
    }
}

/* No service at all (no "pdxtrack", no "other"): PAM cannot start, so the signature may be
 * made and records that it was not re-authenticated, and why. */
static void
test_no_service (void)
{
  g_autofree char *dir = use_pam_config (NULL);
  g_auto (PdxAuthResult) result = { 0 };
  g_autoptr (GError) error = NULL;
  Prompt p = { "unused" };

  g_assert_true (pdx_auth_reauthenticate ("jdoe", prompt_cb, &p, &result, &error));
  g_assert_no_error (error);
  g_assert_false (result.reauthenticated);
  g_assert_true (g_str_has_prefix (result.method, "not re-authenticated: the PAM service "
                                                  "pdxtrack could not be started ("));
  g_assert_nonnull (strstr (result.method, dir));
  g_assert_cmpuint (p.questions, ==, 0);
}

static void
test_not_reauthenticated (void)
{
  g_auto (PdxAuthResult) result = { TRUE, g_strdup ("old") };

  pdx_auth_result_set_not_reauthenticated (&result, "signed with --no-reauth");
  g_assert_false (result.reauthenticated);
  g_assert_cmpstr (result.method, ==, "not re-authenticated: signed with --no-reauth");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/auth/permit", test_permit);
  g_test_add_func ("/core/auth/deny", test_deny);
  g_test_add_func ("/core/auth/account-refused", test_account_refused);
  g_test_add_func ("/core/auth/password", test_password);
  g_test_add_func ("/core/auth/no-service", test_no_service);
  g_test_add_func ("/core/auth/not-reauthenticated", test_not_reauthenticated);
  return g_test_run ();
}
