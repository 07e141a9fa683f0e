/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-sheet-row-widget.c — the cells of one bench-sheet row (see the header).
 * Built in code: list rows are recycled, so the cells are made once and rebound. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx-sheet-row-widget.h"

#include <math.h>

#include "pdx-gui-format.h"

struct _PdxSheetRowWidget
{
  GtkWidget parent_instance;

  GtkWidget   *tag_label, *arm_label, *volume_label, *weight_label, *status_label;
  GtkWidget   *entries[PDX_SHEET_N_FIELDS];
  gboolean     visible[PDX_SHEET_N_COLUMNS];
  PdxSheetRow *row;
  gulong       row_handler;
  gboolean     updating;
};

enum
{
  EDITED,
  MOVE,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (PdxSheetRowWidget, pdx_sheet_row_widget, GTK_TYPE_WIDGET)

static const struct
{
  int         width;
  const char *title;
} columns[PDX_SHEET_N_COLUMNS] = {
  [PDX_SHEET_LENGTH] = { 64, N_ ("L (mm)") },
  [PDX_SHEET_WIDTH] = { 64, N_ ("W (mm)") },
  [PDX_SHEET_BLI] = { 116, N_ ("BLI (p/s)") },
  [PDX_SHEET_MRI] = { 84, N_ ("MRI (mm³)") },
  [PDX_SHEET_WEIGHT] = { 68, N_ ("Weight (g)") },
  [PDX_SHEET_NEURO] = { 52, N_ ("Neuro") },
  [PDX_SHEET_NOTE] = { 120, N_ ("Note") },
  [PDX_SHEET_COL_TAG] = { 56, N_ ("Mouse") },
  [PDX_SHEET_COL_ARM] = { 128, N_ ("Arm") },
  [PDX_SHEET_COL_VOLUME] = { 72, N_ ("Vol. (mm³)") },
  [PDX_SHEET_COL_WEIGHT_CHANGE] = { 64, N_ ("Δ weight") },
  [PDX_SHEET_COL_CHECK] = { 120, NULL },
};

int
pdx_sheet_column_width (int column)
{
  return columns[column].width;
}

const char *
pdx_sheet_column_title (int column)
{
  if (column == PDX_SHEET_COL_CHECK)
    return C_ ("sheet column", "Check");
  return _ (columns[column].title);
}

static void
refresh (PdxSheetRowWidget *self)
{
  PdxSheetRow     *row = self->row;
  g_autofree char *volume = NULL, *change = NULL, *messages = NULL;
  double           weight_change;
  PdxSheetLevel    level;
  int              problem;

  self->updating = TRUE;
  for (int f = 0; f < PDX_SHEET_N_FIELDS; f++)
    if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->entries[f])),
                   pdx_sheet_row_get_text (row, f)) != 0)
      gtk_editable_set_text (GTK_EDITABLE (self->entries[f]), pdx_sheet_row_get_text (row, f));
  self->updating = FALSE;

  /* People style: the locale's decimal separator (German 295,3). */
  volume = isnan (pdx_sheet_row_get_volume (row))
               ? g_strdup ("")
               : pdx_format_value (pdx_sheet_row_get_volume (row), 1);
  weight_change = pdx_sheet_row_get_weight_change (row);
  change = isnan (weight_change) ? g_strdup ("") : g_strdup_printf ("%+.1f %%", weight_change);
  gtk_label_set_text (GTK_LABEL (self->volume_label), volume);
  gtk_label_set_text (GTK_LABEL (self->weight_label), change);
  if (isnan (pdx_sheet_row_get_reference_weight (row)))
    gtk_widget_set_tooltip_text (self->weight_label, _ ("No day-0 weight to compare with"));
  else
    {
      g_autofree char *grams = pdx_format_decimal (pdx_sheet_row_get_reference_weight (row), 2);
      const char      *since = pdx_sheet_row_get_reference_date (row);
      g_autofree char *day = since ? pdx_format_date (since) : NULL;
      g_autofree char *tip =
          day ? g_strdup_printf (
                    /* Translators: the reference weight in grams, then the day it was taken. */
                    _ ("Change from the day-0 weight, %s g on %s"), grams, day)
              : g_strdup_printf (
                    /* Translators: the reference weight in grams. */
                    _ ("Change from the day-0 weight, %s g"), grams);
      gtk_widget_set_tooltip_text (self->weight_label, tip);
    }
  level = pdx_sheet_row_get_level (row);
  problem = pdx_sheet_row_get_problem_field (row);
  /* Every problem of the row, one a line, wrapped: none is hidden behind the worst. */
  messages = pdx_sheet_row_dup_all_messages (row, "\n");
  gtk_label_set_text (GTK_LABEL (self->status_label), messages);
  gtk_widget_set_tooltip_text (self->status_label, messages[0] ? messages : NULL);
  gtk_widget_remove_css_class (self->status_label, "error");
  gtk_widget_remove_css_class (self->status_label, "warning");
  if (level != PDX_SHEET_OK)
    gtk_widget_add_css_class (self->status_label, level == PDX_SHEET_ERROR ? "error" : "warning");
  for (int f = 0; f < PDX_SHEET_N_FIELDS; f++)
    {
      gtk_widget_remove_css_class (self->entries[f], "error");
      gtk_widget_remove_css_class (self->entries[f], "warning");
      if (f == problem && level != PDX_SHEET_OK)
        gtk_widget_add_css_class (self->entries[f], level == PDX_SHEET_ERROR ? "error" : "warning");
    }
  if (pdx_sheet_row_is_dirty (row))
    gtk_widget_add_css_class (GTK_WIDGET (self), "edited");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "edited");
}

