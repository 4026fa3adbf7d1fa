package dev.vigil.common;

import dev.vigil.common.evidence.Hashing;
import dev.vigil.common.store.EvidenceStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EvidenceStoreTest {
    @TempDir
    Path dir;

    @Test
    void blobsAreNamedByTheirSha256AndStoredOnce() throws Exception {
        EvidenceStore store = EvidenceStore.folder(dir);
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        String sha = store.put(body);
        assertThat(sha).isEqualTo(Hashing.sha256Hex(body));
        assertThat(store.put(body)).isEqualTo(sha);
        Path file = dir.resolve("sha256").resolve(sha.substring(0, 2)).resolve(sha);
        assertThat(Files.readAllBytes(file)).isEqualTo(body);
        assertThat(store.get(sha)).contains(body);
        try (var files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile).count()).isEqualTo(1);
        }
    }

    @Test
    void rejectsNamesThatAreNotHashes() {
        EvidenceStore store = EvidenceStore.folder(dir);
        assertThatThrownBy(() -> store.get("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.get("0".repeat(64))).isEmpty();
    }

    @Test
    void aStoreThatAnswersIsReachableAndOneThatFailsSaysWhereAndWhy(@TempDir Path dir) {
        assertThat(EvidenceStore.folder(dir).unreachable()).isEmpty();
        EvidenceStore failing = new EvidenceStore() {
            // unreachable() only looks up: a store that fails on every lookup needs nothing else
            public String put(byte[] bytes) {
                throw new AssertionError("unreachable() must not write");
            }

            public java.util.Optional<byte[]> get(String sha256) {
                throw new AssertionError("unreachable() must not read a blob");
            }

            public boolean contains(String sha256) {
                throw new java.io.UncheckedIOException(new java.io.IOException("HEAD s3://evidence/sha256/00/00… "
                        + "could not be sent: Connection refused"));
            }

            public String location() {
                return "s3://evidence/";
            }
        };
        assertThat(failing.unreachable()).contains("s3://evidence/ did not answer a lookup: HEAD s3://evidence/"
                + "sha256/00/00… could not be sent: Connection refused");
    }
}
