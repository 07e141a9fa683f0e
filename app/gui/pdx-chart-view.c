/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-chart-view.c — draws a PdxChart and reports what is under the pointer. */
#include "pdx-chart-view.h"

#include <adwaita.h>

struct _PdxChartView
{
  GtkWidget             parent_instance;
  PdxChart             *chart;
  const PdxChartLayout *layout; /* owned by chart, valid until the next draw */
  guint                 draw_count;
};

enum
{
  HOVER,
  MOUSE_ACTIVATED,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (PdxChartView, pdx_chart_view, GTK_TYPE_WIDGET)

static void
free_surface (gpointer data)
{
  cairo_surface_destroy (data);
}

/* The chart is drawn into an image surface at the widget's scale and shown as a texture: the
 * renderer then takes its fast paths for raster targets (a spider chart's thousands of thin lines
 * in a few milliseconds instead of cairo strokes recorded for replay). */
static void
pdx_chart_view_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  PdxChartView    *self = PDX_CHART_VIEW (widget);
  int              width = gtk_widget_get_width (widget);
  int              height = gtk_widget_get_height (widget);
  int              scale = gtk_widget_get_scale_factor (widget);
  cairo_surface_t *surface;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  cairo_t *cr;

  if (self->chart == NULL || width < 16 || height < 16)
    return;
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width * scale, height * scale);
  cairo_surface_set_device_scale (surface, scale, scale);
  cr = cairo_create (surface);
  self->layout = pdx_chart_draw (self->chart, cr, width, height, 96);
  self->draw_count++;
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  /* Cairo's ARGB32 is premultiplied native-endian 32-bit pixels: GDK_MEMORY_DEFAULT. */
  bytes = g_bytes_new_with_free_func (
      cairo_image_surface_get_data (surface),
      (gsize) cairo_image_surface_get_stride (surface) * height * scale, free_surface, surface);
  texture = gdk_memory_texture_new (width * scale, height * scale, GDK_MEMORY_DEFAULT, bytes,
                                    (gsize) cairo_image_surface_get_stride (surface));
  gtk_snapshot_append_texture (snapshot, texture, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

gboolean
pdx_chart_view_hit (PdxChartView *self, double x, double y, PdxChartHit *hit)
{
  if (self->layout == NULL)
    return FALSE;
  return pdx_chart_hit_test (self->layout, x, y, hit);
}

static void
motion_cb (GtkEventControllerMotion *motion, double x, double y, PdxChartView *self)
{
  PdxChartHit hit;

  gboolean over = pdx_chart_view_hit (self, x, y, &hit);

  g_signal_emit (self, signals[HOVER], 0, over ? hit.label : NULL);
  /* A mouse's curve, point or bar opens its page on a click. */
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), over && hit.mouse_id != 0 ? "pointer" : NULL);
}

gint64
pdx_chart_view_activate_at (PdxChartView *self, double x, double y)
{
  PdxChartHit hit;

  g_return_val_if_fail (PDX_IS_CHART_VIEW (self), 0);
  if (!pdx_chart_view_hit (self, x, y, &hit) || hit.mouse_id == 0)
    return 0;
  g_signal_emit (self, signals[MOUSE_ACTIVATED], 0, hit.mouse_id);
  return hit.mouse_id;
}

static void
click_released_cb (GtkGestureClick *click, int n_press, double x, double y, PdxChartView *self)
{
  pdx_chart_view_activate_at (self, x, y);
}

static void
leave_cb (GtkEventControllerMotion *motion, PdxChartView *self)
{
  g_signal_emit (self, signals[HOVER], 0, NULL);
}

void
pdx_chart_view_set_chart (PdxChartView *self, PdxChart *chart)
{
  g_return_if_fail (PDX_IS_CHART_VIEW (self));
  self->layout = NULL;
  g_clear_pointer (&self->chart, pdx_chart_free);
  self->chart = chart;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

PdxChart *
pdx_chart_view_get_chart (PdxChartView *self)
{
  return self->chart;
}

guint
pdx_chart_view_get_draw_count (PdxChartView *self)
{
  return self->draw_count;
}

const PdxChartLayout *
pdx_chart_view_get_layout (PdxChartView *self)
{
  return self->layout;
}

static void
pdx_chart_view_dispose (GObject *object)
{
  PdxChartView *self = PDX_CHART_VIEW (object);

  self->layout = NULL;
  g_clear_pointer (&self->chart, pdx_chart_free);
  G_OBJECT_CLASS (pdx_chart_view_parent_class)->dispose (object);
}

static void
pdx_chart_view_class_init (PdxChartViewClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pdx_chart_view_dispose;
  widget_class->snapshot = pdx_chart_view_snapshot;
  /* ::hover (string label or NULL) */
  signals[HOVER] = g_signal_new ("hover", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                 NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /* ::mouse-activated (gint64 mouse id): a click on one mouse's item. */
  signals[MOUSE_ACTIVATED] =
      g_signal_new ("mouse-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                    NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  gtk_widget_class_set_css_name (widget_class, "pdxchartview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
pdx_chart_view_init (PdxChartView *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkGesture         *click = gtk_gesture_click_new ();

  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  g_signal_connect (click, "released", G_CALLBACK (click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_size_request (GTK_WIDGET (self), 320, 240);
}

GtkWidget *
pdx_chart_view_new (void)
{
  return g_object_new (PDX_TYPE_CHART_VIEW, NULL);
}
