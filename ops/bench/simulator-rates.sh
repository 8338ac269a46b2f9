#!/usr/bin/env bash
# Measures the event simulator's sustained publishing rates to the embedded Kafka broker on this machine:
# first at the original rates (scale 1: is the target sustained?), then at a high scale (how far does it go?).
# Usage: ops/bench/simulator-rates.sh [minutes-at-scale-1] [high-scale]
set -euo pipefail
cd "$(dirname "$0")/../.."
minutes="${1:-0.5}"
scale="${2:-500}"
jar=target/ecommerce-dss.jar
[ -f "$jar" ] || ./mvnw -B -q package -DskipTests
data_dir="$(mktemp -d /tmp/dss-bench-XXXXXX)"
trap 'rm -rf "$data_dir"' EXIT
echo "== original rates (scale 1) for $minutes minutes"
java -jar "$jar" simulate --minutes "$minutes" --rate-scale 1 --dss.data-dir="$data_dir" | grep -v '^[0-9][0-9:.]* '
echo "== scale $scale for 0.25 minutes (targets beyond what the machine sustains show its ceiling)"
java -jar "$jar" simulate --minutes 0.25 --rate-scale "$scale" --dss.data-dir="$data_dir" | grep -v '^[0-9][0-9:.]* '
