/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-report-layout.c — the report's flow layout: pages, title, headings, paragraphs, fields,
 * figures.
 *
 * Each page is a cairo recording surface; pdx_report_doc_write_pdf() replays them onto a PDF
 * surface and adds the footer, now that the page count is known. All text goes through one
 * PangoContext at 72 dpi, so that Pango units map to points, with metric hinting off (PDF output).
 */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx-report-private.h"

#include <math.h>
#include <string.h>

#include <cairo-pdf.h>
#include <gio/gio.h>
#include <pango/pangocairo.h>

#include "pdx/pdx-format.h"
#include "pdx/pdx-output.h"

/* A4 (portrait unless set landscape), 2 cm side margins; the footer sits inside the bottom
 * margin. */
#define A4_SHORT 595.28
#define A4_LONG 841.89
#define MARGIN_X 56.0
#define MARGIN_TOP 54.0
#define MARGIN_BOTTOM 66.0
#define FONT_FAMILY "DejaVu Sans"

static void draw_footer (PdxReportDoc *doc, cairo_t *cr, guint page, guint n_pages);

/* Starts a page unless one is open: recorded (kept until pdx_report_doc_write_pdf), counted
 * (drawn onto a scratch recording dropped with the page) or streamed (drawn into the PDF). */
static void
ensure_page (PdxReportDoc *doc)
{
  cairo_rectangle_t extents = { 0, 0, doc->page_width, doc->page_height };
  cairo_surface_t  *page;

  if (doc->cr)
    return;
  if (doc->pdf != NULL)
    doc->cr = cairo_create (doc->pdf);
  else
    {
      page = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &extents);
      doc->cr = cairo_create (page);
      if (doc->counting)
        cairo_surface_destroy (page);
      else
        g_ptr_array_add (doc->pages, page);
    }
  doc->n_pages++;
  doc->y = MARGIN_TOP;
}

/* Ends the open page; a streamed one gets its footer and goes out to the PDF. */
static void
end_page (PdxReportDoc *doc)
{
  if (doc->cr != NULL && doc->pdf != NULL)
    {
      draw_footer (doc, doc->cr, doc->n_pages, doc->stream_pages);
      cairo_show_page (doc->cr);
    }
  g_clear_pointer (&doc->cr, cairo_destroy);
}

void
pdx_report_doc_set_landscape (PdxReportDoc *doc)
{
  g_return_if_fail (doc->cr == NULL && doc->n_pages == 0);
  doc->page_width = A4_LONG;
  doc->page_height = A4_SHORT;
  doc->width = doc->page_width - 2 * MARGIN_X;
  doc->bottom = doc->page_height - MARGIN_BOTTOM;
}

double
pdx_report_doc_get_top (PdxReportDoc *doc)
{
  return MARGIN_TOP;
}

void
pdx_report_doc_set_footer_note (PdxReportDoc *doc, const char *note)
{
  g_free (doc->footer_note);
  doc->footer_note = g_strdup (note);
}

/* The seal in full on every page (issue 12, "Seals outside the file"); the number grouped for
 * people. */
void
pdx_report_doc_set_seal (PdxReportDoc *doc, gint64 seq, const char *hash)
{
  g_autofree char *number = pdx_format_count ((guint64) seq);
  g_autofree char *note = NULL;

  /* Translators: the audit log's newest entry number, then its SHA-256 (64 hex digits). */
  note = g_strdup_printf (_ ("Audit seal: entry %s, SHA-256 %s"), number, hash);
  pdx_report_doc_set_footer_note (doc, note);
}

void
pdx_report_doc_new_page (PdxReportDoc *doc)
{
  end_page (doc);
  ensure_page (doc);
}

/* Ensures @height points fit below the cursor (when the page is not empty), else starts a page. */
void
pdx_report_doc_need (PdxReportDoc *doc, double height)
{
  ensure_page (doc);
  if (doc->y > MARGIN_TOP + 0.5 && doc->y + height > doc->bottom)
    pdx_report_doc_new_page (doc);
}

