package dev.vigil.collector.aws.cloudtrail;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a CloudWatch Logs metric filter on a CloudTrail log group catches, in the categories of the CIS AWS
 * Foundations Benchmark's monitoring section (Security Hub's CloudWatch.1–14): the CloudTrail records its JSON
 * pattern selects. Read tolerantly: whitespace, quoting, the order of the terms and extra terms (an
 * {@code eventSource}, a {@code HeadBucket} exclusion) do not matter, and a wildcard value ({@code Put*Policy})
 * catches the names it matches. A category is caught when every call the benchmark names for it is selected by a
 * positive term ({@code $.field = value}); the pattern's boolean structure is not evaluated, so a pattern is judged by
 * the terms it contains, and kept in the evidence for a reader to check.
 */
public final class MetricFilterPatterns {
    /** The categories, in the benchmark's order, by the name the evidence and the rules use. */
    public enum Category {
        ROOT_USAGE("root-usage"),
        UNAUTHORIZED_API_CALLS("unauthorized-api-calls"),
        CONSOLE_SIGN_IN_WITHOUT_MFA("console-sign-in-without-mfa"),
        IAM_POLICY_CHANGES("iam-policy-changes"),
        CLOUDTRAIL_CONFIGURATION_CHANGES("cloudtrail-configuration-changes"),
        CONSOLE_AUTHENTICATION_FAILURES("console-authentication-failures"),
        CMK_DISABLED_OR_DELETED("cmk-disabled-or-scheduled-for-deletion"),
        S3_BUCKET_POLICY_CHANGES("s3-bucket-policy-changes"),
        CONFIG_CHANGES("aws-config-changes"),
        SECURITY_GROUP_CHANGES("security-group-changes"),
        NACL_CHANGES("nacl-changes"),
        NETWORK_GATEWAY_CHANGES("network-gateway-changes"),
        ROUTE_TABLE_CHANGES("route-table-changes"),
        VPC_CHANGES("vpc-changes");

        public final String id;

        Category(String id) {
            this.id = id;
        }
    }

    /** The calls each change category must select (the benchmark's lists; ClassicLink, retired, is not required). */
    static final Map<Category, List<String>> EVENT_NAMES = new LinkedHashMap<>();

    static {
        EVENT_NAMES.put(Category.IAM_POLICY_CHANGES, List.of("DeleteGroupPolicy", "DeleteRolePolicy",
                "DeleteUserPolicy", "PutGroupPolicy", "PutRolePolicy", "PutUserPolicy", "CreatePolicy", "DeletePolicy",
                "CreatePolicyVersion", "DeletePolicyVersion", "AttachRolePolicy", "DetachRolePolicy",
                "AttachUserPolicy", "DetachUserPolicy", "AttachGroupPolicy", "DetachGroupPolicy"));
        EVENT_NAMES.put(Category.CLOUDTRAIL_CONFIGURATION_CHANGES, List.of("CreateTrail", "UpdateTrail", "DeleteTrail",
                "StartLogging", "StopLogging"));
        EVENT_NAMES.put(Category.CMK_DISABLED_OR_DELETED, List.of("DisableKey", "ScheduleKeyDeletion"));
        EVENT_NAMES.put(Category.S3_BUCKET_POLICY_CHANGES, List.of("PutBucketAcl", "PutBucketPolicy", "PutBucketCors",
                "PutBucketLifecycle", "PutBucketReplication", "DeleteBucketPolicy", "DeleteBucketCors",
                "DeleteBucketLifecycle", "DeleteBucketReplication"));
        EVENT_NAMES.put(Category.CONFIG_CHANGES, List.of("StopConfigurationRecorder", "DeleteDeliveryChannel",
                "PutDeliveryChannel", "PutConfigurationRecorder"));
        EVENT_NAMES.put(Category.SECURITY_GROUP_CHANGES, List.of("AuthorizeSecurityGroupIngress",
                "AuthorizeSecurityGroupEgress", "RevokeSecurityGroupIngress", "RevokeSecurityGroupEgress",
                "CreateSecurityGroup", "DeleteSecurityGroup"));
        EVENT_NAMES.put(Category.NACL_CHANGES, List.of("CreateNetworkAcl", "CreateNetworkAclEntry", "DeleteNetworkAcl",
                "DeleteNetworkAclEntry", "ReplaceNetworkAclEntry", "ReplaceNetworkAclAssociation"));
        EVENT_NAMES.put(Category.NETWORK_GATEWAY_CHANGES, List.of("CreateCustomerGateway", "DeleteCustomerGateway",
                "AttachInternetGateway", "CreateInternetGateway", "DeleteInternetGateway", "DetachInternetGateway"));
        EVENT_NAMES.put(Category.ROUTE_TABLE_CHANGES, List.of("CreateRoute", "CreateRouteTable", "ReplaceRoute",
                "ReplaceRouteTableAssociation", "DeleteRouteTable", "DeleteRoute", "DisassociateRouteTable"));
        EVENT_NAMES.put(Category.VPC_CHANGES, List.of("CreateVpc", "DeleteVpc", "ModifyVpcAttribute",
                "AcceptVpcPeeringConnection", "CreateVpcPeeringConnection", "DeleteVpcPeeringConnection",
                "RejectVpcPeeringConnection"));
    }

