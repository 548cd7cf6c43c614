#!/usr/bin/env bash
# Issue 16's scale row from outside: the real server (src/Connect.Grpc, Release, its own process, LiteDB) over a data
# set of 1,000 persons and then one of 1,000,000 (the same organisation of 100 members; the million set has 250,000
# memberships in 50,000 other organisations), each time:
#   - start to SERVING: from launching the process until GET /healthz answers 200 (polled every 10 ms);
#   - GetMember and ListMembers (50 rows): h2load 16 connections x 10 streams, calls/s and p99;
#   - the server's resident memory after that load (VmRSS) and its peak (VmHWM).
# Data sets are seeded once by the bench program and cached under $TMPDIR/connect-benchmarks-data (the million set
# takes several minutes the first time and again after the server's source changes); each run works on a fresh copy.
#
# Environment (all optional): SCALE_SECONDS measured per row (10), SCALE_WARM_UP seconds of load before each row (10),
# SCALE_SIZES ("thousand million").
set -euo pipefail
cd "$(dirname "$0")/.."

measure=${SCALE_SECONDS:-10}
warm_up=${SCALE_WARM_UP:-10}
sizes=${SCALE_SIZES:-thousand million}

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
if ! command -v h2load >/dev/null; then
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nghttp2-client >/dev/null
fi

echo "Building the server and bench/Connect.Benchmarks (Release)..." >&2
dotnet build src/Connect.Grpc -c Release --nologo -v q -m:2 >&2
dotnet build bench/Connect.Benchmarks -c Release --nologo -v q -m:2 >&2
bench=bench/Connect.Benchmarks/bin/Release/net10.0/Connect.Benchmarks.dll
server_dir=src/Connect.Grpc/bin/Release/net10.0

work=$(mktemp -d)
server= data=
stop_server() {
  if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then kill -TERM "$server"; wait "$server" 2>/dev/null || true; fi
  server=
  if [ -n "$data" ]; then rm -rf "$data"; fi
  data=
}
trap 'stop_server; rm -rf "$work"' EXIT

value() { sed -n "s/^$1=//p" "$2" | head -n 1; }
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
kib() { sed -n "s/^$1:[[:space:]]*\([0-9]*\) kB/\1/p" "/proc/$server/status"; }

frame() { echo "$frames/connect.v1.${1/\//.}.bin"; }
# shellcheck source=bench/h2load-call.sh
source bench/h2load-call.sh

declare -A row
for size in $sizes; do
  echo "Preparing the $size data set..." >&2
  dotnet "$bench" member-data --size "$size" --frames "$work/frames-$size" >"$work/$size.data"
  data=$(value DATA_DIRECTORY "$work/$size.data"); frames=$(value FRAMES "$work/$size.data")
  persons=$(value PERSONS "$work/$size.data")

  port=$(free_port) rest=$(free_port)
  address=http://127.0.0.1:$port
  echo "Starting the server over $persons persons..." >&2
  started=$(date +%s%N)
  (cd "$server_dir" && exec env Connect__Storage__DataDirectory="$data" \
    Kestrel__Endpoints__Grpc__Url="$address" Kestrel__Endpoints__Rest__Url="http://127.0.0.1:$rest" \
    Logging__LogLevel__Default=Warning dotnet Connect.Grpc.dll >"$work/$size.server" 2>&1) &
  server=$!
  until [ "$(curl -s -o /dev/null -w '%{http_code}' --http2-prior-knowledge "$address/healthz" 2>/dev/null)" = 200 ]; do
    kill -0 "$server" 2>/dev/null || { cat "$work/$size.server" >&2; echo "The server stopped." >&2; exit 1; }
    [ $(( ($(date +%s%N) - started) / 1000000000 )) -lt 120 ] || { echo "No SERVING after 2 minutes." >&2; exit 1; }
    sleep 0.01
  done
  serving_ms=$(( ($(date +%s%N) - started) / 1000000 ))

  token=$(dotnet "$bench" sign-in "$address" "$data" | sed -n 's/^TOKEN=//p')
  echo "Warming up and measuring on $size..." >&2
  load MemberService/GetMember 16 10 "$measure" row; get_rate=$rate get_p99=$p99
  load MemberService/ListMembers 16 10 "$measure" row; list_rate=$rate list_p99=$p99
  row[$size]="$persons|$serving_ms|$get_rate|$get_p99|$list_rate|$list_p99|$(( $(kib VmRSS) / 1024 ))|$(( $(kib VmHWM) / 1024 ))"
  stop_server
done

commit=$(git rev-parse --short HEAD)
git diff --quiet HEAD -- src bench/Connect.Benchmarks bench/scale.sh bench/h2load-call.sh || commit="$commit (with uncommitted changes)"
echo
echo "## Scale: the real server over 1 k and 1 M persons (LiteDB)"
echo
echo "Commit $commit, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores; h2load 16 connections x 10 streams, ${warm_up} s warm-up"
echo "and ${measure} s per call; start to SERVING from launching \`dotnet Connect.Grpc.dll\` until \`/healthz\` answers 200."
echo
echo "| persons | start to SERVING | GetMember calls/s | GetMember p99 | ListMembers (50 rows) calls/s | ListMembers p99 | RSS after the load | peak RSS |"
echo "|---|---|---|---|---|---|---|---|"
for size in $sizes; do
  IFS='|' read -r persons serving get_rate get_p99 list_rate list_p99 rss peak <<<"${row[$size]}"
  printf '| %s | %s ms | %.0f | %s ms | %.0f | %s ms | %s MB | %s MB |\n' "$persons" "$serving" "$get_rate" "$get_p99" "$list_rate" "$list_p99" "$rss" "$peak"
done
if [ -n "${row[thousand]:-}" ] && [ -n "${row[million]:-}" ]; then
  IFS='|' read -r _ _ _ small_get _ small_list _ _ <<<"${row[thousand]}"
  IFS='|' read -r _ _ _ large_get _ large_list _ _ <<<"${row[million]}"
  echo
  awk -v a="$large_get" -v b="$small_get" -v c="$large_list" -v d="$small_list" \
    'BEGIN { printf "p99 at 1 M over p99 at 1 k: GetMember %.2f, ListMembers %.2f (goal: each <= 1.5)\n", a / b, c / d }'
fi
