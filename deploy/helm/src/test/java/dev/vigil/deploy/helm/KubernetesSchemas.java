package dev.vigil.deploy.helm;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Offline validation of rendered objects against the Kubernetes API: each kind is read into fabric8's model class,
 * which is generated from the API's OpenAPI schema. A field the schema does not have lands in the model's
 * additionalProperties (fabric8 keeps unknown fields instead of failing), so the walk below reports every one of them
 * with its path; a value of the wrong type fails the read itself. Kinds without a model here (KEDA's) are not
 * validated by this class: the test checks their required fields by hand. Strimzi's KafkaUser and KafkaTopic are read
 * into Strimzi's own API models, which keep unknown fields the same way.
 */
final class KubernetesSchemas {

    private static final Map<String, Class<?>> MODELS = Map.ofEntries(
            Map.entry("v1/Service", io.fabric8.kubernetes.api.model.Service.class),
            Map.entry("v1/ServiceAccount", io.fabric8.kubernetes.api.model.ServiceAccount.class),
            Map.entry("v1/Secret", io.fabric8.kubernetes.api.model.Secret.class),
            Map.entry("v1/ConfigMap", io.fabric8.kubernetes.api.model.ConfigMap.class),
            Map.entry("apps/v1/Deployment", io.fabric8.kubernetes.api.model.apps.Deployment.class),
            Map.entry("policy/v1/PodDisruptionBudget", io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy.class),
            Map.entry("networking.k8s.io/v1/Ingress", io.fabric8.kubernetes.api.model.networking.v1.Ingress.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler",
                    io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler.class),
            // the Prometheus Operator's CRD, as fabric8 models it (generated from the operator's CRD schema)
            Map.entry("monitoring.coreos.com/v1/ServiceMonitor",
                    io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor.class),
            // Strimzi's CRDs, as Strimzi's own API module models them (unknown fields kept the same way)
            Map.entry("kafka.strimzi.io/v1beta2/KafkaUser", io.strimzi.api.kafka.model.user.KafkaUser.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaTopic", io.strimzi.api.kafka.model.topic.KafkaTopic.class));

    /** Kinds the chart renders that no model here covers; the test checks their fields by hand. */
    static final List<String> CHECKED_BY_HAND = List.of("keda.sh/v1alpha1/ScaledObject",
            "keda.sh/v1alpha1/TriggerAuthentication");

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private KubernetesSchemas() {
    }

    static String typeOf(JsonNode object) {
        return object.path("apiVersion").asText() + "/" + object.path("kind").asText();
    }

    static boolean modelled(JsonNode object) {
        return MODELS.containsKey(typeOf(object));
    }

    /** The problems of one object: unknown kind, fields the schema lacks (with their paths), values of a wrong type. */
    static List<String> problems(JsonNode object) {
        List<String> problems = new ArrayList<>();
        Class<?> model = MODELS.get(typeOf(object));
        if (model == null) {
            problems.add("no schema for " + typeOf(object));
            return problems;
        }
        Object typed;
        try {
            typed = SERIALIZATION.unmarshal(object.toString(), model);
        } catch (RuntimeException e) {
            problems.add("does not read as " + model.getSimpleName() + ": " + e.getMessage());
            return problems;
        }
        unknownFields(typed, "", problems, Collections.newSetFromMap(new IdentityHashMap<>()));
        return problems;
    }

    /** Walks the model's getters; any non-empty additionalProperties is a field the API schema does not know. */
    private static void unknownFields(Object value, String path, List<String> problems, Set<Object> seen) {
        if (value == null) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + i++ + "]", problems, seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> unknownFields(v, path + "." + k, problems, seen));
            return;
        }
        String type = value.getClass().getName();
        if (!(type.startsWith("io.fabric8.") || type.startsWith("io.strimzi.")) || value instanceof IntOrString
                || value instanceof Quantity || !seen.add(value)) {
            return; // not a model, or one already walked through another getter (Strimzi's CustomResource has two)
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || getter.getDeclaringClass() == Object.class
                    || !(getter.getName().startsWith("get") || getter.getName().startsWith("is"))) {
                continue;
            }
            Object field;
            try {
                field = getter.invoke(value);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (field instanceof Map<?, ?> unknown && !unknown.isEmpty()) {
                    problems.add((path.isEmpty() ? "." : path) + ": fields not in the schema " + unknown.keySet());
                }
                continue;
            }
            String name = getter.getName().startsWith("get") ? getter.getName().substring(3) : getter.getName().substring(2);
            unknownFields(field, path + "." + Character.toLowerCase(name.charAt(0)) + name.substring(1), problems, seen);
        }
    }
}
