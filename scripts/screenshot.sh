#!/usr/bin/env bash
# Makes the README's screenshots: the main window under Xvfb with a verified and a failed capture,
# the failed one selected so its verdict shows why, in the light theme (main-window.png, also the
# AppStream screenshot) and the dark one (main-window-dark.png: View > Theme > Dark). Uses
# Debian's packages only; run from a build of the app:
#
#   scripts/screenshot.sh [BUILD_DIR] [OUT_DIR]    # default: build resources/screenshots
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
outdir=${2:-resources/screenshots}
cli=$build/app/hookbench-cli
app=$build/app/hookbench
[[ -x $cli && -x $app ]] || { echo "screenshot.sh: build $build first (scripts/build.sh)" >&2; exit 2; }

tools=(xvfb xauth xdotool imagemagick gnome-keyring dbus fonts-symbola)
missing=()
for p in "${tools[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [[ ${#missing[@]} -gt 0 ]]; then
    if [[ $(id -u) -eq 0 ]]; then
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
    else
        echo "screenshot.sh needs: sudo apt-get install -y ${missing[*]}" >&2
        exit 1
    fi
fi

tmp=$(mktemp -d)
trap 'kill ${pids:-} 2>/dev/null || true; rm -rf "$tmp"' EXIT
export HOME=$tmp/home XDG_CONFIG_HOME=$tmp/home/.config XDG_DATA_HOME=$tmp/home/.local/share
mkdir -p "$XDG_CONFIG_HOME/hookbench"
config=$XDG_CONFIG_HOME/hookbench/config.json
cat >"$config" <<'JSON'
{"endpoints": [{"id": "stripe-dev", "path": "/stripe", "provider": "stripe", "tolerance_s": 300}]}
JSON
store=$tmp/captures.sqlite
export STRIPE_SECRET=whsec_c2NyZWVuc2hvdC1zZWNyZXQtZm9yLWhvb2tiZW5jaA==
export OTHER_SECRET=whsec_b3RoZXItZW5kcG9pbnQtc2VjcmV0

# Two captures: one signed with the endpoint's secret, one with another endpoint's.
mkfifo "$tmp/listen.err"
"$cli" listen --port 0 --config "$config" --store "$store" --secret-env stripe-dev=STRIPE_SECRET \
    >/dev/null 2>"$tmp/listen.err" &
pids=$!
exec 3<"$tmp/listen.err"
url=
while IFS= read -r -t 30 line <&3; do
    [[ $line =~ listening\ on\ (http://[^,]+), ]] && { url=${BASH_REMATCH[1]}; break; }
done
[[ -n $url ]] || { echo "screenshot.sh: the listener did not start" >&2; exit 1; }
cat <&3 >/dev/null &
cat >"$tmp/paid.json" <<'JSON'
{"id":"evt_1QbX7aL2eZvKYlo2","object":"event","type":"invoice.paid","data":{"object":{"id":"in_1QbX79L2eZvKYlo2","amount_paid":4200,"currency":"eur","customer":"cus_R4nd0m"}}}
JSON
cat >"$tmp/created.json" <<'JSON'
{"id":"evt_1QbX8cL2eZvKYlo2","object":"event","type":"customer.created","data":{"object":{"id":"cus_R4nd0m","email":"ada@example.com"}}}
JSON
"$cli" sign --provider stripe --secret-env STRIPE_SECRET --send "$url/stripe" "$tmp/paid.json" >/dev/null
# Signed with a secret the endpoint does not have: the verdict says signature_mismatch.
"$cli" sign --provider stripe --secret-env OTHER_SECRET --send "$url/stripe" "$tmp/created.json" >/dev/null
kill -TERM "$pids"; wait "$pids" || true

# The app on a virtual display, against a private unlocked GNOME Keyring holding the secret.
cat >"$tmp/show.sh" <<'SH'
#!/usr/bin/env bash
set -euo pipefail
cli=$1 app=$2 config=$3 store=$4 shot=$5 theme=$6
# the app's QSettings (no organisation name is set): View > Theme as the user would choose it
settings="$XDG_CONFIG_HOME/Unknown Organization/hookbench.conf"
mkdir -p "$(dirname "$settings")"
printf '[view]\ntheme=%s\n' "$theme" >"$settings"
mkfifo "$XDG_RUNTIME_DIR/display"
Xvfb -displayfd 4 -screen 0 1400x900x24 -nolisten tcp 4>"$XDG_RUNTIME_DIR/display" &
xvfb=$!
trap 'kill $xvfb ${gui:-} 2>/dev/null || true' EXIT
read -r -t 30 display <"$XDG_RUNTIME_DIR/display"
export DISPLAY=:$display
"$cli" secrets set stripe-dev --from-env STRIPE_SECRET --config "$config"
"$app" --no-listen --store "$store" --config "$config" &
gui=$!
window=$(xdotool search --sync --onlyvisible --name '^Hookbench' | head -1)
xdotool windowsize --sync "$window" 1280 800
xdotool windowmove --sync "$window" 0 0
# The list and the verdict pane fill in from worker threads: grab until two grabs agree.
settle() {
    local previous= current
    for _ in $(seq 50); do
        sleep 0.2
        import -window "$window" "$shot"
        current=$(md5sum <"$shot")
        [[ $current == "$previous" ]] && return 0
        previous=$current
    done
}
settle
# Click the failed capture (the second row of the list, under the timeline; without a window manager, clicks reach
# the window where key presses may not), then wait for its verdict.
xdotool mousemove --window "$window" 400 182 click 1
settle
SH
chmod +x "$tmp/show.sh"
mkdir -p "$outdir"
for theme in light dark; do
    out=$outdir/main-window.png
    [[ $theme == dark ]] && out=$outdir/main-window-dark.png
    tests/core/secrets/with-keyring.sh "$tmp/show.sh" "$PWD/$cli" "$PWD/$app" "$config" "$store" \
        "$tmp/shot.png" "$theme"
    convert "$tmp/shot.png" -strip "$out"
    echo "screenshot.sh: wrote $out ($(identify -format '%wx%h' "$out"))"
done
