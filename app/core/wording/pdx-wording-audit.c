/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-wording-audit.c — an audit-log entry in the lab's words (see pdx-wording.h). Its values,
 * a flat JSON object of the row's columns written by the schema's triggers, arrive read by
 * SQLite as the entry's fields (pdx_audit_entry_read_fields); nothing here parses JSON.
 *
 * Every user-visible word is one whole string: a field's label, a value's word, each phrase of
 * a record and each sentence (the import's, one per plural form), ready to be marked for
 * translation. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx/pdx-wording.h"

#include <string.h>

#include "pdx/pdx-audit.h"
#include "pdx/pdx-format.h"

typedef enum
{
  SHOW_TEXT,
  SHOW_DATE,      /* an ISO date, in the people style of pdx_format_date */
  SHOW_NUMBER,    /* with up to Field.digits decimals, trailing zeros dropped */
  SHOW_FLUX,      /* 4.26×10⁶ */
  SHOW_YES_NO,    /* 0/1 */
  SHOW_EVENT,     /* 0/1: "censored" or "event", without a label */
  SHOW_ENDPOINT,  /* endpoint kind → its label */
  SHOW_READOUT,   /* readout → its label */
  SHOW_ARM,       /* arm id → its name */
  SHOW_PLACE,     /* an arm's stored position (from 0) as its place in the order, from 1 */
  SHOW_IN_RECORD, /* already named in the Record column: only shown when it changes */
  SHOW_NEVER,     /* internal ids */
} Show;

typedef struct
{
  const char *table;
  const char *key;
  const char *label;
  Show        show;
  const char *unit;
  int         digits;
} Field;

/* Every audited column; a column added later falls back to its name with '_' as spaces. */
static const Field fields[] = {
  { "measurement", "date", N_ ("date"), SHOW_IN_RECORD },
  { "measurement", "operator", N_ ("measured by"), SHOW_TEXT },
  { "measurement", "length_mm", N_ ("length"), SHOW_NUMBER, "mm", 2 },
  { "measurement", "width_mm", N_ ("width"), SHOW_NUMBER, "mm", 2 },
  { "measurement", "volume_mm3", N_ ("volume"), SHOW_NUMBER, "mm³", 1 },
  { "measurement", "bli_flux", N_ ("BLI"), SHOW_FLUX, N_ ("photons/s") },
  { "measurement", "mri_volume_mm3", N_ ("MRI volume"), SHOW_NUMBER, "mm³", 1 },
  { "measurement", "weight_g", N_ ("weight"), SHOW_NUMBER, "g", 2 },
  { "measurement", "neuro_score", N_ ("neuro"), SHOW_NUMBER, NULL, 0 },
  { "measurement", "note", N_ ("note"), SHOW_TEXT },
  { "measurement", "excluded", N_ ("excluded"), SHOW_YES_NO },
  { "measurement", "exclusion_reason", N_ ("exclusion reason"), SHOW_TEXT },
  { "endpoint", "date", N_ ("date"), SHOW_IN_RECORD },
  { "endpoint", "kind", "", SHOW_ENDPOINT },
  { "endpoint", "is_event", "", SHOW_EVENT },
  { "endpoint", "note", N_ ("note"), SHOW_TEXT },
  { "mouse", "tag", N_ ("tag"), SHOW_IN_RECORD },
  { "mouse", "arm_id", N_ ("arm"), SHOW_ARM },
  { "mouse", "birth_date", N_ ("born"), SHOW_DATE },
  { "mouse", "implant_date", N_ ("implanted"), SHOW_DATE },
  { "mouse", "excluded", N_ ("excluded"), SHOW_YES_NO },
  { "mouse", "cage", N_ ("cage"), SHOW_TEXT },
  { "mouse", "sex", N_ ("sex"), SHOW_TEXT },
  { "mouse", "strain", N_ ("strain"), SHOW_TEXT },
  { "mouse", "exclusion_reason", N_ ("exclusion reason"), SHOW_TEXT },
  { "mouse", "graft_id", N_ ("graft"), SHOW_NUMBER, NULL, 0 },
  { "study", "code", N_ ("code"), SHOW_IN_RECORD },
  { "study", "readout", N_ ("readout"), SHOW_READOUT },
  { "study", "day0", N_ ("day 0"), SHOW_DATE },
  { "study", "title", N_ ("title"), SHOW_TEXT },
  { "study", "passage", N_ ("passage"), SHOW_TEXT },
  { "study", "implant_site", N_ ("implant site"), SHOW_TEXT },
  { "study", "implant_material", N_ ("implant material"), SHOW_TEXT },
  { "study", "implant_amount", N_ ("implant amount"), SHOW_TEXT },
  { "study", "protocol", N_ ("protocol"), SHOW_TEXT },
  { "study", "investigator", N_ ("investigator"), SHOW_TEXT },
  { "study", "status", N_ ("status"), SHOW_TEXT },
  { "study", "notes", N_ ("notes"), SHOW_TEXT },
  { "arm", "name", N_ ("name"), SHOW_IN_RECORD },
  { "arm", "is_control", N_ ("control"), SHOW_YES_NO },
  { "arm", "colour", N_ ("colour"), SHOW_TEXT },
  { "arm", "position", N_ ("position"), SHOW_PLACE },
  { "agent", "first_day", N_ ("from day"), SHOW_NUMBER, NULL, 0 },
  { "agent", "last_day", N_ ("to day"), SHOW_NUMBER, NULL, 0 },
  { "agent", "drug", N_ ("drug"), SHOW_TEXT },
  { "agent", "dose", N_ ("dose"), SHOW_TEXT },
  { "agent", "unit", N_ ("unit"), SHOW_TEXT },
  { "agent", "route", N_ ("route"), SHOW_TEXT },
  { "agent", "schedule", N_ ("schedule"), SHOW_TEXT },
  { "line", "code", N_ ("code"), SHOW_IN_RECORD },
  { "line", "luciferase", N_ ("luciferase"), SHOW_YES_NO },
  { "line", "qc_human_origin", N_ ("QC human origin"), SHOW_YES_NO },
  { "line", "qc_mouse_negative", N_ ("QC mouse-negative"), SHOW_YES_NO },
  { "line", "qc_ebv_negative", N_ ("QC EBV-negative"), SHOW_YES_NO },
  { "line", "passage", N_ ("passage"), SHOW_TEXT },
  { "line", "host_strain", N_ ("host strain"), SHOW_TEXT },
  { "line", "engraftment_site", N_ ("engraftment site"), SHOW_TEXT },
  { "line", "established_date", N_ ("established date"), SHOW_DATE },
  { "line", "status", N_ ("status"), SHOW_TEXT },
  { "line", "alterations", N_ ("alterations"), SHOW_TEXT },
  { "line", "notes", N_ ("notes"), SHOW_TEXT },
  { "patient", "code", N_ ("code"), SHOW_IN_RECORD },
  { "patient", "age_at_collection", N_ ("age"), SHOW_NUMBER, N_ ("years"), 0 },
  { "patient", "her2_ihc", N_ ("HER2 IHC"), SHOW_TEXT },
  { "patient", "her2_ish", N_ ("HER2 ISH"), SHOW_TEXT },
  { "patient", "er", N_ ("ER"), SHOW_TEXT },
  { "patient", "pr", N_ ("PR"), SHOW_TEXT },
  { "patient", "consent_to_share", N_ ("consent to share"), SHOW_YES_NO },
  { "patient", "sex", N_ ("sex"), SHOW_TEXT },
  { "patient", "primary_diagnosis", N_ ("primary diagnosis"), SHOW_TEXT },
  { "patient", "prior_treatments", N_ ("prior treatments"), SHOW_TEXT },
  { "patient", "notes", N_ ("notes"), SHOW_TEXT },
  { "tumour_sample", "code", N_ ("code"), SHOW_IN_RECORD },
  { "tumour_sample", "collection_date", N_ ("collected"), SHOW_DATE },
  { "tumour_sample", "treatment_naive", N_ ("treatment-naive"), SHOW_YES_NO },
  { "tumour_sample", "sample_type", N_ ("sample type"), SHOW_TEXT },
  { "tumour_sample", "tissue", N_ ("tissue"), SHOW_TEXT },
  { "tumour_sample", "histology", N_ ("histology"), SHOW_TEXT },
  { "tumour_sample", "grade", N_ ("grade"), SHOW_TEXT },
  { "tumour_sample", "markers", N_ ("markers"), SHOW_TEXT },
};

static Field
field_of (const char *table, const char *key)
{
  for (gsize i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_str_equal (fields[i].table, table) && g_str_equal (fields[i].key, key))
      return fields[i];
  if (g_str_equal (key, "id") || g_str_has_suffix (key, "_id"))
    return (Field){ table, key, key, SHOW_NEVER };
  return (Field){ table, key, NULL, SHOW_TEXT };
}

/* ---- the entry's fields ------------------------------------------------------------------ */

/* The field of @key, NULL when the entry has none of that name (or no fields). */
static const PdxAuditField *
find_field (const PdxAuditEntry *entry, const char *key)
{
  for (guint i = 0; entry->fields != NULL && i < entry->fields->len; i++)
    {
      const PdxAuditField *field = g_ptr_array_index (entry->fields, i);
      if (g_str_equal (field->key, key))
        return field;
    }
  return NULL;
}

/* The new value of @key if the new side has the key, else (a delete) the old one; NULL when
 * absent or null. */
static const char *
row_value (const PdxAuditEntry *entry, const char *key)
{
  const PdxAuditField *field = find_field (entry, key);

  if (field == NULL)
    return NULL;
  return field->new_type != PDX_JSON_ABSENT ? field->new_value : field->old_value;
}

/* ---- one value in words --------------------------------------------------------------------- */

/* @text, a number, with up to @digits decimals and trailing zeros dropped; @text itself when it
 * is not a number. */
static char *
format_number (const char *text, int digits)
{
  char  *end = NULL;
  double value = g_ascii_strtod (text, &end);

  if (end == text || *end != '\0')
    return g_strdup (text);
  return pdx_format_decimal (value, digits);
}

static char *
format_arm (const char *text, GHashTable *arm_names)
{
  gint64      id = g_ascii_strtoll (text, NULL, 10);
  const char *name = arm_names ? g_hash_table_lookup (arm_names, &id) : NULL;

  return g_strdup (name ? name : _ ("another arm"));
}

/* Whether a 0/1 column's value is 0 (the triggers' integers; JSON false too). */
static gboolean
is_false (const char *text)
{
  return g_str_equal (text, "0") || g_str_equal (text, "false");
}

/* @text (never NULL) in words, without the unit. */
static char *
format_value (const Field *field, const char *text, GHashTable *arm_names)
{
  PdxEndpointKind kind;
  PdxReadout      readout;

  switch (field->show)
    {
    case SHOW_DATE:
      return pdx_format_date (text);
    case SHOW_NUMBER:
      return format_number (text, field->digits);
    case SHOW_FLUX:
      return pdx_format_flux (g_ascii_strtod (text, NULL));
    case SHOW_YES_NO:
      return g_strdup (is_false (text) ? _ ("no") : _ ("yes"));
    case SHOW_EVENT:
      return g_strdup (is_false (text) ? _ ("censored") : _ ("event"));
    case SHOW_ENDPOINT:
      return g_strdup (pdx_endpoint_kind_from_string (text, &kind)
                           ? _ (pdx_endpoint_kind_get_label (kind))
                           : text);
    case SHOW_READOUT:
      return g_strdup (
          pdx_readout_from_string (text, &readout) ? _ (pdx_readout_get_label (readout)) : text);
    case SHOW_ARM:
      return format_arm (text, arm_names);
    case SHOW_PLACE:
      return g_strdup_printf ("%" G_GINT64_FORMAT, g_ascii_strtoll (text, NULL, 10) + 1);
    default:
      return g_strdup (text);
    }
}

/* "—" for a value not recorded, except an arm: "not randomised". */
static char *
format_maybe (const Field *field, const char *text, GHashTable *arm_names)
{
  if (text != NULL)
    return format_value (field, text, arm_names);
  return g_strdup (field->show == SHOW_ARM ? _ ("not randomised") : "—");
}

/* The separator and the field's label, followed by a space unless the label is "" (the value
 * speaks for itself: "End of study", "event"). */
static void
append_label (GString *out, const Field *field, const char *separator)
{
  if (out->len > 0)
    g_string_append (out, separator);
  if (field->label != NULL && field->label[0] == '\0')
    return;
  if (field->label != NULL)
    g_string_append (out, _ (field->label));
  else
    {
      /* The column's name with spaces ("implant amount") is the model's label for it and so a
       * msgid of pdx-model.c: shown translated where the catalogue has it. */
      g_autofree char *spaced = g_strdelimit (g_strdup (field->key), "_", ' ');

      g_string_append (out, _ (spaced));
    }
  g_string_append_c (out, ' ');
}

static void
append_unit (GString *out, const Field *field, const char *value)
{
  if (field->unit != NULL && value != NULL)
    g_string_append_printf (out, " %s", _ (field->unit));
}

/* ---- what changed ------------------------------------------------------------------------ */

/* Whether the row's field @f (of a new or deleted row: its one side) is left out of the list:
 * ids, what the Record column names, values not recorded, and the measurement's operator when
 * that is the person who made the change. */
static gboolean
row_field_hidden (const PdxAuditEntry *entry, const Field *field, const char *text)
{
  if (field->show == SHOW_NEVER || field->show == SHOW_IN_RECORD)
    return TRUE;
  if (text == NULL && field->show != SHOW_ARM)
    return TRUE;
  /* A measurement that is not excluded (schema 5's default) says nothing of it. */
  if (g_str_equal (entry->table_name, "measurement") && g_str_equal (field->key, "excluded") &&
      is_false (text))
    return TRUE;
  return g_str_equal (entry->table_name, "measurement") && g_str_equal (field->key, "operator") &&
         g_strcmp0 (text, entry->operator_name ? entry->operator_name : entry->login) == 0;
}

/* Every recorded value of a new (@new_side) or deleted row: "BLI 4.26×10⁶ photons/s, weight
 * 19.4 g"; the values first, who measured them last. */
static void
describe_row (GString *out, const PdxAuditEntry *entry, gboolean new_side, GHashTable *arm_names)
{
  guint n = entry->fields->len;

  for (guint k = 0; k < 2 * n; k++)
    {
      const PdxAuditField *f = g_ptr_array_index (entry->fields, k % n);
      const char          *text = new_side ? f->new_value : f->old_value;
      Field                field = field_of (entry->table_name, f->key);
      g_autofree char     *value = NULL;

      if ((new_side ? f->new_type : f->old_type) == PDX_JSON_ABSENT ||
          (k < n) != !g_str_equal (f->key, "operator") || row_field_hidden (entry, &field, text))
        continue;
      value = format_maybe (&field, text, arm_names);
      append_label (out, &field, ", ");
      g_string_append (out, value);
      append_unit (out, &field, text);
    }
}

/* A study's lock set or ended (its lock_signature_id): "locked by signature 3", "lock of
 * signature 3 ended". */
static void
describe_lock_change (GString *out, const PdxAuditField *f)
{
  if (out->len > 0)
    g_string_append (out, "; ");
  if (f->new_value != NULL)
    /* Translators: the number of the lock signature. */
    g_string_append_printf (out, _ ("locked by signature %s"), f->new_value);
  else
    /* Translators: the number of the lock signature whose lock ended. */
    g_string_append_printf (out, _ ("lock of signature %s ended"), f->old_value);
}

/* A signature written (the signature table's insert), in the lab's words: "Locked by jdoe
 * (Jane Doe): “final data”", "Signature (review) by jdoe: “checked”", with ", not
 * re-authenticated" when it was not. Owned. */
static char *
describe_signature (const PdxAuditEntry *entry)
{
  const char         *meaning_text = row_value (entry, "meaning");
  const char         *login = row_value (entry, "login"), *name = row_value (entry, "name");
  const char         *reason = row_value (entry, "reason");
  const char         *reauth = row_value (entry, "reauthenticated");
  PdxSignatureMeaning meaning = PDX_SIGNATURE_REVIEW;
  g_autofree char    *who = NULL, *text = NULL;

  if (login && name && !g_str_equal (login, name))
    who = g_strdup_printf ("%s (%s)", login, name);
  else
    who = g_strdup (login ? login : name ? name : "?");
  if (meaning_text == NULL || !pdx_signature_meaning_from_string (meaning_text, &meaning))
    text = g_strdup_printf (_ ("Signature (%s) by %s: “%s”"), meaning_text ? meaning_text : "?",
                            who, reason ? reason : "");
  else if (meaning == PDX_SIGNATURE_LOCK)
    /* Translators: who locked the study (login and name), then the reason. */
    text = g_strdup_printf (_ ("Locked by %s: “%s”"), who, reason ? reason : "");
  else if (meaning == PDX_SIGNATURE_UNLOCK)
    /* Translators: who unlocked the study (login and name), then the reason. */
    text = g_strdup_printf (_ ("Unlocked by %s: “%s”"), who, reason ? reason : "");
  else
    /* Translators: the meaning (Review, Approve), who signed, then the reason. */
    text = g_strdup_printf (_ ("Signature (%s) by %s: “%s”"),
                            pdx_signature_meaning_get_label (meaning), who, reason ? reason : "");
  if (reauth != NULL && is_false (reauth))
    /* Translators: after a signature's sentence. */
    return g_strconcat (text, _ (", not re-authenticated"), NULL);
  return g_steal_pointer (&text);
}

/* Only what differs among the keys on both sides: "weight 21.3 → 20.1 g; arm Vehicle → T-DM1". */
static void
describe_update (GString *out, const PdxAuditEntry *entry, GHashTable *arm_names)
{
  for (guint i = 0; i < entry->fields->len; i++)
    {
      const PdxAuditField *f = g_ptr_array_index (entry->fields, i);
      Field                field = field_of (entry->table_name, f->key);
      g_autofree char     *was_text = NULL, *now_text = NULL;

      if (f->old_type == PDX_JSON_ABSENT || f->new_type == PDX_JSON_ABSENT ||
          g_strcmp0 (f->old_value, f->new_value) == 0)
        continue;
      if (g_str_equal (entry->table_name, "study") && g_str_equal (f->key, "lock_signature_id"))
        {
          describe_lock_change (out, f);
          continue;
        }
      append_label (out, &field, "; ");
      if (field.show == SHOW_NEVER)
        {
          g_string_append (out, _ ("changed"));
          continue;
        }
      was_text = format_maybe (&field, f->old_value, arm_names);
      now_text = format_maybe (&field, f->new_value, arm_names);
      g_string_append (out, was_text);
      if (f->new_value == NULL)
        append_unit (out, &field, f->old_value);
      g_string_append_printf (out, " → %s", now_text);
      append_unit (out, &field, f->new_value);
    }
}

/* An import's own entry (table 'import'): "Read 120 rows from FILE (4,096 bytes, SHA-256
 * 3f9a…)", the hash whole: it is what proves the file. */
static char *
describe_import_file (const PdxAuditEntry *entry)
{
  const char      *file = row_value (entry, "file");
  const char      *rows = row_value (entry, "file_rows");
  const char      *size = row_value (entry, "size");
  const char      *sha256 = row_value (entry, "sha256");
  guint64          n = rows ? g_ascii_strtoull (rows, NULL, 10) : 0;
  g_autofree char *count = pdx_format_count (n);
  g_autofree char *bytes = pdx_format_count (size ? g_ascii_strtoull (size, NULL, 10) : 0);

  /* Translators: the number of rows, the file's name, its size in bytes, its SHA-256. */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Read %s row from %s (%s bytes, SHA-256 %s)",
                                       "Read %s rows from %s (%s bytes, SHA-256 %s)", (gulong) n),
                          count, file ? file : "?", bytes, sha256 ? sha256 : "?");
}

