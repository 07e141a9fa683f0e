#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# audit-chain.py — an independent implementation of the audit chain of docs/audit-trail.md
# (python3's sqlite3 and hashlib, no pdxtrack code): recomputes every entry's hash of a lab.
#
# Usage: audit-chain.py LAB   prints "N HASH" (the seal) and exits 0 when every entry's
# prev_hash and hash are what the document says; else prints the first entry that differs
# and exits 1.
import hashlib
import sqlite3
import sys

FIELDS = ["id", "time", "operator", "operator_name", "table_name", "row_id", "action",
          "old_values", "new_values", "reason", "study_id", "mouse_id"]
ZERO = "0" * 64


def field_bytes(value):
    """0x1F, then N for NULL or V<byte length>:<bytes> (integers in decimal)."""
    if value is None:
        return b"\x1fN"
    if isinstance(value, bytes):
        data = value
    elif isinstance(value, int):
        data = str(value).encode("ascii")
    else:
        data = str(value).encode("utf-8")
    return b"\x1fV" + str(len(data)).encode("ascii") + b":" + data


def entry_hash(prev_hash, row):
    h = hashlib.sha256()
    h.update(prev_hash.encode("utf-8"))
    for value in row:
        h.update(field_bytes(value))
    return h.hexdigest()


def main():
    db = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True)
    query = "SELECT prev_hash, hash, %s FROM audit_log ORDER BY id" % ", ".join(FIELDS)
    expected_prev = ZERO
    last = (0, "")
    for prev_hash, stored, *row in db.execute(query):
        if prev_hash != expected_prev:
            print("entry %d: prev_hash %s, expected %s" % (row[0], prev_hash, expected_prev))
            return 1
        computed = entry_hash(expected_prev, row)
        if stored != computed:
            print("entry %d: hash %s, computed %s" % (row[0], stored, computed))
            return 1
        expected_prev = computed
        last = (row[0], computed)
    print("%d %s" % last)
    return 0


if __name__ == "__main__":
    sys.exit(main())
