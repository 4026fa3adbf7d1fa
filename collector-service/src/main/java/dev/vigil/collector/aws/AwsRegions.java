package dev.vigil.collector.aws;

import dev.vigil.collector.spi.CollectionContext;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Region;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** The regions a regional collector reads: the configured list, or every region enabled in the account. */
public final class AwsRegions {
    public static final String ALL = "all";
    public static final String PERMISSION = "ec2:DescribeRegions";

    private AwsRegions() {
    }

    /**
     * @param configured {@code vigil.aws.regions}: unset means the home region only; {@code all} means every
     *                   region DescribeRegions reports as enabled for the account
     * @return empty when the enabled regions could not be listed; each of {@code resourceTypes} is then reported
     * unreadable
     */
    public static Optional<List<String>> resolve(Optional<List<String>> configured, String home,
                                                 Supplier<Ec2Client> homeEc2, CollectionContext context,
                                                 List<String> resourceTypes) {
        List<String> regions = configured.filter(l -> !l.isEmpty()).orElse(List.of(home));
        if (!regions.contains(ALL)) {
            return Optional.of(regions.stream().map(String::trim).distinct().toList());
        }
        try (Ec2Client ec2 = homeEc2.get()) {
            // Without AllRegions, EC2 lists only the regions enabled for the account.
            return Optional.of(ec2.describeRegions().regions().stream().map(Region::regionName).sorted().toList());
        } catch (SdkException e) {
            resourceTypes.forEach(type -> context.failure(
                    AwsErrors.failure(type, null, "list the account's enabled regions", PERMISSION, e)));
            return Optional.empty();
        }
    }
}
