#!/usr/bin/env bash
# The models' training time, scoring throughput and memory on this machine, on a fresh embedded warehouse under
# target/ml-bench-data with a year of sales of known structure, and the prediction API's latency on loopback.
# Arguments are key=value: products (default 1000), value-customers (2000, for the customer models), runs (1; repeat
# to see the spread), data-dir, requests (5000 per prediction endpoint), clients (4). The JVM gets a 2 GB heap;
# PyTorch's own memory is outside it (the peak resident figures count both; each step's are measured apart).
# Extra JVM options go in BENCH_JAVA_OPTS.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q test-compile
./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
exec java -Xmx2g ${BENCH_JAVA_OPTS:-} -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
    vn.ecomdss.ml.MlBenchmark "$@"