static void
row_changed_cb (PdxSheetRow *row, PdxSheetRowWidget *self)
{
  refresh (self);
}

static void
set_entry_labels (PdxSheetRowWidget *self)
{
  const char *tag = pdx_sheet_row_get_tag (self->row);

  for (int f = 0; f < PDX_SHEET_N_FIELDS; f++)
    {
      g_autofree char *label =
          g_strdup_printf (/* Translators: a column of the sheet, then a mouse tag. */
                           _ ("%s of mouse %s"), _ (columns[f].title), tag);

      gtk_accessible_update_property (GTK_ACCESSIBLE (self->entries[f]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
    }
}

void
pdx_sheet_row_widget_bind (PdxSheetRowWidget *self, PdxSheetRow *row)
{
  g_return_if_fail (PDX_IS_SHEET_ROW_WIDGET (self));

  if (self->row != NULL)
    g_clear_signal_handler (&self->row_handler, self->row);
  g_set_object (&self->row, row);
  if (row == NULL)
    return;
  self->row_handler = g_signal_connect (row, "changed", G_CALLBACK (row_changed_cb), self);
  gtk_label_set_text (GTK_LABEL (self->tag_label), pdx_sheet_row_get_tag (row));
  {
    g_autofree char *tip = g_strdup_printf (_ ("Mouse %s: click (or Ctrl+I) for its page"),
                                            pdx_sheet_row_get_tag (row));
    gtk_widget_set_tooltip_text (self->tag_label, tip);
  }
  gtk_label_set_text (GTK_LABEL (self->arm_label), pdx_sheet_row_get_arm (row));
  gtk_widget_set_tooltip_text (self->arm_label, pdx_sheet_row_get_arm (row));
  set_entry_labels (self);
  refresh (self);
}

void
pdx_sheet_row_widget_set_editable (PdxSheetRowWidget *self, gboolean editable)
{
  g_return_if_fail (PDX_IS_SHEET_ROW_WIDGET (self));

  for (guint f = 0; f < PDX_SHEET_N_FIELDS; f++)
    if (self->entries[f] != NULL)
      {
        /* Insensitive, not merely uneditable: a cell that looked editable but ignored typing
         * would leave a scientist wondering what went wrong. */
        gtk_editable_set_editable (GTK_EDITABLE (self->entries[f]), editable);
        gtk_widget_set_sensitive (self->entries[f], editable);
      }
}

PdxSheetRow *
pdx_sheet_row_widget_get_row (PdxSheetRowWidget *self)
{
  return self->row;
}

GtkWidget *
pdx_sheet_row_widget_get_entry (PdxSheetRowWidget *self, PdxSheetField field)
{
  g_return_val_if_fail (field < PDX_SHEET_N_FIELDS, NULL);
  return self->entries[field];
}

GtkWidget *
pdx_sheet_row_widget_get_cell (PdxSheetRowWidget *self, int column)
{
  g_return_val_if_fail (PDX_IS_SHEET_ROW_WIDGET (self), NULL);
  switch (column)
    {
    case PDX_SHEET_COL_TAG:
      return self->tag_label;
    case PDX_SHEET_COL_ARM:
      return self->arm_label;
    case PDX_SHEET_COL_VOLUME:
      return self->volume_label;
    case PDX_SHEET_COL_WEIGHT_CHANGE:
      return self->weight_label;
    case PDX_SHEET_COL_CHECK:
      return self->status_label;
    default:
      return column >= 0 && column < PDX_SHEET_N_FIELDS ? self->entries[column] : NULL;
    }
}

GtkWidget *
pdx_sheet_row_widget_get_status_label (PdxSheetRowWidget *self)
{
  return self->status_label;
}

void
pdx_sheet_row_widget_focus (PdxSheetRowWidget *self, PdxSheetField field)
{
  if (field >= PDX_SHEET_N_FIELDS || !self->visible[field])
    for (field = 0; field < PDX_SHEET_N_FIELDS && !self->visible[field]; field++)
      ;
  if (field < PDX_SHEET_N_FIELDS)
    {
      gtk_widget_grab_focus (self->entries[field]);
      gtk_editable_select_region (GTK_EDITABLE (self->entries[field]), 0, -1);
    }
}

static void
entry_changed_cb (GtkEditable *entry, PdxSheetRowWidget *self)
{
  int field = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (entry), "pdx-field"));

  if (self->updating || self->row == NULL)
    return;
  g_signal_emit (self, signals[EDITED], 0, field, gtk_editable_get_text (entry));
}

