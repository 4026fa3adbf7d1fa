package dev.vigil.stack;

import dev.vigil.stack.testing.KafkaTestClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A broker started with {@link KafkaUsers} takes only clients that sign in with SASL/SCRAM: each user with its own
 * password, nobody without one. Users added at a restart are created then; the broker's password never sits in a
 * file others can read, nor in its log.
 */
class KafkaSaslIT {
    static final String COLLECTOR_SECRET = "collector-secret-1";

    @TempDir
    Path dataDir;

    @Test
    void onlyClientsThatSignInWithTheirOwnPasswordMayUseTheBroker() throws Exception {
        KafkaUsers users = new KafkaUsers(Map.of(KafkaUsers.BROKER, "broker-secret-1", "collector", COLLECTOR_SECRET));
        try (KafkaBroker broker = KafkaBroker.start(dataDir, Ports.free(), Ports.free(), users)) {
            try (var client = new KafkaTestClient(broker.bootstrapServers(), null, users.clientProperties("collector"));
                 var tail = client.tailFromStart("sasl-smoke")) {
                client.send("sasl-smoke", "k", "over SASL");
                assertThat(tail.awaitAny(r -> r.value().equals("over SASL"), Duration.ofSeconds(30))).isNotEmpty();
            }

            Map<String, Object> wrongPassword = new HashMap<>(users.clientProperties("collector"));
            wrongPassword.put("sasl.jaas.config", users.jaasConfig("collector").replace(COLLECTOR_SECRET, "guessed-secret"));
            assertThatThrownBy(() -> describeCluster(broker, wrongPassword))
                    .hasCauseInstanceOf(SaslAuthenticationException.class)
                    .hasMessageContaining("invalid credentials");
            // A client that does not speak SASL never gets an answer from the SASL listener.
            assertThatThrownBy(() -> describeCluster(broker, Map.of()))
                    .isInstanceOfAny(ExecutionException.class, TimeoutException.class);

            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("server.properties"))))
                    .as("server.properties holds the broker's password").isEqualTo("rw-------");
            assertThat(dataDir.resolve("scram-users.properties")).as("the users file, once formatted").doesNotExist();
        }
        assertThat(Files.readString(dataDir.resolve("broker.log"))).doesNotContain("broker-secret-1", COLLECTOR_SECRET);

        // Restarted with one more user, on the same data: the new user can sign in, the old one still can.
        KafkaUsers more = new KafkaUsers(Map.of(KafkaUsers.BROKER, "broker-secret-1", "collector", COLLECTOR_SECRET,
                "evaluator", "evaluator-secret-1"));
        try (KafkaBroker broker = KafkaBroker.start(dataDir, Ports.free(), Ports.free(), more)) {
            assertThat(describeCluster(broker, more.clientProperties("evaluator"))).isEqualTo(1);
            assertThat(describeCluster(broker, more.clientProperties("collector"))).isEqualTo(1);
        }
    }

    @Test
    void dataFormattedWithoutUsersIsRefusedWithWhatToDo() {
        try (KafkaBroker plain = KafkaBroker.start(dataDir, Ports.free(), Ports.free())) {
            assertThat(plain.users()).isEmpty();
        }
        KafkaUsers users = new KafkaUsers(Map.of(KafkaUsers.BROKER, "broker-secret-1"));
        assertThatThrownBy(() -> KafkaBroker.start(dataDir, Ports.free(), Ports.free(), users))
                .hasMessageContaining("formatted without SCRAM users")
                .hasMessageContaining("remove " + dataDir);
    }

    @Test
    void passwordsKafkaWouldMisreadAreRefused() {
        assertThatThrownBy(() -> new KafkaUsers(Map.of(KafkaUsers.BROKER, "a\"b;c=secret")))
                .hasMessageContaining("Kafka user 'broker'");
        assertThatThrownBy(() -> new KafkaUsers(Map.of("collector", "long-enough-secret")))
                .hasMessageContaining("must include 'broker'");
    }

    private static int describeCluster(KafkaBroker broker, Map<String, Object> signIn) throws Exception {
        Map<String, Object> settings = new HashMap<>(signIn);
        settings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 4000);
        settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
        try (Admin admin = Admin.create(settings)) {
            return admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size();
        }
    }
}
