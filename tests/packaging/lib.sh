# Shared by the packaging checks: need TOOL PACKAGE fails (never skips) when a tool is missing.
need() {
    command -v "$1" >/dev/null 2>&1 && return 0
    echo "FAIL: $1 not found: install Debian's $2 (scripts/setup.sh --test does)" >&2
    exit 1
}

# Runs a validator; fails if it fails or prints anything at all (warnings and hints count).
quiet_pass() {
    local out
    if ! out=$("$@" 2>&1); then
        printf 'FAIL: %s\n%s\n' "$*" "$out" >&2
        exit 1
    fi
    if [[ -n "$out" ]]; then
        printf 'FAIL (warnings count): %s\n%s\n' "$*" "$out" >&2
        exit 1
    fi
    echo "ok: $*"
}
