package dev.vigil.access;

import org.eclipse.microprofile.config.Config;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The settings of a plain Kafka client (one the messaging connector does not make) that signs in as the service's
 * channels do: every {@code kafka.*} property the client knows (bootstrap servers, SASL, TLS, ...) is passed through,
 * looked up by name so that environment variables ({@code KAFKA_SASL_JAAS_CONFIG}, ...) are found too. Callers then
 * fix what they rely on (acks, serializers, group).
 */
public final class KafkaClientProperties {
    private KafkaClientProperties() {
    }

    /** @param clientConfigNames the client's own names, e.g. {@code ProducerConfig.configNames()} */
    public static Map<String, Object> of(Config config, Set<String> clientConfigNames) {
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", "localhost:9092");
        for (String name : clientConfigNames) {
            config.getOptionalValue("kafka." + name, String.class).ifPresent(v -> props.put(name, v));
        }
        return props;
    }
}
