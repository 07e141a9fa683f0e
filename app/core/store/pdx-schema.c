/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-schema.c — the lab schema (SPEC §3) in one place, its forward migrations, the audit and
 * date-order triggers, and the integrity check.
 *
 * Invariants the schema itself enforces (so that no program, not even a buggy one of ours, can
 * break them): non-negative values; L >= W; neurological score 0..4; valid ISO dates; an
 * exclusion has a reason; unique codes and tags; a mouse's arm belongs to its study; no
 * measurement before the implant date or after the endpoint; the audit log is append-only.
 *
 * The audit log has one entry per insert, update and delete, written by triggers, except for
 * the rows a bulk import inserts (pdx_db_set_bulk): the importer writes one 'import' entry per
 * study instead — who, when, which file, how many rows and their id range. Those rows are then
 * audited one by one like any other on every later update or delete, with their old values, so
 * each row's whole history stays recoverable. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx-store-private.h"
#include "pdx/pdx-plausible.h" /* the plausible ranges, for check */

#include <string.h>

const char *pdx_db_get_reason_internal (PdxDb *db);

/* The schema's SQL is laid out as SQL, one column or clause a line: clang-format keeps out. */
/* clang-format off */

/* The date rule for new measurements; also restored by pdx_schema_restore_bulk_triggers. */
#define MEASUREMENT_DATES_INSERT_TRIGGER                                                          \
  "CREATE TRIGGER measurement_dates_insert BEFORE INSERT ON measurement BEGIN"                    \
  "  SELECT CASE WHEN NEW.date < m.implant_date"                                                  \
  "    THEN RAISE (ABORT, 'measurement date is before the mouse''s implant date')"                \
  "    WHEN NEW.date > e.date THEN RAISE (ABORT, 'measurement date is after the mouse''s endpoint')" \
  "    END FROM mouse m LEFT JOIN endpoint e ON e.mouse_id = m.id WHERE m.id = NEW.mouse_id; END;"

#define DATE_OK(c) "(" c " IS NULL OR (" c " GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(" c ") IS " c "))"

/* Version 1: the whole data model. */
static const char schema_v1[] =
  "CREATE TABLE patient ("
  "  id INTEGER PRIMARY KEY,"
  "  code TEXT NOT NULL UNIQUE CHECK (length(trim(code)) > 0),"
  "  sex TEXT CHECK (sex IN ('F', 'M')),"
  "  age_at_collection INTEGER CHECK (age_at_collection BETWEEN 0 AND 130),"
  "  primary_diagnosis TEXT,"
  "  her2_ihc TEXT CHECK (her2_ihc IN ('0', '1+', '2+', '3+')),"
  "  her2_ish TEXT CHECK (her2_ish IN ('amplified', 'not amplified', 'unknown')),"
  "  er TEXT CHECK (er IN ('positive', 'negative', 'unknown')),"
  "  pr TEXT CHECK (pr IN ('positive', 'negative', 'unknown')),"
  "  prior_treatments TEXT,"
  "  consent_to_share INTEGER NOT NULL DEFAULT 0 CHECK (consent_to_share IN (0, 1)),"
  "  notes TEXT);"
  "CREATE TABLE tumour_sample ("
  "  id INTEGER PRIMARY KEY,"
  "  patient_id INTEGER NOT NULL REFERENCES patient (id),"
  "  code TEXT NOT NULL UNIQUE CHECK (length(trim(code)) > 0),"
  "  collection_date TEXT CHECK " DATE_OK ("collection_date") ","
  "  tissue TEXT,"
  "  sample_type TEXT CHECK (sample_type IN ('primary', 'metastasis', 'recurrence')),"
  "  histology TEXT, grade TEXT, markers TEXT,"
  "  treatment_naive INTEGER NOT NULL DEFAULT 0 CHECK (treatment_naive IN (0, 1)));"
  "CREATE INDEX tumour_sample_patient ON tumour_sample (patient_id);"
  "CREATE TABLE line ("
  "  id INTEGER PRIMARY KEY,"
  "  code TEXT NOT NULL UNIQUE CHECK (length(trim(code)) > 0),"
  "  sample_id INTEGER REFERENCES tumour_sample (id),"
  "  host_strain TEXT,"
  "  established_date TEXT CHECK " DATE_OK ("established_date") ","
  "  passage INTEGER CHECK (passage >= 0),"
  "  engraftment_site TEXT,"
  "  luciferase INTEGER NOT NULL DEFAULT 0 CHECK (luciferase IN (0, 1)),"
  "  qc_human_origin INTEGER NOT NULL DEFAULT 0 CHECK (qc_human_origin IN (0, 1)),"
  "  qc_mouse_negative INTEGER NOT NULL DEFAULT 0 CHECK (qc_mouse_negative IN (0, 1)),"
  "  qc_ebv_negative INTEGER NOT NULL DEFAULT 0 CHECK (qc_ebv_negative IN (0, 1)),"
  "  alterations TEXT,"
  "  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'banked', 'retired')),"
  "  notes TEXT);"
  "CREATE INDEX line_sample ON line (sample_id);"
  "CREATE TABLE study ("
  "  id INTEGER PRIMARY KEY,"
  "  code TEXT NOT NULL UNIQUE CHECK (length(trim(code)) > 0),"
  "  title TEXT,"
  "  line_id INTEGER REFERENCES line (id),"
  "  passage INTEGER CHECK (passage >= 0),"
  "  implant_site TEXT CHECK (implant_site IN ('intracranial-striatum', 'intracranial-other',"
  "    'intracarotid', 'intracardiac', 'mammary fat pad', 'subcutaneous')),"
  "  implant_material TEXT CHECK (implant_material IN ('cells', 'fragment')),"
  "  implant_amount TEXT,"
  "  readout TEXT NOT NULL CHECK (readout IN ('bli_flux', 'mri_volume', 'caliper_volume')),"
  "  day0 TEXT NOT NULL CHECK " DATE_OK ("day0") ","
  "  protocol TEXT, investigator TEXT,"
  "  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('planned', 'active', 'completed')),"
  "  notes TEXT);"
  "CREATE INDEX study_line ON study (line_id);"
  "CREATE TABLE arm ("
  "  id INTEGER PRIMARY KEY,"
  "  study_id INTEGER NOT NULL REFERENCES study (id),"
  "  name TEXT NOT NULL CHECK (length(trim(name)) > 0),"
  "  is_control INTEGER NOT NULL DEFAULT 0 CHECK (is_control IN (0, 1)),"
  "  colour TEXT CHECK (colour IS NULL OR colour GLOB '#[0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F]'),"
  "  UNIQUE (study_id, name));"
  "CREATE TABLE agent ("
  "  id INTEGER PRIMARY KEY,"
  "  arm_id INTEGER NOT NULL REFERENCES arm (id) ON DELETE CASCADE,"
  "  drug TEXT NOT NULL CHECK (length(trim(drug)) > 0),"
  "  dose REAL CHECK (dose >= 0),"
  "  unit TEXT, route TEXT, schedule TEXT,"
  "  first_day INTEGER, last_day INTEGER,"
  "  CHECK (first_day IS NULL OR last_day IS NULL OR last_day >= first_day));"
  "CREATE INDEX agent_arm ON agent (arm_id);"
  "CREATE TABLE mouse ("
  "  id INTEGER PRIMARY KEY,"
  "  study_id INTEGER NOT NULL REFERENCES study (id),"
  "  arm_id INTEGER REFERENCES arm (id),"
  "  tag TEXT NOT NULL CHECK (length(trim(tag)) > 0),"
  "  cage TEXT,"
  "  sex TEXT CHECK (sex IN ('F', 'M')),"
  "  strain TEXT,"
  "  birth_date TEXT CHECK " DATE_OK ("birth_date") ","
  "  implant_date TEXT CHECK " DATE_OK ("implant_date") ","
  "  excluded INTEGER NOT NULL DEFAULT 0 CHECK (excluded IN (0, 1)),"
  "  exclusion_reason TEXT,"
  "  CHECK (excluded = 0 OR length(trim(exclusion_reason)) > 0),"
  "  CHECK (birth_date IS NULL OR implant_date IS NULL OR birth_date <= implant_date),"
  "  UNIQUE (study_id, tag));"
  "CREATE INDEX mouse_arm ON mouse (arm_id);"
  "CREATE TABLE measurement ("
  "  id INTEGER PRIMARY KEY,"
  "  mouse_id INTEGER NOT NULL REFERENCES mouse (id),"
  "  date TEXT NOT NULL CHECK " DATE_OK ("date") ","
  "  operator TEXT, note TEXT,"
  "  length_mm REAL CHECK (length_mm >= 0),"
  "  width_mm REAL CHECK (width_mm >= 0),"
  "  volume_mm3 REAL CHECK (volume_mm3 >= 0),"
  "  bli_flux REAL CHECK (bli_flux >= 0),"
  "  mri_volume_mm3 REAL CHECK (mri_volume_mm3 >= 0),"
  "  weight_g REAL CHECK (weight_g > 0),"
  "  neuro_score INTEGER CHECK (neuro_score BETWEEN 0 AND 4),"
  "  CHECK (length_mm IS NULL OR width_mm IS NULL OR length_mm >= width_mm),"
  "  CHECK (coalesce(length_mm, width_mm, volume_mm3, bli_flux, mri_volume_mm3, weight_g,"
  "                  neuro_score, note) IS NOT NULL),"
  "  UNIQUE (mouse_id, date));"
  "CREATE TABLE endpoint ("
  "  id INTEGER PRIMARY KEY,"
  "  mouse_id INTEGER NOT NULL UNIQUE REFERENCES mouse (id),"
  "  date TEXT NOT NULL CHECK " DATE_OK ("date") ","
  "  kind TEXT NOT NULL CHECK (kind IN ('found_dead', 'humane_neuro', 'humane_weight',"
  "    'end_of_study', 'other')),"
  "  is_event INTEGER NOT NULL CHECK (is_event IN (0, 1)),"
  "  note TEXT);"
  "CREATE TABLE audit_log ("
  "  id INTEGER PRIMARY KEY,"
  "  time TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),"
  "  operator TEXT,"
  "  table_name TEXT NOT NULL,"
  "  row_id INTEGER NOT NULL,"
  "  action TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete', 'import')),"
  "  old_values TEXT, new_values TEXT, reason TEXT);"
  "CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log"
  "  BEGIN SELECT RAISE (ABORT, 'the audit log is append-only'); END;"
  "CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log"
  "  BEGIN SELECT RAISE (ABORT, 'the audit log is append-only'); END;"
  /* A mouse's arm belongs to its study. */
  "CREATE TRIGGER mouse_arm_study_insert BEFORE INSERT ON mouse WHEN NEW.arm_id IS NOT NULL"
  "  AND (SELECT study_id FROM arm WHERE id = NEW.arm_id) IS NOT NEW.study_id"
  "  BEGIN SELECT RAISE (ABORT, 'the arm belongs to another study'); END;"
  "CREATE TRIGGER mouse_arm_study_update BEFORE UPDATE OF arm_id, study_id ON mouse"
  "  WHEN NEW.arm_id IS NOT NULL"
  "  AND (SELECT study_id FROM arm WHERE id = NEW.arm_id) IS NOT NEW.study_id"
  "  BEGIN SELECT RAISE (ABORT, 'the arm belongs to another study'); END;"
  /* Dates in order: implant <= measurements <= endpoint. */
  /* One lookup per row (mouse joined to its endpoint): this trigger runs for every imported
   * measurement. */
  MEASUREMENT_DATES_INSERT_TRIGGER
  "CREATE TRIGGER measurement_dates_update BEFORE UPDATE OF date, mouse_id ON measurement BEGIN"
  "  SELECT CASE WHEN NEW.date < m.implant_date"
  "    THEN RAISE (ABORT, 'measurement date is before the mouse''s implant date')"
  "    WHEN NEW.date > e.date THEN RAISE (ABORT, 'measurement date is after the mouse''s endpoint')"
  "    END FROM mouse m LEFT JOIN endpoint e ON e.mouse_id = m.id WHERE m.id = NEW.mouse_id; END;"
  "CREATE TRIGGER endpoint_dates_insert BEFORE INSERT ON endpoint BEGIN"
  "  SELECT RAISE (ABORT, 'endpoint date is before the mouse''s implant date')"
  "    WHERE NEW.date < (SELECT implant_date FROM mouse WHERE id = NEW.mouse_id);"
  "  SELECT RAISE (ABORT, 'endpoint date is before a measurement of the mouse')"
  "    WHERE NEW.date < (SELECT max(date) FROM measurement WHERE mouse_id = NEW.mouse_id); END;"
  "CREATE TRIGGER endpoint_dates_update BEFORE UPDATE OF date, mouse_id ON endpoint BEGIN"
  "  SELECT RAISE (ABORT, 'endpoint date is before the mouse''s implant date')"
  "    WHERE NEW.date < (SELECT implant_date FROM mouse WHERE id = NEW.mouse_id);"
  "  SELECT RAISE (ABORT, 'endpoint date is before a measurement of the mouse')"
  "    WHERE NEW.date < (SELECT max(date) FROM measurement WHERE mouse_id = NEW.mouse_id); END;"
  "CREATE TRIGGER mouse_implant_update BEFORE UPDATE OF implant_date ON mouse BEGIN"
  "  SELECT RAISE (ABORT, 'implant date is after a measurement of the mouse')"
  "    WHERE NEW.implant_date > (SELECT min(date) FROM measurement WHERE mouse_id = NEW.id);"
  "  SELECT RAISE (ABORT, 'implant date is after the mouse''s endpoint')"
  "    WHERE NEW.implant_date > (SELECT date FROM endpoint WHERE mouse_id = NEW.id); END;";

