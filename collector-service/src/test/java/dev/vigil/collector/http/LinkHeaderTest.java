package dev.vigil.collector.http;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LinkHeaderTest {

    @Test
    void findsNextAmongSeparateHeaders() {
        assertThat(LinkHeader.next(List.of(
                "<https://acme.okta.com/api/v1/users?limit=200>; rel=\"self\"",
                "<https://acme.okta.com/api/v1/users?after=00u2&limit=200>; rel=\"next\"")))
                .contains("https://acme.okta.com/api/v1/users?after=00u2&limit=200");
    }

    @Test
    void findsNextInOneCommaSeparatedHeader() {
        assertThat(LinkHeader.next(List.of(
                "<https://x.example/a?page=1>; rel=\"self\", <https://x.example/a?page=2>; rel=next")))
                .contains("https://x.example/a?page=2");
    }

    @Test
    void findsNextInGitHubsHeader() {
        // as api.github.com sends it: every relation in one header, "next" not first on the last-but-one page
        assertThat(LinkHeader.next(List.of(
                "<https://api.github.com/organizations/9919/repos?per_page=100&page=1>; rel=\"prev\", "
                        + "<https://api.github.com/organizations/9919/repos?per_page=100&page=3>; rel=\"next\", "
                        + "<https://api.github.com/organizations/9919/repos?per_page=100&page=5>; rel=\"last\", "
                        + "<https://api.github.com/organizations/9919/repos?per_page=100&page=1>; rel=\"first\"")))
                .contains("https://api.github.com/organizations/9919/repos?per_page=100&page=3");
    }

    @Test
    void lastPageHasNoNext() {
        assertThat(LinkHeader.next(List.of("<https://acme.okta.com/api/v1/users?after=00u2>; rel=\"self\"")))
                .isEmpty();
        assertThat(LinkHeader.next(List.of())).isEmpty();
    }
}
