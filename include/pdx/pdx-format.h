/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-format.h — numbers and dates in two styles (module format): for people (screen, report,
 * chart labels: the locale's decimal separator and digit grouping, "—" for not defined) and for
 * files (CSV, XLSX text, the CLI's tables: C locale whatever the process's locale). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* ---- for people: LC_NUMERIC's decimal separator ("1.5" in C and English, "1,5" in German) ----
 * Never for a file: a German user's CSV would read as two columns. */

/* @value with @digits decimals, "—" when NAN. Owned. */
char *pdx_format_value (double value, int digits);
/* @value with at most @max_digits decimals, trailing zeros (and a bare separator) dropped:
 * 21.30 → "21.3", 50.0 → "50"; "—" when NAN. Owned. */
char *pdx_format_decimal (double value, int max_digits);
/* @value to 6 significant digits as printf's "%g" ("3.6", "1e+06") with the locale's
 * separator; "—" when NAN. Owned. */
char *pdx_format_short (double value);
/* @value in scientific notation with @digits decimals, as printf's "%.*e" ("1.20e+08") but with
 * the locale's separator; "—" when NAN. Owned. */
char *pdx_format_scientific (double value, int digits);
/* A BLI flux in photons/s as the lab writes it: "4.26×10⁶" (three significant digits), "0",
 * "—" when NAN. Owned. */
char *pdx_format_flux (double value);
/* A count with its thousands grouped by the locale's separator, "," where the locale has none
 * (C): "1,000", German "1.000". Owned. */
char *pdx_format_count (guint64 count);
/* ISO date @iso (YYYY-MM-DD) as people read it, by the translatable strftime pattern of context
 * "date pattern" ("%Y-%m-%d" unless a translation gives its own: German "%d.%m.%Y"); @iso
 * itself when it is not a valid date, "—" when NULL. Owned. */
char *pdx_format_date (const char *iso);
/* @when in its own time zone as people read it, by the translatable strftime pattern of context
 * "date-time pattern" ("%Y-%m-%d %H:%M %Z": "2026-03-22 14:05 CET"; German "%d.%m.%Y %H:%M %Z").
 * Owned. */
char *pdx_format_date_time (GDateTime *when);
/* An audit entry's time @iso_utc (ISO 8601 UTC as stored: "2026-12-03T14:02:07.123Z") in the
 * local time zone (TZ) to the second with the zone's abbreviation, by the translatable pattern
 * of context "audit time pattern" ("%-d %b %Y %H:%M:%S %Z": "3 Dec 2026 15:02:07 CET" in
 * Europe/Berlin; German "%d.%m.%Y %H:%M:%S %Z"). @iso_utc itself when it is not such a time,
 * "—" when NULL. Owned. */
char *pdx_format_audit_time (const char *iso_utc);

/* ---- for files: C locale, '.' decimals, ISO dates ---------------------------------------------
 */

/* A double for CSV and the CLI's tables: up to 12 significant digits ("%.12g"), "" for NAN and
 * infinities. Owned. */
char *pdx_format_number (double value);
/* @value with @digits decimals in the C locale ("%.*f"), into @buffer of @size bytes (at least
 * G_ASCII_DTOSTR_BUF_SIZE). Returns @buffer. */
char *pdx_format_fixed_c (char *buffer, gsize size, double value, int digits);
/* Today's local date as YYYY-MM-DD. Owned. */
char *pdx_format_today (void);

/* ---- reading what people type --------------------------------------------------------------- */

/* Parses a number typed at the bench: blank → NAN and TRUE; "1.2e8" and surrounding spaces
 * accepted whatever the locale; "1,5" (a decimal comma) unless LC_NUMERIC groups digits with
 * commas (English, where "1,234" is a thousand and more: refused, never read as 1.234). FALSE
 * for anything else. */
gboolean pdx_parse_number (const char *text, double *out);
/* A date typed by a person as ISO YYYY-MM-DD (what it is stored as): @text in ISO form
 * ("2026-03-22"; one-digit month and day accepted) or in the form of the locale's "date pattern"
 * when that pattern is made of day, month and four-digit year only (German "22.03.2026",
 * "22.3.2026"); surrounding spaces ignored. NULL when it is neither or not a real day. Owned. */
char *pdx_parse_date (const char *text);
/* Days between ISO dates @from and @to (to − from); FALSE when either is not a valid date. */
gboolean pdx_days_between (const char *from, const char *to, int *days);

G_END_DECLS
