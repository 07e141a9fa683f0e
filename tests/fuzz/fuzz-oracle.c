/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-oracle.c — the importers' oracle for fuzzing (see fuzz-oracle.h). */
#include "fuzz-oracle.h"

#include <glib/gstdio.h>

#include "pdx/pdx.h"
#include "../pdx-test-util.h"

static PdxDb *
fixture_lab (void)
{
  PdxDb *db = pdx_db_open (":memory:", PDX_DB_OPEN_CREATE, NULL);
  gint64 study, arm, m3;

  g_assert (db != NULL);
  study = pdx_test_add_study (db, "S1", PDX_READOUT_BLI_FLUX, "2024-03-15");
  arm = pdx_test_add_arm (db, study, "vehicle", TRUE);
  pdx_test_add_mouse (db, study, arm, "M1", "2024-03-01");
  pdx_test_add_mouse (db, study, arm, "M2", NULL);
  m3 = pdx_test_add_mouse (db, study, 0, "M3", "2024-03-01");
  pdx_test_add_endpoint (db, m3, "2024-04-10", PDX_ENDPOINT_HUMANE_NEURO);
  return db;
}

/* A refusal's message: "FILE:LINE:COLUMN: …" on one line; the refusal of unusual values adds
 * one indented "FILE:LINE:COLUMN: …" line per value (and "and N more"). */
static gboolean
message_located (const GError *error)
{
  g_autoptr (GRegex) located = g_regex_new ("^.+:[0-9]+:[0-9]+: \\S", 0, 0, NULL);
  g_autoptr (GRegex) listed =
      g_regex_new ("^  (.+:[0-9]+:[0-9]+: \\S|and [0-9]+ more$)", 0, 0, NULL);
  g_auto (GStrv) lines = g_strsplit (error->message, "\n", -1);

  if (!g_regex_match (located, lines[0], 0, NULL))
    return FALSE;
  if (lines[1] && !g_error_matches (error, PDX_IMPORT_ERROR, PDX_IMPORT_ERROR_UNUSUAL))
    return FALSE;
  for (guint i = 1; lines[i]; i++)
    if (!g_regex_match (listed, lines[i], 0, NULL))
      return FALSE;
  return TRUE;
}

gboolean
pdx_fuzz_import_one (PdxFuzzKind   kind,
                     const guint8 *data,
                     gsize         len,
                     const char   *scratch_dir,
                     gboolean     *imported,
                     char        **why)
{
  static const PdxImportKind kinds[] = {
    PDX_IMPORT_KIND_MICE,
    PDX_IMPORT_KIND_MEASUREMENTS,
    PDX_IMPORT_KIND_PDXE,
  };
  PdxImportOptions options = { 0 };
  g_autoptr (PdxDb) db = fixture_lab ();
  g_autofree char *path = g_build_filename (scratch_dir, "input.csv", NULL);
  g_autofree char *before = pdx_test_dump (db);
  g_autoptr (GError) error = NULL;
  PdxImportReport report = { 0 };

  if (!g_file_set_contents (path, (const char *) data, (gssize) len, NULL))
    return *why = g_strdup ("cannot write the input file"), FALSE;
  if (imported)
    *imported = FALSE;
  for (;;)
    {
      gboolean ok = pdx_import_file (db, kinds[kind], path, &options, &report, &error);
      /* Unusual values refused: the same file confirmed must then import or be refused for
       * something else, like any other. */
      if (ok || !g_error_matches (error, PDX_IMPORT_ERROR, PDX_IMPORT_ERROR_UNUSUAL) ||
          options.accept_unusual)
        break;
      if (report.n_unusual == 0 || report.unusual == NULL)
        return *why = g_strdup_printf ("unusual values refused but not listed: %s", error->message),
               FALSE;
      if (!message_located (error))
        return *why = g_strdup_printf ("unusual values not listed by FILE:LINE:COLUMN: %s",
                                       error->message),
               FALSE;
      {
        g_autofree char *after = pdx_test_dump (db);
        if (g_strcmp0 (before, after) != 0)
          return *why = g_strdup_printf ("refused (%s) but the lab changed", error->message), FALSE;
      }
      g_clear_error (&error);
      pdx_import_report_clear (&report);
      options.accept_unusual = TRUE;
    }
  if (error == NULL)
    {
      if (imported)
        *imported = TRUE;
      pdx_import_report_clear (&report);
      if (!pdx_db_check (db, NULL, &error))
        return *why = g_strdup_printf ("imported, but check fails: %s", error->message), FALSE;
      return TRUE;
    }
  pdx_import_report_clear (&report);
  if (error == NULL || !g_error_matches (error, PDX_IMPORT_ERROR, error->code))
    return *why = g_strdup_printf ("refused without an import error: %s",
                                   error ? error->message : "(none)"),
           FALSE;
  if (!message_located (error))
    return *why = g_strdup_printf ("message not 'FILE:LINE:COLUMN: …' on one line: %s",
                                   error->message),
           FALSE;
  {
    g_autofree char *after = pdx_test_dump (db);
    if (g_strcmp0 (before, after) != 0)
      return *why = g_strdup_printf ("refused (%s) but the lab changed", error->message), FALSE;
  }
  return TRUE;
}
