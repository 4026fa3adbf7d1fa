package dev.vigil.system;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Drift while the stack runs (docs/sandbox.md, "Drift scenarios"): switching on bucket-loses-encryption and
 * branch-protection-removed with deploy/local/drift.sh and collecting again turns LS-01 and CM-12 from PASS to
 * FAIL, naming the drifted bucket and branch; switching them off and collecting again brings both back to PASS.
 * admin-loses-mfa and leaver-stays-in-github hit controls that already FAIL at baseline (LS-26, LS-19): there the
 * drifted person must join the control's failing resources, and leave them again, with the others unchanged.
 */
@ExtendWith(SharedDemoStack.class)
@Order(3) // each of its tests turns its drift off again
class DriftIT {
    static final String BUCKET = "aws:111122223333:s3:acme-backups";
    static final String BRANCH = "github:acme-demo/payments-api:branch:main";
    /** dana.lee@acme-demo.com, the Entra ID admin of admin-loses-mfa (tenant part of the key left to the collector). */
    static final String DANA_KEY_SUFFIX = ":user:3f6a1c2e-1111-4a5b-9c8d-0e1f2a3b4c5d";
    static final String DAVE = "identity:dave@acme-demo.example";
    static final String FRANK = "identity:frank.meyer@acme-demo.com";
    /** alice's Okta user, whose factors okta-admin-factors-reset resets (org part of the key left to the collector). */
    static final String ALICE_OKTA_KEY_SUFFIX = ":user:00ualice000demo00001";
    /** The demo's Okta Default Policy (an authentication policy whose catch-all rule asks for one factor). */
    static final String DEFAULT_APP_POLICY_KEY_SUFFIX = ":authentication-policy:rstdefault00demo0001";
    /** frank.meyer's Entra ID user, whom entra-leaver-reenabled enables again (tenant part left to the collector). */
    static final String FRANK_ENTRA_KEY_SUFFIX = ":user:c4e8a0b2-3333-4d5e-9f0a-2b3c4d5e6f70";
    /** jules.martin's Google Workspace user, whom google-leaver-unsuspended unsuspends. */
    static final String JULES_GOOGLE_KEY_SUFFIX = ":user:108000000000000000003";
    /** erik.novak's Entra ID object id: a user no scenario changes, for notifications the test writes itself. */
    static final String ERIK_ID = "7b2d4e6f-2222-4c3d-8e9f-1a2b3c4d5e6f";
    static final String ENTRA_TENANT = "9e1f6c2a-7d4b-4c8e-a1f0-5a6b7c8d9e0f";
    /** The demo profile's Graph clientState and Google channel token, which collector-service registers at the sandbox. */
    static final String ENTRA_DEMO_CLIENT_STATE = "sandbox-entra-client-state";
    static final String GOOGLE_DEMO_CHANNEL_TOKEN = "sandbox-google-channel-token";
    /** The demo profile's GitHub webhook secret, which the sandbox signs with too. */
    static final String GITHUB_DEMO_SECRET = "sandbox-webhook-secret";
    /** GitHub accounts attributed to no one in the identity providers (docs/sandbox.md). */
    static final List<String> UNATTRIBUTED = List.of("identity-account:github:acme-demo:member:erin-acme",
            "identity-account:github:acme-demo:member:jo-contractor",
            "identity-account:github:acme-demo:member:octo-contractor");
    static LocalStackRun stack;

    @BeforeAll
    static void upTheStack() {
        stack = SharedDemoStack.stack();
        RestAssured.baseURI = "http://127.0.0.1";
    }

