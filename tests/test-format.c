/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-format.c — the two styles of pdx-format.h under the C, en_US.UTF-8 and de_DE.UTF-8
 * locales (set in-process, as GTK sets the user's): for people the locale's separators, for
 * files the C locale's whatever is set. Expected texts are written out by hand. */
#include <locale.h>
#include <math.h>

#include "pdx/pdx-format.h"
#include "pdx/pdx-i18n.h"

static const char *const locales[] = { "C", "en_US.UTF-8", "de_DE.UTF-8" };

/* Sets LC_ALL to locales[@which]; a machine without it fails the test (tests/deps makes them). */
static void
use_locale (guint which)
{
  if (setlocale (LC_ALL, locales[which]) == NULL)
    g_error ("locale %s is missing (tests/deps generates it)", locales[which]);
}

typedef struct
{
  const char *text[G_N_ELEMENTS (locales)]; /* C, English, German */
} Texts;

static void
check (guint which, char *owned, const Texts *expected)
{
  g_autofree char *text = owned;

  g_assert_cmpstr (text, ==, expected->text[which]);
}

static void
test_people_numbers (void)
{
  for (guint l = 0; l < G_N_ELEMENTS (locales); l++)
    {
      use_locale (l);
      check (l, pdx_format_value (1.5, 1), &(Texts){ { "1.5", "1.5", "1,5" } });
      check (l, pdx_format_value (-2.25, 2), &(Texts){ { "-2.25", "-2.25", "-2,25" } });
      check (l, pdx_format_value (1234.5, 1), &(Texts){ { "1234.5", "1234.5", "1234,5" } });
      check (l, pdx_format_value (21, 0), &(Texts){ { "21", "21", "21" } });
      check (l, pdx_format_value (NAN, 1), &(Texts){ { "—", "—", "—" } });
      check (l, pdx_format_decimal (21.30, 2), &(Texts){ { "21.3", "21.3", "21,3" } });
      check (l, pdx_format_decimal (50.0, 1), &(Texts){ { "50", "50", "50" } });
      check (l, pdx_format_decimal (-0.5, 2), &(Texts){ { "-0.5", "-0.5", "-0,5" } });
      check (l, pdx_format_decimal (NAN, 2), &(Texts){ { "—", "—", "—" } });
      check (l, pdx_format_scientific (1.2e8, 2),
             &(Texts){ { "1.20e+08", "1.20e+08", "1,20e+08" } });
      check (l, pdx_format_short (3.6), &(Texts){ { "3.6", "3.6", "3,6" } });
      check (l, pdx_format_short (1e6), &(Texts){ { "1e+06", "1e+06", "1e+06" } });
      check (l, pdx_format_short (NAN), &(Texts){ { "—", "—", "—" } });
    }
  setlocale (LC_ALL, "C");
}

static void
test_people_flux (void)
{
  for (guint l = 0; l < G_N_ELEMENTS (locales); l++)
    {
      use_locale (l);
      check (l, pdx_format_flux (4255000.0), &(Texts){ { "4.26×10⁶", "4.26×10⁶", "4,26×10⁶" } });
      check (l, pdx_format_flux (1.2e8), &(Texts){ { "1.20×10⁸", "1.20×10⁸", "1,20×10⁸" } });
      check (l, pdx_format_flux (9.996e9), &(Texts){ { "1.00×10¹⁰", "1.00×10¹⁰", "1,00×10¹⁰" } });
      check (l, pdx_format_flux (2.5e-3), &(Texts){ { "2.50×10⁻³", "2.50×10⁻³", "2,50×10⁻³" } });
      check (l, pdx_format_flux (-3.1e7), &(Texts){ { "-3.10×10⁷", "-3.10×10⁷", "-3,10×10⁷" } });
      check (l, pdx_format_flux (12.34), &(Texts){ { "12.3", "12.3", "12,3" } });
      check (l, pdx_format_flux (0), &(Texts){ { "0", "0", "0" } });
      check (l, pdx_format_flux (NAN), &(Texts){ { "—", "—", "—" } });
    }
  setlocale (LC_ALL, "C");
}

static void
test_people_counts (void)
{
  for (guint l = 0; l < G_N_ELEMENTS (locales); l++)
    {
      use_locale (l);
      check (l, pdx_format_count (0), &(Texts){ { "0", "0", "0" } });
      check (l, pdx_format_count (999), &(Texts){ { "999", "999", "999" } });
      check (l, pdx_format_count (1000), &(Texts){ { "1,000", "1,000", "1.000" } });
      check (l, pdx_format_count (1234567), &(Texts){ { "1,234,567", "1,234,567", "1.234.567" } });
      check (l, pdx_format_count (G_MAXUINT64),
             &(Texts){ { "18,446,744,073,709,551,615", "18,446,744,073,709,551,615",
                         "18.446.744.073.709.551.615" } });
    }
  setlocale (LC_ALL, "C");
}

/* Dates keep the ISO form on screen until a translation gives the "date pattern" its own;
 * what is not a date is shown as it is. */
static void
test_people_dates (void)
{
  for (guint l = 0; l < G_N_ELEMENTS (locales); l++)
    {
      use_locale (l);
      check (l, pdx_format_date ("2026-03-22"),
             &(Texts){ { "2026-03-22", "2026-03-22", "2026-03-22" } });
      check (l, pdx_format_date ("2024-02-29"),
             &(Texts){ { "2024-02-29", "2024-02-29", "2024-02-29" } });
      check (l, pdx_format_date ("2026-02-30"),
             &(Texts){ { "2026-02-30", "2026-02-30", "2026-02-30" } });
      check (l, pdx_format_date ("2026-03-22x"),
             &(Texts){ { "2026-03-22x", "2026-03-22x", "2026-03-22x" } });
      check (l, pdx_format_date (NULL), &(Texts){ { "—", "—", "—" } });
    }
  setlocale (LC_ALL, "C");
}

/* On screen nothing changes for current users: in every locale the people style is what the
 * app printed before (printf under the process's locale) for the values it shows. */
static void
test_people_as_printf (void)
{
  static const double values[] = { 0, 1.5, -2.25, 19.4, 1234.5678, 0.001, -0.04, 1e7, 4255000.0 };

  for (guint l = 0; l < G_N_ELEMENTS (locales); l++)
    {
      use_locale (l);
      for (guint i = 0; i < G_N_ELEMENTS (values); i++)
        for (int digits = 0; digits <= 3; digits++)
          {
            g_autofree char *mine = pdx_format_value (values[i], digits);
            g_autofree char *printf_text = g_strdup_printf ("%.*f", digits, values[i]);
            g_autofree char *scientific = pdx_format_scientific (values[i], digits);
            g_autofree char *printf_e = g_strdup_printf ("%.*e", digits, values[i]);
            g_autofree char *shorter = pdx_format_short (values[i]);
            g_autofree char *printf_g = g_strdup_printf ("%g", values[i]);

            g_assert_cmpstr (mine, ==, printf_text);
            g_assert_cmpstr (scientific, ==, printf_e);
            g_assert_cmpstr (shorter, ==, printf_g);
          }
    }
  setlocale (LC_ALL, "C");
}

static void
test_file_style (void)
{
  for (guint l = 0; l < G_N_ELEMENTS (locales); l++)
    {
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];

      use_locale (l);
      check (l, pdx_format_number (1.5), &(Texts){ { "1.5", "1.5", "1.5" } });
      check (l, pdx_format_number (-2.25), &(Texts){ { "-2.25", "-2.25", "-2.25" } });
      check (l, pdx_format_number (0.1 + 0.2), &(Texts){ { "0.3", "0.3", "0.3" } });
      check (l, pdx_format_number (1234567.891),
             &(Texts){ { "1234567.891", "1234567.891", "1234567.891" } });
      check (l, pdx_format_number (1.5e-9), &(Texts){ { "1.5e-09", "1.5e-09", "1.5e-09" } });
      check (l, pdx_format_number (NAN), &(Texts){ { "", "", "" } });
      check (l, pdx_format_number (INFINITY), &(Texts){ { "", "", "" } });
      g_assert_cmpstr (pdx_format_fixed_c (buffer, sizeof buffer, 3.14159, 3), ==, "3.142");
      g_assert_cmpstr (pdx_format_fixed_c (buffer, sizeof buffer, -21.0, 1), ==, "-21.0");
    }
  setlocale (LC_ALL, "C");
}

