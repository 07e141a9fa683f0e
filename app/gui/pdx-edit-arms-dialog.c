/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-edit-arms-dialog.c — the Edit Arms dialog (ui/pdx-edit-arms-dialog.ui).
 *
 * The widgets hold the person's edits; Save collects them into copies of the arms as read, in
 * the order the rows are in, and hands both to pdx_study_arms_apply: only what differs is
 * written, in one transaction with the reason, refused as a whole when another writer changed
 * a value since the dialog read it. A change of the control arm is said in the dialog before
 * Save (every comparison with the control changes). A locked study: the lock named, nothing
 * editable. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "pdx-edit-arms-dialog.h"

#include "pdx-mice-dialogs.h"

enum
{
  COL_DRUG,
  COL_DOSE,
  COL_UNIT,
  COL_ROUTE,
  COL_SCHEDULE,
  COL_FIRST_DAY,
  COL_LAST_DAY,
  N_COLS
};

static const struct
{
  const char *key;
  const char *title;
  int         width_chars;
} columns[N_COLS] = {
  { "drug", N_ ("Drug"), 16 },        { "dose", N_ ("Dose"), 6 },
  { "unit", N_ ("Unit"), 7 },         { "route", N_ ("Route"), 6 },
  { "schedule", N_ ("Schedule"), 8 }, { "first-day", N_ ("First day"), 6 },
  { "last-day", N_ ("Last day"), 6 },
};

typedef struct
{
  gint64       id; /* 0: added in the dialog */
  GtkWidget   *row;
  GtkEditable *entries[N_COLS];
} AgentWidgets;

typedef struct
{
  const PdxArm   *read; /* borrowed from the dialog's @read */
  guint           read_index;
  guint           n_agents_made; /* agent keys made so far, for "arm.I.agent.J" */
  AdwExpanderRow *row;
  GtkEditable    *name;
  GtkSwitch      *control;
  GtkCheckButton *palette;
  GtkColorButton *colour;
  GtkWidget      *up, *down, *add_row;
  GPtrArray      *agents; /* AgentWidgets*, in the rows' order */
} ArmWidgets;

struct _PdxEditArmsDialog
{
  AdwWindow            parent_instance;
  PdxMiceDialogContext context; /* id: the study */
  char                *study_code;
  GPtrArray           *read; /* PdxArm, as read, in the study's order */
  GPtrArray           *arms; /* ArmWidgets*, in the rows' order */
  GHashTable          *widgets;
  GtkSizeGroup        *sizes[N_COLS];
  gboolean             locked;
  gboolean             filling; /* the control switches are being set from code */

  GtkWidget   *save_button, *lock_label, *study_label, *editor, *control_warning, *error_label;
  GtkListBox  *arms_list;
  GtkEditable *reason;
};

G_DEFINE_FINAL_TYPE (PdxEditArmsDialog, pdx_edit_arms_dialog, ADW_TYPE_WINDOW)

static void
arm_widgets_free (ArmWidgets *arm)
{
  g_ptr_array_unref (arm->agents);
  g_free (arm);
}

static void keep (PdxEditArmsDialog *self, GtkWidget *widget, const char *format, ...)
    G_GNUC_PRINTF (3, 4);

static void
keep (PdxEditArmsDialog *self, GtkWidget *widget, const char *format, ...)
{
  va_list args;
  char   *key;

  va_start (args, format);
  key = g_strdup_vprintf (format, args);
  va_end (args);
  g_hash_table_replace (self->widgets, key, widget);
}

GtkWidget *
pdx_edit_arms_dialog_get_widget (PdxEditArmsDialog *self, const char *name)
{
  g_return_val_if_fail (PDX_IS_EDIT_ARMS_DIALOG (self), NULL);
  return g_hash_table_lookup (self->widgets, name);
}

/* ---- what the person edited ------------------------------------------------------------- */

static char *
text_of (GtkEditable *editable)
{
  char *text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

static gboolean
bad_value (GError    **error,
           const char *arm,
           guint       agent,
           const char *what,
           const char *text,
           const char *expected)
{
  /* Translators: arm name, agent number, field ("dose"), the text typed, what it must be. */
  g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_INVALID,
               _ ("Arm '%s', agent %u: %s '%s' is not %s. Nothing was saved."), arm, agent, what,
               text, expected);
  return FALSE;
}

