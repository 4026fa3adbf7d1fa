package dev.vigil.report.generated;

import dev.vigil.common.catalogue.Catalogue;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.vigil.report.generated.Sources.data;
import static dev.vigil.report.generated.Sources.facts;
import static dev.vigil.report.generated.Sources.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class DocumentGeneratorsTest {
    private static final LocalDate DAY = LocalDate.parse("2026-12-04");

    static final SourceResource ALICE = resource("okta.user", "okta:acme-demo.okta.com:user:00u1",
            facts("login", "alice@acme-demo.example", "status", "ACTIVE", "adminRoles", List.of("SUPER_ADMIN")));
    static final SourceResource CAROL = resource("okta.user", "okta:acme-demo.okta.com:user:00u3",
            facts("login", "carol@acme-demo.example", "status", "ACTIVE",
                    "adminRoles", List.of("HELP_DESK_ADMIN", "REPORT_ADMIN")));
    static final SourceResource ERIN = resource("okta.user", "okta:acme-demo.okta.com:user:00u5",
            facts("login", "erin@acme-demo.example", "status", "ACTIVE", "adminRoles", List.of()));
    static final SourceResource IAM_ADMIN = resource("aws.iam.admin-principal",
            "aws:111122223333:iam:user/alice.admin:AdministratorAccess", facts("principalType", "user",
                    "name", "alice.admin", "policyArn", "arn:aws:iam::aws:policy/AdministratorAccess"));
    static final SourceResource OWNER = resource("github.member", "github:acme-demo:member:alice-acme",
            facts("login", "alice-acme", "role", "admin"));
    static final SourceResource MEMBER = resource("github.member", "github:acme-demo:member:bob-acme",
            facts("login", "bob-acme", "role", "member"));
    static final SourceResource ORG = resource("github.organization", "github:acme-demo",
            facts("organization", "acme-demo", "defaultRepositoryPermission", "read"));
    static final SourceResource INFRA = resource("github.repository_access", "github:acme-demo/infra-terraform:access",
            facts("repository", "acme-demo/infra-terraform", "archived", false, "visibility", "private",
                    // GitHub's direct collaborators include the outside ones
                    "directCollaborators", List.of(facts("login", "bob-acme", "role", "write", "admin", false),
                            facts("login", "jo-contractor", "role", "admin", "admin", true)),
                    "outsideCollaborators", List.of(facts("login", "jo-contractor", "role", "admin", "admin", true)),
                    "teams", List.of(facts("slug", "platform", "name", "Platform", "permission", "maintain",
                            "admin", false))));

    @Test
    void theAdminAccessListNamesEveryAdministratorWithTheRoleThatGrantsIt() {
        List<Map<String, Object>> entries = new AdminAccessList()
                .entries(data(ALICE, CAROL, ERIN, IAM_ADMIN, OWNER, MEMBER, INFRA));
        assertThat(entries).extracting(e -> e.get("system"), e -> e.get("account"), e -> e.get("role"),
                e -> e.get("source")).containsExactly(
                tuple("okta", "alice@acme-demo.example", "SUPER_ADMIN", ALICE.resourceKey()),
                tuple("okta", "carol@acme-demo.example", "HELP_DESK_ADMIN", CAROL.resourceKey()),
                tuple("okta", "carol@acme-demo.example", "REPORT_ADMIN", CAROL.resourceKey()),
                tuple("aws:111122223333", "user/alice.admin",
                        "AdministratorAccess (arn:aws:iam::aws:policy/AdministratorAccess)", IAM_ADMIN.resourceKey()),
                tuple("github", "alice-acme", "organization owner", OWNER.resourceKey()),
                tuple("github", "jo-contractor", "admin of repository acme-demo/infra-terraform (outside collaborator)",
                        INFRA.resourceKey()));
    }

    @Test
    void administratorRolesThatCouldNotBeReadMakeTheListIncomplete() {
        SourceResource unread = resource("okta.user", "okta:acme-demo.okta.com:user:00u9",
                facts("login", "zed@acme-demo.example", "status", "ACTIVE", "adminRoles", null));
        assertThatThrownBy(() -> new AdminAccessList().entries(data(ALICE, unread)))
                .isInstanceOf(IncompleteSourceException.class)
                .hasMessage("the administrator roles of Okta user zed@acme-demo.example could not be read");
        SourceResource unknownAdmin = resource("github.repository_access", "github:acme-demo/web:access",
                facts("repository", "web", "directCollaborators", List.of(facts("login", "x", "role", "custom",
                        "admin", null))));
        assertThatThrownBy(() -> new AdminAccessList().entries(data(unknownAdmin)))
                .hasMessage("whether x is an admin of web could not be read");
    }

    @Test
    void theRepositoryAccessListSaysWhoCanReadAndWriteEachRepository() {
        List<Map<String, Object>> entries = new RepositoryAccessList().entries(data(ORG, INFRA));
        assertThat(entries).extracting(e -> e.get("repository"), e -> e.get("granteeKind"), e -> e.get("grantee"),
                e -> e.get("permission")).containsExactly(
                tuple("acme-demo/infra-terraform", "organization-members", "acme-demo", "read"),
                tuple("acme-demo/infra-terraform", "collaborator", "bob-acme", "write"),
                tuple("acme-demo/infra-terraform", "outside-collaborator", "jo-contractor", "admin"),
                tuple("acme-demo/infra-terraform", "team", "platform", "maintain"));
        assertThat(entries).allSatisfy(e -> assertThat(e).containsEntry("visibility", "private")
                .containsEntry("source", INFRA.resourceKey()));
        assertThatThrownBy(() -> new RepositoryAccessList().entries(data(INFRA)))
                .hasMessage("the GitHub organisation's default repository permission was not read");
    }

    @Test
    void theFirewallConfigurationListsEveryInboundRuleAndGroupsThatAdmitNothing() {
        SourceResource bastion = resource("aws.ec2.security-group",
                "aws:111122223333:ec2:us-east-1:security-group/sg-0b1", facts("groupId", "sg-0b1",
                        "groupName", "bastion", "vpcId", "vpc-1", "region", "us-east-1", "ingress", List.of(
                                facts("protocol", "tcp", "fromPort", 22, "toPort", 22, "ipv4Ranges",
                                        List.of("0.0.0.0/0"), "ipv6Ranges", List.of(), "sourceGroups", List.of(),
                                        "prefixLists", List.of()),
                                facts("protocol", "-1", "fromPort", null, "toPort", null, "ipv4Ranges", List.of(),
                                        "ipv6Ranges", List.of(), "sourceGroups", List.of("sg-0a9"),
                                        "prefixLists", List.of("pl-1")))));
        SourceResource closed = resource("aws.ec2.security-group",
                "aws:111122223333:ec2:eu-west-1:security-group/sg-0c2", facts("groupId", "sg-0c2",
                        "groupName", "default", "vpcId", "vpc-2", "region", "eu-west-1", "ingress", List.of()));
        List<Map<String, Object>> entries = new FirewallConfiguration().entries(data(bastion, closed));
        assertThat(entries).extracting(e -> e.get("groupName"), e -> e.get("protocol"), e -> e.get("fromPort"),
                e -> e.get("sources"), e -> e.get("note")).containsExactly(
                tuple("bastion", "tcp", 22, List.of("0.0.0.0/0"), null),
                tuple("bastion", "-1", null, List.of("sg-0a9", "pl-1"), null),
                tuple("default", null, null, List.of(), "no inbound rule: admits nothing"));
        assertThat(entries.get(0)).containsEntry("account", "111122223333").containsEntry("region", "us-east-1");
    }

    @Test
    void theBackupEncryptionSettingsNameEachKeyAndAnUnencryptedBackup() {
        SourceResource db = resource("aws.rds.instance", "aws:111122223333:rds:us-east-1:db/acme-app-db",
                facts("identifier", "acme-app-db", "engine", "postgres", "region", "us-east-1",
                        "storageEncrypted", true, "kmsKeyId", "arn:aws:kms:us-east-1:111122223333:key/k1"));
        SourceResource plain = resource("aws.rds.instance", "aws:111122223333:rds:us-east-1:db/scratch",
                facts("identifier", "scratch", "engine", "mysql", "region", "us-east-1", "storageEncrypted", false,
                        "kmsKeyId", null));
        SourceResource vault = resource("aws.backup.vault", "aws:111122223333:backup:us-east-1:vault/acme-backup-vault",
                facts("name", "acme-backup-vault", "region", "us-east-1",
                        "encryptionKeyArn", "arn:aws:kms:us-east-1:111122223333:key/k2"));
        assertThat(new BackupEncryptionConfiguration().entries(data(db, plain, vault)))
                .extracting(e -> e.get("backupOf"), e -> e.get("encrypted"), e -> e.get("keyManagement"),
                        e -> e.get("key")).containsExactly(
                        tuple("rds:acme-app-db (postgres)", true, "AWS KMS", "arn:aws:kms:us-east-1:111122223333:key/k1"),
                        tuple("rds:scratch (mysql)", false, null, null),
                        tuple("backup vault:acme-backup-vault", true, "AWS KMS",
                                "arn:aws:kms:us-east-1:111122223333:key/k2"));
    }

    @Test
    void thePasswordPolicySettingsAreAsEachProviderStatesThem() {
        SourceResource iam = resource("aws.iam.password-policy", "aws:111122223333:iam:password-policy",
                facts("configured", true, "minimumLength", 8, "requireUppercase", true, "requireLowercase", true,
                        "requireNumbers", true, "requireSymbols", false, "reuseHistory", null, "maxAgeDays", 90));
        SourceResource okta = resource("okta.password-policy", "okta:acme-demo.okta.com:password-policy:00p2",
                facts("name", "Contractors", "priority", 1, "default", false, "groupsIncluded", List.of("00g9"),
                        "provider", "OKTA", "minLength", 8, "minLowerCase", 1, "minUpperCase", 0, "minNumber", 1,
                        "minSymbol", 0, "historyCount", 0, "maxAgeDays", 0, "excludeCommonPasswords", false,
                        "lockoutMaxAttempts", 0));
        SourceResource google = resource("google.password-policy",
                "google:acme-demo.example:password-policy:ahv4hg7qc24kvaghb7zihwf4rjeng",
                facts("policyName", "policies/ahv4hg7qc24kvaghb7zihwf4rjeng", "policyType", "ADMIN", "orgUnit",
                        "orgUnits/03ph8a2z3engin9", "group", null, "minimumLength", 14, "maximumLength", 100,
                        "allowedStrength", "STRONG", "enforceRequirementsAtLogin", true, "allowReuse", false,
                        "expirationDays", 0));
        List<Map<String, Object>> entries = new PasswordPolicyConfiguration().entries(data(iam, okta, google));
        assertThat(entries).extracting(e -> e.get("system"), e -> e.get("policy"), e -> e.get("minimumLength"),
                e -> e.get("reuseHistory"), e -> e.get("lockoutMaxAttempts")).containsExactly(
                tuple("aws:111122223333", "IAM account password policy", 8, null, null),
                tuple("okta", "Contractors (priority 1)", 8, 0, 0),
                tuple("google", "policies/ahv4hg7qc24kvaghb7zihwf4rjeng", 14, null, null));
        assertThat(entries.get(1)).containsEntry("appliesTo", "groups [00g9], passwords held by OKTA")
                .containsEntry("dictionaryExcluded", false);
        // Workspace states strength and reuse, not character classes or a history count
        assertThat(entries.get(2)).containsEntry("appliesTo", "organisational unit orgUnits/03ph8a2z3engin9")
                .containsEntry("characterClasses", Map.of("allowedStrength", "STRONG"))
                .containsEntry("reuseAllowed", false).containsEntry("enforcedAtSignIn", true)
                .containsEntry("maxAgeDays", 0);
    }

    @Test
    void aSnapshotCitesEverySourceAndIsTheSameForTheSameEntriesOnTheSameDay() {
        GeneratedDocument doc = GeneratedDocument.of(new AdminAccessList(),
                new SourceData(data(ALICE, OWNER, MEMBER).resources(), Set.of("aws.iam.admin-principal")), DAY);
        String json = new String(doc.json(), StandardCharsets.UTF_8);
        assertThat(json).startsWith("{\"controlId\":\"LS-14\",").contains("\"document\":\"admin-access-list\"",
                "\"effectiveDate\":\"2026-12-04\"", "\"generatedBy\":\"vigil\"", "\"generator\":\"AdminAccessList\"",
                "\"notCollected\":[\"aws.iam.admin-principal\"]", "\"evidenceId\":\"" + MEMBER.evidenceId() + "\"",
                "\"responseSha256\":\"" + OWNER.responseSha256() + "\"", "\"observedAt\":\"2026-12-04T06:00:00Z\"");
        // members who are not administrators are no entry, but they were read: cited as sources
        assertThat(doc.entries()).hasSize(2);
        assertThat(doc.sourceEvidenceIds()).containsExactlyInAnyOrder(ALICE.evidenceId(), OWNER.evidenceId(),
                MEMBER.evidenceId());

        GeneratedDocument again = GeneratedDocument.of(new AdminAccessList(),
                new SourceData(data(MEMBER, OWNER, ALICE).resources(), Set.of("aws.iam.admin-principal")), DAY);
        assertThat(again.contentSha256()).isEqualTo(doc.contentSha256());
        assertThat(GeneratedDocument.of(new AdminAccessList(), data(ALICE), DAY).contentSha256())
                .isNotEqualTo(doc.contentSha256());
        assertThat(GeneratedDocument.of(new AdminAccessList(),
                new SourceData(data(ALICE, OWNER, MEMBER).resources(), Set.of("aws.iam.admin-principal")),
                DAY.plusDays(1)).contentSha256()).isNotEqualTo(doc.contentSha256());
    }

    @Test
    void nothingIsGeneratedWhenNoSourceWasEverCollectedAndNoSecretReachesTheDocument() {
        assertThatThrownBy(() -> GeneratedDocument.of(new FirewallConfiguration(),
                new SourceData(Map.of(), Set.of("aws.ec2.security-group")), DAY))
                .isInstanceOf(IncompleteSourceException.class)
                .hasMessage("none of aws.ec2.security-group was ever collected");
        SourceResource leaky = resource("okta.user", "okta:acme-demo.okta.com:user:00u7", facts("login",
                "ghp_C4naryT0kenVigilSandbox0000000000001", "status", "ACTIVE", "adminRoles", List.of("ORG_ADMIN")));
        String json = new String(GeneratedDocument.of(new AdminAccessList(), data(leaky), DAY).json(),
                StandardCharsets.UTF_8);
        assertThat(json).doesNotContain("ghp_C4naryT0kenVigilSandbox").contains("[REDACTED]");
    }

    @Test
    void everyShippedGeneratorNamesADocumentItsControlRequires() {
        List<DocumentGenerator> shipped = List.of(new AdminAccessList(), new RepositoryAccessList(),
                new FirewallConfiguration(), new BackupEncryptionConfiguration(), new PasswordPolicyConfiguration());
        DocumentGeneration.checkAgainst(Catalogue.loadDefault(), shipped);
        DocumentGenerator wrong = new FirewallConfiguration() {
            @Override
            public String documentType() {
                return "admin-access-list";
            }
        };
        assertThatThrownBy(() -> DocumentGeneration.checkAgainst(Catalogue.loadDefault(), List.of(wrong)))
                .hasMessageContaining("COM-10 requires no document 'admin-access-list'");
    }
}