/* Version 2: the audit log records the study and mouse each change concerns, so the History
 * view filters without joins over deleted rows. */
static const char schema_v2[] =
  "ALTER TABLE audit_log ADD COLUMN study_id INTEGER;"
  "ALTER TABLE audit_log ADD COLUMN mouse_id INTEGER;"
  "CREATE INDEX audit_log_study ON audit_log (study_id, id);"
  "CREATE INDEX audit_log_mouse ON audit_log (mouse_id, id);";

/* Version 3: the hash chain (docs/audit-trail.md). audit_log is rebuilt, ids kept, because its
 * action CHECK grows ('migrate'): operator is now the login and operator_name the display name
 * beside it (the entries before keep their typed name in operator_name, operator NULL), and
 * each entry carries prev_hash and hash, set by the chain trigger (pdx_audit_link () of
 * pdx-chain.c). The copy into the new table fires that trigger, so the entries before the chain
 * are chained in id order; pdx_chain_write_migrate_entry () then says so. The audited tables'
 * triggers are dropped first (they name audit_log) and recreated after every step. */
static const char schema_v3[] =
  "DROP TRIGGER audit_log_append_only_update;"
  "DROP TRIGGER audit_log_append_only_delete;"
  "DROP INDEX audit_log_study;"
  "DROP INDEX audit_log_mouse;"
  "ALTER TABLE audit_log RENAME TO audit_log_v2;"
  "CREATE TABLE audit_log ("
  "  id INTEGER PRIMARY KEY,"
  "  time TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),"
  "  operator TEXT,"
  "  operator_name TEXT,"
  "  table_name TEXT NOT NULL,"
  "  row_id INTEGER NOT NULL,"
  "  action TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete', 'import', 'migrate')),"
  "  old_values TEXT,"
  "  new_values TEXT,"
  "  reason TEXT,"
  "  study_id INTEGER,"
  "  mouse_id INTEGER,"
  "  prev_hash TEXT,"
  "  hash TEXT);"
  "CREATE INDEX audit_log_study ON audit_log (study_id, id);"
  "CREATE INDEX audit_log_mouse ON audit_log (mouse_id, id);"
  /* The one UPDATE the log allows: the chain trigger's, setting prev_hash and hash of an entry
   * that has none, nothing else changing. */
  "CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log"
  "  WHEN NOT (OLD.hash IS NULL AND OLD.prev_hash IS NULL AND NEW.hash IS NOT NULL"
  "    AND NEW.id IS OLD.id AND NEW.time IS OLD.time AND NEW.operator IS OLD.operator"
  "    AND NEW.operator_name IS OLD.operator_name AND NEW.table_name IS OLD.table_name"
  "    AND NEW.row_id IS OLD.row_id AND NEW.action IS OLD.action"
  "    AND NEW.old_values IS OLD.old_values AND NEW.new_values IS OLD.new_values"
  "    AND NEW.reason IS OLD.reason AND NEW.study_id IS OLD.study_id"
  "    AND NEW.mouse_id IS OLD.mouse_id)"
  "  BEGIN SELECT RAISE (ABORT, 'the audit log is append-only'); END;"
  "CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log"
  "  BEGIN SELECT RAISE (ABORT, 'the audit log is append-only'); END;"
  /* The chain: the new entry links to the one before it (64 zeros for the first; "" when
   * that one has no hash, which verify reports) and gets the hash of its canonical content. */
  "CREATE TRIGGER audit_log_chain AFTER INSERT ON audit_log BEGIN"
  "  UPDATE audit_log SET (prev_hash, hash) = (SELECT p, pdx_audit_link (p, NEW.id, NEW.time,"
  "      NEW.operator, NEW.operator_name, NEW.table_name, NEW.row_id, NEW.action,"
  "      NEW.old_values, NEW.new_values, NEW.reason, NEW.study_id, NEW.mouse_id)"
  "    FROM (SELECT coalesce ((SELECT coalesce (hash, '') FROM audit_log WHERE id < NEW.id"
  "      ORDER BY id DESC LIMIT 1), '" PDX_CHAIN_ZERO_HASH "') AS p))"
  "  WHERE id = NEW.id; END;"
  "INSERT INTO audit_log (id, time, operator, operator_name, table_name, row_id, action,"
  "  old_values, new_values, reason, study_id, mouse_id)"
  "  SELECT id, time, NULL, operator, table_name, row_id, action, old_values, new_values,"
  "  reason, study_id, mouse_id FROM audit_log_v2 ORDER BY id;"
  "DROP TABLE audit_log_v2;";

