#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The benchmark's peer: matplotlib draws the growth or spider chart of one study from
`pdxtrack-cli export measurements` CSV, as pdxtrack draws it — BLI flux on a log axis, Okabe–Ito
colours, arm mean ± SEM with each arm's curve stopping at the last day on which at least half of
its starting mice are measured (growth), or every mouse's curve coloured by arm (spider); titles,
axis titles with units, legend; a 1600×1000 PNG.

Usage: charts-matplotlib.py growth|spider MEASUREMENTS.csv OUT.png
Prints "render_s=…" (reading, computing, drawing and saving, after the imports) on stdout."""
import csv
import math
import sys
import time

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402

OKABE_ITO = ["#000000", "#E69F00", "#56B4E9", "#009E73", "#0072B2", "#D55E00", "#CC79A7"]


def read(path):
    """Per arm (in order of appearance): {mouse: [(day, flux), ...]}."""
    arms = {}
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["bli_flux"] == "" or row["arm"] == "":
                continue
            mice = arms.setdefault(row["arm"], {})
            mice.setdefault(row["mouse"], []).append((float(row["day"]), float(row["bli_flux"])))
    return arms


def arm_curve(mice):
    """Days, mean, SEM, n of one arm, cut where fewer than half its mice remain (all mice of the
    benchmark study are imaged on the same days, so no interpolation is needed)."""
    by_day = {}
    for series in mice.values():
        for day, flux in series:
            by_day.setdefault(day, []).append(flux)
    days, means, sems, ns = [], [], [], []
    for day in sorted(by_day):
        values = by_day[day]
        n = len(values)
        if 2 * n < len(mice):
            break
        mean = sum(values) / n
        sd = math.sqrt(sum((v - mean) ** 2 for v in values) / (n - 1)) if n > 1 else 0
        days.append(day)
        means.append(mean)
        sems.append(sd / math.sqrt(n))
        ns.append(n)
    return days, means, sems, ns


def draw(kind, arms, out):
    fig, ax = plt.subplots(figsize=(16, 10), dpi=100)
    handles = []
    for i, (arm, mice) in enumerate(arms.items()):
        colour = OKABE_ITO[i % len(OKABE_ITO)]
        if kind == "growth":
            days, means, sems, _ = arm_curve(mice)
            ax.errorbar(days, means, yerr=sems, color=colour, marker="o", markersize=4,
                        capsize=3, linewidth=1.75)
        else:
            for series in mice.values():
                ax.plot([d for d, _ in series], [v for _, v in series], color=colour,
                        linewidth=1.0, alpha=0.8)
        handles.append(Line2D([], [], color=colour, marker="o" if kind == "growth" else None,
                              label=f"{arm} (n = {len(mice)})"))
    ax.set_yscale("log")
    ax.set_xlabel("Days since treatment start")
    ax.set_ylabel("BLI total flux (photons/s)")
    ax.set_title("BENCH-CHART — " + ("Tumour growth" if kind == "growth"
                                      else "Individual tumour growth"), loc="left")
    ax.spines["top"].set_visible(False)
    ax.spines["right"].set_visible(False)
    ax.grid(axis="y", color="#e6e6e6")
    ax.legend(handles=handles, loc="best")
    fig.savefig(out)
    plt.close(fig)


def main():
    kind, path, out = sys.argv[1], sys.argv[2], sys.argv[3]
    start = time.perf_counter()
    draw(kind, read(path), out)
    print(f"render_s={time.perf_counter() - start:.4f}")


if __name__ == "__main__":
    main()