    @Test
    void driftTurnsControlsFromPassToFailAndBack() throws Exception {
        awaitStatus("LS-01", "PASS");
        awaitStatus("CM-12", "PASS");
        assertThat(stack.script(Duration.ofSeconds(30), "deploy/local/drift.sh"))
                .contains("\"name\": \"bucket-loses-encryption\", \"on\": false");

        stack.script(Duration.ofSeconds(30), "deploy/local/drift.sh", "bucket-loses-encryption", "on");
        stack.script(Duration.ofSeconds(30), "deploy/local/drift.sh", "branch-protection-removed");
        collect("aws-s3", "github-branch-protection");

        JsonPath ls01 = awaitStatus("LS-01", "FAIL");
        assertThat(ls01.getList("failingResources.resourceKey")).containsExactly(BUCKET);
        assertThat(ls01.getInt("resourcesInScope")).isEqualTo(9);
        JsonPath cm12 = awaitStatus("CM-12", "FAIL");
        // one failing resource per failed rule: unprotected, hence no approvals and no dismissal of stale ones
        assertThat(cm12.getList("failingResources.resourceKey")).isNotEmpty().containsOnly(BRANCH);
        assertThat(cm12.getString("failingResources[0].provenance.collector")).isEqualTo("github-branch-protection");
        assertThat(cm12.getInt("resourcesInScope")).isEqualTo(4);

        stack.script(Duration.ofSeconds(30), "deploy/local/drift.sh", "bucket-loses-encryption", "off");
        stack.script(Duration.ofSeconds(30), "deploy/local/drift.sh", "all", "off");
        collect("aws-s3", "github-branch-protection");

        assertThat(awaitStatus("LS-01", "PASS").getList("failingResources")).isEmpty();
        assertThat(awaitStatus("CM-12", "PASS").getList("failingResources")).isEmpty();
    }

    @Test
    void driftOfPeopleJoinsAndLeavesTheFailingResourcesOfControlsThatAlreadyFail() throws Exception {
        // Baseline: LS-26 fails on carol (Okta, e-mail factor only: twice, as a user and as a help desk
        // administrator) and bob.ops (IAM console without MFA); LS-19 on
        // dave (suspended in Okta, still a GitHub member). Both are FAIL before any drift, so PASS -> FAIL cannot be
        // the check: the drifted person appearing among the failing resources (and leaving them) is.
        JsonPath ls26 = awaitControl("LS-26", c -> c.getString("status").equals("FAIL")
                && c.getList("failingResources").size() == 3 && c.getInt("resourcesInScope") == 12);
        List<String> ls26Before = ls26.getList("failingResources.resourceKey");
        assertThat(ls26Before).noneMatch(k -> k.endsWith(DANA_KEY_SUFFIX));
        awaitControl("LS-19", c -> c.getString("status").equals("FAIL")
                && c.getList("failingResources.resourceKey").equals(baselineLs19()) && c.getInt("resourcesInScope") == 17);

        stack.script(Duration.ofSeconds(30), "deploy/local/drift.sh", "admin-loses-mfa", "on");
        stack.script(Duration.ofSeconds(30), "deploy/local/drift.sh", "leaver-stays-in-github", "on");
        collect("entra-id-users", "github-branch-protection");

        JsonPath ls26Drifted = awaitControl("LS-26", c -> c.getList("failingResources.resourceKey").stream()
                .anyMatch(k -> String.valueOf(k).endsWith(DANA_KEY_SUFFIX)));
        assertThat(ls26Drifted.getString("status")).isEqualTo("FAIL");
        List<String> ls26Keys = ls26Drifted.getList("failingResources.resourceKey");
        assertThat(ls26Keys).hasSize(4).containsAll(ls26Before);
        assertThat(ls26Drifted.getInt("resourcesInScope")).isEqualTo(12);
        assertThat(ls26Drifted.getString("failingResources.find { it.resourceKey.endsWith('" + DANA_KEY_SUFFIX
                + "') }.provenance.collector")).isEqualTo("entra-id-users");
        // frank (disabled in Entra ID) now has a GitHub membership: a leaver with access, next to dave
        JsonPath ls19Drifted = awaitControl("LS-19", c -> c.getList("failingResources.resourceKey").contains(FRANK));
        assertThat(ls19Drifted.getString("status")).isEqualTo("FAIL");
        List<String> drifted = new java.util.ArrayList<>(baselineLs19());
        drifted.add(FRANK);
        assertThat(ls19Drifted.getList("failingResources.resourceKey")).containsExactlyInAnyOrderElementsOf(drifted);
        // frank's GitHub account frank-meyer is attributed to him (verified-domain e-mail): one more account in
        // scope, and passing; frank himself was in scope already (he left)
        assertThat(ls19Drifted.getInt("resourcesInScope")).isEqualTo(18);

        stack.script(Duration.ofSeconds(30), "deploy/local/drift.sh", "all", "off");
        collect("entra-id-users", "github-branch-protection");

        assertThat(awaitControl("LS-26", c -> c.getList("failingResources.resourceKey").size() == 3)
                .getList("failingResources.resourceKey")).containsExactlyInAnyOrderElementsOf(ls26Before);
        assertThat(awaitControl("LS-19", c -> c.getList("failingResources.resourceKey").equals(baselineLs19()))
                .getString("status")).isEqualTo("FAIL");
    }

