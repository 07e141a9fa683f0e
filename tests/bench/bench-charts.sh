#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# bench-charts.sh — the chart benchmark of issue 4, in one run:
#  1. a 1,000-mouse, 4-arm BLI study (make-chart-data.py, imported with `import mice` and
#     `import measurements`);
#  2. the growth and spider charts as 1600×1000 PNGs, drawn by `pdxtrack-cli chart` and by
#     matplotlib (charts-matplotlib.py) from the same data exported with `export measurements`,
#     each as a whole process, median of RUNS runs (default 5); plus matplotlib's own time after
#     its imports;
#  3. bench-chart-redraw: building and redrawing each chart at 1200×800 in-process, on the same
#     study.
# Usage: tests/bench/bench-charts.sh [BUILD_DIR]   (default: build). Needs /usr/bin/python3 with
# matplotlib. Leaves the four PNGs in tests/bench/out/ to compare by eye.
set -eu

BUILD=${1:-build}
HERE=$(cd "$(dirname "$0")" && pwd)
CLI=$(cd "$BUILD" && pwd)/app/cli/pdxtrack-cli
REDRAW=$(cd "$BUILD" && pwd)/tests/bench/bench-chart-redraw
PYTHON=/usr/bin/python3
RUNS=${RUNS:-5}
OUT="$HERE/out"
[ -x "$CLI" ] && [ -x "$REDRAW" ] || { echo "bench-charts: build $BUILD first" >&2; exit 1; }
"$PYTHON" -c 'import matplotlib' 2>/dev/null \
  || { echo "bench-charts: $PYTHON has no matplotlib (apt-get install python3-matplotlib)" >&2; exit 1; }
WORK=$(mktemp -d "${TMPDIR:-/tmp}/pdx-bench-charts-XXXXXX")
trap 'rm -rf "$WORK"' EXIT INT TERM
mkdir -p "$OUT"

# Runs "$@" RUNS times; prints the median wall and CPU (user + sys) seconds: "WALL CPU".
time_median () {
  i=0
  : > "$WORK/times"
  while [ $i -lt "$RUNS" ]; do
    /usr/bin/time -f '%e %U %S' -o "$WORK/time.one" "$@" > "$WORK/last.out"
    tail -n 1 "$WORK/time.one" >> "$WORK/times"
    i=$((i + 1))
  done
  sort -n "$WORK/times" | awk '{ wall[NR] = $1 } END { printf "%.3f ", wall[int((NR + 1) / 2)] }'
  awk '{ print $2 + $3 }' "$WORK/times" | sort -n \
    | awk '{ cpu[NR] = $1 } END { printf "%.3f", cpu[int((NR + 1) / 2)] }'
}

# ---- the study ----------------------------------------------------------------------------------
"$PYTHON" "$HERE/make-chart-data.py" "$WORK" 1000
"$CLI" --db "$WORK/lab.pdxlab" init > /dev/null
"$CLI" --db "$WORK/lab.pdxlab" import mice "$WORK/mice.csv" > /dev/null
"$CLI" --db "$WORK/lab.pdxlab" import measurements "$WORK/measurements.csv" > /dev/null
"$CLI" --db "$WORK/lab.pdxlab" export measurements --study BENCH-CHART --out "$WORK/export.csv" \
  > /dev/null
n_rows=$(($(wc -l < "$WORK/export.csv") - 1))

# ---- whole processes ------------------------------------------------------------------------------
for kind in growth spider; do
  set -- $(time_median "$CLI" --db "$WORK/lab.pdxlab" chart "$kind" --study BENCH-CHART \
             --out "$OUT/pdxtrack-$kind.png" --width 1600 --height 1000)
  eval "px_${kind}_wall=$1 px_${kind}_cpu=$2"
  set -- $(time_median "$PYTHON" "$HERE/charts-matplotlib.py" "$kind" "$WORK/export.csv" \
             "$OUT/matplotlib-$kind.png")
  eval "mpl_${kind}_wall=$1 mpl_${kind}_cpu=$2"
  # matplotlib's own figure after its imports (last run), for a view without interpreter start-up.
  eval "mpl_${kind}_render=$(sed -n 's/^render_s=//p' "$WORK/last.out")"
done

ratio () { echo "$1 / $2" | bc -l; }
printf '\nCharts of a 1,000-mouse study (%s measurements), 1600×1000 PNG, whole processes,\n' "$n_rows"
printf 'median of %s runs: wall / CPU (user+sys) seconds. %s CPUs, load average %s.\n\n' \
  "$RUNS" "$(nproc)" "$(cut -d' ' -f1 /proc/loadavg)"
printf '| %-6s | %-15s | %-15s | %-13s | %-22s |\n' "chart" "pdxtrack-cli" "matplotlib $("$PYTHON" -c 'import matplotlib; print(matplotlib.__version__)')" \
  "ratio" "matplotlib after import"
printf '|--------|-----------------|-----------------|---------------|------------------------|\n'
for kind in growth spider; do
  eval "pw=\$px_${kind}_wall pc=\$px_${kind}_cpu mw=\$mpl_${kind}_wall mc=\$mpl_${kind}_cpu mr=\$mpl_${kind}_render"
  printf '| %-6s | %6.3f / %6.3f | %6.3f / %6.3f | %5.1fx / %4.1fx | %20.3f s |\n' "$kind" "$pw" "$pc" \
    "$mw" "$mc" "$(ratio "$mw" "$pw")" "$(ratio "$mc" "$pc")" "$mr"
done
printf '\nGoal: pdxtrack at least 5x faster than matplotlib. Images: %s/\n\n' "$OUT"

# ---- in-process redraw ----------------------------------------------------------------------------
"$REDRAW" --db "$WORK/lab.pdxlab" --study BENCH-CHART --runs 50
printf '\nGoal: a redraw under 8 ms.\n'
