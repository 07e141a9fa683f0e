/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-model.h — the lab's entities (SPEC §3) and their create/read/update/delete API.
 *
 * Conventions for every struct here:
 *  - ids are gint64 rowids; 0 means "none" (not yet stored, or no link);
 *  - text is an owned, NUL-terminated UTF-8 string or NULL when not recorded;
 *  - dates are ISO "YYYY-MM-DD" strings or NULL;
 *  - real values are NAN when not recorded; whole numbers are -1 when not recorded;
 *  - `_free` releases the struct and everything it owns; `_copy` is a deep copy.
 *
 * Every insert/update/delete validates the rules of SPEC §3 first (clear PDX_DB_ERROR_INVALID
 * message naming the field), runs in a transaction, and writes an audit entry with the operator
 * and reason set on the PdxDb. On error nothing is changed. */
#pragma once

#include <glib.h>

#include "pdx-date.h"
#include "pdx-db.h"
#include "pdx-plausible.h"

G_BEGIN_DECLS

/* ---- controlled vocabularies ------------------------------------------------------------ */

typedef enum
{
  PDX_READOUT_BLI_FLUX,
  PDX_READOUT_MRI_VOLUME,
  PDX_READOUT_CALIPER_VOLUME,
} PdxReadout;

/* "bli_flux", "mri_volume", "caliper_volume" */
const char *pdx_readout_to_string (PdxReadout readout);
gboolean    pdx_readout_from_string (const char *text, PdxReadout *out);
/* Human label with unit, e.g. "BLI total flux (photons/s)". */
const char *pdx_readout_get_label (PdxReadout readout);
const char *pdx_readout_get_unit (PdxReadout readout);

typedef enum
{
  PDX_ENDPOINT_FOUND_DEAD,
  PDX_ENDPOINT_HUMANE_NEURO,
  PDX_ENDPOINT_HUMANE_WEIGHT,
  PDX_ENDPOINT_END_OF_STUDY,
  PDX_ENDPOINT_OTHER,
} PdxEndpointKind;

/* "found_dead", "humane_neuro", "humane_weight", "end_of_study", "other" */
const char *pdx_endpoint_kind_to_string (PdxEndpointKind kind);
gboolean    pdx_endpoint_kind_from_string (const char *text, PdxEndpointKind *out);
/* An endpoint reason as a lab writes it: a kind's machine name, its label, or one of the
 * documented synonyms (docs/import-formats.md), matched whole, case-insensitively, with outer
 * space trimmed and inner space collapsed. Anything else (a sentence that merely contains
 * "dead") is FALSE. */
gboolean pdx_endpoint_kind_parse (const char *text, PdxEndpointKind *out);
/* Every word pdx_endpoint_kind_parse () accepts, grouped by kind, for messages. Owned. */
char       *pdx_endpoint_kind_dup_accepted (void);
const char *pdx_endpoint_kind_get_label (PdxEndpointKind kind);
/* Whether the kind is an event by default (death or humane endpoint). */
gboolean pdx_endpoint_kind_is_event (PdxEndpointKind kind);

/* Vocabularies kept as text: NULL-terminated arrays of the allowed values, static. */
typedef enum
{
  PDX_VOCAB_SEX,              /* F, M */
  PDX_VOCAB_HER2_IHC,         /* 0, 1+, 2+, 3+ */
  PDX_VOCAB_HER2_ISH,         /* amplified, not amplified, unknown */
  PDX_VOCAB_RECEPTOR,         /* positive, negative, unknown (ER, PR) */
  PDX_VOCAB_SAMPLE_TYPE,      /* primary, metastasis, recurrence */
  PDX_VOCAB_LINE_STATUS,      /* active, banked, retired */
  PDX_VOCAB_IMPLANT_SITE,     /* intracranial-striatum, intracranial-other, intracarotid,
                                 intracardiac, mammary fat pad, subcutaneous */
  PDX_VOCAB_IMPLANT_MATERIAL, /* cells, fragment */
  PDX_VOCAB_STUDY_STATUS,     /* planned, active, completed, terminated */
  PDX_N_VOCABS
} PdxVocab;

