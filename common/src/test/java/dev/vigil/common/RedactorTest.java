package dev.vigil.common;

import dev.vigil.common.evidence.Redactor;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RedactorTest {
    static final String AWS_KEY = "AKIAIOSFODNN7EXAMPLE";
    static final String GH_TOKEN = "ghp_" + "a".repeat(36);
    static final String SLACK = "xoxb-1234567890-abcdefghij";

    @Test
    void knownCredentialShapesAreMaskedAnywhereInText() {
        String text = "key " + AWS_KEY + " token " + GH_TOKEN + " slack " + SLACK + " header Authorization: SSWS 00abcdefghijklmnop";
        String out = Redactor.redactText(text);
        assertThat(out).doesNotContain(AWS_KEY, GH_TOKEN, SLACK, "00abcdefghijklmnop").contains("[REDACTED]");
    }

    @Test
    void jsonValuesUnderSecretNamesAreMaskedButUsefulMetadataStays() {
        String body = """
                {"name":"deploy","password":"hunter2","env":{"DB_PASSWORD":"s3cr3t","REGION":"us-east-1"},
                 "protection_url":"https://api.github.com/x","passwordLastUsed":"2026-01-01","enforce":true,
                 "notes":["uses %s"]}""".formatted(AWS_KEY);
        String out = new String(Redactor.redactBody(body.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        assertThat(out).doesNotContain("hunter2", "s3cr3t", AWS_KEY)
                .contains("\"REGION\":\"us-east-1\"", "\"protection_url\":\"https://api.github.com/x\"",
                        "\"passwordLastUsed\":\"2026-01-01\"", "\"enforce\":true");
    }

    @Test
    void xmlIsRedactedByPattern() {
        String xml = "<Owner><ID>x</ID></Owner><AccessKeyId>" + AWS_KEY + "</AccessKeyId>";
        assertThat(new String(Redactor.redactBody(xml.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8))
                .isEqualTo("<Owner><ID>x</ID></Owner><AccessKeyId>[REDACTED]</AccessKeyId>");
    }

    @Test
    void factsAreRedactedRecursivelyKeepingBooleans() {
        Map<String, Object> facts = Map.of("login", "a@b.c", "apiToken", GH_TOKEN, "passwordSet", true,
                "env", List.of(Map.of("secretValue", "x"), "plain " + SLACK));
        Map<String, Object> out = Redactor.redactFacts(facts);
        assertThat(out).containsEntry("login", "a@b.c").containsEntry("apiToken", "[REDACTED]")
                .containsEntry("passwordSet", true);
        assertThat(out.get("env").toString()).doesNotContain(SLACK).doesNotContain("=x");
    }
}
