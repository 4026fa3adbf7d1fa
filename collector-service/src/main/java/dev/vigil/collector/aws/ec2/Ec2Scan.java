package dev.vigil.collector.aws.ec2;

import dev.vigil.collector.aws.AwsErrors;
import dev.vigil.collector.aws.RegionalScan;
import dev.vigil.collector.spi.CollectionContext;
import dev.vigil.collector.spi.RawResponse;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVolumesResponse;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Volume;

import java.util.Map;

/** Reads one region of EC2: EBS encryption by default, every volume, every security group (all paginated). */
final class Ec2Scan extends RegionalScan<Ec2Client> {
    static final String EBS_DEFAULT = "aws.ec2.ebs-default-encryption";
    static final String VOLUME = "aws.ec2.volume";
    static final String SECURITY_GROUP = "aws.ec2.security-group";
    static final String PERMISSION_EBS_DEFAULT = "ec2:GetEbsEncryptionByDefault";
    static final String PERMISSION_VOLUMES = "ec2:DescribeVolumes";
    static final String PERMISSION_GROUPS = "ec2:DescribeSecurityGroups";
    /** EC2's answer for a group id it does not know (deleted since the event). */
    static final String GROUP_NOT_FOUND = "InvalidGroup.NotFound";
    private static final Logger LOG = Logger.getLogger(Ec2Scan.class);

    /** {@code ec2} is a client of {@code region}. */
    Ec2Scan(Ec2Client ec2, String accountId, String region) {
        super(ec2, accountId, region);
    }

    @Override
    public void run(CollectionContext context) {
        ebsDefaultEncryption(context);
        volumes(context);
        securityGroups(context);
    }

    private void ebsDefaultEncryption(CollectionContext context) {
        String key = key("ec2", "ebs-default-encryption");
        AwsErrors.read(context, EBS_DEFAULT, key, "read EBS encryption by default in " + region,
                        PERMISSION_EBS_DEFAULT, () -> client.getEbsEncryptionByDefault(r -> { }))
                .ifPresent(r -> context.evidence(EBS_DEFAULT, key,
                        Ec2Facts.ebsDefaultEncryption(region, r.ebsEncryptionByDefault()),
                        context.provenance("ec2:GetEbsEncryptionByDefault", Map.of("Region", region),
                                raw(context, "GetEbsEncryptionByDefault", null))));
    }

    private void volumes(CollectionContext context) {
        try {
            for (DescribeVolumesResponse page : client.describeVolumesPaginator(r -> { })) {
                RawResponse raw = raw(context, "DescribeVolumes", null);
                for (Volume v : page.volumes()) {
                    context.evidence(VOLUME, key("ec2", "volume/" + v.volumeId()), Ec2Facts.volume(region, v),
                            context.provenance("ec2:DescribeVolumes",
                                    Map.of("Region", region, "VolumeIds", v.volumeId()), raw));
                }
            }
        } catch (SdkException e) {
            context.failure(AwsErrors.failure(VOLUME, null, "list volumes in " + region, PERMISSION_VOLUMES, e));
        }
    }

    private void securityGroups(CollectionContext context) {
        try {
            for (DescribeSecurityGroupsResponse page : client.describeSecurityGroupsPaginator(r -> { })) {
                RawResponse raw = raw(context, "DescribeSecurityGroups", null);
                page.securityGroups().forEach(g -> publish(context, g, raw));
            }
        } catch (SdkException e) {
            context.failure(AwsErrors.failure(SECURITY_GROUP, null, "list security groups in " + region,
                    PERMISSION_GROUPS, e));
        }
    }

    /**
     * One security group (a targeted run), asked of DescribeSecurityGroups by its id: the item a full run publishes
     * for it. A group EC2 no longer knows (InvalidGroup.NotFound) publishes nothing, and the next full run retires it.
     */
    void securityGroup(CollectionContext context, String groupId) {
        try {
            var answer = client.describeSecurityGroups(r -> r.groupIds(groupId));
            RawResponse raw = raw(context, "DescribeSecurityGroups", null);
            // only the group asked for, whatever else an answer holds
            answer.securityGroups().stream().filter(g -> groupId.equals(g.groupId()))
                    .forEach(g -> publish(context, g, raw));
        } catch (SdkException e) {
            if (GROUP_NOT_FOUND.equals(AwsErrors.errorCode(e))) {
                LOG.infof("security group %s of account %s in %s does not exist any more: nothing to read", groupId,
                        accountId, region);
                return;
            }
            context.failure(AwsErrors.failure(SECURITY_GROUP, key("ec2", "security-group/" + groupId),
                    "describe security group " + groupId + " in " + region, PERMISSION_GROUPS, e));
        }
    }

    private void publish(CollectionContext context, SecurityGroup g, RawResponse raw) {
        context.evidence(SECURITY_GROUP, key("ec2", "security-group/" + g.groupId()),
                Ec2Facts.securityGroup(region, g), context.provenance("ec2:DescribeSecurityGroups",
                        Map.of("Region", region, "GroupIds", g.groupId()), raw));
    }
}
