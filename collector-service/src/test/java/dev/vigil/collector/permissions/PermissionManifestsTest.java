package dev.vigil.collector.permissions;

import dev.vigil.collector.aws.iam.IamCollector;
import dev.vigil.collector.config.VigilConfig;
import dev.vigil.collector.github.GitHubBranchProtectionCollector;
import dev.vigil.collector.spi.CollectorInfo;
import dev.vigil.collector.spi.Permission;
import io.smallrye.config.WithName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PermissionManifestsTest {
    private static final Path DEPLOY = Path.of("..", "deploy");

    private static PermissionManifests.Declared fake(List<Permission> permissions) {
        return new PermissionManifests.Declared("dev.vigil.collector.FakeCollector",
                new CollectorInfo("fake-writer", "1.0.0", "aws", List.of("aws.fake"), permissions));
    }

    /**
     * The scan is the registry that the docs tests, the collection tests and the bench take their collector lists
     * from (CollectionIT checks that the runner's CDI beans are the same): it must find every collector, each with
     * its section of settings, and no section may be left without its collector.
     */
    @Test
    void findsEveryCollectorClassEachWithItsSettingsSection() {
        List<String> sections = Stream.of(VigilConfig.Collectors.class.getDeclaredMethods())
                .map(m -> m.getAnnotation(WithName.class)).filter(Objects::nonNull).map(WithName::value).toList();
        assertThat(sections).as("sections of vigil.collectors (VigilConfig.Collectors)").isNotEmpty();
        assertThat(PermissionManifests.collectors()).extracting(d -> d.info().name())
                .as("collectors the build finds, against the sections of vigil.collectors")
                .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(sections);
        assertThat(PermissionManifests.collectors()).extracting(PermissionManifests.Declared::className)
                .contains(IamCollector.class.getName(), GitHubBranchProtectionCollector.class.getName());
    }

    @Test
    void everyDeclaredPermissionIsReadOnly() {
        List<PermissionManifests.Declared> declared = PermissionManifests.collectors();
        assertThat(PermissionManifests.violations(declared)).isEmpty();
        assertThat(PermissionManifests.awsActions(declared)).isNotEmpty()
                .allMatch(PermissionManifests::isReadOnlyAwsAction);
        assertThat(PermissionManifests.gitHubPermissions(declared)).isNotEmpty().containsOnlyKeys(
                "administration", "members", "metadata", "organization_administration").allSatisfy((key, level) ->
                assertThat(level).isEqualTo("read"));
    }

    @Test
    void aWriteActionIsRefusedNamingTheCollectorAndTheAction() {
        var writer = fake(Permission.aws("s3:GetEncryptionConfiguration", "s3:PutBucketPolicy", "iam:CreateUser"));
        assertThat(PermissionManifests.violations(List.of(writer))).hasSize(2).allSatisfy(message ->
                assertThat(message).contains("fake-writer", "dev.vigil.collector.FakeCollector"));
        assertThat(PermissionManifests.violations(List.of(writer))).anySatisfy(m -> assertThat(m).contains("s3:PutBucketPolicy"))
                .anySatisfy(m -> assertThat(m).contains("iam:CreateUser"));
        // wildcards and malformed actions are refused too
        assertThat(PermissionManifests.violations(List.of(fake(Permission.aws("s3:*", "ec2:describeVolumes")))))
                .hasSize(2);
        assertThat(PermissionManifests.violations(List.of(fake(Permission.aws("iam:GenerateCredentialReport",
                "ec2:DescribeVolumes", "iam:ListEntitiesForPolicy", "iam:GetCredentialReport"))))).isEmpty();
    }

    @Test
    void aGitHubWritePermissionIsRefused() {
        var writer = fake(List.of(new Permission(Permission.GITHUB, "contents", Permission.Access.WRITE,
                "GitHub: Contents (write) on repositories")));
        assertThat(PermissionManifests.violations(List.of(writer))).singleElement().asString()
                .contains("fake-writer", "contents", "write");
    }

    @Test
    void theGeneratorRefusesToWriteWhenAnythingIsNotReadOnly() {
        // main() checks the real collectors; the refusal itself is violations(), exercised above
        assertThat(PermissionManifests.violations(List.of(fake(Permission.aws("s3:PutBucketPolicy"))))).isNotEmpty();
    }

    @Test
    void theCommittedFilesAreWhatTheDeclarationsGenerate() throws Exception {
        List<PermissionManifests.Declared> declared = PermissionManifests.collectors();
        assertThat(Files.readString(DEPLOY.resolve(PermissionManifests.IAM_POLICY), StandardCharsets.UTF_8))
                .as("deploy/aws/iam-policy.json is stale: run ./mvnw process-classes -pl collector-service")
                .isEqualTo(PermissionManifests.iamPolicy(declared));
        assertThat(Files.readString(DEPLOY.resolve(PermissionManifests.GITHUB_APP_MANIFEST), StandardCharsets.UTF_8))
                .as("deploy/github/app-manifest.json is stale: run ./mvnw process-classes -pl collector-service")
                .isEqualTo(PermissionManifests.gitHubAppManifest(declared));
    }

    @Test
    void filesArePrintedTwoSpaceIndentedOneElementALine() {
        Map<String, Object> value = new java.util.LinkedHashMap<>();
        value.put("name", "Vigil \"reader\"\n");
        value.put("public", false);
        value.put("events", List.of("member", "repository"));
        value.put("none", List.of());
        value.put("empty", Map.of());
        value.put("nested", Map.of("level", 2));

        assertThat(PermissionManifests.Json.write(value)).isEqualTo("""
                {
                  "name": "Vigil \\"reader\\"\\n",
                  "public": false,
                  "events": [
                    "member",
                    "repository"
                  ],
                  "none": [],
                  "empty": {},
                  "nested": {
                    "level": 2
                  }
                }
                """);
    }

    @Test
    void thePolicyAllowsExactlyTheDeclaredActions() {
        String policy = PermissionManifests.iamPolicy(PermissionManifests.collectors());
        assertThat(policy).startsWith("{\n  \"Version\": \"2012-10-17\",\n").endsWith("}\n")
                .contains("\"Sid\": \"VigilReadOnly\"", "\"Effect\": \"Allow\"", "\"Resource\": \"*\"",
                        "\"iam:GenerateCredentialReport\"", "\"s3:GetEncryptionConfiguration\"", "\"ec2:DescribeRegions\"")
                .doesNotContain("Deny", "okta", "User.Read.All");
        // ec2:DescribeRegions is declared by three collectors and listed once
        assertThat(policy.split("ec2:DescribeRegions", -1)).hasSize(2);
        assertThat(PermissionManifests.gitHubAppManifest(PermissionManifests.collectors()))
                .contains("\"public\": false", "\"active\": true", "\"url\": \"https://vigil.example.com/hooks/github\"",
                        "\"organization_administration\": \"read\"")
                // exactly what the receiver reads again for, no more
                .contains("\"default_events\": [\n    \"branch_protection_rule\",\n    \"member\",\n    \"membership\",\n"
                        + "    \"organization\",\n    \"repository\",\n    \"repository_ruleset\",\n"
                        + "    \"security_and_analysis\",\n    \"team\"\n  ]");
    }

    @Test
    void checkModeFailsOnAStaleFileAndWriteModeRefreshesIt(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("aws"));
        Files.writeString(dir.resolve(PermissionManifests.IAM_POLICY), "{}\n");
        assertThatThrownBy(() -> PermissionManifests.main(new String[] {dir.toString(), "check"}))
                .hasMessageContaining("stale").hasMessageContaining("iam-policy.json");
        PermissionManifests.main(new String[] {dir.toString()});
        PermissionManifests.main(new String[] {dir.toString(), "check"});
        assertThat(Files.readString(dir.resolve(PermissionManifests.GITHUB_APP_MANIFEST)))
                .isEqualTo(PermissionManifests.gitHubAppManifest(PermissionManifests.collectors()));
    }
}
