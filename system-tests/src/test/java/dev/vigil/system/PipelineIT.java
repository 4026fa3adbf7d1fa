package dev.vigil.system;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

/**
 * The whole pipeline as a user runs it: deploy/local/up.sh starts PostgreSQL, Kafka, the sandbox and the three
 * services; the collector reads the sandbox organisation, its evidence crosses the real broker to the evaluator,
 * which scores it in PostgreSQL and publishes statuses the report service serves. The statuses must be exactly
 * those of the ground truth in docs/sandbox.md. Then down.sh must leave no process behind.
 */
@ExtendWith(SharedDemoStack.class)
@Order(2) // first on the shared stack: it holds only what the demo organisation gives
class PipelineIT {
    static LocalStackRun stack;
    static Path home;
    static Map<String, String> env;
    static int reportPort;
    static int collectorPort;

    @BeforeAll
    static void upTheStack() {
        stack = SharedDemoStack.stack();
        home = stack.home;
        env = stack.env;
        reportPort = stack.reportPort;
        collectorPort = stack.collectorPort;
        RestAssured.baseURI = "http://127.0.0.1";
    }

    @Test
    void demoOrganisationIsScoredExactlyAsItsGroundTruth() {
        JsonPath controls = given().port(reportPort).get("/api/controls").then().statusCode(200).extract().jsonPath();
        // Every control of the catalogue, as docs/sandbox.md#expected-control-statuses lists it and says why.
        Map<String, String> expected = new TreeMap<>();
        for (String pass : List.of(
                "CM-12", // every active repository's default branch protected, approved, stale approvals dismissed
                "CM-13", // the change management policy: approved by its owner (its document) and acknowledged by all
                "DS-01", // the removable media policy: approved; six people still within their 30 days
                "LS-01", // buckets, EBS by default, volumes and RDS instances encrypt at rest
                "BDR-09", // RDS and the backup vault encrypt; the backup encryption settings are generated
                "LS-14", // root has no access keys; the admin access list is generated
                "RA-02", // five risks reviewed 35 days ago
                "RA-03", // the regulatory and the vendor risk among them
                "IR-01", // both closed incidents reviewed
                "LS-10")) { // the demo's external users' access review, completed with every access kept
            expected.put(pass, "PASS");
        }
        for (String fail : List.of(
                "CM-04", // web-frontend, infra-terraform: no code-owner review
                "CM-11", // web-frontend: branch protection does not bind administrators
                "CM-03", // acme-org-trail's log group alarms on some production changes, not route table or VPC ones
                "CM-17", // web-frontend push protection, infra-terraform Dependabot
                "CM-18", // jo-contractor (outside) admin on infra-terraform; billing-service has two direct admins
                "COM-04", // GuardDuty has no detector in eu-west-1
                "COM-07", // no EventBridge rule routes eu-west-1's findings
                "COM-10", // security group bastion: SSH from anywhere
                "BDR-08", // AWS Backup: acme-analytics-db's latest job failed
                "DS-06", // the data classification policy is a draft its owner has not approved
                "LS-05", // acme-analytics-db is publicly accessible; acme-app-logs and the account allow public access
                "LS-07", // KMS key acme-legacy-key does not rotate
                "LS-16", // acme-partner-nlb: TLS 1.0/1.1, certificate expiring
                "LS-19", // dave left but keeps GitHub and Identity Center; three GitHub accounts attributed to no one
                "LS-21", // IAM password policy: 8 characters, no history
                "LS-25", // Okta's Contractors and Workspace's root password policies
                "LS-26", // carol has only an e-mail factor; IAM user bob.ops has no MFA
                "TPM-03", // the demo vendor register: Okta's review is overdue
                "CM-01")) { // the demo's code access review, recorded as opened 100 days ago, left open: overdue
            expected.put(fail, "FAIL");
        }
        // mixed controls whose rules pass and whose document nobody uploaded or generated
        for (String documentMissing : List.of(
                "COM-02", // acme-org-trail passes; no logging configuration uploaded
                "BDR-05", // acme-backup-vault denies deleting its backups to all but a break-glass role; no access list
                "IR-02", // root cause recorded; no incident response plan
                "IR-03", // disclosure evaluated; no procedure
                "LS-24")) { // its quarterly access review is in progress: the review document is still to come
            expected.put(documentMissing, "DOCUMENT_MISSING");
        }
        // documents only, none of which the demo uploads (docs/sandbox.md: what each one needs from outside)
        for (String manual : List.of("CM-09", "CM-15", "CM-16", "COM-03", "COM-05", "COM-06", "COM-08",
                "COM-09", "BDR-04", "BDR-06", "BDR-07", "DS-03", "DS-04", "DS-05", "PP-19", "PP-20", "RA-01", "LS-04",
                "LS-06", "LS-22", "TPM-01", "TPM-02", "TPM-04", "SOC2-S1-SECURITY-COMMITMENTS")) {
            expected.put(manual, "NO_EVIDENCE");
        }
        Map<String, String> actual = new TreeMap<>();
        List<String> ids = controls.getList("id", String.class);
        List<String> statuses = controls.getList("status", String.class);
        for (int i = 0; i < ids.size(); i++) {
            actual.put(ids.get(i), statuses.get(i));
        }
        assertThat(actual).hasSize(58).containsExactlyInAnyOrderEntriesOf(expected);
        // CM-03: the alarms on CloudTrail's events name what is missing; the audit log passes; both documents missing
        JsonPath cm03 = given().port(reportPort).get("/api/controls/CM-03").then().statusCode(200).extract().jsonPath();
        assertThat(cm03.getList("failingResources.resourceKey"))
                .containsExactly("aws:111122223333:cloudtrail-metric-alarms");
        assertThat(cm03.getString("failingResources[0].reason")).isEqualTo("no CloudTrail trail recording every region "
                + "alarms on production changes (acme-org-trail (log group acme-cloudtrail): no alarm with an enabled "
                + "action for route table changes, VPC changes (filter vpc-changes has no alarm))");
        assertThat(cm03.getInt("resourcesInScope")).isEqualTo(4);
        assertThat(cm03.getList("documents.missing")).containsExactlyInAnyOrder("change-alert-configuration",
                "audit-log-sample");
        // COM-07: the CloudTrail alarms pass beside eu-west-1's unrouted GuardDuty findings
        JsonPath com07 = given().port(reportPort).get("/api/controls/COM-07").then().statusCode(200).extract()
                .jsonPath();
        assertThat(com07.getList("failingResources.resourceKey"))
                .containsExactly("aws:111122223333:guardduty-finding-routing:eu-west-1");
        assertThat(com07.getInt("resourcesInScope")).isEqualTo(4);
        // LS-24's campaign in progress: each account's reviewer is its person's manager where the identity provider
        // names one (erik reports to dana in Entra ID), else the default reviewer
        String ls24 = given().port(reportPort).get("/api/reviews/campaigns?controlId=LS-24").then().statusCode(200)
                .extract().jsonPath().getString("[0].campaignId");
        JsonPath ls24Items = given().port(reportPort).get("/api/reviews/campaigns/" + ls24).then().statusCode(200)
                .extract().jsonPath();
        assertThat(ls24Items.getString("campaign.state")).isEqualTo("open");
        assertThat(ls24Items.getList("items.findAll { it.person == 'erik.novak@acme-demo.com' }.reviewer"))
                .isNotEmpty().containsOnly("dana.lee@acme-demo.com");
        assertThat(ls24Items.getList("items.findAll { it.person == 'erik.novak@acme-demo.com' }.reviewerBasis"))
                .containsOnly("manager");
        assertThat(ls24Items.getList("items.findAll { it.person == 'alice@acme-demo.example' }.reviewer"))
                .isNotEmpty().containsOnly("admin");
        // CM-01 fails on its campaign (docs/sandbox.md#demo-access-reviews)
        JsonPath cm01 = given().port(reportPort).get("/api/controls/CM-01").then().statusCode(200).extract()
                .jsonPath();
        assertThat(cm01.getList("failingResources.resourceKey", String.class)).singleElement()
                .asString().startsWith("review:campaign:CM-01:");
        JsonPath tpm03 = given().port(reportPort).get("/api/controls/TPM-03").then().statusCode(200).extract()
                .jsonPath();
        assertThat(tpm03.getList("failingResources.resourceKey")).containsExactly("register:vendor:okta");
        assertThat(tpm03.getString("failingResources[0].reason")).startsWith("the review of vendor Okta was due on ")
                .contains(", 12 days overdue (register read on ");
        assertThat(tpm03.getInt("resourcesInScope")).isEqualTo(4);
        // a generated document counts as an upload would, and says it was generated and from what
        JsonPath ls14 = given().port(reportPort).get("/api/controls/LS-14").then().statusCode(200).extract().jsonPath();
        assertThat(ls14.getList("documents.present")).containsExactly("admin-access-list");
        JsonPath adminList = given().port(reportPort).get("/api/evidence/generated?controlId=LS-14").then()
                .statusCode(200).extract().jsonPath();
        assertThat(adminList.getString("[0].generatedBy")).isEqualTo("vigil");
        assertThat(adminList.getString("[0].generator")).isEqualTo("AdminAccessList");
        String adminListJson = given().port(reportPort)
                .get("/api/evidence/generated/" + adminList.getString("[0].sha256")).then().statusCode(200).extract()
                .asString();
        // Okta's administrators, the IAM group and role with AdministratorAccess, the GitHub owners and the repository
        // admins; jo-contractor once, as the outside collaborator he is
        assertThat(adminList.getInt("[0].entryCount")).isEqualTo(14);
        assertThat(adminListJson).contains("\"account\":\"carol@acme-demo.example\",\"role\":\"HELP_DESK_ADMIN\"",
                "\"account\":\"group/Administrators\"", "\"account\":\"bob-acme\",\"role\":\"organization owner\"",
                "\"account\":\"jo-contractor\",\"role\":\"admin of repository acme-demo/infra-terraform (outside "
                        + "collaborator)\"");
        // a mixed control shows its two parts: the rule passes, the document is missing
        JsonPath bdr05 = given().port(reportPort).get("/api/controls/BDR-05").then().statusCode(200).extract()
                .jsonPath();
        assertThat(bdr05.getString("automated.status")).isEqualTo("PASS");
        assertThat(bdr05.getInt("automated.failingResourceCount")).isZero();
        assertThat(bdr05.getList("documents.missing")).containsExactly("backup-access-list");
        // and a failing one says which repositories fail, and that its document is missing too
        JsonPath cm18 = given().port(reportPort).get("/api/controls/CM-18").then().statusCode(200).extract().jsonPath();
        assertThat(cm18.getString("automated.status")).isEqualTo("FAIL");
        assertThat(cm18.getList("failingResources.resourceKey")).containsExactly(
                "github:acme-demo/billing-service:access", "github:acme-demo/infra-terraform:access");
        assertThat(cm18.getString("failingResources.find { it.resourceKey.endsWith('infra-terraform:access') }"
                + ".reason")).isEqualTo("outside collaborators hold admin on acme-demo/infra-terraform: jo-contractor");
        // its repository access list is generated: the failure stands on the rules alone
        assertThat(cm18.getList("documents.missing")).isEmpty();
        assertThat(cm18.getList("documents.present")).containsExactly("repository-access-list");

        // LS-25: every active Okta password policy is judged, so the weaker group policy fails beside the default;
        // Workspace's root unit allows 8 characters and reuse; Okta's sign-on policy, Entra ID's conditional access
        // and Workspace's 2-Step Verification enforcement require a second factor of everyone, and pass; so do the
        // demo's two Okta authentication policies (Identity Engine): Okta Dashboard asks for two factors, and the
        // Default Policy's one-factor catch-all rule comes after a global session that already asked for a second
        JsonPath ls25 = given().port(reportPort).get("/api/controls/LS-25").then().statusCode(200).extract().jsonPath();
        assertThat(ls25.getString("automated.status")).isEqualTo("FAIL");
        assertThat(ls25.getList("failingResources.resourceKey", String.class)).containsExactly(
                "google:acme-demo.com:password-policy:ahv4hg7qc24kvaghb7zihwf4riid4",
                "okta:acme-demo.okta.com:password-policy:00pcontract0demo0002");
        assertThat(ls25.getString("failingResources[0].reason")).isEqualTo("password policy of organisational unit "
                + "orgUnits/03ph8a2z1enx5rc is weak: minimum length 8 (needs 12), allows reusing a previous password, "
                + "does not enforce the requirements at sign-in (older passwords stay)");
        assertThat(ls25.getString("failingResources[1].reason")).isEqualTo("password policy \"Contractors\" is weak: "
                + "minimum length 8 (needs 12), common passwords are allowed, no lockout after failed attempts");
        // 2 Okta password policies, Okta's sign-on policy, Okta's 2 authentication policies, Entra ID's sign-in
        // policy, 2 Workspace password policies, Workspace's 2-Step Verification enforcement, and the document
        assertThat(ls25.getInt("resourcesInScope")).isEqualTo(10);
        assertThat(ls25.getList("documents.missing")).containsExactly("authentication-configuration");

        JsonPath cm11 = given().port(reportPort).get("/api/controls/CM-11").then().statusCode(200).extract().jsonPath();
        assertThat(cm11.getList("failingResources.resourceKey"))
                .containsExactly("github:acme-demo/web-frontend:branch:main");
        assertThat(cm11.getString("failingResources[0].reason"))
                .isEqualTo("administrators can bypass branch protection on main of acme-demo/web-frontend");
        assertThat(cm11.getString("failingResources[0].provenance.collector")).isEqualTo("github-branch-protection");
        assertThat(cm11.getString("failingResources[0].provenance.responseSha256")).matches("[0-9a-f]{64}");
        // payments-api, web-frontend, infra-terraform and billing-service (protected by a ruleset alone);
        // legacy-scripts is archived: out of scope
        assertThat(cm11.getInt("resourcesInScope")).isEqualTo(4);

        JsonPath ls26 = given().port(reportPort).get("/api/controls/LS-26").then().statusCode(200).extract().jsonPath();
        assertThat(ls26.getList("failingResources.reason")).containsExactly(
                "IAM user bob.ops can sign in to the AWS console without MFA",
                "carol@acme-demo.example (ACTIVE) has no active strong MFA factor enrolled",
                "administrator carol@acme-demo.example (HELP_DESK_ADMIN) has no active MFA factor other than SMS, "
                        + "voice call, e-mail or security question");
        // alice, bob, carol (dave is suspended: out of scope), the GitHub organisation, which requires
        // two-factor authentication and has nobody without it, the AWS root user, alice.admin and bob.ops
        // (ci-deploy has no console password: out of scope), dana, erik and gina in Entra ID (frank is disabled)
        // and hana and ivan in Workspace (jules is suspended)
        assertThat(ls26.getInt("resourcesInScope")).isEqualTo(12);

        // dave left (suspended in Okta) but is still a member of the GitHub organisation, joined by his SAML identity
        // (GitHub shows no member's address), and still reaches an AWS account through IAM Identity Center; three
        // GitHub accounts are attributed to no one (no SAML identity, no verified-domain e-mail, no mapping file)
        JsonPath ls19 = given().port(reportPort).get("/api/controls/LS-19").then().statusCode(200).extract().jsonPath();
        assertThat(ls19.getString("status")).isEqualTo("FAIL");
        assertThat(ls19.getList("failingResources.resourceKey")).containsExactly(
                "identity-account:github:acme-demo:member:erin-acme",
                "identity-account:github:acme-demo:member:jo-contractor",
                "identity-account:github:acme-demo:member:octo-contractor",
                "identity:dave@acme-demo.example");
        assertThat(ls19.getString("failingResources.find { it.resourceKey == 'identity:dave@acme-demo.example' }"
                + ".reason")).startsWith("dave@acme-demo.example was deactivated in the identity provider on 2026-09-30")
                .contains("but still has aws-identity-center account dave@acme-demo.example (vigil://aws/111122223333), "
                        + "joined by e-mail")
                .endsWith("github account dave-acme (vigil://github/acme-demo), joined by SAML identity");
        assertThat(ls19.getString("failingResources.find { it.resourceKey.endsWith(':octo-contractor') }.reason"))
                .isEqualTo("github account octo-contractor (vigil://github/acme-demo) is attributed to no one in the "
                        + "identity provider: no SAML identity linked to this account, no verified-domain e-mail, "
                        + "no mapping file configured");
        // dave, frank and jules left; 13 active accounts outside the identity providers (7 GitHub, 3 IAM users of
        // which ci-deploy is a declared service account, 3 Identity Center users); the offboarding sample
        assertThat(ls19.getInt("resourcesInScope")).isEqualTo(17);

        JsonPath ls01 = given().port(reportPort).get("/api/controls/LS-01").then().statusCode(200).extract().jsonPath();
        // 3 buckets, EBS encryption by default in 2 regions, 2 volumes, 2 RDS instances
        assertThat(ls01.getInt("resourcesInScope")).isEqualTo(9);

        // the legacy key never rotates; two customer-managed keys in us-east-1 (the AWS-managed one is not
        // collected) and the key management configuration (never uploaded)
        JsonPath ls07 = given().port(reportPort).get("/api/controls/LS-07").then().statusCode(200).extract().jsonPath();
        assertThat(ls07.getList("failingResources.resourceKey"))
                .containsExactly("aws:111122223333:kms:us-east-1:key/5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b");
        assertThat(ls07.getInt("resourcesInScope")).isEqualTo(3);

        // two RDS instances, three resources AWS Backup protects and the backup job report (never uploaded)
        JsonPath bdr08 = given().port(reportPort).get("/api/controls/BDR-08").then().statusCode(200).extract().jsonPath();
        // plus three S3 buckets: acme-app-logs never had versioning enabled
        assertThat(bdr08.getList("failingResources.resourceKey")).containsExactly(
                "aws:111122223333:backup:us-east-1:resource/arn:aws:rds:us-east-1:111122223333:db:acme-analytics-db",
                "aws:111122223333:s3:acme-app-logs");
        assertThat(bdr08.getString("failingResources[0].reason")).startsWith("RDS acme-analytics-db in us-east-1: its "
                + "latest backup job c8a7b1d2-3e4f-4a6b-8c8d-9e0f1a2b3c4d failed at ");
        assertThat(bdr08.getInt("resourcesInScope")).isEqualTo(9);

        // three internet-facing listeners (the internal one is out of scope), two certificates in use (the expired
        // one is unused), the transport encryption configuration (never uploaded) and three S3 buckets, of which
        // acme-app-logs has no policy denying requests without TLS
        JsonPath ls16 = given().port(reportPort).get("/api/controls/LS-16").then().statusCode(200).extract().jsonPath();
        assertThat(ls16.getList("failingResources.resourceKey")).containsExactlyInAnyOrder(
                "aws:111122223333:elbv2:us-east-1:listener/acme-partner-nlb/8443",
                "aws:111122223333:acm:us-east-1:certificate/4a3b2c1d-0e9f-4d8c-9b7a-6f5e4d3c2b1a",
                "aws:111122223333:s3:acme-app-logs");
        assertThat(ls16.getInt("resourcesInScope")).isEqualTo(9);

        // two RDS instances, three buckets (acme-customer-data is blocked together with the account's block) and
        // the account, whose own block leaves public bucket policies allowed; the database access list never uploaded
        JsonPath ls05 = given().port(reportPort).get("/api/controls/LS-05").then().statusCode(200).extract().jsonPath();
        assertThat(ls05.getList("failingResources.resourceKey")).hasSize(3)
                .contains("aws:111122223333:s3", "aws:111122223333:s3:acme-app-logs");
        assertThat(ls05.getInt("resourcesInScope")).isEqualTo(7);
    }

