/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-overview-page.c — a study at a glance: metadata, arms and agents, headline numbers, its
 * signatures and lock.
 * Every number comes from the analysis module (pdx-analysis.h); this file only lays it out. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx-overview-page.h"

#include <math.h>

#include "pdx/pdx-analysis.h"
#include "pdx-gui-format.h"
#include "pdx-sign-dialog.h"
#include "pdx-study-binding.h"

struct _PdxOverviewPage
{
  GtkWidget parent_instance;

  GtkFlowBox          *headline_box;
  GtkGrid             *arms_grid;
  GtkLabel            *note_label;
  AdwPreferencesGroup *study_group;
  AdwActionRow        *status_row;
  GPtrArray           *study_rows;
  GtkWidget           *lock_notice;
  GtkLabel            *lock_label;
  AdwPreferencesGroup *signatures_group;
  GPtrArray           *signature_rows;
  GHashTable          *headlines; /* title → value label */

  PdxStudyBinding binding;
};

G_DEFINE_FINAL_TYPE (PdxOverviewPage, pdx_overview_page, GTK_TYPE_WIDGET)

static void
add_headline (PdxOverviewPage *self, const char *title, const char *value, const char *detail)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *value_label = gtk_label_new (value);
  GtkWidget *title_label = gtk_label_new (title);
  GtkWidget *detail_label = gtk_label_new (detail ? detail : "");

  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "pdx-headline");
  gtk_widget_add_css_class (value_label, "title-1");
  gtk_widget_add_css_class (title_label, "heading");
  gtk_widget_add_css_class (detail_label, "dim-label");
  gtk_widget_add_css_class (detail_label, "caption");
  gtk_label_set_wrap (GTK_LABEL (detail_label), TRUE);
  gtk_label_set_justify (GTK_LABEL (detail_label), GTK_JUSTIFY_CENTER);
  gtk_box_append (GTK_BOX (box), value_label);
  gtk_box_append (GTK_BOX (box), title_label);
  gtk_box_append (GTK_BOX (box), detail_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_flow_box_append (self->headline_box, box);
  g_hash_table_insert (self->headlines, g_strdup (title), value_label);
}

const char *
pdx_overview_page_get_headline (PdxOverviewPage *self, const char *title)
{
  GtkLabel *label = g_hash_table_lookup (self->headlines, title);

  return label ? gtk_label_get_text (label) : NULL;
}

const char *
pdx_overview_page_get_arm_cell (PdxOverviewPage *self, guint arm, const char *column)
{
  for (int c = 0;; c++)
    {
      GtkWidget *header = gtk_grid_get_child_at (self->arms_grid, c, 0);
      GtkWidget *cell;

      if (header == NULL)
        return NULL;
      if (!GTK_IS_LABEL (header) || g_strcmp0 (gtk_label_get_text (GTK_LABEL (header)), column))
        continue;
      cell = gtk_grid_get_child_at (self->arms_grid, c, (int) arm + 1);
      return cell != NULL && GTK_IS_LABEL (cell) ? gtk_label_get_text (GTK_LABEL (cell)) : NULL;
    }
}

const char *
pdx_overview_page_get_note (PdxOverviewPage *self)
{
  return gtk_label_get_text (self->note_label);
}

static void
clear_content (PdxOverviewPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->headline_box))) != NULL)
    gtk_flow_box_remove (self->headline_box, child);
  g_hash_table_remove_all (self->headlines);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->arms_grid))) != NULL)
    gtk_grid_remove (self->arms_grid, child);
  for (guint i = 0; i < self->study_rows->len; i++)
    adw_preferences_group_remove (self->study_group, g_ptr_array_index (self->study_rows, i));
  g_ptr_array_set_size (self->study_rows, 0);
  for (guint i = 0; i < self->signature_rows->len; i++)
    adw_preferences_group_remove (self->signatures_group,
                                  g_ptr_array_index (self->signature_rows, i));
  g_ptr_array_set_size (self->signature_rows, 0);
  gtk_widget_set_visible (self->lock_notice, FALSE);
  gtk_label_set_text (self->note_label, "");
}

