package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Outcome;
import dev.vigil.evaluator.domain.Rule;
import dev.vigil.evaluator.domain.Verdict;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The IAM, EC2, RDS, GuardDuty, CloudTrail and KMS rules on facts shaped as the AWS collectors publish them (docs/evidence.md). */
class AwsRulesTest {

    private static Verdict judge(Rule rule, Map<String, Object> facts) {
        return rule.evaluate(new Facts(facts));
    }

    private static Map<String, Object> with(Map<String, Object> base, Object... overrides) {
        Map<String, Object> facts = new HashMap<>(base);
        for (int i = 0; i < overrides.length; i += 2) {
            facts.put((String) overrides[i], overrides[i + 1]);
        }
        return facts;
    }

    // --- IAM ---

    private static final Map<String, Object> ROOT = Map.of("arn", "arn:aws:iam::111122223333:root",
            "mfaActive", true, "accessKeys", List.of());

    @Test
    void rootNeedsMfaAndNoAccessKeys() {
        assertThat(judge(new IamRootMfaEnabled(), ROOT).outcome()).isEqualTo(Outcome.PASS);
        assertThat(judge(new IamRootMfaEnabled(), with(ROOT, "mfaActive", false))).isEqualTo(Verdict.fail(
                "root user arn:aws:iam::111122223333:root has no MFA device: its password alone opens the whole account"));
        assertThat(judge(new IamRootNoAccessKeys(), ROOT))
                .isEqualTo(Verdict.pass("root user arn:aws:iam::111122223333:root has no access keys"));
        Map<String, Object> inactiveKey = Map.of("slot", 1, "active", false, "lastRotated", "2021-03-04T10:20:00+00:00");
        Map<String, Object> activeKey = Map.of("slot", 2, "active", true, "lastRotated", "2024-03-04T10:20:00+00:00");
        // Even an inactive root key fails: the root user can switch it back on.
        assertThat(judge(new IamRootNoAccessKeys(), with(ROOT, "accessKeys", List.of(inactiveKey))).outcome())
                .isEqualTo(Outcome.FAIL);
        assertThat(judge(new IamRootNoAccessKeys(), with(ROOT, "accessKeys", List.of(inactiveKey, activeKey))).reason())
                .isEqualTo("root user arn:aws:iam::111122223333:root has 2 access key(s), 1 active: "
                        + "unrestricted programmatic access to the whole account");
    }

    private static final Map<String, Object> USER = Map.of("user", "bob.ops",
            "arn", "arn:aws:iam::111122223333:user/bob.ops", "consoleAccess", true, "mfaActive", true,
            "accessKeys", List.of());

    @Test
    void consoleUsersNeedMfaAndOthersAreOutOfScope() {
        IamConsoleUserMfa rule = new IamConsoleUserMfa();
        assertThat(judge(rule, USER).outcome()).isEqualTo(Outcome.PASS);
        assertThat(judge(rule, with(USER, "mfaActive", false)))
                .isEqualTo(Verdict.fail("IAM user bob.ops can sign in to the AWS console without MFA"));
        assertThat(judge(rule, with(USER, "consoleAccess", false, "mfaActive", false)))
                .isEqualTo(Verdict.notApplicable("IAM user bob.ops has no console password"));
        Map<String, Object> noFact = with(USER);
        noFact.remove("mfaActive");
        assertThat(judge(rule, noFact).outcome()).isEqualTo(Outcome.UNKNOWN);
    }

    private static Map<String, Object> policy(Integer length, Integer history) {
        Map<String, Object> facts = new HashMap<>(Map.of("configured", true, "requireUppercase", true,
                "requireLowercase", true, "requireNumbers", true, "requireSymbols", true, "hardExpiry", false,
                "usersCanChange", true));
        facts.put("minimumLength", length);
        facts.put("reuseHistory", history);
        facts.put("maxAgeDays", null);
        return facts;
    }