    /**
     * LS-25 in Okta Identity Engine: a global session rule that stops asking for a second factor leaves it to the apps'
     * authentication policies, so the Default Policy's one-factor catch-all rule becomes the gap; Okta's
     * {@code policy.rule.update} hook reads the org's policies again and LS-25 gains it within seconds, and loses it
     * when the rule asks again. The sign-on policy itself keeps passing: it says the apps decide.
     */
    @Test
    void anOktaSessionRuleThatStopsAskingForASecondFactorFailsTheAppsOneFactorPolicyWithinSeconds() throws Exception {
        // baseline (PipelineIT): Okta's Contractors password policy and Workspace's root unit policy fail
        awaitControl("LS-25", c -> c.getString("status").equals("FAIL") && c.getList("failingResources").size() == 2);
        awaitIdle();

        long start = System.nanoTime();
        JsonPath okta = switchScenario("okta-session-mfa-optional", "on");
        assertThat(okta.getInt("delivered[0].status")).isEqualTo(200);
        JsonPath drifted = awaitControl("LS-25", c -> c.getList("failingResources.resourceKey").stream()
                .anyMatch(k -> String.valueOf(k).endsWith(DEFAULT_APP_POLICY_KEY_SUFFIX)), Duration.ofSeconds(60));
        System.out.printf("DriftIT: Okta policy.rule.update to LS-25 in %.1f s%n", (System.nanoTime() - start) / 1e9);
        String found = "failingResources.find { it.resourceKey.endsWith('" + DEFAULT_APP_POLICY_KEY_SUFFIX + "') }";
        assertThat(drifted.getList("failingResources")).hasSize(3);
        assertThat(drifted.getString(found + ".provenance.trigger.eventType")).isEqualTo("policy.rule.update");
        assertThat(drifted.getString(found + ".provenance.trigger.deliveryId"))
                .isEqualTo(okta.getString("delivered[0].deliveryId"));

        switchScenario("okta-session-mfa-optional", "off");
        awaitControl("LS-25", c -> c.getList("failingResources").size() == 2, Duration.ofSeconds(60));
    }

