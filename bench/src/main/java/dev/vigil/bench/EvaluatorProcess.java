package dev.vigil.bench;

import dev.vigil.stack.Database;
import dev.vigil.stack.Ports;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The packaged control-evaluator (target/quarkus-app) as a child process, started as deploy/local/common.sh
 * starts it ({@link ServiceProcess#JVM_OPTIONS}), configured only by environment variables.
 */
final class EvaluatorProcess extends ServiceProcess {
    private EvaluatorProcess(Process process, int httpPort, Path log) {
        super("control-evaluator", process, httpPort, log);
    }

    static EvaluatorProcess start(Path runJar, String heap, List<String> extraJvmOptions, String kafkaBootstrap,
                                  Database db, Path log) {
        int port = Ports.free();
        ProcessBuilder pb = builder(runJar, heap, extraJvmOptions, log);
        Map<String, String> env = pb.environment();
        env.putAll(BenchKeys.serviceEnv());
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrap);
        env.put("QUARKUS_DATASOURCE_JDBC_URL", db.jdbcUrl());
        env.put("QUARKUS_DATASOURCE_USERNAME", db.username());
        env.put("QUARKUS_DATASOURCE_PASSWORD", db.password());
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        return new EvaluatorProcess(start(pb, runJar), port, log);
    }
}
