package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Rule;
import dev.vigil.evaluator.domain.Verdict;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CM-03: changes to production's access and network raise an alarm someone receives. The CIS monitoring categories
 * that are changes to who may do what (IAM policies), to the audit log itself (CloudTrail's configuration) and to the
 * network around production (security groups, network ACLs, gateways, route tables, VPCs: CloudWatch.4, 5, 10–14).
 * KMS key, S3 bucket policy and AWS Config changes are read and shown, but not required: they protect data and
 * configuration recording more than they change production.
 */
@Singleton
public class CloudTrailProductionChangeAlarms implements Rule {
    static final Map<String, String> REQUIRED = new LinkedHashMap<>();

    static {
        REQUIRED.put("iam-policy-changes", "IAM policy changes");
        REQUIRED.put("cloudtrail-configuration-changes", "CloudTrail configuration changes");
        REQUIRED.put("security-group-changes", "security group changes");
        REQUIRED.put("nacl-changes", "network ACL changes");
        REQUIRED.put("network-gateway-changes", "network gateway changes");
        REQUIRED.put("route-table-changes", "route table changes");
        REQUIRED.put("vpc-changes", "VPC changes");
    }

    @Override
    public String id() {
        return "aws.cloudtrail.production-change-alarms";
    }

    @Override
    public String resourceType() {
        return "aws.cloudtrail.metric-alarms";
    }

    @Override
    public String description() {
        return "A CloudTrail trail recording every region delivers to a log group whose metric filters catch IAM "
                + "policy, CloudTrail, security group, network ACL, gateway, route table and VPC changes, each with an "
                + "alarm whose actions notify someone.";
    }

    @Override
    public Verdict judge(Facts facts) {
        return CloudTrailAlarmCoverage.judge(facts, REQUIRED, "production changes");
    }
}
