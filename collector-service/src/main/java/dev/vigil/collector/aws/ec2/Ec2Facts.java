package dev.vigil.collector.aws.ec2;

import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.Ipv6Range;
import software.amazon.awssdk.services.ec2.model.PrefixListId;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;
import software.amazon.awssdk.services.ec2.model.Volume;
import software.amazon.awssdk.services.ec2.model.VolumeAttachment;

import java.util.LinkedHashMap;
import java.util.Map;

/** EC2's answers as facts: what AWS says, unjudged (which ports count as administrative is a rule's business). */
final class Ec2Facts {
    private Ec2Facts() {
    }

    static Map<String, Object> ebsDefaultEncryption(String region, Boolean enabled) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("region", region);
        facts.put("enabled", Boolean.TRUE.equals(enabled));
        return facts;
    }

    static Map<String, Object> volume(String region, Volume v) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("volumeId", v.volumeId());
        facts.put("region", region);
        facts.put("state", v.stateAsString());
        facts.put("sizeGiB", v.size());
        facts.put("encrypted", Boolean.TRUE.equals(v.encrypted()));
        facts.put("kmsKeyId", v.kmsKeyId());
        facts.put("attachedInstances", v.attachments().stream().map(VolumeAttachment::instanceId).sorted().toList());
        return facts;
    }

    /**
     * A security group with its inbound rules. {@code protocol} is EC2's: {@code tcp}, {@code udp}, {@code icmp},
     * a protocol number, or {@code -1} for all traffic; ports are null when the rule covers every port.
     */
    static Map<String, Object> securityGroup(String region, SecurityGroup g) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("groupId", g.groupId());
        facts.put("groupName", g.groupName());
        facts.put("vpcId", g.vpcId());
        facts.put("region", region);
        facts.put("ingress", g.ipPermissions().stream().map(Ec2Facts::permission).toList());
        return facts;
    }

    private static Map<String, Object> permission(IpPermission p) {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("protocol", p.ipProtocol());
        rule.put("fromPort", p.fromPort());
        rule.put("toPort", p.toPort());
        rule.put("ipv4Ranges", p.ipRanges().stream().map(IpRange::cidrIp).toList());
        rule.put("ipv6Ranges", p.ipv6Ranges().stream().map(Ipv6Range::cidrIpv6).toList());
        rule.put("sourceGroups", p.userIdGroupPairs().stream().map(UserIdGroupPair::groupId).toList());
        rule.put("prefixLists", p.prefixListIds().stream().map(PrefixListId::prefixListId).toList());
        return rule;
    }
}
