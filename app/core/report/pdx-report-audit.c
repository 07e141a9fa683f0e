/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-report-audit.c — the audit trail on paper for an inspector (`audit export --out FILE.pdf`):
 * landscape A4, one block per entry with one row per changed field in the CSV's columns, long
 * values wrapped, never cut; a header naming the lab, the selection and when it was made; the
 * seal and "Page N of M" on every page (the report's footer). Streamed through
 * pdx_report_doc_stream_pdf, a page of entries read at a time: the whole trail of a big lab
 * (400,000 entries) never sits in memory.
 *
 * The listing is the trail up to the seal read when it starts (entries with id <= the seal's):
 * what a later commit adds is not in it, so the seal on its pages describes exactly what it
 * lists. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx-report-private.h"

#include <string.h>

#include <pango/pangocairo.h>

#include "pdx/pdx-audit.h"
#include "pdx/pdx-format.h"
#include "pdx/pdx-report.h"
#include "pdx/pdx-wording.h"

/* Entries read per page of the query. */
#define PAGE_SIZE 2000
#define CELL_SIZE 6.8
#define PAD_X 2.4
#define PAD_Y 1.6
/* The hash as printed: its first digits, enough to find it in the CSV (which has all 64). */
#define HASH_DIGITS 12

enum
{
  C_SEQ,
  C_TIME,
  C_OPERATOR,
  C_ACTION,
  C_TABLE,
  C_RECORD,
  C_STUDY,
  C_MOUSE,
  C_FIELD,
  C_CHANGE,
  C_REASON,
  C_HASH,
  N_COLUMNS
};

/* The CSV's columns, time_utc shown in local time and old, new as one "old → new"; relative
 * widths (scaled to the text column). */
static const struct
{
  const char *title;
  double      width;
} columns[N_COLUMNS] = {
  { N_ ("Seq."), 34 },  { N_ ("Time"), 62 },       { N_ ("Operator"), 70 }, { N_ ("Action"), 34 },
  { N_ ("Table"), 54 }, { N_ ("Record"), 32 },     { N_ ("Study"), 50 },    { N_ ("Mouse"), 40 },
  { N_ ("Field"), 64 }, { N_ ("Old → new"), 150 }, { N_ ("Reason"), 80 },   { N_ ("Hash"), 60 },
};

typedef struct
{
  PdxDb                *db;
  const PdxAuditFilter *filter;
  PdxAuditSeal          seal;
  gint64                n_entries;         /* what the listing holds (counted before) */
  const char           *lab;               /* the lab file's absolute path */
  const char           *selection;         /* the filter in words */
  const char           *produced;          /* when, local time with the zone */
  double                x[N_COLUMNS + 1];  /* column edges */
  PangoLayout          *cells[N_COLUMNS];  /* one per column, its text set per cell */
  GHashTable           *shaped[N_COLUMNS]; /* text → its layout, for the columns that repeat */
  PangoLayout          *titles[N_COLUMNS];
  double                title_height;
  double                line_height[2]; /* of one and two lines of CELL_SIZE text */
  gsize                 fit[N_COLUMNS]; /* characters of is_plain_short sure to fit a line */
  gboolean              drawing;
} Listing;

/* Columns whose values repeat from row to row (names, words): their layouts are kept by text,
 * so that each value is shaped once rather than once per row (shaping is most of the cost). */
static const gboolean repeats[N_COLUMNS] = {
  [C_OPERATOR] = TRUE, [C_ACTION] = TRUE, [C_TABLE] = TRUE,  [C_STUDY] = TRUE,
  [C_MOUSE] = TRUE,    [C_FIELD] = TRUE,  [C_REASON] = TRUE,
};
/* The most layouts kept per column; a column with more values starts again. */
#define SHAPED_MAX 4096

/* One row of an entry's block: its cells, NULL for empty. */
typedef struct
{
  const char *cells[N_COLUMNS];
  char       *change; /* owned "old → new" */
  double      height;
} Row;

static void
listing_clear (Listing *l)
{
  for (guint c = 0; c < N_COLUMNS; c++)
    {
      g_clear_object (&l->cells[c]);
      g_clear_object (&l->titles[c]);
      g_clear_pointer (&l->shaped[c], g_hash_table_unref);
    }
}

static void
listing_init_layouts (Listing *l, PdxReportDoc *doc)
{
  double scale = 0, x = doc->left, widest = 0;

  for (guint c = 0; c < N_COLUMNS; c++)
    scale += columns[c].width;
  scale = pdx_report_doc_get_content_width (doc) / scale;
  for (guint c = 0; c < N_COLUMNS; c++)
    {
      double inner = columns[c].width * scale - 2 * PAD_X;

      l->x[c] = x;
      x += columns[c].width * scale;
      l->cells[c] = pdx_report_doc_text_layout (doc, "", CELL_SIZE, FALSE, inner);
      l->titles[c] = pdx_report_doc_text_layout (doc, _ (columns[c].title), CELL_SIZE, TRUE, inner);
      l->title_height = MAX (l->title_height, pdx_report_layout_height (l->titles[c]));
      if (repeats[c])
        l->shaped[c] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
    }
  l->x[N_COLUMNS] = x;
  {
    PangoFontDescription *mono = pango_font_description_from_string ("DejaVu Sans Mono 6.5");
    pango_layout_set_font_description (l->cells[C_HASH], mono);
    pango_font_description_free (mono);
  }
  pango_layout_set_text (l->cells[C_SEQ], "Ag", -1);
  l->line_height[0] = pdx_report_layout_height (l->cells[C_SEQ]);
  pango_layout_set_text (l->cells[C_SEQ], "Ag\nAg", -1);
  l->line_height[1] = pdx_report_layout_height (l->cells[C_SEQ]);
  /* the widest of the characters is_plain_short accepts: printable ASCII, "—" and "→" */
  for (int ch = ' '; ch <= '~' + 2; ch++)
    {
      char one[2] = { (char) ch, '\0' };

      pango_layout_set_text (l->cells[C_SEQ], ch <= '~' ? one : ch == '~' + 1 ? "—" : "→", -1);
      widest = MAX (widest, pdx_report_layout_width (l->cells[C_SEQ]));
    }
  for (guint c = 0; c < N_COLUMNS; c++)
    l->fit[c] = (gsize) ((l->x[c + 1] - l->x[c] - 2 * PAD_X) / (widest * 1.05));
}

/* @text (not empty) laid out in column @c: a kept layout for a column that repeats. Borrowed,
 * valid until the next call for the column. */
static PangoLayout *
cell_layout (Listing *l, guint c, const char *text)
{
  PangoLayout *layout;

  if (!repeats[c])
    {
      pango_layout_set_text (l->cells[c], text, -1);
      return l->cells[c];
    }
  if ((layout = g_hash_table_lookup (l->shaped[c], text)) != NULL)
    return layout;
  if (g_hash_table_size (l->shaped[c]) >= SHAPED_MAX)
    g_hash_table_remove_all (l->shaped[c]);
  layout = pango_layout_copy (l->cells[c]);
  pango_layout_set_text (layout, text, -1);
  g_hash_table_insert (l->shaped[c], g_strdup (text), layout);
  return layout;
}

/* Whether @text is lines of plain ASCII, "—" and "→" (most cells: numbers, names, times,
 * "21.0 → 20.5"), each of at most @fit characters; their count in *@n_lines. */
static gboolean
is_plain_short (const char *text, gsize fit, guint *n_lines)
{
  gsize n = 0;

  *n_lines = 1;
  for (const char *p = text; *p; p++)
    if (*p == '\n')
      (*n_lines)++, n = 0;
    else if (((guchar) *p >= ' ' && (guchar) *p <= '~') || strncmp (p, "—", 3) == 0 ||
             strncmp (p, "→", 3) == 0)
      {
        if (++n > fit)
          return FALSE;
        if ((guchar) *p > '~')
          p += 2;
      }
    else
      return FALSE;
  return TRUE;
}

/* The height of @text in column @c. Plain text whose lines are short enough that even the
 * widest characters fit (one or two lines) is measured without shaping it; everything else is
 * laid out. */
static double
cell_height (Listing *l, guint c, const char *text)
{
  guint n_lines;

  if (text == NULL || *text == '\0')
    return 0;
  if (c != C_HASH && is_plain_short (text, l->fit[c], &n_lines) && n_lines <= 2)
    return l->line_height[n_lines - 1];
  return pdx_report_layout_height (cell_layout (l, c, text));
}

static double
row_height (Listing *l, const Row *row)
{
  double height = 0;

  for (guint c = 0; c < N_COLUMNS; c++)
    height = MAX (height, cell_height (l, c, row->cells[c]));
  return height + 2 * PAD_Y;
}

/* Draws a row's cells (@texts), or the column titles when @texts is NULL. */
static void
draw_cells (Listing *l, PdxReportDoc *doc, const char *const *texts)
{
  for (guint c = 0; c < N_COLUMNS; c++)
    {
      if (texts != NULL && (texts[c] == NULL || *texts[c] == '\0'))
        continue;
      cairo_move_to (doc->cr, l->x[c] + PAD_X, doc->y + PAD_Y);
      pango_cairo_show_layout (doc->cr, texts ? cell_layout (l, c, texts[c]) : l->titles[c]);
    }
}

/* The column titles at the top of the table on each page. */
static void
draw_titles (Listing *l, PdxReportDoc *doc)
{
  double height = l->title_height + 2 * PAD_Y;

  if (l->drawing)
    {
      cairo_save (doc->cr);
      cairo_set_source_rgb (doc->cr, 0.90, 0.90, 0.90);
      cairo_rectangle (doc->cr, doc->left, doc->y, l->x[N_COLUMNS] - doc->left, height);
      cairo_fill (doc->cr);
      cairo_set_source_rgb (doc->cr, 0.08, 0.08, 0.08);
      draw_cells (l, doc, NULL);
      cairo_restore (doc->cr);
    }
  doc->y += height;
}

static void
new_page (Listing *l, PdxReportDoc *doc)
{
  pdx_report_doc_new_page (doc);
  draw_titles (l, doc);
}

static void
draw_row (Listing *l, PdxReportDoc *doc, const Row *row, gboolean first, gboolean shaded)
{
  if (l->drawing)
    {
      cairo_save (doc->cr);
      if (shaded)
        {
          cairo_set_source_rgb (doc->cr, 0.965, 0.965, 0.965);
          cairo_rectangle (doc->cr, doc->left, doc->y, l->x[N_COLUMNS] - doc->left, row->height);
          cairo_fill (doc->cr);
        }
      if (first)
        {
          cairo_set_source_rgb (doc->cr, 0.7, 0.7, 0.7);
          cairo_rectangle (doc->cr, doc->left, doc->y, l->x[N_COLUMNS] - doc->left, 0.4);
          cairo_fill (doc->cr);
        }
      cairo_set_source_rgb (doc->cr, 0.08, 0.08, 0.08);
      draw_cells (l, doc, row->cells);
      cairo_restore (doc->cr);
    }
  doc->y += row->height;
}

/* The "old → new" of a field; "—" for a side with no value. Owned. */
static char *
format_change (const char *old_value, const char *new_value)
{
  return g_strdup_printf ("%s → %s", old_value ? old_value : "—", new_value ? new_value : "—");
}

/* @entry's rows: one per changed field, or one with the raw values when it has none (values not
 * flat JSON, a migration's note). The entry's own cells (@entry_cells, borrowed from @entry
 * and the strings given) are on the first row only. */
static GArray *
entry_rows (const PdxAuditEntry *entry, const char *const *entry_cells)
{
  GArray *rows = g_array_new (FALSE, TRUE, sizeof (Row));

  for (guint i = 0; entry->fields != NULL && i < entry->fields->len; i++)
    {
      const PdxAuditField *field = g_ptr_array_index (entry->fields, i);
      Row                  row = { 0 };

      if (!pdx_audit_field_is_change (entry, field))
        continue;
      row.cells[C_FIELD] = field->key;
      row.change = format_change (field->old_value, field->new_value);
      g_array_append_val (rows, row);
    }
  if (rows->len == 0)
    {
      Row row = { 0 };

      if (entry->fields == NULL && (entry->old_values != NULL || entry->new_values != NULL))
        row.change = format_change (entry->old_values, entry->new_values);
      g_array_append_val (rows, row);
    }
  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = &g_array_index (rows, Row, i);

      row->cells[C_CHANGE] = row->change;
      if (i == 0)
        for (guint c = 0; c < N_COLUMNS; c++)
          if (c != C_FIELD && c != C_CHANGE)
            row->cells[c] = entry_cells[c];
    }
  return rows;
}

static void
rows_free (GArray *rows)
{
  for (guint i = 0; i < rows->len; i++)
    g_free (g_array_index (rows, Row, i).change);
  g_array_unref (rows);
}

/* The entry's local time with its zone, the date on one line and the time on the next ("3 Dec
 * 2026" / "15:02:07 CET"): the column is narrow. Owned. */
static char *
time_on_two_lines (const char *iso_utc)
{
  char *text = pdx_format_audit_time (iso_utc);
  char *colon = strchr (text, ':');
  char *space = colon ? g_utf8_strrchr (text, colon - text, ' ') : NULL;

  if (space != NULL)
    *space = '\n';
  return text;
}

/* Places @entry's block: whole on the next page when it does not fit here but fits a page;
 * else broken between rows, the entry's cells repeated on the row that opens a page. */
static void
add_entry (Listing *l, PdxReportDoc *doc, const PdxAuditEntry *entry, guint n)
{
  g_autofree char *seq = g_strdup_printf ("%" G_GINT64_FORMAT, entry->id);
  g_autofree char *record = g_strdup_printf ("%" G_GINT64_FORMAT, entry->row_id);
  g_autofree char *when = time_on_two_lines (entry->time);
  g_autofree char *who = pdx_audit_format_operator (entry);
  g_autofree char *hash = entry->hash ? g_strdup_printf ("%.*s…", HASH_DIGITS, entry->hash) : NULL;
  const char      *entry_cells[N_COLUMNS] = {
         [C_SEQ] = seq,
         [C_TIME] = when,
         [C_OPERATOR] = who,
         [C_ACTION] = entry->action,
         [C_TABLE] = entry->table_name,
         [C_RECORD] = record,
         [C_STUDY] = entry->study_code,
         [C_MOUSE] = entry->mouse_tag,
         [C_REASON] = entry->reason,
         [C_HASH] = hash,
  };
  GArray *rows = entry_rows (entry, entry_cells);
  double  block = 0, page_room = doc->bottom - pdx_report_doc_get_top (doc) - l->title_height;

  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = &g_array_index (rows, Row, i);
      row->height = row_height (l, row);
      block += row->height;
    }
  if (doc->y + block > doc->bottom && block <= page_room)
    new_page (l, doc);
  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = &g_array_index (rows, Row, i);

      if (doc->y + row->height > doc->bottom)
        {
          new_page (l, doc);
          for (guint c = 0; c < N_COLUMNS; c++)
            if (c != C_FIELD && c != C_CHANGE)
              row->cells[c] = entry_cells[c];
          row->height = row_height (l, row);
        }
      draw_row (l, doc, row, i == 0, n % 2 == 1);
    }
  rows_free (rows);
}

