#!/usr/bin/env bash
# Outage drill on the running local stack (docs/reliability.md, "Outage drills"): stops Kafka or the embedded
# PostgreSQL for SECONDS and starts it again on the same port and data, as a restart or failover looks to the
# services; returns once it runs again. Watch the services wait it out: readiness, lag, nothing dead-lettered.
#   deploy/local/outage.sh kafka 30
#   deploy/local/outage.sh postgres 60
# Finds the stack through $VIGIL_HOME/run (written by up.sh).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$ROOT/deploy/local/common.sh"

case "${1:-}" in
  -h | --help | "") sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; [ -n "${1:-}" ]; exit $? ;;
esac
server=$1 seconds=${2:-30}
case "$server" in kafka | postgres) ;; *) die "unknown server '$server': kafka or postgres" ;; esac
[[ "$seconds" =~ ^[0-9]{1,5}$ ]] || die "seconds must be a whole number, was '$seconds'"
is_running stack || die "the local stack is not running in $VIGIL_HOME (deploy/local/up.sh)"

id="$(date +%s)-$$"
echo "$server $seconds" >"$RUN_DIR/outage-$id.tmp"
mv "$RUN_DIR/outage-$id.tmp" "$RUN_DIR/outage-$id.request"
step "$server stops for ${seconds}s, then starts again (log: $LOG_DIR/stack.log)"
deadline=$((SECONDS + seconds + 180))
until [ -f "$RUN_DIR/outage-$id.done" ]; do
  (( SECONDS < deadline )) || die "no answer from the stack within $((seconds + 180))s; see $LOG_DIR/stack.log"
  is_running stack || die "the local stack stopped; see $LOG_DIR/stack.log"
  sleep 1
done
outcome=$(cat "$RUN_DIR/outage-$id.done"); rm -f "$RUN_DIR/outage-$id.done"
echo "$outcome"
[[ "$outcome" == ok:* ]]
