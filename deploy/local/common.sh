# Shared by up.sh and down.sh. Everything the local stack writes lives under $VIGIL_HOME.
VIGIL_HOME="${VIGIL_HOME:-$ROOT/.vigil}"
mkdir -p "$VIGIL_HOME"
VIGIL_HOME="$(cd "$VIGIL_HOME" && pwd)"
LOG_DIR="$VIGIL_HOME/logs"
RUN_DIR="$VIGIL_HOME/run"
DATA_DIR="$VIGIL_HOME/data"
VERSION="0.1.0-SNAPSHOT"
# Who the scripts sign in to the services as (a demo user of the "demo" profile, on all three services;
# user:password for curl -u).
VIGIL_REPORT_USER="${VIGIL_REPORT_USER:-engineer:vigil-engineer}"
# Which instance of the services up.sh starts (docs/scale-out.md): 1 (the default) names its processes as before
# (run/collector-service.pid, logs/collector-service.log); another number n starts a further instance of each service
# on the same Kafka and PostgreSQL, named <service>-n, on the ports the caller gives it (VIGIL_REPORT_PORT, ...).
VIGIL_INSTANCE="${VIGIL_INSTANCE:-1}"
INSTANCE_SUFFIX=""
[ "$VIGIL_INSTANCE" = 1 ] || INSTANCE_SUFFIX="-$VIGIL_INSTANCE"
# This instance's process name of a service: its pid file, log and what is_running checks.
proc() { echo "$1$INSTANCE_SUFFIX"; }

step() { echo "==> $*"; }
die() { echo "error: $*" >&2; exit 1; }

require_java() {
  command -v java >/dev/null 2>&1 || die "Java 17 or newer is needed (java not found on PATH)"
  local v
  v=$(java -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}')
  [ "${v%%.*}" -ge 17 ] 2>/dev/null || die "Java 17 or newer is needed (found $v)"
}

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pid_of() { cat "$RUN_DIR/$1.pid" 2>/dev/null; }

is_running() {
  local pid; pid=$(pid_of "$1")
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null
}

# Builds the runnable artifacts when one is missing or a source file is newer than it.
build_if_needed() {
  local marker="$ROOT/collector-service/target/quarkus-app/quarkus-run.jar"
  local artifacts=("$ROOT/deploy/local-stack/target/vigil-local-stack-$VERSION.jar"
                   "$ROOT/deploy/kafka-broker/target/broker-libs/vigil-kafka-broker.jar"
                   "$ROOT/control-evaluator/target/quarkus-app/quarkus-run.jar"
                   "$ROOT/report-service/target/quarkus-app/quarkus-run.jar" "$marker")
  local need=""
  for a in "${artifacts[@]}"; do [ -f "$a" ] || need="missing $a"; done
  if [ -z "$need" ] && [ "${VIGIL_SKIP_BUILD:-}" != "1" ]; then
    local newer
    newer=$(find "$ROOT/common" "$ROOT/deploy" "$ROOT/collector-service" "$ROOT/control-evaluator" \
      "$ROOT/report-service" -path '*/target' -prune -o -path '*/src/main/*' -type f -newer "$marker" -print -quit)
    [ -n "$newer" ] && need="$newer changed"
  fi
  if [ -n "$need" ]; then
    step "building ($need); the first build downloads dependencies and takes a few minutes"
    "$ROOT/mvnw" -B -q -DskipTests -pl control-evaluator,report-service,collector-service,deploy/local-stack -am package \
      >"$VIGIL_HOME/build.log" 2>&1 || { tail -40 "$VIGIL_HOME/build.log" >&2; die "build failed; full log: $VIGIL_HOME/build.log"; }
  fi
}

stack_ready() {
  is_running stack || { tail -20 "$LOG_DIR/stack.log" >&2; die "the stack process exited; see $LOG_DIR/stack.log"; }
  [ -f "$RUN_DIR/stack.env" ]
}

