#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""check-glyphs.py SOURCE_ROOT: no symbol the app shows as an icon that Debian's default fonts lack.

A person on a fresh Debian 12 desktop has DejaVu and Cantarell: a "⛔" or a "✅" in a label is drawn
as an empty box there. Icons are symbolic icons (GtkImage, icon-name) and alerts are words with a
style class. This check reads what the app shows — the templates and style sheet (ui/), the app's
C sources (app/gui/) and the German catalogue (po/de.po, which carries the core's messages too) —
and refuses every character of the symbol and emoji blocks below, naming file, line and character.
Exit 1 when one is found, 0 when none is.
"""
import os
import sys
import unicodedata

# Blocks of pictographs and symbols used as icons. Letters, punctuation, arithmetic (± × − ≤ ≥ √ ∞),
# arrows (→), super- and subscripts and the Greek letters of statistics stay allowed.
FORBIDDEN = [
    (0x2300, 0x23FF, "Miscellaneous Technical"),
    (0x2460, 0x24FF, "Enclosed Alphanumerics"),
    (0x25A0, 0x25FF, "Geometric Shapes"),
    (0x2600, 0x26FF, "Miscellaneous Symbols"),
    (0x2700, 0x27BF, "Dingbats"),
    (0x2B00, 0x2BFF, "Miscellaneous Symbols and Arrows"),
    (0xFE00, 0xFE0F, "Variation Selectors (emoji presentation)"),
    (0x1F000, 0x1FAFF, "emoji and pictographs"),
]
PLACES = [("ui", (".ui", ".css")), ("app/gui", (".c", ".h"))]
FILES = ["po/de.po"]


def forbidden(ch):
    code = ord(ch)
    for low, high, block in FORBIDDEN:
        if low <= code <= high:
            return block
    return None


def sources(root):
    for folder, endings in PLACES:
        for base, dirs, names in os.walk(os.path.join(root, folder)):
            dirs.sort()
            for name in sorted(names):
                if name.endswith(endings):
                    yield os.path.join(base, name)
    for rel in FILES:
        path = os.path.join(root, rel)
        if os.path.exists(path):
            yield path


def main():
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[0], file=sys.stderr)
        return 2
    root = sys.argv[1]
    found = 0
    for path in sources(root):
        with open(path, encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                for ch in line:
                    block = forbidden(ch)
                    if block:
                        found += 1
                        print("%s:%d: U+%04X %s (%s): use a symbolic icon or words"
                              % (os.path.relpath(path, root), number, ord(ch),
                                 unicodedata.name(ch, "?"), block))
    if found:
        print("%d symbol(s) that Debian's default fonts may lack" % found)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
