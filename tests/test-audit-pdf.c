/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-audit-pdf.c — `audit export --out FILE.pdf` (issue 12): the audit trail on paper for an
 * inspector, read back with poppler's pdftotext and pdfinfo: the rows of a known trail with their
 * old → new values and reasons, a long value wrapped whole, the seal and "Page N of M" on every
 * page, the filter, and failures that leave no file. The full-disk cases are test-outputs'
 * (audit.pdf among its writers). */
#include <string.h>

#include "pdx-test-cli.h"
#include "pdx-test-util.h"

/* `pdxtrack-cli audit seal`'s N and HASH. */
static void
cli_seal (const char *lab, char **seq, char **hash)
{
  const char *const args[] = { "audit", "seal", NULL };
  g_autofree char  *out = NULL;
  g_auto (GStrv) parts = NULL;

  g_assert_cmpint (pdx_test_run_cli_args (lab, args, &out, NULL), ==, 0);
  g_strchomp (out);
  parts = g_strsplit (out, " ", 2);
  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  *seq = g_strdup (parts[0]);
  *hash = g_strdup (parts[1]);
}

/* The pages of @pdf as pdftotext -layout reads them (rows stay on their lines). */
static GStrv
pdf_pages (const char *pdf)
{
  const char      *argv[] = { "pdftotext", "-layout", "-enc", "UTF-8", pdf, "-", NULL };
  g_autofree char *text = pdx_test_run_tool (argv);
  GStrv            pages = g_strsplit (text, "\f", -1);
  guint            n = g_strv_length (pages);

  /* pdftotext ends every page with a form feed: drop what follows the last */
  g_assert_cmpuint (n, >=, 2);
  g_assert_cmpstr (pages[n - 1], ==, "");
  g_free (pages[n - 1]);
  pages[n - 1] = NULL;
  return pages;
}

static guint
pdfinfo_pages (const char *pdf)
{
  const char      *argv[] = { "pdfinfo", pdf, NULL };
  g_autofree char *info = pdx_test_run_tool (argv);
  const char      *line = strstr (info, "\nPages:");

  g_assert_nonnull (line);
  return (guint) g_ascii_strtoull (line + strlen ("\nPages:"), NULL, 10);
}

/* Every page carries "Audit seal: entry N, SHA-256 HASH" (N < 1,000 here: not grouped) and
 * "Page i of M", M what pdfinfo counts. Returns M. */
static guint
assert_every_page_sealed (const char *pdf, const char *lab)
{
  g_autofree char *seq = NULL, *hash = NULL, *seal = NULL;
  g_auto (GStrv) pages = pdf_pages (pdf);
  guint n = g_strv_length (pages);

  cli_seal (lab, &seq, &hash);
  seal = g_strdup_printf ("Audit seal: entry %s, SHA-256 %s", seq, hash);
  g_assert_cmpuint (n, ==, pdfinfo_pages (pdf));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *number = g_strdup_printf ("Page %u of %u", i + 1, n);

      g_assert_nonnull (strstr (pages[i], seal));
      g_assert_nonnull (strstr (pages[i], number));
    }
  return n;
}

/* @text without its spaces: pdftotext guesses the spaces between glyphs from their gaps, and
 * the narrow ones around "→" come and go. Owned. */
static char *
without_spaces (const char *text)
{
  g_autoptr (GString) out = g_string_new (text);

  g_string_replace (out, " ", "", 0);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The line of @text holding every one of @words (NULL-terminated), spaces left out of both, or
 * NULL. Owned. */
static char *
find_line (const char *text, const char *const *words)
{
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *line = without_spaces (lines[i]);
      guint            j = 0;

      while (words[j] != NULL)
        {
          g_autofree char *word = without_spaces (words[j]);
          if (strstr (line, word) == NULL)
            break;
          j++;
        }
      if (words[j] == NULL)
        return g_strdup (lines[i]);
    }
  return NULL;
}

static char *
read_text (const char *pdf)
{
  const char *argv[] = { "pdftotext", "-layout", "-enc", "UTF-8", pdf, "-", NULL };
  return pdx_test_run_tool (argv);
}

/* A known trail: S1's mouse M1 gets a measurement (weight 21, BLI 3e7), its weight changed to
 * 20.5 for "Re-measured", then deleted for "Instrument error"; S2's mouse OTHER-9 is elsewhere.
 * The rows read back from the listing of S1, each on its line, with old → new as the edits
 * were made (the values as the CSV prints them: SQLite's JSON numbers). */
