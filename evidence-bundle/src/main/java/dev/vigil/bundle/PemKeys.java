package dev.vigil.bundle;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an EC P-256 private key from PEM without a crypto library beyond the JDK. The JDK parses PKCS#8 but cannot
 * derive the public point from the private scalar, so the point is taken from the key's own optional
 * {@code publicKey} field (openssl always writes it) or from a {@code PUBLIC KEY} block in the same file.
 */
final class PemKeys {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");
    /** DER of OID 1.2.840.10045.2.1 (id-ecPublicKey) and 1.2.840.10045.3.1.7 (prime256v1, P-256). */
    private static final byte[] EC_PUBLIC_KEY_OID = {0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};
    private static final byte[] P256_OID = {0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x03, 0x01, 0x07};

    private PemKeys() {
    }

    static ECKey parsePrivate(String pem) {
        byte[] sec1 = null;
        ECPublicKey publicBlock = null;
        List<String> seen = new ArrayList<>();
        Matcher m = BLOCK.matcher(pem);
        while (m.find()) {
            String type = m.group(1);
            byte[] der = Base64.getMimeDecoder().decode(m.group(2));
            seen.add(type);
            switch (type) {
                case "PRIVATE KEY" -> sec1 = unwrapPkcs8(der);
                case "EC PRIVATE KEY" -> sec1 = der;
                case "PUBLIC KEY" -> publicBlock = parsePublic(der);
                case "EC PARAMETERS" -> requireP256(new Der(der).next(0x06).content());
                default -> throw new IllegalArgumentException("unexpected PEM block '" + type + "'");
            }
        }
        if (sec1 == null) {
            throw new IllegalArgumentException("no 'PRIVATE KEY' or 'EC PRIVATE KEY' PEM block (found " + seen + ")");
        }
        return fromSec1(sec1, publicBlock);
    }

    /** A PEM file's {@code PUBLIC KEY} block (SubjectPublicKeyInfo) as a P-256 JWK. */
    static ECKey parsePublicPem(String pem) {
        Matcher m = BLOCK.matcher(pem);
        while (m.find()) {
            if (m.group(1).equals("PUBLIC KEY")) {
                ECPublicKey key = parsePublic(Base64.getMimeDecoder().decode(m.group(2)));
                Curve curve = Curve.forECParameterSpec(key.getParams());
                if (!Curve.P_256.equals(curve)) {
                    throw new IllegalArgumentException("the public key is not on curve P-256 (prime256v1)");
                }
                return new ECKey.Builder(curve, key).build();
            }
        }
        throw new IllegalArgumentException("no 'PUBLIC KEY' PEM block");
    }

    /** PrivateKeyInfo ::= SEQUENCE { version, AlgorithmIdentifier { id-ecPublicKey, curve }, OCTET STRING } */
    private static byte[] unwrapPkcs8(byte[] der) {
        Der info = new Der(der).next(0x30).inner();
        info.next(0x02);
        Der algorithm = info.next(0x30).inner();
        if (!Arrays.equals(algorithm.next(0x06).content(), EC_PUBLIC_KEY_OID)) {
            throw new IllegalArgumentException("the PKCS#8 key is not an EC key");
        }
        requireP256(algorithm.next(0x06).content());
        return info.next(0x04).content();
    }

    /** ECPrivateKey ::= SEQUENCE { version 1, OCTET STRING d, [0] curve OPTIONAL, [1] BIT STRING point OPTIONAL } */
    private static ECKey fromSec1(byte[] der, ECPublicKey publicBlock) {
        Der key = new Der(der).next(0x30).inner();
        key.next(0x02);
        byte[] d = fixedLength(key.next(0x04).content());
        byte[] point = null;
        while (key.hasMore()) {
            Der field = key.next(-1);
            if (field.tag() == 0xa0) {
                requireP256(field.inner().next(0x06).content());
            } else if (field.tag() == 0xa1) {
                byte[] bits = field.inner().next(0x03).content();
                point = Arrays.copyOfRange(bits, 1, bits.length);
            }
        }
        ECKey.Builder builder;
        if (point != null) {
            if (point.length != 65 || point[0] != 0x04) {
                throw new IllegalArgumentException("the public point is not an uncompressed P-256 point");
            }
            builder = new ECKey.Builder(Curve.P_256, Base64URL.encode(Arrays.copyOfRange(point, 1, 33)),
                    Base64URL.encode(Arrays.copyOfRange(point, 33, 65)));
        } else if (publicBlock != null) {
            builder = new ECKey.Builder(Curve.P_256, publicBlock);
        } else {
            throw new IllegalArgumentException("the PEM key has no public point: add its 'PUBLIC KEY' block"
                    + " (openssl pkey -in key.pem -pubout) to the same file");
        }
        return builder.d(Base64URL.encode(d)).build();
    }

    private static ECPublicKey parsePublic(byte[] spki) {
        try {
            return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spki));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("the 'PUBLIC KEY' block is not an EC public key", e);
        }
    }

    private static void requireP256(byte[] curveOid) {
        if (!Arrays.equals(curveOid, P256_OID)) {
            throw new IllegalArgumentException("the key is not on curve P-256 (prime256v1), which ES256 needs");
        }
    }

    /** The private scalar as exactly 32 bytes, as JWK's "d" wants it. */
    private static byte[] fixedLength(byte[] d) {
        if (d.length == 32) {
            return d;
        }
        byte[] out = new byte[32];
        int skip = 0;
        while (d.length - skip > 32 && d[skip] == 0) {
            skip++;
        }
        if (d.length - skip > 32) {
            throw new IllegalArgumentException("the private scalar is longer than 32 bytes");
        }
        System.arraycopy(d, skip, out, 32 - (d.length - skip), d.length - skip);
        return out;
    }

    /** A cursor over DER elements: just enough of ASN.1 for key files. */
    private static final class Der {
        private final byte[] bytes;
        private int pos;
        private int tag = -1;
        private int start;
        private int end;

        Der(byte[] bytes) {
            this(bytes, 0, bytes.length);
        }

        private Der(byte[] bytes, int from, int to) {
            this.bytes = Arrays.copyOfRange(bytes, from, to);
        }

        boolean hasMore() {
            return pos < bytes.length;
        }

        /** Moves to the next element, which must have {@code expectedTag} (or any tag when -1). */
        Der next(int expectedTag) {
            if (pos + 2 > bytes.length) {
                throw new IllegalArgumentException("truncated DER");
            }
            tag = bytes[pos++] & 0xff;
            if (expectedTag >= 0 && tag != expectedTag) {
                throw new IllegalArgumentException(String.format("unexpected DER tag 0x%02x, expected 0x%02x",
                        tag, expectedTag));
            }
            int length = bytes[pos++] & 0xff;
            if (length > 0x80) {
                int octets = length & 0x7f;
                if (octets > 3 || pos + octets > bytes.length) {
                    throw new IllegalArgumentException("bad DER length");
                }
                length = 0;
                for (int i = 0; i < octets; i++) {
                    length = (length << 8) | (bytes[pos++] & 0xff);
                }
            } else if (length == 0x80) {
                throw new IllegalArgumentException("indefinite DER length");
            }
            if (pos + length > bytes.length) {
                throw new IllegalArgumentException("truncated DER");
            }
            start = pos;
            end = pos + length;
            pos = end;
            return this;
        }

        int tag() {
            return tag;
        }

        byte[] content() {
            return Arrays.copyOfRange(bytes, start, end);
        }

        /** A cursor over the current element's content. */
        Der inner() {
            return new Der(bytes, start, end);
        }
    }
}
