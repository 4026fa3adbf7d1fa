package dev.vigil.bundle;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;

import java.security.KeyPair;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;

/**
 * PEM key files as the JWKs bundle signing works with: read by Vigil's one PEM reader ({@link
 * dev.vigil.common.keys.PemKeys}), then held to what ES256 needs, an EC key on curve P-256. A PKCS#8 file without its
 * public point (what the JDK writes) is fine: the point is derived from the private key.
 */
final class PemKeys {
    private PemKeys() {
    }

    static ECKey parsePrivate(String pem) {
        KeyPair pair = dev.vigil.common.keys.PemKeys.keyPair(pem, "the PEM file");
        if (!(pair.getPrivate() instanceof ECPrivateKey privateKey) || !(pair.getPublic() instanceof ECPublicKey publicKey)) {
            throw new IllegalArgumentException("the key is not an EC key on curve P-256 (prime256v1), which ES256 needs"
                    + " (it is " + pair.getPrivate().getAlgorithm() + ")");
        }
        // the public point of the file, when it carries one, is checked against the private key by BundleSigner
        return new ECKey.Builder(requireP256(Curve.forECParameterSpec(privateKey.getParams())), publicKey)
                .privateKey(privateKey).build();
    }

    /** A PEM file's {@code PUBLIC KEY} block (SubjectPublicKeyInfo) as a P-256 JWK. */
    static ECKey parsePublicPem(String pem) {
        PublicKey key = dev.vigil.common.keys.PemKeys.publicKey(pem, "the PEM file");
        if (!(key instanceof ECPublicKey ec)) {
            throw new IllegalArgumentException("the public key is not on curve P-256 (prime256v1), it is " + key.getAlgorithm());
        }
        return new ECKey.Builder(requireP256(Curve.forECParameterSpec(ec.getParams())), ec).build();
    }

    private static Curve requireP256(Curve curve) {
        if (!Curve.P_256.equals(curve)) {
            throw new IllegalArgumentException("the key is not on curve P-256 (prime256v1), which ES256 needs");
        }
        return curve;
    }
}
