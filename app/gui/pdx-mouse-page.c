/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-mouse-page.c — one mouse's whole story (see the header). The load (the mouse, its
 * measurements and endpoint, its study's data for the response metrics and the arm's median
 * curves, both charts built) runs in a GTask thread on a read-only connection of its own; the
 * UI thread only lays out what came back. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx-mouse-page.h"

#include <math.h>

#include "pdx/pdx-analysis.h"
#include "pdx-add-measurement-dialog.h"
#include "pdx-exclude-measurement-dialog.h"
#include "pdx-gui-format.h"
#include "pdx-list-fill.h"
#include "pdx-measurement-item.h"
#include "pdx-mice-dialogs.h"
#include "pdx-study-binding.h"

/* Rows a fill step puts into the measurements' table (pdx-list-fill.h). */
#define FILL_STEP 5

/* ---- the load, in a thread ------------------------------------------------------------------- */

typedef struct
{
  char  *lab_path;
  gint64 study_id, mouse_id;
} Load;

typedef struct
{
  PdxMouse       *mouse;
  PdxStudy       *study;
  char           *arm_name;     /* NULL: not randomised */
  GPtrArray      *measurements; /* of PdxMeasurement, by date */
  PdxEndpoint    *endpoint;     /* NULL: none */
  GHashTable     *excluded;     /* the study's excluded measurements: id → reason */
  PdxResponse    *response;
  PdxMouseWeight *weight;
  double          implant_day, endpoint_day; /* NAN when not recorded */
  PdxChart       *growth, *weight_chart;
} Loaded;

static void
load_free (Load *load)
{
  g_free (load->lab_path);
  g_free (load);
}

static void
loaded_free (Loaded *loaded)
{
  g_clear_pointer (&loaded->mouse, pdx_mouse_free);
  g_clear_pointer (&loaded->study, pdx_study_free);
  g_free (loaded->arm_name);
  g_clear_pointer (&loaded->measurements, g_ptr_array_unref);
  g_clear_pointer (&loaded->endpoint, pdx_endpoint_free);
  g_clear_pointer (&loaded->excluded, g_hash_table_unref);
  g_clear_pointer (&loaded->response, pdx_response_free);
  g_clear_pointer (&loaded->weight, pdx_mouse_weight_free);
  g_clear_pointer (&loaded->growth, pdx_chart_free);
  g_clear_pointer (&loaded->weight_chart, pdx_chart_free);
  g_free (loaded);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Loaded, loaded_free)

static PdxChart *
chart_of (
    const PdxStudyData *data, PdxChartKind kind, gint64 mouse_id, gboolean dark, GError **error)
{
  PdxChartOptions options;

  pdx_chart_options_init (&options, kind, data);
  options.mouse_id = mouse_id;
  options.dark = dark;
  options.transparent = TRUE;
  /* The page's heading names the mouse and the study; a title would wrap on a narrow window. */
  options.show_title = FALSE;
  return pdx_chart_new (data, &options, error);
}

/* The analysis's results of mouse @m of @data, stolen from the study's lists. */
static void
take_results (Loaded *loaded, const PdxStudyData *data, guint m)
{
  g_autoptr (GPtrArray) responses = pdx_response_list (data);
  g_autoptr (GPtrArray) weights = pdx_mouse_weight_list (data);
  const PdxStudyMouse *mouse = &data->mice[m];

  loaded->response = g_ptr_array_steal_index (responses, m);
  loaded->weight = g_ptr_array_steal_index (weights, m);
  loaded->arm_name = mouse->arm >= 0 ? g_strdup (data->arms[mouse->arm].name) : NULL;
  loaded->implant_day = mouse->implant_day;
  loaded->endpoint_day = mouse->has_endpoint ? mouse->endpoint_day : NAN;
}

static gboolean
read_mouse (PdxDb *db, const Load *load, gboolean dark, Loaded *loaded, GError **error)
{
  g_autoptr (PdxStudyData) data = NULL;
  guint m;

  if ((loaded->mouse = pdx_mouse_get (db, load->mouse_id, error)) == NULL ||
      (loaded->study = pdx_study_get (db, load->study_id, error)) == NULL)
    return FALSE;
  if (loaded->mouse->study_id != load->study_id)
    {
      g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_NOT_FOUND, _ ("Mouse %s is not in study %s"),
                   loaded->mouse->tag, loaded->study->code);
      return FALSE;
    }
  loaded->measurements = pdx_measurement_list_for_mouse (db, load->mouse_id, error);
  if (loaded->measurements == NULL)
    return FALSE;
  loaded->endpoint = pdx_endpoint_find_for_mouse (db, load->mouse_id, error);
  if (loaded->endpoint == NULL && error != NULL && *error != NULL)
    return FALSE;
  loaded->excluded = pdx_study_list_excluded_measurements (db, load->study_id, NULL, error);
  if (loaded->excluded == NULL)
    return FALSE;
  if ((data = pdx_study_data_load (db, load->study_id, error)) == NULL)
    return FALSE;
  for (m = 0; m < data->n_mice && data->mice[m].id != load->mouse_id; m++)
    ;
  if (m == data->n_mice)
    {
      g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_NOT_FOUND, _ ("Mouse %s is not in study %s"),
                   loaded->mouse->tag, loaded->study->code);
      return FALSE;
    }
  take_results (loaded, data, m);
  loaded->growth = chart_of (data, PDX_CHART_GROWTH, load->mouse_id, dark, error);
  if (loaded->growth == NULL)
    return FALSE;
  loaded->weight_chart = chart_of (data, PDX_CHART_WEIGHT, load->mouse_id, dark, error);
  return loaded->weight_chart != NULL;
}

