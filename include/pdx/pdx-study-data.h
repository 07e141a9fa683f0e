/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-study-data.h — one study loaded into plain arrays: the input of analysis, charts and exports.
 *
 * Time is in days since the study's day 0 (treatment start), as doubles; dates before day 0 are
 * negative. A mouse's series holds every measurement date of that mouse, sorted by day, one entry
 * per date; a value not recorded on that date is NAN (readout, weight) or -1 (neuro score).
 * A measurement excluded from analysis (issue 13, docs/corrections.md) is in no series: it is
 * listed in PdxStudyData.excluded_measurements, for the notes of charts, reports and exports.
 * The struct is immutable once loaded and owns everything it points to. */
#pragma once

#include <glib.h>

#include "pdx-db.h"
#include "pdx-model.h"

G_BEGIN_DECLS

typedef struct
{
  char  *drug;
  double dose; /* NAN unknown */
  char  *unit, *route, *schedule;
  int    first_day, last_day; /* -1 unknown */
} PdxStudyAgent;

typedef struct
{
  gint64         id;
  char          *name;
  gboolean       is_control;
  char          *colour; /* "#rrggbb" or NULL: the chart palette picks one */
  guint          n_agents;
  PdxStudyAgent *agents;
} PdxStudyArm;

typedef struct
{
  gint64          id;
  char           *tag;
  int             arm;        /* index into PdxStudyData.arms; -1 when not randomised */
  char           *cage, *sex; /* may be NULL */
  gboolean        excluded;
  char           *exclusion_reason;
  double          implant_day; /* day of the implant date; NAN when not recorded */
  gboolean        has_endpoint;
  double          endpoint_day; /* NAN without endpoint */
  gboolean        event;        /* endpoint counts as an event (death / humane endpoint) */
  PdxEndpointKind endpoint_kind;
  /* Survival as SPEC §4 defines it: days from implant (or from day 0 when the implant date is
   * not recorded) to the endpoint, or to the last recorded observation when there is none
   * (then survival_event is FALSE). NAN when the mouse has neither endpoint nor measurement. */
  double   survival_days;
  gboolean survival_event;
  /* The day of the mouse's last measurement, excluded ones included (a mouse seen alive that
   * day); NAN when it has none. */
  double  last_observed_day;
  guint   n;           /* number of measurement dates */
  double *day;         /* [n], ascending */
  double *value;       /* [n], primary readout; NAN where not recorded */
  double *weight_g;    /* [n] */
  int    *neuro_score; /* [n] */
} PdxStudyMouse;

/* One measurement excluded from analysis, with its reason. */
typedef struct
{
  char  *tag;  /* the mouse's */
  char  *date; /* ISO */
  double day;  /* since day 0 */
  char  *reason;
} PdxStudyExcludedMeasurement;

typedef struct
{
  gint64     id;
  char      *code, *title;
  char      *line_code; /* NULL when no line */
  PdxReadout readout;
  char      *day0; /* ISO date */
  char      *implant_site;
  /* The treatment window in study days: the min first_day and max last_day of every agent of
   * every non-control arm; NAN when the agents do not say. */
  double                       treatment_first_day, treatment_last_day;
  guint                        n_arms;
  PdxStudyArm                 *arms;
  guint                        n_mice;
  PdxStudyMouse               *mice; /* ordered by arm then tag; unassigned mice last */
  guint                        n_excluded_measurements;
  PdxStudyExcludedMeasurement *excluded_measurements; /* by mouse (in the order it was stored),
                                                        then date */
} PdxStudyData;

/* Loads study @study_id with its primary readout. Two indexed queries; no per-mouse query. */
PdxStudyData *pdx_study_data_load (PdxDb *db, gint64 study_id, GError **error);
/* The id (gint64) of every study of the lab, in code order: a whole-lab analysis or export
 * loads one study at a time from it, so that its memory follows the largest study, not the
 * lab. */
GArray *pdx_study_data_list_ids (PdxDb *db, GError **error);
/* Loads every study of the lab, in code order, and holds them all: for tests on small labs;
 * code that reads a whole lab walks pdx_study_data_list_ids() instead. */
GPtrArray *pdx_study_data_load_all (PdxDb *db, GError **error);
void       pdx_study_data_free (PdxStudyData *data);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdxStudyData, pdx_study_data_free)

/* The index of the control arm, or -1 when the study has none. */
int pdx_study_data_get_control (const PdxStudyData *data);

/* ---- a randomisation written ---------------------------------------------------------------
 * The analysis plans (pdx_randomize_plan, pdx-analysis.h); the model writes the plan. */

/* Given @data, loaded inside the write transaction of pdx_study_assign_arms(), returns the arm
 * index (into @data->arms) of each of its @data->n_mice mice, -1 for a mouse left as it is. The
 * array is owned by @user_data and must live until pdx_study_assign_arms() returns. NULL with
 * @error to write nothing. */
typedef const int *(*PdxArmPlanner) (const PdxStudyData *data, gpointer user_data, GError **error);

/* Loads study @study_id, asks @planner for the arms, and writes them with pdx_mouse_update()
 * in one transaction, audited with @reason (set for the transaction and cleared after; NULL:
 * the reason already set on @db, left as it is), so the plan is made on what gets changed. A mouse
 * the plan assigns that already has an arm is refused (PDX_DB_ERROR_CONFLICT, naming the mouse and
 * the study). All or nothing. */
gboolean pdx_study_assign_arms (PdxDb        *db,
                                gint64        study_id,
                                const char   *reason,
                                PdxArmPlanner planner,
                                gpointer      user_data,
                                GError      **error);

G_END_DECLS
