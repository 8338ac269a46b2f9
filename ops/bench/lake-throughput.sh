#!/usr/bin/env bash
# The raw lake's write and read throughput on this machine (vn.ecomdss.bench.LakeBenchmark): new envelopes, the same
# envelopes stored again by the next run, and one run's envelopes read back in order, on a fresh embedded document
# store under target/lake-bench-data (or the MongoDB of DSS_MONGODB_URI). Arguments are key=value: envelopes
# (100000), chunk (1000), runs (1). Exits 1 when a count is wrong.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q test-compile
./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
exec java -Xmx1g ${BENCH_JAVA_OPTS:-} -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
    vn.ecomdss.bench.LakeBenchmark "$@"
