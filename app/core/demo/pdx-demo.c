/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-demo.c — the demo lab: three HER2+ breast-cancer brain-metastasis patients, their PDX lines
 * (PIK3CA-mutant, PTEN-loss, PI3K-pathway wild-type), two intracranial BLI studies, a mammary fat
 * pad caliper study and a study waiting to be randomised. Deterministic for a seed.
 *
 * The story it tells: HER2-only therapy (T-DM1, tucatinib + trastuzumab, neratinib) slows the
 * PI3K-altered lines little; adding a PI3K/mTOR inhibitor (alpelisib, everolimus) makes them
 * regress and prolongs survival, at the price of weight loss. The wild-type line responds to
 * HER2-only therapy. Growth is exponential with per-mouse rates and log-normal measurement noise;
 * neurological decline follows BLI burden; endpoints follow the humane limits. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx-demo-private.h"
#include "pdx/pdx-demo.h"
#include "pdx/pdx-model.h"
#include "store/pdx-store.h"

#include <math.h>
#include <string.h>

typedef struct
{
  const char *drug;
  double      dose;
  const char *unit, *route, *schedule;
} AgentSpec;

typedef struct
{
  const char *name;
  gboolean    control;
  double      rate;      /* log-growth per day under treatment */
  double      rate_late; /* after day 28 (resistance / regrowth) */
  double      toxicity;  /* fractional weight loss at its nadir (day ~14) */
  AgentSpec   agents[2];
} ArmSpec;

typedef struct
{
  const char *code, *title, *line, *site, *material, *amount, *protocol, *investigator, *status;
  PdxReadout  readout;
  const char *implant_date;       /* all mice implanted that day */
  int         day0_after_implant; /* treatment start, days after implant */
  int         last_day;           /* end of study (study day) */
  int         mice_per_arm;
  gboolean    randomised;
  ArmSpec     arms[4];
  gboolean    dense; /* benchmark cohorts: readout and weight every other day */
} StudySpec;

/* One study a paragraph, one arm a line: clang-format would put every field on its own line. */
/* clang-format off */
static const StudySpec studies[] = {
  { "ICR-017-A", "Tucatinib and PI3Kα combinations in PIK3CA-mutant BCBM-017, intracranial",
    "BCBM-017", "intracranial-striatum", "cells", "1×10⁵ luciferase-labelled cells in 2 µL",
    "IACUC-2025-114", "Dr. A. Moreno", "completed", PDX_READOUT_BLI_FLUX, "2026-01-12", 14, 56, 10,
    TRUE,
    { { "Vehicle", TRUE, 0.125, 0.125, 0.0, { { "Vehicle (0.5% MC)", NAN, NULL, "p.o.", "qd" } } },
      { "T-DM1", FALSE, 0.100, 0.115, 0.03, { { "T-DM1", 10, "mg/kg", "i.v.", "q3w" } } },
      { "Tucatinib + trastuzumab", FALSE, 0.092, 0.110, 0.06,
        { { "Tucatinib", 50, "mg/kg", "p.o.", "bid" }, { "Trastuzumab", 10, "mg/kg", "i.p.", "q1w" } } },
      { "Alpelisib + T-DM1", FALSE, -0.060, 0.015, 0.11,
        { { "Alpelisib", 25, "mg/kg", "p.o.", "qd" }, { "T-DM1", 10, "mg/kg", "i.v.", "q3w" } } } } },
  { "ICR-023-B", "mTOR inhibition with neratinib in PTEN-loss BCBM-023, intracranial",
    "BCBM-023", "intracranial-striatum", "cells", "5×10⁴ luciferase-labelled cells in 2 µL",
    "IACUC-2025-131", "Dr. J. Chen", "completed", PDX_READOUT_BLI_FLUX, "2026-03-02", 12, 56, 9,
    TRUE,
    { { "Vehicle", TRUE, 0.135, 0.135, 0.0, { { "Vehicle (0.5% MC)", NAN, NULL, "p.o.", "qd" } } },
      { "Neratinib", FALSE, 0.110, 0.125, 0.05, { { "Neratinib", 40, "mg/kg", "p.o.", "qd" } } },
      { "T-DM1", FALSE, 0.105, 0.120, 0.03, { { "T-DM1", 10, "mg/kg", "i.v.", "q3w" } } },
      { "Everolimus + neratinib", FALSE, -0.045, 0.010, 0.14,
        { { "Everolimus", 2.5, "mg/kg", "p.o.", "qd" }, { "Neratinib", 40, "mg/kg", "p.o.", "qd" } } } } },
  { "MFP-031-C", "HER2-directed therapy in PI3K-wild-type BCBM-031, mammary fat pad",
    "BCBM-031", "mammary fat pad", "fragment", "2 mm³ fragment", "IACUC-2025-140",
    "Dr. R. Okafor", "completed", PDX_READOUT_CALIPER_VOLUME, "2026-02-02", 21, 42, 8, TRUE,
    { { "Vehicle", TRUE, 0.075, 0.075, 0.0, { { "Vehicle (0.5% MC)", NAN, NULL, "p.o.", "qd" } } },
      { "T-DM1", FALSE, -0.045, -0.010, 0.03, { { "T-DM1", 10, "mg/kg", "i.v.", "q3w" } } },
      { "Tucatinib + trastuzumab", FALSE, -0.035, 0.005, 0.06,
        { { "Tucatinib", 50, "mg/kg", "p.o.", "bid" }, { "Trastuzumab", 10, "mg/kg", "i.p.", "q1w" } } } } },
  { "ICR-031-D", "Tucatinib + T-DM1 in PI3K-wild-type BCBM-031, intracranial (to randomise)",
    "BCBM-031", "intracranial-striatum", "cells", "1×10⁵ luciferase-labelled cells in 2 µL",
    "IACUC-2025-162", "Dr. A. Moreno", "planned", PDX_READOUT_BLI_FLUX, "2026-05-04", 14, 0, 8,
    FALSE,
    { { "Vehicle", TRUE, 0, 0, 0, { { "Vehicle (0.5% MC)", NAN, NULL, "p.o.", "qd" } } },
      { "T-DM1", FALSE, 0, 0, 0, { { "T-DM1", 10, "mg/kg", "i.v.", "q3w" } } },
      { "Tucatinib + T-DM1", FALSE, 0, 0, 0,
        { { "Tucatinib", 50, "mg/kg", "p.o.", "bid" }, { "T-DM1", 10, "mg/kg", "i.v.", "q3w" } } } } },
};
/* clang-format on */

