#!/usr/bin/env bash
# The latency benchmark of event-driven collection (docs/benchmarks.md, "Event latency"): starts the whole stack the
# README's way (deploy/local/up.sh) on free ports in a temporary VIGIL_HOME, Slack alerts to a local stand-in, then
# makes changes in the sandbox one after another, round robin over GitHub, AWS and Okta (drift scenarios whose
# switch sends the provider's webhook, queue message or hook call), and times each at every hop: event sent →
# received by collector-service → evidence on Kafka → control status on Kafka → Slack message received. Prints p50,
# p95 and max per hop and end to end (target: p95 < 5 s end to end), and the provider calls a day the demo
# organisation costs with events on (daily sweep) and off (6-hour polling). The table is also written to
# system-tests/target/latency.md.
# Usage: bench/latency.sh [--changes N]   (100 by default)
# Set VIGIL_SKIP_BUILD=1 to reuse what is already built.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
case "${1:-}" in -h | --help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;; esac

CLASSPATH_FILE=system-tests/target/test-classpath.txt
if [ "${VIGIL_SKIP_BUILD:-}" != "1" ] || [ ! -s "$CLASSPATH_FILE" ]; then
  echo "==> building the services, the local stack and the system tests (log: system-tests/target/latency-build.log)"
  mkdir -p system-tests/target
  # One reactor build: -am packages the three services and the local stack up.sh runs; nothing is installed.
  "$ROOT/mvnw" -B -q -DskipTests -pl system-tests -am package dependency:build-classpath \
    -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test >system-tests/target/latency-build.log 2>&1 \
    || { tail -40 system-tests/target/latency-build.log >&2; echo "build failed; full log: system-tests/target/latency-build.log" >&2; exit 1; }
fi

exec java -Xmx512m -Dvigil.root="$ROOT" \
  -cp "$ROOT/system-tests/target/test-classes:$(cat "$CLASSPATH_FILE")" \
  dev.vigil.system.LatencyBench "$@"
