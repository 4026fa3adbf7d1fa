package dev.vigil.evaluator.identity;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Outcome;
import dev.vigil.evaluator.domain.Verdict;
import dev.vigil.evaluator.rules.AccountAttributed;
import dev.vigil.evaluator.rules.LeaverAccessRemoved;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Accounts attributed the way real providers allow (GitHub shows no member's address: SAML or SCIM identities,
 * verified-domain e-mails, a mapping file; IAM users: an e-mail tag or their name), and the accounts attributed to
 * no one judged as evidence: on data.
 */
class AttributionTest {
    static final Instant SEEN = Instant.parse("2026-11-20T00:00:00Z");
    static final Instant NOW = Instant.parse("2026-11-23T00:00:00Z");
    static final String GITHUB = "vigil://github/acme-demo";

    static Account read(String type, String source, String key, Map<String, Object> facts) {
        return IdentityAccounts.read(new IdentityAccounts.Stored(type, source, key, "sha256:" + key, facts, SEEN));
    }

    /** A GitHub member as the collector now describes it. */
    static Account member(String login, String email, String emailSource, boolean identitiesRead, String notFound) {
        Map<String, Object> f = new HashMap<>(Map.of("login", login, "role", "member", "identitiesRead", identitiesRead));
        f.put("email", email);
        f.put("emailSource", emailSource);
        f.put("identityNotFound", notFound);
        return read("github.member", GITHUB, "github:acme-demo:member:" + login, f);
    }

    static Account okta(String email, String status) {
        return read("okta.user", "vigil://okta/acme", "okta:acme:user:" + email,
                Map.of("login", email, "email", email, "status", status, "statusChanged", "2026-09-30T15:00:00.000Z"));
    }

    static final Account DAVE = okta("dave@acme-demo.com", "SUSPENDED");
    static final Account ERIN = okta("erin@acme-demo.com", "ACTIVE");
    static final String NOT_FOUND = "no SAML identity linked to this account, no verified-domain e-mail, not in the "
            + "mapping file";

    static Verdict judge(IdentityJoin.Attribution t) {
        return new AccountAttributed().evaluate(new Facts(IdentityJoin.facts(t)));
    }

    static IdentityJoin.Attribution only(IdentityJoin.Result r, String name) {
        return r.accounts().stream().filter(t -> name.equals(t.account().name())).findFirst().orElseThrow();
    }

    @Test
    void gitHubMembersAreReadWithHowTheyWereAttributed() {
        Account saml = member("dave-acme", "Dave@acme-demo.com", "saml-identity", true, null);
        assertThat(saml.email()).isEqualTo("dave@acme-demo.com");
        assertThat(saml.joinedBy()).isEqualTo("saml-identity");
        assertThat(saml.attributionKnown()).isTrue();
        for (String source : List.of("scim-identity", "verified-domain-email", "mapping-file")) {
            assertThat(member("x", "x@acme-demo.com", source, true, null).joinedBy()).isEqualTo(source);
        }

        Account ghost = member("ghost-42", null, null, true, NOT_FOUND);
        assertThat(ghost.email()).isNull();
        assertThat(ghost.joinedBy()).isNull();
        assertThat(ghost.notFound()).isEqualTo(NOT_FOUND);
        assertThat(ghost.attributionKnown()).isTrue();

        Account unread = member("eve-gh", null, null, false, null);
        assertThat(unread.attributionKnown()).isFalse();
        assertThat(unread.notFound()).isEqualTo("the organisation's identity data could not be read");
    }

    @Test
    void olderGitHubEvidenceWithoutAttributionKeysAttributesNoOne() {
        // Before attribution was read, `email` was the member's own public address: the member chose it.
        Account legacy = read("github.member", GITHUB, "github:acme-demo:member:dave-acme",
                Map.of("login", "dave-acme", "role", "member", "email", "dave@acme-demo.com"));
        assertThat(legacy.email()).isNull();
        assertThat(legacy.attributionKnown()).isTrue();
        assertThat(legacy.notFound()).contains("names no identity source");
    }

