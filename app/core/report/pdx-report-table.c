/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-report-table.c — report tables: fitted column widths, rows that never split, the header row
 * repeated on every page a table spans. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx-report-private.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <pango/pangocairo.h>

#define CELL_SIZE 7.8
#define HEADER_SIZE 7.4
#define PAD_X 3.5
#define PAD_Y 2.4
#define SWATCH 6.5

typedef struct
{
  char   **cells;  /* n_columns strings, never NULL */
  char    *swatch; /* "#rrggbb" or NULL */
  gboolean bold;
  gboolean group; /* a group heading: cells[0] spans the table */
} TableRow;

struct _PdxReportTable
{
  guint           n_columns;
  char          **titles;
  PdxReportAlign *aligns;
  GPtrArray      *rows;   /* of TableRow* */
  double         *widths; /* computed by fit_columns() */
};

static void
table_row_free (TableRow *row)
{
  g_strfreev (row->cells);
  g_free (row->swatch);
  g_free (row);
}

PdxReportTable *
pdx_report_table_new (guint n_columns)
{
  PdxReportTable *table = g_new0 (PdxReportTable, 1);

  g_return_val_if_fail (n_columns > 0, NULL);
  table->n_columns = n_columns;
  table->titles = g_new0 (char *, n_columns + 1);
  table->aligns = g_new0 (PdxReportAlign, n_columns);
  table->widths = g_new0 (double, n_columns);
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) table_row_free);
  for (guint i = 0; i < n_columns; i++)
    table->titles[i] = g_strdup ("");
  return table;
}

void
pdx_report_table_free (PdxReportTable *table)
{
  if (table == NULL)
    return;
  g_strfreev (table->titles);
  g_free (table->aligns);
  g_free (table->widths);
  g_ptr_array_unref (table->rows);
  g_free (table);
}

void
pdx_report_table_set_column (PdxReportTable *table,
                             guint           column,
                             const char     *title,
                             PdxReportAlign  align)
{
  g_return_if_fail (column < table->n_columns);
  g_free (table->titles[column]);
  table->titles[column] = g_strdup (title ? title : "");
  table->aligns[column] = align;
}

guint
pdx_report_table_add_row (PdxReportTable *table, const char *const *cells, const char *swatch)
{
  TableRow *row = g_new0 (TableRow, 1);

  row->cells = g_new0 (char *, table->n_columns + 1);
  for (guint i = 0; i < table->n_columns; i++)
    row->cells[i] = g_strdup (cells[i] ? cells[i] : "");
  row->swatch = g_strdup (swatch);
  g_ptr_array_add (table->rows, row);
  return table->rows->len - 1;
}

guint
pdx_report_table_add_group (PdxReportTable *table, const char *text, const char *swatch)
{
  const char             *cells[1] = { text };
  g_autofree const char **all = g_new0 (const char *, table->n_columns);
  guint                   row;

  all[0] = cells[0];
  row = pdx_report_table_add_row (table, all, swatch);
  ((TableRow *) g_ptr_array_index (table->rows, row))->group = TRUE;
  return row;
}

void
pdx_report_table_set_row_bold (PdxReportTable *table, guint row, gboolean bold)
{
  g_return_if_fail (row < table->rows->len);
  ((TableRow *) g_ptr_array_index (table->rows, row))->bold = bold;
}

guint
pdx_report_table_get_n_rows (PdxReportTable *table)
{
  return table->rows->len;
}

/* The natural (unwrapped) width of @text and the width of its widest word. */
static void
measure_text (PdxReportDoc *doc,
              const char   *text,
              double        size,
              gboolean      bold,
              double       *natural,
              double       *widest_word)
{
  g_autoptr (PangoLayout) whole = pdx_report_doc_text_layout (doc, text, size, bold, 0);
  g_auto (GStrv) words = g_strsplit_set (text, " \n", -1);

  *natural = pdx_report_layout_width (whole);
  *widest_word = 0;
  for (guint i = 0; words[i]; i++)
    {
      g_autoptr (PangoLayout) word = pdx_report_doc_text_layout (doc, words[i], size, bold, 0);
      *widest_word = MAX (*widest_word, pdx_report_layout_width (word));
    }
}

/* Column widths, from the most generous to the tightest of four levels: natural (nothing wraps),
 * content (only headers wrap), keep (numbers and the first column do not wrap, other text wraps
 * at words) and word (everything wraps at words). The widths interpolate between the tightest
 * level that fits the text column and the one above it; natural widths that fit are stretched. */
enum
{
  FIT_NATURAL,
  FIT_CONTENT,
  FIT_KEEP,
  FIT_WORD,
  N_FIT_LEVELS
};