const char *const *pdx_vocab_get_values (PdxVocab vocab);
/* The display label of a stored vocabulary value (e.g. a study status "active"), translated for
 * the user's language; @value itself when it has no translation or is not a vocabulary value.
 * For people only: files and the lab keep @value. Borrowed (static or @value). */
const char *pdx_vocab_get_label (const char *value);
/* TRUE when @value is NULL or one of the vocabulary's values. */
gboolean pdx_vocab_contains (PdxVocab vocab, const char *value);

/* ---- entities ----------------------------------------------------------------------------- */

typedef struct
{
  gint64   id;
  char    *code;              /* de-identified, unique; required */
  char    *sex;               /* PDX_VOCAB_SEX */
  int      age_at_collection; /* years, -1 unknown */
  char    *primary_diagnosis;
  char    *her2_ihc; /* PDX_VOCAB_HER2_IHC */
  char    *her2_ish; /* PDX_VOCAB_HER2_ISH */
  char    *er;       /* PDX_VOCAB_RECEPTOR */
  char    *pr;       /* PDX_VOCAB_RECEPTOR */
  char    *prior_treatments;
  gboolean consent_to_share;
  char    *notes;
} PdxPatient;

typedef struct
{
  gint64   id;
  gint64   patient_id; /* required */
  char    *code;       /* unique; required */
  char    *collection_date;
  char    *tissue;      /* tissue of origin, e.g. "brain" */
  char    *sample_type; /* PDX_VOCAB_SAMPLE_TYPE */
  char    *histology;
  char    *grade;
  char    *markers;
  gboolean treatment_naive;
} PdxSample;

typedef struct
{
  gint64   id;
  char    *code;      /* unique, e.g. BCBM-017; required */
  gint64   sample_id; /* 0 when the sample is not recorded */
  char    *host_strain;
  char    *established_date;
  int      passage; /* current passage, -1 unknown */
  char    *engraftment_site;
  gboolean luciferase;
  gboolean qc_human_origin;
  gboolean qc_mouse_negative;
  gboolean qc_ebv_negative;
  char    *alterations; /* molecular alterations, free text: "PIK3CA H1047R; ERBB2 amp" */
  char    *status;      /* PDX_VOCAB_LINE_STATUS; required */
  char    *notes;
} PdxLine;

typedef struct
{
  gint64     id;
  char      *code; /* unique; required */
  char      *title;
  gint64     line_id;          /* 0 when not recorded */
  int        passage;          /* passage used, -1 unknown */
  char      *implant_site;     /* PDX_VOCAB_IMPLANT_SITE */
  char      *implant_material; /* PDX_VOCAB_IMPLANT_MATERIAL */
  char      *implant_amount;   /* e.g. "1e5 cells", "2 mm fragment" */
  PdxReadout readout;          /* primary readout */
  char      *day0;             /* treatment start date; required */
  char      *protocol;
  char      *investigator;
  char      *status; /* PDX_VOCAB_STUDY_STATUS; required */
  char      *notes;
} PdxStudy;

typedef struct
{
  gint64 id;
  gint64 arm_id;
  char  *drug;      /* required */
  double dose;      /* NAN unknown */
  char  *unit;      /* e.g. "mg/kg" */
  char  *route;     /* e.g. "i.v.", "p.o." */
  char  *schedule;  /* e.g. "q3w", "qd" */
  int    first_day; /* study day, -1 unknown */
  int    last_day;  /* study day, -1 unknown */
} PdxAgent;

typedef struct
{
  gint64   id;
  gint64   study_id; /* required */
  char    *name;     /* unique within the study; required */
  gboolean is_control;
  char    *colour;   /* "#rrggbb" or NULL for the palette */
  int      position; /* place in the study's order (schema 7): arms are read by (position,
                        control first, creation); 0 until the study's arms are reordered */
  GPtrArray *agents; /* of PdxAgent*, never NULL; combination arms have several */
} PdxArm;

