#!/usr/bin/env bash
# One renewal sweep over 100,000 services on a fresh SQLite file and over 1,000,000 on PostgreSQL (one in ten due for
# a renewal invoice), each next to a raw SQL floor for the same work measured in the same run.
# Goals: < 5 s (SQLite), < 60 s (PostgreSQL), and within 5× of the floor.
# Usage: bench/sweep.sh [sqlite-services] [postgres-services]   (PostgreSQL: 127.0.0.1:5432, trust auth, database
#        test, in a throwaway schema; HOSTR_BENCH_PG_URL overrides. HOSTR_BENCH_CP: a classpath instead of the jar)
set -euo pipefail
cd "$(dirname "$0")/.."
SQLITE_SERVICES=${1:-100000}
PG_SERVICES=${2:-1000000}
if [ -z "${HOSTR_BENCH_CP:-}" ]; then
  [ -f target/hostr.jar ] || mvn -q -B -DskipTests package
  HOSTR_BENCH_CP=target/hostr.jar
fi
export HOSTR_LOG_LEVEL=WARN
JAVA="java -Xmx1g -cp $HOSTR_BENCH_CP"
$JAVA bench/SweepBench.java sqlite "$SQLITE_SERVICES" 5
echo
schema="bench_sweep_$(date +%s)"
export PGOPTIONS=--client-min-messages=warning
psql -h 127.0.0.1 -U postgres -d test -qc "CREATE SCHEMA $schema" >/dev/null
trap 'psql -h 127.0.0.1 -U postgres -d test -qc "DROP SCHEMA $schema CASCADE" >/dev/null' EXIT
$JAVA bench/SweepBench.java "${HOSTR_BENCH_PG_URL:-jdbc:postgresql://127.0.0.1:5432/test}?currentSchema=$schema" \
  "$PG_SERVICES" 60
