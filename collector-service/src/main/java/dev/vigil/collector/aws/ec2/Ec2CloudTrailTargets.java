package dev.vigil.collector.aws.ec2;

import dev.vigil.collector.aws.CloudTrailCall;
import dev.vigil.collector.aws.CloudTrailEventTargets;
import dev.vigil.collector.aws.CloudTrailTargets;
import dev.vigil.collector.spi.Target;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static dev.vigil.collector.aws.ec2.Ec2Collector.NAME;
import static dev.vigil.collector.aws.ec2.Ec2Collector.TARGET_SECURITY_GROUP;

/**
 * EC2 calls {@code aws-ec2} reads a security group again for, in the call's region: its inbound rules added, removed
 * or changed. The group is {@code requestParameters.groupId}, else the first rule's {@code groupId} in
 * {@code responseElements.securityGroupRuleSet} (a call naming the group by name), or for ModifySecurityGroupRules
 * {@code requestParameters.ModifySecurityGroupRulesRequest.GroupId}. Outbound rules are no fact of the item.
 */
public final class Ec2CloudTrailTargets implements CloudTrailTargets {
    static final Set<String> EVENTS = Set.of("AuthorizeSecurityGroupIngress", "RevokeSecurityGroupIngress",
            "ModifySecurityGroupRules");
    private static final Pattern GROUP = Pattern.compile("sg-[0-9a-z]{1,32}");

    @Override
    public String eventSource() {
        return "ec2.amazonaws.com";
    }

    @Override
    public Set<String> eventNames() {
        return EVENTS;
    }

    @Override
    public Map<String, String> ignored() {
        return Map.of("DeleteSecurityGroup", "a deleted group cannot be read; the next full run no longer lists it");
    }

    @Override
    public List<Target> targets(CloudTrailCall call) throws CloudTrailEventTargets.Malformed {
        String group = call.request("groupId")
                .or(() -> call.request("ModifySecurityGroupRulesRequest", "GroupId"))
                .or(() -> ruleGroup(call))
                .filter(g -> GROUP.matcher(g).matches())
                .orElseThrow(() -> call.malformed("security group"));
        return List.of(new Target(NAME, TARGET_SECURITY_GROUP, call.inRegion(group)));
    }

    private static java.util.Optional<String> ruleGroup(CloudTrailCall call) {
        var item = call.detail().path("responseElements").path("securityGroupRuleSet").path("items").path(0);
        return item.path("groupId").isTextual() ? java.util.Optional.of(item.path("groupId").asText())
                : java.util.Optional.empty();
    }
}