/* The title block: the lab, the selection, when, how many entries up to which seal, and how to
 * read the columns. */
static void
add_header (Listing *l, PdxReportDoc *doc)
{
  g_autofree char *count = pdx_format_count ((guint64) l->n_entries);
  g_autofree char *seal_seq = pdx_format_count ((guint64) l->seal.seq);
  g_autofree char *entries = g_strdup_printf (
      /* Translators: the number of entries listed, then the number of the newest entry. */
      _ ("%s, newest first, up to entry %s (the audit seal below)"), count, seal_seq);
  const char *pairs[] = {
    _ ("Lab"),      l->lab,      _ ("Selection"), l->selection,
    _ ("Produced"), l->produced, _ ("Entries"),   entries,
  };
  g_autofree char *name = g_path_get_basename (l->lab);

  pdx_report_doc_title (doc, _ ("Audit trail"), name);
  pdx_report_doc_fields (doc, pairs, G_N_ELEMENTS (pairs) / 2);
  pdx_report_doc_paragraph (
      doc,
      _ ("One row per changed field: an insert's values, an update's changed values, a "
         "delete's former values. Times are local, with the zone. Hash: the first 12 of the "
         "entry's 64 hexadecimal digits in the hash chain (all of them in the CSV export). "
         "<i>pdxtrack-cli audit verify --seal N:HASH</i> with the seal printed below proves that "
         "no entry up to it was changed or deleted since."),
      TRUE);
  if (l->n_entries == 0)
    pdx_report_doc_paragraph (doc, _ ("No audit entry matches the selection."), FALSE);
}

