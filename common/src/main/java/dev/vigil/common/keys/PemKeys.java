package dev.vigil.common.keys;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

import java.io.IOException;
import java.io.StringReader;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The one reader of PEM key files, Bouncy Castle's PEM parser underneath: PKCS#8 ({@code BEGIN PRIVATE KEY}), PKCS#1
 * ({@code BEGIN RSA PRIVATE KEY}, as GitHub issues App keys), SEC1 ({@code BEGIN EC PRIVATE KEY}, with or without
 * {@code EC PARAMETERS}) and SubjectPublicKeyInfo ({@code BEGIN PUBLIC KEY}); RSA, EC and Ed25519. Keys come out as
 * the JDK's own key types, so callers sign and verify with the JDK or hand them on unchanged.
 *
 * <p>Error messages name the key ({@code where}: a file, "the GitHub App private key"), never its content. Encrypted
 * PEM is refused: Vigil reads keys from files only their owner can read ({@link KeyFiles}) or from a secret store.
 */
public final class PemKeys {
    private static final JcaPEMKeyConverter JDK_KEYS = new JcaPEMKeyConverter();

    private PemKeys() {
    }

    /** The file's private key. */
    public static PrivateKey privateKey(String pem, String where) {
        return keyPair(pem, where).getPrivate();
    }

    /**
     * The file's private key with its public key: from the file when it carries one (SEC1's optional field, a
     * {@code PUBLIC KEY} block beside it), otherwise derived from the private key (EC and RSA; an Ed25519 PKCS#8 file
     * without its public key gives a null public key).
     */
    public static KeyPair keyPair(String pem, String where) {
        PrivateKey privateKey = null;
        PublicKey publicKey = null;
        String unread = null;
        List<String> found = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            for (Object block = parser.readObject(); block != null; block = parser.readObject()) {
                found.add(block.getClass().getSimpleName());
                if (block instanceof PEMKeyPair pair) { // PKCS#1 RSA, SEC1 EC
                    privateKey = JDK_KEYS.getPrivateKey(pair.getPrivateKeyInfo());
                    if (pair.getPublicKeyInfo() != null) {
                        publicKey = JDK_KEYS.getPublicKey(pair.getPublicKeyInfo());
                    }
                } else if (block instanceof PrivateKeyInfo info) {
                    privateKey = JDK_KEYS.getPrivateKey(info);
                } else if (block instanceof SubjectPublicKeyInfo info) {
                    publicKey = JDK_KEYS.getPublicKey(info);
                } else if (!(block instanceof ASN1ObjectIdentifier)) { // ASN1ObjectIdentifier: EC PARAMETERS
                    unread = block.getClass().getSimpleName();
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(where + " is not a readable PEM key file: " + e.getMessage(), e);
        }
        if (unread != null) {
            throw new IllegalArgumentException(where + " holds a PEM block Vigil does not read as a key (" + unread
                    + "; encrypted keys are not read)");
        }
        if (privateKey == null) {
            throw new IllegalArgumentException(where + " holds no private key (PEM blocks found: "
                    + (found.isEmpty() ? "none" : String.join(", ", found)) + ")");
        }
        return new KeyPair(publicKey != null ? publicKey : derivedPublic(privateKey, where), privateKey);
    }

    /** The file's public key ({@code BEGIN PUBLIC KEY}, or the public half of a private key file). */
    public static PublicKey publicKey(String pem, String where) {
        List<String> found = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            for (Object block = parser.readObject(); block != null; block = parser.readObject()) {
                found.add(block.getClass().getSimpleName());
                if (block instanceof SubjectPublicKeyInfo info) {
                    return JDK_KEYS.getPublicKey(info);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(where + " is not a readable PEM key file: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException(where + " holds no PUBLIC KEY block (PEM blocks found: "
                + (found.isEmpty() ? "none" : String.join(", ", found)) + ")");
    }

    private static PublicKey derivedPublic(PrivateKey key, String where) {
        try {
            if (key instanceof ECPrivateKey ec) {
                var curve = org.bouncycastle.jcajce.provider.asymmetric.util.EC5Util.convertSpec(ec.getParams());
                var q = curve.getG().multiply(ec.getS()).normalize();
                return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(
                        new ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger()),
                        ec.getParams()));
            }
            if (key instanceof RSAPrivateCrtKey rsa) {
                return KeyFactory.getInstance("RSA").generatePublic(
                        new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
            }
            return null;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot derive the public key of " + where + ": " + e.getMessage(), e);
        }
    }
}