/* One signature: meaning, who and when as the title; the reason, the seal and whether the
 * person was re-authenticated below. */
static void
add_signature_row (PdxOverviewPage *self, const PdxSignature *signature)
{
  GtkWidget       *row = adw_action_row_new ();
  g_autofree char *when = pdx_signature_format_time (signature);
  g_autofree char *who = signature->name && g_strcmp0 (signature->name, signature->login) != 0
                             ? g_strdup_printf ("%s (%s)", signature->login, signature->name)
                             : g_strdup (signature->login);
  g_autofree char *title = g_strdup_printf (
      /* Translators: the meaning (Review, Approve, Lock, Unlock), who signed, when. */
      _ ("%s — %s, %s"), pdx_signature_meaning_get_label (signature->meaning), who, when);
  g_autofree char *seal = g_strndup (signature->seal_hash, 16);
  g_autofree char *subtitle = g_strdup_printf (
      /* Translators: the reason, the audit seal's entry number and its first 16 hex digits,
       * then "re-authenticated" or "not re-authenticated: WHY". */
      _ ("“%s” · audit seal: entry %lld · %s… · %s"), signature->reason,
      (long long) signature->seal_seq, seal,
      signature->reauthenticated ? _ ("re-authenticated") : signature->method);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_tooltip_text (row, signature->seal_hash);
  adw_preferences_group_add (self->signatures_group, row);
  g_ptr_array_add (self->signature_rows, row);
}

/* The study's signatures and, when locked, the lock notice; Sign and Unlock only where they
 * apply (a read-only lab signs nothing). */
static void
fill_signatures (PdxOverviewPage *self, PdxDb *db, gint64 study_id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) signatures = pdx_study_list_signatures (db, study_id, &error);
  g_autoptr (PdxSignature) lock = signatures ? pdx_study_get_lock (db, study_id, &error) : NULL;
  g_autofree char *lock_text = NULL;

  if (signatures == NULL || error != NULL)
    {
      gtk_label_set_text (self->note_label, error->message);
      return;
    }
  for (guint i = 0; i < signatures->len; i++)
    add_signature_row (self, g_ptr_array_index (signatures, i));
  gtk_widget_set_visible (self->lock_notice, lock != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "overview.unlock",
                                 lock != NULL && !pdx_db_is_read_only (db));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "overview.sign", !pdx_db_is_read_only (db));
  if (lock == NULL)
    return;
  if (pdx_study_describe_lock (db, study_id, &lock_text, NULL) && lock_text)
    {
      g_autofree char *notice = g_strdup_printf (
          "%s\n%s", lock_text,
          _ ("No one can change this study's data until it is unlocked with a reason."));
      gtk_label_set_text (self->lock_label, notice);
    }
}