    /**
     * Event-driven (issue 14): switching a scenario makes the sandbox send what its provider would (GitHub's signed
     * webhook, Okta's hook call, CloudTrail's event on the AWS queue) to the running stack, and the affected control
     * moves within seconds with no collection started by hand, its failing resource's provenance naming the delivery.
     * A badly signed GitHub delivery and an Okta call without the hook's secret get 401 and read nothing; a delivery id
     * seen before reads nothing again.
     */
    @Test
    void providerEventsMoveControlsWithinSecondsWithoutACollection() throws Exception {
        awaitStatus("CM-12", "PASS");
        awaitStatus("LS-01", "PASS");
        awaitControl("LS-26", c -> c.getList("failingResources").size() == 3);
        awaitIdle();

        long start = System.nanoTime();
        JsonPath github = switchScenario("branch-protection-removed", "on");
        JsonPath aws = switchScenario("bucket-loses-encryption", "on");
        JsonPath okta = switchScenario("okta-admin-factors-reset", "on");
        assertThat(github.getInt("delivered[0].status")).isEqualTo(202);
        assertThat(okta.getInt("delivered[0].status")).isEqualTo(200);

        JsonPath cm12 = awaitStatus("CM-12", "FAIL", Duration.ofSeconds(60));
        assertThat(cm12.getString("failingResources[0].provenance.trigger.deliveryId"))
                .isEqualTo(github.getString("delivered[0].deliveryId"));
        assertThat(cm12.getString("failingResources[0].provenance.trigger.eventType"))
                .isEqualTo("branch_protection_rule.deleted");
        JsonPath ls01 = awaitStatus("LS-01", "FAIL", Duration.ofSeconds(60));
        assertThat(ls01.getList("failingResources.resourceKey")).containsExactly(BUCKET);
        assertThat(ls01.getString("failingResources[0].provenance.trigger.deliveryId"))
                .isEqualTo(aws.getString("delivered[0].deliveryId"));
        JsonPath ls26 = awaitControl("LS-26", c -> c.getList("failingResources.resourceKey").stream()
                .anyMatch(k -> String.valueOf(k).endsWith(ALICE_OKTA_KEY_SUFFIX)), Duration.ofSeconds(60));
        assertThat(ls26.getString("failingResources.find { it.resourceKey.endsWith('" + ALICE_OKTA_KEY_SUFFIX
                + "') }.provenance.trigger.deliveryId")).isEqualTo(okta.getString("delivered[0].deliveryId"));
        System.out.printf("DriftIT: three provider events to three moved controls in %.1f s%n",
                (System.nanoTime() - start) / 1e9);
        // targeted runs only: no full collection ran
        assertThat(given().port(stack.collectorPort).get("/api/collections").then().statusCode(200).extract()
                .jsonPath().getList("findAll { it.trigger != null }")).isNotEmpty();

        // the undoing events bring them back, again without a collection
        switchScenario("branch-protection-removed", "off");
        switchScenario("bucket-loses-encryption", "off");
        switchScenario("okta-admin-factors-reset", "off");
        awaitStatus("CM-12", "PASS", Duration.ofSeconds(60));
        awaitStatus("LS-01", "PASS", Duration.ofSeconds(60));
        awaitControl("LS-26", c -> c.getList("failingResources").size() == 3, Duration.ofSeconds(60));

        // the edge: a bad signature is refused and counted; a delivery id seen before reads nothing again
        String body = "{\"action\": \"edited\", \"repository\": {\"full_name\": \"acme-demo/payments-api\", "
                + "\"owner\": {\"login\": \"acme-demo\"}}, \"organization\": {\"login\": \"acme-demo\"}}";
        String delivery = java.util.UUID.randomUUID().toString();
        assertThat(githubDelivery(delivery, body, "not-the-secret")).isEqualTo(401);
        assertThat(githubDelivery(delivery, body, GITHUB_DEMO_SECRET)).isEqualTo(202);
        assertThat(githubDelivery(delivery, body, GITHUB_DEMO_SECRET)).isEqualTo(200);
        // Okta's hook call without the hook's secret: refused as well, before its body is read
        assertThat(given().port(stack.collectorPort).contentType("application/json")
                .header("Authorization", "not-the-secret")
                .body("{\"eventType\": \"com.okta.event_hook\", \"eventId\": \"" + java.util.UUID.randomUUID()
                        + "\", \"data\": {\"events\": []}}")
                .post("/hooks/okta").then().extract().statusCode()).isEqualTo(401);
        String metrics = given().port(stack.collectorPort).auth().preemptive().basic("admin", "vigil-admin")
                .get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("vigil_events_rejected_total\\{[^}]*provider=\"github\"[^}]*reason=\"bad-signature\"[^}]*} [1-9]");
        assertThat(metrics).containsPattern("vigil_events_rejected_total\\{[^}]*provider=\"okta\"[^}]*reason=\"bad-authorization\"[^}]*} [1-9]");
        await().atMost(Duration.ofSeconds(30)).until(() -> given().port(stack.collectorPort).get("/api/collections")
                .then().extract().jsonPath().getList("findAll { it.trigger?.deliveryId == '" + delivery + "' }").size() == 1);
    }

