/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-measure-sheet.c — the bench sheet (see the header).
 *
 * Rows are PdxSheetRow objects in a GListStore shown by a GtkListView, so only the visible rows
 * have widgets. Enter moves to the same cell one row down (scrolling it in), Tab across. Every
 * cell edit goes on an undo stack; Save writes all edited rows inside pdx_db_begin/commit and
 * rolls back on the first refusal, leaving the database as it was. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx-measure-sheet.h"

#include <math.h>
#include <stdio.h>

#include "pdx/pdx-analysis.h"
#include "pdx-day-picker.h"
#include "pdx-gui-format.h"
#include "pdx-measure-sheet-private.h"

G_DEFINE_FINAL_TYPE (PdxMeasureSheet, pdx_measure_sheet, GTK_TYPE_WIDGET)

void
pdx_measure_sheet_edit_free (PdxCellEdit *edit)
{
  g_object_unref (edit->row);
  g_free (edit->old_text);
  g_free (edit);
}

void
pdx_measure_sheet_toast (PdxMeasureSheet *self, const char *message)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", message);
}

void
pdx_measure_sheet_update_summary (PdxMeasureSheet *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  guint dirty = 0, errors = 0, warnings = 0;
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (PdxSheetRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), i);

      dirty += pdx_sheet_row_is_dirty (row);
      errors += pdx_sheet_row_get_level (row) == PDX_SHEET_ERROR;
      warnings += pdx_sheet_row_get_level (row) == PDX_SHEET_WARNING;
    }
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u mouse", "%u mice", n), n);
  if (dirty > 0)
    g_string_append_printf (
        text, g_dngettext (GETTEXT_PACKAGE, " · %u unsaved", " · %u unsaved", dirty), dirty);
  if (warnings > 0)
    g_string_append_printf (
        text, g_dngettext (GETTEXT_PACKAGE, " · %u warning", " · %u warnings", warnings), warnings);
  if (errors > 0)
    g_string_append_printf (
        text, g_dngettext (GETTEXT_PACKAGE, " · %u error", " · %u errors", errors), errors);
  gtk_label_set_text (self->summary_label, text->str);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sheet.save",
                                 dirty > 0 && errors == 0 && self->lock_tooltip == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sheet.undo", self->edits->len > 0);
}

static void
row_changed_cb (PdxSheetRow *row, PdxMeasureSheet *self)
{
  if (!self->marking_saved)
    pdx_measure_sheet_update_summary (self);
}

/* ---- columns ------------------------------------------------------------------------------ */

static void
set_columns (PdxMeasureSheet *self, PdxReadout readout)
{
  memset (self->visible, 0, sizeof self->visible);
  self->visible[PDX_SHEET_COL_TAG] = self->visible[PDX_SHEET_COL_ARM] = TRUE;
  self->visible[PDX_SHEET_LENGTH] = readout == PDX_READOUT_CALIPER_VOLUME;
  self->visible[PDX_SHEET_WIDTH] = readout == PDX_READOUT_CALIPER_VOLUME;
  self->visible[PDX_SHEET_COL_VOLUME] = readout == PDX_READOUT_CALIPER_VOLUME;
  self->visible[PDX_SHEET_BLI] = readout == PDX_READOUT_BLI_FLUX;
  self->visible[PDX_SHEET_MRI] = readout == PDX_READOUT_MRI_VOLUME;
  self->visible[PDX_SHEET_WEIGHT] = self->visible[PDX_SHEET_COL_WEIGHT_CHANGE] = TRUE;
  self->visible[PDX_SHEET_NEURO] = self->visible[PDX_SHEET_NOTE] = TRUE;
}

static void
fill_header (PdxMeasureSheet *self)
{
  static const int order[] = { PDX_SHEET_COL_TAG, PDX_SHEET_COL_ARM,    PDX_SHEET_LENGTH,
                               PDX_SHEET_WIDTH,   PDX_SHEET_COL_VOLUME, PDX_SHEET_BLI,
                               PDX_SHEET_MRI,     PDX_SHEET_WEIGHT,     PDX_SHEET_COL_WEIGHT_CHANGE,
                               PDX_SHEET_NEURO,   PDX_SHEET_NOTE };
  GtkWidget       *child;
  GtkWidget       *status;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->header_box))) != NULL)
    gtk_box_remove (self->header_box, child);
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      GtkWidget *label = gtk_label_new (pdx_sheet_column_title (order[i]));

      gtk_widget_set_size_request (label, pdx_sheet_column_width (order[i]), -1);
      gtk_label_set_xalign (GTK_LABEL (label),
                            (order[i] >= PDX_SHEET_COL_TAG && order[i] <= PDX_SHEET_COL_ARM) ||
                                    order[i] == PDX_SHEET_NOTE
                                ? 0
                                : 1);
      gtk_widget_add_css_class (label, "heading");
      gtk_widget_set_visible (label, self->visible[order[i]]);
      gtk_size_group_add_widget (self->columns[order[i]], label);
      gtk_box_append (self->header_box, label);
    }
  status = gtk_label_new (pdx_sheet_column_title (PDX_SHEET_COL_CHECK));
  gtk_label_set_xalign (GTK_LABEL (status), 0);
  gtk_widget_add_css_class (status, "heading");
  gtk_widget_set_hexpand (status, TRUE);
  gtk_widget_set_size_request (status, pdx_sheet_column_width (PDX_SHEET_COL_CHECK), -1);
  gtk_box_append (self->header_box, status);
}

