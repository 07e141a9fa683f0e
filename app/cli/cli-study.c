/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli-study.c — `study sign|unlock|signatures`: a study director's electronic signature (review,
 * approve, lock), unlocking with a reason, and the study's signatures (docs/signatures.md). */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "cli.h"

#include <fcntl.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

/* Reads one line from @fd into an owned string without its newline; NULL at end of input. */
static char *
read_line (int fd)
{
  g_autoptr (GString) line = g_string_new (NULL);
  char    c;
  ssize_t n;

  while ((n = read (fd, &c, 1)) == 1 && c != '\n')
    g_string_append_c (line, c);
  if (n != 1 && line->len == 0)
    {
      explicit_bzero (line->str, line->allocated_len);
      return NULL;
    }
  return g_string_free (g_steal_pointer (&line), FALSE);
}

/* PAM's questions on the controlling terminal (/dev/tty), secrets with echo off: never from
 * argv, the environment or stdin. No terminal: NULL (cancels; the message says what to do). */
static char *
tty_prompt_cb (const char *prompt, gboolean echo, gboolean is_message, gpointer user_data)
{
  int            fd = open ("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
  struct termios saved, quiet;
  gboolean       restore = FALSE;
  char          *answer = NULL;

  if (fd < 0)
    return NULL;
  if (write (fd, prompt, strlen (prompt)) < 0 || (is_message && write (fd, "\n", 1) < 0))
    {
      close (fd);
      return NULL;
    }
  if (!is_message)
    {
      if (!echo && tcgetattr (fd, &saved) == 0)
        {
          quiet = saved;
          quiet.c_lflag &= ~(tcflag_t) ECHO;
          restore = tcsetattr (fd, TCSAFLUSH, &quiet) == 0;
        }
      answer = read_line (fd);
      if (restore)
        {
          tcsetattr (fd, TCSAFLUSH, &saved);
          (void) !write (fd, "\n", 1);
        }
    }
  close (fd);
  return answer;
}

/* How this signature is authenticated: PAM, or --no-reauth recorded as such. FALSE after
 * printing the refusal. */
static gboolean
authenticate (PdxCli *cli, gboolean no_reauth, PdxAuthResult *auth)
{
  g_autoptr (GError) error = NULL;

  if (no_reauth)
    {
      pdx_auth_result_set_not_reauthenticated (auth, "signed with --no-reauth");
      return TRUE;
    }
  if (pdx_auth_reauthenticate (pdx_db_get_login (cli->db), tty_prompt_cb, NULL, auth, &error))
    return TRUE;
  if (g_error_matches (error, PDX_AUTH_ERROR, PDX_AUTH_ERROR_CANCELLED))
    pdx_cli_fail (cli, "%s %s", error->message,
                  _ ("The password is read from the terminal (/dev/tty); without one, sign with "
                     "--no-reauth, which the signature records."));
  else
    pdx_cli_fail_error (cli, error);
  return FALSE;
}

/* Prints what was signed: "Signed "lock" for study CODE as signature N (re-authenticated)". */
static int
print_signed (PdxCli *cli, const char *code, gint64 signature_id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxSignature) signature = pdx_signature_get (cli->db, signature_id, &error);

  if (signature == NULL)
    return pdx_cli_fail_error (cli, error);
  fprintf (cli->out,
           /* Translators: the meaning (review, approve, lock, unlock: as typed), the study's
              code, the signature's number, its seal (entry number and hash), then how the
              signer was re-authenticated (in English, as recorded). */
           _ ("Signed \"%s\" for study %s: signature %lld, audit seal %lld %s, %s\n"),
           pdx_signature_meaning_to_string (signature->meaning), code, (long long) signature->id,
           (long long) signature->seal_seq, signature->seal_hash, signature->method);
  return 0;
}

