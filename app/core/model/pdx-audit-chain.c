/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-audit-chain.c — the seal of the audit chain and its verification (pdx-audit.h); the chain
 * itself is computed by the store (pdx-chain.c, docs/audit-trail.md). */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "store/pdx-store.h"
#include "pdx/pdx-audit.h"
#include "pdx/pdx-format.h"

#include <string.h>

/* Whether @hash is 64 lowercase hex digits. */
static gboolean
is_hash (const char *hash)
{
  if (hash == NULL || strlen (hash) != 64)
    return FALSE;
  for (const char *p = hash; *p; p++)
    if (!g_ascii_isdigit (*p) && !(*p >= 'a' && *p <= 'f'))
      return FALSE;
  return TRUE;
}

gboolean
pdx_audit_get_seal (PdxDb *db, PdxAuditSeal *seal, GError **error)
{
  PdxStmt *stmt;
  PdxStep  rc;
  gboolean ok = TRUE;

  g_return_val_if_fail (db != NULL && seal != NULL, FALSE);
  memset (seal, 0, sizeof *seal);
  stmt = pdx_db_prepare (db, "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  rc = pdx_stmt_step (stmt, NULL);
  if (rc == PDX_STEP_ROW)
    {
      const char *hash = pdx_stmt_column_text (stmt, 1);

      seal->seq = pdx_stmt_column_int64 (stmt, 0);
      if (is_hash (hash))
        g_strlcpy (seal->hash, hash, sizeof seal->hash);
      else
        {
          g_autofree char *n = pdx_format_count ((guint64) seal->seq);
          g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_INVALID,
                       _ ("the newest audit entry, %s, has no valid hash: the chain is broken "
                          "(run 'pdxtrack-cli check'); no seal can be given"),
                       n);
          ok = FALSE;
        }
    }
  else if (rc == PDX_STEP_ERROR)
    ok = pdx_db_set_error (db, error, "reading the audit seal");
  pdx_stmt_reset (stmt);
  return ok;
}

char *
pdx_audit_seal_to_string (const PdxAuditSeal *seal)
{
  g_return_val_if_fail (seal != NULL, NULL);
  return g_strdup_printf ("%" G_GINT64_FORMAT ":%s", seal->seq, seal->hash);
}

/* Reads N of a seal: digits, with ',' '.' or ' ' (U+00A0 and U+202F too) between groups. */
static gboolean
parse_seq (const char *text, gsize length, gint64 *seq)
{
  g_autoptr (GString) digits = g_string_new (NULL);
  const char *end = text + length;
  guint64     value;

  for (const char *p = text; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_ascii_isdigit (c))
        g_string_append_c (digits, (char) c);
      else if (!(c == ',' || c == '.' || c == 0xA0 || c == 0x202F) || digits->len == 0)
        return FALSE;
    }
  if (digits->len == 0 || digits->len > 18 ||
      !g_ascii_string_to_unsigned (digits->str, 10, 0, G_MAXINT64, &value, NULL))
    return FALSE;
  *seq = (gint64) value;
  return TRUE;
}

gboolean
pdx_audit_seal_parse (const char *text, PdxAuditSeal *seal, GError **error)
{
  g_autofree char *copy = NULL;
  char            *sep, *hash;

  g_return_val_if_fail (text != NULL && seal != NULL, FALSE);
  memset (seal, 0, sizeof *seal);
  copy = g_strstrip (g_strdup (text));
  sep = strpbrk (copy, ": \t");
  if (sep == NULL || !parse_seq (copy, sep - copy, &seal->seq))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _ ("'%s' is not a seal: expected N:HASH, an entry number and its hash, as "
                      "'pdxtrack-cli audit seal' prints them"),
                   text);
      return FALSE;
    }
  hash = g_strstrip (sep + 1);
  for (char *p = hash; *p; p++)
    *p = g_ascii_tolower (*p);
  if (seal->seq == 0 ? *hash != '\0' : !is_hash (hash))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _ ("'%s' is not a seal: the hash after the entry number must be 64 hex "
                      "digits (0-9, a-f)"),
                   text);
      return FALSE;
    }
  g_strlcpy (seal->hash, hash, sizeof seal->hash);
  return TRUE;
}

/* Whether entry @seal->seq is in the log with the hash the seal recorded. */
static gboolean
verify_seal (PdxDb *db, const PdxAuditSeal *seal, gint64 *first_bad, GError **error)
{
  g_autofree char *n = pdx_format_count ((guint64) seal->seq);
  g_autofree char *hash = NULL;
  gint64           last = 0;
  PdxStmt         *stmt;
  PdxStep          rc;

  if (seal->seq == 0)
    return TRUE;
  stmt = pdx_db_prepare (db,
                         "SELECT (SELECT hash FROM audit_log WHERE id = ?1),"
                         " (SELECT coalesce (max (id), 0) FROM audit_log)",
                         error);
  if (stmt == NULL)
    return FALSE;
  pdx_stmt_bind_int64 (stmt, 1, seal->seq);
  rc = pdx_stmt_step (stmt, NULL);
  if (rc == PDX_STEP_ROW)
    hash = g_strdup (pdx_stmt_column_text (stmt, 0)), last = pdx_stmt_column_int64 (stmt, 1);
  pdx_stmt_reset (stmt);
  if (rc != PDX_STEP_ROW)
    return pdx_db_set_error (db, error, "reading the audit log");
  if (hash != NULL && g_str_equal (hash, seal->hash))
    return TRUE;
  if (first_bad)
    *first_bad = seal->seq;
  if (hash == NULL)
    {
      g_autofree char *m = pdx_format_count ((guint64) last);
      g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_INVALID,
                   _ ("audit entry %s does not verify against the seal: it is no longer in the "
                      "log, which ends at entry %s (entries were deleted)"),
                   n, m);
    }
  else
    g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_INVALID,
                 _ ("audit entry %s does not verify against the seal: its hash is not the one "
                    "sealed (the history up to it was rewritten)"),
                 n);
  return FALSE;
}

gboolean
pdx_audit_verify (PdxDb *db, const PdxAuditSeal *seal, gint64 *first_bad, GError **error)
{
  g_return_val_if_fail (db != NULL, FALSE);
  if (first_bad)
    *first_bad = 0;
  /* The chain first, which names the first entry that does not verify; then the seal, which
   * alone tells when the whole chain was recomputed after an edit, or its newest entries
   * deleted. */
  if (!pdx_db_audit_chain_verify (db, first_bad, error))
    return FALSE;
  return seal == NULL || verify_seal (db, seal, first_bad, error);
}