static void
measure_column (PdxReportDoc *doc, PdxReportTable *table, guint c, double *level)
{
  double   nat, word, cells_natural = 0, cells_word = 0, header_word;
  gboolean keep = c == 0 || table->aligns[c] == PDX_REPORT_ALIGN_RIGHT;

  measure_text (doc, table->titles[c], HEADER_SIZE, TRUE, &nat, &header_word);
  level[FIT_NATURAL] = nat;
  for (guint r = 0; r < table->rows->len; r++)
    {
      TableRow *row = g_ptr_array_index (table->rows, r);
      double    extra = (c == 0 && row->swatch) ? SWATCH + 3 : 0;
      if (row->group)
        continue;
      measure_text (doc, row->cells[c], CELL_SIZE, row->bold, &nat, &word);
      cells_natural = MAX (cells_natural, nat + extra);
      cells_word = MAX (cells_word, word + extra);
    }
  level[FIT_NATURAL] = MAX (level[FIT_NATURAL], cells_natural);
  level[FIT_CONTENT] = MAX (header_word, cells_natural);
  level[FIT_WORD] = MAX (header_word, cells_word);
  level[FIT_KEEP] = keep ? level[FIT_CONTENT] : level[FIT_WORD];
  for (guint l = 0; l < N_FIT_LEVELS; l++)
    level[l] += 2 * PAD_X + 0.5;
}

static void
fit_columns (PdxReportDoc *doc, PdxReportTable *table)
{
  g_autofree double *level = g_new0 (double, (gsize) table->n_columns *N_FIT_LEVELS);
  double             sum[N_FIT_LEVELS] = { 0 }, room = doc->width;
  guint              fit = FIT_NATURAL;

  for (guint c = 0; c < table->n_columns; c++)
    {
      measure_column (doc, table, c, &level[c * N_FIT_LEVELS]);
      for (guint l = 0; l < N_FIT_LEVELS; l++)
        sum[l] += level[c * N_FIT_LEVELS + l];
    }
  while (fit < FIT_WORD && sum[fit] > room)
    fit++;
  for (guint c = 0; c < table->n_columns; c++)
    {
      const double *mine = &level[c * N_FIT_LEVELS];
      if (fit == FIT_NATURAL)
        table->widths[c] = mine[FIT_NATURAL] * room / sum[FIT_NATURAL];
      else if (sum[fit] > room)
        table->widths[c] = mine[fit] * room / sum[fit];
      else if (sum[fit - 1] > sum[fit])
        table->widths[c] =
            mine[fit] + (mine[fit - 1] - mine[fit]) * (room - sum[fit]) / (sum[fit - 1] - sum[fit]);
      else
        table->widths[c] = mine[fit];
    }
}

/* The laid-out cells of one row (header when @row is NULL) and the row's height. */
static double
layout_row (PdxReportDoc *doc, PdxReportTable *table, TableRow *row, PangoLayout **layouts)
{
  double height = 0;

  if (row && row->group)
    {
      layouts[0] = pdx_report_doc_text_layout (doc, row->cells[0], CELL_SIZE, TRUE,
                                               doc->width - 2 * PAD_X - SWATCH - 3);
      return pdx_report_layout_height (layouts[0]) + 2 * PAD_Y + 2;
    }
  for (guint c = 0; c < table->n_columns; c++)
    {
      double      extra = (c == 0 && row && row->swatch) ? SWATCH + 3 : 0;
      double      width = table->widths[c] - 2 * PAD_X - extra;
      const char *text = row ? row->cells[c] : table->titles[c];

      layouts[c] = pdx_report_doc_text_layout (doc, text, row ? CELL_SIZE : HEADER_SIZE,
                                               row ? row->bold : TRUE, MAX (width, 1));
      if (table->aligns[c] == PDX_REPORT_ALIGN_RIGHT)
        pango_layout_set_alignment (layouts[c], PANGO_ALIGN_RIGHT);
      else if (table->aligns[c] == PDX_REPORT_ALIGN_CENTER)
        pango_layout_set_alignment (layouts[c], PANGO_ALIGN_CENTER);
      height = MAX (height, pdx_report_layout_height (layouts[c]));
    }
  return height + 2 * PAD_Y;
}

static void
fill_rect (cairo_t *cr, double x, double y, double width, double height, double grey)
{
  cairo_set_source_rgb (cr, grey, grey, grey);
  cairo_rectangle (cr, x, y, width, height);
  cairo_fill (cr);
}

