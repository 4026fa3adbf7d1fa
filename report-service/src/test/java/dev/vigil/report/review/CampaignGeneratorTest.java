package dev.vigil.report.review;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CampaignGeneratorTest {
    static final Reviewers REVIEWERS = new Reviewers(
            Map.of("github", "eng-lead", "github:acme/payments", "payments-owner"), "security");

    static final CollectedAccount ALICE_OKTA = account("okta.user", "okta:acme:user:1", Map.of(
            "login", "alice@acme.example", "email", "alice@acme.example", "status", "ACTIVE",
            "adminRoles", List.of("SUPER_ADMIN"), "manager", "carol@acme.example"));
    static final CollectedAccount BOB_OKTA_GONE = account("okta.user", "okta:acme:user:2", Map.of(
            "login", "bob@acme.example", "email", "bob@acme.example", "status", "DEPROVISIONED", "adminRoles", List.of()));
    static final CollectedAccount ALICE_GITHUB = account("github.member", "github:acme:member:alice", Map.of(
            "login", "alice", "role", "admin", "email", "alice@acme.example"));
    static final CollectedAccount EVE_OUTSIDE = account("github.member", "github:acme:member:eve", Map.of(
            "login", "eve", "role", "outside_collaborator"));
    static final CollectedAccount PAYMENTS = account("github.repository_access", "github:acme/payments:access", Map.of(
            "repository", "acme/payments",
            "outsideCollaborators", List.of(Map.of("login", "eve", "role", "write", "admin", false)),
            "directCollaborators", List.of(Map.of("login", "dan", "role", "admin", "admin", true),
                    Map.of("login", "fay", "role", "read", "admin", false)),
            "teams", List.of(Map.of("slug", "core", "permission", "push", "admin", false))));
    static final CollectedAccount DEPLOY_BOT = account("aws.iam.user", "aws:1111:iam:user/deploy", Map.of(
            "user", "deploy", "consoleAccess", false,
            "accessKeys", List.of(Map.of("slot", 1, "active", true))));
    static final CollectedAccount OLD_KEYS = account("aws.iam.user", "aws:1111:iam:user/old", Map.of(
            "user", "old", "consoleAccess", false, "accessKeys", List.of(Map.of("slot", 1, "active", false))));
    static final CollectedAccount ALICE_SSO = account("aws.identitycenter.user", "aws:1111:identitycenter:d-1:user/u1",
            Map.of("userName", "alice", "email", "alice@acme.example", "status", "ENABLED", "active", true,
                    "accountAssignments", List.of(
                            Map.of("accountId", "2222", "permissionSet", "AdministratorAccess", "via", "user"),
                            Map.of("accountId", "3333", "permissionSet", "ReadOnly", "via", "group:eng"))));
    static final CollectedAccount GUEST = account("entra.user", "entra:acme:user:g1", Map.of(
            "userPrincipalName", "vendor#EXT#@acme.example", "email", "vendor@other.example",
            "accountEnabled", true, "userType", "Guest", "admin", false));

    static final List<CollectedAccount> ORG = List.of(ALICE_OKTA, BOB_OKTA_GONE, ALICE_GITHUB, EVE_OUTSIDE, PAYMENTS,
            DEPLOY_BOT, OLD_KEYS, ALICE_SSO, GUEST);

    static CollectedAccount account(String type, String key, Map<String, Object> facts) {
        return new CollectedAccount(type, "vigil://test", key, "sha256:" + key.hashCode(), facts);
    }

    private static List<String> privileges(ReviewScope scope) {
        return CampaignGenerator.generate(scope, ORG, REVIEWERS).stream()
                .map(d -> d.access().account() + ": " + d.access().privilege()).toList();
    }

    @Test
    void codeChangeAccessIsWhoCanWriteToRepositoriesAndTheOwners() {
        assertThat(privileges(ReviewScope.CM_01)).containsExactly(
                "alice: organisation owner",
                "dan: admin on acme/payments",
                "eve: outside collaborator, write on acme/payments",
                "team core: team push on acme/payments");
    }

    @Test
    void userAccessIsEveryActiveAccountAndEveryGrant() {
        assertThat(privileges(ReviewScope.LS_24)).containsExactly(
                "deploy: IAM user",
                "alice: AWS account 2222 as AdministratorAccess",
                "alice: AWS account 3333 as ReadOnly",
                "vendor#EXT#@acme.example: entra account",
                "alice: GitHub admin",
                "dan: admin on acme/payments",
                "eve: GitHub outside collaborator",
                "eve: outside collaborator, write on acme/payments",
                "fay: read on acme/payments",
                "team core: team push on acme/payments",
                "alice@acme.example: okta account");
    }

    @Test
    void externalAccessIsOutsideCollaboratorsAndGuests() {
        assertThat(privileges(ReviewScope.LS_10)).containsExactly(
                "vendor#EXT#@acme.example: Entra ID guest account",
                "eve: GitHub outside collaborator",
                "eve: outside collaborator, write on acme/payments");
    }

    @Test
    void adminAccessIsAdminRolesEverywhere() {
        assertThat(privileges(ReviewScope.LS_14)).containsExactly(
                "alice: AWS account 2222 as AdministratorAccess",
                "alice: organisation owner",
                "dan: admin on acme/payments",
                "alice@acme.example: Okta administrator roles SUPER_ADMIN");
    }

    @Test
    void theManagerFromTheIdentityProviderReviewsTheirPeopleEverywhere() {
        List<CampaignGenerator.Draft> drafts = CampaignGenerator.generate(ReviewScope.LS_14, ORG, REVIEWERS);
        assertThat(drafts).filteredOn(d -> "alice@acme.example".equals(d.access().person()))
                .extracting(d -> d.reviewer().reviewer() + " " + d.reviewer().basis())
                .containsOnly("carol@acme.example MANAGER").hasSize(3);
        assertThat(drafts).filteredOn(d -> d.access().account().equals("dan"))
                .extracting(d -> d.reviewer().reviewer() + " " + d.reviewer().basis())
                .containsExactly("payments-owner RESOURCE_OWNER");
    }

    @Test
    void aSystemOwnerThenTheDefaultReviewerTakeTheRest() {
        assertThat(CampaignGenerator.generate(ReviewScope.LS_10, ORG, REVIEWERS))
                .extracting(d -> d.access().account() + " " + d.reviewer().reviewer() + " " + d.reviewer().basis())
                .containsExactly("vendor#EXT#@acme.example security DEFAULT",
                        "eve eng-lead SYSTEM_OWNER",
                        "eve payments-owner RESOURCE_OWNER");
    }

    @Test
    void aRevokedAccessIsAbsentFromTheCurrentAccessOnlyOnceTheCollectionShowsItGone() {
        String eveOnPayments = "github:acme/payments:access#outside collaborator, write on acme/payments";
        assertThat(CampaignGenerator.currentAccess(ReviewScope.LS_10, ORG)).contains(eveOnPayments);
        CollectedAccount removed = account("github.repository_access", "github:acme/payments:access",
                Map.of("repository", "acme/payments", "outsideCollaborators", List.of()));
        assertThat(CampaignGenerator.currentAccess(ReviewScope.LS_10, List.of(removed, EVE_OUTSIDE)))
                .doesNotContain(eveOnPayments).hasSize(1);
    }

    @Test
    void aDeactivatedIdentityProviderAccountIsNoAccess() {
        assertThat(CampaignGenerator.currentAccess(ReviewScope.LS_24, List.of(BOB_OKTA_GONE))).isEmpty();
    }
}