/* The agent as the row shows it, from a copy of @read (NULL: a new one). */
static PdxAgent *
collect_agent (
    const AgentWidgets *w, const PdxAgent *read, const char *arm, guint n, GError **error)
{
  g_autoptr (PdxAgent) agent = read ? pdx_agent_copy (read) : pdx_agent_new ();
  g_autofree char *dose = text_of (w->entries[COL_DOSE]);
  char           **texts[] = { &agent->drug, NULL, &agent->unit, &agent->route, &agent->schedule };
  int             *days[] = { &agent->first_day, &agent->last_day };

  for (guint c = 0; c < G_N_ELEMENTS (texts); c++)
    if (texts[c])
      {
        g_free (*texts[c]);
        *texts[c] = text_of (w->entries[c]);
      }
  agent->dose = NAN;
  if (dose)
    {
      char *end = NULL;
      agent->dose = g_ascii_strtod (dose, &end);
      if (end == dose || *end != '\0' || !isfinite (agent->dose))
        return bad_value (error, arm, n, _ ("the dose"), dose, _ ("a number")), NULL;
    }
  for (guint d = 0; d < G_N_ELEMENTS (days); d++)
    {
      g_autofree char *day = text_of (w->entries[COL_FIRST_DAY + d]);
      gint64           value = -1;
      if (day && !g_ascii_string_to_signed (day, 10, 0, G_MAXINT, &value, NULL))
        return bad_value (error, arm, n, d == 0 ? _ ("the first day") : _ ("the last day"), day,
                          _ ("a study day (a whole number ≥ 0)")),
               NULL;
      *days[d] = (int) value;
    }
  return g_steal_pointer (&agent);
}

static const PdxAgent *
read_agent (const PdxArm *arm, gint64 id)
{
  for (guint i = 0; id > 0 && i < arm->agents->len; i++)
    if (((PdxAgent *) g_ptr_array_index (arm->agents, i))->id == id)
      return g_ptr_array_index (arm->agents, i);
  return NULL;
}

static char *
colour_of (const ArmWidgets *w)
{
  GdkRGBA rgba;

  if (gtk_check_button_get_active (w->palette))
    return NULL;
  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (w->colour), &rgba);
  return g_strdup_printf ("#%02x%02x%02x", (int) lround (rgba.red * 255),
                          (int) lround (rgba.green * 255), (int) lround (rgba.blue * 255));
}

/* The arms as the person left them, in the rows' order (copies of @read edited). */
static GPtrArray *
collect (PdxEditArmsDialog *self, GError **error)
{
  g_autoptr (GPtrArray) edited = g_ptr_array_new_with_free_func ((GDestroyNotify) pdx_arm_free);

  for (guint i = 0; i < self->arms->len; i++)
    {
      ArmWidgets *w = g_ptr_array_index (self->arms, i);
      PdxArm     *arm = pdx_arm_copy (w->read);

      g_ptr_array_add (edited, arm);
      g_free (arm->name);
      arm->name = g_strdup (gtk_editable_get_text (w->name));
      arm->is_control = gtk_switch_get_active (w->control);
      g_free (arm->colour);
      arm->colour = colour_of (w);
      g_ptr_array_set_size (arm->agents, 0);
      for (guint j = 0; j < w->agents->len; j++)
        {
          AgentWidgets *aw = g_ptr_array_index (w->agents, j);
          PdxAgent     *agent =
              collect_agent (aw, read_agent (w->read, aw->id), w->read->name, j + 1, error);
          if (agent == NULL)
            return NULL;
          agent->arm_id = arm->id;
          g_ptr_array_add (arm->agents, agent);
        }
    }
  return g_steal_pointer (&edited);
}

/* ---- the form's state -------------------------------------------------------------------- */

