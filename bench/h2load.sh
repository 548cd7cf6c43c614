#!/usr/bin/env bash
# Issue 16's table measured from outside: the real server (`Connect.Benchmarks -- serve`) on LiteDB, then as one
# replica over a private PostgreSQL cluster, loaded by h2load (16 connections x 10 streams) one call at a time, each
# figure beside the empty call (`SupportService/GetSupportContact`) of the same server in the same run. Prints one
# markdown table per engine: calls/s, ratio, p99 (from h2load's per-request log). About 6 minutes after the build.
# Installs h2load/nghttp (Debian's nghttp2-client) and PostgreSQL when missing, as ./test.sh does.
#
# Environment (all optional): H2LOAD_SECONDS measured per row (10), H2LOAD_WARM_UP per row before it (2),
# H2LOAD_JIT_SECONDS of each read call before the first row (4; tiered JIT needs 10-15 s of calls on 2 cores),
# H2LOAD_ENGINES ("LiteDb PostgreSql").
set -euo pipefail
cd "$(dirname "$0")/.."

measure=${H2LOAD_SECONDS:-10}
warm_up=${H2LOAD_WARM_UP:-2}
jit=${H2LOAD_JIT_SECONDS:-4}
engines=${H2LOAD_ENGINES:-LiteDb PostgreSql}

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
missing=()
{ command -v h2load && command -v nghttp; } >/dev/null || missing+=(nghttp2-client)
# The PostgreSQL row starts a private cluster from /usr/lib/postgresql/<major>/bin (tests/Connect.Testing.Postgres).
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  as_root apt-get update -qq
  # A policy-rc.d that refuses every start (exit 101) keeps Debian from starting a system PostgreSQL on install.
  policy=/usr/sbin/policy-rc.d
  own_policy=0
  if ! [ -e "$policy" ]; then as_root sh -c "printf '#!/bin/sh\\nexit 101\\n' >$policy && chmod 755 $policy"; own_policy=1; fi
  installed=0
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null || installed=$?
  if [ "$own_policy" -eq 1 ]; then as_root rm -f "$policy"; fi
  [ "$installed" -eq 0 ] || exit "$installed"
fi

echo "Building bench/Connect.Benchmarks (Release)..." >&2
dotnet build bench/Connect.Benchmarks -c Release --nologo -v q -m:2 >&2
bench=bench/Connect.Benchmarks/bin/Release/net10.0/Connect.Benchmarks.dll

work=$(mktemp -d)
server=
stop_server() {
  if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then
    kill -TERM "$server"           # the server deletes its data; the PostgreSQL cluster stops with the process
    wait "$server" 2>/dev/null || true
  fi
  server=
}
trap 'stop_server; rm -rf "$work"' EXIT

value() { sed -n "s/^$1=//p" "$2" | head -n 1; }
load1() { cut -d' ' -f1 /proc/loadavg; }

# Starts the server of one engine and waits for READY=1; sets address, token and frames.
start_server() {
  local engine=$1 out=$work/$1.serve
  local option=()
  [ "$engine" = PostgreSql ] && option=(--postgres)
  # Server GC, as the Web SDK gives the real server (the bench project is a console app: workstation GC otherwise).
  DOTNET_gcServer=1 dotnet "$bench" serve "${option[@]}" --frames "$work/$engine" >"$out" 2>&1 &
  server=$!
  for _ in $(seq 240); do
    grep -q '^READY=1' "$out" && break
    if ! kill -0 "$server" 2>/dev/null; then sed 's/^TOKEN=.*/TOKEN=(hidden)/' "$out" >&2; echo "The $engine server did not start." >&2; exit 1; fi
    sleep 0.5
  done
  grep -q '^READY=1' "$out" || { echo "The $engine server was not ready after 2 minutes." >&2; exit 1; }
  address=$(value ADDRESS "$out"); token=$(value TOKEN "$out"); frames=$(value FRAMES "$out")
}

frame() { echo "$frames/connect.v1.${1/\//.}.bin"; }

# One call through nghttp: h2load counts every HTTP 200, gRPC errors included, so each row's call is checked for
# grpc-status 0 before and after its load. Only the status lines are shown (nghttp -v also prints the bearer token).
check_call() {
  local method=$1 answer
  answer=$(nghttp -v -H 'content-type: application/grpc' -H 'te: trailers' -H "authorization: Bearer $token" \
    -d "$(frame "$method")" "$address/connect.v1.$method" 2>&1 | grep -a -E 'grpc-(status|message):' || true)
  if ! grep -q 'grpc-status: 0$' <<<"$answer"; then
    echo "connect.v1.$method did not answer grpc-status 0:" >&2
    sed 's/^\[[^]]*\] recv ([^)]*) /  /' <<<"$answer" >&2
    exit 1
  fi
}

# shellcheck source=bench/h2load-call.sh
source bench/h2load-call.sh

