package dev.vigil.collector.events.okta;

import dev.vigil.access.testing.TestCallers;
import dev.vigil.collector.config.VigilConfig;
import dev.vigil.collector.testing.Fixtures;
import dev.vigil.collector.testing.SandboxResource;
import dev.vigil.collector.testing.TopicReader;
import dev.vigil.collector.testing.TriggeredRuns;
import dev.vigil.common.evidence.CollectionRunEvent;
import dev.vigil.common.evidence.EvidenceEvent;
import dev.vigil.common.evidence.RunState;
import dev.vigil.stack.testing.KafkaTestResource;
import dev.vigil.stack.testing.PostgresTestResource;
import dev.vigil.stack.testing.TestServers;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Okta event hook requests to {@code /hooks/okta} through a real Kafka broker, with Okta served at the root of its
 * host as an org is ({@code https://acme.okta.com/}): an authorised factor deactivation re-reads exactly the user it
 * names and publishes that user's evidence naming the delivery; a badly authorised one and a repeated one publish
 * nothing; the one-time verification is answered only with the secret.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(SandboxResource.class)
@TestProfile(SandboxResource.AtRoot.class)
class OktaEventHookIT {
    /** The secret application.properties gives the test profile (the second of two, as during a rotation). */
    static final String SECRET = "test-okta-hook-secret";
    static final String FIXTURE_ID = "b5a188b9-5ece-4636-b041-482ffda96311";
    static final String BOB = "okta:acme-demo.okta.com:user:00ubob00000demo00002";
    static final Duration WAIT = Duration.ofSeconds(60);

    @BeforeAll
    static void callAsService() {
        TestCallers.callAsService();
    }

    @Inject
    VigilConfig config;

    /** The recorded factor deactivation under a fresh eventId: every test's delivery is a new one to the edge. */
    static byte[] factorDeactivated(String eventId) {
        return Fixtures.text(OktaEventTargetsTest.class, "user.mfa.factor.deactivate.json").replace(FIXTURE_ID, eventId)
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A delivery with the headers Okta sends (its event hooks page, "HTTP Headers"). */
    static RequestSpecification delivery(String secret, byte[] body) {
        RequestSpecification request = given().auth().none()
                .header("Accept", "application/json")
                .header("User-Agent", "Okta-Integrations")
                .contentType("application/json")
                .body(body);
        return secret == null ? request : request.header("Authorization", secret);
    }

    @Test
    void anAuthorisedFactorDeactivationRepublishesExactlyThatUserNamingTheDelivery() throws InterruptedException {
        String bootstrap = TestServers.kafka().bootstrapServers();
        TopicReader.ensureTopics(bootstrap, config.topics().evidence(), config.topics().collectionRuns());
        String id = UUID.randomUUID().toString();

        delivery(SECRET, factorDeactivated(id)).post("/hooks/okta").then().statusCode(200);

        await().atMost(WAIT).until(() -> TriggeredRuns.of(id).size() == 1);
        String runId = TriggeredRuns.of(id).get(0);
        TopicReader.Output out = TopicReader.read(bootstrap, config.topics().evidence(),
                config.topics().collectionRuns(), List.of(runId), WAIT);

        CollectionRunEvent end = out.finalEvent(runId).orElseThrow();
        assertThat(end.state()).isEqualTo(RunState.COMPLETED);
        assertThat(end.collector()).isEqualTo("okta-user-mfa");
        assertThat(end.failures()).isEmpty();
        assertThat(end.trigger()).satisfies(t -> {
            assertThat(t.provider()).isEqualTo("okta");
            assertThat(t.deliveryId()).isEqualTo(id);
            assertThat(t.eventType()).isEqualTo("user.mfa.factor.deactivate");
        });
        // that user only, with the trigger in its provenance
        assertThat(out.evidenceOf(runId)).singleElement().satisfies(r -> {
            EvidenceEvent bob = r.event();
            assertThat(bob.resourceKey()).isEqualTo(BOB);
            assertThat(bob.resourceType()).isEqualTo("okta.user");
            assertThat(bob.provenance().trigger()).isEqualTo(end.trigger());
            assertThat(bob.provenance().collector()).isEqualTo("okta-user-mfa");
            // read as a run of everything reads it (docs/sandbox.md: bob, webauthn, read-only administrator)
            assertThat(bob.facts()).containsEntry("status", "ACTIVE")
                    .containsEntry("adminRoles", List.of("READ_ONLY_ADMIN"))
                    .containsEntry("factors", List.of(Map.of("factorType", "webauthn", "provider", "FIDO",
                            "status", "ACTIVE")));
            assertThat(bob.provenance().supporting().get(0).operation()).isEqualTo("GET /api/v1/users/{id}");
        });

        // Okta's retry of the same delivery: 200, and no second run
        delivery(SECRET, factorDeactivated(id)).post("/hooks/okta").then().statusCode(200);
        Thread.sleep(1500); // five coalescing delays: a run would have started
        assertThat(TriggeredRuns.of(id)).containsExactly(runId);
        assertThat(TopicReader.readAll(bootstrap, config.topics().evidence(), config.topics().collectionRuns(), WAIT)
                .runs()).filteredOn(r -> r.event().trigger() != null && r.event().trigger().deliveryId().equals(id))
                .extracting(r -> r.event().runId()).containsOnly(runId);
    }

    /** LS-25: a sign-on policy rule changed; the org's policies are read again at once, as a full run reads them. */
    @Test
    void aPolicyRuleChangedRepublishesTheOrgsPolicies() throws InterruptedException {
        String bootstrap = TestServers.kafka().bootstrapServers();
        TopicReader.ensureTopics(bootstrap, config.topics().evidence(), config.topics().collectionRuns());
        String id = UUID.randomUUID().toString();
        byte[] body = Fixtures.text(OktaEventTargetsTest.class, "policy.rule.update.json")
                .replace("6c1d2e3f-4a5b-4c6d-8e7f-901a2b3c4d5e", id).getBytes(StandardCharsets.UTF_8);

        delivery(SECRET, body).post("/hooks/okta").then().statusCode(200);

        await().atMost(WAIT).until(() -> TriggeredRuns.of(id).size() == 1);
        String runId = TriggeredRuns.of(id).get(0);
        TopicReader.Output out = TopicReader.read(bootstrap, config.topics().evidence(),
                config.topics().collectionRuns(), List.of(runId), WAIT);
        CollectionRunEvent end = out.finalEvent(runId).orElseThrow();
        assertThat(end.state()).isEqualTo(RunState.COMPLETED);
        assertThat(end.failures()).isEmpty();
        assertThat(end.trigger().eventType()).isEqualTo("policy.rule.update");
        // docs/sandbox.md: two password policies, the active sign-on policy, two authentication policies; no user
        assertThat(out.evidenceOf(runId)).extracting(r -> r.event().resourceType()).containsOnly(
                "okta.password-policy", "okta.sign-on-policy", "okta.authentication-policy").hasSize(5);
        assertThat(out.evidenceOf(runId)).extracting(r -> r.event().resourceKey())
                .contains("okta:acme-demo.okta.com:sign-on-policy:00psignon00demo00001");
        assertThat(out.evidenceOf(runId)).allSatisfy(r ->
                assertThat(r.event().provenance().trigger()).isEqualTo(end.trigger()));
    }

    @Test
    void aBadlyAuthorisedDeliveryIs401CountedAndPublishesNothing() throws InterruptedException {
        String bootstrap = TestServers.kafka().bootstrapServers();
        TopicReader.ensureTopics(bootstrap, config.topics().evidence(), config.topics().collectionRuns());
        String wrong = UUID.randomUUID().toString();
        String missing = UUID.randomUUID().toString();

        delivery("not-the-secret", factorDeactivated(wrong)).post("/hooks/okta").then().statusCode(401);
        delivery(null, factorDeactivated(missing)).post("/hooks/okta").then().statusCode(401);

        Thread.sleep(1500);
        assertThat(TriggeredRuns.of(wrong)).isEmpty();
        assertThat(TriggeredRuns.of(missing)).isEmpty();
        TopicReader.Output all = TopicReader.readAll(bootstrap, config.topics().evidence(),
                config.topics().collectionRuns(), WAIT);
        assertThat(all.evidence()).noneMatch(r -> r.event().provenance().trigger() != null
                && List.of(wrong, missing).contains(r.event().provenance().trigger().deliveryId()));
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern(
                "vigil_events_rejected_total\\{provider=\"okta\",reason=\"bad-authorization\"} [1-9]")
                .containsPattern("vigil_events_rejected_total\\{provider=\"okta\",reason=\"missing-authorization\"} [1-9]");
    }

    @Test
    void theOneTimeVerificationIsAnsweredOnlyWithTheSecret() {
        String challenge = "Me_rShK8JHsTnbyYrWXCEoMGbM_zsZ6k0hLPZ_Pg";
        given().auth().none().header("X-Okta-Verification-Challenge", challenge).header("Authorization", SECRET)
                .get("/hooks/okta").then().statusCode(200).contentType("application/json")
                .body("verification", org.hamcrest.Matchers.equalTo(challenge));
        given().auth().none().header("X-Okta-Verification-Challenge", challenge).header("Authorization", "guess")
                .get("/hooks/okta").then().statusCode(401);
        given().auth().none().header("X-Okta-Verification-Challenge", challenge)
                .get("/hooks/okta").then().statusCode(401);
    }
}
