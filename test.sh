#!/usr/bin/env bash
# Installs what the tests need when it is missing (Debian's chromium, chromedriver and postgresql, the npm packages
# buf, gRPC for Node and axe-core), then runs every test of Connect.sln. Idempotent; quick when all is there.
set -euo pipefail
cd "$(dirname "$0")"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
missing=()
{ [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; } || missing+=(chromium chromium-driver)
# The tests start private PostgreSQL clusters from /usr/lib/postgresql/<major>/bin (tests/Connect.Testing/PostgresCluster.cs).
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  as_root apt-get update -qq
  # Debian starts a system PostgreSQL on install, which the tests do not use: a policy-rc.d that refuses every start
  # (exit 101) holds it back during the install, unless the machine has a policy of its own.
  policy=/usr/sbin/policy-rc.d
  own_policy=0
  if ! [ -e "$policy" ]; then as_root sh -c "printf '#!/bin/sh\\nexit 101\\n' >$policy && chmod 755 $policy"; own_policy=1; fi
  installed=0
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null || installed=$?
  if [ "$own_policy" -eq 1 ]; then as_root rm -f "$policy"; fi
  [ "$installed" -eq 0 ] || exit "$installed"
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