static const char *const operators[] = { "A. Moreno", "J. Chen", "R. Okafor", "S. Lindqvist" };
static const char *const arm_colours[] = { "#7f7f7f", NULL, NULL, NULL };

typedef struct
{
  PdxDb   *db;
  GRand   *rand;
  GError **error;
} Demo;

static double
normal (GRand *rand)
{
  /* Box–Muller; g_rand_double never returns 1, so log(1 - u) is finite. */
  double u = 1.0 - g_rand_double (rand), v = g_rand_double (rand);
  return sqrt (-2.0 * log (u)) * cos (2.0 * G_PI * v);
}

static gint64
add_patient (Demo       *d,
             const char *code,
             int         age,
             const char *ihc,
             const char *er,
             const char *pr,
             const char *prior)
{
  g_autoptr (PdxPatient) p = pdx_patient_new ();
  p->code = g_strdup (code);
  p->sex = g_strdup ("F");
  p->age_at_collection = age;
  p->primary_diagnosis = g_strdup ("Invasive ductal carcinoma of the breast, HER2-positive");
  p->her2_ihc = g_strdup (ihc);
  p->her2_ish = g_strdup ("amplified");
  p->er = g_strdup (er);
  p->pr = g_strdup (pr);
  p->prior_treatments = g_strdup (prior);
  p->consent_to_share = TRUE;
  return pdx_patient_insert (d->db, p, d->error) ? p->id : 0;
}

static gint64
add_sample (Demo *d, gint64 patient, const char *code, const char *date, const char *markers)
{
  g_autoptr (PdxSample) s = pdx_sample_new ();
  s->patient_id = patient;
  s->code = g_strdup (code);
  s->collection_date = g_strdup (date);
  s->tissue = g_strdup ("brain");
  s->sample_type = g_strdup ("metastasis");
  s->histology = g_strdup ("Metastatic ductal carcinoma");
  s->grade = g_strdup ("3");
  s->markers = g_strdup (markers);
  return pdx_sample_insert (d->db, s, d->error) ? s->id : 0;
}