PdxReportDoc *
pdx_report_doc_new (const char *footer_left, const char *footer_center)
{
  PdxReportDoc         *doc = g_new0 (PdxReportDoc, 1);
  cairo_font_options_t *options = cairo_font_options_create ();

  doc->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) cairo_surface_destroy);
  doc->footer_left = g_strdup (footer_left);
  doc->footer_center = g_strdup (footer_center);
  doc->page_width = A4_SHORT;
  doc->page_height = A4_LONG;
  doc->left = MARGIN_X;
  doc->width = doc->page_width - 2 * MARGIN_X;
  doc->bottom = doc->page_height - MARGIN_BOTTOM;
  doc->pango = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  pango_cairo_context_set_resolution (doc->pango, 72.0);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (doc->pango, options);
  cairo_font_options_destroy (options);
  return doc;
}

void
pdx_report_doc_free (PdxReportDoc *doc)
{
  if (doc == NULL)
    return;
  g_clear_pointer (&doc->cr, cairo_destroy);
  g_clear_pointer (&doc->pdf, cairo_surface_destroy);
  g_ptr_array_unref (doc->pages);
  g_object_unref (doc->pango);
  g_free (doc->footer_left);
  g_free (doc->footer_center);
  g_free (doc->footer_note);
  g_free (doc);
}

double
pdx_report_doc_get_content_width (PdxReportDoc *doc)
{
  return doc->width;
}

double
pdx_report_doc_get_space_left (PdxReportDoc *doc)
{
  ensure_page (doc);
  return doc->bottom - doc->y;
}

guint
pdx_report_doc_get_n_pages (PdxReportDoc *doc)
{
  return doc->n_pages;
}

/* A layout of @markup in @size points, wrapped at @width points (<= 0: no wrapping). */
PangoLayout *
pdx_report_doc_layout (
    PdxReportDoc *doc, const char *markup, double size, gboolean bold, double width)
{
  PangoLayout          *layout = pango_layout_new (doc->pango);
  PangoFontDescription *font = pango_font_description_from_string (FONT_FAMILY);

  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_markup (layout, markup ? markup : "", -1);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  return layout;
}

/* The same for plain text. */
PangoLayout *
pdx_report_doc_text_layout (
    PdxReportDoc *doc, const char *text, double size, gboolean bold, double width)
{
  g_autofree char *markup = g_markup_escape_text (text ? text : "", -1);
  return pdx_report_doc_layout (doc, markup, size, bold, width);
}

double
pdx_report_layout_height (PangoLayout *layout)
{
  int width, height;
  pango_layout_get_size (layout, &width, &height);
  return (double) height / PANGO_SCALE;
}

double
pdx_report_layout_width (PangoLayout *layout)
{
  int width, height;
  pango_layout_get_size (layout, &width, &height);
  return (double) width / PANGO_SCALE;
}

void
pdx_report_doc_show (PdxReportDoc *doc, PangoLayout *layout, double x, double y, double grey)
{
  cairo_save (doc->cr);
  cairo_set_source_rgb (doc->cr, grey, grey, grey);
  cairo_move_to (doc->cr, x, y);
  pango_cairo_show_layout (doc->cr, layout);
  cairo_restore (doc->cr);
}

void
pdx_report_doc_title (PdxReportDoc *doc, const char *title, const char *subtitle)
{
  g_autoptr (PangoLayout) big = pdx_report_doc_text_layout (doc, title, 20, TRUE, doc->width);

  ensure_page (doc);
  pdx_report_doc_show (doc, big, doc->left, doc->y, 0.1);
  doc->y += pdx_report_layout_height (big) + 2;
  if (subtitle && *subtitle)
    {
      g_autoptr (PangoLayout) small =
          pdx_report_doc_text_layout (doc, subtitle, 12.5, FALSE, doc->width);
      pdx_report_doc_show (doc, small, doc->left, doc->y, 0.3);
      doc->y += pdx_report_layout_height (small);
    }
  doc->y += 6;
  cairo_save (doc->cr);
  cairo_set_source_rgb (doc->cr, 0.0, 0.447, 0.698);
  cairo_rectangle (doc->cr, doc->left, doc->y, doc->width, 1.5);
  cairo_fill (doc->cr);
  cairo_restore (doc->cr);
  doc->y += 12;
}

