/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-power-page.c — the Sample Size page (see the header). The form is the template
 * ui/pdx-power-page.ui. A study's model is fitted when the study is chosen (one REML fit, on the
 * main thread: milliseconds) and its values shown in the rows, read-only; the simulation runs in
 * a GTask thread that only reads the model, the page polling its progress every 100 ms. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx-power-page.h"

#include <math.h>

#include "pdx-gui-format.h"

struct _PdxPowerPage
{
  GtkWidget parent_instance;

  GtkWidget      *scroller;
  GtkDropDown    *source_dropdown, *effect_dropdown;
  AdwEntryRow    *rate_row, *sd_intercept_row, *sd_slope_row, *cor_row, *sigma_row, *days_row;
  GtkSpinButton  *effect_spin, *power_spin, *alpha_spin, *min_spin, *max_spin, *sims_spin;
  GtkSpinButton  *seed_spin;
  GtkButton      *compute_button, *cancel_button;
  GtkProgressBar *progress_bar;
  GtkLabel       *message_label;
  GtkGrid        *result_grid;

  PdxLab        *lab;
  GArray        *study_ids;   /* gint64 per source_dropdown position; 0 = typed values */
  PdxPowerModel *study_model; /* the chosen study's; read by a running simulation */
  GCancellable  *cancellable; /* of the running simulation, or NULL */
  guint          poll_id;
  gint           done, total; /* atomic: the running simulation's fits made, of total */
  guint          answer;
  gboolean       disposed; /* a simulation that ends later shows nothing */
};

G_DEFINE_FINAL_TYPE (PdxPowerPage, pdx_power_page, GTK_TYPE_WIDGET)

static void
show_message (PdxPowerPage *self, const char *text, gboolean error)
{
  gtk_label_set_text (self->message_label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), text != NULL);
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "error");
}

static void
clear_result (PdxPowerPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->result_grid))) != NULL)
    gtk_grid_remove (self->result_grid, child);
  gtk_widget_set_visible (GTK_WIDGET (self->result_grid), FALSE);
  self->answer = 0;
}

/* ---- the model ------------------------------------------------------------------------------ */

static AdwEntryRow *
model_row (PdxPowerPage *self, guint i)
{
  AdwEntryRow *rows[] = { self->rate_row, self->sd_intercept_row, self->sd_slope_row,
                          self->cor_row,  self->sigma_row,        self->days_row };
  return i < G_N_ELEMENTS (rows) ? rows[i] : NULL;
}

static void
set_row_number (AdwEntryRow *row, double value)
{
  g_autofree char *text = pdx_format_decimal (value, 6);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

/* Shows @m's values in the model's rows. */
static void
show_model (PdxPowerPage *self, const PdxPowerModel *m)
{
  g_autoptr (GString) days = g_string_new (NULL);

  set_row_number (self->rate_row, m->growth_rate);
  set_row_number (self->sd_intercept_row, m->sd_intercept);
  set_row_number (self->sd_slope_row, m->sd_slope);
  set_row_number (self->cor_row, m->correlation);
  set_row_number (self->sigma_row, m->sigma);
  for (guint j = 0; j < m->n_days; j++)
    {
      g_autofree char *day = pdx_format_decimal (m->days[j], 2);
      g_string_append_printf (days, "%s%s", j ? " " : "", day);
    }
  gtk_editable_set_text (GTK_EDITABLE (self->days_row), days->str);
}

static void
source_changed_cb (PdxPowerPage *self)
{
  guint  selected = gtk_drop_down_get_selected (self->source_dropdown);
  gint64 study_id =
      selected < self->study_ids->len ? g_array_index (self->study_ids, gint64, selected) : 0;

  g_clear_pointer (&self->study_model, pdx_power_model_free);
  clear_result (self);
  show_message (self, NULL, FALSE);
  for (guint i = 0; model_row (self, i); i++)
    gtk_editable_set_editable (GTK_EDITABLE (model_row (self, i)), study_id == 0);
  if (study_id != 0 && self->lab != NULL)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PdxStudyData) data =
          pdx_study_data_load (pdx_lab_get_db (self->lab), study_id, &error);

      if (data != NULL)
        self->study_model = pdx_power_model_from_study (data, PDX_GROWTH_TRANSFORM_LOG, &error);
      if (self->study_model == NULL)
        {
          g_autofree char *text =
              g_strdup_printf (_ ("This study gives no growth model to simulate from: %s"),
                               error ? error->message : "?");
          show_message (self, text, TRUE);
          for (guint i = 0; model_row (self, i); i++)
            gtk_editable_set_text (GTK_EDITABLE (model_row (self, i)), "");
        }
      else
        show_model (self, self->study_model);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->compute_button),
                            study_id == 0 || self->study_model != NULL);
}

