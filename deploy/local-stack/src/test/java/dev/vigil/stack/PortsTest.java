package dev.vigil.stack;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PortsTest {
    @Test
    void portsHandedOutOneAfterTheOtherNeverRepeat() {
        // The kernel gave the same port twice in a row once (FaultsIT: Kafka's listener and controller on one port).
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            assertThat(ports.add(Ports.free())).as("port handed out twice").isTrue();
        }
    }
}