/* The header scrolls sideways with the rows (its cells are as wide as theirs: one size group a
 * column), and stays above them when they scroll down. */
static void
rows_scrolled_cb (GtkAdjustment *rows, PdxMeasureSheet *self)
{
  GtkAdjustment *header = gtk_scrolled_window_get_hadjustment (self->header_scroller);

  gtk_adjustment_set_value (header, gtk_adjustment_get_value (rows));
}

GtkWidget *
pdx_measure_sheet_get_header_cell (PdxMeasureSheet *self, int column)
{
  static const int order[] = { PDX_SHEET_COL_TAG, PDX_SHEET_COL_ARM,    PDX_SHEET_LENGTH,
                               PDX_SHEET_WIDTH,   PDX_SHEET_COL_VOLUME, PDX_SHEET_BLI,
                               PDX_SHEET_MRI,     PDX_SHEET_WEIGHT,     PDX_SHEET_COL_WEIGHT_CHANGE,
                               PDX_SHEET_NEURO,   PDX_SHEET_NOTE,       PDX_SHEET_COL_CHECK };
  GtkWidget       *child = gtk_widget_get_first_child (GTK_WIDGET (self->header_box));

  for (guint i = 0; child != NULL && i < G_N_ELEMENTS (order); i++)
    {
      if (order[i] == column)
        return child;
      child = gtk_widget_get_next_sibling (child);
    }
  return NULL;
}

/* ---- list factory ------------------------------------------------------------------------- */

static void
focus_pending (PdxMeasureSheet *self)
{
  g_autoptr (PdxSheetRow) row = NULL;
  PdxSheetRowWidget *widget;

  if (self->pending_position < 0 ||
      (guint) self->pending_position >= g_list_model_get_n_items (G_LIST_MODEL (self->rows)))
    return;
  row = g_list_model_get_item (G_LIST_MODEL (self->rows), self->pending_position);
  widget = g_hash_table_lookup (self->widgets, row);
  if (widget == NULL)
    return;
  self->pending_position = -1;
  pdx_sheet_row_widget_focus (widget, self->pending_field);
  if (self->pending_keep_text)
    gtk_editable_set_position (
        GTK_EDITABLE (pdx_sheet_row_widget_get_entry (widget, self->pending_field)), -1);
  self->pending_keep_text = FALSE;
}

static gboolean
focus_pending_idle (gpointer data)
{
  focus_pending (PDX_MEASURE_SHEET (data));
  return G_SOURCE_REMOVE;
}

static void
row_edited_cb (PdxSheetRowWidget *widget, int field, const char *text, PdxMeasureSheet *self)
{
  PdxSheetRow *row = pdx_sheet_row_widget_get_row (widget);
  PdxCellEdit *last =
      self->edits->len ? g_ptr_array_index (self->edits, self->edits->len - 1) : NULL;

  /* Typing "21.5" is one edit, not four: consecutive changes of one cell coalesce. */
  if (last == NULL || last->row != row || last->field != field)
    {
      PdxCellEdit *edit = g_new0 (PdxCellEdit, 1);

      edit->row = g_object_ref (row);
      edit->field = field;
      edit->old_text = g_strdup (pdx_sheet_row_get_text (row, field));
      g_ptr_array_add (self->edits, edit);
    }
  pdx_sheet_row_set_text (row, field, text);
}

static void
row_move_cb (PdxSheetRowWidget *widget, int field, int delta, PdxMeasureSheet *self)
{
  PdxSheetRow *row = pdx_sheet_row_widget_get_row (widget);
  guint        position;
  int          target;

  if (!g_list_store_find (self->rows, row, &position))
    return;
  target = (int) position + delta;
  if (target < 0 || (guint) target >= g_list_model_get_n_items (G_LIST_MODEL (self->rows)))
    return;
  self->pending_position = target;
  self->pending_field = field;
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u",
                              (guint) target);
  focus_pending (self);
  if (self->pending_position >= 0)
    g_idle_add_full (G_PRIORITY_LOW, focus_pending_idle, g_object_ref (self), g_object_unref);
}