/* overview.sign and overview.unlock: the sign dialog, in its two modes. */
static void
sign_action (GtkWidget *widget, const char *name, GVariant *param)
{
  PdxOverviewPage *self = PDX_OVERVIEW_PAGE (widget);
  GtkWindow       *parent = GTK_WINDOW (gtk_widget_get_root (widget));
  PdxSignDialog   *dialog;

  if (self->binding.lab == NULL || self->binding.study_id == 0)
    return;
  dialog = pdx_sign_dialog_new (widget, parent, self->binding.lab, self->binding.study_id,
                                g_str_equal (name, "overview.unlock"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_study_row (PdxOverviewPage *self, const char *title, const char *value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (value && value[0] ? value : "—");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  /* The row gives its suffix no more than its least width: a short value on one line, a long
   * one wrapped at about 40 characters, not at every word. */
  gtk_label_set_width_chars (
      GTK_LABEL (label),
      MIN ((int) g_utf8_strlen (gtk_label_get_text (GTK_LABEL (label)), -1), 40));
  gtk_label_set_max_width_chars (GTK_LABEL (label), 60);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  adw_preferences_group_add (self->study_group, row);
  g_ptr_array_add (self->study_rows, row);
}

static void
fill_study_group (PdxOverviewPage *self, const PdxStudy *study, const PdxStudyData *data)
{
  g_autofree char *passage = study->passage >= 0 ? g_strdup_printf ("P%d", study->passage) : NULL;
  g_autofree char *implant =
      g_strjoin (" · ", study->implant_site ? pdx_vocab_get_label (study->implant_site) : "—",
                 study->implant_material ? pdx_vocab_get_label (study->implant_material) : "—",
                 study->implant_amount ? study->implant_amount : "—", NULL);

  add_study_row (self, _ ("Tissue line"), data->line_code);
  add_study_row (self, _ ("Passage used"), passage);
  add_study_row (self, _ ("Implant"), implant);
  add_study_row (self, _ ("Primary readout"), _ (pdx_readout_get_label (study->readout)));
  g_autofree char *day0 = study->day0 ? pdx_format_date (study->day0) : NULL;

  add_study_row (self, _ ("Day 0 (treatment start)"), day0);
  add_study_row (self, _ ("Protocol"), study->protocol);
  add_study_row (self, _ ("Investigator"), study->investigator);
  add_study_row (self, _ ("Notes"), study->notes);
}

/* The status row: the status and since when (its newest dated change, with the reason). */
static void
fill_status (PdxOverviewPage *self, PdxDb *db, const PdxStudy *study)
{
  g_autoptr (GPtrArray) changes = pdx_study_list_status_changes (db, study->id, NULL);
  const PdxStatusChange *last =
      changes && changes->len ? g_ptr_array_index (changes, changes->len - 1) : NULL;
  g_autofree char *title = NULL, *subtitle = NULL, *since = NULL;

  /* Translators: the study's status (Active, Planned…). */
  title = g_strdup_printf (_ ("Status: %s"), pdx_vocab_get_label (study->status));
  if (last != NULL)
    {
      since = pdx_format_date (last->date);
      subtitle = last->reason
                     /* Translators: a date, then the reason of the change. */
                     ? g_strdup_printf (_ ("since %s — “%s”"), since, last->reason)
                     : g_strdup_printf (_ ("since %s"), since);
    }
  else
    subtitle = g_strdup (_ ("no dated status change recorded"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row), title);
  adw_action_row_set_subtitle (self->status_row, subtitle);
}

static void
grid_cell (GtkGrid *grid, int column, int row, const char *text, gboolean header)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), column == 0 ? 0 : 1);
  if (header)
    {
      /* "Median surv. (d)" over two lines in a narrow window, not past its edge. */
      gtk_widget_add_css_class (label, "heading");
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_justify (GTK_LABEL (label), column == 0 ? GTK_JUSTIFY_LEFT : GTK_JUSTIFY_RIGHT);
      gtk_widget_set_valign (label, GTK_ALIGN_END);
    }
  if (column == 0)
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 34);
      gtk_widget_set_hexpand (label, TRUE);
    }
  else
    gtk_widget_add_css_class (label, "numeric");
  gtk_grid_attach (grid, label, column, row, 1, 1);
}

static void
grid_arm_cell (GtkGrid *grid, int row, const char *name, const char *agents)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (name);
  GtkWidget *detail = gtk_label_new (agents);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  /* A long arm name wraps rather than pushing the numbers out of an 800 px window. */
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (title), 34);
  gtk_label_set_wrap (GTK_LABEL (detail), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (detail), 48);
  gtk_widget_add_css_class (title, "heading");
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_add_css_class (detail, "caption");
  gtk_widget_set_hexpand (box, TRUE);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), detail);
  gtk_grid_attach (grid, box, 0, row, 1, 1);
}

static const char *const arm_columns[] = {
  N_ ("Arm and treatment"),
  N_ ("n"),
  N_ ("Alive"),
  "CR",
  "PR",
  "SD",
  "PD",
  /* Translators: mRECIST's "not evaluable" class, as short as CR, PR, SD and PD. */
  N_ ("NE"),
  N_ ("Median BR %"),
  N_ ("TGI %"),
  N_ ("T/C %"),
  N_ ("Median surv. (d)"),
  N_ ("%ILS"),
};

