#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Counts test results from meson testlog.json files and prints "N passed, N failed" as its last
line.

A GTest executable run with --tap counts once per subtest ("ok"/"not ok" lines); an executable
that failed without saying which subtest (a crash, a timeout) counts as one more failure. A
missing log (a build that failed) counts as a failure. A subtest skipped ("ok N … # SKIP") or
marked incomplete for a known, named problem (g_test_incomplete: "not ok N … # TODO") counts
as neither; each is listed on a line of its own before the count. Exit 1 when anything
failed."""
import json
import re
import sys

passed = failed = 0
notes = []
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
        skips = re.findall(r"^ok \d+ (.*# SKIP.*)$", out, re.M)
        todos = re.findall(r"^not ok \d+ (.*# TODO.*)$", out, re.M)
        skip = len(skips)
        not_ok -= len(todos)
        if ok + not_ok + len(todos) == 0:
            ok = 1 if result in ("OK", "EXPECTEDFAIL") else 0
            if result == "SKIP":
                skip = 1
                skips = [entry.get("name")]
        passed += ok - skip
        failed += not_ok
        notes += [f"skipped: {entry.get('name')}: {t}" for t in skips]
        notes += [f"incomplete: {entry.get('name')}: {t}" for t in todos]
        if result not in ("OK", "EXPECTEDFAIL", "SKIP") and not_ok == 0:
            failed += 1
            print(f"FAILED: {entry.get('name')} ({result}) in {path}")
for note in notes:
    print(note)
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
