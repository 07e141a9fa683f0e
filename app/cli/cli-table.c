/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli-table.c — result tables: aligned columns for people, RFC 4180 CSV for programs. */
#include "cli.h"

#include <string.h>

#include "pdx/pdx-output.h"

struct _PdxCliTable
{
  guint n_columns;
  char **columns;
  GPtrArray *rows; /* of char** (n_columns strings each, NULL allowed) */
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
  g_free (table);
}

void
pdx_cli_table_add_row (PdxCliTable *table, const char *const *values)
{
  /* Stored as a NULL-terminated vector: a NULL value is kept as "". */
  char **row = g_new0 (char *, table->n_columns + 1);
  for (guint i = 0; i < table->n_columns; i++)
    row[i] = g_strdup (values[i] ? values[i] : "");
  g_ptr_array_add (table->rows, row);
}

void
pdx_cli_table_add_row_take (PdxCliTable *table, char **values)
{
  char **row = g_new0 (char *, table->n_columns + 1);
  for (guint i = 0; i < table->n_columns; i++)
    row[i] = values[i] ? values[i] : g_strdup ("");
  g_free (values);
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
  char *end = NULL;
  double value;
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (*cell == '\0' || strlen (cell) <= 8 || cell[strspn (cell, "0123456789.eE+-")] != '\0')
    return NULL;
  value = g_ascii_strtod (cell, &end);
  if (*end != '\0')
    return NULL;
  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.6g", value));
}

static void
print_aligned (PdxCli *cli, PdxCliTable *table)
{
  g_autofree glong *width = g_new0 (glong, table->n_columns);

  for (guint c = 0; c < table->n_columns; c++)
    width[c] = g_utf8_strlen (table->columns[c], -1);
  for (guint r = 0; r < table->rows->len; r++)
    {
      char **row = g_ptr_array_index (table->rows, r);
      for (guint c = 0; c < table->n_columns; c++)
        {
          char *shorter = shorten_number (row[c]);
          if (shorter)
            g_free (row[c]), row[c] = shorter;
          /* For a terminal: a name's control characters (an escape sequence, a line break)
           * shown, never obeyed; CSV output keeps the text as stored. */
          if (strpbrk (row[c], "\x01\x02\x03\x04\x05\x06\x07\x08\t\n\x0b\x0c\r\x0e\x0f\x10"
                                "\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e"
                                "\x1f\x7f\xc2")
              || !g_utf8_validate (row[c], -1, NULL))
            {
              char *shown = pdx_text_escape_controls (row[c]);
              g_free (row[c]), row[c] = shown;
            }
        }
    }
  for (guint r = 0; r < table->rows->len; r++)
    {
      char **row = g_ptr_array_index (table->rows, r);
      for (guint c = 0; c < table->n_columns; c++)
        width[c] = MAX (width[c], g_utf8_strlen (row[c], -1));
    }

  for (guint r = 0; r <= table->rows->len; r++)
    {
      char **row = r == 0 ? table->columns : g_ptr_array_index (table->rows, r - 1);
      g_autoptr (GString) line = g_string_new (NULL);
      for (guint c = 0; c < table->n_columns; c++)
        {
          g_string_append (line, row[c]);
          if (c + 1 < table->n_columns)
            for (glong pad = g_utf8_strlen (row[c], -1); pad < width[c] + 2; pad++)
              g_string_append_c (line, ' ');
        }
      /* No padding after the last column. */
      while (line->len > 0 && line->str[line->len - 1] == ' ')
        g_string_truncate (line, line->len - 1);
      fprintf (cli->out, "%s\n", line->str);
    }
}

void
pdx_cli_table_print (PdxCli *cli, PdxCliTable *table)
{
  if (cli->csv)
    print_csv (cli, table);
  else
    print_aligned (cli, table);
}
