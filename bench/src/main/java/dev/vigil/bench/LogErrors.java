package dev.vigil.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The ERROR lines of a service's log, grouped: numbers (sizes, offsets, times, object ids) become '#', so one failure repeated
 * every evaluation tick is one line with a count. Says why a run did not settle without opening the log.
 */
final class LogErrors {
    private static final int WIDTH = 220;

    private LogErrors() {
    }

    /** The {@code max} most frequent, each as "N x message". */
    static List<String> summarise(Path log, int max) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        try (Stream<String> lines = Files.lines(log)) {
            lines.filter(l -> l.contains(" ERROR ")).forEach(l -> {
                String message = l.substring(l.indexOf(" ERROR ") + 1).replaceAll("@[0-9a-f]+", "@#")
                        .replaceAll("[0-9]+", "#");
                counts.merge(message.length() > WIDTH ? message.substring(0, WIDTH) + "…" : message, 1, Integer::sum);
            });
        } catch (IOException | RuntimeException e) {
            return List.of("(cannot read " + log + ": " + e + ")");
        }
        List<String> out = new ArrayList<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(max)
                .forEach(e -> out.add(e.getValue() + " x " + e.getKey()));
        return out;
    }
}