static const char *
control_name (PdxEditArmsDialog *self, gboolean edited)
{
  for (guint i = 0; i < self->arms->len; i++)
    {
      ArmWidgets *w = g_ptr_array_index (self->arms, i);
      if (edited ? gtk_switch_get_active (w->control) : w->read->is_control)
        return edited ? gtk_editable_get_text (w->name) : w->read->name;
    }
  return NULL;
}

static void
update_control_warning (PdxEditArmsDialog *self)
{
  const char      *before = control_name (self, FALSE), *after = control_name (self, TRUE);
  g_autofree char *text = NULL;

  if (g_strcmp0 (before, after) == 0)
    {
      gtk_widget_set_visible (self->control_warning, FALSE);
      return;
    }
  if (after && before)
    text = g_strdup_printf (_ ("The control arm changes from '%s' to '%s'."), before, after);
  else if (after)
    text = g_strdup_printf (_ ("'%s' becomes the control arm (the study had none)."), after);
  else
    text = g_strdup_printf (_ ("The study will have no control arm (it was '%s')."), before);
  {
    g_autofree char *full = g_strdup_printf (
        "%s %s", text,
        _ ("Every comparison with the control changes when saved: TGI, response vs control, "
           "log-rank vs control."));
    gtk_label_set_text (GTK_LABEL (self->control_warning), full);
  }
  gtk_widget_set_visible (self->control_warning, TRUE);
}

static void
update_positions (PdxEditArmsDialog *self)
{
  for (guint i = 0; i < self->arms->len; i++)
    {
      ArmWidgets      *w = g_ptr_array_index (self->arms, i);
      g_autofree char *subtitle = NULL;

      gtk_widget_set_sensitive (w->up, !self->locked && i > 0);
      gtk_widget_set_sensitive (w->down, !self->locked && i + 1 < self->arms->len);
      subtitle = gtk_switch_get_active (w->control)
                     ? g_strdup_printf (_ ("Position %u · control"), i + 1)
                     : g_strdup_printf (_ ("Position %u"), i + 1);
      adw_expander_row_set_subtitle (w->row, subtitle);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (w->row), gtk_editable_get_text (w->name));
    }
}

static void
form_changed_cb (PdxEditArmsDialog *self)
{
  g_autofree char *reason = NULL;

  if (self->filling)
    return;
  reason = text_of (self->reason);
  gtk_widget_set_sensitive (self->save_button, !self->locked && reason != NULL);
  gtk_widget_set_visible (self->error_label, FALSE);
  update_control_warning (self);
  update_positions (self);
}

/* One control: switching an arm's on switches the others off. */
static void
control_toggled_cb (GtkSwitch *control, GParamSpec *pspec, PdxEditArmsDialog *self)
{
  if (self->filling)
    return;
  if (gtk_switch_get_active (control))
    {
      self->filling = TRUE;
      for (guint i = 0; i < self->arms->len; i++)
        {
          ArmWidgets *w = g_ptr_array_index (self->arms, i);
          if (w->control != control)
            gtk_switch_set_active (w->control, FALSE);
        }
      self->filling = FALSE;
    }
  form_changed_cb (self);
}

static void
palette_toggled_cb (GtkCheckButton *palette, PdxEditArmsDialog *self)
{
  for (guint i = 0; i < self->arms->len; i++)
    {
      ArmWidgets *w = g_ptr_array_index (self->arms, i);
      if (w->palette == palette)
        gtk_widget_set_sensitive (GTK_WIDGET (w->colour),
                                  !self->locked && !gtk_check_button_get_active (palette));
    }
  form_changed_cb (self);
}

/* ---- moving arms, adding and removing agents --------------------------------------------- */

static void
move_arm (PdxEditArmsDialog *self, GtkWidget *button, int by)
{
  for (guint i = 0; i < self->arms->len; i++)
    {
      ArmWidgets *w = g_ptr_array_index (self->arms, i);
      int         to = (int) i + by;
      if (w->up != button && w->down != button)
        continue;
      if (to < 0 || to >= (int) self->arms->len)
        return;
      g_ptr_array_steal_index (self->arms, i);
      g_ptr_array_insert (self->arms, to, w);
      g_object_ref (w->row);
      gtk_list_box_remove (self->arms_list, GTK_WIDGET (w->row));
      gtk_list_box_insert (self->arms_list, GTK_WIDGET (w->row), to);
      g_object_unref (w->row);
      form_changed_cb (self);
      gtk_widget_grab_focus (by < 0 ? w->up : w->down);
      return;
    }
}