static gint64
add_line (Demo       *d,
          gint64      sample,
          const char *code,
          const char *strain,
          const char *date,
          int         passage,
          const char *alterations,
          const char *notes)
{
  g_autoptr (PdxLine) l = pdx_line_new ();
  l->code = g_strdup (code);
  l->sample_id = sample;
  l->host_strain = g_strdup (strain);
  l->established_date = g_strdup (date);
  l->passage = passage;
  l->engraftment_site = g_strdup ("intracranial (striatum)");
  l->luciferase = l->qc_human_origin = l->qc_mouse_negative = l->qc_ebv_negative = TRUE;
  l->alterations = g_strdup (alterations);
  l->status = g_strdup ("active");
  l->notes = g_strdup (notes);
  return pdx_line_insert (d->db, l, d->error) ? l->id : 0;
}

static gboolean
add_lines (Demo *d)
{
  gint64 p1, p2, p3, s1, s2, s3;

  p1 = add_patient (d, "BCBM-P01", 47, "3+", "positive", "negative",
                    "Trastuzumab + pertuzumab + docetaxel; T-DM1");
  p2 = add_patient (d, "BCBM-P02", 52, "3+", "negative", "negative",
                    "Trastuzumab + pertuzumab; capecitabine + lapatinib");
  p3 = add_patient (d, "BCBM-P03", 39, "2+", "positive", "positive", "Trastuzumab + paclitaxel");
  if (!p1 || !p2 || !p3)
    return FALSE;
  s1 = add_sample (d, p1, "BCBM-S017", "2023-03-14", "HER2 3+; ER 60 %; Ki-67 40 %");
  s2 = add_sample (d, p2, "BCBM-S023", "2023-06-02", "HER2 3+; ER 0 %; Ki-67 55 %");
  s3 =
      add_sample (d, p3, "BCBM-S031", "2024-01-19", "HER2 2+ (ISH amplified); ER 80 %; Ki-67 30 %");
  if (!s1 || !s2 || !s3)
    return FALSE;
  return add_line (d, s1, "BCBM-017", "NSG", "2023-05-12", 6, "ERBB2 amplification; PIK3CA H1047R",
                   "Resected cerebellar metastasis after progression on T-DM1.") &&
         add_line (d, s2, "BCBM-023", "NSG", "2023-08-30", 5,
                   "ERBB2 amplification; PTEN loss (homozygous deletion)",
                   "Frontal lobe metastasis; fast intracranial take (12 days to BLI signal).") &&
         add_line (d, s3, "BCBM-031", "NOD-SCID", "2024-04-02", 4,
                   "ERBB2 amplification; PIK3CA and PTEN wild-type",
                   "Grows orthotopically in the mammary fat pad and intracranially.");
}

static gint64
add_study (Demo *d, const StudySpec *spec, GArray *arm_ids)
{
  g_autoptr (PdxStudy) s = pdx_study_new ();
  g_autoptr (PdxLine) line = pdx_line_find (d->db, spec->line, d->error);

  if (line == NULL)
    return 0;
  s->code = g_strdup (spec->code);
  s->title = g_strdup (spec->title);
  s->line_id = line->id;
  s->passage = line->passage;
  s->implant_site = g_strdup (spec->site);
  s->implant_material = g_strdup (spec->material);
  s->implant_amount = g_strdup (spec->amount);
  s->readout = spec->readout;
  s->day0 = pdx_date_add_days (spec->implant_date, spec->day0_after_implant);
  s->protocol = g_strdup (spec->protocol);
  s->investigator = g_strdup (spec->investigator);
  s->status = g_strdup (spec->status);
  if (!pdx_study_insert (d->db, s, d->error))
    return 0;
  for (guint a = 0; a < G_N_ELEMENTS (spec->arms) && spec->arms[a].name; a++)
    {
      g_autoptr (PdxArm) arm = pdx_arm_new ();
      arm->study_id = s->id;
      arm->name = g_strdup (spec->arms[a].name);
      arm->is_control = spec->arms[a].control;
      arm->colour = g_strdup (arm_colours[a]);
      for (guint g = 0; g < 2 && spec->arms[a].agents[g].drug; g++)
        {
          const AgentSpec *as = &spec->arms[a].agents[g];
          PdxAgent        *agent = pdx_agent_new ();
          agent->drug = g_strdup (as->drug);
          agent->dose = as->dose;
          agent->unit = g_strdup (as->unit);
          agent->route = g_strdup (as->route);
          agent->schedule = g_strdup (as->schedule);
          agent->first_day = 0;
          agent->last_day = spec->last_day > 0 ? MIN (spec->last_day, 35) : 28;
          g_ptr_array_add (arm->agents, agent);
        }
      if (!pdx_arm_insert (d->db, arm, d->error))
        return 0;
      g_array_append_val (arm_ids, arm->id);
    }
  return s->id;
}

