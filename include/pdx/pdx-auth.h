/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-auth.h — re-authenticating the person who signs a study (PAM service "pdxtrack"). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PDX_AUTH_ERROR (pdx_auth_error_quark ())
typedef enum
{
  PDX_AUTH_ERROR_FAILED,    /* PAM refused the person (wrong password, account expired …) */
  PDX_AUTH_ERROR_CANCELLED, /* the person gave no password (the prompt returned NULL) */
} PdxAuthError;
GQuark pdx_auth_error_quark (void);

/* The PAM service pdxtrack authenticates against (data/pam/pdxtrack, installed to
 * $sysconfdir/pam.d; without it PAM uses its "other" service). */
#define PDX_AUTH_PAM_SERVICE "pdxtrack"

/* Asks the person one question of PAM's conversation: @prompt as PAM wrote it, @echo FALSE for
 * a secret (a password). Returns the answer, owned (the caller wipes and frees it), or NULL
 * to cancel. Info and error texts of PAM are given with @prompt set and @is_message TRUE; the
 * return value is then ignored (NULL is fine). */
typedef char *(*PdxAuthPromptFunc) (const char *prompt,
                                    gboolean    echo,
                                    gboolean    is_message,
                                    gpointer    user_data);

/* How a signature was re-authenticated, as its signature row records it. */
typedef struct
{
  gboolean reauthenticated; /* PAM confirmed the login just now */
  char    *method;          /* "PAM service pdxtrack", "PAM service pdxtrack, configuration in DIR"
                             * (a test's $PDX_PAM_CONFDIR), or "not re-authenticated: WHY" */
} PdxAuthResult;

void pdx_auth_result_clear (PdxAuthResult *result);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PdxAuthResult, pdx_auth_result_clear)

/* Re-authenticates @login (the operating-system login, g_get_user_name ()) through PAM: the
 * service's auth and account stacks, asking through @prompt. $PDX_PAM_CONFDIR, when set, is
 * the folder PAM reads the service's configuration from (pam_start_confdir, for tests), and
 * the method says so. Returns TRUE with @result filled when PAM accepted the login, or when no
 * PAM service could be started at all (then @result says "not re-authenticated" and why).
 * Returns FALSE with PDX_AUTH_ERROR_FAILED when PAM refused, PDX_AUTH_ERROR_CANCELLED when
 * the prompt was cancelled; @result is then left empty. */
gboolean pdx_auth_reauthenticate (const char       *login,
                                  PdxAuthPromptFunc prompt,
                                  gpointer          user_data,
                                  PdxAuthResult    *result,
                                  GError          **error);

/* Fills @result for a signature made without re-authentication, because of @why (English,
 * recorded in the lab: "signed with --no-reauth"). */
void pdx_auth_result_set_not_reauthenticated (PdxAuthResult *result, const char *why);

G_END_DECLS
