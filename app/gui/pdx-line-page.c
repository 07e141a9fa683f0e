/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-line-page.c — a tissue line's PDX-MI form (see the header).
 *
 * The form is table-driven: each field has a key "<entity>.<field>", a title, and a kind (text,
 * whole number, ISO date, yes/no, or one of a vocabulary). Vocabulary fields are drop-downs of
 * pdx_vocab_get_values (), led by "not recorded" when the field is optional; typed fields are
 * checked as typed; everything is checked again on save, and the core validates once more
 * inside one transaction. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx-line-page.h"

#include "pdx-gui-format.h"

typedef enum
{
  FIELD_TEXT,
  FIELD_INT,
  FIELD_DATE,
  FIELD_BOOL,
  FIELD_VOCAB
} FieldKind;

typedef struct
{
  const char *key;
  const char *title;
  FieldKind   kind;
  PdxVocab    vocab;
  gboolean    required;
} FieldSpec;

static const FieldSpec patient_fields[] = {
  { "patient.code", N_ ("Patient code (de-identified)"), FIELD_TEXT },
  { "patient.sex", N_ ("Sex"), FIELD_VOCAB, PDX_VOCAB_SEX },
  { "patient.age", N_ ("Age at collection (years)"), FIELD_INT },
  { "patient.diagnosis", N_ ("Primary diagnosis"), FIELD_TEXT },
  { "patient.her2_ihc", N_ ("HER2 IHC"), FIELD_VOCAB, PDX_VOCAB_HER2_IHC },
  { "patient.her2_ish", N_ ("HER2 ISH"), FIELD_VOCAB, PDX_VOCAB_HER2_ISH },
  { "patient.er", N_ ("ER"), FIELD_VOCAB, PDX_VOCAB_RECEPTOR },
  { "patient.pr", N_ ("PR"), FIELD_VOCAB, PDX_VOCAB_RECEPTOR },
  { "patient.prior", N_ ("Prior treatments"), FIELD_TEXT },
  { "patient.consent", N_ ("Consent to share"), FIELD_BOOL },
};

static const FieldSpec sample_fields[] = {
  { "sample.code", N_ ("Sample code"), FIELD_TEXT },
  { "sample.date", N_ ("Collection date"), FIELD_DATE },
  { "sample.tissue", N_ ("Tissue of origin"), FIELD_TEXT },
  { "sample.type", N_ ("Sample type"), FIELD_VOCAB, PDX_VOCAB_SAMPLE_TYPE },
  { "sample.histology", N_ ("Histology"), FIELD_TEXT },
  { "sample.grade", N_ ("Grade"), FIELD_TEXT },
  { "sample.markers", N_ ("Markers of the sample"), FIELD_TEXT },
  { "sample.naive", N_ ("Treatment-naive"), FIELD_BOOL },
};

static const FieldSpec line_fields[] = {
  { "line.code", N_ ("Line code (e.g. BCBM-017)"), FIELD_TEXT, 0, TRUE },
  { "line.status", N_ ("Status"), FIELD_VOCAB, PDX_VOCAB_LINE_STATUS, TRUE },
  { "line.strain", N_ ("Host strain (NSG, NOD-SCID, nude …)"), FIELD_TEXT },
  { "line.established", N_ ("Established"), FIELD_DATE },
  { "line.passage", N_ ("Current passage"), FIELD_INT },
  { "line.site", N_ ("Engraftment site"), FIELD_TEXT },
  { "line.luciferase", N_ ("Luciferase reporter"), FIELD_BOOL },
  { "line.alterations", N_ ("Molecular alterations (PIK3CA, PTEN, ERBB2 …)"), FIELD_TEXT },
  { "line.notes", N_ ("Notes"), FIELD_TEXT },
};

static const FieldSpec qc_fields[] = {
  { "line.qc_human", N_ ("Human origin confirmed"), FIELD_BOOL },
  { "line.qc_mouse", N_ ("Mouse-cell negative"), FIELD_BOOL },
  { "line.qc_ebv", N_ ("EBV negative"), FIELD_BOOL },
};

struct _PdxLinePage
{
  GtkWidget  parent_instance;
  GtkWidget *back_button;

  AdwWindowTitle      *window_title;
  GtkBox              *form_box;
  GtkLabel            *error_label;
  AdwPreferencesGroup *studies_group;
  GPtrArray           *study_rows;