/* A number typed in @row; FALSE with the message shown (naming the row) when it is not one. */
static gboolean
row_number (PdxPowerPage *self, AdwEntryRow *row, gboolean required, double *out)
{
  const char      *text = gtk_editable_get_text (GTK_EDITABLE (row));
  const char      *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
  g_autofree char *message = NULL;

  if (!pdx_parse_number (text, out))
    message = g_strdup_printf (_ ("%s: “%s” is not a number"), title, text);
  else if (required && isnan (*out))
    message = g_strdup_printf (_ ("%s: a number is needed"), title);
  else
    return TRUE;
  show_message (self, message, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (row));
  return FALSE;
}

/* The typed model; NULL with the message shown. */
static PdxPowerModel *
typed_model (PdxPowerPage *self)
{
  g_autoptr (GArray) days = g_array_new (FALSE, FALSE, sizeof (double));
  g_auto (GStrv) words = NULL;
  g_autoptr (GError) error = NULL;
  double         rate, sd0, sd1, cor, sigma;
  PdxPowerModel *model;

  if (!row_number (self, self->rate_row, TRUE, &rate) ||
      !row_number (self, self->sd_intercept_row, TRUE, &sd0) ||
      !row_number (self, self->sd_slope_row, TRUE, &sd1) ||
      !row_number (self, self->cor_row, FALSE, &cor) ||
      !row_number (self, self->sigma_row, TRUE, &sigma))
    return NULL;
  if (isnan (cor))
    cor = 0;
  /* Days are separated by spaces or semicolons (a comma may be a decimal comma). */
  words = g_strsplit_set (gtk_editable_get_text (GTK_EDITABLE (self->days_row)), " ;\t", -1);
  for (guint i = 0; words[i]; i++)
    {
      double day;
      if (*g_strstrip (words[i]) == '\0')
        continue;
      if (!pdx_parse_number (words[i], &day) || isnan (day))
        {
          g_autofree char *message =
              g_strdup_printf (_ ("Measurement days: “%s” is not a day (give the study days "
                                  "separated by spaces, e.g. 0 3 7 10 14)"),
                               words[i]);
          show_message (self, message, TRUE);
          gtk_widget_grab_focus (GTK_WIDGET (self->days_row));
          return NULL;
        }
      g_array_append_val (days, day);
    }
  model = pdx_power_model_new (0, rate, sd0, sd1, cor, sigma, (const double *) (void *) days->data,
                               days->len, &error);
  if (model == NULL)
    show_message (self, error->message, TRUE);
  return model;
}

/* ---- the simulation ------------------------------------------------------------------------- */

typedef struct
{
  PdxPowerPage    *page;  /* reffed by the task */
  PdxPowerModel   *typed; /* owned, or NULL: the page's study model */
  PdxPowerSettings settings;
} PowerJob;

static void
power_job_free (gpointer data)
{
  PowerJob *job = data;
  g_clear_pointer (&job->typed, pdx_power_model_free);
  g_free (job);
}

static gboolean
job_progress (guint done, guint total, gpointer user_data)
{
  GTask        *task = user_data;
  PdxPowerPage *self = g_task_get_source_object (task);

  g_atomic_int_set (&self->done, (gint) done);
  g_atomic_int_set (&self->total, (gint) total);
  return !g_cancellable_is_cancelled (g_task_get_cancellable (task));
}

static void
job_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  PowerJob       *job = task_data;
  PdxPowerPage   *self = source;
  GError         *error = NULL;
  PdxPowerResult *result = pdx_power_simulate (job->typed ? job->typed : self->study_model,
                                               &job->settings, job_progress, task, &error);

  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) pdx_power_result_free);
}

