package dev.vigil.collector.aws.guardduty;

import dev.vigil.collector.aws.AwsErrors;
import dev.vigil.collector.aws.RegionalScan;
import dev.vigil.collector.spi.CollectionContext;
import dev.vigil.collector.spi.RawResponse;
import dev.vigil.common.evidence.Provenance;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.guardduty.GuardDutyClient;
import software.amazon.awssdk.services.guardduty.model.GetDetectorResponse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads whether GuardDuty watches one region: its detector (a region has at most one per account) and the
 * detector's status. A region without a detector is a fact ({@code detectorId: null}), not a failure.
 */
final class GuardDutyScan extends RegionalScan<GuardDutyClient> {
    static final String REGION = "aws.guardduty.region";
    static final String PERMISSION_LIST = "guardduty:ListDetectors";
    static final String PERMISSION_GET = "guardduty:GetDetector";

    /** {@code guardDuty} is a client of {@code region}. */
    GuardDutyScan(GuardDutyClient guardDuty, String accountId, String region) {
        super(guardDuty, accountId, region);
    }

    @Override
    public void run(CollectionContext context) {
        String key = key("guardduty", null);
        Optional<List<String>> detectors = AwsErrors.read(context, REGION, key, "list GuardDuty detectors in " + region,
                PERMISSION_LIST, () -> client.listDetectorsPaginator(r -> { }).detectorIds().stream().sorted().toList());
        if (detectors.isEmpty()) {
            return;
        }
        if (detectors.get().isEmpty()) {
            context.evidence(REGION, key, facts(null, null), context.provenance("guardduty:ListDetectors",
                    Map.of("Region", region), raw(context, "ListDetectors", null)));
            return;
        }
        String id = detectors.get().get(0);
        // which detector the region has is read from the listing: cite it beside the detector
        RawResponse listed = raw(context, "ListDetectors", null);
        List<Provenance.Citation> supporting = listed == null ? List.of()
                : List.of(listed.cite("guardduty:ListDetectors", Map.of("Region", region)));
        try {
            GetDetectorResponse detector = client.getDetector(r -> r.detectorId(id));
            context.evidence(REGION, key, facts(id, detector), context.provenance("guardduty:GetDetector",
                    Map.of("Region", region, "DetectorId", id), raw(context, "GetDetector", id), supporting));
        } catch (SdkException e) {
            context.failure(AwsErrors.failure(REGION, key, "read GuardDuty detector " + id + " in " + region,
                    PERMISSION_GET, e));
        }
    }

    private Map<String, Object> facts(String detectorId, GetDetectorResponse detector) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("region", region);
        facts.put("detectorId", detectorId);
        facts.put("status", detector == null ? null : detector.statusAsString());
        facts.put("findingPublishingFrequency", detector == null ? null : detector.findingPublishingFrequencyAsString());
        return facts;
    }
}