static void
test_rows (void)
{
  g_autofree char *lab = NULL, *pdf = pdx_test_tmp_path ("trail.pdf");
  g_autoptr (PdxDb) db = pdx_test_new_lab (&lab);
  gint64 s1 = pdx_test_add_study (db, "S1", PDX_READOUT_BLI_FLUX, "2024-03-15");
  gint64 s2 = pdx_test_add_study (db, "S2", PDX_READOUT_BLI_FLUX, "2024-03-15");
  gint64 mouse = pdx_test_add_mouse (db, s1, 0, "M1", "2024-03-01");
  g_autoptr (PdxMeasurement) m = pdx_measurement_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char  *out = NULL, *text = NULL;
  const char *const args[] = { "audit", "export", "--out", pdf, "--study", "S1", NULL };
  /* an entry's own cells are on the row of its first field (id), its fields one per row */
  const char *const insert_first[] = {
    "5", "insert", "measurement", "S1", "M1", "id", "— → 1", NULL
  };
  const char *const insert_weight[] = { "weight_g", "— → 21.0", NULL };
  const char *const insert_bli[] = { "bli_flux", "— → 30000000.0", NULL };
  const char *const update[] = { "6",        "update",      "measurement", "S1", "M1",
                                 "weight_g", "21.0 → 20.5", "Re-measured", NULL };
  const char *const delete_first[] = { "7",     "delete",           "measurement", "id",
                                       "1 → —", "Instrument error", NULL };
  const char *const delete_weight[] = { "weight_g", "20.5 → —", NULL };
  const char *const delete_bli[] = { "bli_flux", "30000000.0 → —", NULL };

  pdx_test_add_mouse (db, s2, 0, "OTHER-9", "2024-03-01");
  m->mouse_id = mouse;
  m->date = g_strdup ("2024-03-20");
  m->weight_g = 21.0;
  m->bli_flux = 3e7;
  g_assert_true (pdx_measurement_insert (db, m, &error));
  m->weight_g = 20.5;
  pdx_db_set_reason (db, "Re-measured");
  g_assert_true (pdx_measurement_update (db, m, &error));
  pdx_db_set_reason (db, "Instrument error");
  g_assert_true (pdx_row_delete (db, PDX_TABLE_MEASUREMENT, m->id, &error));
  g_assert_no_error (error);
  pdx_db_set_reason (db, NULL);

  g_assert_cmpint (pdx_test_run_cli_args (lab, args, &out, NULL), ==, 0);
  g_assert_nonnull (strstr (out, pdf));
  assert_every_page_sealed (pdf, lab);
  text = read_text (pdf);
  g_test_message ("%s", text);
  /* the header: the lab, the selection, when */
  g_assert_nonnull (strstr (text, "Audit trail"));
  g_assert_nonnull (strstr (text, lab));
  g_assert_nonnull (strstr (text, "study S1"));
  g_assert_nonnull (strstr (text, "Produced"));
  {
    const char *const *rows[] = { insert_first, insert_weight, insert_bli, update,
                                  delete_first, delete_weight, delete_bli };
    for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
      {
        g_autofree char *line = find_line (text, rows[i]);
        if (line == NULL)
          g_error ("no line with %s … %s", rows[i][0], rows[i][1]);
      }
  }
  /* the filter: nothing of S2 */
  g_assert_null (strstr (text, "OTHER-9"));
}

/* Enough entries for several pages, one with a long note: every page sealed and numbered, every
 * entry listed (its hash's first 12 digits, which the listing prints), and the note wrapped,
 * not cut: all its words read back in order. A day filter after today lists nothing. */
