package dev.vigil.report.policy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Policies ({@code vigil.policies.*}); docs/policies.md#configuration describes each key. */
@ConfigMapping(prefix = "vigil.policies")
public interface PolicyConfig {
    /**
     * Days every active person has to acknowledge a policy's current version: from its effective date, or for a
     * person first seen later, from that day. 1 to 366.
     */
    @WithDefault("30")
    int acknowledgementDays();

    /** How often every policy is read again and published, so that a window that ends turns the verdict. */
    @WithDefault("1h")
    Duration observeInterval();
}
