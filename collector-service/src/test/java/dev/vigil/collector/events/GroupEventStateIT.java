package dev.vigil.collector.events;

import dev.vigil.collector.testing.SandboxResource;
import dev.vigil.stack.testing.KafkaTestResource;
import dev.vigil.stack.testing.PostgresTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the instances of a collector-service group share about provider events, on a real PostgreSQL: a delivery one
 * instance read is a duplicate for the others, and one instance at a time keeps the push subscriptions.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(SandboxResource.class)
class GroupEventStateIT {
    static final Duration MEMORY = Duration.ofHours(24);

    @Inject
    AgroalDataSource db;

    SharedDeliveryMemory instance(String memory) {
        return new SharedDeliveryMemory(db, memory, MEMORY, new RecentDeliveries(MEMORY, 10));
    }

    @Test
    void aDeliveryOneInstanceReadIsADuplicateForAnother() {
        SharedDeliveryMemory a = instance("hooks");
        SharedDeliveryMemory b = instance("hooks");
        String id = UUID.randomUUID().toString();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        assertThat(a.firstTime("github", id, now)).isTrue();
        assertThat(b.firstTime("github", id, now.plusSeconds(5))).isFalse();
        assertThat(a.firstTime("github", id, now.plusSeconds(6))).isFalse();
        // the same id from another provider, or in another memory, is another delivery
        assertThat(b.firstTime("okta", id, now)).isTrue();
        assertThat(instance("aws-queue").firstTime("github", id, now)).isTrue();
        // remembered for the memory's length, then new again
        assertThat(b.firstTime("github", id, now.plus(MEMORY).plusSeconds(1))).isTrue();
    }

    @Test
    void aDeliveryWhoseReadFailedIsReadAgainByAnyInstance() {
        SharedDeliveryMemory a = instance("aws-queue");
        SharedDeliveryMemory b = instance("aws-queue");
        String id = UUID.randomUUID().toString();
        Instant now = Instant.now();

        assertThat(a.firstTime("aws", id, now)).isTrue();
        a.forget("aws", id);
        assertThat(b.firstTime("aws", id, now.plusSeconds(30))).isTrue();
        assertThat(a.firstTime("aws", id, now.plusSeconds(31))).isFalse();
    }

    @Test
    void oldDeliveriesAreTrimmed() throws SQLException {
        SharedDeliveryMemory a = instance("trim-test");
        Instant long_ago = Instant.now().minus(MEMORY).minusSeconds(60);
        a.firstTime("github", "old-delivery", long_ago);
        for (int i = 1; i < SharedDeliveryMemory.TRIM_EVERY; i++) {
            a.firstTime("github", "delivery-" + i, Instant.now());
        }
        assertThat(count("trim-test", "old-delivery")).isZero();
        assertThat(count("trim-test", "delivery-1")).isOne();
    }

    @Test
    void oneInstanceAtATimeKeepsThePushSubscriptions() throws Exception {
        clearHolder();
        SubscriptionHolder a = new SubscriptionHolder(db, "collector-a");
        SubscriptionHolder b = new SubscriptionHolder(db, "collector-b");
        Duration ttl = Duration.ofSeconds(1);

        assertThat(a.hold(ttl)).isTrue();
        assertThat(b.hold(ttl)).isFalse();
        assertThat(a.hold(ttl)).isTrue(); // renewed by its holder
        Thread.sleep(1_200); // a stopped renewing: its turn is over
        assertThat(b.hold(Duration.ofSeconds(30))).isTrue();
        assertThat(a.hold(ttl)).isFalse();
        b.release(); // stopping: the turn is free at once
        assertThat(a.hold(Duration.ofSeconds(30))).isTrue();
        a.release();
    }

    @Test
    void aChannelTheHolderOpenedIsRecognisedByEveryInstanceUntilStoppedOrExpired() {
        SharedChannels holder = new SharedChannels(db, "google-admin");
        SharedChannels other = new SharedChannels(db, "google-admin");
        Instant now = Instant.now();
        String id = "vigil-" + UUID.randomUUID();

        assertThat(other.isOpen(id, now)).isFalse();
        holder.opened(id, now.plus(Duration.ofHours(6)));
        assertThat(other.isOpen(id, now)).isTrue();
        assertThat(new SharedChannels(db, "another-provider").isOpen(id, now)).isFalse();
        assertThat(other.isOpen(id, now.plus(Duration.ofHours(6)))).as("expired").isFalse();
        holder.closed(id);
        assertThat(other.isOpen(id, now)).as("stopped").isFalse();
    }

    private long count(String memory, String deliveryId) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT count(*) FROM event_delivery WHERE memory = ? AND delivery_id = ?")) {
            s.setString(1, memory);
            s.setString(2, deliveryId);
            var rs = s.executeQuery();
            rs.next();
            return rs.getLong(1);
        }
    }

    private void clearHolder() throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "DELETE FROM subscription_holder")) {
            s.executeUpdate();
        }
    }
}
