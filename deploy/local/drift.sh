#!/usr/bin/env bash
# Switches a drift scenario of the sandbox organisation on or off while the local stack runs (docs/sandbox.md,
# "Drift scenarios"). The sandbox then sends what the provider would (GitHub's signed webhook, Okta's hook call, the
# CloudTrail event on the AWS queue), so the collector reads what changed and the control moves within seconds; the
# answer lists those deliveries ("delivered"). The next full collection shows the change too.
#   deploy/local/drift.sh                      list the scenarios and whether each is on
#   deploy/local/drift.sh <scenario> [on|off]  switch one on (the default) or off
#   deploy/local/drift.sh all off              switch every scenario off
# Finds the sandbox from $VIGIL_HOME/run/stack.env (written by up.sh), else VIGIL_SANDBOX_PORT (default 8089).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$ROOT/deploy/local/common.sh"

SANDBOX_URL=""
[ -f "$RUN_DIR/stack.env" ] && SANDBOX_URL=$(sed -n 's/^VIGIL_SANDBOX_URL=//p' "$RUN_DIR/stack.env" | tr -d "\"'")
SANDBOX_URL="${SANDBOX_URL:-http://127.0.0.1:${VIGIL_SANDBOX_PORT:-8089}}"

call() {
  local method=$1 path=$2 out code
  out=$(mktemp)
  code=$(curl -s -o "$out" -w '%{http_code}' -X "$method" "$SANDBOX_URL/__vigil/drift$path") \
    || { rm -f "$out"; die "the sandbox does not answer at $SANDBOX_URL (is the stack up? deploy/local/up.sh)"; }
  cat "$out"; rm -f "$out"
  [ "$code" = 200 ] || die "the sandbox answered $code"
}

case "${1:-}" in
  "" | list) call GET "" ;;
  -h | --help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//' ;;
  all)
    [ "${2:-off}" = off ] || die "only 'all off' is supported"
    call DELETE "" ;;
  *)
    case "${2:-on}" in
      on) call POST "/$1" ;;
      off) call DELETE "/$1" ;;
      *) die "usage: $0 <scenario> [on|off]" ;;
    esac ;;
esac
