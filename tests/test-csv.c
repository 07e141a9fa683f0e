/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-csv.c — the RFC 4180 reader (records, line and column, leniency, refusals) and writer.
 *
 * Expected records follow RFC 4180 (https://www.rfc-editor.org/rfc/rfc4180) and the contract of
 * pdx-csv.h: blank lines skipped, a UTF-8 BOM skipped, CRLF and LF accepted, stray quotes kept as
 * literal characters, NUL bytes / non-UTF-8 / empty input refused with "NAME:LINE:COLUMN: ". */
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "pdx-test-util.h"

/* Reads every record of @text and returns them as "a|b|c" strings (one per record), failing the
 * test on a read error. */
static GPtrArray *
read_all (const char *text, gssize len)
{
  g_autoptr (PdxCsvReader) reader = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray *records = g_ptr_array_new_with_free_func (g_free);
  char     **fields = NULL;
  guint      n = 0;

  reader = pdx_csv_reader_new_for_data ("mem.csv", text, len < 0 ? strlen (text) : (gsize) len);
  while (pdx_csv_reader_next (reader, &fields, &n, &error))
    {
      GString *joined = g_string_new (NULL);
      for (guint i = 0; i < n; i++)
        g_string_append_printf (joined, "%s%s", i ? "|" : "", fields[i]);
      g_ptr_array_add (records, g_string_free (joined, FALSE));
    }
  g_assert_no_error (error);
  return records;
}

typedef struct
{
  const char *name;
  const char *input;
  const char *records[4]; /* NULL-terminated, fields joined by '|' */
} RecordCase;

static const RecordCase record_cases[] = {
  { "plain", "a,b,c\n1,2,3\n", { "a|b|c", "1|2|3" } },
  { "no-final-newline", "a,b\n1,2", { "a|b", "1|2" } },
  { "crlf", "a,b\r\n1,2\r\n", { "a|b", "1|2" } },
  { "empty-fields", "a,,c\n,,\n", { "a||c", "||" } },
  { "trailing-separator", "a,b,\n", { "a|b|" } },
  { "quoted-comma", "\"x, y\",z\n", { "x, y|z" } },
  { "escaped-quote", "\"say \"\"hi\"\"\",2\n", { "say \"hi\"|2" } },
  { "quoted-newline", "\"line one\nline two\",2\n3,4\n", { "line one\nline two|2", "3|4" } },
  { "quoted-crlf-kept", "\"a\r\nb\",c\r\n", { "a\r\nb|c" } },
  { "quoted-empty", "\"\",x\n", { "|x" } },
  { "only-quotes", "\"\"\"\",x\n", { "\"|x" } },
  { "blank-lines-skipped", "\na,b\n\n\r\n1,2\n\n", { "a|b", "1|2" } },
  { "bom-skipped", "\xEF\xBB\xBFstudy,mouse\nS1,M1\n", { "study|mouse", "S1|M1" } },
  { "utf8-text", "µ,é\nα,β\n", { "µ|é", "α|β" } },
  { "spaces-kept", " a , b \n", { " a | b " } },
  /* Leniency: stray quotes are literal characters (pdx-csv.h). */
  { "stray-quote-unquoted", "BYL719\",x\n", { "BYL719\"|x" } },
  { "stray-quote-mid-unquoted", "a\"b,c\n", { "a\"b|c" } },
  { "single-field", "x\n", { "x" } },
};

static void
test_read_records (void)
{
  for (guint c = 0; c < G_N_ELEMENTS (record_cases); c++)
    {
      const RecordCase *rc = &record_cases[c];
      g_autoptr (GPtrArray) records = read_all (rc->input, -1);
      guint expected = g_strv_length ((char **) rc->records);

      g_test_message ("case %s", rc->name);
      g_assert_cmpuint (records->len, ==, expected);
      for (guint i = 0; i < expected; i++)
        g_assert_cmpstr (g_ptr_array_index (records, i), ==, rc->records[i]);
    }
}

/* A closing quote followed by a space ("S1" ,x — common in hand-edited files) is a stray quote:
 * leniency may keep it or refuse the record, but must never carry the field across the line end
 * and swallow the records that follow. */
static void
test_read_quote_then_space (void)
{
  static const char text[] = "\"S1\" ,vehicle,M1\n\"S1\",vehicle,M2\nS1,vehicle,M3\n";
  g_autoptr (PdxCsvReader) reader = pdx_csv_reader_new_for_data ("mem.csv", text, strlen (text));
  g_autoptr (GError) error = NULL;
  char **fields;
  guint  n, records = 0;

  while (pdx_csv_reader_next (reader, &fields, &n, &error))
    {
      records++;
      g_assert_cmpuint (n, ==, 3);
      for (guint i = 0; i < n; i++)
        g_assert_null (strchr (fields[i], '\n'));
      g_assert_cmpuint (pdx_csv_reader_get_line (reader), ==, records);
    }
  if (error)
    {
      /* Refusing is fine too, at the record that holds it. */
      g_assert_error (error, PDX_IMPORT_ERROR, PDX_IMPORT_ERROR_FORMAT);
      g_assert_true (g_str_has_prefix (error->message, "mem.csv:1:"));
      return;
    }
  g_assert_cmpuint (records, ==, 3);
}

/* Field count is exact: "a,b," has three fields, the last empty. */
static void
test_read_field_count (void)
{
  static const struct
  {
    const char *input;
    guint       n;
  } cases[] = {
    { "a\n", 1 }, { "a,b\n", 2 },       { "a,b,\n", 3 },
    { ",\n", 2 }, { "\"a,b\",c\n", 2 }, { "\"\"\n", 1 },
  };
  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr (PdxCsvReader) reader =
          pdx_csv_reader_new_for_data ("mem.csv", cases[c].input, strlen (cases[c].input));
      g_autoptr (GError) error = NULL;
      char **fields;
      guint  n = 0;

      g_assert_true (pdx_csv_reader_next (reader, &fields, &n, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (n, ==, cases[c].n);
      g_assert_false (pdx_csv_reader_next (reader, &fields, &n, &error));
      g_assert_no_error (error);
    }
}

/* The line on which each record starts, across blank lines and quoted newlines. */
static void
test_read_lines (void)
{
  const char *text = "h1,h2\n"             /* line 1 */
                     "\n"                  /* 2: blank */
                     "a,\"multi\nline\"\n" /* 3-4 */
                     "b,c\r\n"             /* 5 */
                     "\r\n"                /* 6: blank */
                     "\"x\ny\nz\",d\n"     /* 7-9 */
                     "e,f";                /* 10 */
  static const guint lines[] = { 1, 3, 5, 7, 10 };
  g_autoptr (PdxCsvReader) reader = pdx_csv_reader_new_for_data ("mem.csv", text, strlen (text));
  g_autoptr (GError) error = NULL;
  char **fields;
  guint  n, i = 0;

  while (pdx_csv_reader_next (reader, &fields, &n, &error))
    {
      g_assert_cmpuint (i, <, G_N_ELEMENTS (lines));
      g_assert_cmpuint (pdx_csv_reader_get_line (reader), ==, lines[i]);
      i++;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (i, ==, G_N_ELEMENTS (lines));
}

/* Columns are 1-based character positions of the field's first character (the opening quote
 * of a quoted field); multi-byte UTF-8 characters count once. */
static void
test_read_columns (void)
{
  static const struct
  {
    const char *name;
    const char *input;
    guint       n;
    guint       columns[4];
  } cases[] = {
    { "ascii", "ab,c,,def\n", 4, { 1, 4, 6, 7 } },
    { "quoted", "\"a,b\",c\n", 2, { 1, 7 } },
    { "utf8", "µé,x,αβγ,y\n", 4, { 1, 4, 6, 10 } },
    { "second-line", "h\nab,\"c\",d\n", 3, { 1, 4, 8 } },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr (PdxCsvReader) reader =
          pdx_csv_reader_new_for_data ("mem.csv", cases[c].input, strlen (cases[c].input));
      g_autoptr (GError) error = NULL;
      char **fields = NULL;
      guint  n = 0;

      g_test_message ("case %s", cases[c].name);
      /* The "second-line" case's record of interest is the second one. */
      g_assert_true (pdx_csv_reader_next (reader, &fields, &n, &error));
      if (g_str_equal (cases[c].name, "second-line"))
        g_assert_true (pdx_csv_reader_next (reader, &fields, &n, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (n, ==, cases[c].n);
      for (guint i = 0; i < MIN (n, cases[c].n); i++)
        g_assert_cmpuint (pdx_csv_reader_get_column (reader, i), ==, cases[c].columns[i]);
    }
}

/* Malformed or non-text input: PDX_IMPORT_ERROR_FORMAT with "NAME:LINE:COLUMN: ". */
/* The BOM is not a character of the text: the header's columns are those of the same file
 * without it. */
static void
test_read_bom_columns (void)
{
  static const char  text[] = "\xEF\xBB\xBF"
                              "study,arm,mouse\nS1,vehicle,M1\n";
  static const guint columns[] = { 1, 7, 11 };
  g_autoptr (PdxCsvReader) reader = pdx_csv_reader_new_for_data ("mem.csv", text, strlen (text));
  g_autoptr (GError) error = NULL;
  char **fields = NULL;
  guint  n = 0;

  for (guint record = 0; record < 2; record++)
    {
      if (!pdx_csv_reader_next (reader, &fields, &n, &error))
        {
          g_test_message ("record %u missing", record);
          g_test_fail ();
          return;
        }
      g_assert_no_error (error);
      g_assert_cmpuint (n, ==, 3);
      g_assert_cmpstr (fields[0], ==, record == 0 ? "study" : "S1");
      if (record == 1)
        {
          g_assert_cmpuint (pdx_csv_reader_get_column (reader, 1), ==, 4);
          g_assert_cmpuint (pdx_csv_reader_get_column (reader, 2), ==, 12);
          continue;
        }
      for (guint i = 0; i < n; i++)
        g_assert_cmpuint (pdx_csv_reader_get_column (reader, i), ==, columns[i]);
    }
}

static void
test_read_errors (void)
{
  static const struct
  {
    const char *name;
    const char *input;
    gsize       len;
    const char *prefix;
  } cases[] = {
    { "empty", "", 0, "mem.csv:1:1: " },
    { "only-blank-lines", "\n\r\n\n", 4, "mem.csv:1:1: " },
    { "only-bom", "\xEF\xBB\xBF", 3, "mem.csv:1:1: " },
    { "unclosed-quote", "a,b\n1,\"open\n", 12, "mem.csv:2:3: " },
    { "unclosed-quote-first", "\"abc", 4, "mem.csv:1:1: " },
    { "nul-byte", "a,b\nc,d\0e\n", 10, "mem.csv:2:4: " },
    { "png", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16, "mem.csv:1:1: " },
    { "latin1", "name\ncaf\xe9\n", 10, "mem.csv:2:4: " },
    /* Text after a closing quote is refused, not guessed at (RFC 4180). */
    { "text-after-closing-quote", "x,y\n\"a\"b\",c\n", 12, "mem.csv:2:4: " },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr (PdxCsvReader) reader =
          pdx_csv_reader_new_for_data ("mem.csv", cases[c].input, cases[c].len);
      g_autoptr (GError) error = NULL;
      char   **fields = NULL;
      guint    n = 0;
      gboolean ok = TRUE;

      g_test_message ("case %s", cases[c].name);
      /* An error may come at the first record or at the one that holds the problem. */
      for (guint i = 0; ok && i < 10; i++)
        ok = pdx_csv_reader_next (reader, &fields, &n, &error);
      g_assert_false (ok);
      g_assert_error (error, PDX_IMPORT_ERROR, PDX_IMPORT_ERROR_FORMAT);
      g_assert_true (error && g_str_has_prefix (error->message, cases[c].prefix));
      /* One line: the CLI prints it as is. */
      g_assert_true (error && strchr (error->message, '\n') == NULL);
    }
}

/* The message of text after a closing quote names the file's own delimiter: a tab in a
 * tab-delimited export (Living Image's .txt), not the comma it does not use. */
static void
test_closing_quote_delimiter (void)
{
  static const struct
  {
    const char *text, *expected;
  } cases[] = {
    { "a,b\n\"x\"y,z\n", "x.csv:2:4: 'y' after the closing quote of a field; expected ',' or the "
                         "end of the line" },
    { "a\tb\n\"x\"y\tz\n", "x.csv:2:4: 'y' after the closing quote of a field; expected a tab or "
                           "the end of the line" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autofree char *path = pdx_test_write_file ("x.csv", cases[c].text, -1);
      g_autoptr (GError) error = NULL;
      g_autoptr (PdxCsvReader) reader = pdx_csv_reader_open_with (path, PDX_CSV_SNIFF_TAB, &error);
      char   **fields = NULL;
      guint    n = 0;
      gboolean ok = TRUE;

      g_assert_no_error (error);
      for (guint i = 0; ok && i < 3; i++)
        ok = pdx_csv_reader_next (reader, &fields, &n, &error);
      g_assert_false (ok);
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, cases[c].expected));
    }
}

static void
test_read_file (void)
{
  g_autofree char *path = pdx_test_write_file ("mice.csv", "study,mouse\r\nS1,\"M 1\"\r\n", -1);
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxCsvReader) reader = pdx_csv_reader_open (path, &error);
  char **fields = NULL;
  guint  n = 0;

  g_assert_no_error (error);
  g_assert_nonnull (reader);
  g_assert_cmpstr (pdx_csv_reader_get_name (reader), ==, path);
  g_assert_true (reader && pdx_csv_reader_next (reader, &fields, &n, &error));
  g_assert_cmpuint (n, ==, 2);
  if (n != 2)
    return;
  g_assert_cmpstr (fields[0], ==, "study");
  g_assert_cmpstr (fields[1], ==, "mouse");
  g_assert_true (pdx_csv_reader_next (reader, &fields, &n, &error));
  g_assert_cmpuint (pdx_csv_reader_get_line (reader), ==, 2);
  g_assert_cmpuint (n, ==, 2);
  if (n != 2)
    return;
  g_assert_cmpstr (fields[1], ==, "M 1");
  g_assert_false (pdx_csv_reader_next (reader, &fields, &n, &error));
  g_assert_no_error (error);
}

static void
test_read_missing_file (void)
{
  g_autofree char *dir = pdx_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "absent.csv", NULL);
  g_autoptr (GError) error = NULL;
  PdxCsvReader *reader = pdx_csv_reader_open (path, &error);

  g_assert_null (reader);
  g_assert_error (error, PDX_IMPORT_ERROR, PDX_IMPORT_ERROR_IO);
  g_assert_true (error && strstr (error->message, "absent.csv"));
}

/* A binary file on disk is refused at the first record, never crashes. */
static void
test_read_binary_file (void)
{
  static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0";
  g_autofree char  *path = pdx_test_write_file ("image.csv", png, sizeof png - 1);
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxCsvReader) reader = pdx_csv_reader_open (path, &error);
  char **fields = NULL;
  guint  n = 0;

  g_assert_no_error (error);
  g_assert_false (pdx_csv_reader_next (reader, &fields, &n, &error));
  g_assert_error (error, PDX_IMPORT_ERROR, PDX_IMPORT_ERROR_FORMAT);
  g_assert_true (error && g_str_has_prefix (error->message, path));
}

/* Writer: RFC 4180 quoting only where needed; fields with outer spaces are quoted so that
 * readers that trim keep them. */
static void
test_write_field (void)
{
  static const struct
  {
    const char *field;
    const char *expected;
  } cases[] = {
    { "plain", "plain" },
    { "", "" },
    { "a,b", "\"a,b\"" },
    { "say \"hi\"", "\"say \"\"hi\"\"\"" },
    { "two\nlines", "\"two\nlines\"" },
    { "cr\rhere", "\"cr\rhere\"" },
    { " lead", "\" lead\"" },
    { "trail ", "\"trail \"" },
    { "in side", "in side" },
    { "µg/kg", "µg/kg" },
    { "\"", "\"\"\"\"" },
  };
  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr (GString) out = g_string_new (NULL);
      pdx_csv_write_field (out, cases[c].field);
      g_assert_cmpstr (out->str, ==, cases[c].expected);
    }
  {
    g_autoptr (GString) out = g_string_new ("x");
    pdx_csv_write_field (out, NULL);
    g_assert_cmpstr (out->str, ==, "x");
  }
}

