#!/usr/bin/env bash
# Webhook acknowledgement latency at 200/s and settlements per second, on SQLite and on PostgreSQL.
# 20,000 orders by default: half of them warm the JIT up before the measured round. After 5,000 warm-up settlements
# the C2 compiler still took a quarter to a third of the CPU in the measured round (a method run once per settlement
# is compiled by C2 only after some 10,000 calls), so the figure was the JIT's as much as Hostr's.
# Usage: bench/webhooks.sh [orders]   (PostgreSQL: HOSTR_BENCH_PG_URL, default jdbc:postgresql://127.0.0.1:5432/test)
set -euo pipefail
cd "$(dirname "$0")/.."
ORDERS=${1:-20000}
[ -f target/hostr.jar ] || mvn -q -B -DskipTests package
export HOSTR_LOG_LEVEL=WARN HOSTR_ACCESS_LOG=WARN
java -Xmx512m -cp target/hostr.jar bench/WebhookBench.java sqlite "$ORDERS"
schema="bench_$(date +%s)"
psql -h 127.0.0.1 -U postgres -d test -qc "CREATE SCHEMA $schema" >/dev/null
trap 'psql -h 127.0.0.1 -U postgres -d test -qc "DROP SCHEMA $schema CASCADE" >/dev/null' EXIT
java -Xmx512m -cp target/hostr.jar bench/WebhookBench.java "${HOSTR_BENCH_PG_URL:-jdbc:postgresql://127.0.0.1:5432/test}?currentSchema=$schema" "$ORDERS"
