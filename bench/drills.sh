#!/usr/bin/env bash
# The fault drills of issue #9 at full size against `hostr serve` as a child process (see bench/FaultDrills.java):
# kill9, lost-webhooks, whm-outage, reordered on SQLite and on PostgreSQL, db-restart on PostgreSQL only.
# Usage: bench/drills.sh [drill...]   (default: all; whm-outage alone takes over 2 minutes per database)
#   HOSTR_DRILL_ORDERS (200), HOSTR_DRILL_OUTAGE_SECONDS (120), HOSTR_DRILL_SEED, HOSTR_DRILL_DATABASES ("sqlite postgres"),
#   HOSTR_DRILL_KEEP=1 keeps the work folder (config, serve's log) and prints where it is; HOSTR_DRILL_SERVE_LOG_LEVEL
#   (INFO) is serve's log level.
#   HOSTR_BENCH_CP: a class path to run Hostr from instead of the jar (serve then starts as java -cp … org.hostr.Main).
#   PostgreSQL: 127.0.0.1:5432, trust auth, database test, a throwaway schema per drill (HOSTR_BENCH_PG_URL overrides).
#   db-restart restarts the machine's PostgreSQL (pg_ctlcluster, as root; HOSTR_DRILL_PG_RESTART overrides).
set -euo pipefail
cd "$(dirname "$0")/.."
DRILLS=("$@")
[ ${#DRILLS[@]} -gt 0 ] || DRILLS=(kill9 lost-webhooks whm-outage reordered db-restart)
DATABASES=${HOSTR_DRILL_DATABASES:-sqlite postgres}
PG_URL=${HOSTR_BENCH_PG_URL:-jdbc:postgresql://127.0.0.1:5432/test}
if [ -z "${HOSTR_BENCH_CP:-}" ]; then
  [ -f target/hostr.jar ] || mvn -q -B -DskipTests package
  HOSTR_BENCH_CP=target/hostr.jar
fi
export HOSTR_LOG_LEVEL=WARN PGOPTIONS=--client-min-messages=warning

work=$(mktemp -d)
schemas=()
cleanup() {
  # serve children left by a bench JVM that was itself killed
  for pid in "$work"/*/serve.pid; do [ -f "$pid" ] && kill -9 "$(cat "$pid")" 2>/dev/null || true; done
  for schema in ${schemas[@]+"${schemas[@]}"}; do
    psql -h 127.0.0.1 -U postgres -d test -qc "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null 2>&1 || true
  done
  if [ -n "${HOSTR_DRILL_KEEP:-}" ]; then echo "logs kept in $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

failed=0
touch "$work/summary.tsv"
for drill in "${DRILLS[@]}"; do
  for db in $DATABASES; do
    [ "$drill" = db-restart ] && [ "$db" = sqlite ] && continue
    dir="$work/$drill-$db"
    mkdir -p "$dir"
    target=sqlite
    if [ "$db" = postgres ]; then
      schema="drill_${drill//-/_}_$(date +%s)_$$"
      schemas+=("$schema")
      psql -h 127.0.0.1 -U postgres -d test -qc "CREATE SCHEMA $schema" >/dev/null
      target="$PG_URL?currentSchema=$schema"
    fi
    echo "== $drill on $db"
    java -Xmx512m -cp "$HOSTR_BENCH_CP" bench/FaultDrills.java "$drill" "$target" "$dir" | tee "$dir/out.txt" || {
      failed=1
      echo "   serve's log (last 40 lines):"; tail -n 40 "$dir/serve.log" 2>/dev/null | sed 's/^/   /' || true
    }
    grep '^RESULT' "$dir/out.txt" | cut -f2- >> "$work/summary.tsv" || true
  done
done

echo
echo "Fault drills ($(date -u +%Y-%m-%dT%H:%MZ), ${HOSTR_DRILL_ORDERS:-200} orders each, load average $(cut -d' ' -f1-3 /proc/loadavg))"
printf '%-14s %-11s %-5s %s\n' drill database ok figures
while IFS=$'\t' read -r drill db verdict figures; do
  printf '%-14s %-11s %-5s %s\n' "$drill" "$db" "$verdict" "$figures"
done < "$work/summary.tsv"
exit $failed
