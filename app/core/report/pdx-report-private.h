/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-report-private.h — internals of the report and exports: the page layout engine
 * (pdx-report-layout.c, pdx-report-table.c), and the report's sections.
 *
 * A PdxReportDoc is a flow of blocks (headings, paragraphs, key/value blocks, tables, figures) laid
 * out top to bottom on A4 pages (portrait, or landscape). Pages are recorded first and written out
 * at the end, so that every footer can say "Page X of Y"; a flow too long to keep (the audit
 * trail's listing) is laid out twice instead, counting then drawing (pdx_report_doc_stream_pdf).
 * Units are PostScript points (1/72 in). Text is Pango
 * markup where a function says so, plain text (escaped here) everywhere else. */
#pragma once

#include <cairo.h>
#include <glib.h>
#include <pango/pango.h>

#include "pdx/pdx-export.h"

G_BEGIN_DECLS

typedef struct _PdxReportDoc   PdxReportDoc;
typedef struct _PdxReportTable PdxReportTable;

typedef enum
{
  PDX_REPORT_ALIGN_LEFT,
  PDX_REPORT_ALIGN_RIGHT,
  PDX_REPORT_ALIGN_CENTER,
} PdxReportAlign;

/* @footer_left and @footer_center are printed at the bottom of every page, beside "Page X of Y". */
PdxReportDoc *pdx_report_doc_new (const char *footer_left, const char *footer_center);
/* A line printed under the footer of every page (the audit seal); NULL: none. */
void pdx_report_doc_set_footer_note (PdxReportDoc *doc, const char *note);
/* The footer note "Audit seal: entry N, SHA-256 HASH" of @seal (every PDF page carries it). */
void pdx_report_doc_set_seal (PdxReportDoc *doc, gint64 seq, const char *hash);
/* Landscape A4 pages; before the first block only. */
void pdx_report_doc_set_landscape (PdxReportDoc *doc);
/* The y of a page's first block (its top margin). */
double pdx_report_doc_get_top (PdxReportDoc *doc);
void   pdx_report_doc_free (PdxReportDoc *doc);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdxReportDoc, pdx_report_doc_free)

/* Width of the text column (page width minus margins). */
double pdx_report_doc_get_content_width (PdxReportDoc *doc);
/* Room left on the current page below the cursor. */
double pdx_report_doc_get_space_left (PdxReportDoc *doc);
guint  pdx_report_doc_get_n_pages (PdxReportDoc *doc);

/* The title block's first lines: a large title and a smaller subtitle (plain text, may be NULL). */
void pdx_report_doc_title (PdxReportDoc *doc, const char *title, const char *subtitle);
/* A section heading; kept with at least @keep_with_next points of what follows (0: a default). */
void pdx_report_doc_heading (PdxReportDoc *doc, const char *text, double keep_with_next);
/* A wrapped paragraph of Pango markup; breaks across pages between lines. @small: 8 pt grey. */
void pdx_report_doc_paragraph (PdxReportDoc *doc, const char *markup, gboolean small);
/* Label/value pairs (plain text; NULL or empty values print as an en dash), laid out in two
 * label/value columns side by side. @pairs holds 2·@n_pairs strings. */
void pdx_report_doc_fields (PdxReportDoc *doc, const char *const *pairs, guint n_pairs);
/* Vertical space. */
void pdx_report_doc_skip (PdxReportDoc *doc, double points);
void pdx_report_doc_new_page (PdxReportDoc *doc);

/* Draws a figure at (0,0)–(@width,@height) on @cr; returns FALSE with @error on failure. */
typedef gboolean (*PdxReportDrawFunc) (
    cairo_t *cr, double width, double height, gpointer user_data, GError **error);
/* A figure of the full content width and @height points with a caption below (markup, may be
 * NULL); moved to a new page when it does not fit. */
gboolean pdx_report_doc_figure (PdxReportDoc     *doc,
                                double            height,
                                const char       *caption_markup,
                                PdxReportDrawFunc draw,
                                gpointer          user_data,
                                GError          **error);

/* Tables: the header row is repeated at the top of every page the table spans, rows never split.
 * Column widths fit the content: natural widths when they fit the page, else the widest columns
 * wrap. Cells are plain text; NULL prints empty. */
PdxReportTable *pdx_report_table_new (guint n_columns);
void            pdx_report_table_free (PdxReportTable *table);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdxReportTable, pdx_report_table_free)
void pdx_report_table_set_column (PdxReportTable *table,
                                  guint           column,
                                  const char     *title,
                                  PdxReportAlign  align);
/* Appends a row of n_columns cells (copied). @swatch "#rrggbb" draws a colour square before the
 * first cell (an arm's colour), NULL for none. Returns the row index. */
guint
pdx_report_table_add_row (PdxReportTable *table, const char *const *cells, const char *swatch);
/* Appends a group heading (e.g. an arm) that spans the table, kept with the row after it and
 * repeated with "(continued)" when its rows go on over a page break. */
