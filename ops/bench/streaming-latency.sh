#!/usr/bin/env bash
# The streaming pipeline's latency on this machine (vn.ecomdss.bench.StreamingLatencyBenchmark): the simulator at
# 10x the original rates for 10 minutes while ecommerce_streaming_pipeline follows the topics, on fresh embedded
# services under target/streaming-bench-data. Reports p50/p95/p99 from event time to the row being queryable in the
# real-time facts (and, in the same transaction, its 5-minute window), the messages consumed per second and the
# peak heap. Arguments are key=value: minutes (10), scale (10). Exits 1 when a sold line was not counted once.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q test-compile
./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
exec java -Xmx1g ${BENCH_JAVA_OPTS:-} -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
    vn.ecomdss.bench.StreamingLatencyBenchmark "$@"
