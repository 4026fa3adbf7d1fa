package dev.vigil.collector.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Recorded responses kept beside the tests, under src/test/resources/<TestClass>/. */
public final class Fixtures {
    private Fixtures() {
    }

    public static byte[] bytes(Class<?> test, String name) {
        String path = "/" + test.getSimpleName() + "/" + name;
        try (InputStream in = test.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(Class<?> test, String name) {
        return new String(bytes(test, name), java.nio.charset.StandardCharsets.UTF_8);
    }
}