static void
test_write_record (void)
{
  const char *fields[] = { "S1", NULL, "a,b", "", "q\"" };
  g_autoptr (GString) out = g_string_new (NULL);

  pdx_csv_write_record (out, fields, G_N_ELEMENTS (fields));
  g_assert_cmpstr (out->str, ==, "S1,,\"a,b\",,\"q\"\"\"\n");
  pdx_csv_write_record (out, fields, 1);
  g_assert_cmpstr (out->str, ==, "S1,,\"a,b\",,\"q\"\"\"\nS1\n");
}

/* What the writer writes, the reader reads back unchanged. */
static void
test_round_trip (void)
{
  const char *rows[][4] = {
    { "study", "mouse", "note", "weight_g" },
    { "S1", "M,1", "said \"ok\"\nthen left", "21.5" },
    { " padded ", "", "\"", "µ" },
    { "a\r\nb", "x\"y\"z", ",,,", "\"\"" },
  };
  g_autoptr (GString) out = g_string_new (NULL);
  g_autoptr (PdxCsvReader) reader = NULL;
  g_autoptr (GError) error = NULL;
  char **fields;
  guint  n, r = 0;

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    pdx_csv_write_record (out, rows[i], 4);
  reader = pdx_csv_reader_new_for_data ("round.csv", out->str, out->len);
  while (pdx_csv_reader_next (reader, &fields, &n, &error))
    {
      g_assert_cmpuint (r, <, G_N_ELEMENTS (rows));
      g_assert_cmpuint (n, ==, 4);
      for (guint i = 0; i < 4; i++)
        g_assert_cmpstr (fields[i], ==, rows[r][i]);
      r++;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (r, ==, G_N_ELEMENTS (rows));
}

static void
test_format_number (void)
{
  static const struct
  {
    double      value;
    const char *expected;
  } cases[] = {
    { 0, "0" },           { 1, "1" },         { 100, "100" },
    { 1.5, "1.5" },       { -2.25, "-2.25" }, { 0.001, "0.001" },
    { 1234.5, "1234.5" }, { 199.7, "199.7" }, { 1.5e8, "150000000" },
    { 0.1 + 0.2, "0.3" }, { 320, "320" },     { 28.9, "28.9" },
  };
  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autofree char *text = pdx_format_number (cases[c].value);
      g_assert_cmpstr (text, ==, cases[c].expected);
    }
  {
    g_autofree char *text = pdx_format_number (NAN);
    g_assert_cmpstr (text, ==, "");
  }
}