  GHashTable *fields; /* key → GtkWidget (AdwEntryRow, AdwComboRow or GtkSwitch) */
  GHashTable *specs;  /* key → const FieldSpec* */
  PdxLab     *lab;
  gint64      line_id;
  gint64      sample_id, patient_id;
  char       *loaded_state; /* the form as loaded or saved (form_state), NULL without a lab */
};

G_DEFINE_FINAL_TYPE (PdxLinePage, pdx_line_page, GTK_TYPE_WIDGET)

/* ---- form building ------------------------------------------------------------------------ */

static char *
field_title (const FieldSpec *spec)
{
  g_autofree char *values = NULL;

  if (spec->kind == FIELD_DATE)
    /* Translators: the date format the field takes, as typed (ISO 8601). */
    values = g_strdup (_ ("YYYY-MM-DD"));
  if (values == NULL)
    return g_strdup_printf ("%s%s", _ (spec->title), spec->required ? " *" : "");
  return g_strdup_printf ("%s%s  (%s)", _ (spec->title), spec->required ? " *" : "", values);
}

static gboolean check_field (PdxLinePage *self, const FieldSpec *spec, char **message);

/* Shown and compared translated: it is never stored. */
#define NOT_RECORDED _ ("not recorded")

/* A choice's display label: the stored value it stands for, translated. */
static char *
vocab_label_cb (GtkStringObject *item, gpointer unused)
{
  return g_strdup (pdx_vocab_get_label (gtk_string_object_get_string (item)));
}

/* A drop-down of the vocabulary, led by NOT_RECORDED when the field is optional. Its model holds
 * the stored values; it shows their labels. */
static GtkWidget *
vocab_row_new (const FieldSpec *spec)
{
  g_autoptr (GtkStringList) choices = gtk_string_list_new (NULL);
  GtkWidget *row = adw_combo_row_new ();

  if (!spec->required)
    gtk_string_list_append (choices, NOT_RECORDED);
  gtk_string_list_splice (choices, g_list_model_get_n_items (G_LIST_MODEL (choices)), 0,
                          pdx_vocab_get_values (spec->vocab));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (choices));
  adw_combo_row_set_expression (
      ADW_COMBO_ROW (row), gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                                        G_CALLBACK (vocab_label_cb), NULL, NULL));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ (spec->title), -1);
  return row;
}

static void
entry_changed_cb (GtkEditable *editable, PdxLinePage *self)
{
  const FieldSpec *spec = g_object_get_data (G_OBJECT (editable), "pdx-spec");
  g_autofree char *message = NULL;

  if (check_field (self, spec, &message))
    gtk_widget_remove_css_class (GTK_WIDGET (editable), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (editable), "error");
}

static void
add_group (
    PdxLinePage *self, const char *title, const char *description, const FieldSpec *specs, guint n)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *row_title = field_title (&specs[i]);
      GtkWidget       *row, *field;

      if (specs[i].kind == FIELD_BOOL)
        {
          row = adw_action_row_new ();
          field = gtk_switch_new ();
          gtk_widget_set_valign (field, GTK_ALIGN_CENTER);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), field);
          adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), field);
          gtk_accessible_update_property (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          specs[i].title, -1);
        }
      else if (specs[i].kind == FIELD_VOCAB)
        row = field = vocab_row_new (&specs[i]);
      else
        {
          row = field = adw_entry_row_new ();
          g_object_set_data (G_OBJECT (field), "pdx-spec", (gpointer) &specs[i]);
          g_signal_connect (field, "changed", G_CALLBACK (entry_changed_cb), self);
        }
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), row_title);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      g_hash_table_insert (self->fields, (gpointer) specs[i].key, field);
      g_hash_table_insert (self->specs, (gpointer) specs[i].key, (gpointer) &specs[i]);
    }
  gtk_box_append (self->form_box, group);
}

/* ---- reading and writing fields ----------------------------------------------------------- */

GtkEditable *
pdx_line_page_get_field (PdxLinePage *self, const char *key)
{
  GtkWidget *field = g_hash_table_lookup (self->fields, key);

  return field && GTK_IS_EDITABLE (field) ? GTK_EDITABLE (field) : NULL;
}

AdwComboRow *
pdx_line_page_get_choice (PdxLinePage *self, const char *key)
{
  GtkWidget *field = g_hash_table_lookup (self->fields, key);

  return field && ADW_IS_COMBO_ROW (field) ? ADW_COMBO_ROW (field) : NULL;
}

/* Selects @text in a drop-down; NULL (or a value outside the vocabulary, which the schema does
 * not allow) selects the first choice: "not recorded", or the first value of a required one. */