    @Test
    void passwordPolicyNeedsLengthAndHistory() {
        IamPasswordPolicyStrong rule = new IamPasswordPolicyStrong();
        assertThat(judge(rule, policy(14, 24)))
                .isEqualTo(Verdict.pass("IAM password policy: minimum length 14, last 24 not reused"));
        assertThat(judge(rule, policy(8, null))).isEqualTo(Verdict.fail(
                "IAM password policy is weak: minimum length 8 (needs 14), no reuse prevention (needs 24)"));
        assertThat(judge(rule, policy(16, 5)).reason())
                .isEqualTo("IAM password policy is weak: reuse prevention of 5 (needs 24)");
        Map<String, Object> none = policy(null, null);
        none.put("configured", false);
        assertThat(judge(rule, none)).isEqualTo(Verdict.fail(
                "the AWS account has no IAM password policy: any password AWS accepts is allowed"));
        Map<String, Object> noHistoryFact = policy(14, 24);
        noHistoryFact.remove("reuseHistory");
        assertThat(judge(rule, noHistoryFact).outcome()).isEqualTo(Outcome.UNKNOWN);
    }

    // --- EC2 ---

    @Test
    void ebsEncryptionByDefaultPerRegion() {
        Ec2EbsEncryptionByDefault rule = new Ec2EbsEncryptionByDefault();
        assertThat(judge(rule, Map.of("region", "eu-west-1", "enabled", true)).outcome()).isEqualTo(Outcome.PASS);
        assertThat(judge(rule, Map.of("region", "eu-west-1", "enabled", false))).isEqualTo(Verdict.fail(
                "EBS encryption by default is off in eu-west-1: new volumes may be unencrypted"));
    }

    @Test
    void volumesMustBeEncrypted() {
        Ec2VolumeEncrypted rule = new Ec2VolumeEncrypted();
        Map<String, Object> volume = new HashMap<>(Map.of("volumeId", "vol-1", "region", "us-east-1",
                "state", "in-use", "sizeGiB", 8, "encrypted", true, "attachedInstances", List.of()));
        volume.put("kmsKeyId", null);
        assertThat(judge(rule, volume)).isEqualTo(Verdict.pass("EBS volume vol-1 in us-east-1 is encrypted"));
        assertThat(judge(rule, with(volume, "encrypted", false)))
                .isEqualTo(Verdict.fail("EBS volume vol-1 in us-east-1 is not encrypted"));
        assertThat(judge(rule, with(volume, "encrypted", false, "state", "deleted")).outcome())
                .isEqualTo(Outcome.NOT_APPLICABLE);
    }

    private static Map<String, Object> ingress(String protocol, Integer from, Integer to, List<String> v4,
                                               List<String> v6) {
        Map<String, Object> rule = new HashMap<>(Map.of("protocol", protocol, "ipv4Ranges", v4, "ipv6Ranges", v6,
                "sourceGroups", List.of(), "prefixLists", List.of()));
        rule.put("fromPort", from);
        rule.put("toPort", to);
        return rule;
    }

    private static Map<String, Object> group(Map<?, ?>... ingress) {
        return Map.of("groupId", "sg-1", "groupName", "bastion", "vpcId", "vpc-1", "region", "us-east-1",
                "ingress", List.of(ingress));
    }

    private static final List<String> ANYWHERE = List.of("0.0.0.0/0");

    @Test
    void adminPortsOpenToTheInternetFail() {
        SecurityGroupAdminPortsClosedToInternet rule = new SecurityGroupAdminPortsClosedToInternet();
        assertThat(judge(rule, group(ingress("tcp", 22, 22, ANYWHERE, List.of())))).isEqualTo(Verdict.fail(
                "security group sg-1 (bastion) in us-east-1 admits the whole internet to SSH (22)"));
        // A port range that contains 3389, from IPv6 anywhere.
        assertThat(judge(rule, group(ingress("6", 3000, 4000, List.of(), List.of("::/0")))).reason())
                .endsWith("admits the whole internet to RDP (3389)");
        assertThat(judge(rule, group(ingress("-1", null, null, ANYWHERE, List.of()))).reason())
                .endsWith("admits the whole internet to SSH (22) and RDP (3389)");
        // HTTPS from anywhere, SSH from the office, and UDP 22 are not remote administration from the internet.
        assertThat(judge(rule, group(ingress("tcp", 443, 443, ANYWHERE, List.of("::/0")),
                ingress("tcp", 22, 22, List.of("203.0.113.0/24"), List.of()),
                ingress("udp", 22, 22, ANYWHERE, List.of())))).isEqualTo(Verdict.pass(
                "security group sg-1 (bastion) in us-east-1 admits no one from the internet to SSH or RDP"));
    }

