#!/bin/sh
# Runs a command against a real, private Secret Service: its own D-Bus session bus and an unlocked
# GNOME Keyring, with a fresh temporary HOME and XDG folders so the user's keyring is never seen.
#   with-keyring.sh COMMAND [ARGS...]
# Exits with the command's status, or 77 (CTest's SKIP_RETURN_CODE) when dbus-run-session or
# gnome-keyring-daemon is not installed (Debian: dbus, gnome-keyring; scripts/setup.sh --test).
set -eu

if [ "${HB_KEYRING_STAGE:-}" != inside ]; then
    for tool in dbus-run-session dbus-send gnome-keyring-daemon; do
        if ! command -v "$tool" >/dev/null 2>&1; then
            echo "with-keyring.sh: $tool not found; install dbus and gnome-keyring" >&2
            exit 77
        fi
    done
    root=$(mktemp -d "${TMPDIR:-/tmp}/hookbench-keyring.XXXXXX")
    trap 'rm -rf "$root"' EXIT INT TERM
    mkdir -m 700 "$root/home" "$root/runtime"
    status=0
    # No desktop hints: QtKeychain then uses the Secret Service (libsecret), not KWallet.
    env -u DISPLAY -u WAYLAND_DISPLAY -u XDG_CURRENT_DESKTOP -u DESKTOP_SESSION \
        -u KDE_FULL_SESSION -u KDE_SESSION_VERSION -u GNOME_DESKTOP_SESSION_ID \
        -u GNOME_KEYRING_CONTROL -u DBUS_SESSION_BUS_ADDRESS \
        HOME="$root/home" XDG_RUNTIME_DIR="$root/runtime" \
        XDG_CONFIG_HOME="$root/home/.config" XDG_DATA_HOME="$root/home/.local/share" \
        XDG_CACHE_HOME="$root/home/.cache" XDG_STATE_HOME="$root/home/.local/state" \
        HB_KEYRING_STAGE=inside \
        dbus-run-session -- "$0" "$@" || status=$?
    exit "$status"
fi

# Inside the private session bus. --foreground keeps the daemon our child, so it is stopped
# below rather than left to notice that the bus went away.
printf 'hookbench-test-keyring' |
    gnome-keyring-daemon --foreground --unlock --components=secrets \
        >"$XDG_RUNTIME_DIR/gnome-keyring.log" 2>&1 &
daemon=$!

# Wait (bounded) until the daemon owns the Secret Service name; with gdbus this is one blocking
# call, otherwise ask the bus until it says yes.
has_owner() {
    dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null |
        grep -q 'boolean true'
}
if command -v gdbus >/dev/null 2>&1; then
    gdbus wait --session --timeout 30 org.freedesktop.secrets >/dev/null 2>&1 || true
fi
deadline=$(($(date +%s) + 30))
until has_owner; do
    if ! kill -0 "$daemon" 2>/dev/null || [ "$(date +%s)" -ge "$deadline" ]; then
        echo "with-keyring.sh: gnome-keyring-daemon did not provide org.freedesktop.secrets:" >&2
        cat "$XDG_RUNTIME_DIR/gnome-keyring.log" >&2
        kill "$daemon" 2>/dev/null || true
        exit 1
    fi
    sleep 0.05
done

status=0
"$@" || status=$?
kill "$daemon" 2>/dev/null || true
wait "$daemon" 2>/dev/null || true
exit "$status"
