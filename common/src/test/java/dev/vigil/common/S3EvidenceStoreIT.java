package dev.vigil.common;

import dev.vigil.common.evidence.Hashing;
import dev.vigil.common.store.EvidenceStore;
import dev.vigil.common.store.EvidenceStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The S3 evidence store against a real S3-compatible server: S3Proxy with its filesystem backend, run from its
 * self-contained jar (copied to target/s3proxy by the build) in a process of its own. The store is opened the way the
 * services open it ({@link EvidenceStores#open}), credentials from the AWS SDK's default chain (here system
 * properties), path-style addressing as S3-compatible servers need.
 */
class S3EvidenceStoreIT {
    static final String IDENTITY = "vigil-test-identity";
    static final String CREDENTIAL = "vigil-test-credential";
    static final String BUCKET = "vigil-evidence";
    static Process s3proxy;
    static Path data;
    static URI endpoint;

    @BeforeAll
    static void startS3Proxy() throws Exception {
        Path jar = Path.of(System.getProperty("vigil.s3proxy.jar", "target/s3proxy/s3proxy.jar"));
        assertThat(jar).as("S3Proxy's jar (maven-dependency-plugin copies it before the integration tests)").exists();
        data = Files.createTempDirectory("vigil-s3proxy");
        Files.createDirectories(data.resolve("store").resolve(BUCKET)); // a bucket is a folder of the backend
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        endpoint = URI.create("http://127.0.0.1:" + port);
        Path conf = data.resolve("s3proxy.conf");
        Files.writeString(conf, String.join("\n",
                "s3proxy.endpoint=" + endpoint,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + IDENTITY,
                "s3proxy.credential=" + CREDENTIAL,
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + data.resolve("store")) + "\n");
        s3proxy = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
                "-jar", jar.toString(), "--properties", conf.toString())
                .redirectErrorStream(true).redirectOutput(data.resolve("s3proxy.log").toFile()).start();
        Instant until = Instant.now().plus(Duration.ofSeconds(60));
        while (!listening(port)) {
            if (!s3proxy.isAlive() || Instant.now().isAfter(until)) {
                throw new IllegalStateException("S3Proxy did not start: " + Files.readString(data.resolve("s3proxy.log")));
            }
            Thread.sleep(200);
        }
        System.setProperty("aws.accessKeyId", IDENTITY);
        System.setProperty("aws.secretAccessKey", CREDENTIAL);
    }

    @AfterAll
    static void stopS3Proxy() {
        if (s3proxy != null) {
            s3proxy.destroy();
        }
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    /** S3Proxy's filesystem backend encrypts nothing: as for any such server, server-side encryption is none. */
    static EvidenceStore store(String prefix) {
        return store(prefix, "none");
    }

    static EvidenceStore store(String prefix, String serverSideEncryption) {
        return EvidenceStores.open(new EvidenceStores.Settings("s3", "unused", Optional.of(BUCKET), prefix,
                "us-east-1", Optional.of(endpoint.toString()), true, serverSideEncryption, Optional.empty()));
    }

    @Test
    void blobsAreNamedByTheirSha256AndStoredOnceUnderThePrefix() throws IOException {
        EvidenceStore store = store("acme/evidence");
        byte[] body = "{\"bucket\": \"acme-backups\", \"encryption\": \"AES256\"}".getBytes(StandardCharsets.UTF_8);

        String sha = store.put(body);
        assertThat(sha).isEqualTo(Hashing.sha256Hex(body));
        assertThat(store.put(body)).isEqualTo(sha);
        assertThat(store.contains(sha)).isTrue();
        assertThat(store.get(sha)).contains(body);
        assertThat(store.location()).isEqualTo("s3://vigil-evidence/acme/evidence/");
        // the layout every store shares, under the prefix: what an auditor or a migration script can rely on
        try (var files = Files.walk(data.resolve("store").resolve(BUCKET))) {
            assertThat(files.filter(Files::isRegularFile).map(p -> data.resolve("store").resolve(BUCKET).relativize(p)
                    .toString().replace('\\', '/'))).contains("acme/evidence/sha256/" + sha.substring(0, 2) + "/" + sha);
        }
    }

    @Test
    void aBlobNotStoredIsAbsentAndANameThatIsNoHashIsRefused() {
        EvidenceStore store = store("");
        assertThat(store.contains("0".repeat(64))).isFalse();
        assertThat(store.get("0".repeat(64))).isEmpty();
        assertThatThrownBy(() -> store.get("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bytesAlteredInTheStoreAreNotServedAsEvidence() throws IOException {
        EvidenceStore store = store("tampered/");
        String sha = store.put("{\"mfa\": true}".getBytes(StandardCharsets.UTF_8));
        // someone with write access to the bucket rewrites the blob (here in S3Proxy's backend folder)
        Files.writeString(data.resolve("store").resolve(BUCKET).resolve("tampered/sha256/" + sha.substring(0, 2) + "/" + sha),
                "{\"mfa\": false}");
        assertThatThrownBy(() -> store.get(sha)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not hash to its name");
    }

    @Test
    void encryptionAServerCannotDoIsRefusedNamingWhatItAnswered() {
        // the store asks for what is configured (AES256, S3's own default for new objects since 2023) and never
        // falls back to storing evidence unencrypted by itself
        EvidenceStore store = store("encrypted/", "AES256");
        assertThatThrownBy(() -> store.put(new byte[] {4, 5, 6})).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("PUT s3://vigil-evidence/encrypted/sha256/").hasMessageContaining("501 NotImplemented");
    }

    @Test
    void aMissingBucketIsNamedWithWhatS3Answered() {
        EvidenceStore store = EvidenceStores.open(new EvidenceStores.Settings("s3", "unused", Optional.of("no-such-bucket"),
                "", "us-east-1", Optional.of(endpoint.toString()), true, "none", Optional.empty()));
        assertThatThrownBy(() -> store.put(new byte[] {1, 2, 3})).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("s3://no-such-bucket/sha256/").hasMessageContaining("404");
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