# This service's secret, the password it signs in to the others with (docs/access.md): random, generated once per
# VIGIL_HOME, readable by its owner only (like the session encryption key).
service_secret() {
  local file="$DATA_DIR/service-secret-$1"
  if [ ! -s "$file" ]; then
    (umask 077; head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' >"$file")
  fi
  cat "$file"
}

start_service() {
  local module=$1 port=$2 name
  name=$(proc "$module")
  step "starting $name on 127.0.0.1:$port (log: $LOG_DIR/$name.log)"
  # -Dvigil.home marks the process as this stack's, so down.sh can find it even without its pid file. Bound to
  # loopback explicitly: Quarkus' own default is every interface, where the demo users must never be.
  QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="$port" nohup java "-Xmx$SERVICE_HEAP" $SERVICE_JAVA_OPTS "-Dvigil.home=$VIGIL_HOME" \
    -jar "$ROOT/$module/target/quarkus-app/quarkus-run.jar" >"$LOG_DIR/$name.log" 2>&1 </dev/null &
  echo $! >"$RUN_DIR/$name.pid"
}

service_ready() {
  local name port=$2
  name=$(proc "$1")
  is_running "$name" || { tail -30 "$LOG_DIR/$name.log" >&2; die "$name exited; see $LOG_DIR/$name.log"; }
  curl -sf -o /dev/null "http://127.0.0.1:$port/q/health/ready"
}

# True once the collector's first runs have all finished and every automated control of the demo has a
# status, unchanged over two reads a few seconds apart (evidence may still be in flight just after a run ends).
# The controls only the registers evidence have one too: seed_demo_registers filled the registers first.
controls_scored() {
  local report=$1 collector=$2 first second
  curl -sf -u "$VIGIL_REPORT_USER" "http://127.0.0.1:$collector/api/collections" | grep -q '"state":"\(STARTED\|PROGRESS\)"' && return 1
  curl -sf -u "$VIGIL_REPORT_USER" "http://127.0.0.1:$collector/api/collections" | grep -q '"state"' || return 1
  first=$(curl -sf -u "$VIGIL_REPORT_USER" "http://127.0.0.1:$report/api/controls") || return 1
  # one control a line
  sed 's/},{"id"/}\n{"id"/g' <<<"$first" \
    | grep -q '"status":"NO_EVIDENCE","[^}]*"evidence":"AUTOMATED"\|"evidence":"AUTOMATED"[^}]*"status":"NO_EVIDENCE"' && return 1
  sleep 3
  second=$(curl -sf -u "$VIGIL_REPORT_USER" "http://127.0.0.1:$report/api/controls") || return 1
  [ "$(strip_times <<<"$first")" = "$(strip_times <<<"$second")" ]
}

# A day relative to today in UTC (relative_date -12, relative_date +290): GNU date, else BSD date.
relative_date() {
  date -u -d "$1 days" +%F 2>/dev/null || date -u "-v$1d" +%F
}

# A demo file's text with each {{today-N}} or {{today+N}} written as that day, so the demo reads the same on any day.
with_dates() {
  local text placeholder days
  text=$(cat "$1")
  for placeholder in $(grep -o '{{today[-+][0-9]*}}' <<<"$text" | sort -u); do
    days=${placeholder#'{{today'}
    text=${text//"$placeholder"/$(relative_date "${days%'}}'}")}
  done
  printf '%s\n' "$text"
}

# The demo organisation's vendor, risk and incident registers (deploy/local/demo-registers/<register>.csv), imported
# as a user would (POST /api/registers/<register>/csv, docs/registers.md), each {{today-N}} or {{today+N}} written as
# that day, so the demo reads the same on any day. Only into an empty register: what people recorded since stays.
seed_demo_registers() {
  local report=$1 register csv
  for register in vendor risk incident; do
    curl -sf -u "$VIGIL_REPORT_USER" "http://127.0.0.1:$report/api/registers/$register" | grep -q '"itemId"' && continue
    csv=$(with_dates "$ROOT/deploy/local/demo-registers/$register.csv")
    step "recording the demo $register register"
    curl -sf -u "$VIGIL_REPORT_USER" -H 'Content-Type: text/csv' --data-binary @- \
      "http://127.0.0.1:$report/api/registers/$register/csv" <<<"$csv" >/dev/null \
      || die "the demo $register register could not be imported (report-service's log: $LOG_DIR)"
  done
}

# A file's text as a JSON string's contents: backslashes, quotes and tabs escaped, lines joined by \n.
json_text() {
  sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/\t/\\t/g' "$1" | awk '{ printf "%s\\n", $0 }'
}

# The demo organisation's policies (deploy/local/demo-policies/policies.csv: each one's text in a file beside it), recorded,
# versioned and approved by their owner as people would (docs/policies.md), and the acknowledgements an HR or learning
# system exported (acknowledgements.csv), imported; {{today-N}} as in the registers. Only when no policy is recorded yet.
seed_demo_policies() {
  local report=$1 dir="$ROOT/deploy/local/demo-policies" id title owner controls effective approved text
  curl -sf -u "$VIGIL_REPORT_USER" "http://127.0.0.1:$report/api/policies" | grep -q '"policyId"' && return 0
  step "recording the demo policies"
  while IFS=, read -r id title owner controls effective approved text; do
    [ "$id" = policyId ] && continue
    curl -sf -u "$VIGIL_REPORT_USER" -X PUT -H 'Content-Type: application/json' \
      -d "{\"title\":\"$title\",\"owner\":\"$owner\",\"controls\":[\"$controls\"]}" \
      "http://127.0.0.1:$report/api/policies/$id" >/dev/null || die "the demo policy $id could not be recorded"
    curl -sf -u "$VIGIL_REPORT_USER" -H 'Content-Type: application/json' \
      -d "{\"text\":\"$(json_text "$dir/$text")\",\"effectiveDate\":\"$effective\"}" \
      "http://127.0.0.1:$report/api/policies/$id/versions" >/dev/null || die "the demo policy $id's text could not be recorded"
    # Approved by its owner, signed in as that owner (the demo user of the same name).
    [ "$approved" = yes ] && { curl -sf -u "$owner:vigil-$owner" -X POST "http://127.0.0.1:$report/api/policies/$id/versions/1/approval" \
      >/dev/null || die "the demo policy $id could not be approved by $owner"; }
  done < <(with_dates "$dir/policies.csv")
  with_dates "$dir/acknowledgements.csv" | curl -sf -u "$VIGIL_REPORT_USER" -H 'Content-Type: text/csv' --data-binary @- \
    "http://127.0.0.1:$report/api/policies/acknowledgements/csv" >/dev/null \
    || die "the demo policies' acknowledgements could not be imported (report-service's log: $LOG_DIR)"
}

# True once every control given has its automated part judged (the policies' rules read what was just recorded).
automated_scored() {
  local report=$1 control; shift
  for control in "$@"; do
    curl -sf -u "$VIGIL_REPORT_USER" "http://127.0.0.1:$report/api/controls/$control" \
      | grep -q '"automated":{[^}]*"status":"\(PASS\|FAIL\)"' || return 1
  done
}

# The demo organisation's access reviews (docs/access-reviews.md#the-demo), recorded as an admin would through the
# reviews API once the accounts are collected (a campaign is generated from them): LS-10's external users reviewed
# and every access kept (a finished campaign), and CM-01's code access review recorded as opened 100 days ago, as if
# moved from a spreadsheet, and left open (92-day window: overdue, CM-01 fails). Only for a control without campaigns.
VIGIL_ADMIN_USER="${VIGIL_ADMIN_USER:-admin:vigil-admin}"
seed_demo_campaigns() {
  local report=$1 api="http://127.0.0.1:$1/api/reviews" campaign id item
  if ! curl -sf -u "$VIGIL_ADMIN_USER" "$api/campaigns?controlId=LS-10" | grep -q '"campaignId"'; then
    step "recording the demo's finished LS-10 access review (every external user kept)"
    campaign=$(curl -sf -u "$VIGIL_ADMIN_USER" -H 'Content-Type: application/json' -d '{"controlId":"LS-10"}' \
      "$api/campaigns") || die "the demo LS-10 access review could not be opened (report-service's log: $LOG_DIR)"
    id=$(grep -o '"campaignId":"[^"]*"' <<<"$campaign" | head -1 | cut -d'"' -f4)
    for item in $(grep -o '"itemId":[0-9]*' <<<"$campaign" | cut -d: -f2); do
      curl -sf -u "$VIGIL_ADMIN_USER" -H 'Content-Type: application/json' \
        -d '{"decision":"keep","comment":"still under contract; confirmed with the engagement lead"}' \
        "$api/campaigns/$id/items/$item/decision" >/dev/null \
        || die "the demo LS-10 access review's item $item could not be decided (report-service's log: $LOG_DIR)"
    done
  fi
  if ! curl -sf -u "$VIGIL_ADMIN_USER" "$api/campaigns?controlId=CM-01" | grep -q '"campaignId"'; then
    step "recording the demo's overdue CM-01 access review (opened $(relative_date -100), left open)"
    curl -sf -u "$VIGIL_ADMIN_USER" -H 'Content-Type: application/json' \
      -d "{\"controlId\":\"CM-01\",\"openedOn\":\"$(relative_date -100)\"}" "$api/campaigns" >/dev/null \
      || die "the demo CM-01 access review could not be recorded (report-service's log: $LOG_DIR)"
  fi
  if ! curl -sf -u "$VIGIL_ADMIN_USER" "$api/campaigns?controlId=LS-24" | grep -q '"campaignId"'; then
    step "opening the demo's quarterly LS-24 access review (in progress: every account, reviewers by manager)"
    curl -sf -u "$VIGIL_ADMIN_USER" -H 'Content-Type: application/json' -d '{"controlId":"LS-24"}' "$api/campaigns" \
      >/dev/null || die "the demo LS-24 access review could not be opened (report-service's log: $LOG_DIR)"
  fi
}

# True once the demo's campaigns are judged: LS-10 and CM-01 read their campaign's status, and LS-24's campaign in
# progress has evidence (its review document is still to come).
campaigns_scored() {
  local report=$1 ls10 cm01 ls24
  ls10=$(curl -sf -u "$VIGIL_REPORT_USER" "http://127.0.0.1:$report/api/controls/LS-10") || return 1
  cm01=$(curl -sf -u "$VIGIL_REPORT_USER" "http://127.0.0.1:$report/api/controls/CM-01") || return 1
  ls24=$(curl -sf -u "$VIGIL_REPORT_USER" "http://127.0.0.1:$report/api/controls/LS-24") || return 1
  grep -q '"status":"PASS"' <<<"$ls10" && grep -q '"status":"FAIL"' <<<"$cm01" \
    && grep -q '"status":"DOCUMENT_MISSING"' <<<"$ls24"
}

# Generates the documents Vigil derives from collected evidence now (docs/controls.md#generated-documents) rather
# than at report-service's next hourly run; prints "<control>:<document type>" for each one generated or unchanged.
generate_documents() {
  local report=$1
  curl -sf -u "$VIGIL_REPORT_USER" -X POST "http://127.0.0.1:$report/api/evidence/generated" \
    | grep -o '"controlId":"[^"]*","documentType":"[^"]*","result":"\(generated\|unchanged\)"' \
    | sed 's/"controlId":"\([^"]*\)","documentType":"\([^"]*\)".*/\1:\2/'
}

# True once every "<control>:<document type>" given is a current document of its control.
documents_scored() {
  local report=$1 pair; shift
  for pair in "$@"; do
    curl -sf -u "$VIGIL_REPORT_USER" "http://127.0.0.1:$report/api/controls/${pair%%:*}" \
      | grep -q "\"present\":\[[^]]*\"${pair#*:}\"" || return 1
  done
}

strip_times() { sed 's/"evaluatedAt":"[^"]*"//g'; }

wait_for() {
  local what=$1 timeout=$2; shift 2
  local start=$SECONDS
  step "waiting for $what"
  until "$@"; do
    if (( SECONDS - start > timeout )); then
      die "$what did not happen within ${timeout}s; logs are in $LOG_DIR"
    fi
    sleep 1
  done
}

stop_process() {
  local name=$1 pid
  pid=$(pid_of "$name") || return 0
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    echo "stopping $name (pid $pid)"
    kill "$pid" 2>/dev/null
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -0 "$pid" 2>/dev/null && { echo "$name did not stop in 30s; killing it"; kill -9 "$pid" 2>/dev/null; }
  fi
  rm -f "$RUN_DIR/$name.pid"
}