static gboolean
entry_key_cb (GtkEventControllerKey *controller,
              guint                  keyval,
              guint                  keycode,
              GdkModifierType        state,
              PdxSheetRowWidget     *self)
{
  GtkWidget *entry = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  int        field = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (entry), "pdx-field"));
  int        delta;

  if (keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter)
    delta = (state & GDK_SHIFT_MASK) ? -1 : 1;
  else if (keyval == GDK_KEY_Down && field != PDX_SHEET_NOTE)
    delta = 1;
  else if (keyval == GDK_KEY_Up && field != PDX_SHEET_NOTE)
    delta = -1;
  else
    return FALSE;
  g_signal_emit (self, signals[MOVE], 0, field, delta);
  return TRUE;
}

/* The row's mouse page (a click on its tag, Ctrl+I in any of its cells): study.show-mouse. */
static void
open_mouse_action (GtkWidget *widget, const char *name, GVariant *param)
{
  PdxSheetRowWidget *self = PDX_SHEET_ROW_WIDGET (widget);

  if (self->row != NULL)
    gtk_widget_activate_action (widget, "study.show-mouse", "x",
                                pdx_sheet_row_get_mouse_id (self->row));
}

static void
tag_clicked_cb (PdxSheetRowWidget *self)
{
  open_mouse_action (GTK_WIDGET (self), "sheetrow.open-mouse", NULL);
}

static void
join_column (GtkWidget *cell, GtkSizeGroup *const groups[PDX_SHEET_N_COLUMNS], int column)
{
  if (groups != NULL && groups[column] != NULL)
    gtk_size_group_add_widget (groups[column], cell);
}

static GtkWidget *
cell_label (int column, gboolean numeric)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_set_size_request (label, columns[column].width, -1);
  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1 : 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  /* Natural width = least width: a long arm name is ellipsized (its tooltip says it whole), and
   * no row hands spare width to a cell of its own. */
  gtk_label_set_max_width_chars (GTK_LABEL (label), 1);
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");
  return label;
}

static GtkWidget *
cell_entry (PdxSheetRowWidget *self, int field)
{
  GtkWidget          *entry = gtk_entry_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_set_size_request (entry, columns[field].width, -1);
  gtk_widget_set_valign (entry, GTK_ALIGN_CENTER); /* a row of several problems is taller */
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 3);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (entry), 3);
  gtk_editable_set_enable_undo (GTK_EDITABLE (entry), FALSE);
  if (field != PDX_SHEET_NOTE)
    {
      gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_NUMBER);
      gtk_entry_set_alignment (GTK_ENTRY (entry), 1.0);
      gtk_widget_add_css_class (entry, "numeric");
    }
  g_object_set_data (G_OBJECT (entry), "pdx-field", GINT_TO_POINTER (field));
  g_signal_connect (entry, "changed", G_CALLBACK (entry_changed_cb), self);
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (entry_key_cb), self);
  gtk_widget_add_controller (entry, keys);
  gtk_widget_set_visible (entry, self->visible[field]);
  return entry;
}

