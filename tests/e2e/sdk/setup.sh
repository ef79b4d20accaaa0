#!/usr/bin/env bash
# Installs the providers' official SDKs (exact versions from package-lock.json) for the e2e SDK
# tests: `npm ci` when node_modules is missing or older than the lockfile. Needs node >= 20.19.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    echo "tests/e2e/sdk: node and npm are needed (Node.js >= 20.19)" >&2
    exit 1
fi
if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)'; then
    echo "tests/e2e/sdk: Node.js >= 20.19 is needed, found $(node --version)" >&2
    exit 1
fi

if [[ ! -d node_modules || package-lock.json -nt node_modules || package.json -nt node_modules ]]; then
    npm ci --no-audit --no-fund
    touch node_modules
fi
