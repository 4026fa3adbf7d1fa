package dev.vigil.access;

import dev.vigil.common.signing.EventKeySettings;
import org.eclipse.microprofile.config.Config;

import java.util.Optional;

/** The service's configuration as {@link EventKeySettings} reads it ({@code vigil.events.*}). */
final class EventKeyConfig {
    private EventKeyConfig() {
    }

    static EventKeySettings.Source of(Config config) {
        return new EventKeySettings.Source() {
            @Override
            public Optional<String> value(String name) {
                return config.getOptionalValue(name, String.class);
            }

            @Override
            public Iterable<String> names() {
                return config.getPropertyNames();
            }
        };
    }
}
