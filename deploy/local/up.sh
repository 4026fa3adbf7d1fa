#!/usr/bin/env bash
# Runs the whole Vigil stack on this machine, no Docker needed: PostgreSQL (embedded, or VIGIL_DB_URL),
# an Apache Kafka broker (KRaft), the sandbox organisation and the three services. Builds first if needed,
# waits until everything is healthy and the demo organisation is scored, prints the dashboard URL, returns.
# Stop it all with deploy/local/down.sh. Everything it writes goes to $VIGIL_HOME (default: .vigil/).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
source "$ROOT/deploy/local/common.sh"

REPORT_PORT="${VIGIL_REPORT_PORT:-8080}"
COLLECTOR_PORT="${VIGIL_COLLECTOR_PORT:-8081}"
EVALUATOR_PORT="${VIGIL_EVALUATOR_PORT:-8082}"
export VIGIL_KAFKA_PORT="${VIGIL_KAFKA_PORT:-9092}"
export VIGIL_SANDBOX_PORT="${VIGIL_SANDBOX_PORT:-8089}"
export VIGIL_DB_PORT="${VIGIL_DB_PORT:-15432}"
SERVICE_HEAP="${VIGIL_SERVICE_HEAP:-384m}"
# The C1 compiler only: on a small host the services spend less CPU compiling and warm up sooner, which outweighs
# C2's peak speed for their work (docs/benchmarks.md, "C1 only"). C1 alone defaults to a 48 MB code cache, too small.
SERVICE_JAVA_OPTS="${VIGIL_SERVICE_JAVA_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=240m}"
STARTUP_TIMEOUT="${VIGIL_STARTUP_TIMEOUT:-180}"

# A fresh machine needs nothing else: what is missing comes from Debian's packages (as root, or through sudo).
source "$ROOT/deploy/local/debian-packages.sh"
ensure_debian_packages java:openjdk-17-jdk-headless curl:curl pgrep:procps
require_java

if is_running stack && is_running "$(proc control-evaluator)" && is_running "$(proc report-service)" && is_running "$(proc collector-service)"; then
  echo "Vigil is already running (pids in $RUN_DIR); dashboard: http://127.0.0.1:$REPORT_PORT/"
  exit 0
fi

# Refuse early and clearly when a port is taken by something other than this stack.
check_port() { if port_busy "$1"; then die "port $1 on 127.0.0.1 is already in use; stop what holds it or choose another port (see README)"; fi; }
is_running stack || for port in "$VIGIL_KAFKA_PORT" "$VIGIL_SANDBOX_PORT"; do check_port "$port"; done
is_running "$(proc control-evaluator)" || check_port "$EVALUATOR_PORT"
is_running "$(proc report-service)" || check_port "$REPORT_PORT"
is_running "$(proc collector-service)" || check_port "$COLLECTOR_PORT"

build_if_needed

mkdir -p "$LOG_DIR" "$RUN_DIR" "$DATA_DIR"
# ---- Kafka users (docs/access.md#kafka-authentication) ----
# The broker takes only clients that sign in with SASL/SCRAM-SHA-512: one user per service, each with its own
# password (generated once per VIGIL_HOME, owner-only, like the service secrets), "broker" for the broker itself and
# "operator" for people with the kafka-*.sh tools (--command-config "$DATA_DIR/kafka-operator.properties").
KAFKA_USERS=(broker collector evaluator report operator)
kafka_jaas() {
  echo "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"$1\" password=\"$(service_secret "kafka-$1")\";"
}
(umask 077
 for u in "${KAFKA_USERS[@]}"; do echo "$u=$(service_secret "kafka-$u")"; done >"$DATA_DIR/kafka-users.properties"
 printf 'security.protocol=SASL_PLAINTEXT\nsasl.mechanism=SCRAM-SHA-512\nsasl.jaas.config=%s\n' "$(kafka_jaas operator)" \
   >"$DATA_DIR/kafka-operator.properties")
# Whatever already runs is kept: after a crash of one service, up.sh starts just that one again.
if is_running stack; then
  step "Kafka, PostgreSQL and the sandbox are already running"
