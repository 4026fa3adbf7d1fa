package dev.vigil.evaluator.identity;

import dev.vigil.common.evidence.RunFailure;
import dev.vigil.common.store.JsonColumns;
import dev.vigil.evaluator.store.Coverage;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which coverage gaps make the identity join incomplete: those of the account types only, on data. */
class IdentityDerivationGapsTest {
    static Coverage coverage(String type, String state, RunFailure... gaps) {
        Coverage c = new Coverage();
        c.source = "vigil://github/acme-demo";
        c.resourceType = type;
        c.runState = state;
        c.gaps = JsonColumns.write(List.of(gaps));
        return c;
    }

    @Test
    void aRunPartialBecauseOfAnotherTypeLeavesTheJoinComplete() {
        // A GitHub run that read every people list but not one repository's security settings: RunIngestion
        // records the member type as PARTIAL with no gaps, the repository type with the failure.
        assertThat(IdentityDerivation.gaps(List.of(
                coverage("github.member", "PARTIAL"),
                coverage("github.organization", "PARTIAL"),
                coverage("github.repository", "PARTIAL", new RunFailure("github.repository",
                        "github:acme-demo/web", "403 Forbidden", "administration:read")),
                coverage("okta.user", "COMPLETED")))).isEmpty();
    }

    @Test
    void aGapInAnAccountTypeMakesTheJoinIncompleteNamingIt() {
        List<RunFailure> gaps = IdentityDerivation.gaps(List.of(
                coverage("github.member", "PARTIAL", new RunFailure("github.member", null,
                        "cannot read the people of organisation acme-demo: 403 Forbidden", "members:read")),
                coverage("okta.user", "COMPLETED")));
        assertThat(gaps).singleElement().satisfies(g -> {
            assertThat(g.resourceType()).isEqualTo(IdentityDerivation.TYPE);
            assertThat(g.reason()).isEqualTo("accounts of github.member from vigil://github/acme-demo are incomplete "
                    + "(PARTIAL: cannot read the people of organisation acme-demo: 403 Forbidden)");
            assertThat(g.missingPermission()).isEqualTo("members:read");
        });
    }

    @Test
    void aFailedRunOfAnAccountTypeIsAGap() {
        // RunIngestion.gapsFor records a FAILED run's types with a gap even when its failures name none.
        assertThat(IdentityDerivation.gaps(List.of(coverage("okta.user", "FAILED",
                new RunFailure("okta.user", null, "the collection run failed", null)))))
                .singleElement().satisfies(g -> assertThat(g.reason()).contains("okta.user").contains("FAILED"));
    }
}
