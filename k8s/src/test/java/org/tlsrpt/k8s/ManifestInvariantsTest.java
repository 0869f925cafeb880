package org.tlsrpt.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What must hold in every overlay's rendered output, whatever an overlay patches. */
class ManifestInvariantsTest {

    private static final String PROJECT_VERSION = System.getProperty("tlsrpt.project.version");

    static Stream<String> overlays() {
        return Overlays.names();
    }

    private static Stream<JsonNode> each(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }

    private static List<String> containerProblems(RenderedOverlay rendered) {
        List<String> problems = new ArrayList<>();
        for (RenderedOverlay.Labelled template : rendered.podTemplates()) {
            JsonNode pod = template.node().path("spec");
            boolean podNonRoot = pod.path("securityContext").path("runAsNonRoot").asBoolean(false);
            Set<String> emptyDirs = new TreeSet<>();
            each(pod.path("volumes")).filter(v -> v.has("emptyDir"))
                    .forEach(v -> emptyDirs.add(v.path("name").asText()));
            for (String field : List.of("initContainers", "containers")) {
                for (JsonNode container : pod.path(field)) {
                    String at = template.label() + " container " + container.path("name").asText() + ": ";
                    JsonNode security = container.path("securityContext");
                    if (!template.kind().equals("Job")) {
                        // A Job's container runs to completion and serves nothing a probe could ask.
                        for (String probe : List.of("readinessProbe", "livenessProbe")) {
                            if (!container.has(probe)) {
                                problems.add(at + "no " + probe);
                            }
                        }
                    }
                    for (String resource : List.of("cpu", "memory")) {
                        if (!container.path("resources").path("limits").has(resource)) {
                            problems.add(at + "no " + resource + " limit");
                        }
                        if (!container.path("resources").path("requests").has(resource)) {
                            problems.add(at + "no " + resource + " request");
                        }
                    }
                    if (!security.path("runAsNonRoot").asBoolean(podNonRoot)) {
                        problems.add(at + "runAsNonRoot is not true");
                    }
                    if (!security.path("readOnlyRootFilesystem").asBoolean(false)) {
                        problems.add(at + "readOnlyRootFilesystem is not true");
                    }
                    if (security.path("allowPrivilegeEscalation").asBoolean(true)) {
                        problems.add(at + "allowPrivilegeEscalation is not false");
                    }
                    String image = container.path("image").asText();
                    if (!image.endsWith(":" + PROJECT_VERSION) || image.contains("@")) {
                        problems.add(at + "image " + image + " is not pinned to the project version "
                                + PROJECT_VERSION);
                    }
                    boolean writableTmp = each(container.path("volumeMounts"))
                            .anyMatch(m -> m.path("mountPath").asText().equals("/tmp")
                                    && emptyDirs.contains(m.path("name").asText()));
                    if (!writableTmp) {
                        problems.add(at + "no emptyDir mounted on /tmp (the root file system is read-only)");
                    }
                }
            }
        }
        return problems;
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyContainerHasProbesLimitsAndRunsNonRootReadOnlyOnTheProjectVersion(String overlay) {
        RenderedOverlay rendered = Overlays.rendered(overlay);
        assertThat(PROJECT_VERSION).as("tlsrpt.project.version, set by k8s/pom.xml").isNotBlank();
        assertThat(rendered.podTemplates()).hasSizeGreaterThanOrEqualTo(4);
        assertThat(containerProblems(rendered)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void theInvariantCheckNoticesAContainerWithoutProbesOrOnAnotherTag(String overlay) {
        RenderedOverlay rendered = Overlays.rendered(overlay);
        List<JsonNode> objects = new ArrayList<>();
        for (JsonNode object : rendered.objects()) {
            JsonNode copy = object.deepCopy();
            if (copy.path("kind").asText().equals("Deployment")
                    && copy.path("metadata").path("name").asText().equals("tlsrpt-api")) {
                ObjectNode container = (ObjectNode) copy.path("spec").path("template").path("spec")
                        .path("containers").get(0);
                container.remove("livenessProbe");
                container.put("image", "registry.example.com/tlsrpt/tlsrpt:latest");
            }
            objects.add(copy);
        }
        assertThat(containerProblems(new RenderedOverlay(overlay, objects)))
                .anySatisfy(p -> assertThat(p).contains("tlsrpt-api").contains("no livenessProbe"))
                .anySatisfy(p -> assertThat(p).contains("tlsrpt-api").contains(":latest"));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void eachRoleRunsInItsOwnDeploymentFromTheSameImage(String overlay) {
        RenderedOverlay rendered = Overlays.rendered(overlay);
        Set<String> images = new TreeSet<>();
        for (String role : List.of("ingest", "processor", "api")) {
            JsonNode container = rendered.get("Deployment", "tlsrpt-" + role)
                    .path("spec").path("template").path("spec").path("containers").get(0);
            images.add(container.path("image").asText());
            assertThat(container.path("args").toString()).isEqualTo("[\"run\"]");
            assertThat(each(container.path("env"))
                    .filter(e -> e.path("name").asText().equals("TLSRPT_ROLES"))
                    .map(e -> e.path("value").asText()).toList()).containsExactly(role);
        }
        JsonNode migrate = rendered.get("Job", "tlsrpt-migrate").path("spec").path("template").path("spec")
                .path("containers").get(0);
        images.add(migrate.path("image").asText());
        assertThat(migrate.path("args").toString()).isEqualTo("[\"migrate\"]");
        assertThat(images).hasSize(1);

        JsonNode env = rendered.get("ConfigMap", "tlsrpt-env").path("data");
        assertThat(env.path("TLSRPT_CLICKHOUSE_MIGRATE").asText()).as("roles leave the schema to the Job")
                .isEqualTo("false");
        String cluster = env.path("TLSRPT_CLICKHOUSE_CLUSTER").asText();
        JsonNode clickHouse = rendered.get("ClickHouseInstallation", "tlsrpt");
        assertThat(each(clickHouse.path("spec").path("configuration").path("clusters"))
                .map(c -> c.path("name").asText())).as("the migration's ON CLUSTER name").contains(cluster);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void processorReplicasDoNotExceedTheReportsTopicPartitions(String overlay) {
        RenderedOverlay rendered = Overlays.rendered(overlay);
        JsonNode reports = rendered.ofKind("KafkaTopic").stream()
                .filter(t -> t.path("spec").path("topicName").asText().equals("tlsrpt.reports"))
                .findFirst().orElseThrow();
        int partitions = reports.path("spec").path("partitions").asInt();
        int replicas = rendered.get("Deployment", "tlsrpt-processor").path("spec").path("replicas").asInt();
        assertThat(replicas).isBetween(1, partitions);
        for (JsonNode autoscaler : rendered.ofKind("HorizontalPodAutoscaler")) {
            if (autoscaler.path("spec").path("scaleTargetRef").path("name").asText().equals("tlsrpt-processor")) {
                assertThat(autoscaler.path("spec").path("maxReplicas").asInt()).isLessThanOrEqualTo(partitions);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void kafkaHasThreeKraftNodesAndTopicsSurviveOneLoss(String overlay) {
        RenderedOverlay rendered = Overlays.rendered(overlay);
        JsonNode kafka = rendered.get("Kafka", "tlsrpt");
        assertThat(kafka.path("metadata").path("annotations").path("strimzi.io/kraft").asText()).isEqualTo("enabled");
        assertThat(kafka.path("metadata").path("annotations").path("strimzi.io/node-pools").asText())
                .isEqualTo("enabled");
        int brokers = 0;
        int controllers = 0;
        for (JsonNode pool : rendered.ofKind("KafkaNodePool")) {
            List<String> roles = each(pool.path("spec").path("roles")).map(JsonNode::asText).toList();
            brokers += roles.contains("broker") ? pool.path("spec").path("replicas").asInt() : 0;
            controllers += roles.contains("controller") ? pool.path("spec").path("replicas").asInt() : 0;
        }
        assertThat(brokers).isEqualTo(3);
        assertThat(controllers).isEqualTo(3);
        Set<String> topics = new TreeSet<>();
        for (JsonNode topic : rendered.ofKind("KafkaTopic")) {
            topics.add(topic.path("spec").path("topicName").asText());
            assertThat(topic.path("spec").path("replicas").asInt()).isEqualTo(3);
            assertThat(topic.path("spec").path("config").path("min.insync.replicas").asInt()).isEqualTo(2);
            assertThat(topic.path("metadata").path("labels").path("strimzi.io/cluster").asText()).isEqualTo("tlsrpt");
        }
        assertThat(topics).containsExactly("tlsrpt.quarantine", "tlsrpt.reports");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void clickHouseIsReplicatedAndCoordinatedByTheKeeper(String overlay) {
        RenderedOverlay rendered = Overlays.rendered(overlay);
        JsonNode installation = rendered.get("ClickHouseInstallation", "tlsrpt").path("spec");
        JsonNode layout = installation.path("configuration").path("clusters").get(0).path("layout");
        assertThat(layout.path("replicasCount").asInt()).isGreaterThanOrEqualTo(2);
        if (overlay.equals("production")) {
            assertThat(layout.path("shardsCount").asInt()).isEqualTo(2);
            assertThat(layout.path("replicasCount").asInt()).isEqualTo(2);
        }
        JsonNode keeper = rendered.get("ClickHouseKeeperInstallation", "tlsrpt");
        assertThat(installation.path("configuration").path("zookeeper").path("nodes").get(0).path("host").asText())
                .isEqualTo("keeper-" + keeper.path("metadata").path("name").asText());
        assertThat(keeper.path("spec").path("configuration").path("clusters").get(0).path("layout")
                .path("replicasCount").asInt() % 2).as("an odd number of keepers").isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void onlyIngestAndTheApiAreReachableFromOutside(String overlay) {
        RenderedOverlay rendered = Overlays.rendered(overlay);
        assertThat(rendered.ofKind("NetworkPolicy"))
                .anySatisfy(p -> assertThat(p.path("spec").path("podSelector").isEmpty()
                        || p.path("spec").path("podSelector").path("matchLabels").isEmpty()).isTrue());
        // A rule without `from` admits any source: only ingest may have one.
        for (JsonNode policy : rendered.ofKind("NetworkPolicy")) {
            boolean openToAll = each(policy.path("spec").path("ingress")).anyMatch(rule -> !rule.has("from"));
            if (openToAll) {
                assertThat(policy.path("spec").path("podSelector").path("matchLabels")
                        .path("app.kubernetes.io/component").asText()).as(policy.path("metadata").path("name").asText())
                        .isEqualTo("ingest");
            }
        }
        for (JsonNode service : rendered.ofKind("Service")) {
            String type = service.path("spec").path("type").asText("ClusterIP");
            if (!type.equals("ClusterIP")) {
                assertThat(service.path("spec").path("selector").path("app.kubernetes.io/component").asText())
                        .as("Service %s of type %s", service.path("metadata").path("name").asText(), type)
                        .isEqualTo("ingest");
                assertThat(each(service.path("spec").path("ports")).map(p -> p.path("port").asInt()))
                        .containsExactlyInAnyOrder(25, 443);
            }
        }
        for (JsonNode ingress : rendered.ofKind("Ingress")) {
            ingress.findValues("service").forEach(backend ->
                    assertThat(backend.path("name").asText()).isEqualTo("tlsrpt-api"));
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void kafkaAndClickHouseAdmitOnlyTheRolesThatUseThem(String overlay) {
        RenderedOverlay rendered = Overlays.rendered(overlay);
        Map<String, Set<String>> expected = Map.of(
                "strimzi.io/cluster", Set.of("ingest", "processor"),
                "clickhouse.altinity.com/chi", Set.of("processor", "api", "migrate"));
        expected.forEach((selectorLabel, roles) -> {
            List<JsonNode> policies = rendered.ofKind("NetworkPolicy").stream()
                    .filter(p -> p.path("spec").path("podSelector").path("matchLabels").has(selectorLabel))
                    .toList();
            assertThat(policies).as("NetworkPolicy selecting %s", selectorLabel).isNotEmpty();
            Set<String> admitted = new TreeSet<>();
            for (JsonNode policy : policies) {
                for (JsonNode rule : policy.path("spec").path("ingress")) {
                    assertThat(rule.has("from")).as("%s: a rule open to all", selectorLabel).isTrue();
                    for (JsonNode expression : rule.findValues("matchExpressions")) {
                        each(expression).filter(e -> e.path("key").asText().equals("app.kubernetes.io/component"))
                                .forEach(e -> each(e.path("values")).forEach(v -> admitted.add(v.asText())));
                    }
                }
            }
            assertThat(admitted).as("roles admitted to %s", selectorLabel).isEqualTo(new TreeSet<>(roles));
        });
        JsonNode listener = rendered.get("Kafka", "tlsrpt").path("spec").path("kafka").path("listeners").get(0);
        assertThat(listener.path("networkPolicyPeers").isEmpty())
                .as("without peers Strimzi opens the listener to every pod").isFalse();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everySecretAndConfigMapAPodUsesIsRendered(String overlay) {
        RenderedOverlay rendered = Overlays.rendered(overlay);
        Set<String> secrets = new TreeSet<>();
        rendered.ofKind("Secret").forEach(s -> secrets.add(s.path("metadata").path("name").asText()));
        Set<String> configMaps = new TreeSet<>();
        rendered.ofKind("ConfigMap").forEach(c -> configMaps.add(c.path("metadata").path("name").asText()));
        for (RenderedOverlay.Labelled template : rendered.podTemplates()) {
            JsonNode pod = template.node();
            pod.findValues("secretKeyRef").forEach(ref -> assertThat(secrets).contains(ref.path("name").asText()));
            pod.findValues("secretName").forEach(name -> assertThat(secrets).contains(name.asText()));
            pod.findValues("configMapRef").forEach(ref -> assertThat(configMaps).contains(ref.path("name").asText()));
            pod.findValues("configMap").forEach(ref -> assertThat(configMaps).contains(ref.path("name").asText()));
        }
        String chSecret = rendered.get("ClickHouseInstallation", "tlsrpt").path("spec").path("configuration")
                .path("users").path("tlsrpt/k8s_secret_password").asText();
        assertThat(secrets).contains(chSecret.substring(0, chSecret.indexOf('/')));
        assertThat(rendered.ofKind("HorizontalPodAutoscaler").stream()
                .map(h -> h.path("spec").path("scaleTargetRef").path("name").asText()))
                .containsExactlyInAnyOrder("tlsrpt-ingest", "tlsrpt-api");
        assertThat(rendered.ofKind("PodDisruptionBudget")).hasSize(3);
        assertThat(rendered.ofKind("ServiceMonitor")).hasSize(1);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void healthAndMetricsAreOnTheManagementPortWhichNoPublicServiceOrIngressCarries(String overlay) {
        RenderedOverlay rendered = Overlays.rendered(overlay);
        assertThat(rendered.get("ConfigMap", "tlsrpt-env").path("data").path("QUARKUS_MANAGEMENT_HOST").asText())
                .as("the kubelet's probes and Prometheus come from outside the pod").isEqualTo("0.0.0.0");
        for (String role : List.of("ingest", "processor", "api")) {
            JsonNode container = rendered.get("Deployment", "tlsrpt-" + role)
                    .path("spec").path("template").path("spec").path("containers").get(0);
            assertThat(each(container.path("ports"))
                    .filter(p -> p.path("name").asText().equals("management"))
                    .map(p -> p.path("containerPort").asInt())).as(role).containsExactly(9000);
            for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
                assertThat(container.path(probe).path("httpGet").path("port").asText()).as("%s %s", role, probe)
                        .isEqualTo("management");
            }
        }
        for (JsonNode endpoint : rendered.ofKind("ServiceMonitor").get(0).path("spec").path("endpoints")) {
            assertThat(endpoint.path("port").asText()).isEqualTo("management");
        }
        for (JsonNode service : rendered.ofKind("Service")) {
            String name = service.path("metadata").path("name").asText();
            List<Integer> ports = each(service.path("spec").path("ports")).map(p -> p.path("port").asInt()).toList();
            if (service.path("metadata").path("labels").path("tlsrpt.org/metrics").asText().equals("true")) {
                assertThat(each(service.path("spec").path("ports")).map(p -> p.path("name").asText()))
                        .as("Service %s is scraped", name).contains("management");
            }
            if (!service.path("spec").path("type").asText("ClusterIP").equals("ClusterIP")) {
                assertThat(ports).as("Service %s faces the Internet", name).doesNotContain(9000);
            }
        }
        for (JsonNode ingress : rendered.ofKind("Ingress")) {
            ingress.findValues("port").forEach(port -> assertThat(port.path("name").asText()).isEqualTo("http"));
        }
        for (JsonNode policy : rendered.ofKind("NetworkPolicy")) {
            for (JsonNode rule : policy.path("spec").path("ingress")) {
                boolean fromMonitoring = rule.findValues("kubernetes.io/metadata.name").stream()
                        .anyMatch(n -> n.asText().equals("monitoring"));
                if (fromMonitoring) {
                    assertThat(each(rule.path("ports")).map(p -> p.path("port").asInt()))
                            .as("%s: Prometheus reaches the management port only",
                                    policy.path("metadata").path("name").asText())
                            .containsExactly(9000);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void theApiTokenComesFromASecretSoNoPodGeneratesOneIntoItsLog(String overlay) {
        RenderedOverlay rendered = Overlays.rendered(overlay);
        JsonNode container = rendered.get("Deployment", "tlsrpt-api")
                .path("spec").path("template").path("spec").path("containers").get(0);
        for (String variable : List.of("TLSRPT_API_TOKEN", "TLSRPT_API_TOKEN_PEPPER", "TLSRPT_CLICKHOUSE_PASSWORD")) {
            JsonNode reference = each(container.path("env")).filter(e -> e.path("name").asText().equals(variable))
                    .findFirst().orElseThrow(() -> new AssertionError(variable + " is not set")).path("valueFrom")
                    .path("secretKeyRef");
            JsonNode secret = rendered.get("Secret", reference.path("name").asText());
            assertThat(secret.path("data").has(reference.path("key").asText())).as(variable).isTrue();
        }
    }
}