else
  step "starting Kafka, PostgreSQL and the sandbox (logs: $LOG_DIR/stack.log)"
  # The sandbox plays the providers: a drift scenario's GitHub webhook and Okta hook call go to the collector's
  # receivers (docs/sandbox.md, "Provider events"), signed with the demo profile's secrets.
  VIGIL_SANDBOX_HOOKS_URL="${VIGIL_SANDBOX_HOOKS_URL:-http://127.0.0.1:$COLLECTOR_PORT${VIGIL_EVENTS_RECEIVER_PATH:-/hooks}}" \
  nohup java -Xmx256m "-Dvigil.home=$VIGIL_HOME" -cp "$ROOT/deploy/local-stack/target/vigil-local-stack-$VERSION.jar:$ROOT/deploy/local-stack/target/lib/*" \
    -Dvigil.kafka.libs="$ROOT/deploy/kafka-broker/target/broker-libs" \
    dev.vigil.stack.LocalStack --data-dir "$DATA_DIR" --run-dir "$RUN_DIR" --kafka-users "$DATA_DIR/kafka-users.properties" \
    >"$LOG_DIR/stack.log" 2>&1 </dev/null &
  echo $! >"$RUN_DIR/stack.pid"
fi

wait_for "the servers" "$STARTUP_TIMEOUT" stack_ready
set -a; source "$RUN_DIR/stack.env"; set +a   # QUARKUS_DATASOURCE_*: all three services' database
export QUARKUS_DATASOURCE_PASSWORD="${VIGIL_DB_PASSWORD:-vigil}"
[ -n "${VIGIL_DB_USER:-}" ] && export QUARKUS_DATASOURCE_USERNAME="$VIGIL_DB_USER"

# The collectors read the sandbox unless the caller configured real sources (see README): each provider at the root
# of a port of its own, as production serves them (https://api.github.com, https://acme.okta.com). Set
# VIGIL_SANDBOX_FORM=prefixed for the form with a path prefix per provider on one port (http://127.0.0.1:8089/github).
# (A stack started by an older up.sh wrote no root URLs: it is read in the prefixed form.)
# The demo organisation when no GitHub endpoint was configured: its machine user ci-deploy is declared as a
# service account with an owner (docs/sandbox.md), as an organisation declares its own (docs/configuration.md).
if [ -z "${VIGIL_COLLECTORS_GITHUB_BRANCH_PROTECTION_ENDPOINT:-}" ] && [ -z "${VIGIL_IDENTITY_SERVICE_ACCOUNTS_0__NAME:-}" ]; then
  export VIGIL_IDENTITY_SERVICE_ACCOUNTS_0__SYSTEM=aws VIGIL_IDENTITY_SERVICE_ACCOUNTS_0__NAME=ci-deploy
  export VIGIL_IDENTITY_SERVICE_ACCOUNTS_0__OWNER=platform-team@acme-demo.example
  export VIGIL_IDENTITY_SERVICE_ACCOUNTS_0__PURPOSE="pushes container images from CI"
fi
if [ "${VIGIL_SANDBOX_FORM:-root}" = prefixed ] || [ -z "${VIGIL_SANDBOX_GITHUB_URL:-}" ]; then
  SANDBOX_GITHUB="$VIGIL_SANDBOX_URL/github" SANDBOX_AWS="$VIGIL_SANDBOX_URL/aws" SANDBOX_OKTA="$VIGIL_SANDBOX_URL/okta"
  SANDBOX_ENTRA_LOGIN="$VIGIL_SANDBOX_URL/entra/login" SANDBOX_GRAPH="$VIGIL_SANDBOX_URL/entra/graph"
  SANDBOX_GOOGLE="$VIGIL_SANDBOX_URL/google"
