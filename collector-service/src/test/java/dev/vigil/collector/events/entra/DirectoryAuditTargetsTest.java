package dev.vigil.collector.events.entra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.collector.spi.Target;
import dev.vigil.collector.testing.Fixtures;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import dev.vigil.common.evidence.Trigger;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Entra ID's directory audit log in the shape Graph lists it (fixture beside this class): a successful
 * authentication-method record names its target user to read again, a failed one and another service's record name
 * nobody; and the turns of {@link EntraAuditLog} read each record once, again only when its read failed.
 */
class DirectoryAuditTargetsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String DANA = "3f6a1c2e-1111-4a5b-9c8d-0e1f2a3b4c5d";
    static final String ERIK = "7b2d4e6f-2222-4c3d-8e9f-1a2b3c4d5e6f";

    static List<JsonNode> records() throws IOException {
        JsonNode page = JSON.readTree(Fixtures.bytes(DirectoryAuditTargetsTest.class, "directory-audits.json"));
        return StreamSupport.stream(page.path("value").spliterator(), false).toList();
    }

    @Test
    void successfulAuthenticationMethodRecordsNameTheirTargetUserOldestFirst() throws IOException {
        List<DirectoryAuditTargets.Change> changes = DirectoryAuditTargets.of(records());

        assertThat(changes).extracting(DirectoryAuditTargets.Change::id).containsExactly(
                "Mfa_99999999-8888-4777-8666-555555555555", "Mfa_0a1b2c3d-5e6f-4a7b-8c9d-0e1f2a3b4c5d");
        // the admin's deletion reads the user it was done to, not the admin
        assertThat(changes.get(0).targets()).containsExactly(new Target("entra-id-users", "user", ERIK));
        assertThat(changes.get(0).eventType()).isEqualTo("directoryAudit.Admin deleted security info");
        // Graph's object ids in upper case are the same user
        assertThat(changes.get(1).targets()).containsExactly(new Target("entra-id-users", "user", DANA));
        assertThat(changes.get(1).at()).isEqualTo(Instant.parse("2026-12-03T06:41:12.3456789Z"));
    }

    @Test
    void eachRecordIsReadOnceAndAgainOnlyAfterItsReadFailed() throws IOException {
        List<JsonNode> log = records();
        List<Trigger> reads = new ArrayList<>();
        AtomicBoolean published = new AtomicBoolean(false);
        List<Instant> asked = new ArrayList<>();
        EntraAuditLog audit = new EntraAuditLog(since -> {
            asked.add(since);
            return log;
        }, (targets, trigger) -> {
            reads.add(trigger);
            return CompletableFuture.completedFuture(published.get());
        }, Duration.ofMinutes(1), Duration.ofMinutes(15), new SimpleMeterRegistry());
        Instant now = Instant.parse("2026-12-03T06:45:00Z");

        audit.turn(now); // both reads fail: remembered no longer
        published.set(true);
        audit.turn(now.plusSeconds(60)); // read again, and published
        audit.turn(now.plusSeconds(120)); // seen: nothing

        assertThat(reads).extracting(Trigger::deliveryId).containsExactly(
                "Mfa_99999999-8888-4777-8666-555555555555", "Mfa_0a1b2c3d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
                "Mfa_99999999-8888-4777-8666-555555555555", "Mfa_0a1b2c3d-5e6f-4a7b-8c9d-0e1f2a3b4c5d");
        assertThat(reads.get(1).provider()).isEqualTo("entra");
        assertThat(asked.get(0)).isEqualTo(now.minus(Duration.ofMinutes(15)));
    }

    @Test
    void aFailedReadOfTheLogReadsNothingAndTheNextTurnTriesAgain() {
        List<Trigger> reads = new ArrayList<>();
        AtomicBoolean down = new AtomicBoolean(true);
        EntraAuditLog audit = new EntraAuditLog(since -> {
            if (down.get()) {
                throw new IOException("GET https://graph.microsoft.com/v1.0/auditLogs/directoryAudits answered 403 "
                        + "Authorization_RequestDenied: Insufficient privileges to complete the operation.");
            }
            return records();
        }, (targets, trigger) -> {
            reads.add(trigger);
            return CompletableFuture.completedFuture(true);
        }, Duration.ofMinutes(1), Duration.ofMinutes(15), new SimpleMeterRegistry());

        audit.turn(Instant.parse("2026-12-03T06:45:00Z"));
        assertThat(reads).isEmpty();
        down.set(false);
        audit.turn(Instant.parse("2026-12-03T06:46:00Z"));
        assertThat(reads).hasSize(2);
    }
}