static gboolean
poll_progress (gpointer data)
{
  PdxPowerPage *self = data;
  gint          total = g_atomic_int_get (&self->total), done = g_atomic_int_get (&self->done);

  if (total > 0)
    {
      g_autofree char *text = g_strdup_printf (_ ("%d of %d fits"), done, total);
      gtk_progress_bar_set_fraction (self->progress_bar, (double) done / total);
      gtk_progress_bar_set_text (self->progress_bar, text);
    }
  return G_SOURCE_CONTINUE;
}

static void
set_running (PdxPowerPage *self, gboolean running)
{
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), running);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->compute_button), !running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->source_dropdown), !running);
  if (running)
    {
      g_atomic_int_set (&self->done, 0);
      g_atomic_int_set (&self->total, 0);
      gtk_progress_bar_set_fraction (self->progress_bar, 0);
      gtk_progress_bar_set_text (self->progress_bar, _ ("Starting…"));
      self->poll_id = g_timeout_add (100, poll_progress, self);
    }
  else
    g_clear_handle_id (&self->poll_id, g_source_remove);
}

static void
add_cell (PdxPowerPage *self, const char *text, int column, int row, gboolean strong, float xalign)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  if (strong)
    gtk_widget_add_css_class (label, "heading");
  if (row > 0)
    gtk_widget_add_css_class (label, "numeric");
  gtk_grid_attach (self->result_grid, label, column, row, 1, 1);
}

static void
show_result (PdxPowerPage *self, const PdxPowerResult *r, const PdxPowerModel *m)
{
  g_autoptr (GString) text = g_string_new (NULL);
  g_autofree char *power = pdx_format_decimal (r->settings.power, 2);
  g_autofree char *alpha = pdx_format_decimal (r->settings.alpha, 3);
  g_autofree char *sims = pdx_format_count (r->settings.simulations);
  g_autofree char *effect = pdx_format_decimal (r->settings.effect_percent, 1);
  guint            failed = 0;

  clear_result (self);
  self->answer = r->answer;
  if (r->answer > 0)
    g_string_append_printf (text, _ ("%u mice per arm reach a power of %s."), r->answer, power);
  else
    g_string_append_printf (text, _ ("No number of mice up to %u per arm reaches a power of %s."),
                            r->settings.max_mice, power);
  g_string_append_c (text, ' ');
  g_string_append_printf (text,
                          r->settings.effect == PDX_POWER_EFFECT_TGI
                              ? _ ("Effect: TGI %s %%; the day × arm test at α = %s, two-sided; "
                                   "%s simulated studies per row, seed %u.")
                              : _ ("Effect: the growth rate reduced by %s %%; the day × arm test "
                                   "at α = %s, two-sided; %s simulated studies per row, seed %u."),
                          effect, alpha, sims, (guint) r->settings.seed);
  if (m->study_code)
    {
      g_string_append_c (text, ' ');
      g_string_append_printf (text,
                              _ ("Model: the REML growth model of study %s (%s transform, %u "
                                 "control mice)."),
                              m->study_code, pdx_growth_transform_to_string (m->transform),
                              m->n_control_mice);
    }
  for (guint i = 0; i < r->n_points; i++)
    failed += r->points[i].n_failed;
  if (failed > 0)
    {
      g_string_append_c (text, ' ');
      g_string_append_printf (text,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%u simulated fit was refused and counts as not "
                                           "significant.",
                                           "%u simulated fits were refused and count as not "
                                           "significant.",
                                           failed),
                              failed);
    }
  show_message (self, text->str, FALSE);

  add_cell (self, _ ("Mice per arm"), 0, 0, TRUE, 1);
  add_cell (self, _ ("Power"), 1, 0, TRUE, 1);
  add_cell (self, _ ("± SE"), 2, 0, TRUE, 1);
  for (guint i = 0; i < r->n_points; i++)
    {
      const PdxPowerPoint *p = &r->points[i];
      g_autofree char     *n = g_strdup_printf ("%u", p->mice_per_arm);
      g_autofree char     *pw = pdx_format_value (p->power, 3);
      g_autofree char     *se = pdx_format_value (p->power_se, 3);
      gboolean             answer = p->mice_per_arm == r->answer;
      GtkWidget           *bar = gtk_level_bar_new_for_interval (0, 1);

      add_cell (self, n, 0, (int) i + 1, answer, 1);
      add_cell (self, pw, 1, (int) i + 1, answer, 1);
      add_cell (self, se, 2, (int) i + 1, FALSE, 1);
      gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), p->power);
      /* no "low/high" colours: a power is not a warning level */
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
      gtk_widget_set_hexpand (bar, TRUE);
      gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, pw, -1);
      gtk_grid_attach (self->result_grid, bar, 3, (int) i + 1, 1, 1);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->result_grid), TRUE);
}

