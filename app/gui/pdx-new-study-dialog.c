/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-new-study-dialog.c — a new study with its arms and agents (see the header). The form is
 * the template ui/pdx-new-study-dialog.ui; the arm cards are built here, as the arm list grows
 * when the user adds arms and agents. The drop-downs' choices come from the core vocabularies. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx-new-study-dialog.h"

#include <math.h>

#include "pdx-gui-format.h"
#include "pdx-power-page.h"

struct _PdxNewStudyDialog
{
  AdwWindow parent_instance;

  AdwEntryRow *code_row, *title_row, *passage_row, *amount_row, *day0_row, *protocol_row;
  AdwEntryRow *investigator_row;

  PdxLab       *lab;
  GHashTable   *fields; /* key → GtkEditable, owned keys */
  GtkDropDown  *line_dropdown, *site_dropdown, *material_dropdown, *readout_dropdown;
  GArray       *line_ids; /* gint64 per line_dropdown position (-1 = not chosen, 0 = none) */
  GtkBox       *arms_box;
  GtkLabel     *error_label;
  AdwViewStack *stack;
  PdxPowerPage *power_page;
  GPtrArray    *arm_controls; /* GtkCheckButton per arm */
  GArray       *arm_agents;   /* guint agents per arm */
};

enum
{
  CREATED,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (PdxNewStudyDialog, pdx_new_study_dialog, ADW_TYPE_WINDOW)

static GtkWidget *
field_entry (PdxNewStudyDialog *self, const char *key, const char *placeholder, int width)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), width);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  placeholder, -1);
  g_hash_table_insert (self->fields, g_strdup (key), entry);
  return entry;
}

GtkEditable *
pdx_new_study_dialog_get_field (PdxNewStudyDialog *self, const char *key)
{
  return g_hash_table_lookup (self->fields, key);
}

static char *
get_text (PdxNewStudyDialog *self, const char *key)
{
  GtkEditable *editable = pdx_new_study_dialog_get_field (self, key);
  char        *text = editable ? g_strstrip (g_strdup (gtk_editable_get_text (editable))) : NULL;

  if (text != NULL && text[0] == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

/* ---- arms --------------------------------------------------------------------------------- */

static const char *const agent_parts[] = { "drug",     "dose",  "unit", "route",
                                           "schedule", "first", "last" };
static const char *const agent_hints[] = { N_ ("Drug"),    N_ ("Dose"),     N_ ("Unit"),
                                           N_ ("Route"),   N_ ("Schedule"), N_ ("First day"),
                                           N_ ("Last day") };
static const int         agent_widths[] = { 12, 5, 6, 5, 7, 4, 4 };

static GtkWidget *
agent_line (PdxNewStudyDialog *self, guint arm, guint agent)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);

  for (guint p = 0; p < G_N_ELEMENTS (agent_parts); p++)
    {
      g_autofree char *key = g_strdup_printf ("arm%u.agent%u.%s", arm, agent, agent_parts[p]);
      g_autofree char *hint = g_strdup_printf (_ ("%s (arm %u)"), _ (agent_hints[p]), arm + 1);
      GtkWidget       *entry = field_entry (self, key, _ (agent_hints[p]), agent_widths[p]);

      gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, hint,
                                      -1);
      gtk_widget_set_hexpand (entry, p == 0);
      gtk_box_append (GTK_BOX (box), entry);
    }
  return box;
}

static void
add_agent_clicked_cb (GtkButton *button, PdxNewStudyDialog *self)
{
  guint      arm = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "pdx-arm"));
  GtkWidget *agents = g_object_get_data (G_OBJECT (button), "pdx-agents");
  guint     *count = &g_array_index (self->arm_agents, guint, arm);

  gtk_box_append (GTK_BOX (agents), agent_line (self, arm, (*count)++));
}

guint
pdx_new_study_dialog_add_arm (PdxNewStudyDialog *self, gboolean control, guint n_agents)
{
  guint            arm = self->arm_controls->len;
  guint            zero = 0;
  GtkWidget       *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget       *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget       *agents = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget       *check = gtk_check_button_new_with_label (_ ("Control arm"));
  GtkWidget       *add = gtk_button_new_with_label (_ ("Add agent"));
  g_autofree char *key = g_strdup_printf ("arm%u.name", arm);
  GtkWidget *name = field_entry (self, key, _ ("Arm name (e.g. Vehicle, T-DM1 + tucatinib)"), 30);

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "pdx-arm-card");
  gtk_widget_set_hexpand (name, TRUE);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), control);
  gtk_box_append (GTK_BOX (top), name);
  gtk_box_append (GTK_BOX (top), check);
  gtk_box_append (GTK_BOX (top), add);
  gtk_box_append (GTK_BOX (card), top);
  gtk_box_append (GTK_BOX (card), agents);
  g_ptr_array_add (self->arm_controls, check);
  g_array_append_val (self->arm_agents, zero);
  g_object_set_data (G_OBJECT (add), "pdx-arm", GUINT_TO_POINTER (arm));
  g_object_set_data (G_OBJECT (add), "pdx-agents", agents);
  g_signal_connect (add, "clicked", G_CALLBACK (add_agent_clicked_cb), self);
  for (guint j = 0; j < n_agents; j++)
    add_agent_clicked_cb (GTK_BUTTON (add), self);
  gtk_box_append (self->arms_box, card);
  return arm;
}

