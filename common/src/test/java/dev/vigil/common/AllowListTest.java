package dev.vigil.common;

import dev.vigil.common.evidence.AllowList;
import dev.vigil.common.evidence.AllowLists;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AllowListTest {
    private static final AllowLists LISTS = AllowLists.parse("""
            {"kinds": [
              {"kind": "repos", "key": "/orgs/[^/]+/repos(\\\\?|$)",
               "keep": ["name", "archived", "security_and_analysis/**", "owner/login"]},
              {"kind": "report", "key": "(^|:)GetCredentialReport(:|$)",
               "keep": ["GetCredentialReportResponse/GetCredentialReportResult/Content", "**/RequestId"]}
            ]}""");

    private static String redact(String key, String body) {
        return new String(LISTS.redact(key, body.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    @Test
    void jsonKeepsAllowedFieldsAndMasksTheRestKeepingKeys() {
        String out = redact("/github/orgs/acme/repos?per_page=100", """
                [{"name":"api","archived":false,"description":"deploy key xyz","stars":7,"homepage":null,
                  "owner":{"login":"acme","email":"ops@acme.test"},
                  "security_and_analysis":{"secret_scanning":{"status":"enabled"}}}]""");
        assertThat(out).isEqualTo("[{\"name\":\"api\",\"archived\":false,\"description\":\"" + AllowList.MASK
                + "\",\"stars\":\"" + AllowList.MASK + "\",\"homepage\":null,\"owner\":{\"login\":\"acme\",\"email\":\""
                + AllowList.MASK + "\"},\"security_and_analysis\":{\"secret_scanning\":{\"status\":\"enabled\"}}}]");
    }

    @Test
    void thePatternNetStillRunsOverAllowedFields() {
        String token = "ghp_" + "b".repeat(36);
        assertThat(redact("/orgs/acme/repos", "[{\"name\":\"" + token + "\"}]")).doesNotContain(token).contains("[REDACTED]");
    }

    @Test
    void xmlKeepsAllowedElementsAndMasksOtherText() {
        String out = redact("GetCredentialReport", """
                <GetCredentialReportResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
                <GetCredentialReportResult><Content>dXNlcg==</Content><ReportFormat>text/csv</ReportFormat>
                <Hint>true</Hint></GetCredentialReportResult>
                <ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></GetCredentialReportResponse>""");
        assertThat(out).contains("<Content>dXNlcg==</Content>", "<ReportFormat>" + AllowList.MASK + "</ReportFormat>",
                "<Hint>true</Hint>", "<RequestId>r-1</RequestId>", "xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"");
    }

    @Test
    void unknownKeysAndShapesFallBackToThePatternNet() {
        String token = "ghp_" + "c".repeat(36);
        assertThat(redact("/orgs/acme/members", "[{\"login\":\"x\",\"bio\":\"" + token + "\"}]"))
                .isEqualTo("[{\"login\":\"x\",\"bio\":\"[REDACTED]\"}]");
        assertThat(redact("/orgs/acme/repos", "not json " + token)).isEqualTo("not json [REDACTED]");
    }

    @Test
    void doctypesAreRefusedSoNoEntityIsExpanded() {
        String xml = "<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><GetCredentialReportResponse>&x;"
                + "</GetCredentialReportResponse>";
        assertThat(redact("GetCredentialReport", xml)).doesNotContain("root:").contains("DOCTYPE");
    }

    @Test
    void pathsWithWildcards() {
        AllowList list = new AllowList("t", ".", java.util.List.of("a/*/c", "**/id", "x/**"));
        assertThat(list.keeps("a/b/c")).isTrue();
        assertThat(list.keeps("a/b/d")).isFalse();
        assertThat(list.keeps("id")).isTrue();
        assertThat(list.keeps("p/q/id")).isTrue();
        assertThat(list.keeps("p/q/idx")).isFalse();
        assertThat(list.keeps("x")).isTrue();
        assertThat(list.keeps("x/y/z")).isTrue();
        assertThat(list.keeps("xy")).isFalse();
    }

    @Test
    void aMalformedDefinitionIsRefused() {
        assertThatThrownBy(() -> AllowLists.parse("{\"kinds\":[{\"kind\":\"x\"}]}"))
                .hasMessageContaining("'kind', 'key' and 'keep'");
    }
}
