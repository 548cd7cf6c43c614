#!/usr/bin/env bash
# Installs what the tests need when it is missing (Debian's chromium and chromedriver, the npm packages
# buf and gRPC for Node), then runs every test of Connect.sln. Idempotent; quick when all is there.
set -euo pipefail
cd "$(dirname "$0")"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
if ! [ -x /usr/bin/chromium ] || ! [ -x /usr/bin/chromedriver ]; then
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi
if ! [ -x node_modules/.bin/buf ] || ! [ -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
started=$SECONDS
# Built first, then tested with -m:4: the four test projects run side by side (the browser and integration tests spend
# much of their time waiting on servers and Chromium, so on two cores they finish sooner together). Building inside
# `dotnet test` instead holds the integration tests back until the browser tests end, behind a shared reference.
{ dotnet build Connect.sln -c Release --nologo -v q -m:4 && dotnet test Connect.sln -c Release --nologo --no-build -m:4; } 2>&1 | tee "$log" || status=$?
elapsed=$((SECONDS - started))
# One closing line over all test projects, with the time of the build and the tests (not of the set-up above).
awk -v elapsed="$elapsed" '/(Passed|Failed)!/ { for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1) } }
     END { gsub(",", "", p); printf "%d passed, %d failed in %d min %02d s\n", p, f, elapsed / 60, elapsed % 60 }' "$log"
exit $status
