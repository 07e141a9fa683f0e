#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# make-readme-charts.sh — regenerates the three chart images README.md shows, from a fresh demo
# lab, with the command line as anyone would run it.
# Usage: tests/bench/make-readme-charts.sh [BUILD_DIR]   (default: build). Writes docs/chart-*.png.
set -eu

BUILD=${1:-build}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CLI=$(cd "$BUILD" && pwd)/app/cli/pdxtrack-cli
[ -x "$CLI" ] || { echo "make-readme-charts: no $CLI (build first)" >&2; exit 1; }
WORK=$(mktemp -d "${TMPDIR:-/tmp}/pdx-readme-charts-XXXXXX")
trap 'rm -rf "$WORK"' EXIT INT TERM
mkdir -p "$ROOT/docs"

"$CLI" --db "$WORK/lab.pdxlab" demo --seed 1 > /dev/null
# 1400×900 pixels at 150 dpi: a 9.3 × 6 inch figure, sharp when GitHub scales it down.
chart () {
  "$CLI" --db "$WORK/lab.pdxlab" chart "$@" --width 1400 --height 900 --dpi 150
}
chart growth --study ICR-017-A --out "$ROOT/docs/chart-growth.png"
chart waterfall --study MFP-031-C --by-class --out "$ROOT/docs/chart-waterfall.png"
chart survival --study ICR-023-B --out "$ROOT/docs/chart-survival.png"
