package dev.vigil.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** Command-line options of {@link PipelineUnderLoad}. */
record PipelineOptions(LargeOrganisation.Sizes sizes, String heap, int statusMaxBytes, int providerLatencyMillis,
                       Duration timeout, boolean keep, boolean help) {
    static final String USAGE = """
            usage: bench/pipeline.sh [--repos N] [--users N] [--buckets N] [--service-heap SIZE]
                                     [--status-max-bytes N] [--provider-latency-ms MS] [--timeout-minutes M]
                                     [--keep]

              --repos N            GitHub repositories (default 4000); each is 2 resources (the repository and its
                                   default branch's protection), and the organisation has N/2 members and N/40
                                   outside collaborators, one resource each, plus the organisation itself
              --users N            Okta users, one resource each (default 20000)
              --buckets N          S3 buckets, one resource each, plus the account's public access block (default 20000)
              --service-heap SIZE  -Xmx of each of the three services, as deploy/local/up.sh gives them (default 384m)
              --status-max-bytes N a what-if, not the shipped configuration: the status topic takes records of up to
                                   N bytes and the evaluator's producer sends them (max.message.bytes,
                                   max.request.size); Kafka's default, 1 MiB, holds about 750 failing resources
              --provider-latency-ms MS  every provider answer waits MS milliseconds first (default 0: the local
                                   fake answers at once; real providers take tens to hundreds of milliseconds)
              --timeout-minutes M  give up when the statuses have not settled by then (default 20)
              --keep               keep the work directory (the services' logs, broker, database) after a successful run

            The defaults make about 50,000 resources: 10,101 GitHub, 20,000 Okta, 20,001 AWS.
            Extra JVM options per service go in VIGIL_BENCH_COLLECTOR_JAVA_OPTS, VIGIL_BENCH_EVALUATOR_JAVA_OPTS and
            VIGIL_BENCH_REPORT_JAVA_OPTS (a flight recording, for instance).
            """;

    static PipelineOptions parse(String[] args) {
        int repos = 4_000;
        int users = 20_000;
        int buckets = 20_000;
        String heap = "384m";
        int statusMaxBytes = 0; // Kafka's defaults
        int latency = 0;
        long timeout = 20;
        boolean keep = false;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--repos" -> repos = number(args, ++i, "--repos");
                case "--users" -> users = number(args, ++i, "--users");
                case "--buckets" -> buckets = number(args, ++i, "--buckets");
                case "--service-heap" -> heap = value(args, ++i, "--service-heap");
                case "--status-max-bytes" -> statusMaxBytes = number(args, ++i, "--status-max-bytes");
                case "--provider-latency-ms" -> latency = number(args, ++i, "--provider-latency-ms");
                case "--timeout-minutes" -> timeout = number(args, ++i, "--timeout-minutes");
                case "--keep" -> keep = true;
                case "-h", "--help" -> help = true;
                default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'\n" + USAGE);
            }
        }
        // generated names have five digits (repo-00042, bench-bucket-00042)
        if (repos < 1 || users < 1 || buckets < 1 || repos > 99_999 || buckets > 99_999) {
            throw new IllegalArgumentException("--repos and --buckets must be 1..99999, --users at least 1");
        }
        return new PipelineOptions(new LargeOrganisation.Sizes(repos, users, buckets), heap, statusMaxBytes, latency,
                Duration.ofMinutes(timeout), keep, help);
    }

    /** Extra JVM options for one service, from VIGIL_BENCH_&lt;SERVICE&gt;_JAVA_OPTS. */
    static List<String> javaOptions(String service) {
        String extra = System.getenv().getOrDefault("VIGIL_BENCH_" + service + "_JAVA_OPTS", "").trim();
        return extra.isEmpty() ? List.of() : Arrays.asList(extra.split("\\s+"));
    }

    private static int number(String[] args, int i, String option) {
        return Integer.parseInt(value(args, i, option).replace("_", "").replace(",", ""));
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
        }
        return args[i];
    }
}
