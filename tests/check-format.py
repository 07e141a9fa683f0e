#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""check-format.py SOURCE_ROOT [--fix] [--style FILE] [--expect FILE]...: the C sources follow
.clang-format.

The sources are the .c and .h files under app/, include/ and tests/ of SOURCE_ROOT, except test
fixtures, fuzz corpora and build folders (generated files live in the build folder). Each is
checked with `clang-format --dry-run --Werror` against the project's .clang-format (--style FILE
names another one, for the fixtures). Exit 1, naming every file that clang-format would change,
when one would; exit 77 (skipped) only when clang-format is not installed.

--fix rewrites the files in place instead (the one command for reformatting the tree:
`tests/check-format.py . --fix`). --expect FILE (repeatable, relative to SOURCE_ROOT) turns the
check round for a fixture: exit 0 only when exactly those files are reported.
"""
import os
import re
import shutil
import subprocess
import sys

TOP_DIRS = ("app", "include", "tests")
SKIP_DIRS = {".git", "fixtures", "corpus"}
# clang-format 14 (Debian 12) is the version .clang-format is written for.
CANDIDATES = ("clang-format-14", "clang-format")
VIOLATION = re.compile(r"^(.*?):(\d+):\d+: (?:error|warning): code should be clang-formatted")


def sources(root):
    for top in TOP_DIRS:
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS
                                 and not d.startswith(("build", "_")))
            for name in sorted(filenames):
                if name.endswith((".c", ".h")):
                    yield os.path.relpath(os.path.join(dirpath, name), root)


def parse_args(argv):
    root, fix, style, expect = None, False, None, set()
    args = iter(argv)
    for arg in args:
        if arg == "--fix":
            fix = True
        elif arg == "--style":
            style = next(args)
        elif arg == "--expect":
            expect.add(os.path.normpath(next(args)))
        elif root is None:
            root = arg
        else:
            sys.exit("check-format.py: unexpected argument %r" % arg)
    if root is None:
        sys.exit(__doc__)
    return root, fix, os.path.abspath(style or os.path.join(root, ".clang-format")), expect


def misformatted(tool, style, root, files):
    """The files (relative to @root) clang-format would change, with the first line each."""
    proc = subprocess.run([tool, "--dry-run", "--Werror", "--style=file:" + style] + files,
                          cwd=root, capture_output=True, text=True)
    found = {}
    for line in proc.stderr.splitlines():
        m = VIOLATION.match(line)
        if m:
            found.setdefault(os.path.normpath(m.group(1)), int(m.group(2)))
    if proc.returncode != 0 and not found:
        sys.exit("check-format.py: %s failed:\n%s" % (tool, proc.stderr))
    return found


def main():
    root, fix, style, expect = parse_args(sys.argv[1:])
    tool = next((t for t in CANDIDATES if shutil.which(t)), None)
    if tool is None:
        print("clang-format is not installed (tests/deps installs it): skipped")
        return 77
    files = list(sources(root))
    if fix:
        subprocess.run([tool, "-i", "--style=file:" + style] + files, cwd=root, check=True)
        return 0
    found = misformatted(tool, style, root, files)
    for rel in sorted(found):
        print("%s:%d: not formatted as .clang-format says (tests/check-format.py . --fix)"
              % (rel, found[rel]))
    print("%d of %d C files not formatted (%s)" % (len(found), len(files), tool))
    if expect:
        if set(found) != expect:
            print("expected exactly: %s" % ", ".join(sorted(expect)))
            return 1
        return 0
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