/* "Imported 1,000 measurements from FILE": one whole sentence per plural form. */
static char *
describe_import (const PdxAuditEntry *entry)
{
  const char      *file = row_value (entry, "file");
  const char      *rows = row_value (entry, "rows");
  guint64          n = rows ? g_ascii_strtoull (rows, NULL, 10) : 0;
  g_autofree char *count = pdx_format_count (n);

  if (g_strcmp0 (entry->table_name, "import") == 0)
    return describe_import_file (entry);

  if (file == NULL)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %s measurement from a file",
                                         "Imported %s measurements from a file", (gulong) n),
                            count);
  /* Translators: the number of measurements, then the file's name. */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %s measurement from %s",
                                       "Imported %s measurements from %s", (gulong) n),
                          count, file);
}

char *
pdx_audit_format_change (const PdxAuditEntry *entry, GHashTable *arm_names)
{
  GString *out;

  g_return_val_if_fail (entry != NULL && entry->table_name != NULL, NULL);
  if (entry->fields == NULL && (entry->old_values != NULL || entry->new_values != NULL))
    return g_strdup_printf ("%s → %s", entry->old_values ? entry->old_values : "—",
                            entry->new_values ? entry->new_values : "—");
  if (g_strcmp0 (entry->action, "import") == 0)
    return describe_import (entry);
  if (g_str_equal (entry->table_name, "signature") && entry->fields != NULL &&
      g_strcmp0 (entry->action, "insert") == 0)
    return describe_signature (entry);
  out = g_string_new (NULL);
  if (entry->fields == NULL)
    ;
  else if (entry->old_values != NULL && entry->new_values != NULL)
    describe_update (out, entry, arm_names);
  else
    describe_row (out, entry, entry->new_values != NULL, arm_names);
  return g_string_free (out, FALSE);
}

