#!/usr/bin/env bash
# The warehouse load path at scale against PostgreSQL's own floor, on a fresh embedded warehouse under
# target/bench-data. Arguments are key=value: lines (default 1000000), customers (100000), products (20000),
# seed (42), day-one (2026-03-01), data-dir (target/bench-data), statements (DEBUG logs every SQL statement's
# time). The JVM gets a 1 GB heap: the pipeline streams. Extra JVM options go in BENCH_JAVA_OPTS.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q test-compile
./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
exec java -Xmx1g ${BENCH_JAVA_OPTS:-} -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
    vn.ecomdss.bench.WarehouseBenchmark "$@"