static void
setup_cb (GtkSignalListItemFactory *factory, GtkListItem *item, PdxMeasureSheet *self)
{
  GtkWidget *widget = pdx_sheet_row_widget_new (self->visible, self->columns);

  g_signal_connect (widget, "edited", G_CALLBACK (row_edited_cb), self);
  g_signal_connect (widget, "move", G_CALLBACK (row_move_cb), self);
  gtk_list_item_set_child (item, widget);
  gtk_list_item_set_activatable (item, FALSE);
  gtk_list_item_set_selectable (item, FALSE);
}

static void
bind_cb (GtkSignalListItemFactory *factory, GtkListItem *item, PdxMeasureSheet *self)
{
  PdxSheetRow *row = gtk_list_item_get_item (item);
  GtkWidget   *widget = gtk_list_item_get_child (item);

  PdxDb *db = self->binding.lab ? pdx_lab_get_db (self->binding.lab) : NULL;

  pdx_sheet_row_widget_bind (PDX_SHEET_ROW_WIDGET (widget), row);
  pdx_sheet_row_widget_set_editable (PDX_SHEET_ROW_WIDGET (widget),
                                     (db == NULL || !pdx_db_is_read_only (db)) &&
                                         self->lock_tooltip == NULL);
  g_hash_table_insert (self->widgets, row, widget);
  if (self->pending_position >= 0)
    g_idle_add_full (G_PRIORITY_LOW, focus_pending_idle, g_object_ref (self), g_object_unref);
}

static void
unbind_cb (GtkSignalListItemFactory *factory, GtkListItem *item, PdxMeasureSheet *self)
{
  PdxSheetRow *row = gtk_list_item_get_item (item);
  GtkWidget   *widget = gtk_list_item_get_child (item);

  if (g_hash_table_lookup (self->widgets, row) == widget)
    g_hash_table_remove (self->widgets, row);
  pdx_sheet_row_widget_bind (PDX_SHEET_ROW_WIDGET (widget), NULL);
}

static void
set_factory (PdxMeasureSheet *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
}

/* ---- loading ------------------------------------------------------------------------------ */

/* Puts the cursor in the first mouse's primary-readout cell, so that typing starts at once. */
static void
focus_first_cell (PdxMeasureSheet *self, PdxReadout readout)
{
  self->pending_position = 0;
  self->pending_field = readout == PDX_READOUT_CALIPER_VOLUME ? PDX_SHEET_LENGTH
                        : readout == PDX_READOUT_MRI_VOLUME   ? PDX_SHEET_MRI
                                                              : PDX_SHEET_BLI;
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", 0);
  g_idle_add_full (G_PRIORITY_LOW, focus_pending_idle, g_object_ref (self), g_object_unref);
}

/* The mouse and field of the cell that has the keyboard focus (*@mouse_id 0: none), so that a
 * reload of the same day (another program's commit) leaves the cursor where it was. */
static void
find_focused_cell (PdxMeasureSheet *self, gint64 *mouse_id, int *field)
{
  GHashTableIter iter;
  gpointer       row, widget;

  g_hash_table_iter_init (&iter, self->widgets);
  while (g_hash_table_iter_next (&iter, &row, &widget))
    for (int f = 0; f < PDX_SHEET_N_FIELDS; f++)
      {
        GtkWidget *entry = pdx_sheet_row_widget_get_entry (widget, f);
        GtkRoot   *root = gtk_widget_get_root (entry);
        GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

        if (focus != NULL && (focus == entry || gtk_widget_is_ancestor (focus, entry)))
          {
            *mouse_id = pdx_sheet_row_get_mouse_id (row);
            *field = f;
            return;
          }
      }
}

/* Focuses @field of @mouse_id's row, scrolling it in; the cursor at the end, nothing selected. */
static void
refocus_cell (PdxMeasureSheet *self, gint64 mouse_id, int field)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (PdxSheetRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), i);

      if (pdx_sheet_row_get_mouse_id (row) == mouse_id)
        {
          self->pending_position = (int) i;
          self->pending_field = field;
          self->pending_keep_text = TRUE;
          gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", i);
          focus_pending (self);
          if (self->pending_position >= 0)
            g_idle_add_full (G_PRIORITY_LOW, focus_pending_idle, g_object_ref (self),
                             g_object_unref);
          return;
        }
    }
}

