/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-vocab.c — controlled vocabularies of SPEC §3 and ISO date helpers. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx/pdx-model.h"
#include "store/pdx-store.h"

#include <stdio.h>
#include <string.h>

static const char *const readout_names[] = { "bli_flux", "mri_volume", "caliper_volume" };
static const char *const readout_labels[] = { N_ ("BLI total flux (photons/s)"),
                                              N_ ("MRI tumour volume (mm³)"),
                                              N_ ("Caliper tumour volume (mm³)") };
/* Stored as written (files use them); N_ marks the ones a display translates. */
static const char *const readout_units[] = { N_ ("photons/s"), "mm³", "mm³" };

const char *
pdx_readout_to_string (PdxReadout readout)
{
  g_return_val_if_fail (readout <= PDX_READOUT_CALIPER_VOLUME, NULL);
  return readout_names[readout];
}

gboolean
pdx_readout_from_string (const char *text, PdxReadout *out)
{
  for (guint i = 0; text && i < G_N_ELEMENTS (readout_names); i++)
    if (g_ascii_strcasecmp (text, readout_names[i]) == 0)
      {
        *out = (PdxReadout) i;
        return TRUE;
      }
  return FALSE;
}

const char *
pdx_readout_get_label (PdxReadout readout)
{
  g_return_val_if_fail (readout <= PDX_READOUT_CALIPER_VOLUME, NULL);
  return readout_labels[readout];
}

const char *
pdx_readout_get_unit (PdxReadout readout)
{
  g_return_val_if_fail (readout <= PDX_READOUT_CALIPER_VOLUME, NULL);
  return readout_units[readout];
}

static const char *const endpoint_names[] = { "found_dead", "humane_neuro", "humane_weight",
                                              "end_of_study", "other" };
static const char *const endpoint_labels[] = { N_ ("Found dead"),
                                               N_ ("Humane endpoint: neurological signs"),
                                               N_ ("Humane endpoint: weight loss ≥ 20 %"),
                                               N_ ("End of study"), N_ ("Other") };

const char *
pdx_endpoint_kind_to_string (PdxEndpointKind kind)
{
  g_return_val_if_fail (kind <= PDX_ENDPOINT_OTHER, NULL);
  return endpoint_names[kind];
}

gboolean
pdx_endpoint_kind_from_string (const char *text, PdxEndpointKind *out)
{
  for (guint i = 0; text && i < G_N_ELEMENTS (endpoint_names); i++)
    if (g_ascii_strcasecmp (text, endpoint_names[i]) == 0)
      {
        *out = (PdxEndpointKind) i;
        return TRUE;
      }
  return FALSE;
}

/* The words an import accepts for an endpoint kind, matched whole after normalising (ASCII case
 * folded, outer space trimmed, inner runs of space collapsed to one): each kind's machine name and
 * label, then a short, conservative list of synonyms. A word that could mean two kinds
 * ("euthanised": which humane endpoint?) is not here. docs/import-formats.md lists the same
 * words; this table is the one the code uses. */
typedef struct
{
  const char     *word;
  PdxEndpointKind kind;
} EndpointWord;

static const EndpointWord endpoint_synonyms[] = {
  { "dead", PDX_ENDPOINT_FOUND_DEAD },
  { "died", PDX_ENDPOINT_FOUND_DEAD },
  { "death", PDX_ENDPOINT_FOUND_DEAD },
  { "neuro", PDX_ENDPOINT_HUMANE_NEURO },
  { "neurological", PDX_ENDPOINT_HUMANE_NEURO },
  { "neurological signs", PDX_ENDPOINT_HUMANE_NEURO },
  { "humane endpoint: neuro", PDX_ENDPOINT_HUMANE_NEURO },
  { "weight loss", PDX_ENDPOINT_HUMANE_WEIGHT },
  { "weight loss >= 20 %", PDX_ENDPOINT_HUMANE_WEIGHT },
  { "weight loss >= 20%", PDX_ENDPOINT_HUMANE_WEIGHT },
  { "weight loss ≥ 20%", PDX_ENDPOINT_HUMANE_WEIGHT },
  { "humane endpoint: weight loss", PDX_ENDPOINT_HUMANE_WEIGHT },
  { "humane endpoint: weight loss >= 20 %", PDX_ENDPOINT_HUMANE_WEIGHT },
  { "eos", PDX_ENDPOINT_END_OF_STUDY },
  { "censored", PDX_ENDPOINT_END_OF_STUDY },
};

/* @text folded to ASCII lower case, trimmed, inner white space collapsed to one space. */
static char *
normalise_word (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text; *p; p++)
    {
      if (g_ascii_isspace (*p))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, g_ascii_tolower (*p));
    }
  return g_string_free (out, FALSE);
}

