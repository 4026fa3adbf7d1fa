package dev.vigil.collector.okta;

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
    void lastPageHasNoNext() {
        assertThat(LinkHeader.next(List.of("<https://acme.okta.com/api/v1/users?after=00u2>; rel=\"self\"")))
                .isEmpty();
        assertThat(LinkHeader.next(List.of())).isEmpty();
    }
}