/* `study sign` (@unlock FALSE) and `study unlock` (TRUE, no --meaning). */
static int
cmd_sign (PdxCli *cli, int argc, char **argv, gboolean unlock)
{
  char        *study_code = NULL, *meaning_text = NULL, *reason = NULL;
  gboolean     no_reauth = FALSE;
  int          status;
  GOptionEntry entries[] = {
    { "study", 0, 0, G_OPTION_ARG_STRING, &study_code, N_ ("The study"), "CODE" },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_ ("Why (recorded with the signature)"),
      "TEXT" },
    { "no-reauth", 0, 0, G_OPTION_ARG_NONE, &no_reauth,
      N_ ("Do not ask for the password (the signature records that it was not "
          "re-authenticated)"),
      NULL },
    { "meaning", 0, 0, G_OPTION_ARG_STRING, &meaning_text,
      N_ ("review, approve or lock (lock: nothing in the study can change until it is "
          "unlocked)"),
      "MEANING" },
    { NULL }
  };
  PdxSignatureMeaning meaning = PDX_SIGNATURE_UNLOCK;
  g_auto (PdxAuthResult) auth = { 0 };
  g_autoptr (PdxStudy) study = NULL;
  g_autoptr (GError) error = NULL;
  gint64 signature_id = 0;

  if (unlock)
    entries[3].long_name = NULL; /* the list ends before --meaning */
  if (!pdx_cli_parse (cli,
                      unlock ? N_ ("--study CODE --reason TEXT [--no-reauth]")
                             : N_ ("--study CODE --meaning review|approve|lock --reason TEXT "
                                   "[--no-reauth]"),
                      unlock ? N_ ("Unlocks a locked study after the password: a signature of "
                                   "meaning \"unlock\", with its reason.")
                             : N_ ("Signs a study electronically after the password: review, "
                                   "approve, or lock (nothing in the study can change until "
                                   "it is unlocked)."),
                      entries, &argc, &argv, &status))
    return status;
  g_autofree char *code = study_code, *meaning_owned = meaning_text, *why = reason;
  if (argc != 1)
    return pdx_cli_fail (cli, _ ("study: unexpected argument '%s'"), argv[1]);
  if (!unlock && meaning_owned == NULL)
    return pdx_cli_fail (cli, _ ("study sign: --meaning review|approve|lock is required"));
  if (!unlock && (!pdx_signature_meaning_from_string (meaning_owned, &meaning) ||
                  meaning == PDX_SIGNATURE_UNLOCK))
    return pdx_cli_fail (cli,
                         _ ("study sign: --meaning takes review, approve or lock, not '%s' (to "
                            "unlock, run 'pdxtrack-cli study unlock')"),
                         meaning_owned);
  if (why == NULL || *g_strstrip (why) == '\0')
    return pdx_cli_fail (cli, unlock ? _ ("study unlock: --reason TEXT is required: say why the "
                                          "study is unlocked")
                                     : _ ("study sign: --reason TEXT is required: a signature "
                                          "says what it is for"));
  if (!pdx_cli_open_db (cli, FALSE) || !(study = pdx_cli_require_study (cli, code)))
    return 1;
  if (!authenticate (cli, no_reauth, &auth))
    return 1;
  if (!(unlock ? pdx_study_unlock (cli->db, study->id, why, &auth, &signature_id, &error)
               : pdx_study_sign (cli->db, study->id, meaning, why, &auth, &signature_id, &error)))
    return pdx_cli_fail_error (cli, error);
  return print_signed (cli, study->code, signature_id);
}

/* One row of `study signatures`: time in the person's zone on the terminal, ISO UTC in CSV. */
static char **
signature_row (PdxCli *cli, const PdxSignature *s)
{
  char **row = g_new0 (char *, 11);

  row[0] = g_strdup_printf ("%" G_GINT64_FORMAT, s->id);
  row[1] = g_strdup (pdx_signature_meaning_to_string (s->meaning));
  row[2] = g_strdup (s->login);
  row[3] = g_strdup (s->name);
  row[4] = cli->csv ? g_strdup (s->time) : pdx_signature_format_time (s);
  row[5] = g_strdup_printf ("%" G_GINT64_FORMAT, s->seal_seq);
  row[6] = g_strdup (s->seal_hash);
  row[7] = g_strdup (s->reason);
  row[8] = g_strdup (s->reauthenticated ? "yes" : "no");
  row[9] = g_strdup (s->method);
  return row;
}

static int
cmd_signatures (PdxCli *cli, int argc, char **argv)
{
  static const char *const columns[] = { "id",        "meaning", "login",
                                         "name",      "time",    "seal_seq",
                                         "seal_hash", "reason",  "reauthenticated",
                                         "method",    NULL };
  char                    *study_code = NULL;
  int                      status;
  GOptionEntry             entries[] = {
                { "study", 0, 0, G_OPTION_ARG_STRING, &study_code, N_ ("The study"), "CODE" },
                { NULL },
  };
  g_autoptr (PdxStudy) study = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) signatures = NULL;
  g_autoptr (PdxCliTable) table = NULL;

  if (!pdx_cli_parse (cli, "--study CODE", N_ ("A study's electronic signatures, oldest first."),
                      entries, &argc, &argv, &status))
    return status;
  g_autofree char *code = study_code;
  if (argc != 1)
    return pdx_cli_fail (cli, _ ("study: unexpected argument '%s'"), argv[1]);
  if (!pdx_cli_open_db (cli, FALSE) || !(study = pdx_cli_require_study (cli, code)))
    return 1;
  if (!(signatures = pdx_study_list_signatures (cli->db, study->id, &error)))
    return pdx_cli_fail_error (cli, error);
  g_auto (PdxCLocale) c_locale = { cli->csv ? pdx_i18n_use_c_locale () : (locale_t) 0 };
  table = pdx_cli_table_new (columns);
  for (guint i = 0; i < signatures->len; i++)
    pdx_cli_table_add_row_take (table, signature_row (cli, g_ptr_array_index (signatures, i)));
  pdx_cli_table_print (cli, table);
  return 0;
}

int
pdx_cli_cmd_study (PdxCli *cli, int argc, char **argv)
{
  static const char *const usage =
      N_ ("Usage: pdxtrack-cli study sign|unlock|signatures OPTIONS…\n\n"
          "  sign        sign a study: review, approve or lock\n"
          "  unlock      unlock a locked study, with a reason\n"
          "  signatures  list a study's signatures\n");

  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      fputs (_ (usage), argc < 2 ? cli->err : cli->out);
      return argc < 2 ? 2 : 0;
    }
  if (g_str_equal (argv[1], "sign"))
    return cmd_sign (cli, argc - 1, argv + 1, FALSE);
  if (g_str_equal (argv[1], "unlock"))
    return cmd_sign (cli, argc - 1, argv + 1, TRUE);
  if (g_str_equal (argv[1], "signatures"))
    return cmd_signatures (cli, argc - 1, argv + 1);
  pdx_cli_fail (cli, _ ("study: unknown subcommand '%s' (sign, unlock or signatures)"), argv[1]);
  return 2;
}