gboolean
pdx_endpoint_kind_parse (const char *text, PdxEndpointKind *out)
{
  g_autofree char *word = NULL;

  g_return_val_if_fail (out != NULL, FALSE);
  if (text == NULL)
    return FALSE;
  word = normalise_word (text);
  for (guint i = 0; i < G_N_ELEMENTS (endpoint_names); i++)
    {
      g_autofree char *label = normalise_word (endpoint_labels[i]);
      if (g_str_equal (word, endpoint_names[i]) || g_str_equal (word, label))
        return *out = (PdxEndpointKind) i, TRUE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (endpoint_synonyms); i++)
    if (g_str_equal (word, endpoint_synonyms[i].word))
      return *out = endpoint_synonyms[i].kind, TRUE;
  return FALSE;
}

char *
pdx_endpoint_kind_dup_accepted (void)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (endpoint_names); i++)
    {
      g_string_append_printf (out, "%s%s (%s", i ? "; " : "", endpoint_names[i],
                              endpoint_labels[i]);
      for (guint j = 0; j < G_N_ELEMENTS (endpoint_synonyms); j++)
        if (endpoint_synonyms[j].kind == (PdxEndpointKind) i)
          g_string_append_printf (out, ", %s", endpoint_synonyms[j].word);
      g_string_append_c (out, ')');
    }
  return g_string_free (out, FALSE);
}

const char *
pdx_endpoint_kind_get_label (PdxEndpointKind kind)
{
  g_return_val_if_fail (kind <= PDX_ENDPOINT_OTHER, NULL);
  return endpoint_labels[kind];
}

gboolean
pdx_endpoint_kind_is_event (PdxEndpointKind kind)
{
  return kind == PDX_ENDPOINT_FOUND_DEAD || kind == PDX_ENDPOINT_HUMANE_NEURO ||
         kind == PDX_ENDPOINT_HUMANE_WEIGHT;
}

static const char *const sex_values[] = { "F", "M", NULL };
static const char *const her2_ihc_values[] = { "0", "1+", "2+", "3+", NULL };
static const char *const her2_ish_values[] = { NC_ ("vocabulary", "amplified"),
                                               NC_ ("vocabulary", "not amplified"),
                                               NC_ ("vocabulary", "unknown"), NULL };
static const char *const receptor_values[] = { NC_ ("vocabulary", "positive"),
                                               NC_ ("vocabulary", "negative"),
                                               NC_ ("vocabulary", "unknown"), NULL };
static const char *const sample_type_values[] = { NC_ ("vocabulary", "primary"),
                                                  NC_ ("vocabulary", "metastasis"),
                                                  NC_ ("vocabulary", "recurrence"), NULL };
static const char *const line_status_values[] = { NC_ ("vocabulary", "active"),
                                                  NC_ ("vocabulary", "banked"),
                                                  NC_ ("vocabulary", "retired"), NULL };
static const char *const implant_site_values[] = { NC_ ("vocabulary", "intracranial-striatum"),
                                                   NC_ ("vocabulary", "intracranial-other"),
                                                   NC_ ("vocabulary", "intracarotid"),
                                                   NC_ ("vocabulary", "intracardiac"),
                                                   NC_ ("vocabulary", "mammary fat pad"),
                                                   NC_ ("vocabulary", "subcutaneous"),
                                                   NULL };
static const char *const implant_material_values[] = { NC_ ("vocabulary", "cells"),
                                                       NC_ ("vocabulary", "fragment"), NULL };
static const char *const study_status_values[] = { NC_ ("vocabulary", "planned"),
                                                   NC_ ("vocabulary", "active"),
                                                   NC_ ("vocabulary", "completed"),
                                                   NC_ ("vocabulary", "terminated"), NULL };

/* The vocabulary's values are stored as they are written here; NC_ only marks them so that
 * pdx_vocab_get_label () finds their translation (context "vocabulary"). */
const char *
pdx_vocab_get_label (const char *value)
{
  return value ? g_dpgettext2 (GETTEXT_PACKAGE, "vocabulary", value) : NULL;
}

const char *const *
pdx_vocab_get_values (PdxVocab vocab)
{
  static const char *const *const all[PDX_N_VOCABS] = {
    sex_values,          her2_ihc_values,         her2_ish_values,
    receptor_values,     sample_type_values,      line_status_values,
    implant_site_values, implant_material_values, study_status_values,
  };
  g_return_val_if_fail (vocab < PDX_N_VOCABS, NULL);
  return all[vocab];
}

gboolean
pdx_vocab_contains (PdxVocab vocab, const char *value)
{
  if (value == NULL)
    return TRUE;
  return g_strv_contains ((const char *const *) pdx_vocab_get_values (vocab), value);
}