static void
load_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  Load    *load = task_data;
  gint64   start = g_get_monotonic_time ();
  gboolean dark = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (task), "pdx-dark"));
  GError  *error = NULL;
  g_autoptr (PdxDb) db = pdx_db_open (load->lab_path, PDX_DB_OPEN_READONLY, &error);
  g_autoptr (Loaded) loaded = g_new0 (Loaded, 1);

  if (db == NULL || !read_mouse (db, load, dark, loaded, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_debug ("PdxMousePage: mouse %" G_GINT64_FORMAT " read in %.1f ms (thread)", load->mouse_id,
           (g_get_monotonic_time () - start) / 1000.0);
  g_task_return_pointer (task, g_steal_pointer (&loaded), (GDestroyNotify) loaded_free);
}

/* ---- the page -------------------------------------------------------------------------------- */

struct _PdxMousePage
{
  GtkWidget parent_instance;

  GtkLabel      *title_label, *subtitle_label, *error_label, *metrics_note, *endpoint_label;
  GtkLabel      *measurements_heading;
  GtkSpinner    *spinner;
  GtkFlowBox    *identity_box, *metrics_box;
  PdxChartView  *growth_chart, *weight_chart;
  GtkColumnView *measurements_view;
  GtkButton     *endpoint_button;

  PdxStudyBinding binding;
  gint64          mouse_id;
  char           *mouse_tag;
  double          reference_weight_g; /* the mouse's day-0 weight, NAN when none */
  GListStore     *measurements;
  GHashTable     *texts; /* name → shown text, for tests */
  GCancellable   *cancellable;
  gboolean        loading;
  PdxListFill     fill;       /* a load's measurements going into the table */
  char           *locked_why; /* the study's lock, NULL when it can change */
  gboolean        writable;   /* not locked, not a read-only lab */
};

G_DEFINE_FINAL_TYPE (PdxMousePage, pdx_mouse_page, GTK_TYPE_WIDGET)

/* A caption over its value: one field of the identity or one metric. */
static void
add_field (GtkFlowBox *box, const char *caption, const char *value, const char *note)
{
  GtkWidget *field = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *caption_label = gtk_label_new (caption);
  GtkWidget *value_label = gtk_label_new (value);

  gtk_label_set_xalign (GTK_LABEL (caption_label), 0);
  gtk_widget_add_css_class (caption_label, "dim-label");
  gtk_widget_add_css_class (caption_label, "caption");
  gtk_label_set_xalign (GTK_LABEL (value_label), 0);
  gtk_label_set_selectable (GTK_LABEL (value_label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (value_label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (value_label), 28);
  gtk_box_append (GTK_BOX (field), caption_label);
  gtk_box_append (GTK_BOX (field), value_label);
  if (note != NULL)
    {
      GtkWidget *note_label = gtk_label_new (note);

      gtk_label_set_xalign (GTK_LABEL (note_label), 0);
      gtk_label_set_wrap (GTK_LABEL (note_label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (note_label), 28);
      gtk_widget_add_css_class (note_label, "caption");
      gtk_widget_add_css_class (note_label, "warning");
      gtk_box_append (GTK_BOX (field), note_label);
    }
  gtk_flow_box_append (box, field);
}

/* A flow box keeps its children in a list of its own: they leave through gtk_flow_box_remove. */
static void
clear_flow_box (GtkFlowBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_flow_box_remove (box, child);
}

static void
remember (PdxMousePage *self, const char *name, const char *text)
{
  g_hash_table_replace (self->texts, g_strdup (name), g_strdup (text));
}

static char *
date_with_day (const char *date, const char *day0)
{
  int days;

  if (date == NULL)
    return g_strdup ("—");
  if (!pdx_days_between (day0, date, &days))
    return pdx_format_date (date);
  return g_strdup_printf (/* Translators: a date, then its day since treatment start. */
                          _ ("%s (day %d)"), date, days);
}

static const char *
status_text (const Loaded *loaded)
{
  if (loaded->mouse->excluded)
    return _ ("excluded");
  if (loaded->endpoint != NULL)
    return _ ("endpoint reached");
  return loaded->arm_name != NULL ? _ ("alive") : _ ("alive, not randomised");
}

static void
fill_identity (PdxMousePage *self, const Loaded *loaded)
{
  const PdxMouse  *mouse = loaded->mouse;
  const char      *day0 = loaded->study->day0;
  g_autofree char *born = date_with_day (mouse->birth_date, day0);
  g_autofree char *implanted = date_with_day (mouse->implant_date, day0);
  g_autofree char *status = NULL;
  g_autofree char *identity = NULL;

  clear_flow_box (self->identity_box);
  if (mouse->excluded)
    status = g_strdup_printf (_ ("excluded: %s"),
                              mouse->exclusion_reason ? mouse->exclusion_reason : "—");
  else
    status = g_strdup (status_text (loaded));
  add_field (self->identity_box, _ ("Arm"),
             loaded->arm_name ? loaded->arm_name : _ ("not randomised"), NULL);
  add_field (self->identity_box, _ ("Cage"), mouse->cage ? mouse->cage : "—", NULL);
  add_field (self->identity_box, C_ ("mice column", "Sex"), mouse->sex ? mouse->sex : "—", NULL);
  add_field (self->identity_box, _ ("Strain"), mouse->strain ? mouse->strain : "—", NULL);
  add_field (self->identity_box, _ ("Born"), born, NULL);
  add_field (self->identity_box, _ ("Implanted"), implanted, NULL);
  add_field (self->identity_box, _ ("Status"), status, NULL);
  identity = g_strjoin (" | ", loaded->arm_name ? loaded->arm_name : "",
                        mouse->cage ? mouse->cage : "", mouse->sex ? mouse->sex : "",
                        mouse->strain ? mouse->strain : "", born, implanted, status, NULL);
  remember (self, "identity", identity);
}

/* One metric: its value, or "not evaluable" and why. */
static void
add_metric (PdxMousePage *self, const char *name, const char *caption, char *value, const char *why)
{
  g_autofree char *owned = value;
  g_autofree char *text = NULL;

  if (owned == NULL)
    {
      add_field (self->metrics_box, caption, _ ("not evaluable"), why);
      text = g_strdup_printf ("%s: %s", _ ("not evaluable"), why ? why : "");
    }
  else
    {
      add_field (self->metrics_box, caption, owned, NULL);
      text = g_strdup (owned);
    }
  remember (self, name, text);
}

static char *
percent_at (double percent, double day)
{
  g_autofree char *number = pdx_format_value (percent, 1);

  if (isnan (percent))
    return NULL;
  return g_strdup_printf (/* Translators: a % change, then the study day it was reached. */
                          _ ("%s%s %% (day %g)"), percent > 0 ? "+" : "", number, day);
}

static void
fill_metrics (PdxMousePage *self, const Loaded *loaded)
{
  const PdxResponse *r = loaded->response;
  PdxReadout         readout = loaded->study->readout;
  g_autofree char   *why = pdx_response_dup_not_evaluable_reason (r);
  g_autofree char   *auc = NULL, *auc_value = NULL, *doubling = NULL, *note = NULL;
  const char        *no_value = why ? why : _ ("no value of the readout");

  clear_flow_box (self->metrics_box);
  add_metric (self, "pct-change", /* xgettext:no-c-format */ _ ("Change from baseline (%ΔV)"),
              r->n_points >= 2 ? percent_at (r->pct_change[r->n_points - 1], r->day_last) : NULL,
              r->excluded || r->n_points == 0 ? no_value : _ ("only the baseline is measured"));
  add_metric (self, "best-response", _ ("Best response (BR)"),
              percent_at (r->best_response, r->best_response_day), why);
  add_metric (self, "best-avg-response", _ ("Best average response (BAR)"),
              percent_at (r->best_avg_response, r->best_avg_response_day), why);
  add_metric (self, "mrecist", _ ("mRECIST"),
              r->evaluable ? g_strdup (_ (pdx_mrecist_get_label (r->mrecist))) : NULL, why);
  if (!r->excluded && r->n_points > 0)
    {
      auc_value = pdx_format_readout (readout, r->auc);
      auc = g_strdup_printf (/* Translators: an area under the curve in a readout unit·days. */
                             _ ("%s %s·d"), auc_value, pdx_readout_get_unit (readout));
    }
  add_metric (self, "auc", _ ("Area under the curve"), g_steal_pointer (&auc), no_value);
  if (!isnan (r->time_to_double))
    doubling = g_strdup_printf (_ ("day %.1f"), r->time_to_double);
  add_metric (self, "doubling-time", _ ("Doubled (2 × baseline)"), g_steal_pointer (&doubling),
              r->excluded || r->n_points == 0
                  ? no_value
                  : (note = g_strdup_printf (_ ("not doubled by day %g"), r->day_last)));
  {
    g_autofree char *baseline = pdx_format_readout (readout, r->baseline_value);
    g_autofree char *text =
        isnan (r->baseline_day)
            ? g_strdup (_ ("SPEC §4: the baseline is the last value on or before day 0."))
            : g_strdup_printf (_ ("%s; baseline %s %s on day %g; BR and BAR are taken from day 10 "
                                  "on."),
                               pdx_readout_get_label (readout), baseline,
                               pdx_readout_get_unit (readout), r->baseline_day);
    gtk_label_set_text (self->metrics_note, text);
  }
}

static void
fill_endpoint (PdxMousePage *self, const Loaded *loaded)
{
  const PdxEndpoint *e = loaded->endpoint;
  g_autofree char   *text = NULL, *date = NULL;

  if (e == NULL)
    text = g_strdup (loaded->mouse->excluded ? _ ("No endpoint recorded.")
                                             : _ ("No endpoint recorded: the mouse is on study."));
  else
    {
      date = date_with_day (e->date, loaded->study->day0);
      text = g_strdup_printf (
          /* Translators: date (day), the endpoint's kind, whether it is an event, its note. */
          _ ("Endpoint: %s, %s; %s%s%s"), date, _ (pdx_endpoint_kind_get_label (e->kind)),
          e->is_event ? _ ("counts as an event for survival") : _ ("censored for survival"),
          e->note ? " — " : "", e->note ? e->note : "");
    }
  gtk_label_set_text (self->endpoint_label, text);
  remember (self, "endpoint", text);
}

static void
fill_measurements (PdxMousePage *self, const Loaded *loaded)
{
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *heading = NULL;

  for (guint i = 0; i < loaded->measurements->len; i++)
    {
      const PdxMeasurement *m = g_ptr_array_index (loaded->measurements, i);
      int                   day = G_MININT;

      if (!pdx_days_between (loaded->study->day0, m->date, &day))
        day = G_MININT;
      g_ptr_array_add (items,
                       pdx_measurement_item_new (pdx_measurement_copy (m), day,
                                                 g_hash_table_lookup (loaded->excluded, &m->id)));
    }
  /* Detached while the rows change: the view then builds the new rows once. Attached, replacing
   * a mouse's 40 rows by their reloaded selves took 0.5–0.7 s (every row's twelve cells torn
   * down and built again while the scrolled window measured the list at each step). */
  /* A step at a time (pdx-list-fill.h): a row is twelve cells, and replacing all of a mouse's
   * 40 rows at once kept the window from drawing for 0.1–0.7 s on the development VM. */
  pdx_list_fill_start (&self->fill, self->measurements, items, FILL_STEP, NULL, self);
  heading = g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE, "%u measurement", "%u measurements", items->len), items->len);
  gtk_label_set_text (self->measurements_heading, heading);
}

/* A locked study's mouse cannot change: the editing actions off, with the lock as tooltip (the
 * measurements' Exclude/Include buttons take it when their rows are bound). */
static void
apply_lock (PdxMousePage *self)
{
  static const char *const actions[] = { "mouse.add-measurement", "mouse.endpoint", "mouse.edit",
                                         "mouse.exclude", "mouse.exclude-measurement" };
  PdxDb                   *db = pdx_lab_get_db (self->binding.lab);

  g_free (self->locked_why);
  self->locked_why = pdx_study_dup_locked_tooltip (db, self->binding.study_id);
  self->writable = self->locked_why == NULL && !pdx_db_is_read_only (db);
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), actions[i], self->writable);
  pdx_widget_explain_locked (GTK_WIDGET (self), "mouse.", self->locked_why);
}

