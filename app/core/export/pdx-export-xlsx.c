/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-export-xlsx.c — the cohort summary as an XLSX workbook (libxlsxwriter): sheets Summary, Mice,
 * Measurements and Survival. Numbers are written as numbers and dates as date-formatted serials;
 * units are in the headers; the header row is frozen and the columns fitted to their content. */
#define _GNU_SOURCE /* memfd_create */
#include "pdx/pdx-export.h"

#include <errno.h>
#include <gio/gio.h>
#include <sys/mman.h>
#include <unistd.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>

#include "pdx-config.h"
#include "pdx/pdx-format.h"
#include "pdx/pdx-model.h"
#include "pdx/pdx-i18n.h"
#include "pdx/pdx-output.h"
#include "pdx-export-private.h"

/* Cell formats shared by every sheet of a workbook. */
typedef struct
{
  lxw_format *header, *note, *date, *integer, *decimal1, *decimal3, *scientific;
} Formats;

/* A sheet being written: one header row, then data rows; widths follow the widest cell. */
typedef struct
{
  lxw_worksheet *sheet;
  const Formats *formats;
  guint          n_columns;
  double        *widths;       /* in characters */
  double         header_lines; /* lines of the tallest wrapped header */
  lxw_row_t      row;          /* the next row to write */
  lxw_error      status;       /* the first write error */
} Sheet;

#define MAX_WIDTH 48.0

static void
formats_init (Formats *formats, lxw_workbook *book)
{
  formats->header = workbook_add_format (book);
  format_set_bold (formats->header);
  format_set_text_wrap (formats->header);
  format_set_align (formats->header, LXW_ALIGN_VERTICAL_TOP);
  format_set_bg_color (formats->header, 0xE8EEF4);
  format_set_bottom (formats->header, LXW_BORDER_THIN);
  formats->note = workbook_add_format (book);
  format_set_italic (formats->note);
  formats->date = workbook_add_format (book);
  format_set_num_format (formats->date, "yyyy-mm-dd");
  formats->integer = workbook_add_format (book);
  format_set_num_format (formats->integer, "0");
  formats->decimal1 = workbook_add_format (book);
  format_set_num_format (formats->decimal1, "0.0");
  formats->decimal3 = workbook_add_format (book);
  format_set_num_format (formats->decimal3, "0.000");
  formats->scientific = workbook_add_format (book);
  format_set_num_format (formats->scientific, "0.00E+00");
}

static void
note_status (Sheet *sheet, lxw_error status)
{
  if (sheet->status == LXW_NO_ERROR)
    sheet->status = status;
}

static void
fit (Sheet *sheet, guint column, double chars)
{
  if (column < sheet->n_columns)
    sheet->widths[column] = MAX (sheet->widths[column], MIN (chars + 1.5, MAX_WIDTH));
}

/* Adds sheet @name with the header row @titles (NULL-terminated), frozen. */
static void
sheet_begin (Sheet             *sheet,
             lxw_workbook      *book,
             const Formats     *formats,
             const char        *name,
             const char *const *titles)
{
  memset (sheet, 0, sizeof *sheet);
  sheet->sheet = workbook_add_worksheet (book, name);
  sheet->formats = formats;
  sheet->n_columns = g_strv_length ((char **) titles);
  sheet->widths = g_new0 (double, sheet->n_columns);
  sheet->header_lines = 1;
  for (guint c = 0; c < sheet->n_columns; c++)
    {
      g_auto (GStrv) words = g_strsplit (titles[c], " ", -1);
      for (guint w = 0; words[w]; w++)
        fit (sheet, c, MAX (g_utf8_strlen (words[w], -1), 6));
      note_status (sheet, worksheet_write_string (sheet->sheet, 0, c, titles[c], formats->header));
    }
  worksheet_freeze_panes (sheet->sheet, 1, 0);
  sheet->row = 1;
}

static void
sheet_text (Sheet *sheet, guint column, const char *text)
{
  if (text == NULL || *text == '\0')
    return;
  fit (sheet, column, g_utf8_strlen (text, -1));
  note_status (sheet, worksheet_write_string (sheet->sheet, sheet->row, column, text, NULL));
}