void
pdx_measure_sheet_note_focus (PdxMeasureSheet *self)
{
  gint64 mouse = 0;
  int    field = 0;

  find_focused_cell (self, &mouse, &field);
  if (mouse != 0)
    {
      self->focus_mouse = mouse;
      self->focus_field = field;
    }
}

void
pdx_measure_sheet_return_focus (PdxMeasureSheet *self)
{
  if (self->focus_mouse != 0)
    refocus_cell (self, self->focus_mouse, self->focus_field);
}

static gboolean
mouse_is_live (const PdxStudyMouse *mouse, double day)
{
  if (mouse->excluded)
    return FALSE;
  if (mouse->has_endpoint && !isnan (mouse->endpoint_day) && mouse->endpoint_day < day)
    return FALSE;
  return isnan (mouse->implant_day) || mouse->implant_day <= day;
}

/* Builds one row per live mouse of @data on self->date; a mouse in @kept (mouse id → its row
 * with unsaved edits) keeps that row. */
static GPtrArray *
build_rows (PdxMeasureSheet    *self,
            const PdxStudyData *data,
            GPtrArray          *weights,
            GPtrArray          *existing,
            double              day,
            GHashTable         *kept)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GHashTable) by_mouse = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; existing != NULL && i < existing->len; i++)
    {
      PdxMeasurement *m = g_ptr_array_index (existing, i);
      g_hash_table_insert (by_mouse, &m->mouse_id, m);
    }
  for (guint i = 0; i < data->n_mice; i++)
    {
      const PdxStudyMouse  *mouse = &data->mice[i];
      const PdxMouseWeight *weight = g_ptr_array_index (weights, i);
      PdxMeasurement       *m = g_hash_table_lookup (by_mouse, &mouse->id);
      PdxSheetRow          *row;

      if ((row = g_hash_table_lookup (kept, &mouse->id)) != NULL)
        row = g_object_ref (row);
      else if (!mouse_is_live (mouse, day) && m == NULL)
        continue;
      else
        {
          g_autofree char *reference_date =
              isnan (weight->reference_day) || data->day0 == NULL
                  ? NULL
                  : pdx_date_add_days (data->day0, (int) lround (weight->reference_day));

          row = pdx_sheet_row_new (mouse->id, mouse->tag,
                                   mouse->arm >= 0 ? data->arms[mouse->arm].name : NULL,
                                   mouse->cage, weight->reference_weight_g, m, &self->limits);
          pdx_sheet_row_set_dates (row, self->date, reference_date);
        }
      g_signal_connect (row, "changed", G_CALLBACK (row_changed_cb), self);
      g_ptr_array_add (rows, row);
    }
  return rows;
}

/* Empties the sheet. With @kept (not NULL), the rows with unsaved edits and no conflict go
 * into it (mouse id → row) and their cell edits stay on the undo stack: a reload of the same
 * study and date (another program's commit) keeps what the person typed, and the save checks
 * those rows against what they were loaded from. */
static void
clear_rows (PdxMeasureSheet *self, GHashTable *kept)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (PdxSheetRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), i);

      g_signal_handlers_disconnect_by_data (row, self);
      if (kept != NULL && pdx_sheet_row_is_dirty (row) && !pdx_sheet_row_has_conflict (row))
        {
          gint64 *id = g_new (gint64, 1);

          *id = pdx_sheet_row_get_mouse_id (row);
          g_hash_table_insert (kept, id, g_object_ref (row));
        }
    }
  for (guint i = self->edits->len; i > 0; i--)
    {
      PdxCellEdit *edit = g_ptr_array_index (self->edits, i - 1);
      gint64       id = pdx_sheet_row_get_mouse_id (edit->row);

      if (kept == NULL || g_hash_table_lookup (kept, &id) != edit->row)
        g_ptr_array_remove_index (self->edits, i - 1);
    }
  g_list_store_remove_all (self->rows);
  self->pending_position = -1;
}

static void
update_day_label (PdxMeasureSheet *self)
{
  g_autofree char *today = pdx_format_today ();
  int              day;
  g_autofree char *text = NULL;

  if (pdx_measure_sheet_date_is_future (self))
    text = g_strdup (_ ("in the future: nothing can be saved for this date"));
  else if (self->day0 != NULL && pdx_days_between (self->day0, self->date, &day))
    text = g_strdup_printf (_ ("study day %d"), day);
  gtk_label_set_text (self->day_label, text ? text : "");
  if (pdx_measure_sheet_date_is_future (self))
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->day_label), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->day_label), "error");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->day_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->day_label), "dim-label");
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sheet.next-day",
                                 !pdx_measure_sheet_date_is_future (self) &&
                                     g_strcmp0 (self->date, today) < 0);
}

