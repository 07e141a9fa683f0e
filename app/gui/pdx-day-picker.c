/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-day-picker.c — a calendar button that marks measured days (see the header). */
#include "pdx-day-picker.h"

#include <stdio.h>

struct _PdxDayPicker
{
  GtkWidget parent_instance;

  GtkMenuButton *button;
  GtkCalendar   *calendar;
  GtkLabel      *future_label; /* shown after a day after today was clicked */
  PdxLab        *lab;
  gint64         study_id;
  char          *date;
  gboolean       updating; /* selecting the sheet's date, not the user */
  int shown_month;         /* year × 12 + month the calendar shows, for telling a pick from a move
                            * to another month (which selects a day too) */
};

enum
{
  DAY_PICKED,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (PdxDayPicker, pdx_day_picker, GTK_TYPE_WIDGET)

/* GTK 4.8 keeps a calendar's marks but shows them only from 4.10 on (as :checked day labels):
 * the day labels of the month shown get a class of their own as well (style.css shows both).
 * Should GTK's labels change, nothing is marked, and nothing breaks. */
static void
tag_day_labels (GtkWidget *widget, GtkCalendar *calendar)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_widget_has_css_class (child, "day-number"))
        {
          guint64  day = g_ascii_strtoull (gtk_label_get_text (GTK_LABEL (child)), NULL, 10);
          gboolean marked = !gtk_widget_has_css_class (child, "other-month") && day >= 1 &&
                            day <= 31 && gtk_calendar_get_day_is_marked (calendar, (guint) day);
          if (marked)
            gtk_widget_add_css_class (child, "pdx-measured");
          else
            gtk_widget_remove_css_class (child, "pdx-measured");
        }
      tag_day_labels (child, calendar);
    }
}

/* Marks the days of the calendar's month on which the study has measurements. */
static void
mark_measured_days (PdxDayPicker *self)
{
  PdxDb *db = self->lab ? pdx_lab_get_db (self->lab) : NULL;
  g_autoptr (GDateTime) shown = gtk_calendar_get_date (self->calendar);
  g_autofree char *month = g_date_time_format (shown, "%Y-%m-");
  g_auto (GStrv) dates = NULL;

  self->shown_month = g_date_time_get_year (shown) * 12 + g_date_time_get_month (shown);
  gtk_calendar_clear_marks (self->calendar);
  if (db != NULL && self->study_id != 0)
    dates = pdx_study_list_measurement_dates (db, self->study_id, NULL);
  for (guint i = 0; dates != NULL && dates[i] != NULL; i++)
    if (g_str_has_prefix (dates[i], month))
      gtk_calendar_mark_day (self->calendar, (guint) g_ascii_strtoull (dates[i] + 8, NULL, 10));
  tag_day_labels (GTK_WIDGET (self->calendar), self->calendar);
}

/* After a move to another month, once the calendar has relabelled its days. */
static gboolean
mark_measured_days_idle (gpointer data)
{
  mark_measured_days (data);
  return G_SOURCE_REMOVE;
}

/* Puts the calendar's selection back on the sheet's date. */
static void
select_sheet_date (PdxDayPicker *self)
{
  int y, m, d;

  if (self->date != NULL && sscanf (self->date, "%d-%d-%d", &y, &m, &d) == 3)
    {
      g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
      g_autoptr (GDateTime) date = g_date_time_new (utc, y, m, d, 12, 0, 0);
      if (date != NULL)
        {
          self->updating = TRUE;
          gtk_calendar_select_day (self->calendar, date);
          self->updating = FALSE;
        }
    }
}

/* Opening: the calendar shows the sheet's date. */
static void
popover_show_cb (PdxDayPicker *self)
{
  select_sheet_date (self);
  gtk_widget_set_visible (GTK_WIDGET (self->future_label), FALSE);
  mark_measured_days (self);
}

static void
month_cb (PdxDayPicker *self)
{
  g_idle_add_full (G_PRIORITY_DEFAULT, mark_measured_days_idle, g_object_ref (self),
                   g_object_unref);
}

static void
day_selected_cb (PdxDayPicker *self)
{
  g_autoptr (GDateTime) picked = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *date = NULL;

  if (self->updating)
    return;
  picked = gtk_calendar_get_date (self->calendar);
  if (g_date_time_get_year (picked) * 12 + g_date_time_get_month (picked) != self->shown_month)
    {
      month_cb (self);
      return;
    }
  date = g_date_time_format (picked, "%Y-%m-%d");
  if (g_strcmp0 (date, today) > 0)
    {
      /* GTK 4.8's calendar cannot grey days out: a day after today is refused here. */
      gtk_widget_set_visible (GTK_WIDGET (self->future_label), TRUE);
      select_sheet_date (self);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->future_label), FALSE);
  gtk_menu_button_popdown (self->button);
  g_signal_emit (self, signals[DAY_PICKED], 0, date);
}

void
pdx_day_picker_set_study (PdxDayPicker *self, PdxLab *lab, gint64 study_id)
{
  g_return_if_fail (PDX_IS_DAY_PICKER (self));
  g_set_object (&self->lab, lab);
  self->study_id = study_id;
}

void
pdx_day_picker_set_date (PdxDayPicker *self, const char *date)
{
  g_return_if_fail (PDX_IS_DAY_PICKER (self));
  g_free (self->date);
  self->date = g_strdup (date);
}

GtkCalendar *
pdx_day_picker_get_calendar (PdxDayPicker *self)
{
  return self->calendar;
}

GtkMenuButton *
pdx_day_picker_get_button (PdxDayPicker *self)
{
  return self->button;
}

static void
pdx_day_picker_dispose (GObject *object)
{
  PdxDayPicker *self = PDX_DAY_PICKER (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PDX_TYPE_DAY_PICKER);
  g_clear_object (&self->lab);
  g_clear_pointer (&self->date, g_free);
  G_OBJECT_CLASS (pdx_day_picker_parent_class)->dispose (object);
}

static void
pdx_day_picker_class_init (PdxDayPickerClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pdx_day_picker_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/pdxtrack/Pdxtrack/ui/pdx-day-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, PdxDayPicker, button);
  gtk_widget_class_bind_template_child (widget_class, PdxDayPicker, calendar);
  gtk_widget_class_bind_template_child (widget_class, PdxDayPicker, future_label);
  gtk_widget_class_bind_template_callback (widget_class, popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, month_cb);
  gtk_widget_class_bind_template_callback (widget_class, day_selected_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  /* ::day-picked (const char *date): the user clicked a day of the shown month. */
  signals[DAY_PICKED] = g_signal_new ("day-picked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                      NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
pdx_day_picker_init (PdxDayPicker *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
