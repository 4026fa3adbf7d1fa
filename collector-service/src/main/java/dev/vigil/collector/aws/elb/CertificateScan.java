package dev.vigil.collector.aws.elb;

import dev.vigil.collector.aws.AwsErrors;
import dev.vigil.collector.aws.RegionalScan;
import dev.vigil.collector.spi.CollectionContext;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acm.model.CertificateSummary;
import software.amazon.awssdk.services.acm.model.KeyAlgorithm;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the ACM certificates of one region (ListCertificates, every page, every key algorithm: without the filter
 * ACM lists only RSA 2048 keys) and publishes one {@code aws.acm.certificate} each, with its expiry and whether it
 * is in use. The summary carries everything needed, so no certificate is described one by one.
 */
final class CertificateScan extends RegionalScan<AcmClient> {
    static final String CERTIFICATE = "aws.acm.certificate";
    static final String PERMISSION_LIST = "acm:ListCertificates";

    private final Instant now;

    /** {@code acm} is a client of {@code region}; {@code now} is the observation time expiry is judged against. */
    CertificateScan(AcmClient acm, String accountId, String region, Instant now) {
        super(acm, accountId, region);
        this.now = now;
    }

    @Override
    public void run(CollectionContext context) {
        List<KeyAlgorithm> every = KeyAlgorithm.knownValues().stream().sorted().toList();
        Optional<List<CertificateSummary>> certificates = AwsErrors.read(context, CERTIFICATE, key("acm", null),
                "list ACM certificates in " + region, PERMISSION_LIST,
                () -> client.listCertificatesPaginator(r -> r.includes(f -> f.keyTypes(every)))
                        .certificateSummaryList().stream()
                        .sorted(Comparator.comparing(CertificateSummary::certificateArn)).toList());
        var listed = raw(context, "ListCertificates", null);
        for (CertificateSummary certificate : certificates.orElse(List.of())) {
            String arn = certificate.certificateArn();
            String id = arn.substring(arn.lastIndexOf('/') + 1);
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("arn", arn);
            facts.put("domainName", certificate.domainName());
            facts.put("region", region);
            facts.put("status", certificate.statusAsString());
            facts.put("type", certificate.typeAsString());
            facts.put("inUse", Boolean.TRUE.equals(certificate.inUse()));
            facts.put("renewalEligibility", certificate.renewalEligibilityAsString());
            facts.put("notAfter", certificate.notAfter() == null ? null : certificate.notAfter().toString());
            facts.put("observedAt", now.toString());
            context.evidence(CERTIFICATE, key("acm", "certificate/" + id), facts,
                    context.provenance(PERMISSION_LIST, Map.of("Region", region), listed));
        }
    }
}
