#!/usr/bin/env bash
# Load check of the analytics API (REST and GraphQL) on loopback, with the in-process cache and with Redis.
#   ops/bench/analytics-load.sh [seconds per endpoint=10] [connections=16] [modes="in-process redis"]
# For each mode it starts `java -jar target/ecommerce-dss.jar server` on a free port over DSS_DATA_DIR (default ./var,
# which should hold a `demo` load), with a VIEWER API token made up for the run; in the redis mode also a
# redis-server of its own (Debian: apt-get install -y redis-server) and DSS_REDIS_URL. It waits for health, runs wrk
# (apt-get install -y wrk) against each endpoint, prints requests/s, socket errors, non-2xx answers and p99, and
# stops what it started. Build the jar first: ./mvnw -B -q package -DskipTests
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_PER_ENDPOINT=${1:-10}
CONNECTIONS=${2:-16}
MODES=${3:-"in-process redis"}
JAR=target/ecommerce-dss.jar
for tool in wrk curl java sha256sum; do
  command -v "$tool" >/dev/null || { echo "$tool is missing (wrk: apt-get install -y wrk)" >&2; exit 2; }
done
[ -f "$JAR" ] || { echo "$JAR is missing: ./mvnw -B -q package -DskipTests" >&2; exit 2; }
[[ "$MODES" != *redis* ]] || command -v redis-server >/dev/null \
  || { echo "redis-server is missing: apt-get install -y redis-server" >&2; exit 2; }

work=$(mktemp -d)
server_pid=""
redis_pid=""
stop_started() {
  [ -z "$server_pid" ] || { kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; }
  [ -z "$redis_pid" ] || { kill "$redis_pid" 2>/dev/null || true; wait "$redis_pid" 2>/dev/null || true; }
  server_pid=""
  redis_pid=""
}
trap 'stop_started; rm -rf "$work"' EXIT

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

TOKEN=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
AUTH="Authorization: Bearer $TOKEN"

# wrk counts only socket errors and timeouts as errors; these scripts also count non-2xx answers.
cat > "$work/status.lua" <<'LUA'
local bad = 0
response = function(status, headers, body)
  if status < 200 or status > 299 then bad = bad + 1 end
end
done = function(summary, latency, requests)
  io.write(string.format("non-2xx: %d\n", bad))
end
LUA
{
  echo 'wrk.method = "POST"'
  echo 'wrk.headers["Content-Type"] = "application/json"'
  echo "wrk.body = '{\"query\": \"{ kpis { revenue { revenueVnd orders } marketShare { platforms { platform share } } } topProducts(size: 10) { content { productId revenueVnd } } }\"}'"
  cat "$work/status.lua"
} > "$work/graphql.lua"

endpoints=(
  "/api/v1/analytics/revenue/monthly?size=50"
  "/api/v1/analytics/revenue/by-platform"
  "/api/v1/analytics/revenue/by-category"
  "/api/v1/analytics/products/top?size=10"
  "/api/v1/analytics/customers/segments"
  "/api/v1/analytics/kpis/revenue"
  "/api/v1/analytics/kpis/market-share"
  "/api/v1/analytics/kpis/operational-efficiency"
  "POST /graphql"
)

for mode in $MODES; do
  port=$(free_port)
  redis_url=""
  cache_env=()
  if [ "$mode" = redis ]; then
    redis_port=$(free_port)
    redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no > "$work/redis.log" 2>&1 &
    redis_pid=$!
    redis_url="redis://127.0.0.1:$redis_port"
    cache_env=("DSS_REDIS_URL=$redis_url")
  fi
  env "${cache_env[@]}" DSS_SERVER_PORT="$port" DSS_SCHEDULER_ENABLED=false \
    DSS_SECURITY_TOKENS_0_NAME=bench \
    DSS_SECURITY_TOKENS_0_SHA256="$(printf '%s' "$TOKEN" | sha256sum | cut -d' ' -f1)" \
    DSS_SECURITY_TOKENS_0_ROLES=VIEWER \
    java -jar "$JAR" server > "$work/server-$mode.log" 2>&1 &
  server_pid=$!
  base="http://127.0.0.1:$port"
  for _ in $(seq 1 180); do
    curl -fsS "$base/actuator/health" 2>/dev/null | grep -q '"UP"' && break
    kill -0 "$server_pid" 2>/dev/null || { tail -n 40 "$work/server-$mode.log"; echo "the server exited" >&2; exit 1; }
    sleep 1
  done
  curl -fsS "$base/actuator/health" | grep -q '"UP"' || { echo "the server is not UP after 180 s" >&2; exit 1; }

  echo "== cache: $mode${redis_url:+ ($redis_url)}, $CONNECTIONS connections, ${SECONDS_PER_ENDPOINT}s per endpoint"
  printf '%-50s %12s %8s %8s %10s\n' endpoint requests/s errors non-2xx p99
  for endpoint in "${endpoints[@]}"; do
    if [[ "$endpoint" == "POST "* ]]; then
      url="$base${endpoint#POST }"
      script="$work/graphql.lua"
    else
      url="$base$endpoint"
      script="$work/status.lua"
    fi
    out=$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_ENDPOINT}s" --timeout 10s --latency -H "$AUTH" -s "$script" "$url")
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    errors=$(awk '/Socket errors/ {gsub(",", ""); print $4+$6+$8+$10; found=1} END {if (!found) print 0}' <<<"$out")
    non2xx=$(awk '/non-2xx:/ {print $2}' <<<"$out")
    p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
    printf '%-50s %12s %8s %8s %10s\n' "$endpoint" "$rps" "$errors" "$non2xx" "$p99"
  done
  stop_started
done