static void
job_done (GObject *source, GAsyncResult *res, gpointer user_data)
{
  PdxPowerPage *self = PDX_POWER_PAGE (source);
  PowerJob     *job = g_task_get_task_data (G_TASK (res));
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxPowerResult) result = g_task_propagate_pointer (G_TASK (res), &error);

  g_clear_object (&self->cancellable);
  if (self->disposed)
    return;
  set_running (self, FALSE);
  if (result != NULL)
    show_result (self, result, job->typed ? job->typed : self->study_model);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_message (self, _ ("Stopped: no result."), FALSE);
  else
    show_message (self, error->message, TRUE);
}

void
pdx_power_page_compute (PdxPowerPage *self)
{
  g_autoptr (GTask) task = NULL;
  PowerJob *job;

  g_return_if_fail (PDX_IS_POWER_PAGE (self));
  if (self->cancellable != NULL)
    return;
  show_message (self, NULL, FALSE);
  clear_result (self);
  job = g_new0 (PowerJob, 1);
  if (self->study_model == NULL && (job->typed = typed_model (self)) == NULL)
    {
      power_job_free (job);
      return;
    }
  pdx_power_settings_init (&job->settings);
  job->settings.effect = gtk_drop_down_get_selected (self->effect_dropdown) == 1
                             ? PDX_POWER_EFFECT_SLOPE_REDUCTION
                             : PDX_POWER_EFFECT_TGI;
  job->settings.effect_percent = gtk_spin_button_get_value (self->effect_spin);
  job->settings.power = gtk_spin_button_get_value (self->power_spin);
  job->settings.alpha = gtk_spin_button_get_value (self->alpha_spin);
  job->settings.min_mice = (guint) gtk_spin_button_get_value_as_int (self->min_spin);
  job->settings.max_mice = (guint) gtk_spin_button_get_value_as_int (self->max_spin);
  job->settings.simulations = (guint) gtk_spin_button_get_value_as_int (self->sims_spin);
  job->settings.seed = (guint64) gtk_spin_button_get_value (self->seed_spin);
  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, job_done, NULL);
  g_task_set_task_data (task, job, power_job_free);
  set_running (self, TRUE);
  g_task_run_in_thread (task, job_thread);
}

static void
compute_clicked_cb (PdxPowerPage *self)
{
  pdx_power_page_compute (self);
}

static void
cancel_clicked_cb (PdxPowerPage *self)
{
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
}

/* ---- the page ------------------------------------------------------------------------------- */

static void
fill_sources (PdxPowerPage *self)
{
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  gint64 none = 0;

  g_array_set_size (self->study_ids, 0);
  gtk_string_list_append (names, _ ("Values typed below"));
  g_array_append_val (self->study_ids, none);
  if (self->lab != NULL)
    {
      g_autoptr (GPtrArray) studies = pdx_study_list (pdx_lab_get_db (self->lab), 0, NULL);
      for (guint i = 0; studies && i < studies->len; i++)
        {
          const PdxStudy  *s = g_ptr_array_index (studies, i);
          g_autofree char *name = g_strdup_printf (_ ("Study %s"), s->code);
          gtk_string_list_append (names, name);
          g_array_append_val (self->study_ids, s->id);
        }
    }
  gtk_drop_down_set_model (self->source_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->source_dropdown, 0);
}

gboolean
pdx_power_page_select_study (PdxPowerPage *self, gint64 study_id)
{
  g_return_val_if_fail (PDX_IS_POWER_PAGE (self), FALSE);
  for (guint i = 0; i < self->study_ids->len; i++)
    if (g_array_index (self->study_ids, gint64, i) == study_id)
      {
        gtk_drop_down_set_selected (self->source_dropdown, i);
        source_changed_cb (self); /* also when already selected */
        return TRUE;
      }
  return FALSE;
}

gboolean
pdx_power_page_is_running (PdxPowerPage *self)
{
  g_return_val_if_fail (PDX_IS_POWER_PAGE (self), FALSE);
  return self->cancellable != NULL;
}