const char *
pdx_audit_format_action (const PdxAuditEntry *entry)
{
  static const char *const words[][2] = {
    { "insert", N_ ("Added") },
    { "update", N_ ("Changed") },
    { "delete", N_ ("Deleted") },
    { "import", N_ ("Imported") },
  };

  g_return_val_if_fail (entry != NULL, NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (words); i++)
    if (g_strcmp0 (entry->action, words[i][0]) == 0)
      return _ (words[i][1]);
  return entry->action ? entry->action : "";
}

/* ---- which record ---------------------------------------------------------------------------- */

/* "A-40 · measurement 2026-03-22", "A-41 · endpoint": a phrase per table, with and without
 * the date. */
static char *
record_of_mouse_row (const PdxAuditEntry *entry, const char *tag)
{
  const char      *date = row_value (entry, "date");
  g_autofree char *shown = date ? pdx_format_date (date) : NULL;
  gboolean         measurement = g_str_equal (entry->table_name, "measurement");

  if (shown == NULL)
    return g_strdup_printf (measurement ? C_ ("audit record", "%s · measurement")
                                        : C_ ("audit record", "%s · endpoint"),
                            tag);
  /* Translators: a mouse's tag, then the date of its measurement or endpoint. */
  return g_strdup_printf (measurement ? C_ ("audit record", "%s · measurement %s")
                                      : C_ ("audit record", "%s · endpoint %s"),
                          tag, shown);
}

