package dev.vigil.collector.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.collector.spi.Target;
import dev.vigil.collector.testing.Fixtures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * EventBridge events of CloudTrail calls recorded beside a declaration's test (src/test/resources/<TestClass>/,
 * one {@code <eventName>.json} per event name it reads again for), mapped by every declaration as the queue maps
 * them, with the accounts 111122223333 and 444455556666 read.
 */
public final class CloudTrailFixtures {
    public static final Set<String> READ = Set.of("111122223333", "444455556666");
    private static final CloudTrailEventTargets DECLARED = CloudTrailEventTargets.declared();

    private CloudTrailFixtures() {
    }

    public static JsonNode event(Class<?> test, String fixture) {
        try {
            return new ObjectMapper().readTree(Fixtures.bytes(test, fixture));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static CloudTrailEventTargets.Mapped map(Class<?> test, String fixture) throws Exception {
        return DECLARED.map(event(test, fixture), READ::contains);
    }

    public static CloudTrailEventTargets.Mapped map(JsonNode event) throws Exception {
        return DECLARED.map(event, READ::contains);
    }

    /** Every event name of {@code declaration} has a recording beside the test, mapped to one of its collector's. */
    public static void everyEventNameIsRecordedAndRead(CloudTrailTargets declaration, Class<?> test,
                                                       String collector) throws Exception {
        String service = declaration.eventSource().replace(".amazonaws.com", "");
        for (String name : declaration.eventNames()) {
            CloudTrailEventTargets.Mapped mapped = map(test, name + ".json");
            assertThat(mapped.eventType()).as(name).isEqualTo(service + "." + name);
            assertThat(mapped.targets()).as(name).isNotEmpty().extracting(Target::collector).containsOnly(collector);
        }
    }

    /** The event is read for nothing, for a reason containing {@code because}. */
    public static void ignored(Class<?> test, String fixture, String because) throws Exception {
        CloudTrailEventTargets.Mapped mapped = map(test, fixture);
        assertThat(mapped.targets()).as(fixture).isEmpty();
        assertThat(mapped.ignoredBecause()).as(fixture).contains(because);
    }
}
