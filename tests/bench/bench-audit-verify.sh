#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# bench-audit-verify.sh — issue 12's chain benchmark: `pdxtrack-cli audit verify` (every entry's
# SHA-256 recomputed) and `check` (the chain, the schema, every audited row against its newest
# entry) on the demo lab with 10,000 extra mice; also the time to write that lab (every entry
# chained as it is written). Must stay under 2 s for verify.
# Usage: tests/bench/bench-audit-verify.sh [BUILD_DIR]   (default: build). RUNS (default 3) runs;
# medians of wall and CPU time. PDXTRACK_BENCH_LAB=FILE reuses a lab made before.
set -eu

BUILD=${1:-build}
CLI=$(cd "$BUILD" && pwd)/app/cli/pdxtrack-cli
RUNS=${RUNS:-3}
MICE=${MICE:-10000}
[ -x "$CLI" ] || { echo "bench-audit-verify: no $CLI (build first)" >&2; exit 1; }
WORK=$(mktemp -d "${TMPDIR:-/tmp}/pdx-bench-verify-XXXXXX")
trap 'rm -rf "$WORK"' EXIT INT TERM

# Prints "WALL CPU" in seconds for one run of "$@".
timed () {
  /usr/bin/time -f '%e %U %S' -o "$WORK/t" "$@" > /dev/null
  awk '{ printf "%.2f %.2f\n", $1, $2 + $3 }' "$WORK/t"
}

median () { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

LAB=${PDXTRACK_BENCH_LAB:-}
if [ -z "$LAB" ]; then
  LAB="$WORK/lab.pdxlab"
  made=$(timed "$CLI" --db "$LAB" demo --seed 7 --mice "$MICE")
  echo "demo --mice $MICE written in $made (wall CPU, s)"
fi
entries=$(sqlite3 "$LAB" "SELECT count(*) FROM audit_log")

: > "$WORK/verify"; : > "$WORK/check"
i=0
while [ $i -lt "$RUNS" ]; do
  timed "$CLI" --db "$LAB" audit verify >> "$WORK/verify"
  timed "$CLI" --db "$LAB" check >> "$WORK/check"
  i=$((i + 1))
done
echo "audit chain of $entries entries (demo --mice $MICE), median of $RUNS runs"
printf '%-36s %10s %10s\n' "" "wall (s)" "CPU (s)"
printf '%-36s %10s %10s\n' "pdxtrack-cli audit verify" "$(cut -d' ' -f1 "$WORK/verify" | median)" \
  "$(cut -d' ' -f2 "$WORK/verify" | median)"
printf '%-36s %10s %10s\n' "pdxtrack-cli check" "$(cut -d' ' -f1 "$WORK/check" | median)" \
  "$(cut -d' ' -f2 "$WORK/check" | median)"
vw=$(cut -d' ' -f1 "$WORK/verify" | median)
awk -v w="$vw" 'BEGIN { if (w >= 2) { print "bench-audit-verify: audit verify took " w " s, over 2 s"; exit 1 } }'