    /**
     * Entra ID and Google Workspace push as well (issue 14): collector-service subscribes at start (Graph validates the
     * receiver's URL first; Google's channel syncs), and a scenario's change reaches the MFA control within seconds,
     * its provenance naming the notification; an MFA method deleted in Entra ID, which Graph notifies nobody of,
     * reaches it through the directory audit log. A wrong clientState or channel token gets 401 and is counted; a
     * notification delivered again reads nothing again.
     */
    @Test
    void entraAndGooglePushesMoveTheMfaControlWithinSeconds() throws Exception {
        awaitControl("LS-26", c -> c.getList("failingResources").size() == 3);
        JsonPath held = awaitSubscriptions();
        awaitIdle();

        long start = System.nanoTime();
        JsonPath entra = switchScenario("entra-leaver-reenabled", "on");
        JsonPath google = switchScenario("google-leaver-unsuspended", "on");
        assertThat(entra.getInt("delivered[0].status")).isEqualTo(202);
        assertThat(google.getInt("delivered[0].status")).isBetween(200, 204);

        JsonPath ls26 = awaitControl("LS-26", c -> failingEndsWith(c, FRANK_ENTRA_KEY_SUFFIX)
                && failingEndsWith(c, JULES_GOOGLE_KEY_SUFFIX), Duration.ofSeconds(60));
        assertThat(ls26.getString("failingResources.find { it.resourceKey.endsWith('" + FRANK_ENTRA_KEY_SUFFIX
                + "') }.provenance.trigger.deliveryId")).isEqualTo(entra.getString("delivered[0].deliveryId"));
        assertThat(ls26.getString("failingResources.find { it.resourceKey.endsWith('" + FRANK_ENTRA_KEY_SUFFIX
                + "') }.provenance.trigger.eventType")).isEqualTo("users.updated");
        assertThat(ls26.getString("failingResources.find { it.resourceKey.endsWith('" + JULES_GOOGLE_KEY_SUFFIX
                + "') }.provenance.trigger.deliveryId")).isEqualTo(google.getString("delivered[0].deliveryId"));
        assertThat(ls26.getString("failingResources.find { it.resourceKey.endsWith('" + JULES_GOOGLE_KEY_SUFFIX
                + "') }.provenance.trigger.eventType")).isEqualTo("admin.UNSUSPEND_USER");
        System.out.printf("DriftIT: Entra ID and Google pushes to LS-26 in %.1f s%n", (System.nanoTime() - start) / 1e9);

        // an MFA method deleted: no notification, a record in the directory audit log, which the demo reads every 5 s
        start = System.nanoTime();
        JsonPath audit = switchScenario("admin-loses-mfa", "on");
        JsonPath lost = awaitControl("LS-26", c -> failingEndsWith(c, DANA_KEY_SUFFIX), Duration.ofSeconds(60));
        assertThat(lost.getString("failingResources.find { it.resourceKey.endsWith('" + DANA_KEY_SUFFIX
                + "') }.provenance.trigger.deliveryId")).isEqualTo(audit.getString("delivered[0].deliveryId"));
        assertThat(lost.getString("failingResources.find { it.resourceKey.endsWith('" + DANA_KEY_SUFFIX
                + "') }.provenance.trigger.eventType")).isEqualTo("directoryAudit.User deleted security info");
        System.out.printf("DriftIT: Entra ID audit record to LS-26 in %.1f s%n", (System.nanoTime() - start) / 1e9);

        switchScenario("entra-leaver-reenabled", "off");
        switchScenario("google-leaver-unsuspended", "off");
        switchScenario("admin-loses-mfa", "off");
        awaitControl("LS-26", c -> c.getList("failingResources").size() == 3, Duration.ofSeconds(60));

        // the edge: Graph's notification with another clientState, Google's push with another token: 401, counted
        String subscription = held.getString("graph.id");
        assertThat(entraNotification(subscription, "not-the-client-state")).isEqualTo(401);
        String channel = held.getString("google.id");
        assertThat(googlePush(channel, "not-the-channel-token", 900_001)).isEqualTo(401);
        // delivered twice (Graph's retry has the same body; Google's the same message number): read once
        String body = entraNotificationBody(subscription, ENTRA_DEMO_CLIENT_STATE);
        assertThat(entraNotification(body)).isEqualTo(202);
        assertThat(entraNotification(body)).isEqualTo(200);
        assertThat(googlePush(channel, GOOGLE_DEMO_CHANNEL_TOKEN, 900_002)).isBetween(200, 204);
        assertThat(googlePush(channel, GOOGLE_DEMO_CHANNEL_TOKEN, 900_002)).isEqualTo(200);
        String metrics = given().port(stack.collectorPort).auth().preemptive().basic("admin", "vigil-admin")
                .get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("vigil_events_rejected_total\\{[^}]*provider=\"entra\"[^}]*reason=\"bad-client-state\"[^}]*} [1-9]");
        assertThat(metrics).containsPattern("vigil_events_rejected_total\\{[^}]*provider=\"google\"[^}]*reason=\"bad-token\"[^}]*} [1-9]");
        String entraDelivery = "sha256:" + dev.vigil.common.evidence.Hashing.sha256Hex(body);
        for (String delivery : List.of(entraDelivery, channel + ":900002")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> given().port(stack.collectorPort).get("/api/collections")
                    .then().extract().jsonPath().getList("findAll { it.trigger?.deliveryId == '" + delivery + "' }")
                    .size() == 1);
        }
    }

    private static boolean failingEndsWith(JsonPath control, String suffix) {
        return control.getList("failingResources.resourceKey").stream().anyMatch(k -> String.valueOf(k).endsWith(suffix));
    }

    /** The sandbox's Graph subscription and Google channel, once collector-service has made both. */
    private static JsonPath awaitSubscriptions() {
        JsonPath[] held = new JsonPath[1];
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            held[0] = given().port(stack.sandboxPort()).get("/__vigil/subscriptions").then().statusCode(200)
                    .extract().jsonPath();
            return held[0].getString("graph.id") != null && held[0].getString("google.id") != null;
        });
        return held[0];
    }

    /** A Graph change notification for erik.novak (updated), as Graph writes one. */
    private static String entraNotificationBody(String subscription, String clientState) {
        return "{\"value\": [{\"id\": \"" + java.util.UUID.randomUUID() + "\", \"subscriptionId\": \"" + subscription
                + "\", \"clientState\": \"" + clientState + "\", \"changeType\": \"updated\", \"resource\": \"Users/"
                + ERIK_ID + "\", \"tenantId\": \"" + ENTRA_TENANT + "\", \"resourceData\": {\"@odata.type\": "
                + "\"#Microsoft.Graph.User\", \"@odata.id\": \"Users/" + ERIK_ID + "\", \"id\": \"" + ERIK_ID
                + "\", \"organizationId\": \"" + ENTRA_TENANT + "\"}}]}";
    }

    private static int entraNotification(String subscription, String clientState) {
        return entraNotification(entraNotificationBody(subscription, clientState));
    }

    private static int entraNotification(String body) {
        return given().port(stack.collectorPort).contentType("application/json; charset=utf-8")
                .header("User-Agent", "Microsoft-Notifications").body(body)
                .post("/hooks/entra").then().extract().statusCode();
    }

    /** A Reports API push on the channel: an administrator moved ivan.petrov to another organisational unit. */
    private static int googlePush(String channel, String token, long number) {
        String activity = "{\"kind\": \"admin#reports#activity\", \"id\": {\"time\": \"" + java.time.Instant.now()
                + "\", \"uniqueQualifier\": \"" + number + "\", \"applicationName\": \"admin\", \"customerId\": "
                + "\"C03sandbox\"}, \"actor\": {\"callerType\": \"USER\", \"email\": \"hana.kim@acme-demo.com\"}, "
                + "\"events\": [{\"type\": \"USER_SETTINGS\", \"name\": \"MOVE_USER_TO_ORG_UNIT\", \"parameters\": "
                + "[{\"name\": \"USER_EMAIL\", \"value\": \"ivan.petrov@acme-demo.com\"}]}]}";
        return given().port(stack.collectorPort).contentType("application/json; charset=UTF-8")
                .header("X-Goog-Channel-ID", channel).header("X-Goog-Channel-Token", token)
                .header("X-Goog-Message-Number", Long.toString(number))
                .header("X-Goog-Resource-State", "MOVE_USER_TO_ORG_UNIT").body(activity)
                .post("/hooks/google").then().extract().statusCode();
    }

    private static JsonPath switchScenario(String scenario, String onOrOff) throws Exception {
        String out = stack.script(Duration.ofSeconds(30), "deploy/local/drift.sh", scenario, onOrOff);
        return new JsonPath(out.substring(out.indexOf('{')));
    }

    /** POSTs a GitHub webhook delivery signed with {@code secret}; returns the receiver's status. */
    private static int githubDelivery(String id, String body, String secret) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = "sha256=" + java.util.HexFormat.of().formatHex(
                mac.doFinal(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        return given().port(stack.collectorPort).contentType("application/json")
                .header("X-GitHub-Event", "repository").header("X-GitHub-Delivery", id)
                .header("X-Hub-Signature-256", signature).body(body)
                .post("/hooks/github").then().extract().statusCode();
    }

    /** No collection run is under way (the one at start-up has ended). */
    private static void awaitIdle() {
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            List<String> states = given().port(stack.collectorPort).get("/api/collections")
                    .then().statusCode(200).extract().jsonPath().getList("state");
            return !states.contains("STARTED") && !states.contains("PROGRESS");
        });
    }

    /** LS-19 at baseline: the unattributed GitHub accounts, then dave (keys sort "identity-account" first). */
    private static List<String> baselineLs19() {
        List<String> keys = new java.util.ArrayList<>(UNATTRIBUTED);
        keys.add(DAVE);
        return keys;
    }

    /** Starts the collectors once the runs before have ended, as a user would with POST /api/collections. */
    private static void collect(String... collectors) {
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            List<String> states = given().port(stack.collectorPort).get("/api/collections")
                    .then().statusCode(200).extract().jsonPath().getList("state");
            return !states.contains("STARTED") && !states.contains("PROGRESS");
        });
        for (String collector : collectors) {
            given().port(stack.collectorPort).queryParam("collector", collector).post("/api/collections")
                    .then().statusCode(202);
        }
    }

    /** The control once {@code condition} holds of {@code GET /api/controls/{id}}, within two minutes. */
    private static JsonPath awaitControl(String control, Predicate<JsonPath> condition) {
        return awaitControl(control, condition, Duration.ofMinutes(2));
    }

    private static JsonPath awaitControl(String control, Predicate<JsonPath> condition, Duration within) {
        JsonPath[] last = new JsonPath[1];
        await().atMost(within).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            last[0] = given().port(stack.reportPort).get("/api/controls/" + control)
                    .then().statusCode(200).extract().jsonPath();
            assertThat(condition.test(last[0])).as(control + ": " + last[0].prettify()).isTrue();
        });
        return last[0];
    }

    private static JsonPath awaitStatus(String control, String status) {
        return awaitStatus(control, status, Duration.ofMinutes(2));
    }

    private static JsonPath awaitStatus(String control, String status, Duration within) {
        JsonPath[] last = new JsonPath[1];
        await().atMost(within).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            last[0] = given().port(stack.reportPort).get("/api/controls/" + control)
                    .then().statusCode(200).extract().jsonPath();
            assertThat(last[0].getString("status")).as(control + " status").isEqualTo(status);
        });
        return last[0];
    }
}