/* A number in @format (NULL: General); NAN leaves the cell empty. @shown is how wide it prints. */
static void
sheet_number (Sheet *sheet, guint column, double value, lxw_format *format)
{
  char shown[64];

  if (isnan (value))
    return;
  /* in the C locale, as Excel shows it to everyone: the widths are the file's, not the user's */
  if (format == sheet->formats->scientific)
    g_ascii_formatd (shown, sizeof shown, "%.2e", value);
  else
    pdx_format_fixed_c (shown, sizeof shown, value,
                        format == sheet->formats->integer    ? 0
                        : format == sheet->formats->decimal3 ? 3
                                                             : 1);
  fit (sheet, column, strlen (shown));
  if (!isfinite (value))
    {
      sheet_text (sheet, column, value > 0 ? "Inf" : "-Inf");
      return;
    }
  note_status (sheet, worksheet_write_number (sheet->sheet, sheet->row, column, value, format));
}

/* An ISO date "YYYY-MM-DD" as a date cell; anything else is left as text. */
static void
sheet_date (Sheet *sheet, guint column, const char *iso)
{
  lxw_datetime when = { 0 };

  if (iso == NULL || *iso == '\0')
    return;
  if (sscanf (iso, "%4d-%2d-%2d", &when.year, &when.month, &when.day) != 3 ||
      !g_date_valid_dmy (when.day, when.month, when.year))
    {
      sheet_text (sheet, column, iso);
      return;
    }
  fit (sheet, column, 10);
  note_status (sheet, worksheet_write_datetime (sheet->sheet, sheet->row, column, &when,
                                                sheet->formats->date));
}

/* A line of explanation under the table, in column A (not counted in its width). */
static void
sheet_note (Sheet *sheet, const char *text)
{
  note_status (sheet,
               worksheet_write_string (sheet->sheet, sheet->row++, 0, text, sheet->formats->note));
}

/* Sets the fitted widths and the header row's height; returns FALSE with @error after any
 * write error. */
static gboolean
sheet_end (Sheet *sheet, GError **error)
{
  for (guint c = 0; c < sheet->n_columns; c++)
    worksheet_set_column (sheet->sheet, c, c, sheet->widths[c], NULL);
  g_clear_pointer (&sheet->widths, g_free);
  if (sheet->status != LXW_NO_ERROR)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot write the workbook: %s",
                   lxw_strerror (sheet->status));
      return FALSE;
    }
  return TRUE;
}

/* Header rows wrap: give them the height of their longest title at the fitted width. */
static void
sheet_header_height (Sheet *sheet, const char *const *titles)
{
  double lines = 1;

  for (guint c = 0; c < sheet->n_columns; c++)
    lines = MAX (lines, ceil ((g_utf8_strlen (titles[c], -1) + 1.0) / sheet->widths[c]));
  worksheet_set_row (sheet->sheet, 0, 15.0 * MIN (lines, 4), sheet->formats->header);
}

/* ---- Summary ----------------------------------------------------------------------------- */

static lxw_format *
summary_format (const Formats *formats, PdxSummaryKind kind)
{
  switch (kind)
    {
    case PDX_SUMMARY_FLAG:
    case PDX_SUMMARY_COUNT:
      return formats->integer;
    case PDX_SUMMARY_DAY:
    case PDX_SUMMARY_PERCENT:
      return formats->decimal1;
    case PDX_SUMMARY_RATIO:
      return formats->decimal3;
    case PDX_SUMMARY_P_VALUE:
    case PDX_SUMMARY_TEXT:
    default:
      return NULL;
    }
}

/* The lines under the summary table: the study, how TGI/T/C and survival were obtained (or why
 * not), when and by what the workbook was generated, and the lab's audit seal ("N HASH"). */
static void
write_summary_notes (Sheet *sheet, const PdxCohortSummary *summary, const char *seal)
{
  const PdxStudyData *data = summary->data;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *study = g_strdup_printf ("Study %s%s%s", data->code, data->title ? ": " : "",
                                            data->title ? data->title : "");
  g_autofree char *efficacy = NULL, *survival = NULL, *generated = NULL;

  if (summary->efficacy_note)
    efficacy = g_strdup_printf ("TGI and T/C not computed: %s.", summary->efficacy_note);
  else if (isnan (summary->options.day))
    efficacy = g_strdup ("TGI and T/C at the last day on which both the arm's and the control's "
                         "growth curves are plotted.");
  if (summary->survival_note)
    survival = g_strdup_printf ("Survival not computed: %s.", summary->survival_note);
  else if (summary->survival->n_open > 0)
    survival = g_strdup_printf ("%u %s no endpoint yet: censored at the last recorded "
                                "observation.",
                                summary->survival->n_open,
                                summary->survival->n_open == 1 ? "mouse has" : "mice have");
  generated = g_date_time_format (now, "Generated by pdxtrack " PDX_VERSION " on %Y-%m-%d %H:%M.");
  sheet->row++;
  sheet_note (sheet, study);
  if (efficacy)
    sheet_note (sheet, efficacy);
  if (survival)
    sheet_note (sheet, survival);
  sheet_note (sheet, generated);
  {
    g_auto (GStrv) parts = g_strsplit (seal, " ", 2);
    g_autofree char *line =
        g_strdup_printf ("Audit seal: entry %s, SHA-256 %s", parts[0], parts[1] ? parts[1] : "");

    sheet_note (sheet, line);
  }
}

