#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the import benchmark's inputs: OUT/mice.csv (N mice in 4 arms of one study) and
OUT/measurements.csv (ROWS rows: each mouse measured on consecutive days, BLI and weight).
Deterministic."""
import random
import sys
from datetime import date, timedelta

out, n_mice, n_rows = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(1)
arms = ["Vehicle", "T-DM1", "Tucatinib + trastuzumab", "Alpelisib + T-DM1"]
day0 = date(2026, 1, 5)
with open(f"{out}/mice.csv", "w") as f:
    f.write("study,arm,mouse,cage,sex,implant_date,day0,readout\n")
    for m in range(n_mice):
        f.write(f"BENCH,{arms[m % 4]},M{m:05d},C{m // 5:04d},F,2025-12-22,2026-01-05,bli_flux\n")
per_mouse = n_rows // n_mice
with open(f"{out}/measurements.csv", "w") as f:
    f.write("study,mouse,date,bli_flux,weight_g,operator\n")
    for m in range(n_mice):
        flux, weight = 2e7 * rng.lognormvariate(0, 0.4), 21 + rng.gauss(0, 1)
        for d in range(per_mouse):
            f.write(f"BENCH,M{m:05d},{day0 + timedelta(days=d - 1)},{flux:.6g},{weight:.1f},A. Moreno\n")
            flux *= 1.05 * rng.lognormvariate(0, 0.2)
            weight += rng.gauss(0, 0.15)
