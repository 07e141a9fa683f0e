/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-history.c — the History's queries on a big lab: the first page (200 entries, newest
 * first), a page far down the trail (by before_id), filtered pages (one study, one mouse, one
 * operator, an action, a day, a search) and their counts, each the median of --runs runs on a
 * read-only connection, as the History page's thread makes them.
 * Usage: bench-history LAB [--runs N]  (tests/bench/bench-history.sh makes LAB with
 * `pdxtrack-cli demo --mice 10000`). Prints one line per query: milliseconds of the page and
 * of the count. */
#include <stdio.h>
#include <stdlib.h>

#include "pdx/pdx.h"
#include "store/pdx-store.h" /* a bench may run its own SQL: to pick the cases */

#define PAGE 200

static int
compare_doubles (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

/* The median of @runs timings of the page (@count FALSE) or count (TRUE) of @filter, in ms. */
static double
median_ms (PdxDb *db, const PdxAuditFilter *filter, gboolean count, int runs, gint64 *result)
{
  g_autofree double *ms = g_new (double, runs);

  for (int r = 0; r < runs; r++)
    {
      g_autoptr (GError) error = NULL;
      gint64 start = g_get_monotonic_time ();

      if (count)
        *result = pdx_audit_count (db, filter, &error);
      else
        {
          g_autoptr (GPtrArray) entries = pdx_audit_list (db, filter, &error);
          *result = entries ? (gint64) entries->len : -1;
        }
      if (error != NULL)
        g_error ("%s", error->message);
      ms[r] = (g_get_monotonic_time () - start) / 1000.0;
    }
  qsort (ms, runs, sizeof *ms, compare_doubles);
  return ms[runs / 2];
}

static void
run_case (PdxDb *db, const char *name, PdxAuditFilter filter, int runs)
{
  gint64 listed, counted;
  double page_ms, count_ms;

  filter.limit = PAGE;
  page_ms = median_ms (db, &filter, FALSE, runs, &listed);
  count_ms = median_ms (db, &filter, TRUE, runs, &counted);
  printf ("%-34s page %7.1f ms (%3" G_GINT64_FORMAT " entries)   count %7.1f ms (%" G_GINT64_FORMAT
          " entries)\n",
          name, page_ms, listed, count_ms, counted);
}

int
main (int argc, char *argv[])
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PdxDb) db = NULL;
  g_autoptr (GPtrArray) newest = NULL;
  int              runs = argc > 3 ? atoi (argv[3]) : 5;
  gint64           study, last_id, mouse_study;
  g_autofree char *today = pdx_format_today ();

  if (argc < 2 || (db = pdx_db_open (argv[1], PDX_DB_OPEN_READONLY, &error)) == NULL)
    g_error ("usage: bench-history LAB [--runs N]: %s", error ? error->message : "no lab");
  if (!pdx_db_query_int64 (db,
                           "SELECT study_id FROM mouse GROUP BY study_id"
                           " ORDER BY count(*) DESC LIMIT 1",
                           &study, "the biggest study", &error) ||
      !pdx_db_query_int64 (db, "SELECT max(id) FROM audit_log", &last_id, "the newest", &error) ||
      !pdx_db_query_int64 (db, "SELECT study_id FROM mouse WHERE tag = 'D-07'", &mouse_study,
                           "mouse D-07", &error))
    g_error ("%s", error->message);
  {
    /* the History opens a read-only connection per page: what that costs */
    gint64 start = g_get_monotonic_time ();
    for (int r = 0; r < runs; r++)
      {
        g_autoptr (PdxDb) other = pdx_db_open (argv[1], PDX_DB_OPEN_READONLY, &error);
        g_assert_nonnull (other);
      }
    printf ("%-34s %7.1f ms\n", "opening a read-only connection",
            (g_get_monotonic_time () - start) / 1000.0 / runs);
  }
  run_case (db, "whole trail", (PdxAuditFilter){ 0 }, runs);
  run_case (db, "half way down (before_id)", (PdxAuditFilter){ .before_id = last_id / 2 }, runs);
  run_case (db, "biggest study", (PdxAuditFilter){ .study_id = study }, runs);
  run_case (db, "one mouse (D-07 in its study)",
            (PdxAuditFilter){ .study_id = mouse_study, .mouse_tag = "D-07" }, runs);
  run_case (db, "one operator (login)", (PdxAuditFilter){ .operator_name = g_get_user_name () },
            runs);
  run_case (db, "an operator with no entries", (PdxAuditFilter){ .operator_name = "nobody" }, runs);
  run_case (db, "action update", (PdxAuditFilter){ .action = "update" }, runs);
  run_case (db, "one day (today)", (PdxAuditFilter){ .since = today, .until = today }, runs);
  run_case (db, "search 'weight'", (PdxAuditFilter){ .text = "weight" }, runs);
  run_case (db, "search 'D-07 weight'", (PdxAuditFilter){ .text = "D-07 weight" }, runs);
  run_case (db, "search with no match", (PdxAuditFilter){ .text = "zzzz-no-such-word" }, runs);
  return 0;
}
