#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the chart benchmark's study: OUT/mice.csv and OUT/measurements.csv for one BLI study,
BENCH-CHART, of N mice in 4 arms imaged twice a week from day -1 to day 41 (about 13 images per
mouse), with body weights. Tumours grow log-linearly at an arm's rate with per-mouse scatter;
a mouse whose flux passes 5e9 photons/s reaches its humane endpoint and is not imaged again.
Deterministic (seeded).

Usage: make-chart-data.py OUT N"""
import math
import random
import sys
from datetime import date, timedelta

out, n_mice = sys.argv[1], int(sys.argv[2])
rng = random.Random(4)
arms = [  # name, control, log-growth per day, its SD between mice
    ("Vehicle", 1, 0.16, 0.025),
    ("T-DM1", 0, 0.12, 0.03),
    ("Tucatinib + trastuzumab", 0, 0.08, 0.03),
    ("Alpelisib + T-DM1", 0, -0.03, 0.03),
]
day0 = date(2026, 1, 5)
implant = day0 - timedelta(days=14)
days = [-1, 2, 6, 9, 13, 16, 20, 23, 27, 30, 34, 37, 41]
limit = 5e9

with open(f"{out}/mice.csv", "w") as mice, open(f"{out}/measurements.csv", "w") as meas:
    mice.write("study,arm,mouse,control,cage,sex,implant_date,day0,readout,end_date,event\n")
    meas.write("study,mouse,date,bli_flux,weight_g\n")
    for m in range(n_mice):
        name, control, rate, spread = arms[m % len(arms)]
        tag = f"M{m + 1:04d}"
        flux = 2e7 * rng.lognormvariate(0, 0.35)
        weight = 21 + rng.gauss(0, 1)
        my_rate = rng.gauss(rate, spread)
        end = None
        for i, d in enumerate(days):
            if i > 0:
                step = d - days[i - 1]
                flux *= math.exp(my_rate * step + rng.gauss(0, 0.15))
                weight += rng.gauss(-0.02 * step, 0.2)
            meas.write(f"BENCH-CHART,{tag},{day0 + timedelta(days=d)},{flux:.6g},{weight:.1f}\n")
            if flux > limit:
                end = day0 + timedelta(days=d + 1)
                break
        end_date, event = (end.isoformat(), 1) if end else ((day0 + timedelta(days=42)).isoformat(), 0)
        mice.write(f"BENCH-CHART,{name},{tag},{control},C{m // 5:04d},F,{implant},{day0},"
                   f"bli_flux,{end_date},{event}\n")