static void
up_clicked_cb (GtkButton *button, PdxEditArmsDialog *self)
{
  move_arm (self, GTK_WIDGET (button), -1);
}

static void
down_clicked_cb (GtkButton *button, PdxEditArmsDialog *self)
{
  move_arm (self, GTK_WIDGET (button), 1);
}

static void add_agent_row (PdxEditArmsDialog *self, ArmWidgets *arm, const PdxAgent *agent);

static void
remove_agent_cb (GtkButton *button, PdxEditArmsDialog *self)
{
  for (guint i = 0; i < self->arms->len; i++)
    {
      ArmWidgets *w = g_ptr_array_index (self->arms, i);
      for (guint j = 0; j < w->agents->len; j++)
        {
          AgentWidgets *aw = g_ptr_array_index (w->agents, j);
          if (!gtk_widget_is_ancestor (GTK_WIDGET (button), aw->row))
            continue;
          adw_expander_row_remove (w->row, aw->row);
          g_ptr_array_remove_index (w->agents, j);
          form_changed_cb (self);
          return;
        }
    }
}

static void
add_agent_cb (GtkButton *button, PdxEditArmsDialog *self)
{
  for (guint i = 0; i < self->arms->len; i++)
    {
      ArmWidgets *w = g_ptr_array_index (self->arms, i);
      if (gtk_widget_is_ancestor (GTK_WIDGET (button), w->add_row))
        {
          AgentWidgets *aw;
          add_agent_row (self, w, NULL);
          aw = g_ptr_array_index (w->agents, w->agents->len - 1);
          gtk_widget_grab_focus (GTK_WIDGET (aw->entries[COL_DRUG]));
          form_changed_cb (self);
          return;
        }
    }
}

/* ---- the rows ---------------------------------------------------------------------------- */

static char *
number_text (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value))
    return g_strdup ("");
  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.6g", value));
}

static char *
day_text (int day)
{
  return day < 0 ? g_strdup ("") : g_strdup_printf ("%d", day);
}

static GtkWidget *
header_row (PdxEditArmsDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *row = gtk_list_box_row_new ();

  for (guint c = 0; c < N_COLS; c++)
    {
      GtkWidget *label = gtk_label_new (_ (columns[c].title));
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "caption-heading");
      gtk_size_group_add_widget (self->sizes[c], label);
      gtk_widget_set_hexpand (label, c == COL_DRUG);
      gtk_box_append (GTK_BOX (box), label);
    }
  /* The remove buttons' column. */
  gtk_box_append (GTK_BOX (box), g_object_new (GTK_TYPE_BOX, "width-request", 34, NULL));
  g_object_set (box, "margin-start", 12, "margin-end", 12, "margin-top", 6, NULL);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  return row;
}

