package dev.vigil.stack.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

/**
 * Points a Quarkus test at the real test broker, and has the service sign its events with the test key and trust
 * events signed by it ({@link TestEventKeys}), as {@link KafkaTestClient} signs what tests send.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(TestEventKeys.serviceConfig());
        config.put("kafka.bootstrap.servers", TestServers.kafka().bootstrapServers());
        return config;
    }

    @Override
    public void stop() {
        // the application stopped: its broker would idle beside the next ones until the JVM exits
        TestServers.stopKafka();
    }
}
