#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# bench-memory.sh — peak memory of the analyses and exports does not grow with the lab (issue 11).
#
# Runs each command below on `demo --mice 10000` and on `demo --mice 40000` and prints, side by
# side, its peak resident set (max RSS from /usr/bin/time, in MB) and the ratio 40,000 : 10,000.
# Fails (exit 1) when a ratio exceeds 1.2: a command whose memory grows with the whole lab
# rather than with the study it works on. The per-study commands run on BIG-001 (500 mice, the
# same study in both labs); `stats response` without --study reads every study of the lab.
# Where the app is built (and xvfb-run found), bench-gui-memory then reports the app's peak
# after visiting every page of the 10,000-mouse lab's biggest study, and fails at 200 MB.
#
# Usage: tests/bench/bench-memory.sh [BUILD_DIR]   (default: build)
# The two labs are built once (demo --mice 40000 takes about 40 s) into $PDX_BENCH_LABS
# (default: ${TMPDIR:-/tmp}/pdx-bench-memory) and kept there for the next run. Needs GNU time
# (/usr/bin/time, Debian package `time`).
set -eu

BUILD=${1:-build}
CLI=$(cd "$BUILD" && pwd)/app/cli/pdxtrack-cli
LABS=${PDX_BENCH_LABS:-${TMPDIR:-/tmp}/pdx-bench-memory}
LIMIT=1.2
[ -x "$CLI" ] || { echo "bench-memory: no $CLI (build first)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "bench-memory: /usr/bin/time not found (apt-get install time)" >&2; exit 1; }
mkdir -p "$LABS"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/pdx-bench-memory-XXXXXX")
trap 'rm -rf "$WORK"' EXIT INT TERM

for mice in 10000 40000; do
  lab="$LABS/lab-$mice.pdxlab"
  if [ ! -f "$lab" ]; then
    echo "bench-memory: building $lab (demo --mice $mice)…" >&2
    "$CLI" --db "$lab.part" demo --mice "$mice" > /dev/null
    mv "$lab.part" "$lab"
  fi
done

# Prints the peak RSS in kB of "$@" (stdout and stderr to $WORK/out); fails when it fails.
peak_kb () {
  if ! /usr/bin/time -f '%M' -o "$WORK/time" "$@" > "$WORK/out" 2>&1; then
    echo "bench-memory: failed: $*" >&2
    cat "$WORK/out" >&2
    return 1
  fi
  tail -n 1 "$WORK/time"
}

# name|arguments after --db LAB (OUT stands for a fresh output file)
cat > "$WORK/commands" <<'EOF'
stats response (every study, table)|stats response
stats response (every study, CSV)|--format csv stats response
stats survival --study BIG-001|stats survival --study BIG-001
stats weight --study BIG-001|stats weight --study BIG-001
export summary --study BIG-001 (CSV)|export summary --study BIG-001 --out OUT.csv
export summary --study BIG-001 (XLSX)|export summary --study BIG-001 --out OUT.xlsx
export measurements --study BIG-001|export measurements --study BIG-001 --out OUT.csv
report --study BIG-001|report --study BIG-001 --out OUT.pdf
EOF

printf '\nPeak memory (max RSS, MB) on demo --mice 10000 and demo --mice 40000, one run each\n\n'
printf '| %-40s | %10s | %10s | %6s |\n' "command" "10,000" "40,000" "ratio"
printf '|%s|%s|%s|%s|\n' "------------------------------------------" "------------" \
  "------------" "--------"
status=0
while IFS='|' read -r name args; do
  n=0
  for mice in 10000 40000; do
    n=$((n + 1))
    rm -f "$WORK"/OUT.*
    # shellcheck disable=SC2086 # the arguments are words on purpose
    set -- $(printf '%s' "$args" | sed "s|OUT|$WORK/OUT|")
    kb=$(peak_kb "$CLI" --db "$LABS/lab-$mice.pdxlab" "$@") || exit 1
    eval "kb$n=$kb"
  done
  ratio=$(awk -v a="$kb1" -v b="$kb2" 'BEGIN { printf "%.2f", b / a }')
  over=$(awk -v r="$ratio" -v l="$LIMIT" 'BEGIN { print (r > l) ? 1 : 0 }')
  printf '| %-40s | %10.1f | %10.1f | %5s%s |\n' "$name" "$(echo "$kb1 / 1024" | bc -l)" \
    "$(echo "$kb2 / 1024" | bc -l)" "$ratio" "$([ "$over" = 1 ] && echo '!' || echo ' ')"
  [ "$over" = 0 ] || status=1
done < "$WORK/commands"
printf '\n%s\n' "$([ $status = 0 ] && echo "Every ratio within $LIMIT: met." ||
                   echo "A ratio (marked !) exceeds $LIMIT: memory grows with the lab.")"

# The app (when built): every page of the 10,000-mouse lab's biggest study, cairo renderer.
GUI_BENCH=$(cd "$BUILD" && pwd)/tests/bench/bench-gui-memory
if [ -x "$GUI_BENCH" ] && command -v xvfb-run > /dev/null; then
  if ! PDXTRACK_BENCH_LAB="$LABS/lab-10000.pdxlab" GSK_RENDERER=cairo GTK_A11Y=none \
       NO_AT_BRIDGE=1 GSETTINGS_BACKEND=memory xvfb-run -a -s '-screen 0 1440x900x24' \
       "$GUI_BENCH" > "$WORK/gui.out" 2>&1; then
    status=1
  fi
  grep -v '^#' "$WORK/gui.out" || { cat "$WORK/gui.out" >&2; status=1; }
fi
exit $status
