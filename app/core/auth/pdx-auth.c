/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-auth.c — re-authentication through PAM for electronic signatures (docs/signatures.md). */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>
#include <security/pam_appl.h>
#include <stdlib.h>
#include <string.h>

#include "pdx/pdx-auth.h"

/* clang-format off */
G_DEFINE_QUARK (pdx-auth-error-quark, pdx_auth_error)
/* clang-format on */

typedef struct
{
  PdxAuthPromptFunc prompt;
  gpointer          user_data;
  gboolean          cancelled;
} Conversation;

void
pdx_auth_result_clear (PdxAuthResult *result)
{
  g_clear_pointer (&result->method, g_free);
  result->reauthenticated = FALSE;
}

void
pdx_auth_result_set_not_reauthenticated (PdxAuthResult *result, const char *why)
{
  pdx_auth_result_clear (result);
  result->method = g_strdup_printf ("not re-authenticated: %s", why);
}

/* Frees @n responses of PAM's conversation, wiping the answers (passwords). */
static void
free_responses (struct pam_response *responses, int n)
{
  for (int i = 0; i < n; i++)
    if (responses[i].resp)
      {
        explicit_bzero (responses[i].resp, strlen (responses[i].resp));
        free (responses[i].resp);
      }
  free (responses);
}

/* One answer in PAM's own memory (malloc: PAM frees it); @answer is wiped and freed. */
static char *
take_answer (char *answer)
{
  char *copy = strdup (answer);
  explicit_bzero (answer, strlen (answer));
  g_free (answer);
  return copy;
}

/* PAM's conversation: each question goes to the caller's prompt; a NULL answer cancels. */
static int
converse (int n, const struct pam_message **messages, struct pam_response **out, void *data)
{
  Conversation        *conv = data;
  struct pam_response *responses = calloc (n, sizeof *responses);

  if (responses == NULL)
    return PAM_BUF_ERR;
  for (int i = 0; i < n; i++)
    {
      int   style = messages[i]->msg_style;
      char *answer;

      if (style == PAM_ERROR_MSG || style == PAM_TEXT_INFO)
        {
          g_free (conv->prompt (messages[i]->msg, TRUE, TRUE, conv->user_data));
          continue;
        }
      answer = conv->prompt (messages[i]->msg, style == PAM_PROMPT_ECHO_ON, FALSE, conv->user_data);
      if (answer == NULL || (responses[i].resp = take_answer (answer)) == NULL)
        {
          conv->cancelled = answer == NULL;
          free_responses (responses, n);
          return PAM_CONV_ERR;
        }
    }
  *out = responses;
  return PAM_SUCCESS;
}

/* The method a successful PAM re-authentication records. */
static char *
method_of (const char *confdir)
{
  if (confdir)
    return g_strdup_printf ("PAM service %s, configuration in %s", PDX_AUTH_PAM_SERVICE, confdir);
  return g_strdup_printf ("PAM service %s", PDX_AUTH_PAM_SERVICE);
}

/* Runs the auth and account stacks on a started @pamh; FALSE with the error when refused. */
static gboolean
run_stacks (pam_handle_t *pamh, Conversation *conv, const char *login, GError **error)
{
  int rc = pam_authenticate (pamh, PAM_DISALLOW_NULL_AUTHTOK);

  if (rc == PAM_SUCCESS)
    rc = pam_acct_mgmt (pamh, PAM_DISALLOW_NULL_AUTHTOK);
  if (rc == PAM_SUCCESS)
    return TRUE;
  if (conv->cancelled)
    g_set_error (error, PDX_AUTH_ERROR, PDX_AUTH_ERROR_CANCELLED,
                 _ ("Re-authentication of %s was cancelled: nothing was signed."), login);
  else
    g_set_error (error, PDX_AUTH_ERROR, PDX_AUTH_ERROR_FAILED,
                 /* Translators: the login, then PAM's own reason (in English). */
                 _ ("Re-authentication of %s failed (%s): nothing was signed."), login,
                 pam_strerror (pamh, rc));
  return FALSE;
}

gboolean
pdx_auth_reauthenticate (const char       *login,
                         PdxAuthPromptFunc prompt,
                         gpointer          user_data,
                         PdxAuthResult    *result,
                         GError          **error)
{
  Conversation    conv = { prompt, user_data, FALSE };
  struct pam_conv pam_conv = { converse, &conv };
  pam_handle_t   *pamh = NULL;
  const char     *confdir = g_getenv ("PDX_PAM_CONFDIR");
  gboolean        ok;
  int             rc;

  g_return_val_if_fail (login != NULL && prompt != NULL && result != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  pdx_auth_result_clear (result);
  if (confdir && *confdir)
    rc = pam_start_confdir (PDX_AUTH_PAM_SERVICE, login, &pam_conv, confdir, &pamh);
  else
    confdir = NULL, rc = pam_start (PDX_AUTH_PAM_SERVICE, login, &pam_conv, &pamh);
  if (rc != PAM_SUCCESS)
    {
      g_autofree char *why = g_strdup_printf (
          "the PAM service %s could not be started (%s%s%s)", PDX_AUTH_PAM_SERVICE,
          pam_strerror (pamh, rc), confdir ? ", configuration in " : "", confdir ? confdir : "");
      if (pamh)
        pam_end (pamh, rc);
      pdx_auth_result_set_not_reauthenticated (result, why);
      return TRUE;
    }
  ok = run_stacks (pamh, &conv, login, error);
  pam_end (pamh, ok ? PAM_SUCCESS : PAM_AUTH_ERR);
  if (ok)
    {
      result->reauthenticated = TRUE;
      result->method = method_of (confdir);
    }
  return ok;
}