static void
set_choice (AdwComboRow *row, const char *text)
{
  GListModel *choices = adw_combo_row_get_model (row);
  guint       n = g_list_model_get_n_items (choices);

  for (guint i = 0; text != NULL && i < n; i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (choices), i), text))
      {
        adw_combo_row_set_selected (row, i);
        return;
      }
  adw_combo_row_set_selected (row, 0);
}

static void
set_text (PdxLinePage *self, const char *key, const char *text)
{
  AdwComboRow *choice = pdx_line_page_get_choice (self, key);

  if (choice != NULL)
    set_choice (choice, text);
  else
    gtk_editable_set_text (pdx_line_page_get_field (self, key), text ? text : "");
}

static void
set_int (PdxLinePage *self, const char *key, int value)
{
  g_autofree char *text = value >= 0 ? g_strdup_printf ("%d", value) : NULL;

  set_text (self, key, text);
}

static void
set_bool (PdxLinePage *self, const char *key, gboolean value)
{
  gtk_switch_set_active (GTK_SWITCH (g_hash_table_lookup (self->fields, key)), value);
}

/* Owned, stripped; NULL when blank. */
static char *
get_text (PdxLinePage *self, const char *key)
{
  AdwComboRow *choice = pdx_line_page_get_choice (self, key);
  char        *text;

  if (choice != NULL)
    {
      GtkStringObject *item = adw_combo_row_get_selected_item (choice);
      const char      *value = item ? gtk_string_object_get_string (item) : NULL;

      return value && !g_str_equal (value, NOT_RECORDED) ? g_strdup (value) : NULL;
    }
  text = g_strstrip (g_strdup (gtk_editable_get_text (pdx_line_page_get_field (self, key))));

  if (text[0] == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

static int
get_int (PdxLinePage *self, const char *key)
{
  g_autofree char *text = get_text (self, key);

  return text ? atoi (text) : -1;
}

static gboolean
get_bool (PdxLinePage *self, const char *key)
{
  return gtk_switch_get_active (GTK_SWITCH (g_hash_table_lookup (self->fields, key)));
}

static gboolean
check_field (PdxLinePage *self, const FieldSpec *spec, char **message)
{
  g_autofree char *text = get_text (self, spec->key);
  gint64           number;
  int              days;

  if (text == NULL)
    {
      if (spec->required)
        *message = g_strdup_printf (_ ("%s is required"), _ (spec->title));
      return !spec->required;
    }
  if (spec->kind == FIELD_INT && (!g_ascii_string_to_signed (text, 10, 0, 1000, &number, NULL)))
    *message = g_strdup_printf (_ ("%s: “%s” is not a whole number"), _ (spec->title), text);
  else if (spec->kind == FIELD_DATE && !pdx_days_between (text, text, &days))
    *message = g_strdup_printf (_ ("%s: “%s” is not a date (YYYY-MM-DD)"), _ (spec->title), text);
  else if (spec->kind == FIELD_VOCAB && !pdx_vocab_contains (spec->vocab, text))
    *message =
        g_strdup_printf (_ ("%s: “%s” is not one of the allowed values"), _ (spec->title), text);
  return *message == NULL;
}

/* ---- load --------------------------------------------------------------------------------- */

static void
clear_form (PdxLinePage *self)
{
  GHashTableIter iter;
  gpointer       key, field;

  g_hash_table_iter_init (&iter, self->fields);
  while (g_hash_table_iter_next (&iter, &key, &field))
    if (GTK_IS_SWITCH (field))
      gtk_switch_set_active (field, FALSE);
    else if (ADW_IS_COMBO_ROW (field))
      adw_combo_row_set_selected (field, 0);
    else
      gtk_editable_set_text (field, "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
}

static void
load_patient (PdxLinePage *self, const PdxPatient *p)
{
  self->patient_id = p->id;
  set_text (self, "patient.code", p->code);
  set_text (self, "patient.sex", p->sex);
  set_int (self, "patient.age", p->age_at_collection);
  set_text (self, "patient.diagnosis", p->primary_diagnosis);
  set_text (self, "patient.her2_ihc", p->her2_ihc);
  set_text (self, "patient.her2_ish", p->her2_ish);
  set_text (self, "patient.er", p->er);
  set_text (self, "patient.pr", p->pr);
  set_text (self, "patient.prior", p->prior_treatments);
  set_bool (self, "patient.consent", p->consent_to_share);
}

static void
load_sample (PdxLinePage *self, const PdxSample *s)
{
  self->sample_id = s->id;
  set_text (self, "sample.code", s->code);
  set_text (self, "sample.date", s->collection_date);
  set_text (self, "sample.tissue", s->tissue);
  set_text (self, "sample.type", s->sample_type);
  set_text (self, "sample.histology", s->histology);
  set_text (self, "sample.grade", s->grade);
  set_text (self, "sample.markers", s->markers);
  set_bool (self, "sample.naive", s->treatment_naive);
}

static void
load_line (PdxLinePage *self, const PdxLine *l)
{
  set_text (self, "line.code", l->code);
  set_text (self, "line.status", l->status);
  set_text (self, "line.strain", l->host_strain);
  set_text (self, "line.established", l->established_date);
  set_int (self, "line.passage", l->passage);
  set_text (self, "line.site", l->engraftment_site);
  set_bool (self, "line.luciferase", l->luciferase);
  set_text (self, "line.alterations", l->alterations);
  set_text (self, "line.notes", l->notes);
  set_bool (self, "line.qc_human", l->qc_human_origin);
  set_bool (self, "line.qc_mouse", l->qc_mouse_negative);
  set_bool (self, "line.qc_ebv", l->qc_ebv_negative);
}

static void
fill_studies (PdxLinePage *self, PdxDb *db)
{
  g_autoptr (GPtrArray) studies = NULL;

  for (guint i = 0; i < self->study_rows->len; i++)
    adw_preferences_group_remove (self->studies_group, g_ptr_array_index (self->study_rows, i));
  g_ptr_array_set_size (self->study_rows, 0);
  if (self->line_id != 0)
    studies = pdx_study_list (db, self->line_id, NULL);
  for (guint i = 0; studies != NULL && i < studies->len; i++)
    {
      const PdxStudy  *study = g_ptr_array_index (studies, i);
      GtkWidget       *row = adw_action_row_new ();
      g_autofree char *day0 = pdx_format_date (study->day0);
      g_autofree char *subtitle =
          g_strdup_printf (_ ("%s · day 0 %s · %s"), study->title ? study->title : "", day0,
                           pdx_vocab_get_label (study->status));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), study->code);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.show-study");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row),
                                              g_variant_new_int64 (study->id));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_preferences_group_add (self->studies_group, row);
      g_ptr_array_add (self->study_rows, row);
    }
  adw_preferences_group_set_description (
      self->studies_group, studies && studies->len ? NULL : _ ("No study has used this line yet."));
}

