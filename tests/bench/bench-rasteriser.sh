#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# bench-rasteriser.sh — the renderer's own rasteriser (pdx-chart-raster.c) against plain cairo:
# bench-chart-redraw on 4-arm BLI studies of 40, 100, 200 and 1,000 mice, each chart redrawn
# at 1200×800 RUNS times (default 30) with the rasteriser and with PDX_CHART_RASTER=cairo.
# Prints one table: per study size and chart, the median draw time (this thread's CPU time,
# steadier than wall time on a shared machine; wall in brackets) of both, and their ratio.
# Usage: tests/bench/bench-rasteriser.sh [BUILD_DIR]   (default: build; REDRAW=PATH runs another
# bench-chart-redraw binary). docs/chart-rasteriser.md keeps a run and the decision it supports.
set -eu

BUILD=${1:-build}
REDRAW=${REDRAW:-$(cd "$BUILD" && pwd)/tests/bench/bench-chart-redraw}
RUNS=${RUNS:-30}
[ -x "$REDRAW" ] || { echo "bench-rasteriser: build $BUILD first" >&2; exit 1; }

# "chart cpu wall" per line, from bench-chart-redraw's table.
rows () {
  awk -F'|' '/^\| [a-z]/ && $2 !~ /chart/ { gsub(/ /, "", $2); gsub(/ /, "", $6); gsub(/ /, "", $4);
                                            print $2, $6, $4 }'
}

echo "| mice | chart     | rasteriser CPU ms (wall) | cairo CPU ms (wall) | cairo / rasteriser |"
echo "|-----:|-----------|-------------------------:|--------------------:|-------------------:|"
for mice in 40 100 200 1000; do
  fast=$("$REDRAW" --mice "$mice" --runs "$RUNS" | rows)
  slow=$(PDX_CHART_RASTER=cairo "$REDRAW" --mice "$mice" --runs "$RUNS" | rows)
  echo "$fast" | while read -r chart cpu wall; do
    line=$(echo "$slow" | awk -v c="$chart" '$1 == c')
    set -- $line
    awk -v m="$mice" -v c="$chart" -v fc="$cpu" -v fw="$wall" -v sc="$2" -v sw="$3" 'BEGIN {
      printf "| %4d | %-9s | %12.2f (%7.2f) | %9.2f (%7.2f) | %17.2fx |\n", m, c, fc, fw, sc, sw,
             (fc > 0 ? sc / fc : 0) }'
  done
done
