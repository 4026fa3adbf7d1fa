package dev.vigil.bundle;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Passes bytes on while counting them and hashing them with SHA-256; closing it leaves the target open. */
final class DigestingOutputStream extends FilterOutputStream {
    private final MessageDigest digest = sha256();
    private long size;

    DigestingOutputStream(OutputStream target) {
        super(target);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        digest.update((byte) b);
        size++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        digest.update(b, off, len);
        size += len;
    }

    @Override
    public void close() throws IOException {
        out.flush();
    }

    long size() {
        return size;
    }

    /** The hex sha256 of everything written; call once, at the end. */
    String sha256Hex() {
        return HexFormat.of().formatHex(digest.digest());
    }
}