/* Endpoint… records one; on a mouse that has one the button says it corrects (or clears) it. */
static void
label_endpoint_button (PdxMousePage *self, const Loaded *loaded)
{
  gboolean has = loaded->endpoint != NULL;

  gtk_button_set_label (self->endpoint_button, has ? _ ("_Correct Endpoint…") : _ ("_Endpoint…"));
  g_object_set_data_full (G_OBJECT (self->endpoint_button), "pdx-own-tooltip",
                          g_strdup (has ? _ ("Correct this mouse’s endpoint (date, kind, event, "
                                             "note) or clear it, with a reason")
                                        : _ ("Record this mouse’s endpoint")),
                          g_free);
  gtk_widget_set_tooltip_text (
      GTK_WIDGET (self->endpoint_button),
      g_object_get_data (G_OBJECT (self->endpoint_button), "pdx-own-tooltip"));
}

static void
show_loaded (PdxMousePage *self, Loaded *loaded)
{
  g_autofree char *title = g_strdup_printf (_ ("Mouse %s"), loaded->mouse->tag);
  g_autofree char *subtitle = g_strdup_printf (
      /* Translators: study code, arm (or "not randomised"), status. */
      _ ("Study %s · %s · %s"), loaded->study->code,
      loaded->arm_name ? loaded->arm_name : _ ("not randomised"), status_text (loaded));

  g_free (self->mouse_tag);
  self->mouse_tag = g_strdup (loaded->mouse->tag);
  self->reference_weight_g = loaded->weight->reference_weight_g;
  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->subtitle_label, subtitle);
  remember (self, "title", title);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  fill_identity (self, loaded);
  fill_metrics (self, loaded);
  fill_endpoint (self, loaded);
  label_endpoint_button (self, loaded);
  /* Before the rows: their buttons read the lock when bound. */
  apply_lock (self);
  fill_measurements (self, loaded);
  pdx_chart_view_set_chart (self->growth_chart, g_steal_pointer (&loaded->growth));
  pdx_chart_view_set_chart (self->weight_chart, g_steal_pointer (&loaded->weight_chart));
}

