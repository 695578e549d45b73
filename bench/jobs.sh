#!/usr/bin/env bash
# No-op jobs per second through the job queue with one and two instances, against the floor of a single-row INSERT +
# UPDATE per job; provisioning throughput through the queue with the WHM simulator answering createacct after 200 ms,
# against the same createacct calls made directly. On a fresh SQLite file, then on PostgreSQL.
# Goals: ≥ 500 no-op jobs/s on PostgreSQL; queue overhead < 10% of provisioning time.
# Usage: bench/jobs.sh [jobs] [services]   (PostgreSQL: 127.0.0.1:5432, trust auth, database test, in a throwaway
#        schema; HOSTR_BENCH_PG_URL overrides. HOSTR_BENCH_CP: a classpath instead of the jar)
set -euo pipefail
cd "$(dirname "$0")/.."
JOBS=${1:-5000}
SERVICES=${2:-200}
if [ -z "${HOSTR_BENCH_CP:-}" ]; then
  [ -f target/hostr.jar ] || mvn -q -B -DskipTests package
  HOSTR_BENCH_CP=target/hostr.jar
fi
export HOSTR_LOG_LEVEL=WARN
JAVA="java -Xmx1g -cp $HOSTR_BENCH_CP"
$JAVA bench/JobsBench.java sqlite "$JOBS" "$SERVICES"
echo
schema="bench_jobs_$(date +%s)"
export PGOPTIONS=--client-min-messages=warning
psql -h 127.0.0.1 -U postgres -d test -qc "CREATE SCHEMA $schema" >/dev/null
trap 'psql -h 127.0.0.1 -U postgres -d test -qc "DROP SCHEMA $schema CASCADE" >/dev/null' EXIT
$JAVA bench/JobsBench.java "${HOSTR_BENCH_PG_URL:-jdbc:postgresql://127.0.0.1:5432/test}?currentSchema=$schema" \
  "$JOBS" "$SERVICES"