else
  SANDBOX_GITHUB="$VIGIL_SANDBOX_GITHUB_URL" SANDBOX_AWS="$VIGIL_SANDBOX_AWS_URL" SANDBOX_OKTA="$VIGIL_SANDBOX_OKTA_URL"
  SANDBOX_ENTRA_LOGIN="$VIGIL_SANDBOX_ENTRA_LOGIN_URL" SANDBOX_GRAPH="$VIGIL_SANDBOX_MICROSOFT_GRAPH_URL"
  SANDBOX_GOOGLE="$VIGIL_SANDBOX_GOOGLE_URL"
fi
export VIGIL_COLLECTORS_GITHUB_BRANCH_PROTECTION_ENDPOINT="${VIGIL_COLLECTORS_GITHUB_BRANCH_PROTECTION_ENDPOINT:-$SANDBOX_GITHUB}"
export VIGIL_AWS_ENDPOINT_OVERRIDE="${VIGIL_AWS_ENDPOINT_OVERRIDE-$SANDBOX_AWS}"   # every AWS collector
# AWS's events: the sandbox's queue (the demo account's EventBridge rule target), when AWS is the sandbox's.
if [ "$VIGIL_AWS_ENDPOINT_OVERRIDE" = "$SANDBOX_AWS" ] && [ -z "${VIGIL_EVENTS_AWS_QUEUE_URL:-}" ]; then
  export VIGIL_EVENTS_AWS_QUEUE_URL=https://sqs.us-east-1.amazonaws.com/111122223333/vigil-events
  export VIGIL_EVENTS_AWS_ENDPOINT_OVERRIDE="$SANDBOX_AWS"
fi
export VIGIL_COLLECTORS_OKTA_USER_MFA_ORG_URL="${VIGIL_COLLECTORS_OKTA_USER_MFA_ORG_URL:-$SANDBOX_OKTA}"
export VIGIL_COLLECTORS_ENTRA_ID_USERS_AUTHORITY_URL="${VIGIL_COLLECTORS_ENTRA_ID_USERS_AUTHORITY_URL:-$SANDBOX_ENTRA_LOGIN}"
export VIGIL_COLLECTORS_ENTRA_ID_USERS_GRAPH_URL="${VIGIL_COLLECTORS_ENTRA_ID_USERS_GRAPH_URL:-$SANDBOX_GRAPH}"
export VIGIL_COLLECTORS_GOOGLE_WORKSPACE_USERS_DIRECTORY_URL="${VIGIL_COLLECTORS_GOOGLE_WORKSPACE_USERS_DIRECTORY_URL:-$SANDBOX_GOOGLE}"
export VIGIL_COLLECTORS_GOOGLE_WORKSPACE_USERS_POLICIES_URL="${VIGIL_COLLECTORS_GOOGLE_WORKSPACE_USERS_POLICIES_URL:-$SANDBOX_GOOGLE}"
export VIGIL_COLLECTORS_GOOGLE_WORKSPACE_USERS_TOKEN_URL="${VIGIL_COLLECTORS_GOOGLE_WORKSPACE_USERS_TOKEN_URL:-$SANDBOX_GOOGLE/token}"
# Entra ID's and Google's events: Graph's subscription and Google's channel notify the collector's receivers, when the
# provider is the sandbox's (it validates the URL as Graph does and pushes the drift scenarios' changes there).
HOOKS_URL="http://127.0.0.1:$COLLECTOR_PORT${VIGIL_EVENTS_RECEIVER_PATH:-/hooks}"
if [ "$VIGIL_COLLECTORS_ENTRA_ID_USERS_GRAPH_URL" = "$SANDBOX_GRAPH" ] && [ -z "${VIGIL_EVENTS_ENTRA_NOTIFICATION_URL:-}" ]; then
  export VIGIL_EVENTS_ENTRA_NOTIFICATION_URL="$HOOKS_URL/entra"
fi
if [ "$VIGIL_COLLECTORS_GOOGLE_WORKSPACE_USERS_DIRECTORY_URL" = "$SANDBOX_GOOGLE" ] && [ -z "${VIGIL_EVENTS_GOOGLE_NOTIFICATION_URL:-}" ]; then
  export VIGIL_EVENTS_GOOGLE_NOTIFICATION_URL="$HOOKS_URL/google"
