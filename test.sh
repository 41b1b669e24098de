#!/usr/bin/env bash
# Runs every test of Tollgate on this machine, installing first what the tests need: curl, Python's
# requests-oauthlib, the PostgreSQL server and Chromium (Debian packages), and Node's openid-client (npm).
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

need=()
command -v curl >/dev/null || need+=(curl)
/usr/bin/python3 -c 'import requests_oauthlib' 2>/dev/null || need+=(python3-requests-oauthlib)
# PostgreSQL server binaries: the tests start throw-away clusters of their own (initdb on a free port).
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v node >/dev/null || need+=(nodejs npm)
# The web console's browser tests drive Debian's Chromium through Microsoft.Playwright (no browser download).
[ -x /usr/bin/chromium ] || need+=(chromium)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing ${need[*]}…"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi

# Node's openid-client for the interop suite, pinned by package-lock.json.
if [ ! -d tests/Tollgate.Interop.Tests/node/node_modules/openid-client ]; then
  (cd tests/Tollgate.Interop.Tests/node && npm ci --no-audit --no-fund --loglevel=error)
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
# One test assembly at a time (-m:1): the suites that time coherence (within one second) and start servers
# and PostgreSQL clusters get the machine to themselves; on 2 cores it is no slower than in parallel.
dotnet test Tollgate.slnx -m:1 "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One closing line for the whole suite, summed over the test assemblies.
awk '/(Passed|Failed)! +- +Failed: / {
  for (i = 1; i <= NF; i++) { gsub(",", "", $(i+1)); if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
} END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