/* ---- input that changes underneath, CR-only line ends (issue 10, findings 10 and 12) --------- */

/* A file cut short after the reader opened it: reading on gives an error at the end of the
 * input, never SIGBUS (a mapped file's pages past the new end fault). */
static void
test_read_truncated_underneath (void)
{
  g_autoptr (GString) text = g_string_new ("study,arm,mouse\n");
  g_autofree char *path = NULL;
  g_autoptr (PdxCsvReader) reader = NULL;
  g_autoptr (GError) error = NULL;
  char **fields;
  guint  n, records = 0;

  /* Two megabytes: many pages past what the truncation keeps. */
  while (text->len < 2 << 20)
    g_string_append_printf (text, "S1,vehicle,M%u\n", records++);
  path = pdx_test_write_file ("big.csv", text->str, (gssize) text->len);
  reader = pdx_csv_reader_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (pdx_csv_reader_next (reader, &fields, &n, &error));
  g_assert_cmpint (truncate (path, 4096), ==, 0);
  records = 0;
  while (pdx_csv_reader_next (reader, &fields, &n, &error))
    records++;
  g_assert_error (error, PDX_IMPORT_ERROR, PDX_IMPORT_ERROR_IO);
  g_assert_true (error && g_str_has_prefix (error->message, path));
  g_assert_true (error && strstr (error->message, "changed while it was being read"));
}

