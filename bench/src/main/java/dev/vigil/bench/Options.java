package dev.vigil.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** Command-line options of {@link EvaluatorThroughput}. */
record Options(int events, int collections, int instances, String evaluatorHeap, List<String> evaluatorJavaOptions,
               Duration timeout, boolean keep, boolean help) {
    static final String USAGE = """
            usage: bench/run.sh [--events N] [--collections K] [--instances 1|2] [--evaluator-heap SIZE]
                                [--timeout-minutes M] [--keep]

              --events N            evidence events to publish and ingest (default 50000)
              --collections K       S3 accounts the events are spread over, one collection run each, published one
                                    after the other (default 4; 1 is the shape of the figures before 2026-12-04)
              --instances 1|2       2 (the default) also measures two evaluator processes in one consumer group
                                    storing the same events into a fresh database; 1 measures one only
              --evaluator-heap SIZE the evaluator's -Xmx, as deploy/local/up.sh gives it (default 384m)
              --timeout-minutes M   give up when the evaluator has not stored every event by then (default 30)
              --keep                keep the work directory (servers' data, evaluator.log) after a successful run

            Extra JVM options for the evaluator (a profiler, for instance) go in VIGIL_BENCH_EVALUATOR_JAVA_OPTS.
            """;

    static Options parse(String[] args) {
        int events = 50_000;
        int collections = 4;
        int instances = 2;
        String heap = "384m";
        long timeoutMinutes = 30;
        boolean keep = false;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--events" -> events = Integer.parseInt(value(args, ++i, "--events").replace("_", ""));
                case "--collections" -> collections = Integer.parseInt(value(args, ++i, "--collections"));
                case "--instances" -> instances = Integer.parseInt(value(args, ++i, "--instances"));
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
        if (collections < 1 || collections > events) {
            throw new IllegalArgumentException("--collections must be between 1 and --events");
        }
        if (instances != 1 && instances != 2) {
            throw new IllegalArgumentException("--instances must be 1 or 2");
        }
        String extra = System.getenv().getOrDefault("VIGIL_BENCH_EVALUATOR_JAVA_OPTS", "").trim();
        List<String> javaOptions = extra.isEmpty() ? List.of() : Arrays.asList(extra.split("\\s+"));
        return new Options(events, collections, instances, heap, javaOptions, Duration.ofMinutes(timeoutMinutes), keep,
                help);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
        }
        return args[i];
    }
}
