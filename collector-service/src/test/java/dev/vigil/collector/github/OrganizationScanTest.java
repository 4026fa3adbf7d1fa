package dev.vigil.collector.github;

import dev.vigil.collector.testing.CannedHttp;
import dev.vigil.collector.testing.CannedHttp.Answer;
import dev.vigil.collector.testing.RecordingContext;
import dev.vigil.common.evidence.RunFailure;
import okhttp3.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which failures of the organisation's calls name a missing permission: only those GitHub calls a refusal (401,
 * 403, or 422 "Only owners can use this filter."); a 404 says "not found, or not visible to this credential".
 */
class OrganizationScanTest {
    private static final String ORG = "{\"login\":\"acme\",\"two_factor_requirement_enabled\":true}";
    private static final String MEMBERS = "[{\"login\":\"alice\",\"id\":1}]";

    @TempDir
    Path dir;

    private RecordingContext scan(Function<Request, Answer> answers) {
        RecordingContext context = new RecordingContext(dir);
        CannedHttp http = new CannedHttp(answers);
        new OrganizationScan(new GitHubRest(http.client(), "https://api.github.com", c -> "token test"), context,
                "acme", 100, null).run();
        return context;
    }

    /** An organisation without SAML single sign-on, whose members show no verified-domain e-mail. */
    private static final String NO_IDENTITIES = "{\"data\":{\"organization\":{\"samlIdentityProvider\":null,"
            + "\"membersWithRole\":{\"pageInfo\":{\"hasNextPage\":false,\"endCursor\":null},"
            + "\"nodes\":[{\"login\":\"alice\",\"organizationVerifiedDomainEmails\":[]}]}}}}";

    /** Answers everything, except the two-factor filter with {@code twoFactor}. */
    private static Function<Request, Answer> twoFactorAnswered(Answer twoFactor) {
        return r -> "2fa_disabled".equals(r.url().queryParameter("filter")) ? twoFactor
                : Answer.ok(r.url().encodedPath().equals("/orgs/acme") ? ORG
                : r.url().encodedPath().equals("/graphql") ? NO_IDENTITIES : MEMBERS);
    }

    @Test
    void aNonOwnerAskingWhoLacksTwoFactorMissesTheOwnerRight() {
        RecordingContext run = scan(twoFactorAnswered(Answer.of(422,
                "{\"message\":\"Only owners can use this filter.\"}")));
        assertThat(run.failures).singleElement().satisfies(f -> {
            assertThat(f.resourceKey()).isEqualTo("github:acme");
            assertThat(f.missingPermission()).isEqualTo(GitHubBranchProtectionCollector.PERMISSION_ORG_ADMIN);
            assertThat(f.reason()).endsWith("GET https://api.github.com/orgs/acme/members?filter=2fa_disabled"
                    + "&per_page=100 answered HTTP 422: Only owners can use this filter.");
        });
        assertThat(run.byKey()).doesNotContainKey("github:acme").containsKey("github:acme:member:alice");
    }

    @Test
    void aTwoFactorListAnswered404IsNotBlamedOnAPermission() {
        RecordingContext run = scan(twoFactorAnswered(Answer.of(404, "{\"message\":\"Not Found\"}")));
        assertThat(run.failures).singleElement().satisfies(f -> {
            assertThat(f.missingPermission()).isNull();
            assertThat(f.reason()).endsWith("GET https://api.github.com/orgs/acme/members?filter=2fa_disabled"
                    + "&per_page=100 answered HTTP 404 (not found, or not visible to this credential): Not Found");
        });
        // the two-factor state stays unknown, never "everyone has it"
        assertThat(run.byKey().get("github:acme:member:alice").facts()).containsEntry("twoFactorEnabled", null);
    }

    @Test
    void anOrganisationAnswered404IsNotFoundNotAMissingPermission() {
        RecordingContext run = scan(r -> Answer.of(404, "{\"message\":\"Not Found\"}"));
        assertThat(run.failures).hasSize(2).allSatisfy(f -> {
            assertThat(f.missingPermission()).isNull();
            assertThat(f.reason()).isEqualTo("cannot read the people of organisation acme: GET "
                    + "https://api.github.com/orgs/acme answered HTTP 404 (not found, or not visible to this "
                    + "credential): Not Found");
        });
        assertThat(run.evidence).isEmpty();
    }

    @Test
    void membersRefused403NameTheMembersPermission() {
        RecordingContext run = scan(r -> r.url().encodedPath().equals("/orgs/acme") ? Answer.ok(ORG)
                : Answer.of(403, "{\"message\":\"Resource not accessible by integration\"}"));
        assertThat(run.failures).hasSize(2).extracting(RunFailure::missingPermission)
                .containsOnly(GitHubBranchProtectionCollector.PERMISSION_ORG_MEMBERS);
        assertThat(run.failures.get(0).reason()).endsWith("GET https://api.github.com/orgs/acme/members?per_page=100 "
                + "answered HTTP 403: Resource not accessible by integration");
    }
}
