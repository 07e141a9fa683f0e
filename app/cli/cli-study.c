/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli-study.c — `study sign|unlock|signatures`: a study director's electronic signature (review,
 * approve, lock), unlocking with a reason, and the study's signatures (docs/signatures.md);
 * `study set`: its status with the date of the change, and its metadata corrected with a
 * reason; `study duplicate`: a new study from another's design (docs/study-lifecycle.md). */
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

/* Today, local, YYYY-MM-DD. Owned. */
static char *
today (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  return g_date_time_format (now, "%Y-%m-%d");
}

/* Sets @field's text in @changed from an option's @value ("" clears it). */
static void
set_text (char **slot, const char *value, guint *fields, PdxStudyFields field)
{
  if (value == NULL)
    return;
  g_free (*slot);
  *slot = *value ? g_strdup (value) : NULL;
  *fields |= field;
}

/* `study set`: the status (with its date), or metadata fields, one kind per command (each is
 * one transaction). */
static int
cmd_set (PdxCli *cli, int argc, char **argv)
{
  char *study_code = NULL, *status_text = NULL, *status_date = NULL, *title = NULL;
  char *line_code = NULL, *passage = NULL, *day0 = NULL, *readout = NULL, *site = NULL;
  char *material = NULL, *amount = NULL, *protocol = NULL, *investigator = NULL, *notes = NULL;
  char *reason = NULL;
  int   status;
  GOptionEntry entries[] = {
    { "study", 0, 0, G_OPTION_ARG_STRING, &study_code, N_ ("The study"), "CODE" },
    { "status", 0, 0, G_OPTION_ARG_STRING, &status_text,
      N_ ("planned, active, completed or terminated (terminated needs --reason)"), "STATUS" },
    { "status-date", 0, 0, G_OPTION_ARG_STRING, &status_date,
      N_ ("The day the status changed (default today)"), "DATE" },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_ ("The title (\"\" clears it)"), "TEXT" },
    { "line", 0, 0, G_OPTION_ARG_STRING, &line_code, N_ ("The tissue line's code"), "CODE" },
    { "passage", 0, 0, G_OPTION_ARG_STRING, &passage, N_ ("The passage used (\"\" clears it)"),
      "N" },
    { "day0", 0, 0, G_OPTION_ARG_STRING, &day0, N_ ("Day 0, the treatment start"), "DATE" },
    { "readout", 0, 0, G_OPTION_ARG_STRING, &readout, N_ ("bli_flux, mri_volume or caliper_volume"),
      "READOUT" },
    { "implant-site", 0, 0, G_OPTION_ARG_STRING, &site, N_ ("The implant site"), "SITE" },
    { "implant-material", 0, 0, G_OPTION_ARG_STRING, &material, N_ ("cells or fragment"),
      "MATERIAL" },
    { "implant-amount", 0, 0, G_OPTION_ARG_STRING, &amount, N_ ("e.g. 1e5 cells"), "TEXT" },
    { "protocol", 0, 0, G_OPTION_ARG_STRING, &protocol, N_ ("The protocol"), "TEXT" },
    { "investigator", 0, 0, G_OPTION_ARG_STRING, &investigator, N_ ("The investigator"), "NAME" },
    { "notes", 0, 0, G_OPTION_ARG_STRING, &notes, N_ ("Notes"), "TEXT" },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason,
      N_ ("Why (recorded in the audit trail; needed for every change but planned → active → "
          "completed)"),
      "TEXT" },
    { NULL }
  };
  g_autoptr (PdxStudy) read = NULL, changed = NULL;
  g_autoptr (GError) error = NULL;
  guint fields = 0;

  if (!pdx_cli_parse (cli,
                      N_ ("--study CODE [--status S [--status-date DATE]] [--title T] [--line "
                          "CODE] [--passage N] [--day0 DATE] [--readout R] [--implant-site S] "
                          "[--protocol P] [--investigator I] … --reason TEXT"),
                      N_ ("Changes a study's status (with the day it changed) or corrects its "
                          "metadata; only the values given are written, each with the reason."),
                      entries, &argc, &argv, &status))
    return status;
  g_autofree char *code = study_code, *st = status_text, *sd = status_date, *ti = title;
  g_autofree char *lc = line_code, *pa = passage, *d0 = day0, *ro = readout, *si = site;
  g_autofree char *ma = material, *am = amount, *pr = protocol, *in = investigator;
  g_autofree char *no = notes, *why = reason;
  if (argc != 1)
    return pdx_cli_fail (cli, _ ("study: unexpected argument '%s'"), argv[1]);
  if (code == NULL)
    return pdx_cli_fail (cli, _ ("study set: --study CODE is required"));
  if (why)
    g_strstrip (why);
  if (!pdx_cli_open_db (cli, FALSE) || !(read = pdx_cli_require_study (cli, code)))
    return 1;
  changed = pdx_study_get (cli->db, read->id, &error);
  if (changed == NULL)
    return pdx_cli_fail_error (cli, error);
  set_text (&changed->title, ti, &fields, PDX_STUDY_TITLE);
  set_text (&changed->day0, d0, &fields, PDX_STUDY_DAY0);
  set_text (&changed->implant_site, si, &fields, PDX_STUDY_IMPLANT_SITE);
  set_text (&changed->implant_material, ma, &fields, PDX_STUDY_IMPLANT_MATERIAL);
  set_text (&changed->implant_amount, am, &fields, PDX_STUDY_IMPLANT_AMOUNT);
  set_text (&changed->protocol, pr, &fields, PDX_STUDY_PROTOCOL);
  set_text (&changed->investigator, in, &fields, PDX_STUDY_INVESTIGATOR);
  set_text (&changed->notes, no, &fields, PDX_STUDY_NOTES);
  if (lc)
    {
      g_autoptr (PdxLine) line = NULL;
      g_autoptr (GError) local = NULL;
      if (*lc && !(line = pdx_line_find (cli->db, lc, &local)))
        return pdx_cli_fail (cli,
                             _ ("study set: no tissue line '%s' (see 'pdxtrack-cli list "
                                "lines')"),
                             lc);
      changed->line_id = line ? line->id : 0;
      fields |= PDX_STUDY_LINE;
    }
  if (pa)
    {
      gint64 n = -1;
      if (*pa && !g_ascii_string_to_signed (pa, 10, 0, G_MAXINT, &n, NULL))
        return pdx_cli_fail (cli, _ ("study set: --passage takes a whole number ≥ 0, not '%s'"),
                             pa);
      changed->passage = (int) n;
      fields |= PDX_STUDY_PASSAGE;
    }
  if (ro)
    {
      if (!pdx_readout_from_string (ro, &changed->readout))
        return pdx_cli_fail (cli,
                             _ ("study set: --readout takes bli_flux, mri_volume or "
                                "caliper_volume, not '%s'"),
                             ro);
      fields |= PDX_STUDY_READOUT;
    }
  if (st == NULL && sd)
    return pdx_cli_fail (cli, _ ("study set: --status-date goes with --status"));
  if (st && fields)
    return pdx_cli_fail (cli, _ ("study set: change the status and the other values in two "
                                 "commands (each is recorded as one change)"));
  if (st)
    {
      g_autofree char *date = sd ? g_strdup (sd) : today ();
      if (!pdx_study_set_status (cli->db, read->id, read->status, st, date,
                                 why && *why ? why : NULL, &error))
        return pdx_cli_fail_error (cli, error);
      fprintf (cli->out, _ ("Study %s is now %s (since %s)\n"), read->code,
               pdx_vocab_get_label (st), date);
      return 0;
    }
  if (fields == 0)
    return pdx_cli_fail (cli, _ ("study set: nothing to change (give --status, --title, --day0, "
                                 "…)"));
  if (!pdx_study_update_fields (cli->db, read, changed, fields, why, &error))
    return pdx_cli_fail_error (cli, error);
  fprintf (cli->out, _ ("Study %s changed.\n"), read->code);
  if ((fields & PDX_STUDY_DAY0) && g_strcmp0 (read->day0, changed->day0) != 0)
    fprintf (cli->out,
             _ ("Day 0 moved from %s to %s: every study day, and the metrics and charts that "
                "count from it, change.\n"),
             read->day0, changed->day0);
  if ((fields & PDX_STUDY_READOUT) && read->readout != changed->readout)
    fprintf (cli->out,
             _ ("The readout is now %s: growth, response and every chart use it from now on.\n"),
             pdx_readout_to_string (changed->readout));
  return 0;
}

