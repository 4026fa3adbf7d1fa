package dev.vigil.bundle;

import java.io.Closeable;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a period evidence bundle, a ZIP, to an {@link OutputStream} as it goes: each file is compressed and
 * hashed while its content is produced, and only its path, sha256, size and media type are kept. {@link #finish()}
 * then adds {@code signing-key.jwk.json}, {@code manifest.json} (listing every file, the key included) and
 * {@code manifest.jws}. Layout: docs/bundles.md.
 *
 * <pre>{@code
 * try (BundleWriter bundle = BundleWriter.open(response, signer, metadata)) {
 *     bundle.addFile("controls.csv", "text/csv", out -> csv.writeTo(out));
 *     bundle.addFile("evidence/raw/4be1….json", "application/json", store.open(sha));
 *     LedgerSegment.write(bundle, anchorPrevHash, firstSeq, records);
 *     bundle.finish();
 * }
 * }</pre>
 *
 * Not thread-safe. The target stream is never closed: the caller owns it (an HTTP response, a file).
 */
public final class BundleWriter implements Closeable {
    private final ZipOutputStream zip;
    private final ShieldedOutput shield;
    private final BundleSigner signer;
    private final BundleMetadata metadata;
    private final List<ManifestFile> files = new ArrayList<>();
    private final Map<String, String> pathsByCollisionKey = new HashMap<>();
    private boolean finished;
    private boolean closed;

    private BundleWriter(OutputStream target, BundleSigner signer, BundleMetadata metadata) {
        this.shield = new ShieldedOutput(Objects.requireNonNull(target, "target"));
        this.zip = new ZipOutputStream(shield, StandardCharsets.UTF_8);
        this.signer = Objects.requireNonNull(signer, "signer");
        this.metadata = Objects.requireNonNull(metadata, "metadata");
    }

    public static BundleWriter open(OutputStream target, BundleSigner signer, BundleMetadata metadata) {
        return new BundleWriter(target, signer, metadata);
    }

    /** Adds a file whose bytes are read from {@code content} (which this method does not close). */
    public ManifestFile addFile(String path, String mediaType, InputStream content) throws IOException {
        Objects.requireNonNull(content, "content");
        return addFile(path, mediaType, content::transferTo);
    }

    /** Adds a file whose bytes {@code content} writes. */
    public ManifestFile addFile(String path, String mediaType, EntryContent content) throws IOException {
        if (BundleLayout.WRITTEN_BY_FINISH.contains(path)) {
            throw new IllegalArgumentException("'" + path + "' is written by finish()");
        }
        return write(path, mediaType, content);
    }

    /** The files added so far, in order. */
    public List<ManifestFile> files() {
        return List.copyOf(files);
    }

    /**
     * Writes the public key, the manifest and its signature, and the ZIP's central directory. The target stream
     * stays open (flushed).
     */
    public BundleSummary finish() throws IOException {
        requireOpen();
        byte[] jwk = (signer.publicJwk().toJSONString() + "\n").getBytes(StandardCharsets.UTF_8);
        write(BundleLayout.PUBLIC_KEY, "application/jwk+json", out -> out.write(jwk));
        List<ManifestFile> listed = List.copyOf(files);
        // The manifest is written twice, never held: once to hash it (the hash goes in the signed header), once
        // into the ZIP while it streams into the signature. Both runs write the same bytes.
        DigestingOutputStream hashOnly = new DigestingOutputStream(OutputStream.nullOutputStream());
        Manifest.write(metadata, signer.keyId(), listed, hashOnly);
        String manifestSha256 = hashOnly.sha256Hex();
        startEntry(BundleLayout.MANIFEST);
        DigestingOutputStream manifestOut = new DigestingOutputStream(zip);
        String jws = signer.signDetached(manifestSha256, payload -> Manifest.write(metadata, signer.keyId(), listed,
                new Tee(manifestOut, payload)));
        zip.closeEntry();
        if (!manifestOut.sha256Hex().equals(manifestSha256)) {
            throw new IllegalStateException("manifest.json was not written the same way twice");
        }
        startEntry(BundleLayout.SIGNATURE);
        zip.write(jws.getBytes(StandardCharsets.US_ASCII));
        zip.closeEntry();
        zip.close(); // writes the central directory; the shield keeps the target open
        finished = true;
        closed = true;
        return new BundleSummary(manifestSha256, manifestOut.size(), signer.keyId(), listed.size(), jws);
    }

    /**
     * Releases the writer. After {@link #finish()} this does nothing more; without it (an error while writing) the
     * ZIP is left without manifest, signature or central directory, which no verifier accepts.
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (!finished) {
            shield.discard();
            zip.close();
        }
    }

    private ManifestFile write(String path, String mediaType, EntryContent content) throws IOException {
        requireOpen();
        String problem = BundleLayout.pathProblem(path);
        if (problem != null) {
            throw new IllegalArgumentException("invalid bundle path '" + path + "': " + problem);
        }
        if (mediaType == null || mediaType.isBlank()) {
            throw new IllegalArgumentException("media type of '" + path + "' must not be blank");
        }
        String clash = pathsByCollisionKey.putIfAbsent(BundleLayout.collisionKey(path), path);
        if (clash != null) {
            throw new IllegalArgumentException("duplicate bundle path '" + path + "'"
                    + (clash.equals(path) ? "" : " (same as '" + clash + "' ignoring case)"));
        }
        startEntry(path);
        DigestingOutputStream out = new DigestingOutputStream(zip);
        content.writeTo(out);
        zip.closeEntry();
        ManifestFile file = new ManifestFile(path, out.sha256Hex(), out.size(), mediaType);
        files.add(file);
        return file;
    }

    private void startEntry(String path) throws IOException {
        ZipEntry entry = new ZipEntry(path);
        entry.setTime(metadata.createdAt().toEpochMilli());
        zip.putNextEntry(entry);
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the bundle is already " + (finished ? "finished" : "closed"));
        }
    }

    /**
     * The caller's stream: never closed by the ZIP, and after an abort the ZIP's remaining bytes go nowhere.
     */
    private static final class ShieldedOutput extends FilterOutputStream {
        private boolean discard;

        ShieldedOutput(OutputStream out) {
            super(out);
        }

        void discard() {
            discard = true;
        }

        @Override
        public void write(int b) throws IOException {
            if (!discard) {
                out.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (!discard) {
                out.write(b, off, len);
            }
        }

        @Override
        public void flush() throws IOException {
            if (!discard) {
                out.flush();
            }
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    /** Writes to two streams; closing it closes neither. */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int x) throws IOException {
            a.write(x);
            b.write(x);
        }

        @Override
        public void write(byte[] bytes, int off, int len) throws IOException {
            a.write(bytes, off, len);
            b.write(bytes, off, len);
        }

        @Override
        public void flush() throws IOException {
            a.flush();
            b.flush();
        }
    }
}
