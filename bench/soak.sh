#!/usr/bin/env bash
# Load and soak: simulated customers (each their own Nostr key, 1–3 s of thought between pages) log in, browse, order,
# pay and wait for their hosting against `hostr serve` run with the README's flags, on a fresh SQLite file and then on
# PostgreSQL. Per page p50/p99 and errors, serve's resident memory every 10 s and its growth after warm-up, the home
# page under load against the same page idle after the soak, and a check that every payment settled once and every
# paid order has one cPanel account. Exits 1 when any of that fails.
# Usage: bench/soak.sh [minutes] [customers]   (defaults 10 and 200; HOSTR_BENCH_DBS="sqlite" or "postgresql" runs one;
#        PostgreSQL: 127.0.0.1:5432, trust auth, database test, in a throwaway schema; HOSTR_BENCH_PG_URL overrides;
#        HOSTR_BENCH_CP: a classpath to run serve and the bench from instead of the jar; HOSTR_BENCH_JVM_OPTS: more flags
#        for serve, e.g. -XX:NativeMemoryTracking=summary)
set -euo pipefail
cd "$(dirname "$0")/.."
MINUTES=${1:-10}
CUSTOMERS=${2:-200}
if [ -z "${HOSTR_BENCH_CP:-}" ]; then
  [ -f target/hostr.jar ] || mvn -q -B -DskipTests package
fi
export HOSTR_LOG_LEVEL=WARN HOSTR_ACCESS_LOG=WARN
JAVA="java -Xmx512m -cp ${HOSTR_BENCH_CP:-target/hostr.jar}"
status=0
for db in ${HOSTR_BENCH_DBS:-sqlite postgresql}; do
  if [ "$db" = sqlite ]; then
    $JAVA bench/SoakBench.java sqlite "$MINUTES" "$CUSTOMERS" || status=1
  else
    schema="bench_soak_$(date +%s)"
    export PGOPTIONS=--client-min-messages=warning
    psql -h 127.0.0.1 -U postgres -d test -qc "CREATE SCHEMA $schema" >/dev/null
    trap 'psql -h 127.0.0.1 -U postgres -d test -qc "DROP SCHEMA $schema CASCADE" >/dev/null' EXIT
    $JAVA bench/SoakBench.java "${HOSTR_BENCH_PG_URL:-jdbc:postgresql://127.0.0.1:5432/test}?currentSchema=$schema" \
      "$MINUTES" "$CUSTOMERS" || status=1
  fi
  echo
done
exit $status
