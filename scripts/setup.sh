#!/usr/bin/env bash
# Installs what Hookbench needs to build (and, with --test, to run its tests) on Debian 12.
# As root it installs with apt-get; otherwise it prints the exact command to run and stops.
set -euo pipefail

packages=(build-essential cmake ninja-build ccache pkg-config
          qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite libgl-dev
          libssl-dev node-llhttp libsimdjson-dev zlib1g-dev libsqlite3-dev qtkeychain-qt6-dev
          libyaml-dev)
if [[ "${1:-}" == "--test" ]]; then
    packages+=(python3 curl clang libclang-rt-14-dev wrk nginx-light gnome-keyring dbus xvfb xauth)
    packages+=(python3-botocore) # tests/e2e/putevents_server.py checks SigV4 with botocore
    # the packaging checks (tests/packaging) and packaging/test-deb.sh
    packages+=(desktop-file-utils appstream libxml2-utils shared-mime-info flatpak-builder man-db
               bash-completion zsh fish lintian rpm rpmlint elfutils xdg-utils)
fi

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

if [[ $(id -u) -eq 0 ]]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
    echo "Hookbench needs these Debian packages. Run:" >&2
    echo "  sudo apt-get install -y ${missing[*]}" >&2
    exit 1
fi