char *
pdx_audit_format_record (const PdxAuditEntry *entry)
{
  static const struct
  {
    const char *table, *phrase, *key;
  } named[] = {
    { "study", NC_ ("audit record", "study %s"), "code" },
    { "arm", NC_ ("audit record", "arm %s"), "name" },
    { "agent", NC_ ("audit record", "treatment %s"), "drug" },
    { "line", NC_ ("audit record", "line %s"), "code" },
    { "patient", NC_ ("audit record", "patient %s"), "code" },
    { "tumour_sample", NC_ ("audit record", "sample %s"), "code" },
    { "signature", NC_ ("audit record", "signature %s"), "id" },
    /* The model programme's rows by number (graft list, vials). */
    { "graft", NC_ ("audit record", "graft %s"), "id" },
    { "vial", NC_ ("audit record", "vial %s"), "id" },
    { "thaw", NC_ ("audit record", "thaw %s"), "id" },
  };
  const char *table;

  g_return_val_if_fail (entry != NULL && entry->table_name != NULL, NULL);
  table = entry->table_name;
  if (g_strcmp0 (entry->action, "import") == 0 && g_str_equal (table, "import"))
    return g_strdup_printf (C_ ("audit record", "file %s"),
                            row_value (entry, "file") ? row_value (entry, "file") : "?");
  if (g_strcmp0 (entry->action, "import") == 0)
    return g_strdup (_ ("measurements · import"));
  if (g_str_equal (table, "measurement") || g_str_equal (table, "endpoint"))
    return record_of_mouse_row (entry, entry->mouse_tag ? entry->mouse_tag : _ ("mouse ?"));
  if (g_str_equal (table, "mouse"))
    return g_strdup_printf (C_ ("audit record", "mouse %s"),
                            entry->mouse_tag ? entry->mouse_tag : _ ("mouse ?"));
  for (gsize i = 0; i < G_N_ELEMENTS (named); i++)
    if (g_str_equal (table, named[i].table))
      {
        const char *name = row_value (entry, named[i].key);
        return g_strdup_printf (g_dpgettext2 (GETTEXT_PACKAGE, "audit record", named[i].phrase),
                                name ? name : "");
      }
  return g_strdup (table);
}