static void
append_state (PdxLinePage *self, GString *state, const FieldSpec *specs, guint n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = specs[i].kind == FIELD_BOOL
                                  ? g_strdup (get_bool (self, specs[i].key) ? "yes" : "no")
                                  : get_text (self, specs[i].key);

      g_string_append_printf (state, "%s=%s%c", specs[i].key, text ? text : "", 0x1f);
    }
}

/* What every field holds, as one string: equal to the loaded one when nothing was changed
 * (blank and "not recorded" alike, spaces around a text ignored, as the save reads them). */
static char *
dup_form_state (PdxLinePage *self)
{
  GString *state = g_string_new (NULL);

  append_state (self, state, line_fields, G_N_ELEMENTS (line_fields));
  append_state (self, state, qc_fields, G_N_ELEMENTS (qc_fields));
  append_state (self, state, patient_fields, G_N_ELEMENTS (patient_fields));
  append_state (self, state, sample_fields, G_N_ELEMENTS (sample_fields));
  return g_string_free (state, FALSE);
}

gboolean
pdx_line_page_has_unsaved (PdxLinePage *self)
{
  g_autofree char *state = NULL;

  g_return_val_if_fail (PDX_IS_LINE_PAGE (self), FALSE);
  if (self->lab == NULL || self->loaded_state == NULL)
    return FALSE;
  state = dup_form_state (self);
  return g_strcmp0 (state, self->loaded_state) != 0;
}

void
pdx_line_page_discard (PdxLinePage *self)
{
  g_return_if_fail (PDX_IS_LINE_PAGE (self));
  if (self->lab != NULL)
    pdx_line_page_set_line (self, self->lab, self->line_id);
}