/* Version 4: electronic signatures and locked studies (docs/signatures.md). A signature row is
 * never changed or deleted; it is audited (so in the chain) by the audit triggers. A study is
 * locked while lock_signature_id names its lock signature; the lock triggers (pdx-schema-lock.c,
 * made with the audit triggers) refuse every write to a locked study's rows. */
static const char schema_v4[] =
  "CREATE TABLE signature ("
  "  id INTEGER PRIMARY KEY,"
  "  study_id INTEGER NOT NULL REFERENCES study (id),"
  "  meaning TEXT NOT NULL CHECK (meaning IN ('review', 'approve', 'lock', 'unlock')),"
  "  login TEXT NOT NULL CHECK (length(login) > 0),"
  "  name TEXT,"
  "  time TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),"
  "  seal_seq INTEGER NOT NULL CHECK (seal_seq >= 0),"
  "  seal_hash TEXT NOT NULL,"
  "  reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),"
  "  reauthenticated INTEGER NOT NULL CHECK (reauthenticated IN (0, 1)),"
  "  method TEXT NOT NULL CHECK (length(method) > 0));"
  "CREATE INDEX signature_study ON signature (study_id, id);"
  "CREATE TRIGGER signature_append_only_update BEFORE UPDATE ON signature"
  "  BEGIN SELECT RAISE (ABORT, 'a signature can never be changed'); END;"
  "CREATE TRIGGER signature_append_only_delete BEFORE DELETE ON signature"
  "  BEGIN SELECT RAISE (ABORT, 'a signature can never be deleted'); END;"
  "ALTER TABLE study ADD COLUMN lock_signature_id INTEGER REFERENCES signature (id);";

/* Version 5: the study's life and the measurement's exclusion (issue 13, docs/study-lifecycle.md).
 *
 * The study's status gains 'terminated'. SQLite cannot alter a CHECK, so the study table is
 * rebuilt as SQLite's documentation prescribes ("Making Other Kinds Of Table Schema Changes"):
 * foreign keys are off for the whole migration (pdx-db.c's migrate (), outside its transaction),
 * the triggers that name the study are dropped first (migrate_v5 (); the audit and lock triggers
 * come back from the current columns after every step), the new table gets every row with its id,
 * the old one goes, the new one takes its name, its index is made again, and the foreign keys
 * that point at it (arm, mouse, signature, study_status_change) are checked before the step
 * ends. The column order is the old one, so each row's audit JSON keeps its keys.
 *
 * study_status_change: one row per change of a study's status, dated by the person (the day it
 * happened, not the day it was typed); a termination has its reason. The study's status column
 * is the newest change's status: study_status_set refuses any other. Audited and locked with the
 * study's other rows.
 *
 * measurement.excluded / exclusion_reason: one measurement left out of every statistic, with
 * its reason, like mouse.excluded; added columns (no rebuild of the largest table). */
static const char schema_v5[] =
  "CREATE TABLE study_new ("
  "  id INTEGER PRIMARY KEY,"
  "  code TEXT NOT NULL UNIQUE CHECK (length(trim(code)) > 0),"
  "  title TEXT,"
  "  line_id INTEGER REFERENCES line (id),"
  "  passage INTEGER CHECK (passage >= 0),"
  "  implant_site TEXT CHECK (implant_site IN ('intracranial-striatum', 'intracranial-other',"
  "    'intracarotid', 'intracardiac', 'mammary fat pad', 'subcutaneous')),"
  "  implant_material TEXT CHECK (implant_material IN ('cells', 'fragment')),"
  "  implant_amount TEXT,"
  "  readout TEXT NOT NULL CHECK (readout IN ('bli_flux', 'mri_volume', 'caliper_volume')),"
  "  day0 TEXT NOT NULL CHECK " DATE_OK ("day0") ","
  "  protocol TEXT, investigator TEXT,"
  "  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('planned', 'active', 'completed',"
  "    'terminated')),"
  "  notes TEXT,"
  "  lock_signature_id INTEGER REFERENCES signature (id));"
  "INSERT INTO study_new (id, code, title, line_id, passage, implant_site, implant_material,"
  "  implant_amount, readout, day0, protocol, investigator, status, notes, lock_signature_id)"
  "  SELECT id, code, title, line_id, passage, implant_site, implant_material, implant_amount,"
  "  readout, day0, protocol, investigator, status, notes, lock_signature_id FROM study"
  "  ORDER BY id;"
  "DROP TABLE study;"
  "ALTER TABLE study_new RENAME TO study;"
  "CREATE INDEX study_line ON study (line_id);"
  "CREATE TABLE study_status_change ("
  "  id INTEGER PRIMARY KEY,"
  "  study_id INTEGER NOT NULL REFERENCES study (id),"
  "  status TEXT NOT NULL CHECK (status IN ('planned', 'active', 'completed', 'terminated')),"
  "  date TEXT NOT NULL CHECK " DATE_OK ("date") ","
  "  reason TEXT,"
  "  CHECK (status != 'terminated' OR length(trim(coalesce(reason, ''))) > 0));"
  "CREATE INDEX study_status_change_study ON study_status_change (study_id, id);"
  /* In order: a change is not dated before the study's change before it. */
  "CREATE TRIGGER study_status_change_order BEFORE INSERT ON study_status_change"
  "  WHEN NEW.date < (SELECT date FROM study_status_change WHERE study_id = NEW.study_id"
  "    ORDER BY id DESC LIMIT 1)"
  "  BEGIN SELECT RAISE (ABORT, 'a status change is dated before the study''s change before it');"
  "  END;"
  /* The study's status is its newest change's: written after that change, never alone. */
  "CREATE TRIGGER study_status_set BEFORE UPDATE OF status ON study"
  "  WHEN NEW.status IS NOT OLD.status AND NEW.status IS NOT (SELECT status"
  "    FROM study_status_change WHERE study_id = NEW.id ORDER BY id DESC LIMIT 1)"
  "  BEGIN SELECT RAISE (ABORT, 'a study''s status changes only with a dated status change');"
  "  END;"
  "ALTER TABLE measurement ADD COLUMN excluded INTEGER NOT NULL DEFAULT 0"
  "  CHECK (excluded IN (0, 1));"
  "ALTER TABLE measurement ADD COLUMN exclusion_reason TEXT"
  "  CHECK (excluded = 0 OR length(trim(coalesce(exclusion_reason, ''))) > 0);";

/* Version 6: IVIS imaging (docs/import-ivis.md). An imaging session is one imported Living
 * Image export of a study: the file (name, size, SHA-256: the same bytes are never imported
 * twice) and the luminescent image's acquisition settings from the ClickInfo beside it. Each
 * ROI of the export that matched a mouse is kept with its measurement, whose BLI flux it is
 * part of: total flux, average radiance, the ROI's name, image number, view and time. */
static const char schema_v6[] =
  "CREATE TABLE imaging_session ("
  "  id INTEGER PRIMARY KEY,"
  "  study_id INTEGER NOT NULL REFERENCES study (id),"
  "  date TEXT NOT NULL CHECK " DATE_OK ("date") ","
  "  file TEXT NOT NULL CHECK (length(file) > 0),"
  "  size INTEGER NOT NULL CHECK (size >= 0),"
  "  sha256 TEXT CHECK (sha256 IS NULL OR length(sha256) = 64),"
  "  settings_file TEXT,"
  "  binning INTEGER CHECK (binning BETWEEN 1 AND 16),"
  "  exposure_s REAL CHECK (exposure_s > 0),"
  "  f_number REAL CHECK (f_number > 0),"
  "  field_of_view TEXT);"
  "CREATE INDEX imaging_session_study ON imaging_session (study_id, date);"
  "CREATE TABLE imaging_roi ("
  "  id INTEGER PRIMARY KEY,"
  "  measurement_id INTEGER NOT NULL REFERENCES measurement (id) ON DELETE CASCADE,"
  "  session_id INTEGER NOT NULL REFERENCES imaging_session (id),"
  "  roi TEXT NOT NULL CHECK (length(roi) > 0),"
  "  image_number TEXT,"
  "  view TEXT,"
  "  acquired TEXT,"
  "  total_flux REAL NOT NULL CHECK (total_flux >= 0),"
  "  avg_radiance REAL CHECK (avg_radiance >= 0));"
  "CREATE INDEX imaging_roi_measurement ON imaging_roi (measurement_id);"
  "CREATE INDEX imaging_roi_session ON imaging_roi (session_id);";

/* Version 7: an arm's place in its study (issue 13, docs/study-lifecycle.md): the order of
 * legends, tables and the palette, which the study's director may change. Every existing arm
 * gets 0, and arms are read in (position, control first, creation) order, so a lab keeps the
 * order it was shown in and no row's data changes (the audit trail's newest entry of each arm
 * still says what the row is); the first reorder numbers the study's arms, each change in the
 * trail. The step runs with the audit and lock triggers set aside (recreated after the last
 * step), since ALTER TABLE re-reads every trigger of the table. */
