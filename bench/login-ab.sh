#!/usr/bin/env bash
# A/B of two builds or two sets of JVM flags on the login path: two servers side by side, paired rounds in turn
# (bench/LoginBench.java "ab"), so the shared machine's slow spells fall on both. Prints B/A for logins/s and for the
# server's CPU per login. On these noisy machines an A/A run (the same jar and flags twice) gives about 1.00 +- 0.05.
# Usage: bench/login-ab.sh JAR_A "FLAGS_A" JAR_B "FLAGS_B" [seconds per round, 5] [pairs, 10]
#   e.g. bench/login-ab.sh target/hostr.jar "" target/hostr.jar "-XX:NewRatio=1"
# FLAGS are added to the README's recommended flags; each jar uses the class-data archive beside it, if there is one.
# WARMUP=N sets the warm-up of each server (30 s).
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 4 ] || { sed -n '5,6p' "$0" >&2; exit 2; }
JAR_A=$1; FLAGS_A=$2; JAR_B=$3; FLAGS_B=$4; SECS=${5:-5}; PAIRS=${6:-10}
work=$(mktemp -d)
PID_A=""; PID_B=""
# The servers start in command substitutions, so they are not this shell's jobs: they are stopped by their ids.
stop() {
  kill $PID_A $PID_B 2>/dev/null || true
  for _ in $(seq 100); do { kill -0 $PID_A || kill -0 $PID_B; } 2>/dev/null || break; sleep 0.1; done
  rm -rf "$work"
}
trap stop EXIT
. bench/login-config.sh
serve() { # jar flags port
  mkdir -p "$work/$3"
  login_config "$work/$3" "$3"
  local archive="${1%.jar}.jsa"
  [ -f "$archive" ] && archive="-XX:SharedArchiveFile=$archive" || archive=""
  # shellcheck disable=SC2086
  HOSTR_ACCESS_LOG=WARN HOSTR_LOG_LEVEL=WARN MALLOC_ARENA_MAX=2 java $archive $SERVE_FLAGS $2 \
    -jar "$1" serve --config "$work/$3/config.toml" > "$work/$3/serve.log" 2>&1 &
  echo $!
}
PID_A=$(serve "$JAR_A" "$FLAGS_A" 18193)
PID_B=$(serve "$JAR_B" "$FLAGS_B" 18194)
for port in 18193 18194; do
  until curl -sf "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; do sleep 0.1; done
done
java -Dwarmup="${WARMUP:-30}" -cp "$JAR_A" bench/LoginBench.java ab http://127.0.0.1:18193 "$PID_A" http://127.0.0.1:18194 "$PID_B" "$SECS" "$PAIRS"