GtkWidget *
pdx_sheet_row_widget_new (const gboolean      visible[PDX_SHEET_N_COLUMNS],
                          GtkSizeGroup *const groups[PDX_SHEET_N_COLUMNS])
{
  PdxSheetRowWidget *self = g_object_new (PDX_TYPE_SHEET_ROW_WIDGET, NULL);
  GtkWidget         *widget = GTK_WIDGET (self);
  GtkGesture        *click;
  static const int   order[] = {
      PDX_SHEET_LENGTH, PDX_SHEET_WIDTH,  PDX_SHEET_COL_VOLUME,        PDX_SHEET_BLI,
      PDX_SHEET_MRI,    PDX_SHEET_WEIGHT, PDX_SHEET_COL_WEIGHT_CHANGE, PDX_SHEET_NEURO,
      PDX_SHEET_NOTE
  };

  memcpy (self->visible, visible, sizeof self->visible);
  self->tag_label = cell_label (PDX_SHEET_COL_TAG, FALSE);
  gtk_widget_add_css_class (self->tag_label, "heading");
  click = gtk_gesture_click_new ();
  g_signal_connect_swapped (click, "released", G_CALLBACK (tag_clicked_cb), self);
  gtk_widget_add_controller (self->tag_label, GTK_EVENT_CONTROLLER (click));
  gtk_widget_set_cursor_from_name (self->tag_label, "pointer");
  self->arm_label = cell_label (PDX_SHEET_COL_ARM, FALSE);
  gtk_widget_add_css_class (self->arm_label, "dim-label");
  join_column (self->tag_label, groups, PDX_SHEET_COL_TAG);
  join_column (self->arm_label, groups, PDX_SHEET_COL_ARM);
  gtk_widget_set_parent (self->tag_label, widget);
  gtk_widget_set_parent (self->arm_label, widget);
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      GtkWidget *cell;

      if (order[i] == PDX_SHEET_COL_VOLUME)
        cell = self->volume_label = cell_label (order[i], TRUE);
      else if (order[i] == PDX_SHEET_COL_WEIGHT_CHANGE)
        cell = self->weight_label = cell_label (order[i], TRUE);
      else
        cell = self->entries[order[i]] = cell_entry (self, order[i]);
      gtk_widget_set_visible (cell, visible[order[i]]);
      join_column (cell, groups, order[i]);
      gtk_widget_set_parent (cell, widget);
    }
  self->status_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->status_label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->status_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->status_label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (self->status_label, TRUE);
  /* Not in a size group: a wrapped label's width depends on the row's height. It is the last
   * cell and the only one wider than its least width, so every row gives the same widths to
   * the cells before it, and the header's as well. */
  gtk_widget_set_size_request (self->status_label, columns[PDX_SHEET_COL_CHECK].width, -1);
  gtk_widget_set_parent (self->status_label, widget);
  return widget;
}

static void
pdx_sheet_row_widget_dispose (GObject *object)
{
  PdxSheetRowWidget *self = PDX_SHEET_ROW_WIDGET (object);
  GtkWidget         *child;

  pdx_sheet_row_widget_bind (self, NULL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (pdx_sheet_row_widget_parent_class)->dispose (object);
}

static void
pdx_sheet_row_widget_class_init (PdxSheetRowWidgetClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pdx_sheet_row_widget_dispose;
  signals[EDITED] = g_signal_new ("edited", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                  NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_STRING);
  signals[MOVE] = g_signal_new ("move", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                NULL, G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_INT);
  gtk_widget_class_install_action (widget_class, "sheetrow.open-mouse", NULL, open_mouse_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK,
                                       "sheetrow.open-mouse", NULL);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "pdxsheetrow");
}

static void
pdx_sheet_row_widget_init (PdxSheetRowWidget *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 6);
}