    @Test
    void iamUsersJoinByTheirEmailTagElseByName() {
        Account tagged = read("aws.iam.user", "vigil://aws/1", "aws:1:iam:user/deploy-dave",
                Map.of("user", "deploy-dave", "emailTag", "Dave@acme-demo.com", "consoleAccess", true));
        Account named = read("aws.iam.user", "vigil://aws/1", "aws:1:iam:user/erin",
                Map.of("user", "erin", "consoleAccess", true));
        assertThat(tagged.email()).isEqualTo("dave@acme-demo.com");
        assertThat(tagged.joinedBy()).isEqualTo("iam-tag");
        assertThat(named.email()).isNull();

        IdentityJoin.Result r = IdentityJoin.join(List.of(DAVE, ERIN, tagged, named), List.of(), true);
        assertThat(r.people().get(0).otherAccounts()).extracting(Account::name, Account::joinedBy)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("deploy-dave", "iam-tag"));
        assertThat(r.people().get(1).otherAccounts()).extracting(Account::name, Account::joinedBy)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("erin", "name"));
        assertThat(judge(only(r, "erin")).reason())
                .isEqualTo("aws account erin (vigil://aws/1) is attributed to erin@acme-demo.com by name");
        assertThat(judge(only(r, "deploy-dave")).reason()).isEqualTo(
                "aws account deploy-dave (vigil://aws/1) is attributed to dave@acme-demo.com by IAM e-mail tag");
    }

    @Test
    void theLeaverFailureNamesHowEachStillActiveAccountWasJoined() {
        Account daveGh = member("dave-acme", "dave@acme-demo.com", "saml-identity", true, null);
        Account daveIam = read("aws.iam.user", "vigil://aws/1", "aws:1:iam:user/dave",
                Map.of("user", "dave", "consoleAccess", true));
        IdentityJoin.Person dave = IdentityJoin.join(List.of(DAVE, daveGh, daveIam)).get(0);
        Verdict v = new LeaverAccessRemoved().evaluate(new Facts(IdentityJoin.facts(dave, NOW)));
        assertThat(v.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(v.reason()).endsWith("but still has aws account dave (vigil://aws/1), joined by name; "
                + "github account dave-acme (vigil://github/acme-demo), joined by SAML identity");
    }

    @Test
    void everyAccountOutsideTheIdentityProvidersIsAttributedOrSaysWhyNot() {
        IdentityJoin.ServiceAccount bot = new IdentityJoin.ServiceAccount("github", "ACME-CI-BOT",
                "platform-team@acme-demo.example", "runs CI releases");
        IdentityJoin.Result r = IdentityJoin.join(List.of(DAVE, ERIN,
                member("erin-gh", "erin@acme-demo.com", "verified-domain-email", true, null),
                member("ghost-42", null, null, true, NOT_FOUND),
                member("acme-ci-bot", null, null, true, NOT_FOUND),
                member("old-contractor", "bob@contractor.example", "mapping-file", true, null),
                member("eve-gh", null, null, false, null)), List.of(bot), true);

        assertThat(r.accounts()).extracting(t -> t.account().name())
                .containsExactly("acme-ci-bot", "erin-gh", "eve-gh", "ghost-42", "old-contractor");

        IdentityJoin.Attribution erin = only(r, "erin-gh");
        assertThat(IdentityJoin.facts(erin)).containsEntry("system", "github").containsEntry("source", GITHUB)
                .containsEntry("name", "erin-gh").containsEntry("resourceKey", "github:acme-demo:member:erin-gh")
                .containsEntry("evidenceId", "sha256:github:acme-demo:member:erin-gh")
                .containsEntry("attributedTo", "erin@acme-demo.com").containsEntry("joinedBy", "verified-domain-email")
                .containsEntry("attributionKnown", true).containsEntry("serviceAccount", null);
        assertThat(judge(erin)).isEqualTo(Verdict.pass("github account erin-gh (vigil://github/acme-demo) is "
                + "attributed to erin@acme-demo.com by verified-domain e-mail"));

        Verdict ghost = judge(only(r, "ghost-42"));
        assertThat(ghost).isEqualTo(Verdict.fail("github account ghost-42 (vigil://github/acme-demo) is attributed "
                + "to no one in the identity provider: " + NOT_FOUND));

        IdentityJoin.Attribution ci = only(r, "acme-ci-bot");
        assertThat(IdentityJoin.facts(ci)).containsEntry("attributedTo", null).containsEntry("serviceAccount",
                Map.of("owner", "platform-team@acme-demo.example", "purpose", "runs CI releases"));
        assertThat(judge(ci)).isEqualTo(Verdict.pass("github account acme-ci-bot (vigil://github/acme-demo) is a "
                + "declared service account owned by platform-team@acme-demo.example (runs CI releases)"));

        // An address no identity-provider account carries is attributed to no one, and says which address.
        assertThat(judge(only(r, "old-contractor")).reason()).endsWith("is attributed to no one in the identity "
                + "provider: by the mapping file it is bob@contractor.example, an address no identity-provider account carries");

        Verdict eve = judge(only(r, "eve-gh"));
        assertThat(eve.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(eve.reason()).contains("eve-gh").contains("the organisation's identity data could not be read");
    }

    @Test
    void anIdentityProviderReadIncompletelyMakesAnUnmatchedAccountUnknownNotFailing() {
        IdentityJoin.Result r = IdentityJoin.join(List.of(ERIN, member("ghost-42", null, null, true, NOT_FOUND),
                member("erin-gh", "erin@acme-demo.com", "saml-identity", true, null)), List.of(), false);
        assertThat(judge(only(r, "ghost-42")).outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(judge(only(r, "ghost-42")).reason()).endsWith("and the identity providers were not all read");
        assertThat(judge(only(r, "erin-gh")).outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void anAccountWithoutItsAttributionFactsIsNeverASilentPass() {
        Map<String, Object> facts = new HashMap<>(Map.of("system", "github", "source", GITHUB, "name", "x"));
        facts.put("attributedTo", null);
        facts.put("serviceAccount", null);
        assertThat(new AccountAttributed().evaluate(new Facts(facts)).outcome()).isEqualTo(Outcome.UNKNOWN);
        Map<String, Object> ownerless = new HashMap<>(Map.of("purpose", "ci"));
        ownerless.put("owner", null); // declared without an owner: not an answer
        facts.put("serviceAccount", ownerless);
        facts.put("attributionKnown", true);
        facts.put("reason", "no SAML identity");
        assertThat(new AccountAttributed().evaluate(new Facts(facts)).outcome()).isEqualTo(Outcome.FAIL);
    }

    @Test
    void iamUsersWhoseTagsWereRefusedAreUnknownNotUnattributed() {
        Map<String, Object> refused = new HashMap<>(Map.of("user", "carl.ops", "consoleAccess", true,
                "accessKeys", List.of(), "tagsRead", false,
                "tagsUnreadReason", "cannot read the tags of IAM user carl.ops: HTTP 403 AccessDenied"));
        refused.put("emailTag", null);
        Account carl = read("aws.iam.user", "vigil://aws/111122223333", "aws:111122223333:iam:user/carl.ops", refused);
        assertThat(carl.attributionKnown()).isFalse();
        assertThat(carl.notFound()).contains("its tags could not be read", "AccessDenied");

        Map<String, Object> tagged = new HashMap<>(Map.of("user", "dave.ops", "consoleAccess", true,
                "accessKeys", List.of(), "tagsRead", true, "emailTag", "Dave@acme-demo.com"));
        Account dave = read("aws.iam.user", "vigil://aws/111122223333", "aws:111122223333:iam:user/dave.ops", tagged);
        assertThat(dave.email()).isEqualTo("dave@acme-demo.com");
        assertThat(dave.joinedBy()).isEqualTo("iam-tag");
    }

    @Test
    void identityCenterUsersAreAttributedByTheAddressTheyShowAndActiveWhileTheyReachAnAccount() {
        Map<String, Object> facts = Map.of("userName", "dave@acme-demo.com", "email", "dave@acme-demo.com",
                "status", "ENABLED", "active", true, "accountAssignments", List.of(Map.of("accountId",
                        "444455556666", "permissionSet", "ReadOnlyAccess", "via", "user")));
        Account dave = read("aws.identitycenter.user", "vigil://aws/111122223333",
                "aws:111122223333:identitycenter:d-1:user/u-4", facts);
        assertThat(dave.system()).isEqualTo("aws-identity-center");
        assertThat(dave.identityProvider()).isFalse();
        assertThat(dave.email()).isEqualTo("dave@acme-demo.com");
        assertThat(dave.joinedBy()).isEqualTo("e-mail");
        assertThat(dave.active()).isTrue();

        IdentityJoin.Result r = IdentityJoin.join(List.of(DAVE, dave), List.of(), true);
        Verdict left = new LeaverAccessRemoved().evaluate(new Facts(IdentityJoin.facts(r.people().get(0), NOW)));
        assertThat(left.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(left.reason()).contains("aws-identity-center account dave@acme-demo.com (vigil://aws/111122223333)");
    }
}