static void
test_pages (void)
{
  g_autofree char *lab = NULL, *pdf = pdx_test_tmp_path ("trail.pdf");
  g_autoptr (PdxDb) db = pdx_test_new_lab (&lab);
  gint64 study = pdx_test_add_study (db, "S1", PDX_READOUT_BLI_FLUX, "2024-03-15");
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) note = g_string_new (NULL);
  g_autoptr (GPtrArray) entries = NULL;
  g_autofree char *text = NULL, *flat = NULL;
  const char      *args[] = { "audit", "export", "--out", pdf, NULL };
  const char      *p;
  guint            n_pages;

  for (guint i = 0; i < 60; i++)
    g_string_append_printf (note, "word%02u ", i);
  g_strchomp (note->str);
  for (guint i = 0; i < 120; i++)
    {
      g_autofree char *tag = g_strdup_printf ("M%03u", i);
      g_autoptr (PdxMeasurement) m = pdx_measurement_new ();

      m->mouse_id = pdx_test_add_mouse (db, study, 0, tag, "2024-03-01");
      m->date = g_strdup ("2024-03-20");
      m->weight_g = 20 + i / 10.0;
      if (i == 77)
        m->note = g_strdup (note->str);
      g_assert_true (pdx_measurement_insert (db, m, &error));
      g_assert_no_error (error);
    }
  g_assert_cmpint (pdx_test_run_cli_args (lab, args, NULL, NULL), ==, 0);
  n_pages = assert_every_page_sealed (pdf, lab);
  g_assert_cmpuint (n_pages, >=, 3);
  text = read_text (pdf);
  entries = pdx_audit_list (db, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, >=, 241);
  for (guint i = 0; i < entries->len; i++)
    {
      const PdxAuditEntry *e = g_ptr_array_index (entries, i);
      g_autofree char     *prefix = g_strndup (e->hash, 12);

      g_assert_nonnull (strstr (text, prefix));
    }
  /* the words of the note in order, whatever lines and columns they were wrapped onto */
  flat = g_strdup (text);
  p = flat;
  for (guint i = 0; i < 60; i++)
    {
      g_autofree char *word = g_strdup_printf ("word%02u", i);
      const char      *at = strstr (p, word);

      if (at == NULL)
        g_error ("the note's %s is missing after the first %u words", word, i);
      p = at + strlen (word);
    }

  /* a day after today: no entry, one page, still sealed */
  {
    g_autoptr (GDateTime) now = g_date_time_new_now_local ();
    g_autoptr (GDateTime) later = g_date_time_add_days (now, 2);
    g_autofree char *day = g_date_time_format (later, "%Y-%m-%d");
    g_autofree char *none = NULL;
    const char      *from[] = { "audit", "export", "--out", pdf, "--from", day, NULL };

    g_assert_cmpint (pdx_test_run_cli_args (lab, from, NULL, NULL), ==, 0);
    g_assert_cmpuint (assert_every_page_sealed (pdf, lab), ==, 1);
    none = read_text (pdf);
    g_assert_nonnull (strstr (none, "No audit entry matches the selection."));
    g_assert_nonnull (strstr (none, day));
  }
}

/* Failures say what and where in one line and leave no file: a folder that does not exist, a
 * date that is not one, an extension that is neither; and a previous file is kept whole. */
static void
test_failures (void)
{
  g_autofree char *lab = NULL, *dir = pdx_test_make_tmpdir ();
  g_autofree char *missing = g_build_filename (dir, "no-such-folder", "trail.pdf", NULL);
  g_autofree char *pdf = g_build_filename (dir, "trail.pdf", NULL);
  g_autoptr (PdxDb) db = pdx_test_new_lab (&lab);
  const char *const in_missing[] = { "audit", "export", "--out", missing, NULL };
  const char *const bad_date[] = { "audit", "export", "--out", pdf, "--from", "2024-02-30", NULL };
  const char *const bad_study[] = { "audit", "export", "--out", pdf, "--study", "NOPE", NULL };
  g_autofree char  *txt = g_build_filename (dir, "trail.txt", NULL);
  const char *const bad_ext[] = { "audit", "export", "--out", txt, NULL };
  const char        previous[] = "the previous file\n";
  g_autofree char  *bytes = NULL;

  pdx_test_add_study (db, "S1", PDX_READOUT_BLI_FLUX, "2024-03-15");
  {
    g_autofree char *err = NULL;
    g_assert_cmpint (pdx_test_run_cli_args (lab, in_missing, NULL, &err), ==, 1);
    g_assert_nonnull (strstr (err, "no-such-folder"));
    g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  }
  g_assert_true (g_file_set_contents (pdf, previous, -1, NULL));
  {
    g_autofree char *err = NULL;
    g_assert_cmpint (pdx_test_run_cli_args (lab, bad_date, NULL, &err), ==, 1);
    g_assert_nonnull (strstr (err, "2024-02-30"));
  }
  {
    g_autofree char *err = NULL;
    g_assert_cmpint (pdx_test_run_cli_args (lab, bad_study, NULL, &err), ==, 1);
    g_assert_nonnull (strstr (err, "NOPE"));
  }
  {
    g_autofree char *err = NULL;
    g_assert_cmpint (pdx_test_run_cli_args (lab, bad_ext, NULL, &err), ==, 1);
    g_assert_nonnull (strstr (err, "trail.txt"));
    g_assert_false (g_file_test (txt, G_FILE_TEST_EXISTS));
  }
  /* the previous file is as it was, and nothing else appeared in the folder */
  g_assert_true (g_file_get_contents (pdf, &bytes, NULL, NULL));
  g_assert_cmpstr (bytes, ==, previous);
  {
    g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
    const char *name;
    guint       n = 0;
    while ((name = g_dir_read_name (handle)) != NULL)
      n++;
    g_assert_cmpuint (n, ==, 1);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/export/audit-pdf/rows", test_rows);
  g_test_add_func ("/export/audit-pdf/pages", test_pages);
  g_test_add_func ("/export/audit-pdf/failures", test_failures);
  return g_test_run ();
}