void
pdx_line_page_set_line (PdxLinePage *self, PdxLab *lab, gint64 line_id)
{
  g_autoptr (PdxLine) line = NULL;
  g_autoptr (PdxSample) sample = NULL;
  g_autoptr (PdxPatient) patient = NULL;
  PdxDb *db;

  g_return_if_fail (PDX_IS_LINE_PAGE (self));
  g_set_object (&self->lab, lab);
  self->line_id = lab ? line_id : 0;
  self->sample_id = self->patient_id = 0;
  g_clear_pointer (&self->loaded_state, g_free);
  clear_form (self);
  if (lab == NULL)
    return;
  db = pdx_lab_get_db (lab);
  if (line_id != 0)
    line = pdx_line_get (db, line_id, NULL);
  if (line != NULL && line->sample_id != 0)
    sample = pdx_sample_get (db, line->sample_id, NULL);
  if (sample != NULL)
    patient = pdx_patient_get (db, sample->patient_id, NULL);
  if (patient != NULL)
    load_patient (self, patient);
  if (sample != NULL)
    load_sample (self, sample);
  if (line != NULL)
    load_line (self, line);
  else
    set_text (self, "line.status", "active");
  adw_window_title_set_title (self->window_title, line ? line->code : _ ("New Tissue Line"));
  adw_window_title_set_subtitle (self->window_title,
                                 _ ("PDX-MI: patient, tumour sample, line, QC"));
  fill_studies (self, db);
  self->loaded_state = dup_form_state (self);
}

gint64
pdx_line_page_get_line_id (PdxLinePage *self)
{
  return self->line_id;
}

/* ---- save --------------------------------------------------------------------------------- */