void
pdx_report_doc_heading (PdxReportDoc *doc, const char *text, double keep_with_next)
{
  g_autoptr (PangoLayout) layout = pdx_report_doc_text_layout (doc, text, 13, TRUE, doc->width);
  double height = pdx_report_layout_height (layout);

  pdx_report_doc_need (doc, 10 + height + 6 + (keep_with_next > 0 ? keep_with_next : 60));
  if (doc->y > MARGIN_TOP + 0.5)
    doc->y += 10;
  pdx_report_doc_show (doc, layout, doc->left, doc->y, 0.0);
  doc->y += height + 2;
  cairo_save (doc->cr);
  cairo_set_source_rgb (doc->cr, 0.75, 0.75, 0.75);
  cairo_rectangle (doc->cr, doc->left, doc->y, doc->width, 0.6);
  cairo_fill (doc->cr);
  cairo_restore (doc->cr);
  doc->y += 6;
}

void
pdx_report_doc_skip (PdxReportDoc *doc, double points)
{
  ensure_page (doc);
  doc->y = MIN (doc->y + points, doc->bottom);
}

/* Draws the lines of @layout at x = @x one by one, starting a new page whenever the next line
 * does not fit. */
void
pdx_report_doc_flow_layout (PdxReportDoc *doc, PangoLayout *layout, double x, double grey)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  double           origin, offset = 0; /* page y where layout y @offset is drawn */

  /* A paragraph of up to four lines is never split: it moves to the next page whole. */
  if (pango_layout_get_line_count (layout) <= 4)
    pdx_report_doc_need (doc, pdx_report_layout_height (layout));
  ensure_page (doc);
  origin = doc->y;
  do
    {
      PangoRectangle logical;
      double         top, bottom, baseline;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      top = (double) logical.y / PANGO_SCALE;
      bottom = top + (double) logical.height / PANGO_SCALE;
      baseline = (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;
      if (origin + bottom - offset > doc->bottom && origin + top - offset > MARGIN_TOP + 0.5)
        {
          pdx_report_doc_new_page (doc);
          origin = doc->y;
          offset = top;
        }
      cairo_save (doc->cr);
      cairo_set_source_rgb (doc->cr, grey, grey, grey);
      cairo_move_to (doc->cr, x + (double) logical.x / PANGO_SCALE, origin + baseline - offset);
      pango_cairo_show_layout_line (doc->cr, pango_layout_iter_get_line_readonly (iter));
      cairo_restore (doc->cr);
    }
  while (pango_layout_iter_next_line (iter));
  doc->y = origin + pdx_report_layout_height (layout) - offset;
  pango_layout_iter_free (iter);
}

void
pdx_report_doc_paragraph (PdxReportDoc *doc, const char *markup, gboolean small)
{
  g_autoptr (PangoLayout) layout =
      pdx_report_doc_layout (doc, markup, small ? 8 : 9.5, FALSE, doc->width);
  pango_layout_set_spacing (layout, (int) (1.5 * PANGO_SCALE));
  pdx_report_doc_flow_layout (doc, layout, doc->left, small ? 0.35 : 0.1);
  doc->y += small ? 4 : 6;
}

