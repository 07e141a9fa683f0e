#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Counts test results from meson testlog.json files and prints "N passed, N failed".

A GTest executable run with --tap counts once per subtest ("ok"/"not ok" lines); an executable
that failed without saying which subtest (a crash, a timeout) counts as one more failure. A
missing log (a build that failed) counts as a failure. Exit 1 when anything failed."""
import json
import re
import sys

passed = failed = skipped = 0
for path in sys.argv[1:]:
    try:
        lines = open(path, encoding="utf-8").read().splitlines()
    except OSError:
        print(f"{path}: missing (the build failed)")
        failed += 1
        continue
    for line in lines:
        entry = json.loads(line)
        result = entry.get("result")
        out = entry.get("stdout") or ""
        ok = len(re.findall(r"^ok \d+", out, re.M))
        not_ok = len(re.findall(r"^not ok \d+", out, re.M))
        skip = len(re.findall(r"^ok \d+ .*# SKIP", out, re.M))
        if ok + not_ok == 0:
            ok = 1 if result in ("OK", "EXPECTEDFAIL") else 0
            skip = 1 if result == "SKIP" else 0
        passed += ok - skip
        skipped += skip
        failed += not_ok
        if result not in ("OK", "EXPECTEDFAIL", "SKIP") and not_ok == 0:
            failed += 1
            print(f"FAILED: {entry.get('name')} ({result}) in {path}")
line = f"{passed} passed, {failed} failed"
if skipped:
    line += f", {skipped} skipped"
print(line)
sys.exit(1 if failed else 0)
