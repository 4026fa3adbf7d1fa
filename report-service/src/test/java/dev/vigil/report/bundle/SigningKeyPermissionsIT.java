package dev.vigil.report.bundle;

import dev.vigil.bundle.BundleSigner;
import dev.vigil.stack.Database;
import dev.vigil.stack.testing.TestServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The packaged service (target/quarkus-app) started as an operator starts it, against the real test broker and
 * database, with a bundle signing key file that others may read: it does not start, and says which file and how to
 * fix it.
 */
class SigningKeyPermissionsIT {
    static final Path APP = Path.of("target", "quarkus-app", "quarkus-run.jar");

    @TempDir
    Path dir;

    @Test
    void aSigningKeyFileOthersCanReadStopsTheServiceWithTheFix() throws Exception {
        assertThat(APP).exists();
        Path key = dir.resolve("bundle-signing.jwk.json");
        BundleSigner.generate().savePrivateJwk(key);
        assumeTrue(Files.getFileStore(key).supportsFileAttributeView("posix"));
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));

        Database db = TestServers.postgres();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString(), "-Xmx256m",
                "-Dquarkus.http.port=0",
                // loopback, and no event keys: the bundle key must be what stops it
                "-Dquarkus.http.host=127.0.0.1",
                "-Dvigil.events.signing.enabled=false",
                "-Dvigil.events.verification=off",
                "-Dquarkus.datasource.jdbc.url=" + db.jdbcUrl(),
                "-Dquarkus.datasource.username=" + db.username(),
                "-Dquarkus.datasource.password=" + db.password(),
                "-Dkafka.bootstrap.servers=" + TestServers.kafka().bootstrapServers(),
                "-Dvigil.evidence-store.path=" + dir.resolve("evidence"),
                "-Dvigil.bundles.signing-key=" + key,
                "-jar", APP.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("service.log").toFile()).start();
        boolean exited = process.waitFor(120, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String log = Files.readString(dir.resolve("service.log"), StandardCharsets.UTF_8);

        assertThat(exited).as("the service stops by itself; its log:\n" + log).isTrue();
        assertThat(process.exitValue()).as(log).isNotZero();
        assertThat(log).contains("key file " + key + " is rw-r--r--", "chmod 600 " + key);
        assertThat(log).doesNotContain("Listening on");
    }
}