void
pdx_report_doc_fields (PdxReportDoc *doc, const char *const *pairs, guint n_pairs)
{
  const double label_width = 92, gap = 14;
  double       column_width = (doc->width - gap) / 2;
  guint        n_rows = (n_pairs + 1) / 2;

  ensure_page (doc);
  for (guint row = 0; row < n_rows; row++)
    {
      PangoLayout *layouts[4] = { NULL };
      double       height = 0;

      for (guint side = 0; side < 2; side++)
        {
          guint       pair = row + side * n_rows;
          const char *value;
          if (pair >= n_pairs)
            continue;
          value = pairs[2 * pair + 1];
          layouts[2 * side] =
              pdx_report_doc_text_layout (doc, pairs[2 * pair], 8.5, TRUE, label_width - 4);
          layouts[2 * side + 1] = pdx_report_doc_text_layout (
              doc, value && *value ? value : "–", 8.5, FALSE, column_width - label_width);
          height = MAX (height, pdx_report_layout_height (layouts[2 * side]));
          height = MAX (height, pdx_report_layout_height (layouts[2 * side + 1]));
        }
      pdx_report_doc_need (doc, height + 3);
      for (guint side = 0; side < 2; side++)
        {
          double x = doc->left + side * (column_width + gap);
          if (layouts[2 * side] == NULL)
            continue;
          pdx_report_doc_show (doc, layouts[2 * side], x, doc->y, 0.35);
          pdx_report_doc_show (doc, layouts[2 * side + 1], x + label_width, doc->y, 0.05);
        }
      doc->y += height + 3;
      for (guint i = 0; i < 4; i++)
        g_clear_object (&layouts[i]);
    }
  doc->y += 4;
}

gboolean
pdx_report_doc_figure (PdxReportDoc     *doc,
                       double            height,
                       const char       *caption_markup,
                       PdxReportDrawFunc draw,
                       gpointer          user_data,
                       GError          **error)
{
  g_autoptr (PangoLayout) caption = NULL;
  double   caption_height = 0;
  gboolean ok;

  if (caption_markup)
    {
      caption = pdx_report_doc_layout (doc, caption_markup, 8, FALSE, doc->width);
      caption_height = pdx_report_layout_height (caption) + 4;
    }
  height = MIN (height, doc->bottom - MARGIN_TOP - caption_height - 8);
  pdx_report_doc_need (doc, height + caption_height + 8);
  cairo_save (doc->cr);
  cairo_translate (doc->cr, doc->left, doc->y);
  cairo_rectangle (doc->cr, 0, 0, doc->width, height);
  cairo_clip (doc->cr);
  ok = draw (doc->cr, doc->width, height, user_data, error);
  cairo_restore (doc->cr);
  if (!ok)
    return FALSE;
  if (cairo_status (doc->cr) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _ ("cannot draw figure: %s"),
                   cairo_status_to_string (cairo_status (doc->cr)));
      return FALSE;
    }
  doc->y += height + 4;
  if (caption)
    {
      pdx_report_doc_show (doc, caption, doc->left, doc->y, 0.3);
      doc->y += caption_height;
    }
  doc->y += 8;
  return TRUE;
}

static void
draw_footer (PdxReportDoc *doc, cairo_t *cr, guint page, guint n_pages)
{
  g_autofree char *number = g_strdup_printf (_ ("Page %u of %u"), page, n_pages);
  g_autoptr (PangoLayout) left = pdx_report_doc_text_layout (doc, doc->footer_left, 7.5, FALSE, 0);
  g_autoptr (PangoLayout) center =
      pdx_report_doc_text_layout (doc, doc->footer_center, 7.5, FALSE, 0);
  g_autoptr (PangoLayout) right = pdx_report_doc_text_layout (doc, number, 7.5, FALSE, 0);
  double y = doc->page_height - MARGIN_BOTTOM + 22;

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0.7, 0.7, 0.7);
  cairo_rectangle (cr, MARGIN_X, y - 5, doc->page_width - 2 * MARGIN_X, 0.5);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
  cairo_move_to (cr, MARGIN_X, y);
  pango_cairo_show_layout (cr, left);
  cairo_move_to (cr, (doc->page_width - pdx_report_layout_width (center)) / 2, y);
  pango_cairo_show_layout (cr, center);
  cairo_move_to (cr, doc->page_width - MARGIN_X - pdx_report_layout_width (right), y);
  pango_cairo_show_layout (cr, right);
  if (doc->footer_note != NULL)
    {
      g_autoptr (PangoLayout) note =
          pdx_report_doc_text_layout (doc, doc->footer_note, 6.5, FALSE, 0);

      cairo_move_to (cr, MARGIN_X, y + 11);
      pango_cairo_show_layout (cr, note);
    }
  cairo_restore (cr);
}