static void
draw_row (PdxReportDoc   *doc,
          PdxReportTable *table,
          TableRow       *row,
          PangoLayout   **layouts,
          double          height,
          gboolean        shaded)
{
  cairo_t *cr = doc->cr;
  double   x = doc->left;

  cairo_save (cr);
  if (row == NULL)
    {
      fill_rect (cr, doc->left, doc->y, doc->width, height, 0.90);
      fill_rect (cr, doc->left, doc->y + height - 0.8, doc->width, 0.8, 0.25);
    }
  else if (row->group)
    {
      fill_rect (cr, doc->left, doc->y + height - 0.5, doc->width, 0.5, 0.6);
      shaded = FALSE;
    }
  else if (shaded)
    fill_rect (cr, doc->left, doc->y, doc->width, height, 0.965);
  for (guint c = 0; c < (row && row->group ? 1 : table->n_columns); c++)
    {
      double text_x = x + PAD_X;
      if (c == 0 && row && row->swatch)
        {
          unsigned int r = 0x80, g = 0x80, b = 0x80;
          if (sscanf (row->swatch, "#%02x%02x%02x", &r, &g, &b) != 3)
            r = g = b = 0x80;
          cairo_set_source_rgb (cr, r / 255.0, g / 255.0, b / 255.0);
          cairo_rectangle (cr, text_x, doc->y + PAD_Y + 1.2, SWATCH, SWATCH);
          cairo_fill (cr);
          text_x += SWATCH + 3;
        }
      cairo_set_source_rgb (cr, 0.08, 0.08, 0.08);
      cairo_move_to (cr, text_x, doc->y + PAD_Y);
      pango_cairo_show_layout (cr, layouts[c]);
      x += table->widths[c];
    }
  cairo_restore (cr);
  doc->y += height;
}

static void
free_layouts (PangoLayout **layouts, guint n)
{
  for (guint i = 0; i < n; i++)
    g_clear_object (&layouts[i]);
}

/* Height of row @r, and of the row after it when @r is a group heading (kept together). */
static double
row_height (PdxReportDoc *doc, PdxReportTable *table, guint r, PangoLayout **scratch)
{
  TableRow *row = g_ptr_array_index (table->rows, r);
  double    height = layout_row (doc, table, row, scratch);

  free_layouts (scratch, table->n_columns);
  if (row->group && r + 1 < table->rows->len)
    {
      height += layout_row (doc, table, g_ptr_array_index (table->rows, r + 1), scratch);
      free_layouts (scratch, table->n_columns);
    }
  return height;
}

/* A group heading repeated at the top of a page that continues its group. */
static void
draw_continued_group (PdxReportDoc   *doc,
                      PdxReportTable *table,
                      TableRow       *group,
                      PangoLayout   **cells)
{
  g_autofree char *text = g_strdup_printf (
      /* Translators: a table group (an arm) continued on a new page. */ _ ("%s (continued)"),
      group->cells[0]);
  TableRow continued = { .cells = (char *[]){ text, NULL },
                         .swatch = group->swatch,
                         .group = TRUE };
  double   height = layout_row (doc, table, &continued, cells);

  draw_row (doc, table, &continued, cells, height, FALSE);
  free_layouts (cells, table->n_columns);
}

void
pdx_report_doc_table (PdxReportDoc *doc, PdxReportTable *table)
{
  g_autofree PangoLayout **header = g_new0 (PangoLayout *, table->n_columns);
  g_autofree PangoLayout **cells = g_new0 (PangoLayout *, table->n_columns);
  TableRow                *group = NULL;
  double                   header_height;
  guint                    shade = 0;

  fit_columns (doc, table);
  header_height = layout_row (doc, table, NULL, header);
  pdx_report_doc_need (doc,
                       header_height + (table->rows->len ? row_height (doc, table, 0, cells) : 0));
  draw_row (doc, table, NULL, header, header_height, FALSE);
  for (guint r = 0; r < table->rows->len; r++)
    {
      TableRow *row = g_ptr_array_index (table->rows, r);

      if (doc->y + row_height (doc, table, r, cells) > doc->bottom)
        {
          pdx_report_doc_new_page (doc);
          draw_row (doc, table, NULL, header, header_height, FALSE);
          if (group && !row->group)
            draw_continued_group (doc, table, group, cells);
        }
      if (row->group)
        group = row, shade = 0;
      draw_row (doc, table, row, cells, layout_row (doc, table, row, cells), shade++ % 2 == 1);
      free_layouts (cells, table->n_columns);
    }
  cairo_save (doc->cr);
  fill_rect (doc->cr, doc->left, doc->y, doc->width, 0.8, 0.25);
  cairo_restore (doc->cr);
  free_layouts (header, table->n_columns);
  doc->y += 8;
}
