package dev.vigil.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** Command-line options of {@link EvaluatorThroughput}. */
record Options(int events, String evaluatorHeap, List<String> evaluatorJavaOptions, Duration timeout, boolean keep,
               boolean help) {
    static final String USAGE = """
            usage: bench/run.sh [--events N] [--evaluator-heap SIZE] [--timeout-minutes M] [--keep]

              --events N            evidence events to publish and ingest (default 50000)
              --evaluator-heap SIZE the evaluator's -Xmx, as deploy/local/up.sh gives it (default 384m)
              --timeout-minutes M   give up when the evaluator has not stored every event by then (default 30)
              --keep                keep the work directory (servers' data, evaluator.log) after a successful run

            Extra JVM options for the evaluator (a profiler, for instance) go in VIGIL_BENCH_EVALUATOR_JAVA_OPTS.
            """;

    static Options parse(String[] args) {
        int events = 50_000;
        String heap = "384m";
        long timeoutMinutes = 30;
        boolean keep = false;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--events" -> events = Integer.parseInt(value(args, ++i, "--events").replace("_", ""));
                case "--evaluator-heap" -> heap = value(args, ++i, "--evaluator-heap");
                case "--timeout-minutes" -> timeoutMinutes = Long.parseLong(value(args, ++i, "--timeout-minutes"));
                case "--keep" -> keep = true;
                case "-h", "--help" -> help = true;
                default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'\n" + USAGE);
            }
        }
        if (events < 1) {
            throw new IllegalArgumentException("--events must be at least 1");
        }
        String extra = System.getenv().getOrDefault("VIGIL_BENCH_EVALUATOR_JAVA_OPTS", "").trim();
        List<String> javaOptions = extra.isEmpty() ? List.of() : Arrays.asList(extra.split("\\s+"));
        return new Options(events, heap, javaOptions, Duration.ofMinutes(timeoutMinutes), keep, help);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
        }
        return args[i];
    }
}
