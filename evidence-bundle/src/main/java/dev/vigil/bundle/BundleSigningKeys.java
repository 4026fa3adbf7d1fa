package dev.vigil.bundle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A service's bundle signing keys: the current key and the retired ones, each with its validity. Retired keys need
 * only their public half (their private half may, and should, be destroyed); the key that signs a bundle is the
 * newest key (latest {@code notBefore}) valid at the bundle's creation time that has its private half. The public
 * halves with their validity are the {@link #keySet()} a service publishes.
 *
 * <p>A key without {@code notAfter} that is followed by a newer key is valid until the newer key's {@code notBefore}:
 * a rotation is configured by adding the new key with its {@code notBefore}, nothing else. The published validity
 * is the one so derived.
 */
public final class BundleSigningKeys {
    /** One key: its public half and validity, and its private half if this service still holds it. */
    public record Entry(BundleKey key, BundleSigner signer) {
        public Entry {
            Objects.requireNonNull(key, "key");
            if (signer != null && !signer.keyId().equals(key.kid())) {
                throw new IllegalArgumentException("signer " + signer.keyId() + " is not key " + key.kid());
            }
        }

        /** A key this service signs with, for its validity. */
        public static Entry signing(BundleSigner signer, Instant notBefore, Instant notAfter) {
            return new Entry(BundleKey.of(signer, notBefore, notAfter), signer);
        }

        /** A retired key: public half only. */
        public static Entry retired(BundleKey key) {
            return new Entry(key, null);
        }
    }

    private final List<Entry> entries;
    private final BundleKeySet keySet;

    private BundleSigningKeys(List<Entry> given) {
        if (given.isEmpty()) {
            throw new IllegalArgumentException("no bundle signing key");
        }
        List<Entry> sorted = new ArrayList<>(given);
        sorted.sort(Comparator.comparing((Entry e) -> e.key().notBefore(),
                Comparator.nullsFirst(Comparator.naturalOrder())));
        for (int i = 0; i + 1 < sorted.size(); i++) {
            if (Objects.equals(sorted.get(i).key().notBefore(), sorted.get(i + 1).key().notBefore())) {
                throw new IllegalArgumentException("keys " + sorted.get(i).key().kid() + " and "
                        + sorted.get(i + 1).key().kid() + " have the same notBefore ("
                        + (sorted.get(i).key().notBefore() == null ? "none" : sorted.get(i).key().notBefore())
                        + "): which one signs would be ambiguous");
            }
        }
        List<Entry> derived = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            Entry e = sorted.get(i);
            BundleKey key = e.key();
            if (key.notAfter() == null && i + 1 < sorted.size()) {
                key = key.withValidity(key.notBefore(), sorted.get(i + 1).key().notBefore());
            }
            derived.add(new Entry(key, e.signer()));
        }
        this.entries = List.copyOf(derived);
        this.keySet = BundleKeySet.of(derived.stream().map(Entry::key).toList());
    }

    public static BundleSigningKeys of(List<Entry> entries) {
        return new BundleSigningKeys(List.copyOf(entries));
    }

    /** One key, valid from the start and open-ended: the single-key configuration of old. */
    public static BundleSigningKeys single(BundleSigner signer) {
        return of(List.of(Entry.signing(signer, null, null)));
    }

    /** Every key, oldest first, with its validity as published. */
    public List<Entry> entries() {
        return entries;
    }

    /** The public halves with their validity: what the service publishes and an auditor pins. */
    public BundleKeySet keySet() {
        return keySet;
    }

    /**
     * The signer of a bundle created at {@code createdAt}: the newest key valid then whose private half is here.
     * {@link IllegalStateException} says why there is none.
     */
    public BundleSigner signerAt(Instant createdAt) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            Entry e = entries.get(i);
            if (e.signer() != null && e.key().validAt(createdAt)) {
                return e.signer();
            }
        }
        String valid = entries.stream().filter(e -> e.key().validAt(createdAt)).map(e -> e.key().kid())
                .collect(Collectors.joining(", "));
        throw new IllegalStateException("no bundle signing key with its private key is valid at " + createdAt
                + (valid.isEmpty() ? " (no configured key covers that time: configure the next key)"
                : " (key " + valid + " is, but only its public key is configured)") + "; keys: " + describe());
    }

    /** "kid (from … until …), …", for messages and logs. */
    public String describe() {
        return entries.stream().map(e -> e.key().kid() + " " + e.key().describeValidity()
                        + (e.signer() == null ? ", public key only" : ""))
                .collect(Collectors.joining("; "));
    }
}
