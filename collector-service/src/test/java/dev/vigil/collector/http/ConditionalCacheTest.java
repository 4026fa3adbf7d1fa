package dev.vigil.collector.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ConditionalCacheTest {
    private static final String CANARY = "ghp_VIGILCANARYcacheTest000000000000000001";
    private static final String URL = "https://api.github.com/orgs/acme/repos?per_page=100";

    private static ConditionalCache.Entry entry() {
        return new ConditionalCache.Entry(200, "W/\"abc\"", "application/json", "<x>; rel=\"next\"",
                ("[{\"name\":\"api\",\"description\":\"" + CANARY + "\"}]").getBytes(StandardCharsets.UTF_8));
    }

    private static List<byte[]> files(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> {
                try {
                    return Files.readAllBytes(f);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            }).toList();
        }
    }

    @Test
    void bodiesAreServedBackExactlyButStoredEncrypted(@TempDir Path dir) throws Exception {
        ConditionalCache cache = new ConditionalCache(ConditionalCache.Store.folder(dir), "token:1", ConditionalCache.generateKey());
        cache.put(URL, entry());
        ConditionalCache.Entry back = cache.get(URL).orElseThrow();
        assertThat(back.body()).isEqualTo(entry().body());
        assertThat(back.etag()).isEqualTo("W/\"abc\"");
        assertThat(back.link()).isEqualTo("<x>; rel=\"next\"");
        assertThat(files(dir)).singleElement().satisfies(bytes -> assertThat(new String(bytes, StandardCharsets.ISO_8859_1))
                .doesNotContain(CANARY, "VIGILCANARY", "api.github.com", "W/\"abc\"", "description"));
    }

    @Test
    void anotherKeyATamperedEntryOrAnEntryMovedToAnotherUrlIsAMiss(@TempDir Path dir) throws Exception {
        String key = Base64.getEncoder().encodeToString(new byte[32]);
        ConditionalCache cache = new ConditionalCache(ConditionalCache.Store.folder(dir), "token:1", ConditionalCache.key(key));
        cache.put(URL, entry());
        assertThat(new ConditionalCache(ConditionalCache.Store.folder(dir), "token:1", ConditionalCache.generateKey()).get(URL)).isEmpty();
        assertThat(new ConditionalCache(ConditionalCache.Store.folder(dir), "token:1", ConditionalCache.key(key)).get(URL)).isPresent();

        Path file;
        try (Stream<Path> files = Files.list(dir)) {
            file = files.findFirst().orElseThrow();
        }
        byte[] stored = Files.readAllBytes(file);
        // the same ciphertext under another URL's name does not decrypt (the name is authenticated)
        cache.put(URL + "&page=2", entry());
        Path other;
        try (Stream<Path> files = Files.list(dir)) {
            other = files.filter(f -> !f.equals(file)).findFirst().orElseThrow();
        }
        Files.write(other, stored);
        assertThat(cache.get(URL + "&page=2")).isEmpty();
        stored[stored.length - 1] ^= 1;
        Files.write(file, stored);
        assertThat(cache.get(URL)).isEmpty();
    }
}