/* One simulated mouse's course, measured on the study's schedule. */
typedef struct
{
  const StudySpec *spec;
  const ArmSpec   *arm;
  gint64           mouse_id;
  const char      *day0;
  double           log_burden; /* log of BLI flux (photons/s) or of volume (mm³) at day -1 */
  double           rate, rate_late;
  double           weight0; /* g */
  double           toxicity;
} Course;

static gboolean
schedule_has (const StudySpec *spec, int day, gboolean *readout, gboolean *weight, gboolean *mri)
{
  int      week_day = ((day % 7) + 7) % 7;
  gboolean bli = spec->readout == PDX_READOUT_BLI_FLUX;

  if (spec->dense)
    {
      *readout = *weight = (day & 1) != 0;
      *mri = FALSE;
      return *readout;
    }
  *readout = bli ? (day == -1 || week_day == 6) : (week_day == 6 || week_day == 2 || day == -1);
  *weight = day == -1 || week_day == 6 || week_day == 2;
  *mri = bli && (day == 13 || day == 41);
  return *readout || *weight || *mri;
}

static double
burden_at (const Course *c, int day, GRand *rand)
{
  double t = day + 1;
  double log_b = c->log_burden + c->rate * MIN (t, 29) + c->rate_late * MAX (0.0, t - 29);
  double noise = c->spec->readout == PDX_READOUT_BLI_FLUX ? 0.30 : 0.10;
  return exp (log_b + noise * normal (rand));
}

static int
neuro_for (double flux)
{
  return flux < 4e8 ? 0 : flux < 1.5e9 ? 1 : flux < 4e9 ? 2 : flux < 1e10 ? 3 : 4;
}

static double
weight_at (const Course *c, int day, double burden, GRand *rand)
{
  /* Toxicity: a dip to the nadir at day 14, half recovered by day 35; burden: cachexia. */
  double tox =
      day < 0 ? 0 : c->toxicity * (day <= 14 ? day / 14.0 : MAX (0.5, 1 - (day - 14) / 42.0));
  double load = c->spec->readout == PDX_READOUT_BLI_FLUX ? MAX (0.0, log10 (burden) - 9.0) * 0.08
                                                         : MAX (0.0, (burden - 800) / 8000.0);
  return c->weight0 * (1 - tox - load) * (1 + 0.01 * normal (rand));
}

static gboolean
add_endpoint (Demo *d, gint64 mouse, const char *date, PdxEndpointKind kind, const char *note)
{
  g_autoptr (PdxEndpoint) e = pdx_endpoint_new ();
  e->mouse_id = mouse;
  e->date = g_strdup (date);
  e->kind = kind;
  e->is_event = kind != PDX_ENDPOINT_END_OF_STUDY;
  e->note = g_strdup (note);
  return pdx_endpoint_insert (d->db, e, d->error);
}

static gboolean
record (Demo         *d,
        const Course *c,
        int           day,
        double        burden,
        double        weight,
        int           neuro,
        gboolean      readout,
        gboolean      mri)
{
  g_autoptr (PdxMeasurement) m = pdx_measurement_new ();
  m->mouse_id = c->mouse_id;
  m->date = pdx_date_add_days (c->day0, day);
  m->operator_name = g_strdup (operators[g_rand_int_range (d->rand, 0, G_N_ELEMENTS (operators))]);
  m->weight_g = round (weight * 10) / 10;
  if (c->spec->readout == PDX_READOUT_BLI_FLUX)
    {
      if (readout)
        m->bli_flux = round (burden / 1e3) * 1e3;
      if (mri)
        /* Sublinear in flux (light is attenuated in deep tissue): ~45 mm³ at 1e10 photons/s,
         * ~0.5 mm³ for the smallest tumours the BLI still sees. */
        m->mri_volume_mm3 = round (45 * pow (burden / 1e10, 0.6) * 10) / 10;
      m->neuro_score = neuro;
    }
  else if (readout)
    {
      double ratio = 1.2 + 0.3 * g_rand_double (d->rand);
      double w = cbrt (2 * burden / ratio);
      m->length_mm = round (ratio * w * 10) / 10;
      m->width_mm = round (w * 10) / 10;
    }
  return pdx_measurement_insert (d->db, m, d->error);
}