static void
test_parse (void)
{
  for (guint l = 0; l < G_N_ELEMENTS (locales); l++)
    {
      double value = 0;
      int    days = 0;

      use_locale (l);
      /* A decimal comma where the locale does not group digits with commas; in English
       * "1,234" is a thousand and more, so a comma is refused rather than guessed at. */
      if (g_str_equal (locales[l], "en_US.UTF-8"))
        {
          g_assert_false (pdx_parse_number ("1,5", &value));
          g_assert_false (pdx_parse_number ("1,234", &value));
        }
      else
        {
          g_assert_true (pdx_parse_number ("1,5", &value));
          g_assert_cmpfloat (value, ==, 1.5);
        }
      g_assert_true (pdx_parse_number (" 2.5e3 ", &value));
      g_assert_cmpfloat (value, ==, 2500);
      g_assert_true (pdx_parse_number ("-0.25", &value));
      g_assert_cmpfloat (value, ==, -0.25);
      g_assert_true (pdx_parse_number ("  ", &value));
      g_assert_true (isnan (value));
      g_assert_false (pdx_parse_number ("abc", &value));
      g_assert_false (pdx_parse_number ("1.2.3", &value));
      g_assert_false (pdx_parse_number ("inf", &value));
      g_assert_true (pdx_days_between ("2026-02-28", "2026-03-22", &days));
      g_assert_cmpint (days, ==, 22);
      g_assert_true (pdx_days_between ("2024-03-01", "2024-02-28", &days));
      g_assert_cmpint (days, ==, -2);
      g_assert_false (pdx_days_between ("2026-02-30", "2026-03-01", &days));
      g_assert_false (pdx_days_between ("2026-03-01", NULL, &days));
    }
  setlocale (LC_ALL, "C");
}

