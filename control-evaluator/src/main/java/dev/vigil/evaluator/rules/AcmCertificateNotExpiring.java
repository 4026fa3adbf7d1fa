package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Rule;
import dev.vigil.evaluator.domain.Verdict;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Judged against the observation time carried in the facts, so the verdict depends on the evidence alone. */
@Singleton
public class AcmCertificateNotExpiring implements Rule {
    /**
     * ACM renews its own eligible certificates 60 days before they expire, so one within 30 days of expiry means
     * renewal failed or, for an imported certificate, that nobody has replaced it yet.
     */
    static final Duration MIN_VALIDITY = Duration.ofDays(30);

    @Override
    public String id() {
        return "aws.acm.certificate-not-expiring";
    }

    @Override
    public String resourceType() {
        return "aws.acm.certificate";
    }

    @Override
    public String description() {
        return "Every ACM certificate in use is valid for at least 30 more days.";
    }

    @Override
    public Verdict judge(Facts facts) {
        String name = "certificate " + facts.string("domainName") + " (" + facts.string("arn") + ")";
        if (!facts.bool("inUse")) {
            return Verdict.notApplicable(name + " is not used by any load balancer or other AWS service");
        }
        try {
            Instant notAfter = Instant.parse(facts.string("notAfter"));
            Instant observed = Instant.parse(facts.string("observedAt"));
            if (!notAfter.isAfter(observed)) {
                return Verdict.fail(name + " is in use but expired at " + notAfter);
            }
            long days = Duration.between(observed, notAfter).toDays();
            return Duration.between(observed, notAfter).compareTo(MIN_VALIDITY) < 0
                    ? Verdict.fail(name + " expires at " + notAfter + ", in " + days + " days")
                    : Verdict.pass(name + " is valid until " + notAfter + " (" + days + " days)");
        } catch (DateTimeParseException e) {
            return Verdict.unknown("a certificate time is not an instant: " + e.getParsedString());
        }
    }
}
