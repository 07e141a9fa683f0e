/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-audit-format.c — an audit-log entry in the lab's words (see the header). The values come
 * from the schema's audit triggers: a flat JSON object of the row's columns (json_object()). */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>
#include "pdx-audit-format.h"

#include <math.h>
#include <string.h>

#include "pdx-gui-format.h"

typedef enum
{
  SHOW_TEXT,
  SHOW_NUMBER,    /* with up to Field.digits decimals, trailing zeros dropped */
  SHOW_FLUX,      /* 4.26×10⁶ */
  SHOW_YES_NO,    /* 0/1 */
  SHOW_EVENT,     /* 0/1: "censored" or "event", without a label */
  SHOW_ENDPOINT,  /* endpoint kind → its label */
  SHOW_READOUT,   /* readout → its label */
  SHOW_ARM,       /* arm id → its name */
  SHOW_IN_RECORD, /* already named in the Record column: only shown when it changes */
  SHOW_NEVER,     /* internal ids */
} Show;

typedef struct
{
  const char *table;
  const char *key;
  const char *label;
  Show show;
  const char *unit;
  int digits;
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
  { "endpoint", "date", N_ ("date"), SHOW_IN_RECORD },
  { "endpoint", "kind", "", SHOW_ENDPOINT },
  { "endpoint", "is_event", "", SHOW_EVENT },
  { "mouse", "tag", N_ ("tag"), SHOW_IN_RECORD },
  { "mouse", "arm_id", N_ ("arm"), SHOW_ARM },
  { "mouse", "birth_date", N_ ("born"), SHOW_TEXT },
  { "mouse", "implant_date", N_ ("implanted"), SHOW_TEXT },
  { "mouse", "cage", N_ ("cage"), SHOW_TEXT },
  { "mouse", "sex", N_ ("sex"), SHOW_TEXT },
  { "mouse", "strain", N_ ("strain"), SHOW_TEXT },
  { "mouse", "excluded", N_ ("excluded"), SHOW_YES_NO },
  { "study", "code", N_ ("code"), SHOW_IN_RECORD },
  { "study", "readout", N_ ("readout"), SHOW_READOUT },
  { "study", "day0", N_ ("day 0"), SHOW_TEXT },
  { "study", "title", N_ ("title"), SHOW_TEXT },
  { "study", "passage", N_ ("passage"), SHOW_TEXT },
  { "study", "implant_site", N_ ("implant site"), SHOW_TEXT },
  { "study", "implant_material", N_ ("implant material"), SHOW_TEXT },
  { "study", "implant_amount", N_ ("implant amount"), SHOW_TEXT },
  { "study", "protocol", N_ ("protocol"), SHOW_TEXT },
  { "study", "investigator", N_ ("investigator"), SHOW_TEXT },
  { "study", "status", N_ ("status"), SHOW_TEXT },
  { "arm", "name", N_ ("name"), SHOW_IN_RECORD },
  { "arm", "is_control", N_ ("control"), SHOW_YES_NO },
  { "agent", "first_day", N_ ("from day"), SHOW_NUMBER, NULL, 0 },
  { "agent", "last_day", N_ ("to day"), SHOW_NUMBER, NULL, 0 },
  { "line", "code", N_ ("code"), SHOW_IN_RECORD },
  { "line", "luciferase", N_ ("luciferase"), SHOW_YES_NO },
  { "line", "qc_human_origin", N_ ("QC human origin"), SHOW_YES_NO },
  { "line", "qc_mouse_negative", N_ ("QC mouse-negative"), SHOW_YES_NO },
  { "line", "qc_ebv_negative", N_ ("QC EBV-negative"), SHOW_YES_NO },
  { "patient", "code", N_ ("code"), SHOW_IN_RECORD },
  { "patient", "age_at_collection", N_ ("age"), SHOW_NUMBER, "years", 0 },
  { "patient", "her2_ihc", N_ ("HER2 IHC"), SHOW_TEXT },
  { "patient", "her2_ish", N_ ("HER2 ISH"), SHOW_TEXT },
  { "patient", "er", N_ ("ER"), SHOW_TEXT },
  { "patient", "pr", N_ ("PR"), SHOW_TEXT },
  { "patient", "consent_to_share", N_ ("consent to share"), SHOW_YES_NO },
  { "tumour_sample", "code", N_ ("code"), SHOW_IN_RECORD },
  { "tumour_sample", "collection_date", N_ ("collected"), SHOW_TEXT },
  { "tumour_sample", "treatment_naive", N_ ("treatment-naive"), SHOW_YES_NO },
};