/* Without a catalogue (this test binds none) the date pattern is ISO: typed dates are read as
 * ISO only, one-digit month and day as pdx_days_between reads them, spaces around ignored. */
static void
test_parse_dates (void)
{
  static const char *const bad[] = { "22.03.2026", "2026-02-30", "2026-13-01", "2026-03-22x",
                                     "26-03-22",   "2026/03/22", "",           "2026-03-",
                                     "2026-003-22" };

  for (guint l = 0; l < G_N_ELEMENTS (locales); l++)
    {
      use_locale (l);
      check (l, pdx_parse_date ("2026-03-22"),
             &(Texts){ { "2026-03-22", "2026-03-22", "2026-03-22" } });
      check (l, pdx_parse_date (" 2024-2-9 "),
             &(Texts){ { "2024-02-09", "2024-02-09", "2024-02-09" } });
      for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
        g_assert_null (pdx_parse_date (bad[i]));
      g_assert_null (pdx_parse_date (NULL));
    }
  setlocale (LC_ALL, "C");
}

/* A moment in its own zone: the date pattern's ISO form, hours and minutes, the zone's name. */
static void
test_people_date_time (void)
{
  g_autoptr (GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr (GDateTime) winter = NULL, summer = NULL, at_utc = NULL;

  g_assert_nonnull (berlin);
  winter = g_date_time_new (berlin, 2026, 3, 22, 14, 5, 30);
  summer = g_date_time_new (berlin, 2026, 7, 1, 9, 0, 0);
  at_utc = g_date_time_new (utc, 2026, 12, 31, 23, 59, 59);
  for (guint l = 0; l < G_N_ELEMENTS (locales); l++)
    {
      use_locale (l);
      check (
          l, pdx_format_date_time (winter),
          &(Texts){ { "2026-03-22 14:05 CET", "2026-03-22 14:05 CET", "2026-03-22 14:05 CET" } });
      check (l, pdx_format_date_time (summer),
             &(Texts){
                 { "2026-07-01 09:00 CEST", "2026-07-01 09:00 CEST", "2026-07-01 09:00 CEST" } });
      check (
          l, pdx_format_date_time (at_utc),
          &(Texts){ { "2026-12-31 23:59 UTC", "2026-12-31 23:59 UTC", "2026-12-31 23:59 UTC" } });
    }
  setlocale (LC_ALL, "C");
}

/* An audit time (stored ISO UTC) in the zone of TZ, to the second, with the zone's abbreviation.
 * Expected texts written by hand from the zones' rules: Berlin UTC+1 in winter, +2 from 01:00 UTC
 * on the last Sunday of March (29 March 2026); New York UTC-5 in winter, -4 in summer. */
typedef struct
{
  const char *tz, *iso, *english, *german;
} AuditTime;

static const AuditTime audit_times[] = {
  { "Europe/Berlin", "2026-12-03T14:02:07.123Z", "3 Dec 2026 15:02:07 CET",
    "03.12.2026 15:02:07 CET" },
  { "Europe/Berlin", "2026-07-01T07:00:00.000Z", "1 Jul 2026 09:00:00 CEST",
    "01.07.2026 09:00:00 CEST" },
  { "Europe/Berlin", "2026-03-29T00:59:59.999Z", "29 Mar 2026 01:59:59 CET",
    "29.03.2026 01:59:59 CET" },
  { "Europe/Berlin", "2026-03-29T01:00:00.000Z", "29 Mar 2026 03:00:00 CEST",
    "29.03.2026 03:00:00 CEST" },
  { "Europe/Berlin", "2026-11-12T23:30:00.000Z", "13 Nov 2026 00:30:00 CET",
    "13.11.2026 00:30:00 CET" },
  { "America/New_York", "2026-12-03T14:02:07.123Z", "3 Dec 2026 09:02:07 EST",
    "03.12.2026 09:02:07 EST" },
  { "America/New_York", "2026-11-12T02:30:00.000Z", "11 Nov 2026 21:30:00 EST",
    "11.11.2026 21:30:00 EST" },
  { "America/New_York", "2026-07-01T07:00:00.000Z", "1 Jul 2026 03:00:00 EDT",
    "01.07.2026 03:00:00 EDT" },
  { "UTC", "2026-12-03T14:02:07.123Z", "3 Dec 2026 14:02:07 UTC", "03.12.2026 14:02:07 UTC" },
  { "UTC", "2026-12-31T23:59:59.999Z", "31 Dec 2026 23:59:59 UTC", "31.12.2026 23:59:59 UTC" },
};

static void
check_audit_times (gboolean german)
{
  for (guint i = 0; i < G_N_ELEMENTS (audit_times); i++)
    {
      const AuditTime *t = &audit_times[i];
      g_autofree char *text = NULL;

      g_setenv ("TZ", t->tz, TRUE);
      text = pdx_format_audit_time (t->iso);
      g_assert_cmpstr (text, ==, german ? t->german : t->english);
    }
  /* not a stored time: shown as it is; none: the dash */
  for (guint i = 0; i < 3; i++)
    {
      static const char *const odd[] = { "garbage", "2026-12-03", "2026-13-03T10:00:00.000Z" };
      g_autofree char         *text = pdx_format_audit_time (odd[i]);

      g_assert_cmpstr (text, ==, odd[i]);
    }
  {
    g_autofree char *dash = pdx_format_audit_time (NULL);
    g_assert_cmpstr (dash, ==, "—");
  }
}

/* In English (C and en_US) and, with the catalogue bound, in German: in a subprocess each, so
 * that neither the catalogue nor TZ reaches the other tests. */
static void
test_people_audit_time (void)
{
  if (g_test_subprocess ())
    {
      const char *which = g_getenv ("PDX_TEST_AUDIT_LOCALE");

      pdx_i18n_init ();
      g_assert_nonnull (setlocale (LC_ALL, which));
      check_audit_times (g_str_equal (which, "de_DE.UTF-8"));
      return;
    }
  for (guint l = 0; l < G_N_ELEMENTS (locales); l++)
    {
      g_setenv ("PDX_TEST_AUDIT_LOCALE", locales[l], TRUE);
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/format/people/numbers", test_people_numbers);
  g_test_add_func ("/core/format/people/flux", test_people_flux);
  g_test_add_func ("/core/format/people/counts", test_people_counts);
  g_test_add_func ("/core/format/people/dates", test_people_dates);
  g_test_add_func ("/core/format/people/date-time", test_people_date_time);
  g_test_add_func ("/core/format/people/audit-time", test_people_audit_time);
  g_test_add_func ("/core/format/people/as-printf", test_people_as_printf);
  g_test_add_func ("/core/format/file", test_file_style);
  g_test_add_func ("/core/format/parse", test_parse);
  g_test_add_func ("/core/format/parse-dates", test_parse_dates);
  return g_test_run ();
}
