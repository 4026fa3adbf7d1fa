package dev.vigil.collector.kafka;

import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EventPublisherTest {

    @Test
    void passesProducerSettingsThroughButKeepsDurabilityFixed() {
        Map<String, Object> settings = EventPublisher.producerSettings(new SmallRyeConfigBuilder()
                .withDefaultValues(Map.of(
                        "kafka.bootstrap.servers", "broker-1:9093",
                        "kafka.security.protocol", "SASL_SSL",
                        "kafka.acks", "1",
                        "kafka.enable.idempotence", "false",
                        "kafka.not.a.producer.setting", "x"))
                .build());

        assertThat(settings).containsEntry("bootstrap.servers", "broker-1:9093")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("acks", "all")
                .containsEntry("enable.idempotence", "true")
                .doesNotContainKey("not.a.producer.setting");
    }
}