fi
if [ -z "${VIGIL_COLLECTORS_GOOGLE_WORKSPACE_USERS_CREDENTIALS_FILE:-}" ]; then
  # The sandbox's Workspace takes any signed assertion: a throwaway key, generated once per VIGIL_HOME.
  java -cp "$ROOT/deploy/local-stack/target/lib/*" dev.vigil.sandbox.DemoServiceAccountKey "$DATA_DIR/sandbox-google-key.json"
  export VIGIL_COLLECTORS_GOOGLE_WORKSPACE_USERS_CREDENTIALS_FILE="$DATA_DIR/sandbox-google-key.json"
fi
# ---- event signing keys (docs/evidence.md#event-signatures) ----
# Each publishing service signs its Kafka events with an Ed25519 key of its own, generated once per VIGIL_HOME
# (private keys owner-only in $DATA_DIR/event-keys, public keys in .../public); each consumer trusts a folder holding
# the public keys of the services it reads: the evaluator the collector's and report-service's (uploads),
# report-service the evaluator's. Rotation: put the new public key beside the old, then switch the publisher.
EVENT_KEYS="$DATA_DIR/event-keys"
for svc in collector-service report-service control-evaluator; do
  [ -s "$EVENT_KEYS/$svc.key.pem" ] && [ -s "$EVENT_KEYS/public/$svc.pem" ] && continue
  java -cp "$ROOT/deploy/local-stack/target/lib/*" dev.vigil.common.signing.Ed25519Keys \
    "$EVENT_KEYS/$svc.key.pem" "$EVENT_KEYS/public/$svc.pem"
done
mkdir -p "$EVENT_KEYS/trusted-by-control-evaluator" "$EVENT_KEYS/trusted-by-report-service"
cp "$EVENT_KEYS/public/collector-service.pem" "$EVENT_KEYS/public/report-service.pem" "$EVENT_KEYS/trusted-by-control-evaluator/"
cp "$EVENT_KEYS/public/control-evaluator.pem" "$EVENT_KEYS/trusted-by-report-service/"
# Runs a command (start_service) with the named service's signing key and trusted keys; key id = service name.
with_event_keys() {
  local svc=$1; shift
  VIGIL_EVENTS_SIGNING_KEY_FILE="$EVENT_KEYS/$svc.key.pem" VIGIL_EVENTS_SIGNING_KEY_ID="$svc" \
    VIGIL_EVENTS_TRUSTED_KEYS_DIR="$EVENT_KEYS/trusted-by-$svc" "$@"
}
export VIGIL_EVIDENCE_STORE_PATH="${VIGIL_EVIDENCE_STORE_PATH:-$DATA_DIR/evidence}"
# Redaction (issue 12): the GitHub HTTP cache's bodies (in PostgreSQL) are encrypted at rest
# (docs/evidence.md#redaction) with a key generated once per VIGIL_HOME, owner-only, so entries survive restarts and
# stay unreadable to anyone who can read the database.
if [ -z "${VIGIL_COLLECTORS_GITHUB_BRANCH_PROTECTION_CACHE_KEY_FILE:-}" ]; then
  if [ ! -s "$DATA_DIR/http-cache-key" ]; then
    (umask 077; head -c 32 /dev/urandom | base64 | tr -d '\n' >"$DATA_DIR/http-cache-key")
  fi
  export VIGIL_COLLECTORS_GITHUB_BRANCH_PROTECTION_CACHE_KEY_FILE="$DATA_DIR/http-cache-key"
fi
# The login-form session cookie is encrypted with this key; one generated once per VIGIL_HOME (owner-only file) keeps
# everyone signed in across restarts. Set your own for a shared deployment.
if [ -z "${QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY:-}" ]; then
  if [ ! -s "$DATA_DIR/session-encryption-key" ]; then
    (umask 077; head -c 32 /dev/urandom | base64 | tr -d '\n' >"$DATA_DIR/session-encryption-key")
  fi
  export QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY="$(cat "$DATA_DIR/session-encryption-key")"
