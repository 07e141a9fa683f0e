#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# bench-history.sh — the History's queries (issue 12) on `pdxtrack-cli demo --mice 10000` (about
# 400,000 audit entries): the first page, a page half way down, filtered pages (one study, one
# mouse, one operator, an action, a day, searches) and their counts, in-process through
# bench-history; then `pdxtrack-cli history` of one mouse and of a search as whole processes.
# Usage: tests/bench/bench-history.sh [BUILD_DIR]   (default: build). $PDXTRACK_BENCH_LAB: an
# existing demo lab to use instead of making one (it takes about two minutes).
set -eu

BUILD=$(cd "${1:-build}" && pwd)
CLI=$BUILD/app/cli/pdxtrack-cli
BENCH=$BUILD/tests/bench/bench-history
[ -x "$CLI" ] && [ -x "$BENCH" ] || { echo "bench-history: build first ($CLI, $BENCH)" >&2; exit 1; }
WORK=$(mktemp -d "${TMPDIR:-/tmp}/pdx-bench-history-XXXXXX")
trap 'rm -rf "$WORK"' EXIT INT TERM

LAB=${PDXTRACK_BENCH_LAB:-}
if [ -z "$LAB" ]; then
  LAB=$WORK/demo.pdxlab
  "$CLI" --db "$LAB" demo --mice 10000 >/dev/null
fi
echo "lab: $LAB ($("$CLI" --db "$LAB" --format csv history --limit 1 | wc -l) line(s) of history read)"
"$BENCH" "$LAB" --runs "${RUNS:-5}"
for args in "--mouse D-07 --limit 200" "--search weight --limit 200"; do
  # shellcheck disable=SC2086
  /usr/bin/time -f "pdxtrack-cli history $args: %e s wall, %M kB peak" \
    "$CLI" --db "$LAB" history $args >/dev/null
done
# The page itself in a real window: first page, scrolling the study's whole trail, memory.
if command -v xvfb-run >/dev/null && [ -x "$BUILD/tests/bench/bench-gui-history" ]; then
  PDXTRACK_BENCH_LAB=$LAB GTK_A11Y=none GSK_RENDERER=cairo \
    xvfb-run -a -s '-screen 0 1440x900x24' "$BUILD/tests/bench/bench-gui-history" | grep -v '^#'
fi
