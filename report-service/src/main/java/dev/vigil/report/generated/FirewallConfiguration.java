package dev.vigil.report.generated;

import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * COM-10's firewall configuration: every security group of every region read, with each of its inbound rules
 * (protocol, ports and every source: IPv4 and IPv6 ranges, security groups, prefix lists). A group without inbound
 * rules is listed too, as admitting nothing.
 */
@Singleton
public class FirewallConfiguration implements DocumentGenerator {
    static final String SECURITY_GROUP = "aws.ec2.security-group";

    @Override
    public String controlId() {
        return "COM-10";
    }

    @Override
    public String documentType() {
        return "firewall-configuration";
    }

    @Override
    public List<String> resourceTypes() {
        return List.of(SECURITY_GROUP);
    }

    @Override
    public String describes() {
        return "Every EC2 security group with each inbound rule: protocol (-1: all traffic), ports (null: all) and "
                + "sources (IPv4 and IPv6 ranges, security groups, prefix lists). Outbound rules and network ACLs are "
                + "not collected.";
    }

    @Override
    public List<Map<String, Object>> entries(SourceData data) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (SourceResource group : data.of(SECURITY_GROUP)) {
            List<Map<String, Object>> ingress = Entry.objects(group, "ingress");
            if (ingress.isEmpty()) {
                out.add(group(group).with("protocol", null).with("fromPort", null).with("toPort", null)
                        .with("sources", List.of()).with("note", "no inbound rule: admits nothing").from(group));
            }
            for (Map<String, Object> rule : ingress) {
                List<Object> sources = new ArrayList<>();
                for (String kind : List.of("ipv4Ranges", "ipv6Ranges", "sourceGroups", "prefixLists")) {
                    if (rule.get(kind) instanceof List<?> l) {
                        sources.addAll(l);
                    }
                }
                out.add(group(group).with("protocol", rule.get("protocol")).with("fromPort", rule.get("fromPort"))
                        .with("toPort", rule.get("toPort")).with("sources", sources).with("note", null).from(group));
            }
        }
        return out;
    }

    private static Entry group(SourceResource g) {
        return Entry.of("account", Entry.awsAccount(g)).with("region", g.text("region"))
                .with("groupId", g.text("groupId")).with("groupName", g.text("groupName"))
                .with("vpcId", g.text("vpcId"));
    }
}