static Field
field_of (const char *table, const char *key)
{
  for (gsize i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_str_equal (fields[i].table, table) && g_str_equal (fields[i].key, key))
      return fields[i];
  if (g_str_equal (key, "id") || g_str_has_suffix (key, "_id"))
    return (Field) { table, key, key, SHOW_NEVER };
  return (Field) { table, key, NULL, SHOW_TEXT };
}

/* ---- the flat JSON object of the audit triggers ----------------------------------------- */

typedef struct
{
  GPtrArray *keys;   /* owned strings */
  GPtrArray *values; /* owned strings; NULL for JSON null */
} Values;

static void
values_clear (Values *v)
{
  g_clear_pointer (&v->keys, g_ptr_array_unref);
  g_clear_pointer (&v->values, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Values, values_clear)

/* A JSON string body from @p (after the opening quote) into @out; returns the end or NULL. */
static const char *
parse_string (const char *p, GString *out)
{
  for (; *p != '\0' && *p != '"'; p++)
    {
      if (*p != '\\')
        {
          g_string_append_c (out, *p);
          continue;
        }
      switch (*++p)
        {
        case 'n': g_string_append_c (out, '\n'); break;
        case 't': g_string_append_c (out, '\t'); break;
        case 'r': g_string_append_c (out, '\r'); break;
        case 'b': g_string_append_c (out, '\b'); break;
        case 'f': g_string_append_c (out, '\f'); break;
        case 'u':
          {
            char hex[5] = { 0 };
            for (int i = 0; i < 4; i++)
              if (!g_ascii_isxdigit (hex[i] = p[1 + i]))
                return NULL;
            g_string_append_unichar (out, (gunichar) strtoul (hex, NULL, 16));
            p += 4;
            break;
          }
        case '\0': return NULL;
        default: g_string_append_c (out, *p); break;
        }
    }
  return *p == '"' ? p + 1 : NULL;
}

/* Parses {"key": scalar, …} in order; FALSE for anything else (nested values, bad syntax). */
static gboolean
values_parse (Values *v, const char *json)
{
  const char *p = json;

  v->keys = g_ptr_array_new_with_free_func (g_free);
  v->values = g_ptr_array_new_with_free_func (g_free);
  if (json == NULL)
    return FALSE;
  while (g_ascii_isspace (*p)) p++;
  if (*p++ != '{')
    return FALSE;
  while (TRUE)
    {
      g_autoptr (GString) key = g_string_new (NULL), value = g_string_new (NULL);
      gboolean is_null = FALSE;

      while (g_ascii_isspace (*p) || *p == ',') p++;
      if (*p == '}')
        return TRUE;
      if (*p++ != '"' || (p = parse_string (p, key)) == NULL)
        return FALSE;
      while (g_ascii_isspace (*p)) p++;
      if (*p++ != ':')
        return FALSE;
      while (g_ascii_isspace (*p)) p++;
      if (*p == '"')
        {
          if ((p = parse_string (p + 1, value)) == NULL)
            return FALSE;
        }
      else
        {
          while (*p != '\0' && *p != ',' && *p != '}' && !g_ascii_isspace (*p))
            g_string_append_c (value, *p++);
          if (value->len == 0 || strchr ("{[", value->str[0]) != NULL)
            return FALSE;
          is_null = g_str_equal (value->str, "null");
        }
      g_ptr_array_add (v->keys, g_string_free (g_steal_pointer (&key), FALSE));
      g_ptr_array_add (v->values, is_null ? NULL : g_string_free (g_steal_pointer (&value), FALSE));
    }
}

/* The value of @key, NULL when null or absent; *found says which. */
static const char *
values_get (const Values *v, const char *key, gboolean *found)
{
  gboolean dummy;

  found = found ? found : &dummy;
  for (guint i = 0; v->keys != NULL && i < v->keys->len; i++)
    if (g_str_equal (g_ptr_array_index (v->keys, i), key))
      {
        *found = TRUE;
        return g_ptr_array_index (v->values, i);
      }
  *found = FALSE;
  return NULL;
}

/* ---- one value in words --------------------------------------------------------------------- */

static char *
format_number (const char *text, int digits)
{
  char *end = NULL;
  double value = g_ascii_strtod (text, &end);
  char *out;
  char *dot;

  if (end == text || *end != '\0')
    return g_strdup (text);
  out = g_strdup_printf ("%.*f", digits, value);
  if ((dot = strchr (out, '.')) != NULL)
    {
      char *last = out + strlen (out) - 1;
      while (last > dot && *last == '0')
        *last-- = '\0';
      if (last == dot)
        *last = '\0';
    }
  return out;
}

/* @text (never NULL) in words, without the unit. */
static char *
format_value (const Field *field, const char *text, GHashTable *arm_names)
{
  PdxEndpointKind kind;
  PdxReadout readout;

  switch (field->show)
    {
    case SHOW_NUMBER:
      return format_number (text, field->digits);
    case SHOW_FLUX:
      return pdx_format_flux (g_ascii_strtod (text, NULL));
    case SHOW_YES_NO:
      return g_strdup (g_str_equal (text, "0") ? _ ("no") : _ ("yes"));
    case SHOW_EVENT:
      return g_strdup (g_str_equal (text, "0") ? _ ("censored") : _ ("event"));
    case SHOW_ENDPOINT:
      return g_strdup (pdx_endpoint_kind_from_string (text, &kind)
                           ? _ (pdx_endpoint_kind_get_label (kind))
                           : text);
    case SHOW_READOUT:
      return g_strdup (
          pdx_readout_from_string (text, &readout) ? _ (pdx_readout_get_label (readout)) : text);
    case SHOW_ARM:
      {
        gint64 id = g_ascii_strtoll (text, NULL, 10);
        const char *name = arm_names ? g_hash_table_lookup (arm_names, &id) : NULL;
        return g_strdup (name ? name : _ ("another arm"));
      }
    default:
      /* A stored vocabulary value ("planned", "cells") shows its label; other text as it is. */
      return g_strdup (pdx_vocab_get_label (text));
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
    for (const char *c = field->key; *c != '\0'; c++)
      g_string_append_c (out, *c == '_' ? ' ' : *c);
  g_string_append_c (out, ' ');
}

static void
append_unit (GString *out, const Field *field, const char *value)
{
  if (field->unit != NULL && value != NULL)
    g_string_append_printf (out, " %s", _ (field->unit));
}

/* Every recorded value of a new or deleted row: "BLI 4.26×10⁶ photons/s, weight 19.4 g". The
 * measurement's operator is left out when it is the person who made the change. */
static void
describe_row (GString *out, const PdxAuditEntry *entry, const Values *row, GHashTable *arm_names)
{
  /* the values first, who measured them last */
  for (guint k = 0; k < 2 * row->keys->len; k++)
    {
      guint i = k % row->keys->len;
      const char *key = g_ptr_array_index (row->keys, i);
      const char *text = g_ptr_array_index (row->values, i);
      Field field = field_of (entry->table_name, key);
      g_autofree char *value = NULL;

      if (field.show == SHOW_NEVER || field.show == SHOW_IN_RECORD
          || (k < row->keys->len) != !g_str_equal (key, "operator"))
        continue;
      if (text == NULL && field.show != SHOW_ARM)
        continue;
      if (g_str_equal (entry->table_name, "measurement") && g_str_equal (key, "operator")
          && g_strcmp0 (text, entry->operator_name) == 0)
        continue;
      value = format_maybe (&field, text, arm_names);
      append_label (out, &field, ", ");
      g_string_append (out, value);
      append_unit (out, &field, text);
    }
}

/* Only what differs: "weight 21.3 → 20.1 g; arm Vehicle → T-DM1". */
static void
describe_update (GString *out, const PdxAuditEntry *entry, const Values *before,
                 const Values *after, GHashTable *arm_names)
{
  for (guint i = 0; i < after->keys->len; i++)
    {
      const char *key = g_ptr_array_index (after->keys, i);
      const char *now = g_ptr_array_index (after->values, i);
      gboolean found;
      const char *was = values_get (before, key, &found);
      Field field = field_of (entry->table_name, key);
      g_autofree char *was_text = NULL, *now_text = NULL;

      if (!found || g_strcmp0 (was, now) == 0)
        continue;
      append_label (out, &field, "; ");
      if (field.show == SHOW_NEVER)
        {
          g_string_append (out, _ ("changed"));
          continue;
        }
      was_text = format_maybe (&field, was, arm_names);
      now_text = format_maybe (&field, now, arm_names);
      g_string_append (out, was_text);
      if (now == NULL)
        append_unit (out, &field, was);
      g_string_append_printf (out, " → %s", now_text);
      append_unit (out, &field, now);
    }
}

static char *
describe_import (const Values *summary)
{
  const char *file = values_get (summary, "file", NULL);
  const char *rows = values_get (summary, "rows", NULL);
  guint64 n = rows ? g_ascii_strtoull (rows, NULL, 10) : 0;
  g_autofree char *count = pdx_format_count (n);

  /* Translators: the number of measurements (already formatted), then the file's name. */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %s measurement from %s",
                                       "Imported %s measurements from %s", n),
                          count, file ? file : _ ("a file"));
}

