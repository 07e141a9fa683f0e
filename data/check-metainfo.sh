#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# check-metainfo.sh — appstreamcli's validation of the metainfo, failing on every error and
# warning except web-url-expected for a screenshot named relative to the source tree (docs/…),
# which stays until the project has a public https host (see the comment in the metainfo).
# Usage: check-metainfo.sh APPSTREAMCLI METAINFO
set -u
out=$("$1" validate --no-net --explain "$2" 2>&1)
status=$?
printf '%s\n' "$out"
issues=$(printf '%s\n' "$out" | grep -E '^[EW]: ')
unexpected=$(printf '%s\n' "$issues" | grep -vE '^E: [^ ]+: web-url-expected docs/[A-Za-z0-9._-]+\.png$' | grep .)
if [ -n "$unexpected" ]; then
  printf 'metainfo: appstreamcli found:\n%s\n' "$unexpected" >&2
  exit 1
fi
if [ "$status" -ne 0 ] && [ -z "$issues" ]; then
  echo "metainfo: appstreamcli failed (status $status) without a listed issue" >&2
  exit 1
fi
exit 0
