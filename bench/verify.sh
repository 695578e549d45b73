#!/usr/bin/env bash
# Raw BIP-340 login-event verifications per second with JMH (one thread by default; JMH_THREADS=2 for both cores).
# Usage: bench/verify.sh   (JMH 1.37 from Maven Central; builds target/hostr.jar if missing)
# Prints the JMH table; the last line is "verifications/s: N" for bench/login.sh to read.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f target/hostr.jar ] || mvn -q -B -DskipTests package
JMH=1.37
for a in jmh-core jmh-generator-annprocess; do
  mvn -q dependency:get -Dartifact=org.openjdk.jmh:$a:$JMH >/dev/null
done
m2=${MAVEN_REPO:-$HOME/.m2/repository}
cp="$m2/org/openjdk/jmh/jmh-core/$JMH/jmh-core-$JMH.jar:$m2/net/sf/jopt-simple/jopt-simple/5.0.4/jopt-simple-5.0.4.jar:$m2/org/apache/commons/commons-math3/3.6.1/commons-math3-3.6.1.jar"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
javac -nowarn -d "$work" -cp "target/hostr.jar:$cp" \
  -processorpath "$m2/org/openjdk/jmh/jmh-generator-annprocess/$JMH/jmh-generator-annprocess-$JMH.jar:$cp" \
  bench/jmh/org/hostr/bench/VerifyBenchmark.java
java -cp "$work:target/hostr.jar:$cp" org.openjdk.jmh.Main VerifyBenchmark -t "${JMH_THREADS:-1}" -rf csv -rff "$work/result.csv" \
  | grep -E "Benchmark|VerifyBenchmark"
awk -F, 'NR==2 {gsub(/"/,"",$5); printf "verifications/s: %.0f\n", $5}' "$work/result.csv"