    @Test
    void allPortsOpenToTheInternetFail() {
        SecurityGroupAllPortsClosedToInternet rule = new SecurityGroupAllPortsClosedToInternet();
        assertThat(judge(rule, group(ingress("-1", null, null, ANYWHERE, List.of())))).isEqualTo(Verdict.fail(
                "security group sg-1 (bastion) in us-east-1 admits all traffic from the whole internet"));
        assertThat(judge(rule, group(ingress("tcp", 0, 65535, List.of(), List.of("::/0")))).reason())
                .endsWith("admits the whole internet on every tcp port");
        // All traffic from within the VPC's own group is not the internet.
        Map<String, Object> self = ingress("-1", null, null, List.of(), List.of());
        self.put("sourceGroups", List.of("sg-1"));
        assertThat(judge(rule, group(self, ingress("tcp", 443, 443, ANYWHERE, List.of()))).outcome())
                .isEqualTo(Outcome.PASS);
        assertThat(judge(rule, Map.of("groupId", "sg-1", "groupName", "x", "region", "us-east-1")).outcome())
                .isEqualTo(Outcome.UNKNOWN);
    }

    // --- GuardDuty ---

    @Test
    void guardDutyFindingsMustReachAnEnabledRuleWithATarget() {
        GuardDutyFindingsRouted rule = new GuardDutyFindingsRouted();
        Map<String, Object> toSecurity = Map.of("name", "guardduty-findings-to-security", "state", "ENABLED",
                "eventPattern", "{\"source\":[\"aws.guardduty\"]}",
                "targets", List.of("arn:aws:sns:us-east-1:111122223333:security-oncall"));
        assertThat(judge(rule, Map.of("region", "us-east-1", "rules", List.of(toSecurity)))).isEqualTo(Verdict.pass(
                "GuardDuty findings in us-east-1 go to alerting: guardduty-findings-to-security → "
                        + "arn:aws:sns:us-east-1:111122223333:security-oncall"));
        assertThat(judge(rule, Map.of("region", "eu-west-1", "rules", List.of()))).isEqualTo(Verdict.fail(
                "no EventBridge rule in eu-west-1 catches GuardDuty findings: they are raised and nobody is told"));
        assertThat(judge(rule, Map.of("region", "eu-west-1", "rules", List.of(with(toSecurity, "state", "DISABLED"),
                with(toSecurity, "name", "to-nobody", "targets", List.of()))))).isEqualTo(Verdict.fail(
                "no rule in eu-west-1 delivers GuardDuty findings: guardduty-findings-to-security (DISABLED), "
                        + "to-nobody (no target)"));
        // one rule that delivers is enough
        assertThat(judge(rule, Map.of("region", "eu-west-1", "rules", List.of(with(toSecurity, "state", "DISABLED"),
                with(toSecurity, "name", "to-pager")))).outcome()).isEqualTo(Outcome.PASS);
        assertThat(judge(rule, Map.of("region", "eu-west-1")).outcome()).isEqualTo(Outcome.UNKNOWN);
    }


    @Test
    void guardDutyRunsInEveryRegion() {
        GuardDutyEnabled rule = new GuardDutyEnabled();
        Map<String, Object> enabled = Map.of("region", "us-east-1", "detectorId", "d-1", "status", "ENABLED",
                "findingPublishingFrequency", "SIX_HOURS");
        assertThat(judge(rule, enabled)).isEqualTo(Verdict.pass("GuardDuty detector d-1 is enabled in us-east-1"));
        assertThat(judge(rule, with(enabled, "status", "DISABLED")))
                .isEqualTo(Verdict.fail("GuardDuty detector d-1 in us-east-1 is DISABLED"));
        Map<String, Object> none = with(enabled, "detectorId", null, "status", null);
        assertThat(judge(rule, none)).isEqualTo(Verdict.fail(
                "GuardDuty has no detector in us-east-1: nothing watches that region for threats"));
        none.remove("detectorId");
        assertThat(judge(rule, none).outcome()).isEqualTo(Outcome.UNKNOWN);
    }

    // --- CloudTrail ---

    private static Map<String, Object> trail(String name, boolean multiRegion, boolean logging, boolean validation) {
        Map<String, Object> trail = new HashMap<>(Map.of("name", name, "homeRegion", "us-east-1",
                "isMultiRegionTrail", multiRegion, "isOrganizationTrail", false, "logFileValidationEnabled", validation,
                "isLogging", logging, "s3BucketName", "logs"));
        trail.put("kmsKeyId", null);
        return trail;
    }

