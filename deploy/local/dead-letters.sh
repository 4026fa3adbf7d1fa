#!/usr/bin/env bash
# Lists the dead letters (records a service could never process, on <topic>.dlq) and replays chosen ones to their
# original topic once the cause is fixed (docs/reliability.md, "Replaying dead letters"). Admins only.
#   deploy/local/dead-letters.sh list [--topic T] [--reason TEXT] [--limit N] [--offset N]
#   deploy/local/dead-letters.sh replay ID...                      ID: <dead-letter topic>/<partition>/<offset>
#   deploy/local/dead-letters.sh replay --reason TEXT [--topic T]  every dead letter that matches
# A dead letter is replayed at most once: replaying it again publishes nothing and says when and by whom it was.
# Signs in as VIGIL_API_USER / VIGIL_API_PASSWORD (an admin; the demo: admin / vigil-admin). Finds report-service at
# VIGIL_REPORT_URL, else the port up.sh recorded in $VIGIL_HOME/run/services.env, else VIGIL_REPORT_PORT (default 8080).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$ROOT/deploy/local/common.sh"

usage() { sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; }

REPORT_URL="${VIGIL_REPORT_URL:-}"
for env in "$RUN_DIR/services.env"; do
  [ -z "$REPORT_URL" ] && [ -f "$env" ] && REPORT_URL=$(sed -n 's/^VIGIL_REPORT_URL=//p' "$env" | tr -d "\"'")
done
REPORT_URL="${REPORT_URL:-http://127.0.0.1:${VIGIL_REPORT_PORT:-8080}}"
REPORT_URL="${REPORT_URL%/}"

# A JSON string: backslashes and quotes escaped, control characters dropped.
json_string() {
  local s=${1//\\/\\\\}
  s=${s//\"/\\\"}
  printf '"%s"' "$(printf '%s' "$s" | tr -d '\000-\037')"
}

# call METHOD PATH [curl arguments...]: prints the answer, or fails naming the URL and the status. The password
# reaches curl on its standard input (a config line), never on a command line other users' ps can show.
call() {
  local method=$1 path=$2 out code credentials
  shift 2
  [ -n "${VIGIL_API_USER:-}" ] && [ -n "${VIGIL_API_PASSWORD:-}" ] \
    || die "set VIGIL_API_USER and VIGIL_API_PASSWORD to an admin's user name and password" \
           "(the local demo: admin / vigil-admin)"
  credentials=${VIGIL_API_USER}:${VIGIL_API_PASSWORD}
  credentials=${credentials//\\/\\\\}
  out=$(mktemp)
  code=$(printf 'user = "%s"\n' "${credentials//\"/\\\"}" | curl -s -K - -o "$out" -w '%{http_code}' \
    -X "$method" -H 'Accept: text/plain' "$@" "$REPORT_URL$path") \
    || { rm -f "$out"; die "report-service does not answer at $REPORT_URL" \
           "(is the stack up? deploy/local/up.sh; or set VIGIL_REPORT_URL)"; }
  if [ "$code" != 200 ]; then
    local body; body=$(cat "$out"); rm -f "$out"
    case "$code" in
      401) die "$method $REPORT_URL$path answered 401: user '$VIGIL_API_USER' is unknown or the password is wrong" ;;
      403) die "$method $REPORT_URL$path answered 403: user '$VIGIL_API_USER' is not an admin" ;;
      *) die "$method $REPORT_URL$path answered $code: $body" ;;
    esac
  fi
  cat "$out"; rm -f "$out"
}

list() {
  local args=(-G --data-urlencode format=text)
  while [ $# -gt 0 ]; do
    case "$1" in
      --topic | --reason | --limit | --offset)
        [ $# -ge 2 ] || die "$1 needs a value"
        args+=(--data-urlencode "${1#--}=$2"); shift 2 ;;
      *) die "unknown argument '$1' for list; see $0 --help" ;;
    esac
  done
  call GET /api/dead-letters "${args[@]}"
}

replay() {
  local topic="" reason="" ids=() body
  while [ $# -gt 0 ]; do
    case "$1" in
      --topic) [ $# -ge 2 ] || die "--topic needs a value"; topic=$2; shift 2 ;;
      --reason) [ $# -ge 2 ] || die "--reason needs a value"; reason=$2; shift 2 ;;
      -*) die "unknown option '$1' for replay; see $0 --help" ;;
      *) ids+=("$1"); shift ;;
    esac
  done
  if [ ${#ids[@]} -gt 0 ]; then
    [ -z "$topic$reason" ] || die "give either dead letter ids or --reason/--topic, not both"
    body='{"ids":['
    local sep=""
    for id in "${ids[@]}"; do body+="$sep$(json_string "$id")"; sep=","; done
    body+=']}'
  else
    [ -n "$reason" ] || die "name the dead letters to replay: their ids, or --reason TEXT [--topic T] (list shows both)"
    body="{\"reason\":$(json_string "$reason")"
    [ -z "$topic" ] || body+=",\"topic\":$(json_string "$topic")"
    body+='}'
  fi
  call POST "/api/dead-letters/replay?format=text" -H 'Content-Type: application/json' --data-binary "$body"
}

case "${1:-}" in
  list) shift; list "$@" ;;
  replay) shift; replay "$@" ;;
  "" | -h | --help) usage ;;
  *) die "unknown command '$1'; see $0 --help" ;;
esac
