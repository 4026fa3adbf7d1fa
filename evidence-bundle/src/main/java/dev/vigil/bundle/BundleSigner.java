package dev.vigil.bundle;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import dev.vigil.common.keys.KeyFiles;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.SignatureException;
import java.text.ParseException;
import java.util.Base64;
import java.util.Objects;

/**
 * The key a bundle is signed with: ECDSA P-256, JWS algorithm {@code ES256}, computed by the JDK's own provider.
 * Its key id is the JWK thumbprint of the public key (RFC 7638, SHA-256, base64url), so anyone holding the public
 * key can recompute it.
 *
 * <p>Load it with {@link #load(Path)} from a private JWK (JSON) or a PEM file (PKCS#8 {@code PRIVATE KEY} or SEC1
 * {@code EC PRIVATE KEY}, as written by {@code openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256});
 * {@link #generate()} makes a fresh key for tests and the local demo.
 */
public final class BundleSigner {
    /** The only algorithm bundles are signed with. */
    public static final JWSAlgorithm ALGORITHM = JWSAlgorithm.ES256;
    /** JWS header parameter carrying the hex sha256 of manifest.json, so a changed manifest can be told from a
     * changed signature. It is protected by the signature like the rest of the header. */
    public static final String MANIFEST_SHA256_HEADER = "vigil-manifest-sha256";

    private final ECKey key;
    private final String keyId;

    private BundleSigner(ECKey privateKey) {
        if (!privateKey.isPrivate()) {
            throw new IllegalArgumentException("the signing key has no private part ('d')");
        }
        if (!Curve.P_256.equals(privateKey.getCurve())) {
            throw new IllegalArgumentException("the signing key must be on curve P-256 (ES256), not "
                    + privateKey.getCurve());
        }
        this.keyId = thumbprint(privateKey);
        this.key = new ECKey.Builder(privateKey).keyID(keyId).keyUse(KeyUse.SIGNATURE).algorithm(ALGORITHM).build();
        requireMatchingHalves();
    }

    /** A PEM or JWK file whose public point belongs to another key would sign bundles nobody can verify. */
    private void requireMatchingHalves() {
        byte[] probe = "vigil bundle signing key probe".getBytes(StandardCharsets.US_ASCII);
        try {
            Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
            signer.initSign(key.toECPrivateKey());
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
            verifier.initVerify(key.toECPublicKey());
            verifier.update(probe);
            if (!verifier.verify(signature)) {
                throw new IllegalArgumentException("the public point does not belong to the private key");
            }
        } catch (GeneralSecurityException | JOSEException e) {
            throw new IllegalArgumentException("unusable EC key: " + e.getMessage(), e);
        }
    }

    /** A new random P-256 key. */
    public static BundleSigner generate() {
        try {
            return new BundleSigner(new ECKeyGenerator(Curve.P_256).generate());
        } catch (JOSEException e) {
            throw new IllegalStateException("the JDK cannot generate P-256 keys", e);
        }
    }

    /** A signer for a private EC P-256 JWK. */
    public static BundleSigner fromJwk(ECKey privateKey) {
        return new BundleSigner(privateKey);
    }

    /**
     * Loads the private key from a file: a JWK (the file starts with <code>{</code>) or PEM. A PEM key must carry
     * its public point, as openssl writes it, or be followed by a {@code PUBLIC KEY} block in the same file. The file
     * must be readable by its owner only ({@link KeyFiles#readOwnerOnly}): a key file its group or others may read
     * is refused with {@link IllegalStateException} naming it and {@code chmod 600}.
     */
    public static BundleSigner load(Path file) throws IOException {
        // Refused, naming the file and chmod 600, when its group or others may read it.
        String text;
        try {
            text = KeyFiles.readOwnerOnly(file).strip();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        try {
            if (text.startsWith("{")) {
                return new BundleSigner(ECKey.parse(text));
            }
            return new BundleSigner(PemKeys.parsePrivate(text));
        } catch (ParseException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot read the bundle signing key " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a public key from a file, for a retired key whose private half is gone: a public JWK, or a PEM
     * {@code PUBLIC KEY} block ({@code openssl pkey -in key.pem -pubout}). A file holding a private key is refused:
     * configure it as a signing key, or keep only its public half.
     */
    public static ECKey loadPublic(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        try {
            ECKey key;
            if (text.startsWith("{")) {
                key = ECKey.parse(text);
                if (key.isPrivate()) {
                    throw new IllegalArgumentException("it holds a private key ('d'): keep only the public half");
                }
            } else {
                if (text.contains("PRIVATE KEY-----")) {
                    throw new IllegalArgumentException("it holds a private key: keep only the public half"
                            + " (openssl pkey -in key.pem -pubout)");
                }
                key = PemKeys.parsePublicPem(text);
            }
            if (!Curve.P_256.equals(key.getCurve())) {
                throw new IllegalArgumentException("the key must be on curve P-256 (ES256), not " + key.getCurve());
            }
            return key;
        } catch (ParseException e) {
            throw new IllegalArgumentException("cannot read the public key " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot read the public key " + file + ": " + e.getMessage(), e);
        }
    }

    /** RFC 7638 thumbprint (SHA-256, base64url) of the key's public part. */
    public static String thumbprint(ECKey key) {
        try {
            return key.toPublicJWK().computeThumbprint().toString();
        } catch (JOSEException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    public String keyId() {
        return keyId;
    }

    public JWSAlgorithm algorithm() {
        return ALGORITHM;
    }

    /** The public half, with {@code kid}, {@code use: sig} and {@code alg: ES256}: what a service publishes. */
    public ECKey publicJwk() {
        return key.toPublicJWK();
    }

    /**
     * Writes the private key as a JWK readable by {@link #load}, readable by the owner only where the file system
     * has POSIX permissions. For the local demo; production keys come from a secret store.
     */
    public void savePrivateJwk(Path file) throws IOException {
        try {
            KeyFiles.writeOwnerOnly(file, key.toJSONString());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Signs {@code payload} as a detached compact JWS ({@code header..signature}, RFC 7515 appendix F), streaming
     * the payload's base64url form into the signature so the payload is never held in memory.
     *
     * @param manifestSha256 hex sha256 of the payload, put in the protected header as {@link #MANIFEST_SHA256_HEADER}
     */
    String signDetached(String manifestSha256, EntryContent payload) throws IOException {
        JWSHeader header = new JWSHeader.Builder(ALGORITHM).keyID(keyId)
                .customParam(MANIFEST_SHA256_HEADER, Objects.requireNonNull(manifestSha256)).build();
        String encodedHeader = header.toBase64URL().toString();
        try {
            Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
            signature.initSign(key.toECPrivateKey());
            signature.update((encodedHeader + '.').getBytes(StandardCharsets.US_ASCII));
            try (OutputStream encoder = Base64.getUrlEncoder().withoutPadding().wrap(new SignatureSink(signature))) {
                payload.writeTo(encoder);
            }
            return encodedHeader + ".." + Base64URL.encode(signature.sign());
        } catch (GeneralSecurityException | JOSEException e) {
            throw new IllegalStateException("cannot sign with ES256: " + e.getMessage(), e);
        }
    }

    /** Feeds written bytes to a {@link Signature}. */
    private static final class SignatureSink extends OutputStream {
        private final Signature signature;

        SignatureSink(Signature signature) {
            this.signature = signature;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                signature.update(b, off, len);
            } catch (SignatureException e) {
                throw new IOException(e);
            }
        }
    }
}
