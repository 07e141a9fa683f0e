/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-test-export.h — what the export test executables share: small hand-built studies (Xeva's
 * published PR and PD vectors), the seeded demo lab, and a CSV read back into rows. */
#pragma once

#include <math.h>

#include "pdx/pdx.h"
#include "pdx-test-util.h"

G_BEGIN_DECLS

/* Day 0 of every hand-built study, and the implant date of its mice (day −10). */
#define PDX_TEST_EXPORT_DAY0 "2024-03-01"
#define PDX_TEST_EXPORT_IMPLANT "2024-02-20"

/* Xeva's published vectors (SPEC §4): a PR and a PD (days, volumes in mm³). */
extern const double pdx_test_pr_days[9], pdx_test_pr_volumes[9];
extern const double pdx_test_pd_days[10], pdx_test_pd_volumes[10];

/* The pieces of a hand-built caliper study; each asserts that its insert succeeded and returns
 * the new row's id. Non-control arms get one agent (the arm's name, 50 mg/kg p.o. bid, days
 * 0–21); mice are female, implanted on PDX_TEST_EXPORT_IMPLANT, excluded with reason
 * @excluded unless it is NULL. */
gint64 pdx_test_export_add_study (PdxDb *db, const char *code);
gint64 pdx_test_export_add_arm (PdxDb *db, gint64 study_id, const char *name, gboolean control);
gint64 pdx_test_export_add_mouse (
    PdxDb *db, gint64 study_id, gint64 arm_id, const char *tag, const char *excluded);
/* One measurement per day of @days with @volumes; weights go linearly from @weight_first to
 * @weight_last (NAN: not weighed). */
void pdx_test_export_add_series (PdxDb        *db,
                                 gint64        mouse_id,
                                 const double *days,
                                 const double *volumes,
                                 guint         n,
                                 double        weight_first,
                                 double        weight_last);
void pdx_test_export_add_endpoint (PdxDb *db, gint64 mouse_id, int day, PdxEndpointKind kind);

/* Study HB-1: Vehicle (control) V1 PD + humane endpoint day 40 with a 16 % weight loss, V2 PD
 * found dead day 36 with a 22 % loss, V3 excluded; Tucatinib T1 PR without endpoint, T2 PR end
 * of study day 45; Neratinib: both mice excluded. Returns its id. */
gint64 pdx_test_export_build_hb1 (PdxDb *db);
/* Vehicle A and Lapatinib B: study NOMEAS without measurements (@measurements FALSE), or
 * NOEND with the PD and PR vectors and no endpoint. Returns its id. */
gint64 pdx_test_export_build_empty (PdxDb *db, gboolean measurements);
/* A fresh lab holding the demo studies of seed 42 (owned). */
PdxDb *pdx_test_export_new_demo_lab (void);

/* A CSV file read back whole: its header and its rows (each as many fields as the header), and
 * the "N HASH" of its footer line "# audit seal N HASH". */
typedef struct
{
  GPtrArray *header; /* char* */
  GPtrArray *rows;   /* GPtrArray of char* */
  char      *seal;
} PdxTestCsv;

/* Reads @path, asserting it parses, every row has the header's width and the file ends with
 * its audit seal's line (as every CSV export does). */
PdxTestCsv *pdx_test_csv_read (const char *path);
void        pdx_test_csv_free (PdxTestCsv *csv);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdxTestCsv, pdx_test_csv_free)
/* The field of @row under @column (borrowed); aborts the test when there is no such column. */
const char *pdx_test_csv_get (PdxTestCsv *csv, guint row, const char *column);
/* The row whose "arm" is @arm; aborts the test when there is none. */
guint pdx_test_csv_arm_row (PdxTestCsv *csv, const char *arm);
/* The number under @column in @row; NAN when empty. */
double pdx_test_csv_number (PdxTestCsv *csv, guint row, const char *column);

/* Equal, or both not defined. */
#define pdx_test_assert_same(a, b)                                                                 \
  G_STMT_START                                                                                     \
  {                                                                                                \
    double a_ = (a), b_ = (b);                                                                     \
    if (isnan (b_))                                                                                \
      g_assert_true (isnan (a_));                                                                  \
    else                                                                                           \
      g_assert_cmpfloat_with_epsilon (a_, b_, 1e-9 * MAX (1, fabs (b_)));                          \
  }                                                                                                \
  G_STMT_END

G_END_DECLS
