package dev.vigil.collector.spi;

import java.util.Objects;

/**
 * What a provider event names, for one collector to read again: a kind the collector knows (for GitHub
 * {@code repository}, {@code organization}) and its name there ({@code acme-demo/payments-api}).
 */
public record Target(String collector, String kind, String name) {
    public Target {
        Objects.requireNonNull(collector, "collector");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }

    @Override
    public String toString() {
        return collector + ":" + kind + ":" + name;
    }
}
