package dev.vigil.deploy.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * deploy/helm/vigil rendered with its default values and with the Strimzi + CloudNativePG example, every object
 * checked against the Kubernetes API schemas (KubernetesSchemas) and against what the services need
 * (docs/deploy-kubernetes.md, docs/scale-out.md).
 */
class HelmChartTest {

    static final List<String> SERVICES = List.of("collector-service", "control-evaluator", "report-service");
    static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    static RenderedChart defaults;
    static RenderedChart strimzi;

    @BeforeAll
    static void render() {
        defaults = RenderedChart.render();
        strimzi = RenderedChart.render(RenderedChart.STRIMZI_CLOUDNATIVEPG);
    }

    static Stream<RenderedChart> renderings() {
        return Stream.of(defaults, strimzi);
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void everyObjectIsAKnownKindValidAgainstItsSchema(RenderedChart chart) {
        assertThat(chart.objects).isNotEmpty();
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ObjectNode object : chart.objects) {
            String key = RenderedChart.key(object);
            String name = object.path("metadata").path("name").asText();
            if (object.path("apiVersion").asText().isEmpty() || name.isEmpty()) {
                problems.add(key + ": apiVersion, kind and metadata.name are required");
            }
            if (name.length() > 63 || !DNS_LABEL.matcher(name).matches()) {
                problems.add(key + ": name is not a DNS label");
            }
            if (!seen.add(KubernetesSchemas.typeOf(object) + "/" + name)) {
                problems.add(key + ": rendered twice");
            }
            if (KubernetesSchemas.modelled(object)) {
                KubernetesSchemas.problems(object).forEach(p -> problems.add(key + " " + p));
            } else if (!KubernetesSchemas.CHECKED_BY_HAND.contains(KubernetesSchemas.typeOf(object))) {
                problems.add(key + ": no schema to validate " + KubernetesSchemas.typeOf(object) + " against");
            }
        }
        assertThat(problems).as("in\n" + chart.text).isEmpty();
    }

