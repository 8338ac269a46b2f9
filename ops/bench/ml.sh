#!/usr/bin/env bash
# The models' training time, scoring throughput and memory on this machine, on a fresh embedded warehouse under
# target/ml-bench-data with a year of sales of known structure. Arguments are key=value: products (default 1000),
# runs (1; repeat to see the spread), data-dir. The JVM gets a 2 GB heap; PyTorch's own memory is outside it (the
# peak resident figure counts both). Extra JVM options go in BENCH_JAVA_OPTS.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q test-compile
./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
exec java -Xmx2g ${BENCH_JAVA_OPTS:-} -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
    vn.ecomdss.ml.MlBenchmark "$@"
