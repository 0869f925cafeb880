package org.tlsrpt.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The checker finds the mistakes people make in manifests; without this, a green schema test proves little. */
class ApiSchemasTest {

    private final ApiSchemas schemas = new ApiSchemas();

    private ObjectNode object(String kind, String name) {
        JsonNode found = Overlays.rendered("production").get(kind, name);
        return found.deepCopy();
    }

    private static ObjectNode container(ObjectNode workload) {
        return (ObjectNode) workload.path("spec").path("template").path("spec").path("containers").get(0);
    }

    @Test
    void aRenderedDeploymentIsValid() {
        assertThat(schemas.problems(object("Deployment", "tlsrpt-ingest"))).isEmpty();
    }

    @Test
    void aMisspelledFieldDeepInADeploymentIsReportedWithItsPath() {
        ObjectNode deployment = object("Deployment", "tlsrpt-ingest");
        ObjectNode container = container(deployment);
        container.set("readinesProbe", container.remove("readinessProbe"));

        assertThat(schemas.problems(deployment)).singleElement().asString()
                .contains("spec.template.spec.containers[0]").contains("readinesProbe");
    }

    @Test
    void aPortGivenAsTextWhereTheApiWantsANumberIsRefused() {
        ObjectNode deployment = object("Deployment", "tlsrpt-api");
        ((ObjectNode) container(deployment).path("ports").get(0)).put("containerPort", "8080");

        assertThat(schemas.problems(deployment)).isNotEmpty();
    }

    @Test
    void quantitiesAndNamedPortsAreAccepted() {
        ObjectNode deployment = object("Deployment", "tlsrpt-api");
        ((ObjectNode) container(deployment).path("resources").path("limits")).put("memory", "1.5Gi");

        assertThat(schemas.problems(deployment)).isEmpty();
    }

    @Test
    void anUnknownStrimziFieldIsReported() {
        ObjectNode topic = object("KafkaTopic", "tlsrpt-reports");
        ((ObjectNode) topic.path("spec")).put("replicationFactor", 3);

        assertThat(schemas.problems(topic)).singleElement().asString().contains("replicationFactor");
    }

    @Test
    void anUnknownStrimziListenerTypeIsRefused() {
        ObjectNode kafka = object("Kafka", "tlsrpt");
        ((ObjectNode) kafka.path("spec").path("kafka").path("listeners").get(0)).put("type", "public");

        assertThat(schemas.problems(kafka)).isNotEmpty();
    }

    @Test
    void anAltinityLayoutWithAMisspelledCountIsRefused() {
        ObjectNode installation = object("ClickHouseInstallation", "tlsrpt");
        ObjectNode layout = (ObjectNode) installation.path("spec").path("configuration").path("clusters").get(0)
                .path("layout");
        layout.set("shardCount", layout.remove("shardsCount"));

        assertThat(schemas.problems(installation)).anySatisfy(p -> assertThat(p).contains("shardCount"));
    }

    @Test
    void aPodSpecInsideAnAltinityTemplateIsCheckedAgainstKubernetes() {
        ObjectNode keeper = object("ClickHouseKeeperInstallation", "tlsrpt");
        ObjectNode container = (ObjectNode) keeper.path("spec").path("templates").path("podTemplates").get(0)
                .path("spec").path("containers").get(0);
        container.put("imagePullPolcy", "Always");

        assertThat(schemas.problems(keeper)).singleElement().asString()
                .contains("spec.templates.podTemplates[0].spec.containers[0]").contains("imagePullPolcy");
    }

    @Test
    void aKindWithoutASchemaIsRefused() {
        ObjectNode unknown = new ObjectMapper().createObjectNode()
                .put("apiVersion", "example.com/v1").put("kind", "Widget");
        unknown.putObject("metadata").put("name", "w");

        assertThat(schemas.problems(unknown)).singleElement().asString().contains("no schema");
    }

    @Test
    void aNetworkPolicyPeerListGivenAsTextIsRefused() {
        ObjectNode policy = object("NetworkPolicy", "tlsrpt-kafka");
        ArrayNode ingress = (ArrayNode) policy.path("spec").path("ingress");
        ((ObjectNode) ingress.get(0)).put("from", "everyone");

        assertThat(schemas.problems(policy)).isNotEmpty();
    }
}
