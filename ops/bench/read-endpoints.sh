#!/usr/bin/env bash
# Load check of the admin API's read endpoints on a running server (java -jar target/ecommerce-dss.jar server).
# Uses wrk (Debian: apt-get install -y wrk) against loopback, with a viewer's HTTP Basic credentials.
#   ops/bench/read-endpoints.sh [base-url] [seconds] [connections]
# Environment: DSS_BENCH_TOKEN (a VIEWER API token, sent as Bearer: what machines use) or else
# DSS_BENCH_USER / DSS_BENCH_PASSWORD (HTTP Basic; default: the local demo viewer/viewer). Basic checks a bcrypt
# hash on every request, which costs tens of milliseconds of CPU each: measure with a token for throughput.
set -euo pipefail
BASE=${1:-http://127.0.0.1:8080}
SECONDS_PER_ENDPOINT=${2:-10}
CONNECTIONS=${3:-16}
USER=${DSS_BENCH_USER:-viewer}
PASSWORD=${DSS_BENCH_PASSWORD:-viewer}
if [ -n "${DSS_BENCH_TOKEN:-}" ]; then
  AUTH="Authorization: Bearer $DSS_BENCH_TOKEN"
else
  AUTH="Authorization: Basic $(printf '%s:%s' "$USER" "$PASSWORD" | base64 -w0)"
fi
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 2; }

# wrk counts only socket errors and timeouts as errors; this script also counts non-2xx answers.
STATUS_SCRIPT=$(mktemp --suffix=.lua)
trap 'rm -f "$STATUS_SCRIPT"' EXIT
cat > "$STATUS_SCRIPT" <<'LUA'
local bad = 0
response = function(status, headers, body)
  if status < 200 or status > 299 then bad = bad + 1 end
end
done = function(summary, latency, requests)
  io.write(string.format("non-2xx: %d\n", bad))
end
LUA

first_execution=$(curl -fsS -H "$AUTH" "$BASE/api/v1/executions?size=1" | sed -n 's/.*"content":\[{"id":\([0-9]*\).*/\1/p')
endpoints=(/api/v1/jobs "/api/v1/executions?size=20" /api/v1/kpis/sales /api/v1/quality/latest /actuator/health)
[ -n "$first_execution" ] && endpoints+=("/api/v1/executions/$first_execution")

printf '%-36s %12s %10s %12s %8s\n' endpoint requests/s errors non-2xx p99
for endpoint in "${endpoints[@]}"; do
  out=$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_ENDPOINT}s" --timeout 10s --latency -H "$AUTH" -s "$STATUS_SCRIPT" "$BASE$endpoint")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  errors=$(awk '/Socket errors/ {gsub(",", ""); print $4+$6+$8+$10; found=1} END {if (!found) print 0}' <<<"$out")
  non2xx=$(awk '/non-2xx:/ {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  printf '%-36s %12s %10s %12s %8s\n' "$endpoint" "$rps" "$errors" "$non2xx" "$p99"
done