static void
set_loading (PdxMousePage *self, gboolean loading)
{
  self->loading = loading;
  gtk_spinner_set_spinning (self->spinner, loading);
}

static void
load_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (Loaded) loaded = g_task_propagate_pointer (G_TASK (result), &error);
  PdxMousePage *self;
  gint64        start;

  /* Cancelled: the page moved on (or is gone); the result is dropped. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = PDX_MOUSE_PAGE (source);
  set_loading (self, FALSE);
  if (loaded == NULL)
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  start = g_get_monotonic_time ();
  show_loaded (self, loaded);
  g_debug ("PdxMousePage: mouse %" G_GINT64_FORMAT " laid out in %.1f ms", self->mouse_id,
           (g_get_monotonic_time () - start) / 1000.0);
}

static void
reload (GtkWidget *widget)
{
  PdxMousePage *self = PDX_MOUSE_PAGE (widget);
  g_autoptr (GTask) task = NULL;
  Load *load;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->binding.lab == NULL || self->mouse_id == 0)
    return;
  self->cancellable = g_cancellable_new ();
  load = g_new0 (Load, 1);
  load->lab_path = g_strdup (pdx_db_get_path (pdx_lab_get_db (self->binding.lab)));
  load->study_id = self->binding.study_id;
  load->mouse_id = self->mouse_id;
  task = g_task_new (self, self->cancellable, load_done_cb, NULL);
  g_task_set_task_data (task, load, (GDestroyNotify) load_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_object_set_data (
      G_OBJECT (task), "pdx-dark",
      GINT_TO_POINTER (adw_style_manager_get_dark (adw_style_manager_get_default ())));
  set_loading (self, TRUE);
  g_task_run_in_thread (task, load_thread);
}

void
pdx_mouse_page_set_mouse (PdxMousePage *self, PdxLab *lab, gint64 study_id, gint64 mouse_id)
{
  g_return_if_fail (PDX_IS_MOUSE_PAGE (self));
  if (mouse_id != self->mouse_id)
    {
      /* Nothing of the previous mouse stays on screen while the next one loads. */
      pdx_list_fill_stop (&self->fill);
      g_list_store_remove_all (self->measurements);
      clear_flow_box (self->identity_box);
      clear_flow_box (self->metrics_box);
      pdx_chart_view_set_chart (self->growth_chart, NULL);
      pdx_chart_view_set_chart (self->weight_chart, NULL);
      gtk_label_set_text (self->title_label, "");
      gtk_label_set_text (self->subtitle_label, "");
      gtk_label_set_text (self->endpoint_label, "");
      gtk_label_set_text (self->metrics_note, "");
      gtk_label_set_text (self->measurements_heading, "");
      g_hash_table_remove_all (self->texts);
      g_clear_pointer (&self->mouse_tag, g_free);
      self->reference_weight_g = NAN;
    }
  self->mouse_id = lab != NULL ? mouse_id : 0;
  /* Marks the page stale and loads once: now when shown, else when next shown. */
  pdx_study_binding_set (&self->binding, lab, study_id);
}