fi
# Without a configured bundle signing key, a demo key is generated once per VIGIL_HOME.
export VIGIL_BUNDLES_GENERATED_KEY_FILE="${VIGIL_BUNDLES_GENERATED_KEY_FILE:-$DATA_DIR/bundle-signing-key.jwk.json}"
# Your own controls and rules (docs/controls.md): both the evaluator and the report service read the folder.
[ -n "${VIGIL_CATALOGUE_CUSTOM_DIR:-}" ] && export VIGIL_CATALOGUE_CUSTOM_DIR="$(cd "$VIGIL_CATALOGUE_CUSTOM_DIR" && pwd)"
# The dashboard's collection runs page and exceptions read the other two services, on whatever ports they got.
export VIGIL_REPORT_COLLECTOR_URL="${VIGIL_REPORT_COLLECTOR_URL:-http://127.0.0.1:$COLLECTOR_PORT}"
export VIGIL_REPORT_EVALUATOR_URL="${VIGIL_REPORT_EVALUATOR_URL:-http://127.0.0.1:$EVALUATOR_PORT}"

# Service credentials (docs/access.md): each service signs in to the others as its own name with its own secret
# (generated once per VIGIL_HOME), and accepts the other two. Today report-service is the one that calls (collection
# runs, exceptions, bundles' evidence and ledger).
REPORT_SECRET="$(service_secret report)" COLLECTOR_SECRET="$(service_secret collector)"
EVALUATOR_SECRET="$(service_secret evaluator)"
# The demo profile signs in the documented demo users on all three services (docs/access.md); set
# VIGIL_PROFILE=prod (or VIGIL_REPORT_PROFILE, as before) with OIDC.
PROFILE="${VIGIL_PROFILE:-${VIGIL_REPORT_PROFILE:-demo}}"
# Each signs in to Kafka as its own user; stack.env gave the protocol and mechanism (KAFKA_SECURITY_PROTOCOL, ...).
is_running "$(proc control-evaluator)" || QUARKUS_PROFILE="$PROFILE" KAFKA_SASL_JAAS_CONFIG="$(kafka_jaas evaluator)" \
  VIGIL_ACCESS_CLIENT_NAME=evaluator VIGIL_ACCESS_CLIENT_SECRET="$EVALUATOR_SECRET" \
  VIGIL_ACCESS_SERVICE_CREDENTIALS_REPORT="$REPORT_SECRET" VIGIL_ACCESS_SERVICE_CREDENTIALS_COLLECTOR="$COLLECTOR_SECRET" \
  with_event_keys control-evaluator start_service control-evaluator "$EVALUATOR_PORT"
is_running "$(proc report-service)" || QUARKUS_PROFILE="$PROFILE" KAFKA_SASL_JAAS_CONFIG="$(kafka_jaas report)" \
  VIGIL_ACCESS_CLIENT_NAME=report VIGIL_ACCESS_CLIENT_SECRET="$REPORT_SECRET" \
  VIGIL_ACCESS_SERVICE_CREDENTIALS_COLLECTOR="$COLLECTOR_SECRET" VIGIL_ACCESS_SERVICE_CREDENTIALS_EVALUATOR="$EVALUATOR_SECRET" \
  with_event_keys report-service start_service report-service "$REPORT_PORT"
# collector-service keeps run history and run leases in PostgreSQL too (schema collector; the datasource above). Each
# instance under a name that survives restarts (local, local-2, ...): after a crash, the runs its previous process
# held are taken over at start rather than when their leases expire (docs/scale-out.md).
is_running "$(proc collector-service)" || QUARKUS_PROFILE="$PROFILE" KAFKA_SASL_JAAS_CONFIG="$(kafka_jaas collector)" \
  VIGIL_COLLECTION_INSTANCE_ID="${VIGIL_COLLECTION_INSTANCE_ID:-local$INSTANCE_SUFFIX}" VIGIL_ACCESS_CLIENT_NAME=collector VIGIL_ACCESS_CLIENT_SECRET="$COLLECTOR_SECRET" \
  VIGIL_ACCESS_SERVICE_CREDENTIALS_REPORT="$REPORT_SECRET" VIGIL_ACCESS_SERVICE_CREDENTIALS_EVALUATOR="$EVALUATOR_SECRET" \
  with_event_keys collector-service start_service collector-service "$COLLECTOR_PORT"

