/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-date.h — ISO dates (YYYY-MM-DD) as the lab stores them (module base). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Whether @text is a valid ISO date YYYY-MM-DD. */
gboolean pdx_date_is_valid (const char *text);
/* Days from ISO date @from to @to (to − from); both must be valid. */
int pdx_date_diff_days (const char *from, const char *to);
/* @date plus @days as a new ISO string. */
char *pdx_date_add_days (const char *date, int days);

/* Today's local date as YYYY-MM-DD (owned), and whether ISO date @date is after it: a
 * measurement, an endpoint, a birth or an implant cannot be. */
char    *pdx_date_dup_today (void);
gboolean pdx_date_is_after_today (const char *date);

G_END_DECLS
