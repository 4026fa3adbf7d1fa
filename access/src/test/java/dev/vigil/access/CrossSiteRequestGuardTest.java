package dev.vigil.access;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CrossSiteRequestGuardTest {

    @Test
    void aBrowserSayingCrossSiteIsRefused() {
        assertThat(CrossSiteRequestGuard.isCrossSite("cross-site", null, "127.0.0.1:8081")).isTrue();
    }

    @Test
    void anOriginOtherThanTheHostIsRefused() {
        assertThat(CrossSiteRequestGuard.isCrossSite(null, "https://evil.example", "127.0.0.1:8081")).isTrue();
        assertThat(CrossSiteRequestGuard.isCrossSite(null, "http://127.0.0.1:9999", "127.0.0.1:8081")).isTrue();
        assertThat(CrossSiteRequestGuard.isCrossSite(null, "null", "127.0.0.1:8081")).isTrue();
    }

    @Test
    void sameOriginAndScriptsPass() {
        assertThat(CrossSiteRequestGuard.isCrossSite("same-origin", "http://127.0.0.1:8081", "127.0.0.1:8081")).isFalse();
        assertThat(CrossSiteRequestGuard.isCrossSite(null, "https://vigil.example", "vigil.example")).isFalse();
        assertThat(CrossSiteRequestGuard.isCrossSite(null, null, "127.0.0.1:8081")).isFalse();
        assertThat(CrossSiteRequestGuard.isCrossSite("none", null, null)).isFalse();
    }
}
