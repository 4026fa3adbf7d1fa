package dev.vigil.collector.aws.cloudtrail;

import dev.vigil.collector.aws.cloudtrail.MetricFilterPatterns.Category;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CIS AWS Foundations Benchmark's reference patterns (monitoring section, Security Hub CloudWatch.1–14), as
 * published and in the variants people write: other whitespace and quoting, another order, extra terms, wildcards.
 */
class MetricFilterPatternsTest {
    static Stream<Arguments> cisReferencePatterns() {
        return Stream.of(
                Arguments.of(Category.ROOT_USAGE, "{ $.userIdentity.type = \"Root\" && $.userIdentity.invokedBy NOT "
                        + "EXISTS && $.eventType != \"AwsServiceEvent\" }"),
                Arguments.of(Category.UNAUTHORIZED_API_CALLS,
                        "{ ($.errorCode = \"*UnauthorizedOperation\") || ($.errorCode = \"AccessDenied*\") }"),
                Arguments.of(Category.CONSOLE_SIGN_IN_WITHOUT_MFA,
                        "{ ($.eventName = \"ConsoleLogin\") && ($.additionalEventData.MFAUsed != \"Yes\") }"),
                Arguments.of(Category.IAM_POLICY_CHANGES, "{($.eventName=DeleteGroupPolicy)||($.eventName="
                        + "DeleteRolePolicy)||($.eventName=DeleteUserPolicy)||($.eventName=PutGroupPolicy)||($.eventName="
                        + "PutRolePolicy)||($.eventName=PutUserPolicy)||($.eventName=CreatePolicy)||($.eventName="
                        + "DeletePolicy)||($.eventName=CreatePolicyVersion)||($.eventName=DeletePolicyVersion)||"
                        + "($.eventName=AttachRolePolicy)||($.eventName=DetachRolePolicy)||($.eventName=AttachUserPolicy)"
                        + "||($.eventName=DetachUserPolicy)||($.eventName=AttachGroupPolicy)||($.eventName="
                        + "DetachGroupPolicy)}"),
                Arguments.of(Category.CLOUDTRAIL_CONFIGURATION_CHANGES, "{ ($.eventName = CreateTrail) || ($.eventName "
                        + "= UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || "
                        + "($.eventName = StopLogging) }"),
                Arguments.of(Category.CONSOLE_AUTHENTICATION_FAILURES,
                        "{ ($.eventName = ConsoleLogin) && ($.errorMessage = \"Failed authentication\") }"),
                Arguments.of(Category.CMK_DISABLED_OR_DELETED, "{($.eventSource = kms.amazonaws.com) && "
                        + "(($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion)) }"),
                Arguments.of(Category.S3_BUCKET_POLICY_CHANGES, "{ ($.eventSource = s3.amazonaws.com) && (($.eventName "
                        + "= PutBucketAcl) || ($.eventName = PutBucketPolicy) || ($.eventName = PutBucketCors) || "
                        + "($.eventName = PutBucketLifecycle) || ($.eventName = PutBucketReplication) || ($.eventName = "
                        + "DeleteBucketPolicy) || ($.eventName = DeleteBucketCors) || ($.eventName = "
                        + "DeleteBucketLifecycle) || ($.eventName = DeleteBucketReplication)) }"),
                Arguments.of(Category.CONFIG_CHANGES, "{ ($.eventSource = config.amazonaws.com) && "
                        + "(($.eventName=StopConfigurationRecorder)||($.eventName=DeleteDeliveryChannel)||"
                        + "($.eventName=PutDeliveryChannel)||($.eventName=PutConfigurationRecorder)) }"),
                Arguments.of(Category.SECURITY_GROUP_CHANGES, "{ ($.eventName = AuthorizeSecurityGroupIngress) || "
                        + "($.eventName = AuthorizeSecurityGroupEgress) || ($.eventName = RevokeSecurityGroupIngress) "
                        + "|| ($.eventName = RevokeSecurityGroupEgress) || ($.eventName = CreateSecurityGroup) || "
                        + "($.eventName = DeleteSecurityGroup) }"),
                Arguments.of(Category.NACL_CHANGES, "{ ($.eventName = CreateNetworkAcl) || ($.eventName = "
                        + "CreateNetworkAclEntry) || ($.eventName = DeleteNetworkAcl) || ($.eventName = "
                        + "DeleteNetworkAclEntry) || ($.eventName = ReplaceNetworkAclEntry) || ($.eventName = "
                        + "ReplaceNetworkAclAssociation) }"),
                Arguments.of(Category.NETWORK_GATEWAY_CHANGES, "{ ($.eventName = CreateCustomerGateway) || ($.eventName "
                        + "= DeleteCustomerGateway) || ($.eventName = AttachInternetGateway) || ($.eventName = "
                        + "CreateInternetGateway) || ($.eventName = DeleteInternetGateway) || ($.eventName = "
                        + "DetachInternetGateway) }"),
                Arguments.of(Category.ROUTE_TABLE_CHANGES, "{($.eventSource = ec2.amazonaws.com) && (($.eventName = "
                        + "CreateRoute) || ($.eventName = CreateRouteTable) || ($.eventName = ReplaceRoute) || "
                        + "($.eventName = ReplaceRouteTableAssociation) || ($.eventName = DeleteRouteTable) || "
                        + "($.eventName = DeleteRoute) || ($.eventName = DisassociateRouteTable)) }"),
                Arguments.of(Category.VPC_CHANGES, "{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) || "
                        + "($.eventName = ModifyVpcAttribute) || ($.eventName = AcceptVpcPeeringConnection) || "
                        + "($.eventName = CreateVpcPeeringConnection) || ($.eventName = DeleteVpcPeeringConnection) || "
                        + "($.eventName = RejectVpcPeeringConnection) || ($.eventName = AttachClassicLinkVpc) || "
                        + "($.eventName = DetachClassicLinkVpc) || ($.eventName = DisableVpcClassicLink) || "
                        + "($.eventName = EnableVpcClassicLink) }"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cisReferencePatterns")
    void eachReferencePatternCatchesItsCategoryAlone(Category category, String pattern) {
        assertThat(MetricFilterPatterns.catches(pattern)).containsExactly(category);
    }

    @Test
    void whitespaceQuotingOrderAndExtraTermsDoNotMatter() {
        // CIS 1.4's unauthorized API calls, with the exclusions it added, written on one line without spaces
        assertThat(MetricFilterPatterns.catches("{(($.errorCode=\"*UnauthorizedOperation\")||($.errorCode="
                + "\"AccessDenied*\"))&&($.sourceIPAddress!=\"delivery.logs.amazonaws.com\")&&($.eventName!="
                + "\"HeadBucket\")}")).containsExactly(Category.UNAUTHORIZED_API_CALLS);
        // CIS 1.4's sign-in without MFA, the terms reordered, over several lines
        assertThat(MetricFilterPatterns.catches("{\n  ($.additionalEventData.MFAUsed != \"Yes\")\n  && "
                + "($.userIdentity.type = \"IAMUser\")\n  && ($.responseElements.ConsoleLogin = \"Success\")\n  && "
                + "($.eventName = \"ConsoleLogin\")\n}")).containsExactly(Category.CONSOLE_SIGN_IN_WITHOUT_MFA);
        // security groups, names reordered and quoted
        assertThat(MetricFilterPatterns.catches("{ ($.eventName = \"DeleteSecurityGroup\") || ($.eventName = "
                + "\"CreateSecurityGroup\") || ($.eventName = \"RevokeSecurityGroupEgress\") || ($.eventName = "
                + "\"RevokeSecurityGroupIngress\") || ($.eventName = \"AuthorizeSecurityGroupEgress\") || "
                + "($.eventName = \"AuthorizeSecurityGroupIngress\") }"))
                .containsExactly(Category.SECURITY_GROUP_CHANGES);
        // console failures as the sign-in's response states them
        assertThat(MetricFilterPatterns.catches("{ $.eventName = ConsoleLogin && $.responseElements.ConsoleLogin = "
                + "Failure }")).containsExactly(Category.CONSOLE_AUTHENTICATION_FAILURES);
    }

    @Test
    void wildcardsCatchTheNamesTheyMatch() {
        assertThat(MetricFilterPatterns.catches("{($.eventSource=iam.amazonaws.com) && (($.eventName=Put*Policy)||"
                + "($.eventName=Delete*Policy)||($.eventName=Attach*Policy)||($.eventName=Detach*Policy)||"
                + "($.eventName=CreatePolicy)||($.eventName=CreatePolicyVersion)||($.eventName=DeletePolicyVersion))}"))
                .containsExactly(Category.IAM_POLICY_CHANGES);
        assertThat(MetricFilterPatterns.catches("{ $.errorCode = \"*\" }")).contains(Category.UNAUTHORIZED_API_CALLS);
    }

    @Test
    void aPatternCatchingPartOfACategoryOrNegatingItCatchesNothing() {
        // only some of the calls: CreateRoute alone leaves route tables unwatched
        assertThat(MetricFilterPatterns.catches("{ ($.eventName = CreateRoute) || ($.eventName = DeleteRoute) }"))
                .isEmpty();
        // EC2's denials only: the other services' AccessDenied are missed
        assertThat(MetricFilterPatterns.catches("{ $.errorCode = \"*UnauthorizedOperation\" }")).isEmpty();
        // every sign-in that is not the root's is not root usage
        assertThat(MetricFilterPatterns.catches("{ $.userIdentity.type != \"Root\" }")).isEmpty();
        // a sign-in with MFA is not one without
        assertThat(MetricFilterPatterns.catches("{ ($.eventName = ConsoleLogin) && ($.additionalEventData.MFAUsed "
                + "= \"Yes\") }")).isEmpty();
        assertThat(MetricFilterPatterns.catches("ERROR")).isEmpty();
        assertThat(MetricFilterPatterns.catches("")).isEmpty();
        assertThat(MetricFilterPatterns.catches(null)).isEmpty();
    }

    @Test
    void oneFilterMayCatchSeveralCategoriesInTheBenchmarksOrder() {
        assertThat(MetricFilterPatterns.ids(MetricFilterPatterns.catches("{ ($.eventName = CreateTrail) || "
                + "($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || "
                + "($.eventName = StopLogging) || ($.userIdentity.type = Root) }")))
                .isEqualTo(List.of("root-usage", "cloudtrail-configuration-changes"));
    }
}
