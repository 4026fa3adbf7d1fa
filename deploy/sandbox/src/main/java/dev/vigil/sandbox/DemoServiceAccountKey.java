package dev.vigil.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

/**
 * Writes a throwaway Google service account key for the sandbox: a fresh RSA key in the JSON shape the Google Cloud
 * console downloads, so the Workspace collector signs its assertions exactly as it would for real. Generated on
 * demand (nothing secret-looking is committed); the sandbox does not check signatures.
 * Usage: {@code java -cp vigil-sandbox.jar dev.vigil.sandbox.DemoServiceAccountKey <file> [key id]}.
 */
public final class DemoServiceAccountKey {
    public static final String CLIENT_EMAIL = "vigil-reader@acme-demo-sandbox.iam.gserviceaccount.com";

    private DemoServiceAccountKey() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: DemoServiceAccountKey <file> [key id]");
            System.exit(2);
        }
        write(Path.of(args[0]), args.length > 1 ? args[1] : "sandbox-key-1");
    }

    /** Writes the key file (owner-readable only where the file system allows) unless it exists. */
    public static Path write(Path file, String keyId) throws IOException {
        if (Files.exists(file)) {
            return file;
        }
        KeyPair pair;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            pair = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no RSA key generator: " + e.getMessage(), e);
        }
        // PEM lines of 64 characters, each newline written as the JSON escape \n, as in the console's key files.
        String base64 = Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded());
        StringBuilder pem = new StringBuilder("-----BEGIN PRIVATE KEY-----\\n");
        for (int i = 0; i < base64.length(); i += 64) {
            pem.append(base64, i, Math.min(base64.length(), i + 64)).append("\\n");
        }
        pem.append("-----END PRIVATE KEY-----\\n");
        String json = "{\n"
                + "  \"type\": \"service_account\",\n"
                + "  \"project_id\": \"acme-demo-sandbox\",\n"
                + "  \"private_key_id\": \"" + keyId + "\",\n"
                + "  \"private_key\": \"" + pem + "\",\n"
                + "  \"client_email\": \"" + CLIENT_EMAIL + "\",\n"
                + "  \"client_id\": \"100000000000000000001\",\n"
                + "  \"token_uri\": \"https://oauth2.googleapis.com/token\"\n"
                + "}\n";
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, json);
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: leave the default permissions
        }
        return file;
    }
}
