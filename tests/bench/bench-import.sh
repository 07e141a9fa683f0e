#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# bench-import.sh — issue 2's import benchmark, in one run: a 1,000,000-row measurements CSV for
# 10,000 mice imported by `pdxtrack-cli import measurements` (validated, one transaction, indexed,
# audited, crash-safe WAL with synchronous=FULL) against the sqlite3 shell's `.import` of the same
# file into a plain table (no constraints, no index, default rollback journal).
# Usage: tests/bench/bench-import.sh [BUILD_DIR]   (default: build). RUNS (default 3) runs each;
# medians of wall and CPU time are printed.
set -eu

BUILD=${1:-build}
CLI=$(cd "$BUILD" && pwd)/app/cli/pdxtrack-cli
HERE=$(cd "$(dirname "$0")" && pwd)
RUNS=${RUNS:-3}
ROWS=${ROWS:-1000000}
MICE=${MICE:-10000}
[ -x "$CLI" ] || { echo "bench-import: no $CLI (build first)" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "bench-import: sqlite3 shell not found" >&2; exit 1; }
WORK=$(mktemp -d "${TMPDIR:-/tmp}/pdx-bench-import-XXXXXX")
trap 'rm -rf "$WORK"' EXIT INT TERM

/usr/bin/python3 "$HERE/make-import-data.py" "$WORK" "$MICE" "$ROWS"
"$CLI" --db "$WORK/mice.pdxlab" init > /dev/null
"$CLI" --db "$WORK/mice.pdxlab" import mice "$WORK/mice.csv" > /dev/null

# Prints "WALL CPU" in seconds for one run of "$@" (after PREPARE, untimed).
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
  # The generated fluxes reach 1.06e13 photons/s, above the usual 1e13: confirmed.
  timed "$CLI" --db "$WORK/lab.pdxlab" import measurements "$WORK/measurements.csv" --accept-unusual >> "$WORK/pdx"
  timed sqlite3 "$WORK/plain.db" ".mode csv" ".import $WORK/measurements.csv measurements" >> "$WORK/shell"
  i=$((i + 1))
done
rows=$(sqlite3 "$WORK/lab.pdxlab" "SELECT count(*) FROM measurement")
[ "$rows" -eq "$ROWS" ] || { echo "bench-import: pdxtrack imported $rows rows, not $ROWS" >&2; exit 1; }

pw=$(cut -d' ' -f1 "$WORK/pdx" | median); pc=$(cut -d' ' -f2 "$WORK/pdx" | median)
sw=$(cut -d' ' -f1 "$WORK/shell" | median); sc=$(cut -d' ' -f2 "$WORK/shell" | median)
echo "import of $ROWS measurement rows ($MICE mice), median of $RUNS runs"
printf '%-44s %10s %10s\n' "" "wall (s)" "CPU (s)"
printf '%-44s %10s %10s\n' "pdxtrack-cli import measurements" "$pw" "$pc"
printf '%-44s %10s %10s\n' "sqlite3 .import into a plain table" "$sw" "$sc"
awk -v pw="$pw" -v pc="$pc" -v sw="$sw" -v sc="$sc" \
  'BEGIN { printf "%-44s %9.1fx %9.1fx\n", "ratio pdxtrack / sqlite3", pw / sw, pc / sc }'
