#!/usr/bin/env bash
# Packaging test, run by .ci/run after scripts/test.sh (as root: it installs a package).
# Builds the packages with CPack in build-package/ (a release build: no tests, no benchmarks),
# checks the .deb with lintian (no errors or warnings; overrides only in
# packaging/debian/lintian-overrides, each with its reason), installs it with apt-get so that
# its declared dependencies are resolved, smoke-tests the installed binaries and the desktop
# integration, purges it and checks nothing is left. Then checks the .rpm with rpm -qpR and
# rpmlint (no errors).
set -euo pipefail
cd "$(dirname "$0")/.."
[[ $(id -u) -eq 0 ]] || { echo "test-deb.sh installs a package: run it as root" >&2; exit 1; }
scripts/setup.sh --test

step() { printf '\n== %s\n' "$*"; }
fail() { echo "test-deb.sh: FAIL: $*" >&2; exit 1; }

pkg=$PWD/build-package
step "building the packages in build-package/"
# The RPM debuginfo package rewrites the source paths inside the binaries in place, so the
# source and build folders are reached through names longer than its /usr/src/debug/hookbench/src_N.
mkdir -p "$pkg"
ln -sfn .. "$pkg/source-tree-of-the-hookbench-packages"
build=$pkg/build-tree-of-the-hookbench-packages
cmake -S "$pkg/source-tree-of-the-hookbench-packages" -B "$build" -G Ninja \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_INSTALL_PREFIX=/usr \
    -DHOOKBENCH_BUILD_TESTS=OFF -DHOOKBENCH_BUILD_BENCH=OFF >/dev/null
cmake --build "$build" -j"$(nproc)"
rm -f "$build"/hookbench*.deb "$build"/hookbench*.ddeb "$build"/hookbench*.rpm "$build"/hookbench*.tar.gz
(cd "$build" && cpack -G "DEB;RPM;TGZ" >cpack.log 2>&1) || { cat "$build/cpack.log" >&2; fail "cpack"; }
version=$(sed -n 's/^set(CPACK_PACKAGE_VERSION "\(.*\)")$/\1/p' "$build/CPackConfig.cmake")
deb=$(ls "$build"/hookbench_"$version"-*_*.deb)
ls -l "$build"/hookbench*.{deb,ddeb,rpm,tar.gz}

step "lintian $deb"
lintian --fail-on error,warning --display-level '>=warning' \
    "$deb" "$build"/hookbench-dbgsym_*.*deb || fail "lintian reports errors or warnings"
echo "lintian: no errors or warnings"

step "what the .deb holds"
dpkg-deb --field "$deb" Package Version Depends Recommends
contents=$(dpkg-deb --contents "$deb" | awk '{print $6}')
for path in usr/bin/hookbench usr/bin/hookbench-cli usr/share/applications/io.github.hookbench.Hookbench.desktop \
    usr/share/metainfo/io.github.hookbench.Hookbench.metainfo.xml usr/share/mime/packages/io.github.hookbench.Hookbench.xml \
    usr/share/icons/hicolor/scalable/apps/io.github.hookbench.Hookbench.svg usr/share/man/man1/hookbench-cli.1.gz \
    usr/share/bash-completion/completions/hookbench-cli usr/share/doc/hookbench/copyright; do
    grep -qx "./$path" <<<"$contents" || fail "the .deb lacks /$path"
done
echo "$(grep -vc '/$' <<<"$contents") files, the desktop files among them"
tmp=$(mktemp -d)
trap 'kill "${listener:-}" 2>/dev/null || true; rm -rf "$tmp"' EXIT
dpkg-deb -x "$deb" "$tmp/root"
for exe in "$tmp/root/usr/bin/hookbench" "$tmp/root/usr/bin/hookbench-cli"; do
    dynamic=$(readelf -dW "$exe") header=$(readelf -hW "$exe") segments=$(readelf -lW "$exe")
    symbols=$(readelf -W --dyn-syms "$exe")
    grep -qE 'R(UN)?PATH' <<<"$dynamic" && fail "$exe carries an RPATH"
    grep -q 'BIND_NOW' <<<"$dynamic" || fail "$exe is not linked with -z now"
    grep -q 'GNU_RELRO' <<<"$segments" || fail "$exe has no RELRO segment"
    grep -qE 'Type: +DYN' <<<"$header" || fail "$exe is not a position-independent executable"
    grep -q '__stack_chk_fail' <<<"$symbols" || fail "$exe has no stack protector"
    grep -q '_chk@' <<<"$symbols" || fail "$exe calls no fortified function"
done
echo "hardening: PIE, RELRO, BIND_NOW, stack protector, fortified calls; no RPATH"

step "apt-get install $deb"
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -qq "$deb" >"$tmp/apt.log" 2>&1 || { cat "$tmp/apt.log" >&2; fail "apt-get install"; }
dpkg -s hookbench | grep -E '^(Status|Version)'

step "smoke test of the installed binaries"
export HOME=$tmp/home XDG_CONFIG_HOME=$tmp/home/.config XDG_DATA_HOME=$tmp/home/.local/share \
    XDG_RUNTIME_DIR=$tmp/runtime
