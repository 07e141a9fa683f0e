#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# bench-analysis.sh — the analysis benchmarks of issue 3, as whole processes, in one run:
#  1. `pdxtrack-cli stats survival` on a 100,000-mouse, 4-arm study against R's survival package
#     (survfit + survdiff + coxph on the same mice read from CSV, the same comparisons);
#  2. `pdxtrack-cli stats response` over the demo lab with 10,000 extra mice (demo --mice 10000).
# Usage: tests/bench/bench-analysis.sh [BUILD_DIR]   (default: build). Needs Rscript with
# the survival package. Each timing is the median of RUNS runs (default 3).
set -eu

BUILD=${1:-build}
CLI=$(cd "$BUILD" && pwd)/app/cli/pdxtrack-cli
RUNS=${RUNS:-3}
[ -x "$CLI" ] || { echo "bench-analysis: no $CLI (build first)" >&2; exit 1; }
command -v Rscript >/dev/null || { echo "bench-analysis: Rscript not found" >&2; exit 1; }
WORK=$(mktemp -d "${TMPDIR:-/tmp}/pdx-bench-analysis-XXXXXX")
trap 'rm -rf "$WORK"' EXIT INT TERM

now () { date +%s.%N; }
# Runs "$@" RUNS times (stdout to $WORK/last.out); prints the median wall time and the median CPU
# time (user + sys) in seconds: "WALL CPU". CPU time is the fairer figure on a loaded machine.
time_median () {
  i=0
  : > "$WORK/times"
  while [ $i -lt "$RUNS" ]; do
    /usr/bin/time -f '%e %U %S' -o "$WORK/time.one" "$@" > "$WORK/last.out"
    tail -n 1 "$WORK/time.one" >> "$WORK/times"
    i=$((i + 1))
  done
  awk '{ wall[NR] = $1; cpu[NR] = $2 + $3 }
       END { n = asort_n(wall); m = asort_n(cpu);
             printf "%.3f %.3f", wall[int((NR + 1) / 2)], cpu[int((NR + 1) / 2)] }
       function asort_n(a,   i, j, t) {
         for (i = 2; i <= NR; i++) for (j = i; j > 1 && a[j - 1] > a[j]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
         return NR }' "$WORK/times"
}

# ---- 1. survival: 100,000 mice, 4 arms ----------------------------------------------------------
# Weibull-like survival, per-arm hazards, uniform censoring at end of study (day 120), whole days.
awk -v n=100000 'BEGIN {
  srand(20240611);
  split("vehicle,T-DM1,tucatinib + trastuzumab,alpelisib + T-DM1", arm, ",");
  split("30,40,55,80", scale, ",");
  print "study,arm,mouse,control,implant_date,end_date,event";
  for (i = 1; i <= n; i++) {
    a = (i - 1) % 4 + 1;
    t = int(scale[a] * (-log(1 - rand())) ^ (1 / 1.5)) + 1;
    c = int(20 + 100 * rand());
    ev = t <= c; if (!ev) t = c;
    # implant 2024-01-01 (day 19723 since 1970) + t days, as a date
    d = 19723 + t;
    printf "BENCH-SURV,%s,M%06d,%d,2024-01-01,%s,%d\n", arm[a], i, a == 1, d, ev;
  }
}' > "$WORK/mice-days.csv"
# Turn the day numbers into ISO dates with one date(1) call per distinct day.
cut -d, -f6 "$WORK/mice-days.csv" | tail -n +2 | sort -un > "$WORK/days"
while read -r d; do printf '%s,%s\n' "$d" "$(date -u -d "@$((d * 86400))" +%Y-%m-%d)"; done \
  < "$WORK/days" > "$WORK/day-dates"
awk -F, 'NR == FNR { date[$1] = $2; next }
         FNR == 1 { print; next }
         { $6 = date[$6]; print }' OFS=, "$WORK/day-dates" "$WORK/mice-days.csv" > "$WORK/mice.csv"

"$CLI" --db "$WORK/surv.pdxlab" init > /dev/null
start=$(now)
"$CLI" --db "$WORK/surv.pdxlab" import mice "$WORK/mice.csv" > /dev/null
import_s=$(echo "$(now) - $start" | bc -l)