static const char schema_v7[] =
  "ALTER TABLE arm ADD COLUMN position INTEGER NOT NULL DEFAULT 0 CHECK (position >= 0);"
  "CREATE INDEX arm_study_position ON arm (study_id, position);";

/* Version 8: the model programme's lineage and cryobank (issue 16, docs/model-programme.md).
 *
 * graft: one passage event of a line, P0 from the patient's tumour sample (parent_graft_id NULL,
 * sample_id the sample), P(n+1) from a graft of P(n) of the same line that took; the host mouse,
 * the implant, and the outcome: pending until the tumour is detected (take, with its detected
 * date) or the graft is given up (no_take); a harvest date when the tumour or the mouse was
 * collected. vial: a frozen piece of a graft that took, with its place in the freezer (box of
 * 9×9 or 10×10, row and column 1..size): two vials in stock never share a place. thaw: a vial
 * taken out to be implanted again, its outcome, and the graft it started (of the next passage,
 * whose parent is the vial's graft); the vial is then thawed. mouse.graft_id: the graft a study's
 * mouse came from, of the study's line. */
static const char schema_v8[] =
  "CREATE TABLE graft ("
  "  id INTEGER PRIMARY KEY,"
  "  line_id INTEGER NOT NULL REFERENCES line (id),"
  "  passage INTEGER NOT NULL CHECK (passage >= 0),"
  "  parent_graft_id INTEGER REFERENCES graft (id),"
  "  sample_id INTEGER REFERENCES tumour_sample (id),"
  "  host_strain TEXT,"
  "  host_sex TEXT CHECK (host_sex IN ('F', 'M')),"
  "  host_label TEXT,"
  "  implant_date TEXT NOT NULL CHECK " DATE_OK ("implant_date") ","
  "  site TEXT CHECK (site IN ('intracranial-striatum', 'intracranial-other',"
  "    'intracarotid', 'intracardiac', 'mammary fat pad', 'subcutaneous')),"
  "  material TEXT NOT NULL CHECK (material IN ('fragment', 'cells')),"
  "  cell_count INTEGER CHECK (cell_count > 0),"
  "  outcome TEXT NOT NULL DEFAULT 'pending' CHECK (outcome IN ('pending', 'take', 'no_take')),"
  "  detected_date TEXT CHECK " DATE_OK ("detected_date") ","
  "  harvest_date TEXT CHECK " DATE_OK ("harvest_date") ","
  "  notes TEXT,"
  "  CHECK ((passage = 0) = (parent_graft_id IS NULL)),"
  "  CHECK (sample_id IS NULL OR passage = 0),"
  "  CHECK (cell_count IS NULL OR material = 'cells'),"
  "  CHECK ((outcome = 'take') = (detected_date IS NOT NULL)),"
  "  CHECK (outcome != 'no_take' OR harvest_date IS NOT NULL),"
  "  CHECK (detected_date IS NULL OR detected_date >= implant_date),"
  "  CHECK (harvest_date IS NULL OR harvest_date >= implant_date),"
  "  CHECK (harvest_date IS NULL OR detected_date IS NULL OR harvest_date >= detected_date));"
  "CREATE INDEX graft_line ON graft (line_id, passage);"
  "CREATE INDEX graft_parent ON graft (parent_graft_id);"
  /* A graft's donor: a graft of the same line, one passage before, that took. */
  "CREATE TRIGGER graft_parent_insert BEFORE INSERT ON graft WHEN NEW.parent_graft_id IS NOT NULL"
  "  BEGIN SELECT CASE"
  "    WHEN p.line_id IS NOT NEW.line_id THEN RAISE (ABORT, 'the parent graft is of another line')"
  "    WHEN NEW.passage IS NOT p.passage + 1"
  "      THEN RAISE (ABORT, 'a graft''s passage is its parent graft''s passage + 1')"
  "    WHEN p.outcome IS NOT 'take' THEN RAISE (ABORT, 'the parent graft did not take')"
  "    WHEN NEW.implant_date < p.implant_date"
  "      THEN RAISE (ABORT, 'a graft is implanted before its parent graft') END"
  "    FROM graft p WHERE p.id = NEW.parent_graft_id; END;"
  "CREATE TRIGGER graft_parent_update BEFORE UPDATE OF line_id, passage, parent_graft_id,"
  "  implant_date ON graft WHEN NEW.parent_graft_id IS NOT NULL"
  "  BEGIN SELECT CASE"
  "    WHEN p.line_id IS NOT NEW.line_id THEN RAISE (ABORT, 'the parent graft is of another line')"
  "    WHEN NEW.passage IS NOT p.passage + 1"
  "      THEN RAISE (ABORT, 'a graft''s passage is its parent graft''s passage + 1')"
  "    WHEN p.outcome IS NOT 'take' THEN RAISE (ABORT, 'the parent graft did not take')"
  "    WHEN NEW.implant_date < p.implant_date"
  "      THEN RAISE (ABORT, 'a graft is implanted before its parent graft') END"
  "    FROM graft p WHERE p.id = NEW.parent_graft_id; END;"
  /* What came of a graft keeps it: its line and passage, and its take while it is a donor. */
  "CREATE TRIGGER graft_donor_update BEFORE UPDATE OF line_id, passage, outcome ON graft"
  "  WHEN (NEW.outcome IS NOT 'take' OR NEW.line_id IS NOT OLD.line_id"
  "    OR NEW.passage IS NOT OLD.passage)"
  "  AND (EXISTS (SELECT 1 FROM graft WHERE parent_graft_id = NEW.id)"
  "    OR EXISTS (SELECT 1 FROM vial WHERE graft_id = NEW.id))"
  "  BEGIN SELECT RAISE (ABORT, 'grafts or vials come from this graft: its line, passage and take"
  " stay'); END;"
  "CREATE TABLE vial ("
  "  id INTEGER PRIMARY KEY,"
  "  line_id INTEGER NOT NULL REFERENCES line (id),"
  "  passage INTEGER NOT NULL CHECK (passage >= 0),"
  "  graft_id INTEGER NOT NULL REFERENCES graft (id),"
  "  material TEXT NOT NULL CHECK (material IN ('fragment', 'cells')),"
  "  frozen_date TEXT NOT NULL CHECK " DATE_OK ("frozen_date") ","
  "  frozen_by TEXT,"
  "  freezer TEXT,"
  "  rack TEXT,"
  "  box TEXT,"
  "  box_size INTEGER CHECK (box_size IN (9, 10)),"
  "  position_row INTEGER,"
  "  position_col INTEGER,"
  "  status TEXT NOT NULL DEFAULT 'in_stock' CHECK (status IN ('in_stock', 'thawed',"
  "    'discarded', 'shipped')),"
  "  notes TEXT,"
  "  CHECK ((box IS NULL) = (box_size IS NULL)),"
  "  CHECK ((position_row IS NULL) = (position_col IS NULL)),"
  "  CHECK (position_row IS NULL OR (box_size IS NOT NULL"
  "    AND position_row BETWEEN 1 AND box_size AND position_col BETWEEN 1 AND box_size)));"
  "CREATE INDEX vial_line ON vial (line_id, passage);"
  "CREATE INDEX vial_graft ON vial (graft_id);"
  /* One vial in stock per place of a box. */
  "CREATE UNIQUE INDEX vial_position ON vial (coalesce (freezer, ''), coalesce (rack, ''), box,"
  "  position_row, position_col) WHERE status = 'in_stock' AND position_row IS NOT NULL;"
  /* A vial is a piece of a graft of its line and passage that took, frozen after the implant. */
  "CREATE TRIGGER vial_graft_insert BEFORE INSERT ON vial BEGIN SELECT CASE"
  "    WHEN g.line_id IS NOT NEW.line_id OR g.passage IS NOT NEW.passage"
  "      THEN RAISE (ABORT, 'a vial is of its graft''s line and passage')"
  "    WHEN g.outcome IS NOT 'take' THEN RAISE (ABORT, 'a vial''s graft did not take')"
  "    WHEN NEW.frozen_date < g.implant_date"
  "      THEN RAISE (ABORT, 'a vial is frozen before its graft was implanted') END"
  "    FROM graft g WHERE g.id = NEW.graft_id; END;"
  "CREATE TRIGGER vial_graft_update BEFORE UPDATE OF line_id, passage, graft_id, frozen_date"
  "  ON vial BEGIN SELECT CASE"
  "    WHEN g.line_id IS NOT NEW.line_id OR g.passage IS NOT NEW.passage"
  "      THEN RAISE (ABORT, 'a vial is of its graft''s line and passage')"
  "    WHEN g.outcome IS NOT 'take' THEN RAISE (ABORT, 'a vial''s graft did not take')"
  "    WHEN NEW.frozen_date < g.implant_date"
  "      THEN RAISE (ABORT, 'a vial is frozen before its graft was implanted') END"
  "    FROM graft g WHERE g.id = NEW.graft_id; END;"
  /* A thawed vial stays thawed. */
  "CREATE TRIGGER vial_thawed_update BEFORE UPDATE OF status ON vial"
  "  WHEN (OLD.status = 'thawed') != (NEW.status = 'thawed')"
  "    AND (NEW.status != 'thawed' OR NOT EXISTS (SELECT 1 FROM thaw WHERE vial_id = NEW.id))"
  "  BEGIN SELECT RAISE (ABORT, 'a vial is thawed with its thaw record, and stays thawed'); END;"
  "CREATE TABLE thaw ("
  "  id INTEGER PRIMARY KEY,"
  "  vial_id INTEGER NOT NULL UNIQUE REFERENCES vial (id),"
  "  date TEXT NOT NULL CHECK " DATE_OK ("date") ","
  "  outcome TEXT NOT NULL DEFAULT 'pending' CHECK (outcome IN ('took', 'did_not', 'pending')),"
  "  graft_id INTEGER UNIQUE REFERENCES graft (id),"
  "  notes TEXT);"
  /* A thaw takes a vial in stock, after it was frozen; the graft it started is of the vial's
   * line, one passage on, from the vial's graft, implanted on or after the thaw. */
  "CREATE TRIGGER thaw_vial_insert BEFORE INSERT ON thaw BEGIN SELECT CASE"
  "    WHEN v.status IS NOT 'in_stock' THEN RAISE (ABORT, 'the vial is not in stock')"
  "    WHEN NEW.date < v.frozen_date THEN RAISE (ABORT, 'a vial is thawed before it was frozen')"
  "    END FROM vial v WHERE v.id = NEW.vial_id; END;"
  "CREATE TRIGGER thaw_graft_insert BEFORE INSERT ON thaw WHEN NEW.graft_id IS NOT NULL"
  "  BEGIN SELECT CASE"
  "    WHEN g.line_id IS NOT v.line_id OR g.passage IS NOT v.passage + 1"
  "      OR g.parent_graft_id IS NOT v.graft_id"
  "      THEN RAISE (ABORT, 'a thaw''s graft is the next passage of the vial''s graft')"
  "    WHEN g.implant_date < NEW.date THEN RAISE (ABORT, 'a thaw''s graft is implanted before"
  " the thaw') END"
  "    FROM vial v, graft g WHERE v.id = NEW.vial_id AND g.id = NEW.graft_id; END;"
  "CREATE TRIGGER thaw_graft_update BEFORE UPDATE OF vial_id, graft_id, date ON thaw"
  "  WHEN NEW.graft_id IS NOT NULL BEGIN SELECT CASE"
  "    WHEN g.line_id IS NOT v.line_id OR g.passage IS NOT v.passage + 1"
  "      OR g.parent_graft_id IS NOT v.graft_id"
  "      THEN RAISE (ABORT, 'a thaw''s graft is the next passage of the vial''s graft')"
  "    WHEN g.implant_date < NEW.date THEN RAISE (ABORT, 'a thaw''s graft is implanted before"
  " the thaw') END"
  "    FROM vial v, graft g WHERE v.id = NEW.vial_id AND g.id = NEW.graft_id; END;"
  "ALTER TABLE mouse ADD COLUMN graft_id INTEGER REFERENCES graft (id);"
  "CREATE INDEX mouse_graft ON mouse (graft_id);"
  /* A study's mouse came from a graft of the study's line. */
  "CREATE TRIGGER mouse_graft_insert BEFORE INSERT ON mouse WHEN NEW.graft_id IS NOT NULL"
  "  AND (SELECT line_id FROM graft WHERE id = NEW.graft_id)"
  "    IS NOT (SELECT coalesce (line_id, (SELECT line_id FROM graft WHERE id = NEW.graft_id))"
  "    FROM study WHERE id = NEW.study_id)"
  "  BEGIN SELECT RAISE (ABORT, 'the mouse''s graft is of another line than its study'); END;"
  "CREATE TRIGGER mouse_graft_update BEFORE UPDATE OF graft_id, study_id ON mouse"
  "  WHEN NEW.graft_id IS NOT NULL"
  "  AND (SELECT line_id FROM graft WHERE id = NEW.graft_id)"
  "    IS NOT (SELECT coalesce (line_id, (SELECT line_id FROM graft WHERE id = NEW.graft_id))"
  "    FROM study WHERE id = NEW.study_id)"
  "  BEGIN SELECT RAISE (ABORT, 'the mouse''s graft is of another line than its study'); END;";

