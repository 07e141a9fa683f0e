#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""check-spdx.py SOURCE_ROOT [--fix]: every source file of pdxtrack names its licence.

A source file is C (.c, .h), a meson.build, a Python or shell script, a GtkBuilder template
(.ui), the style sheet, a Mallard help page (.page), or one of the data files installed with the
app (.desktop, and the .xml of data/). Its first lines (after a "#!" or an XML declaration) must
hold "SPDX-License-Identifier: GPL-3.0-or-later". Test fixtures, deliberately broken copies
(data/broken, help/broken) and build folders are not sources. Exit 1, listing the files, when one
lacks it; --fix adds the line in the file's own comment syntax.
"""
import os
import sys

TAG = "SPDX-License-Identifier: GPL-3.0-or-later"
SKIP_DIRS = {".git", "fixtures", "broken", "corpus", "out"}
SCRIPTS = {"tests/run", "tests/deps", "tests/bench/run", ".ci/run"}


def comment_for(rel):
    name = os.path.basename(rel)
    if name.endswith((".c", ".h", ".css")):
        return "/* %s */" % TAG
    if name.endswith((".ui", ".page", ".xml")):
        return "<!-- %s -->" % TAG
    if name == "meson.build" or name.endswith((".py", ".sh", ".desktop")) or rel in SCRIPTS:
        return "# %s" % TAG
    return None


def sources(root):
    for dirpath, dirnames, filenames in os.walk(root):
        rel_dir = os.path.relpath(dirpath, root)
        dirnames[:] = [d for d in dirnames
                       if d not in SKIP_DIRS and not d.startswith(("build", "_build", "_"))]
        for name in filenames:
            rel = os.path.normpath(os.path.join(rel_dir, name))
            if name.endswith(".xml") and not rel.startswith("data" + os.sep):
                continue
            if comment_for(rel):
                yield rel


def has_tag(path):
    with open(path, encoding="utf-8") as f:
        head = [next(f, "") for _ in range(3)]
    return any(TAG in line for line in head)


def add_tag(path, rel):
    with open(path, encoding="utf-8") as f:
        lines = f.readlines()
    at = 1 if lines and (lines[0].startswith("#!") or lines[0].startswith("<?xml")) else 0
    lines.insert(at, comment_for(rel) + "\n")
    with open(path, "w", encoding="utf-8") as f:
        f.writelines(lines)


def main():
    root = sys.argv[1]
    fix = "--fix" in sys.argv[2:]
    missing = [rel for rel in sorted(sources(root)) if not has_tag(os.path.join(root, rel))]
    if fix:
        for rel in missing:
            add_tag(os.path.join(root, rel), rel)
        return 0
    for rel in missing:
        print("%s: no '%s' in its first lines" % (rel, TAG))
    print("%d source files without an SPDX line" % len(missing))
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
