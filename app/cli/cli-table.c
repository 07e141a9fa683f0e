/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli-table.c — result tables: aligned columns for people, RFC 4180 CSV for programs. */
#include "cli.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "pdx/pdx-output.h"

struct _PdxCliTable
{
  guint      n_columns;
  char     **columns;
  GPtrArray *rows; /* of char** (n_columns strings each, NULL allowed) */
  /* A spooled table (pdx_cli_table_new_spooled) keeps no rows: each row added is written to
   * @spool, an unlinked temporary file, through @buffer: as CSV records when @csv, else as its
   * cells shown for a terminal, each ended by a NUL, with @width the widest of each column so
   * far. @spool_errno is the first failed write's errno (0: none). */
  FILE    *spool;
  gboolean csv;
  GString *buffer;
  glong   *width;
  int      spool_errno;
};

static void
row_free (gpointer data)
{
  char **row = data;
  g_strfreev (row);
}

PdxCliTable *
pdx_cli_table_new (const char *const *columns)
{
  PdxCliTable *table = g_new0 (PdxCliTable, 1);
  table->columns = g_strdupv ((char **) columns);
  table->n_columns = g_strv_length (table->columns);
  table->rows = g_ptr_array_new_with_free_func (row_free);
  return table;
}

void
pdx_cli_table_free (PdxCliTable *table)
{
  if (table == NULL)
    return;
  g_strfreev (table->columns);
  g_ptr_array_unref (table->rows);
  if (table->spool)
    fclose (table->spool);
  if (table->buffer)
    g_string_free (table->buffer, TRUE);
  g_free (table->width);
  g_free (table);
}

static void spool_row (PdxCliTable *table, char **row);

void
pdx_cli_table_add_row (PdxCliTable *table, const char *const *values)
{
  /* Stored as a NULL-terminated vector: a NULL value is kept as "". */
  char **row = g_new0 (char *, table->n_columns + 1);
  for (guint i = 0; i < table->n_columns; i++)
    row[i] = g_strdup (values[i] ? values[i] : "");
  if (table->spool)
    spool_row (table, row);
  else
    g_ptr_array_add (table->rows, row);
}

void
pdx_cli_table_add_row_take (PdxCliTable *table, char **values)
{
  char **row = g_new0 (char *, table->n_columns + 1);
  for (guint i = 0; i < table->n_columns; i++)
    row[i] = values[i] ? values[i] : g_strdup ("");
  g_free (values);
  if (table->spool)
    spool_row (table, row);
  else
    g_ptr_array_add (table->rows, row);
}

/* Cells that came from people or imports and begin with = + - @ (or a tab, a carriage return)
 * are written "'CELL", quoted, so that no spreadsheet runs them; numbers stay numbers
 * (pdx-output.h, docs/outputs.md). */
static void
print_csv (PdxCli *cli, PdxCliTable *table)
{
  g_autoptr (GString) out = g_string_new (NULL);
  pdx_output_csv_write_record (out, (const char *const *) table->columns, table->n_columns);
  for (guint r = 0; r < table->rows->len; r++)
    {
      pdx_output_csv_write_record (out, g_ptr_array_index (table->rows, r), table->n_columns);
      if (out->len > 1 << 16)
        {
          fwrite (out->str, 1, out->len, cli->out);
          g_string_truncate (out, 0);
        }
    }
  fwrite (out->str, 1, out->len, cli->out);
}

/* For people, numbers with more than 6 significant digits are shown with 6; CSV keeps them all.
 * Returns a new string, or NULL when @cell is not such a number. */
static char *
shorten_number (const char *cell)
{
  char  *end = NULL;
  double value;
  char   buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (*cell == '\0' || strlen (cell) <= 8 || cell[strspn (cell, "0123456789.eE+-")] != '\0')
    return NULL;
  value = g_ascii_strtod (cell, &end);
  if (*end != '\0')
    return NULL;
  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.6g", value));
}

/* Replaces the @n cells of @row by what a terminal shows of them and widens @width to fit. */
static void
show_row (char **row, guint n, glong *width)
{
  for (guint c = 0; c < n; c++)
    {
      char *shorter = shorten_number (row[c]);
      if (shorter)
        g_free (row[c]), row[c] = shorter;
      /* For a terminal: a name's control characters (an escape sequence, a line break)
       * shown, never obeyed; CSV output keeps the text as stored. */
      if (strpbrk (row[c], "\x01\x02\x03\x04\x05\x06\x07\x08\t\n\x0b\x0c\r\x0e\x0f\x10"
                           "\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e"
                           "\x1f\x7f\xc2") ||
          !g_utf8_validate (row[c], -1, NULL))
        {
          char *shown = pdx_text_escape_controls (row[c]);
          g_free (row[c]), row[c] = shown;
        }
      width[c] = MAX (width[c], g_utf8_strlen (row[c], -1));
    }
}

/* Prints one line of an aligned table: each cell padded to its column's @width plus two
 * spaces, no padding after the last. */
