package org.tlsrpt.app.health;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Health, metrics, OpenAPI and Swagger UI are served on the management port only: the public port (the ingest's faces the
 * Internet) answers 404 for them. Health names no address.
 */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedInfrastructureResource.class, restrictToAnnotatedClass = false)
class ReadinessTest {

    /** {@code /q/health} on the management port (the URL holds its root path, {@code /q}). */
    @TestHTTPResource(value = "/health", management = true)
    URL health;

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @ConfigProperty(name = "tlsrpt.clickhouse.jdbc-url")
    String jdbcUrl;

    @ConfigProperty(name = "tlsrpt.kafka.bootstrap-servers")
    String bootstrapServers;

    @Test
    void readinessIsUpWhenKafkaAndClickHouseAnswer() {
        given().when().get(health + "/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("kafka", "clickhouse", "processor"))
                .body("checks.find { it.name == 'kafka' }.data.nodes", equalTo(1))
                .body("checks.find { it.name == 'kafka' }.data.origin", equalTo("external"))
                .body("checks.find { it.name == 'clickhouse' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'processor' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'processor' }.data.'tlsrpt.reports'", equalTo("UP"))
                .body("checks.find { it.name == 'processor' }.data.'tlsrpt.quarantine'", equalTo("UP"));
    }

    @Test
    void livenessIsUp() {
        given().when().get(health + "/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void thePublicPortServesNoHealthMetricsOrSwaggerUiButTheOpenApiContract() {
        for (String path : new String[] {"/q/health", "/q/health/ready", "/q/metrics", "/q/swagger-ui/"}) {
            assertThat(given().when().get(path).statusCode()).as(path).isEqualTo(404);
        }
        given().when().get(metrics.toString()).then().statusCode(200);
        given().when().get("/q/openapi").then().statusCode(200);
    }

    @Test
    void healthNamesNoAddressOfKafkaOrClickHouse() {
        String answer = given().when().get(health.toString()).then().statusCode(200).extract().asString();
        assertThat(answer).contains("clickhouse").doesNotContain(jdbcUrl).doesNotContain("jdbc:")
                .doesNotContain(bootstrapServers);
    }
}