/* The date entry shows the sheet's day as people read it (German 22.03.2026); it takes that
 * form back, and ISO (pdx_measure_sheet_set_date). */
static void
show_sheet_date (PdxMeasureSheet *self)
{
  g_autofree char *shown = pdx_format_date (self->date);

  gtk_editable_set_text (GTK_EDITABLE (self->date_entry), shown);
}

/* On an empty sheet of a study with measurements (a finished study, opened on today): a
 * button to its latest measurement day. */
static void
offer_last_measured_day (PdxMeasureSheet *self, PdxDb *db, gboolean empty)
{
  g_auto (GStrv) dates = NULL;
  guint n;

  g_clear_pointer (&self->last_measured_day, g_free);
  if (empty)
    dates = pdx_study_list_measurement_dates (db, self->binding.study_id, NULL);
  n = dates ? g_strv_length (dates) : 0;
  if (n > 0 && g_strcmp0 (dates[n - 1], self->date) != 0)
    {
      g_autofree char *shown = pdx_format_date (dates[n - 1]);
      g_autofree char *label = g_strdup_printf (_ ("Open the _Last Measured Day, %s"), shown);
      self->last_measured_day = g_strdup (dates[n - 1]);
      gtk_button_set_label (self->last_day_button, label);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->last_day_button), self->last_measured_day != NULL);
}

static void show_rows (PdxMeasureSheet *self, PdxDb *db, GPtrArray *rows, int readout);

/* A locked study's sheet shows its values but takes no typing and saves nothing; Save, and
 * the rows, say why in their tooltip. */
static void
apply_lock (PdxMeasureSheet *self, PdxDb *db)
{
  g_free (self->lock_tooltip);
  self->lock_tooltip = pdx_study_dup_locked_tooltip (db, self->binding.study_id);
  gtk_widget_set_sensitive (GTK_WIDGET (self->list_view), self->lock_tooltip == NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->list_view), self->lock_tooltip);
  pdx_widget_explain_locked (GTK_WIDGET (self), "sheet.save", self->lock_tooltip);
}

static void
reload (GtkWidget *widget)
{
  PdxMeasureSheet *self = PDX_MEASURE_SHEET (widget);
  PdxDb           *db = self->binding.lab ? pdx_lab_get_db (self->binding.lab) : NULL;
  g_autoptr (PdxStudyData) data = NULL;
  g_autoptr (GPtrArray) weights = NULL, existing = NULL, rows = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) kept =
      g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  gboolean same = self->loaded_study_id == self->binding.study_id &&
                  g_strcmp0 (self->loaded_date, self->date) == 0;
  gint64 focused_mouse = 0;
  int    focused_field = 0;
  int    day = 0;

  if (same)
    find_focused_cell (self, &focused_mouse, &focused_field);
  clear_rows (self, same ? kept : NULL);
  self->loaded_study_id = self->binding.study_id;
  g_free (self->loaded_date);
  self->loaded_date = g_strdup (self->date);
  g_clear_pointer (&self->day0, g_free);
  show_sheet_date (self);
  pdx_day_picker_set_study (self->day_picker, self->binding.lab, self->binding.study_id);
  pdx_day_picker_set_date (self->day_picker, self->date);
  if (db == NULL || self->binding.study_id == 0)
    {
      pdx_measure_sheet_update_summary (self);
      return;
    }
  data = pdx_study_data_load (db, self->binding.study_id, &error);
  if (data != NULL)
    existing = pdx_measurement_list_for_study (db, self->binding.study_id, self->date, &error);
  if (existing == NULL)
    {
      adw_status_page_set_title (self->empty_page, _ ("Could Not Load the Sheet"));
      adw_status_page_set_description (self->empty_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      offer_last_measured_day (self, db, FALSE);
      pdx_measure_sheet_update_summary (self);
      return;
    }
  apply_lock (self, db);
  self->day0 = g_strdup (data->day0);
  pdx_days_between (data->day0, self->date, &day);
  set_columns (self, data->readout);
  fill_header (self);
  set_factory (self);
  weights = pdx_mouse_weight_list (data);
  rows = build_rows (self, data, weights, existing, day, kept);
  show_rows (self, db, rows, same ? -1 : (int) data->readout);
  if (same && focused_mouse != 0)
    refocus_cell (self, focused_mouse, focused_field);
  else if (same && self->refocus_on_reload)
    pdx_measure_sheet_return_focus (self);
  self->refocus_on_reload = FALSE;
}