    @Test
    void theSchemaCheckCatchesAFieldTheApiDoesNotHave() {
        // a misspelt field (readinessProbe's "periodSecond") would otherwise be dropped silently by the API server
        ObjectNode deployment = defaults.named("Deployment", "vigil-report-service").deepCopy();
        ((ObjectNode) deployment.at("/spec/template/spec/containers/0/readinessProbe")).put("periodSecond", 5);
        assertThat(KubernetesSchemas.problems(deployment))
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .contains("readinessProbe").contains("periodSecond");

        // the CRDs' models too: Strimzi's KafkaUser ("quota" for "quotas"), the Prometheus Operator's ServiceMonitor
        ObjectNode user = strimzi.named("KafkaUser", "vigil-report").deepCopy();
        ((ObjectNode) user.path("spec")).putObject("quota").put("producerByteRate", 1024);
        assertThat(KubernetesSchemas.problems(user)).singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .contains(".spec").contains("quota");
        ObjectNode monitor = strimzi.named("ServiceMonitor", "vigil-report-service").deepCopy();
        ((ObjectNode) monitor.at("/spec/endpoints/0")).put("scrapeEvery", "30s");
        assertThat(KubernetesSchemas.problems(monitor)).singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .contains("endpoints[0]").contains("scrapeEvery");

        ObjectNode service = defaults.named("Service", "vigil-report-service").deepCopy();
        ((ObjectNode) service.at("/spec/ports/0")).put("port", "not a number");
        assertThat(KubernetesSchemas.problems(service)).singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .contains("does not read");
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void eachServiceIsADeploymentWithProbesResourcesAndALockedDownContainer(RenderedChart chart) {
        for (String service : SERVICES) {
            ObjectNode deployment = chart.named("Deployment", "vigil-" + service);
            JsonNode pod = deployment.at("/spec/template/spec");
            JsonNode podLabels = deployment.at("/spec/template/metadata/labels");
            assertThat(selects(deployment.at("/spec/selector/matchLabels"), podLabels)).as(service).isTrue();

            JsonNode container = pod.at("/containers/0");
            assertThat(container.path("name").asText()).isEqualTo(service);
            assertThat(container.path("image").asText()).matches(".+/vigil-" + service + ":[^:/]+");
            assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/q/health/ready");
            assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/q/health/live");
            assertThat(container.at("/startupProbe/httpGet/path").asText()).isEqualTo("/q/health/started");
            for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
                assertThat(container.at("/" + probe + "/httpGet/port").asText()).isEqualTo("http");
            }
            assertThat(container.at("/ports/0/name").asText()).isEqualTo("http");
            assertThat(container.at("/resources/requests/cpu").isMissingNode()).as(service).isFalse();
            assertThat(container.at("/resources/requests/memory").isMissingNode()).as(service).isFalse();
            assertThat(container.at("/resources/limits/memory").isMissingNode()).as(service).isFalse();

            assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).as(service).isTrue();
            assertThat(pod.at("/securityContext/runAsUser").asInt()).isEqualTo(185);
            assertThat(pod.at("/automountServiceAccountToken").asBoolean(true)).isFalse();
            for (JsonNode c : concat(pod.path("initContainers"), pod.path("containers"))) {
                JsonNode security = c.path("securityContext");
                assertThat(security.path("readOnlyRootFilesystem").asBoolean()).as(service + " " + c.path("name")).isTrue();
                assertThat(security.path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
                assertThat(security.at("/capabilities/drop/0").asText()).isEqualTo("ALL");
            }
            // the Quarkus HTTP server listens on every interface of the pod, on the port the Service targets
            assertThat(env(container, "QUARKUS_HTTP_HOST")).isEqualTo("0.0.0.0");
            assertThat(env(container, "QUARKUS_HTTP_PORT")).isEqualTo(container.at("/ports/0/containerPort").asText());
        }
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void secretsComeFromSecretsAndNeverFromValues(RenderedChart chart) {
        Pattern secretish = Pattern.compile(".*(SECRET|PASSWORD|TOKEN|JAAS|ENCRYPTION_KEY).*");
        for (ObjectNode deployment : chart.ofKind("Deployment")) {
            for (JsonNode container : deployment.at("/spec/template/spec/containers")) {
                Set<String> names = new HashSet<>();
                for (JsonNode variable : container.path("env")) {
                    String name = variable.path("name").asText();
                    assertThat(names.add(name)).as(RenderedChart.key(deployment) + " sets " + name + " twice").isTrue();
                    if (secretish.matcher(name).matches() && !name.endsWith("_URL") && !name.endsWith("_FILE")
                            && !name.equals("VIGIL_AWS_SECRET_ACCESS_KEY")) {
                        assertThat(variable.at("/valueFrom/secretKeyRef/name").asText())
                                .as(RenderedChart.key(deployment) + " " + name).isNotEmpty();
                    }
                }
                // the static AWS key of the sandbox is blanked: the pod's role is used
                if (names.contains("VIGIL_AWS_SECRET_ACCESS_KEY")) {
                    assertThat(env(container, "VIGIL_AWS_SECRET_ACCESS_KEY")).isEmpty();
                }
            }
        }
        // the only Secrets the chart writes hold no secret: a user name, KEDA's SASL mechanism and TLS switch
        for (ObjectNode secret : chart.ofKind("Secret")) {
            assertThat(secret.path("stringData").properties()).allSatisfy(field ->
                    assertThat(field.getValue().asText()).isIn("prometheus", "scram_sha512", "enable", "disable"));
        }
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void keyFilesAreCopiedOwnerOnlyAndConsumersTrustThePublishersKeyIds(RenderedChart chart) {
        Map<String, String> keyIds = Map.of("collector-service", "collector-2026-12", "control-evaluator",
                "evaluator-2026-12", "report-service", "report-2026-12");
        for (String service : SERVICES) {
            JsonNode pod = chart.named("Deployment", "vigil-" + service).at("/spec/template/spec");
            JsonNode container = pod.at("/containers/0");
            assertThat(env(container, "VIGIL_EVENTS_SIGNING_KEY_FILE")).isEqualTo("/run/vigil/keys/event-signing-key.pem");
            assertThat(env(container, "VIGIL_EVENTS_SIGNING_KEY_ID")).isEqualTo(keyIds.get(service));
            assertThat(pod.at("/initContainers/0/command/2").asText()).contains("chmod 600 /run/vigil/keys/");
            JsonNode keys = volume(pod, "keys");
            assertThat(keys.at("/emptyDir/medium").asText()).isEqualTo("Memory");
        }
        assertThat(trusted(chart, "control-evaluator")).containsExactly("collector-2026-12.pem", "report-2026-12.pem");
        assertThat(trusted(chart, "report-service")).containsExactly("evaluator-2026-12.pem");
        assertThat(volumeOrNull(chart.named("Deployment", "vigil-collector-service").at("/spec/template/spec"),
                "trusted-keys")).isNull();
        JsonNode report = chart.named("Deployment", "vigil-report-service").at("/spec/template/spec/containers/0");
        assertThat(env(report, "VIGIL_BUNDLES_SIGNING_KEY")).isEqualTo("/run/vigil/keys/bundle-signing-key.pem");
        assertThat(report.at("/env").toString()).contains("QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY");
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void theEvaluatorRunsAsExactlyOneNeverTwoAtOnceTheCollectorRollsOnlyReportServiceAutoscales(RenderedChart chart) {
        ObjectNode evaluator = chart.named("Deployment", "vigil-control-evaluator");
        assertThat(evaluator.at("/spec/replicas").asInt()).isEqualTo(1);
        assertThat(evaluator.at("/spec/strategy/type").asText()).isEqualTo("Recreate");
        // collector-service instances share runs through leases: an upgrade may overlap them
        ObjectNode collector = chart.named("Deployment", "vigil-collector-service");
        assertThat(collector.at("/spec/replicas").asInt()).isEqualTo(1);
        assertThat(collector.at("/spec/strategy/type").asText()).isEqualTo("RollingUpdate");
        assertThat(collector.at("/spec/template/spec/containers/0/env").toString())
                .contains("{\"name\":\"VIGIL_COLLECTION_INSTANCE_ID\",\"valueFrom\":{\"fieldRef\":{\"fieldPath\":\"metadata.name\"}}}");
        List<String> scaled = Stream.concat(chart.ofKind("HorizontalPodAutoscaler").stream()
                        .map(h -> h.at("/spec/scaleTargetRef/name").asText()),
                chart.ofKind("ScaledObject").stream().map(s -> s.at("/spec/scaleTargetRef/name").asText())).toList();
        assertThat(scaled).containsExactly("vigil-report-service");
        // an autoscaled Deployment leaves its replica count to the autoscaler
        assertThat(chart.named("Deployment", "vigil-report-service").at("/spec/replicas").isMissingNode()).isTrue();
    }

    @Test
    void twoCollectorsRenderButTwoEvaluatorsFailTheRender() throws Exception {
        assertThat(RenderedChart.renderWith("collectorService:\n  replicas: 2\n")
                .named("Deployment", "vigil-collector-service").at("/spec/replicas").asInt()).isEqualTo(2);
        assertThatThrownBy(() -> RenderedChart.renderWith("controlEvaluator:\n  replicas: 2\n"))
                .hasMessageContaining("controlEvaluator.replicas must be 1").hasMessageContaining("scale-out.md");
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void everyDeploymentHasADisruptionBudgetANetworkPolicyAndAServiceSelectingIt(RenderedChart chart) {
        for (ObjectNode deployment : chart.ofKind("Deployment")) {
            JsonNode podLabels = deployment.at("/spec/template/metadata/labels");
            String name = RenderedChart.key(deployment);
            assertThat(chart.ofKind("PodDisruptionBudget")
                    .stream().filter(p -> selects(p.at("/spec/selector/matchLabels"), podLabels))
                    .map(p -> p.at("/spec/maxUnavailable").asInt())).as(name).containsExactly(1);
            assertThat(chart.ofKind("NetworkPolicy").stream()
                    .filter(p -> selects(p.at("/spec/podSelector/matchLabels"), podLabels))).as(name).hasSize(1);
            assertThat(chart.ofKind("Service").stream()
                    .filter(s -> selects(s.at("/spec/selector"), podLabels))).as(name).hasSize(1);
        }
        for (ObjectNode service : chart.ofKind("Service")) {
            assertThat(service.at("/spec/ports/0/targetPort").asText()).isEqualTo("http");
        }
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void onlyReportServiceAndTheEventReceiversAreReachableFromOutside(RenderedChart chart) {
        ObjectNode ingress = chart.named("Ingress", "vigil");
        Map<String, String> routes = new java.util.TreeMap<>();
        for (JsonNode path : ingress.at("/spec/rules/0/http/paths")) {
            routes.put(path.path("path").asText(), path.at("/backend/service/name").asText());
            assertThat(chart.named("Service", path.at("/backend/service/name").asText())).isNotNull();
        }
        assertThat(routes).containsExactlyInAnyOrderEntriesOf(
                Map.of("/", "vigil-report-service", "/hooks", "vigil-collector-service"));
        assertThat(env(chart.named("Deployment", "vigil-collector-service").at("/spec/template/spec/containers/0"),
                "VIGIL_EVENTS_RECEIVER_PATH")).isEqualTo("/hooks");

        Map<String, List<String>> from = new java.util.HashMap<>();
        for (ObjectNode policy : chart.ofKind("NetworkPolicy")) {
            String component = policy.at("/spec/podSelector/matchLabels/app.kubernetes.io~1component").asText();
            assertThat(policy.at("/spec/policyTypes").toString()).contains("Ingress");
            List<String> peers = new ArrayList<>();
            for (JsonNode rule : policy.at("/spec/ingress")) {
                for (JsonNode peer : rule.path("from")) {
                    peers.add(peer.has("namespaceSelector")
                            ? "namespace " + peer.at("/namespaceSelector/matchLabels/kubernetes.io~1metadata.name").asText()
                            : "pods " + peer.at("/podSelector/matchLabels/app.kubernetes.io~1component").asText());
                }
            }
            from.put(component, peers);
        }
        assertThat(from.get("report-service")).containsExactlyInAnyOrder("namespace ingress-nginx", "namespace monitoring");
        assertThat(from.get("collector-service"))
                .containsExactlyInAnyOrder("namespace ingress-nginx", "pods report-service", "namespace monitoring");
        assertThat(from.get("control-evaluator")).containsExactlyInAnyOrder("pods report-service", "namespace monitoring");
    }

    @Test
    void withoutAReceiverPathTheCollectorIsNotExposedAtAll() {
        RenderedChart chart = RenderedChart.renderWith("ingress:\n  receiverPath: \"\"\n");
        assertThat(chart.named("Ingress", "vigil").at("/spec/rules/0/http/paths").size()).isEqualTo(1);
        assertThat(chart.named("NetworkPolicy", "vigil-collector-service").at("/spec/ingress").toString())
                .doesNotContain("ingress-nginx");
    }

    @Test
    void defaultsPointTheCollectorsAwayFromTheSandbox() {
        JsonNode collector = defaults.named("Deployment", "vigil-collector-service").at("/spec/template/spec/containers/0");
        assertThat(collector.at("/env").toString()).doesNotContain("127.0.0.1").doesNotContain("8089");
        assertThat(env(collector, "VIGIL_AWS_ENDPOINT_OVERRIDE")).isEmpty();
        assertThat(env(collector, "VIGIL_AWS_ACCESS_KEY_ID")).isEmpty();
        assertThat(env(collector, "VIGIL_COLLECTORS_GITHUB_BRANCH_PROTECTION_ENDPOINT")).isEqualTo("https://api.github.com");
        // the evidence store is shared: S3, the same bucket and prefix for both writers
        JsonNode report = defaults.named("Deployment", "vigil-report-service").at("/spec/template/spec/containers/0");
        for (String key : List.of("VIGIL_EVIDENCE_STORE_KIND", "VIGIL_EVIDENCE_STORE_S3_BUCKET", "VIGIL_EVIDENCE_STORE_S3_PREFIX")) {
            assertThat(env(collector, key)).isEqualTo(env(report, key)).isNotEmpty();
        }
    }

    @Test
    void strimziAndCloudNativePgValuesUseTheirSecretsAndServices() {
        for (String service : SERVICES) {
            JsonNode container = strimzi.named("Deployment", "vigil-" + service).at("/spec/template/spec/containers/0");
            assertThat(env(container, "KAFKA_BOOTSTRAP_SERVERS")).isEqualTo("vigil-kafka-kafka-bootstrap:9093");
            assertThat(env(container, "KAFKA_SECURITY_PROTOCOL")).isEqualTo("SASL_SSL");
            assertThat(env(container, "KAFKA_SSL_TRUSTSTORE_TYPE")).isEqualTo("PEM");
            assertThat(secretRef(container, "KAFKA_SASL_JAAS_CONFIG")).endsWith("/sasl.jaas.config");
            assertThat(env(container, "QUARKUS_DATASOURCE_JDBC_URL")).startsWith("jdbc:postgresql://vigil-db-rw:5432/");
            assertThat(secretRef(container, "QUARKUS_DATASOURCE_USERNAME")).isEqualTo("vigil-db-app/username");
            assertThat(secretRef(container, "QUARKUS_DATASOURCE_PASSWORD")).isEqualTo("vigil-db-app/password");
        }
        // each Kafka user is named like the secret the Deployment reads, which Strimzi's User Operator writes
        for (ObjectNode user : strimzi.ofKind("KafkaUser")) {
            String name = user.at("/metadata/name").asText();
            assertThat(user.at("/metadata/labels/strimzi.io~1cluster").asText()).isEqualTo("vigil-kafka");
            assertThat(user.at("/spec/authentication/type").asText()).isEqualTo("scram-sha-512");
            assertThat(strimzi.ofKind("Deployment").stream().map(d -> d.at("/spec/template/spec/containers/0"))
                    .filter(c -> secretRef(c, "KAFKA_SASL_JAAS_CONFIG").equals(name + "/sasl.jaas.config"))).hasSize(1);
            for (JsonNode acl : user.at("/spec/authorization/acls")) {
                assertThat(acl.at("/resource/type").asText()).isIn("topic", "group");
                assertThat(acl.at("/resource/name").asText()).isNotEmpty();
                assertThat(acl.at("/resource/patternType").asText()).isEqualTo("literal");
                assertThat(acl.path("operations").size()).isPositive();
            }
        }
        assertThat(strimzi.ofKind("KafkaUser")).hasSize(3);
        assertThat(strimzi.ofKind("KafkaTopic").stream().map(t -> t.at("/spec/topicName").asText()))
                .containsExactlyInAnyOrder("vigil.evidence.v1", "vigil.evidence.v1.dlq", "vigil.collection-runs.v1",
                        "vigil.collection-runs.v1.dlq", "vigil.control-status.v1", "vigil.control-status.v1.dlq");
        for (ObjectNode topic : strimzi.ofKind("KafkaTopic")) {
            assertThat(topic.at("/spec/partitions").asInt()).isPositive();
            assertThat(topic.at("/spec/replicas").asInt()).isPositive();
        }
        // the evaluator publishes status, reads evidence with its group; the collector writes only its two topics
        assertThat(strimzi.named("KafkaUser", "vigil-collector").at("/spec/authorization/acls").toString())
                .doesNotContain("Read").doesNotContain("control-status");
    }

    @Test
    void kedaScalesReportServiceOnItsConsumerLagWithItsOwnKafkaUser() {
        ObjectNode scaled = strimzi.named("ScaledObject", "vigil-report-service");
        assertThat(scaled.at("/spec/scaleTargetRef/name").asText()).isEqualTo("vigil-report-service");
        JsonNode kafka = scaled.at("/spec/triggers/0");
        assertThat(kafka.path("type").asText()).isEqualTo("kafka");
        assertThat(kafka.at("/metadata/consumerGroup").asText()).isEqualTo("vigil-report-service");
        assertThat(kafka.at("/metadata/topic").asText()).isEqualTo("vigil.control-status.v1");
        assertThat(kafka.at("/metadata/bootstrapServers").asText()).isEqualTo("vigil-kafka-kafka-bootstrap:9093");
        // KEDA's metadata values are strings
        kafka.path("metadata").properties().forEach(f -> assertThat(f.getValue().isTextual()).as(f.getKey()).isTrue());
        ObjectNode auth = strimzi.named("TriggerAuthentication", kafka.at("/authenticationRef/name").asText());
        assertThat(auth.at("/spec/secretTargetRef").toString()).contains("\"parameter\":\"password\"")
                .contains("\"name\":\"vigil-report\"").contains("\"parameter\":\"ca\"");
        assertThat(auth.at("/spec/env/0/containerName").asText()).isEqualTo("report-service");
        JsonNode report = strimzi.named("Deployment", "vigil-report-service").at("/spec/template/spec/containers/0");
        assertThat(env(report, "VIGIL_KAFKA_USERNAME")).isEqualTo("vigil-report");
        assertThat(strimzi.ofKind("HorizontalPodAutoscaler")).isEmpty();
        assertThat(strimzi.named("Secret", "vigil-report-service-keda-kafka").at("/stringData/sasl").asText())
                .isEqualTo("scram_sha512");
    }

    @Test
    void serviceMonitorsScrapeEveryServicesMetricsWithThePrometheusCredential() {
        assertThat(defaults.ofKind("ServiceMonitor")).isEmpty();
        assertThat(strimzi.ofKind("ServiceMonitor")).hasSize(3);
        for (ObjectNode monitor : strimzi.ofKind("ServiceMonitor")) {
            JsonNode endpoint = monitor.at("/spec/endpoints/0");
            assertThat(endpoint.path("path").asText()).isEqualTo("/q/metrics");
            assertThat(endpoint.path("port").asText()).isEqualTo("http");
            assertThat(endpoint.at("/basicAuth/password/name").asText()).isEqualTo("vigil-service-credentials");
            assertThat(strimzi.ofKind("Service").stream()
                    .filter(s -> selects(monitor.at("/spec/selector/matchLabels"), s.at("/metadata/labels")))).hasSize(1);
        }
        assertThat(strimzi.named("Secret", "vigil-prometheus-user").at("/stringData/username").asText()).isEqualTo("prometheus");
    }

    // ---- helpers ----

    static boolean selects(JsonNode selector, JsonNode labels) {
        if (selector.isMissingNode() || selector.isEmpty()) {
            return false;
        }
        for (var entry : selector.properties()) {
            if (!entry.getValue().asText().equals(labels.path(entry.getKey()).asText(null))) {
                return false;
            }
        }
        return true;
    }

    static String env(JsonNode container, String name) {
        for (JsonNode variable : container.path("env")) {
            if (variable.path("name").asText().equals(name)) {
                return variable.path("value").asText();
            }
        }
        throw new AssertionError(container.path("name").asText() + " has no environment variable " + name);
    }

    static String secretRef(JsonNode container, String name) {
        for (JsonNode variable : container.path("env")) {
            if (variable.path("name").asText().equals(name)) {
                JsonNode ref = variable.at("/valueFrom/secretKeyRef");
                return ref.path("name").asText() + "/" + ref.path("key").asText();
            }
        }
        return "";
    }

    static JsonNode volumeOrNull(JsonNode pod, String name) {
        for (JsonNode volume : pod.path("volumes")) {
            if (volume.path("name").asText().equals(name)) {
                return volume;
            }
        }
        return null;
    }

    static JsonNode volume(JsonNode pod, String name) {
        JsonNode volume = volumeOrNull(pod, name);
        assertThat(volume).as("volume " + name).isNotNull();
        return volume;
    }

    static List<String> trusted(RenderedChart chart, String service) {
        JsonNode pod = chart.named("Deployment", "vigil-" + service).at("/spec/template/spec");
        List<String> files = new ArrayList<>();
        volume(pod, "trusted-keys").at("/configMap/items").forEach(i -> files.add(i.path("path").asText()));
        return files;
    }

    static List<JsonNode> concat(JsonNode a, JsonNode b) {
        List<JsonNode> all = new ArrayList<>();
        a.forEach(all::add);
        b.forEach(all::add);
        return all;
    }
}