static gboolean
write_summary_sheet (lxw_workbook           *book,
                     const Formats          *formats,
                     const PdxCohortSummary *summary,
                     const char             *seal,
                     GError                **error)
{
  guint                   n_columns;
  const PdxSummaryColumn *columns = pdx_summary_get_columns (&n_columns);
  g_autofree const char **titles = g_new0 (const char *, n_columns + 1);
  Sheet                   sheet;

  for (guint c = 0; c < n_columns; c++)
    titles[c] = columns[c].title;
  sheet_begin (&sheet, book, formats, "Summary", titles);
  for (guint arm = 0; arm < summary->data->n_arms; arm++, sheet.row++)
    for (guint c = 0; c < n_columns; c++)
      {
        const char *text;
        double      value = pdx_cohort_summary_get_value (summary, arm, c, &text);
        if (columns[c].kind == PDX_SUMMARY_TEXT)
          sheet_text (&sheet, c, text);
        else
          sheet_number (&sheet, c, value, summary_format (formats, columns[c].kind));
      }
  sheet_header_height (&sheet, titles);
  write_summary_notes (&sheet, summary, seal);
  return sheet_end (&sheet, error);
}

/* ---- Mice -------------------------------------------------------------------------------- */

static const char *const mice_titles[] = { "Arm",
                                           "Mouse",
                                           "Cage",
                                           "Sex",
                                           "Excluded",
                                           "Exclusion reason",
                                           "Implant date",
                                           "Endpoint date",
                                           "Endpoint",
                                           "Event (1 = death or humane endpoint)",
                                           "Survival (days)",
                                           "Survival event (0 = censored)",
                                           "Baseline day (day)",
                                           "Baseline value",
                                           "Values used (n)",
                                           "Best response (%)",
                                           "Best response day (day)",
                                           "Best average response (%)",
                                           "Best average response day (day)",
                                           "mRECIST",
                                           "AUC",
                                           "Time to double (days)",
                                           "Last day (day)",
                                           "Max weight loss (%)",
                                           "Weight flag",
                                           NULL };

static void
write_mouse_row (Sheet                  *sheet,
                 const PdxCohortSummary *summary,
                 guint                   i,
                 const PdxMouse         *mouse,
                 const PdxEndpoint      *endpoint)
{
  const PdxStudyMouse  *m = &summary->data->mice[i];
  const PdxResponse    *r = g_ptr_array_index (summary->responses, i);
  const PdxMouseWeight *w = g_ptr_array_index (summary->weights, i);
  const Formats        *f = sheet->formats;
  guint                 c = 0;

  sheet_text (sheet, c++, m->arm >= 0 ? summary->data->arms[m->arm].name : "(not randomised)");
  sheet_text (sheet, c++, m->tag);
  sheet_text (sheet, c++, m->cage);
  sheet_text (sheet, c++, m->sex);
  sheet_text (sheet, c++, m->excluded ? "yes" : "no");
  sheet_text (sheet, c++, m->exclusion_reason);
  sheet_date (sheet, c++, mouse ? mouse->implant_date : NULL);
  sheet_date (sheet, c++, endpoint ? endpoint->date : NULL);
  sheet_text (sheet, c++, m->has_endpoint ? pdx_endpoint_kind_get_label (m->endpoint_kind) : NULL);
  sheet_number (sheet, c++, m->has_endpoint ? (m->event ? 1 : 0) : NAN, f->integer);
  sheet_number (sheet, c++, m->survival_days, f->integer);
  sheet_number (sheet, c++, isnan (m->survival_days) ? NAN : m->survival_event, f->integer);
  sheet_number (sheet, c++, r->baseline_day, f->integer);
  sheet_number (sheet, c++, r->baseline_value,
                summary->data->readout == PDX_READOUT_BLI_FLUX ? f->scientific : f->decimal1);
  sheet_number (sheet, c++, r->n_points, f->integer);
  sheet_number (sheet, c++, r->best_response, f->decimal1);
  sheet_number (sheet, c++, r->best_response_day, f->integer);
  sheet_number (sheet, c++, r->best_avg_response, f->decimal1);
  sheet_number (sheet, c++, r->best_avg_response_day, f->integer);
  sheet_text (sheet, c++, pdx_mrecist_to_string (r->mrecist));
  sheet_number (sheet, c++, r->auc,
                summary->data->readout == PDX_READOUT_BLI_FLUX ? f->scientific : f->decimal1);
  sheet_number (sheet, c++, r->time_to_double, f->decimal1);
  sheet_number (sheet, c++, r->day_last, f->integer);
  sheet_number (sheet, c++, w->excluded || isnan (w->reference_day) ? NAN : w->max_loss_percent,
                f->decimal1);
  sheet_text (sheet, c++,
              w->excluded || isnan (w->reference_day) ? NULL : pdx_weight_flag_to_string (w->flag));
}

