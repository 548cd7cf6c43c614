#!/usr/bin/env bash
# Builds and starts Connect on this machine with its embedded defaults:
#   gRPC server  http://127.0.0.1:50051 (HTTP/2 only), REST http://127.0.0.1:50052   console  http://127.0.0.1:8080
# Data (LiteDB file, hashing key, e-mail pickup folder, SMS outbox) goes to ./data. Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")"
root=$PWD

dotnet build src/Connect.Grpc/Connect.Grpc.csproj -c Release --nologo -v quiet
dotnet build src/Connect.Admin/Connect.Admin.csproj -c Release --nologo -v quiet

mkdir -p data
export Connect__Storage__DataDirectory="${Connect__Storage__DataDirectory:-$root/data}"

(cd src/Connect.Grpc && exec dotnet bin/Release/net10.0/Connect.Grpc.dll) &
server=$!
(cd src/Connect.Admin && exec dotnet bin/Release/net10.0/Connect.Admin.dll) &
console=$!

# Background jobs of a script ignore SIGINT, so Ctrl-C is passed on as SIGTERM: both shut down cleanly.
stop() { kill -TERM "$server" "$console" 2>/dev/null || true; wait "$server" "$console" 2>/dev/null || true; }
trap 'stop; exit 0' INT TERM
echo "Connect: gRPC on http://127.0.0.1:50051, REST and API reference on http://127.0.0.1:50052/reference, console on http://127.0.0.1:8080 (Ctrl-C stops both)"
wait -n "$server" "$console" || true
stop
