#!/usr/bin/env bash
# The fault suite, full version (docs/reliability.md, "The fault suite"): starts the whole stack the README's way
# (deploy/local/up.sh) on free ports in a temporary VIGIL_HOME, then per scenario drives a stream of evidence events
# through it and injects one fault: SIGKILL of the evaluator (three times), of report-service and of collector-service
# mid-run; Kafka stopped 30 s; PostgreSQL stopped 60 s; Slack down 5 min then answering 429 for 5 min; 10,000
# malformed records. Prints per scenario: events, lost, duplicated, dead-lettered, recovery time, and fails on
# anything lost, duplicated or wrong. The table is also written to system-tests/target/fault-suite.md.
# Usage: bench/faults.sh [--events N]   (default 100000 per scenario; about 1.5 hours on 2 cores)
# The short version (four scenarios, a few thousand events each) runs in ./mvnw verify (FaultsIT).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

events=100000
while [ $# -gt 0 ]; do
  case "$1" in
    --events) events="${2:?--events needs a number}"; shift 2 ;;
    -h | --help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $1 (bench/faults.sh --help)" >&2; exit 2 ;;
  esac
done
[[ "$events" =~ ^[0-9]+$ ]] || { echo "--events must be a number, was '$events'" >&2; exit 2; }

mkdir -p system-tests/target
echo "==> building the services and running the fault suite with $events events per scenario"
echo "    (Maven output: system-tests/target/fault-suite.log; progress lines start with [fault-suite])"
set +e
"$ROOT/mvnw" -B -ntp verify -pl system-tests -am \
  -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=FaultsIT -Dfailsafe.failIfNoSpecifiedTests=false \
  -Dvigil.faults=full -Dvigil.faults.events="$events" 2>&1 \
  | tee system-tests/target/fault-suite.log | grep --line-buffered -E '^\[fault-suite|^==>|BUILD|ERROR'
status=${PIPESTATUS[0]}
set -e
echo
[ -f system-tests/target/fault-suite.md ] && cat system-tests/target/fault-suite.md
exit "$status"