char *
pdx_audit_format_change (const PdxAuditEntry *entry, GHashTable *arm_names)
{
  g_auto (Values) before = { 0 }, after = { 0 };
  gboolean has_old, has_new;
  GString *out;

  g_return_val_if_fail (entry != NULL && entry->table_name != NULL, NULL);
  has_old = values_parse (&before, entry->old_values);
  has_new = values_parse (&after, entry->new_values);
  if ((entry->old_values && !has_old) || (entry->new_values && !has_new))
    return g_strdup_printf ("%s → %s", entry->old_values ? entry->old_values : "—",
                            entry->new_values ? entry->new_values : "—");
  if (g_strcmp0 (entry->action, "import") == 0)
    return describe_import (&after);
  out = g_string_new (NULL);
  if (has_old && has_new)
    describe_update (out, entry, &before, &after, arm_names);
  else if (has_new || has_old)
    describe_row (out, entry, has_new ? &after : &before, arm_names);
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

/* The row's value of @key: the new one, else (a delete) the old one. */
static const char *
row_value (const char *key, const Values *before, const Values *after)
{
  gboolean found;
  const char *value = values_get (after, key, &found);

  return found ? value : values_get (before, key, NULL);
}

char *
pdx_audit_format_record (const PdxAuditEntry *entry)
{
  static const struct { const char *table, *word, *key;
  } named[] = {
    { "study", NC_ ("audit record", "study"), "code" },
    { "arm", NC_ ("audit record", "arm"), "name" },
    { "agent", NC_ ("audit record", "treatment"), "drug" },
    { "line", NC_ ("audit record", "line"), "code" },
    { "patient", NC_ ("audit record", "patient"), "code" },
    { "tumour_sample", NC_ ("audit record", "sample"), "code" },
  };
  g_auto (Values) before = { 0 }, after = { 0 };
  const char *table, *tag;

  g_return_val_if_fail (entry != NULL && entry->table_name != NULL, NULL);
  table = entry->table_name;
  tag = entry->mouse_tag ? entry->mouse_tag : _ ("mouse ?");
  values_parse (&before, entry->old_values);
  values_parse (&after, entry->new_values);
  if (g_strcmp0 (entry->action, "import") == 0)
    return g_strdup (_ ("measurements · import"));
  if (g_str_equal (table, "measurement") || g_str_equal (table, "endpoint"))
    {
      const char *date = row_value ("date", &before, &after);
      return g_strdup_printf ("%s · %s%s%s", tag,
                              g_str_equal (table, "measurement")
                                  ? C_ ("audit record", "measurement")
                                  : C_ ("audit record", "endpoint"),
                              date ? " " : "", date ? date : "");
    }
  if (g_str_equal (table, "mouse"))
    return g_strdup_printf (C_ ("audit record", "mouse %s"), tag);
  for (gsize i = 0; i < G_N_ELEMENTS (named); i++)
    if (g_str_equal (table, named[i].table))
      {
        const char *name = row_value (named[i].key, &before, &after);
        return g_strdup_printf ("%s %s",
                                g_dpgettext2 (GETTEXT_PACKAGE, "audit record", named[i].word),
                                name ? name : "");
      }
  return g_strdup (table);
}