mkdir -p "$HOME" && mkdir -m 700 "$XDG_RUNTIME_DIR"
out=$(/usr/bin/hookbench-cli --version)
[[ $out == "hookbench-cli $version" ]] || fail "hookbench-cli --version says '$out'"
echo "$out"
out=$(QT_QPA_PLATFORM=offscreen /usr/bin/hookbench --version)
[[ $out == "hookbench $version" ]] || fail "hookbench --version says '$out'"
echo "$out"

cat >"$tmp/config.json" <<'JSON'
{"endpoints": [{"id": "smoke", "path": "/stripe", "provider": "stripe"}]}
JSON
printf '{"id":"evt_smoke","type":"customer.created"}' >"$tmp/body.json"
export SMOKE_SECRET=whsec_c21va2UtdGVzdC1zZWNyZXQ=
mkfifo "$tmp/listen.err"
/usr/bin/hookbench-cli listen --port 0 --config "$tmp/config.json" --store "$tmp/store.sqlite" \
    --secret-env smoke=SMOKE_SECRET --jsonl >"$tmp/listen.jsonl" 2>"$tmp/listen.err" &
listener=$!
exec 3<"$tmp/listen.err"
url=
while IFS= read -r -t 30 line <&3; do
    echo "listen: $line"
    if [[ $line =~ listening\ on\ (http://[^,]+), ]]; then url=${BASH_REMATCH[1]}; break; fi
done
[[ -n $url ]] || fail "hookbench-cli listen did not say where it listens"
cat <&3 >"$tmp/listen.rest" &
/usr/bin/hookbench-cli sign --provider stripe --secret-env SMOKE_SECRET --send "$url/stripe" \
    "$tmp/body.json" >"$tmp/response"
status_line=$(head -1 "$tmp/response")
echo "$status_line"
[[ $status_line == "HTTP/1.1 2"* ]] || fail "the signed request was not answered 2xx"
kill -TERM "$listener"
wait "$listener" || fail "hookbench-cli listen exited with $? on SIGTERM"
listener=
grep -q '"valid":true' "$tmp/listen.jsonl" || { cat "$tmp/listen.jsonl" >&2; fail "the capture's verdict is not valid"; }
echo "listen: captured, verdict valid"
/usr/bin/hookbench-cli export --store "$tmp/store.sqlite" --format raw -o "$tmp/request.raw"
/usr/bin/hookbench-cli verify --provider stripe --secret-env SMOKE_SECRET "$tmp/request.raw" ||
    fail "verify of the stored request failed"
sed 's/customer.created/customer.deleted/' "$tmp/request.raw" >"$tmp/tampered.raw"
status=0
/usr/bin/hookbench-cli verify --provider stripe --secret-env SMOKE_SECRET "$tmp/tampered.raw" >/dev/null || status=$?
[[ $status -eq 1 ]] || fail "verify of a tampered request exited $status, expected 1"
echo "verify: stored request valid, tampered copy invalid (exit 1)"

step "desktop integration"
default=$(xdg-mime query default application/har+json)
[[ $default == io.github.hookbench.Hookbench.desktop ]] ||
    fail "xdg-mime query default application/har+json says '$default'"
echo "application/har+json opens with $default"
grep -q 'application/x-hookbench-store' /usr/share/mime/types || fail "MIME database lacks the store type"
man -w hookbench-cli >/dev/null && man -w hookbench >/dev/null || fail "man pages not found by man"
tests/packaging/validate-metainfo.sh /usr/share/metainfo/io.github.hookbench.Hookbench.metainfo.xml >/dev/null ||
    fail "installed metainfo does not validate"

step "apt-get purge -y hookbench"
apt-get purge -y -qq hookbench >"$tmp/apt.log" 2>&1 || { cat "$tmp/apt.log" >&2; fail "apt-get purge"; }
dpkg -s hookbench >/dev/null 2>&1 && fail "hookbench still installed"
left=$(ls -d /usr/bin/hookbench* /usr/share/doc/hookbench /usr/share/applications/io.github.hookbench.* \
    /usr/share/metainfo/io.github.hookbench.* 2>/dev/null || true)
[[ -z $left ]] || fail "left after purge: $left"
grep -q 'application/x-hookbench-store' /usr/share/mime/types && fail "MIME database still has the store type"
echo "purged; nothing left"

step "the .rpm"
rpm=$(ls "$build"/hookbench-"$version"-*.rpm | grep -v debuginfo)
ls "$build"/hookbench-debuginfo-"$version"-*.rpm >/dev/null || fail "no debuginfo .rpm"
requires=$(rpm -qpR "$rpm")
echo "$requires"
for need in 'libQt6Core.so.6' 'libQt6Widgets.so.6' 'libqt6keychain.so' 'libcrypto.so.3' 'libsqlite3.so.0' 'libsecret'; do
    grep -q "^$need" <<<"$requires" || fail "the .rpm does not require $need"
done
rpmlint --config packaging/rpmlint.toml "$build"/hookbench-*.rpm | tee "$tmp/rpmlint.log"
grep -qE ' 0 errors, ' "$tmp/rpmlint.log" || fail "rpmlint reports errors"

step "packages"
ls -l "$build"/hookbench*.{deb,ddeb,rpm,tar.gz} 2>/dev/null || true
echo "test-deb.sh: the packages pass"