static gboolean
build_listing (PdxReportDoc *doc, gboolean drawing, gpointer user_data, GError **error)
{
  Listing       *l = user_data;
  PdxAuditFilter page = *l->filter;
  gint64         left = l->n_entries;
  guint          n = 0;

  l->drawing = drawing;
  add_header (l, doc);
  if (left == 0)
    return TRUE;
  pdx_report_doc_need (doc, l->title_height + 2 * PAD_Y + 3 * l->line_height[0]);
  draw_titles (l, doc);
  page.before_id = l->seal.seq + 1;
  while (left > 0)
    {
      g_autoptr (GPtrArray) entries = NULL;

      page.limit = (guint) MIN (left, PAGE_SIZE);
      if ((entries = pdx_audit_list (l->db, &page, error)) == NULL)
        return FALSE;
      for (guint i = 0; i < entries->len; i++)
        add_entry (l, doc, g_ptr_array_index (entries, i), n++);
      left -= entries->len;
      if (entries->len < page.limit)
        break;
      page.before_id = ((PdxAuditEntry *) g_ptr_array_index (entries, entries->len - 1))->id;
    }
  return TRUE;
}

/* @filter in words: "study ICR-031-D · from 2026-01-01 · to 2026-02-01", or "the whole trail". */
static char *
describe_selection (PdxDb *db, const PdxAuditFilter *filter, GError **error)
{
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *words = g_strstrip (g_strdup (filter->text ? filter->text : ""));

  if (filter->study_id != 0)
    {
      g_autoptr (PdxStudy) study = pdx_study_get (db, filter->study_id, error);
      if (study == NULL)
        return NULL;
      g_ptr_array_add (parts, g_strdup_printf (_ ("study %s"), study->code));
    }
  if (filter->mouse_tag != NULL)
    g_ptr_array_add (parts, g_strdup_printf (_ ("mouse %s"), filter->mouse_tag));
  if (filter->operator_name != NULL)
    g_ptr_array_add (parts, g_strdup_printf (_ ("operator %s"), filter->operator_name));
  if (filter->action != NULL)
    g_ptr_array_add (parts, g_strdup_printf (_ ("action %s"), filter->action));
  if (filter->since != NULL)
    g_ptr_array_add (parts, g_strdup_printf (_ ("from %s"), filter->since));
  if (filter->until != NULL)
    g_ptr_array_add (parts, g_strdup_printf (_ ("to %s"), filter->until));
  if (*words != '\0')
    g_ptr_array_add (parts, g_strdup_printf (_ ("search “%s”"), words));
  if (filter->limit != 0)
    g_ptr_array_add (parts, g_strdup_printf (_ ("the newest %u"), filter->limit));
  if (parts->len == 0)
    return g_strdup (_ ("the whole trail"));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

gboolean
pdx_report_write_audit_pdf (PdxDb                *db,
                            const PdxAuditFilter *filter,
                            const char           *path,
                            GError              **error)
{
  PdxAuditFilter none = { 0 }, upto;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (PdxReportDoc) doc = NULL;
  g_autofree char *selection = NULL, *produced = NULL, *footer = NULL, *lab = NULL;
  Listing          l = { .db = db };
  gboolean         ok;

  g_return_val_if_fail (db != NULL && path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  l.filter = filter ? filter : &none;
  if (!pdx_audit_get_seal (db, &l.seal, error) ||
      (selection = describe_selection (db, l.filter, error)) == NULL)
    return FALSE;
  upto = *l.filter;
  if (upto.before_id == 0 || upto.before_id > l.seal.seq + 1)
    upto.before_id = l.seal.seq + 1;
  l.filter = &upto;
  if ((l.n_entries = pdx_audit_count (db, &upto, error)) < 0)
    return FALSE;
  if (upto.limit != 0)
    l.n_entries = MIN (l.n_entries, (gint64) upto.limit);
  produced = pdx_format_date_time (now);
  lab = g_canonicalize_filename (pdx_db_get_path (db), NULL);
  l.lab = lab;
  l.selection = selection;
  l.produced = produced;
  footer = g_strdup_printf ("pdxtrack " PDX_VERSION " · %s", produced);
  doc = pdx_report_doc_new (footer, _ ("Audit trail"));
  pdx_report_doc_set_landscape (doc);
  pdx_report_doc_set_seal (doc, l.seal.seq, l.seal.hash);
  listing_init_layouts (&l, doc);
  ok = pdx_report_doc_stream_pdf (doc, path, _ ("Audit trail"), lab, build_listing, &l, error);
  listing_clear (&l);
  return ok;
}
