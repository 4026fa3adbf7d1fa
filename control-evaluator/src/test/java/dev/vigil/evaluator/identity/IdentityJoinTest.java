package dev.vigil.evaluator.identity;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Outcome;
import dev.vigil.evaluator.domain.Verdict;
import dev.vigil.evaluator.rules.LeaverAccessRemoved;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Accounts read from stored facts, joined into people, and judged for leavers: on data. */
class IdentityJoinTest {
    static final Instant SEEN = Instant.parse("2026-11-20T00:00:00Z");
    static final Instant NOW = Instant.parse("2026-11-23T00:00:00Z");

    static Account read(String type, String source, String key, Map<String, Object> facts) {
        return IdentityAccounts.read(new IdentityAccounts.Stored(type, source, key, "sha256:" + key, facts, SEEN));
    }

    static final Account FRANK_ENTRA = read("entra.user", "vigil://entra/acme", "entra:acme:user:f",
            Map.of("userPrincipalName", "frank.meyer@acme-demo.com", "email", "frank.meyer@acme-demo.com",
                    "accountEnabled", false));
    static final Account DANA_ENTRA = read("entra.user", "vigil://entra/acme", "entra:acme:user:d",
            Map.of("userPrincipalName", "dana.lee@acme-demo.com", "email", "Dana.Lee@acme-demo.com", "accountEnabled", true));
    static final Account DAVE_OKTA = read("okta.user", "vigil://okta/acme", "okta:acme:user:dave",
            Map.of("login", "dave@acme-demo.com", "email", "dave@acme-demo.com", "status", "SUSPENDED",
                    "statusChanged", "2026-09-30T15:00:00.000Z"));
    static final Account FRANK_GITHUB = read("github.member", "vigil://github/acme-demo", "github:acme-demo:member:fm",
            Map.of("login", "fmeyer", "email", "Frank.Meyer@acme-demo.com", "emailSource", "saml-identity",
                    "identitiesRead", true, "role", "member"));
    static final Account GITHUB_NO_EMAIL = read("github.member", "vigil://github/acme-demo", "github:acme-demo:member:x",
            Map.of("login", "dave", "role", "member"));
    static final Account DAVE_IAM = read("aws.iam.user", "vigil://aws/111122223333", "aws:111122223333:iam:user:dave",
            Map.of("user", "dave", "consoleAccess", false, "accessKeys", List.of(Map.of("slot", 1, "active", true))));
    static final Account DANA_IAM_UNUSED = read("aws.iam.user", "vigil://aws/111122223333", "aws:1:iam:user:dana",
            Map.of("user", "dana.lee@acme-demo.com", "consoleAccess", false, "accessKeys", List.of()));

    @Test
    void accountsAreReadWithTheirActivityAndWhenTheyStopped() {
        assertThat(FRANK_ENTRA.active()).isFalse();
        assertThat(FRANK_ENTRA.inactiveSince()).isEqualTo(SEEN); // Graph does not say when: first seen disabled
        assertThat(DAVE_OKTA.active()).isFalse();
        assertThat(DAVE_OKTA.inactiveSince()).isEqualTo(Instant.parse("2026-09-30T15:00:00Z"));
        assertThat(DANA_ENTRA.email()).isEqualTo("dana.lee@acme-demo.com");
        assertThat(DAVE_IAM.active()).isTrue(); // an active access key is access, console or not
        assertThat(DANA_IAM_UNUSED.active()).isFalse();
        assertThat(FRANK_GITHUB.identityProvider()).isFalse();
    }

    @Test
    void accountsJoinByEmailOrByANameThatIsTheEmailOrItsLocalPart() {
        List<IdentityJoin.Person> people = IdentityJoin.join(List.of(FRANK_ENTRA, DANA_ENTRA, DAVE_OKTA, FRANK_GITHUB,
                GITHUB_NO_EMAIL, DAVE_IAM, DANA_IAM_UNUSED));

        assertThat(people).extracting(IdentityJoin.Person::email)
                .containsExactly("dana.lee@acme-demo.com", "dave@acme-demo.com", "frank.meyer@acme-demo.com");
        IdentityJoin.Person dave = people.get(1);
        // The GitHub login "dave" shows no e-mail and GitHub logins are not names people choose from the directory:
        // only the IAM user named like the address's local part joins.
        assertThat(dave.otherAccounts()).containsExactly(DAVE_IAM.joined("dave@acme-demo.com", "name"));
        assertThat(people.get(0).otherAccounts()).containsExactly(DANA_IAM_UNUSED.joined("dana.lee@acme-demo.com", "name"));
        assertThat(people.get(2).otherAccounts()).containsExactly(FRANK_GITHUB);
        assertThat(FRANK_GITHUB.joinedBy()).isEqualTo("saml-identity");
    }

