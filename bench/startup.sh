#!/usr/bin/env bash
# Foundation figures: cold start of `serve` to the first 200 on /readyz, resident memory after start, and requests per
# second of the storefront home page against a bare Javalin route (same load tool, same run, same JVM flags).
# Usage: bench/startup.sh [seconds-of-load]   (needs wrk: apt-get install wrk; builds target/hostr.jar if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=${1:-15}
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 2; }
[ -f target/hostr.jar ] || mvn -q -B -DskipTests package
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
# The flags the README recommends for serve; the bare route runs with the same ones, less the class-data archive,
# which belongs to Hostr's jar and training run.
JAVA_OPTS=${JAVA_OPTS:--XX:+UseSerialGC -Xms48m -Xmn32m -Xmx256m}
[ -f target/hostr.jsa ] && ARCHIVE="-XX:SharedArchiveFile=target/hostr.jsa" || ARCHIVE=""
PORT=18181; BARE=18182
cat > "$work/config.toml" <<TOML
[server]
host = "127.0.0.1"
port = $PORT
public_url = "http://localhost:$PORT"
[database]
url = "jdbc:sqlite:$work/hostr.db"
[auth]
session_secret = "bench-session-secret-0123456789abcdefghij"
[strike]
api_key = "bench"
webhook_secret = "bench-webhook-secret"
[secrets]
encryption_key = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="
[[plans]]
slug = "basic"
name = "Basic"
storage_mb = 10240
bandwidth_mb = 102400
whm_package = "basic"
price_minor = 500
TOML

ms() { date +%s%3N; }
start=$(ms)
HOSTR_ACCESS_LOG=WARN java $JAVA_OPTS $ARCHIVE -jar target/hostr.jar serve --config "$work/config.toml" > "$work/serve.log" 2>&1 &
pid=$!
until curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1; do
  kill -0 $pid 2>/dev/null || { cat "$work/serve.log"; exit 1; }
  sleep 0.02
done
ready=$(( $(ms) - start ))
sleep 2
rss_kb=$(ps -o rss= -p $pid | tr -d ' ')

java $JAVA_OPTS -cp target/hostr.jar bench/BareJavalin.java $BARE > "$work/bare.log" 2>&1 &
until curl -sf "http://127.0.0.1:$BARE/" >/dev/null 2>&1; do sleep 0.05; done

rps() { wrk -t2 -c16 -d"${SECS}s" "$1" | awk '/Requests\/sec/ {print $2}'; }
# Warm both JVMs up first, then measure one after the other. 20 s each (WARMUP=N to change it): on a slow 2-core
# machine C2 was still compiling the storefront's template code after 5 s, and the ratio read 0.23-0.30 instead of 0.65.
WARM=${WARMUP:-20}
wrk -t2 -c16 -d"${WARM}s" "http://127.0.0.1:$PORT/" >/dev/null
wrk -t2 -c16 -d"${WARM}s" "http://127.0.0.1:$BARE/" >/dev/null
home=$(rps "http://127.0.0.1:$PORT/")
bare=$(rps "http://127.0.0.1:$BARE/")

echo "cold start of serve to first 200 on /readyz: ${ready} ms (goal < 2000 ms)"
echo "resident memory after start: $(( rss_kb / 1024 )) MB (goal < 200 MB; JAVA_OPTS=$JAVA_OPTS $ARCHIVE)"
echo "storefront home page: ${home} req/s; bare Javalin route: ${bare} req/s; ratio $(awk -v a="$home" -v b="$bare" 'BEGIN {printf "%.2f", a/b}') (goal >= 0.50)"