/* Simulates one mouse from day -1 (baseline) to its endpoint or the end of the study. */
static gboolean
run_course (Demo *d, Course *c)
{
  const StudySpec *spec = c->spec;
  int              last = spec->last_day > 0 ? spec->last_day : -1;
  int              found_dead_day = c->arm->control && g_rand_int_range (d->rand, 0, 12) == 0
                                        ? g_rand_int_range (d->rand, 20, 40)
                                        : G_MAXINT;

  for (int day = -1; day <= last; day++)
    {
      gboolean         readout, weight, mri;
      double           burden, w;
      int              neuro;
      g_autofree char *date = NULL;

      if (day >= found_dead_day)
        {
          date = pdx_date_add_days (c->day0, day);
          return add_endpoint (d, c->mouse_id, date, PDX_ENDPOINT_FOUND_DEAD,
                               "Found dead in cage; no signs at the last check");
        }
      if (!schedule_has (spec, day, &readout, &weight, &mri))
        continue;
      burden = burden_at (c, day, d->rand);
      w = weight_at (c, day, burden, d->rand);
      neuro = spec->readout == PDX_READOUT_BLI_FLUX ? neuro_for (burden) : -1;
      if (!record (d, c, day, burden, w, neuro, readout, mri))
        return FALSE;
      date = pdx_date_add_days (c->day0, day);
      if (neuro >= 3)
        return add_endpoint (d, c->mouse_id, date, PDX_ENDPOINT_HUMANE_NEURO,
                             neuro == 3 ? "Hunched, circling, reduced mobility"
                                        : "Moribund: ataxia, no response to stimuli");
      if (w <= 0.8 * c->weight0 && day >= 0)
        return add_endpoint (d, c->mouse_id, date, PDX_ENDPOINT_HUMANE_WEIGHT,
                             "Body weight loss reached 20 % of baseline");
      if (spec->readout == PDX_READOUT_CALIPER_VOLUME && burden >= 1500 && day >= 0)
        return add_endpoint (d, c->mouse_id, date, PDX_ENDPOINT_OTHER,
                             "Tumour volume ≥ 1500 mm³ (humane tumour-burden limit)");
    }
  if (last > 0)
    {
      g_autofree char *date = pdx_date_add_days (c->day0, last);
      return add_endpoint (d, c->mouse_id, date, PDX_ENDPOINT_END_OF_STUDY,
                           "Scheduled end of study");
    }
  return TRUE;
}

static gboolean
add_mouse (Demo            *d,
           const StudySpec *spec,
           gint64           study_id,
           gint64           arm_id,
           int              index,
           int              cage,
           PdxMouse       **out)
{
  g_autoptr (PdxMouse) m = pdx_mouse_new ();
  m->study_id = study_id;
  m->arm_id = arm_id;
  m->tag = g_strdup_printf ("%s-%02d", spec->code + strlen (spec->code) - 1, index);
  m->cage = g_strdup_printf ("C%02d", cage);
  m->sex = g_strdup ("F");
  m->strain = g_strdup (spec->site[0] == 'm' ? "NOD-SCID" : "NSG");
  m->birth_date = pdx_date_add_days (spec->implant_date, -56 - g_rand_int_range (d->rand, 0, 14));
  m->implant_date = g_strdup (spec->implant_date);
  if (!pdx_mouse_insert (d->db, m, d->error))
    return FALSE;
  *out = g_steal_pointer (&m);
  return TRUE;
}

static double
baseline_log (const StudySpec *spec, GRand *rand)
{
  return spec->readout == PDX_READOUT_BLI_FLUX ? log (2e7) + 0.45 * normal (rand)
                                               : log (150) + 0.20 * normal (rand);
}

static gboolean
add_study_mice (Demo *d, const StudySpec *spec, gint64 study_id, GArray *arm_ids)
{
  g_autofree char *day0 = pdx_date_add_days (spec->implant_date, spec->day0_after_implant);
  int              n_arms = (int) arm_ids->len, index = 0;

  for (int a = 0; a < n_arms; a++)
    for (int k = 0; k < spec->mice_per_arm; k++)
      {
        const ArmSpec *arm = &spec->arms[a];
        g_autoptr (PdxMouse) mouse = NULL;
        Course c = { .spec = spec, .arm = arm, .day0 = day0 };

        index++;
        if (!add_mouse (d, spec, study_id,
                        spec->randomised ? g_array_index (arm_ids, gint64, a) : 0, index,
                        1 + (index - 1) / 5, &mouse))
          return FALSE;
        c.mouse_id = mouse->id;
        c.log_burden = baseline_log (spec, d->rand);
        c.rate = arm->rate + 0.012 * normal (d->rand);
        c.rate_late = arm->rate_late + 0.012 * normal (d->rand);
        c.weight0 = 21.5 + 1.2 * normal (d->rand);
        c.toxicity = MAX (0.0, arm->toxicity * (1 + 0.45 * normal (d->rand)));
        if (!run_course (d, &c))
          return FALSE;
      }
  return TRUE;
}

