/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-report-signatures.c — the report's "Signatures" section: the study's electronic
 * signatures (meaning, who, when, reason, re-authentication, the audit seal at signing) and
 * whether the study is locked (docs/signatures.md). */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx-report-private.h"
#include "pdx/pdx-audit.h"

/* Who signed: "login (name)", or the login alone. Owned. */
static char *
signer_of (const PdxSignature *s)
{
  if (s->name && *s->name && g_strcmp0 (s->name, s->login) != 0)
    return g_strdup_printf ("%s (%s)", s->login, s->name);
  return g_strdup (s->login);
}

static void
add_signature_row (PdxReportTable *table, const PdxSignature *s)
{
  g_autofree char *who = signer_of (s);
  g_autofree char *when = pdx_signature_format_time (s);
  g_autofree char *number = g_strdup_printf ("%lld", (long long) s->id);
  const char      *cells[] = { number,    pdx_signature_meaning_get_label (s->meaning), who, when,
                               s->reason, s->reauthenticated ? _ ("yes") : _ ("no") };

  pdx_report_table_add_row (table, cells, NULL);
}

/* Under the table, one line per signature: how it was authenticated and the audit seal at
 * signing in full (a seal on paper is what proves the trail later). */
static void
add_seal_line (PdxReportContext *ctx, const PdxSignature *s)
{
  /* Translators: the signature's number, the method (in English, as recorded), then the
   * audit seal's entry number and its 64 hex digits. */
  g_autofree char *line =
      g_strdup_printf (_ ("Signature %lld: %s; audit seal at signing: %lld %s"), (long long) s->id,
                       s->method, (long long) s->seal_seq, s->seal_hash);
  g_autofree char *escaped = g_markup_escape_text (line, -1);

  pdx_report_doc_paragraph (ctx->doc, escaped, TRUE);
}

gboolean
pdx_report_add_signatures (PdxReportContext *ctx, gint64 study_id, GError **error)
{
  static const char *titles[] = { N_ ("No."),  N_ ("Meaning"), N_ ("Signed by"),
                                  N_ ("Time"), N_ ("Reason"),  N_ ("Re-authenticated") };
  g_autoptr (GPtrArray) signatures = pdx_study_list_signatures (ctx->db, study_id, error);
  g_autoptr (PdxReportTable) table = pdx_report_table_new (G_N_ELEMENTS (titles));
  g_autofree char *lock = NULL;

  if (signatures == NULL || !pdx_study_describe_lock (ctx->db, study_id, &lock, error))
    return FALSE;
  for (guint c = 0; c < G_N_ELEMENTS (titles); c++)
    pdx_report_table_set_column (table, c, _ (titles[c]), PDX_REPORT_ALIGN_LEFT);
  for (guint i = 0; i < signatures->len; i++)
    add_signature_row (table, g_ptr_array_index (signatures, i));
  pdx_report_doc_heading (ctx->doc, _ ("Signatures"), 40);
  if (signatures->len == 0)
    pdx_report_doc_paragraph (ctx->doc, _ ("The study has not been signed."), FALSE);
  else
    pdx_report_doc_table (ctx->doc, table);
  for (guint i = 0; i < signatures->len; i++)
    add_seal_line (ctx, g_ptr_array_index (signatures, i));
  {
    g_autofree char *escaped = g_markup_escape_text (
        lock ? lock : _ ("The study is not locked: its data can still change."), -1);
    pdx_report_doc_paragraph (ctx->doc, escaped, TRUE);
  }
  return TRUE;
}
