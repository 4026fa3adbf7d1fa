package dev.vigil.common.signing;

import dev.vigil.common.keys.KeyFiles;
import dev.vigil.common.keys.PemKeys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Base64;

/**
 * Ed25519 event keys as PEM files, the form {@code openssl genpkey -algorithm ed25519} writes: the private key
 * PKCS#8 ({@code BEGIN PRIVATE KEY}), the public key X.509 SubjectPublicKeyInfo ({@code BEGIN PUBLIC KEY},
 * {@code openssl pkey -pubout}). Private key files are read only when their owner alone can read them.
 *
 * <p>{@code java -cp vigil-common.jar dev.vigil.common.signing.Ed25519Keys <private.pem> <public.pem>} writes a new
 * pair unless the private file exists (deploy/local/up.sh generates one per publishing service this way).
 */
public final class Ed25519Keys {
    private static final String PRIVATE = "PRIVATE KEY";
    private static final String PUBLIC = "PUBLIC KEY";

    private Ed25519Keys() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: Ed25519Keys <private key file> <public key file>");
            System.exit(2);
        }
        Path privateFile = Path.of(args[0]);
        Path publicFile = Path.of(args[1]);
        if (!Files.exists(privateFile)) {
            writePair(generate(), privateFile, publicFile);
        } else if (!Files.exists(publicFile)) {
            // The JDK cannot derive an Ed25519 public key from a PKCS#8 file that does not carry it.
            System.err.println("private key " + privateFile + " exists but its public key " + publicFile
                    + " does not; delete the private key to generate a new pair");
            System.exit(1);
        }
    }

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(EventSignatures.ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM has no Ed25519 (Java 15 or newer needed): " + e.getMessage(), e);
        }
    }

    /** Writes the private key owner-only (0600) and the public key readable by all. */
    public static void writePair(KeyPair pair, Path privateFile, Path publicFile) {
        KeyFiles.writeOwnerOnly(privateFile, pem(PRIVATE, pair.getPrivate().getEncoded()));
        writePublic(publicFile, pair.getPublic());
    }

    public static void writePublic(Path publicFile, PublicKey key) {
        try {
            if (publicFile.toAbsolutePath().getParent() != null) {
                Files.createDirectories(publicFile.toAbsolutePath().getParent());
            }
            Files.writeString(publicFile, pem(PUBLIC, key.getEncoded()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write public key file " + publicFile + ": " + e.getMessage(), e);
        }
    }

    /** Refuses a file its group or others can read ({@link KeyFiles#readOwnerOnly}). */
    public static PrivateKey readPrivateKey(Path file) {
        return parsePrivateKey(KeyFiles.readOwnerOnly(file), file.toString());
    }

    public static PublicKey readPublicKey(Path file) {
        try {
            return parsePublicKey(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read public key file " + file + ": " + e.getMessage(), e);
        }
    }

    public static PrivateKey parsePrivateKey(String pem, String where) {
        PrivateKey key = PemKeys.privateKey(requirePem(pem, PRIVATE, where), where);
        if (!isEd25519(key.getAlgorithm())) {
            // the message names the file, never its content
            throw new IllegalArgumentException(where + " is not an Ed25519 private key (PKCS#8 PEM), it is "
                    + key.getAlgorithm());
        }
        return key;
    }

    public static PublicKey parsePublicKey(String pem, String where) {
        PublicKey key = PemKeys.publicKey(requirePem(pem, PUBLIC, where), where);
        if (!isEd25519(key.getAlgorithm())) {
            throw new IllegalArgumentException(where + " is not an Ed25519 public key (SubjectPublicKeyInfo PEM), it is "
                    + key.getAlgorithm());
        }
        return key;
    }

    public static String pem(PublicKey key) {
        return pem(PUBLIC, key.getEncoded());
    }

    private static String requirePem(String pem, String label, String where) {
        if (!pem.contains("-----BEGIN " + label + "-----")) {
            throw new IllegalArgumentException(where + " is not a PEM file with -----BEGIN " + label + "-----");
        }
        return pem;
    }

    /** The JDK names Ed25519 keys "EdDSA" (or "Ed25519" when asked for by that name). */
    private static boolean isEd25519(String algorithm) {
        return algorithm.equals("EdDSA") || algorithm.equals("Ed25519");
    }

    private static String pem(String label, byte[] der) {
        String base64 = Base64.getEncoder().encodeToString(der);
        StringBuilder out = new StringBuilder("-----BEGIN ").append(label).append("-----\n");
        for (int i = 0; i < base64.length(); i += 64) {
            out.append(base64, i, Math.min(base64.length(), i + 64)).append('\n');
        }
        return out.append("-----END ").append(label).append("-----\n").toString();
    }
}