    /** {@code $.field = value} or {@code $.field != value}; the value quoted or bare. */
    private static final Pattern TERM = Pattern.compile(
            "\\$\\.([A-Za-z0-9_.\\[\\]-]+)\\s*(!=|=)\\s*(?:\"([^\"]*)\"|([^\\s()&|}\"]+))");

    /** One term of a pattern: a field of the CloudTrail record, whether it must equal or differ, the value. */
    record Term(String field, boolean equals, String value) {
    }

    private MetricFilterPatterns() {
    }

    /** The categories {@code filterPattern} catches, in the benchmark's order; none for a blank or text pattern. */
    public static List<Category> catches(String filterPattern) {
        EnumSet<Category> caught = EnumSet.noneOf(Category.class);
        if (filterPattern == null || filterPattern.isBlank()) {
            return List.of();
        }
        List<Term> terms = terms(filterPattern);
        if (selects(terms, "userIdentity.type", "Root")) {
            caught.add(Category.ROOT_USAGE);
        }
        // CIS: errorCode "*UnauthorizedOperation" or "AccessDenied*", so EC2's denial as CloudTrail records it
        // (Client.UnauthorizedOperation) and the other services' (AccessDenied, AccessDeniedException) are all caught
        if (selects(terms, "errorCode", "Client.UnauthorizedOperation")
                && selects(terms, "errorCode", "UnauthorizedOperation")
                && selects(terms, "errorCode", "AccessDenied")
                && selects(terms, "errorCode", "AccessDeniedException")) {
            caught.add(Category.UNAUTHORIZED_API_CALLS);
        }
        boolean consoleLogin = selects(terms, "eventName", "ConsoleLogin");
        if (consoleLogin && (terms.contains(new Term("additionalEventData.MFAUsed", false, "Yes"))
                || selects(terms, "additionalEventData.MFAUsed", "No"))) {
            caught.add(Category.CONSOLE_SIGN_IN_WITHOUT_MFA);
        }
        if (consoleLogin && (selects(terms, "errorMessage", "Failed authentication")
                || selects(terms, "responseElements.ConsoleLogin", "Failure"))) {
            caught.add(Category.CONSOLE_AUTHENTICATION_FAILURES);
        }
        EVENT_NAMES.forEach((category, names) -> {
            if (names.stream().allMatch(name -> selects(terms, "eventName", name))) {
                caught.add(category);
            }
        });
        return List.copyOf(caught);
    }

    /** The pattern's terms, wherever they stand in it. */
    static List<Term> terms(String filterPattern) {
        List<Term> terms = new ArrayList<>();
        Matcher m = TERM.matcher(filterPattern);
        while (m.find()) {
            terms.add(new Term(m.group(1), m.group(2).equals("="), m.group(3) != null ? m.group(3) : m.group(4)));
        }
        return terms;
    }

    /** Whether a positive term on {@code field} catches {@code value} (its value equal, or a wildcard matching it). */
    private static boolean selects(List<Term> terms, String field, String value) {
        return terms.stream().anyMatch(t -> t.equals() && t.field().equals(field) && matches(t.value(), value));
    }

    /** CloudWatch Logs' wildcard: {@code *} stands for any characters, everything else is literal. */
    static boolean matches(String wildcard, String value) {
        StringBuilder regex = new StringBuilder();
        for (String part : wildcard.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return value.matches(regex.toString());
    }

    /** The ids of {@code categories}, as the evidence lists them. */
    public static List<String> ids(List<Category> categories) {
        return categories.stream().map(c -> c.id).toList();
    }
}