    @Test
    void aLocalPartSharedByTwoPeopleMatchesNobody() {
        Account a = read("okta.user", "vigil://okta/acme", "okta:1", Map.of("login", "sam@a.com", "email", "sam@a.com",
                "status", "ACTIVE"));
        Account b = read("okta.user", "vigil://okta/acme", "okta:2", Map.of("login", "sam@b.com", "email", "sam@b.com",
                "status", "ACTIVE"));
        Account iam = read("aws.iam.user", "vigil://aws/1", "aws:1:iam:user:sam", Map.of("user", "sam",
                "consoleAccess", true, "accessKeys", List.of()));
        assertThat(IdentityJoin.join(List.of(a, b, iam))).allSatisfy(p -> assertThat(p.otherAccounts()).isEmpty());
    }

    @Test
    void aLeaverWithAccessLeftFailsWithWhereAndSinceWhen() {
        IdentityJoin.Person frank = IdentityJoin.join(List.of(FRANK_ENTRA, FRANK_GITHUB)).get(0);
        Map<String, Object> facts = IdentityJoin.facts(frank, NOW);
        assertThat(facts).containsEntry("left", true).containsEntry("leftAt", SEEN.toString())
                .containsEntry("daysSinceLeft", 3L);

        Verdict v = new LeaverAccessRemoved().evaluate(new Facts(facts));
        assertThat(v.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(v.reason()).isEqualTo("frank.meyer@acme-demo.com was deactivated in the identity provider on "
                + "2026-11-20 (3 days before this observation) but still has github account fmeyer "
                + "(vigil://github/acme-demo), joined by SAML identity");
        assertThat(facts.get("otherAccounts")).asList().singleElement()
                .satisfies(a -> assertThat(((Map<?, ?>) a).get("joinedBy")).isEqualTo("saml-identity"));
        assertThat(facts.get("identityAccounts")).asList().singleElement()
                .satisfies(a -> assertThat(((Map<?, ?>) a).get("joinedBy")).isEqualTo("e-mail"));
    }

    @Test
    void aLeaverWithoutAccessPassesAndSomeoneActiveIsOutOfScope() {
        IdentityJoin.Person dana = IdentityJoin.join(List.of(DANA_ENTRA, DANA_IAM_UNUSED)).get(0);
        assertThat(new LeaverAccessRemoved().evaluate(new Facts(IdentityJoin.facts(dana, NOW))).outcome())
                .isEqualTo(Outcome.NOT_APPLICABLE);

        Account iamGone = read("aws.iam.user", "vigil://aws/1", "aws:1:iam:user:dave", Map.of("user", "dave",
                "consoleAccess", false, "accessKeys", List.of(Map.of("slot", 1, "active", false))));
        IdentityJoin.Person dave = IdentityJoin.join(List.of(DAVE_OKTA, iamGone)).get(0);
        Verdict v = new LeaverAccessRemoved().evaluate(new Facts(IdentityJoin.facts(dave, NOW)));
        assertThat(v.outcome()).isEqualTo(Outcome.PASS);
        assertThat(v.reason()).startsWith("dave@acme-demo.com was deactivated in the identity provider on 2026-09-30");
    }

    @Test
    void someoneActiveInOneIdentityProviderHasNotLeft() {
        Account daveEntra = read("entra.user", "vigil://entra/acme", "entra:acme:user:dave",
                Map.of("userPrincipalName", "dave@acme-demo.com", "email", "dave@acme-demo.com", "accountEnabled", true));
        IdentityJoin.Person dave = IdentityJoin.join(List.of(DAVE_OKTA, daveEntra, DAVE_IAM)).get(0);
        assertThat(dave.left()).isFalse();
        assertThat(IdentityJoin.facts(dave, NOW)).containsEntry("leftAt", null);
    }
}
