#!/usr/bin/env bash
# Stops everything deploy/local/up.sh started: the three services, then the servers. Data stays in
# $VIGIL_HOME/data (delete that folder for a fresh start).
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$ROOT/deploy/local/common.sh"

# Every instance of each service (<service>.pid, <service>-2.pid, ...: VIGIL_INSTANCE in up.sh), then the servers.
for service in collector-service report-service control-evaluator; do
  for pidfile in "$RUN_DIR/$service.pid" "$RUN_DIR/$service"-[0-9]*.pid; do
    [ -e "$pidfile" ] && stop_process "$(basename "$pidfile" .pid)"
  done
done
stop_process stack

# A stack killed hard cannot stop its children; find them by the data folder in their command line.
for leftover in "-Dvigil.home=$VIGIL_HOME" "$DATA_DIR/kafka/server.properties" "$DATA_DIR/postgres"; do
  pids=$(pgrep -f -- "$leftover" || true)
  if [ -n "$pids" ]; then
    echo "stopping leftover processes of $leftover: $pids"
    kill $pids 2>/dev/null || true
    sleep 3
    kill -9 $pids 2>/dev/null || true
  fi
done
rm -f "$RUN_DIR/stack.env" "$RUN_DIR/services.env"
echo "Vigil is stopped."