static void
print_aligned_line (PdxCli *cli, char **row, guint n, const glong *width)
{
  g_autoptr (GString) line = g_string_new (NULL);

  for (guint c = 0; c < n; c++)
    {
      g_string_append (line, row[c]);
      if (c + 1 < n)
        for (glong pad = g_utf8_strlen (row[c], -1); pad < width[c] + 2; pad++)
          g_string_append_c (line, ' ');
    }
  while (line->len > 0 && line->str[line->len - 1] == ' ')
    g_string_truncate (line, line->len - 1);
  fprintf (cli->out, "%s\n", line->str);
}

static glong *
header_widths (PdxCliTable *table)
{
  glong *width = g_new0 (glong, table->n_columns);

  for (guint c = 0; c < table->n_columns; c++)
    width[c] = g_utf8_strlen (table->columns[c], -1);
  return width;
}

static void
print_aligned (PdxCli *cli, PdxCliTable *table)
{
  g_autofree glong *width = header_widths (table);

  for (guint r = 0; r < table->rows->len; r++)
    show_row (g_ptr_array_index (table->rows, r), table->n_columns, width);
  print_aligned_line (cli, table->columns, table->n_columns, width);
  for (guint r = 0; r < table->rows->len; r++)
    print_aligned_line (cli, g_ptr_array_index (table->rows, r), table->n_columns, width);
}

void
pdx_cli_table_print (PdxCli *cli, PdxCliTable *table)
{
  g_return_if_fail (table->spool == NULL);
  if (cli->csv)
    print_csv (cli, table);
  else
    print_aligned (cli, table);
}

/* ---- spooled tables ---------------------------------------------------------------------------
 */

PdxCliTable *
pdx_cli_table_new_spooled (PdxCli *cli, const char *const *columns, GError **error)
{
  g_autoptr (PdxCliTable) table = pdx_cli_table_new (columns);
  g_autofree char *path = NULL;
  int              fd = g_file_open_tmp ("pdxtrack-cli-XXXXXX", &path, error);

  if (fd < 0)
    return NULL;
  /* Unlinked at once: nothing is left behind, however the process ends. */
  g_unlink (path);
  table->spool = fdopen (fd, "w+b");
  if (table->spool == NULL)
    {
      int saved = errno;
      close (fd);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   "cannot open a temporary file for the table: %s", g_strerror (saved));
      return NULL;
    }
  table->csv = cli->csv;
  table->buffer = g_string_new (NULL);
  table->width = header_widths (table);
  if (table->csv)
    pdx_output_csv_write_record (table->buffer, (const char *const *) table->columns,
                                 table->n_columns);
  return g_steal_pointer (&table);
}

static void
spool_flush (PdxCliTable *table)
{
  if (table->buffer->len > 0 && table->spool_errno == 0 &&
      fwrite (table->buffer->str, 1, table->buffer->len, table->spool) != table->buffer->len)
    table->spool_errno = errno ? errno : EIO;
  g_string_truncate (table->buffer, 0);
}

/* Writes @row (owned; freed here) to the spool. */
static void
spool_row (PdxCliTable *table, char **row)
{
  if (table->csv)
    pdx_output_csv_write_record (table->buffer, (const char *const *) row, table->n_columns);
  else
    {
      show_row (row, table->n_columns, table->width);
      for (guint c = 0; c < table->n_columns; c++)
        g_string_append_len (table->buffer, row[c], strlen (row[c]) + 1);
    }
  g_strfreev (row);
  if (table->buffer->len > 1 << 16)
    spool_flush (table);
}

/* Prints the aligned rows read back from the spool, @n cells each ended by a NUL. */
static gboolean
print_spooled_aligned (PdxCli *cli, PdxCliTable *table)
{
  g_auto (GStrv) row = g_new0 (char *, table->n_columns + 1);
  /* getdelim() reuses each cell's buffer (and grows it) only when told its size. */
  g_autofree gsize *size = g_new0 (gsize, table->n_columns);

  print_aligned_line (cli, table->columns, table->n_columns, table->width);
  for (;;)
    {
      for (guint c = 0; c < table->n_columns; c++)
        {
          if (getdelim (&row[c], &size[c], '\0', table->spool) < 0)
            return c == 0 && !ferror (table->spool);
        }
      print_aligned_line (cli, row, table->n_columns, table->width);
    }
}

/* Copies the spooled CSV records to the output. */
static gboolean
print_spooled_csv (PdxCli *cli, PdxCliTable *table)
{
  char   chunk[1 << 16];
  size_t n;

  while ((n = fread (chunk, 1, sizeof chunk, table->spool)) > 0)
    fwrite (chunk, 1, n, cli->out);
  return !ferror (table->spool);
}

gboolean
pdx_cli_table_print_spooled (PdxCli *cli, PdxCliTable *table, GError **error)
{
  int saved;

  g_return_val_if_fail (table->spool != NULL, FALSE);
  spool_flush (table);
  if (table->spool_errno == 0 && fflush (table->spool) != 0)
    table->spool_errno = errno;
  if (table->spool_errno == 0 && fseek (table->spool, 0, SEEK_SET) != 0)
    table->spool_errno = errno;
  if (table->spool_errno == 0 &&
      (table->csv ? print_spooled_csv (cli, table) : print_spooled_aligned (cli, table)))
    return TRUE;
  saved = table->spool_errno ? table->spool_errno : errno ? errno : EIO;
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
               "the table's temporary file: %s", g_strerror (saved));
  return FALSE;
}