/* An agent's row (before the arm's "Add Agent" row); @agent NULL: a new, empty one. */
static void
add_agent_row (PdxEditArmsDialog *self, ArmWidgets *arm, const PdxAgent *agent)
{
  AgentWidgets *aw = g_new0 (AgentWidgets, 1);
  GtkWidget    *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget    *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
  guint         j = arm->n_agents_made++;
  char         *texts[N_COLS] = { 0 };

  aw->id = agent ? agent->id : 0;
  aw->row = gtk_list_box_row_new ();
  if (agent)
    {
      texts[COL_DRUG] = g_strdup (agent->drug);
      texts[COL_DOSE] = number_text (agent->dose);
      texts[COL_UNIT] = g_strdup (agent->unit);
      texts[COL_ROUTE] = g_strdup (agent->route);
      texts[COL_SCHEDULE] = g_strdup (agent->schedule);
      texts[COL_FIRST_DAY] = day_text (agent->first_day);
      texts[COL_LAST_DAY] = day_text (agent->last_day);
    }
  for (guint c = 0; c < N_COLS; c++)
    {
      GtkWidget       *entry = gtk_entry_new ();
      g_autofree char *label =
          g_strdup_printf (_ ("%s, agent %u: %s"), arm->read->name, j + 1, _ (columns[c].title));
      gtk_editable_set_width_chars (GTK_EDITABLE (entry), columns[c].width_chars);
      gtk_editable_set_text (GTK_EDITABLE (entry), texts[c] ? texts[c] : "");
      gtk_widget_set_hexpand (entry, c == COL_DRUG);
      gtk_editable_set_editable (GTK_EDITABLE (entry), !self->locked);
      gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
      gtk_size_group_add_widget (self->sizes[c], entry);
      g_signal_connect_swapped (entry, "changed", G_CALLBACK (form_changed_cb), self);
      gtk_box_append (GTK_BOX (box), entry);
      aw->entries[c] = GTK_EDITABLE (entry);
      keep (self, entry, "arm.%u.agent.%u.%s", arm->read_index, j, columns[c].key);
      g_free (texts[c]);
    }
  gtk_widget_set_tooltip_text (remove, _ ("Remove this agent"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Remove agent"), -1);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_sensitive (remove, !self->locked);
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_agent_cb), self);
  gtk_box_append (GTK_BOX (box), remove);
  keep (self, remove, "arm.%u.agent.%u.remove", arm->read_index, j);
  g_object_set (box, "margin-start", 12, "margin-end", 12, "margin-top", 4, "margin-bottom", 4,
                NULL);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (aw->row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (aw->row), FALSE);
  /* Before the "Add Agent" row: it is taken out and put back last. */
  g_object_ref (arm->add_row);
  adw_expander_row_remove (arm->row, arm->add_row);
  adw_expander_row_add_row (arm->row, aw->row);
  adw_expander_row_add_row (arm->row, arm->add_row);
  g_object_unref (arm->add_row);
  g_ptr_array_add (arm->agents, aw);
}

static GtkWidget *
move_button (const char *label, const char *tooltip)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