/* One mouse of the first study failed to engraft: excluded, with the reason. */
static gboolean
exclude_one (Demo *d, gint64 study_id)
{
  g_autoptr (PdxMouse) m = pdx_mouse_find (d->db, study_id, "A-07", d->error);
  if (m == NULL)
    return FALSE;
  m->excluded = TRUE;
  m->exclusion_reason =
      g_strdup ("No BLI signal above background at randomisation (failed engraftment)");
  return pdx_mouse_update (d->db, m, d->error);
}

/* The benchmark lab: studies of 500 mice in 4 arms, ~40 dated records each. */
static gboolean
add_big_lab (Demo *d, guint n_mice)
{
  static const ArmSpec big_arms[4] = {
    { "Vehicle", TRUE, 0.060, 0.060, 0.0, { { "Vehicle (0.5% MC)", NAN, NULL, "p.o.", "qd" } } },
    { "T-DM1", FALSE, 0.045, 0.050, 0.03, { { "T-DM1", 10, "mg/kg", "i.v.", "q3w" } } },
    { "Tucatinib + trastuzumab",
      FALSE,
      0.040,
      0.050,
      0.05,
      { { "Tucatinib", 50, "mg/kg", "p.o.", "bid" },
        { "Trastuzumab", 10, "mg/kg", "i.p.", "q1w" } } },
    { "Alpelisib + T-DM1",
      FALSE,
      -0.030,
      0.010,
      0.08,
      { { "Alpelisib", 25, "mg/kg", "p.o.", "qd" }, { "T-DM1", 10, "mg/kg", "i.v.", "q3w" } } },
  };
  StudySpec spec = studies[0];
  guint     made = 0;

  memcpy (spec.arms, big_arms, sizeof big_arms);
  spec.dense = TRUE;

  for (guint s = 0; made < n_mice; s++)
    {
      g_autofree char *code = g_strdup_printf ("BIG-%03u", s + 1);
      g_autoptr (GArray) arm_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      gint64 study_id;

      spec.code = code;
      spec.title = "Benchmark cohort (generated with demo --mice)";
      spec.mice_per_arm = (int) MIN (125u, (n_mice - made + 3) / 4);
      spec.status = "active";
      spec.last_day = 76;
      study_id = add_study (d, &spec, arm_ids);
      if (study_id == 0 || !add_study_mice (d, &spec, study_id, arm_ids))
        return FALSE;
      made += (guint) spec.mice_per_arm * arm_ids->len;
    }
  return TRUE;
}

gboolean
pdx_demo_generate (PdxDb *db, const PdxDemoOptions *options, GError **error)
{
  g_autoptr (GPtrArray) existing = pdx_study_list (db, 0, error);
  Demo     d = { .db = db, .error = error };
  gboolean ok;

  g_return_val_if_fail (options != NULL, FALSE);
  if (existing == NULL)
    return FALSE;
  if (existing->len > 0)
    {
      g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_INVALID,
                   /* Translators: the lab's file, then the number of studies in it. */
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s already holds %u study; the demo lab needs an empty lab",
                                "%s already holds %u studies; the demo lab needs an empty lab",
                                existing->len),
                   pdx_db_get_path (db), existing->len);
      return FALSE;
    }
  if (!pdx_db_begin (db, error))
    return FALSE;
  d.rand = g_rand_new_with_seed (options->seed);
  pdx_db_set_reason (db, "demo lab");
  ok = add_lines (&d) && pdx_demo_add_lineage (db, options->seed, error);
  for (guint s = 0; ok && s < G_N_ELEMENTS (studies); s++)
    {
      g_autoptr (GArray) arm_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      gint64 id = add_study (&d, &studies[s], arm_ids);
      ok = id != 0 && add_study_mice (&d, &studies[s], id, arm_ids) &&
           (s != 0 || exclude_one (&d, id));
    }
  if (ok && options->extra_mice > 0)
    ok = add_big_lab (&d, options->extra_mice);
  pdx_db_set_reason (db, NULL);
  g_rand_free (d.rand);
  if (!ok)
    {
      pdx_db_rollback (db);
      return FALSE;
    }
  return pdx_db_commit (db, error);
}