/* Shows @rows (or the empty page); puts the cursor in the first cell of @readout (-1: not). */
static void
show_rows (PdxMeasureSheet *self, PdxDb *db, GPtrArray *rows, int readout)
{
  g_list_store_splice (self->rows, 0, 0, rows->pdata, rows->len);
  adw_status_page_set_title (self->empty_page, _ ("No Live Mice on This Date"));
  adw_status_page_set_description (self->empty_page,
                                   _ ("Every mouse has an endpoint, is excluded, or was implanted "
                                      "after this date."));
  gtk_stack_set_visible_child_name (self->stack, rows->len > 0 ? "sheet" : "empty");
  offer_last_measured_day (self, db, rows->len == 0);
  if (rows->len > 0 && readout >= 0)
    focus_first_cell (self, (PdxReadout) readout);
  update_day_label (self);
  pdx_measure_sheet_update_summary (self);
}

void
pdx_measure_sheet_set_study (PdxMeasureSheet *self, PdxLab *lab, gint64 study_id)
{
  g_return_if_fail (PDX_IS_MEASURE_SHEET (self));
  g_free (self->date);
  self->date = pdx_format_today ();
  pdx_study_binding_set (&self->binding, lab, study_id);
}

gboolean
pdx_measure_sheet_set_date (PdxMeasureSheet *self, const char *typed)
{
  g_autofree char *today = pdx_format_today ();
  g_autofree char *date = pdx_parse_date (typed);

  g_return_val_if_fail (PDX_IS_MEASURE_SHEET (self), FALSE);
  if (date == NULL)
    {
      pdx_measure_sheet_toast (self, _ ("Type the date as YYYY-MM-DD"));
      show_sheet_date (self);
      return FALSE;
    }
  if (g_strcmp0 (date, self->date) == 0)
    {
      show_sheet_date (self); /* typed in the other form: shown in the usual one */
      return TRUE;
    }
  if (g_strcmp0 (date, today) > 0)
    {
      g_autofree char *shown = pdx_format_date (date);
      g_autofree char *message = g_strdup_printf (
          _ ("%s is in the future: measurements are entered on the day they were taken, or later"),
          shown);
      pdx_measure_sheet_toast (self, message);
      show_sheet_date (self);
      return FALSE;
    }
  if (pdx_measure_sheet_has_unsaved (self))
    {
      pdx_measure_sheet_toast (self,
                               _ ("Save or undo this day’s measurements before changing the date"));
      show_sheet_date (self);
      return FALSE;
    }
  g_free (self->date);
  self->date = g_strdup (date);
  pdx_study_binding_invalidate (&self->binding);
  return TRUE;
}

const char *
pdx_measure_sheet_get_date (PdxMeasureSheet *self)
{
  return self->date;
}

void
pdx_measure_sheet_set_limits (PdxMeasureSheet *self, double warning_percent, double humane_percent)
{
  self->limits.weight_warning_percent = warning_percent;
  self->limits.weight_humane_percent = humane_percent;
  if (!pdx_measure_sheet_has_unsaved (self))
    pdx_study_binding_invalidate (&self->binding);
}

static void
date_activate_cb (PdxMeasureSheet *self)
{
  pdx_measure_sheet_set_date (self, gtk_editable_get_text (GTK_EDITABLE (self->date_entry)));
}

/* ---- the day picker ----------------------------------------------------------------------- */

static void
day_picked_cb (PdxMeasureSheet *self, const char *date)
{
  pdx_measure_sheet_set_date (self, date);
}

static void
shift_date (PdxMeasureSheet *self, int days)
{
  GDate date;
  int   y, m, d;
  char  text[16];

  if (sscanf (self->date, "%d-%d-%d", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
    return;
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, d, m, y);
  if (days > 0)
    g_date_add_days (&date, days);
  else
    g_date_subtract_days (&date, -days);
  g_snprintf (text, sizeof text, "%04d-%02d-%02d", g_date_get_year (&date),
              g_date_get_month (&date), g_date_get_day (&date));
  pdx_measure_sheet_set_date (self, text);
}

void
pdx_measure_sheet_discard (PdxMeasureSheet *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));

  self->marking_saved = TRUE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (PdxSheetRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), i);
      pdx_sheet_row_revert (row);
    }
  self->marking_saved = FALSE;
  g_ptr_array_set_size (self->edits, 0);
  pdx_measure_sheet_update_summary (self);
}

