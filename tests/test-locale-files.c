/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-locale-files.c — files and the CLI's output are the same whatever the process's locale:
 * every table of pdxtrack-cli (text and CSV), the cohort summary (CSV, XLSX) and the measurements
 * CSV, written in-process under de_DE.UTF-8 (LC_NUMERIC included, as the GTK
 * app runs) are byte for byte those written under C. (`history` prints sentences for people,
 * in the people style: test-wording checks them under German.) */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdx-test-cli.h"
#include "pdx-test-util.h"
#include "cli.h"

/* Runs pdxtrack-cli in-process on @db_path with the NULL-terminated @args; asserts it
 * succeeds and returns its stdout (owned). */
static char *
run_cli (const char *db_path, const char *const *args)
{
  g_autofree char *err = NULL;
  char            *out = NULL;

  if (pdx_test_run_cli_args (db_path, args, &out, &err) != 0)
    g_error ("pdxtrack-cli %s: %s", args[0], err);
  return out;
}

static char *
read_file (const char *path)
{
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

/* Every part of the workbook at @path but docProps/core.xml (it holds the time of writing). */
static char *
read_xlsx_parts (const char *path)
{
  const char *const argv[] = { "unzip", "-p", path, "-x", "docProps/core.xml", NULL };

  return pdx_test_run_tool (argv);
}

/* What a user's commands write, under the current locale, as one text: each command's stdout,
 * then the files, each after its name. Files go to @dir with @tag in their names. */
static char *
write_everything (const char *lab, const char *dir, const char *tag, const char *study)
{
  static const char *const tables[][6] = {
    { "list", "lines", NULL },
    { "list", "studies", NULL },
    { "list", "arms", "--study", NULL },
    { "list", "mice", "--study", NULL },
    { "stats", "response", "--study", NULL },
    { "stats", "arms", "--study", NULL },
    { "stats", "arms", "--day", "21", "--study", NULL },
    { "stats", "survival", "--study", NULL },
    { "stats", "survival", "--curve", "--study", NULL },
  };
  static const char *const files[][2] = {
    { "summary", "csv" },
    { "summary", "xlsx" },
    { "measurements", "csv" },
  };
  GString *all = g_string_new (NULL);

  for (guint format = 0; format < 2; format++)
    for (gsize t = 0; t < G_N_ELEMENTS (tables); t++)
      {
        const char      *args[10] = { "--format", format ? "csv" : "table" };
        guint            n = 2;
        g_autofree char *out = NULL;

        for (guint a = 0; a < 6 && tables[t][a] != NULL; a++)
          args[n++] = tables[t][a];
        if (g_str_equal (args[n - 1], "--study"))
          args[n++] = study;
        out = run_cli (lab, args);
        g_string_append_printf (all, "== %s %s\n%s", tables[t][0], tables[t][1], out);
      }
  for (gsize f = 0; f < G_N_ELEMENTS (files); f++)
    {
      g_autofree char *name = g_strdup_printf ("%s-%s.%s", files[f][0], tag, files[f][1]);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      const char      *args[] = { "export", files[f][0], "--study", study, "--out", path, NULL };
      g_autofree char *out = run_cli (lab, args);
      g_autofree char *contents =
          g_str_equal (files[f][1], "xlsx") ? read_xlsx_parts (path) : read_file (path);

      g_string_append_printf (all, "== %s.%s\n%s", files[f][0], files[f][1], contents);
    }
  return g_string_free (all, FALSE);
}

/* The demo's doses are whole numbers: T-DM1 of ICR-017-A gets 3.6 mg/kg, which a "%g" under
 * German prints "3,6". */
static void
give_fractional_dose (const char *lab)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxDb) db = pdx_db_open (lab, PDX_DB_OPEN_EXISTING, &error);
  g_autoptr (PdxStudy) study = NULL;
  g_autoptr (PdxArm) arm = NULL;

  g_assert_no_error (error);
  study = pdx_study_find (db, "ICR-017-A", &error);
  g_assert_no_error (error);
  arm = pdx_arm_find (db, study->id, "T-DM1", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (arm->agents->len, >, 0);
  ((PdxAgent *) g_ptr_array_index (arm->agents, 0))->dose = 3.6;
  g_assert_true (pdx_arm_update (db, arm, &error));
  g_assert_no_error (error);
}

/* Asserts @german == @c, naming the first line that differs (the texts are long). */
static void
assert_same_lines (const char *german, const char *c)
{
  g_auto (GStrv) g_lines = g_strsplit (german, "\n", -1);
  g_auto (GStrv) c_lines = g_strsplit (c, "\n", -1);
  const char *section = "";

  for (guint i = 0; c_lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (c_lines[i], "== "))
        section = c_lines[i];
      if (g_lines[i] == NULL || !g_str_equal (g_lines[i], c_lines[i]))
        g_error ("%s, line %u:\n  C:      %s\n  German: %s", section, i + 1, c_lines[i],
                 g_lines[i] ? g_lines[i] : "(missing)");
    }
  g_assert_cmpuint (g_strv_length (g_lines), ==, g_strv_length (c_lines));
}

static void
test_locale_files (void)
{
  g_autofree char  *dir = pdx_test_make_tmpdir ();
  g_autofree char  *lab = g_build_filename (dir, "demo.pdxlab", NULL);
  const char *const demo[] = { "demo", "--seed", "7", NULL };
  const char *const studies[] = { "ICR-017-A", "MFP-031-C" };
  g_autofree char  *made = NULL;

  g_assert_nonnull (setlocale (LC_ALL, "C"));
  made = run_cli (lab, demo);
  give_fractional_dose (lab);
  for (gsize s = 0; s < G_N_ELEMENTS (studies); s++)
    {
      g_autofree char *in_c = NULL, *in_german = NULL;
      struct lconv    *german;

      g_assert_nonnull (setlocale (LC_ALL, "C"));
      in_c = write_everything (lab, dir, "c", studies[s]);
      g_assert_nonnull (setlocale (LC_ALL, "de_DE.UTF-8"));
      german = localeconv ();
      g_assert_cmpstr (german->decimal_point, ==, ","); /* the test means what it says */
      in_german = write_everything (lab, dir, "de", studies[s]);
      setlocale (LC_ALL, "C");
      g_assert_cmpuint (strlen (in_c), >, 10000);
      assert_same_lines (in_german, in_c);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/locale/files-alike", test_locale_files);
  return g_test_run ();
}