static gboolean
write_mice_sheet (lxw_workbook           *book,
                  const Formats          *formats,
                  PdxDb                  *db,
                  const PdxCohortSummary *summary,
                  GError                **error)
{
  const char *unit = pdx_readout_get_unit (summary->data->readout);
  g_autoptr (GPtrArray) mice = pdx_mouse_list (db, summary->data->id, error);
  g_autoptr (GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree char *baseline_title = g_strdup_printf ("Baseline value (%s)", unit);
  g_autofree char *auc_title = g_strdup_printf ("AUC (%s·day)", unit);
  const char      *titles[G_N_ELEMENTS (mice_titles)];
  Sheet            sheet;

  if (mice == NULL)
    return FALSE;
  for (guint i = 0; i < mice->len; i++)
    {
      PdxMouse *mouse = g_ptr_array_index (mice, i);
      g_hash_table_insert (by_id, &mouse->id, mouse);
    }
  memcpy (titles, mice_titles, sizeof titles);
  titles[13] = baseline_title;
  titles[20] = auc_title;
  sheet_begin (&sheet, book, formats, "Mice", titles);
  for (guint i = 0; i < summary->data->n_mice; i++, sheet.row++)
    {
      g_autoptr (GError) local = NULL;
      g_autoptr (PdxEndpoint) endpoint = NULL;
      gint64 id = summary->data->mice[i].id;

      if (summary->data->mice[i].has_endpoint)
        {
          endpoint = pdx_endpoint_find_for_mouse (db, id, &local);
          if (local)
            {
              g_propagate_error (error, g_steal_pointer (&local));
              g_free (sheet.widths);
              return FALSE;
            }
        }
      write_mouse_row (&sheet, summary, i, g_hash_table_lookup (by_id, &id), endpoint);
    }
  if (summary->data->n_mice > 0)
    worksheet_autofilter (sheet.sheet, 0, 0, sheet.row - 1, sheet.n_columns - 1);
  sheet_header_height (&sheet, titles);
  return sheet_end (&sheet, error);
}

/* ---- Measurements ------------------------------------------------------------------------ */

static const char *const measurement_titles[] = { "Arm",
                                                  "Mouse",
                                                  "Date",
                                                  "Day (day)",
                                                  "Length (mm)",
                                                  "Width (mm)",
                                                  "Caliper volume (mm³)",
                                                  "BLI total flux (photons/s)",
                                                  "MRI volume (mm³)",
                                                  "Body weight (g)",
                                                  "Neurological score (0–4)",
                                                  "Operator",
                                                  "Note",
                                                  NULL };

/* Days from ISO date @from to ISO date @to; NAN when either does not parse. */
static double
days_between (const char *from, const char *to)
{
  int y1, m1, d1, y2, m2, d2;

  if (!from || !to || sscanf (from, "%4d-%2d-%2d", &y1, &m1, &d1) != 3 ||
      sscanf (to, "%4d-%2d-%2d", &y2, &m2, &d2) != 3 || !g_date_valid_dmy (d1, m1, y1) ||
      !g_date_valid_dmy (d2, m2, y2))
    return NAN;
  {
    GDate a, b;
    g_date_clear (&a, 1);
    g_date_clear (&b, 1);
    g_date_set_dmy (&a, d1, m1, y1);
    g_date_set_dmy (&b, d2, m2, y2);
    return (double) g_date_days_between (&a, &b);
  }
}

static void
write_measurement_row (Sheet                  *sheet,
                       const PdxCohortSummary *summary,
                       const PdxStudyMouse    *mouse,
                       const PdxMeasurement   *m)
{
  const Formats *f = sheet->formats;
  guint          c = 0;

  sheet_text (sheet, c++, mouse && mouse->arm >= 0 ? summary->data->arms[mouse->arm].name : NULL);
  sheet_text (sheet, c++, mouse ? mouse->tag : NULL);
  sheet_date (sheet, c++, m->date);
  sheet_number (sheet, c++, days_between (summary->data->day0, m->date), f->integer);
  sheet_number (sheet, c++, m->length_mm, f->decimal1);
  sheet_number (sheet, c++, m->width_mm, f->decimal1);
  sheet_number (sheet, c++, m->volume_mm3, f->decimal1);
  sheet_number (sheet, c++, m->bli_flux, f->scientific);
  sheet_number (sheet, c++, m->mri_volume_mm3, f->decimal1);
  sheet_number (sheet, c++, m->weight_g, f->decimal1);
  sheet_number (sheet, c++, m->neuro_score >= 0 ? m->neuro_score : NAN, f->integer);
  sheet_text (sheet, c++, m->operator_name);
  sheet_text (sheet, c++, m->note);
}

static gboolean
write_measurements_sheet (lxw_workbook           *book,
                          const Formats          *formats,
                          PdxDb                  *db,
                          const PdxCohortSummary *summary,
                          GError                **error)
{
  g_autoptr (GPtrArray) rows = pdx_measurement_list_for_study (db, summary->data->id, NULL, error);
  g_autoptr (GHashTable) mice = g_hash_table_new (g_int64_hash, g_int64_equal);
  Sheet sheet;

  if (rows == NULL)
    return FALSE;
  for (guint i = 0; i < summary->data->n_mice; i++)
    g_hash_table_insert (mice, &summary->data->mice[i].id, &summary->data->mice[i]);
  sheet_begin (&sheet, book, formats, "Measurements", (const char *const *) measurement_titles);
  for (guint i = 0; i < rows->len; i++, sheet.row++)
    {
      const PdxMeasurement *m = g_ptr_array_index (rows, i);
      write_measurement_row (&sheet, summary, g_hash_table_lookup (mice, &m->mouse_id), m);
    }
  if (rows->len > 0)
    worksheet_autofilter (sheet.sheet, 0, 0, sheet.row - 1, sheet.n_columns - 1);
  else
    sheet_note (&sheet, "No measurement recorded.");
  sheet_header_height (&sheet, (const char *const *) measurement_titles);
  return sheet_end (&sheet, error);
}

/* ---- Survival ---------------------------------------------------------------------------- */

static const char *const survival_titles[] = {
  "Arm",           "Day (days from implant)", "At risk (n)", "Events (n)",  "Censored (n)",
  "Survival S(t)", "Standard error of S(t)",  "95% CI low",  "95% CI high", NULL
};

static gboolean
write_survival_sheet (lxw_workbook           *book,
                      const Formats          *formats,
                      const PdxCohortSummary *summary,
                      GError                **error)
{
  const PdxSurvival *survival = summary->survival;
  Sheet              sheet;

  sheet_begin (&sheet, book, formats, "Survival", (const char *const *) survival_titles);
  for (guint a = 0; survival && a < survival->n_arms; a++)
    for (guint s = 0; s < survival->arms[a].n_steps; s++, sheet.row++)
      {
        const PdxKmStep *step = &survival->arms[a].steps[s];
        sheet_text (&sheet, 0, summary->data->arms[survival->arms[a].arm].name);
        sheet_number (&sheet, 1, step->time, formats->integer);
        sheet_number (&sheet, 2, step->at_risk, formats->integer);
        sheet_number (&sheet, 3, step->events, formats->integer);
        sheet_number (&sheet, 4, step->censored, formats->integer);
        sheet_number (&sheet, 5, step->surv, formats->decimal3);
        sheet_number (&sheet, 6, step->std_err, formats->decimal3);
        sheet_number (&sheet, 7, step->ci_low, formats->decimal3);
        sheet_number (&sheet, 8, step->ci_high, formats->decimal3);
      }
  sheet.row++;
  if (survival == NULL)
    {
      g_autofree char *text =
          g_strdup_printf ("Survival not computed: %s.", summary->survival_note);
      sheet_note (&sheet, text);
    }
  else
    {
      g_autofree char *text = g_strdup_printf (
          "Kaplan–Meier estimates, Greenwood standard errors, log-transformed 95%% CI. "
          "Mice without an endpoint yet (%u) are censored at their last recorded observation.",
          survival->n_open);
      sheet_note (&sheet, text);
    }
  sheet_header_height (&sheet, (const char *const *) survival_titles);
  return sheet_end (&sheet, error);
}

/* ---- the workbook ------------------------------------------------------------------------ */

static gboolean
write_sheets (lxw_workbook *book, PdxDb *db, const PdxCohortSummary *summary, GError **error)
{
  g_autofree char   *title = g_strdup_printf ("Cohort summary of study %s", summary->data->code);
  g_autofree char   *seal = pdx_export_dup_seal (db, error);
  lxw_doc_properties properties = { 0 };
  Formats            formats;

  if (seal == NULL)
    return FALSE;
  properties.title = title;
  properties.comments = "Generated by pdxtrack " PDX_VERSION;
  workbook_set_properties (book, &properties);
  /* The seal as a property too: readable without opening a sheet (issue 12). */
  workbook_set_custom_property_string (book, "pdxtrack audit seal", seal);
  formats_init (&formats, book);
  return write_summary_sheet (book, &formats, summary, seal, error) &&
         write_mice_sheet (book, &formats, db, summary, error) &&
         write_measurements_sheet (book, &formats, db, summary, error) &&
         write_survival_sheet (book, &formats, summary, error);
}

/* Copies the workbook in @memory (from its start) to @output once it is checked whole; a
 * failure is kept on @output. */
static void
copy_to_output (int memory, PdxOutput *output)
{
  g_autoptr (GByteArray) bytes = g_byte_array_new ();
  g_autofree char *problem = NULL;
  guint8           buffer[65536];
  ssize_t          n;

  if (lseek (memory, 0, SEEK_SET) != 0)
    {
      pdx_output_fail (output, g_strerror (errno));
      return;
    }
  while ((n = read (memory, buffer, sizeof buffer)) != 0)
    {
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          pdx_output_fail (output, g_strerror (errno));
          return;
        }
      g_byte_array_append (bytes, buffer, (guint) n);
    }
  if (!pdx_xlsx_check_whole (bytes->data, bytes->len, &problem))
    pdx_output_fail (output, problem);
  else
    pdx_output_write (output, bytes->data, bytes->len, NULL);
}