static void
add_arm_clicked_cb (PdxNewStudyDialog *self)
{
  pdx_new_study_dialog_add_arm (self, FALSE, 1);
}

/* ---- create ------------------------------------------------------------------------------- */

static gboolean
parse_day (const char *text, int *out, GError **error)
{
  gint64 value;

  if (text == NULL)
    {
      *out = -1;
      return TRUE;
    }
  if (!g_ascii_string_to_signed (text, 10, -365, 3650, &value, NULL))
    {
      g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_INVALID, _ ("“%s” is not a study day"), text);
      return FALSE;
    }
  *out = value;
  return TRUE;
}

static PdxAgent *
build_agent (PdxNewStudyDialog *self, guint arm, guint agent, GError **error)
{
  g_autoptr (PdxAgent) a = pdx_agent_new ();
  g_autofree char *prefix = g_strdup_printf ("arm%u.agent%u.", arm, agent);
  g_autofree char *k_drug = g_strconcat (prefix, "drug", NULL),
                  *k_dose = g_strconcat (prefix, "dose", NULL);
  g_autofree char *k_unit = g_strconcat (prefix, "unit", NULL),
                  *k_route = g_strconcat (prefix, "route", NULL);
  g_autofree char *k_sched = g_strconcat (prefix, "schedule", NULL);
  g_autofree char *k_first = g_strconcat (prefix, "first", NULL),
                  *k_last = g_strconcat (prefix, "last", NULL);
  g_autofree char *dose = get_text (self, k_dose), *first = get_text (self, k_first);
  g_autofree char *last = get_text (self, k_last);

  a->drug = get_text (self, k_drug);
  if (a->drug == NULL)
    return NULL; /* a blank agent line is ignored */
  a->unit = get_text (self, k_unit);
  a->route = get_text (self, k_route);
  a->schedule = get_text (self, k_sched);
  if (!pdx_parse_number (dose, &a->dose))
    {
      g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_INVALID,
                   _ ("Arm %u: dose “%s” is not a number"), arm + 1, dose);
      return NULL;
    }
  if (!parse_day (first, &a->first_day, error) || !parse_day (last, &a->last_day, error))
    return NULL;
  return g_steal_pointer (&a);
}

static PdxArm *
build_arm (PdxNewStudyDialog *self, guint arm, GError **error)
{
  g_autoptr (PdxArm) a = pdx_arm_new ();
  g_autofree char *key = g_strdup_printf ("arm%u.name", arm);

  a->name = get_text (self, key);
  if (a->name == NULL)
    return NULL;
  a->is_control = gtk_check_button_get_active (g_ptr_array_index (self->arm_controls, arm));
  for (guint j = 0; j < g_array_index (self->arm_agents, guint, arm); j++)
    {
      PdxAgent *agent = build_agent (self, arm, j, error);

      if (agent != NULL)
        g_ptr_array_add (a->agents, agent);
      else if (error != NULL && *error != NULL)
        return NULL;
    }
  return g_steal_pointer (&a);
}