    @Test
    void dashboardListsTheControlsWithTheirStatus() {
        given().port(reportPort).get("/").then().statusCode(200)
                .body(containsString("CM-11"), containsString("LS-26"), containsString("FAIL"));
    }

    @Test
    void collectionRunsAreCompleteAndTheRawResponsesAreInTheEvidenceStore() throws IOException {
        JsonPath runs = given().port(collectorPort).get("/api/collections").then().statusCode(200).extract().jsonPath();
        assertThat(runs.getList("state")).isNotEmpty().containsOnly("COMPLETED");
        String sha = given().port(reportPort).get("/api/controls/CM-11").then().extract().jsonPath()
                .getString("failingResources[0].provenance.responseSha256");
        Path blob = home.resolve("data/evidence/sha256").resolve(sha.substring(0, 2)).resolve(sha);
        assertThat(blob).exists();
        assertThat(Files.readString(blob)).doesNotContain("sandbox-token");
    }

    @Test
    void everyEventIsSignedByTheServiceThatPublishedItAndNothingWasDeadLettered() throws Exception {
        // up.sh generated one key per publishing service (key id: its name) into VIGIL_HOME.
        Map<String, java.security.PublicKey> keys = new java.util.HashMap<>();
        for (String service : List.of("collector-service", "report-service", "control-evaluator")) {
            Path privateKey = home.resolve("data/event-keys/" + service + ".key.pem");
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(privateKey)))
                    .isEqualTo("rw-------");
            keys.put(service, dev.vigil.common.signing.Ed25519Keys.readPublicKey(
                    home.resolve("data/event-keys/public/" + service + ".pem")));
        }
        var verifier = new dev.vigil.common.signing.EventVerifier(keys);
        Map<String, String> publisher = Map.of(dev.vigil.common.evidence.Topics.EVIDENCE, "collector-service",
                dev.vigil.common.evidence.Topics.COLLECTION_RUNS, "collector-service",
                dev.vigil.common.evidence.Topics.CONTROL_STATUS, "control-evaluator");
        try (var client = stack.kafka()) {
            for (var topic : publisher.entrySet()) {
                try (var tail = client.tailFromStart(topic.getKey())) {
                    var records = tail.drain(Duration.ofSeconds(2));
                    assertThat(records).as(topic.getKey()).isNotEmpty().allSatisfy(r -> {
                        assertThat(new String(r.headers().lastHeader("vigil-key-id").value()))
                                .isEqualTo(signer(topic.getKey(), topic.getValue(), r.value()));
                        assertThat(verifier.verify(r.value().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                                r.headers().lastHeader("vigil-signature").value(),
                                r.headers().lastHeader("vigil-key-id").value()).verified()).isTrue();
                    });
                }
                try (var dlq = client.tailFromStart(dev.vigil.common.evidence.Topics.deadLetter(topic.getKey()))) {
                    assertThat(dlq.drain(Duration.ofSeconds(1))).as("dead letters of " + topic.getKey()).isEmpty();
                }
            }
        }
    }

    /**
     * The pipeline above ran over SASL/SCRAM: each service signed in to the broker as its own user. A client without
     * credentials, or with a guessed password, gets nothing; no Kafka password is in a log.
     */
    @Test
    void theBrokerTakesOnlyClientsThatSignInAndNoKafkaPasswordIsLogged() throws Exception {
        Map<String, Object> operator = stack.kafkaOperatorSignIn();
        assertThat(operator).containsEntry("security.protocol", "SASL_PLAINTEXT").containsEntry("sasl.mechanism", "SCRAM-SHA-512");
        assertThat(describeCluster(operator)).isEqualTo(1);

        Map<String, Object> guessed = new java.util.HashMap<>(operator);
        guessed.put("sasl.jaas.config", operator.get("sasl.jaas.config").toString()
                .replaceAll("password=\"[^\"]*\"", "password=\"guessed-password\""));
        assertThatThrownBy(() -> describeCluster(guessed))
                .hasCauseInstanceOf(org.apache.kafka.common.errors.SaslAuthenticationException.class);
        assertThatThrownBy(() -> describeCluster(Map.of()))
                .isInstanceOfAny(java.util.concurrent.ExecutionException.class, java.util.concurrent.TimeoutException.class);

        String logs = readAll(home.resolve("logs"));
        for (String user : List.of("broker", "collector", "evaluator", "report", "operator")) {
            String secret = Files.readString(home.resolve("data/service-secret-kafka-" + user)).trim();
            assertThat(secret).hasSizeGreaterThan(20);
            assertThat(logs).as("the logs hold no Kafka password").doesNotContain(secret);
            // Each service holds its own user's password only (a process's environment is its owner's to read).
            Map<String, String> kafkaUserOf = Map.of("collector-service", "collector", "control-evaluator", "evaluator",
                    "report-service", "report");
            for (var service : kafkaUserOf.entrySet()) {
                long pid = Long.parseLong(Files.readString(home.resolve("run/" + service.getKey() + ".pid")).trim());
                String environment = Files.readString(Path.of("/proc/" + pid + "/environ"), java.nio.charset.StandardCharsets.ISO_8859_1);
                assertThat(environment.contains(secret)).as(service.getKey() + " holds the password of " + user)
                        .isEqualTo(service.getValue().equals(user));
            }
        }
    }

    private int describeCluster(Map<String, Object> signIn) throws Exception {
        Map<String, Object> settings = new java.util.HashMap<>(signIn);
        settings.put("bootstrap.servers", stack.kafkaBootstrap());
        settings.put("default.api.timeout.ms", 4000);
        settings.put("request.timeout.ms", 3000);
        try (var admin = org.apache.kafka.clients.admin.Admin.create(settings)) {
            return admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size();
        }
    }

    @Test
    void restartingTheEvaluatorNeitherLosesNorDuplicatesAnything() throws Exception {
        try (var kafka = stack.kafka();
             var statuses = kafka.tailFromStart(dev.vigil.common.evidence.Topics.CONTROL_STATUS)) {
            int published = statuses.drain(Duration.ofSeconds(3)).size();
            String before = given().port(reportPort).get("/api/controls").then().statusCode(200).extract().asString();

            long pid = Long.parseLong(Files.readString(home.resolve("run/control-evaluator.pid")).trim());
            ProcessHandle evaluator = ProcessHandle.of(pid).orElseThrow();
            evaluator.destroy();
            evaluator.onExit().get(60, TimeUnit.SECONDS);
            stack.script(Duration.ofMinutes(3), "deploy/local/up.sh"); // starts just the evaluator again

            // The restarted evaluator re-evaluates every control at start: nothing changed, so nothing is published.
            assertThat(statuses.drain(Duration.ofSeconds(8))).hasSize(published);
            assertThat(given().port(reportPort).get("/api/controls").then().extract().asString()).isEqualTo(before);
        }
    }

    /**
     * Secrets planted in the sandbox's responses (docs/sandbox.md, "Canary secrets"): an AWS access key id in an Okta
     * profile, a GitHub token in a repository description, a Slack bot token in an Entra ID job title, and a password
     * in an environment-variable map of an Okta profile.
     */
    static final List<String> FIRST_CANARIES = List.of("AKIACANARY0VIGIL0001",
            "ghp_C4naryT0kenVigilSandbox0000000000001", "xoxb-000000000001-canary-vigil-sandbox",
            "canary-Pw-9f3a-VigilSandbox");
    /**
     * With those, one per redaction case of issue 12 served to the demo's credentials (collector-service's
     * redaction/canaries.txt; the failure reason and request parameter ones need its canary credentials): XML
     * secret key and session token, Basic credential, bare JWT, Slack webhook, password in a URL, Okta token without
     * SSWS, Google API key, PEM and PGP private keys; and any fragment of them.
     */
    static final List<String> CANARIES = java.util.stream.Stream.concat(FIRST_CANARIES.stream(), java.util.stream.Stream.of(
            "VIGILCANARY01/SecretAccessKey+wJalrXUtnFEMIK7MDENG", "VIGILCANARY02//SessionToken//////////wEaDExampleSandbox=",
            "VIGILCANARY03AAAdXNlcjpwYXNz", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJWSUdJTENBTkFSWSJ9.VIGILCANARY04jwtSignature",
            "https://hooks.slack.com/services/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k",
            "VIGILCANARY06urlPassword", "00VIGILCANARY07oktaApiTokenAbCdEfGhIj01234",
            "AIzaVIGILCANARY08googleApiKey0123456789", "VIGILCANARY09pemPrivateKeyMIIEvQIBADANBgkqhkiG9w0BAQEFAASC",
            "VIGILCANARY10pgpPrivateKeylQOYBGVigilSandbox", "VIGILCANARY")).toList();

    @Test
    void noPlantedSecretReachesKafkaTheDatabaseTheLogsOrTheEvidenceStore() throws Exception {
        // The sandbox really serves them: the collectors read every one.
        int sandbox = Integer.parseInt(env.get("VIGIL_SANDBOX_PORT"));
        String served = given().port(sandbox).get("/okta/api/v1/users").asString()
                + given().port(sandbox).get("/github/orgs/acme-demo/repos").asString()
                + given().port(sandbox).auth().none().header("Authorization", "Bearer sandbox-graph-token")
                .get("/entra/graph/v1.0/users?$top=2").asString();
        assertThat(served).contains(FIRST_CANARIES);

        StringBuilder kafka = new StringBuilder();
        try (var client = stack.kafka()) {
            for (String topic : List.of(dev.vigil.common.evidence.Topics.EVIDENCE,
                    dev.vigil.common.evidence.Topics.COLLECTION_RUNS, dev.vigil.common.evidence.Topics.CONTROL_STATUS)) {
                for (String t : List.of(topic, dev.vigil.common.evidence.Topics.deadLetter(topic))) {
                    try (var tail = client.tailFromStart(t)) {
                        tail.drain(Duration.ofSeconds(2)).forEach(r -> kafka.append(r.key()).append(r.value()).append('\n'));
                    }
                }
            }
        }
        assertThat(kafka).as("records on the topics").isNotEmpty();
        assertNoCanary("Kafka", kafka.toString());

        StringBuilder database = new StringBuilder();
        try (var db = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + env.get("VIGIL_DB_PORT")
                + "/vigil", "vigil", "vigil")) {
            List<String> tables = new java.util.ArrayList<>();
            try (var rows = db.createStatement().executeQuery("SELECT table_schema || '.' || table_name "
                    + "FROM information_schema.tables WHERE table_schema IN ('evaluator', 'report') "
                    + "AND table_type = 'BASE TABLE'")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            assertThat(tables).contains("evaluator.evidence_item", "evaluator.evidence_ledger", "report.status_interval");
            for (String table : tables) {
                try (var rows = db.createStatement().executeQuery("SELECT row_to_json(t)::text FROM " + table + " t")) {
                    while (rows.next()) {
                        database.append(rows.getString(1)).append('\n');
                    }
                }
            }
        }
        assertNoCanary("the database", database.toString());

        assertNoCanary("the logs", readAll(home.resolve("logs")));
        String store = readAll(home.resolve("data/evidence"));
        assertNoCanary("the evidence store", store);
        // The responses that carried them are stored, redacted: fields not on their allow-list masked, keys kept
        // (docs/evidence.md#redaction); the AWS XML, which has no allow-list, by the pattern net.
        assertThat(store).contains("\"description\":\"[redacted: not on the allow-list]\"")
                .contains("\"notes\":\"[redacted: not on the allow-list]\"")
                .contains("\"DB_PASSWORD\":\"[redacted: not on the allow-list]\"")
                .contains("<SecretAccessKey>[REDACTED]</SecretAccessKey>");
    }

    /**
     * report-service publishes evidence too: the demo registers' items (vigil://registers/...) and the documents it
     * generates (vigil://manual/generated); everything else on the evidence topic is collected.
     */
    static String signer(String topic, String usual, String value) {
        if (!topic.equals(dev.vigil.common.evidence.Topics.EVIDENCE)) {
            return usual;
        }
        // what people record in report-service: uploads and generated documents, registers, policies, campaigns
        String provider = dev.vigil.common.evidence.EventCodec.decodeEvidence(value).source().provider();
        return java.util.Set.of(dev.vigil.common.evidence.RegisterEvidence.PROVIDER,
                dev.vigil.common.evidence.PolicyEvidence.PROVIDER, dev.vigil.common.evidence.CampaignEvidence.PROVIDER,
                "manual").contains(provider) ? "report-service" : usual;
    }

    static void assertNoCanary(String where, String text) {
        for (String canary : CANARIES) {
            assertThat(text).as("a planted secret in " + where).doesNotContain(canary);
        }
    }

    static String readAll(Path dir) throws IOException {
        StringBuilder all = new StringBuilder();
        try (var files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                all.append(new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.UTF_8)).append('\n');
            }
        }
        return all.toString();
    }

    static String status(JsonPath controls, String id) {
        return controls.getString("find { it.id == '" + id + "' }.status");
    }
}