guint
pdx_power_page_get_answer (PdxPowerPage *self)
{
  g_return_val_if_fail (PDX_IS_POWER_PAGE (self), 0);
  return self->answer;
}

const char *
pdx_power_page_get_message (PdxPowerPage *self)
{
  g_return_val_if_fail (PDX_IS_POWER_PAGE (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->message_label))
             ? gtk_label_get_text (self->message_label)
             : NULL;
}

GtkEditable *
pdx_power_page_get_field (PdxPowerPage *self, const char *name)
{
  static const char *const entries[] = {
    "rate", "sd-intercept", "sd-slope", "cor", "sigma", "days"
  };
  GtkSpinButton *spins[] = { self->effect_spin, self->power_spin, self->alpha_spin, self->min_spin,
                             self->max_spin,    self->sims_spin,  self->seed_spin };
  static const char *const spin_names[] = { "effect", "power",       "alpha", "min",
                                            "max",    "simulations", "seed" };

  g_return_val_if_fail (PDX_IS_POWER_PAGE (self), NULL);
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    if (g_strcmp0 (name, entries[i]) == 0)
      return GTK_EDITABLE (model_row (self, i));
  for (guint i = 0; i < G_N_ELEMENTS (spin_names); i++)
    if (g_strcmp0 (name, spin_names[i]) == 0)
      return GTK_EDITABLE (spins[i]);
  return NULL;
}

void
pdx_power_page_set_lab (PdxPowerPage *self, PdxLab *lab)
{
  g_return_if_fail (PDX_IS_POWER_PAGE (self));
  g_return_if_fail (self->cancellable == NULL);
  g_set_object (&self->lab, lab);
  fill_sources (self);
}

GtkWidget *
pdx_power_page_new (PdxLab *lab)
{
  PdxPowerPage *self = g_object_new (PDX_TYPE_POWER_PAGE, NULL);

  pdx_power_page_set_lab (self, lab);
  return GTK_WIDGET (self);
}

/* Leaving the window (the dialog closed) stops a running simulation: the task holds the page,
 * so dispose would come only after it ended. */
static void
pdx_power_page_unroot (GtkWidget *widget)
{
  PdxPowerPage *self = PDX_POWER_PAGE (widget);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  GTK_WIDGET_CLASS (pdx_power_page_parent_class)->unroot (widget);
}

static void
pdx_power_page_dispose (GObject *object)
{
  PdxPowerPage *self = PDX_POWER_PAGE (object);

  /* A running simulation holds the page (the task's source) and reads its study model (it was
   * stopped when the page left its window): the model is freed in finalize, after the task let
   * the page go. */
  self->disposed = TRUE;
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->poll_id, g_source_remove);
  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  g_clear_object (&self->lab);
  G_OBJECT_CLASS (pdx_power_page_parent_class)->dispose (object);
}

static void
pdx_power_page_finalize (GObject *object)
{
  PdxPowerPage *self = PDX_POWER_PAGE (object);

  g_clear_pointer (&self->study_model, pdx_power_model_free);
  g_clear_object (&self->cancellable);
  g_array_unref (self->study_ids);
  G_OBJECT_CLASS (pdx_power_page_parent_class)->finalize (object);
}

static void
pdx_power_page_class_init (PdxPowerPageClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pdx_power_page_dispose;
  object_class->finalize = pdx_power_page_finalize;
  widget_class->unroot = pdx_power_page_unroot;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/pdxtrack/Pdxtrack/ui/pdx-power-page.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, PdxPowerPage, name)
  BIND (scroller);
  BIND (source_dropdown);
  BIND (effect_dropdown);
  BIND (rate_row);
  BIND (sd_intercept_row);
  BIND (sd_slope_row);
  BIND (cor_row);
  BIND (sigma_row);
  BIND (days_row);
  BIND (effect_spin);
  BIND (power_spin);
  BIND (alpha_spin);
  BIND (min_spin);
  BIND (max_spin);
  BIND (sims_spin);
  BIND (seed_spin);
  BIND (compute_button);
  BIND (cancel_button);
  BIND (progress_bar);
  BIND (message_label);
  BIND (result_grid);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, source_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, compute_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
}

static void
pdx_power_page_init (PdxPowerPage *self)
{
  self->study_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_widget_init_template (GTK_WIDGET (self));
}
