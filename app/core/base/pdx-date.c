/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-date.c — ISO dates (YYYY-MM-DD): validity, today, differences in days. */
#include <string.h>

#include "pdx/pdx-date.h"

/* YYYY-MM-DD as three numbers; FALSE unless exactly that shape. */
static gboolean
split_date (const char *text, int *y, int *m, int *d)
{
  static const int at[] = { 0, 1, 2, 3, 5, 6, 8, 9 };

  if (text == NULL || text[4] != '-' || text[7] != '-' || text[10] != '\0')
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (at); i++)
    if (!g_ascii_isdigit (text[at[i]]))
      return FALSE;
  *y = (text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10 + (text[3] - '0');
  *m = (text[5] - '0') * 10 + (text[6] - '0');
  *d = (text[8] - '0') * 10 + (text[9] - '0');
  return TRUE;
}

gboolean
pdx_date_is_valid (const char *text)
{
  int y, m, d;

  /* strlen first: split_date reads up to text[10]. */
  if (text == NULL || strlen (text) != 10 || !split_date (text, &y, &m, &d))
    return FALSE;
  return y >= 1900 && y <= 2200 && g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y);
}

char *
pdx_date_dup_today (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  return g_date_time_format (now, "%Y-%m-%d");
}

gboolean
pdx_date_is_after_today (const char *date)
{
  g_autofree char *today = NULL;

  if (date == NULL)
    return FALSE;
  today = pdx_date_dup_today ();
  return strcmp (date, today) > 0;
}

static guint32
julian (const char *iso)
{
  int   y = 0, m = 0, d = 0;
  GDate date;

  split_date (iso, &y, &m, &d);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return g_date_get_julian (&date);
}

int
pdx_date_diff_days (const char *from, const char *to)
{
  return (int) ((gint64) julian (to) - (gint64) julian (from));
}

char *
pdx_date_add_days (const char *date, int days)
{
  GDate d;
  char  buffer[16];

  g_date_clear (&d, 1);
  g_date_set_julian (&d, (guint32) ((gint64) julian (date) + days));
  g_date_strftime (buffer, sizeof buffer, "%Y-%m-%d", &d);
  return g_strdup (buffer);
}