static PdxStudy *
build_study (PdxNewStudyDialog *self, GError **error)
{
  g_autoptr (PdxStudy) s = pdx_study_new ();
  g_autofree char   *passage = get_text (self, "passage");
  const char *const *sites = pdx_vocab_get_values (PDX_VOCAB_IMPLANT_SITE);
  const char *const *materials = pdx_vocab_get_values (PDX_VOCAB_IMPLANT_MATERIAL);
  int                unused;
  gint64             n = -1;

  s->code = get_text (self, "code");
  s->title = get_text (self, "title");
  s->line_id =
      g_array_index (self->line_ids, gint64, gtk_drop_down_get_selected (self->line_dropdown));
  s->passage = -1;
  if (passage && g_ascii_string_to_signed (passage, 10, 0, G_MAXINT, &n, NULL))
    s->passage = (int) n;
  s->implant_site = g_strdup (sites[gtk_drop_down_get_selected (self->site_dropdown)]);
  s->implant_material = g_strdup (materials[gtk_drop_down_get_selected (self->material_dropdown)]);
  s->implant_amount = get_text (self, "amount");
  s->readout = gtk_drop_down_get_selected (self->readout_dropdown);
  s->day0 = get_text (self, "day0");
  s->protocol = get_text (self, "protocol");
  s->investigator = get_text (self, "investigator");
  s->status = g_strdup ("active");
  if (s->code == NULL)
    g_set_error_literal (error, PDX_DB_ERROR, PDX_DB_ERROR_INVALID, _ ("The study needs a code"));
  else if (s->line_id < 0)
    g_set_error_literal (error, PDX_DB_ERROR, PDX_DB_ERROR_INVALID,
                         _ ("Choose the study's tissue line (or No line)"));
  else if (passage && n < 0)
    g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_INVALID,
                 _ ("Passage used: “%s” is not a whole number of 0 or more"), passage);
  else if (!pdx_days_between (s->day0, s->day0, &unused))
    g_set_error_literal (error, PDX_DB_ERROR, PDX_DB_ERROR_INVALID,
                         _ ("Day 0 must be a date (YYYY-MM-DD)"));
  else
    return g_steal_pointer (&s);
  return NULL;
}

static gboolean
store_all (PdxNewStudyDialog *self, PdxDb *db, PdxStudy *study, GError **error)
{
  if (!pdx_db_begin (db, error))
    return FALSE;
  if (!pdx_study_insert (db, study, error))
    goto fail;
  for (guint i = 0; i < self->arm_controls->len; i++)
    {
      g_autoptr (PdxArm) arm = build_arm (self, i, error);

      if (arm == NULL && *error != NULL)
        goto fail;
      if (arm == NULL)
        continue;
      arm->study_id = study->id;
      if (!pdx_arm_insert (db, arm, error))
        goto fail;
    }
  return pdx_db_commit (db, error);
fail:
  pdx_db_rollback (db);
  return FALSE;
}

gboolean
pdx_new_study_dialog_create (PdxNewStudyDialog *self)
{
  PdxDb *db = pdx_lab_get_db (self->lab);
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxStudy) study = build_study (self, &error);

  if (study == NULL || !store_all (self, db, study, &error))
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return FALSE;
    }
  g_signal_emit (self, signals[CREATED], 0, study->id);
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

static void
create_clicked_cb (PdxNewStudyDialog *self)
{
  pdx_new_study_dialog_create (self);
}

/* ---- construction ------------------------------------------------------------------------- */

/* "Choose a line…" (chosen: a study's line is never a default the person did not pick, issue
 * 13), _("No line"), then the lab's lines. */
static void
fill_lines (PdxNewStudyDialog *self, GPtrArray *lines)
{
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  gint64 none = 0, not_chosen = -1;

  gtk_string_list_append (names, _ ("Choose a line…"));
  g_array_append_val (self->line_ids, not_chosen);
  gtk_string_list_append (names, _ ("No line"));
  g_array_append_val (self->line_ids, none);
  for (guint i = 0; lines != NULL && i < lines->len; i++)
    {
      PdxLine *line = g_ptr_array_index (lines, i);

      gtk_string_list_append (names, line->code);
      g_array_append_val (self->line_ids, line->id);
    }
  gtk_drop_down_set_model (self->line_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->line_dropdown, 0);
}

PdxNewStudyDialog *
pdx_new_study_dialog_new (PdxLab *lab)
{
  PdxNewStudyDialog *self = g_object_new (PDX_TYPE_NEW_STUDY_DIALOG, NULL);
  g_autoptr (GPtrArray) lines = pdx_line_list (pdx_lab_get_db (lab), NULL);

  self->lab = g_object_ref (lab);
  fill_lines (self, lines);
  pdx_power_page_set_lab (self->power_page, lab);
  return self;
}

gboolean
pdx_new_study_dialog_choose_line (PdxNewStudyDialog *self, const char *code)
{
  GListModel *names;

  g_return_val_if_fail (PDX_IS_NEW_STUDY_DIALOG (self) && code != NULL, FALSE);
  names = gtk_drop_down_get_model (self->line_dropdown);
  for (guint i = 0; i < self->line_ids->len; i++)
    {
      gint64 id = g_array_index (self->line_ids, gint64, i);
      if ((*code == '\0' && id == 0) ||
          (id > 0 &&
           g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (names), i), code) == 0))
        {
          gtk_drop_down_set_selected (self->line_dropdown, i);
          return TRUE;
        }
    }
  return FALSE;
}