typedef struct
{
  PdxStudyData *data;
  GPtrArray    *responses, *weights, *summaries, *efficacy;
  PdxSurvival  *survival;
} Analysis;

static void
analysis_clear (Analysis *a)
{
  g_clear_pointer (&a->responses, g_ptr_array_unref);
  g_clear_pointer (&a->weights, g_ptr_array_unref);
  g_clear_pointer (&a->summaries, g_ptr_array_unref);
  g_clear_pointer (&a->efficacy, g_ptr_array_unref);
  g_clear_pointer (&a->survival, pdx_survival_free);
  g_clear_pointer (&a->data, pdx_study_data_free);
}

static guint
count_alive (const PdxStudyData *data, int arm)
{
  guint alive = 0;

  for (guint i = 0; i < data->n_mice; i++)
    if ((arm < 0 || data->mice[i].arm == arm) && !data->mice[i].excluded &&
        !data->mice[i].has_endpoint)
      alive++;
  return alive;
}

static void
fill_arm_row (PdxOverviewPage *self, const Analysis *a, guint arm, int row)
{
  const PdxStudyArm           *study_arm = &a->data->arms[arm];
  const PdxArmResponseSummary *summary = g_ptr_array_index (a->summaries, arm);
  const PdxArmEfficacy        *efficacy = a->efficacy ? g_ptr_array_index (a->efficacy, arm) : NULL;
  const PdxArmSurvival        *survival = a->survival ? &a->survival->arms[arm] : NULL;
  g_autofree char             *name =
      g_strdup_printf ("%s%s", study_arm->name, study_arm->is_control ? _ (" (control)") : "");
  g_autofree char *agents = pdx_format_agents (study_arm);
  char            *cells[12];

  /* CR + PR + SD + PD + NE = n: every non-excluded mouse of the arm is in one class. */
  cells[0] = g_strdup_printf ("%u", summary->n);
  cells[1] = g_strdup_printf ("%u", count_alive (a->data, arm));
  for (int k = 0; k < 4; k++)
    cells[2 + k] = g_strdup_printf ("%u", summary->mrecist_count[PDX_MRECIST_CR + k]);
  cells[6] = g_strdup_printf ("%u", summary->mrecist_count[PDX_MRECIST_NOT_EVALUABLE]);
  cells[7] = pdx_format_value (summary->median_best_response, 1);
  cells[8] = pdx_format_value (efficacy ? efficacy->tgi_percent : NAN, 1);
  cells[9] = pdx_format_value (efficacy ? efficacy->tc_percent : NAN, 1);
  cells[10] = pdx_format_value (survival ? survival->median : NAN, 0);
  cells[11] = pdx_format_value (survival ? survival->ils_percent : NAN, 1);
  grid_arm_cell (self->arms_grid, row, name, agents);
  for (int k = 0; k < 12; k++)
    {
      grid_cell (self->arms_grid, 1 + k, row, cells[k], FALSE);
      g_free (cells[k]);
    }
}