/* clang-format on */

/* The audited tables and, per version, how to find the study and mouse a row concerns (R is
 * NEW or OLD); from which schema version a table exists; whether a lock of its study locks its
 * rows (schema 4 on: the lock triggers of pdx-schema-lock.c; the study's own are special). */
typedef struct
{
  const char *table;
  const char *study_expr; /* printf with %s = R (at most once) */
  const char *mouse_expr;
  int         since;
  gboolean    lockable;
} AuditedTable;

static const AuditedTable audited[] = {
  { "patient", "NULL", "NULL", 1, FALSE },
  { "tumour_sample", "NULL", "NULL", 1, FALSE },
  { "line", "NULL", "NULL", 1, FALSE },
  { "study", "%s.id", "NULL", 1, FALSE },
  { "arm", "%s.study_id", "NULL", 1, TRUE },
  { "agent", "(SELECT study_id FROM arm WHERE id = %s.arm_id)", "NULL", 1, TRUE },
  { "mouse", "%s.study_id", "%s.id", 1, TRUE },
  { "measurement", "(SELECT study_id FROM mouse WHERE id = %s.mouse_id)", "%s.mouse_id", 1, TRUE },
  { "endpoint", "(SELECT study_id FROM mouse WHERE id = %s.mouse_id)", "%s.mouse_id", 1, TRUE },
  /* Signatures are the study director's, not the study's data: an unlock is one. */
  { "signature", "%s.study_id", "NULL", 4, FALSE },
  { "study_status_change", "%s.study_id", "NULL", 5, TRUE },
  { "imaging_session", "%s.study_id", "NULL", 6, TRUE },
  { "imaging_roi", "(SELECT study_id FROM imaging_session WHERE id = %s.session_id)",
    "(SELECT mouse_id FROM measurement WHERE id = %s.measurement_id)", 6, TRUE },
  /* The model programme's rows are the line's, not a study's: no study locks them. */
  { "graft", "NULL", "NULL", 8, FALSE },
  { "vial", "NULL", "NULL", 8, FALSE },
  { "thaw", "NULL", "NULL", 8, FALSE },
};

static GPtrArray *
table_columns (PdxDb *db, const char *table)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA table_info (%s)", table);
  sqlite3_stmt    *stmt = NULL;
  GPtrArray       *columns = g_ptr_array_new_with_free_func (g_free);

  if (sqlite3_prepare_v2 (pdx_db_get_handle (db), sql, -1, &stmt, NULL) == SQLITE_OK)
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_ptr_array_add (columns, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
  sqlite3_finalize (stmt);
  return columns;
}

static char *
json_of (GPtrArray *columns, const char *row)
{
  GString *out = g_string_new ("json_object(");
  for (guint i = 0; i < columns->len; i++)
    {
      const char *c = g_ptr_array_index (columns, i);
      g_string_append_printf (out, "%s'%s', %s.%s", i ? ", " : "", c, row, c);
    }
  g_string_append_c (out, ')');
  return g_string_free (out, FALSE);
}

static char *
changed_of (GPtrArray *columns)
{
  GString *out = g_string_new (NULL);
  for (guint i = 0; i < columns->len; i++)
    {
      const char *c = g_ptr_array_index (columns, i);
      g_string_append_printf (out, "%sOLD.%s IS NOT NEW.%s", i ? " OR " : "", c, c);
    }
  return g_string_free (out, FALSE);
}

/* The SQL pieces of one audited table's triggers: the audit_log columns beyond the common ones
 * (", study_id, mouse_id" or ""), their values for NEW and OLD rows, the row as JSON for NEW and
 * OLD, and the condition under which an update changed anything. */
typedef struct
{
  char *extra_cols, *extra_new, *extra_old;
  char *new_json, *old_json, *changed;
  char *guard_update, *guard_delete; /* run before an update's or delete's entry, or "" */
} AuditParts;

