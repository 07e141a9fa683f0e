#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# bench-lmm.sh — the mixed-effects growth model of issue 17 against R's nlme in one run:
# a study of 1,000 mice × 12 measurement days in 4 arms (simulated here with awk: a random
# intercept and slope per mouse on log volume), imported into a lab, then
#   pdxtrack:  pdxtrack-cli stats growth-model --study BENCH-LMM (the whole process: opening
#              the lab, loading the study, the arm-growth rule, the fit, the table);
#   R:         Rscript reading the same observations (stats growth-model --observations) and
#              fitting lme(y ~ day * arm, random = ~ day | mouse, method = "REML"); R's time is
#              the fit alone (system.time around lme), without starting R or reading the file.
# The two fits must agree (estimates and SEs to 1e-4 relative) before the times mean anything.
# Usage: tests/bench/bench-lmm.sh [BUILD_DIR]   (default: build). Each timing is the median of
# RUNS runs (default 3). Needs Rscript with nlme (r-cran-nlme).
set -eu

BUILD=${1:-build}
CLI=$(cd "$BUILD" && pwd)/app/cli/pdxtrack-cli
RUNS=${RUNS:-3}
[ -x "$CLI" ] || { echo "bench-lmm: no $CLI (build first)" >&2; exit 1; }
command -v Rscript >/dev/null || { echo "bench-lmm: Rscript not found" >&2; exit 1; }
WORK=$(mktemp -d "${TMPDIR:-/tmp}/pdx-bench-lmm-XXXXXX")
trap 'rm -rf "$WORK"' EXIT INT TERM

# ---- the study: 4 arms of 250 mice, days 0, 3, …, 33 -------------------------------------------
awk -v n=1000 'BEGIN {
  srand(20261203);
  split("Vehicle,T-DM1,Tucatinib,Alpelisib + T-DM1", arm, ",");
  split("0.10,0.07,0.05,0.01", slope, ",");
  print "study,arm,mouse,control,day0,readout" > "/dev/stderr";
  print "study,mouse,day,mri_volume_mm3";
  pi = atan2(0, -1);
  for (i = 1; i <= n; i++) {
    a = (i - 1) % 4 + 1;
    printf "BENCH-LMM,%s,M%04d,%d,2024-01-01,mri_volume\n", arm[a], i, a == 1 > "/dev/stderr";
    # Box-Muller normals for the mouse: intercept, slope
    b0 = 0.3 * sqrt(-2 * log(1 - rand())) * cos(2 * pi * rand());
    b1 = 0.02 * sqrt(-2 * log(1 - rand())) * cos(2 * pi * rand());
    for (d = 0; d <= 33; d += 3) {
      e = 0.15 * sqrt(-2 * log(1 - rand())) * cos(2 * pi * rand());
      printf "BENCH-LMM,M%04d,%d,%.4f\n", i, d, exp(4.6 + b0 + (slope[a] + b1) * d + e);
    }
  }
}' > "$WORK/measurements.csv" 2> "$WORK/mice.csv"
"$CLI" --db "$WORK/lmm.pdxlab" init > /dev/null
"$CLI" --db "$WORK/lmm.pdxlab" import mice "$WORK/mice.csv" > /dev/null
"$CLI" --db "$WORK/lmm.pdxlab" import measurements "$WORK/measurements.csv" --accept-unusual \
  > /dev/null
"$CLI" --db "$WORK/lmm.pdxlab" --format csv stats growth-model --study BENCH-LMM --observations \
  2> /dev/null > "$WORK/observations.csv"
n_obs=$(($(wc -l < "$WORK/observations.csv") - 1))

cat > "$WORK/lmm.R" <<'REOF'
suppressPackageStartupMessages(library(nlme))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], stringsAsFactors = FALSE, check.names = FALSE)
d$arm <- factor(d$arm, levels = unique(d$arm))
t <- system.time(fit <- lme(y ~ day * arm, random = ~ day | mouse, data = d, method = "REML"))
tt <- summary(fit)$tTable
cat(sprintf("%.6f %.6f\n", t[["elapsed"]], t[["user.self"]] + t[["sys.self"]]), file = args[2])
write.csv(data.frame(term = rownames(tt), estimate = tt[, "Value"], se = tt[, "Std.Error"]),
          stdout(), row.names = FALSE)
REOF

# Runs "$@" RUNS times; prints the median wall and CPU (user + sys) seconds: "WALL CPU".
time_median () {
  : > "$WORK/times"
  i=0
  while [ $i -lt "$RUNS" ]; do
    /usr/bin/time -f '%e %U %S' -o "$WORK/time.one" "$@" > "$WORK/last.out"
    awk '{ print $1, $2 + $3 }' "$WORK/time.one" | tail -n 1 >> "$WORK/times"
    i=$((i + 1))
  done
  sort -n "$WORK/times" | awk '{ w[NR] = $1; c[NR] = $2 } END { m = int((NR + 1) / 2); printf "%.3f %.3f", w[m], c[m] }'
}
r_median () {
  : > "$WORK/rtimes"
  i=0
  while [ $i -lt "$RUNS" ]; do
    Rscript "$WORK/lmm.R" "$WORK/observations.csv" "$WORK/rtime.one" > "$WORK/r.out"
    cat "$WORK/rtime.one" >> "$WORK/rtimes"
    i=$((i + 1))
  done
  sort -n "$WORK/rtimes" | awk '{ w[NR] = $1; c[NR] = $2 } END { m = int((NR + 1) / 2); printf "%.3f %.3f", w[m], c[m] }'
}

cli=$(time_median "$CLI" --db "$WORK/lmm.pdxlab" --format csv stats growth-model --study BENCH-LMM 2> /dev/null)
cp "$WORK/last.out" "$WORK/cli.csv"
r=$(r_median)

agree=$(awk -F, 'NR == FNR { if (FNR > 1) { gsub(/"/, ""); e[$1] = $2; s[$1] = $3 } next }
  FNR > 1 && ($1 in e) { gsub(/"/, "");
    if (($2 - e[$1])^2 > (1e-4 * e[$1])^2 || ($3 - s[$1])^2 > (1e-4 * s[$1])^2) bad++; n++ }
  END { print (bad || n != 8) ? "NO" : "yes" }' "$WORK/r.out" "$WORK/cli.csv")

set -- $cli; cli_wall=$1; cli_cpu=$2
set -- $r; r_wall=$1; r_cpu=$2
printf '\nGrowth model benchmark: median of %s runs, wall / CPU (user+sys) seconds\n' "$RUNS"
printf '(%s CPUs, load average %s when done)\n\n' "$(nproc)" "$(cut -d' ' -f1 /proc/loadavg)"
printf '| %-48s | %-15s | %-15s | %-13s |\n' "task" "pdxtrack-cli" "R nlme (fit)" "R / pdxtrack"
printf '|%s|%s|%s|%s|\n' "--------------------------------------------------" "-----------------" \
  "-----------------" "---------------"
printf '| %-48s | %6.3f / %6.3f | %6.3f / %6.3f | %5.1fx / %4.1fx |\n' \
  "REML growth model, 1,000 mice, $n_obs measurements" "$cli_wall" "$cli_cpu" "$r_wall" "$r_cpu" \
  "$(echo "$r_wall / $cli_wall" | bc -l)" "$(echo "$r_cpu / ($cli_cpu + 0.0005)" | bc -l)"
printf '\nThe two fits agree (estimates and SEs to 1e-4): %s\n' "$agree"
[ "$agree" = yes ]