static void
add_arm_row (PdxEditArmsDialog *self, const PdxArm *arm, guint index)
{
  ArmWidgets *w = g_new0 (ArmWidgets, 1);
  GtkWidget  *name = adw_entry_row_new ();
  GtkWidget  *control_row = adw_action_row_new (), *colour_row = adw_action_row_new ();
  GtkWidget  *add = gtk_button_new_with_mnemonic (_ ("_Add Agent"));
  GdkRGBA     rgba = { 0.5, 0.5, 0.5, 1 };

  w->read = arm;
  w->read_index = index;
  w->agents = g_ptr_array_new_with_free_func (g_free);
  w->row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (w->row), arm->name);
  /* Labelled: arrow icons beside the expander's own arrow read as one control. */
  w->up = move_button (_ ("Move _Up"), _ ("Earlier in the legends and tables"));
  w->down = move_button (_ ("Move _Down"), _ ("Later in the legends and tables"));
  g_signal_connect (w->up, "clicked", G_CALLBACK (up_clicked_cb), self);
  g_signal_connect (w->down, "clicked", G_CALLBACK (down_clicked_cb), self);
  /* Each action goes before the ones added earlier: Move Up shows first. */
  adw_expander_row_add_action (w->row, w->down);
  adw_expander_row_add_action (w->row, w->up);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (name), _ ("Name"));
  gtk_editable_set_text (GTK_EDITABLE (name), arm->name);
  gtk_editable_set_editable (GTK_EDITABLE (name), !self->locked);
  g_signal_connect_swapped (name, "changed", G_CALLBACK (form_changed_cb), self);
  w->name = GTK_EDITABLE (name);
  adw_expander_row_add_row (w->row, name);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (control_row), _ ("Control arm"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (control_row),
                               _ ("Every other arm is compared with it"));
  w->control = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_valign (GTK_WIDGET (w->control), GTK_ALIGN_CENTER);
  gtk_switch_set_active (w->control, arm->is_control);
  gtk_widget_set_sensitive (GTK_WIDGET (w->control), !self->locked);
  gtk_accessible_update_property (GTK_ACCESSIBLE (w->control), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Control arm"), -1);
  g_signal_connect (w->control, "notify::active", G_CALLBACK (control_toggled_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (control_row), GTK_WIDGET (w->control));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (control_row), GTK_WIDGET (w->control));
  adw_expander_row_add_row (w->row, control_row);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (colour_row), _ ("Colour in charts"));
  w->palette = GTK_CHECK_BUTTON (gtk_check_button_new_with_label (_ ("Palette's")));
  gtk_widget_set_tooltip_text (GTK_WIDGET (w->palette),
                               _ ("The palette's colour for the arm's place in the order"));
  gtk_check_button_set_active (w->palette, arm->colour == NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (w->palette), !self->locked);
  if (arm->colour)
    gdk_rgba_parse (&rgba, arm->colour);
  w->colour = GTK_COLOR_BUTTON (gtk_color_button_new_with_rgba (&rgba));
  gtk_color_chooser_set_use_alpha (GTK_COLOR_CHOOSER (w->colour), FALSE);
  gtk_widget_set_valign (GTK_WIDGET (w->colour), GTK_ALIGN_CENTER);
  gtk_widget_set_sensitive (GTK_WIDGET (w->colour), !self->locked && arm->colour != NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (w->colour), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Colour in charts"), -1);
  g_signal_connect (w->palette, "toggled", G_CALLBACK (palette_toggled_cb), self);
  g_signal_connect_swapped (w->colour, "color-set", G_CALLBACK (form_changed_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (colour_row), GTK_WIDGET (w->palette));
  adw_action_row_add_suffix (ADW_ACTION_ROW (colour_row), GTK_WIDGET (w->colour));
  adw_expander_row_add_row (w->row, colour_row);

  adw_expander_row_add_row (w->row, header_row (self));
  w->add_row = gtk_list_box_row_new ();
  gtk_widget_set_halign (add, GTK_ALIGN_START);
  g_object_set (add, "margin-start", 12, "margin-top", 6, "margin-bottom", 6, NULL);
  gtk_widget_set_sensitive (add, !self->locked);
  g_signal_connect (add, "clicked", G_CALLBACK (add_agent_cb), self);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (w->add_row), add);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (w->add_row), FALSE);
  adw_expander_row_add_row (w->row, w->add_row);
  g_ptr_array_add (self->arms, w);
  for (guint j = 0; j < arm->agents->len; j++)
    add_agent_row (self, w, g_ptr_array_index (arm->agents, j));

  keep (self, GTK_WIDGET (w->row), "arm.%u.row", index);
  keep (self, name, "arm.%u.name", index);
  keep (self, GTK_WIDGET (w->control), "arm.%u.control", index);
  keep (self, GTK_WIDGET (w->palette), "arm.%u.palette", index);
  keep (self, GTK_WIDGET (w->colour), "arm.%u.colour", index);
  keep (self, w->up, "arm.%u.up", index);
  keep (self, w->down, "arm.%u.down", index);
  keep (self, add, "arm.%u.add-agent", index);
  gtk_list_box_append (self->arms_list, GTK_WIDGET (w->row));
}

/* ---- saving ------------------------------------------------------------------------------ */

static void
show_error (PdxEditArmsDialog *self, const GError *error)
{
  gtk_label_set_text (GTK_LABEL (self->error_label), error->message);
  gtk_widget_set_visible (self->error_label, TRUE);
}

static void
save_clicked_cb (PdxEditArmsDialog *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) edited = NULL;
  g_autofree char *reason = text_of (self->reason);
  g_autofree char *message = NULL;
  gboolean         control_changed;

  if (self->locked || reason == NULL)
    return;
  edited = collect (self, &error);
  if (edited == NULL)
    {
      show_error (self, error);
      return;
    }
  control_changed = pdx_arms_control_changed (self->read, edited);
  if (!pdx_study_arms_apply (pdx_lab_get_db (self->context.lab), self->context.id, self->read,
                             edited, reason, &error))
    {
      show_error (self, error);
      return;
    }
  message = control_changed ? g_strdup_printf (_ ("Arms of %s saved; the control arm changed"),
                                               self->study_code)
                            : g_strdup_printf (_ ("Arms of %s saved"), self->study_code);
  pdx_mice_dialog_report (&self->context, message);
  gtk_window_close (GTK_WINDOW (self));
}