static void
audit_parts_clear (AuditParts *parts)
{
  g_free (parts->extra_cols);
  g_free (parts->extra_new);
  g_free (parts->extra_old);
  g_free (parts->new_json);
  g_free (parts->old_json);
  g_free (parts->changed);
  g_free (parts->guard_update);
  g_free (parts->guard_delete);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (AuditParts, audit_parts_clear)

/* Whether an update changes a value the row had: some column other than id and operator (who
 * typed it) was not NULL and is now different. A value added to an empty column is new. */
static char *
saved_value_changed_of (GPtrArray *columns)
{
  GString *out = g_string_new (NULL);
  for (guint i = 0; i < columns->len; i++)
    {
      const char *c = g_ptr_array_index (columns, i);
      if (g_str_equal (c, "id") || g_str_equal (c, "operator"))
        continue;
      g_string_append_printf (out, "%s(OLD.%s IS NOT NULL AND OLD.%s IS NOT NEW.%s)",
                              out->len ? " OR " : "", c, c, c);
    }
  return g_string_free (out, FALSE);
}

/* Schema 3 on, the net under the model's reason rule (issue 12, "Why"): an update that changes a
 * saved value, or a delete, of a measurement or an endpoint is refused without a reason. The
 * model refuses first, naming the values; this catches every other writer. */
static void
set_reason_guard (AuditParts *parts, const char *table, GPtrArray *columns, int version)
{
  g_autofree char *changed = NULL;

  if (version < 3 || (!g_str_equal (table, "measurement") && !g_str_equal (table, "endpoint")))
    {
      parts->guard_update = g_strdup ("");
      parts->guard_delete = g_strdup ("");
      return;
    }
  changed = saved_value_changed_of (columns);
  parts->guard_update = g_strdup_printf (
      " SELECT RAISE (ABORT, 'changing or deleting a saved %s needs a reason; nothing was"
      " changed') WHERE pdx_reason () IS NULL AND (%s);",
      table, changed);
  parts->guard_delete = g_strdup_printf (
      " SELECT RAISE (ABORT, 'changing or deleting a saved %s needs a reason; nothing was"
      " changed') WHERE pdx_reason () IS NULL;",
      table);
}

/* Appends to @sql the statements that drop and create the three audit triggers of table @t. */
static void
append_audit_triggers (GString *sql, const char *t, const AuditParts *p)
{
  g_string_append_printf (
      sql,
      "DROP TRIGGER IF EXISTS audit_%s_insert; DROP TRIGGER IF EXISTS audit_%s_update;"
      "DROP TRIGGER IF EXISTS audit_%s_delete;",
      t, t, t);
  g_string_append_printf (
      sql,
      "CREATE TRIGGER audit_%s_insert AFTER INSERT ON %s WHEN pdx_audit_each_insert () BEGIN"
      " INSERT INTO audit_log (operator, table_name, row_id, action, new_values, reason%s)"
      " VALUES (pdx_operator (), '%s', NEW.id, 'insert', %s, pdx_reason ()%s); END;",
      t, t, p->extra_cols, t, p->new_json, p->extra_new);
  g_string_append_printf (
      sql,
      "CREATE TRIGGER audit_%s_update AFTER UPDATE ON %s WHEN %s BEGIN%s"
      " INSERT INTO audit_log (operator, table_name, row_id, action, old_values, new_values,"
      " reason%s) VALUES (pdx_operator (), '%s', NEW.id, 'update', %s, %s,"
      " pdx_reason ()%s); END;",
      t, t, p->changed, p->guard_update, p->extra_cols, t, p->old_json, p->new_json, p->extra_new);
  g_string_append_printf (
      sql,
      "CREATE TRIGGER audit_%s_delete AFTER DELETE ON %s BEGIN%s"
      " INSERT INTO audit_log (operator, table_name, row_id, action, old_values, reason%s)"
      " VALUES (pdx_operator (), '%s', OLD.id, 'delete', %s, pdx_reason ()%s); END;",
      t, t, p->guard_delete, p->extra_cols, t, p->old_json, p->extra_old);
}

/* Drops the audit triggers of every audited table (before a step rebuilds audit_log). */
static gboolean
drop_audit_triggers (PdxDb *db, GError **error)
{
  g_autoptr (GString) sql = g_string_new (NULL);

  for (gsize t = 0; t < G_N_ELEMENTS (audited); t++)
    g_string_append_printf (
        sql,
        "DROP TRIGGER IF EXISTS audit_%s_insert; DROP TRIGGER IF EXISTS audit_%s_update;"
        "DROP TRIGGER IF EXISTS audit_%s_delete;",
        audited[t].table, audited[t].table, audited[t].table);
  return pdx_db_exec (db, sql->str, error);
}

/* (Re)creates the audit triggers of every audited table from its current columns, so a
 * migration that adds a column is audited without anyone remembering to; from schema 4 also
 * the lock triggers of every table whose rows belong to a study, and the study's own. */
gboolean
pdx_schema_create_audit_triggers (PdxDb *db, int version, GError **error)
{
  g_autoptr (GString) sql = g_string_new (NULL);

  for (gsize t = 0; t < G_N_ELEMENTS (audited); t++)
    {
      const AuditedTable *a = &audited[t];
      g_autoptr (GPtrArray) columns = NULL;
      g_auto (AuditParts) parts = { 0 };

      if (version < a->since)
        continue;
      columns = table_columns (db, a->table);
      if (version >= 4 && a->lockable)
        pdx_schema_append_lock_triggers (sql, a->table, a->study_expr);
      else if (version >= 4 && g_str_equal (a->table, "study"))
        pdx_schema_append_study_lock_triggers (sql, columns);
      parts.new_json = json_of (columns, "NEW");
      parts.old_json = json_of (columns, "OLD");
      parts.changed = changed_of (columns);
      set_reason_guard (&parts, a->table, columns, version);
      if (version >= 3)
        {
          g_autofree char *sn = g_strdup_printf (a->study_expr, "NEW");
          g_autofree char *mn = g_strdup_printf (a->mouse_expr, "NEW");
          g_autofree char *so = g_strdup_printf (a->study_expr, "OLD");
          g_autofree char *mo = g_strdup_printf (a->mouse_expr, "OLD");
          parts.extra_cols = g_strdup (", operator_name, study_id, mouse_id");
          parts.extra_new = g_strdup_printf (", pdx_operator_name (), %s, %s", sn, mn);
          parts.extra_old = g_strdup_printf (", pdx_operator_name (), %s, %s", so, mo);
        }
      else if (version >= 2)
        {
          g_autofree char *sn = g_strdup_printf (a->study_expr, "NEW");
          g_autofree char *mn = g_strdup_printf (a->mouse_expr, "NEW");
          g_autofree char *so = g_strdup_printf (a->study_expr, "OLD");
          g_autofree char *mo = g_strdup_printf (a->mouse_expr, "OLD");
          parts.extra_cols = g_strdup (", study_id, mouse_id");
          parts.extra_new = g_strdup_printf (", %s, %s", sn, mn);
          parts.extra_old = g_strdup_printf (", %s, %s", so, mo);
        }
      else
        parts.extra_cols = g_strdup (""), parts.extra_new = g_strdup (""),
        parts.extra_old = g_strdup ("");
      append_audit_triggers (sql, a->table, &parts);
    }
  return pdx_db_exec (db, sql->str, error);
}

/* Also in version 3, after the chain: the History's filters (pdx-audit-query.c) by operator (login
 * or display name), action and time, each newest first, read an index instead of the whole log
 * (docs/history.md). */
static const char schema_v3_history_indexes[] =
    "CREATE INDEX audit_log_operator ON audit_log (operator, id);"
    "CREATE INDEX audit_log_operator_name ON audit_log (operator_name, id);"
    "CREATE INDEX audit_log_action ON audit_log (action, id);"
    "CREATE INDEX audit_log_time ON audit_log (time);";

/* The rows of PRAGMA foreign_key_check over the tables that refer to the study or that it refers
 * to, or -1 with @error set. */
static gint64
study_key_problems (PdxDb *db, GError **error)
{
#define KEY_CHECK(t)                                                                               \
  {                                                                                                \
    "SELECT count (*) FROM sqlite_schema WHERE type = 'table' AND name = '" t "'",                 \
        "SELECT count (*) FROM pragma_foreign_key_check ('" t "')"                                 \
  }
  static const struct
  {
    const char *exists, *check;
  } tables[] = { KEY_CHECK ("study"), KEY_CHECK ("arm"), KEY_CHECK ("mouse"),
                 KEY_CHECK ("signature"), KEY_CHECK ("study_status_change") };
#undef KEY_CHECK
  gint64 n = 0;

  for (gsize i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      gint64 count = 0;

      if (!pdx_db_query_int64 (db, tables[i].exists, &count, "checking the study's references",
                               error))
        return -1;
      if (count == 0)
        continue;
      if (!pdx_db_query_int64 (db, tables[i].check, &count, "checking the study's references",
                               error))
        return -1;
      n += count;
    }
  return n;
}

/* Drops the lock triggers of every audited table (recreated with the audit triggers). */
static gboolean
drop_lock_triggers (PdxDb *db, GError **error)
{
  g_autoptr (GString) drop = g_string_new (NULL);

  for (gsize t = 0; t < G_N_ELEMENTS (audited); t++)
    g_string_append_printf (drop,
                            "DROP TRIGGER IF EXISTS lock_%s_insert; DROP TRIGGER IF EXISTS "
                            "lock_%s_update; DROP TRIGGER IF EXISTS lock_%s_delete;",
                            audited[t].table, audited[t].table, audited[t].table);
  return pdx_db_exec (db, drop->str, error);
}

/* Step 5 around its SQL: the triggers that name the study dropped first (the RENAME of the
 * rebuilt table re-reads every trigger, and the lock triggers of the study's rows name a study
 * table that, at that moment, does not exist), and the foreign keys into and out of the study no
 * worse after the rebuild than before (with foreign keys off, SQLite does not check them). */
static gboolean
migrate_v5 (PdxDb *db, GError **error)
{
  gint64 before, after;

  if (!drop_audit_triggers (db, error) || !drop_lock_triggers (db, error))
    return FALSE;
  before = study_key_problems (db, error);
  if (before < 0 || !pdx_db_exec (db, schema_v5, error))
    return FALSE;
  after = study_key_problems (db, error);
  if (after < 0)
    return FALSE;
  if (after > before)
    {
      g_set_error (error, PDX_DB_ERROR, PDX_DB_ERROR_INVALID,
                   _ ("rebuilding the study table left %lld references to studies broken"),
                   (long long) (after - before));
      return FALSE;
    }
  return TRUE;
}

gboolean
pdx_schema_migrate (PdxDb *db, int from, int to, GError **error)
{
  static const char *const steps[] = { NULL,      schema_v1, schema_v2, schema_v3, schema_v4,
                                       schema_v5, schema_v6, schema_v7, schema_v8 };
  G_STATIC_ASSERT (G_N_ELEMENTS (steps) == PDX_DB_SCHEMA_VERSION + 1);

  g_return_val_if_fail (to <= PDX_DB_SCHEMA_VERSION, FALSE);
  for (int v = from + 1; v <= to; v++)
    {
      gboolean ok;

      if (v == 5)
        ok = migrate_v5 (db, error);
      else if (v == 7 || v == 8)
        ok = drop_lock_triggers (db, error) && drop_audit_triggers (db, error) &&
             pdx_db_exec (db, steps[v], error);
      else
        ok = (v != 3 || drop_audit_triggers (db, error)) && pdx_db_exec (db, steps[v], error) &&
             (v != 3 || pdx_db_exec (db, schema_v3_history_indexes, error));
      if (!ok)
        {
          g_prefix_error (error, _ ("upgrading the lab to schema %d: "), v);
          return FALSE;
        }
    }
  if (from < to)
    {
      g_autofree char *stamp = g_strdup_printf (
          "PRAGMA application_id = %d; PRAGMA user_version = %d", PDX_DB_APPLICATION_ID, to);
      if (!pdx_schema_create_audit_triggers (db, to, error) || !pdx_db_exec (db, stamp, error))
        return FALSE;
    }
  /* An existing lab (not a new one) that gets the chain now says so in its first chained entry
   * of its own. */
  if (from >= 1 && from < 3 && to >= 3 && !pdx_chain_write_migrate_entry (db, from, to, error))
    return FALSE;
  return TRUE;
}

gboolean
pdx_schema_set_aside_bulk_triggers (PdxDb *db, GError **error)
{
  return pdx_db_exec (db,
                      "DROP TRIGGER audit_measurement_insert;"
                      "DROP TRIGGER measurement_dates_insert;"
                      "DROP TRIGGER IF EXISTS lock_measurement_insert",
                      error);
}

gboolean
pdx_schema_restore_bulk_triggers (PdxDb *db, GError **error)
{
  return pdx_db_exec (db, MEASUREMENT_DATES_INSERT_TRIGGER, error) &&
         pdx_schema_create_audit_triggers (db, PDX_DB_SCHEMA_VERSION, error);
}

static void
operator_fn (sqlite3_context *context, int argc, sqlite3_value **argv)
{
  PdxDb *db = sqlite3_user_data (context);
  sqlite3_result_text (context, pdx_db_get_login (db), -1, SQLITE_TRANSIENT);
}

static void
operator_name_fn (sqlite3_context *context, int argc, sqlite3_value **argv)
{
  PdxDb      *db = sqlite3_user_data (context);
  const char *name = pdx_db_get_operator_name (db);
  if (name)
    sqlite3_result_text (context, name, -1, SQLITE_TRANSIENT);
  else
    sqlite3_result_null (context);
}

static void
each_insert_fn (sqlite3_context *context, int argc, sqlite3_value **argv)
{
  PdxDb *db = sqlite3_user_data (context);
  sqlite3_result_int (context, !pdx_db_get_bulk (db));
}

static void
reason_fn (sqlite3_context *context, int argc, sqlite3_value **argv)
{
  PdxDb      *db = sqlite3_user_data (context);
  const char *reason = pdx_db_get_reason_internal (db);
  if (reason)
    sqlite3_result_text (context, reason, -1, SQLITE_TRANSIENT);
  else
    sqlite3_result_null (context);
}

/* pdx_locked_study (ID): the lock triggers call it just before they RAISE, so the error that
 * follows names study ID's lock. Another program without it cannot write to a lab at all (the
 * audit triggers call pdx_operator () too); one defining it as it likes changes only the
 * message: the RAISE does not depend on it. */
static void
locked_study_fn (sqlite3_context *context, int argc, sqlite3_value **argv)
{
  pdx_db_note_lock_refusal (sqlite3_user_data (context), sqlite3_value_int64 (argv[0]));
  sqlite3_result_null (context);
}

void
pdx_schema_register_functions (PdxDb *db)
{
  sqlite3 *handle = pdx_db_get_handle (db);
  /* INNOCUOUS: the triggers may call them whatever trusted_schema says. */
  sqlite3_create_function (handle, "pdx_operator", 0, SQLITE_UTF8 | SQLITE_INNOCUOUS, db,
                           operator_fn, NULL, NULL);
  sqlite3_create_function (handle, "pdx_operator_name", 0, SQLITE_UTF8 | SQLITE_INNOCUOUS, db,
                           operator_name_fn, NULL, NULL);
  sqlite3_create_function (handle, "pdx_reason", 0, SQLITE_UTF8 | SQLITE_INNOCUOUS, db, reason_fn,
                           NULL, NULL);
  sqlite3_create_function (handle, "pdx_audit_each_insert", 0, SQLITE_UTF8 | SQLITE_INNOCUOUS, db,
                           each_insert_fn, NULL, NULL);
  sqlite3_create_function (handle, "pdx_locked_study", 1, SQLITE_UTF8 | SQLITE_INNOCUOUS, db,
                           locked_study_fn, NULL, NULL);
  pdx_chain_register_functions (db);
}

/* Appends each row of @sql's first column to @problems, prefixed by @prefix (translated);
 * returns the count. With @format, the query words its rows with SQLite's format (?1, …) and
 * ?1 is bound to @format, the translated message: SQLite's printf conversions (%s, %d) in the
 * order the query gives its values. */
static guint
collect_formatted (
    PdxDb *db, const char *sql, const char *format, const char *prefix, GPtrArray *problems)
{
  sqlite3_stmt *stmt = NULL;
  guint         n = 0;

  if (sqlite3_prepare_v2 (pdx_db_get_handle (db), sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      if (problems)
        g_ptr_array_add (
            problems, g_strdup_printf ("%s: %s", prefix, sqlite3_errmsg (pdx_db_get_handle (db))));
      return 1;
    }
  if (format != NULL)
    sqlite3_bind_text (stmt, 1, format, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *text = (const char *) sqlite3_column_text (stmt, 0);
      if (g_strcmp0 (text, "ok") == 0)
        continue;
      n++;
      if (problems)
        g_ptr_array_add (problems, g_strdup_printf ("%s: %s", prefix, text ? text : "?"));
    }
  sqlite3_finalize (stmt);
  return n;
}

/* collect_formatted () of a query whose rows are SQLite's own words (PRAGMA integrity_check). */
static guint
collect (PdxDb *db, const char *sql, const char *prefix, GPtrArray *problems)
{
  return collect_formatted (db, sql, NULL, prefix, problems);
}

/* The rule queries of stored values against pdx_quantity_check ()'s hard ranges (the one range
 * table; SQL text built from its numbers and the schema's column names only). Infinity is
 * outside every range, so a non-finite value is reported too. */
static guint
collect_impossible (PdxDb *db, GPtrArray *problems)
{
  static const struct
  {
    const char *column;
    PdxQuantity quantity;
  } columns[] = {
    { "length_mm", PDX_QUANTITY_LENGTH_MM },           { "width_mm", PDX_QUANTITY_WIDTH_MM },
    { "volume_mm3", PDX_QUANTITY_VOLUME_MM3 },         { "bli_flux", PDX_QUANTITY_BLI_FLUX },
    { "mri_volume_mm3", PDX_QUANTITY_MRI_VOLUME_MM3 }, { "weight_g", PDX_QUANTITY_WEIGHT_G },
    { "neuro_score", PDX_QUANTITY_NEURO_SCORE },
  };
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      double           lo, hi;
      char             low[G_ASCII_DTOSTR_BUF_SIZE], high[G_ASCII_DTOSTR_BUF_SIZE];
      g_autofree char *sql = NULL;

      pdx_quantity_get_range (columns[i].quantity, &lo, &hi, NULL, NULL);
      g_ascii_dtostr (low, sizeof low, lo);
      g_ascii_dtostr (high, sizeof high, hi);
      sql = g_strdup_printf ("SELECT format (?1, m.id, mo.tag, m.date, m.%s, '%s', '%s')"
                             " FROM measurement m JOIN mouse mo ON mo.id = m.mouse_id"
                             " WHERE m.%s IS NOT NULL AND NOT (m.%s BETWEEN %s AND %s)",
                             columns[i].column, low, high, columns[i].column, columns[i].column,
                             low, high);
      {
        /* Translators: pdxtrack-cli check; SQLite's printf: the measurement's number, the
         * mouse's tag, its date, then the quantity (translated), its value, the possible
         * range's two ends; keep the order of the conversions. */
        g_autofree char *format = g_strdup_printf (
            _ ("measurement %%d of mouse %%s on %%s: %s %%s is impossible (possible: %%s to %%s)"),
            _ (pdx_quantity_get_label (columns[i].quantity)));
        n += collect_formatted (db, sql, format, C_ ("check", "values"), problems);
      }
    }
  n += collect_formatted (
      db, "SELECT format (?1, drug, arm_id, dose) FROM agent WHERE dose IN (9e999, -9e999)",
      /* Translators: pdxtrack-cli check; SQLite's printf: the drug, the arm's number, the dose */
      _ ("agent %s of arm %d: dose %s is not a finite number"), C_ ("check", "values"), problems);
  return n;
}

static int
query_user_version (PdxDb *db)
{
  gint64 version = 0;

  return pdx_db_query_int64 (db, "PRAGMA user_version", &version, "reading the schema version",
                             NULL)
             ? (int) version
             : -1;
}

gboolean
pdx_db_check (PdxDb *db, GPtrArray *problems, GError **error)
{
  guint n = 0;

  /* The findings of each query are worded in the person's language (the "Translators" notes:
   * SQLite's printf, conversions in the query's order), the integrity check's in SQLite's. */
  n += collect (db, "PRAGMA integrity_check", C_ ("check", "integrity"), problems);
  n += collect_formatted (db,
                          "SELECT format (?1, \"table\", rowid, \"parent\")"
                          " FROM pragma_foreign_key_check",
                          /* Translators: pdxtrack-cli check; SQLite's printf: the table, the
                           * row's number, the table it refers to */
                          _ ("%s row %d refers to missing %s row"), C_ ("check", "foreign key"),
                          problems);
  /* check opens an older lab as it is (PDX_DB_OPEN_CHECK): it is reported, never migrated. */
  {
    int version = query_user_version (db);

    if (version != PDX_DB_SCHEMA_VERSION)
      {
        n++;
        if (problems)
          g_ptr_array_add (
              problems,
              version >= 0 && version < PDX_DB_SCHEMA_VERSION
                  ? g_strdup_printf (_ ("%s: schema version %d, expected %d: the lab needs an "
                                        "upgrade, which the next writing command does after a "
                                        "backup beside it"),
                                     C_ ("check", "schema"), version, PDX_DB_SCHEMA_VERSION)
                  : g_strdup_printf (_ ("%s: schema version %d, expected %d"),
                                     C_ ("check", "schema"), version, PDX_DB_SCHEMA_VERSION));
      }
  }
  n += collect_formatted (db,
                          "SELECT format (?1, m.id, mo.tag, m.date, coalesce (mo.implant_date,"
                          " '…'), coalesce (e.date, '…'))"
                          " FROM measurement m JOIN mouse mo ON mo.id = m.mouse_id"
                          " LEFT JOIN endpoint e ON e.mouse_id = m.mouse_id"
                          " WHERE m.date < mo.implant_date OR m.date > e.date",
                          /* Translators: pdxtrack-cli check; SQLite's printf: the measurement's
                           * number, the mouse's tag, the date, the implant date, the endpoint's
                           * date ('…' when there is none) */
                          _ ("measurement %d of mouse %s on %s is outside implant %s .. endpoint "
                             "%s"),
                          C_ ("check", "dates"), problems);
  n += collect_formatted (
      db,
      "SELECT format (?1, tag) FROM mouse"
      " WHERE excluded = 1 AND length(trim(coalesce(exclusion_reason, ''))) = 0",
      /* Translators: pdxtrack-cli check; SQLite's printf: the mouse's tag */
      _ ("mouse %s is excluded without a reason"), C_ ("check", "exclusion"), problems);
  if (query_user_version (db) >= 5)
    n += collect_formatted (
        db,
        "SELECT format (?1, m.id, mo.tag, m.date) FROM measurement m JOIN mouse mo"
        " ON mo.id = m.mouse_id"
        " WHERE m.excluded = 1 AND length(trim(coalesce(m.exclusion_reason, ''))) = 0",
        /* Translators: pdxtrack-cli check; SQLite's printf: the measurement's number, the
         * mouse's tag, the date */
        _ ("measurement %d of mouse %s on %s is excluded without a reason"),
        C_ ("check", "exclusion"), problems);
  n += collect_impossible (db, problems);
  {
    /* the kinds of date, in the person's language, bound as ?2 … ?5 */
    g_autofree char *format = NULL;
    sqlite3_stmt    *stmt = NULL;
    const char      *sql =
        "SELECT format (?1, what, tag, date) FROM ("
        " SELECT ?2 AS what, mo.tag AS tag, m.date AS date FROM measurement m"
        "   JOIN mouse mo ON mo.id = m.mouse_id"
        " UNION ALL SELECT ?3, mo.tag, e.date FROM endpoint e JOIN mouse mo ON mo.id = e.mouse_id"
        " UNION ALL SELECT ?4, tag, implant_date FROM mouse"
        " UNION ALL SELECT ?5, tag, birth_date FROM mouse)"
        " WHERE date > date ('now', 'localtime')";
    const char *kinds[] = { C_ ("check", "measurement"), C_ ("check", "endpoint"),
                            C_ ("check", "implant date"), C_ ("check", "birth date") };

    if (sqlite3_prepare_v2 (pdx_db_get_handle (db), sql, -1, &stmt, NULL) == SQLITE_OK)
      {
        /* Translators: pdxtrack-cli check; SQLite's printf: what (measurement, endpoint,
         * implant date, birth date: translated on their own), the mouse's tag, the date */
        sqlite3_bind_text (stmt, 1, _ ("%s of mouse %s is %s, after today"), -1, SQLITE_TRANSIENT);
        for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
          sqlite3_bind_text (stmt, (int) k + 2, kinds[k], -1, SQLITE_TRANSIENT);
        while (sqlite3_step (stmt) == SQLITE_ROW)
          {
            n++;
            if (problems)
              g_ptr_array_add (problems,
                               g_strdup_printf ("%s: %s", C_ ("check", "future"),
                                                (const char *) sqlite3_column_text (stmt, 0)));
          }
        sqlite3_finalize (stmt);
      }
    else
      n += collect (db, sql, C_ ("check", "future"), problems); /* reports the failure */
  }
  n += collect_formatted (db,
                          "SELECT format (?1, s.code, count (*), group_concat (a.name, ', '))"
                          " FROM arm a JOIN study s ON s.id = a.study_id WHERE a.is_control = 1"
                          " GROUP BY a.study_id HAVING count (*) > 1",
                          /* Translators: pdxtrack-cli check; SQLite's printf: the study's code,
                           * the number of control arms, their names */
                          _ ("study %s has %d control arms (%s); expected one"),
                          C_ ("check", "control"), problems);
  n += collect_formatted (db,
                          "SELECT format (?1, mo.tag, e.date) FROM endpoint e JOIN mouse mo"
                          " ON mo.id = e.mouse_id WHERE e.kind = 'end_of_study' AND e.is_event = 1",
                          /* Translators: pdxtrack-cli check; SQLite's printf: the mouse's tag,
                           * the endpoint's date */
                          _ ("endpoint of mouse %s on %s: end of study counted as an event"),
                          C_ ("check", "endpoint"), problems);
  n += collect_formatted (db,
                          "SELECT format (?1, b.id, a.id) FROM audit_log a JOIN audit_log b"
                          " ON b.id = a.id + 1 WHERE b.time < a.time",
                          /* Translators: pdxtrack-cli check; SQLite's printf: two audit
                           * entries' numbers */
                          _ ("audit entry %d is older than entry %d before it"),
                          C_ ("check", "audit"), problems);
  if (query_user_version (db) == PDX_DB_SCHEMA_VERSION)
    {
      n += pdx_chain_collect_trail (db, problems);
      n += pdx_chain_collect_chain (db, problems);
    }
  else
    n += collect_formatted (
        db,
        "SELECT format (?1, t, r) FROM ("
        " SELECT 'study' AS t, id AS r FROM study UNION ALL SELECT 'mouse', id FROM mouse"
        " UNION ALL SELECT 'line', id FROM line"
        " EXCEPT SELECT table_name, row_id FROM audit_log WHERE action = 'insert'"
        "   AND table_name IN ('study', 'mouse', 'line'))",
        /* Translators: pdxtrack-cli check; SQLite's printf: the table (study, mouse,
         * line), the row's number */
        _ ("%s %d has no audit entry of its insertion"), C_ ("check", "audit"), problems);
  if (n > 0)
    {
      g_set_error (
          error, PDX_DB_ERROR, PDX_DB_ERROR_INVALID,
          /* Translators: the lab's file, then the number of problems. */
          g_dngettext (GETTEXT_PACKAGE, "%s: %u problem found", "%s: %u problems found", n),
          pdx_db_get_path (db), n);
      return FALSE;
    }
  return TRUE;
}