/* libxlsxwriter writes to a file name, and prints its own lines on stderr when that file
 * fails. It writes to a file in memory instead (memfd, named through /proc/self/fd), which
 * cannot fill a disk; the workbook is checked whole (pdx-export-xlsx-check.c: libxlsxwriter does
 * not check its own temporary files), then goes through the checked output (pdx-output.h). */
gboolean
pdx_export_summary_xlsx (
    PdxDb *db, gint64 study_id, const char *path, const PdxExportOptions *options, GError **error)
{
  /* libxlsxwriter prints numbers with the C library's printf: the file's must be the C
   * locale's, whatever the app's (a German user's "507,095" is not a number to Excel) */
  g_auto (PdxCLocale) c_locale = { pdx_i18n_use_c_locale () };
  g_autoptr (PdxCohortSummary) summary = NULL;
  g_autoptr (PdxOutput) output = NULL;
  g_autofree char *memory_name = NULL;
  lxw_workbook    *book;
  lxw_error        status;
  int              memory;
  gboolean         ok;

  g_return_val_if_fail (db != NULL && path != NULL, FALSE);
  summary = pdx_cohort_summary_new (db, study_id, options, error);
  if (summary == NULL || (output = pdx_output_begin (path, PDX_OUTPUT_REPLACE, error)) == NULL)
    return FALSE;
  memory = memfd_create ("pdxtrack-xlsx", MFD_CLOEXEC);
  if (memory < 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                   "cannot build the workbook in memory: %s", g_strerror (errno));
      return FALSE;
    }
  memory_name = g_strdup_printf ("/proc/self/fd/%d", memory);
  book = workbook_new (memory_name);
  if (book == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot create the workbook");
      close (memory);
      return FALSE;
    }
  ok = write_sheets (book, db, summary, error);
  status = workbook_close (book);
  if (ok && status != LXW_NO_ERROR)
    pdx_output_fail (output, lxw_strerror (status));
  if (ok)
    copy_to_output (memory, output);
  close (memory);
  return ok && pdx_output_commit (output, error);
}