gint64
pdx_mouse_page_get_mouse_id (PdxMousePage *self)
{
  g_return_val_if_fail (PDX_IS_MOUSE_PAGE (self), 0);
  return self->mouse_id;
}

gboolean
pdx_mouse_page_is_loading (PdxMousePage *self)
{
  g_return_val_if_fail (PDX_IS_MOUSE_PAGE (self), FALSE);
  return self->loading || pdx_list_fill_is_running (&self->fill);
}

const char *
pdx_mouse_page_get_title (PdxMousePage *self)
{
  g_return_val_if_fail (PDX_IS_MOUSE_PAGE (self), NULL);
  return gtk_label_get_text (self->title_label);
}

GListModel *
pdx_mouse_page_get_measurements (PdxMousePage *self)
{
  g_return_val_if_fail (PDX_IS_MOUSE_PAGE (self), NULL);
  return G_LIST_MODEL (self->measurements);
}

const char *
pdx_mouse_page_get_text (PdxMousePage *self, const char *name)
{
  g_return_val_if_fail (PDX_IS_MOUSE_PAGE (self), NULL);
  return g_hash_table_lookup (self->texts, name);
}

PdxChartView *
pdx_mouse_page_get_chart (PdxMousePage *self, gboolean weight)
{
  g_return_val_if_fail (PDX_IS_MOUSE_PAGE (self), NULL);
  return weight ? self->weight_chart : self->growth_chart;
}