typedef struct
{
  gint64   id;
  gint64   study_id; /* required */
  gint64   arm_id;   /* 0 until randomised */
  char    *tag;      /* unique within the study; required */
  char    *cage;
  char    *sex; /* PDX_VOCAB_SEX */
  char    *strain;
  char    *birth_date;
  char    *implant_date;
  gboolean excluded;
  char    *exclusion_reason; /* required when excluded */
} PdxMouse;

typedef struct
{
  gint64 id;
  gint64 mouse_id; /* required */
  char  *date;     /* required; not before implant, not after the endpoint */
  char  *operator_name;
  char  *note;
  double length_mm; /* caliper; L >= W (swapped on save) */
  double width_mm;
  double volume_mm3; /* derived L*W^2/2 when L and W are given, else as entered */
  double bli_flux;   /* photons/s */
  double mri_volume_mm3;
  double weight_g;
  int    neuro_score; /* 0..4, -1 not scored */
} PdxMeasurement;

typedef struct
{
  gint64          id;
  gint64          mouse_id; /* required; one endpoint per mouse */
  char           *date;     /* required */
  PdxEndpointKind kind;
  gboolean        is_event; /* death or humane endpoint; end of study is censored */
  char           *note;
} PdxEndpoint;

/* Constructors return a struct with every field "not recorded" as the conventions above say. */
PdxPatient     *pdx_patient_new (void);
PdxSample      *pdx_sample_new (void);
PdxLine        *pdx_line_new (void);
PdxStudy       *pdx_study_new (void);
PdxArm         *pdx_arm_new (void);
PdxAgent       *pdx_agent_new (void);
PdxMouse       *pdx_mouse_new (void);
PdxMeasurement *pdx_measurement_new (void);
PdxEndpoint    *pdx_endpoint_new (void);

void pdx_patient_free (PdxPatient *patient);
void pdx_sample_free (PdxSample *sample);
void pdx_line_free (PdxLine *line);
void pdx_study_free (PdxStudy *study);
void pdx_arm_free (PdxArm *arm);
void pdx_agent_free (PdxAgent *agent);
void pdx_mouse_free (PdxMouse *mouse);
void pdx_measurement_free (PdxMeasurement *measurement);
/* A copy of @measurement that owns its strings; NULL for NULL. */
PdxMeasurement *pdx_measurement_copy (const PdxMeasurement *measurement);
void            pdx_endpoint_free (PdxEndpoint *endpoint);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdxPatient, pdx_patient_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdxSample, pdx_sample_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdxLine, pdx_line_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdxStudy, pdx_study_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdxArm, pdx_arm_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdxAgent, pdx_agent_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdxMouse, pdx_mouse_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdxMeasurement, pdx_measurement_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdxEndpoint, pdx_endpoint_free)

/* ---- create / update / delete --------------------------------------------------------------
 * insert: validates, stores, sets ->id. update: validates, stores every field of the row ->id.
 * delete: refuses (PDX_DB_ERROR_IN_USE) while other rows refer to it, except that deleting an
 * arm deletes its agents. Arms are inserted/updated together with their agents. */

gboolean pdx_patient_insert (PdxDb *db, PdxPatient *patient, GError **error);
gboolean pdx_patient_update (PdxDb *db, const PdxPatient *patient, GError **error);
gboolean pdx_sample_insert (PdxDb *db, PdxSample *sample, GError **error);
gboolean pdx_sample_update (PdxDb *db, const PdxSample *sample, GError **error);
gboolean pdx_line_insert (PdxDb *db, PdxLine *line, GError **error);
gboolean pdx_line_update (PdxDb *db, const PdxLine *line, GError **error);
gboolean pdx_study_insert (PdxDb *db, PdxStudy *study, GError **error);
gboolean pdx_study_update (PdxDb *db, const PdxStudy *study, GError **error);
/* ---- a study over its life (docs/study-lifecycle.md) ----------------------------------------- */

