package dev.vigil.bench;

import dev.vigil.common.signing.EventSigner;
import dev.vigil.common.signing.EventVerifier;
import dev.vigil.common.signing.Verification;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What checking one record's signature costs on one core, alone: {@link EventVerifier} over records of the
 * benchmark's average size, signed with the bench key. Every consumer that admits evidence pays it per record, so
 * with the raw baseline's CPU per event it bounds what any admitting consumer can reach on this machine.
 */
final class SignatureCost {
    private static final int RECORDS = 500;
    private static final int CHECKS = 5_000;
    private static final int ROUNDS = 3;

    private SignatureCost() {
    }

    /** Nanoseconds per check, the best of {@value #ROUNDS} rounds of {@value #CHECKS} after one round to warm up. */
    static long nanosPerCheck(EventSigner signer, EventVerifier verifier, int recordBytes) {
        byte[][] values = new byte[RECORDS][];
        String[] signatures = new String[RECORDS];
        for (int i = 0; i < RECORDS; i++) {
            char[] filler = new char[Math.max(1, recordBytes - 16)];
            Arrays.fill(filler, (char) ('a' + i % 26));
            values[i] = ("{\"n\":" + i + ",\"v\":\"" + new String(filler) + "\"}").getBytes(StandardCharsets.UTF_8);
            signatures[i] = signer.sign(values[i]);
        }
        long best = Long.MAX_VALUE;
        for (int round = 0; round <= ROUNDS; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < CHECKS; i++) {
                int k = i % RECORDS;
                Verification v = verifier.verify(values[k], signatures[k], signer.keyId());
                if (!v.verified()) {
                    throw new IllegalStateException("the bench key's own signature did not verify: " + v);
                }
            }
            long perCheck = (System.nanoTime() - start) / CHECKS;
            if (round > 0) { // round 0 warms up
                best = Math.min(best, perCheck);
            }
        }
        return best;
    }
}