/* ---- the table ------------------------------------------------------------------------------- */

typedef enum
{
  COL_DATE,
  COL_DAY,
  COL_ANALYSIS, /* early: its button must show without scrolling sideways */
  COL_BLI,
  COL_MRI,
  COL_LENGTH,
  COL_WIDTH,
  COL_VOLUME,
  COL_WEIGHT,
  COL_NEURO,
  COL_NOTE,
  COL_OPERATOR,
  N_COLUMNS
} Column;

static const struct
{
  const char *title;
  int         width; /* px; 0: takes what is left */
  gboolean    numeric;
} columns[N_COLUMNS] = {
  [COL_DATE] = { N_ ("Date"), 104, FALSE },
  [COL_DAY] = { N_ ("Study day"), 80, TRUE },
  /* Translators: a column of the mouse page's measurements: whether the row counts in every
   * metric, chart and statistic, with its Exclude…/Include… button. */
  [COL_ANALYSIS] = { N_ ("In analysis"), 176, FALSE },
  [COL_BLI] = { N_ ("BLI flux (p/s)"), 116, TRUE },
  [COL_MRI] = { N_ ("MRI (mm³)"), 96, TRUE },
  [COL_LENGTH] = { N_ ("Length (mm)"), 96, TRUE },
  [COL_WIDTH] = { N_ ("Width (mm)"), 96, TRUE },
  [COL_VOLUME] = { N_ ("Volume (mm³)"), 110, TRUE },
  [COL_WEIGHT] = { N_ ("Weight (g)"), 88, TRUE },
  [COL_NEURO] = { N_ ("Neuro score"), 96, TRUE },
  [COL_NOTE] = { N_ ("Note"), 0, FALSE },
  [COL_OPERATOR] = { N_ ("Entered by"), 110, FALSE },
};

/* A stored value to 6 significant digits (as typed, for what a lab types), "" when none. */
static char *
number_or_blank (double value)
{
  return isnan (value) ? g_strdup ("") : pdx_format_short (value);
}

static char *
cell_text (PdxMeasurementItem *item, Column column)
{
  const PdxMeasurement *m = pdx_measurement_item_get (item);
  int                   day = pdx_measurement_item_get_day (item);

  switch (column)
    {
    case COL_DATE:
      return g_strdup (m->date);
    case COL_DAY:
      return day == G_MININT ? g_strdup ("") : g_strdup_printf ("%d", day);
    case COL_BLI:
      return isnan (m->bli_flux) ? g_strdup ("") : pdx_format_flux (m->bli_flux);
    case COL_MRI:
      return number_or_blank (m->mri_volume_mm3);
    case COL_LENGTH:
      return number_or_blank (m->length_mm);
    case COL_WIDTH:
      return number_or_blank (m->width_mm);
    case COL_VOLUME:
      return number_or_blank (m->volume_mm3);
    case COL_WEIGHT:
      return number_or_blank (m->weight_g);
    case COL_NEURO:
      return m->neuro_score < 0 ? g_strdup ("") : g_strdup_printf ("%d", m->neuro_score);
    case COL_NOTE:
      return g_strdup (m->note ? m->note : "");
    case COL_ANALYSIS:
      return g_strdup (pdx_measurement_item_get_exclusion_reason (item)
                           ? pdx_measurement_item_get_exclusion_reason (item)
                           : "");
    case COL_OPERATOR:
    case N_COLUMNS:
    default:
      return g_strdup (m->operator_name ? m->operator_name : "");
    }
}

/* The In analysis cell: "yes", or "excluded" (the reason as tooltip), and the button that
 * excludes the row or includes it again (mouse.exclude-measurement, the row's id). */
static GtkWidget *
new_analysis_cell (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *button = gtk_button_new ();

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_button_set_use_underline (GTK_BUTTON (button), FALSE);
  gtk_widget_add_css_class (button, "flat");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), button);
  return box;
}