/* One change of a study's status, dated by the person; a termination has its reason. */
typedef struct
{
  gint64 id;
  gint64 study_id;
  char  *status; /* PDX_VOCAB_STUDY_STATUS */
  char  *date;   /* the day it happened, YYYY-MM-DD */
  char  *reason; /* NULL when none was given */
} PdxStatusChange;
void pdx_status_change_free (PdxStatusChange *change);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdxStatusChange, pdx_status_change_free)
/* The study's status changes, oldest first (PdxStatusChange). */
GPtrArray *pdx_study_list_status_changes (PdxDb *db, gint64 study_id, GError **error);
/* Changes the status of @study_id to @status on @date (not after today, not before its last
 * change), in one transaction, audited. @expected is the status the person saw (NULL: any);
 * another stored refuses with PDX_DB_ERROR_CONFLICT. planned → active and active → completed
 * need no reason; terminated and every other change (a correction) do. A locked study refuses
 * with PDX_DB_ERROR_LOCKED. */
gboolean pdx_study_set_status (PdxDb      *db,
                               gint64      study_id,
                               const char *expected,
                               const char *status,
                               const char *date,
                               const char *reason,
                               GError    **error);

/* The fields of a study pdx_study_update_fields () may change. */
typedef enum
{
  PDX_STUDY_TITLE = 1 << 0,
  PDX_STUDY_LINE = 1 << 1,
  PDX_STUDY_PASSAGE = 1 << 2,
  PDX_STUDY_IMPLANT_SITE = 1 << 3,
  PDX_STUDY_IMPLANT_MATERIAL = 1 << 4,
  PDX_STUDY_IMPLANT_AMOUNT = 1 << 5,
  PDX_STUDY_READOUT = 1 << 6,
  PDX_STUDY_DAY0 = 1 << 7,
  PDX_STUDY_PROTOCOL = 1 << 8,
  PDX_STUDY_INVESTIGATOR = 1 << 9,
  PDX_STUDY_NOTES = 1 << 10,
  PDX_STUDY_ALL_FIELDS = (1 << 11) - 1,
} PdxStudyFields;
/* The fields that move analysis results (days on study, the metric, the comparisons). */
#define PDX_STUDY_ANALYSIS_FIELDS (PDX_STUDY_DAY0 | PDX_STUDY_READOUT)
/* The translated name of one field ("day 0"). */
const char *pdx_study_field_label (PdxStudyFields field);
/* Writes, of the @fields of study @read->id, those whose value in @changed differs from the
 * stored one, column by column (never the whole row), with @reason (required) in their audit
 * entries; one transaction. Each field in @fields must still hold what @read holds, else
 * PDX_DB_ERROR_CONFLICT naming it; a bad value, an unknown line, a locked study, or nothing to
 * change refuse too, and then nothing is written. */
gboolean pdx_study_update_fields (PdxDb          *db,
                                  const PdxStudy *read,
                                  const PdxStudy *changed,
                                  guint           fields,
                                  const char     *reason,
                                  GError        **error);

/* Creates study @new_code (trimmed; required, not an existing code: PDX_DB_ERROR_DUPLICATE) as
 * a copy of the design of study @source_id: its line, passage, implant site, material and
 * amount, readout, protocol and investigator, @title (NULL: the source's) and day 0 @day0 (NULL
 * or "": the source's), status planned; and a copy of each of its arms (name, control, colour,
 * position) with their agents. No mouse, measurement, endpoint, note or signature is copied; a
 * locked source is fine (it is only read). One transaction, audited with the reason "duplicated
 * from study CODE"; the new study's id in *@new_id. On error nothing is written. */
