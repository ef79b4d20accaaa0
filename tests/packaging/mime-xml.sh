#!/usr/bin/env bash
# The shared-mime-info package against the schema of shared-mime-info's XML: Debian ships it as
# the internal DTD subset of /usr/share/mime/packages/freedesktop.org.xml (package
# shared-mime-info); it is taken from there and the package validated with xmllint --dtdvalid.
# Usage: mime-xml.sh FILE
set -euo pipefail
. "$(dirname "$0")/lib.sh"
need xmllint libxml2-utils
db=/usr/share/mime/packages/freedesktop.org.xml
[[ -f $db ]] || { echo "FAIL: $db not found: install Debian's shared-mime-info" >&2; exit 1; }
dtd=$(mktemp --suffix=.dtd)
trap 'rm -f "$dtd"' EXIT
sed -n '/^<!DOCTYPE mime-info \[/,/^\]>/p' "$db" | sed -e '1d' -e '$d' >"$dtd"
grep -q '<!ELEMENT mime-type ' "$dtd" || { echo "FAIL: no DTD found in $db" >&2; exit 1; }
quiet_pass xmllint --noout --dtdvalid "$dtd" "$1"