static gboolean
validate_form (PdxLinePage *self, GError **error)
{
  GHashTableIter   iter;
  gpointer         key, spec;
  g_autofree char *sample_code = get_text (self, "sample.code");
  g_autofree char *patient_code = get_text (self, "patient.code");

  g_hash_table_iter_init (&iter, self->specs);
  while (g_hash_table_iter_next (&iter, &key, &spec))
    {
      g_autofree char *message = NULL;

      if (((const FieldSpec *) spec)->kind != FIELD_BOOL && !check_field (self, spec, &message))
        {
          g_set_error_literal (error, PDX_DB_ERROR, PDX_DB_ERROR_INVALID, message);
          gtk_widget_grab_focus (g_hash_table_lookup (self->fields, key));
          return FALSE;
        }
    }
  if (sample_code != NULL && patient_code == NULL)
    {
      g_set_error_literal (error, PDX_DB_ERROR, PDX_DB_ERROR_INVALID,
                           _ ("A tumour sample needs its patient: give the patient code"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
save_patient (PdxLinePage *self, PdxDb *db, GError **error)
{
  g_autoptr (PdxPatient) p = pdx_patient_new ();

  p->id = self->patient_id;
  p->code = get_text (self, "patient.code");
  if (p->code == NULL)
    return TRUE;
  p->sex = get_text (self, "patient.sex");
  p->age_at_collection = get_int (self, "patient.age");
  p->primary_diagnosis = get_text (self, "patient.diagnosis");
  p->her2_ihc = get_text (self, "patient.her2_ihc");
  p->her2_ish = get_text (self, "patient.her2_ish");
  p->er = get_text (self, "patient.er");
  p->pr = get_text (self, "patient.pr");
  p->prior_treatments = get_text (self, "patient.prior");
  p->consent_to_share = get_bool (self, "patient.consent");
  if (!(p->id != 0 ? pdx_patient_update (db, p, error) : pdx_patient_insert (db, p, error)))
    return FALSE;
  self->patient_id = p->id;
  return TRUE;
}

static gboolean
save_sample (PdxLinePage *self, PdxDb *db, GError **error)
{
  g_autoptr (PdxSample) s = pdx_sample_new ();

  s->id = self->sample_id;
  s->code = get_text (self, "sample.code");
  if (s->code == NULL)
    {
      self->sample_id = 0;
      return TRUE;
    }
  s->patient_id = self->patient_id;
  s->collection_date = get_text (self, "sample.date");
  s->tissue = get_text (self, "sample.tissue");
  s->sample_type = get_text (self, "sample.type");
  s->histology = get_text (self, "sample.histology");
  s->grade = get_text (self, "sample.grade");
  s->markers = get_text (self, "sample.markers");
  s->treatment_naive = get_bool (self, "sample.naive");
  if (!(s->id != 0 ? pdx_sample_update (db, s, error) : pdx_sample_insert (db, s, error)))
    return FALSE;
  self->sample_id = s->id;
  return TRUE;
}

static gboolean
save_line (PdxLinePage *self, PdxDb *db, GError **error)
{
  g_autoptr (PdxLine) l = pdx_line_new ();

  l->id = self->line_id;
  l->sample_id = self->sample_id;
  l->code = get_text (self, "line.code");
  l->status = get_text (self, "line.status");
  l->host_strain = get_text (self, "line.strain");
  l->established_date = get_text (self, "line.established");
  l->passage = get_int (self, "line.passage");
  l->engraftment_site = get_text (self, "line.site");
  l->luciferase = get_bool (self, "line.luciferase");
  l->alterations = get_text (self, "line.alterations");
  l->notes = get_text (self, "line.notes");
  l->qc_human_origin = get_bool (self, "line.qc_human");
  l->qc_mouse_negative = get_bool (self, "line.qc_mouse");
  l->qc_ebv_negative = get_bool (self, "line.qc_ebv");
  if (!(l->id != 0 ? pdx_line_update (db, l, error) : pdx_line_insert (db, l, error)))
    return FALSE;
  self->line_id = l->id;
  return TRUE;
}

gboolean
pdx_line_page_save (PdxLinePage *self)
{
  PdxDb *db = self->lab ? pdx_lab_get_db (self->lab) : NULL;
  g_autoptr (GError) error = NULL;
  gint64   old_line = self->line_id, old_sample = self->sample_id, old_patient = self->patient_id;
  gboolean ok;

  g_return_val_if_fail (PDX_IS_LINE_PAGE (self), FALSE);
  if (db == NULL)
    return FALSE;
  ok = validate_form (self, &error) && pdx_db_begin (db, &error);
  if (ok)
    {
      ok = save_patient (self, db, &error) && save_sample (self, db, &error) &&
           save_line (self, db, &error);
      if (ok)
        ok = pdx_db_commit (db, &error);
      else
        pdx_db_rollback (db);
    }
  if (!ok)
    {
      self->line_id = old_line;
      self->sample_id = old_sample;
      self->patient_id = old_patient;
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return FALSE;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", _ ("Line saved"));
  pdx_line_page_set_line (self, self->lab, self->line_id);
  if (old_line == 0) /* a new line: select it in the sidebar */
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-line", "x", self->line_id);
  return TRUE;
}

static void
save_action (GtkWidget *widget, const char *name, GVariant *param)
{
  pdx_line_page_save (PDX_LINE_PAGE (widget));
}

static void
pdx_line_page_dispose (GObject *object)
{
  PdxLinePage *self = PDX_LINE_PAGE (object);

  g_clear_object (&self->lab);
  g_clear_pointer (&self->loaded_state, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), PDX_TYPE_LINE_PAGE);
  pdx_widget_unparent_children (GTK_WIDGET (self));
  g_clear_pointer (&self->fields, g_hash_table_unref);
  g_clear_pointer (&self->specs, g_hash_table_unref);
  g_clear_pointer (&self->study_rows, g_ptr_array_unref);
  G_OBJECT_CLASS (pdx_line_page_parent_class)->dispose (object);
}

static void
pdx_line_page_class_init (PdxLinePageClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pdx_line_page_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/pdxtrack/Pdxtrack/ui/pdx-line-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PdxLinePage, back_button);
  gtk_widget_class_bind_template_child (widget_class, PdxLinePage, window_title);
  gtk_widget_class_bind_template_child (widget_class, PdxLinePage, form_box);
  gtk_widget_class_bind_template_child (widget_class, PdxLinePage, error_label);
  gtk_widget_class_install_action (widget_class, "line.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "line.save",
                                       NULL);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
pdx_line_page_init (PdxLinePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->fields = g_hash_table_new (g_str_hash, g_str_equal);
  self->specs = g_hash_table_new (g_str_hash, g_str_equal);
  self->study_rows = g_ptr_array_new ();
  add_group (self, _ ("Tissue line"), _ ("The PDX line as it is banked and passaged."), line_fields,
             G_N_ELEMENTS (line_fields));
  add_group (self, _ ("Quality control"), _ ("PDX-MI model QC."), qc_fields,
             G_N_ELEMENTS (qc_fields));
  add_group (self, _ ("Patient"), _ ("De-identified; no names, no hospital numbers."),
             patient_fields, G_N_ELEMENTS (patient_fields));
  add_group (self, _ ("Tumour sample"), _ ("The resected tissue the line came from."),
             sample_fields, G_N_ELEMENTS (sample_fields));
  self->studies_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->studies_group, _ ("Studies that used this line"));
  gtk_box_append (self->form_box, GTK_WIDGET (self->studies_group));
}

void
pdx_line_page_set_show_back (PdxLinePage *self, gboolean show_back)
{
  gtk_widget_set_visible (self->back_button, show_back);
}
