package org.tlsrpt.k8s;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpec;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a rendered object against the API of its kind, offline.
 *
 * <p>Kubernetes and Strimzi kinds are bound strictly to the API models their projects publish on Maven Central
 * (fabric8 kubernetes-model, generated from the Kubernetes OpenAPI; io.strimzi:api, from which Strimzi
 * generates its CRDs): a value of the wrong type or an unknown enum value fails to bind, and a field the API
 * does not have, which those models keep aside instead of failing, is reported with its path, as is a required
 * field (Strimzi marks them) that is missing. The Altinity kinds
 * have no such artifact: they are checked against the hand-written JSON schemas in {@code schemas/}, and the
 * Pod and PVC specs inside their templates are bound like any Kubernetes object.
 */
final class ApiSchemas {

    private static final Map<String, Class<?>> MODELS = Map.ofEntries(
            Map.entry("v1/Namespace", io.fabric8.kubernetes.api.model.Namespace.class),
            Map.entry("v1/ServiceAccount", io.fabric8.kubernetes.api.model.ServiceAccount.class),
            Map.entry("v1/ConfigMap", io.fabric8.kubernetes.api.model.ConfigMap.class),
            Map.entry("v1/Secret", io.fabric8.kubernetes.api.model.Secret.class),
            Map.entry("v1/Service", io.fabric8.kubernetes.api.model.Service.class),
            Map.entry("apps/v1/Deployment", io.fabric8.kubernetes.api.model.apps.Deployment.class),
            Map.entry("batch/v1/Job", io.fabric8.kubernetes.api.model.batch.v1.Job.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler",
                    io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler.class),
            Map.entry("policy/v1/PodDisruptionBudget",
                    io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy",
                    io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy.class),
            Map.entry("networking.k8s.io/v1/Ingress", io.fabric8.kubernetes.api.model.networking.v1.Ingress.class),
            Map.entry("monitoring.coreos.com/v1/ServiceMonitor",
                    io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor.class),
            Map.entry("kafka.strimzi.io/v1beta2/Kafka", io.strimzi.api.kafka.model.kafka.Kafka.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaNodePool",
                    io.strimzi.api.kafka.model.nodepool.KafkaNodePool.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaTopic", io.strimzi.api.kafka.model.topic.KafkaTopic.class));

    private static final Map<String, String> SCHEMAS = Map.of(
            "clickhouse.altinity.com/v1/ClickHouseInstallation",
            "schemas/clickhouse.altinity.com/clickhouseinstallation-v1.json",
            "clickhouse-keeper.altinity.com/v1/ClickHouseKeeperInstallation",
            "schemas/clickhouse-keeper.altinity.com/clickhousekeeperinstallation-v1.json");

    private final ObjectMapper mapper = strictMapper();
    private final JsonSchemaFactory schemaFactory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);

    /** Every apiVersion/kind this checker knows; anything else rendered is a problem in itself. */
    static Set<String> knownKinds() {
        var kinds = new java.util.TreeSet<>(MODELS.keySet());
        kinds.addAll(SCHEMAS.keySet());
        return kinds;
    }

    /** What is wrong with the object, each with its path; empty when it is valid for its API. */
    List<String> problems(JsonNode object) {
        String key = object.path("apiVersion").asText() + "/" + object.path("kind").asText();
        List<String> problems = new ArrayList<>();
        if (object.path("metadata").path("name").asText().isEmpty()) {
            problems.add("metadata.name: missing");
        }
        if (MODELS.containsKey(key)) {
            problems.addAll(bind(object, MODELS.get(key), ""));
        } else if (SCHEMAS.containsKey(key)) {
            problems.addAll(validate(object, SCHEMAS.get(key)));
            problems.addAll(templateSpecs(object));
        } else {
            problems.add(key + ": no schema for this apiVersion and kind (known: " + knownKinds() + ")");
        }
        return problems;
    }

    private List<String> bind(JsonNode node, Class<?> model, String path) {
        Object bound;
        try {
            bound = mapper.treeToValue(node, model);
        } catch (JsonProcessingException e) {
            return List.of((path.isEmpty() ? "(top level)" : path) + ": " + e.getOriginalMessage());
        }
        List<String> problems = new ArrayList<>();
        unknownFields(bound, path, problems, new IdentityHashMap<>());
        return problems;
    }

    /** Walks the bound model like Jackson would write it, reporting fields the model had to keep aside. */
    private void unknownFields(Object value, String path, List<String> problems, Map<Object, Boolean> seen) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof Enum<?> || seen.put(value, Boolean.TRUE) != null) {
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
        String packageName = value.getClass().getPackageName();
        if (!packageName.startsWith("io.fabric8.") && !packageName.startsWith("io.strimzi.")) {
            return;
        }
        JavaType type = mapper.constructType(value.getClass());
        BeanDescription description = mapper.getSerializationConfig().introspect(type);
        for (BeanPropertyDefinition property : description.findProperties()) {
            if (property.getAccessor() == null) {
                continue;
            }
            Object child;
            try {
                child = property.getAccessor().getValue(value);
            } catch (RuntimeException e) {
                continue;
            }
            if (property.getName().equals("additionalProperties")) {
                continue;
            }
            String childPath = path.isEmpty() ? property.getName() : path + "." + property.getName();
            if (child == null && property.isRequired()) {
                // Strimzi binds an unknown enum value to null; its required fields say so.
                problems.add(childPath + ": required, and missing or not one of the allowed values");
            }
            unknownFields(child, childPath, problems, seen);
        }
        var anyGetter = description.findAnyGetter();
        if (anyGetter != null && anyGetter.getValue(value) instanceof Map<?, ?> extra && !extra.isEmpty()) {
            problems.add((path.isEmpty() ? "(top level)" : path) + ": unknown field(s) " + extra.keySet()
                    + " for " + value.getClass().getSimpleName());
        } else if (anyGetter == null) {
            try {
                var getter = value.getClass().getMethod("getAdditionalProperties");
                if (getter.invoke(value) instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    problems.add((path.isEmpty() ? "(top level)" : path) + ": unknown field(s) " + extra.keySet()
                            + " for " + value.getClass().getSimpleName());
                }
            } catch (ReflectiveOperationException e) {
                // The model has no place for unknown fields: binding would have failed on one.
            }
        }
    }

    private List<String> validate(JsonNode object, String resource) {
        JsonSchema schema;
        try (InputStream in = ApiSchemas.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing schema resource " + resource);
            }
            schema = schemaFactory.getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return schema.validate(object).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    /** The Altinity templates embed Kubernetes Pod and PVC specs: those are checked against Kubernetes' API. */
    private List<String> templateSpecs(JsonNode object) {
        List<String> problems = new ArrayList<>();
        JsonNode templates = object.path("spec").path("templates");
        int i = 0;
        for (JsonNode pod : templates.path("podTemplates")) {
            problems.addAll(bind(pod.path("spec"), PodSpec.class, "spec.templates.podTemplates[" + i++ + "].spec"));
        }
        i = 0;
        for (JsonNode claim : templates.path("volumeClaimTemplates")) {
            problems.addAll(bind(claim.path("spec"), PersistentVolumeClaimSpec.class,
                    "spec.templates.volumeClaimTemplates[" + i++ + "].spec"));
        }
        return problems;
    }

    private static ObjectMapper strictMapper() {
        JsonMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
        // "8080" is not a port number and 1 is not a name: no quiet conversions between strings and numbers.
        for (LogicalType type : List.of(LogicalType.Integer, LogicalType.Float, LogicalType.Boolean)) {
            mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        return mapper;
    }
}
