#!/usr/bin/env bash
# Installs the providers' official SDKs (exact versions from package-lock.json) for the e2e SDK
# tests: `npm ci` when node_modules is missing or older than the lockfile. Needs node >= 20.19.
set -euo pipefail
cd "$(dirname "$0")"

# Exit 77 (CTest's skip code for e2e_sdk) when there is no suitable Node.js: Debian 12's own
# nodejs is 18, older than the SDKs support.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    echo "tests/e2e/sdk: node and npm are needed (Node.js >= 20.19); the SDK tests are skipped" >&2
    exit 77
fi
if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)'; then
    echo "tests/e2e/sdk: Node.js >= 20.19 is needed, found $(node --version); the SDK tests are skipped" >&2
    exit 77
fi

if [[ ! -d node_modules || package-lock.json -nt node_modules || package.json -nt node_modules ]]; then
    npm ci --no-audit --no-fund
    touch node_modules
fi
