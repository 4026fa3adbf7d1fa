package dev.vigil.deploy.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/aws/vigil-member-role.yaml, the read-only role for each account Vigil reads, carries exactly the policy
 * collector-service's build generates (deploy/aws/iam-policy.json), so the two cannot drift apart, and trusts only
 * the collector's principal with the external id.
 */
class AwsMemberRoleTest {

    static final JsonNode TEMPLATE = read(new YAMLMapper(), "deploy/aws/vigil-member-role.yaml");
    static final JsonNode GENERATED = read(new ObjectMapper(), "deploy/aws/iam-policy.json");
    static final JsonNode ROLE = TEMPLATE.at("/Resources/VigilReadOnlyRole");

    @Test
    void theRoleCarriesExactlyTheGeneratedPolicy() {
        assertThat(ROLE.path("Type").asText()).isEqualTo("AWS::IAM::Role");
        assertThat(ROLE.at("/Properties/Policies").size()).isEqualTo(1);
        assertThat(ROLE.at("/Properties/Policies/0/PolicyDocument"))
                .as("deploy/aws/vigil-member-role.yaml's PolicyDocument differs from deploy/aws/iam-policy.json: copy the "
                        + "generated statements into the template (./mvnw process-classes -pl collector-service writes the JSON)")
                .isEqualTo(GENERATED);
        assertThat(ROLE.at("/Properties/ManagedPolicyArns").isMissingNode()).as("no managed policy widens it").isTrue();
    }

    @Test
    void theGeneratedPolicyOnlyReads() {
        for (JsonNode statement : GENERATED.path("Statement")) {
            assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
            for (JsonNode action : statement.path("Action")) {
                // GenerateCredentialReport asks IAM to build the report that GetCredentialReport reads
                assertThat(action.asText().split(":")[1]).as(action.asText())
                        .matches("(Get|List|Describe|GenerateCredentialReport).*");
            }
        }
    }

    @Test
    void onlyTheCollectorsPrincipalWithTheExternalIdMayAssumeIt() {
        JsonNode trust = ROLE.at("/Properties/AssumeRolePolicyDocument/Statement");
        assertThat(trust.size()).isEqualTo(1);
        JsonNode statement = trust.get(0);
        assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
        assertThat(statement.path("Action").asText()).isEqualTo("sts:AssumeRole");
        assertThat(statement.at("/Principal/AWS/Ref").asText()).isEqualTo("VigilPrincipalArn");
        assertThat(statement.at("/Condition/StringEquals/sts:ExternalId/Ref").asText()).isEqualTo("ExternalId");
        assertThat(TEMPLATE.at("/Parameters/ExternalId/NoEcho").asBoolean()).isTrue();
        // the name collector-service assumes in each member account unless told otherwise
        assertThat(TEMPLATE.at("/Parameters/RoleName/Default").asText()).isEqualTo("VigilReadOnly");
        assertThat(ROLE.at("/Properties/RoleName/Ref").asText()).isEqualTo("RoleName");
    }

    private static JsonNode read(ObjectMapper mapper, String path) {
        try {
            return mapper.readTree(RenderedChart.ROOT.resolve(path).toFile());
        } catch (IOException e) {
            throw new IllegalStateException(path, e);
        }
    }
}
