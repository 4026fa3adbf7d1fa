package dev.vigil.collector.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.collector.aws.backup.BackupCollector;
import dev.vigil.collector.aws.cloudtrail.CloudTrailCollector;
import dev.vigil.collector.aws.ec2.Ec2Collector;
import dev.vigil.collector.aws.elb.LoadBalancersCollector;
import dev.vigil.collector.aws.guardduty.GuardDutyCollector;
import dev.vigil.collector.aws.identitycenter.IdentityCenterCollector;
import dev.vigil.collector.aws.kms.KmsCollector;
import dev.vigil.collector.aws.rds.RdsCollector;
import dev.vigil.collector.spi.AllowListDefinitions;
import dev.vigil.common.evidence.AllowList;
import dev.vigil.common.evidence.AllowLists;
import dev.vigil.common.evidence.Redactor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The allow-lists of the AWS collectors on the sandbox's recorded answers (AWS's own shapes): the key each answer is
 * kept under finds its kind, the fields the facts and identifiers are read from (and pagination, request ids, error
 * fields) keep the values sent, what no fact needs is masked, and no planted canary is left. That the facts computed
 * from the kept answers equal those from the answers as sent is checked scan by scan ({@link KeptAnswers}).
 */
class AwsAllowListsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Where the sandbox's response templates put a time. */
    private static final String NOW = "1763884800";

    /**
     * One recorded answer: kept under {@code key} by {@code collector}, masked by {@code kind}; {@code kept} are
     * paths whose values must survive, {@code masked} paths whose values must not.
     */
    record Case(Class<?> collector, String key, String file, String kind, List<String> kept, List<String> masked) {
        @Override
        public String toString() {
            return collector.getSimpleName() + " " + key + " (" + file + ")";
        }
    }

    private static Case answer(Class<?> collector, String key, String file, String kind, List<String> kept,
                               List<String> masked) {
        return new Case(collector, key, file, kind, kept, masked);
    }

    private static List<String> under(String prefix, String... fields) {
        return Arrays.stream(fields).map(f -> prefix + f).toList();
    }

    private static List<String> all(List<String> first, String... more) {
        List<String> out = new ArrayList<>(first);
        out.addAll(List.of(more));
        return out;
    }

    static Stream<Case> recordings() {
        String volumes = "DescribeVolumesResponse/volumeSet/item/";
        String groups = "DescribeSecurityGroupsResponse/securityGroupInfo/item/";
        String lbs = "DescribeLoadBalancersResponse/DescribeLoadBalancersResult/LoadBalancers/member/";
        String listeners = "DescribeListenersResponse/DescribeListenersResult/Listeners/member/";
        String policies = "DescribeSSLPoliciesResponse/DescribeSSLPoliciesResult/SslPolicies/member/";
        String instances = "DescribeDBInstancesResponse/DescribeDBInstancesResult/DBInstances/DBInstance/";
        String key = "1234abcd-12ab-34cd-56ef-1234567890ab";
        String alarms = "DescribeAlarmsResponse/DescribeAlarmsResult/MetricAlarms/member/";
        List<Case> cases = new ArrayList<>(List.of(
                answer(BackupCollector.class, "us-east-1:ListBackupPlans", "backup-plans-us-east-1.json",
                        "backup plans",
                        under("BackupPlansList/", "BackupPlanName", "BackupPlanId", "BackupPlanArn",
                                "LastExecutionDate"),
                        under("BackupPlansList/", "VersionId", "CreationDate")),
                answer(BackupCollector.class, "us-east-1:ListBackupVaults", "backup-vaults-us-east-1.json",
                        "backup vaults",
                        under("BackupVaultList/", "BackupVaultName", "BackupVaultArn", "EncryptionKeyArn",
                                "NumberOfRecoveryPoints", "Locked"),
                        under("BackupVaultList/", "CreatorRequestId", "VaultType", "CreationDate")),
                answer(BackupCollector.class, "us-east-1:GetBackupVaultAccessPolicy:acme-backup-vault",
                        "backup-vault-access-policy-acme-backup-vault.json", "vault access policy",
                        List.of("BackupVaultName", "BackupVaultArn", "Policy"), List.of()),
                answer(BackupCollector.class, "us-east-1:ListBackupJobs", "backup-failed-jobs-us-east-1.json",
                        "failed backup jobs",
                        under("BackupJobs/", "BackupJobId", "ResourceArn", "ResourceType", "ResourceName",
                                "CreationDate", "BackupVaultName", "StatusMessage"),
                        under("BackupJobs/", "AccountId", "IamRoleArn", "PercentDone", "CreatedBy/BackupPlanVersion",
                                "CreatedBy/BackupRuleId")),
                answer(BackupCollector.class, "us-east-1:ListBackupJobs", "backup-error-jobs-access-denied.json",
                        "failed backup jobs", List.of("__type", "Message"), List.of()),
                answer(BackupCollector.class, "us-east-1:ListProtectedResources",
                        "backup-protected-resources-us-east-1.json", "protected resources",
                        under("Results/", "ResourceArn", "ResourceType", "ResourceName", "LastBackupTime",
                                "LastBackupVaultArn"),
                        under("Results/", "LastRecoveryPointArn")),

                answer(CloudTrailCollector.class, "us-east-1:DescribeTrails", "cloudtrail-trails-us-east-1.json",
                        "trails",
                        under("trailList/", "Name", "TrailARN", "HomeRegion", "IsMultiRegionTrail",
                                "IsOrganizationTrail", "LogFileValidationEnabled", "S3BucketName", "KmsKeyId",
                                "CloudWatchLogsLogGroupArn"),
                        under("trailList/", "S3KeyPrefix", "CloudWatchLogsRoleArn")),
                answer(CloudTrailCollector.class,
                        "us-east-1:GetTrailStatus:arn:aws:cloudtrail:us-east-1:111122223333:trail/acme-org-trail",
                        "cloudtrail-trail-status-acme-org-trail.json", "trail status", List.of("IsLogging"),
                        List.of("LatestDeliveryTime", "LatestDeliveryAttemptTime", "TimeLoggingStarted")),
                answer(CloudTrailCollector.class, "us-east-1:DescribeTrails", "cloudtrail-error-access-denied.json",
                        "trails", List.of("__type", "Message"), List.of()),
                answer(CloudTrailCollector.class, "us-east-1:DescribeMetricFilters",
                        "logs-metric-filters-acme-cloudtrail-page-1.json", "metric filters (CloudWatch Logs)",
                        all(under("metricFilters/", "filterName", "filterPattern", "logGroupName",
                                "metricTransformations/metricName", "metricTransformations/metricNamespace"),
                                "nextToken"),
                        under("metricFilters/", "creationTime", "metricTransformations/metricValue")),
                answer(CloudTrailCollector.class, "us-east-1:DescribeAlarms", "cloudwatch-alarms-us-east-1-page-1.xml",
                        "metric alarms (CloudWatch)",
                        all(under(alarms, "AlarmName", "AlarmArn", "ActionsEnabled", "AlarmActions/member",
                                "MetricName", "Namespace", "StateValue"),
                                "DescribeAlarmsResponse/DescribeAlarmsResult/NextToken",
                                "DescribeAlarmsResponse/ResponseMetadata/RequestId"),
                        under(alarms, "AlarmDescription", "StateReason", "Statistic", "Period", "Threshold",
                                "ComparisonOperator", "Dimensions/member/Name", "Dimensions/member/Value")),

                answer(Ec2Collector.class, "us-east-1:GetEbsEncryptionByDefault", "ec2-ebs-default-encryption.xml",
                        "EBS encryption by default",
                        under("GetEbsEncryptionByDefaultResponse/", "ebsEncryptionByDefault", "requestId"),
                        under("GetEbsEncryptionByDefaultResponse/", "sseType", "Credentials/AccessKeyId",
                                "Credentials/SecretAccessKey", "Credentials/SessionToken")),
                answer(Ec2Collector.class, "us-east-1:DescribeVolumes", "ec2-volumes-us-east-1-page-1.xml", "volumes",
                        all(under(volumes, "volumeId", "status", "size", "encrypted", "kmsKeyId",
                                "attachmentSet/item/instanceId"),
                                "DescribeVolumesResponse/nextToken", "DescribeVolumesResponse/requestId"),
                        under(volumes, "availabilityZone", "createTime", "volumeType", "attachmentSet/item/device",
                                "attachmentSet/item/status", "attachmentSet/item/attachTime")),
                answer(Ec2Collector.class, "us-east-1:DescribeSecurityGroups", "ec2-security-groups-us-east-1.xml",
                        "security groups",
                        all(under(groups, "groupId", "groupName", "vpcId", "ipPermissions/item/ipProtocol",
                                "ipPermissions/item/fromPort", "ipPermissions/item/toPort",
                                "ipPermissions/item/ipRanges/item/cidrIp",
                                "ipPermissions/item/ipv6Ranges/item/cidrIpv6",
                                "ipPermissions/item/groups/item/groupId"), "DescribeSecurityGroupsResponse/requestId"),
                        under(groups, "ownerId", "groupDescription", "ipPermissions/item/groups/item/userId",
                                "ipPermissionsEgress/item/ipProtocol",
                                "ipPermissionsEgress/item/ipRanges/item/cidrIp")),
                answer(Ec2Collector.class, "eu-west-1:DescribeSecurityGroups", "ec2-error-unauthorized.xml",
                        "security groups",
                        List.of("Response/Errors/Error/Code", "Response/Errors/Error/Message", "Response/RequestID"),
                        List.of()),

                answer(LoadBalancersCollector.class, "us-east-1:DescribeLoadBalancers",
                        "elb-load-balancers-us-east-1.xml", "load balancers",
                        all(under(lbs, "LoadBalancerArn", "LoadBalancerName", "Type", "Scheme"),
                                "DescribeLoadBalancersResponse/ResponseMetadata/RequestId"),
                        under(lbs, "DNSName", "CanonicalHostedZoneId", "CreatedTime", "VpcId", "State/Code",
                                "IpAddressType")),
                answer(LoadBalancersCollector.class, "us-east-1:DescribeListeners", "elb-listeners-acme-web-alb.xml",
                        "listeners",
                        all(under(listeners, "ListenerArn", "Port", "Protocol", "SslPolicy",
                                "Certificates/member/CertificateArn", "DefaultActions/member/Type",
                                "DefaultActions/member/Order", "DefaultActions/member/RedirectConfig/Protocol"),
                                "DescribeListenersResponse/ResponseMetadata/RequestId"),
                        under(listeners, "LoadBalancerArn", "DefaultActions/member/TargetGroupArn",
                                "DefaultActions/member/RedirectConfig/Host",
                                "DefaultActions/member/RedirectConfig/Port",
                                "DefaultActions/member/RedirectConfig/StatusCode")),
                answer(LoadBalancersCollector.class, "us-east-1:DescribeListeners", "elb-error-listeners-denied.xml",
                        "listeners", List.of("ErrorResponse/Error/Code", "ErrorResponse/Error/Message",
                                "ErrorResponse/Error/Type", "ErrorResponse/RequestId"), List.of()),
                answer(LoadBalancersCollector.class, "us-east-1:DescribeSSLPolicies", "elb-ssl-policy-2016-08.xml",
                        "TLS policies",
                        all(under(policies, "Name", "SslProtocols/member"),
                                "DescribeSSLPoliciesResponse/ResponseMetadata/RequestId"),
                        under(policies, "Ciphers/member/Name", "Ciphers/member/Priority",
                                "SupportedLoadBalancerTypes/member")),
                answer(LoadBalancersCollector.class, "us-east-1:ListCertificates", "acm-certificates-us-east-1.json",
                        "ACM certificates",
                        under("CertificateSummaryList/", "CertificateArn", "DomainName", "Status", "Type", "InUse",
                                "RenewalEligibility", "NotAfter"),
                        under("CertificateSummaryList/", "SubjectAlternativeNameSummaries", "KeyAlgorithm", "KeyUsages",
                                "ExtendedKeyUsages", "NotBefore", "CreatedAt")),

                answer(GuardDutyCollector.class, "us-east-1:ListDetectors", "guardduty-detectors-us-east-1.json",
                        "detectors", List.of("detectorIds"), List.of()),
                answer(GuardDutyCollector.class, "us-east-1:GetDetector:c2b6a0d4sandbox0guardduty000001",
                        "guardduty-detector-us-east-1.json", "detector",
                        List.of("status", "findingPublishingFrequency"),
                        List.of("serviceRole", "createdAt", "updatedAt")),
                answer(GuardDutyCollector.class, "us-east-1:ListRules", "events-rules-us-east-1.json",
                        "event rules (EventBridge, JSON 1.1)",
                        under("Rules/", "Name", "Arn", "State", "EventPattern", "EventBusName"),
                        under("Rules/", "Description")),
                answer(GuardDutyCollector.class, "us-east-1:ListTargetsByRule",
                        "events-targets-guardduty-findings-to-security.json",
                        "event rule targets (EventBridge): which, never their input",
                        under("Targets/", "Id", "Arn"),
                        under("Targets/InputTransformer/", "InputTemplate", "InputPathsMap/severity")),

                answer(IdentityCenterCollector.class, "us-east-1:ListInstances", "identitycenter-instances.json",
                        "instances", under("Instances/", "IdentityStoreId", "InstanceArn"),
                        under("Instances/", "Name", "OwnerAccountId", "Status", "CreatedDate")),
                answer(IdentityCenterCollector.class, "us-east-1:ListUsers", "identitycenter-users.json", "users",
                        under("Users/", "UserId", "UserName", "DisplayName", "Emails/Value", "Emails/Primary",
                                "UserStatus"),
                        under("Users/", "IdentityStoreId", "ExternalIds/Issuer", "ExternalIds/Id", "Name/FamilyName",
                                "Name/GivenName", "Name/Formatted", "Emails/Type")),
                answer(IdentityCenterCollector.class, "us-east-1:ListGroups", "identitycenter-groups.json", "groups",
                        under("Groups/", "GroupId", "DisplayName"), under("Groups/", "Description", "IdentityStoreId")),
                answer(IdentityCenterCollector.class, "us-east-1:ListGroupMemberships",
                        "identitycenter-members-platform-admins.json", "group memberships",
                        List.of("GroupMemberships/MemberId/UserId"),
                        under("GroupMemberships/", "MembershipId", "GroupId", "IdentityStoreId")),
                answer(IdentityCenterCollector.class, "us-east-1:ListAccountAssignmentsForPrincipal",
                        "identitycenter-assignments-platform-admins.json", "account assignments",
                        under("AccountAssignments/", "AccountId", "PermissionSetArn"),
                        under("AccountAssignments/", "PrincipalId", "PrincipalType")),
                answer(IdentityCenterCollector.class, "us-east-1:DescribePermissionSet",
                        "identitycenter-permission-set-AdministratorAccess.json", "permission set",
                        List.of("PermissionSet/Name"),
                        under("PermissionSet/", "PermissionSetArn", "Description", "SessionDuration", "CreatedDate")),

                answer(KmsCollector.class, "us-east-1:ListKeys", "kms-keys-us-east-1-page-1.json", "keys",
                        List.of("Keys/KeyId", "NextMarker", "Truncated"), List.of("Keys/KeyArn")),
                answer(KmsCollector.class, "us-east-1:DescribeKey:" + key, "kms-describe-key-" + key + ".json", "key",
                        under("KeyMetadata/", "KeyId", "Arn", "Description", "KeyManager", "KeyState", "KeySpec"),
                        under("KeyMetadata/", "AWSAccountId", "CreationDate", "KeyUsage", "Origin",
                                "CustomerMasterKeySpec", "EncryptionAlgorithms")),
                answer(KmsCollector.class, "us-east-1:GetKeyRotationStatus:" + key, "kms-rotation-" + key + ".json",
                        "key rotation", List.of("KeyRotationEnabled"),
                        List.of("KeyId", "RotationPeriodInDays", "NextRotationDate")),

                answer(RdsCollector.class, "us-east-1:DescribeDBInstances", "rds-instances-us-east-1-page-1.xml",
                        "database instances",
                        all(under(instances, "DBInstanceIdentifier", "DBInstanceArn", "Engine", "DBInstanceStatus",
                                        "StorageEncrypted", "KmsKeyId", "BackupRetentionPeriod", "DeletionProtection",
                                        "PubliclyAccessible", "MultiAZ"),
                                "DescribeDBInstancesResponse/DescribeDBInstancesResult/Marker",
                                "DescribeDBInstancesResponse/ResponseMetadata/RequestId"),
                        under(instances, "DBInstanceClass", "EngineVersion")),
                answer(RdsCollector.class, "us-east-1:DescribeDBInstances", "rds-error-access-denied.xml",
                        "database instances", List.of("ErrorResponse/Error/Code", "ErrorResponse/Error/Message",
                                "ErrorResponse/Error/Type", "ErrorResponse/RequestId"), List.of())));
        // every regional collector asks EC2 for the enabled regions through its own client (vigil.aws.regions: all)
        for (Class<?> regional : List.of(Ec2Collector.class, BackupCollector.class, GuardDutyCollector.class,
                KmsCollector.class, RdsCollector.class, LoadBalancersCollector.class)) {
            cases.add(answer(regional, "us-east-1:DescribeRegions", "ec2-describe-regions.xml",
                    regional == Ec2Collector.class ? "enabled regions" : "enabled regions (EC2)",
                    List.of("DescribeRegionsResponse/regionInfo/item/regionName", "DescribeRegionsResponse/requestId"),
                    List.of("DescribeRegionsResponse/regionInfo/item/regionEndpoint",
                            "DescribeRegionsResponse/regionInfo/item/optInStatus")));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordings")
    void aRecordedAnswerKeepsWhatTheFactsAreReadFromAndMasksTheRest(Case c) throws Exception {
        AllowLists lists = AllowListDefinitions.of(c.collector());
        assertThat(lists.forKey(c.key()).map(AllowList::kind)).contains(c.kind());
        byte[] sent = sandbox(c.file());
        byte[] kept = lists.redact(c.key(), sent);

        for (String path : c.kept()) {
            List<String> values = values(sent, path);
            assertThat(values).as("%s as sent", path).isNotEmpty().doesNotContain(AllowList.MASK);
            assertThat(values(kept, path)).as("%s as kept", path).isEqualTo(values);
        }
        for (String path : c.masked()) {
            List<String> values = values(sent, path);
            assertThat(values).as("%s as sent", path).isNotEmpty();
            assertThat(values(kept, path)).as("%s as kept", path).hasSameSizeAs(values)
                    .allMatch(v -> v.equals(AllowList.MASK) || v.equals(Redactor.MASK));
        }
        // the canaries the sandbox plants in fields no fact reads (an EC2 answer carries session credentials)
        assertThat(new String(kept, StandardCharsets.UTF_8)).doesNotContain("VIGILCANARY", "ASIAVIGILCANARY");
    }

    @Test
    void everyKindOfEveryAwsAllowListIsCheckedOnARecordedAnswer() {
        Map<Class<?>, Set<String>> checked = new LinkedHashMap<>();
        recordings().forEach(c -> checked.computeIfAbsent(c.collector(), k -> new TreeSet<>()).add(c.kind()));
        assertThat(checked).hasSize(8);
        checked.forEach((collector, kinds) -> assertThat(kinds).as(collector.getSimpleName()).isEqualTo(
                AllowListDefinitions.of(collector).kinds().stream().map(AllowList::kind)
                        .collect(Collectors.toCollection(TreeSet::new))));
    }

    @Test
    void anOperationOfAnotherCollectorIsLeftToThePatternNet() {
        // a kind is found by the whole operation name: ListGroups is not ListGroupMemberships, nor S3's ListBuckets
        assertThat(AllowListDefinitions.of(KmsCollector.class).forKey("us-east-1:ListBuckets")).isEmpty();
        assertThat(AllowListDefinitions.of(IdentityCenterCollector.class).forKey("us-east-1:ListGroupMemberships")
                .map(AllowList::kind)).contains("group memberships");
        assertThat(AllowListDefinitions.of(Ec2Collector.class).forKey("us-east-1:DescribeVolumesModifications"))
                .isEmpty();
    }

    /** A sandbox answer as the sandbox serves it (its templates' times filled in). */
    private static byte[] sandbox(String file) throws IOException {
        String root = System.getProperty("vigil.sandbox.root", "../deploy/sandbox/src/main/resources/sandbox");
        String text = Files.readString(Path.of(root, "__files", "aws", file));
        return text.replaceAll("\\{\\{[^}]*}}", NOW).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The values at {@code path} (segments: JSON keys, arrays transparent; or XML element names from the root), in
     * document order; booleans and numbers as text.
     */
    static List<String> values(byte[] body, String path) throws Exception {
        String text = new String(body, StandardCharsets.UTF_8).stripLeading();
        String[] segments = path.split("/");
        List<String> out = new ArrayList<>();
        if (text.startsWith("<")) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            Element root = factory.newDocumentBuilder().parse(new InputSource(new ByteArrayInputStream(body)))
                    .getDocumentElement();
            if (root.getLocalName().equals(segments[0])) {
                collect(root, segments, 1, out);
            }
            return out;
        }
        collect(JSON.readTree(text), segments, 0, out);
        return out;
    }

    private static void collect(Element element, String[] segments, int next, List<String> out) {
        if (next == segments.length) {
            out.add(element.getTextContent().strip());
            return;
        }
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e && segments[next].equals(e.getLocalName())) {
                collect(e, segments, next + 1, out);
            }
        }
    }

    private static void collect(JsonNode node, String[] segments, int next, List<String> out) {
        if (node.isArray()) {
            node.forEach(item -> collect(item, segments, next, out));
            return;
        }
        if (next == segments.length) {
            if (!node.isNull() && !node.isMissingNode()) {
                out.add(node.asText());
            }
            return;
        }
        if (node.has(segments[next])) {
            collect(node.get(segments[next]), segments, next + 1, out);
        }
    }
}