char *
pdx_audit_format_operator (const PdxAuditEntry *entry)
{
  g_return_val_if_fail (entry != NULL, NULL);
  if (entry->login != NULL && entry->operator_name != NULL &&
      !g_str_equal (entry->login, entry->operator_name))
    return g_strdup_printf ("%s (%s)", entry->login, entry->operator_name);
  return g_strdup (entry->login ? entry->login : entry->operator_name ? entry->operator_name : "");
}

gboolean
pdx_audit_field_is_change (const PdxAuditEntry *entry, const PdxAuditField *field)
{
  g_return_val_if_fail (entry != NULL && field != NULL, FALSE);
  if (g_strcmp0 (entry->action, "update") == 0)
    return field->old_type != field->new_type || g_strcmp0 (field->old_value, field->new_value);
  return field->old_value != NULL || field->new_value != NULL;
}

char *
pdx_audit_format_time (const PdxAuditEntry *entry)
{
  char *text;

  g_return_val_if_fail (entry != NULL, NULL);
  text = g_strndup (entry->time ? entry->time : "", 16); /* to the minute */
  if (strlen (text) > 10)
    text[10] = ' ';
  return text;
}

char *
pdx_signature_describe (const PdxSignature *signature)
{
  g_autofree char *who = NULL, *when = NULL, *text = NULL;

  g_return_val_if_fail (signature != NULL, NULL);
  if (signature->name && *signature->name && g_strcmp0 (signature->name, signature->login) != 0)
    who = g_strdup_printf ("%s (%s)", signature->login, signature->name);
  else
    who = g_strdup (signature->login);
  when = pdx_signature_format_time (signature);
  /* Translators: the signature's number, its meaning (Review, Approve, Lock, Unlock), who,
   * when, why. */
  text = g_strdup_printf (_ ("Signature %lld · %s by %s, %s: “%s”"), (long long) signature->id,
                          pdx_signature_meaning_get_label (signature->meaning), who, when,
                          signature->reason);
  if (!signature->reauthenticated)
    return g_strconcat (text, _ (", not re-authenticated"), NULL);
  return g_steal_pointer (&text);
}