/* `study duplicate`: a new planned study with the design (arms and agents) of another. */
static int
cmd_duplicate (PdxCli *cli, int argc, char **argv)
{
  char        *study_code = NULL, *new_code = NULL, *title = NULL, *day0 = NULL;
  int          status;
  GOptionEntry entries[] = {
    { "study", 0, 0, G_OPTION_ARG_STRING, &study_code, N_ ("The study to copy"), "CODE" },
    { "new-code", 0, 0, G_OPTION_ARG_STRING, &new_code, N_ ("The new study's code"), "CODE" },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title,
      N_ ("The new study's title (default the copied study's)"), "TEXT" },
    { "day0", 0, 0, G_OPTION_ARG_STRING, &day0,
      N_ ("The new study's day 0 (default the copied study's)"), "DATE" },
    { NULL }
  };
  g_autoptr (PdxStudy) source = NULL;
  g_autoptr (PdxStudy) created = NULL;
  g_autoptr (GPtrArray) arms = NULL;
  g_autoptr (GError) error = NULL;
  gint64 new_id = 0;

  if (!pdx_cli_parse (cli, N_ ("--study CODE --new-code CODE [--title T] [--day0 DATE]"),
                      N_ ("Creates a planned study with the design of another: line, passage, "
                          "implant, readout, protocol, investigator, and every arm with its "
                          "agents. No mice or measurements are copied."),
                      entries, &argc, &argv, &status))
    return status;
  g_autofree char *code = study_code, *nc = new_code, *ti = title, *d0 = day0;
  if (argc != 1)
    return pdx_cli_fail (cli, _ ("study: unexpected argument '%s'"), argv[1]);
  if (code == NULL)
    return pdx_cli_fail (cli, _ ("study duplicate: --study CODE is required"));
  if (nc == NULL || *g_strstrip (nc) == '\0')
    return pdx_cli_fail (cli, _ ("study duplicate: --new-code CODE is required"));
  if (!pdx_cli_open_db (cli, FALSE) || !(source = pdx_cli_require_study (cli, code)))
    return 1;
  if (!pdx_study_duplicate (cli->db, source->id, nc, ti, d0, &new_id, &error))
    return pdx_cli_fail_error (cli, error);
  if (!(created = pdx_study_get (cli->db, new_id, &error)) ||
      !(arms = pdx_arm_list (cli->db, new_id, &error)))
    return pdx_cli_fail_error (cli, error);
  fprintf (cli->out,
           /* Translators: the new study's code, the copied study's code, the number of arms,
              then the new study's day 0. */
           g_dngettext (GETTEXT_PACKAGE, "Study %s created from %s: %u arm, planned, day 0 %s\n",
                        "Study %s created from %s: %u arms, planned, day 0 %s\n", arms->len),
           created->code, source->code, arms->len, created->day0);
  return 0;
}