/* Replays the recorded pages onto a PDF surface writing through @output. A cairo failure is
 * recorded on @output (a failed write already is, with its errno), so that commit refuses. */
static cairo_surface_t *
create_pdf (PdxReportDoc *doc, PdxOutput *output, const char *title, const char *subject)
{
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (
      pdx_output_cairo_write, output, doc->page_width, doc->page_height);

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title ? title : "");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, subject ? subject : "");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "pdxtrack");
  return surface;
}

/* Finishes @surface (drawn with @cr, which is destroyed) and records a cairo failure on
 * @output. */
static void
finish_pdf (cairo_t *cr, cairo_surface_t *surface, PdxOutput *output)
{
  cairo_status_t status = cr ? cairo_status (cr) : CAIRO_STATUS_SUCCESS;

  if (cr)
    cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    pdx_output_fail (output, cairo_status_to_string (status));
}

static void
render_pdf (PdxReportDoc *doc, PdxOutput *output, const char *title, const char *subject)
{
  cairo_surface_t *surface = create_pdf (doc, output, title, subject);
  cairo_t         *cr = cairo_create (surface);

  for (guint i = 0; i < doc->pages->len; i++)
    {
      cairo_set_source_surface (cr, g_ptr_array_index (doc->pages, i), 0, 0);
      cairo_paint (cr);
      draw_footer (doc, cr, i + 1, doc->pages->len);
      cairo_show_page (cr);
    }
  finish_pdf (cr, surface, output);
  cairo_surface_destroy (surface);
}

gboolean
pdx_report_doc_write_pdf (
    PdxReportDoc *doc, const char *path, const char *title, const char *subject, GError **error)
{
  g_autoptr (PdxOutput) output = NULL;

  g_clear_pointer (&doc->cr, cairo_destroy);
  output = pdx_output_begin (path, PDX_OUTPUT_REPLACE, error);
  if (output == NULL)
    return FALSE;
  render_pdf (doc, output, title, subject);
  return pdx_output_commit (output, error);
}

/* See pdx-report-private.h. The first pass counts pages on scratch recordings, the second
 * draws into the PDF with "Page X of Y" known; a second pass that ends on another number of
 * pages (the lab changed between the passes) is refused, nothing written. */
gboolean
pdx_report_doc_stream_pdf (PdxReportDoc      *doc,
                           const char        *path,
                           const char        *title,
                           const char        *subject,
                           PdxReportBuildFunc build,
                           gpointer           user_data,
                           GError           **error)
{
  g_autoptr (PdxOutput) output = NULL;
  gboolean ok;

  g_return_val_if_fail (doc->n_pages == 0 && doc->cr == NULL, FALSE);
  doc->counting = TRUE;
  ok = build (doc, FALSE, user_data, error);
  g_clear_pointer (&doc->cr, cairo_destroy);
  doc->counting = FALSE;
  if (!ok)
    return FALSE;
  if ((output = pdx_output_begin (path, PDX_OUTPUT_REPLACE, error)) == NULL)
    return FALSE;
  doc->stream_pages = MAX (doc->n_pages, 1);
  doc->n_pages = 0;
  doc->pdf = create_pdf (doc, output, title, subject);
  ok = build (doc, TRUE, user_data, error);
  if (ok)
    ensure_page (doc); /* an empty flow is one page, with its footer */
  if (ok && doc->n_pages != doc->stream_pages)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _ ("cannot write %s: the lab changed while it was being written; try again"),
                   path);
      ok = FALSE;
    }
  if (ok)
    end_page (doc);
  g_clear_pointer (&doc->cr, cairo_destroy);
  finish_pdf (NULL, doc->pdf, output);
  g_clear_pointer (&doc->pdf, cairo_surface_destroy);
  return ok && pdx_output_commit (output, error);
}