cat > "$WORK/survival.R" <<'REOF'
suppressPackageStartupMessages(library(survival))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], stringsAsFactors = FALSE, check.names = FALSE)
d$time <- as.numeric(as.Date(d$end_date) - as.Date(d$implant_date))
control <- unique(d$arm[d$control == 1])
arms <- unique(d$arm)
out <- data.frame()
for (a in arms) {
  s <- d[d$arm == a, ]
  tab <- summary(survfit(Surv(time, event) ~ 1, data = s))$table
  km <- summary(survfit(Surv(time, event) ~ 1, data = s), censored = TRUE)
  chisq <- p <- hr <- lo <- hi <- NA
  if (a != control) {
    two <- d[d$arm %in% c(control, a), ]
    two$arm <- factor(two$arm, levels = c(control, a))
    sd <- survdiff(Surv(time, event) ~ arm, data = two)
    chisq <- sd$chisq; p <- pchisq(chisq, 1, lower.tail = FALSE)
    fit <- coxph(Surv(time, event) ~ arm, data = two)
    b <- coef(fit); se <- sqrt(fit$var[1, 1])
    hr <- exp(b); lo <- exp(b - qnorm(0.975) * se); hi <- exp(b + qnorm(0.975) * se)
  }
  out <- rbind(out, data.frame(arm = a, n = nrow(s), events = sum(s$event),
                               median = tab[["median"]], chisq = chisq, p = p, hr = hr,
                               lo = lo, hi = hi, steps = length(km$time)))
}
# Pairwise log-rank with Holm, as `stats survival` computes.
pv <- c()
for (i in seq_along(arms)) for (j in seq_along(arms)) if (i < j) {
  two <- d[d$arm %in% arms[c(i, j)], ]
  pv <- c(pv, pchisq(survdiff(Surv(time, event) ~ arm, data = two)$chisq, 1, lower.tail = FALSE))
}
holm <- p.adjust(pv, "holm")
write.csv(out, stdout(), row.names = FALSE)
REOF

cli_surv=$(time_median "$CLI" --db "$WORK/surv.pdxlab" --format csv stats survival --study BENCH-SURV)
cp "$WORK/last.out" "$WORK/cli-survival.csv"
r_surv=$(time_median Rscript "$WORK/survival.R" "$WORK/mice.csv")
cp "$WORK/last.out" "$WORK/r-survival.csv"

# The two must agree (median, log-rank chi-square, HR) before their times mean anything.
agree=$(awk -F, 'NR == FNR { if (FNR > 1) { gsub(/"/, ""); r[$1] = $4 " " $5 " " $7 } next }
  FNR > 1 { split(r[$1], x, " ");
            if (x[1] != "NA" && ($5 - x[1])^2 > 1e-12) bad++;
            if (x[2] != "NA" && ($9 - x[2])^2 > 1e-10) bad++;
            if (x[3] != "NA" && ($11 - x[3])^2 > 1e-12) bad++; n++ }
  END { print (bad || n != 4) ? "NO" : "yes" }' "$WORK/r-survival.csv" "$WORK/cli-survival.csv")

# ---- 2. stats response over the big demo lab ------------------------------------------------------
start=$(now)
"$CLI" --db "$WORK/big.pdxlab" demo --mice 10000 > /dev/null
demo_s=$(echo "$(now) - $start" | bc -l)
n_meas=$(sqlite3 "$WORK/big.pdxlab" 'SELECT count(*) FROM measurement' 2>/dev/null || echo "?")
n_mice=$(sqlite3 "$WORK/big.pdxlab" 'SELECT count(*) FROM mouse' 2>/dev/null || echo "?")
cli_resp=$(time_median "$CLI" --db "$WORK/big.pdxlab" --format csv stats response 2>/dev/null)
n_rows=$(($(wc -l < "$WORK/last.out") - 1))

# ---- report ---------------------------------------------------------------------------------------
set -- $cli_surv; cli_surv_wall=$1; cli_surv_cpu=$2
set -- $r_surv; r_surv_wall=$1; r_surv_cpu=$2
set -- $cli_resp; cli_resp_wall=$1; cli_resp_cpu=$2
printf '\nAnalysis benchmarks: whole processes, median of %s runs, wall / CPU (user+sys) seconds\n' "$RUNS"
printf '(%s CPUs, load average %s when done)\n\n' "$(nproc)" "$(cut -d' ' -f1 /proc/loadavg)"
printf '| %-56s | %-15s | %-15s | %-13s |\n' "task" "pdxtrack-cli" "R 4.2 survival" "R / pdxtrack"
printf '|%s|%s|%s|%s|\n' "----------------------------------------------------------" \
  "-----------------" "-----------------" "---------------"
printf '| %-56s | %6.3f / %6.3f | %6.3f / %6.3f | %5.1fx / %4.1fx |\n' \
  "stats survival, 100,000 mice, 4 arms (KM, log-rank, Cox)" \
  "$cli_surv_wall" "$cli_surv_cpu" "$r_surv_wall" "$r_surv_cpu" \
  "$(echo "$r_surv_wall / $cli_surv_wall" | bc -l)" "$(echo "$r_surv_cpu / $cli_surv_cpu" | bc -l)"
printf '| %-56s | %6.3f / %6.3f | %-15s | %-13s |\n' \
  "stats response, demo --mice 10000" "$cli_resp_wall" "$cli_resp_cpu" "(no peer)" "goal < 1 s"
printf '\nstats response: %s mice, %s measurements, %s rows printed.\n' "$n_mice" "$n_meas" "$n_rows"
printf 'Results agree with R (medians, log-rank chi-square, HR to 1e-6): %s\n' "$agree"
printf 'Setup, not timed above: import of the 100,000 mice %.2f s, demo --mice 10000 %.2f s.\n' \
  "$import_s" "$demo_s"
[ "$agree" = yes ]