gboolean pdx_study_duplicate (PdxDb      *db,
                              gint64      source_id,
                              const char *new_code,
                              const char *title,
                              const char *day0,
                              gint64     *new_id,
                              GError    **error);

gboolean pdx_arm_insert (PdxDb *db, PdxArm *arm, GError **error);
gboolean pdx_arm_update (PdxDb *db, PdxArm *arm, GError **error);
/* Deep copies (an arm with copies of its agents); NULL for NULL. */
PdxArm   *pdx_arm_copy (const PdxArm *arm);
PdxAgent *pdx_agent_copy (const PdxAgent *agent);

/* ---- a study's arms and agents edited (docs/study-lifecycle.md, "Arms and agents") --------
 * Every function here writes in one transaction, with @reason (required) in the audit entries;
 * writes only the columns that changed; refuses with PDX_DB_ERROR_CONFLICT, naming the field,
 * when a value it changes no longer holds what the caller read; refuses with
 * PDX_DB_ERROR_LOCKED when the study is locked (the lock named); and on any refusal writes
 * nothing. */

/* The fields of an arm pdx_arm_update_fields () may change. */
typedef enum
{
  PDX_ARM_NAME = 1 << 0,
  PDX_ARM_CONTROL = 1 << 1,
  PDX_ARM_COLOUR = 1 << 2,
  PDX_ARM_ALL_FIELDS = (1 << 3) - 1,
} PdxArmFields;
/* Writes, of the @fields of arm @read->id, those whose value in @changed differs from the
 * stored one. The name is trimmed and unique within the study. A study has one control at
 * most: making this arm the control takes it from the arm that was (both rows changed and
 * audited, in the same transaction); un-marking the control leaves the study without one. The
 * colour is "#rrggbb", or NULL (or "") for the palette's. */
gboolean pdx_arm_update_fields (PdxDb        *db,
                                const PdxArm *read,
                                const PdxArm *changed,
                                guint         fields,
                                const char   *reason,
                                GError      **error);
/* Moves arm @arm_id of study @study_id to @new_index (0-based) of the study's order, the
 * others keeping theirs, and numbers every arm 0..n-1 (only rows whose position changes are
 * written, each audited). Refuses an index past the last arm, and a move to where it is. */
gboolean pdx_arm_move (
    PdxDb *db, gint64 study_id, gint64 arm_id, guint new_index, const char *reason, GError **error);

/* The fields of an agent pdx_agent_update_fields () may change. */
typedef enum
{
  PDX_AGENT_DRUG = 1 << 0,
  PDX_AGENT_DOSE = 1 << 1,
  PDX_AGENT_UNIT = 1 << 2,
  PDX_AGENT_ROUTE = 1 << 3,
  PDX_AGENT_SCHEDULE = 1 << 4,
  PDX_AGENT_FIRST_DAY = 1 << 5,
  PDX_AGENT_LAST_DAY = 1 << 6,
  PDX_AGENT_ALL_FIELDS = (1 << 7) - 1,
} PdxAgentFields;
/* The agent of that id (PDX_DB_ERROR_NOT_FOUND when absent). */
PdxAgent *pdx_agent_get (PdxDb *db, gint64 id, GError **error);
/* Adds @agent to its arm @agent->arm_id (sets ->id): a drug is required, the dose is a finite
 * number ≥ 0 (NAN unknown), the days ≥ 0 (-1 unknown), the last not before the first. */
gboolean pdx_agent_add (PdxDb *db, PdxAgent *agent, const char *reason, GError **error);
/* Writes, of the @fields of agent @read->id, those whose value in @changed differs from the
 * stored one, in one UPDATE; the agent as it would then be is checked as pdx_agent_add does. */
gboolean pdx_agent_update_fields (PdxDb          *db,
                                  const PdxAgent *read,
                                  const PdxAgent *changed,
                                  guint           fields,
                                  const char     *reason,
                                  GError        **error);