static void
bind_analysis_cell (PdxMousePage *self, GtkWidget *box, PdxMeasurementItem *item)
{
  GtkWidget       *label = gtk_widget_get_first_child (box);
  GtkWidget       *button = gtk_widget_get_next_sibling (label);
  const char      *why = pdx_measurement_item_get_exclusion_reason (item);
  g_autofree char *tooltip = NULL;

  gtk_label_set_text (GTK_LABEL (label), why ? _ ("excluded") : _ ("yes"));
  gtk_widget_set_tooltip_text (label, why);
  if (why)
    gtk_widget_add_css_class (label, "warning");
  else
    gtk_widget_remove_css_class (label, "warning");
  gtk_button_set_label (GTK_BUTTON (button), why ? _ ("Include…") : _ ("Exclude…"));
  /* The target first: the action takes one (an action name without it would be refused). */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x",
                                    pdx_measurement_item_get (item)->id);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "mouse.exclude-measurement");
  if (self->locked_why == NULL && why != NULL)
    tooltip = g_strdup_printf (_ ("Excluded: “%s”. Include this measurement in every metric, "
                                  "chart and statistic again, with a reason"),
                               why);
  else if (self->locked_why == NULL)
    tooltip = g_strdup (_ ("Leave this measurement out of every metric, chart and statistic (an "
                           "imaging failure, a mis-injected luciferin), with a reason"));
  gtk_widget_set_tooltip_text (button, self->locked_why ? self->locked_why : tooltip);
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer column)
{
  GtkWidget *label;

  if (GPOINTER_TO_INT (column) == COL_ANALYSIS)
    {
      gtk_list_item_set_child (item, new_analysis_cell ());
      return;
    }
  label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (label), columns[GPOINTER_TO_INT (column)].numeric ? 1 : 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (columns[GPOINTER_TO_INT (column)].numeric)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer column)
{
  GtkWidget       *label = gtk_list_item_get_child (item);
  g_autofree char *text = NULL;

  if (GPOINTER_TO_INT (column) == COL_ANALYSIS)
    {
      bind_analysis_cell (g_object_get_data (G_OBJECT (factory), "pdx-page"), label,
                          gtk_list_item_get_item (item));
      return;
    }
  text = cell_text (gtk_list_item_get_item (item), GPOINTER_TO_INT (column));
  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_widget_set_tooltip_text (label, text[0] ? text : NULL);
}

static void
add_columns (PdxMousePage *self)
{
  for (int c = 0; c < N_COLUMNS; c++)
    {
      GtkListItemFactory  *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;

      g_object_set_data (G_OBJECT (factory), "pdx-page", self);
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GINT_TO_POINTER (c));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GINT_TO_POINTER (c));
      column = gtk_column_view_column_new (_ (columns[c].title), factory);
      gtk_column_view_column_set_resizable (column, TRUE);
      if (columns[c].width > 0)
        gtk_column_view_column_set_fixed_width (column, columns[c].width);
      else
        gtk_column_view_column_set_expand (column, TRUE);
      gtk_column_view_append_column (self->measurements_view, column);
      g_object_unref (column);
    }
}

/* ---- actions --------------------------------------------------------------------------------- */

AdwMessageDialog *
pdx_mouse_page_open_dialog (PdxMousePage *self, const char *action)
{
  GtkWindow        *parent = GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));
  PdxLab           *lab = self->binding.lab;
  AdwMessageDialog *dialog = NULL;

  g_return_val_if_fail (PDX_IS_MOUSE_PAGE (self), NULL);
  if (lab == NULL || self->mouse_id == 0)
    return NULL;
  if (g_str_equal (action, "add-measurement"))
    {
      PdxAddMeasurementDialog *add = pdx_add_measurement_dialog_new (
          GTK_WIDGET (self), parent, lab, self->binding.study_id, self->mouse_id);

      pdx_add_measurement_dialog_set_reference_weight (add, self->reference_weight_g);
      dialog = ADW_MESSAGE_DIALOG (add);
    }
  else if (g_str_equal (action, "endpoint"))
    dialog = pdx_mice_dialog_endpoint (GTK_WIDGET (self), parent, lab, self->mouse_id);
  else if (g_str_equal (action, "exclude"))
    dialog = pdx_mice_dialog_exclude (GTK_WIDGET (self), parent, lab, self->mouse_id);
  else if (g_str_equal (action, "edit"))
    dialog = pdx_mice_dialog_edit (GTK_WIDGET (self), parent, lab, self->mouse_id);
  if (dialog != NULL)
    gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/* The Exclude…/Include… of one measurement (@measurement_id). */