    @Test
    void cloudTrailNeedsOneMultiRegionTrailLoggingWithValidation() {
        CloudTrailMultiRegionLogging rule = new CloudTrailMultiRegionLogging();
        assertThat(judge(rule, Map.of("homeRegion", "us-east-1", "trails", List.of(trail("dev", false, false, false),
                trail("org", true, true, true))))).isEqualTo(Verdict.pass(
                "CloudTrail trail org records every region, is logging and validates its log files"));
        assertThat(judge(rule, Map.of("homeRegion", "us-east-1", "trails", List.of(trail("dev", false, true, true),
                trail("org", true, false, false))))).isEqualTo(Verdict.fail(
                "no CloudTrail trail records every region while logging with log-file validation "
                        + "(dev: single-region; org: not logging, no log-file validation)"));
        assertThat(judge(rule, Map.of("homeRegion", "us-east-1", "trails", List.of()))).isEqualTo(Verdict.fail(
                "the account has no CloudTrail trail: its API activity is recorded nowhere"));
        Map<String, Object> unknownState = trail("org", true, true, true);
        unknownState.remove("isLogging");
        assertThat(judge(rule, Map.of("homeRegion", "us-east-1", "trails", List.of(unknownState))).outcome())
                .isEqualTo(Outcome.UNKNOWN);
        assertThat(judge(rule, Map.of("homeRegion", "us-east-1")).outcome()).isEqualTo(Outcome.UNKNOWN);
    }

    // --- KMS ---

    @Test
    void customerManagedKeysRotate() {
        KmsCustomerKeyRotation rule = new KmsCustomerKeyRotation();
        Map<String, Object> key = new HashMap<>(Map.of("keyId", "k-1", "arn", "arn:aws:kms:us-east-1:1:key/k-1",
                "region", "us-east-1", "description", "acme-legacy-key", "rotationEnabled", false));
        assertThat(judge(rule, key)).isEqualTo(Verdict.fail("KMS key k-1 (acme-legacy-key) in us-east-1 never "
                + "rotates its key material: automatic rotation is off"));
        key.put("rotationEnabled", true);
        key.put("description", null);
        assertThat(judge(rule, key))
                .isEqualTo(Verdict.pass("KMS key k-1 in us-east-1 rotates its key material automatically"));
        key.remove("rotationEnabled");
        assertThat(judge(rule, key).outcome()).isEqualTo(Outcome.UNKNOWN);
    }

    // --- RDS ---

    private static final Map<String, Object> DB = Map.of("identifier", "acme-prod-db", "region", "us-east-1",
            "engine", "postgres", "status", "available", "storageEncrypted", true, "backupRetentionDays", 7,
            "deletionProtection", true, "publiclyAccessible", false, "multiAz", true);

    @Test
    void rdsInstancesAreEncryptedBackedUpAndPrivate() {
        assertThat(judge(new RdsStorageEncrypted(), DB).outcome()).isEqualTo(Outcome.PASS);
        assertThat(judge(new RdsStorageEncrypted(), with(DB, "storageEncrypted", false))).isEqualTo(Verdict.fail(
                "RDS instance acme-prod-db in us-east-1 does not encrypt its storage, backups or snapshots"));
        assertThat(judge(new RdsAutomatedBackupsEnabled(), with(DB, "backupRetentionDays", 1))).isEqualTo(Verdict.pass(
                "RDS instance acme-prod-db in us-east-1 takes daily automated backups, kept 1 day(s)"));
        assertThat(judge(new RdsAutomatedBackupsEnabled(), with(DB, "backupRetentionDays", 0))).isEqualTo(Verdict.fail(
                "RDS instance acme-prod-db in us-east-1 has automated backups turned off (retention 0 days)"));
        assertThat(judge(new RdsNotPubliclyAccessible(), DB).outcome()).isEqualTo(Outcome.PASS);
        assertThat(judge(new RdsNotPubliclyAccessible(), with(DB, "publiclyAccessible", true))).isEqualTo(Verdict.fail(
                "RDS instance acme-prod-db in us-east-1 is publicly accessible: it can be reached directly from the internet"));
    }
}
