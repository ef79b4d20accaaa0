#!/usr/bin/env bash
# AppStream metainfo (as configured, with the release of project(VERSION)): appstreamcli
# validate --no-net --strict, which fails on warnings and infos too (pedantic hints are not
# issues: the id's upper-case letter is the reverse-DNS form Flathub asks for). An appstreamcli
# older than 1.0 may only add that it does not know <developer> (validate-metainfo.sh).
# Usage: metainfo.sh FILE VERSION
set -euo pipefail
. "$(dirname "$0")/lib.sh"
need appstreamcli appstream
file=$1 version=$2
"$(dirname "$0")/validate-metainfo.sh" "$file"
grep -q "<release version=\"$version\" date=\"[0-9]\{4\}-[0-9][0-9]-[0-9][0-9]\">" "$file" ||
    { echo "FAIL: $file has no dated release $version (project(VERSION))" >&2; exit 1; }
echo "ok: metainfo release $version"