const char *
pdx_new_study_dialog_get_error (PdxNewStudyDialog *self)
{
  g_return_val_if_fail (PDX_IS_NEW_STUDY_DIALOG (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->error_label))
             ? gtk_label_get_text (self->error_label)
             : NULL;
}

GtkWidget *
pdx_new_study_dialog_get_power_page (PdxNewStudyDialog *self)
{
  g_return_val_if_fail (PDX_IS_NEW_STUDY_DIALOG (self), NULL);
  return GTK_WIDGET (self->power_page);
}

void
pdx_new_study_dialog_show_power_page (PdxNewStudyDialog *self)
{
  g_return_if_fail (PDX_IS_NEW_STUDY_DIALOG (self));
  adw_view_stack_set_visible_child_name (self->stack, "sample-size");
}

static void
pdx_new_study_dialog_dispose (GObject *object)
{
  PdxNewStudyDialog *self = PDX_NEW_STUDY_DIALOG (object);

  g_clear_object (&self->lab);
  g_clear_pointer (&self->fields, g_hash_table_unref);
  g_clear_pointer (&self->line_ids, g_array_unref);
  g_clear_pointer (&self->arm_controls, g_ptr_array_unref);
  g_clear_pointer (&self->arm_agents, g_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), PDX_TYPE_NEW_STUDY_DIALOG);
  G_OBJECT_CLASS (pdx_new_study_dialog_parent_class)->dispose (object);
}

static void
pdx_new_study_dialog_class_init (PdxNewStudyDialogClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pdx_new_study_dialog_dispose;
  g_type_ensure (PDX_TYPE_POWER_PAGE);
  signals[CREATED] = g_signal_new ("created", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/pdxtrack/Pdxtrack/ui/pdx-new-study-dialog.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, PdxNewStudyDialog, name)
  BIND (code_row);
  BIND (title_row);
  BIND (line_dropdown);
  BIND (passage_row);
  BIND (site_dropdown);
  BIND (material_dropdown);
  BIND (amount_row);
  BIND (readout_dropdown);
  BIND (day0_row);
  BIND (protocol_row);
  BIND (investigator_row);
  BIND (error_label);
  BIND (arms_box);
  BIND (stack);
  BIND (power_page);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, create_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_arm_clicked_cb);
}

static void
pdx_new_study_dialog_init (PdxNewStudyDialog *self)
{
  const char *readouts[] = { _ (pdx_readout_get_label (PDX_READOUT_BLI_FLUX)),
                             _ (pdx_readout_get_label (PDX_READOUT_MRI_VOLUME)),
                             _ (pdx_readout_get_label (PDX_READOUT_CALIPER_VOLUME)), NULL };
  g_autoptr (GtkStringList) sites = NULL, materials = NULL, readout_labels = NULL;
  g_autofree char *today = pdx_format_today ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->line_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->arm_controls = g_ptr_array_new ();
  self->arm_agents = g_array_new (FALSE, FALSE, sizeof (guint));
  {
    const struct
    {
      const char  *key;
      AdwEntryRow *row;
    } rows[] = {
      { "code", self->code_row },
      { "title", self->title_row },
      { "passage", self->passage_row },
      { "amount", self->amount_row },
      { "day0", self->day0_row },
      { "protocol", self->protocol_row },
      { "investigator", self->investigator_row },
    };

    for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
      g_hash_table_insert (self->fields, g_strdup (rows[i].key), rows[i].row);
  }
  /* Shown translated; the choice's position picks the stored value (collect_study). */
  sites = gtk_string_list_new (NULL);
  materials = gtk_string_list_new (NULL);
  for (const char *const *v = pdx_vocab_get_values (PDX_VOCAB_IMPLANT_SITE); *v; v++)
    gtk_string_list_append (sites, pdx_vocab_get_label (*v));
  for (const char *const *v = pdx_vocab_get_values (PDX_VOCAB_IMPLANT_MATERIAL); *v; v++)
    gtk_string_list_append (materials, pdx_vocab_get_label (*v));
  readout_labels = gtk_string_list_new (readouts);
  gtk_drop_down_set_model (self->site_dropdown, G_LIST_MODEL (sites));
  gtk_drop_down_set_model (self->material_dropdown, G_LIST_MODEL (materials));
  gtk_drop_down_set_model (self->readout_dropdown, G_LIST_MODEL (readout_labels));
  gtk_editable_set_text (GTK_EDITABLE (self->day0_row), today);
  pdx_new_study_dialog_add_arm (self, TRUE, 1);
  pdx_new_study_dialog_add_arm (self, FALSE, 1);
}