/* Removes agent @read->id, refused when any of its values is no longer what @read holds. */
gboolean pdx_agent_remove (PdxDb *db, const PdxAgent *read, const char *reason, GError **error);
/* The fields in which @a and @b differ (a PdxAgentFields mask). */
guint pdx_agent_diff (const PdxAgent *a, const PdxAgent *b);

/* Applies the person's edits of a study's arms as one transaction with one reason (the Edit
 * Arms dialog's Save). @read: the study's arms as read (pdx_arm_list, in its order); @edited:
 * copies of the same arms (the same ids, none added or removed) in the order the person left
 * them, each with its name, control, colour and agents edited; an agent of id 0 is added, an
 * agent of @read missing from its arm in @edited is removed. Writes only what differs from
 * @read, each change checked as the functions above check it (the order too: it must still be
 * @read's); the control is taken from an arm before it is given to another. Nothing to change
 * refuses too. */
gboolean pdx_study_arms_apply (PdxDb      *db,
                               gint64      study_id,
                               GPtrArray  *read,
                               GPtrArray  *edited,
                               const char *reason,
                               GError    **error);
/* Whether @edited moves the control (another arm, or none) from what @read has: every
 * comparison with the control changes (TGI, response vs control, log-rank vs control). */
gboolean pdx_arms_control_changed (GPtrArray *read, GPtrArray *edited);
gboolean pdx_mouse_insert (PdxDb *db, PdxMouse *mouse, GError **error);
gboolean pdx_mouse_update (PdxDb *db, const PdxMouse *mouse, GError **error);
/* Caliper L/W are swapped so that L >= W and the volume derived, in @measurement itself. */
gboolean pdx_measurement_insert (PdxDb *db, PdxMeasurement *measurement, GError **error);
gboolean pdx_measurement_update (PdxDb *db, PdxMeasurement *measurement, GError **error);
/* Inserts or, where the mouse already has a measurement on that date, updates it. */
gboolean pdx_measurement_upsert (PdxDb *db, PdxMeasurement *measurement, GError **error);

/* The columns of a measurement a change may touch, as a mask for pdx_measurement_update_fields. */
typedef enum
{
  PDX_MEASUREMENT_LENGTH = 1 << 0,
  PDX_MEASUREMENT_WIDTH = 1 << 1,
  PDX_MEASUREMENT_VOLUME = 1 << 2,
  PDX_MEASUREMENT_BLI = 1 << 3,
  PDX_MEASUREMENT_MRI = 1 << 4,
  PDX_MEASUREMENT_WEIGHT = 1 << 5,
  PDX_MEASUREMENT_NEURO = 1 << 6,
  PDX_MEASUREMENT_NOTE = 1 << 7,
  PDX_MEASUREMENT_ALL_VALUES = (1 << 8) - 1,
} PdxMeasurementFields;

/* Updates only the columns in @fields of the stored measurement @measurement->id, from the
 * values in @measurement; every other column keeps what is stored (it is never rewritten).
 * The row as it would then be is validated as a whole first. When L or W is among @fields the
 * caliper is normalised (L >= W) and the derived volume written too; clearing both L and W of a
 * caliper row clears the volume derived from them. Audited like every update. On return
 * @measurement holds the whole row as stored; on error nothing changed. */
gboolean pdx_measurement_update_fields (PdxDb          *db,
                                        PdxMeasurement *measurement,
                                        guint           fields,
                                        GError        **error);
/* The measurement of @mouse_id on @date, or NULL without error when there is none. */
PdxMeasurement *pdx_measurement_find (PdxDb *db, gint64 mouse_id, const char *date, GError **error);
gboolean        pdx_endpoint_insert (PdxDb *db, PdxEndpoint *endpoint, GError **error);
gboolean        pdx_endpoint_update (PdxDb *db, const PdxEndpoint *endpoint, GError **error);