gboolean
pdx_measure_sheet_undo (PdxMeasureSheet *self)
{
  PdxCellEdit *edit;

  if (self->edits->len == 0)
    return FALSE;
  edit = g_ptr_array_steal_index (self->edits, self->edits->len - 1);
  pdx_sheet_row_set_text (edit->row, edit->field, edit->old_text);
  /* The cursor goes to the cell undone, scrolled in when its row was out of sight (the list
   * keeps the focused row's widget bound even then: a bound widget is no sign of being seen). */
  refocus_cell (self, pdx_sheet_row_get_mouse_id (edit->row), edit->field);
  pdx_measure_sheet_edit_free (edit);
  pdx_measure_sheet_update_summary (self);
  return TRUE;
}

guint
pdx_measure_sheet_get_n_rows (PdxMeasureSheet *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->rows));
}

PdxSheetRow *
pdx_measure_sheet_get_row (PdxMeasureSheet *self, guint position)
{
  g_autoptr (PdxSheetRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), position);

  return row; /* borrowed: the store keeps it */
}

GtkCalendar *
pdx_measure_sheet_get_calendar (PdxMeasureSheet *self)
{
  return pdx_day_picker_get_calendar (self->day_picker);
}

GtkMenuButton *
pdx_measure_sheet_get_calendar_button (PdxMeasureSheet *self)
{
  return pdx_day_picker_get_button (self->day_picker);
}

PdxSheetRowWidget *
pdx_measure_sheet_find_row_widget (PdxMeasureSheet *self, const char *tag)
{
  GHashTableIter iter;
  gpointer       row, widget;

  g_hash_table_iter_init (&iter, self->widgets);
  while (g_hash_table_iter_next (&iter, &row, &widget))
    if (g_strcmp0 (pdx_sheet_row_get_tag (row), tag) == 0)
      return widget;
  return NULL;
}

/* ---- other programs' changes -------------------------------------------------------------- */

static void
pdx_measure_sheet_map (GtkWidget *widget)
{
  PdxMeasureSheet *self = PDX_MEASURE_SHEET (widget);
  GtkRoot         *root = gtk_widget_get_root (widget);

  GTK_WIDGET_CLASS (pdx_measure_sheet_parent_class)->map (widget);
  pdx_measure_sheet_watch_window (self, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
  pdx_measure_sheet_catch_up (self, FALSE);
}

static void
pdx_measure_sheet_unmap (GtkWidget *widget)
{
  pdx_measure_sheet_watch_window (PDX_MEASURE_SHEET (widget), NULL);
  GTK_WIDGET_CLASS (pdx_measure_sheet_parent_class)->unmap (widget);
}

/* ---- actions and class -------------------------------------------------------------------- */

/* Reloads the day from the lab: rows with unsaved edits are kept unless their save met another
 * program's change (those show what is stored now). */
static void
reload_action (GtkWidget *widget, const char *name, GVariant *param)
{
  PdxMeasureSheet *self = PDX_MEASURE_SHEET (widget);

  pdx_measure_sheet_catch_up (self, TRUE);
  pdx_study_binding_invalidate (&self->binding);
}

static void
save_action (GtkWidget *widget, const char *name, GVariant *param)
{
  pdx_measure_sheet_save (PDX_MEASURE_SHEET (widget));
}

static void
undo_action (GtkWidget *widget, const char *name, GVariant *param)
{
  pdx_measure_sheet_undo (PDX_MEASURE_SHEET (widget));
}

static void
day_action (GtkWidget *widget, const char *name, GVariant *param)
{
  PdxMeasureSheet *self = PDX_MEASURE_SHEET (widget);

  if (g_str_equal (name, "sheet.today"))
    {
      g_autofree char *today = pdx_format_today ();
      pdx_measure_sheet_set_date (self, today);
    }
  else if (g_str_equal (name, "sheet.last-measured-day"))
    {
      g_autofree char *day = g_strdup (self->last_measured_day);
      if (day != NULL)
        pdx_measure_sheet_set_date (self, day);
    }
  else
    shift_date (self, g_str_equal (name, "sheet.next-day") ? 1 : -1);
}

static void
pdx_measure_sheet_dispose (GObject *object)
{
  PdxMeasureSheet *self = PDX_MEASURE_SHEET (object);

  pdx_study_binding_clear (&self->binding);
  if (self->rows != NULL)
    clear_rows (self, NULL);
  if (self->list_scroller != NULL)
    g_signal_handlers_disconnect_by_data (gtk_scrolled_window_get_hadjustment (self->list_scroller),
                                          self);
  gtk_widget_dispose_template (GTK_WIDGET (self), PDX_TYPE_MEASURE_SHEET);
  pdx_widget_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->rows);
  g_clear_pointer (&self->widgets, g_hash_table_unref);
  g_clear_pointer (&self->edits, g_ptr_array_unref);
  for (int c = 0; c < PDX_SHEET_N_COLUMNS; c++)
    g_clear_object (&self->columns[c]);
  pdx_measure_sheet_clear_save (self);
  pdx_measure_sheet_watch_window (self, NULL);
  g_clear_pointer (&self->last_measured_day, g_free);
  g_clear_pointer (&self->lock_tooltip, g_free);
  g_clear_pointer (&self->loaded_date, g_free);
  g_clear_pointer (&self->date, g_free);
  g_clear_pointer (&self->day0, g_free);
  G_OBJECT_CLASS (pdx_measure_sheet_parent_class)->dispose (object);
}

