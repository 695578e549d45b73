#!/usr/bin/env bash
# Server-side latency p50/p99 of the admin services list and customer list with 1,000 customers and 10,000 services
# in a fresh SQLite file, against the storefront home page in the same run (goal: each list p99 < 100 ms).
# Usage: bench/lists.sh [requests-per-page]   (builds target/hostr.jar if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
REQUESTS=${1:-500}
[ -f target/hostr.jar ] || mvn -q -B -DskipTests package
export HOSTR_LOG_LEVEL=WARN HOSTR_ACCESS_LOG=WARN
java -Xmx512m ${HOSTR_BENCH_JVM_OPTS:-} -cp target/hostr.jar bench/ListsBench.java "$REQUESTS"
