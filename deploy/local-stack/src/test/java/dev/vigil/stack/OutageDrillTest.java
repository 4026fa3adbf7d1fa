package dev.vigil.stack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class OutageDrillTest {
    @TempDir
    Path runDir;

    private final List<String> calls = new CopyOnWriteArrayList<>();

    private OutageDrill.Restartable server(String name) {
        return new OutageDrill.Restartable() {
            @Override
            public void stop() {
                calls.add("stop " + name);
            }

            @Override
            public void start() {
                calls.add("start " + name);
            }
        };
    }

    private String ask(String id, String body) throws Exception {
        // Written whole, then renamed, as deploy/local/outage.sh does: the drill may list the folder at any moment and
        // would read a request file still empty.
        Path tmp = Files.writeString(runDir.resolve("outage-" + id + ".tmp"), body);
        Files.move(tmp, runDir.resolve("outage-" + id + ".request"), StandardCopyOption.ATOMIC_MOVE);
        Path done = runDir.resolve("outage-" + id + ".done");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!Files.exists(done) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return Files.readString(done).strip();
    }

    @Test
    void stopsTheNamedServerForTheSecondsAskedThenStartsItAgain() throws Exception {
        try (OutageDrill drill = new OutageDrill(runDir, Map.of("kafka", server("kafka"), "postgres", server("postgres")),
                m -> { })) {
            drill.start();
            long t0 = System.nanoTime();
            String outcome = ask("a1", "kafka 1\n");
            assertThat(outcome).startsWith("ok: kafka stopped at ").contains(", running again at ");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
            assertThat(calls).containsExactly("stop kafka", "start kafka");
            assertThat(runDir.resolve("outage-a1.request")).doesNotExist();
        }
    }

    @Test
    void refusesWhatItCannotDoAndSaysWhy() throws Exception {
        try (OutageDrill drill = new OutageDrill(runDir, Map.of("kafka", server("kafka")), m -> { })) {
            drill.start();
            assertThat(ask("b1", "postgres 5")).isEqualTo("refused: expected '<server> <seconds>' with a server of "
                    + "[kafka], got 'postgres 5'");
            assertThat(ask("b2", "kafka soon")).startsWith("refused:").contains("got 'kafka soon'");
            assertThat(calls).isEmpty();
        }
    }

    @Test
    void aServerThatDoesNotStartAgainIsReported() throws Exception {
        OutageDrill.Restartable broken = new OutageDrill.Restartable() {
            @Override
            public void stop() {
            }

            @Override
            public void start() {
                throw new IllegalStateException("port 9092 on 127.0.0.1 is taken");
            }
        };
        try (OutageDrill drill = new OutageDrill(runDir, Map.of("kafka", broken), m -> { })) {
            drill.start();
            assertThat(ask("c1", "kafka 0")).startsWith("failed: kafka stopped at ")
                    .endsWith("and did not start again: port 9092 on 127.0.0.1 is taken");
        }
    }
}