typedef enum
{
  PDX_TABLE_PATIENT,
  PDX_TABLE_SAMPLE,
  PDX_TABLE_LINE,
  PDX_TABLE_STUDY,
  PDX_TABLE_ARM,
  PDX_TABLE_AGENT,
  PDX_TABLE_MOUSE,
  PDX_TABLE_MEASUREMENT,
  PDX_TABLE_ENDPOINT,
  PDX_N_TABLES
} PdxTable;

/* The SQL table name of @table ("patient", "tumour_sample", "line", …). */
const char *pdx_table_get_name (PdxTable table);
gboolean    pdx_row_delete (PdxDb *db, PdxTable table, gint64 id, GError **error);

/* Validation alone (what insert/update run first); for forms that check as the user types. */
gboolean pdx_measurement_validate (const PdxMeasurement *measurement, GError **error);

/* Caliper volume L·W²/2 with L >= W, in mm³. NAN when either is missing. */
double pdx_caliper_volume (double length_mm, double width_mm);

/* ---- read --------------------------------------------------------------------------------
 * get_*: one row by id (PDX_DB_ERROR_NOT_FOUND when absent). find_*: by code/tag, NULL without
 * error when absent. list_*: a new GPtrArray of owned structs (free func set), ordered by code,
 * name, tag or date. */

PdxPatient     *pdx_patient_get (PdxDb *db, gint64 id, GError **error);
PdxSample      *pdx_sample_get (PdxDb *db, gint64 id, GError **error);
PdxLine        *pdx_line_get (PdxDb *db, gint64 id, GError **error);
PdxStudy       *pdx_study_get (PdxDb *db, gint64 id, GError **error);
PdxArm         *pdx_arm_get (PdxDb *db, gint64 id, GError **error);
PdxMouse       *pdx_mouse_get (PdxDb *db, gint64 id, GError **error);
PdxMeasurement *pdx_measurement_get (PdxDb *db, gint64 id, GError **error);
/* The mouse's endpoint, or NULL without error when it has none. */
PdxEndpoint *pdx_endpoint_find_for_mouse (PdxDb *db, gint64 mouse_id, GError **error);

PdxPatient *pdx_patient_find (PdxDb *db, const char *code, GError **error);
PdxLine    *pdx_line_find (PdxDb *db, const char *code, GError **error);
PdxStudy   *pdx_study_find (PdxDb *db, const char *code, GError **error);
PdxArm     *pdx_arm_find (PdxDb *db, gint64 study_id, const char *name, GError **error);
PdxMouse   *pdx_mouse_find (PdxDb *db, gint64 study_id, const char *tag, GError **error);

GPtrArray *pdx_patient_list (PdxDb *db, GError **error);
GPtrArray *pdx_sample_list (PdxDb *db, GError **error);
GPtrArray *pdx_line_list (PdxDb *db, GError **error);
/* @line_id 0 lists every study. */
GPtrArray *pdx_study_list (PdxDb *db, gint64 line_id, GError **error);
GPtrArray *pdx_arm_list (PdxDb *db, gint64 study_id, GError **error);
GPtrArray *pdx_mouse_list (PdxDb *db, gint64 study_id, GError **error);
GPtrArray *pdx_measurement_list_for_mouse (PdxDb *db, gint64 mouse_id, GError **error);
/* Every measurement of the study's mice on @date (or every date when NULL). */
GPtrArray *
pdx_measurement_list_for_study (PdxDb *db, gint64 study_id, const char *date, GError **error);
/* The dates (YYYY-MM-DD, ascending, each once) on which the study's mice were measured. */
char **pdx_study_list_measurement_dates (PdxDb *db, gint64 study_id, GError **error);

/* ---- audit log ---------------------------------------------------------------------------- */

