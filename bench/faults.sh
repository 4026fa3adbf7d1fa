#!/usr/bin/env bash
# The fault suite, full version (docs/reliability.md, "The fault suite"): starts the whole stack the README's way
# (deploy/local/up.sh) on free ports in a temporary VIGIL_HOME, then per scenario drives a stream of evidence events
# through it and injects one fault: SIGKILL of the evaluator (three times), of report-service and of collector-service
# mid-run; SIGTERM (a graceful stop) of the evaluator and of report-service; Kafka stopped 30 s; PostgreSQL stopped
# 60 s; Slack down 5 min then answering 429 for 5 min; 10,000 malformed records. Prints per scenario: events, lost,
# duplicated, dead-lettered, recovery time; exits 1 on anything lost, duplicated or wrong. The table is also written
# to system-tests/target/fault-suite.md.
# Usage: bench/faults.sh [--events N] [--only scenario,...]   (100,000 events per scenario by default)
# Set VIGIL_SKIP_BUILD=1 to reuse what is already built. The short version runs in ./mvnw verify (FaultsIT).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
case "${1:-}" in -h | --help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;; esac

CLASSPATH_FILE=system-tests/target/test-classpath.txt
if [ "${VIGIL_SKIP_BUILD:-}" != "1" ] || [ ! -s "$CLASSPATH_FILE" ]; then
  echo "==> building the services, the local stack and the system tests (log: system-tests/target/faults-build.log)"
  mkdir -p system-tests/target
  # One reactor build: -am packages the three services and the local stack up.sh runs; nothing is installed.
  "$ROOT/mvnw" -B -q -DskipTests -pl system-tests -am package dependency:build-classpath \
    -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test >system-tests/target/faults-build.log 2>&1 \
    || { tail -40 system-tests/target/faults-build.log >&2; echo "build failed; full log: system-tests/target/faults-build.log" >&2; exit 1; }
fi

exec java -Xmx1g -Dvigil.root="$ROOT" \
  -cp "$ROOT/system-tests/target/test-classes:$(cat "$CLASSPATH_FILE")" \
  dev.vigil.system.FaultSuite "$@"
