package dev.vigil.stack.testing;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Kafka and PostgreSQL as containers, for machines with a Docker engine. Containers are stopped by
 * Testcontainers' own reaper when the test JVM exits.
 */
final class DockerServers {
    private static Boolean available;

    private DockerServers() {
    }

    static synchronized boolean available() {
        if (available == null) {
            if ("false".equalsIgnoreCase(System.getenv("VIGIL_TEST_TESTCONTAINERS"))) {
                available = false;
            } else {
                try {
                    available = DockerClientFactory.instance().isDockerAvailable();
                } catch (RuntimeException | LinkageError e) {
                    available = false;
                }
            }
        }
        return available;
    }

    @SuppressWarnings("resource") // lives for the whole test JVM
    static KafkaContainer kafka() {
        KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.0")
                .withEnv("KAFKA_NUM_PARTITIONS", "3");
        kafka.start();
        return kafka;
    }

    @SuppressWarnings("resource")
    static PostgreSQLContainer postgres() {
        PostgreSQLContainer pg = new PostgreSQLContainer("postgres:17")
                .withDatabaseName("vigil").withUsername("vigil").withPassword("vigil");
        pg.start();
        return pg;
    }
}
