/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-report-methods.c — the report's methods: each metric's definition in a sentence, with
 * sources. The wording follows SPEC §4, which the analysis module implements. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx-config.h"
#include "pdx-report-private.h"
#include "pdx/pdx-model.h"

static const char *const methods[] = {
  N_ ("<b>Study day.</b> Days since the study's day 0, the start of treatment; V is the study's "
      "primary readout of one mouse."),
  N_ ("<b>Baseline.</b> V<sub>0</sub> is the last measurement on or before day 0 (the "
      "randomisation measurement), or the first after day 0 where there is none; every per-mouse "
      "metric uses the baseline and what follows it."),
  N_ ("<b>Relative change.</b> %ΔV<sub>t</sub> = 100·(V<sub>t</sub> − "
      "V<sub>0</sub>)/V<sub>0</sub>, "
      "with 1 added to every value when V<sub>0</sub> = 0; BLI flux is analysed as measured and "
      "plotted on a logarithmic axis."),
  N_ ("<b>Best response (BR).</b> The minimum %ΔV<sub>t</sub> over t ≥ 10 days (the first minimum "
      "on "
      "ties)."),
  N_ ("<b>Best average response (BAR).</b> The minimum over t ≥ 10 of the running mean of %ΔV from "
      "the baseline (its 0 included) to t; a mouse with fewer than two measurements from day 10 is "
      "not evaluable."),
  N_ ("<b>mRECIST.</b> Each evaluable mouse is PD, SD when BR &lt; 35 % and BAR &lt; 30 %, PR when "
      "BR &lt; −50 % and BAR &lt; −20 %, and CR when BR &lt; −95 % and BAR &lt; −40 % (later rules "
      "override): the modified RECIST of Gao et al. 2015 (Nature Medicine 21:1318–1325), as "
      "implemented in the Xeva R package (Mer et al. 2019, Cancer Research 79:4539–4541)."),
  N_ ("<b>AUC and time to double.</b> The area under the raw readout against day by the trapezoid "
      "rule; the time to double is the first day with V<sub>t</sub> ≥ 2·V<sub>0</sub>, linearly "
      "interpolated between the bracketing measurements."),
  N_ ("<b>Arm growth.</b> Per arm and day, the mean ± standard error (SD/√n) of V over the mice "
      "measured that day, each mouse interpolated linearly inside its own observed range where the "
      "arm's mice were measured on different days; a curve stops at the last day on which at least "
      "half of the arm's starting mice are measured."),
  N_ ("<b>TGI and T/C.</b> TGI % = 100·(1 − ΔT/ΔC), with ΔT and ΔC the change of the treated and "
      "control arm means from baseline to day t; T/C % = "
      "100·mean<sub>T</sub>(t)/mean<sub>C</sub>(t)."),
  /* xgettext:no-c-format */
  N_ ("<b>Growth model.</b> A linear mixed model of log V on day × arm with a random intercept "
      "and slope per mouse (their correlation estimated), fitted by REML on the days the arm "
      "growth curves keep, as R's nlme::lme(log V ~ day * arm, random = ~ day | mouse) (Pinheiro "
      "and Bates 2000); each arm's slope is compared with the control's by a t test with the "
      "containment degrees of freedom nlme uses, with a 95 % confidence interval."),
  N_ ("<b>Survival.</b> Time from the implant date to the endpoint date; deaths and humane "
      "endpoints "
      "are events, end of study is censored, and a mouse with no endpoint yet is censored at its "
      "last "
      "recorded observation."),
  /* xgettext:no-c-format */
  N_ ("<b>Kaplan–Meier.</b> Survival per arm by the Kaplan–Meier product-limit estimator (Kaplan "
      "and "
      "Meier 1958) with Greenwood's standard errors (Greenwood 1926) and log-transformed 95 % "
      "confidence intervals; the median survival and its confidence interval are read from the "
      "curve and its bounds as R's survival package does (survfit defaults)."),
  N_ ("<b>%ILS.</b> The increase in life span, 100·(median<sub>T</sub> − median<sub>C</sub>)/"
      "median<sub>C</sub>, defined when both medians are reached."),
  N_ ("<b>Log-rank test.</b> Each arm against the control by the log-rank test (Mantel 1966; Peto "
      "and Peto 1972), χ² with 1 degree of freedom, as R's survdiff; pairwise tests are adjusted "
      "by "
      "Holm's method (Holm 1979)."),
  /* xgettext:no-c-format */
  N_ ("<b>Hazard ratio.</b> From a Cox proportional-hazards model (Cox 1972) of each arm against "
      "the "
      "control with Efron's handling of tied times (Efron 1977) and a Wald 95 % confidence "
      "interval, "
      "as R's coxph defaults; not defined when one of the two arms has no event."),
  /* xgettext:no-c-format */
  N_ ("<b>Body weight.</b> The % change from each mouse's weight at day 0 (the last weighing on or "
      "before day 0); a loss of 15 % or more is a warning and 20 % or more a humane endpoint."),
  N_ ("<b>Exclusions.</b> Excluded mice are listed with their reason but enter no statistic."),
};

void
pdx_report_add_methods (PdxReportContext *ctx)
{
  g_autofree char *provenance = g_strdup_printf (
      /* Translators: the version of pdxtrack. */
      _ ("Every value in this report was computed by pdxtrack %s from the lab database when the "
         "report was generated; the same values are in the cohort summary exports (CSV, XLSX)."),
      PDX_VERSION);

  pdx_report_doc_heading (ctx->doc, _ ("Methods"), 80);
  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    pdx_report_doc_paragraph (ctx->doc, _ (methods[i]), FALSE);
  pdx_report_doc_paragraph (ctx->doc, provenance, TRUE);
}