int
pdx_cli_cmd_study (PdxCli *cli, int argc, char **argv)
{
  static const char *const usage =
      N_ ("Usage: pdxtrack-cli study set|duplicate|sign|unlock|signatures OPTIONS…\n\n"
          "  set         change a study's status or correct its metadata, with a reason\n"
          "  duplicate   a new planned study with another's arms and agents (no mice)\n"
          "  sign        sign a study: review, approve or lock\n"
          "  unlock      unlock a locked study, with a reason\n"
          "  signatures  list a study's signatures\n");

  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      fputs (_ (usage), argc < 2 ? cli->err : cli->out);
      return argc < 2 ? 2 : 0;
    }
  if (g_str_equal (argv[1], "set"))
    return cmd_set (cli, argc - 1, argv + 1);
  if (g_str_equal (argv[1], "duplicate"))
    return cmd_duplicate (cli, argc - 1, argv + 1);
  if (g_str_equal (argv[1], "sign"))
    return cmd_sign (cli, argc - 1, argv + 1, FALSE);
  if (g_str_equal (argv[1], "unlock"))
    return cmd_sign (cli, argc - 1, argv + 1, TRUE);
  if (g_str_equal (argv[1], "signatures"))
    return cmd_signatures (cli, argc - 1, argv + 1);
  pdx_cli_fail (cli,
                _ ("study: unknown subcommand '%s' (set, duplicate, sign, unlock or "
                   "signatures)"),
                argv[1]);
  return 2;
}