fmt_rate() { awk -v r="$1" 'BEGIN { printf (r >= 1000 ? "%.1f k" : "%.0f"), (r >= 1000 ? r / 1000 : r) }'; }
# "low–high" of several figures, each shown by the function named first.
span() {
  local show=$1; shift
  local sorted; sorted=$(printf '%s\n' "$@" | sort -g)
  local low high; low=$(head -n 1 <<<"$sorted"); high=$(tail -n 1 <<<"$sorted")
  if [ "$low" = "$high" ]; then "$show" "$low"; else echo "$("$show" "$low")–$("$show" "$high")"; fi
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf (a / b < 0.1 ? "%.3f" : "%.2f"), a / b }'; }

commit=$(git rev-parse --short HEAD)
git diff --quiet HEAD -- src bench/Connect.Benchmarks bench/h2load.sh bench/h2load-call.sh || commit="$commit (with uncommitted changes)"
echo
echo "## h2load: issue 16's table"
echo
echo "Commit $commit, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(h2load --version | head -n 1)."
echo "h2load 16 connections x 10 streams, ${warm_up} s warm-up + ${measure} s per row after ${jit} s of each read call;"
echo "ratio = calls/s / the empty call's measured right before the row (sign-ins: / raw Argon2id hashes/s, 2 threads,"
echo "right after); p99 from h2load's per-request log."

reads=("SessionService/CheckAccess|\`SessionService/CheckAccess\`|≥ 0.65, p99 ≤ 5 ms"
       "SessionService/WhoAmI|\`SessionService/WhoAmI\`|≥ 0.55"
       "MemberService/GetMember|\`MemberService/GetMember\`|≥ 0.40"
       "MemberService/ListMembers|\`MemberService/ListMembers\` (50 rows)|≥ 0.15")
for engine in $engines; do
  before=$(load1)
  echo "Starting the $engine server..." >&2
  start_server "$engine"
  check_call SupportService/GetSupportContact
  for row in "${reads[@]}"; do check_call "${row%%|*}"; done
  check_call SignInService/StartSignIn

  echo "JIT warm-up..." >&2
  load SupportService/GetSupportContact 16 10 "$jit"
  for row in "${reads[@]}"; do load "${row%%|*}" 16 10 "$jit"; done
  load SignInService/StartSignIn 2 1 "$jit"

  echo "Measuring on $engine..." >&2
  lines=()
  empties=() empty_p99s=()
  for row in "${reads[@]}"; do
    # The empty call right before each row: on a shared machine the load moves within minutes, and the ratio should
    # compare two figures taken under the same load.
    load SupportService/GetSupportContact 16 10 "$measure" empty
    empty=$rate empties+=("$rate") empty_p99s+=("$p99")
    IFS='|' read -r method name goal <<<"$row"
    load "$method" 16 10 "$measure" "$name"
    check_call "$method"
    lines+=("| $name | $(fmt_rate "$rate") | $(ratio "$rate" "$empty") | $p99 ms | $goal |")
  done
  check_call SupportService/GetSupportContact
  lines=("| \`SupportService/GetSupportContact\` (the empty call, before each row) | $(span fmt_rate "${empties[@]}") | 1 | $(span echo "${empty_p99s[@]}") ms | |" "${lines[@]}")

  load SignInService/StartSignIn 2 1 "$measure" sign-ins
  check_call SignInService/StartSignIn
  sign_ins=$rate sign_in_p99=$p99
  # The raw hash rate on the same cores while the server idles: Argon2id through libsodium, the server's cost.
  hashes=$(dotnet "$bench" argon2id --threads 2 --seconds "$measure" | sed -n 's/^HASHES_PER_SECOND=//p')
  lines+=("| sign-ins (\`StartSignIn\`, right password, 2 in flight) vs raw Argon2id (2 threads) | $(fmt_rate "$sign_ins")/s vs $(fmt_rate "$hashes")/s | $(ratio "$sign_ins" "$hashes") | $sign_in_p99 ms | ≥ 0.90 |")

  # One body per request is all h2load sends, and each organisation needs its own affiliate number: this row is the
  # bench program's own gRPC client, in a process of its own.
  writes=$(CONNECT_BENCH_TOKEN=$token dotnet "$bench" write-load "$address" --in-flight 32 --warm-up 5 --seconds "$measure") \
    || { echo "$writes" >&2; echo "CreateOrganization calls failed on $engine." >&2; exit 1; }
  lines+=("| durable writes (\`CreateOrganization\`, 32 in flight, fsync on; .NET client, not h2load) | $(fmt_rate "$(value CALLS_PER_SECOND <(echo "$writes"))")/s | | $(value P99_MS <(echo "$writes")) ms | ≥ 2,000/s |")

  after=$(load1)
  stop_server
  echo
  echo "### $engine (1-minute load average $before before, $after after)"
  echo
  echo "| call | calls/s | ratio | p99 | goal |"
  echo "|---|---|---|---|---|"
  printf '%s\n' "${lines[@]}"
done
