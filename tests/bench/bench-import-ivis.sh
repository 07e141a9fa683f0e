#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# bench-import-ivis.sh — issue 15's IVIS benchmark: a Living Image ROI export of 10,000 ROIs
# (5,000 mice, a dorsal and a ventral image each, Windows-1252, tab-delimited) imported by
# `pdxtrack-cli import ivis` (mapped, summed by mouse and day, every ROI kept, audited row by row,
# one transaction) against the sqlite3 shell's `.import` of the same rows into a plain table.
# Usage: tests/bench/bench-import-ivis.sh [BUILD_DIR]   (default: build). RUNS (default 3) runs
# each; medians of wall and CPU time are printed.
set -eu

BUILD=${1:-build}
CLI=$(cd "$BUILD" && pwd)/app/cli/pdxtrack-cli
RUNS=${RUNS:-3}
MICE=${MICE:-5000}
[ -x "$CLI" ] || { echo "bench-import-ivis: no $CLI (build first)" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "bench-import-ivis: sqlite3 shell not found" >&2; exit 1; }
WORK=$(mktemp -d "${TMPDIR:-/tmp}/pdx-bench-ivis-XXXXXX")
trap 'rm -rf "$WORK"' EXIT INT TERM

/usr/bin/python3 - "$WORK" "$MICE" <<'PY'
import sys
work, mice = sys.argv[1], int(sys.argv[2])
with open(f"{work}/mice.csv", "w") as f:
    f.write("study,arm,mouse,implant_date,day0,readout\n")
    for m in range(1, mice + 1):
        f.write(f"BENCH,{'Vehicle' if m % 2 else 'T-DM1'},{m},2026-01-05,2026-01-19,bli_flux\n")
rows = ["Image Number\tROI\tImage Layer\tTotal Flux [p/s]\tAvg Radiance [p/s/cm\u00b2/sr]\tMin Radiance\tROI Label\tView"]
for m in range(1, mice + 1):
    for view, minute in (("dorsal", 10), ("ventral", 40)):
        image = f"JD20260210{9 + (m // 1000):02d}{minute + m % 10:02d}00_{m:04d}"
        rows.append(f"{image}\tROI 1\tOverlay\t{1.0e6 + m * 1.5e3:.4E}\t{2.0e4 + m:.4E}\t{-1.0e3:.3E}\t{m}\t{view}")
open(f"{work}/export.txt", "wb").write(("\r\n".join(rows) + "\r\n").encode("cp1252"))
PY
"$CLI" --db "$WORK/mice.pdxlab" init > /dev/null
"$CLI" --db "$WORK/mice.pdxlab" import mice "$WORK/mice.csv" > /dev/null

timed () {
  /usr/bin/time -f '%e %U %S' -o "$WORK/t" "$@" > /dev/null
  awk '{ printf "%.2f %.2f\n", $1, $2 + $3 }' "$WORK/t"
}
median () { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

: > "$WORK/pdx"; : > "$WORK/shell"
i=0
while [ $i -lt "$RUNS" ]; do
  rm -f "$WORK/lab.pdxlab" "$WORK/lab.pdxlab-wal" "$WORK/lab.pdxlab-shm" "$WORK/plain.db"
  cp "$WORK/mice.pdxlab" "$WORK/lab.pdxlab"
  timed "$CLI" --db "$WORK/lab.pdxlab" import ivis "$WORK/export.txt" --study BENCH >> "$WORK/pdx"
  timed sqlite3 "$WORK/plain.db" ".mode tabs" ".import $WORK/export.txt rois" >> "$WORK/shell"
  i=$((i + 1))
done
rois=$(sqlite3 "$WORK/lab.pdxlab" "SELECT count(*) FROM imaging_roi")
[ "$rois" -eq $((2 * MICE)) ] || { echo "bench-import-ivis: $rois ROIs stored, not $((2 * MICE))" >&2; exit 1; }

pw=$(cut -d' ' -f1 "$WORK/pdx" | median); pc=$(cut -d' ' -f2 "$WORK/pdx" | median)
sw=$(cut -d' ' -f1 "$WORK/shell" | median); sc=$(cut -d' ' -f2 "$WORK/shell" | median)
echo "IVIS import of $((2 * MICE)) ROIs ($MICE mice, two views), median of $RUNS runs"
printf '%-44s %10s %10s\n' "" "wall (s)" "CPU (s)"
printf '%-44s %10s %10s\n' "pdxtrack-cli import ivis" "$pw" "$pc"
printf '%-44s %10s %10s\n' "sqlite3 .import into a plain table" "$sw" "$sc"
awk -v pw="$pw" -v pc="$pc" -v sw="$sw" -v sc="$sc" \
  'BEGIN { printf "%-44s %9.1fx %9.1fx\n", "ratio pdxtrack / sqlite3", pw / sw, pc / sc }'