for svc in control-evaluator:$EVALUATOR_PORT report-service:$REPORT_PORT collector-service:$COLLECTOR_PORT; do
  wait_for "${svc%%:*} to be healthy" "$STARTUP_TIMEOUT" service_ready "${svc%%:*}" "${svc##*:}"
done
# Where each service answers (healthy there just now), for the admin scripts such as deploy/local/dead-letters.sh.
# (The first instance's: the scripts need one.)
[ "$VIGIL_INSTANCE" = 1 ] && printf 'VIGIL_REPORT_URL=http://127.0.0.1:%s\nVIGIL_COLLECTOR_URL=http://127.0.0.1:%s\nVIGIL_EVALUATOR_URL=http://127.0.0.1:%s\n' \
  "$REPORT_PORT" "$COLLECTOR_PORT" "$EVALUATOR_PORT" >"$RUN_DIR/services.env"

# The demo organisation's registers (vendors, risks, incidents), as a user would import them; only into empty ones.
seed_demo_registers "$REPORT_PORT"
# The collector runs every collector once at start; wait until the first results reach the dashboard.
wait_for "the first collection to be scored" "$STARTUP_TIMEOUT" controls_scored "$REPORT_PORT" "$COLLECTOR_PORT"
# The demo's access reviews, generated from what was just collected: one finished (LS-10), one overdue (CM-01).
seed_demo_campaigns "$REPORT_PORT"
wait_for "the demo access reviews to be judged" "$STARTUP_TIMEOUT" campaigns_scored "$REPORT_PORT"
# The documents Vigil derives from what was just collected (admin access list, ...), counted before up.sh returns.
GENERATED=($(generate_documents "$REPORT_PORT"))  # "<control>:<document type>", no spaces
step "generated documents: ${GENERATED[*]:-none}"
wait_for "the generated documents to be counted" "$STARTUP_TIMEOUT" documents_scored "$REPORT_PORT" ${GENERATED[@]+"${GENERATED[@]}"}
# The demo organisation's policies, approved and acknowledged (or not yet) as people would, once the collection
# named the people who must acknowledge them; only when none is recorded.
seed_demo_policies "$REPORT_PORT"
wait_for "the demo policies to be counted" "$STARTUP_TIMEOUT" documents_scored "$REPORT_PORT" \
  CM-13:change-management-policy DS-01:removable-media-policy
wait_for "the demo policies' rules to be judged" "$STARTUP_TIMEOUT" automated_scored "$REPORT_PORT" CM-13 DS-01 DS-06

echo
if command -v python3 >/dev/null 2>&1; then
  curl -s -u "$VIGIL_REPORT_USER" "http://127.0.0.1:$REPORT_PORT/api/controls" | python3 -c '
import json, sys
for c in json.load(sys.stdin):
    if c["evidence"] != "MANUAL":
        print("  %-6s %-13s %s" % (c["id"], c["status"], c["title"]))
' || true
fi
echo
echo "Vigil is up."
echo "  Dashboard:   http://127.0.0.1:$REPORT_PORT/  (sign in as admin / vigil-admin or admin2 / vigil-admin2, engineer / vigil-engineer or auditor / vigil-auditor)"
echo "  Report API:  http://127.0.0.1:$REPORT_PORT/api/controls"
echo "  Collections: http://127.0.0.1:$COLLECTOR_PORT/api/collections  (curl -u engineer:vigil-engineer ...)"
echo "  Bundle:      http://127.0.0.1:$REPORT_PORT/api/bundles?from=$(date -u +%Y-%m-01)&to=$(date -u +%Y-%m-%d)"
echo "  Kafka:       127.0.0.1:$VIGIL_KAFKA_PORT, SASL/SCRAM (kafka-*.sh --command-config $DATA_DIR/kafka-operator.properties)"
echo "  Logs:        $LOG_DIR"
echo "  Stop with:   deploy/local/down.sh"