typedef struct
{
  const char *path;
  guint       calls;
} TruncateHook;

static void
truncate_after_first_chunk_cb (const char *path, guint64 done, gpointer user_data)
{
  TruncateHook *hook = user_data;

  if (hook->calls++ == 0)
    g_assert_cmpint (truncate (hook->path, 100), ==, 0);
}

/* Cut short while it is being read (between two read(2) calls): refused when opened or at the
 * end of the input, and the import as a whole changes nothing. */
static void
test_read_truncated_while_reading (void)
{
  g_autoptr (GString) text = g_string_new ("study,arm,mouse\n");
  g_autofree char *path = NULL;
  g_autoptr (PdxDb) db = pdx_test_new_lab (NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *before = pdx_test_dump (db);
  g_autofree char *after = NULL;
  TruncateHook     hook = { 0 };

  for (guint i = 0; text->len < 3 << 20; i++)
    g_string_append_printf (text, "S1,vehicle,M%u\n", i);
  path = pdx_test_write_file ("mice.csv", text->str, (gssize) text->len);
  hook.path = path;
  pdx_csv_set_read_hook (truncate_after_first_chunk_cb, &hook);
  g_assert_false (pdx_import_mice (db, path, NULL, NULL, NULL, &error));
  pdx_csv_set_read_hook (NULL, NULL);
  g_assert_cmpuint (hook.calls, >=, 1);
  g_assert_error (error, PDX_IMPORT_ERROR, PDX_IMPORT_ERROR_IO);
  g_assert_true (error && strstr (error->message, "changed while it was being read"));
  after = pdx_test_dump (db);
  g_assert_cmpstr (after, ==, before);
}

/* Old Mac Excel ends lines with CR alone: each is a line, for records, fields and columns. */
static void
test_read_cr_only (void)
{
  static const char text[] = "a,b\rc,d\r\"x\ry\",z\re,\"f\"\r";
  /* By hand: records start on lines 1, 2, 3 (the quoted field spans 3-4), 5; on line 4 "z"
   * is at column 4 ('y', '"', ',' before it). */
  static const guint lines[] = { 1, 2, 3, 5 };
  g_autoptr (PdxCsvReader) reader = pdx_csv_reader_new_for_data ("cr.csv", text, strlen (text));
  g_autoptr (GError) error = NULL;
  char **fields;
  guint  n, r = 0;

  while (pdx_csv_reader_next (reader, &fields, &n, &error))
    {
      g_assert_cmpuint (r, <, G_N_ELEMENTS (lines));
      if (r >= G_N_ELEMENTS (lines))
        break;
      g_assert_cmpuint (n, ==, 2);
      g_assert_cmpuint (pdx_csv_reader_get_line (reader), ==, lines[r]);
      if (r == 2)
        {
          g_assert_cmpstr (fields[0], ==, "x\ry");
          g_assert_cmpuint (pdx_csv_reader_get_field_line (reader, 1), ==, 4);
          g_assert_cmpuint (pdx_csv_reader_get_column (reader, 1), ==, 4);
        }
      r++;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (r, ==, 4);
}

/* CR LF counts once, a lone CR and LF once each, mixed in one file. */
static void
test_read_mixed_line_ends (void)
{
  static const char text[] = "a\r\nb\rc\nd\r\n";
  g_autoptr (PdxCsvReader) reader = pdx_csv_reader_new_for_data ("mixed.csv", text, strlen (text));
  char **fields;
  guint  n, line = 0;

  while (pdx_csv_reader_next (reader, &fields, &n, NULL))
    g_assert_cmpuint (pdx_csv_reader_get_line (reader), ==, ++line);
  g_assert_cmpuint (line, ==, 4);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  /* A failed check marks its test failed and the suite goes on: one run lists every failure. */
  g_test_set_nonfatal_assertions ();
  g_test_add_func ("/csv/read/records", test_read_records);
  g_test_add_func ("/csv/read/closing-quote-delimiter", test_closing_quote_delimiter);
  g_test_add_func ("/csv/read/truncated-underneath", test_read_truncated_underneath);
  g_test_add_func ("/csv/read/truncated-while-reading", test_read_truncated_while_reading);
  g_test_add_func ("/csv/read/cr-only", test_read_cr_only);
  g_test_add_func ("/csv/read/mixed-line-ends", test_read_mixed_line_ends);
  g_test_add_func ("/csv/read/field-count", test_read_field_count);
  g_test_add_func ("/csv/read/quote-then-space", test_read_quote_then_space);
  g_test_add_func ("/csv/read/lines", test_read_lines);
  g_test_add_func ("/csv/read/columns", test_read_columns);
  g_test_add_func ("/csv/read/bom-columns", test_read_bom_columns);
  g_test_add_func ("/csv/read/errors", test_read_errors);
  g_test_add_func ("/csv/read/file", test_read_file);
  g_test_add_func ("/csv/read/missing-file", test_read_missing_file);
  g_test_add_func ("/csv/read/binary-file", test_read_binary_file);
  g_test_add_func ("/csv/write/field", test_write_field);
  g_test_add_func ("/csv/write/record", test_write_record);
  g_test_add_func ("/csv/write/round-trip", test_round_trip);
  g_test_add_func ("/csv/format-number", test_format_number);
  return g_test_run ();
}