static void
fill_headlines (PdxOverviewPage *self, const Analysis *a)
{
  guint n = 0, excluded = 0, endpoints = 0, unassigned = 0, counts[PDX_N_MRECIST] = { 0 };
  g_autofree char *n_text = NULL, *alive_text = NULL, *resp_text = NULL, *ep_text = NULL;
  g_autofree char *excl_text = NULL, *unassigned_text = NULL;

  for (guint i = 0; i < a->data->n_mice; i++)
    {
      const PdxStudyMouse *mouse = &a->data->mice[i];

      n++;
      excluded += mouse->excluded;
      endpoints += mouse->has_endpoint;
      unassigned += mouse->arm < 0 && !mouse->excluded;
    }
  for (guint i = 0; i < a->summaries->len; i++)
    for (int k = 0; k < PDX_N_MRECIST; k++)
      counts[k] +=
          ((PdxArmResponseSummary *) g_ptr_array_index (a->summaries, i))->mrecist_count[k];
  n_text = g_strdup_printf ("%u", n);
  alive_text = g_strdup_printf ("%u", count_alive (a->data, -1));
  ep_text = g_strdup_printf ("%u", endpoints);
  excl_text = g_strdup_printf (_ ("%u excluded · %u not randomised"), excluded, unassigned);
  resp_text = g_strdup_printf ("%u / %u / %u / %u / %u", counts[PDX_MRECIST_CR],
                               counts[PDX_MRECIST_PR], counts[PDX_MRECIST_SD],
                               counts[PDX_MRECIST_PD], counts[PDX_MRECIST_NOT_EVALUABLE]);
  unassigned_text = g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE, "%u arm", "%u arms", a->data->n_arms), a->data->n_arms);
  add_headline (self, _ ("Mice"), n_text, excl_text);
  add_headline (self, _ ("Alive"), alive_text, _ ("no endpoint, not excluded"));
  add_headline (self, _ ("Endpoints"), ep_text, _ ("deaths, humane and end of study"));
  add_headline (self, "mRECIST", resp_text, _ ("CR / PR / SD / PD / not evaluable, all arms"));
  add_headline (self, _ ("Arms"), unassigned_text, NULL);
}

static void
fill_arms (PdxOverviewPage *self, const Analysis *a)
{
  for (guint c = 0; c < G_N_ELEMENTS (arm_columns); c++)
    grid_cell (self->arms_grid, c, 0, _ (arm_columns[c]), TRUE);
  for (guint arm = 0; arm < a->data->n_arms; arm++)
    fill_arm_row (self, a, arm, arm + 1);
  if (a->data->n_arms == 0)
    grid_cell (self->arms_grid, 0, 1, _ ("No arms yet."), FALSE);
}

static void
fill_note (PdxOverviewPage *self, const Analysis *a)
{
  g_autoptr (GString) note = g_string_new (
      /* xgettext:no-c-format */ _ ("Median BR: the median of each mouse's best response, its "
                                    "lowest % change from baseline at day 10 or later "
                                    "(mRECIST, Gao et al. 2015). "));
  g_autoptr (GString) days = g_string_new (NULL);

  /* Each arm's TGI is taken on its own day (the last both its curve and the control's are
   * plotted): every arm with a TGI is named, grouped by that day. */
  for (guint i = 0; a->efficacy && i < a->efficacy->len; i++)
    {
      const PdxArmEfficacy *efficacy = g_ptr_array_index (a->efficacy, i);
      g_autoptr (GString) arms = g_string_new (NULL);
      gboolean seen = FALSE;

      if (isnan (efficacy->tgi_percent))
        continue;
      for (guint j = 0; j < i && !seen; j++)
        {
          const PdxArmEfficacy *earlier = g_ptr_array_index (a->efficacy, j);
          seen = !isnan (earlier->tgi_percent) && earlier->day == efficacy->day;
        }
      if (seen)
        continue;
      for (guint j = i; j < a->efficacy->len; j++)
        {
          const PdxArmEfficacy *same = g_ptr_array_index (a->efficacy, j);

          if (isnan (same->tgi_percent) || same->day != efficacy->day)
            continue;
          if (arms->len > 0)
            g_string_append (arms, ", ");
          g_string_append (arms, a->data->arms[same->arm].name);
        }
      if (days->len > 0)
        g_string_append (days, _ ("; "));
      g_string_append_printf (days,
                              /* Translators: a study day, then the arms compared on it. */
                              _ ("day %.0f for %s"), efficacy->day, arms->str);
    }
  g_string_append (note,
                   /* xgettext:no-c-format */
                   _ ("NE: not evaluable for mRECIST (no baseline, or fewer than two measurements "
                      "from day 10 on); CR + PR + SD + PD + NE = n. "));
  if (days->len > 0)
    g_string_append_printf (note, _ ("TGI and T/C at the last day both curves are plotted (%s). "),
                            days->str);
  if (a->survival != NULL && a->survival->n_open > 0)
    g_string_append_printf (note,
                            g_dngettext (GETTEXT_PACKAGE,
                                         "Survival: %u mouse has no endpoint yet and is censored "
                                         "at its last observation.",
                                         "Survival: %u mice have no endpoint yet and are censored "
                                         "at their last observation.",
                                         a->survival->n_open),
                            a->survival->n_open);
  gtk_label_set_text (self->note_label, note->str);
}