PdxExcludeMeasurementDialog *
pdx_mouse_page_open_exclude_measurement (PdxMousePage *self, gint64 measurement_id)
{
  GtkWindow *parent = GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));
  g_autoptr (GError) error = NULL;
  PdxExcludeMeasurementDialog *dialog;

  g_return_val_if_fail (PDX_IS_MOUSE_PAGE (self), NULL);
  if (self->binding.lab == NULL)
    return NULL;
  dialog = pdx_exclude_measurement_dialog_new (GTK_WIDGET (self), parent, self->binding.lab,
                                               measurement_id, &error);
  if (dialog == NULL)
    {
      gtk_window_present (GTK_WINDOW (
          pdx_mice_dialog_alert (parent, _ ("Cannot Exclude or Include"), error->message)));
      return NULL;
    }
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
exclude_measurement_action (GtkWidget *widget, const char *name, GVariant *param)
{
  pdx_mouse_page_open_exclude_measurement (PDX_MOUSE_PAGE (widget), g_variant_get_int64 (param));
}

static void
dialog_action (GtkWidget *widget, const char *name, GVariant *param)
{
  pdx_mouse_page_open_dialog (PDX_MOUSE_PAGE (widget), name + strlen ("mouse."));
}

static void
back_action (GtkWidget *widget, const char *name, GVariant *param)
{
  gtk_widget_activate_action (widget, "study.close-mouse", NULL);
}

static void
history_action (GtkWidget *widget, const char *name, GVariant *param)
{
  PdxMousePage *self = PDX_MOUSE_PAGE (widget);

  if (self->mouse_tag != NULL)
    gtk_widget_activate_action (widget, "study.mouse-history", "s", self->mouse_tag);
}

static void
pdx_mouse_page_dispose (GObject *object)
{
  PdxMousePage *self = PDX_MOUSE_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  pdx_list_fill_stop (&self->fill);
  pdx_study_binding_clear (&self->binding);
  gtk_widget_dispose_template (GTK_WIDGET (self), PDX_TYPE_MOUSE_PAGE);
  pdx_widget_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->measurements);
  g_clear_pointer (&self->texts, g_hash_table_unref);
  g_clear_pointer (&self->mouse_tag, g_free);
  g_clear_pointer (&self->locked_why, g_free);
  G_OBJECT_CLASS (pdx_mouse_page_parent_class)->dispose (object);
}

static void
pdx_mouse_page_class_init (PdxMousePageClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pdx_mouse_page_dispose;
  g_type_ensure (PDX_TYPE_CHART_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/pdxtrack/Pdxtrack/ui/pdx-mouse-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PdxMousePage, title_label);
  gtk_widget_class_bind_template_child (widget_class, PdxMousePage, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, PdxMousePage, error_label);
  gtk_widget_class_bind_template_child (widget_class, PdxMousePage, metrics_note);
  gtk_widget_class_bind_template_child (widget_class, PdxMousePage, endpoint_label);
  gtk_widget_class_bind_template_child (widget_class, PdxMousePage, measurements_heading);
  gtk_widget_class_bind_template_child (widget_class, PdxMousePage, spinner);
  gtk_widget_class_bind_template_child (widget_class, PdxMousePage, identity_box);
  gtk_widget_class_bind_template_child (widget_class, PdxMousePage, metrics_box);
  gtk_widget_class_bind_template_child (widget_class, PdxMousePage, growth_chart);
  gtk_widget_class_bind_template_child (widget_class, PdxMousePage, weight_chart);
  gtk_widget_class_bind_template_child (widget_class, PdxMousePage, measurements_view);
  gtk_widget_class_bind_template_child (widget_class, PdxMousePage, endpoint_button);
  gtk_widget_class_install_action (widget_class, "mouse.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "mouse.history", NULL, history_action);
  gtk_widget_class_install_action (widget_class, "mouse.add-measurement", NULL, dialog_action);
  gtk_widget_class_install_action (widget_class, "mouse.endpoint", NULL, dialog_action);
  gtk_widget_class_install_action (widget_class, "mouse.edit", NULL, dialog_action);
  gtk_widget_class_install_action (widget_class, "mouse.exclude", NULL, dialog_action);
  gtk_widget_class_install_action (widget_class, "mouse.exclude-measurement", "x",
                                   exclude_measurement_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "mouse.back",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "mouse.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "mouse.add-measurement", NULL);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
pdx_mouse_page_init (PdxMousePage *self)
{
  GtkNoSelection *selection;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->reference_weight_g = NAN;
  self->measurements = g_list_store_new (PDX_TYPE_MEASUREMENT_ITEM);
  self->texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->measurements)));
  gtk_column_view_set_model (self->measurements_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);
  add_columns (self);
  pdx_study_binding_init (&self->binding, GTK_WIDGET (self), reload);
}
