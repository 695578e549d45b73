#!/usr/bin/env bash
# Logins per second against raw BIP-340 verifications per second (JMH, bench/verify.sh), same run, same machine
# (goal: ratio >= 0.5). The load client signs on this machine too, as a customer's browser would on theirs.
# The load runs at least 30 s (WARMUP=N) before the measured window, over the same connections, to warm the server's
# JIT up. Also prints the server's CPU time per login, and last the HTTP floor: the same clients against a bare
# Javalin serving the two routes.
# Usage: bench/login.sh [seconds] [clients, 16]   (builds target/hostr.jar if missing). The clients draw their
# signing nonces before the measured round (see bench/LoginBench.java); HOSTR_BENCH_CLIENT_OPTS=-Dbench.fullSigning=true
# has them sign as a signer extension does, nonce and all.
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=${1:-10}
[ -f target/hostr.jar ] || mvn -q -B -DskipTests package
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
PORT=18183
. bench/login-config.sh
login_config "$work" $PORT
[ -f target/hostr.jsa ] || mvn -q -B -DskipTests package
HOSTR_ACCESS_LOG=WARN HOSTR_LOG_LEVEL=WARN java -XX:SharedArchiveFile=target/hostr.jsa $SERVE_FLAGS ${HOSTR_BENCH_JVM_OPTS:-} -jar target/hostr.jar serve --config "$work/config.toml" > "$work/serve.log" 2>&1 &
server=$!
until curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1; do sleep 0.1; done
raw=$(bash bench/verify.sh | tee /dev/stderr | awk '/^verifications\/s:/ {print $2}')
logins=$(java -Dserver.pid="$server" -Dwarmup="${WARMUP:-30}" ${HOSTR_BENCH_CLIENT_OPTS:-} -cp target/hostr.jar bench/LoginBench.java "http://127.0.0.1:$PORT" "$SECS" "${2:-16}" | tee /dev/stderr | awk '/^logins\/s:/ {print $2}')
echo "ratio logins / JMH single-thread verifications: $(awk -v a="$logins" -v b="$raw" 'BEGIN {printf "%.3f", a/b}') (goal >= 0.50)"
# The HTTP floor: the same clients against the two login routes on a bare Javalin with nothing behind them
# (bench/LoginFloor.java), so what Hostr adds per login over Javalin and the clients reads off the same run.
kill $server 2>/dev/null || true
wait $server 2>/dev/null || true
FLOOR_PORT=18184
java $SERVE_FLAGS -cp target/hostr.jar bench/LoginFloor.java $FLOOR_PORT > "$work/floor.log" 2>&1 &
floor=$!
until curl -sf "http://127.0.0.1:$FLOOR_PORT/readyz" >/dev/null 2>&1; do sleep 0.1; done
floor_logins=$(java -Dserver.pid="$floor" -Dwarmup=20 ${HOSTR_BENCH_CLIENT_OPTS:-} -cp target/hostr.jar bench/LoginBench.java "http://127.0.0.1:$FLOOR_PORT" "$SECS" "${2:-16}" no-verify \
  | sed 's/^/floor: /' | tee /dev/stderr | awk '/^floor: logins\/s:/ {print $3}')
echo "HTTP floor (bare Javalin, same clients): $floor_logins logins/s, ratio $(awk -v a="$floor_logins" -v b="$raw" 'BEGIN {printf "%.3f", a/b}') of JMH; Hostr reaches $(awk -v a="$logins" -v b="$floor_logins" 'BEGIN {printf "%.2f", a/b}') of the floor"