static void
reload (GtkWidget *widget)
{
  PdxOverviewPage *self = PDX_OVERVIEW_PAGE (widget);
  PdxDb           *db = self->binding.lab ? pdx_lab_get_db (self->binding.lab) : NULL;
  g_autoptr (PdxStudy) study = NULL;
  g_autoptr (GError) error = NULL;
  Analysis a = { 0 };

  clear_content (self);
  if (db == NULL || self->binding.study_id == 0)
    return;
  study = pdx_study_get (db, self->binding.study_id, &error);
  if (study != NULL)
    a.data = pdx_study_data_load (db, self->binding.study_id, &error);
  if (a.data == NULL)
    {
      gtk_label_set_text (self->note_label, error->message);
      return;
    }
  a.responses = pdx_response_list (a.data);
  a.weights = pdx_mouse_weight_list (a.data);
  a.summaries = pdx_arm_response_summary_list (a.data, a.responses, a.weights);
  a.efficacy = pdx_arm_efficacy_list (a.data, NAN, NULL); /* NULL: no control, no TGI */
  a.survival = pdx_survival_compute (a.data, NULL);       /* NULL: no survival data yet */
  fill_headlines (self, &a);
  fill_arms (self, &a);
  fill_note (self, &a);
  fill_study_group (self, study, a.data);
  fill_status (self, db, study);
  fill_signatures (self, db, self->binding.study_id);
  analysis_clear (&a);
}

void
pdx_overview_page_set_study (PdxOverviewPage *self, PdxLab *lab, gint64 study_id)
{
  g_return_if_fail (PDX_IS_OVERVIEW_PAGE (self));
  pdx_study_binding_set (&self->binding, lab, study_id);
}

static void
pdx_overview_page_dispose (GObject *object)
{
  PdxOverviewPage *self = PDX_OVERVIEW_PAGE (object);

  pdx_study_binding_clear (&self->binding);
  gtk_widget_dispose_template (GTK_WIDGET (self), PDX_TYPE_OVERVIEW_PAGE);
  pdx_widget_unparent_children (GTK_WIDGET (self));
  g_clear_pointer (&self->study_rows, g_ptr_array_unref);
  g_clear_pointer (&self->signature_rows, g_ptr_array_unref);
  g_clear_pointer (&self->headlines, g_hash_table_unref);
  G_OBJECT_CLASS (pdx_overview_page_parent_class)->dispose (object);
}

static void
pdx_overview_page_class_init (PdxOverviewPageClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pdx_overview_page_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/pdxtrack/Pdxtrack/ui/pdx-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PdxOverviewPage, headline_box);
  gtk_widget_class_bind_template_child (widget_class, PdxOverviewPage, arms_grid);
  gtk_widget_class_bind_template_child (widget_class, PdxOverviewPage, note_label);
  gtk_widget_class_bind_template_child (widget_class, PdxOverviewPage, study_group);
  gtk_widget_class_bind_template_child (widget_class, PdxOverviewPage, status_row);
  gtk_widget_class_bind_template_child (widget_class, PdxOverviewPage, lock_notice);
  gtk_widget_class_bind_template_child (widget_class, PdxOverviewPage, lock_label);
  gtk_widget_class_bind_template_child (widget_class, PdxOverviewPage, signatures_group);
  gtk_widget_class_install_action (widget_class, "overview.sign", NULL, sign_action);
  gtk_widget_class_install_action (widget_class, "overview.unlock", NULL, sign_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
pdx_overview_page_init (PdxOverviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->study_rows = g_ptr_array_new ();
  self->signature_rows = g_ptr_array_new ();
  self->headlines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  pdx_study_binding_init (&self->binding, GTK_WIDGET (self), reload);
}
