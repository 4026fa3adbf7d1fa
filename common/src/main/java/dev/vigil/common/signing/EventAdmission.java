package dev.vigil.common.signing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a consumer checks before it believes a record: its signature by a trusted key (unless verification was
 * turned off explicitly) and, once decoded, that the event's time is not further ahead of this clock than the
 * allowed skew. A status event dated next year would otherwise pin a control: "the newest event wins".
 */
public final class EventAdmission {
    private final Optional<EventVerifier> verifier;
    private final Duration maxClockSkew;
    private final Clock clock;

    public EventAdmission(Optional<EventVerifier> verifier, Duration maxClockSkew, Clock clock) {
        this.verifier = verifier;
        if (maxClockSkew.isNegative()) {
            throw new IllegalArgumentException("the clock skew allowed cannot be negative: " + maxClockSkew);
        }
        this.maxClockSkew = maxClockSkew;
        this.clock = clock;
    }

    public boolean verifying() {
        return verifier.isPresent();
    }

    /** @throws RejectedEventException with the verification's reason unless verified (or verification is off) */
    public void requireTrusted(byte[] value, byte[] signatureHeader, byte[] keyIdHeader) {
        if (verifier.isEmpty()) {
            return;
        }
        Verification v = verifier.get().verify(value, signatureHeader, keyIdHeader);
        if (!v.verified()) {
            throw new RejectedEventException(v.reason());
        }
    }

    /** @throws RejectedEventException (reason {@code FUTURE_TIME: ...}) when {@code eventTime} is too far ahead */
    public void requireNotFuture(Instant eventTime) {
        Instant now = clock.instant();
        if (eventTime.isAfter(now.plus(maxClockSkew))) {
            throw new RejectedEventException("FUTURE_TIME: event time " + eventTime + " is "
                    + Duration.between(now, eventTime).withNanos(0) + " ahead of this service's clock (" + now
                    + "), more than " + EventKeySettings.MAX_CLOCK_SKEW + " " + maxClockSkew);
        }
    }
}
