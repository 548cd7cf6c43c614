# shellcheck shell=bash
# Sourced by bench/h2load.sh and bench/scale.sh: one gRPC method under h2load, from outside, against a running server.
# Needs: $work (a scratch directory), $address, $token, $warm_up, and a function frame METHOD that names the method's
# request frame file (bench/Connect.Benchmarks/GrpcFrames.cs writes them).

# h2load against one method; with a row name, also measures: sets rate (calls/s) and p99 (ms).
load() {
  local method=$1 clients=$2 streams=$3 seconds=$4 row=${5:-} out log
  out=$work/h2load.out log=$work/h2load.log
  local timing=(-D "$seconds")
  [ -n "$row" ] && timing+=(--warm-up-time "$warm_up")
  rm -f "$log" # h2load appends to it
  h2load -c "$clients" -m "$streams" "${timing[@]}" --log-file "$log" -d "$(frame "$method")" \
    -H 'content-type: application/grpc' -H 'te: trailers' -H "authorization: Bearer $token" \
    "$address/connect.v1.$method" >"$out" 2>&1 || { tail -n 20 "$out" >&2; echo "h2load failed on $method." >&2; exit 1; }
  # Every request done and answered 200: "requests: N total, N started, N done, N succeeded, 0 failed, 0 errored, 0 timeout".
  if ! awk '/^requests:/ { ok = ($6 == $8 && $10 == 0 && $12 == 0 && $14 == 0) } /^status codes:/ { ok = ok && $5 == 0 && $7 == 0 && $9 == 0 }
            END { exit !ok }' "$out"; then
    grep -E '^(requests|status codes):' "$out" >&2; echo "h2load saw failed requests on $method." >&2; exit 1
  fi
  [ -z "$row" ] && return
  rate=$(sed -n 's/^finished in [^,]*, \([0-9.]*\) req\/s.*/\1/p' "$out")
  # Nearest-rank 99th percentile of the third column (microseconds until the end of the response).
  p99=$(awk -F'\t' '$2 != 200 { bad++ } { print $3 } END { if (bad) exit 1 }' "$log" | sort -n \
    | awk '{ v[NR] = $1 } END { r = int(NR * 0.99); if (r < NR * 0.99) r++; printf "%.1f", v[r] / 1000 }') \
    || { echo "h2load logged answers other than 200 on $method." >&2; exit 1; }
}
