#!/usr/bin/env bash
# docker-compose's Kafka (the apache/kafka image): one KRaft node whose clients must sign in with SASL/SCRAM-SHA-512,
# one user per Vigil service (docs/access.md#kafka-authentication). The users are written into the metadata log when
# the data volume is first formatted: KRaft needs the broker's own credential before it starts (KIP-900). Change a
# password or add a user later with
#   kafka-configs.sh --bootstrap-server kafka:9092 --command-config <admin client properties> --alter \
#     --add-config 'SCRAM-SHA-512=[password=...]' --entity-type users --entity-name <user>
# Every path and name has a default for the image; the overrides let the script run outside it.
set -euo pipefail

KAFKA_HOME="${KAFKA_HOME:-/opt/kafka}"
DATA_DIR="${VIGIL_KAFKA_DATA_DIR:-/var/lib/kafka/data}"
CONFIG_DIR="${VIGIL_KAFKA_CONFIG_DIR:-/tmp/vigil-kafka}"
ADVERTISED="${VIGIL_KAFKA_ADVERTISED_LISTENER:-kafka:9092}"
PORT="${VIGIL_KAFKA_PORT:-9092}"
CONTROLLER_PORT="${VIGIL_KAFKA_CONTROLLER_PORT:-9093}"
USERS=(broker collector evaluator report)

jaas() {
  echo "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"$1\" password=\"$2\";"
}
secret_of() {
  local var="VIGIL_KAFKA_${1^^}_SECRET"
  [ -n "${!var:-}" ] || { echo "error: set $var (docs/access.md#kafka-authentication)" >&2; exit 1; }
  [[ "${!var}" =~ ^[A-Za-z0-9._~+/=-]{8,}$ ]] || {
    echo "error: $var must be at least 8 letters, digits or . _ ~ + / = - (Kafka's JAAS syntax has no escaping)" >&2; exit 1; }
  echo "${!var}"
}

for user in "${USERS[@]}"; do secret_of "$user" >/dev/null; done # refuse a missing or unusable secret first

umask 077 # the configuration holds the broker's password
mkdir -p "$CONFIG_DIR"
cat >"$CONFIG_DIR/server.properties" <<EOF
process.roles=broker,controller
node.id=1
# The controller listens on the container's loopback only: no other container reaches it.
controller.quorum.voters=1@localhost:$CONTROLLER_PORT
listeners=SASL_PLAINTEXT://:$PORT,CONTROLLER://localhost:$CONTROLLER_PORT
advertised.listeners=SASL_PLAINTEXT://$ADVERTISED
controller.listener.names=CONTROLLER
inter.broker.listener.name=SASL_PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=$(jaas broker "$(secret_of broker)")
log.dirs=$DATA_DIR
num.partitions=3
offsets.topic.replication.factor=1
offsets.topic.num.partitions=3
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
EOF
# What the health check signs in with (the broker's own user).
printf 'security.protocol=SASL_PLAINTEXT\nsasl.mechanism=SCRAM-SHA-512\nsasl.jaas.config=%s\n' \
  "$(jaas broker "$(secret_of broker)")" >"$CONFIG_DIR/client.properties"

scram=()
for user in "${USERS[@]}"; do
  scram+=(--add-scram "SCRAM-SHA-512=[name=$user,password=$(secret_of "$user")]")
done
"$KAFKA_HOME/bin/kafka-storage.sh" format --ignore-formatted -c "$CONFIG_DIR/server.properties" \
  --cluster-id "${CLUSTER_ID:-$("$KAFKA_HOME/bin/kafka-storage.sh" random-uuid)}" "${scram[@]}"
exec "$KAFKA_HOME/bin/kafka-server-start.sh" "$CONFIG_DIR/server.properties"