guint pdx_report_table_add_group (PdxReportTable *table, const char *text, const char *swatch);
/* Draws the row in bold (totals, the control arm). */
void  pdx_report_table_set_row_bold (PdxReportTable *table, guint row, gboolean bold);
guint pdx_report_table_get_n_rows (PdxReportTable *table);
void  pdx_report_doc_table (PdxReportDoc *doc, PdxReportTable *table);

/* Writes every page to a PDF at @path whole or not at all (pdx-output.h: a checked temporary
 * file beside it, synced, then renamed over it), with the footer on each page. @title and @subject
 * go into the PDF metadata. */
gboolean pdx_report_doc_write_pdf (
    PdxReportDoc *doc, const char *path, const char *title, const char *subject, GError **error);

/* Lays out the flow of a new @doc by calling @build twice: first with @drawing FALSE, to count
 * the pages (blocks may skip their drawing then, not their layout: the cursor must move the same
 * way both times), then with @drawing TRUE, each page drawn straight into the PDF at @path and
 * ended with its footer. Only one page is ever in memory. Atomic as pdx_report_doc_write_pdf; an
 * error of @build is returned as it is, nothing written. */
typedef gboolean (*PdxReportBuildFunc) (PdxReportDoc *doc,
                                        gboolean      drawing,
                                        gpointer      user_data,
                                        GError      **error);
gboolean pdx_report_doc_stream_pdf (PdxReportDoc      *doc,
                                    const char        *path,
                                    const char        *title,
                                    const char        *subject,
                                    PdxReportBuildFunc build,
                                    gpointer           user_data,
                                    GError           **error);

/* ---- internals shared by pdx-report-layout.c and pdx-report-table.c ---- */

struct _PdxReportDoc
{
  double           page_width, page_height;
  GPtrArray       *pages;    /* of cairo_surface_t* recording surfaces, one per page (recorded) */
  guint            n_pages;  /* pages begun so far */
  gboolean         counting; /* first pass of a stream: pages are dropped as they end */
  cairo_surface_t *pdf;      /* second pass of a stream: the PDF pages are drawn into */
  guint            stream_pages; /* the pages the first pass counted */
  cairo_t         *cr;           /* drawing on the last page; NULL before the first block */
  PangoContext    *pango;        /* 72 dpi: one Pango point is one user unit */
  double           left, width;  /* the text column */
  double           y, bottom;    /* the cursor and the lowest y a block may reach */
  char            *footer_left, *footer_center;
  char            *footer_note; /* under the footer, or NULL */
};

/* Starts a new page unless @height points fit below the cursor (or the page is still empty). */
void pdx_report_doc_need (PdxReportDoc *doc, double height);
/* A layout of Pango @markup / plain @text in @size points, wrapped at @width (<= 0: unwrapped). */
PangoLayout *pdx_report_doc_layout (
    PdxReportDoc *doc, const char *markup, double size, gboolean bold, double width);
PangoLayout *pdx_report_doc_text_layout (
    PdxReportDoc *doc, const char *text, double size, gboolean bold, double width);
double pdx_report_layout_width (PangoLayout *layout);
double pdx_report_layout_height (PangoLayout *layout);
/* Draws @layout with its top-left at (@x, @y) on the current page in grey level @grey. */
void pdx_report_doc_show (PdxReportDoc *doc, PangoLayout *layout, double x, double y, double grey);
/* Draws @layout's lines, breaking across pages between lines; advances the cursor. */
void pdx_report_doc_flow_layout (PdxReportDoc *doc, PangoLayout *layout, double x, double grey);

/* ---- the study report's sections (pdx-report.c, pdx-report-summary.c, pdx-report-methods.c) -- */

typedef struct
{
  PdxReportDoc     *doc;
  PdxDb            *db;
  PdxCohortSummary *summary;     /* borrowed */
  char            **arm_colours; /* [n_arms] "#rrggbb", the charts' colours */
  guint             n_figures;   /* figures placed so far */
} PdxReportContext;

/* Numbers as the report prints them: NAN as an em dash, minus signs as U+2212. Owned strings. */
char *pdx_report_format_number (double value, int decimals);
char *pdx_report_format_p (double p);

void pdx_report_add_summary (PdxReportContext *ctx);
void pdx_report_add_survival_pairs (PdxReportContext *ctx);
void pdx_report_add_mice (PdxReportContext *ctx);
void pdx_report_add_methods (PdxReportContext *ctx);
/* The mixed-effects growth model's slopes (pdx-report-model.c); its refusal as a note. */
void pdx_report_add_growth_model (PdxReportContext *ctx);
/* The study's signatures and its lock (pdx-report-signatures.c); FALSE when they cannot be
 * read. */
gboolean pdx_report_add_signatures (PdxReportContext *ctx, gint64 study_id, GError **error);

G_END_DECLS