typedef struct
{
  gint64 id;
  char  *time;          /* ISO 8601 UTC with milliseconds */
  char  *login;         /* the operating-system login; NULL for entries written before the
                           chain (schema 3), whose login nobody knows */
  char  *operator_name; /* the display name recorded beside the login; NULL when none */
  char  *table_name;
  gint64 row_id;
  char  *action;    /* insert, update, delete, or import: a bulk import's summary (new_values
                       has file, rows, first_id, last_id of the rows it inserted), or migrate:
                       the upgrade that began the hash chain (reason says which entries it
                       chained) */
  char *old_values; /* JSON object or NULL */
  char *new_values; /* JSON object or NULL */
  char *reason;
  char *mouse_tag;   /* the tag of the mouse the change concerns (a mouse, its measurement or
                        endpoint), also for a deleted mouse; NULL otherwise */
  char *study_code;  /* the code of the study the change concerns, NULL for none or when
                        that study was deleted */
  char      *hash;   /* the entry's hash in the chain (64 hex), NULL before schema 3 */
  GPtrArray *fields; /* of PdxAuditField, read from old_values and new_values by SQLite
                        (pdx_audit_entry_read_fields); NULL when either is not a flat JSON
                        object (nor NULL) or the fields were not read */
} PdxAuditEntry;

/* The JSON type of one side of a field, as SQLite's json_each names it; ABSENT: the key is not
 * on that side (an insert's old side, or a key in one side only). */
typedef enum
{
  PDX_JSON_ABSENT,
  PDX_JSON_NULL,
  PDX_JSON_TRUE,
  PDX_JSON_FALSE,
  PDX_JSON_INTEGER,
  PDX_JSON_REAL,
  PDX_JSON_TEXT,
} PdxJsonType;

/* One key of an audit entry's row with its old and new value. A value is NULL when absent or
 * JSON null; else a string unescaped, a number as SQLite prints it ("19.4", "4255000.0"), true
 * and false as "true" and "false". */
typedef struct
{
  char       *key;
  PdxJsonType old_type, new_type;
  char       *old_value, *new_value;
} PdxAuditField;

void pdx_audit_entry_free (PdxAuditEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdxAuditEntry, pdx_audit_entry_free)

/* Reads @entry's old_values and new_values (JSON text or NULL) with SQLite's json_each into
 * @entry->fields: one PdxAuditField per key, the new values' keys in their order, then the keys
 * only in the old values in theirs. When either side is not a flat JSON object (malformed,
 * not an object, or with an array or object inside) fields is NULL and TRUE is returned: the
 * entry is then shown as its raw JSON. FALSE with @error only when SQLite fails. */
gboolean pdx_audit_entry_read_fields (PdxDb *db, PdxAuditEntry *entry, GError **error);

typedef struct
{
  gint64      study_id;      /* 0: every study; else rows of that study (and its mice etc.) */
  const char *mouse_tag;     /* NULL: any */
  const char *operator_name; /* NULL: any; else the entries whose login or display name it is */
  const char *since;         /* ISO date of a local day (TZ), NULL: from the start */
  const char *until;         /* ISO date of a local day, inclusive, NULL: to now */
  guint       limit;         /* 0: no limit */
  const char *action;        /* insert, update, delete, import or migrate; NULL: any */
  const char *text;          /* words, each of which must occur (ASCII letters in any case, as SQL's
                                LIKE) in the entry's table, values, reason, operator or mouse tag;
                                at most 16 words; NULL or blank: any */
  gint64 before_id;          /* paging: entries with id < before_id, 0 = from the newest */
} PdxAuditFilter;

/* The entries @filter selects (NULL: all), newest first, each with its fields read
 * (pdx_audit_entry_read_fields). A page of a long trail is { .limit = N, .before_id = the
 * last id of the page before }. NULL with @error (PDX_DB_ERROR_INVALID naming the filter) for
 * a date that is not a day, an unknown action or a search of too many words. */
GPtrArray *pdx_audit_list (PdxDb *db, const PdxAuditFilter *filter, GError **error);
/* How many entries @filter selects (its limit ignored), or -1 with @error as pdx_audit_list. */
gint64 pdx_audit_count (PdxDb *db, const PdxAuditFilter *filter, GError **error);

G_END_DECLS