static void
pdx_edit_arms_dialog_dispose (GObject *object)
{
  PdxEditArmsDialog *self = PDX_EDIT_ARMS_DIALOG (object);

  pdx_mice_dialog_context_clear (&self->context);
  g_clear_pointer (&self->widgets, g_hash_table_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), PDX_TYPE_EDIT_ARMS_DIALOG);
  g_clear_pointer (&self->arms, g_ptr_array_unref);
  g_clear_pointer (&self->read, g_ptr_array_unref);
  g_clear_pointer (&self->study_code, g_free);
  for (guint c = 0; c < N_COLS; c++)
    g_clear_object (&self->sizes[c]);
  G_OBJECT_CLASS (pdx_edit_arms_dialog_parent_class)->dispose (object);
}

static void
pdx_edit_arms_dialog_class_init (PdxEditArmsDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pdx_edit_arms_dialog_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/pdxtrack/Pdxtrack/ui/pdx-edit-arms-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PdxEditArmsDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, PdxEditArmsDialog, lock_label);
  gtk_widget_class_bind_template_child (widget_class, PdxEditArmsDialog, study_label);
  gtk_widget_class_bind_template_child (widget_class, PdxEditArmsDialog, editor);
  gtk_widget_class_bind_template_child (widget_class, PdxEditArmsDialog, arms_list);
  gtk_widget_class_bind_template_child (widget_class, PdxEditArmsDialog, control_warning);
  gtk_widget_class_bind_template_child (widget_class, PdxEditArmsDialog, reason);
  gtk_widget_class_bind_template_child (widget_class, PdxEditArmsDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, form_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pdx_edit_arms_dialog_init (PdxEditArmsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->widgets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->arms = g_ptr_array_new_with_free_func ((GDestroyNotify) arm_widgets_free);
  for (guint c = 0; c < N_COLS; c++)
    self->sizes[c] = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
  keep (self, self->save_button, "save");
  keep (self, GTK_WIDGET (self->reason), "reason");
  keep (self, self->error_label, "error");
  keep (self, self->lock_label, "lock");
  keep (self, self->control_warning, "control-warning");
}

PdxEditArmsDialog *
pdx_edit_arms_dialog_new (
    GtkWidget *origin, GtkWindow *parent, PdxLab *lab, gint64 study_id, GError **error)
{
  PdxDb *db = pdx_lab_get_db (lab);
  g_autoptr (PdxStudy) study = pdx_study_get (db, study_id, error);
  g_autoptr (GPtrArray) read = NULL;
  g_autofree char   *lock = NULL, *heading = NULL;
  PdxEditArmsDialog *self;

  if (study == NULL || !(read = pdx_arm_list (db, study_id, error)) ||
      !pdx_study_describe_lock (db, study_id, &lock, error))
    return NULL;
  self = g_object_new (PDX_TYPE_EDIT_ARMS_DIALOG, "transient-for", parent, NULL);
  pdx_mice_dialog_context_init (&self->context, origin, lab, study_id);
  self->study_code = g_strdup (study->code);
  self->read = g_steal_pointer (&read);
  self->locked = lock != NULL;
  heading = study->title ? g_strdup_printf ("%s — %s", study->code, study->title)
                         : g_strdup (study->code);
  gtk_label_set_text (GTK_LABEL (self->study_label), heading);
  if (self->locked)
    {
      /* The lock's description names the study, who locked it, when and why. */
      g_autofree char *text = g_strdup_printf (
          "%s %s", lock, _ ("Its arms and agents cannot be changed until it is unlocked."));
      gtk_label_set_text (GTK_LABEL (self->lock_label), text);
      gtk_widget_set_visible (self->lock_label, TRUE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->reason), FALSE);
    }
  self->filling = TRUE;
  for (guint i = 0; i < self->read->len; i++)
    add_arm_row (self, g_ptr_array_index (self->read, i), i);
  self->filling = FALSE;
  form_changed_cb (self);
  return self;
}