static void
pdx_measure_sheet_class_init (PdxMeasureSheetClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pdx_measure_sheet_dispose;
  widget_class->map = pdx_measure_sheet_map;
  widget_class->unmap = pdx_measure_sheet_unmap;
  g_type_ensure (PDX_TYPE_DAY_PICKER);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/pdxtrack/Pdxtrack/ui/pdx-measure-sheet.ui");
  gtk_widget_class_bind_template_child (widget_class, PdxMeasureSheet, date_entry);
  gtk_widget_class_bind_template_child (widget_class, PdxMeasureSheet, day_label);
  gtk_widget_class_bind_template_child (widget_class, PdxMeasureSheet, summary_label);
  gtk_widget_class_bind_template_child (widget_class, PdxMeasureSheet, header_box);
  gtk_widget_class_bind_template_child (widget_class, PdxMeasureSheet, header_scroller);
  gtk_widget_class_bind_template_child (widget_class, PdxMeasureSheet, list_scroller);
  gtk_widget_class_bind_template_child (widget_class, PdxMeasureSheet, list_view);
  gtk_widget_class_bind_template_child (widget_class, PdxMeasureSheet, stack);
  gtk_widget_class_bind_template_child (widget_class, PdxMeasureSheet, empty_page);
  gtk_widget_class_bind_template_child (widget_class, PdxMeasureSheet, day_picker);
  gtk_widget_class_bind_template_child (widget_class, PdxMeasureSheet, last_day_button);
  gtk_widget_class_bind_template_callback (widget_class, date_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, day_picked_cb);

  gtk_widget_class_install_action (widget_class, "sheet.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "sheet.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "sheet.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "sheet.today", NULL, day_action);
  gtk_widget_class_install_action (widget_class, "sheet.last-measured-day", NULL, day_action);
  gtk_widget_class_install_action (widget_class, "sheet.next-day", NULL, day_action);
  gtk_widget_class_install_action (widget_class, "sheet.previous-day", NULL, day_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_ALT_MASK,
                                       "sheet.previous-day", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_ALT_MASK,
                                       "sheet.next-day", NULL);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

/* Ctrl+S and Ctrl+Z are caught before the focused entry sees them: a GtkText would otherwise
 * take Ctrl+Z for its own (disabled) undo. */
static void
add_capture_shortcuts (PdxMeasureSheet *self)
{
  GtkEventController      *controller = gtk_shortcut_controller_new ();
  static const char *const bindings[][2] = { { "<Control>s", "sheet.save" },
                                             { "<Control>z", "sheet.undo" } };

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (bindings); i++)
    gtk_shortcut_controller_add_shortcut (
        GTK_SHORTCUT_CONTROLLER (controller),
        gtk_shortcut_new (gtk_shortcut_trigger_parse_string (bindings[i][0]),
                          gtk_named_action_new (bindings[i][1])));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

static void
pdx_measure_sheet_init (PdxMeasureSheet *self)
{
  g_autoptr (GtkNoSelection) selection = NULL;

  add_capture_shortcuts (self);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_list_store_new (PDX_TYPE_SHEET_ROW);
  self->widgets = g_hash_table_new (NULL, NULL);
  self->edits = g_ptr_array_new_with_free_func ((GDestroyNotify) pdx_measure_sheet_edit_free);
  self->date = pdx_format_today ();
  self->limits = (PdxSheetLimits){ 15, 20 };
  self->pending_position = -1;
  for (int c = 0; c < PDX_SHEET_N_COLUMNS; c++)
    self->columns[c] = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
  g_signal_connect (gtk_scrolled_window_get_hadjustment (self->list_scroller), "value-changed",
                    G_CALLBACK (rows_scrolled_cb), self);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->rows)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  set_columns (self, PDX_READOUT_BLI_FLUX);
  set_factory (self);
  pdx_study_binding_init (&self->binding, GTK_WIDGET (self), reload);
  pdx_measure_sheet_update_summary (self);
}
